"""Two records -> one decision: duplicate, distinct, related or review, with its evidence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from kb.dedup.fields import (
    issue_evidence,
    page_evidence,
    volume_evidence,
    words_run_together,
)
from kb.dedup.records import Record, same_journal

SHORT_TITLE_WORDS = 5  # "Editor's comments", "Introduction": recurring titles need more
RELATED_KINDS = frozenset({"erratum", "retraction", "comment"})
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class PairDecision:
    """What was decided for two records: outcome, score, the rule and the evidence."""

    a: str
    b: str
    outcome: str  # duplicate | distinct | review | related
    score: float
    rule: str
    explanation: dict[str, Any] = field(default_factory=dict)


def _first_author_agrees(a: Record, b: Record) -> bool | None:
    if not a.author_keys or not b.author_keys or not a.author_keys[0] or not b.author_keys[0]:
        return None
    x, y = a.author_keys[0], b.author_keys[0]
    # "van kessel" and "kessel": particles come and go between databases.
    return (
        x == y
        or x.startswith(y)
        or y.startswith(x)
        or x.endswith(" " + y)
        or y.endswith(" " + x)
        or fuzz.ratio(x, y) >= 85
    )


def _authors_overlap(a: Record, b: Record) -> bool:
    """Return whether two author lists share a family name, or name one person swapped."""
    if set(filter(None, a.author_keys)) & set(filter(None, b.author_keys)):
        return True
    if not a.authors or not b.authors:
        return False
    x, y = a.authors[0], b.authors[0]
    return bool(
        x.family and y.family and x.initials and y.initials
        and x.family[0].lower() == y.initials[0].lower()
        and y.family[0].lower() == x.initials[0].lower()
    )  # fmt: skip


def _numbers_differ(a: str, b: str) -> bool:
    """Return whether two near-identical titles differ in a number (part 1 / part 2)."""
    return sorted(_DIGITS.findall(a)) != sorted(_DIGITS.findall(b))


def one_title_starts_the_other(a: str, b: str) -> bool:
    """Return whether the shorter title (of 3 words or more) is the start of the longer."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return (
        longer.startswith(shorter)
        and longer[len(shorter) : len(shorter) + 1] == " "
        and (shorter.count(" ") >= 2)
    )


# A title an index cut at a length of its own (often mid-word): the shorter says this much
# before it stops.
CUT_TITLE_CHARS = 60


def cut_short(a: str, b: str) -> bool:
    """Return whether the shorter title key (of CUT_TITLE_CHARS or more) is the start of the
    longer, as a database that stores titles up to a length cuts them, at a word's end or
    within it."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return (
        len(shorter) >= CUT_TITLE_CHARS
        and len(longer) > len(shorter)
        and longer.startswith(shorter)
    )


def _article_number_in_issue(a: Record, b: Record) -> tuple[Record, Record] | None:
    """Return A and B with pages put right when one of them carries the other's article
    number (its first page) in its issue field ("8(32)" against "8(1):32", Ovid exports);
    None when neither does."""
    for x, y in ((a, b), (b, a)):
        number = y.first_page
        if (
            x.issue
            and number
            and len(number) >= 2
            and x.issue.lower().lstrip("e") == number
            and (x.first_page is None or x.first_page.lstrip("0") == "1")
        ):
            fixed = dataclasses.replace(x, issue=y.issue, pages=y.pages)
            return (fixed, y) if x is a else (a, fixed)
    return None


def _years_agree(a: Record, b: Record) -> bool:
    """Return whether the years agree: the same, or one record gives none."""
    return a.year == b.year or a.year is None or b.year is None


def _volume_conflict(a: Record, b: Record) -> bool:
    """Return whether the volumes differ; a volume that is only the year is no volume."""
    return volume_evidence(a.volume, b.volume, (a.year, b.year)) is False


def _same_range(a: Record, b: Record) -> bool:
    """Return whether both records give the same printed page range of two pages or more."""
    x, y = a.page_span, b.page_span
    return bool(x and y and not x.article and x == y and x.last > x.first)


def _abstract_page(record: Record) -> bool:
    """Return whether RECORD is on a single page of a supplement (S72, or issue Suppl 1)."""
    span = record.page_span
    if span is None or span.last != span.first:
        return False
    return (record.pages or " ")[0] in "Ss" or (record.issue_key or "").startswith("s")


def _place_facts(a: Record, b: Record) -> dict[str, Any]:
    """Return what pages, volume and issue say (True, False, None: nothing) and the
    values ignored as damaged (a spreadsheet's date in the pages, a record number in the
    issue), so that a decision shows which fields it could not use."""
    facts: dict[str, Any] = {
        "pages": _pages(a, b),
        "volume": volume_evidence(a.volume, b.volume, (a.year, b.year)),
        "issue": issue_evidence(a.issue_key, b.issue_key),
    }
    ignored = [
        f"{name} {value!r}"
        for record in (a, b)
        for name, value, usable in (
            ("pages", record.pages, record.page_span),
            ("issue", record.issue, record.issue_key),
        )
        if value and usable is None
    ]
    if ignored:
        facts["ignored"] = list(dict.fromkeys(ignored))
    return facts


def _untitled(
    a: Record,
    b: Record,
    author: bool | None,
    journal: bool | None,
    printed_together: bool,
    decide: Callable[[str, str], PairDecision],
) -> PairDecision:
    """Decide a pair where a record has no title: on DOI, place, authors and abstract."""
    if a.doi and a.doi == b.doi and author is not False:
        return decide("duplicate", "no title: same DOI")
    if printed_together and journal is not False and author and _years_agree(a, b):
        return decide("duplicate", "no title: same journal, volume, pages, year and author")
    if (
        a.abstract
        and b.abstract
        and author is not False
        and _years_agree(a, b)
        and fuzz.ratio(a.abstract, b.abstract, score_cutoff=95)
    ):
        return decide("duplicate", "no title: same abstract")
    return decide("distinct", "no title, and too little else agrees")


def describe(rule: str, facts: Mapping[str, Any]) -> str:
    """Return a decision in one line: its RULE, then which fields agreed, which disagreed
    and which were ignored as damaged (FACTS: a PairDecision's explanation)."""
    names = ("first_author", "journal", "pages", "volume", "issue")
    agreed = [n.replace("_", " ") for n in names if facts.get(n) is True]
    differed = [n.replace("_", " ") for n in names if facts.get(n) is False]
    parts = [rule]
    if "title" in facts:
        parts.append(f"title similarity {facts['title']}")
    if agreed:
        parts.append("agree: " + ", ".join(agreed))
    if differed:
        parts.append("differ: " + ", ".join(differed))
    if facts.get("ignored"):
        parts.append("ignored as damaged: " + ", ".join(facts["ignored"]))
    return "; ".join(parts)


def _pages(a: Record, b: Record) -> bool | None:
    """Return whether the pages agree, disagree or say nothing (missing or damaged)."""
    return page_evidence(a.page_span, b.page_span)


def _issue_conflict(a: Record, b: Record) -> bool:
    """Return whether two trustworthy issues differ (a record number is no issue)."""
    return issue_evidence(a.issue_key, b.issue_key) is False


def journals_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Return whether two journals' words name one journal: full title and abbreviation,
    or an abbreviation written as one word ("Jthoraccardiovascsurg")."""
    if same_journal(a, b):
        return True
    if len(a) == 1 and words_run_together(a[0], b):
        return True
    return len(b) == 1 and words_run_together(b[0], a)


def _dois_conflict(a: str, b: str) -> bool:
    """Return whether two DOIs name two items: they differ, and neither is the other cut
    short (an export's field limit: "10.1016/s0022" of "10.1016/s0022-5223(03)01189-9")."""
    return a != b and not a.startswith(b) and not b.startswith(a)


def _registrants_differ(a: str, b: str) -> bool:
    """Return whether two DOIs come from different registrants (10.1016/... and 10.1097/...)."""
    return a.split("/", 1)[0] != b.split("/", 1)[0]


def _same_authors(a: Record, b: Record) -> bool:
    """Return whether two author lists of two names or more are the same names."""
    x, y = [k for k in a.author_keys if k], [k for k in b.author_keys if k]
    return len(x) >= 2 and len(y) >= 2 and x[:3] == y[:3]


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words)


def _same_meeting(a: Record, b: Record) -> bool:
    """Return whether two conference records name one meeting: the same name, or one's
    acronym in the other ("ICIS" and "International Conference on Information Systems")."""
    x, y = a.journal_words, b.journal_words
    if not x or not y:
        return False
    if same_journal(x, y):
        return True
    return (len(x) >= 3 and _acronym(x) in y) or (len(y) >= 3 and _acronym(y) in x)


_MEETING_WORDS = frozenset(
    {"conference", "proceedings", "symposium", "workshop", "congress", "meeting", "colloquium"}
)


def _meeting_named(record: Record) -> bool:
    """Return whether RECORD's journal field names a meeting (whose proceedings an index may
    date by the meeting's year, another by the book's)."""
    return not _MEETING_WORDS.isdisjoint(record.journal_words or ())


def _aliases(record: Record) -> set[str]:
    """Return the NCT numbers the registry lists as aliases of RECORD's own."""
    return {nct for nct, via in record.registry_links if via == "registry_alias"}


def compare(a: Record, b: Record, recurring: frozenset[str] = frozenset()) -> PairDecision:
    """Decide whether A and B are the same bibliographic record; explain the decision.

    RECURRING holds title keys seen on several records of the set ("Editor's comments"):
    such a title proves nothing by itself.
    """
    # Titles without a single letter or digit prove nothing.
    title = fuzz.ratio(a.title_key, b.title_key) / 100 if a.title_key and b.title_key else 0.0
    # An issue field holding the other's page only counts for near-identical titles.
    renumbered = _article_number_in_issue(a, b) if title >= 0.9 else None
    if renumbered:
        a, b = renumbered
    author = _first_author_agrees(a, b)
    journal = (
        journals_agree(a.journal_words, b.journal_words)
        if a.journal_words and b.journal_words
        else None
    )
    facts: dict[str, Any] = {"title": round(title, 3), "first_author": author, "journal": journal}
    if renumbered:
        facts["article_number_in_issue"] = True

    def decide(outcome: str, rule: str) -> PairDecision:
        if outcome != "distinct":  # the decisions a person reads (distinct ones are many)
            facts.update(_place_facts(a, b))
        return PairDecision(a.id, b.id, outcome, title, rule, facts)

    kinds = {a.kind, b.kind}
    if len(kinds) > 1 and (kinds & RELATED_KINDS or "registration" in kinds):
        outcome = "related" if title >= 0.5 else "distinct"
        return decide(outcome, f"kinds differ: {a.kind}/{b.kind}")
    if a.kind == b.kind == "registration" and a.nct_ids and b.nct_ids:
        # A registry number names one study: two numbers are two studies, however alike
        # their titles, unless the registry itself lists one as an alias of the other.
        if a.nct_ids[0] == b.nct_ids[0]:
            return decide("duplicate", "same NCT number")
        if a.nct_ids[0] in _aliases(b) or b.nct_ids[0] in _aliases(a):
            return decide("duplicate", "one NCT number is the registry's alias of the other")
        return decide("distinct", "two registrations: NCT numbers differ")
    # One page of a supplement holds several abstracts, often of one group (and one DOI,
    # the supplement's): the title must then say more than on a page of its own.
    crowded = _abstract_page(a) and _abstract_page(b)
    printed_together = bool(volume_evidence(a.volume, b.volume, (a.year, b.year)) and _pages(a, b))
    if a.kind != b.kind and "conference" in kinds and not printed_together:
        return decide("distinct", "a conference record and a journal record")
    if a.kind != b.kind and "thesis" in kinds:
        return decide("distinct", "a thesis and a record of another kind (its abstract)")
    if a.pmid and b.pmid:
        if a.pmid == b.pmid:
            return decide("duplicate", "same PMID")
        return decide("distinct", "PMIDs differ")
    if a.doi and b.doi and _dois_conflict(a.doi, b.doi):
        specific = len(a.title_key.split()) >= SHORT_TITLE_WORDS and a.title_key not in recurring
        if (
            specific
            and title >= 0.99
            and journal
            and printed_together
            and a.year == b.year
            and author
            and not _issue_conflict(a, b)
        ):
            # Everything else agrees, so one DOI is wrong (spreadsheet damage). When the two
            # DOIs come from different publishers, one cannot be this journal's: the same
            # paper. From one publisher, two items could share a page: a person decides.
            if _registrants_differ(a.doi, b.doi):
                facts["doi_registrants_differ"] = True
                return decide("duplicate", "DOIs of two publishers, all else agrees")
            return decide("review", "DOIs differ, all else agrees")
        return decide("distinct", "DOIs differ")
    if not a.title_key or not b.title_key:
        return _untitled(a, b, author, journal, printed_together, decide)
    short = (
        min(len(a.title_key.split()), len(b.title_key.split())) < SHORT_TITLE_WORDS
        or a.title_key in recurring
    )
    pages = _pages(a, b)
    pages_agree = pages is True
    same_pages = pages_agree and not _volume_conflict(a, b)
    if short and _issue_conflict(a, b) and not (a.doi and a.doi == b.doi) and not same_pages:
        return decide("distinct", "a short, generic title in another issue")
    same_place = (
        pages_agree and not _volume_conflict(a, b) and (journal is not False) and _years_agree(a, b)
    )
    # A year apart: online first, then in an issue (one index dates the one, another the
    # other). Enough beside the same journal, volume and first page (two papers do not share
    # them), or beside the same first page and title.
    year_apart = bool(a.year and b.year and abs(a.year - b.year) == 1)
    moved_a_year = (
        year_apart
        and pages_agree
        and journal is True
        and volume_evidence(a.volume, b.volume, (a.year, b.year)) is True
    )
    prefix = one_title_starts_the_other(a.title_key, b.title_key)
    facts["title_prefix"] = prefix
    cut = cut_short(a.title_key, b.title_key)
    if cut:
        facts["title_cut_short"] = True
    if same_place and author and (title >= (0.9 if crowded else 0.6) or prefix):
        return decide("duplicate", "same journal, volume, first page, year and first author")
    if same_place and author is None and (title >= (0.9 if crowded else 0.85) or prefix):
        # One record gives no authors (an export that leaves them out): the place it was
        # printed and the title say enough.
        return decide("duplicate", "same journal, volume, first page and year; no authors")
    if moved_a_year and author and (title >= (0.9 if crowded else 0.6) or prefix):
        return decide(
            "duplicate", "same journal, volume, first page and first author, a year apart"
        )
    if same_place and a.volume and _same_range(a, b) and _same_authors(a, b):
        # One paper under its title in two languages (or two translations of it): the same
        # page range, not one page of a supplement where one group's abstracts sit together.
        # Two papers of one volume do not share a page range and their authors: an issue
        # that differs is the damaged field (a record number, a typing slip). One record may
        # name no journal (an export that leaves it out).
        if journal:
            return decide("duplicate", "same journal volume, pages, year and authors")
        return decide("duplicate", "same volume, pages, year and authors; one journal not named")
    if (
        (title >= 0.75 or prefix)
        and volume_evidence(a.volume, b.volume, (a.year, b.year))
        and _same_range(a, b)
        and _same_authors(a, b)
        and _years_agree(a, b)
    ):
        # The journal named two ways (in two languages, an abbreviation no rule reads).
        return decide("duplicate", "same volume, page range, year and authors")
    if a.doi and a.doi == b.doi and printed_together and author and title >= 0.5 and not crowded:
        # One DOI, volume, page and first author: the title was translated or cut.
        return decide("duplicate", "same DOI, volume, pages and first author")
    # one index keeps a title without its subtitle ("Value uncertainty and buyer contracting"
    # for "... - Evidence from online labor markets"): four words or more, the rest agreeing
    subtitle_dropped = bool(
        prefix
        and min(a.title_key.count(" "), b.title_key.count(" ")) >= 3
        and not short
        and author
        and journal
        and _years_agree(a, b)
        and not _volume_conflict(a, b)
        and pages is not False
    )
    if title < 0.75 and not (cut or subtitle_dropped):
        return decide("distinct", "titles differ")
    if _numbers_differ(a.title_key, b.title_key) and title < 1.0 and not cut:
        return decide("distinct", "titles differ in a number (part, phase, year)")
    if a.year and b.year and abs(a.year - b.year) > 1 and not (a.doi and a.doi == b.doi):
        return decide("distinct", "years too far apart")
    if a.kind == b.kind == "conference" and a.year and b.year and a.year != b.year:
        if (
            abs(a.year - b.year) == 1
            and title >= 0.99
            and not (a.first_page and b.first_page)
            and _same_authors(a, b)
            and _same_meeting(a, b)
        ):
            # An index dates the proceedings a year later and gives no pages.
            return decide("duplicate", "one meeting's paper dated a year apart")
        return decide("distinct", "the same title at two meetings")
    if title >= 0.99 and not short and pages_agree and author is not False:
        if _years_agree(a, b):
            return decide("duplicate", "same title, first page and year")
        if year_apart:
            return decide("duplicate", "same title and first page, a year apart")
    if _volume_conflict(a, b) and not (a.doi and a.doi == b.doi):
        return decide("distinct", "volumes differ")
    if pages is False and not (a.doi and a.doi == b.doi):
        return decide("distinct", "first pages differ")
    if a.doi and a.doi == b.doi:
        if journal is False and pages is False:
            return decide("distinct", "same DOI but another journal and pages: a copied DOI")
        if title >= (0.9 if crowded else 0.8):  # a supplement's DOI: one for many abstracts
            return decide("duplicate", "same DOI and title")
        if (prefix or cut) and not crowded:
            return decide("duplicate", "same DOI, one title the start of the other")
        return decide("review", "same DOI, titles differ")
    if author is False and _authors_overlap(a, b):
        author = True
        facts["authors_overlap"] = True
    if author is False and title < 0.98:
        return decide("distinct", "first authors differ")
    if short and not pages_agree:
        if (
            a.title_key not in recurring
            and title >= 0.99
            and journal
            and a.year == b.year
            and _same_authors(a, b)
        ):
            # A short title, but the same two or more authors in one journal and year.
            return decide("duplicate", "a short title, the same authors, journal and year")
        return decide("review", "a short, generic title and no page to confirm it")
    if subtitle_dropped:
        return decide(
            "duplicate", "a title without its subtitle, same first author, journal and year"
        )
    if (
        cut
        and author
        and (journal is not False or pages_agree)
        and _years_agree(a, b)
        and not short
    ):
        # One index stores titles up to a length: the rest of the title was cut (a meeting
        # named two ways needs the first page to agree).
        return decide("duplicate", "a title cut short, same first author and year")
    if (
        journal is False
        and year_apart
        and not (pages_agree or (a.doi and a.doi == b.doi))
        and not (_meeting_named(a) or _meeting_named(b))
    ):
        # Two journals named a year apart, and no page or DOI to say one of them is wrong: a
        # meeting's abstract in one, the paper in the other the next year (a person decides;
        # records with volumes and pages are told apart above).
        return decide("review", "same title in two journals, a year apart")
    if title >= 0.97 and (author or journal or (author is None and journal is None)):
        return decide("duplicate", "same title, nothing disagrees")
    if title >= 0.9 and author and (journal or a.year == b.year):
        return decide("duplicate", "similar title, same first author and journal or year")
    if title >= 0.85:
        return decide("review", "similar title, too little else agrees")
    return decide("distinct", "titles differ")
