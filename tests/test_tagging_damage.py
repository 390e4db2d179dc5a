"""The tagger reads a record as exports damage it as it reads it clean: typeset dashes and
quotes, sentences run together, a database's copyright line, British publication types."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.tagging import Tagger, TagResult, tag_input
from kb.tagging.taxonomy import load_taxonomy

TAGGER = Tagger(load_taxonomy())

# Made-up records, written for these tests.
TRIAL = (
    "Intrathecal baclofen for spasticity after spinal cord injury: a randomised, double-blind, "
    "placebo-controlled crossover trial",
    "Background: Oral drugs for spasticity often cause drowsiness in spinal cord injury (SCI). "
    "Methods: Eighteen adults "
    "with spinal cord injury received bolus doses of baclofen and saline in random order. The "
    "Ashworth score and the patients' own ratings were recorded. Results: Baclofen lowered "
    "muscle tone (p < 0.01); two patients had post-dural headache. Conclusions: Intrathecal "
    "baclofen reduced spasticity.",
)
SERIES = (
    "Pump refills over ten years in children with cerebral palsy",
    "Objective: To describe long-term intrathecal baclofen therapy. Methods: We reviewed the "
    "records of 41 children with cerebral palsy and a pump. Results: Catheter-related "
    "complications occurred in 9 children; 3 had a pocket infection. Caregivers reported "
    "easier care. Conclusions: The therapy's benefit lasted.",
)
CASE = (
    "Baclofen withdrawal after a catheter break",
    "A 12-year-old boy with cerebral palsy received intrathecal baclofen for spasticity. Two "
    "days after his catheter broke he developed itching, fever and rebound spasticity; "
    "revision of the catheter ended the withdrawal.",
)
CONTROLLED = (
    "Intrathecal baclofen against oral drugs in multiple sclerosis",
    "This was a single-centre, open-label, non-randomised study of 15 adults with multiple "
    "sclerosis given a pump and 15 treated with oral drugs. Follow-up lasted 12 months; the "
    "patients' spasm frequency fell on intrathecal baclofen.",
)
UNSTRUCTURED = (
    "Intrathecal baclofen in adults",
    "Spasticity is common after brain injury. Intrathecal baclofen reduces tone. Pain and sleep "
    "are often affected. We describe our experience with 24 adults. Spasticity and pain fell.",
)
RECORDS = {
    "trial": TRIAL,
    "series": SERIES,
    "case": CASE,
    "controlled": CONTROLLED,
    "unstructured": UNSTRUCTURED,
}


def tagged(title: str, abstract: str, **fields: Any) -> TagResult:
    return TAGGER.tag(tag_input(title, "article", [{"abstract": [{"text": abstract}], **fields}]))


def summary(result: TagResult) -> tuple[object, ...]:
    tags = sorted((m.facet, m.id) for m in result.mentions if m.qualifier is None)
    size = result.sample_size.value if result.sample_size else None
    return tags, result.design.id, size, result.relevant


@pytest.mark.parametrize("record", list(RECORDS.values()), ids=list(RECORDS))
@pytest.mark.parametrize(
    ("damage", "change"),
    [
        ("typeset hyphens", lambda t: t.replace("-", "\u2010")),
        ("non-breaking hyphens", lambda t: t.replace("-", "\u2011")),
        ("typeset quotes", lambda t: t.replace("'", "\u2019")),
        ("sentences run together", lambda t: t.replace(". ", ".")),
        ("a copyright line", lambda t: t + " \u00a9 2021 Elsevier Inc. All rights reserved."),
        ("a copyright line in words", lambda t: t + " Copyright 2019 John Wiley & Sons, Ltd."),
        ("a copyright line in brackets", lambda t: t + " (C) 2012 Elsevier Ltd."),
    ],
)
def test_an_exports_damage_leaves_the_tags_design_and_count_as_in_the_clean_text(
    record: tuple[str, str], damage: str, change: Any
) -> None:
    title, abstract = record
    assert summary(tagged(change(title), change(abstract))) == summary(tagged(title, abstract))


@pytest.mark.parametrize("record", list(RECORDS.values()), ids=list(RECORDS))
@pytest.mark.parametrize(
    ("damage", "change"),
    [
        ("an Abstract heading", lambda t: f"Abstract {t}"),
        ("an ABSTRACT: heading", lambda t: f"ABSTRACT: {t}"),
        ("labels without a space", lambda t: t.replace(": ", ":")),
        (
            "labels run into an acronym",
            lambda t: re.sub(r"(?<=[A-Z]{2})\)?\. (?=[A-Z]\w+:)", ".", t),
        ),
    ],
)
def test_an_abstracts_own_damage_leaves_the_tags_design_and_count_as_in_the_clean_text(
    record: tuple[str, str], damage: str, change: Any
) -> None:
    title, abstract = record
    assert summary(tagged(title, change(abstract))) == summary(tagged(title, abstract))


def test_a_heading_of_the_word_abstract_goes_but_the_word_in_a_sentence_stays() -> None:
    def first(text: str) -> str:
        item = tag_input("A title", "article", [{"abstract": [{"text": text}]}])
        return item.abstract[0].text

    assert first("Abstract Intrathecal baclofen was given.") == "Intrathecal baclofen was given."
    assert first("R\u00e9sum\u00e9 : Le baclof\u00e8ne.") == "Le baclof\u00e8ne."
    kept = "Abstract reasoning was tested in 12 adults. Abstracts of trials were read."
    assert first(kept) == kept


def test_the_clean_records_are_read_as_written() -> None:
    trial, series, case, controlled, _ = (summary(tagged(*r)) for r in RECORDS.values())
    assert trial[1:3] == ("rct", 18) and ("complication", "csf_leak") in trial[0]
    assert series[1:3] == ("case_series", 41) and ("complication", "infection") in series[0]
    assert case[1:3] == ("case_report", 1) and ("complication", "withdrawal") in case[0]
    assert controlled[1] == "controlled_trial" and ("outcome", "spasticity") in controlled[0]


def test_a_structured_abstracts_sections_run_together_are_still_its_sections() -> None:
    item = tag_input("A title", "article", [{"abstract": [{"text": TRIAL[1].replace(". ", ".")}]}])
    assert [s.label for s in item.abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]


def test_a_copyright_line_is_dropped_from_the_abstracts_end_only() -> None:
    text = "Results: Twelve patients improved. Conclusions: ITB helped. \u00a9 2020 The Authors."
    item = tag_input("A title", "article", [{"abstract": [{"text": text}]}])
    assert item.abstract[-1].text == "ITB helped."
    # a sentence that starts with the word, naming no year, rights or publisher, stays
    kept = "We reviewed 20 patients. Copyright of the scale limited its use."
    item = tag_input("A title", "article", [{"abstract": [{"text": kept}]}])
    assert item.abstract[0].text == kept


def test_abbreviations_and_decimals_are_not_read_as_sentences_run_together() -> None:
    text = "Doses were 2.5 mg i.v.Baclofen e.g.Lioresal was given by Ph.D staff."
    item = tag_input("A title", "article", [{"abstract": [{"text": text}]}])
    assert item.abstract[0].text == text


def test_a_publication_type_in_british_spelling_is_the_same_type() -> None:
    abstract = "Thirty adults with spasticity received intrathecal baclofen or placebo."
    fields = {"publication_types": [{"name": "Randomised Controlled Trial"}]}
    assert tagged("Intrathecal baclofen for spasticity", abstract, **fields).design.id == "rct"


def test_people_who_have_a_lasting_condition_are_its_population_not_its_harm() -> None:
    result = tagged(
        "Intrathecal baclofen in people with cognitive impairment",
        "We followed 25 people who have cognitive impairment after stroke and received "
        "intrathecal baclofen for spasticity. Spasticity fell in 20.",
    )
    assert "cns_adverse_effects" not in result.ids("complication")


def test_html_entities_are_read_as_their_characters() -> None:
    text = (
        "Background: Spasticity limits care. Methods &amp; Results: We treated 12 adults; "
        "tone fell (p &lt; 0.05). Conclusions: It helped."
    )
    item = tag_input(
        "Intrathecal baclofen &amp; spasticity", "article", [{"abstract": [{"text": text}]}]
    )
    assert item.title == "Intrathecal baclofen & spasticity"
    assert [s.label for s in item.abstract] == ["BACKGROUND", "METHODS & RESULTS", "CONCLUSIONS"]
    assert "(p < 0.05)" in item.abstract[1].text


@pytest.mark.parametrize(
    "text",
    [
        "ABSTRACT: Background: Spasticity limits care. Methods: We treated 12 adults.",
        "Abstract Background: Spasticity limits care. Methods: We treated 12 adults.",
        "Background:Spasticity limits care. Methods:We treated 12 adults.",
        "Background: Spasticity limits care after SCI.Methods: We treated 12 adults.",
    ],
)
def test_a_structured_abstracts_labels_are_found_through_an_exports_damage(text: str) -> None:
    item = tag_input("A title", "article", [{"abstract": [{"text": text}]}])
    assert [s.label for s in item.abstract] == ["BACKGROUND", "METHODS"]
    assert item.abstract[1].text == "We treated 12 adults."


def test_words_a_pdfs_line_ends_broke_are_made_whole_where_the_whole_word_is_known() -> None:
    broken = (
        "We reviewed 30 children with cere- bral palsy treated with intrathecal bac- lofen. "
        "Four had pump pocket infec- tions. Spas- ticity was reduced in 25."
    )
    result = TAGGER.tag(tag_input(
        "Intrathecal baclofen in children", "article",
        [{"abstract": [{"label": None, "category": None, "text": broken}]}],
    ))  # fmt: skip
    assert "cerebral_palsy" in result.ids("indication")
    assert "infection" in result.ids("complication")
    assert "spasticity" in result.ids("outcome")


def test_two_words_a_hyphen_joins_stay_two_words() -> None:
    from kb.tagging.facets import _mend_broken_words
    from kb.tagging.types import Section, TagInput

    text = "Catheter- and pump-related events, pre- and post-operative, and catheter- related."
    item = TagInput(title="Intrathecal baclofen", abstract=(Section(None, None, text),))
    assert _mend_broken_words(item, frozenset({"catheter", "related"})).abstract[0].text == text


_TYPESET_PIECES = st.sampled_from(
    ["a", "b", "Q", "U.S.A", ". ", ".", "!", "?", "B", "z.", "(c)", "(C) ", "Copyright",
     "COPYRIGHT", "rights reserved", "All Rights Reserved", "\u00a9", " 2021", "Elsevier",
     "&amp;", "\u2013", "\u017f", "K", "\u212a", "results.Methods: ", ") .", "%.", "x"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_TYPESET_PIECES, max_size=30).map("".join))
def test_the_quick_tests_before_the_typesetting_searches_change_nothing(text: str) -> None:
    # the quick tests find every text the searches do, so a section reads the same
    from kb.tagging import inputs

    hint = inputs._COPYRIGHT_HINT.search(text) is not None
    assert inputs._may_hold_copyright(text) == hint
    if inputs._GLUED_STOP.search(text):
        assert inputs._STOP_CAPITAL.search(text)
