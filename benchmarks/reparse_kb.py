"""Benchmark: `itb db reparse` (every stored payload read again by today's parsers) on a
knowledge base of PubMed records, beside parsing the same records alone.

    python benchmarks/reparse_kb.py                  # 20,000 PubMed records
    python benchmarks/reparse_kb.py --records 100000

Builds a SQLite knowledge base of clones of Biopython's real PubMed test records (as
`harvest_pubmed.py` serves them), normalized; then times a read-again that finds nothing to
change (what every `itb update` after an upgrade costs at least), and one after a tenth of
the versions were given the fields an older parser read (their MeSH headings dropped), which
writes them and marks their records for normalization. The anchor, from the same run: the
same records parsed alone from one PubMed XML body (`iter_pubmed_xml`, one core), the floor
a read-again cannot beat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import peak_memory_mb  # noqa: E402
from benchmarks.harvest_pubmed import TEMPLATES, _corpus_body, parse_rate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    if not TEMPLATES:
        print("shared/data/formats/pubmed is not here: nothing to measure")
        return
    from sqlalchemy import update

    from harvester.pubmed_xml import iter_pubmed_xml
    from harvester.records import RawRecord
    from kb.database import open_engine, session_scope, upgrade
    from kb.models import KbSettingRow, RecordVersionRow
    from kb.reparse import reparse_knowledge_base
    from kb.store import PARSER_KEY, save_raw_records
    from kb.works import normalize_knowledge_base

    body = _corpus_body(args.records)
    alone = parse_rate(body)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
        upgrade(engine)
        records = [r for r in iter_pubmed_xml([body]) if isinstance(r, RawRecord)]
        for start in range(0, len(records), 5000):
            with session_scope(engine) as session:
                save_raw_records(session, records[start : start + 5000])
        del records
        normalize_knowledge_base(engine)

        started = time.perf_counter()
        idle = reparse_knowledge_base(engine)
        idle_seconds = time.perf_counter() - started

        versions = RecordVersionRow.__table__  # type: ignore[attr-defined]
        with session_scope(engine) as session:
            query = versions.select().with_only_columns(versions.c.id)
            aged = [i for (i,) in session.execute(query)][::10]
            for vid in aged:
                row = session.get(RecordVersionRow, vid)
                assert row is not None and row.fields is not None
                row.fields = {k: v for k, v in row.fields.items() if k != "mesh"}
            session.execute(
                update(KbSettingRow).where(KbSettingRow.key == PARSER_KEY).values(value="older")
            )
        started = time.perf_counter()
        written = reparse_knowledge_base(engine)
        written_seconds = time.perf_counter() - started
        started = time.perf_counter()
        normalized = normalize_knowledge_base(engine)
        normalize_seconds = time.perf_counter() - started
        engine.dispose()
    rate = idle.versions / idle_seconds
    print(f"knowledge base: {idle.versions:,} stored versions of {args.records:,} PubMed records")
    print(f"anchor: the same records parsed alone, one core: {alone:,.0f} records/s")
    print(
        f"itb db reparse, nothing to change: {idle_seconds:.1f} s = {rate:,.0f} versions/s "
        f"({alone / rate:.2f}x the time of parsing alone)"
    )
    print(
        f"itb db reparse, {written.changed:,} with new fields (a tenth aged): "
        f"{written_seconds:.1f} s = {written.versions / written_seconds:,.0f} versions/s; "
        f"then normalizing the {normalized.normalized:,} records marked: {normalize_seconds:.1f} s"
    )
    print(f"peak memory (building the knowledge base included): {peak_memory_mb():,.0f} MB")


if __name__ == "__main__":
    main()
