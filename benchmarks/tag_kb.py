"""Benchmark: `itb tag --all` inside a knowledge base (target: at least 2,000 records/s on
one core), and the no-change `itb tag` that follows.

    python benchmarks/tag_kb.py                  # 20,000 PubMed records
    python benchmarks/tag_kb.py --records 50000

Builds a SQLite knowledge base from PubMed XML records made from the labelled development
set (each copy its own PMID, with its numbers changed), normalizes it, then times tagging
every work again (reading member records, tagging, writing tags) and an incremental run.
Last, one record whose abstract is a single sentence of 5,000 to 40,000 words (a pasted
table, a text with no full stops): the time should double as the words do, not quadruple.
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import peak_memory_mb
from benchmarks.tag_quality import DEVSET, Labelled, load_labelled


def article_xml(record: Labelled, pmid: int, rng: random.Random) -> str:
    """Return one PubmedArticle for a copy of RECORD."""
    item = record.item
    parts = "".join(
        f'<AbstractText Label="{html.escape(s.label or "")}" NlmCategory="{s.category or ""}">'
        f"{html.escape(s.text.replace('12', str(rng.randint(2, 300))))}</AbstractText>"
        for s in item.abstract
    )
    mesh = "".join(
        f'<MeshHeading><DescriptorName UI="{m.ui}">{html.escape(m.name)}</DescriptorName>'
        "</MeshHeading>"
        for m in item.mesh
    )
    types = "".join(f"<PublicationType>{t}</PublicationType>" for t in item.publication_types)
    return (
        f"<PubmedArticle><MedlineCitation Status='MEDLINE' Owner='NLM'><PMID Version='1'>{pmid}"
        "</PMID><Article><Journal><Title>Neuromodulation</Title><JournalIssue><Volume>"
        f"{rng.randint(1, 30)}</Volume><PubDate><Year>{rng.randint(1990, 2025)}</Year></PubDate>"
        f"</JournalIssue></Journal><ArticleTitle>{html.escape(item.title)} {pmid}</ArticleTitle>"
        f"<Pagination><MedlinePgn>{rng.randint(1, 900)}-9</MedlinePgn></Pagination>"
        f"<Abstract>{parts}</Abstract><AuthorList><Author><LastName>Author{pmid}</LastName>"
        f"<Initials>A</Initials></Author></AuthorList><PublicationTypeList>{types}"
        f"</PublicationTypeList></Article><MeshHeadingList>{mesh}</MeshHeadingList>"
        "</MedlineCitation></PubmedArticle>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    from harvester.pubmed_xml import iter_pubmed_xml
    from harvester.records import RawRecord
    from kb.database import open_engine, session_scope, upgrade
    from kb.store import save_raw_records
    from kb.tag_store import tag_knowledge_base
    from kb.tagging.taxonomy import load_taxonomy
    from kb.works import normalize_knowledge_base

    labelled = [r for r in load_labelled(DEVSET) if r.item.registry is None]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
        upgrade(engine)
        for start in range(0, args.records, 5000):
            count = min(5000, args.records - start)
            body = "".join(
                article_xml(labelled[n % len(labelled)], 30_000_000 + n, rng)
                for n in range(start, start + count)
            )
            xml = f"<PubmedArticleSet>{body}</PubmedArticleSet>".encode()
            records = [r for r in iter_pubmed_xml([xml]) if isinstance(r, RawRecord)]
            with session_scope(engine) as session:
                save_raw_records(session, records)
        normalized = normalize_knowledge_base(engine)
        taxonomy = load_taxonomy()
        started = time.perf_counter()
        first = tag_knowledge_base(engine, taxonomy, everything=True)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = tag_knowledge_base(engine, taxonomy)
        idle = time.perf_counter() - started
    print(f"knowledge base: {normalized.works:,} works from {args.records:,} PubMed records")
    print(
        f"itb tag --all: {first.tagged:,} works in {seconds:.1f} s = "
        f"{first.tagged / seconds:,.0f} records/s (target 2,500); {first.tags:,} tags, "
        f"{first.mentions:,} mentions"
    )
    print(f"itb tag with nothing changed: {again.tagged} works tagged in {idle:.2f} s")
    print(f"peak memory: {peak_memory_mb():,.0f} MB")
    long_sentences()


def long_sentences() -> None:
    """Print the time to tag one abstract of a single sentence, its length doubled each time."""
    from kb.tagging import Tagger
    from kb.tagging.inputs import tag_input
    from kb.tagging.taxonomy import load_taxonomy

    tagger = Tagger(load_taxonomy())
    words = str.split(
        "patients children with cerebral palsy were treated by intrathecal baclofen pump "
        "catheter n = 12 and of the 40 records reviewed randomized controlled trial a woman "
        "boy 3 4 - , ; ( ) years after implantation infection risk no sedation"
        # (and deaths, outcomes inside harms, a baseline and "versus", as the test has them)
        " died death mortality baseline Ashworth scores pain spasticity quality of life versus vs"
        " were excluded exclusion criteria"
    )
    rng = random.Random(3)
    previous = None
    for count in (5_000, 10_000, 20_000, 40_000):
        text = " ".join(rng.choice(words) for _ in range(count))
        item = tag_input("Long text", "article", [{"abstract": [{"text": text}]}])
        started = time.perf_counter()
        tagger.tag(item)
        seconds = time.perf_counter() - started
        growth = f" ({seconds / previous:.1f}x the half; 2.0x is linear)" if previous else ""
        size = f"{count:,} words ({len(text):,} characters)"
        print(f"one sentence of {size}: {seconds:.2f} s{growth}")
        previous = seconds


if __name__ == "__main__":
    main()
