"""Addresses: the one definition of an acceptable web address, the schemes a page may link to, and
relative links between pages."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

# What a browser ignores or strips before it reads a URL's scheme (the URL standard): leading and
# trailing C0 controls and spaces, and tabs and newlines anywhere.
_STRIPPED = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_REMOVED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Characters that are never part of an address as a contributor writes one, and that could end a
# Markdown link or an HTML attribute early.
_NOT_IN_ADDRESS = re.compile(r"[\s<>\"'`\\{}|^\[\]()]")
LINK_SCHEMES = ("https", "mailto", "tel", "sms")
# Deliberately plain: letters, digits and . _ + - before the @, as services' addresses are written.
EMAIL = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")


def as_browser_reads(url: str) -> str:
    """The URL as a browser's parser sees it: HTML entities already decoded by the HTML parser,
    then outer controls and spaces stripped and tabs and newlines removed."""
    return _REMOVED.sub("", _STRIPPED.sub("", url))


def scheme(url: str) -> str | None:
    """The URL's scheme in lowercase as a browser reads it ('javascript' for 'JaVa&#x09;script:…'
    once the parser has decoded it), or None for a relative address."""
    match = _SCHEME.match(as_browser_reads(url))
    return match.group(1).lower() if match else None


def leaves_site(url: str) -> bool:
    """Whether a URL without a scheme still names another host: '//host/…' (and '\\\\host', which
    browsers read the same way)."""
    return as_browser_reads(url).replace("\\", "/").startswith("//")


def host(url: str) -> str | None:
    """The host a URL names, as a browser reads it."""
    try:
        return urlsplit(as_browser_reads(url).replace("\\", "/")).hostname
    except ValueError:
        return None


def https_problem(value: Any) -> tuple[str, str] | None:
    """What is wrong with a web address, and how to fix it; None if it is a plain https address."""
    text = str(value).strip()
    found = scheme(text)
    if found not in (None, "http", "https"):
        return f"'{found}:' addresses are not allowed", "give the service's https:// web address"
    if found == "http":
        return f"'{text}' is not secure (http)", "use the https:// address of the same page"
    parts = urlsplit(text)
    if found != "https" or not parts.hostname or "." not in parts.hostname:
        return f"'{text}' is not a web address", "give the full address, starting with https://"
    if _NOT_IN_ADDRESS.search(text) or parts.username or parts.password:
        return (f"'{text}' has characters a web address cannot hold as written",
                "copy the address from the browser's address bar; spaces, quotes, brackets and "
                "angle brackets must be percent-encoded (e.g. %20 for a space)")
    return None


def email_problem(value: str) -> tuple[str, str] | None:
    if not EMAIL.match(value):
        return f"'{value}' is not an email address", "write the address alone, e.g. 'help@example.org'"
    return None


def link_target(url: str) -> str:
    """A link target safe to place in Markdown's `[text](<target>)`: the characters that could end
    the link or the attribute are percent-encoded. The scheme must be one a page may link to."""
    found = scheme(url)
    if found is not None and found not in LINK_SCHEMES or found is None and leaves_site(url):
        raise ValueError(f"refusing to link to '{url}'")
    return quote(url, safe="/:?#@!$&*+,;=%~.-_")


def relative_link(from_page: str, to_page: str) -> str:
    """A relative Markdown link target from one docs-relative page to another."""
    from_parts, to_parts = PurePosixPath(from_page).parent.parts, PurePosixPath(to_page).parts
    common = 0
    while common < min(len(from_parts), len(to_parts) - 1) and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + list(to_parts[common:]))


def site_name(url: str) -> str:
    """'samaritans.org/how-we-can-help' for a link's visible text."""
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) or url


def page_url(src_uri: str) -> str:
    """A source page's address in the site: 'guide/x.md' is 'guide/x/', 'guide/index.md' 'guide/'."""
    path = re.sub(r"(^|/)index\.md$", r"\1", src_uri).removesuffix(".md").rstrip("/")
    return path + "/" if path else ""
