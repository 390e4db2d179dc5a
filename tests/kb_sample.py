"""A small realistic knowledge base for the query and export tests: PubMed articles made from
the tagging development set, the same article again as an Embase RIS record, a registration
with the article that reports it, and a retracted paper."""

from __future__ import annotations

import html
import json
from pathlib import Path

from sqlalchemy import Engine

from benchmarks.tag_quality import DEVSET, load_labelled
from harvester.ctgov_json import iter_studies
from harvester.file_formats import read_records
from harvester.files import decode_file, detect_format
from harvester.pubmed_xml import iter_pubmed_xml
from harvester.records import RawRecord
from kb.database import session_scope
from kb.store import save_raw_records
from kb.tag_store import tag_knowledge_base
from kb.tagging.taxonomy import load_taxonomy
from kb.works import normalize_knowledge_base

NCT = "NCT01234567"
REPORT_PMID = "40000020"
RETRACTED_PMID = "40000099"


def _article(pmid: str, labelled_index: int, extra: str = "") -> str:
    record = load_labelled(DEVSET)[labelled_index]
    item = record.item
    parts = "".join(
        f'<AbstractText Label="{html.escape(s.label or "")}" NlmCategory="{s.category or ""}">'
        f"{html.escape(s.text)}</AbstractText>"
        for s in item.abstract
    )
    mesh = "".join(
        f'<MeshHeading><DescriptorName UI="{m.ui}" MajorTopicYN="N">{html.escape(m.name)}'
        "</DescriptorName></MeshHeading>"
        for m in item.mesh
    )
    types = "".join(f"<PublicationType>{t}</PublicationType>" for t in item.publication_types)
    number = int(pmid) % 1000
    return (
        f"<PubmedArticle><MedlineCitation Status='MEDLINE' Owner='NLM'><PMID Version='1'>{pmid}"
        "</PMID><Article><Journal><ISSN IssnType='Electronic'>1525-1403</ISSN><JournalIssue>"
        f"<Volume>{10 + number}</Volume><Issue>2</Issue><PubDate><Year>{2000 + number}</Year>"
        "<Month>May</Month><Day>3</Day></PubDate></JournalIssue><Title>Neuromodulation : journal "
        "of the International Neuromodulation Society</Title><ISOAbbreviation>Neuromodulation"
        f"</ISOAbbreviation></Journal><ArticleTitle>{html.escape(item.title)}</ArticleTitle>"
        f"<Pagination><MedlinePgn>{100 + number}-{110 + number}</MedlinePgn></Pagination>"
        f"<ELocationID EIdType='doi' ValidYN='Y'>10.1111/ner.{pmid}</ELocationID>"
        f"<Abstract>{parts}</Abstract><AuthorList><Author><LastName>Müller</LastName>"
        "<ForeName>Jürgen</ForeName><Initials>J</Initials></Author><Author><LastName>O'Brien"
        "</LastName><ForeName>Anne-Marie</ForeName><Initials>AM</Initials></Author><Author>"
        "<CollectiveName>ITB Study Group</CollectiveName></Author></AuthorList>"
        f"<Language>eng</Language><PublicationTypeList>{types}</PublicationTypeList>{extra}"
        f"</Article><MedlineJournalInfo><MedlineTA>Neuromodulation</MedlineTA></MedlineJournalInfo>"
        f"<MeshHeadingList>{mesh}</MeshHeadingList><KeywordList Owner='NOTNLM'><Keyword>"
        "intrathecal baclofen</Keyword><Keyword>spasticity</Keyword></KeywordList>"
        "</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType='pubmed'>"
        f"{pmid}</ArticleId><ArticleId IdType='doi'>10.1111/ner.{pmid}</ArticleId></ArticleIdList>"
        "</PubmedData></PubmedArticle>"
    )


def _registration() -> str:
    return json.dumps(
        {
            "protocolSection": {
                "identificationModule": {
                    "nctId": NCT,
                    "briefTitle": "ITB Versus Usual Care in Dyskinetic Cerebral Palsy",
                    "officialTitle": "Intrathecal Baclofen Versus Usual Care in Children With "
                    "Dyskinetic Cerebral Palsy: a Randomised Trial",
                },
                "statusModule": {
                    "overallStatus": "COMPLETED",
                    "studyFirstPostDateStruct": {"date": "2015-03-02"},
                    "lastUpdatePostDateStruct": {"date": "2020-01-15"},
                },
                "sponsorCollaboratorsModule": {
                    "leadSponsor": {"name": "Amsterdam UMC, location VUmc"}
                },
                "descriptionModule": {
                    "briefSummary": "A randomised trial of intrathecal baclofen."
                },
                "conditionsModule": {"conditions": ["Cerebral Palsy", "Dystonia"]},
                "designModule": {
                    "studyType": "INTERVENTIONAL",
                    "phases": ["PHASE3"],
                    "designInfo": {"allocation": "RANDOMIZED"},
                    "enrollmentInfo": {"count": 36, "type": "ACTUAL"},
                },
                "armsInterventionsModule": {
                    "interventions": [{"type": "DRUG", "name": "Intrathecal baclofen"}]
                },
                "outcomesModule": {"primaryOutcomes": [{"measure": "Goal Attainment Scaling"}]},
                "referencesModule": {"references": [{"pmid": REPORT_PMID, "type": "RESULT"}]},
            }
        }
    )


EMBASE_RIS = (
    "TY  - JOUR\r\nTI  - {title}\r\nAU  - Muller, J.\r\nAU  - O'Brien, A.M.\r\nPY  - 2001\r\n"
    "JF  - Neuromodulation\r\nVL  - 11\r\nSP  - 101\r\nEP  - 111\r\nDO  - 10.1111/ner.40000001\r\n"
    "KW  - intrathecal drug administration\r\nDB  - Embase\r\nAN  - L2001234567\r\nER  - \r\n"
)


def build_sample_kb(engine: Engine, folder: object = None) -> None:
    """Store, normalize and tag the sample records."""
    articles = "".join(_article(str(40000000 + i), i) for i in range(1, 19))
    report = _article(
        REPORT_PMID,
        20,
        f"<DataBankList><DataBank><DataBankName>ClinicalTrials.gov</DataBankName>"
        f"<AccessionNumberList><AccessionNumber>{NCT}</AccessionNumber></AccessionNumberList>"
        "</DataBank></DataBankList>",
    )
    retracted = _article(RETRACTED_PMID, 25).replace(
        "<MeshHeadingList>",
        "<CommentsCorrectionsList><CommentsCorrections RefType='RetractionIn'><RefSource>"
        "Neuromodulation. 2021</RefSource><PMID Version='1'>40000100</PMID>"
        "</CommentsCorrections></CommentsCorrectionsList><MeshHeadingList>",
    )
    xml = f"<PubmedArticleSet>{articles}{report}{retracted}</PubmedArticleSet>".encode()
    records = [r for r in iter_pubmed_xml([xml]) if isinstance(r, RawRecord)]
    records += list(iter_studies(_registration()))
    title = load_labelled(DEVSET)[1].item.title
    if folder is not None:
        from pathlib import Path

        path = Path(str(folder)) / "embase.ris"
        path.write_bytes(EMBASE_RIS.format(title=title).encode())
        decoded = decode_file(path)
        records += [
            r
            for r in read_records(decoded, detect_format(decoded.head, path), "Embase")
            if isinstance(r, RawRecord)
        ]
    with session_scope(engine) as session:
        save_raw_records(session, records)
    normalize_knowledge_base(engine)
    tag_knowledge_base(engine, load_taxonomy())


def build_sample_project(folder: Path) -> Path:
    """Create a project in FOLDER/p holding the sample knowledge base; return its root."""
    from kb.database import open_engine
    from kb.workspace import create_project

    created = create_project(folder / "p")
    engine = open_engine(created.database_url)
    try:
        build_sample_kb(engine, folder)
    finally:
        engine.dispose()
    return created.root
