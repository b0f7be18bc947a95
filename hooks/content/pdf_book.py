"""The whole-site PDF: every page the site shows, in site order, composed into one printable book.

WeasyPrint renders the book directly from the built pages' HTML (see README, "Reading offline", for
why this and not a PDF plugin): the cover, the contents with page numbers, the outline, running
headers and the printed link addresses all come from `book/book.css`; this module decides what goes
in and in which order, and turns the site's links into links inside the book.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import directory, directory_pages, tags
from .external_links import ANCHOR, CLASS, HREF, attribute_value
from .frontmatter import Document
from .problems import Problem, did_you_mean
from .urls import page_url

if TYPE_CHECKING:
    from .site import Site

# A whole link: its start tag (group 1), then what it shows (group 2).
LINK = re.compile(f"({ANCHOR.pattern})(.*?)</a>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")

BOOK_FOLDER = Path(__file__).parent / "book"
ENTRIES_FOLDER = directory.ENTRIES_FOLDER + "/"
KIND_ORDER = list(directory.KIND_HEADINGS)  # as a country's page lists them: help right now first
# Site furniture that means nothing on paper: permalinks, edit buttons, tag chips, forms, scripts.
NOT_PRINTED = "a.headerlink, a.md-content__button, nav.md-tags, form, button, script, style, .no-print"
# Front matter `print_layout: <name>` gives a page its own one-page PDF, styled by book/<name>.css.
PRINT_LAYOUTS = ("checklist",)
# How to say the contacts a reader can use from a printed page.
CONTACT_VERBS = {"phone": "call", "text": "text"}


@dataclass
class SitePage:
    """A built page, as the book needs it."""

    src_uri: str  # its source, e.g. 'guide/is-it-time.md'
    url: str  # its address in the site, e.g. 'guide/is-it-time/'
    title: str
    html: str  # the whole built page
    nav_position: int | None = None  # its place in the site's navigation, if it has one

    @property
    def part(self) -> str:
        """The part of the site it belongs to: its top folder ('' for the home page)."""
        return self.src_uri.split("/")[0] if "/" in self.src_uri else ""

    @property
    def is_entry(self) -> bool:
        return self.src_uri.startswith(ENTRIES_FOLDER)


@dataclass
class Chapter:
    """One piece of the book: a page, or a heading that groups pages (a country in the directory)."""

    anchor: str
    title: str
    depth: int  # outline level: 1 a part, 2 a page or country within it, 3 an entry within a country
    html: str = ""
    url: str | None = None  # the site address it stands for
    tags: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (anchor, heading) shown in the contents
    from_page: bool = True  # False for the headings the book adds, whose HTML is already the book's


@dataclass(frozen=True)
class CrisisLine:
    """A crisis line as the cover lists it: who, how to reach them, and when."""

    name: str
    countries: tuple[str, ...]
    contacts: tuple[str, ...]  # e.g. 'call 116 123', 'text HOME to 741741'
    hours: str = ""

    def summary(self) -> str:
        reach = ", ".join(self.contacts)
        return f"{self.name}: {reach}" + (f" ({self.hours})" if self.hours else "")


def check_print_layout(document: Document, site: Site) -> list[Problem]:
    layout = document.meta.get("print_layout")
    if layout is None or layout in PRINT_LAYOUTS:
        return []
    return [Problem(document.path, document.line_of("print_layout"), "print_layout",
                    f"'{layout}' is not a print layout", did_you_mean(str(layout), PRINT_LAYOUTS))]


def leaflet_file(src_uri: str) -> str:
    """The file name of a page's own PDF: 'guide/questions-to-ask.md' gives 'questions-to-ask.pdf'."""
    return PurePosixPath(page_url(src_uri).rstrip("/") or "home").name + ".pdf"


# --- Crisis lines for the cover -------------------------------------------------------------------


def read_crisis_lines(site: Site) -> list[CrisisLine]:
    """Every crisis-line entry that can be called or texted, emergency numbers first."""
    return [CrisisLine(item.entry.name + (f" ({item.entry.english_name})" if item.entry.english_name else ""),
                       tuple(item.entry.countries), tuple(map(_contact_text, dialled)), item.entry.hours_text)
            for item in sorted(site.entries, key=lambda i: (not i.entry.is_emergency_service, i.entry.name.casefold()))
            if item.entry.kind == "crisis-line"
            and (dialled := [c for c in item.entry.contacts if c.type in directory.DIALLED_CONTACTS])]


def _contact_text(contact: directory.Contact) -> str:
    """'call 111 (mental health: option 2)': the note says who the number is for, or how to use it."""
    if contact.keyword:
        text = f"text {contact.keyword} to {contact.value}"
    else:
        text = f"{CONTACT_VERBS[contact.type]} {contact.value}"
    return f"{text} ({contact.note})" if contact.note else text


def by_country(items: list, countries_of) -> list[tuple[str, list]]:
    """Items grouped under each country they serve, countries by name, international last."""
    groups: dict[str, list] = {}
    for item in items:
        for code in countries_of(item):
            groups.setdefault(code, []).append(item)
    order = sorted(groups, key=lambda code: (code == directory.INTERNATIONAL, directory.country_name(code)))
    return [(code, groups[code]) for code in order]


# --- Site order -----------------------------------------------------------------------------------


def site_order(pages: list[SitePage]) -> list[SitePage]:
    """Parts in the order the navigation first shows them; inside a part, its index page, then the
    pages in navigation order, then pages the navigation leaves out, by path."""
    part_rank: dict[str, int] = {}
    for page in sorted((p for p in pages if p.nav_position is not None), key=lambda p: p.nav_position):
        part_rank.setdefault(page.part, len(part_rank))

    def key(page: SitePage) -> tuple:
        is_index = posixpath.basename(page.src_uri) in ("index.md", "README.md")
        return (part_rank.get(page.part, len(part_rank)), page.part, not is_index,
                page.nav_position is None, page.nav_position or 0, page.src_uri)

    return sorted(pages, key=key)


def country_anchor(code: str) -> str:
    return f"country-{code.lower()}"


PAGE_ANCHOR = "page-"


def page_anchor(url: str) -> str:
    return PAGE_ANCHOR + (re.sub(r"[^a-z0-9]+", "-", canonical_url(url).lower()).strip("-") or "home")


def canonical_url(url: str) -> str:
    """One spelling per page: 'guide/x/', 'guide/x/index.html' and 'guide/x.html' all give 'guide/x/'."""
    url = re.sub(r"(^|/)index\.html$", r"\1", url)
    return re.sub(r"\.html$", "/", url)


def chapters(pages: list[SitePage], site: Site) -> list[Chapter]:
    """The book's chapters: pages in site order, each part's first page opening it, and the
    directory entries grouped by country where the first of them comes."""
    result: list[Chapter] = []
    seen_parts: set[str] = set()
    entries = [page for page in pages if page.is_entry]
    for page in site_order(pages):
        if page.is_entry:
            if entries:
                result.extend(_entry_chapters(entries, site))
                entries = []
            continue
        depth = 2 if page.part in seen_parts else 1
        seen_parts.add(page.part)
        document = site.document_at(page.src_uri)
        result.append(Chapter(page_anchor(page.url), page.title, depth, page.html, page.url,
                              list(document.meta.get("tags") or []) if document else []))
    return result


def _entry_chapters(entries: list[SitePage], site: Site) -> list[Chapter]:
    """Each country, then its entries: the most urgent kinds first, then by name. An entry for
    several countries is printed in full under the first and named under the others."""
    result = []
    printed: set[str] = set()
    listed = {page.src_uri: item for page in entries if (item := site.entry_at(page.src_uri)) is not None}
    entries = [page for page in entries if page.src_uri in listed]

    def key(page: SitePage) -> tuple:
        return (KIND_ORDER.index(listed[page.src_uri].entry.kind), page.title.casefold())

    for code, group in by_country(entries, lambda page: listed[page.src_uri].entry.countries):
        name = directory.country_name(code)
        country = Chapter(country_anchor(code), name, 2, f"<h1>{name}</h1>",
                          page_url(directory.country_page_path(code)), from_page=False)
        result.append(country)
        for page in sorted(group, key=key):
            if page.url in printed:
                country.html += (f'<p class="also-listed">Also serving {country.title}: '
                                 f'<a href="#{page_anchor(page.url)}">{page.title}</a></p>')
                continue
            printed.add(page.url)
            result.append(Chapter(page_anchor(page.url), page.title, 3, page.html, page.url,
                                  [tag.label for tag in listed[page.src_uri].tags]))
    return result


# --- Content and links ----------------------------------------------------------------------------


@dataclass
class Book:
    """Everything the book template shows."""

    title: str
    description: str
    language: str
    site_url: str
    edition: date
    crisis_lines: list[tuple[str, list[CrisisLine]]]  # by country name
    chapters: list[Chapter]
    topics: list[tuple[tags.Tag, list[Chapter]]]
    references: list[str]  # each work cited anywhere, as HTML with its link


def make_book(pages: list[SitePage], site: Site, *, title: str, description: str, language: str, site_url: str,
              site_dir: Path, edition: date, crisis_lines: list[CrisisLine]) -> Book:
    vocabulary = site.vocabulary
    parts = chapters(pages, site)
    topics = []
    for tag in vocabulary.tags:
        carrying = [c for c in parts if any(vocabulary.resolve(label) == tag for label in c.tags)]
        if carrying:
            topics.append((tag, carrying))
    # Where each site address is in the book; links to any other address keep it.
    anchors = {canonical_url(c.url): c.anchor for c in parts if c.url is not None}
    anchors.update({page_url(tags.tag_page_path(tag)): f"topic-{tag.slug}" for tag, _ in topics})
    anchors[page_url(tags.index_page_path())] = "topics"
    references: dict[str, str] = {}
    for chapter in parts:
        if chapter.from_page:
            chapter.html = _book_content(chapter, anchors, site_url, site_dir, references)
    return Book(title, description, language, site_url, edition,
                [(directory.country_name(code), lines)
                 for code, lines in by_country(crisis_lines, lambda line: line.countries)],
                parts, topics,
                sorted(references.values(), key=lambda item: _text(item).casefold()))


def _text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def _book_content(chapter: Chapter, anchors: dict[str, str], site_url: str, site_dir: Path,
                  references: dict[str, str]) -> str:
    """The page's article, without site furniture, its ids and links made unique within the book."""
    soup = BeautifulSoup(chapter.html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup.select_one("main") or soup.body or soup
    for element in article.select(NOT_PRINTED):
        element.decompose()
    for details in article.find_all("details"):
        details["open"] = ""  # collapsed blocks are printed open
    _move_references(article, references)
    if article.find("h1") is None:
        heading = soup.new_tag("h1")
        heading.string = chapter.title
        article.insert(0, heading)
    prefix = chapter.anchor + "--"
    for element in article.find_all(id=True):
        element["id"] = prefix + element["id"]
    page_address = urljoin(site_url, chapter.url or "")
    for link in article.find_all("a", href=True):
        _link_into_book(link, page_address, prefix, anchors, site_url)
    for image in article.find_all("img", src=True):
        target = urljoin(page_address, image["src"])
        if target.startswith(site_url):
            image["src"] = (site_dir / urlsplit(target).path[len(urlsplit(site_url).path):]).as_uri()
    if chapter.depth == 1:
        chapter.sections = [(h["id"], h.get_text(" ", strip=True)) for h in article.find_all("h2", id=True)]
    return "".join(str(child) for child in article.children)


def _move_references(article: Tag, references: dict[str, str]) -> None:
    """Take the page's References section out: the book lists every work once, at the end."""
    for item in article.select('li[id^="ref-"]'):
        references.setdefault(item["id"], str(item))
        listing = item.parent
        item.decompose()
        if listing is not None and not listing.find("li"):
            heading = listing.find_previous_sibling()
            listing.decompose()
            if heading is not None and heading.name == "h2" and heading.get_text(strip=True) == "References":
                heading.decompose()


def _link_into_book(link: Tag, page_address: str, prefix: str, anchors: dict[str, str], site_url: str) -> None:
    """Links within the site go to their place in the book; others keep their printed address."""
    href = link["href"]
    if href.startswith("#ref-"):
        return
    if href.startswith("#"):
        _make_internal(link, "#" + prefix + href[1:])
        return
    target = urljoin(page_address, href)
    if not target.startswith(site_url):
        return
    path, _, fragment = target[len(site_url):].partition("#")
    path = canonical_url(path)
    if path in anchors:
        within_page = fragment and anchors[path].startswith(PAGE_ANCHOR)  # only pages keep their own ids
        _make_internal(link, "#" + anchors[path] + (f"--{fragment}" if within_page else ""))
    else:  # a download or a page the book leaves out: the reader can still visit it
        link["href"] = target


def _make_internal(link: Tag, href: str) -> None:
    link["href"] = href
    link["class"] = [*link.get("class", []), "internal"]
    if "data-address" in link.attrs:
        del link["data-address"]


def with_link_addresses(html: str, url: str, site_url: str) -> str:
    """Give every link that leaves the page the address a reader of the printout can type, as
    `data-address` (the print styles show it), unless its text already is that address.

    It runs on every page of every build, so it edits the start tags in place with a tokenizer
    rather than re-parsing and re-serialising the whole page."""
    page_address = urljoin(site_url, canonical_url(url))

    def annotate(match: re.Match[str]) -> str:
        start_tag, text = match.group(1), match.group(2)
        href = HREF.search(start_tag)
        classes = CLASS.search(start_tag)
        if href is None or (classes and "headerlink" in attribute_value(classes).split()):
            return match.group(0)
        target = attribute_value(href)
        if target.startswith("#"):
            return match.group(0)
        target = urljoin(page_address, target)
        if target.startswith(site_url):
            path, hash_mark, fragment = target[len(site_url):].partition("#")
            target = site_url + canonical_url(path) + hash_mark + fragment
        address = re.sub(r"^(mailto|tel|sms):([^?]*).*", r"\2", target)  # the number or email only
        shown = unescape("".join(piece.strip() for piece in TAG.split(text)))
        number = re.sub(r"\D", "", address) if target.startswith(("tel:", "sms:")) else ""
        already_shown = number in re.sub(r"\D", "", shown) if number else shown in (
            address, target, address.removeprefix("https://"))
        if already_shown:
            return match.group(0)
        return f'{start_tag[:-1]} data-address="{escape(address, quote=True)}">{text}</a>'

    return LINK.sub(annotate, html)


def unresolved_links(html: str) -> list[str]:
    """Links to an anchor the book does not have: a sign the book lost a page or a heading."""
    soup = BeautifulSoup(html, "html.parser")
    ids = {element["id"] for element in soup.find_all(id=True)}
    return sorted({a["href"] for a in soup.find_all("a", href=True)
                   if a["href"].startswith("#") and a["href"][1:] not in ids})


# --- Rendering ------------------------------------------------------------------------------------


def book_html(book: Book, *, single: bool = False) -> str:
    """The book as one HTML document; `single` leaves out the cover, contents and indexes."""
    environment = Environment(loader=FileSystemLoader(BOOK_FOLDER), autoescape=select_autoescape(["html"]))
    return environment.get_template("book.html").render(book=book, single=single)


def render_pdf(html: str, target: Path, *, layout: str = "book") -> int:
    """Write a tagged PDF/UA-1 with embedded fonts; return its number of pages. Only local files are
    read: the book must never depend on the network."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    stylesheets = [CSS(filename=str(BOOK_FOLDER / "book.css"), url_fetcher=fetcher)]
    if layout != "book":
        stylesheets.append(CSS(filename=str(BOOK_FOLDER / f"{layout}.css"), url_fetcher=fetcher))
    document = HTML(string=html, base_url=BOOK_FOLDER.as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant="pdf/ua-1")
    return len(document.pages)


# --- Everything a build writes ----------------------------------------------------------------------

DOWNLOADS = "downloads"
BOOK_FILE = "healing-in-connection.pdf"


@dataclass
class PdfReport:
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def edition_date() -> date:
    """Today, or the date reproducible builds fix with SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def help_card_html(site: Site, code: str, *, title: str, site_url: str, language: str, edition: date) -> str:
    """A country's one-page help card: its emergency numbers and crisis lines, hours, and where to find more."""
    lines = [line for line in read_crisis_lines(site) if code in line.countries]
    environment = Environment(loader=FileSystemLoader(BOOK_FOLDER), autoescape=select_autoescape(["html"]))
    return environment.get_template("help-card.html").render(
        title=title, country=directory.country_name(code), lines=lines, language=language, edition=edition,
        page=urljoin(site_url, page_url(directory.country_page_path(code))))


def write_all(site: Site, pages: list[SitePage], *, site_dir: Path, title: str, description: str, language: str,
              site_url: str) -> PdfReport:
    """The whole-site PDF, each print-layout page's own PDF, and each country's help card."""
    report = PdfReport()
    folder = site_dir / DOWNLOADS
    common = dict(title=title, description=description, language=language, site_url=site_url, site_dir=site_dir,
                  edition=edition_date())
    book = make_book(pages, site, crisis_lines=read_crisis_lines(site), **common)
    html = book_html(book)
    report.warnings += [f"The PDF has a link to '{href}', which is not in it: a page or heading is missing."
                        for href in unresolved_links(html)]
    report.written.append(f"PDF: {DOWNLOADS}/{BOOK_FILE}, {render_pdf(html, folder / BOOK_FILE)} pages")
    for page in pages:
        document = site.document_at(page.src_uri)
        layout = document.meta.get("print_layout") if document else None
        if layout not in PRINT_LAYOUTS:
            continue
        leaflet = book_html(make_book([page], site, crisis_lines=[], **common), single=True)
        if render_pdf(leaflet, folder / leaflet_file(page.src_uri), layout=layout) > 1:
            report.warnings.append(f"docs/{page.src_uri}: print_layout: {layout}: the page does not fit on one "
                                   "printed page — shorten it, or leave fewer lines for answers")
    for code in site.countries:
        card = help_card_html(site, code, title=title, site_url=site_url, language=language,
                              edition=common["edition"])
        if render_pdf(card, folder / directory_pages.help_card_file(code), layout="help-card") > 1:
            report.warnings.append(f"The help card for {directory.country_name(code)} does not fit on one page: "
                                   "shorten the notes of its crisis lines")
    report.written.append(f"Help cards: {len(site.countries)} countries")
    return report
