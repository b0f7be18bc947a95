"""Topic pages: one page per tag and a topics index, generated from data/tags.yml.

Material's tags plugin draws the chips and the listings; this hook adds what it lacks: a page per
tag with its description, an index with counts, and tolerant spelling of tags in front matter.
"""

from __future__ import annotations

from pathlib import Path

from content import tags
from content.check import VOCABULARY_FILE
from jinja2 import Environment
from material.plugins.tags.structure.tag import Tag as MaterialTag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

vocabulary = tags.Vocabulary(())
tags_by_page: dict[str, list[tags.Tag]] = {}


@event_priority(100)  # before Material's tags plugin reads its allow-list
def on_config(config: MkDocsConfig) -> None:
    global vocabulary
    vocabulary, _ = tags.load_vocabulary(Path(config.config_file_path).parent / VOCABULARY_FILE, str(VOCABULARY_FILE))
    config.plugins["material/tags"].config.tags_allowed = {MaterialTag(label) for label in vocabulary.labels}


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    tags_by_page.clear()
    generated = {tags.index_page_path(): tags.index_page_markdown(vocabulary)}
    generated.update({tags.tag_page_path(tag): tags.tag_page_markdown(tag) for tag in vocabulary.tags})
    for path, markdown in generated.items():
        files.append(File.generated(config, path, content=markdown))
    return files


# After the meta plugin (50) has merged folder defaults, before Material's tags plugin (-50) reads them.
@event_priority(0)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "tags" in page.meta:
        resolved, _ = tags.resolve_tags(page.meta["tags"], vocabulary, path=page.file.src_uri, line=1)
        page.meta["tags"] = [tag.label for tag in resolved]
        tags_by_page[page.file.src_uri] = resolved
    return markdown


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    counts = tags.count_pages(tags_by_page.values())
    for path in [tags.index_page_path(), *map(tags.tag_page_path, vocabulary.tags)]:
        page = files.get_file_from_path(path).page
        if page is not None and page.content is not None:
            page.content = tags.fill_counts(page.content, counts)
    return env
