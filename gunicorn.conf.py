"""Production gunicorn settings (used by scripts/serve.sh, the tests' live server and bench/load.py).

Environment overrides: BIND, WEB_CONCURRENCY (workers), GUNICORN_THREADS (threads per worker).
Any other setting can be overridden with GUNICORN_CMD_ARGS, e.g. "--log-level debug".
"""

import gc
import logging
import os
import re

from gunicorn.glogging import Logger


def usable_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the whole host)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = os.environ.get("BIND", "127.0.0.1:8000")

# Rendering a page is CPU work under the GIL, so one worker process per core. A few threads per
# worker overlap the waits on the network; on 2 cores, 2 workers x 4 threads served the most
# requests (more workers than cores was slower).
workers = int(os.environ.get("WEB_CONCURRENCY", usable_cores()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A listening socket per worker (SO_REUSEPORT), so the kernel spreads connections evenly over
# the workers. With one shared socket, whichever worker wakes first accepts: a client or proxy
# that opens many keep-alive connections at once could land them all on one worker and leave
# the other cores idle (measured here: 32 connections on one of two workers, a third of the
# throughput, every request about 30 ms). The price: connections queued on a worker that dies
# are reset, unless the host sets `sysctl net.ipv4.tcp_migrate_req=1` (Linux 5.14+).
reuse_port = True

# Load the app (and validate the content file) once in the master: a content error stops the
# server at start, and a worker that dies is replaced by a fork in milliseconds.
preload_app = True


def pre_fork(server, worker):
    """Move everything the master loaded (content, templates, fragments) out of the garbage
    collector's sight before forking, as the gc module's documentation advises for fork without
    exec: a worker's collections then neither walk those objects nor copy their memory pages."""
    gc.freeze()


timeout = 30  # a worker silent this long is killed and replaced; a page takes milliseconds
graceful_timeout = 20  # on restart or stop, time for requests in progress to finish
keepalive = 5  # seconds an idle keep-alive connection stays open between page loads
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # worker heartbeats on tmpfs never stall on a slow disk

# Request size limits, gunicorn's defaults stated here so every limit is in one place; the
# request body is capped by the app (MAX_CONTENT_LENGTH). Over these, gunicorn answers itself
# with a plain 414 (request line) or 431 (headers) page.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Trust no forwarded headers here: the app's PROXY_FIX setting is the one place that decides
# how many proxies sit in front and which X-Forwarded-* values to believe.
forwarded_allow_ips = ""
secure_scheme_headers = {}
forwarder_headers = ""

# No runtime control socket: several servers on one machine (tests, bench) would share its one
# path, and signals (HUP to restart the workers, TTIN/TTOU to add or remove one) do the job.
control_socket_disable = True


class WithoutQueryOrAddress(logging.Filter):
    """gunicorn's own warnings quote a refused request line, query string and client address
    included ("Invalid request from ip=...: Invalid HTTP request line: 'GET /?...'"). Keep the
    reason, drop the address and every query string."""

    QUERY = re.compile(r"\?[^\s'\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.QUERY.sub("?[query removed]", message)
        if clean.startswith("Invalid request from ip="):
            clean = "Invalid request: " + clean.partition(": ")[2]
        if clean != message:
            record.msg, record.args = clean, ()
        return True


class PrivateLogger(Logger):
    """Logs without query strings or client addresses, and access lines whose path cannot forge
    extra lines (control characters are escaped)."""

    without_query_or_address = WithoutQueryOrAddress()

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(self.without_query_or_address)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = atoms.get("U") or "-"
        atoms["U"] = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in path)
        return atoms


# Access log: time, method, path without the query string (%(U)s), protocol, status, bytes and
# milliseconds. No client address, referrer, user agent or body: a health site needs none of them.
logger_class = PrivateLogger
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"
proc_name = "twitching-quiz"
