"""Rows to text: a terminal table that fits the width, Markdown, CSV, TSV, JSON, JSONL, one
self-contained sortable HTML file, and XLSX. Pure: rows in, text or bytes out."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

TABLE_FORMATS = ("terminal", "markdown", "csv", "tsv", "json", "jsonl", "html", "xlsx")


# What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(text: str) -> str:
    """Return TEXT so that Excel, LibreOffice and Sheets show it and never run it: a cell
    starting with = + - @, a tab or a carriage return gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Any, safe: bool) -> str:
    text = cell_text(value)
    if not safe or (isinstance(value, int | float) and not isinstance(value, bool)):
        return text
    return excel_safe(text)


def cell_text(value: Any) -> str:
    """Return a cell as text: lists joined with ", ", None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return " ".join(str(value).split())


def render(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    table_format: str,
    title: str = "",
    width: int | None = None,
    raw: bool = False,
    headers: dict[str, str] | None = None,
) -> str | bytes:
    """Return ROWS (only COLUMNS, in order) in TABLE_FORMAT; XLSX is bytes. CSV and TSV
    are Excel-safe (no cell starts a formula) unless RAW; XLSX cells are never formulas.
    HEADERS names columns for people (terminal, Markdown, HTML, XLSX); the machine formats
    keep the column names."""
    if table_format == "terminal":
        return _terminal(rows, columns, title, width, headers)
    if table_format == "markdown":
        return _markdown(rows, columns, title, headers)
    if table_format in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter="," if table_format == "csv" else "\t", lineterminator="\n"
        )
        writer.writerow(columns)
        writer.writerows([_csv_cell(row.get(c), not raw) for c in columns] for row in rows)
        return buffer.getvalue()
    if table_format == "json":
        return (
            json.dumps([_plain(row, columns) for row in rows], indent=2, ensure_ascii=False) + "\n"
        )
    if table_format == "jsonl":
        return "".join(json.dumps(_plain(row, columns), ensure_ascii=False) + "\n" for row in rows)
    if table_format == "html":
        return _html(rows, columns, title, headers)
    if table_format == "xlsx":
        return _xlsx(rows, columns, title, headers)
    raise ValueError(f"unknown table format {table_format}")


def _plain(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return {c: (row[c]["text"] if isinstance(row.get(c), dict) else row.get(c)) for c in columns}


# Columns that give way when a terminal is too narrow, first to last: the title shortens to
# TITLE_ROOM, then the columns of METADATA leave, then the title moves under its row, then
# the facets leave (the row's name, the first column, always stays).
METADATA = (
    "sources", "ids", "works", "study", "relevant", "retracted", "doi", "pmid", "nct", "phase",
    "status", "year",
)  # fmt: skip
FACETS = ("complication", "outcome", "n", "indication", "design")
TITLE_ROOM = 30
TITLE_MIN = 16
TITLE_MAX = 90
TITLE_SHARE = 60
ROW_NAME_MAX = 30
GAP = "  "
HUMAN_FORMATS = ("terminal", "markdown", "html", "xlsx")


def terminal_width() -> int:
    """Return the width to draw for: COLUMNS where set, the terminal's width on a terminal,
    100 when the output goes to a file or a pipe."""
    return shutil.get_terminal_size((100, 24)).columns


def _pieces(value: Any) -> list[str]:
    """Return a cell's items: the entries of a list, the links of an id cell, else one."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [cell_text(v) for v in value if cell_text(v)]
    if isinstance(value, dict):
        links = value.get("links")
        return [str(text) for text, _ in links] if links else _pieces(value.get("text"))
    return [cell_text(value)]


def _narrowest(items: list[str]) -> int:
    """Return the least width that shows ITEMS without breaking a word (or an id)."""
    texts = [item + ("," if i < len(items) - 1 else "") for i, item in enumerate(items)]
    return max((len(word) for text in texts for word in text.split()), default=0)


def _wrap_items(items: list[str], width: int) -> list[str]:
    """Return ITEMS as lines of at most WIDTH: a list wraps at its commas; an item longer
    than a line wraps at its own spaces, never inside a word or an id."""
    lines: list[str] = []
    current = ""
    for index, item in enumerate(items):
        text = item + ("," if index < len(items) - 1 else "")
        if current and len(current) + 1 + len(text) <= width:
            current += " " + text
            continue
        if current:
            lines.append(current)
        parts = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
        lines.extend(parts[:-1])
        current = parts[-1] if parts else ""
    if current:
        lines.append(current)
    return lines


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def _terminal(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    title: str,
    width: int | None,
    headers: dict[str, str] | None = None,
) -> str:
    """Return a plain-text table that fits WIDTH (default: terminal_width()): no column is
    narrower than its longest word or id, so none is ever broken; when they cannot all fit,
    the title shortens, then columns give way (METADATA), then the title moves to a line of
    its own under each row, then FACETS give way; a note under the table names what was
    left out. Lists wrap at their commas."""
    width = width or terminal_width()
    names = {c: (headers or {}).get(c, c) for c in columns}
    cells = [{c: _pieces(row.get(c)) for c in columns} for row in rows]
    numeric = {
        c for c in columns
        if any(isinstance(r.get(c), int | float) and not isinstance(r.get(c), bool) for r in rows)
        and all(r.get(c) is None or isinstance(r.get(c), int | float) for r in rows)
    }  # fmt: skip
    least: dict[str, int] = {}
    natural: dict[str, int] = {}
    for column in columns:
        texts = [c[column] for c in cells]
        longest = max((len(", ".join(t)) for t in texts), default=0)
        head = max(len(word) for word in names[column].split() or [""])
        if column == "title":
            least[column] = min(TITLE_ROOM, max(longest, len(names[column])))
            natural[column] = max(min(longest, TITLE_MAX), len(names[column]))
            continue
        least[column] = max(head, max((_narrowest(t) for t in texts), default=0))
        natural[column] = max(longest, len(names[column]))
    kept = list(columns)
    left_out: list[str] = []

    def needed() -> int:
        return sum(least[c] for c in kept) + len(GAP) * (len(kept) - 1)

    def give_way(order: Sequence[str]) -> None:
        for column in order:
            if needed() <= width:
                return
            if column in kept[1:]:
                kept.remove(column)
                left_out.append(column)

    empty = [c for c in columns[1:] if not any(cell[c] for cell in cells)]
    give_way(empty + [c for c in METADATA if c not in empty])
    below = "title" in kept[1:] and needed() > width
    if below:  # the title gets a line of its own under each row, as wide as the window
        kept.remove("title")
    give_way(FACETS)
    give_way([c for c in kept[::-1] if c != "total"])  # a map's columns: rightmost first
    widths = {c: least[c] for c in kept}
    spare = width - needed()
    first = kept[0]  # the row's name reads best on one line
    grow = min(spare, max(0, min(natural[first], ROW_NAME_MAX) - widths[first]))
    widths[first] += grow
    spare -= grow
    if "title" in widths:  # then the title, the most telling column, up to TITLE_SHARE
        grow = min(spare, max(0, min(natural["title"], TITLE_SHARE) - widths["title"]))
        widths["title"] += grow
        spare -= grow
    wants = {c: natural[c] - widths[c] for c in kept if natural[c] > widths[c]}
    while spare > 0 and wants:
        total = sum(wants.values())
        for column, want in list(wants.items()):
            extra = min(max(1, want * spare // total), want, spare)
            widths[column] += extra
            wants[column] -= extra
            spare -= extra
            if spare == 0:
                break
        wants = {c: w for c, w in wants.items() if w > 0}

    def line(parts: dict[str, str]) -> str:
        out = []
        for column in kept:
            text = parts.get(column, "")
            out.append(
                text.rjust(widths[column]) if column in numeric else text.ljust(widths[column])
            )
        return GAP.join(out).rstrip()

    def block(lines: dict[str, list[str]]) -> list[str]:
        height = max((len(b) for b in lines.values()), default=0) or 1
        return [line({c: (b[i] if i < len(b) else "") for c, b in lines.items()})
                for i in range(height)]  # fmt: skip

    body: list[list[str]] = []
    for cell in cells:
        lines = {
            c: ([_shorten(", ".join(cell[c]), widths[c])] if cell[c] else [])
            if c == "title"
            else _wrap_items(cell[c], widths[c])
            for c in kept
        }
        rendered = block(lines)
        if below and cell["title"]:
            room = max(width - 4, TITLE_MIN)
            text = textwrap.wrap(", ".join(cell["title"]), room, break_long_words=False)
            if len(text) > 2:
                text = [text[0], _shorten(" ".join(text[1:]), room)]
            rendered.extend("    " + part for part in text)
        body.append(rendered)
    out = [title] if title else []
    out.extend(block({c: textwrap.wrap(names[c], widths[c]) or [""] for c in kept}))
    out.append(GAP.join("─" * widths[c] for c in kept))
    spaced = below or any(len(b) > 1 for b in body)
    for index, lines_of_row in enumerate(body):
        if spaced and index:
            out.append("")
        out.extend(lines_of_row)
    if not rows:
        out.append("(no rows)")
    if left_out:
        note = (
            f"(left out to fit {width} columns: {', '.join(names[c] for c in left_out)}; "
            "a wider window, -c/--columns or --format csv|html|xlsx shows them)"
        )
        out.extend(textwrap.wrap(note, max(width, 20), break_on_hyphens=False))
    if title:
        out[0:1] = textwrap.wrap(title, max(width, 20)) or [title]
    return "\n".join(out) + "\n"


def _markdown(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    title: str,
    headers: dict[str, str] | None = None,
) -> str:
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    lines = [f"## {escape(title)}", ""] if title else []
    names = [escape((headers or {}).get(c, c)) for c in columns]
    lines.append("| " + " | ".join(names) + " |")
    lines.append("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(escape(cell_text(row.get(c))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


_SORT_SCRIPT = """
document.querySelectorAll("th").forEach((th, index) => th.addEventListener("click", () => {
  const body = th.closest("table").tBodies[0];
  const up = th.dataset.order !== "up";
  th.closest("tr").querySelectorAll("th").forEach(h => delete h.dataset.order);
  th.dataset.order = up ? "up" : "down";
  const key = r => r.cells[index].dataset.sort ?? r.cells[index].textContent.trim();
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    const order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
    return up ? order : -order;
  });
  rows.forEach(r => body.appendChild(r));
}));
"""
_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}"
    "th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:13px}"
    "th{background:#eef;cursor:pointer;position:sticky;top:0}"
    "th[data-order=up]::after{content:' \\25B2'}th[data-order=down]::after{content:' \\25BC'}"
    "tr:nth-child(even){background:#fafafa}"
)


def _html(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    title: str,
    headers: dict[str, str] | None = None,
) -> str:
    head = "".join(f"<th>{html.escape((headers or {}).get(c, c))}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, dict) and value.get("links"):
                inner = ", ".join(
                    f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'
                    for text, href in value["links"]
                )
            else:
                inner = html.escape(cell_text(value))
            sort = value if isinstance(value, int | float) and not isinstance(value, bool) else None
            attribute = f' data-sort="{sort}"' if sort is not None else ""
            cells.append(f"<td{attribute}>{inner}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    heading = html.escape(title or "itb")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{heading}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{heading}</h1><p>{len(rows):,} rows; click a column to sort.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(body)
        + f"\n</tbody></table><script>{_SORT_SCRIPT}</script></body></html>\n"
    )


# Where each kind of identifier leads (tables, spreadsheets, pages).
ID_LINKS = {
    "pmid": "https://pubmed.ncbi.nlm.nih.gov/{}/",
    "pmcid": "https://pmc.ncbi.nlm.nih.gov/articles/{}/",
    "doi": "https://doi.org/{}",
    "nct": "https://clinicaltrials.gov/study/{}",
}
XLSX_MAX_WIDTH = 60


def _xlsx(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    title: str,
    headers: dict[str, str] | None = None,
) -> bytes:
    """Return a workbook people open as is: a bold, frozen header row with an autofilter,
    columns as wide as their content (up to XLSX_MAX_WIDTH, long text wrapped), PMIDs, DOIs
    and NCT ids as hyperlinks, numbers as numbers and no cell a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # Sheet names are at most 31 characters, without : \\ / ? * [ ].
    sheet.title = re.sub(r"[:\\/?*\[\]]", " ", title or "itb")[:31].strip() or "itb"
    sheet.append([(headers or {}).get(c, c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    link_font = Font(color="0563C1", underline="single")
    wrap = Alignment(wrap_text=True, vertical="top")
    widest = {c: len((headers or {}).get(c, c)) for c in columns}
    for row in rows:
        values: list[Any] = []
        links: list[str | None] = []
        for column in columns:
            value = row.get(column)
            href = None
            if isinstance(value, dict) and value.get("links"):
                href = value["links"][0][1]
            elif column in ID_LINKS and value:
                href = ID_LINKS[column].format(value)
            links.append(href)
            if isinstance(value, int | float) and not isinstance(value, bool):
                values.append(value)
            else:
                values.append(cell_text(value))
            widest[column] = max(widest[column], len(cell_text(value)))
        sheet.append(values)
        # openpyxl makes any text starting with "=" a formula: data are always text.
        for cell, href in zip(sheet[sheet.max_row], links, strict=True):
            if cell.data_type == "f":
                cell.data_type = "s"
            if href:
                cell.hyperlink = href
                cell.font = link_font
            if isinstance(cell.value, str) and len(cell.value) > XLSX_MAX_WIDTH:
                cell.alignment = wrap
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            widest[column] + 2, XLSX_MAX_WIDTH
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
