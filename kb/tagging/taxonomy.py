"""The tagging vocabulary as data: kb/tagging/taxonomy.toml, a project's additions and
overrides, and the checks that name a bad entry. Pure: files in, a frozen Taxonomy out."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harvester.errors import ConfigError
from kb import bundled
from kb.tagging.opening import compile_i

FACETS = ("indication", "complication", "outcome", "design")
BUNDLED_NAME = "taxonomy.toml"
PROJECT_NAME = "taxonomy.toml"

# The ids of shared/taxonomy.md: the contract every taxonomy file must keep.
CONTRACT: dict[str, tuple[str, ...]] = {
    "indication": (
        "cerebral_palsy",
        "spinal_cord_injury",
        "multiple_sclerosis",
        "traumatic_brain_injury",
        "stroke",
        "hypoxic_brain_injury",
        "acquired_brain_injury",
        "dystonia",
        "hereditary_spastic_paraplegia",
        "stiff_person_syndrome",
        "neurodegenerative",
        "spasticity_unspecified",
    ),
    "complication": (
        "catheter_complication",
        "pump_malfunction",
        "infection",
        "csf_leak",
        "wound_complication",
        "withdrawal",
        "overdose",
        "respiratory_depression",
        "seizure",
        "hypotonia_weakness",
        "cns_adverse_effects",
        "gastrointestinal",
        "urinary",
        "speech_swallowing",
        "scoliosis_progression",
        "tolerance",
        "death",
    ),
    "outcome": (
        "spasticity",
        "dystonia_severity",
        "motor_function",
        "pain",
        "activities_daily_living",
        "quality_of_life",
        "satisfaction",
        "caregiver_burden",
        "sleep",
        "speech",
        "autonomic",
        "cost",
        "dose",
    ),
    "design": (
        "rct",
        "controlled_trial",
        "cohort",
        "case_series",
        "case_report",
        "systematic_review",
        "review",
        "guideline",
        "trial_registration",
        "other",
    ),
}

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_MESH = re.compile(r"^([CDQ]\d{6,9})\s+(\S.*)$")
_LIST_KEYS = ("synonyms", "patterns", "mesh", "ctgov", "requires_no_other", "not_before",
              "not_after")  # fmt: skip
_DESIGN_KEYS = ("publication_types", "title_patterns")
_TEXT_KEYS = ("label", "description")
_RELEVANCE_KEYS = ("synonyms", "patterns", "needs_baclofen", "mesh_drug", "mesh_route")


class TaxonomyError(ConfigError):
    """A taxonomy file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class MeshTerm:
    """A MeSH descriptor: its unique id and its heading."""

    ui: str
    name: str


@dataclass(frozen=True)
class Entry:
    """One id of one facet, with the words, patterns and headings that signal it."""

    facet: str
    id: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    title_patterns: tuple[str, ...] = ()
    mesh: tuple[MeshTerm, ...] = ()
    ctgov: tuple[str, ...] = ()
    publication_types: tuple[str, ...] = ()
    requires_no_other: tuple[str, ...] = ()
    # Word senses: patterns of the words just before or after a match that make it another
    # thing ("alcohol" before "withdrawal", "scale" after "coma").
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relevance:
    """What makes a record about intrathecal baclofen at all."""

    synonyms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    needs_baclofen: tuple[str, ...] = ()
    mesh_drug: tuple[MeshTerm, ...] = ()
    mesh_route: tuple[MeshTerm, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """Every entry of every facet, the relevance rule, where they came from, a fingerprint."""

    entries: tuple[Entry, ...]
    relevance: Relevance
    files: tuple[str, ...] = ()
    fingerprint: str = ""
    _index: dict[tuple[str, str], Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({(e.facet, e.id): e for e in self.entries})

    def ids(self, facet: str) -> list[str]:
        """Return the ids of FACET, in file order."""
        return [e.id for e in self.entries if e.facet == facet]

    def get(self, facet: str, taxonomy_id: str) -> Entry | None:
        """Return the entry of FACET and TAXONOMY_ID, or None."""
        return self._index.get((facet, taxonomy_id))

    def require(self, facet: str, taxonomy_id: str) -> Entry:
        """Return the entry, or raise an error suggesting the nearest ids."""
        if facet not in FACETS:
            raise TaxonomyError(f'unknown facet "{facet}"; use one of {", ".join(FACETS)}')
        entry = self.get(facet, taxonomy_id)
        if entry is None:
            raise TaxonomyError(unknown_id_message(facet, taxonomy_id, self.ids(facet)))
        return entry


def unknown_id_message(facet: str, taxonomy_id: str, known: list[str]) -> str:
    """Return 'unknown FACET "ID"; did you mean ...?' with the nearest known ids."""
    near = difflib.get_close_matches(taxonomy_id, known, n=3, cutoff=0.5)
    near += [k for k in known if taxonomy_id and taxonomy_id in k and k not in near][:3]
    hint = f"did you mean {' or '.join(f'{n!r}' for n in near[:3])}?" if near else ""
    listed = hint or f"known ids: {', '.join(known)}"
    return f'unknown {facet} "{taxonomy_id}"; {listed}'


def bundled_text() -> str:
    """Return the text of the taxonomy shipped with itb."""
    return bundled.bundled_text("kb.tagging", BUNDLED_NAME, what="bundled taxonomy")


def load_taxonomy(project_file: Path | None = None) -> Taxonomy:
    """Return the bundled taxonomy with PROJECT_FILE's additions and overrides (if it exists)."""
    data = _parse(bundled_text(), "kb/tagging/taxonomy.toml")
    files = ["kb/tagging/taxonomy.toml"]
    if project_file is not None and project_file.is_file():
        extra = _parse(_read(project_file), str(project_file))
        data = _overlay(data, extra)
        files.append(str(project_file))
    return _build(data, files[-1], tuple(files))


def check_taxonomy_file(path: Path, *, standalone: bool = False) -> Taxonomy:
    """Validate PATH (as a project overlay on the bundled file, or STANDALONE); return it."""
    data = _parse(_read(path), str(path))
    if standalone:
        return _build(data, str(path), (str(path),))
    merged = _overlay(_parse(bundled_text(), "kb/tagging/taxonomy.toml"), data)
    return _build(merged, str(path), ("kb/tagging/taxonomy.toml", str(path)))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TaxonomyError(f"cannot read taxonomy file {path}: {error}") from error


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TaxonomyError(f"{name}: not valid TOML ({error}); fix the file") from error


def _overlay(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Entries of EXTRA replace the keys they give of the same id, or add new ids."""
    merged = {key: dict(value) if isinstance(value, dict) else value for key, value in base.items()}
    for key, value in extra.items():
        if key in FACETS and isinstance(value, dict):
            facet = merged.setdefault(key, {})
            for entry_id, entry in value.items():
                old = facet.get(entry_id)
                if isinstance(old, dict) and isinstance(entry, dict):
                    facet[entry_id] = {**old, **entry}
                else:
                    facet[entry_id] = entry
        elif key in ("relevance", "meta") and isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _build(data: Mapping[str, Any], name: str, files: tuple[str, ...]) -> Taxonomy:
    unknown = sorted(set(data) - {*FACETS, "meta", "relevance"})
    if unknown:
        raise TaxonomyError(
            f'{name}: unknown table "{unknown[0]}"; the tables are meta, relevance and '
            f"{', '.join(FACETS)}"
        )
    entries: list[Entry] = []
    for facet in FACETS:
        table = data.get(facet, {})
        if not isinstance(table, dict):
            raise TaxonomyError(f'{name}: "{facet}" must be a table of entries ([{facet}.ID])')
        for entry_id, raw in table.items():
            entries.append(_entry(facet, entry_id, raw, name))
        missing = [i for i in CONTRACT[facet] if i not in table]
        if missing:
            raise TaxonomyError(
                f"{name}: {facet} lacks {', '.join(missing)}; the ids of the shared taxonomy "
                "must all be present (override their words, do not remove them)"
            )
    ids = {(e.facet, e.id) for e in entries}
    for entry in entries:
        for other in entry.requires_no_other:
            if other != "*" and (entry.facet, other.removeprefix("!")) not in ids:
                where = f"{name}: {entry.facet}.{entry.id}"
                raise TaxonomyError(f'{where}: requires_no_other names unknown id "{other}"')
    relevance = _relevance(data.get("relevance", {}), name)
    fingerprint = hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:16]
    return Taxonomy(tuple(entries), relevance, files, fingerprint)


def _entry(facet: str, entry_id: str, raw: Any, name: str) -> Entry:
    where = f"{name}: {facet}.{entry_id}"
    if not _ID.match(entry_id):
        raise TaxonomyError(f"{where}: an id is lower case letters, digits and underscores")
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: must be a table with label, synonyms, ...")
    allowed = {*_TEXT_KEYS, *_LIST_KEYS, *(_DESIGN_KEYS if facet == "design" else ())}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise TaxonomyError(f'{where}: unknown key "{unknown[0]}"; known: {", ".join(allowed)}')
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"{where}: needs a label (a non-empty string)")
    lists = {key: _strings(raw, key, where) for key in (*_LIST_KEYS, *_DESIGN_KEYS)}
    for key in ("patterns", "title_patterns", "not_before", "not_after"):
        for number, pattern in enumerate(lists[key], 1):
            _compile(pattern, f"{where}: {key} {number}")
    for synonym in lists["synonyms"]:
        if not re.search(r"\w", synonym):
            raise TaxonomyError(f'{where}: synonym "{synonym}" has no word in it')
    if lists["requires_no_other"] and facet != "indication":
        raise TaxonomyError(f"{where}: requires_no_other is for indications only")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise TaxonomyError(f"{where}: description must be a string")
    return Entry(
        facet=facet,
        id=entry_id,
        label=label.strip(),
        description=description,
        synonyms=lists["synonyms"],
        patterns=lists["patterns"],
        title_patterns=lists["title_patterns"],
        mesh=tuple(_mesh(m, where) for m in lists["mesh"]),
        ctgov=lists["ctgov"],
        publication_types=lists["publication_types"],
        requires_no_other=lists["requires_no_other"],
        not_before=lists["not_before"],
        not_after=lists["not_after"],
    )


def _relevance(raw: Any, name: str) -> Relevance:
    where = f"{name}: relevance"
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: must be a table")
    unknown = sorted(set(raw) - set(_RELEVANCE_KEYS))
    if unknown:
        raise TaxonomyError(f'{where}: unknown key "{unknown[0]}"')
    lists = {key: _strings(raw, key, where) for key in _RELEVANCE_KEYS}
    for number, pattern in enumerate(lists["patterns"], 1):
        _compile(pattern, f"{where}: patterns {number}")
    return Relevance(
        synonyms=lists["synonyms"],
        patterns=lists["patterns"],
        needs_baclofen=lists["needs_baclofen"],
        mesh_drug=tuple(_mesh(m, where) for m in lists["mesh_drug"]),
        mesh_route=tuple(_mesh(m, where) for m in lists["mesh_route"]),
    )


def _strings(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TaxonomyError(f"{where}: {key} must be a list of strings")
    return tuple(v for v in value if v.strip())


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        # (as the tagger compiles it: compiled once, the tagger's compile is a cache hit)
        return compile_i(pattern)
    except re.error as error:
        message = f"{where} ({pattern!r}) is not a valid regular expression: {error}"
        raise TaxonomyError(message) from error


def _mesh(value: str, where: str) -> MeshTerm:
    found = _MESH.match(value.strip())
    if not found:
        raise TaxonomyError(
            f'{where}: MeSH term "{value}" must be a descriptor UI and its name, '
            'e.g. "D002547 Cerebral Palsy"'
        )
    return MeshTerm(found.group(1), found.group(2).strip())
