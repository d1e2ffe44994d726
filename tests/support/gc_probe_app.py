"""A tiny app for tests/test_server_setup.py: says how many objects its worker's garbage
collector leaves aside (gc.freeze), under the production gunicorn config."""

import gc

from flask import Flask

app = Flask(__name__)
loaded = [{"content": n} for n in range(1000)]  # like the quiz's content: loaded once, in the master


@app.get("/")
def frozen():
    return str(gc.get_freeze_count())
