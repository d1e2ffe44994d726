"""Walk the quiz with a test client the way a browser would, page by page, with no cookie."""

from __future__ import annotations

import re
from html import unescape

from werkzeug.datastructures import MultiDict

from .pagecheck import check_page

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def form_fields(html: str) -> list[tuple[str, str]]:
    """The hidden fields of the page's main form (the last form on the page)."""
    main_form = html[html.rfind("<form"):]
    return [(name, unescape(value)) for name, value in HIDDEN.findall(main_form)]


def current_question(html: str) -> str | None:
    match = re.search(r'<input type="hidden" name="current" value="([^"]+)">', html[html.rfind("<form"):])
    return match.group(1) if match else None


def walk(client, answers: dict[str, list[str]], max_steps: int = 40, lang: str = ""):
    """Answer each question page from `answers`, pressing "Go on" at an interruption; in the
    language `lang` (the page option) when given.

    Returns (the list of (page kind, response) visited, the final response).
    """
    query = f"?lang={lang}" if lang else ""
    pages = []
    response = client.get("/quiz" + query)
    for _ in range(max_steps):
        html = response.get_data(as_text=True)
        assert response.status_code == 200, html[:500]
        check_page(html)
        assert "Set-Cookie" not in response.headers
        if "tq-interruption" in html:
            pages.append(("interruption", response))
            response = client.post("/quiz" + query, data=MultiDict([*form_fields(html), ("action", "resume")]))
            continue
        question = current_question(html)
        if question is None:
            assert f'<form method="post" action="/result{query}"' in html  # "Check your answers"
            pages.append(("check", response))
            response = client.post("/result" + query, data=MultiDict(form_fields(html)))
            pages.append(("result", response))
            return pages, response
        pages.append((question, response))
        fields = [(k, v) for k, v in form_fields(html) if k not in ("current", question)]
        data = fields + [("current", question), ("action", "continue")]
        data += [(question, value) for value in answers[question]]
        response = client.post("/quiz" + query, data=MultiDict(data))
    raise AssertionError("the quiz did not end")
