"""`make check`: check everything a contributor can edit, without building the site.

The build runs the same checks (content.checks) on the same snapshot, so both report the same
problems, all at once, as `path:line: field: what is wrong — how to fix it`.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from . import markdown_html
from .checks import check_site
from .problems import format_problems
from .site import load_site


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    site = load_site(root, today=date.today())
    problems = check_site(site, markdown_html.for_config(root / "mkdocs.yml"))
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    print("Content check passed: every page, tag and reference is valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
