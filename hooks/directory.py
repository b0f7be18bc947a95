"""The directory: a page per entry, per country and per kind, and the full listing on its home page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from content import directory, directory_pages, tags
from content.check import load_site
from content.problems import format_problems
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

listed: list[directory_pages.Listed] = []


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site, problems = load_site(Path(config.config_file_path).parent, Path(config.docs_dir))
    if problems:
        raise PluginError(format_problems(problems))
    listed.clear()
    for document, entry in directory.read_entries(site.documents, date.today()):
        resolved, _ = tags.resolve_tags(entry.tags, site.vocabulary, path=document.path, line=1)
        listed.append(directory_pages.Listed(directory.source_path(document), entry, tuple(resolved), document.body))
    generated = {directory.country_page_path(code): directory_pages.country_page_markdown(code, listed)
                 for code in directory_pages.countries_with_entries(listed)}
    generated.update({directory.kind_page_path(kind): directory_pages.kind_page_markdown(kind, listed)
                      for kind in directory.KIND_HEADINGS})
    for path, markdown in generated.items():
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = page.file.src_uri
    if path == directory_pages.HOME_PAGE:
        return directory_pages.fill_home(markdown, listed)
    shown = next((item for item in listed if item.path == path), None)
    if shown is None:
        return markdown
    page.meta["title"] = shown.entry.name
    return directory_pages.entry_page_markdown(shown, today=date.today(), repo_url=config.repo_url)
