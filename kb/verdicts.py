"""A user's duplicate verdicts: the review queue, accept or reject a pair, split a work.

Verdicts are manual_decision rows anchored on source records; no automatic step writes or
overrides them. Each one is followed by a normalization run, so works follow at once.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from harvester.errors import EvidenceError
from kb.database import session_scope
from kb.models import (
    DuplicatePairRow,
    ManualDecisionRow,
    RecordVersionRow,
    SourceRecordRow,
    WorkRow,
)
from kb.works import NormalizeReport, normalize_knowledge_base


def review_queue(engine: Engine) -> list[dict[str, Any]]:
    """Return the pairs waiting for a person, most similar first, with both records."""
    with session_scope(engine) as session:
        pairs = session.exec(
            select(DuplicatePairRow)
            .where(DuplicatePairRow.outcome == "review")
            .order_by(col(DuplicatePairRow.score).desc(), col(DuplicatePairRow.id))
        ).all()
        decided = _decided_pairs(session)
        return [
            {
                "pair": pair.id,
                "score": round(pair.score, 3),
                "rule": pair.rule,
                "explanation": pair.explanation or {},
                "records": [
                    _describe(session, pair.record_a_id),
                    _describe(session, pair.record_b_id),
                ],
            }
            for pair in pairs
            if frozenset({pair.record_a_id, pair.record_b_id}) not in decided
        ]


def _decided_pairs(session: Session) -> set[frozenset[int | None]]:
    rows = session.exec(
        select(ManualDecisionRow.record_a_id, ManualDecisionRow.record_b_id).where(
            ManualDecisionRow.kind == "duplicate", col(ManualDecisionRow.active)
        )
    ).all()
    return {frozenset({a, b}) for a, b in rows}


def _describe(session: Session, record_id: int) -> dict[str, Any]:
    row = session.get(SourceRecordRow, record_id)
    assert row is not None
    canonical = row.canonical or {}
    registry: dict[str, Any] = {}
    if canonical.get("kind") == "registration":
        version = session.exec(
            select(RecordVersionRow.fields).where(
                RecordVersionRow.source_record_id == row.id,
                RecordVersionRow.version == row.current_version,
            )
        ).first()
        fields: dict[str, Any] = dict(version or {})
        given = fields.get("sponsor")
        sponsor: dict[str, Any] = given if isinstance(given, dict) else {}
        registry = {
            "status": fields.get("overall_status"),
            "sponsor": sponsor.get("name"),
            "first_posted": (fields.get("first_posted") or {}).get("date"),
            "last_update_posted": (fields.get("last_update_posted") or {}).get("date"),
        }
    return {
        "record": row.id,
        "kind": canonical.get("kind"),
        "registry": registry,
        "source": row.source_name,
        "key": row.source_key,
        "work": row.work_id,
        "title": canonical.get("title"),
        "year": canonical.get("year"),
        "journal": canonical.get("journal") or canonical.get("journal_iso"),
        "volume": canonical.get("volume"),
        "pages": canonical.get("pages"),
        "doi": canonical.get("doi"),
        "authors": [
            a.get("family") or a.get("collective") for a in canonical.get("authors", [])[:3]
        ],
    }


def decide_pair(
    engine: Engine, pair_id: int, same: bool, reason: str | None = None, by: str | None = None
) -> NormalizeReport:
    """Store a user's verdict on a duplicate pair (replacing an earlier one); update works."""
    with session_scope(engine) as session:
        pair = session.get(DuplicatePairRow, pair_id)
        if pair is None:
            raise EvidenceError(
                f'no duplicate pair {pair_id}; "itb dedup queue" lists the pairs to decide'
            )
        _record_verdict(session, pair.record_a_id, pair.record_b_id, same, reason, by)
    return normalize_knowledge_base(engine)


def _record_verdict(
    session: Session, a: int, b: int, same: bool, reason: str | None, by: str | None
) -> None:
    first, second = sorted((a, b))
    for earlier in session.exec(
        select(ManualDecisionRow).where(
            ManualDecisionRow.kind == "duplicate",
            ManualDecisionRow.record_a_id == first,
            ManualDecisionRow.record_b_id == second,
            col(ManualDecisionRow.active),
        )
    ):
        earlier.active = False
    work = session.get(SourceRecordRow, first)
    session.add(
        ManualDecisionRow(
            kind="duplicate",
            verdict="same" if same else "different",
            record_a_id=first,
            record_b_id=second,
            work_id=work.work_id if work else None,
            reason=reason,
            decided_by=by,
        )
    )


def split_work(
    engine: Engine, work_id: int, reason: str | None = None, by: str | None = None
) -> NormalizeReport:
    """Undo a merge: every source record of the work becomes a work of its own, for good."""
    with session_scope(engine) as session:
        if session.get(WorkRow, work_id) is None:
            raise EvidenceError(f"no work {work_id}; see itb status for what the base holds")
        members = session.exec(
            select(SourceRecordRow.id).where(SourceRecordRow.work_id == work_id)
        ).all()
        if len(members) < 2:
            raise EvidenceError(f"work {work_id} has {len(members)} record; nothing to split")
        for a, b in combinations(sorted(m for m in members if m is not None), 2):
            _record_verdict(session, a, b, False, reason or f"split of work {work_id}", by)
    return normalize_knowledge_base(engine)
