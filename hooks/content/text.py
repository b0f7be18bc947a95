"""Plain text fields: what a contributor writes in YAML is shown as text, never read as markup."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

from .problems import invalid

ANY_TAG = re.compile(r"<\s*/?\s*[a-z!?][^>]*>?", re.I)


def _plain(value: str) -> str:
    if ANY_TAG.search(value):
        raise invalid("contains HTML", "write plain text here, without <tags>: this field is shown as plain text")
    return value


PlainText = Annotated[str, AfterValidator(_plain)]
