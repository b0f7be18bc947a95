"""Unit tests for the topic (tag) functions: vocabulary, spelling, counts and generated pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from content import tags
from content.check import VOCABULARY_FILE

from conftest import ROOT

SOURCE_TAGS = ["intimacy", "trauma", "therapy", "healing", "connection", "relationships", "emotional-health"]


@pytest.fixture(scope="module")
def vocabulary() -> tags.Vocabulary:
    loaded, problems = tags.load_vocabulary(ROOT / VOCABULARY_FILE, "data/tags.yml")
    assert problems == []
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
    assert {(p.line, p.field) for p in problems} == {(1, "description"), (4, "description")}
    assert all("one short paragraph" in p.fix for p in problems)


def test_a_bad_slug_and_an_unknown_field_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "- slug: Calm Down\n  label: Calm\n  description: Being calm.\n  colour: blue\n")
    _, problems = tags.load_vocabulary(path, "data/tags.yml")
    fields = {p.field: p for p in problems}
    assert "'Calm Down' is not a valid slug" in fields["slug"].message
    assert fields["colour"].message == "is not a field of a tag"


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


def test_a_tag_page_holds_its_description_and_a_material_listing(vocabulary: tags.Vocabulary) -> None:
    tag = vocabulary.resolve("emotional health")
    markdown = tags.tag_page_markdown(tag)
    assert tags.tag_page_path(tag) == "tags/emotional-health.md"
    assert f"# {tag.label}\n\n{tag.description}" in markdown
    assert '<!-- material/tags {"include": ["Emotional health"], "layout": "by-part"} -->' in markdown


def test_the_index_lists_every_tag_in_label_order(vocabulary: tags.Vocabulary) -> None:
    markdown = tags.index_page_markdown(vocabulary)
    positions = [markdown.index(f"## [{tag.label}]({tag.slug}.md)") for tag in vocabulary.tags]
    labels_in_order = [tag.label for _, tag in sorted(zip(positions, vocabulary.tags, strict=True))]
    assert labels_in_order == sorted(labels_in_order, key=str.casefold)


def test_fill_counts_writes_a_sentence_per_marker() -> None:
    html = "<!-- tag-count: trauma --><!-- tag-count: ptsd --><!-- tag-count: cost -->"
    filled = tags.fill_counts(html, Counter({"trauma": 3, "ptsd": 1}))
    assert filled == ('<p class="tag-count">3 pages</p><p class="tag-count">1 page</p>'
                      '<p class="tag-count">No page carries this topic yet.</p>')
