"""gunicorn with the production config (gunicorn.conf.py) on a free loopback port, for the tests
that need a real server and for the scripts in bench/."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared"
START_TIMEOUT = 30  # seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """A server started as a child process: `with Server() as server:` starts and stops it."""

    process: subprocess.Popen | None = None

    def start(self):
        raise NotImplementedError

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class LiveServer(ServerProcess):
    """`LiveServer().start()` (or `with LiveServer() as server:`) serves on server.url.

    workers: gunicorn workers; None keeps the production default (one per usable core).
    With a log_path, start() returns once every worker has logged that it is ready to accept
    ("Worker ready", gunicorn.conf.py), so load that follows reaches all of them.
    """

    def __init__(self, env: dict[str, str] | None = None, log_path: Path | None = None,
                 target: str = "app:app", workers: int | None = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.target = target
        self.workers = workers if workers is not None else len(os.sched_getaffinity(0))
        workers_env = {"WEB_CONCURRENCY": str(workers)} if workers is not None else {}
        self._env = {**os.environ, "BIND": f"127.0.0.1:{self.port}", **workers_env, **(env or {})}
        self.process: subprocess.Popen | None = None

    def start(self) -> "LiveServer":
        output = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", self.target],
            cwd=ROOT, env=self._env, stdout=output, stderr=subprocess.STDOUT,
        )
        if self.log_path:
            output.close()  # the server keeps its own handle
        where = f"; see {self.log_path}" if self.log_path else ""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}{where}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).close()
            except OSError:
                time.sleep(0.1)
                continue
            if not self.log_path:
                return self
            while time.monotonic() < deadline:
                if len(self.ready_workers()) >= self.workers:
                    return self
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"gunicorn did not start in {START_TIMEOUT} s{where}")

    def ready_workers(self) -> set[int]:
        """Worker pids that logged "Worker ready" and are still running."""
        pids = {int(pid) for pid in re.findall(r"Worker ready \(pid: (\d+)\)", self.log_path.read_text(errors="replace"))}
        return {pid for pid in pids if os.path.exists(f"/proc/{pid}")}

