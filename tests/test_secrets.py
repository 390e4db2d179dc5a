"""No secret in any output: a server that echoes the API key finds it nowhere itb writes."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from harvester.errors import SourceError
from harvester.secrets import (
    ScrubFilter,
    register_environment,
    register_secret,
    scrub,
    scrub_data,
)
from kb.workspace import create_project
from queries.cli import app

KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1"  # the shape of an NCBI API key


def test_scrub_replaces_a_registered_secret_as_given_and_url_encoded() -> None:
    secret = "s3cr3t/with+odd&chars"
    register_secret(secret)
    assert scrub(f"key={secret}; again {quote(secret, safe='')}") == "key=***; again ***"
    assert scrub_data({"a": [secret, 1, None], secret: "x"}) == {"a": ["***", 1, None], "***": "x"}


def test_short_values_are_not_treated_as_secrets() -> None:
    register_secret("abc")
    assert scrub("abc abcdef") == "abc abcdef"


def test_secret_looking_environment_variables_are_registered() -> None:
    register_environment(
        {"MY_SERVICE_TOKEN": "tok-123456789", "DB_PASSWORD": "pw-987654321", "HOME": "/home/me"}
    )
    assert scrub("tok-123456789 pw-987654321 /home/me") == "*** *** /home/me"


def test_error_messages_are_scrubbed_when_made() -> None:
    register_secret(KEY)
    assert KEY not in str(SourceError(f"HTTP 400: {{'api-key': '{KEY}'}}"))


def test_log_records_are_scrubbed_with_their_arguments() -> None:
    register_secret(KEY)
    record = logging.LogRecord("itb", logging.ERROR, __file__, 1, "answer: %s", (KEY,), None)
    assert ScrubFilter().filter(record) and record.getMessage() == "answer: ***"


class EchoHandler(BaseHTTPRequestHandler):
    """Every answer repeats the API key it was sent: in a header and in the body."""

    mode = "400"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        sent = (self.rfile.read(length) if length else b"").decode() + self.path
        key = KEY if KEY in sent else "no key sent"
        if self.mode == "400":
            status, body = 400, json.dumps({"error": "API key invalid", "api-key": key})
        else:  # an error document inside a 200
            status, body = 200, json.dumps({"esearchresult": {"ERROR": f"Invalid api_key {key}"}})
        payload = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Echoed-Key", key)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(params=["400", "200"])
def echo_url(request: pytest.FixtureRequest) -> Iterator[str]:
    handler = type("Handler", (EchoHandler,), {"mode": request.param})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_echoed_api_key_is_in_nothing_itb_writes(echo_url: str, tmp_path: Path) -> None:
    project = create_project(tmp_path / "p", email="test@example.org").root
    env = {
        "NCBI_API_KEY": KEY,
        "ITB_EUTILS_URL": f"{echo_url}/entrez/eutils/",
        "ITB_CTGOV_URL": f"{echo_url}/api/v2",
    }
    runner = CliRunner()
    log_file = tmp_path / "update.log"
    update = runner.invoke(
        app, ["-v", "--project", str(project), "update", "--json", "--log-file", str(log_file)],
        env=env,
    )  # fmt: skip
    assert update.exit_code in (3, 4, 75), update.output
    assert "api" in (update.stdout + update.stderr).lower()  # the failure is reported...
    log = runner.invoke(app, ["--project", str(project), "log", "--json"], env=env)
    harvest = runner.invoke(
        app,
        ["--project", str(project), "harvest", "pubmed", "--query", "baclofen", "--json"],
        env=env,
    )
    for result in (update, log, harvest):
        assert KEY not in result.stdout + result.stderr, result.stdout + result.stderr
    assert log_file.read_text(encoding="utf-8")
    written = [p for p in [log_file, *project.rglob("*")] if p.is_file()]
    assert any(p.name == "summary.json" for p in written)
    for path in written:  # the log file, digests, summary.json, latest.json, the database
        assert KEY.encode() not in path.read_bytes(), path
    assert "***" in log_file.read_text(encoding="utf-8") + update.stdout + update.stderr
