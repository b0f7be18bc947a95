"""When each page and entry was last checked, and when it is due to be checked again.

A page may set `review_by: YYYY-MM-DD` in its front matter; otherwise its part of the site sets the
interval (README, "Review dates"): crisis and support lines are due six months after they were
verified, because numbers and hours change; every other entry and page twelve months after its
last review. Time passing never fails the build: an overdue page shows a calm note instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .directory import LINE_KINDS, Entry

LINE_MONTHS = 6
DEFAULT_MONTHS = 12


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def as_date(value: object) -> date | None:
    """The date a front matter value means, or None if it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Review:
    """When something was last checked and when it is next due."""

    checked: date
    due: date

    def is_overdue(self, today: date) -> bool:
        return today > self.due


def page_review(meta: dict, *, months: int = DEFAULT_MONTHS) -> Review | None:
    """A source page's review dates, from `last_reviewed` and `review_by` (or the default interval)."""
    checked = as_date(meta.get("last_reviewed"))
    if checked is None:
        return None
    return Review(checked, as_date(meta.get("review_by")) or months_after(checked, months))


def entry_review(entry: Entry) -> Review:
    """A directory entry's: six months for lines, twelve for the rest, unless `review_by` says."""
    months = LINE_MONTHS if entry.kind in LINE_KINDS else DEFAULT_MONTHS
    return Review(entry.last_verified, entry.review_by or months_after(entry.last_verified, months))


@dataclass(frozen=True)
class Span:
    """The reviews of everything a generated page lists, as one: its listings are only as current
    as the least recently checked item, and are due when the first item is."""

    oldest: date
    newest: date
    due: date

    def is_overdue(self, today: date) -> bool:
        return today > self.due


def span(reviews: Iterable[Review]) -> Span | None:
    """What a page listing these reviewed items shows; None when it lists nothing reviewed."""
    reviews = list(reviews)
    if not reviews:
        return None
    return Span(min(r.checked for r in reviews), max(r.checked for r in reviews), min(r.due for r in reviews))
