"""Secrets never leave in what itb writes: one registry, one ``scrub`` at every boundary.

Every secret itb knows (the NCBI API key, a database password, any ``*_KEY``, ``*_TOKEN``,
``*_SECRET`` or ``*_PASSWORD`` in the environment) is registered once; ``scrub`` replaces
each, in the forms a server may echo it (as given, URL-encoded), by ``***``. Errors scrub
their message when made (``EvidenceError``), the log handlers scrub every record, and
JSON written for scripts, digests and the search log goes through ``scrub_data``.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "***"
# Shorter values are too likely to be ordinary words or numbers to replace everywhere.
MIN_LENGTH = 6
SECRET_NAMES = re.compile(r"(?:^|_)(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD)$")
EXTRA_NAMES = frozenset({"PGPASSWORD", "NCBI_API_KEY"})

_lock = threading.Lock()
_secrets: set[str] = set()
_pattern: re.Pattern[str] | None = None


def register_secret(value: str | None) -> None:
    """Remember VALUE as a secret from now on (too short or empty values are ignored)."""
    global _pattern
    if not value or len(value) < MIN_LENGTH:
        return
    forms = {value, quote(value, safe=""), quote_plus(value)}
    with _lock:
        if forms <= _secrets:
            return
        _secrets.update(forms)
        ordered = sorted(_secrets, key=len, reverse=True)
        _pattern = re.compile("|".join(re.escape(s) for s in ordered))


def register_environment(environ: Mapping[str, str] | None = None) -> None:
    """Register every secret-looking variable of ENVIRON (default: os.environ)."""
    env = os.environ if environ is None else environ
    for name, value in env.items():
        upper = name.upper()
        if upper in EXTRA_NAMES or SECRET_NAMES.search(upper):
            register_secret(value)


def scrub(text: str) -> str:
    """Return TEXT with every registered secret replaced by ***."""
    pattern = _pattern
    if pattern is None or not text:
        return text
    return pattern.sub(MASK, text)


def scrub_data(value: Any) -> Any:
    """Return VALUE (JSON-like: dicts, lists, strings) with every string scrubbed."""
    if _pattern is None:
        return value
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Mapping):
        return {scrub_data(k): scrub_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_data(v) for v in value]
    return value


class ScrubFilter(logging.Filter):
    """A logging filter that renders each record's message and scrubs it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _pattern is not None:
            record.msg = scrub(record.getMessage())
            record.args = None
        return True
