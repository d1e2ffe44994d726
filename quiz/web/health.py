"""GET /healthz for load balancers and uptime checks: this worker is up and answering.

The content file is loaded and checked before any worker starts, so a worker that answers has it.
The response carries the same security headers as every page, including Cache-Control: no-store.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
