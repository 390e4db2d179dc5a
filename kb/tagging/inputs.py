"""A work's source records -> what the tagger reads (TagInput), the richest abstract first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kb.tagging.taxonomy import MeshTerm
from kb.tagging.types import Registry, Section, TagInput


def tag_input(title: str, kind: str, members: Sequence[Mapping[str, Any]]) -> TagInput:
    """Return the TagInput of a work from its source records' parsed fields (richest first)."""
    sections: tuple[Section, ...] = ()
    for fields in members:
        found = tuple(
            Section(s.get("label"), s.get("category"), s.get("text") or "")
            for s in fields.get("abstract") or []
            if isinstance(s, dict) and s.get("text")
        )
        if _richer(found, sections):
            sections = found
    mesh: dict[str, MeshTerm] = {}
    types: dict[str, str] = {}
    keywords: dict[str, str] = {}
    registry = None
    for fields in members:
        for heading in fields.get("mesh") or []:
            name = str(heading.get("descriptor") or "")
            if name:
                mesh.setdefault(name.lower(), MeshTerm(heading.get("ui") or "", name))
        for kind_of in fields.get("publication_types") or []:
            name = str(kind_of.get("name") or "")
            if name:
                types.setdefault(name.lower(), name)
        for keyword in fields.get("keywords") or []:
            text = keyword.get("keyword") if isinstance(keyword, dict) else keyword
            if text:
                keywords.setdefault(str(text).lower(), str(text))
        if registry is None and fields.get("nct_id") and "conditions" in fields:
            registry = _registry(fields)
    return TagInput(
        title=title,
        abstract=sections,
        mesh=tuple(mesh.values()),
        publication_types=tuple(types.values()),
        keywords=tuple(keywords.values()),
        registry=registry,
        kind=kind,
    )


def _richer(found: tuple[Section, ...], current: tuple[Section, ...]) -> bool:
    labelled = sum(1 for s in found if s.label)
    current_labelled = sum(1 for s in current if s.label)
    if labelled != current_labelled:
        return labelled > current_labelled
    return sum(len(s.text) for s in found) > sum(len(s.text) for s in current)


def _registry(fields: Mapping[str, Any]) -> Registry:
    enrollment = fields.get("enrollment") or {}
    adverse = fields.get("adverse_events") or {}
    events = [
        str(e.get("term"))
        for kind in ("serious", "other")
        for e in adverse.get(kind) or []
        if e.get("term") and any((s.get("affected") or 0) > 0 for s in e.get("stats") or [])
    ]
    outcomes = [
        " ".join(str(o.get(k) or "") for k in ("measure", "description"))
        for kind in ("primary_outcomes", "secondary_outcomes", "other_outcomes")
        for o in fields.get(kind) or []
    ]
    return Registry(
        conditions=tuple(str(c) for c in fields.get("conditions") or []),
        condition_mesh=tuple(
            MeshTerm(str(m.get("id") or ""), str(m.get("term") or ""))
            for m in fields.get("condition_mesh") or []
            if isinstance(m, dict) and m.get("term")
        ),
        keywords=tuple(str(k) for k in fields.get("keywords") or []),
        interventions=tuple(
            " ".join(str(i.get(k) or "") for k in ("name", "description"))
            + " "
            + " ".join(i.get("other_names") or [])
            for i in fields.get("interventions") or []
        ),
        outcomes=tuple(outcomes),
        adverse_events=tuple(dict.fromkeys(events)),
        summary=str(fields.get("brief_summary") or ""),
        study_type=fields.get("study_type"),
        allocation=fields.get("allocation"),
        intervention_model=fields.get("intervention_model"),
        observational_model=fields.get("observational_model"),
        enrollment=enrollment.get("count"),
        enrollment_type=enrollment.get("type"),
    )
