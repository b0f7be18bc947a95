"""`make lighthouse` (`python -m bench.lighthouse`): Lighthouse's mobile scores for each kind of page,
against the budgets.

The site is built into a temporary folder and served on 127.0.0.1, with text files gzip-compressed
as static hosts such as GitHub Pages serve them (Lighthouse's simulated mobile network counts the
bytes transferred). Lighthouse (installed by the Makefile into .lighthouse/, with the Node version it
needs) drives Debian's Chromium. The scores are also saved to .lighthouse/scores.json, where
`make bench` shows them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from bench.builds import BuildFailed, build
from bench.weight import GZIP_LEVEL, PAGE_TYPES

ROOT = Path(__file__).resolve().parent.parent

TOOLS = ROOT / ".lighthouse"
NODE = TOOLS / "node_modules" / ".bin" / "node"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
SCORES = TOOLS / "scores.json"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                  "--disable-component-update --no-first-run --disable-sync --disable-quic")
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
# The lowest score that passes, per category, in Lighthouse's category ids.
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}


def page_address(path: str) -> str:
    """The address a reader uses for a built file: 'guide/x/index.html' is 'guide/x/'."""
    return path.removesuffix("index.html")


def passes(scores: dict[str, int]) -> bool:
    return all(scores[category] >= lowest for category, lowest in TARGETS.items())


def scores_from_report(report: dict) -> dict[str, int]:
    """Lighthouse's 0–1 category scores as the 0–100 figures it shows."""
    return {category: round(100 * report["categories"][category]["score"]) for category in TARGETS}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed to clients that accept it, quietly."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    handler = functools.partial(CompressingHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_lighthouse(url: str, work: Path) -> dict[str, int]:
    report = work / "report.json"
    command = [str(NODE), str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(TARGETS)}", f"--chrome-flags={CHROMIUM_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if finished.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Lighthouse failed on {url}:\n{finished.stderr[-2000:]}")
    return scores_from_report(json.loads(report.read_text(encoding="utf-8")))


def main() -> int:
    missing = [f"{tool} is missing: {fix}" for tool, fix in [
        (NODE, "run `make lighthouse`, which installs it with npm"),
        (LIGHTHOUSE, "run `make lighthouse`, which installs it with npm"),
        (CHROMIUM, "install Debian's Chromium: apt-get install chromium"),
    ] if not tool.exists()]
    if missing:
        print("\n".join(missing), file=sys.stderr)
        return 1
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        work = Path(folder)
        try:
            build(ROOT, work / "site")
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 1
        with served(work / "site") as base:
            for kind, path in PAGE_TYPES.items():
                scores = run_lighthouse(base + page_address(path), work)
                results[kind] = {**scores, "passes": passes(scores)}
                print(f"{kind:14} " + "  ".join(f"{name} {score}" for name, score in scores.items())
                      + ("  pass" if results[kind]["passes"] else "  FAIL"), flush=True)
    SCORES.write_text(json.dumps({"date": date.today().isoformat(), "categories": list(TARGETS),
                                  "pages": results}, indent=2), encoding="utf-8")
    targets = ", ".join(f"{name} {lowest}" for name, lowest in TARGETS.items())
    failing = [kind for kind, result in results.items() if not result["passes"]]
    print(f"\nTargets: {targets}. " + (f"Below target: {', '.join(failing)}." if failing else "Every page meets them."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
