"""Page weight: the bytes a browser fetches on the first view of a built page, counted from the files.

What a first view loads: the page, its stylesheets, scripts, icons and images, every file a loaded
stylesheet names with url(), and Material's search. Material's bundle starts the search worker and
fetches search/search_index.json as soon as the page has loaded, not when the search box gets focus:
a Chromium request log of the built home, guide and directory pages shows both requests on every
first view, so both are counted.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
SEARCH_INDEX = "search/search_index.json"
# Link types a browser fetches on load; "canonical", "next" and the like are only addresses.
FETCHED_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
GZIP_LEVEL = 6  # what common web servers use when they compress on the fly

# One built page of each kind, by its path in the built site.
PAGE_TYPES: dict[str, str] = {
    "home": "index.html",
    "article": "article/index.html",
    "guide page": "guide/find-a-therapist/index.html",
    "directory": "directory/index.html",
    "country page": "directory/countries/gb/index.html",
    "entry": "directory/entries/gb-samaritans/index.html",
    "tag page": "tags/trauma/index.html",
}


@dataclass(frozen=True)
class Asset:
    path: str  # relative to the built site
    size: int
    gzip_size: int


@dataclass(frozen=True)
class Weight:
    page: str
    assets: tuple[Asset, ...]  # the page first, then everything it loads, largest first

    @property
    def size(self) -> int:
        return sum(asset.size for asset in self.assets)

    @property
    def gzip_size(self) -> int:
        return sum(asset.gzip_size for asset in self.assets)

    def largest(self, count: int) -> list[Asset]:
        return sorted(self.assets, key=lambda asset: asset.size, reverse=True)[:count]


def _local(reference: str, from_file: str) -> str | None:
    """The site-relative path a reference in `from_file` points at, or None for another host or data."""
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(from_file), path)
    normal = posixpath.normpath(joined)
    if normal.startswith(".."):
        return None
    return posixpath.join(normal, "index.html") if path.endswith("/") else normal


def page_references(html: str, page: str) -> list[str]:
    """Every file the HTML of `page` makes a browser fetch on load, site-relative, in document order."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str | None] = []
    for link in soup.find_all("link", href=True):
        if FETCHED_LINKS & {kind.lower() for kind in link.get("rel", [])}:
            found.append(_local(link["href"], page))
    for element in soup.find_all(["script", "img", "audio", "video", "iframe"]):
        found += [_local(element[attribute], page) for attribute in ("src", "poster") if element.get(attribute)]
    config = soup.find("script", id="__config")
    if config is not None and config.string:
        settings = json.loads(config.string)
        base = posixpath.join(posixpath.dirname(page), settings.get("base", "."))
        if settings.get("search"):
            found.append(_local(settings["search"], page))
            found.append(posixpath.normpath(posixpath.join(base, SEARCH_INDEX)))
    return [path for path in dict.fromkeys(found) if path is not None]


def stylesheet_references(css: str, stylesheet: str) -> list[str]:
    """Every file a stylesheet names with url() or @import, site-relative (data: URLs excluded)."""
    found = [_local(match.group(2), stylesheet) for match in CSS_URL.finditer(css)]
    found += [_local(match, stylesheet) for match in re.findall(r"""@import\s+['"]([^'"]+)['"]""", css)]
    return [path for path in dict.fromkeys(found) if path is not None]


def _asset(site_dir: Path, path: str) -> Asset:
    data = (site_dir / path).read_bytes()
    return Asset(path, len(data), len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)))


def first_view(site_dir: Path, page: str) -> Weight:
    """What the first view of `page` (a path in the built site) transfers, file by file."""
    seen = [page]
    queue = page_references((site_dir / page).read_text(encoding="utf-8"), page)
    while queue:
        path = queue.pop(0)
        if path in seen or not (site_dir / path).is_file():
            continue
        seen.append(path)
        if path.endswith(".css"):
            queue += stylesheet_references((site_dir / path).read_text(encoding="utf-8"), path)
    assets = [_asset(site_dir, path) for path in seen]
    return Weight(page, (assets[0], *sorted(assets[1:], key=lambda asset: asset.size, reverse=True)))
