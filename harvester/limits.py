"""What a project configures about the services before any HTTP is spoken: their default
addresses and limits, and the retry policy; and the cores this process may use. No httpx
here, so reading a project is quick; harvester.http, .pubmed and .ctgov import these names
from here."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
DEFAULT_CTGOV_URL = "https://clinicaltrials.gov/api/v2"
DEFAULT_CTGOV_RATE = 1.0
MAX_CTGOV_PAGE_SIZE = 1000
# efetch requests under way at once; the rate limiter still spaces their starts. NCBI takes
# half a second or more to answer a 200-record efetch, so one at a time cannot use the rate.
EFETCH_IN_FLIGHT = 3
MAX_EFETCH_IN_FLIGHT = 10


def usable_cores() -> int:
    """Return how many cores this process may run on (its CPU affinity where known)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry: exponential backoff with full jitter, bounded."""

    attempts: int = 6
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_total_wait: float = 600.0

    def backoff(self, attempt: int) -> float:
        """Return the wait before retry number ATTEMPT (1-based), with jitter."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)
