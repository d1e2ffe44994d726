"""Production gunicorn settings (used by scripts/serve.sh, the tests' live server and bench/load.py).

Environment overrides: BIND (address:port), WEB_CONCURRENCY (workers), WORKER_CONNECTIONS
(connections at once per worker), REQUEST_BODY_TIMEOUT (seconds, quiz/serving.py).
Any other setting can be overridden with GUNICORN_CMD_ARGS, e.g. "--log-level debug".
Running in production, and what these limits hold: docs/production.md.
"""

import errno
import gc
import logging
import os
import re
import socket
import sys

from gunicorn.glogging import Logger


def usable_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the whole host)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def whole_number(name: str, default: int, minimum: int = 1) -> int:
    """An environment variable holding a whole number; anything else stops start-up with one line."""
    value = os.environ.get(name, "").strip() or str(default)
    if not (value.isascii() and value.isdigit() and len(value) <= 6 and int(value) >= minimum):
        sys.exit(f"Config error: {name}: {value[:40]!r} is not a whole number, {minimum} or more")
    return int(value)


bind = os.environ.get("BIND", "127.0.0.1:8000")

# Rendering a page is CPU work under the GIL, so one worker process per core (more workers than
# cores was slower here).
workers = whole_number("WEB_CONCURRENCY", usable_cores())
# gevent: each connection is a greenlet, not a thread, so slow clients cannot hold every worker;
# quiz/serving.py adds deadlines for the headers and the body and a cap on header size.
worker_class = "quiz.serving.BoundedGeventWorker"
# Connections one worker holds at once (slow ones included); more wait in the listen queue. Each
# is a file descriptor: keep workers x this under the open-file limit (ulimit -n).
worker_connections = whole_number("WORKER_CONNECTIONS", 500)

# One listening socket, bound by the master (no SO_REUSEPORT): the master then names its address
# at start-up, a second server on the same port is refused instead of silently sharing it, and a
# port held by another program stops the master instead of crash-looping its workers. gunicorn's
# gevent worker accepts one connection per wake-up when there are several workers, and a worker
# busy rendering does not accept, so connections still spread over the workers.
reuse_port = False

# Load the app (and validate the content file) once in the master: a content error stops the
# server at start, and a worker that dies is replaced by a fork in milliseconds.
preload_app = True


def on_starting(server):
    """Refuse a taken address with one line, before gunicorn's own five attempts a second apart."""
    for address in server.cfg.address:
        if not isinstance(address, tuple):
            continue  # a unix socket path: gunicorn reports it
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            try:
                probe.bind(address)
            except OSError as error:
                where = f"{address[0]}:{address[1]}"
                if error.errno == errno.EADDRINUSE:
                    problem = "is already in use by another server or program"
                else:
                    problem = f"cannot be used ({error.strerror})"
                print(f"Cannot start: {where} {problem}; stop it, or set BIND to another "
                      "address:port (e.g. BIND=127.0.0.1:8001)", file=sys.stderr, flush=True)
                os._exit(1)  # from the master before anything else started: nothing to clean up


def post_worker_init(worker):
    """A line per worker when it is about to accept, for tools that must wait for every worker."""
    worker.log.info("Worker ready (pid: %s)", worker.pid)


def worker_exit(server, worker):
    """Leave a worker without Python's teardown: there, logging's handler clean-up calls into
    gevent's already dismantled thread module and prints a traceback on every worker exit. The
    exit status is kept (the master stops on a worker's boot error); an unexpected exit is left
    to Python to report."""
    exiting = sys.exc_info()[1]
    if isinstance(exiting, SystemExit) and isinstance(exiting.code, (int, type(None))):
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exiting.code or 0)


def pre_fork(server, worker):
    """Move everything the master loaded (content, templates, fragments) out of the garbage
    collector's sight before forking, as the gc module's documentation advises for fork without
    exec: a worker's collections then neither walk those objects nor copy their memory pages."""
    gc.freeze()


timeout = 30  # a worker silent this long is killed and replaced; a page takes milliseconds
graceful_timeout = 20  # on restart or stop, time for requests in progress to finish
# Seconds an idle keep-alive connection stays open between page loads. With the gevent worker it
# is also the time a client has to send a request's line and headers: slow ones are cut off.
keepalive = 5
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # worker heartbeats on tmpfs never stall on a slow disk

# Request size limits, gunicorn's defaults stated here so every limit is in one place; all the
# headers together are capped at 32 KB by quiz/serving.py, and the body by the app
# (MAX_CONTENT_LENGTH). Over these, gunicorn answers itself with a plain 414 or 431 page.
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


class WithoutRequestBytes(logging.Filter):
    """gunicorn's own messages quote what a client sent: "Invalid request from ip=...: Invalid
    HTTP request line: '...'" (with a body longer than its Content-Length, that is the rest of a
    submitted form), a request's URI with its query string, a traceback's exception text. Keep the
    reason alone: no address, nothing after a "?", nothing quoted, no traceback."""

    REFUSED = re.compile(r"Invalid request from ip=\S*?: ")
    # A reason ends where gunicorn starts quoting: a colon, quote or bracket (then the bytes).
    REASON = re.compile(r"[^:'\"(\[{]*")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = message
        refused = self.REFUSED.match(clean)
        if refused:
            reason = self.REASON.match(clean, refused.end()).group().strip() or "malformed request"
            clean = f"Invalid request: {reason}"
        clean = clean.partition("?")[0] + (" [query removed]" if "?" in clean else "")
        if record.exc_info:  # the exception's type only: its message may quote the request
            clean += f" ({record.exc_info[0].__name__})"
            record.exc_info = record.exc_text = None
        if clean != message:
            record.msg, record.args = clean, ()
        return True


class PrivateLogger(Logger):
    """Logs without query strings or client addresses, and access lines whose path cannot forge
    extra lines (control characters are escaped)."""

    without_request_bytes = WithoutRequestBytes()

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(self.without_request_bytes)

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
