"""Every page of the built site, loaded in Chromium: the browser talks to no other host, the Content
Security Policy blocks nothing, and nothing is stored on the device; axe finds nothing on every
hand-written page and on one page of each template (the others differ only in their data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browsing import DESKTOP, axe_violations, local_only_context, page_paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass
class Sweep:
    """What loading every page once showed."""

    pages: list[str]
    other_hosts: list[str]
    axe: dict[str, list[str]] = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)
    storage: dict[str, list[str]] = field(default_factory=dict)
    cookies: list[dict] = field(default_factory=list)


# Pages made from one template: axe checks the first of each, as the rest share its markup.
TEMPLATED = ("directory/entries/", "directory/countries/", "directory/kinds/", "tags/")


def axe_pages(paths: list[str]) -> set[str]:
    chosen = {path for path in paths if not path.startswith(TEMPLATED)}
    for prefix in TEMPLATED:
        chosen.add(next(path for path in paths if path.startswith(prefix) and path != prefix))
    return chosen | {"tags/"}


@pytest.fixture(scope="module")
def sweep(browser, built_site: Path, published_url: str) -> Sweep:
    context, other_hosts = local_only_context(browser, viewport=DESKTOP, color_scheme="light")
    result = Sweep(page_paths(built_site), other_hosts)
    page = context.new_page()
    page.on("console", lambda message: result.console_errors.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    checked = axe_pages(result.pages)
    for path in result.pages:
        page.goto(published_url + path, wait_until="load")
        if path in checked:
            result.axe[path] = axe_violations(page)
        result.storage[path] = page.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    page.wait_for_load_state("networkidle")
    result.cookies = context.cookies()
    context.close()
    return result


def test_the_sweep_covers_every_page(sweep: Sweep, built_site: Path) -> None:
    assert len(sweep.pages) == len(list(built_site.rglob("index.html"))) + 1 > 20  # + 404.html
    assert "404.html" in sweep.pages and "about/privacy/" in sweep.pages


def test_axe_finds_no_violation_on_any_hand_written_page_or_template(sweep: Sweep) -> None:
    assert {"", "directory/", "about/privacy/"} <= set(sweep.axe)
    assert {prefix for prefix in TEMPLATED if any(path.startswith(prefix) for path in sweep.axe)} == set(TEMPLATED)
    failing = {path: found for path, found in sweep.axe.items() if found}
    assert failing == {}


def test_no_page_makes_a_request_to_another_host(sweep: Sweep) -> None:
    assert sweep.other_hosts == []


def test_no_page_logs_an_error_so_the_security_policy_blocked_nothing(sweep: Sweep) -> None:
    # A blocked script, style or request shows as a console error ("Refused to …").
    assert sweep.console_errors == []


def test_reading_sets_no_cookie_and_stores_only_what_the_privacy_page_lists(sweep: Sweep, built_site: Path) -> None:
    assert sweep.cookies == []
    privacy = (built_site / "about" / "privacy" / "index.html").read_text(encoding="utf-8")
    # Material keys what it stores by the site's path ("/healing-in-connection/.__palette").
    stored = {key.rsplit("/.", 1)[-1] for keys in sweep.storage.values() for key in keys}
    assert stored, "expected the theme to remember the colour scheme"
    assert {key for key in stored if f"<code>{key}</code>" not in privacy} == set()
