"""Safety and privacy in every page's HTML: the urgent-help banner, quick exit, the security and
referrer policies, and links to other sites; and the banner's country link in the browser."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browsing import DESKTOP, EXIT_DESTINATION, local_only_context, page_paths
from content.external_links import protect_external_links

# --- Links to other sites --------------------------------------------------------------------


@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="https://example.org/x">x</a>', '<a href="https://example.org/x" rel="noopener noreferrer">x</a>'),
    ('<a href="https://example.org" rel="edit" title="a > b">x</a>',
     '<a href="https://example.org" rel="edit noopener noreferrer" title="a > b">x</a>'),
    ("<a rel='noopener' href='//example.org/'>x</a>", "<a rel=\"noopener noreferrer\" href='//example.org/'>x</a>"),
])
def test_links_to_other_hosts_get_noopener_noreferrer(html: str, expected: str) -> None:
    assert protect_external_links(html, "site.example") == expected


@pytest.mark.parametrize("html", [
    '<a href="../about/">x</a>', '<a href="#top">x</a>', '<a href="https://site.example/page/">x</a>',
    '<a href="mailto:help@example.org">x</a>', '<a href="tel:+441234">x</a>', "<a>x</a>",
    '<abbr title="https://example.org">x</abbr>',
])
def test_links_within_the_site_and_other_schemes_are_left_alone(html: str) -> None:
    assert protect_external_links(html, "site.example") == html


# --- Every page's HTML -----------------------------------------------------------------------

START_TAG = re.compile(r"<(a|script|meta)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)


def start_tags(html: str, name: str) -> list[str]:
    return [match[0] for match in START_TAG.finditer(html) if match[1].lower() == name]


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found[1] if found else None


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, str]:
    """Every rendered page's HTML, by its path."""
    return {path: (built_site / (path if path.endswith(".html") else f"{path}index.html")).read_text(encoding="utf-8")
            for path in page_paths(built_site)}


def test_every_page_has_the_urgent_help_banner_linking_to_the_directory(
        pages: dict[str, str], built_site: Path) -> None:
    assert len(pages) > 20
    for path, html in pages.items():
        banner = html.split('<div data-md-component="announce">', 1)[1].split("</aside>", 1)[0]
        links = [tag for tag in start_tags(banner, "a") if "data-hic-crisis-link" in tag]
        assert len(links) == 1, path
        href = attribute(links[0], "href")
        if path == "404.html":  # served at any depth, so it links from the site's root path
            assert href.endswith("/directory/"), href
            continue
        target = urljoin(f"https://site/{path}", href)
        assert target == "https://site/directory/", (path, href)
        assert (built_site / "directory" / "index.html").exists()


def test_every_page_has_the_exit_button_and_the_hidden_exit_link(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        exits = [tag for tag in start_tags(html, "a") if "data-hic-exit" in tag]
        classes = sorted(attribute(tag, "class") for tag in exits)
        assert classes == ["hic-exit__button", "md-skip hic-exit-skip"], path
        assert {attribute(tag, "href") for tag in exits} == {EXIT_DESTINATION}, path
        # The skip link comes first in the page, right after "Skip to content".
        assert html.index("hic-exit-skip") < html.index('class="md-header'), path


def test_every_page_sets_a_strict_security_policy_and_referrer_policy_before_any_script(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        metas = start_tags(html, "meta")
        policy = next(attribute(tag, "content") for tag in metas
                      if attribute(tag, "http-equiv") == "Content-Security-Policy")
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'", path
        assert "unsafe" not in policy, path
        assert any(attribute(tag, "name") == "referrer" and attribute(tag, "content") == "no-referrer"
                   for tag in metas), path
        assert html.index("Content-Security-Policy") < html.index("<script"), path


def test_no_page_has_an_inline_script_the_policy_would_block(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        for tag in start_tags(html, "script"):
            # Data blocks (Material's configuration, an entry's schema.org description) never run.
            assert attribute(tag, "src") or attribute(tag, "type") in ("application/json", "application/ld+json"), \
                (path, tag)


def test_every_link_to_another_host_has_noopener_noreferrer(pages: dict[str, str]) -> None:
    checked = 0
    for path, html in pages.items():
        for tag in start_tags(html, "a"):
            href = attribute(tag, "href") or ""
            if href.startswith(("http:", "https:")):
                checked += 1
                assert {"noopener", "noreferrer"} <= set((attribute(tag, "rel") or "").split()), (path, tag)
    assert checked > len(pages)  # every page links out at least to the exit destination


def test_the_about_section_has_the_safety_and_privacy_pages(pages: dict[str, str]) -> None:
    safety = pages["about/staying-safe-online/"]
    for heading in ["Leaving this site quickly", "What quick exit does not do", "Private browsing",
                    "Clearing your history", "Use another device", "Phone bills and text messages"]:
        assert f">{heading}<" in safety
    assert "does not erase your browsing history" in safety
    privacy = pages["about/privacy/"]
    assert "sets no cookies" in privacy and "<code>hic-country</code>" in privacy
    assert 'href="staying-safe-online/"' in pages["about/"] and 'href="privacy/"' in pages["about/"]


# --- The banner in the browser ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(("stored", "expected"), [
    ("gb", "directory/countries/gb/"),
    (None, "directory/"),
    ("../../evil", "directory/"),
])
def test_the_banner_links_to_the_chosen_countrys_crisis_lines(browser, site_url: str, stored, expected) -> None:
    context, other_hosts = local_only_context(browser, viewport=DESKTOP)
    if stored is not None:
        context.add_init_script(f"localStorage.setItem('hic-country', {stored!r})")
    page = context.new_page()
    page.goto(site_url + "guide/")
    link = page.locator("[data-hic-crisis-link]")
    assert link.evaluate("a => a.href") == site_url + expected
    if stored == "gb":
        assert link.text_content() == "Crisis lines and emergency numbers: United Kingdom"
    context.close()
    assert other_hosts == []


@pytest.mark.browser
def test_the_banner_is_printed_with_the_directorys_address(browser, site_url: str) -> None:
    context, _ = local_only_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + "article/")
    page.emulate_media(media="print")
    assert page.locator(".md-banner").is_visible()
    assert page.locator(".hic-urgent .hic-print-only").is_visible()
    assert "/directory/" in page.locator(".hic-urgent").inner_text()
    assert not page.locator(".hic-exit__button").is_visible()
    context.close()
