"""Compressed HTML pages, for browsers that accept it.

A page must arrive in the first round trip (about 14 KB), and a result page is larger than that
before compression, so the app compresses pages itself rather than rely on every host's proxy to
do it. Compression runs on every page, so it uses the fastest settings: brotli at quality 0 when
the browser accepts it (all current browsers do over HTTPS), else gzip at level 1 (nginx's
default). Both give about 6 KB for the largest result page, against 5.4 KB at gzip's level 6, at
a half (brotli) to a third (gzip) of the time. Static files get the best settings instead, once,
at start-up (quiz/assets.py). quiz/responses.py applies this to every HTML response.

A page never mixes a secret with text an attacker chooses (cross-site posts are refused, page
options are validated, the CSP nonce changes every time), so compression reveals nothing (BREACH).
"""

from __future__ import annotations

import gzip
from functools import lru_cache

import brotli
from werkzeug.http import parse_accept_header

GZIP_LEVEL = 1
BROTLI_QUALITY = 0
MIN_SIZE = 512  # below this the compression header outweighs the saving
COMPRESSORS = {
    "br": lambda data: brotli.compress(data, quality=BROTLI_QUALITY),
    "gzip": lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0),
}


@lru_cache(maxsize=64)  # browsers send a handful of distinct values
def chosen_encoding(accept_encoding: str) -> str | None:
    """The browser's preferred coding of ours (brotli on a tie), or None for none."""
    return parse_accept_header(accept_encoding).best_match(list(COMPRESSORS))


def compress_page(data: bytes, accept_encoding: str) -> tuple[bytes, str | None]:
    """(the page as sent, its Content-Encoding or None when sent as it is)."""
    encoding = chosen_encoding(accept_encoding)
    if encoding is None or len(data) < MIN_SIZE:
        return data, None
    return COMPRESSORS[encoding](data), encoding
