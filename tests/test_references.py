"""Unit tests for references: the shared list, citation checks and the References section."""

from __future__ import annotations

from pathlib import Path

import pytest
from content import references
from content.check import REFERENCES_FOLDER

from conftest import ROOT


@pytest.fixture(scope="module")
def known() -> dict[str, references.Reference]:
    loaded, problems = references.load_references(ROOT / REFERENCES_FOLDER, ROOT)
    assert problems == []
    return loaded


def test_every_reference_has_a_doi_or_https_link_and_where_it_was_seen(known) -> None:
    assert len(known) >= 10
    for reference in known.values():
        assert reference.link.startswith("https://")
        assert reference.seen_at.startswith("https://")


def test_citations_become_author_date_links_and_a_sorted_reference_list(known) -> None:
    text = "Support helps [@ozer2003; @brewin2000]. Again [@ozer2003].\n"
    html = references.render_citations(text, known)
    assert "Support helps ([Ozer et al., 2003](#ref-ozer2003); [Brewin et al., 2000](#ref-brewin2000))." in html
    section = html.split("## References\n\n", 1)[1]
    assert section.index("Brewin, C. R.") < section.index("Ozer, E. J.")
    assert section.count("{ #ref-ozer2003 }") == 1
    assert "[doi:10.1037/0033-2909.129.1.52](https://doi.org/10.1037/0033-2909.129.1.52)" in section


def test_the_references_marker_places_the_section(known) -> None:
    html = references.render_citations("A [@ozer2003].\n\n<!-- references -->\n\n## After\n", known)
    assert html.index("## References") < html.index("## After")


def test_a_page_without_citations_is_unchanged(known) -> None:
    assert references.render_citations("No claims here.\n", known) == "No claims here.\n"


def test_an_unknown_key_names_the_line_and_suggests_the_closest(known) -> None:
    problems = references.check_citations("line one\nclaim [@ozer2030]\n", known, path="docs/a.md", first_line=6)
    assert len(problems) == 1
    assert str(problems[0]).startswith(
        "docs/a.md:7: citation: no reference has the key 'ozer2030' — did you mean 'ozer2003'"
    )
    assert str(problems[0]).endswith("New works go in data/references/ first.")


def test_bad_reference_entries_are_reported_with_their_field(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "references"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text(
        "- key: one\n  short: One\n  citation: A work.\n  seen_at: https://example.org/\n"
        "- key: two\n  short: Two\n  citation: B.\n  url: http://example.org/\n  seen_at: https://example.org/\n"
        "- key: one\n  short: Again\n  citation: C.\n  doi: 10.1000/x\n  seen_at: https://example.org/\n",
        encoding="utf-8",
    )
    loaded, problems = references.load_references(folder, tmp_path)
    assert list(loaded) == ["one"]
    shown = {(p.path, p.line, p.field, p.message) for p in problems}
    assert ("data/references/a.yml", 1, "reference", "needs a doi or a url") in shown
    assert ("data/references/a.yml", 5, "url", "must start with https://") in shown
    assert len(problems) == 2  # the third is valid: 'one' was never accepted the first time

