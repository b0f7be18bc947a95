"""Close every source page with the date it was last reviewed (generated pages have none)."""

from __future__ import annotations

from content.pages import last_reviewed_markdown, review_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


# After the meta plugin (50) fills in front matter, before the References section is added (0),
# so that the date closes the page's own text.
@event_priority(10)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    reviewed = review_date(page.meta.get("last_reviewed"))
    if page.file.generated_by is not None or reviewed is None:
        return markdown
    return f"{markdown.rstrip()}\n\n{last_reviewed_markdown(reviewed)}\n"
