"""The directory of services: one Markdown file per service, and its validation.

An entry is `docs/directory/entries/<cc>-<slug>.md` (`cc` is its first country in lowercase, or
`intl`): front matter with the fields below and a short description as the body. `python -m
content.directory` (`make audit`) lists the entries nobody has checked for twelve months. The pages
made from the entries are in `directory_pages`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal, get_args

import phonenumbers
from babel import Locale
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from .frontmatter import Document
from .hours import Schedule
from .problems import Problem, describe_error, field_name, invalid
from .urls import email_problem, https_problem

ENTRIES_FOLDER = "directory/entries"
COUNTRIES_FOLDER = "directory/countries"
KINDS_FOLDER = "directory/kinds"
ALL_SERVICES_PAGE = "directory/all.md"
INTERNATIONAL = "international"
INTERNATIONAL_FILE_PREFIX = "intl"

Kind = Literal["crisis-line", "support-line", "therapist-directory", "organisation", "self-help"]
ContactType = Literal["phone", "text", "chat", "email", "web"]
Cost = Literal["free", "low-cost", "sliding-scale", "paid", "insurance"]
AccessType = Literal["tty", "text-relay", "video-relay", "interpreters"]
SourceKind = Literal["service", "government", "secondary"]
# Who a service is for, as the filters and the country pages group lines.
AUDIENCES: dict[str, str] = {
    "everyone": "Everyone",
    "women": "Women",
    "men": "Men",
    "children": "Children",
    "young-people": "Young people",
    "lgbtq": "LGBTQ+ people",
    "veterans": "Veterans and service members",
    "indigenous": "Indigenous peoples",
    "partners-and-family": "Partners, family and friends",
    "older-people": "Older people",
}
Audience = Literal[tuple(AUDIENCES)]  # type: ignore[valid-type]
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
    "BR": {"188": "CVV, Centro de Valorização da Vida: https://redeglobo.globo.com/rj/tvriosul/Acontece/noticia/"
                  "cvv-oferece-apoio-emocional-e-atua-na-prevencao-do-suicidio.ghtml"},
    "AR": {"135": "Centro de Asistencia al Suicida (Buenos Aires area): https://elauditor.info/actualidad/"
                  "-es-muy-importante-la-tarea-de-prevencion-del-suicidio-_a603ce26796773412c05b098e"},
    "CO": {"155": "Línea 155, violence against women (Policía Nacional): https://www.policia.gov.co/noticia/"
                  "policia-nacional-sensibiliza-comunidad-sobre-uso-las-lineas-emergencia-123-155"},
    "NG": {"112": "National emergency number (Nigerian Communications Commission): https://www.thisdaylive.com/"
                  "index.php/2019/09/23/insecurity-ncc-launches-emergency-communication-centre-in-katsina/"},
    "KR": {"109": "자살예방상담전화 109, Ministry of Health and Welfare (since 2024-01-01): "
                  "https://newspim.com/news/view/20240102000281"},
    "HK": {"18111": "18111 - Mental Health Support Hotline (Health Bureau): "
                    "https://news.gov.hk/eng/2023/12/20231227/20231227_162155_701.html"},
    "PH": {"1553": "NCMH Crisis Hotline (Department of Health): "
                   "https://www.sunstar.com.ph/cebu/nearly-700-call-ncmh-during-the-holidays"},
    "ZA": {"116": "Childline South Africa: https://www.vukuzenzele.gov.za/children-can-call-116-help"},
    "GR": {"10306": "Psychosocial Support Line 10306 (Ministry of Health): "
                    "https://aftodioikisionline.gr/dimoi/%cf%80%cf%85%cf%81%ce%ba%ce%b1%ce%b3%ce%b9%ce%ad%cf%82-%cf%88%cf%85%cf%87%ce%bf%ce%bb%ce%bf%ce%b3%ce%b9%ce%ba%ce%ae-%cf%85%cf%80%ce%bf%cf%83%cf%84%ce%ae%cf%81%ce%b9%ce%be%ce%b7-%cf%84%cf%89%ce%bd",
           "15900": "SOS Helpline 15900 for women experiencing violence (General Secretariat for Gender Equality): "
                    "https://cease-project.eu/project/general-secretariat-for-gender-equality-of-the-ministry-of-interior/"},
    "NO": {"116006": "Vold- og overgrepslinjen, national violence and abuse helpline: "
                     "https://ldo.no/ombudet-og-samfunnet/siste-nytt2/vo-linjen-ny/"},
    "PT": {"1411": "Linha Nacional de Prevenção do Suicídio (from 10 September 2025): "
                   "https://www.deco.proteste.pt/saude/saude-mental/noticias/linha-prevencao-suicidio-funciona-24-horas-por-dia"},
}
# Emergency numbers among those, which libphonenumber therefore cannot recognise as emergency numbers.
KNOWN_EMERGENCY_NUMBERS: dict[str, set[str]] = {"NG": {"112"}}
PHONE_CHARACTERS = re.compile(r"^\+?[0-9][0-9 ().-]*$")
KEYWORD = re.compile(r"^\w+$")  # one word: it is pre-filled as the text message
ALWAYS_OPEN = "24/7"


def country_name(code: str) -> str:
    return "International" if code == INTERNATIONAL else ENGLISH.territories.get(code, code)


def language_name(code: str) -> str:
    return ENGLISH.languages.get(code, code)


def _country(value: Any) -> str:
    if value is False:  # YAML reads an unquoted NO (Norway) as false
        raise invalid("NO was read as 'false'", "put Norway's code in quotes: \"NO\"")
    text = str(value).strip()
    if text.casefold() == INTERNATIONAL:
        return INTERNATIONAL
    if text.upper() in COMMON_COUNTRY_MISTAKES:
        right = COMMON_COUNTRY_MISTAKES[text.upper()]
        raise invalid(f"'{text}' is not an ISO 3166-1 code", f"the code for {country_name(right)} is '{right}'")
    if text.upper() in COUNTRY_CODES and text != text.upper():
        raise invalid(f"'{text}' must be in capitals", f"write '{text.upper()}'")
    if text not in COUNTRY_CODES:
        raise invalid(f"'{text}' is not an ISO 3166-1 alpha-2 country code",
                       f"use the two-letter code, e.g. 'US', 'GB', 'IE', or '{INTERNATIONAL}' for a service "
                       "open to people in every country")
    return text


def _language(value: Any) -> str:
    text = str(value).strip()
    if text.lower() in LANGUAGE_CODES and text != text.lower():
        raise invalid(f"'{text}' must be in lowercase", f"write '{text.lower()}'")
    if text not in LANGUAGE_CODES:
        by_name = {name.casefold(): code for code, name in ENGLISH.languages.items() if code in LANGUAGE_CODES}
        hint = f"for {text} write '{by_name[text.casefold()]}'" if text.casefold() in by_name \
            else "use two-letter ISO 639-1 codes, e.g. 'en' for English, 'es' for Spanish"
        raise invalid(f"'{text}' is not an ISO 639-1 language code", hint)
    return text


def _https(value: Any) -> str:
    problem = https_problem(value)
    if problem:
        raise invalid(*problem)
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


def _quoted(value: Any) -> Any:
    if isinstance(value, (int, float)):
        raise invalid(f"{value} must be in quotes",
                       f"write value: \"{value}\" so that leading zeros and spaces are kept exactly")
    return value


class Contact(BaseModel):
    """One way to reach a service."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: ContactType
    value: Text
    keyword: Text | None = None
    note: Text | None = None

    _written_as_text = field_validator("value", mode="before")(_quoted)


class Access(BaseModel):
    """A way in for someone who cannot use the main contacts as they are: TTY, relay, interpreters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: AccessType
    value: Text | None = None
    note: Text | None = None

    _written_as_text = field_validator("value", mode="before")(_quoted)


def _hours_kind(value: Any) -> str:
    return "schedule" if isinstance(value, (dict, Schedule)) else "words"


Hours = Annotated[Annotated[Schedule, Tag("schedule")] | Annotated[Text, Tag("words")],
                  Discriminator(_hours_kind)]
EntrySlug = Annotated[str, Field(pattern=r"^[a-z]+-[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Entry(BaseModel):
    """One service in the directory, as its front matter describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    english_name: Text | None = None
    kind: Kind
    countries: list[CountryCode] = Field(min_length=1)
    tags: Any  # resolved against data/tags.yml by the site's tag check, which reports what is wrong
    audiences: list[Audience] = []
    contacts: list[Contact] = []
    access: list[Access] = []
    hours: Hours | None = None
    # Optional where a source may not say: a contributor leaves a field out rather than guess it.
    cost: Cost | None = None
    languages: list[LanguageCode] = []
    who_answers: Text | None = None
    what_to_expect: Text | None = None
    paired_with: list[EntrySlug] = []
    website: HttpsUrl | None = None
    source: HttpsUrl
    source_kind: SourceKind
    source_note: Text | None = None
    last_verified: date
    review_by: date | None = None

    @field_validator("tags")
    @classmethod
    def _has_a_tag(cls, value: Any) -> Any:
        if value in (None, []):
            raise invalid("is empty", FIELD_HELP["tags"])
        return value

    @field_validator("last_verified")
    @classmethod
    def _not_in_the_future(cls, value: date, info: ValidationInfo) -> date:
        today = (info.context or {}).get("today") or date.today()
        if value > today:
            raise invalid(f"{value.isoformat()} is in the future",
                           "give the date you checked the details against the source, e.g. "
                           f"{today.isoformat()}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Entry:
        errors: list[InitErrorDetails] = []

        def fail(loc: tuple[str | int, ...], value: Any, message: str, fix: str) -> None:
            errors.append(InitErrorDetails(type=invalid(message, fix), loc=loc, input=value))

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
                fail((*at, "keyword"), contact.keyword, f"'{contact.keyword}' is not one word of letters and digits",
                     "give the word to text, e.g. 'keyword: HOME' for 'text HOME to 741741'")
            if contact.type in DIALLED_CONTACTS and dial_string(contact.value, regions) is None:
                where = " or ".join(f"{country_name(r)} ({r})" for r in regions) or "international format"
                fix = ("check it against the source and write it as dialled there, e.g. '988' or '0808 2000 247'"
                       if regions else "write it with + and the country code, or list the service under its country")
                fail((*at, "value"), contact.value, f"'{contact.value}' is not a valid phone number in {where}", fix)
            elif contact.type in ("chat", "web") and (problem := https_problem(contact.value)):
                fail((*at, "value"), contact.value, *problem)
            elif contact.type == "email" and (problem := email_problem(contact.value)):
                fail((*at, "value"), contact.value, *problem)
        for number, way in enumerate(self.access):
            at = ("access", number)
            if way.value is None and way.note is None:
                fail(at, None, f"this way in ({way.type}) needs a number, an address or a note",
                     "give the number or https:// address, or say in 'note' how to ask for it")
            elif way.value is not None and way.type in ("tty", "interpreters") and \
                    dial_string(way.value, regions) is None:
                fail((*at, "value"), way.value, f"'{way.value}' is not a valid phone number here",
                     "write the number as dialled in the country, or give the route in 'note'")
            elif way.value is not None and way.type in ("text-relay", "video-relay") and \
                    dial_string(way.value, regions) is None and (problem := https_problem(way.value)):
                fail((*at, "value"), way.value, *problem)
        if self.kind in LINE_KINDS and not self.audiences:
            fail(("audiences",), None, f"a {KIND_NAMES[self.kind].lower()} needs to say who it is for",
                 FIELD_HELP["audiences"])
        if self.review_by is not None and self.review_by <= self.last_verified:
            fail(("review_by",), self.review_by, f"{self.review_by.isoformat()} is not after last_verified",
                 "give the date the entry should be checked again by, after the date it was verified")
        if self.source_kind == "secondary" and self.source_note is None:
            fail(("source_note",), None, "a secondary source needs a note saying what kind of page it is",
                 "write e.g. 'source_note: a news report', or cite the service's own page instead")
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
        return isinstance(self.hours, str) and self.hours.strip().startswith(ALWAYS_OPEN)

    @property
    def schedule(self) -> Schedule | None:
        return self.hours if isinstance(self.hours, Schedule) else None

    @property
    def hours_text(self) -> str:
        """The hours as a reader sees them."""
        if isinstance(self.hours, Schedule):
            return self.hours.in_words()
        return self.hours or ""

    @property
    def is_sourced_at_service(self) -> bool:
        """Checked against the service's own page or a government or health-service page."""
        return self.source_kind in ("service", "government")

    @property
    def contact_types(self) -> list[str]:
        return list(dict.fromkeys(contact.type for contact in self.contacts))

    @property
    def is_emergency_service(self) -> bool:
        """Whether it gives a country's emergency number (police, fire, ambulance)."""
        return any(phonenumbers.is_emergency_number(c.value, region)
                   or re.sub(r"\D", "", c.value) in KNOWN_EMERGENCY_NUMBERS.get(region, set())
                   for c in self.contacts if c.type == "phone" for region in self.country_codes)

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
    "hours": "write '24/7', the hours in plain words, or a weekly 'schedule' with its 'time_zone'",
    "schedule": "list lines such as 'Mon-Fri 09:00-17:00'",
    "time_zone": "give the IANA time zone, e.g. 'Europe/London'",
    "english_name": "give an English gloss of the name, e.g. 'Friendly Telephone'",
    "audiences": "list who it is for, from: " + ", ".join(AUDIENCES),
    "access": "list ways in such as '- type: tty' with 'value: \"800-787-3224\"'",
    "what_to_expect": "say in a sentence or two what happens when someone calls, as the source says it",
    "paired_with": "list the file names (without .md) of entries always shown with this one, e.g. [gb-childline]",
    "source_kind": "use one of: service (its own site), government (a government or health-service page), "
                   "secondary (anything else, with a source_note)",
    "source_note": "say what kind of page the source is, e.g. 'a news report'",
    "cost": "use one of: " + ", ".join(get_args(Cost)),
    "languages": "list ISO 639-1 codes, e.g. [en, es]",
    "who_answers": "say who answers, e.g. 'Trained volunteers'",
    "website": "give the service's own https:// address",
    "source": "give the https:// address of the page you checked the details against",
    "last_verified": "write the date you checked the details as YYYY-MM-DD",
    "review_by": "write the date the entry should be checked again by, as YYYY-MM-DD",
    "type": "use one of: " + ", ".join(get_args(ContactType)),
    "value": "give the number, address or link, in quotes",
    "keyword": "give the word to text, e.g. HOME",
    "note": "add a short note, e.g. TTY",
}


def _fields_at(loc: tuple) -> list[str]:
    models = {"contacts": Contact, "access": Access, "hours": Schedule}
    return list(models[loc[0]].model_fields) if loc and loc[0] in models else ENTRY_FIELDS


def _entry_loc(loc: tuple) -> tuple:
    if loc[:1] == ("hours",) and loc[1:2] in (("schedule",), ("words",)):
        return loc[:1] + loc[2:]  # the kind of hours pydantic tried is not a field the contributor wrote
    return loc


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
            loc = _entry_loc(tuple(detail["loc"]))
            message, fix = describe_error({**detail, "loc": loc}, field_help=FIELD_HELP, known_fields=_fields_at)
            field = field_name(loc)
            line = document.line_of(str(loc[0])) if loc else 1
            problems.append(Problem(document.path, line, field, message, fix))
        return None, problems
    stem = PurePosixPath(document.path).stem
    if not stem.startswith(file_prefix(entry) + "-"):
        problems.append(Problem(document.path, 1, "file name", f"'{stem}.md' does not start with its country",
                                f"rename it '{file_prefix(entry)}-{stem.split('-', 1)[-1]}.md': the first "
                                f"country in lowercase (or '{INTERNATIONAL_FILE_PREFIX}'), a hyphen, then the name"))
    return (None if problems else entry), problems


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def find_duplicates(entries: Iterable[tuple[Document, Entry]]) -> list[Problem]:
    """Two entries for one service: the same name in one country, or one number in one country."""
    problems = []
    seen: dict[tuple[str, str, str], str] = {}
    for document, entry in entries:
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


def country_page_path(code: str) -> str:
    return f"{COUNTRIES_FOLDER}/{code.lower()}.md"


def kind_page_path(kind: str) -> str:
    return f"{KINDS_FOLDER}/{kind}.md"
