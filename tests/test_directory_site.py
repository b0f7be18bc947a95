"""The built directory: a page per entry, country and kind, complete without JavaScript, filtered with it."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from content import directory, directory_pages, markdown_html, review, urls
from content.checks import check_site
from content.render import long_date
from content.site import load_site

from conftest import copy_project, mkdocs_build, real_site

FIXTURES = Path(__file__).parent / "fixtures" / "directory"
ENTRY_LINK = re.compile(r'class="dir-entry__title"><a [^>]*?href="([^"]+)"')

SITE = real_site()
ALL = "directory/all/"  # every service, with the filters
# Every real entry, by its page's URL ('directory/entries/us-988-lifeline/').
ENTRIES = [(f"directory/entries/{item.slug}/", item.entry) for item in SITE.entries]
COUNTRIES = sorted({code for _, entry in ENTRIES for code in entry.country_codes})
# The entries shown with each entry, by URL, both ways.
PARTNERS = {f"directory/entries/{slug}/": {f"directory/entries/{other}/" for other in others.split()}
            for slug, others in SITE.pairs.items()}


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def entry_content(site: Path, url: str) -> str:
    """What an entry's page says of the entry itself: its article, without the banner every page has
    or the cards of the entries paired with it."""
    article = page_html(site, url).split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return article.split('id="always-shown-with"', 1)[0]


def linked_entries(page_url: str, markup: str) -> list[str]:
    """The entry pages a listing links to, as site URLs, in order."""
    return [posixpath.normpath(posixpath.join(page_url, href)) + "/" for href in ENTRY_LINK.findall(markup)]


def expected_on_country_page(code: str) -> set[str]:
    return {url for url, entry in ENTRIES if code in entry.countries or entry.is_international}


def with_partners(urls: set[str]) -> list[str]:
    """The entries a filtered listing shows: those that match, and the entries paired with them."""
    return sorted(urls | {partner for url in urls for partner in PARTNERS.get(url, set())})


def expected_headings(code: str) -> list[str]:
    """A country's page: emergency numbers, crisis lines for everyone, lines for particular people (in
    the order of the audiences), other support lines, therapists, organisations, then international."""
    local = [entry for _, entry in ENTRIES if code in entry.countries]
    lines = [entry for entry in local if entry.kind in directory.LINE_KINDS]
    emergency = [entry for entry in lines if entry.is_emergency_service]
    for_some = [entry for entry in lines if entry not in emergency
                and entry.audiences and "everyone" not in entry.audiences]
    rest = [entry for entry in lines if entry not in emergency and entry not in for_some]
    headings = ["In an emergency"] if emergency else []
    headings += ["Crisis lines"] if any(entry.kind == "crisis-line" for entry in rest) else []
    headings += [f"Lines for {name if audience in ('lgbtq', 'indigenous') else name.lower()}"
                 for audience, name in directory.AUDIENCES.items()
                 if audience != "everyone" and any(audience in entry.audiences for entry in for_some)]
    headings += ["Other support lines"] if any(entry.kind == "support-line" for entry in rest) else []
    headings += ["Ways to find a therapist"] if any(entry.kind == "therapist-directory" for entry in local) else []
    headings += ["Organisations and self-help"] if any(entry.kind in ("organisation", "self-help")
                                                      for entry in local) else []
    headings += ["Worried about someone?"]
    headings += ["International"] if any(entry.is_international for _, entry in ENTRIES) else []
    return headings


def section(markup: str, heading_id: str) -> str:
    """The part of a page from a heading to the next one."""
    return markup.split(f'id="{heading_id}"', 1)[1].split("<h2", 1)[0] if f'id="{heading_id}"' in markup else ""


def test_there_are_real_entries_to_check() -> None:
    assert len(ENTRIES) >= 9 and len(COUNTRIES) >= 1
    assert PARTNERS, "the tests of paired entries need a pair"
    assert any(entry.schedule for _, entry in ENTRIES), "the tests of 'open now' need a weekly schedule"


@pytest.mark.slow
@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_page_lists_its_groups_in_order_then_international(built_site: Path, code: str) -> None:
    url = f"directory/countries/{code.lower()}/"
    markup = page_html(built_site, url)
    assert set(linked_entries(url, markup)) == expected_on_country_page(code)
    assert re.findall(r'<h2 id="[^"]*">([^<]+)<', markup) == expected_headings(code)
    assert set(linked_entries(url, section(markup, "international"))) == {u for u, e in ENTRIES if e.is_international}


@pytest.mark.slow
def test_a_countrys_emergency_numbers_come_first_in_their_own_section(built_site: Path) -> None:
    for code in COUNTRIES:
        url = f"directory/countries/{code.lower()}/"
        markup = page_html(built_site, url)
        emergency = {u for u, e in ENTRIES if code in e.countries and e.is_emergency_service}
        assert set(linked_entries(url, section(markup, "in-an-emergency"))) == emergency, code
        for heading in ("crisis-lines", "other-support-lines"):
            assert not emergency & set(linked_entries(url, section(markup, heading))), code
        if emergency:
            assert markup.index('id="in-an-emergency"') < markup.index("<h2", markup.index("<h2") + 1), code


def shown(text: str) -> str:
    """Plain text as a page shows it: on one line, HTML-escaped."""
    return html.escape(" ".join(text.split()), quote=False)


@pytest.mark.slow
def test_every_entry_has_its_own_page_with_every_field_and_tap_to_call_links(built_site: Path) -> None:
    for url, entry in ENTRIES:
        markup = page_html(built_site, url)
        own = entry_content(built_site, url)
        assert f">{shown(entry.name)}<a class=\"headerlink\"" in markup, url
        for contact in entry.contacts:
            if contact.type == "phone":
                assert f'href="tel:{directory.dial_string(contact.value, entry.country_codes)}"' in own, url
            if contact.type == "text":
                target = f"sms:{directory.dial_string(contact.value, entry.country_codes)}"
                target += f"?&amp;body={contact.keyword}" if contact.keyword else ""
                assert f'href="{target}"' in own, url
            if contact.note:
                assert f"({shown(contact.note)})" in own, url
        for way in entry.access:
            assert f"{directory_pages.ACCESS_NAMES[way.type]}: " in own, url
            assert way.value is None or shown(way.value) in own, url
            assert way.note is None or shown(way.note) in own, url
        assert f"Last verified on <strong>{long_date(entry.last_verified)}</strong>" in markup, url
        assert f'href="{html.escape(urls.link_target(entry.source))}"' in markup, url
        if entry.source_kind == "secondary":
            assert f"{shown(entry.source_note)}: not the service's own page" in markup, url
        due = review.entry_review(entry).due
        assert f"Next check due by <strong>{long_date(due)}</strong>" in markup, url
        assert ("/issues/new?template=correction.yml&amp;title=" + quote(entry.name, safe="")) in markup, url
        values = [entry.english_name, entry.hours_text or None, entry.who_answers, entry.what_to_expect,
                  *map(directory.language_name, entry.languages),
                  *(directory.AUDIENCES[audience] for audience in entry.audiences)]
        for value in values:
            assert value is None or shown(value) in own, (url, value)
        assert ("may be out of date" in markup) == entry.is_out_of_date(date.today()), url
        assert ("Due for review" in markup) == review.entry_review(entry).is_overdue(date.today()), url
        assert ('class="dir-open-now"' in own) == (entry.schedule is not None), url


@pytest.mark.slow
def test_an_entry_page_shows_the_entries_paired_with_it(built_site: Path) -> None:
    for url, _ in ENTRIES:
        markup = page_html(built_site, url)
        paired = section(markup, "always-shown-with")
        assert set(linked_entries(url, paired)) == PARTNERS.get(url, set()), url


@pytest.mark.slow
def test_the_directory_home_gives_each_countrys_emergency_numbers_and_a_crisis_line(built_site: Path) -> None:
    markup = page_html(built_site, "directory/")
    for code in COUNTRIES:  # a line per country: its emergency numbers, a crisis line, and its page
        row = markup.split(f'data-country="{code.lower()}"', 1)[1].split("</section>", 1)[0]
        crisis = [entry for _, entry in ENTRIES if code in entry.countries and entry.kind == "crisis-line"]
        for entry in (entry for entry in crisis if entry.is_emergency_service):
            for contact in entry.contacts:
                if contact.type == "phone":
                    assert f'href="tel:{directory.dial_string(contact.value, entry.country_codes)}"' in row, code
        others = [entry for entry in crisis if not entry.is_emergency_service]
        assert not others or any(f" · {shown(entry.name)} <a " in row for entry in others), code
        assert f'href="countries/{code.lower()}/"' in row, code
    assert 'href="all/"' in markup and "<!-- directory:" not in markup


@pytest.mark.slow
def test_the_all_services_page_lists_every_entry_with_its_partners(built_site: Path) -> None:
    markup = page_html(built_site, ALL)
    assert sorted(linked_entries(ALL, markup)) == sorted(url for url, _ in ENTRIES)
    for url, partners in PARTNERS.items():
        slug = url.split("/")[-2]
        pair = re.search(rf'<div class="dir-entry" [^>]*data-entry="{slug}"[^>]*>', markup)[0]
        assert f'data-pair="{" ".join(sorted(p.split("/")[-2] for p in partners))}"' in pair


@pytest.mark.slow
def test_each_kind_page_lists_every_entry_of_that_kind(built_site: Path) -> None:
    for kind in directory.KIND_HEADINGS:
        url = f"directory/kinds/{kind}/"
        listed = linked_entries(url, page_html(built_site, url))
        assert set(listed) == {u for u, e in ENTRIES if e.kind == kind}


@pytest.mark.slow
def test_the_inclusion_rule_is_published_and_linked_from_the_home(built_site: Path) -> None:
    assert "How we choose what to list" in page_html(built_site, "directory/inclusion-rule/")
    assert 'href="inclusion-rule/"' in page_html(built_site, "directory/")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with the test fixtures in place of the real entries of the same name (the fixture
    Samaritans serves both GB and IE, so it replaces the Irish entry too); the current one verified today."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    entries = project / "docs" / "directory" / "entries"
    (entries / "ie-samaritans.md").unlink(missing_ok=True)
    shutil.copytree(FIXTURES, entries, dirs_exist_ok=True)
    current = entries / "us-crisis-text-line.md"
    current.write_text(re.sub(r"last_verified: .*", f"last_verified: {date.today()}", current.read_text()))
    site = project / "built"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.slow
def test_an_entry_not_verified_for_a_year_says_it_may_be_out_of_date(fixture_site: Path) -> None:
    old = page_html(fixture_site, "directory/entries/gb-samaritans/")
    assert "This entry may be out of date" in old and "15 January 2024" in old
    assert "may be out of date" not in page_html(fixture_site, "directory/entries/us-crisis-text-line/")


@pytest.mark.slow
def test_an_entry_in_two_countries_and_an_international_one_appear_on_both_country_pages(fixture_site: Path) -> None:
    for code in ("gb", "ie"):
        url = f"directory/countries/{code}/"
        markup = page_html(fixture_site, url)
        assert "directory/entries/gb-samaritans/" in linked_entries(url, markup.split('id="international"')[0])
        assert linked_entries(url, markup)[-1] == "directory/entries/intl-find-a-helpline/"


@pytest.mark.slow
def test_mistakes_in_entries_fail_the_build_all_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    entries = project / "docs" / "directory" / "entries"
    (entries / "us-broken-one.md").write_text(
        "---\nname: Broken one\nkind: crisis line\ncountries: [US]\ntags: [Crisis]\ncontacts:\n"
        "  - type: phone\n    value: \"12345\"\nhours: 24/7\ncost: free\nsource: https://example.org/\n"
        "last_verified: 2026-01-01\nwebsite_url: https://example.org/\n---\nA line.\n", encoding="utf-8")
    (entries / "gb-broken-two.md").write_text(
        "---\nname: Broken two\nkind: organisation\ncountries: [UK]\ntags: [Crisis]\n"
        "website: javascript:alert(1)\nsource: https://example.org/\npaired_with: [Samaritans]\n"
        "source_kind: service\nlast_verified: 2026-01-01\n---\nA line.\n",
        encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for expected in [
        "docs/directory/entries/us-broken-one.md:3: kind: 'crisis line' is not one of the choices for kind — "
        "did you mean 'crisis-line'?",
        "docs/directory/entries/us-broken-one.md:13: website_url: 'website_url' is not a field here — "
        "did you mean 'website'?",
        "docs/directory/entries/us-broken-one.md:1: source_kind: is missing — use one of: service (its own site)",
        "docs/directory/entries/gb-broken-two.md:4: countries[1]: 'UK' is not an ISO 3166-1 code — the code for "
        "United Kingdom is 'GB'",
        "docs/directory/entries/gb-broken-two.md:6: website: 'javascript:' addresses are not allowed",
        "docs/directory/entries/gb-broken-two.md:8: paired_with[1]: 'Samaritans' is not written as this field needs",
    ]:
        assert expected in result.stderr
    site = load_site(project, today=date.today())
    problems = check_site(site, markdown_html.for_config(project / "mkdocs.yml"))
    assert [str(p) for p in problems if "broken" in p.path] == \
        [line.strip() for line in result.stderr.splitlines() if "broken" in line]


# --- In a browser -----------------------------------------------------------------------------


def visible_entries(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".dir-listing .dir-entry:not([hidden]) .dir-entry__title a",
                                      "links => links.map(link => link.getAttribute('href'))")
    return sorted(posixpath.normpath(posixpath.join(ALL, href)) + "/" for href in hrefs)


def new_context(browser, **options):
    """A browser whose time zone and language name no country, so that nothing is guessed."""
    return browser.new_context(**({"locale": "en", "timezone_id": "UTC"} | options))


def is_open_at(entry: directory.Entry, moment: datetime) -> bool:
    return entry.always_open or (entry.schedule is not None and entry.schedule.is_open(moment))


@pytest.mark.browser
@pytest.mark.slow
def test_filtering_by_country_and_contact_method_shows_and_announces_the_matches(browser, site_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + ALL)
    count = page.locator(".dir-count")
    assert page.locator(".dir-filters").is_visible()
    assert page.locator(".dir-guess").is_hidden()
    assert count.get_attribute("aria-live") == "polite"
    assert count.text_content() == f"Showing all {len(ENTRIES)} services."

    code = "GB" if "GB" in COUNTRIES else COUNTRIES[0]
    page.select_option("#dir-filter-country", code.lower())
    page.select_option("#dir-filter-contact", "text")
    matching = {url for url, entry in ENTRIES
                if (code in entry.countries or entry.is_international) and "text" in entry.contact_types}
    assert matching, "the test needs an entry with a text contact"
    expected = with_partners(matching)
    assert visible_entries(page) == expected
    assert count.text_content() == f"Showing {len(expected)} of {len(ENTRIES)} services."
    assert page.evaluate("localStorage.getItem('hic-country')") == code.lower()

    page.focus("#dir-filter-free")  # the checkboxes work from the keyboard
    page.keyboard.press("Space")
    free = with_partners({url for url in matching if dict(ENTRIES)[url].cost == "free"})
    assert visible_entries(page) == free

    page.reload()  # the country is remembered; other choices are not
    assert page.input_value("#dir-filter-country") == code.lower()
    assert page.input_value("#dir-filter-contact") == ""
    page.goto(site_url + "directory/")  # and the directory home puts it first
    assert page.locator(".dir-country").first.get_attribute("data-country") == code.lower()
    page.goto(site_url + ALL)
    page.click("text=Forget my country")
    assert page.evaluate("localStorage.getItem('hic-country')") is None
    assert count.text_content() == f"Showing all {len(ENTRIES)} services."
    assert all(url.startswith(site_url) for url in requested)
    context.close()


# Two fixed moments: a weekday morning in Europe and the small hours of a Sunday.
MOMENTS = [datetime(2026, 12, 2, 10, 0, tzinfo=UTC), datetime(2026, 12, 6, 3, 0, tzinfo=UTC)]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("moment", MOMENTS, ids=["weekday", "sunday-night"])
def test_open_now_in_the_browser_agrees_with_each_entrys_schedule(browser, site_url: str, moment: datetime) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(site_url + ALL)
    page.check("#dir-filter-open-now")
    expected = with_partners({url for url, entry in ENTRIES if is_open_at(entry, moment)})
    assert visible_entries(page) == expected
    scheduled = {url for url, entry in ENTRIES if entry.schedule is not None}
    assert scheduled & set(expected) or scheduled - set(expected)  # schedules were judged, not only 24/7
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_an_entry_page_says_whether_it_is_open_now(browser, site_url: str) -> None:
    url, entry = next((url, entry) for url, entry in ENTRIES if entry.schedule is not None)
    week = [datetime(2026, 11, 30, tzinfo=UTC) + timedelta(hours=hour) for hour in range(7 * 24)]
    opened = next(moment for moment in week if entry.schedule.is_open(moment))
    closed = next(moment for moment in week if not entry.schedule.is_open(moment))
    context = new_context(browser)
    for moment, words in ((opened, "Open now"), (closed, "Closed now")):
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.goto(site_url + url)
        assert page.locator(".dir-open-now").text_content() == f"{words}, by its published hours.", moment
        page.close()
    context.close()
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + url)
    assert page.locator(".dir-open-now").is_hidden()  # without JavaScript the hours are still listed
    assert shown(entry.hours_text) in page.content()
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_every_entry_is_listed_on_all_services_and_its_country_pages(browser,
                                                                                        site_url: str) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ALL)
    assert not page.locator(".dir-filters").is_visible()
    assert page.locator(".dir-listing .dir-entry:visible").count() == len(ENTRIES)
    assert visible_entries(page) == sorted(url for url, _ in ENTRIES)
    for code in COUNTRIES:
        page.goto(f"{site_url}directory/countries/{code.lower()}/")
        assert not page.locator(".dir-filters").is_visible()
        links = page.eval_on_selector_all(".dir-entry:visible .dir-entry__title a",
                                          "links => links.map(link => link.getAttribute('href'))")
        url = f"directory/countries/{code.lower()}/"
        assert {posixpath.normpath(posixpath.join(url, href)) + "/" for href in links} == expected_on_country_page(code)
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_filters_fit_a_phone_screen_with_text_at_200_percent(browser, site_url: str) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + ALL)
    page.evaluate("() => { document.documentElement.style.fontSize = '250%'; }")  # Material's root is 125%
    cut_off = page.evaluate("""() => [...document.querySelectorAll('.dir-filters *, .dir-listing .dir-entry')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + '.' + e.className)""")
    context.close()
    assert cut_off == []


# What a reader's phone dials, written out by hand: a number that cannot be reached with a country
# code (Australia's 13 11 14, 1800 numbers) must be dialled as it is written locally.
EXPECTED_DIAL_LINKS = {
    "au-lifeline": {"tel:131114", "sms:0477131114"},
    "au-1800respect": {"tel:1800737732", "sms:0458737732"},
    "in-tele-manas": {"tel:14416", "tel:18008914416"},
    "gb-samaritans": {"tel:116123"},
    "gb-national-domestic-abuse-helpline": {"tel:08082000247"},
    "us-988-lifeline": {"tel:988", "sms:988"},
    "us-crisis-text-line": {"sms:741741?&body=HOME"},
    "us-national-domestic-violence-hotline": {"tel:+18007997233", "tel:+18007873224", "sms:88788?&body=START"},
}


@pytest.mark.slow
@pytest.mark.parametrize("entry", sorted(EXPECTED_DIAL_LINKS))
def test_tap_to_call_links_dial_what_a_local_phone_dials(built_site: Path, entry: str) -> None:
    markup = entry_content(built_site, f"directory/entries/{entry}/")
    links = {link.replace("&amp;", "&") for link in re.findall(r'href="((?:tel|sms):[^"]*)"', markup)}
    assert links == EXPECTED_DIAL_LINKS[entry]
