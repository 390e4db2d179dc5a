"""Deduplicate exported files without a knowledge base (as people use ASySD or bib-dedupe)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harvester.errors import FileFormatError
from harvester.file_formats import read_records
from harvester.files import BadRecord, decode_file, detect_format
from kb.citations import unique_keys
from kb.collector import collector_paused
from kb.dedup import DedupResult, find_duplicates
from kb.dedup.pairs import describe
from kb.dedup.records import Record, normalize
from kb.query import WorkView, fill_detail

# Which record of a group to keep: the richest one (more filled fields, an abstract).
_RICHNESS = ("doi", "pmid", "abstract", "journal", "volume", "issue", "pages", "year")


@dataclass
class FileDedup:
    """Every input record (id, file, canonical form), the groups, and each record's reason."""

    records: list[Record]
    files: dict[str, str]
    result: DedupResult
    fields: dict[str, Mapping[str, Any]] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per input record: id, file, group, kept, and why it was grouped."""
        group_of = self.result.group_of()
        kept = {self.keep(g) for g in self.result.groups}
        reasons: dict[str, str] = {}
        for decision in self.result.decisions:
            if decision.outcome == "duplicate":
                reasons.setdefault(
                    decision.b,
                    f"{describe(decision.rule, decision.explanation)} (with {decision.a})",
                )
                reasons.setdefault(
                    decision.a,
                    f"{describe(decision.rule, decision.explanation)} (with {decision.b})",
                )
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

    def members(self) -> list[list[str]]:
        """Return every group's record ids (singletons too), in the order of the input."""
        group_of = self.result.group_of()
        found: dict[Any, list[str]] = {}
        for record in self.records:
            found.setdefault(group_of.get(record.id, record.id), []).append(record.id)
        return list(found.values())

    def merged_views(self) -> list[WorkView]:
        """Return one citation per group for the exports: the kept record's fields, each
        gap filled from the other members, keywords and MeSH of all of them, and a note
        naming every record merged (nothing lost)."""
        by_id = self._by_id
        now = datetime.now(UTC)
        views = []
        for number, ids in enumerate(self.members(), start=1):
            kept = self.keep(ids) if len(ids) > 1 else ids[0]
            order = [by_id[kept], *(by_id[i] for i in ids if i != kept)]

            def pick(name: str, order: list[Record] = order) -> Any:
                return next((v for r in order if (v := getattr(r, name))), None)

            first = self.fields.get(kept, {})
            journal = first.get("journal") if isinstance(first.get("journal"), dict) else {}
            view = WorkView(
                work_id=number,
                title=order[0].title,
                year=pick("year"),
                authors=[a for a in first.get("authors") or [] if isinstance(a, dict)],
                journal=pick("journal"),
                journal_iso=pick("journal_iso"),
                issn=(journal or {}).get("issn"),
                volume=pick("volume"),
                issue=pick("issue"),
                pages=pick("pages"),
                doi=pick("doi"),
                pmid=pick("pmid"),
                pmcid=pick("pmcid"),
                nct_ids=list(dict.fromkeys(n for r in order for n in r.nct_ids)),
                kind=order[0].kind,
                language=next(iter(first.get("languages") or []), None),
                retracted=any(r.retracted for r in order),
                relevant=None,
                design=None,
                registered_design=None,
                sample_size=None,
                sample_size_type=None,
                study_id=None,
                study_nct=None,
                citation_key=None,
                created_at=now,
                updated_at=now,
                abstract=pick("abstract"),
                title_original=pick("title_original"),
            )
            fill_detail(view, [self.fields.get(i, {}) for i in [kept, *ids] if i in self.fields])
            if len(ids) > 1:
                where = "; ".join(ids)
                view.note = f"itb dedupe merged {len(ids)} records: {where}"
            views.append(view)
        unique_keys(views, set())
        return views

    @functools.cached_property
    def _by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}

    def keep(self, group: Sequence[str]) -> str:
        """Return the id of the record a group keeps: the most complete one, first on ties."""
        by_id = self._by_id
        return max(
            group, key=lambda rid: sum(bool(getattr(by_id[rid], name)) for name in _RICHNESS)
        )


def dedupe_files(paths: Sequence[Path], skip_bad: bool = False) -> FileDedup:
    """Read PATHS (any import format), normalize and deduplicate their records.

    Record ids are the files' own ids; with several files they are prefixed with the file
    name (its path when two files share a name) so that they stay unique.
    """
    with collector_paused():
        return _dedupe_files(paths, skip_bad)


def _dedupe_files(paths: Sequence[Path], skip_bad: bool) -> FileDedup:
    records: list[Record] = []
    files: dict[str, str] = {}
    fields: dict[str, Mapping[str, Any]] = {}
    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            raise FileFormatError(f"{path} is given twice; name each file once")
        seen.add(path.resolve())
    # A file is named by its name; two files of one name (exports of two databases both
    # called export.ris) by their paths as given.
    names = [p.name for p in paths]
    labels = {p: p.name if names.count(p.name) == 1 else str(p) for p in paths}
    for path in paths:
        label = labels[path]
        decoded = decode_file(path)
        fmt = detect_format(decoded.head, path)
        for item in read_records(decoded, fmt, path.name):
            if isinstance(item, BadRecord):
                if skip_bad:
                    continue
                raise FileFormatError(
                    f"{label}, {item.where}: {item.reason}; fix it or pass --skip-bad"
                )
            rid = item.source_key if len(paths) == 1 else f"{label}:{item.source_key}"
            if rid in files:
                raise FileFormatError(
                    f"{label}: the id {item.source_key} stands twice; ids must be unique"
                )
            files[rid] = label
            fields[rid] = item.fields
            records.append(normalize(rid, item.fields))
    return FileDedup(records, files, find_duplicates(records), fields)
