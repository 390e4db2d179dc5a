"""ClinicalTrials.gov API v2 study JSON -> RawRecord: tolerant parsing, raw text kept verbatim.

Every module and field is optional and unknown keys are ignored. Each study's JSON text is
cut from the page or file exactly as it arrived (json.JSONDecoder.raw_decode gives the
spans), so the raw payload is the source's own bytes, not a re-serialization.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from harvester.errors import FileFormatError, TruncatedBodyError
from harvester.records import RawRecord

SOURCE = "ctgov"
SOURCE_NAME = "ClinicalTrials.gov"
RAW_FORMAT = "ctgov-json"
_DECODER = json.JSONDecoder(strict=False)
_SPACE = re.compile(r"[ \t\n\r]*")
_NCT = re.compile(r"NCT\d{8}")


def mesh_key(mesh_id: str) -> str:
    """Return a MeSH id comparable across forms: "D000001943" and "D001943" give "D1943"."""
    found = re.fullmatch(r"([A-Za-z]+)0*(\d+)", mesh_id.strip())
    return f"{found.group(1).upper()}{int(found.group(2))}" if found else mesh_id.strip()


Studies = list[tuple[str, dict[str, Any]]]
"""A page's studies: each one's exact JSON text and its parsed fields."""


def split_page(text: str, origin: str = "response") -> tuple[dict[str, Any], Studies | None]:
    """Return a /studies page's other keys and its studies as (verbatim text, fields) pairs.

    Each study object is turned into fields as soon as it is read, so a page of large
    studies never holds all its JSON objects at once.

    Also reads a website download: a JSON array of studies, or one study object. Studies
    is None for a JSON object that holds no "studies" (an error document, say).
    """
    position = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    try:
        if text.startswith("[", position):
            studies, end = _array(text, position, origin)
            _expect_end(text, end, origin)
            return {}, studies
        if not text.startswith("{", position):
            raise FileFormatError(
                f"{origin}: not JSON (starts with {text[position : position + 40]!r})"
            )
        if _is_study(text, position):
            study, end = _DECODER.raw_decode(text, position)
            _expect_end(text, end, origin)
            return {}, [(text[position:end], parse_study(study))]
        return _page(text, position, origin)
    except json.JSONDecodeError as exc:
        raise TruncatedBodyError(f"{origin}: malformed or truncated JSON ({exc})") from None


_PAGE_KEYS = {"totalCount", "studies", "nextPageToken"}


def _is_study(text: str, position: int) -> bool:
    """Return whether the object at POSITION is a study (not a /studies page): its first key."""
    start = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
    if text.startswith("}", start):
        return False
    key, _ = _DECODER.raw_decode(text, start)
    if not isinstance(key, str):
        raise json.JSONDecodeError("expected a string as the key", text, start)
    return key not in _PAGE_KEYS


def _page(text: str, position: int, origin: str) -> tuple[dict[str, Any], Studies | None]:
    others: dict[str, Any] = {}
    studies: Studies | None = None
    position += 1
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("}", position):
            _expect_end(text, position + 1, origin)
            return others, studies
        at = position
        key, position = _DECODER.raw_decode(text, position)
        if not isinstance(key, str):
            raise json.JSONDecodeError("expected a string as the key", text, at)
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if not text.startswith(":", position):
            raise json.JSONDecodeError("expected ':'", text, position)
        position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
        if key == "studies" and text.startswith("[", position):
            studies, position = _array(text, position, origin)
        else:
            others[key], position = _DECODER.raw_decode(text, position)
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position += 1


def _array(text: str, position: int, origin: str) -> tuple[Studies, int]:
    """Return the studies of the JSON array at POSITION (exact text, fields) and its end."""
    items: Studies = []
    position += 1
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("]", position):
            position += 1
            break
        item, end = _DECODER.raw_decode(text, position)
        if not isinstance(item, dict):
            raise FileFormatError(f"{origin}: study number {len(items) + 1} is not a JSON object")
        items.append((text[position:end], parse_study(item)))
        position = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            raise json.JSONDecodeError("expected ',' or ']'", text, position)
    return items, position


def _expect_end(text: str, position: int, origin: str) -> None:
    if text[position:].strip():
        raise FileFormatError(f"{origin}: unexpected content after the JSON document")


def iter_studies(
    text: str, origin: str = "response", fetched_at: datetime | None = None
) -> Iterator[RawRecord]:
    """Yield a RawRecord per study of a /studies page, a study, or a website JSON download."""
    _, studies = split_page(text, origin)
    if studies is None:
        raise FileFormatError(f"{origin}: a JSON object without studies; expected study JSON")
    yield from study_records(studies, origin, fetched_at)


def study_records(
    studies: Studies, origin: str, fetched_at: datetime | None = None
) -> Iterator[RawRecord]:
    """Yield a RawRecord per (verbatim text, fields) study pair."""
    when = fetched_at or datetime.now(UTC)
    for number, (raw, fields) in enumerate(studies, start=1):
        if not fields["nct_id"]:
            raise FileFormatError(f"{origin}: study number {number} has no nctId")
        yield RawRecord(
            source=SOURCE,
            source_name=SOURCE_NAME,
            source_key=fields["nct_id"],
            raw_format=RAW_FORMAT,
            raw_payload=raw,
            fields=fields,
            source_version=fields["version_holder"] or fields["last_update_posted"]["date"],
            fetched_at=when,
        )


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _list(data: Any, *path: str) -> list[Any]:
    value = _get(data, *path)
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = value if type(value) is str else str(value)
    if text.isascii():
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text or None  # (the common case, already clean: its only space is " ")
        return " ".join(text.split()) or None
    text = " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    return text or None


def registry_date(struct: Any) -> dict[str, Any]:
    """Return a registry date (its struct, or "2010-03-02", "2010-03") as it is kept: the date,
    its type (ACTUAL, ESTIMATED) and precision."""
    date = _str(_get(struct, "date")) if isinstance(struct, dict) else _str(struct)
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    return {"date": date, "type": _str(_get(struct, "type")), "precision": precision}


def parse_study(study: dict[str, Any]) -> dict[str, Any]:
    """Return the fields of one ClinicalTrials.gov v2 study object."""
    protocol = _get(study, "protocolSection") or {}
    ident = _get(protocol, "identificationModule") or {}
    status = _get(protocol, "statusModule") or {}
    design = _get(protocol, "designModule") or {}
    info = _get(design, "designInfo") or {}
    arms = _get(protocol, "armsInterventionsModule") or {}
    outcomes = _get(protocol, "outcomesModule") or {}
    eligibility = _get(protocol, "eligibilityModule") or {}
    sponsors = _get(protocol, "sponsorCollaboratorsModule") or {}
    derived = _get(study, "derivedSection") or {}
    nct_id = (_str(ident.get("nctId")) or "").upper()
    return {
        "nct_id": nct_id,
        "nct_aliases": [alias.upper() for alias in _strings(ident, "nctIdAliases")],
        "org_study_id": _str(_get(ident, "orgStudyIdInfo", "id")),
        "secondary_ids": [
            {"id": _str(s.get("id")), "type": _str(s.get("type")), "domain": _str(s.get("domain"))}
            for s in _list(ident, "secondaryIdInfos")
            if isinstance(s, dict)
        ],
        "brief_title": _str(ident.get("briefTitle")),
        "official_title": _str(ident.get("officialTitle")),
        "title": _str(ident.get("officialTitle")) or _str(ident.get("briefTitle")) or "",
        "acronym": _str(ident.get("acronym")),
        "organization": {
            "name": _str(_get(ident, "organization", "fullName")),
            "class": _str(_get(ident, "organization", "class")),
        },
        "brief_summary": _str(_get(protocol, "descriptionModule", "briefSummary")),
        "overall_status": _str(status.get("overallStatus")),
        "last_known_status": _str(status.get("lastKnownStatus")),
        "why_stopped": _str(status.get("whyStopped")),
        "status_verified": _str(status.get("statusVerifiedDate")),
        "start": registry_date(status.get("startDateStruct")),
        "primary_completion": registry_date(status.get("primaryCompletionDateStruct")),
        "completion": registry_date(status.get("completionDateStruct")),
        "first_posted": registry_date(status.get("studyFirstPostDateStruct")),
        "results_first_posted": registry_date(status.get("resultsFirstPostDateStruct")),
        "last_update_posted": registry_date(status.get("lastUpdatePostDateStruct")),
        "study_type": _str(design.get("studyType")),
        "phases": _strings(design, "phases"),
        "allocation": _str(info.get("allocation")),
        "intervention_model": _str(info.get("interventionModel")),
        "primary_purpose": _str(info.get("primaryPurpose")),
        "observational_model": _str(info.get("observationalModel")),
        "time_perspective": _str(info.get("timePerspective")),
        "masking": _str(_get(info, "maskingInfo", "masking")),
        "who_masked": _strings(info, "maskingInfo", "whoMasked"),
        "enrollment": {
            "count": _int(_get(design, "enrollmentInfo", "count")),
            "type": _str(_get(design, "enrollmentInfo", "type")),
        },
        "conditions": _strings(protocol, "conditionsModule", "conditions"),
        "keywords": _strings(protocol, "conditionsModule", "keywords"),
        "interventions": [
            {
                "type": _str(i.get("type")),
                "name": _str(i.get("name")),
                "description": _str(i.get("description")),
                "other_names": _strings(i, "otherNames"),
                "arm_group_labels": _strings(i, "armGroupLabels"),
            }
            for i in _list(arms, "interventions")
            if isinstance(i, dict)
        ],
        "arms": [
            {
                "label": _str(a.get("label")),
                "type": _str(a.get("type")),
                "description": _str(a.get("description")),
                "intervention_names": _strings(a, "interventionNames"),
            }
            for a in _list(arms, "armGroups")
            if isinstance(a, dict)
        ],
        "primary_outcomes": _outcomes(_list(outcomes, "primaryOutcomes")),
        "secondary_outcomes": _outcomes(_list(outcomes, "secondaryOutcomes")),
        "other_outcomes": _outcomes(_list(outcomes, "otherOutcomes")),
        "eligibility": {
            "minimum_age": _str(eligibility.get("minimumAge")),
            "maximum_age": _str(eligibility.get("maximumAge")),
            "sex": _str(eligibility.get("sex")),
            "healthy_volunteers": eligibility.get("healthyVolunteers"),
            "std_ages": _strings(eligibility, "stdAges"),
        },
        "sponsor": {
            "name": _str(_get(sponsors, "leadSponsor", "name")),
            "class": _str(_get(sponsors, "leadSponsor", "class")),
        },
        "collaborators": [
            name for c in _list(sponsors, "collaborators") if (name := _str(_get(c, "name")))
        ],
        "countries": sorted(
            {
                country
                for place in _list(protocol, "contactsLocationsModule", "locations")
                if (country := _str(_get(place, "country")))
            }
        ),
        "references": [
            {
                "pmid": _str(r.get("pmid")),
                "type": _str(r.get("type")),
                "citation": _str(r.get("citation")),
                "retractions": [
                    {"pmid": _str(x.get("pmid")), "source": _str(x.get("source"))}
                    for x in _list(r, "retractions")
                    if isinstance(x, dict)
                ],
            }
            for r in _list(protocol, "referencesModule", "references")
            if isinstance(r, dict)
        ],
        "condition_mesh": _meshes(_get(derived, "conditionBrowseModule")),
        "intervention_mesh": _meshes(_get(derived, "interventionBrowseModule")),
        "version_holder": _str(_get(derived, "miscInfoModule", "versionHolder")),
        "has_results": bool(study.get("hasResults")),
        "adverse_events": _adverse_events(_get(study, "resultsSection", "adverseEventsModule")),
    }


def _strings(data: Any, *path: str) -> list[str]:
    return [text for item in _list(data, *path) if (text := _str(item))]


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _outcomes(items: list[Any]) -> list[dict[str, str | None]]:
    return [
        {
            "measure": _str(o.get("measure")),
            "time_frame": _str(o.get("timeFrame")),
            "description": _str(o.get("description")),
        }
        for o in items
        if isinstance(o, dict)
    ]


def _meshes(module: Any) -> list[dict[str, str | None]]:
    found = []
    for mesh in _list(module, "meshes"):
        if isinstance(mesh, dict) and (mesh_id := _str(mesh.get("id"))):
            found.append({"id": mesh_id, "key": mesh_key(mesh_id), "term": _str(mesh.get("term"))})
    return found


def _adverse_events(module: Any) -> dict[str, Any] | None:
    if not isinstance(module, dict):
        return None
    groups = [
        {
            "id": _str(g.get("id")),
            "title": _str(g.get("title")),
            **{
                f"{kind}_{part}": _int(g.get(f"{kind}Num{part.title().replace('_', '')}"))
                for kind in ("deaths", "serious", "other")
                for part in ("affected", "at_risk")
            },
        }
        for g in _list(module, "eventGroups")
        if isinstance(g, dict)
    ]
    return {
        "frequency_threshold": _str(module.get("frequencyThreshold")),
        "time_frame": _str(module.get("timeFrame")),
        "groups": groups,
        "serious": _events(_list(module, "seriousEvents")),
        "other": _events(_list(module, "otherEvents")),
    }


def _events(items: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "term": _str(e.get("term")),
            "organ_system": _str(e.get("organSystem")),
            "vocabulary": _str(e.get("sourceVocabulary")),
            "assessment": _str(e.get("assessmentType")),
            "stats": [
                {
                    "group": _str(s.get("groupId")),
                    "events": _int(s.get("numEvents")),
                    "affected": _int(s.get("numAffected")),
                    "at_risk": _int(s.get("numAtRisk")),
                }
                for s in _list(e, "stats")
                if isinstance(s, dict)
            ],
        }
        for e in items
        if isinstance(e, dict)
    ]
