"""A stored record's fields read again from its raw payload by today's parsers.

Every source record is kept as received; its fields are what the parser of its day read
from it. When a parser learns to read more (an author's suffix, MEDLINE affiliations), the
records stored before still hold the old reading: `reparse` reads a payload again, alone,
with the reader that first read it. Only the record's own text is read; a payload that
cannot be read alone any more (a BibTeX entry whose journal was a macro defined elsewhere
in its file, say) is reported, and its stored fields are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bibtexparser
from lxml import etree

from harvester.ctgov_json import parse_study
from harvester.errors import EvidenceError
from harvester.file_formats import read_records
from harvester.files import BadRecord, DecodedFile
from harvester.medline import parse_block
from harvester.pubmed_xml import parse_article

# Formats a payload of which is one record read by a reader of exported files.
_FILE_FORMATS = ("ris", "bibtex", "csl-json", "csv", "ctgov-csv", "pubmed-csv")
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class NotReadable(ValueError):
    """A payload that today's reader cannot read alone (the message says why)."""


class _StoredText(DecodedFile):
    """A record's payload, read by the file readers as if it were a file of its own."""

    def __init__(self, text: str) -> None:
        super().__init__(Path("stored record"), "utf-8", len(text), "", text[:65536])
        self._text = text

    def lines(self) -> Iterator[str]:
        # as DecodedFile.lines gave them (split at line ends only: a U+2028 inside an
        # abstract is no line end to a file's reader)
        lines = self._text.split("\n")
        return iter(lines[:-1] if lines and lines[-1] == "" else lines)

    def text(self) -> str:
        return "\n".join(self.lines())

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        yield self._text.encode("utf-8")


_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


def _outside_macro(entry: str) -> str | None:
    """Return the first @string macro a BibTeX entry's fields use (the months, which every
    BibTeX style defines, aside), or None: its value lies outside the entry's own text."""
    library = bibtexparser.parse_string(entry, parse_stack=[])  # type: ignore[attr-defined]
    for parsed in library.entries:
        for value in (str(f.value) for f in parsed.fields):
            for part in _concatenated(value):
                bare = part and part[0] not in '{"' and not part.isdigit()
                if bare and part.lower() not in _MONTHS:
                    return part
    return None


def _concatenated(value: str) -> list[str]:
    """Split a raw BibTeX value at its top-level "#" (outside braces and quotes)."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:index].strip())
            start = index + 1
    parts.append(value[start:].strip())
    return parts


def reparse(raw_format: str, payload: str, source_name: str, key: str) -> dict[str, Any]:
    """Return the fields today's parser reads from PAYLOAD, a record of RAW_FORMAT stored
    under KEY (as received from SOURCE_NAME). Raises NotReadable (why) when it cannot be
    read alone, or reads as another record or as more than one."""
    if raw_format == "pubmed-xml":
        try:
            element = etree.fromstring(payload.encode("utf-8"), _XML)
        except etree.XMLSyntaxError as exc:
            raise NotReadable(f"not well-formed XML ({exc})") from None
        if element.tag != "PubmedArticle" and element.tag != "PubmedBookArticle":
            raise NotReadable(f"a <{element.tag}>, not a PubMed article")
        return parse_article(element)
    if raw_format == "ctgov-json":
        try:
            study = json.loads(payload)
        except json.JSONDecodeError as exc:
            raise NotReadable(f"not JSON ({exc})") from None
        if not isinstance(study, dict):
            raise NotReadable("not a study object")
        return parse_study(study)
    if raw_format == "medline":  # a MEDLINE export: read_medline's fields, keyed as there
        return {**parse_block(payload), "record_id": key}
    if raw_format not in _FILE_FORMATS:
        raise NotReadable(f"no reader for the format {raw_format!r}")
    if raw_format == "bibtex" and (macro := _outside_macro(payload)):
        raise NotReadable(f"uses the string macro {macro!r}, defined elsewhere in its file")
    try:
        items = list(read_records(_StoredText(payload), raw_format, source_name, datetime.now(UTC)))
    except EvidenceError as exc:
        raise NotReadable(str(exc)) from None
    if len(items) != 1:
        raise NotReadable(f"reads as {len(items)} records, not one")
    (item,) = items
    if isinstance(item, BadRecord):
        raise NotReadable(item.reason)
    if item.source_key != key:
        raise NotReadable(f"reads with the key {item.source_key!r}, stored as {key!r}")
    return dict(item.fields)
