"""The directory as open data: the files follow their published schema, say what the pages say, and
each entry's page carries schema.org JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from content import directory_pages, open_data

from conftest import ROOT, real_site

SITE = real_site()
SITE_URL = "https://healing-in-connection.github.io/healing-in-connection/"
FILES = open_data.files(SITE, SITE_URL)
SCHEMA = json.loads((ROOT / "docs" / open_data.SCHEMA_FILE).read_text(encoding="utf-8"))


def test_every_file_follows_the_published_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for path, text in FILES.items():
        found = validator.iter_errors(json.loads(text))
        errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found]
        assert errors == [], path


def test_the_schema_version_is_the_one_the_files_name() -> None:
    assert SCHEMA["version"] == open_data.SCHEMA_VERSION and SCHEMA["$id"] == SITE_URL + open_data.SCHEMA_FILE
    assert json.loads(FILES[open_data.ALL_FILE])["schema_version"] == open_data.SCHEMA_VERSION


def test_there_is_a_file_for_every_country_and_every_entry_is_in_the_whole_file() -> None:
    everything = json.loads(FILES[open_data.ALL_FILE])["entries"]
    assert {record["id"] for record in everything} == {item.slug for item in SITE.entries}
    assert set(FILES) == {open_data.ALL_FILE, *map(open_data.country_file, SITE.countries)}
    ireland = json.loads(FILES[open_data.country_file("IE")])
    assert ireland["country"] == "IE"
    assert all("IE" in r["countries"] or r["countries"] == ["international"] for r in ireland["entries"])


def test_each_record_says_what_the_entry_page_says() -> None:
    records = {r["id"]: r for r in json.loads(FILES[open_data.ALL_FILE])["entries"]}
    for item in SITE.entries:
        record, entry = records[item.slug], item.entry
        assert (record["name"], record["source"], record["last_verified"]) == (
            entry.name, entry.source, entry.last_verified.isoformat())
        assert [c["link"] for c in record["contacts"]] == [
            directory_pages.contact_link(c, entry.country_codes).target for c in entry.contacts]
        assert record["page"] == SITE_URL + item.path.removesuffix(".md") + "/"


def test_json_ld_cannot_end_its_script_element() -> None:
    item = SITE.entries[0]
    hostile = item.document.__class__(item.document.path, item.document.meta, "</script><script>alert(1)</script>")
    text = open_data.json_ld(item.__class__(item.path, hostile, item.entry, item.tags), SITE_URL)
    assert "<" not in text and ">" not in text
    assert json.loads(text)["description"] == "</script><script>alert(1)</script>"


@pytest.mark.slow
def test_the_built_site_publishes_the_files_and_the_json_ld(built_site: Path) -> None:
    published = json.loads((built_site / open_data.ALL_FILE).read_text(encoding="utf-8"))
    assert len(published["entries"]) == len(SITE.entries)
    assert (built_site / open_data.SCHEMA_FILE).exists()
    page = (built_site / "directory/entries/gb-samaritans/index.html").read_text(encoding="utf-8")
    (found,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(found)
    assert data["@type"] == "Organization" and data["name"] == "Samaritans"
    assert data["contactPoint"][0]["@type"] == "ContactPoint"
    assert data["contactPoint"][0]["hoursAvailable"][0]["@type"] == "OpeningHoursSpecification"
