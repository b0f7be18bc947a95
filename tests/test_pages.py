"""Page checks (review fields, internal links, HTML that could run script) and what every page shows:
when it was last reviewed (for a generated page, what it lists), and an edit link on source pages."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from content import compose, directory, frontmatter, markdown_html, pages
from content.render import render
from content.review import Review, as_date
from content.site import load_site, page_path

from conftest import ROOT, real_site

TODAY = date(2026, 12, 1)
SITE = real_site()
TO_HTML = markdown_html.for_config(ROOT / "mkdocs.yml")


def document(text: str, path: str = "docs/guide/example.md") -> frontmatter.Document:
    parsed, problems = frontmatter.parse(text, path)
    assert problems == [] or not parsed.readable
    return parsed


def page(meta: str, body: str = "# Example\n") -> str:
    return f"---\n{meta}\n---\n\n{body}"


FULL = "title: Example\ndescription: An example.\nlast_reviewed: 2026-11-01"


# --- Review fields -------------------------------------------------------------------------------


def test_a_page_with_title_description_and_a_past_review_date_passes() -> None:
    assert pages.check_review_fields(document(page(FULL)), SITE) == []


def test_each_missing_review_field_is_named_with_how_to_write_it() -> None:
    problems = pages.check_review_fields(document(page("tags: [Trauma]")), SITE)
    assert [(p.field, p.message) for p in problems] == [
        ("title", "is missing"), ("description", "is missing"), ("last_reviewed", "is missing")]
    assert all(p.fix for p in problems)


@pytest.mark.parametrize(("written", "message"), [
    ("last week", "'last week' is not a date"),
    ('"2026-13-01"', "'2026-13-01' is not a date"),
    ("2099-01-01", "2099-01-01 is in the future"),
])
def test_a_review_date_must_be_a_real_date_not_in_the_future(written: str, message: str) -> None:
    text = page(FULL.replace("2026-11-01", written))
    (problem,) = pages.check_review_fields(document(text), SITE)
    assert (problem.line, problem.field, problem.message) == (4, "last_reviewed", message)


def test_today_anywhere_on_earth_is_not_in_the_future() -> None:
    latest = pages.latest_today()
    assert latest >= datetime.now().date() - timedelta(days=1)
    assert pages.check_review_fields(document(page(FULL.replace("2026-11-01", latest.isoformat()))), SITE) == []
    tomorrow = (latest + timedelta(days=1)).isoformat()
    assert pages.check_review_fields(document(page(FULL.replace("2026-11-01", tomorrow))), SITE)


def test_a_date_the_calendar_does_not_have_is_a_problem_not_a_traceback() -> None:
    parsed, problems = frontmatter.parse(page(FULL.replace("2026-11-01", "2026-02-30")), "docs/guide/x.md")
    assert not parsed.readable
    assert [(p.line, p.field, p.message) for p in problems] == [
        (4, "front matter", "this date does not exist (day is out of range for month)")]


def test_review_dates_may_be_written_with_or_without_quotes() -> None:
    assert as_date(date(2026, 1, 2)) == date(2026, 1, 2)
    assert as_date(datetime(2026, 1, 2, 9, 30)) == date(2026, 1, 2)
    assert as_date("2026-01-02") == date(2026, 1, 2)
    assert as_date("January 2026") is None and as_date(None) is None


def test_a_title_that_is_not_text_is_refused() -> None:
    problems = pages.check_review_fields(document(page(FULL.replace("title: Example", "title: [a, b]"))), SITE)
    assert [(p.field, p.message) for p in problems] == [("title", "must be a line of text")]


def test_unreadable_front_matter_is_reported_once_not_as_missing_fields() -> None:
    broken = document(page("title: Trauma: a guide"))
    assert not broken.readable
    assert pages.check_review_fields(broken, SITE) == []


def test_directory_entries_use_their_own_fields() -> None:
    entry = document(page("name: Example"), path=f"docs/{directory.ENTRIES_FOLDER}/gb-example.md")
    assert directory.is_entry(entry)
    assert pages.check_review_fields(entry, SITE) == []


# --- Links and anchors, read from the HTML each page becomes -------------------------------------


# One topic is enough for these pages, and each topic is one more page to render and check.
ONE_TOPIC = "- slug: trauma\n  label: Trauma\n  description: What happens after events that overwhelm.\n"


def rendered_problems(body: str, tmp_path: Path, *, name: str = "new.md") -> list[str]:
    project = tmp_path / "project"
    (project / "docs/guide").mkdir(parents=True)
    shutil.copytree(ROOT / "data", project / "data")
    (project / "data/tags.yml").write_text(ONE_TOPIC, encoding="utf-8")
    (project / "docs/guide/index.md").write_text(page(FULL, "# Guide\n\n## First steps\n"), encoding="utf-8")
    (project / "docs/guide" / name).write_text(page(FULL, body), encoding="utf-8")
    site = load_site(project, today=TODAY)
    return [f"{p.line}: {p.field}: {p.message} — {p.fix}" for p in pages.check_rendered_pages(site, TO_HTML)
            if p.path == f"docs/guide/{name}"]


def test_heading_ids_come_from_the_sites_own_table_of_contents(tmp_path: Path) -> None:
    body = ("# Ça va? Naïve café\n\n## Repeat\n\n## Repeat\n\n## Has `code` and *emphasis*\n\n"
            "## Custom { #own-id }\n\n<div id=\"html-id\"></div>\n\nText.[^1]\n\n[^1]: A note.\n\n"
            "[a](#ca-va-naive-cafe) [b](#repeat_1) [c](#has-code-and-emphasis) [d](#own-id) [e](#html-id) "
            "[f](#fn:1)\n")
    assert rendered_problems(body, tmp_path) == []


def test_citations_give_a_page_its_references_anchors(tmp_path: Path) -> None:
    assert rendered_problems("# New\n\nSupport helps [@ozer2003]. [list](#references)\n", tmp_path) == []


def test_links_in_code_are_not_links(tmp_path: Path) -> None:
    text = "# New\n\n```md\n[not](b.md)\n```\n\nInline `[not](c.md)` too.\n"
    assert rendered_problems(text, tmp_path) == []


def test_relative_links_and_anchors_to_source_and_generated_pages_pass(tmp_path: Path) -> None:
    body = ("# New\n\n## Here\n\n[guide](index.md), [steps](index.md#first-steps), [here](#here), "
            "[topic](../tags/trauma.md), [topics](../tags/index.md), "
            "[kind](../directory/kinds/crisis-line.md), [site](https://example.org/), [call](tel:988)\n")
    assert rendered_problems(body, tmp_path) == []


def test_broken_links_name_the_line_and_the_closest_page(tmp_path: Path) -> None:
    body = "# New\n\n[guide](indx.md)\n[steps](index.md#first-step)\n[here](#nowhere)\n[folder](../guide/)\n"
    found = rendered_problems(body, tmp_path)
    assert found[0].startswith("9: link: 'indx.md' is not a page on this site — did you mean 'index.md'")
    assert found[1:] == [
        "10: link: '#first-step' is not a heading on 'index.md' — did you mean 'first-steps'? "
        "Anchors are headings in lowercase, with hyphens.",
        "11: link: '#nowhere' is not a heading on this page — use one of: 'new' "
        "Anchors are headings in lowercase, with hyphens.",
        "12: link: '../guide/' links to a web address, not to a page file — "
        "link to the Markdown file instead: 'index.md'",
    ]


@pytest.mark.slow  # checks the whole site
def test_the_real_sites_pages_are_safe_and_their_links_all_resolve() -> None:
    assert [str(p) for p in pages.check_rendered_pages(SITE, TO_HTML)] == []


# --- HTML that could run, load or redirect --------------------------------------------------------


@pytest.mark.parametrize("body", [
    "<SCRIPT src=x></SCRIPT>",
    "<iframe\n  src=x></iframe>",
    '<a href="x"\n   onmouseover="alert(1)">x</a>',
    "[x](JavaScript:alert(1))",
    "[x][r]\n\n[r]: vbscript:msgbox(1)",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "<form action=https://example.org><input></form>",
    "<svg/onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://example.org/">',
    "<style>@import url(https://example.org/x.css)</style>",
    '<link rel="stylesheet" href="https://example.org/x.css">',
    '<p style="background: url(https://example.org/pixel.gif)">x</p>',
    '<span style="background: url(https://example.org/pixel.gif)">x</span>',
    "![pixel](https://example.org/pixel.gif)",
    '<img src="//example.org/pixel.gif" alt="">',
    '<video src="https://example.org/v.mp4"></video>',
    "## Heading { onclick=\"alert(1)\" }",
    "Para\n{ onclick=\"alert(1)\" }",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<template><p>x</p></template>",
    "<base href=\"https://example.org/\">",
    "<button>Send</button>",
    "[x](http://example.org/)",
])
def test_anything_that_could_run_load_or_redirect_is_refused(body: str, tmp_path: Path) -> None:
    found = rendered_problems(f"# Example\n\n{body}\n", tmp_path)
    first_line = 9  # after 5 lines of front matter, a blank line, the heading and a blank line
    last_line = first_line + body.count("\n")
    assert found, body
    assert all(p.split(":")[1].strip() in ("html", "link") for p in found)
    assert all(first_line <= int(p.split(":")[0]) <= last_line for p in found), found


@pytest.mark.parametrize("body", [
    "Turn JavaScript off: every page still works.",
    "`<script>` in code is shown, not run.",
    "```html\n<script>alert(1)</script>\n```",
    "~~~~\n<iframe src=x></iframe>\n~~~~",
    "[Call](tel:988){ .md-button }",
    '<div class="grid" markdown>\n\nText, on a line.\n\n</div>',
    "Scores of 3 < 5 and online=fine",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "[Email](mailto:help@example.org) or [text](sms:85258)",
])
def test_ordinary_content_is_not_mistaken_for_danger(body: str, tmp_path: Path) -> None:
    assert rendered_problems(f"# Example\n\n{body}\n", tmp_path) == []


def test_html_in_any_front_matter_text_is_refused_with_its_field() -> None:
    text = page('name: "<b>Line</b>"\ncontacts:\n  - type: phone\n    note: "<i>free</i>"\ntags: [a]')
    problems = pages.check_front_matter_text(document(text), SITE)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (2, "name", "contains HTML"), (3, "contacts[1].note", "contains HTML")]


# --- What pages show ----------------------------------------------------------------------------


def test_the_last_reviewed_line_gives_a_readable_and_a_machine_date_and_the_next_review() -> None:
    line = render("review-line.md", review=Review(date(2026, 3, 5), date(2027, 3, 5)))
    assert line.strip() == ('<p class="last-reviewed">Last reviewed: <time datetime="2026-03-05">5 March 2026</time>. '
                            'Next review due by <time datetime="2027-03-05">5 March 2027</time>.</p>')


def source_pages() -> list[tuple[str, date]]:
    """Every source page that is not a directory entry, with its review date."""
    found = []
    for doc in SITE.documents:
        if not directory.is_entry(doc):
            found.append((page_path(doc), as_date(doc.meta["last_reviewed"])))
    return found


def built_page(site: Path, source: str) -> str:
    address = re.sub(r"(^|/)index$", "", source.removesuffix(".md"))
    return (site / address / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_source_page_shows_when_it_was_last_reviewed_and_has_an_edit_link(built_site: Path) -> None:
    shown = source_pages()
    assert len(shown) >= 10
    for source, reviewed in shown:
        html = built_page(built_site, source)
        assert f'Last reviewed: <time datetime="{reviewed.isoformat()}">' in html, source
        assert f"/edit/main/docs/{source}" in html, source


@pytest.mark.slow
def test_entry_pages_have_an_edit_link_but_their_own_date(built_site: Path) -> None:
    entry = next(doc for doc in SITE.documents if directory.is_entry(doc))
    html = built_page(built_site, page_path(entry))
    assert f"/edit/main/docs/{page_path(entry)}" in html
    assert "Last reviewed:" not in html and "Last verified" in html


@pytest.mark.slow
def test_generated_pages_have_no_edit_link_and_show_the_dates_of_what_they_list(built_site: Path) -> None:
    generated = SITE.generated
    assert {path.split("/")[0] for path in generated} == {"tags", "directory"}
    dated = re.compile(r'<p class="last-reviewed">Everything listed here was last checked (on|between) '
                       r'<time datetime="(\d{4}-\d\d-\d\d)">.*Next review due by <time datetime="(\d{4}-\d\d-\d\d)">')
    for path, page in generated.items():
        html = built_page(built_site, path)
        assert "/edit/main/" not in html and "Last reviewed:" not in html, path
        if not compose.item_reviews(SITE, page):  # a kind with no service yet: nothing to date
            assert dated.search(html) is None, path
            continue
        found = dated.search(html)
        assert found, f"{path} does not say when what it lists was checked"
        checked, due = date.fromisoformat(found[2]), date.fromisoformat(found[3])
        assert checked <= SITE.today and checked < due, path
        assert ("Due for review" in html) is (SITE.today > due), path  # time passing shows a note, never fails


# --- Review dates ------------------------------------------------------------------------------


def test_review_by_must_be_a_date_after_the_last_review() -> None:
    (problem,) = pages.check_review_fields(document(page(FULL + "\nreview_by: 2026-10-01")), SITE)
    assert (problem.field, problem.message) == ("review_by", "2026-10-01 is not after last_reviewed")
    assert pages.check_review_fields(document(page(FULL + "\nreview_by: 2027-06-01")), SITE) == []
