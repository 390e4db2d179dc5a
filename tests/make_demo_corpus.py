"""Make the sample corpus `itb demo` serves: PubMed XML, ClinicalTrials.gov JSON and an
Embase-like RIS file, all marked [SAMPLE DATA], built from the tagging development set.

    python tests/make_demo_corpus.py            # rewrites queries/demo_data/

Deterministic: tests/test_demo.py checks that the bundled files are what this makes.
Round 1 is what the replay server holds at the first update; round 2 adds new articles and
studies and modifies two studies, for the second (incremental) update.
"""

from __future__ import annotations

import html
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tag_quality import DEVSET, Labelled, load_labelled  # noqa: E402

OUT = ROOT / "queries" / "demo_data"
MARK = "[SAMPLE DATA] "
JOURNALS = (
    (
        "Neuromodulation : journal of the International Neuromodulation Society",
        "Neuromodulation",
        "1525-1403",
    ),
    ("Developmental medicine and child neurology", "Dev Med Child Neurol", "1469-8749"),
    ("Journal of neurosurgery. Pediatrics", "J Neurosurg Pediatr", "1933-0715"),
    ("Archives of physical medicine and rehabilitation", "Arch Phys Med Rehabil", "1532-821X"),
    ("Spinal cord", "Spinal Cord", "1476-5624"),
    ("Multiple sclerosis (Houndmills, Basingstoke, England)", "Mult Scler", "1477-0970"),
    ("Child's nervous system", "Childs Nerv Syst", "1433-0350"),
    ("Neurosurgery", "Neurosurgery", "1524-4040"),
)
FAMILY = ("Albright", "Gooch", "Motta", "Saulino", "Penn", "Krach", "Dan", "Hoving", "Bonouvrie",
          "Stempien", "Ward", "Natale", "Coffey", "Borrini", "Heetla", "Kolaski")  # fmt: skip
GIVEN = ("Leland", "Judith", "Francesco", "Michael", "Richard", "Linda", "Bernard", "Marjolein",
         "Laura", "Lisa", "Anne", "Mauro", "John", "Luca", "Hans", "Kristin")  # fmt: skip
ROUND1_ARTICLES = 200
ROUND2_ARTICLES = 15


def _variant(text: str, rng: random.Random) -> str:
    """Change the numbers of a text a little, so each copy is its own paper."""
    out = []
    for word in text.split(" "):
        digits = word.rstrip(".,;:)%")
        if digits.isdigit() and 2 < int(digits) < 2000 and not (1900 < int(digits) < 2100):
            tail = word[len(digits) :]
            word = str(max(3, int(digits) + rng.randint(-2, 9))) + tail
        out.append(word)
    return " ".join(out)


def article(
    record: Labelled,
    pmid: int,
    year: int,
    rng: random.Random,
    extra: str = "",
    retracted_by: int | None = None,
) -> str:
    """Return one PubmedArticle (real PubMed XML layout) made from a labelled record; EXTRA
    goes into Article (a DataBankList); RETRACTED_BY, the PMID of a retraction notice, marks
    it retracted as PubMed does: CommentsCorrections RefType="RetractionIn" in
    MedlineCitation and the publication type "Retracted Publication" (D016441)."""
    item = record.item
    journal, iso, issn = JOURNALS[pmid % len(JOURNALS)]
    parts = "".join(
        f'<AbstractText Label="{html.escape(s.label or "")}" NlmCategory="{s.category or ""}">'
        f"{html.escape(_variant(s.text, rng))}</AbstractText>"
        if s.label
        else f"<AbstractText>{html.escape(_variant(s.text, rng))}</AbstractText>"
        for s in item.abstract
    )
    abstract = f"<Abstract>{parts}</Abstract>" if parts else ""
    authors = "".join(
        f"<Author ValidYN='Y'><LastName>{FAMILY[(pmid + k) % len(FAMILY)]}</LastName><ForeName>"
        f"{GIVEN[(pmid * 3 + k) % len(GIVEN)]}</ForeName><Initials>"
        f"{GIVEN[(pmid * 3 + k) % len(GIVEN)][0]}</Initials></Author>"
        for k in range(1 + pmid % 4)
    )
    mesh = "".join(
        f'<MeshHeading><DescriptorName UI="{m.ui}" MajorTopicYN="N">{html.escape(m.name)}'
        "</DescriptorName></MeshHeading>"
        for m in item.mesh
    )
    types = "".join(
        f"<PublicationType>{html.escape(t)}</PublicationType>"
        for t in item.publication_types or ("Journal Article",)
    )
    corrections = ""
    if retracted_by is not None:
        types += '<PublicationType UI="D016441">Retracted Publication</PublicationType>'
        corrections = (
            '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn">'
            f"<RefSource>{html.escape(JOURNALS[0][1])}. 2025 Mar;67(3):412</RefSource>"
            f'<PMID Version="1">{retracted_by}</PMID></CommentsCorrections>'
            "</CommentsCorrectionsList>"
        )
    keywords = "".join(
        f"<Keyword MajorTopicYN='N'>{html.escape(k)}</Keyword>" for k in item.keywords
    )
    keyword_list = f"<KeywordList Owner='NOTNLM'>{keywords}</KeywordList>" if keywords else ""
    volume, first = 10 + year % 30, rng.randint(1, 900)
    month = rng.randint(1, 12)
    return (
        "<PubmedArticle><MedlineCitation Status='MEDLINE' Owner='NLM'>"
        f"<PMID Version='1'>{pmid}</PMID><Article PubModel='Print-Electronic'><Journal>"
        f"<ISSN IssnType='Electronic'>{issn}</ISSN><JournalIssue CitedMedium='Internet'>"
        f"<Volume>{volume}</Volume><Issue>{1 + pmid % 6}</Issue><PubDate><Year>{year}</Year>"
        f"<Month>{('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')[month - 1]}"  # noqa: E501
        f"</Month></PubDate></JournalIssue><Title>{html.escape(journal)}</Title>"
        f"<ISOAbbreviation>{iso}</ISOAbbreviation></Journal>"
        f"<ArticleTitle>{html.escape(MARK + item.title)}</ArticleTitle>"
        f"<Pagination><MedlinePgn>{first}-{first + rng.randint(4, 12)}</MedlinePgn></Pagination>"
        f"<ELocationID EIdType='doi' ValidYN='Y'>10.5555/itb-sample.{pmid}</ELocationID>"
        f"{abstract}<AuthorList CompleteYN='Y'>{authors}</AuthorList><Language>eng</Language>"
        f"{extra}<PublicationTypeList>{types}</PublicationTypeList></Article>"
        f"<MedlineJournalInfo><MedlineTA>{iso}</MedlineTA></MedlineJournalInfo>"
        f"{corrections}<MeshHeadingList>{mesh}</MeshHeadingList>{keyword_list}</MedlineCitation>"
        "<PubmedData><History><PubMedPubDate PubStatus='entrez'>"
        f"<Year>{year}</Year><Month>{month}</Month><Day>15</Day></PubMedPubDate></History>"
        "<PublicationStatus>ppublish</PublicationStatus><ArticleIdList>"
        f"<ArticleId IdType='pubmed'>{pmid}</ArticleId>"
        f"<ArticleId IdType='doi'>10.5555/itb-sample.{pmid}</ArticleId></ArticleIdList>"
        "</PubmedData></PubmedArticle>"
    )


def _databank(nct: str) -> str:
    return (
        "<DataBankList CompleteYN='Y'><DataBank><DataBankName>ClinicalTrials.gov</DataBankName>"
        f"<AccessionNumberList><AccessionNumber>{nct}</AccessionNumber></AccessionNumberList>"
        "</DataBank></DataBankList>"
    )


def study(
    record: Labelled, nct: str, posted: str, updated: str, status: str, pmids: list[int]
) -> dict[str, Any]:
    """Return one ClinicalTrials.gov API v2 study made from a labelled registration."""
    registry = record.item.registry
    assert registry is not None
    design: dict[str, Any] = {"studyType": registry.study_type or "INTERVENTIONAL"}
    named = (
        ("allocation", registry.allocation),
        ("interventionModel", registry.intervention_model),
        ("observationalModel", registry.observational_model),
    )
    info = {k: v for k, v in named if v}
    if info:
        design["designInfo"] = info
    if registry.enrollment is not None:
        design["enrollmentInfo"] = {"count": registry.enrollment, "type": registry.enrollment_type}
    design["phases"] = ["PHASE2"] if registry.study_type == "INTERVENTIONAL" else []
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": nct,
                "briefTitle": MARK + record.item.title,
                "officialTitle": MARK + record.item.title + ": a registered study",
                "organization": {"fullName": "Sample University Hospital", "class": "OTHER"},
            },
            "statusModule": {
                "overallStatus": status,
                "startDateStruct": {"date": posted[:7]},
                "studyFirstPostDateStruct": {"date": posted, "type": "ACTUAL"},
                "lastUpdatePostDateStruct": {"date": updated, "type": "ACTUAL"},
            },
            "sponsorCollaboratorsModule": {
                "leadSponsor": {"name": "Sample University Hospital", "class": "OTHER"}
            },
            "descriptionModule": {"briefSummary": "SAMPLE DATA. " + registry.summary},
            "conditionsModule": {"conditions": list(registry.conditions)},
            "designModule": design,
            "armsInterventionsModule": {
                "interventions": [
                    {
                        "type": i.split(":")[0].upper() if ":" in i else "DRUG",
                        "name": i.split(":", 1)[-1].strip(),
                    }
                    for i in registry.interventions
                ]
            },  # fmt: skip
            "outcomesModule": {"primaryOutcomes": [{"measure": m} for m in registry.outcomes]},
            "referencesModule": {"references": [{"pmid": str(p), "type": "RESULT"} for p in pmids]},
        },
        "derivedSection": {
            "conditionBrowseModule": {
                "meshes": [{"id": m.ui, "term": m.name} for m in registry.condition_mesh]
            }
        },
        "hasResults": False,
    }


def ris_duplicate(record: Labelled, pmid: int, year: int, accession: int) -> str:
    """Return an Embase-like RIS record of the same paper as article PMID (no PMID in it)."""
    item = record.item
    journal, iso, issn = JOURNALS[pmid % len(JOURNALS)]
    authors = "".join(
        f"AU  - {FAMILY[(pmid + k) % len(FAMILY)]} {GIVEN[(pmid * 3 + k) % len(GIVEN)][0]}.\r\n"
        for k in range(1 + pmid % 4)
    )
    return (
        f"TY  - JOUR\r\nDB  - Embase\r\nAN  - L{accession}\r\nT1  - {MARK}{item.title}\r\n"
        f"{authors}Y1  - {year}\r\nJF  - {journal}\r\nJA  - {iso}\r\nSN  - {issn}\r\n"
        f"DO  - 10.5555/itb-sample.{pmid}\r\nKW  - intrathecal drug administration\r\n"
        "KW  - baclofen\r\nER  - \r\n\r\n"
    )


def build(out: Path = OUT) -> dict[str, int]:
    """Write the corpus files into OUT; return how many records each holds."""
    rng = random.Random(2026)
    records = load_labelled(DEVSET)
    articles = [r for r in records if r.item.registry is None]
    registrations = [r for r in records if r.item.registry is not None]
    round1, round2, ris, studies1, studies2 = [], [], [], [], []
    links: dict[int, str] = {}
    for n in range(ROUND1_ARTICLES):
        pmid = 39_100_000 + n
        record = articles[n % len(articles)]
        year = 1995 + (n * 7) % 30
        extra = ""
        if n % 25 == 7:  # a trial and the paper that reports it
            nct = f"NCT0{5_100_000 + n:07d}"
            links[pmid] = nct
            extra = _databank(nct)
        retracted_by = 39_199_000 + n if n in (13, 77, 151) else None  # retracted papers
        round1.append(article(record, pmid, year, rng, extra, retracted_by))
        if n % 8 == 3:  # the same paper exported from Embase: a duplicate to find
            ris.append(ris_duplicate(record, pmid, year, 2_000_000_000 + n))
    for index, (pmid, nct) in enumerate(sorted(links.items())):
        record = registrations[index % len(registrations)]
        year = 2010 + index
        studies1.append(
            study(record, nct, f"{year}-03-02", f"{year + 3}-01-15", "COMPLETED", [pmid])
        )
    for index in range(12):  # registrations without a paper yet
        record = registrations[index % len(registrations)]
        nct = f"NCT0{5_200_000 + index:07d}"
        studies1.append(
            study(record, nct, f"{2018 + index % 6}-05-10", f"{2022 + index % 3}-06-01",
                  "RECRUITING" if index % 2 else "ACTIVE_NOT_RECRUITING", [])
        )  # fmt: skip
    for n in range(ROUND2_ARTICLES):  # new since the first update (dated at demo time)
        record = articles[(n * 5 + 3) % len(articles)]
        round2.append(article(record, 39_300_000 + n, 2026, rng))
    for index in range(2):  # new registrations
        record = registrations[(index + 1) % len(registrations)]
        studies2.append(
            study(
                record,
                f"NCT0{5_300_000 + index:07d}",
                "2026-11-01",
                "2026-11-01",
                "NOT_YET_RECRUITING",
                [],
            )
        )
    for changed in studies1[-2:]:  # two studies that moved on: enrollment closed, results due
        modified = json.loads(json.dumps(changed))
        modified["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
        modified["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"] = (
            "2026-11-10"
        )
        studies2.append(modified)
    out.mkdir(parents=True, exist_ok=True)
    xml_head = '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'  # noqa: E501
    files = {
        "pubmed_round1.xml": xml_head
        + "<PubmedArticleSet>\n"
        + "\n".join(round1)
        + "\n</PubmedArticleSet>\n",
        "pubmed_round2.xml": xml_head
        + "<PubmedArticleSet>\n"
        + "\n".join(round2)
        + "\n</PubmedArticleSet>\n",
        "ctgov_round1.json": json.dumps(studies1, indent=1, ensure_ascii=False) + "\n",
        "ctgov_round2.json": json.dumps(studies2, indent=1, ensure_ascii=False) + "\n",
        "embase_sample.ris": "".join(ris),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    return {
        "pubmed_round1": len(round1),
        "pubmed_round2": len(round2),
        "ctgov_round1": len(studies1),
        "ctgov_round2": len(studies2),
        "embase": len(ris),
    }


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
