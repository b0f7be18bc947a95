"""No page types a phone number by hand: every number a reader can call comes from a directory
entry (checked against a named page on a named date), through the page's markers."""

from __future__ import annotations

import functools
import re

import phonenumbers
from content import directory

from conftest import real_site

SITE = real_site()
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]+`")
LINK_TARGET = re.compile(r"\]\([^)]*\)")


def prose(text: str) -> str:
    return LINK_TARGET.sub("]()", INLINE_CODE.sub("", FENCE.sub("", text)))


@functools.cache
def known_numbers() -> frozenset[str]:
    """The digits of every number the directory lists, as written."""
    found = {re.sub(r"\D", "", contact.value) for item in SITE.entries for contact in item.entry.contacts
             if contact.type in directory.DIALLED_CONTACTS}
    return frozenset(number for number in found if len(number) >= 3)


# A short number reads as a phone number only after a word like "call"; a longer one anywhere.
SHORT_AFTER_CALLING = re.compile(r"(?:call|dial|ring|text|phone|press|on|to)\W{1,3}(?<![\d.])(\d{3})(?!\d|\.\d)", re.I)
DIGIT_RUN = re.compile(r"(?<![\d.])(\d{4,})(?!\d|\.\d)")


def typed_numbers(text: str) -> list[str]:
    text = prose(text)
    joined = re.sub(r"(?<=\d)[ -](?=\d)", "", text)
    runs = set(DIGIT_RUN.findall(joined)) | set(SHORT_AFTER_CALLING.findall(joined))
    typed = sorted(runs & known_numbers())
    for candidate in re.findall(r"\+?\d[\d ()-]{5,}\d", text):  # long enough to be a full number
        for region in SITE.countries:
            typed += [match.raw_string for match in phonenumbers.PhoneNumberMatcher(
                candidate, region, leniency=phonenumbers.Leniency.VALID)]
    return sorted(set(typed))


def test_the_scan_finds_a_typed_number() -> None:
    assert typed_numbers("In the UK call 116 123, or text SHOUT to 85258.") == ["116123", "85258"]
    assert typed_numbers("Call 0800 123 4567 for help.") == ["0800 123 4567"]
    assert typed_numbers("Seen in 2017; 3 in 5 people; `999` in code; [link](tel:999)") == []


def test_no_hand_written_page_types_a_number_a_reader_could_call() -> None:
    typed = {document.path: found for document in SITE.documents
             if not directory.is_entry(document) and (found := typed_numbers(document.body))}
    assert typed == {}, "use <!-- directory:emergency-numbers --> or <!-- directory:crisis-lines --> instead"
