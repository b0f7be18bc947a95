"""What each page's Markdown becomes before MkDocs renders it: the one path every page takes, in the
build and in `make check` alike.

A source page gets its generated parts (the directory's listings and crisis lines), its citations and
its review dates; an entry's page is made from its template first, so that a citation in its
description becomes a citation like any other; a generated page is rendered from its template.
"""

from __future__ import annotations

import re

import yaml

from . import directory_pages, references, review, tags
from .render import TEMPLATES, render
from .site import GeneratedPage, Site

HEADING = re.compile(r"^# .*$", re.M)
FRONT_MATTER = re.compile(r"---\n.*?\n---\n", re.S)


def kind_intros() -> dict[str, str]:
    """The introductions of the kinds' pages, which editors keep in templates/kind-intros.yml."""
    return {kind: " ".join(text.split()) for kind, text in
            yaml.safe_load((TEMPLATES / "kind-intros.yml").read_text(encoding="utf-8")).items()}


def generated_markdown(site: Site, page: GeneratedPage, *, downloads: str | None = None) -> str:
    """A generated page's Markdown, from its template, with the review dates of what it lists.
    `downloads` is the address of the PDFs' folder from the page, when the build writes them."""
    markdown = _generated_body(site, page, downloads)
    dates = review.span(item_reviews(site, page))
    if dates is None:
        return markdown
    if dates.is_overdue(site.today):
        markdown = _after_heading(markdown, render("review-span-note.md", review=dates))
    return f"{markdown.rstrip()}\n\n{render('review-span.md', review=dates)}\n"


def _generated_body(site: Site, page: GeneratedPage, downloads: str | None) -> str:
    if page.template == "country.md":
        code = str(page.values["code"])
        card = f"{downloads}/{directory_pages.help_card_file(code)}" if downloads else None
        return directory_pages.country_page_markdown(site, code, card)
    if page.template == "kind.md":
        kind = str(page.values["kind"])
        return directory_pages.kind_page_markdown(site, kind, kind_intros()[kind])
    if page.template == "all-services.md":
        return directory_pages.all_services_markdown(site)
    if page.template == "tag.md":
        tag = page.values["tag"]
        assert isinstance(tag, tags.Tag)
        return render("tag.md", tag=tag, first_sentence=tags.first_sentence(tag.description),
                      listing={"include": [tag.label], "layout": tags.LISTING_LAYOUT})
    return render("tag-index.md", tags=sorted(site.vocabulary.tags, key=lambda t: t.label.casefold()))


def item_reviews(site: Site, page: GeneratedPage) -> list[review.Review]:
    """The review dates of every entry or page a generated page lists."""
    if page.template == "country.md":
        listed = site.serving(str(page.values["code"]))
    elif page.template == "kind.md":
        listed = [item for item in site.entries if item.entry.kind == page.values["kind"]]
    elif page.template == "all-services.md":
        listed = list(site.entries)
    else:  # a topic's page lists what has the topic; the topics' index, whatever has one
        wanted = {page.values["tag"]} if page.template == "tag.md" else set(site.vocabulary.tags)
        listed = [item for item in site.entries if wanted & set(item.tags)]
        return [review.entry_review(item.entry) for item in listed] + [
            dates for path, topics in site.page_topics.items() if wanted & set(topics)
            and (dates := page_review(site, path)) is not None]
    return [review.entry_review(item.entry) for item in listed]


def _after_heading(markdown: str, note: str) -> str:
    """`markdown` with `note` under its first heading (a generated page's front matter can hold a
    YAML comment, which is not one)."""
    front_matter = FRONT_MATTER.match(markdown)
    heading = HEADING.search(markdown, front_matter.end() if front_matter else 0)
    at = heading.end() + 1 if heading else 0
    return f"{markdown[:at]}\n{note}\n{markdown[at:]}"


def page_review(site: Site, path: str) -> review.Review | None:
    item = site.entry_at(path)
    if item is not None:
        return review.entry_review(item.entry)
    document = site.document_at(path)
    return review.page_review(document.meta) if document is not None else None


def page_markdown(site: Site, path: str, markdown: str, *, repo_url: str | None = None) -> str:
    """A source page's Markdown as the reader gets it."""
    dates = page_review(site, path)
    item = site.entry_at(path)
    if item is not None:
        markdown = directory_pages.entry_page_markdown(item, site, repo_url=repo_url,
                                                       review_by=dates.due if dates else None)
    markdown = directory_pages.fill_markers(markdown, site, path)
    markdown = references.render_citations(markdown, site.references)
    if dates is None:
        return markdown
    if dates.is_overdue(site.today):
        markdown = _after_heading(markdown, render("review-note.md", review=dates, here=path))
    if item is None:
        markdown = f"{markdown.rstrip()}\n\n{render('review-line.md', review=dates)}\n"
    return markdown


def source_markdown(site: Site, path: str) -> str:
    """The Markdown of any page, source or generated, as the build renders it."""
    if path in site.generated:
        return generated_markdown(site, site.generated[path])
    document = site.document_at(path)
    assert document is not None, path
    return page_markdown(site, path, document.body)


