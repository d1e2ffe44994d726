"""A burst of visitors: many at once walk the whole quiz to their explainer on a real gunicorn.

Starts the app under the production config (gunicorn.conf.py) on a free loopback port, then runs
`--visitors` simulated visitors at the same time, each on its own keep-alive connection, for at
most `--duration` seconds and `--max-walks` walk-throughs. A walk is what a browser does: the
intro page, its stylesheet and script, every question (answers chosen at random, so the branches
and the emergency interruption are all taken), "Check your answers" and the explainer. Every
response is checked (status and page). Prints requests, errors and latency percentiles, and exits
1 on any error. Not part of the test suite.

With --kill-worker, a gunicorn worker is killed with SIGKILL a third of the way in. The run then
shows that the service keeps answering: how many requests failed on the dead worker's connections,
how many of those a browser-like single retry on a new connection saved, how soon the master had a
new worker, and how many requests were answered in the seconds after. It exits 1 if the service
stopped answering, or on any error outside the restart.

    .venv/bin/python bench/load.py [--visitors 32] [--duration 20] [--max-walks 3000] [--kill-worker]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import random
import runpy
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.domain.content import DEFAULT_CONTENT_PATH, load_content  # noqa: E402
from tests.support.server import LiveServer  # noqa: E402
from tests.support.walker import current_question, form_fields  # noqa: E402

OUT = ROOT / "bench" / "out"

FORM = "application/x-www-form-urlencoded"
BROWSER = {"Accept-Encoding": "gzip", "Sec-Fetch-Site": "same-origin"}
REQUEST_TIMEOUT = 10  # seconds; also bounds how long the run can overrun --duration
KILL_WINDOW = 5.0  # seconds after the kill in which failed requests are the restart's


class PageError(Exception):
    """A response that is not what a browser on this step should get."""


class Stopped(Exception):
    """The run is over: the visitor leaves mid-walk (not an error)."""


@dataclass
class Sample:
    at: float  # seconds since the start, when the response (or failure) came
    latency: float  # seconds
    kind: str  # intro, static, quiz step (GET or POST /quiz), interruption (its Continue), result
    error: str = ""  # empty when the request succeeded
    retried: bool = False  # failed on a reused connection and succeeded once sent again


@dataclass
class Visitor:
    number: int
    server: LiveServer
    start: float
    stop: threading.Event
    samples: list[Sample] = field(default_factory=list)
    walks: int = 0
    connection: http.client.HTTPConnection | None = None
    used: bool = False  # the connection has carried a request (so the server may have closed it)
    answering: bool = False  # the server had begun its answer to the request in flight

    def _send(self, method: str, path: str, body: bytes | None) -> tuple[int, dict, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=REQUEST_TIMEOUT)
            self.used = False
        headers = dict(BROWSER)
        if body is not None:
            headers |= {"Content-Type": FORM, "Origin": self.server.url}
        self.answering = False
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        self.answering = True  # from here a failure is a broken answer, which browsers do not resend
        data = response.read()
        self.used = True
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def request(self, kind: str, method: str, path: str, body: bytes | None = None) -> str:
        if self.stop.is_set():
            raise Stopped
        began = time.monotonic()
        retried = False
        try:
            try:
                status, headers, data = self._send(method, path, body)
            except (ConnectionError, http.client.HTTPException) as error:
                # As browsers do: a request that failed on a reused connection before any answer
                # is sent once more on a new one. The first failure is still counted.
                if not self.used or self.answering:
                    raise
                self.samples.append(Sample(time.monotonic() - self.start, time.monotonic() - began, kind,
                                           f"{type(error).__name__} (sent again)"))
                self.close()
                retried = True
                status, headers, data = self._send(method, path, body)
            if status != 200:
                raise PageError(f"{kind}: status {status}")
            if headers.get("content-encoding") == "gzip":
                data = gzip.decompress(data)
        except (OSError, http.client.HTTPException, PageError) as error:
            self.close()
            self.samples.append(Sample(time.monotonic() - self.start, time.monotonic() - began, kind,
                                       str(error) if isinstance(error, PageError) else type(error).__name__))
            raise PageError(str(error)) from error
        self.samples.append(Sample(time.monotonic() - self.start, time.monotonic() - began, kind, retried=retried))
        return data.decode()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def choose(question, rng: random.Random) -> list[str]:
    """Mostly calm answers, sometimes any: every branch and the interruption get walked."""
    exclusive = [o.id for o in question.options if o.exclusive]
    if exclusive and rng.random() < 0.75:
        return exclusive
    return [rng.choice(question.option_ids)]


def walk(visitor: Visitor, content, rng: random.Random, assets: list[str]) -> None:
    visitor.request("intro", "GET", "/")
    for path in assets:
        visitor.request("static", "GET", path)
    html = visitor.request("quiz step", "GET", "/quiz")
    for _ in range(60):
        if "tq-interruption" in html:
            body = urlencode([*form_fields(html), ("action", "resume")]).encode()
            html = visitor.request("interruption", "POST", "/quiz", body)
            continue
        question_id = current_question(html)
        if question_id is None:
            if "Check your answers" not in html:
                raise PageError("neither a question nor the check page")
            result = visitor.request("result", "POST", "/result", urlencode(form_fields(html)).encode())
            if "tq-care-card--" not in result:
                raise PageError("the result page has no care card")
            visitor.walks += 1
            return
        question = content.questions_by_id[question_id]
        fields = [(k, v) for k, v in form_fields(html) if k not in ("current", question_id)]
        fields += [("current", question_id), ("action", "continue")]
        fields += [(question_id, value) for value in choose(question, rng)]
        html = visitor.request("quiz step", "POST", "/quiz", urlencode(fields).encode())
    raise PageError("the quiz did not end")


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def warm_up(server: LiveServer, assets: list[str], rounds: int = 20) -> None:
    """Each worker serves every kind of page a few times (templates, caches) before the run.
    LiveServer.start() has already waited until every worker accepts."""
    for _ in range(rounds):
        for path in ["/", "/quiz", *assets]:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
            connection.request("GET", path, headers=BROWSER)
            connection.getresponse().read()
            connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=32, help="visitors at the same time (default 32)")
    parser.add_argument("--duration", type=float, default=20, help="seconds of load at most (default 20)")
    parser.add_argument("--max-walks", type=int, default=3000, help="walk-throughs at most (default 3000)")
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL a worker a third of the way in")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    content = load_content(DEFAULT_CONTENT_PATH)
    name = "load-kill" if args.kill_worker else "load"
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # workers and threads as production has them
    OUT.mkdir(exist_ok=True)
    server = LiveServer(env={"WEB_CONCURRENCY": str(conf["workers"])}, log_path=OUT / f"{name}.log").start()
    try:
        workers = worker_pids(server.process.pid)
        intro = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
        intro.request("GET", "/")
        page = intro.getresponse().read().decode()
        intro.close()
        assets = sorted({part.split('"')[0] for part in page.split('="/static/')[1:]})
        assets = [f"/static/{asset}" for asset in assets]
        warm_up(server, assets)
        print(f"gunicorn on {server.url} with gunicorn.conf.py: {len(workers)} workers x {conf['worker_connections']} connections "
              f"({os.cpu_count()} cores); its log: bench/out/{name}.log")
        print(f"{args.visitors} visitors for at most {args.duration:g} s or {args.max_walks} walk-throughs; "
              f"a walk: intro, {len(assets)} static files, each question, check, explainer")

        start = time.monotonic()
        stop = threading.Event()
        started = Counter()
        lock = threading.Lock()
        visitors = [Visitor(i, server, start, stop) for i in range(args.visitors)]

        def run(visitor: Visitor) -> None:
            rng = random.Random(args.seed * 1000 + visitor.number)
            while not stop.is_set():
                with lock:
                    if started["walks"] >= args.max_walks:
                        return
                    started["walks"] += 1
                try:
                    walk(visitor, content, rng, assets)
                except PageError:
                    continue  # counted in the samples; a new walk on a new connection
                except Stopped:
                    break
            visitor.close()

        threads = [threading.Thread(target=run, args=(v,), daemon=True) for v in visitors]
        for thread in threads:
            thread.start()

        kill = {}
        if args.kill_worker:
            time.sleep(args.duration / 3)
            victim = min(worker_pids(server.process.pid))
            os.kill(victim, signal.SIGKILL)
            kill["at"] = time.monotonic() - start
            kill["pid"] = victim
            while time.monotonic() - start < args.duration:
                fresh = worker_pids(server.process.pid) - workers
                if fresh:
                    kill["replaced"] = time.monotonic() - start - kill["at"]
                    kill["new_pid"] = min(fresh)
                    break
                time.sleep(0.005)

        deadline = start + args.duration
        while time.monotonic() < deadline and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        stop.set()
        for thread in threads:
            thread.join(REQUEST_TIMEOUT + 1)
        elapsed = time.monotonic() - start
    finally:
        server.stop()
    log = (OUT / f"{name}.log").read_text(errors="replace")

    samples = [s for v in visitors for s in v.samples]
    answered = [s for s in samples if not s.error]
    failed = [s for s in samples if s.error]
    latencies = [s.latency * 1000 for s in answered]
    walks = sum(v.walks for v in visitors)
    print()
    print(f"walk-throughs completed: {walks} in {elapsed:.1f} s")
    print(f"requests answered: {len(answered)} ({len(answered) / elapsed:.0f}/s), failed: {len(failed)}")
    print("latency ms, all requests: " + "  ".join(
        f"{label} {percentile(latencies, share):.1f}" for label, share in
        (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))))
    for kind in ("intro", "static", "quiz step", "interruption", "result"):
        values = [s.latency * 1000 for s in answered if s.kind == kind]
        if values:
            print(f"  {kind:<12} {len(values):>7} requests  p50 {percentile(values, 0.5):6.1f}  "
                  f"p90 {percentile(values, 0.9):6.1f}  p99 {percentile(values, 0.99):6.1f}")
    expected = f"Worker (pid:{kill['pid']}) was sent SIGKILL" if kill else "\0"
    server_errors = [line for line in log.splitlines()
                     if ("[ERROR]" in line or "Traceback" in line) and expected not in line]
    print(f"server log: {log.count(chr(10))} lines, {len(server_errors)} errors")

    ok = walks > 0 and not server_errors
    if args.kill_worker:
        if "at" not in kill:
            print("no worker was killed")
            return 1
        def in_window(sample: Sample) -> bool:
            return kill["at"] <= sample.at <= kill["at"] + KILL_WINDOW

        window = [s for s in failed if in_window(s)]
        outside = [s for s in failed if not in_window(s)]
        saved = sum(1 for s in answered if s.retried and in_window(s))
        lost = [s for s in window if not s.error.endswith("(sent again)")]
        after = [s for s in answered if kill["at"] < s.at <= kill["at"] + 2]
        moments = sorted([kill["at"], *(s.at for s in after)])
        pause = max(later - earlier for earlier, later in zip(moments, moments[1:])) if after else float("inf")
        print()
        print(f"killed worker {kill['pid']} (SIGKILL) at {kill['at']:.1f} s")
        if "replaced" in kill:
            print(f"the master started worker {kill['new_pid']} {kill['replaced'] * 1000:.0f} ms later")
        print(f"requests that failed while the worker restarted: {len(window)} "
              f"({saved} answered when sent again once on a new connection, as a browser does; "
              f"{len(lost)} failed for the visitor, who started again)")
        print(f"requests answered in the 2 s after the kill: {len(after)}; "
              f"longest wait for any answer after it: {pause * 1000:.0f} ms")
        print("failures by kind: " + (", ".join(f"{k} {n}" for k, n in Counter(s.error for s in window).items()) or "none"))
        ok = ok and "replaced" in kill and len(after) > 0 and not outside
        ok = ok and len(lost) <= args.visitors  # at most one lost request per visitor
        if outside:
            print(f"failures outside the restart: {len(outside)}: {Counter(s.error for s in outside)}")
    else:
        ok = ok and not failed
        if failed:
            print("failures: " + ", ".join(f"{k} {n}" for k, n in Counter(s.error for s in failed).items()))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
