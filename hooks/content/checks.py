"""Every check on what a contributor can edit, in one registry: the checks of each page, then the
checks across the site. `make check` and the build run the same list, and report every problem at
once, as `path:line: field: what is wrong — how to fix it`."""

from __future__ import annotations

from collections.abc import Callable

from . import directory, pages, pdf_book, references, tags
from .frontmatter import Document
from .problems import Problem
from .site import Site

DocumentCheck = Callable[[Document, Site], list[Problem]]
SiteCheck = Callable[[Site], list[Problem]]


def check_tags(document: Document, site: Site) -> list[Problem]:
    _, problems = tags.resolve_tags(document.meta.get("tags"), site.vocabulary,
                                    path=document.path, line=document.line_of("tags"))
    return problems


def check_citations(document: Document, site: Site) -> list[Problem]:
    return references.check_citations(document.body, site.references, path=document.path,
                                      first_line=document.body_line)


def check_directory_duplicates(site: Site) -> list[Problem]:
    return directory.find_duplicates([(item.document, item.entry) for item in site.entries])


def check_pairs(site: Site) -> list[Problem]:
    """Every entry a `paired_with` names exists, so that the two are always shown together."""
    known = {item.slug for item in site.entries}
    return [Problem(item.document.path, item.document.line_of("paired_with"), "paired_with",
                    f"no entry is called '{slug}'", "give the file name of another entry, without '.md'")
            for item in site.entries for slug in item.entry.paired_with if slug not in known or slug == item.slug]


DOCUMENT_CHECKS: list[DocumentCheck] = [check_tags, check_citations, pages.check_review_fields,
                                        pages.check_front_matter_text, pdf_book.check_print_layout]
SITE_CHECKS: list[SiteCheck] = [check_directory_duplicates, check_pairs]


def check_site(site: Site, to_html: Callable[[str], str] | None) -> list[Problem]:
    """Every problem in the site's content, in file order. `to_html` renders Markdown as the site does;
    the build passes None, as it walks the HTML of each page it renders itself (pages.check_page_html)
    and MkDocs checks its links."""
    problems = list(site.problems)
    for document in site.documents:
        for check in DOCUMENT_CHECKS:
            problems += check(document, site)
    for site_check in SITE_CHECKS:
        problems += site_check(site)
    if to_html is not None:
        problems += pages.check_rendered_pages(site, to_html)
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))
