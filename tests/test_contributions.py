"""Contributions as contributors send them: each bad one fails `make check` with a message naming its
file and field, each good one passes, and none produces a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from content import directory, markdown_html
from content.checks import check_site
from content.site import load_site

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
                          capture_output=True, text=True, timeout=300)


def check_in_process(project: Path) -> list[str]:
    """What `make check` reports for `project`, without a new process: each problem as it prints it."""
    site = load_site(project, today=date.today())
    return [str(problem) for problem in check_site(site, markdown_html.for_config(project / "mkdocs.yml"))]


def problem_lines(output: str, path: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith(f"{path}:")]


@pytest.fixture(scope="module")
def every_bad_contribution(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Every bad contribution at once in one copy of the site, checked once: each must be reported."""
    project = copy_project(tmp_path_factory.mktemp("bad") / "project")
    for contribution in BAD:
        place(contribution, project)
    return "\n".join(check_in_process(project))


@pytest.mark.slow  # checks the whole site
@pytest.mark.parametrize("contribution", BAD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_bad_contribution_fails_naming_its_file_and_field(contribution: Path, every_bad_contribution: str) -> None:
    expected = EXPECT.search(contribution.read_text(encoding="utf-8"))
    assert expected, f"{contribution.name} has no '# expect: field: message' line"
    shown = f"{PLACES[contribution.parent.name]}/{contribution.name}"
    lines = problem_lines(every_bad_contribution, shown)
    pattern = rf"{re.escape(shown)}:\d+: {re.escape(expected['field'])}: .*{re.escape(expected['message'])}"
    assert any(re.match(pattern, line) for line in lines), "\n".join(lines) or "nothing reported"
    assert all(" — " in line for line in lines), "every problem says how to fix it"


def test_every_kind_of_mistake_is_in_the_bad_corpus() -> None:
    fields = {EXPECT.search(path.read_text(encoding="utf-8"))["field"] for path in BAD}
    assert {"tags", "source", "contacts[1].value", "website", "countries[1]", "last_verified", "front matter",
            "name", "html", "link", "title", "description", "citation"} <= fields


@pytest.mark.slow  # checks the whole site
def test_the_good_contributions_pass_together(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shown = [place(contribution, project) for contribution in GOOD]
    assert check_in_process(project) == []
    assert len(shown) >= 7


@pytest.mark.slow  # checks the whole site
def test_a_second_entry_for_the_same_service_is_a_duplicate(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    entries = project / "docs/directory/entries"
    original = next(path for path in sorted(entries.glob("*.md")) if "kind: crisis-line" in path.read_text("utf-8"))
    copy = entries / f"{original.stem}2.md"  # sorts after the original, so it is the one named
    shutil.copy2(original, copy)
    shown = f"docs/directory/entries/{copy.name}"
    assert any(re.match(rf"{re.escape(shown)}:\d+: (name|contacts): .* already", line)
               for line in check_in_process(project)), shown


@pytest.mark.slow  # checks the whole site
def test_the_command_reports_every_problem_at_once_and_fails(tmp_path: Path) -> None:
    """`make check` itself: exit code 1, a count, every file named, no traceback."""
    project = copy_project(tmp_path / "project")
    shown = [place(contribution, project) for contribution in BAD]
    result = make_check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.match(r"\d+ problems in the content:", result.stderr)
    assert all(problem_lines(result.stderr, path) for path in shown)


@pytest.mark.slow  # checks the whole site
def test_the_command_passes_on_the_real_site_and_says_so() -> None:
    result = make_check(ROOT)
    passed = "Content check passed: every page, tag and reference is valid."
    assert (result.returncode, result.stdout.strip()) == (0, passed)


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


@pytest.mark.slow  # checks the whole site
def test_an_entry_copied_from_the_contributing_template_passes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs/directory/entries/gb-example-listening-line.md").write_text(contributing_template(),
                                                                                 encoding="utf-8")
    assert check_in_process(project) == []
