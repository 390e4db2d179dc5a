"""The version of itb's parsers: a digest of the code that turns a payload into fields.

A release that changes one of these modules reads the stored records again (`itb db
reparse`, or the next `itb update` by itself), with no version number to forget to bump.
Light on purpose: `itb status` asks for it without loading the parsers themselves.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PARSER_MODULES = (
    "pubmed_xml.py", "medline.py", "ctgov_json.py", "file_formats.py", "files.py", "names.py",
    "reparse.py",
)  # fmt: skip


@cache
def parser_version(folder: Path | None = None) -> str:
    """Return a digest of the parsers' code (the modules above, in FOLDER or this package)."""
    folder = folder or Path(__file__).parent
    digest = hashlib.sha1(usedforsecurity=False)
    for name in _PARSER_MODULES:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]
