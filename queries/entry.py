"""The `itb` command's entry point: `itb --version` answers at once, without loading the
command modules and the database layer that every other command needs."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from kb.schema_head import SCHEMA_HEAD


def version_text() -> str:
    """Return the package version and the database schema this itb writes."""
    try:
        own = package_version("itb")
    except PackageNotFoundError:
        own = "unknown (not installed; run from a source tree)"
    return f"itb {own} (schema {SCHEMA_HEAD})"


def main() -> None:
    """Run the itb command line."""
    if sys.argv[1:] == ["--version"]:
        print(version_text())
        return
    from queries.cli import app

    app()
