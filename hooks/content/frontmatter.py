"""Read a Markdown file's YAML front matter, remembering the line each field starts on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import yaml_source
from .problems import Problem

DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class Document:
    """A Markdown source: its path as shown to contributors, front matter, body and field lines."""

    path: str
    meta: dict[str, Any]
    body: str
    field_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    readable: bool = True  # False when the front matter could not be parsed, so checks skip its fields

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, 1)


def parse(text: str, path: str) -> tuple[Document, list[Problem]]:
    """Split `text` into front matter and body. Broken YAML is a problem, not an exception."""
    match = FRONT_MATTER.match(text)
    if not match:
        return Document(path, {}, text), []
    raw = match.group(1) or ""
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    try:
        node, meta = yaml_source.load(raw)
        meta = meta or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 as marks count from 0
        reason = getattr(error, "problem", None) or str(error)
        return Document(path, {}, body, body_line=body_line, readable=False), [
            Problem(path, line, "front matter", f"the YAML cannot be read ({reason})",
                    "check the indentation and quoting on this line; put values with a ':' in quotes")
        ]
    except ValueError as error:  # YAML reads 2026-02-30 as a date, and the calendar has no such day
        line = next((number + 2 for number, text in enumerate(raw.splitlines()) if _impossible_date(text)), 1)
        return Document(path, {}, body, body_line=body_line, readable=False), [
            Problem(path, line, "front matter", f"this date does not exist ({error})",
                    "write a real date as YYYY-MM-DD, e.g. 2026-11-23")
        ]
    if not isinstance(meta, dict):
        return Document(path, {}, body, body_line=body_line, readable=False), [
            Problem(path, 2, "front matter", "front matter must be a list of 'field: value' lines",
                    "write each field on its own line as 'name: value'")
        ]
    return Document(path, meta, body, yaml_source.key_lines(node, offset=2), body_line), []


def _impossible_date(line: str) -> bool:
    for year, month, day in DATE.findall(line):
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return True
    return False


def read(file: Path, root: Path) -> tuple[Document, list[Problem]]:
    """Read a file; its path in messages is relative to `root`'s parent (e.g. 'docs/guide/x.md')."""
    try:
        shown = file.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        shown = file.as_posix()
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = file.read_bytes()[: error.start].count(b"\n") + 1
        return Document(shown, {}, "", readable=False), [
            Problem(shown, line, "file", "is not saved as UTF-8 text",
                    "save the file with UTF-8 encoding (most editors offer it under 'Save as' or 'Encoding')")
        ]
    return parse(text, shown)
