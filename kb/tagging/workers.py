"""The tagging done in worker processes: kept apart from kb.tag_store so that a worker (or
the server process workers are forked from), started fresh, imports the tagger alone
(0.2 s) and not the database layer as well (0.8 s, SQLAlchemy and the schema), which it
never uses."""

from __future__ import annotations

import pickle
import signal
import zlib

from kb.tagging.facets import Tagger
from kb.tagging.taxonomy import Taxonomy
from kb.tagging.types import TagInput, TagResult

_WORKER_TAGGER: list[Tagger] = []


def packed(taxonomy: Taxonomy) -> bytes:
    """Return TAXONOMY as start_worker takes it: pickled and compressed (98 KB -> 34 KB).
    A worker is sent its initializer's arguments through a pipe that holds 64 KiB;
    anything larger blocks the parent until that worker has started Python and imported its
    modules, one worker after the other (0.6-1.6 s of a run's wall time spent waiting)."""
    return zlib.compress(pickle.dumps(taxonomy, protocol=pickle.HIGHEST_PROTOCOL))


def start_worker(taxonomy: bytes) -> None:
    """Build the worker's tagger once from TAXONOMY packed by packed() (a
    ProcessPoolExecutor's initializer). Ctrl-C is the parent's to handle: a worker ended by
    the SIGINT sent to the whole process group in the middle of a message on its pipes
    would leave the parent waiting for the rest for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_TAGGER[:] = [Tagger(pickle.loads(zlib.decompress(taxonomy)))]


def tag_in_worker(items: list[TagInput]) -> list[TagResult]:
    """Return the results of ITEMS, in order, tagged by the worker's tagger."""
    tagger = _WORKER_TAGGER[0]
    return [tagger.tag(item) for item in items]
