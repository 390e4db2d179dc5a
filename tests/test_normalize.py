"""The normalizer: every source's fields in one canonical shape, with comparable keys."""

from __future__ import annotations

from typing import Any

import pytest

from kb.dedup.records import (
    clean_volume,
    expand_pages,
    journal_words,
    normalize,
    normalize_doi,
    same_journal,
    title_key,
)


def fields(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"title": "Intrathecal baclofen in cerebral palsy"}
    base.update(values)
    return base


@pytest.mark.parametrize(
    ("pages", "expanded"),
    [("123-9", "123-129"), ("1865-76", "1865-1876"), ("e12", "e12"), ("S197-S201", "S197-S201"),
     ("99-101", "99-101"), ("5-5", "5"), (None, None)],
)  # fmt: skip
def test_pages_are_written_out(pages: str | None, expanded: str | None) -> None:
    assert expand_pages(pages) == expanded


@pytest.mark.parametrize(
    ("doi", "normalized"),
    [("https://doi.org/10.1111/DMCN.12345", "10.1111/dmcn.12345"), ("doi: 10.1000/X.", "10.1000/x"),
     ("10.1000", None), ("not a doi", None),
     ("10.1002/(SICI)1096-8628(19970221)74:1&lt;73::AID-AJMG16&gt;3.0.CO;2-O",
      "10.1002/(sici)1096-8628(19970221)74:1<73::aid-ajmg16>3.0.co;2-o")],
)  # fmt: skip
def test_dois_lose_prefixes_and_case(doi: str, normalized: str | None) -> None:
    assert normalize_doi(doi) == normalized


def test_a_journal_written_in_full_and_abbreviated_compares_equal() -> None:
    full = journal_words("Developmental Medicine and Child Neurology")
    iso = journal_words("Dev Med Child Neurol")
    assert same_journal(full, iso)
    assert same_journal(journal_words("Drugs & Aging"), journal_words("Drugs and Aging"))
    bracketed = journal_words("Gan to Kagaku Ryoho [Japanese Journal of Cancer & Chemotherapy]")
    assert bracketed == ("gan", "kagaku", "ryoho")
    assert same_journal(bracketed, journal_words("Gan to kagaku ryoho. Cancer &amp; chemotherapy"))
    # Two words starting a longer name are another journal.
    assert not same_journal(
        journal_words("Journal of Neurology"),
        journal_words("Journal of Neurology, Neurosurgery and Psychiatry"),
    )
    assert not same_journal(full, journal_words("Pediatric Neurology"))


def test_title_keys_ignore_case_accents_markup_brackets_and_appended_notes() -> None:
    assert (
        title_key("[Baclofène intrathécal chez l'enfant].") == "baclofene intrathecal chez l enfant"
    )
    assert title_key("<sup>11</sup>C-Cetrozole &amp; PET") == "11c cetrozole and pet"
    assert title_key("Efficacy of batroxobin. [Chinese]") == "efficacy of batroxobin"
    assert title_key("Gait after ITB.[Erratum appears in Brain 2010;4(2)]") == "gait after itb"


def test_volume_keeps_the_number_alone() -> None:
    assert clean_volume("4 (DEC) (no pagination)") == "4"
    assert clean_volume("15 (2)") == "15"
    assert clean_volume("(Jul)") is None
    assert clean_volume("Suppl 2") == "Suppl 2"
    assert clean_volume("Current Topics in Behavioral Neurosciences. 4") == "4"
    assert clean_volume("Cancer & chemotherapy. 35") == "35"


def test_a_pubmed_record_becomes_canonical() -> None:
    record = normalize(
        "r1",
        fields(
            title="[Intrathecal baclofen in children].",
            vernacular_title="Intrathekales Baclofen bei Kindern.",
            authors=[{"family": "Müller", "initials": "A"}, {"collective": "ITB Group"}],
            pub_date={"year": 2019},
            journal={"title": "Developmental medicine and child neurology",
                     "iso_abbreviation": "Dev Med Child Neurol", "volume": "61", "issue": "4"},
            pages={"medline": "123-9"},
            doi="https://doi.org/10.1111/DMCN.1",
            pmid="123",
            nct_ids=["NCT01234567"],
            nct_ids_text_mined=["NCT07654321"],
            publication_types=[{"name": "Journal Article"}],
        ),
    )  # fmt: skip
    assert record.title_original == "Intrathekales Baclofen bei Kindern."
    assert record.title_key == "intrathecal baclofen in children"
    assert record.pages == "123-129" and record.first_page == "123"
    assert record.doi == "10.1111/dmcn.1" and record.year == 2019
    assert record.nct_ids == ("NCT01234567", "NCT07654321")
    assert record.author_keys == ("muller", "itb group")
    assert record.kind == "article"


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ({"title": "Erratum: Intrathecal baclofen"}, "erratum"),
        ({"publication_types": [{"name": "Published Erratum"}]}, "erratum"),
        ({"title": "Retraction notice: ITB outcomes"}, "retraction"),
        ({"publication_types": [{"name": "Comment"}, {"name": "Letter"}]}, "comment"),
        ({"publication_types": [{"name": "inproceedings"}]}, "conference"),
        ({"publication_types": [{"name": "CONF"}]}, "conference"),
        ({"doi": "10.1101/2023.03.21.23286947"}, "preprint"),
        ({"nct_id": "NCT02513394", "record_type": "registration"}, "registration"),
        ({"publication_types": [{"name": "Journal Article"}, {"name": "Comment"}]}, "article"),
    ],
)
def test_the_kind_of_record_is_recognised(values: dict[str, Any], kind: str) -> None:
    assert normalize("x", fields(**values)).kind == kind


def test_embase_page_quirks_and_unicode_escapes_are_cleaned() -> None:
    from kb.dedup.records import expand_pages, title_key

    assert expand_pages("17 (10) (no pagination)") is None
    assert expand_pages("ARTN 367\n10.1007/s11916-013-0367-2") == "367"
    assert expand_pages("UNSP e5469") == "e5469"
    assert title_key("I can feel it coming<U+22EF>") == title_key("I can feel it coming")
