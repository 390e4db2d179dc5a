"""Stored records read again by today's parsers: `itb db reparse` and kb.reparse."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import col, select
from typer.testing import CliRunner, Result

import kb.reparse
from harvester.reparse import NotReadable, reparse
from kb.database import session_scope
from kb.imports import import_file
from kb.models import ManualDecisionRow, RecordVersionRow, SourceRecordRow, TagRow, WorkRow
from kb.reparse import reparse_knowledge_base
from kb.tag_store import correct_tag, tag_knowledge_base
from kb.tagging.taxonomy import load_taxonomy
from kb.verdicts import decide_pair, review_queue
from kb.works import normalize_knowledge_base
from queries.cli import app

from datafiles import DATA, UNCERTAIN_PAIR_CSV

NBIB = DATA / "formats" / "medline" / "blachlylab_pubmed_2021.nbib"
FILES = [
    NBIB,
    *sorted((DATA / "formats" / "medline").glob("*.txt")),
    *sorted((DATA / "formats" / "pubmed").glob("metapub_*.xml")),
    DATA / "formats" / "pubmed" / "biopython_pubmed1.xml",
    DATA / "formats" / "pubmed" / "colrev_pubmed-website-export_pubmed-chatbot.csv",
    DATA / "formats" / "ctgov" / "koy570_website-download_ctg-studies.json",
    DATA / "formats" / "ctgov" / "onlyjazz_website-download_ctg-studies_2022.csv",
    DATA / "pubmed" / "edge_cases.xml",
    *sorted((DATA / "imports").iterdir()),
]
TAXONOMY = load_taxonomy()


def stored_fields(engine: Engine) -> dict[int, dict[str, Any]]:
    with session_scope(engine) as session:
        return {v.id: dict(v.fields or {}) for v in session.exec(select(RecordVersionRow))}


def age(engine: Engine) -> int:
    """Make the stored MEDLINE fields what the parser of 2026-12-03 read: an author's "Jr"
    among the initials, no affiliations. Return how many versions were changed."""
    aged = 0
    with session_scope(engine) as session:
        for version in session.exec(
            select(RecordVersionRow).where(RecordVersionRow.raw_format == "medline")
        ):
            fields = json.loads(json.dumps(version.fields))
            for author in fields.get("authors") or []:
                if author.get("suffix"):
                    author["initials"] = f"{author['initials']} {author.pop('suffix')}"
                author.pop("affiliations", None)
            if fields != version.fields:
                version.fields = fields
                flag_modified(version, "fields")
                aged += 1
    return aged


def test_every_payload_of_the_test_files_reads_again_to_the_fields_it_was_stored_with(
    engine: Engine,
) -> None:
    for path in FILES:
        import_file(engine, path, skip_bad=True)
    before = stored_fields(engine)
    report = reparse_knowledge_base(engine, dry_run=True)
    assert report.versions == len(before) > 800
    assert (report.changed, report.unreadable) == (0, 0), report.summary()
    assert set(report.by_format) == {
        "medline", "pubmed-xml", "pubmed-csv", "ctgov-json", "ctgov-csv", "ris", "bibtex", "csv",
        "csl-json",
    }  # fmt: skip
    assert stored_fields(engine) == before


def test_records_read_by_an_older_parser_gain_todays_fields_and_every_decision_survives(
    engine: Engine, tmp_path: Path
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(UNCERTAIN_PAIR_CSV)
    import_file(engine, NBIB)
    import_file(engine, rows)
    normalize_knowledge_base(engine)
    (pair,) = review_queue(engine)
    decide_pair(engine, pair["pair"], same=True, reason="one paper")
    tag_knowledge_base(engine, TAXONOMY)
    correct_tag(engine, TAXONOMY, "27780867", "add", "indication", "multiple_sclerosis", "read")
    today = stored_fields(engine)
    with session_scope(engine) as session:
        payloads = set(session.exec(select(RecordVersionRow.id, RecordVersionRow.raw_payload)))
        works = session.exec(select(func.count()).select_from(WorkRow)).one()
    assert age(engine) == 75

    report = reparse_knowledge_base(engine)
    assert (report.changed, report.records, report.unreadable) == (75, 75, 0)
    assert report.fields == {"authors": 75}
    assert report.by_format["medline"] == {"read": 75, "changed": 75, "kept": 0}
    assert stored_fields(engine) == today
    again = normalize_knowledge_base(engine)
    assert again.normalized == 75
    tag_knowledge_base(engine, TAXONOMY)
    with session_scope(engine) as session:
        assert set(session.exec(select(RecordVersionRow.id, RecordVersionRow.raw_payload))) == (
            payloads
        )
        assert session.exec(select(func.count()).select_from(WorkRow)).one() == works
        merged = session.exec(
            select(SourceRecordRow.work_id).where(col(SourceRecordRow.source_key).in_(["a", "b"]))
        ).all()
        assert len(set(merged)) == 1  # the user's verdict holds
        assert len(session.exec(select(ManualDecisionRow)).all()) == 2
        (work,) = session.exec(select(WorkRow).where(WorkRow.pmid == "27780867"))
        tags = session.exec(
            select(TagRow.taxonomy_id).where(
                TagRow.work_id == work.id, TagRow.facet == "indication"
            )
        ).all()
        assert "multiple_sclerosis" in tags  # the user's correction holds
    assert reparse_knowledge_base(engine).changed == 0


def test_a_failure_halfway_writes_nothing(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kb.database import open_engine, upgrade

    engine = open_engine(sqlite_url)
    upgrade(engine)
    import_file(engine, NBIB)
    normalize_knowledge_base(engine)
    age(engine)
    aged = stored_fields(engine)
    chunks = iter(range(1000))
    write = kb.reparse._write

    def failing(session: Any, writes: list[Any]) -> None:
        if next(chunks) == 3:
            raise RuntimeError("the machine went down")
        write(session, writes)

    monkeypatch.setattr(kb.reparse, "CHUNK", 10)
    monkeypatch.setattr(kb.reparse, "_write", failing)
    with pytest.raises(RuntimeError):
        reparse_knowledge_base(engine)
    assert stored_fields(engine) == aged
    with session_scope(engine) as session:
        assert None not in session.exec(select(SourceRecordRow.canonical_hash)).all()
    engine.dispose()


def test_a_payload_todays_parser_fails_on_keeps_its_fields_and_the_others_are_read(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from kb.database import open_engine, upgrade

    engine = open_engine(sqlite_url)
    upgrade(engine)
    import_file(engine, NBIB)
    age(engine)
    aged = stored_fields(engine)

    def parser_with_a_bug(raw_format: str, payload: str, name: str, key: str) -> dict[str, Any]:
        if key == "27780867":
            raise KeyError("AU")
        return reparse(raw_format, payload, name, key)

    monkeypatch.setattr(kb.reparse, "reparse", parser_with_a_bug)
    report = reparse_knowledge_base(engine)
    assert (report.changed, report.unreadable) == (74, 1)
    assert report.examples == [
        {"format": "medline", "record": "27780867", "version": "1",
         "reason": "the parser failed (KeyError: 'AU'); report it"}
    ]  # fmt: skip
    assert "27780867: the parser failed (KeyError('AU'))" in caplog.text
    kept = [vid for vid, fields in stored_fields(engine).items() if fields == aged[vid]]
    assert len(kept) == 1
    engine.dispose()


def test_a_bibtex_entry_that_uses_a_macro_of_its_file_is_kept_as_it_was_read() -> None:
    entry = "@article{k,\n  journal = jn # { Suppl},\n  title = {A = B, C},\n  month = mar\n}"
    with pytest.raises(NotReadable, match="the string macro 'jn', defined elsewhere"):
        reparse("bibtex", entry, "BibTeX import", "k")
    fine = '@article{k,\n  journal = {J # 2},\n  title = "A = B",\n  year = 2019, month = Mar\n}'
    assert reparse("bibtex", fine, "BibTeX import", "k")["journal"]["title"] == "J # 2"


@pytest.mark.parametrize(
    ("raw_format", "payload", "reason"),
    [
        ("pubmed-xml", "<PubmedArticle><MedlineCitation>", "not well-formed XML"),
        ("pubmed-xml", "<DeleteCitation><PMID>1</PMID></DeleteCitation>", "not a PubMed article"),
        ("ctgov-json", '["NCT01234567"]', "not a study object"),
        ("ris", "TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\nER  - \n", "2 records"),
        ("endnote-xml", "<xml/>", "no reader for the format"),
    ],
)
def test_a_payload_that_does_not_read_as_one_record_of_its_format_is_not_readable(
    raw_format: str, payload: str, reason: str
) -> None:
    with pytest.raises(NotReadable, match=reason):
        reparse(raw_format, payload, "somewhere", "key")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ITB_DATABASE_URL", raising=False)
    assert itb("init").exit_code == 0
    yield tmp_path


def itb(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_db_reparse_reports_before_it_writes_and_the_export_then_carries_todays_reading(
    project: Path,
) -> None:
    (project / "macro.bib").write_text(
        '@string{jn = "Journal of Neurosurgery"}\n'
        "@article{smith2019,\n  author = {Smith, John},\n  title = {Baclofen pumps},\n"
        "  journal = jn,\n  year = 2019\n}\n"
    )
    assert itb("import", str(NBIB)).exit_code == 0
    assert itb("import", "macro.bib").exit_code == 0
    assert itb("tag").exit_code == 0
    from kb.database import open_engine

    engine = open_engine(f"sqlite:///{project / 'itb.sqlite'}")
    age(engine)
    aged = stored_fields(engine)

    dry = itb("db", "reparse", "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    data = json.loads(dry.stdout)
    assert data["reparse"]["changed"] == 75 and not data["reparse"]["written"]
    assert data["normalize"] is None
    assert stored_fields(engine) == aged

    done = itb("db", "reparse")
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == "76 stored versions read again: 75 with new fields, 1 unreadable alone"
    assert lines[1] == "fields read again (75 records to normalize again):"
    assert "  authors                         75" in lines
    assert (
        "kept as stored: bibtex record smith2019 (version 1): uses the string macro 'jn', "
        "defined elsewhere in its file"
    ) in lines
    assert lines[-2].startswith("normalized 75 of 76 records")
    nbib = itb("export", "-f", "nbib").stdout
    assert "FAU - Benson, Don M Jr\n" in nbib or "FAU - Benson, Don M Jr\r\n" in nbib
    assert nbib.count("\nAD  - ") > 1000
    bib = itb("export", "-f", "bibtex").stdout
    assert "Journal of Neurosurgery" in bib  # the entry read with its file's macro, kept
    assert itb("db", "reparse").stdout.splitlines()[0].endswith("unreadable alone")
    engine.dispose()


def test_status_says_when_records_were_read_by_an_older_itb_until_they_are_read_again(
    project: Path,
) -> None:
    from kb.database import open_engine
    from kb.models import KbSettingRow
    from kb.store import PARSER_KEY

    def up_to_date() -> bool:
        return bool(json.loads(itb("status", "--json").stdout)["parsers"]["up_to_date"])

    assert up_to_date()  # a new project: its records will be read by this itb
    assert itb("import", str(NBIB)).exit_code == 0
    assert up_to_date()
    engine = open_engine(f"sqlite:///{project / 'itb.sqlite'}")
    with session_scope(engine) as session:
        stamp = session.get(KbSettingRow, PARSER_KEY)
        assert stamp is not None
        stamp.value = "0123456789abcdef"  # the parsers of an older release
    engine.dispose()
    assert not up_to_date()
    assert '"itb db reparse" reads the records again' in itb("status").stdout
    assert itb("db", "reparse", "--dry-run").exit_code == 0
    assert not up_to_date()  # a dry run changes nothing
    assert itb("db", "reparse").exit_code == 0
    assert up_to_date()


def test_a_record_with_a_unicode_line_separator_in_its_text_reads_again_unchanged(
    sqlite_url: str, tmp_path: Path
) -> None:
    from kb.database import open_engine, upgrade

    engine = open_engine(sqlite_url)
    upgrade(engine)
    ris = tmp_path / "separators.ris"
    ris.write_text(
        "TY  - JOUR\nTI  - Pumps\u2028and catheters\nAB  - One.\u2029Two.\x0cThree.\n"
        "PY  - 2020\nER  - \n",
        encoding="utf-8",
    )
    import_file(engine, ris)
    report = reparse_knowledge_base(engine, dry_run=True)
    assert (report.versions, report.changed, report.unreadable) == (1, 0, 0)
    engine.dispose()
    # the stored text is split into lines where a file's reader splits it, nowhere else
    from harvester.reparse import _StoredText

    assert list(_StoredText("TI  - a\u2028b\x0cc\nER  - \n").lines()) == [
        "TI  - a\u2028b\x0cc",
        "ER  - ",
    ]
