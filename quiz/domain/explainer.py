"""The personal explainer: an assessment turned into what the result page shows. Pure Python, no Flask.

The page opens with a summary of at most three sentences (a reported warning sign first, then the
likeliest reasons in the visitor's own terms, then the next step), keeps the rest short, and puts
detail behind "More about ...". Each quote appears once; citations are numbers into one list.

Page order, which the citation numbers follow (first use numbers a source):
  summary -> care card (card_flags, other_flags) -> short_causes (each: reasons, self_care, then
  under "More about <title>": quotes, explanation) -> short_sections -> when_to_see.first ->
  when_to_see.by_level (every warning sign, one tap away under the first five) ->
  "More about ...": more_causes, more_sections -> sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .content import CARE_LEVELS, Content, Option, Passage, Question, Quote, RedFlag, Region, Section, Source
from .engine import STRONG_FIT, Assessment, RankedCause, Walk

SHORT_CAUSES = 2  # causes in the short part; the rest sit under "More about ..."
WHEN_TO_SEE_FIRST = 5  # items of "When to see a doctor" shown before "All warning signs"
REMINDER_LEVELS = ("self-care", "non-urgent")  # "Remind me in 2 weeks" makes sense only when waiting is safe



def N_(message: str) -> str:
    """Marks an English sentence pattern for the interface catalogue (pybabel extracts N_) without
    translating it here: the domain knows no language; the web layer translates a `Wording`."""
    return message


@dataclass(frozen=True)
class Wording:
    """The explainer's own sentences, as %-patterns with named placeholders. English by default;
    `translated(gettext)` gives them in the page's language (quiz/web/views.py), so the domain
    stays free of Flask and every pattern is an ordinary catalogue entry for translators."""

    # They complete "Because you told us <sign>, ...", per care level.
    advice_emergency: str = N_("you need help now")
    advice_urgent: str = N_("a doctor should check you today or tomorrow")
    advice_non_urgent: str = N_("a doctor should check this")
    because_you_told_us: str = N_("Because you told us %(signs)s, %(advice)s.")
    two_signs_and_more: str = N_("%(first)s, %(second)s and more")
    also_something_else: str = N_("Twitching can also come from something else you told us: %(reasons)s.")
    also_other_things: str = N_("Twitching can also come from other things you told us: %(reasons)s.")
    self_care_advice: str = N_("You can look after this yourself for now.")
    no_clear_cause: str = N_("Nothing you told us points to one clear cause.")
    likeliest_reason: str = N_("The likeliest reason is that %(reason)s.")
    likeliest_reasons: str = N_("The likeliest reasons are that %(reasons)s.")
    self_care_next_step: str = N_("Try the steps below, and see a %(doctor)s if the twitching lasts more than 2 weeks.")
    care_next_step: str = N_("%(heading)s.")
    last_of_list: str = N_("%(others)s and %(last)s")  # "a, b and c": the word before the last item
    causes_heading: str = N_("What may be causing your twitching")
    causes_heading_after_sign: str = N_("Things that can also cause twitching")

    def translated(self, gettext: Callable[[str], str]) -> Wording:
        return Wording(**{name: gettext(value) for name, value in vars(self).items()})

    def advice_after_sign(self, level: str) -> str:
        return {"emergency": self.advice_emergency, "urgent": self.advice_urgent, "non-urgent": self.advice_non_urgent}[level]

    def join(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else self.last_of_list % {"others": ", ".join(parts[:-1]), "last": parts[-1]}


ENGLISH = Wording()


@dataclass(frozen=True)
class CauseView:
    """One cause as the result shows it."""

    ranked: RankedCause
    reasons: tuple[str, ...]  # the content's sentences, weightiest first; empty for "No clear cause"
    quotes: tuple[Quote, ...]  # its quotes not already shown higher on the page
    self_care: tuple[Passage, ...]  # its steps not already listed under a cause above

    @property
    def cause(self):
        return self.ranked.cause

    @property
    def id(self) -> str:
        return self.ranked.cause.id

    @property
    def title(self) -> str:
        return self.ranked.cause.title

    @property
    def fit(self) -> str:
        """"strong" or "some"; "" for "No clear cause", which nothing points to."""
        strength = self.ranked.strength
        return "" if strength == "none" else strength

    @property
    def explanation(self) -> tuple[Passage, ...]:
        return self.ranked.cause.explanation


@dataclass(frozen=True)
class SectionView:
    """A section as the result shows it: without a quote that is already shown higher on the page."""

    section: Section
    passages: tuple[Passage, ...]

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def title(self) -> str:
        return self.section.title


@dataclass(frozen=True)
class WhenToSee:
    """ "When to see a doctor": the items most relevant to the answers, then every warning sign."""

    first: tuple[RedFlag, ...]  # at most five; reported signs first, most urgent first
    by_level: tuple[tuple[str, tuple[RedFlag, ...]], ...]  # every warning sign, per care level

    @property
    def first_by_level(self) -> tuple[tuple[str, tuple[RedFlag, ...]], ...]:
        """`first` grouped under one heading per care level, most urgent first."""
        return tuple(
            (level, flags) for level in CARE_LEVELS[:3]
            if (flags := tuple(flag for flag in self.first if flag.level == level))
        )


@dataclass(frozen=True)
class Explainer:
    """What the result page shows, derived from the assessment."""

    content: Content
    assessment: Assessment
    card_flags: tuple[RedFlag, ...]  # on the care card: the most urgent level, at most five
    other_flags: tuple[RedFlag, ...]  # the rest, listed under the card
    when_to_see: WhenToSee
    sources: tuple[Source, ...]  # every source the page cites, numbered 1.. in order of first use
    region: Region
    summary: tuple[str, ...] = ()  # at most three short sentences
    warning_first: bool = False  # a warning sign was reported: the summary opened with it
    causes_heading: str = ENGLISH.causes_heading
    short_causes: tuple[CauseView, ...] = ()
    more_causes: tuple[CauseView, ...] = ()
    short_sections: tuple[SectionView, ...] = ()
    more_sections: tuple[SectionView, ...] = ()
    remind_in_two_weeks: bool = False
    refs: dict[str, int] = field(default_factory=dict, hash=False)  # source id -> its number
    source_region: str = ""  # the region whose own sources red flags cite ("" for their default)

    @property
    def causes(self) -> tuple[CauseView, ...]:
        return self.short_causes + self.more_causes

    def ref(self, source_id: str) -> int:
        """The number of a source in `sources` (1 for the first)."""
        return self.refs[source_id]

    def source_of(self, item: Passage | RedFlag | Quote) -> str:
        """The id of the source that `item` cites, for this visitor's region."""
        if isinstance(item, RedFlag):
            return item.source_for(self.source_region)
        if isinstance(item, Quote):
            return self.content.speakers[item.speaker].source
        if item.quote:
            return self.content.speakers[self.content.quotes[item.quote].speaker].source
        return item.source

    def cite(self, item: Passage | RedFlag | Quote) -> int:
        """The reference number to print after `item`: "[3]"."""
        return self.refs[self.source_of(item)]


def build_explainer(content: Content, walk: Walk, assessment: Assessment, region: str = "",
                    wording: Wording = ENGLISH) -> Explainer:
    """`region`: the visitor's region id. It picks the regional sources of red flags and the wording
    of the summary's next step. Without it, red flags cite their default source and the wording is
    the first region's in the content file. `wording`: the explainer's own sentences, in the
    language of `content`."""
    region_ = content.regions.get(region) or next(iter(content.regions.values()))
    source_region = region if region in content.regions else ""
    flags = assessment.red_flags
    card_flags = tuple(f for f in flags if f.level == assessment.care_level)[:5]
    other_flags = tuple(f for f in flags if f not in card_flags)
    when_to_see = _when_to_see(content, walk, flags)

    shown_quotes: set[str] = set()
    listed_steps: set[str] = set()

    # No "rest" or "find ways to relax" beside advice to call for help now.
    self_care_shown = assessment.care_level != "emergency"

    def cause_view(ranked: RankedCause) -> CauseView:
        quotes = tuple(content.quotes[q] for q in ranked.cause.quotes if q not in shown_quotes)
        shown_quotes.update(q.id for q in quotes)
        steps = tuple(step for step in ranked.cause.self_care if self_care_shown and step.text not in listed_steps)
        listed_steps.update(step.text for step in steps)
        return CauseView(ranked, ranked.reason_texts, quotes, steps)

    def section_view(section: Section) -> SectionView:
        passages = tuple(p for p in section.passages if not p.quote or p.quote not in shown_quotes)
        shown_quotes.update(p.quote for p in passages if p.quote)
        return SectionView(section, passages)

    # Built in page order, so a quote or a step is kept where the visitor first meets it.
    short_causes = tuple(cause_view(ranked) for ranked in assessment.causes[:SHORT_CAUSES])
    short_sections = tuple(section_view(s) for s in assessment.sections if not s.more)
    more_causes = tuple(cause_view(ranked) for ranked in assessment.causes[SHORT_CAUSES:])
    more_sections = tuple(section_view(s) for s in assessment.sections if s.more)

    cited: dict[str, None] = {}
    for flag in (*card_flags, *other_flags):
        cited[flag.source_for(source_region)] = None

    def cite_causes(views: tuple[CauseView, ...]) -> None:
        for view in views:
            for passage in view.self_care:
                cited[passage.source] = None
            for quote in view.quotes:
                cited[content.speakers[quote.speaker].source] = None
            for passage in view.explanation:
                cited[passage.source] = None

    def cite_sections(views: tuple[SectionView, ...]) -> None:
        for view in views:
            for passage in view.passages:
                cited[passage.source or content.speakers[content.quotes[passage.quote].speaker].source] = None

    cite_causes(short_causes)
    cite_sections(short_sections)
    for flag in when_to_see.first:
        cited[flag.source_for(source_region)] = None
    for _, level_flags in when_to_see.by_level:
        for flag in level_flags:
            cited[flag.source_for(source_region)] = None
    cite_causes(more_causes)
    cite_sections(more_sections)

    return Explainer(
        content=content,
        assessment=assessment,
        card_flags=card_flags,
        other_flags=other_flags,
        when_to_see=when_to_see,
        sources=tuple(content.sources[source_id] for source_id in cited),
        region=region_,
        summary=personal_summary(region_, assessment, wording),
        warning_first=bool(flags),
        causes_heading=wording.causes_heading_after_sign if flags else wording.causes_heading,
        short_causes=short_causes,
        more_causes=more_causes,
        short_sections=short_sections,
        more_sections=more_sections,
        remind_in_two_weeks=assessment.care_level in REMINDER_LEVELS,
        refs={source_id: number for number, source_id in enumerate(cited, start=1)},
        source_region=source_region,
    )


def personal_summary(region: Region, assessment: Assessment, wording: Wording = ENGLISH) -> tuple[str, ...]:
    """At most three short sentences: what to do (a reported warning sign first, as the reason for
    the advice), the likeliest one or two reasons in the visitor's own terms, the next step."""
    level = assessment.care_level
    flags = assessment.red_flags
    # A reason the warning sign already says ("you take a medicine that can cause twitching") is not repeated.
    reasons = [r for r in _likeliest_reasons(assessment) if r not in {_capitalise(f.summary) for f in flags}]
    sentences = []
    if flags:
        signs = list(dict.fromkeys(flag.summary for flag in flags))
        told = wording.join(signs) if len(signs) <= 2 else wording.two_signs_and_more % {"first": signs[0], "second": signs[1]}
        sentences.append(wording.because_you_told_us % {"signs": told, "advice": wording.advice_after_sign(level)})
        if reasons:
            also = wording.also_something_else if len(reasons) == 1 else wording.also_other_things
            sentences.append(also % {"reasons": wording.join([_lower_first(r) for r in reasons])})
    else:
        sentences.append(wording.self_care_advice)
        if not reasons:
            sentences.append(wording.no_clear_cause)
        elif len(reasons) == 1:
            sentences.append(wording.likeliest_reason % {"reason": _lower_first(reasons[0])})
        else:
            sentences.append(wording.likeliest_reasons % {"reasons": wording.join([_lower_first(r) for r in reasons])})
    sentences.append(_next_step(region, level, wording))
    return tuple(sentences)


def _next_step(region: Region, level: str, wording: Wording) -> str:
    if level == "self-care":
        return wording.self_care_next_step % {"doctor": region.doctor}
    return wording.care_next_step % {"heading": region.care_headings[level]}


def _likeliest_reasons(assessment: Assessment) -> list[str]:
    """The weightiest reason of each of the (at most two) likeliest causes."""
    reasons: list[str] = []
    for ranked in assessment.causes:
        if ranked.reasons and ranked.reasons[0].text not in reasons:
            reasons.append(ranked.reasons[0].text)
        if len(reasons) == 2:
            break
    return reasons


def _lower_first(sentence: str) -> str:
    """"You drink ..." -> "you drink ...". Safe: every language's reasons start with a pronoun or
    possessive ("You", "Your"; "Usted", "Su"), never a name."""
    return sentence[0].lower() + sentence[1:]


def _capitalise(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


def _when_to_see(content: Content, walk: Walk, reported: tuple[RedFlag, ...]) -> WhenToSee:
    """The five items most relevant to the answers, and every warning sign that could apply.

    Relevance: the signs the visitor reported (most urgent first); then signs that half-match their
    answers (a high temperature matters more with a back twitch); then the NHS "see a GP if" list
    in the content's order. A sign whose `unless` holds is left out: another one covers it.
    """
    answers = walk.answers
    possible = [
        flag for flag in content.red_flags_by_urgency
        if flag.when.questions <= walk.asked and not (flag.unless.conditions and flag.unless.holds(answers))
    ]

    def relevance(flag: RedFlag) -> int:
        if flag in reported:
            return 0
        if flag.when.match == "all" and len(flag.when.conditions) > 1 and any(c.holds(answers) for c in flag.when.conditions):
            return 1
        return 2 if flag.level == "non-urgent" else 3

    first = tuple(sorted(possible, key=relevance)[:WHEN_TO_SEE_FIRST])  # stable: urgency, then file order
    by_level = tuple((level, tuple(flag for flag in possible if flag.level == level)) for level in CARE_LEVELS[:3])
    return WhenToSee(first, by_level)


def answer_rows(content: Content, walk: Walk) -> list[tuple[Question, list[Option]]]:
    """Each answered question with its chosen options, in the content's order."""
    return [(q, [q.option(o) for o in walk.answers[q.id]]) for q in walk.questions if q.id in walk.answers]


def fit_percent(ranked: RankedCause, assessment: Assessment) -> int:
    """Bar length for a cause. Scaled to the best fit, but never so that a weak fit looks strong."""
    scale = max(assessment.top_score, STRONG_FIT)
    return round(100 * min(ranked.score, scale) / scale)
