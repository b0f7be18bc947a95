"""Markdown to HTML with the site's own extensions, as MkDocs will render it, for the checks."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import markdown
import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !relative tags only matter to MkDocs itself."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_extensions(config_file: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The `markdown_extensions` of mkdocs.yml: their names and their settings."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    names, settings = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


class Renderer:
    """One Markdown converter, reused for every page (building one is the slow part)."""

    def __init__(self, extensions: list[Any], configs: dict[str, dict[str, Any]]) -> None:
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)

    def __call__(self, text: str) -> str:
        self._markdown.reset()
        return self._markdown.convert(text)


@functools.cache
def for_config(config_file: Path) -> Renderer:
    return Renderer(*site_extensions(config_file))
