"""The tagger on the labelled development set: quality floors and the set's own coverage."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.tag_quality import (
    DEVSET,
    FACETS,
    REAL,
    check_ids,
    load_labelled,
    load_real,
    score,
)
from kb.tagging import Tagger
from kb.tagging.taxonomy import CONTRACT, load_taxonomy


def test_development_set_labels_every_taxonomy_id_at_least_twice() -> None:
    records = load_labelled(DEVSET)
    seen: Counter[tuple[str, str]] = Counter()
    for record in records:
        for facet in FACETS:
            seen.update((facet, i) for i in record.labels.get(facet, []))
        seen[("design", record.labels["design"])] += 1
    for facet, ids in CONTRACT.items():
        for taxonomy_id in ids:
            assert seen[(facet, taxonomy_id)] >= 2, f"{facet} {taxonomy_id}"
    assert len(records) >= 50


def test_tagger_meets_its_floors_on_the_development_set() -> None:
    scores = score(load_labelled(DEVSET), Tagger(load_taxonomy()))
    # Floors on the made-up set the rules were first developed on (issue 14's targets on
    # real records not tuned on are 0.90 / 0.85 / 0.85, design 0.85, N 0.85, relevance
    # 0.97): a rule change that loses ground fails here.
    assert scores.f1("indication")[2] >= 0.95
    assert scores.f1("complication")[2] >= 0.90
    assert scores.f1("outcome")[2] >= 0.93
    assert scores.design_accuracy >= 0.93
    assert scores.size_accuracy >= 0.93
    assert scores.size_invented == 0
    assert scores.relevance_right == scores.records


@pytest.mark.shared
def test_tagger_meets_its_floors_on_the_real_sets_tuning_part() -> None:
    if not REAL.is_file():
        pytest.skip(f"{REAL} is not here")
    real = load_real(REAL)  # each record written as RIS and read back by the importer
    held = check_ids()
    assert held <= {r.id for r in real} and len(held) == 24  # a third of each design
    scores = score([r for r in real if r.id not in held], Tagger(load_taxonomy()))
    # Measured 2026-12-02 (third session): 0.919 / 0.965 / 0.861, design 0.975, N 0.969,
    # relevance 1.0 (benchmarks/tag_quality.py prints these and the check part's).
    assert scores.f1("indication")[2] >= 0.90
    assert scores.f1("complication")[2] >= 0.94
    assert scores.f1("outcome")[2] >= 0.84
    assert scores.design_accuracy >= 0.95
    assert scores.size_accuracy >= 0.93
    assert scores.relevance_right == scores.records


@pytest.mark.shared
def test_design_and_n_hold_their_floors_on_real_abstracts_of_other_topics() -> None:
    from benchmarks.design_n_other_topics import DEDUP, score_parts

    if not DEDUP.is_dir():
        pytest.skip(f"{DEDUP} is not here")
    tuning = score_parts(Tagger(load_taxonomy()))["tuning"]
    # Measured 2026-12-03: design 0.908, N 0.947 on 119 records (57 stating a count, 49
    # stating none: animal or laboratory studies, reviews); the check part is scored by the
    # benchmark, never held to a floor here.
    assert tuning.records == 119
    assert tuning.design >= 0.87
    assert tuning.size >= 0.91
    assert tuning.none_given <= 2


def test_a_labelled_record_in_the_real_sets_layout_keeps_its_authors_keywords(
    tmp_path: Path,
) -> None:
    record = {
        "id": "KW-1",
        "title": "Withdrawal after a catheter failure",
        "abstract": "A boy presented with fevers; a catheter failure was found.",
        "keywords": ["Cerebral palsy", "Intrathecal baclofen"],
        "labels": {"indication": ["cerebral_palsy"], "design": "case_report", "n": 1},
    }
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (read,) = load_real(path)  # written as RIS (KW lines) and read back by the importer
    assert read.item.keywords == ("Cerebral palsy", "Intrathecal baclofen")
    assert "cerebral_palsy" in Tagger(load_taxonomy()).tag(read.item).ids("indication")


def test_the_real_set_named_on_the_command_line_keeps_its_check_part_unnamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import tag_quality

    held = sorted(check_ids())[0]
    rows = [
        {
            "id": name,
            "title": "Withdrawal after a catheter failure",
            "abstract": "A boy presented with fevers; a catheter failure was found.",
            "labels": {"indication": ["multiple_sclerosis"], "design": "rct", "n": 7},
        }
        for name in (held, "TUNE-1")
    ]
    path = tmp_path / "real_devset.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["tag_quality.py", "--errors", str(path)])
    tag_quality.main()
    shown = capsys.readouterr().out
    assert "TUNE-1 design" in shown  # the tuning part's disagreements are listed
    assert held not in shown  # the check part is scored, its records never named
    assert "check part (never tuned on): 1 labelled records" in shown
    monkeypatch.setattr("sys.argv", ["tag_quality.py", "--errors", "--tune-only", str(path)])
    tag_quality.main()
    shown = capsys.readouterr().out
    assert held not in shown and "check part" not in shown
