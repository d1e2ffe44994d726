"""A bare Flask app, the yardstick for bench/speed.py: the fastest a Flask page can be here."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
