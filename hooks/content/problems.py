"""Problems a contributor can cause, reported as messages rather than tracebacks."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic_core import PydanticCustomError

MAX_LISTED_CHOICES = 30  # beyond this, a list of every choice is noise rather than help


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file: where, which field, what is wrong, how to fix it."""

    path: str
    line: int
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} in the content:\n" + "\n".join(f"  {p}" for p in problems)


def did_you_mean(word: str, choices: Iterable[str], *, key=str.lower) -> str:
    """A 'did you mean …?' hint naming the closest choices, or a list of all when none is close."""
    choices = list(choices)
    by_key = {key(c): c for c in choices}
    close = difflib.get_close_matches(key(word), list(by_key), n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{by_key[c]}'" for c in close) + "?"
    if len(choices) > MAX_LISTED_CHOICES:
        return "check the spelling: nothing similar exists"
    return "use one of: " + ", ".join(f"'{c}'" for c in sorted(choices))


def field_name(loc: Sequence[str | int]) -> str:
    """'contacts[2].value' for the second contact's value (counted from 1, as people count)."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "front matter"


def describe_error(detail: Mapping[str, Any], *, field_help: Mapping[str, str],
                   known_fields: Callable[[tuple], Sequence[str]]) -> tuple[str, str]:
    """What is wrong and how to fix it, for one pydantic error: the one translation of pydantic's
    messages into a contributor's terms, used by every model the content has."""
    loc = tuple(detail["loc"])
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    value = detail.get("input")
    kind = detail["type"]
    help_text = field_help.get(last, "")
    if kind == "invalid":  # raised by the models' own rules, with their fix
        return detail["msg"], detail["ctx"]["fix"]
    if kind == "value_error":
        message, _, fix = detail["msg"].removeprefix("Value error, ").partition(" — ")
        return message, fix or help_text
    if kind == "missing":
        return "is missing", help_text
    if kind == "extra_forbidden":
        return f"'{last}' is not a field here", did_you_mean(last, known_fields(loc[:-1]))
    if kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", str(detail.get("ctx", {}).get("expected", "")))
        return f"'{value}' is not one of the choices for {last}", did_you_mean(str(value), allowed)
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{value}' is not a date", "write the date as YYYY-MM-DD, e.g. 2026-12-01"
    if kind in ("too_short", "string_too_short"):
        return "is empty", help_text
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not written as this field needs", help_text
    if kind == "list_type":
        return "must be a list", help_text
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "must be a set of 'field: value' lines", help_text
    if kind in ("string_type", "int_type"):
        return "must be a line of text", help_text
    return detail["msg"], help_text


def invalid(message: str, fix: str) -> PydanticCustomError:
    """An error a model's own rule raises: what is wrong, and how to fix it."""
    return PydanticCustomError("invalid", message, {"fix": fix})
