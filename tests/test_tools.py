"""The tools (docs/tools/): the PTSD self-check, the safety plan and the appointment summary.

They store nothing, send nothing and put nothing in the page's address; they work without
JavaScript, in the offline copy and on paper. The content tests read the Markdown; the browser
tests fill in every field of the built pages and look at what the browser kept afterwards.
"""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browsing import SITE_FURNITURE, axe_violations, hidden_in_print, local_only_context

from conftest import ROOT

TOOLS = ROOT / "docs" / "tools"
PAGES = {"self-check": "tools/self-check/", "safety-plan": "tools/safety-plan/",
         "appointment-summary": "tools/appointment-summary/"}
FORMS = {name: TOOLS / f"{name}.md" for name in PAGES}
SCRIPTS = [ROOT / "docs" / "javascripts" / "tools.js", ROOT / "docs" / "javascripts" / "self-check.js"]
CRISIS_LINES_MARKER = "<!-- directory:crisis-lines -->"
QUESTIONS = ["sc-q1", "sc-q2", "sc-q3", "sc-q4", "sc-q5"]
TYPED = "zq-typed-marker"  # what the browser tests type, to look for afterwards


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]), text[end + 5:]


class Controls(HTMLParser):
    """The form controls, labels, buttons and fieldsets written in a page's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.labels: set[str] = set()
        self.buttons: list[dict[str, str]] = []
        self.fieldsets = 0
        self.legends = 0
        self.forms = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in ("input", "textarea", "select"):
            self.controls.append({"tag": tag, **attributes})
        elif tag == "label" and "for" in attributes:
            self.labels.add(attributes["for"])
        elif tag == "button":
            self.buttons.append(attributes)
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag == "legend":
            self.legends += 1
        elif tag == "form":
            self.forms += 1


def controls(name: str) -> Controls:
    parser = Controls()
    parser.feed(split(FORMS[name])[1])
    return parser


# --- The pages, as written -------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(TOOLS.glob("*.md")), ids=lambda path: path.stem)
def test_every_tool_page_has_its_front_matter(path: Path) -> None:
    meta, body = split(path)
    assert meta["title"] and meta["description"]
    assert meta["last_reviewed"] == date(2026, 12, 1)
    assert "Tools" in meta["tags"]
    assert body.lstrip().startswith(f"# {meta['title']}\n")


@pytest.mark.parametrize("name", PAGES)
def test_no_tool_can_submit_and_every_field_is_labelled_and_grouped(name: str) -> None:
    found = controls(name)
    assert found.forms == 0  # nothing to submit, so nothing can reach the address bar
    assert found.controls and found.fieldsets >= 1 and found.fieldsets == found.legends
    assert all(button.get("type") == "button" for button in found.buttons)
    ids = [control["id"] for control in found.controls]
    assert len(ids) == len(set(ids))
    assert set(ids) <= found.labels, f"unlabelled: {sorted(set(ids) - found.labels)}"
    for control in found.controls:
        typed = control["tag"] == "textarea" or control.get("type") in ("text", "tel")
        if typed:  # HTML allows autocomplete only on fields that hold text
            assert control.get("autocomplete") == "off", control["id"]


@pytest.mark.parametrize("name", ["self-check", "safety-plan"])
def test_the_crisis_lines_come_before_the_fields(name: str) -> None:
    _, body = split(FORMS[name])
    lines = body.splitlines()
    assert CRISIS_LINES_MARKER in lines  # on a line of its own, for the build to fill
    assert body.index(CRISIS_LINES_MARKER) < body.index("<fieldset")
    assert body.index("Content note") < body.index("<fieldset")


def test_the_self_check_follows_the_pc_ptsd_5() -> None:
    meta, body = split(FORMS["self-check"])
    found = controls("self-check")
    radios = [c for c in found.controls if c.get("type") == "radio"]
    groups = {c["name"]: sorted(r["value"] for r in radios if r["name"] == c["name"]) for c in radios}
    assert groups == {name: ["no", "yes"] for name in ["sc-event", *QUESTIONS]}
    text = " ".join(body.split())
    # Part 1 asks about the event first; then five questions about the past month.
    assert text.index('name="sc-event"') < text.index('name="sc-q1"')
    assert text.count("In the past month, have you") == 5
    for area in ("nightmares", "not to think about it", "on guard", "numb", "blaming"):
        assert area in text
    assert "our own" in text and "not the tested screen" in text
    assert "https://www.ptsd.va.gov/professional/assessment/screens/pc-ptsd.asp" in text
    assert "Only a trained professional can diagnose PTSD." in text
    assert "Whatever your answers, you can reach out" in text
    assert "[@prins2016" in text and "[@bovin2021]" in text
    assert "count how many times you answered “yes” to questions 1 to 5" in text
    for link in ("../guide/is-it-time.md", "../directory/index.md"):
        assert link in text


def test_the_cut_point_is_given_as_the_sources_give_it() -> None:
    _, body = split(FORMS["self-check"])
    text = " ".join(body.split())
    references = {item["key"]: item for item in yaml.safe_load((ROOT / "data/references/tools.yml").read_text())}
    assert "a count of 3 missed the fewest people who had PTSD [@prins2016]" in text
    assert "a count of 4 gave the best balance" in text and "for women, a count of 3 may work better [@bovin2021]" \
        in text
    assert "396 veterans" in text and "396 veterans" in references["bovin2021"]["note"]
    assert "cut score of 3 maximised sensitivity" in references["prins2016"]["note"]


def test_the_safety_plan_has_every_step_a_partner_part_and_credits_its_basis() -> None:
    _, body = split(FORMS["safety-plan"])
    legends = re.findall(r"<legend>(.*?)</legend>", body)
    assert legends == [
        "Step 1: My warning signs", "Step 2: Things I can do on my own",
        "Step 3: People and places that help me feel better", "Step 4: People I can ask for help",
        "Step 5: Professionals and services I can contact", "Step 6: Making my surroundings safer",
        "Step 7: What matters to me", "For my partner, or someone I trust: how you can help me"]
    text = " ".join(body.split())
    assert "[@stanley2012]" in text and "Safety Planning Intervention" in text
    assert "Stanley-Brown" not in text and "Stanley Brown" not in text
    for kept in ("Form autofill", "A PDF file", "Back, and restored tabs", "private window"):
        assert kept in text


def test_the_summary_offers_the_treatments_and_the_questions_of_the_guide() -> None:
    _, body = split(FORMS["appointment-summary"])
    labels = dict(re.findall(r'<label for="(as-[qt]-[a-z-]+)">(.*?)</label>', body))
    questions = " ".join(split(ROOT / "docs/guide/questions-to-ask.md")[1].split())
    asked = [text for key, text in labels.items() if key.startswith("as-q-")]
    assert len(asked) >= 15
    assert [q for q in asked if q not in questions] == []
    treatments = split(ROOT / "docs/guide/treatments.md")[1]
    for name in ("CPT", "PE", "EMDR", "NET", "WET", "PCT", "CBCT", "EFT", "Cognitive Therapy for PTSD",
                 "Trauma-focused CBT"):
        assert any(name in text for key, text in labels.items() if key.startswith("as-t-")), name
        assert name in treatments, name


@pytest.mark.parametrize("page,link", [
    ("guide/is-it-time.md", "../tools/self-check.md"),
    ("about/staying-safe-online.md", "../tools/safety-plan.md"),
    ("directory/index.md", "../tools/safety-plan.md"),
    ("guide/questions-to-ask.md", "../tools/appointment-summary.md"),
    ("guide/first-sessions.md", "../tools/appointment-summary.md"),
])
def test_the_guide_links_to_the_tools_where_readers_need_them(page: str, link: str) -> None:
    assert f"]({link})" in (ROOT / "docs" / page).read_text(encoding="utf-8")


def test_the_tools_are_in_the_navigation_and_their_topic_exists() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("index", *PAGES):
        assert f"- tools/{name}.md" in config
    assert ".md-typeset .tool-field" in (ROOT / "docs/stylesheets/site.css").read_text(encoding="utf-8")
    topics = yaml.safe_load((ROOT / "data" / "tags.yml").read_text(encoding="utf-8"))
    assert "Tools" in {topic["label"] for topic in topics}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_the_scripts_store_nothing_send_nothing_and_change_no_address(script: Path) -> None:
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.S)  # comments out
    for forbidden in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches", "fetch(",
                      "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "location", "history.",
                      "postMessage", "serviceWorker", "innerHTML", "window.open"):
        assert forbidden not in code, forbidden


# --- The built pages, in Chromium ------------------------------------------------------------------

STORAGE = """async () => ({
  cookie: document.cookie,
  local: Object.fromEntries(Object.entries(localStorage)),
  session: Object.fromEntries(Object.entries(sessionStorage)),
  databases: (await indexedDB.databases()).map(d => d.name),
  caches: await caches.keys(),
})"""


def fill_everything(page) -> int:
    """Type into every text field, tick every checkbox and answer "yes" to every question; return
    how many controls were filled."""
    filled = 0
    for field in page.locator("[data-tool] input[type=text], [data-tool] input[type=tel], [data-tool] textarea").all():
        field.fill(f"{TYPED} {filled}")
        filled += 1
    for box in page.locator("[data-tool] input[type=checkbox]").all():
        box.check()
        filled += 1
    for radio in page.locator('[data-tool] input[type=radio][value="yes"]').all():
        radio.check()
        filled += 1
    return filled


def assert_nothing_kept(page, context) -> None:
    kept = page.evaluate(STORAGE)
    assert kept["cookie"] == "" and context.cookies() == []
    assert kept["session"] == {} and kept["databases"] == [] and kept["caches"] == []
    # The theme keeps which colour scheme is showing (listed on the privacy page); nothing else.
    assert {key.rsplit("/.", 1)[-1] for key in kept["local"]} <= {"__palette"}
    assert TYPED not in repr(kept)


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_filling_in_a_tool_stores_nothing_sends_nothing_and_keeps_the_address(browser, site_url: str,
                                                                              name: str) -> None:
    context, other_hosts = local_only_context(browser)
    page = context.new_page()
    address = site_url + PAGES[name]
    page.goto(address, wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")

    assert fill_everything(page) > 5
    page.locator("[data-tool] input[type=text], [data-tool] textarea").first.press("Enter")
    if name == "self-check":
        page.click("[data-self-check-show]")
    page.click("[data-tool-print]")
    assert page.evaluate("window.printed") == 1

    assert page.url == address
    assert requests == [] and other_hosts == []
    assert_nothing_kept(page, context)

    page.click("[data-tool-clear]")
    assert page.locator("[data-tool] input:checked").count() == 0
    assert all(not field.input_value() for field in page.locator("[data-tool] input[type=text], "
                                                                 "[data-tool] textarea").all())
    assert "cleared" in page.locator("[data-tool-status]").first.inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_leaving_a_tool_clears_it_so_back_does_not_bring_it_back(browser, site_url: str, name: str) -> None:
    context, _ = local_only_context(browser)
    page = context.new_page()
    page.goto(site_url + PAGES[name], wait_until="load")
    fill_everything(page)
    page.goto(site_url + "about/privacy/", wait_until="load")
    page.go_back(wait_until="load")
    assert page.url == site_url + PAGES[name]
    assert page.locator("[data-tool] input:checked").count() == 0
    assert [f.input_value() for f in page.locator("[data-tool] input[type=text], [data-tool] input[type=tel], "
                                                  "[data-tool] textarea").all() if f.input_value()] == []
    context.close()


# (Part 1, the five answers) → the count shown and the heading of the band it falls in.
SCORING = {
    "no event, every other answer yes": ("no", ["yes"] * 5, 0, "0 “yes” answers"),
    "event, nothing else": ("yes", ["no"] * 5, 0, "0 “yes” answers"),
    "event, one yes": ("yes", ["yes", "no", "no", "no", "no"], 1, "1 or 2 “yes” answers"),
    "event, two yes": ("yes", ["no", "yes", "no", "yes", "no"], 2, "1 or 2 “yes” answers"),
    "event, three yes": ("yes", ["yes", "yes", "yes", "no", "no"], 3, "3, 4 or 5 “yes” answers"),
    "event, four yes, one unanswered": ("yes", ["yes", "yes", None, "yes", "yes"], 4, "3, 4 or 5 “yes” answers"),
    "event, five yes": ("yes", ["yes"] * 5, 5, "3, 4 or 5 “yes” answers"),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", SCORING)
def test_the_self_check_shows_the_band_the_answers_fall_in(browser, site_url: str, case: str) -> None:
    event, answers, count, band = SCORING[case]
    context, other_hosts = local_only_context(browser)
    page = context.new_page()
    page.goto(site_url + PAGES["self-check"], wait_until="load")
    page.check(f"#sc-event-{event}")
    for name, value in zip(QUESTIONS, answers, strict=True):
        if value:
            page.check(f"#{name}-{value}")
    page.click("[data-self-check-show]")
    result = page.locator("[data-self-check-result]")
    assert result.is_visible()
    assert page.evaluate("document.activeElement.id") == "sc-result"
    text = " ".join(result.inner_text().split())
    assert "Only a trained professional can diagnose PTSD." in text
    assert "Whatever your answers, you can reach out" in text
    if event == "no":
        assert "your count is 0" in text
    else:
        assert f"You answered “yes” to {count} of the 5 questions" in text
    assert page.input_value("#sc-count") == str(count)
    yours = page.locator(".tool-band--yours h3")
    assert yours.count() == 1 and yours.inner_text().startswith(band)
    for word in ("diagnosed with", "you have PTSD", "positive", "score"):
        assert word not in text
    # Changing an answer changes the result; clearing takes it away.
    page.check("#sc-event-no")
    assert "your count is 0" in result.inner_text()
    page.evaluate("window.print = () => {}")
    page.click("[data-tool-clear]")
    assert result.is_hidden() and page.locator(".tool-band--yours").count() == 0
    assert other_hosts == []
    context.close()


@pytest.mark.browser
def test_the_self_check_works_from_the_keyboard(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + PAGES["self-check"], wait_until="load")
    page.focus("#sc-event-no")
    page.keyboard.press("ArrowLeft")  # arrow keys move within a group of radio buttons
    assert page.is_checked("#sc-event-yes")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "sc-q1"
    page.keyboard.press("Space")
    assert page.is_checked("#sc-q1-yes")
    page.focus("#sc-date")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-self-check-show')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "sc-result"
    assert "“yes” to 1 of the 5" in page.inner_text("[data-self-check-result]")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_without_javascript_every_question_and_field_is_there_and_the_rule_is_in_words(
        browser, site_url: str, name: str) -> None:
    context, other_hosts = local_only_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGES[name], wait_until="load")
    written = controls(name).controls
    fields = page.locator("[data-tool] input, [data-tool] textarea")
    assert fields.count() == len(written)
    assert all(field.is_visible() and field.is_enabled() for field in fields.all())
    assert page.locator("article button:visible").count() == 0  # they need the script
    if name != "appointment-summary":  # the two pages read at hard moments list every country's lines
        assert page.locator(".crisis-lines__country").count() > 5
    text = " ".join(page.inner_text("article").split())
    assert "use your browser's Print command" in text
    if name == "self-check":
        assert page.locator("fieldset.tool-question").count() == 6
        assert "How to count: count how many times you answered “yes” to questions 1 to 5." in text
        for band in ("3, 4 or 5 “yes” answers", "1 or 2 “yes” answers", "0 “yes” answers"):
            assert band in text
    fill_everything(page)
    assert page.url == site_url + PAGES[name]
    assert other_hosts == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["index", *PAGES])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_tool_page(browser, site_url: str, name: str, scheme: str) -> None:
    context, _ = local_only_context(browser, color_scheme=scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + ("tools/" if name == "index" else PAGES[name]), wait_until="load")
    found = axe_violations(page)
    if name == "self-check":
        page.check("#sc-event-yes")
        page.check("#sc-q1-yes")
        page.click("[data-self-check-show]")
        found += axe_violations(page)
    assert found == []
    context.close()


def printed_pages(page) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


@pytest.mark.browser
@pytest.mark.parametrize("name,most", [("self-check", 2), ("safety-plan", 2), ("appointment-summary", 2)])
def test_a_tool_prints_without_the_site_and_with_its_fields(browser, site_url: str, name: str, most: int) -> None:
    page = browser.new_page()
    page.goto(site_url + PAGES[name], wait_until="load")
    page.emulate_media(media="print")
    for furniture in SITE_FURNITURE:
        assert hidden_in_print(page, furniture), furniture
    assert hidden_in_print(page, "[data-tool-print]") and hidden_in_print(page, "[data-tool-clear]")
    if name != "appointment-summary":  # every country's lines stay on screen; the plan has its own
        assert hidden_in_print(page, ".tool-crisis")
    fields = page.locator("[data-tool] input, [data-tool] textarea")
    assert fields.count() > 5 and all(field.is_visible() for field in fields.all())
    assert page.locator(".md-banner").is_visible()  # the urgent-help line stays on paper
    assert printed_pages(page) <= most  # blank, to fill in by hand
    page.emulate_media(media="screen")
    fill_everything(page)
    page.emulate_media(media="print")
    assert printed_pages(page) <= most  # and filled in
    page.close()


@pytest.mark.browser
def test_the_safety_plan_prints_the_partner_part_on_a_page_of_its_own(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + PAGES["safety-plan"], wait_until="load")
    page.emulate_media(media="print")
    assert page.locator(".tool-partner").evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert page.locator(".tool-print-title").is_visible() and page.locator("h1").is_hidden()
    page.close()


@pytest.mark.browser
def test_the_summary_prints_only_the_boxes_ticked(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + PAGES["appointment-summary"], wait_until="load")
    page.check("#as-q-cost")
    page.emulate_media(media="print")
    questions = page.locator("#as-questions .tool-choices > li")
    assert [item.is_visible() for item in questions.all()].count(True) == 1
    assert all(item.is_visible() for item in page.locator("#as-treatments .tool-choices > li").all())
    page.close()


# --- The offline copy and the whole-site PDF -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_the_self_check_works_in_the_offline_copy(browser, offline_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    left: list[str] = []
    page.on("request", lambda request: request.url.startswith(("file:", "data:", "blob:")) or left.append(request.url))
    page.goto((offline_site / "tools" / "self-check.html").as_uri(), wait_until="load")
    for answer in ("sc-event-yes", "sc-q1-yes", "sc-q2-yes", "sc-q3-yes"):
        page.check(f"#{answer}")
    page.click("[data-self-check-show]")
    assert page.input_value("#sc-count") == "3"
    assert page.locator(".tool-band--yours h3").inner_text().startswith("3, 4 or 5")
    page.goto((offline_site / "tools" / "safety-plan.html").as_uri(), wait_until="load")
    page.fill("#sp-warning-1", TYPED)
    assert page.locator("[data-tool-print]").is_visible()
    assert left == []
    context.close()


@pytest.mark.slow
def test_the_whole_site_pdf_holds_a_blank_safety_plan(built_site: Path, tmp_path: Path) -> None:
    from content import pdf_book
    from content.site import load_site

    html = (built_site / PAGES["safety-plan"] / "index.html").read_text(encoding="utf-8")
    page = pdf_book.SitePage("tools/safety-plan.md", PAGES["safety-plan"], "My safety plan", html)
    book = pdf_book.make_book([page], load_site(ROOT, ROOT / "docs", today=date.today()),
                              title="Healing in Connection", description="", language="en",
                              site_url="https://healing-in-connection.github.io/healing-in-connection/",
                              site_dir=built_site, edition=date(2026, 12, 1), crisis_lines=[])
    chapter = book.chapters[0].html
    assert "<fieldset" in chapter and "<button" not in chapter and "crisis-lines" not in chapter
    assert 'value="' not in re.sub(r'<input[^>]*type="(radio|checkbox)"[^>]*>', "", chapter)  # blank
    target = tmp_path / "plan.pdf"
    pdf_book.render_pdf(pdf_book.book_html(book, single=True), target)
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(target), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    for step in ("Step 1: My warning signs", "Step 6: Making my surroundings safer", "Step 7: What matters to me",
                 "how you can help me"):
        assert step in text
