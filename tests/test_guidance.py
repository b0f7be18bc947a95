"""Content contracts for the guidance: which guideline and edition each recommendation comes from,
facts that have changed (Ireland's registers, Australian complaints and referrals, Canadian coverage),
the article's claim about PTSD and relationships, and complete references.

These read the Markdown and YAML sources directly, so they need no build. When one fails, check the
fact against its source before changing the test: they are here so that a fact cannot silently
revert to an older or weaker version.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DOCS = ROOT / "docs"
GUIDE = DOCS / "guide"
ARTICLE = DOCS / "article" / "index.md"
REFERENCES = ROOT / "data" / "references"
CITATION = re.compile(r"\[(@[a-z0-9]+(?:\s*;\s*@[a-z0-9]+)*)\]")

# How each guideline is named on the pages, with its edition. Every mention must carry it.
EDITIONS = {
    "VA/DoD": r"\s+\(2023\)",
    "NICE": r"\s+NG116\s+\(2018\)",
    "APA": r"\s+\((?:2017|2025)\)",
}


def body(path: Path) -> str:
    """The page without its front matter."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path} has no front matter"
    return text[text.index("\n---\n", 4) + 5:]


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


def flat(text: str) -> str:
    """The text with line breaks and indentation folded into single spaces."""
    return " ".join(text.split())


def section(text: str, heading: str) -> str:
    """A collapsible country note (`??? note "Ireland"`) or a `#` section, up to the next one."""
    start = text.index(heading)
    following = re.compile(r"^(\?\?\? |!!! |#{1,3} )", re.M)
    match = following.search(text, start + len(heading))
    return text[start: match.start() if match else len(text)]


def cited(text: str) -> list[str]:
    return [key.strip().lstrip("@") for match in CITATION.finditer(text) for key in match.group(1).split(";")]


@functools.cache
def references() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for file in sorted(REFERENCES.glob("*.yml")):
        for item in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
            found[item["key"]] = item
    return found


# --- Treatments: every rating names its guideline and edition ---

TREATMENTS = GUIDE / "treatments.md"


def table_rows() -> dict[str, dict[str, str]]:
    """The comparison table, by treatment: the guideline cell and the sources cell."""
    lines = [line for line in body(TREATMENTS).splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    guideline_column = next(i for i, name in enumerate(header) if name.startswith("Guidelines"))
    rows = {}
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = {"guidelines": cells[guideline_column], "sources": cells[-1]}
    return rows


def ratings(cell: str) -> dict[str, str]:
    """'VA/DoD (2023): strong. NICE NG116 (2018): offer' as {'VA/DoD (2023)': 'strong', ...}."""
    pattern = re.compile(r"(VA/DoD \(2023\)|NICE NG116 \(2018\)|APA \((?:2017|2025)\)): ")
    parts = pattern.split(cell)
    return {parts[i]: parts[i + 1].strip(" .") for i in range(1, len(parts), 2)}


# For each row: every guideline that rates it, with its edition, and words its rating must contain.
EXPECTED = {
    "CPT": {"VA/DoD (2023)": ["strong"], "NICE NG116 (2018)": ["offer", "trauma-focused CBT"],
            "APA (2017)": ["strong"]},
    "PE": {"VA/DoD (2023)": ["strong"], "NICE NG116 (2018)": ["offer", "trauma-focused CBT"],
           "APA (2017)": ["strong"]},
    "Trauma-focused CBT": {"NICE NG116 (2018)": ["offer"], "APA (2017)": ["strong"]},
    "Cognitive Therapy for PTSD": {"NICE NG116 (2018)": ["offer", "trauma-focused CBT"], "APA (2017)": ["strong"]},
    "EMDR": {"VA/DoD (2023)": ["strong"], "NICE NG116 (2018)": ["not related to combat"],
             "APA (2017)": ["conditional"]},
    "NET": {"NICE NG116 (2018)": ["offer", "trauma-focused CBT"], "APA (2017)": ["conditional"]},
    "WET": {"VA/DoD (2023)": ["included", "PE, CPT, EMDR"]},
    "PCT": {"VA/DoD (2023)": ["included", "PE, CPT, EMDR"]},
    "Medicine (antidepressants)": {
        "VA/DoD (2023)": ["strong", "paroxetine, sertraline or venlafaxine", "talking therapy preferred"],
        "NICE NG116 (2018)": ["venlafaxine", "sertraline", "prefer medicine"],
        "APA (2017)": ["conditional", "fluoxetine, paroxetine, sertraline and venlafaxine"],
    },
}
# The works a rating may be cited to: the guideline, or for VA/DoD (2023) the National Center for PTSD
# pages that report its position on WET and PCT.
GUIDELINE_KEYS = {"VA/DoD (2023)": {"vadod2023", "vadecisionaid", "vaoverview"}, "NICE NG116 (2018)": {"nice2018"},
                  "APA (2017)": {"apa2017"}}


@pytest.mark.parametrize("treatment", sorted(EXPECTED))
def test_each_row_names_every_guideline_that_rates_it_with_its_edition(treatment: str) -> None:
    row = table_rows()[treatment]
    found = ratings(row["guidelines"])
    assert set(found) == set(EXPECTED[treatment]), f"{treatment}: {row['guidelines']}"
    for guideline, words in EXPECTED[treatment].items():
        for word in words:
            assert word in found[guideline], f"{treatment}, {guideline}: '{word}' is not in '{found[guideline]}'"
        assert GUIDELINE_KEYS[guideline] & set(cited(row["sources"])), f"{treatment} does not cite {guideline}"


def test_fluoxetine_is_not_credited_to_vadod_2023() -> None:
    medicine = ratings(table_rows()["Medicine (antidepressants)"]["guidelines"])
    assert "fluoxetine" not in medicine["VA/DoD (2023)"]


def test_the_couple_therapies_are_not_given_a_guideline_rating() -> None:
    rows = table_rows()
    for treatment in ("CBCT (couples)", "EFT (couples)"):
        assert ratings(rows[treatment]["guidelines"]) == {}
        assert rows[treatment]["guidelines"].startswith("Not rated")


@pytest.mark.parametrize("page", [TREATMENTS, ARTICLE], ids=["treatments", "article"])
def test_every_mention_of_a_guideline_names_its_edition(page: Path) -> None:
    text = body(page)
    for name, edition in EDITIONS.items():
        for match in re.finditer(re.escape(name), text):
            assert re.match(edition, text[match.end():]), (
                f"{page.name}: '{flat(text[max(0, match.start() - 40): match.end() + 30])}' names {name} "
                "without its edition")


def test_the_treatments_page_says_its_apa_ratings_are_from_2017_and_names_the_2025_edition() -> None:
    text = flat(body(TREATMENTS))
    assert "APA (2025)" in text and "published in 2025 [@apa2025]" in text
    assert "the ratings on this page come from APA (2017)" in text
    assert "We have not been able to check its ratings yet" in text
    assert "apa2025" in references()


def test_the_treatments_prose_gives_nice_and_vadod_2023_their_recommendations() -> None:
    text = flat(body(TREATMENTS))
    for therapy in ("**Cognitive Processing Therapy (CPT).**", "**Prolonged Exposure (PE).**",
                    "**Cognitive Therapy for PTSD.**", "**Narrative Exposure Therapy (NET).**"):
        paragraph = text[text.index(therapy):].split(" **", 1)[0]
        assert "NICE NG116 (2018) names it as one of the trauma-focused CBT treatments to offer adults" in paragraph
    emdr = text[text.index("**EMDR"):].split(" **", 1)[0]
    assert ("NICE NG116 (2018) recommends it for adults whose PTSD followed a trauma that was not related to "
            "combat") in emdr
    assert "VA/DoD (2023) strongly recommends three antidepressants: paroxetine, sertraline or venlafaxine" in text
    for therapy in ("**Written Exposure Therapy (WET).**", "**Present-Centered Therapy (PCT).**"):
        paragraph = text[text.index(therapy):].split(" **", 1)[0]
        assert "VA/DoD (2023)" in paragraph and {"vadecisionaid", "vaoverview"} <= set(cited(paragraph))
        assert "second-line" not in paragraph


# --- Facts that have moved ---


def test_ireland_psychologist_registers_are_expected_during_2027() -> None:
    for page in (GUIDE / "who-can-help.md", GUIDE / "find-a-therapist.md"):
        ireland = flat(section(body(page), '??? note "Ireland"'))
        assert "during 2027" in ireland and "coruprogramme" in cited(ireland), page.name
        assert "2026" not in ireland and "corupsych" not in cited(ireland), page.name
    assert references()["coruprogramme"]["url"].endswith("/faqs/about-programme-approval/")


def test_australian_complaints_in_nsw_and_queensland_go_to_the_hccc_and_the_oho() -> None:
    australia = flat(section(body(GUIDE / "red-flags.md"), '??? note "Australia"'))
    assert "New South Wales" in australia and "Health Care Complaints Commission (HCCC)" in australia
    assert "Queensland" in australia and "Office of the Health Ombudsman (OHO)" in australia
    assert "Ahpra cannot manage a complaint about a practitioner in New South Wales" in australia
    assert {"ahpra2022", "oho"} <= set(cited(australia))


def test_better_access_referrals_follow_the_rules_from_1_november_2025() -> None:
    australia = flat(section(body(GUIDE / "cost-and-access.md"), '??? note "Australia"'))
    assert "Since 1 November 2025" in australia and "MyMedicare" in australia and "usual GP" in australia
    assert "psychiatrist or a paediatrician" in australia
    assert "were changing" not in australia
    where_to_start = flat(section(body(GUIDE / "find-a-therapist.md"), '??? note "Australia"'))
    assert "Since 1 November 2025" in where_to_start and "MyMedicare" in where_to_start


def test_canadian_public_coverage_rests_on_sources_newer_than_2017() -> None:
    for page in (GUIDE / "cost-and-access.md", GUIDE / "find-a-therapist.md"):
        canada = section(body(page), '??? note "Canada"')
        assert "clc2017" not in cited(canada) and "cpa2019" in cited(canada), page.name
    assert "firstsession2024" in cited(section(body(GUIDE / "cost-and-access.md"), '??? note "Canada"'))


def test_ptsd_coach_is_cited_to_a_page_about_ptsd_coach() -> None:
    text = flat(body(GUIDE / "cost-and-access.md"))
    sentence = text[text.index("PTSD Coach"):].split("For partners", 1)[0]
    assert cited(sentence) == ["vaptsdcoach"]
    assert "PTSD Coach" in references()["vaptsdcoach"]["title"]


def test_emdr_is_cited_to_sources_about_emdr() -> None:
    known = references()
    assert "emdr" in known["vaemdr"]["url"].lower() and "news.va.gov" not in known["vaemdr"]["url"]
    assert "emdr" in known["atlasemdr"]["title"].lower() or "eye movement" in known["atlasemdr"]["title"].lower()


# --- What the article says about PTSD and relationships ---

KEY_POINT = ("PTSD and relationship strain often go together. Studies that followed people over time suggest that "
             "symptoms and the way others respond can affect each other, with the clearer effect running from "
             "PTSD to the relationship.")


def test_the_key_point_says_no_more_than_its_sources() -> None:
    text = flat(body(ARTICLE))
    key_points = text[text.index('!!! abstract "Key points"'):text.index('!!! info')]
    assert KEY_POINT in key_points
    assert "in both directions" not in text


def test_the_article_backs_the_key_point_with_a_longitudinal_couples_study() -> None:
    text = body(ARTICLE)
    part = section(text, "### How symptoms and relationships affect each other over time")
    assert {"ullman2016", "taft2011", "campbell2017", "campbell2018"} <= set(cited(part))
    assert "cannot show which comes first" in flat(part)


def test_therapy_together_says_only_what_its_sources_show() -> None:
    text = flat(body(GUIDE / "therapy-together.md"))
    assert "effects run both ways" not in text
    part = section(body(GUIDE / "therapy-together.md"), "## How trauma can affect a couple")
    assert "campbell2017" in cited(part) and "campbell2018" not in cited(part)


# --- References: complete and exact ---

ROUTES = ("journal", "publisher", "site")


@pytest.mark.parametrize("key", sorted(references()))
def test_every_reference_is_complete(key: str) -> None:
    item = references()[key]
    for field in ("short", "authors", "year", "title", "seen_at", "seen_on"):
        assert item.get(field), f"{key}: '{field}' is missing"
    assert "citation" not in item, f"{key}: the free-text 'citation' field is gone; use the separate fields"
    assert sum(1 for route in ROUTES if item.get(route)) == 1, f"{key}: give exactly one of {ROUTES}"
    if item.get("journal"):
        assert item.get("volume") and (item.get("pages") or item.get("article")), f"{key}: volume and pages"
    if item.get("pages"):
        assert "-" not in item["pages"], f"{key}: page ranges take an en dash"
    assert item.get("doi") or item.get("url"), f"{key}: needs a doi or a url"
    assert "et al" not in item["authors"], f"{key}: a reference list names the authors"
    assert not re.search(r"[*_<>]", item["title"]), f"{key}: titles are plain text"


def test_the_corrections_the_audit_asked_for_stay_made() -> None:
    known = references()
    synopsis = known["vadod2023"]
    assert synopsis["authors"].startswith("Schnurr, P. P., Hamblen, J. L., Wolf, J.")
    assert synopsis["title"].startswith("The management of posttraumatic stress disorder and acute stress disorder: "
                                        "Synopsis of the 2023")
    assert (synopsis["journal"], synopsis["volume"], synopsis["issue"], synopsis["pages"]) == (
        "Annals of Internal Medicine", "177", "3", "363–374")
    assert known["gwozdziewycz2013"]["pages"] == "70–76"
    assert known["blais2021"]["title"].startswith("Self-reported PTSD symptoms and social support in U.S. military")
    assert known["ullman2014"]["title"].startswith("Social reactions to sexual assault disclosure, coping")
    assert known["ullman2016"]["title"].startswith("Longitudinal relationships of social reactions, PTSD")
    assert known["pukaymartin2022"]["title"].startswith("Effectiveness of cognitive behavioral conjoint therapy")
    assert known["nice2018"]["edition"] == "NICE guideline NG116"


def test_the_sources_that_could_not_be_found_are_gone() -> None:
    known = references()
    assert "asppb" not in known
    assert all("news.va.gov/102939" not in str(item.get("url", "")) for item in known.values())
    pages = [*GUIDE.glob("*.md"), ARTICLE]
    for page in pages:
        assert not {"asppb", "corupsych", "clc2017"} & set(cited(body(page))), page.name


def test_every_citation_on_the_guidance_pages_has_a_reference() -> None:
    known = references()
    for page in [*GUIDE.glob("*.md"), ARTICLE]:
        missing = set(cited(body(page))) - set(known)
        assert not missing, f"{page.name} cites {sorted(missing)}"


REVISED = ["treatments", "who-can-help", "find-a-therapist", "cost-and-access", "red-flags", "first-sessions",
           "therapy-together", "questions-to-ask"]


@pytest.mark.parametrize("page", [*(GUIDE / f"{name}.md" for name in REVISED), ARTICLE],
                         ids=[*REVISED, "article"])
def test_the_revised_pages_carry_the_review_date(page: Path) -> None:
    assert str(front_matter(page)["last_reviewed"]) >= "2026-12-01"
