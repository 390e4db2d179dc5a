"""Benchmark: deduplicate the labelled sets of shared/data/dedup, scored by the shared scorer.

    python benchmarks/dedup_sets.py            # every set
    python benchmarks/dedup_sets.py stroke     # one
    python benchmarks/dedup_sets.py --generated 100000   # speed on a large generated set

Prints, per set: records, wall time (read, normalize, deduplicate), pairwise precision,
recall and F1 (targets: precision >= 0.999, recall >= 0.99) and peak memory.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import SHARED, peak_memory_mb

SETS = SHARED.parent / "dedup"
SCORER = SHARED.parents[1] / "tools" / "dedup_score.py"


def run(name: str, folder: Path) -> dict[str, float]:
    """Deduplicate one set, score it, and return its figures."""
    from harvester.file_formats import read_records
    from harvester.files import decode_file, detect_format
    from harvester.records import RawRecord
    from kb.dedup import find_duplicates
    from kb.dedup.records import normalize

    started = time.perf_counter()
    decoded = decode_file(SETS / name / "records.csv")
    items = read_records(decoded, detect_format(decoded.head, decoded.path), name)
    records = [normalize(i.source_key, i.fields) for i in items if isinstance(i, RawRecord)]
    result = find_duplicates(records)
    wall = time.perf_counter() - started
    predictions = folder / f"{name}.csv"
    group_of = result.group_of()
    with predictions.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "group"])
        for record in records:
            writer.writerow(
                [record.id, f"g{group_of[record.id]}" if record.id in group_of else record.id]
            )
    scored = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--truth",
            str(SETS / name / "truth.csv"),
            "--pred",
            str(predictions),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    pairwise = json.loads(scored.stdout)["pairwise"]
    return {
        "records": len(records),
        "seconds": wall,
        "precision": pairwise["precision"],
        "recall": pairwise["recall"],
        "f1": pairwise["f1"],
    }


def generated(count: int) -> dict[str, float]:
    """Time COUNT records: the three sets' records (with their real duplicates), then copies
    made distinct papers (other title words, volume, pages, year, authors), as a large
    review's many unique records."""
    import random

    from harvester.file_formats import read_records
    from harvester.files import decode_file, detect_format
    from harvester.records import RawRecord
    from kb.dedup import find_duplicates
    from kb.dedup.records import normalize

    fields = []
    for name in sorted(p.name for p in SETS.iterdir() if p.is_dir()):
        decoded = decode_file(SETS / name / "records.csv")
        items = read_records(decoded, detect_format(decoded.head, decoded.path), name)
        fields += [i.fields for i in items if isinstance(i, RawRecord)]
    rng = random.Random(3)
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "theta",
        "kappa",
        "lambda",
        "sigma",
        "omega",
    ]
    started = time.perf_counter()
    records = []
    for number in range(count):
        values = dict(fields[number % len(fields)])
        if number >= len(fields):
            # A different paper: other title words, volume, pages, year and authors.
            values["title"] = f"{values['title']} {rng.choice(words)} {rng.choice(words)} {number}"
            first = rng.randint(1, 2000)
            values["journal"] = {**values.get("journal", {}), "volume": str(rng.randint(1, 90))}
            values["pages"] = {"medline": f"{first}-{first + rng.randint(1, 20)}"}
            values["pub_date"] = {"year": rng.randint(1980, 2025)}
            values["authors"] = [{"family": f"Author{number}", "initials": "A"}]
            values["doi"] = None
        records.append(normalize(str(number), values))
    result = find_duplicates(records)
    return {"seconds": time.perf_counter() - started, "groups": len(result.groups)}


def main() -> None:
    if sys.argv[1:2] == ["--generated"]:
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
        figures = generated(count)
        print(
            f"generated set of {count:,} records: {figures['seconds']:.1f} s "
            f"(normalize and deduplicate; target < 30 s at 100,000), "
            f"{figures['groups']:,.0f} groups, peak memory {peak_memory_mb():.0f} MB"
        )
        return
    names = sys.argv[1:] or sorted(p.name for p in SETS.iterdir() if p.is_dir())
    header = ("set", "records", "seconds", "precision", "recall", "F1")
    print("{:14} {:>8} {:>8} {:>10} {:>8} {:>7}".format(*header))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            figures = run(name, Path(tmp))
            print(
                f"{name:14} {figures['records']:8,.0f} {figures['seconds']:8.2f} "
                f"{figures['precision']:10.4f} {figures['recall']:8.4f} {figures['f1']:7.4f}"
            )
    print(f"peak memory {peak_memory_mb():.0f} MB  (targets: precision >= 0.999, recall >= 0.99)")


if __name__ == "__main__":
    main()
