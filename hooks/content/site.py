"""The site's content as one frozen snapshot, read and validated once per build.

Every consumer reads this: `make check`, the build's hooks, the PDF, CODEOWNERS and `make audit`.
It holds each Markdown document, each directory entry validated once (with its resolved topics,
description and page), the topic vocabulary, the references, and the one definition of every page
the build generates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath

from . import directory, frontmatter, references, tags
from .frontmatter import Document
from .problems import Problem

VOCABULARY_FILE = Path("data/tags.yml")
REFERENCES_FOLDER = Path("data/references")
DOCS_FOLDER = "docs"


@dataclass(frozen=True)
class Listed:
    """A valid directory entry as the pages show it."""

    path: str  # its page, docs-relative: 'directory/entries/gb-samaritans.md'
    document: Document
    entry: directory.Entry
    tags: tuple[tags.Tag, ...]

    @property
    def slug(self) -> str:
        """Its file name without '.md', as `paired_with` names it."""
        return PurePosixPath(self.path).stem

    @property
    def description(self) -> str:
        return self.document.body

    @property
    def sort_key(self) -> tuple[int, str, bool, str]:
        """By kind, then country (international last), emergency numbers first, then by name."""
        entry = self.entry
        return (list(directory.KIND_HEADINGS).index(entry.kind),
                "~" if entry.is_international else directory.country_name(entry.countries[0]),
                not entry.is_emergency_service, entry.name.casefold())


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: its path, its template and what the template is given."""

    path: str
    template: str
    title: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """Everything a build reads from the repository, read once."""

    root: Path
    docs_dir: Path
    today: date
    documents: tuple[Document, ...]
    vocabulary: tags.Vocabulary
    references: Mapping[str, references.Reference]
    entries: tuple[Listed, ...]
    problems: tuple[Problem, ...]  # met while reading and validating

    def document_at(self, path: str) -> Document | None:
        return self._documents_by_path.get(path)

    def entry_at(self, path: str) -> Listed | None:
        return self._entries_by_path.get(path)

    def serving(self, code: str) -> list[Listed]:
        """The entries a reader in a country can use: its own and the international ones."""
        return [item for item in self.entries if code in item.entry.countries or item.entry.is_international]

    def entry_named(self, slug: str) -> Listed | None:
        return self._entries_by_slug.get(slug)

    @cached_property
    def _entries_by_slug(self) -> dict[str, Listed]:
        return {item.slug: item for item in self.entries}

    @cached_property
    def page_topics(self) -> dict[str, list[tags.Tag]]:
        """Each source page other than an entry that has topics, with them (entries keep theirs)."""
        found = {}
        for document in self.documents:
            path = page_path(document)
            if path not in self._entries_by_path and document.meta.get("tags"):
                topics, _ = tags.resolve_tags(document.meta["tags"], self.vocabulary, path=document.path, line=1)
                found[path] = topics
        return found

    @cached_property
    def pairs(self) -> dict[str, str]:
        """Each entry that must be shown with others, and those others (both ways), worked out once:
        every entry's page and every listing asks."""
        partners: dict[str, set[str]] = {}
        for item in self.entries:
            for other in item.entry.paired_with:
                partners.setdefault(item.slug, set()).add(other)
                partners.setdefault(other, set()).add(item.slug)
        return {slug: " ".join(sorted(others)) for slug, others in partners.items()}

    @cached_property
    def _documents_by_path(self) -> dict[str, Document]:
        return {page_path(document): document for document in self.documents}

    @cached_property
    def _entries_by_path(self) -> dict[str, Listed]:
        return {item.path: item for item in self.entries}

    @cached_property
    def countries(self) -> list[str]:
        """Every country some entry serves, in order of its English name."""
        codes = {code for item in self.entries for code in item.entry.country_codes}
        return sorted(codes, key=directory.country_name)

    @cached_property
    def generated(self) -> dict[str, GeneratedPage]:
        """The one definition of every page the build generates, by docs-relative path."""
        pages = [GeneratedPage(tags.index_page_path(), "tag-index.md", "Topics")]
        pages += [GeneratedPage(tags.tag_page_path(tag), "tag.md", tag.label, {"tag": tag})
                  for tag in self.vocabulary.tags]
        pages += [GeneratedPage(directory.country_page_path(code), "country.md", directory.country_name(code),
                                {"code": code}) for code in self.countries]
        pages += [GeneratedPage(directory.kind_page_path(kind), "kind.md", heading, {"kind": kind})
                  for kind, heading in directory.KIND_HEADINGS.items()]
        pages.append(GeneratedPage(directory.ALL_SERVICES_PAGE, "all-services.md", "All services"))
        return {page.path: page for page in pages}

    @cached_property
    def page_paths(self) -> set[str]:
        """Every page the site has: its source pages and the generated ones."""
        return set(self._documents_by_path) | set(self.generated)


def page_path(document: Document) -> str:
    """A document's page, docs-relative ('directory/entries/x.md' for 'docs/directory/entries/x.md')."""
    return PurePosixPath(*PurePosixPath(document.path).parts[1:]).as_posix()


def load_site(root: Path, docs_dir: Path | None = None, *, today: date) -> Site:
    """Read and validate everything once. Problems are kept on the snapshot, never raised."""
    docs_dir = docs_dir or root / DOCS_FOLDER
    vocabulary, problems = tags.load_vocabulary(root / VOCABULARY_FILE, VOCABULARY_FILE.as_posix())
    known, reference_problems = references.load_references(root / REFERENCES_FOLDER, root)
    problems += reference_problems
    documents = []
    for path in sorted(docs_dir.rglob("*.md")):
        document, parse_problems = frontmatter.read(path, docs_dir)
        documents.append(document)
        problems += parse_problems
    entries = []
    for document in documents:
        if not directory.is_entry(document):
            continue
        entry, entry_problems = directory.validate_entry(document, today)
        problems += entry_problems
        if entry is not None:
            resolved, _ = tags.resolve_tags(entry.tags, vocabulary, path=document.path, line=document.line_of("tags"))
            entries.append(Listed(page_path(document), document, entry, tuple(resolved)))
    return Site(root, docs_dir, today, tuple(documents), vocabulary, known, tuple(entries), tuple(problems))
