"""What the digest says changed in a work: a record's newest version against the one it had
when the last successful update began."""

from __future__ import annotations

from kb.changes import describe_change
from kb.registry_terms import phase_words, status_words


def test_status_enrollment_retraction_and_title_changes_are_named() -> None:
    before = {"overall_status": "RECRUITING", "enrollment": {"count": 20, "type": "ESTIMATED"},
              "title": "A"}  # fmt: skip
    after = {"overall_status": "COMPLETED", "enrollment": {"count": 36, "type": "ACTUAL"},
             "title": "B", "retracted": True}  # fmt: skip
    assert describe_change(before, after) == [
        "status: Recruiting -> Completed",
        "enrollment: 20 (estimated) -> 36 (actual)",
        "retracted",
        "title changed",
    ]


def test_an_unchanged_record_has_nothing_to_say() -> None:
    fields = {"overall_status": "COMPLETED", "title": "A", "retracted": True}
    assert describe_change(fields, dict(fields)) == []


def test_registry_codes_read_as_clinicaltrials_gov_shows_them() -> None:
    assert status_words("ACTIVE_NOT_RECRUITING") == "Active, not recruiting"
    assert status_words("TERMINATED") == "Terminated"
    assert phase_words("PHASE2") == "Phase 2" and phase_words("NA") == "Not applicable"
