"""Repairs to the theme's HTML so that every page validates (see content/valid_html.py)."""

from __future__ import annotations

from content.valid_html import drop_checkbox_autocomplete
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return drop_checkbox_autocomplete(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return drop_checkbox_autocomplete(output_content)
