"""Fields as real exports write them: each damaged form compares equal to its clean form,
or counts neither way; and a damage generator keeps every class covered."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from harvester.file_formats import split_person
from harvester.pubmed_xml import normalize_doi
from kb.dedup import compare, find_duplicates
from kb.dedup.fields import (
    issue_key,
    journal_title,
    page_evidence,
    page_span,
    unpack_citation,
    words_run_together,
)
from kb.dedup.pairs import describe
from kb.dedup.records import Record, normalize

TITLE = "Intrathecal baclofen for spasticity after stroke: a prospective cohort of 48 adults"
AUTHORS = [
    {"family": "Motta", "initials": "F"},
    {"family": "Antonello", "initials": "CE"},
    {"family": "del Pino", "initials": "JM"},
]


def fields(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": TITLE,
        "authors": AUTHORS,
        "pub_date": {"year": 2014},
        "journal": {"title": "Cardiovascular Research", "volume": "56", "issue": "3"},
        "pages": {"medline": "685-697"},
        "doi": "10.1093/cvr/cvu123",
    }
    base.update(values)
    return base


def record(rid: str, **values: Any) -> Record:
    return normalize(rid, fields(**values))


def journal(**values: Any) -> dict[str, Any]:
    return {"title": "Cardiovascular Research", "volume": "56", "issue": "3", **values}


# --- DOIs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "https://doi.org/10.1093/cvr/cvu123",
        "http://dx.doi.org/10.1093/CVR/CVU123",
        "10.1093%2Fcvr%2Fcvu123",
        "10.1093/cvr/cvu123 [doi]",
        "S0008-6363(14)00123-4 [pii]; 10.1093/cvr/cvu123 [doi]",
        "doi:10.1093/cvr/cvu123.",
    ],
)
def test_a_doi_written_as_a_link_encoded_or_with_suffixes_is_the_clean_doi(written: str) -> None:
    assert normalize_doi(written) == "10.1093/cvr/cvu123"
    assert compare(record("a"), record("b", doi=written)).outcome == "duplicate"


def test_url_encoded_brackets_in_a_doi_are_decoded() -> None:
    encoded = "http://dx.doi.org/10.1016/S0008-6363%2896%2900269-6"
    assert normalize_doi(encoded) == "10.1016/s0008-6363(96)00269-6"


def test_a_pii_in_the_doi_field_is_no_doi_and_no_conflict() -> None:
    assert normalize_doi("S0008-6363(14)00123-4") is None
    decision = compare(record("a"), record("b", doi="S0008-6363(14)00123-4"))
    assert decision.outcome == "duplicate"


def test_a_doi_cut_short_by_an_export_does_not_conflict_with_the_whole_one() -> None:
    cut = compare(record("a"), record("b", doi="10.1093/cvr"))
    assert cut.outcome == "duplicate"


def test_two_well_formed_dois_of_one_registrant_stay_for_a_person_to_decide() -> None:
    decision = compare(record("a"), record("b", doi="10.1093/cvr/cvu999"))
    assert decision.outcome == "review"


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "agree"),
    [
        ("685-97", "685-697", True),  # abbreviated range
        ("488", "487-488", True),  # a page against its range
        ("e12724", "1-6", None),  # an article number against printed pages
        ("c1804", "1014", None),
        ("e43268", "43268", True),
        ("230-5, 246-51, 233-8", "233-238+230-235+246-251", True),  # pieces in any order
        ("01-Aug", "1-8", None),  # a spreadsheet's date
        ("May-15", "5-15", None),
        ("2014", "685-697", None),  # the year in the pages field
        ("t-8", "685-697", None),
        ("1", "685-697", None),  # a placeholder
        ("62 p", "685-697", None),  # a page count
        ("685-697", "701-710", False),
    ],
)
def test_pages_agree_disagree_or_say_nothing(x: str, y: str, agree: bool | None) -> None:
    from kb.dedup.records import expand_pages

    spans = [page_span(expand_pages(v), 2014) for v in (x, y)]
    assert page_evidence(*spans) is agree


def test_damaged_pages_do_not_keep_one_article_apart() -> None:
    decision = compare(record("a"), record("b", pages={"medline": "01-Aug"}))
    assert decision.outcome == "duplicate"
    assert "pages '01-Aug'" in decision.explanation["ignored"]
    assert "ignored as damaged: pages '01-Aug'" in describe(decision.rule, decision.explanation)


def test_trustworthy_pages_that_differ_still_keep_records_apart() -> None:
    other = record("b", pages={"medline": "701-710"}, doi=None)
    assert compare(record("a", doi=None), other).outcome == "distinct"


# --- issue and volume ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Suppl 2", "s2"),
        ("S2", "s2"),
        ("Supplement 2", "s2"),
        ("suppl. 2", "s2"),
        ("01-Mar", None),  # a spreadsheet's date
        ("1719", None),  # a reference manager's record number
        ("3", "3"),
        ("", None),
    ],
)
def test_an_issue_reads_to_one_form_or_to_nothing(written: str, key: str | None) -> None:
    assert issue_key(written) == key


def test_a_record_number_in_the_issue_field_does_not_keep_an_article_apart() -> None:
    a = record("a", journal=journal(issue="1719"), doi=None)
    b = record("b", journal=journal(issue="1718"), doi=None)
    assert compare(a, b).outcome == "duplicate"
    # Nor does it make a title "recur" (three record numbers: three issues).
    c = record("c", journal=journal(issue="1720"), doi=None)
    assert find_duplicates([a, b, c]).groups == [["a", "b", "c"]]


def test_a_short_title_with_record_numbers_as_issues_still_merges() -> None:
    short = "Corticosteroids for tuberculous pleurisy"
    people = AUTHORS[:2]
    a = record("a", title=short, authors=people, journal=journal(issue="346"), doi=None)
    b = record("b", title=short, authors=people, journal=journal(issue="347"), doi=None)
    assert compare(a, b).outcome == "duplicate"


def test_a_volume_that_is_the_year_says_nothing() -> None:
    a = record("a", journal=journal(volume="2014"), doi=None)
    assert compare(a, record("b", doi=None)).outcome == "duplicate"


# --- journals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Cardiovasc Res",
        "Cardiovascular research [Electronic Resource]",
        "Cardiovascular Research (London)",
        "Cardiovascular research.",
        "Cardiovascular Research = Recherche cardiovasculaire",
        "Cardiovascular Research: official journal of the society",
        "CARDIOVASCULAR RESEARCH",
    ],
)
def test_a_journal_written_another_way_is_the_same_journal(written: str) -> None:
    decision = compare(record("a"), record("b", journal=journal(title=written)))
    assert decision.explanation["journal"] is True


def test_an_abbreviation_run_together_is_the_journal() -> None:
    assert words_run_together("jthoraccardiovascsurg", ("journal", "thoracic", "cardiovascular",
                                                         "surgery"))  # fmt: skip
    assert not words_run_together("jneurolsci", ("journal", "thoracic", "surgery"))


def test_a_citation_packed_into_the_journal_field_gives_volume_issue_and_pages() -> None:
    packed = "Cardiovascular Research.56 (3) ()(pp 685-697) 2014.Date of Publication: 2014"
    assert unpack_citation(packed) == {
        "journal": "Cardiovascular Research",
        "volume": "56",
        "issue": "3",
        "pages": "685-697",
        "year": "2014",
    }
    assert journal_title(packed) == "Cardiovascular Research"
    b = record("b", journal={"title": packed}, pages={}, doi=None)
    assert (b.volume, b.issue, b.pages) == ("56", "3", "685-697")
    assert compare(record("a", doi=None), b).rule.startswith("same journal, volume")


# --- authors ---------------------------------------------------------------------------------


def test_names_run_together_are_split_into_people() -> None:
    from harvester.file_formats import _people

    people = _people("Przyklenk K.Kloner R. A.O'Hara M. F.")
    assert [(p["family"], p["initials"]) for p in people] == [
        ("Przyklenk", "K"),
        ("Kloner", "RA"),
        ("O'Hara", "MF"),
    ]
    squeezed = _people("SmithJ.JonesK.L.")
    assert [(p["family"], p["initials"]) for p in squeezed] == [("Smith", "J"), ("Jones", "KL")]


def test_initials_and_full_given_names_particles_and_lost_letters_agree() -> None:
    variants = [
        [{"family": "Motta", "given": "Francesco"}],
        [{"family": "Motta", "initials": "F"}],
        [split_person("Motta, Francesco")],
    ]
    for authors in variants:
        assert compare(record("a"), record("b", authors=authors)).explanation["first_author"]
    lost = compare(
        record("a", authors=[{"family": "Cobanoglu", "initials": "U"}]),
        record("b", authors=[{"family": "Cobano?lu", "initials": "U"}]),
    )
    assert lost.explanation["first_author"] is True
    mojibake = compare(
        record("a", authors=[{"family": "Bayés", "initials": "M"}]),
        record("b", authors=[{"family": "BayÃ©s", "initials": "M"}]),
    )
    assert mojibake.explanation["first_author"] is True
    particle = compare(
        record("a", authors=[{"family": "del Pino", "initials": "J"}]),
        record("b", authors=[{"family": "Pino", "initials": "J"}]),
    )
    assert particle.explanation["first_author"] is True


def test_et_al_is_no_author() -> None:
    a = record("a", authors=[{"family": "et al.", "initials": None}, *AUTHORS])
    assert a.author_keys[0] == ""


# --- what stays apart ------------------------------------------------------------------------


def test_an_erratum_and_its_article_stay_apart_however_damaged() -> None:
    erratum = record("b", title=f"Erratum: {TITLE}", pages={"medline": "01-Aug"})
    assert compare(record("a"), erratum).outcome in ("related", "distinct")


def test_a_thesis_and_its_abstract_in_an_index_stay_apart() -> None:
    thesis = record("b", journal={"title": None, "volume": "Ph.D."}, pages={"medline": "62 p"},
                    doi=None)  # fmt: skip
    abstract = record("a", journal=journal(title="Dissertation Abstracts International"),
                      pages={"medline": "4714"}, doi=None)  # fmt: skip
    assert thesis.kind == "thesis"
    assert compare(abstract, thesis).outcome == "distinct"


def test_two_abstracts_on_one_supplement_page_need_more_than_a_loose_title() -> None:
    supplement = journal(issue="Suppl 1")
    a = record("a", title="Metallothionein 1 and 2 support remodelling in a murine infarct model",
               journal=supplement, pages={"medline": "S72"}, doi="10.1093/cvr/cvs100")  # fmt: skip
    b = record("b", title="Osteopontin-1 drives inflammation via macrophage modulation in mice",
               journal=supplement, pages={"medline": "S72"}, doi="10.1093/cvr/cvs100")  # fmt: skip
    assert compare(a, b).outcome != "duplicate"


# --- records without a title -----------------------------------------------------------------


def test_a_record_without_a_title_is_decided_on_its_other_fields() -> None:
    untitled = record("b", title=None)
    assert compare(record("a"), untitled).rule == "no title: same DOI"
    placed = compare(record("a", doi=None), record("b", title="", doi=None))
    assert placed.outcome == "duplicate"
    elsewhere = record("c", title="", doi=None, pages={"medline": "900-910"})
    assert compare(record("a", doi=None), elsewhere).outcome == "distinct"
    assert find_duplicates([record("a"), untitled]).groups == [["a", "b"]]


# --- a damage generator ----------------------------------------------------------------------

Damage = Callable[[dict[str, Any], random.Random], dict[str, Any]]


def _doi_link(f: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    doi = f["doi"]
    pii = f"S0000-0000(00)0000-{rng.randint(0, 9)} [pii]"
    forms = [f"https://doi.org/{doi}", f"http://dx.doi.org/{doi.upper()}",
             doi.replace("/", "%2F"), f"{doi} [doi]", f"{pii}; {doi}"]  # fmt: skip
    return {**f, "doi": rng.choice(forms)}


def _pages_damaged(f: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    first, last = f["pages"]["medline"].split("-")
    forms = [f"{first}-{last[-2:]}", rng.choice(["01-Aug", "Mar-12", "1", "t-8"]), ""]
    return {**f, "pages": {"medline": rng.choice(forms)}}


def _issue_damaged(f: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    issue = rng.choice([str(rng.randint(100, 3000)), "01-Mar", ""])
    return {**f, "journal": {**f["journal"], "issue": issue}}


def _journal_renamed(f: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    name = f["journal"]["title"]
    abbreviation = " ".join(w[:5] for w in name.split() if w.lower() not in ("of", "and", "the"))
    forms = [f"{name} [Electronic Resource]", f"{name}.", abbreviation, name.upper(),
             f"{name} = Revue", f"{name}: official journal"]  # fmt: skip
    return {**f, "journal": {**f["journal"], "title": rng.choice(forms)}}


def _authors_damaged(f: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    people = [dict(p) for p in f["authors"]]
    choice = rng.randrange(3)
    if choice == 0:  # full given names for initials
        people = [{"family": p["family"], "given": f"{p['initials']}ohn"} for p in people]
    elif choice == 1:  # a letter the export could not write
        people[0]["family"] = people[0]["family"][:2] + "?" + people[0]["family"][3:]
    else:  # names run together, read by the file reader
        from harvester.file_formats import _people

        people = _people("".join(f"{p['family']} {'. '.join(p['initials'])}." for p in people))
    return {**f, "authors": people}


def _title_cased(f: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return {**f, "title": rng.choice([f["title"].upper(), f"[{f['title']}]", f"{f['title']}."])}


DAMAGE: dict[str, Damage] = {
    "doi": _doi_link,
    "pages": _pages_damaged,
    "issue": _issue_damaged,
    "journal": _journal_renamed,
    "authors": _authors_damaged,
    "title": _title_cased,
}


def _clean(number: int, rng: random.Random) -> dict[str, Any]:
    words = ["baclofen", "pump", "spasticity", "dystonia", "catheter", "infusion", "children",
             "adults", "stroke", "injury", "outcome", "dose", "refill", "trial"]  # fmt: skip
    first = rng.randint(10, 1900)
    family = ["Motta", "Albright", "Saulino", "Gilmartin", "Dvorak", "Penn", "Ward"]
    return {
        "title": " ".join(rng.sample(words, 9)) + f" {number}",
        "authors": [
            {"family": rng.choice(family) + f"{chr(97 + number % 26)}son", "initials": "AB"},
            {"family": rng.choice(family), "initials": "C"},
        ],  # fmt: skip
        "pub_date": {"year": rng.randint(1990, 2024)},
        "journal": {
            "title": rng.choice(
                [
                    "Journal of Neurosurgery",
                    "Neuromodulation",
                    "Developmental Medicine and Child Neurology",
                ]
            ),
            "volume": str(rng.randint(1, 90)),
            "issue": str(rng.randint(1, 12)),
        },  # fmt: skip
        "pages": {"medline": f"{first}-{first + rng.randint(3, 12)}"},
        "doi": f"10.{rng.randint(1000, 9999)}/itb.{number}",
    }


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_copies_of_clean_records_still_group_with_them(damage: str) -> None:
    rng = random.Random(damage)
    records, truth = [], {}
    for number in range(60):
        clean = _clean(number, rng)
        copy = DAMAGE[damage](clean, rng)
        records += [normalize(f"{number}a", clean), normalize(f"{number}b", copy)]
        truth[f"{number}a"] = truth[f"{number}b"] = number
    groups = find_duplicates(records).groups
    merged = {tuple(sorted(g)) for g in groups}
    missed = [n for n in range(60) if (f"{n}a", f"{n}b") not in merged]
    assert not missed, f"{damage}: {len(missed)} of 60 copies not grouped, e.g. {missed[:3]}"
    assert all(len({truth[i] for i in g}) == 1 for g in groups), "two papers merged"
