"""The one HTTP seam: an httpx client factory, a per-host rate limiter, retries.

Every source takes a client made here, never builds one. Every request goes through the
host's rate limiter (one limiter per host, shared by every client made with the same
``RateLimits``), and ``send`` retries transient failures (connect/read errors, timeouts,
truncated bodies, 429 with or without Retry-After, 5xx) with exponential backoff and
jitter, within a bounded number of attempts and a bounded total wait.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any, TypeVar

import httpx

from harvester.errors import SourceError, SourceUnavailableError
from harvester.limits import RetryPolicy as RetryPolicy  # re-exported: the HTTP seam names it
from harvester.secrets import scrub

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def _user_agent() -> str:
    try:
        own = package_version("itb")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        own = "dev"
    return f"itb/{own} (intrathecal baclofen evidence base; +https://pypi.org/project/itb/)"


# Requests arrive with more jitter than they leave (connection set-up, scheduling): the
# server counts arrivals, so keep 10% in hand (NCBI itself advises 0.37 s at 3/s).
RATE_MARGIN = 1.1


class RateLimiter:
    """At most ``rate`` request starts a second, with RATE_MARGIN in hand: a start comes
    RATE_MARGIN * PER / ``rate`` seconds or more after the PER-th start before it (PER is
    the rate rounded down, one at least: 1.1 s after the tenth before, at 10/s, so that no
    second holds more than ten starts even when each arrives up to a tenth of a second late),
    and 1 / ``rate`` or more after the one before it as planned (a sleep that ends late can
    bring a start nearer the one planned after it meanwhile).

    The margin is held over that window of starts, not between each two. A sleep ends late
    on a busy machine (a few milliseconds, at times a tenth of a second); a schedule counted
    from each real start lost that lateness for good at every request (0.2-1.0 s of a
    20,000-record harvest at 10 requests/s), where here it delays that request and the one
    PER starts after it. A start, once made, is counted from its real time, late or not."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, not {rate}")
        self.per = max(1, int(rate))  # starts whose window is held
        self.span = RATE_MARGIN * self.per / rate  # the least time from one to the per-th after
        self.gap = 1.0 / rate  # the least time between two starts
        # the last PER starts, each [its time]: the time moves to the real start on waking
        self._starts: deque[list[float]] = deque(maxlen=self.per)
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until the next request may start; return the time waited in seconds."""
        with self._lock:
            now = time.monotonic()
            start = now
            if self._starts:
                start = max(start, self._starts[-1][0] + self.gap)
                if len(self._starts) == self.per:
                    start = max(start, self._starts[0][0] + self.span)
            slot = [start]
            self._starts.append(slot)
        delay = start - now
        if delay > 0:
            time.sleep(delay)
            woke = time.monotonic()
            with self._lock:
                slot[0] = max(slot[0], woke)
        return delay


# A request names its source in this extension; a source's own limit wins over its host's,
# so two sources served from one host (a mirror, the replay server) keep their own rates.
RATE_KEY = "itb_rate_key"


class RateLimits:
    """The rate limiters of every source or host, created on first use; keys not named are
    unlimited. Keys are source names ("pubmed", "ctgov") or host names."""

    def __init__(self, rates: Mapping[str, float] | None = None) -> None:
        self._rates = dict(rates or {})
        self._limiters: dict[str, RateLimiter] = {}
        self._lock = threading.Lock()

    def set_rate(self, host: str, rate: float) -> None:
        """Limit HOST to RATE requests per second from now on."""
        with self._lock:
            self._rates[host] = rate
            self._limiters[host] = RateLimiter(rate)

    def limiter(self, host: str) -> RateLimiter | None:
        """Return HOST's limiter, or None when HOST is not limited."""
        with self._lock:
            if host not in self._limiters and host in self._rates:
                self._limiters[host] = RateLimiter(self._rates[host])
            return self._limiters.get(host)


class _ThrottledTransport(httpx.BaseTransport):
    """Waits for the host's rate limiter before every request, retries included."""

    def __init__(self, inner: httpx.BaseTransport, limits: RateLimits) -> None:
        self._inner = inner
        self._limits = limits

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        source = request.extensions.get(RATE_KEY)
        limiter = self._limits.limiter(source) if source else None
        if limiter is None:
            limiter = self._limits.limiter(request.url.host)
        if limiter is not None:
            limiter.wait()
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def make_client(
    limits: RateLimits | None = None,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 60.0,
) -> httpx.Client:
    """Return the httpx client every source uses: rate-limited, HTTP/1.1, with timeouts."""
    inner = transport or httpx.HTTPTransport(retries=0)
    return httpx.Client(
        transport=_ThrottledTransport(inner, limits or RateLimits()),
        timeout=httpx.Timeout(timeout, connect=min(timeout, 20.0)),
        headers={"User-Agent": _user_agent()},
        follow_redirects=True,
    )


class RetryableError(Exception):
    """Raised by a response check when the body shows a transient fault (say, truncation)."""


def retry_after(response: httpx.Response) -> float | None:
    """Return the wait a Retry-After header asks for, in seconds, or None."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", value):
        return max(0.0, float(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def send(
    client: httpx.Client,
    method: str,
    url: str,
    check: Callable[[httpx.Response], T],
    policy: RetryPolicy = RetryPolicy(),
    what: str = "request",
    retry_statuses: frozenset[int] = RETRY_STATUSES,
    **kwargs: Any,
) -> T:
    """Send a request, retrying transient failures; return what CHECK makes of the response.

    CHECK gets a fully read 2xx response; it returns the parsed body, raises
    ``RetryableError`` for a transient fault in the body, or ``SourceError`` for a
    logical one (not retried). ``what`` names the request in errors and logs; it must not
    hold secrets (URLs here carry none: E-utilities credentials go in POST bodies).
    """
    waited = 0.0
    last = "no attempt made"
    for attempt in range(1, policy.attempts + 1):
        hint: float | None = None
        try:
            response = client.request(method, url, **kwargs)
            response.read()
        except httpx.TransportError as exc:
            kind = network_failure(exc)
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            last = scrub(f"{kind} ({detail})")
            if kind in NO_NETWORK and attempt >= NO_NETWORK_ATTEMPTS:
                raise SourceUnavailableError(
                    f"{what}: {kind} for {httpx.URL(url).host} after {attempt} attempts; "
                    "check the network connection and the source URL, then try again"
                ) from None
        else:
            if response.status_code in retry_statuses:
                hint = retry_after(response)
                last = f"HTTP {response.status_code}"
            elif response.status_code >= 400:
                raise SourceError(
                    f"{what} failed with HTTP {response.status_code}: "
                    f"{_snippet(response.text)}; check the query and the source URL"
                )
            else:
                try:
                    return check(response)
                except RetryableError as exc:
                    last = scrub(str(exc))
        if attempt == policy.attempts:
            break
        delay = min(hint, policy.max_delay) if hint is not None else policy.backoff(attempt)
        if waited + delay > policy.max_total_wait:
            break
        log.info(
            "%s: %s; retry %d of %d in %.1f s", what, last, attempt, policy.attempts - 1, delay
        )
        time.sleep(delay)
        waited += delay
    raise SourceUnavailableError(
        f"{what} failed after {attempt} attempts (last: {last}); the source may be down, "
        "try again later"
    )


# Failures that mean there is no way to the server at all (no network, a wrong host name, a
# closed port): retried once, not for minutes, so a machine with no network fails in seconds.
NO_NETWORK = frozenset({"name resolution failed", "connection refused", "network unreachable"})
NO_NETWORK_ATTEMPTS = 2


def network_failure(exc: httpx.TransportError) -> str:
    """Return what a transport error is, in words: name resolution failed, connection
    refused, TLS failed, timed out, connection broken off, or a network error."""
    text = str(exc).lower()
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        if "name or service not known" in text or "name resolution" in text or "nodename" in text:
            return "name resolution failed"
        if "refused" in text:
            return "connection refused"
        if "unreachable" in text:
            return "network unreachable"
        if "ssl" in text or "certificate" in text or "tls" in text:
            return "TLS failed"
        return "connection failed"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return "connection broken off"
    return "network error"


def _snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "..."
