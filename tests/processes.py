"""Helpers for tests of the worker processes a run starts (parsing, tagging)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time


def interrupt_children() -> None:
    """Send SIGINT to every child process, as Ctrl-C reaches a whole process group, and
    check that each is still alive half a second later."""
    children = multiprocessing.active_children()
    assert children, "no child process to interrupt"
    for process in children:
        os.kill(process.pid or 0, signal.SIGINT)
    time.sleep(0.5)
    assert all(process.is_alive() for process in children)
