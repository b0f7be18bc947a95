"""The article and the guide: what each must contain, and that no sentence comes from the source."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import SITE_FURNITURE, hidden_in_print, open_for_print
from content import frontmatter, references
from content.site import REFERENCES_FOLDER

from conftest import ROOT, SHARED

ARTICLE = ROOT / "docs" / "article" / "index.md"
GUIDE = ROOT / "docs" / "guide"
GUIDE_PAGES = ["index", "is-it-time", "who-can-help", "treatments", "therapy-together", "find-a-therapist",
               "cost-and-access", "questions-to-ask", "first-sessions", "red-flags", "supporting-a-partner"]
SOURCE_TAGS = ["Intimacy", "Trauma", "Therapy", "Healing", "Connection", "Relationships", "Emotional health"]


def read(path: Path) -> frontmatter.Document:
    document, problems = frontmatter.read(path, ROOT / "docs")
    assert problems == []
    return document


def test_no_run_of_the_source_article_is_copied_anywhere_in_the_site() -> None:
    tool = SHARED / "tools" / "originality.py"
    if not tool.exists():
        pytest.skip("the originality tool lives in ../shared, which this checkout does not have")
    result = subprocess.run([sys.executable, str(tool), "docs"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r", 0 copied runs of 8 words$", result.stdout.strip())


def test_the_article_opens_with_a_content_note_then_key_points() -> None:
    body = read(ARTICLE).body
    first_heading = body.index("\n## ")
    note, key_points = body.find('!!! note "Content note"'), body.find('"Key points"')
    assert 0 <= note < key_points < first_heading
    assert "not treatment" in body[:first_heading]


def test_the_article_carries_the_source_tags() -> None:
    tags = read(ARTICLE).meta["tags"]
    assert set(SOURCE_TAGS) <= set(tags)


def test_the_article_cites_at_least_ten_works_each_with_a_doi_or_link() -> None:
    known, _ = references.load_references(ROOT / REFERENCES_FOLDER, ROOT)
    cited = {key for key, _ in references.cited_keys(read(ARTICLE).body)}
    assert len(cited) >= 10
    assert all(known[key].link.startswith("https://") for key in cited)


def test_the_article_points_people_in_an_unsafe_relationship_to_help() -> None:
    body = read(ARTICLE).body
    section = body[body.index("## When a relationship is not safe"):]
    section = section[: section.index("\n## ", 1)]
    assert "../directory/index.md" in section and "../about/staying-safe-online.md" in section


@pytest.mark.parametrize("name", GUIDE_PAGES)
def test_every_guide_page_has_tags_a_review_date_and_a_next_step(name: str) -> None:
    document = read(GUIDE / f"{name}.md")
    assert document.meta.get("tags"), "no tags"
    assert document.meta.get("last_reviewed"), "no last_reviewed date"
    assert re.search(r"^## Next step", document.body, re.M), "no 'Next step' section"


def test_the_comparison_table_names_every_treatment_with_a_citation() -> None:
    body = read(GUIDE / "treatments.md").body
    rows = [line for line in body.splitlines() if line.startswith("| ") and not line.startswith("| Treatment")]
    names = [row.split("|")[1].strip() for row in rows]
    for treatment in ["CPT", "PE", "Trauma-focused CBT", "EMDR", "CBCT", "EFT", "Medicine"]:
        row = next((r for r, name in zip(rows, names, strict=True) if name.startswith(treatment)), None)
        assert row is not None, f"the table has no row for {treatment}"
        assert "[@" in row, f"the {treatment} row cites nothing"
    assert "We do not recommend a treatment for you" in body


@pytest.mark.slow
@pytest.mark.browser
def test_the_checklist_prints_on_its_own_without_navigation(browser, site_url: str) -> None:
    page = open_for_print(browser, site_url + "guide/questions-to-ask/")
    for furniture in SITE_FURNITURE:
        assert hidden_in_print(page, furniture), furniture
    assert page.locator(".checklist .answer-space").count() >= 10
    page.close()
