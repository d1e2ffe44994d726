"""The personal explainer: an assessment turned into what the result page shows. Pure Python, no Flask."""

from __future__ import annotations

from dataclasses import dataclass

from .content import CARE_LEVELS, Content, Option, Question, RedFlag, Section, Source
from .engine import STRONG_FIT, Assessment, RankedCause, Walk


@dataclass(frozen=True)
class Explainer:
    """What the result page shows, derived from the assessment."""

    content: Content
    assessment: Assessment
    card_flags: tuple[RedFlag, ...]  # on the care card: the most urgent level, at most five
    other_flags: tuple[RedFlag, ...]  # the rest, listed under the card
    when_to_see: tuple[tuple[str, tuple[RedFlag, ...]], ...]  # always shown, per care level
    sources: tuple[Source, ...]  # every source the page cites, in order of first use
    sections: tuple[Section, ...]


def build_explainer(content: Content, walk: Walk, assessment: Assessment) -> Explainer:
    flags = assessment.red_flags
    card_flags = tuple(f for f in flags if f.level == assessment.care_level)[:5]
    when_to_see = tuple(
        (level, tuple(f for f in content.red_flags_by_level[level] if f.when.questions <= walk.asked))
        for level in CARE_LEVELS[:3]
    )
    cited: dict[str, None] = {}
    for flag in flags:
        cited[flag.source] = None
    passages = [p for ranked in assessment.causes for p in (*ranked.cause.explanation, *ranked.cause.self_care)]
    passages += [p for section in assessment.sections for p in section.passages]
    for ranked in assessment.causes:
        for quote_id in ranked.cause.quotes:
            cited[content.speakers[content.quotes[quote_id].speaker].source] = None
    for passage in passages:
        source = passage.source or content.speakers[content.quotes[passage.quote].speaker].source
        cited[source] = None
    for _, level_flags in when_to_see:
        for flag in level_flags:
            cited[flag.source] = None
    return Explainer(
        content=content,
        assessment=assessment,
        card_flags=card_flags,
        other_flags=tuple(f for f in flags if f not in card_flags),
        when_to_see=when_to_see,
        sources=tuple(content.sources[source_id] for source_id in cited),
        sections=assessment.sections,
    )


def answer_rows(content: Content, walk: Walk) -> list[tuple[Question, list[Option]]]:
    """Each answered question with its chosen options, in the content's order."""
    return [(q, [q.option(o) for o in walk.answers[q.id]]) for q in walk.questions if q.id in walk.answers]


def fit_percent(ranked: RankedCause, assessment: Assessment) -> int:
    """Bar length for a cause. Scaled to the best fit, but never so that a weak fit looks strong."""
    scale = max(assessment.top_score, STRONG_FIT)
    return round(100 * min(ranked.score, scale) / scale)
