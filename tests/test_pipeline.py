"""The content pipeline: one snapshot per build, hostile values in every field a contributor can edit
rendered as plain text or refused, review dates on a fixed clock, and layers that cannot tangle."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from content import compose, directory, frontmatter, html_safety, markdown_html, review, urls
from content.site import load_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
TO_HTML = markdown_html.for_config(ROOT / "mkdocs.yml")
TODAY = date(2026, 12, 1)


def golden_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(GOLDEN / "docs", project / "docs")
    shutil.copytree(GOLDEN / "data", project / "data")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.split("\nnav:")[0] + "\n", encoding="utf-8")  # its own pages only
    return project


def test_each_entry_is_validated_once_in_a_whole_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    calls: list[str] = []
    original = directory.validate_entry

    def counted(document: frontmatter.Document, today: date):
        calls.append(document.path)
        return original(document, today)

    monkeypatch.setattr(directory, "validate_entry", counted)
    project = golden_project(tmp_path)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    build(config)
    assert sorted(calls) == sorted(f"docs/directory/entries/{p.name}" for p in
                                   (project / "docs/directory/entries").glob("*.md"))
    assert (tmp_path / "site/directory/countries/gb/index.html").exists()


# --- Hostile values in every field ---------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>", "<svg/onload=alert(1)>", "<img src=https://evil.example/p.gif>",
    "x)[y](https://evil.example/)", "x](https://evil.example/", "a > b", "{ onclick=\"alert(1)\" .md-button }",
    "jav&#x09;ascript:alert(1)", "javascript:alert(1)", "[^1]", "*[HTML]: x", "<meta http-equiv=refresh content=0>",
    "`code`", "\\\\evil", "# heading", "\n\n- item\n", "!!! warning", "&lt;b&gt;", "<!-- -->", "https://evil.example/",
]
TEXT_FIELDS = ["name", "english_name", "who_answers", "what_to_expect", "hours", "source_note"]
CONTACT_TEXT = ["note", "keyword"]
ADDRESS_FIELDS = ["website", "source"]


def entry_with(field: str, value: str) -> dict:
    meta = yaml.safe_load((GOLDEN / "docs/directory/entries/gb-example-line.md").read_text().split("---")[1])
    meta.pop("paired_with")
    if field in CONTACT_TEXT:
        meta["contacts"][1][field] = value
    elif field == "email":
        meta["contacts"].append({"type": "email", "value": value})
    elif field == "chat":
        meta["contacts"].append({"type": "chat", "value": value})
    else:
        meta[field] = value
    if field == "source_note":
        meta["source_kind"] = "secondary"
    return meta


def rendered_entry(tmp_path: Path, meta: dict, body: str = "A line.") -> tuple[list[str], str | None]:
    project = tmp_path / "hostile"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs/directory/entries").mkdir(parents=True)
    shutil.copytree(GOLDEN / "data", project / "data")
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n"
    (project / "docs/directory/entries/gb-example-line.md").write_text(text, encoding="utf-8")
    site = load_site(project, today=TODAY)
    if site.problems:
        return [str(p) for p in site.problems], None
    return [], TO_HTML(compose.source_markdown(site, "directory/entries/gb-example-line.md"))


def allowed_hosts(meta: dict) -> set[str]:
    hosts = {urlsplit(meta[field]).hostname for field in ADDRESS_FIELDS if field in meta}
    hosts |= {urlsplit(c["value"]).hostname for c in meta["contacts"] if c["type"] in ("chat", "web")}
    return hosts | {"github.com"}


def assert_safe(meta: dict, html: str, field: str) -> None:
    reading = html_safety.read_html(html)
    assert reading.findings == (), reading.findings
    for href in reading.links:
        scheme = urls.scheme(href)
        if scheme == "https":
            assert urls.host(href) in allowed_hosts(meta), href
        else:
            assert scheme in (None, "tel", "sms", "mailto"), href
            assert not urls.leaves_site(href), href
        if scheme == "mailto":
            assert href.removeprefix("mailto:") in [c["value"] for c in meta["contacts"] if c["type"] == "email"]
    if field not in (*ADDRESS_FIELDS, "chat"):  # only an address field may name another host
        assert "evil.example" not in "".join(reading.links)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TEXT_FIELDS + CONTACT_TEXT + ADDRESS_FIELDS + ["email", "chat"]),
       value=st.one_of(st.sampled_from(HOSTILE), st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE),
                                                              st.sampled_from(HOSTILE))))
def test_a_hostile_value_in_any_field_is_refused_or_shown_as_plain_text(tmp_path: Path, field: str,
                                                                        value: str) -> None:
    meta = entry_with(field, value)
    problems, html = rendered_entry(tmp_path, meta)
    if html is None:
        assert problems and all(": " in p and "Traceback" not in p for p in problems)
        return
    assert_safe(meta, html, field)


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_description_is_refused_by_the_html_check(tmp_path: Path, value: str) -> None:
    """A description is prose, like any page: it may link to other sites over https, never run,
    load or redirect anything."""
    meta = entry_with("name", "Example Line")
    _, html = rendered_entry(tmp_path, meta, body=f"Text {value}")
    assert html is not None
    reading = html_safety.read_html(html)
    if reading.findings:
        return  # `make check` refuses it with the line
    assert all(urls.scheme(link) in (None, "https", "tel", "sms", "mailto") for link in reading.links)
    assert not any(urls.leaves_site(link) for link in reading.links if urls.scheme(link) is None)


# --- Review dates on a fixed clock ---------------------------------------------------------------


def test_pages_are_due_twelve_months_after_review_unless_they_say_otherwise() -> None:
    assert review.page_review({"last_reviewed": date(2026, 1, 31)}) == review.Review(date(2026, 1, 31),
                                                                                    date(2027, 1, 31))
    assert review.page_review({"last_reviewed": "2026-03-01", "review_by": "2026-06-01"}).due == date(2026, 6, 1)
    assert review.page_review({}) is None
    assert review.months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_lines_are_due_after_six_months_other_entries_after_twelve() -> None:
    site = load_site(GOLDEN, today=TODAY)
    line = site.entry_named("gb-example-line").entry
    assert review.entry_review(line) == review.Review(date(2026, 11, 1), date(2027, 5, 1))
    therapist = line.model_copy(update={"kind": "therapist-directory"})
    assert review.entry_review(therapist).due == date(2027, 11, 1)


def test_an_overdue_page_shows_a_calm_note_with_the_date_it_was_checked() -> None:
    later = load_site(GOLDEN, today=date(2028, 1, 1))
    page = compose.source_markdown(later, "directory/index.md")
    assert '!!! note "Due for review"' in page and "1 November 2026" in page
    assert page.index("# Directory") < page.index("Due for review")
    assert '"Due for review"' not in compose.source_markdown(load_site(GOLDEN, today=TODAY), "directory/index.md")
    entry = compose.source_markdown(later, "directory/entries/gb-example-line.md")
    assert "Due for review" in entry and "Next check due by **1 May 2027**" in entry


def test_open_now_follows_the_services_own_time_zone() -> None:
    youth = load_site(GOLDEN, today=TODAY).entry_named("gb-example-youth-line").entry
    schedule = youth.schedule
    assert schedule is not None
    assert schedule.is_open(datetime(2026, 7, 1, 8, 30, tzinfo=UTC))  # 09:30 in London's summer
    assert not schedule.is_open(datetime(2026, 12, 1, 8, 30, tzinfo=UTC))  # 08:30 in its winter
    assert not schedule.is_open(datetime(2026, 12, 6, 12, 0, tzinfo=UTC))  # Sunday


# --- Layers ----------------------------------------------------------------------------------------


def test_the_content_package_keeps_its_layers() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout
