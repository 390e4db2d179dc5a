"""Deduplication, the whole of it in one room (pure: no database here).

- ``records``: a source record's parsed fields -> one canonical ``Record`` (normalize);
- ``fields``: how real exports write a DOI, pages, issue, volume, journal and authors, read
  back to one clean form and a verdict on whether the value can be trusted;
- ``pairs``: two records -> a decision (duplicate, distinct, related, review) with the rule,
  the score and which fields agreed, disagreed or were ignored as damaged;
- ``grouping``: blocking (the pairs worth a look) and the groups;
- ``links``: registrations and the papers that report them (study links);
- ``files``: the file front end of ``itb dedupe``.

The storage side (kb.works) calls ``find_duplicates`` / ``decide`` through this package.
"""

from kb.dedup.grouping import (
    BlockKeys,
    DedupResult,
    block_keys,
    candidate_pairs,
    decide,
    find_duplicates,
    pairs_worth_comparing,
    recurring_titles,
    worth_comparing,
)
from kb.dedup.pairs import PairDecision, compare
from kb.dedup.records import Record, normalize

__all__ = [
    "BlockKeys",
    "DedupResult",
    "PairDecision",
    "Record",
    "block_keys",
    "candidate_pairs",
    "compare",
    "decide",
    "find_duplicates",
    "normalize",
    "pairs_worth_comparing",
    "recurring_titles",
    "worth_comparing",
]
