"""PubMed over NCBI E-utilities: esearch (with date-window splitting) and efetch in batches.

fetch_* functions do I/O through the shared client (harvester.http); parsing lives in
harvester.pubmed_xml. Requests are POSTs: long id lists and terms fit, and the API key
never appears in a URL.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import marshal
import pickle
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import httpx

from harvester.errors import (
    ErrorDocumentError,
    SourceError,
    TemporaryError,
    TruncatedBodyError,
)
from harvester.http import RATE_KEY, RetryableError, RetryPolicy, send
from harvester.limits import DEFAULT_EUTILS_URL, EFETCH_IN_FLIGHT, usable_cores
from harvester.pubmed_xml import DeletedCitations, check_article_set, iter_pubmed_xml
from harvester.records import RawRecord
from harvester.secrets import register_secret

ParseResult = list[RawRecord | DeletedCitations]

log = logging.getLogger(__name__)

RETRIEVABLE_CAP = 9999
RATE_WITHOUT_KEY = 3.0
RATE_WITH_KEY = 10.0
EARLIEST = date(1781, 1, 1)  # older than any PubMed create date
PREFETCH = 2  # batches fetched ahead of the one being stored
STOP_WAIT = 1.0  # seconds a stopped harvest waits for its download and parse stages
PARSE_PROCESS_FROM = 2_000  # PMIDs from which batches are parsed in a process of their own
PARSE_PROCESSES = 2  # at most: two keep up with 10 requests/s of 200 records on this machine


@dataclass(frozen=True)
class EutilsSettings:
    """Where and how to call E-utilities; the API key is kept out of repr and logs."""

    base_url: str = DEFAULT_EUTILS_URL
    tool: str = "itb"
    email: str | None = None
    api_key: str | None = field(default=None, repr=False)
    rate: float | None = None
    batch_size: int = 200
    in_flight: int = EFETCH_IN_FLIGHT  # efetch requests under way at once
    retry: RetryPolicy = RetryPolicy()
    # PubMed lists at most 9,999 records of a search; tests lower it to exercise splitting.
    retrievable_cap: int = RETRIEVABLE_CAP

    def __post_init__(self) -> None:
        register_secret(self.api_key)

    @property
    def host(self) -> str:
        """Return the host name of the E-utilities base URL."""
        return httpx.URL(self.base_url).host

    @property
    def requests_per_second(self) -> float:
        """Return the rate to keep: NCBI's limit (3/s, 10/s with a key) or a lower one asked."""
        ceiling = RATE_WITH_KEY if self.api_key else RATE_WITHOUT_KEY
        return min(self.rate, ceiling) if self.rate else ceiling

    def identity(self) -> dict[str, str]:
        """Return tool, email and api_key, the parameters NCBI wants on every call."""
        params = {"tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        return params


@dataclass(frozen=True, slots=True)
class DateWindow:
    """A closed range of days on one PubMed date field (crdt: created, mdat: modified)."""

    field: str
    start: date
    end: date

    def term(self) -> str:
        """Return the window as a PubMed search term."""
        return f'("{self.start:%Y/%m/%d}"[{self.field}] : "{self.end:%Y/%m/%d}"[{self.field}])'

    def halves(self) -> tuple[DateWindow, DateWindow]:
        """Return the window cut in two at its middle day."""
        middle = self.start + (self.end - self.start) // 2
        return (
            DateWindow(self.field, self.start, middle),
            DateWindow(self.field, middle + timedelta(days=1), self.end),
        )


def windowed(query: str, window: DateWindow | None) -> str:
    """Return QUERY restricted to WINDOW, as sent to esearch."""
    return f"({query}) AND {window.term()}" if window else query


@dataclass
class SearchResult:
    """What one search found: PMIDs, the count PubMed reported, and every gap, explained."""

    query: str
    count: int
    translation: str | None
    pmids: list[str]
    windows: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


@dataclass
class FetchOutcome:
    """The PMIDs a fetch could not get, and PMIDs NLM deleted, seen on the way."""

    unavailable: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


class PubMed:
    """E-utilities for PubMed over one shared client."""

    def __init__(self, client: httpx.Client, settings: EutilsSettings) -> None:
        self.client = client
        self.settings = settings
        self.calls = 0
        self._counting = threading.Lock()  # efetch requests run in several threads at once
        if not settings.email:
            log.warning(
                "NCBI asks E-utilities users for a contact email; set [ncbi] email in "
                "itb.toml or NCBI_EMAIL"
            )

    def _post(self, tool: str, data: dict[str, str], check: Callable[[httpx.Response], Any]) -> Any:
        with self._counting:
            self.calls += 1
        url = f"{self.settings.base_url.rstrip('/')}/{tool}.fcgi"
        return send(
            self.client,
            "POST",
            url,
            check,
            policy=self.settings.retry,
            what=f"PubMed {tool}",
            data={**data, **self.settings.identity()},
            extensions={RATE_KEY: "pubmed"},
        )

    def fetch_esearch(
        self, term: str, retmax: int = RETRIEVABLE_CAP
    ) -> tuple[int, list[str], str | None]:
        """Return (count, PMIDs, query translation) for TERM, at most RETMAX PMIDs."""
        limit = self.settings.retrievable_cap if retmax is None else retmax
        data = {"db": "pubmed", "term": term, "retmode": "json", "retmax": str(limit)}
        result: tuple[int, list[str], str | None] = self._post("esearch", data, parse_esearch_json)
        return result

    def search(self, query: str, window: DateWindow | None = None) -> SearchResult:
        """Return every PMID matching QUERY (within WINDOW), splitting past the 9,999 cap."""
        count, pmids, translation = self.fetch_esearch(windowed(query, window))
        result = SearchResult(windowed(query, window), count, translation, [])
        if count <= self.settings.retrievable_cap:
            result.pmids = pmids
            result.windows.append(_window_log(window, count, len(pmids)))
            if len(pmids) != count:
                result.gaps.append(
                    f"PubMed reported {count} records but listed {len(pmids)} "
                    f"for {window.term() if window else 'the whole search'}"
                )
            return result
        whole = window or DateWindow("crdt", EARLIEST, datetime.now(UTC).date())
        seen: set[str] = set()
        for part in self._split(query, whole, count):
            for pmid in part.pmids:
                if pmid not in seen:
                    seen.add(pmid)
                    result.pmids.append(pmid)
            result.windows.extend(part.windows)
            result.gaps.extend(part.gaps)
        return result

    def _split(self, query: str, window: DateWindow, count: int) -> Iterator[SearchResult]:
        """Bisect WINDOW until each part lists under the cap; yield each part's result."""
        if count <= self.settings.retrievable_cap:
            yield self.search(query, window)
            return
        if window.start >= window.end:
            _, pmids, _ = self.fetch_esearch(windowed(query, window))
            yield SearchResult(
                windowed(query, window),
                count,
                None,
                pmids,
                [_window_log(window, count, len(pmids))],
                [
                    f"{count - len(pmids)} records of {window.start:%Y-%m-%d} cannot be listed: "
                    f"PubMed lists at most {self.settings.retrievable_cap} per search and one day "
                    "cannot be split further; narrow the query"
                ],
            )
            return
        for half in window.halves():
            half_count, _, _ = self.fetch_esearch(windowed(query, half), retmax=0)
            if half_count:
                yield from self._split(query, half, half_count)

    def fetch_records(
        self,
        pmids: Sequence[str],
        outcome: FetchOutcome,
        on_batch: Callable[[list[RawRecord]], None],
    ) -> None:
        """Fetch PMIDS in POST batches and hand each batch's records to ON_BATCH.

        Every requested PMID must come back; missing ones are retried one by one, then
        listed in OUTCOME.unavailable. Three stages overlap, joined by bounded queues (at
        most ``PREFETCH`` batches each, so memory stays flat): threads download batches as
        fast as the rate limit allows (the only clock), up to ``in_flight`` requests under
        way at once and handed on in order, a thread parses them, and the caller's thread
        stores them. From ``PARSE_PROCESS_FROM`` PMIDs on a machine with
        several cores the parsing itself runs in processes of its own (``PARSE_PROCESSES``
        at most, each with a body at hand), so that it does not share one core with
        storing, and keeps up with the rate limit. A batch reaches ON_BATCH whole and
        parsed, or not at all; a failure in any stage stops the others and is raised here.
        """
        with _body_parser(len(pmids)) as (submit, ahead, ended):
            self._fetch_overlapped(pmids, outcome, on_batch, submit, ahead, ended)

    def _fetch_overlapped(
        self,
        pmids: Sequence[str],
        outcome: FetchOutcome,
        on_batch: Callable[[list[RawRecord]], None],
        submit: _Submit,
        ahead: int,
        ended: Callable[[], None],
    ) -> None:
        size = max(1, self.settings.batch_size)
        batches = [list(pmids[i : i + size]) for i in range(0, len(pmids), size)]
        Parsed = tuple[list[str], ParseResult]
        bodies: queue.Queue[tuple[list[str], bytes] | BaseException | None] = queue.Queue(PREFETCH)
        parsed: queue.Queue[Parsed | BaseException | None] = queue.Queue(PREFETCH)
        stop = threading.Event()

        def download() -> None:
            try:
                _download_in_order(
                    batches,
                    lambda batch: self._post("efetch", _efetch_data(batch), check_efetch),
                    bodies,
                    stop,
                    self.settings.in_flight,
                )
            except _Stopped:
                return
            except BaseException as exc:  # handed on, raised in the caller's thread
                with contextlib.suppress(_Stopped):
                    _put(bodies, exc, stop)

        def parse() -> None:
            # AHEAD bodies are handed to the parser before a batch's records are taken, so
            # that a parser in another process always has the next body at hand.
            started: deque[tuple[list[str], Callable[[], ParseResult]]] = deque()

            def finish() -> None:
                batch, result = started.popleft()
                try:
                    found = result()
                except RetryableError:  # damaged past the quick check: fetch it again
                    found = self._post("efetch", _efetch_data(batch), parse_efetch)
                _put(parsed, (batch, found), stop)

            try:
                while (item := _get(bodies, stop)) is not None:
                    if isinstance(item, BaseException):
                        _put(parsed, item, stop)
                        return
                    batch, body = item
                    started.append((batch, submit(body)))
                    if len(started) > ahead:
                        finish()
                ended()
                while started:
                    finish()
                _put(parsed, None, stop)
            except _Stopped:
                return
            except BaseException as exc:  # handed to the caller's thread, raised there
                with contextlib.suppress(_Stopped):
                    _put(parsed, exc, stop)

        workers = [
            threading.Thread(target=download, name="pubmed-efetch", daemon=True),
            threading.Thread(target=parse, name="pubmed-parse", daemon=True),
        ]
        for worker in workers:
            worker.start()
        try:
            while (item := parsed.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                batch, found = item
                on_batch(self._complete(batch, found, outcome))
        finally:
            # The stages see the stop within a moment unless a request or a parse is under
            # way; they are not waited for longer (they hold no database connection, and
            # a request may wait out a long Retry-After): Ctrl-C ends a harvest at once.
            stop.set()
            deadline = time.monotonic() + STOP_WAIT
            for worker in workers:
                worker.join(max(0.0, deadline - time.monotonic()))

    def _complete(
        self, batch: list[str], found: list[RawRecord | DeletedCitations], outcome: FetchOutcome
    ) -> list[RawRecord]:
        """Return a batch's records, fetching the PMIDs it lacked one by one."""
        records = self._records(found, outcome)
        returned = {r.source_key for r in records}
        missing = [p for p in batch if p not in returned]
        for pmid in missing:
            single = self._records(
                self._post("efetch", _efetch_data([pmid]), parse_efetch), outcome
            )
            if single:
                records.extend(single)
            else:
                outcome.unavailable.append(pmid)
        if missing:
            log.info("PubMed: %d of %d PMIDs missing from a batch", len(missing), len(batch))
        return records

    @staticmethod
    def _records(
        found: list[RawRecord | DeletedCitations], outcome: FetchOutcome
    ) -> list[RawRecord]:
        records = []
        for item in found:
            if isinstance(item, DeletedCitations):
                outcome.deleted.extend(item.pmids)
            else:
                records.append(item)
        return records


_Submit = Callable[[bytes], Callable[[], ParseResult]]
_Item = TypeVar("_Item")


class _Stopped(Exception):
    """The harvest stopped: a stage ends without handing anything on."""


def _put(channel: queue.Queue[_Item], item: _Item, stop: threading.Event) -> None:
    """Put ITEM on CHANNEL, waiting for room unless the harvest stops (then _Stopped)."""
    while True:
        try:
            channel.put(item, timeout=0.05)
            return
        except queue.Full:
            if stop.is_set():
                raise _Stopped from None


def _get(channel: queue.Queue[_Item], stop: threading.Event) -> _Item:
    """Take the next item of CHANNEL, waiting for one unless the harvest stops (_Stopped)."""
    while True:
        try:
            return channel.get(timeout=0.05)
        except queue.Empty:
            if stop.is_set():
                raise _Stopped from None


def _download_in_order(
    batches: list[list[str]],
    fetch: Callable[[list[str]], bytes],
    out: queue.Queue[tuple[list[str], bytes] | BaseException | None],
    stop: threading.Event,
    in_flight: int,
) -> None:
    """Fetch BATCHES with up to IN_FLIGHT requests under way and put (batch, body) on OUT in
    the batches' order, then None; a failed batch puts its exception in its place and ends
    the downloads (the batches before it are put first). Raises _Stopped when STOP is set.

    At most IN_FLIGHT bodies are downloading or waiting for an earlier batch, so memory stays
    bounded; every request passes the shared rate limiter, which alone sets the pace.
    """
    width = max(1, in_flight)
    done: dict[int, bytes | BaseException] = {}
    ready = threading.Condition()
    slots = threading.Semaphore(width)
    cursor = iter(enumerate(batches))

    def worker() -> None:
        while True:
            while not slots.acquire(timeout=0.05):
                if stop.is_set():
                    return
            with ready:
                taken = next(cursor, None)
            if taken is None or stop.is_set():
                slots.release()
                return
            index, batch = taken
            result: bytes | BaseException
            try:
                result = fetch(batch)
            except BaseException as exc:  # put in the batch's place, raised by the caller
                result = exc
            with ready:
                done[index] = result
                ready.notify_all()
            if isinstance(result, BaseException):
                return

    # Daemon threads: a stopped harvest does not wait for a request that is waiting out a
    # long Retry-After. Batches are taken in order, so every batch before a failed one is
    # taken and answers.
    for number in range(min(width, len(batches))):
        threading.Thread(target=worker, name=f"pubmed-efetch-{number}", daemon=True).start()
    for index, batch in enumerate(batches):
        with ready:
            while index not in done:
                if stop.is_set():
                    raise _Stopped
                ready.wait(0.05)
            result = done.pop(index)
        if isinstance(result, BaseException):  # the workers still fetching end on the stop
            _put(out, result, stop)
            return
        _put(out, (batch, result), stop)
        slots.release()
    _put(out, None, stop)


@contextmanager
def _body_parser(count: int) -> Iterator[tuple[_Submit, int, Callable[[], None]]]:
    """Yield (submit, ahead, ended): submit(body) starts parsing an efetch body and returns the
    call that gives its records (or raises what parsing raised); AHEAD is how many more bodies
    are worth submitting before taking a result; ended() says no body will follow, so that
    the parsing processes end as soon as the last is parsed, while its records are stored
    (their ending took 0.2 s after the last batch was stored). For PARSE_PROCESS_FROM PMIDs
    or more (COUNT) on a machine with several cores, bodies are parsed in processes
    started fresh (nothing of this process's threads or connections is inherited): one per
    core up to PARSE_PROCESSES, each handed a body ahead so that none is idle, the results
    taken in the order the bodies came; otherwise here, when the records are asked for. The
    records are the same either way. (One process parsed 200 records in 0.1 s of its core,
    as long as the rate limit of 10 requests/s leaves: any pause kept the harvest behind the
    limit; two left 20,000 records 1.12-1.25x the floor where one left 1.41x.)"""
    if count < PARSE_PROCESS_FROM or usable_cores() < 2:

        def here(body: bytes) -> Callable[[], ParseResult]:
            return lambda: parse_efetch_body(body)

        yield here, 0, lambda: None
        return
    from multiprocessing import get_context

    processes = min(PARSE_PROCESSES, usable_cores())
    with ProcessPoolExecutor(
        processes, mp_context=get_context("spawn"), initializer=start_parser
    ) as pool:

        def elsewhere(body: bytes) -> Callable[[], ParseResult]:
            try:
                future: Future[bytes] = pool.submit(parse_to_wire, body)
            except BrokenExecutor:
                raise _parser_lost() from None

            def result() -> ParseResult:
                try:
                    return parse_from_wire(future.result())
                except BrokenExecutor:
                    raise _parser_lost() from None

            return result

        try:
            yield elsewhere, processes, lambda: pool.shutdown(wait=False)
        except BaseException:
            # (Ctrl-C or a failure: the bodies not yet begun are dropped, those under way
            # are let finish, and the processes end)
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def start_parser() -> None:
    """Set up the parsing process. Ctrl-C is its parent's to handle: a SIGINT sent to the
    whole process group used to end the parser in the middle of a message on its pipes,
    and the parent then waited for the rest of it for ever. The parser makes and drops many
    small objects a batch: the cyclic collector, run every 700 of them by default, would
    cost it a tenth of its time for nothing (parsed records hold no cycles)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(100_000)


def _parser_lost() -> TemporaryError:
    return TemporaryError(
        "the process parsing PubMed batches ended before it answered (killed, or out of "
        "memory?); nothing of the unparsed batches was stored: run the harvest again"
    )


def parse_to_wire(body: bytes) -> bytes:
    """Parse an efetch body (in the parsing process) and pack its records for the way back.

    marshal packs plain values (the fields are JSON-like) in less than half pickle's time;
    a value it cannot pack sends the batch by pickle instead. parse_from_wire gives back
    records equal to parse_efetch_body's.
    """
    items: list[tuple[Any, ...]] = []
    for item in parse_efetch_body(body):
        if isinstance(item, DeletedCitations):
            items.append(("deleted", item.pmids))
            continue
        items.append(
            (
                "record",
                item.source,
                item.source_name,
                item.source_key,
                item.raw_format,
                item.raw_payload,
                dict(item.fields),
                item.source_version,
                item.fetched_at.isoformat(),
            )
        )
    try:
        return b"m" + marshal.dumps(items)
    except ValueError:  # a value marshal does not know
        return b"p" + pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)


def parse_from_wire(data: bytes) -> ParseResult:
    """Unpack what parse_to_wire packed (in this program's own parsing process)."""
    found: ParseResult = []
    times: dict[str, datetime] = {}
    packed = memoryview(data)[1:]
    items = marshal.loads(packed) if data[:1] == b"m" else pickle.loads(packed)  # noqa: S301
    for item in items:
        if item[0] == "deleted":
            found.append(DeletedCitations(item[1]))
            continue
        _, source, name, key, raw_format, payload, fields, version, when = item
        fetched_at = times.get(when) or times.setdefault(when, datetime.fromisoformat(when))
        found.append(
            RawRecord(
                source=source,
                source_name=name,
                source_key=key,
                raw_format=raw_format,
                raw_payload=payload,
                fields=fields,
                source_version=version,
                fetched_at=fetched_at,
            )
        )
    return found


def _efetch_data(pmids: list[str]) -> dict[str, str]:
    return {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"}


def _window_log(window: DateWindow | None, count: int, listed: int) -> dict[str, Any]:
    return {
        "field": window.field if window else None,
        "start": window.start.isoformat() if window else None,
        "end": window.end.isoformat() if window else None,
        "count": count,
        "listed": listed,
    }


def parse_esearch_json(response: httpx.Response) -> tuple[int, list[str], str | None]:
    """Return (count, PMIDs, query translation) from an esearch JSON response."""
    try:
        # NCBI's error texts have been seen to hold raw newlines: parse leniently.
        body = json.loads(response.text, strict=False)
        result = body["esearchresult"]
    except (ValueError, KeyError, TypeError):
        if response.text.lstrip().startswith("<"):
            raise SourceError(
                "PubMed esearch answered with an HTML page instead of JSON (blocked or an "
                "error page); check ITB_EUTILS_URL and try again later"
            ) from None
        raise RetryableError("esearch answered with a truncated or malformed JSON body") from None
    if "ERROR" in result:
        raise SourceError(f"PubMed esearch refused the search: {result['ERROR']}")
    try:
        count = int(result["count"])
        pmids = [str(p) for p in result.get("idlist", [])]
    except (KeyError, ValueError, TypeError):
        raise RetryableError("esearch JSON lacks count or idlist") from None
    return count, pmids, result.get("querytranslation")


def check_efetch(response: httpx.Response) -> bytes:
    """Return an efetch body after a quick check: a whole PubmedArticleSet, not an error."""
    try:
        check_article_set(response.content, origin="PubMed efetch")
    except TruncatedBodyError as exc:
        raise RetryableError(str(exc)) from None
    except ErrorDocumentError as exc:
        raise SourceError(f"{exc}; check the request and ITB_EUTILS_URL") from None
    return response.content


def parse_efetch(response: httpx.Response) -> list[RawRecord | DeletedCitations]:
    """Return the records of an efetch XML response; truncation is retryable."""
    return parse_efetch_body(response.content)


def parse_efetch_body(body: bytes) -> list[RawRecord | DeletedCitations]:
    """Return the records of an efetch XML body; truncation is retryable."""
    fetched_at = datetime.now(UTC)
    try:
        return list(iter_pubmed_xml([body], fetched_at, origin="PubMed efetch"))
    except TruncatedBodyError as exc:
        raise RetryableError(str(exc)) from None
    except ErrorDocumentError as exc:
        raise SourceError(f"{exc}; check the request and ITB_EUTILS_URL") from None
