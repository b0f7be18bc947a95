"""What was copied from Material for MkDocs says which version it came from, and is re-checked when
Material changes.

Overrides of Material's partials (overrides/partials/), Material's inline scripts served as files
(docs/javascripts/material/) and any other file that follows Material's code each carry a line

    Taken from Material for MkDocs 9.8.1: partials/header.html

naming the version and the upstream file. When the installed Material is another version, the
test fails naming the file: compare it with the upstream file of the new version (and the old one,
to see what changed), carry the changes over, then update the line.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from conftest import ROOT

MARKER = re.compile(r"Taken from Material for MkDocs (\d+(?:\.\d+)+): (\S+)")
UPSTREAM = Path(material.__file__).parent / "templates"
INSTALLED = version("mkdocs-material")
# Copies that cannot hold a comment line: their path, the version and the upstream file.
BINARY_COPIES = {
    "overrides/assets/images/favicon.png": ("9.8.1", "assets/images/favicon.png"),  # re-encoded, 32 colours
}


def marked_files() -> list[Path]:
    """Every file of ours that may follow Material's code."""
    return sorted([*(ROOT / "overrides").rglob("*.html"), *(ROOT / "docs" / "javascripts").rglob("*.js")])


def marker(path: Path) -> tuple[str, str] | None:
    found = MARKER.search(path.read_text(encoding="utf-8"))
    return (found[1], found[2]) if found else None


def upstream_exists(name: str) -> bool:
    """Whether Material ships `name`; its scripts carry a hash ('bundle.js' is bundle.<hash>.min.js)."""
    if (UPSTREAM / name).is_file():
        return True
    stem, _, suffix = Path(name).name.partition(".")
    return any((UPSTREAM / name).parent.glob(f"{stem}.*.min.{suffix}"))


def must_be_marked() -> list[Path]:
    """Overrides of Material's own partials, and Material's inline scripts rewritten as files."""
    overrides = [path for path in (ROOT / "overrides" / "partials").rglob("*.html")
                 if (UPSTREAM / "partials" / path.relative_to(ROOT / "overrides" / "partials")).is_file()]
    return sorted([*overrides, *(ROOT / "docs" / "javascripts" / "material").glob("*.js")])


def test_every_copy_of_a_material_file_says_where_it_came_from() -> None:
    unmarked = [str(path.relative_to(ROOT)) for path in must_be_marked() if marker(path) is None]
    assert not unmarked, ("these files copy Material's but do not say from which version; add a line "
                          f"'Taken from Material for MkDocs {INSTALLED}: <upstream path>': {', '.join(unmarked)}")


def test_the_overrides_are_found() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in must_be_marked()}
    assert {"overrides/partials/header.html", "overrides/partials/search.html",
            "docs/javascripts/material/base.js"} <= names


@pytest.mark.parametrize("path", marked_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_each_copy_was_taken_from_the_installed_material(path: Path) -> None:
    found = marker(path)
    if found is None:
        return
    taken_from, upstream = found
    name = path.relative_to(ROOT).as_posix()
    assert upstream_exists(upstream), (
        f"{name} follows Material's {upstream}, which Material {INSTALLED} no longer has: re-check {name}")
    assert taken_from == INSTALLED, (
        f"{name} was taken from Material for MkDocs {taken_from} ({upstream}), but Material {INSTALLED} is "
        f"installed: re-check {name} against the new {upstream}, then update its 'Taken from' line")


@pytest.mark.parametrize("name", sorted(BINARY_COPIES))
def test_each_binary_copy_was_taken_from_the_installed_material(name: str) -> None:
    taken_from, upstream = BINARY_COPIES[name]
    assert (ROOT / name).is_file() and (UPSTREAM / upstream).is_file()
    assert taken_from == INSTALLED, (
        f"{name} was made from Material for MkDocs {taken_from}'s {upstream}, but Material {INSTALLED} is "
        f"installed: re-check {name} against the new {upstream}, then update BINARY_COPIES in this test")


def test_a_marker_names_a_version_and_an_upstream_file() -> None:
    assert MARKER.search("{#- Taken from Material for MkDocs 9.8.1: partials/header.html -#}").groups() == (
        "9.8.1", "partials/header.html")
    assert upstream_exists("partials/header.html") and upstream_exists("assets/javascripts/bundle.js")
    assert not upstream_exists("partials/no-such-partial.html")
