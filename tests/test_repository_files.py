"""Files GitHub and pre-commit read, which cannot run here: they parse and hold what they must.
Also the linters they run: ruff over the Python, pymarkdown over the Markdown."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from content import codeowners, directory
from content.site import load_site

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = {path.stem: path for path in sorted((GITHUB / "workflows").glob("*.yml"))}
FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml")
FORM_FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def triggers(workflow: dict) -> dict:
    """The workflow's `on:` (YAML 1.1 reads the bare word `on` as true)."""
    on = workflow.get("on", workflow.get(True))
    return {name: None for name in on} if isinstance(on, list) else on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_every_workflow_has_a_name_triggers_and_runnable_jobs(name: str) -> None:
    workflow = load(WORKFLOWS[name])
    assert workflow["name"] and triggers(workflow)
    for job in workflow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        assert job["steps"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            assert "@" in step.get("uses", "@"), f"pin the action's version: {step['uses']}"


def test_pull_requests_run_make_test_and_keep_the_site_and_pdf() -> None:
    workflow = load(WORKFLOWS["test"])
    assert "pull_request" in triggers(workflow)
    assert "bash .ci/run" in runs(workflow)  # which installs the system packages, then runs `make test`
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make build" in runs(workflow)
    uploaded = {step["with"]["name"]: step["with"]["path"] for step in steps(workflow)
                if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploaded == {"site": "site/", "pdf": "site/downloads/*.pdf"}
    assert "site/downloads/" in (ROOT / "Makefile").read_text(encoding="utf-8")  # where the PDF is built


def test_main_is_deployed_to_github_pages() -> None:
    workflow = load(WORKFLOWS["deploy"])
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert {"pages": "write", "id-token": "write"}.items() <= workflow["permissions"].items()
    assert "make build" in runs(workflow)
    assert uses(workflow).index("actions/upload-pages-artifact") < uses(workflow).index("actions/deploy-pages")
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_the_weekly_audit_opens_an_issue_listing_what_it_found() -> None:
    workflow = load(WORKFLOWS["audit"])
    assert triggers(workflow)["schedule"][0]["cron"]
    assert workflow["permissions"]["issues"] == "write"
    script = runs(workflow)
    assert "make -s audit" in script
    assert "audit:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "lycheeverse/lychee-action" in uses(workflow)  # the external links
    assert "gh issue create" in script and "gh issue edit" in script  # one open issue, kept current


def test_a_crisis_line_change_needs_two_approvals() -> None:
    workflow = load(WORKFLOWS["crisis-line-review"])
    assert {"pull_request", "pull_request_review"} <= set(triggers(workflow))
    script = runs(workflow)
    assert codeowners.BEGIN.split(":")[0] in script and codeowners.END in script
    assert '"$approvals" -lt 2' in script


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_every_issue_form_is_valid(form: Path) -> None:
    data = load(form)
    assert data["name"] and data["description"]
    ids = [item.get("id") for item in data["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(ids)
    for item in data["body"]:
        assert item["type"] in FORM_FIELD_TYPES
        assert item["attributes"].get("label") or item["type"] == "markdown"
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
    assert any(item.get("validations", {}).get("required") for item in data["body"])


def test_the_four_forms_exist_and_reports_of_a_change_find_theirs() -> None:
    assert {form.name for form in FORMS} == {"new-resource.yml", "correction.yml", "broken-link.yml",
                                             "content-suggestion.yml"}
    # Each directory entry's "Report a change" link opens this form by its file name.
    code = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "hooks/content").glob("*.py"))
    assert "issues/new?template=correction.yml" in code
    correction = load(GITHUB / "ISSUE_TEMPLATE/correction.yml")
    assert "not a crisis service" in correction["body"][0]["attributes"]["value"]


def test_the_chooser_has_no_blank_issues_and_says_this_is_not_a_crisis_service() -> None:
    config = load(GITHUB / "ISSUE_TEMPLATE/config.yml")
    assert config["blank_issues_enabled"] is False
    (link,) = config["contact_links"]
    assert "not a crisis service" in link["name"]
    assert link["url"].startswith("https://") and link["about"]


def test_the_pull_request_template_has_a_checklist_with_the_crisis_line_rule() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    assert "crisis-line reviewer" in text


def test_codeowners_names_every_crisis_line_and_nothing_else() -> None:
    text = (ROOT / codeowners.CODEOWNERS_FILE).read_text(encoding="utf-8")
    expected = codeowners.block(codeowners.crisis_line_paths(load_site(ROOT, today=date.today())))
    assert codeowners.current_block(text) == expected, (
        f"{codeowners.CODEOWNERS_FILE} is out of date: replace its crisis-line block with\n\n{expected}\n\n"
        "(or run: PYTHONPATH=hooks .venv/bin/python -m content.codeowners)")
    assert expected.count(codeowners.CRISIS_LINE_REVIEWERS) >= 1
    owners = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert all(len(parts) >= 2 and parts[1].startswith("@") for parts in owners)
    assert ["/.github/", codeowners.CRISIS_LINE_REVIEWERS] in owners


def test_the_codeowners_block_follows_each_entrys_kind(tmp_path: Path) -> None:
    entries = tmp_path / "docs" / directory.ENTRIES_FOLDER
    entries.mkdir(parents=True)
    (entries / "gb-line.md").write_text("---\nkind: crisis-line\n---\n", encoding="utf-8")
    (entries / "gb-other.md").write_text("---\nkind: organisation\n---\n", encoding="utf-8")
    (entries / "gb-broken.md").write_text("---\nkind: crisis-line\nname: [\n---\n", encoding="utf-8")
    (tmp_path / ".github").mkdir()
    (tmp_path / codeowners.CODEOWNERS_FILE).write_text(f"* @a\n{codeowners.BEGIN}\n{codeowners.END}\n# after\n")
    assert codeowners.main([str(tmp_path)]) == 0
    text = (tmp_path / codeowners.CODEOWNERS_FILE).read_text(encoding="utf-8")
    assert f"/docs/directory/entries/gb-line.md {codeowners.CRISIS_LINE_REVIEWERS}\n" in text
    assert "gb-other" not in text and text.startswith("* @a\n") and text.endswith("# after\n")


def test_the_pre_commit_config_runs_the_fast_checks_and_formatters() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: (repo["repo"], repo.get("rev"), hook) for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "pymarkdown", "make-check"} <= set(hooks)
    for repo, rev, _ in hooks.values():
        assert repo == "local" or (repo.startswith("https://github.com/") and rev)
    pins = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    assert f"ruff=={hooks['ruff-check'][1].lstrip('v')}" in pins
    assert f"pymarkdownlnt=={hooks['pymarkdown'][1].lstrip('v')}" in pins
    make_check = hooks["make-check"][2]
    assert make_check["entry"] == "make check" and make_check["language"] == "system"
    assert make_check["pass_filenames"] is False
    assert ".pymarkdown.yml" in hooks["pymarkdown"][2]["args"]


def test_python_passes_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "hooks", "tests"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def markdown_lint(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pymarkdown", "--config", ".pymarkdown.yml", "scan", *paths],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # checks the whole site
def test_the_markdown_rules_fit_the_site_and_the_guides() -> None:
    guides = ["README.md", "CONTRIBUTING.md", "STYLE_GUIDE.md", ".github/PULL_REQUEST_TEMPLATE.md"]
    result = markdown_lint("-r", "docs", *guides, "tests/contributions/README.md", "tests/contributions/good")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_markdown_linter_still_finds_mistakes(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n# A second title\n\n* one\n- two\n", encoding="utf-8")
    result = markdown_lint(str(page))
    assert result.returncode != 0
    assert "MD025" in result.stdout and "MD004" in result.stdout


def check_schema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Validate files against GitHub's published schemas, as bundled (offline) by check-jsonschema."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("schema", "files"), [
    ("vendor.github-workflows", list(WORKFLOWS.values())),
    ("vendor.github-issue-forms", FORMS),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE/config.yml"]),
], ids=["workflows", "issue-forms", "issue-chooser"])
def test_github_files_match_githubs_schemas(schema: str, files: list[Path]) -> None:
    result = check_schema(schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_form(tmp_path: Path) -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE/broken-link.yml")
    form["body"][1]["type"] = "text-field"
    broken = tmp_path / "broken.yml"
    broken.write_text(yaml.safe_dump(form), encoding="utf-8")
    assert check_schema("vendor.github-issue-forms", broken).returncode != 0
