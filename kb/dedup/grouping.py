"""Records -> duplicate groups: blocking, the pairs worth a look, and union of duplicates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from kb.dedup.pairs import PairDecision, compare, one_title_starts_the_other
from kb.dedup.records import Record

WINDOW = 10
RECURRING_TITLE = 3  # a title in this many issues is a column's name, not a paper's
MAX_ID_BLOCK = 25


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
    issue_key: str | None  # None when the issue can not be trusted
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
        record.issue_key,
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
    if not a.title_key or not b.title_key:  # no title: only its place can tell
        return bool(a.first_page and a.first_page == b.first_page and a.year == b.year)
    if fuzz.ratio(a.title_key, b.title_key, score_cutoff=55) > 0:
        return True
    if (
        a.first_page
        and a.first_page == b.first_page
        and ((a.issue_key and a.issue_key == b.issue_key) or (a.year and a.year == b.year))
    ):
        # printed in one place: the title may be in another language, or one index keeps
        # only its first words ("Pleural controversy")
        return True
    # (a title that starts the other begins with its letter: most pairs are done here)
    return a.title_key[0] == b.title_key[0] and one_title_starts_the_other(a.title_key, b.title_key)


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
        # Where a paper is printed: its first page, else its issue (both only when
        # trusted: a record number in the issue field would make every title recur).
        where = record.first_page or record.issue_key
        if where is None:
            continue  # nowhere known: no evidence of another place
        place = (record.year, record.volume, where)
        seen = first.setdefault(record.title_key, place)
        if seen != place:
            places.setdefault(record.title_key, {seen}).add(place)
    return frozenset(k for k, where in places.items() if _distinct_places(where) >= RECURRING_TITLE)


def _distinct_places(places: set[tuple[Any, ...]]) -> int:
    """Return how many of PLACES (year, volume, where) are surely different: a place given
    without its year (an export that left it out) is one given with it, when the volume and
    page agree."""
    dated = {place for place in places if place[0] is not None}
    undated = {(volume, where) for year, volume, where in places if year is None}
    return len(dated) + len(undated - {(volume, where) for _, volume, where in dated})


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
