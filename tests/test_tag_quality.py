"""The tagger on the labelled development set: quality floors and the set's own coverage."""

from __future__ import annotations

from collections import Counter

from benchmarks.tag_quality import DEVSET, FACETS, load_labelled, score
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
    # Floors on the set the rules were developed on (the targets on unseen records are
    # 0.85 / 0.80 / 0.80, 0.85 and 0.80): a rule change that loses ground fails here.
    assert scores.f1("indication")[2] >= 0.95
    assert scores.f1("complication")[2] >= 0.90
    assert scores.f1("outcome")[2] >= 0.93
    assert scores.design_accuracy >= 0.93
    assert scores.size_accuracy >= 0.93
    assert scores.size_invented == 0
    assert scores.relevance_right == scores.records
