"""Page checks: the review fields every source page needs, internal links that lead somewhere, and
no HTML that could run script, in the text or in front matter."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify, unique

from . import directory, directory_pages, references, tags
from .frontmatter import Document
from .problems import Problem, did_you_mean

if TYPE_CHECKING:
    from .check import Site

REVIEW_FIELDS = {
    "title": "add 'title: …' with the page's heading, e.g. 'title: Finding a therapist'",
    "description": "add 'description: …' with one sentence saying what the page covers (search engines show it)",
}
LAST_REVIEWED_FIX = "write the date the page was last checked as YYYY-MM-DD, e.g. 'last_reviewed: 2026-11-23'"

# The latest calendar date anywhere on Earth (UTC+14): a contributor's "today" is never in the future.
LATEST_TIMEZONE = timezone(timedelta(hours=14))

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]^]+\]:\s*<?([^\s>]+)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_LIST_ID = re.compile(r"\{[^}]*#([\w:.-]+)[^}]*\}")
HTML_ID = re.compile(r"\bid\s*=\s*[\"']([^\"']+)[\"']", re.I)
FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^([^\]]+)\]:")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

# Elements that run or embed active content, or redirect forms and links away from the site.
SCRIPT_ELEMENT = re.compile(r"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|base|form)\b", re.I)
# on…= inside an HTML tag, or inside an attribute list such as `{ onclick="…" }`.
EVENT_HANDLER = re.compile(r"(?:<[a-z][^>]*|\{[^}]*)\s(on[a-z]+)\s*=", re.I)
# A script URL where a link or attribute starts: after '(', '<', '=', a quote or 'href:'.
SCRIPT_URL = re.compile(r"(?:[(<=\"']|\]:)\s*((?:java|vb)\s*script\s*:|data\s*:\s*text/html)", re.I)
ANY_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9-]*(?:[\s/>]|$)", re.I)

Complaint = tuple[str, str]  # what is wrong, and how to fix it


# --- Review fields -------------------------------------------------------------------------------


def review_date(value: object) -> date | None:
    """The date a `last_reviewed` value means, or None if it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def latest_today() -> date:
    return datetime.now(LATEST_TIMEZONE).date()


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
    return problems + _check_last_reviewed(document)


def _check_last_reviewed(document: Document) -> list[Problem]:
    line = document.line_of("last_reviewed")
    if "last_reviewed" not in document.meta:
        return [Problem(document.path, line, "last_reviewed", "is missing", LAST_REVIEWED_FIX)]
    reviewed = review_date(document.meta["last_reviewed"])
    if reviewed is None:
        return [Problem(document.path, line, "last_reviewed",
                        f"'{document.meta['last_reviewed']}' is not a date", LAST_REVIEWED_FIX)]
    if reviewed > latest_today():
        return [Problem(document.path, line, "last_reviewed", f"{reviewed.isoformat()} is in the future",
                        "give the date the page was actually reviewed, today or earlier")]
    return []


# --- Internal links ------------------------------------------------------------------------------


def lines_outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """Each line outside fenced code blocks, with its number counted from 1."""
    fence = ""
    for number, line in enumerate(markdown.splitlines(), start=1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        yield number, line


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """Each line outside code, with inline code removed: what the reader's browser would interpret."""
    for number, line in lines_outside_fences(markdown):
        yield number, INLINE_CODE.sub("", line)


def anchors(markdown: str) -> set[str]:
    """The ids a page's headings, attribute lists, HTML, footnotes and citations give it."""
    found: set[str] = set()
    headings: set[str] = set()  # toc's unique() adds each id and suffixes repeats with _1, _2…
    for _, line in lines_outside_fences(markdown):  # inline code in a heading is part of its id
        heading = HEADING.match(line)
        explicit = ATTR_LIST_ID.findall(line) + HTML_ID.findall(line)
        if heading and not ATTR_LIST_ID.search(heading.group(2)):
            unique(slugify(_heading_text(heading.group(2)), "-"), headings)
        found.update(explicit)
        footnote = FOOTNOTE_DEFINITION.match(line)
        if footnote:
            found.update({f"fn:{footnote.group(1)}", f"fnref:{footnote.group(1)}"})
    cited = {key for key, _ in references.cited_keys(markdown)}
    if cited:
        found.update({"references", *(f"ref-{key}" for key in cited)})
    return found | headings


def _heading_text(text: str) -> str:
    """Heading Markdown reduced to the text its id is made from."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", text)
    return html.unescape(text.replace("`", ""))


def generated_pages(site: Site) -> set[str]:
    """Paths of the pages the build generates: a page per topic, per country served and per kind."""
    entries = [entry for _, entry in directory.read_entries(site.documents, date.today())]
    countries = {code for entry in entries for code in entry.country_codes}
    return {
        tags.index_page_path(), *map(tags.tag_page_path, site.vocabulary.tags),
        *map(directory.country_page_path, countries), *map(directory.kind_page_path, directory.KIND_HEADINGS),
    }


def check_links(site: Site) -> list[Problem]:
    """Every relative link to a page leads to a source or generated page, and to a heading on it."""
    pages = {directory.source_path(document): document for document in site.documents}
    generated = generated_pages(site)
    # The directory's hook rewrites its home page and each entry's page, so their headings are known
    # only in the build (which checks links to them too); elsewhere every anchor is checked here.
    page_anchors = {path: anchors(document.body) for path, document in pages.items()
                    if path != directory_pages.HOME_PAGE and not directory.is_entry(document)}
    known = set(pages) | generated
    problems = []
    for path, document in pages.items():
        for line, target in links(document.body):
            problem = _link_problem(target, path, known, page_anchors)
            if problem:
                message, fix = problem
                problems.append(Problem(document.path, document.body_line + line - 1, "link", message, fix))
    return problems


def links(markdown: str) -> Iterator[tuple[int, str]]:
    """Each Markdown link or image target in the text, with its line."""
    for number, line in prose_lines(markdown):
        for match in INLINE_LINK.finditer(line):
            yield number, match.group(1)
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            yield number, definition.group(1)


def _link_problem(target: str, page: str, known: set[str], page_anchors: dict[str, set[str]]) -> Complaint | None:
    if target.lower().startswith("http://"):
        return f"'{target}' is not secure", "use the https:// address of the same page"
    if not target or SCHEME.match(target):
        return None  # https:, mailto:, tel: and script URLs (refused by check_unsafe_html)
    address, _, anchor = target.partition("#")
    address = address.split("?", 1)[0]
    folder = posixpath.dirname(page)
    if target.startswith("/"):
        return f"'{target}' starts with '/'", "write the link relative to this file, e.g. '../guide/index.md'"
    if not address:
        return _anchor_problem(anchor, page, page_anchors)
    resolved = posixpath.normpath(posixpath.join(folder, address))
    if not address.endswith(".md"):
        as_file = next((c for c in (f"{resolved.rstrip('/')}/index.md", f"{resolved.rstrip('/')}.md") if c in known),
                       None)
        if as_file is None:
            return None  # images and other files: the build checks those
        suggestion = posixpath.relpath(as_file, folder or ".")
        return (f"'{target}' links to a web address, not to a page file",
                f"link to the Markdown file instead: '{suggestion}'")
    if resolved not in known:
        choices = sorted(posixpath.relpath(other, folder or ".") for other in known)
        return (f"'{address}' is not a page on this site",
                did_you_mean(address, choices) + " Links are relative to the folder of this file.")
    if anchor and resolved in page_anchors:
        return _anchor_problem(anchor, resolved, page_anchors, shown=address)
    return None


def _anchor_problem(anchor: str, page: str, page_anchors: dict[str, set[str]], shown: str = "") -> Complaint | None:
    if not anchor or anchor in page_anchors.get(page, set()):
        return None
    where = f"'{shown}'" if shown else "this page"
    return (f"'#{anchor}' is not a heading on {where}",
            did_you_mean(anchor, page_anchors.get(page, set())) + " Anchors are headings in lowercase, with hyphens.")


# --- HTML that could run script --------------------------------------------------------------------


def check_unsafe_html(document: Document, site: Site) -> list[Problem]:
    """Refuse script, embedded content, event handlers and script URLs in the text, and HTML in front matter."""
    problems = [
        Problem(document.path, document.body_line + line - 1, "html", reason,
                "remove it: pages on this site cannot run scripts or embed other sites "
                "(to show code as an example, put it between backticks)")
        for line, reason in _unsafe_in_text(document.body)
    ]
    # Front matter is shown as plain text. Its web addresses are checked where they are defined
    # (a directory entry's website, source and contacts), so only HTML is looked for here.
    for name, value in document.meta.items():
        for field, text in _strings(value, str(name)):
            if ANY_TAG.search(text):
                problems.append(Problem(document.path, document.line_of(str(name)), field, "contains HTML",
                                        "write plain text here, without <tags>: front matter cannot hold HTML"))
    return problems


def _unsafe_in_text(markdown: str) -> Iterator[tuple[int, str]]:
    """Each line with something that could run script, and what it is. Tags may span lines."""
    lines = [""] * (markdown.count("\n") + 1)  # code blanked out, so that line numbers stay right
    for number, line in prose_lines(markdown):
        lines[number - 1] = line
    text, decoded = "\n".join(lines), "\n".join(map(html.unescape, lines))

    def line_of(match: re.Match[str], within: str) -> int:
        return within.count("\n", 0, match.start(1)) + 1

    for match in SCRIPT_ELEMENT.finditer(text):
        yield line_of(match, text), f"raw <{match.group(1).lower()}> is not allowed"
    for match in EVENT_HANDLER.finditer(text):
        yield line_of(match, text), f"the event handler '{match.group(1)}=' is not allowed"
    for match in SCRIPT_URL.finditer(decoded):
        scheme = "".join(match.group(1).split()).lower()
        yield line_of(match, decoded), f"a '{scheme}' link is not allowed"


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



# --- Shown on the page -----------------------------------------------------------------------------


def last_reviewed_markdown(reviewed: date) -> str:
    """The line closing each source page that says when it was last reviewed."""
    shown = f"{reviewed.day} {reviewed:%B %Y}"
    return f'<p class="last-reviewed">Last reviewed: <time datetime="{reviewed.isoformat()}">{shown}</time></p>'
