"""RawRecord: one record exactly as one source delivered it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A source record as received: its source, its own key, the verbatim payload, parsed fields.

    ``source`` is the kind of source ("pubmed", "ctgov", "file"); ``source_name`` the
    database it stands for ("PubMed", "ClinicalTrials.gov", or the name a user gave an
    imported file, such as "Embase"); ``source_key`` the source's own id for the record
    (PMID, NCT id, the file's record id). ``raw_payload`` is kept byte-for-byte as text.
    """

    source: str
    source_name: str
    source_key: str
    raw_format: str
    raw_payload: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    source_version: str | None = None
    fetched_at: datetime = field(default_factory=_now)

    @property
    def content_hash(self) -> str:
        """Return the SHA-256 hex digest of the raw payload."""
        return hashlib.sha256(self.raw_payload.encode("utf-8")).hexdigest()
