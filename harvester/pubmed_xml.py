"""PubMed XML (efetch retmode=xml, PubmedArticleSet) -> RawRecord, streamed.

The article spans are cut from the byte stream as they arrive, so each record keeps its
PubmedArticle XML verbatim and memory stays flat however large the set; each span is then
parsed with a hardened lxml parser (no network, no DTD, no entity expansion). The whole
document is checked too: a body that is not a PubmedArticleSet (an HTML page, an
``<ERROR>`` document) or that ends before ``</PubmedArticleSet>`` is an error, never a
record.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from harvester.errors import ErrorDocumentError, FileFormatError, TruncatedBodyError
from harvester.records import RawRecord

SOURCE = "pubmed"
SOURCE_NAME = "PubMed"
RAW_FORMAT = "pubmed-xml"

_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_HEAD = 1024
_START = re.compile(rb"<(PubmedArticle|PubmedBookArticle|DeleteCitation)[\s>]")
_ERROR = re.compile(rb"<ERROR>(.*?)</ERROR>", re.S)
_PROLOG = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<PubmedArticleSet\s*/?>", re.S)
_NCT = re.compile(r"\bNCT\s?(\d{8})\b")
_MML = "{http://www.w3.org/1998/Math/MathML}math"
# Mixed content without MathML is flattened in C; with MathML, by _collect.
_STRING = etree.XPath("string()", smart_strings=False)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_YEAR = re.compile(r"\b(1[6-9]\d\d|2\d\d\d)\b")
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
RETRACTED_TYPE_UI = "D016441"
# Old records carry their reference lists as dozens of "Cites" corrections: those are read
# in C (PMIDs only), the other correction types one by one.
_CITES = etree.XPath(
    "CommentsCorrectionsList/CommentsCorrections[@RefType='Cites']/PMID/text()",
    smart_strings=False,
)
_CORRECTIONS = etree.XPath("CommentsCorrectionsList/CommentsCorrections[@RefType!='Cites']")
_COUNT_INVESTIGATORS = etree.XPath("count(InvestigatorList/Investigator)")
_COUNT_REFERENCES = etree.XPath("count(PubmedData/ReferenceList/Reference)")


@dataclass(frozen=True, slots=True)
class DeletedCitations:
    """A DeleteCitation element: PMIDs that NLM withdrew."""

    pmids: tuple[str, ...]


def iter_pubmed_xml(
    chunks: Iterable[bytes], fetched_at: datetime | None = None, origin: str = "response"
) -> Iterator[RawRecord | DeletedCitations]:
    """Yield a RawRecord per article (and DeletedCitations) from a PubmedArticleSet's bytes.

    Two readers go over the same chunks: lxml's pull parser (hardened: no network, no
    DTD, no entity expansion) builds each article's element, and a byte scanner cuts the
    same article's bytes, which are kept verbatim as the raw payload. Raises
    FileFormatError naming ORIGIN when the bytes are not one whole PubmedArticleSet.
    """
    when = fetched_at or datetime.now(UTC)
    parser = etree.XMLPullParser(
        events=("end",),
        tag=_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    spans: deque[bytes] = deque()
    buffer = b""
    head = b""
    checked = False
    try:
        for chunk in _slices(chunks):
            if not checked:
                head += chunk[: _HEAD - len(head)]
                if len(head) < _HEAD and b"<PubmedArticleSet" not in head:
                    buffer += chunk
                    continue
                _check_prolog(head, origin)
                checked = True
                chunk, buffer = buffer + chunk, b""
            parser.feed(chunk)
            buffer = _cut_spans(buffer + chunk, spans)
            yield from _emit(parser, spans, when, origin)
        if not checked:
            _check_prolog(head, origin)
            parser.feed(buffer)
            buffer = _cut_spans(buffer, spans)
        parser.close()
    except etree.XMLSyntaxError as exc:
        raise TruncatedBodyError(
            f"{origin}: malformed or truncated PubMed XML ({exc}); fetch or export it again"
        ) from None
    yield from _emit(parser, spans, when, origin)
    if spans:
        raise FileFormatError(f"{origin}: article bytes the parser did not see; file is damaged")


def _slices(chunks: Iterable[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """Yield CHUNKS in pieces of at most SIZE bytes: libxml2 refuses huge single feeds, and
    small ones let each article be read while its bytes are still in the cache (a 3 MB
    efetch body fed at once parses about 15% slower than in 64 KB pieces)."""
    for chunk in chunks:
        for start in range(0, len(chunk), size):
            yield chunk[start : start + size]


def _cut_spans(buffer: bytes, spans: deque[bytes]) -> bytes:
    """Append each complete article's bytes in BUFFER to SPANS; return the rest."""
    position = 0
    while (match := _START.search(buffer, position)) is not None:
        tag = match.group(1)
        end = buffer.find(b"</" + tag + b">", match.end())
        if end < 0:
            return buffer[match.start() :]
        end += len(tag) + 3
        spans.append(buffer[match.start() : end])
        position = end
    # keep a tail that may hold the start of a tag cut in two
    return buffer[max(position, len(buffer) - 32) :]


def _emit(
    parser: Any, spans: deque[bytes], when: datetime, origin: str
) -> Iterator[RawRecord | DeletedCitations]:
    for _event, element in parser.read_events():
        if not spans:
            raise FileFormatError(f"{origin}: could not cut the bytes of <{element.tag}>")
        yield _item(element, spans.popleft(), when)
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


_END = re.compile(rb"(</PubmedArticleSet\s*>|<PubmedArticleSet\s*/>)\s*$")


def check_article_set(body: bytes, origin: str = "response") -> None:
    """Raise unless BODY starts and ends as one PubmedArticleSet (a quick, parse-free check)."""
    _check_prolog(body[:_HEAD], origin)
    if not _END.search(body[-256:]):
        raise TruncatedBodyError(
            f"{origin}: the PubmedArticleSet ends early (truncated body); fetch it again"
        )


def _check_prolog(head: bytes, origin: str) -> None:
    error = _ERROR.search(head[:65536])
    if error:
        text = error.group(1).decode("utf-8", "replace").strip()
        raise ErrorDocumentError(f"{origin}: the source answered with an error: {text}")
    if not _PROLOG.match(head):
        preview = " ".join(head[:120].decode("utf-8", "replace").split())
        raise ErrorDocumentError(
            f"{origin}: not a PubmedArticleSet (starts with {preview!r}); "
            "expected PubMed efetch XML"
        )


def _item(element: Any, span: bytes, when: datetime) -> RawRecord | DeletedCitations:
    if element.tag == "DeleteCitation":
        return DeletedCitations(tuple(_text(p) for p in element.iterchildren("PMID")))
    fields = parse_article(element)
    return RawRecord(
        source=SOURCE,
        source_name=SOURCE_NAME,
        source_key=fields["pmid"],
        raw_format=RAW_FORMAT,
        raw_payload=span.decode("utf-8"),
        fields=fields,
        source_version=fields["pmid_version"],
        fetched_at=when,
    )


def _kids(element: Any) -> dict[str, list[Any]]:
    """Return an element's children grouped by tag, in one pass (faster than find paths)."""
    found: dict[str, list[Any]] = {}
    if element is not None:
        for child in element:
            tag = child.tag
            if isinstance(tag, str):
                if tag in found:
                    found[tag].append(child)
                else:
                    found[tag] = [child]
    return found


def _first(kids: dict[str, list[Any]], tag: str) -> Any:
    found = kids.get(tag)
    return found[0] if found else None


def _all(kids: dict[str, list[Any]], tag: str, child: str) -> list[Any]:
    """Return the CHILD elements of every TAG element (say, each Keyword of each KeywordList)."""
    return [item for parent in kids.get(tag, ()) for item in parent.iterchildren(child)]


def parse_article(element: Any) -> dict[str, Any]:
    """Return the fields of one PubmedArticle or PubmedBookArticle element."""
    if element.tag == "PubmedBookArticle":
        return _book_fields(element)
    top = _kids(element)
    citation_element = _first(top, "MedlineCitation")
    citation = _kids(citation_element)
    article = _kids(_first(citation, "Article"))
    data = _kids(_first(top, "PubmedData"))
    journal = _kids(_first(article, "Journal"))
    issue = _kids(_first(journal, "JournalIssue"))
    pmid = _first(citation, "PMID")
    abstract_element = _first(article, "Abstract")
    abstract = _abstract(abstract_element)
    ids = _article_ids(data)
    doi = _doi(article, ids)
    comments = _comments(_CORRECTIONS(citation_element))
    types = [
        {"ui": t.get("UI"), "name": clean_text(t.text or "")}
        for t in _all(article, "PublicationTypeList", "PublicationType")
    ]
    databanks = _databanks(_all(article, "DataBankList", "DataBank"))
    databank_ncts = _databank_ncts(databanks)
    title = _text(_first(article, "ArticleTitle"))
    author_list = _first(article, "AuthorList")
    electronic = [d for d in article.get("ArticleDate", ()) if d.get("DateType") == "Electronic"]
    copyright_element = (
        abstract_element.find("CopyrightInformation") if abstract_element is not None else None
    )
    return {
        "pmid": _text(pmid),
        "pmid_version": pmid.get("Version", "1"),
        "record_type": "article",
        "status": citation_element.get("Status"),
        "indexing_method": citation_element.get("IndexingMethod"),
        "owner": citation_element.get("Owner"),
        "title": title,
        "title_translated": _is_translated(title),
        "vernacular_title": _text(_first(article, "VernacularTitle")) or None,
        "abstract": abstract,
        "copyright": _text(copyright_element) or None,
        "journal": _journal(journal, issue, _leaves(_first(citation, "MedlineJournalInfo"))),
        "pages": _pages(_first(article, "Pagination")),
        "pub_date": _date(_first(issue, "PubDate")),
        "electronic_date": _ymd(electronic[0]) if electronic else None,
        "doi": doi,
        "doi_as_received": _doi(article, ids, case=True),
        "pmcid": ids.get("pmc"),
        "article_ids": ids,
        "elocation_ids": [
            {"type": e.get("EIdType"), "value": _text(e), "valid": e.get("ValidYN", "Y") == "Y"}
            for e in article.get("ELocationID", ())
        ],
        "authors": _authors(author_list),
        "authors_complete": _complete(author_list),
        "investigators": int(_COUNT_INVESTIGATORS(citation_element)),
        "languages": [_text(x) for x in article.get("Language", ())],
        "publication_types": types,
        "mesh": _mesh(_all(citation, "MeshHeadingList", "MeshHeading")),
        "keywords": _keywords(citation.get("KeywordList", ())),
        "chemicals": _chemicals(_all(citation, "ChemicalList", "Chemical")),
        "nct_ids": databank_ncts,
        "nct_ids_text_mined": text_mined_ncts(abstract, databank_ncts),
        "databanks": databanks,
        "comments_corrections": comments,
        "cites": _CITES(citation_element),
        "retracted": any(c["type"] == "RetractionIn" for c in comments)
        or any(t["ui"] == RETRACTED_TYPE_UI for t in types),
        "grants": _grants(_all(article, "GrantList", "Grant")),
        "coi_statement": _text(_first(citation, "CoiStatement")) or None,
        "publication_status": _text(_first(data, "PublicationStatus")) or None,
        "history": _history(_all(data, "History", "PubMedPubDate")),
        "date_completed": _ymd(_first(citation, "DateCompleted")),
        "date_revised": _ymd(_first(citation, "DateRevised")),
        "references": int(_COUNT_REFERENCES(element)),
    }


def _chemicals(chemicals: list[Any]) -> list[dict[str, str | None]]:
    found = []
    for chemical in chemicals:
        substance = chemical.find("NameOfSubstance")
        if substance is not None:
            found.append({"name": _text(substance), "ui": substance.get("UI")})
    return found


def _grants(grants: list[Any]) -> list[dict[str, str | None]]:
    found = []
    for grant in grants:
        leaves = _leaves(grant)
        found.append(
            {
                "id": leaves.get("GrantID") or None,
                "agency": leaves.get("Agency") or None,
                "country": leaves.get("Country") or None,
            }
        )
    return found


def _book_fields(element: Any) -> dict[str, Any]:
    document = element.find("BookDocument")
    book = document.find("Book")
    doc = _kids(document)
    data = _kids(element.find("PubmedBookData"))
    pmid = document.find("PMID")
    ids = _article_ids(doc)
    ids.update(_article_ids(data))
    abstract = _abstract(document.find("Abstract"))
    title = _text(document.find("ArticleTitle")) or _text(book.find("BookTitle"))
    return {
        "pmid": _text(pmid),
        "pmid_version": pmid.get("Version", "1"),
        "record_type": "book",
        "title": title,
        "title_translated": _is_translated(title),
        "vernacular_title": _text(document.find("VernacularTitle")) or None,
        "book_title": _text(book.find("BookTitle")),
        "publisher": _text(book.find("Publisher/PublisherName")) or None,
        "publisher_location": _text(book.find("Publisher/PublisherLocation")) or None,
        "abstract": abstract,
        "pub_date": _date(book.find("PubDate")),
        "doi": ids.get("doi"),
        "pmcid": ids.get("pmc"),
        "article_ids": ids,
        "authors": _authors(document.find("AuthorList")) or _authors(book.find("AuthorList")),
        "languages": [_text(x) for x in document.findall("Language")],
        "publication_types": [
            {"ui": t.get("UI"), "name": _text(t)} for t in document.findall("PublicationType")
        ],
        "keywords": _keywords(doc.get("KeywordList", ())),
        "mesh": [],
        "nct_ids": [],
        "nct_ids_text_mined": text_mined_ncts(abstract, []),
        "comments_corrections": [],
        "retracted": False,
        "publication_status": _text(_first(data, "PublicationStatus")) or None,
        "history": _history(_all(data, "History", "PubMedPubDate")),
    }


def _text(element: Any) -> str:
    """Return an element's whole text, markup and MathML flattened, whitespace collapsed, NFC."""
    if element is None:
        return ""
    if not len(element):
        return clean_text(element.text or "")
    if next(element.iterdescendants(_MML), None) is not None:
        parts: list[str] = []
        _collect(element, parts)
        return clean_text("".join(parts))
    return clean_text(_STRING(element))


def clean_text(text: str) -> str:
    """Return TEXT with its whitespace collapsed and trimmed, in NFC."""
    if text.isascii():
        # A few substring tests are cheaper than a regex call for the short texts of XML.
        loose = "  " in text or "\n" in text or "\t" in text or "\r" in text
        if loose or "\f" in text or "\v" in text:
            return " ".join(text.split())
        return text.strip()
    text = " ".join(text.split())
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _leaves(parent: Any) -> dict[str, str]:
    """Return the text of each markup-free child by tag (the first of each), in one pass."""
    found: dict[str, str] = {}
    if parent is None:
        return found
    for child in parent:
        tag = child.tag
        if isinstance(tag, str) and tag not in found:
            text = (child.text or "").strip()
            found[tag] = text if text.isascii() else clean_text(text)
    return found


def _collect(element: Any, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag == _MML:
            # MathML leaves carry one symbol each; the whitespace between them is layout.
            parts.append("".join(t.strip() for t in child.itertext()))
        elif isinstance(child.tag, str):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _is_translated(title: str) -> bool:
    return title.startswith("[") and title.rstrip(".").endswith("]")


def _abstract(abstract: Any) -> list[dict[str, str | None]]:
    if abstract is None:
        return []
    sections = []
    for part in abstract.findall("AbstractText"):
        text = _text(part)
        if not text and not part.get("Label"):
            continue
        sections.append(
            {"label": part.get("Label"), "category": part.get("NlmCategory"), "text": text}
        )
    return sections


def _journal(
    journal: dict[str, list[Any]], issue: dict[str, list[Any]], info: dict[str, str]
) -> dict[str, Any]:
    issn = _first(journal, "ISSN")
    return {
        "title": _text(_first(journal, "Title")) or None,
        "iso_abbreviation": _text(_first(journal, "ISOAbbreviation")) or None,
        "issn": _text(issn) or None,
        "issn_type": issn.get("IssnType") if issn is not None else None,
        "issn_linking": info.get("ISSNLinking") or None,
        "medline_ta": info.get("MedlineTA") or None,
        "nlm_unique_id": info.get("NlmUniqueID") or None,
        "volume": _text(_first(issue, "Volume")) or None,
        "issue": _text(_first(issue, "Issue")) or None,
    }


def _pages(pagination: Any) -> dict[str, str | None]:
    leaves = _leaves(pagination)
    return {
        "medline": leaves.get("MedlinePgn") or None,
        "start": leaves.get("StartPage") or None,
        "end": leaves.get("EndPage") or None,
    }


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3]) or _SEASONS.get(value)


def _date(element: Any) -> dict[str, Any] | None:
    """Return a PubDate as its raw text, its parts, a year and a best-effort sortable date."""
    if element is None:
        return None
    leaves = _leaves(element)
    medline = leaves.get("MedlineDate") or None
    if medline:
        return {**date_from_text(medline), "season": None, "medline_date": medline}
    year_text = leaves.get("Year") or None
    month_text = leaves.get("Month") or None
    day_text = leaves.get("Day") or None
    season = leaves.get("Season") or None
    raw = " ".join(p for p in (year_text, month_text or season, day_text) if p)
    found = _YEAR.search(raw)
    year = int(found.group(1)) if found else None
    month = _month(month_text) if month_text else None
    if month is None and season:
        month = _month(re.split(r"[-/ ]", season)[0])
    day = int(day_text) if day_text and day_text.isdigit() else None
    return {
        "raw": raw,
        "year": year,
        "month": month,
        "day": day,
        "season": season,
        "medline_date": None,
        "sortable": _sortable(year, month, day),
    }


def date_from_text(raw: str) -> dict[str, Any]:
    """Return year, month, day and a sortable date of a printed date ("1998 Dec-1999 Jan")."""
    found = _YEAR.search(raw)
    year = int(found.group(1)) if found else None
    month = next((m for m in map(_month, re.findall(r"[A-Za-z]+", raw)) if m), None)
    day_match = re.fullmatch(r"\d{4} [A-Za-z]{3} (\d{1,2})", raw.strip())
    day = int(day_match.group(1)) if day_match and month else None
    return {
        "raw": raw,
        "year": year,
        "month": month,
        "day": day,
        "sortable": _sortable(year, month, day),
    }


def _sortable(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None:
        return None
    text = f"{year:04d}"
    if month:
        text += f"-{month:02d}" + (f"-{day:02d}" if day else "")
    return text


def _ymd(element: Any, leaves: dict[str, str] | None = None) -> str | None:
    if element is None:
        return None
    leaves = leaves if leaves is not None else _leaves(element)
    year, month, day = leaves.get("Year"), leaves.get("Month"), leaves.get("Day")
    if not year:
        return None
    parts = [year]
    if month:
        parts.append(f"{_month(month) or 0:02d}")
        if day:
            parts.append(f"{int(day):02d}" if day.isdigit() else day)
    return "-".join(parts)


def _article_ids(data: dict[str, list[Any]]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for item in _all(data, "ArticleIdList", "ArticleId"):
        kind, value = item.get("IdType"), _text(item)
        if kind and value and kind not in ids:
            ids[kind] = value
    return ids


def normalize_doi(value: str | None) -> str | None:
    """Return a DOI in lower case without URL or 'doi:' prefixes, or None if it is none."""
    doi = clean_doi(value)
    return doi.lower() if doi else None


def clean_doi(value: str | None) -> str | None:
    """Return a DOI without URL or 'doi:' prefixes, in the case it was written (DOIs match
    case-insensitively, but exports print them as received), or None if it is none."""
    if not value:
        return None
    text = html.unescape(value.strip())  # "&lt;" in exports that escaped SICI DOIs twice
    # Several ids in one field ("10.1/x [doi]; S0140-6736(20)1 [pii]"): the first DOI.
    for part in _DOI_SEPARATORS.split(text):
        doi = _DOI_SUFFIX.sub("", part.strip())
        doi = _DOI_PREFIX.sub("", doi).strip().rstrip(".")
        if "%" in doi:
            doi = _PERCENT.sub(lambda m: chr(int(m.group(1), 16)), doi)  # %28 -> (
        if _DOI_SHAPE.match(doi):
            return doi
    return None


_DOI_SEPARATORS = re.compile(r"\s*;(?!\d-)\s*|\s+(?=(?:https?://|doi:|10\.\d))|\n")
_DOI_SUFFIX = re.compile(r"\s*\[(?:doi|pii)\]\s*$", re.I)
_DOI_PREFIX = re.compile(r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)+", re.I)
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_DOI_SHAPE = re.compile(r"^10\.\d{3,9}/\S+$")


def _doi(article: dict[str, list[Any]], ids: dict[str, str], case: bool = False) -> str | None:
    """Return the article's DOI: lower case, or as written when CASE."""
    clean = clean_doi if case else normalize_doi
    for location in article.get("ELocationID", ()):
        if location.get("EIdType") == "doi" and location.get("ValidYN", "Y") == "Y":
            doi = clean(_text(location))
            if doi:
                return doi
    return clean(ids.get("doi"))


def _authors(author_list: Any) -> list[dict[str, Any]]:
    if author_list is None:
        return []
    authors = []
    for author in author_list:
        if author.tag != "Author":
            continue
        found: dict[str, Any] = {
            "family": None,
            "given": None,
            "initials": None,
            "suffix": None,
            "collective": None,
            "orcid": None,
            "affiliations": [],
            "valid": author.get("ValidYN", "Y") == "Y",
            "equal_contrib": author.get("EqualContrib") == "Y",
        }
        for child in author:
            field = _AUTHOR_FIELDS.get(child.tag)
            if field is not None:
                found[field] = (
                    _text(child) if len(child) else clean_text(child.text or "")
                ) or None
            elif child.tag == "AffiliationInfo":
                found["affiliations"].extend(
                    text for a in child if a.tag == "Affiliation" and (text := _text(a))
                )
            elif (
                child.tag == "Identifier"
                and child.get("Source") == "ORCID"
                and found["orcid"] is None
            ):
                found["orcid"] = orcid(_text(child))
        authors.append(found)
    return authors


_AUTHOR_FIELDS = {
    "LastName": "family",
    "ForeName": "given",
    "Initials": "initials",
    "Suffix": "suffix",
    "CollectiveName": "collective",
}


def orcid(value: str) -> str:
    found = re.search(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", value)
    return found.group(1) if found else value


def _complete(author_list: Any) -> bool | None:
    return None if author_list is None else author_list.get("CompleteYN", "Y") == "Y"


def _mesh(headings: list[Any]) -> list[dict[str, Any]]:
    found = []
    for heading in headings:
        descriptor = None
        qualifiers = []
        for child in heading:
            if child.tag == "DescriptorName":
                descriptor = child
            elif child.tag == "QualifierName":
                qualifiers.append(
                    {
                        "name": clean_text(child.text or ""),
                        "ui": child.get("UI"),
                        "major": child.get("MajorTopicYN") == "Y",
                    }
                )
        if descriptor is None:
            continue
        found.append(
            {
                "descriptor": clean_text(descriptor.text or ""),
                "ui": descriptor.get("UI"),
                "major": descriptor.get("MajorTopicYN") == "Y",
                "type": descriptor.get("Type"),
                "qualifiers": qualifiers,
            }
        )
    return found


def _keywords(keyword_lists: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {"keyword": text, "owner": kl.get("Owner"), "major": k.get("MajorTopicYN") == "Y"}
        for kl in keyword_lists
        for k in kl.iterchildren("Keyword")
        if (text := _text(k))
    ]


def _databanks(banks: list[Any]) -> list[dict[str, Any]]:
    found = []
    for bank in banks:
        kids = _kids(bank)
        found.append(
            {
                "name": _text(_first(kids, "DataBankName")),
                "accessions": [
                    _text(a) for a in _all(kids, "AccessionNumberList", "AccessionNumber")
                ],
            }
        )
    return found


def _databank_ncts(databanks: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for bank in databanks:
        if bank["name"].lower().replace(" ", "") == "clinicaltrials.gov":
            for accession in bank["accessions"]:
                nct = accession.upper().replace(" ", "")
                if re.fullmatch(r"NCT\d{8}", nct) and nct not in found:
                    found.append(nct)
    return found


def text_mined_ncts(abstract: list[dict[str, str | None]], known: list[str]) -> list[str]:
    found: list[str] = []
    for section in abstract:
        text = section["text"] or ""
        if "NCT" not in text:  # (a search for the word costs a twentieth of the pattern's)
            continue
        for digits in _NCT.findall(text):
            nct = f"NCT{digits}"
            if nct not in known and nct not in found:
                found.append(nct)
    return found


def _comments(items: Any) -> list[dict[str, str | None]]:
    comments = []
    for item in items:
        leaves = _leaves(item)
        comments.append(
            {
                "type": item.get("RefType"),
                "source": leaves.get("RefSource") or None,
                "pmid": leaves.get("PMID") or None,
                "note": leaves.get("Note") or None,
            }
        )
    return comments


def _history(items: list[Any]) -> list[dict[str, str | None]]:
    history = []
    for item in items:
        # PubMedPubDate is (Year, Month, Day, (Hour, (Minute, Second?)?)?), in that order.
        parts = [(child.text or "").strip() for child in item]
        date = None
        if len(parts) >= 3 and all(p.isdigit() for p in parts):
            date = f"{parts[0]}-{int(parts[1]):02d}-{int(parts[2]):02d}"
            if len(parts) >= 4:
                minute = int(parts[4]) if len(parts) >= 5 else 0
                date += f"T{int(parts[3]):02d}:{minute:02d}"
        elif parts:
            date = _ymd(item)
        history.append({"status": item.get("PubStatus"), "date": date})
    return history


def create_date(fields: dict[str, Any]) -> str | None:
    """Return a record's PubMed create date (the 'entrez' history date, YYYY-MM-DD) if known."""
    for item in fields.get("history", []):
        if item["status"] == "entrez" and item["date"]:
            return str(item["date"])[:10]
    return None
