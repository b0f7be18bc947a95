"""Page weight: what a browser really fetches on the first view of a built page, and what search
costs once a reader uses it.

Chromium, driven by Playwright, opens each page in a fresh profile (nothing cached) at a phone's
size, from the site served gzip-compressed on 127.0.0.1 (bench/serve.py). Every request it makes
is recorded with the bytes of its body as received (compressed where the server compressed it) and
as decoded. The first view is everything requested until the network has been quiet for a while,
without touching the page. Then the search button is pressed and a word typed: the requests that
follow are what search costs. Requests to any other host are refused and listed.

Response headers are not counted: they depend on the host (a few hundred bytes a request).
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.serve import GZIP_LEVEL, served

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
SETTLE_MS = 1500  # after the network has gone quiet, how long to keep listening for late requests
SEARCH_WORD = "988"
# Where Material's search lives in a built site: its index and its worker.
SEARCH_PATHS = ("search/", "assets/javascripts/workers/")

# One built page of each kind, by its path in the built site.
PAGE_TYPES: dict[str, str] = {
    "home": "index.html",
    "article": "article/index.html",
    "guide page": "guide/find-a-therapist/index.html",
    "directory": "directory/index.html",
    "country page": "directory/countries/gb/index.html",
    "entry": "directory/entries/gb-samaritans/index.html",
    "tag page": "tags/trauma/index.html",
}


def page_address(path: str) -> str:
    """The address a reader uses for a built file: 'guide/x/index.html' is 'guide/x/'."""
    return path.removesuffix("index.html")


@dataclass(frozen=True)
class Request:
    path: str  # relative to the site's root; the whole address for another host
    kind: str  # the browser's resource type: document, stylesheet, script, xhr, fetch, image…
    size: int  # decoded bytes of the body
    transferred: int  # bytes of the body as received: gzip-compressed where the server compressed it

    @property
    def is_search(self) -> bool:
        return self.path.startswith(SEARCH_PATHS)


@dataclass(frozen=True)
class Weight:
    page: str
    requests: tuple[Request, ...]  # in the order the browser made them
    other_hosts: tuple[str, ...] = ()  # refused requests to any host but the site's own

    @property
    def size(self) -> int:
        return sum(request.size for request in self.requests)

    @property
    def gzip_size(self) -> int:
        return sum(request.transferred for request in self.requests)

    @property
    def search_size(self) -> int:
        return sum(request.transferred for request in self.requests if request.is_search)

    def largest(self, count: int) -> list[Request]:
        return sorted(self.requests, key=lambda request: request.size, reverse=True)[:count]


def available() -> str | None:
    """Why page weight cannot be measured here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-test.txt)"
    return None


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Debian Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Recorder:
    """Every request a browser context makes, with the site's own told apart from other hosts'."""

    def __init__(self, context, base: str) -> None:
        self.base = base
        self.started: list = []  # in the order the browser made them
        self.finished: list = []  # in the order they finished, which streaming can change
        self.other_hosts: list[str] = []
        context.route(lambda url: not self.is_local(url), self.refuse)
        context.on("request", lambda request: self.started.append(request))
        context.on("requestfinished", lambda request: self.finished.append(request))

    def is_local(self, url: str) -> bool:
        return url.startswith(self.base) or url.startswith(("data:", "blob:"))

    def refuse(self, route) -> None:
        self.other_hosts.append(route.request.url)
        route.abort()

    def take(self) -> tuple[list[Request], list[str]]:
        """The requests finished since the last call, and the other hosts asked for."""
        done = {id(request) for request in self.finished}
        finished = [request for request in self.started if id(request) in done]
        self.started[:] = [request for request in self.started if id(request) not in done]
        self.finished[:] = []
        other_hosts, self.other_hosts[:] = list(self.other_hosts), []
        requests = []
        for request in finished:
            if request.url.startswith(("data:", "blob:")):
                continue
            response = request.response()
            body = response.body() if response is not None and response.status < 300 else b""
            path = urlsplit(request.url).path.removeprefix(urlsplit(self.base).path)
            requests.append(Request(path, request.resource_type, len(body), received(request, response, body)))
        return requests, other_hosts


def received(request, response, body: bytes) -> int:
    """The bytes of a response's body as they came over the network.

    Chromium reports no size for a worker's own script (fetched by the worker, not the page); the
    server compresses deterministically, so the same compression of the decoded body gives it."""
    transferred = request.sizes()["responseBodySize"]
    if transferred or not body:
        return transferred
    if response.headers.get("content-encoding") == "gzip":
        return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))
    return len(body)


def settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(SETTLE_MS)


def open_search(page) -> None:
    """Open search as a reader on a phone does, and type a word until results show."""
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():
        button.click()
    else:
        page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").press_sequentially(SEARCH_WORD)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


def measure(browser, base: str, path: str, *, search: bool = False) -> tuple[Weight, Weight | None]:
    """The first view of `path` on the site served at `base` and, with `search`, what using search adds."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        recorder = Recorder(context, base)
        page = context.new_page()
        page.goto(base + page_address(path))
        settle(page)
        first_view = Weight(path, *map(tuple, recorder.take()))
        if not search:
            return first_view, None
        open_search(page)
        settle(page)
        return first_view, Weight(path, *map(tuple, recorder.take()))
    finally:
        context.close()


def measure_site(site_dir: Path, pages: dict[str, str] = PAGE_TYPES, search: str | None = "home"
                 ) -> dict[str, tuple[Weight, Weight | None]]:
    """Each page of `pages` measured in Chromium; the one named by `search` also with search used."""
    results = {}
    with served(site_dir) as base, chromium() as browser:
        for kind, path in pages.items():
            if (site_dir / path).is_file():
                results[kind] = measure(browser, base, path, search=kind == search)
    return results


def request_log(results: dict[str, tuple[Weight, Weight | None]]) -> str:
    """Every request of every measured page, as a plain list: uncompressed and transferred KiB, type, file."""
    lines = []
    for kind, views in results.items():
        for label, view in zip(("first view", "then search"), views, strict=True):
            if view is None:
                continue
            lines.append(f"\n{kind}, {label}: {len(view.requests)} requests, {view.size / 1024:.1f} KiB, "
                         f"{view.gzip_size / 1024:.1f} KiB transferred")
            lines += [f"  {r.size / 1024:7.1f} {r.transferred / 1024:6.1f}  {r.kind:10} {r.path or '/'}"
                      for r in view.requests]
            lines += [f"  refused: {address}" for address in view.other_hosts]
    return "\n".join(lines)


def main(arguments: list[str]) -> int:
    """`python -m bench.weight [SITE_DIR]`: the page-weight part of `make bench` alone, on a given
    built site or on a fresh build, and then every request made."""
    import tempfile

    from bench import run
    from bench.builds import BuildFailed, build

    with tempfile.TemporaryDirectory(prefix="weight-") as folder:
        site = Path(arguments[0]) if arguments else Path(folder) / "site"
        if not arguments:
            try:
                build(run.ROOT, site)
            except BuildFailed as error:
                print(error, file=sys.stderr)
                return 1
        measured = run.page_weights(site)
        if measured:
            print(request_log(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
