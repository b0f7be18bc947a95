"""`make lighthouse` (`python -m bench.lighthouse`): Lighthouse's mobile scores for each kind of page,
against the budgets.

Each page is measured three times, in three rounds over all the page types, and the median of
each category kept: the performance score moves with the machine's load, which is printed too.
The site is built into a temporary folder (or given as an argument: `python -m bench.lighthouse
SITE_DIR`, which leaves the saved scores alone) and served on 127.0.0.1, with text files gzip-compressed
as static hosts such as GitHub Pages serve them (Lighthouse's simulated mobile network counts the
bytes transferred). Lighthouse (installed by the Makefile into .lighthouse/, with the Node version it
needs) drives Debian's Chromium. The scores are also saved to .lighthouse/scores.json, where
`make bench` shows them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.builds import BuildFailed, build
from bench.serve import served
from bench.weight import PAGE_TYPES, page_address

ROOT = Path(__file__).resolve().parent.parent

TOOLS = ROOT / ".lighthouse"
NODE = TOOLS / "node_modules" / ".bin" / "node"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
SCORES = TOOLS / "scores.json"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                  "--disable-component-update --no-first-run --disable-sync --disable-quic")
# The lowest score that passes, per category, in Lighthouse's category ids.
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}
ROUNDS = 3  # each page is measured this many times and its median score kept
# What the performance score is made of, by Lighthouse's audit ids, shown next to the scores.
METRICS = {"FCP ms": "first-contentful-paint", "LCP ms": "largest-contentful-paint",
           "TBT ms": "total-blocking-time", "transfer KiB": "total-byte-weight"}


def passes(scores: dict[str, int]) -> bool:
    return all(scores[category] >= lowest for category, lowest in TARGETS.items())


def scores_from_report(report: dict) -> dict[str, int]:
    """Lighthouse's 0–1 category scores as the 0–100 figures it shows."""
    return {category: round(100 * report["categories"][category]["score"]) for category in TARGETS}


def metrics_from_report(report: dict) -> dict[str, float]:
    """The figures behind the performance score: paint times and blocking time in ms, bytes in KiB."""
    audits = report["audits"]
    return {name: round(audits[audit]["numericValue"] / (1024 if name == "transfer KiB" else 1))
            for name, audit in METRICS.items() if audit in audits}


def median_scores(runs: list[dict[str, int]]) -> dict[str, int]:
    """Each category's median over the runs (runs are odd in number, so a score that was measured)."""
    return {category: round(statistics.median(run[category] for run in runs)) for category in TARGETS}


def run_lighthouse(url: str, work: Path) -> dict:
    """One Lighthouse run: the report as JSON."""
    report = work / "report.json"
    command = [str(NODE), str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(TARGETS)}", f"--chrome-flags={CHROMIUM_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    report.unlink(missing_ok=True)
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if finished.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Lighthouse failed on {url}:\n{finished.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def load() -> str:
    """The machine's load average over the last minute: how quiet it was."""
    return f"{os.getloadavg()[0]:.2f}"


def measure(site: Path, work: Path, rounds: int = ROUNDS) -> dict[str, dict]:
    """Every page type measured `rounds` times, one round after another so that a busy spell
    slows every page alike; per page, the median scores, each run's scores and figures."""
    runs: dict[str, list[dict]] = {kind: [] for kind in PAGE_TYPES}
    with served(site) as base:
        for round_number in range(1, rounds + 1):
            print(f"Round {round_number} of {rounds} (load average {load()})", flush=True)
            for kind, path in PAGE_TYPES.items():
                report = run_lighthouse(base + page_address(path), work)
                run = {**scores_from_report(report), **metrics_from_report(report)}
                runs[kind].append(run)
                print(f"  {kind:14} " + "  ".join(f"{name} {value}" for name, value in run.items()), flush=True)
    results = {}
    for kind, measured in runs.items():
        scores = median_scores(measured)
        results[kind] = {**scores, "passes": passes(scores), "runs": measured}
    return results


def main(arguments: list[str]) -> int:
    missing = [f"{tool} is missing: {fix}" for tool, fix in [
        (NODE, "run `make lighthouse`, which installs it with npm"),
        (LIGHTHOUSE, "run `make lighthouse`, which installs it with npm"),
        (CHROMIUM, "install Debian's Chromium: apt-get install chromium"),
    ] if not tool.exists()]
    if missing:
        print("\n".join(missing), file=sys.stderr)
        return 1
    started = load()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        work = Path(folder)
        if arguments:  # an already built site, e.g. to compare two versions
            site = Path(arguments[0])
        else:
            site = work / "site"
            try:
                build(ROOT, site)
            except BuildFailed as error:
                print(error, file=sys.stderr)
                return 1
        results = measure(site, work)
    print(f"\nMedian of {ROUNDS} runs (load average {started} at the start, {load()} at the end):")
    for kind, result in results.items():
        print(f"  {kind:14} " + "  ".join(f"{name} {result[name]}" for name in TARGETS)
              + ("  pass" if result["passes"] else "  FAIL"))
    if not arguments:
        SCORES.write_text(json.dumps({"date": date.today().isoformat(), "categories": list(TARGETS),
                                      "runs": ROUNDS, "load": [started, load()], "pages": results},
                                     indent=2), encoding="utf-8")
    targets = ", ".join(f"{name} {lowest}" for name, lowest in TARGETS.items())
    failing = [kind for kind, result in results.items() if not result["passes"]]
    print(f"\nTargets: {targets}. " + (f"Below target: {', '.join(failing)}." if failing else "Every page meets them."))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
