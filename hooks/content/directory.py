"""The directory of services: one Markdown file per service, and its validation.

An entry is `docs/directory/entries/<cc>-<slug>.md` (`cc` is its first country in lowercase, or
`intl`): front matter with the fields below and a short description as the body. `python -m
content.directory` (`make audit`) lists the entries nobody has checked for twelve months. The pages
made from the entries are in `directory_pages`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

import phonenumbers
from babel import Locale
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import frontmatter
from .frontmatter import Document
from .problems import Problem, did_you_mean

ENTRIES_FOLDER = "directory/entries"
COUNTRIES_FOLDER = "directory/countries"
KINDS_FOLDER = "directory/kinds"
INTERNATIONAL = "international"
INTERNATIONAL_FILE_PREFIX = "intl"

Kind = Literal["crisis-line", "support-line", "therapist-directory", "organisation", "self-help"]
ContactType = Literal["phone", "text", "chat", "email", "web"]
Cost = Literal["free", "low-cost", "sliding-scale", "paid", "insurance"]
LINE_KINDS = ("crisis-line", "support-line")
DIALLED_CONTACTS = ("phone", "text")

# In the order a country's page lists them: help right now first.
KIND_HEADINGS: dict[str, str] = {
    "crisis-line": "Crisis lines",
    "support-line": "Support lines",
    "therapist-directory": "Ways to find a therapist",
    "organisation": "Organisations",
    "self-help": "Self-help",
}
KIND_NAMES = {"crisis-line": "Crisis line", "support-line": "Support line",
              "therapist-directory": "Therapist directory", "organisation": "Organisation",
              "self-help": "Self-help"}
ENGLISH = Locale("en")
# ISO 3166-1 alpha-2 codes that have a telephone numbering plan (libphonenumber's regions; '001' is
# its code for non-geographic numbers).
COUNTRY_CODES = frozenset(r for regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.values() for r in regions
                          if r.isalpha())
COMMON_COUNTRY_MISTAKES = {"UK": "GB", "EN": "GB", "EL": "GR"}
# ISO 639-1: the two-letter codes in the Unicode CLDR's language names.
LANGUAGE_CODES = frozenset(code for code in ENGLISH.languages if len(code) == 2)

# Published short numbers that libphonenumber's data does not hold yet, with where they are published.
KNOWN_SHORT_NUMBERS: dict[str, dict[str, str]] = {
    "IN": {"14416": "Tele-MANAS, India's national tele-mental-health line: https://telemanas.mohfw.gov.in/"},
    "DE": {"116016": "Hilfetelefon Gewalt gegen Frauen: https://www.hilfetelefon.de/"},
}
PHONE_CHARACTERS = re.compile(r"^\+?[0-9][0-9 ().-]*$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$", re.I)
KEYWORD = re.compile(r"^\S+$")
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)
ALWAYS_OPEN = "24/7"


def _invalid(message: str, fix: str) -> PydanticCustomError:
    return PydanticCustomError("entry", message, {"fix": fix})


def country_name(code: str) -> str:
    return "International" if code == INTERNATIONAL else ENGLISH.territories.get(code, code)


def language_name(code: str) -> str:
    return ENGLISH.languages.get(code, code)


def _country(value: Any) -> str:
    if value is False:  # YAML reads an unquoted NO (Norway) as false
        raise _invalid("NO was read as 'false'", "put Norway's code in quotes: \"NO\"")
    text = str(value).strip()
    if text.casefold() == INTERNATIONAL:
        return INTERNATIONAL
    if text.upper() in COMMON_COUNTRY_MISTAKES:
        right = COMMON_COUNTRY_MISTAKES[text.upper()]
        raise _invalid(f"'{text}' is not an ISO 3166-1 code", f"the code for {country_name(right)} is '{right}'")
    if text.upper() in COUNTRY_CODES and text != text.upper():
        raise _invalid(f"'{text}' must be in capitals", f"write '{text.upper()}'")
    if text not in COUNTRY_CODES:
        raise _invalid(f"'{text}' is not an ISO 3166-1 alpha-2 country code",
                       f"use the two-letter code, e.g. 'US', 'GB', 'IE', or '{INTERNATIONAL}' for a service "
                       "open to people in every country")
    return text


def _language(value: Any) -> str:
    text = str(value).strip()
    if text.lower() in LANGUAGE_CODES and text != text.lower():
        raise _invalid(f"'{text}' must be in lowercase", f"write '{text.lower()}'")
    if text not in LANGUAGE_CODES:
        by_name = {name.casefold(): code for code, name in ENGLISH.languages.items() if code in LANGUAGE_CODES}
        hint = f"for {text} write '{by_name[text.casefold()]}'" if text.casefold() in by_name \
            else "use two-letter ISO 639-1 codes, e.g. 'en' for English, 'es' for Spanish"
        raise _invalid(f"'{text}' is not an ISO 639-1 language code", hint)
    return text


def https_problem(value: Any) -> tuple[str, str] | None:
    """What is wrong with a web address, and how to fix it; None if it is a plain https address."""
    text = str(value).strip()
    if UNSAFE_SCHEME.match(text):
        return f"'{text.split(':', 1)[0]}:' addresses are not allowed", "give the service's https:// web address"
    parts = urlsplit(text)
    if parts.scheme == "http":
        return f"'{text}' is not secure (http)", "use the https:// address of the same page"
    if parts.scheme != "https" or not parts.netloc or " " in text:
        return f"'{text}' is not a web address", "give the full address, starting with https://"
    return None


def _https(value: Any) -> str:
    problem = https_problem(value)
    if problem:
        raise _invalid(*problem)
    return str(value).strip()


CountryCode = Annotated[str, BeforeValidator(_country)]
LanguageCode = Annotated[str, BeforeValidator(_language)]
HttpsUrl = Annotated[str, BeforeValidator(_https)]
Text = Annotated[str, Field(min_length=1)]


def dial_string(value: str, regions: Sequence[str]) -> str | None:
    """What a phone in the number's country dials for `value`: the digits for a short number; for a
    full number, what libphonenumber says a mobile there dials ('+E.164' where that works, the
    national digits for numbers that cannot be reached with a country code, such as 13 11 14).

    Valid if it is a full or short number in one of `regions`; with no regions (an international
    service) only a full number written with + and its country code is valid.
    """
    if not PHONE_CHARACTERS.match(value):
        return None
    digits = re.sub(r"\D", "", value)
    for region in regions or [None]:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        in_region = region is None or phonenumbers.is_valid_number_for_region(number, region)
        if phonenumbers.is_valid_number(number) and in_region:
            local = region and phonenumbers.format_number_for_mobile_dialing(number, region, with_formatting=False)
            return local or phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        short = region is not None and not value.startswith("+") and (
            phonenumbers.is_valid_short_number_for_region(number, region)
            or digits in KNOWN_SHORT_NUMBERS.get(region, {}))
        if short:
            return digits
    return None


class Contact(BaseModel):
    """One way to reach a service."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: ContactType
    value: Text
    keyword: Text | None = None
    note: Text | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _written_as_text(cls, value: Any) -> Any:
        if isinstance(value, (int, float)):
            raise _invalid(f"{value} must be in quotes",
                           f"write value: \"{value}\" so that leading zeros and spaces are kept exactly")
        return value


class Entry(BaseModel):
    """One service in the directory, as its front matter describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    kind: Kind
    countries: list[CountryCode] = Field(min_length=1)
    tags: Any  # resolved against data/tags.yml by the site's tag check, which reports what is wrong
    contacts: list[Contact] = []
    hours: Text | None = None
    # Optional where a source may not say: a contributor leaves a field out rather than guess it.
    cost: Cost | None = None
    languages: list[LanguageCode] = []
    who_answers: Text | None = None
    website: HttpsUrl | None = None
    source: HttpsUrl
    last_verified: date

    @field_validator("tags")
    @classmethod
    def _has_a_tag(cls, value: Any) -> Any:
        if value in (None, []):
            raise _invalid("is empty", FIELD_HELP["tags"])
        return value

    @field_validator("last_verified")
    @classmethod
    def _not_in_the_future(cls, value: date, info: ValidationInfo) -> date:
        today = (info.context or {}).get("today") or date.today()
        if value > today:
            raise _invalid(f"{value.isoformat()} is in the future",
                           "give the date you checked the details against the source, e.g. "
                           f"{today.isoformat()}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Entry:
        errors: list[InitErrorDetails] = []

        def fail(loc: tuple[str | int, ...], value: Any, message: str, fix: str) -> None:
            errors.append(InitErrorDetails(type=_invalid(message, fix), loc=loc, input=value))

        if INTERNATIONAL in self.countries and len(self.countries) > 1:
            fail(("countries",), self.countries, f"'{INTERNATIONAL}' cannot be mixed with country codes",
                 f"write either [{INTERNATIONAL}] or the list of countries the service covers")
        if self.kind in LINE_KINDS and not self.contacts:
            fail(("contacts",), None, f"a {KIND_NAMES[self.kind].lower()} needs at least one contact",
                 "add the service's phone, text, chat or web contact, e.g. '- type: phone' and 'value: \"988\"'")
        if self.kind in LINE_KINDS and self.hours is None:
            fail(("hours",), None, f"a {KIND_NAMES[self.kind].lower()} needs its hours",
                 "write '24/7' or the hours in plain words, e.g. 'Monday to Friday, 9am to 5pm'")
        if self.kind in LINE_KINDS and self.cost is None:
            fail(("cost",), None, f"a {KIND_NAMES[self.kind].lower()} needs its cost to callers",
                 "use one of: " + ", ".join(get_args(Cost)))
        if self.website is None and not self.contacts:
            fail(("website",), None, "the entry gives no way to reach the service",
                 "add the service's https:// website, or its contacts")
        regions = self.country_codes
        for number, contact in enumerate(self.contacts):
            at = ("contacts", number)
            if contact.keyword is not None and contact.type != "text":
                fail((*at, "keyword"), contact.keyword, "only a text contact can have a keyword",
                     "move the keyword to the contact with 'type: text', or remove it")
            if contact.keyword is not None and not KEYWORD.match(contact.keyword):
                fail((*at, "keyword"), contact.keyword, f"'{contact.keyword}' is more than one word",
                     "give the word to text, e.g. 'keyword: HOME' for 'text HOME to 741741'")
            if contact.type in DIALLED_CONTACTS and dial_string(contact.value, regions) is None:
                where = " or ".join(f"{country_name(r)} ({r})" for r in regions) or "international format"
                fix = ("check it against the source and write it as dialled there, e.g. '988' or '0808 2000 247'"
                       if regions else "write it with + and the country code, or list the service under its country")
                fail((*at, "value"), contact.value, f"'{contact.value}' is not a valid phone number in {where}", fix)
            elif contact.type in ("chat", "web") and (problem := https_problem(contact.value)):
                fail((*at, "value"), contact.value, *problem)
            elif contact.type == "email" and not EMAIL.match(contact.value):
                fail((*at, "value"), contact.value, f"'{contact.value}' is not an email address",
                     "write the address alone, e.g. 'help@example.org'")
        if errors:
            raise ValidationError.from_exception_data("Entry", errors)
        return self

    @property
    def is_international(self) -> bool:
        return self.countries == [INTERNATIONAL]

    @property
    def country_codes(self) -> list[str]:
        """The ISO codes of the countries it serves; none for an international service."""
        return [code for code in self.countries if code != INTERNATIONAL]

    @property
    def always_open(self) -> bool:
        return (self.hours or "").strip().startswith(ALWAYS_OPEN)

    @property
    def contact_types(self) -> list[str]:
        return list(dict.fromkeys(contact.type for contact in self.contacts))

    @property
    def is_emergency_service(self) -> bool:
        """Whether it gives a country's emergency number (police, fire, ambulance)."""
        return any(phonenumbers.is_emergency_number(c.value, region) for c in self.contacts
                   if c.type == "phone" for region in self.country_codes)

    def dial_strings(self) -> set[str]:
        return {dial for c in self.contacts if c.type in DIALLED_CONTACTS
                if (dial := dial_string(c.value, self.country_codes))}

    def is_out_of_date(self, today: date) -> bool:
        """Not verified for more than twelve months."""
        return self.last_verified < one_year_before(today)


def one_year_before(today: date) -> date:
    return today.replace(year=today.year - 1, day=28) if (today.month, today.day) == (2, 29) \
        else today.replace(year=today.year - 1)


ENTRY_FIELDS = list(Entry.model_fields)
CONTACT_FIELDS = list(Contact.model_fields)
FIELD_HELP = {
    "name": "give the service's name as it writes it, e.g. 'Samaritans'",
    "kind": "use one of: " + ", ".join(get_args(Kind)),
    "countries": f"list ISO 3166-1 codes in capitals, e.g. [US] or [GB, IE], or [{INTERNATIONAL}]",
    "tags": "list topics from data/tags.yml, e.g. [Crisis, Support lines]",
    "contacts": "list each way to reach the service as '- type: phone' with 'value: \"988\"'",
    "hours": "write '24/7' or the hours in plain words",
    "cost": "use one of: " + ", ".join(get_args(Cost)),
    "languages": "list ISO 639-1 codes, e.g. [en, es]",
    "who_answers": "say who answers, e.g. 'Trained volunteers'",
    "website": "give the service's own https:// address",
    "source": "give the https:// address of the page you checked the details against",
    "last_verified": "write the date you checked the details as YYYY-MM-DD",
    "type": "use one of: " + ", ".join(get_args(ContactType)),
    "value": "give the number, address or link, in quotes",
    "keyword": "give the word to text, e.g. HOME",
    "note": "add a short note, e.g. TTY",
}


def _field_name(loc: tuple[str | int, ...]) -> str:
    """'contacts[2].value' for the second contact's value (counted from 1, as people count)."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "front matter"


def _describe(detail: dict[str, Any]) -> tuple[str, str]:
    """What is wrong and how to fix it, for one pydantic error."""
    loc = detail["loc"]
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    value = detail.get("input")
    kind = detail["type"]
    help_text = FIELD_HELP.get(last, "")
    if kind == "entry":
        return detail["msg"], detail["ctx"]["fix"]
    if kind == "missing":
        return "is missing", help_text
    if kind == "extra_forbidden":
        in_contact = len(loc) > 1
        noun, fields = ("a contact", CONTACT_FIELDS) if in_contact else ("a directory entry", ENTRY_FIELDS)
        return f"'{last}' is not a field of {noun}", did_you_mean(last, fields)
    if kind == "literal_error":
        allowed = {"kind": get_args(Kind), "cost": get_args(Cost), "type": get_args(ContactType)}[last]
        return f"'{value}' is not a {last} the directory knows", did_you_mean(str(value), allowed)
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{value}' is not a date", "write the date as YYYY-MM-DD, e.g. 2026-11-23"
    if kind in ("too_short", "string_too_short"):
        return "is empty", help_text
    if kind == "list_type":
        return "must be a list", help_text
    if kind in ("model_type", "model_attributes_type"):
        return "must be a set of 'field: value' lines", help_text or "start each contact with '- type: …'"
    return detail["msg"], help_text


def is_entry(document: Document) -> bool:
    """Whether a document is a directory entry (paths are shown as 'docs/directory/entries/x.md')."""
    path = PurePosixPath(document.path)
    return path.suffix == ".md" and path.parent.as_posix().endswith("/" + ENTRIES_FOLDER)


def file_prefix(entry: Entry) -> str:
    return INTERNATIONAL_FILE_PREFIX if entry.is_international else entry.countries[0].lower()


def validate_entry(document: Document, today: date) -> tuple[Entry | None, list[Problem]]:
    """The entry a document describes, or every problem that stops it being one."""
    problems = []  # links that could run script, in the description as on any page, are pages.py's check
    if not document.body.strip():
        problems.append(Problem(document.path, document.body_line, "description", "is missing",
                                "below the closing '---', say in a sentence or two what the service offers"))
    try:
        entry = Entry.model_validate(document.meta, context={"today": today})
    except ValidationError as error:
        for detail in error.errors():
            message, fix = _describe(detail)
            field = _field_name(detail["loc"])
            line = document.line_of(str(detail["loc"][0])) if detail["loc"] else 1
            problems.append(Problem(document.path, line, field, message, fix))
        return None, problems
    stem = PurePosixPath(document.path).stem
    if not stem.startswith(file_prefix(entry) + "-"):
        problems.append(Problem(document.path, 1, "file name", f"'{stem}.md' does not start with its country",
                                f"rename it '{file_prefix(entry)}-{stem.split('-', 1)[-1]}.md': the first "
                                f"country in lowercase (or '{INTERNATIONAL_FILE_PREFIX}'), a hyphen, then the name"))
    return (None if problems else entry), problems


def check_entry(document: Document, today: date) -> list[Problem]:
    return validate_entry(document, today)[1] if is_entry(document) else []


def entry_documents(docs_dir: Path) -> list[Document]:
    """Every file in the entries folder, read (valid or not), in path order."""
    return [frontmatter.read(path, docs_dir)[0] for path in sorted((docs_dir / ENTRIES_FOLDER).glob("*.md"))]


def read_entries(documents: Iterable[Document], today: date) -> list[tuple[Document, Entry]]:
    """Every valid entry among `documents`, in path order."""
    valid = []
    for document in sorted(filter(is_entry, documents), key=lambda d: d.path):
        entry, _ = validate_entry(document, today)
        if entry is not None:
            valid.append((document, entry))
    return valid


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def find_duplicates(documents: Iterable[Document], today: date) -> list[Problem]:
    """Two entries for one service: the same name in one country, or one number in one country."""
    problems = []
    seen: dict[tuple[str, str, str], str] = {}
    for document, entry in read_entries(documents, today):
        keys = [("name", _name_key(entry.name), country) for country in entry.countries]
        keys += [("number", dial, country) for dial in sorted(entry.dial_strings()) for country in entry.countries]
        reported = set()
        for key in keys:
            first = seen.setdefault(key, document.path)
            if first == document.path or (key[0], first) in reported:
                continue
            reported.add((key[0], first))
            what, value, country = key
            if what == "name":
                problems.append(Problem(document.path, document.line_of("name"), "name",
                                        f"{first} already lists '{entry.name}' for {country_name(country)}",
                                        "keep one entry per service: merge the two files into one"))
            else:
                problems.append(Problem(document.path, document.line_of("contacts"), "contacts",
                                        f"{value} in {country_name(country)} is already listed in {first}",
                                        "a number belongs to one entry: merge the entries, or correct the number"))
    return problems


def source_path(document: Document) -> str:
    """The docs-relative path of a document ('directory/entries/x.md')."""
    return PurePosixPath(*PurePosixPath(document.path).parts[1:]).as_posix()


def country_page_path(code: str) -> str:
    return f"{COUNTRIES_FOLDER}/{code.lower()}.md"


def kind_page_path(kind: str) -> str:
    return f"{KINDS_FOLDER}/{kind}.md"



# --- make audit ------------------------------------------------------------------------------


def out_of_date(entries: Iterable[tuple[Document, Entry]], today: date) -> list[tuple[Document, Entry]]:
    return [(document, entry) for document, entry in entries if entry.is_out_of_date(today)]


def main(argv: list[str] | None = None) -> int:
    """List the entries not verified for twelve months, oldest first."""
    args = sys.argv[1:] if argv is None else argv
    docs_dir = (Path(args[0]) if args else Path.cwd()) / "docs"
    today = date.today()
    stale = sorted(out_of_date(read_entries(entry_documents(docs_dir), today), today),
                   key=lambda pair: pair[1].last_verified)
    if not stale:
        print(f"Every directory entry was verified after {one_year_before(today).isoformat()}.")
        return 0
    noun = "entry" if len(stale) == 1 else "entries"
    print(f"{len(stale)} directory {noun} not verified since {one_year_before(today).isoformat()}:")
    for document, entry in stale:
        print(f"  {document.path}: {entry.name}, last verified {entry.last_verified.isoformat()} "
              f"against {entry.source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
