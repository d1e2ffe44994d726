"""What the bench scripts share: gunicorn on a free loopback port, and the quiz forms they post."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from quiz.domain.engine import walk_through  # noqa: E402
from tests.support.cases import CARE_LEVEL_CASES  # noqa: E402
from tests.support.server import LiveServer  # noqa: E402

FORM = "application/x-www-form-urlencoded"
# The largest result page (most causes and sections) is the one to measure.
RESULT_CASE = "self-care"


def gunicorn(target: str, name: str, env: dict[str, str] | None = None) -> LiveServer:
    """`with gunicorn("app:app", "app") as server:` serves on server.url until the block ends,
    with gunicorn.conf.py as in production (a worker per core); its log in bench/out/NAME.log."""
    OUT.mkdir(exist_ok=True)
    return LiveServer(env=env, log_path=OUT / f"{name}.log", target=target, workers=None)


def cpu_seconds(server: LiveServer) -> float:
    """CPU time used so far by the gunicorn master and its workers (Linux /proc)."""
    pid = server.process.pid
    return sum(_cpu_seconds(p) for p in [pid, *_children(pid)])


def _stat_fields(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()  # the fields after "pid (name)"


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat_fields(int(entry.name))[1]) == pid:
                    children.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue  # the process ended meanwhile
    return children


def _cpu_seconds(pid: int) -> float:
    try:
        fields = _stat_fields(pid)
    except OSError:
        return 0.0
    user, system = int(fields[11]), int(fields[12])  # utime, stime in clock ticks
    return (user + system) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class QuizForms:
    """Forms as the quiz's own pages post them, checked against the app before use."""

    question: list[tuple[str, str]]  # mid-quiz: the answers so far and the question on screen
    result: list[tuple[str, str]]  # every answer of RESULT_CASE, as "Check your answers" sends them
    answers: dict[str, tuple[str, ...]]
    carried: int  # answers in the question form
    content: object


def quiz_forms() -> QuizForms:
    app = create_app()
    content = app.extensions["quiz"].content
    walk = walk_through(content, {k: tuple(v) for k, v in CARE_LEVEL_CASES[RESULT_CASE].items()})
    answers, asked = walk.answers, walk.questions

    middle = len(asked) // 2
    question = [(q.id, value) for q in asked[:middle + 1] for value in answers[q.id]]
    question += [("current", asked[middle].id), ("action", "continue")]
    result = [(q.id, value) for q in asked for value in answers[q.id]]

    client = app.test_client(use_cookies=False)
    page = client.post("/quiz", data=urlencode(question), content_type=FORM).get_data(as_text=True)
    assert f'name="current" value="{asked[middle + 1].id}"' in page, "the question form did not lead on"
    page = client.post("/result", data=urlencode(result), content_type=FORM).get_data(as_text=True)
    assert f"tq-care-card--{RESULT_CASE}" in page, "the result form did not give the result page"
    return QuizForms(question, result, answers, middle + 1, content)
