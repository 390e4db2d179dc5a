"""Design and sample size on real abstracts of other topics.

    python benchmarks/design_n_other_topics.py            # figures per part
    python benchmarks/design_n_other_topics.py --errors   # also the tuning part's errors

The tagger's design order and N rules (the coding manual, shared/reference/labelling.md) do
not depend on the topic. benchmarks/design_n_other_topics.toml labels, by that manual, the
design and N of real abstracts picked at random from the labelled deduplication sets in
shared/data/dedup (stroke and brain-injury rehabilitation, neuroimaging, genetics): text the
tagger was not written from, read the way a user's export is (written as RIS, read back by
itb's importer, normalized, tagged). Prints, per part (tuning, studied-check, check), design
accuracy with its confusions and N exact on the records whose label states a count; and,
on the records labelled for them, micro precision, recall and F1 of indication,
complication and outcome (the facets a part labels), ids a second labeller could give or not
(`either`) counted neither way. The check parts' errors are never listed: they stay checks.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.tag_quality import FACETS, Scores, load_real
from kb.tagging import Tagger, TagResult
from kb.tagging.taxonomy import load_taxonomy

HERE = Path(__file__).resolve().parent
LABELS = HERE / "design_n_other_topics.toml"
DEDUP = HERE.parents[1] / "shared" / "data" / "dedup"
PARTS = (
    "tuning",
    "studied-check",
    "check",
    "tuning-2",
    "check-2",
    "tuning-3",
    "check-3",
    "tuning-4",
    "check-4",
    "tuning-5",
    "check-5",
    "tuning-6",
    "check-6",
    "tuning-7",
    "check-7",
    "tuning-8",
    "check-8",
    "tuning-9",
    "check-9",
    "tuning-10",
    "check-10",
    "tuning-11",
    "check-11",
    "tuning-12",
    "check-12",
    "tuning-13",
    "check-13",
    "tuning-14",
    "check-14",
    "tuning-15",
    "check-15",
    "tuning-16",
    "check-16",
    "tuning-17",
    "check-17",
    "tuning-18",
    "check-18",
    "tuning-19",
    "check-19",
    "tuning-20",
    "check-20",
    "tuning-21",
    "check-21",
    "tuning-22",
    "check-22",
    "tuning-23",
    "check-23",
    "tuning-24",
    "check-24",
    "tuning-25",
    "check-25",
    "tuning-26",
    "check-26",
    "tuning-27",
    "check-27",
    "tuning-28",
    "check-28",
    "tuning-29",
    "check-29",
    "tuning-30",
    "check-30",
    "tuning-31",
    "check-31",
    "tuning-32",
    "check-32",
    "tuning-33",
    "check-33",
    "tuning-34",
    "check-34",
    "tuning-35",
    "check-35",
    "tuning-36",
    "check-36",
    "tuning-37",
    "studied-check-37",
    "tuning-38",
    "check-38",
    "tuning-39",
    "check-39",
    "tuning-40",
    "check-40",
    "tuning-41",
    "check-41",
    "tuning-42",
    "check-42",
    "tuning-43",
    "check-43",
    "tuning-44",
    "check-44",
    "tuning-45",
    "check-45",
    "tuning-46",
    "check-46",
    "tuning-47",
    "check-47",
    "tuning-48",
    "check-48",
    "tuning-49",
    "check-49",
    "tuning-50",
    "check-50",
    "tuning-51",
    "check-51",
    "tuning-52",
    "check-52",
    "tuning-53",
    "check-53",
)
STUDIED = (
    "tuning",
    "studied-check",
    "tuning-2",
    "tuning-3",
    "tuning-4",
    "tuning-5",
    "tuning-6",
    "tuning-7",
    "tuning-8",
    "tuning-9",
    "tuning-10",
    "tuning-11",
    "tuning-12",
    "tuning-13",
    "tuning-14",
    "tuning-15",
    "tuning-16",
    "tuning-17",
    "tuning-18",
    "tuning-19",
    "tuning-20",
    "tuning-21",
    "tuning-22",
    "tuning-23",
    "tuning-24",
    "tuning-25",
    "tuning-26",
    "tuning-27",
    "tuning-28",
    "tuning-29",
    "tuning-30",
    "tuning-31",
    "tuning-32",
    "tuning-33",
    "tuning-34",
    "tuning-35",
    "tuning-36",
    "tuning-37",
    "studied-check-37",
    "tuning-38",
    "tuning-39",
    "tuning-40",
    "tuning-41",
    "tuning-42",
    "tuning-43",
    "tuning-44",
    "tuning-45",
    "tuning-46",
    "tuning-47",
    "tuning-48",
    "tuning-49",
    "tuning-50",
    "tuning-51",
    "tuning-52",
    "tuning-53",
)


def _records(labels: list[dict[str, object]]) -> dict[tuple[str, str], dict[str, str]]:
    wanted = {(str(r["set"]), str(r["id"])) for r in labels}
    found: dict[tuple[str, str], dict[str, str]] = {}
    csv.field_size_limit(sys.maxsize)
    for name in sorted({s for s, _ in wanted}):
        with (DEDUP / name / "records.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if (name, row["id"]) in wanted:
                    found[(name, row["id"])] = row
    return found


@dataclass
class PartScore:
    """Design and N figures of one part of the labels."""

    records: int = 0
    design_right: int = 0
    size_stated: int = 0
    size_right: int = 0
    none_stated: int = 0  # labelled n = "null": no participants stated (animals, reviews)
    none_given: int = 0  # ... where the tagger gave a count all the same
    confused: Counter[tuple[str, str]] = field(default_factory=Counter)
    size_wrong: Counter[str] = field(default_factory=Counter)  # kinds of N error, counted
    errors: list[str] = field(default_factory=list)
    facets: Scores = field(default_factory=Scores)  # records labelled for their facets
    labelled: set[str] = field(default_factory=set)  # the facets labelled in the part

    @property
    def design(self) -> float:
        return self.design_right / max(self.records, 1)

    @property
    def size(self) -> float:
        return self.size_right / max(self.size_stated, 1)


def score_parts(tagger: Tagger) -> dict[str, PartScore]:
    """Return the design and N figures of every part, each record read as a RIS export."""
    labels = tomllib.loads(LABELS.read_text(encoding="utf-8"))["records"]
    rows = _records(labels)
    missing = [f"{r['set']}/{r['id']}" for r in labels if (r["set"], r["id"]) not in rows]
    if missing:
        raise SystemExit(f"records not found in {DEDUP}: {', '.join(missing)}")
    fields = ("title", "abstract", "journal", "year")
    export = [
        {"id": f"{r['set']}:{r['id']}", "labels": {}}
        | {name: rows[(r["set"], r["id"])][name] for name in fields}
        for r in labels
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "other_topics.jsonl"
        path.write_text("\n".join(json.dumps(row) for row in export), encoding="utf-8")
        read = {record.id: record for record in load_real(path)}
    parts = {part: PartScore() for part in PARTS}
    for label in labels:
        key = f"{label['set']}:{label['id']}"
        scores = parts[str(label["part"])]
        result = tagger.tag(read[key].item)
        design = str(label["design"])  # "?": a call a second labeller could make otherwise
        scores.records += design != "?"
        if design in ("?", result.design.id):
            scores.design_right += design != "?"
        else:
            scores.confused[(str(label["design"]), result.design.id)] += 1
            scores.errors.append(f"  {key} design {result.design.id} ({result.design_rule}), "
                                 f"labelled {label['design']}")  # fmt: skip
        if label["n"] == "null":
            scores.none_stated += 1
            if result.sample_size is not None:
                scores.none_given += 1
                size = result.sample_size
                scores.errors.append(f"  {key} N {size.value} ({size.evidence!r}), labelled null")
        elif label["n"] != -1:
            got = result.sample_size.value if result.sample_size else None
            scores.size_stated += 1
            if got == label["n"]:
                scores.size_right += 1
            else:
                scores.size_wrong[_size_error(got, int(label["n"]))] += 1  # type: ignore[call-overload]
                evidence = result.sample_size.evidence if result.sample_size else ""
                scores.errors.append(f"  {key} N {got} ({evidence!r}), labelled {label['n']}")
        _score_facets(key, label, result, scores)
    return parts


def _size_error(got: int | None, wanted: int) -> str:
    """Return the kind of a wrong N: none given, smaller or larger than the label."""
    if got is None:
        return "none given"
    return "smaller" if got < wanted else "larger"


def _score_facets(key: str, label: dict[str, object], result: TagResult, scores: PartScore) -> None:
    either = set(label.get("either", []))  # type: ignore[call-overload]
    if any(facet in label for facet in FACETS):
        scores.facets.records += 1
    for facet in FACETS:
        if facet not in label:
            continue
        scores.labelled.add(facet)
        got = set(result.ids(facet)) - either
        wanted = set(label[facet]) - either  # type: ignore[call-overload]
        scores.facets.tp[facet] += len(got & wanted)
        scores.facets.fp[facet] += len(got - wanted)
        scores.facets.fn[facet] += len(wanted - got)
        for extra in sorted(got - wanted):
            why = next((m for m in result.mentions if m.facet == facet and m.id == extra
                        and m.qualifier is None), None)  # fmt: skip
            scores.errors.append(f"  {key} {facet}: extra {extra}"
                                 + (f" ({why.field}: {why.text!r})" if why else ""))  # fmt: skip
        for missing in sorted(wanted - got):
            scores.errors.append(f"  {key} {facet}: missed {missing}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the tuning part's errors")
    args = parser.parse_args()
    if not DEDUP.is_dir():
        print(f"{DEDUP} is not here: nothing to score")
        return 0
    parts = score_parts(Tagger(load_taxonomy()))
    print(f"design and N on real abstracts of other topics ({LABELS.name})")
    for part, scores in parts.items():
        if scores.records or scores.size_stated or scores.none_stated:
            print(
                f"{part:14} {scores.records:3} records: design {scores.design:.3f}, "
                f"N exact {scores.size:.3f} on {scores.size_stated} stating one"
                + (f"; N given on {scores.none_given} of {scores.none_stated} stating none"
                   if scores.none_stated else "")
            )  # fmt: skip
        else:
            print(f"{part:14} design and N not labelled")
        if scores.size_wrong:
            shown = ", ".join(f"{kind} {n}" for kind, n in scores.size_wrong.most_common())
            print(f"{'':14} N wrong where one is stated: {shown}")
        if scores.confused:
            shown = ", ".join(f"{a}->{b} {n}" for (a, b), n in scores.confused.most_common())
            print(f"{'':14} design confusions (label->tagger): {shown}")
        if scores.facets.records:
            named = ", ".join(sorted(scores.labelled))
            print(f"{'':14} {scores.facets.records} labelled for {named} (true, extra and"
                  " missed ids; micro precision, recall, F1):")  # fmt: skip
            for facet in (f for f in FACETS if f in scores.labelled):
                p, r, f = scores.facets.f1(facet)
                counts = scores.facets.tp[facet], scores.facets.fp[facet], scores.facets.fn[facet]
                print(f"{'':16}{facet:13} {counts[0]:3} / {counts[1]:3} / {counts[2]:3}"
                      f"   P {p:.3f} R {r:.3f} F1 {f:.3f}")  # fmt: skip
        if args.errors and part in STUDIED:
            print("\n".join(scores.errors))
    for name, chosen in (
        ("studied parts", [s for p, s in parts.items() if p in STUDIED]),
        ("check parts, never studied", [s for p, s in parts.items() if p not in STUDIED]),
    ):
        total = summed(chosen)
        confused = sum(total.confused.values())
        kinds = ", ".join(f"{kind} {n}" for kind, n in total.size_wrong.most_common())
        print(
            f"all {name}: design {total.design_right}/{total.records} ({total.design:.3f}; "
            f"{confused} confused), N exact {total.size_right}/{total.size_stated} "
            f"({total.size:.3f}; wrong: {kinds or 'none'}), N given on {total.none_given} of "
            f"{total.none_stated} stating none"
        )
    return 0


def summed(parts: list[PartScore]) -> PartScore:
    """Return the design and N figures of PARTS taken together."""
    total = PartScore()
    for part in parts:
        total.records += part.records
        total.design_right += part.design_right
        total.size_stated += part.size_stated
        total.size_right += part.size_right
        total.none_stated += part.none_stated
        total.none_given += part.none_given
        total.confused += part.confused
        total.size_wrong += part.size_wrong
    return total


if __name__ == "__main__":
    raise SystemExit(main())
