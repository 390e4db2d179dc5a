"""Exported files -> RawRecord: decoding, format detection by content, independent counts.

The formats people export from databases and registries: MEDLINE/.nbib, PubMed XML, RIS,
ClinicalTrials.gov JSON (API shape) and website CSV, PubMed website CSV, BibTeX, and a
plain CSV with named columns. Each record keeps the file's own id where it has one (PMID,
NCT id, accession number, citation key, an id column); otherwise a key derived from the
record's own text, stable across re-imports of the same file.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harvester.errors import FileFormatError
from harvester.records import RawRecord

FORMATS = (
    "medline",
    "pubmed-xml",
    "ris",
    "ctgov-json",
    "ctgov-csv",
    "pubmed-csv",
    "bibtex",
    "csl-json",
    "csv",
)
# The database a format stands for, when the user names none and the file says nothing.
FORMAT_DATABASES = {
    "medline": "PubMed",
    "pubmed-xml": "PubMed",
    "pubmed-csv": "PubMed",
    "ctgov-json": "ClinicalTrials.gov",
    "ctgov-csv": "ClinicalTrials.gov",
}


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record of a file that could not be read: where it is and why."""

    where: str
    reason: str


Item = RawRecord | BadRecord
"""What a format reader yields: a record, or the reason one could not be read."""


@dataclass
class DecodedFile:
    """A file, how to decode it, and its first 64 KB of text; the rest is read as a stream."""

    path: Path
    encoding: str
    size: int
    sha256: str
    head: str
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        """Yield the file's lines (any line ends), without their line ends."""
        with self.path.open(encoding=self.encoding, newline=None) as handle:
            try:
                for line in handle:
                    yield line.rstrip("\n")
            except UnicodeDecodeError as exc:
                raise FileFormatError(
                    f"{self.path}: not valid {self.encoding} ({exc.reason}); export the file again"
                ) from None

    def text(self) -> str:
        """Return the whole text (for formats a reader needs whole: JSON, BibTeX)."""
        return "\n".join(self.lines())

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """Yield the content as UTF-8 bytes, in chunks (for the XML reader)."""
        if self.encoding == "utf-8":
            with self.path.open("rb") as handle:
                while chunk := handle.read(size):
                    yield chunk
            return
        for line in self.lines():
            yield (line + "\n").encode("utf-8")


_HEAD_BYTES = 1 << 16


def decode_file(path: Path) -> DecodedFile:
    """Return how to read PATH: UTF-8 (with or without BOM), UTF-16 by BOM, else cp1252/latin-1.

    Reads the file once as a stream (hash, encoding check); raises FileFormatError for an
    empty, unreadable or binary file.
    """
    digest = hashlib.sha256()
    size = 0
    first = b""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    bad_at: int | None = None
    blank = True
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                if not first:
                    first = chunk[:_HEAD_BYTES]
                digest.update(chunk)
                blank = blank and not chunk.strip()
                if bad_at is None:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError as exc:
                        bad_at = size + exc.start
                size += len(chunk)
    except OSError as exc:
        raise FileFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if blank:
        raise FileFormatError(f"{path}: the file is empty; export the records again")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if first.startswith(bom):
            if name == "utf-8-sig" and bad_at is not None:
                raise FileFormatError(
                    f"{path}: starts as UTF-8 but byte {bad_at} is not; export the file again"
                )
            if name == "utf-16" and not _decodes(path, name):
                raise FileFormatError(
                    f"{path}: starts as UTF-16 but is damaged (cut short or an odd byte); "
                    "export the file again"
                )
            head = _binary_check(first.decode(name, errors="ignore"), path)
            return DecodedFile(path, name, size, digest.hexdigest(), head)
    if b"\x00" in first[:4096]:
        raise FileFormatError(
            f"{path}: binary data, not a text export (RIS, MEDLINE, XML, JSON, CSV or BibTeX)"
        )
    warnings: list[str] = []
    encoding = "utf-8"
    if bad_at is not None:
        encoding = "cp1252" if _decodes(path, "cp1252") else "latin-1"
        warnings.append(
            f"{path}: not UTF-8 (byte {bad_at}); read as {encoding}, check accented characters"
        )
    head = _binary_check(first.decode(encoding, errors="ignore"), path)
    return DecodedFile(path, encoding, size, digest.hexdigest(), head, warnings)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _binary_check(text: str, path: Path) -> str:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > max(8, len(sample) // 100):
        raise FileFormatError(
            f"{path}: binary data, not a text export (RIS, MEDLINE, XML, JSON, CSV or BibTeX)"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


_RIS_TAG = re.compile(r"^TY  - ", re.M)
_MEDLINE_START = re.compile(r"^PMID- ", re.M)
_BIBTEX_ENTRY = re.compile(r"^\s*@\s*(\w+)\s*[{(]", re.M)
_PUBMED_ARTICLE = re.compile(r"<(PubmedArticle|PubmedBookArticle)>")
_PROTOCOL = re.compile(r'"protocolSection"\s*:')
# A ClinicalTrials.gov download's keys, any of them in a JSON file's head
_CTGOV_JSON = re.compile(r'"(?:protocolSection|studies|nctId|identificationModule)"\s*:')


def detect_format(text: str, path: Path) -> str:
    """Return the format of TEXT (a file's head) by its content, never by the file's name."""
    head = text.lstrip()[:4096]
    if head.startswith("<"):
        if "<PubmedArticleSet" in head or "<PubmedArticle>" in head:
            return "pubmed-xml"
        raise FileFormatError(
            f"{path}: XML, but not a PubmedArticleSet; export PubMed records as XML "
            "(efetch or the PubMed website)"
        )
    if head.startswith("[") and not _CTGOV_JSON.search(head):
        return "csl-json"  # (an array of CSL items: no study's keys)
    if head.startswith(("{", "[")):
        return "ctgov-json"
    first = next((line for line in head.splitlines() if line.strip()), "")
    if _MEDLINE_START.search(head) and re.match(r"^[A-Z][A-Z0-9]{1,3} *- ", first):
        return "medline"
    if _RIS_TAG.search(head) or re.match(r"^(TY|T1|A1|AU|TI|DB)  - ", first):
        return "ris"
    if _BIBTEX_ENTRY.search(head):
        return "bibtex"
    if "," in first or "\t" in first or ";" in first:
        columns = {c.strip().strip('"').lower() for c in re.split(r"[,\t;]", first)}
        if "nct number" in columns:
            return "ctgov-csv"
        if {"pmid", "title", "citation"} <= columns or {"entrezuid", "identifiers"} <= columns:
            return "pubmed-csv"
        if "title" in columns:
            return "csv"
    raise FileFormatError(
        f"{path}: cannot tell the format from the content; itb reads "
        "MEDLINE/.nbib, PubMed XML, RIS, ClinicalTrials.gov JSON or CSV, PubMed CSV, "
        "BibTeX, CSL JSON and CSV with a title column"
    )


def count_records(lines: Iterable[str], fmt: str) -> int:
    """Count the records of a file's LINES by the format's record marks, apart from the readers."""
    if fmt == "medline":
        return sum(1 for line in lines if line.startswith("PMID- "))
    if fmt == "ris":
        return sum(1 for line in lines if line.startswith("TY  - "))
    if fmt == "pubmed-xml":
        return sum(len(_PUBMED_ARTICLE.findall(line)) for line in lines)
    if fmt == "ctgov-json":
        return sum(len(_PROTOCOL.findall(line)) for line in lines)
    if fmt == "csl-json":
        try:
            items = json.loads("\n".join(lines))
        except json.JSONDecodeError:
            return 0  # (the reader names the fault)
        return len(items) if isinstance(items, list) else 0
    if fmt == "bibtex":
        kinds = [m.group(1).lower() for line in lines if (m := _BIBTEX_ENTRY.match(line))]
        return sum(k not in ("comment", "string", "preamble") for k in kinds)
    return _count_csv_rows(lines)


def _count_csv_rows(lines: Iterable[str]) -> int:
    """Count CSV data rows: rows end at line ends outside quotes; header and blank rows left out."""
    rows = 0
    quoted = False
    has_content = False
    for line in lines:
        quoted ^= line.count('"') % 2 == 1
        has_content = has_content or bool(line.strip())
        if not quoted:
            rows += has_content
            has_content = False
    rows += has_content
    return max(rows - 1, 0)


def text_key(prefix: str, raw: str) -> str:
    """Return a record key derived from its own text, for records without an id."""
    canonical = " ".join(raw.split()).lower()
    return f"{prefix}:{hashlib.sha1(canonical.encode('utf-8')).hexdigest()[:16]}"
