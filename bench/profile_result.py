"""Where a result request spends its time, from cProfile, in process (no server).

Posts the result form (bench/harness.py) to the app many times after a warm-up and prints the
share of each phase, then checks that nothing is loaded, parsed or compiled per request: the
content file, the forms, the templates and the static files are all made once at start-up.

    .venv/bin/python bench/profile_result.py [--requests 1000] [--top 15]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import FORM, RESULT_CASE, quiz_forms  # noqa: E402

# (phase, functions whose cumulative time makes it up), as file suffix and function name.
PHASES = [
    ("the parts that depend on the answers", [("quiz/views.py", "explainer_parts")]),
    ("filling them into the page shell", [("quiz/pages.py", "render_shell")]),
    ("compressing it (zstd 1)", [("quiz/compression.py", "compress_page")]),
    ("reading the form body", [("quiz/limits.py", "check_body")]),
    ("checking the answers", [("quiz/forms.py", "read_submission")]),
    ("assessment and explainer", [("quiz/engine.py", "assess"), ("quiz/views.py", "build_explainer"),
                                  ("quiz/flow.py", "is_complete")]),
    ("cross-site check", [("quiz/security.py", "reject_cross_site_requests")]),
]
# Work that belongs to start-up. Any call of these during the requests is a bug.
LOADING = [
    ("quiz/content.py", "load_content"),
    ("quiz/forms.py", "build_answer_rules"),
    ("quiz/assets.py", "build_static"),
    ("quiz/pages.py", "load_templates"),
    ("quiz/pages.py", "build_page"),  # once per query string, in the warm-up
    ("quiz/pages.py", "_render"),  # a page shell: once per page options and care level, in the warm-up
    ("quiz/fragments.py", "render_all"),
    ("jinja2/environment.py", "compile"),
    ("jinja2/environment.py", "_parse"),
    ("jinja2/loaders.py", "get_source"),
    ("tomllib/_parser.py", "loads"),
]


def find(stats: pstats.Stats, suffix: str, name: str) -> tuple[int, float]:
    """(calls, cumulative seconds) of the functions matching suffix and name."""
    calls, seconds = 0, 0.0
    for (path, _line, function), (_cc, count, _tt, cumulative, _callers) in stats.stats.items():
        if function == name and path.replace("\\", "/").endswith(suffix):
            calls, seconds = calls + count, seconds + cumulative
    return calls, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    args = parser.parse_args()

    from app import create_app

    forms = quiz_forms()
    client = create_app().test_client(use_cookies=False)
    body = urlencode(forms.result)
    headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}

    def post() -> None:
        response = client.post("/result", data=body, content_type=FORM, headers=headers)
        assert response.status_code == 200

    for _ in range(50):  # warm-up: the first request makes the page's options and its shell
        post()
    started = time.process_time()
    for _ in range(args.requests):
        post()
    plain_us = (time.process_time() - started) / args.requests * 1e6

    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(args.requests):
        post()
    profile.disable()
    stats = pstats.Stats(profile)
    _, total = find(stats, "quiz/responses.py", "__call__")  # the app's outermost layer

    print(f"POST /result ({RESULT_CASE} case), {args.requests} requests in process: "
          f"{plain_us:.0f} µs each without the profiler")
    print(f"\n{'phase':<40}{'share':>7}")
    accounted = 0.0
    for phase, functions in PHASES:
        seconds = sum(find(stats, suffix, name)[1] for suffix, name in functions)
        accounted += seconds
        print(f"{phase:<40}{seconds / total:>7.0%}")
    print(f"{'the rest (Flask, headers)':<40}{1 - accounted / total:>7.0%}")

    print("\nstart-up work during the requests (must be 0 calls):")
    loaded = 0
    for suffix, name in LOADING:
        calls, _ = find(stats, suffix, name)
        loaded += calls
        print(f"  {suffix + ':' + name:<40}{calls:>4} calls")
    if args.top:
        print()
        stats.sort_stats("tottime").print_stats(args.top)
    return 1 if loaded else 0


if __name__ == "__main__":
    sys.exit(main())
