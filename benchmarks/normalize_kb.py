"""Benchmark: normalization inside a knowledge base, first run and an incremental one.

    python benchmarks/normalize_kb.py              # 100,000 records, then 500 new
    python benchmarks/normalize_kb.py --records 20000

Builds a SQLite knowledge base from a generated CSV (the labelled sets' records, with
their real duplicates, then copies made distinct papers: other title words, volume, pages,
year and authors), normalizes it all
once, imports NEW more records and times the incremental run (target: 500 new against
100,000 in under 5 s), printing peak memory.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import SHARED, peak_memory_mb

SETS = SHARED.parent / "dedup"
COLUMNS = ("id", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi")
WORDS = ("alpha", "beta", "gamma", "delta", "theta", "kappa", "sigma", "omega")


def write_csv(path: Path, count: int, start: int) -> None:
    """Write COUNT records numbered from START, generated from the labelled sets."""
    rows = []
    for name in sorted(p.name for p in SETS.iterdir() if p.is_dir()):
        with (SETS / name / "records.csv").open(encoding="utf-8") as handle:
            rows += list(csv.DictReader(handle))
    rng = random.Random(start)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for number in range(start, start + count):
            row = dict(rows[number % len(rows)])
            row["id"] = f"r{number}"
            if number >= len(rows):
                # A different paper: other title words, volume, pages, year and authors.
                row["title"] = f"{row['title']} {rng.choice(WORDS)} {rng.choice(WORDS)} {number}"
                row["doi"] = ""
                row["volume"] = str(rng.randint(1, 90))
                first = rng.randint(1, 2000)
                row["pages"] = f"{first}-{first + rng.randint(1, 20)}"
                row["year"] = str(rng.randint(1980, 2025))
                row["authors"] = f"Author{number}, A. and Writer{number % 977}, B."
            writer.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=500)
    args = parser.parse_args()
    from kb.database import open_engine, upgrade
    from kb.imports import import_file
    from kb.works import normalize_knowledge_base

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
        upgrade(engine)
        base, extra = Path(tmp) / "base.csv", Path(tmp) / "new.csv"
        write_csv(base, args.records, 0)
        write_csv(extra, args.new, 10_000_000)
        import_file(engine, base, "generated")
        started = time.perf_counter()
        first = normalize_knowledge_base(engine)
        first_seconds = time.perf_counter() - started
        import_file(engine, extra, "generated")
        started = time.perf_counter()
        second = normalize_knowledge_base(engine)
        second_seconds = time.perf_counter() - started
        engine.dispose()
    print(f"first run:   {first_seconds:.1f} s  ({first.summary()})")
    print(f"incremental: {second_seconds:.1f} s  ({second.summary()})")
    print(f"  target: {args.new} new against {args.records:,} in under 5 s")
    print(f"peak memory {peak_memory_mb():.0f} MB")


if __name__ == "__main__":
    main()
