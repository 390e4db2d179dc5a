"""The review queue and a user's verdicts, through the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from queries.cli import app

from datafiles import UNCERTAIN_PAIR_CSV


def itb(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ITB_DATABASE_URL", raising=False)
    assert itb("init").exit_code == 0
    (tmp_path / "records.csv").write_text(UNCERTAIN_PAIR_CSV)
    assert itb("import", "records.csv").exit_code == 0
    yield tmp_path


def works() -> int:
    return int(json.loads(itb("status", "--json").stdout)["counts"]["work"])


def test_an_uncertain_pair_waits_in_the_queue_with_both_records(project: Path) -> None:
    result = itb("dedup", "queue", "--json")
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["rule"] == "DOIs differ, all else agrees"
    assert [r["key"] for r in item["records"]] == ["a", "b"]
    assert works() == 3
    text = itb("dedup", "queue").stdout
    assert f"pair {item['pair']}: score 1.0, DOIs differ, all else agrees" in text


def test_accepting_a_pair_merges_it_and_a_split_undoes_the_merge_for_good(project: Path) -> None:
    (item,) = json.loads(itb("dedup", "queue", "--json").stdout)
    accepted = itb("dedup", "accept", str(item["pair"]), "--reason", "same paper")
    assert accepted.exit_code == 0, accepted.output
    assert works() == 2
    assert json.loads(itb("dedup", "queue", "--json").stdout) == []
    work = item["records"][0]["work"]
    split = itb("dedup", "split", str(work))
    assert split.exit_code == 0, split.output
    assert works() == 3
    assert itb("normalize", "--all").exit_code == 0
    assert works() == 3


def test_rejecting_a_pair_keeps_it_apart_and_out_of_the_queue(project: Path) -> None:
    (item,) = json.loads(itb("dedup", "queue", "--json").stdout)
    assert itb("dedup", "reject", str(item["pair"])).exit_code == 0
    assert works() == 3
    assert json.loads(itb("dedup", "queue", "--json").stdout) == []


def test_unknown_pairs_and_works_are_one_line_errors(project: Path) -> None:
    missing = itb("dedup", "accept", "999")
    assert missing.exit_code == 3
    assert missing.stderr.startswith("Error: no duplicate pair 999;")
    single = itb("dedup", "split", "1")
    assert single.exit_code == 3 and "nothing to split" in single.stderr


def test_review_needs_a_terminal(project: Path) -> None:
    result = itb("dedup", "review")
    assert result.exit_code == 3
    assert "needs a terminal" in result.stderr


def test_the_queue_shows_no_none_and_registrations_with_sponsor_status_and_dates(
    project: Path,
) -> None:
    from queries.dedup_review import _render_record

    assert "None" not in itb("dedup", "queue").stdout
    registration = {
        "record": 7, "source": "ClinicalTrials.gov", "key": "NCT01234567", "work": None,
        "title": "Intrathecal Baclofen in Dystonia", "year": None, "journal": None,
        "volume": None, "pages": None, "doi": None, "authors": [], "kind": "registration",
        "registry": {"status": "RECRUITING", "sponsor": "Example University",
                     "first_posted": "2019-03-02", "last_update_posted": None},
    }  # fmt: skip
    text = _render_record(registration)
    assert "None" not in text
    assert "sponsor Example University | status RECRUITING | first posted 2019-03-02" in text
    assert "last update -" in text and "(work -)" in text
