"""Static files: content-hashed names cached for ever, precompressed copies; gzip for pages."""

from __future__ import annotations

import gzip
import re

import brotli
import zstandard

from app import create_app
from quiz.web.assets import build_static

HASHED = re.compile(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"')


def test_pages_link_to_hashed_files_that_browsers_may_keep_for_ever(client):
    html = client.get("/").get_data(as_text=True)
    urls = HASHED.findall(html)
    assert any(url.endswith(".css") for url in urls) and any(url.endswith(".js") for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"


def test_unhashed_names_stay_served_with_a_short_cache(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=60, public"


def test_static_files_are_sent_precompressed(client):
    url = HASHED.findall(client.get("/").get_data(as_text=True))[0]
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


def test_a_changed_file_gets_a_new_name_and_no_stale_copy(tmp_path):
    source, target = tmp_path / "static", tmp_path / "build"
    (source / "css").mkdir(parents=True)
    stylesheet = source / "css" / "app.css"
    stylesheet.write_text("body { color: black; }\n" * 40)
    first = build_static(source, target).hashed["css/app.css"]
    assert re.fullmatch(r"css/app\.[0-9a-f]{12}\.css", first)
    assert gzip.decompress((target / (first + ".gz")).read_bytes()) == stylesheet.read_bytes()
    mtime = (target / first).stat().st_mtime_ns
    assert build_static(source, target).hashed["css/app.css"] == first
    assert (target / first).stat().st_mtime_ns == mtime, "an unchanged file was written again"

    stylesheet.write_text("b{}")  # too small to be worth compressing
    second = build_static(source, target).hashed["css/app.css"]
    assert second != first
    assert (target / "css" / "app.css").read_text() == "b{}"
    assert not (target / "css" / "app.css.gz").exists(), "a stale compressed copy would be served"
    assert not list(target.rglob(".tmp-*"))


def test_pages_are_compressed_only_for_browsers_that_accept_it(client, tmp_path):
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["Vary"]
    html = plain.get_data(as_text=True).split("nonce")[0]  # the part before any per-response nonce
    for accepted, expected in [("gzip;q=0", None), ("identity", None), ("gzip, deflate", "gzip"),
                               ("gzip, deflate, br", "br"), ("gzip, deflate, br, zstd", "zstd"),
                               ("zstd;q=0, br", "br"), ("br;q=0, gzip", "gzip"), ("*", "zstd")]:
        response = client.get("/", headers={"Accept-Encoding": accepted})
        assert response.headers.get("Content-Encoding") == expected, accepted
        body = response.get_data()
        assert int(response.headers["Content-Length"]) == len(body)
        unpacked = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstandard.ZstdDecompressor().decompress,
                    None: lambda data: data}[expected](body)
        assert unpacked.decode().startswith(html), accepted
        if expected:
            assert len(body) < len(plain.get_data())

    proxied = create_app({"COMPRESS_HTML": False, "STATIC_BUILD_DIR": str(tmp_path)})
    response = proxied.test_client().get("/", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
