"""Page checks: the review fields every source page needs, and, read from the HTML each page becomes,
nothing that could run, load or redirect, and internal links that lead to a page and a heading."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

from . import compose, directory, html_safety, urls
from .frontmatter import Document
from .problems import Problem, did_you_mean
from .review import as_date
from .site import Site
from .text import ANY_TAG

REVIEW_FIELDS = {
    "title": "add 'title: …' with the page's heading, e.g. 'title: Finding a therapist'",
    "description": "add 'description: …' with one sentence saying what the page covers (search engines show it)",
}
LAST_REVIEWED_FIX = "write the date the page was last checked as YYYY-MM-DD, e.g. 'last_reviewed: 2026-11-23'"
# The latest calendar date anywhere on Earth (UTC+14): a contributor's "today" is never in the future.
LATEST_TIMEZONE = timezone(timedelta(hours=14))

Complaint = tuple[str, str]  # what is wrong, and how to fix it


def latest_today() -> date:
    return datetime.now(LATEST_TIMEZONE).date()


# --- Review fields -------------------------------------------------------------------------------


def check_review_fields(document: Document, site: Site) -> list[Problem]:
    """Every source page has a title, a description and the date it was last reviewed."""
    if not document.readable or directory.is_entry(document):
        return []  # unreadable YAML is reported once already; entries have their own fields
    problems = []
    for name, fix in REVIEW_FIELDS.items():
        value = document.meta.get(name)
        if value is None:
            problems.append(Problem(document.path, document.line_of(name), name, "is missing", fix))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(document.path, document.line_of(name), name, "must be a line of text", fix))
    return problems + _check_dates(document)


def _check_dates(document: Document) -> list[Problem]:
    line = document.line_of("last_reviewed")
    if "last_reviewed" not in document.meta:
        return [Problem(document.path, line, "last_reviewed", "is missing", LAST_REVIEWED_FIX)]
    reviewed = as_date(document.meta["last_reviewed"])
    if reviewed is None:
        return [Problem(document.path, line, "last_reviewed",
                        f"'{document.meta['last_reviewed']}' is not a date", LAST_REVIEWED_FIX)]
    if reviewed > latest_today():
        return [Problem(document.path, line, "last_reviewed", f"{reviewed.isoformat()} is in the future",
                        "give the date the page was actually reviewed, today or earlier")]
    if "review_by" in document.meta:
        due = as_date(document.meta["review_by"])
        fix = "write the date the page should next be checked by, as YYYY-MM-DD, after last_reviewed"
        if due is None or due <= reviewed:
            shown = document.meta["review_by"]
            message = f"'{shown}' is not a date" if due is None else f"{due.isoformat()} is not after last_reviewed"
            return [Problem(document.path, document.line_of("review_by"), "review_by", message, fix)]
    return []


# --- Front matter is text --------------------------------------------------------------------------


def check_front_matter_text(document: Document, site: Site) -> list[Problem]:
    """Front matter is shown as plain text: HTML in it is a mistake, or an attempt."""
    problems = []
    for name, value in document.meta.items():
        for field, text in _strings(value, str(name)):
            if ANY_TAG.search(text):
                problems.append(Problem(document.path, document.line_of(str(name)), field, "contains HTML",
                                        "write plain text here, without <tags>: front matter cannot hold HTML"))
    return problems


def _strings(value: Any, field: str) -> Iterator[tuple[str, str]]:
    """Every text value in a front matter field, with a name like 'contacts[2].note'."""
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{field}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _strings(item, f"{field}[{index}]")


# --- What the browser gets ----------------------------------------------------------------------


def check_rendered_pages(site: Site, to_html: Callable[[str], str]) -> list[Problem]:
    """Render every page, source and generated, as the build does; walk the HTML for anything that
    could run, load or redirect; then check every internal link and anchor against what the pages
    really define (the ids Python-Markdown's toc and the page itself give)."""
    readings: dict[str, html_safety.Reading] = {}
    problems: list[Problem] = []
    for path in sorted(site.page_paths):
        reading = html_safety.read_html(to_html(compose.source_markdown(site, path)))
        readings[path] = reading
        problems += html_problems(site, path, reading)
    for path, reading in readings.items():
        document = site.document_at(path)
        for target in reading.links:
            complaint = _link_problem(target, path, readings)
            if complaint:
                problems.append(Problem(*_where(site, path, document, target), "link", *complaint))
    return problems


def html_problems(site: Site, path: str, reading: html_safety.Reading) -> list[Problem]:
    """What the walk of one page's HTML found, as problems in the file (and line) they come from."""
    document = site.document_at(path)
    return [Problem(*_where(site, path, document, finding.needle), "html", finding.message, finding.fix)
            for finding in reading.findings]


def check_page_html(site: Site, path: str, html: str) -> list[Problem]:
    """The walk of a page's HTML as the build rendered it (page content only: the theme is ours)."""
    return html_problems(site, path, html_safety.read_html(html))


def _where(site: Site, path: str, document: Document | None, needle: str) -> tuple[str, int]:
    """The file and line a finding comes from: the line of the source that holds `needle`."""
    if document is None:
        return f"docs/{path} (generated)", 1
    text = document.body
    needle = urls.as_browser_reads(needle).lower()
    for number, line in enumerate(text.splitlines(), start=document.body_line):
        if needle in line.lower() or needle in urls.as_browser_reads(html.unescape(line)).lower():
            return document.path, number
    item = site.entry_at(path)
    if item is not None:  # from a field of the entry
        return document.path, 1
    return document.path, document.body_line


def _link_problem(target: str, page: str, readings: dict[str, html_safety.Reading]) -> Complaint | None:
    if urls.scheme(target) is not None or urls.leaves_site(target):
        return None  # other hosts: the HTML walk has judged the scheme already
    address, _, anchor = target.partition("#")
    address = address.split("?", 1)[0]
    folder = posixpath.dirname(page)
    if target.startswith("/"):
        return f"'{target}' starts with '/'", "write the link relative to this file, e.g. '../guide/index.md'"
    if not address:
        return _anchor_problem(anchor, page, readings, "this page")
    resolved = posixpath.normpath(posixpath.join(folder, address))
    if not address.endswith(".md"):
        as_file = next((c for c in (f"{resolved.rstrip('/')}/index.md", f"{resolved.rstrip('/')}.md")
                        if c in readings), None)
        if as_file is None:
            return None  # images and other files: the build checks those
        return (f"'{target}' links to a web address, not to a page file",
                f"link to the Markdown file instead: '{posixpath.relpath(as_file, folder or '.')}'")
    if resolved not in readings:
        choices = sorted(posixpath.relpath(other, folder or ".") for other in readings)
        return (f"'{address}' is not a page on this site",
                did_you_mean(address, choices) + " Links are relative to the folder of this file.")
    return _anchor_problem(anchor, resolved, readings, f"'{address}'")


def _anchor_problem(anchor: str, page: str, readings: dict[str, html_safety.Reading], shown: str) -> Complaint | None:
    ids = readings[page].ids
    if not anchor or anchor in ids or page.startswith("tags/"):  # tag pages: Material adds the listing
        return None
    return (f"'#{anchor}' is not a heading on {shown}",
            did_you_mean(anchor, ids) + " Anchors are headings in lowercase, with hyphens.")
