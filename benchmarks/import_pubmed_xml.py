"""Benchmark: `itb import` of a large PubMed XML file, as a user runs it (a new process).

    python benchmarks/import_pubmed_xml.py                    # 67,282 records, about 300 MB
    python benchmarks/import_pubmed_xml.py --records 10000

Writes a PubmedArticleSet of real articles (tests/data/formats/pubmed) cloned under new
PMIDs, each with its own title words and no DOI (so that the clones are different works,
as in a real export), imports it into a new project with `itb import` (parse, store,
normalize, deduplicate, tag) and prints the file size, the wall time, records/s and the
peak resident memory of the importing process (target: under 1 GB at any size). The anchor
printed beside it, from the same run: the peak of parsing the same file alone.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harvester.replay import clone_article, iter_article_spans  # noqa: E402

TEMPLATES = ROOT / "tests" / "data" / "formats" / "pubmed"
WORDS = (
    "intrathecal", "baclofen", "spasticity", "cerebral", "palsy", "pump", "catheter",
    "dystonia", "children", "adults", "infection", "withdrawal", "outcome", "trial", "cohort",
    "retrospective", "review", "dose", "refill", "quality", "life", "gait", "ashworth",
)  # fmt: skip
_DOI = re.compile(
    rb'<ELocationID EIdType="doi"[^>]*>[^<]*</ELocationID>'
    rb'|<ArticleId IdType="doi">[^<]*</ArticleId>'
)
HEAD = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
    b"<PubmedArticleSet>\n"
)


def write_xml(path: Path, count: int, largest: int, seed: int = 11) -> None:
    """Write COUNT cloned articles (templates of at most LARGEST bytes) to PATH, streaming."""
    rng = random.Random(seed)
    articles = [
        span
        for file in sorted(TEMPLATES.glob("*.xml"))
        if b"<PubmedArticleSet" in file.read_bytes()[:2048]
        for span in iter_article_spans(file.read_bytes())
        if len(span) <= largest
    ]
    with path.open("wb") as handle:
        handle.write(HEAD)
        for number in range(count):
            words = " ".join(rng.choice(WORDS) for _ in range(6))
            xml = clone_article(articles[number % len(articles)], str(50_000_000 + number), words)
            handle.write(_DOI.sub(b"", xml) + b"\n")
        handle.write(b"</PubmedArticleSet>\n")


def run_measured(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run COMMAND; return wall seconds, its own peak memory in MB (wait4), and its stderr."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        errors.seek(0)
        log = errors.read()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{log[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, log


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=67_282)
    parser.add_argument(
        "--largest", type=int, default=5_000, help="largest template article, bytes"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        xml = work / "pubmed.xml"
        write_xml(xml, args.records, args.largest)
        size = xml.stat().st_size / 1e6
        parse = (
            "import sys; from harvester.files import decode_file; "
            "from harvester.file_formats import read_records; "
            "n = sum(1 for _ in read_records(decode_file(__import__('pathlib').Path(sys.argv[1])), "
            "'pubmed-xml', 'b')); print(n, file=sys.stderr)"
        )
        parse_s, parse_mb, _ = run_measured([sys.executable, "-c", parse, str(xml)], ROOT)
        itb = [sys.executable, "-m", "queries.cli"]
        subprocess.run([*itb, "init", str(work / "p")], cwd=ROOT, check=True, capture_output=True)
        seconds, peak, log = run_measured(
            [*itb, "--project", str(work / "p"), "import", str(xml)], ROOT
        )
        print(f"file: {args.records:,} records, {size:.0f} MB")
        print(f"parse alone (anchor): {parse_s:.1f} s, peak {parse_mb:.0f} MB")
        print(
            f"itb import: {seconds:.1f} s ({args.records / seconds:,.0f} records/s), "
            f"peak {peak:.0f} MB (target < 1,024 MB)"
        )
        for line in log.splitlines()[-4:]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
