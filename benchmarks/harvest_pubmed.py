"""Benchmark: a PubMed harvest from the replay server, over real HTTP, rate limit enforced.

    python benchmarks/harvest_pubmed.py            # 20,000 records at 10 requests/s
    python benchmarks/harvest_pubmed.py --records 2000 --memory-records 5000   # quick

Prints the wall time of the harvest, the floor the rate limit allows (requests / rate),
their ratio (target: at most 1.15), parsing records/s on one core with full field
extraction (target: at least 3,500) beside a plain lxml extraction of the same fields in
the same run (the anchor), and the harvesting process's peak memory at
--memory-records records (target: under 300 MB at 50,000), beside that of each process
parsing the efetch bodies of a harvest of 2,000 PMIDs or more (two on a machine with two
cores or more). The replay server runs
in its own process, so its corpus does not count in the harvester's memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import SHARED, peak_memory_mb, start_replay  # noqa: E402
from harvester.limits import usable_cores  # noqa: E402
from harvester.pubmed import PARSE_PROCESSES  # noqa: E402

PARSERS = min(PARSE_PROCESSES, usable_cores())
TEMPLATES = sorted((SHARED / "pubmed").glob("biopython_pubmed*.xml"))


def serve(
    records: int, rate: float | None, folder: Path, latency: float = 0.0
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the replay server with RECORDS clones in its own process; return it and its URL.

    RATE: answer 429 above it; LATENCY: seconds each request waits before its answer."""
    arguments = ["--clone", str(records), "--templates", *map(str, TEMPLATES)]
    if rate:
        arguments += ["--rate-limit", str(rate)]
    if latency:
        arguments += ["--latency", str(latency)]
    return start_replay(arguments, folder)


def harvest(
    url: str, rate: float, batch: int, folder: Path, in_flight: int | None = None
) -> dict[str, float]:
    """Harvest everything the server holds into a new SQLite knowledge base (in this process);
    IN_FLIGHT: efetch requests under way at once (itb's default when None)."""
    from harvester.http import RateLimits, make_client
    from harvester.pubmed import EutilsSettings, PubMed
    from kb.database import open_engine, upgrade
    from kb.pipeline import harvest_pubmed

    settings = EutilsSettings(base_url=url, api_key="benchmark", rate=rate, batch_size=batch)
    if in_flight is not None:
        settings = replace(settings, in_flight=in_flight)
    engine = open_engine(f"sqlite:///{folder / 'kb.sqlite'}")
    upgrade(engine)
    attempts = 0

    def count(_request: object) -> None:
        nonlocal attempts
        attempts += 1

    with make_client(RateLimits({settings.host: settings.requests_per_second})) as client:
        client.event_hooks["request"].append(count)
        started = time.perf_counter()
        report = harvest_pubmed(engine, PubMed(client, settings), "baclofen", full=True)
        wall = time.perf_counter() - started
    engine.dispose()
    # the parsing processes end by themselves once the last body is parsed: waited for here,
    # so that their peaks are counted (the replay server is no multiprocessing child)
    while multiprocessing.active_children():
        time.sleep(0.01)
    return {
        "records": report.retrieved,
        "listed": report.listed,
        "requests": attempts,
        "wall": wall,
        "floor": attempts / rate,
        "peak_mb": peak_memory_mb(),
        # the larger of the parsing processes (ended and waited for by now; the replay server
        # is not yet)
        "parser_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _corpus_body(records: int) -> bytes:
    from harvester.replay import build_clone_corpus

    corpus = build_clone_corpus((p.read_bytes() for p in TEMPLATES), records)
    return (
        b"<PubmedArticleSet>\n"
        + b"\n".join(article.xml for pmid in corpus.search([]) if (article := corpus.get(pmid)))
        + b"\n</PubmedArticleSet>\n"
    )


def parse_rate(body: bytes) -> float:
    """Return records/s of itb's parsing (every field, raw bytes kept) on one core."""
    from harvester.pubmed_xml import iter_pubmed_xml

    chunks = [body[i : i + 65536] for i in range(0, len(body), 65536)]
    best = 0.0
    for _ in range(3):
        started = time.perf_counter()
        parsed = sum(1 for _ in iter_pubmed_xml(chunks))
        best = max(best, parsed / (time.perf_counter() - started))
    return best


def plain_lxml_rate(body: bytes) -> float:
    """Return records/s of a plain lxml extraction of the same fields (the anchor): iterparse
    with a tag filter, findtext and XPath, no checks, no raw bytes, no normalisation."""
    import io

    from lxml import etree

    def texts(element: Any, path: str) -> list[str | None]:
        return [x.text for x in element.iterfind(path)]

    def fields(article: Any) -> dict[str, Any]:
        citation = article.find("MedlineCitation")
        art = citation.find("Article")
        data = article.find("PubmedData")
        return {
            "pmid": citation.findtext("PMID"),
            "title": "".join(art.find("ArticleTitle").itertext()),
            "abstract": [
                (a.get("Label"), "".join(a.itertext()))
                for a in art.iterfind("Abstract/AbstractText")
            ],
            "journal": art.findtext("Journal/Title"),
            "iso": art.findtext("Journal/ISOAbbreviation"),
            "volume": art.findtext("Journal/JournalIssue/Volume"),
            "issue": art.findtext("Journal/JournalIssue/Issue"),
            "year": art.findtext("Journal/JournalIssue/PubDate/Year"),
            "pages": art.findtext("Pagination/MedlinePgn"),
            "ids": {i.get("IdType"): i.text for i in data.iterfind("ArticleIdList/ArticleId")},
            "authors": [
                (a.findtext("LastName"), a.findtext("ForeName"), a.findtext("Initials"),
                 texts(a, "AffiliationInfo/Affiliation"))
                for a in art.iterfind("AuthorList/Author")
            ],
            "languages": texts(art, "Language"),
            "types": [
                (x.get("UI"), x.text) for x in art.iterfind("PublicationTypeList/PublicationType")
            ],
            "mesh": [
                (h.findtext("DescriptorName"), texts(h, "QualifierName"))
                for h in citation.iterfind("MeshHeadingList/MeshHeading")
            ],
            "keywords": texts(citation, "KeywordList/Keyword"),
            "chemicals": texts(citation, "ChemicalList/Chemical/NameOfSubstance"),
            "comments": [
                (c.get("RefType"), c.findtext("PMID"))
                for c in citation.iterfind("CommentsCorrectionsList/CommentsCorrections")
            ],
            "grants": [
                (g.findtext("GrantID"), g.findtext("Agency"))
                for g in art.iterfind("GrantList/Grant")
            ],
            "history": [
                (d.get("PubStatus"), d.findtext("Year"))
                for d in data.iterfind("History/PubMedPubDate")
            ],
        }  # fmt: skip

    best = 0.0
    for _ in range(3):
        started = time.perf_counter()
        count = 0
        for _event, element in etree.iterparse(io.BytesIO(body), tag="PubmedArticle"):
            fields(element)
            element.clear(keep_tail=False)
            count += 1
        best = max(best, count / (time.perf_counter() - started))
    return best


def child(args: argparse.Namespace) -> None:
    """Run one harvest in this (fresh) process and print its figures as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        server, url = serve(args.records, args.server_limit, Path(tmp), args.server_latency)
        try:
            figures = harvest(url, args.rate, args.batch, Path(tmp), args.in_flight)
            print(json.dumps(figures))
        finally:
            server.terminate()
            server.wait()


def run_child(
    records: int,
    rate: float,
    batch: int,
    server_limit: float | None,
    latency: float = 0.0,
    in_flight: int | None = None,
) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", "--records", str(records), "--rate", str(rate)]
    command += ["--batch", str(batch), "--server-latency", str(latency)]
    if server_limit:
        command += ["--server-limit", str(server_limit)]
    if in_flight is not None:
        command += ["--in-flight", str(in_flight)]
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument(
        "--rate", type=float, default=10.0, help="requests/s (enforced by the server)"
    )
    parser.add_argument("--batch", type=int, default=200, help="PMIDs per efetch")
    parser.add_argument("--memory-records", type=int, default=50_000)
    parser.add_argument(
        "--latency",
        type=float,
        default=0.5,
        help="seconds the server takes to answer, for the slow-answer run (NCBI's efetch of "
        "200 records takes about this or more)",
    )
    parser.add_argument("--latency-records", type=int, default=4_000)
    parser.add_argument("--in-flight", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--server-latency", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--server-limit", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    timed = run_child(args.records, args.rate, args.batch, server_limit=args.rate)
    print(
        f"harvest of {timed['records']:,.0f} records ({timed['listed']:,.0f} listed) "
        f"at {args.rate:g} requests/s, batches of {args.batch}"
    )
    print(f"  requests          {timed['requests']:,.0f}")
    print(f"  wall time         {timed['wall']:.1f} s")
    print(f"  rate-limit floor  {timed['floor']:.1f} s (requests / rate)")
    print(f"  ratio             {timed['wall'] / timed['floor']:.2f}  (target <= 1.15)")
    print(f"  peak memory       {timed['peak_mb']:.0f} MB harvesting process, "
          f"{timed['parser_peak_mb']:.0f} MB each parsing process ({PARSERS})")  # fmt: skip
    body = _corpus_body(min(args.records, 20_000))
    parsing = parse_rate(body)
    plain = plain_lxml_rate(body)
    print(f"parsing, one core   {parsing:,.0f} records/s  (target >= 3,500)")
    print(f"  anchor: a plain lxml extraction of the same fields, {plain:,.0f} records/s "
          f"(itb takes {plain / parsing:.2f}x its time)")  # fmt: skip
    slow = run_child(args.latency_records, args.rate, args.batch, args.rate, args.latency)
    one = run_child(args.latency_records, args.rate, args.batch, args.rate, args.latency, 1)
    print(
        f"answers taking {args.latency:g} s, {slow['records']:,.0f} records: "
        f"{slow['wall']:.1f} s against a {slow['floor']:.1f} s floor "
        f"({slow['wall'] / slow['floor']:.2f}x; {slow['requests']:,.0f} requests)"
    )
    print(
        f"  anchor: one request at a time, {one['wall']:.1f} s ({one['wall'] / one['floor']:.2f}x)"
    )
    memory = run_child(args.memory_records, 1000.0, args.batch, server_limit=None)
    print(
        f"peak memory at {memory['records']:,.0f} records: {memory['peak_mb']:.0f} MB"
        f" + {PARSERS} x {memory['parser_peak_mb']:.0f} MB parsing"
        f"  (target < 300 MB; wall {memory['wall']:.1f} s)"
    )


if __name__ == "__main__":
    main()
