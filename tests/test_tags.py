"""Unit tests for the topic (tag) functions: vocabulary, spelling, counts and generated pages."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from content import compose, markdown_html, tags
from content.render import markdown_text
from content.site import VOCABULARY_FILE, Site, load_site

from conftest import ROOT

SOURCE_TAGS = ["intimacy", "trauma", "therapy", "healing", "connection", "relationships", "emotional-health"]


@pytest.fixture(scope="module")
def vocabulary() -> tags.Vocabulary:
    loaded, problems = tags.load_vocabulary(ROOT / VOCABULARY_FILE, "data/tags.yml")
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A project with the real vocabulary and no pages: what the topic pages are made from."""
    project = tmp_path_factory.mktemp("project")
    (project / "docs").mkdir()
    (project / VOCABULARY_FILE).parent.mkdir(parents=True)
    shutil.copy2(ROOT / VOCABULARY_FILE, project / VOCABULARY_FILE)
    loaded = load_site(project, today=date(2026, 11, 23))
    assert loaded.problems == ()
    return loaded


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tags.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_vocabulary_holds_the_source_articles_seven_tags(vocabulary: tags.Vocabulary) -> None:
    slugs = {tag.slug for tag in vocabulary.tags}
    assert set(SOURCE_TAGS) <= slugs


@pytest.mark.parametrize("written", ["Emotional health", "emotional health", "Emotional Health",
                                     "EMOTIONAL-HEALTH", "emotional_health", "emotionalhealth"])
def test_any_case_or_spacing_resolves_to_one_tag(vocabulary: tags.Vocabulary, written: str) -> None:
    tag = vocabulary.resolve(written)
    assert tag is not None and tag.slug == "emotional-health" and tag.label == "Emotional health"


def test_tag_key_folds_case_spaces_and_punctuation() -> None:
    assert tags.tag_key("LGBTQIA+") == tags.tag_key("lgbtqia") == "lgbtqia"
    assert tags.tag_key("Emotional Health") == "emotionalhealth"


def test_resolving_keeps_order_and_drops_repeats(vocabulary: tags.Vocabulary) -> None:
    resolved, problems = tags.resolve_tags(["Trauma", "intimacy", "TRAUMA"], vocabulary, path="p.md", line=3)
    assert problems == []
    assert [tag.slug for tag in resolved] == ["trauma", "intimacy"]


def test_an_unknown_tag_names_file_line_tag_and_the_closest_known_tag(vocabulary: tags.Vocabulary) -> None:
    resolved, problems = tags.resolve_tags(["relationships", "relationshipz"], vocabulary,
                                           path="docs/guide/x.md", line=4)
    assert [tag.slug for tag in resolved] == ["relationships"]
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith("docs/guide/x.md:4: tags: unknown tag 'relationshipz'")
    assert "did you mean 'Relationships'?" in message
    assert "data/tags.yml" in message


def test_an_unknown_tag_with_nothing_close_lists_the_choices(vocabulary: tags.Vocabulary) -> None:
    _, problems = tags.resolve_tags(["zzzz"], vocabulary, path="p.md", line=2)
    assert "use one of:" in problems[0].fix and "'Trauma'" in problems[0].fix


def test_tags_written_as_a_single_string_are_refused(vocabulary: tags.Vocabulary) -> None:
    _, problems = tags.resolve_tags("Trauma, Healing", vocabulary, path="p.md", line=2)
    assert problems[0].field == "tags" and problems[0].message == "must be a list"


def test_no_tags_is_fine(vocabulary: tags.Vocabulary) -> None:
    assert tags.resolve_tags(None, vocabulary, path="p.md", line=1) == ([], [])


def test_a_vocabulary_entry_without_a_description_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "- slug: calm\n  label: Calm\n  description: '  '\n- slug: rest\n  label: Rest\n")
    loaded, problems = tags.load_vocabulary(path, "data/tags.yml")
    assert [tag.slug for tag in loaded.tags] == []
    # each on the line of its field; a missing one on the line its tag starts
    assert {(p.line, p.field, p.message) for p in problems} == {(3, "description", "is empty"),
                                                                (4, "description", "is missing")}
    assert all("one short paragraph" in p.fix for p in problems)


def test_a_bad_slug_and_an_unknown_field_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "- slug: Calm Down\n  label: Calm\n  description: Being calm.\n  colour: blue\n")
    _, problems = tags.load_vocabulary(path, "data/tags.yml")
    fields = {p.field: p for p in problems}
    assert set(fields) == {"slug", "colour"}
    assert fields["slug"].message == "'Calm Down' is not written as this field needs"
    assert fields["slug"].fix.startswith("use lowercase letters, digits and hyphens")
    assert fields["colour"].message == "'colour' is not a field here"
    assert fields["colour"].line == 4 and fields["slug"].line == 1


@pytest.mark.parametrize("label", ["<b>Calm</b>", "*Calm*", "[Calm](https://x.org/)", "Calm { onclick=x }",
                                   "Calm &amp; rest", "Calm_rest", "Calm | rest", "# Calm", "`Calm`", "Calm\\"])
def test_a_label_with_markup_is_refused(tmp_path: Path, label: str) -> None:
    path = write(tmp_path, f"- slug: calm\n  label: {json.dumps(label)}\n  description: Being calm.\n")
    loaded, problems = tags.load_vocabulary(path, "data/tags.yml")
    assert loaded.tags == ()
    assert [(p.line, p.field, p.message) for p in problems] == [
        (2, "label", f"'{label}' is not written as this field needs")]
    assert problems[0].fix == tags.FIXES["label"]


@pytest.mark.parametrize("label", ["Calm", "LGBTQIA+", "Self-care", "Rest, and calm (at home)"])
def test_a_label_in_plain_words_is_accepted(tmp_path: Path, label: str) -> None:
    path = write(tmp_path, f"- slug: calm\n  label: {json.dumps(label)}\n  description: Being calm.\n")
    loaded, problems = tags.load_vocabulary(path, "data/tags.yml")
    assert problems == [] and [tag.label for tag in loaded.tags] == [label]


def test_two_entries_that_fold_to_the_same_key_clash(tmp_path: Path) -> None:
    path = write(tmp_path, "- {slug: self-care, label: Self-care, description: A.}\n"
                           "- {slug: selfcare, label: Self care, description: B.}\n")
    _, problems = tags.load_vocabulary(path, "data/tags.yml")
    assert problems and problems[0].line == 2 and "clashes with 'Self-care'" in problems[0].message


def test_broken_yaml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    _, problems = tags.load_vocabulary(write(tmp_path, "- slug: [unclosed\n"), "data/tags.yml")
    assert problems[0].field == "vocabulary" and "cannot be read" in problems[0].message


def test_counts_are_per_page_and_per_slug(vocabulary: tags.Vocabulary) -> None:
    trauma, intimacy = vocabulary.resolve("trauma"), vocabulary.resolve("intimacy")
    counts = tags.count_pages([[trauma, intimacy], [trauma], [trauma, trauma]])
    assert counts == Counter({"trauma": 3, "intimacy": 1})


def test_every_tag_and_the_index_have_a_generated_page(site: Site) -> None:
    paths = {path for path, page in site.generated.items() if page.template in ("tag.md", "tag-index.md")}
    assert paths == {tags.index_page_path(), *(tags.tag_page_path(tag) for tag in site.vocabulary.tags)}
    assert site.generated["tags/index.md"].title == "Topics"


def test_a_tag_page_holds_its_description_and_a_material_listing(site: Site) -> None:
    tag = site.vocabulary.resolve("emotional health")
    assert tags.tag_page_path(tag) == "tags/emotional-health.md"
    page = site.generated[tags.tag_page_path(tag)]
    assert (page.title, page.values) == ("Emotional health", {"tag": tag})
    markdown = compose.generated_markdown(site, page)
    assert markdown.startswith(f'---\ntitle: "Emotional health"\n'
                               f"description: {json.dumps(tags.first_sentence(tag.description))}\n---\n")
    assert f"# {tag.label}\n\n{markdown_text(tag.description)}\n" in markdown
    assert f"<!-- tag-count: {tag.slug} -->" in markdown
    assert '<!-- material/tags {"include": ["Emotional health"], "layout": "by-part"} -->' in markdown


def test_a_tag_description_is_shown_as_plain_text(site: Site) -> None:
    text = "&lt;script&gt;x [link](javascript:x) *bold* { onclick=x } --> # | `code` a > b"
    hostile = tags.Tag(slug="calm", label="Calm", description=text)
    markdown = compose.generated_markdown(site, compose.GeneratedPage("tags/calm.md", "tag.md", "Calm",
                                                                      {"tag": hostile}))
    front, body = markdown.split("\n---\n", 1)
    assert ("&amp;lt;script&amp;gt;x \\[link\\]\\(javascript:x\\) \\*bold\\* \\{ onclick=x \\} \\-\\-&gt; "
            "\\# \\| \\`code\\` a &gt; b") in body
    html = markdown_html.for_config(ROOT / "mkdocs.yml")(body)  # as the site renders it
    assert ("<p>&amp;lt;script&amp;gt;x [link](javascript:x) *bold* { onclick=x } --&gt; # | `code` a &gt; b</p>"
            in html)
    assert "<script" not in html and "javascript:x\"" not in html and "<em>" not in html and "<code>" not in html
    # the front matter's description is one quoted YAML string, which MkDocs escapes where it shows it
    assert front.endswith(f"\ndescription: {json.dumps(text)}")


@pytest.mark.parametrize("description", ["Being <b>calm</b>.", "<script>alert(1)</script>", "A <!-- comment -->",
                                         "<img src=x onerror=alert(1)>", "Calm</p><p>Rest"])
def test_html_in_a_description_is_refused(tmp_path: Path, description: str) -> None:
    path = write(tmp_path, f"- slug: calm\n  label: Calm\n  description: {json.dumps(description)}\n")
    loaded, problems = tags.load_vocabulary(path, "data/tags.yml")
    assert loaded.tags == ()
    assert [(p.line, p.field, p.message) for p in problems] == [(3, "description", "contains HTML")]
    assert problems[0].fix.startswith("write plain text here, without <tags>")


def test_the_first_sentence_of_a_description_is_its_summary() -> None:
    assert tags.first_sentence("Feeling safe. Then the rest.") == "Feeling safe."
    assert tags.first_sentence("Is it time? Maybe.") == "Is it time?"
    assert tags.first_sentence("No full stop") == "No full stop"
    assert tags.first_sentence("Version 2.0 of it. Then more.") == "Version 2.0 of it."


def test_the_index_lists_every_tag_in_label_order(site: Site) -> None:
    vocabulary = site.vocabulary
    markdown = compose.generated_markdown(site, site.generated[tags.index_page_path()])
    assert markdown.startswith("---\ntitle: Topics\n")
    positions = [markdown.index(f"## [{markdown_text(tag.label)}]({tag.slug}.md)") for tag in vocabulary.tags]
    labels_in_order = [tag.label for _, tag in sorted(zip(positions, vocabulary.tags, strict=True))]
    assert labels_in_order == sorted(labels_in_order, key=str.casefold)


def test_fill_counts_writes_a_sentence_per_marker() -> None:
    html = "<!-- tag-count: trauma --><!-- tag-count: ptsd --><!-- tag-count: cost -->"
    filled = tags.fill_counts(html, Counter({"trauma": 3, "ptsd": 1}))
    assert filled == ('<p class="tag-count">3 pages</p><p class="tag-count">1 page</p>'
                      '<p class="tag-count">No page carries this topic yet.</p>')
