"""The real site builds strictly, every topic has its page, and a misspelt tag fails the build."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from content import markdown_html, tags
from content.checks import check_site
from content.site import VOCABULARY_FILE, load_site

from conftest import ROOT, copy_project, mkdocs_build

SOURCE_TAGS = ["intimacy", "trauma", "therapy", "healing", "connection", "relationships", "emotional-health"]


def tagged_pages(tag_label: str) -> list[str]:
    """Source pages whose front matter carries the tag, as site URLs ('guide/x/')."""
    vocabulary, _ = tags.load_vocabulary(ROOT / VOCABULARY_FILE, "data/tags.yml")
    wanted = vocabulary.resolve(tag_label)
    urls = []
    from content import frontmatter

    for path in sorted((ROOT / "docs").rglob("*.md")):
        document, _ = frontmatter.read(path, ROOT / "docs")
        resolved, _ = tags.resolve_tags(document.meta.get("tags"), vocabulary, path=document.path, line=1)
        if wanted in resolved:
            relative = path.relative_to(ROOT / "docs").with_suffix("")
            url = "" if relative.name == "index" and relative.parent == Path(".") else relative.as_posix()
            urls.append(re.sub(r"(^|/)index$", r"\1", url).rstrip("/") + "/" if url else "")
    return urls


@pytest.mark.slow
@pytest.mark.parametrize("slug", SOURCE_TAGS)
def test_each_source_tag_has_a_page_listing_every_page_that_carries_it(built_site: Path, slug: str) -> None:
    page = built_site / "tags" / slug / "index.html"
    html = page.read_text(encoding="utf-8")
    vocabulary, _ = tags.load_vocabulary(ROOT / VOCABULARY_FILE, "data/tags.yml")
    tag = vocabulary.resolve(slug)
    assert f">{tag.label}<" in html and tag.description.split(".")[0] in html
    # Material writes the home page's address as '../..' and every other page's as '../../<path>/'.
    listed = {href.removeprefix("../..").lstrip("/") for href in re.findall(r'<li><a href="(\.\./\.\.[^"]*)"', html)}
    expected = set(tagged_pages(tag.label))
    assert expected, f"no page carries the source tag {tag.label}"
    assert listed == expected


@pytest.mark.slow
def test_the_topics_index_counts_pages_per_topic(built_site: Path) -> None:
    html = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    for slug in SOURCE_TAGS:
        count = len(tagged_pages(slug))
        noun = "page" if count == 1 else "pages"
        section = html.split(f'href="{slug}/"', 1)[1].split("<h2", 1)[0]
        assert f'<p class="tag-count">{count} {noun}</p>' in section
    assert "tag-count:" not in html  # every marker was filled


@pytest.mark.slow
def test_tag_chips_link_to_the_tags_own_page(built_site: Path) -> None:
    html = (built_site / "article" / "index.html").read_text(encoding="utf-8")
    chips = re.findall(r'<a href="([^"]+)" class="md-tag', html)
    assert "../tags/intimacy/#tag:intimacy" in chips
    assert all(re.fullmatch(r"\.\./tags/[a-z0-9-]+/#tag:[a-z0-9-]+", chip) for chip in chips)


@pytest.mark.slow
def test_generated_pages_are_not_written_into_docs_and_have_no_edit_link(built_site: Path) -> None:
    assert not (ROOT / "docs" / "tags").exists()
    html = (built_site / "tags" / "trauma" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/" not in html
    source = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/about/index.md" in source


@pytest.mark.slow  # checks the whole site
def test_the_real_content_passes_the_content_check() -> None:
    site = load_site(ROOT, today=date.today())
    assert [str(p) for p in check_site(site, markdown_html.for_config(ROOT / "mkdocs.yml"))] == []


@pytest.mark.slow
def test_a_misspelt_tag_fails_the_build_naming_file_tag_and_suggestion(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("  - Privacy", "  - Relationshps\n  - Emotional Health"),
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/about/index.md:4: tags: unknown tag 'Relationshps' — did you mean 'Relationships'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Emotional Health" not in result.stderr  # another spelling of a known tag is fine


@pytest.mark.slow
def test_a_page_that_could_run_script_fails_the_build_naming_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<svg/onload=alert(1)>\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert f"docs/about/index.md:{line}: html: <svg> is not allowed — remove it" in result.stderr
    assert "Traceback" not in result.stderr
