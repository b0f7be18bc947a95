"""The offline copy: a zip of the site that works from the file system and asks no server for anything."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

FOLDER = "healing-in-connection"


@pytest.fixture(scope="session")
def offline_copy(offline_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline build zipped as `make offline` zips it, then unpacked elsewhere: its index.html."""
    assert offline_site.name == FOLDER
    archive = tmp_path_factory.mktemp("zipped") / "offline.zip"
    subprocess.run([sys.executable, "-m", "zipfile", "-c", str(archive), FOLDER], cwd=offline_site.parent,
                   check=True)
    unpacked = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(unpacked)
    return unpacked / FOLDER / "index.html"


@pytest.fixture
def offline_page(browser, offline_copy: Path):
    """A browser tab that records every request that is not for a local file."""
    context = browser.new_context()
    page = context.new_page()
    page.left_the_file_system = []
    page.on("request", lambda request: request.url.startswith(("file:", "data:", "blob:"))
            or page.left_the_file_system.append(request.url))
    yield page
    context.close()


@pytest.mark.slow
def test_the_offline_copy_links_pages_as_files_and_leaves_out_its_own_download(offline_copy: Path) -> None:
    html = offline_copy.read_text(encoding="utf-8")
    assert 'href="article/index.html"' in html
    assert "healing-in-connection.pdf" in html and "healing-in-connection-offline.zip" not in html
    assert (offline_copy.parent / "search" / "search_index.js").exists()


@pytest.mark.slow
def test_only_the_offline_copy_loads_the_sites_own_search_shim_and_no_cdn(offline_copy: Path,
                                                                           built_site: Path) -> None:
    offline = offline_copy.read_text(encoding="utf-8")
    assert '<script src="javascripts/iframe-worker.js"></script>' in offline
    assert "unpkg" not in offline and "//cdn" not in offline
    online = (built_site / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in online and "healing-in-connection-offline.zip" in online
    assert (built_site / "article" / "index.html").is_file(), "the online site keeps its directory addresses"
    assert not (built_site / "search" / "search_index.js").exists()


@pytest.mark.slow
@pytest.mark.browser
def test_from_file_the_copy_searches_navigates_and_makes_no_request(offline_page, offline_copy: Path) -> None:
    page = offline_page
    page.goto(offline_copy.as_uri(), wait_until="networkidle")
    assert page.title().startswith("Healing in Connection")

    # Nothing of search is loaded until it is used: no worker frame, no index.
    assert page.evaluate("() => document.querySelectorAll('iframe').length + (typeof __index)") == "0undefined"

    search = page.locator("input.md-search__input")
    search.click()
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=10_000)
    search.press_sequentially("therapist")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    results.first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith("file://") and ".html" in page.url
    assert "therapist" in page.locator("article").inner_text().lower()

    page.goto(offline_copy.as_uri(), wait_until="networkidle")
    page.locator(".md-content a[href='directory/index.html']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/directory/index.html")
    assert page.locator("h1").first.inner_text().startswith("Directory of services")
    countries = page.locator(".md-content .dir-country a[href^='countries/']")
    assert countries.count() > 10, "the directory lists no countries"
    countries.first.click()
    page.wait_for_load_state("networkidle")
    assert "/directory/countries/" in page.url and page.url.startswith("file://")
    listed = page.locator(".md-content a[href^='../entries/']")
    assert listed.count() > 2, "the country lists no entries"
    listed.first.click()
    page.wait_for_load_state("networkidle")
    assert "/directory/entries/" in page.url and page.url.startswith("file://")

    assert page.left_the_file_system == []

    # Quick exit still works offline: the page blanks and the browser heads for the neutral site.
    page.context.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
                       else route.continue_())
    exit_button = page.locator(".hic-exit__button")
    destination = exit_button.get_attribute("href")
    exit_button.click()
    page.wait_for_timeout(500)
    assert page.left_the_file_system and all(url.startswith(destination) for url in page.left_the_file_system)


@pytest.mark.slow
@pytest.mark.browser
def test_from_file_search_finds_a_crisis_line_by_its_number(offline_page, offline_copy: Path) -> None:
    page = offline_page
    page.goto(offline_copy.parent.joinpath("guide", "index.html").as_uri(), wait_until="networkidle")
    page.locator("input.md-search__input").focus()
    page.keyboard.type("988")
    found = page.locator(".md-search-result__list > .md-search-result__item > a")
    found.first.wait_for(timeout=10_000)
    hrefs = found.evaluate_all("links => links.slice(0, 5).map(link => link.getAttribute('href'))")
    assert any(href.endswith("us-988-lifeline.html") for href in hrefs), hrefs
    assert page.left_the_file_system == []
