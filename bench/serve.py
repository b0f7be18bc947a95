"""A built site served on 127.0.0.1 as static hosts such as GitHub Pages serve it: text files
gzip-compressed for clients that accept it. Page weight and Lighthouse both measure through it, so
that the bytes they count are the bytes a reader's browser would receive."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

GZIP_LEVEL = 6  # what common web servers use when they compress on the fly
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed to clients that accept it, quietly."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1; yields the address of its root, ending in '/'."""
    handler = functools.partial(CompressingHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
