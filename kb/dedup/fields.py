"""How real exports write a field, read back to one form, and whether it can be trusted.

Each reader turns what an export wrote into the value deduplication compares, and each
``*_evidence`` function says what two values tell about a pair: True (they agree), False
(they disagree, both trustworthy) or None (one is missing or damaged: no evidence either
way). A damaged field never keeps two renderings of one article apart.

DOIs are read by the one DOI reader, harvester.pubmed_xml.clean_doi (links, URL-encoding,
"[doi]"/"[pii]" suffixes, several ids in one field, a PII that is no DOI); a DOI cut short by
an export is told apart in pairs.py.

The kinds of damage are those of real exports (EndNote, Ovid, Embase, Scopus, spreadsheet
round trips), never a journal's or a record's quirk:

- pages: abbreviated ranges (685-97), a first page against its range (488 / 487-488),
  electronic article numbers against printed pages (e12724 / 1-6, c1804 / 1014), and values
  that carry no page at all: a date a spreadsheet made of a range (01-Aug, May-15), a year,
  a lone "1", stray text (t-8, BP38-04M);
- issues: a reference manager's record number (issue 1719), a spreadsheet date (01-Mar),
  supplements (Suppl 2 = S2);
- journals: notes in brackets ([Electronic Resource], (Carlton, Vic.)), parallel titles
  after "=", subtitles after ":" or " - ", abbreviations run together ("Jthoraccardiovascsurg"),
  a whole citation packed into the field (Embase: "Journal of X.33 (3) ()(pp 291-301) 2010.");
- authors: "?" or the replacement character for a letter the export could not write,
  initials left on the family name by a splitter ("Kloner R."), "et al.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MAX_ISSUE = 60  # issues within a volume; more is a record number or a whole number
_MONTHS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_SPAN = re.compile(r"^([A-Za-z]{0,3})(\d+)(?:-([A-Za-z]{0,3})(\d+))?$")
_SUPPLEMENT = re.compile(
    r"^(?:(\d+)\s*)?(?:suppl(?:ement)?\.?|supp\.?|s)\s*(\d*)\s*(?:pt\.?\s*\d+)?$", re.IGNORECASE
)
_TRAILING_INITIALS = re.compile(r"(?:\s+[a-z]){1,3}$")
_PACKED_CITATION = re.compile(
    r"^(?P<journal>.*?[A-Za-z)\]])\.\s*(?P<volume>\d+[A-Za-z]?)\s*"
    r"(?:\((?P<issue>[^)]*)\))?\s*(?:\([^)]*\))?\s*"
    r"\(pp\.?\s*(?P<pages>[^)]*)\)\s*(?P<year>(?:19|20)\d\d)?"
)
_UNREADABLE = str.maketrans("", "", "?\ufffd")
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


_SEVERAL = re.compile(r"\s*[,+;]\s*")
_ARTICLE_NUMBER = re.compile(r"^\s*(?:ARTN|UNSP|Artn|Unsp)\s+")
_PAGES = re.compile(r"^\s*([A-Za-z]*)(\d+)\s*[-\u2013\u2014]+\s*([A-Za-z]*)(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class PageSpan:
    """Pages as printed: the first and last page numbers, or an article number."""

    first: int
    last: int
    article: bool  # an electronic article number (e12724, c1804, CD001876), not pages


def expand_pages(value: str | None) -> str | None:
    """Return pages with the last page written out: "123-9" -> "123-129", "e12" stays."""
    if not value:
        return None
    # Embase and Web of Science: "(no pagination)", "ARTN 367", "UNSP e5469", and
    # sometimes the DOI on a second line of the same field.
    text = value.strip().splitlines()[0] if value.strip() else ""
    if "no pagination" in text.lower():
        return None
    text = _ARTICLE_NUMBER.sub("", text).replace(" ", "")
    found = _PAGES.match(text)
    if not found:
        return text or None
    prefix, start, prefix_end, end = found.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{prefix}{start}-{prefix_end or prefix}{end}" if end != start else f"{prefix}{start}"


@lru_cache(maxsize=1 << 18)
def page_span(pages: str | None, year: int | None = None) -> PageSpan | None:
    """Return the printed pages of an (expanded) PAGES value, or None when it carries no
    page information: missing, a date or a year a spreadsheet or an index left there, a
    lone "1" (a placeholder for an online-only article), or text that is no page."""
    if not pages:
        return None
    text = pages.strip().strip('"')
    if _MONTHS.search(text):
        return None  # 01-Aug: a range a spreadsheet read as a date
    parts = [p for p in _SEVERAL.split(text) if p]
    if len(parts) > 1:  # "230-5, 246-51, 233-8": a paper printed in pieces, in any order
        spans = [page_span(expand_pages(part), year) for part in parts]
        if any(span is None or span.article for span in spans):
            return None
        return PageSpan(
            min(s.first for s in spans if s), max(s.last for s in spans if s), article=False
        )
    found = _SPAN.match(text.replace(" ", ""))
    if not found:
        return None
    prefix, start, prefix_end, end = found.groups()
    first = int(start)
    last = int(end) if end else first
    if prefix_end and prefix_end.lower() != prefix.lower():
        return None  # BP38-04M: not a range
    if end is None and year and first in (year, year - 1, year + 1):
        return None  # the year in the pages field
    article = bool(prefix) and prefix.lower() not in ("s", "p", "pp")
    if not article and end is None and first <= 1:
        return None
    if not article and last < first:
        return None  # "t-8", "95-3" after expansion gone wrong: no range runs backwards
    return PageSpan(first, last, article or (end is None and len(start) >= 5))


def page_evidence(a: PageSpan | None, b: PageSpan | None) -> bool | None:
    """Return whether two records' pages agree (True), disagree (False) or say nothing."""
    if a is None or b is None:
        return None
    if a.article != b.article:
        # An article number against printed pages: the same number is agreement (43268
        # and e43268); anything else, two numbering systems that cannot be compared.
        return True if a.first == b.first else None
    if a.first == b.first:
        return True
    if a.first == a.last and b.first <= a.first <= b.last:
        return True  # a page against its range: 488 / 487-488
    return b.first == b.last and a.first <= b.first <= a.last


@lru_cache(maxsize=1 << 16)
def issue_key(issue: str | None) -> str | None:
    """Return the issue a field names, or None when it names none that can be trusted:
    supplements read alike ("Suppl 2", "S2", "Supplement 2" -> "s2"), a date a spreadsheet
    made of it (01-Mar) or a number no volume has (a reference manager's record number)
    gives None."""
    if not issue:
        return None
    text = " ".join(issue.split()).strip().rstrip(".")
    if not text or _MONTHS.search(text):
        return None
    supplement = _SUPPLEMENT.match(text)
    if supplement:
        return f"s{supplement.group(2) or ''}"
    if text.isdigit():
        number = int(text)
        return str(number) if 0 < number <= MAX_ISSUE else None
    return text.lower()


def issue_evidence(a: str | None, b: str | None) -> bool | None:
    """Return whether two issues (issue_key values) agree, disagree or say nothing."""
    if a is None or b is None:
        return None
    return a == b


def volume_evidence(
    a: str | None, b: str | None, years: tuple[int | None, int | None]
) -> bool | None:
    """Return whether two volumes agree, disagree or say nothing (missing, or only the
    year: some indexes put the year where a volume is missing)."""
    if not a or not b:
        return None
    if str(years[0]) == a or str(years[1]) == b:
        return None
    return a.lower() == b.lower()


def journal_title(name: str | None) -> str | None:
    """Return a journal field's first title: a parallel title after " = " and a subtitle
    after ": " or " - " or " / " left out ("JAMA: Journal of the American Medical
    Association" -> "JAMA"); a citation packed into the field cut to its journal."""
    if not name:
        return None
    packed = unpack_citation(name)
    if packed:
        name = packed["journal"]
    for separator in (" = ", ": ", " : ", " - ", " / "):
        head = name.split(separator, 1)[0]
        if head.strip() and any(c.isalpha() for c in head):
            name = head
    return name.strip() or None


def unpack_citation(text: str | None) -> dict[str, str] | None:
    """Return journal, volume, issue, pages and year of a whole citation an export packed
    into its journal field ("Journal of X.33 (3) ()(pp 291-301) 2010.Date of Publication:
    ..."), or None when the field is a journal's name."""
    if not text or "(pp" not in text:
        return None
    found = _PACKED_CITATION.match(text.strip())
    if not found:
        return None
    return {k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}


def words_run_together(compact: str, words: tuple[str, ...]) -> bool:
    """Return whether COMPACT (a journal's abbreviation written as one word,
    "jthoraccardiovascsurg") is the starts of WORDS in order ("j thorac cardiovasc surg"
    against "journal thoracic cardiovascular surgery"), each start 1 letter or more."""
    if len(compact) < 6 or len(words) < 2:
        return False
    reachable = {0}
    for word in words:
        following = set()
        for start in reachable:
            for end in range(start + 1, min(len(compact), start + len(word)) + 1):
                if word.startswith(compact[start:end]):
                    following.add(end)
                else:
                    break
        # A word may be left out of the abbreviation only when it is short (of, and).
        reachable = following | (reachable if len(word) <= 3 else set())
        if not reachable:
            return False
    return len(compact) in reachable


def author_key(family: str) -> str:
    """Return the comparison form of a folded family name: initials a name splitter left
    on it dropped ("kloner r" -> "kloner"), "et al" as no name."""
    key = _TRAILING_INITIALS.sub("", family) if " " in family else family
    return "" if key in ("et al", "et", "al") else key


def drop_unreadable(text: str) -> str:
    """Return TEXT as it was meant to be written, for comparison: UTF-8 read as Latin-1
    undone ("BayÃ©s" -> "Bayés", by ftfy, the well-kept library for it), and without the
    "?" and replacement characters an export wrote for letters it could not encode
    ("Cobano?lu" -> "Cobanolu", compared with "Cobanoglu")."""
    if text.isascii():
        return text.replace("?", "") if "?" in text else text
    if _MOJIBAKE.search(text):
        import ftfy  # only for the few texts that need it

        text = ftfy.fix_encoding(text)
    return text.translate(_UNREADABLE) if "?" in text or "\ufffd" in text else text
