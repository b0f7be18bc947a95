"""What a browser would do with a page's HTML: an HTML5 parser's reading of it, walked against an
allow-list of elements, attributes and addresses.

Contributor text reaches readers as HTML, whether it was written as Markdown or as tags. So the
check reads the HTML the site's own Markdown produces, parsed as a browser parses it (entities
decoded, `<svg/onload=…>` read as the element and attribute it is), and refuses whatever could run
a script, load something from another host, redirect the reader or submit their words anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from . import urls

# Elements pages may use: what Markdown and the site's extensions write, and plain HTML for text,
# tables, disclosure widgets and the form controls the reader tools need (never a <form>: it can
# send what is typed to another host, or into the page's address).
ELEMENTS = frozenset("""
    a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em fieldset
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd label legend li mark ol output p pre q
    s samp section small span strong sub summary sup table tbody td textarea tfoot th thead time tr u
    ul var wbr aside nav header footer article main button select option optgroup meter progress
    html head body
""".split())
GLOBAL_ATTRIBUTES = frozenset("id class title lang dir role hidden tabindex translate".split())
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "td": frozenset({"colspan", "rowspan", "style", "align"}),
    "th": frozenset({"colspan", "rowspan", "style", "align", "scope"}),
    "col": frozenset({"span"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open", "name"}),
    "abbr": frozenset({"title"}),
    "label": frozenset({"for"}),
    "input": frozenset({"type", "name", "value", "checked", "disabled", "autocomplete", "required", "min",
                        "max", "step", "size", "maxlength", "placeholder", "readonly", "spellcheck"}),
    "textarea": frozenset({"name", "rows", "cols", "autocomplete", "required", "maxlength", "placeholder",
                           "readonly", "spellcheck"}),
    "select": frozenset({"name", "autocomplete", "required", "multiple", "size"}),
    "option": frozenset({"value", "selected", "disabled", "label"}),
    "optgroup": frozenset({"label", "disabled"}),
    "button": frozenset({"type", "name", "value", "disabled"}),
    "fieldset": frozenset({"name", "disabled"}),
    "output": frozenset({"for", "name"}),
    "meter": frozenset({"value", "min", "max", "low", "high", "optimum"}),
    "progress": frozenset({"value", "max"}),
    "html": frozenset({"lang"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "ins": frozenset({"cite", "datetime"}),
    "del": frozenset({"cite", "datetime"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
INPUT_TYPES = frozenset({"text", "checkbox", "radio", "number", "date", "search", "tel", "email", "button",
                         "reset", "hidden"})
BUTTON_TYPES = frozenset({"button", "reset"})
# Inline style may set how something looks, never fetch: no url(), image-set(), @import or
# expressions, and no escapes that could spell them.
STYLE_LOADS = re.compile(r"url\s*\(|image-set|image\s*\(|@import|expression\s*\(|\\|behavior|-moz-binding", re.I)
ALLOWED_SCHEMES = frozenset(urls.LINK_SCHEMES)
FIX_ELEMENT = ("remove it: pages on this site cannot run scripts, embed or load other sites, or send what "
               "readers type anywhere (to show code as an example, put it between backticks)")


@dataclass(frozen=True)
class Finding:
    """One thing the browser would do that a page may not make it do."""

    message: str
    fix: str
    needle: str  # text to look for in the source, to say which line it came from


@dataclass(frozen=True)
class Reading:
    """What a page's HTML holds: its problems, the ids it defines and the links it makes."""

    findings: tuple[Finding, ...]
    ids: frozenset[str]
    links: tuple[str, ...]


def _name(tag: Any) -> str:
    return str(tag).rsplit(":", 1)[-1].lower()


def read_html(fragment: str) -> Reading:
    """Parse `fragment` as a browser would (Lexbor, an implementation of the HTML standard's parser)
    and walk every element and attribute, the contents of <template> included."""
    root = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{fragment}</body></html>").root
    findings: list[Finding] = []
    ids: set[str] = set()
    links: list[str] = []
    for element in root.traverse(include_text=False) if root is not None else ():
        name = _name(element.tag)
        if name.startswith("-"):
            continue  # comments and the document itself
        attributes = {key: value or "" for key, value in element.attributes.items()}
        if name not in ELEMENTS:
            findings.append(Finding(f"<{name}> is not allowed", FIX_ELEMENT, f"<{name}"))
            continue
        findings.extend(_attribute_findings(name, attributes))
        if "id" in attributes:
            ids.add(attributes["id"])
        if name == "a" and "href" in attributes:
            links.append(attributes["href"])
    return Reading(tuple(findings), frozenset(ids), tuple(links))


def _attribute_findings(element: str, attributes: dict[str, str]) -> Iterator[Finding]:
    allowed = ATTRIBUTES.get(element, frozenset())
    for raw_name, value in attributes.items():
        attribute = _name(raw_name)
        if attribute.startswith("on"):
            yield Finding(f"the event handler '{attribute}=' is not allowed", FIX_ELEMENT, attribute)
            continue
        if not (attribute in GLOBAL_ATTRIBUTES or attribute in allowed or attribute.startswith(("aria-", "data-"))):
            yield Finding(f"the attribute '{attribute}' is not allowed on <{element}>",
                          "remove it: only plain attributes for text, tables and form controls are allowed",
                          attribute)
            continue
        if attribute == "style" and STYLE_LOADS.search(value):
            yield Finding("a style that loads something is not allowed", "remove the url() or @import from the style",
                          "style")
        elif attribute in URL_ATTRIBUTES:
            yield from _address_findings(element, attribute, value)
        elif element == "input" and attribute == "type" and value.strip().lower() not in INPUT_TYPES:
            yield Finding(f"an input of type '{value}' is not allowed", "use a text field, checkbox or radio button",
                          value)
        elif element == "button" and attribute == "type" and value.strip().lower() not in BUTTON_TYPES:
            yield Finding(f"a button of type '{value}' is not allowed",
                          "use type=\"button\" or type=\"reset\": nothing on this site submits what readers type",
                          value)
    if element == "button" and "type" not in attributes:
        yield Finding("a button without a type submits", 'give it type="button" (or type="reset")', "<button")


def _address_findings(element: str, attribute: str, value: str) -> Iterator[Finding]:
    scheme = urls.scheme(value)
    needle = value.strip()[:40] or attribute
    loads = element != "a"  # images and quotations are fetched or followed without a click
    if scheme == "http":
        yield Finding(f"'{value.strip()}' is not secure (http)", "use the https:// address of the same page", needle)
    elif scheme is not None and scheme not in ALLOWED_SCHEMES:
        yield Finding(f"a '{scheme}:' address is not allowed",
                      "link to an https:// page, an email address (mailto:), a phone number (tel:, sms:) "
                      "or a page of this site", needle)
    elif loads and (scheme is not None or urls.leaves_site(value)):
        yield Finding(f"<{element}> loads '{value.strip()}' from another host",
                      "put the file in docs/ and use a relative address: pages must not load anything from "
                      "another host", needle)
    elif scheme is None and urls.leaves_site(value):
        yield Finding(f"'{value.strip()}' leaves the site without saying so", "write the full https:// address",
                      needle)
    elif scheme == "https" and not urls.host(value):
        yield Finding(f"'{value.strip()}' is not a web address", "write the full https:// address", needle)
