"""What every page response gets: compression as the browser accepts (Flask-Compress), no caching,
the same headers for HEAD as for GET, and the 400 page for a body cut short."""

from __future__ import annotations

import gzip
import io
import re

import brotli
import pytest
from flask_compress.compat import compression

from app import create_app

NONCE = re.compile(r'nonce="[^"]+"')


def without_nonce(html: str) -> str:
    return NONCE.sub('nonce=""', html)


@pytest.mark.parametrize(("accept", "encoding", "decode"), [
    ("gzip, deflate, br, zstd", "zstd", compression.zstd.decompress),  # Chrome, Edge, Firefox
    ("gzip, deflate, br", "br", brotli.decompress),  # Safari
    ("gzip, deflate", "gzip", gzip.decompress),
    ("br;q=1, zstd;q=0.5", "br", brotli.decompress),  # the browser's preference first
    ("*", "zstd", compression.zstd.decompress),
])
def test_a_page_is_compressed_as_the_browser_accepts(client, accept, encoding, decode):
    plain = client.get("/", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers
    response = client.get("/", headers={"Accept-Encoding": accept})
    assert response.headers["Content-Encoding"] == encoding
    assert response.headers["Vary"] == "Accept-Encoding"
    assert int(response.headers["Content-Length"]) == len(response.data) < len(plain.data)
    assert without_nonce(decode(response.data).decode()) == without_nonce(plain.get_data(as_text=True))
    for page in (plain, response):
        assert page.headers["Cache-Control"] == "no-store"
        assert "X-Frame-Options" not in page.headers


@pytest.mark.parametrize("accept", ["", "gzip, deflate, br, zstd", "gzip"])
def test_head_gets_the_headers_of_get_and_no_body(client, accept):
    page = client.get("/", headers={"Accept-Encoding": accept})
    head = client.head("/", headers={"Accept-Encoding": accept})
    assert head.status_code == 200 and head.data == b""
    # The CSP's nonce changes with every response, and so, by a few bytes, a compressed length.
    different = {"Content-Security-Policy", "Content-Length"}
    assert {k: v for k, v in head.headers if k not in different} == {k: v for k, v in page.headers if k not in different}
    assert abs(int(head.headers["Content-Length"]) - int(page.headers["Content-Length"])) <= 8


def test_compression_can_be_left_to_a_proxy():
    proxied = create_app({"COMPRESS_HTML": False})
    response = proxied.test_client().get("/", headers={"Accept-Encoding": "gzip, br, zstd"})
    assert "Content-Encoding" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_a_body_shorter_than_its_declared_length_gets_the_400_page(client):
    body = b"current=where&action=continue&where=eyelid"
    response = client.post(
        "/quiz", input_stream=io.BytesIO(body), content_type="application/x-www-form-urlencoded",
        headers={"Sec-Fetch-Site": "same-origin"}, environ_overrides={"CONTENT_LENGTH": str(len(body) + 20)},
    )
    assert response.status_code == 400
