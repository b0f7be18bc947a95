"""The directory as open data: every entry as JSON, all together and per country, and schema.org
JSON-LD for each entry's page. Built from the snapshot, so the data and the pages cannot differ.
The JSON Schema the files follow is docs/data/directory.schema.json (its `$id` carries the version)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from . import directory, directory_pages, review, urls
from .directory import Entry
from .hours import MINUTES_IN_DAY
from .site import Listed, Site

SCHEMA_VERSION = "1.0.0"
SCHEMA_FILE = "data/directory.schema.json"
ALL_FILE = "data/directory.json"
LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def country_file(code: str) -> str:
    return f"data/countries/{code.lower()}.json"


def page_address(site_url: str, path: str) -> str:
    return urljoin(site_url, urls.page_url(path))


def _hours(entry: Entry) -> dict[str, Any] | None:
    if entry.hours is None:
        return None
    hours: dict[str, Any] = {"text": entry.hours_text, "always_open": entry.always_open}
    if entry.schedule is not None:
        hours["schedule"] = {"lines": entry.schedule.schedule, "time_zone": entry.schedule.time_zone,
                             "note": entry.schedule.note}
    return hours


def entry_record(item: Listed, site_url: str) -> dict[str, Any]:
    """One entry, every field, as the pages show it, with the address of its page."""
    entry = item.entry
    regions = entry.country_codes
    contacts = []
    for contact in entry.contacts:
        link = directory_pages.contact_link(contact, regions)
        contacts.append({"type": contact.type, "value": contact.value, "link": link.target,
                         "keyword": contact.keyword, "note": contact.note})
    return {
        "id": item.slug,
        "name": entry.name,
        "english_name": entry.english_name,
        "kind": entry.kind,
        "countries": entry.countries,
        "audiences": entry.audiences,
        "topics": [tag.label for tag in item.tags],
        "contacts": contacts,
        "access": [way.model_dump() for way in entry.access],
        "hours": _hours(entry),
        "cost": entry.cost,
        "languages": entry.languages,
        "who_answers": entry.who_answers,
        "what_to_expect": entry.what_to_expect,
        "paired_with": entry.paired_with,
        "description": " ".join(item.description.split()),
        "website": entry.website,
        "source": entry.source,
        "source_kind": entry.source_kind,
        "source_note": entry.source_note,
        "last_verified": entry.last_verified.isoformat(),
        "review_by": review.entry_review(entry).due.isoformat(),
        "page": page_address(site_url, item.path),
    }


def dataset(site: Site, site_url: str, items: list[Listed], country: str | None = None) -> dict[str, Any]:
    return {
        "$schema": urljoin(site_url, SCHEMA_FILE),
        "schema_version": SCHEMA_VERSION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": "Healing in Connection directory",
        "generated": site.today.isoformat(),
        "country": country,
        "entries": [entry_record(item, site_url) for item in sorted(items, key=lambda i: i.sort_key)],
    }


def files(site: Site, site_url: str) -> dict[str, str]:
    """Every open-data file the build writes, by its path in the site."""
    written = {ALL_FILE: dataset(site, site_url, list(site.entries))}
    for code in site.countries:
        local = site.serving(code)
        written[country_file(code)] = dataset(site, site_url, local, code)
    return {path: json.dumps(data, ensure_ascii=False, indent=1) + "\n" for path, data in written.items()}


def _opening_hours(entry: Entry) -> list[dict[str, str]]:
    if entry.always_open:
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(SCHEMA_DAYS),
                 "opens": "00:00", "closes": "23:59"}]
    if entry.schedule is None:
        return []
    specs = []
    for span in entry.schedule.spans:
        day, start = divmod(span.start, MINUTES_IN_DAY)
        end = (span.end - day * MINUTES_IN_DAY) % MINUTES_IN_DAY
        specs.append({"@type": "OpeningHoursSpecification", "dayOfWeek": SCHEMA_DAYS[day % 7],
                      "opens": f"{start // 60:02d}:{start % 60:02d}",
                      "closes": "23:59" if end == 0 else f"{end // 60:02d}:{end % 60:02d}"})
    return specs


def json_ld(item: Listed, site_url: str) -> str:
    """schema.org markup for an entry's page: the service and how to reach it, safe inside <script>."""
    entry = item.entry
    points = []
    for contact in entry.contacts:
        if contact.type not in ("phone", "email"):
            continue
        point: dict[str, Any] = {"@type": "ContactPoint", "contactType": directory.KIND_NAMES[entry.kind],
                                 "areaServed": entry.country_codes or "Worldwide"}
        point["telephone" if contact.type == "phone" else "email"] = contact.value
        if entry.languages:
            point["availableLanguage"] = [directory.language_name(code) for code in entry.languages]
        if hours := _opening_hours(entry):
            point["hoursAvailable"] = hours
        points.append(point)
    data = {"@context": "https://schema.org", "@type": "Organization", "name": entry.name,
            "url": entry.website or page_address(site_url, item.path), "contactPoint": points,
            "description": " ".join(item.description.split())}
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

