"""The benchmark's own logic (`make bench`, `make lighthouse`), so that it cannot silently rot.

Nothing here times anything: the figures are for `make bench` to print.
"""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path

import pytest
from content import markdown_html, tags
from content.checks import check_site
from content.site import VOCABULARY_FILE, load_site

from bench import lighthouse, weight
from bench.builds import with_hooks
from bench.serve import GZIP_LEVEL, served
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
    write(tmp_path, {
        "guide/index.html": (
            '<html><head><link rel="canonical" href="https://example.org/guide/">'
            '<link rel="icon" href="../assets/icon.png"><link rel="stylesheet" href="../assets/main.css">'
            '<script src="https://cdn.example.org/x.js"></script><script src="../assets/app.js"></script></head>'
            '<body><a href="../about/">not loaded</a><img src="photo.png" alt="">'
            '<img src="data:image/png;base64,AAAA" alt=""><input id="later"></body></html>'),
        "guide/photo.png": (ROOT / "overrides/assets/images/favicon.png").read_bytes(),
        "about/index.html": "<html></html>",
        "assets/main.css": ("@import 'more.css'; @font-face { font-family: t; src: url(fonts/text.woff2) } "
                            "body { font-family: t } .y { color: red }" * 100),
        "assets/more.css": "p { margin: 0 }",
        "assets/fonts/text.woff2": bytes(300),
        "assets/icon.png": bytes(100),
        "assets/app.js": ("document.getElementById('later').addEventListener('focus', "
                          "() => fetch('../assets/on-focus.json'));" + "\n// padding" * 200),
        "assets/on-focus.json": "{}",
        "assets/unused.js": "never loaded",
    })
    return tmp_path


@pytest.mark.browser
def test_first_view_counts_what_the_browser_fetched_and_nothing_else(browser, tiny_site: Path) -> None:
    with served(tiny_site) as base:
        view, used = weight.measure(browser, base, "guide/index.html")
    assert used is None
    paths = {request.path for request in view.requests}
    assert {"guide/", "assets/main.css", "assets/more.css", "assets/app.js", "guide/photo.png",
            "assets/icon.png"} <= paths
    assert not paths & {"about/", "assets/unused.js", "assets/on-focus.json"}, "counted a file nobody fetched"
    # The page itself is counted, as a document (the order requests finish in varies with the machine).
    assert [request.kind for request in view.requests if request.path == "guide/"] == ["document"]
    assert view.other_hosts == ("https://cdn.example.org/x.js",)
    css = next(request for request in view.requests if request.path == "assets/main.css")
    raw = (tiny_site / "assets/main.css").read_bytes()
    assert css.size == len(raw)
    assert css.transferred == len(gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)) < len(raw)
    photo = next(request for request in view.requests if request.path == "guide/photo.png")
    assert photo.transferred == photo.size == (tiny_site / "guide/photo.png").stat().st_size, "images go as they are"
    assert view.size == sum(request.size for request in view.requests) > view.gzip_size


@pytest.mark.slow
@pytest.mark.browser
def test_on_the_real_site_search_is_fetched_only_once_used(browser, built_site: Path) -> None:
    with served(built_site) as base:
        view, used = weight.measure(browser, base, "index.html", search=True)
    assert view.search_size == 0 and not any(request.is_search for request in view.requests)
    assert {request.path for request in used.requests if request.is_search} >= {"search/search_index.json"}
    assert any(request.path.startswith("assets/javascripts/workers/search.") for request in used.requests)
    worker = next(request for request in used.requests if "workers/" in request.path)
    assert 0 < worker.transferred < worker.size, "the worker's compressed size is counted"
    assert view.other_hosts == used.other_hosts == ()


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


@pytest.mark.slow  # checks the whole site
@pytest.mark.parametrize("tag_factor", [1, 2])
def test_a_synthetic_site_has_n_times_the_entries_and_passes_every_check(tmp_path: Path, tag_factor: int) -> None:
    docs_before = sorted(path.name for path in (ROOT / "docs").rglob("*"))
    real = load_site(ROOT, today=date.today())
    real_entries = len(real.entries)

    project = make_synthetic_site(ROOT, tmp_path / "site", entry_factor=2, tag_factor=tag_factor)

    site = load_site(project, today=date.today())
    assert check_site(site, markdown_html.for_config(ROOT / "mkdocs.yml")) == []
    entries = [(item.document, item.entry) for item in site.entries]
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


def test_lighthouse_keeps_the_median_of_its_runs_per_category() -> None:
    runs = [{"accessibility": 100, "best-practices": 100, "seo": 100, "performance": score} for score in (97, 88, 95)]
    assert lighthouse.median_scores(runs)["performance"] == 95
    assert lighthouse.passes(lighthouse.median_scores(runs))


def test_lighthouse_reports_the_figures_behind_the_score() -> None:
    report = {"audits": {"first-contentful-paint": {"numericValue": 1234.4}, "total-byte-weight": {
        "numericValue": 80 * 1024}, "total-blocking-time": {"numericValue": 10}}}
    assert lighthouse.metrics_from_report(report) == {"FCP ms": 1234, "TBT ms": 10, "transfer KiB": 80}


def test_pages_are_opened_at_the_address_readers_use() -> None:
    assert weight.page_address("index.html") == ""
    assert weight.page_address("guide/find-a-therapist/index.html") == "guide/find-a-therapist/"


# --- What a first view loads: the premises of the page-weight budget ---------------------------------

def loaded(page: Path) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts a built page links, as written in its HTML."""
    html = page.read_text(encoding="utf-8")
    return (re.findall(r'<link rel="stylesheet" href="([^"]+)"', html), re.findall(r'<script src="([^"]+)"', html))


@pytest.mark.slow
def test_each_page_loads_one_stylesheet_of_ours_and_only_the_scripts_it_uses(built_site: Path) -> None:
    for page in built_site.rglob("index.html"):
        stylesheets, _ = loaded(page)
        ours = [href for href in stylesheets if "assets/stylesheets/" not in href]
        assert len(ours) == 1 and ours[0].endswith("stylesheets/site.css"), (page, stylesheets)
    _, article = loaded(built_site / "article" / "index.html")
    assert not [src for src in article if src.endswith(("/directory.js", "/tools.js", "/self-check.js"))], article
    assert not [src for src in article if "/material/content.js" in src], "content tabs' script, on a site without tabs"
    _, listing = loaded(built_site / "directory" / "index.html")
    assert any(src.endswith("/directory.js") for src in listing)
    tool = built_site / "tools" / "self-check" / "index.html"
    if tool.is_file():
        _, scripts = loaded(tool)
        assert any(src.endswith("/tools.js") for src in scripts) and any(src.endswith("/self-check.js")
                                                                       for src in scripts)
    _, first = loaded(built_site / "index.html")
    assert first.index("javascripts/search-on-demand.js") < first.index(next(s for s in first if "/bundle." in s)), (
        "the search stand-in must run before Material's script")
