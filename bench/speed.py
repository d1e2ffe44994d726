"""How close the quiz's pages come to a bare Flask "hello", in one run on this machine.

Starts the app and bench/hello_app.py under the production gunicorn config (gunicorn.conf.py) on
loopback ports, drives each page with wrk for the same duration and connections, one after the
other, and prints requests per second, latency percentiles and each page's ratio to "hello".
"hello" runs before and after every page and each ratio uses the mean of its two neighbours, so
that other load on a shared machine skews both sides alike. The servers' own CPU time per request
(read from /proc) is printed too, with its ratio to hello's (2.0: twice hello's CPU per request):
it is far less sensitive to such load. Each server is measured only once every one of its workers
is ready (tests/support/server.py) and has been warmed up with a 1 s run. Then times the
assessment engine alone. Exits 1 when a page's CPU per request is over its multiple of hello's.

    .venv/bin/python bench/speed.py [--duration 10] [--connections 32] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import timeit
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import OUT, RESULT_CASE, cpu_seconds, gunicorn, quiz_forms  # noqa: E402
from quiz.domain.engine import assess, walk_through  # noqa: E402

WRK_SCRIPT = ROOT / "bench" / "wrk.lua"
# What a browser sends: pages are gzipped for it, as they are for every visitor.
BROWSER_HEADERS = ["Accept-Encoding: gzip, deflate, br, zstd"]
# Most server CPU per request, as a multiple of hello's: simplicity first, so generous.
TARGETS = {"question": 2.5, "result": 3.5}


@dataclass
class Load:
    name: str
    server: str  # "app" or "hello"
    path: str
    body: str | None = None  # a urlencoded form to POST


def run_wrk(url: str, body_file: Path | None, args, duration: int) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{duration}s", "--timeout", "5s",
               "-s", str(WRK_SCRIPT)]
    for header in BROWSER_HEADERS:
        command += ["-H", header]
    command.append(url)
    if body_file:
        command += ["--", str(body_file)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30)
    if run.returncode:
        raise SystemExit(f"wrk failed on {url}: {run.stderr or run.stdout}")
    output = run.stdout
    figures = json.loads(output.strip().splitlines()[-1])
    if figures["non_2xx_3xx"] or figures["socket_errors"]:
        raise SystemExit(f"{url}: {figures['non_2xx_3xx']} error responses, {figures['socket_errors']} socket errors")
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def engine_microseconds(content, answers, repeat: int = 5, number: int = 2000) -> float:
    walk = walk_through(content, answers)
    best = min(timeit.repeat(lambda: assess(content, walk), repeat=repeat, number=number))
    return best / number * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="open connections (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--proxy-compresses", action="store_true",
                        help="run the app with FLASK_COMPRESS_HTML=false, as behind a compressing proxy")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    forms = quiz_forms()
    OUT.mkdir(exist_ok=True)
    (OUT / "question.form").write_text(urlencode(forms.question))
    (OUT / "result.form").write_text(urlencode(forms.result))

    pages = [
        Load("intro", "app", "/"),
        Load("question", "app", "/quiz", OUT / "question.form"),
        Load("result", "app", "/result", OUT / "result.form"),
    ]
    hello = Load("hello", "hello", "/")
    loads = [hello]
    for page in pages:
        loads += [page, hello]
    runs: list[tuple[Load, dict]] = []
    app_env = {"FLASK_COMPRESS_HTML": "false"} if args.proxy_compresses else {}
    with gunicorn("app:app", "app", env=app_env) as app_server, gunicorn("bench.hello_app:app", "hello") as hello_server:
        servers = {"app": app_server, "hello": hello_server}
        for load in loads:
            server = servers[load.server]
            url = server.url + load.path
            run_wrk(url, load.body, args, duration=1)  # warm up: workers, caches, connections
            cpu_before = cpu_seconds(server)
            figures = run_wrk(url, load.body, args, duration=args.duration)
            figures["cpu_us"] = (cpu_seconds(server) - cpu_before) / figures["requests"] * 1e6
            runs.append((load, figures))
            print(f"  measured {load.name}: {figures['rps']:.0f} req/s", file=sys.stderr)
    print(f"\nwrk: {args.duration:g} s per page, {args.connections} connections, {args.threads} threads; "
          f"gunicorn.conf.py for both servers; header {BROWSER_HEADERS[0]!r}; pages compressed by "
          f"{'a proxy (not measured)' if args.proxy_compresses else 'the app'}")
    print(f"question: POST /quiz carrying {forms.carried} answers; result: POST /result, "
          f"{len(forms.answers)} answers ({RESULT_CASE} case)\n")
    print(f"{'page':<10}{'req/s':>8}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'max ms':>8}{'KB/resp':>8}"
          f"{'server CPU µs/req':>19}{'req/s vs hello':>16}{'CPU x hello':>13}{'target':>10}")
    missed = []
    for index, (load, figures) in enumerate(runs):
        ratio = cpu_ratio = None
        if load is not hello:
            neighbours = [runs[index - 1][1], runs[index + 1][1]]
            ratio = figures["rps"] / (sum(n["rps"] for n in neighbours) / 2)
            cpu_ratio = figures["cpu_us"] / (sum(n["cpu_us"] for n in neighbours) / 2)
        target = TARGETS.get(load.name)
        mark = ""
        if target is not None:
            mark = f"<={target:g}" + (" ok" if cpu_ratio <= target else " MISS")
            if cpu_ratio > target:
                missed.append(load.name)
        print(f"{load.name:<10}{figures['rps']:>8.0f}{figures['p50_us'] / 1000:>8.2f}{figures['p90_us'] / 1000:>8.2f}"
              f"{figures['p99_us'] / 1000:>8.2f}{figures['max_us'] / 1000:>8.2f}"
              f"{figures['bytes'] / figures['requests'] / 1024:>8.1f}{figures['cpu_us']:>19.0f}"
              f"{'' if ratio is None else f'{ratio:.2f}':>16}{'' if cpu_ratio is None else f'{cpu_ratio:.2f}':>13}{mark:>10}")
    print(f"engine alone, assess() on the result's answers: {engine_microseconds(forms.content, forms.answers):.1f} µs per assessment")
    if missed:
        print(f"missed targets: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
