"""The tagger on literal records: negation, background, design precedence, sample size."""

from __future__ import annotations

import pytest

from kb.tagging import Registry, Section, Tagger, TagInput, TagResult, tag_input
from kb.tagging.sample_size import number_value
from kb.tagging.taxonomy import MeshTerm, load_taxonomy
from kb.tagging.textscan import norm, sentences

TAGGER = Tagger(load_taxonomy())
ITB = "Intrathecal baclofen in adults"


def tag(abstract: str = "", title: str = ITB, **extra: object) -> TagResult:
    sections = (Section(None, None, abstract),) if abstract else ()
    return TAGGER.tag(TagInput(title=title, abstract=sections, **extra))  # type: ignore[arg-type]


def mention_kinds(result: TagResult, taxonomy_id: str) -> set[str | None]:
    return {m.qualifier for m in result.mentions if m.id == taxonomy_id}


@pytest.mark.parametrize(
    ("sentence", "taxonomy_id", "kind"),
    [
        ("In 40 patients treated with ITB there was no infection.", "infection", "negated"),
        ("All 12 patients were switched without withdrawal symptoms.", "withdrawal", "negated"),
        ("Twenty patients remained free of complications and infection.", "infection", "negated"),
        ("Refills used a template to prevent overdose in 30 patients.", "overdose", "hypothetical"),
        (
            "We followed 30 children. The risk of withdrawal should be discussed with families.",
            "withdrawal",
            "hypothetical",
        ),
        ("Infections were not observed in the 25 patients we followed.", "infection", "negated"),
        ("No patient in our series developed meningitis.", "infection", "negated"),
        ("Baclofen withdrawal mimicking sepsis in a 30-year-old man.", "infection", "differential"),
    ],
)
def test_negated_and_hypothetical_complications_are_mentions_not_tags(
    sentence: str, taxonomy_id: str, kind: str
) -> None:
    result = tag(sentence)
    assert taxonomy_id not in result.ids("complication")
    assert kind in mention_kinds(result, taxonomy_id)


def test_a_reported_complication_is_a_tag_with_its_words_and_field() -> None:
    result = tag("We reviewed 40 patients. Infection occurred in 3 patients (7%).")
    assert result.ids("complication") == ["infection"]
    found = [m for m in result.mentions if m.id == "infection" and m.qualifier is None]
    assert found[0].field == "abstract" and found[0].text == "Infection"


def test_a_count_in_the_sentence_makes_a_risk_a_report() -> None:
    assert "infection" in tag("The risk of infection was 4.5% in 88 patients.").ids("complication")


def test_background_mentions_are_context_and_results_are_tags() -> None:
    sections = (
        Section(
            "BACKGROUND",
            "BACKGROUND",
            "ITB treats spasticity in multiple sclerosis. Overdose can kill.",
        ),
        Section("METHODS", "METHODS", "We reviewed 30 children with cerebral palsy."),
        Section("RESULTS", "RESULTS", "Catheter breakage occurred in 4 children."),
    )
    result = TAGGER.tag(TagInput(title=ITB, abstract=sections))
    assert result.ids("indication") == ["cerebral_palsy"]
    assert result.ids("complication") == ["catheter_complication"]
    assert "context" in mention_kinds(result, "multiple_sclerosis")


def test_the_opening_sentences_of_an_unstructured_abstract_are_background() -> None:
    result = tag(
        "Intrathecal baclofen is used in stroke and multiple sclerosis. "
        "We report 14 adults with spinal cord injury followed for 5 years."
    )
    assert result.ids("indication") == ["spinal_cord_injury"]


def test_spasticity_without_a_named_cause_is_spasticity_unspecified() -> None:
    assert tag("We followed 20 adults with severe spasticity.").ids("indication") == [
        "spasticity_unspecified"
    ]
    named = tag("We followed 20 adults with severe spasticity due to multiple sclerosis.")
    assert named.ids("indication") == ["multiple_sclerosis"]


def test_abbreviations_match_in_capitals_only_and_british_spelling_folds() -> None:
    assert tag("We studied 20 adults with MS.").ids("indication") == ["multiple_sclerosis"]
    assert "multiple_sclerosis" not in tag("Onset was 20 ms after the bolus.").ids("indication")
    assert norm("Paediatric") == norm("pediatric") and norm("haemorrhages") == norm("hemorrhage")
    result = tag("We studied 9 adults after intracerebral haemorrhage.")
    assert result.ids("indication") == ["stroke"]


def test_mesh_headings_match_by_ui_and_by_name() -> None:
    by_ui = tag(mesh=(MeshTerm("D002547", "Cerebral Palsy"),))
    by_name = tag(mesh=(MeshTerm("", "Cerebral Palsy"),))
    assert by_ui.ids("indication") == by_name.ids("indication") == ["cerebral_palsy"]


@pytest.mark.parametrize(
    ("types", "abstract", "design"),
    [
        (("Randomized Controlled Trial",), "Sixty patients were randomly assigned.", "rct"),
        (("Review",), "We systematically searched MEDLINE and Embase.", "systematic_review"),
        (("Review",), "This review discusses randomized trials of ITB.", "review"),
        (("Case Reports",), "We report a 45-year-old man with withdrawal.", "case_report"),
        (("Case Reports",), "We report five patients with catheter breaks.", "case_series"),
        (("Journal Article",), "We retrospectively reviewed 88 patients.", "case_series"),
        (("Journal Article",), "A prospective cohort of 40 children was followed.", "cohort"),
        (
            ("Journal Article",),
            "Twelve patients received saline and baclofen in a double-blind crossover.",
            "controlled_trial",
        ),
        (("Letter",), "We read with interest the report.", "other"),
        (("Journal Article",), "Six adult sheep received intrathecal baclofen.", "other"),
        (("Practice Guideline",), "An expert panel made recommendations.", "guideline"),
        ((), "", "other"),
    ],
)
def test_exactly_one_design_by_documented_precedence(
    types: tuple[str, ...], abstract: str, design: str
) -> None:
    assert tag(abstract, publication_types=types).design.id == design


def test_a_registration_is_a_trial_registration_with_its_declared_design_and_enrollment() -> None:
    registry = Registry(
        conditions=("Cerebral Palsy",),
        outcomes=("Modified Ashworth Scale",),
        adverse_events=("Pump pocket infection",),
        study_type="INTERVENTIONAL",
        allocation="RANDOMIZED",
        enrollment=36,
        enrollment_type="ACTUAL",
        interventions=("Drug: Intrathecal baclofen",),
    )
    result = TAGGER.tag(TagInput(title="ITB in CP", registry=registry, kind="registration"))
    assert result.design.id == "trial_registration" and result.registered_design == "rct"
    assert result.sample_size is not None
    assert (result.sample_size.value, result.sample_size.source) == (36, "actual")
    assert result.ids("indication") == ["cerebral_palsy"]
    assert result.ids("outcome") == ["spasticity"]
    assert result.ids("complication") == ["infection"]
    assert result.relevant


@pytest.mark.parametrize(
    ("abstract", "size"),
    [
        ("We reviewed 37 patients treated with ITB.", 37),
        ("Patients with MS were included (n = 32).", 32),
        ("Twenty-seven children received a pump.", 27),
        ("We reviewed 341 paediatric patients who underwent 720 procedures.", 341),
        ("Of 37 patients, 12 had a catheter complication.", 37),
        ("We compared 42 patients with 42 matched controls.", 84),
        ("Infection occurred in 3 patients after 156 screening trials.", None),
        ("ITB is an established treatment for spasticity.", None),
        ("One hundred and twelve adults were enrolled.", 112),
    ],
)
def test_sample_size_counts_participants_or_says_nothing(abstract: str, size: int | None) -> None:
    result = tag(abstract, publication_types=("Journal Article",))
    assert (result.sample_size.value if result.sample_size else None) == size


def test_number_words_are_read() -> None:
    assert number_value("Twenty-seven") == 27
    assert number_value("1,204") == 1204
    assert number_value("a hundred") == 100


def test_off_topic_baclofen_is_not_relevant_and_itb_alone_needs_baclofen() -> None:
    oral = tag(
        "We randomly assigned 320 adults with alcohol dependence to oral baclofen.",
        title="Baclofen for alcohol use disorder",
    )
    assert not oral.relevant
    morphine = tag("Intrathecal morphine pumps in 120 patients with pain.", title="Morphine")
    assert not morphine.relevant
    knee = tag("ITB syndrome in 40 runners.", title="Iliotibial band")
    assert not knee.relevant
    assert tag("ITB for spasticity in 40 adults given baclofen.", title="Spasticity").relevant


def test_tag_input_unites_the_signals_of_every_member_record() -> None:
    pubmed = {
        "abstract": [{"label": "RESULTS", "category": "RESULTS", "text": "Infection in 2."}],
        "mesh": [{"descriptor": "Cerebral Palsy", "ui": "D002547"}],
        "publication_types": [{"name": "Journal Article"}],
        "keywords": [{"keyword": "intrathecal baclofen"}],
    }
    embase = {
        "abstract": [{"label": None, "category": None, "text": "Infection in 2 patients."}],
        "keywords": [{"keyword": "spinal cord injury"}],
        "publication_types": [{"name": "JOUR"}],
    }
    item = tag_input("A title", "article", [pubmed, embase])
    assert item.abstract[0].label == "RESULTS"  # the labelled abstract wins
    assert {k.lower() for k in item.keywords} == {"intrathecal baclofen", "spinal cord injury"}
    assert item.mesh == (MeshTerm("D002547", "Cerebral Palsy"),)
    assert set(item.publication_types) == {"Journal Article", "JOUR"}


def test_sentences_end_at_full_stops_but_not_after_abbreviations_however_many() -> None:
    text = (
        "Smith et al. Reported pumps. Jones et al. And Li et al. Found e.g. Leaks. No. 5 was "
        "seen in a Filipino. Then Fig. 2 shows it."
    )
    assert [s for _, s in sentences(text)] == [
        "Smith et al. Reported pumps.",
        "Jones et al. And Li et al. Found e.g. Leaks.",
        "No. 5 was seen in a Filipino.",
        "Then Fig. 2 shows it.",
    ]


@pytest.mark.parametrize(
    "sentence",
    ["We treated 24 adults. Spasticity and pain fell.", "Pain dropped in 9 of 12 patients.",
     "In 30 children pain declined after implantation.", "Pain was halved in 14 patients."],
)  # fmt: skip
def test_pain_said_to_fall_is_an_outcome_reported(sentence: str) -> None:
    assert "pain" in tag(sentence).ids("outcome")


def test_the_authors_own_work_at_a_backgrounds_end_names_the_studys_design() -> None:
    # (made up) an animal study whose aim closes its background: animals, not a trial
    result = TAGGER.tag(
        TagInput(
            title="Intrathecal baclofen after spinal cord injury",
            abstract=(
                Section(
                    "BACKGROUND",
                    None,
                    "Spasticity after spinal cord injury is common. "
                    "The authors examined in rats the effect of intrathecal baclofen on "
                    "spasms.",
                ),
                Section("METHODS", None, "Twenty animals were randomized to baclofen or saline."),
            ),
        )  # fmt: skip
    )
    assert result.design.id == "other"


def test_a_named_trials_cohort_analysed_anew_is_no_trial_of_the_record() -> None:
    result = tag(
        "Here we studied the association of spasticity with pain in the patient cohort of "
        "SISTERS, a randomized multicentre trial of intrathecal baclofen. We analysed 60 "
        "patients with stroke."
    )
    assert result.design.id != "rct"


def test_a_claim_of_what_the_therapy_can_do_names_no_studys_patients() -> None:
    result = tag(
        "Intrathecal baclofen can reduce congenital and posttraumatic spasticity. We reviewed "
        "the records of 30 patients with a pump for spasticity."
    )
    assert "traumatic_brain_injury" not in result.ids("indication")
    assert "spasticity_unspecified" in result.ids("indication")


def test_who_should_not_be_tested_is_not_who_was_treated() -> None:
    result = tag(
        "Screening assesses the response to a test dose in patients with spasticity. "
        "Individuals should not be tested in the presence of active medical issues (e.g., MS "
        "exacerbations, active urinary tract infection)."
    )
    assert "multiple_sclerosis" not in result.ids("indication")
    assert "infection" not in result.ids("complication")


def test_a_level_of_the_motor_classification_is_no_motor_outcome() -> None:
    result = tag(
        "We describe a 30-year-old woman with spastic cerebral palsy, gross motor function IV, "
        "treated with intrathecal baclofen. Her spasms fell."
    )
    assert "motor_function" not in result.ids("outcome")


def test_sleep_apnoea_the_therapy_eased_is_a_sleep_outcome() -> None:
    result = tag(
        "We describe a woman with cerebral palsy and sleep apnea. After intrathecal baclofen, "
        "improvement of her sleep apnea was noted."
    )
    assert "sleep" in result.ids("outcome")


def test_deformity_of_the_spine_that_went_on_is_scoliosis_progression() -> None:
    result = tag(
        "Twenty children were followed for two years after pump implantation. Deformities of "
        "the hip and spine continued to occur."
    )
    assert "scoliosis_progression" in result.ids("complication")


def test_the_patients_goals_achieved_are_goal_attainment() -> None:
    result = tag("Thirty children were assessed. All 3 pre-set goals were achieved by 80%.")
    assert "satisfaction" in result.ids("outcome")
    assert "satisfaction" not in tag("Forty patients were treated; the goal was met.").ids(
        "outcome"
    )


def test_an_actuarial_projection_of_costs_is_a_cost_model() -> None:
    result = TAGGER.tag(
        TagInput(
            title="Medical cost of intrathecal baclofen",
            abstract=(
                Section(
                    "METHODS",
                    None,
                    "An actuarial projection was used to simulate "
                    "conventional medical management. The model was informed by claims "
                    "data from 409 patients with a pump.",
                ),
                Section("RESULTS", None, "Costs were lower than with conventional care."),
            ),
        )  # fmt: skip
    )
    assert result.design.id == "other"


def test_a_harm_the_methods_only_list_as_looked_for_is_no_tag() -> None:
    result = TAGGER.tag(
        TagInput(
            title="Catheter position for intrathecal baclofen",
            abstract=(
                Section(
                    "METHODS",
                    None,
                    "The records of 48 patients were reviewed. "
                    "Complications, including baclofen overdose and infections, were noted.",
                ),
                Section("RESULTS", None, "Two patients had hardware infections."),
            ),
        )  # fmt: skip
    )
    assert "infection" in result.ids("complication")
    assert "overdose" not in result.ids("complication")


def test_a_tag_result_sent_to_another_process_comes_back_equal() -> None:
    import pickle

    from kb.tagging.types import Mention, SampleSize

    result = tag(
        "We enrolled 24 patients. Catheter infection occurred in two. No meningitis occurred.",
        title="Intrathecal baclofen for spasticity: a cohort study",
    )
    assert result.mentions and result.sample_size is not None
    back = pickle.loads(pickle.dumps(result))
    assert back == result and repr(back) == repr(result)
    assert all(type(m) is Mention for m in (*back.mentions, back.design))
    assert type(back.sample_size) is SampleSize
    nothing = TagResult((), result.design, None, False, None)
    assert pickle.loads(pickle.dumps(nothing)) == nothing


@pytest.mark.parametrize(
    ("start", "end", "span"),
    [
        (0, 3, (0, 0)),  # "the"
        (4, 10, (1, 2)),  # "pump" and "s"
        (5, 16, (1, 3)),  # from inside a word to inside another: both and those between
        (3, 4, (1, 0)),  # the space between two words: none (first after last)
        (0, 40, (0, 4)),  # the whole sentence
        (40, 40, (5, 4)),  # past its end
    ],
)
def test_a_pattern_match_covers_the_words_it_touches(
    start: int, end: int, span: tuple[int, int]
) -> None:
    from kb.tagging.facets import _word_span
    from kb.tagging.textscan import tokens

    words = tokens("the pump's catheter failed")
    assert _word_span(words, start, end) == span


def test_tagging_compiles_no_pattern_while_it_tags() -> None:
    """Every pattern the tagger uses is compiled once, at import or when the tagger is built:
    a pattern string handed to re.sub or re.split at run time is looked up in the module's
    cache of 512 patterns, which a built tagger fills, and compiled again on every miss."""
    import re
    from unittest import mock

    if not hasattr(re, "_compile"):
        pytest.skip("this Python's re module has no _compile to watch")
    tagger = Tagger(load_taxonomy())
    item = tag_input(
        "Intrathecal baclofen in adults",
        "article",
        [
            {
                "abstract": [
                    {
                        "text": "Methods: We followed twenty-two patients and 31 546 "
                        "controls. Results: Two thousand and five doses."
                    }
                ]
            }
        ],
    )
    tagger.tag(item)
    with mock.patch.object(re, "_compile", wraps=re._compile) as compiled:
        tagger.tag(item)
        assert number_value("twenty-two") == 22
        assert number_value("31 546") == 31546
    assert compiled.call_count == 0
