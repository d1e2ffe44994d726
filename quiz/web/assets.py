"""Static files under content-hashed names, with precompressed copies, built once at start-up.

Every file in static/ is copied into a build folder twice: as `name.<hash>.ext`, which the pages
link to and browsers may cache for ever (a new version gets a new name), and under its own name,
for addresses that must stay stable, such as the `static/embed.js` publishers paste into their
pages. Beside each copy go `.gz` and `.br` versions (best settings, made once), so whitenoise sends
them without compressing on each request. Building at start-up means a fresh clone needs no build
step and the build can never be stale; it takes milliseconds, and nothing when the folder is
already up to date. Several processes may run it at once (servers, tests), so every write is
atomic, made only when the bytes differ, and keeps the source's modification time, so every
process serves the same ETag. The folder is STATIC_BUILD_DIR (build/static/, git-ignored);
point it elsewhere when the app's own folder is read-only.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from whitenoise.compress import Compressor

HASH_LENGTH = 12
# Whitenoise's rule: keep a compressed copy only when it saves at least 5 %.
WORTH_COMPRESSING = 0.95


@dataclass(frozen=True)
class StaticBuild:
    root: Path  # the folder whitenoise serves
    hashed: dict[str, str]  # "css/app.css" -> "css/app.1a2b3c4d5e6f.css"

    def is_immutable(self, path: str, url: str) -> bool:
        """For whitenoise: only content-hashed names may be cached for ever."""
        return url.removeprefix("/static/") in self.hashed.values()  # asked once per file


def hashed_name(relative: str, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    stem, dot, suffix = relative.rpartition(".")
    if not dot or "/" in suffix:  # no extension: append the hash
        return f"{relative}.{digest}"
    return f"{stem}.{digest}.{suffix}"


def _write(path: Path, data: bytes, mtime: float) -> None:
    """Write atomically, and not at all when the file already holds these bytes."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.utime(temporary, (mtime, mtime))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _compressed_variants(name: str, data: bytes) -> dict[str, bytes]:
    if not Compressor().should_compress(name) or not data:
        return {}
    variants = {".br": Compressor.compress_brotli(data), ".gz": Compressor.compress_gzip(data)}
    return {suffix: packed for suffix, packed in variants.items() if len(packed) <= WORTH_COMPRESSING * len(data)}


def build_static(source: Path, target: Path) -> StaticBuild:
    hashed = {}
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(source).as_posix()
        data = path.read_bytes()
        mtime = path.stat().st_mtime
        hashed[relative] = hashed_name(relative, data)
        variants = _variants(target / hashed[relative], path.name, data)
        for name in (hashed[relative], relative):
            for suffix in (".br", ".gz"):
                if suffix in variants:
                    _write(target / (name + suffix), variants[suffix], mtime)
                else:  # a stale copy would be served instead
                    (target / (name + suffix)).unlink(missing_ok=True)
            _write(target / name, data, mtime)  # last: marks the hashed copy complete
    return StaticBuild(root=target, hashed=hashed)


def _variants(hashed_copy: Path, name: str, data: bytes) -> dict[str, bytes]:
    """The compressed copies, reused from an earlier start when the hashed copy is complete."""
    if hashed_copy.is_file() and hashed_copy.read_bytes() == data:
        siblings = {suffix: hashed_copy.with_name(hashed_copy.name + suffix) for suffix in (".br", ".gz")}
        return {suffix: path.read_bytes() for suffix, path in siblings.items() if path.is_file()}
    return _compressed_variants(name, data)


def init_app(app: Flask, source: Path) -> StaticBuild:
    build = build_static(source, Path(app.config["STATIC_BUILD_DIR"]))
    app.extensions["static_build"] = build
    return build
