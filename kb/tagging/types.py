"""The types every part of the tagger shares: what it reads (TagInput: sections, registry
fields) and what it decides (mentions, design, sample size, the result). Pure; imports no
other part of the tagger, so that the parts import it and not one another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from kb.tagging.taxonomy import MeshTerm


@dataclass(frozen=True)
class Section:
    """A part of an abstract: its label as printed, NLM's category, its text."""

    label: str | None
    category: str | None
    text: str


@dataclass(frozen=True)
class Registry:
    """What a registry record says that tagging reads."""

    conditions: tuple[str, ...] = ()
    condition_mesh: tuple[MeshTerm, ...] = ()
    keywords: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    adverse_events: tuple[str, ...] = ()
    summary: str = ""
    study_type: str | None = None
    allocation: str | None = None
    intervention_model: str | None = None
    observational_model: str | None = None
    enrollment: int | None = None
    enrollment_type: str | None = None


@dataclass(frozen=True)
class TagInput:
    """A work as the tagger sees it: the union of its source records' signals."""

    title: str
    abstract: tuple[Section, ...] = ()
    mesh: tuple[MeshTerm, ...] = ()
    publication_types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    registry: Registry | None = None
    kind: str = "article"


class Mention(NamedTuple):
    """Words that signal an id; QUALIFIER None means a tag, else negated/hypothetical/context.
    (A named tuple: tens of them are made per record, and tuples are made fastest.)"""

    facet: str
    id: str
    field: str
    section: str | None
    text: str
    qualifier: str | None = None


@dataclass(frozen=True)
class SampleSize:
    """A number of participants; SOURCE is "actual"/"estimated" (registry) or "stated"."""

    value: int
    source: str
    evidence: str
    rule: str = ""  # which of the coding manual's N rules gave it
    sentence: str = ""  # the sentence it was read from


@dataclass(frozen=True)
class DesignCue:
    """A design's pattern found in the title or the abstract."""

    design: str
    where: str  # "title": a title pattern; "text": a pattern of title and abstract
    section: str
    text: str


@dataclass(frozen=True)
class DesignChoice:
    """The chosen design and what decided it."""

    id: str
    field: str
    section: str | None
    text: str


@dataclass(frozen=True)
class TagResult:
    """Everything the tagger decided about one work."""

    mentions: tuple[Mention, ...]
    design: Mention
    sample_size: SampleSize | None
    relevant: bool
    relevance_evidence: str | None
    registered_design: str | None = None
    design_rule: str = ""  # the step of the design order that decided, in words
    design_sentence: str = ""  # the sentence its words came from

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Sent between processes as plain tuples: pickled as named tuples and dataclasses,
        # each mention a call back into Python, the results of 20,000 works took 0.5 s of
        # the workers' time, as tuples 0.2 s
        size = self.sample_size
        return _tag_result, (
            tuple(map(tuple, self.mentions)),
            tuple(self.design),
            None if size is None else (size.value, size.source, size.evidence, size.rule,
                                       size.sentence),
            (self.relevant, self.relevance_evidence, self.registered_design, self.design_rule,
             self.design_sentence),
        )  # fmt: skip

    def ids(self, facet: str) -> list[str]:
        """Return the asserted ids of FACET, sorted."""
        if facet == "design":
            return [self.design.id]
        return sorted({m.id for m in self.mentions if m.facet == facet and m.qualifier is None})


def _tag_result(
    mentions: tuple[tuple[str, ...], ...],
    design: tuple[str, ...],
    size: tuple[Any, ...] | None,
    rest: tuple[Any, ...],
) -> TagResult:
    """Return the TagResult TagResult.__reduce__ took apart."""
    made = tuple.__new__
    return TagResult(
        tuple([made(Mention, mention) for mention in mentions]),
        made(Mention, design),
        None if size is None else SampleSize(*size),
        *rest,
    )
