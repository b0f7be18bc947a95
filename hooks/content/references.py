"""Research references: the shared list, citations in pages, and each page's References section."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .problems import Problem, did_you_mean

CITATION = re.compile(r"\[(@[a-z0-9]+(?:\s*;\s*@[a-z0-9]+)*)\]")
PLACE_MARKER = "<!-- references -->"


def _https(value: str) -> str:
    if not value.startswith("https://"):
        raise ValueError("must start with https://")
    return value


class Reference(BaseModel):
    """A work the site cites, with the address where someone on the project saw it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9]+$")
    short: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    url: str | None = None
    seen_at: str

    @field_validator("url", "seen_at")
    @classmethod
    def _is_https(cls, value: str | None) -> str | None:
        return value if value is None else _https(value)

    @model_validator(mode="after")
    def _doi_or_url(self) -> Reference:
        if not self.doi and not self.url:
            raise ValueError("needs a doi or a url")
        return self

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)

    @property
    def anchor(self) -> str:
        return f"ref-{self.key}"

    def as_markdown(self) -> str:
        shown = f"doi:{self.doi}" if self.doi else self.link
        return f"{' '.join(self.citation.split())} [{shown}]({self.link})"


_FIXES = {
    "key": "use lowercase letters and digits, e.g. 'ozer2003'",
    "short": "give the in-text form, e.g. 'Ozer et al., 2003'",
    "citation": "give the full reference in APA style",
    "doi": "give the DOI alone, e.g. '10.1037/0033-2909.129.1.52'",
    "url": "give the work's stable https address",
    "seen_at": "give the https address where you read the work or its abstract",
}


def load_references(folder: Path, root: Path) -> tuple[dict[str, Reference], list[Problem]]:
    """Read every `*.yml` file in `folder`. Keys must be unique across all of them."""
    references: dict[str, Reference] = {}
    problems: list[Problem] = []
    for file in sorted(folder.glob("*.yml")):
        shown = file.relative_to(root).as_posix()
        try:
            text = file.read_text(encoding="utf-8")
            items = yaml.safe_load(text) or []
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(Problem(shown, mark.line + 1 if mark else 1, "references",
                                    "the YAML cannot be read", "check indentation and quoting"))
            continue
        if not isinstance(items, list):
            problems.append(Problem(shown, 1, "references", "must be a list", "start each entry with '- key: …'"))
            continue
        lines = [item.start_mark.line + 1 for item in node.value]
        for item, line in zip(items, lines, strict=True):
            try:
                reference = Reference.model_validate(item)
            except ValidationError as error:
                for detail in error.errors():
                    field = ".".join(str(p) for p in detail["loc"]) or "reference"
                    missing = detail["type"] == "missing"
                    message = "is missing" if missing else detail["msg"].removeprefix("Value error, ")
                    fix = _FIXES.get(field, "a reference has: key, short, citation, doi or url, seen_at")
                    problems.append(Problem(shown, line, field, message, fix))
                continue
            if reference.key in references:
                problems.append(Problem(shown, line, "key", f"'{reference.key}' is used twice",
                                        "give each reference its own key"))
                continue
            references[reference.key] = reference
    return references, problems


def cited_keys(markdown: str) -> list[tuple[str, int]]:
    """Every citation key in the text, with the line (counted from 1) it appears on."""
    found = []
    for match in CITATION.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        found.extend((key.strip().lstrip("@"), line) for key in match.group(1).split(";"))
    return found


def check_citations(markdown: str, references: dict[str, Reference], *, path: str, first_line: int) -> list[Problem]:
    return [
        Problem(path, first_line + line - 1, "citation", f"no reference has the key '{key}'",
                did_you_mean(key, references) + " New works go in data/references/ first.")
        for key, line in cited_keys(markdown)
        if key not in references
    ]


def render_citations(markdown: str, references: dict[str, Reference]) -> str:
    """Turn `[@key]` into author-date links and add a References section listing what was cited."""
    cited: dict[str, Reference] = {}

    def link(match: re.Match[str]) -> str:
        links = []
        for key in (k.strip().lstrip("@") for k in match.group(1).split(";")):
            reference = references[key]
            cited[key] = reference
            links.append(f"[{reference.short}](#{reference.anchor})")
        return "(" + "; ".join(links) + ")"

    markdown = CITATION.sub(link, markdown)
    if not cited:
        return markdown
    items = sorted(cited.values(), key=lambda r: r.citation.casefold())
    section = "## References\n\n" + "\n".join(f"- {r.as_markdown()}\n    {{ #{r.anchor} }}" for r in items) + "\n"
    if PLACE_MARKER in markdown:
        return markdown.replace(PLACE_MARKER, section, 1)
    return markdown.rstrip() + "\n\n" + section
