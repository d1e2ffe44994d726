"""Lighthouse 12.2.3 scores (mobile settings) for the intro, a question and a result page.

Starts the app under the production gunicorn config on a loopback port, installs Lighthouse into
bench/node_modules on first use (npm, pinned in bench/package-lock.json), audits the three pages
in Debian's Chromium and prints the four category scores of each. Exits 1 when a score is under
100. Slow (about a minute), so not part of the test suite.

    .venv/bin/python bench/lighthouse.py        # CHROME_PATH picks another Chromium
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import RESULT_CASE, gunicorn, quiz_forms  # noqa: E402

BENCH = ROOT / "bench"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def install_lighthouse() -> None:
    if (BENCH / "node_modules" / "lighthouse" / "package.json").exists():
        return
    if not shutil.which("npm"):
        raise SystemExit("npm is missing: Lighthouse 12.2.3 needs Node 18 or later")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)


def shown(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def main() -> int:
    if not Path(CHROME).exists():
        raise SystemExit(f"no Chromium at {CHROME}: apt-get install -y chromium, or set CHROME_PATH")
    install_lighthouse()
    forms = quiz_forms()
    with gunicorn("app:app", "lighthouse-app") as server:
        run = subprocess.run(
            ["node", "lighthouse.mjs", server.url, json.dumps(forms.question), json.dumps(forms.result)],
            cwd=BENCH, capture_output=True, text=True, timeout=600, env={**os.environ, "CHROME_PATH": CHROME},
        )
    if run.returncode:
        raise SystemExit(f"Lighthouse failed:\n{run.stderr[-3000:]}")
    results = json.loads(run.stdout.strip().splitlines()[-1])

    first = next(iter(results.values()))
    print(f"Lighthouse 12.2.3, {first['formFactor']} settings, {first['throttling']} throttling, {CHROME}")
    print(f"question: POST /quiz carrying {forms.carried} answers; result: POST /result ({RESULT_CASE} case)\n")
    print(f"{'page':<10}{'performance':>13}{'accessibility':>15}{'best practices':>16}{'SEO':>6}{'FCP ms':>8}{'LCP ms':>8}")
    below = []
    for page, result in results.items():
        scores = {name: shown(score) for name, score in result["scores"].items()}
        print(f"{page:<10}{scores['performance']:>13}{scores['accessibility']:>15}{scores['best-practices']:>16}"
              f"{scores['seo']:>6}{shown(result['fcp_ms']):>8}{shown(result['lcp_ms']):>8}")
        if result.get("runtimeError"):  # Lighthouse could not measure the page: say why, not a crash
            below.append(f"{page}: Lighthouse runtime error: {result['runtimeError']}")
        if any(score is None or score < 100 for score in result["scores"].values()):
            below.append(f"{page}: {', '.join(result['below_full_marks']) or 'scores under 100 or missing'}")
    for line in below:
        print(f"  under 100 - {line}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
