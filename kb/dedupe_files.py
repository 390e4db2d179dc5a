"""Deduplicate exported files without a knowledge base (as people use ASySD or bib-dedupe)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harvester.errors import FileFormatError
from harvester.file_formats import read_records
from harvester.files import BadRecord, decode_file, detect_format
from kb.dedup import DedupResult, find_duplicates
from kb.normalize import Record, normalize

# Which record of a group to keep: the richest one (more filled fields, an abstract).
_RICHNESS = ("doi", "pmid", "abstract", "journal", "volume", "issue", "pages", "year")


@dataclass
class FileDedup:
    """Every input record (id, file, canonical form), the groups, and each record's reason."""

    records: list[Record]
    files: dict[str, str]
    result: DedupResult

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per input record: id, file, group, kept, and why it was grouped."""
        group_of = self.result.group_of()
        kept = {self.keep(g) for g in self.result.groups}
        reasons: dict[str, str] = {}
        for decision in self.result.decisions:
            if decision.outcome == "duplicate":
                reasons.setdefault(decision.b, f"{decision.rule} (with {decision.a})")
                reasons.setdefault(decision.a, f"{decision.rule} (with {decision.b})")
        rows = []
        for record in self.records:
            number = group_of.get(record.id)
            rows.append(
                {
                    "id": record.id,
                    "file": self.files[record.id],
                    "group": f"g{number + 1}" if number is not None else record.id,
                    "keep": 1 if number is None or record.id in kept else 0,
                    "reason": reasons.get(record.id, ""),
                }
            )
        return rows

    def keep(self, group: Sequence[str]) -> str:
        """Return the id of the record a group keeps: the most complete one, first on ties."""
        by_id = {r.id: r for r in self.records}
        return max(
            group, key=lambda rid: sum(bool(getattr(by_id[rid], name)) for name in _RICHNESS)
        )


def dedupe_files(paths: Sequence[Path], skip_bad: bool = False) -> FileDedup:
    """Read PATHS (any import format), normalize and deduplicate their records.

    Record ids are the files' own ids; with several files they are prefixed with the file
    name so that they stay unique.
    """
    records: list[Record] = []
    files: dict[str, str] = {}
    for path in paths:
        decoded = decode_file(path)
        fmt = detect_format(decoded.head, path)
        for item in read_records(decoded, fmt, path.name):
            if isinstance(item, BadRecord):
                if skip_bad:
                    continue
                raise FileFormatError(
                    f"{path.name}, {item.where}: {item.reason}; fix it or pass --skip-bad"
                )
            rid = item.source_key if len(paths) == 1 else f"{path.name}:{item.source_key}"
            if rid in files:
                raise FileFormatError(
                    f"{path.name}: the id {item.source_key} stands twice; ids must be unique"
                )
            files[rid] = path.name
            records.append(normalize(rid, item.fields))
    return FileDedup(records, files, find_duplicates(records))
