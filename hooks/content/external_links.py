"""Links to other sites: the other site learns nothing about this one, and cannot reach back into it."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

# A start tag <a …>, with quoted attribute values that may themselves contain '>'.
ANCHOR = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
HREF = re.compile(r"""\shref=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
REL = re.compile(r"""\srel=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
CLASS = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
PROTECTIVE_REL = ("noopener", "noreferrer")


def is_external(href: str, own_host: str | None) -> bool:
    """True for an absolute web address on a host other than the site's own."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https", "") or not parts.netloc:
        return False
    return parts.hostname != own_host


def attribute_value(match: re.Match[str]) -> str:
    """The unescaped value of an attribute matched by HREF, REL or CLASS."""
    return html.unescape(match.group(1) if match.group(1) is not None else match.group(2))


def protect_external_links(page: str, own_host: str | None) -> str:
    """Add rel="noopener noreferrer" to every link to another host, keeping any rel it has."""

    def rewrite(anchor: re.Match[str]) -> str:
        tag = anchor.group(0)
        href = HREF.search(tag)
        if href is None or not is_external(attribute_value(href), own_host):
            return tag
        rel = REL.search(tag)
        if rel is None:
            return f'{tag[:-1]} rel="{" ".join(PROTECTIVE_REL)}">'
        tokens = attribute_value(rel).split()
        tokens += [token for token in PROTECTIVE_REL if token not in tokens]
        return f'{tag[:rel.start()]} rel="{" ".join(tokens)}"{tag[rel.end():]}'

    return ANCHOR.sub(rewrite, page)
