"""What a reader downloads to style a page: Material's stylesheets trimmed to the rules the site can
use, and the site's own stylesheet without its comments."""

from __future__ import annotations

import glob
import re
import shutil
from pathlib import Path

import cssselect2
import material
import pytest
import tinycss2
import tinyhtml5
from content.stylesheets import Used, compact, trim

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def used(html: str = "", script: str = "") -> Used:
    result = Used()
    result.add_page(html)
    result.add_script(script)
    return result


def rules(css: str) -> list[str]:
    return [tinycss2.serialize(rule.prelude).strip() for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True)]


# --- Trimming, on small stylesheets -----------------------------------------------------------------

def test_a_rule_for_a_class_no_page_has_is_dropped_and_one_for_a_class_a_page_has_is_kept() -> None:
    css = ".md-tabs{color:red}.md-header{color:blue}"
    assert trim(css, used('<header class="md-header x">')) == ".md-header{color:blue}"


def test_each_selector_of_a_list_is_judged_alone() -> None:
    css = ".md-tabs,.md-header .md-header__title,p{margin:0}"
    assert trim(css, used('<div class="md-header"><p class="md-header__title">')) == \
        ".md-header .md-header__title,p{margin:0}"


def test_a_class_a_script_names_is_kept_because_the_script_may_add_it() -> None:
    css = ".md-search-result__item{margin:0}.md-unused{margin:0}"
    trimmed = trim(css, used("<p>", script='el.classList.add("md-search-result__item")'))
    assert trimmed == ".md-search-result__item{margin:0}"


def test_a_script_in_a_worker_cannot_keep_a_class() -> None:
    from content.stylesheets import WORKER_SCRIPTS

    assert "assets/javascripts/workers/" in WORKER_SCRIPTS and "assets/javascripts/lunr/" in WORKER_SCRIPTS


@pytest.mark.parametrize(("selector", "kept"), [
    (".a:not(.unused)", True),  # :not() of something absent matches more, never less
    (".a:is(.unused,.b)", True),
    (".a:where(.unused, .b)", True),
    (".a:is(.unused)", False),
    (".a:has(.unused)", False),
    (":is(.unused .x,.other)", False),
    (".a::before", True),
    ("[data-md-color-primary=teal]", True),
    ("[data-md-color-primary=indigo]", False),
    ('[data-md-color-primary="teal"]', True),
    ("[class~=a]", True),
    ("[class~=unused]", False),
    ("[href^=https]", True),  # prefix, suffix and substring matches are left as they are
    ("[hidden]", True),
    ("#__search", True),
])
def test_pseudo_classes_and_attribute_selectors(selector: str, kept: bool) -> None:
    page = used('<div class="a b" data-md-color-primary="teal" hidden></div>')
    assert (trim(f"{selector}{{margin:0}}", page) != "") is kept


def test_grouping_rules_keep_what_inside_them_is_used_and_go_when_nothing_is() -> None:
    css = ("@media screen{.a{margin:0}.unused{margin:0}}@media print{.unused{margin:0}}"
           "@supports (display:grid){.a{display:grid}}")
    assert trim(css, used('<p class="a">')) == "@media screen{.a{margin:0}}@supports (display:grid){.a{display:grid}}"


def test_other_at_rules_stay_as_they_are() -> None:
    css = "@keyframes spin{from{opacity:0}to{opacity:1}}@font-face{font-family:x;src:local(x)}"
    assert rules(trim(css, used())) == rules(css)


def test_declarations_are_kept_exactly() -> None:
    css = ".a{background:url(data:image/svg+xml;charset=utf-8,%3Csvg%3E);--md-x:calc(1px + 2%)}"
    assert trim(css, used('<p class="a">')) == css


# --- Compacting the site's own stylesheet -------------------------------------------------------------

def test_compacting_drops_comments_and_folds_white_space_but_not_inside_strings() -> None:
    css = '/* why */\n.a  .b {\n  content: "/* not a comment */  two";  /* also why */\n  margin: 0;\n}\n'
    assert compact(css) == '.a .b { content: "/* not a comment */  two"; margin: 0; }'


def test_compacting_never_joins_two_tokens_a_comment_kept_apart() -> None:
    assert compact(".a/**/.b{margin:0}") == ".a.b{margin:0}"  # a comment is not white space in CSS
    assert compact("a/**/b{margin:0}") == "a/**/b{margin:0}"  # not one name `ab`


def structure(css: str) -> list:
    """Each rule as its selector and its declarations, white space folded, comments left out."""
    def fold(nodes) -> str:
        return re.sub(r"\s+", " ", tinycss2.serialize(nodes)).strip()

    def rules(nodes) -> list:
        found = []
        for rule in nodes:
            if rule.type == "qualified-rule":
                declarations = tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
                found.append((fold(rule.prelude), [(d.lower_name, fold(d.value), d.important) for d in declarations]))
            elif rule.type == "at-rule":
                inner = tinycss2.parse_blocks_contents(rule.content or [], skip_whitespace=True, skip_comments=True)
                found.append((rule.lower_at_keyword, fold(rule.prelude), rules(inner)))
        return found

    return rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def test_the_site_stylesheet_compacted_has_every_rule_and_declaration_and_no_comment() -> None:
    source = (Path(__file__).resolve().parent.parent / "docs/stylesheets/site.css").read_text(encoding="utf-8")
    compacted = compact(source)
    assert structure(compacted) == structure(source)
    assert len(structure(source)) > 50
    assert "/*" not in compacted and "\n" not in compacted


# --- The built site ----------------------------------------------------------------------------------

PAGES = ("index.html", "article/index.html", "guide/find-a-therapist/index.html", "directory/index.html",
         "directory/countries/gb/index.html", "directory/entries/gb-samaritans/index.html",
         "tags/trauma/index.html", "tools/safety-plan/index.html", "tools/self-check/index.html")


def linked_stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


@pytest.mark.slow
def test_every_page_links_the_trimmed_stylesheets_and_they_exist(built_site: Path) -> None:
    untrimmed = {Path(path).name for path in glob.glob(str(MATERIAL_STYLESHEETS / "*.min.css"))}
    trimmed = {path.name for path in (built_site / "assets/stylesheets").glob("*.css")}
    assert len(trimmed) == 2 and not trimmed & untrimmed, trimmed
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'name="generator" content="mkdocs' not in html:
            continue  # a helper file of ours, not a page of the theme
        material_sheets = [href for href in linked_stylesheets(html) if "assets/stylesheets/" in href]
        assert len(material_sheets) == 2, (page, material_sheets)
        assert {Path(href).name for href in material_sheets} == trimmed, (page, material_sheets)


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_rule_that_matches_an_element_of_the_page_was_dropped(built_site: Path, page: str) -> None:
    """Every rule of Material's full stylesheets that selects something on the built page (as the
    HTML arrives, before any script) is in the trimmed stylesheets."""
    html = (built_site / page).read_text(encoding="utf-8")
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
    elements = list(root.iter_subtree())
    served = "".join((built_site / "assets/stylesheets" / Path(href).name).read_text(encoding="utf-8")
                     for href in linked_stylesheets(html) if "assets/stylesheets/" in href)
    kept = set(selector_texts(served))
    missing = []
    for sheet in MATERIAL_STYLESHEETS.glob("*.min.css"):
        for selector in selector_texts(sheet.read_text(encoding="utf-8")):
            try:
                compiled = cssselect2.compile_selector_list(selector)
            except cssselect2.SelectorError:
                continue  # a selector cssselect2 cannot read (vendor pseudo-elements and the like)
            if selector not in kept and any(c.test(element) for c in compiled for element in elements
                                            if c.pseudo_element is None):
                missing.append(selector)
    assert not missing, f"{page}: rules it uses were dropped: {missing[:10]}"


def selector_texts(css: str) -> list[str]:
    """Each selector of each style rule, at any depth of @media and the like."""
    found: list[str] = []

    def walk(nodes) -> None:
        for rule in nodes:
            if rule.type == "qualified-rule":
                found.extend(part.strip() for part in tinycss2.serialize(rule.prelude).split(",") if part.strip())
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in (
                    "media", "supports", "layer", "container"):
                walk(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return found


# Every computed style of every element, custom properties left out: Material defines variables for
# features the site does not have (a version selector's icon), and only what they style matters.
# Each element's styles come back as one string, and only where they differ are they compared.
COMPUTED_STYLES = """() => Array.from(document.querySelectorAll('*')).map(element => {
  const style = getComputedStyle(element), found = [];
  for (const name of style) {
    if (!name.startsWith('--') && !name.startsWith('transition') && !name.startsWith('animation')) {
      found.push(name + ': ' + style.getPropertyValue(name));
    }
  }
  return [element.tagName + '.' + element.className, found.join('\\n')];
})"""


def styles_seen(browser, site: Path, path: str, *, width: int, search: bool) -> list:
    from conftest import serve_directory

    with serve_directory(site) as url:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(url + path, wait_until="networkidle")
        if search:  # the results are drawn by Material's script, with classes no built page has
            if width < 600:
                page.locator("label.md-header__button[for='__search']").click()
            else:
                page.locator("input.md-search__input").focus()
            page.locator("input.md-search__input").press_sequentially("988")
            page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            page.wait_for_timeout(1_000)
        styles = page.evaluate(COMPUTED_STYLES)
        context.close()
    return styles


@pytest.mark.slow
@pytest.mark.browser
def test_the_trimmed_stylesheets_style_every_element_as_the_whole_ones_do(built_site: Path, browser,
                                                                           tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    shutil.copytree(built_site, whole, ignore=shutil.ignore_patterns("*.pdf", "*.zip"))
    for sheet in (whole / "assets/stylesheets").glob("*.min.css"):  # Material's own files, under the new names
        sheet.write_text(next(MATERIAL_STYLESHEETS.glob(sheet.name.split(".")[0] + ".*.min.css")).read_text(
            encoding="utf-8"), encoding="utf-8")
    for path, width, search in [("", 390, True), ("article/", 1280, False), ("directory/countries/gb/", 390, False),
                                ("tools/self-check/", 1280, False)]:
        trimmed = styles_seen(browser, built_site, path, width=width, search=search)
        untrimmed = styles_seen(browser, whole, path, width=width, search=search)
        assert len(trimmed) == len(untrimmed) > 500, path
        differences = [(element, sorted(set(ours.splitlines()) - set(theirs.splitlines()))[:3])
                       for (element, ours), (_, theirs) in zip(trimmed, untrimmed, strict=True) if ours != theirs]
        assert not differences, f"{path or 'home'} at {width}px: {differences[:5]}"
