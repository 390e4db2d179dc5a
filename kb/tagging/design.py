"""Exactly one design per record, from publication types, registry design and abstract cues.

Precedence (the first rule that applies decides):
 1. a registry record                                   -> trial_registration
 2. publication type Systematic Review / Meta-Analysis, or a systematic-review cue in the
    title or abstract ("systematic review", "we searched MEDLINE", PRISMA) -> systematic_review
 3. publication type Randomized Controlled Trial        -> rct
 4. publication type Guideline / Consensus Development Conference, or a guideline cue
    (title: consensus, guideline, recommendations; abstract: Delphi, expert panel) -> guideline
 5. publication type Controlled Clinical Trial          -> controlled_trial
 6. publication type Case Reports                       -> case_report (case_series when the
    record states three or more patients)
 7. publication type Review                             -> review
 8. abstract cue of randomisation                       -> rct
 9. abstract cue of a control (placebo, crossover, blinded, non-randomised controlled)
                                                        -> controlled_trial
10. publication type Editorial, Letter, Comment, News... -> other (case_report when a case
    is reported)
11. laboratory or animal cue                            -> other
12. case-report cue ("we report a case", "a 45-year-old") with no more than two patients
                                                        -> case_report
13. cohort cue (cohort, registry, prospective, matched or control group) -> cohort
14. case-series cue (retrospective review of, chart review, consecutive patients) -> case_series
15. review cue (review of the literature, we discuss)  -> review
16. a stated number of patients: 1-2                   -> case_report, 3 or more -> case_series
17. publication type Clinical Trial (single arm)        -> cohort
18. otherwise                                           -> other
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kb.tagging.types import DesignChoice, DesignCue, Registry, SampleSize, TagInput


def choose_design(
    item: TagInput,
    cues: Sequence[DesignCue],
    publication_types: Mapping[str, str],
    sample: SampleSize | None,
) -> DesignChoice:
    """Return the one design of ITEM by the precedence of this module's docstring."""
    if item.kind == "registration" or item.registry is not None:
        return DesignChoice("trial_registration", "registry", None, "registry record")
    by_type: dict[str, str] = {}
    for name in item.publication_types:
        design = publication_types.get(name.lower())
        if design:
            by_type.setdefault(design, name)
    cue = {c.design: c for c in reversed(cues)}
    title_cue = {c.design: c for c in reversed(cues) if c.where == "title"}
    patients = sample.value if sample is not None and sample.source == "stated" else None

    def typed(design: str, chosen: str | None = None) -> DesignChoice:
        return DesignChoice(chosen or design, "publication_type", None, by_type[design])

    def cued(design: str, chosen: str | None = None) -> DesignChoice:
        found = cue[design]
        return DesignChoice(chosen or design, found.section, found.section, found.text)

    if "systematic_review" in by_type:
        return typed("systematic_review")
    if "systematic_review" in cue:
        return cued("systematic_review")
    if "rct" in by_type:
        return typed("rct")
    if "guideline" in by_type:
        return typed("guideline")
    if "guideline" in title_cue or ("guideline" in cue and "review" not in by_type):
        return cued("guideline")
    if "controlled_trial" in by_type:
        return typed("controlled_trial")
    if "case_report" in by_type:
        return typed("case_report", "case_series" if patients and patients >= 3 else None)
    if "review" in by_type:
        return typed("review")
    if "rct" in cue:
        return cued("rct")
    if "controlled_trial" in cue:
        return cued("controlled_trial")
    if "other" in by_type:
        if "case_report" in cue and not (patients and patients >= 3):
            return cued("case_report")
        return typed("other")
    if "other" in cue:
        return cued("other")
    if "case_report" in cue and not (patients and patients >= 3):
        return cued("case_report")
    for design in ("cohort", "case_series", "review"):
        if design in cue:
            return cued(design)
    if patients:
        chosen = "case_report" if patients <= 2 else "case_series"
        return DesignChoice(chosen, "sample_size", None, f"{patients} patients stated")
    for name in item.publication_types:
        if name.lower().startswith("clinical trial"):
            return DesignChoice("cohort", "publication_type", None, name)
    return DesignChoice("other", "default", None, "no design signal")


def registered_design(registry: Registry) -> str | None:
    """Return the design a registration declares: allocation, model and study type."""
    allocation = (registry.allocation or "").upper().replace(" ", "_").replace("-", "_")
    study_type = (registry.study_type or "").upper()
    if allocation == "RANDOMIZED":
        return "rct"
    if allocation in ("NON_RANDOMIZED", "NONRANDOMIZED"):
        return "controlled_trial"
    if study_type == "OBSERVATIONAL":
        model = (registry.observational_model or "").upper()
        return "case_series" if model in ("CASE_ONLY", "CASE_ONLY_") else "cohort"
    if study_type == "INTERVENTIONAL":
        model = (registry.intervention_model or "").upper()
        return "controlled_trial" if model == "CROSSOVER" else "cohort"
    if study_type.startswith("EXPANDED"):
        return "other"
    return None
