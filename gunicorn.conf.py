"""Production gunicorn settings. Each can be overridden by an environment variable."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", 4))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Answers never travel in URLs, but leave out query strings anyway: %(U)s is the path alone.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
