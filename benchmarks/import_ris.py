"""Benchmark: import a large RIS export (generated, realistic records) into a new knowledge base.

    python benchmarks/import_ris.py                 # 100,000 records
    python benchmarks/import_ris.py --records 10000

Prints the file size, records/s of the whole import (read, parse, store in one
transaction; target: at least 5,000 records/s) and the importing process's peak memory
(target: flat, i.e. about the same at 10,000 and 100,000 records).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import peak_memory_mb

WORDS = (
    "intrathecal", "baclofen", "spasticity", "cerebral", "palsy", "pump", "catheter",
    "dystonia", "children", "adults", "infection", "withdrawal", "outcome", "trial", "cohort",
    "retrospective", "review", "dose", "refill", "quality", "life", "gait", "ashworth",
    "complication", "revision", "spinal", "cord", "injury", "multiple", "sclerosis",
)  # fmt: skip
JOURNALS = ("Dev Med Child Neurol", "Neuromodulation", "J Neurosurg Pediatr", "Spinal Cord")


def write_ris(path: Path, count: int, seed: int = 7) -> None:
    """Write COUNT Embase-like RIS records (about 1.3 KB each) to PATH, streaming."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            title = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
            abstract = " ".join(rng.choice(WORDS) for _ in range(120))
            authors = "".join(
                f"A1  - {rng.choice(['Smith', 'Müller', 'Garcia', 'Chen', 'Okafor'])}, "
                f"{rng.choice('ABCDEFGH')}.{rng.choice('JKLMN')}.\n"
                for _ in range(rng.randint(1, 6))
            )
            handle.write(
                f"TY  - JOUR\nDB  - Embase\nAN  - L{2000000000 + number}\nT1  - {title}\n"
                f"{authors}Y1  - {rng.randint(1985, 2025)}//\nN2  - {abstract}\n"
                f"KW  - baclofen\nKW  - Injections, Spinal\nJF  - {rng.choice(JOURNALS)}\n"
                f"VL  - {rng.randint(1, 80)}\nIS  - {rng.randint(1, 12)}\n"
                f"SP  - {rng.randint(1, 900)}\nDO  - 10.1000/itb.{number}\nER  - \n\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    from kb.database import open_engine, upgrade
    from kb.imports import import_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "embase.ris"
        write_ris(path, args.records)
        engine = open_engine(f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
        upgrade(engine)
        before = peak_memory_mb()
        started = time.perf_counter()
        report = import_file(engine, path, "Embase")
        wall = time.perf_counter() - started
        engine.dispose()
        print(f"RIS import of {report.read:,} records ({path.stat().st_size / 1e6:.0f} MB)")
        print(f"  wall time     {wall:.1f} s")
        print(f"  records/s     {report.read / wall:,.0f}  (target >= 5,000)")
        print(f"  peak memory   {peak_memory_mb():.0f} MB (before the import: {before:.0f} MB)")


if __name__ == "__main__":
    main()
