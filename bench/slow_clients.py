"""Slow clients against the server started as in production: how long a normal visitor waits.

Starts scripts/serve.sh (gunicorn.conf.py) on a free loopback port, optionally behind Debian's
nginx with deploy/nginx-quiz.conf (then with FLASK_PROXY_FIX=1), opens --connections connections
that each send one byte of a request every --interval seconds (reopened when the server closes
them), and meanwhile a normal visitor asks /healthz and posts a quiz answer every 0.25 s, each on
a new connection. Prints the visitor's worst latency and failures; exits 1 if a request failed
or took --limit seconds or more. Not part of the test suite (tests/web/test_slow_clients.py and
tests/deploy/test_nginx.py run a short form).

    .venv/bin/python bench/slow_clients.py [--connections 200] [--interval 10] [--duration 60]
        [--proxy none|nginx|both] [--gunicorn-args "--worker-class gthread --threads 4"]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import slowclients  # noqa: E402
from tests.support.nginx import Nginx  # noqa: E402
from tests.support.server import free_port  # noqa: E402

OUT = ROOT / "bench" / "out"


def serve(port: int, env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """scripts/serve.sh, as the README tells a new user to start the app."""
    log = open(log_path, "wb")
    process = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "BIND": f"127.0.0.1:{port}", **env}, start_new_session=True)
    log.close()
    deadline = time.monotonic() + 120  # serve.sh first checks the install
    workers = len(os.sched_getaffinity(0))
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"scripts/serve.sh exited with {process.returncode}; see {log_path}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
            if log_path.read_text(errors="replace").count("Worker ready") >= workers or "gthread" in str(env):
                return process
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("scripts/serve.sh did not start in 120 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # serve.sh execs gunicorn: this is gunicorn's master
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def measure(args, proxy: str) -> bool:
    OUT.mkdir(exist_ok=True)
    port = free_port()
    env = {"FLASK_PROXY_FIX": "1"} if proxy == "nginx" else {}
    if args.gunicorn_args:
        env["GUNICORN_CMD_ARGS"] = args.gunicorn_args
    server = serve(port, env, OUT / f"slow-clients-{proxy}.log")
    try:
        with tempfile.TemporaryDirectory() as workdir:
            nginx = Nginx(port, Path(workdir)).start() if proxy == "nginx" else None
            try:
                target = nginx.port if nginx else port
                visits, attack = slowclients.run("127.0.0.1", target, connections=args.connections,
                                                 interval=args.interval, duration=args.duration,
                                                 settle=min(args.interval, 5))
            finally:
                if nginx:
                    nginx.stop()
    finally:
        stop(server)
    worst = max(v.seconds for v in visits)
    failed = sum(not v.ok for v in visits)
    print(f"{proxy:>5}: {args.connections} slow connections (a byte every {args.interval:g} s) for "
          f"{args.duration:g} s{' with ' + args.gunicorn_args if args.gunicorn_args else ''}: "
          f"{slowclients.summary(visits)}; slow connections opened {attack.opened}, cut off {attack.cut_off}")
    return failed == 0 and worst < args.limit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--interval", type=float, default=10, help="seconds between a connection's bytes (default 10)")
    parser.add_argument("--duration", type=float, default=60, help="seconds the visitor is measured (default 60)")
    parser.add_argument("--proxy", choices=["none", "nginx", "both"], default="both")
    parser.add_argument("--limit", type=float, default=1.0, help="worst latency allowed, seconds (default 1)")
    parser.add_argument("--gunicorn-args", default="", help="e.g. the old set-up: --worker-class gthread --threads 4")
    args = parser.parse_args()
    proxies = ["none", "nginx"] if args.proxy == "both" else [args.proxy]
    results = [measure(args, proxy) for proxy in proxies]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
