"""Bigger copies of the site, for measuring how the build scales: more directory entries, more tags.

Every synthetic entry is a real entry cloned under a new name and file name, with new phone numbers
that are valid in its country and unique, so that the copy passes the same checks as the real site.
Everything is written into a folder the caller gives, never into the project's docs/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import yaml
from content import directory, frontmatter
from content.site import VOCABULARY_FILE, load_site, page_path

# What a build reads; the rest of the project (tests, caches, the built site) is left out.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "data", "overrides")
# The region whose numbers international services get: any region with a numbering plan would do.
INTERNATIONAL_NUMBERS_REGION = "GB"
CHANGED_DIGITS = 4  # the last digits of an example number that vary from one clone to the next


def copy_project(source: Path, destination: Path) -> Path:
    """A copy of everything a build of `source` reads."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / name, destination / name)
    return destination


class NumberSource:
    """Valid, unused phone numbers, region by region, written in international format."""

    def __init__(self, used: set[str]) -> None:
        self.used = set(used)  # as dialled ('+E.164' or short digits)
        self.candidates: dict[str, Iterator[str]] = {}

    def _candidates(self, region: str) -> Iterator[str]:
        example = (phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE)
                   or phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE))
        national = phonenumbers.national_significant_number(example)
        stem = national[:-CHANGED_DIGITS]
        for ending in range(10 ** CHANGED_DIGITS):
            number = phonenumbers.parse(f"+{example.country_code}{stem}{ending:0{CHANGED_DIGITS}d}")
            if phonenumbers.is_valid_number_for_region(number, region):
                yield phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def take(self, regions: list[str]) -> str:
        region = regions[0] if regions else INTERNATIONAL_NUMBERS_REGION
        candidates = self.candidates.setdefault(region, self._candidates(region))
        for written in candidates:
            dialled = directory.dial_string(written, regions)
            if dialled is not None and dialled not in self.used:
                self.used.add(dialled)
                return written
        raise ValueError(f"no unused example numbers left for {region}")


def extra_tags(count: int) -> list[dict[str, str]]:
    """`count` new topics for the vocabulary file."""
    return [{"slug": f"synthetic-topic-{number}", "label": f"Synthetic topic {number}",
             "description": f"Topic number {number}, added to measure how the build scales with many topics."}
            for number in range(1, count + 1)]


def _entry_text(meta: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{front}---\n{body}"


def _clone(meta: dict[str, Any], entry: directory.Entry, copy: int, topic: str | None,
           numbers: NumberSource) -> dict[str, Any]:
    clone = {**meta, "name": f"{entry.name} (copy {copy})"}
    clone["tags"] = [*meta["tags"], topic] if topic else list(meta["tags"])
    clone["contacts"] = [
        {**contact, "value": numbers.take(entry.country_codes)} if contact["type"] in directory.DIALLED_CONTACTS
        else contact
        for contact in meta.get("contacts", [])
    ]
    if not clone["contacts"]:
        del clone["contacts"]
    return clone


def make_synthetic_site(source: Path, destination: Path, *, entry_factor: int, tag_factor: int,
                        today: date | None = None) -> Path:
    """Copy the project at `source` into `destination` with `entry_factor` times its valid directory
    entries and `tag_factor` times its topics; every new topic is carried by some of the new entries."""
    today = today or date.today()
    project = copy_project(source, destination)
    site = load_site(project, project / "docs", today=today)
    entries = [(item.document, item.entry) for item in site.entries]
    numbers = NumberSource({dialled for _, entry in entries for dialled in entry.dial_strings()})

    new_tags = extra_tags(len(site.vocabulary.tags) * (tag_factor - 1))
    if new_tags:
        vocabulary = project / VOCABULARY_FILE
        vocabulary.write_text(vocabulary.read_text(encoding="utf-8").rstrip() + "\n\n"
                              + yaml.safe_dump(new_tags, sort_keys=False), encoding="utf-8")

    folder = project / "docs" / directory.ENTRIES_FOLDER
    clone_number = 0
    for copy in range(1, entry_factor):
        for document, entry in entries:
            # Read again for the front matter exactly as written (the model has resolved it).
            source_document, _ = frontmatter.read(project / "docs" / page_path(document), project / "docs")
            topic = new_tags[clone_number % len(new_tags)]["label"] if new_tags else None
            clone = _clone(source_document.meta, entry, copy, topic, numbers)
            stem = re.sub(r"\.md$", "", Path(document.path).name)
            (folder / f"{stem}-copy-{copy}.md").write_text(_entry_text(clone, source_document.body),
                                                           encoding="utf-8")
            clone_number += 1
    return project
