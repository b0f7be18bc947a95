"""Shared fixtures: the project's paths and one strict build of the real site per test run."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def mkdocs_build(project: Path, site_dir: Path, *extra: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of `project` into `site_dir`, with `environment` added (e.g.
    BUILD_PDF="1"); return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_project(destination: Path) -> Path:
    """A copy of everything a build reads, for tests that break content on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "hooks", "data", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict and its PDFs, as `make build` publishes it: every test
    of the built pages, the PDF included, reads this one build."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir, BUILD_PDF="1")
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-5000:]}"
    return site_dir


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy's site, built once (as `make offline` builds it) for every test that reads it."""
    site_dir = tmp_path_factory.mktemp("offline") / "healing-in-connection"
    result = mkdocs_build(ROOT, site_dir, OFFLINE="true")
    assert result.returncode == 0, f"strict offline build failed:\n{result.stderr[-5000:]}"
    return site_dir


# --- Browser tests: Playwright driving Debian's Chromium -------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. Skips where no browser is installed, except in CI, where it fails."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on the loopback interface; yields its address."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over HTTP on the loopback interface."""
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def published_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The built site served under its published path (site_url's), where 404.html's absolute
    addresses resolve."""
    import re
    from urllib.parse import urlsplit

    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    prefix = urlsplit(site_url).path.strip("/")
    if not prefix:
        with serve_directory(built_site) as url:
            yield url
        return
    root = tmp_path_factory.mktemp("published")
    (root / prefix).parent.mkdir(parents=True, exist_ok=True)
    (root / prefix).symlink_to(built_site, target_is_directory=True)
    with serve_directory(root) as url:
        yield f"{url}{prefix}/"


# Tests that build the site or drive a browser are slow; `make test-fast` leaves them out.
SLOW_FIXTURES = {"built_site", "browser", "site_url", "published_url", "pdf_site", "book", "book_text", "fixture_site",
                 "offline_site", "offline_copy"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@functools.cache
def real_site():
    """The real content's snapshot, read once for every test module that reads it."""
    from content.site import load_site

    return load_site(ROOT, today=date.today())
