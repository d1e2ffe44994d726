"""Starting the server (gunicorn.conf.py): the log names the address, and a port already held by
another instance or another program stops start-up with one line and exit status 1, at once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from ..support.server import ROOT, LiveServer, free_port


def start_gunicorn(port: int, timeout: float = 15) -> tuple[subprocess.CompletedProcess, float]:
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"}
    began = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    return run, time.monotonic() - began


def assert_refused(run: subprocess.CompletedProcess, seconds: float, port: int) -> None:
    assert run.returncode == 1
    assert seconds < 5, "gunicorn retried the bind instead of stopping"
    errors = [line for line in run.stderr.splitlines() if "Starting gunicorn" not in line]
    assert errors == [f"Cannot start: 127.0.0.1:{port} is already in use by another server or program; "
                      f"stop it, or set BIND to another address:port (e.g. BIND=127.0.0.1:8001)"], run.stderr
    assert "Booting worker" not in run.stderr


def test_the_log_names_the_address_and_workers_come_and_go_without_a_traceback(tmp_path):
    log_path = tmp_path / "gunicorn.log"
    with LiveServer(log_path=log_path, workers=2) as server:
        deadline = time.monotonic() + 10
        while log_path.read_text().count("Worker ready") < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    log = log_path.read_text()  # after a stop, as after any restart
    assert f"Listening at: http://127.0.0.1:{server.port} (" in log
    assert log.count("Worker ready (pid: ") == 2
    assert log.count("Worker exiting") == 2 and "Traceback" not in log and "Exception ignored" not in log


def test_a_second_instance_on_the_same_port_is_refused(live_server):
    run, seconds = start_gunicorn(live_server.port)
    assert_refused(run, seconds, live_server.port)
    # The first one still holds the port alone and answers.
    import urllib.request

    assert urllib.request.urlopen(live_server.url + "/healthz", timeout=5).read() == b"ok\n"


def test_a_port_held_by_another_program_is_refused():
    port = free_port()
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))
        other.listen()
        run, seconds = start_gunicorn(port)
    assert_refused(run, seconds, port)
