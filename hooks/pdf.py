"""The whole-site PDF and the one-page PDFs of pages with a print layout, written into downloads/.

Only builds with BUILD_PDF=1 (`make pdf`, `make build`) render them: rendering takes longer than the
rest of the build, and `make serve` and most tests do not need it.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, date, datetime
from pathlib import Path

from content import pdf_book, tags
from content.check import VOCABULARY_FILE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.pdf")

DOWNLOADS = "downloads"
BOOK_FILE = "healing-in-connection.pdf"

nav_positions: dict[str, int] = {}
built: dict[str, pdf_book.SitePage] = {}


def enabled() -> bool:
    return os.environ.get("BUILD_PDF", "") not in ("", "0", "false")


def edition_date() -> date:
    """Today, or the date reproducible builds fix with SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def on_nav(nav: Navigation, **_: object) -> Navigation:
    nav_positions.clear()
    nav_positions.update({page.file.src_uri: position for position, page in enumerate(nav.pages)})
    built.clear()
    return nav


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    return pdf_book.with_link_addresses(html, page.url, config.site_url or "")


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("print_layout") in pdf_book.PRINT_LAYOUTS:  # partials/offline-links.html links to it
        context["page_pdf"] = f"{DOWNLOADS}/{pdf_book.leaflet_file(page.file.src_uri)}"
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if enabled() and page.file.generated_by is None:  # generated listings become the book's indexes
        built[page.file.src_uri] = pdf_book.SitePage(
            # Directory entries are titled by their `name`.
            page.file.src_uri, page.url, page.meta.get("name") or page.title or "", output, dict(page.meta),
            nav_positions.get(page.file.src_uri))
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    if not enabled():
        return
    root = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)
    vocabulary, _ = tags.load_vocabulary(root / VOCABULARY_FILE, VOCABULARY_FILE.as_posix())
    pages = list(built.values())
    common = dict(title=config.site_name, description=config.site_description or "",
                  language=config.theme.get("language", "en"), site_url=config.site_url or "",
                  site_dir=site_dir, edition=edition_date(), vocabulary=vocabulary)
    book = pdf_book.make_book(
        pages, crisis_lines=pdf_book.read_crisis_lines(Path(config.docs_dir), date.today()), **common)
    html = pdf_book.book_html(book)
    for href in pdf_book.unresolved_links(html):
        log.warning("The PDF has a link to '%s', which is not in it: a page or heading is missing.", href)
    count = pdf_book.render_pdf(html, site_dir / DOWNLOADS / BOOK_FILE)
    log.info("PDF: %s, %d pages", f"{DOWNLOADS}/{BOOK_FILE}", count)

    for page in pages:
        layout = page.meta.get("print_layout")
        if layout not in pdf_book.PRINT_LAYOUTS:
            continue
        leaflet = pdf_book.make_book([page], crisis_lines=[], **common)
        target = site_dir / DOWNLOADS / pdf_book.leaflet_file(page.src_uri)
        if pdf_book.render_pdf(pdf_book.book_html(leaflet, single=True), target, layout=layout) > 1:
            log.warning("docs/%s: print_layout: %s: the page does not fit on one printed page — "
                        "shorten it, or leave fewer lines for answers", page.src_uri, layout)
