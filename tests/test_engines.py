"""The same tree builds with a second engine, ProperDocs, into the same site.

ProperDocs (1.6.x) continues MkDocs 1.x and reads mkdocs.yml unchanged; it is the way out if MkDocs 1.6
stops being installable or MkDocs 2 replaces it. This test keeps that way open: a strict ProperDocs
build must write the same pages as the strict MkDocs build, and each page's main content (its
<article> element) must be the same. What may differ is the generator tag in each page's head.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT


def properdocs_build(project: Path, site_dir: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """`properdocs build -f mkdocs.yml --strict`, as CI runs it: ProperDocs would look for properdocs.yml
    first and only fall back to mkdocs.yml with a notice, so the file is named."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **environment}
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("properdocs") is None:
        message = "ProperDocs is not installed (pip install -r requirements-test.txt)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    site_dir = tmp_path_factory.mktemp("properdocs-site")
    result = properdocs_build(ROOT, site_dir, BUILD_PDF="1")  # as conftest's built_site: with the PDFs
    assert result.returncode == 0, f"strict ProperDocs build failed:\n{result.stderr[-5000:]}"
    return site_dir


def files(site_dir: Path, suffix: str | None = None) -> set[str]:
    return {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
            if path.is_file() and (suffix is None or path.suffix == suffix)}


def main_content(page: Path) -> str:
    """A page's <article> element as HTML, or '' for a file without one (helper frames, redirects)."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    return "" if article is None else str(article)


def first_difference(one: str, other: str, context: int = 120) -> str:
    at = next((i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), min(len(one), len(other)))
    start = max(0, at - context)
    return f"MkDocs: …{one[start:at + context]}…\nProperDocs: …{other[start:at + context]}…"


@pytest.mark.slow
def test_properdocs_builds_the_same_pages_and_files(built_site: Path, properdocs_site: Path) -> None:
    mkdocs_pages, properdocs_pages = files(built_site, ".html"), files(properdocs_site, ".html")
    assert not mkdocs_pages - properdocs_pages, f"only MkDocs built: {sorted(mkdocs_pages - properdocs_pages)}"
    assert not properdocs_pages - mkdocs_pages, f"only ProperDocs built: {sorted(properdocs_pages - mkdocs_pages)}"
    others = files(built_site) ^ files(properdocs_site)
    assert not others, f"files only one engine wrote: {sorted(others)}"


@pytest.mark.slow
def test_each_page_has_the_same_main_content_with_both_engines(built_site: Path, properdocs_site: Path) -> None:
    differing = []
    for page in sorted(files(built_site, ".html") & files(properdocs_site, ".html")):
        ours, theirs = main_content(built_site / page), main_content(properdocs_site / page)
        if ours != theirs:
            differing.append(f"{page}:\n{first_difference(ours, theirs)}")
    assert not differing, "the main content differs between MkDocs and ProperDocs on:\n" + "\n\n".join(differing)


def test_a_difference_is_shown_where_it_starts() -> None:
    shown = first_difference("<p>Call 988 now</p>", "<p>Call 999 now</p>", context=4)
    assert shown == "MkDocs: …ll 988 n…\nProperDocs: …ll 999 n…"
