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
    lo, hi = _candidates(keys, around)
    return set(zip(lo.tolist(), hi.tolist(), strict=True))


def _candidates(keys: Sequence[BlockKeys], around: set[int] | None) -> tuple[Any, Any]:
    """Return candidate_pairs' pairs as two index arrays (lower, higher), in order. Each pair
    is one int64 number while they are gathered, sorted and made unique (numpy 2's own
    np.unique hashes: 2.9 s for 2.9 million pairs, against 0.2 s for a sort and a comparison
    with the neighbour)."""
    import numpy as np

    count = len(keys)
    found: list[Any] = []  # each pair as one number: lower index * count + higher index
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, key in enumerate(keys):
        for name, value in (("pmid", key.pmid), ("doi", key.doi), ("pmcid", key.pmcid)):
            if value:
                blocks.setdefault((name, value), []).append(index)
    shared = [
        a * count + b
        for members in blocks.values()
        if 1 < len(members) <= MAX_ID_BLOCK
        for a, b in _all_pairs(members)
        if around is None or a in around or b in around
    ]
    del blocks
    found.append(np.array(shared, dtype=np.int64))
    chosen = None
    if around is not None:
        chosen = np.zeros(count, dtype=bool)
        chosen[list(around)] = True
    titles = [k.title_key for k in keys]
    for order in (titles, [t[::-1] for t in titles], [k.author_key for k in keys]):
        ranked = np.array(sorted(range(count), key=order.__getitem__), dtype=np.int64)
        for step in range(1, WINDOW + 1):
            a, b = ranked[:-step], ranked[step:]
            if chosen is not None:
                close = chosen[a] | chosen[b]
                a, b = a[close], b[close]
            found.append(np.minimum(a, b) * count + np.maximum(a, b))
    codes = np.concatenate(found)
    del found
    codes.sort()
    if len(codes):
        codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]  # each pair once
    return codes // max(count, 1), codes % max(count, 1)


def pairs_worth_comparing(
    keys: Sequence[BlockKeys], around: set[int] | None = None
) -> list[tuple[int, int]]:
    """Return, in order, the candidate pairs of KEYS (candidate_pairs, AROUND as there) that
    pass the first look (worth_comparing): the same pairs, taken as arrays.

    A knowledge base of 100,000 records has about 2.9 million candidate pairs; a Python call
    of worth_comparing on each, with the set of tuples they were gathered in, took 12.9 of
    the 53 s of its first normalization. Here the ids, places and years are compared as
    integer codes, the titles' similarity computed by rapidfuzz over all pairs in a few
    calls (on every core), and only the few pairs whose one title is far longer than the
    other are left to Python (the title that starts the other)."""
    import numpy as np
    from rapidfuzz import process

    lo, hi = _candidates(keys, around)
    if not len(lo):
        return []
    titles = [k.title_key or "" for k in keys]
    pairs = lo, hi  # (the indexes into KEYS, returned)
    if around is not None:
        # a few new records among many: the keys of the records in a pair only
        members = np.unique(np.concatenate((lo, hi)))
        keys = [keys[i] for i in members.tolist()]
        titles = [titles[i] for i in members.tolist()]
        lo, hi = np.searchsorted(members, lo), np.searchsorted(members, hi)

    def coded(values: Iterable[Any], falsy: bool = True) -> Any:
        """Integer codes of VALUES: equal values one code; a false value (None, "") 0
        unless FALSY is False (then None == None as well)."""
        numbers: dict[Any, int] = {}
        return np.array(
            [numbers.setdefault(v, len(numbers) + 1) if v or not falsy else 0 for v in values],
            dtype=np.int64,
        )

    def same(codes: Any) -> Any:
        return (codes[lo] != 0) & (codes[lo] == codes[hi])

    years = [k.year for k in keys]
    year = coded(years)  # (None -> 0: falsy, as worth_comparing's "a.year and")
    any_year = coded(years, falsy=False)
    page = same(coded(k.first_page for k in keys))
    kept = same(coded(k.pmid for k in keys)) | same(coded(k.doi for k in keys))
    lengths = np.array([len(t) for t in titles], dtype=np.int64)
    untitled = (lengths[lo] == 0) | (lengths[hi] == 0)
    # no title: only its place can tell (the same first page and year, None == None too)
    kept |= untitled & page & (any_year[lo] == any_year[hi])
    # printed in one place: the same first page, and the same trusted issue or year
    kept |= ~untitled & page & (same(coded(k.issue_key for k in keys)) | same(year))
    look = np.flatnonzero(~kept & ~untitled)
    if len(look):
        holder = np.array(titles, dtype=object)
        # (a slice at a time: rapidfuzz holds a copy of every title it is given)
        scores = np.concatenate(
            [
                process.cpdist(
                    holder[lo[part]],
                    holder[hi[part]],
                    scorer=fuzz.ratio,
                    score_cutoff=55,
                    workers=-1,
                )
                for part in np.array_split(look, -(-len(look) // _RATIO_SLICE))
            ]
        )
        kept[look[scores > 0]] = True
        # A title that starts the other has a ratio of at least 200 * shorter / (both): one
        # under 55 needs the longer more than 2.6 times the shorter (2.5 here, to spare the
        # rounding of a ratio near 55).
        near, far = lengths[lo[look]], lengths[hi[look]]
        rest = look[(scores <= 0) & (np.maximum(near, far) * 2 > np.minimum(near, far) * 5)]
        for position in rest.tolist():
            first, second = titles[lo[position]], titles[hi[position]]
            if first[0] == second[0] and one_title_starts_the_other(first, second):
                kept[position] = True
    return list(zip(pairs[0][kept].tolist(), pairs[1][kept].tolist(), strict=True))


_RATIO_SLICE = 100_000  # pairs whose titles' ratio is computed in one call


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
    keys = [block_keys(r) for r in records]
    pairs = pairs_worth_comparing(keys)
    if verdicts:  # a user's verdict on a candidate pair holds whatever the first look says
        pairs = sorted(
            set(pairs).union(
                (a, b)
                for a, b in candidate_pairs(keys)
                if frozenset((records[a].id, records[b].id)) in verdicts
            )
        )
    decisions = []
    for first, second in pairs:
        a, b = records[first], records[second]
        decision = decide(a, b, verdicts, recurring, looked=True)
        if decision is None:
            continue
        decisions.append(decision)
        if decision.outcome == "duplicate":
            parent[root(first)] = root(second)
    groups: dict[int, list[str]] = {}
    for index, record in enumerate(records):
        groups.setdefault(root(index), []).append(record.id)
    return DedupResult([g for g in groups.values() if len(g) > 1], decisions)
