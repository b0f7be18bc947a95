"""Check everything a contributor can edit, without building the site.

`make check` runs this; the build runs the same `check_site` before anything else, so both
report the same problems, all at once, as `path:line: field: what is wrong — how to fix it`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import directory, frontmatter, pages, pdf_book, references, tags
from .frontmatter import Document
from .problems import Problem, format_problems

VOCABULARY_FILE = Path("data/tags.yml")
REFERENCES_FOLDER = Path("data/references")


@dataclass
class Site:
    """The content a build reads: the docs folder, the tag vocabulary and the references."""

    root: Path
    docs_dir: Path
    vocabulary: tags.Vocabulary
    references: dict[str, references.Reference]
    documents: list[Document] = field(default_factory=list)


DocumentCheck = Callable[[Document, Site], list[Problem]]
SiteCheck = Callable[[Site], list[Problem]]


def check_tags(document: Document, site: Site) -> list[Problem]:
    _, problems = tags.resolve_tags(document.meta.get("tags"), site.vocabulary,
                                    path=document.path, line=document.line_of("tags"))
    return problems


def check_citations(document: Document, site: Site) -> list[Problem]:
    return references.check_citations(document.body, site.references, path=document.path,
                                      first_line=document.body_line)


def check_directory_entry(document: Document, site: Site) -> list[Problem]:
    return directory.check_entry(document, date.today())


def check_directory_duplicates(site: Site) -> list[Problem]:
    return directory.find_duplicates(site.documents, date.today())


# Each check looks at one page; site checks look across pages. Other concerns add theirs here.
DOCUMENT_CHECKS: list[DocumentCheck] = [check_tags, check_citations, check_directory_entry,
                                        pages.check_review_fields, pages.check_unsafe_html,
                                        pdf_book.check_print_layout]
SITE_CHECKS: list[SiteCheck] = [check_directory_duplicates, pages.check_links]


def load_site(root: Path, docs_dir: Path | None = None) -> tuple[Site, list[Problem]]:
    """The site's content and the problems met reading it. The loaded site is shared: don't change it."""
    docs_dir = docs_dir or root / "docs"
    site, problems = _load_site(root, docs_dir, _sources_signature(root, docs_dir))
    return site, list(problems)


# A build reads the content twice (the checks, then the directory's pages): the second read reuses
# the first, while any edit (a new size or modification time) makes the next read fresh.
@functools.lru_cache(maxsize=2)
def _load_site(root: Path, docs_dir: Path, signature: tuple) -> tuple[Site, tuple[Problem, ...]]:
    vocabulary, problems = tags.load_vocabulary(root / VOCABULARY_FILE, VOCABULARY_FILE.as_posix())
    refs, reference_problems = references.load_references(root / REFERENCES_FOLDER, root)
    site = Site(root, docs_dir, vocabulary, refs)
    for path in sorted(docs_dir.rglob("*.md")):
        document, parse_problems = frontmatter.read(path, docs_dir)
        site.documents.append(document)
        problems += parse_problems
    return site, tuple(problems + reference_problems)


def _sources_signature(root: Path, docs_dir: Path) -> tuple[tuple[str, int, int], ...]:
    sources = [*docs_dir.rglob("*.md"), root / VOCABULARY_FILE, *(root / REFERENCES_FOLDER).glob("*.yml")]
    signature = []
    for source in sorted(sources):
        try:
            status = source.stat()
        except OSError:
            continue
        signature.append((str(source), status.st_mtime_ns, status.st_size))
    return tuple(signature)


def check_site(root: Path, docs_dir: Path | None = None) -> list[Problem]:
    """Every problem in the site's content, in file order."""
    site, problems = load_site(root, docs_dir)
    for document in site.documents:
        for check in DOCUMENT_CHECKS:
            problems += check(document, site)
    for site_check in SITE_CHECKS:
        problems += site_check(site)
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    problems = check_site(root)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print("Content check passed: every page, tag and reference is valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
