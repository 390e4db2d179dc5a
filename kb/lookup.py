"""Find a work by what a user types: a PMID, DOI, NCT id, PMCID or work id ("W12" or "12")."""

from __future__ import annotations

import re

from sqlalchemy import func
from sqlmodel import Session, col, select

from harvester.errors import EvidenceError
from harvester.pubmed_xml import normalize_doi
from kb.models import SourceRecordRow, WorkRow

_WORK = re.compile(r"^(?:w|work:?)\s*(\d+)$", re.IGNORECASE)
_NCT = re.compile(r"^NCT\d{8}$", re.IGNORECASE)
_PMCID = re.compile(r"^PMC\d+$", re.IGNORECASE)


class WorkNotFoundError(EvidenceError):
    """No work answers to the reference the user gave."""


def find_work(session: Session, reference: str) -> WorkRow:
    """Return the work REFERENCE names; a bare number is a PMID first, then a work id."""
    text = reference.strip()
    work: WorkRow | None = None
    if found := _WORK.match(text):
        work = session.get(WorkRow, int(found.group(1)))
    elif _NCT.match(text):
        work = _by_nct(session, text.upper())
    elif _PMCID.match(text):
        work = session.exec(select(WorkRow).where(WorkRow.pmcid == text.upper())).first()
    elif text.isdigit():
        work = session.exec(select(WorkRow).where(WorkRow.pmid == text)).first()
        work = work or session.get(WorkRow, int(text))
    elif doi := normalize_doi(text):
        work = session.exec(select(WorkRow).where(func.lower(WorkRow.doi) == doi)).first()
    if work is None:
        raise WorkNotFoundError(
            f'no work found for "{reference}"; give a PMID, DOI, NCT id, PMCID or work id '
            '(W12), as shown by "itb show" or the exports'
        )
    return work


def _by_nct(session: Session, nct: str) -> WorkRow | None:
    """A registration's work (its registry record) before any article that cites it."""
    registry = session.exec(
        select(SourceRecordRow.work_id).where(
            SourceRecordRow.source_key == nct, col(SourceRecordRow.work_id).is_not(None)
        )
    ).first()
    if registry is not None:
        return session.get(WorkRow, registry)
    return None
