"""`make audit`: every page and entry due for review, oldest first, with who to ask; and the lines
checked only against a secondary page, which want a better source."""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import compose
from .codeowners import CODEOWNERS_FILE
from .site import Site, load_site


@dataclass(frozen=True)
class Due:
    path: str  # as contributors see it: 'docs/guide/treatments.md'
    title: str
    checked: date
    due: date
    owners: str


def owners(codeowners: str, path: str) -> str:
    """Who CODEOWNERS asks to review `path` (its last matching pattern decides)."""
    found = ""
    for line in codeowners.splitlines():
        pattern, *names = line.split()
        if not line.strip() or line.lstrip().startswith("#") or not names:
            continue
        anchored = pattern.lstrip("/")
        if pattern == "*" or fnmatch.fnmatch(path, anchored) or path.startswith(anchored.rstrip("*")) \
                and anchored.endswith("/"):
            found = " ".join(names)
    return found


def overdue(site: Site, codeowners: str) -> list[Due]:
    """Everything past its review date, oldest review first."""
    result = []
    for document in site.documents:
        path = document.path.split("/", 1)[1]
        dates = compose.page_review(site, path)
        if dates is None or not dates.is_overdue(site.today):
            continue
        item = site.entry_at(path)
        title = item.entry.name if item else str(document.meta.get("title", path))
        result.append(Due(document.path, title, dates.checked, dates.due, owners(codeowners, document.path)))
    return sorted(result, key=lambda due: (due.checked, due.path))


def secondary_sources(site: Site) -> list[tuple[str, str, str]]:
    """Crisis and support lines checked against a secondary page: (path, name, what the page is)."""
    return [(item.document.path, item.entry.name, item.entry.source_note or "")
            for item in site.entries if item.entry.kind in ("crisis-line", "support-line")
            and not item.entry.is_sourced_at_service]


def report(site: Site, codeowners: str) -> str:
    late = overdue(site, codeowners)
    things = "page or entry is" if len(late) == 1 else "pages and entries are"
    lines = [f"{len(late)} {things} due for review on {site.today.isoformat()}, oldest first:" if late
             else f"Nothing is due for review on {site.today.isoformat()}."]
    lines += [f"  {due.path}: {due.title}; last checked {due.checked.isoformat()}, due {due.due.isoformat()}; "
              f"ask {due.owners or 'a maintainer'}" for due in late]
    weak = secondary_sources(site)
    line_word = "line" if len(weak) == 1 else "lines"
    lines.append(f"\n{len(weak)} {line_word} checked only against a secondary page (give the service's own page):"
                 if weak else "\nEvery line is checked against the service's own page or a government page.")
    lines += [f"  {path}: {name} ({note})" for path, name, note in weak]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    site = load_site(root, today=date.today())
    print(report(site, (root / CODEOWNERS_FILE).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
