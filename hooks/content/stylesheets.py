"""Material's stylesheets, without the rules no page of this site can use.

Material ships one stylesheet for every feature it has (blog, code annotations, grids, tabs, all
its colours...). This site uses a small part of it, and a reader on a weak signal downloads the
whole file before the page can show. After a build, each rule is kept if the site could ever use
it: when every class in its selector, and every value an attribute selector asks for, occurs in a
built page or in a script (Material's script adds classes and states as the reader moves around,
and names each of them in its source). Nothing is rewritten; a rule either stays as Material wrote
it or goes.

The trimmed stylesheet gets a new hashed name, and the pages are pointed to it, so that a browser
never keeps an older trimmed copy under the same name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from selectolax.lexbor import LexborHTMLParser
from tinycss2 import ast

MATERIAL_STYLESHEETS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
STYLESHEET_FOLDER = "assets/stylesheets"
# Pseudo-classes that match when any selector in them does; :not() and the rest never stop a rule
# from matching, so what they hold is not a reason to drop it.
ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
GROUPING_RULES = {"media", "supports", "layer", "container"}
# Search runs in a Web Worker, which has no page to add classes to.
WORKER_SCRIPTS = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
NAME = re.compile(r"[A-Za-z_][\w-]*")


@dataclass
class Used:
    """What the built site can put in front of a browser: classes and attribute values."""

    classes: set[str] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)
    attribute_words: set[tuple[str, str]] = field(default_factory=set)  # what `[name~=word]` matches
    script_words: set[str] = field(default_factory=set)  # any name a script holds, as a class or a value

    def add_page(self, html: str) -> None:
        for node in LexborHTMLParser(html).css("*"):
            for name, value in node.attributes.items():
                if value is None:
                    continue
                self.attributes.add((name, value))
                self.attribute_words.update((name, word) for word in value.split())
                if name == "class":
                    self.classes.update(value.split())

    def add_script(self, source: str) -> None:
        self.script_words.update(NAME.findall(source))

    def has_class(self, name: str) -> bool:
        return name in self.classes or name in self.script_words

    def has_attribute(self, name: str, operator: str, value: str) -> bool:
        pairs = self.attributes if operator == "=" else self.attribute_words
        return (name, value) in pairs or value in self.script_words


def used_in(site_dir: Path) -> Used:
    used = Used()
    for path in site_dir.rglob("*.html"):
        used.add_page(path.read_text(encoding="utf-8"))
    for path in site_dir.rglob("*.js"):
        if not path.relative_to(site_dir).as_posix().startswith(WORKER_SCRIPTS):
            used.add_script(path.read_text(encoding="utf-8", errors="replace"))
    return used


def _split(tokens: Iterable[ast.Node]) -> list[list[ast.Node]]:
    """A selector list's tokens, split at its top-level commas."""
    parts: list[list[ast.Node]] = [[]]
    for token in tokens:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _attribute(block: ast.SquareBracketsBlock) -> tuple[str, str, str] | None:
    """`[name=value]` or `[name~=value]` as (name, operator, value); None for any other attribute
    selector (those with a prefix, suffix or substring are kept, as they are hard to rule out)."""
    tokens = [token for token in block.content if not isinstance(token, (ast.WhitespaceToken, ast.Comment))]
    if len(tokens) == 3 and isinstance(tokens[0], ast.IdentToken):
        operator, value = tokens[1], tokens[2]
        if isinstance(operator, ast.LiteralToken) and operator.value in ("=", "~=") and isinstance(
                value, (ast.IdentToken, ast.StringToken)):
            return tokens[0].lower_value, operator.value, value.value
    return None


def can_match(selector: list[ast.Node], used: Used) -> bool:
    """Whether some page of the site, at some moment, could match this selector."""
    for previous, token in zip([None, *selector[:-1]], selector, strict=True):
        if isinstance(token, ast.IdentToken) and isinstance(previous, ast.LiteralToken) and previous.value == ".":
            if not used.has_class(token.value):
                return False
        elif isinstance(token, ast.SquareBracketsBlock):
            attribute = _attribute(token)
            if attribute is not None and not used.has_attribute(*attribute):
                return False
        elif isinstance(token, ast.FunctionBlock) and token.lower_name in ANY_OF:
            if not any(can_match(part, used) for part in _split(token.arguments)):
                return False
    return True


def _trim_rules(rules: Iterable[ast.Node], used: Used) -> list[str]:
    kept: list[str] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [part for part in _split(rule.prelude) if can_match(part, used)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(part).strip() for part in selectors)
                kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in GROUPING_RULES and rule.content is not None:
            inner = _trim_rules(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True), used)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif isinstance(rule, ast.AtRule):  # @font-face, @keyframes, @charset... as they are
            kept.append(tinycss2.serialize([rule]))
    return kept


def trim(css: str, used: Used) -> str:
    """`css` with every rule dropped that no page can match, each kept rule as written."""
    return "".join(_trim_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), used))


def _compacted(nodes: list[ast.Node]) -> list[ast.Node]:
    kept = []
    for node in nodes:
        if isinstance(node, ast.Comment):
            continue
        if isinstance(node, ast.WhitespaceToken):
            if kept and isinstance(kept[-1], ast.WhitespaceToken):
                continue
            node.value = " "
        elif isinstance(node, (ast.CurlyBracketsBlock, ast.SquareBracketsBlock, ast.ParenthesesBlock)):
            node.content = _compacted(node.content)
        elif isinstance(node, ast.FunctionBlock):
            node.arguments = _compacted(node.arguments)
        kept.append(node)
    return kept


def compact(css: str) -> str:
    """`css` without its comments and with each run of white space as one space: the comments are
    for editors, and they are a third of what a reader would download."""
    return tinycss2.serialize(_compacted(tinycss2.parse_component_value_list(css))).strip()


def compact_stylesheets(site_dir: Path, paths: Iterable[str]) -> None:
    """Compact each of the site's own stylesheets as built (a listed file that is not there is
    MkDocs's to report)."""
    for path in (site_dir / name for name in paths):
        if path.suffix == ".css" and path.is_file():
            path.write_text(compact(path.read_text(encoding="utf-8")), encoding="utf-8")


def trim_material_stylesheets(site_dir: Path) -> dict[str, str]:
    """Trim Material's stylesheets in a built site, rename them, and point every page to the new
    names. Returns {old name: new name}."""
    folder = site_dir / STYLESHEET_FOLDER
    sheets = [path for path in sorted(folder.glob("*.css")) if MATERIAL_STYLESHEETS.match(path.name)]
    if not sheets:
        return {}
    used = used_in(site_dir)
    renamed: dict[str, str] = {}
    for path in sheets:
        trimmed = trim(path.read_text(encoding="utf-8"), used)
        digest = hashlib.sha256(trimmed.encode()).hexdigest()[:8]
        new_path = path.with_name(f"{path.name.split('.')[0]}.{digest}.min.css")
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # it maps the untrimmed file
        new_path.write_text(trimmed, encoding="utf-8")
        renamed[path.name] = new_path.name
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        updated = html
        for old, new in renamed.items():
            updated = updated.replace(f"{STYLESHEET_FOLDER}/{old}", f"{STYLESHEET_FOLDER}/{new}")
        if updated != html:
            page.write_text(updated, encoding="utf-8")
    return renamed
