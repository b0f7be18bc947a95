"""Search costs nothing until a reader uses it (docs/javascripts/search-on-demand.js); then it finds
what readers look for, by keyboard, with the number of results announced, on the built site and in
`mkdocs serve`. From the file system: tests/test_offline.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from browsing import DESKTOP, PHONE, local_only_context

from conftest import ROOT

# What a reader types, and the pages it must find, each among the first so many results (a phone
# shows about five at once). Material's own search ranked them so when it fetched its index on load.
EXPECTED = {
    "988": {"directory/entries/us-988-lifeline/": 1, "directory/entries/ca-988-suicide-crisis-helpline/": 10},
    "couples": {"guide/therapy-together/": 5},
    "EMDR": {"guide/treatments/": 5},
    "Ireland": {"directory/countries/ie/": 5},
}
FIRST_RESULTS = 5
SEARCH_FILES = ("/search/", "/assets/javascripts/workers/")


def search_files(addresses: list[str]) -> list[str]:
    return [address for address in addresses if any(part in address for part in SEARCH_FILES)]


@pytest.fixture
def reader(browser):
    """A tab at a phone's size that may only talk to the site, with every address it asked for."""
    context, other_hosts = local_only_context(browser, viewport=PHONE)
    page = context.new_page()
    page.asked_for = []
    page.on("request", lambda request: page.asked_for.append(request.url))
    yield page
    context.close()
    assert other_hosts == []


def open_search_and_type(page, words: str) -> None:
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially(words)


def results(page) -> list[str]:
    """The addresses of the pages found, best first, relative to the site."""
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    hrefs = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item > a:first-child",
                                      "links => links.map(link => link.href)")
    base = page.evaluate("() => new URL(JSON.parse(document.getElementById('__config').textContent).base, "
                         "location.href).href")
    return [href.removeprefix(base).split("#")[0] for href in hrefs]


@pytest.mark.browser
def test_a_page_fetches_nothing_of_search_until_search_is_used(reader, site_url: str) -> None:
    reader.goto(site_url + "article/", wait_until="networkidle")
    reader.wait_for_timeout(1000)
    reader.mouse.wheel(0, 2000)  # reading, scrolling and tabbing through the page do not start it
    reader.keyboard.press("Tab")
    reader.wait_for_timeout(500)
    assert search_files(reader.asked_for) == []

    open_search_and_type(reader, "988")
    assert results(reader)
    fetched = search_files(reader.asked_for)
    assert len(fetched) == 2, fetched
    assert any(address.endswith("/search/search_index.json") for address in fetched)
    assert any("/workers/search." in address for address in fetched)


@pytest.mark.browser
@pytest.mark.parametrize("words", list(EXPECTED))
def test_search_finds_what_readers_look_for(reader, site_url: str, words: str) -> None:
    reader.goto(site_url)
    open_search_and_type(reader, words)
    found = results(reader)
    for address, within in EXPECTED[words].items():
        assert address in found[:within], f"searching {words!r} puts {address} outside the first {within}: {found}"


@pytest.mark.browser
def test_on_a_phone_search_is_reached_and_used_by_keyboard_alone(reader, site_url: str) -> None:
    reader.goto(site_url, wait_until="networkidle")
    for _ in range(15):
        reader.keyboard.press("Tab")
        if reader.evaluate("() => document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail("Tab never reaches the search box at a phone's width")
    reader.keyboard.type("Ireland")
    assert "directory/countries/ie/" in results(reader)[:FIRST_RESULTS]
    assert reader.evaluate("() => document.getElementById('__search').checked"), "search did not open"


@pytest.mark.browser
def test_the_number_of_results_is_announced(reader, site_url: str) -> None:
    reader.goto(site_url + "guide/")
    status = reader.locator(".md-search-result__meta")
    assert status.get_attribute("role") == "status"
    open_search_and_type(reader, "EMDR")
    results(reader)
    assert "matching document" in status.inner_text()


@pytest.mark.browser
def test_search_says_so_when_it_cannot_load_and_tries_again(browser, site_url: str) -> None:
    context, _ = local_only_context(browser, viewport=DESKTOP)
    page = context.new_page()
    refuse = lambda route: route.abort()  # noqa: E731
    page.route("**/search/search_index.json", refuse)
    page.goto(site_url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.focus()
    status = page.locator(".md-search-result__meta", has_text="Search could not load")
    status.wait_for(timeout=10_000)
    page.unroute("**/search/search_index.json", refuse)
    page.locator("article a").first.focus()
    search.focus()
    search.press_sequentially("couples")
    assert "guide/therapy-together/" in results(page)
    context.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
@pytest.mark.browser
def test_search_works_in_mkdocs_serve(reader) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        address = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(address) as response:  # redirects to the site's path
                    address = response.url
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("mkdocs serve did not start")
                time.sleep(1)
        reader.goto(address, wait_until="networkidle")
        assert search_files(reader.asked_for) == []
        open_search_and_type(reader, "EMDR")
        assert "guide/treatments/" in results(reader)[:FIRST_RESULTS]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_expected_pages_exist() -> None:
    for expected in EXPECTED.values():
        for address in expected:
            assert (ROOT / "docs" / f"{address.rstrip('/')}.md").is_file() or address.startswith(
                "directory/countries/"), address
