"""Tagger quality on a labelled set, and tagging speed.

    python benchmarks/tag_quality.py                       # the development set
    python benchmarks/tag_quality.py FILE.toml --errors    # another labelled set; list misses
    python benchmarks/tag_quality.py --speed 20000         # records/s of the tagger alone

Prints per-facet micro precision, recall and F1 (indication, complication, outcome),
design accuracy, sample-size exactness (on the records whose label states one) and
relevance accuracy. Targets on unseen records: F1 >= 0.85 indication, >= 0.80 complication
and outcome; design accuracy >= 0.85; sample size exact on >= 80%.

A labelled file is TOML: [[record]] with id, title, abstract (a list of [label, category,
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

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "data" / "tagging" / "devset.toml"
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
        if wanted_size != "null":
            scores.size_stated += 1
            scores.size_right += got_size == wanted_size
        elif got_size is not None:
            scores.size_invented += 1
        if got_size != (None if wanted_size == "null" else wanted_size):
            evidence = result.sample_size.evidence if result.sample_size else ""
            scores.errors.append(
                f"{record.id} sample size: {got_size} ({evidence!r}), labelled {wanted_size}"
            )
        if result.relevant == labels.get("relevant", True):
            scores.relevance_right += 1
        else:
            scores.errors.append(f"{record.id} relevant: {result.relevant}")
    return scores


def report(scores: Scores) -> str:
    """Return the quality table."""
    lines = [f"{'facet':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'target':>8}"]
    for facet, target in zip(FACETS, (0.85, 0.80, 0.80), strict=True):
        p, r, f = scores.f1(facet)
        lines.append(f"{facet:<14}{p:>10.3f}{r:>8.3f}{f:>7.3f}{target:>8.2f}")
    lines.append(
        f"design accuracy {scores.design_accuracy:.3f} (target 0.85) on {scores.records} records"
    )
    lines.append(
        f"sample size exact {scores.size_accuracy:.3f} (target 0.80) on {scores.size_stated} "
        f"records stating one; {scores.size_invented} given where none is stated"
    )
    lines.append(f"relevance accuracy {scores.relevance_right / max(scores.records, 1):.3f}")
    return "\n".join(lines)


def speed(count: int, tagger: Tagger, records: list[Labelled]) -> str:
    """Return the tagger's throughput on COUNT records cycled from the labelled set."""
    items = [records[i % len(records)].item for i in range(count)]
    started = time.perf_counter()
    for item in items:
        tagger.tag(item)
    seconds = time.perf_counter() - started
    return f"tagged {count:,} records in {seconds:.2f} s: {count / seconds:,.0f} records/s"


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEVSET)
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--speed", type=int, default=0, help="also time COUNT records")
    args = parser.parse_args()
    tagger = Tagger(load_taxonomy())
    records = load_labelled(args.file)
    scores = score(records, tagger)
    print(f"{args.file.name}: {len(records)} labelled records")
    print(report(scores))
    if args.errors:
        print("\n".join(scores.errors))
    if args.speed:
        print(speed(args.speed, tagger, records))


if __name__ == "__main__":
    main()
