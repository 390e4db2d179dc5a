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
import re
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
    """A file's text, how it was decoded, and what the user should know about it."""

    path: Path
    text: str
    encoding: str
    size: int
    sha256: str
    warnings: list[str] = field(default_factory=list)


def decode_file(path: Path) -> DecodedFile:
    """Return the text of PATH: UTF-8 (with or without BOM), UTF-16 by BOM, else cp1252/latin-1.

    Raises FileFormatError for an empty, unreadable or binary file.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise FileFormatError(f"{path}: the file is empty; export the records again")
    warnings: list[str] = []
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise FileFormatError(
                    f"{path}: starts as {encoding} but byte {exc.start} is not; "
                    "export the file again"
                ) from None
            return DecodedFile(path, _binary_check(text, path), encoding, len(data), digest)
    if b"\x00" in data[:4096]:
        raise FileFormatError(
            f"{path}: binary data, not a text export (RIS, MEDLINE, XML, JSON, CSV or BibTeX)"
        )
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        warnings.append(
            f"{path}: not UTF-8 (byte {exc.start}); read as {encoding}, check accented characters"
        )
    return DecodedFile(path, _binary_check(text, path), encoding, len(data), digest, warnings)


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


def detect_format(text: str, path: Path) -> str:
    """Return the format of TEXT by its content (the file name is only a tie-breaker)."""
    head = text.lstrip()[:4096]
    if head.startswith("<"):
        if "<PubmedArticleSet" in head or "<PubmedArticle>" in head:
            return "pubmed-xml"
        raise FileFormatError(
            f"{path}: XML, but not a PubmedArticleSet; export PubMed records as XML "
            "(efetch or the PubMed website)"
        )
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
        "BibTeX and CSV with a title column"
    )


def count_records(text: str, fmt: str) -> int:
    """Count the records of TEXT by the format's record marks, independently of the parsers."""
    if fmt == "medline":
        return len(_MEDLINE_START.findall(text))
    if fmt == "ris":
        return len(_RIS_TAG.findall(text))
    if fmt == "pubmed-xml":
        return len(_PUBMED_ARTICLE.findall(text))
    if fmt == "ctgov-json":
        return len(re.findall(r'"protocolSection"\s*:', text))
    if fmt == "bibtex":
        kinds = [k.lower() for k in _BIBTEX_ENTRY.findall(text)]
        return sum(k not in ("comment", "string", "preamble") for k in kinds)
    return _csv_rows(text)


def _csv_rows(text: str) -> int:
    """Count CSV data rows: line ends outside quotes, less the header, blank lines left out."""
    rows = 0
    quoted = False
    has_content = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            rows += has_content
            has_content = False
            continue
        if not char.isspace():
            has_content = True
    rows += has_content
    return max(rows - 1, 0)


def text_key(prefix: str, raw: str) -> str:
    """Return a record key derived from its own text, for records without an id."""
    canonical = " ".join(raw.split()).lower()
    return f"{prefix}:{hashlib.sha1(canonical.encode('utf-8')).hexdigest()[:16]}"
