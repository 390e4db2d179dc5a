"""ClinicalTrials.gov API v2: /studies paged by nextPageToken, /studies/{id}, /version.

fetch_* functions do I/O through the shared client (harvester.http); parsing lives in
harvester.ctgov_json. The registry publishes no rate limit: about 1 request/s is the safe
default, with backoff on 429, 403 and 5xx.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import httpx

from harvester.ctgov_json import iter_studies, split_page, study_records
from harvester.errors import FileFormatError, SourceError, TruncatedBodyError
from harvester.http import RATE_KEY, RETRY_STATUSES, RetryableError, RetryPolicy, send
from harvester.limits import DEFAULT_CTGOV_RATE, DEFAULT_CTGOV_URL, MAX_CTGOV_PAGE_SIZE
from harvester.records import RawRecord

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_RATE = DEFAULT_CTGOV_RATE
MAX_PAGE_SIZE = MAX_CTGOV_PAGE_SIZE
# The registry answers 403 when it throttles, as well as 429: both are retried.
CTGOV_RETRY_STATUSES = RETRY_STATUSES | {403}
MAX_RESTARTS = 2
# From this size a page's reading takes long enough to be worth overlapping with the next
# request (a 1,000-study page of 26 MB takes half a second; one of 1 MB, 20 ms)
EARLY_FROM = 1 << 20
EMPTY_PAGES_LIMIT = 5


@dataclass(frozen=True)
class CtgovSettings:
    """Where and how to call the ClinicalTrials.gov API."""

    base_url: str = DEFAULT_CTGOV_URL
    rate: float = DEFAULT_RATE
    page_size: int = MAX_PAGE_SIZE
    retry: RetryPolicy = RetryPolicy()

    @property
    def host(self) -> str:
        """Return the host name of the API base URL."""
        return httpx.URL(self.base_url).host


@dataclass
class StudiesOutcome:
    """What paging through /studies brought: the count announced, the studies received."""

    total: int | None = None
    received: int = 0
    pages: int = 0


def since_filter(existing: str | None, since: date) -> str:
    """Return filter.advanced restricted to studies updated since SINCE (ANDed with EXISTING)."""
    window = f"AREA[LastUpdatePostDate]RANGE[{since.isoformat()},MAX]"
    return f"({existing}) AND {window}" if existing else window


class ClinicalTrials:
    """The ClinicalTrials.gov API v2 over one shared client."""

    def __init__(self, client: httpx.Client, settings: CtgovSettings) -> None:
        self.client = client
        self.settings = settings
        self.calls = 0
        self._counting = threading.Lock()  # a page asked for early runs beside another

    def _get(
        self, path: str, params: Mapping[str, str], check: Callable[[httpx.Response], Any]
    ) -> Any:
        with self._counting:
            self.calls += 1
        return send(
            self.client,
            "GET",
            f"{self.settings.base_url.rstrip('/')}{path}",
            check,
            policy=self.settings.retry,
            what=f"ClinicalTrials.gov {path.split('?')[0]}",
            retry_statuses=CTGOV_RETRY_STATUSES,
            params=dict(params),
            extensions={RATE_KEY: "ctgov"},
        )

    def fetch_version(self) -> dict[str, Any]:
        """Return the API version and the data timestamp (when the registry data were cut)."""
        version: dict[str, Any] = self._get("/version", {}, _check_version)
        return version

    def fetch_studies(
        self, params: Mapping[str, str], on_page: Callable[[list[RawRecord]], None]
    ) -> StudiesOutcome:
        """Page through /studies with PARAMS, handing each page's records to ON_PAGE.

        Every page repeats the same parameters (only pageToken and countTotal change), as
        the API asks; tokens are used once and never kept. The next page is asked for (in a
        thread of its own, the rate limiter the clock) as soon as a page's token is known,
        so that the registry prepares it while ON_PAGE stores the page before. From
        EARLY_FROM bytes, a page whose last key is its nextPageToken has the page after it
        asked for on that token before it is read itself (reading 1,000 studies overlaps
        the next request; one page at most waits ahead, a page asked for on a token the
        page read in full does not name is dropped, and no token is sent twice). A later
        page refused after a retry (its token may be spent) restarts the listing from the
        first page, at most MAX_RESTARTS times, and studies already
        handed over are not handed over again. A run of EMPTY_PAGES_LIMIT pages with no
        study but a next-page token is an error.
        """
        outcome = StudiesOutcome()
        base = {**params, "format": "json", "pageSize": str(self.settings.page_size)}
        Page = Future[tuple[dict[str, Any], list[RawRecord]]]
        # Pages asked for on the token a page's last bytes name, before the page is read
        # (reading 1,000 studies takes about half a second): by token, each asked for once.
        early: dict[str, Page] = {}
        lock = threading.Lock()

        def ask(token: str | None) -> Page:
            page = {**base, "countTotal": "true"} if token is None else {**base, "pageToken": token}

            def check(response: httpx.Response) -> tuple[dict[str, Any], list[RawRecord]]:
                following = None
                if len(response.content) >= EARLY_FROM:
                    following = last_page_token(response.text)
                if following is not None:
                    with lock:
                        # one page at most waits to be taken besides this one (itself
                        # asked for early, perhaps): the pages ahead stay bounded
                        if following not in early and set(early) <= {token}:
                            early[following] = ask(following)
                return _check_page(response)

            return _in_background(lambda: self._get("/studies", page, check))

        def next_page(token: str) -> Page:
            with lock:
                found = early.pop(token, None)
                if found is None:
                    # (asked for on a token the page read in full does not name: unused)
                    early.clear()
            return found or ask(token)

        token: str | None = None
        pending = ask(token)
        seen: set[str] = set()
        restarts = empty = 0
        while True:
            try:
                others, records = pending.result()
            except SourceError as exc:
                if token is None or restarts >= MAX_RESTARTS or exc.exit_code != 3:
                    raise
                restarts += 1
                log.warning(
                    "ClinicalTrials.gov: page %d was refused (%s); restarting the listing from "
                    "the first page (%d of %d), %d studies already received are skipped",
                    outcome.pages + 1, exc, restarts, MAX_RESTARTS, len(seen),
                )  # fmt: skip
                token = None
                with lock:
                    early.clear()
                pending = ask(token)
                continue
            outcome.pages += 1
            if token is None and isinstance(others.get("totalCount"), int):
                outcome.total = others["totalCount"]
            fresh = [r for r in records if r.source_key not in seen]
            seen.update(r.source_key for r in fresh)
            outcome.received += len(fresh)
            token = others.get("nextPageToken")
            empty = 0 if records else empty + 1
            if token and empty < EMPTY_PAGES_LIMIT:
                pending = next_page(token)
            on_page(fresh)
            if not token:
                return outcome
            if empty >= EMPTY_PAGES_LIMIT:
                raise SourceError(
                    f"ClinicalTrials.gov sent {empty} pages in a row with no study but a "
                    "next-page token; stopped there. Check ITB_CTGOV_URL and try again later"
                )

    def fetch_study(self, nct_id: str) -> RawRecord:
        """Return one study by NCT id; an alias id is followed to the study it now names."""
        records: list[RawRecord] = self._get(f"/studies/{nct_id}", {"format": "json"}, _check_study)
        (record,) = records
        if record.source_key != nct_id.upper():
            log.info("ClinicalTrials.gov: %s is an alias of %s", nct_id, record.source_key)
        return record


_LAST_TOKEN = re.compile(r'[{,]\s*"nextPageToken"\s*:\s*"([A-Za-z0-9_=+/.-]+)"\s*}\s*$')


def last_page_token(text: str) -> str | None:
    """Return the nextPageToken a /studies page names as its last key (where the registry
    writes it), read from its last bytes alone, or None. A JSON string cannot hold an
    unescaped quote, so this is the page's own key whenever the page is whole; the page
    read in full decides (a page asked for on a token it does not name is never used)."""
    found = _LAST_TOKEN.search(text, max(0, len(text) - 4096))
    return found.group(1) if found else None


def _in_background(call: Callable[[], _T]) -> Future[_T]:
    """Run CALL in a daemon thread; return its future. A run that ends early (an error in
    storing, Ctrl-C) leaves it to finish alone: it only fetches, and what it brings is
    dropped."""
    future: Future[_T] = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(call())
        except BaseException as exc:  # handed to whoever waits for the result
            future.set_exception(exc)

    threading.Thread(target=run, name="ctgov-page", daemon=True).start()
    return future


def _check_version(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise RetryableError("/version answered with a body that is not JSON") from None
    if not isinstance(body, dict) or "dataTimestamp" not in body:
        raise SourceError(
            "ClinicalTrials.gov /version answered without dataTimestamp; check ITB_CTGOV_URL"
        )
    return body


def _check_page(response: httpx.Response) -> tuple[dict[str, Any], list[RawRecord]]:
    text = response.text
    if not text.lstrip().startswith("{"):
        raise SourceError(
            "ClinicalTrials.gov answered with something that is not a JSON page "
            f"({' '.join(text[:80].split())!r}); check ITB_CTGOV_URL and try again later"
        )
    origin = "ClinicalTrials.gov /studies"
    try:
        others, studies = split_page(text, origin)
        if studies is None:
            raise SourceError(f"ClinicalTrials.gov answered without studies: {text[:200]}")
        records = list(study_records(studies, origin, datetime.now(UTC)))
    except TruncatedBodyError as exc:
        raise RetryableError(str(exc)) from None
    except FileFormatError as exc:
        raise SourceError(str(exc)) from None
    return others, records


def _check_study(response: httpx.Response) -> list[RawRecord]:
    try:
        records = list(iter_studies(response.text, "ClinicalTrials.gov study", datetime.now(UTC)))
    except TruncatedBodyError as exc:
        raise RetryableError(str(exc)) from None
    except FileFormatError as exc:
        raise SourceError(str(exc)) from None
    if len(records) != 1:
        raise SourceError("ClinicalTrials.gov /studies/{id} answered with no single study")
    return records
