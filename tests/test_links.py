"""Study linking on literal records: registrations and the articles that report them."""

from __future__ import annotations

from kb.dedup.links import StudyLink, link_studies
from kb.dedup.records import normalize


def test_a_registration_and_its_articles_form_one_study_with_the_way_each_was_linked() -> None:
    registration = normalize(
        "ct",
        {
            "nct_id": "NCT01234567",
            "nct_aliases": ["NCT07777777"],
            "record_type": "registration",
            "title": "ITB for spasticity",
            "references": [
                {"pmid": "111", "type": "RESULT"},
                {"pmid": "222", "type": "DERIVED"},
                {"pmid": "333", "type": "BACKGROUND"},
            ],
        },
    )
    databank = normalize(
        "a",
        {"title": "Trial results", "pmid": "111", "nct_ids": ["NCT01234567"], "databanks": []},
    )
    derived = normalize("b", {"title": "Secondary analysis", "pmid": "222"})
    background = normalize("c", {"title": "Earlier work", "pmid": "333"})
    mined = normalize("d", {"title": "Protocol", "nct_ids_text_mined": ["NCT07777777"]})
    medline = normalize("e", {"title": "Follow-up", "nct_ids": ["NCT01234567"]})
    studies = link_studies([registration, databank, derived, background, mined, medline])
    assert set(studies) == {"NCT01234567"}
    assert set(studies["NCT01234567"]) == {
        StudyLink("NCT01234567", "ct", "registration"),
        StudyLink("NCT01234567", "a", "ctgov_result"),
        StudyLink("NCT01234567", "a", "databank"),
        StudyLink("NCT01234567", "b", "ctgov_derived"),
        StudyLink("NCT01234567", "d", "abstract_text"),
        StudyLink("NCT01234567", "e", "medline_si"),
    }


def test_an_article_naming_an_unregistered_trial_still_forms_a_study() -> None:
    article = normalize("a", {"title": "x", "nct_ids": ["NCT09999999"], "databanks": []})
    assert link_studies([article]) == {"NCT09999999": [StudyLink("NCT09999999", "a", "databank")]}
