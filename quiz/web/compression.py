"""Compressed HTML pages, for browsers that accept it.

A page must arrive in the first round trip (about 14 KB), and a result page is larger than that
before compression, so the app compresses pages itself rather than rely on every host's proxy to
do it. Compression runs on every page, so it uses fast settings: zstd at level 1 where the
browser accepts it (Chrome, Edge and Firefox do, over HTTPS), else brotli at quality 0 (every
current browser over HTTPS), else gzip at level 1 (nginx's default). For the largest result page
(21 KB) they give 5.7, 6.1 and 6.0 KB, against 5.4 KB at gzip's level 6. zstd is also the
quickest: its compressor is kept and reused by each thread, where brotli and gzip set up theirs
on every call, which under load cost a page twice what zstd does. Static files get the best
settings instead, once, at start-up (quiz/assets.py). quiz/responses.py applies this to every
HTML response.

A page never mixes a secret with text an attacker chooses (cross-site posts are refused, page
options are validated, the CSP nonce changes every time), so compression reveals nothing (BREACH).
"""

from __future__ import annotations

import gzip
import threading
from functools import lru_cache

import brotli
import zstandard
from werkzeug.http import parse_accept_header

ZSTD_LEVEL = 1
GZIP_LEVEL = 1
BROTLI_QUALITY = 0
MIN_SIZE = 512  # below this the compression header outweighs the saving


class ZstdPerThread(threading.local):
    """A zstd compressor for each thread: one may not be used by two threads at once."""

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)


_zstd = ZstdPerThread()

# In order of preference, for a browser that accepts several equally.
COMPRESSORS = {
    "zstd": lambda data: _zstd.compressor.compress(data),
    "br": lambda data: brotli.compress(data, quality=BROTLI_QUALITY),
    "gzip": lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0),
}


@lru_cache(maxsize=64)  # browsers send a handful of distinct values
def chosen_encoding(accept_encoding: str) -> str | None:
    """The browser's preferred coding of ours (ours in COMPRESSORS order on a tie), or None for none."""
    return parse_accept_header(accept_encoding).best_match(list(COMPRESSORS))


def compress_page(data: bytes, accept_encoding: str) -> tuple[bytes, str | None]:
    """(the page as sent, its Content-Encoding or None when sent as it is)."""
    encoding = chosen_encoding(accept_encoding)
    if encoding is None or len(data) < MIN_SIZE:
        return data, None
    return COMPRESSORS[encoding](data), encoding
