"""Benchmark: a ClinicalTrials.gov harvest from the replay server, over real HTTP.

    python benchmarks/harvest_ctgov.py                 # 20,000 studies at 1 request/s
    python benchmarks/harvest_ctgov.py --studies 3000

The server (its own process) serves clones of the real studies of shared/ (one full
study with results and 100 from a website download), 1,000 a page. Prints the wall time,
the floor the rate limit allows (requests / rate) and their ratio, studies/s, and the
harvesting process's peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import SHARED, peak_memory_mb, start_replay

TEMPLATES = sorted((SHARED / "ctgov").glob("*.json"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--studies", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=1.0)
    args = parser.parse_args()
    from harvester.ctgov import ClinicalTrials, CtgovSettings
    from harvester.http import RateLimits, make_client
    from kb.database import open_engine, upgrade
    from kb.pipeline import harvest_ctgov

    with tempfile.TemporaryDirectory() as tmp:
        arguments = ["--clone-studies", str(args.studies), "--studies", *map(str, TEMPLATES)]
        server, url = start_replay(arguments, Path(tmp))
        try:
            base = url.removesuffix("/entrez/eutils") + "/api/v2"
            settings = CtgovSettings(base_url=base, rate=args.rate)
            engine = open_engine(f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
            upgrade(engine)
            with make_client(RateLimits({settings.host: settings.rate})) as client:
                trials = ClinicalTrials(client, settings)
                started = time.perf_counter()
                report = harvest_ctgov(engine, trials, "intrathecal", full=True)
                wall = time.perf_counter() - started
            engine.dispose()
        finally:
            server.terminate()
            server.wait()
    floor = report.requests / args.rate
    print(f"ClinicalTrials.gov harvest of {report.retrieved:,} studies at {args.rate:g} request/s")
    print(f"  requests          {report.requests}")
    print(f"  wall time         {wall:.1f} s")
    print(f"  rate-limit floor  {floor:.1f} s (requests / rate)")
    print(f"  ratio             {wall / floor:.2f}")
    print(f"  studies/s         {report.retrieved / wall:,.0f}")
    print(f"  peak memory       {peak_memory_mb():.0f} MB")


if __name__ == "__main__":
    main()
