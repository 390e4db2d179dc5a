"""Benchmark: normalization inside a knowledge base, first run and an incremental one.

    python benchmarks/normalize_kb.py              # 100,000 records, then 500 new
    python benchmarks/normalize_kb.py --records 20000
    python benchmarks/normalize_kb.py --postgres URL   # and on PostgreSQL (an admin URL)
    python benchmarks/normalize_kb.py --set cardiac [--postgres URL]   # the same decisions

With --set, one labelled set of shared/data/dedup is imported into a knowledge base and
normalized; its works are scored by the shared scorer and compared, group for group, with
`itb dedupe` on the same file (benchmarks/dedup_sets.py): the knowledge-base path must
reach the same figures (SQLite, and PostgreSQL with --postgres).

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
from typing import Any

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


def labelled_set(name: str, url: str) -> None:
    """Normalize labelled set NAME in the knowledge base at URL; print its scores and
    whether its groups are those of the file path."""
    from sqlalchemy import select

    from benchmarks.dedup_sets import predict, score
    from kb.database import open_engine, session_scope, upgrade
    from kb.imports import import_file
    from kb.models import SourceRecordRow
    from kb.works import normalize_knowledge_base

    engine = open_engine(url)
    upgrade(engine)
    import_file(engine, SETS / name / "records.csv", name)
    started = time.perf_counter()
    normalize_knowledge_base(engine)
    seconds = time.perf_counter() - started
    with session_scope(engine) as session:
        rows = session.execute(select(SourceRecordRow.source_key, SourceRecordRow.work_id)).all()
    engine.dispose()
    works = {key: f"w{work}" for key, work in rows}
    scores = score(name, works)["all"]
    files, _, _ = predict(name)

    def groups(of: dict[str, str]) -> set[frozenset[str]]:
        found: dict[str, set[str]] = {}
        for rid, group in of.items():
            found.setdefault(group, set()).add(rid)
        return {frozenset(g) for g in found.values() if len(g) > 1}

    same = groups(works) == groups(files)
    print(
        f"{name} in a knowledge base ({url.split(':', 1)[0]}): normalized in {seconds:.1f} s; "
        f"precision {scores['precision']:.4f}, recall {scores['recall']:.4f}, "
        f"F1 {scores['f1']:.4f}; groups {'identical to' if same else 'DIFFERENT from'} "
        "itb dedupe's"
    )


def postgres_database(admin_url: str) -> tuple[str, Any]:
    """Create a scratch database; return its URL and a function that drops it."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"itb_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{admin_url.rsplit('/', 1)[0]}/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=500)
    parser.add_argument("--set", help="a labelled set of shared/data/dedup (e.g. cardiac)")
    parser.add_argument("--postgres", help="also on PostgreSQL (an admin URL)")
    args = parser.parse_args()
    if args.set:
        with tempfile.TemporaryDirectory() as tmp:
            labelled_set(args.set, f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
        if args.postgres:
            url, drop = postgres_database(args.postgres)
            try:
                labelled_set(args.set, url)
            finally:
                drop()
        return
    with tempfile.TemporaryDirectory() as tmp:
        generated(f"sqlite:///{Path(tmp) / 'kb.sqlite'}", Path(tmp), args.records, args.new)
        if args.postgres:
            url, drop = postgres_database(args.postgres)
            try:
                generated(url, Path(tmp), args.records, args.new)
            finally:
                drop()


def generated(url: str, folder: Path, records: int, new: int) -> None:
    """Normalize RECORDS generated records in the knowledge base at URL, then NEW more."""
    from kb.database import open_engine, upgrade
    from kb.imports import import_file
    from kb.works import normalize_knowledge_base

    engine = open_engine(url)
    upgrade(engine)
    base, extra = folder / "base.csv", folder / "new.csv"
    if not base.exists():
        write_csv(base, records, 0)
        write_csv(extra, new, 10_000_000)
    import_file(engine, base, "generated")
    started = time.perf_counter()
    first = normalize_knowledge_base(engine)
    first_seconds = time.perf_counter() - started
    import_file(engine, extra, "generated")
    started = time.perf_counter()
    second = normalize_knowledge_base(engine)
    second_seconds = time.perf_counter() - started
    engine.dispose()
    target = "45 s" if url.startswith("sqlite") else "60 s"
    print(f"{url.split(':', 1)[0]}:")
    print(f"  first run:   {first_seconds:.1f} s (target {target} at 100,000)  ({first.summary()})")
    print(f"  incremental: {second_seconds:.1f} s  ({second.summary()})")
    print(f"    target: {new} new against {records:,} in under 5 s")
    print(f"  peak memory of this process so far {peak_memory_mb():.0f} MB")


if __name__ == "__main__":
    main()
