"""Problems a contributor can cause, reported as messages rather than tracebacks."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

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
