"""Helpers for the browser tests: the built site's pages, a browser that may only talk to the
site itself, and axe-core."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
from playwright.sync_api import Browser, BrowserContext, Page

# Where quick exit goes: a neutral site (see overrides/partials/quick-exit.html).
EXIT_DESTINATION = "https://www.bbc.co.uk/weather"
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A page of each kind, for the checks too slow to run on every page in every combination.
REPRESENTATIVE_PAGES = ["", "article/", "guide/", "directory/", "directory/countries/gb/", "tags/", "tags/trauma/",
                        "about/staying-safe-online/", "about/privacy/"]


def page_paths(site_dir: Path) -> list[str]:
    """Every page the theme rendered, as a path relative to the site's root ('', 'about/', '404.html').

    Other HTML files (helpers copied from docs/javascripts) carry no generator tag and are left out."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        if 'name="generator" content="mkdocs-' not in html.read_text(encoding="utf-8"):
            continue
        relative = html.relative_to(site_dir)
        if html.name == "index.html":
            paths.append("" if relative.parent == Path(".") else f"{relative.parent.as_posix()}/")
        else:
            paths.append(relative.as_posix())
    return paths


def is_local(url: str) -> bool:
    return urlsplit(url).hostname == "127.0.0.1" or not url.startswith(("http:", "https:"))


def local_only_context(browser: Browser, **options) -> tuple[BrowserContext, list[str]]:
    """A browser context in which every request to another host is recorded and aborted.

    The list it returns fills with the address of each such request, so a test can prove that
    none was made (or, for quick exit, that exactly the expected one was)."""
    context = browser.new_context(**options)
    other_hosts: list[str] = []

    def refuse(route) -> None:
        other_hosts.append(route.request.url)
        route.abort()

    context.route(lambda url: not is_local(url), refuse)
    return context, other_hosts


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, one line per rule with its first targets."""
    page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [f"{v['id']}: {[node['target'] for node in v['nodes'][:3]]}" for v in violations]



# What a printout leaves out: the site's header, navigation and footer.
SITE_FURNITURE = (".md-header", ".md-sidebar--primary", ".md-footer")


def open_for_print(browser: Browser, url: str) -> Page:
    """A page as the browser lays it out for printing."""
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    return page


def hidden_in_print(page: Page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none"
