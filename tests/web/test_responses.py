"""The layer every response passes through (quiz/responses.py): compression of pages, their
caching, and what it leaves alone."""

from __future__ import annotations

import gzip
import io
import re

import brotli
import pytest
import zstandard

NONCE = re.compile(r'nonce="[^"]+"')


def without_nonce(html: str) -> str:
    return NONCE.sub('nonce=""', html)


@pytest.mark.parametrize(("accept", "encoding", "decode"), [
    ("gzip, deflate, br, zstd", "zstd", zstandard.ZstdDecompressor().decompress),  # Chrome, Edge, Firefox
    ("gzip, deflate, br", "br", brotli.decompress),  # Safari
    ("gzip, deflate", "gzip", gzip.decompress),
    ("br;q=1, zstd;q=0.5", "br", brotli.decompress),  # the browser's preference first
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


def test_head_gets_the_headers_of_the_uncompressed_page_and_no_body(client):
    page = client.get("/", headers={"Accept-Encoding": ""})
    head = client.head("/", headers={"Accept-Encoding": "br"})
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Length"] == str(len(page.data))
    assert "Content-Encoding" not in head.headers
    assert head.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching_and_encoding(app, client):
    hashed = app.extensions["static_build"].hashed["css/app.css"]
    response = client.get(f"/static/{hashed}", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"  # whitenoise's precompressed copy, untouched
    assert "immutable" in response.headers["Cache-Control"]
    assert "no-store" not in response.headers["Cache-Control"]
    assert "nonce-" not in response.headers["Content-Security-Policy"]


def test_a_body_shorter_than_its_declared_length_gets_the_400_page(client):
    body = b"current=where&action=continue&where=eyelid"
    response = client.post(
        "/quiz", input_stream=io.BytesIO(body), content_type="application/x-www-form-urlencoded",
        headers={"Sec-Fetch-Site": "same-origin"}, environ_overrides={"CONTENT_LENGTH": str(len(body) + 20)},
    )
    assert response.status_code == 400


def test_zstd_pages_from_many_threads_at_once_all_decode():
    # Each thread has its own zstd compressor (gunicorn serves with several threads per worker).
    from concurrent.futures import ThreadPoolExecutor

    from quiz.web.compression import compress_page

    pages = [(f"<p>{n} " * (200 + n)).encode() for n in range(400)]  # each over MIN_SIZE
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda page: compress_page(page, "zstd"), pages))
    decompress = zstandard.ZstdDecompressor().decompress
    assert all(encoding == "zstd" and decompress(data) == page for (data, encoding), page in zip(results, pages))
