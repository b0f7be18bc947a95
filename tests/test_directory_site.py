"""The built directory: a page per entry, country and kind, complete without JavaScript, filtered with it."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from content import check, directory

from conftest import ROOT, copy_project, mkdocs_build

FIXTURES = Path(__file__).parent / "fixtures" / "directory"
ENTRY_LINK = re.compile(r'class="dir-entry__title"><a [^>]*?href="([^"]+)"')


def real_entries() -> list[tuple[str, directory.Entry]]:
    """Every real entry, by its page's URL ('directory/entries/us-988-lifeline/')."""
    site, _ = check.load_site(ROOT)
    return [(f"directory/entries/{Path(d.path).stem}/", entry)
            for d, entry in directory.read_entries(site.documents, date.today())]


ENTRIES = real_entries()
COUNTRIES = sorted({code for _, entry in ENTRIES for code in entry.country_codes})


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def linked_entries(page_url: str, markup: str) -> list[str]:
    """The entry pages a listing links to, as site URLs, in order."""
    return [posixpath.normpath(posixpath.join(page_url, href)) + "/" for href in ENTRY_LINK.findall(markup)]


def expected_on_country_page(code: str) -> set[str]:
    return {url for url, entry in ENTRIES if code in entry.countries or entry.is_international}


def test_there_are_real_entries_to_check() -> None:
    assert len(ENTRIES) >= 9 and len(COUNTRIES) >= 1


@pytest.mark.slow
@pytest.mark.parametrize("code", COUNTRIES)
def test_each_country_page_lists_its_kinds_in_order_then_international(built_site: Path, code: str) -> None:
    url = f"directory/countries/{code.lower()}/"
    markup = page_html(built_site, url)
    assert set(linked_entries(url, markup)) == expected_on_country_page(code)
    headings = re.findall(r'<h2 id="[^"]*">([^<]+)<', markup)
    kinds = {entry.kind for _, entry in ENTRIES if code in entry.countries}
    expected = [heading for kind, heading in directory.KIND_HEADINGS.items() if kind in kinds]
    expected += ["International"] if any(entry.is_international for _, entry in ENTRIES) else []
    assert headings == expected
    international = markup.split('id="international"', 1)[1] if "International" in expected else ""
    assert set(linked_entries(url, international)) == {u for u, e in ENTRIES if e.is_international}


@pytest.mark.slow
def test_emergency_numbers_come_first_among_a_countrys_crisis_lines(built_site: Path) -> None:
    for code in COUNTRIES:
        url = f"directory/countries/{code.lower()}/"
        crisis = page_html(built_site, url).split('id="crisis-lines"', 1)[-1].split("<h2", 1)[0]
        order = [dict(ENTRIES)[link].is_emergency_service for link in linked_entries(url, crisis)]
        assert order == sorted(order, reverse=True), code


@pytest.mark.slow
def test_every_entry_has_its_own_page_with_every_field_and_tap_to_call_links(built_site: Path) -> None:
    for url, entry in ENTRIES:
        markup = page_html(built_site, url)
        assert f">{html.escape(entry.name, quote=False)}<a class=\"headerlink\"" in markup, url
        for contact in entry.contacts:
            if contact.type == "phone":
                assert f'href="tel:{directory.dial_string(contact.value, entry.country_codes)}"' in markup
            if contact.type == "text":
                target = f"sms:{directory.dial_string(contact.value, entry.country_codes)}"
                target += f"?&amp;body={contact.keyword}" if contact.keyword else ""
                assert f'href="{target}"' in markup
        assert f"Last verified on <strong>{entry.last_verified.day} {entry.last_verified:%B %Y}</strong>" in markup
        assert f'href="{html.escape(entry.source)}"' in markup
        assert ("/issues/new?template=correction.yml&amp;title=" + quote(entry.name, safe="")) in markup
        for value in [entry.hours, entry.who_answers, *map(directory.language_name, entry.languages)]:
            assert value is None or html.escape(value, quote=False) in markup
        assert ("may be out of date" in markup) == entry.is_out_of_date(date.today())


@pytest.mark.slow
def test_the_directory_home_lists_every_entry_and_each_countrys_crisis_numbers(built_site: Path) -> None:
    markup = page_html(built_site, "directory/")
    assert sorted(linked_entries("directory/", markup)) == sorted(url for url, _ in ENTRIES)
    for code in COUNTRIES:
        section = markup.split(f'data-country="{code.lower()}"', 1)[1].split("</section>", 1)[0]
        for _, entry in ENTRIES:
            if code in entry.countries and entry.kind == "crisis-line":
                for contact in entry.contacts:
                    if contact.type == "phone":
                        assert f'href="tel:{directory.dial_string(contact.value, entry.country_codes)}"' in section
    assert "<!-- directory:" not in markup


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
        "website: javascript:alert(1)\nsource: https://example.org/\nlast_verified: 2026-01-01\n---\nA line.\n",
        encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for expected in [
        "docs/directory/entries/us-broken-one.md:3: kind: 'crisis line' is not a kind the directory knows — "
        "did you mean 'crisis-line'?",
        "docs/directory/entries/us-broken-one.md:13: website_url: 'website_url' is not a field of a directory "
        "entry — did you mean 'website'?",
        "docs/directory/entries/gb-broken-two.md:4: countries[1]: 'UK' is not an ISO 3166-1 code — the code for "
        "United Kingdom is 'GB'",
        "docs/directory/entries/gb-broken-two.md:6: website: 'javascript:' addresses are not allowed",
    ]:
        assert expected in result.stderr
    assert [str(p) for p in check.check_site(project) if "broken" in p.path] == \
        [line.strip() for line in result.stderr.splitlines() if "broken" in line]


# --- In a browser -----------------------------------------------------------------------------


def visible_entries(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".dir-listing .dir-entry:not([hidden]) .dir-entry__title a",
                                      "links => links.map(link => link.getAttribute('href'))")
    return sorted(posixpath.normpath(posixpath.join("directory/", href)) + "/" for href in hrefs)


@pytest.mark.browser
@pytest.mark.slow
def test_filtering_by_country_and_contact_method_shows_and_announces_the_matches(browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "directory/")
    count = page.locator(".dir-count")
    assert page.locator("form.dir-filters").is_visible()
    assert count.get_attribute("aria-live") == "polite"
    assert count.text_content() == f"Showing all {len(ENTRIES)} services."

    code = "GB" if "GB" in COUNTRIES else COUNTRIES[0]
    page.select_option("#dir-filter-country", code.lower())
    page.select_option("#dir-filter-contact", "text")
    expected = sorted(url for url, entry in ENTRIES
                      if (code in entry.countries or entry.is_international) and "text" in entry.contact_types)
    assert expected, "the test needs an entry with a text contact"
    assert visible_entries(page) == expected
    assert count.text_content() == f"Showing {len(expected)} of {len(ENTRIES)} services."
    assert page.evaluate("localStorage.getItem('hic-country')") == code.lower()

    page.focus("#dir-filter-free")  # the checkboxes work from the keyboard
    page.keyboard.press("Space")
    free = sorted(url for url in expected if dict(ENTRIES)[url].cost == "free")
    assert visible_entries(page) == free

    page.reload()  # the country is remembered; other choices are not
    assert page.input_value("#dir-filter-country") == code.lower()
    assert page.locator(".dir-country").first.get_attribute("data-country") == code.lower()
    assert page.input_value("#dir-filter-contact") == ""
    page.click("text=Forget my country")
    assert page.evaluate("localStorage.getItem('hic-country')") is None
    assert count.text_content() == f"Showing all {len(ENTRIES)} services."
    assert all(url.startswith(site_url) for url in requested)
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_every_entry_is_listed_on_the_home_and_its_country_pages(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "directory/")
    assert not page.locator("form.dir-filters").is_visible()
    assert page.locator(".dir-listing .dir-entry:visible").count() == len(ENTRIES)
    assert visible_entries(page) == sorted(url for url, _ in ENTRIES)
    for code in COUNTRIES:
        page.goto(f"{site_url}directory/countries/{code.lower()}/")
        links = page.eval_on_selector_all(".dir-entry:visible .dir-entry__title a",
                                          "links => links.map(link => link.getAttribute('href'))")
        url = f"directory/countries/{code.lower()}/"
        assert {posixpath.normpath(posixpath.join(url, href)) + "/" for href in links} == expected_on_country_page(code)
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_filters_fit_a_phone_screen_with_text_at_200_percent(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "directory/")
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
    html = (built_site / "directory" / "entries" / entry / "index.html").read_text(encoding="utf-8")
    links = {link.replace("&amp;", "&") for link in re.findall(r'href="((?:tel|sms):[^"]*)"', html)}
    assert links == EXPECTED_DIAL_LINKS[entry]
