"""The benchmark's own logic (`make bench`, `make lighthouse`), so that it cannot silently rot.

Nothing here times anything: the figures are for `make bench` to print.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from content import directory, tags
from content.check import VOCABULARY_FILE, check_site, load_site

from bench import lighthouse, weight
from bench.builds import with_hooks
from bench.synthetic import make_synthetic_site

from conftest import ROOT

CONFIG = """site_name: Test
plugins:
  - search

hooks:
  - hooks/validate.py
  # the topic pages
  - hooks/tags.py

extra:
  generator: false
"""


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    config = json.dumps({"base": "..", "search": "../assets/worker.js"})
    write(tmp_path, {
        "guide/index.html": (
            '<html><head><link rel="canonical" href="https://example.org/guide/">'
            '<link rel="icon" href="../assets/icon.png"><link rel="stylesheet" href="../assets/main.css">'
            '<script src="https://cdn.example.org/x.js"></script><script src="../assets/app.js"></script>'
            f'<script id="__config" type="application/json">{config}</script></head>'
            '<body><a href="../about/">not loaded</a><img src="photo.png" alt="">'
            '<img src="data:image/png;base64,AAAA" alt=""></body></html>'),
        "guide/photo.png": b"\x89PNG" + bytes(500),
        "about/index.html": "<html></html>",
        "assets/main.css": ('@font-face { src: url("fonts/text.woff2") } '
                            ".icon { background: url('data:image/svg+xml;utf8,<svg/>') } "
                            ".x { background: url(../assets/missing.png) }" + " .y { color: red }" * 200),
        "assets/fonts/text.woff2": bytes(300),
        "assets/icon.png": bytes(100),
        "assets/app.js": "console.log(1);" * 50,
        "assets/worker.js": "onmessage = () => {};",
        "search/search_index.json": json.dumps({"docs": [{"text": "word"}] * 500}),
        "assets/unused.js": "never loaded",
    })
    return tmp_path


def test_first_view_counts_what_a_browser_loads_and_nothing_else(tiny_site: Path) -> None:
    result = weight.first_view(tiny_site, "guide/index.html")
    loaded = {"guide/index.html", "assets/icon.png", "assets/main.css", "assets/app.js", "guide/photo.png",
              "assets/worker.js", "search/search_index.json", "assets/fonts/text.woff2"}
    assert {asset.path for asset in result.assets} == loaded
    assert result.assets[0].path == "guide/index.html"
    assert result.size == sum((tiny_site / path).stat().st_size for path in loaded)
    css = (tiny_site / "assets/main.css").read_bytes()
    main_css = next(asset for asset in result.assets if asset.path == "assets/main.css")
    assert main_css.gzip_size == len(gzip.compress(css, compresslevel=weight.GZIP_LEVEL, mtime=0)) < len(css)
    assert result.largest(1)[0].path == "search/search_index.json"


def test_without_search_no_worker_or_index_is_counted(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": '<link rel="stylesheet" href="a.css"><script src="/b.js"></script>',
                     "a.css": "@import 'c.css';", "c.css": "p {}", "b.js": "1", "search/search_index.json": "{}"})
    paths = [asset.path for asset in weight.first_view(tmp_path, "index.html").assets]
    assert sorted(paths) == ["a.css", "b.js", "c.css", "index.html"]


def test_every_page_type_names_a_page_of_the_built_site() -> None:
    assert set(weight.PAGE_TYPES) == {"home", "article", "guide page", "directory", "country page", "entry",
                                      "tag page"}
    entry = weight.PAGE_TYPES["entry"].removesuffix("/index.html")
    assert (ROOT / "docs" / f"{entry}.md").is_file()


def test_the_hooks_list_is_replaced_or_removed_and_nothing_else_changes() -> None:
    without = with_hooks(CONFIG, [])
    assert "hooks" not in without and "extra:\n  generator: false" in without and "  - search" in without
    only_tags = with_hooks(CONFIG, ["hooks/tags.py"])
    assert only_tags == CONFIG.replace("  - hooks/validate.py\n  # the topic pages\n", "")
    with pytest.raises(ValueError):
        with_hooks("site_name: Test\n", [])


def test_the_real_configuration_has_a_hooks_list_to_switch_off() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks/" not in with_hooks(config, [])


@pytest.mark.parametrize("tag_factor", [1, 2])
def test_a_synthetic_site_has_n_times_the_entries_and_passes_every_check(tmp_path: Path, tag_factor: int) -> None:
    docs_before = sorted(path.name for path in (ROOT / "docs").rglob("*"))
    real, _ = load_site(ROOT)
    real_entries = len(directory.read_entries(real.documents, date.today()))

    project = make_synthetic_site(ROOT, tmp_path / "site", entry_factor=2, tag_factor=tag_factor)

    assert check_site(project) == []
    site, _ = load_site(project)
    entries = directory.read_entries(site.documents, date.today())
    assert len(entries) == 2 * real_entries
    vocabulary, _ = tags.load_vocabulary(project / VOCABULARY_FILE, "data/tags.yml")
    assert len(vocabulary.tags) == tag_factor * len(real.vocabulary.tags)
    carried = {tag for _, entry in entries for tag in entry.tags}
    assert {tag.label for tag in vocabulary.tags[len(real.vocabulary.tags):]} <= carried
    assert sorted(path.name for path in (ROOT / "docs").rglob("*")) == docs_before


def test_lighthouse_scores_pass_only_at_their_targets() -> None:
    report = {"categories": {name: {"score": 1.0} for name in lighthouse.TARGETS}}
    scores = lighthouse.scores_from_report(report)
    assert lighthouse.passes(scores)
    report["categories"]["performance"]["score"] = 0.94
    assert lighthouse.scores_from_report(report)["performance"] == 94
    assert not lighthouse.passes(lighthouse.scores_from_report(report))


def test_lighthouse_opens_pages_at_the_address_readers_use() -> None:
    assert lighthouse.page_address("index.html") == ""
    assert lighthouse.page_address("guide/find-a-therapist/index.html") == "guide/find-a-therapist/"
