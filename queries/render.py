"""Rows to text: a terminal table that fits the width, Markdown, CSV, TSV, JSON, JSONL, one
self-contained sortable HTML file, and XLSX. Pure: rows in, text or bytes out."""

from __future__ import annotations

import csv
import html
import io
import json
import re
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
) -> str | bytes:
    """Return ROWS (only COLUMNS, in order) in TABLE_FORMAT; XLSX is bytes. CSV and TSV
    are Excel-safe (no cell starts a formula) unless RAW; XLSX cells are never formulas."""
    if table_format == "terminal":
        return _terminal(rows, columns, title, width)
    if table_format == "markdown":
        return _markdown(rows, columns, title)
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
        return _html(rows, columns, title)
    if table_format == "xlsx":
        return _xlsx(rows, columns, title)
    raise ValueError(f"unknown table format {table_format}")


def _plain(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return {c: (row[c]["text"] if isinstance(row.get(c), dict) else row.get(c)) for c in columns}


def _terminal(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str, width: int | None
) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, expand=False)
    for index, column in enumerate(columns):
        if index == 0:  # the row's name (a citation, an id of a map's facet) stays whole
            longest = max((len(cell_text(row.get(column))) for row in rows), default=0)
            table.add_column(column, no_wrap=True, min_width=min(30, max(longest, len(column))))
            continue
        if column == "title":  # one line each: the full title is in every other format
            table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=70)
            continue
        wrap = column in ("indication", "outcome", "complication", "ids", "sources")
        table.add_column(column, overflow="fold" if wrap else "ellipsis", no_wrap=not wrap)
    for row in rows:
        table.add_row(*(cell_text(row.get(c)) for c in columns))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 160, color_system=None, force_terminal=False)
    console.print(table)
    return buffer.getvalue()


def _markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str) -> str:
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    lines = [f"## {escape(title)}", ""] if title else []
    lines.append("| " + " | ".join(columns) + " |")
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


def _html(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
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


def _xlsx(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # Sheet names are at most 31 characters, without : \ / ? * [ ].
    sheet.title = re.sub(r"[:\\/?*\[\]]", " ", title or "itb")[:31].strip() or "itb"
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values: list[Any] = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, int | float) and not isinstance(value, bool):
                values.append(value)
            else:
                values.append(cell_text(value))
        sheet.append(values)
        # openpyxl makes any text starting with "=" a formula: data are always text.
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
