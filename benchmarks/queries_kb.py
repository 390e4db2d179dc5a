"""Benchmark: the query commands over a 100,000-work knowledge base, on SQLite and PostgreSQL.

    python benchmarks/queries_kb.py                          # SQLite, 100,000 works
    python benchmarks/queries_kb.py --works 20000
    python benchmarks/queries_kb.py --postgres postgresql://user:pw@127.0.0.1:5432/postgres

Builds the knowledge base directly in the database (works, source records with their
parsed fields, tags: each work a copy of a tagged record of the development set, with its
own identifiers, year and title), then times the commands as a user runs them (a new
process each, start-up included): `itb table` with two filters, `itb map`, and `itb export`
of about 10,000 works, and `itb report` of about 20,000 works (opened in headless Chromium
where it is installed). Targets: table and map under 2 s, export under 5 s, report 10 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.tag_kb import article_xml
from benchmarks.tag_quality import DEVSET, load_labelled

ROOT = Path(__file__).resolve().parents[1]
ITB = [sys.executable, "-m", "queries.cli"]


def templates() -> list[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any], str]]:
    """Return (fields, tag rows, work columns, title) for each article of the development set."""
    from harvester.pubmed_xml import iter_pubmed_xml
    from harvester.records import RawRecord
    from kb.tagging import Tagger, tag_input
    from kb.tagging.taxonomy import load_taxonomy

    tagger = Tagger(load_taxonomy())
    rng = random.Random(3)
    labelled = [r for r in load_labelled(DEVSET) if r.item.registry is None]
    xml = "".join(article_xml(r, 30_000_000 + i, rng) for i, r in enumerate(labelled))
    records = [
        r
        for r in iter_pubmed_xml([f"<PubmedArticleSet>{xml}</PubmedArticleSet>".encode()])
        if isinstance(r, RawRecord)
    ]
    found = []
    for record in records:
        result = tagger.tag(tag_input(record.fields["title"], "article", [record.fields]))
        tags = [
            {"facet": m.facet, "taxonomy_id": m.id, "origin": "auto", "negated": m.qualifier is not None,  # noqa: E501
             "qualifier": m.qualifier, "field": m.field, "section": m.section, "matched_text": m.text}  # noqa: E501
            for m in result.mentions
        ]  # fmt: skip
        size = result.sample_size
        columns = {
            "design": result.design.id,
            "relevant": result.relevant,
            "sample_size": size.value if size else None,
            "sample_size_type": size.source if size else None,
        }
        found.append((record.fields, tags, columns, record.fields["title"]))
    return found


def build(url: str, count: int) -> None:
    """Fill the database at URL with COUNT works."""
    from sqlalchemy import insert

    from kb.database import open_engine, upgrade
    from kb.models import RecordVersionRow, SourceRecordRow, TagRow, WorkRow, utcnow

    engine = open_engine(url)
    upgrade(engine)
    made = templates()
    rng = random.Random(11)
    now = utcnow()
    batch = 5000
    with engine.begin() as connection:
        for start in range(0, count, batch):
            works, records, versions, tags = [], [], [], []
            for number in range(start + 1, min(count, start + batch) + 1):
                fields, tag_rows, columns, title = made[number % len(made)]
                pmid = str(20_000_000 + number)
                year = rng.randint(1985, 2025)
                works.append({
                    "id": number, "title": f"{title} ({number})", "year": year,
                    "authors": [{"family": f"Author{number % 5000}", "initials": "A"}],
                    "journal": "Neuromodulation", "volume": str(rng.randint(1, 30)),
                    "pages": f"{rng.randint(1, 900)}-9", "doi": f"10.9999/itb.{number}",
                    "pmid": pmid, "record_kind": "article", "retracted": number % 200 == 0,
                    "abstract": (fields.get("abstract") or [{}])[0].get("text"),
                    "created_at": now, "updated_at": now, **columns,
                })  # fmt: skip
                records.append({
                    "id": number, "source": "pubmed", "source_name": "PubMed", "source_key": pmid,
                    "current_version": 1, "content_hash": uuid.uuid4().hex, "work_id": number,
                    "first_seen_at": now, "last_seen_at": now, "status": "active",
                })  # fmt: skip
                versions.append({
                    "source_record_id": number, "version": 1, "fetched_at": now,
                    "content_hash": records[-1]["content_hash"], "raw_format": "pubmed-xml",
                    "raw_payload": "<PubmedArticle/>", "fields": {**fields, "pmid": pmid},
                })  # fmt: skip
                tags += [{**t, "work_id": number, "created_at": now} for t in tag_rows]
            connection.execute(insert(WorkRow.__table__), works)  # type: ignore[attr-defined]
            connection.execute(insert(SourceRecordRow.__table__), records)  # type: ignore[attr-defined]
            connection.execute(insert(RecordVersionRow.__table__), versions)  # type: ignore[attr-defined]
            connection.execute(insert(TagRow.__table__), tags)  # type: ignore[attr-defined]
        if engine.dialect.name == "postgresql":
            for table in ("work", "source_record", "record_version", "tag"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
    if engine.dialect.name == "postgresql":
        # What autovacuum does to a settled knowledge base (index-only scans need it).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()


def timed(url: str, *arguments: str) -> tuple[float, str]:
    """Run itb with ARGUMENTS in a new process; return its wall time and stderr's last line."""
    started = time.perf_counter()
    done = subprocess.run(
        [*ITB, "--db", url, "-q", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"itb {' '.join(arguments)} failed: {done.stderr.strip()}")
    return seconds, (done.stderr.strip().splitlines() or [""])[-1]


def run(url: str, count: int, folder: Path) -> None:
    """Build, then time the three commands."""
    started = time.perf_counter()
    build(url, count)
    print(f"{url.split('://')[0]}: built {count:,} works in {time.perf_counter() - started:.0f} s")
    table = folder / "table.csv"
    seconds, _ = timed(
        url,
        "table",
        "--indication",
        "cerebral_palsy",
        "--design",
        "case_series",
        "-f",
        "csv",
        "-o",
        str(table),
    )
    rows = len(table.read_text(encoding="utf-8").splitlines()) - 1
    command = "itb table --indication cerebral_palsy --design case_series"
    print(f"  {command}: {seconds:.2f} s ({rows:,} rows; target 2 s)")
    seconds, _ = timed(
        url,
        "map",
        "--rows",
        "indication",
        "--cols",
        "outcome",
        "-f",
        "csv",
        "-o",
        str(folder / "map.csv"),
    )
    print(f"  itb map --rows indication --cols outcome: {seconds:.2f} s (target 2 s)")
    seconds, _ = timed(
        url,
        "map",
        "--rows",
        "indication",
        "--cols",
        "outcome",
        "-f",
        "json",
        "-o",
        str(folder / "map.json"),
    )
    print(f"  itb map ... -f json (work ids in every cell): {seconds:.2f} s")
    low = 2025 - round(40 * min(1.0, 10_000 / count)) + 1
    export = folder / "export.ris"
    seconds, _ = timed(url, "export", "-f", "ris", "--year", f"{low}:2025", "-o", str(export))
    written = export.read_text(encoding="utf-8").count("\nER  - ")
    print(f"  itb export -f ris of {written:,} works: {seconds:.2f} s (target 5 s for 10,000)")
    seconds, _ = timed(url, "export", "-f", "ris", "--year", f"{low}:2025", "-o", str(export))
    print(f"  the same export again (citation keys already given): {seconds:.2f} s")
    span = round(41 * min(1.0, 20_000 / count))
    report = folder / "report.html"
    seconds, _ = timed(url, "report", "--year", f"{2025 - span + 1}:2025", "-o", str(report))
    shown = report.read_text(encoding="utf-8").count('"cells":')
    size = report.stat().st_size / 1e6
    print(
        f"  itb report of {shown:,} works: {seconds:.2f} s, {size:.1f} MB (target 10 s for 20,000)"
    )
    browser = shutil.which("chromium")
    if browser:
        flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000"]  # fmt: skip

        def chromium(*arguments: str) -> tuple[float, str]:
            with tempfile.TemporaryDirectory() as profile:
                started = time.perf_counter()
                done = subprocess.run([*flags, f"--user-data-dir={profile}", *arguments],
                                      capture_output=True, text=True, check=False)  # fmt: skip
                return time.perf_counter() - started, done.stdout

        opened, _ = chromium(f"--screenshot={folder / 'report.png'}", report.as_uri())
        blank, _ = chromium(f"--screenshot={folder / 'blank.png'}", "about:blank")
        print(f"  Chromium opens the report and draws it: {opened:.2f} s (anchor: a blank "
              f"page, {blank:.2f} s)")  # fmt: skip
        rows = chromium("--dump-dom", report.as_uri())[1].count('<tr class="work"')
        print(f"  its table shows {rows} rows a page")
    seconds, _ = timed(url, "db", "status")
    print(f"  itb db status (start-up, imports, connection; for reference): {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--postgres", help="a PostgreSQL URL where databases may be created")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(f"sqlite:///{folder / 'kb.sqlite'}", args.works, folder)
        if args.postgres:
            from sqlalchemy import create_engine, text

            name = f"itb_bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(
                args.postgres.replace("postgresql://", "postgresql+psycopg://"),
                isolation_level="AUTOCOMMIT",
            )
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                base = args.postgres.rsplit("/", 1)[0]
                run(f"{base}/{name}", args.works, folder)
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
