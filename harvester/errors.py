"""The one error root users see, and its subclasses.

Each error carries one sentence: what happened and what to do. The CLI prints it as
``Error: ...`` on stderr and exits with the class's ``exit_code``; anything that is not
an ``EvidenceError`` is a bug and keeps its traceback.
"""

from __future__ import annotations

from harvester.secrets import scrub


class ExitCode:
    """Process exit codes, documented in README.md."""

    OK = 0
    BUG = 1
    USAGE = 2
    USER_ERROR = 3
    PARTIAL = 4
    LOCKED = 5
    TEMPORARY = 75


class EvidenceError(Exception):
    """A problem the user can act on; the message says what happened and what to do.

    The message is scrubbed of every known secret when the error is made, so that no
    message, log line, JSON summary, digest or stored error text can carry one, and kept to
    one line: line breaks quoted from the input are shown as \\n.
    """

    exit_code: int = ExitCode.USER_ERROR

    def __init__(self, *args: object) -> None:
        super().__init__(*(_one_line(scrub(a)) if isinstance(a, str) else a for a in args))


def _one_line(text: str) -> str:
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


class ProjectError(EvidenceError):
    """No project folder, or a project folder that cannot be created or read."""


class ConfigError(EvidenceError):
    """An itb.toml (or an environment setting) that cannot be used."""


class DatabaseError(EvidenceError):
    """A database that cannot be opened, reached or brought up to date."""


class SchemaError(DatabaseError):
    """A database whose schema this itb cannot use as it is."""


class TemporaryError(EvidenceError):
    """A failure that may pass by itself (network, server busy); retrying later is right."""

    exit_code = ExitCode.TEMPORARY


class LockedError(EvidenceError):
    """Another process holds the knowledge base's update lock."""

    exit_code = ExitCode.LOCKED


class SourceError(EvidenceError):
    """A source answered with something that is not what was asked for (a logical error)."""


class SourceUnavailableError(SourceError):
    """A source could not be reached or kept failing after every retry; try again later."""

    exit_code = ExitCode.TEMPORARY


class FileFormatError(EvidenceError):
    """A file (or a response body) that is not in the format it claims to be."""


class TruncatedBodyError(FileFormatError):
    """A body (or file) that ends early or breaks off mid-document: fetching again may help."""


class ErrorDocumentError(FileFormatError):
    """A body that is an error document (NCBI <ERROR>, an HTML page) instead of the data."""


class InstallationError(EvidenceError):
    """A file of itb's own installation (taxonomy, migrations, demo corpus) is missing."""
