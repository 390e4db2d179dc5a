"""Pictures for a manuscript: the PRISMA 2020 flow diagram, the evidence map as a shaded
grid, and works per year by design. Pure: counts in, SVG, PNG or PDF bytes out.

Drawn with matplotlib's object interface (a Figure of its own per picture, no pyplot state,
the Agg canvas: no screen needed). SVG keeps its text as text (readable, searchable,
editable in Inkscape or Illustrator, and shown in a page's DOM); PDF embeds its fonts as
TrueType; none of the three carries a creation date, so the same counts give the same file.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harvester.errors import EvidenceError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PICTURE_FORMATS = ("svg", "png", "pdf")
# Colour-blind-safe (Okabe-Ito), one per design in the order of the manual.
DESIGN_COLOURS = {
    "trial_registration": "#999999", "rct": "#0072B2", "controlled_trial": "#56B4E9",
    "systematic_review": "#009E73", "review": "#8FD3B8", "guideline": "#F0E442",
    "cohort": "#E69F00", "case_series": "#D55E00", "case_report": "#CC79A7",
    "other": "#444444",
}  # fmt: skip
UNKNOWN = "n = ?"


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "itb",
            "pdf.fonttype": 42,
            "font.family": "DejaVu Sans",
            "font.size": 9,
        }
    ):
        yield


def _save(figure: Figure, picture_format: str) -> bytes:
    if picture_format not in PICTURE_FORMATS:
        raise ValueError(f"unknown picture format {picture_format}")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    metadatas: dict[str, dict[str, Any]] = {
        "svg": {"Date": None, "Creator": "itb"},
        "pdf": {"CreationDate": None, "Creator": "itb"},
        "png": {"Software": "itb"},
    }
    metadata = metadatas[picture_format]
    buffer = io.BytesIO()
    figure.savefig(buffer, format=picture_format, metadata=metadata, dpi=200)
    return buffer.getvalue()


def _n(value: Any) -> str:
    return UNKNOWN if value is None or value == "" else f"n = {int(value):,}"


def _specific(text: str | None) -> list[str]:
    """Return "PubMed, 200; Embase, 25" as lines "PubMed (n = 200)"."""
    lines = []
    for part in (text or "").split(";"):
        name, _, count = part.strip().rpartition(",")
        if name.strip():
            # No-break spaces: an SVG viewer collapses plain leading spaces.
            lines.append(f"\u00a0\u00a0{name.strip()} (n = {int(count.strip()):,})")
    return lines


def prisma_figure(counts: dict[str, Any], picture_format: str) -> bytes:
    """Return the PRISMA 2020 flow diagram (new systematic reviews, databases and registers)
    of COUNTS (itb prisma's keys). Boxes that itb cannot know (screening, retrieval,
    eligibility, inclusion) show their PRISMA counts when the counts hold them, else
    "n = ?" in a dashed box for the review team to fill."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    identified = [
        f"Databases ({_n(counts.get('database_results'))})",
        *_specific(counts.get("database_specific_results")),
        f"Registers ({_n(counts.get('register_results'))})",
        *_specific(counts.get("register_specific_results")),
    ]
    removed = [
        f"Duplicate records removed ({_n(counts.get('duplicates'))})",
        "Records marked as ineligible by",
        f"automation tools ({_n(counts.get('excluded_automatic'))})",
        f"Records removed for other reasons ({_n(counts.get('excluded_other'))})",
    ]
    # (left box lines, right box lines, keys that make the row known)
    rows: list[tuple[list[str], list[str], tuple[str, ...]]] = [
        (["Records identified from:", *identified], ["Records removed before screening:", *removed],
         ("database_results",)),
        (["Records screened", f"({_n(counts.get('records_screened'))})"],
         ["Records excluded", f"({_n(counts.get('records_excluded'))})"],
         ("records_screened",)),
        (["Reports sought for retrieval", f"({_n(counts.get('dbr_sought_reports'))})"],
         ["Reports not retrieved", f"({_n(counts.get('dbr_notretrieved_reports'))})"],
         ("dbr_sought_reports",)),
        (["Reports assessed for eligibility", f"({_n(counts.get('dbr_assessed'))})"],
         ["Reports excluded", f"({_n(counts.get('dbr_excluded'))})"],
         ("dbr_assessed",)),
        (["Studies included in review", f"({_n(counts.get('new_studies'))})",
          "Reports of included studies", f"({_n(counts.get('new_reports'))})"], [],
         ("new_studies",)),
    ]  # fmt: skip
    heights = [max(len(left), len(right)) * 0.2 + 0.3 for left, right, _ in rows]
    gap = 0.35
    total = sum(heights) + gap * (len(rows) - 1) + 0.9
    with _style():
        figure = Figure(figsize=(7.5, total))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, 7.5)
        axes.set_ylim(0, total)
        axes.axis("off")
        axes.text(0.35 + 6.9 / 2, total - 0.3, "Identification of new studies via databases "
                  "and registers", ha="center", va="center", fontsize=10, weight="bold",
                  gid="prisma-title")  # fmt: skip
        top = total - 0.65
        phases = ("Identification", "Screening", "Screening", "Screening", "Included")
        centres: list[float] = []
        for index, ((left, right, keys), height) in enumerate(zip(rows, heights, strict=True)):
            known = all(counts.get(k) not in (None, "") for k in keys)
            line_style = "-" if known else "--"
            edge = "#222222" if known else "#888888"
            bottom = top - height
            centres.append(bottom + height / 2)
            for x, width, lines, room in ((1.0, 3.3, left, 50), (4.7, 2.6, right, 34)):
                if not lines:
                    continue
                axes.add_patch(FancyBboxPatch((x, bottom), width, height,
                                              boxstyle="square,pad=0", facecolor="white",
                                              linewidth=1, linestyle=line_style,
                                              edgecolor=edge))  # fmt: skip
                text = "\n".join(
                    wrapped
                    for line in lines
                    for wrapped in textwrap.wrap(line, room, subsequent_indent="\u00a0\u00a0")
                    or [""]
                )
                axes.text(x + 0.12, bottom + height / 2, text, va="center", ha="left",
                          linespacing=1.35, color="#000000" if known else "#555555")  # fmt: skip
            if right:
                axes.annotate("", xy=(4.7, bottom + height / 2), xytext=(4.3, bottom + height / 2),
                              arrowprops={"arrowstyle": "-|>", "color": "#222222"})  # fmt: skip
            if index:
                axes.annotate("", xy=(2.65, top), xytext=(2.65, top + gap),
                              arrowprops={"arrowstyle": "-|>", "color": "#222222"})  # fmt: skip
            top = bottom - gap
        # The phase bars down the left edge (PRISMA's blue labels).
        spans: dict[str, list[float]] = {}
        for phase, centre, height in zip(phases, centres, heights, strict=True):
            spans.setdefault(phase, []).extend([centre - height / 2, centre + height / 2])
        for phase, ends in spans.items():
            low, high = min(ends), max(ends)
            axes.add_patch(FancyBboxPatch((0.15, low), 0.5, high - low, boxstyle="round,pad=0.02",
                                          facecolor="#A7C7E7", edgecolor="#5B8DB8"))  # fmt: skip
            axes.text(0.4, (low + high) / 2, phase, rotation=90, ha="center", va="center",
                      weight="bold")  # fmt: skip
        return _save(figure, picture_format)


def map_figure(
    data: dict[str, Any],
    row_labels: dict[str, str],
    column_labels: dict[str, str],
    picture_format: str,
    title: str = "",
) -> bytes:
    """Return the evidence map DATA (kb.maps.evidence_map) as a shaded grid: one cell per
    pair, darker for more works, the count written in every non-empty cell, totals on the
    right and along the bottom."""
    from matplotlib.figure import Figure

    rows, columns = list(data["rows"]), list(data["columns"])
    counts = {(c["row"], c["column"]): c["count"] for c in data["cells"]}
    grid = [[counts.get((r, c), 0) for c in columns] for r in rows]
    peak = max((max(line) for line in grid if line), default=0) or 1
    names_r = ["\n".join(textwrap.wrap(row_labels.get(r, r), 28)) for r in rows]
    names_c = ["\n".join(textwrap.wrap(column_labels.get(c, c), 16)) for c in columns]
    width = 2.6 + 0.62 * (len(columns) + 1)
    height = 1.6 + 0.36 * (len(rows) + 1)
    with _style():
        figure = Figure(figsize=(max(width, 4.0), max(height, 2.2)), layout="constrained")
        axes = figure.add_subplot()
        if rows and columns:
            axes.imshow(grid, cmap="Blues", vmin=0, vmax=peak * 1.15, aspect="auto")
        for i, line in enumerate(grid):
            for j, value in enumerate(line):
                if value:
                    colour = "white" if value > peak * 0.6 else "#08306B"
                    axes.text(j, i, str(value), ha="center", va="center", color=colour)
        for i, row in enumerate(rows):
            axes.text(len(columns) - 0.3, i, str(data["row_totals"].get(row, 0)), ha="left",
                      va="center", weight="bold")  # fmt: skip
        for j, column in enumerate(columns):
            axes.text(j, len(rows) - 0.3, str(data["column_totals"].get(column, 0)), ha="center",
                      va="top", weight="bold")  # fmt: skip
        axes.text(len(columns) - 0.3, len(rows) - 0.3, f"{data['total']} total", ha="left",
                  va="top", weight="bold")  # fmt: skip
        axes.set_xticks(range(len(columns)), names_c, rotation=45, ha="left")
        axes.set_yticks(range(len(rows)), names_r)
        axes.xaxis.tick_top()
        axes.tick_params(length=0)
        axes.set_xlim(-0.5, len(columns) - 0.5 + 0.9)
        axes.set_ylim(len(rows) - 0.5 + 0.6, -0.5)
        for side in axes.spines.values():
            side.set_visible(False)
        unit = "studies" if data.get("unit") == "study" else "works"
        axes.set_xlabel(f"{title or data['columns_facet']} ({unit})")
        if not rows or not columns:
            axes.text(0, 0, "no works to map", ha="center", va="center")
        return _save(figure, picture_format)


def years_figure(data: dict[str, Any], design_labels: dict[str, str], picture_format: str) -> bytes:
    """Return works per year by design as stacked bars; DATA is the year x design map (every
    year from the first to the last, empty years too)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    years = [y for y in data["rows"] if y.isdigit()]
    designs = [d for d in DESIGN_COLOURS if d in data["columns"]] + [
        d for d in data["columns"] if d not in DESIGN_COLOURS
    ]
    counts = {(c["row"], c["column"]): c["count"] for c in data["cells"]}
    with _style():
        figure = Figure(figsize=(max(5.5, 3.0 + 0.2 * len(years)), 3.4), layout="constrained")
        axes = figure.add_subplot()
        base = [0] * len(years)
        positions = [int(y) for y in years]
        for design in designs:
            heights = [counts.get((y, design), 0) for y in years]
            axes.bar(positions, heights, bottom=base, width=0.8, label=design_labels.get(design,
                     design), color=DESIGN_COLOURS.get(design, "#777777"))  # fmt: skip
            base = [b + h for b, h in zip(base, heights, strict=True)]
        axes.set_ylabel("works" if data.get("unit") != "study" else "studies")
        axes.set_xlabel("publication year")
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        if years:
            axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        else:
            axes.text(0.5, 0.5, "no works with a year", ha="center", va="center",
                      transform=axes.transAxes)  # fmt: skip
        return _save(figure, picture_format)


def picture_format_of(requested: str | None, output_suffix: str) -> str | None:
    """Return the picture format asked for, or given by the output file's suffix."""
    if requested in PICTURE_FORMATS:
        return requested
    suffix = output_suffix.lower().lstrip(".")
    return suffix if requested is None and suffix in PICTURE_FORMATS else None


def picture_format(
    requested: str | None, output: Path | None, default: str | None = None
) -> str | None:
    """Return the picture format asked for, else the one -o's suffix names, else DEFAULT
    (when no file is named); an unknown format or a file suffix that names none is an
    error."""
    if requested is not None and requested not in PICTURE_FORMATS:
        raise EvidenceError(
            f'unknown picture format "{requested}"; use one of {", ".join(PICTURE_FORMATS)}'
        )
    if requested is not None:
        return requested
    if output is None:
        return default
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in PICTURE_FORMATS:
        raise EvidenceError(
            f"cannot tell the picture's format from {output.name}: name it .svg, .png or .pdf "
            "or give --format"
        )
    return suffix


def as_output(data: bytes, picture_format: str) -> str | bytes:
    """Return SVG as text (it may go to stdout); PNG and PDF stay bytes (they need -o)."""
    return data.decode("utf-8") if picture_format == "svg" else data
