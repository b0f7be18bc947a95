"""Opening hours: '24/7', plain words, or a weekly schedule in a time zone that can say "open now".

A schedule is a list of lines such as 'Mon-Fri 09:00-17:00' or 'Fri 22:00-06:00' (an end before the
start runs past midnight into the next day), in an IANA time zone. The reader's browser works out
"open now" from the same spans (docs/javascripts/directory.js), so the data never leaves the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MINUTES_IN_DAY = 24 * 60
LINE = re.compile(r"^(?P<first>[A-Za-z]{3})(?:\s*[-–]\s*(?P<last>[A-Za-z]{3}))?\s+"
                  r"(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$")
LINE_HELP = "write each line as days and times, e.g. 'Mon-Fri 09:00-17:00' or 'Sat 10:00-14:00'"


@dataclass(frozen=True)
class Span:
    """Open from `start` to `end`, in minutes since Monday 00:00 of the week (end may pass Sunday)."""

    start: int
    end: int


def _minutes(text: str) -> int:
    hours, minutes = (int(part) for part in text.split(":"))
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise ValueError(f"'{text}' is not a time of day — use 24-hour times from 00:00 to 24:00")
    return hours * 60 + minutes


def parse_line(line: str) -> list[Span]:
    """The spans one schedule line stands for, or ValueError saying what is wrong."""
    match = LINE.match(" ".join(str(line).split()))
    if not match:
        raise ValueError(f"'{line}' is not a schedule line — {LINE_HELP}")
    days = []
    for name in (match["first"], match["last"] or match["first"]):
        if name.title() not in DAYS:
            raise ValueError(f"'{name}' is not a day — use Mon, Tue, Wed, Thu, Fri, Sat or Sun")
        days.append(DAYS.index(name.title()))
    first, last = days
    start, end = _minutes(match["start"]), _minutes(match["end"])
    if start == end:
        raise ValueError(f"'{line}' opens and closes at the same time — for all day write 00:00-24:00")
    length = end - start if end > start else end + MINUTES_IN_DAY - start
    covered = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
    return [Span(day * MINUTES_IN_DAY + start, day * MINUTES_IN_DAY + start + length) for day in covered]


class Schedule(BaseModel):
    """Set weekly hours in one time zone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schedule: list[str] = Field(min_length=1)
    time_zone: str
    note: str | None = Field(default=None, min_length=1)

    @field_validator("schedule")
    @classmethod
    def _lines_parse(cls, lines: list[str]) -> list[str]:
        for line in lines:
            parse_line(line)
        return [" ".join(str(line).split()) for line in lines]

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not an IANA time zone — write it as Region/City, "
                             "e.g. 'Europe/London' or 'America/New_York'") from None
        return value

    @property
    def spans(self) -> list[Span]:
        return [span for line in self.schedule for span in parse_line(line)]

    def is_open(self, moment: datetime) -> bool:
        """Whether the service is open at `moment` (an aware datetime), in its own time zone."""
        local = moment.astimezone(ZoneInfo(self.time_zone))
        now = local.weekday() * MINUTES_IN_DAY + local.hour * 60 + local.minute
        week = 7 * MINUTES_IN_DAY
        return any(span.start <= now < span.end or span.start <= now + week < span.end for span in self.spans)

    def in_words(self) -> str:
        """'Mon-Fri 09:00-17:00; Sat 10:00-14:00 (UK time)' as a reader sees it."""
        text = "; ".join(line.replace("-", "–") for line in self.schedule)
        return f"{text} ({self.time_zone.replace('_', ' ')} time)" + (f", {self.note}" if self.note else "")
