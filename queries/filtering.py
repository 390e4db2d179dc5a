"""The filter options every query command shares, and the filters they make."""

# No "from __future__ import annotations": the option types are read at run time and
# copied onto the commands' signatures.
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, get_type_hints

import typer
from sqlmodel import Session

from kb.query import Filters, make_filters, parse_since
from kb.tagging.taxonomy import Taxonomy

IndicationOption = Annotated[
    list[str] | None,
    typer.Option("--indication", help="Indication id (repeat: any of them).", metavar="ID"),
]
ComplicationOption = Annotated[
    list[str] | None,
    typer.Option("--complication", help="Complication id (repeat: any of them).", metavar="ID"),
]
OutcomeOption = Annotated[
    list[str] | None,
    typer.Option("--outcome", help="Outcome id (repeat: any of them).", metavar="ID"),
]
DesignOption = Annotated[
    list[str] | None,
    typer.Option("--design", help="Design id (repeat: any of them).", metavar="ID"),
]
YearOption = Annotated[
    str | None, typer.Option("--year", help="A year or a range: 2015:2024, 2015:, :2010.")
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source", help="Found in this database (PubMed, Embase, ctgov...).", metavar="DB"
    ),
]
TextOption = Annotated[
    str | None, typer.Option("--text", help="Words that must all be in the title or abstract.")
]
NewSinceOption = Annotated[
    str | None,
    typer.Option("--new-since", help='Works first seen since DATE, or "last-run".', metavar="DATE"),
]
RetractedOption = Annotated[
    str,
    typer.Option(help="Retracted works: include, exclude (default) or only. Always marked."),
]
RelevantOption = Annotated[
    bool, typer.Option("--relevant-only", help="Only works about intrathecal baclofen.")
]
StudyOption = Annotated[
    bool, typer.Option("--study", help="One row per study (a registration and its papers).")
]


@dataclass(frozen=True)
class FilterArgs:
    """The filter options as given on the command line (checked by build())."""

    indication: list[str] | None = None
    complication: list[str] | None = None
    outcome: list[str] | None = None
    design: list[str] | None = None
    year: str | None = None
    source: list[str] | None = None
    text: str | None = None
    new_since: str | None = None
    retracted: str = "exclude"
    relevant_only: bool = False
    study: bool = False

    def build(self, session: Session, taxonomy: Taxonomy) -> Filters:
        """Return the checked Filters; unknown ids and bad years are errors."""
        return make_filters(
            taxonomy,
            indication=self.indication or (),
            complication=self.complication or (),
            outcome=self.outcome or (),
            design=self.design or (),
            year=self.year,
            source=self.source or (),
            text=self.text,
            new_since=parse_since(session, self.new_since) if self.new_since else None,
            retracted=self.retracted,
            relevant_only=self.relevant_only,
            study=self.study,
        )


def _template(
    indication: IndicationOption = None,
    complication: ComplicationOption = None,
    outcome: OutcomeOption = None,
    design: DesignOption = None,
    year: YearOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    new_since: NewSinceOption = None,
    retracted: RetractedOption = "exclude",
    relevant_only: RelevantOption = False,
    study: StudyOption = False,
) -> None:
    """The shared filter options (their signature is copied onto commands)."""


_PARAMETERS = list(inspect.signature(_template).parameters.values())
_HINTS = get_type_hints(_template, include_extras=True)

R = TypeVar("R")


NO_FILTERS = FilterArgs()


def with_filters(command: Callable[..., R]) -> Callable[..., R]:
    """Give COMMAND the shared filter options; it receives them as FILTER_ARGS."""
    signature = inspect.signature(command)
    own = [p for p in signature.parameters.values() if p.name != "filter_args"]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        given = {p.name: kwargs.pop(p.name, p.default) for p in _PARAMETERS}
        return command(*args, filter_args=FilterArgs(**given), **kwargs)

    hints = get_type_hints(command, include_extras=True)
    hints.pop("filter_args", None)
    wrapper.__annotations__ = {**hints, **_HINTS}
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p.replace(annotation=hints.get(p.name, p.annotation)) for p in own]
        + [p.replace(annotation=_HINTS[p.name]) for p in _PARAMETERS]
    )
    return wrapper
