"""One reader per exported-file format: text -> RawRecord (or BadRecord), fields in one shape.

Fields use the names of the PubMed parsers (title, abstract sections, authors, pub_date,
journal, pages, doi, pmid, keywords...) so that every source normalizes alike. Each raw
payload is the record's own text as it stood in the file (a CSV row keeps its header).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import bibtexparser
import rispy
from pylatexenc.latex2text import LatexNodes2Text

from harvester.ctgov_json import registry_date, split_page, study_records
from harvester.errors import FileFormatError
from harvester.files import BadRecord, DecodedFile, Item, text_key
from harvester.medline import mesh_heading, parse_block, split_records
from harvester.names import SUFFIX, is_suffix, split_suffix
from harvester.pubmed_xml import (
    DeletedCitations,
    clean_doi,
    clean_text,
    date_from_text,
    iter_pubmed_xml,
    normalize_doi,
    text_mined_ncts,
)
from harvester.records import RawRecord

Reader = Callable[[DecodedFile, str, str, datetime], Iterator[Item]]
_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_DOI_NOTE = re.compile(r"\s*(?:doi\s*:?\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+\s*", re.I)


def read_records(
    decoded: DecodedFile, fmt: str, source_name: str, fetched_at: datetime | None = None
) -> Iterator[Item]:
    """Yield the records of a decoded file (a BadRecord for each one that cannot be read)."""
    readers: dict[str, Reader] = {
        "medline": read_medline,
        "pubmed-xml": read_pubmed_xml,
        "ris": read_ris,
        "ctgov-json": read_ctgov_json,
        "ctgov-csv": read_ctgov_csv,
        "pubmed-csv": read_pubmed_csv,
        "bibtex": read_bibtex,
        "csl-json": read_csl_json,
        "csv": read_plain_csv,
    }
    when = fetched_at or datetime.now(UTC)
    yield from readers[fmt](decoded, source_name, decoded.path.name, when)


def _record(
    source_name: str, key: str, fmt: str, raw: str, fields: dict[str, Any], when: datetime
) -> RawRecord:
    return RawRecord(
        source="file",
        source_name=source_name,
        source_key=key,
        raw_format=fmt,
        raw_payload=raw,
        fields={**fields, "record_id": key},
        fetched_at=when,
    )


EMPTY_RECORD = "a record with no title, authors, journal, year, DOI, PMID or abstract"


def is_empty(fields: dict[str, Any]) -> bool:
    """Return whether a record has no field to identify it by. A record without a title
    but with authors, journal, pages or a DOI is read (exports contain them, and
    deduplication decides them on those fields); one without any of these is bad input."""
    journal = fields.get("journal") or {}
    return not any(
        (
            fields.get("title"),
            fields.get("authors"),
            fields.get("pub_date"),
            fields.get("doi"),
            fields.get("pmid"),
            fields.get("nct_id"),
            any(s.get("text") for s in fields.get("abstract") or [] if isinstance(s, dict)),
            isinstance(journal, dict) and (journal.get("title") or journal.get("volume")),
        )
    )


# --- MEDLINE, PubMed XML, ClinicalTrials.gov JSON: the parsers the harvesters use -----------


def read_medline(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the records of a MEDLINE / .nbib export (PubMed website, Ovid)."""
    for line, block in split_records(decoded.lines()):
        if not re.match(r"^[A-Z][A-Z0-9]{0,3} *- ", block):
            yield BadRecord(f"line {line}", f"not a MEDLINE tag line: {block[:60]!r}")
            continue
        fields = parse_block(block)
        if is_empty(fields):
            yield BadRecord(f"line {line}", EMPTY_RECORD)
            continue
        key = fields["pmid"] or text_key("medline", block)
        yield _record(source_name, key, "medline", block, fields, when)


def read_pubmed_xml(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the articles of a PubmedArticleSet file, keyed by PMID."""
    for item in iter_pubmed_xml(decoded.chunks(), when, origin):
        if isinstance(item, DeletedCitations):
            continue
        yield dataclasses.replace(item, source="file", source_name=source_name)


def read_ctgov_json(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the studies of a ClinicalTrials.gov JSON file (one study, a page, or an array)."""
    _, studies = split_page(decoded.text(), origin)
    if studies is None:
        raise FileFormatError(f"{origin}: JSON without studies; expected ClinicalTrials.gov JSON")
    for number, (raw, fields) in enumerate(studies, start=1):
        try:
            (record,) = study_records([(raw, fields)], origin, when)
        except FileFormatError as exc:
            yield BadRecord(f"study {number}", str(exc).split(": ", 1)[-1])
            continue
        yield dataclasses.replace(record, source="file", source_name=source_name)


# A tag an itb export carried as a keyword ("KW  - outcome:spasticity"): not the authors'
# keyword, itb's own tag, kept apart ("carried_tags") so that the tagger reads it as the tag
# it names and no export writes it back as a keyword
_CARRIED_TAG = re.compile(r"(?:indication|complication|outcome|design):[a-z0-9_]+")


def keyword_fields(values: Iterable[str]) -> dict[str, Any]:
    """Return the keywords of VALUES (cleaned, each once) and, apart, the tags among them."""
    keywords: list[dict[str, Any]] = []
    carried: list[str] = []
    for value in dict.fromkeys(clean_text(str(v)) for v in values):
        if not value:
            continue
        if _CARRIED_TAG.fullmatch(value):
            carried.append(value)
        else:
            keywords.append({"keyword": value, "owner": None, "major": False})
    return {"keywords": keywords, "carried_tags": carried} if carried else {"keywords": keywords}


# --- CSL-JSON -------------------------------------------------------------------------------

# Where a CSL item says it is a registration (as RIS's database, journal, publisher and URL)
_CSL_SAID = ("publisher", "container-title", "URL", "genre", "source", "archive")


def read_csl_json(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the items of a CSL-JSON file (Zotero's "CSL JSON", citeproc's input, itb's own
    csl-json export): one record per item, the item itself as its raw payload."""
    try:
        items = json.loads(decoded.text())
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            f"{origin}: malformed JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
            "export the CSL JSON again"
        ) from None
    if isinstance(items, dict) and "type" in items:
        items = [items]  # (one item: a record's own stored payload, read again)
    if not isinstance(items, list):
        raise FileFormatError(f"{origin}: CSL JSON is an array of items; this is not")
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            yield BadRecord(f"item {number}", "not a CSL item (an object with a type)")
            continue
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True)
        fields = _csl_fields(item)
        if is_empty(fields):
            yield BadRecord(f"item {number}", EMPTY_RECORD)
            continue
        key = str(item.get("id") or "").strip() or text_key("csl", raw)
        yield _record(source_name, key, "csl-json", raw, fields, when)


def _csl_text(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    if isinstance(value, list):  # (some writers give one-value lists: "ISSN": ["..."])
        value = value[0] if value else None
    if value is None or isinstance(value, (dict, bool)):
        return None
    return clean_text(str(value)) or None


def _csl_date(value: Any) -> dict[str, Any] | None:
    """Return a CSL date ({"date-parts": [[2020, 5, 1]]}, or {"raw": "2020"}) as a printed
    date's year, month and day."""
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = []
        for part in parts[0][:3]:
            try:
                numbers.append(int(part))
            except (TypeError, ValueError):
                break
        if numbers:
            year, month, day = (numbers + [None, None])[:3]
            return {
                "raw": "-".join(str(n) for n in numbers),
                "year": year,
                "month": month,
                "day": day,
                "sortable": "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(numbers)),
            }
    raw = value.get("raw") or value.get("literal")
    return date_from_text(str(raw)) if raw else None


def _csl_author(person: Any) -> dict[str, Any] | None:
    if not isinstance(person, dict):
        return None
    family = clean_text(str(person.get("family") or ""))
    if not family:
        literal = clean_text(str(person.get("literal") or ""))
        if not literal:
            return None
        return {"family": None, "given": None, "initials": None, "collective": literal}
    given = clean_text(str(person.get("given") or "")) or None
    found = split_person(f"{family}, {given}" if given else family)
    found["family"] = family
    suffix = clean_text(str(person.get("suffix") or ""))
    return found | {"suffix": suffix} if suffix else found


def _csl_fields(item: dict[str, Any]) -> dict[str, Any]:
    custom: dict[str, Any] = item["custom"] if isinstance(item.get("custom"), dict) else {}
    abstract = _csl_text(item, "abstract")
    sections = [{"label": None, "category": None, "text": abstract}] if abstract else []
    written = clean_doi(_csl_text(item, "DOI"))
    keywords = [k.strip() for k in re.split(r"[,;]", _csl_text(item, "keyword") or "")]
    # itb's own: its tags, as a RIS export carries them in KW lines ("outcome:spasticity")
    facets: dict[str, Any] = custom["facets"] if isinstance(custom.get("facets"), dict) else {}
    for facet in ("indication", "complication", "outcome"):
        keywords += [f"{facet}:{i}" for i in facets.get(facet) or [] if isinstance(i, str)]
    said = " ".join(str(_csl_text(item, name) or "") for name in _CSL_SAID)
    own = " ".join(str(_csl_text(item, name) or "") for name in ("number", "id"))
    every = " ".join(str(v) for v in item.values() if isinstance(v, str))
    report = item.get("type") == "report"
    fields: dict[str, Any] = {
        "title": _csl_text(item, "title") or "",
        "title_translated": False,
        "abstract": sections,
        "authors": [a for a in map(_csl_author, item.get("author") or []) if a],
        "pub_date": _csl_date(item.get("issued")),
        "journal": {
            "title": _csl_text(item, "container-title"),
            "iso_abbreviation": _csl_text(item, "container-title-short")
            or _csl_text(item, "journalAbbreviation"),
            "issn": _csl_text(item, "ISSN"),
            "volume": _csl_text(item, "volume"),
            "issue": _csl_text(item, "issue"),
        },
        "pages": {"medline": (_csl_text(item, "page") or "").replace("\u2013", "-") or None},
        "doi": written.lower() if written else None,
        "doi_as_received": written,
        "pmid": _csl_text(item, "PMID"),
        "pmcid": _csl_text(item, "PMCID"),
        **keyword_fields(keywords),
        # itb's own: the MeSH headings as harvested ("Baclofen/administration & dosage")
        "mesh": [
            mesh_heading(clean_text(m))
            for m in custom.get("mesh") or []
            if isinstance(m, str) and m.strip()
        ],
        "languages": [x for x in [_csl_text(item, "language")] if x],
        # the source's own types itb's export keeps ("Comment", "Review"), and a conference
        # paper's CSL type as the type the record's kind is read from (the CSL type itself,
        # "article-journal", is no publication type: the raw payload keeps it)
        "publication_types": [
            {"ui": None, "name": name}
            for name in dict.fromkeys(
                [str(t) for t in custom.get("publication_types") or [] if isinstance(t, str)]
                + (["conference"] if item["type"] == "paper-conference" else [])
            )
        ],
        "nct_ids": list(
            dict.fromkeys(
                n.upper() for n in custom.get("linked_nct_ids") or [] if _NCT.fullmatch(str(n))
            )
        ),
        "nct_ids_text_mined": text_mined_ncts(sections, []),
        "record_type": "article",
        **registration_fields(said, own, every, report),
    }
    if fields["record_type"] == "registration":
        authors = fields["authors"]
        if len(authors) == 1 and authors[0].get("collective"):
            # a registration's one organisation as author: its sponsor (as itb writes it)
            fields["sponsor"] = {"name": authors[0]["collective"]}
            fields["authors"] = []
        # the registry's facts itb's export keeps (status, phase, planned enrollment, brief
        # title, first and last posted)
        brief = _csl_text(item, "title-short")
        if brief:
            fields["brief_title"] = brief
        posted = fields["pub_date"]
        if posted and posted.get("year"):
            fields["first_posted"] = registry_date(posted["sortable"])
        updated = custom.get("last_update_posted")
        if isinstance(updated, str) and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", updated):
            fields["last_update_posted"] = registry_date(updated)
        status = _csl_text(item, "status")
        if status:
            fields["overall_status"] = status
        phase = custom.get("phase")
        if isinstance(phase, str) and phase:
            fields["phases"] = [p.strip() for p in phase.split(",") if p.strip()]
        enrollment = custom.get("enrollment")
        if isinstance(enrollment, dict) and isinstance(enrollment.get("count"), int):
            fields["enrollment"] = {"count": enrollment["count"], "type": enrollment.get("type")}
    return fields


# --- RIS ------------------------------------------------------------------------------------

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|)$")


def _ris_blocks(lines: Iterable[str]) -> Iterator[tuple[int, list[tuple[str, str]], str]]:
    """Yield (first line, tagged lines, raw text) per RIS record.

    A record runs from TY to ER, or to the next TY, or to the end of the file (exports
    without a final ER exist). Untagged lines continue the value before them, except
    Embase's "Link to ..." notes and the bare URL lines after them.
    """
    tags: list[tuple[str, str]] = []
    raw: list[str] = []
    start = 0
    skipping_link = False
    for number, line in enumerate(lines, start=1):
        found = _RIS_LINE.match(line.rstrip())
        if found:
            tag, value = found.group(1), (found.group(2) or "").strip()
            skipping_link = False
            if tag == "TY" and tags:
                yield start, tags, "\n".join(raw) + "\n"
                tags, raw = [], []
            if not tags:
                start = number
            raw.append(line)
            if tag == "ER":
                if tags:
                    yield start, tags, "\n".join(raw) + "\n"
                tags, raw = [], []
                continue
            tags.append((tag, value))
            continue
        stripped = line.strip()
        if not tags:
            continue
        raw.append(line)
        if stripped.lower().startswith("link to "):
            skipping_link = True
            continue
        if skipping_link and re.match(r"^https?://\S+$", stripped):
            continue
        if stripped:
            previous_tag, previous = tags[-1]
            tags[-1] = (previous_tag, f"{previous} {stripped}".strip())
    if tags:
        yield start, tags, "\n".join(raw) + "\n"


# Tag variants that mean the same thing, first found wins (TI/T1, AB/N2, AU/A1...).
_RIS_TITLE = ("title", "primary_title")
_RIS_JOURNAL = ("secondary_title", "journal_name", "alternate_title3", "alternate_title2")
_RIS_ABBREVIATION = ("alternate_title1", "alternate_title2", "journal_name")


def read_ris(decoded: DecodedFile, source_name: str, origin: str, when: datetime) -> Iterator[Item]:
    """Yield the records of a RIS export (Embase, Scopus, Web of Science, CINAHL, EndNote...)."""
    for line, tags, raw in _ris_blocks(decoded.lines()):
        entry = _ris_entry(tags)
        fields = _ris_fields(entry, source_name)
        if is_empty(fields):
            yield BadRecord(f"line {line}", EMPTY_RECORD)
            continue
        yield _record(source_name, _ris_key(entry, raw), "ris", raw, fields, when)


def _ris_entry(tags: list[tuple[str, str]]) -> dict[str, Any]:
    """Return a record's values by rispy's names (its tag table and list tags)."""
    entry: dict[str, Any] = {}
    for tag, value in tags:
        name = rispy.TAG_KEY_MAPPING.get(tag)
        if name is None or not value:
            continue
        if tag in rispy.LIST_TYPE_TAGS:
            known = entry.setdefault(name, [])
            if not isinstance(known, list):  # a one-value tag of the same name came first
                known = entry[name] = [known]
            known.append(value)
        elif name not in entry:
            entry[name] = value
        elif name in ("notes_abstract", "abstract"):
            entry[name] = f"{entry[name]} {value}"
    return entry


def _first(entry: dict[str, Any], names: Iterable[str]) -> str | None:
    for name in names:
        value = entry.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value and str(value).strip():
            return clean_text(str(value))
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _values(entry: dict[str, Any], name: str) -> list[Any]:
    """Return ENTRY's values of NAME as a list, whether one tag or several gave them."""
    value = entry.get(name)
    return [] if value is None else _as_list(value)


# RIS's DA: "2016/02/14/", "2016/02//", "2016///Spring"
_RIS_DA = re.compile(r"^(\d{4})/(\d{1,2})?/(\d{1,2})?/?")


def _ris_date(year: str, written: str | None) -> dict[str, Any]:
    """Return the printed date of a record: PY's year (or the first date field's), with the
    month and day of DA when DA gives them for the same year."""
    found = date_from_text(year)
    day_found = _RIS_DA.match(written or "")
    if day_found and found["year"] == int(day_found.group(1)) and day_found.group(2):
        month = int(day_found.group(2))
        day = int(day_found.group(3)) if day_found.group(3) else None
        if 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            found = date_from_text(
                f"{found['year']} {_MONTH_NAMES[month - 1]}" + (f" {day}" if day else "")
            )
    return found


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ris_key(entry: dict[str, Any], raw: str) -> str:
    for name in ("accession_number", "id"):
        value = _first(entry, [name])
        if value:
            return value
    for url in _values(entry, "urls"):
        found = re.search(r"eid=(2-s2\.0-\d+)", str(url))
        if found:
            return found.group(1)
    return text_key("ris", raw)


def _ris_fields(entry: dict[str, Any], source_name: str = "") -> dict[str, Any]:
    abstract = _first(entry, ["abstract", "notes_abstract"])
    authors = [
        split_person(str(a)) for a in _values(entry, "authors") or _values(entry, "first_authors")
    ]
    year = _first(entry, ["year", "publication_year", "date"])
    start, end = _first(entry, ["start_page"]), _first(entry, ["end_page"])
    written = clean_doi(_first(entry, ["doi"]))
    if written is None:
        # a DOI-shaped M3, then a DOI in an address, then a note that is a DOI and nothing
        # else ("DOI: 10.1111/ner.12467"; a note citing another paper's DOI is no DOI of this)
        notes = [str(n) for n in _values(entry, "notes") if _DOI_NOTE.fullmatch(str(n))]
        for url in (
            _values(entry, "type_of_work")
            + _values(entry, "urls")
            + _values(entry, "file_attachments2")
            + notes
        ):
            found = _DOI_IN_TEXT.search(str(url))
            if found and (written := clean_doi(found.group(1))):
                break
    doi = written.lower() if written else None
    sections = [{"label": None, "category": None, "text": abstract}] if abstract else []
    fields = {
        "title": _first(entry, _RIS_TITLE) or "",
        "title_translated": False,
        "abstract": sections,
        "authors": authors,
        "pub_date": _ris_date(year, _first(entry, ["date"])) if year else None,
        "journal": {
            "title": _first(entry, _RIS_JOURNAL),
            "iso_abbreviation": _first(entry, _RIS_ABBREVIATION),
            "issn": _first(entry, ["issn"]),
            "volume": _first(entry, ["volume"]),
            "issue": _first(entry, ["number"]),
        },
        "pages": {"medline": "-".join(p for p in (start, end) if p) or None},
        "doi": doi,
        "doi_as_received": written,
        "pmid": _pmid_from(entry, source_name),
        "pmcid": _pmcid_from(entry),
        **keyword_fields(str(x) for x in _values(entry, "keywords")),
        "languages": [x for x in [_first(entry, ["language"])] if x],
        # the reference type, and M3's publication type where it is one ("Comment"; an M3
        # that holds a DOI is read as the DOI)
        "publication_types": [
            {"ui": None, "name": name}
            for name in dict.fromkeys(
                [_first(entry, ["type_of_reference"])]
                + [t for t in [_first(entry, ["type_of_work"])] if t and not _DOI_IN_TEXT.search(t)]
            )
        ],
        "nct_ids": [],
        "nct_ids_text_mined": text_mined_ncts(sections, []),
        "database": _first(entry, ["name_of_database", "database_provider"]),
        "record_type": "article",
        **_registration(entry),
    }
    if fields["record_type"] == "registration":
        brief = _first(entry, ["short_title"])
        if brief:
            fields["brief_title"] = brief
        named = _values(entry, "authors") or _values(entry, "first_authors")
        if len(named) == 1 and _ORGANISATION.search(str(named[0])):
            # a registration's one name, an organisation's: its sponsor (as itb writes it; a
            # person's name, "Smith J", stays an author)
            fields["sponsor"] = {"name": clean_text(str(named[0]))}
            fields["authors"] = []
    return fields


# A name that is an organisation's, not a person's
_ORGANISATION = re.compile(
    r"\b(?:Universit\w*|Hospital\w*|H[oô]pita\w*|Institut\w*|Foundation|Cent(?:er|re)s?|Clinic\w*|College"
    r"|School|Society|Association|Council|Ministry|Department|Medtronic|Inc|Ltd|LLC|GmbH|AG|S\.?A"
    r"|Corporation|Company|Pharma\w*|Laborator\w*|Trust|Group|Network|Consortium|NHS|Health\w*"
    r"|Medical|Research|Sciences?)\b",
    re.I,
)


_NCT = re.compile(r"\bNCT\d{8}\b", re.I)
_REGISTRY = re.compile(r"clinicaltrials\.gov", re.I)
# A registry mirror's address names the study as a path segment or query value of its own
# ("https://trials.example/clinical-trials/some-title/NCT01051128"), as no paper's does.
_NCT_AS_ADDRESS = re.compile(r"\bhttps?://[^\s]*?[/=](NCT\d{8})(?=$|[/?#&.\s])", re.I)
_REGISTRY_FIELDS = (
    "name_of_database", "database_provider", "secondary_title", "journal_name",
    "alternate_title3", "publisher", "urls", "accession_number", "id", "type_of_work",
)  # fmt: skip


def _registration(entry: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of a trial registration exported from a reference manager or a
    database: ClinicalTrials.gov named as database, journal, publisher or URL, an NCT number
    as the record's own id (AN, ID) or as a segment of its URL (a registry mirror's page), or
    a report (TY RPRT) that names an NCT number; nothing for a paper, however many NCT
    numbers its text mentions."""
    said = " ".join(str(v) for name in _REGISTRY_FIELDS for v in _values(entry, name))
    own = " ".join(str(v) for name in ("accession_number", "id") for v in _values(entry, name))
    report = str(_first(entry, ["type_of_reference"]) or "").upper() == "RPRT"
    every = " ".join(str(v) for value in entry.values() for v in _as_list(value))
    fields = registration_fields(said, own, every, report)
    for note in _values(entry, "notes"):
        if fields:
            fields.update(registry_note_fields(str(note)))
        elif linked := linked_ncts_in_note(str(note)):
            # the registrations an itb export said an article names ("linked_nct=NCT...")
            fields["nct_ids"] = linked
    return fields


# The registry's facts an itb export wrote into a registration's note ("N1  - ITB-KB:
# status=COMPLETED; phase=PHASE2; enrollment=500 (ESTIMATED); ..."), read back so that a
# registration re-imported keeps its status and planned enrollment
_ITB_NOTE = re.compile(r"^\s*ITB-KB:\s*(?P<body>.*)$", re.S)
_NOTE_ENROLLMENT = re.compile(r"^(?P<count>\d+)(?:\s*\((?P<type>ACTUAL|ESTIMATED|ANTICIPATED)\))?$")


def _itb_note(note: str) -> dict[str, str]:
    """Return the "key=value" parts of itb's own note, or nothing for any other note."""
    found = _ITB_NOTE.match(note)
    if found is None:
        return {}
    parts = (part.partition("=") for part in found.group("body").split(";"))
    return {key.strip(): value.strip() for key, _, value in parts if key.strip()}


def linked_ncts_in_note(note: str) -> list[str]:
    """Return the NCT ids itb's own note on an article names ("linked_nct=NCT1,NCT2")."""
    linked = _itb_note(note).get("linked_nct") or ""
    return list(dict.fromkeys(n.upper() for n in _NCT.findall(linked)))


def registry_note_fields(note: str) -> dict[str, Any]:
    """Return overall_status, phases, enrollment and last_update_posted from itb's own note
    on a registration, or nothing for any other note."""
    fields: dict[str, Any] = {}
    for key, value in _itb_note(note).items():
        if key == "status" and value:
            fields["overall_status"] = value
        elif key == "phase" and value:
            fields["phases"] = [p.strip() for p in value.split(",") if p.strip()]
        elif key == "enrollment" and (count := _NOTE_ENROLLMENT.match(value)):
            fields["enrollment"] = {"count": int(count["count"]), "type": count["type"]}
        elif key == "last_update_posted" and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
            fields["last_update_posted"] = registry_date(value)
    return fields


def registration_fields(said: str, own: str, every: str, report: bool = False) -> dict[str, Any]:
    """Return nct_id, nct_ids and record_type of a registration, or nothing for a paper.

    SAID: the fields that name where the record comes from (database, journal, publisher,
    URL); OWN: the record's own ids; EVERY: all its text; REPORT: exported as a report."""
    own_nct = _NCT.search(own) is not None
    addressed = _NCT_AS_ADDRESS.findall(said)
    if not (_REGISTRY.search(said) or own_nct or addressed or (report and _NCT.search(every))):
        return {}
    ncts = list(
        dict.fromkeys(
            n.upper()
            for n in _NCT.findall(own) or addressed or _NCT.findall(said) or _NCT.findall(every)
        )
    )
    if not ncts:
        return {}
    return {"nct_id": ncts[0], "nct_ids": ncts, "record_type": "registration"}


_PUBMED_URL = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,8})\b")
# DB/DP values (and --source-name) that make a numeric AN or ID a PMID: "NLM", "PubMed",
# "MEDLINE", "Ovid MEDLINE(R)", "PubMed Central" is not among them (PMC ids are not PMIDs).
_PUBMED_DATABASE = re.compile(r"\b(?:pubmed|medline|nlm)\b(?!\s*central)", re.I)
_PMCID = re.compile(r"\bPMC\d{4,9}\b")


def _pmid_from(entry: dict[str, Any], source_name: str = "") -> str | None:
    database = " ".join(
        str(_first(entry, [name]) or "") for name in ("name_of_database", "database_provider")
    )
    from_pubmed = bool(_PUBMED_DATABASE.search(f"{database} {source_name}"))
    for name in ("accession_number", "id"):
        value = str(_first(entry, [name]) or "").strip()
        if from_pubmed and value.isdigit() and len(value) <= 8:
            return value.lstrip("0") or None
    for address in _values(entry, "urls") + _values(entry, "file_attachments2"):
        found = _PUBMED_URL.search(str(address))
        if found:
            return found.group(1)
    for name in ("notes", "custom1", "custom2", "accession_number", "note"):
        for value in _values(entry, name):
            found = re.search(r"(?:PMID|PUBMED ID)[:\s]*(\d{1,8})\b", str(value), re.I)
            if found:
                return found.group(1)
    return None


def _pmcid_from(entry: dict[str, Any]) -> str | None:
    """Return a PMC id named anywhere it is usually put (C2, N1, UR, L2, AN)."""
    for name in ("custom2", "notes", "urls", "file_attachments2", "accession_number", "custom1"):
        for value in _values(entry, name):
            found = _PMCID.search(str(value))
            if found:
                return found.group(0)
    return None


def split_person(name: str) -> dict[str, str | None]:
    """Return family, given and initials of a person's name as exports write it.

    "Family, Given" (RIS, BibTeX, EndNote), "Family INITIALS" (PubMed, Scopus) and
    "Given Family" are understood.
    """
    name = clean_text(name.strip())
    if "," in name:
        family, _, given = name.partition(",")
        given, suffix = _given_and_suffix(given.strip())
        initials = "".join(p[0] for p in re.split(r"[\s.-]+", given) if p) or None
        found = {"family": family.strip(), "given": given or None, "initials": initials}
        return found | {"suffix": suffix} if suffix else found
    parts = name.split()
    if len(parts) >= 3 and is_suffix(parts[-1]):
        # "Carson WE 3rd", "William E. Carson III", "Martin Luther King Jr."
        found = split_person(" ".join(parts[:-1]))
        return found | {"suffix": parts[-1].rstrip(",")} if found["family"] else found
    parts = name.rstrip(".").split()
    if len(parts) >= 2 and re.fullmatch(_INITIALS, parts[-1]):
        # "Kloner R. A.": every trailing initial, not only the last one.
        cut = len(parts) - 1
        while cut > 1 and re.fullmatch(r"[A-Z]\.?", parts[cut - 1]):
            cut -= 1
        initials = "".join(parts[cut:]).replace(".", "")
        return {"family": " ".join(parts[:cut]), "given": None, "initials": initials}
    squeezed = _SQUEEZED.fullmatch(name)
    if squeezed:  # "SmithJ." (names and initials run together, no space)
        return {"family": squeezed.group(1), "given": None,
                "initials": squeezed.group(2).replace(".", "")}  # fmt: skip
    if len(parts) >= 2:
        initials = "".join(p[0] for p in parts[:-1])
        return {"family": parts[-1], "given": " ".join(parts[:-1]), "initials": initials}
    return {"family": name.rstrip(".") or None, "given": None, "initials": None}


def _given_and_suffix(given: str) -> tuple[str, str | None]:
    """Return the given names and the suffix of what follows a family name and a comma.

    "William E, 3rd" (RIS: "Family, Given, Suffix"), "3rd, William E" (BibTeX: "Family, Jr,
    Given") and "William E 3rd" (MEDLINE's FAU) all give ("William E", "3rd").
    """
    if "," in given:
        first, _, rest = given.partition(",")
        if is_suffix(rest):
            return first.strip(), rest.strip()
        if is_suffix(first):
            return rest.strip(), first.strip()
        return given, None
    return split_suffix(given)


_INITIALS = r"(?:[A-Z]\.?){1,4}"
_RUN_TOGETHER = re.compile(r"(?<=\.)(?=[A-Z](?:[a-z]|'[A-Z]))")
_SQUEEZED = re.compile(r"([A-Z][a-z'\-]+(?:[ -][A-Z][a-z'\-]+)*)((?:[A-Z]\.)+)")
_INITIALS_NAME = re.compile(rf"^[^\d,]+ {_INITIALS}(?: (?:{SUFFIX.pattern}))?$")


# --- CSV formats ----------------------------------------------------------------------------


# Python's csv module refuses fields over 128 KiB and then cannot go on reading the file; the
# limit is raised so that one oversized field costs its record only (a BadRecord), not the file.
csv.field_size_limit(1 << 30)
MAX_FIELD_CHARS = 1_000_000  # far beyond any bibliographic field (long abstracts: ~30,000)


def _csv_rows(
    lines: Iterable[str], origin: str
) -> Iterator[tuple[int, dict[str, str], str] | BadRecord]:
    """Yield (line, row by lower-case column name, raw text with its header) of CSV lines,
    or a BadRecord for a row with a field too large to be bibliographic data."""
    source = iter(lines)
    header_line = next(source, "")
    delimiter = max(",\t;", key=header_line.count)
    try:
        header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
    except StopIteration:
        return
    consumed: list[str] = []

    def feed() -> Iterator[str]:
        for line in source:
            consumed.append(line)
            yield line + "\n"

    reader = csv.reader(feed(), delimiter=delimiter)
    line = 2
    try:
        for values in reader:
            raw = "\n".join(consumed)
            count = len(consumed)
            consumed.clear()
            if any(v.strip() for v in values):
                if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                    raise FileFormatError(
                        f"{origin}, line {line}: {len(values)} columns for a header of "
                        f"{len(header)}; check the delimiter and quoting"
                    )
                huge = [i for i, v in enumerate(values) if len(v) > MAX_FIELD_CHARS]
                if huge:
                    name = header[huge[0]] if huge[0] < len(header) else f"column {huge[0] + 1}"
                    size = len(values[huge[0]]) / 1e6
                    yield BadRecord(
                        f"line {line}",
                        f'the field "{name}" holds {size:.1f} million characters, more than '
                        f"any bibliographic field ({MAX_FIELD_CHARS:,} at most)",
                    )
                else:
                    row = {h: clean_text(v) for h, v in zip(header, values, strict=False)}
                    yield line, row, f"{header_line}\n{raw}\n"
            line += count
    except csv.Error as exc:
        raise FileFormatError(f"{origin}, line {line}: {exc}; check the CSV quoting") from None


def _pick(row: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = row.get(name)
        if value:
            return value
    return None


def _people(value: str | None) -> list[dict[str, str | None]]:
    """Split an author list: "A and B", "A; B", or PubMed's "Lim SM, Shiau CWC, Lau Y."."""
    if not value:
        return []
    if " and " in value:
        names = value.split(" and ")
    elif _RUN_TOGETHER.search(value) and "," not in value and ";" not in value:
        names = _RUN_TOGETHER.split(value)  # "Bang J.Lobach I. V.Lang A. E." (Scopus)
    elif ";" in value:
        names = value.split(";")
    else:
        parts = [p.strip().rstrip(".") for p in value.split(",") if p.strip().strip(".")]
        names = parts if all(_INITIALS_NAME.match(p) for p in parts) else [value]
    return [split_person(n) for n in names if n.strip().strip(".")]


def read_ctgov_csv(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the studies of a ClinicalTrials.gov website CSV download (columns by name)."""
    for item in _csv_rows(decoded.lines(), origin):
        if isinstance(item, BadRecord):
            yield item
            continue
        line, row, raw = item
        nct = (row.get("nct number") or "").upper()
        if not re.fullmatch(r"NCT\d{8}", nct):
            yield BadRecord(f"line {line}", f"no NCT Number (found {nct!r})")
            continue
        yield _record(source_name, nct, "ctgov-csv", raw, _ctgov_csv_fields(row, nct), when)


def _bars(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _design(value: str | None) -> dict[str, str]:
    design = {}
    for part in _bars(value):
        name, _, setting = part.partition(":")
        design[name.strip().lower()] = setting.strip()
    return design


def _measures(value: str | None) -> list[dict[str, str]]:
    return [{"measure": measure} for measure in _bars(value)]


def _csv_date(value: str | None) -> dict[str, Any]:
    if not value:
        return {"date": None, "type": None, "precision": None}
    for pattern, precision in (
        ("%Y-%m-%d", "day"),
        ("%Y-%m", "month"),
        ("%B %d, %Y", "day"),
        ("%B %Y", "month"),
        ("%Y", "year"),
    ):
        try:
            parsed = datetime.strptime(value, pattern)
        except ValueError:
            continue
        text = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision]
        return {"date": parsed.strftime(text), "type": None, "precision": precision}
    return {"date": value, "type": None, "precision": None}


def _ctgov_csv_fields(row: dict[str, str], nct: str) -> dict[str, Any]:
    design = _design(row.get("study design"))
    enrollment = _pick(row, "enrollment")
    interventions = []
    for item in _bars(row.get("interventions")):
        kind, _, name = item.partition(":")
        interventions.append(
            {"type": kind.strip() if name else None, "name": (name or kind).strip()}
        )
    return {
        "nct_id": nct,
        "title": _pick(row, "study title", "title") or "",
        "brief_title": _pick(row, "study title", "title"),
        "acronym": _pick(row, "acronym"),
        "brief_summary": _pick(row, "brief summary"),
        "overall_status": _pick(row, "study status", "status"),
        "has_results": (row.get("study results") or "").upper() == "YES",
        "conditions": _bars(row.get("conditions")),
        "interventions": interventions,
        "primary_outcomes": [{"measure": m} for m in _bars(row.get("primary outcome measures"))],
        "secondary_outcomes": [
            {"measure": m} for m in _bars(row.get("secondary outcome measures"))
        ],
        "sponsor": {"name": _pick(row, "sponsor")},
        "collaborators": _bars(row.get("collaborators")),
        "phases": _bars(row.get("phases")),
        "enrollment": {
            "count": int(enrollment) if enrollment and enrollment.isdigit() else None,
            "type": None,
        },
        "study_type": _pick(row, "study type"),
        "allocation": design.get("allocation"),
        "intervention_model": design.get("intervention model"),
        "masking": design.get("masking"),
        "primary_purpose": design.get("primary purpose"),
        "eligibility": {"sex": _pick(row, "sex"), "ages": _pick(row, "age")},
        "other_ids": _bars(row.get("other ids")),
        "start": _csv_date(row.get("start date")),
        "primary_completion": _csv_date(row.get("primary completion date")),
        "completion": _csv_date(row.get("completion date")),
        "first_posted": _csv_date(row.get("first posted")),
        "last_update_posted": _csv_date(row.get("last update posted")),
        "locations": _bars(row.get("locations")),
        "record_type": "registration",
    }


_CITATION = re.compile(
    r"^(?P<journal>[^.]+?)\.\s+(?P<date>\d{4}[^;:.]*?)"
    r"(?:;(?P<volume>[^(:.]*)(?:\((?P<issue>[^)]*)\))?)?(?::(?P<pages>[^.\s]+))?\."
)


def read_pubmed_csv(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the records of a PubMed website CSV export (current or pre-2020 layout)."""
    for item in _csv_rows(decoded.lines(), origin):
        if isinstance(item, BadRecord):
            yield item
            continue
        line, row, raw = item
        pmid = _pick(row, "pmid", "entrezuid") or ""
        if not pmid.isdigit():
            yield BadRecord(f"line {line}", f"no PMID (found {pmid!r})")
            continue
        citation = _pick(row, "citation", "details") or ""
        found = _CITATION.match(citation)
        parts = found.groupdict() if found else {}
        year = _pick(row, "publication year") or (parts.get("date") or "")[:4]
        doi_match = re.search(r"doi:\s*(\S+?)\.?(?:\s|$)", citation)
        doi = _pick(row, "doi") or (doi_match.group(1) if doi_match else None)
        fields = {
            "pmid": pmid,
            "title": _pick(row, "title") or "",
            "title_translated": (_pick(row, "title") or "").startswith("["),
            "abstract": [],
            "authors": _people(_pick(row, "authors", "description")),
            "pub_date": date_from_text(parts.get("date") or year) if (parts or year) else None,
            "journal": {
                "title": None,
                "iso_abbreviation": _pick(row, "journal/book") or parts.get("journal"),
                "volume": (parts.get("volume") or "").strip() or None,
                "issue": parts.get("issue"),
            },
            "pages": {"medline": parts.get("pages")},
            "doi": normalize_doi(doi),
            "doi_as_received": clean_doi(doi),
            "pmcid": _pick(row, "pmcid"),
            "create_date": (_pick(row, "create date") or "").replace("/", "-") or None,
            "citation": citation or None,
            "record_type": "article",
        }
        if is_empty(fields):
            yield BadRecord(f"line {line}", EMPTY_RECORD)
            continue
        yield _record(source_name, pmid, "pubmed-csv", raw, fields, when)


def read_plain_csv(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the records of a CSV with named columns (title required; id, authors... optional)."""
    for item in _csv_rows(decoded.lines(), origin):
        if isinstance(item, BadRecord):
            yield item
            continue
        line, row, raw = item
        title = _pick(row, "title", "primary_title", "article title")
        key = _pick(row, "id", "record_id", "key", "accession", "accession number")
        abstract = _pick(row, "abstract")
        year = _pick(row, "year", "publication_year", "publication year", "py")
        fields = {
            "title": title,
            "title_translated": False,
            "abstract": [{"label": None, "category": None, "text": abstract}] if abstract else [],
            "authors": _people(_pick(row, "authors", "author")),
            "pub_date": date_from_text(year) if year else None,
            "journal": {
                "title": _pick(
                    row, "journal", "source", "secondary_title", "source title", "booktitle"
                ),
                "volume": _pick(row, "volume"),
                "issue": _pick(row, "issue", "number"),
                "issn": _pick(row, "issn"),
            },
            "pages": {"medline": _pick(row, "pages")},
            "doi": normalize_doi(_pick(row, "doi")),
            "doi_as_received": clean_doi(_pick(row, "doi")),
            "pmid": _pick(row, "pmid"),
            "keywords": [
                {"keyword": k.strip(), "owner": None, "major": False}
                # Scopus writes its authors' keywords as "Author Keywords"; its "Index
                # Keywords" and Web of Science's "Keywords Plus" are the aggregator's own terms
                # (the coding manual reads authors' keywords and MeSH headings only)
                for k in re.split(r";", _pick(row, "keywords", "author keywords") or "")
                if k.strip()
            ],
            "publication_types": [{"ui": None, "name": _pick(row, "entrytype", "type")}],
            "record_type": "article",
        }
        said = " ".join(
            v for v in (_pick(row, "journal", "source", "secondary_title", "source title"),
                        _pick(row, "url", "link"), _pick(row, "database")) if v
        )  # fmt: skip
        fields.update(
            registration_fields(said, key or "", raw, (_pick(row, "type") or "").upper() == "RPRT")
        )
        if row.keys() >= _ITB_CSV_COLUMNS:
            fields.update(_itb_csv_fields(row, fields))
        if is_empty(fields):
            yield BadRecord(f"line {line}", EMPTY_RECORD)
            continue
        yield _record(source_name, key or text_key("csv", raw), "csv", raw, fields, when)


# The columns of itb's own CSV export (all of them: a screening tool's "outcome" column alone
# is no tag)
_ITB_CSV_COLUMNS = frozenset({"record_kind", "design", "indication", "complication", "outcome"})


_KIND_AS_TYPE = {
    "comment": "Comment", "erratum": "Published Erratum", "retraction": "Retraction of Publication",
    "conference": "Conference", "preprint": "Preprint", "thesis": "Thesis",
}  # fmt: skip


def _itb_csv_fields(row: dict[str, str], fields: dict[str, Any]) -> dict[str, Any]:
    """Return what itb's own CSV export says beside a citation: the tags (read back as the
    tags they are, apart from the keywords), the MeSH headings, the PMCID and the
    registrations an article names."""
    found: dict[str, Any] = {}
    carried = [
        f"{facet}:{value.strip()}"
        for facet in ("indication", "complication", "outcome")
        for value in (row.get(facet) or "").split(";")
        if _CARRIED_TAG.fullmatch(f"{facet}:{value.strip()}")
    ]
    if carried:
        found["carried_tags"] = carried
    mesh = [m.strip() for m in (row.get("mesh") or "").split(";") if m.strip()]
    if mesh:
        found["mesh"] = [mesh_heading(m) for m in mesh]
    if row.get("pmcid"):
        found["pmcid"] = row["pmcid"].strip()
    linked = [n.upper() for n in _NCT.findall(row.get("linked_nct_ids") or "")]
    if linked and fields.get("record_type") != "registration":
        found["nct_ids"] = list(dict.fromkeys(linked))
    kind = _KIND_AS_TYPE.get((row.get("record_kind") or "").strip())
    if kind:
        # the work's kind, as the publication type it is read from ("comment", "erratum")
        found["publication_types"] = [*fields["publication_types"], {"ui": None, "name": kind}]
    size = (row.get("sample_size") or "").strip()
    if fields.get("record_type") == "registration" and size.isdigit():
        # a registration's N is its planned or actual enrollment (the coding manual)
        found["enrollment"] = {"count": int(size), "type": None}
    return found


# --- BibTeX ---------------------------------------------------------------------------------


def _latex(value: str | None) -> str | None:
    """Return a BibTeX field's VALUE as the text it stands for: accents, special letters,
    escaped characters and symbols decoded by pylatexenc ({\\"u} -> ü, {\\o} -> ø, \\& -> &,
    $\\mu$ -> μ, -- -> an en dash), formatting commands and braces dropped, and every
    character that is no well-formed LaTeX kept as written: the raw "50% of", "US$ 20,000",
    "A & B" and "~50" other tools' files hold (LaTeX would read a comment, mathematics, a
    column and a space there)."""
    if not value:
        return None
    text = _LATEX_PIECE.sub(_latex_piece, value) if "\\" in value or "{" in value else value
    if "-" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    if "~" in text:
        text = _TIE.sub(" ", text)
    return clean_text(text) or None


# A piece of LaTeX that stands for a character ("\\\"{u}", "{\\ss}", "\\&", "$\\alpha$",
# "\\textdegree{}", "``"), or a formatting command before its braced text ("\\textit{") and
# the braces that group or protect words (both dropped)
_LATEX_PIECE = re.compile(
    r"(?P<char>"
    r"\{\\[\"'`^~=.uvHckrdb]\s*(?:\{\\?[a-zA-Z]\}|\\?[a-zA-Z])\}"
    r"|\\[\"'`^~=.]\s*(?:\{\\?[a-zA-Z]\}|\\?[a-zA-Z])"
    r"|\\[uvHckrdb](?:\{\\?[a-zA-Z]\}|\s+\\?[a-zA-Z](?![a-zA-Z]))"
    r"|\{?\\(?:ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i|j)(?![a-zA-Z])\s*(?:\{\})?\}?"
    r"|\\[&%$#_{}]"
    r"|\\(?:textdegree|textmu|textasciitilde|textasciicircum|textbackslash|textendash"
    r"|textemdash|textquoteright|textquoteleft|textpm|texttimes|textregistered|texttrademark"
    r"|textcopyright|textsection|ldots|dots|pounds|euro|copyright)(?![a-zA-Z])\s*(?:\{\})?"
    r"|\$(?:\\[a-zA-Z]+(?:\{\})?|[<>=+-]|\^\{?[\w+-]+\}?|_\{?[\w+-]+\}?)\$"
    r"|``|''"
    r")|\\[a-zA-Z]+\s*(?=\{)|[{}]"
)
_LATEX_TEXT = LatexNodes2Text()
# A tie between two words ("J.~A.", "Fig.~2"): a space; any other "~" ("~50%") as written
_TIE = re.compile(r"(?<=[\w.])~(?=\w)")


def _latex_piece(found: re.Match[str]) -> str:
    piece = found.group("char")
    if piece is None:
        return ""
    if piece.startswith("\\textasciicircum"):
        return "^"  # (pylatexenc gives the modifier letter U+02C6)
    return str(_LATEX_TEXT.latex_to_text(piece))


def _pages(value: str | None) -> str | None:
    # (a range's "--" a hyphen, as MEDLINE writes pages, before "--" could read as a dash)
    return _latex((value or "").replace("--", "-"))


def _line(block: Any) -> str:
    start = getattr(block, "start_line", None)
    return f"line {start + 1}" if isinstance(start, int) else "an entry"


_BIB_SAID = ("howpublished", "url", "journal", "publisher", "institution", "organization")
_BIB_POSTED = re.compile(r"\b(first posted|last updated) (\d{4}(?:-\d{2}){0,2})\b")
_BIB_STATUS = re.compile(r"\bstatus ([A-Z_]+)\b")


def _bibtex_registration(key: str, entry: dict[str, str], fields: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of a registration (ClinicalTrials.gov as where it was published, an
    NCT number as its key), with the sponsor, brief title and the dates and status of its
    note (as itb writes them); for an article, the registrations its note names
    ("ClinicalTrials.gov NCT01234567")."""
    said = " ".join(_latex(entry.get(name)) or "" for name in _BIB_SAID)
    note = _latex(entry.get("note")) or ""
    found = registration_fields(said, key, said)
    if not found:
        if _REGISTRY.search(note):
            linked = list(dict.fromkeys(n.upper() for n in _NCT.findall(note)))
            return {"nct_ids": linked} if linked else {}
        return {}
    authors = fields["authors"]
    names = re.split(r"\s+and\s+", entry.get("author", "")) if entry.get("author") else []
    if len(names) == 1 and names[0].strip().startswith("{") and names[0].strip().endswith("}"):
        # its one name braced whole, BibTeX's way of writing an organisation: its sponsor (as
        # itb writes it; a person's name stays an author)
        found["sponsor"] = {"name": _latex(names[0])}
        authors = []
    found["authors"] = authors
    brief = _latex(entry.get("shorttitle"))
    if brief:
        found["brief_title"] = brief
    for label, date in _BIB_POSTED.findall(note):
        name = "first_posted" if label == "first posted" else "last_update_posted"
        found[name] = registry_date(date)
    status = _BIB_STATUS.search(note)
    if status:
        found["overall_status"] = status.group(1)
    return found


def read_bibtex(
    decoded: DecodedFile, source_name: str, origin: str, when: datetime
) -> Iterator[Item]:
    """Yield the entries of a BibTeX file, keyed by citation key; broken entries are BadRecords."""
    library = bibtexparser.parse_string(decoded.text())  # type: ignore[attr-defined]
    for block in library.failed_blocks:
        yield BadRecord(_line(block), "a BibTeX entry the reader refused")
    for entry in library.entries:
        fields_dict = {k.lower(): str(f.value) for k, f in entry.fields_dict.items()}
        title = _latex(fields_dict.get("title"))
        abstract = _latex(fields_dict.get("abstract"))
        year = _latex(fields_dict.get("year"))
        authors = [
            split_person(_latex(name) or "")
            for name in re.split(r"\s+and\s+", fields_dict.get("author", ""))
            if name.strip()
        ]
        fields = {
            "title": title,
            "title_translated": False,
            "abstract": [{"label": None, "category": None, "text": abstract}] if abstract else [],
            "authors": authors,
            "pub_date": (
                date_from_text(" ".join(filter(None, [year, _latex(fields_dict.get("month"))])))
                if year
                else None
            ),
            "journal": {
                "title": _latex(fields_dict.get("journal") or fields_dict.get("booktitle")),
                "volume": _latex(fields_dict.get("volume")),
                "issue": _latex(fields_dict.get("number")),
                "issn": _latex(fields_dict.get("issn")),
            },
            "pages": {"medline": _pages(fields_dict.get("pages"))},
            "doi": normalize_doi(_latex(fields_dict.get("doi"))),
            "doi_as_received": clean_doi(_latex(fields_dict.get("doi"))),
            "pmid": _latex(fields_dict.get("pmid")),
            **keyword_fields(re.split(r"[;,]", _latex(fields_dict.get("keywords")) or "")),
            "publication_types": [{"ui": None, "name": entry.entry_type}],
            "record_type": "article",
        }
        fields.update(_bibtex_registration(entry.key, fields_dict, fields))
        if is_empty(fields):
            yield BadRecord(_line(entry), f"entry {entry.key}: {EMPTY_RECORD}")
            continue
        yield _record(source_name, entry.key, "bibtex", entry.raw or "", fields, when)
