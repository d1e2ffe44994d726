"""Privacy, checked on a real gunicorn with the production config and its logs captured.

One full walk-through per care level, plus every form and same-site link on every page (Back,
Change, the explainer, the summary, the diary...), the way a browser would send them. Then:
no response sets a cookie, no page loads anything from another origin, no answer appears in any
URL or Location, and no answer appears in the app's or gunicorn's logs (at debug level).
"""

from __future__ import annotations

import gzip
import http.client
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlencode, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from ..support.cases import CARE_LEVEL_CASES
from ..support.server import LiveServer
from ..support.walker import walk

# Attributes through which an element makes the browser fetch something by itself.
LOADING_ATTRIBUTES = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src", "formaction"), "button": ("formaction",),
    "form": ("action",), "base": ("href",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
    "a": ("ping",), "area": ("ping",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
NETWORK_APIS = ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "importScripts", "import(")
QUERY_MARKER = "zqmarker"


class Response:
    """Just enough of a Flask test response for tests/walker.py."""

    def __init__(self, method: str, url: str, sent: bytes, status: int, headers: list[tuple[str, str]], body: bytes):
        self.method, self.url, self.sent = method, url, sent
        self.status_code, self.header_list, self.body = status, headers, body
        self.headers = {name.title(): value for name, value in headers}

    def get_data(self, as_text: bool = False):
        return self.body.decode() if as_text else self.body


class BrowserLikeClient:
    """Talks to the live server as a browser on the quiz's own pages does, and records every exchange."""

    def __init__(self, server: LiveServer):
        self.server = server
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
        self.exchanges: list[Response] = []

    def open(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> Response:
        headers = {"Accept-Encoding": "gzip", "Sec-Fetch-Site": "same-origin", **(headers or {})}
        if body is not None:
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.server.url}
        self.connection.request(method, url, body=body, headers=headers)
        raw = self.connection.getresponse()
        data = raw.read()
        if raw.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        response = Response(method, url, body or b"", raw.status, raw.getheaders(), data)
        self.exchanges.append(response)
        return response

    def get(self, url: str) -> Response:
        return self.open("GET", url)

    def post(self, url: str, data: MultiDict) -> Response:
        return self.open("POST", url, urlencode(list(data.items(multi=True))).encode())


class _Page(HTMLParser):
    """Forms (with their hidden fields and buttons), links, loading URLs and inline styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.links: list[tuple[str, dict]] = []
        self.loads: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.styles: list[str] = []
        self._form: dict | None = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link" and attrs.get("rel") == "alternate":
            return  # an address for programs (oEmbed discovery): the browser loads nothing
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if name in attrs:
                for url in attrs[name].split(",") if name == "srcset" else [attrs[name]]:
                    self.loads.append((tag, name, url.strip().split(" ")[0]))
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.loads.append((tag, "content", attrs.get("content", "").partition("url=")[2] or "-"))
        if tag == "a" and "href" in attrs:
            self.links.append((attrs["href"], attrs))
        if tag == "style":
            self._in_style = True
        if tag == "form":
            self._form = {"method": attrs.get("method", "get").lower(), "action": attrs.get("action", ""),
                          "fields": [], "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and attrs.get("type") == "hidden":
            self._form["fields"].append((attrs["name"], attrs.get("value", "")))
        elif self._form is not None and tag == "button" and attrs.get("type", "submit") == "submit":
            self._form["buttons"].append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(response: Response) -> _Page:
    page = _Page()
    page.feed(response.get_data(as_text=True))
    return page


def is_same_origin(url: str, server: LiveServer) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if url.startswith("//") or parts.scheme or parts.netloc:
        return f"{parts.scheme}://{parts.netloc}" == server.url
    return True


def visit_everything(client: BrowserLikeClient, answers: dict[str, list[str]]) -> None:
    """The walk-through, then each form's every button and each same-site link on each page seen."""
    pages, _ = walk(client, answers)
    seen_links = set()
    for _, response in pages:
        page = parse(response)
        for form in page.forms:
            for button in form["buttons"] or [{}]:
                fields = list(form["fields"])
                if button.get("name"):
                    fields.append((button["name"], button.get("value", "")))
                action = button.get("formaction") or form["action"] or response.url
                assert form["method"] == "post", f"a form that would put its fields in a URL: {action}"
                client.post(action, MultiDict(fields))
        for href, _ in page.links:
            if is_same_origin(href, client.server) and not href.startswith("#") and href not in seen_links:
                seen_links.add(href)
                client.get(href)
        for tag, _, url in page.loads:
            if tag in ("link", "script") and url not in seen_links:
                seen_links.add(url)
                client.get(url)  # the page's stylesheets and scripts, checked below


@pytest.fixture(scope="module")
def visits(tmp_path_factory, app):
    """{care level: the client with its exchanges}, and everything the server logged meanwhile."""
    log_path = tmp_path_factory.mktemp("privacy") / "gunicorn.log"
    content = app.extensions["quiz"].content
    server = LiveServer(env={"GUNICORN_CMD_ARGS": "--log-level debug"}, log_path=log_path).start()
    try:
        clients = {}
        for level, answers in CARE_LEVEL_CASES.items():
            clients[level] = client = BrowserLikeClient(server)
            visit_everything(client, answers)
            posted = [(q, v) for q, values in answers.items() for v in values]
            # What an attacker's page or a tampering visitor might send: refused, and still not logged.
            client.open("POST", "/result", urlencode(posted).encode(), {"Sec-Fetch-Site": "cross-site"})
            client.open("POST", "/result", urlencode(posted + [("where", "x" * 65)]).encode())
            client.get(f"/?region={QUERY_MARKER}&accent={QUERY_MARKER}")
            first = content.questions[0].id
            client.post("/quiz", MultiDict(posted + [("current", first), ("action", "back")]))  # a redirect
    finally:
        server.stop()
    return clients, log_path.read_text(errors="replace")


def answer_values(content, answers: dict[str, list[str]]) -> tuple[set[str], set[str]]:
    """(every option id posted, the distinctive ones and their labels: no log line could hold them by chance)."""
    ids = {value for values in answers.values() for value in values}
    labels = {content.questions_by_id[q].option(v).label for q, values in answers.items() for v in values}
    distinctive = {value for value in ids if "_" in value or len(value) >= 6}
    return ids, distinctive | {label for label in labels if len(label) >= 8}


def test_the_walks_covered_every_kind_of_request(visits):
    clients, _ = visits
    for level, client in clients.items():
        requests = {(r.method, urlsplit(r.url).path, r.status_code) for r in client.exchanges}
        for expected in [("GET", "/quiz", 200), ("POST", "/quiz", 200), ("POST", "/result", 200),
                         ("POST", "/result", 403), ("POST", "/result", 400)]:
            assert expected in requests, (level, expected)
        assert ("POST", "/quiz", 303) in requests, "Back from the first question: a redirect"
        assert any(b"action=change%3A" in r.sent for r in client.exchanges), "a Change button was pressed"
        assert any(b"action=back" in r.sent for r in client.exchanges), "a Back button was pressed"
        assert len(client.exchanges) > 40, len(client.exchanges)


def test_no_response_sets_a_cookie(visits):
    clients, _ = visits
    for client in clients.values():
        for response in client.exchanges:
            assert all(name.lower() != "set-cookie" for name, _ in response.header_list), response.url


def test_no_page_loads_anything_from_another_origin(visits):
    clients, _ = visits
    for client in clients.values():
        stylesheets, scripts = set(), set()
        for response in client.exchanges:
            if not response.headers.get("Content-Type", "").startswith("text/html"):
                continue
            page = parse(response)
            for tag, attribute, url in page.loads:
                assert is_same_origin(url, client.server), f"<{tag} {attribute}={url!r}> on {response.url}"
                if tag == "link":
                    stylesheets.add(url)
                if tag == "script":
                    scripts.add(url)
            for css in page.styles:
                for match in CSS_URL.finditer(css):
                    assert is_same_origin(match.group(1) or match.group(2), client.server), css
            for href, attrs in page.links:  # plain links to sources may leave; they load nothing
                assert "ping" not in attrs, href
        assert stylesheets and scripts
        fetched = {response.url: response.get_data(as_text=True) for response in client.exchanges}
        for url in stylesheets:
            for match in CSS_URL.finditer(fetched[url]):
                assert is_same_origin(match.group(1) or match.group(2), client.server), f"{url}: {match.group()}"
        for url in scripts:
            for api in NETWORK_APIS:
                assert api not in fetched[url], f"{url} uses {api}: a page's script must not make requests"


def test_no_answer_in_any_url_or_location(visits, content):
    clients, _ = visits
    for level, client in clients.items():
        ids, distinctive = answer_values(content, CARE_LEVEL_CASES[level])
        urls = []
        for response in client.exchanges:
            urls.append(response.url)
            urls += [value for name, value in response.header_list if name.lower() in ("location", "refresh")]
            if response.headers.get("Content-Type", "").startswith("text/html"):
                page = parse(response)
                # A fragment-only link ("#where-eyelid", the error summary's) never leaves the page.
                urls += [url for _, _, url in page.loads] + [h for h, _ in page.links if not h.startswith("#")]
        assert any("Location" in r.headers for r in client.exchanges), "the walk followed no redirect"
        for url in urls:
            decoded = unquote(url)
            tokens = set(re.split(r"[/?&=#.:,;+ ]", decoded))
            assert not ids & tokens, f"answer {ids & tokens} in {url!r}"
            assert not [value for value in distinctive if value in decoded], url


def test_no_answer_in_the_logs(visits, content):
    clients, log = visits
    # The logs were captured, at debug level, and hold the walks.
    assert "[DEBUG]" in log
    assert log.count('"POST /result HTTP/1.1" 200') >= len(CARE_LEVEL_CASES)
    assert log.count('"POST /result HTTP/1.1" 403') >= len(CARE_LEVEL_CASES)
    assert "Refused a cross-site POST" in log or "403" in log
    assert QUERY_MARKER not in log, "a query string was logged"
    for level in clients:
        _, distinctive = answer_values(content, CARE_LEVEL_CASES[level])
        assert len(distinctive) >= 5, distinctive
        leaked = sorted(value for value in distinctive if value in log)
        assert not leaked, f"answers in the logs: {leaked}"
