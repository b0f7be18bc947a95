"""Topics (tags): the vocabulary, resolving what pages write, and the generated topic pages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import yaml_source
from .problems import Problem, describe_error, did_you_mean, field_name
from .text import PlainText

TAGS_FOLDER = "tags"
COUNT_MARKER = re.compile(r"<!--\s*tag-count:\s*([a-z0-9-]+)\s*-->")
LISTING_LAYOUT = "by-part"


class Tag(BaseModel):
    """One topic in the vocabulary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    # A label is plain words: it becomes a page title, a link and a listing's key.
    label: str = Field(min_length=1, pattern=r"^[^<>{}\[\]\\`*_|#&]+$")
    description: PlainText

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
    items, problems = yaml_source.read_list(path, shown, "vocabulary", "start each tag with '- slug: …'")
    tags: list[Tag] = []
    seen: dict[str, Tag] = {}
    for item in items:
        try:
            tag = Tag.model_validate(item.value)
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                message, fix = describe_error(detail, field_help=FIXES, known_fields=lambda _: list(Tag.model_fields))
                problems.append(Problem(shown, item.line_of(str(loc[0])) if loc else item.line,
                                        field_name(loc) if loc else "tag", message, fix))
            continue
        for key in {tag_key(tag.label), tag_key(tag.slug)}:
            if key in seen and seen[key] is not tag:
                problems.append(Problem(shown, item.line, "label", f"'{tag.label}' clashes with '{seen[key].label}'",
                                        "give each tag a distinct label and slug"))
            seen[key] = tag
        tags.append(tag)
    return Vocabulary(tuple(tags)), problems


FIXES = {
    "slug": "use lowercase letters, digits and hyphens, e.g. 'emotional-health'",
    "label": "give the name readers see, in plain words, e.g. 'Emotional health'",
    "description": "write one short paragraph saying what the topic covers, in plain text",
}


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


def fill_counts(html: str, counts: Counter[str]) -> str:
    """Replace each count marker left in a generated page with a sentence giving the count."""

    def sentence(match: re.Match[str]) -> str:
        count = counts.get(match.group(1), 0)
        if count == 0:
            return '<p class="tag-count">No page carries this topic yet.</p>'
        noun = "page" if count == 1 else "pages"
        return f'<p class="tag-count">{count} {noun}</p>'

    return COUNT_MARKER.sub(sentence, html)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
