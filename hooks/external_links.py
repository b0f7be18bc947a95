"""Every link to another host gets rel="noopener noreferrer", in page content and theme alike."""

from __future__ import annotations

from urllib.parse import urlsplit

from content.external_links import protect_external_links
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def _own_host(config: MkDocsConfig) -> str | None:
    return urlsplit(config.site_url or "").hostname


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return protect_external_links(output, _own_host(config))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return protect_external_links(output_content, _own_host(config))
