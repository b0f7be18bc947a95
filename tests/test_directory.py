"""Unit tests for directory entries: validation, the messages contributors see, and the generated pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from content import directory, directory_pages, frontmatter, pages, tags
from content.check import VOCABULARY_FILE

from conftest import ROOT

TODAY = date(2026, 11, 23)
FIXTURES = Path(__file__).parent / "fixtures" / "directory"

LIFELINE: dict[str, Any] = {
    "name": "988 Suicide & Crisis Lifeline",
    "kind": "crisis-line",
    "countries": ["US"],
    "tags": ["Crisis", "Support lines"],
    "contacts": [
        {"type": "phone", "value": "988"},
        {"type": "text", "value": "741741", "keyword": "HOME"},
        {"type": "phone", "value": "800-787-3224", "note": "TTY"},
        {"type": "chat", "value": "https://988lifeline.org/chat/"},
    ],
    "hours": "24/7",
    "cost": "free",
    "languages": ["en", "es"],
    "who_answers": "Trained crisis counsellors",
    "website": "https://988lifeline.org/",
    "source": "https://988lifeline.org/",
    "last_verified": date(2026, 11, 23),
}


def document(meta: dict[str, Any], name: str = "us-988-lifeline.md", body: str = "A line.\n") -> frontmatter.Document:
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body
    parsed, problems = frontmatter.parse(text, f"docs/directory/entries/{name}")
    assert problems == []
    return parsed


def validate(meta: dict[str, Any], name: str = "us-988-lifeline.md", body: str = "A line.\n"):
    return directory.validate_entry(document(meta, name, body), TODAY)


def changed(**fields: Any) -> dict[str, Any]:
    return {**LIFELINE, **fields}


def messages(meta: dict[str, Any], name: str = "us-988-lifeline.md") -> dict[str, str]:
    entry, problems = validate(meta, name)
    assert entry is None and problems
    return {p.field: f"{p.message} — {p.fix}" for p in problems}


@pytest.fixture(scope="module")
def vocabulary() -> tags.Vocabulary:
    return tags.load_vocabulary(ROOT / VOCABULARY_FILE, "data/tags.yml")[0]


def test_the_format_example_is_a_valid_entry() -> None:
    entry, problems = validate(LIFELINE)
    assert problems == []
    assert entry.always_open and entry.cost == "free"
    assert entry.contact_types == ["phone", "text", "chat"]
    assert entry.dial_strings() == {"988", "741741", "+18007873224"}


@pytest.mark.parametrize(("country", "number"), [
    ("US", "988"), ("GB", "111"), ("GB", "116 123"), ("IE", "116 123"), ("AU", "13 11 14"), ("AU", "000"),
    ("IN", "14416"), ("NZ", "0800 543 354"), ("DE", "0800 111 0 111"), ("CA", "1-800-668-6868"),
])
def test_short_and_full_numbers_are_valid_for_their_country(country: str, number: str) -> None:
    meta = changed(countries=[country], contacts=[{"type": "phone", "value": number}])
    entry, problems = validate(meta, f"{country.lower()}-line.md")
    assert problems == [] and entry is not None


def test_a_number_is_checked_for_the_entrys_own_country() -> None:
    found = messages(changed(countries=["GB"], contacts=[{"type": "phone", "value": "988"}]), "gb-line.md")
    assert found == {"contacts[1].value": "'988' is not a valid phone number in United Kingdom (GB) — check it "
                                          "against the source and write it as dialled there, e.g. '988' or "
                                          "'0808 2000 247'"}


def test_a_number_valid_in_one_of_several_countries_is_accepted() -> None:
    _, problems = validate(changed(countries=["GB", "IE"], contacts=[{"type": "phone", "value": "1800 247 247"}]),
                           "gb-line.md")
    assert problems == []


def test_an_international_entry_needs_numbers_with_a_country_code() -> None:
    meta = changed(countries=["international"], contacts=[{"type": "phone", "value": "988"}])
    found = messages(meta, "intl-x.md")["contacts[1].value"]
    assert found.startswith("'988' is not a valid phone number in international format")
    meta["contacts"] = [{"type": "phone", "value": "+44 808 800 5000"}]
    assert validate(meta, "intl-x.md")[1] == []


def test_a_number_written_without_quotes_is_refused_with_the_reason() -> None:
    text = LIFELINE | {"contacts": [{"type": "phone", "value": 988}]}
    assert messages(text)["contacts[1].value"] == ("988 must be in quotes — write value: \"988\" so that leading "
                                                   "zeros and spaces are kept exactly")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("website", "http://988lifeline.org/", "'http://988lifeline.org/' is not secure (http)"),
    ("website", "javascript:alert(1)", "'javascript:' addresses are not allowed"),
    ("source", "data:text/html,hello", "'data:' addresses are not allowed"),
    ("source", "988lifeline.org", "'988lifeline.org' is not a web address"),
])
def test_addresses_must_be_https(field: str, value: str, message: str) -> None:
    assert messages(changed(**{field: value}))[field].startswith(message)


def test_chat_links_must_be_https_and_email_must_be_an_address() -> None:
    found = messages(changed(contacts=[{"type": "chat", "value": "JavaScript:alert(1)"},
                                       {"type": "email", "value": "help at example.org"}]))
    assert found["contacts[1].value"].startswith("'javascript:' addresses are not allowed")
    assert found["contacts[2].value"].startswith("'help at example.org' is not an email address")


def test_javascript_links_in_the_description_are_refused_once() -> None:
    entry_page = document(LIFELINE, "us-988-lifeline.md", "Read [more](javascript:alert(1)).\n")
    _, entry_problems = directory.validate_entry(entry_page, TODAY)
    page_problems = pages.check_unsafe_html(entry_page, None)
    assert entry_problems == []  # the check every page gets covers entry descriptions too
    assert [p.field for p in page_problems] == ["html"] and "javascript:" in page_problems[0].message


@pytest.mark.parametrize(("written", "expected"), [
    ("UK", "'UK' is not an ISO 3166-1 code — the code for United Kingdom is 'GB'"),
    ("us", "'us' must be in capitals — write 'US'"),
    ("XY", "'XY' is not an ISO 3166-1 alpha-2 country code"),
    (False, "NO was read as 'false' — put Norway's code in quotes: \"NO\""),
])
def test_country_codes_are_iso_capitals(written: Any, expected: str) -> None:
    assert messages(changed(countries=[written]))["countries[1]"].startswith(expected)


def test_international_cannot_be_mixed_with_countries() -> None:
    assert "cannot be mixed" in messages(changed(countries=["US", "international"]))["countries"]


@pytest.mark.parametrize(("written", "expected"), [
    ("EN", "'EN' must be in lowercase — write 'en'"),
    ("eng", "'eng' is not an ISO 639-1 language code"),
    ("Spanish", "'Spanish' is not an ISO 639-1 language code — for Spanish write 'es'"),
])
def test_languages_are_iso_639_1_codes(written: str, expected: str) -> None:
    assert messages(changed(languages=["en", written]))["languages[2]"].startswith(expected)


def test_a_future_date_is_refused() -> None:
    found = messages(changed(last_verified=date(2026, 11, 24)))["last_verified"]
    assert found.startswith("2026-11-24 is in the future")


def test_a_date_that_is_not_a_date_says_how_to_write_one() -> None:
    assert messages(changed(last_verified="23/11/2026"))["last_verified"] == (
        "'23/11/2026' is not a date — write the date as YYYY-MM-DD, e.g. 2026-11-23")


def test_unknown_fields_are_refused_with_a_suggestion() -> None:
    meta = changed(website_url="https://988lifeline.org/")
    meta["contacts"] = [{"type": "phone", "value": "988", "keywrd": "HOME"}]
    found = messages(meta)
    assert found["website_url"] == "'website_url' is not a field of a directory entry — did you mean 'website'?"
    assert found["contacts[1].keywrd"] == "'keywrd' is not a field of a contact — did you mean 'keyword'?"


def test_unknown_kind_cost_and_contact_type_suggest_the_closest() -> None:
    meta = changed(kind="crisis line", cost="fre", contacts=[{"type": "sms", "value": "988"}])
    found = messages(meta)
    assert found["kind"] == "'crisis line' is not a kind the directory knows — did you mean 'crisis-line'?"
    assert found["cost"].startswith("'fre' is not a cost the directory knows — did you mean 'free'")
    assert found["contacts[1].type"].startswith("'sms' is not a type the directory knows — use one of:")


def test_every_problem_is_reported_at_once_with_its_line() -> None:
    meta = {key: value for key, value in LIFELINE.items() if key not in ("name", "hours")}
    meta |= {"countries": ["uk"], "website": "http://x.org/", "colour": "teal"}
    checked = document(meta)
    _, problems = directory.validate_entry(checked, TODAY)
    assert {p.field for p in problems} == {"name", "countries[1]", "website", "colour"}
    text_lines = ("---\n" + yaml.safe_dump(meta, sort_keys=False)).splitlines()
    for problem in problems:  # each on the line its field is written on; a missing field on line 1
        written = [n for n, line in enumerate(text_lines, 1) if line.startswith(problem.field.split("[")[0] + ":")]
        assert problem.line == (written[0] if written else 1)
    assert all(p.path == "docs/directory/entries/us-988-lifeline.md" and p.fix for p in problems)


def test_lines_need_contacts_hours_and_cost() -> None:
    meta = {key: value for key, value in LIFELINE.items() if key not in ("contacts", "hours", "cost")}
    found = messages(meta)
    assert set(found) == {"contacts", "hours", "cost"}
    assert found["contacts"].startswith("a crisis line needs at least one contact")


def test_a_directory_needs_only_a_website() -> None:
    meta = {"name": "Open Path Collective", "kind": "therapist-directory", "countries": ["US"], "tags": ["Cost"],
            "website": "https://openpathcollective.org/", "source": "https://openpathcollective.org/",
            "last_verified": date(2026, 11, 1)}
    assert validate(meta, "us-open-path.md")[1] == []
    del meta["website"]
    assert messages(meta, "us-open-path.md")["website"].startswith("the entry gives no way to reach the service")


def test_a_keyword_belongs_to_a_text_contact() -> None:
    found = messages(changed(contacts=[{"type": "phone", "value": "988", "keyword": "HOME"}]))
    assert found["contacts[1].keyword"].startswith("only a text contact can have a keyword")


def test_the_file_name_starts_with_the_first_country() -> None:
    _, problems = validate(LIFELINE, "lifeline.md")
    assert [str(p) for p in problems] == [
        "docs/directory/entries/lifeline.md:1: file name: 'lifeline.md' does not start with its country — rename "
        "it 'us-lifeline.md': the first country in lowercase (or 'intl'), a hyphen, then the name"]


def test_an_empty_description_is_refused() -> None:
    _, problems = validate(LIFELINE, body="\n")
    assert [(p.field, p.message) for p in problems] == [("description", "is missing")]


def test_duplicates_by_name_and_country_and_by_number_in_a_country() -> None:
    same_name = document(changed(name="988  suicide & crisis LIFELINE", contacts=[{"type": "phone", "value": "911"}]),
                         "us-lifeline-copy.md")
    same_number = document(changed(name="Veterans line", contacts=[{"type": "phone", "value": "+1 800 787 3224"}]),
                           "us-veterans.md")
    other_country = document(changed(countries=["CA"], contacts=[{"type": "phone", "value": "988"}]), "ca-988.md")
    problems = directory.find_duplicates([document(LIFELINE), same_name, same_number, other_country], TODAY)
    assert sorted(str(p) for p in problems) == [
        "docs/directory/entries/us-lifeline-copy.md:2: name: docs/directory/entries/us-988-lifeline.md already lists "
        "'988  suicide & crisis LIFELINE' for United States — keep one entry per service: merge the two files into one",
        f"docs/directory/entries/us-veterans.md:{same_number.line_of('contacts')}: contacts: +18007873224 in "
        "United States is already listed in "
        "docs/directory/entries/us-988-lifeline.md — a number belongs to one entry: merge the entries, or correct "
        "the number",
    ]


def test_only_entry_files_are_checked() -> None:
    page = frontmatter.parse("---\ntitle: Guide\n---\nText\n", "docs/guide/index.md")[0]
    assert directory.check_entry(page, TODAY) == []


def test_entries_over_twelve_months_old_are_out_of_date() -> None:
    entry, _ = validate(changed(last_verified=date(2025, 11, 23)))
    assert not entry.is_out_of_date(TODAY)
    entry, _ = validate(changed(last_verified=date(2025, 11, 22)))
    assert entry.is_out_of_date(TODAY)
    assert directory.one_year_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_emergency_numbers_are_recognised() -> None:
    assert validate(changed(contacts=[{"type": "phone", "value": "911"}]))[0].is_emergency_service
    assert not validate(LIFELINE)[0].is_emergency_service


def test_contact_links_call_text_with_keyword_chat_and_mail() -> None:
    regions = ["US"]
    link = directory_pages.contact_link
    assert link(directory.Contact(type="phone", value="988"), regions) == "[Call 988](tel:988)"
    assert link(directory.Contact(type="phone", value="800-787-3224", note="TTY"), regions) == \
        "[Call 800-787-3224](tel:+18007873224) (TTY)"
    assert link(directory.Contact(type="text", value="741741", keyword="HOME"), regions) == \
        "[Text HOME to 741741](sms:741741?&body=HOME)"
    assert link(directory.Contact(type="text", value="988"), regions) == "[Text 988](sms:988)"
    assert link(directory.Contact(type="chat", value="https://988lifeline.org/chat/"), regions) == \
        "[Chat online](<https://988lifeline.org/chat/>)"
    assert link(directory.Contact(type="email", value="help@example.org"), regions) == \
        "[Email help@example.org](mailto:help@example.org)"


def listed_fixtures(vocabulary: tags.Vocabulary) -> list[directory_pages.Listed]:
    documents = [frontmatter.read(path, FIXTURES.parent)[0] for path in sorted(FIXTURES.glob("*.md"))]
    return [directory_pages.Listed(f"directory/entries/{Path(d.path).name}", entry,
                                   tuple(tags.resolve_tags(entry.tags, vocabulary, path=d.path, line=1)[0]))
            for d, entry in ((d, directory.Entry.model_validate(d.meta)) for d in documents)]


def test_the_entry_page_shows_every_field_the_check_date_and_a_report_link(vocabulary: tags.Vocabulary) -> None:
    entry, _ = validate(LIFELINE)
    listed = directory_pages.Listed("directory/entries/us-988-lifeline.md", entry, (vocabulary.resolve("crisis"),),
                                    "A line.")
    page = directory_pages.entry_page_markdown(listed, today=TODAY, repo_url="https://github.com/o/r")
    for shown in ("# 988 Suicide &amp; Crisis Lifeline", "[Call 988](tel:988)", "(sms:741741?&body=HOME)",
                  "[Crisis line](../kinds/crisis-line.md)", "[United States](../countries/us.md)", "24/7", "Free",
                  "English, Spanish", "Trained crisis counsellors", "[988lifeline.org](<https://988lifeline.org/>)",
                  "[Crisis](../../tags/crisis.md)", "Last verified on **23 November 2026**", "A line."):
        assert shown in page, shown
    assert ("(<https://github.com/o/r/issues/new?template=correction.yml&title=988%20Suicide%20%26%20Crisis%20Lifeline>)"
            in page)
    assert "may be out of date" not in page
    old = directory_pages.entry_page_markdown(listed, today=date(2027, 11, 24), repo_url=None)
    assert '!!! warning "This entry may be out of date"' in old and "Report a change" not in old


def test_contributor_text_cannot_inject_html_or_markdown(vocabulary: tags.Vocabulary) -> None:
    entry, _ = validate(changed(name="<script>x</script> *bold*", who_answers="[a](https://x.org/)"))
    listed = directory_pages.Listed("directory/entries/us-988-lifeline.md", entry, ())
    page = directory_pages.entry_page_markdown(listed, today=TODAY, repo_url=None)
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; \\*bold\\*" in page
    assert "\\[a\\](https://x.org/)" in page


def test_a_country_page_lists_its_kinds_in_order_then_international(vocabulary: tags.Vocabulary) -> None:
    listed = listed_fixtures(vocabulary)
    page = directory_pages.country_page_markdown("GB", listed)
    assert page.index("## Crisis lines") < page.index("[Samaritans](../entries/gb-samaritans.md)") < \
        page.index("## International") < page.index("[Find A Helpline](../entries/intl-find-a-helpline.md)")
    assert "Crisis Text Line" not in page
    assert directory_pages.countries_with_entries(listed) == ["IE", "GB", "US"]  # by English name


def test_the_home_listing_has_every_entry_with_its_filter_data(vocabulary: tags.Vocabulary) -> None:
    listed = listed_fixtures(vocabulary)
    home = directory_pages.fill_home(f"# Directory\n\n{directory_pages.COUNTRIES_MARKER}\n\n"
                                     f"{directory_pages.LISTING_MARKER}\n", listed)
    assert home.count('<div class="dir-entry" ') == len(listed) == 3
    assert ('data-countries="us" data-kind="crisis-line" data-tags="crisis" data-contacts="text" '
            'data-always-open="true" data-free="true"') in home
    assert 'data-countries="international" data-kind="organisation"' in home
    assert "- **Crisis Text Line**: [Text HOME to 741741](sms:741741?&body=HOME)" in home
    assert home.index('data-country="ie"') < home.index('data-country="gb"') < home.index("### Anywhere else")
    assert "<!-- directory:" not in home


def test_audit_lists_the_entries_not_verified_for_a_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = tmp_path / "docs" / "directory" / "entries"
    entries.mkdir(parents=True)
    for fixture in FIXTURES.glob("*.md"):
        (entries / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    assert directory.main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    cutoff = directory.one_year_before(date.today()).isoformat()
    stale = [path.name for path in sorted(FIXTURES.glob("*.md"))
             if yaml.safe_load(path.read_text().split("---")[1])["last_verified"].isoformat() < cutoff]
    assert "gb-samaritans.md" in stale
    noun = "entry" if len(stale) == 1 else "entries"
    assert printed[0] == f"{len(stale)} directory {noun} not verified since {cutoff}:"
    assert "  docs/directory/entries/gb-samaritans.md: Samaritans, last verified 2024-01-15 against " \
           "https://www.samaritans.org/how-we-can-help/contact-samaritan/" in printed
    assert len(printed) == 1 + len(stale)
