"""The offline copy (`make offline`): search from the file system with no request to a CDN.

Material's offline plugin makes search work from file:// by loading a Web Worker shim from unpkg.com.
The copy must make no request at all, and the site's Content Security Policy blocks that host anyway,
so the copy loads the site's own shim (docs/javascripts/iframe-worker.js) instead.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

OFFLINE_PLUGIN = "material/offline"
SEARCH_WORKER_SHIM = "javascripts/iframe-worker.js"


# After the group plugin (150) has switched the offline plugin on; before that plugin (0) adds its
# CDN shim, which it leaves out when a shim named 'iframe-worker' is already listed.
@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    if OFFLINE_PLUGIN in config.plugins:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SEARCH_WORKER_SHIM]
