"""Citations: `[@key]` in a page becomes an author-date link, and the page gets a References section."""

from __future__ import annotations

from pathlib import Path

from content import references
from content.check import REFERENCES_FOLDER
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

known: dict[str, references.Reference] = {}


def on_config(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    known.clear()
    known.update(references.load_references(root / REFERENCES_FOLDER, root)[0])


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return references.render_citations(markdown, known)
