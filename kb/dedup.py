"""Records -> duplicate groups, every pair decision scored and explained (pure, rapidfuzz).

Candidate pairs come from blocking, never from all pairs: records sharing an identifier
(PMID, DOI, PMCID), and neighbours in sorted orders of the title key (forwards and
backwards, so a differing start or end still meets) and of first author + year + page.
Each candidate pair is then decided by rules, in order, that keep distinct things apart:
an erratum, a retraction notice or a comment and its article, a conference abstract and
the journal paper, records with different DOIs or PMIDs, different volumes or first pages,
titles that differ in a part number, years too far apart.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from kb.normalize import Record, same_journal

WINDOW = 10
RECURRING_TITLE = 3  # a title in this many issues is a column's name, not a paper's
SHORT_TITLE_WORDS = 5  # "Editor's comments", "Introduction": recurring titles need more
MAX_ID_BLOCK = 25
RELATED_KINDS = frozenset({"erratum", "retraction", "comment"})
_NUMBERS = re.compile(r"\b(?:part|phase|study|trial|volume|vol|no|i{1,3}|iv|v|vi{0,3}|\d+)\b")
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


@dataclass
class DedupResult:
    """Duplicate groups (each a list of record ids) and every decision taken on the way."""

    groups: list[list[str]]
    decisions: list[PairDecision]

    def group_of(self) -> dict[str, int]:
        """Return the group number of every record in a group."""
        return {rid: number for number, group in enumerate(self.groups) for rid in group}


class BlockKeys(NamedTuple):
    """What blocking and the recurring-title count read of a record: small enough to keep
    beside every stored record and read for a hundred thousand of them at once."""

    title_key: str
    author_key: str  # first author, year and first page: one of the sorted orders
    pmid: str | None
    doi: str | None
    pmcid: str | None
    year: int | None
    volume: str | None
    issue: str | None
    first_page: str | None


def block_keys(record: Record) -> BlockKeys:
    """Return RECORD's blocking keys."""
    author = (record.author_keys or ("",))[0]
    return BlockKeys(
        record.title_key,
        f"{author} {record.year or ''} {record.first_page or ''}",
        record.pmid,
        record.doi,
        record.pmcid,
        record.year,
        record.volume,
        record.issue,
        record.first_page,
    )


def candidate_pairs(
    keys: Sequence[BlockKeys], around: set[int] | None = None
) -> set[tuple[int, int]]:
    """Return index pairs worth comparing: shared ids, and neighbours in sorted orders.

    KEYS are the records' blocking keys (block_keys), in the records' order. With AROUND
    (indexes of new or changed records), only pairs that involve one of them: the knowledge
    base's new records meet the stored ones through the same blocking.
    """
    pairs: set[tuple[int, int]] = set()
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, key in enumerate(keys):
        for name, value in (("pmid", key.pmid), ("doi", key.doi), ("pmcid", key.pmcid)):
            if value:
                blocks.setdefault((name, value), []).append(index)
    for members in blocks.values():
        if 1 < len(members) <= MAX_ID_BLOCK:
            pairs.update(
                pair
                for pair in _all_pairs(members)
                if around is None or pair[0] in around or pair[1] in around
            )
    orders = (
        [k.title_key for k in keys],
        [k.title_key[::-1] for k in keys],
        [k.author_key for k in keys],
    )
    for order in orders:
        ranked = sorted(range(len(keys)), key=order.__getitem__)
        if around is None:
            for position, index in enumerate(ranked):
                for other in ranked[position + 1 : position + 1 + WINDOW]:
                    pairs.add((min(index, other), max(index, other)))
            continue
        for position, index in enumerate(ranked):
            if index in around:
                for other in ranked[max(0, position - WINDOW) : position + 1 + WINDOW]:
                    if other != index:
                        pairs.add((min(index, other), max(index, other)))
    return pairs


def _all_pairs(members: list[int]) -> Iterable[tuple[int, int]]:
    for position, first in enumerate(members):
        for second in members[position + 1 :]:
            yield (min(first, second), max(first, second))


def worth_comparing(a: Record | BlockKeys, b: Record | BlockKeys) -> bool:
    """Return whether a candidate pair could be anything but distinct (a cheap first look,
    which the blocking keys alone can take)."""
    if (a.pmid and a.pmid == b.pmid) or (a.doi and a.doi == b.doi):
        return True
    if fuzz.ratio(a.title_key, b.title_key, score_cutoff=55) > 0:
        return True
    if a.issue and a.issue == b.issue and a.first_page and a.first_page == b.first_page:
        return True  # printed in one place: the title may be in another language
    return _one_title_starts_the_other(a.title_key, b.title_key)


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


def _one_title_starts_the_other(a: str, b: str) -> bool:
    """Return whether the shorter title (of 3 words or more) is the start of the longer."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return (
        longer.startswith(shorter)
        and longer[len(shorter) : len(shorter) + 1] == " "
        and (shorter.count(" ") >= 2)
    )


def _conflict(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.lower() != b.lower())


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
    if not _conflict(a.volume, b.volume):
        return False
    return str(a.year) != a.volume and str(b.year) != b.volume


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
        same_journal(a.journal_words, b.journal_words)
        if a.journal_words and b.journal_words
        else None
    )
    facts: dict[str, Any] = {"title": round(title, 3), "first_author": author, "journal": journal}
    if renumbered:
        facts["article_number_in_issue"] = True

    def decide(outcome: str, rule: str) -> PairDecision:
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
    printed_together = bool(
        a.volume and a.volume == b.volume and a.first_page and a.first_page == b.first_page
    )
    if a.kind != b.kind and "conference" in kinds and not printed_together:
        return decide("distinct", "a conference record and a journal record")
    if a.pmid and b.pmid:
        if a.pmid == b.pmid:
            return decide("duplicate", "same PMID")
        return decide("distinct", "PMIDs differ")
    if a.doi and b.doi and a.doi != b.doi:
        specific = len(a.title_key.split()) >= SHORT_TITLE_WORDS and a.title_key not in recurring
        if (
            specific
            and title >= 0.99
            and journal
            and printed_together
            and a.year == b.year
            and author
            and not _conflict(a.issue, b.issue)
        ):
            # Everything else agrees, so one DOI is wrong (spreadsheet damage). When the two
            # DOIs come from different publishers, one cannot be this journal's: the same
            # paper. From one publisher, two items could share a page: a person decides.
            if _registrants_differ(a.doi, b.doi):
                facts["doi_registrants_differ"] = True
                return decide("duplicate", "DOIs of two publishers, all else agrees")
            return decide("review", "DOIs differ, all else agrees")
        return decide("distinct", "DOIs differ")
    short = (
        min(len(a.title_key.split()), len(b.title_key.split())) < SHORT_TITLE_WORDS
        or a.title_key in recurring
    )
    pages_agree = bool(a.first_page and a.first_page == b.first_page)
    if short and _conflict(a.issue, b.issue) and not (a.doi and a.doi == b.doi):
        return decide("distinct", "a short, generic title in another issue")
    same_place = (
        bool(a.first_page and a.first_page == b.first_page)
        and not _volume_conflict(a, b)
        and (journal is not False)
        and _years_agree(a, b)
    )
    prefix = _one_title_starts_the_other(a.title_key, b.title_key)
    facts["title_prefix"] = prefix
    if same_place and author and (title >= 0.6 or prefix):
        return decide("duplicate", "same journal, volume, first page, year and first author")
    if (
        same_place
        and journal
        and a.volume
        and a.issue
        and a.issue == b.issue
        and a.pages
        and a.pages == b.pages
        and "-" in a.pages
        and not a.pages[:1].isalpha()
        and _same_authors(a, b)
    ):
        # One paper under its title in two languages (or two translations of it): the same
        # page range, not one page of a supplement where one group's abstracts sit together.
        return decide("duplicate", "same journal issue, pages, year and authors")
    if title < 0.75:
        return decide("distinct", "titles differ")
    if _numbers_differ(a.title_key, b.title_key) and title < 1.0:
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
    if title >= 0.99 and not short and pages_agree and _years_agree(a, b) and author is not False:
        return decide("duplicate", "same title, first page and year")
    if _volume_conflict(a, b) and not (a.doi and a.doi == b.doi):
        return decide("distinct", "volumes differ")
    if _conflict(a.first_page, b.first_page) and not (a.doi and a.doi == b.doi):
        return decide("distinct", "first pages differ")
    if a.doi and a.doi == b.doi:
        if journal is False and _conflict(a.first_page, b.first_page):
            return decide("distinct", "same DOI but another journal and pages: a copied DOI")
        if title >= 0.8:
            return decide("duplicate", "same DOI and title")
        return decide("review", "same DOI, titles differ")
    if author is False and _authors_overlap(a, b):
        author = True
        facts["authors_overlap"] = True
    if author is False and title < 0.98:
        return decide("distinct", "first authors differ")
    if short and not pages_agree:
        return decide("review", "a short, generic title and no page to confirm it")
    if title >= 0.97 and (author or journal or (author is None and journal is None)):
        return decide("duplicate", "same title, nothing disagrees")
    if title >= 0.9 and author and (journal or a.year == b.year):
        return decide("duplicate", "similar title, same first author and journal or year")
    if title >= 0.85:
        return decide("review", "similar title, too little else agrees")
    return decide("distinct", "titles differ")


def decide(
    a: Record,
    b: Record,
    verdicts: Mapping[frozenset[str], bool],
    recurring: frozenset[str] = frozenset(),
    looked: bool = False,
) -> PairDecision | None:
    """Return the decision on a candidate pair (a user's verdict first), or None when it is
    not worth keeping: clearly different titles and no shared id. LOOKED: the caller has
    taken the first look (worth_comparing) already."""
    verdict = verdicts.get(frozenset((a.id, b.id))) if verdicts else None
    if verdict is not None:
        outcome = "duplicate" if verdict else "distinct"
        return PairDecision(a.id, b.id, outcome, 1.0 if verdict else 0.0, "user verdict")
    if not looked and not worth_comparing(a, b):
        return None
    decision = compare(a, b, recurring)
    if decision.outcome == "distinct" and decision.score < 0.6:
        return None
    return decision


def recurring_titles(records: Iterable[Record | BlockKeys]) -> frozenset[str]:
    """Return the title keys found in several issues (columns like "Editor's comments")."""
    first: dict[str, tuple[Any, ...]] = {}
    places: dict[str, set[tuple[Any, ...]]] = {}  # only titles seen in two places or more
    for record in records:
        place = (record.year, record.volume, record.issue)
        seen = first.setdefault(record.title_key, place)
        if seen != place:
            places.setdefault(record.title_key, {seen}).add(place)
    return frozenset(k for k, where in places.items() if len(where) >= RECURRING_TITLE)


def find_duplicates(
    records: Sequence[Record], verdicts: Mapping[frozenset[str], bool] | None = None
) -> DedupResult:
    """Return the duplicate groups of RECORDS; a user's VERDICTS override the rules."""
    verdicts = verdicts or {}
    parent = list(range(len(records)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    recurring = recurring_titles(records)
    decisions = []
    for first, second in sorted(candidate_pairs([block_keys(r) for r in records])):
        a, b = records[first], records[second]
        decision = decide(a, b, verdicts, recurring)
        if decision is None:
            continue
        decisions.append(decision)
        if decision.outcome == "duplicate":
            parent[root(first)] = root(second)
    groups: dict[int, list[str]] = {}
    for index, record in enumerate(records):
        groups.setdefault(root(index), []).append(record.id)
    return DedupResult([g for g in groups.values() if len(g) > 1], decisions)
