"""The HTTP seam over real HTTP on loopback: rate limit, retries, timeouts, error bodies."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import httpx
import pytest

from harvester.errors import ExitCode, SourceError, SourceUnavailableError
from harvester.http import RateLimiter, RateLimits, RetryPolicy, make_client, retry_after
from harvester.pubmed import FetchOutcome, PubMed
from harvester.records import RawRecord
from harvester.replay import ReplayServer

MakePubMed = Callable[..., PubMed]


def fetch_all(pubmed: PubMed, pmids: list[str]) -> tuple[list[RawRecord], FetchOutcome]:
    found: list[RawRecord] = []
    outcome = FetchOutcome()
    pubmed.fetch_records(pmids, outcome, found.extend)
    return found, outcome


def busiest_second(times: list[float]) -> int:
    """Return the most request starts seen in any half-open one-second window."""
    times = sorted(times)
    best, left = 0, 0
    for right, now in enumerate(times):
        while now - times[left] >= 1.0:
            left += 1
        best = max(best, right - left + 1)
    return best


@pytest.mark.parametrize("rate", [3.0, 10.0])
def test_the_client_never_exceeds_the_configured_rate(
    replay: ReplayServer, make_pubmed: MakePubMed, rate: float
) -> None:
    replay.faults.rate_limit = rate  # the server answers 429 to anything faster
    pubmed = make_pubmed(replay.url, rate=rate, batch_size=1)
    pmids = replay.corpus.search([])[: int(rate * 2) + 2]
    started = time.monotonic()
    records, outcome = fetch_all(pubmed, pmids)
    elapsed = time.monotonic() - started
    assert len(records) == len(pmids) and not outcome.unavailable
    efetches = replay.requests_to("efetch")
    assert [r.status for r in efetches] == [200] * len(pmids)
    assert busiest_second([r.at for r in efetches]) <= rate
    assert (len(pmids) - 1) / rate <= elapsed <= (len(pmids) - 1) / rate * 1.25 + 0.5


class FakeClock:
    """time.monotonic and time.sleep for the rate limiter, whose sleeps end LATE seconds
    after their time (a busy machine), one lateness after the other, round and round."""

    def __init__(self, late: tuple[float, ...] = (0.0,)) -> None:
        self.now = 100.0
        self.late = late
        self.sleeps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds + self.late[self.sleeps % len(self.late)]
        self.sleeps += 1


def starts_of(
    rate: float, count: int, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> list[float]:
    """Return the times COUNT requests in a row start at, one after the other, at RATE."""
    monkeypatch.setattr("harvester.http.time.monotonic", clock.monotonic)
    monkeypatch.setattr("harvester.http.time.sleep", clock.sleep)
    limiter = RateLimiter(rate)
    starts = []
    for _ in range(count):
        limiter.wait()
        starts.append(clock.now)
    return starts


@pytest.mark.parametrize("rate", [10.0, 3.0, 1.0, 2.5, 0.5])
@pytest.mark.parametrize("late", [(0.0,), (0.0, 0.03, 0.0, 0.0, 0.095, 0.002), (0.05,)])
def test_the_rate_limiter_keeps_its_margin_over_every_window_of_starts(
    rate: float, late: tuple[float, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    starts = starts_of(rate, 60, FakeClock(late), monkeypatch)
    per = max(1, int(rate))
    # 1.1 * per / rate after the per-th start before, 1 / rate after the one before
    assert all(b - a >= 1.1 * per / rate - 1e-9 for a, b in zip(starts, starts[per:], strict=False))
    assert all(b - a >= 1 / rate - 1e-9 for a, b in zip(starts, starts[1:], strict=False))
    if rate == per:
        # so that no second holds more than the rate, arrivals up to 0.1 s late included
        assert busiest_second([s + 0.0999 * (n % 2) for n, s in enumerate(starts)]) <= rate


def test_a_sleep_that_ends_late_delays_its_request_not_every_later_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 120 requests at 10/s, sleeps on time: eleven windows of 1.1 s and nine starts 0.1 s apart
    on_time = starts_of(10, 120, FakeClock(), monkeypatch)
    assert on_time[-1] - on_time[0] == pytest.approx(13.0)
    # every sleep 10 ms late: 0.2 s more, where a schedule of a start 0.11 s after each real
    # start took 14.28 s (1.28 s more)
    late = starts_of(10, 120, FakeClock((0.01,)), monkeypatch)
    assert late[-1] - late[0] <= 13.0 + 0.25


def test_a_request_after_a_pause_starts_at_once() -> None:
    limiter = RateLimiter(10)
    limiter.wait()
    time.sleep(0.3)
    assert limiter.wait() == 0.0


def test_the_rate_without_a_key_is_three_and_with_a_key_ten(make_pubmed: MakePubMed) -> None:
    assert (
        make_pubmed("http://127.0.0.1:9", api_key=None, rate=None).settings.requests_per_second == 3
    )
    assert make_pubmed("http://127.0.0.1:9", rate=None).settings.requests_per_second == 10
    assert (
        make_pubmed("http://127.0.0.1:9", api_key=None, rate=50).settings.requests_per_second == 3
    )
    assert make_pubmed("http://127.0.0.1:9", rate=2).settings.requests_per_second == 2


@pytest.mark.parametrize("fault", ["500", "502", "503", "429", "reset", "truncate"])
def test_transient_faults_are_retried_until_the_batch_arrives_whole(
    replay: ReplayServer, make_pubmed: MakePubMed, fault: str
) -> None:
    replay.faults.fail_next(fault, times=2, endpoint="efetch")
    pmids = replay.corpus.search([])
    records, outcome = fetch_all(make_pubmed(replay.url), pmids)
    assert sorted(r.source_key for r in records) == sorted(pmids)
    assert outcome.unavailable == []
    assert len(replay.requests_to("efetch")) == 3


def test_retry_after_is_honoured_on_429(replay: ReplayServer, make_pubmed: MakePubMed) -> None:
    replay.faults.fail_next("429-retry-after", endpoint="esearch")
    started = time.monotonic()
    result = make_pubmed(replay.url, retry=RetryPolicy(attempts=3, base_delay=0.01)).search("x")
    assert time.monotonic() - started >= 1.0
    assert result.count == len(replay.corpus)


def test_retry_after_in_seconds_and_as_a_date() -> None:
    assert retry_after(httpx.Response(429, headers={"Retry-After": "7"})) == 7
    assert retry_after(httpx.Response(429)) is None
    dated = retry_after(
        httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    )
    assert dated == 0.0


def test_a_slow_server_times_out_and_is_retried(
    replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    replay.faults.fail_next("slow", endpoint="esearch")  # the first answer takes 5 s
    pubmed = make_pubmed(replay.url, timeout=0.3)
    started = time.monotonic()
    result = pubmed.search("anything")
    assert time.monotonic() - started < 3.0
    assert result.count == len(replay.corpus)


def test_a_source_that_keeps_failing_gives_up_with_a_temporary_error(
    replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    replay.faults.fail_next("503", times=10)
    with pytest.raises(SourceUnavailableError) as caught:
        make_pubmed(replay.url).search("baclofen")
    assert caught.value.exit_code == ExitCode.TEMPORARY
    assert "PubMed esearch failed after 4 attempts (last: HTTP 503)" in str(caught.value)
    assert len(replay.requests_to("esearch")) == 4


def test_the_total_wait_is_bounded(replay: ReplayServer, make_pubmed: MakePubMed) -> None:
    replay.faults.fail_next("503", times=50)
    policy = RetryPolicy(attempts=50, base_delay=0.2, max_delay=0.2, max_total_wait=0.5)
    started = time.monotonic()
    with pytest.raises(SourceUnavailableError):
        make_pubmed(replay.url, retry=policy).search("baclofen")
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("html200", "HTML page instead of JSON"),
        ("error200", "PubMed esearch refused the search: Search Backend failed"),
    ],
)
def test_an_error_document_inside_a_200_is_an_error_never_a_result(
    replay: ReplayServer, make_pubmed: MakePubMed, fault: str, message: str
) -> None:
    replay.faults.fail_next(fault, endpoint="esearch")
    with pytest.raises(SourceError, match=message):
        make_pubmed(replay.url).search("baclofen")
    assert len(replay.requests_to("esearch")) == 1


def test_an_error_inside_an_efetch_200_is_not_taken_for_records(
    replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    replay.faults.fail_next("error200", endpoint="efetch")
    with pytest.raises(SourceError, match="the source answered with an error: Empty result"):
        fetch_all(make_pubmed(replay.url), replay.corpus.search([])[:3])


def test_a_malformed_json_body_is_retried(replay: ReplayServer, make_pubmed: MakePubMed) -> None:
    replay.faults.fail_next("bad-json", endpoint="esearch")
    assert make_pubmed(replay.url).search("x").count == len(replay.corpus)


def test_tool_email_and_api_key_go_in_the_post_body_never_the_url_or_logs(
    replay: ReplayServer, make_pubmed: MakePubMed, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    replay.faults.fail_next("503", endpoint="esearch")
    pubmed = make_pubmed(replay.url, api_key="SECRET-KEY-42")
    pubmed.search("baclofen")
    fetch_all(pubmed, replay.corpus.search([])[:2])
    for request in replay.log:
        assert request.params["tool"] == "itb"
        assert request.params["email"] == "tests@example.org"
        assert request.params["api_key"] == "SECRET-KEY-42"
    assert "SECRET-KEY-42" not in caplog.text
    assert "SECRET-KEY-42" not in repr(pubmed.settings)


def test_missing_pmids_are_retried_one_by_one_then_reported(
    replay: ReplayServer, make_pubmed: MakePubMed
) -> None:
    pmids = replay.corpus.search([])[:5]
    replay.faults.unavailable = {pmids[1], pmids[3]}
    records, outcome = fetch_all(make_pubmed(replay.url), pmids)
    assert sorted(outcome.unavailable) == sorted([pmids[1], pmids[3]])
    assert len(records) == 3
    singles = [r for r in replay.requests_to("efetch") if "," not in r.params["id"]]
    assert sorted(r.params["id"] for r in singles) == sorted(outcome.unavailable)


def test_rate_limits_are_per_source_even_when_sources_share_a_host() -> None:
    from harvester.http import RATE_KEY

    limits = RateLimits({"pubmed": 1000.0, "ctgov": 0.5, "mirror.example.org": 0.5})
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="ok"))
    with make_client(limits, transport=transport) as client:
        client.get("https://mirror.example.org/api/v2/studies", extensions={RATE_KEY: "ctgov"})
        started = time.monotonic()
        for _ in range(5):
            client.get(
                "https://mirror.example.org/eutils/esearch.fcgi", extensions={RATE_KEY: "pubmed"}
            )
        assert time.monotonic() - started < 1.0  # not held to ctgov's, nor the host's, 0.5/s
        started = time.monotonic()
        client.get("https://mirror.example.org/api/v2/studies", extensions={RATE_KEY: "ctgov"})
        assert time.monotonic() - started > 1.0  # ctgov keeps its own 0.5/s
        started = time.monotonic()
        client.get("https://mirror.example.org/other")  # no source named: the host's limit
        client.get("https://mirror.example.org/other")
        assert time.monotonic() - started > 1.0
