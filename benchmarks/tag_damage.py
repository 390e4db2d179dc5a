"""The tagger on damaged text: does an export's damage change what a record is tagged?

    python benchmarks/tag_damage.py                 # the real set's tuning part + 300 others
    python benchmarks/tag_damage.py FILE.jsonl      # records of the real set's layout
    python benchmarks/tag_damage.py --list          # also each record tagged otherwise

Each record is tagged as written (the anchor) and again after one kind of damage that
exports, publishers' XML and databases do to text: typeset hyphens and quotes, thin and
non-breaking spaces, sentences run together ("assessed.Results: ..."), an "Abstract" heading,
labels without a space after the colon, a copyright line at the end, a title in capitals,
British spelling, HTML markup and entities, a structured abstract's labels dropped, words
broken at line ends. Every record goes the way a user's export goes (written as RIS, read
back by itb's importer, normalized, tagged). Printed per
damage: the records whose tags (indication, complication, outcome), design, N or relevance
differ from the anchor's. The first kinds should change nothing; the last two change what
can be known (a label says which part is background; a broken word is no word).

Records: the real set's tuning part (shared/data/tagging; its check part is never read
here) and 300 abstracts drawn at random (seed 11) from the labelled deduplication sets of
shared/data/dedup, real text of five other topics.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.tag_quality import REAL, check_ids, load_real
from kb.tagging import Tagger, TagResult
from kb.tagging.taxonomy import load_taxonomy

DEDUP = Path(__file__).resolve().parents[2] / "shared" / "data" / "dedup"
SETS = ("stroke", "neuroimaging", "cardiac", "respiratory", "digital_work")

_BRITISH = {
    "pediatric": "paediatric", "Pediatric": "Paediatric", "hemorrhage": "haemorrhage",
    "edema": "oedema", "anesthesia": "anaesthesia", "randomized": "randomised",
    "Randomized": "Randomised", "randomization": "randomisation", "behavior": "behaviour",
    "tumor": "tumour", "center": "centre", "centers": "centres", "analyzed": "analysed",
    "diarrhea": "diarrhoea", "orthopedic": "orthopaedic", "hospitalization": "hospitalisation",
    "hospitalized": "hospitalised", "characterized": "characterised", "utilized": "utilised",
    "labeled": "labelled", "ischemic": "ischaemic", "hematoma": "haematoma",
    "generalized": "generalised", "Generalized": "Generalised", "localized": "localised",
}  # fmt: skip
_ITALIC = re.compile(r"\b(baclofen|patients)\b")
_BRITISH_WORD = re.compile(r"\b(" + "|".join(map(re.escape, _BRITISH)) + r")\b")


_SECTION_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[.!?] ))(?!(?:Publication types?|MeSH terms|Keywords|Substances|Grant support)"
    r":)(?:[A-Z][A-Za-z]+(?: [a-z]+){0,2}|[A-Z]{3,}(?: [A-Z]{2,}){0,2}): ?"
)


def _label_dropped(text: str) -> str:
    # (a section's label, not the index lines a pasted page has after the abstract)
    return _SECTION_LABEL.sub("", text)


def _broken_words(text: str) -> str:
    words, column = text.split(" "), 0
    for number, word in enumerate(words):
        if column > 60 and len(word) > 7 and word.isalpha():
            words[number], column = f"{word[:4]}- {word[4:]}", 0
        else:
            column += len(word) + 1
    return " ".join(words)


# name -> (where: "title", "abstract" or "both", the damage)
DAMAGES: dict[str, tuple[str, Callable[[str], str]]] = {
    "typeset hyphens (U+2010)": ("both", lambda t: t.replace("-", "\u2010")),
    "typeset quotes": ("both", lambda t: t.replace("'", "\u2019").replace('"', "\u201c")),
    "thin and non-breaking spaces": (
        "both",
        lambda t: re.sub(r"(?<=\d) (?=[a-zA-Z%])", "\u00a0", re.sub(r" = ", "\u2009=\u2009", t)),
    ),
    "sentences run together": ("abstract", lambda t: re.sub(r"(?<=[a-z)])\. (?=[A-Z])", ".", t)),
    "an 'Abstract' heading at the start": ("abstract", lambda t: f"ABSTRACT: {t}"),
    "labels without a space ('Methods:We')": (
        "abstract",
        lambda t: re.sub(r"(?:(?<=^)|(?<=[.!?] ))([A-Z][A-Za-z]+(?: [a-zA-Z]+){0,2}): ", r"\1:", t),
    ),
    "a copyright line at the end": (
        "abstract",
        lambda t: f"{t} \u00a9 2021 Elsevier Inc. All rights reserved.",
    ),
    "title in capitals": ("title", str.upper),
    "British spelling": ("both", lambda t: _BRITISH_WORD.sub(lambda m: _BRITISH[m[1]], t)),
    "HTML markup and entities": (
        "abstract",
        lambda t: _ITALIC.sub(r"<i>\1</i>", t.replace("&", "&amp;"), count=4),
    ),
    "labels dropped (changes what is known)": ("abstract", _label_dropped),
    "words broken at line ends (changes what is known)": ("abstract", _broken_words),
}


def records(path: Path | None) -> list[dict[str, Any]]:
    """Return the records to damage: PATH's, or the real set's tuning part and 300 others."""
    if path is not None:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    checks = check_ids()
    rows = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line]
    found = [row for row in rows if row["id"] not in checks]
    csv.field_size_limit(sys.maxsize)
    others = []
    for name in SETS:
        with (DEDUP / name / "records.csv").open(encoding="utf-8", newline="") as handle:
            others += [
                {
                    "id": f"{name}:{r['id']}",
                    "labels": {},
                    **{k: r[k] for k in ("title", "abstract", "journal", "year")},
                }  # fmt: skip
                for r in csv.DictReader(handle)
                if len(r.get("abstract") or "") > 300
            ]
    return found + random.Random(11).sample(others, 300)


def tagged(rows: list[dict[str, Any]], tagger: Tagger) -> dict[str, tuple[object, ...]]:
    """Return id -> (tags, design, N, relevance) of ROWS read back as an export."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
        return {item.id: _summary(tagger.tag(item.item)) for item in load_real(path)}


def _summary(result: TagResult) -> tuple[object, ...]:
    tags = frozenset((m.facet, m.id) for m in result.mentions if m.qualifier is None)
    size = result.sample_size.value if result.sample_size else None
    return tags, result.design.id, size, result.relevant


def damaged(rows: list[dict[str, Any]], where: str, damage: Callable[[str], str]) -> list[Any]:
    """Return ROWS with DAMAGE done to their titles, abstracts or both."""
    out = []
    for row in rows:
        row = dict(row)
        for name in ("title", "abstract"):
            if row.get(name) and where in (name, "both"):
                row[name] = damage(row[name])
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--list", action="store_true", help="list each record tagged otherwise")
    args = parser.parse_args()
    tagger = Tagger(load_taxonomy())
    rows = records(args.file)
    anchor = tagged(rows, tagger)
    print(f"{len(rows)} records, each tagged as written (the anchor) and after each damage")
    print(f"{'damage':<52} {'otherwise':>9} {'tags':>5} {'design':>6} {'N':>4} {'rel':>4}")
    for name, (where, damage) in DAMAGES.items():
        after = tagged(damaged(rows, where, damage), tagger)
        changed = {key: (anchor[key], after[key]) for key in anchor if after[key] != anchor[key]}
        counts = [sum(1 for a, b in changed.values() if a[i] != b[i]) for i in range(4)]
        print(f"{name:<52} {len(changed):>9} " + " ".join(
            f"{c:>{w}}" for c, w in zip(counts, (5, 6, 4, 4), strict=True)))  # fmt: skip
        if args.list:
            for key, (before, now) in changed.items():
                lost, gained = sorted(before[0] - now[0]), sorted(now[0] - before[0])
                print(f"    {key}: design {before[1]} -> {now[1]}, N {before[2]} -> {now[2]}, "
                      f"lost {lost}, gained {gained}")  # fmt: skip


if __name__ == "__main__":
    main()
