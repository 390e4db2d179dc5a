"""Property-based tests: any input to a reader or a filter gives records or a one-line error.

Inputs are the real files of tests/data, damaged the ways files are damaged (cut short,
bytes inserted, a slice dropped or repeated, another encoding's bytes) and random text.
Every reader is reached the way `itb import` and `itb dedupe` reach it: decode, detect the
format by content, read every record. The only acceptable failure is an EvidenceError with
a one-line message and exit code 3; anything else is a bug. Hypothesis runs derandomized
(the same examples on every run, so CI is repeatable); HYPOTHESIS_PROFILE=deep searches more.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harvester.ctgov_json import iter_studies
from harvester.errors import EvidenceError
from harvester.file_formats import read_records
from harvester.files import BadRecord, decode_file, detect_format
from harvester.medline import iter_medline
from harvester.pubmed_xml import iter_pubmed_xml
from harvester.records import RawRecord
from kb.query import make_filters, parse_years
from kb.tagging.taxonomy import load_taxonomy

from datafiles import CTGOV, DATA, FORMATS, MEDLINE, PUBMED

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

MAX_SEED = 60_000  # long files are cut to their first bytes: the damage matters, not the bulk


def seeds(*paths: Path) -> list[bytes]:
    return [p.read_bytes()[:MAX_SEED] for p in paths]


SEEDS = {
    "pubmed-xml": seeds(*sorted(PUBMED.glob("*.xml")), DATA / "pubmed" / "edge_cases.xml"),
    "medline": seeds(*sorted(MEDLINE.iterdir()), DATA / "imports" / "sygma1_29768149.nbib"),
    "ris": seeds(*sorted((DATA / "imports").glob("*.ris"))),
    "bibtex": seeds(DATA / "imports" / "zotero.bib"),
    "csv": seeds(
        *sorted((DATA / "imports").glob("*.csv")),
        *sorted((FORMATS / "pubmed").glob("*.csv")),
        *sorted(CTGOV.glob("*.csv")),
        DATA / "dedup_sample" / "records.csv",
    ),
    "ctgov-json": seeds(*sorted(CTGOV.glob("*.json"))),
    "csl-json": seeds(DATA / "imports" / "zotero_csl.json"),
}


@st.composite
def damaged(draw: st.DrawFn, corpus: list[bytes]) -> bytes:
    """A real file with up to three kinds of damage applied."""
    data = draw(st.sampled_from(corpus))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "drop", "repeat", "latin1"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(max_size=40)) + data[at:]
        elif kind == "drop":
            data = data[:at] + data[at + draw(st.integers(1, 400)) :]
        elif kind == "repeat":
            data = data[:at] + data[at : at + draw(st.integers(1, 400))] * 2 + data[at:]
        else:
            data = data[:at] + "é–ü®".encode("latin-1", "replace") + data[at:]
    return data


def one_line(exc: EvidenceError) -> None:
    text = str(exc)
    assert text and "\n" not in text, repr(text)
    assert exc.exit_code == 3, (type(exc).__name__, text)


def read_file(data: bytes, name: str) -> list[RawRecord | BadRecord]:
    """Import DATA as `itb import` does: decode, detect the format, read every record."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        decoded = decode_file(path)
        fmt = detect_format(decoded.head, path)
        return list(read_records(decoded, fmt, "fuzz"))


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_any_damaged_export_gives_records_or_a_one_line_error(fmt: str) -> None:
    suffix = {
        "pubmed-xml": "xml",
        "medline": "nbib",
        "bibtex": "bib",
        "ctgov-json": "json",
        "csl-json": "json",
    }

    @given(damaged(SEEDS[fmt]))
    def check(data: bytes) -> None:
        try:
            items = read_file(data, f"export.{suffix.get(fmt, fmt)}")
        except EvidenceError as exc:
            one_line(exc)
            return
        for item in items:
            assert isinstance(item, RawRecord | BadRecord)
            if isinstance(item, RawRecord):
                assert item.source_key and isinstance(item.fields, dict)

    check()


@given(st.binary(max_size=2000), st.sampled_from(["x.ris", "x.csv", "x.xml", "x.nbib", "x.txt"]))
def test_any_bytes_at_all_give_records_or_a_one_line_error(data: bytes, name: str) -> None:
    try:
        read_file(data, name)
    except EvidenceError as exc:
        one_line(exc)


@given(damaged(SEEDS["pubmed-xml"]), st.integers(1, 5000))
def test_pubmed_xml_from_the_network_in_any_chunks_gives_records_or_a_one_line_error(
    data: bytes, chunk: int
) -> None:
    pieces = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    try:
        list(iter_pubmed_xml(pieces, origin="efetch"))
    except EvidenceError as exc:
        one_line(exc)


@given(damaged(SEEDS["medline"]))
def test_medline_text_gives_records_or_a_one_line_error(data: bytes) -> None:
    try:
        list(iter_medline(data.decode("utf-8", "replace"), origin="efetch"))
    except EvidenceError as exc:
        one_line(exc)


@given(damaged(SEEDS["ctgov-json"]))
def test_ctgov_json_gives_studies_or_a_one_line_error(data: bytes) -> None:
    try:
        list(iter_studies(data.decode("utf-8", "replace"), "ClinicalTrials.gov"))
    except EvidenceError as exc:
        one_line(exc)


TAXONOMY = load_taxonomy()
IDS = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(TAXONOMY.ids("indication"))))


@given(
    indication=IDS,
    design=st.lists(st.text(max_size=12)),
    year=st.one_of(st.none(), st.text(max_size=12), st.from_regex(r"\d{0,5}:?\d{0,5}")),
    text=st.one_of(st.none(), st.text(max_size=40)),
    retracted=st.one_of(st.sampled_from(["include", "exclude", "only"]), st.text(max_size=8)),
)
def test_any_query_filter_gives_filters_or_a_one_line_error(
    indication: list[str], design: list[str], year: str | None, text: str | None, retracted: str
) -> None:
    try:
        filters = make_filters(
            TAXONOMY, indication=indication, design=design, year=year, text=text,
            retracted=retracted,
        )  # fmt: skip
    except EvidenceError as exc:
        one_line(exc)
        return
    assert set(filters.indication) <= set(TAXONOMY.ids("indication"))
    if filters.year_from and filters.year_to:
        assert filters.year_from <= filters.year_to


@given(st.text(max_size=30))
def test_any_year_text_gives_years_or_a_one_line_error(text: str) -> None:
    try:
        parse_years(text)
    except EvidenceError as exc:
        one_line(exc)
