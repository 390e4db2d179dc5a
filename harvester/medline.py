"""MEDLINE / PubMed-format text (.nbib, efetch rettype=medline) -> RawRecord.

Records are cut from the text as they stand (the raw payload is each record's own lines,
verbatim) and read with Bio.Medline, which knows the tag grammar (continuation lines,
repeatable tags). Fields use the same names as harvester.pubmed_xml where MEDLINE
carries the same facts, so both formats normalize alike.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from Bio import Medline

from harvester.errors import FileFormatError
from harvester.names import split_short_name, split_suffix
from harvester.pubmed_xml import (
    clean_doi,
    clean_text,
    date_from_text,
    normalize_doi,
    orcid,
    text_mined_ncts,
)
from harvester.records import RawRecord

RAW_FORMAT = "medline"
_TAG = re.compile(r"^[A-Z][A-Z0-9]{0,3} *- ")
_LINE_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) *- ", re.M)
_LABEL = re.compile(r"(?:^|(?<=[.!?] ))([A-Z][A-Z &/,()-]{2,40}): ")
_NCT = re.compile(r"\bNCT\s?(\d{8})\b")
# MEDLINE tags of CommentsCorrections, by the RefType PubMed XML gives them.
CORRECTION_TAGS = {
    "CIN": "CommentIn",
    "CON": "CommentOn",
    "EIN": "ErratumIn",
    "EFR": "ErratumFor",
    "RIN": "RetractionIn",
    "ROF": "RetractionOf",
    "UIN": "UpdateIn",
    "UOF": "UpdateOf",
    "RPI": "RepublishedIn",
    "RPF": "RepublishedFrom",
    "CRI": "CorrectedandRepublishedIn",
    "CRF": "CorrectedandRepublishedFrom",
    "ECI": "ExpressionOfConcernIn",
    "ECF": "ExpressionOfConcernFor",
}


def split_records(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Yield (first line number, text) of each record: blocks separated by blank lines."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if block:
                yield start, "\n".join(block) + "\n"
                block = []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, "\n".join(block) + "\n"


def iter_medline(
    text: str | Iterable[str],
    source_name: str = "PubMed",
    origin: str = "MEDLINE text",
    fetched_at: datetime | None = None,
) -> Iterator[tuple[int, dict[str, Any], str]]:
    """Yield (line number, fields, raw text) per record of MEDLINE TEXT.

    Raises FileFormatError naming ORIGIN and the line when a block is not MEDLINE.
    """
    lines = io.StringIO(text.lstrip("\ufeff")) if isinstance(text, str) else text
    for line_number, block in split_records(lines):
        first = block.split("\n", 1)[0]
        if not _TAG.match(first):
            raise FileFormatError(
                f"{origin}, line {line_number}: not a MEDLINE tag line ({first[:60]!r}); "
                "expected lines like 'PMID- 12345678'"
            )
        yield line_number, parse_block(block), block


def parse_block(block: str) -> dict[str, Any]:
    """Return the fields of one record's MEDLINE text (Bio.Medline reads the tags)."""
    text = block.replace("\r", "")
    record = Medline.read(io.StringIO(text))  # type: ignore[no-untyped-call]
    return parse_medline_record(dict(record), _LINE_TAG.findall(text))


def parse_medline_record(tags: dict[str, Any], order: list[str] | None = None) -> dict[str, Any]:
    """Return the fields of one MEDLINE record given as Bio.Medline's tag dictionary.

    ORDER, the record's tags in the order of their lines, tells whose each affiliation (AD)
    is: Bio.Medline keeps each tag's values apart, not where they stood.
    """
    title = _one(tags, "TI")
    abstract = _abstract(_one(tags, "AB"))
    issns = _many(tags, "IS")
    ids = _ids(_many(tags, "LID") + _many(tags, "AID"))
    nct_ids = [
        f"NCT{m}"
        for si in _many(tags, "SI")
        if si.lower().startswith("clinicaltrials.gov/")
        for m in _NCT.findall(si)
    ]
    corrections = [
        {"type": kind, "source": value, "pmid": _pmid_in(value), "note": None}
        for tag, kind in CORRECTION_TAGS.items()
        for value in _many(tags, tag)
    ]
    types = [{"ui": None, "name": name} for name in _many(tags, "PT")]
    return {
        "pmid": _one(tags, "PMID"),
        "pmid_version": "1",
        "record_type": "article",
        "status": _one(tags, "STAT") or None,
        "owner": _one(tags, "OWN") or None,
        "title": title,
        "title_translated": title.startswith("[") and title.rstrip(".").endswith("]"),
        "vernacular_title": _one(tags, "TT") or None,
        "abstract": abstract,
        "journal": {
            "title": _one(tags, "JT") or None,
            "iso_abbreviation": _one(tags, "TA") or None,
            "issn": _issn(issns, ("Electronic", "Print")),
            "issn_linking": _issn(issns, ("Linking",)),
            "volume": _one(tags, "VI") or None,
            "issue": _one(tags, "IP") or None,
        },
        "pages": {"medline": _one(tags, "PG") or None},
        "pub_date": date_from_text(_one(tags, "DP")) if _one(tags, "DP") else None,
        "electronic_date": _compact_date(_one(tags, "DEP")),
        "doi": normalize_doi(ids.get("doi")),
        "doi_as_received": clean_doi(ids.get("doi")),
        "pmcid": _one(tags, "PMC") or ids.get("pmc") or None,
        "article_ids": ids,
        "authors": _authors(tags, order or []),
        "orcids": [orcid(v) for v in _many(tags, "AUID") if "orcid" in v.lower()],
        "languages": _many(tags, "LA"),
        "publication_types": types,
        "mesh": [mesh_heading(value) for value in _many(tags, "MH")],
        "keywords": [{"keyword": k, "owner": "NOTNLM", "major": False} for k in _many(tags, "OT")],
        "nct_ids": list(dict.fromkeys(nct_ids)),
        "nct_ids_text_mined": text_mined_ncts(abstract, nct_ids),
        "comments_corrections": corrections,
        "retracted": any(c["type"] == "RetractionIn" for c in corrections)
        or any(t["name"] == "Retracted Publication" for t in types),
        "publication_status": _one(tags, "PST") or None,
        "history": [_history(value) for value in _many(tags, "PHST")],
        "create_date": _create_date(_one(tags, "CRDT")),
        "source_citation": _one(tags, "SO") or None,
    }


def _one(tags: dict[str, Any], tag: str) -> str:
    value = tags.get(tag)
    if isinstance(value, list):
        value = " ".join(value)
    return clean_text(value) if value else ""


def _many(tags: dict[str, Any], tag: str) -> list[str]:
    value = tags.get(tag)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [clean_text(v) for v in values if v and v.strip()]


def _abstract(text: str) -> list[dict[str, str | None]]:
    """Split a flattened structured abstract ("BACKGROUND: ... RESULTS: ...") back into parts."""
    if not text:
        return []
    marks = list(_LABEL.finditer(text))
    if not marks or marks[0].start() != 0:
        return [{"label": None, "category": None, "text": text}]
    sections = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        sections.append(
            {"label": mark.group(1), "category": None, "text": text[mark.end() : end].strip()}
        )
    return sections


def _ids(values: list[str]) -> dict[str, str]:
    # Bio.Medline joins repeated LID lines with spaces; ids themselves hold none.
    ids: dict[str, str] = {}
    for value in values:
        for identifier, kind in re.findall(r"(\S+)\s*\[(\w+)\]", value):
            ids.setdefault(kind, identifier)
    return ids


def _issn(values: list[str], kinds: tuple[str, ...]) -> str | None:
    # Bio.Medline joins repeated IS lines with spaces: "1533-4406 (Electronic) 0028-...".
    for value in values:
        for issn, kind in re.findall(r"(\d{4}-\d{3}[\dXx])\s*\((\w+)\)", value):
            if kind in kinds:
                return str(issn)
    return None


def _authors(tags: dict[str, Any], order: list[str]) -> list[dict[str, Any]]:
    """Return FAU names (with AU initials), or AU names alone, then CN group authors.

    Bio.Medline keeps each tag's values apart, so where CN stood among the persons is lost.
    """
    full, short = _many(tags, "FAU"), _many(tags, "AU")
    authors: list[dict[str, Any]] = []
    for index, name in enumerate(full or short):
        # "AU  - Carson WE 3rd" / "FAU - Carson, William E 3rd": the suffix after the
        # initials is no initial, and no given name
        family, initials, suffix = (
            split_short_name(short[index]) if index < len(short) else ("", None, None)
        )
        if full:
            family, _, given = name.partition(", ")
            if suffix and given.split()[-1:] == [suffix]:
                given = given[: -len(suffix)].rstrip(" ,")
            elif index >= len(short):
                given, suffix = split_suffix(given)
        else:
            given = ""
        author = {
            "family": family or None,
            "given": given or None,
            "initials": initials or None,
            "collective": None,
        }
        if suffix:
            author["suffix"] = suffix
        authors.append(author)
    authors.extend(
        {"family": None, "given": None, "initials": None, "collective": name}
        for name in _many(tags, "CN")
    )
    _affiliations(authors, _many(tags, "AD"), order, "FAU" if full else "AU")
    return authors


def _affiliations(
    authors: list[dict[str, Any]], values: list[str], order: list[str], person: str
) -> None:
    """Give each author the AD lines that follow its name (and precede the next one)."""
    owners: list[int | None] = []
    persons = 0
    groups = sum(1 for a in authors if not a.get("collective"))  # (they follow the persons)
    owner: int | None = None
    for tag in order:
        if tag == person:
            owner, persons = persons, persons + 1
        elif tag == "CN":
            owner, groups = groups, groups + 1
        elif tag == "AD":
            owners.append(owner)
    if len(owners) != len(values):
        return  # (the lines and Bio.Medline's values disagree: guess nothing)
    for at, value in zip(owners, values, strict=True):
        text = clean_text(value)
        if at is not None and at < len(authors) and text:
            authors[at].setdefault("affiliations", []).append(text)


def mesh_heading(value: str) -> dict[str, Any]:
    """Return a MeSH heading written "*Descriptor/Qualifier/*Qualifier" (MEDLINE's MH, itb's
    exports) as its descriptor, qualifiers and major-topic marks."""
    descriptor, *qualifiers = value.split("/")
    return {
        "descriptor": descriptor.lstrip("*"),
        "ui": None,
        "major": descriptor.startswith("*"),
        "qualifiers": [
            {"name": q.lstrip("*"), "ui": None, "major": q.startswith("*")} for q in qualifiers
        ],
    }


def _pmid_in(value: str) -> str | None:
    found = re.search(r"PMID:\s*(\d+)", value)
    return found.group(1) if found else None


def _compact_date(value: str) -> str | None:
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def _history(value: str) -> dict[str, str | None]:
    found = re.match(r"(\d{4})/(\d{2})/(\d{2})(?: (\d{2}):(\d{2}))? \[(\w[\w-]*)\]", value)
    if not found:
        return {"status": None, "date": value}
    year, month, day, hour, minute, status = found.groups()
    date = f"{year}-{month}-{day}" + (f"T{hour}:{minute}" if hour else "")
    return {"status": status, "date": date}


def _create_date(value: str) -> str | None:
    found = re.match(r"(\d{4})/(\d{2})/(\d{2})", value)
    return "-".join(found.groups()) if found else None


def medline_records(
    text: str, source_name: str, origin: str, fetched_at: datetime | None = None
) -> Iterator[RawRecord]:
    """Yield RawRecords of a MEDLINE text, keyed by PMID (the file's own record id)."""
    when = fetched_at or datetime.now(UTC)
    for line, fields, raw in iter_medline(text, source_name, origin):
        if not fields["pmid"]:
            raise FileFormatError(
                f"{origin}, line {line}: a record without PMID; add it or remove the record"
            )
        yield RawRecord(
            source="file",
            source_name=source_name,
            source_key=fields["pmid"],
            raw_format=RAW_FORMAT,
            raw_payload=raw,
            fields=fields,
            fetched_at=when,
        )
