"""Case-insensitive patterns rewritten to open on a class of letters (kb.tagging.opening) and
counts read by the faster of two patterns (kb.tagging.sample_size.count_matches): the same
matches, at the same places, with the same groups, as the patterns as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kb.tagging.opening import _FOLDS, fast_opening
from kb.tagging.sample_size import COUNT, count_matches
from kb.tagging.taxonomy import load_taxonomy

DEVSET = Path(__file__).parent / "data" / "tagging" / "devset.toml"

# Texts at the edges of what a rewrite moves: the start of the text, a line's start, the
# end of a sentence before, word boundaries, hyphens, capitals, and the characters
# IGNORECASE matches to an ASCII letter that lower() does not give (long s, Kelvin sign,
# dotted and dotless i).
EDGES = [
    "We report a boy with CP. An 8-year-old girl with dystonia was treated.",
    "A woman with MS\nA man with SCI: one patient developed meningitis",
    "in a child with spasticity; of an adult who had a pump; for a lady on ITB",
    "pin a child with x; xin a child with; -in a child with; _in a child with",
    "IN A CHILD WITH CP. OUR PATIENTS. WE RANDOMISED THEM.",
    "\u017fix \u017fystematic review of a \u212aid; \u0130n a child with; \u0131n a man with",
    "herein we describe; here we; us; the authors report; the authors describe",
    "reduced spasticity; decreased tone; improved gait; lowered the dose; lower limbs",
    "a case; a  case; acase; the case report; case study; report of a case",
    "Twenty year-old man. Seventy-four-years-old woman: -year-old; 45 year old",
    "Registries are needed; more randomised trials are needed, cohorts is required",
    "",
    "a",
    "in",
]


def _texts() -> list[str]:
    data = tomllib.loads(DEVSET.read_text(encoding="utf-8"))
    texts = list(EDGES)
    for record in data["record"]:
        texts.append(record["title"])
        texts += [part[2] for part in record.get("abstract", [])]
    return texts


def _same(written: str, text: str) -> None:
    """Assert the written pattern and its rewriting find the same in TEXT, every way the
    tagger calls a pattern: finditer, search from a position (a look-behind still sees the
    text before it) and up to an end, match at a position."""
    a = re.compile(written, re.IGNORECASE)
    b = re.compile(fast_opening(written), re.IGNORECASE)

    def seen(m: re.Match[str] | None) -> tuple[object, ...] | None:
        return None if m is None else (m.span(), m.groups(), m.groupdict())

    assert [seen(m) for m in a.finditer(text)] == [seen(m) for m in b.finditer(text)]
    for position in range(0, len(text) + 1, 3):
        assert seen(a.search(text, position)) == seen(b.search(text, position))
        assert seen(a.match(text, position)) == seen(b.match(text, position))
        assert seen(a.search(text, 0, position)) == seen(b.search(text, 0, position))


REWRITTEN = [
    r"\b(?:we|our|us|here(?:in)?|the authors? (?:report|describe|present))\b",
    r"(?:^|(?<=[.!?] )|(?<=\n))(?:A|An) (?:[\w-]+ ){0,3}?(?:woman|man|boy|girl)\b",
    r"\b(?:in|of|for) an? (?:[\w-]+ ){0,3}?(?:girl|boy|man|woman|child|adult|lady)"
    r" (?:with|who|on)\b",
    r"(?<![\w-])randomi[sz]ed\b",
    r"(?<!single case )(?<!single-case )\bquasi-experimental",
    r"\ba case\b",
    r"\bsix\b|\bsystematic",  # alternatives at the top level
    r"(?:\bwe|\bour) report|\bhere(?:in)?\b",  # each opening on its own test
    # as the tagger joins a taxonomy entry's words before or after a match
    r"(?:(?:not)|(?:\bno\b)|(?:(?<![\w-])free of)|(?:in (?:a|an) \w+))\W*$",
    r"\W*(?:(?:related)|(?:\bof\b))",
    r"(?:(?:a|b)c|d)e",  # a group opening an alternative, more after it
    # a repeat before the opening: the opening tried at each position it reaches
    r"[^.;]{0,80}?\b(?:(?:none|not)\s+related to|unrelated\b|due to (?:the )?disease)",
    r"(?:\w+\s+){0,3}?(?:with|who)\b",
    r"[a-z]*(?:ed|ing)\b",
    r"(?:the )?review",
    r"(?:the )?\d+ reviews",  # (the optional group read in and out: then no letter)
    r"(?:\bwe|\d) report",  # an alternative opening on no letter: the others rewritten alone
    r"(?:(?:a|b)?c|d)e",
    r"(?:(?:a|b)??c|d)e",  # (a lazy optional group: tried last, kept as written)
    r"(?:in|of)?+ a (?:boy|girl)",  # (a possessive one, kept)
    r"\b(?:we )?(?:describe|report|present)\w*\b[^.;]{0,80}?\b(?:in|of)\s*$",
    r"^(?:[^.;]{0,170}?\b(?:and|with|versus)|[^.;]{0,80}?\b(?:matched|compared)\b[^.;]{0,80}?"
    r"\bto)\s+(?P<number>\d+)",
    r"\b(?:(?:was|were) (?:performed|treated)|we|in (?:a|one) (?P<who>\w+))\b",
    r"(?:^|(?<=[.!?] )|(?<=\n)|(?<=: ))(?:one|two|three) (?:[\w-]+ ){0,2}?(?:patients|men)\b",
    r"\b(?:reduc|decreas|improv|lower(?!\s+(?:limbs?|legs?)))\w*\s+(?:the\s+)?"
    r"(?:spasticity|tone|gait|dose)",
    r"\b(?:k\w+|kid)\b",
    r"(?P<first>\b(?:in|of))",  # (a group opening the pattern: not rewritten)
    r"\bi(?P<rest>n a (?P<who>child|man))",
    r"(?<=[.!?] )(?:i|o)[nf]\b",
    # an optional group after a repeat, read in and out: kept together after the repeat
    r"(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month)s?[- ]old",
    r"[\s,-]+(?:(?:[\w-]+[\s,]+){0,3}?(?:study|trials?)\s+)?(?:is|are) (?:needed|required)",
]


@pytest.mark.parametrize("written", REWRITTEN)
def test_a_rewritten_pattern_finds_what_the_written_one_finds(written: str) -> None:
    for text in _texts():
        _same(written, text)


@pytest.mark.parametrize(
    ("written", "text"),
    [
        (r"\b(?:we|our)\s", "In our series"),
        (r"(?:^|(?<=[.!?] )|(?<=\n))(?:A|An) (?:[\w-]+ ){0,3}?(?:woman|man)\b", "x. A young man"),
        (r"(?<![\w-])randomi[sz]ed\b", "Patients were RANDOMISED"),
        (r"\bcase report\b", "A case report"),
    ],
)
def test_a_pattern_opening_on_words_opens_on_a_class_the_engine_skips_to(
    written: str, text: str
) -> None:
    rewritten = fast_opening(written)
    assert rewritten.startswith("(?-i:[")
    assert re.compile(rewritten, re.IGNORECASE).search(text) is not None


@pytest.mark.parametrize(
    ("written", "flags"),
    [
        (r"s?pasm", re.IGNORECASE),  # the first letter may be absent
        (r"\d+ patients", re.IGNORECASE),  # opens on no letter
        (r"(?P<n>\d+) patients", re.IGNORECASE),  # a group opening the pattern
        (r"(?=\w)we", re.IGNORECASE),  # a look-ahead
        (r"\bwe report", 0),  # a case-sensitive pattern has the engine's prefix search
        (r"\bwe report", re.IGNORECASE | re.VERBOSE),
        (r"\bwe report", re.IGNORECASE | re.ASCII),
        (r"[ab]c", re.IGNORECASE),
    ],
)
def test_a_pattern_of_another_shape_is_compiled_as_written(written: str, flags: int) -> None:
    assert fast_opening(written, flags) == written


def test_the_fold_table_is_what_ignorecase_matches_to_each_letter() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        matched = set(re.compile(letter, re.IGNORECASE).findall(every))
        assert matched == {letter, letter.upper(), *_FOLDS.get(letter, "")}, letter


def test_every_taxonomy_pattern_rewritten_finds_what_it_finds_as_written() -> None:
    patterns = [p for e in load_taxonomy().entries for p in (*e.patterns, *e.title_patterns)]
    rewritten = [p for p in patterns if fast_opening(p) != p]
    assert len(rewritten) > len(patterns) // 2
    texts = _texts()
    for pattern in rewritten:
        a = re.compile(pattern, re.IGNORECASE)
        b = re.compile(fast_opening(pattern), re.IGNORECASE)
        for text in texts:
            assert [(m.span(), m.groups()) for m in a.finditer(text)] == [
                (m.span(), m.groups()) for m in b.finditer(text)
            ], (pattern, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Twenty-five patients and 1,200 controls were enrolled.",
        "twenty\u2010five children, a hundred patients, one hundred and twenty adults",
        "We studied 31 546 patients; 12 (40%) patients improved.",
        "\u017fix patients",  # a long s: IGNORECASE reads "six"
        "SIX PATIENTS AND TEN ADULTS",
        "The tendon of 5 patients; none of 3 patients; often 7 children",
        "x-5 patients, 2.5 patients, a/4 patients, \u0661\u0662 patients",
        "Of ten\u00a0patients, seven\tchildren",
        "one",
        "",
    ],
)
def test_counts_are_found_as_the_count_pattern_finds_them(sentence: str) -> None:
    def spans(matches: object) -> list[tuple[tuple[int, int], str]]:
        return [(m.span(), m.group("number")) for m in matches]  # type: ignore[attr-defined]

    assert spans(count_matches(sentence)) == spans(COUNT.finditer(sentence))


def test_counts_in_every_devset_sentence_are_found_as_the_count_pattern_finds_them() -> None:
    for text in _texts():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            assert [m.span() for m in count_matches(sentence)] == [
                m.span() for m in COUNT.finditer(sentence)
            ]


def test_what_names_a_count_strongly_before_it_is_found_as_its_pattern_finds_it() -> None:
    from kb.tagging.sample_size import _STRONG_BEFORE, _strong_before

    windows = [
        "a total of ",
        "we included\n",
        "Two trials, ",
        "In this study of ",
        "were represent ",  # ("present" ends it)
        "\u017ftudied ",  # a long s: IGNORECASE reads "studied"
        "\u0130ncluded ",
        "patients with",
        "the mean age was",
        "",
    ]
    for text in _texts():
        windows += [text[max(0, end - 60) : end] for end in range(0, len(text), 7)]
    for window in windows:
        assert _strong_before(window) == (_STRONG_BEFORE.search(window) is not None), window


@pytest.mark.parametrize(
    ("text", "animals"),
    [
        ("Rabbits (n = 73) received intrathecal baclofen.", True),
        ("Twelve RATS and 4 sheep", True),
        ("The rate of pirates, the ratio of fewer lambdas", False),
        ("Rats and patients", False),  # people too
        ("rats2 were dosed", True),  # (a word of letters: the digit ends it)
        ("", False),
    ],
)
def test_animals_named_as_words_and_no_people_are_no_participants(text: str, animals: bool) -> None:
    from kb.tagging.sample_size import _animals_only

    assert _animals_only(text) is animals


def test_a_harm_put_down_to_another_cause_is_only_found_where_its_first_look_is() -> None:
    from kb.tagging.facets import _OTHER_CAUSE, _other_cause_in

    texts = [
        "death unrelated to the pump",
        "infection, none of them related to ITB",
        "died of progression of the underlying disease",
        "died from their advanced ALS",
        "deaths due to the natural course of their multiple sclerosis",
        "with no evidence of pump malfunction contributing",
        "without sign that the catheter failed",
        "DIED OF OTHER CAUSES OF DISEASE",
        "died of \u017fecondary progre\u017f\u017fion",  # (long s: IGNORECASE reads an s)
        "a death in the first year",
        "",
    ]
    texts += _texts()
    for text in texts:
        for start in range(0, len(text) + 1, 5):
            if _OTHER_CAUSE.pattern.match(text, start):
                assert _other_cause_in(text), text[start:]
    assert not _other_cause_in("a death in the first year")


def test_sentences_end_after_a_mark_and_the_spaces_before_a_capital_or_digit() -> None:
    from kb.tagging.textscan import sentences

    text = 'One. Two!  "Three" ok? 4 five. six. (Seven) et al. Eight vs. Nine.\nTen'
    assert [s for _, s in sentences(text)] == [
        "One.",
        "Two!",
        '"Three" ok?',
        "4 five. six.",
        "(Seven) et al. Eight vs. Nine.",
        "Ten",
    ]
    assert [start for start, _ in sentences("A b.  C d")] == [0, 6]


def test_the_relevance_patterns_tried_apart_find_what_their_alternation_finds() -> None:
    from kb.tagging.facets import _first_match
    from kb.tagging.textscan import GatedPattern, PatternGroup

    patterns = load_taxonomy().relevance.patterns
    apart = PatternGroup([(GatedPattern(p), n) for n, p in enumerate(patterns)])
    together = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    texts = [
        *_texts(),
        "Intrathecal baclofen (ITB) pump: baclofen pump refill; IT baclofen; spinal baclofen",
        "a baclofen pump and intrathecal baclofen",  # (two patterns from one place)
        "Baklofen pompa dokanałowa; pompe à baclofène; Baclofenpumpe",
        "\u0130ntrathecal baclofen; bacLOFEN PUMP",
    ]
    found = 0
    for text in texts:
        want = together.search(text)
        got = _first_match(apart, text)
        assert (got and (got.span(), got.group())) == (want and (want.span(), want.group()))
        found += want is not None
    assert found > 10


def test_the_drug_or_route_intrathecal_and_registry_label_patterns_find_as_written() -> None:
    from kb.tagging.design import _REGISTRY_LABELS
    from kb.tagging.facets import _DRUG_OR_ROUTE, _INTRATHECAL

    texts = [
        *_texts(),
        "ITB therapy; an itb-pump; ITBs; pumping; the pumps failed; Lioresal; EPIDURAL; CITB",
        "intrathecally; subarachnoid space; a neuraxial block; oral baclofen; implants",
        "\u0131ntrathecal; \u017fubarachnoid; pump\u00e9",  # (IGNORECASE folds outside ASCII)
        "Brief Summary: x. Recruitment Status: y. Primary Outcome Measures: z. Sponsor? w",
        "Lead sponsor.; STUDY TYPE : interventional; sponsors: none",
        "",
    ]
    for gated in (_DRUG_OR_ROUTE, _INTRATHECAL, _REGISTRY_LABELS):
        written = re.compile(gated.pattern.pattern, re.IGNORECASE)
        found = 0
        for text in texts:
            want = written.search(text)
            got = gated.search(text)
            assert (got and got.span()) == (want and want.span()), text
            found += want is not None
        assert found >= 2


# Run in a process of its own: kb.tagging.opening loaded first and its compile_i wrapped, so
# that every pattern any tagging module compiles (at import and in the Tagger) is recorded
_EVERY_PATTERN = """
import importlib.util, json, re, sys
from pathlib import Path

spec = importlib.util.spec_from_file_location("kb.tagging.opening", "kb/tagging/opening.py")
opening = importlib.util.module_from_spec(spec)
sys.modules["kb.tagging.opening"] = opening
spec.loader.exec_module(opening)
written = {}
compile_i = opening.compile_i

def recording(pattern, flags=0):
    written[(pattern, flags)] = None
    return compile_i(pattern, flags)

opening.compile_i = recording
from kb.tagging import Tagger, load_taxonomy

Tagger(load_taxonomy())
text = json.load(sys.stdin)
differ = []
for pattern, flags in written:
    a = re.compile(pattern, flags | re.IGNORECASE)
    b = compile_i(pattern, flags)
    if a.pattern != b.pattern and [(m.span(), m.groups()) for m in a.finditer(text)] != [
        (m.span(), m.groups()) for m in b.finditer(text)
    ]:
        differ.append(pattern)
print(json.dumps({"patterns": len(written), "differ": differ}))
"""


def test_every_pattern_the_tagger_compiles_finds_what_it_finds_as_written() -> None:
    root = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", _EVERY_PATTERN],
        input=json.dumps("\n".join(_texts())),
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["patterns"] > 500
    assert found["differ"] == []
