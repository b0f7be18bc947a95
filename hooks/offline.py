"""The offline copy (`make offline`): search from the file system with no request to a CDN.

Material's offline plugin makes search work from file:// by loading a Web Worker shim from unpkg.com.
The copy must make no request at all, and the site's Content Security Policy blocks that host anyway,
so the copy loads the site's own shim (docs/javascripts/iframe-worker.js) instead.

The plugin is always listed in mkdocs.yml and switched on by its own `enabled` option (OFFLINE=true),
so "is this the offline copy?" is that option, not whether the plugin is listed.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

OFFLINE_PLUGIN = "material/offline"
SEARCH_WORKER_SHIM = "javascripts/iframe-worker.js"


def is_offline_build(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.enabled)


# Before the offline plugin's own on_config (priority 0, and hooks run after plugins of equal
# priority): it adds its CDN shim only when no shim named 'iframe-worker' is listed yet.
@event_priority(50)
def on_config(config: MkDocsConfig) -> None:
    if is_offline_build(config):
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SEARCH_WORKER_SHIM]
