"""Quick exit, as GOV.UK's "Exit this page" behaves: the button, Shift pressed three times (with
the reset rules), the hidden skip link, the blank overlay, coming back, and no JavaScript."""

from __future__ import annotations

import json

import pytest
from browsing import DESKTOP, EXIT_DESTINATION, local_only_context

from conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

PAGE = "about/privacy/"
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><p>Weather</p></html>"


class NeutralSite:
    """Stands in for the exit destination, so that leaving never reaches the real network."""

    def __init__(self, context) -> None:
        self.requests: list[str] = []
        context.route(f"{EXIT_DESTINATION}**", self._arrive)

    def _arrive(self, route) -> None:
        self.requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)


@pytest.fixture
def context(browser):
    context, other_hosts = local_only_context(browser, viewport=DESKTOP)
    yield context
    context.close()
    assert other_hosts == [], "only the stand-in exit destination may be asked for"


def open_page(context, site_url: str, *, clock: bool = False):
    page = context.new_page()
    if clock:
        page.clock.install(time=0)
    page.goto(site_url + PAGE)
    if clock:
        page.clock.pause_at(60_000)  # from here on, time moves only when a test moves it
    return page


def presses(page) -> str | None:
    return page.get_attribute(".hic-exit__button", "data-presses")


def status(page) -> str:
    return page.text_content("[data-hic-exit-status]") or ""


def test_the_button_covers_the_page_at_once_then_leaves_for_the_neutral_site(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url)
    # Report, from inside the page, what covers it the moment the overlay is added.
    page.evaluate("""() => new MutationObserver(() => {
        const overlay = document.querySelector('.hic-exit-overlay');
        if (!overlay) return;
        const middle = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
        console.log(JSON.stringify({text: overlay.textContent, onTop: middle === overlay,
                                    background: getComputedStyle(overlay).backgroundColor}));
    }).observe(document.body, {childList: true})""")
    # Hold the way out until the report has arrived: a page that has already left may never send it.
    held = []
    page.route(f"{EXIT_DESTINATION}**", lambda route: held.append(route))
    with page.expect_console_message() as covering:
        page.click(".hic-exit__button", no_wait_after=True)
    assert json.loads(covering.value.text) == {"text": "Loading.", "onTop": True, "background": "rgb(255, 255, 255)"}
    while not held:
        page.wait_for_timeout(50)
    held[0].fallback()  # on to the stand-in neutral site
    page.wait_for_url(EXIT_DESTINATION)
    assert neutral.requests == [EXIT_DESTINATION]


@pytest.fixture(scope="module")
def browser_with_back_forward_cache(browser):
    """Chromium as people use it: Playwright turns the back-forward cache off by default, and with
    it off, Back reloads the page, so the overlay would be gone whatever the script did."""
    launched = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                           ignore_default_args=["--disable-back-forward-cache"])
    yield launched
    launched.close()


def test_coming_back_with_back_removes_the_overlay(browser_with_back_forward_cache, site_url: str) -> None:
    context, other_hosts = local_only_context(browser_with_back_forward_cache, viewport=DESKTOP)
    NeutralSite(context)
    page = open_page(context, site_url)
    page.evaluate("() => { window.leftFromHere = true }")
    page.click(".hic-exit__button")
    page.wait_for_url(EXIT_DESTINATION)
    page.go_back(wait_until="commit")  # a page restored from the cache fires no load event
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.url == site_url + PAGE
    assert page.evaluate("() => window.leftFromHere") is True, "Back did not restore the page that was left"
    assert page.locator(".hic-exit-overlay").count() == 0
    assert page.locator(".hic-exit__button").is_visible() and presses(page) == "0"
    context.close()
    assert other_hosts == []


def test_pressing_shift_three_times_leaves(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_DESTINATION)
    assert neutral.requests == [EXIT_DESTINATION]


def test_each_press_is_shown_and_announced(context, site_url: str) -> None:
    NeutralSite(context)
    page = open_page(context, site_url)
    assert not page.locator(".hic-exit__dots").is_visible()
    page.keyboard.press("Shift")
    assert presses(page) == "1" and page.locator(".hic-exit__dots").is_visible()
    assert status(page) == "Shift pressed. Press Shift 2 more times to exit this page."
    assert page.get_attribute("[data-hic-exit-status]", "role") == "status"
    page.keyboard.press("Shift")
    assert presses(page) == "2"
    assert status(page) == "Shift pressed. Press Shift 1 more time to exit this page."


def test_any_other_key_starts_the_count_again(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    assert presses(page) == "0"
    page.keyboard.press("Shift")
    assert presses(page) == "1"
    assert neutral.requests == []


def test_shift_held_with_another_key_does_not_count(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url)
    for _ in range(3):
        page.keyboard.down("Shift")
        page.keyboard.press("KeyA")
        page.keyboard.up("Shift")
    assert presses(page) == "0"
    assert neutral.requests == []


def test_presses_more_than_five_seconds_apart_start_again(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url, clock=True)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5001)
    assert presses(page) == "0"
    assert status(page) == "Exit this page expired."
    page.keyboard.press("Shift")
    assert presses(page) == "1"
    assert neutral.requests == []


def test_presses_each_within_five_seconds_of_the_last_leave(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url, clock=True)
    page.keyboard.press("Shift")
    page.clock.run_for(4900)
    page.keyboard.press("Shift")
    page.clock.run_for(4900)  # 9.8 s after the first press, 4.9 s after the last
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_DESTINATION)
    assert neutral.requests == [EXIT_DESTINATION]


def test_the_hidden_skip_link_is_among_the_first_keyboard_stops_and_leaves(context, site_url: str) -> None:
    neutral = NeutralSite(context)
    page = open_page(context, site_url)
    skip = page.locator(".hic-exit-skip")
    assert skip.bounding_box() is None or not skip.evaluate("e => getComputedStyle(e).opacity === '1'")
    for _ in range(2):
        page.keyboard.press("Tab")
        if skip.evaluate("e => e === document.activeElement"):
            break
    assert skip.evaluate("e => e === document.activeElement"), "the exit link is not within two Tab presses"
    page.wait_for_timeout(400)  # the link slides into view
    assert skip.is_visible() and skip.evaluate("e => getComputedStyle(e).opacity") == "1"
    page.keyboard.press("Enter")
    page.wait_for_url(EXIT_DESTINATION)
    assert neutral.requests == [EXIT_DESTINATION]


def test_without_javascript_the_button_is_a_plain_link_that_leaves(browser, site_url: str) -> None:
    context, other_hosts = local_only_context(browser, viewport=DESKTOP, java_script_enabled=False)
    neutral = NeutralSite(context)
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.click(".hic-exit__button")
    page.wait_for_url(EXIT_DESTINATION)
    context.close()
    assert neutral.requests == [EXIT_DESTINATION] and other_hosts == []
