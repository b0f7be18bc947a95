"""Research references: the shared list, citations in pages, and each page's References section."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails

from . import yaml_source
from .problems import Problem, describe_error, did_you_mean, field_name, invalid
from .render import markdown_text, render
from .text import PlainText
from .urls import https_problem

CITATION = re.compile(r"\[(@[a-z0-9]+(?:\s*;\s*@[a-z0-9]+)*)\]")
PLACE_MARKER = "<!-- references -->"


Text = Annotated[PlainText, Field(min_length=1)]
Https = Annotated[str, AfterValidator(lambda value: _https(value))]


def _https(value: str) -> str:
    problem = https_problem(value)
    if problem:
        raise invalid(*problem)
    return value


class Reference(BaseModel):
    """A work the site cites, complete enough to be found, and where someone on the project read it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9]+$")
    short: Text
    authors: Text
    year: str = Field(pattern=r"^(\d{4}[a-z]?|n\.d\.(-[a-z])?)$")
    title: Text
    journal: Text | None = None
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    article: Text | None = None
    publisher: Text | None = None
    site: Text | None = None
    edition: Text | None = None
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/[^\s<>\"'\\\[\](){}]+$")
    url: Https | None = None
    seen_at: Https
    seen_on: date
    note: Text | None = None

    @field_validator("year", mode="before")
    @classmethod
    def _year_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @model_validator(mode="after")
    def _complete(self) -> Reference:
        errors: list[InitErrorDetails] = []

        def fail(field: str, message: str, fix: str) -> None:
            errors.append(InitErrorDetails(type=invalid(message, fix), loc=(field,), input=None))

        where = [name for name in ("journal", "publisher", "site") if getattr(self, name)]
        if len(where) != 1:
            fail("journal", "needs exactly one of journal, publisher or site" if not where
                 else f"gives {' and '.join(where)}: only one may say where the work appeared",
                 "a journal article has 'journal', 'volume' and 'pages'; a book or report 'publisher'; "
                 "a web page 'site'")
        if self.journal and not self.volume:
            fail("volume", "is missing: a journal article needs its volume", "give the volume, e.g. '129'")
        if self.journal and not (self.pages or self.article):
            fail("pages", "is missing: a journal article needs its pages or article number",
                 "give the page range, e.g. '52–73', or 'article: 1851078'")
        if not self.doi and not self.url:
            fail("url", "is missing: a reference needs a doi or a url", _FIXES["url"])
        if errors:
            raise ValidationError.from_exception_data("Reference", errors)
        return self

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)

    @property
    def anchor(self) -> str:
        return f"ref-{self.key}"

    @property
    def sort_key(self) -> str:
        return f"{self.authors} {self.year} {self.title}".casefold()


_FIXES = {
    "key": "use lowercase letters and digits, e.g. 'ozer2003'",
    "short": "give the in-text form, e.g. 'Ozer et al., 2003'",
    "authors": "give the authors as a reference list writes them, e.g. 'Ozer, E. J., & Best, S. R.', "
               "or the organisation",
    "year": "give the year, e.g. '2003', or 'n.d.' when the work has no date",
    "title": "give the work's full title",
    "journal": "give the journal's name",
    "doi": "give the DOI alone, e.g. '10.1037/0033-2909.129.1.52'",
    "url": "give the work's doi, or its stable https address as 'url'",
    "seen_at": "give the https address where you read the work or its abstract",
    "seen_on": "give the date you read it there, as YYYY-MM-DD",
}
FIELDS = list(Reference.model_fields)


def load_references(folder: Path, root: Path) -> tuple[dict[str, Reference], list[Problem]]:
    """Read every `*.yml` file in `folder`. Keys must be unique across all of them."""
    references: dict[str, Reference] = {}
    problems: list[Problem] = []
    for file in sorted(folder.glob("*.yml")):
        shown = file.relative_to(root).as_posix()
        items, read_problems = yaml_source.read_list(file, shown, "references", "start each work with '- key: …'")
        problems += read_problems
        for item in items:
            try:
                reference = Reference.model_validate(item.value)
            except ValidationError as error:
                for detail in error.errors():
                    loc = tuple(detail["loc"])
                    message, fix = describe_error(detail, field_help=_FIXES, known_fields=lambda _: FIELDS)
                    line = item.line_of(str(loc[0])) if loc else item.line
                    problems.append(Problem(shown, line, field_name(loc) if loc else "reference", message, fix))
                continue
            if reference.key in references:
                problems.append(Problem(shown, item.line, "key", f"'{reference.key}' is used twice",
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
        keys = [k.strip().lstrip("@") for k in match.group(1).split(";")]
        if any(key not in references for key in keys):
            return match.group(0)  # check_citations names the unknown key
        links = []
        for key in keys:
            reference = references[key]
            cited[key] = reference
            links.append(f"[{markdown_text(reference.short)}](#{reference.anchor})")
        return "(" + "; ".join(links) + ")"

    markdown = CITATION.sub(link, markdown)
    if not cited:
        return markdown
    section = render("references.md", references=sorted(cited.values(), key=lambda r: r.sort_key))
    if PLACE_MARKER in markdown:
        return markdown.replace(PLACE_MARKER, section, 1)
    return markdown.rstrip() + "\n\n" + section
