"""ClinicalTrials.gov's words for its status and phase codes, as its pages show them."""

from __future__ import annotations

import re
from typing import Any

STATUS_WORDS = {
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting", "ENROLLING_BY_INVITATION":
    "Enrolling by invitation", "NOT_YET_RECRUITING": "Not yet recruiting",
    "APPROVED_FOR_MARKETING": "Approved for marketing", "NO_LONGER_AVAILABLE":
    "No longer available", "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "WITHHELD": "Withheld", "UNKNOWN": "Unknown status",
}  # fmt: skip
PHASE_WORDS = {"NA": "Not applicable", "EARLY_PHASE1": "Early phase 1"}


def status_words(code: Any) -> str:
    """Return a registry status as ClinicalTrials.gov shows it ("Active, not recruiting")."""
    text = str(code or "")
    return STATUS_WORDS.get(text, text.replace("_", " ").capitalize())


def phase_words(code: Any) -> str:
    """Return a phase as ClinicalTrials.gov shows it ("Phase 2", "Not applicable")."""
    text = str(code or "")
    return PHASE_WORDS.get(text, re.sub(r"^PHASE(\d)$", r"Phase \1", text))
