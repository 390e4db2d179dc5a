"""Deduplication on damaged records: does an export's damage split or join duplicates?

    python benchmarks/dedup_damage.py                      # the stroke and respiratory sets
    python benchmarks/dedup_damage.py --set cardiac --set neuroimaging
    python benchmarks/dedup_damage.py --set cardiac --damage "British spelling"

For each labelled set of shared/data/dedup, the set is deduplicated as it is (the anchor),
then again after one kind of damage is done to a random half of its records (seed 3), as
one database or export does it and another does not: typeset hyphens, HTML markup or
entities and capitals in the title, a title's full stop added or taken away, a title in the
brackets of a translation, a subtitle's colon as a dash, a copyright line or an "Abstract"
heading in the abstract, no abstract, sentences run together, the year a year later (online
first, then in an issue), page ranges written short ("301-6"), authors as MEDLINE writes
them ("Motta F"), accents dropped, the journal abbreviated, authors' first initials only, no
volume, issue or pages, the title cut at 100 characters, Greek letters spelled out, British
spelling, a language tag ("[Chinese]") dropped, the subtitle dropped, no authors, three
authors and "et al.", no year, no journal. Printed per damage: pairwise precision,
recall and F1 (shared/tools/dedup_score.py) and the change in F1 from the anchor's.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dedup_sets import SETS, load_scorer

Row = dict[str, str]
_LONG_WORD = re.compile(r"\b(\w{6,})\b")


def _title(change: Callable[[str], str]) -> Callable[[Row], Row]:
    return lambda row: {**row, "title": change(row["title"])}


def _abstract(change: Callable[[str], str]) -> Callable[[Row], Row]:
    # (a set without abstracts is left as it is)
    return lambda row: {**row, "abstract": change(row["abstract"])} if row.get("abstract") else row


def _short_pages(row: Row) -> Row:
    found = re.fullmatch(r"(\d+)-(\d+)", row["pages"])
    if not found or len(found[1]) != len(found[2]):
        return row
    first, last = found[1], found[2]
    same = 0
    while same < len(first) - 1 and first[same] == last[same]:
        same += 1
    return {**row, "pages": f"{first}-{last[same:]}"}


def _medline_authors(row: Row) -> Row:
    names = []
    for name in row["authors"].split(" and "):
        family, _, given = name.partition(",")
        names.append(f"{family.strip()} {''.join(c for c in given if c.isupper())}".strip())
    return {**row, "authors": " and ".join(names)}


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _abbreviated(journal: str) -> str:
    # an index's abbreviation, roughly as ISO 4 makes them: "Developmental Medicine and Child
    # Neurology" -> "Dev Med Child Neur"
    words = []
    for word in journal.split():
        if word.lower() in ("of", "and", "the", "&", "for", "in", "on"):
            continue
        cut = next((i for i in range(3, len(word)) if word[i].lower() in "aeiouy"), len(word))
        words.append(word if len(word) <= 6 else word[:cut])
    return " ".join(words)


def _initials_only(row: Row) -> Row:
    names = []
    for name in row["authors"].split(" and "):
        family, comma, given = name.partition(",")
        names.append(f"{family}, {given.split()[0]}" if comma and given.split() else name)
    return {**row, "authors": " and ".join(names)}


_BRITISH = (
    ("ization", "isation"), ("ized", "ised"), ("izing", "ising"), ("tumor", "tumour"),
    ("behavior", "behaviour"), ("color", "colour"), ("center", "centre"), ("anemia", "anaemia"),
    ("edema", "oedema"), ("pediatric", "paediatric"), ("hemorrhage", "haemorrhage"),
    ("ischemi", "ischaemi"), ("esophag", "oesophag"),
)  # fmt: skip
_GREEK = (("\u03b1", "alpha"), ("\u03b2", "beta"), ("\u03b3", "gamma"), ("\u03b4", "delta"),
          ("\u03ba", "kappa"), ("\u03bc", "mu"))  # fmt: skip


def _replacing(pairs: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    def change(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    return change


def _later(row: Row) -> Row:
    return {**row, "year": str(int(row["year"]) + 1)} if row["year"].isdigit() else row


DAMAGES: dict[str, Callable[[Row], Row]] = {
    "typeset hyphens in the title": _title(lambda t: t.replace("-", "\u2010")),
    "HTML markup in the title": _title(lambda t: _LONG_WORD.sub(r"<i>\1</i>", t, count=1)),
    "HTML entities in the title": _title(lambda t: t.replace(" and ", " &amp; ")),
    "title in capitals": _title(str.upper),
    "title's full stop added or taken": _title(
        lambda t: t.rstrip(".") if t.endswith(".") else f"{t}."
    ),
    "title in a translation's brackets": _title(lambda t: f"[{t.rstrip('.')}]"),
    "subtitle after a dash": _title(lambda t: t.replace(": ", " - ")),
    "a copyright line in the abstract": _abstract(
        lambda t: f"{t} \u00a9 2020 Elsevier Ltd. All rights reserved."
    ),
    "an 'Abstract' heading": _abstract(lambda t: f"Abstract {t}"),
    "sentences run together": _abstract(lambda t: re.sub(r"(?<=[a-z)])\. (?=[A-Z])", ".", t)),
    "no abstract": lambda row: {**row, "abstract": ""} if "abstract" in row else row,
    "the year a year later": _later,
    "page ranges written short": _short_pages,
    "authors as MEDLINE writes them": _medline_authors,
    "accents dropped": lambda row: {
        **row,
        "title": _unaccented(row["title"]),
        "authors": _unaccented(row["authors"]),
    },
    "journal abbreviated": lambda row: {**row, "journal": _abbreviated(row["journal"])},
    "first initial only": _initials_only,
    "no volume, issue or pages": lambda row: {**row, "volume": "", "issue": "", "pages": ""},
    "title cut at 100 characters": _title(lambda t: t[:100]),
    "Greek letters spelled out": _title(_replacing(_GREEK)),
    "British spelling": _title(_replacing(_BRITISH)),
    "a language tag dropped": _title(lambda t: re.sub(r"\s*\[[A-Z][a-z]+\]\.?$", "", t)),
    "subtitle dropped": _title(lambda t: t.split(": ")[0] if ": " in t else t),
    "no authors": lambda row: {**row, "authors": ""},
    "three authors and et al.": lambda row: {
        **row,
        "authors": " and ".join(row["authors"].split(" and ")[:3] + ["et al."])
        if row["authors"].count(" and ") > 2
        else row["authors"],
    },
    "no year": lambda row: {**row, "year": ""},
    "no journal": lambda row: {**row, "journal": ""},
}


def scores(name: str, damage: Callable[[Row], Row] | None) -> dict[str, float]:
    """Deduplicate set NAME, DAMAGE done to a random half of its records; return its scores."""
    from harvester.file_formats import read_records
    from harvester.files import decode_file, detect_format
    from harvester.records import RawRecord
    from kb.dedup import find_duplicates
    from kb.dedup.records import normalize

    csv.field_size_limit(sys.maxsize)
    with (SETS / name / "records.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if damage is not None:
        draw = random.Random(3)
        rows = [damage(row) if draw.random() < 0.5 else row for row in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        decoded = decode_file(path)
        items = list(read_records(decoded, detect_format(decoded.head, decoded.path), name))
    records = [normalize(i.source_key, i.fields) for i in items if isinstance(i, RawRecord)]
    group_of = find_duplicates(records).group_of()
    with (SETS / name / "truth.csv").open(newline="") as handle:
        truth = {row["id"]: row["group"] for row in csv.DictReader(handle)}
    predicted = {i: f"g{group_of[i]}" if i in group_of else i for i in truth}
    found: dict[str, float] = load_scorer().pairwise_scores(list(truth), truth, predicted)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", action="append", dest="sets", help="a set of shared/data/dedup")
    parser.add_argument(
        "--damage", action="append", dest="damages", choices=list(DAMAGES),
        help="one kind of damage (all when not given)", metavar="NAME",
    )  # fmt: skip
    args = parser.parse_args()
    for name in args.sets or ["stroke", "respiratory"]:
        anchor = scores(name, None)
        print(f"{name}: as it is (the anchor) precision {anchor['precision']:.4f}, "
              f"recall {anchor['recall']:.4f}, F1 {anchor['f1']:.4f}")  # fmt: skip
        print(f"  {'a random half of its records with':<36} precision  recall      F1  change")
        for label, damage in DAMAGES.items():
            if args.damages and label not in args.damages:
                continue
            found = scores(name, damage)
            print(f"  {label:<36} {found['precision']:9.4f} {found['recall']:7.4f} "
                  f"{found['f1']:7.4f} {found['f1'] - anchor['f1']:+7.4f}")  # fmt: skip


if __name__ == "__main__":
    main()
