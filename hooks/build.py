"""The site's build, as MkDocs events in the order MkDocs calls them.

Each event is a few lines that hand plain values to `content`, which knows nothing of MkDocs. What
one event learns for a later one lives on a single `Build` object, made afresh in `on_config` and
kept on the config MkDocs passes to every event: nothing is kept between builds or in the module.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from content import compose, directory_pages, external_links, open_data, pages, pdf_book, stylesheets, tags, valid_html
from content.checks import check_site
from content.problems import Problem, format_problems
from content.site import Site, load_site
from jinja2 import Environment
from markupsafe import Markup
from material.plugins.tags.structure.tag import Tag as MaterialTag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.healing-in-connection")


@dataclass
class Build:
    """What this build has read, and what its events pass on to later ones."""

    site: Site
    own_host: str | None
    pdf: bool
    tags_by_page: dict[str, list[tags.Tag]] = field(default_factory=dict)
    nav_positions: dict[str, int] = field(default_factory=dict)
    unsafe: list[Problem] = field(default_factory=list)  # what the walk of each page's HTML found
    printed: dict[str, pdf_book.SitePage] = field(default_factory=dict)


def _build(config: MkDocsConfig) -> Build:
    return config.healing_in_connection  # type: ignore[attr-defined]


def pdf_wanted() -> bool:
    return os.environ.get("BUILD_PDF", "") not in ("", "0", "false")


# Before Material's tags plugin (priority 0) reads its allow-list.
@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    site = load_site(root, Path(config.docs_dir), today=date.today())
    problems = check_site(site, None)  # the pages' HTML is walked as each is rendered, below
    if problems:
        raise PluginError(format_problems(problems))
    build = Build(site, urlsplit(config.site_url or "").hostname, pdf_wanted())
    config.healing_in_connection = build  # type: ignore[attr-defined]
    config.plugins["material/tags"].config.tags_allowed = {MaterialTag(label) for label in site.vocabulary.labels}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = _build(config)
    for path, page in build.site.generated.items():
        file = File.generated(config, path, content="")
        # Only a build that writes the PDFs can link to them, relative to where the page will be.
        folder = file.url if file.url.endswith("/") else posixpath.dirname(file.url)
        downloads = posixpath.relpath(pdf_book.DOWNLOADS, folder or ".") if build.pdf else None
        file.content_string = compose.generated_markdown(build.site, page, downloads=downloads)
        files.append(file)
    for path, data in open_data.files(build.site, config.site_url or "").items():
        files.append(File.generated(config, path, content=data))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _build(config).nav_positions.update({page.file.src_uri: n for n, page in enumerate(nav.pages)})
    return nav


# Before Material's tags plugin (priority -50) reads each page's tags.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build, path = _build(config), page.file.src_uri
    if "tags" in page.meta:
        resolved, _ = tags.resolve_tags(page.meta["tags"], build.site.vocabulary, path=path, line=1)
        page.meta["tags"] = [tag.label for tag in resolved]
        build.tags_by_page[path] = resolved
    if (item := build.site.entry_at(path)) is not None:
        page.meta["title"] = item.entry.name
    if page.file.generated_by is not None:
        return markdown
    return compose.page_markdown(build.site, path, markdown, repo_url=config.repo_url)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _build(config).unsafe.extend(pages.check_page_html(_build(config).site, page.file.src_uri, html))
    return pdf_book.with_link_addresses(html, page.url, config.site_url or "")


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.meta.get("print_layout") in pdf_book.PRINT_LAYOUTS:  # partials/offline-links.html links to it
        context["page_pdf"] = f"{pdf_book.DOWNLOADS}/{pdf_book.leaflet_file(page.file.src_uri)}"
    if (item := _build(config).site.entry_at(page.file.src_uri)) is not None:  # main.html places it
        context["json_ld"] = Markup(open_data.json_ld(item, config.site_url or ""))
    return context


# Every page's content is rendered by now, and nothing is written yet.
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if _build(config).unsafe:
        raise PluginError(format_problems(sorted(set(_build(config).unsafe), key=lambda p: (p.path, p.line))))
    env.globals["emergency_numbers"] = directory_pages.emergency_links(_build(config).site)  # the banner's
    counts: Counter[str] = tags.count_pages(_build(config).tags_by_page.values())
    for path in [tags.index_page_path(), *map(tags.tag_page_path, _build(config).site.vocabulary.tags)]:
        page = files.get_file_from_path(path).page
        if page is not None and page.content is not None:
            page.content = tags.fill_counts(page.content, counts)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    build = _build(config)
    output = valid_html.drop_checkbox_autocomplete(external_links.protect_external_links(output, build.own_host))
    if build.pdf and page.file.generated_by is None:  # generated listings become the book's indexes
        build.printed[page.file.src_uri] = pdf_book.SitePage(
            page.file.src_uri, page.url, page.title or "", output, build.nav_positions.get(page.file.src_uri))
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return valid_html.drop_checkbox_autocomplete(
        external_links.protect_external_links(output_content, _build(config).own_host))


def on_post_build(*, config: MkDocsConfig) -> None:
    build, site_dir = _build(config), Path(config.site_dir)
    stylesheets.trim_material_stylesheets(site_dir)
    stylesheets.compact_stylesheets(site_dir, map(str, config.extra_css))
    if not build.pdf:
        return
    report = pdf_book.write_all(build.site, list(build.printed.values()), site_dir=site_dir,
                                title=config.site_name, description=config.site_description or "",
                                language=config.theme.get("language", "en"), site_url=config.site_url or "")
    for message in report.written:
        log.info(message)
    for message in report.warnings:
        log.warning(message)
