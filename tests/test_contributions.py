"""Contributions as contributors send them: each bad one fails `make check` with a message naming its
file and field, each good one passes, and none produces a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from content import directory

from conftest import ROOT, copy_project

CORPUS = Path(__file__).parent / "contributions"
PLACES = {"entries": "docs/directory/entries", "pages": "docs/about"}
EXPECT = re.compile(r"^# expect: (?P<field>[^:]+): (?P<message>.+)$", re.M)
BAD = sorted((CORPUS / "bad").glob("*/*.md"))
GOOD = sorted((CORPUS / "good").glob("*/*.md"))


def place(contribution: Path, project: Path) -> str:
    """Put a corpus file where a contributor would, and return its path as messages show it."""
    shown = f"{PLACES[contribution.parent.name]}/{contribution.name}"
    shutil.copy2(contribution, project / shown)
    return shown


def make_check(project: Path) -> subprocess.CompletedProcess[str]:
    """`make check`'s own command, run on a copy of the project."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    return subprocess.run([sys.executable, "-m", "content.check", str(project)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def problem_lines(output: str, path: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith(f"{path}:")]


@pytest.mark.parametrize("contribution", BAD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_bad_contribution_fails_naming_its_file_and_field(contribution: Path, tmp_path: Path) -> None:
    expected = EXPECT.search(contribution.read_text(encoding="utf-8"))
    assert expected, f"{contribution.name} has no '# expect: field: message' line"
    project = copy_project(tmp_path / "project")
    shown = place(contribution, project)
    result = make_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = problem_lines(result.stderr, shown)
    pattern = rf"{re.escape(shown)}:\d+: {re.escape(expected['field'])}: .*{re.escape(expected['message'])}"
    assert any(re.match(pattern, line) for line in lines), "\n".join(lines) or result.stderr
    assert all(" — " in line for line in lines), "every problem says how to fix it"


def test_every_kind_of_mistake_is_in_the_bad_corpus() -> None:
    fields = {EXPECT.search(path.read_text(encoding="utf-8"))["field"] for path in BAD}
    assert {"tags", "source", "contacts[1].value", "website", "countries[1]", "last_verified", "front matter",
            "name", "html", "link", "title", "description", "citation"} <= fields


def test_the_good_contributions_pass_together(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shown = [place(contribution, project) for contribution in GOOD]
    result = make_check(project)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    assert len(shown) >= 7


def test_a_second_entry_for_the_same_service_is_a_duplicate(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    entries = project / "docs/directory/entries"
    original = next(path for path in sorted(entries.glob("*.md")) if "kind: crisis-line" in path.read_text("utf-8"))
    copy = entries / f"{original.stem}2.md"  # sorts after the original, so it is the one named
    shutil.copy2(original, copy)
    result = make_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    shown = f"docs/directory/entries/{copy.name}"
    assert any(re.match(rf"{re.escape(shown)}:\d+: (name|contacts): .* already", line)
               for line in problem_lines(result.stderr, shown)), result.stderr


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shown = [place(contribution, project) for contribution in BAD]
    result = make_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(problem_lines(result.stderr, path) for path in shown)


def contributing_template() -> str:
    """The directory entry template in CONTRIBUTING.md, as a contributor copies it."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Add a directory entry", 1)[1]
    return re.search(r"```yaml\n(---\n.*?)```", section, re.S).group(1)


def test_the_contributing_template_names_every_field_of_an_entry_and_explains_it() -> None:
    template = contributing_template()
    meta = yaml.safe_load(template.split("---\n")[1])
    assert list(meta) == directory.ENTRY_FIELDS
    assert {key for contact in meta["contacts"] for key in contact} | {"keyword"} == set(directory.CONTACT_FIELDS)
    table = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("What each field means:", 1)[1]
    for field in directory.ENTRY_FIELDS + directory.CONTACT_FIELDS:
        assert re.search(rf"^\| `(contacts` → `)?{field}` \|", table, re.M), f"the table does not explain {field}"


def test_an_entry_copied_from_the_contributing_template_passes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs/directory/entries/gb-example-listening-line.md").write_text(contributing_template(),
                                                                                 encoding="utf-8")
    result = make_check(project)
    assert result.returncode == 0, result.stderr
