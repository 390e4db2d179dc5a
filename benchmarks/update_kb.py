"""Benchmark: the nightly `itb update` over a 20,000-work knowledge base: with nothing new
(target: under 10 s apart from the requests the rate limit imposes), and bringing 500 new
records.

    python benchmarks/update_kb.py                # 20,000 works
    python benchmarks/update_kb.py --works 5000

The replay server (in this process, on loopback) serves clones of the demo's sample
articles and studies; NCBI's rate with an API key (10 requests/s) applies. Each line gives
the wall time, the requests made, the floor the rate limits impose on them, and the time
spent apart from that floor.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import peak_memory_mb


def anchor(corpus: object, folder: Path) -> dict[str, float]:
    """Store CORPUS's articles in a new knowledge base directly (no network, no update),
    then time its first normalization and its tagging alone: the work an update must do
    on top of the requests."""
    from harvester.pubmed_xml import iter_pubmed_xml
    from harvester.records import RawRecord
    from kb.database import open_engine, session_scope
    from kb.store import save_raw_records
    from kb.tag_store import tag_knowledge_base
    from kb.tagging.taxonomy import load_taxonomy
    from kb.works import normalize_knowledge_base
    from kb.workspace import create_project

    project = create_project(folder, email="bench@example.org")
    engine = open_engine(project.database_url)
    pmids = corpus.search([])  # type: ignore[attr-defined]
    for start in range(0, len(pmids), 1000):
        articles = [corpus.get(p).xml for p in pmids[start : start + 1000]]  # type: ignore[attr-defined]
        body = b"<PubmedArticleSet>" + b"".join(articles) + b"</PubmedArticleSet>"
        records = [r for r in iter_pubmed_xml([body]) if isinstance(r, RawRecord)]
        with session_scope(engine, write=True) as session:
            save_raw_records(session, records)
    started = time.perf_counter()
    normalize_knowledge_base(engine)
    normalized = time.perf_counter() - started
    started = time.perf_counter()
    tag_knowledge_base(engine, load_taxonomy())
    tagged = time.perf_counter() - started
    engine.dispose()
    return {"normalize": normalized, "tag": tagged}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--works", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=500)
    args = parser.parse_args()
    from datetime import date, timedelta

    from harvester.replay import PubMedCorpus, ReplayServer, clone_article, iter_article_spans
    from kb.database import open_engine
    from kb.project import load_project
    from kb.workspace import create_project
    from queries.demo import corpus_file, replay_sources
    from queries.update import run_update

    templates = [corpus_file("pubmed_round1.xml")]
    spans = list(iter_article_spans(templates[0]))
    corpus = PubMedCorpus()
    for number in range(args.works):  # distinct papers: each copy its own title and PMID
        pmid = str(41_000_000 + number)
        day = date(2000, 1, 1) + timedelta(days=number // 40)
        corpus.add(pmid, clone_article(spans[number % len(spans)], pmid, f" ({number})"), day, day)
    server = ReplayServer(corpus)
    server.studies.add_json(corpus_file("ctgov_round1.json").decode("utf-8"))
    os.environ["NCBI_API_KEY"] = "benchmark-key"  # 10 requests/s, as NCBI allows with a key
    with tempfile.TemporaryDirectory() as tmp, server, replay_sources(server):
        project = create_project(Path(tmp) / "p", email="bench@example.org")
        loaded = load_project(project.root)
        engine = open_engine(loaded.database_url)

        def timed(label: str) -> dict[str, float]:
            before = len(server.log)
            started = time.perf_counter()
            summary = run_update(engine, loaded, Path(tmp) / "digests", False, True)
            seconds = time.perf_counter() - started
            requests = server.log[before:]
            pubmed = sum(1 for r in requests if r.endpoint in ("esearch", "efetch", "epost"))
            floor = pubmed / 10 + (len(requests) - pubmed) / 1.0
            print(
                f"{label}: {seconds:.1f} s wall, {len(requests)} requests (rate-limit floor "
                f"{floor:.1f} s), {seconds - floor:.1f} s apart from it; "
                f"{summary['new_works']:,} new works, status {summary['status']}"
            )
            return {"seconds": seconds, "floor": floor}

        first = timed(f"first update, {args.works:,} records")
        alone = anchor(corpus, Path(tmp) / "anchor")
        bound = first["floor"] + alone["normalize"] + alone["tag"]
        print(
            f"  anchor, the same records stored without the update: normalize "
            f"{alone['normalize']:.1f} s, tag {alone['tag']:.1f} s; floor + normalize + tag = "
            f"{bound:.1f} s; the first update takes {first['seconds'] / bound:.2f}x that "
            "(target <= 1.5x)"
        )
        timed("no-change update")
        today = datetime.now(UTC).date()
        for number in range(args.new):
            pmid = str(45_000_000 + number)
            xml = clone_article(spans[number % len(spans)], pmid, f" (new {number})")
            corpus.add(pmid, xml, today, today)
        timed(f"update bringing {args.new} new records")
        engine.dispose()
    print(f"peak memory: {peak_memory_mb():,.0f} MB")


if __name__ == "__main__":
    main()
