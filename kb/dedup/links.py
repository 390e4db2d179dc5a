"""Study linking: a registration and the articles that report it form one study (pure).

Links come from the articles (PubMed DataBank NCT ids, MEDLINE SI lines, NCT numbers
mined from abstracts) and from the registrations (ClinicalTrials.gov references typed
RESULT or DERIVED, by PMID). Each link keeps how it was made. BACKGROUND references are
context, not reports of the trial, and link nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kb.dedup.records import Record


@dataclass(frozen=True, slots=True)
class StudyLink:
    """One record's membership of the study of a trial, and how it was found."""

    nct_id: str
    record_id: str
    via: str


def link_studies(
    records: Iterable[Record], by_pmid: Mapping[str, str] | None = None
) -> dict[str, list[StudyLink]]:
    """Return the links of every study (by its registration's current NCT id).

    BY_PMID maps PMIDs to record ids for the registrations' references; by default the
    PMIDs of RECORDS (a knowledge base passes those of every record, and only the records
    with registry links).
    """
    records = list(records)
    alias_of = {
        nct: current.id
        for current in records
        for nct, via in current.registry_links
        if via == "registry_alias"
    }
    main_id = {
        r.id: next((nct for nct, via in r.registry_links if via == "registration"), None)
        for r in records
    }
    if by_pmid is None:
        by_pmid = {r.pmid: r.id for r in records if r.pmid}
    studies: dict[str, list[StudyLink]] = {}

    def add(nct: str, record_id: str, via: str) -> None:
        registration = alias_of.get(nct)
        if registration is not None and main_id.get(registration):
            nct = main_id[registration] or nct
        links = studies.setdefault(nct, [])
        link = StudyLink(nct, record_id, via)
        if link not in links:
            links.append(link)

    for record in records:
        for target, via in record.registry_links:
            if via == "registry_alias":
                continue
            if target.startswith("PMID:"):
                article = by_pmid.get(target.removeprefix("PMID:"))
                nct = main_id.get(record.id)
                if article is not None and nct:
                    add(nct, article, via)
            else:
                add(target, record.id, via)
    return studies
