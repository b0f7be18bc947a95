"""Topics (tags): the vocabulary, resolving what pages write, and the generated topic pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .problems import Problem, did_you_mean

TAGS_FOLDER = "tags"
COUNT_MARKER = re.compile(r"<!--\s*tag-count:\s*([a-z0-9-]+)\s*-->")
LISTING_LAYOUT = "by-part"


class Tag(BaseModel):
    """One topic in the vocabulary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    label: str = Field(min_length=1)
    description: str

    @field_validator("description")
    @classmethod
    def _has_description(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        return value.strip()


def tag_key(name: str) -> str:
    """The form two spellings of one tag share: case, spaces and punctuation folded away."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@dataclass(frozen=True)
class Vocabulary:
    """All known topics, looked up by any spelling of their label or slug."""

    tags: tuple[Tag, ...]

    def __post_init__(self) -> None:
        index: dict[str, Tag] = {}
        for tag in self.tags:
            index.setdefault(tag_key(tag.label), tag)
            index.setdefault(tag_key(tag.slug), tag)
        object.__setattr__(self, "_index", index)

    def resolve(self, name: str) -> Tag | None:
        return self._index.get(tag_key(name))  # type: ignore[attr-defined]

    @property
    def labels(self) -> list[str]:
        return [tag.label for tag in self.tags]


def load_vocabulary(path: Path, shown: str) -> tuple[Vocabulary, list[Problem]]:
    """Read and validate the vocabulary file. Every entry needs a slug, a label and a description."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text) or []
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        return Vocabulary(()), [Problem(shown, 1, "vocabulary", f"cannot be read ({error})",
                                        "fix the YAML so that it is a list of tags")]
    if not isinstance(raw, list):
        return Vocabulary(()), [Problem(shown, 1, "vocabulary", "must be a list of tags",
                                        "start each tag with '- slug: …'")]
    item_lines = [item.start_mark.line + 1 for item in node.value] if node is not None else []
    tags: list[Tag] = []
    problems: list[Problem] = []
    seen: dict[str, Tag] = {}
    for number, (item, line) in enumerate(zip(raw, item_lines, strict=True), start=1):
        try:
            tag = Tag.model_validate(item)
        except ValidationError as error:
            for detail in error.errors():
                field = ".".join(str(part) for part in detail["loc"]) or f"tag {number}"
                problems.append(Problem(shown, line, field, _describe(detail), _vocabulary_fix(field)))
            continue
        for key in {tag_key(tag.label), tag_key(tag.slug)}:
            if key in seen and seen[key] is not tag:
                problems.append(Problem(shown, line, "label", f"'{tag.label}' clashes with '{seen[key].label}'",
                                        "give each tag a distinct label and slug"))
            seen[key] = tag
        tags.append(tag)
    return Vocabulary(tuple(tags)), problems


def _describe(detail: dict) -> str:
    if detail["type"] == "missing":
        return "is missing"
    if detail["type"] == "extra_forbidden":
        return "is not a field of a tag"
    if detail["type"] == "string_pattern_mismatch":
        return f"'{detail['input']}' is not a valid slug"
    return detail["msg"].removeprefix("Value error, ")


def _vocabulary_fix(field: str) -> str:
    return {
        "slug": "use lowercase letters, digits and hyphens, e.g. 'emotional-health'",
        "label": "give the name readers see, e.g. 'Emotional health'",
        "description": "write one short paragraph saying what the topic covers",
    }.get(field, "a tag has exactly three fields: slug, label and description")


def resolve_tags(raw: object, vocabulary: Vocabulary, *, path: str, line: int) -> tuple[list[Tag], list[Problem]]:
    """Turn what a page wrote under `tags:` into known topics, in order and without repeats."""
    if raw is None:
        return [], []
    if isinstance(raw, str) or not isinstance(raw, list):
        return [], [Problem(path, line, "tags", "must be a list",
                            "write one tag per line, each starting with '- ', e.g. '- Trauma'")]
    tags: list[Tag] = []
    problems: list[Problem] = []
    for name in raw:
        tag = vocabulary.resolve(str(name)) if isinstance(name, (str, int, float)) else None
        if tag is None:
            problems.append(Problem(
                path, line, "tags", f"unknown tag '{name}'",
                did_you_mean(str(name), vocabulary.labels, key=tag_key)
                + " A new topic must first be added, with a description, to data/tags.yml.",
            ))
        elif tag not in tags:
            tags.append(tag)
    return tags, problems


def count_pages(page_tags: Iterable[Iterable[Tag]]) -> Counter[str]:
    """How many pages carry each topic, by slug."""
    return Counter(tag.slug for tags in page_tags for tag in set(tags))


def tag_page_path(tag: Tag) -> str:
    return f"{TAGS_FOLDER}/{tag.slug}.md"


def index_page_path() -> str:
    return f"{TAGS_FOLDER}/index.md"


def _count_marker(tag: Tag) -> str:
    return f"<!-- tag-count: {tag.slug} -->"


def tag_page_markdown(tag: Tag) -> str:
    """A topic's page: its description, then Material's listing of every page that carries it."""
    listing = {"include": [tag.label], "layout": LISTING_LAYOUT}
    return (
        f"---\ntitle: {json.dumps(tag.label)}\ndescription: {json.dumps(_first_sentence(tag.description))}\n---\n\n"
        f"# {tag.label}\n\n{tag.description}\n\n{_count_marker(tag)}\n\n"
        f"[All topics](index.md)\n\n"
        f"<!-- material/tags {json.dumps(listing)} -->\n"
    )


def index_page_markdown(vocabulary: Vocabulary) -> str:
    """The topics index: every topic with its description and how many pages carry it."""
    parts = [
        "---\ntitle: Topics\ndescription: Every topic on the site, what it covers and the pages about it.\n---\n\n"
        "# Topics\n\nEach topic has its own page listing everything on this site about it: the article, "
        "the guide and the directory of services.\n"
    ]
    for tag in sorted(vocabulary.tags, key=lambda t: t.label.casefold()):
        parts.append(f"\n## [{tag.label}]({tag.slug}.md)\n\n{tag.description}\n\n{_count_marker(tag)}\n")
    return "".join(parts)


def fill_counts(html: str, counts: Counter[str]) -> str:
    """Replace each count marker left in a generated page with a sentence giving the count."""

    def sentence(match: re.Match[str]) -> str:
        count = counts.get(match.group(1), 0)
        if count == 0:
            return '<p class="tag-count">No page carries this topic yet.</p>'
        noun = "page" if count == 1 else "pages"
        return f'<p class="tag-count">{count} {noun}</p>'

    return COUNT_MARKER.sub(sentence, html)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
