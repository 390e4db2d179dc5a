"""The tagging done in worker processes: kept apart from kb.tag_store so that a worker,
started fresh, imports the tagger alone (0.2 s) and not the database layer as well (0.8 s,
SQLAlchemy and the schema), which it never uses."""

from __future__ import annotations

import signal

from kb.tagging.facets import Tagger
from kb.tagging.taxonomy import Taxonomy
from kb.tagging.types import TagInput, TagResult

_WORKER_TAGGER: list[Tagger] = []


def start_worker(taxonomy: Taxonomy) -> None:
    """Build the worker's tagger once (a ProcessPoolExecutor's initializer). Ctrl-C is the
    parent's to handle: a worker ended by the SIGINT sent to the whole process group in the
    middle of a message on its pipes would leave the parent waiting for the rest for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_TAGGER[:] = [Tagger(taxonomy)]


def tag_in_worker(items: list[TagInput]) -> list[TagResult]:
    """Return the results of ITEMS, in order, tagged by the worker's tagger."""
    tagger = _WORKER_TAGGER[0]
    return [tagger.tag(item) for item in items]
