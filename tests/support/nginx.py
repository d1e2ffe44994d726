"""Debian's nginx with the repo's site config (deploy/nginx-quiz.conf) in front of a LiveServer,
on free loopback ports, for tests/deploy/test_nginx.py and bench/slow_clients.py."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from .server import ROOT, ServerProcess, free_port

SITE = ROOT / "deploy" / "nginx-quiz.conf"
PRODUCTION_HEADER_TIMEOUT = 10  # seconds, client_header_timeout in deploy/nginx-quiz.conf
HEADER_TIMEOUT = 3  # seconds, the same in the copy the tests run


class Nginx(ServerProcess):
    def __init__(self, upstream_port: int, workdir: Path):
        self.upstream_port = upstream_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def start(self) -> "Nginx":
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx is missing: apt-get install -y nginx (scripts/test.sh does)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        site = SITE.read_text()
        for old, new in [("server 127.0.0.1:8000;", f"server 127.0.0.1:{self.upstream_port};"),
                         ("listen 80;", f"listen 127.0.0.1:{self.port};"),
                         ("/var/log/nginx/", f"{self.workdir}/"),
                         # A shorter header deadline, so that a test waits for it 3 s rather than 10.
                         (f"client_header_timeout {PRODUCTION_HEADER_TIMEOUT}s;", f"client_header_timeout {HEADER_TIMEOUT}s;")]:
            assert old in site, f"deploy/nginx-quiz.conf no longer has {old!r}"
            site = site.replace(old, new)
        (self.workdir / "site.conf").write_text(site)
        # The main file Debian's /etc/nginx/nginx.conf would be, reduced to what the site needs.
        (self.workdir / "nginx.conf").write_text(f"""
user root;
worker_processes 1;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/main-error.log error;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {self.workdir}/body;
    proxy_temp_path {self.workdir}/proxy;
    fastcgi_temp_path {self.workdir}/fastcgi;
    uwsgi_temp_path {self.workdir}/uwsgi;
    scgi_temp_path {self.workdir}/scgi;
    include {self.workdir}/site.conf;
}}
""")
        check = subprocess.run([binary, "-t", "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")],
                               capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t refused the config: {check.stderr}")
        self.process = subprocess.Popen([binary, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf"),
                                         "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx did not answer in 10 s")
