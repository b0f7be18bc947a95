"""The whole-site PDF: complete, navigable, accessible; and the pieces that compose it."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from browsing import SITE_FURNITURE, hidden_in_print, open_for_print
from content import frontmatter, pdf_book
from content.site import load_site

from conftest import ROOT

BOOK = "downloads/healing-in-connection.pdf"
CHECKLIST = "downloads/questions-to-ask.pdf"


# --- The built PDF (rendered once per test run) ----------------------------------------------------


@pytest.fixture(scope="session")
def pdf_site(built_site: Path) -> Path:
    """The real site with its PDFs: the one build every test reads (conftest.built_site)."""
    return built_site


@pytest.fixture(scope="session")
def book(pdf_site: Path):
    from pypdf import PdfReader

    return PdfReader(pdf_site / BOOK)


@pytest.fixture(scope="session")
def book_text(pdf_site: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_site / BOOK), "-"],
                          capture_output=True, text=True, check=True).stdout
    return flatten(text)


def flatten(text: str) -> str:
    """Text with line breaks and runs of spaces as single spaces, so wrapped titles still match."""
    return " ".join(text.replace("\u00ad", "").split())


def source_pages() -> list[tuple[str, str]]:
    """(path, title) of every page written in docs/: what the PDF must hold."""
    pages = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        document, _ = frontmatter.read(path, ROOT / "docs")
        title = document.meta.get("name") or document.meta.get("title")
        if not title:
            heading = re.search(r"^# (.+)$", document.body, re.M)
            title = heading.group(1) if heading else None
        if title:
            pages.append((document.path, str(title)))
    return pages


def outline_titles(outline, depth: int = 1) -> list[tuple[int, str]]:
    found = []
    for item in outline:
        if isinstance(item, list):
            found += outline_titles(item, depth + 1)
        else:
            found.append((depth, item.title))
    return found


@pytest.mark.slow
def test_the_pdf_exists_with_a_plausible_number_of_pages(pdf_site: Path, book) -> None:
    pages = source_pages()
    assert (pdf_site / BOOK).stat().st_size > 50_000
    starts_on_new_page = [p for p, _ in pages if "/entries/" not in p]
    assert len(starts_on_new_page) + 2 <= len(book.pages) <= 12 * len(pages) + 10


@pytest.mark.slow
def test_every_page_of_the_site_appears_by_its_title(book_text: str) -> None:
    missing = [f"{path} ('{title}')" for path, title in source_pages() if flatten(title) not in book_text]
    assert not missing, "pages missing from the PDF: " + ", ".join(missing)


@pytest.mark.slow
def test_the_last_page_is_complete_and_lists_the_references(book, book_text: str) -> None:
    assert "References" in book_text.rsplit("Index of topics", 1)[-1]
    assert flatten(book.pages[-1].extract_text()), "the last page is empty"
    assert "doi.org/" in book_text


@pytest.mark.slow
def test_the_outline_has_an_entry_per_section(book) -> None:
    titles = outline_titles(book.outline)
    top = [title for depth, title in titles if depth == 1]
    for path in ("docs/index.md", "docs/article/index.md", "docs/guide/index.md", "docs/directory/index.md",
                 "docs/about/index.md"):
        title = dict(source_pages())[path]
        assert title in top, f"no top-level bookmark for {path}"
    assert {"Index of topics", "References"} <= set(top)
    nested = {title for depth, title in titles if depth >= 2}
    guide_pages = [title for path, title in source_pages() if path.startswith("docs/guide/") and "index" not in path]
    assert guide_pages and set(guide_pages) <= nested
    assert {"United Kingdom", "United States"} <= nested  # the directory, by country


@pytest.mark.slow
def test_internal_links_lead_to_pages_inside_the_pdf(book) -> None:
    destinations = book.named_destinations
    page_ids = {page.indirect_reference.idnum for page in book.pages}
    internal = broken = 0
    for page in book.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            target = annotation.get("/Dest")
            if target is None:
                continue
            internal += 1
            destination = destinations.get(str(target))
            if destination is None or destination.page.idnum not in page_ids:
                broken += 1
    assert internal > 100  # contents, cross-references, the index of topics
    assert broken == 0


def without_running_heads(text: str) -> str:
    """The book's text as pdftotext gives it, less each page's running head (the site's name, then the
    chapter's title) and foot ("Page 3 of 301"), so that an address that runs on to the next page
    reads as one."""
    kept = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip() and not re.match(r"^Page \d+ of \d+$", line)]
        if lines[:1] == ["Healing in Connection"]:
            lines = lines[2:]
        kept += lines
    return "\n".join(kept)


@pytest.mark.slow
def test_external_links_print_their_address(book, pdf_site: Path) -> None:
    # pdftotext drops the hyphen where an address wraps after one, so hyphens are compared away.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_site / BOOK), "-"],
                          capture_output=True, text=True, check=True).stdout
    squashed = re.sub(r"[\s-]", "", without_running_heads(text))
    addresses = set()
    for page in book.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and str(action.get("/URI", "")).startswith("https://"):
                addresses.add(str(action["/URI"]))
    assert addresses
    unprinted = [a for a in addresses if a.removeprefix("https://").rstrip("/").replace("-", "") not in squashed]
    assert not unprinted, f"addresses not printed: {unprinted[:5]}"


@pytest.mark.slow
def test_the_cover_lists_every_crisis_line_number(book_text: str) -> None:
    cover = book_text.split(" Contents ", 1)[0]  # the cover runs over as many pages as the lines need
    lines = pdf_book.read_crisis_lines(load_site(ROOT, today=date.today()))
    assert lines, "no crisis-line entries were read"
    assert "If you need help now" in cover
    squashed = re.sub(r"[\s-]", "", cover)  # pdftotext drops a hyphen where a line wraps after it
    for line in lines:
        for contact in line.contacts:  # e.g. 'call 116 123', 'text HOME to 741741'
            assert re.sub(r"[\s-]", "", contact) in squashed, f"{line.name}: '{contact}' is not on the cover"


@pytest.mark.slow
def test_names_in_every_script_are_printed_with_a_font_that_has_them(pdf_site: Path) -> None:
    """A Japanese or Korean name must not print as empty boxes: a font with those glyphs is embedded."""
    listing = subprocess.run(["pdffonts", str(pdf_site / "downloads" / "help-card-jp.pdf")], capture_output=True,
                             text=True, check=True).stdout
    assert "WenQuanYi" in listing

@pytest.mark.slow
def test_the_pdf_is_tagged_pdf_ua_1_with_language_and_title(book) -> None:
    catalog = book.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]) == "en"
    assert book.metadata.title == "Healing in Connection"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert 'pdfuaid:part="1"' in book.xmp_metadata.stream.get_data().decode()


@pytest.mark.slow
@pytest.mark.parametrize("name", [BOOK, CHECKLIST])
def test_every_font_is_embedded(pdf_site: Path, name: str) -> None:
    listing = subprocess.run(["pdffonts", str(pdf_site / name)], capture_output=True, text=True, check=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts
    for font in fonts:
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", font)
        assert font.split()[-5] == "yes", f"not embedded: {font}"


@pytest.mark.slow
def test_the_checklist_ships_as_its_own_one_page_pdf(pdf_site: Path) -> None:
    from pypdf import PdfReader

    leaflet = PdfReader(pdf_site / CHECKLIST)
    assert len(leaflet.pages) == 1
    text = flatten(leaflet.pages[0].extract_text())
    assert "Questions to ask a therapist" in text
    assert "Contents" not in text and "If you need help now" not in text


@pytest.mark.slow
def test_every_page_links_to_the_downloads(pdf_site: Path) -> None:
    for page in ("index.html", "guide/questions-to-ask/index.html", "directory/index.html"):
        html = (pdf_site / page).read_text(encoding="utf-8")
        for download in ("healing-in-connection.pdf", "healing-in-connection-offline.zip"):
            assert f'downloads/{download}"' in html, f"{page} has no link to {download}"
    assert 'downloads/questions-to-ask.pdf"' in (pdf_site / "guide/questions-to-ask/index.html").read_text()


# --- How the book is put together (no rendering) ---------------------------------------------------


def site_page(src_uri: str, nav_position: int | None = None, title: str = "") -> pdf_book.SitePage:
    url = pdf_book.page_url(src_uri)
    title = title or src_uri
    html = f'<article class="md-content__inner"><h1 id="top">{title}</h1><p>Text of {src_uri}.</p></article>'
    return pdf_book.SitePage(src_uri, url, title, html, nav_position)


def project_with_entries(root: Path, entries: dict[str, str]) -> Path:
    """A project with the real vocabulary and references, and these entry files."""
    folder = root / "docs" / pdf_book.ENTRIES_FOLDER
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "data", root / "data")
    for name, text in entries.items():
        (folder / name).write_text(text, encoding="utf-8")
    return root


def test_page_addresses_have_one_spelling() -> None:
    assert [pdf_book.page_url(p) for p in ("index.md", "guide/index.md", "guide/x.md")] == ["", "guide/", "guide/x/"]
    assert {pdf_book.canonical_url(u) for u in ("guide/x/", "guide/x/index.html", "guide/x.html")} == {"guide/x/"}


def test_site_order_follows_the_navigation_then_adds_pages_it_leaves_out() -> None:
    pages = [site_page("guide/b.md"), site_page("about/index.md", 3), site_page("guide/index.md", 2),
             site_page("article/index.md", 1), site_page("index.md", 0), site_page("guide/a.md")]
    order = [page.src_uri for page in pdf_book.site_order(pages)]
    assert order == ["index.md", "article/index.md", "guide/index.md", "guide/a.md", "guide/b.md", "about/index.md"]


def test_directory_entries_are_grouped_by_country_crisis_lines_first(tmp_path: Path) -> None:
    phone = '  - {type: phone, value: "116 123"}'
    site = load_site(project_with_entries(tmp_path, {
        "gb-therapists.md": ENTRY.format(name="UK therapists", kind="therapist-directory", contacts=phone,
                                         countries="[GB]"),
        "gb-line.md": ENTRY.format(name="UK line", kind="crisis-line", contacts=phone, countries="[GB, IE]"),
        "intl-list.md": ENTRY.format(name="Global list", kind="organisation", countries="[international]",
                                     contacts='  - {type: web, value: "https://a.example/"}'),
    }), today=date(2026, 6, 1))
    pages = [
        site_page("directory/index.md", 0),
        site_page("directory/entries/gb-therapists.md", title="UK therapists"),
        site_page("directory/entries/gb-line.md", title="UK line"),
        site_page("directory/entries/intl-list.md", title="Global list"),
        site_page("about/index.md", 1),
    ]
    chapters = pdf_book.chapters(pages, site)
    assert [(c.title, c.depth) for c in chapters] == [
        ("directory/index.md", 1), ("Ireland", 2), ("UK line", 3), ("United Kingdom", 2),
        ("UK therapists", 3), ("International", 2), ("Global list", 3), ("about/index.md", 1)]
    united_kingdom = chapters[3]
    assert "UK line" in united_kingdom.html and 'href="#page-directory-entries-gb-line"' in united_kingdom.html


def test_links_within_the_site_become_links_within_the_book() -> None:
    pages = [site_page("index.md", 0), site_page("article/index.md", 1)]
    pages[0].html = ('<article class="md-content__inner"><h1>Home</h1><h2 id="start">Start</h2>'
                     '<a href="article/#top">Article</a> <a href="#start">here</a> <a href="tags/trauma/">Trauma</a> '
                     '<a href="downloads/x.pdf">PDF</a> <a href="https://example.org/">Elsewhere</a>'
                     '<a class="headerlink" href="#start">¶</a></article>')
    book = pdf_book.make_book(pages, load_site(ROOT, today=date(2026, 12, 1)), title="T", description="D",
                              language="en", site_url="https://x.test/site/", site_dir=Path("/nowhere"),
                              edition=date(2026, 1, 1), crisis_lines=[])
    home = book.chapters[0].html
    assert 'href="#page-article--top"' in home and 'href="#page-home--start"' in home
    assert 'href="#topic-trauma"' in home and "headerlink" not in home
    assert 'href="https://x.test/site/downloads/x.pdf"' in home and 'href="https://example.org/"' in home
    assert book.chapters[0].sections == [("page-home--start", "Start")]
    html = pdf_book.book_html(book)
    assert pdf_book.unresolved_links(html) == []
    assert '<a class="page-ref" href="#page-article">' in html  # the index of topics


def test_printed_addresses_are_absolute_and_not_repeated() -> None:
    html = ('<a href="../guide/">Guide</a><a href="https://a.org/">a.org/</a><a href="tel:988">Call</a>'
            '<a href="#here">here</a><a href="https://b.org/x">More</a><a href="tel:+441">+44 1</a>'
            '<a href="sms:741741?&amp;body=HOME">Text HOME</a>')
    marked = pdf_book.with_link_addresses(html, "article/", "https://x.test/")
    assert marked.count("data-address") == 4
    for address in ("https://x.test/guide/", "988", "https://b.org/x", "741741"):
        assert f'data-address="{address}"' in marked


ENTRY = """---
name: {name}
kind: {kind}
countries: {countries}
tags: [Crisis]
audiences: [everyone]
contacts:
{contacts}
hours: 24/7
cost: free
source: https://example.org/
source_kind: service
last_verified: 2026-01-01
---
What the service offers.
"""


def test_crisis_lines_come_from_the_directory_entries(tmp_path: Path) -> None:
    contacts = ('  - {type: phone, value: "116 123"}\n  - {type: text, value: "85258", keyword: SHOUT}\n'
                '  - {type: web, value: "https://a.example/"}')
    site = load_site(project_with_entries(tmp_path, {
        "gb-line-a.md": ENTRY.format(name="Line A", kind="crisis-line", contacts=contacts, countries="[GB]"),
        "gb-finder.md": ENTRY.format(name="Finder", kind="therapist-directory", countries="[GB]",
                                     contacts='  - {type: phone, value: "0800 123 4567"}'),
        "gb-broken.md": "---\nname: [broken\n---\n",
        "gb-zz-emergency.md": ENTRY.format(
            name="Zz Emergency", kind="crisis-line", countries="[GB]",
            contacts='  - {type: phone, value: "999", note: "if you cannot speak, press 55"}'),
    }), today=date(2026, 6, 1))
    lines = pdf_book.read_crisis_lines(site)
    assert lines == [  # emergency numbers first, whatever their name; notes kept
        pdf_book.CrisisLine("Zz Emergency", ("GB",), ("call 999 (if you cannot speak, press 55)",), "24/7"),
        pdf_book.CrisisLine("Line A", ("GB",), ("call 116 123", "text SHOUT to 85258"), "24/7"),
    ]
    assert lines[1].summary() == "Line A: call 116 123, text SHOUT to 85258 (24/7)"


def test_an_unknown_print_layout_is_a_problem_naming_the_known_ones() -> None:
    document = frontmatter.parse("---\ntitle: X\nprint_layout: checklst\n---\n# X\n", "docs/guide/x.md")[0]
    problems = pdf_book.check_print_layout(document, None)
    assert [str(p) for p in problems] == [
        "docs/guide/x.md:3: print_layout: 'checklst' is not a print layout — did you mean 'checklist'?"]
    assert pdf_book.leaflet_file("guide/questions-to-ask.md") == "questions-to-ask.pdf"
    assert pdf_book.leaflet_file("guide/index.md") == "guide.pdf"


# --- Printing a page from the browser --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_a_page_prints_without_navigation_and_with_link_addresses(browser, site_url: str) -> None:
    page = open_for_print(browser, site_url + "article/")
    for furniture in (*SITE_FURNITURE, ".offline-links"):
        assert hidden_in_print(page, furniture), furniture
    assert page.locator(".md-banner").first.is_visible()  # the compact urgent-help line stays
    address = page.locator(".md-content a[data-address^='http']").first
    printed = address.evaluate("e => getComputedStyle(e, '::after').content")
    assert address.get_attribute("data-address") in printed
    assert page.locator("details:not([open])").count() > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0  # collapsed blocks print open
    page.close()


@pytest.mark.slow
def test_each_country_has_a_one_page_help_card_with_every_crisis_line(pdf_site: Path) -> None:
    from pypdf import PdfReader

    from conftest import real_site

    site = real_site()
    lines = pdf_book.read_crisis_lines(site)
    for code in site.countries:
        card = PdfReader(pdf_site / "downloads" / pdf_book.directory_pages.help_card_file(code))
        assert len(card.pages) == 1, code
        text = flatten(card.pages[0].extract_text()).replace(" ", "")
        for line in lines:
            if code in line.countries:
                for contact in line.contacts:
                    assert contact.replace(" ", "") in text, f"{code}: {line.name}: {contact}"
    country_page = (pdf_site / "directory/countries/ie/index.html").read_text(encoding="utf-8")
    assert 'href="../../../downloads/help-card-ie.pdf"' in country_page
