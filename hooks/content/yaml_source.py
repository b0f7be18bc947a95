"""YAML as contributors write it: parsed once with libyaml, keeping the line of every item and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

# libyaml's loader where PyYAML was built with it: the same results, several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping both the node tree (for lines) and the values."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def key_lines(node: yaml.Node | None, offset: int = 1) -> dict[str, int]:
    """The line (counted from 1, plus `offset - 1`) where each key of a mapping starts."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + offset for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


@dataclass(frozen=True)
class Item:
    """One item of a YAML list file, with the line it starts on and the lines of its fields."""

    value: Any
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


def read_list(path: Path, shown: str, what: str, fix: str) -> tuple[list[Item], list[Problem]]:
    """The items of a file that must hold a YAML list, or the problem that stops it being read."""
    try:
        node, value = load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [], [Problem(shown, 1, "file", "is not saved as UTF-8 text", "save the file with UTF-8 encoding")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or "not valid YAML"
        return [], [Problem(shown, mark.line + 1 if mark else 1, what, f"the YAML cannot be read ({reason})",
                            "check the indentation and quoting on this line; put values with a ':' in quotes")]
    except OSError as error:
        return [], [Problem(shown, 1, what, f"cannot be read ({error.strerror})", fix)]
    if value is None:
        return [], []
    if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
        return [], [Problem(shown, 1, what, "must be a list", fix)]
    return [Item(item, child.start_mark.line + 1, key_lines(child)) for item, child in zip(value, node.value,
                                                                                           strict=True)], []
