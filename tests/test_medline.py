"""MEDLINE text parsing, field by field, on the real files of tests/data/formats/medline."""

from __future__ import annotations

import re
from typing import Any

import pytest

from harvester.errors import FileFormatError
from harvester.medline import iter_medline, medline_records

from datafiles import MEDLINE


def read(name: str) -> list[tuple[int, dict[str, Any], str]]:
    return list(iter_medline((MEDLINE / name).read_text(encoding="utf-8-sig"), origin=name))


@pytest.mark.parametrize("name", sorted(p.name for p in MEDLINE.iterdir()))
def test_every_record_of_every_real_file_is_read_and_kept_verbatim(name: str) -> None:
    text = (MEDLINE / name).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    records = read(name)
    assert len(records) == len(re.findall(r"^PMID- ", text, re.M))
    for _, fields, raw in records:
        assert raw.startswith("PMID- ") and raw in text
        assert fields["pmid"].isdigit() and fields["title"]
        assert fields["pub_date"]["year"]


def test_result1_an_old_record_with_one_author() -> None:
    ((line, fields, _),) = read("biopython_pubmed_result1.txt")
    assert line == 2  # the file starts with a blank line
    assert fields["pmid"] == "12230038"
    assert fields["title"] == "The Bio* toolkits--a brief overview."
    assert fields["authors"] == [
        {"family": "Mangalam", "given": "Harry", "initials": "H", "collective": None}
    ]
    assert fields["pub_date"]["sortable"] == "2002-09"
    assert fields["journal"]["iso_abbreviation"] == "Brief Bioinform"
    assert fields["journal"]["issn"] == "1467-5463"


def test_result2_flattened_structured_abstract_is_split_into_labelled_sections() -> None:
    records = read("biopython_pubmed_result2.txt")
    assert [f["pmid"] for _, f, _ in records] == ["16403221", "16377612", "14871861", "14630660"]
    first = records[0][1]
    assert [s["label"] for s in first["abstract"]] == ["BACKGROUND", "RESULTS", "CONCLUSION"]
    assert first["abstract"][0]["text"].startswith("Benchmarking algorithms in structural")
    assert first["doi"] == "10.1186/1471-2105-7-10"
    assert first["article_ids"]["pii"] == "1471-2105-7-10"
    assert first["pmcid"] == "PMC1373603"
    assert first["electronic_date"] == "2006-01-10"
    assert first["history"] == [
        {"status": "received", "date": "2005-06-17"},
        {"status": "accepted", "date": "2006-01-10"},
        {"status": "aheadofprint", "date": "2006-01-10"},
    ]


def test_result3_a_wrapped_mesh_line_is_joined_and_major_qualifiers_marked() -> None:
    ((_, fields, _),) = read("biopython_pubmed_result3.txt")
    hifu = next(m for m in fields["mesh"] if m["descriptor"].startswith("High-Intensity"))
    assert hifu["descriptor"] == "High-Intensity Focused Ultrasound Ablation"
    assert [(q["name"], q["major"]) for q in hifu["qualifiers"]] == [
        ("adverse effects", False),
        ("instrumentation", False),
        ("methods", True),
    ]
    assert fields["doi"] == "10.1118/1.4748329"
    assert fields["create_date"] == "2012-10-09"


def test_nbib_2021_crlf_registry_links_corrections_and_orcids() -> None:
    records = read("blachlylab_pubmed_2021.nbib")
    assert len(records) == 75
    first = records[0][1]
    assert first["pmid"] == "30501481"
    assert first["title"] == (
        "Ibrutinib Regimens versus Chemoimmunotherapy in Older Patients with Untreated CLL."
    )
    assert first["pub_date"]["sortable"] == "2018-12-27"
    assert first["journal"]["issn"] == "1533-4406"
    assert first["journal"]["issn_linking"] == "0028-4793"
    assert first["doi"] == "10.1056/nejmoa1812836"
    assert first["nct_ids"] == ["NCT01886872"]
    assert first["orcids"][0] == "0000-0001-9811-4601"
    assert first["comments_corrections"][0] == {
        "type": "CommentIn",
        "source": "N Engl J Med. 2019 Apr 25;380(17):1679. PMID: 31018078",
        "pmid": "31018078",
        "note": None,
    }
    text = (MEDLINE / "blachlylab_pubmed_2021.nbib").read_text(encoding="utf-8-sig")
    registry_lines = set()
    for block in text.replace("\r\n", "\n").split("\n\n"):
        pmid = re.search(r"^PMID- (\d+)", block, re.M)
        for nct in re.findall(r"^SI  - ClinicalTrials\.gov/(NCT\d{8})", block, re.M):
            assert pmid is not None
            registry_lines.add((pmid.group(1), nct))
    parsed = {(f["pmid"], nct) for _, f, _ in records for nct in f["nct_ids"]}
    assert parsed == registry_lines and len(parsed) >= 18
    odd = next(
        f for _, f, _ in records if any(c["source"] == "1451" for c in f["comments_corrections"])
    )
    assert next(c for c in odd["comments_corrections"] if c["source"] == "1451")["pmid"] is None
    assert all(not f["title"].endswith(" ") for _, f, _ in records)


def test_medline_records_are_keyed_by_pmid_with_the_raw_text() -> None:
    text = (MEDLINE / "biopython_pubmed_result2.txt").read_text(encoding="utf-8")
    records = list(medline_records(text, "PubMed export", "result2.txt"))
    assert [r.source_key for r in records] == ["16403221", "16377612", "14871861", "14630660"]
    assert {r.source for r in records} == {"file"} and records[0].source_name == "PubMed export"
    assert records[0].raw_format == "medline"


def test_text_that_is_not_medline_names_the_file_and_line() -> None:
    with pytest.raises(FileFormatError, match=r"notes\.txt, line 4: not a MEDLINE tag line"):
        list(iter_medline("PMID- 1\nTI  - x\n\nhello world\n", origin="notes.txt"))


def test_a_name_suffix_after_the_initials_is_no_initial() -> None:
    # "AU  - Benson DM Jr" / "FAU - Benson, Don M Jr" (the real file): the initials are DM
    authors = {
        (a["family"], a["initials"]): a
        for _, fields, _ in read("blachlylab_pubmed_2021.nbib")
        for a in fields["authors"]
        if a["family"] in ("Benson", "Carson")
    }
    assert authors[("Benson", "DM")]["given"] == "Don M"
    assert authors[("Benson", "DM")]["suffix"] == "Jr"
    assert authors[("Carson", "WE")]["given"] == "William E"
    assert not any(initials in ("Jr", "3rd") for _, initials in authors)
    (_, fields, _), *_ = iter_medline(
        "PMID- 1\nTI  - A title.\nDP  - 2001\nAU  - Henry II\nAU  - Carson WE 3rd\nAU  - Smith\n",
        origin="short.nbib",
    )
    assert [(a["family"], a["initials"], a.get("suffix")) for a in fields["authors"]] == [
        ("Henry", "II", None),  # two initials, not a suffix
        ("Carson", "WE", "3rd"),
        ("Smith", None, None),
    ]


def test_each_affiliation_belongs_to_the_author_whose_lines_it_follows() -> None:
    records = read("blachlylab_pubmed_2021.nbib")
    people = {
        a["family"]: a
        for _, fields, _ in records
        if fields["pmid"] == "27780867"
        for a in fields["authors"]
    }
    assert people["Mo"]["affiliations"] == [
        "Center for Biostatistics, Ohio State University, Columbus, Ohio 43210."
    ]
    assert people["Carson"]["affiliations"] == [
        "From the Medical Scientist Training Program.",
        "Biomedical Sciences Graduate Program.",
        "Department of Internal Medicine.",
    ]
    (_, fields, _), *_ = iter_medline(
        "PMID- 1\nTI  - T.\nDP  - 2001\nFAU - Smith, John\nAU  - Smith J\nAD  - Dept A,\n"
        "      City.\nFAU - Roe, Ann\nAU  - Roe A\nCN  - ITB Group\nAD  - Group place.\n"
        "FAU - Doe, Jo\nAU  - Doe J\nAD  - Dept C.\n",
        origin="order.nbib",
    )
    assert [(a["family"] or a["collective"], a.get("affiliations")) for a in fields["authors"]] == [
        ("Smith", ["Dept A, City."]),
        ("Roe", None),
        ("Doe", ["Dept C."]),
        ("ITB Group", ["Group place."]),  # (group authors are listed after the persons)
    ]
