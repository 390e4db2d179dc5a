"""Tagger quality on labelled sets, and tagging speed.

    python benchmarks/tag_quality.py                       # made-up sets + the real set
    python benchmarks/tag_quality.py --errors              # also list every disagreement
    python benchmarks/tag_quality.py FILE.toml|FILE.jsonl  # another labelled set
    python benchmarks/tag_quality.py --speed 20000         # records/s of the tagger alone

Prints, for each set, per-facet micro precision, recall and F1 (indication, complication,
outcome), design accuracy with a confusion table, sample-size exactness (on the records
whose label states one) with the list of N errors, and relevance accuracy. Targets on real
records not tuned on (issue 14): micro-F1 indication >= 0.90, complication >= 0.85,
outcome >= 0.85; design accuracy >= 0.85; N exact >= 0.85; relevance >= 0.97.

The real set (shared/data/tagging/real_devset.jsonl, labelled by the coding manual
shared/reference/labelling.md) is read the way a user's records arrive: each record is
written as RIS (title, authors, year, journal, abstract, the authors' keywords where a
record lists them, DOI, PMID, URL), read back by itb's RIS importer, normalized and tagged.
It is scored in two parts: the tuning part, and the check part fixed by id in
benchmarks/tag_check_ids.txt (a third of each design), which is scored but never studied.

A labelled TOML file: [[record]] with id, title, abstract (a list of [label, category,
text]), publication_types, mesh ("UI Name"), keywords, kind, an optional [record.registry]
table (conditions, condition_mesh, interventions, outcomes, adverse_events, summary,
study_type, allocation, intervention_model, observational_model, enrollment,
enrollment_type), and the labels indication, complication, outcome (lists of ids), design,
sample_size (a number or "null") and relevant, on the record or in [record.labels].
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.tagging import Registry, Section, Tagger, TagInput, TagResult
from kb.tagging.taxonomy import MeshTerm, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "data" / "tagging" / "devset.toml"
PROBE = Path(__file__).resolve().parent / "tag_probe_itb.toml"
REAL = ROOT.parent / "shared" / "data" / "tagging" / "real_devset.jsonl"
CHECK_IDS = Path(__file__).resolve().parent / "tag_check_ids.txt"
DESIGNS = ("rct", "controlled_trial", "cohort", "case_series", "case_report",
           "systematic_review", "review", "guideline", "trial_registration", "other")  # fmt: skip
FACETS = ("indication", "complication", "outcome")


@dataclass
class Labelled:
    """One labelled record: what the tagger reads and what a person decided."""

    id: str
    item: TagInput
    labels: dict[str, Any]


@dataclass
class Scores:
    """Counts behind the quality figures."""

    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACETS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACETS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACETS, 0))
    design_right: int = 0
    records: int = 0
    size_stated: int = 0
    size_right: int = 0
    size_invented: int = 0
    relevance_right: int = 0
    errors: list[str] = field(default_factory=list)

    def f1(self, facet: str) -> tuple[float, float, float]:
        """Return micro precision, recall and F1 of FACET."""
        tp, fp, fn = self.tp[facet], self.fp[facet], self.fn[facet]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def design_accuracy(self) -> float:
        """Return the share of records whose design is right."""
        return self.design_right / self.records if self.records else 1.0

    @property
    def size_accuracy(self) -> float:
        """Return the share of records stating a sample size where it is exact."""
        return self.size_right / self.size_stated if self.size_stated else 1.0


def load_labelled(path: Path) -> list[Labelled]:
    """Return the records of a labelled TOML file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = []
    for record in data.get("record", []):
        registry = record.get("registry")
        item = TagInput(
            title=record.get("title", ""),
            abstract=tuple(
                Section(a[0] or None, a[1] or None, a[2]) for a in record.get("abstract", [])
            ),
            mesh=tuple(_mesh(m) for m in record.get("mesh", [])),
            publication_types=tuple(record.get("publication_types", [])),
            keywords=tuple(record.get("keywords", [])),
            registry=_registry(registry) if registry else None,
            kind=record.get("kind", "article"),
        )
        found.append(Labelled(record["id"], item, record.get("labels", record)))
    return found


def check_ids() -> set[str]:
    """Return the ids of the real set's check part (fixed in benchmarks/tag_check_ids.txt)."""
    lines = CHECK_IDS.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def ris_of(record: dict[str, Any]) -> str:
    """Return a real set's record as a RIS export would hold it."""
    lines = ["TY  - JOUR", f"ID  - {record['id']}"]
    if record.get("pmid"):
        lines += ["DB  - PubMed", f"AN  - {record['pmid']}"]
    lines.append(f"TI  - {record.get('title') or ''}")
    for name in (record.get("authors") or "").split(";"):
        if name.strip():
            lines.append(f"AU  - {name.strip()}")
    if record.get("year"):
        lines.append(f"PY  - {record['year']}")
    if record.get("journal"):
        lines.append(f"JO  - {record['journal']}")
    if record.get("abstract"):
        lines.append(f"AB  - {' '.join(record['abstract'].split())}")
    # the authors' keywords where a record lists them, as a reference manager's KW lines
    lines += [f"KW  - {keyword}" for keyword in record.get("keywords") or []]
    if record.get("doi"):
        lines.append(f"DO  - {record['doi']}")
    if record.get("source_url"):
        lines.append(f"UR  - {record['source_url']}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def load_real(path: Path) -> list[Labelled]:
    """Return the records of a labelled JSONL file (the real set's layout), each read back
    through itb's RIS importer and normalizer as a user's export would be."""
    import json
    import tempfile

    from harvester.file_formats import read_records
    from harvester.files import decode_file
    from harvester.records import RawRecord
    from kb.dedup.records import normalize
    from kb.tagging import tag_input

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "real.ris"
        export.write_text("\n".join(ris_of(row) for row in rows), encoding="utf-8")
        items = read_records(decode_file(export), "ris", "real set")
        read = [item for item in items if isinstance(item, RawRecord)]
    assert len(read) == len(rows), f"{len(rows) - len(read)} records of {path} not read"
    found = []
    for row, item in zip(rows, read, strict=True):
        record = normalize(row["id"], item.fields)
        labels = dict(row["labels"])
        labels["sample_size"] = "null" if labels.get("n") is None else labels["n"]
        labels["relevant"] = row.get("on_topic", True)
        found.append(Labelled(row["id"], tag_input(record.title, record.kind, [item.fields]),
                              labels))  # fmt: skip
    return found


def _mesh(text: str) -> MeshTerm:
    ui, _, name = text.partition(" ")
    return MeshTerm(ui, name)


def _registry(data: dict[str, Any]) -> Registry:
    return Registry(
        conditions=tuple(data.get("conditions", [])),
        condition_mesh=tuple(_mesh(m) for m in data.get("condition_mesh", [])),
        keywords=tuple(data.get("keywords", [])),
        interventions=tuple(data.get("interventions", [])),
        outcomes=tuple(data.get("outcomes", [])),
        adverse_events=tuple(data.get("adverse_events", [])),
        summary=data.get("summary", ""),
        study_type=data.get("study_type"),
        allocation=data.get("allocation"),
        intervention_model=data.get("intervention_model"),
        observational_model=data.get("observational_model"),
        enrollment=data.get("enrollment"),
        enrollment_type=data.get("enrollment_type"),
    )


def score(records: list[Labelled], tagger: Tagger) -> Scores:
    """Tag every record and count agreements with its labels."""
    scores = Scores()
    for record in records:
        result: TagResult = tagger.tag(record.item)
        labels = record.labels
        scores.records += 1
        for facet in FACETS:
            got, wanted = set(result.ids(facet)), set(labels.get(facet, []))
            scores.tp[facet] += len(got & wanted)
            scores.fp[facet] += len(got - wanted)
            scores.fn[facet] += len(wanted - got)
            for extra in sorted(got - wanted):
                why = next(
                    (
                        m
                        for m in result.mentions
                        if m.facet == facet and m.id == extra and m.qualifier is None
                    ),
                    None,
                )
                scores.errors.append(
                    f"{record.id} {facet}: extra {extra} ({why.field}: {why.text!r})"
                    if why
                    else f"{record.id} {facet}: extra {extra}"
                )
            for missing in sorted(wanted - got):
                scores.errors.append(f"{record.id} {facet}: missed {missing}")
        if result.design.id == labels.get("design"):
            scores.design_right += 1
        else:
            scores.errors.append(
                f"{record.id} design: {result.design.id} ({result.design.field}: "
                f"{result.design.text!r}), labelled {labels.get('design')}"
            )
        wanted_size = labels.get("sample_size", "null")
        got_size = result.sample_size.value if result.sample_size else None
        scored = wanted_size != -1  # -1: a call a second labeller could make otherwise
        if scored and wanted_size != "null":
            scores.size_stated += 1
            scores.size_right += got_size == wanted_size
        elif scored and got_size is not None:
            scores.size_invented += 1
        if scored and got_size != (None if wanted_size == "null" else wanted_size):
            evidence = result.sample_size.evidence if result.sample_size else ""
            scores.errors.append(
                f"{record.id} sample size: {got_size} ({evidence!r}), labelled {wanted_size}"
            )
        if result.relevant == labels.get("relevant", True):
            scores.relevance_right += 1
        else:
            scores.errors.append(f"{record.id} relevant: {result.relevant}")
    return scores


def confusion(records: list[Labelled], tagger: Tagger) -> str:
    """Return the design confusion table: rows the label, columns the tagger's design."""
    counts: dict[tuple[str, str], int] = {}
    for record in records:
        got = tagger.tag(record.item).design.id
        key = (str(record.labels.get("design")), got)
        counts[key] = counts.get(key, 0) + 1
    shown = [d for d in DESIGNS if any(d in key for key in counts)]
    short = {d: d.replace("trial_registration", "registr").replace("systematic_review",
             "sys_rev").replace("controlled_trial", "ctrl")[:8] for d in shown}  # fmt: skip
    lines = ["design (rows: label, columns: tagger)",
             " " * 10 + "".join(f"{short[d]:>9}" for d in shown)]  # fmt: skip
    for wanted in shown:
        cells = "".join(f"{counts.get((wanted, got), 0) or '.':>9}" for got in shown)
        lines.append(f"{short[wanted]:<10}{cells}")
    return "\n".join(lines)


def report(scores: Scores) -> str:
    """Return the quality table, each figure beside issue 14's target."""
    lines = [f"{'facet':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'target':>8}"]
    for facet, target in zip(FACETS, (0.90, 0.85, 0.85), strict=True):
        p, r, f = scores.f1(facet)
        lines.append(f"{facet:<14}{p:>10.3f}{r:>8.3f}{f:>7.3f}{target:>8.2f}")
    lines.append(
        f"design accuracy {scores.design_accuracy:.3f} (target 0.85) on {scores.records} records"
    )
    lines.append(
        f"sample size exact {scores.size_accuracy:.3f} (target 0.85) on {scores.size_stated} "
        f"records stating one; {scores.size_invented} given where none is stated"
    )
    relevance = scores.relevance_right / max(scores.records, 1)
    lines.append(f"relevance accuracy {relevance:.3f} (target 0.97)")
    return "\n".join(lines)


def speed(count: int, tagger: Tagger, records: list[Labelled]) -> str:
    """Return the tagger's throughput on COUNT records cycled from the labelled set."""
    items = [records[i % len(records)].item for i in range(count)]
    started = time.perf_counter()
    for item in items:
        tagger.tag(item)
    seconds = time.perf_counter() - started
    return f"tagged {count:,} records in {seconds:.2f} s: {count / seconds:,.0f} records/s"


def _show(
    name: str, records: list[Labelled], tagger: Tagger, errors: bool, records_shown: bool = True
) -> None:
    """Print a set's figures; with RECORDS_SHOWN False (the check part) no record is named."""
    scores = score(records, tagger)
    print(f"\n{name}: {len(records)} labelled records")
    print(report(scores))
    print(confusion(records, tagger))
    wrong_n = [e for e in scores.errors if " sample size: " in e]
    listed = "".join(f"\n  {e}" for e in wrong_n) if records_shown else " (not listed)"
    print(f"N errors ({len(wrong_n)}):" + listed)
    if errors:
        print("all disagreements:" + "".join(f"\n  {e}" for e in scores.errors))


def _show_parts(
    name: str, records: list[Labelled], tagger: Tagger, errors: bool, tune_only: bool
) -> None:
    """Print a set whose records carry a `part` ("tuning...", "check...") part by part, a
    check part with no record named; a set with no parts as one."""
    parts: dict[str, list[Labelled]] = {}
    for record in records:
        parts.setdefault(str(record.labels.get("part", "")), []).append(record)
    if set(parts) <= {""}:
        _show(name, records, tagger, errors)
        return
    for part, members in parts.items():
        if part.startswith("check"):
            if not tune_only:
                _show(f"{name}, {part} part (never tuned on)", members, tagger, False, False)
        else:
            _show(f"{name}, {part or 'no'} part", members, tagger, errors)


def _hold_check_part(records: list[Labelled]) -> None:
    """Mark the real set's check part (benchmarks/tag_check_ids.txt) in RECORDS given as a
    file, so that the real set named on the command line is split as when read by default:
    its check part's records never named, with --tune-only not scored."""
    held = check_ids()
    if not any(record.id in held for record in records):
        return
    for record in records:
        if not record.labels.get("part"):
            record.labels["part"] = "check" if record.id in held else "tuning"


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="one labelled set (TOML or JSONL)")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--speed", type=int, default=0, help="also time COUNT records")
    parser.add_argument("--tune-only", action="store_true",
                        help="the real set's tuning part only (while changing rules)")  # fmt: skip
    args = parser.parse_args()
    tagger = Tagger(load_taxonomy())
    if args.file is not None:
        load = load_real if args.file.suffix == ".jsonl" else load_labelled
        records = load(args.file)
        _hold_check_part(records)
        _show_parts(args.file.name, records, tagger, args.errors, args.tune_only)
    else:
        records = load_labelled(DEVSET)
        _show(f"{DEVSET.name} (made up)", records, tagger, args.errors)
        _show_parts(f"{PROBE.name} (made up, blind)", load_labelled(PROBE), tagger,
                    args.errors, args.tune_only)  # fmt: skip
        if REAL.is_file():
            real = load_real(REAL)
            held = check_ids()
            _show(f"{REAL.name}, tuning part", [r for r in real if r.id not in held], tagger,
                  args.errors)  # fmt: skip
            if not args.tune_only:
                _show(f"{REAL.name}, check part (never tuned on)",
                      [r for r in real if r.id in held], tagger, False, False)  # fmt: skip
        else:
            print(f"\n{REAL} is not here: the real set is skipped")
    if args.speed:
        print(speed(args.speed, tagger, records))


if __name__ == "__main__":
    main()
