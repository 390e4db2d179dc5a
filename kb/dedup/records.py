"""Parsed source fields -> Record: one canonical shape for every source (pure).

Canonical: title (NFC, markup stripped; translated and original-language titles both
kept), authors (family name and initials, group names), year, journal (full title and
ISO abbreviation, compared so that both spellings match), volume, issue, pages (123-9 ->
123-129), DOI (lower case, no URL or prefix), PMID, PMCID, NCT ids and the record's kind.
Match keys (title_key, journal words...) are derived here too, so deduplication compares
like with like.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from harvester.pubmed_xml import normalize_doi
from kb.dedup.fields import (
    PageSpan,
    author_key,
    drop_unreadable,
    expand_pages,
    issue_key,
    journal_title,
    page_span,
    unpack_citation,
)

_BRACKETED = re.compile(r"^\[(.*)\]\.?$")
_LANGUAGE_TAG = re.compile(r"\s*\[(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?)\]\s*\.?$")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NON_LETTER = re.compile(r"[\W_]+")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\s*/?>|<U\+[0-9A-Fa-f]{4,6}>")
_VOLUME = re.compile(r"^\s*([A-Za-z]?\d+[A-Za-z]?)\b")
# A series or meeting name before the number: "Current Topics in Behavioral Neurosciences. 4".
_SERIES_VOLUME = re.compile(r"^[^\d]*[A-Za-z][^\d]*[.,:;]\s*(\d+[A-Za-z]?)\s*$")
_JOURNAL_NOTE = re.compile(r"\s*[\[(][^\[\]()]*[\])]")
_TRAILING_NOTE = re.compile(r"(?<=\w)[\s.]*\[[^\[\]]*\]?[\s.]*$")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "d",  # French and Italian elisions: "d'Anesthesie", "l'Enfant"
        "de",
        "del",
        "der",
        "des",
        "die",
        "du",
        "for",
        "in",
        "l",
        "la",
        "le",
        "of",
        "on",
        "the",
        "to",
        "und",
        "y",
    ]
)
KINDS = (
    "article",
    "erratum",
    "retraction",
    "comment",
    "conference",
    "registration",
    "preprint",
    "thesis",
)
_DEGREE = re.compile(r"\b(?:ph\.?\s?d|thesis|dissertation|doctoral|m\.?\s?sc|master'?s)\b", re.I)
# An erratum's title: "Erratum ...", "Corrigendum ...", "Correction", "Correction to: ...",
# "Publisher Correction: ..."; not an article on correcting something ("Correction of
# post-stroke cognitive impairments using computer programs", "Correction of scoliosis").
_ERRATUM = re.compile(
    r"^(?:erratum|errata|corrigend(?:um|a)|(?:(?:publisher|author)(?:'s)?\s+)?"
    r"(?:correction|addendum)s?(?=\s*(?:$|[^\w\s]|(?:to|for|notice|on|regarding)\b)))",
    re.IGNORECASE,
)
_RETRACTION = re.compile(r"^(retraction|retracted|notice of retraction|withdrawn)\b", re.I)
JOURNAL_PREFIX_WORDS = 3
_PREPRINT_DOIS = ("10.1101/", "10.21203/", "10.20944/", "10.2139/ssrn")


@dataclass(frozen=True, slots=True)
class Author:
    """A person (family name, initials) or a group (collective name)."""

    family: str | None
    initials: str | None = None
    collective: str | None = None


@dataclass(frozen=True)
class Record:
    """A source record in canonical form, with the keys deduplication compares."""

    id: str
    title: str
    title_original: str | None = None
    authors: tuple[Author, ...] = ()
    year: int | None = None
    journal: str | None = None
    journal_iso: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    nct_ids: tuple[str, ...] = ()
    registry_links: tuple[tuple[str, str], ...] = ()
    kind: str = "article"
    retracted: bool = False
    abstract: str | None = None
    title_key: str = field(default="", compare=False)
    author_keys: tuple[str, ...] = field(default=(), compare=False)
    journal_words: tuple[str, ...] = field(default=(), compare=False)

    # Derived once, when the record is made (not cached on first use: an attribute added
    # later gives every record a dictionary of its own, 1.5 KB each at 100,000 records).
    page_span: PageSpan | None = field(default=None, init=False, compare=False, repr=False)
    """The printed pages (or article number); None when the pages field holds none that
    can be trusted (a spreadsheet's date, the year, stray text)."""
    first_page: str | None = field(default=None, init=False, compare=False, repr=False)
    """The first page's number (or the article number): "S197-S201" -> "197"."""
    issue_key: str | None = field(default=None, init=False, compare=False, repr=False)
    """The issue to compare ("Suppl 2" -> "s2"); None when it can not be trusted."""

    def __post_init__(self) -> None:
        span = page_span(self.pages, self.year)
        object.__setattr__(self, "page_span", span)
        object.__setattr__(self, "first_page", str(span.first) if span else None)
        object.__setattr__(self, "issue_key", issue_key(self.issue))


def fold(text: str) -> str:
    """Return TEXT lower-cased, accents removed, punctuation turned into single spaces.

    Latin letters and digits are kept; text in another script alone (a Russian or Chinese
    title, a Cyrillic name) keeps its own letters, so that two such titles are not both
    folded to nothing and taken for equal.
    """
    lowered = text.lower()
    if not lowered.isascii():  # most titles are ASCII: nothing to decompose
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = _NON_WORD.sub(" ", lowered).strip()
        return folded or _NON_LETTER.sub(" ", lowered).strip()
    return _NON_WORD.sub(" ", lowered).strip()


# British spelling, as one database keeps an author's and another writes it: "randomised",
# "paediatric", "oedema", "tumour", "centre" read as "randomized", "pediatric", "edema",
# "tumor", "center" (both titles folded alike, so a word this changes wrongly changes both)
_BRITISH_ENDING = re.compile(
    r"(?<=[a-z]{2})(?:is(e|ed|es|ing|ation|ations)|ys(e|ed|es|ing)|our|ours|tre|tres)\b"
)


def _american_ending(found: re.Match[str]) -> str:
    text = found.group()
    if text.startswith(("is", "ys")):
        return ("iz" if text[0] == "i" else "yz") + text[2:]
    if text.startswith("our"):
        return "or" + text[3:]
    return "ter" + text[3:]


def american_spelling(folded: str) -> str:
    """Return a folded title in American spelling (see _BRITISH_ENDING)."""
    if "ae" in folded or "oe" in folded:
        folded = folded.replace("ae", "e").replace("oe", "e")
    return _BRITISH_ENDING.sub(_american_ending, folded)


def title_key(title: str) -> str:
    """Return the comparison form of a title: no markup, brackets or language tags, folded,
    in American spelling."""
    text = drop_unreadable(_TAG.sub("", html.unescape(title)).strip())
    if "&" in text:  # one database's "&" is another's "and"
        text = text.replace("&", " and ")
    bracketed = _BRACKETED.match(text)
    if bracketed:
        text = bracketed.group(1)
    text = _LANGUAGE_TAG.sub("", text)
    # Notes appended in brackets: "[Erratum appears in ...]", "[comment]", cut-off "[Erra".
    text = _TRAILING_NOTE.sub("", text)
    return american_spelling(fold(text))


def journal_words(name: str | None) -> tuple[str, ...]:
    """Return a journal name's significant words, folded (stop words left out), without
    notes in brackets: "Gan to Kagaku Ryoho [Japanese Journal of ...]" -> gan kagaku ryoho."""
    if not name:
        return ()
    name = journal_title(drop_unreadable(html.unescape(name))) or name
    name = (_JOURNAL_NOTE.sub("", name) or name).replace("'", "").replace("\u2019", "")
    return tuple(w for w in fold(name).split() if w not in _STOP)


def same_journal(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Return whether two journal names agree, a full title matching its ISO abbreviation.

    "Dev Med Child Neurol" and "Developmental medicine and child neurology" agree: word by
    word, one is a prefix of the other. A name of three words or more also agrees with a
    longer one it starts (a parallel title or a meeting's theme after it: "Gan to kagaku
    ryoho. Cancer & chemotherapy"); two words are too few ("Journal of Neurology").
    """
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) != len(longer) and len(shorter) < JOURNAL_PREFIX_WORDS:
        return False
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(shorter, longer, strict=False))


def clean_volume(value: str | None) -> str | None:
    """Return the volume number alone: "4 (DEC) (no pagination)" -> "4", "Cancer &
    chemotherapy. 35" -> "35"; other text as is."""
    if not value:
        return None
    found = _VOLUME.match(str(value)) or _SERIES_VOLUME.match(str(value))
    if found:
        return found.group(1)
    text = str(value).strip()
    return text if any(c.isdigit() for c in text) else None  # "(Jul)" is no volume


def _year(fields: Mapping[str, Any]) -> int | None:
    date = fields.get("pub_date") or {}
    year = date.get("year") if isinstance(date, dict) else None
    if isinstance(year, int):
        return year
    for name in ("first_posted", "start"):
        value = (fields.get(name) or {}).get("date") if isinstance(fields.get(name), dict) else None
        if value and value[:4].isdigit():
            return int(value[:4])
    return None


def _authors(fields: Mapping[str, Any]) -> tuple[Author, ...]:
    authors = []
    for person in fields.get("authors") or []:
        if not isinstance(person, dict):
            continue
        family = (person.get("family") or "").strip() or None
        initials = person.get("initials") or None
        if family is None and person.get("given"):
            initials = "".join(p[0] for p in str(person["given"]).split() if p)
        authors.append(Author(family, initials, person.get("collective") or None))
    return tuple(authors)


def _kind(fields: Mapping[str, Any], title: str, doi: str | None, journal: str | None) -> str:
    if fields.get("record_type") == "registration" or fields.get("nct_id"):
        return "registration"
    types = {str(t.get("name") or "").lower() for t in fields.get("publication_types") or []}
    if "retraction of publication" in types or _RETRACTION.match(title):
        return "retraction"
    if "published erratum" in types or _ERRATUM.match(title):
        return "erratum"
    if types & {"comment", "letter", "editorial"} and not types & {"journal article"}:
        return "comment"
    if types & {"inproceedings", "conference", "conf", "abst", "cpaper", "proceedings"}:
        return "conference"
    if types & {"preprint"} or (doi and doi.startswith(_PREPRINT_DOIS)):
        return "preprint"
    if types & {"phdthesis", "mastersthesis", "thesis", "dissertation", "thes"}:
        return "thesis"
    given = fields.get("journal")
    place: Mapping[str, Any] = given if isinstance(given, dict) else {}
    if any(_DEGREE.search(str(place.get(k) or "")) for k in ("volume", "issue")):
        return "thesis"  # the degree where a journal's volume goes: "Ph.D."
    return "article"


def _article_link(fields: Mapping[str, Any]) -> str:
    """Return how an article names its registration: PubMed DataBank (XML) or MEDLINE SI."""
    return "databank" if "databanks" in fields else "medline_si"


def _abstract(fields: Mapping[str, Any]) -> str | None:
    sections = fields.get("abstract") or []
    text = " ".join(
        f"{s['label']}: {s['text']}" if s.get("label") else str(s.get("text") or "")
        for s in sections
        if isinstance(s, dict)
    ).strip()
    return text or fields.get("brief_summary") or None


def normalize(record_id: str, fields: Mapping[str, Any]) -> Record:
    """Return the canonical Record of a source record's parsed FIELDS."""
    raw_title = str(fields.get("title") or fields.get("brief_title") or "")
    title = unicodedata.normalize("NFC", " ".join(raw_title.split()))
    journal = fields.get("journal") or {}
    doi = normalize_doi(fields.get("doi"))
    pages = fields.get("pages") or {}
    authors = _authors(fields)
    nct_ids = [*(fields.get("nct_ids") or []), *(fields.get("nct_ids_text_mined") or [])]
    if fields.get("nct_id"):
        nct_ids.insert(0, fields["nct_id"])
    journal_title = journal.get("title") if isinstance(journal, dict) else None
    links = [(nct, "registration") for nct in [fields.get("nct_id")] if nct]
    links += [(nct, "registry_alias") for nct in fields.get("nct_aliases") or []]
    links += [(nct, _article_link(fields)) for nct in fields.get("nct_ids") or []]
    links += [(nct, "abstract_text") for nct in fields.get("nct_ids_text_mined") or []]
    references = fields.get("references")  # registry references (PubMed's is a count)
    links += [
        (f"PMID:{ref['pmid']}", f"ctgov_{str(ref.get('type') or '').lower()}")
        for ref in (references if isinstance(references, list) else [])
        if isinstance(ref, dict) and ref.get("pmid") and ref.get("type") in ("RESULT", "DERIVED")
    ]
    journal_iso = journal.get("iso_abbreviation") if isinstance(journal, dict) else None
    volume = journal.get("volume") if isinstance(journal, dict) else None
    issue = (journal.get("issue") if isinstance(journal, dict) else None) or None
    page_text = pages.get("medline") if isinstance(pages, dict) else None
    packed = unpack_citation(journal_title)
    if packed:  # Embase: "Journal of X.33 (3) ()(pp 291-301) 2010.Date of Publication: ..."
        volume = volume or packed.get("volume")
        issue = issue or packed.get("issue")
        page_text = page_text or packed.get("pages")
    return Record(
        id=record_id,
        title=title,
        title_original=fields.get("vernacular_title") or None,
        authors=authors,
        year=_year(fields),
        journal=journal_title,
        journal_iso=journal_iso,
        volume=clean_volume(volume),
        issue=issue,
        pages=expand_pages(page_text),
        doi=doi,
        pmid=fields.get("pmid") or None,
        pmcid=fields.get("pmcid") or None,
        nct_ids=tuple(dict.fromkeys(nct_ids)),
        registry_links=tuple(dict.fromkeys(links)),
        kind=_kind(fields, title, doi, journal_title),
        retracted=bool(fields.get("retracted")),
        abstract=_abstract(fields),
        title_key=title_key(title),
        author_keys=tuple(
            author_key(fold(drop_unreadable(a.family or a.collective or ""))) for a in authors
        ),
        journal_words=journal_words(journal_title or journal_iso),
    )


_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Record) if f.init)


def record_to_json(record: Record) -> dict[str, Any]:
    """Return RECORD as JSON-ready data (kept on its source record row)."""
    # By hand, not dataclasses.asdict (a deep copy): a first run writes 100,000 of these.
    data = {name: getattr(record, name) for name in _RECORD_FIELDS}
    data["authors"] = [author_to_json(a) for a in record.authors]
    return data


def author_to_json(author: Author) -> dict[str, str | None]:
    """Return AUTHOR as JSON-ready data."""
    return {"family": author.family, "initials": author.initials, "collective": author.collective}


def record_from_json(data: Mapping[str, Any]) -> Record:
    """Return the Record that record_to_json made DATA from."""
    values = dict(data)
    values["authors"] = tuple(Author(**a) for a in values.get("authors") or ())
    for name in ("nct_ids", "author_keys", "journal_words"):
        values[name] = tuple(values.get(name) or ())
    values["registry_links"] = tuple(tuple(link) for link in values.get("registry_links") or ())
    return Record(**values)
