"""The directory's pages, generated from its entries: a page per entry, per country and per kind,
and the directory home's country list and full listing. Everything is Markdown with relative links,
so MkDocs checks and rewrites the links like any other page's."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import get_args
from urllib.parse import quote, urlsplit

from .directory import (
    DIALLED_CONTACTS,
    INTERNATIONAL,
    KIND_HEADINGS,
    KIND_NAMES,
    Contact,
    ContactType,
    Entry,
    country_name,
    country_page_path,
    dial_string,
    kind_page_path,
    language_name,
)
from .tags import Tag

HOME_PAGE = "directory/index.md"
INCLUSION_RULE_PAGE = "directory/inclusion-rule.md"
COUNTRIES_MARKER = "<!-- directory:countries -->"
LISTING_MARKER = "<!-- directory:listing -->"

KIND_INTROS = {
    "crisis-line": "Free, confidential lines you can call, text or chat with when you are in crisis, "
                   "and the emergency numbers to call if someone is in danger.",
    "support-line": "Helplines for a particular need, such as domestic abuse, sexual violence or "
                    "support for young people.",
    "therapist-directory": "Searchable lists of qualified therapists, including low-cost and "
                           "identity-matched ones.",
    "organisation": "Organisations that offer information, advocacy or services.",
    "self-help": "Things you can use on your own, at your own pace.",
}
CONTACT_NAMES = {"phone": "Phone", "text": "Text message", "chat": "Online chat", "email": "Email", "web": "Website"}
COST_NAMES = {"free": "Free", "low-cost": "Low cost", "sliding-scale": "Sliding-scale fees", "paid": "Paid",
              "insurance": "Covered by some insurance"}



@dataclass(frozen=True)
class Listed:
    """An entry as the pages show it: where its page is (docs-relative), its topics and description."""

    path: str
    entry: Entry
    tags: tuple[Tag, ...]
    description: str = ""

    @property
    def sort_key(self) -> tuple[int, str, bool, str]:
        """By kind, then country (international last), emergency numbers first, then by name."""
        entry = self.entry
        return (list(KIND_HEADINGS).index(entry.kind),
                "~" if entry.is_international else country_name(entry.countries[0]),
                not entry.is_emergency_service, entry.name.casefold())


def _link(from_page: str, to_page: str) -> str:
    """A relative Markdown link target from one docs-relative page to another."""
    from_parts, to_parts = PurePosixPath(from_page).parent.parts, PurePosixPath(to_page).parts
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + list(to_parts[common:]))


def _text(value: str) -> str:
    """Contributor text, safe to place in Markdown: no raw HTML, no accidental emphasis or links."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", html.escape(" ".join(value.split()), quote=False))


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def contact_link(contact: Contact, regions: Sequence[str]) -> str:
    """A Markdown link that calls, texts, opens or mails, with a label that says which."""
    value = _text(contact.value)
    note = f" ({_text(contact.note)})" if contact.note else ""
    if contact.type == "phone":
        return f"[Call {value}](tel:{dial_string(contact.value, regions)}){note}"
    if contact.type == "text":
        target = f"sms:{dial_string(contact.value, regions)}"
        if contact.keyword:
            return f"[Text {_text(contact.keyword)} to {value}]({target}?&body={quote(contact.keyword)}){note}"
        return f"[Text {value}]({target}){note}"
    if contact.type == "chat":
        return f"[Chat online](<{contact.value}>){note}"
    if contact.type == "email":
        return f"[Email {value}](mailto:{contact.value}){note}"
    return f"[{_text(_site_name(contact.value))}](<{contact.value}>){note}"


def _site_name(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) or url


def _website_link(entry: Entry) -> str:
    return f"[{_text(_site_name(str(entry.website)))}](<{entry.website}>)"


def _countries_text(entry: Entry) -> str:
    return ", ".join(country_name(code) for code in entry.countries)


def _card(listed: Listed, from_page: str) -> str:
    """One entry in a listing, with the data the filters read and its contacts one tap away."""
    entry = listed.entry
    data = {
        "countries": " ".join(code.lower() for code in entry.country_codes) or INTERNATIONAL,
        "kind": entry.kind,
        "tags": " ".join(tag.slug for tag in listed.tags),
        "contacts": " ".join(entry.contact_types),
        "always-open": str(entry.always_open).lower(),
        "free": str(entry.cost == "free").lower(),
    }
    attributes = " ".join(f'data-{key}="{_attribute(value)}"' for key, value in data.items())
    facts = [KIND_NAMES[entry.kind], _countries_text(entry)]
    facts += [_text(entry.hours)] if entry.hours else []
    facts += [COST_NAMES[entry.cost]] if entry.cost else []
    contacts = [contact_link(c, entry.country_codes) for c in entry.contacts] or [_website_link(entry)]
    return (
        f'<div class="dir-entry" {attributes} markdown>\n\n'
        f"[{_text(entry.name)}]({_link(from_page, listed.path)})\n{{ .dir-entry__title }}\n\n"
        f"{' · '.join(facts)}\n{{ .dir-entry__facts }}\n\n"
        + "".join(f"- {link}\n" for link in contacts)
        + "\n</div>\n"
    )


def _cards(listed: Iterable[Listed], from_page: str) -> str:
    return "\n".join(_card(item, from_page) for item in sorted(listed, key=lambda item: item.sort_key))


def countries_with_entries(listed: Iterable[Listed]) -> list[str]:
    """Every country some entry serves, in order of its English name."""
    codes = {code for item in listed for code in item.entry.country_codes}
    return sorted(codes, key=country_name)


def entry_page_markdown(listed: Listed, *, today: date, repo_url: str | None) -> str:
    """An entry's own page: every field, its contacts one tap away, and when and where it was checked."""
    entry, here = listed.entry, listed.path
    parts = [f"# {_text(entry.name)}\n"]
    if entry.is_out_of_date(today):
        parts.append(
            '!!! warning "This entry may be out of date"\n'
            f"    It was last checked on {_long_date(entry.last_verified)}, more than 12 months ago. "
            "Check the service's own website before you rely on it.\n"
        )
    if entry.contacts:  # the number first: someone in crisis should not have to scroll for it
        parts.append("## How to reach them\n\n" + "".join(
            f"- {contact_link(c, entry.country_codes)}\n" for c in entry.contacts))
    parts.append(("## About this service\n\n" if entry.contacts else "") + listed.description.strip() + "\n")
    countries = ", ".join(country_name(code) if code == INTERNATIONAL
                          else f"[{country_name(code)}]({_link(here, country_page_path(code))})"
                          for code in entry.countries)
    details = [
        ("Kind", f"[{KIND_NAMES[entry.kind]}]({_link(here, kind_page_path(entry.kind))})"),
        ("Countries" if len(entry.countries) > 1 else "Country", countries),
        ("Hours", _text(entry.hours) if entry.hours else ""),
        ("Cost", COST_NAMES[entry.cost] if entry.cost else ""),
        ("Languages", ", ".join(language_name(code) for code in entry.languages)),
        ("Who answers", _text(entry.who_answers) if entry.who_answers else ""),
        ("Website", _website_link(entry) if entry.website else ""),
        ("Topics", ", ".join(f"[{tag.label}]({_link(here, f'tags/{tag.slug}.md')})" for tag in listed.tags)),
    ]
    parts.append("## Details\n\n" + "".join(f"{term}\n:   {value}\n\n" for term, value in details if value))
    checked = (f"Last verified on **{_long_date(entry.last_verified)}** against "
               f"[{_text(_site_name(entry.source))}](<{entry.source}>).")
    if repo_url:
        issue = f"{repo_url.rstrip('/')}/issues/new?template=correction.yml&title={quote(entry.name, safe='')}"
        checked += (f"\n\nHas something changed, or is something wrong? [Report a change](<{issue}>) "
                    "(on GitHub; you need a free account).")
    parts.append(f"## Checked\n\n{checked}\n")
    parts.append(f"[How we choose what to list]({_link(here, INCLUSION_RULE_PAGE)}) · "
                 f"[All services]({_link(here, HOME_PAGE)})\n")
    return "\n".join(parts)


def _front_matter(title: str, description: str) -> str:
    return f"---\ntitle: {_yaml_string(title)}\ndescription: {_yaml_string(description)}\n---\n\n"


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _footer(here: str) -> str:
    return (f"\n[How we choose what to list]({_link(here, INCLUSION_RULE_PAGE)}) · "
            f"[All countries and services]({_link(here, HOME_PAGE)})\n")


def country_page_markdown(code: str, listed: Sequence[Listed]) -> str:
    """A country's page: its crisis lines first, then the other kinds, then international services."""
    here, name = country_page_path(code), country_name(code)
    local = [item for item in listed if code in item.entry.countries]
    parts = [_front_matter(name, f"Crisis lines, support lines and ways to find a therapist: {name}."),
             f"# {name}\n\nIf you or someone else is in danger right now, call the emergency number. "
             "Crisis lines come first on this page, then support lines, ways to find a therapist, "
             "organisations and self-help.\n"]
    for kind, heading in KIND_HEADINGS.items():
        of_kind = [item for item in local if item.entry.kind == kind]
        if of_kind:
            parts.append(f"## {heading}\n\n{_cards(of_kind, here)}")
    international = [item for item in listed if item.entry.is_international]
    if international:
        parts.append("## International\n\nServices open to people in every country.\n\n"
                     + _cards(international, here))
    parts.append(_footer(here))
    return "\n".join(parts)


def kind_page_markdown(kind: str, listed: Sequence[Listed]) -> str:
    """A kind's page: its entries grouped by country, international ones last."""
    here, heading = kind_page_path(kind), KIND_HEADINGS[kind]
    of_kind = [item for item in listed if item.entry.kind == kind]
    parts = [_front_matter(heading, KIND_INTROS[kind]), f"# {heading}\n\n{KIND_INTROS[kind]}\n"]
    for code in countries_with_entries(of_kind):
        in_country = [item for item in of_kind if code in item.entry.countries]
        parts.append(f"## [{country_name(code)}]({_link(here, country_page_path(code))})\n\n{_cards(in_country, here)}")
    international = [item for item in of_kind if item.entry.is_international]
    if international:
        parts.append(f"## International\n\n{_cards(international, here)}")
    if not of_kind:
        parts.append("Nothing of this kind is listed yet.\n")
    parts.append(_footer(here))
    return "\n".join(parts)


def _quick_contacts(entry: Entry) -> str:
    dialled = [c for c in entry.contacts if c.type in (*DIALLED_CONTACTS, "chat")]
    links = [contact_link(c, entry.country_codes) for c in dialled] or \
        [contact_link(c, entry.country_codes) for c in entry.contacts] or [_website_link(entry)]
    return " · ".join(links)


def home_countries_markdown(listed: Sequence[Listed]) -> str:
    """Each country's crisis lines with their numbers, so a reader is one tap from calling."""
    here = HOME_PAGE
    parts = []
    for code in countries_with_entries(listed):
        crisis = sorted((item for item in listed if code in item.entry.countries and item.entry.kind == "crisis-line"),
                        key=lambda item: item.sort_key)
        lines = "".join(f"- **{_text(item.entry.name)}**: {_quick_contacts(item.entry)}\n" for item in crisis) \
            or "- No crisis line is listed yet for this country.\n"
        parts.append(f'<section class="dir-country" data-country="{code.lower()}" markdown>\n\n'
                     f"### [{country_name(code)}]({_link(here, country_page_path(code))})\n\n{lines}\n"
                     f"[Every service in {country_name(code)}]({_link(here, country_page_path(code))})\n\n"
                     "</section>\n")
    international = sorted((item for item in listed if item.entry.is_international), key=lambda item: item.sort_key)
    if international:
        parts.append("### Anywhere else\n\n" + "".join(
            f"- [{_text(item.entry.name)}]({_link(here, item.path)}): {_quick_contacts(item.entry)}\n"
            for item in international))
    return '<div class="dir-countries" markdown>\n\n' + "\n".join(parts) + "\n</div>\n"


def _options(pairs: Iterable[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{everything}</option>' + "".join(
        f'<option value="{_attribute(value)}">{html.escape(label)}</option>' for value, label in pairs)


def filters_html(listed: Sequence[Listed]) -> str:
    """The filter form. It stays hidden until the script runs, so without JavaScript nothing is broken."""
    tags = {tag.slug: tag.label for item in listed for tag in item.tags}
    kinds = [kind for kind in KIND_HEADINGS if any(item.entry.kind == kind for item in listed)]
    methods = [t for t in get_args(ContactType) if any(t in item.entry.contact_types for item in listed)]
    selects = [
        ("country", "Country", _options(((c.lower(), country_name(c)) for c in countries_with_entries(listed)),
                                        "All countries")),
        ("kind", "Kind of service", _options(((k, KIND_HEADINGS[k]) for k in kinds), "All kinds")),
        ("tag", "Topic", _options(sorted(tags.items(), key=lambda pair: pair[1].casefold()), "All topics")),
        ("contact", "Way to get in touch", _options(((m, CONTACT_NAMES[m]) for m in methods), "Any way")),
    ]
    fields = "".join(
        f'<p class="dir-filters__field"><label for="dir-filter-{key}">{label}</label>'
        f'<select id="dir-filter-{key}" name="{key}">{options}</select></p>'
        for key, label, options in selects)
    checks = ('<p class="dir-filters__field dir-filters__check"><input type="checkbox" id="dir-filter-always-open" '
              'name="always-open" value="true"><label for="dir-filter-always-open">Open 24/7</label></p>'
              '<p class="dir-filters__field dir-filters__check"><input type="checkbox" id="dir-filter-free" '
              'name="free" value="true"><label for="dir-filter-free">Free</label></p>')
    return (
        '<form class="dir-filters" hidden><fieldset><legend>Find a service</legend>'
        f'<div class="dir-filters__fields">{fields}{checks}</div></fieldset>'
        '<p class="dir-filters__actions"><button type="reset" class="dir-filters__reset">Show everything</button></p>'
        '<p class="dir-filters__privacy">The country you choose is remembered on this device only, in your '
        "browser's storage, so it is ready next time. It is never sent to us or anyone else. "
        '<button type="button" class="dir-filters__forget">Forget my country</button></p>'
        '<p class="dir-count" role="status" aria-live="polite"></p>'
        "</form>\n"
    )


def home_listing_markdown(listed: Sequence[Listed]) -> str:
    """Every entry, grouped by kind, with the filters above them."""
    parts = [filters_html(listed)]
    for kind, heading in KIND_HEADINGS.items():
        of_kind = [item for item in listed if item.entry.kind == kind]
        if of_kind:
            parts.append(f'<section class="dir-group" data-kind="{kind}" markdown>\n\n'
                         f"### [{heading}]({_link(HOME_PAGE, kind_page_path(kind))})\n\n"
                         f"{_cards(of_kind, HOME_PAGE)}\n</section>\n")
    parts.append('<p class="dir-none" hidden>No service matches all of these choices. '
                 "Try removing one, or choose “Show everything”.</p>\n")
    return '<div class="dir-listing" markdown>\n\n' + "\n".join(parts) + "\n</div>\n"


def fill_home(markdown: str, listed: Sequence[Listed]) -> str:
    """Place the country list and the full listing at their markers (or at the end)."""
    for marker, generated in ((COUNTRIES_MARKER, home_countries_markdown(listed)),
                              (LISTING_MARKER, home_listing_markdown(listed))):
        markdown = markdown.replace(marker, generated, 1) if marker in markdown \
            else markdown.rstrip() + "\n\n" + generated
    return markdown
