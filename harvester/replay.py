"""A local server (loopback only) that speaks E-utilities like NCBI, from a folder of records.

For tests, benchmarks and the offline demo. It serves esearch (JSON and XML, usehistory),
efetch (by id list or WebEnv, GET or POST) and epost with the real semantics: paging,
the 9,999 retrievable cap (HTTP 400 + <ERROR> past it), date windows in the term
(``("2025/03/01"[crdt] : "2025/03/04"[crdt])``, also mdat) and mindate/maxdate, and
switchable faults: an enforced rate limit answering 429 like NCBI (with or without
Retry-After), 5xx bursts, connection resets mid-body, truncated XML, error documents
inside a 200, HTML pages inside a 200, expired WebEnvs, slow responses, and PMIDs that
efetch never returns. Every record matches every query; only date windows filter.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import secrets
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from harvester.ctgov_json import iter_studies, split_page
from harvester.pubmed_xml import DeletedCitations, create_date, iter_pubmed_xml

CAP = 9999
CTGOV_PREFIX = "/api/v2"
_RANGE = re.compile(r'\(\s*"(\d{4}/\d{2}/\d{2})"\[(\w+)\]\s*:\s*"(\d{4}/\d{2}/\d{2})"\[\w+\]\s*\)')
_XML_HEAD = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
    b"<PubmedArticleSet>\n"
)
_XML_TAIL = b"</PubmedArticleSet>\n"
FAULT_KINDS = (
    "500",
    "502",
    "503",
    "429",
    "429-retry-after",
    "reset",
    "truncate",
    "error200",
    "html200",
    "bad-json",
    "slow",
    "expire-webenv",
    "403",
    "400",
    "empty-page",
)


@dataclass
class StoredArticle:
    """One article the server holds: its XML and the dates windows filter on."""

    pmid: str
    xml: bytes
    created: date
    modified: date


def _day(text: str | None, default: date) -> date:
    if not text:
        return default
    parts = [int(p) for p in re.findall(r"\d+", text)[:3]]
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(parts[0], parts[1] or 1, parts[2] or 1)
    except ValueError:
        return default


class PubMedCorpus:
    """The records the server answers with, by PMID; thread-safe, changeable while serving."""

    def __init__(self) -> None:
        self._articles: dict[str, StoredArticle] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._articles)

    def add_xml(
        self, payload: bytes, created: date | None = None, modified: date | None = None
    ) -> list[str]:
        """Add every article of a PubmedArticleSet; return their PMIDs."""
        added = []
        for item in iter_pubmed_xml([payload], origin="replay corpus"):
            if isinstance(item, DeletedCitations):
                continue
            fields = dict(item.fields)
            made = created or _day(create_date(fields), date(2000, 1, 1))
            changed = modified or _day(fields.get("date_revised"), made)
            self.add(item.source_key, item.raw_payload.encode("utf-8"), made, max(made, changed))
            added.append(item.source_key)
        return added

    def add(self, pmid: str, xml: bytes, created: date, modified: date) -> None:
        """Add or replace one article."""
        with self._lock:
            self._articles[pmid] = StoredArticle(pmid, xml, created, modified)

    def load_folder(self, folder: Path) -> int:
        """Add each *.xml PubmedArticleSet in FOLDER (other XML is passed over); return how many."""
        added = 0
        for path in sorted(folder.glob("*.xml")):
            payload = path.read_bytes()
            if b"<PubmedArticleSet" in payload[:2048]:
                added += len(self.add_xml(payload))
        return added

    def remove(self, pmid: str) -> None:
        """Forget one article."""
        with self._lock:
            self._articles.pop(pmid, None)

    def search(self, windows: Iterable[tuple[str, date, date]]) -> list[str]:
        """Return the PMIDs inside every window, newest PMID first (as PubMed's date order)."""
        windows = list(windows)
        with self._lock:
            articles = list(self._articles.values())
        found = []
        for article in articles:
            ok = True
            for kind, start, end in windows:
                day = article.modified if kind in ("mdat", "lr") else article.created
                if not start <= day <= end:
                    ok = False
                    break
            if ok:
                found.append(article.pmid)
        return sorted(found, key=lambda p: int(p) if p.isdigit() else 0, reverse=True)

    def get(self, pmid: str) -> StoredArticle | None:
        """Return one article, or None."""
        with self._lock:
            return self._articles.get(pmid)


class StudyCorpus:
    """The registry studies the server answers with: JSON text verbatim, by NCT id."""

    def __init__(self) -> None:
        self._texts: dict[str, bytes] = {}
        self._updated: dict[str, date] = {}
        self._aliases: dict[str, str] = {}
        self._lock = threading.Lock()
        self.data_timestamp = "2026-01-05T09:00:00"

    def __len__(self) -> int:
        return len(self._texts)

    def add_json(self, text: str) -> list[str]:
        """Add every study of a study object, a JSON array or a /studies page; return ids."""
        added = []
        for record in iter_studies(text, origin="replay corpus"):
            fields = record.fields
            updated = _day(fields["last_update_posted"]["date"], date(2000, 1, 1))
            with self._lock:
                self._texts[record.source_key] = record.raw_payload.encode("utf-8")
                self._updated[record.source_key] = updated
                for alias in fields["nct_aliases"]:
                    self._aliases[alias] = record.source_key
            added.append(record.source_key)
        return added

    def set_updated(self, nct_id: str, day: date) -> None:
        """Pretend the study was last updated on DAY."""
        with self._lock:
            self._updated[nct_id] = day

    def remove(self, nct_id: str) -> None:
        """Forget one study."""
        with self._lock:
            self._texts.pop(nct_id, None)
            self._updated.pop(nct_id, None)

    def search(self, since: date | None, until: date | None) -> list[str]:
        """Return the NCT ids last updated within the range, in id order."""
        with self._lock:
            return sorted(
                nct
                for nct, day in self._updated.items()
                if (since is None or day >= since) and (until is None or day <= until)
            )

    def text(self, nct_id: str) -> bytes:
        """Return one study's JSON text."""
        with self._lock:
            return self._texts[nct_id]

    def resolve(self, nct_id: str) -> str | None:
        """Return the current NCT id for NCT_ID (itself, or what it is an alias of)."""
        with self._lock:
            if nct_id in self._texts:
                return nct_id
            return self._aliases.get(nct_id)


_PAGING = {"pageToken", "pageSize", "countTotal"}
_UPDATE_RANGE = re.compile(
    r"AREA\[LastUpdatePostDate\]RANGE\[([\dMINAX-]+),\s*([\dMINAX-]+)\]", re.I
)


def _update_range(advanced: str) -> tuple[date | None, date | None]:
    found = _UPDATE_RANGE.search(advanced)
    if not found:
        return None, None
    low, high = found.groups()
    since = None if low.upper() == "MIN" else _day(low, date.min)
    until = None if high.upper() == "MAX" else _day(high, date.max)
    return since, until


@dataclass
class Faults:
    """What the server does wrong, switched on by tests; one-shot faults are used up in order."""

    rate_limit: float | None = None
    retry_after: str | None = None
    slow_seconds: float = 0.0
    unavailable: set[str] = field(default_factory=set)
    # ClinicalTrials.gov page tokens: refused when used twice (the API does not promise reuse).
    single_use_tokens: bool = False
    used_tokens: set[str] = field(default_factory=set)
    # (kind, endpoint); a kind of None lets one request through
    queue: deque[tuple[str | None, str | None]] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _recent: deque[float] = field(default_factory=deque)

    def fail_next(
        self, kind: str, times: int = 1, endpoint: str | None = None, skip: int = 0
    ) -> None:
        """Make the next TIMES requests (to ENDPOINT, say "efetch") fail with KIND, after
        letting SKIP of them through."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULT_KINDS)}")
        with self._lock:
            self.queue.extend([(None, endpoint)] * skip + [(kind, endpoint)] * times)

    def take(self, endpoint: str) -> str | None:
        """Return the fault for this request to ENDPOINT, if one is queued for it."""
        with self._lock:
            for index, (kind, only) in enumerate(self.queue):
                if only is None or only == endpoint:
                    del self.queue[index]
                    return kind
        return None

    def over_rate(self) -> bool:
        """Record a request; return whether it is over the enforced rate (a sliding second)."""
        if self.rate_limit is None:
            return False
        now = time.monotonic()
        with self._lock:
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) >= self.rate_limit:
                return True
            self._recent.append(now)
        return False


@dataclass(frozen=True)
class LoggedRequest:
    """A request the server saw."""

    at: float
    endpoint: str
    params: dict[str, str]
    status: int


class ReplayServer:
    """The server: start() on a free loopback port, url for clients, stop() when done."""

    def __init__(
        self,
        corpus: PubMedCorpus | None = None,
        host: str = "127.0.0.1",
        cap: int = CAP,
        studies: StudyCorpus | None = None,
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the replay server listens on loopback only")
        self.corpus = corpus or PubMedCorpus()
        self.studies = studies or StudyCorpus()
        self.cap = cap
        self.faults = Faults()
        self.log: list[LoggedRequest] = []
        self._history: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the base URL, the stand-in for https://eutils.ncbi.nlm.nih.gov/entrez/eutils."""
        host, port = self._server.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{name}:{port}/entrez/eutils"

    @property
    def ctgov_url(self) -> str:
        """Return the base URL, the stand-in for https://clinicaltrials.gov/api/v2."""
        return self.url.removesuffix("/entrez/eutils") + CTGOV_PREFIX

    def start(self) -> ReplayServer:
        """Serve in a background thread; return self."""
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def requests_to(self, endpoint: str) -> list[LoggedRequest]:
        """Return the logged requests to ENDPOINT ("esearch", "efetch", "epost")."""
        with self._lock:
            return [r for r in self.log if r.endpoint == endpoint]

    def record(self, entry: LoggedRequest) -> None:
        """Add a request to the log."""
        with self._lock:
            self.log.append(entry)

    def remember(self, pmids: list[str]) -> str:
        """Keep PMIDS on the history server; return the new WebEnv."""
        webenv = "MCID_" + secrets.token_hex(12)
        with self._lock:
            self._history[webenv] = pmids
        return webenv

    def recall(self, webenv: str) -> list[str] | None:
        """Return the PMIDs kept under WEBENV, or None when it is unknown or expired."""
        with self._lock:
            return self._history.get(webenv)

    def expire_history(self) -> None:
        """Forget every WebEnv, as NCBI does after a while."""
        with self._lock:
            self._history.clear()


def _handler_for(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_EutilsHandler):
        replay = server

    return Handler


class _EutilsHandler(BaseHTTPRequestHandler):
    replay: ReplayServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        self._serve(parse_qs(urlsplit(self.path).query))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        params = parse_qs(urlsplit(self.path).query)
        params.update(parse_qs(body, keep_blank_values=True))
        self._serve(params)

    def _serve(self, raw: dict[str, list[str]]) -> None:
        params = {k: v[-1] for k, v in raw.items()}
        path = urlsplit(self.path).path
        if path.startswith(CTGOV_PREFIX):
            rest = path[len(CTGOV_PREFIX) :].strip("/")
            endpoint = "study" if rest.startswith("studies/") else rest
            params = {**params, "_path": rest}
        else:
            endpoint = path.rsplit("/", 1)[-1].removesuffix(".fcgi")
        status, body, content_type, headers, fault = self._answer(endpoint, params)
        self.replay.record(LoggedRequest(time.monotonic(), endpoint, params, status))
        self._send(status, body, content_type, headers, fault)

    def _answer(
        self, endpoint: str, params: dict[str, str]
    ) -> tuple[int, bytes, str, dict[str, str], str | None]:
        faults = self.replay.faults
        if faults.over_rate():
            limit = str(int(faults.rate_limit or 0))
            body = json.dumps(
                {
                    "error": "API rate limit exceeded",
                    "api-key": self.client_address[0],
                    "count": limit,
                    "limit": limit,
                }
            ).encode()
            headers = {"Retry-After": faults.retry_after} if faults.retry_after else {}
            return 429, body, "application/json", headers, None
        fault = faults.take(endpoint)
        if fault in ("500", "502", "503", "403", "400"):
            page = f"<html><body><h1>WWW Error {fault} Diagnostic</h1>Proxy Error</body></html>"
            return int(fault), page.encode(), "text/html", {}, None
        if fault in ("429", "429-retry-after"):
            body = b'{"error":"API rate limit exceeded","count":"4","limit":"3"}'
            headers = {"Retry-After": "1"} if fault == "429-retry-after" else {}
            return 429, body, "application/json", headers, None
        if fault == "html200":
            return 200, b"<html><body>Blocked Diagnostic</body></html>", "text/html", {}, None
        if fault == "expire-webenv":
            self.replay.expire_history()
            fault = None
        if fault == "slow" or faults.slow_seconds:
            time.sleep(faults.slow_seconds or 5.0)
            fault = None if fault == "slow" else fault
        if "api_key" in params and not params["api_key"]:
            return 400, b"<ERROR>API key invalid</ERROR>", "text/xml", {}, None
        handler = {
            "esearch": self._esearch,
            "efetch": self._efetch,
            "epost": self._epost,
            "studies": self._studies,
            "study": self._study,
            "version": self._version,
        }.get(endpoint)
        if handler is None:
            return 404, b"<html>Not Found</html>", "text/html", {}, None
        self._headers: dict[str, str] = {}
        status, body, content_type = handler(params, fault)
        return status, body, content_type, self._headers, fault

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str],
        fault: str | None,
    ) -> None:
        if fault == "truncate" and status == 200:
            body = body[: max(1, len(body) * 2 // 3)]
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=UTF-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if fault == "reset":
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

    # --- the three E-utilities -------------------------------------------------------

    def _esearch(self, params: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        mode = params.get("retmode", "xml")
        term = params.get("term", "")
        if params.get("db", "pubmed") != "pubmed":
            return self._error(mode, f"Invalid db name specified: {params.get('db')}")
        if fault == "error200":
            return self._error(mode, "Search Backend failed: temporary")
        windows = [
            (field.lower(), _day(start, date.min), _day(end, date.max))
            for start, field, end in _RANGE.findall(term)
        ]
        if params.get("mindate") and params.get("maxdate"):
            kind = params.get("datetype", "pdat").lower()
            windows.append(
                (kind, _day(params["mindate"], date.min), _day(params["maxdate"], date.max))
            )
        pmids = self.replay.corpus.search(windows)
        retstart = int(params.get("retstart") or 0)
        retmax = min(int(params.get("retmax") or 20), 10000)
        cap = self.replay.cap
        if retstart > cap - 1 and pmids:
            message = f"<ERROR>'retstart' cannot be larger than {cap - 1}</ERROR>"
            return 400, message.encode(), "text/xml"
        page = pmids[retstart : min(retstart + retmax, cap)]
        translation = _RANGE.sub("", term).strip() or term
        webenv = self.replay.remember(pmids) if params.get("usehistory") == "y" else None
        if fault == "bad-json" and mode == "json":
            return (
                200,
                b'{"header": {"type": "esearch"}, "esearchresult": {"count": "',
                "application/json",
            )
        if mode == "json":
            result: dict[str, Any] = {
                "count": str(len(pmids)),
                "retmax": str(len(page)),
                "retstart": str(retstart),
                "idlist": page,
                "translationset": [],
                "querytranslation": translation,
            }
            if webenv:
                result.update({"querykey": "1", "webenv": webenv})
            body = {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}
            return 200, json.dumps(body).encode(), "application/json"
        ids = "".join(f"<Id>{p}</Id>" for p in page)
        history = f"<QueryKey>1</QueryKey><WebEnv>{webenv}</WebEnv>" if webenv else ""
        xml = (
            '<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult>'
            f"<Count>{len(pmids)}</Count><RetMax>{len(page)}</RetMax>"
            f"<RetStart>{retstart}</RetStart>{history}<IdList>{ids}</IdList>"
            f"<TranslationSet/><QueryTranslation>{_escape(translation)}</QueryTranslation>"
            "</eSearchResult>\n"
        )
        return 200, xml.encode(), "text/xml"

    def _efetch(self, params: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        if fault == "error200":
            return (
                200,
                b"<eFetchResult><ERROR>Empty result - nothing to do</ERROR></eFetchResult>",
                "text/xml",
            )
        if "WebEnv" in params:
            pmids = self.replay.recall(params["WebEnv"])
            if pmids is None:
                body = b"<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>"
                return 200, body, "text/xml"
            retstart = int(params.get("retstart") or 0)
            cap = self.replay.cap
            if retstart > cap - 1:
                body = f"<ERROR>'retstart' cannot be larger than {cap - 1}</ERROR>".encode()
                return 400, b"<eFetchResult>" + body + b"</eFetchResult>", "text/xml"
            retmax = int(params.get("retmax") or 20)
            pmids = pmids[retstart : min(retstart + retmax, cap)]
        else:
            pmids = [p.strip() for p in params.get("id", "").split(",") if p.strip()]
            if not pmids:
                return (
                    400,
                    b"<eFetchResult><ERROR>Empty id list - nothing todo</ERROR></eFetchResult>",
                    "text/xml",
                )
        parts = [_XML_HEAD]
        for pmid in pmids:
            article = self.replay.corpus.get(pmid)
            if article is not None and pmid not in self.replay.faults.unavailable:
                parts.append(article.xml + b"\n")
        parts.append(_XML_TAIL)
        return 200, b"".join(parts), "text/xml"

    def _epost(self, params: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        pmids = [p.strip() for p in params.get("id", "").split(",") if p.strip()]
        if not pmids:
            return (
                200,
                b"<ePostResult><ERROR>Empty ID list; Nothing to store</ERROR></ePostResult>",
                "text/xml",
            )
        webenv = self.replay.remember(pmids)
        body = f"<ePostResult><QueryKey>1</QueryKey><WebEnv>{webenv}</WebEnv></ePostResult>"
        return 200, body.encode(), "text/xml"

    # --- ClinicalTrials.gov API v2 ---------------------------------------------------------

    def _studies(self, params: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        if fault == "error200":
            return 200, b'{"message": "Internal search failure"}', "application/json"
        if params.get("format", "json") != "json":
            return 400, b"format: only json is served here", "text/plain"
        query = {k: v for k, v in params.items() if k not in _PAGING and not k.startswith("_")}
        key = hashlib.sha256(json.dumps(query, sort_keys=True).encode()).hexdigest()[:16]
        offset = 0
        if params.get("pageToken"):
            try:
                state = json.loads(base64.urlsafe_b64decode(params["pageToken"].encode()))
                offset, token_key = int(state["offset"]), state["key"]
            except (ValueError, KeyError, TypeError):
                return 400, b"pageToken: invalid token", "text/plain"
            if token_key != key:
                return 400, b"pageToken: parameters differ from the first page", "text/plain"
            faults = self.replay.faults
            if faults.single_use_tokens:
                with faults._lock:
                    if params["pageToken"] in faults.used_tokens:
                        return 400, b"pageToken: invalid token", "text/plain"
                    faults.used_tokens.add(params["pageToken"])
        try:
            size = min(max(int(params.get("pageSize") or 10), 1), 1000)
        except ValueError:
            return 400, b"pageSize: not a number", "text/plain"
        if fault == "empty-page":  # no studies, and a token that leads on
            token = json.dumps({"offset": offset, "key": key, "n": secrets.token_hex(4)}).encode()
            body = b'{"studies":[],"nextPageToken":"' + base64.urlsafe_b64encode(token) + b'"}'
            return 200, body, "application/json"
        since, until = _update_range(params.get("filter.advanced", ""))
        ids = self.replay.studies.search(since, until)
        page = ids[offset : offset + size]
        parts = [b'{"studies":[', b",".join(self.replay.studies.text(i) for i in page), b"]"]
        if offset == 0 and params.get("countTotal") == "true":
            parts.insert(0, b'{"totalCount":' + str(len(ids)).encode() + b",")
            parts[1] = b'"studies":['
        if offset + size < len(ids):
            # Each listing's tokens are its own (a nonce), as the registry's are.
            nonce = secrets.token_hex(4)
            token = json.dumps({"offset": offset + size, "key": key, "n": nonce}).encode()
            parts.append(b',"nextPageToken":"' + base64.urlsafe_b64encode(token) + b'"')
        parts.append(b"}")
        return 200, b"".join(parts), "application/json"

    def _study(self, params: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        nct_id = params["_path"].split("/", 1)[1].upper()
        current = self.replay.studies.resolve(nct_id)
        if current is None:
            return 404, f"study {nct_id} not found".encode(), "text/plain"
        if current != nct_id:
            self._headers["Location"] = f"{CTGOV_PREFIX}/studies/{current}"
            return 301, b"", "text/plain"
        return 200, self.replay.studies.text(current), "application/json"

    def _version(self, params: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        body = {"apiVersion": "2.0.5", "dataTimestamp": self.replay.studies.data_timestamp}
        return 200, json.dumps(body).encode(), "application/json"

    def _error(self, mode: str, message: str) -> tuple[int, bytes, str]:
        if mode == "json":
            body = {"header": {"type": "esearch"}, "esearchresult": {"ERROR": message}}
            return 200, json.dumps(body).encode(), "application/json"
        return (
            200,
            f"<eSearchResult><ERROR>{_escape(message)}</ERROR></eSearchResult>".encode(),
            "text/xml",
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def iter_article_spans(payload: bytes) -> Iterator[bytes]:
    """Yield the raw bytes of each article of a PubmedArticleSet (for building corpora)."""
    for item in iter_pubmed_xml([payload], origin="corpus"):
        if not isinstance(item, DeletedCitations):
            yield item.raw_payload.encode("utf-8")


_PMID = re.compile(rb"""(<PMID Version=["']\d+["']>)(\d+)(</PMID>)""")
_PUBMED_ID = re.compile(rb"""(<ArticleId IdType=["']pubmed["']>)(\d+)(</ArticleId>)""")
_TITLE = re.compile(rb"(<ArticleTitle>)(.*?)(</ArticleTitle>)", re.S)


def clone_article(template: bytes, pmid: str, title_suffix: str | None = None) -> bytes:
    """Return a real article's XML under another PMID (for large corpora of realistic records)."""
    old = _PMID.search(template)
    if old is None:
        raise ValueError("the template has no PMID")
    xml = _PMID.sub(lambda m: m.group(1) + pmid.encode() + m.group(3), template, count=1)
    xml = _PUBMED_ID.sub(
        lambda m: (
            m.group(1) + (pmid.encode() if m.group(2) == old.group(2) else m.group(2)) + m.group(3)
        ),
        xml,
    )
    if title_suffix:
        suffix = _escape(title_suffix).encode()
        xml = _TITLE.sub(lambda m: m.group(1) + m.group(2) + suffix + m.group(3), xml, count=1)
    return xml


def build_clone_corpus(
    templates: Iterable[bytes], count: int, first_pmid: int = 40_000_000, per_day: int = 50
) -> PubMedCorpus:
    """Return a corpus of COUNT real articles cloned under new PMIDs, PER_DAY created a day."""
    articles = [span for payload in templates for span in iter_article_spans(payload)]
    if not articles:
        raise ValueError("no PubmedArticle in the templates")
    corpus = PubMedCorpus()
    for number in range(count):
        pmid = str(first_pmid + number)
        day = date(2000, 1, 1) + timedelta(days=number // per_day)
        corpus.add(pmid, clone_article(articles[number % len(articles)], pmid), day, day)
    return corpus


def clone_studies(texts: Iterable[str], count: int, first: int = 90_000_000) -> StudyCorpus:
    """Return a corpus of COUNT real studies cloned under new NCT ids, updated on many days."""
    originals = [raw for text in texts for raw, _ in (split_page(text)[1] or [])]
    if not originals:
        raise ValueError("no study in the templates")
    studies = StudyCorpus()
    for number in range(count):
        nct = f"NCT{first + number:08d}"
        text = re.sub(
            r'"nctId"\s*:\s*"NCT\d{8}"',
            f'"nctId":"{nct}"',
            originals[number % len(originals)],
            count=1,
        )
        studies.add_json(text)
        studies.set_updated(nct, date(2010, 1, 1) + timedelta(days=number // 20))
    return studies


def main(argv: list[str] | None = None) -> int:
    """Serve a corpus on loopback: python -m harvester.replay --help.

    With a command after ``--``, run it with ITB_EUTILS_URL and ITB_CTGOV_URL pointing at
    the server, then stop; otherwise serve until interrupted.
    """
    import argparse
    import os
    import subprocess

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--folder", type=Path, help="a folder of PubmedArticleSet *.xml files")
    parser.add_argument("--templates", type=Path, nargs="*", default=[], help="files to clone")
    parser.add_argument("--clone", type=int, default=0, help="serve this many clones")
    parser.add_argument("--rate-limit", type=float, help="answer 429 above this many requests/s")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds before answering each request"
    )
    parser.add_argument(
        "--studies", type=Path, nargs="*", default=[], help="ClinicalTrials.gov JSON files to serve"
    )
    parser.add_argument("--clone-studies", type=int, default=0, help="serve this many clones")
    parser.add_argument("--port-file", type=Path, help="write the base URL to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- a command to run")
    args = parser.parse_args(argv)
    corpus = PubMedCorpus()
    if args.clone:
        corpus = build_clone_corpus((p.read_bytes() for p in args.templates), args.clone)
    if args.folder:
        if not args.folder.is_dir():
            parser.error(f"no folder {args.folder}")
        corpus.load_folder(args.folder)
    texts = [path.read_text(encoding="utf-8-sig") for path in args.studies]
    studies = clone_studies(texts, args.clone_studies) if args.clone_studies else StudyCorpus()
    if not args.clone_studies:
        for text in texts:
            studies.add_json(text)
    server = ReplayServer(corpus, studies=studies)
    server.faults.rate_limit = args.rate_limit
    server.faults.slow_seconds = args.latency
    server.start()
    try:
        if args.port_file:
            args.port_file.write_text(server.url)
        command = args.command[1:] if args.command[:1] == ["--"] else args.command
        if command:
            print(
                f"replay: {len(corpus)} PubMed records and {len(studies)} studies on loopback",
                file=sys.stderr,
            )
            env = {**os.environ, "ITB_EUTILS_URL": server.url, "ITB_CTGOV_URL": server.ctgov_url}
            return subprocess.run(command, env=env, check=False).returncode
        print(server.url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
