"""Static files (whitenoise): versioned addresses cached for ever, plain ones briefly, precompressed
copies, and the same security headers as pages."""

from __future__ import annotations

import gzip
import os
import re

import brotli

from quiz.web.static_files import drop_stale_copies, static_version

VERSIONED = re.compile(r'(?:href|src)="(/static/[0-9a-f]{12}/[^"]+\.(?:css|js))"')


def test_pages_link_to_versioned_files_that_browsers_may_keep_for_ever(app, client):
    html = client.get("/").get_data(as_text=True)
    urls = VERSIONED.findall(html)
    assert any(url.endswith(".css") for url in urls) and any(url.endswith(".js") for url in urls)
    assert all(url.startswith(f"/static/{app.extensions['static_version']}/") for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert "nonce-" not in response.headers["Content-Security-Policy"]


def test_plain_addresses_stay_served_with_a_short_cache(client):
    for url in ("/static/css/app.css", "/static/embed.js"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "max-age=60, public"


def test_static_files_are_sent_precompressed(client):
    url = VERSIONED.findall(client.get("/").get_data(as_text=True))[0]
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    as_gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.get_data()) == plain.get_data()
    as_brotli = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert as_brotli.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.get_data()) == plain.get_data()
    assert len(as_brotli.get_data()) < len(as_gzip.get_data()) < len(plain.get_data())
    assert "Accept-Encoding" in as_gzip.headers["Vary"]


def test_a_changed_file_changes_the_version_and_compressed_copies_do_not(tmp_path):
    (tmp_path / "css").mkdir()
    stylesheet = tmp_path / "css" / "app.css"
    stylesheet.write_text("body { color: black; }\n")
    first = static_version(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    (tmp_path / "css" / "app.css.gz").write_bytes(gzip.compress(stylesheet.read_bytes()))
    assert static_version(tmp_path) == first
    stylesheet.write_text("b{}")
    assert static_version(tmp_path) != first


def test_a_missing_static_file_is_a_404_page_and_a_post_a_405(client):
    missing = client.get("/static/css/missing.css")
    assert missing.status_code == 404 and b"Page not found" in missing.data
    posted = client.post("/static/css/app.css", headers={"Sec-Fetch-Site": "same-origin"})
    assert posted.status_code == 405 and set(posted.headers["Allow"].split(", ")) == {"GET", "HEAD"}


def test_a_compressed_copy_older_than_its_file_is_never_sent(tmp_path):
    stylesheet = tmp_path / "app.css"
    stylesheet.write_text("body{}")
    fresh, stale = tmp_path / "app.css.br", tmp_path / "app.css.gz"
    fresh.write_bytes(b"fresh")
    stale.write_bytes(b"stale")
    os.utime(stale, (1, 1))  # made before the file last changed
    drop_stale_copies(tmp_path)
    assert fresh.exists() and not stale.exists()
