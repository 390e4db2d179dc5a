"""The tagging done in worker processes: kept apart from kb.tag_store so that a worker (or
the server process workers are forked from), started fresh, imports the tagger alone
(0.2 s) and not the database layer as well (0.8 s, SQLAlchemy and the schema), which it
never uses."""

from __future__ import annotations

import gc
import lzma
import pickle
import signal

import orjson

from kb.tagging.facets import Tagger
from kb.tagging.inputs import tag_input
from kb.tagging.taxonomy import Taxonomy
from kb.tagging.types import TagInput, TagResult

_WORKER_TAGGER: list[Tagger] = []

# A work as read from the knowledge base: its title, its kind and its member records' fields
# as the JSON text stored (richest first; None where a record has none). Parsed where it is
# tagged: in a worker, the main process neither parses it nor pickles what it parsed into.
StoredWork = tuple[str, str, tuple[str | None, ...]]


def read_work(work: StoredWork) -> TagInput:
    """Return what the tagger reads of WORK."""
    title, kind, fields = work
    return tag_input(title, kind, [(orjson.loads(text) if text else None) or {} for text in fields])


def packed(taxonomy: Taxonomy) -> bytes:
    """Return TAXONOMY as start_worker takes it: pickled and compressed (148 KB -> 44 KB).
    A worker is sent its initializer's arguments through a pipe that holds 64 KiB;
    anything larger blocks the parent until that worker has started Python and imported its
    modules, one worker after the other (0.6-1.6 s of a run's wall time spent waiting).
    (lzma: zlib's 49 KB left too little of the pipe for the rest of a worker's start; lzma
    takes 40 ms once a run, and 4 ms in each worker.)"""
    return lzma.compress(pickle.dumps(taxonomy, protocol=pickle.HIGHEST_PROTOCOL), preset=5)


def start_worker(taxonomy: bytes) -> None:
    """Build the worker's tagger once from TAXONOMY packed by packed() (a
    ProcessPoolExecutor's initializer). Ctrl-C is the parent's to handle: a worker ended by
    the SIGINT sent to the whole process group in the middle of a message on its pipes
    would leave the parent waiting for the rest for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_TAGGER[:] = [Tagger(pickle.loads(lzma.decompress(taxonomy)))]
    # the tagger's own objects (patterns, tables), kept for the worker's life, out of the
    # cyclic collector's sight: its collections then look at a batch's objects alone
    gc.freeze()


def tag_in_worker(works: list[StoredWork]) -> list[TagResult]:
    """Return the results of WORKS, in order, tagged by the worker's tagger."""
    tagger = _WORKER_TAGGER[0]
    return [tagger.tag(read_work(work)) for work in works]
