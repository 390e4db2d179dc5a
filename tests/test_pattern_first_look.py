"""The cheap first look before a regular expression (kb.tagging.textscan.GatedPattern): it
skips a pattern only where the pattern cannot match, so tags never depend on it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from kb.tagging.taxonomy import load_taxonomy
from kb.tagging.textscan import GatedPattern, PatternGroup, first_look, required_words

DEVSET = Path(__file__).parent / "data" / "tagging" / "devset.toml"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"searched\b(?:\W+\w+){0,6}?\W+(?:PubMed|MEDLINE)", ("searched",)),
        (r"\b(?:year|month|week)s?[- ]old\b", ("month", "week", "year")),
        (r"(?:A|An) (?:[\w-]+ ){0,3}?(?:woman|man)\b", ("man", "woman")),
        (r"\b(?:versus|vs\.?)\s", ("versus", "vs")),
        (r"randomi[sz]ed (?:to|into)", ("randomi",)),
        (r"(?:^|x)\d+ patients?", (" patient",)),
        # a word of nearly every sentence tagged is the last choice, however long
        (r"\bcollected\b[^.;]{0,80}?\bspasticity\b", ("collected",)),
        (r"\bby (?:origin|cause) of (?:spasticity|hypertonia)\b", ("by cause", "by origin")),
        (r"\bintrathecal baclofen\b", ("intrathecal baclofen",)),
    ],
)
def test_the_words_every_match_must_hold(pattern: str, words: tuple[str, ...]) -> None:
    assert required_words(pattern) == words


@pytest.mark.parametrize("pattern", [r"\d+", r"(?:a|b)?c*", r"(?:foo|\d)", r"x{0,3}y"])
def test_a_pattern_without_required_words_gets_no_first_look(pattern: str) -> None:
    assert required_words(pattern) is None
    assert GatedPattern(pattern).search("xyz foo 12") is not None or pattern == r"x{0,3}y"


def _texts() -> list[str]:
    data = tomllib.loads(DEVSET.read_text(encoding="utf-8"))
    texts = []
    for record in data["record"]:
        texts.append(record["title"])
        texts += [part[2] for part in record.get("abstract", [])]
    return texts + [
        "RANDOMISED TO ITB OR PLACEBO",
        "We Compared 30 Children With 28 Controls.",
        "A ſ-shaped catheter was searched",  # a long s: IGNORECASE matches it to "s"
    ]


def test_the_first_look_never_changes_a_match_of_any_taxonomy_pattern() -> None:
    texts = _texts()
    patterns = [p for e in load_taxonomy().entries for p in (*e.patterns, *e.title_patterns)]
    assert len(patterns) > 30
    for pattern in patterns:
        gated, plain = GatedPattern(pattern), re.compile(pattern, re.IGNORECASE)
        for text in texts:
            ours, theirs = gated.search(text), plain.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (pattern, text)


@pytest.mark.parametrize("text", ["were \u017fearched", "were searched", "were SEARCHED"])
def test_a_character_ignorecase_folds_but_lower_does_not_still_matches(text: str) -> None:
    assert GatedPattern(r"\bsearched\b").search(text) is not None
    assert GatedPattern(r"\bpink\b").search("a P\u0131NK pump") is not None
    assert GatedPattern(r"\bk\w+").search("\u212aelvin") is not None


def test_a_pattern_in_other_than_ascii_gets_no_first_look() -> None:
    assert required_words("\u00b5g/day") is None
    assert GatedPattern("\u00b5g/day").search("12 \u03bcg/day") is not None


def test_a_pattern_group_tries_only_the_patterns_whose_words_a_text_holds_in_listed_order() -> None:
    group = PatternGroup(
        [
            (GatedPattern(r"\bcatheter\w* kink"), "kink"),
            (GatedPattern(r"\bpump (?:stall|flip)"), "pump"),
            (GatedPattern(r"[0-9]+"), "ungated"),  # needs no word: always tried
            (GatedPattern(r"\bcatheter\w* (?:break|migrat)"), "break"),
        ]
    )
    text = "The catheter kinked and may break."
    chosen = [payload for _, payload in group.candidates(first_look(text))]
    assert chosen == ["kink", "ungated", "break"]
    # every string a pattern needs must be there: "catheter" without "kink" or "break" is not
    assert [p for _, p in group.candidates(first_look("The catheter broke."))] == ["ungated"]
    assert [p for _, p in group.candidates(first_look("Tone fell."))] == ["ungated"]
    assert len(group.candidates(None)) == 4  # no first look: every pattern


def test_a_pattern_group_finds_words_inside_one_another_and_overlapping() -> None:
    group = PatternGroup(
        [
            (GatedPattern(r"\bcsf leak"), "csf leak"),
            (GatedPattern(r"leak"), "leak"),
            (GatedPattern(r"eak\w*"), "eak"),
            (GatedPattern(r"aker"), "aker"),
        ]
    )
    # "leak" sits inside "csf leak" and "eak" inside both; "aker" overlaps "leak" in "leaker"
    chosen = [payload for _, payload in group.candidates(first_look("A CSF leaker."))]
    assert chosen == ["csf leak", "leak", "eak", "aker"]
    assert list(group.candidates(first_look("No drainage."))) == []


def test_a_pattern_group_chooses_again_as_it_chose_once_however_few_sets_it_keeps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kb.tagging import textscan

    group = PatternGroup(
        [(GatedPattern(r"\bpump stall"), "stall"), (GatedPattern(r"\bcatheter kink"), "kink")]
    )
    texts = ["The pump stalled.", "A catheter kink.", "Pump and catheter.", "The pump stalled."]
    first = [[p for _, p in group.candidates(first_look(t))] for t in texts]
    assert first == [["stall"], ["kink"], [], ["stall"]]
    monkeypatch.setattr(textscan, "_REMEMBERED_SETS", 1)  # (kept sets cleared each time)
    again = [[p for _, p in group.candidates(first_look(t))] for t in texts + texts]
    assert again == first + first


def test_a_pattern_group_of_ungated_patterns_tries_them_all() -> None:
    group = PatternGroup([(GatedPattern(r"\d+"), 1), (GatedPattern(r"[a-z]"), 2)])
    assert [p for _, p in group.candidates(first_look("any text"))] == [1, 2]


def test_the_tagger_pattern_groups_choose_as_a_test_of_each_word_would() -> None:
    from kb.tagging.facets import Tagger

    tagger = Tagger(load_taxonomy())
    groups = [tagger._c.patterns, *tagger._c.design_groups.values()]
    texts = [
        f"{record.get('title', '')} {record.get('abstract', '')}"
        for record in tomllib.loads(DEVSET.read_text(encoding="utf-8"))["record"]
    ]
    for text in texts:
        look = first_look(text)
        assert look is not None
        for group in groups:
            expected = [item for item in group.items if item[0].may_match(look)]
            assert [id(item) for item in group.candidates(look)] == [id(i) for i in expected]


def test_a_sentence_meets_the_patterns_facet_by_facet_in_one_order() -> None:
    from kb.tagging.facets import _BACKGROUND_FACETS, _FIELD_FACETS, _PATTERN_ORDER, Tagger

    # (one group for every facet, tried facet by facet: each facets tuple a sentence is
    # scanned for must list its facets in that order, or mentions would change order)
    facets_in_order = [facet for _, (facet, _) in Tagger(load_taxonomy())._c.patterns.items]
    assert facets_in_order == sorted(facets_in_order, key=_PATTERN_ORDER.index)
    for facets in [*_FIELD_FACETS.values(), _BACKGROUND_FACETS]:
        assert list(facets) == sorted(facets, key=_PATTERN_ORDER.index), facets


def test_every_taxonomy_pattern_gets_a_first_look() -> None:
    # (one without, such as a pattern holding "µg", is tried on every sentence of every
    # record: the taxonomy writes such characters as \u escapes, which keep it ASCII)
    taxonomy = load_taxonomy()
    patterns = [p for e in taxonomy.entries for p in (*e.patterns, *e.title_patterns)]
    patterns += list(taxonomy.relevance.patterns)
    assert [p for p in patterns if required_words(p) is None] == []
