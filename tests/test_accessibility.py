"""Accessibility beyond the every-page axe sweep: both colour schemes at phone and desktop width,
valid HTML, every page without JavaScript, keyboard use, visible focus and text at 200%."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE, REPRESENTATIVE_PAGES, axe_violations, local_only_context, page_paths
from content.valid_html import drop_checkbox_autocomplete

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_autocomplete_is_dropped_from_checkboxes_only() -> None:
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" autocomplete="off" data-x="a>b">')
    assert drop_checkbox_autocomplete(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" autocomplete="off" data-x="a>b">')


@pytest.mark.slow
def test_every_page_is_valid_html(built_site: Path) -> None:
    if not VNU.exists() or shutil.which("java") is None:
        message = f"the HTML validator needs java and {VNU.relative_to(ROOT)} (npm install vnu-jar, as .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", str(built_site)],
                            capture_output=True, text=True, timeout=600)
    assert (result.returncode, result.stderr.strip()) == (0, "")


@pytest.mark.slow
def test_every_page_says_its_language(built_site: Path) -> None:
    for path in page_paths(built_site):
        html = (built_site / (path if path.endswith(".html") else f"{path}index.html")).read_text(encoding="utf-8")
        assert '<html lang="en"' in html, path


# --- In the browser --------------------------------------------------------------------------

COMBINATIONS = {  # the every-page sweep covers desktop width in the light scheme
    "phone, light": (PHONE, "light"),
    "phone, dark": (PHONE, "dark"),
    "desktop, dark": (DESKTOP, "dark"),
}


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("combination", COMBINATIONS)
def test_axe_finds_nothing_on_a_page_of_each_kind_in_each_scheme_and_width(
        browser, site_url: str, combination: str) -> None:
    viewport, scheme = COMBINATIONS[combination]
    context, other_hosts = local_only_context(browser, viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in REPRESENTATIVE_PAGES:
        page.goto(site_url + path)
        shown = page.evaluate("() => document.body.dataset.mdColorScheme")
        assert shown == ("slate" if scheme == "dark" else "default"), path
        found[path] = axe_violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
    assert other_hosts == []


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_is_readable_without_javascript(browser, built_site: Path, published_url: str) -> None:
    context, other_hosts = local_only_context(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    unreadable = {}
    for path in page_paths(built_site):
        page.goto(published_url + path)
        problems = [name for name, selector in [("heading", "article h1"), ("urgent-help banner", ".hic-urgent"),
                                                ("exit button", ".hic-exit__button")]
                    if not page.locator(selector).first.is_visible()]
        if len(page.locator("article").inner_text()) < (10 if path == "404.html" else 100):
            problems.append("text")
        if problems:
            unreadable[path] = problems
    context.close()
    assert unreadable == {}
    assert other_hosts == []


@pytest.fixture
def desktop_page(browser, site_url: str):
    context, other_hosts = local_only_context(browser, viewport=DESKTOP)
    yield context.new_page()
    context.close()
    assert other_hosts == []


def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, style = getComputedStyle(e);
        return {text: e.innerText?.trim() || e.getAttribute('aria-label') || e.tagName,
                cls: e.className, outline: style.outlineStyle, ring: style.boxShadow};
    }""")


@pytest.mark.browser
def test_the_first_keyboard_stops_are_the_skip_links_then_urgent_help_and_all_show_focus(
        desktop_page, site_url: str) -> None:
    desktop_page.goto(site_url + "guide/")
    stops = []
    for _ in range(6):
        desktop_page.keyboard.press("Tab")
        stops.append(focused(desktop_page))
    assert [stop["text"] for stop in stops[:3]] == [
        "Skip to content", "Exit this page", "Find a crisis line or emergency number"]
    for stop in stops:
        assert stop["outline"] != "none" or stop["ring"] != "none", stop


@pytest.mark.browser
def test_skip_to_content_moves_focus_past_the_navigation(desktop_page, site_url: str) -> None:
    desktop_page.goto(site_url + "guide/")
    desktop_page.keyboard.press("Tab")
    desktop_page.keyboard.press("Enter")
    assert desktop_page.evaluate("() => location.hash") != ""
    desktop_page.keyboard.press("Tab")
    assert desktop_page.evaluate("() => !!document.activeElement.closest('article')")


@pytest.mark.browser
def test_search_works_by_keyboard_alone(desktop_page, site_url: str) -> None:
    desktop_page.goto(site_url, wait_until="networkidle")
    for _ in range(12):
        desktop_page.keyboard.press("Tab")
        if desktop_page.evaluate("() => document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail("the search box is not reachable with Tab")
    desktop_page.keyboard.type("therapist")
    desktop_page.wait_for_selector(".md-search-result__item")
    desktop_page.keyboard.press("ArrowDown")
    with desktop_page.expect_navigation():
        desktop_page.keyboard.press("Enter")
    assert desktop_page.url != site_url
    assert "therapist" not in desktop_page.url  # search words stay out of addresses, so out of history
    assert "therapist" in desktop_page.locator("article").inner_text().lower()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_text_at_200_percent_loses_nothing(browser, site_url: str, viewport: dict) -> None:
    context, _ = local_only_context(browser, viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "about/staying-safe-online/")
    # What a browser's text-only zoom does: every rem doubles (Material's root size is 125%).
    page.evaluate("() => { document.documentElement.style.fontSize = '250%'; }")
    page.wait_for_timeout(100)
    # Material clips sideways scrolling (the closed menu waits off screen), so what matters is that
    # nothing a reader needs ends past the right edge.
    cut_off = page.evaluate("""() => [...document.querySelectorAll(
            'article *, .md-banner *, .hic-exit, .hic-exit *, .md-header__button')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
        .map(e => e.tagName + '.' + e.className + ': ' + (e.innerText || '').slice(0, 40))""")
    context.close()
    assert cut_off == []
