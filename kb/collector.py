"""Python's cyclic garbage collector, paused for a batch job's heavy part.

A first normalization keeps a hundred thousand records and their keys in memory while it
makes millions of small objects (tuples, dicts, decisions). The cyclic collector runs after
every 700 new objects, and every so often walks the whole heap: 15 of the 46 s of a
100,000-record first normalization were spent there, and nothing was found (the records,
keys and decisions hold no reference cycles: the process's peak memory is the same with
the collector off). Reference counting still frees every object as soon as it is no longer
used; only the search for unreachable cycles waits until the batch is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested blocks: the outermost one
    decides); it runs again as it did before once the block ends, however it ends. The
    switch is the process's: itb runs one batch at a time, and two threads running batches
    at once would only lose some of the gain, never an object."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
