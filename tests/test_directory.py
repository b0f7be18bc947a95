"""Unit tests for directory entries: the model and the messages contributors see, opening hours,
review dates, and the pages made from a site snapshot."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from content import (
    audit,
    checks,
    compose,
    directory,
    directory_pages,
    frontmatter,
    html_safety,
    markdown_html,
    pages,
    review,
)
from content.directory_pages import ContactLink
from content.hours import Schedule, Span, parse_line
from content.site import VOCABULARY_FILE, Site, load_site

from conftest import ROOT

TODAY = date(2026, 11, 23)
FIXTURES = Path(__file__).parent / "fixtures" / "directory"
ENTRY_PATH = "docs/directory/entries/us-988-lifeline.md"

LIFELINE: dict[str, Any] = {
    "name": "988 Suicide & Crisis Lifeline",
    "kind": "crisis-line",
    "countries": ["US"],
    "tags": ["Crisis", "Support lines"],
    "audiences": ["everyone"],
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
    "source_kind": "service",
    "last_verified": date(2026, 11, 23),
}
OPEN_PATH: dict[str, Any] = {
    "name": "Open Path Collective", "kind": "therapist-directory", "countries": ["US"], "tags": ["Cost"],
    "website": "https://openpathcollective.org/", "source": "https://openpathcollective.org/",
    "source_kind": "service", "last_verified": date(2026, 11, 1),
}


def entry_text(meta: dict[str, Any], body: str = "A line.\n") -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body


def document(meta: dict[str, Any], name: str = "us-988-lifeline.md", body: str = "A line.\n") -> frontmatter.Document:
    parsed, problems = frontmatter.parse(entry_text(meta, body), f"docs/directory/entries/{name}")
    assert problems == []
    return parsed


def validate(meta: dict[str, Any], name: str = "us-988-lifeline.md", body: str = "A line.\n"):
    return directory.validate_entry(document(meta, name, body), TODAY)


def changed(*removed: str, **fields: Any) -> dict[str, Any]:
    """The lifeline with `fields` changed and the fields named in `removed` left out."""
    return {key: value for key, value in LIFELINE.items() if key not in removed} | fields


def valid(meta: dict[str, Any], name: str = "us-988-lifeline.md") -> directory.Entry:
    entry, problems = validate(meta, name)
    assert problems == [] and entry is not None
    return entry


def messages(meta: dict[str, Any], name: str = "us-988-lifeline.md") -> dict[str, str]:
    entry, problems = validate(meta, name)
    assert entry is None and problems
    return {p.field: f"{p.message} — {p.fix}" for p in problems}


def to_html(markdown: str) -> str:
    """Markdown as the site renders it (the extensions of mkdocs.yml)."""
    return markdown_html.for_config(ROOT / "mkdocs.yml")(markdown)


# --- Small sites -----------------------------------------------------------------------------------

# The pages every generated directory page links to.
STUB_PAGES = {
    "directory/index.md": ("Directory of services", "# Directory of services\n\n"
                           "## Crisis lines by country { #countries }\n\n<!-- directory:countries -->\n"),
    "directory/inclusion-rule.md": ("How we choose what to list", "# How we choose what to list\n"),
    "guide/supporting-a-partner.md": ("Supporting a partner", "# Supporting a partner\n"),
}


def make_site(root: Path, entries: dict[str, dict[str, Any] | str], *, today: date = TODAY) -> Site:
    """A project with the real vocabulary, the pages the directory links to, and `entries` (front
    matter with 'A line.' as the description, or a whole file), read as the build reads it."""
    (root / VOCABULARY_FILE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / VOCABULARY_FILE, root / VOCABULARY_FILE)
    for path, (title, body) in STUB_PAGES.items():
        file = root / "docs" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"---\ntitle: {title}\ndescription: A page.\nlast_reviewed: 2026-11-01\n---\n{body}",
                        encoding="utf-8")
    folder = root / "docs" / directory.ENTRIES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in entries.items():
        (folder / name).write_text(content if isinstance(content, str) else entry_text(content), encoding="utf-8")
    return load_site(root, today=today)


def fixture_files() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}


@pytest.fixture
def snapshot(tmp_path: Path) -> Site:
    """The fixture entries, read as the build reads them."""
    site = make_site(tmp_path, fixture_files())
    assert site.problems == () and len(site.entries) == 3
    return site


def entry_page(site: Site, slug: str, *, repo_url: str | None = None) -> str:
    """An entry's page as the build makes it: its template, then citations and review dates."""
    item = site.entry_named(slug)
    assert item is not None, slug
    return compose.page_markdown(site, item.path, item.document.body, repo_url=repo_url)


# --- The model ---------------------------------------------------------------------------------------


def test_the_format_example_is_a_valid_entry() -> None:
    entry = valid(LIFELINE)
    assert entry.always_open and entry.cost == "free" and entry.schedule is None and entry.hours_text == "24/7"
    assert entry.contact_types == ["phone", "text", "chat"]
    assert entry.dial_strings() == {"988", "741741", "+18007873224"}
    assert entry.is_sourced_at_service and entry.paired_with == [] and entry.review_by is None


def test_the_fixture_entries_are_valid(snapshot: Site) -> None:
    assert [item.slug for item in snapshot.entries] == ["gb-samaritans", "intl-find-a-helpline",
                                                            "us-crisis-text-line"]
    assert all(item.entry.source_kind for item in snapshot.entries)


@pytest.mark.parametrize(("country", "number"), [
    ("US", "988"), ("GB", "111"), ("GB", "116 123"), ("IE", "116 123"), ("AU", "13 11 14"), ("AU", "000"),
    ("IN", "14416"), ("NZ", "0800 543 354"), ("DE", "0800 111 0 111"), ("CA", "1-800-668-6868"),
])
def test_short_and_full_numbers_are_valid_for_their_country(country: str, number: str) -> None:
    valid(changed(countries=[country], contacts=[{"type": "phone", "value": number}]), f"{country.lower()}-line.md")


def test_a_number_is_checked_for_the_entrys_own_country() -> None:
    found = messages(changed(countries=["GB"], contacts=[{"type": "phone", "value": "988"}]), "gb-line.md")
    assert found == {"contacts[1].value": "'988' is not a valid phone number in United Kingdom (GB) — check it "
                                          "against the source and write it as dialled there, e.g. '988' or "
                                          "'0808 2000 247'"}


def test_a_number_valid_in_one_of_several_countries_is_accepted() -> None:
    valid(changed(countries=["GB", "IE"], contacts=[{"type": "phone", "value": "1800 247 247"}]), "gb-line.md")


def test_an_international_entry_needs_numbers_with_a_country_code() -> None:
    meta = changed(countries=["international"], contacts=[{"type": "phone", "value": "988"}])
    found = messages(meta, "intl-x.md")["contacts[1].value"]
    assert found.startswith("'988' is not a valid phone number in international format")
    meta["contacts"] = [{"type": "phone", "value": "+44 808 800 5000"}]
    assert validate(meta, "intl-x.md")[1] == []


def test_a_number_written_without_quotes_is_refused_with_the_reason() -> None:
    assert messages(changed(contacts=[{"type": "phone", "value": 988}]))["contacts[1].value"] == (
        "988 must be in quotes — write value: \"988\" so that leading zeros and spaces are kept exactly")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("website", "http://988lifeline.org/", "'http://988lifeline.org/' is not secure (http)"),
    ("website", "javascript:alert(1)", "'javascript:' addresses are not allowed"),
    ("website", "JaVaScRiPt:alert(1)", "'javascript:' addresses are not allowed"),
    ("website", "  javascript:alert(1)", "'javascript:' addresses are not allowed"),
    ("website", "java\tscript:alert(1)", "'javascript:' addresses are not allowed"),
    ("website", "java\nscript:alert(1)", "'javascript:' addresses are not allowed"),
    ("website", "\x01javascript:alert(1)", "'javascript:' addresses are not allowed"),
    ("website", "vbscript:msgbox(1)", "'vbscript:' addresses are not allowed"),
    ("website", "jav&#x09;ascript:alert(1)", "'jav&#x09;ascript:alert(1)' is not a web address"),
    ("website", "//evil.example.org/", "'//evil.example.org/' is not a web address"),
    ("website", "https://988lifeline.org/)](javascript:alert(1))", "'https://988lifeline.org/)](javascript:"),
    ("website", 'https://988lifeline.org/" onclick="alert(1)', "'https://988lifeline.org/\" onclick="),
    ("website", "https://988lifeline.org/>{ onclick=alert(1) }", "'https://988lifeline.org/>{ onclick"),
    ("website", "https://user:secret@988lifeline.org/", "'https://user:secret@988lifeline.org/' has characters"),
    ("source", "data:text/html,hello", "'data:' addresses are not allowed"),
    ("source", "988lifeline.org", "'988lifeline.org' is not a web address"),
])
def test_addresses_must_be_plain_https(field: str, value: str, message: str) -> None:
    assert messages(changed(**{field: value}))[field].startswith(message)


def test_chat_links_must_be_https_and_email_must_be_an_address() -> None:
    found = messages(changed(contacts=[{"type": "chat", "value": "JavaScript:alert(1)"},
                                       {"type": "email", "value": "help at example.org"},
                                       {"type": "web", "value": "https://x.org/a b"}]))
    assert found["contacts[1].value"].startswith("'javascript:' addresses are not allowed")
    assert found["contacts[2].value"].startswith("'help at example.org' is not an email address")
    assert found["contacts[3].value"].startswith("'https://x.org/a b' has characters a web address cannot hold")


@pytest.mark.parametrize("email", ["help@example.org)](javascript:alert(1))", 'help@example.org" onclick="x',
                                   "<help@example.org>", "help@example.org{ onclick=x }", "javascript:alert(1)",
                                   "help@example.org?body=x y", "help@[127.0.0.1]"])
def test_an_email_with_markup_is_refused(email: str) -> None:
    assert messages(changed(contacts=[{"type": "email", "value": email}]))["contacts[1].value"] == (
        f"'{email}' is not an email address — write the address alone, e.g. 'help@example.org'")


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
    assert messages(changed(last_verified=date(2026, 11, 24)))["last_verified"] == (
        "2026-11-24 is in the future — give the date you checked the details against the source, e.g. 2026-11-23")


def test_a_date_that_is_not_a_date_says_how_to_write_one() -> None:
    assert messages(changed(last_verified="23/11/2026"))["last_verified"] == (
        "'23/11/2026' is not a date — write the date as YYYY-MM-DD, e.g. 2026-12-01")


def test_unknown_fields_are_refused_with_a_suggestion() -> None:
    found = messages(changed(website_url="https://988lifeline.org/",
                             contacts=[{"type": "phone", "value": "988", "keywrd": "HOME"}]))
    assert found["website_url"] == "'website_url' is not a field here — did you mean 'website'?"
    assert found["contacts[1].keywrd"] == "'keywrd' is not a field here — did you mean 'keyword'?"


def test_unknown_kind_cost_and_contact_type_suggest_the_closest() -> None:
    found = messages(changed(kind="crisis line", cost="fre", contacts=[{"type": "sms", "value": "988"}]))
    assert found["kind"] == "'crisis line' is not one of the choices for kind — did you mean 'crisis-line'?"
    assert found["cost"] == "'fre' is not one of the choices for cost — did you mean 'free'?"
    assert found["contacts[1].type"] == ("'sms' is not one of the choices for type — use one of: 'chat', 'email', "
                                         "'phone', 'text', 'web'")


def test_every_problem_is_reported_at_once_with_its_line() -> None:
    meta = changed("name", "hours", countries=["uk"], website="http://x.org/", colour="teal")
    _, problems = directory.validate_entry(document(meta), TODAY)
    assert {p.field for p in problems} == {"name", "countries[1]", "website", "colour"}
    text_lines = entry_text(meta).splitlines()
    for problem in problems:  # each on the line its field is written on; a missing field on line 1
        written = [n for n, line in enumerate(text_lines, 1) if line.startswith(problem.field.split("[")[0] + ":")]
        assert problem.line == (written[0] if written else 1)
    assert all(p.path == ENTRY_PATH and p.fix for p in problems)


def test_lines_need_contacts_hours_cost_and_audiences() -> None:
    found = messages(changed("contacts", "hours", "cost", "audiences"))
    assert set(found) == {"contacts", "hours", "cost", "audiences"}
    assert found["contacts"].startswith("a crisis line needs at least one contact")
    assert found["hours"].startswith("a crisis line needs its hours")
    assert found["cost"].startswith("a crisis line needs its cost to callers — use one of: free, low-cost")
    assert found["audiences"].startswith("a crisis line needs to say who it is for — list who it is for, from: "
                                         "everyone, women, men, children")


def test_a_directory_needs_only_a_website() -> None:
    valid(OPEN_PATH, "us-open-path.md")
    meta = {key: value for key, value in OPEN_PATH.items() if key != "website"}
    assert messages(meta, "us-open-path.md")["website"].startswith("the entry gives no way to reach the service")


def test_a_keyword_belongs_to_a_text_contact_and_is_one_word() -> None:
    found = messages(changed(contacts=[{"type": "phone", "value": "988", "keyword": "HOME"},
                                       {"type": "text", "value": "741741", "keyword": "GO HOME"},
                                       {"type": "text", "value": "741741", "keyword": "HOME&body=x"}]))
    assert found["contacts[1].keyword"].startswith("only a text contact can have a keyword")
    assert found["contacts[2].keyword"] == ("'GO HOME' is not one word of letters and digits — give the word to text, "
                                            "e.g. 'keyword: HOME' for 'text HOME to 741741'")
    assert found["contacts[3].keyword"].startswith("'HOME&body=x' is not one word")


def test_the_file_name_starts_with_the_first_country() -> None:
    _, problems = validate(LIFELINE, "lifeline.md")
    assert [str(p) for p in problems] == [
        "docs/directory/entries/lifeline.md:1: file name: 'lifeline.md' does not start with its country — rename "
        "it 'us-lifeline.md': the first country in lowercase (or 'intl'), a hyphen, then the name"]


def test_an_empty_description_is_refused() -> None:
    _, problems = validate(LIFELINE, body="\n")
    assert [(p.field, p.message) for p in problems] == [("description", "is missing")]


def test_duplicates_by_name_and_country_and_by_number_in_a_country() -> None:
    documents = [document(LIFELINE),
                 document(changed(name="988  suicide & crisis LIFELINE", contacts=[{"type": "phone", "value": "911"}]),
                          "us-lifeline-copy.md"),
                 document(changed(name="Veterans line", contacts=[{"type": "phone", "value": "+1 800 787 3224"}]),
                          "us-veterans.md"),
                 document(changed(countries=["CA"], contacts=[{"type": "phone", "value": "988"}]), "ca-988.md")]
    checked = [(d, directory.validate_entry(d, TODAY)[0]) for d in documents]
    assert all(entry is not None for _, entry in checked)
    problems = directory.find_duplicates(checked)
    assert sorted(str(p) for p in problems) == [
        "docs/directory/entries/us-lifeline-copy.md:2: name: docs/directory/entries/us-988-lifeline.md already lists "
        "'988  suicide & crisis LIFELINE' for United States — keep one entry per service: merge the two files into one",
        f"docs/directory/entries/us-veterans.md:{documents[2].line_of('contacts')}: contacts: +18007873224 in "
        "United States is already listed in "
        "docs/directory/entries/us-988-lifeline.md — a number belongs to one entry: merge the entries, or correct "
        "the number",
    ]


def test_only_entry_files_are_entries(tmp_path: Path) -> None:
    page = frontmatter.parse("---\ntitle: Guide\n---\nText\n", "docs/guide/index.md")[0]
    assert not directory.is_entry(page) and directory.is_entry(document(LIFELINE))
    site = make_site(tmp_path, {"us-988-lifeline.md": LIFELINE})
    assert [item.path for item in site.entries] == ["directory/entries/us-988-lifeline.md"]
    assert site.document_at("directory/index.md") is not None and site.entry_at("directory/index.md") is None


def test_an_invalid_entry_is_a_problem_on_the_snapshot_and_not_listed(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": LIFELINE, "us-broken.md": changed(kind="crisis line")})
    assert [item.slug for item in site.entries] == ["us-988-lifeline"]
    assert [(p.path, p.field) for p in site.problems] == [("docs/directory/entries/us-broken.md", "kind")]


def test_entries_over_twelve_months_old_are_out_of_date() -> None:
    assert not valid(changed(last_verified=date(2025, 11, 23))).is_out_of_date(TODAY)
    assert valid(changed(last_verified=date(2025, 11, 22))).is_out_of_date(TODAY)
    assert directory.one_year_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_emergency_numbers_are_recognised() -> None:
    assert valid(changed(contacts=[{"type": "phone", "value": "911"}])).is_emergency_service
    assert not valid(LIFELINE).is_emergency_service


# --- New fields: names, audiences, access, sources, pairs ------------------------------------------------


def test_an_english_name_and_what_to_expect_are_optional_text() -> None:
    entry = valid(changed(english_name="Friendly Telephone", what_to_expect="A volunteer answers."))
    assert (entry.english_name, entry.what_to_expect) == ("Friendly Telephone", "A volunteer answers.")
    found = messages(changed(english_name="", what_to_expect=""))
    assert found["english_name"] == "is empty — give an English gloss of the name, e.g. 'Friendly Telephone'"
    assert found["what_to_expect"].startswith("is empty — say in a sentence or two what happens when someone calls")


def test_audiences_come_from_the_list() -> None:
    assert valid(changed(audiences=["women", "lgbtq", "partners-and-family"])).audiences == [
        "women", "lgbtq", "partners-and-family"]
    assert set(directory.AUDIENCES) == {"everyone", "women", "men", "children", "young-people", "lgbtq", "veterans",
                                        "indigenous", "partners-and-family", "older-people"}
    assert valid({**OPEN_PATH}, "us-open-path.md").audiences == []  # only lines must say who they are for


@pytest.mark.parametrize(("written", "field", "expected"), [
    (["womem"], "audiences[1]", "'womem' is not one of the choices for audiences — did you mean 'women'?"),
    (["everyone", "young people"], "audiences[2]",
     "'young people' is not one of the choices for audiences — did you mean 'young-people'?"),
    (["Veterans"], "audiences[1]", "'Veterans' is not one of the choices for audiences — did you mean 'veterans'?"),
    (["carers"], "audiences[1]",  # nothing close: every choice
     "'carers' is not one of the choices for audiences — use one of: 'children', 'everyone', 'indigenous', "
     "'lgbtq', 'men', 'older-people', 'partners-and-family', 'veterans', 'women', 'young-people'"),
    ("everyone", "audiences", "must be a list — list who it is for, from: everyone, women, men"),
])
def test_a_misspelt_audience_gets_a_suggestion(written: Any, field: str, expected: str) -> None:
    found = messages(changed(audiences=written))
    assert list(found) == [field] and found[field].startswith(expected)


@pytest.mark.parametrize("access", [
    [{"type": "tty", "value": "800-787-3224"}],
    [{"type": "tty", "note": "ask the operator for the TTY line"}],
    [{"type": "text-relay", "value": "https://www.relayuk.bt.com/"}],
    [{"type": "text-relay", "value": "711"}],
    [{"type": "video-relay", "value": "https://www.example.org/asl-now"}],
    [{"type": "video-relay", "note": "through the national video relay service"}],
    [{"type": "interpreters", "note": "ask in English for an interpreter"}],
])
def test_ways_in_for_deaf_people_and_interpreters(access: list[dict[str, str]]) -> None:
    entry = valid(changed(access=access))
    assert [way.type for way in entry.access] == [way["type"] for way in access]


@pytest.mark.parametrize(("access", "field", "expected"), [
    ({"type": "tty"}, "access[1]",
     "this way in (tty) needs a number, an address or a note — give the number or https:// address, or say in 'note' "
     "how to ask for it"),
    ({"type": "interpreters"}, "access[1]", "this way in (interpreters) needs a number, an address or a note"),
    ({"type": "tty", "value": "call us"}, "access[1].value", "'call us' is not a valid phone number here — write"),
    ({"type": "tty", "value": 8007873224}, "access[1].value", "8007873224 must be in quotes"),
    ({"type": "text-relay", "value": "http://relay.example.org/"}, "access[1].value",
     "'http://relay.example.org/' is not secure (http)"),
    ({"type": "video-relay", "value": "javascript:alert(1)"}, "access[1].value",
     "'javascript:' addresses are not allowed"),
    ({"type": "text-relay", "value": "relay.example.org"}, "access[1].value", "'relay.example.org' is not a web"),
    ({"type": "fax", "value": "800-787-3224"}, "access[1].type",
     "'fax' is not one of the choices for type — use one of: 'interpreters', 'text-relay', 'tty', 'video-relay'"),
    ({"type": "tty", "value": "800-787-3224", "number": "1"}, "access[1].number", "'number' is not a field here"),
])
def test_a_way_in_needs_a_number_an_https_address_or_a_note(access: dict[str, Any], field: str, expected: str) -> None:
    found = messages(changed(access=[access]))
    assert list(found) == [field] and expected in found[field], found


def test_the_source_kind_is_required() -> None:
    found = messages(changed("source_kind"))
    assert found == {"source_kind": "is missing — use one of: service (its own site), government (a government or "
                                    "health-service page), secondary (anything else, with a source_note)"}
    assert messages(changed(source_kind="official"))["source_kind"] == (
        "'official' is not one of the choices for source_kind — use one of: 'government', 'secondary', 'service'")
    assert valid(changed(source_kind="government")).is_sourced_at_service


def test_a_secondary_source_needs_a_note_saying_what_it_is() -> None:
    assert messages(changed(source_kind="secondary")) == {
        "source_note": "a secondary source needs a note saying what kind of page it is — write e.g. 'source_note: "
                       "a news report', or cite the service's own page instead"}
    entry = valid(changed(source_kind="secondary", source_note="a news report"))
    assert not entry.is_sourced_at_service and entry.source_note == "a news report"


@pytest.mark.parametrize(("written", "field", "expected"), [
    (["Not A Slug"], "paired_with[1]", "'Not A Slug' is not written as this field needs — list the file names"),
    (["us-other.md"], "paired_with[1]", "'us-other.md' is not written as this field needs"),
    ("us-other", "paired_with", "must be a list"),
])
def test_paired_with_names_entry_files(written: Any, field: str, expected: str) -> None:
    found = messages(changed(paired_with=written))
    assert list(found) == [field] and found[field].startswith(expected)


def test_a_pair_naming_a_missing_entry_or_itself_is_a_problem(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": changed(paired_with=["us-988-lifline", "us-988-lifeline"]),
                                "us-open-path.md": OPEN_PATH | {"paired_with": ["us-988-lifeline"]}})
    line = site.entry_named("us-988-lifeline").document.line_of("paired_with")
    assert [str(p) for p in checks.check_pairs(site)] == [
        f"{ENTRY_PATH}:{line}: paired_with: no entry is called 'us-988-lifline' — give the file name of another "
        "entry, without '.md'",
        f"{ENTRY_PATH}:{line}: paired_with: no entry is called 'us-988-lifeline' — give the file name of another "
        "entry, without '.md'",
    ]


def test_pairs_go_both_ways(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": changed(paired_with=["us-open-path"]),
                                "us-open-path.md": OPEN_PATH})
    assert checks.check_pairs(site) == []
    assert site.pairs == {"us-988-lifeline": "us-open-path", "us-open-path": "us-988-lifeline"}


# --- Opening hours ---------------------------------------------------------------------------------------

MONDAY = 0
FRIDAY, SATURDAY, SUNDAY = 4 * 1440, 5 * 1440, 6 * 1440


def test_schedule_lines_become_spans_of_the_week() -> None:
    assert parse_line("Mon-Fri 09:00-17:00") == [Span(day * 1440 + 540, day * 1440 + 1020) for day in range(5)]
    assert parse_line("Sat 10:00-14:00") == [Span(SATURDAY + 600, SATURDAY + 840)]
    assert parse_line("sun 0:00-24:00") == [Span(SUNDAY, SUNDAY + 1440)]
    assert parse_line("Tue – Wed  9:30 – 12:00") == [Span(1440 + 570, 1440 + 720), Span(2880 + 570, 2880 + 720)]
    assert parse_line("Sat-Mon 10:00-12:00") == [Span(SATURDAY + 600, SATURDAY + 720),
                                                 Span(SUNDAY + 600, SUNDAY + 720), Span(MONDAY + 600, MONDAY + 720)]


def test_an_end_before_the_start_runs_past_midnight() -> None:
    assert parse_line("Fri 22:00-06:00") == [Span(FRIDAY + 1320, FRIDAY + 1440 + 360)]  # into Saturday morning
    (sunday_night,) = parse_line("Sun 22:00-02:00")
    assert sunday_night == Span(SUNDAY + 1320, 7 * 1440 + 120)  # past the end of the week, into Monday


@pytest.mark.parametrize(("line", "expected"), [
    ("Mon-Fry 09:00-17:00", "'Fry' is not a day — use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
    ("Thr 09:00-17:00", "'Thr' is not a day"),
    ("Mon 09:00-25:00", "'25:00' is not a time of day — use 24-hour times from 00:00 to 24:00"),
    ("Mon 09:60-17:00", "'09:60' is not a time of day"),
    ("Mon 24:30-02:00", "'24:30' is not a time of day"),
    ("Mon 9am-5pm", "'Mon 9am-5pm' is not a schedule line — write each line as days and times, e.g. "
                    "'Mon-Fri 09:00-17:00' or 'Sat 10:00-14:00'"),
    ("Weekdays 09:00-17:00", "'Weekdays 09:00-17:00' is not a schedule line"),
    ("Mon 09:00-09:00", "'Mon 09:00-09:00' opens and closes at the same time — for all day write 00:00-24:00"),
])
def test_a_bad_schedule_line_says_what_is_wrong(line: str, expected: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_line(line)
    assert str(raised.value).startswith(expected)


def test_an_entry_with_a_weekly_schedule() -> None:
    hours = {"schedule": ["Mon-Fri  09:00-17:00", "Fri 22:00-06:00"], "time_zone": "America/New_York",
             "note": "closed on public holidays"}
    entry = valid(changed(hours=hours))
    assert entry.schedule == Schedule(schedule=["Mon-Fri 09:00-17:00", "Fri 22:00-06:00"],
                                      time_zone="America/New_York", note="closed on public holidays")
    assert not entry.always_open
    assert entry.hours_text == ("Mon–Fri 09:00–17:00; Fri 22:00–06:00 (America/New York time), "
                                "closed on public holidays")


@pytest.mark.parametrize(("hours", "field", "expected"), [
    ({"schedule": ["Mon-Fry 09:00-17:00"], "time_zone": "Europe/London"}, "hours.schedule",
     "'Fry' is not a day — use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
    ({"schedule": ["Mon 09:00-25:00"], "time_zone": "Europe/London"}, "hours.schedule",
     "'25:00' is not a time of day — use 24-hour times from 00:00 to 24:00"),
    ({"schedule": ["Mon 09:00-17:00"], "time_zone": "Europe/Londres"}, "hours.time_zone",
     "'Europe/Londres' is not an IANA time zone — write it as Region/City, e.g. 'Europe/London' or "
     "'America/New_York'"),
    ({"schedule": ["Mon 09:00-17:00"], "time_zone": "BST"}, "hours.time_zone", "'BST' is not an IANA time zone"),
    ({"schedule": ["Mon 09:00-17:00"], "time_zone": "../../etc/passwd"}, "hours.time_zone",
     "'../../etc/passwd' is not an IANA time zone"),
    ({"schedule": ["Mon 09:00-17:00"]}, "hours.time_zone",
     "is missing — give the IANA time zone, e.g. 'Europe/London'"),
    ({"schedule": [], "time_zone": "Europe/London"}, "hours.schedule",
     "is empty — list lines such as 'Mon-Fri 09:00-17:00'"),
    ({"schedule": ["Mon 09:00-17:00"], "time_zone": "Europe/London", "zone": "x"}, "hours.zone",
     "'zone' is not a field here — "),
    ("", "hours", "is empty — write '24/7', the hours in plain words, or a weekly 'schedule' with its 'time_zone'"),
])
def test_a_bad_schedule_is_refused_naming_the_field(hours: Any, field: str, expected: str) -> None:
    found = messages(changed(hours=hours))
    assert list(found) == [field] and found[field].startswith(expected), found


LONDON_WEEKDAYS = Schedule(schedule=["Mon-Fri 09:00-17:00"], time_zone="Europe/London")


@pytest.mark.parametrize(("moment", "is_open"), [
    # Summer: London is on BST (UTC+1), so 08:30 UTC is 09:30 there and 16:30 UTC is 17:30.
    (datetime(2026, 7, 6, 8, 30, tzinfo=UTC), True),
    (datetime(2026, 7, 6, 7, 59, tzinfo=UTC), False),
    (datetime(2026, 7, 6, 15, 59, tzinfo=UTC), True),
    (datetime(2026, 7, 6, 16, 30, tzinfo=UTC), False),
    # Winter: London is on GMT (UTC+0).
    (datetime(2026, 1, 5, 8, 30, tzinfo=UTC), False),
    (datetime(2026, 1, 5, 9, 0, tzinfo=UTC), True),
    (datetime(2026, 1, 5, 16, 30, tzinfo=UTC), True),
    (datetime(2026, 1, 5, 17, 0, tzinfo=UTC), False),
    # The same moment written in another zone is the same moment.
    (datetime(2026, 1, 5, 11, 30, tzinfo=ZoneInfo("America/New_York")), True),
    (datetime(2026, 1, 10, 12, 0, tzinfo=ZoneInfo("Europe/London")), False),  # a Saturday
])
def test_open_now_in_london_summer_and_winter(moment: datetime, is_open: bool) -> None:
    assert LONDON_WEEKDAYS.is_open(moment) is is_open


TOKYO_NIGHTS = Schedule(schedule=["Fri 22:00-06:00", "Sun 22:00-02:00"], time_zone="Asia/Tokyo")
JST = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(("moment", "is_open"), [
    (datetime(2026, 12, 4, 21, 59, tzinfo=JST), False),  # Friday, before it opens
    (datetime(2026, 12, 4, 13, 0, tzinfo=UTC), True),  # Friday 22:00 in Tokyo
    (datetime(2026, 12, 5, 5, 59, tzinfo=JST), True),  # Saturday morning, still Friday night's hours
    (datetime(2026, 12, 4, 21, 0, tzinfo=UTC), False),  # Saturday 06:00 in Tokyo: closed
    (datetime(2026, 12, 6, 23, 0, tzinfo=JST), True),  # Sunday night
    (datetime(2026, 12, 7, 1, 30, tzinfo=JST), True),  # Monday 01:30: Sunday night's hours past the week's end
    (datetime(2026, 12, 7, 2, 0, tzinfo=JST), False),
    (datetime(2026, 12, 7, 12, 0, tzinfo=JST), False),
])
def test_open_now_in_tokyo_across_midnight_and_the_end_of_the_week(moment: datetime, is_open: bool) -> None:
    assert TOKYO_NIGHTS.is_open(moment) is is_open


# --- Review dates ------------------------------------------------------------------------------------------


def test_lines_are_due_for_review_after_six_months_and_other_entries_after_twelve() -> None:
    assert review.entry_review(valid(LIFELINE)) == review.Review(date(2026, 11, 23), date(2027, 5, 23))
    assert review.entry_review(valid(OPEN_PATH, "us-open-path.md")) == review.Review(date(2026, 11, 1),
                                                                                     date(2027, 11, 1))
    assert review.months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert review.months_after(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_review_by_sets_the_next_check() -> None:
    entry = valid(changed(review_by=date(2027, 1, 31)))
    assert entry.review_by == date(2027, 1, 31)
    assert review.entry_review(entry) == review.Review(date(2026, 11, 23), date(2027, 1, 31))
    assert not review.entry_review(entry).is_overdue(date(2027, 1, 31))
    assert review.entry_review(entry).is_overdue(date(2027, 2, 1))
    assert messages(changed(review_by="soon"))["review_by"] == (
        "'soon' is not a date — write the date as YYYY-MM-DD, e.g. 2026-12-01")
    for due in (date(2026, 11, 23), date(2020, 1, 1)):  # a next check before the last one would be overdue at once
        found = messages(changed(review_by=due))
        assert list(found) == ["review_by"] and found["review_by"].startswith(f"{due.isoformat()} is not after "
                                                                              "last_verified — ")


def test_a_listing_is_as_current_as_its_least_recently_checked_item() -> None:
    assert review.span([]) is None
    reviews = [review.Review(date(2026, 11, 23), date(2027, 5, 23)),
               review.Review(date(2026, 1, 10), date(2027, 1, 10)),
               review.Review(date(2026, 6, 1), date(2026, 12, 31))]
    assert review.span(reviews) == review.Span(date(2026, 1, 10), date(2026, 11, 23), date(2026, 12, 31))
    assert not review.span(reviews).is_overdue(date(2026, 12, 31))
    assert review.span(reviews).is_overdue(date(2027, 1, 1))


def generated(site: Site, path: str) -> str:
    return compose.generated_markdown(site, site.generated[path])


def test_every_generated_page_shows_the_dates_of_what_it_lists(snapshot: Site) -> None:
    """The US page lists its crisis line and the international organisation; the page for the
    Crisis topic lists both crisis lines; the topics' index, every entry and tagged page."""
    us = generated(snapshot, "directory/countries/us.md")
    assert us.rstrip().endswith(
        '<p class="last-reviewed">Everything listed here was last checked on '
        '<time datetime="2026-11-23">23 November 2026</time>. Next review due by '
        '<time datetime="2027-05-23">23 May 2027</time>. Each item shows its own date.</p>')
    assert "Due for review" not in us
    crisis = generated(snapshot, "tags/crisis.md")
    assert ('last checked between <time datetime="2024-01-15">15 January 2024</time> and '
            '<time datetime="2026-11-23">23 November 2026</time>. Next review due by '
            '<time datetime="2024-07-15">15 July 2024</time>') in crisis
    index = generated(snapshot, "tags/index.md")
    assert '<time datetime="2024-01-15">' in index and '<time datetime="2026-11-23">' in index
    for path, page in snapshot.generated.items():  # a kind or topic with nothing yet has nothing to date
        assert ('<p class="last-reviewed">' in generated(snapshot, path)) is bool(
            compose.item_reviews(snapshot, page)), path
    for path in ("directory/countries/gb.md", "directory/kinds/crisis-line.md", "directory/all.md", "tags/index.md"):
        assert len(compose.item_reviews(snapshot, snapshot.generated[path])) >= 2, path


def test_a_listing_with_an_overdue_item_says_so_under_its_heading(snapshot: Site) -> None:
    gb = generated(snapshot, "directory/countries/gb.md")
    heading, rest = gb.split("# United Kingdom\n", 1)
    assert rest.lstrip().startswith('!!! note "Due for review"\n    Some of what this page lists was due for '
                                     "another check by 15 July 2024.")
    assert "Due for review" not in generated(snapshot, "directory/countries/us.md")
    later = dataclasses.replace(snapshot, today=date(2027, 5, 24))
    assert "Due for review" in generated(later, "directory/countries/us.md")


def test_a_topic_page_takes_the_dates_of_the_pages_that_have_its_topic(tmp_path: Path) -> None:
    site = make_site(tmp_path, fixture_files())
    page = site.docs_dir / "guide" / "tagged.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("---\ntitle: Tagged\ndescription: A page.\nlast_reviewed: 2025-03-02\ntags: [Trauma]\n---\n"
                    "# Tagged\n", encoding="utf-8")
    site = load_site(tmp_path, today=TODAY)
    trauma = generated(site, "tags/trauma.md")
    assert ('last checked on <time datetime="2025-03-02">2 March 2025</time>. Next review due by '
            '<time datetime="2026-03-02">2 March 2026</time>') in trauma
    assert "Due for review" in trauma


def test_the_audit_lists_what_is_due_for_review_with_who_to_ask(snapshot: Site) -> None:
    later = dataclasses.replace(snapshot, today=date(2027, 6, 1))
    codeowners = "* @maintainers\n/docs/directory/ @directory-editors\n"
    assert audit.report(later, codeowners).splitlines() == [
        "2 pages and entries are due for review on 2027-06-01, oldest first:",
        "  docs/directory/entries/gb-samaritans.md: Samaritans; last checked 2024-01-15, due 2024-07-15; "
        "ask @directory-editors",
        "  docs/directory/entries/us-crisis-text-line.md: Crisis Text Line; last checked 2026-11-23, due 2027-05-23; "
        "ask @directory-editors",
        "",
        "Every line is checked against the service's own page or a government page.",
    ]


def test_the_audit_lists_lines_checked_only_against_a_secondary_page(tmp_path: Path) -> None:
    files = fixture_files()
    files["us-crisis-text-line.md"] = files["us-crisis-text-line.md"].replace(
        "source_kind: service", "source_kind: secondary\nsource_note: a news report")
    site = make_site(tmp_path, files)
    printed = audit.report(site, "").splitlines()
    assert printed[-2:] == [
        "1 line checked only against a secondary page (give the service's own page):",
        "  docs/directory/entries/us-crisis-text-line.md: Crisis Text Line (a news report)",
    ]
    assert "ask a maintainer" in printed[1]


def test_make_audit_reads_the_project_and_prints_its_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, fixture_files(), today=date.today())
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("* @maintainers\n", encoding="utf-8")
    assert audit.main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    late = [item for item in site.entries if review.entry_review(item.entry).is_overdue(date.today())]
    assert "gb-samaritans" in {item.slug for item in late}
    things = "page or entry is" if len(late) == 1 else "pages and entries are"
    assert printed[0] == f"{len(late)} {things} due for review on {date.today().isoformat()}, oldest first:"
    assert "  docs/directory/entries/gb-samaritans.md: Samaritans; last checked 2024-01-15, due 2024-07-15; " \
           "ask @maintainers" in printed


# --- Links and pages ------------------------------------------------------------------------------------


def test_contact_links_call_text_with_keyword_chat_and_mail() -> None:
    regions = ["US"]
    link = directory_pages.contact_link
    assert link(directory.Contact(type="phone", value="988"), regions) == ContactLink("Call 988", "tel:988")
    assert link(directory.Contact(type="phone", value="800-787-3224", note="TTY"), regions) == \
        ContactLink("Call 800-787-3224", "tel:+18007873224", "TTY")
    assert link(directory.Contact(type="text", value="741741", keyword="HOME"), regions) == \
        ContactLink("Text HOME to 741741", "sms:741741?&body=HOME")
    assert link(directory.Contact(type="text", value="988"), regions) == ContactLink("Text 988", "sms:988")
    assert link(directory.Contact(type="chat", value="https://988lifeline.org/chat/"), regions) == \
        ContactLink("Chat online", "https://988lifeline.org/chat/")
    assert link(directory.Contact(type="email", value="help@example.org"), regions) == \
        ContactLink("Email help@example.org", "mailto:help@example.org")
    assert link(directory.Contact(type="web", value="https://www.example.org/help/"), regions) == \
        ContactLink("example.org/help", "https://www.example.org/help/")


def test_australian_numbers_dial_as_written_locally() -> None:
    link = directory_pages.contact_link
    assert link(directory.Contact(type="phone", value="13 11 14"), ["AU"]).target == "tel:131114"
    assert link(directory.Contact(type="text", value="0477 13 11 14"), ["AU"]).target == "sms:0477131114"


def full_entry() -> dict[str, Any]:
    """Every field an entry can have."""
    return changed(
        english_name="The Lifeline", audiences=["everyone", "veterans"],
        access=[{"type": "tty", "value": "800-787-3224"},
                {"type": "video-relay", "value": "https://www.example.org/asl-now"},
                {"type": "interpreters", "note": "ask in English for an interpreter"}],
        hours={"schedule": ["Mon-Fri 09:00-17:00", "Fri 22:00-06:00"], "time_zone": "America/New_York",
               "note": "closed on public holidays"},
        what_to_expect="A counsellor answers and asks whether you are safe.", paired_with=["us-open-path"],
        source_kind="secondary", source_note="a news report", review_by=date(2027, 3, 1))


def test_the_entry_page_shows_every_field_the_check_date_and_a_report_link(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": LIFELINE, "us-open-path.md": OPEN_PATH})
    page = entry_page(site, "us-988-lifeline", repo_url="https://github.com/o/r/")
    for shown in ("# 988 Suicide &amp; Crisis Lifeline\n", "[Call 988](tel:988)", "(sms:741741?&body=HOME)",
                  "[Call 800\\-787\\-3224](tel:+18007873224) (TTY)", "[Chat online](https://988lifeline.org/chat/)",
                  "[Crisis line](../kinds/crisis-line.md)", "[United States](../countries/us.md)",
                  "For\n:   Everyone\n", "Hours\n:   24/7\n", "Cost\n:   Free\n", "Languages\n:   English, Spanish\n",
                  "Who answers\n:   Trained crisis counsellors\n",
                  "Website\n:   [988lifeline\\.org](https://988lifeline.org/)\n",
                  "[Crisis](../../tags/crisis.md)", "[Support lines](../../tags/support-lines.md)",
                  "Last verified on **23 November 2026** against [988lifeline\\.org](https://988lifeline.org/).\n",
                  "Next check due by **23 May 2027**.", "\nA line.\n"):
        assert shown in page, shown
    assert ("[Report a change](https://github.com/o/r/issues/new?template=correction.yml&title=988%20Suicide%20"
            "%26%20Crisis%20Lifeline)") in page
    for absent in ("may be out of date", "Due for review", "What to expect", "Always shown with", "not the service's"):
        assert absent not in page, absent

    markup = to_html(page)
    assert '<a href="tel:988">Call 988</a>' in markup
    assert '<a href="sms:741741?&amp;body=HOME">Text HOME to 741741</a>' in markup
    assert "Last verified on <strong>23 November 2026</strong>" in markup
    assert list(html_safety.read_html(markup).findings) == []

    old = entry_page(dataclasses.replace(site, today=date(2027, 11, 24)), "us-988-lifeline")
    assert '!!! warning "This entry may be out of date"' in old and "23 November 2026, more than 12 months" in old
    assert '!!! note "Due for review"' in old and "Report a change" not in old


def test_a_line_past_its_review_date_says_so_before_it_is_out_of_date(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": LIFELINE}, today=date(2027, 6, 1))
    page = entry_page(site, "us-988-lifeline")
    assert page.index("# 988") < page.index('!!! note "Due for review"') < page.index("## How to reach them")
    assert "it was due for another check by\n    23 May 2027" in page
    assert "may be out of date" not in page


def test_the_entry_page_shows_the_new_fields(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": full_entry(), "us-open-path.md": OPEN_PATH})
    page = entry_page(site, "us-988-lifeline", repo_url="https://github.com/o/r")
    for shown in (
        "# 988 Suicide &amp; Crisis Lifeline\n\n*The Lifeline*\n",
        "- TTY: [800\\-787\\-3224](tel:+18007873224)\n",
        "- Video relay or sign language: [https://www\\.example\\.org/asl\\-now](https://www.example.org/asl-now)\n",
        "- Interpreters: ask in English for an interpreter\n",
        "## What to expect\n\nA counsellor answers and asks whether you are safe\\.\n",
        "For\n:   Everyone, Veterans and service members\n",
        "Hours\n:   Mon–Fri 09:00–17:00; Fri 22:00–06:00 \\(America/New York time\\), closed on public holidays\n",
        "against [988lifeline\\.org](https://988lifeline.org/), a news report: not the service's own page, so check "
        "its details with the service when you can.\n",
        "Next check due by **1 March 2027**.",
    ):
        assert shown in page, shown
    spans = [[day * 1440 + 540, day * 1440 + 1020] for day in range(5)] + [[FRIDAY + 1320, FRIDAY + 1800]]
    data = {"zone": "America/New_York", "spans": spans, "week": 7 * 1440}
    assert f'<p class="dir-open-now" data-hours="{html.escape(json.dumps(data, separators=(",", ":")))}" hidden>' \
        in page
    # the paired entry is shown on the page, as a card
    paired = page.split("## Always shown with\n", 1)[1].split("## Checked", 1)[0]
    assert '<div class="dir-entry" ' in paired and 'data-entry="us-open-path"' in paired
    assert "[Open Path Collective](us-open-path.md)" in paired
    markup = to_html(page)
    assert "<em>The Lifeline</em>" in markup and '<a href="tel:+18007873224">800-787-3224</a>' in markup
    assert list(html_safety.read_html(markup).findings) == []


def test_the_paired_entry_shows_its_partner_too(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": full_entry(), "us-open-path.md": OPEN_PATH})
    page = entry_page(site, "us-open-path")
    paired = page.split("## Always shown with\n", 1)[1].split("## Checked", 1)[0]
    assert "[988 Suicide &amp; Crisis Lifeline](us-988-lifeline.md) (The Lifeline)" in paired
    assert 'data-pair="us-open-path" data-entry="us-988-lifeline"' in paired
    assert "24/7" not in paired and "Mon–Fri 09:00–17:00" in paired


def test_lists_on_the_entry_page_are_separated_by_a_comma_and_a_space(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"gb-samaritans.md": fixture_files()["gb-samaritans.md"]})
    page = entry_page(site, "gb-samaritans")
    assert "[Crisis](../../tags/crisis.md), [Support lines](../../tags/support-lines.md)" in page
    assert "[United Kingdom](../countries/gb.md), [Ireland](../countries/ie.md)" in page


HOSTILE = "Help ](javascript:alert(1)) [x](javascript:alert(1)) *now* _now_ `code` { onclick=alert(1) } > # | \\"


def test_hostile_text_in_an_entry_is_shown_as_plain_text(tmp_path: Path) -> None:
    meta = full_entry() | {
        "name": HOSTILE, "english_name": HOSTILE, "who_answers": HOSTILE, "what_to_expect": HOSTILE,
        "source_note": HOSTILE,
        "contacts": [{"type": "phone", "value": "988", "note": HOSTILE},
                     {"type": "email", "value": "help+urgent@example.org", "note": HOSTILE}],
        "access": [{"type": "interpreters", "note": HOSTILE}],
        "hours": HOSTILE,
    }
    site = make_site(tmp_path, {"us-988-lifeline.md": meta, "us-open-path.md": OPEN_PATH})
    assert site.problems == ()
    page = entry_page(site, "us-988-lifeline", repo_url="https://github.com/o/r")
    markup = to_html(page)
    assert list(html_safety.read_html(markup).findings) == []
    assert "onclick=" not in re.sub(r">[^<]*<", "><", markup)  # in no tag, only in text
    assert 'href="javascript' not in markup.lower() and "<code>" not in markup and "<em>now" not in markup
    shown = html.escape(HOSTILE, quote=False)
    assert re.search(r"<h1 id=\"[^\"]*\">" + re.escape(shown) + "<a class=\"headerlink\"", markup)
    assert markup.count(shown) >= 8  # name, English name, each note, who answers, what to expect, hours, source
    assert '<a href="mailto:help+urgent@example.org">Email help+urgent@example.org</a>' in markup
    assert "title=Help%20%5D%28javascript%3Aalert%281%29%29" in page  # the report link's title is encoded
    # every page that shows the entry (its own, the cards of its partner, country, kind and home pages)
    assert pages.check_rendered_pages(site, markdown_html.for_config(ROOT / "mkdocs.yml")) == []
    listing = to_html(directory_pages.all_services_markdown(site))
    assert f'<a href="entries/us-988-lifeline.md">{shown}</a> ({shown})' in listing


def test_html_in_an_entrys_fields_is_refused(tmp_path: Path) -> None:
    meta = changed(name="<img src=x onerror=alert(1)>Lifeline",
                   contacts=[{"type": "phone", "value": "988", "note": "<script>alert(1)</script>"}])
    site = make_site(tmp_path, {"us-988-lifeline.md": meta})
    written = site.document_at("directory/entries/us-988-lifeline.md")
    # by the model, or by the check every page's front matter gets: either way, named field by field
    found = {(p.field, p.message) for p in [*site.problems, *pages.check_front_matter_text(written, site)]}
    assert found == {("name", "contains HTML"), ("contacts[1].note", "contains HTML")}
    if site.entry_named("us-988-lifeline") is not None:  # and never rendered as HTML
        markup = to_html(entry_page(site, "us-988-lifeline"))
        assert "<img" not in markup and "<script" not in markup


def test_javascript_links_in_the_description_are_refused_once(tmp_path: Path) -> None:
    body = "Read [more](JaVa&#x09;Script:alert(1)).\n"
    site = make_site(tmp_path, {"us-988-lifeline.md": entry_text(LIFELINE, body)})
    item = site.entry_named("us-988-lifeline")
    assert site.problems == ()  # the entry is valid: the check every page gets covers descriptions too
    problems = checks.check_site(site, markdown_html.for_config(ROOT / "mkdocs.yml"))
    assert [(p.path, p.line, p.field) for p in problems] == [(ENTRY_PATH, item.document.body_line, "html")]
    assert "'javascript:' address is not allowed" in problems[0].message


def test_a_small_site_passes_every_check(snapshot: Site) -> None:
    assert checks.check_site(snapshot, markdown_html.for_config(ROOT / "mkdocs.yml")) == []


def test_a_country_page_lists_emergency_numbers_lines_then_international(snapshot: Site) -> None:
    page = directory_pages.country_page_markdown(snapshot, "GB")
    assert page.index("## Crisis lines") < page.index("[Samaritans](../entries/gb-samaritans.md)") < \
        page.index("## International") < page.index("[Find A Helpline](../entries/intl-find-a-helpline.md)")
    assert "Crisis Text Line" not in page and "## In an emergency" not in page
    assert snapshot.countries == ["IE", "GB", "US"]  # by English name
    built = compose.generated_markdown(snapshot, snapshot.generated["directory/countries/gb.md"])
    assert page.split("# United Kingdom\n")[1].strip() in built  # with its review dates around it


def test_a_country_page_groups_lines_by_who_they_are_for(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "us-988-lifeline.md": LIFELINE,
        "us-emergency-services.md": changed(name="Emergency services (United States)",
                                            contacts=[{"type": "phone", "value": "911"}]),
        "us-veterans.md": changed(name="Veterans line", audiences=["veterans", "partners-and-family"],
                                  contacts=[{"type": "phone", "value": "800-273-8255"}]),
        "us-women.md": changed(name="Women's line", kind="support-line", audiences=["women"],
                               contacts=[{"type": "phone", "value": "800-799-7233"}]),
        "us-open-path.md": OPEN_PATH,
    })
    page = directory_pages.country_page_markdown(site, "US")
    headings = re.findall(r"^## (.*)$", page, re.M)
    assert headings == ["In an emergency", "Crisis lines", "Lines for women", "Lines for veterans and service members",
                        "Lines for partners, family and friends", "Ways to find a therapist",
                        "Worried about someone? { #worried-about-someone }"]
    worried = page.split("## Worried about someone?", 1)[1]
    assert "- [Veterans line](../entries/us-veterans.md)" in worried and "Lifeline" not in worried


def test_the_home_lists_every_country_in_a_line(snapshot: Site) -> None:
    home = directory_pages.fill_markers(f"# Directory\n\n{directory_pages.COUNTRIES_MARKER}\n", snapshot,
                                        directory_pages.HOME_PAGE)
    assert ("**[United States](countries/us.md)** · Crisis Text Line [Text HOME to 741741](sms:741741?&body=HOME) · "
            "[every service](countries/us.md)\n") in home
    assert ("**[Ireland](countries/ie.md)** · Samaritans [116 123](tel:116123) · [every service](countries/ie.md)"
            in home)
    assert "**Anywhere else**: [Find A Helpline](entries/intl-find-a-helpline.md)" in home
    assert home.index('data-country="ie"') < home.index('data-country="gb"') < home.index("**Anywhere else**")
    assert "<!-- directory:" not in home and '<div class="dir-entry"' not in home
    assert directory_pages.home_countries_markdown(snapshot) in home


def test_the_homes_filters_lead_to_every_service_and_offer_what_is_listed(snapshot: Site) -> None:
    home = directory_pages.fill_markers(f"# Directory\n\n{directory_pages.FINDER_MARKER}\n", snapshot,
                                        directory_pages.HOME_PAGE)
    assert '<div class="dir-filters dir-find" role="search"' in home and " hidden markdown>" in home
    assert "[Show the services that match](all.md){ .md-button .dir-find__go }" in home  # MkDocs checks the link
    options = dict(re.findall(r'<select id="dir-filter-([a-z]+)" name="\1">(.*?)</select>', home))
    assert set(options) == {"country", "audience", "kind", "tag", "language", "contact"}
    assert re.findall(r'<option value="([a-z]+)"', options["country"]) == ["ie", "gb", "us"]
    assert "data-zones" not in home[home.index("dir-find"):home.index("dir-find__go")]  # its list of countries has them
    assert 'name="open-now"' in home and 'name="free"' in home
    elsewhere = directory_pages.fill_markers(f"# Page\n\n{directory_pages.FINDER_MARKER}\n", snapshot, "guide/x.md")
    assert "dir-find" not in elsewhere


def test_the_all_services_page_has_every_entry_with_its_filter_data(snapshot: Site) -> None:
    page = snapshot.generated[directory.ALL_SERVICES_PAGE]
    assert (page.path, page.title) == ("directory/all.md", "All services")
    listing = compose.generated_markdown(snapshot, page)
    assert directory_pages.all_services_markdown(snapshot).split("\n# All services\n")[1].strip() in listing
    assert listing.count('<div class="dir-entry" ') == len(snapshot.entries) == 3
    assert ('data-countries="us" data-kind="crisis-line" data-tags="crisis" data-contacts="text" '
            'data-audiences="everyone" data-languages="en" data-always-open="true" data-free="true" '
            'data-entry="us-crisis-text-line"') in listing
    assert 'data-countries="gb ie" data-kind="crisis-line"' in listing
    assert 'data-countries="international" data-kind="organisation"' in listing
    assert "[Crisis Text Line](entries/us-crisis-text-line.md)" in listing
    assert listing.index("## [Crisis lines](kinds/crisis-line.md)") < listing.index("[Samaritans]") \
        < listing.index("## [Organisations](kinds/organisation.md)") < listing.index("[Find A Helpline]")
    assert '<div class="dir-filters" ' in listing and 'id="dir-filter-country"' in listing


def test_the_home_shows_each_countrys_emergency_numbers_and_a_crisis_line_for_everyone(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "us-emergency-services.md": changed(name="Emergency services (United States)",
                                            contacts=[{"type": "phone", "value": "911"}]),
        "us-a-veterans-line.md": changed(name="A veterans line", audiences=["veterans"],
                                         contacts=[{"type": "phone", "value": "800-273-8255"}]),
        "us-988-lifeline.md": LIFELINE,
    })
    row = directory_pages.home_countries_markdown(site).split('data-country="us"', 1)[1].split("</section>", 1)[0]
    assert ("**[United States](countries/us.md)**: emergency [911](tel:911) · 988 Suicide &amp; Crisis Lifeline "
            "[988](tel:988), [Text HOME to 741741](sms:741741?&body=HOME) · [every service](countries/us.md)") in row
    assert "veterans" not in row  # a line for everyone first, even where another sorts before it


def test_the_filters_offer_only_what_is_listed(snapshot: Site) -> None:
    def choices(entries, **options) -> dict[str, list[str]]:
        return {name: [value for value, _, _ in listed]
                for name, _, _, listed in directory_pages.filter_choices(snapshot, entries, **options)}

    everything = choices(snapshot.entries)
    assert everything["country"] == ["ie", "gb", "us"]
    assert everything["kind"] == ["crisis-line", "organisation"]
    assert everything["audience"] == []  # 'everyone' is what "Anyone" means
    assert everything["contact"] == ["phone", "text"]
    assert everything["language"] == ["en"]
    countries = directory_pages.filter_choices(snapshot, snapshot.entries)[0]
    zones = {value: zones for value, _, zones in countries[3]}
    assert "Europe/London" in zones["gb"].split() and "Europe/Dublin" in zones["ie"].split()
    british = [item for item in snapshot.entries if "GB" in item.entry.countries]
    assert choices(british, by_country=False) == {"audience": [], "kind": ["crisis-line"],
                                                  "tag": ["crisis", "support-lines"], "language": ["en"],
                                                  "contact": ["phone"]}
    page = directory_pages.country_page_markdown(snapshot, "GB")
    assert '<div class="dir-filters" ' in page and 'id="dir-filter-country"' not in page


def test_a_card_carries_a_schedule_for_open_now(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"us-988-lifeline.md": full_entry(), "us-open-path.md": OPEN_PATH})
    listing = directory_pages.all_services_markdown(site)
    card = listing.split('data-entry="us-988-lifeline"', 1)[0].rsplit('<div class="dir-entry" ', 1)[1]
    assert 'data-always-open="false"' in card and 'data-hours="{&quot;zone&quot;:&quot;America/New_York' in card
    assert 'data-audiences="everyone veterans"' in card and 'data-contacts="phone text chat relay"' in card
    assert 'data-pair="us-open-path"' in card


def test_each_kind_page_lists_its_entries_by_country(snapshot: Site) -> None:
    intros = compose.kind_intros()
    assert set(intros) == set(directory.KIND_HEADINGS)
    page = directory_pages.kind_page_markdown(snapshot, "crisis-line", intros["crisis-line"])
    assert page.index("## [Ireland](../countries/ie.md)") < page.index("## [United Kingdom](../countries/gb.md)") \
        < page.index("## [United States](../countries/us.md)") < page.index("[Crisis Text Line]")
    assert "Find A Helpline" not in page
    empty = directory_pages.kind_page_markdown(snapshot, "self-help", intros["self-help"])
    assert "Nothing of this kind is listed yet." in empty
