"""The directory in a browser: the reader's country guessed on the device, "open now" from each
service's own hours, the filters, lines that belong together, and everything without JavaScript."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from browsing import PHONE, local_only_context

from conftest import real_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SITE = real_site()


def open_directory(browser, site_url: str, path: str = "directory/", **options):
    context, other_hosts = local_only_context(browser, viewport=PHONE, **options)
    page = context.new_page()
    return context, other_hosts, page


ALL = "directory/all/"


def ready(page, site_url: str, path: str = ALL) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_selector(".dir-filters:not([hidden])")


@pytest.mark.parametrize(("zone", "code", "name"), [("Europe/Dublin", "ie", "Ireland"), ("Asia/Tokyo", "jp", "Japan")])
def test_the_country_is_guessed_from_the_time_zone_and_said_so(browser, site_url: str, zone: str, code: str,
                                                                 name: str) -> None:
    context, other_hosts, page = open_directory(browser, site_url, timezone_id=zone, locale="en-GB")
    page.goto(site_url + "directory/", wait_until="networkidle")
    page.wait_for_selector(".dir-guess:not([hidden])")
    note = page.locator(".dir-guess")
    assert f"We guessed {name} from your device's time zone ({zone})" in note.inner_text()
    assert page.locator(".dir-country").first.get_attribute("data-country") == code  # its lines come first
    ready(page, site_url)  # all services: the filter starts at the guessed country
    assert page.locator("[name=country]").input_value() == code
    assert f"We guessed {name}" in page.locator(".dir-filters .dir-guess").inner_text()
    assert page.evaluate("() => Object.keys(localStorage)").count("hic-country") == 0  # a guess is not stored
    context.close()
    assert other_hosts == []


def test_a_zone_we_do_not_cover_falls_back_to_the_language_then_to_every_country(browser, site_url: str) -> None:
    context, _, page = open_directory(browser, site_url, timezone_id="Antarctica/Troll", locale="fr-FR")
    ready(page, site_url)
    assert page.locator("[name=country]").input_value() == "fr"
    assert "from your browser's language (fr-FR)" in page.locator(".dir-filters .dir-guess").inner_text()
    context.close()
    context, _, page = open_directory(browser, site_url, timezone_id="Antarctica/Troll", locale="en")
    ready(page, site_url)
    assert page.locator("[name=country]").input_value() == ""
    assert page.locator(".dir-filters .dir-guess").is_hidden()
    assert "Showing all" in page.locator(".dir-count").inner_text()
    context.close()


def test_a_chosen_country_is_remembered_and_beats_the_guess(browser, site_url: str) -> None:
    context, _, page = open_directory(browser, site_url, timezone_id="Europe/Dublin")
    ready(page, site_url)
    page.select_option("[name=country]", "gb")
    ready(page, site_url)
    assert page.locator("[name=country]").input_value() == "gb"
    assert page.locator(".dir-filters .dir-guess").is_hidden()
    page.goto(site_url + "directory/", wait_until="networkidle")
    page.wait_for_function("document.querySelector('.dir-country').dataset.country === 'gb'")
    assert page.locator(".dir-guess").is_hidden()  # chosen, not guessed
    context.close()


def service(code: str, **wanted) -> list[str]:
    return [item.slug for item in SITE.entries if code in item.entry.countries
            and all(getattr(item.entry, key) == value for key, value in wanted.items())]


def shown(page) -> set[str]:
    return set(page.eval_on_selector_all(".dir-listing .dir-entry:not([hidden])",
                                         "els => els.map(e => e.dataset.entry)"))


def test_open_now_follows_each_services_hours_on_a_fixed_clock(browser, site_url: str) -> None:
    breathing = SITE.entry_named("gb-breathing-space")
    assert breathing is not None and breathing.entry.schedule is not None
    context, _, page = open_directory(browser, site_url, timezone_id="Europe/London")
    # A Tuesday at 14:00 in London: Breathing Space opens in the evening; 24/7 lines are open.
    page.clock.set_fixed_time(datetime(2026, 12, 1, 14, 0, tzinfo=UTC))
    ready(page, site_url)
    page.select_option("[name=country]", "gb")
    page.check("#dir-filter-open-now")
    open_at_two = shown(page)
    assert "gb-breathing-space" not in open_at_two and "gb-samaritans" in open_at_two
    page.clock.set_fixed_time(datetime(2026, 12, 1, 20, 0, tzinfo=UTC))
    page.reload()
    page.wait_for_selector(".dir-filters:not([hidden])")
    page.check("#dir-filter-open-now")
    assert "gb-breathing-space" in shown(page)
    assert "Showing" in page.locator(".dir-count").inner_text()  # announced (role=status)
    context.close()


def test_each_filter_narrows_the_list_and_the_count_is_announced(browser, site_url: str) -> None:
    context, _, page = open_directory(browser, site_url, timezone_id="UTC", locale="en")
    ready(page, site_url)
    total = len(shown(page))
    for name, value, check in [
        ("audience", "young-people", lambda e: "young-people" in e.audiences),
        ("language", "es", lambda e: "es" in e.languages),
        ("contact", "text", lambda e: "text" in e.contact_types),
        ("kind", "therapist-directory", lambda e: e.kind == "therapist-directory"),
    ]:
        page.click(".dir-filters__reset")
        page.select_option(f"[name={name}]", value)
        matching = {item.slug for item in SITE.entries if check(item.entry)}
        visible = shown(page)
        assert matching <= visible and len(visible) < total, name
        partners = {slug for item in SITE.entries if item.slug in matching for slug in item.entry.paired_with}
        assert visible - matching <= partners | {item.slug for item in SITE.entries
                                                 if set(item.entry.paired_with) & matching}, name
        assert page.locator(".dir-count").get_attribute("role") == "status"
        assert f"Showing {len(visible)} of {total}" in page.locator(".dir-count").inner_text()
    context.close()


def test_lines_that_belong_together_are_shown_together(browser, site_url: str) -> None:
    paired = next(item for item in SITE.entries if item.entry.paired_with)
    partner = SITE.entry_named(paired.entry.paired_with[0])
    assert partner is not None
    context, _, page = open_directory(browser, site_url, timezone_id="UTC", locale="en")
    ready(page, site_url)
    audience = next(a for a in paired.entry.audiences if a not in partner.entry.audiences) \
        if set(paired.entry.audiences) - set(partner.entry.audiences) else None
    if audience:
        page.select_option("[name=audience]", audience)
    else:
        page.select_option("[name=kind]", paired.entry.kind)
    visible = shown(page)
    assert paired.slug in visible and partner.slug in visible
    context.close()


def test_the_directory_homes_filters_open_every_service_with_those_choices(browser, site_url: str) -> None:
    context, other_hosts, page = open_directory(browser, site_url, timezone_id="Europe/Dublin", locale="en-IE")
    page.goto(site_url + "directory/", wait_until="networkidle")
    page.wait_for_selector(".dir-find:not([hidden])")
    assert page.locator(".dir-find [name=country]").input_value() == "ie"  # the guess, said above the list
    page.select_option(".dir-find [name=country]", "gb")
    page.select_option(".dir-find [name=audience]", "young-people")
    page.check(".dir-find [name=free]")
    go = page.locator(".dir-find__go")
    assert go.get_attribute("href") == "all/?country=gb&audience=young-people&free=true"
    go.focus()
    page.keyboard.press("Enter")  # an ordinary link: the keyboard follows it as a tap does
    page.wait_for_selector(".dir-filters:not([hidden])")
    assert [page.locator(f"[name={name}]").input_value() for name in ("country", "audience", "kind")] == \
        ["gb", "young-people", ""]
    assert page.locator("[name=free]").is_checked() and not page.locator("[name=open-now]").is_checked()
    wanted = {item.slug for item in SITE.entries if ("GB" in item.entry.countries or item.entry.is_international)
              and "young-people" in item.entry.audiences and item.entry.cost == "free"}
    visible = shown(page)
    assert wanted and wanted <= visible
    assert visible - wanted <= {slug for item in SITE.entries if item.slug in wanted for slug in item.entry.paired_with}
    assert f"Showing {len(visible)} of {len(SITE.entries)}" in page.locator(".dir-count").inner_text()
    assert page.locator(".dir-filters .dir-guess").is_hidden()  # chosen, not guessed
    assert page.evaluate("() => Object.keys(localStorage)").count("hic-country") == 0  # and not stored
    context.close()
    assert other_hosts == []


def test_an_address_cannot_choose_what_the_filters_do_not_offer(browser, site_url: str) -> None:
    context, _, page = open_directory(browser, site_url, timezone_id="UTC", locale="en")
    hostile = "?country=%22%5D%3Cimg%20src%3Dx%3E&audience=nobody&free=yes&kind=crisis-line"
    page.goto(site_url + ALL + hostile, wait_until="networkidle")
    page.wait_for_selector(".dir-filters:not([hidden])")
    assert page.locator("[name=country]").input_value() == ""
    assert page.locator("[name=audience]").input_value() == ""
    assert not page.locator("[name=free]").is_checked()
    assert page.locator("[name=kind]").input_value() == "crisis-line"
    assert page.locator("img[src=x]").count() == 0
    context.close()


def test_without_javascript_the_country_list_and_every_service_are_the_page(browser, site_url: str) -> None:
    context, _, page = open_directory(browser, site_url, java_script_enabled=False)
    page.goto(site_url + "directory/")
    assert page.locator(".dir-country").count() == len(SITE.countries)
    assert page.locator(".dir-find").is_hidden()  # its filters need the script; the link to all services stays
    assert page.locator(".dir-country a[href^='tel:']").count() >= len(SITE.countries)
    page.goto(site_url + ALL)
    assert page.locator(".dir-filters").is_hidden()
    assert page.locator(".dir-listing .dir-entry").count() == len(SITE.entries)
    page.goto(site_url + "directory/countries/ie/")
    assert page.locator(".dir-entry").count() >= len(service("IE"))
    assert page.locator("h2", has_text="In an emergency").count() == 1
    context.close()


def test_every_country_reaches_its_emergency_number_and_a_crisis_line_in_one_tap(built_site) -> None:
    html = (built_site / "directory/index.html").read_text(encoding="utf-8")
    for code in SITE.countries:
        start = html.index(f'data-country="{code.lower()}"')
        row = html[start:html.index("</section>", start)]
        assert row.count('href="tel:') >= 2 or ('href="tel:' in row and 'href="sms:' in row), code
