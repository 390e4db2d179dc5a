"""A work's source records -> what the tagger reads (TagInput), the richest abstract first."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kb.tagging.taxonomy import MeshTerm
from kb.tagging.types import Registry, Section, TagInput

# Labels of a structured abstract, as exports write them inline in one abstract field
# ("Background: ... Methods: ... Results: ..."; in capitals too).
_SECTION_LABELS = (
    "background", "introduction", "context", "rationale", "importance", "objective",
    "objectives", "object", "aim", "aims", "purpose", "goal", "goals", "study design", "design",
    "setting", "settings", "methods", "method", "materials and methods", "patients and methods",
    "methods and materials", "participants", "patients", "subjects", "interventions",
    "intervention", "measurements", "main outcome measures", "outcome measures", "results",
    "findings", "main results", "limitations", "conclusion", "conclusions", "interpretation",
    "discussion", "significance", "summary", "case", "case report", "case presentation",
    "case description", "clinical presentation", "what this paper adds", "level of evidence",
    "evidence", "trial registration", "funding", "review methods", "data sources",
    "study selection", "data extraction", "data synthesis", "search methods",
    "inclusion criteria", "exclusion criteria", "eligibility criteria", "eligibility",
    "selection criteria", "main results", "authors' conclusions", "observations",
    "cases", "case reports", "case summary", "case summaries", "case history",
    "case histories", "clinical case", "clinical cases", "case presentations",
    "case descriptions", "clinical presentations",
    # as abstracts in other languages label their sections
    "introducción", "introdução", "introduzione", "einleitung", "hintergrund", "contexte",
    "antecedentes", "objetivo", "objetivos", "objectif", "objectifs", "ziel", "ziele",
    "zielsetzung", "fragestellung", "obiettivo", "obiettivi", "métodos", "método", "méthodes",
    "méthode", "methoden", "methodik", "metodi", "metodo", "material y métodos",
    "material e métodos", "materiais e métodos", "matériel et méthodes", "pacientes y métodos",
    "patients et méthodes", "patienten und methoden", "resultados", "résultats",
    "ergebnisse", "risultati", "conclusión", "conclusiones", "conclusão", "conclusões",
    "schlussfolgerung", "schlussfolgerungen", "fazit", "conclusioni", "discusión", "discussão",
    "diskussion",
)  # fmt: skip
_INLINE = re.compile(
    # (after a sentence's end, or at a line's start: a conference page's "Cleveland, OH\n
    # Background:\n\nSpasticity is ..."; or after the word Abstract, a full text's header
    # run into it: "Michael Vloeberghs 2 Abstract Introduction: Status dystonicus is ...")
    r"(?:^|(?<=[.!?\]])\s+|(?<=\n)[ \t]*|(?<=[Aa]bstract|ABSTRACT)\s+)"
    r"(?P<label>[^\W\d_](?:[^\W\d_]|[' ,/&-]){1,50}?)\s*-?\s*:\s*",
)
_CRITERIA_INLINE = re.compile(
    r"\b(?P<label>(?:inclusion|exclusion|eligibility) criteria)\s*:\s*", re.IGNORECASE
)
_INLINE_STOP = re.compile(
    r"(?:^|(?<=[.!?\]])\s+)(?P<label>[A-Za-z][A-Za-z' ,/&-]{1,50}?)\.\s+(?=[A-Z(\d])",
)
# Labels with neither colon nor full stop, as some databases export them ("Background
# Spasticity is ... Methods We reviewed ... Results ..."): a few section names only, written
# capitalised or in capitals, before a capital letter; two of them at least (184 abstracts
# of the labelled deduplication sets, checked by listing every sequence found: no false one).
_BARE_HEADS = (
    "background", "introduction", "context", "objectives?", "object", "aims?", "purpose",
    "methods?",
    "materials?", "design", "results?", "findings", "conclusions?", "discussion",
    "significance", "relevance", "implications", "interpretation",
    # a case report's own heads ("Introduction ... Case Report A 54 year-old male ...")
    "case report", "case presentation", "case description", "case history",
    # a structured review's heads ("Data Sources Information was collected by conducting a
    # MEDLINE search ... Study Selection Studies ... Data Synthesis Baclofen is ...")
    "data sources", "study selection", "data extraction", "data synthesis",
    "evidence acquisition", "evidence synthesis",
)  # fmt: skip
_BARE_HEAD = "|".join(
    f"{head[0].upper()}{head[1:]}|{head.upper()}" + (f"|{head.title()}" if " " in head else "")
    for head in _BARE_HEADS
)
_INLINE_BARE = re.compile(
    # (or alone at a line's start, as a page shows its heads: "Abstract\n\nBackground\n\n...")
    r"(?:^|(?<=[.!?\]])\s+|(?<=\n)[ \t]*)"
    rf"(?P<label>(?:{_BARE_HEAD})(?:\s+(?:and|AND|&)\s+(?:{_BARE_HEAD}"
    r"|methods|METHODS))?)(?:\s+-)?\s+(?=[A-Z\d])"
)
# Labels joined from the words of section names ("METHODS AND RESULTS", "BACKGROUND AND
# PURPOSE", "Purpose of review", "Measurements and main results", "Material/Methods"):
# a label is such words only, at least one of them a section's name.
_LABEL_HEADS = frozenset({
    "background", "introduction", "context", "rationale", "importance", "objective",
    "objectives", "object", "aim", "aims", "purpose", "goal", "goals", "hypothesis", "hypotheses",
    "design", "setting", "settings", "method", "methods", "methodology", "materials",
    "material", "patients", "participants", "subjects", "population", "interventions",
    "intervention", "measurements", "measures", "measure", "outcome", "outcomes", "results",
    "result", "findings", "conclusion", "conclusions", "interpretation", "discussion",
    "significance", "summary", "limitations", "implications", "relevance", "procedures",
    "approach", "review", "sources", "selection", "extraction", "synthesis", "registration",
    "case", "cases", "presentation", "presentations", "description", "descriptions",
    "history", "histories", "observations", "evidence", "analysis", "analyses",
})  # fmt: skip
_LABEL_JOINS = frozenset({
    "and", "or", "of", "the", "study", "main", "key", "recent", "primary", "secondary",
    "principal", "clinical", "data", "research", "experimental", "statistical", "trial",
    "search", "report", "animals", "level", "what", "this", "paper", "adds",
    # (a case report's "Patient description:", "Patient presentation:")
    "patient",
})  # fmt: skip
# What a page of PubMed (or a database) shows after the abstract, pasted with it.
# (after a sentence's end or at a line's start, with its colon; or, as PubMed's own page
# shows them, alone on their line with no colon and their items on the lines after:
# "Publication types\n\n  \u2022 Case Reports\n\nMeSH terms\n\n  \u2022 Baclofen ...")
_INDEX_LABELS = (
    r"publication types?|mesh terms|mesh headings|keywords|key ?words|author keywords"
    r"|substances|grant support|comment in|erratum in"
)
_INDEX_ON_ONE_LINE = re.compile(
    rf"(?:^|(?<=[.!?\]])\s+)(?P<label>{_INDEX_LABELS})\s*:\s*(?P<bare>)", re.IGNORECASE
)
_INDEX_ON_LINES = re.compile(
    rf"(?:^|(?<=[.!?\]])\s+|(?<=\n)[ \t]*)(?P<label>{_INDEX_LABELS})\s*:\s*"
    rf"|(?:^|(?<=\n))[ \t]*(?P<bare>{_INDEX_LABELS})[ \t]*\n\s*",
    re.IGNORECASE,
)


_INDEX_WORDS = ("publication type", "mesh", "keyword", "key word", "substances",
                "grant support", "comment in", "erratum in")  # fmt: skip


def _index_line(text: str) -> re.Pattern[str] | None:
    """Return the pattern of TEXT's index lines, or None where no label's words stand (the
    common case, found by substring tests: the case-blind search tries every character); a
    text of one line, as databases store an abstract, is searched for the labels after a
    sentence's end only (less than half the time of the search that lines allow)."""
    lowered = text.lower()
    if not any(map(lowered.__contains__, _INDEX_WORDS)):
        return None
    return _INDEX_ON_LINES if "\n" in text else _INDEX_ON_ONE_LINE


# After an index line's items, a paragraph that is no item: the heading "Abstract", or a line of
# prose (a sentence's end within it, 120 characters or more, no bullet)
_ABSTRACT_LINE = re.compile(r"\s*(?:abstract|summary|r\u00e9sum\u00e9|resumen)\s*:?\s*$", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_PROSE_LINE = re.compile(r"^(?![ \t]*[\u2022\u00b7*])[^\n]{0,2000}?[.!?](?:\s|$)", re.M)


# An abstract's head after keywords on the same line, as an export that put the page on one
# line holds it ("Keywords: ...; Withdrawal; Analgesia ABSTRACT Objective: Baclofen ..."):
# the head in capitals or capitalised, then prose
_ABSTRACT_HEAD_INLINE = re.compile(
    r"\s(?=(?:ABSTRACT|Abstract|SUMMARY|Summary|R\u00c9SUM\u00c9|R\u00e9sum\u00e9|RESUMEN"
    r"|Resumen)\s*[:.]?\s+[A-Z]|(?:OBJECTIVES?|Objectives?|BACKGROUND|Background|INTRODUCTION"
    r"|Introduction|PURPOSE|Purpose|AIMS?|Aims?)\s*:\s+[A-Z])"
)


def _abstract_head_in(items: str) -> int | None:
    """Return where, in the items of a keywords line that runs on, an abstract begins under
    its head with prose after it, or None (only after a first keyword, and only where a
    sentence follows: no keyword is a sentence)."""
    found = _ABSTRACT_HEAD_INLINE.search(items)
    if found is None or not items[: found.start()].strip(" :;,"):
        return None
    rest = items[found.end() :]
    return found.end() if len(rest) >= 200 and ". " in rest else None


def _prose_after(items: str) -> int | None:
    """Return where, in the items of an index line, the prose of the abstract begins (a page
    that shows its index lines before the abstract), or None where the items run to the end."""
    for found in _PARAGRAPH_BREAK.finditer(items):
        start = found.end()
        end = items.find("\n", start)
        line = items[start : end if end >= 0 else len(items)]
        if _ABSTRACT_LINE.match(line) or (
            len(line) >= 120 and _PROSE_LINE.match(line) and line.count(";") < 3
        ):
            return start
    # (a PDF's text, one line after another with no blank line: "Keywords\nintrathecal
    # baclofen, withdrawal, overdose\nReceived March 21, 2018. Accepted ...\nA Short History
    # of ...": after the first line of items, a line of prose, many words and few separators)
    first = True
    for row in _LINE.finditer(items):
        written = row.group().strip()
        if not written:
            continue
        if first:
            first = False
            continue
        words = len(written.split())
        if (
            written[0] not in "\u2022\u00b7*"
            and words >= 8
            and (4 * (written.count(",") + written.count(";")) < words)
        ):
            return row.start()
    return None


_LINE = re.compile(r"[^\n]+")
# A structured abstract's heads of its end, each opening a line: the text before an index
# line is an abstract, whatever its length
_RESULTS_HEAD = re.compile(r"(?m)^[ \t]*(?:Results?|RESULTS?)\b")
_CONCLUSIONS_HEAD = re.compile(r"(?m)^[ \t]*(?:Conclusions?|CONCLUSIONS?)\b")
# A full text's first head alone on its line ("Introduction", "1. INTRODUCTION")
_FULL_TEXT_HEAD = re.compile(
    r"\n[ \t]*(?:1\.?[ \t]*)?(?:Introduction|INTRODUCTION|Background|BACKGROUND)[ \t]*:?[ \t]*\n"
)


# The items of an index line that a page shows one to a line, as bullets
_BULLETED = re.compile(r"\s*\n\s*(?:[\u2022\u00b7*]\s*)?|^\s*[\u2022\u00b7*]\s*")


_INDEX_APART = re.compile(r";")
_KEYWORDS_APART = re.compile(r";|\s[-\u2013\u2014]\s")


# What an aggregator's software appends: "Keyphrases - spinal cord injury - systematic review"
_SUBJECTS_LINE = re.compile(r"^[ \t]*Subject\(s\)[ \t]*[-:\u2013][^\n]*(?:\n|$)", re.MULTILINE)
_AGGREGATOR_PHRASES = re.compile(
    r"(?:^|(?<=[.!?\]])\s+)(?:key ?phrases|top keywords|key concepts)\b\s*[:\-\u2013]?\s",
    re.IGNORECASE,
)


# A structured abstract's head run into the first word of its text, as scraped pages leave
# them ("ObjectiveIntraventricular baclofen ...", "technique.ResultsNo severe ..."): the head
# at the text's start or after a sentence's end, a capital word glued to it.
_FUSED_HEADS = (
    "Background", "Introduction", "Objectives?", "Object", "Aims?", "Purpose", "Methods?",
    "Materials? and [Mm]ethods", "Patients and [Mm]ethods", "Results?", "Findings",
    "Conclusions?", "Discussion", "Interpretation", "Significance",
    # a case report's heads, as JATS sections lose their tags ("</jats:sec><jats:sec>Case
    # presentationWe described a female patient")
    "Case (?:[Pp]resentation|[Rr]eport|[Dd]escription|[Hh]istory|[Ss]ummary)",
)  # fmt: skip
# (the look: a head's stem, its plural too, before a capital: "MethodsNine children",
# "ObjectThe aim of this study")
# (one group of stems: an alternative beside it is tried at every character, 5x the time)
_FUSED_LOOK = re.compile(
    r"(?:Object(?:ive)?|Method|Result|Conclusion|Background|Discussion"
    r"|Case (?:[Pp]resentation|[Rr]eport|[Dd]escription|[Hh]istory|[Ss]ummary))s?[A-Z][a-z]"
)
_FUSED_LABEL = re.compile(
    rf"(?:^|(?<=[.!?]))\s*(?P<label>{'|'.join(_FUSED_HEADS)})(?=[A-Z][a-z])",
)


def _unfuse(found: re.Match[str]) -> str:
    return f"{' ' if found.start() else ''}{found.group('label')}: "


# A list of references: a heading alone on its line, or two citations a few lines apart (an
# author's surname and initials first, a year, and a volume's pages, a DOI or an index's name:
# "Albright AL, Barron WB, ... (1993) Continuous intrathecal baclofen infusion ... JAMA 24; 270:
# 2475\u20132477CrossRefGoogle Scholar")
_REFERENCE_HINTS = ("CrossRef", "Google Scholar", "PubMed", "eferences", "doi", "DOI", "et al")
_REFERENCES_HEADING = re.compile(
    r"^\s*(?:list of references|references|bibliography|literature cited|literatur)\s*:?\s*$",
    re.IGNORECASE,
)
_CITATION_LINE = re.compile(
    r"^\s*(?:\[?\d+[.\])]\s*)*[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?\s+[A-Z]{1,3}\b[,.]?"
    r"(?=.*\b(?:19|20)\d\d\b)(?=.*(?:\d+\s*[:(]\s*\d+|CrossRef|Google Scholar|PubMed|doi))"
)
# (a citation's year, volume and pages, as Vancouver style writes them with no other hint:
# "J Neurol Neurosurg Psychiatr. 2000;69:292-301")
_VOLUME_PAGES = re.compile(r"(?:19|20)\d\d\s?;\s?\d+\s?(?:\(\d+\)\s?)?:\s?\d")
_CITATION_START = re.compile(
    r"^\s*(?:\[?\d+[.\])]\s*)*[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?\s+[A-Z]{1,3}[,.]\s"
    r"(?=.*\b(?:19|20)\d\d\b)"
)
_NUMBERING_LINE = re.compile(r"^\s*(?:\d+\.\s*)+$")


def _drop_references(text: str) -> str:
    """Return TEXT without the list of references a page shows after it (from its heading, or
    from the first of two citation lines at most three lines apart, up to the index lines a
    PubMed page shows after its references: "Publication types", "MeSH terms")."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _REFERENCES_HEADING.match(line) and number > 0:
            return _without(lines, number)
        if _CITATION_LINE.match(line) and any(
            _CITATION_LINE.match(later) for later in lines[number + 1 : number + 4]
        ):
            while number > 0 and (
                not lines[number - 1].strip()
                or _NUMBERING_LINE.match(lines[number - 1])
                # (a citation before them with its year but no volume's pages: "Schwartz E,
                # Rodeisperger E. Skin and soft tissue infections. In: ... 1990;63-113.")
                or _CITATION_START.match(lines[number - 1])
            ):
                number -= 1
            return _without(lines, number)
    return text


_INDEX_LINE_START = re.compile(rf"^\s*(?:{_INDEX_LABELS})\b", re.IGNORECASE)


def _without(lines: list[str], start: int) -> str:
    """LINES joined, less those from START to the next index line."""
    end = next(
        (n for n in range(start + 1, len(lines)) if _INDEX_LINE_START.match(lines[n])), len(lines)
    )
    return "\n".join([*lines[:start], *lines[end:]]).strip()


def split_abstract(text: str) -> tuple[list[Section], dict[str, list[str]]]:
    """Return one abstract field's text as sections and the index lines pasted after it.

    A structured abstract written inline ("Background: ... Methods: ...", labels in
    capitals too) becomes labelled sections; "Publication types: ...", "MeSH terms: ...",
    "Keywords: ..." and "Substances: ..." are read into their own fields (keys
    publication_types, mesh, keywords), since a person pasting a PubMed page keeps them; an
    aggregator's key phrases ("Keyphrases - ...") are dropped.
    """
    extra: dict[str, list[str]] = {}
    if _FUSED_LOOK.search(text):
        # a page's heads run into their text ("technique.ResultsNo severe adverse events"):
        # set apart, as the heads of a structured abstract
        text = _FUSED_LABEL.sub(_unfuse, text)
    if "\n" in text and (
        any(map(text.__contains__, _REFERENCE_HINTS)) or _VOLUME_PAGES.search(text)
    ):
        # a page's list of references pasted after the abstract: the literature it cites,
        # nothing of the record's own (the coding manual)
        text = _drop_references(text)
    if "Subject(s)" in text:
        # an aggregator's subject terms on a line of their own ("Subject(s) - medicine ,
        # baclofen , spasticity , sedation"): its software's, no statement of the record's
        text = _SUBJECTS_LINE.sub("", text)
    phrases = _AGGREGATOR_PHRASES.search(text)
    if phrases:
        # an aggregator's machine key phrases: no statement of the record's (the coding manual)
        text = text[: phrases.start()].strip()
    pattern = _index_line(text)
    index = pattern.search(text) if pattern else None
    if pattern and index:
        tail = text[index.start() :].strip()
        text = text[: index.start()].strip()
        marks = list(pattern.finditer(tail))
        returned: list[str] = []
        for number, mark in enumerate(marks):
            end = marks[number + 1].start() if number + 1 < len(marks) else len(tail)
            key = _index_key(mark.group("label") or mark.group("bare"))
            items = tail[mark.end() : end]
            # (keywords only: a comment's or an erratum's citation is no abstract)
            prose = (
                (_prose_after(items) if "\n" in items else _abstract_head_in(items))
                if key == "keywords"
                else None
            )
            if prose is not None:
                head = _FULL_TEXT_HEAD.search(items, 0, prose)
                if head and (
                    (len(text) >= _ABSTRACT_BEFORE_HEAD and text.count(". ") >= 3)
                    or (_RESULTS_HEAD.search(text) and _CONCLUSIONS_HEAD.search(text))
                ):
                    # an abstract, its keywords, then the full text's first head alone on its
                    # line ("Keywords: cerebral palsy, ...\nIntroduction\nThe intrathecal
                    # baclofen pump was developed ..."): the text after is the article's
                    # background and the literature it cites, nothing of the abstract's
                    items = items[: head.start()]
                else:
                    # a page that shows its keywords before the abstract ("Keywords: Baclofen;
                    # Spasticity\n\nABSTRACT\n\nObjective: ..."): the abstract is the text's
                    returned.append(items[prose:].strip())
                    items = items[:prose]
            if "\u2022" in items or "\n" in items.strip():
                # one to a line ("\u2022 Baclofen / therapeutic use*"), each line's items apart
                # as written on it
                items = ";".join(_BULLETED.split(items))
            # (keywords set apart by dashes too: "spasticity - pump systems - withdrawal")
            apart = _KEYWORDS_APART if key == "keywords" else _INDEX_APART
            values = [v.strip(" .\t\n") for v in apart.split(items)]
            if key:
                extra.setdefault(key, []).extend(v for v in values if v)
        if returned:
            text = "\n\n".join([text, *returned]).strip()
    marks = [m for m in _INLINE.finditer(text) if _is_label(m.group("label"))]
    if "riteria" in text:  # a registry page's criteria, labelled mid-line ("Inclusion Criteria:")
        taken = {m.start("label") for m in marks}
        marks += [m for m in _CRITERIA_INLINE.finditer(text) if m.start("label") not in taken]
        marks.sort(key=lambda m: m.start())
    if len(marks) < 2:
        # labels closed by a full stop ("Background. ... Objective. To review ... Methods.")
        marks = [m for m in _INLINE_STOP.finditer(text) if _is_label(m.group("label"))]
    if len(marks) < 2:
        marks = list(_INLINE_BARE.finditer(text))  # bare labels ("Background Spasticity ...")
    if len(marks) == 1 and not _alone_after_text(text, marks[0]):
        marks = []
    if not marks:
        return ([Section(None, None, text)] if text else []), extra
    sections = []
    if marks[0].start() > 0 and text[: marks[0].start()].strip():
        sections.append(Section(None, None, text[: marks[0].start()].strip()))
    for number, mark in enumerate(marks):
        end = marks[number + 1].start() if number + 1 < len(marks) else len(text)
        body = text[mark.end() : end].strip()
        if body:
            sections.append(Section(mark.group("label").strip(" -").upper(), None, body))
    return sections, extra


def _alone_after_text(text: str, mark: re.Match[str]) -> bool:
    """Whether MARK is a head alone on its line after some text, as a page shows the full
    text's first head after its abstract ("... returned to baseline status." then
    "Background" on a line of its own); one such head parts the text."""
    before = text[: mark.start("label")]
    return (
        "\n" in text[mark.end("label") : mark.end()]
        and before.rstrip(" \t").endswith("\n")
        # (an abstract's sentences before it, not a page's header: a chapter's "The 10 key
        # points ... The same text below:" then "Introduction" starts the whole text)
        and len(before) >= _ABSTRACT_BEFORE_HEAD
        and before.count(". ") >= 3
    )


_ABSTRACT_BEFORE_HEAD = 400  # characters


_MARKUP = re.compile(r"</?[a-zA-Z][\w:.-]*(?:\s[^<>]*)?/?>")

# Typeset characters that publishers' XML and exports leave in the text, read as the plain
# ones every rule is written with (one character for one: "placebo\u2010controlled" with
# U+2010 is "placebo-controlled", "patient\u2019s" is "patient's"); the em dash stays.
_TYPESET = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d", "-")
    | dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')
)
# A sentence run into the next with no space, as joined paragraphs are exported
# ("... were assessed.Results: ...", "(p < 0.05).Patients ...", "Gov't.MeSH terms"): two
# lower-case letters or a closing bracket before the stop, a capital after it (not "e.g.",
# "i.v.", "Ph.D"); or any two letters or digits before it and a label after it.
_GLUED_STOP = re.compile(
    r"(?:(?<=[a-z'][a-z][.!?])|(?<=[)\]%]\.))(?=[A-Z])"
    # a section's label after an acronym or a number ("exposure to MRI.Methods: ...")
    r"|(?<=\w\w[.!?])(?=[A-Z][A-Za-z]+(?: [A-Za-z]+){0,3}:)"
)
# A database's copyright line at the end of an abstract ("\u00a9 2021 Elsevier Inc. All
# rights reserved.", "Copyright \u00a9 2019 John Wiley & Sons", "(C) 2018 ...", "(copyright)
# 2010 ...").
_COPYRIGHT = re.compile(
    r"(?:(?<=[.!?)\]])\s*|\s+(?=\u00a9))(?:\u00a9|\((?:c|copyright)\)(?=\s*(?:19|20)\d\d)"
    r"|copyright\b|all rights reserved\b"
    r"|(?:19|20)\d\d\s+[A-Z][^.]{0,60}\.\s+all rights reserved\b)",  # (its sign lost)
    re.IGNORECASE,
)
# "Abstract" (in capitals, or in another language) heading an abstract's text, as a page or a
# database pastes it ("Abstract Background: ...", "ABSTRACT: Intrathecal baclofen ...").
_HEADING = re.compile(
    r"\s*(?i:abstract|r\u00e9sum\u00e9|resumen|resumo|zusammenfassung|riassunto|streszczenie)"
    r"\s*[:.\-\u2013\u2014]?\s*(?=[A-Z\d\"'(\[\u00c0-\u00de])"  # (a capital after it)
)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,5});")
_COPYRIGHT_REACH = 400  # characters from the end where a copyright line may begin
_BOILERPLATE_REACH = 40  # ... and the year, rights or publisher in its first characters
_COPYRIGHT_HINT = re.compile(r"\u00a9|copyright|\(c\)|rights reserved", re.IGNORECASE)
_BOILERPLATE = re.compile(r"\b(?:19|20)\d\d\b|rights reserved|published by|licen[cs]", re.I)


def _typeset(text: str) -> str:
    """Return TEXT as the rules read it: HTML entities as their characters ("Methods &amp;
    Results", "p &lt; 0.05"), typeset dashes and quotes plain, sentences run together set
    apart, a trailing copyright line dropped (no statement of the record's)."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if not text.isascii():
        text = text.translate(_TYPESET)
    if _may_hold_copyright(text):
        text = _drop_copyright(text)
    # (every run-together stop is a stop before a capital: the quick search first, as the
    # look-behinds of _GLUED_STOP are tried at every character, 23 us a section of 250)
    if _STOP_CAPITAL.search(text):
        text = _GLUED_STOP.sub(" ", text)
    return text


_STOP_CAPITAL = re.compile(r"[.!?][A-Z]")
_COPYRIGHT_WORDS = ("copyright", "(c)", "rights reserved")  # (and \u00a9, never ASCII)


def _may_hold_copyright(text: str) -> bool:
    """Whether _COPYRIGHT_HINT finds something in TEXT (an ASCII text by str.lower() and
    substring tests, five times quicker than the case-blind search)."""
    if not text.isascii():
        return _COPYRIGHT_HINT.search(text) is not None
    lowered = text.lower()
    return any(word in lowered for word in _COPYRIGHT_WORDS)


def _drop_copyright(text: str) -> str:
    """Return TEXT without a copyright line at the end of its abstract (before the index
    lines a pasted page has after it): after a statement of the record's, naming a year,
    the rights or a publisher in its first words (never the whole text)."""
    pattern = _index_line(text)
    index = pattern.search(text) if pattern else None
    end = index.start() if index else len(text)
    for found in _COPYRIGHT.finditer(text, max(1, end - _COPYRIGHT_REACH), end):
        if _BOILERPLATE.search(text, found.start(), min(end, found.start() + _BOILERPLATE_REACH)):
            kept = text[: found.start()].rstrip()
            return f"{kept}{text[end:]}" if index else kept
    return text


def _plain(text: str) -> str:
    """Return TEXT without HTML or MathML tags ("<i>n</i> = <mn>12</mn>" -> "n = 12")."""
    return " ".join(_MARKUP.sub(" ", text).split())


def _is_label(label: str) -> bool:
    lowered = label.strip().lower()
    if lowered in _SECTION_LABELS:
        return True
    words = re.split(r"[\s,/&-]+", lowered.strip(" -"))
    return (
        len(words) <= 6
        and any(word in _LABEL_HEADS for word in words)
        and all(word in _LABEL_HEADS or word in _LABEL_JOINS for word in words)
    )


def _index_key(label: str) -> str | None:
    lowered = label.lower().replace(" ", "")
    if lowered.startswith("publicationtype"):
        return "publication_types"
    if lowered.startswith("mesh"):
        return "mesh"
    if "keyword" in lowered:
        return "keywords"
    return None


def tag_input(title: str, kind: str, members: Sequence[Mapping[str, Any]]) -> TagInput:
    """Return the TagInput of a work from its source records' parsed fields (richest first)."""
    sections: tuple[Section, ...] = ()
    pasted: dict[str, list[str]] = {}
    for fields in members:
        found = tuple(
            Section(s.get("label"), s.get("category"), s.get("text") or "")
            for s in fields.get("abstract") or []
            if isinstance(s, dict) and s.get("text")
        )
        found = tuple(
            # (markup only: a comparison's "p < 0.05" keeps the text's lines, which part its
            # index lines and heads)
            Section(x.label, x.category, _plain(x.text))
            if "<" in x.text and _MARKUP.search(x.text)
            else x
            for x in found
        )
        found = tuple(  # (a section that was a copyright line only is none)
            Section(x.label, x.category, plain)
            for x, plain in zip(found, map(_typeset, (x.text for x in found)), strict=True)
            if plain
        )
        if found and found[0].label is None and _HEADING.match(found[0].text):
            # the page's or the database's heading of the whole, pasted with it
            first = _HEADING.sub("", found[0].text, count=1)
            found = ((Section(None, found[0].category, first),) if first else ()) + found[1:]
        if len(found) == 1 and found[0].label is None:
            parts, extra = split_abstract(found[0].text)
            found = tuple(parts)
            for key, values in extra.items():
                pasted.setdefault(key, []).extend(values)
        if _richer(found, sections):
            sections = found
    mesh: dict[str, MeshTerm] = {}
    types: dict[str, str] = {}
    keywords: dict[str, str] = {}
    for name in pasted.get("mesh", []):
        heading = name.split("/")[0].strip().rstrip("*").strip()
        if heading:
            mesh.setdefault(heading.lower(), MeshTerm("", heading))
    for name in pasted.get("publication_types", []):
        types.setdefault(name.lower(), name)
    for name in pasted.get("keywords", []):
        for word in re.split(r"[;,]", name):
            if word.strip():
                keywords.setdefault(word.strip().lower(), word.strip())
        if name.count(",") == 1 and ";" not in name:
            # also whole: an index's inverted term ("Brain injury, traumatic")
            keywords.setdefault(name.strip().lower(), name.strip())
    registry = None
    for fields in members:
        for heading in fields.get("mesh") or []:
            name = str(heading.get("descriptor") or "")
            if name:
                mesh.setdefault(name.lower(), MeshTerm(heading.get("ui") or "", name))
        for kind_of in fields.get("publication_types") or []:
            name = str(kind_of.get("name") or "")
            if name:
                types.setdefault(name.lower(), name)
        for keyword in fields.get("keywords") or []:
            text = keyword.get("keyword") if isinstance(keyword, dict) else keyword
            if text:
                keywords.setdefault(str(text).lower(), str(text))
        for tag in fields.get("carried_tags") or []:  # ("outcome:spasticity": the tagger's)
            keywords.setdefault(str(tag).lower(), str(tag))
        if (
            registry is None
            and fields.get("nct_id")
            and ("conditions" in fields or "enrollment" in fields)
        ):
            # (a registration read from a file keeps at least its planned enrollment)
            registry = _registry(fields)
        if kind == "article" and _other_registry(fields):
            kind = "registration"  # the manual: a registry record, whichever registry
    return TagInput(
        title=_typeset(_plain(title) if "<" in title else title),
        abstract=sections,
        mesh=tuple(mesh.values()),
        publication_types=tuple(types.values()),
        keywords=tuple(keywords.values()),
        registry=registry,
        kind=kind,
    )


# A record of a trial registry other than ClinicalTrials.gov (whose records the importer knows
# by their NCT number), exported from a reference manager or a database: the registry named as
# its journal or database, or a registry's number as the record's own id.
_REGISTRY_NAME = re.compile(
    r"\b(?:(?:clinical )?trials? regist(?:er|ry)|ICTRP|ISRCTN|EU ?CTR|ANZCTR|ChiCTR|DRKS"
    r"|CTRI|jRCT|UMIN[- ]CTR|IRCT|PACTR|trialsearch\.who\.int|clinicaltrialsregister\.eu)\b",
    re.IGNORECASE,
)
# (the registries' numbers a text names as well: kb/tagging/design.py's registry mirrors)
OTHER_REGISTRY_IDS = (
    r"ISRCTN\d{8}|ACTRN\d{14}|ChiCTR[-\w]*\d{4,}|DRKS\d{8}|CTRI/\d{4}/\d+/\d+"
    r"|EUCTR\d{4}-\d{6}-\d{2}|JPRN-\w+|UMIN\d{9}|jRCT\w+|KCT\d{7}|PACTR\d+|TCTR\d+|RBR-\w+"
)
_REGISTRY_NUMBER = re.compile(
    rf"^\s*(?:{OTHER_REGISTRY_IDS}|\d{{4}}-\d{{6}}-\d{{2}}|IRCT\w+|NTR\d+|SLCTR/[\d/]+)\s*$",
    re.IGNORECASE,
)


def _other_registry(fields: Mapping[str, Any]) -> bool:
    """Whether FIELDS are another trial registry's record (the manual's registration)."""
    journal = fields.get("journal")
    named = " ".join(
        str(v or "")
        for v in (
            journal.get("title") if isinstance(journal, dict) else journal,
            fields.get("database"),
        )
    )
    if named.strip() and _REGISTRY_NAME.search(named):
        return True
    own = fields.get("record_id")
    return isinstance(own, str) and _REGISTRY_NUMBER.match(own) is not None


def _richer(found: tuple[Section, ...], current: tuple[Section, ...]) -> bool:
    labelled = sum(1 for s in found if s.label)
    current_labelled = sum(1 for s in current if s.label)
    if labelled != current_labelled:
        return labelled > current_labelled
    return sum(len(s.text) for s in found) > sum(len(s.text) for s in current)


def _registry(fields: Mapping[str, Any]) -> Registry:
    enrollment = fields.get("enrollment") or {}
    adverse = fields.get("adverse_events") or {}
    events = [
        str(e.get("term"))
        for kind in ("serious", "other")
        for e in adverse.get(kind) or []
        if e.get("term") and any((s.get("affected") or 0) > 0 for s in e.get("stats") or [])
    ]
    outcomes = [
        " ".join(str(o.get(k) or "") for k in ("measure", "description"))
        for kind in ("primary_outcomes", "secondary_outcomes", "other_outcomes")
        for o in fields.get(kind) or []
    ]
    return Registry(
        conditions=tuple(str(c) for c in fields.get("conditions") or []),
        condition_mesh=tuple(
            MeshTerm(str(m.get("id") or ""), str(m.get("term") or ""))
            for m in fields.get("condition_mesh") or []
            if isinstance(m, dict) and m.get("term")
        ),
        keywords=tuple(str(k) for k in fields.get("keywords") or []),
        interventions=tuple(
            " ".join(str(i.get(k) or "") for k in ("name", "description"))
            + " "
            + " ".join(i.get("other_names") or [])
            for i in fields.get("interventions") or []
        ),
        outcomes=tuple(outcomes),
        adverse_events=tuple(dict.fromkeys(events)),
        summary=str(fields.get("brief_summary") or ""),
        study_type=fields.get("study_type"),
        allocation=fields.get("allocation"),
        intervention_model=fields.get("intervention_model"),
        observational_model=fields.get("observational_model"),
        enrollment=enrollment.get("count"),
        enrollment_type=enrollment.get("type"),
    )
