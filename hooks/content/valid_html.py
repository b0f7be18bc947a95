"""A repair that makes the theme's HTML valid where no template block reaches.

Material's base template puts autocomplete="off" on its checkbox toggles (the menu and the search),
outside any block, so that Firefox does not restore them open after a reload; HTML allows
autocomplete only on text-like inputs. The behaviour it guards against is cosmetic.
"""

from __future__ import annotations

import re

INPUT = re.compile(r"""<input\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
CHECKBOX = re.compile(r"""\stype=["']?checkbox\b""", re.IGNORECASE)
AUTOCOMPLETE = re.compile(r"""\sautocomplete=(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def drop_checkbox_autocomplete(page: str) -> str:
    """Remove the autocomplete attribute from checkbox inputs, where HTML does not allow it."""

    def repair_input(tag: re.Match[str]) -> str:
        text = tag.group(0)
        return AUTOCOMPLETE.sub("", text) if CHECKBOX.search(text) else text

    return INPUT.sub(repair_input, page)
