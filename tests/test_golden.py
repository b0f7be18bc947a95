"""Golden files: each kind of generated page, rendered from a small fixed site on a fixed date, is
exactly what tests/golden/*.md holds (see tests/golden/README.md to update them)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from content import compose
from content.site import load_site

GOLDEN = Path(__file__).parent / "golden"
SITE = load_site(GOLDEN, today=date(2026, 12, 1))
PAGES = {
    "entry.md": lambda: compose.source_markdown(SITE, "directory/entries/gb-example-line.md"),
    "country.md": lambda: compose.source_markdown(SITE, "directory/countries/gb.md"),
    "kind.md": lambda: compose.source_markdown(SITE, "directory/kinds/support-line.md"),
    "tag.md": lambda: compose.source_markdown(SITE, "tags/crisis.md"),
    "tag-index.md": lambda: compose.source_markdown(SITE, "tags/index.md"),
    "directory-home.md": lambda: compose.source_markdown(SITE, "directory/index.md"),
    "all-services.md": lambda: compose.source_markdown(SITE, "directory/all.md"),
}


def test_the_golden_site_is_valid() -> None:
    assert [str(p) for p in SITE.problems] == []
    assert len(SITE.entries) == 3


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_generated_page_matches_its_golden_file(name: str) -> None:
    rendered = PAGES[name]()
    golden = GOLDEN / "expected" / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), f"{name} differs from {golden}"
