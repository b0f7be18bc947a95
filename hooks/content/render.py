"""Generated Markdown, from template files in `templates/`, with every value escaped by default.

Each `{{ value }}` is escaped for HTML and for Markdown (so contributor text can neither add a tag,
a link, emphasis nor an attribute list), and whitespace is folded so it cannot start a new block. A
value passes through unchanged only when the code or a template marks it safe (`Markup`, `|safe`).
Link targets go through the `url` filter, which refuses schemes a page may not use and encodes the
characters that could end a link. The result is Markdown with `.md` links, so MkDocs still checks
and rewrites every link, as for any page.
"""

from __future__ import annotations

import functools
import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import urls

TEMPLATES = Path(__file__).parent / "templates"
# The characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS, and '|' from tables):
# every one that can start or end syntax, so that with a backslash each is literal text.
MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
LOCALE = "en_GB"
WHITESPACE = re.compile(r"\s+")  # folded to one space, so that text cannot start a new block


def markdown_text(value: Any) -> Markup:
    """Plain text as Markdown that shows exactly that text: one line, HTML and Markdown escaped."""
    if isinstance(value, Markup):
        return value
    text = WHITESPACE.sub(" ", str(value))
    return Markup(MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(text, quote=False)))


def _finalize(value: Any) -> Any:
    return "" if value is None else markdown_text(value)


def attribute(value: Any) -> Markup:
    """A value for an HTML attribute inside a template's own tags."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


def link_target(value: Any) -> Markup:
    """A link target for `[text]({{ address | url }})`."""
    return Markup(urls.link_target(str(value)))


def json_attribute(value: Any) -> Markup:
    return attribute(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def yaml_string(value: Any) -> Markup:
    """A one-line YAML string for generated front matter (JSON's strings are YAML's)."""
    return Markup(json.dumps(" ".join(str(value).split()), ensure_ascii=False))


def comment_json(value: Any) -> Markup:
    """JSON that cannot end the HTML comment it is placed in."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e"))


def long_date(day: date) -> str:
    """'1 December 2026'."""
    return format_date(day, "d MMMM y", locale=LOCALE)


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, finalize=_finalize,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(url=link_target, attr=attribute, json_attr=json_attribute, long_date=long_date,
                       yaml=yaml_string, comment_json=comment_json)
    env.globals.update(link=urls.relative_link)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
