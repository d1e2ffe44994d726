"""Pages to take away: a one-page summary for the doctor, a blank two-week twitch diary and a
"Remind me in 2 weeks" calendar file.

The summary is built from the same POSTed answers as the explainer, checked exactly as POST /result
checks them, and never stored. The diary and the reminder hold no answers, so they are plain GETs.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template

from ..domain.engine import assess
from ..domain.explainer import answer_rows, build_explainer, fit_percent
from ..domain.reminder import reminder_ics
from .forms import read_complete_walk
from .options import page_options
from .setup import page_content, page_wording

bp = Blueprint("summary", __name__)

# "How long and where" lead the summary; the other answers follow. Ids are stable in the content.
KEY_QUESTIONS = ("where", "duration", "feel", "spreading")
DIARY_DAYS = 14
DIARY_FLAG = "long_lasting"  # the content's "see a doctor after 2 weeks" red flag, quoted on the diary


bp.add_app_template_filter(fit_percent)


@bp.post("/summary")
def summary():
    content = page_content()
    walk = read_complete_walk()  # checked exactly as POST /result checks them
    answers = walk.answers
    explainer = build_explainer(content, walk, assess(content, walk), region=page_options().region, wording=page_wording())
    rows = answer_rows(content, walk)
    return render_template(
        "summary.html",
        explainer=explainer,
        answers=answers,
        key_rows=[row for row in rows if row[0].id in KEY_QUESTIONS],
        other_rows=[row for row in rows if row[0].id not in KEY_QUESTIONS],
    )


@bp.get("/diary")
def diary():
    content = page_content()
    flag = next((f for f in content.red_flags if f.id == DIARY_FLAG), None)
    source = content.sources[flag.source] if flag else None
    return render_template("diary.html", days=range(1, DIARY_DAYS + 1), flag=flag, source=source)


@bp.get("/reminder.ics")
def reminder():
    """An all-day calendar event 2 weeks from today. Built from today's date alone: no answer reaches it."""
    return Response(
        reminder_ics(date.today()),
        mimetype="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="twitching-reminder.ics"', "Cache-Control": "no-store"},
    )
