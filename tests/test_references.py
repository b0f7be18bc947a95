"""Unit tests for references: the shared list, its schema, citation checks and the References section."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from content import markdown_html, references
from content.site import REFERENCES_FOLDER

from conftest import ROOT

OZER: dict[str, Any] = {
    "key": "ozer2003",
    "short": "Ozer et al., 2003",
    "authors": "Ozer, E. J., Best, S. R., Lipsey, T. L., & Weiss, D. S.",
    "year": "2003",
    "title": "Predictors of posttraumatic stress disorder and symptoms in adults: A meta-analysis",
    "journal": "Psychological Bulletin",
    "volume": "129",
    "issue": "1",
    "pages": "52–73",
    "doi": "10.1037/0033-2909.129.1.52",
    "seen_at": "https://pubmed.ncbi.nlm.nih.gov/12555794/",
    "seen_on": date(2026, 12, 1),
}
GUIDELINE: dict[str, Any] = {
    "key": "nice2018",
    "short": "National Institute for Health and Care Excellence, 2018",
    "authors": "National Institute for Health and Care Excellence",
    "year": "2018",
    "title": "Post-traumatic stress disorder",
    "edition": "NG116",
    "publisher": "National Institute for Health and Care Excellence",
    "url": "https://www.nice.org.uk/guidance/ng116",
    "seen_at": "https://www.nice.org.uk/guidance/ng116",
    "seen_on": date(2026, 12, 1),
}


def to_html(markdown: str) -> str:
    return markdown_html.for_config(ROOT / "mkdocs.yml")(markdown)


def load(tmp_path: Path, works: list[dict[str, Any]] | str) -> tuple[dict[str, Any], list]:
    """Load one references file holding `works` (or the YAML text given)."""
    folder = tmp_path / "data" / "references"
    folder.mkdir(parents=True, exist_ok=True)
    text = works if isinstance(works, str) else yaml.safe_dump(works, sort_keys=False, allow_unicode=True)
    (folder / "a.yml").write_text(text, encoding="utf-8")
    return references.load_references(folder, tmp_path)


def problems_of(tmp_path: Path, work: dict[str, Any]) -> dict[str, str]:
    loaded, problems = load(tmp_path, [work])
    assert loaded == {} and problems
    return {p.field: f"{p.message} — {p.fix}" for p in problems}


def without(work: dict[str, Any], *names: str, **changes: Any) -> dict[str, Any]:
    return {key: value for key, value in work.items() if key not in names} | changes


@pytest.fixture(scope="module")
def known() -> dict[str, references.Reference]:
    loaded, problems = references.load_references(ROOT / REFERENCES_FOLDER, ROOT)
    assert problems == []
    return loaded


def test_every_reference_has_a_doi_or_https_link_and_where_and_when_it_was_seen(known) -> None:
    assert len(known) >= 10
    for reference in known.values():
        assert reference.link.startswith("https://")
        assert reference.seen_at.startswith("https://")
        assert isinstance(reference.seen_on, date)


def test_citations_become_author_date_links_and_a_sorted_reference_list(known) -> None:
    text = "Support helps [@ozer2003; @brewin2000]. Again [@ozer2003].\n"
    markdown = references.render_citations(text, known)
    assert ("Support helps ([Ozer et al\\., 2003](#ref-ozer2003); [Brewin et al\\., 2000](#ref-brewin2000))."
            in markdown)
    section = markdown.split("## References\n\n", 1)[1]
    assert section.index("Brewin, C\\. R\\.") < section.index("Ozer, E\\. J\\.")
    assert section.count("{ #ref-ozer2003 }") == 1
    assert "[doi:10\\.1037/0033\\-2909\\.129\\.1\\.52](https://doi.org/10.1037/0033-2909.129.1.52)" in section
    html = to_html(markdown)
    assert ('<p>Support helps (<a href="#ref-ozer2003">Ozer et al., 2003</a>; '
            '<a href="#ref-brewin2000">Brewin et al., 2000</a>).') in html
    assert ('<li id="ref-ozer2003">Ozer, E. J., Best, S. R., Lipsey, T. L., &amp; Weiss, D. S. (2003). Predictors '
            "of posttraumatic stress disorder and symptoms in adults: A meta-analysis. <em>Psychological "
            "Bulletin</em>, <em>129</em>(1), 52–73. "
            '<a href="https://doi.org/10.1037/0033-2909.129.1.52">doi:10.1037/0033-2909.129.1.52</a></li>') in html


def test_the_references_marker_places_the_section(known) -> None:
    markdown = references.render_citations("A [@ozer2003].\n\n<!-- references -->\n\n## After\n", known)
    assert markdown.index("## References") < markdown.index("## After")
    assert references.PLACE_MARKER not in markdown


def test_a_page_without_citations_is_unchanged(known) -> None:
    assert references.render_citations("No claims here.\n", known) == "No claims here.\n"


def test_an_unknown_key_names_the_line_and_suggests_the_closest(known) -> None:
    problems = references.check_citations("line one\nclaim [@ozer2030]\n", known, path="docs/a.md", first_line=6)
    assert len(problems) == 1
    assert str(problems[0]).startswith(
        "docs/a.md:7: citation: no reference has the key 'ozer2030' — did you mean 'ozer2003'"
    )
    assert str(problems[0]).endswith("New works go in data/references/ first.")


def test_cited_keys_are_found_with_their_lines() -> None:
    assert references.cited_keys("a [@one]\nb [@two; @three]\n[not a citation] [@Upper]\n") == [
        ("one", 1), ("two", 2), ("three", 2)]


# --- The complete schema, composed as an APA-style reference ------------------------------------------


def test_a_journal_article_a_guideline_and_a_web_page_are_composed_from_their_fields(tmp_path: Path) -> None:
    web_page = without(GUIDELINE, "publisher", "edition", key="vaptsd", short="VA, n.d.", year="n.d.",
                       authors="U.S. Department of Veterans Affairs", title="PTSD basics",
                       site="National Center for PTSD",
                       url="https://www.ptsd.va.gov/understand/what/ptsd_basics.asp")
    numbered = without(OZER, "pages", "issue", key="numbered", short="Numbered, 2021", year=2021, article="1851078")
    loaded, problems = load(tmp_path, [OZER, GUIDELINE, web_page, numbered])
    assert problems == []
    assert loaded["numbered"].year == "2021"  # a year written without quotes is still text
    text = "[@ozer2003] [@nice2018] [@vaptsd] [@numbered]\n"
    html = to_html(references.render_citations(text, loaded))
    assert ('<li id="ref-nice2018">National Institute for Health and Care Excellence (2018). '
            "<em>Post-traumatic stress disorder</em> (NG116). National Institute for Health and Care Excellence. "
            '<a href="https://www.nice.org.uk/guidance/ng116">https://www.nice.org.uk/guidance/ng116</a></li>') in html
    assert ('<li id="ref-vaptsd">U.S. Department of Veterans Affairs (n.d.). <em>PTSD basics</em>. National Center '
            'for PTSD. <a href="https://www.ptsd.va.gov/understand/what/ptsd_basics.asp">') in html
    assert "<em>Psychological Bulletin</em>, <em>129</em>, Article 1851078. " in html
    # sorted by authors, then year and title
    assert html.index('id="ref-nice2018"') < html.index('id="ref-ozer2003"') < html.index('id="ref-numbered"') \
        < html.index('id="ref-vaptsd"')


def test_contributor_text_in_a_reference_is_shown_as_plain_text(tmp_path: Path) -> None:
    hostile = OZER | {"title": "&lt;script&gt; *bold* [link](javascript:alert(1)) { onclick=x }",
                      "authors": "Ozer, E. J. ](javascript:alert(1)) > #", "journal": "`code` & | _x_"}
    loaded, problems = load(tmp_path, [hostile])
    assert problems == []
    html = to_html(references.render_citations("[@ozer2003]\n", loaded))
    assert ("Ozer, E. J. ](javascript:alert(1)) &gt; # (2003). &amp;lt;script&amp;gt; *bold* "
            "[link](javascript:alert(1)) { onclick=x }. <em>`code` &amp; | _x_</em>") in html
    assert "<script" not in html and "<code>" not in html and "<em>x" not in html and "onclick=x>" not in html
    # the citation, the heading's permalink and the doi: nothing a contributor wrote became a link
    assert html.count("<a ") == 3


@pytest.mark.parametrize("field", ["short", "authors", "title", "journal", "volume", "pages", "note"])
@pytest.mark.parametrize("value", ["<b>Bold</b>", "<img src=x onerror=alert(1)>", "Text <!-- hidden -->"])
def test_html_in_any_field_of_a_reference_is_refused(tmp_path: Path, field: str, value: str) -> None:
    assert problems_of(tmp_path, OZER | {field: value}) == {
        field: "contains HTML — write plain text here, without <tags>: this field is shown as plain text"}


@pytest.mark.parametrize(("work", "expected"), [
    (without(OZER, "journal", "volume", "issue", "pages"),
     {"journal": "needs exactly one of journal, publisher or site"}),
    (OZER | {"publisher": "APA"}, {"journal": "gives journal and publisher: only one may say where the work appeared"}),
    (without(OZER, "volume"), {"volume": "is missing: a journal article needs its volume"}),
    (without(OZER, "pages"), {"pages": "is missing: a journal article needs its pages or article number"}),
    (without(OZER, "doi"), {"url": "is missing: a reference needs a doi or a url"}),
    (without(GUIDELINE, "url"), {"url": "is missing: a reference needs a doi or a url"}),
    (without(OZER, "seen_at", "seen_on"), {"seen_at": "is missing", "seen_on": "is missing"}),
    (without(OZER, "authors", "title"), {"authors": "is missing", "title": "is missing"}),
    (OZER | {"seen_on": "last week"}, {"seen_on": "'last week' is not a date"}),
    (OZER | {"year": "2003, March"}, {"year": "'2003, March' is not written as this field needs"}),
    (OZER | {"key": "Ozer-2003"}, {"key": "'Ozer-2003' is not written as this field needs"}),
    (OZER | {"doi": "https://doi.org/10.1037/x"}, {"doi": "'https://doi.org/10.1037/x' is not written as"}),
    (OZER | {"doi": "10.1037/x)](javascript:alert(1)"}, {"doi": "'10.1037/x)](javascript:alert(1)' is not written"}),
    (GUIDELINE | {"url": "http://www.nice.org.uk/guidance/ng116"},
     {"url": "'http://www.nice.org.uk/guidance/ng116' is not secure (http)"}),
    (GUIDELINE | {"url": "JavaScript:alert(1)"}, {"url": "'javascript:' addresses are not allowed"}),
    (GUIDELINE | {"url": "https://www.nice.org.uk/a)b"}, {"url": "'https://www.nice.org.uk/a)b' has characters"}),
    (OZER | {"seen_at": "pubmed.ncbi.nlm.nih.gov/1"}, {"seen_at": "'pubmed.ncbi.nlm.nih.gov/1' is not a web address"}),
    (OZER | {"title": ""}, {"title": "is empty"}),
    (OZER | {"jounral": "Psychological Bulletin"}, {"jounral": "'jounral' is not a field here — did you mean 'jour"}),
])
def test_an_incomplete_or_unsafe_reference_is_refused_naming_each_field(tmp_path: Path, work: dict[str, Any],
                                                                      expected: dict[str, str]) -> None:
    found = problems_of(tmp_path, work)
    assert set(found) == set(expected)
    for field, message in expected.items():
        assert found[field].startswith(message), found[field]
        assert " — " in found[field] and not found[field].endswith(" — "), "every problem says how to fix it"


def test_bad_reference_entries_are_reported_with_their_file_line_and_field(tmp_path: Path) -> None:
    second = without(OZER, "doi", key="two", url="http://example.org/")
    third = OZER | {"short": "Again"}
    loaded, problems = load(tmp_path, [without(OZER, "seen_at"), second, third])
    text_lines = (tmp_path / "data" / "references" / "a.yml").read_text().splitlines()
    starts = [n for n, line in enumerate(text_lines, 1) if line.startswith("- ")]
    url_line = next(n for n, line in enumerate(text_lines, 1) if line.strip().startswith("url:"))
    assert list(loaded) == ["ozer2003"]  # the third is valid: the first was never accepted
    assert [(p.path, p.line, p.field, p.message) for p in problems] == [
        ("data/references/a.yml", starts[0], "seen_at", "is missing"),
        ("data/references/a.yml", url_line, "url", "'http://example.org/' is not secure (http)"),
    ]


def test_a_key_used_twice_is_reported_at_the_second(tmp_path: Path) -> None:
    loaded, problems = load(tmp_path, [OZER, OZER | {"short": "Again"}])
    assert list(loaded) == ["ozer2003"] and loaded["ozer2003"].short == "Ozer et al., 2003"
    assert [(p.field, p.message) for p in problems] == [("key", "'ozer2003' is used twice")]
    assert problems[0].line > 1


def test_a_file_that_is_not_a_list_or_not_yaml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "key: ozer2003\n")
    assert [(p.field, p.message) for p in problems] == [("references", "must be a list")]
    _, problems = load(tmp_path, "- key: [unclosed\n")
    assert problems[0].field == "references" and "cannot be read" in problems[0].message


# --- The old free-text form --------------------------------------------------------------------------


def test_a_reference_in_the_old_free_text_form_is_refused_naming_the_fields_it_needs(tmp_path: Path) -> None:
    old = {"key": "old2001", "short": "Old, 2001", "citation": "Old, A. (2001). A work. Journal, 1, 2–3.",
           "doi": "10.1000/xyz", "seen_at": "https://example.org/old"}
    found = problems_of(tmp_path, old)
    assert set(found) == {"citation", "authors", "year", "title", "seen_on"}
    assert found["citation"].startswith("'citation' is not a field here")
    assert found["authors"].startswith("is missing — give the authors as a reference list writes them")
