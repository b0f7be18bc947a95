"""The directory's pages, generated from the snapshot's entries through templates: a page per entry,
per country and per kind, the directory home's country list and full listing, and the crisis lines
any page can show. This module only chooses and groups; the words are in `templates/`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, get_args
from urllib.parse import quote

from markupsafe import Markup

from . import directory, urls
from .directory import DIALLED_CONTACTS, KIND_HEADINGS, Contact, ContactType, Entry, dial_string
from .hours import MINUTES_IN_DAY
from .render import link_target, markdown_text, render

if TYPE_CHECKING:
    from .site import Listed, Site

HOME_PAGE = "directory/index.md"
INCLUSION_RULE_PAGE = "directory/inclusion-rule.md"
COUNTRIES_MARKER = "<!-- directory:countries -->"
FINDER_MARKER = "<!-- directory:find -->"
CRISIS_LINES_MARKER = "<!-- directory:crisis-lines -->"
# May be indented (inside an admonition): the numbers take the marker's indentation.
EMERGENCY_MARKER = re.compile(r"^([ \t]*)<!-- directory:emergency-numbers -->[ \t]*$", re.M)
CONTACT_NAMES = {"phone": "Phone", "text": "Text message", "chat": "Online chat", "email": "Email", "web": "Website",
                 "relay": "TTY or relay"}
COST_NAMES = {"free": "Free", "low-cost": "Low cost", "sliding-scale": "Sliding-scale fees", "paid": "Paid",
              "insurance": "Covered by some insurance"}
ACCESS_NAMES = {"tty": "TTY", "text-relay": "Text relay", "video-relay": "Video relay or sign language",
                "interpreters": "Interpreters"}
SOURCE_NAMES = {"service": "the service's own page", "government": "a government or health-service page"}


def help_card_file(code: str) -> str:
    """The file name of a country's one-page help card: 'help-card-gb.pdf'."""
    return f"help-card-{code.lower()}.pdf"


@dataclass(frozen=True)
class ContactLink:
    """A link that calls, texts, opens or mails, with a label that says which."""

    label: str
    target: str
    note: str | None = None


@dataclass(frozen=True)
class AccessLink:
    kind: str
    label: str
    target: str | None
    note: str | None


def contact_link(contact: Contact, regions: Sequence[str]) -> ContactLink:
    if contact.type == "phone":
        return ContactLink(f"Call {contact.value}", f"tel:{dial_string(contact.value, regions)}", contact.note)
    if contact.type == "text":
        target = f"sms:{dial_string(contact.value, regions)}"
        if contact.keyword:
            return ContactLink(f"Text {contact.keyword} to {contact.value}",
                               f"{target}?&body={quote(contact.keyword)}", contact.note)
        return ContactLink(f"Text {contact.value}", target, contact.note)
    if contact.type == "chat":
        return ContactLink("Chat online", contact.value, contact.note)
    if contact.type == "email":
        return ContactLink(f"Email {contact.value}", f"mailto:{contact.value}", contact.note)
    return ContactLink(urls.site_name(contact.value), contact.value, contact.note)


class View:
    """What the templates ask of an entry, in readers' words."""

    country_name = staticmethod(directory.country_name)
    country_page = staticmethod(directory.country_page_path)
    kind_page_of = staticmethod(directory.kind_page_path)
    site_name = staticmethod(urls.site_name)

    @staticmethod
    def zones(code: str) -> str:
        """A country's time zones, for guessing the reader's country on their device."""
        return " ".join(zones_by_country().get(code, ()))

    @staticmethod
    def kind_name(entry: Entry) -> str:
        return directory.KIND_NAMES[entry.kind]

    @staticmethod
    def kind_page(entry: Entry) -> str:
        return directory.kind_page_path(entry.kind)

    @staticmethod
    def cost_name(entry: Entry) -> str:
        return COST_NAMES[entry.cost] if entry.cost else ""

    @staticmethod
    def audience_names(entry: Entry) -> list[str]:
        return [directory.AUDIENCES[audience] for audience in entry.audiences]

    @staticmethod
    def language_names(entry: Entry) -> list[str]:
        return [directory.language_name(code) for code in entry.languages]

    @staticmethod
    def facts(entry: Entry) -> list[str]:
        facts = [directory.KIND_NAMES[entry.kind], ", ".join(map(directory.country_name, entry.countries))]
        facts += [entry.hours_text] if entry.hours else []
        facts += [COST_NAMES[entry.cost]] if entry.cost else []
        return facts

    @staticmethod
    def contact_links(entry: Entry) -> list[ContactLink]:
        links = [contact_link(contact, entry.country_codes) for contact in entry.contacts]
        if not links and entry.website:
            links.append(ContactLink(urls.site_name(entry.website), entry.website))
        return links

    @staticmethod
    def quick_links(entry: Entry) -> list[ContactLink]:
        """The contacts that reach someone now: calls, texts and chat first."""
        quick = [c for c in entry.contacts if c.type in (*DIALLED_CONTACTS, "chat")]
        links = [contact_link(c, entry.country_codes) for c in quick]
        return links or View.contact_links(entry)

    @staticmethod
    def access_links(entry: Entry) -> list[AccessLink]:
        result = []
        for way in entry.access:
            target = None
            if way.value and (dialled := dial_string(way.value, entry.country_codes)):
                target = f"tel:{dialled}"
            elif way.value and way.value.startswith("https://"):
                target = way.value
            result.append(AccessLink(ACCESS_NAMES[way.type], way.value or "", target, way.note))
        return result

    @staticmethod
    def source_words(entry: Entry) -> Markup:
        """'samaritans.org (the service's own page)', linked, as the cards say where a line was checked."""
        kind = SOURCE_NAMES.get(entry.source_kind or "", entry.source_note or "")
        shown = f"[{markdown_text(urls.site_name(entry.source))}]({link_target(entry.source)})"
        return Markup(shown + (f" ({markdown_text(kind)})" if kind else ""))

    @staticmethod
    def schedule_data(entry: Entry) -> dict:
        """The weekly spans for the reader's browser to say 'open now': minutes from Monday 00:00."""
        schedule = entry.schedule
        assert schedule is not None
        return {"zone": schedule.time_zone, "spans": [[span.start, span.end] for span in schedule.spans],
                "week": 7 * MINUTES_IN_DAY}


VIEW = View()


def _render(template: str, site: Site, here: str, **values: object) -> str:
    return render(template, site=site, here=here, view=VIEW, pairs=site.pairs, **values)


def _in(items: Iterable[Listed], code: str) -> list[Listed]:
    return [item for item in items if code in item.entry.countries]


def crisis_by_country(site: Site) -> dict[str, list[Listed]]:
    """Each country's emergency numbers and crisis lines, emergency numbers first."""
    crisis = sorted((item for item in site.entries if item.entry.kind == "crisis-line"), key=lambda i: i.sort_key)
    return {code: _in(crisis, code) for code in site.countries}


def entry_page_markdown(item: Listed, site: Site, *, repo_url: str | None, review_by: date | None) -> str:
    entry = item.entry
    report = None
    if repo_url:
        report = f"{repo_url.rstrip('/')}/issues/new?template=correction.yml&title={quote(entry.name, safe='')}"
    paired = [other for slug in site.pairs.get(item.slug, "").split() if (other := site.entry_named(slug))]
    return _render("entry.md", site, item.path, item=item, entry=entry, description=Markup(item.description.strip()),
                   out_of_date=entry.is_out_of_date(site.today), report_url=report, paired=paired,
                   review_by=review_by)


def country_page_markdown(site: Site, code: str, help_card: str | None = None) -> str:
    here = directory.country_page_path(code)
    local = _in(site.entries, code)
    lines = [item for item in local if item.entry.kind in directory.LINE_KINDS]
    emergency = [item for item in lines if item.entry.is_emergency_service]
    for_some = [item for item in lines if item not in emergency
                and item.entry.audiences and "everyone" not in item.entry.audiences]
    by_audience = [(name, [item for item in for_some if audience in item.entry.audiences])
                   for audience, name in directory.AUDIENCES.items() if audience != "everyone"]
    rest = [item for item in lines if item not in emergency and item not in for_some]
    return _render(
        "country.md", site, here, name=directory.country_name(code), help_card=help_card, emergency=emergency,
        crisis=[item for item in rest if item.entry.kind == "crisis-line"],
        support=[item for item in rest if item.entry.kind == "support-line"],
        by_audience=[(name, items) for name, items in by_audience if items],
        therapists=[item for item in local if item.entry.kind == "therapist-directory"],
        organisations=[item for item in local if item.entry.kind in ("organisation", "self-help")],
        for_partners=[item for item in lines if "partners-and-family" in item.entry.audiences],
        international=[item for item in site.entries if item.entry.is_international],
        selects=filter_choices(site, local, by_country=False))


def kind_page_markdown(site: Site, kind: str, intro: str) -> str:
    here = directory.kind_page_path(kind)
    of_kind = [item for item in site.entries if item.entry.kind == kind]
    countries = sorted({code for item in of_kind for code in item.entry.country_codes}, key=directory.country_name)
    return _render("kind.md", site, here, heading=KIND_HEADINGS[kind], intro=intro,
                   by_country=[(code, _in(of_kind, code)) for code in countries],
                   international=[item for item in of_kind if item.entry.is_international])


@functools.cache
def zones_by_country() -> dict[str, tuple[str, ...]]:
    """The IANA time zones of each country (tzdata's zone.tab), for guessing the reader's country on
    their own device from the zone their browser reports."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, zone, *_ = line.split("\t")
            zones.setdefault(code, []).append(zone)
    return {code: tuple(found) for code, found in zones.items()}


def filter_choices(site: Site, entries: Sequence[Listed], *, by_country: bool = True
                   ) -> list[tuple[str, str, str, list[tuple[str, str, str]]]]:
    """The filters: each select's name, label, 'everything' option and choices, from what is listed."""
    tags = {tag.slug: tag.label for item in entries for tag in item.tags}
    kinds = [kind for kind in KIND_HEADINGS if any(item.entry.kind == kind for item in entries)]
    audiences = [a for a in directory.AUDIENCES if a != "everyone" and any(a in i.entry.audiences for i in entries)]
    languages = sorted({code for item in entries for code in item.entry.languages}, key=directory.language_name)
    methods = [t for t in (*get_args(ContactType), "relay")
               if any(t in (*item.entry.contact_types, *(["relay"] if item.entry.access else [])) for item in entries)]
    countries = [("country", "Country", "All countries",
                  [(c.lower(), directory.country_name(c), " ".join(zones_by_country().get(c, ())))
                   for c in site.countries])] if by_country else []
    return countries + [
        ("audience", "Who it is for", "Anyone", [(a, directory.AUDIENCES[a], "") for a in audiences]),
        ("kind", "Kind of service", "All kinds", [(k, KIND_HEADINGS[k], "") for k in kinds]),
        ("tag", "Topic", "All topics", sorted(((slug, label, "") for slug, label in tags.items()),
                                              key=lambda choice: choice[1].casefold())),
        ("language", "Language", "Any language", [(c, directory.language_name(c), "") for c in languages]),
        ("contact", "Way to get in touch", "Any way", [(m, CONTACT_NAMES[m], "") for m in methods]),
    ]


def home_countries_markdown(site: Site, here: str = HOME_PAGE) -> str:
    """Each country's emergency numbers and one crisis line for everyone (or the first there is)."""
    rows = []
    for code, lines in crisis_by_country(site).items():
        emergency = [item for item in lines if item.entry.is_emergency_service]
        others = sorted((item for item in lines if item not in emergency),
                        key=lambda item: ("everyone" not in item.entry.audiences, item.sort_key))
        rows.append((code, emergency, others[0] if others else None))
    international = sorted((item for item in site.entries if item.entry.is_international), key=lambda i: i.sort_key)
    return _render("home-countries.md", site, here, rows=rows, international=international)


def finder_markdown(site: Site, here: str) -> str:
    """The directory home's filters, which open the list of every service with the reader's choices."""
    return _render("find-a-service.md", site, here, selects=filter_choices(site, site.entries),
                   all_services=directory.ALL_SERVICES_PAGE)


def all_services_markdown(site: Site) -> str:
    """Every service on one page, grouped by kind, with the filters."""
    groups = [(kind, heading, [item for item in site.entries if item.entry.kind == kind])
              for kind, heading in KIND_HEADINGS.items()]
    return _render("all-services.md", site, directory.ALL_SERVICES_PAGE, selects=filter_choices(site, site.entries),
                   groups=[group for group in groups if group[2]])


def emergency_numbers(site: Site) -> list[tuple[str, list[Listed]]]:
    """Each country with its emergency-number entries (those libphonenumber knows as emergency)."""
    rows = [(code, [item for item in lines if item.entry.is_emergency_service])
            for code, lines in crisis_by_country(site).items()]
    return [(code, items) for code, items in rows if items]


def emergency_links(site: Site) -> list[tuple[str, list[ContactLink]]]:
    """Each country's name and its emergency numbers' links, for the banner on every page."""
    return [(directory.country_name(code), [link for item in items for link in VIEW.quick_links(item.entry)])
            for code, items in emergency_numbers(site)]


def emergency_numbers_markdown(site: Site, here: str) -> str:
    return _render("emergency-numbers.md", site, here, rows=emergency_numbers(site)).strip()


def crisis_lines_markdown(site: Site, here: str) -> str:
    return _render("crisis-lines.md", site, here, countries=site.countries, crisis_by_country=crisis_by_country(site))


def fill_markers(markdown: str, site: Site, here: str) -> str:
    """Place the generated parts where a page asks for them: the directory home's country list and
    its way into the filters, and on any page the crisis lines of every country."""
    if here == HOME_PAGE:
        countries = home_countries_markdown(site)
        markdown = markdown.replace(COUNTRIES_MARKER, countries, 1) if COUNTRIES_MARKER in markdown \
            else markdown.rstrip() + "\n\n" + countries
        if FINDER_MARKER in markdown:
            markdown = markdown.replace(FINDER_MARKER, finder_markdown(site, here), 1)
    if CRISIS_LINES_MARKER in markdown:
        markdown = markdown.replace(CRISIS_LINES_MARKER, crisis_lines_markdown(site, here))
    if EMERGENCY_MARKER.search(markdown):
        numbers = emergency_numbers_markdown(site, here)
        markdown = EMERGENCY_MARKER.sub(lambda match: match.group(1) + numbers, markdown)
    return markdown

