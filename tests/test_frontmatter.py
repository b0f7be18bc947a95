"""Reading front matter: problems a contributor can cause come back as messages."""

from __future__ import annotations

from pathlib import Path

from content import frontmatter


def test_a_page_not_saved_as_utf8_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "page.md"
    page.write_bytes("---\ntitle: Caf\u00e9\n---\n".encode("latin-1"))
    document, problems = frontmatter.read(page, docs)
    assert not document.readable
    assert [str(p).split(" — ")[0] for p in problems] == ["docs/page.md:2: file: is not saved as UTF-8 text"]
