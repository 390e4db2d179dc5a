"""ClinicalTrials.gov: the v2 JSON parser on the real files, the API client over loopback."""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harvester.ctgov import ClinicalTrials, CtgovSettings, since_filter
from harvester.ctgov_json import _str, iter_studies, mesh_key, split_page
from harvester.errors import FileFormatError, SourceError, TruncatedBodyError
from harvester.http import RateLimits, RetryPolicy, make_client
from harvester.records import RawRecord
from harvester.replay import ReplayServer, StudyCorpus

from datafiles import CTGOV

PALLAS = CTGOV / "mcode_NCT02513394.json"
DOWNLOAD = CTGOV / "koy570_website-download_ctg-studies.json"


def fields_of(path: Path) -> list[dict[str, Any]]:
    return [dict(r.fields) for r in iter_studies(path.read_text(encoding="utf-8"), path.name)]


def test_a_full_study_parses_field_by_field() -> None:
    (f,) = fields_of(PALLAS)
    assert (f["nct_id"], f["acronym"], f["org_study_id"]) == ("NCT02513394", "PALLAS", "AFT-05")
    assert {"id": "2014-005181-30", "type": "EUDRACT_NUMBER", "domain": None} in f["secondary_ids"]
    assert f["brief_title"] == "PALbociclib CoLlaborative Adjuvant Study"
    assert f["official_title"].startswith("PALbociclib CoLlaborative Adjuvant Study: A Randomized")
    assert f["organization"] == {"name": "Alliance Foundation Trials, LLC.", "class": "OTHER"}
    assert f["overall_status"] == "ACTIVE_NOT_RECRUITING"
    assert f["start"] == {"date": "2015-08", "type": None, "precision": "month"}
    assert f["primary_completion"] == {"date": "2020-11", "type": "ACTUAL", "precision": "month"}
    assert f["completion"]["type"] == "ESTIMATED"
    assert f["last_update_posted"] == {"date": "2023-06-15", "type": "ACTUAL", "precision": "day"}
    assert (f["study_type"], f["phases"], f["allocation"]) == (
        "INTERVENTIONAL",
        ["PHASE3"],
        "RANDOMIZED",
    )
    assert (f["intervention_model"], f["primary_purpose"], f["masking"]) == (
        "PARALLEL",
        "TREATMENT",
        "NONE",
    )
    assert f["enrollment"] == {"count": 5796, "type": "ACTUAL"}
    assert (f["conditions"], f["keywords"]) == (
        ["Breast Cancer"],
        ["HR+/HER2- breast cancer", "Palbociclib"],
    )
    assert (
        f["interventions"][0]["name"] == "Palbociclib" and f["interventions"][0]["type"] == "DRUG"
    )
    assert [a["label"] for a in f["arms"]] == ["Arm A", "Arm B"]
    assert f["primary_outcomes"][0] == {
        "measure": "Invasive Disease Free Survival (iDFS)",
        "time_frame": "4 years",
        "description": f["primary_outcomes"][0]["description"],
    }
    assert f["eligibility"]["minimum_age"] == "18 Years" and f["eligibility"]["sex"] == "ALL"
    assert f["sponsor"]["name"] == "Alliance Foundation Trials, LLC."
    assert "Pfizer" in f["collaborators"] and len(f["collaborators"]) == 5
    assert len(f["countries"]) == 21 and "Austria" in f["countries"]
    assert f["references"][0]["pmid"] == "34995105" and f["references"][0]["type"] == "DERIVED"
    assert f["condition_mesh"] == [{"id": "D000001943", "key": "D1943", "term": "Breast Neoplasms"}]
    assert f["version_holder"] == "2023-10-06" and f["has_results"] is True


def test_the_adverse_events_module_keeps_groups_terms_and_numbers() -> None:
    (f,) = fields_of(PALLAS)
    raw = json.loads(PALLAS.read_text())["resultsSection"]["adverseEventsModule"]
    events = f["adverse_events"]
    assert len(events["serious"]) == len(raw["seriousEvents"])
    assert len(events["other"]) == len(raw["otherEvents"])
    assert events["groups"][0] | {} == {
        "id": "EG000",
        "title": "Palbociclib Plus Endocrine Therapy (Arm A)",
        "deaths_affected": 99,
        "deaths_at_risk": 2841,
        "serious_affected": raw["eventGroups"][0]["seriousNumAffected"],
        "serious_at_risk": 2841,
        "other_affected": raw["eventGroups"][0]["otherNumAffected"],
        "other_at_risk": 2841,
    }
    assert events["serious"][0] == {
        "term": "Anaemia",
        "organ_system": "Blood and lymphatic system disorders",
        "vocabulary": "MedDRA 23.1",
        "assessment": "SYSTEMATIC_ASSESSMENT",
        "stats": [
            {"group": "EG000", "events": 3, "affected": 3, "at_risk": 2841},
            {"group": "EG001", "events": 0, "affected": 0, "at_risk": 2902},
        ],
    }


def test_the_website_download_reads_every_study_verbatim() -> None:
    text = DOWNLOAD.read_text(encoding="utf-8")
    records = list(iter_studies(text, DOWNLOAD.name))
    raw = json.loads(text)
    assert [r.source_key for r in records] == [
        s["protocolSection"]["identificationModule"]["nctId"] for s in raw
    ]
    for record, study in zip(records, raw, strict=True):
        assert record.raw_payload in text
        assert json.loads(record.raw_payload) == study
    types = [r.fields["study_type"] for r in records]
    assert (types.count("INTERVENTIONAL"), types.count("OBSERVATIONAL")) == (80, 20)
    assert sum(r.fields["adverse_events"] is not None for r in records) == sum(
        "resultsSection" in s and "adverseEventsModule" in s["resultsSection"] for s in raw
    )
    refs = [ref for r in records for ref in r.fields["references"]]
    assert {
        t: sum(ref["type"] == t for ref in refs) for t in ("BACKGROUND", "RESULT", "DERIVED")
    } == {
        "BACKGROUND": 121,
        "RESULT": 66,
        "DERIVED": 18,
    }
    assert sum(ref["pmid"] is None for ref in refs) == 14
    aliased = next(r for r in records if r.fields["nct_aliases"])
    assert (aliased.source_key, aliased.fields["nct_aliases"]) == ("NCT02300909", ["NCT02380456"])
    ids = {m["id"] for r in records for m in r.fields["condition_mesh"]}
    assert {len(i) for i in ids} == {7, 10}
    assert all(m["key"] == mesh_key(m["id"]) for r in records for m in r.fields["condition_mesh"])


def test_mesh_ids_compare_by_letter_and_number_never_by_stripping_zeros() -> None:
    assert mesh_key("D000001943") == mesh_key("D001943") == "D1943"
    assert mesh_key("D000069797") == "D69797" != mesh_key("D006979")


def test_unknown_keys_and_missing_modules_are_tolerated() -> None:
    text = (
        '{"protocolSection": {"identificationModule": {"nctId": "nct01234567"}, "newModule": 1},'
        ' "x": 2}'
    )
    (record,) = iter_studies(text)
    assert record.source_key == "NCT01234567"
    assert record.fields["enrollment"] == {"count": None, "type": None}
    assert record.fields["adverse_events"] is None and record.fields["references"] == []


def test_a_page_keeps_its_other_keys_and_study_texts() -> None:
    page = (
        '{"totalCount": 2, "studies": [ {"protocolSection": {}} ,{"hasResults": false}],'
        ' "nextPageToken": "abc"}'
    )
    others, studies = split_page(page)
    assert others == {"totalCount": 2, "nextPageToken": "abc"}
    assert [text for text, _ in studies or []] == [
        '{"protocolSection": {}}',
        '{"hasResults": false}',
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('{"studies": [{"protocolSection": {', TruncatedBodyError),
        ("<html>Blocked</html>", FileFormatError),
        ('[{"protocolSection": {"identificationModule": {}}}]', FileFormatError),
        ("[1, 2]", FileFormatError),
        ('{"studies": []} trailing', FileFormatError),
    ],
)
def test_bad_study_json_is_an_error_naming_the_origin(text: str, error: type[Exception]) -> None:
    with pytest.raises(error, match="^upload.json: "):
        list(iter_studies(text, "upload.json"))


# --- the API client over loopback --------------------------------------------------------


@pytest.fixture
def registry() -> Iterator[ReplayServer]:
    studies = StudyCorpus()
    studies.add_json(DOWNLOAD.read_text(encoding="utf-8"))
    studies.add_json(PALLAS.read_text(encoding="utf-8"))
    server = ReplayServer(studies=studies).start()
    yield server
    server.stop()


@pytest.fixture
def make_trials() -> Iterator[Callable[..., ClinicalTrials]]:
    clients = []

    def build(url: str, **changes: Any) -> ClinicalTrials:
        values: dict[str, Any] = {
            "base_url": url,
            "rate": 50.0,
            "page_size": 30,
            "retry": RetryPolicy(attempts=4, base_delay=0.02, max_delay=0.1),
        }
        values.update(changes)
        settings = CtgovSettings(**values)
        client = make_client(RateLimits({settings.host: settings.rate}))
        clients.append(client)
        return ClinicalTrials(client, settings)

    yield build
    for client in clients:
        client.close()


def collect(trials: ClinicalTrials, params: dict[str, str]) -> tuple[list[RawRecord], Any]:
    records: list[RawRecord] = []
    outcome = trials.fetch_studies(params, records.extend)
    return records, outcome


def test_paging_repeats_identical_parameters_and_counts_the_total(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    params = {"query.term": "intrathecal", "query.intr": "baclofen"}
    records, outcome = collect(make_trials(registry.ctgov_url), params)
    assert (outcome.total, outcome.received, outcome.pages) == (101, 101, 4)
    assert len({r.source_key for r in records}) == 101
    pages = registry.requests_to("studies")
    fixed = [
        {k: v for k, v in p.params.items() if k not in ("pageToken", "countTotal")} for p in pages
    ]
    assert all(page == fixed[0] for page in fixed)
    assert fixed[0]["pageSize"] == "30" and fixed[0]["query.intr"] == "baclofen"
    assert [("countTotal" in p.params, "pageToken" in p.params) for p in pages] == [
        (True, False),
        (False, True),
        (False, True),
        (False, True),
    ]


def test_the_next_page_is_asked_for_while_a_page_is_stored(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    asked_while_storing = []

    def on_page(page: list[RawRecord]) -> None:
        # (4 pages of 30: while pages 1-3 are stored, the registry prepares the next)
        stored = len(asked_while_storing) + 1
        deadline = time.monotonic() + 10
        while len(registry.requests_to("studies")) <= stored and time.monotonic() < deadline:
            time.sleep(0.01)
        asked_while_storing.append(len(registry.requests_to("studies")) > stored)

    outcome = make_trials(registry.ctgov_url).fetch_studies({"query.term": "x"}, on_page)
    assert asked_while_storing == [True, True, True, False]
    assert outcome.pages == len(registry.requests_to("studies")) == 4


@pytest.mark.parametrize("single_use", [True, False], ids=["spent-token", "reusable-token"])
def test_a_large_page_has_the_next_asked_for_on_its_last_token_before_it_is_read(
    registry: ReplayServer,
    make_trials: Callable[..., ClinicalTrials],
    monkeypatch: pytest.MonkeyPatch,
    single_use: bool,
) -> None:
    import harvester.ctgov

    registry.faults.single_use_tokens = single_use
    monkeypatch.setattr(harvester.ctgov, "EARLY_FROM", 0)
    read = harvester.ctgov._check_page
    ends: list[float] = []

    def slow(response: Any) -> Any:  # (reading a page of 1,000 studies takes this long)
        found = read(response)
        time.sleep(0.3)
        ends.append(time.monotonic())
        return found

    monkeypatch.setattr(harvester.ctgov, "_check_page", slow)
    trials = make_trials(registry.ctgov_url)
    records, outcome = collect(trials, {"query.term": "x"})
    keys = [r.source_key for r in records]
    assert len(keys) == len(set(keys)) == outcome.received == outcome.total == 101
    pages = registry.requests_to("studies")
    assert len(pages) == outcome.pages == trials.calls == 4  # none twice, none wasted
    assert all(p.status == 200 for p in pages)
    assert len({p.params.get("pageToken") for p in pages}) == 4
    # pages 2 and 3 were answered before the pages naming them had been read; page 4 was
    # not asked for until page 2 was taken (one page at most waits ahead)
    assert [pages[n + 1].at < ends[n] for n in range(3)] == [True, True, False]


def test_a_page_whose_token_is_not_its_last_key_is_read_before_the_next_is_asked_for() -> None:
    from harvester.ctgov import last_page_token

    assert last_page_token('{"studies":[],"nextPageToken":"eyJhIjogMX0="}\n') == "eyJhIjogMX0="
    assert last_page_token('{"nextPageToken":"abc","studies":[]}') is None
    # a token written in a study's text is escaped, never a key of the page
    assert last_page_token('{"studies":[{"a":"x\\",\\"nextPageToken\\":\\"abc\\"}"}]}') is None
    assert last_page_token('{"studies":[],"nextPageToken":"abc"') is None  # cut short


@pytest.mark.parametrize("fault", ["403", "429", "503", "reset", "truncate"])
def test_throttling_and_transient_faults_are_retried(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials], fault: str
) -> None:
    registry.faults.fail_next(fault, times=2, endpoint="studies")
    records, outcome = collect(make_trials(registry.ctgov_url), {"query.term": "x"})
    assert outcome.received == outcome.total == 101 == len(records)


@pytest.mark.parametrize("fault", ["error200", "html200"])
def test_an_error_body_inside_a_200_is_an_error(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials], fault: str
) -> None:
    registry.faults.fail_next(fault, endpoint="studies")
    with pytest.raises(SourceError):
        collect(make_trials(registry.ctgov_url), {"query.term": "x"})


def test_the_update_window_filters_on_last_update_posted(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    from datetime import date

    since = date(2024, 1, 1)
    params = {"query.term": "x", "filter.advanced": since_filter(None, since)}
    records, _ = collect(make_trials(registry.ctgov_url), params)
    assert records
    assert all(r.fields["last_update_posted"]["date"] >= "2024-01-01" for r in records)
    assert since_filter("AREA[Phase]PHASE3", since) == (
        "(AREA[Phase]PHASE3) AND AREA[LastUpdatePostDate]RANGE[2024-01-01,MAX]"
    )


def test_an_alias_id_is_followed_to_its_study(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    trials = make_trials(registry.ctgov_url)
    assert trials.fetch_study("NCT02380456").source_key == "NCT02300909"
    assert [r.status for r in registry.requests_to("study")] == [301, 200]
    with pytest.raises(SourceError, match="HTTP 404"):
        trials.fetch_study("NCT99999999")


def test_the_version_gives_the_data_timestamp(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    version = make_trials(registry.ctgov_url).fetch_version()
    assert version["dataTimestamp"] == registry.studies.data_timestamp


@pytest.mark.parametrize("single_use", [True, False], ids=["spent-token", "reusable-token"])
def test_a_reset_on_a_later_page_recovers_whether_or_not_the_token_is_spent(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials], single_use: bool
) -> None:
    registry.faults.single_use_tokens = single_use
    registry.faults.fail_next("reset", endpoint="studies", skip=1)  # page 2 breaks off
    records, outcome = collect(make_trials(registry.ctgov_url), {"query.term": "x"})
    keys = [r.source_key for r in records]
    assert len(keys) == len(set(keys)) == outcome.received == outcome.total == 101
    restarted = [p for p in registry.requests_to("studies") if "countTotal" in p.params]
    assert len(restarted) == (2 if single_use else 1)


def test_a_later_page_refused_every_time_gives_up_after_two_restarts(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    registry.faults.single_use_tokens = True
    # page 2 breaks off each time; its retry finds the token spent, and the listing restarts
    registry.faults.fail_next("reset", endpoint="studies", skip=1)
    for _ in range(2):  # (past the refused retry and the first page again)
        registry.faults.fail_next("reset", endpoint="studies", skip=2)
    with pytest.raises(SourceError, match="invalid token"):
        collect(make_trials(registry.ctgov_url), {"query.term": "x"})
    assert sum("countTotal" in p.params for p in registry.requests_to("studies")) == 3


def test_a_refused_first_page_is_not_restarted(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    registry.faults.fail_next("400", endpoint="studies")
    with pytest.raises(SourceError, match="HTTP 400"):
        collect(make_trials(registry.ctgov_url), {"query.term": "x"})
    assert len(registry.requests_to("studies")) == 1


def test_a_run_of_empty_pages_ends_with_a_clear_error(
    registry: ReplayServer, make_trials: Callable[..., ClinicalTrials]
) -> None:
    registry.faults.fail_next("empty-page", times=49, endpoint="studies")
    with pytest.raises(SourceError, match="5 pages in a row with no study"):
        collect(make_trials(registry.ctgov_url), {"query.term": "x"})
    assert len(registry.requests_to("studies")) == 5


@given(st.text() | st.text(alphabet=" \t\n\x1fab\u00a0\u2003e\u0301\u00e9"))
@example("a  b")
@example(" a")
@example("a ")
@example("a\tb")
@example("a\x1fb")
@example("e\u0301")  # (decomposed: NFC makes it one letter)
@example("")
@example("  ")
def test_a_registry_text_is_spaced_and_composed_as_one_rule_says(text: str) -> None:
    expected = unicodedata.normalize("NFC", " ".join(text.split())) or None
    assert _str(text) == expected
