"""The coding manual's rules (shared/reference/labelling.md), each on short made-up text:
design order, N, harms and outcomes, and the text of real exports (inline structured
abstracts, pasted index lines, registry pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.file_formats import read_records
from harvester.files import decode_file
from harvester.records import RawRecord
from kb.dedup.records import normalize
from kb.tagging import Section, Tagger, TagInput, TagResult, load_taxonomy, tag_input
from kb.tagging.inputs import split_abstract
from kb.tagging.taxonomy import MeshTerm
from kb.tagging.textscan import sentences

TAGGER = Tagger(load_taxonomy())
ITB = "Intrathecal baclofen in adults"


def tag(abstract: str = "", title: str = ITB, types: tuple[str, ...] = ()) -> TagResult:
    fields = {
        "abstract": [{"text": abstract}] if abstract else [],
        "publication_types": [{"name": t} for t in types],
    }
    return TAGGER.tag(tag_input(title, "article", [fields]))


def in_results(sentence: str) -> TagResult:
    """Tag SENTENCE as the results of a study of 20 patients."""
    return tag(f"Methods: We followed 20 patients. Results: {sentence}")


def design(abstract: str, title: str = ITB, types: tuple[str, ...] = ()) -> str:
    return tag(abstract, title, types).design.id


def n(abstract: str, title: str = ITB) -> int | None:
    size = tag(abstract, title).sample_size
    return size.value if size else None


# --- design, in the manual's order -----------------------------------------------------------


def test_a_registry_page_pasted_as_text_is_a_trial_registration() -> None:
    page = (
        "Phase 2. Completed. Conditions: Cerebral Palsy. Registration Number: NCT00000001. "
        "Lead Sponsor: A University Hospital. Brief Summary: The patient will receive a "
        "randomised intrathecal baclofen bolus."
    )
    assert design(page) == "trial_registration"


def test_a_registration_imported_from_ris_is_a_trial_registration(tmp_path: Path) -> None:
    export = tmp_path / "registry.ris"
    export.write_text(
        "TY  - RPRT\nTI  - Intrathecal baclofen in cerebral palsy\nJO  - ClinicalTrials.gov\n"
        "AN  - NCT00000002\nUR  - https://clinicaltrials.gov/study/NCT00000002\n"
        "AB  - A randomised trial of 30 children.\nER  - \n",
        encoding="utf-8",
    )
    (item,) = [i for i in read_records(decode_file(export), "ris", "x") if isinstance(i, RawRecord)]
    record = normalize("r", item.fields)
    assert record.kind == "registration"
    result = TAGGER.tag(tag_input(record.title, record.kind, [item.fields]))
    assert result.design.id == "trial_registration"


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("own-id.ris", "TY  - JOUR\nAN  - NCT00000003\nTI  - ITB in MS\nER  - \n", "registration"),
        ("report.ris", "TY  - RPRT\nTI  - ITB in MS (NCT00000004)\nER  - \n", "registration"),
        ("paper.ris", "TY  - JOUR\nTI  - ITB in MS\nAB  - Registered as NCT00000005; 40 "
                      "patients were randomised.\nER  - \n", "article"),
        ("journal.csv", "id,title,journal\nr1,ITB in MS,ClinicalTrials.gov NCT00000006\n",
         "registration"),
        ("own-id.csv", "id,title,journal\nNCT00000007,ITB in MS,\n", "registration"),
        ("link.csv", "id,title,url\nr2,ITB in MS,https://clinicaltrials.gov/study/NCT00000008\n",
         "registration"),
        ("paper.csv", "id,title,abstract\nr3,ITB in MS,Registered as NCT00000009.\n", "article"),
    ],
)  # fmt: skip
def test_a_registration_in_a_ris_or_csv_file_is_known_by_its_registry_or_own_nct(
    tmp_path: Path, name: str, text: str, kind: str
) -> None:
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    decoded = decode_file(export)
    fmt = "ris" if name.endswith(".ris") else "csv"
    (item,) = [i for i in read_records(decoded, fmt, "x") if isinstance(i, RawRecord)]
    record = normalize("r", item.fields)
    assert record.kind == kind
    design = TAGGER.tag(tag_input(record.title, record.kind, [item.fields])).design.id
    assert (design == "trial_registration") == (kind == "registration")


@pytest.mark.parametrize(
    ("name", "text", "registered"),
    [
        ("isrctn.ris", "TY  - JOUR\nTI  - ITB in stroke\nJO  - ISRCTN registry\nER  - \n", True),
        ("eudract.ris", "TY  - JOUR\nTI  - ITB in MS\nJO  - EU Clinical Trials Register\n"
                        "AN  - 2010-012345-12\nER  - \n", True),
        ("anzctr.ris", "TY  - JOUR\nTI  - ITB in CP\nAN  - ACTRN12610000123456\nER  - \n", True),
        ("ictrp.ris", "TY  - JOUR\nTI  - ITB in SCI\nDB  - WHO ICTRP\nER  - \n", True),
        ("ctri.csv", "id,title,journal\nCTRI/2018/05/013801,ITB in CP,\n", True),
        ("trials.ris", "TY  - JOUR\nTI  - ITB in CP: a trial protocol\nJO  - Trials\nAB  - We will "
                       "randomise 60 children.\nER  - \n", False),
        ("paper.ris", "TY  - JOUR\nTI  - ITB in CP\nAB  - Registered as ISRCTN12345678; 40 "
                      "children were randomised.\nER  - \n", False),
    ],
)  # fmt: skip
def test_a_record_of_another_trial_registry_is_a_trial_registration(
    tmp_path: Path, name: str, text: str, registered: bool
) -> None:
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    fmt = "ris" if name.endswith(".ris") else "csv"
    (item,) = [i for i in read_records(decode_file(export), fmt, "x") if isinstance(i, RawRecord)]
    record = normalize("r", item.fields)
    design = TAGGER.tag(tag_input(record.title, record.kind, [item.fields])).design.id
    assert (design == "trial_registration") == registered


def test_the_authors_review_statement_makes_a_review() -> None:
    assert design("This chapter will review the use of ITB after stroke.") == "review"
    assert design("In this article, we will briefly review what is known.") == "review"


def test_a_case_report_with_a_literature_review_stays_a_case_report() -> None:
    text = "We present three patients whose refills failed, with a literature review."
    assert design(text, "Refill failures: three cases") == "case_report"


def test_one_to_three_patients_are_a_case_report_four_a_case_series() -> None:
    assert design("Three patients received ITB for dystonia.") == "case_report"
    assert design("Four patients received ITB for dystonia.") == "case_series"


def test_the_authors_own_label_wins_over_other_observational_cues() -> None:
    text = "In our series, eight children were followed prospectively after implantation."
    assert design(text) == "case_series"
    assert design("This retrospective cohort study included 60 adults.") == "cohort"


@pytest.mark.parametrize(
    "text",
    [
        "A retrospective review of 80 patients: a comparison of pediatric and adult patients.",
        "We studied risk factors for CSF leak in a retrospective review of 90 children.",
        "Retrospective chart review of 40 patients: predictors of infection were weight and age.",
        "A longitudinal pre-post study of 8 patients with multiple sclerosis.",
    ],
)
def test_comparison_predictors_and_follow_up_make_a_cohort(text: str) -> None:
    assert design(text) == "cohort"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("We compared 30 children treated with ITB with 28 treated by rhizotomy.", ITB),
        ("Scores of 25 implanted adults were compared with those of untreated adults.", ITB),
        ("We reviewed 40 children.", "Intrathecal baclofen versus rhizotomy in cerebral palsy"),
    ],
)
def test_groups_compared_as_an_aim_make_a_cohort(text: str, title: str) -> None:
    assert design(text, title) == "cohort"


def test_a_group_compared_with_its_own_baseline_stays_a_case_series() -> None:
    text = "We retrospectively reviewed 30 patients; scores were compared with baseline."
    assert design(text) == "case_series"


@pytest.mark.parametrize(
    "comparison",
    [
        "Ashworth scores at 12 months were compared with those at baseline.",
        "Scores after implantation were compared to those of the same patients before it.",
        "Their complication rates were compared with those reported in the literature.",
        "A comparison of pre- and post-implant Ashworth scores showed a reduction.",
        "Comparison between baseline and 12-month scores showed improvement.",
        "Scores were compared between baseline and last follow-up.",
    ],
)
def test_a_group_compared_with_itself_earlier_or_with_the_literature_has_no_comparison_group(
    comparison: str,
) -> None:
    assert design(f"We reviewed 30 patients treated at our centre. {comparison}") == "case_series"


@pytest.mark.parametrize(
    ("text", "expected_n"),
    [
        ("We compared the outcome of 20 patients treated with intrathecal baclofen with the "
         "outcome of 20 patients treated with rhizotomy.", 40),
        ("We compared the outcome of 20 patients treated with intrathecal baclofen to that of "
         "20 patients treated with selective dorsal rhizotomy.", 40),
        ("We reviewed 30 adults with pumps; their outcomes were compared to those in the oral "
         "baclofen group.", 30),
        ("Fifteen subjects with spasticity were compared with subjects without it.", 15),
    ],
)  # fmt: skip
def test_another_group_compared_as_that_of_or_the_outcome_of_makes_a_summed_cohort(
    text: str, expected_n: int
) -> None:
    assert design(text) == "cohort"
    assert n(text) == expected_n


@pytest.mark.parametrize(
    "text",
    [
        "In this open trial, 25 patients with severe spasticity were implanted and followed up "
        "for two years.",
        "In this uncontrolled trial, 15 adults with multiple sclerosis received intrathecal "
        "baclofen and were assessed at 3 and 6 months.",
    ],
)
def test_an_open_or_uncontrolled_trial_is_a_prospective_follow_up_a_cohort(text: str) -> None:
    assert design(text) == "cohort"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We retrospectively reviewed 60 patients: 30 with ITB and 30 treated with oral "
         "baclofen. Complication rates were compared.", "cohort"),
        ("We reviewed 52 children: 27 receiving a pump and 25 managed conservatively.", "cohort"),
        # diagnoses side by side, not compared: a descriptive series
        ("We reviewed 30 patients: 20 with cerebral palsy and 10 with spinal cord injury.",
         "case_series"),
    ],
)  # fmt: skip
def test_a_second_group_counted_on_another_treatment_is_a_comparison_group(
    text: str, expected: str
) -> None:
    assert design(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We retrospectively reviewed 48 patients implanted at our centre. Patients were "
         "followed for a mean of 5.2 years.", "case_series"),
        ("We reviewed 48 patients implanted at our centre; they were assessed every 6 months.",
         "case_series"),
        # a group followed with nothing looked back on, or a comparison beside the follow-up
        ("Forty-eight patients were followed for a mean of 5 years after implantation.",
         "cohort"),
        ("We retrospectively reviewed 48 patients; those with and without infection were "
         "compared. Patients were followed for a mean of 5 years.", "cohort"),
    ],
)  # fmt: skip
def test_a_retrospective_reviews_follow_up_time_makes_no_cohort(text: str, expected: str) -> None:
    assert design(text) == expected


def test_an_open_trial_of_three_patients_told_one_by_one_is_a_case_report() -> None:
    text = (
        "In an open trial, three adults with stiff person syndrome received intrathecal "
        "baclofen. Patient 1 walked again; patient 2 had fewer spasms; patient 3 stopped."
    )
    assert design(text) == "case_report"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patients received a 50 ug bolus and a saline bolus in random order.", "rct"),
        ("Thirty patients will be randomized to ITB or placebo.", "rct"),
        ("PubMed, Embase and the Cochrane Library were searched to 2021; 9 studies were "
         "included.", "systematic_review"),
        ("A literature search of PubMed and Embase identified 35 articles.",
         "systematic_review"),
        ("We read with interest the article by Smith et al. on refill intervals.", "other"),
        ("A validation study: the inter-rater reliability of the scale in 40 patients.",
         "other"),
        ("A woman with spinal cord injury and a baclofen pump became pregnant.",
         "case_report"),
        ("In this open-label study, 10 patients were assessed at 3 and 6 months.", "cohort"),
        ("Patients implanted between 1990 and 2010 were contacted; most were satisfied.",
         "case_series"),
    ],
)  # fmt: skip
def test_how_each_design_is_worded(text: str, expected: str) -> None:
    assert design(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Patient selection, screening, dosing and the management of complications are discussed.",
        "Intrathecal baclofen delivers the drug to the spinal cord at a fraction of the oral "
        "dose. Candidates have severe spasticity that oral drugs do not control. A test bolus "
        "through a lumbar puncture predicts the response. The pump is refilled every few "
        "months, and the dose is adjusted to the goals of each person and their carers, "
        "with a smaller dose at night where spasms are few.",
    ],
)
def test_text_that_studies_no_patients_and_names_no_design_is_a_review(text: str) -> None:
    assert design(text) == "review"


@pytest.mark.parametrize(
    "text",
    [
        "Thirty-four isolated rabbit hearts were randomly divided into five groups: control, "
        "baclofen and three doses of an antagonist.",
        "Methods: Rabbits (n = 73) received saline (control) or intrathecal baclofen before "
        "spinal ischaemia. Results: Baclofen reduced the injury.",
        "A control group (9 pigs) was compared with a group given intrathecal baclofen "
        "(8 pigs) through a catheter.",
        "Guinea-pig hearts were perfused with baclofen or placebo in the Langendorff mode.",
    ],
)
def test_an_animal_or_laboratory_study_is_other_with_no_participants_whatever_its_allocation(
    text: str,
) -> None:
    result = tag(text, title="Intrathecal baclofen and ischaemic injury")
    assert result.design.id == "other"
    assert result.sample_size is None


def test_animals_named_beside_the_patients_leave_a_trial_and_its_count_alone() -> None:
    text = (
        "Baclofen reduces spasms in rats and mice. Methods: Sixty patients with spinal cord "
        "injury were randomly assigned to bolus or continuous dosing. Results: Tone fell."
    )
    result = tag(text)
    assert result.design.id == "rct"
    assert result.sample_size is not None and result.sample_size.value == 60
    human = (
        "Fourteen subjects underwent SPECT before and after 12 weeks of intrathecal baclofen "
        "(n = 14). The results may complement animal work in rats."
    )
    size = tag(human).sample_size
    assert size is not None and size.value == 14


@pytest.mark.parametrize(
    "text",
    [
        "Eye patching is used in neglect. Thirteen studies of intrathecal baclofen were "
        "selected from the Medline, EMBASE and Scopus databases.",
        "Method: The databases from MEDLINE and PubMed were reviewed for articles on pumps. "
        "Results: Most studies reported tone.",
        "Pumps fail. Reports of pump failure identified in PubMed, Embase or CINAHL were read "
        "in full.",
    ],
)
def test_a_review_that_names_the_databases_it_searched_is_a_systematic_review(text: str) -> None:
    assert design(text, title="Intrathecal baclofen: a review") == "systematic_review"


def test_a_systematic_reviews_n_equals_counts_studies_not_participants() -> None:
    text = (
        "We searched MEDLINE and Embase. Twenty studies were included. Spasticity was rated "
        "with the Ashworth scale (n = 5) or the Penn scale (n = 2)."
    )
    result = tag(text)
    assert result.design.id == "systematic_review"
    assert result.sample_size is None
    pooled = "We searched MEDLINE and Embase. Seven trials with 184 participants were included."
    size = tag(pooled).sample_size
    assert size is not None and size.value == 184


def test_a_waitlist_group_as_the_control_makes_a_controlled_trial() -> None:
    text = (
        "Spasticity burdens carers. A pre-post design was adopted in which one group received "
        "intrathecal baclofen and the other, a waitlist group, served as a control."
    )
    assert design(text) == "controlled_trial"


def test_a_single_case_quasi_experimental_study_is_a_case_report_of_one_patient() -> None:
    text = (
        "Research design: Single case quasi-experimental. Methods: Over 9 months, a young "
        "woman with spinal cord injury was trained on transfers while receiving intrathecal "
        "baclofen."
    )
    result = tag(text)
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1
    assert design("Methods: A quasi-experimental study of 30 adults on ITB.") == "controlled_trial"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Catheter fracture in a child with cerebral palsy",
            "Intrathecal baclofen is widely used. Catheter problems are frequent. Radiographs "
            "showed a fractured catheter eight years after implantation.",
        ),
        (
            "Unusual presentation of baclofen withdrawal",
            "Abrupt cessation of intrathecal baclofen can cause withdrawal. Here we describe "
            "fever and rhabdomyolysis in a patient whose pump battery failed.",
        ),
        (
            "Late catheter failure",
            "Intrathecal baclofen is widely used. This boy had increased spasticity eight "
            "years after implantation, and the catheter was found broken.",
        ),
    ],
)
def test_one_patient_named_in_the_title_or_described_is_a_case_report(
    title: str, text: str
) -> None:
    result = tag(text, title)
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1


def test_records_reviewed_at_one_centre_make_a_case_series() -> None:
    title = "Complications of intrathecal baclofen pumps in adults: experience of one centre"
    text = (
        "Between 2000 and 2018, pumps were implanted in adults with spasticity. Records were "
        "reviewed. Infection led to explantation in 6%. Catheter problems required revision."
    )
    assert design(text, title) == "case_series"


@pytest.mark.parametrize(
    "text",
    [
        "Pump infection is feared. We analysed factors associated with pump infection in 300 "
        "implantations. Younger age and gastrostomy were associated with infection.",
        "Scoliosis may progress on ITB. Sixty-two children were included. Children with and "
        "without scoliosis progression were compared.",
        "Walking may worsen on ITB. In 85 ambulant adults, baseline walking speed predicted the "
        "response to ITB.",
        "Twenty-four patients with multiple sclerosis were enrolled and followed for two years "
        "after implantation. Spasm scores were recorded every three months.",
    ],
)
def test_a_predictor_analysis_groups_compared_or_a_group_followed_make_a_cohort(text: str) -> None:
    assert design(text) == "cohort"


def test_a_one_sentence_consensus_abstract_is_a_guideline() -> None:
    text = (
        "An expert panel reached consensus on patient selection for intrathecal baclofen using "
        "a modified Delphi method."
    )
    assert design(text, title="Patient selection for intrathecal baclofen") == "guideline"


def test_a_short_text_with_no_design_signal_stays_other() -> None:
    assert design("Intrathecal baclofen pumps.") == "other"


def test_a_paper_reviewing_published_case_reports_is_a_review() -> None:
    title = "Intrathecal baclofen and catheter masses: a reevaluation of case reports"
    text = "Two case reports described MRI findings in three patients receiving ITB."
    assert design(text, title) == "review"
    assert n(text, title) is None
    own = "Catheter failure: a case report and review of published cases"
    assert design("A 40-year-old man lost the effect of ITB.", own) == "case_report"


def test_the_authors_calling_three_patients_a_series_makes_a_case_series() -> None:
    assert design("We report a series of three patients with ITB withdrawal.") == "case_series"
    assert design("We describe three patients with MS who received ITB.") == "case_report"


def test_the_patient_of_advice_or_a_review_is_no_case_report() -> None:
    text = (
        "Before implantation the patient should undergo a screening bolus. We discuss the "
        "refill procedure."
    )
    assert design(text, "Managing intrathecal baclofen pumps") == "review"
    assert design("The patients were followed for two years.") != "case_report"
    text = "A refill went wrong. The patient recovered after the pump was emptied."
    assert design(text) == "case_report"


def test_two_patients_opening_a_case_report_are_its_participants() -> None:
    text = "Two children developed a fluid collection at the pump site after implantation."
    result = tag(text)
    assert result.design.id == "case_report" and result.sample_size is not None
    assert result.sample_size.value == 2


def test_one_patient_as_the_subject_is_one_participant() -> None:
    assert n("A boy aged 9 years with cerebral palsy developed status dystonicus.") == 1


def test_a_retrospective_descriptive_series_is_a_case_series() -> None:
    assert design("We retrospectively reviewed the charts of 37 patients with ITB.") == (
        "case_series"
    )


def test_a_publication_type_informs_but_the_abstract_decides() -> None:
    text = "We present our experience with 25 consecutive patients."
    assert design(text, types=("Clinical Trial", "Comparative Study")) == "case_series"


# --- N ---------------------------------------------------------------------------------------


def test_procedures_and_their_breakdown_are_not_participants() -> None:
    text = (
        "A total of 314 surgical procedures (226 pediatric and 88 adult) were performed in "
        "195 pediatric and adult patients."
    )
    assert n(text) == 195


def test_a_rounded_figure_in_the_title_gives_way_to_the_stated_count() -> None:
    text = "141 patients underwent implantation; 126 of which had one year of follow-up."
    assert n(text, "Low complication rate in over 100 adult patients") == 141


def test_one_patient_of_a_series_is_a_subgroup() -> None:
    text = (
        "Methods: A total of 54 pumps were implanted in 39 patients. Results: In one patient, "
        "pump failure was observed."
    )
    assert n(text) == 39


def test_compared_groups_are_summed() -> None:
    text = (
        "We compared 42 patients with severe brain injury who received intrathecal baclofen "
        "within six months of injury with 42 matched controls treated with oral agents."
    )
    assert n(text) == 84


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # groups described by their treatment, summed
        ("We compared 30 children treated with ITB with 28 treated by rhizotomy.", 58),
        ("Forty-two patients who received ITB were compared with 38 who received oral drugs.",
         80),
        # those who had a pump implanted are the study; those who had a revision a subgroup
        ("Between 2000 and 2018, 97 patients had an ITB pump implanted. Six had a revision.",
         97),
        ("Of 40 patients, 6 patients had a catheter revision.", 40),
        # a count opening its sentence is the randomised group
        ("Methods: Between 2003 and 2006, 148 patients were referred. 84 were randomly "
         "allocated to ITB or placebo. Results: Of 42 patients allocated ITB, 30 improved.", 84),
        # the authors reporting a case: one participant
        ("The authors report a case of intrathecal baclofen use during pregnancy.", 1),
        # controls described with a hyphenated word, or compared "to", are summed
        ("Nineteen children with CP were compared with 19 age-matched healthy controls.", 38),
        ("Methods: We compared 25 children with ITB to 20 children without.", 45),
        # a survey's respondents, not those it was sent to
        ("A survey was sent to 250 families; 152 responded.", 152),
        ("Questionnaires were mailed to 120 pump users; 86 (72%) returned the questionnaire.",
         86),
        ("Sixty-four pump recipients completed the questionnaire.", 64),
        # the randomised, not those who completed
        ("Results: Of 73 patients randomized, 61 completed the crossover.", 73),
        # professionals are participants too (a consensus survey's responding experts)
        ("Methods: A total of 79 experts from 17 countries completed the on-line survey.", 79),
    ],
)  # fmt: skip
def test_who_counts_among_the_participants(text: str, expected: int) -> None:
    assert n(text) == expected


def test_a_registry_page_gives_its_target_enrollment() -> None:
    assert n("Status: Completed. Target enrollment: 80. Lead Sponsor: A Hospital.") == 80


def test_case_reports_are_publications_not_patients() -> None:
    assert n("Two case reports described the same finding.") is None


def test_cases_a_literature_search_found_are_not_the_case_reports_patients() -> None:
    text = (
        "We report a 12-year-old boy with cerebral palsy who developed a catheter fracture. "
        "A PubMed search found 14 similar cases."
    )
    assert (design(text), n(text)) == ("case_report", 1)
    # (a systematic review's search counts its pooled participants)
    review = "We searched MEDLINE and EMBASE; the search identified 9 studies with 456 patients."
    assert (design(review), n(review)) == ("systematic_review", 456)


@pytest.mark.parametrize(
    "text",
    [
        "A literature review identified 23 cases of baclofen withdrawal, to which we add our "
        "patient.",
        "We add a new case of baclofen withdrawal and review 23 published cases.",
        "We present our patient and review 23 published cases.",
    ],
)
def test_one_case_added_to_the_literatures_is_a_case_report_of_one(text: str) -> None:
    assert (design(text), n(text)) == ("case_report", 1)


def test_our_experience_or_series_stays_a_case_series() -> None:
    text = "We present our experience with 40 patients implanted since 2001."
    assert (design(text), n(text)) == ("case_series", 40)


def test_a_narrative_review_has_no_participants() -> None:
    text = "This review discusses the 12 patients reported so far."
    assert tag(text).design.id == "review" and tag(text).sample_size is None


# --- harms and indications -------------------------------------------------------------------


def test_spastic_quadriplegia_names_no_disease() -> None:
    result = tag("We followed 20 patients with spastic quadriplegia.")
    assert result.ids("indication") == ["spasticity_unspecified"]


def test_dyskinetic_cerebral_palsy_is_also_dystonia() -> None:
    result = tag("We followed 20 children with dyskinetic cerebral palsy.")
    assert result.ids("indication") == ["cerebral_palsy", "dystonia"]


def test_another_drugs_withdrawal_or_a_planned_stop_is_no_withdrawal_syndrome() -> None:
    assert "withdrawal" not in tag("Four patients took oral baclofen for alcohol withdrawal.").ids(
        "complication"
    )
    assert "withdrawal" not in tag(
        "In one patient the dose was tapered until complete withdrawal."
    ).ids("complication")
    assert "withdrawal" in tag("Two of 30 patients had withdrawal after a catheter break.").ids(
        "complication"
    )


def test_a_csf_leak_headache_is_the_leak_only() -> None:
    leak = tag("In 40 patients, a CSF leak with positional headache occurred in three.")
    assert leak.ids("complication") == ["csf_leak"]
    alone = tag("In 40 patients, transient headache occurred in three.")
    assert alone.ids("complication") == ["cns_adverse_effects"]


def test_the_glasgow_coma_scale_is_no_overdose() -> None:
    result = tag("Twelve patients with a Glasgow Coma Scale below 8 received ITB.")
    assert "overdose" not in result.ids("complication")


def test_intubation_alone_is_no_respiratory_depression() -> None:
    result = tag("The 15-year-old was intubated on arrival and recovered.")
    assert "respiratory_depression" not in result.ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Unlike adults with stroke, children rarely had infections.",
        "Results were compared with published series in multiple sclerosis.",
        "Stroke occurred in one patient during follow-up.",
        "Hypoxic brain injury was considered in the differential.",
        "Their spasticity resembled that seen after spinal cord injury.",
        "ITB is also an option in multiple sclerosis.",
        "Patients with stroke or traumatic brain injury will be studied next.",
        "The same approach may help adults with multiple sclerosis.",
        "The results match our earlier report on spinal cord injury.",
    ],
)
def test_another_population_an_event_or_a_differential_is_not_who_was_treated(
    sentence: str,
) -> None:
    text = f"We reviewed 40 children with cerebral palsy treated with a pump. {sentence}"
    assert tag(text).ids("indication") == ["cerebral_palsy"]


def test_a_protocols_patients_to_be_included_are_who_will_be_treated() -> None:
    text = "Patients with multiple sclerosis will be included and randomised to ITB or placebo."
    assert tag(text).ids("indication") == ["multiple_sclerosis"]


def test_eligibility_criteria_say_nothing_about_who_was_treated() -> None:
    text = (
        "Objectives: To study ITB in 80 children with cerebral palsy. Methods: We included 80 "
        "children. Exclusion criteria: infection, multiple sclerosis. Results: Tone improved."
    )
    result = tag(text)
    assert "infection" not in result.ids("complication")
    assert "multiple_sclerosis" not in result.ids("indication")


def test_a_condition_said_to_be_excluded_or_ruled_out_is_no_tag() -> None:
    text = (
        "We followed 12 children with cerebral palsy. Patients with multiple sclerosis were "
        "excluded. Infection was ruled out in a child with fever."
    )
    result = tag(text)
    assert result.ids("indication") == ["cerebral_palsy"]
    assert result.ids("complication") == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("spinal cord pathology", ["spinal_cord_injury"]),
        ("spinal lesions", ["spinal_cord_injury"]),
        ("acquired brain injury such as trauma or hypoxia",
         ["hypoxic_brain_injury", "traumatic_brain_injury"]),
        ("acquired brain injury", ["acquired_brain_injury"]),
    ],
)  # fmt: skip
def test_the_manuals_indication_synonyms_and_the_brain_injury_fallback(
    words: str, expected: list[str]
) -> None:
    assert (
        tag(f"We followed 12 patients with {words} treated with ITB.").ids("indication") == expected
    )


def test_an_objective_opening_with_what_is_known_is_background() -> None:
    text = (
        "Objectives: ITB is a cost-effective therapy. The most common complications are "
        "catheter kinks and CSF leak. Our objective was to determine the rate of catheter "
        "complications. Methods: 126 adults were followed. Results: Nine catheters broke."
    )
    result = tag(text)
    assert result.ids("complication") == ["catheter_complication"]
    assert "cost" not in result.ids("outcome")


def test_a_review_tags_every_risk_it_names_possibilities_included() -> None:
    text = (
        "Intrathecal baclofen carries risks. This review summarizes the withdrawal syndrome, "
        "which may present with seizures, and overdose, which can lead to respiratory "
        "depression. No deaths were attributed to the pump."
    )
    result = tag(text, "Complications of intrathecal baclofen: a review")
    assert result.design.id == "review"
    assert result.ids("complication") == [
        "overdose", "respiratory_depression", "seizure", "withdrawal"
    ]  # fmt: skip


def test_a_primary_study_does_not_tag_a_possibility() -> None:
    text = (
        "Methods: We followed 20 patients. Results: Overdose can lead to respiratory "
        "depression; none occurred."
    )
    assert tag(text).ids("complication") == []


def test_the_comparators_harms_are_no_tags() -> None:
    text = (
        "Methods: We compared 20 implanted patients with 20 patients on oral medication. "
        "Results: Drowsiness was frequent on oral baclofen. Two pumps failed."
    )
    assert tag(text).ids("complication") == ["pump_malfunction"]
    review = (
        "This review compares intrathecal baclofen with the other options. Sedation limits "
        "oral baclofen."
    )
    assert tag(review, "Treating spasticity: a review").ids("complication") == []


def test_aspirating_fluid_or_the_pump_is_no_swallowing_harm() -> None:
    text = (
        "Methods: We followed 20 patients. Results: Aspiration of the fluid revealed CSF; "
        "a seroma resolved with aspiration; the CSF access port aspiration was clear."
    )
    assert "speech_swallowing" not in tag(text).ids("complication")
    assert "speech_swallowing" in tag(
        "Methods: We followed 20 patients. Results: Aspiration pneumonia occurred in 2."
    ).ids("complication")


@pytest.mark.parametrize(
    "words", ["device-related complications", "mechanical complications", "hardware failure"]
)
def test_an_untyped_device_event_is_no_tag(words: str) -> None:
    text = f"Methods: We followed 20 patients. Results: In 3 patients, {words} occurred."
    assert tag(text).ids("complication") == []


def test_epilepsy_indexed_as_a_comorbidity_is_no_seizure() -> None:
    item = TagInput(
        "Intrathecal baclofen in children",
        (Section(None, None, "We followed 20 children."),),
        mesh=(MeshTerm("D004827", "Epilepsy"),),
    )
    assert TAGGER.tag(item).ids("complication") == []


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("There was no significant difference in infection rates (4 vs 5).", "infection"),
        ("Seizures were not more frequent after implantation.", "seizure"),
        ("Curves progressed, but ITB does not accelerate scoliosis.", "scoliosis_progression"),
        ("Suspected catheter malfunction was confirmed at surgery in 3.", "catheter_complication"),
        ("Suspected withdrawal turned out to be an overdose.", "overdose"),
    ],
)
def test_a_harm_studied_that_happened_but_was_not_increased_is_tagged(
    sentence: str, harm: str
) -> None:
    assert in_results(sentence).ids("complication") == [harm]


def test_a_catheter_only_thought_to_have_migrated_is_no_harm() -> None:
    sentence = "The catheter was thought to have migrated, but the dye study was normal."
    assert in_results(sentence).ids("complication") == []


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Three catheters were found to be partially occluded.", "catheter_complication"),
        ("The pump was refilled incorrectly once.", "pump_malfunction"),
        ("An incorrect refill was found at the next visit.", "pump_malfunction"),
        ("Three catheters were later found to be partially occluded.", "catheter_complication"),
        ("The pump implanted in 2009 for spasticity failed in 2015.", "pump_malfunction"),
        ("The scoliotic curve of two non-ambulant girls progressed.", "scoliosis_progression"),
    ],
)
def test_a_catheter_found_occluded_and_a_refill_done_wrongly_are_harms(
    sentence: str, harm: str
) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Screening for infection was done before every refill.", []),
        ("Patients were taught the signs of overdose and withdrawal.", []),
        ("Pump replacement at the end of battery life was performed in 12.", []),
        # what the looking found, a battery's end come early
        ("Patients were monitored for infection; three developed a pocket infection.",
         ["infection"]),
        ("Twelve pumps reached the end of battery life earlier than expected and were "
         "replaced.", ["pump_malfunction"]),
    ],
)  # fmt: skip
def test_a_harm_looked_for_or_taught_or_a_batterys_expected_end_is_no_event(
    sentence: str, tagged: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == tagged


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Two patients had no further spasms after a catheter revision for a kink.",
         ["catheter_complication"]),
        ("No complications occurred after catheter revision.", ["catheter_complication"]),
        ("No infection was seen after implantation.", []),
        ("Withdrawal was avoided in all patients by timely refills.", []),
        ("Infection was prevented by antibiotics in all but one patient.", ["infection"]),
        ("A catheter kink prevented further dosing in one patient.", ["catheter_complication"]),
    ],
)  # fmt: skip
def test_a_negation_does_not_reach_what_came_before_and_a_harm_kept_away_is_none(
    sentence: str, tagged: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == tagged


@pytest.mark.parametrize(
    ("sentence", "tagged", "negated"),
    [
        ("Drowsiness, a known side effect of oral baclofen, was not seen with ITB.", [],
         ["cns_adverse_effects"]),
        ("Sedation, the most common complaint of such drugs, was not reported.", [],
         ["cns_adverse_effects"]),
        # an aside that tells an event, or none before the predicate
        ("Infection, a rare event, occurred in two patients.", ["infection"], []),
        ("Infection, which occurred in two patients, did not recur.", ["infection"], []),
    ],
)  # fmt: skip
def test_a_harm_negated_across_a_noun_phrase_set_off_by_commas(
    sentence: str, tagged: list[str], negated: list[str]
) -> None:
    result = in_results(sentence)
    assert result.ids("complication") == tagged
    found = {
        m.id for m in result.mentions if m.facet == "complication" and m.qualifier == "negated"
    }
    assert sorted(found) == negated


@pytest.mark.parametrize(
    "sentence",
    [
        "ITB did not change sleep-related respiratory events.",
        "There was no adverse effect on voiding.",
        "No withdrawal symptoms were seen.",
        "Suspected infection was not found at revision.",
    ],
)
def test_a_harm_stated_absent_stays_negated(sentence: str) -> None:
    assert in_results(sentence).ids("complication") == []


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("The pump motor stalled and did not recover after the MRI.", "pump_malfunction"),
        ("Two catheters kinked and could not be flushed.", "catheter_complication"),
    ],
)
def test_a_harm_followed_by_another_predicates_negation_stays_a_harm(
    sentence: str, harm: str
) -> None:
    assert in_results(sentence).ids("complication") == [harm]


@pytest.mark.parametrize(
    ("sentence", "facet", "wanted"),
    [
        ("The Penn scores fell from 3 to 1.", "outcome", "spasticity"),
        ("Barry-Albright scores decreased.", "outcome", "dystonia_severity"),
        (
            "A catheter microfracture was found at revision.",
            "complication",
            "catheter_complication",
        ),
        (
            "In one patient the pump was exposed and had to be removed.",
            "complication",
            "wound_complication",
        ),
        (
            "Catheter-related problems required revision in 12%.",
            "complication",
            "catheter_complication",
        ),
        (
            "Improvements were reported in spasms, sleep and bladder control.",
            "outcome",
            "autonomic",
        ),
        (
            "A child who nearly drowned received ITB for generalised dystonia.",
            "indication",
            "hypoxic_brain_injury",
        ),
    ],
)
def test_scale_and_harm_names_written_the_short_way_are_read(
    sentence: str, facet: str, wanted: str
) -> None:
    assert wanted in in_results(sentence).ids(facet)


@pytest.mark.parametrize(
    "text",
    [
        "Methods: We reviewed 120 patients. Results: Catheter kinks occurred in 22. "
        "Conclusions: ITB is an effective therapy for spasticity that improves quality of life, "
        "but catheter problems remain common.",
        "Methods: Records of 200 implantations were reviewed. Results: Deep infection occurred "
        "in 11. Conclusion: Prophylaxis may preserve the spasticity relief provided by ITB.",
        "Methods: We followed 20 patients. Results: Catheter kinks occurred in 3. The effect on "
        "quality of life and spasticity was not assessed.",
    ],
)
def test_a_benefit_stated_as_known_or_not_assessed_is_no_outcome_of_the_study(text: str) -> None:
    assert tag(text).ids("outcome") == []


def test_a_review_stating_the_therapys_benefits_names_its_outcomes() -> None:
    text = (
        "We briefly review intrathecal baclofen. Screening and dosing are described. ITB is an "
        "effective treatment for spasticity and improves quality of life."
    )
    result = tag(text, title="Intrathecal baclofen: a review")
    assert result.design.id == "review"
    assert {"spasticity", "quality_of_life"} <= set(result.ids("outcome"))


@pytest.mark.parametrize(
    ("text", "harm", "indication"),
    [
        (
            "Pocket infection developed in a girl with cerebral palsy after implantation. "
            "Cultures grew staphylococci. The pump was explanted. A new system was implanted "
            "later. She remains well.",
            "infection",
            "cerebral_palsy",
        ),
        (
            "Meningitis followed a pump refill in an elderly man with multiple sclerosis. He "
            "recovered with antibiotics. The pump was kept. Refill technique is discussed.",
            "infection",
            "multiple_sclerosis",
        ),
    ],
)
def test_a_case_reports_opening_sentence_reports_its_patient_not_background(
    text: str, harm: str, indication: str
) -> None:
    result = tag(text, title="Baclofen pump problems")
    assert harm in result.ids("complication")
    assert indication in result.ids("indication")
    assert result.design.id == "case_report"


def test_a_course_told_in_words_is_the_studys_not_background() -> None:
    text = (
        "Catheter migration into the subdural space caused loss of effect eight years after "
        "implantation. The catheter was repositioned. Such migration is rare. Imaging helps."
    )
    title = "A late complication of a baclofen pump"  # (a harm needs no cue in an ITB record)
    assert "catheter_complication" in tag(text, title=title).ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "The final infusion rate was 12 ug/h.",
        "Higher doses were needed in spinal than in cerebral spasticity.",
        "The recommended starting dose is twice the screening dose.",
    ],
)
def test_a_rate_a_dose_needed_or_a_dosing_recommendation_is_the_dose_outcome(
    sentence: str,
) -> None:
    assert "dose" in in_results(sentence).ids("outcome")


def test_a_catheter_tip_granuloma_has_no_id() -> None:
    text = "Methods: We followed 20 patients. Results: A catheter-tip granuloma was found in 2."
    assert tag(text).ids("complication") == []


def test_the_cases_of_an_inline_abstract_are_its_results_not_background() -> None:
    text = (
        "Introduction: Pumps are widely used. They are often described. They are safe. "
        "Cases: Two patients developed catheter failure. Both recovered. "
        "Discussion: Such failures are rare."
    )
    assert tag(text).ids("complication") == ["catheter_complication"]


# --- outcomes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Further study is needed to assess quality of life after ITB in 8 patients.",
         "quality_of_life"),
        ("Twenty children at Gross Motor Function Classification System level V were treated.",
         "motor_function"),
        ("Severe central sleep apnea was found in four patients.", "sleep"),
        ("He presented with fever, abdominal pain and nausea after the refill.", "pain"),
    ],
)  # fmt: skip
def test_mentions_that_are_no_outcome(text: str, absent: str) -> None:
    assert absent not in tag(text).ids("outcome")


def test_bolus_against_continuous_infusion_is_a_dosing_strategy() -> None:
    text = "Bolus versus continuous infusion was compared in 24 patients."
    assert "dose" in tag(text).ids("outcome")


# --- the text of real exports ----------------------------------------------------------------


def test_an_inline_structured_abstract_becomes_sections() -> None:
    sections, extra = split_abstract(
        "BACKGROUND: ITB is used. OBJECTIVE: To study it. Methods: 39 patients. "
        "Results: Eight improved. Conclusions: Useful."
    )
    assert [s.label for s in sections] == [
        "BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS",
    ]  # fmt: skip
    assert extra == {}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "BACKGROUND: ITB is used. METHODS AND RESULTS: In 12 dogs a catheter was placed. "
            "CONCLUSIONS: It worked.",
            ["BACKGROUND", "METHODS AND RESULTS", "CONCLUSIONS"],
        ),
        (
            "Background and Purpose: Spasticity follows stroke. Methods: 40 adults. "
            "Results: Tone fell. Conclusions: Useful.",
            ["BACKGROUND AND PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"],
        ),
        (
            "Purpose of review: Pumps fail. Recent findings: Catheters kink. Summary: Rare.",
            ["PURPOSE OF REVIEW", "RECENT FINDINGS", "SUMMARY"],
        ),
        (
            "Design, setting, and participants: Two centres, 30 children. "
            "Measurements and main results: GMFM rose. Conclusion: Good.",
            ["DESIGN, SETTING, AND PARTICIPANTS", "MEASUREMENTS AND MAIN RESULTS", "CONCLUSION"],
        ),
    ],
)
def test_structured_abstract_labels_joined_from_section_names_are_recognised(
    text: str, labels: list[str]
) -> None:
    sections, _ = split_abstract(text)
    assert [s.label for s in sections] == labels


def test_labels_closed_by_a_full_stop_split_the_abstract_too() -> None:
    sections, _ = split_abstract(
        "Background. Intrathecal baclofen reduces hypertonia. Objective. To review its "
        "complications. Methods. The authors searched PubMed. Results. Catheter problems "
        "were common. Conclusions. Catheters fail."
    )
    assert [s.label for s in sections] == [
        "BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS",
    ]  # fmt: skip
    plain, _ = split_abstract("Results were good. Methods matter. The end.")
    assert [s.label for s in plain] == [None]


def test_a_sentence_ending_in_a_colon_is_not_taken_for_a_section_label() -> None:
    sections, _ = split_abstract(
        "Results: Four groups of rats were studied: sham, control, low and high dose. "
        "Conclusions: The dose mattered."
    )
    assert [s.label for s in sections] == ["RESULTS", "CONCLUSIONS"]
    assert sections[0].text.startswith("Four groups of rats were studied: sham")


def test_methods_under_a_joined_label_are_read_for_the_design() -> None:
    text = (
        "BACKGROUND: Intrathecal baclofen is used for spasticity. METHODS AND RESULTS: "
        "Forty-two adults were randomly assigned to bolus or continuous dosing. "
        "CONCLUSIONS: Both worked."
    )
    assert tag(text).design.id == "rct"


def test_index_lines_pasted_after_an_abstract_are_read_into_their_fields() -> None:
    text = (
        "Intrathecal baclofen has changed the care of children. Publication types: Review. "
        "MeSH terms: Cerebral Palsy / drug therapy*; Humans. Keywords: spasticity; pump"
    )
    sections, extra = split_abstract(text)
    assert sections == [
        Section(None, None, "Intrathecal baclofen has changed the care of children.")
    ]
    assert extra["publication_types"] == ["Review"]
    assert extra["keywords"] == ["spasticity", "pump"]
    result = tag(text)
    assert result.design.id == "review"
    assert "cerebral_palsy" in result.ids("indication")


@pytest.mark.parametrize(
    "abstract",
    [
        "Le baclofène intrathécal chez 12 enfants atteints de paralysie cérébrale.",
        "<p>We followed <b>20</b> patients with <i>multiple sclerosis</i>.</p>",
        "<math><mi>n</mi><mo>=</mo><mn>12</mn></math> patients with spasticity",
        "BACKGROUND: ITB. METHODS: 30 children with cerebral palsy were",
        "",
    ],
)
def test_other_languages_markup_cut_text_or_no_abstract_never_crash(abstract: str) -> None:
    result = TAGGER.tag(
        TagInput(
            title="Intrathecal baclofen",
            abstract=(Section(None, None, abstract),),
            keywords=("spasticity",),
        )  # fmt: skip
    )
    assert result.design.id


# --- the manual's mappings, each on one sentence --------------------------------------------

HARMS = [
    ("catheter_complication", "catheter perforation"),
    ("catheter_complication", "pump-catheter disconnection"),
    ("catheter_complication", "a tangled catheter"),
    ("catheter_complication", "catheter disruption"),
    ("pump_malfunction", "an inadvertent subcutaneous injection"),
    ("pump_malfunction", "a flipped pump"),
    ("pump_malfunction", "motor stall"),
    ("pump_malfunction", "a missed refill"),
    ("pump_malfunction", "a programming error"),
    ("pump_malfunction", "an empty reservoir"),
    ("infection", "pocket infection"),
    ("infection", "meningitis"),
    ("wound_complication", "skin exposure of the pump"),
    ("wound_complication", "pump extrusion"),
    ("overdose", "intoxication"),
    ("overdose", "toxicity"),
    ("respiratory_depression", "respiratory arrest"),
    ("respiratory_depression", "apnoea"),
    ("respiratory_depression", "an apneic episode"),
    ("cns_adverse_effects", "cognitive impairment"),
    ("cns_adverse_effects", "lethargy"),
    ("hypotonia_weakness", "loss of strength"),
    ("hypotonia_weakness", "flaccid paralysis"),
    ("tolerance", "signs of tolerance despite progressive dose increases"),
    ("csf_leak", "post-dural puncture headache"),
    ("pump_malfunction", "a refill injected into the subcutaneous pocket"),
    ("pump_malfunction", "a pump that had rotated within its pocket"),
    ("pump_malfunction", "pump problems, unlike catheter problems,"),
]
OUTCOMES = [
    ("spasticity", "clonus"),
    ("spasticity", "the Penn spasm score"),
    ("motor_function", "the Fugl-Meyer score"),
    ("motor_function", "walking speed"),
    ("activities_daily_living", "dressing"),
    ("activities_daily_living", "the Barthel index"),
    ("caregiver_burden", "care time"),
    ("caregiver_burden", "ease of care"),
    ("satisfaction", "goal attainment scaling"),
    ("quality_of_life", "mental health"),
    ("quality_of_life", "the CPCHILD"),
    ("speech", "communication"),
    ("autonomic", "bladder function"),
    ("autonomic", "urinary function"),
    ("motor_function", "walking"),
    ("motor_function", "upper extremity function"),
    ("caregiver_burden", "ease of hygiene"),
    ("cost", "hospital days"),
    ("sleep", "the Epworth sleepiness scale"),
    ("dose", "the maintenance dose"),
    ("satisfaction", "the Canadian Occupational Performance Measure"),
    ("caregiver_burden", "the Care and Comfort Hypertonicity Questionnaire"),
    ("caregiver_burden", "nursing time"),
    ("motor_function", "the Nine-Hole Peg Test"),
    ("quality_of_life", "the SF-12"),
    ("autonomic", "the neurogenic bowel dysfunction score"),
]


@pytest.mark.parametrize(("harm", "words"), HARMS)
def test_the_manuals_harm_mappings(harm: str, words: str) -> None:
    result = tag(f"Methods: We followed 20 patients. Results: In 3 patients, {words} occurred.")
    assert harm in result.ids("complication")


@pytest.mark.parametrize(("outcome", "words"), OUTCOMES)
def test_the_manuals_outcome_mappings(outcome: str, words: str) -> None:
    result = tag(f"Methods: We followed 20 patients. Results: {words} improved after ITB.")
    assert outcome in result.ids("outcome")


@pytest.mark.parametrize(
    "text",
    [
        # who was treated, or where it was published
        "We report 20 patients with severe lower limb spasticity who received ITB.",
        "We report 20 patients with spasticity affecting lower limbs and trunk.",
        "Two case reports in the pain management literature described 3 patients.",
        # a screening bolus's amount stated as protocol
        "Methods: 20 patients received a test bolus dosage of 50 ug by lumbar puncture.",
        "Methods: 20 patients were screened with dosing of 50, 75 and 100 ug boluses.",
        # an overdose's dose, a wound's pain
        "A 30-year-old man received 900 ug/day after a programming error and an overdose.",
        "Two patients reported pain at the pump site after implantation.",
        "Postoperative pain resolved within a week in all 20 patients.",
    ],
)
def test_words_of_an_outcome_that_report_no_outcome(text: str) -> None:
    assert tag(text).ids("outcome") == []


@pytest.mark.parametrize(
    ("outcome", "sentence"),
    [
        ("caregiver_burden", "Care was easier for nursing staff."),
        ("speech", "The children communicated better."),
        ("dose", "The dose had to be increased over the first year."),
        ("dose", "The effective dose at screening was 50 ug in 18 patients."),
    ],
)
def test_outcomes_reported_in_a_sentence_of_their_own(outcome: str, sentence: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_generic_function_maps_to_no_outcome() -> None:
    result = tag("Methods: We followed 20 patients. Results: Function improved after ITB.")
    assert result.ids("outcome") == []


def test_html_and_mathml_markup_is_read_as_its_text() -> None:
    result = tag("<p>We followed <mn>20</mn> patients with <i>multiple sclerosis</i>.</p>")
    assert result.ids("indication") == ["multiple_sclerosis"]
    assert result.sample_size is not None and result.sample_size.value == 20


def test_a_screening_that_compares_bolus_and_continuous_is_a_dosing_strategy() -> None:
    result = tag(
        "Twenty adults underwent screening with both a 50 ug bolus and a continuous infusion.",
        title="Bolus versus continuous intrathecal baclofen during screening",
    )
    assert "dose" in result.ids("outcome")


@pytest.mark.parametrize(
    "abstract",
    [
        "Twenty adults received both a bolus and a continuous infusion, 48 hours apart.",
        "Twenty adults received a bolus and then a continuous infusion, in fixed order.",
        "Each of the 20 adults served as his own control for bolus and infusion.",
    ],
)
def test_a_within_patient_comparison_of_delivery_modes_is_a_controlled_trial(
    abstract: str,
) -> None:
    assert design(abstract, title="Bolus versus continuous intrathecal baclofen") == (
        "controlled_trial"
    )


def test_groups_matched_to_each_other_are_summed_and_make_a_cohort() -> None:
    result = tag(
        "Fifty children with ITB pumps were matched by age and Cobb angle to 50 children "
        "with cerebral palsy without pumps. Curves progressed in both groups."
    )
    assert result.sample_size is not None and result.sample_size.value == 100
    assert result.design.id == "cohort"


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Urinary incontinence improved in 5 patients.", "urinary"),
        ("There was a reduction in drooling.", "speech_swallowing"),
        ("Seizure frequency decreased in 2 patients with epilepsy.", "seizure"),
        ("Constipation was less frequent after implantation.", "gastrointestinal"),
        ("Sleep apnoea improved in 4 children.", "respiratory_depression"),
    ],
)
def test_a_condition_said_to_get_better_is_no_harm(sentence: str, harm: str) -> None:
    assert harm not in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    "sentence",
    ["Urinary incontinence improved in 5 patients.", "Constipation improved after ITB."],
)
def test_bladder_and_bowel_symptoms_getting_better_are_the_autonomic_outcome(
    sentence: str,
) -> None:
    assert "autonomic" in in_results(sentence).ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Headache improved with bed rest in 3 patients.", "cns_adverse_effects"),
        ("Urinary retention in 2 patients improved after the dose was lowered.", "urinary"),
        ("Withdrawal symptoms resolved after pump replacement.", "withdrawal"),
        ("Infection rates decreased after a change of protocol.", "infection"),
    ],
)
def test_a_harm_that_happened_and_then_got_better_is_still_a_harm(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_pump_related_problems_with_no_type_are_no_pump_tag() -> None:
    result = in_results("18% were readmitted for pump-related problems.")
    assert "pump_malfunction" not in result.ids("complication")


def test_a_case_report_of_a_harm_reports_no_outcomes() -> None:
    result = tag(
        "A 12-year-old girl with cerebral palsy became unresponsive after a refill. Her tone "
        "was markedly reduced and her pain score was 0. She received 900 ug/day.",
        title="Coma from intrathecal baclofen overdose: a case report",
    )
    assert result.design.id == "case_report"
    assert "overdose" in result.ids("complication")
    assert result.ids("outcome") == []


def test_a_case_report_of_tolerance_keeps_its_dose_and_tone() -> None:
    result = tag(
        "A 40-year-old man with spinal cord injury needed 1200 ug/day after 5 years; his "
        "Ashworth score rose despite the increases.",
        title="Tolerance to intrathecal baclofen: a case report",
    )
    assert {"dose", "spasticity"} <= set(result.ids("outcome"))


def test_a_case_report_of_the_therapy_keeps_its_outcomes() -> None:
    result = tag(
        "A 30-year-old woman with multiple sclerosis received intrathecal baclofen for painful "
        "spasms. Her Ashworth score fell from 4 to 1.",
        title="Intrathecal baclofen for painful spasms: a case report",
    )
    assert "spasticity" in result.ids("outcome")


@pytest.mark.parametrize(
    "sentence",
    [
        "Screening was done with increasing doses of 50, 75 and 100 ug.",
        "A dose escalation protocol was used during titration.",
        "Loss of efficacy was caused by catheter dislodgement in 3 patients.",
        "Seizures occurred during dose escalation in four patients.",
    ],
)
def test_doses_raised_on_purpose_or_a_lost_effect_are_no_tolerance(sentence: str) -> None:
    assert "tolerance" not in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "The mean dose increased from 150 ug/day at one year to 310 ug/day at five years.",
        "Daily doses rose steadily over the years of follow-up.",
        "Progressive dose increases were needed in 6 patients.",
    ],
)
def test_a_dose_that_keeps_rising_is_tolerance(sentence: str) -> None:
    assert "tolerance" in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    "abstract",
    [
        "Twelve adults took part in a within-subject design. Larger randomized controlled "
        "trials are required to confirm these findings.",
        "Twelve adults were tested in three conditions. Future randomised trials should follow.",
        "Its efficacy is documented in several randomised, placebo-controlled clinical trials. "
        "We followed 12 adults for a year.",
    ],
)
def test_trials_called_for_or_cited_in_the_plural_are_not_the_studys_design(abstract: str) -> None:
    assert design(abstract) != "rct"


def test_a_title_naming_the_paper_a_review_outranks_the_trials_it_cites() -> None:
    abstract = "Several randomized trials in 400 patients showed benefit on spasticity."
    assert design(abstract, title="Intrathecal baclofen: a review of its use") == "review"
    assert design(abstract, title="Intrathecal baclofen: an update") == "review"
    assert (
        design(
            "We retrospectively reviewed 30 patients.",
            title="Intrathecal baclofen: a retrospective review of 30 patients",
        )
        == "case_series"
    )


def test_a_study_that_discusses_its_findings_is_no_review() -> None:
    result = tag(
        "Methods: 22 healthy adults and 29 patients with brain injury took part. Results: "
        "Patients were impaired. Conclusions: We discuss these findings."
    )
    assert result.design.id == "cohort"  # healthy controls: a comparison group
    assert result.sample_size is not None and result.sample_size.value == 51


@pytest.mark.parametrize(
    "abstract",
    [
        "A non-randomized design compared an experimental group of 20 with 18 controls.",
        "Twenty patients received the training; a wait-list control group of 18 did not.",
    ],
)
def test_an_intervention_withheld_from_a_concurrent_group_is_a_controlled_trial(
    abstract: str,
) -> None:
    assert design(abstract) == "controlled_trial"


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Ten participants were allocated to treatment and 10 to waitlist.", 20),
        (
            "Patients were randomly assigned to 2 groups: an ITB group (11 subjects, 3 women) and "
            "a control group (11 subjects, 5 women).",
            22,
        ),
        (
            "Forty-six of a planned sample of 50 adults with multiple sclerosis were randomly "
            "assigned to ITB or usual care.",
            46,
        ),
        ("The study comprised 263 consecutive adult spinal cord injury patients.", 263),
        ("We selected 77 children from a pool of 125 children who were hospitalized.", 77),
        ("Participants received services (NR, n 129) or behavioural care (NB, n 76).", 205),
    ],
)
def test_n_sums_groups_as_stated_in_real_abstracts(abstract: str, expected: int) -> None:
    assert n(abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # a trial named PRISMA, under way elsewhere: neither a systematic review nor this design
        (
            "Seventeen survivors joined this pilot study. Neurofeedback is currently under "
            "investigation in a randomized controlled trial called the PRISMA study.",
            "cohort",
        ),
        # a comment on someone else's trial
        (
            "Comments on an article by A. Author: a randomized controlled trial of tarenflurbil. "
            "The results are not a surprise.",
            "other",
        ),
        # the authors' own database is no literature search
        (
            "We searched our database to identify 177 operations between 2007 and 2010 and "
            "compared first and repeat surgery.",
            "cohort",
        ),
        ("In a pretest-posttest single-group design, 13 adults received the programme.", "cohort"),
        ("Using Cox regression, we related delirium to survival in 263 adults.", "cohort"),
        ("A randomized, controlled, multicenter, observer-blind trial was designed.", "rct"),
        ("Forty-three adults completed tests at baseline, 6 weeks and 6 months.", "cohort"),
        (
            "Fourteen adults underwent gait analysis before and 12 months after implantation.",
            "cohort",
        ),
        # the literature's cohorts, in a review
        (
            "Cohort studies and case series report benefit. This review summarizes the "
            "evidence on dosing and safety for clinicians.",
            "review",
        ),
    ],
)
def test_design_cues_read_as_real_abstracts_use_them(abstract: str, expected: str) -> None:
    assert design(abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We enrolled 31 546 patients with atrial fibrillation.", 31546),
        (
            "Forty-two participants received simulator training, whereas 41 participants "
            "received cognitive training.",
            83,
        ),
        ("The neurologic features of six symptomatic relatives were compiled.", 6),
        ("We describe three affected brothers who carry a deletion.", 3),
        (
            "The medical records of an overall number of 174 patients were reviewed. Of these, "
            "55 consecutive patients had surgery.",
            174,
        ),
        ("Normal subjects were slower. Additional data from one patient are reported.", None),
    ],
)
def test_n_counts_people_as_real_abstracts_name_them(abstract: str, expected: int | None) -> None:
    assert n(abstract) == expected


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Seven patients died during follow-up, none related to ITB.", "death"),
        ("Four patients died of respiratory failure due to disease progression.", "death"),
        (
            "Four patients died of respiratory failure due to disease progression.",
            "respiratory_depression",
        ),
        ("Eleven patients died, all from complications of advanced multiple sclerosis.", "death"),
        ("Deaths were attributed to the underlying disease.", "death"),
        ("Two patients died of causes unrelated to ITB.", "death"),
    ],
)
def test_an_event_attributed_to_another_cause_is_no_harm(sentence: str, harm: str) -> None:
    result = in_results(sentence)
    assert harm not in result.ids("complication")
    assert any(m.id == harm and m.qualifier == "other_cause" for m in result.mentions)


def test_a_death_the_therapy_caused_is_still_a_harm() -> None:
    assert "death" in in_results("Two deaths were related to overdose.").ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "By day 6 she was following commands but remained weak.",
        "Ten minutes after the restart she could not move her legs.",
        "One boy lost the ability to walk until the dose was lowered.",
        "Her legs were very weak for two days.",
    ],
)
def test_weakness_told_as_a_story_is_hypotonia_weakness(sentence: str) -> None:
    assert "hypotonia_weakness" in in_results(sentence).ids("complication")


def test_weak_evidence_is_no_weakness() -> None:
    result = in_results("Evidence for function and quality of life was weak.")
    assert "hypotonia_weakness" not in result.ids("complication")


def test_a_symptom_the_record_says_improved_is_no_harm_where_its_history_names_it() -> None:
    result = tag(
        "A 30-year-old woman had spasticity with pain and urinary retention. After surgery, "
        "lower limb spasticity and urinary retention improved.",
        title="Intrathecal baclofen in a woman with myelopathy: a case report",
    )
    assert "urinary" not in result.ids("complication")
    assert "autonomic" in result.ids("outcome")


@pytest.mark.parametrize(
    ("abstract", "harm"),
    [
        # a comorbidity: a history of the condition, or the population described with it
        (
            "Methods: We reviewed 60 children. Results: Leaks were related to epilepsy/seizure "
            "history and feeding tubes.",
            "seizure",
        ),
        (
            "Methods: We reviewed 60 children with a history of seizures. Results: Leaks "
            "occurred in 15.",
            "seizure",
        ),
        (
            "Ten young adults with spastic cerebral palsy and dysarthria were assessed before "
            "and after ITB.",
            "speech_swallowing",
        ),
        # what is generally known, in a case report's conclusion
        (
            "A 40-year-old woman had a tolerance to ITB. Catheter-related failure is the most "
            "common complication of the therapy.",
            "catheter_complication",
        ),
        # sedation as a treatment
        (
            "We report a 7-year-old boy who developed status dystonicus refractory to sedation.",
            "cns_adverse_effects",
        ),
        # a leak around the catheter is the CSF's
        (
            "We report a child who developed a pseudomeningocele due to a peri-catheter leak.",
            "catheter_complication",
        ),
        # a working diagnosis
        (
            "It was assumed that there was a catheter obstruction, and the catheter was "
            "revised; the pump was found at fault.",
            "catheter_complication",
        ),
        (
            "Two patients developed dysphagia that was attributed to disease progression rather "
            "than baclofen.",
            "speech_swallowing",
        ),
    ],
)
def test_conditions_the_patients_had_or_that_are_only_known_are_no_harm(
    abstract: str, harm: str
) -> None:
    assert harm not in tag(abstract).ids("complication")


def test_our_own_commonest_complication_is_still_a_harm() -> None:
    result = in_results("Catheter dislodgement was the most common complication in our series.")
    assert "catheter_complication" in result.ids("complication")


def test_an_index_term_the_abstract_overrules_is_no_tag() -> None:
    fields = {
        "abstract": [
            {
                "text": "A 12-year-old girl was studied. It was assumed that there was "
                "a catheter obstruction; the pump was at fault."
            }
        ],
        "keywords": ["catheter occlusion", "drug overdose"],
    }
    result = TAGGER.tag(tag_input("Pump malfunction: a case report", "article", [fields]))
    assert "catheter_complication" not in result.ids("complication")
    assert "overdose" in result.ids("complication")


def test_a_dose_lowered_for_a_harm_is_no_dose_outcome() -> None:
    result = in_results("Drowsiness in 3 patients resolved with dose reduction.")
    assert "dose" not in result.ids("outcome")
    assert "cns_adverse_effects" in result.ids("complication")


def test_apnoea_that_improved_in_some_and_increased_in_others_is_still_a_harm() -> None:
    result = tag(
        "Polysomnography was done before and after ITB in 14 children. The apnoea-hypopnoea "
        "index decreased in 9. Central apnoeas increased in two children."
    )
    assert "respiratory_depression" in result.ids("complication")


@pytest.mark.parametrize("sentence", ["Both reported less stiffness.", "Rigidity decreased."])
def test_stiffness_or_rigidity_getting_better_is_the_spasticity_outcome(sentence: str) -> None:
    assert "spasticity" in in_results(sentence).ids("outcome")


def test_pain_named_as_a_symptom_is_no_outcome() -> None:
    result = tag(
        "A 30-year-old woman presented with spastic legs, with pain in both of them, "
        "before she received intrathecal baclofen."
    )
    assert "pain" not in result.ids("outcome")


@pytest.mark.parametrize(
    "sentence",
    [
        "Pain decreased in 8 patients.",
        "Painful spasms were no longer reported.",
        "ITB was used for the management of painful spasms.",
    ],
)
def test_pain_measured_changed_or_treated_is_an_outcome(sentence: str) -> None:
    assert "pain" in in_results(sentence).ids("outcome")


def test_a_trials_update_on_its_results_is_not_a_review() -> None:
    abstract = "Methods: 60 adults with stroke were randomly assigned to ITB or usual care."
    assert design(abstract, title="The ITB-STROKE trial: an update on 5-year results") == "rct"


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Methods: Forty patients (22 with MS and 18 with SCI) were studied.", 40),
        ("Methods: The study included 48 participants: 25 in the ITB group and 23 controls.", 48),
        ("Methods: Data on 15 patients with MS, 10 with SCI and 5 with CP were analysed.", 30),
        ("Methods: 42 patients (mean age 40) and 42 matched controls were studied.", 84),
    ],
)
def test_a_totals_breakdown_adds_nothing_and_listed_groups_all_count(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


def test_a_lone_sentence_saying_patients_were_randomised_is_the_studys_design() -> None:
    assert design("Patients were randomised to receive a baclofen bolus or placebo.") == "rct"


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Caregivers reported less time spent on daily care.", "caregiver_burden"),
        ("Fewer nocturnal awakenings were reported.", "sleep"),
        ("Sitting tolerance improved.", "motor_function"),
    ],
)
def test_more_ways_of_reporting_an_outcome(sentence: str, outcome: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


@pytest.mark.parametrize(
    "sentence", ["Sitting tolerance improved.", "Exercise tolerance was unchanged."]
)
def test_another_kind_of_tolerance_is_no_drug_tolerance(sentence: str) -> None:
    assert "tolerance" not in in_results(sentence).ids("complication")


def test_spasticity_with_no_disease_named_stays_beside_dystonia() -> None:
    result = tag("We followed 40 children treated with ITB for severe spasticity and dystonia.")
    assert set(result.ids("indication")) == {"spasticity_unspecified", "dystonia"}
    result = tag("We followed 40 children with dyskinetic cerebral palsy treated with ITB.")
    assert "spasticity_unspecified" not in result.ids("indication")


def test_trauma_in_a_list_of_brain_injury_causes_is_traumatic_brain_injury() -> None:
    result = tag(
        "Design: a case series of 14 adults with spastic hypertonia due to trauma (5), "
        "anoxia (6) and stroke (3)."
    )
    assert {"traumatic_brain_injury", "hypoxic_brain_injury", "stroke"} <= set(
        result.ids("indication")
    )
    result = tag("Methods: 14 patients with spinal cord injury due to trauma (10) or tumour (4).")
    assert "traumatic_brain_injury" not in result.ids("indication")


def test_three_planned_time_points_make_a_prospective_cohort() -> None:
    abstract = (
        "Fifty-three patients were investigated 1 week, 3 months, and 6 months after the stroke."
    )
    assert design(abstract) == "cohort"


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        (
            "Radiography revealed a break in the catheter at the anchoring site.",
            "catheter_complication",
        ),
        ("Migration of the catheter tip occurred in 3 patients.", "catheter_complication"),
        ("Swallowing worsened in one child.", "speech_swallowing"),
        ("The curve progressed by 15 degrees in 4 patients.", "scoliosis_progression"),
    ],
)
def test_harms_named_before_their_object_or_as_a_change(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_a_leak_at_the_catheter_entry_is_the_csf_leak_alone() -> None:
    result = in_results("A CSF leak at the catheter insertion site resolved with bed rest.")
    assert "csf_leak" in result.ids("complication")
    assert "catheter_complication" not in result.ids("complication")


# --- the third draw of other topics: kinds of text they showed ------------------------------


def test_labels_written_with_neither_colon_nor_full_stop_split_the_abstract() -> None:
    sections, _ = split_abstract(
        "Background Spasticity is common. Methods We reviewed 20 adults. Results Tone fell. "
        "CONCLUSIONS AND RELEVANCE It helps."
    )
    assert [s.label for s in sections] == [
        "BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS AND RELEVANCE"
    ]  # fmt: skip


def test_a_sentence_opening_with_a_section_word_is_no_label() -> None:
    sections, _ = split_abstract("Results were good in 20 adults. Methods varied between centres.")
    assert [s.label for s in sections] == [None]


def test_an_introduction_holding_the_study_before_its_results_is_read_from_the_study_on() -> None:
    result = tag(
        "Introduction Stroke survivors often have spasticity. We reviewed 20 stroke patients "
        "treated with intrathecal baclofen. Results Tone fell. Conclusions It works."
    )
    assert result.ids("indication") == ["stroke"]
    assert result.sample_size is not None and result.sample_size.value == 20


def test_an_introduction_with_a_count_of_what_is_known_stays_background() -> None:
    result = tag(
        "Introduction: Spasticity affects 12,000 people with multiple sclerosis. Results: "
        "Of 20 adults with a spinal cord injury treated with intrathecal baclofen, tone fell."
    )
    assert result.ids("indication") == ["spinal_cord_injury"]


@pytest.mark.parametrize(
    "sentence",
    ["After the pump, 12 patients were seizure-free.", "Seizure freedom was reached by 12."],
)
def test_a_harm_written_free_or_freedom_is_negated(sentence: str) -> None:
    result = in_results(sentence)
    assert "seizure" not in result.ids("complication")
    assert "seizure" in [m.id for m in result.mentions if m.qualifier == "negated"]


def test_a_diagnosis_made_first_and_dropped_is_no_indication() -> None:
    result = in_results("One girl, initially diagnosed with cerebral palsy, had dystonia.")
    assert result.ids("indication") == ["dystonia"]
    assert "cerebral_palsy" not in in_results("A boy misdiagnosed as cerebral palsy.").ids(
        "indication"
    )


def test_counts_sharing_the_noun_of_the_last_are_summed() -> None:
    assert n("Methods: 12 ambulatory and 8 non-ambulatory children were assessed.") == 20
    assert (
        n("Methods: A total of 135 no-risk, 69 at-risk and 46 severe subjects were assessed.")
        == 250
    )
    # a count screened, then one implanted, share no noun: the larger is the manual's N
    assert n("Methods: Of 40 screened, 30 implanted patients were followed.") != 70


def test_who_was_excluded_named_in_one_sentence_gives_no_tag() -> None:
    result = tag(
        "Methods: We studied 20 adults with multiple sclerosis. Subjects with a psychiatric "
        "disorder, a history of brain injury, or dose changes of their medication within 6 "
        "weeks were excluded. Results: Tone fell."
    )
    assert result.ids("indication") == ["multiple_sclerosis"]
    assert "dose" not in result.ids("outcome")


def test_a_diseases_own_features_are_no_harm_but_withdrawals_are() -> None:
    disease = in_results("Typical features of the syndrome included hypotonia and seizures.")
    assert disease.ids("complication") == []
    withdrawal = in_results(
        "Three had symptoms of withdrawal including seizures and hallucinations after pump failure."
    )
    assert {"seizure", "withdrawal", "cns_adverse_effects"} <= set(withdrawal.ids("complication"))


def test_a_review_names_no_risk_of_the_therapy_in_a_diseases_sequelae() -> None:
    result = tag(
        "Stroke is a leading cause of disability, with sequelae that include spasticity, "
        "cognitive impairment and depression. We review intrathecal baclofen for post-stroke "
        "spasticity.",
        title="Intrathecal baclofen after stroke: a review",
    )
    assert result.ids("complication") == []


def test_cognitive_impairment_of_the_population_is_no_harm_but_a_memory_deficit_after_is() -> None:
    population = tag(
        "Methods: We followed 20 adults with multiple sclerosis and cognitive impairment after "
        "intrathecal baclofen implantation. Results: Tone fell."
    )
    assert population.ids("complication") == []
    harm = in_results("Two patients suffered a mild memory deficit after the bolus.")
    assert harm.ids("complication") == ["cns_adverse_effects"]


def test_a_clinicians_global_impression_is_no_satisfaction_a_patients_is() -> None:
    assert "satisfaction" not in in_results("Clinical Global Impression scores improved.").ids(
        "outcome"
    )
    assert "satisfaction" in in_results("Patient Global Impression of Change improved.").ids(
        "outcome"
    )


def test_a_laboratory_cue_beside_counted_patients_is_no_laboratory_study() -> None:
    counted = (
        "Methods: We studied 20 adults with multiple sclerosis; fibroblast cell lines of 8 of "
        "them were cultured. Results: Tone fell."
    )
    assert design(counted) != "other"
    assert (
        design("Methods: Cell lines from rats were exposed to baclofen. Results: Uptake fell.")
        == "other"
    )
    task = (
        "Methods: Ten patients with stroke and 12 healthy controls practised a task with high "
        "stimulus-response compatibility. Results: Both improved."
    )
    assert design(task) == "cohort"


def test_the_tinetti_score_is_motor_function() -> None:
    assert "motor_function" in in_results("The Tinetti score rose from 12 to 18.").ids("outcome")


def test_a_study_design_called_for_as_future_work_is_no_cue() -> None:
    abstract = (
        "Data of 21 children with cerebral palsy were collected retrospectively before and "
        "after pump implantation. The Ashworth score fell. Prospective, controlled studies "
        "are necessary to prove the functional effect of intrathecal baclofen."
    )
    assert design(abstract) == "case_series"


def test_the_aim_stated_at_the_end_of_a_background_names_the_population() -> None:
    result = tag(
        "Background: Studies show that intrathecal baclofen reduces dystonia. The purpose of "
        "our study is to determine whether it improves upper limb function in patients with "
        "dystonia secondary to cerebral palsy. Methods: Eleven patients were treated. "
        "Results: Function improved."
    )
    assert result.ids("indication") == ["cerebral_palsy", "dystonia"]


def test_a_catheter_related_infection_heading_is_an_infection_only() -> None:
    fields = {"mesh": [{"ui": "D011470", "descriptor": "Catheter-Related Infections"}]}
    result = TAGGER.tag(tag_input(ITB, "article", [fields]))
    assert result.ids("complication") == ["infection"]


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("The effect on activities of and participation in daily life was measured.",
         "activities_daily_living"),
        ("Scores on problems of daily care decreased in all four patients.", "caregiver_burden"),
    ],
)  # fmt: skip
def test_participation_and_daily_care_are_the_manuals_outcomes(sentence: str, outcome: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_a_section_under_an_unknown_label_after_the_study_is_the_studys() -> None:
    result = tag(
        "Objective: To report a complication. Clinical presentation: A pump was implanted in a "
        "15-year-old girl with spasticity. Intervention: The spinal catheter was subsequently "
        "revised, and she recovered."
    )
    assert "catheter_complication" in result.ids("complication")


def test_diagnoses_the_symptoms_mimicked_are_no_indication() -> None:
    result = in_results(
        "His respiratory arrest and obtundation mimicked other diagnoses, such as head trauma."
    )
    assert "traumatic_brain_injury" not in result.ids("indication")


def test_a_pump_found_disconnected_is_the_pump_catheter_disconnection() -> None:
    result = in_results("The pump was found to be disconnected and was revised.")
    assert "catheter_complication" in result.ids("complication")


def test_own_events_reported_beside_a_review_of_the_literature_are_a_series() -> None:
    result = tag(
        "In a group of 43 patients with intractable spasticity, 7 events of intrathecal "
        "baclofen overdose happened in 5 patients.",
        title="Intrathecal baclofen overdose: report of 7 events in 5 patients and review of "
        "the literature",
    )
    assert result.design.id == "case_series"
    assert result.sample_size is not None and result.sample_size.value == 43


def test_an_inverted_index_keyword_is_read_straight() -> None:
    result = tag(
        "Methods: We reviewed the charts of 57 adults. Results: Doses rose. Keywords: "
        "Stroke; Brain injury, traumatic; Intrathecal pump"
    )
    assert {"stroke", "traumatic_brain_injury"} <= set(result.ids("indication"))


def test_standing_lost_to_excessive_tone_reduction_is_hypotonia_weakness() -> None:
    result = in_results(
        "Three ambulatory patients showed standing impairment and one an impaired gait pattern "
        "because of excessive reduction of lower extremity muscle tone."
    )
    assert "hypotonia_weakness" in result.ids("complication")


def test_groups_compared_as_the_aim_make_a_cohort() -> None:
    abstract = (
        "This study aimed to investigate intrathecal baclofen in patients with cerebral palsy "
        "and to compare outcomes to patients with acquired brain injury. Test trials were "
        "performed in 37 patients."
    )
    assert design(abstract) == "cohort"


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Most infectious and mechanical adverse events occurred early.", "infection"),
        ("Two had unintentional cutting of their catheter during spinal fusion.",
         "catheter_complication"),
    ],
)  # fmt: skip
def test_harms_named_as_a_kind_of_event_or_by_the_damage_done(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_a_daily_infusion_in_micrograms_per_day_is_a_dose() -> None:
    assert "dose" in in_results("Baclofen infusion was 105 to 2,000 micrograms/day.").ids("outcome")


def test_scoliosis_as_the_patients_condition_is_no_progression() -> None:
    condition = tag(
        "Methods: We studied 25 patients with early-onset scoliosis and spasticity with baclofen "
        "pumps who underwent growth-friendly instrumentation. Results: Infections were common.",
        title="Baclofen pumps and complications after instrumentation for early-onset scoliosis",
    )
    assert "scoliosis_progression" not in condition.ids("complication")
    progression = in_results("Progression of scoliosis was seen in 4 patients after insertion.")
    assert "scoliosis_progression" in progression.ids("complication")


def test_a_share_of_a_group_is_no_count_of_participants() -> None:
    abstract = (
        "Methods: Data of 40 patients were collected. Results: For the 9 patients (50%) with "
        "infections, the microorganism was Staphylococcus aureus."
    )
    assert n(abstract) == 40


def test_the_one_disease_of_the_opening_is_the_population_of_spasticity_alone() -> None:
    result = tag(
        "Placement of an intrathecal baclofen pump is a common treatment of spasticity in "
        "cerebral palsy patients. A retrospective chart review was performed on four patients "
        "who showed scoliosis after pump insertion for treatment of spasticity.",
        title="Scoliosis after intrathecal baclofen pump insertion",
    )
    assert result.ids("indication") == ["cerebral_palsy"]


def test_two_diagnostic_groups_compared_as_the_aim_make_a_cohort_over_a_retrospective_look() -> (
    None
):
    abstract = (
        "Primary objective: To compare the long-term outcome of patients with severe traumatic "
        "brain injury and patients with hypoxic brain injury treated with intrathecal baclofen. "
        "Methods: Fifty-three patients were included. A retrospective analysis highlighted "
        "their complications."
    )
    assert design(abstract) == "cohort"


def test_higher_doses_needed_written_verb_first_are_a_dose_outcome() -> None:
    result = in_results("Patients with hypoxic injury needed higher doses of baclofen.")
    assert "dose" in result.ids("outcome")


@pytest.mark.parametrize(
    "sentence",
    [
        "The spasms limited her tolerance to wheelchair use for mobility.",
        "The patient had withdrawal from mechanical ventilation soon after.",
        "The disease manifested in progressive diaphragmatic spasm, leading to respiratory "
        "failure.",
    ],
)
def test_words_of_harms_in_another_sense_give_no_harm(sentence: str) -> None:
    assert in_results(sentence).ids("complication") == []


def test_a_count_below_which_studies_fell_is_no_pooled_number() -> None:
    abstract = (
        "Methods: We searched MEDLINE and Embase. Results: We included 12 RCTs (1128 "
        "participants). All studies but three recruited fewer than 100 participants."
    )
    size = tag(abstract, title="Baclofen for alcohol use disorder: a systematic review").sample_size
    assert size is not None and size.value == 1128


def test_a_share_of_the_patients_opening_its_sentence_is_no_count_of_participants() -> None:
    abstract = (
        "The pain of 16 patients with spasticity secondary to spinal cord injury was assessed "
        "before and 12 months after implantation. Two patients with neurogenic pain (22%) "
        "demonstrated an increase in pain severity."
    )
    assert n(abstract) == 16


def test_spasticity_assessed_is_an_outcome_and_one_said_not_to_fall_is_not() -> None:
    assessed = tag(
        "Methods: Baseline and 1-year follow-up included assessment of spasticity by "
        "physiotherapists in 29 patients."
    )
    assert "spasticity" in assessed.ids("outcome")
    contrast = in_results(
        "Baclofen reduces chronic musculoskeletal pain associated with spasticity but does not "
        "decrease chronic neurogenic pain."
    )
    assert "spasticity" not in contrast.ids("outcome")


def test_the_epworth_sleepiness_scale_is_a_sleep_measure_not_a_harm() -> None:
    result = in_results("The mean score on the Epworth Sleepiness Scale was 7.9.")
    assert result.ids("complication") == []
    assert "sleep" in result.ids("outcome")


def test_a_guidelines_test_dose_is_a_dosing_recommendation() -> None:
    result = tag(
        "Methods: An expert panel consulted on best practices. Results: The test dosage is a "
        "50-mcg bolus; patients unresponsive to it may require 100 mcg.",
        title="Best practices for intrathecal baclofen therapy: screening test",
    )
    assert result.design.id == "guideline"
    assert "dose" in result.ids("outcome")
    primary = in_results("A test bolus dosage of 50 ug was given before implantation.")
    assert "dose" not in primary.ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "facet", "wanted"),
    [
        ("Goals included improved independence for activities and decreased caregiver time.",
         "outcome", "activities_daily_living"),
        ("Goals included improved independence for activities and decreased caregiver time.",
         "outcome", "caregiver_burden"),
        ("Spasticity measures were recorded twice.", "outcome", "spasticity"),
        ("Patients were treated for spinal cord or traumatic brain injuries.", "indication",
         "spinal_cord_injury"),
    ],
)  # fmt: skip
def test_goals_measures_and_injuries_named_once_for_two(
    sentence: str, facet: str, wanted: str
) -> None:
    assert wanted in in_results(sentence).ids(facet)


def test_a_screened_group_and_its_implanted_part_give_the_larger_not_the_sum() -> None:
    abstract = (
        "Results: In all, 256 patients received an ITB test injection and 170 underwent ITB "
        "surgery. Scores decreased."
    )
    assert n(abstract) == 256
    assert n("Methods: 20 children received ITB and 18 children received SDR.") == 38


def test_a_panel_of_practitioners_is_counted_and_groups_differing_make_a_cohort() -> None:
    assert n("Methods: The panel consisted of 22 practitioners (20 physicians, 1 NP, 1 PT).") == 22
    abstract = (
        "Methods: Forty-three consecutive patients underwent gait evaluations. Results: "
        "Changes did not differ significantly between pump recipients and non-recipients."
    )
    assert design(abstract) == "cohort"


def test_a_case_report_with_recommendations_in_its_title_is_no_guideline() -> None:
    result = tag(
        "A 4-year-old boy presented with repeated signs of baclofen tolerance despite "
        "progressive increases in dosing. A cut on the catheter neck was found.",
        title="Recurrent pump catheter leakage: a surgical observation with recommendations",
    )
    assert result.design.id == "case_report"
    assert {"tolerance", "catheter_complication"} <= set(result.ids("complication"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Ejaculation disappeared in two patients and reappeared after treatment withdrawal.",
        "The effects seem reversible with withdrawal or reduction of baclofen administration.",
    ],
)
def test_stopping_the_treatment_is_no_withdrawal_syndrome(sentence: str) -> None:
    assert "withdrawal" not in in_results(sentence).ids("complication")


def test_device_problems_named_before_the_catheter_or_pump_are_both() -> None:
    result = in_results(
        "Major complications were infections, CSF leaks, and device problems related to the "
        "catheter or pump."
    )
    assert {"catheter_complication", "pump_malfunction", "infection", "csf_leak"} <= set(
        result.ids("complication")
    )


def test_a_pump_implantation_complicated_by_the_catheters_migration_is_the_catheters() -> None:
    result = in_results("Pump implantation was complicated by migration of the catheter tip.")
    assert result.ids("complication") == ["catheter_complication"]


def test_erection_rigidity_is_no_spasticity() -> None:
    assert "spasticity" not in in_results("Eight reported a decrease of erection rigidity.").ids(
        "outcome"
    )


def test_a_patient_described_in_the_past_tense_is_one_and_her_dose_increases_a_dose() -> None:
    result = tag(
        "Case presentation: We described a female patient with childhood idiopathic spasticity "
        "controlled by an ITB pump who became pregnant. The patient required multiple increases "
        "of her baclofen over the course of her pregnancy.",
        title="Intrathecal baclofen during pregnancy: a case report",
    )
    assert result.sample_size is not None and result.sample_size.value == 1
    assert "dose" in result.ids("outcome")


def test_dystonia_named_as_what_was_reduced_is_no_population() -> None:
    result = in_results(
        "Evidence of its use beyond spasticity and dystonia reduction is limited in children "
        "with cerebral palsy."
    )
    assert "dystonia" not in result.ids("indication")


@pytest.mark.parametrize(
    "sentence",
    [
        "The needle and line were changed every 5 days to minimize the risk of sepsis.",
        "Risks unique to these systems include dosing errors, pump malfunction, infection and "
        "catheter breakage.",
        "Fluid aspiration from the catheter access port was not possible in 17.",
        "The catheter was initially believed to have migrated into the spinal cord.",
    ],
)
def test_risks_named_and_words_of_harms_in_another_sense_give_no_harm(sentence: str) -> None:
    assert in_results(sentence).ids("complication") == []


def test_a_list_of_risks_opened_late_in_a_sentence_still_makes_its_items_hypothetical() -> None:
    # "dangers" opens no list (its "are" is too far); the later "risks are" does
    result = in_results(
        "The dangers of the device over the many years of its use in adults with spasticity "
        "and other disorders and the risks are infection and catheter breakage."
    )
    assert result.ids("complication") == []


def test_a_harm_named_before_a_list_of_risks_stays_a_harm() -> None:
    result = in_results("Infection was seen, and the risks include catheter breakage.")
    assert result.ids("complication") == ["infection"]


def test_a_dorsal_dural_leak_is_a_csf_leak() -> None:
    assert "csf_leak" in in_results("Results included a dorsal dural leak in 5.").ids(
        "complication"
    )


def test_a_letter_on_a_review_is_other_and_dosing_errors_are_no_dose() -> None:
    result = tag(
        "We congratulate the authors for proposing a troubleshooting algorithm. The catheter "
        "accounts for most of the problems with medication dosing errors aside.",
        title="LETTER RE: Managing loss of intrathecal baclofen efficacy: Review of the "
        "literature and proposed troubleshooting algorithm",
    )
    assert result.design.id == "other"
    assert "dose" not in result.ids("outcome")


def test_a_false_positive_pump_catheter_migration_is_no_harm() -> None:
    result = tag(
        "We present a case whose catheter was not in the spinal cord.",
        title="False positive radiographical evidence of pump catheter migration into the spinal "
        "cord",
    )
    assert result.ids("complication") == []


def test_heredodegenerative_dystonia_is_also_neurodegenerative_and_a_claims_database_a_cohort() -> (
    None
):
    result = in_results("Ten patients had severe heredodegenerative dystonia.")
    assert {"dystonia", "neurodegenerative"} <= set(result.ids("indication"))
    abstract = (
        "Methods: The authors identified 148 device claims in the Anesthesia Closed Claims "
        "Project Database. Results: Infections were the most common damaging events."
    )
    assert design(abstract) == "cohort"


def test_patients_as_their_own_controls_before_and_after_make_no_controlled_trial() -> None:
    abstract = (
        "Methods: Prospective observational study. Patients served as their own controls with "
        "measures compared pre-implant with 12 months post ITB. Results: 26 patients improved."
    )
    assert design(abstract) == "cohort"


def test_a_bracketed_part_of_the_patients_gives_way_to_their_n_equals() -> None:
    abstract = (
        "Participants: Adults (N=28) with muscle hypertonia. Interventions: 50-microg ITB bolus "
        "(75 and 100 microg in 2 cases)."
    )
    assert n(abstract) == 28


def test_a_systematic_reviews_selection_criteria_name_its_outcomes_but_no_population() -> None:
    result = tag(
        "Objectives: To determine whether intrathecal baclofen is effective in children with "
        "cerebral palsy. Search methods: We searched MEDLINE and EMBASE. Selection criteria: We "
        "included studies which compared the effect of intrathecal baclofen on spasticity or "
        "gross motor function in children with cerebral palsy or stroke. Main results: Six "
        "studies met the inclusion criteria.",
        title="Intrathecal baclofen for spasticity in children with cerebral palsy",
    )
    assert result.design.id == "systematic_review"
    assert {"spasticity", "motor_function"} <= set(result.ids("outcome"))
    assert "stroke" not in result.ids("indication")


def test_the_effect_on_spasticity_is_the_spasticity_outcome() -> None:
    assert "spasticity" in in_results("We studied the effect of the pump on spasticity.").ids(
        "outcome"
    )


def test_a_report_sharing_a_case_is_one_patient() -> None:
    result = tag(
        "This report shares a case that was unresponsive to various antispastic treatments but "
        "showed marked improvement in the gait disorder after intrathecal baclofen.",
        title="Hereditary spastic paraparesis treated with intrathecal baclofen: case report",
    )
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1


@pytest.mark.parametrize(
    ("abstract", "indication"),
    [
        ("Tyve danske børn med svær spastisk cerebral parese blev undersøgt.", "cerebral_palsy"),
        ("Kinder mit infantiler Zerebralparese wurden behandelt.", "cerebral_palsy"),
        ("Des patients atteints de sclérose en plaques ont été traités.", "multiple_sclerosis"),
    ],
)
def test_an_abstract_in_another_language_names_its_population(
    abstract: str, indication: str
) -> None:
    assert indication in tag(abstract, title="Intrathecal baclofen").ids("indication")


def test_care_needs_compared_are_caregiver_burden() -> None:
    result = in_results("The authors compared care needs and complications after ITB or SDR.")
    assert "caregiver_burden" in result.ids("outcome")


def test_asphyxia_among_the_diagnoses_is_hypoxic_a_births_is_not() -> None:
    result = in_results(
        "The patients' diagnoses included asphyxia, traumatic brain injury and stroke."
    )
    assert "hypoxic_brain_injury" in result.ids("indication")
    cp = in_results("Children with cerebral palsy after perinatal asphyxia were treated.")
    assert "hypoxic_brain_injury" not in cp.ids("indication")


def test_a_guidelines_comatose_patient_is_no_overdose() -> None:
    result = in_results("In the comatose patient, hypoxemia should be avoided.")
    assert "overdose" not in result.ids("complication")
    assert "overdose" in in_results("After the refill she was comatose for two days.").ids(
        "complication"
    )


def test_a_registry_mirror_page_with_labels_and_no_colons_is_a_registration() -> None:
    page = (
        "NCT ID: NCT01520545 Last Updated: 2019-05-03 Basic Information Recruitment Status "
        "COMPLETED Clinical Phase PHASE3 Total Enrollment 153 participants Study "
        "Classification INTERVENTIONAL Brief Summary Safety study of a baclofen injection. "
        "Detailed Description This is a prospective 36-month safety trial. Patients will be "
        "evaluated for infection and catheter complications."
    )
    result = tag(page, title="Safety Study of 3 mg/mL Baclofen Injection (Intrathecal)")
    assert result.design.id == "trial_registration"
    assert result.sample_size is not None and result.sample_size.value == 153
    assert result.ids("complication") == []  # a registration plans its harms


def test_a_registry_pages_exclusion_criteria_name_no_population() -> None:
    page = (
        "Summary: The investigators propose to study catheter location. Lead Sponsor: A "
        "University Criteria Inclusion Criteria: 1. Adult patients with spasticity from spinal "
        "cord injury Exclusion Criteria: 1. Patients with spasticity from multiple sclerosis "
        "2. Patients who have significant headache from CSF withdrawal"
    )
    result = tag(page, title="Intrathecal baclofen drug distribution (NCT02903823)")
    assert "multiple_sclerosis" not in result.ids("indication")
    assert result.ids("complication") == []


def test_a_short_reviews_opening_names_the_diseases_it_reviews() -> None:
    result = tag(
        "In carefully selected patients, intrathecal baclofen offers well-proven benefits, "
        "notably in cases of spinal injury and multiple sclerosis. The initial costs of "
        "implantation are high. The technique should be considered before any destructive "
        "neurosurgical procedure.",
        title="Intrathecal baclofen",
        types=("Review",),
    )
    assert result.design.id == "review"
    assert {"spinal_cord_injury", "multiple_sclerosis"} <= set(result.ids("indication"))


def test_a_number_word_joined_by_a_typeset_hyphen_is_read() -> None:
    result = tag("Methods: Twenty\u2010five patients with spasticity were followed for a year.")
    assert result.sample_size is not None and result.sample_size.value == 25


def test_patient_years_observed_are_no_count_of_people() -> None:
    result = tag("Results: 106 people were included with 568 patient years of data.")
    assert result.sample_size is not None and result.sample_size.value == 106
    result = tag("Results: 40 adults were followed, 212 person-years in all.")
    assert result.sample_size is not None and result.sample_size.value == 40


def test_doses_analysed_over_time_are_the_dose_outcome() -> None:
    result = tag("Methods: Spasm scores and ITB doses were analysed longitudinally in 30 adults.")
    assert "dose" in result.ids("outcome")


def test_walking_kept_over_follow_up_is_motor_function() -> None:
    for sentence in (
        "Of 8 walkers, 7 continued to walk a year later.",
        "Five were still walking at the last visit.",
        "The ability to walk was preserved in most.",
    ):
        assert "motor_function" in in_results(sentence).ids("outcome"), sentence
    result = tag("Methods: Mobility (10 M walk) was timed in 30 adults.")
    assert "motor_function" in result.ids("outcome")


def test_a_depression_scale_measured_is_a_quality_of_life_domain() -> None:
    result = in_results("The Self Rating Depression Scale improved markedly.")
    assert "quality_of_life" in result.ids("outcome")


def test_a_one_sentence_objective_under_object_names_who_was_treated() -> None:
    result = tag(
        "OBJECT This single-center study investigated adverse events in children treated "
        "with intrathecal baclofen for spasticity and/or dystonia. METHODS In 14 years, 430 "
        "consecutive patients received ITB; most had cerebral palsy. RESULTS One in four had "
        "a complication."
    )
    assert {"dystonia", "cerebral_palsy"} <= set(result.ids("indication"))
    result = tag(
        "Objective: A single-center study of adverse events in children treated for "
        "dystonia. Methods: 40 consecutive children received ITB. Results: Four had infections."
    )
    assert "dystonia" in result.ids("indication")


def test_a_group_compared_with_another_named_in_two_words_makes_a_cohort() -> None:
    abstract = (
        "The purpose was to investigate complications in patients under 20 kg and to compare "
        "it with spastic CP patients heavier than 20 kg. Twenty-seven patients were "
        "retrospectively reviewed."
    )
    assert design(abstract) == "cohort"
    title = "A comparative analysis of patients weighing over or under 20 kg"
    assert design("Twenty-seven patients were retrospectively reviewed.", title) == "cohort"


def test_we_review_beside_own_patients_investigated_is_no_review() -> None:
    abstract = (
        "Background Very little is known about this treatment. Here we review the benefits "
        "and limitations of pump implantation in this population. Methods Consecutive patients "
        "were assessed for spasticity. Results We investigated 6 patients with hereditary "
        "spastic paraparesis."
    )
    result = tag(abstract)
    assert result.design.id == "case_series"
    assert result.sample_size is not None and result.sample_size.value == 6
    assert design("Here we review the emerging indications of the therapy.") == "review"


def test_what_a_pump_is_for_is_no_spasticity_measured() -> None:
    result = tag(
        "We report an ambulatory patient with a baclofen pump for control of spasticity due to "
        "cerebral palsy; the patient suffered repeated episodes of catheter migration."
    )
    assert "spasticity" not in result.ids("outcome")
    assert "spasticity" in in_results("Control of spasticity was good in all.").ids("outcome")


def test_care_facilitated_is_caregiver_burden() -> None:
    result = in_results("ITB lessens spasticity, which in turn facilitates care.")
    assert "caregiver_burden" in result.ids("outcome")


def test_a_mechanism_hypothesised_names_no_outcome_measured() -> None:
    result = in_results(
        "We hypothesize a modulation of sleep-wake cycles that may be dysregulated."
    )
    assert "sleep" not in result.ids("outcome")
    assert "sleep" in in_results("Total sleep time improved.").ids("outcome")


def test_summarising_own_findings_on_patients_is_their_series_not_a_review() -> None:
    result = tag(
        "Sporadic recoveries have been reported. We summarize our recent findings on 5 patients "
        "treated with ITB and make some speculations on the mechanisms."
    )
    assert result.design.id == "case_series"
    assert result.sample_size is not None and result.sample_size.value == 5
    assert design("We summarize the evidence on intrathecal baclofen for dystonia.") == "review"


def test_resting_energy_expenditure_is_no_cost() -> None:
    result = in_results("ITB did not modify resting energy expenditure.")
    assert "cost" not in result.ids("outcome")
    assert "cost" in in_results("Health expenditure fell by a third.").ids("outcome")


def test_continuous_and_bolus_modes_compared_in_the_same_patients_is_a_controlled_trial() -> None:
    abstract = (
        "DESIGN: Open prospective trial. PARTICIPANTS: Patients (N=11) treated with an ITB pump. "
        "INTERVENTION: Comparison of polysomnography results after continuous or bolus mode of "
        "administration of ITB."
    )
    assert design(abstract) == "controlled_trial"


def test_a_simulated_cost_model_is_other_even_with_an_expert_panel_for_its_utilities() -> None:
    assert (
        design(
            "Methods: Two models were created to simulate strategies over 2 years, with 5000 "
            "Monte-Carlo simulations. Results: ITB had a lower cost.",
            title="Cost-effectiveness modeling of ITB versus other interventions",
        )
        == "other"
    )
    abstract = (
        "The aim is to assess the cost-effectiveness of ITB in children. The authors used "
        "mathematical modeling and computer simulation to estimate the cost per QALY. Utility "
        "values were obtained from a panel of expert clinicians."
    )
    assert design(abstract) == "other"
    assert design("An expert panel reached consensus using a Delphi process.") == "guideline"


def test_coma_beside_the_vegetative_state_is_no_overdose() -> None:
    result = tag(
        "Disorders of consciousness include coma, vegetative state and minimally conscious state. "
        "Coma is characterized by impaired wakefulness. ITB improves spasticity in these "
        "patients.",
        types=("Review",),
    )
    assert "overdose" not in result.ids("complication")


def test_a_personal_problems_rating_scale_is_satisfaction() -> None:
    result = in_results("A significant reduction in the self-reported personal problems rating "
                        "scale was observed.")  # fmt: skip
    assert "satisfaction" in result.ids("outcome")


def test_a_subcutaneous_collection_is_a_csf_leak() -> None:
    result = in_results("Incidents included catheter kinks (3) and subcutaneous collection (5).")
    assert "csf_leak" in result.ids("complication")


def test_pump_related_and_skin_related_complications_are_typed() -> None:
    result = in_results(
        "The most frequent was catheter-related (0.08/1000 days), followed by skin-related "
        "(0.06/1000 days) and pump-related complication (0.03/1000 days)."
    )
    assert {"catheter_complication", "wound_complication", "pump_malfunction"} <= set(
        result.ids("complication")
    )


def test_tolerance_of_the_pump_is_no_drug_tolerance() -> None:
    result = in_results("Anxiety impacted the patient's tolerance of the pump in two.")
    assert "tolerance" not in result.ids("complication")


def test_dose_related_to_age_and_a_maintenance_dose_are_the_dose_outcome() -> None:
    assert "dose" in in_results("There was a relationship between age and dose.").ids("outcome")
    result = in_results("The maintenance intrathecal baclofen dose was 25 to 1,000 µgms.")
    assert "dose" in result.ids("outcome")


def test_positioning_of_the_catheter_is_no_motor_function() -> None:
    result = in_results("No complications were related to the positioning of the catheter.")
    assert "motor_function" not in result.ids("outcome")
    assert "motor_function" in in_results("Positioning in the chair improved.").ids("outcome")


def test_the_design_the_authors_name_first_wins_over_a_later_our_series() -> None:
    abstract = (
        "Methods and Results A prospective cohort study was done by reviewing 166 children with "
        "a pump. In our series, there was no correlation between catheter position and response."
    )
    assert design(abstract) == "cohort"
    assert design("This case series of 12 patients was compared with a historical cohort.") == (
        "case_series"
    )


def test_children_of_a_former_trial_followed_up_make_a_cohort_not_a_trial() -> None:
    abstract = (
        "Methods: Long-term follow-up data were obtained of the children who had previously "
        "participated in a RCT on intrathecal baclofen. Results: All 17 children took part."
    )
    assert design(abstract) == "cohort"
    assert design("Methods. Further analysis from a previous randomized controlled trial of "
                  "two programs in 83 adults.") == "rct"  # fmt: skip


def test_conditions_listed_as_comorbidities_are_no_harms_but_a_disease_type_stays() -> None:
    result = in_results(
        "The cohort had multiple comorbidities (mean 2.4) including intellectual disability 72%, "
        "dysphagia 44% and epilepsy 36%."
    )
    assert "speech_swallowing" not in result.ids("complication")
    result = in_results(
        "Risk of leak correlated with comorbidities such as epilepsy, mixed type CP and "
        "dystonic type CP."
    )
    assert "dystonia" in result.ids("indication")


def test_doses_compared_within_patients_are_dose_and_a_controlled_comparison() -> None:
    abstract = (
        "Methods: Twelve patients with severe spasticity received four different bolus doses of "
        "ITB (0, 25, 50, 75 ug). Results: CSF concentrations correlated significantly with ITB "
        "doses."
    )
    result = tag(abstract)
    assert result.design.id == "controlled_trial"
    assert "dose" in result.ids("outcome")
    assert "dose" in in_results("Trials determined the effective 12-hour dose.").ids("outcome")


def test_what_an_infusion_is_for_in_a_title_is_no_spasticity_measured() -> None:
    result = tag(
        "Eighteen patients were treated with chronic intrathecal infusion of baclofen.",
        title="Chronic intrathecal baclofen administration for control of severe spasticity",
    )
    assert "spasticity" not in result.ids("outcome")


def test_a_series_compared_with_a_group_of_matched_children_counts_both() -> None:
    result = tag(
        "Methods: A consecutive series of 71 children who underwent SDR was compared with a "
        "group of 71 children matched by age who underwent pump placement."
    )
    assert result.sample_size is not None and result.sample_size.value == 142
    assert result.design.id == "cohort"


def test_a_liability_to_skin_breakdown_that_improved_is_no_wound_harm() -> None:
    result = in_results(
        "Patients showed improvement in many areas, including personal care and liability to "
        "skin breakdown."
    )
    assert "wound_complication" not in result.ids("complication")
    assert "activities_daily_living" in result.ids("outcome")


def test_a_retrospective_database_study_is_a_cohort() -> None:
    assert design("This retrospective database study included 102 nursing home residents.") == (
        "cohort"
    )


def test_this_study_presents_the_case_at_an_introductions_end_is_a_case_report() -> None:
    result = tag(
        "INTRODUCTION Muscle spasticity may affect pulmonary function after spinal cord injury. "
        "This study presents the case of a man with C4 tetraplegia who had severe spasticity. "
        "METHODS Case presentation. RESULTS Severe spasticity likely contributed to respiratory "
        "compromise in this patient. CONCLUSIONS Randomized clinical trials are needed."
    )
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1
    assert "respiratory_depression" not in result.ids("complication")


def test_saline_or_baclofen_screening_boluses_make_a_controlled_comparison() -> None:
    abstract = (
        "Design: Patients were admitted after screening via a bolus injection of either "
        "intrathecal normal saline or 50ug of baclofen. Results: Seventeen patients were "
        "treated for 1 year. The average ITB dose required to attain these effects was 302ug."
    )
    result = tag(abstract)
    assert result.design.id == "controlled_trial"
    assert "dose" in result.ids("outcome")


def test_the_patients_possessive_in_a_general_remark_tells_no_case() -> None:
    abstract = (
        "Traumatic brain injury is a major cause of morbidity and mortality worldwide. The "
        "management of these patients is varied and depends on the severity of the injury, with "
        "drug, physical and surgical techniques. Baclofen is a muscle relaxant used to treat "
        "spasticity. Its abrupt cessation may cause seizures. "
        "Combined treatments must consider broader alterations, allowing the patient's "
        "reintegration with the greatest functionality."
    )
    result = tag(abstract, title="Baclofen in the sequelae of traumatic brain injury")
    assert result.design.id == "review"
    assert "death" not in result.ids("complication")
    assert "seizure" in result.ids("complication")


def test_the_part_of_a_reviewed_group_included_is_n() -> None:
    result = tag(
        "METHODS: We retrospectively reviewed 23 patients who received ITB. Six of these 23 "
        "patients, who had spastic tetraplegia and could undergo spirometry, were included."
    )
    assert result.sample_size is not None and result.sample_size.value == 6


def test_patients_who_had_a_device_placed_are_counted_and_a_later_part_is_not() -> None:
    result = tag(
        "Results: Over the 15-year study period, 139 patients had an initial ITB device placed. "
        "In the 94 patients with a first secondary procedure, 29% had another procedure."
    )
    assert result.sample_size is not None and result.sample_size.value == 139
    result = tag("Results: In 40 patients, ITB reduced tone.")
    assert result.sample_size is not None and result.sample_size.value == 40


def test_a_transfer_to_intensive_care_is_no_motor_function() -> None:
    result = in_results("Both had rapid deterioration requiring transfer to the pediatric "
                        "intensive care unit.")  # fmt: skip
    assert "motor_function" not in result.ids("outcome")
    assert "motor_function" in in_results("Transfers improved in five.").ids("outcome")


def test_treating_a_complication_with_pump_disinfection_is_no_pump_malfunction() -> None:
    result = in_results(
        "We decided to treat this complication with pump disinfection and intra-pocket "
        "antibiotics; the infection was eradicated."
    )
    assert "pump_malfunction" not in result.ids("complication")
    assert "infection" in result.ids("complication")


def test_planned_device_procedures_and_a_death_put_down_elsewhere_are_no_harms() -> None:
    result = in_results(
        "There were 80 planned replacement procedures (46 battery expirations, 3 planned pump "
        "replacements during posterior spinal fusion and 26 catheter replacements for posterior "
        "spinal fusion). During follow-up, 8 deaths occurred with no evidence of pump or "
        "catheter malfunction in any way contributing to the cause of death."
    )
    found = set(result.ids("complication"))
    assert not found & {"catheter_complication", "pump_malfunction", "scoliosis_progression"}
    assert "death" not in found


def test_pump_and_or_catheter_revision_is_both_pump_and_catheter() -> None:
    result = in_results("Mechanical complications requiring pump and/or catheter revision "
                        "occurred in 19.3%.")  # fmt: skip
    assert {"pump_malfunction", "catheter_complication"} <= set(result.ids("complication"))


def test_a_registry_mirror_with_funder_types_and_identifiers_is_a_registration() -> None:
    page = (
        "Status Completed Conditions Neuropathic Pain Study type Interventional Funder types "
        "Other Identifiers NCT02705950 Objective: To study the effect of an intrathecal baclofen "
        "bolus. The study will be a randomized, double-blind, placebo-controlled trial."
    )
    assert design(page) == "trial_registration"


def test_groups_divided_to_evaluate_differences_make_a_cohort() -> None:
    abstract = (
        "Methods: Data from 102 patients were retrospectively collected. Patients were divided "
        "based on disease etiology to evaluate differences in dose requirements."
    )
    assert design(abstract) == "cohort"


def test_those_remaining_after_exclusions_are_n() -> None:
    result = tag(
        "Methods: We performed a retrospective chart review of 49 patients. Eight patients were "
        "excluded due to pump failure. Of the remaining 41 patients, 19 had spinal cord injury "
        "and 22 multiple sclerosis."
    )
    assert result.sample_size is not None and result.sample_size.value == 41


def test_a_paretic_side_weakened_by_itb_is_weakness() -> None:
    result = in_results("Six patients deteriorated as ITB weakened their paretic side.")
    assert "hypotonia_weakness" in result.ids("complication")


def test_a_study_done_in_ten_patients_outranks_a_later_part_of_them() -> None:
    result = tag(
        "A prospective, blinded study was done to examine the effects of intrathecal baclofen "
        "on genitourinary function in 10 patients with spasticity. Results were compared to "
        "placebo. Of 3 patients with an indwelling urethral catheter 1 was converted to "
        "intermittent self-catheterization."
    )
    assert result.sample_size is not None and result.sample_size.value == 10


def test_sitting_urodynamic_profiles_are_no_motor_function() -> None:
    result = in_results("A total of 100 supine and sitting urodynamic profiles was done.")
    assert "motor_function" not in result.ids("outcome")


def test_our_experience_with_two_patients_is_a_case_report() -> None:
    abstract = (
        "In this context our experience with intrathecal baclofen therapy is worth presenting. "
        "These two patients are the only ones we have treated and both experienced a marked "
        "improvement in their quality of life."
    )
    assert design(abstract) == "case_report"


def test_complications_with_the_pump_from_a_migrated_catheter_are_the_catheters() -> None:
    result = in_results("One of five had complications with the pump related to migration of "
                        "catheter.")  # fmt: skip
    assert result.ids("complication") == ["catheter_complication"]


def test_groups_stated_one_to_a_sentence_are_summed() -> None:
    result = tag(
        "Results: ITB group: 25 patients (9 female), mean age 9.4. Initial Cobb angle 25.6. "
        "Non-ITB group: 25 patients (14 female), mean age 9.2."
    )
    assert result.sample_size is not None and result.sample_size.value == 50


# --- a fourth draw of other topics (stroke rehabilitation), read blind first ---------------


def test_a_database_search_said_to_be_performed_makes_a_systematic_review() -> None:
    assert (
        design(
            "Randomised trials of robot therapy published in 2015 were reviewed. A MEDLINE "
            "search was performed to identify all of them. Thirty trials were found."
        )
        == "systematic_review"
    )


def test_a_case_reports_search_for_similar_cases_makes_no_systematic_review() -> None:
    assert (
        design(
            "We report a man with a catheter fracture. A PubMed search was performed to find "
            "similar cases, of which three were found."
        )
        == "case_report"
    )


def test_a_search_strategy_shown_for_a_database_makes_a_systematic_review() -> None:
    assert (
        design(
            "Trials of arm training were summarised. The search strategy used for PubMed is "
            "given in the appendix."
        )
        == "systematic_review"
    )


def test_a_reviews_pooled_participants_come_before_one_trials_patients() -> None:
    assert (
        n(
            "Methods: We searched MEDLINE and Embase. Results: Two trials were identified with "
            "3,400 participants. The larger trial included 2,900 patients aged 40 to 80 years. "
            "Conclusions: Statins do not prevent dementia."
        )
        == 3400
    )


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Fifty soldiers with blast injury were randomised to two groups.", 50),
        ("Thirty-five inpatients with spasticity were recruited.", 35),
        ("We followed 30 retired football players with brain injury.", 30),
    ],
)
def test_soldiers_inpatients_and_players_are_participants(sentence: str, count: int) -> None:
    assert n(sentence) == count


def test_the_authors_multiple_case_study_is_a_case_series() -> None:
    assert (
        design(
            "Method: Four children with hemiplegia trained with the system. Scores were "
            "compared between baseline and treatment phases.",
            title="Training in children with hemiplegia: a multiple case study evaluation",
        )
        == "case_series"
    )


def test_a_tool_being_developed_with_no_patients_is_other_not_a_review() -> None:
    assert (
        design(
            "Home training after brain injury is usually done with paper exercises. This project "
            "aims at developing a virtual reality application that can be used for training and "
            "assessment of navigation at home. The training is given after discharge. The "
            "program will also be used to measure wayfinding. Its results will be compared with "
            "navigation in the real world in tasks of similar complexity. Basic functions are "
            "being implemented now, and the application is under development."
        )
        == "other"
    )


def test_a_tool_developed_and_used_by_counted_patients_keeps_their_design() -> None:
    assert (
        design(
            "We developed a smartphone application for spasticity diaries. Forty patients with "
            "multiple sclerosis used it for six months and were assessed at baseline and at "
            "six months."
        )
        != "other"
    )


def test_databases_used_to_identify_trials_make_a_systematic_review() -> None:
    assert (
        design(
            "Methods: Multiple databases were used to identify all RCTs published from 1970 to "
            "2012 on rehabilitation begun six months after stroke. Results: 339 RCTs were found."
        )
        == "systematic_review"
    )


def test_databases_used_to_identify_patients_make_no_systematic_review() -> None:
    assert (
        design(
            "Methods: Two national databases were used to identify patients implanted with a "
            "baclofen pump between 2000 and 2010. Results: 412 patients were found."
        )
        != "systematic_review"
    )


def test_a_review_of_a_book_is_other() -> None:
    assert (
        design(
            "Reviews the book, Spasticity management by A. Author. The book covers the drugs "
            "and surgery in use today, and its chapters on pumps are clear.",
            title="Review of Spasticity management",
        )
        == "other"
    )


def test_a_conferences_proceedings_listed_as_one_record_are_other() -> None:
    assert (
        design(
            "The proceedings contain 85 papers. The topics discussed include: a prospective "
            "cohort study of intrathecal baclofen; a randomized trial of botulinum toxin; "
            "pump refills at home."
        )
        == "other"
    )


def test_studies_that_would_be_required_are_no_design_of_this_paper() -> None:
    assert (
        design(
            "Whether the drug acts on the spinal cord remains unclear. Long term prospective "
            "studies would be required to settle it."
        )
        != "cohort"
    )


def test_cases_compared_versus_controls_make_a_cohort() -> None:
    assert (
        design(
            "Methods: Brain samples of 25 patients with depression and 28 controls were "
            "studied. Results: Comparing methylation in patients vs. controls identified 88 "
            "genes."
        )
        == "cohort"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Stroke rate was 39 strokes/min in both trials.",
        "Stroke volume fell after the bolus.",
        "Two rowers had heat stroke.",
    ],
)
def test_a_rowers_stroke_the_hearts_stroke_volume_and_heat_stroke_are_no_stroke(
    sentence: str,
) -> None:
    assert "stroke" not in in_results(sentence).ids("indication")


def test_the_condition_a_treatment_is_for_is_no_harm() -> None:
    result = tag(
        "Experts met and wrote guidance. The guidance focused on treatment of cognitive "
        "impairment in adults with brain injury.",
        title="Consensus conference on rehabilitation",
    )
    assert "cns_adverse_effects" not in result.ids("complication")


def test_a_total_stated_with_its_groups_is_not_added_to_them() -> None:
    assert (
        n(
            "Students (N=45) were randomly allocated to a threat (n=15), reduced threat (n=15) "
            "or neutral (n=15) group."
        )
        == 45
    )


def test_the_national_institute_of_neurological_disorders_and_stroke_is_no_stroke() -> None:
    result = tag(
        "We followed 20 adults with multiple sclerosis. Funding: National Institute of "
        "Neurological Disorders and Stroke."
    )
    assert "stroke" not in result.ids("indication")


@pytest.mark.parametrize("words", ["neoplastic meningitis", "neo-plastic meningitis"])
def test_a_cancers_meningitis_is_no_infection(words: str) -> None:
    assert "infection" not in in_results(f"Eight patients had {words}.").ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "The primary end point was tolerance.",
        "Safety and tolerance of the drug were good.",
        "Cohorts of three patients were treated with escalating doses of the drug.",
    ],
)
def test_a_trials_tolerance_end_point_and_escalating_doses_given_are_no_tolerance(
    sentence: str,
) -> None:
    assert "tolerance" not in in_results(sentence).ids("complication")


def test_escalating_doses_required_are_still_tolerance() -> None:
    result = in_results("Three patients required escalating doses over the years.")
    assert "tolerance" in result.ids("complication")


def test_patients_of_a_previous_report_are_not_counted() -> None:
    assert (
        n(
            "We report a 40-year-old woman with chorea. Unlike one previous report of 2 "
            "siblings, she has no other signs."
        )
        == 1
    )


def test_a_count_and_its_breakdown_listed_after_it_are_not_added() -> None:
    assert (
        n(
            "Seven patients met the criteria, three with adult-onset disease and four with "
            "childhood-onset disease."
        )
        == 7
    )


def test_a_harm_ruled_out_is_negated() -> None:
    result = in_results("After ruling out other disorders and infections, ALD was found.")
    assert "infection" not in result.ids("complication")


def test_four_new_cases_and_a_review_of_the_literature_are_a_case_series() -> None:
    result = tag(
        "We report four additional patients with the mutation. An extensive review of "
        "published cases found epilepsy in one male patient only.",
        title="Four new cases and review of literature",
    )
    assert (result.design.id, n_of(result)) == ("case_series", 4)


def test_mutation_carriers_are_participants() -> None:
    assert n("Methods: Twelve mutation carriers were studied with MRI.") == 12


def n_of(result: TagResult) -> int | None:
    return result.sample_size.value if result.sample_size else None


def test_a_syndromes_features_are_no_harms_where_nothing_is_treated() -> None:
    result = tag(
        "The syndrome is characterised by hypotonia. We describe a boy aged 5 years whose "
        "seizures began at 4 years, with recurrent infections and sleep problems.",
        title="A boy with a rare duplication syndrome",
    )
    assert result.ids("complication") == []


def test_the_harms_of_another_treatment_stay_harms() -> None:
    result = tag(
        "Fifteen patients with neoplastic meningitis received escalating doses of the drug. "
        "Adverse effects related to the drug were fever and seizure.",
        title="A phase 1 trial of an immunostimulant",
    )
    assert "seizure" in result.ids("complication")


def test_groups_with_decimal_figures_between_them_are_summed() -> None:
    assert (
        n(
            "Results: Included in our analyses were 1020 patients treated with the drug (56.8% "
            "female) and 1022 patients treated with placebo (55.9% female)."
        )
        == 2042
    )


def test_additional_patients_included_as_controls_are_counted() -> None:
    assert (
        n(
            "Methods: Ten patients were randomly allocated to two groups. Five additional "
            "patients were included in a control group."
        )
        == 15
    )


def test_a_titles_round_thousands_give_way_to_the_abstracts_count() -> None:
    assert (
        n(
            "Participants: A total of 62,839 people aged 65 or older were enrolled.",
            title="Depression and mortality: a cohort study of 64,000 people",
        )
        == 62839
    )


def test_an_individual_trained_in_a_case_report_is_one_patient() -> None:
    result = tag(
        "We trained an individual with cognitive impairments after stroke to set goals. "
        "Scores improved from admission to discharge.",
        title="Strategy training in inpatient rehabilitation: case report",
    )
    assert (result.design.id, n_of(result)) == ("case_report", 1)


def test_a_title_naming_the_standard_of_care_received_is_no_guideline() -> None:
    assert (
        design(
            "Methods: Data were pooled from two randomized placebo-controlled trials.",
            title="Effects of the drug in patients who receive current standard of care",
        )
        != "guideline"
    )


def test_the_memory_deficits_a_programme_is_for_are_no_harm() -> None:
    result = tag(
        "We studied a rehabilitation programme for everyday memory deficits in 15 children "
        "after brain injury.",
        title="Rehabilitation of everyday memory deficits in children",
    )
    assert "cns_adverse_effects" not in result.ids("complication")


# --- phrasings of harms, outcomes and series (eighth session), each on one sentence ----------


def test_events_monitored_in_a_group_count_the_group() -> None:
    assert n("Adverse events were recorded prospectively in 40 adults with brain injury.") == 40
    assert n("Adverse events were monitored in 40 adults.") == 40


def test_events_recorded_in_some_patients_are_no_count_of_the_study() -> None:
    assert n("Catheter complications were recorded in 8 patients (12%).") is None
    assert n("Adverse events occurred in 12 patients.") is None


def test_a_series_counted_by_consecutive_implants_is_a_case_series() -> None:
    result = tag("In 60 consecutive implants, pocket seroma occurred in 6.")
    assert (result.design.id, n_of(result)) == ("case_series", None)


def test_a_leak_at_the_catheter_connector_is_a_catheter_complication() -> None:
    assert "catheter_complication" in in_results(
        "A leak at the catheter-pump connector was repaired."
    ).ids("complication")


def test_an_unintended_subcutaneous_injection_is_a_refill_error() -> None:
    assert "pump_malfunction" in in_results(
        "Unintended subcutaneous injection of the drug during refill occurred once."
    ).ids("complication")


@pytest.mark.parametrize(
    "sentence",
    ["Ten-metre walk test times improved.", "The Timed 25-Foot Walk was faster.",
     "A 2-min walk was longer."],
)  # fmt: skip
def test_a_timed_walk_written_in_words_or_figures_is_motor_function(sentence: str) -> None:
    assert "motor_function" in in_results(sentence).ids("outcome")


def test_time_caregivers_spend_on_care_is_caregiver_burden() -> None:
    assert "caregiver_burden" in in_results(
        "Time spent by caregivers on daily care decreased."
    ).ids("outcome")


def test_depression_scores_measured_are_a_mental_health_domain() -> None:
    assert "quality_of_life" in in_results("Depression scores improved.").ids("outcome")


def test_participation_in_activities_is_the_manuals_activities_and_participation() -> None:
    assert "activities_daily_living" in in_results(
        "Participation in school activities increased."
    ).ids("outcome")
    assert "activities_daily_living" not in in_results(
        "Participation in the study was voluntary."
    ).ids("outcome")


def test_a_group_assessed_before_and_at_two_times_after_is_followed_up() -> None:
    assert design(
        "Twenty-four adults with MS were assessed before and 6 and 12 months after pump "
        "implantation. Walking speed improved."
    ) == "cohort"  # fmt: skip


def test_two_groups_compared_in_one_sentence_are_summed_whatever_follows_the_second() -> None:
    assert n(
        "We compared 30 children treated with intrathecal baclofen with 30 children who "
        "underwent selective dorsal rhizotomy."
    ) == 60  # fmt: skip


@pytest.mark.parametrize(
    "abstract",
    ["Of 64 patients screened, 51 responded and were implanted.",
     "64 patients were screened; 51 responded and were implanted.",
     "Sixty-four patients received a bolus; 51 responded to the bolus and had a pump."],
)  # fmt: skip
def test_those_screened_count_not_those_the_test_helped(abstract: str) -> None:
    assert n(abstract) == 64


def test_a_surveys_respondents_are_its_participants() -> None:
    assert n("A questionnaire was sent to 250 families; 152 responded.") == 152


def test_a_titles_complications_in_n_children_name_the_study_group() -> None:
    assert n("Records were reviewed.", title="Complications of ITB in 150 children") == 150
    assert n(
        "In a group of 43 patients, 7 events happened in 5 patients.",
        title="Baclofen overdose: report of 7 events in 5 patients",
    ) == 43  # fmt: skip


def test_a_urinary_or_chest_infection_is_no_infection_of_the_device() -> None:
    assert "infection" not in in_results(
        "Suspected withdrawal in one patient proved to be a urinary tract infection."
    ).ids("complication")
    assert "infection" not in in_results("Two patients had chest infections.").ids("complication")
    assert "infection" in in_results("Two patients had pocket infections.").ids("complication")


def test_a_negated_clause_ends_where_a_count_follows_its_verb() -> None:
    result = in_results("Although no infection occurred, two catheters were revised for kinking.")
    assert "catheter_complication" in result.ids("complication")
    assert "infection" not in result.ids("complication")
    assert "csf_leak" not in in_results("There were no infections, CSF leaks or kinks.").ids(
        "complication"
    )


@pytest.mark.parametrize(
    "sentence",
    ["Ambulant and non-ambulant children were compared: 20 ambulant children needed less.",
     "Of 40 patients, those with MS and patients with SCI were compared."],
)  # fmt: skip
def test_groups_named_then_compared_make_a_cohort(sentence: str) -> None:
    assert design(sentence) == "cohort"


def test_scores_compared_over_time_in_one_group_make_no_cohort() -> None:
    assert design("Baseline and follow-up scores were compared in 20 patients.") != "cohort"


# --- a seventh draw of other topics (cognitive rehabilitation), read blind first ------------


@pytest.mark.parametrize(
    "sentence",
    ["Twelve participants took part in a randomized controlled crossover trial.",
     "Patients were randomly allotted to an active or a reference group (n = 30).",
     "Using randomized control trial methodology, we evaluated a programme in 19 adults.",
     "In a second randomized controlled experiment, we trained two groups of 15 patients."],
)  # fmt: skip
def test_randomisation_in_other_words_is_an_rct(sentence: str) -> None:
    assert design(sentence) == "rct"


def test_a_random_selection_of_participants_is_no_randomisation() -> None:
    assert design("Participants were a random selection of 52 adults from a larger study.") != (
        "rct"
    )


def test_a_trial_the_work_will_lead_to_is_no_design_of_its_own() -> None:
    assert design(
        "CO-OP was used to guide treatment with 2 older women. This work will lead to a pilot "
        "randomized controlled trial.",
        title="Cognitive approach after stroke: two case studies",
    ) == "case_report"  # fmt: skip


def test_alzheimers_disease_is_a_neurodegenerative_indication() -> None:
    assert "neurodegenerative" in tag("We treated 20 patients with Alzheimer's disease.").ids(
        "indication"
    )


def test_the_caregivers_distress_is_caregiver_burden() -> None:
    assert "caregiver_burden" in in_results("The caregiver's distress improved.").ids("outcome")


def test_a_skills_transfer_to_new_situations_is_no_patient_transfer() -> None:
    assert "motor_function" not in in_results(
        "Evidence of transfer to non-trained situations was lacking."
    ).ids("outcome")
    assert "motor_function" in in_results("Transfers became easier.").ids("outcome")


def test_a_cognitive_impairment_a_study_evaluates_is_no_harm_of_its_title() -> None:
    result = tag(
        "Methods: We assessed 90 patients. Results: Cognitive impairment was found in 73%.",
        title="Evaluation of cognitive impairment by the MoCA after subarachnoid haemorrhage",
    )
    in_title = [m for m in result.mentions if m.field == "title" and m.facet == "complication"]
    assert [m.qualifier for m in in_title] == ["history"]


# --- an eighth draw of other topics (neuropsychology, books), read blind first --------------


def test_those_screened_and_found_eligible_for_a_trial_are_not_its_participants() -> None:
    assert n("Of 315 people screened, 149 were eligible and 143 were randomized.") == 143


def test_a_bolus_screening_still_counts_everyone_screened() -> None:
    assert n("Of 64 patients screened with a test dose, 51 were implanted.") == 64


@pytest.mark.parametrize(
    ("abstract", "count"),
    [("Method: Subjects (N=75) were administered the test. An additional twenty-five subjects "
      "were retested.", 75),
     ("Eligible subjects (N=433) were randomly assigned to STI (n=210) or usual care (n=223).",
      433),
     ("We studied a cohort of stroke participants (n = 70). Thirty-six participants used both "
      "hands.", 70)],
)  # fmt: skip
def test_people_with_their_n_in_brackets_are_the_studys_count(abstract: str, count: int) -> None:
    assert n(abstract) == count


def test_a_subgroup_with_its_n_in_brackets_is_no_study_count() -> None:
    assert n(
        "Twenty-nine patients were included. Survival was longer in patients (n=8) who were "
        "also treated with bevacizumab."
    ) == 29  # fmt: skip


def test_a_book_chapter_is_a_review() -> None:
    assert design(
        "(from the chapter) Deficits in the processing of light are common following brain "
        "injury. Careful diagnosis is critical for the patient.",
        title="Photophobia in acquired brain injury",
    ) == "review"  # fmt: skip


def test_groups_given_different_interventions_are_a_controlled_trial() -> None:
    assert design(
        "24 volunteers were divided into two groups; one group trained to control the robot "
        "and the other group performed a guided-imagery task."
    ) == "controlled_trial"  # fmt: skip
    assert design(
        "37 subjects took part in a pretest-posttest control experimental study."
    ) == "controlled_trial"  # fmt: skip


def test_prospective_memory_is_no_prospective_design() -> None:
    assert design("37 adults with brain injury received prospective memory training.") != "cohort"


def test_a_harm_named_as_a_sequela_of_the_injury_is_the_injurys() -> None:
    result = tag(
        "Memory impairment is one of the most common sequelae of brain injury or disease. This "
        "chapter describes methods for assessing memory and its rehabilitation.",
        title="Disorders of memory",
    )
    assert "cns_adverse_effects" not in result.ids("complication")


def test_one_head_for_two_kinds_of_brain_injury_names_both() -> None:
    assert {"hypoxic_brain_injury", "traumatic_brain_injury"} <= set(
        tag("We enrolled 13 participants with severe hypoxic or traumatic brain injury.").ids(
            "indication"
        )
    )


def test_a_pens_stroke_sequences_are_no_stroke() -> None:
    assert "stroke" not in tag("The device moves a pen through prescribed stroke sequences.").ids(
        "indication"
    )


# --- a ninth draw of other topics (reviews of risks, single cases), read blind first --------


def test_paragraphs_about_risk_factors_with_no_data_of_their_own_are_a_review() -> None:
    abstract = (
        "Both cerebrovascular disease and depression are common in the elderly. Severity of "
        "functional impairment, low social support and genetic factors are risk factors for "
        "post-stroke depression. Antidepressants have demonstrated an effect in meta-analyses, "
        "and psychotherapeutic strategies seem to be effective as well, but more studies are "
        "needed to test whether treating vascular risk factors prevents depression. Deep white "
        "matter lesions are the most consistent imaging correlate of depression in later life."
    )
    assert design(abstract, title="Cerebrovascular diseases and depression") == "review"


def test_risk_factors_analysed_in_counted_patients_stay_a_cohort() -> None:
    assert design(
        "We analysed 212 patients. Age and prior revision were risk factors for failure."
    ) == "cohort"  # fmt: skip


def test_a_group_interviewed_prior_to_and_following_an_exposure_is_followed_up() -> None:
    assert design(
        "Interviews were completed with 21 therapists prior to, and following, exposure to a "
        "protocol."
    ) == "cohort"  # fmt: skip


def test_the_patients_in_paragraphs_that_study_no_one_tell_no_case() -> None:
    abstract = (
        "The ability to walk independently is extremely important to all humans. Exercise is "
        "recommended in the early stages of neurodegenerative movement disorders in order to "
        "provide the patients with a sense of control and feelings of well being, and it is a "
        "major part of any rehabilitation programme after stroke, surgery or trauma, and a "
        "major factor in maintaining mobility and independence in advanced stages of disease."
    )
    assert design(abstract, title="Mobility and exercise in movement disorders") != "case_report"


def test_a_newborn_days_old_is_a_case() -> None:
    assert design("A 17-day-old male was seen for a lesion on his arm.") == "case_report"


def test_clients_with_a_cognitive_impairment_have_it_before_any_treatment() -> None:
    result = tag(
        "Method: A design compared programme adherence across three participants. Results: "
        "Participants reported high satisfaction. Conclusion: The system supported home "
        "programme completion for clients with cognitive impairment and care providers with "
        "significant burden.",
        title="A prompting system to increase completion of home exercises among stroke survivors",
    )
    assert "cns_adverse_effects" not in result.ids("complication")


def test_a_cognitive_diagnosis_named_is_no_harm_but_a_mild_memory_deficit_is() -> None:
    assert "cns_adverse_effects" not in in_results(
        "The test detects deficits common in stroke and vascular cognitive impairment."
    ).ids("complication")
    assert "cns_adverse_effects" in in_results(
        "Two patients suffered mild memory deficit that recovered in 6 months."
    ).ids("complication")


def test_a_control_groups_n_in_brackets_is_no_study_count() -> None:
    assert n(
        "In the present study 6 patients with neglect were given 20 sessions of prism "
        "adaptation. These patients, as well as a matched control group of neglect patients "
        "(n = 5), were tested at baseline."
    ) != 5  # fmt: skip


# --- a tenth draw of other topics (neuroimaging and genetics), read blind first -------------


def test_a_proceedings_listing_states_no_count_of_its_own() -> None:
    result = tag(
        "The proceedings contain 476 papers. The topics discussed include: role of aquaporin4 "
        "in human brain metastases: study of 60 cases; novel markers of meningioma.",
        title="Abstracts from the 11th Congress of Neuro-Oncology",
    )
    assert (result.design.id, n_of(result)) == ("other", None)


def test_we_present_a_method_tells_no_case() -> None:
    assert design(
        "In this paper we present a general kernel machine based method for detecting "
        "interactions, and apply it to imaging data."
    ) != "case_report"  # fmt: skip
    assert design("We present a 45-year-old man with a fractured catheter.") == "case_report"
    assert design("We describe a patient whose pump system failed.") == "case_report"


def test_a_headache_of_low_csf_pressure_is_the_csf_leak_alone() -> None:
    found = in_results("The most frequent adverse event was headache related to low CSF pressure.")
    assert found.ids("complication") == ["csf_leak"]


def test_refills_delayed_are_the_manuals_missed_refill() -> None:
    assert "pump_malfunction" in in_results(
        "Two patients developed withdrawal symptoms when refills were delayed."
    ).ids("complication")


def test_a_speech_language_pathologist_is_a_profession_not_an_outcome() -> None:
    assert "speech" not in in_results(
        "The project director, a certified speech-language pathologist, trained everyone."
    ).ids("outcome")
    assert "speech" in in_results("Speech intelligibility improved.").ids("outcome")


def test_an_information_transfer_rate_is_no_transfer() -> None:
    assert "motor_function" not in in_results(
        "Participants achieved an information transfer rate of 2.46 bits/min."
    ).ids("outcome")


def test_a_rotor_failure_is_a_pump_malfunction() -> None:
    assert "pump_malfunction" in in_results(
        "One pump was replaced after rotor failure."
    ).ids("complication")  # fmt: skip


def test_a_title_headache_the_abstract_puts_down_to_a_csf_leak_is_the_leak_alone() -> None:
    found = tag(
        "Five of 40 patients reported postural headache after implantation, attributed to CSF "
        "leakage; two required an epidural blood patch.",
        title="Headache after intrathecal baclofen catheter placement",
    )
    assert found.ids("complication") == ["csf_leak"]
    # a headache the abstract does not tie to a leak stays a headache
    other = tag(
        "Headache occurred in 5 of 40 patients. A CSF leak occurred in two others.",
        title="Headache after intrathecal baclofen catheter placement",
    )
    assert set(other.ids("complication")) == {"csf_leak", "cns_adverse_effects"}


def test_a_first_diagnosis_set_aside_is_no_harm() -> None:
    assert "infection" not in in_results(
        "One patient with fever was initially diagnosed with meningitis; cultures were "
        "negative and a disconnected catheter was found."
    ).ids("complication")
    assert "infection" not in in_results(
        "One patient was misdiagnosed as having sepsis before the empty pump was found."
    ).ids("complication")
    # a harm the text only puts down to a cause still happened
    assert "catheter_complication" in in_results(
        "The loss of effect was initially thought to be due to catheter migration, which "
        "surgery confirmed."
    ).ids("complication")


def test_spasms_that_stopped_or_subsided_are_spasticity_measured() -> None:
    assert "spasticity" in in_results("Her spasms stopped after the pump was implanted.").ids(
        "outcome"
    )
    assert "spasticity" in in_results("In 2 patients, spasms subsided.").ids("outcome")


def test_walking_faster_or_independently_is_motor_function_but_not_a_disease_history() -> None:
    assert "motor_function" in in_results("After treatment she walked independently.").ids(
        "outcome"
    )
    assert "motor_function" in in_results("Eight patients walked faster at 6 months.").ids(
        "outcome"
    )
    assert "motor_function" not in in_results(
        "She lost the ability to talk and was unable to walk independently at age 3."
    ).ids("outcome")


def test_slurred_or_lost_speech_is_a_harm_not_a_speech_outcome() -> None:
    found = in_results("Two patients reported slurred speech after dose increases.")
    assert "speech" not in found.ids("outcome")
    assert "speech_swallowing" in found.ids("complication")


def test_a_disease_named_as_a_likeness_is_not_the_population() -> None:
    found = tag(
        "Clinical features include microcephaly, seizures or a hypotonic cerebral palsy-like "
        "picture. A case of drug-related stroke-like leukoencephalopathy is described.",
        title="Neurological aspects of a genetic syndrome",
    )
    assert found.ids("indication") == []
    assert tag("Twenty children with cerebral palsy were studied.").ids("indication") == [
        "cerebral_palsy"
    ]


def test_motor_outcomes_and_motor_skills_are_motor_function() -> None:
    assert "motor_function" in in_results("Motor outcomes improved in the treated group.").ids(
        "outcome"
    )
    assert "motor_function" in in_results("Fine motor skills were better at 6 months.").ids(
        "outcome"
    )


def test_speech_therapy_or_speech_regressed_is_no_speech_outcome() -> None:
    assert "speech" not in in_results("The treatment is mainly speech therapy.").ids("outcome")
    assert "speech" not in in_results(
        "One girl had seizures, regression of speech and delayed milestones."
    ).ids("outcome")
    assert "speech" in in_results("Speech improved in four children.").ids("outcome")


def test_children_and_their_caregivers_counted_in_brackets_are_all_participants() -> None:
    assert n(
        "Interviews were conducted with five children with CP and their caregivers (n = 6)."
    ) == 11  # fmt: skip
    assert n("We followed 20 patients and their caregivers.") == 20


def test_a_sign_listed_in_a_record_that_treats_nothing_is_no_outcome() -> None:
    found = tag(
        "We report the clinical features of a family with a rare recessive syndrome. Signs "
        "included rigidity, hallucinations and insomnia. Brain imaging showed iron deposits.",
        title="Clinical spectrum of a recessive syndrome in one family",
    )
    assert "sleep" not in found.ids("outcome")
    treated = tag(
        "Twenty adults received intrathecal baclofen. Symptoms such as insomnia improved "
        "after implantation."
    )
    assert "sleep" in treated.ids("outcome")


def test_sleepless_nights_are_sleep() -> None:
    assert "sleep" in in_results("Caregivers described fewer sleepless nights.").ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Three patients became floppy after the bolus.", "hypotonia_weakness"),
        ("Hypersomnolence occurred in two patients.", "cns_adverse_effects"),
        ("The catheter was found outside the intrathecal space in one child.",
         "catheter_complication"),
        ("A CSF cutaneous fistula developed in one patient.", "csf_leak"),
        ("One child developed a subcutaneous CSF accumulation around the pump.", "csf_leak"),
        ("One patient was given a bolus ten times the intended dose.", "overdose"),
    ],
)  # fmt: skip
def test_harms_in_the_words_of_case_notes(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("The Spinal Cord Assessment Tool for Spastic reflexes improved.", "spasticity"),
        ("Analgesic use fell after implantation.", "pain"),
        ("The baclofen concentration was increased to 2000 ug/ml in 5.", "dose"),
        ("Head control improved in two children.", "motor_function"),
        ("Trunk control improved.", "motor_function"),
    ],
)
def test_outcomes_in_the_words_of_clinic_letters(sentence: str, outcome: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_a_drug_level_measured_is_no_dosing_strategy() -> None:
    assert "dose" not in in_results(
        "We measured the baclofen concentration in breast milk by mass spectrometry."
    ).ids("outcome")


def test_a_database_queried_for_the_patients_is_a_cohort() -> None:
    assert design(
        "We queried the Pediatric Health Information System database for 2004-2014 and "
        "identified 3,112 children who underwent pump implantation."
    ) == "cohort"  # fmt: skip
    assert design("Hospital Episode Statistics were analysed for 2000-2020.") == "cohort"
    # a review's databases searched for studies are no database study
    assert design(
        "We searched the MEDLINE database for studies of intrathecal baclofen; 21 studies "
        "were included.",
        title="Intrathecal baclofen for spasticity: a systematic review",
    ) == "systematic_review"  # fmt: skip


def test_groups_compared_with_those_of_another_count_are_summed() -> None:
    assert n(
        "Outcomes of 28 children treated with intrathecal baclofen at one centre were compared "
        "with those of 31 children who underwent rhizotomy at another."
    ) == 59  # fmt: skip


def test_cases_of_the_literature_are_not_the_authors_patients() -> None:
    found = tag(
        "We report a 15-year-old girl with cerebral palsy whose catheter fractured. We review "
        "25 published cases.",
        title="Catheter fracture in intrathecal baclofen therapy: a case report and review of "
        "the literature",
    )
    assert (found.design.id, n_of(found)) == ("case_report", 1)


def test_an_abstract_of_one_sentence_reporting_events_is_the_studys_finding() -> None:
    assert tag(
        "No patient had an infection, but two developed catheter migrations requiring revision."
    ).ids("complication") == ["catheter_complication"]  # fmt: skip
    assert tag("Apart from one pump stall, there were no device failures.").ids("complication") == [
        "pump_malfunction"
    ]
    # one sentence of what is known stays background
    assert (
        tag("Infection is a feared complication of intrathecal baclofen.").ids("complication") == []
    )


@pytest.mark.parametrize(
    ("title", "abstract", "indication"),
    [
        ("Baclofène intrathécal dans la sclérose en plaques",
         "Au total, 40 patients atteints de sclérose en plaques ont été traités. Deux "
         "infections et trois complications du cathéter sont survenues.", "multiple_sclerosis"),
        ("Intrathekales Baclofen bei Multipler Sklerose",
         "Bei 40 Patienten mit Multipler Sklerose wurde eine Baclofenpumpe implantiert. Zwei "
         "Infektionen und drei Katheterkomplikationen traten auf.", "multiple_sclerosis"),
        ("Baclofeno intratecal en lesión medular",
         "Se trataron 40 pacientes con lesión medular. Se produjeron dos infecciones y tres "
         "complicaciones del catéter.", "spinal_cord_injury"),
    ],
)  # fmt: skip
def test_an_abstract_in_another_language_is_tagged_from_what_is_there(
    title: str, abstract: str, indication: str
) -> None:
    found = tag(abstract, title=title)
    assert found.relevant
    assert found.ids("indication") == [indication]
    assert set(found.ids("complication")) == {"infection", "catheter_complication"}
    assert n_of(found) == 40


def test_a_review_citing_meta_analyses_is_no_systematic_review() -> None:
    assert design(
        "We review the evidence. Meta-analyses of prospective studies documented a reduced "
        "risk of dementia with exercise.",
        title="Exercise and cognition: a review",
    ) == "review"  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Mood improved in six patients.", "quality_of_life"),
        ("Hospitalisations decreased after implantation.", "cost"),
        ("Emergency department visits fell.", "cost"),
        ("Feeding became easier.", "activities_daily_living"),
        ("Wheelchair tolerance improved.", "motor_function"),
    ],
)
def test_outcomes_in_the_words_of_follow_up_notes(sentence: str, outcome: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_a_stay_for_one_event_is_no_resource_outcome() -> None:
    assert "cost" not in in_results(
        "Two patients required hospitalisation for baclofen withdrawal."
    ).ids("outcome")  # fmt: skip


def test_an_opiates_withdrawal_is_no_baclofen_withdrawal() -> None:
    assert "withdrawal" not in in_results(
        "He had symptoms of opiates withdrawal after the morphine pump stalled."
    ).ids("complication")  # fmt: skip


def test_we_encountered_a_patient_is_one_patient() -> None:
    found = tag(
        "We encountered a patient with a baclofen pump whose motor stalled near a laptop. "
        "The pump was reprogrammed.",
        title="Magnetic fields and intrathecal baclofen pump malfunction",
    )
    assert (found.design.id, n_of(found)) == ("case_report", 1)


def test_seizures_another_device_was_given_for_are_no_harm() -> None:
    assert "seizure" not in in_results(
        "In 2018 he received a vagus nerve stimulator for TBI-associated seizures."
    ).ids("complication")  # fmt: skip


def test_baclofen_given_by_the_subarachnoid_route_or_a_pompa_is_itb() -> None:
    assert tag("Subarachnoid baclofen reduced spasms in 12 adults.", title="Spasms").relevant
    assert tag(
        "L'efficacia del baclofen somministrato tramite pompa impiantata.", title="Dolore"
    ).relevant  # fmt: skip


def test_recommendations_reached_by_a_consensus_of_experts_are_a_guideline() -> None:
    assert design(
        "We give recommendations for its use established by a consensus of a "
        "multidisciplinary team of experts."
    ) == "guideline"  # fmt: skip
    assert design("A short text.", title="ITB-Therapie bei MS: praktische Empfehlungen") == (
        "guideline"
    )


def test_fewer_admissions_aimed_at_are_no_resource_outcome() -> None:
    assert "cost" not in in_results(
        "Programmes aim to reduce the rate of hospital admissions."
    ).ids("outcome")  # fmt: skip
    assert "cost" in in_results("ITB reduced the number of hospital admissions.").ids("outcome")


def test_harms_and_outcomes_written_in_german_or_french() -> None:
    found = tag(
        "Bei 23 Patienten wurde die intrathekale Applikation von Baclofen durchgeführt. Eine "
        "Fehlfüllung führte zu einem Atemstillstand. Spastische Blasenstörungen ließen sich "
        "günstig beeinflussen.",
        title="Intrathekale Baclofen-Therapie bei Spastik",
    )
    assert {"pump_malfunction", "respiratory_depression"} <= set(found.ids("complication"))
    assert "autonomic" in found.ids("outcome")
    french = tag(
        "Nous rapportons 30 patients. La posologie a été adaptée; la qualité de vie et "
        "l'autonomie fonctionnelle se sont améliorées.",
        title="Baclofène intrathécal",
    )
    assert {"dose", "quality_of_life", "activities_daily_living"} <= set(french.ids("outcome"))


def test_italian_brain_and_spinal_lesions_name_their_populations() -> None:
    found = tag(
        "La spasticità colpisce i pazienti con gravi cerebrolesioni, lesioni midollari e "
        "sclerosi multipla. Il baclofene viene dato per via intratecale con una pompa. "
        "Presentiamo i criteri di selezione.",
        title="Baclofene intratecale e riabilitazione: revisione della letteratura",
    )
    assert found.design.id == "review"
    assert set(found.ids("indication")) == {
        "acquired_brain_injury", "spinal_cord_injury", "multiple_sclerosis"
    }  # fmt: skip


def test_a_portuguese_integrative_review_with_a_database_search_is_systematic() -> None:
    found = tag(
        "Métodos: Realizou-se uma revisão integrativa nas bases de dados PubMed e SciELO. "
        "Resultados: A terapia reduz a espasticidade; as complicações foram infecções e "
        "fístulas de líquido cefalorraquidiano.",
        title="Baclofeno intratecal na espasticidade pediátrica",
    )
    assert found.design.id == "systematic_review"
    assert set(found.ids("complication")) == {"infection", "csf_leak"}
    assert "spasticity" in found.ids("outcome")


def test_section_labels_in_other_languages_split_a_structured_abstract() -> None:
    parts, _ = split_abstract(
        "Objetivo: Avaliar o baclofeno. Métodos: Revisamos 20 prontuários. Resultados: A "
        "espasticidade diminuiu. Conclusão: Eficaz."
    )
    assert [(p.label or "").lower() for p in parts] == [
        "objetivo", "métodos", "resultados", "conclusão"
    ]  # fmt: skip


def test_those_kept_of_the_patients_found_are_the_study_count() -> None:
    assert n(
        "Of 38 patients identified, 32 had adequate data available for inclusion in the study."
    ) == 32  # fmt: skip
    assert n("Of 120 charts reviewed, 98 met the inclusion criteria.") == 98
    # a screening test still counts everyone screened (the manual's larger number)
    assert n("Of 64 patients screened, 51 responded to the bolus and were implanted.") == 64


def test_a_polish_abstract_is_read_for_itb_its_population_and_design() -> None:
    found = tag(
        "Celem niniejszej pracy jest przedstawienie leczenia spastyczności pompą baklofenową "
        "u pacjenta po urazie, który doznał urazu rdzenia kręgowego.",
        title="Uraz rdzenia kręgowego z porażeniem spastycznym: 13 lat pompy baklofenowej",
    )
    assert found.relevant
    assert found.ids("indication") == ["spinal_cord_injury"]
    assert found.design.id == "case_report"


def test_an_opening_in_the_authors_own_voice_in_another_language_is_the_study() -> None:
    found = tag(
        "W pracy omówiono metody leczenia spastyczności, w tym pompy baklofenowe.",
        title="Farmakologiczne leczenie spastyczności",
    )
    assert found.design.id == "review"


def test_a_norwegian_abstract_is_read_for_its_count_harms_and_outcomes() -> None:
    found = tag(
        "35 pasienter med multippel sklerose har fått implantert pumpe for baklofenbehandling. "
        "Kateterproblemer og infeksjon ble sett. Reduserte spasmer og smerter.",
        title="Kontinuerlig intratekal infusjon med baklofen",
    )
    assert (found.relevant, n_of(found)) == (True, 35)
    assert found.ids("indication") == ["multiple_sclerosis"]
    assert set(found.ids("complication")) == {"catheter_complication", "infection"}
    assert {"spasticity", "pain"} <= set(found.ids("outcome"))


def test_a_harm_that_did_not_progress_faster_than_expected_still_happened() -> None:
    assert "scoliosis_progression" in in_results(
        "Scoliosis did not progress faster than expected in 10 children."
    ).ids("complication")  # fmt: skip
    assert "scoliosis_progression" not in in_results("Scoliosis did not progress.").ids(
        "complication"
    )


def test_harms_listed_before_a_negation_after_the_list_are_all_negated() -> None:
    found = in_results("Infection, CSF leak and catheter problems did not occur.")
    assert found.ids("complication") == []
    # a harm that happened before another clause's negation stays one
    assert "gastrointestinal" in in_results(
        "One man developed vertigo and nausea and after a few hours he could not swallow."
    ).ids("complication")


def test_a_transfer_that_is_a_move_or_a_skill_carried_over_is_no_motor_outcome() -> None:
    for text in (
        "Patients were enrolled during interhospital helicopter transfer.",
        "We studied the transfer of training effects to untrained tasks.",
        "Knowledge transfer between the teams improved.",
        "Tendon transfers were performed in 12 children.",
        "Adenovirus-mediated gene transfer was used.",
    ):
        assert "motor_function" not in in_results(text).ids("outcome"), text
    assert "motor_function" not in tag(title="Reading training: transfer or specificity?").ids(
        "outcome"
    )


def test_a_patients_transfers_are_a_motor_outcome() -> None:
    for text in (
        "Nursing staff reported easier transfers.",
        "She became independent in transfers.",
        "Transfer from bed to chair needed one helper instead of two.",
        "Sit-to-stand transfer time fell.",
        "Nine patients were able to transfer without help.",
    ):
        assert "motor_function" in in_results(text).ids("outcome"), text


def test_a_communication_that_is_a_means_is_no_speech_outcome() -> None:
    assert "speech" not in in_results(
        "Consent rates might be improved by communication strategies with families."
    ).ids("outcome")  # fmt: skip
    assert "speech" in in_results("Communication improved in four children.").ids("outcome")
    assert "speech" in in_results("We saw improved verbal communication.").ids("outcome")


def test_a_scale_validation_named_by_its_psychometrics_is_other() -> None:
    assert (
        design(
            "We examined the factorial validity and internal consistency of a daily-living "
            "scale in 96 patients with spinal cord injury. Confirmatory factor analysis "
            "supported five factors.",
            title="A daily-living scale after spinal cord injury",
        )
        == "other"
    )


def test_control_participants_also_recruited_are_counted() -> None:
    assert (
        n(
            "Four participants with severe brain injury completed the training. Five control "
            "participants were also recruited as a comparison group for one task."
        )
        == 9
    )
    assert n("Twelve patients were treated. Data were also collected from their charts.") == 12


def test_a_non_traumatic_brain_injury_is_no_traumatic_one() -> None:
    for text in (
        "Methods: We studied 30 adults with a non-traumatic brain injury.",
        "Methods: We studied 30 adults sustaining a traumatic or non-traumatic brain injury.",
    ):
        found = tag(text, title="A rehabilitation programme for acquired brain injury")
        assert found.ids("indication") == ["acquired_brain_injury"], text
    assert "traumatic_brain_injury" in tag("Adults with a traumatic brain injury.").ids(
        "indication"
    )


def test_a_cognitive_condition_studied_treated_or_slowed_is_no_harm() -> None:
    for text in (
        "We examined the association of falls and cognitive impairment among residents.",
        "We studied the relationship between activity and incident cognitive impairment.",
        "Cognitive impairment (MoCA < 26) was determined in 73% of patients.",
        "We assessed the effects of acupressure (eight sessions) on cognitive impairment.",
        "Patients taking the drug showed less cognitive decline than those on placebo.",
        "In the treated group the cognitive decline was slowed.",
    ):
        assert "cns_adverse_effects" not in in_results(text).ids("complication"), text
    # one that happened after the treatment stays a harm
    assert "cns_adverse_effects" in in_results(
        "Two patients developed cognitive impairment after the dose was raised."
    ).ids("complication")  # fmt: skip


def test_three_patients_in_a_design_section_named_case_series_are_a_case_series() -> None:
    abstract = (
        "Objective: To describe the outcome of ITB in chronic brain injury. Design: Case series. "
        "Setting: A rehabilitation hospital. Participants: Three adult men who received a pump. "
        "Results: Tone fell in all three."
    )
    assert design(abstract) == "case_series"
    assert design(abstract.replace("Design: Case series. ", "")) == "case_report"


def test_randomised_trials_counted_as_the_studys_own_are_an_rct() -> None:
    assert (
        design(
            "Design: Double-blind, randomized, and placebo (vehicle) controlled trials (n = 7), "
            "and nonrandomized trials (n = 2). Patients: nine adults with multiple sclerosis."
        )
        == "rct"
    )
    # trials cited, not counted, are other studies
    assert (
        design(
            "Double-blind, randomized, and placebo controlled trials have shown benefit. We "
            "describe 12 patients treated with a pump."
        )
        != "rct"
    )


def test_arm_and_balance_measures_of_rehabilitation_are_motor_outcomes() -> None:
    for text in (
        "The Action Research Arm Test improved by 9 points.",
        "ARAT scores rose in the treated group.",
        "The Motricity Index and the Wolf Motor Function Test were recorded.",
        "Static and dynamic balance improved.",
    ):
        assert "motor_function" in in_results(text).ids("outcome"), text


def test_a_clinicians_global_impression_is_no_satisfaction() -> None:
    assert "satisfaction" not in in_results(
        "Scores on the Clinical Global Impression of Change favoured the drug."
    ).ids("outcome")  # fmt: skip
    assert "satisfaction" in in_results(
        "Scores on the Patient Global Impression of Change favoured the pump."
    ).ids("outcome")  # fmt: skip


def test_a_vehicle_given_to_patients_as_placebo_is_a_controlled_trial() -> None:
    assert (
        design(
            "Nineteen adults with brain injury. Patients were treated with the hormone "
            "(1 mg/day; sc) or vehicle (controls) for 3 months; both groups had rehabilitation."
        )
        == "controlled_trial"
    )
    assert design("The dogs received an infusion of the vehicle (control) or the drug.") != (
        "controlled_trial"
    )


def test_associations_given_as_odds_ratios_are_a_cohorts() -> None:
    assert (
        design(
            "Two hundred and eighty-three patients were assessed 12 months after the stroke. "
            "Higher Barthel scores were associated with satisfaction (OR 2.81)."
        )
        == "cohort"
    )
    assert design("Five patients received 1 mg (or 2.5 mg) of the drug each day.") != "cohort"


def test_a_reviews_trials_with_their_participants_are_its_pooled_count() -> None:
    assert (
        n(
            "Methods: We searched MEDLINE and EMBASE for randomised trials. Results: Two "
            "trials, 1378 participants, employing randomised, double-blind, parallel-group "
            "methods were included. The first trial included 592 patients.",
            title="Galantamine for vascular cognitive impairment: a systematic review",
        )
        == 1378
    )


def test_ms_as_a_laboratorys_mass_spectrometry_is_no_multiple_sclerosis() -> None:
    for text in (
        "Proteins were separated by 2-D PAGE and MS in rat hippocampi.",
        "Metabolites were measured by LC-MS/MS.",
        "Spots were identified by MALDI-TOF MS analysis.",
    ):
        assert "multiple_sclerosis" not in in_results(text).ids("indication"), text
    assert "multiple_sclerosis" in tag("Methods: We studied 20 adults with MS.").ids("indication")


def test_controls_a_finding_is_contrasted_with_are_still_a_comparison_group() -> None:
    abstract = (
        "The variant was associated with decreased activation in 79 patients but not in 75 "
        "demographically matched healthy controls."
    )
    found = tag(abstract, title="A genotype and prefrontal function in schizophrenia")
    assert (found.design.id, n_of(found)) == ("cohort", 154)
    # a time after a count is no group
    assert (
        n(
            "Thirteen male volunteers performed vigorous exercise and 1 week later they "
            "underwent remote preconditioning."
        )
        == 13
    )


def test_rct_findings_another_study_reported_make_no_rct() -> None:
    assert (
        design(
            "Methods: Design: Observation study of a registry. Results: 11 clinicians sent "
            "data on 226 patients. Conclusions: These results are in accordance with RCT "
            "findings."
        )
        == "cohort"
    )


def test_a_peg_transfer_test_is_a_motor_outcome_and_learning_transferred_is_not() -> None:
    assert "motor_function" in in_results("The 10-hole peg transfer test improved.").ids("outcome")
    assert "motor_function" not in in_results(
        "Only the random-practice group was able to transfer this learning to another task."
    ).ids("outcome")  # fmt: skip


def test_another_group_compared_in_a_sentence_of_its_own_is_counted() -> None:
    assert (
        n(
            "The test was given to 30 subjects with stroke twice. It was further compared with "
            "another 30 age- and gender-matched, non-stroke patients."
        )
        == 60
    )


def test_the_rivermead_memory_test_is_no_motor_outcome() -> None:
    assert "motor_function" not in in_results(
        "Scores on the Rivermead Behavioural Memory Test improved."
    ).ids("outcome")  # fmt: skip
    assert "motor_function" in in_results("The Rivermead Mobility Index improved.").ids("outcome")


def test_a_condition_a_treatment_would_reverse_or_patients_suffer_from_is_no_harm() -> None:
    for text in (
        "The drug was used to reduce amyloid and reverse the memory loss.",
        "We trained 21 patients suffering from working memory deficits after brain injury.",
    ):
        assert "cns_adverse_effects" not in in_results(text).ids("complication"), text


def test_groups_selected_or_allocated_at_random_are_an_rct() -> None:
    for text in (
        "The subjects were randomly selected into two groups where one group served as controls.",
        "Sixty patients were allocated to an intervention group and a waitlist group at random.",
        "Forty adults were studied in a randomized two-group design (treatment vs. wait list).",
    ):
        assert design(text) == "rct", text


def test_a_group_without_the_disease_beside_the_patients_is_a_cohort() -> None:
    assert (
        design(
            "Arm strength was measured in two body orientations in 11 individuals with stroke "
            "and 10 individuals without stroke."
        )
        == "cohort"
    )


def test_conditions_listed_as_exclusion_criteria_are_no_harms_or_populations() -> None:
    found = tag(
        "Methods: A total of 144 adults with stroke will be recruited. Exclusion criteria will "
        "include oxygen dependence, pregnancy or cognitive impairment."
    )
    assert "cns_adverse_effects" not in found.ids("complication")
    # a sentence that only names the criteria before the recruitment is no list of them
    assert (
        design(
            "A total of 60 patients as per the inclusion and exclusion criteria were recruited "
            "and allocated to an intervention group and a waitlist group at random."
        )
        == "rct"
    )


def test_the_authors_own_computational_model_is_other_and_a_topic_named_is_not() -> None:
    abstract = (
        "Reaching is a principal action in our daily lives. Despite abundant experiments and "
        "models, the mechanism is still unclear. Constraint-induced therapy reverses unilateral "
        "effects of stroke in terms of arm use. Using a computational model, I showed that if "
        "affected arm use exceeds a threshold after therapy, effects of stroke may be reversed "
        "through daily activities. The second model is about variability in coordination."
    )
    assert design(abstract, title="Modeling human reaching and grasping") == "other"
    assert (
        design(
            "This review covers research priorities in epilepsy, including computational "
            "modeling for target identification.",
            title="Epilepsy research priorities: a review",
        )
        == "review"
    )


def test_a_structured_abstracts_method_named_systematic_review_is_one() -> None:
    abstract = (
        "Authors' objectives: This study reviews the literature to assess the effectiveness of "
        "intrathecal baclofen. Authors' recommendations: Level 2 evidence supports it. Authors' "
        "methods: Systematic review."
    )
    assert design(abstract) == "systematic_review"
    assert design(abstract.replace(" Authors' methods: Systematic review.", "")) == "review"


def test_a_low_dose_naming_the_treatment_is_no_dosing_outcome() -> None:
    assert "dose" not in tag(
        "Methods: Sixty-five women were randomly assigned to low-dose estradiol or placebo.",
        title="Effects of low-dose estradiol in Alzheimer disease: a randomized trial",
    ).ids("outcome")
    assert "dose" in in_results("Patients with MS may need a lower dose of baclofen.").ids(
        "outcome"
    )
    assert "dose" in in_results("Low doses of baclofen were used in all children.").ids("outcome")


def test_an_audit_of_guidance_is_no_guideline() -> None:
    assert (
        design(
            "Background: The recommendations suggest all patients with stroke be screened. "
            "The purpose of this study is to determine whether care is consistent with these "
            "recommendations. Methods: Charts of 123 patients were reviewed.",
            title="Adherence to Canadian Best Practice Recommendations for Stroke Care",
        )
        != "guideline"
    )
    assert design("We present these recommendations of an expert panel.") == "guideline"


def test_random_effects_of_a_regression_make_no_systematic_review() -> None:
    assert (
        design(
            "Methods: A total of 837 subjects were enrolled and followed up annually for 5 "
            "years. A mixed random effects regression model was used to analyze the "
            "association. Cox proportional hazard models were used."
        )
        == "cohort"
    )


def test_a_group_named_by_the_disease_it_lacks_is_a_comparison_and_counted() -> None:
    found = tag(
        "Objective: In comparison to veterans without a history of traumatic brain injury, we "
        "hypothesized that veterans with past TBI would walk more slowly. Participants: "
        "Seventeen males reporting prior TBI and 20 non-TBI."
    )
    assert (found.design.id, n_of(found)) == ("cohort", 37)


# --- harms in the words of case notes (a battery written for the eleventh session) ----------


def test_pus_from_the_wound_is_an_infection() -> None:
    result = in_results("Purulent discharge from the back incision led to removal of the pump.")
    assert "infection" in result.ids("complication")


def test_skin_broken_down_over_the_pump_or_a_separated_incision_is_a_wound_complication() -> None:
    for sentence in (
        "In one child the skin over the pump broke down.",
        "The abdominal incision separated on the eighth day and was closed again.",
        "Thin skin left the device exposed in one patient, exposing the pump.",
    ):
        assert in_results(sentence).ids("complication") == ["wound_complication"], sentence
    assert in_results("All wounds healed well.").ids("complication") == []


def test_difficulty_starting_micturition_or_worse_bladder_emptying_is_urinary() -> None:
    for sentence in (
        "One man had difficulty initiating micturition after the dose was raised.",
        "Bladder emptying deteriorated in two women.",
        "A worsening of bladder function followed the dose increase in one patient.",
        "Two patients reported difficulty passing urine on the higher dose.",
    ):
        assert in_results(sentence).ids("complication") == ["urinary"], sentence
    assert in_results("Bladder function improved in six patients.").ids("complication") == []


def test_a_curve_increased_by_degrees_is_scoliosis_progression() -> None:
    result = in_results("Curve magnitude increased by more than 15 degrees in four children.")
    assert result.ids("complication") == ["scoliosis_progression"]
    learning = in_results("The learning curve increased by 20 cases per surgeon.")
    assert learning.ids("complication") == []


def test_a_multiple_of_the_intended_daily_dose_is_an_overdose() -> None:
    result = in_results("The pump delivered five times the prescribed daily dose for a day.")
    assert "overdose" in result.ids("complication")


def test_a_pump_overfilled_at_a_refill_is_a_malfunction() -> None:
    for sentence in (
        "The pump had been overfilled at the last refill.",
        "Overfilling of the reservoir set off the alarm in one patient.",
    ):
        assert "pump_malfunction" in in_results(sentence).ids("complication"), sentence


def test_a_condition_named_an_exclusion_criterion_is_neither_a_harm_nor_a_population() -> None:
    result = in_results("Seizures were an exclusion criterion.")
    assert result.ids("complication") == []
    result = tag("Multiple sclerosis and a history of meningitis were exclusion criteria. "
                 "We treated 20 adults with cerebral palsy.")  # fmt: skip
    assert result.ids("indication") == ["cerebral_palsy"]
    assert result.ids("complication") == []
    still = in_results("Seizures occurred in two patients.")
    assert still.ids("complication") == ["seizure"]


def test_a_harm_of_oral_baclofen_before_implantation_is_the_comparators() -> None:
    before = in_results("Oral baclofen had caused intolerable drowsiness before implantation.")
    assert before.ids("complication") == []
    after = in_results("Oral baclofen was stopped, and drowsiness followed pump implantation.")
    assert after.ids("complication") == ["cns_adverse_effects"]


# --- outcomes in the words of case notes (the same battery) ----------------------------------


def test_spasms_relieved_or_gone_after_a_relative_clause_are_a_spasticity_outcome() -> None:
    for sentence in (
        "Painful spasms were relieved in every patient.",
        "Spasms that had woken the patients several times a night disappeared.",
    ):
        assert "spasticity" in in_results(sentence).ids("outcome"), sentence


def test_sitting_or_standing_gained_is_a_motor_outcome() -> None:
    for sentence in (
        "Three children could sit unsupported for the first time.",
        "Two adults were able to stand at the end of follow-up.",
    ):
        assert in_results(sentence).ids("outcome") == ["motor_function"], sentence
    assert in_results("Two remained unable to sit unsupported.").ids("outcome") == []


def test_bowel_regularity_is_an_autonomic_outcome() -> None:
    assert in_results("Bowel regularity improved.").ids("outcome") == ["autonomic"]


def test_fewer_carers_needed_is_a_caregiver_burden_outcome() -> None:
    result = in_results("Bathing required one carer instead of two after the pump.")
    assert "caregiver_burden" in result.ids("outcome")


def test_communication_made_easier_is_a_speech_outcome() -> None:
    result = in_results("Communication with family members became easier.")
    assert result.ids("outcome") == ["speech"]


def test_boluses_are_read_as_a_bolus() -> None:
    result = in_results("Half received a continuous infusion and half intermittent boluses.")
    assert "dose" in result.ids("outcome")
    assert in_results("Bolus causes were studied.").ids("outcome") == []


# --- design and N in the words of ITB abstracts (a third battery) ----------------------------


def test_a_non_randomised_or_quasi_randomised_trial_is_a_controlled_trial() -> None:
    for abstract in (
        "A non-randomised controlled trial compared ITB (n = 17) with physiotherapy (n = 15).",
        "Forty adults were quasi-randomised by date of birth to ITB or oral baclofen.",
        "Patients were allocated alternately: 11 received ITB and 11 oral tizanidine.",
        "Design: pre-post non-randomized comparison study of 24 adults.",
    ):
        assert design(abstract) == "controlled_trial", abstract
    assert design("Thirty children were randomised to ITB or oral baclofen.") == "rct"


def test_a_review_pooling_counted_trials_counts_their_participants() -> None:
    abstract = (
        "We searched MEDLINE and Embase for trials of intrathecal baclofen. This meta-analysis "
        "pooled 7 randomised trials (n = 356); spasticity fell."
    )
    result = tag(abstract)
    assert result.design.id == "systematic_review"
    assert result.sample_size is not None and result.sample_size.value == 356
    scales = tag(
        "We searched MEDLINE and Embase for studies of delirium scales. The Delirium Rating "
        "Scale (n = 5) was used most."
    )
    assert scales.design.id == "systematic_review" and scales.sample_size is None


def test_a_hospitals_electronic_database_is_a_cohort() -> None:
    abstract = (
        "Using the hospital's electronic database, we identified 73 patients with an "
        "intrathecal baclofen pump and examined infection rates."
    )
    assert design(abstract) == "cohort"


def test_the_treated_compared_with_those_not_treated_are_a_cohort() -> None:
    abstract = (
        "Children with cerebral palsy treated with intrathecal baclofen (n = 28) and those not "
        "treated (n = 31) were compared for hip migration."
    )
    assert design(abstract) == "cohort"
    assert n(abstract) == 59


# --- harms in whole results sections (a fourth battery) --------------------------------------


def test_wound_related_events_are_wound_complications() -> None:
    result = in_results("Eight adverse events: 5 catheter-related and 3 wound-related.")
    assert result.ids("complication") == ["catheter_complication", "wound_complication"]


def test_a_device_event_said_to_be_planned_after_it_is_no_harm() -> None:
    result = in_results("Pumps were replaced for battery depletion in 12 patients as planned.")
    assert result.ids("complication") == []
    unplanned = in_results("Pumps were replaced for premature battery depletion in 2 patients.")
    assert unplanned.ids("complication") == ["pump_malfunction"]


def test_a_condition_present_before_implantation_is_no_harm() -> None:
    result = in_results("Constipation was present in 70% of patients before implantation.")
    assert result.ids("complication") == []
    after = in_results("Constipation was present in 3 patients after implantation.")
    assert after.ids("complication") == ["gastrointestinal"]


def test_a_death_found_unrelated_to_the_pump_after_a_semicolon_is_no_harm() -> None:
    result = in_results("One child died at home; the autopsy found no relation to the pump.")
    assert result.ids("complication") == []
    related = in_results("One child died at home; the autopsy found a disconnected catheter.")
    assert "death" in related.ids("complication")


def test_deaths_a_later_sentence_puts_down_to_other_causes_are_no_harm() -> None:
    told_apart = in_results(
        "Nine patients died during follow-up. Causes of death were pneumonia (5) and "
        "progression of the disease (4); none was related to the pump."
    )
    assert told_apart.ids("complication") == []
    assert any(m.id == "death" and m.qualifier == "other_cause" for m in told_apart.mentions)
    all_unrelated = in_results("Nine patients died. All deaths were unrelated to ITB.")
    assert all_unrelated.ids("complication") == []


def test_one_death_put_down_elsewhere_leaves_the_others_harms() -> None:
    result = in_results(
        "Two patients died, one after a refill error. The other death was unrelated to the pump."
    )
    assert "death" in result.ids("complication")
    related = in_results("Nine patients died. Two deaths were related to the pump.")
    assert "death" in related.ids("complication")


def test_we_randomised_is_randomisation() -> None:
    abstract = "We randomised 24 patients to a continuous or a flexible dosing regimen."
    assert design(abstract) == "rct"


def test_a_guideline_developed_by_a_group_is_a_guideline_and_one_cited_is_not() -> None:
    own = (
        "Clinical practice guideline for the management of intrathecal baclofen therapy, "
        "developed by a multidisciplinary working group."
    )
    assert design(own, title="Intrathecal baclofen therapy") == "guideline"
    cited = (
        "Best practice guidelines encourage early rehabilitation. We reviewed the records of "
        "40 adults retrospectively."
    )
    assert design(cited, title="Intrathecal baclofen therapy") == "case_series"


def test_two_patients_each_given_an_age_are_counted() -> None:
    abstract = (
        "A 7-year-old boy and his 9-year-old sister with hereditary spastic paraplegia "
        "received intrathecal baclofen."
    )
    assert n(abstract, "Intrathecal baclofen in hereditary spastic paraplegia") == 2
    assert n("A 45-year-old woman and her husband were seen.", "A case report") == 1


# --- populations (an indications battery) ----------------------------------------------------


def test_post_traumatic_spasticity_after_a_spinal_injury_is_no_brain_injury() -> None:
    spinal = tag("We treated 14 adults with post-traumatic spasticity after spinal injury.")
    assert spinal.ids("indication") == ["spinal_cord_injury"]
    brain = tag("We treated 14 adults with post-traumatic spasticity after a fall.")
    assert brain.ids("indication") == ["traumatic_brain_injury"]


def test_cervical_cord_trauma_is_a_spinal_cord_injury() -> None:
    result = tag("Twelve adults with tetraplegia after cervical cord trauma received ITB.")
    assert result.ids("indication") == ["spinal_cord_injury"]


# --- reviews and guidelines (a battery of ten) ------------------------------------------------


def test_a_review_opening_with_itself_is_a_review_and_a_chart_review_is_not() -> None:
    review = tag(
        "A review of the respiratory effects of ITB: respiratory depression is a feature of "
        "overdose.",
        title="Intrathecal baclofen and breathing",
    )
    assert review.design.id == "review"
    assert review.ids("complication") == ["overdose", "respiratory_depression"]
    charts = "A review of the medical records of 40 patients with ITB pumps was performed."
    assert design(charts, title="Intrathecal baclofen pumps") == "case_series"


def test_an_overview_names_its_outcome_domains() -> None:
    result = tag(
        "This overview of ITB in dystonia covers patient selection and dose titration; "
        "dystonia scores improved in half of the reported patients.",
        title="Intrathecal baclofen in dystonia",
    )
    assert result.design.id == "review"
    assert {"dose", "dystonia_severity"} <= set(result.ids("outcome"))


def test_a_panel_reaching_consensus_or_guidelines_proposed_make_a_guideline() -> None:
    for abstract in (
        "Refill practice was discussed, and the panel reached consensus on 15 statements.",
        "Guidelines for refilling intrathecal pumps are proposed to prevent pocket fills.",
    ):
        assert design(abstract, title="Intrathecal pump refills") == "guideline", abstract
    offered = "Based on these findings, recommendations for practice are presented."
    assert design(offered, title="Intrathecal pump refills") != "guideline"


def test_benefits_on_tone_are_a_spasticity_outcome() -> None:
    result = in_results("Benefits on tone and comfort were seen in most patients.")
    assert "spasticity" in result.ids("outcome")


def test_intrathecal_baclofen_in_other_words_is_relevant() -> None:
    for abstract in (
        "Intraspinal baclofen infusion reduced tone in 9 patients.",
        "IT baclofen therapy was started after a positive trial.",
        "Continuous infusion of baclofen into the cerebrospinal fluid reduced spasticity.",
    ):
        assert tag(abstract, title="Spasticity treatment").relevant, abstract
    oral = tag("Baclofen levels in CSF were measured after oral doses.", title="Spasticity")
    assert not oral.relevant
    assert not tag("We gave it baclofen by mouth.", title="Spasticity").relevant


# --- negation (a battery of twenty) ----------------------------------------------------------


def test_a_harm_counted_as_none_is_negated() -> None:
    for sentence in (
        "Infections occurred in 0 of 40 patients.",
        "The rate of infection was 0%.",
        "Pocket infection (0/40) and CSF leak (2/40) were recorded.",
    ):
        assert "infection" not in in_results(sentence).ids("complication"), sentence
    assert in_results("Infections occurred in 10 of 40 patients.").ids("complication") == [
        "infection"
    ]
    assert in_results("The rate of infection was 0.5%.").ids("complication") == ["infection"]


def test_a_harm_absent_in_all_but_one_patient_happened() -> None:
    result = in_results("Drowsiness was absent in all but one patient.")
    assert result.ids("complication") == ["cns_adverse_effects"]
    assert in_results("Drowsiness was absent.").ids("complication") == []


def test_a_suspected_harm_found_otherwise_is_none() -> None:
    result = in_results("Pump malfunction was suspected but the pump worked normally.")
    assert result.ids("complication") == []
    confirmed = in_results("Pump malfunction was suspected and confirmed by a rotor study.")
    assert confirmed.ids("complication") == ["pump_malfunction"]


def test_a_text_of_one_long_sentence_is_tagged_in_linear_time() -> None:
    # (each rule that asks something of the whole sentence must ask it once per sentence,
    # not once per mention: a pasted table with no full stops is one sentence of thousands
    # of words, and a check per mention grows with the square of its length)
    import random
    import time

    # (many mentions, and none of the words a rule waits for: a search for a missing word
    # reads the whole sentence, each time it is made)
    words = str.split(
        "patients children with cerebral palsy were treated by intrathecal baclofen pump "
        "catheter n = 12 and of the 40 records reviewed randomized controlled trial a woman "
        "boy 3 4 - , ; ( ) years after implantation infection risk no sedation"
        # (deaths, outcomes inside harms, a baseline and "versus": rules asked of each death,
        # outcome or harm, each of which once searched the whole sentence or every other
        # mention of it: 80,000 words took 57 s)
        " died death mortality baseline Ashworth scores pain spasticity quality of life versus vs"
        # (and who was excluded, told after the people: a search to the sentence's end per mention)
        " were excluded exclusion criteria"
    )

    def seconds(count: int) -> float:
        rng = random.Random(3)
        text = " ".join(rng.choice(words) for _ in range(count))
        best = float("inf")
        for attempt in range(3):
            item = tag_input(
                f"Long text {count} {attempt}", "article", [{"abstract": [{"text": text}]}]
            )
            started = time.perf_counter()
            TAGGER.tag(item)
            best = min(best, time.perf_counter() - started)
        return best

    # (sixteen times the words: linear takes 16 times as long, a check per mention up to 256
    # times; one such check made four times the words take 6.5-7.3 times as long, too near
    # linear's 4 to tell from a busy machine's noise, 25 times for eight times the words, and
    # a search of the whole sentence per death 213 times for sixteen; this code 12-14)
    ratio = seconds(80_000) / seconds(5_000)
    assert ratio < 32, f"sixteen times the words took {ratio:.1f} times as long (linear: 16)"


def test_a_long_sentence_of_the_development_sets_words_is_tagged_in_linear_time() -> None:
    # (every word of the made-up development set, so that a rule's trigger words are among
    # them whichever rule is added: "should be offered" searched to the sentence's end per
    # outcome, and "study was done ... in" back to its start per count, made eight times the
    # words take 16 times as long; this code about 8)
    import random
    import re
    import time
    import tomllib

    devset = Path(__file__).parent / "data" / "tagging" / "devset.toml"
    words: list[str] = []
    for record in tomllib.loads(devset.read_text(encoding="utf-8"))["record"]:
        parts = [record.get("title") or ""] + [part[-1] for part in record.get("abstract", [])]
        words += re.sub(r"[.!?]", " ", " ".join(parts)).split()

    def seconds(count: int) -> float:
        rng = random.Random(3)
        text = " ".join(rng.choice(words) for _ in range(count))
        best = float("inf")
        for attempt in range(2):
            item = tag_input(f"Long {count} {attempt}", "article", [{"abstract": [{"text": text}]}])
            started = time.perf_counter()
            TAGGER.tag(item)
            best = min(best, time.perf_counter() - started)
        return best

    ratio = seconds(40_000) / seconds(5_000)
    assert ratio < 14, f"eight times the words took {ratio:.1f} times as long (linear: 8)"


# --- counts and conditions read in other topics' abstracts (a fifteenth stroke draw) ----------


def test_a_people_word_naming_a_place_or_a_group_is_no_count_of_people() -> None:
    setting = "Setting: Three Veterans Administration spinal cord injury centres."
    assert n(f"{setting} Participants: adults with spasticity (N=48).") == 48
    assert n("Two patient groups were compared. In all, 30 adults took part.") == 30
    assert n("We counted 500 patient visits to the pump clinic.") is None
    assert n("Three veterans with spinal cord injury received a pump.") == 3


def test_a_count_with_its_share_in_brackets_before_the_people_is_counted() -> None:
    assert n("An interview study of 18 (45%) patients from the 40 implanted at our centre.") == 18
    # (a share of the patients with an event stays a part of them)
    assert n("We followed 40 patients. Nine (22%) patients had a catheter revision.") == 40


def test_a_surveys_respondents_named_by_their_noun_are_its_participants() -> None:
    assert n("A questionnaire was mailed to pump clinics and 112 nurses responded.") == 112
    assert n("The survey went out by e-mail; 87 caregivers responded to the questionnaire.") == 87
    # (those who responded to the therapy are a part of those treated)
    assert n("We screened 30 patients. Of them, 24 patients responded to the bolus.") == 30


def test_those_included_of_a_larger_group_are_the_study_s_participants() -> None:
    text = "This follow-up analysis included 38 of the 52 patients implanted between 2010 and 2015."
    assert n(text) == 38


def test_a_lasting_cognitive_condition_the_disease_left_is_no_harm() -> None:
    for sentence in (
        "Therapists treated clients having memory impairment following brain injury.",
        "We studied cognitive impairment after traumatic brain injury in 20 pump users.",
        "We examined the effect of weakness and cognitive impairment on transfers.",
        "Dressing was trained in the presence of cognitive impairment.",
        "Nurses used checklists to assess both pain and cognitive impairment.",
        "Most sessions were targeted at a range of cognitive impairments.",
        "Few programmes focused on cognitive impairments.",
    ):
        assert "cns_adverse_effects" not in in_results(sentence).ids("complication"), sentence
    assert in_results("Cognitive impairment followed the bolus in two patients.").ids(
        "complication"
    ) == ["cns_adverse_effects"]


def test_symptoms_of_the_disease_named_as_its_sequelae_are_no_harm() -> None:
    for sentence in (
        "Dizziness, headache and poor balance are symptoms often seen after concussion.",
        "Rehabilitation helps manage dizziness and vertigo following mild head injury.",
        "Seizures after stroke were treated as usual.",
    ):
        assert in_results(sentence).ids("complication") == [], sentence
    assert in_results("Dizziness after the test bolus resolved in a day.").ids("complication") == [
        "cns_adverse_effects"
    ]


def test_a_comorbidity_list_names_no_outcome() -> None:
    text = (
        "Co-morbidities such as autonomic dysfunction, poor sleep and pain may hamper the "
        "rehabilitation. The Ashworth score fell after implantation."
    )
    assert in_results(text).ids("outcome") == ["spasticity"]


def test_two_groups_given_the_treatments_in_opposite_orders_are_a_controlled_trial() -> None:
    text = (
        "Twelve adults were divided into two groups: one group had bolus dosing for a week "
        "first; the other group had the two modes in the reverse order."
    )
    assert design(text) == "controlled_trial"
    assert design("Patients recalled digit lists in reverse order after implantation.") != (
        "controlled_trial"
    )


def test_a_lasting_cognitive_condition_in_a_sentence_naming_no_event_is_the_populations() -> None:
    for sentence in (
        "Memory impairment and spasticity limited participation in the groups.",
        "Their cognitive decline shaped the choice of outcome measures.",
    ):
        assert "cns_adverse_effects" not in in_results(sentence).ids("complication"), sentence
    for sentence in (
        "Two patients developed memory impairment after the bolus.",
        "Cognitive impairment was reported in one patient and resolved with a lower dose.",
        "The incidence of cognitive decline at one month was the primary outcome.",
    ):
        assert "cns_adverse_effects" in in_results(sentence).ids("complication"), sentence


def test_a_disease_named_as_a_risk_is_no_population() -> None:
    for sentence in (
        "Exercise was associated with a lower risk of dementia and Alzheimer's disease.",
        "Adults at risk of stroke took part in the screening.",
    ):
        assert in_results(sentence).ids("indication") == [], sentence
    assert in_results("Adults with stroke took part in the screening.").ids("indication") == [
        "stroke"
    ]


def test_a_harm_whose_risk_a_treatment_lowers_did_not_happen() -> None:
    for sentence in (
        "Fish intake was associated with a 20% lower risk of death from heart disease.",
        "The drug reduces the risk of seizures after surgery.",
    ):
        assert in_results(sentence).ids("complication") == [], sentence
    result = in_results("The risk of infection was 5% and one patient died.")
    assert result.ids("complication") == ["death", "infection"]


# --- harms in other words (a battery of forty, twelfth session) --------------------------------


@pytest.mark.parametrize(
    ("sentence", "harms"),
    [
        ("A disconnection between catheter and pump was found at surgery.",
         ["catheter_complication"]),
        ("Disconnection of the pump from the catheter caused withdrawal.",
         ["catheter_complication", "withdrawal"]),
        ("Positional headache after the implant eased lying flat.", ["csf_leak"]),
        ("Over-infusion by a faulty pump was found.", ["pump_malfunction"]),
        ("The pump fault was traced to a worn gear.", ["pump_malfunction"]),
        ("She was obtunded for a day after the refill.", ["cns_adverse_effects"]),
        ("Doses had to be raised steadily over four years to keep the effect.", ["tolerance"]),
        ("A refill error delivered twice the intended dose.", ["overdose", "pump_malfunction"]),
    ],
)  # fmt: skip
def test_harms_named_in_other_words_map_to_the_manuals_ids(sentence: str, harms: list[str]) -> None:
    assert in_results(sentence).ids("complication") == harms


def test_a_headache_that_is_not_postural_stays_a_cns_effect() -> None:
    assert in_results("Headache followed the bolus in two patients.").ids("complication") == [
        "cns_adverse_effects"
    ]
    assert in_results("Doses were raised during the titration.").ids("complication") == []


def test_sitting_or_standing_made_possible_and_a_joints_range_are_motor_outcomes() -> None:
    for sentence in (
        "Standing in a frame was possible for longer.",
        "Sitting in the wheelchair became more comfortable.",
        "Hip abduction range increased by 15 degrees.",
        "The range of knee extension improved in all children.",
    ):
        assert "motor_function" in in_results(sentence).ids("outcome"), sentence
    assert in_results("Long-standing spasticity was the reason for referral.").ids("outcome") == []


def test_a_surveys_respondents_of_those_asked_are_its_participants() -> None:
    assert n("The questionnaire was returned by 61 of 90 parents (68%).") == 61


def test_a_group_named_by_the_placebo_it_was_given_is_summed() -> None:
    assert n("In this randomised trial, 25 adults received baclofen and 24 placebo.") == 49
    # (placebo doses are no people)
    assert n("We treated 12 adults; they received 3 active and 3 placebo injections.") == 12


def test_the_treated_group_a_part_was_read_from_is_the_count() -> None:
    text = "Spasticity was scored in the 18 patients seen at one year out of 25 implanted."
    assert n(text) == 25


# --- designs in other words (a battery of 25, twelfth session) ---------------------------------


def test_a_letter_telling_its_own_patients_is_a_case_report() -> None:
    assert design("Letter to the editor: two children developed priapism after a refill.") == (
        "case_report"
    )
    reply = "Letter to the editor: in reply to Smith et al., two patients developed no infection."
    assert design(reply) == "other"


def test_a_technique_described_is_no_case_report() -> None:
    text = "Technical note: we describe a modified technique for anchoring the catheter."
    assert design(text) != "case_report"
    assert design("We describe a 9-year-old boy whose pump flipped.") == "case_report"


def test_a_registry_mirror_with_its_status_as_a_field_is_a_registration() -> None:
    page = (
        "NCT00000002. A phase 2 study of intrathecal baclofen after stroke. Not yet recruiting. "
        "Enrollment 30 participants."
    )
    assert design(page) == "trial_registration"
    article = (
        "Recruiting patients was slow in this phase 3 trial (NCT00000003); 30 participants "
        "were randomised."
    )
    assert design(article) == "rct"


def test_allocation_by_a_rule_that_is_not_chance_is_a_controlled_trial() -> None:
    text = "Wards were allocated by site to early or delayed screening; 60 patients were followed."
    assert design(text) == "controlled_trial"
    assert design("Children were assigned to GMFCS level IV or V; 40 were reviewed.") != (
        "controlled_trial"
    )


def test_populations_named_in_other_words() -> None:
    cases = {
        "We treated 9 adults with spastic quadriplegia due to periventricular leukomalacia.": [
            "cerebral_palsy"
        ],
        "Six teenagers with spina bifida (myelomeningocele) received pumps.": [
            "spinal_cord_injury"
        ],
        "Two men had severe spasms after stab wounds to the cervical spine.": [
            "spinal_cord_injury"
        ],
    }
    for sentence, ids in cases.items():
        assert in_results(sentence).ids("indication") == ids, sentence
    # (a spasticity's pattern alone names no disease: the coding manual)
    assert in_results("We treated 9 adults with spastic diplegia.").ids("indication") == [
        "spasticity_unspecified"
    ]


def test_a_device_pattern_with_its_negation_inside_is_negated() -> None:
    for sentence in ("The pump did not malfunction.", "The catheter never kinked."):
        assert in_results(sentence).ids("complication") == [], sentence
    assert in_results("The catheter kinked twice.").ids("complication") == ["catheter_complication"]
    # (a loss of function is said by a negation: a harm that happened)
    legs = in_results("After the refill she could not move her legs.")
    assert legs.ids("complication") == ["hypotonia_weakness"]


def test_a_rate_of_zero_in_words_is_negated() -> None:
    assert in_results("Rates of meningitis were zero in both groups.").ids("complication") == []
    assert in_results("Rates of meningitis were low.").ids("complication") == ["infection"]


def test_deaths_said_to_be_none_of_the_therapys_are_no_harm() -> None:
    text = "No deaths were related to the pump; two patients died of pneumonia."
    assert in_results(text).ids("complication") == []
    assert in_results("Two patients died of pneumonia after an overdose.").ids("complication") == [
        "death",
        "overdose",
    ]


def test_a_harm_belongs_to_the_treatment_of_its_own_clause() -> None:
    text = (
        "This review compares the routes. Oral baclofen often causes drowsiness; the "
        "intrathecal route avoids it, but its own risks include catheter breakage."
    )
    assert tag(text).ids("complication") == ["catheter_complication"]


def test_the_features_of_withdrawal_listed_after_it_are_harms() -> None:
    text = "Baclofen withdrawal, whose features include itching, fever and seizures, is reviewed."
    assert tag(text).ids("complication") == ["seizure", "withdrawal"]


def test_a_review_of_published_work_is_a_review() -> None:
    assert design("We reviewed published reports of pump failure in children.") == "review"
    assert design("We reviewed the charts of 30 patients with pumps.") != "review"


def test_a_text_whose_only_label_is_results_is_the_studys() -> None:
    assert tag("Results: Dysphagia worsened in one girl at high doses.").ids("complication") == [
        "speech_swallowing"
    ]


def test_a_headache_after_the_lumbar_puncture_is_a_csf_leak() -> None:
    result = in_results("Headache after the lumbar puncture affected four patients.")
    assert result.ids("complication") == ["csf_leak"]
    assert in_results("Headache after the bolus affected four patients.").ids("complication") == [
        "cns_adverse_effects"
    ]


def test_a_patient_who_vomited_had_a_gastrointestinal_harm() -> None:
    assert in_results("One patient vomited after the test dose.").ids("complication") == [
        "gastrointestinal"
    ]


def test_outcomes_of_care_named_in_other_words() -> None:
    cases = {
        "Voiding became easier after implantation.": ["autonomic"],
        "Nurses reported less time spent on hygiene.": ["caregiver_burden"],
        "Caring for their son had become less demanding, the parents said.": ["caregiver_burden"],
        "A concentration of 1500 ug/ml was used to lengthen refill intervals.": ["dose"],
    }
    for sentence, ids in cases.items():
        assert in_results(sentence).ids("outcome") == ids, sentence


def test_recommendations_drafted_by_a_named_group_are_a_guideline() -> None:
    text = "Recommendations on refills were drafted by a working group of a national society."
    assert design(text) == "guideline"
    assert design("We followed 30 adults; recommendations for practice are made.") != "guideline"


def test_a_named_database_and_the_patients_identified_in_it_are_a_cohort() -> None:
    text = "Using the KID database we identified 2,310 children who had a pump implanted."
    assert design(text) == "cohort"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Charts of 120 adults were reviewed; 8 were excluded, leaving 112 for analysis.", 112),
        ("Two had infections and one a catheter break among the 48 implanted.", 48),
        ("We studied 30 adults implanted in 2015 and 25 implanted in 2016.", 55),
        ("A cohort of about 900 patients was followed, of whom 912 had complete data.", 912),
        ("Twenty percent of 150 respondents reported a missed refill.", 150),
    ],
)  # fmt: skip
def test_counts_in_other_words_a_second_battery(text: str, count: int) -> None:
    assert n(text) == count


def test_an_intrathecal_pump_of_another_drug_with_baclofen_denied_is_not_itb() -> None:
    text = "We reviewed 40 patients with intrathecal morphine pumps; no baclofen was given."
    assert not tag(text, title="Intrathecal morphine for cancer pain").relevant
    text = "Forty patients received intrathecal morphine and, later, baclofen by the same pump."
    assert tag(text, title="Two drugs in one pump").relevant


def test_device_harms_in_other_words_a_third_battery() -> None:
    cases = {
        "A 200 ug bolus was given in error and she became drowsy.": [
            "cns_adverse_effects",
            "pump_malfunction",
        ],
        "Dye was seen leaking from the proximal catheter.": ["catheter_complication"],
        "A hole in the catheter was found at revision.": ["catheter_complication"],
    }
    for sentence, ids in cases.items():
        assert in_results(sentence).ids("complication") == ids, sentence


# --- the thirteenth session's reading of 60 real abstracts: kinds of text it showed ----------


def test_a_harm_that_was_no_limiting_factor_still_happened() -> None:
    result = in_results("Drug tolerance was not a limiting factor in this series.")
    assert "tolerance" in result.ids("complication")
    assert "tolerance" not in {m.id for m in result.mentions if m.qualifier == "negated"}


def test_a_dose_required_that_rose_with_time_is_tolerance_and_the_dose_outcome() -> None:
    result = in_results("The dose of intrathecal baclofen required to control spasms increased "
                        "with time.")  # fmt: skip
    assert "tolerance" in result.ids("complication")
    assert "dose" in result.ids("outcome")


@pytest.mark.parametrize(
    "sentence",
    [
        "One patient received an overdose because of a human error in programming the pump.",
        "She had missed her scheduled pump refill appointment and arrived with rigidity.",
        "He missed two refills in a row.",
    ],
)
def test_programming_errors_and_missed_refills_in_other_words_are_pump_malfunctions(
    sentence: str,
) -> None:
    assert "pump_malfunction" in in_results(sentence).ids("complication")


def test_a_refill_done_as_scheduled_is_still_no_harm() -> None:
    result = in_results("Pumps were refilled at scheduled visits; the reservoir was never empty.")
    assert "pump_malfunction" not in result.ids("complication")


def test_the_authors_case_series_among_other_modifiers_is_their_label() -> None:
    text = (
        "This was a prospective, open label, non-blinded case series without a control group. "
        "Thirty children were assessed before and one year after implantation."
    )
    assert design(text) == "case_series"


def test_patients_randomized_in_a_blinded_crossover_study_are_an_rct() -> None:
    text = (
        "Eleven adults took part. They were a consecutive sample randomized in a double blind, "
        "placebo-controlled crossover study."
    )
    assert design(text) == "rct"


def test_a_study_design_recommended_for_the_future_is_not_this_studys() -> None:
    text = (
        "This was a retrospective chart review of 30 children. Scoliosis progressed in 12. A "
        "prospective study is recommended to gather further data."
    )
    assert design(text) == "case_series"


def test_depressed_respirations_are_respiratory_depression() -> None:
    result = in_results("He was found comatose with depressed respirations and hypotonia.")
    assert "respiratory_depression" in result.ids("complication")


def test_a_condition_the_therapy_treats_in_general_is_no_population() -> None:
    text = (
        "Intrathecal baclofen therapy is an accepted treatment modality for spasticity and "
        "dystonia. The charts of 87 patients treated with it were reviewed."
    )
    assert "dystonia" not in tag(text).ids("indication")
    text = (
        "Forty children with dystonic cerebral palsy were implanted. ITB is an effective "
        "treatment for spasticity and dystonia."
    )
    assert "dystonia" in tag(text).ids("indication")  # the study's own patients name it


def test_a_daily_dose_beside_a_screening_trial_is_the_dose_used() -> None:
    text = (
        "Forty adults were screened with a bolus, and 17 pump recipients were followed "
        "(dose range 95-590 ug/day) and 8 others after screening."
    )
    assert "dose" in tag(text).ids("outcome")
    text = "Forty adults underwent a screening trial with a 50 ug bolus."
    assert "dose" not in tag(text).ids("outcome")


def test_a_harm_the_therapy_avoids_is_no_risk_named_by_a_review() -> None:
    text = (
        "Oral baclofen is limited by excessive sedation. Intrathecal baclofen reaches higher "
        "concentrations at a fraction of the oral dose and avoids this excessive sedation. We "
        "searched MEDLINE and EMBASE for trials."
    )
    assert "cns_adverse_effects" not in tag(text).ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Of 187 patients who had scoliosis surgery, 32 had a pump.",
        "Cases from a multicenter cerebral palsy scoliosis database were reviewed.",
    ],
)
def test_scoliosis_operated_on_or_recorded_is_the_patients_condition(sentence: str) -> None:
    assert "scoliosis_progression" not in in_results(sentence).ids("complication")


def test_a_general_claim_with_use_or_were_in_it_is_still_general() -> None:
    # ("use" and "were" hold no "us" and "we": the study's own data is named by whole words)
    text = (
        "We followed 20 adults. With its growing use, ITB is an established treatment that "
        "improves quality of life."
    )
    assert "quality_of_life" not in tag(text).ids("outcome")


def test_hallervorden_spatz_disease_is_pkan_a_neurodegenerative_disease() -> None:
    text = "We present a 9-year-old boy with Hallervorden-Spatz disease treated with ITB."
    assert "neurodegenerative" in tag(text).ids("indication")


def test_a_harm_of_the_reports_a_case_is_likened_to_is_none_of_the_case() -> None:
    text = (
        "We present a boy with status dystonicus of no known cause. The similarity between "
        "his features and those reported in connection to abrupt withdrawal of intrathecal "
        "baclofen is emphasized."
    )
    assert "withdrawal" not in tag(text, title="Status dystonicus: a case report").ids(
        "complication"
    )


def test_the_manuals_cross_sectional_survey_and_chart_review_is_the_authors_label() -> None:
    text = (
        "Objective: No study has reported outcomes of ITB for spasticity in a cohort of "
        "patients who had received it for at least 10 years. Design: A cross-sectional survey "
        "and retrospective chart review. Participants: Adults treated with ITB for 10 years. "
        "Results: Twenty-four subjects completed the surveys."
    )
    assert design(text) == "case_series"


@pytest.mark.parametrize(
    ("sentence", "facet", "tag_id"),
    [
        ("ITB is contraindicated in patients with hypersensitivity to baclofen or active "
         "infection.", "complication", "infection"),
        ("Relative contraindications include unrealistic goals and unmanageable mental health "
         "issues.", "outcome", "quality_of_life"),
    ],
)  # fmt: skip
def test_what_contraindicates_the_therapy_is_no_harm_and_no_outcome(
    sentence: str, facet: str, tag_id: str
) -> None:
    assert tag_id not in in_results(sentence).ids(facet)


def test_outcomes_the_literature_lacks_are_not_measured() -> None:
    text = (
        "Forty children were followed. Evidence to demonstrate the utility of ITB in "
        "pediatric populations beyond spasticity and dystonia reduction is limited."
    )
    outcomes = tag(text).ids("outcome")
    assert "spasticity" not in outcomes and "dystonia_severity" not in outcomes


def test_a_measure_that_groups_the_patients_is_no_outcome() -> None:
    text = "Based on ambulatory function, the 19 patients were divided into 2 groups."
    assert "motor_function" not in tag(text).ids("outcome")
    text = "Ambulatory function improved in the 19 patients, who were divided into 2 groups."
    assert "motor_function" in tag(text).ids("outcome")


def test_a_review_reviews_the_conditions_it_says_the_therapy_treats() -> None:
    text = (
        "Intrathecal baclofen is an effective treatment for both spasticity and dystonia in "
        "people with cerebral palsy. Its use is becoming increasingly common."
    )
    result = tag(text, title="Intrathecal baclofen use in adults with cerebral palsy",
                 types=("Review",))  # fmt: skip
    assert result.design.id == "review"
    assert {"cerebral_palsy", "dystonia"} <= set(result.ids("indication"))


def test_sleep_related_breathing_disorders_are_respiratory_depression() -> None:
    result = in_results("Sleep-related breathing disorders worsened after implantation in 4.")
    assert "respiratory_depression" in result.ids("complication")


def test_pain_as_a_questionnaires_domain_is_measured() -> None:
    result = in_results(
        "The change score differed in favour of the pump group for the domains of bodily "
        "pain/discomfort (p=0.014) and mental health."
    )
    assert "pain" in result.ids("outcome")


def test_a_scale_for_individually_formulated_problems_is_satisfaction() -> None:
    result = in_results("The visual analogue scale for individually formulated problems improved.")
    assert "satisfaction" in result.ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Two walkers could no longer stand after the dose was raised.", "hypotonia_weakness"),
        ("The pump was inadvertently refilled with the stronger solution.", "pump_malfunction"),
        ("Three wounds opened along the back incision.", "wound_complication"),
        ("A kink where the catheter left the fascia was found.", "catheter_complication"),
        ("Her curve increased from 30 to 55 degrees in a year.", "scoliosis_progression"),
    ],
)
def test_harms_in_other_words_a_fourth_battery(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_a_wound_opened_by_the_surgeon_is_no_dehiscence() -> None:
    result = in_results("The wound was opened and the pump replaced as planned.")
    assert "wound_complication" not in result.ids("complication")


def test_a_dystonic_population_that_improved_in_another_way_has_no_dystonia_outcome() -> None:
    result = in_results("Speech improved in three children with dystonic cerebral palsy.")
    assert "dystonia_severity" not in result.ids("outcome")
    assert "dystonia_severity" in in_results("Dystonia decreased in three children.").ids("outcome")


def test_consecutive_patients_assessed_at_planned_times_are_a_cohort() -> None:
    text = "Twenty consecutive adults were assessed before implantation and at 3, 6 and 12 months."
    assert design(text) == "cohort"
    text = (
        "We retrospectively reviewed twenty consecutive adults, assessed before implantation "
        "and at 3, 6 and 12 months."
    )
    assert design(text) == "case_series"


def test_an_open_label_extension_of_a_randomised_trial_is_not_the_trial() -> None:
    text = (
        "In this open-label extension of a randomised trial, 30 of the trial's participants "
        "continued intrathecal baclofen for two years."
    )
    assert design(text) != "rct"


def test_doses_named_in_a_call_for_more_studies_are_no_dose_outcome() -> None:
    text = (
        "Ten children were treated. Additional studies are necessary to determine whether it "
        "is effective at lower doses."
    )
    assert "dose" not in tag(text).ids("outcome")


def test_a_dose_that_correlated_with_the_change_is_the_dose_outcome() -> None:
    result = in_results("The baclofen dose correlated with the change in pain scores.")
    assert "dose" in result.ids("outcome")


def test_patients_assessed_before_and_again_months_after_are_a_cohort() -> None:
    text = (
        "The pain of 16 patients was assessed prior to pump implantation and again 6 and 12 "
        "months postoperatively."
    )
    assert design(text) == "cohort"


def test_an_aggregators_key_phrases_are_no_words_of_the_record() -> None:
    text = (
        "We searched MEDLINE and Embase for trials of intrathecal baclofen in adults after "
        "stroke. Keyphrases - spinal cord injury - cerebral palsy - neuropathic pain"
    )
    result = tag(text)
    assert "spinal_cord_injury" not in result.ids("indication")
    assert "cerebral_palsy" not in result.ids("indication")
    assert "pain" not in result.ids("outcome")


def test_scoliosis_named_as_a_cause_is_no_progression() -> None:
    result = in_results("Catheter slides are related to growth, scoliosis and spine surgery.")
    assert "scoliosis_progression" not in result.ids("complication")


def test_spasticity_assessed_or_impacted_is_the_spasticity_outcome() -> None:
    text = "We searched MEDLINE; nine trials assessing spasticity were found."
    assert "spasticity" in tag(text).ids("outcome")
    assert "spasticity" in in_results("ITB significantly impacted spasticity.").ids("outcome")


def test_parents_judging_the_therapy_worthwhile_is_satisfaction() -> None:
    result = in_results("Eleven of 12 parents agreed that ITB was beneficial.")
    assert "satisfaction" in result.ids("outcome")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Nine of ten children improved; the tenth was lost to follow-up.", 10),
        ("9 of 12 adults improved.", 12),
    ],
)
def test_the_whole_of_an_n_of_m_that_did_something_is_the_count(text: str, count: int) -> None:
    assert n(text) == count


def test_a_harm_in_a_clause_hung_on_the_oral_drug_is_the_comparators() -> None:
    text = (
        "Unlike oral baclofen, which causes sedation and confusion, the intrathecal route "
        "relieves spasms with few side effects, as this review of 30 years of use shows."
    )
    assert "cns_adverse_effects" not in tag(text).ids("complication")


def test_a_reviews_own_outcome_domains_in_its_opening_are_outcomes() -> None:
    text = (
        "This narrative review of ITB in multiple sclerosis covers effects on spasm frequency, "
        "pain and bladder function."
    )
    assert {"spasticity", "pain", "autonomic"} <= set(tag(text).ids("outcome"))
    text = "Spasticity burdens quality of life. We followed 20 adults after implantation."
    assert "quality_of_life" not in tag(text).ids("outcome")


def test_guidelines_proposed_after_a_long_subject_are_a_guideline() -> None:
    text = (
        "Guidelines for the management of patients with implanted baclofen pumps undergoing "
        "anaesthesia are proposed; the risks of abrupt interruption of the infusion are "
        "emphasised."
    )
    result = tag(text)
    assert result.design.id == "guideline"
    assert "withdrawal" in result.ids("complication")


@pytest.mark.parametrize(
    ("url", "registered"),
    [
        ("https://trials.example.org/clinical-trials-details/itb-for-spasticity/NCT01234567",
         True),
        ("https://mirror.example.com/clinical-trials/NCT07654321?tab=summary", True),
        ("https://journal.example.org/article/10.1000/itb-2020", False),
        ("https://journal.example.org/article/itb-trial-NCT01234567-results", False),
    ],
)  # fmt: skip
def test_a_registry_mirrors_page_is_known_by_the_nct_number_in_its_address(
    tmp_path: Path, url: str, registered: bool
) -> None:
    export = tmp_path / "mirror.ris"
    export.write_text(
        f"TY  - JOUR\nTI  - Intrathecal baclofen for chronic spasticity\nUR  - {url}\n"
        "AB  - Inclusion Criteria: adults with severe spasticity. Exclusion Criteria: a "
        "systemic infection.\nER  - \n",
        encoding="utf-8",
    )
    (item,) = [i for i in read_records(decode_file(export), "ris", "x") if isinstance(i, RawRecord)]
    record = normalize("r", item.fields)
    assert (record.kind == "registration") == registered
    result = TAGGER.tag(tag_input(record.title, record.kind, [item.fields]))
    assert (result.design.id == "trial_registration") == registered
    if registered:
        # eligibility criteria name who may enter, no harm that happened
        assert "infection" not in result.ids("complication")


def test_the_whole_of_a_share_with_its_percentage_is_the_count() -> None:
    text = (
        "Methods: We reviewed our patients. Results: Twenty-nine of 116 (25%) patients had 32 "
        "complications."
    )
    assert n(text) == 116
    # a share taken of a larger group is still no count of the study's
    assert n("Results: 58 (33%) patients of the total 176 improved.") != 58


def test_a_pump_and_catheter_system_defect_is_both_device_harms() -> None:
    found = in_results("Adverse events were related to pump/catheter system defects (n = 52).")
    assert {"pump_malfunction", "catheter_complication"} <= set(found.ids("complication"))


def test_a_retrospective_open_label_study_is_a_case_series() -> None:
    text = (
        "Design: Retrospective open label study. Participants: Patients (N=80) undergoing "
        "continuous ITB trials. Results: The Ashworth scale improved."
    )
    assert design(text) == "case_series"
    assert (
        design("Design: Prospective open label study of 40 adults followed for a year.") == "cohort"
    )


def test_a_questionnaire_study_and_a_case_notes_review_is_a_case_series() -> None:
    text = (
        "Methods: We studied pump users by patient questionnaire study of the efficacy of this "
        "therapy and a case notes review. Results: 30 patients replied; pain improved in this "
        "cohort."
    )
    assert design(text) == "case_series"


def test_a_measure_named_as_a_risk_factor_or_grouping_is_no_outcome() -> None:
    text = (
        "Methods: We reviewed 90 patients. Results: Risk factors for any complication were a "
        "spinal lesion (OR 2.7, p = .02), a lower Rankin score (median 4 vs. 5; OR 2.9, "
        "p = .015) and a higher Barthel Index (OR 2.8, p = .006)."
    )
    assert "activities_daily_living" not in tag(text).ids("outcome")
    text = "Conclusions: Patients with a higher Barthel Index have a higher risk of a complication."
    assert "activities_daily_living" not in in_results(text).ids("outcome")
    text = (
        "According to the Barthel Index, definition of high-level patients (60-100 points) and "
        "low-level patients (0-55 points)."
    )
    assert "activities_daily_living" not in in_results(text).ids("outcome")
    # a risk factor study whose outcome improved is still measured
    text = "Risk factors were analysed and the Barthel Index improved from 40 to 60."
    assert "activities_daily_living" in in_results(text).ids("outcome")


def test_national_numbers_extrapolated_from_a_database_are_no_participants() -> None:
    text = (
        "Methods: Claims data were used. Results: Extrapolating from the claims database, "
        "baclofen was prescribed annually to 33,061 or 1486 patients aged 18 or less, "
        "respectively."
    )
    assert n(text) is None


def test_brain_injury_listed_beside_stroke_is_a_population_of_its_own() -> None:
    text = (
        "Methods: 40 physicians managing patients treated for CP, brain injury, stroke, MS, or SCI."
    )
    assert {"acquired_brain_injury", "stroke"} <= set(tag(text).ids("indication"))
    # its causes named for it: the causes, not the brain injury
    text = (
        "Methods: We treated 14 adults with acquired brain injury: trauma (5), anoxia (6) and "
        "stroke (3)."
    )
    assert "acquired_brain_injury" not in tag(text).ids("indication")
    text = "Methods: We treated twelve right-brain-damaged stroke survivors."
    assert "acquired_brain_injury" not in tag(text).ids("indication")


def test_a_pilot_study_of_two_patients_told_one_by_one_is_a_case_report() -> None:
    text = (
        "Design: Prospective pilot study with assessments at regular intervals. Patients: Two "
        "subjects aged 8 and 9 years with cerebral palsy. Results: Subject 1 improved; Subject "
        "2 did not."
    )
    assert design(text) == "case_report"
    # a single group of thirteen, however its count was damaged, is no case report
    text = (
        "In a pretest-posttest single-group design, a convenience sample of 13 chronic stroke "
        "patients was assessed."
    )
    assert design(text) != "case_report"


def test_who_the_therapy_suits_in_general_is_no_population_or_outcome() -> None:
    text = (
        "Patients who experience chronic pain and spasticity and do not respond to oral "
        "baclofen are often prime candidates for ITB therapy. Methods: We reviewed 30 adults "
        "with multiple sclerosis."
    )
    result = tag(text)
    assert "spasticity_unspecified" not in result.ids("indication")
    assert "pain" not in result.ids("outcome")
    text = (
        "In general, candidates for baclofen pump are patients with spastic cerebral palsy. "
        "We report an 11-year-old boy with Hunter syndrome."
    )
    assert "cerebral_palsy" not in tag(text).ids("indication")
    # the study's own patients named as candidates are its population
    text = "Methods: We assessed 20 children with cerebral palsy who were candidates for ITB."
    assert "cerebral_palsy" in tag(text).ids("indication")


def test_side_effects_of_oral_baclofen_the_route_reduces_are_no_harm() -> None:
    text = (
        "ITB allows far lower doses. This also significantly reduces the systemic side "
        "effects of baclofen, primarily hypotonia and sedation. We compared two dosing modes "
        "in 40 adults."
    )
    harms = tag(text).ids("complication")
    assert "cns_adverse_effects" not in harms and "hypotonia_weakness" not in harms


def test_an_animal_study_cited_from_other_authors_is_no_design_of_this_one() -> None:
    text = (
        "Heetla et al showed that continuous infusion of baclofen in a pig model spread no "
        "further than 5 cm. The objective of this study was to determine if flex dosing "
        "increases the efficacy of baclofen as compared to continuous infusion in patients."
    )
    title = "Flex dosing vs continuous infusion of intrathecal baclofen"
    assert design(text, title) == "cohort"
    assert design("Baclofen was infused in a pig model for 24 hours.", title) == "other"


def test_a_count_of_one_names_one_person_not_people_in_the_plural() -> None:
    assert n("One obstacle clinicians face is the spread of the drug in the CSF.") is None
    assert n("Methods: We treated one patient with ITB.") == 1


def test_the_toronto_torticollis_scale_measures_dystonia() -> None:
    found = in_results("The TWSTRS score fell by 74%.").ids("outcome")
    assert "dystonia_severity" in found


def test_a_case_reports_bare_heads_mark_the_case_from_its_introduction() -> None:
    text = (
        "Introduction Pump malfunctions generally lead to drug withdrawal. Case Report A 54 "
        "year-old male with central cord syndrome presented after being found unresponsive; "
        "exam showed upper extremity withdrawal to pain. The pump was turned off out of concern "
        "for overdose, and the patient expired five days later. Discussion Common signs and "
        "symptoms of toxicity include somnolence, hypotonia and bradycardia."
    )
    result = tag(text, "Intrathecal baclofen toxicity")
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1
    assert "spinal_cord_injury" in result.ids("indication")
    harms = set(result.ids("complication"))
    assert "death" in harms
    assert not harms & {"withdrawal", "pump_malfunction", "cns_adverse_effects",
                        "hypotonia_weakness"}  # fmt: skip


def test_a_battery_or_drug_that_expired_is_no_death() -> None:
    assert "death" not in in_results("The pump battery expired after seven years.").ids(
        "complication"
    )


def test_randomised_and_placebo_controlled_is_a_randomised_trial() -> None:
    text = (
        "Design: A cost analysis was conducted as part of a prospective, multicentre, "
        "randomised and placebo-controlled clinical trial of 18 patients."
    )
    assert design(text) == "rct"


def test_groups_from_a_trial_and_from_quoted_match_patients_are_summed() -> None:
    text = (
        "Methods: The cost analysis used data from 18 patients included in the trial and from "
        "15 so-called 'match' patients."
    )
    assert n(text) == 33


def test_heads_run_into_their_text_are_read_as_heads() -> None:
    text = (
        "ObjectiveIntraventricular baclofen is an alternative for refractory dystonia.Material "
        "and methodsThree patients received it.ResultsNo severe adverse events, including "
        "death, infection, catheter migration or fracture, were documented.ConclusionsLarger "
        "prospective cohorts with longer follow-up periods are necessary."
    )
    result = tag(text)
    assert not set(result.ids("complication")) & {"death", "infection", "catheter_complication"}
    assert result.design.id == "case_report"


def test_the_authors_assessed_group_outranks_those_implanted_later() -> None:
    text = (
        "Methods. The authors assessed the short-term response to intrathecal baclofen infusion "
        "in 12 patients with dystonic CP. Programmable pumps were subsequently implanted in "
        "eight patients."
    )
    assert n(text) == 12


def test_positioning_a_catheter_is_no_motor_outcome() -> None:
    found = in_results("We describe precisely positioning of the infusion catheter.")
    assert "motor_function" not in found.ids("outcome")


def test_a_dose_increased_after_years_named_first_is_tolerance() -> None:
    text = (
        "After 7 to 10 years the dosage needed to reduce leg spasticity in the MS patients was "
        "significantly increased compared with the initial dose."
    )
    assert "tolerance" in in_results(text).ids("complication")


def test_a_case_presented_in_the_background_is_the_records_own_patient() -> None:
    text = (
        "BackgroundIntrathecal baclofen is used for refractory spasticity and dystonia. We "
        "present a patient with a history of cerebral palsy and multiple ITB revisions. Other "
        "options are needed for patients with persistent dystonia and spasticity. MethodsWe "
        "propose a technical variation. ResultsThe patient showed improvement in Ashworth score."
    )
    assert tag(text).ids("indication") == ["cerebral_palsy"]
    text = (
        "Background: ITB is used in children with cerebral palsy. Methods: We reviewed 20 "
        "adults with multiple sclerosis."
    )
    assert "cerebral_palsy" not in tag(text).ids("indication")


@pytest.mark.parametrize(
    ("sentence", "harms"),
    [
        ("By the fifth year she needed 1,200 ug/day where 300 ug/day had sufficed at first.",
         {"tolerance"}),
        ("Doses had to be doubled within 18 months to keep the same effect.", {"tolerance"}),
        ("Dose requirements increased steadily, from 90 to 410 ug/day.", {"tolerance"}),
        ("Two days after the catheter disconnected, she had itching, tachycardia and a return of "
         "spasms; symptoms settled after revision.", {"withdrawal", "catheter_complication"}),
        ("When the pump stopped, the boy became febrile with rebound hypertonia and "
         "rhabdomyolysis.", {"withdrawal", "pump_malfunction"}),
        ("The pump delivered 14% more drug than programmed, and two patients became drowsy.",
         {"pump_malfunction", "cns_adverse_effects"}),
    ],
)  # fmt: skip
def test_tolerance_withdrawal_and_a_pumps_error_told_by_their_signs(
    sentence: str, harms: set[str]
) -> None:
    assert set(in_results(sentence).ids("complication")) == harms


def test_a_dose_raised_on_purpose_is_no_tolerance() -> None:
    text = "During the test infusion the dose was gradually increased to 108 ug/day."
    assert "tolerance" not in in_results(text).ids("complication")


def test_outcomes_listed_before_one_verb_are_each_measured() -> None:
    found = in_results("Pain, spasticity and quality of life significantly improved in three.")
    assert {"pain", "spasticity", "quality_of_life"} <= set(found.ids("outcome"))


@pytest.mark.parametrize(
    ("text", "population"),
    [
        ("Methods: Wir behandelten 12 Patienten mit schwerer Spastizität nach Schädigung des "
         "Gehirns oder Rückenmarks.", {"acquired_brain_injury", "spinal_cord_injury"}),
        ("Métodos: Tratamos 10 niños con parálisis cerebral distónica.",
         {"cerebral_palsy", "dystonia"}),
        ("Metodi: 14 pazienti con lesioni midollari sono stati trattati.", {"spinal_cord_injury"}),
    ],
)  # fmt: skip
def test_populations_named_in_other_languages(text: str, population: set[str]) -> None:
    assert population <= set(tag(text).ids("indication"))


def test_an_effect_on_spasticity_said_in_german_is_an_outcome() -> None:
    text = (
        "Ergebnisse: Die Position des Katheters in Höhe Th 5 hatte einen positiven Einfluss auf "
        "die Behandlungseffizienz der Spastik der oberen Extremitäten."
    )
    assert "spasticity" in tag(text).ids("outcome")


def test_the_group_said_to_be_all_included_is_the_studys_not_the_wider_pool() -> None:
    text = (
        "Methods: Since 1995, 120 adults were followed in our unit for ITB. The 57 adults still "
        "on the therapy in June 2020 were all included in the study."
    )
    assert n(text) == 57


def test_all_included_in_the_analysis_is_a_part_and_leaves_the_count_alone() -> None:
    text = (
        "Methods: 30 children were enrolled in the trial. The 24 children who completed it were "
        "all included in the analysis."
    )
    assert n(text) == 30


def test_a_bodily_function_disorder_that_appeared_is_a_harm_not_an_outcome() -> None:
    text = "Results: After implantation, bladder function disorders appeared in two men."
    assert "autonomic" not in in_results(text).ids("outcome")
    text = "Résultats : après l'implantation, des troubles de l'éjaculation sont apparus."
    assert "autonomic" not in in_results(text).ids("outcome")
    assert "autonomic" in in_results("Bladder function improved in five.").ids("outcome")


def test_spasticity_among_the_data_collected_is_an_outcome() -> None:
    text = (
        "Methods: We reviewed 31 charts. Data were recorded retrospectively: daily doses, "
        "spasticity, pump refills and adverse events."
    )
    assert "spasticity" in tag(text).ids("outcome")


def test_an_aim_by_the_cause_of_spasticity_compares_diagnostic_groups() -> None:
    text = (
        "Objective: To describe, overall and according to the etiology of spasticity, how ITB "
        "doses changed. Methods: Charts of 52 adults were reviewed."
    )
    assert design(text) == "cohort"


@pytest.mark.parametrize(
    ("title", "text", "expected", "count"),
    [
        ("Pompe à baclofène chez une femme tétraplégique : à propos d'un cas",
         "Nous rapportons l'évolution d'une patiente de 40 ans traitée par baclofène "
         "intrathécal.", "case_report", 1),
        ("Baclofeno intratecal en la distonía: a propósito de un caso",
         "Presentamos la evolución clínica tras el implante de la bomba.", "case_report", 1),
        ("Baclofeno intratecal na lesão medular",
         "Objetivos: Avaliar os resultados. Métodos: Estudo retrospectivo dos doentes seguidos "
         "na consulta de reabilitação.",
         "case_series", None),
    ],
)  # fmt: skip
def test_designs_and_single_cases_named_in_other_languages(
    title: str, text: str, expected: str, count: int | None
) -> None:
    assert design(text, title=title) == expected
    assert n(text, title=title) == count


@pytest.mark.parametrize(
    ("text", "facet", "expected"),
    [
        ("Méthodes : 12 patients ont été traités. Résultats : les céphalées se sont majorées "
         "après l'implantation.", "complication", "cns_adverse_effects"),
        ("Métodos: 12 pacientes. Resultados: dos pacientes presentaron cefalea tras el "
         "implante.", "complication", "cns_adverse_effects"),
        ("Méthodes : 12 patients ont été traités. Résultats : amélioration du périmètre de "
         "marche et du schéma de marche.", "outcome", "motor_function"),
        ("Méthodes : 3 patients atteints d'une pathologie vasculaire cérébrale ont été traités.",
         "indication", "stroke"),
    ],
)  # fmt: skip
def test_harms_outcomes_and_populations_named_in_other_languages(
    text: str, facet: str, expected: str
) -> None:
    assert expected in tag(text).ids(facet)


def test_a_disease_the_background_says_the_therapy_is_known_to_help_is_no_population() -> None:
    text = (
        "Baclofen has been shown to relieve spasticity due to multiple sclerosis. Its effect on "
        "sleep is unknown. We therefore studied 11 patients with severe spasticity before and "
        "after pump implantation."
    )
    assert tag(text).ids("indication") == ["spasticity_unspecified"]
    # (an opening naming the disease of the setting, no claim of what is known, still does)
    text = (
        "ITB is a common treatment of spasticity in cerebral palsy. We describe four patients "
        "who showed scoliosis after pump insertion for the treatment of spasticity."
    )
    assert tag(text).ids("indication") == ["cerebral_palsy"]


def test_quality_of_life_written_in_capitals_is_an_outcome() -> None:
    assert "quality_of_life" in in_results("The QOL index improved after ITB.").ids("outcome")


def test_the_therapy_named_only_among_the_alternatives_to_another_is_no_record_of_it() -> None:
    text = (
        "Background: Botulinum toxin, intrathecal baclofen and oral muscle relaxants reduce "
        "spasticity but weaken the child. Methods: 20 children with spastic cerebral palsy "
        "underwent selective dorsal rhizotomy. Results: Ashworth scores fell."
    )
    assert not tag(text, title="Rhizotomy in spastic cerebral palsy").relevant
    text = (
        "Background: Intrathecal baclofen is an effective treatment of severe spasticity when "
        "oral drugs and botulinum toxin fail. Methods: We reviewed 40 implanted pumps. "
        "Results: Nine catheters failed."
    )
    assert tag(text, title="Drug pump complications in spasticity").relevant


def test_a_reply_letter_that_tells_its_own_few_patients_is_a_case_report() -> None:
    text = (
        "Sir, we read with interest the report of pump stalls after MRI. We have seen three "
        "such patients in our clinic; all had pruritus and rebound spasms until the pump "
        "restarted."
    )
    assert design(text, title="Letter: pump stalls after MRI") == "case_report"
    text = (
        "Sir, we read with interest the report by Smith et al. of two patients whose pumps "
        "stalled after MRI. Their conclusion that scans are unsafe goes too far."
    )
    assert design(text, title="Letter: pump stalls after MRI") == "other"


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("After a sudden stop of the infusion she had fever and itching.", "withdrawal"),
        ("Respirations slowed to five per minute after the test bolus.", "respiratory_depression"),
        ("Doses were raised again and again, from 150 to 700 ug/day, to keep the effect.",
         "tolerance"),
    ],
)  # fmt: skip
def test_withdrawal_slowed_breathing_and_doses_raised_to_keep_the_effect(
    sentence: str, harm: str
) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_a_dose_raised_to_achieve_an_effect_is_a_titration_not_tolerance() -> None:
    text = "During the screening the dose was increased to achieve an effect on tone."
    assert "tolerance" not in in_results(text).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Hours needed for dressing and bathing fell by a third.", "caregiver_burden"),
        ("Feeding and toileting her son took less time, his mother said.", "caregiver_burden"),
        ("Hospital admissions for chest infections in children dropped by half.", "cost"),
        ("Bowel movements were regular within a month.", "autonomic"),
    ],
)  # fmt: skip
def test_care_time_admissions_and_regular_bowels_are_outcomes(sentence: str, outcome: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_a_problem_related_to_spasticity_that_fell_is_no_spasticity_outcome() -> None:
    text = "Emergency visits for spasticity-related problems dropped from 3 to 1 a year."
    assert "spasticity" not in in_results(text).ids("outcome")


@pytest.mark.parametrize(
    ("text", "population"),
    [
        ("Methods: 11 men with tetraplegia after cervical spine fractures were treated.",
         ["spinal_cord_injury"]),
        ("Methods: 8 adults with paraplegia following spinal trauma were implanted.",
         ["spinal_cord_injury"]),
        ("Methods: 9 patients with spinal cord lesions due to multiple sclerosis were treated.",
         ["multiple_sclerosis"]),
    ],
)  # fmt: skip
def test_a_paralysis_put_down_to_the_spine_is_a_spinal_cord_injury_an_ms_lesion_is_ms(
    text: str, population: list[str]
) -> None:
    assert tag(text).ids("indication") == population


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Methods: A questionnaire was posted to 240 parents; 151 returned it.", 151),
        ("Methods: 22 of the 30 patients approached agreed to take part.", 22),
        ("Methods: Of 1,900 patients in the registry, we studied the 212 who had stroke.", 212),
    ],
)  # fmt: skip
def test_respondents_those_who_agreed_and_the_part_the_authors_took_are_the_count(
    text: str, count: int
) -> None:
    assert n(text) == count


def test_an_implanted_group_is_counted_whole_though_a_part_had_the_follow_up() -> None:
    # (the real set counts the 141 implanted, not the 126 followed for a year)
    text = (
        "Methods: 90 adults were implanted; the 78 with at least a year of follow-up were analysed."
    )
    assert n(text) == 90


@pytest.mark.parametrize(
    "text",
    [
        "This review provides an overview and explores the role of GABA-B receptors in "
        "spasticity. We have also included evidence from animal models.",
        "This review examines the evidence from rat models for intrathecal baclofen in dystonia.",
        "The present overview gives a short summary of pump technology and animal models.",
    ],
)
def test_a_paper_that_says_what_it_does_as_a_review_is_a_review_whatever_animals_it_cites(
    text: str,
) -> None:
    assert design(text, "GABA-B receptors and spasticity") == "review"


def test_an_article_highlighting_advances_is_a_review_though_it_names_a_trial() -> None:
    text = (
        "The recent completion of a randomized trial in patients with CADASIL has shown that "
        "such trials are feasible. This article highlights some of the advances on cognition."
    )
    assert design(text, "Cognition in CADASIL") == "review"


@pytest.mark.parametrize(
    "closing",
    ["A large randomized controlled trial should follow.", "A randomized trial is recommended."],
)
def test_a_trial_asked_for_at_the_end_is_no_trial_of_the_records(closing: str) -> None:
    text = (
        "Thirty patients were allocated to two groups: the experimental group received robot "
        "training and the control group physiotherapy. Gait improved more with the robot. "
        + closing
    )
    assert design(text, "Robot-assisted gait practice after stroke") == "controlled_trial"


def test_a_groups_score_in_brackets_is_no_group_size() -> None:
    text = (
        "Objective: To assess a nootropic drug after stroke. Methods: In this randomized, "
        "double-blind trial, 200 patients with cognitive impairment were randomized 1:1 to the "
        "drug or a comparator. Results: After 6 months, the intervention group's score improved "
        "by 3.24 points, which was higher than that of the control group(2.30 points), and the "
        "MoCA score improved by 5.82 points, higher than that of the control group (4.76 points)."
    )
    assert n(text, "A trial of a nootropic drug after stroke") == 200
    results_alone = text[text.index("Results:") :]
    assert tag(results_alone, "A trial of a nootropic drug after stroke").sample_size is None


def test_trials_a_review_counts_are_no_participants() -> None:
    text = (
        "Objective: To evaluate occupational therapy after stroke. Research strategy: MEDLINE "
        "and PEDro were searched. Results: Two meta-analyses and four RCTs were identified. "
        "Three RCTs showed that patients receiving occupational therapy were more independent."
    )
    assert tag(text, "Occupational therapy after stroke: review").sample_size is None


def test_those_who_took_part_are_counted_by_whatever_word_names_them() -> None:
    survey = "A total of 2,701 Coloradoans participated in a telephone interview about injuries."
    assert n(survey, "Lifetime history of brain injury in the general population") == 2701
    sites = "Fifteen sites participated. Outcomes of rehabilitation were compared."
    assert tag(sites, "A survey of rehabilitation services").sample_size is None


def test_minipigs_are_animals_whatever_their_groups() -> None:
    text = (
        "Twelve male minipigs (8 protocol, 4 sham) were used. Minipigs were divided into four "
        "groups, six in each group, and infarct size was measured."
    )
    result = tag(text, "Ischemic postconditioning in minipigs")
    assert result.design.id == "other" and result.sample_size is None


def test_a_total_stated_as_such_is_the_n() -> None:
    survey = (
        "A survey was given to final-year occupational therapy (n = 23), speech therapy (21) "
        "and physiotherapy (20) students (64 in total). Most chose shared leadership."
    )
    assert n(survey, "Students' knowledge of the stroke team") == 64
    review = (
        "Objective: A systematic review. Data sources: PubMed, CINAHL and EMBASE were searched. "
        "Results: Twenty-eight papers presenting 25 studies were reviewed. The total number of "
        "participants was 423."
    )
    assert n(review, "Assistive technology after brain injury: a systematic review") == 423


def test_a_possessive_peoples_word_names_no_people() -> None:
    text = (
        "Families were recruited from the registry of 2 tertiary-care children's hospitals and "
        "then randomly assigned to online training (n = 20) or online resources (n = 21)."
    )
    assert n(text, "Online problem solving after brain injury in teens") == 41


def test_a_randomized_experimental_study_is_an_rct() -> None:
    text = (
        "A randomized experimental study was conducted of 62 patients walking with a cane "
        "in three conditions."
    )
    assert design(text, "Light touch cues with a cane after stroke") == "rct"


def test_a_control_group_counted_in_a_sentence_of_its_own_is_added_once() -> None:
    text = (
        "Design: Prospective observational study. Subjects: Adult patients on a stroke "
        "rehabilitation ward, 10 days to 3 months after stroke onset (n = 160). Age-matched "
        "controls (n = 156) were recruited from the community. Results: Patients had lower "
        "oxygen saturation than controls (n = 156)."
    )
    assert n(text, "Nocturnal hypoxia during stroke rehabilitation") == 316
    breakdown = (
        "Twenty-six patients were enrolled. They were randomly assigned to either a control "
        "(n = 12) or a treatment group (n = 14)."
    )
    assert n(breakdown, "Preconditioning before surgery") == 26


def test_a_single_case_study_has_one_participant_and_randomised_ordering_is_randomisation() -> None:
    single = "The study explores working memory after computerized training."
    result = tag(single, "White matter after stroke: a single case study of cognitive training")
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1
    ordered = (
        "We employed a single-subject ABA design with randomised ordering of interventions "
        "across two participants."
    )
    assert design(ordered, "Conversation therapy in two cases of aphasia") == "rct"


def test_a_random_selection_of_charts_is_the_studys_count() -> None:
    text = (
        "Methods: In 2010, 194 patients were admitted to the rehabilitation ward. A "
        "retrospective chart review was performed on a random selection of 50 charts."
    )
    assert n(text, "Co-morbidity and rehabilitation") == 50


def test_studies_a_review_included_are_no_participants() -> None:
    text = (
        "Background: This study systematically reviewed the literature on the age of patients "
        "in rehabilitation trials. Methods: All randomized trials of stroke rehabilitation in "
        "the Cochrane database were searched. Results: Of 241 RCTs identified, 182 were "
        "included in this review."
    )
    assert tag(text, "Ageism in stroke rehabilitation studies").sample_size is None


def test_a_group_compared_relative_to_matched_controls_is_added() -> None:
    text = (
        "Twenty participants with an acquired brain injury were found to be impaired relative "
        "to 20 matched control participants in interpreting scenarios."
    )
    assert n(text, "Mentalising after brain injury") == 40


# --- harms in records about another therapy, or none ---------------------------------------


@pytest.mark.parametrize(
    "abstract",
    [
        "Status epilepticus developed in two of the children.",
        "Mean age at onset of seizures was four years.",
        "Delirium was common in older patients after stroke.",
        "Eleven patients had died by the three-month visit.",
        "Incontinence and confusion were common among the residents.",
        "Grade 3 haematological toxicity occurred in 12 patients during radiotherapy.",
    ],
)
def test_a_harm_word_in_a_record_about_another_treatment_or_none_is_no_harm_by_itself(
    abstract: str,
) -> None:
    reported = f"Methods: 20 patients took part in an exercise programme. Results: {abstract}"
    assert tag(reported, title="A study in neurology").ids("complication") == []


@pytest.mark.parametrize(
    ("abstract", "harm"),
    [
        ("Adverse effects related to the study drug included fever and seizure.", "seizure"),
        ("Galantamine produced higher rates of gastrointestinal side-effects.", "gastrointestinal"),
        ("The active group had a small increase in dizziness and infections.", "infection"),
        ("Nausea was frequent in patients receiving temozolomide therapy.", "gastrointestinal"),
        ("Two patients suffered postoperative wound dehiscence.", "wound_complication"),
    ],
)
def test_a_harm_said_to_be_a_treatments_is_tagged_in_a_record_about_another_therapy(
    abstract: str, harm: str
) -> None:
    reported = f"Methods: We treated 20 patients. Results: {abstract}"
    assert harm in tag(reported, title="A trial in neurology").ids("complication")


def test_a_harm_word_in_a_record_naming_a_spinal_route_follows_the_intrathecal_rules() -> None:
    abstract = "Methods: We treated 20 patients. Results: Tolerance was seen in all patients."
    title = "Intraspinal morphine for cancer pain"
    assert "tolerance" in tag(abstract, title=title).ids("complication")


def test_a_respiratory_rate_below_ten_or_shallow_breathing_is_respiratory_depression() -> None:
    for sentence in (
        "After the bolus his respiratory rate dropped to 7 breaths per minute.",
        "She was somnolent with a respiratory rate of 5/min.",
        "One boy had shallow respirations for two hours after the refill.",
    ):
        assert "respiratory_depression" in in_results(sentence).ids("complication"), sentence
    normal = in_results("The respiratory rate was 18/min and oxygen saturation 97%.")
    assert "respiratory_depression" not in normal.ids("complication")


def test_a_harm_more_frequent_in_the_oral_group_is_the_comparators() -> None:
    result = in_results(
        "Somnolence (9 vs 2) was more frequent in the oral group; in the intrathecal group "
        "one patient had a CSF leak."
    )
    assert result.ids("complication") == ["csf_leak"]
    assert any(
        m.id == "cns_adverse_effects" and m.qualifier == "comparator" for m in result.mentions
    )


def test_a_list_of_care_tasks_made_easier_is_ease_of_care() -> None:
    result = in_results("Parents described easier bathing, toileting and nursing at home.")
    assert "caregiver_burden" in result.ids("outcome")


def test_two_modes_of_delivery_compared_in_records_looked_back_on_are_a_cohort() -> None:
    abstract = (
        "We reviewed the charts of 90 patients: 50 had a bolus test and 40 a continuous "
        "infusion test. Response rates were compared."
    )
    title = "Comparison of bolus and continuous infusion screening for intrathecal baclofen"
    assert design(abstract, title=title) == "cohort"
    prospective = (
        "Twelve patients received a comparison of continuous and bolus modes of delivery, "
        "each for two weeks."
    )
    assert design(prospective) == "controlled_trial"


def test_health_service_records_linked_for_the_study_are_a_database_study() -> None:
    for abstract in (
        "Hospital episode data for 412 adults implanted with a pump were analysed.",
        "Patients were identified through record linkage between the national pump register "
        "and the prescription register; 300 adults were included.",
    ):
        assert design(abstract) == "cohort", abstract


def test_a_harm_named_only_as_an_item_the_records_were_reviewed_for_is_no_tag() -> None:
    listed = tag(
        "The charts of 35 adults were reviewed for the screening dose, the surgical technique "
        "and pump-related complications. Spasm scores fell in 30 patients."
    )
    assert listed.ids("complication") == []
    assert any(m.qualifier == "looked_for" for m in listed.mentions if m.facet == "complication")
    told = tag(
        "The charts of 35 adults were reviewed for the surgical technique and wound infection. "
        "A wound infection occurred in two patients."
    )
    assert told.ids("complication") == ["infection"]


def test_a_harm_of_patients_the_authors_reviewed_happened() -> None:
    result = tag("We reviewed the records of 40 patients who developed a pump pocket infection.")
    assert result.ids("complication") == ["infection"]


def test_a_bleed_inside_the_spinal_canal_is_no_wound_complication() -> None:
    spinal = in_results("One patient had a large lumbosacral subdural hematoma after the trial.")
    assert "wound_complication" not in spinal.ids("complication")
    pocket = in_results("One patient had a pocket hematoma that resolved.")
    assert pocket.ids("complication") == ["wound_complication"]


def test_the_cause_named_after_a_hypothetical_harm_is_hypothetical_too() -> None:
    result = tag(
        "Case report: A 70-year-old woman had her pump rotate. Its prompt management can "
        "prevent an urgent situation such as acute withdrawal syndrome after sudden "
        "interruption of baclofen delivery."
    )
    assert "withdrawal" not in result.ids("complication")
    happened = in_results(
        "Withdrawal syndrome after sudden interruption of delivery occurred twice."
    )
    assert happened.ids("complication") == ["withdrawal"]


def test_keywords_set_apart_by_dashes_are_read_one_by_one() -> None:
    _, extra = split_abstract(
        "Conclusion: Rotation is rare. Key words: spasticity - pump systems \u2013 withdrawal "
        "syndrome - case report"
    )
    assert extra["keywords"] == ["spasticity", "pump systems", "withdrawal syndrome", "case report"]
    negated = tag(
        "Case report: A 70-year-old woman had her pump rotate. No baclofen withdrawal syndrome "
        "occurred. Key words: spasticity - pump failure - withdrawal syndrome - case report"
    )
    assert "withdrawal" not in negated.ids("complication")


def test_an_age_opening_the_case_without_an_article_is_one_patient() -> None:
    for abstract in (
        "Case report: Seventy-four-years-old female suffered from spasticity after spinal cord "
        "injury. She underwent implantation of a pump.",
        "45-year-old man presented with fever after a pump refill. This case shows the risk.",
    ):
        assert n(abstract, title="Early rotation of a baclofen pump: a case report") == 1, abstract
    assert n("The 40-year-old patients were compared with 38 younger ones.") != 1


def test_what_a_case_is_likened_to_did_not_happen_but_its_named_cause_did() -> None:
    likened = tag(
        "Case presentation: We present the case of a nine-year-old boy with status dystonicus "
        "resembling the intrathecal baclofen withdrawal syndrome.",
        title="Status dystonicus: a case report",
    )
    assert "withdrawal" not in likened.ids("complication")
    caused = tag(
        "We describe a 10-year-old girl with cerebral palsy who developed dystonia resembling "
        "status epilepticus following acute intrathecal baclofen withdrawal.",
        title="A prolonged dystonic episode: a case report",
    )
    assert caused.ids("complication") == ["withdrawal"]


def test_a_harm_the_case_is_said_to_be_rather_than_is_no_harm() -> None:
    result = tag(
        "Case presentation: A nine-year-old boy on intrathecal baclofen had a severe dystonic "
        "episode. We think that, "
        "rather than representing a true physiological withdrawal syndrome, such episodes are "
        "status dystonicus.",
        title="A dystonic episode: a case report",
    )
    assert "withdrawal" not in result.ids("complication")


def test_difficulty_in_speaking_and_swallowing_is_a_speech_and_swallowing_harm() -> None:
    result = in_results("After the catheter kinked, one girl had difficulty in swallowing.")
    assert "speech_swallowing" in result.ids("complication")


def test_a_leak_being_repaired_happened_and_is_the_case_reports_headache() -> None:
    result = tag(
        "Case presentation: A 45-year-old man with multiple sclerosis presented with symptoms "
        "of intra-cranial hypotension after pump insertion. Due to the nature of his symptoms, "
        "surgical repair of the cerebrospinal fluid leak was performed. He later had an "
        "increasingly severe headache.",
        title="Headache after an intrathecal baclofen pump: a case report",
    )
    assert result.ids("complication") == ["csf_leak"]


def test_the_treatment_goals_of_a_disease_in_general_are_no_outcomes_of_a_case() -> None:
    result = tag(
        "Hereditary spastic paraparesis causes a gait disorder. The treatment goal is "
        "symptomatic: to increase the patient's quality of life. This report shares a case "
        "that showed marked improvement in gait after intrathecal baclofen.",
        title="Gait after intrathecal baclofen in hereditary spastic paraparesis: case report",
    )
    assert "quality_of_life" not in result.ids("outcome")
    assert "motor_function" in result.ids("outcome")


def test_spasticity_beside_another_things_reduction_is_no_spasticity_outcome() -> None:
    described = in_results(
        "Patients with upper limb spasticity and reduced arm function received training."
    )
    assert "spasticity" not in described.ids("outcome")
    measured = in_results("Spasticity was markedly reduced at six months.")
    assert "spasticity" in measured.ids("outcome")


def test_tubing_problems_are_catheter_complications() -> None:
    result = in_results("Complications included tubing problems in two patients.")
    assert result.ids("complication") == ["catheter_complication"]


def test_a_finding_cited_by_author_and_year_names_no_population_or_harm_of_the_study() -> None:
    result = tag(
        "Intrathecal baclofen has been associated with seizures in patients with multiple "
        "sclerosis (Schuele, 2004). The goal of our study was to investigate intrathecal "
        "baclofen in 42 children with cerebral palsy; spasm scores fell in 30."
    )
    assert result.ids("indication") == ["cerebral_palsy"]
    assert "seizure" not in result.ids("complication")


def test_events_the_next_sentence_puts_down_to_another_cause_are_no_harm() -> None:
    unrelated = in_results(
        "Two patients had new seizures after pump implantation. These events were felt to be "
        "unrelated to the therapy."
    )
    assert "seizure" not in unrelated.ids("complication")
    related = in_results("Two patients had new seizures after pump implantation.")
    assert related.ids("complication") == ["seizure"]


def test_a_design_named_a_retrospective_chart_review_and_no_more_is_a_case_series() -> None:
    abstract = (
        "Design: Retrospective chart review. Participants: Thirty-four subjects. We recorded "
        "risk factors for autonomic dysreflexia before and after pump implantation."
    )
    assert design(abstract) == "case_series"


def test_data_obtained_from_a_database_make_a_database_study() -> None:
    abstract = (
        "The goal of our study was to investigate the effect of intrathecal baclofen on "
        "seizure frequency. Data were obtained from the pediatric neurosurgery intrathecal "
        "baclofen database. Forty-two children were followed for a median of 38 months."
    )
    assert design(abstract) == "cohort"


def test_spasticity_said_to_be_controlled_is_an_outcome_reported() -> None:
    result = in_results("With this treatment, the spasticity symptoms could be controlled.")
    assert "spasticity" in result.ids("outcome")


def test_a_service_evaluation_that_reviews_its_own_patients_data_is_no_review() -> None:
    abstract = (
        "Introduction: Our clinic has cared for patients with severe spasticity since 2006. "
        "Methods: The Modified Ashworth Score was used to review the patient's level of "
        "spasticity. Results: We surveyed 62 patients for this audit; 47% were very satisfied."
    )
    result = tag(abstract)
    assert result.design.id == "case_series"
    assert result.sample_size is not None and result.sample_size.value == 62
    narrative = tag("This article reviews the current evidence on intrathecal baclofen.")
    assert narrative.design.id == "review"


def test_a_harm_whose_own_words_hold_a_modal_is_hypothetical() -> None:
    result = in_results(
        "Preoperative preparation is necessary, as the intrathecal catheter may be replaced "
        "during surgery. Spasticity remained well controlled."
    )
    assert "catheter_complication" not in result.ids("complication")
    replaced = in_results("The intrathecal catheter was replaced in two patients.")
    assert replaced.ids("complication") == ["catheter_complication"]


def test_a_condition_a_harm_led_to_is_no_population() -> None:
    result = tag(
        "Case report: We describe a patient with cerebral palsy and recurrent pump site "
        "empyema and meningitis leading to status dystonicus, managed with debridement."
    )
    assert result.ids("indication") == ["cerebral_palsy"]
    assert "infection" in result.ids("complication")
    treated = tag("Case report: We describe a boy with status dystonicus treated with a pump.")
    assert "dystonia" in treated.ids("indication")


def test_a_record_naming_no_intrathecal_therapy_has_no_comparator() -> None:
    title = "Fever after tapering of oral baclofen"
    oral = tag(
        "A man on oral baclofen for spasticity developed baclofen withdrawal with fever after "
        "his oral baclofen was tapered.",
        title=title,
    )
    assert "withdrawal" in oral.ids("complication")
    compared = tag(
        "We report a man treated with an intrathecal pump. Before implantation, he developed "
        "baclofen withdrawal when his oral baclofen was tapered."
    )
    assert "withdrawal" not in compared.ids("complication")


def test_outcome_words_inside_a_harms_own_words_are_no_outcome() -> None:
    result = in_results(
        "Two patients showed an impaired gait pattern because of excessive reduction of "
        "muscle tone."
    )
    assert "hypotonia_weakness" in result.ids("complication")
    assert "motor_function" not in result.ids("outcome")
    measured = in_results("Gait speed improved in twelve patients.")
    assert "motor_function" in measured.ids("outcome")


def test_an_indication_among_an_analysis_covariates_is_no_population() -> None:
    result = tag(
        "We reviewed the charts of children with spasticity of cerebral origin. Weight change "
        "was adjusted for age, sex, tube feeding, dystonia and other comorbidities."
    )
    assert "dystonia" not in result.ids("indication")
    treated = tag("We reviewed the charts of children with dystonia and spasticity.")
    assert "dystonia" in treated.ids("indication")


def test_the_class_of_a_disease_just_named_is_no_second_disease() -> None:
    result = tag(
        "Methods: We followed 12 patients with HSP after implantation. Hereditary spastic "
        "paraplegias (HSPs) are a heterogeneous group of neurodegenerative disorders of the "
        "corticospinal tract."
    )
    assert result.ids("indication") == ["hereditary_spastic_paraplegia"]
    listed = tag("We followed 12 patients with HSP and 3 with a neurodegenerative disease.")
    assert "neurodegenerative" in listed.ids("indication")


def test_spasticity_levels_compared_are_a_spasticity_outcome() -> None:
    result = tag(
        "Aims: changes in gait, as well as spasticity levels, compared to pre-surgery in 50 "
        "patients with hereditary spastic paraplegia."
    )
    assert "spasticity" in result.ids("outcome")


def test_what_a_condition_is_associated_with_in_general_is_background() -> None:
    result = tag(
        "Case report: A 35-year-old man with stroke developed fever. Central hyperthermia is "
        "associated with a high mortality rate and poor prognosis. The fever resolved with "
        "baclofen."
    )
    assert "death" not in result.ids("complication")
    finding = tag(
        "We followed 40 patients after implantation. Results: 3 patients died; implantation "
        "is associated with a mortality rate we found acceptable."
    )
    assert "death" in finding.ids("complication")


def test_sexual_function_is_no_autonomic_outcome() -> None:
    result = in_results("Eight patients reported a decrease of erection rigidity.")
    assert "autonomic" not in result.ids("outcome")
    bladder = in_results("Bladder function improved in eight patients.")
    assert "autonomic" in bladder.ids("outcome")


def test_a_survey_of_clinicians_counts_those_who_took_part_and_is_no_case_series() -> None:
    abstract = (
        "Objective: To evaluate current practice in intrathecal therapy. Design: Clinicians "
        "were recruited to an online survey. Results: Of the 250 practitioners who were "
        "contacted, 64 participated in the survey. Most used a programmable pump."
    )
    result = tag(abstract)
    assert result.sample_size is not None and result.sample_size.value == 64
    assert result.design.id == "other"
    patients = tag(
        "Results: Of the 250 patients who were contacted, 64 participated in the survey."
    )
    assert patients.design.id == "case_series"


def test_a_clinicians_field_and_satisfaction_are_no_patient_outcomes() -> None:
    result = tag(
        "Methods: 87 physicians answered a survey. Most had been practicing pain management "
        "for more than 10 years. Fewer than half of practitioners were satisfied with "
        "reimbursement."
    )
    assert "pain" not in result.ids("outcome")
    assert "satisfaction" not in result.ids("outcome")
    patients = in_results("Pain decreased and most patients were satisfied with the pump.")
    assert {"pain", "satisfaction"} <= set(patients.ids("outcome"))


def test_pain_interfering_with_daily_activities_is_no_daily_living_outcome() -> None:
    result = in_results(
        "Neuropathic pain decreased on the Brief Pain Inventory, as did the interference of "
        "neuropathic pain with activities of daily living."
    )
    assert "activities_daily_living" not in result.ids("outcome")
    assert "pain" in result.ids("outcome")
    daily = in_results("Activities of daily living improved on the Barthel index.")
    assert "activities_daily_living" in daily.ids("outcome")


def test_whom_the_therapy_should_be_offered_measures_nothing() -> None:
    result = in_results(
        "Gait speed improved. We conclude that patients with painful spasms should be offered "
        "treatment with baclofen."
    )
    assert "pain" not in result.ids("outcome")
    measured = in_results("Painful spasms decreased in twelve patients.")
    assert "pain" in measured.ids("outcome")


def test_groups_formed_by_a_level_of_a_measure_measure_nothing() -> None:
    result = in_results(
        "Ashworth scores fell. Comparing groups of patients in high and low levels of "
        "independent functional mobility, no significant differences were found."
    )
    assert "motor_function" not in result.ids("outcome")
    measured = in_results("Functional mobility improved in twelve patients.")
    assert "motor_function" in measured.ids("outcome")


def test_a_placebo_group_after_a_comma_is_summed_into_n() -> None:
    assert (
        n("Methods: Patients were randomized. Results: Eight patients received ITB, 5 placebo.")
        == 13
    )
    assert n("Results: Eight patients received ITB, 5 had complications.") == 8


def test_own_patients_with_a_review_of_reported_cases_are_a_case_series() -> None:
    result = tag(
        "We report on four patients and review reported cases treated by this method "
        "elsewhere. Doses of 500 to 2000 micrograms/day were effective in three patients.",
        title="Intrathecal baclofen in tetanus: four cases and a review of reported cases",
    )
    assert result.design.id == "case_series"
    assert result.sample_size is not None and result.sample_size.value == 4


def test_another_treatments_failure_to_control_a_symptom_measures_nothing() -> None:
    result = tag(
        "Case report: The patient received ITB following the failure of oral baclofen to "
        "control the spasms."
    )
    assert "spasticity" not in result.ids("outcome")
    controlled = tag("Case report: ITB controlled the spasms within two days.")
    assert "spasticity" in controlled.ids("outcome")


def test_deaths_counted_in_the_world_each_year_are_background() -> None:
    result = tag(
        "Case report: There are more than 800,000 deaths due to tetanus each year in the "
        "world. We present a 40-year-old man treated with intrathecal baclofen."
    )
    assert "death" not in result.ids("complication")
    dead = in_results("One patient died a year after implantation.")
    assert "death" in dead.ids("complication")
    ours = in_results("Deaths each year in our series numbered two.")
    assert "death" in ours.ids("complication")


def test_autonomic_instability_is_an_autonomic_outcome() -> None:
    result = in_results("Autonomic instability settled after implantation in eleven patients.")
    assert "autonomic" in result.ids("outcome")


def test_a_sentence_stating_inclusion_criteria_names_no_population() -> None:
    result = tag(
        "Objective: To find risk factors for hip surgery in children with cerebral palsy. "
        "Methods: Inclusion criteria were children with spastic or mixed spastic/dystonic "
        "cerebral palsy and a 5-year follow-up. Results: We identified 34 patients."
    )
    assert result.ids("indication") == ["cerebral_palsy"]


def test_a_fatal_cardiac_arrest_is_no_hypoxic_brain_injury() -> None:
    result = tag(
        "Case report: Two patients with spasticity after brain injury had bradycardia after "
        "a test bolus; both suffered fatal cardiac arrest months later."
    )
    assert "hypoxic_brain_injury" not in result.ids("indication")
    assert "death" in result.ids("complication")
    survived = tag("We treated 12 patients with spasticity after cardiac arrest.")
    assert "hypoxic_brain_injury" in survived.ids("indication")


# --- the twenty-eighth session: design and N on text of other topics ------------------------


@pytest.mark.parametrize(
    "abstract",
    [
        "Twenty-four patients received mirror therapy with conventional rehabilitation for "
        "four weeks, and 22 patients on another ward received conventional rehabilitation "
        "alone and served as controls. Motor function was assessed before and after.",
        "An intervention group of 18 patients listened to music daily, whereas a control group "
        "of 17 patients received no listening material. Mood was measured before and after.",
        "Patients in unit A were mobilised within 24 hours, while patients in unit B received "
        "standard care during the same period.",
        "Patients admitted in 2019 were allocated to constraint-induced therapy (n = 12) and "
        "those admitted in 2020 to standard therapy (n = 11).",
        "Thirty patients were assigned alternately to virtual reality training or to "
        "conventional balance exercises for 6 weeks.",
        "Patients underwent either robot-assisted gait training (n = 25) or conventional "
        "physiotherapy (n = 25) according to device availability.",
    ],
)
def test_an_intervention_beside_usual_care_given_at_the_same_time_is_a_controlled_trial(
    abstract: str,
) -> None:
    # the manual's step 3: a concurrent comparison without stated randomisation
    assert design(abstract) == "controlled_trial"


def test_treated_and_untreated_groups_looked_back_on_are_a_cohort() -> None:
    # the same comparison read in records afterwards is observational (the manual's cohort)
    abstract = (
        "We retrospectively reviewed the radiographs of 40 children treated with intrathecal "
        "baclofen and 40 children who received conventional treatment, matched for age."
    )
    assert design(abstract) == "cohort"


def test_a_control_group_of_animals_given_nothing_stays_an_animal_study() -> None:
    abstract = (
        "Twenty rats underwent ischaemia; the control group received no preconditioning. "
        "Infarct size was measured."
    )
    assert design(abstract) == "other"


def test_patients_assigned_randomly_are_randomised() -> None:
    abstract = "Patients were assigned randomly to rate control or rhythm control drugs."
    assert design(abstract) == "rct"
    assert design("Patients were assigned to rate control or rhythm control drugs.") != "rct"


def test_cohort_studies_named_in_the_plural_are_the_literatures() -> None:
    # "The majority of cohort studies demonstrate": cited papers, not the record's design
    review = (
        "Few elderly patients have been included in randomized trials of thrombolysis. The "
        "majority of cohort studies demonstrate that older patients do worse. In this "
        "article, we review the literature regarding thrombolysis in patients over 80."
    )
    assert design(review) == "review"
    assert design("This prospective cohort study followed 120 adults for two years.") == "cohort"


def test_in_this_article_we_review_names_the_paper_a_review() -> None:
    abstract = (
        "Stroke is common in older adults. Registry studies suggest a poorer outcome. In this "
        "article, we review the evidence on rehabilitation after the age of 80."
    )
    assert design(abstract) == "review"
    # a case report that reviews the literature beside its case stays a case report
    assert design("We report a case of baclofen withdrawal and review the literature.") == (
        "case_report"
    )


def test_rats_randomly_divided_are_an_animal_study_with_no_participants() -> None:
    # the count's own words are animals ("36 adult male SD rats"): no people were counted
    abstract = (
        "Methods: 36 adult male SD rats were randomly divided into 3 groups (12 each): control "
        "group, ischaemia-reperfusion group and sevoflurane group. Infarct size was measured."
    )
    result = tag(abstract, title="Sevoflurane preconditioning against myocardial injury")
    assert result.design.id == "other"
    assert result.sample_size is None


def test_a_count_of_pts_is_a_count_of_patients() -> None:
    assert n("Methods: Investigators enrolled 205 pts. with persistent atrial fibrillation.") == (
        205
    )


def test_a_number_in_words_with_its_figures_in_brackets_is_read() -> None:
    assert n("Methods: One hundred and twelve (112) adults were included.") == 112
    assert n("Methods: Twenty-four (24) children with cerebral palsy were included.") == 24


@pytest.mark.parametrize(
    ("abstract", "count"),
    [
        ("Methods: Forty participants who reported regular exercise and 38 who did not "
         "completed the Berg Balance Scale.", 78),
        ("We compared clinical characteristics of 55 stroke patients who developed aspiration "
         "pneumonia with 110 who did not.", 165),
        ("An intervention group of 18 patients listened to music daily, whereas a control group "
         "of 17 patients received no listening material.", 35),
    ],
)  # fmt: skip
def test_a_second_group_told_by_the_firsts_clause_negated_or_as_a_control_group_is_summed(
    abstract: str, count: int
) -> None:
    # the manual sums stated groups
    assert n(abstract) == count


def test_those_who_did_not_respond_among_the_counted_stay_a_part() -> None:
    assert n("Of 40 patients, 28 responded and 12 who did not were offered surgery.") != 52


def test_the_group_measures_were_evaluated_in_is_the_studys() -> None:
    abstract = (
        "Cognitive function and outcome were evaluated in 68 patients with pontine infarction. "
        "Twenty-three patients were on a regular diet at discharge."
    )
    assert n(abstract) == 68
    # one marker measured in a part of them is no such group
    marker = (
        "Methods: We enrolled 237 patients with glioblastoma. Results: IDH1 was assessed in "
        "100 patients and was mutated in 6%."
    )
    assert n(marker) == 237


def test_the_elderly_counted_are_participants() -> None:
    assert n("Methods: A total of 310 randomly selected elderly formed the baseline.") == 310


def test_patients_who_presented_to_the_service_are_the_series() -> None:
    abstract = (
        "Results: Seven patients presented to our service, six of them were males. The 3 "
        "patients with total blindness were discharged to a nursing facility."
    )
    assert n(abstract) == 7


def test_a_review_of_what_animal_models_show_is_a_review() -> None:
    abstract = (
        "The purpose of this review article is to evaluate the utilization of animal models "
        "for the development of drugs targeting vasospasm."
    )
    assert design(abstract) == "review"


def test_a_persons_case_beside_animal_models_of_the_literature_is_a_case_report() -> None:
    abstract = (
        "Presents a case report of an 88-year-old man with gradual cognitive deterioration. "
        "An association with the drug has been suggested in animal models."
    )
    assert design(abstract) == "case_report"
    # "the patient" in paragraphs about a laboratory's scaffolds tells no case
    lab = (
        "Our lab focuses on porcine cardiac matrix as a scaffold in animal models. The scaffold "
        "may one day be implanted in the patient."
    )
    assert design(lab) != "case_report"


def test_a_design_word_is_denied_only_by_the_words_just_before_it() -> None:
    # "without depression" tells who the control group is; it does not deny the group
    compared = (
        "Methods: Eighty-five patients with depression were treated with fluoxetine and "
        "another 85 patients without depression were selected as the control group."
    )
    assert design(compared) == "cohort"
    assert n(compared) == 170
    assert design("Methods: Twenty patients were treated. There was no control group.") != (
        "cohort"
    )


def test_one_of_two_conditions_the_other_a_comparison_is_a_controlled_trial() -> None:
    abstract = (
        "Patients (n = 12) participated either in standardized training of attention "
        "regulation, or a comparison condition (brief education). (PsycINFO Database Record "
        "(c) 2012 APA, all rights reserved)"
    )
    # (an index's copyright line names no database study)
    assert design(abstract) == "controlled_trial"


def test_a_variant_predicted_to_abolish_a_function_is_no_predictor_analysis() -> None:
    abstract = (
        "We describe three individuals with epileptic encephalopathy. Exome sequencing found "
        "truncating mutations in DOCK7 that are predicted to abolish domains critical for its "
        "function."
    )
    assert design(abstract) == "case_report"


def test_a_case_report_with_a_test_of_the_patients_cells_in_vitro_is_a_case_report() -> None:
    abstract = (
        "Methods: Case report. Results: We report a 40-year-old woman with chorea. Complete "
        "absence of ATM activity was proven in vitro."
    )
    assert design(abstract) == "case_report"


def test_what_device_related_issues_include_is_what_may_go_wrong() -> None:
    case = (
        "A 38-year-old woman with multiple sclerosis presented with baclofen withdrawal. "
        "Device-related issues include improper programming, catheter-related issues, and "
        "rotor failure."
    )
    result = tag(case)
    assert "withdrawal" in result.ids("complication")
    assert "pump_malfunction" not in result.ids("complication")
    # issues counted in the patients happened
    counted = in_results("Technical issues included a catheter kink in 2 patients.")
    assert "catheter_complication" in counted.ids("complication")


def test_the_characteristics_tested_for_an_association_are_no_outcome() -> None:
    result = in_results(
        "No significant association between an adverse event and subject characteristics "
        "(age, gait capacity, spinal vs cerebral spasticity) was found."
    )
    assert "motor_function" not in result.ids("outcome")


def test_a_previous_spinal_fusion_is_what_the_patients_had() -> None:
    result = in_results(
        "Potential risk factors investigated included preoperative (i.e., gastrostomy tube, "
        "tracheostomy, previous spinal fusion) and postoperative factors. The infection rate "
        "was 9.8%."
    )
    assert "scoliosis_progression" not in result.ids("complication")


def test_scar_complications_are_wound_complications() -> None:
    result = in_results("Scar complications occurred in 4 patients after pump replacement.")
    assert "wound_complication" in result.ids("complication")


def test_tissue_in_an_organ_bath_is_a_laboratory_study() -> None:
    # (an abstract long enough to read as a review when no design word is found)
    abstract = (
        "Although calcium channel blockers are commonly used to control blood pressure and "
        "angina in coronary artery disease, clinical trials have associated their use with "
        "increased cardiovascular mortality. Recent evidence has implicated calcium entry "
        "during transient ischemia as a stimulus for ischemic preconditioning. We therefore "
        "hypothesized that clinical calcium channel blockade prevents preconditioning in "
        "human myocardium. Human atrial trabeculae were suspended in organ baths and force "
        "development was recorded during simulated ischemia and reperfusion. Preconditioning "
        "increased post-ischemic developed force, except in myocardium exposed to the drug."
    )
    assert design(abstract) == "other"


def test_a_meetings_report_is_other_and_its_attendees_no_participants() -> None:
    result = tag(
        "The XXII World Congress took place in Copenhagen. A total of 883 participants "
        "gathered to discuss the latest findings in the field.",
        title="Summaries of plenary symposia and oral sessions at the XXII World Congress of "
        "Psychiatric Genetics",
    )
    assert result.design.id == "other"
    assert result.sample_size is None


def test_patients_identified_as_responders_are_a_class_of_those_treated() -> None:
    abstract = (
        "Cognitive tests were administered for 80 patients with Alzheimer disease before and "
        "after 6 months of donepezil. In study 1, 35 patients were identified as responders."
    )
    assert n(abstract) == 80


def test_a_control_group_that_practiced_without_the_intervention_is_a_controlled_trial() -> None:
    abstract = (
        "Three groups of unimpaired participants trained with the movement broken down in "
        "three ways. A control group practiced the same number of movements, but experienced "
        "the target motion only."
    )
    assert design(abstract) == "controlled_trial"


def test_healthy_subjects_of_a_general_statement_make_no_comparison_group() -> None:
    abstract = (
        "Mental practice consists of rehearsing a movement. Recent clinical studies suggest "
        "that it can facilitate motor recovery after stroke. Though healthy subjects can "
        "easily learn to visualize a movement, brain-injured individuals may find it "
        "difficult. We tested this approach in two chronic stroke individuals, who improved "
        "after four weeks."
    )
    assert design(abstract) == "case_report"
    compared = (
        "We tested this approach in two chronic stroke individuals and 12 healthy subjects, "
        "who were compared."
    )
    assert design(compared) == "cohort"


# --- populations named as what spasticity comes from, others' patients, patients to come -----


@pytest.mark.parametrize(
    "sentence",
    [
        "Illnesses that commonly cause spasticity include stroke and multiple sclerosis.",
        "Common causes of spasticity are stroke and multiple sclerosis.",
        "Spasticity is a frequent feature of multiple sclerosis and stroke.",
        "Spasticity results from damage to the brain, such as stroke or multiple sclerosis.",
        "Conditions associated with spasticity, including multiple sclerosis and stroke, "
        "affect many people.",
        "Similar results have been reported in adults with stroke and multiple sclerosis.",
        "ITB is also used for spasticity of spinal origin, as in multiple sclerosis or stroke.",
        "ITB may also benefit adults with multiple sclerosis or stroke.",
        "Future studies should include patients with stroke and multiple sclerosis.",
    ],
)
def test_populations_named_in_general_or_elsewhere_are_not_who_was_treated(sentence: str) -> None:
    text = (
        "Methods: We reviewed the records of 34 children with cerebral palsy who received "
        f"intrathecal baclofen. Results: Spasticity decreased in the lower limbs. {sentence}"
    )
    assert tag(text).ids("indication") == ["cerebral_palsy"]


def test_a_population_named_beside_the_studys_own_data_is_still_who_was_treated() -> None:
    text = (
        "Methods: We reviewed 34 children with cerebral palsy. Results: Similar results were "
        "seen in our 5 adults with stroke."
    )
    assert "stroke" in tag(text).ids("indication")


# --- harms and outcomes as case reports and series word them ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Micturition difficulties requiring self-catheterisation developed in two women.",
         "urinary"),
        ("The catheter tip was found coiled in the subcutaneous tissue on fluoroscopy.",
         "catheter_complication"),
        ("The most frequent complication was a break in the tubing near the spinal anchor.",
         "catheter_complication"),
        ("Three patients had epileptic fits after implantation.", "seizure"),
        ("Spasticity returned despite repeated dose increases to 1,200 ug/day.", "tolerance"),
    ],
)  # fmt: skip
def test_harms_worded_as_case_reports_word_them_are_tagged(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Her spasms resolved and she could again sit in her wheelchair.", "motor_function"),
        ("He walked 200 m with crutches at the last visit.", "motor_function"),
        ("He was able to feed himself again.", "activities_daily_living"),
        ("Outcomes assessed included spasticity, motor function and pain.", "spasticity"),
    ],
)
def test_outcomes_worded_as_case_reports_and_lists_word_them_are_tagged(
    sentence: str, outcome: str
) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_a_walk_the_patient_could_not_do_is_no_motor_outcome() -> None:
    text = "Patients who could not walk 10 m unaided were excluded."
    assert "motor_function" not in in_results(text).ids("outcome")


def test_the_diseases_a_review_says_the_therapy_is_used_for_are_its_population() -> None:
    text = (
        "This review describes intrathecal baclofen therapy. ITB is widely used for severe "
        "spasticity in adults with multiple sclerosis and spinal cord injury. We discuss "
        "patient selection, screening and complications."
    )
    result = tag(text, title="Intrathecal baclofen: a review", types=("Review",))
    assert result.design.id == "review"
    assert result.ids("indication") == ["multiple_sclerosis", "spinal_cord_injury"]


def test_cases_published_before_are_no_participants_of_a_case_report() -> None:
    text = (
        "We report a 42-year-old man with spinal cord injury who developed fever and "
        "rhabdomyolysis after his pump reservoir ran empty. We review 27 similar cases "
        "published since 1990."
    )
    result = tag(text, title="Withdrawal mimicking sepsis", types=("Case Reports", "Review"))
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 1


@pytest.mark.parametrize(
    "text",
    [
        "This educational review covers the pharmacology of intrathecal baclofen and the "
        "management of the pump.",
        "Patients with pumps present for surgery. This concise review summarises the "
        "perioperative care of the pump.",
    ],
)
def test_a_review_that_names_itself_with_an_adjective_is_a_review(text: str) -> None:
    assert design(text, title="Intrathecal baclofen for the anaesthetist") == "review"


def test_a_chart_review_that_describes_its_patients_is_no_narrative_review() -> None:
    text = "Our single-centre retrospective review describes 40 patients treated with ITB."
    assert design(text) == "case_series"


@pytest.mark.parametrize(
    "text",
    [
        "We studied 45 children with a pump and 40 controls.",
        "Forty-five children with a pump and 40 children without a pump were assessed.",
    ],
)
def test_counted_controls_or_people_without_the_therapy_make_a_cohort(text: str) -> None:
    assert design(text) == "cohort"
    assert n(text) == 85


def test_controls_of_a_system_are_no_comparison_group() -> None:
    text = "We analyse a firm that has two security controls linked in series."
    assert design(text) != "cohort"


@pytest.mark.parametrize(
    ("text", "expected_n"),
    [
        ("Twenty patients received intrathecal baclofen and 20 controls received "
         "physiotherapy alone.", 40),
        ("Twenty patients received intrathecal baclofen and 20 controls had usual care.", 40),
    ],
)  # fmt: skip
def test_controls_given_their_own_care_beside_the_therapy_make_a_controlled_trial(
    text: str, expected_n: int
) -> None:
    assert design(text) == "controlled_trial"
    assert n(text) == expected_n


def test_controls_scanned_once_are_given_no_care_of_their_own() -> None:
    text = (
        "We studied 20 patients with OCD before and after therapy. Controls underwent only 1 scan."
    )
    assert design(text) != "controlled_trial"


def test_groups_named_each_with_in_are_summed() -> None:
    text = (
        "Body mass index was compared before and two years after implantation in 45 children "
        "with cerebral palsy and in 45 age-matched controls treated with oral medication."
    )
    assert n(text) == 90


def test_a_clause_of_its_own_after_and_in_is_a_part_not_a_group() -> None:
    text = "We implanted 40 pumps in 38 patients, and in 12 patients the catheter was tunneled."
    assert n(text) == 38


@pytest.mark.parametrize(
    "sentence",
    [
        "A 29-year-old man with C5 tetraplegia had received ITB for 8 years.",
        "A boy with sensory incomplete C1 quadriplegia was treated with ITB.",
        "Ten adults with spasticity, AIS A or B, received intrathecal baclofen.",
    ],
)
def test_a_cord_lesion_named_by_its_level_or_grade_is_a_spinal_cord_injury(sentence: str) -> None:
    assert "spinal_cord_injury" in tag(sentence).ids("indication")


def test_spastic_tetraplegia_named_without_a_level_is_no_spinal_cord_injury() -> None:
    text = "We report a girl with spastic tetraplegia due to cerebral palsy treated with ITB."
    assert "spinal_cord_injury" not in tag(text).ids("indication")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Overdose causes drowsiness and slow breathing.", "respiratory_depression"),
        ("She had two withdrawals when the pump battery reached its end of life earlier than "
         "expected.", "pump_malfunction"),
        ("Walking ability was lost in one patient after a dose increase.",
         "hypotonia_weakness"),
    ],
)  # fmt: skip
def test_harms_in_other_words_are_tagged(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_a_battery_replaced_at_the_end_of_its_life_is_no_malfunction() -> None:
    text = "Two pumps were replaced electively when the battery reached its end of life."
    assert "pump_malfunction" not in in_results(text).ids("complication")


def test_walking_lost_as_a_harm_is_no_motor_outcome() -> None:
    text = "Walking ability was lost in one patient because of excessive tone reduction."
    assert "motor_function" not in in_results(text).ids("outcome")


def test_fewer_spasms_are_a_spasticity_outcome() -> None:
    text = "Parents described fewer painful spasms at night."
    assert "spasticity" in in_results(text).ids("outcome")


def test_a_comparison_by_aetiology_is_a_cohort() -> None:
    text = (
        "We analysed the daily doses of 142 patients (68 with multiple sclerosis and 74 with "
        "spinal cord injury) followed for up to 15 years."
    )
    title = "Dose requirements of intrathecal baclofen: a comparison by aetiology"
    assert design(text, title=title) == "cohort"


def test_a_reviews_opening_disease_beside_other_causes_of_spasticity_is_its_population() -> None:
    text = (
        "Intrathecal baclofen is an accepted treatment for children with cerebral palsy and "
        "other causes of spasticity and dystonia. The aims of this review are to delineate the "
        "benefits in paediatric spasticity and dystonia and the complications of the therapy."
    )
    result = tag(text, title="Intrathecal baclofen in children: a practical approach")
    assert result.design.id == "review"
    assert "cerebral_palsy" in result.ids("indication")


@pytest.mark.parametrize(
    "text",
    [
        "We studied the dosing following a spinal fusion in pediatric neuromuscular scoliosis "
        "(NMS) patients with a pump.",
        "Spinal fusion after ITB pump placement is feasible and safe in 49 patients.",
    ],
)
def test_a_spinal_fusion_the_patients_underwent_is_no_scoliosis_progression(text: str) -> None:
    assert "scoliosis_progression" not in in_results(text).ids("complication")


def test_an_index_term_for_the_patients_own_scoliosis_is_no_harm() -> None:
    fields = {
        "abstract": [{"text": "We reviewed 400 children with cerebral palsy undergoing spinal "
                              "fusion surgery, 79 of them with a pump."}],
        "keywords": ["Scoliosis", "Spinal fusion"],
    }  # fmt: skip
    result = TAGGER.tag(tag_input("Pumps and spinal fusion surgery", "article", [fields]))
    assert "scoliosis_progression" not in result.ids("complication")


def test_a_measure_that_made_a_group_likelier_to_do_something_is_no_outcome() -> None:
    text = (
        "Male patients, those with larger pumps, and those that had a longer hospital stay were "
        "more likely to require a decrease in dose."
    )
    assert "cost" not in in_results(text).ids("outcome")


def test_a_measure_listed_among_a_groups_outcomes_is_an_outcome() -> None:
    text = (
        "These patients had longer lengths of stay, made slower progress and were more likely "
        "to be transferred to residential care."
    )
    assert "cost" in in_results(text).ids("outcome")


def test_individual_goals_as_the_measure_are_the_manuals_individually_rated_problems() -> None:
    text = "Clinical evaluation was made using individual goals and the modified Ashworth scale."
    assert "satisfaction" in in_results(text).ids("outcome")


@pytest.mark.parametrize(
    "sentence",
    [
        "The frequency and intensity of autonomic disorders decreased in all patients.",
        "Paroxysmal sympathetic hyperactivity improved promptly after implantation.",
    ],
)
def test_autonomic_disorders_that_lessened_are_an_autonomic_outcome(sentence: str) -> None:
    assert "autonomic" in in_results(sentence).ids("outcome")


def test_a_trial_catheter_replaced_by_an_implanted_system_is_a_planned_device_event() -> None:
    text = (
        "When this treatment was successful, the spinal catheter was removed and surgically "
        "replaced by another catheter connected to a subcutaneous pump."
    )
    assert "catheter_complication" not in in_results(text).ids("complication")


def test_athetoid_cerebral_palsy_is_cerebral_palsy_and_dystonia() -> None:
    text = "We report a 10-year-old girl with spastic quadriparesis and athetoid cerebral palsy."
    assert tag(text).ids("indication") == ["cerebral_palsy", "dystonia"]


def test_a_claim_under_the_papers_own_findings_label_is_its_finding() -> None:
    text = (
        "WHAT THIS PAPER ADDS: ITB is a feasible and safe therapy to improve comfort and daily "
        "care in children with metachromatic leukodystrophy."
    )
    assert "caregiver_burden" in tag(text).ids("outcome")
    text = "ITB is a feasible and safe therapy to improve comfort and daily care. We studied 9."
    assert "caregiver_burden" not in tag(text).ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Excessive dosing caused drowsiness in one patient.", "overdose"),
        ("Two children became very sleepy after the dose was increased.",
         "cns_adverse_effects"),
    ],
)  # fmt: skip
def test_excess_dosing_and_sleepiness_in_other_words_are_tagged(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_a_periods_last_year_is_no_groups_count() -> None:
    text = (
        "We identified 612 people with MS who received a baclofen pump between 2000 and 2019 "
        "and compared them with 2,448 registry patients of similar disability."
    )
    assert n(text) == 3060


def test_deaths_put_down_to_the_disease_past_a_figures_decimal_point_are_no_harm() -> None:
    text = (
        "Mortality was higher among pump recipients (adjusted hazard ratio 1.31), which the "
        "authors attribute to their more advanced disease."
    )
    assert "death" not in in_results(text).ids("complication")


def test_the_drug_stopped_to_undo_a_harm_is_no_withdrawal_syndrome() -> None:
    text = "In one patient, baclofen withdrawal was associated with a complete resolution of CSA."
    assert "withdrawal" not in in_results(text).ids("complication")
    text = "In one patient, baclofen withdrawal was associated with fever and rebound spasms."
    assert "withdrawal" in in_results(text).ids("complication")


def test_baclofen_infused_into_the_spinal_subarachnoid_space_is_on_topic() -> None:
    text = (
        "Children with cerebral palsy received baclofen by continuous infusion into the spinal "
        "subarachnoid space through an implanted system."
    )
    assert tag(text, title="Spinal drug delivery for spasticity in children").relevant


def test_a_group_followed_up_for_a_stated_time_is_a_cohort() -> None:
    text = (
        "Fourteen patients with multiple sclerosis were followed up clinically for a mean of "
        "62 months. Spasticity decreased in all patients."
    )
    assert design(text) == "cohort"


def test_more_patients_having_scoliosis_over_the_years_is_its_progression() -> None:
    text = "The proportion of children with scoliosis rose from 20% to 45% over ten years."
    assert "scoliosis_progression" in in_results(text).ids("complication")
    text = "Children with scoliosis were older than the others."
    assert "scoliosis_progression" not in in_results(text).ids("complication")


def test_a_harm_named_only_in_the_aims_list_is_no_event() -> None:
    text = (
        "Aim: we aimed to assess goal attainment, refills and pump-related complications. "
        "Methods: We followed 20 adults. Results: Goals were attained by 15; two had "
        "complications needing surgery."
    )
    assert "pump_malfunction" not in tag(text).ids("complication")
    text = (
        "Aim: we aimed to assess goal attainment and pump-related complications. Results: "
        "Pump-related complications occurred in 3 of 20 adults."
    )
    assert "pump_malfunction" in tag(text).ids("complication")


def test_what_a_groups_other_pumps_were_given_to_treat_is_no_outcome() -> None:
    text = "Of 30 patients, 24 had baclofen pumps and 6 had morphine pumps to treat cancer pain."
    assert "pain" not in in_results(text).ids("outcome")
    text = "Pain scores fell from 7 to 3 in the 6 patients with morphine pumps."
    assert "pain" in in_results(text).ids("outcome")


def test_the_coma_and_hematoma_of_the_brain_injury_itself_are_no_harms() -> None:
    text = (
        "A 40-year-old woman with a right temporal hemorrhage underwent hematoma evacuation; "
        "coma lasted for 3 weeks. An intrathecal baclofen pump was implanted a year later."
    )
    harms = tag(text).ids("complication")
    assert "overdose" not in harms and "wound_complication" not in harms
    assert "stroke" in tag(text).ids("indication")
    text = "After a bolus of 800 ug of intrathecal baclofen the patient fell into a coma."
    assert "overdose" in in_results(text).ids("complication")


def test_a_dose_written_per_daily_and_the_nociception_coma_scale_are_outcomes() -> None:
    text = "The pump delivered 90 ug/daily. The Nociception Coma Scale-Revised fell from 9 to 4."
    assert {"dose", "pain"} <= set(in_results(text).ids("outcome"))


def test_a_brain_injury_dated_from_the_trauma_is_traumatic() -> None:
    text = (
        "Three adults with very severe brain injury and spasticity received a pump 8 months "
        "after trauma."
    )
    assert "traumatic_brain_injury" in in_results(text).ids("indication")


def test_a_group_counted_in_brackets_and_the_group_compared_with_it_are_summed() -> None:
    text = (
        "Adults with multiple sclerosis who chose a pump (n = 19) were compared with 22 adults "
        "matched for disability who kept oral treatment."
    )
    assert n(text) == 41


def test_the_sedation_an_intensive_care_unit_needs_is_no_harm() -> None:
    text = "Sedation requirements fell once the infusion had started."
    assert "cns_adverse_effects" not in in_results(text).ids("complication")
    text = "Sedation occurred once the infusion had started."
    assert "cns_adverse_effects" in in_results(text).ids("complication")
    text = "Patients reported sedation, needs for care rose."
    assert "cns_adverse_effects" in in_results(text).ids("complication")


def test_the_length_of_an_intensive_care_stay_is_the_cost_outcome() -> None:
    text = "The length of intensive care unit stay was 12 days shorter than in the year before."
    assert "cost" in in_results(text).ids("outcome")


def test_shorter_survival_than_controls_is_death_as_a_harm() -> None:
    text = "Five-year survival was lower than in matched controls (72% vs 85%)."
    assert "death" in in_results(text).ids("complication")
    text = "Pump survival was lower in children than in adults."
    assert "death" not in in_results(text).ids("complication")


def test_words_that_rule_a_phrase_out_are_whole_words() -> None:
    # ("air transfers" are a journey's; a wheelchair's seating is the patient's)
    text = "Wheelchair seating improved in four children."
    assert "motor_function" in in_results(text).ids("outcome")
    assert "motor_function" not in in_results("Two air transfers were needed.").ids("outcome")


def test_the_pain_scales_of_children_who_cannot_say_it_are_pain() -> None:
    text = "r-FLACC and NCCPC-R scores were lower at six months."
    assert "pain" in in_results(text).ids("outcome")


def test_doses_given_a_day_in_words_or_compared_by_a_fraction_are_the_dose_outcome() -> None:
    assert "dose" in in_results("The pump delivered 95 micrograms a day at one year.").ids(
        "outcome"
    )
    text = "Adults with stroke received roughly twice the dose of those with multiple sclerosis."
    assert "dose" in in_results(text).ids("outcome")


def test_painful_spasms_that_stopped_are_pain_reported() -> None:
    text = "Painful cramps in the calves ceased in nine patients."
    assert "pain" in in_results(text).ids("outcome")


def test_a_reservoir_run_dry_and_a_replacement_alarm_come_early_are_pump_malfunctions() -> None:
    text = "The pump had run dry before the visit in one man."
    assert "pump_malfunction" in in_results(text).ids("complication")
    text = "One pump gave its elective replacement indicator prematurely, after 3 years."
    assert "pump_malfunction" in in_results(text).ids("complication")


def test_clear_fluid_gathered_at_a_wound_is_a_csf_leak() -> None:
    text = "Clear fluid leaked from the back incision for a week in one child."
    assert "csf_leak" in in_results(text).ids("complication")


def test_a_bolus_no_one_meant_to_give_is_an_overdose() -> None:
    text = "An inadvertent bolus at the refill visit left one man drowsy for a day."
    assert "overdose" in in_results(text).ids("complication")


def test_the_extensor_tone_a_patient_stood_on_lost_is_weakness() -> None:
    text = "Loss of useful extensor tone made standing transfers impossible in two women."
    assert "hypotonia_weakness" in in_results(text).ids("complication")


def test_a_paralysis_put_down_to_an_accident_or_to_spinal_trauma_is_a_cord_injury() -> None:
    text = "Eleven men with paraplegia after a motorcycle accident received a pump."
    assert "spinal_cord_injury" in tag(text).ids("indication")
    text = "Four adults had tetraplegia following blunt trauma to the cervical spine."
    assert "spinal_cord_injury" in tag(text).ids("indication")


def test_a_brain_injury_in_an_accident_named_before_it_is_traumatic() -> None:
    text = "Nine adults had spasticity after a road traffic accident with a severe brain injury."
    assert "traumatic_brain_injury" in tag(text).ids("indication")


def test_french_and_spanish_abstracts_name_populations_harms_and_outcomes_in_their_words() -> None:
    text = (
        "Étude rétrospective de 30 adultes : infirmité motrice cérébrale (12), sclérose en "
        "plaques (18). Trois patients sont décédés; deux ont eu des problèmes cutanés."
    )
    result = tag(text, title="Baclofène intrathécal chez l'adulte")
    assert "cerebral_palsy" in result.ids("indication")
    assert {"death", "wound_complication"} <= set(result.ids("complication"))
    text = (
        "Presentamos un paciente con lesión medular y sospecha de desarrollo de tolerancia al "
        "baclofeno intratecal; tras unas vacaciones de baclofeno se observó una mejoría "
        "clínica notable de la espasticidad."
    )
    result = tag(text, title="Baclofeno intratecal: caso clínico")
    assert "tolerance" in result.ids("complication")
    assert {"dose", "spasticity"} <= set(result.ids("outcome"))


def test_problems_with_dosing_are_no_dose_outcome() -> None:
    text = "Complications included catheter breaks (4) and problems with the dosage (3)."
    assert "dose" not in in_results(text).ids("outcome")


def test_causes_named_before_one_acquired_brain_injury_are_tagged_instead() -> None:
    text = (
        "We followed 11 adults with traumatic or hypoxic acquired brain injury after implantation."
    )
    assert {"traumatic_brain_injury", "hypoxic_brain_injury"} <= set(tag(text).ids("indication"))
    assert "acquired_brain_injury" not in tag(text).ids("indication")


def test_counts_of_patients_in_portuguese_and_italian_words_are_read() -> None:
    text = "Foram incluídos 12 doentes com esclerose múltipla e espasticidade grave."
    size = tag(text, title="Baclofeno intratecal na esclerose múltipla").sample_size
    assert size is not None and size.value == 12


def test_norwegian_and_czech_abstracts_name_harms_and_outcomes_in_their_words() -> None:
    text = (
        "20 pasienter med spinale spasmer forårsaket av traume fikk baklofenpumpe. De fleste "
        "har trengt økende doser; pasientene fikk lettere stell."
    )
    result = tag(text, title="Intratekal baklofen")
    assert "spinal_cord_injury" in result.ids("indication")
    assert "tolerance" in result.ids("complication")
    assert "caregiver_burden" in result.ids("outcome")
    text = (
        "U 12 dětí léčených intratekálním baklofenem došlo k uvolnění spasticity a bolesti "
        "ustoupily."
    )
    assert {"spasticity", "pain"} <= set(tag(text, title="Intratekální baklofen").ids("outcome"))


def test_counts_in_words_of_other_languages_are_read_where_no_other_count_is() -> None:
    text = (
        "A espasticidade é frequente. Três pacientes com lesão medular receberam baclofeno "
        "intratecal."
    )
    size = tag(text, title="Baclofeno intratecal").sample_size
    assert size is not None and size.value == 3
    text = (
        "La espasticidad es frecuente. Analizamos la historia clínica de dos pacientes con "
        "esclerosis múltiple."
    )
    size = tag(text, title="Baclofeno intratecal").sample_size
    assert size is not None and size.value == 2
    # (the Portuguese "dos", "of the", counts nothing; nor does an English "Once patients")
    text = "A espasticidade é frequente. A maioria dos doentes melhorou com baclofeno intratecal."
    assert tag(text, title="Baclofeno intratecal").sample_size is None
    text = "Spasticity is common. Once patients reached the target dose, spasms decreased."
    assert tag(text).sample_size is None


def test_walking_gained_and_mobility_by_where_it_is_done_are_motor_function() -> None:
    text = "Five began using their arms and 3 adults became ambulant after physical therapy."
    assert "motor_function" in in_results(text).ids("outcome")
    text = "Improvement was noted in pain, indoor and outdoor mobility and behaviour."
    assert "motor_function" in in_results(text).ids("outcome")
    # (walking lost is none)
    text = "Two children became non-ambulant after their spinal fusion."
    assert "motor_function" not in in_results(text).ids("outcome")


def test_a_rise_of_the_dose_needed_as_time_went_by_is_tolerance() -> None:
    text = "With time, a slight increase in daily dose (under 10%) was necessary in most patients."
    assert "tolerance" in in_results(text).ids("complication")
    text = "An increase in the daily dose was needed over time in 12 patients."
    assert "tolerance" in in_results(text).ids("complication")
    # (a titration's rise names no time)
    text = "During titration an increase in dose was necessary in 5 patients."
    assert "tolerance" not in in_results(text).ids("complication")


def test_the_people_a_spasticity_word_names_are_no_spasticity_outcome() -> None:
    text = (
        "ITB therapy in paediatric patients with hypertonia results in clinically significant "
        "improvements in average performance and performance satisfaction scores."
    )
    assert "spasticity" not in in_results(text).ids("outcome")
    assert "spasticity" in in_results("The hypertonia decreased in 15 children.").ids("outcome")


def test_the_therapys_use_at_large_in_round_figures_is_no_participant_count() -> None:
    text = (
        "Spasticity impairs movement. ITB therapy has been used in more than 1000 patients "
        "since its introduction in Japan. We present up-to-date information on ITB therapy."
    )
    assert n(text) is None
    assert design(text) != "case_series"
    # (the authors' own, in round figures, is still read where nothing else is)
    text = "We have treated more than 100 patients with ITB since its introduction at our centre."
    assert n(text) == 100


def test_children_who_had_goals_identified_are_those_a_goal_study_followed() -> None:
    text = (
        "Results: Twenty-five children had goals identified (mean age 11y), 19 had a diagnosis "
        "of cerebral palsy and 22 were at GMFCS level IV or V."
    )
    assert n(text) == 25


def test_the_other_patients_counted_after_a_group_are_a_part_of_it() -> None:
    text = (
        "A manually operated pump has been used to deliver baclofen intrathecally in 21 "
        "patients. Sixteen patients had a sustained benefit. In four other patients the "
        "treatment was effective in the short term only."
    )
    assert n(text) == 21
    # (a group added to one named is no part: "this patient and 30 other patients")
    text = "Scans were obtained from this patient and 30 other patients at baseline."
    assert n(text, title="A case of remission") == 30


def test_an_infection_suspected_then_disproved_by_sterile_cultures_is_no_harm() -> None:
    text = (
        "A man presented with a swelling over the pump. Infection was suspected and "
        "antibiotics were started, but aspiration yielded clear fluid and cultures were "
        "sterile."
    )
    assert "infection" not in tag(text, title="A pump pocket seroma").ids("complication")
    # (a suspicion confirmed stays a harm)
    text = "Infection was suspected and confirmed by positive cultures of the pump pocket."
    assert "infection" in tag(text, title="A pump pocket infection").ids("complication")


def test_harms_in_the_list_of_outcomes_a_trial_will_measure_are_no_events() -> None:
    text = (
        "This randomised trial will allocate 120 adults to intrathecal baclofen or best "
        "medical treatment. The primary outcome is the change in the Modified Ashworth Scale; "
        "secondary outcomes include pain, EQ-5D and adverse events such as infection and "
        "catheter malfunction."
    )
    result = tag(text, title="Intrathecal baclofen after brain injury: a trial protocol")
    assert not {"infection", "catheter_complication"} & set(result.ids("complication"))
    # (results told with their counts are events)
    text = "Adverse outcomes are infection in 3 patients and catheter malfunction in 2."
    assert "infection" in in_results(text).ids("complication")


def test_a_fit_named_by_its_kind_is_a_seizure() -> None:
    text = "A generalised tonic-clonic fit occurred on the third day of the infusion in a boy."
    assert "seizure" in in_results(text).ids("complication")


def test_a_battery_end_that_led_to_an_elective_replacement_is_no_pump_harm() -> None:
    text = "Battery depletion led to elective pump replacement in 12 patients after 6.8 years."
    assert "pump_malfunction" not in in_results(text).ids("complication")


def test_a_refills_concentration_changed_in_error_is_a_pump_harm() -> None:
    text = "One man was drowsy after a refill in which the concentration had been doubled in error."
    assert "pump_malfunction" in in_results(text).ids("complication")


def test_a_wheelchair_propelled_and_a_joints_passive_movement_are_motor_function() -> None:
    assert "motor_function" in in_results(
        "Six patients could again propel their own wheelchair."
    ).ids("outcome")
    assert "motor_function" in in_results(
        "Passive hip abduction increased by a mean of 15 degrees."
    ).ids("outcome")
    # (a wheelchair the patient cannot push is who was treated)
    assert "motor_function" not in in_results(
        "All were unable to propel a wheelchair before implantation."
    ).ids("outcome")


def test_carers_needing_less_time_and_tasks_of_care_made_easier_are_caregiver_burden() -> None:
    assert "caregiver_burden" in in_results(
        "Carers needed less time for washing and changing the patients."
    ).ids("outcome")
    assert "caregiver_burden" in in_results(
        "Parents found their children easier to bathe, dress and position."
    ).ids("outcome")


def test_stiffness_that_eased_is_a_spasticity_outcome() -> None:
    assert "spasticity" in in_results("Leg stiffness eased within a week.").ids("outcome")


def test_the_centres_that_answered_a_survey_are_no_participants() -> None:
    text = "A questionnaire was sent to 60 centres; 41 replied. Most offered bolus screening."
    assert n(text, title="A survey of intrathecal baclofen services") is None
    text = "A questionnaire was sent to 250 families; 152 replied."
    assert n(text, title="A survey of families") == 152


def test_causes_of_cord_and_brain_injury_named_in_plain_words_are_tagged() -> None:
    cases = {
        "We enrolled 17 adults with tetraparesis following a gunshot wound to the neck.": (
            "spinal_cord_injury"
        ),
        "Five patients with spasticity caused by a spinal cord tumour were treated.": (
            "spinal_cord_injury"
        ),
        "We included 12 patients with hemiparesis after intracerebral bleeding.": "stroke",
        "Twenty patients had spasticity after hypoxia of the brain.": "hypoxic_brain_injury",
        "All 22 participants had spastic diplegia of perinatal origin.": "cerebral_palsy",
    }
    for sentence, wanted in cases.items():
        assert wanted in tag(sentence).ids("indication"), sentence
    # (a spasticity's pattern with no origin named stays unspecified)
    assert "cerebral_palsy" not in tag("All 22 participants had spastic diplegia.").ids(
        "indication"
    )


def test_a_harm_is_not_put_down_to_another_cause_named_for_the_next_patient() -> None:
    text = (
        "One patient developed a wound dehiscence over the pump, and one died of pneumonia "
        "unrelated to the treatment."
    )
    result = in_results(text)
    assert "wound_complication" in result.ids("complication")
    assert "death" not in result.ids("complication")


def test_brain_injuries_with_each_kinds_count_in_brackets_are_both_tagged() -> None:
    text = "Twelve patients after traumatic (n = 7) or hypoxic (n = 5) brain injury were treated."
    result = tag(text, title="Intrathecal baclofen after severe brain injury")
    assert {"traumatic_brain_injury", "hypoxic_brain_injury"} <= set(result.ids("indication"))
    assert "acquired_brain_injury" not in result.ids("indication")


def test_the_spinal_fusion_a_study_is_of_and_a_corrected_curve_are_no_progression() -> None:
    text = (
        "We compared 28 children with a baclofen pump who underwent posterior spinal fusion "
        "with 56 children without a pump. Correction of the Cobb angle was similar."
    )
    result = tag(text, title="Spinal fusion in children with cerebral palsy and a baclofen pump")
    assert "scoliosis_progression" not in result.ids("complication")
    # (an operation needed during follow-up tells of a curve that progressed)
    text = "During follow-up, 3 children needed spinal fusion for progressive scoliosis."
    assert "scoliosis_progression" in in_results(text).ids("complication")


def test_harms_told_as_a_case_is_told_are_tagged() -> None:
    cases = {
        "A cloudy cerebrospinal fluid grew Staphylococcus epidermidis.": "infection",
        "The pump was found to have stopped.": "pump_malfunction",
        "He had a headache whenever he sat up, which resolved lying flat.": "csf_leak",
        "The boy became increasingly sleepy after each refill.": "cns_adverse_effects",
        "Dye injected through the port pooled in the soft tissues of the back.": (
            "catheter_complication"
        ),
        "Hallucinations appeared when the infusion was interrupted for surgery.": "withdrawal",
        "A bolus was given by a programming mistake.": "pump_malfunction",
        "Over the following year the dose had to be doubled twice.": "tolerance",
        "Fluid leaking from the back wound was positive for beta-2 transferrin.": "csf_leak",
    }
    for sentence, wanted in cases.items():
        assert wanted in in_results(sentence).ids("complication"), sentence


def test_a_death_beside_a_sound_pump_or_after_the_disease_progressed_is_none_of_the_therapys() -> (
    None
):
    for sentence in (
        "She died two weeks later from sepsis; the pump was working normally.",
        "Her underlying disease progressed and she died at home 4 years after implantation.",
    ):
        assert "death" not in in_results(sentence).ids("complication"), sentence
    assert "death" in in_results("She died two weeks after the refill.").ids("complication")


def test_without_takes_its_own_words_not_the_clause_a_verb_begins_after_them() -> None:
    text = "Itching without rash returned after the catheter slipped out of the intrathecal space."
    assert "catheter_complication" in in_results(text).ids("complication")
    # (what "without" takes stays negated)
    text = "Spasms settled without any catheter revision."
    assert "catheter_complication" not in in_results(text).ids("complication")


def test_outcomes_as_a_case_tells_them_are_tagged() -> None:
    cases = {
        "Bladder accidents stopped and she no longer needed pads.": "autonomic",
        "The family reported that he was happier and more relaxed.": "quality_of_life",
        "Writhing movements of the arms became much less frequent.": "dystonia_severity",
        "His speech became clearer as the dystonic spasms of the face eased.": (
            "dystonia_severity"
        ),
        "Hip abduction improved enough to allow catheterisation.": "motor_function",
        "The daily rate was settled at 450 micrograms after six weeks.": "dose",
    }
    for sentence, wanted in cases.items():
        assert wanted in in_results(sentence).ids("outcome"), sentence
    # (a dystonia's spasms are no spasticity; a disease's movements named as its feature, and
    # a happiness promised, are no outcomes)
    assert "spasticity" not in in_results(
        "His speech became clearer as the dystonic spasms of the face eased."
    ).ids("outcome")
    assert "dystonia_severity" not in in_results(
        "Two siblings had encephalomyopathy with choreoathetotic movements."
    ).ids("outcome")
    assert "quality_of_life" not in in_results(
        "Early treatment will in turn make them happier."
    ).ids("outcome")


def test_a_reviews_speech_that_may_deteriorate_and_tone_that_may_be_lost_are_its_risks() -> None:
    text = (
        "Speech and swallowing can deteriorate at high cervical catheter positions. Ambulant "
        "patients may lose the extensor tone they rely on for standing."
    )
    result = tag(text, title="Intrathecal baclofen therapy: a review", types=("Review",))
    assert {"speech_swallowing", "hypotonia_weakness"} <= set(result.ids("complication"))


def test_a_review_of_the_authors_own_service_is_a_study_of_their_patients() -> None:
    text = "All 67 people with multiple sclerosis implanted at our centre since 2006 were reviewed."
    result = tag(text, title="Intrathecal baclofen in multiple sclerosis: a 15-year service review")
    assert result.design.id == "case_series"
    assert result.sample_size is not None and result.sample_size.value == 67


def test_deaths_of_advancing_disease_and_a_dose_that_climbed_by_year_ten() -> None:
    text = (
        "The median dose climbed from 120 ug/day in the first year to 300 ug/day by year ten. "
        "Nineteen people died, all of advancing multiple sclerosis."
    )
    result = in_results(text)
    assert "tolerance" in result.ids("complication")
    assert "death" not in result.ids("complication")


def test_goals_reached_and_care_made_easier_as_carers_tell_it() -> None:
    assert "satisfaction" in in_results("Overall, 70% of goals were achieved.").ids("outcome")
    assert "caregiver_burden" in in_results("Parents described easier lifting and changing.").ids(
        "outcome"
    )
    assert "caregiver_burden" in in_results(
        "Nursing staff reported that washing, dressing and seating became easier."
    ).ids("outcome")


def test_a_reservoir_left_to_empty_is_a_missed_refill() -> None:
    text = "Her pump alarm was ignored and the reservoir emptied three days before admission."
    assert "pump_malfunction" in in_results(text).ids("complication")


def test_the_nausea_and_vomiting_of_a_csf_leak_are_the_leaks() -> None:
    text = "Twelve were readmitted for cerebrospinal fluid leak with headache and vomiting."
    result = in_results(text)
    assert "csf_leak" in result.ids("complication")
    assert "gastrointestinal" not in result.ids("complication")
    # (vomiting counted apart is a harm of its own)
    text = "Complications were CSF leaks (n = 3) and vomiting (n = 2)."
    assert "gastrointestinal" in in_results(text).ids("complication")


def test_groups_named_by_what_they_came_after_are_summed() -> None:
    text = "Doses were compared in 24 patients with spasticity after stroke and 36 after SCI."
    assert n(text) == 60
    assert n("Spasticity was assessed in 24 patients at baseline and 36 after 6 months.") == 24


def test_two_treatments_groups_counted_side_by_side_make_a_cohort() -> None:
    text = (
        "Adults with spinal cord injury on intrathecal (n = 45) or oral (n = 60) baclofen "
        "completed a side-effect questionnaire."
    )
    assert design(text, title="Side effects of baclofen after spinal cord injury") == "cohort"


def test_a_bladder_hard_to_empty_is_a_urinary_harm_and_spasm_control_spasticity() -> None:
    text = "Two patients had new difficulty emptying and started intermittent catheterisation."
    assert "urinary" in in_results(text).ids("complication")
    text = "Satisfaction with spasm control was higher with intrathecal treatment."
    assert "spasticity" in in_results(text).ids("outcome")


def test_a_spasticity_word_naming_people_is_judged_on_a_match_not_per_word() -> None:
    # (the rule of test_the_people_a_spasticity_word_names_are_no_spasticity_outcome, kept
    # when asked of the match: "patients with improved spasticity" still tells a change)
    text = "The number of patients with reduced spasticity rose to 15."
    assert "spasticity" in in_results(text).ids("outcome")


def test_a_negation_ends_where_and_opens_a_clause_of_its_own() -> None:
    text = "The fourth had no benefit and the pump was removed after a pocket infection."
    assert "infection" in in_results(text).ids("complication")
    # (a list of what was absent stays negated)
    text = "No infections or catheter problems and no deaths occurred."
    assert not in_results(text).ids("complication")


def test_the_tenth_draws_outcomes_and_pump_harm() -> None:
    assert "cost" in in_results(
        "Hospital admissions for spasticity-related problems were fewer in the pump group."
    ).ids("outcome")
    assert "dose" in in_results(
        "Children were randomised to a first test dose of 25 or 50 ug."
    ).ids("outcome")
    assert "spasticity" in tag(
        "This narrative review summarises its effects on tone, comfort and function.",
        title="Intrathecal baclofen in cerebral palsy: a review",
    ).ids("outcome")
    assert "pump_malfunction" in in_results(
        "The new pump had been primed with a concentration four times that of the old one."
    ).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Patients needed 20% less help from carers.", True),
        ("Caregivers reported easier transfers and dressing.", True),
        # a patient's own easier transfers are motor function, no carer's load
        ("Patients found transfers easier after implantation.", False),
    ],
)
def test_less_help_by_a_measure_and_tasks_carers_found_easier_are_caregiver_burden(
    sentence: str, expected: bool
) -> None:
    assert ("caregiver_burden" in in_results(sentence).ids("outcome")) is expected


@pytest.mark.parametrize(
    ("sentence", "outcome", "expected"),
    [
        ("Carers needed much less time for dressing.", "caregiver_burden", True),
        ("Caregivers spent 2 hours less per day on care.", "caregiver_burden", True),
        ("Four patients could walk short distances again.", "motor_function", True),
        ("Two patients could not walk again after the stroke.", "motor_function", False),
    ],
)
def test_care_time_lessened_by_a_measure_and_walking_again_are_outcomes(
    sentence: str, outcome: str, expected: bool
) -> None:
    assert (outcome in in_results(sentence).ids("outcome")) is expected


def test_less_help_needed_positioning_made_easier_and_a_pump_chosen_again() -> None:
    assert "caregiver_burden" in in_results("Most said they needed less help from others.").ids(
        "outcome"
    )
    assert "caregiver_burden" in in_results(
        "Physiotherapists rated positioning as easier in 24 children."
    ).ids("outcome")
    assert "satisfaction" in in_results("Of the patients, 85% would have the pump again.").ids(
        "outcome"
    )


@pytest.mark.parametrize(
    ("text", "harm"),
    [
        (
            "We reviewed the literature on intrathecal baclofen withdrawal. Its features "
            "include hyperthermia, rebound spasticity and seizures.",
            "seizure",
        ),
        (
            "We reviewed the literature on intrathecal baclofen withdrawal. Symptoms include "
            "hyperthermia, rebound spasticity and seizures.",
            "seizure",
        ),
        (
            "We describe an overdose of intrathecal baclofen after a refill. Signs included "
            "somnolence and respiratory depression.",
            "respiratory_depression",
        ),
    ],
)
def test_features_listed_after_a_sentence_naming_withdrawal_or_overdose_are_its_harms(
    text: str, harm: str
) -> None:
    assert harm in tag(text).ids("complication")


def test_features_listed_after_a_sentence_naming_a_disease_stay_the_diseases() -> None:
    text = (
        "Multiple sclerosis causes spasticity. Its features include fatigue, seizures and "
        "bladder dysfunction. We review intrathecal baclofen for spasticity."
    )
    assert "seizure" not in tag(text).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "harm", "expected"),
    [
        ("Swallowing became worse in one boy after implantation.", "speech_swallowing", True),
        ("Two patients had problems emptying the bladder.", "urinary", True),
        (
            "Adverse events were catheter-related in 9 patients and pump-related in 2.",
            "pump_malfunction",
            True,
        ),
        (
            "Of 30 complications, 10 were pump-related and 20 catheter-related.",
            "pump_malfunction",
            True,
        ),
        (
            "There were 14 device-related complications, 9 of them involving the catheter.",
            "catheter_complication",
            True,
        ),
        # the pump system, untyped: no pump harm (the manual's untyped device events)
        ("Pump-related events were recorded in 3 patients.", "pump_malfunction", False),
        # a wound at the catheter's entry is no catheter harm
        (
            "Two complications involved the catheter insertion site.",
            "catheter_complication",
            False,
        ),
    ],
)
def test_harms_worded_as_worse_as_problems_or_as_shares_of_the_complications(
    sentence: str, harm: str, expected: bool
) -> None:
    assert (harm in in_results(sentence).ids("complication")) is expected


@pytest.mark.parametrize(
    ("sentence", "outcome", "expected"),
    [
        ("Hospital stays were shorter (mean 3 vs 7 days).", "cost", True),
        ("Most patients were pleased with the result.", "satisfaction", True),
        ("Carers found lifting and bathing less strenuous.", "caregiver_burden", True),
        ("Independence in feeding and toileting increased.", "activities_daily_living", True),
        # the surgeons' own content is no patient's or carer's satisfaction
        ("The surgeons were pleased with the results.", "satisfaction", False),
        # a patient's own walking made less tiring is no carer's load
        ("Walking was less tiring for the patients.", "caregiver_burden", False),
    ],
)
def test_outcomes_worded_as_stays_as_pleased_as_less_strenuous_care_or_as_independence_in_tasks(
    sentence: str, outcome: str, expected: bool
) -> None:
    assert (outcome in in_results(sentence).ids("outcome")) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We argue that registries are needed.", "other"),
        ("Twenty patients were followed. A prospective registry is needed.", "case_series"),
        # the registry the study used stays a cohort's
        ("We analysed 1,200 patients of the national implant registry.", "cohort"),
    ],
)
def test_a_registry_or_cohort_called_for_is_no_design_of_the_study(
    text: str, expected: str
) -> None:
    assert design(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Twelve patients received bolus and then continuous infusion of intrathecal "
            "baclofen; tone was compared between the two modes.",
            "controlled_trial",
        ),
        # the modes compared in records looked back on: an observational comparison
        (
            "We retrospectively reviewed the charts of 40 patients. Bolus and continuous "
            "screening were compared in both modes.",
            "cohort",
        ),
    ],
)
def test_two_modes_of_delivery_compared_in_the_same_patients_are_a_controlled_trial(
    text: str, expected: str
) -> None:
    assert design(text) == expected


def test_a_tissues_tolerance_of_ischaemia_is_no_drug_tolerance() -> None:
    text = (
        "This article reviews preconditioning, which could explain tolerance to cerebral "
        "ischemia. Ischemic tolerance follows brief ischemia."
    )
    assert "tolerance" not in tag(text).ids("complication")
    assert "tolerance" in tag("This review discusses tolerance to intrathecal baclofen.").ids(
        "complication"
    )


def _with_index_term(term: str, as_mesh: bool) -> TagResult:
    fields: dict[str, object] = {
        "abstract": [{"text": "We report our experience with intrathecal baclofen in 30 adults."}]
    }
    if as_mesh:
        fields["mesh"] = [{"descriptor": term.split("/")[0], "ui": ""}]
    else:
        fields["keywords"] = [term]
    return TAGGER.tag(tag_input(ITB, "article", [fields]))


@pytest.mark.parametrize(
    ("term", "facet", "expected"),
    [
        ("Deglutition Disorders/chemically induced", "complication", "speech_swallowing"),
        ("Walking", "outcome", "motor_function"),
        ("Caregivers", "outcome", "caregiver_burden"),
        ("Drug Administration Schedule", "outcome", "dose"),
        ("Cerebrospinal Fluid Rhinorrhea", "complication", "csf_leak"),
    ],
)
def test_a_mesh_heading_written_as_a_keyword_tags_as_the_heading_does(
    term: str, facet: str, expected: str
) -> None:
    # RIS exports write MeSH headings as KW lines, qualifiers kept: a record read back from
    # one is tagged as the record it was written from
    assert expected in _with_index_term(term, as_mesh=True).ids(facet)
    assert expected in _with_index_term(term, as_mesh=False).ids(facet)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Catheter-related infections occurred in 2 patients.", ["infection"]),
        ("Two patients had a catheter related infection.", ["infection"]),
        # a list: the catheter's own harm and an infection beside it
        (
            "Complications were catheter malfunction, infection and CSF leak.",
            ["catheter_complication", "csf_leak", "infection"],
        ),
        ("Catheter-related problems occurred in 4 patients.", ["catheter_complication"]),
    ],
)
def test_a_catheter_related_infection_is_an_infection_no_mechanical_catheter_harm(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


def _from_ris(tmp_path: Path, text: str, kind: str = "article") -> TagResult:
    """Tag the one record of a RIS file holding TEXT, read as `itb import` reads it."""
    export = tmp_path / "export.ris"
    export.write_text(text, encoding="utf-8")
    (item,) = [i for i in read_records(decode_file(export), "ris", "x") if isinstance(i, RawRecord)]
    return TAGGER.tag(tag_input(str(item.fields["title"]), kind, [item.fields]))


def test_mesh_headings_of_an_ris_export_read_back_tag_as_they_did(tmp_path: Path) -> None:
    result = _from_ris(
        tmp_path,
        "TY  - JOUR\nTI  - Intrathecal baclofen in adults\n"
        "AB  - We report our experience with intrathecal baclofen in 30 adults.\n"
        "KW  - Deglutition Disorders/chemically induced\nKW  - Walking\nER  - \n",
    )
    assert "speech_swallowing" in result.ids("complication")
    assert "motor_function" in result.ids("outcome")


def test_a_registration_read_back_from_itbs_ris_keeps_its_planned_enrollment(
    tmp_path: Path,
) -> None:
    result = _from_ris(
        tmp_path,
        "TY  - RPRT\nTI  - ITB registry in MS\nPB  - ClinicalTrials.gov\nAN  - NCT05100032\n"
        "AB  - A prospective registry of adults receiving intrathecal baclofen.\n"
        "N1  - ITB-KB: status=RECRUITING; enrollment=500 (ESTIMATED)\nER  - \n",
        "registration",
    )
    assert result.design.id == "trial_registration"
    assert result.sample_size is not None and result.sample_size.value == 500


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Safety events such as overdose and withdrawal will be recorded.", []),
        ("Infections will be monitored for one year.", []),
        ("We will record catheter complications and infections.", []),
        ("Adverse events, including seizures, will be collected at each visit.", []),
        ("Infections were recorded in two patients.", ["infection"]),
    ],
)
def test_harms_a_protocol_will_record_are_planned_no_events(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


def test_a_registrations_summary_read_from_a_file_plans_its_harms(tmp_path: Path) -> None:
    result = _from_ris(
        tmp_path,
        "TY  - RPRT\nTI  - ITB registry in MS\nPB  - ClinicalTrials.gov\nAN  - NCT05100032\n"
        "AB  - A prospective registry of adults receiving intrathecal baclofen. Catheter "
        "complications and infections are the main safety events of interest.\nER  - \n",
        "registration",
    )
    assert result.design.id == "trial_registration"
    assert result.ids("complication") == []


def test_tags_an_export_carried_as_keywords_are_the_tags_they_name_not_words_to_read() -> None:
    fields = {
        "abstract": [{"text": "We report our experience with intrathecal baclofen in 30 adults."}],
        "keywords": [
            "complication:speech_swallowing",
            "outcome:spasticity",
            "design:rct",
            "indication:no_such_id",
        ],
    }
    result = TAGGER.tag(tag_input(ITB, "article", [fields]))
    assert result.ids("complication") == ["speech_swallowing"]
    assert result.ids("outcome") == ["spasticity"]  # no speech outcome from the id's words
    assert "no_such_id" not in result.ids("indication")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("The curve had not progressed at the last visit.", "scoliosis_progression"),
        ("Doses were not increased over the years.", "tolerance"),
        ("The dose did not have to be increased over time.", "tolerance"),
        ("Speech had not deteriorated at one year.", "speech_swallowing"),
        ("Bladder emptying had not worsened.", "urinary"),
    ],
)
def test_a_negation_between_a_harm_patterns_words_is_the_harms(sentence: str, harm: str) -> None:
    result = in_results(sentence)
    assert harm not in result.ids("complication")
    assert any(m.id == harm and m.qualifier == "negated" for m in result.mentions)


def test_an_inability_a_weakness_pattern_names_stays_a_harm() -> None:
    assert in_results("She could not walk after the bolus.").ids("complication") == [
        "hypotonia_weakness"
    ]


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Two patients needed replacement of the spinal segment of the catheter.",
         "catheter_complication"),
        ("A fracture of the distal portion of the catheter was found.", "catheter_complication"),
        ("Memory problems were reported by two patients.", "cns_adverse_effects"),
        ("Difficulty concentrating followed each dose increase.", "cns_adverse_effects"),
        ("Spinal curvature progressed rapidly in two girls with the pump.",
         "scoliosis_progression"),
    ],
)  # fmt: skip
def test_harms_worded_by_a_part_of_the_device_or_of_the_mind(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_memory_problems_named_only_as_an_exclusion_are_no_harm() -> None:
    result = tag(
        "Methods: Patients with pre-existing memory problems were excluded. Twenty adults were "
        "implanted. Results: Spasticity improved."
    )
    assert "cns_adverse_effects" not in result.ids("complication")


@pytest.mark.parametrize(
    "sentence",
    ["Carer strain index scores fell.", "Caregiver stress decreased after implantation."],
)
def test_the_strain_or_stress_of_carers_is_caregiver_burden(sentence: str) -> None:
    assert "caregiver_burden" in in_results(sentence).ids("outcome")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Twenty patients chose ITB and 18 continued oral treatment; the two groups were "
         "compared after one year.", "cohort"),
        ("Forty children were assessed. Spasticity improved in both groups, ambulant and "
         "non-ambulant.", "cohort"),
        ("The records of 40 children were reviewed retrospectively. Both groups of muscles "
         "showed reduced tone.", "case_series"),
        ("Forty patients were randomised to ITB or oral baclofen. Both groups improved.", "rct"),
    ],
)  # fmt: skip
def test_the_studys_two_groups_named_make_a_comparison_group(abstract: str, expected: str) -> None:
    assert design(abstract) == expected


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Although no pump failed, catheter occlusion occurred in three patients.",
         "catheter_complication"),
        ("The pump was not refilled on time and the patient developed withdrawal.", "withdrawal"),
        ("The error was not noticed until the patient became comatose from an overdose.",
         "overdose"),
        ("Catheter migration, not pump failure, explained the loss of effect in two patients.",
         "catheter_complication"),
        ("Weakness was not severe but required dose reduction in two patients.",
         "hypotonia_weakness"),
        ("Urinary retention, not previously present, developed in one man.", "urinary"),
        ("Not all infections required removal of the pump: 3 of 5 were treated with "
         "antibiotics alone.", "infection"),
        ("Skin breakdown over the pump, not seen in the first cohort, occurred in two thin "
         "children.", "wound_complication"),
    ],
)  # fmt: skip
def test_a_negation_of_another_clause_or_of_an_aside_leaves_the_harm_asserted(
    sentence: str, harm: str
) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "harms"),
    [
        ("Although no infection, leak or catheter occlusion occurred, two patients were "
         "unhappy with the scar.", ["catheter_complication", "csf_leak", "infection"]),
        ("No infection occurred until the end of follow-up.", ["infection"]),
        ("Infection, not a problem in this series, did not occur.", ["infection"]),
        ("While the pump was refilled late, no withdrawal occurred.", ["withdrawal"]),
        ("Catheter migration, not pump failure, explained the loss of effect.",
         ["pump_malfunction"]),
    ],
)  # fmt: skip
def test_what_the_negation_reaches_stays_negated(sentence: str, harms: list[str]) -> None:
    result = in_results(sentence)
    assert not set(harms) & set(result.ids("complication"))


@pytest.mark.parametrize(
    ("sentence", "facet", "expected"),
    [
        ("PSFS improved from 3 to 1.", "outcome", "spasticity"),
        ("MSSS-88 scores fell.", "outcome", "spasticity"),
        ("The 6MWT distance increased by 40 m.", "outcome", "motor_function"),
        ("The 10MWT speed was unchanged.", "outcome", "motor_function"),
        ("FMA-LE scores were unchanged.", "outcome", "motor_function"),
        ("BPI interference scores decreased.", "outcome", "pain"),
        ("ZBI scores decreased from 40 to 32.", "outcome", "caregiver_burden"),
        ("PSQI improved in 10 of 14 patients.", "outcome", "sleep"),
    ],
)
def test_a_scales_acronym_alone_in_results_is_its_outcome(
    sentence: str, facet: str, expected: str
) -> None:
    assert expected in in_results(sentence).ids(facet)


def test_an_acronym_in_lower_case_is_no_scale() -> None:
    assert "sleep" not in in_results("The psqi file was lost.").ids("outcome")


@pytest.mark.parametrize(
    ("abstract", "facet", "state"),
    [
        ("Methods: Twenty adults unable to walk were implanted. Results: Spasticity decreased.",
         "complication", "hypotonia_weakness"),
        ("Methods: Twenty adults dependent in all activities of daily living were implanted. "
         "Results: Spasticity decreased.", "outcome", "activities_daily_living"),
        ("Methods: Twenty adults with neurogenic bladder were included. Results: Spasticity "
         "decreased.", "outcome", "autonomic"),
        ("Methods: Twenty adults who had satisfied the screening criteria were implanted. "
         "Results: Spasticity decreased.", "outcome", "satisfaction"),
    ],
)  # fmt: skip
def test_the_state_of_the_people_a_study_took_in_is_neither_harm_nor_outcome(
    abstract: str, facet: str, state: str
) -> None:
    assert state not in tag(abstract).ids(facet)


@pytest.mark.parametrize(
    ("abstract", "facet", "expected"),
    [
        ("Ten children with seizures after implantation were identified among 200 implanted. "
         "Results: Seizures resolved.", "complication", "seizure"),
        ("Twenty adults unable to walk were implanted. Results: Four regained the ability to "
         "walk with aids.", "outcome", "motor_function"),
        ("Twenty adults were implanted. Results: Urinary retention developed in 3 of the "
         "patients included.", "complication", "urinary"),
    ],
)  # fmt: skip
def test_what_happened_after_the_therapy_stays_a_harm_or_outcome(
    abstract: str, facet: str, expected: str
) -> None:
    assert expected in tag(abstract).ids(facet)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Interrogation showed the motor had stalled.", ["pump_malfunction"]),
        ("The pump's rotor stopped.", ["pump_malfunction"]),
        ("He could not pass urine after the test dose and needed a catheter.", ["urinary"]),
        ("She was not able to empty her bladder.", ["urinary"]),
        ("Motor function failed to improve.", []),
    ],
)
def test_a_pumps_motor_that_stalled_and_an_inability_to_void(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Oral baclofen often causes sedation and nausea, whereas intrathecal delivery "
         "achieves higher spinal concentrations.", []),
        ("Patients on oral baclofen had drowsiness, while those on the pump had none.", []),
        ("Spasticity fell after implantation, but drowsiness occurred in three patients.",
         ["cns_adverse_effects"]),
    ],
)  # fmt: skip
def test_a_comparators_harm_in_a_clause_contrasted_with_the_intrathecal_route(
    abstract: str, expected: list[str]
) -> None:
    title = "Intrathecal baclofen versus oral drugs: a review"
    assert tag(abstract, title).ids("complication") == expected


def test_a_review_naming_spasticity_among_its_outcomes_tags_the_outcome() -> None:
    result = tag(
        "We searched MEDLINE and Embase. Included studies reported spasticity and quality of "
        "life outcomes.",
        "Intrathecal baclofen in multiple sclerosis: a systematic review",
    )
    assert {"spasticity", "quality_of_life"} <= set(result.ids("outcome"))


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("In this article we describe our technique for pump implantation and review its "
         "complications in the literature.", "review"),
        ("We describe our surgical protocol for refills.", "other"),
        ("We describe our experience with 30 patients.", "case_series"),
        ("We present two patients with catheter fracture and review the reports of this "
         "complication in the literature.", "case_report"),
        ("We report our experience with 25 adults and review the outcomes reported in the "
         "literature.", "case_series"),
    ],
)  # fmt: skip
def test_a_method_described_is_no_series_and_the_literature_reviewed_beside_it_a_review(
    abstract: str, expected: str
) -> None:
    assert design(abstract) == expected


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("None of the infections required removal of the pump.", "infection"),
        ("Catheter kinking was not detected on X-ray but was found at surgery.",
         "catheter_complication"),
        ("Withdrawal symptoms did not resolve until the catheter was replaced.", "withdrawal"),
        ("The infection did not respond to antibiotics and the pump was removed.", "infection"),
        ("The weakness did not improve after the dose was lowered.", "hypotonia_weakness"),
    ],
)  # fmt: skip
def test_a_harm_the_negation_presupposes_or_takes_back_is_asserted(
    sentence: str, harm: str
) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("None of the patients had an infection.", "infection"),
        ("None of the catheters kinked.", "catheter_complication"),
        ("Catheter kinking was not detected on X-ray or at surgery.", "catheter_complication"),
    ],
)
def test_none_of_the_people_and_a_negation_not_taken_back_still_negate(
    sentence: str, harm: str
) -> None:
    assert harm not in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    "closing",
    [
        "Similar studies are needed in stroke.",
        "Research is warranted in patients with stroke.",
        "Data are still lacking in stroke.",
    ],
)
def test_a_population_named_for_research_still_needed_is_not_treated(closing: str) -> None:
    result = tag(
        f"Methods: We studied 20 adults with spinal cord injury. Results: Spasticity improved. "
        f"Conclusions: {closing}"
    )
    assert result.ids("indication") == ["spinal_cord_injury"]


def test_the_studys_own_patients_after_a_gap_in_the_evidence_are_treated() -> None:
    result = tag("Data are lacking in stroke; we therefore studied 20 adults with stroke.")
    assert "stroke" in result.ids("indication")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Two pumps were replaced prematurely due to a motor failure.", "pump_malfunction"),
        ("One pump was explanted prematurely.", "pump_malfunction"),
        ("Urinary catheterisation was needed for retention in one man.", "urinary"),
    ],
)
def test_a_harm_named_as_the_reason_for_a_procedure(sentence: str, harm: str) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Infection occurred in two patients not given prophylactic antibiotics.", ["infection"]),
        ("Withdrawal occurred in a patient not previously known to miss refills.",
         ["withdrawal"]),
        ("Weakness was reported by two patients, not by their physicians.",
         ["hypotonia_weakness"]),
        ("Infection was seen in no patient.", []),
        ("Seizures were observed in no case.", []),
        ("Infection occurred in neither group.", []),
        ("Infection occurred in none of the patients.", []),
    ],
)  # fmt: skip
def test_a_harm_told_where_it_happened_is_negated_only_by_no_one_there(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Fewer analgesics were needed.", "pain"),
        ("Opioid use fell by half.", "pain"),
        ("Patients slept better.", "sleep"),
        ("Night-time waking because of spasms stopped.", "sleep"),
        ("Goals set before implantation were achieved in 75%.", "satisfaction"),
    ],
)
def test_outcomes_told_by_what_changed_for_the_patients(sentence: str, outcome: str) -> None:
    assert outcome in in_results(sentence).ids("outcome")


def test_a_case_reports_title_naming_the_pump_over_a_tangled_catheter_is_the_catheter_only() -> (
    None
):
    result = tag(
        "A 40-year-old man lost the effect of ITB. At surgery the catheter was found tangled "
        "around the pump.",
        "Pump malfunction after intrathecal baclofen",
    )
    assert result.design.id == "case_report"
    assert result.ids("complication") == ["catheter_complication"]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("A 40-year-old man lost the effect of ITB. The pump had stalled and the catheter was "
         "kinked.", ["catheter_complication", "pump_malfunction"]),
        ("A 10-year-old lost the effect of ITB; the cause was not found.", ["pump_malfunction"]),
        ("We reviewed 60 patients. Catheter kinks were found in 5.",
         ["catheter_complication", "pump_malfunction"]),
    ],
)  # fmt: skip
def test_a_title_device_harm_stands_where_the_abstract_does_not_tell_only_the_other_part(
    abstract: str, expected: list[str]
) -> None:
    assert tag(abstract, "Pump malfunction after intrathecal baclofen").ids("complication") == (
        expected
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Seven pump revisions were needed for complications.", ["pump_malfunction"]),
        ("Two elective pump revisions were done.", []),
        ("The pump extruded through the skin.", ["wound_complication"]),
    ],
)
def test_a_pump_revised_and_a_pump_extruded(sentence: str, expected: list[str]) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Methods: Prophylactic antibiotics against infection were given to all 30 patients. "
         "Results: Spasticity fell.", []),
        ("Methods: Thirty adults with ALS, a fatal disease, were implanted. Results: "
         "Spasticity fell.", []),
        ("Methods: We followed 30 adults. Results: Two infections occurred despite "
         "prophylactic antibiotics.", ["infection"]),
        ("Methods: We followed 30 adults. Results: One overdose was fatal.",
         ["death", "overdose"]),
    ],
)  # fmt: skip
def test_what_was_given_against_a_harm_and_a_disease_called_fatal_are_no_events(
    abstract: str, expected: list[str]
) -> None:
    assert tag(abstract).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("One pump failure could not be explained.", ["pump_malfunction"]),
        ("Two infections were not treated surgically.", ["infection"]),
        ("One infection was not confirmed.", []),
        ("One catheter migration was not seen.", []),
    ],
)
def test_a_counted_harm_stays_one_whatever_was_not_done_with_it(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Complications: catheter 12, pump 3, infection 4.",
         ["catheter_complication", "infection", "pump_malfunction"]),
        ("Complications were catheter-related (n = 7) and infectious (n = 3).",
         ["catheter_complication", "infection"]),
        ("Complications: catheter 5 cm from the tip.", []),
    ],
)  # fmt: skip
def test_the_device_and_infection_counted_in_a_list_of_complications(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Withdrawal was suspected, but the symptoms proved to be an overdose.", ["overdose"]),
        ("Symptoms initially attributed to overdose were due to a stroke.", []),
        ("Two patients were diagnosed with withdrawal and treated with oral baclofen.",
         ["withdrawal"]),
        ("Infection was suspected, and the pocket proved to be infected.", ["infection"]),
        ("Drowsiness on oral baclofen was common.", []),
    ],
)  # fmt: skip
def test_a_working_diagnosis_that_proved_another_and_a_drug_given_for_the_harm(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("One woman had a perforation of an intrathecal baclofen pump catheter into the bowel.",
         ["catheter_complication"]),
        ("Colonic perforation by an intrathecal catheter caused meningitis in one patient.",
         ["catheter_complication", "infection"]),
        ("In one patient the catheter had perforated the colon.", ["catheter_complication"]),
        ("The catheter tip lay at T10 in every patient.", []),
    ],
)  # fmt: skip
def test_a_catheter_that_perforated_an_organ_is_a_catheter_harm(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Spasticity returned in three patients despite increases in dosage.", True),
        ("The effect waned despite escalation of the daily dose to 900 ug.", True),
        ("The dose was increased during titration until spasticity improved.", False),
    ],
)
def test_an_effect_lost_despite_increases_in_dosage_is_tolerance(
    sentence: str, expected: bool
) -> None:
    assert ("tolerance" in in_results(sentence).ids("complication")) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ITB infusion was tapered over two weeks.", True),
        ("Intrathecal baclofen was gradually tapered and stopped.", True),
        ("Tapering of the intrathecal dose preceded explantation.", True),
        ("Oral baclofen was tapered and stopped after implantation.", False),
    ],
)
def test_an_intrathecal_dose_tapered_is_a_dose_outcome(sentence: str, expected: bool) -> None:
    assert ("dose" in in_results(sentence).ids("outcome")) is expected


def test_a_device_failure_heading_is_the_catheter_the_abstract_names() -> None:
    # "Equipment Failure" names no part of the device: where the abstract tells the catheter's
    # event and never the pump's, the heading gives no pump harm
    def with_heading(abstract: str) -> list[str]:
        fields: dict[str, object] = {
            "abstract": [{"text": abstract}],
            "mesh": [{"descriptor": "Equipment Failure", "ui": ""}],
        }
        return TAGGER.tag(tag_input(ITB, "article", [fields])).ids("complication")

    subdural = "We report a girl whose spinal catheter had migrated into the subdural space."
    assert with_heading(subdural) == ["catheter_complication"]
    stalled = "We report a girl whose spinal catheter had migrated and whose pump had stalled."
    assert with_heading(stalled) == ["catheter_complication", "pump_malfunction"]
    assert with_heading("We report 30 adults treated for spasticity.") == ["pump_malfunction"]


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We report a man treated with intrathecal baclofen who presented with an infected "
         "pump site. The pump and the catheter were surgically removed and replaced with a "
         "temporary catheter.", ["infection"]),
        ("We report a man whose pump and catheter were removed and replaced because of "
         "meningitis.", ["infection"]),
        ("We report a man whose catheter had migrated. The pump and the catheter were "
         "removed and replaced.", ["catheter_complication"]),
        ("We report a man with a pocket infection. In a second man the catheter had migrated "
         "and was replaced.", ["catheter_complication", "infection"]),
    ],
)  # fmt: skip
def test_a_system_removed_for_an_infection_is_no_catheter_harm(
    abstract: str, expected: list[str]
) -> None:
    assert tag(abstract).ids("complication") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Seizures or prior abdominal or pelvic surgery should be discussed before proceeding "
         "to an ITB screening test.", []),
        ("Urinary retention must be evaluated before implantation.", []),
        ("Seizures have been reported after bolus injections.", ["seizure"]),
    ],
)  # fmt: skip
def test_a_condition_weighed_before_the_therapy_is_no_harm_of_it(
    sentence: str, expected: list[str]
) -> None:
    text = f"This review covers intrathecal baclofen. {sentence}"
    assert tag(text, title="Intrathecal baclofen: a review").ids("complication") == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("This prospective, open-label, case series was conducted at three centres in 33 "
         "children.", "case_series"),
        ("Our multicentre, retrospective case series comprised 40 adults.", "case_series"),
        ("We followed a prospective cohort of 80 adults and compared them with 40 controls; "
         "our findings differ from a previous, small case series.", "cohort"),
    ],
)  # fmt: skip
def test_the_authors_case_series_named_after_a_list_of_modifiers(
    abstract: str, expected: str
) -> None:
    assert design(abstract) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ten patients (50%) feared pump failure.", []),
        ("For fear of infection, antibiotics were given to all 20 patients.", []),
        ("Three parents were afraid of an overdose at refills.", []),
        ("Four caregivers were worried about withdrawal during travel.", []),
        ("One patient with a fear of needles developed a pocket infection.", ["infection"]),
    ],
)
def test_a_harm_the_patients_feared_is_no_event(sentence: str, expected: list[str]) -> None:
    assert in_results(sentence).ids("complication") == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Bei 23 Patienten wurde Baclofen intrathekal gegeben; die Mobilität verbesserte sich, "
         "wodurch sich deren Betreuung erleichterte.", True),
        ("Bei 20 Patienten wurde die Pflege deutlich erleichtert.", True),
        ("Die Diagnose wurde durch die MRT erleichtert.", False),
    ],
)  # fmt: skip
def test_care_made_easier_in_german_is_caregiver_burden(abstract: str, expected: bool) -> None:
    result = tag(abstract, title="Intrathekale Baclofen-Therapie")
    assert ("caregiver_burden" in result.ids("outcome")) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ashworth scores fell. This may result in improved positioning as well as ease of "
         "hygiene and improved comfort.", ["spasticity"]),
        ("Ashworth scores fell. Such a reduction could lead to better sleep.", ["spasticity"]),
        ("Ashworth scores fell. More research is recommended with additional focus on pain "
         "and caregiver burden.", ["spasticity"]),
        ("Ashworth scores fell and sleep improved. This may result in better sleep for carers "
         "too.", ["sleep", "spasticity"]),
    ],
)  # fmt: skip
def test_what_a_finding_might_bring_or_research_should_study_is_not_measured(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("outcome") == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # an export that dropped the commas: the parts still add up to the count before them
        ("Seven patients met our inclusion criteria three with adult-onset disease and four "
         "with childhood-onset disease.", 7),
        ("The group comprised 22 patients 15 with brainstem tumours 4 with diencephalic "
         "tumours and 3 with supratentorial tumours.", 22),
        # some of them, named after "including": not more people
        ("A total of 163 patients were analysed, including 6 with migrating seizures and 60 "
         "with unclassified epilepsy.", 163),
        ("We studied 23 girls with Rett syndrome including a pair of twins and 25 age-matched "
         "control girls.", 48),
        ("We treated 15 patients with MS, 10 with SCI and 5 with CP.", 30),
    ],
)  # fmt: skip
def test_a_count_and_its_parts_without_commas_or_after_including_is_the_count(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("This document presents the recommendations of a national working group on the "
         "management of intrathecal baclofen therapy. Screening and refills are covered.",
         "guideline"),
        ("We validated a new questionnaire of caregiver burden in 80 carers of children with "
         "intrathecal baclofen pumps.", "other"),
        ("Patients were divided into early (n = 20) and late (n = 25) implantation groups and "
         "outcomes compared.", "cohort"),
        ("We reviewed the records of 45 patients treated with intrathecal baclofen; doses "
         "were compared before and after implantation.", "case_series"),
    ],
)  # fmt: skip
def test_a_working_groups_recommendations_a_measure_validated_and_groups_divided_and_compared(
    abstract: str, expected: str
) -> None:
    assert design(abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We compared 24 patients with intrathecal baclofen and 28 on oral baclofen.", 52),
        ("Twenty adults on intrathecal baclofen and 15 taking oral drugs were assessed.", 35),
        ("We treated 24 patients; 20 on oral baclofen before implantation had side effects.",
         24),
    ],
)  # fmt: skip
def test_a_group_named_by_the_treatment_it_was_on_is_summed(abstract: str, expected: int) -> None:
    assert n(abstract) == expected


# --- design batteries of the thirty-sixth session: allocation, controls, reviews -----------

_OPENING = "Spasticity limits daily care after brain injury. "


@pytest.mark.parametrize(
    "sentence",
    ["Thirty patients were allocated by a computer-generated random number list to splinting "
     "or stretching.",
     "Thirty patients were assigned to splinting or stretching using sealed opaque envelopes.",
     "Thirty patients were allocated to splinting or stretching by drawing lots.",
     "Thirty patients were assigned in a random fashion to splinting or stretching.",
     "Random allocation of thirty patients to splinting or stretching was stratified by age.",
     "In a cluster-randomised design, six wards (thirty patients) used splints or "
     "stretching."],
)  # fmt: skip
def test_allocation_by_a_means_of_chance_is_randomisation(sentence: str) -> None:
    assert design(_OPENING + sentence + " Tone was measured at 8 weeks.") == "rct"


def test_a_random_number_that_draws_a_sample_is_no_allocation() -> None:
    assert (
        design(
            _OPENING + "A random number generator selected 40 charts of patients treated with "
            "splints. Tone was measured at 8 weeks."
        )
        != "rct"
    )


@pytest.mark.parametrize(
    "sentence",
    ["A pretest-posttest design with a comparison group was used. Thirty patients took part.",
     "A non-equivalent control group design was used with thirty patients.",
     "This was an open-label, controlled study of thirty patients comparing splints with "
     "stretching.",
     "Thirty patients were assigned to splinting (n = 15) or a waiting list (n = 15).",
     "Thirty patients took part: 15 in the exercise group and 15 in the control group.",
     "Patients at one clinic received splints and those at the other stretching; thirty took "
     "part."],
)  # fmt: skip
def test_a_concurrent_comparison_named_in_other_words_is_a_controlled_trial(
    sentence: str,
) -> None:
    assert design(_OPENING + sentence + " Tone was measured before and after 8 weeks.") == (
        "controlled_trial"
    )


def test_a_case_controlled_study_or_a_treatment_group_looked_back_on_is_no_controlled_trial() -> (
    None
):
    assert (
        design(
            _OPENING + "In this retrospective study, 15 patients in the treatment group and 15 in "
            "the control group were identified from our records. Tone was compared."
        )
        != "controlled_trial"
    )


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Reliability of the Tardieu Scale in adults with brain injury",
         "Two physiotherapists rated 24 adults twice. Agreement was moderate to good."),
        ("Validity and responsiveness of a goal questionnaire in spasticity clinics",
         "Eighty patients completed the questionnaire at two visits. Scores changed with "
         "treatment."),
    ],
)  # fmt: skip
def test_a_measures_reliability_or_validity_as_the_title_is_a_validation_study(
    title: str, abstract: str
) -> None:
    assert design(abstract, title=title) == "other"


def test_a_prognostic_scores_validation_in_a_cohort_is_no_measure_validated() -> None:
    assert (
        design(
            "We retrospectively analysed 90 patients to test whether the score predicted survival.",
            title="Validation of a prognostic score in an independent patient cohort",
        )
        == "cohort"
    )


@pytest.mark.parametrize(
    "abstract",
    ["Intrathecal baclofen withdrawal can be fatal. We describe the presentation, differential "
     "diagnosis and management of the syndrome, with the help of several case reports.",
     "Pump refills carry risks. In this article we appraise the evidence on refill errors and "
     "how services can prevent them.",
     "Intrathecal therapy has spread to many centres. This paper considers the training that "
     "surgeons and nurses need before they offer it."],
)  # fmt: skip
def test_a_paper_telling_a_topic_with_the_literatures_cases_is_a_review(abstract: str) -> None:
    assert design(abstract, title="Intrathecal baclofen: what clinicians should know") == "review"


@pytest.mark.parametrize(
    "abstract",
    ["Treatments for spasticity in stroke are many. The evidence, mostly from small randomized "
     "trials and open-label series, is summarized here.",
     "Treatments for spasticity in stroke are many. Several cohort studies and one placebo-"
     "controlled trial have reported gains in walking, which are discussed here."],
)  # fmt: skip
def test_the_literatures_trials_and_series_a_review_summarizes_give_it_no_design(
    abstract: str,
) -> None:
    assert design(abstract, title="Spasticity after stroke") == "review"


def test_the_studys_own_cohorts_of_patients_stay_its_cohorts() -> None:
    assert (
        design(
            "Dose finding is needed. The dose was escalated in successive cohorts of patients, and "
            "18 patients entered the study.",
            title="A dose-escalation study of intrathecal baclofen",
        )
        != "review"
    )


def test_a_group_assessed_before_implantation_and_at_later_years_is_followed_up() -> None:
    assert (
        design(
            "Gait matters to ambulant children. Thirty children underwent gait analysis before "
            "implantation and at 1, 2 and 3 years."
        )
        == "cohort"
    )


@pytest.mark.parametrize(
    "sentence",
    ["Sixteen patients received real or sham stimulation on two separate days.",
     "Sixteen participants walked in a counterbalanced order with two kinds of shoe.",
     "Each of 16 participants was tested with and without a splint in one session.",
     "Sixteen patients were treated either at home or in hospital depending on the month of "
     "referral.",
     "Sixteen patients were enrolled; stretching began early in one unit and late in the "
     "other.",
     "This prospective controlled comparison enrolled sixteen patients."],
)  # fmt: skip
def test_a_sham_a_balanced_order_or_a_comparison_within_or_between_units_is_a_controlled_trial(
    sentence: str,
) -> None:
    assert design(_OPENING + sentence + " Tone was rated afterwards.") == "controlled_trial"


def test_sham_operated_animals_make_no_controlled_trial_of_people() -> None:
    assert (
        design(
            "Ischaemia injures the heart. Rats were allocated to sham operation (n = 6) or "
            "occlusion (n = 8). Infarct size was measured."
        )
        == "other"
    )


def test_patients_with_and_without_a_condition_are_two_groups_not_a_within_subject_test() -> None:
    assert (
        design(
            _OPENING + "We compared 40 patients with and without a prior fusion treated at our "
            "centre between 2005 and 2015."
        )
        == "cohort"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("We compared complications and dose in 88 patients with and without a fusion.", 88),
     ("We analysed the rate of infections among 120 children with pumps.", 120),
     ("Complications occurred in 12 patients.", None)],
)  # fmt: skip
def test_events_the_authors_studied_in_a_group_count_that_group(
    sentence: str, expected: int | None
) -> None:
    assert n(sentence) == expected


def test_a_practice_parameter_is_a_guideline() -> None:
    assert (
        design(
            "The subcommittee weighed the evidence and makes recommendations on drugs for "
            "spasticity in adults.",
            title="Practice parameter: drugs for spasticity in adults",
        )
        == "guideline"
    )


@pytest.mark.parametrize(
    ("sentence", "harms"),
    [("Reoperations were needed in 6 patients (3 catheter, 3 pump).",
      {"catheter_complication", "pump_malfunction"}),
     ("In two patients the catheter tip lay in the epidural space.", {"catheter_complication"}),
     ("A side-port study revealed a leak at L2 in one patient.", {"catheter_complication"}),
     ("Dye injected through the access port disclosed an occlusion at T10.",
      {"catheter_complication"}),
     ("Signs of excess baclofen followed a refill in one woman.", {"overdose"}),
     ("Memory complaints were reported by two patients on high doses.",
      {"cns_adverse_effects"})],
)  # fmt: skip
def test_harms_told_by_their_parts_places_and_signs(sentence: str, harms: set[str]) -> None:
    assert harms <= set(in_results(sentence).ids("complication"))


def test_a_catheter_tunnelled_under_the_skin_is_no_malposition() -> None:
    result = in_results("The catheter was tunnelled in the subcutaneous tissue to the pump.")
    assert "catheter_complication" not in result.ids("complication")


@pytest.mark.parametrize(
    ("sentence", "ids"),
    [("Spasms were less frequent after the bolus in 9 of 12 patients.", {"spasticity"})],
)  # fmt: skip
def test_spasms_said_to_be_less_frequent_are_spasticity_measured(
    sentence: str, ids: set[str]
) -> None:
    assert ids <= set(in_results(sentence).ids("outcome"))


@pytest.mark.parametrize(
    ("sentence", "harms"),
    [("At refill one pump was found to be over-delivering by a fifth.", {"pump_malfunction"}),
     ("Reoperations (n = 9) involved the catheter in 6 and the pump in 3.",
      {"catheter_complication", "pump_malfunction"}),
     ("Detrusor underactivity appeared in two men after the dose was raised.", {"urinary"})],
)  # fmt: skip
def test_a_pump_delivering_other_than_programmed_revisions_by_part_and_a_weak_bladder(
    sentence: str, harms: set[str]
) -> None:
    assert harms <= set(in_results(sentence).ids("complication"))


@pytest.mark.parametrize(
    "abstract",
    # (a person's word among the animals' results, "in survivors", as such abstracts have)
    ["Heat may protect grafts. Four groups of male Lewis rats (n = 10/group) had heating or "
     "sham anaesthesia. Both groups were compared; function was better in survivors given heat.",
     "Ischaemia injures the heart. Isolated rat hearts (n = 8/group) were perfused. Infarct "
     "size was compared between groups and was smaller in survivors of the drug group."],
)  # fmt: skip
def test_animals_counted_in_groups_compared_are_an_animal_study_with_no_participants(
    abstract: str,
) -> None:
    result = tag(abstract, title="Preconditioning in the rat")
    assert (result.design.id, result.sample_size) == ("other", None)


def test_people_counted_beside_animals_stay_the_studys_participants() -> None:
    assert (
        n(
            "Tracer uptake was measured. Eighteen healthy human volunteers, five monkeys and five "
            "rats were studied."
        )
        == 18
    )


@pytest.mark.parametrize(
    ("abstract", "title", "expected"),
    [("We tested a splint. Forty adults took part in this randomised parallel-group study.",
      ITB, "rct"),
     ("We tested a splint in a randomized multicentre pilot trial of 40 adults.", ITB, "rct"),
     ("Glioma recurs. We conducted a phase II trial of a new drug in 30 patients; responses were "
      "counted.", "A new drug for recurrent glioma", "cohort"),
     ("Adding chemotherapy costs more. Its cost-effectiveness must be assessed in a randomized "
      "phase III trial. The costs of care are discussed.", "Costs of glioma care", "review")],
)  # fmt: skip
def test_randomisation_with_words_between_a_one_arm_phase_trial_and_future_trials(
    abstract: str, title: str, expected: str
) -> None:
    assert design(abstract, title=title) == expected


def test_a_future_randomisation_is_none_of_the_records() -> None:
    assert (
        design(
            "Glioma recurs. Imaging may guide care, and could support future randomization of "
            "patients by their tumour's genes.",
            title="Imaging in glioma: an outlook",
        )
        != "rct"
    )


def test_a_patient_showing_a_syndrome_is_one_patient() -> None:
    result = tag(
        "We identified a new mutation. Brain imaging showed iron deposits at 11 years.",
        title="A new mutation in a patient showing clinically Rett syndrome",
    )
    assert (result.design.id, result.sample_size.value if result.sample_size else None) == (
        "case_report",
        1,
    )


@pytest.mark.parametrize(
    ("abstract", "title", "expected"),
    [("Evidence is scattered. A literature search was performed in four electronic databases "
      "up to 2021; 18 articles met the criteria.", "Intrathecal baclofen in dystonia",
      "systematic_review"),
     ("Services vary. A working group of nurses set out how refills should be booked and "
      "checked.", "Standards for intrathecal pump refill services", "guideline")],
)  # fmt: skip
def test_a_literature_search_of_unnamed_databases_and_standards_set_out(
    abstract: str, title: str, expected: str
) -> None:
    assert design(abstract, title=title) == expected


def test_a_search_of_hospital_databases_for_patients_is_no_literature_search() -> None:
    assert (
        design(
            "Pumps fail. An electronic search was performed in the hospital databases for "
            "patients with a pump implanted between 2000 and 2020; 90 patients were found."
        )
        != "systematic_review"
    )


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [("The help needed from carers for transfers decreased after implantation.",
      "caregiver_burden"),
     ("The dose stabilised after the first year of treatment.", "dose")],
)  # fmt: skip
def test_help_from_carers_lessening_and_doses_that_rose_then_levelled_off(
    sentence: str, outcome: str
) -> None:
    assert outcome in in_results(sentence).ids("outcome")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("Nine ambulant and seven non-ambulant adults received a pump and were assessed.", 16),
     ("Eleven younger and eleven older patients were studied after implantation.", 22),
     ("We assessed 24 (10 women; mean age 41 years) patients before and after a bolus.", 24),
     ("Thirty-one right-handed, otherwise healthy volunteers were tested after a bolus.", 31),
     ("Eighteen professional drivers with spasticity were assessed before implantation.", 18)],
)  # fmt: skip
def test_counts_in_words_apart_a_groups_make_up_and_listed_adjectives_are_read(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


def test_the_key_drivers_of_a_choice_are_no_participants() -> None:
    assert n("We describe three key drivers of pump choice in rehabilitation services.") is None


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("Of 88 patients enrolled, 71 completed the one-year questionnaire.", 88),
     ("Twenty patients consented to take part and 5 of these patients had a pump already.",
      20)],
)  # fmt: skip
def test_the_whole_group_before_a_part_that_answered_or_a_part_of_a_number(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("Thirty patients with a pump were compared with healthy controls (n = 26).", 56),
     ("Twenty-two implanted adults and matched controls (n = 20) walked on a treadmill.", 42),
     ("Participants were 48 undergraduates who rated videos of spastic gait.", 48),
     ("Gait was recorded in 14 PwMS and 12 HCs before and after a bolus.", 26)],
)  # fmt: skip
def test_controls_counted_in_brackets_and_people_named_by_short_words_are_counted(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("Two groups took part: 13 adults with a pump and 8 without.", 21),
     ("Fifteen adults took part in this study-nine with a pump and six without.", 15)],
)  # fmt: skip
def test_groups_that_took_part_are_no_people_and_a_group_without_is_counted(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [("Spinal fluid cultures grew gram-negative rods and the pump was removed.",
      "infection"),
     ("Pocket cultures were positive for Pseudomonas in one adult.", "infection"),
     ("Successively larger doses were required to keep the legs relaxed.", "tolerance"),
     ("The side port gave no fluid on aspiration, suggesting a catheter kink.",
      "catheter_complication")],
)  # fmt: skip
def test_an_organism_grown_doses_ever_larger_and_what_an_absence_is_taken_to_show(
    sentence: str, harm: str
) -> None:
    assert harm in in_results(sentence).ids("complication")


def test_cultures_that_grew_nothing_are_no_infection() -> None:
    assert "infection" not in in_results(
        "Wound cultures yielded no growth and the redness settled."
    ).ids("complication")


def test_money_saved_is_a_cost_outcome() -> None:
    assert "cost" in in_results("The pump saved about 9,500 dollars a year per patient.").ids(
        "outcome"
    )


@pytest.mark.parametrize(
    "criteria",
    ["To be eligible, participants had to walk independently with or without aids.",
     "Children aged 4 to 16 years, able to sit unsupported, were eligible."],
)  # fmt: skip
def test_what_made_people_eligible_gives_no_outcome(criteria: str) -> None:
    result = tag(f"Methods: {criteria} Fourteen were implanted. Results: One catheter kinked.")
    assert result.ids("outcome") == []


def test_people_counted_as_eligible_keep_their_condition() -> None:
    result = tag("Methods: Nine adults with multiple sclerosis were eligible. All were implanted.")
    assert "multiple_sclerosis" in result.ids("indication")


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("Methods: A consecutive sample of 85 adults with a pump was followed for four years. "
      "Results: Function was stable.", "cohort"),
     ("Methods: We sampled 410 adults with multiple sclerosis from the national register. "
      "Results: Few had a pump.", "cohort")],
)  # fmt: skip
def test_a_group_followed_for_years_named_and_a_sample_drawn_from_a_register_are_cohorts(
    abstract: str, expected: str
) -> None:
    assert design(abstract) == expected


@pytest.mark.parametrize(
    "sentence",
    ["Pump programming errors will be analysed with randomization tests in the next phase.",
     "Mendelian randomization has not been applied to spasticity.",
     "A large randomized trial in adults with stroke reported fewer spasms with the pump.",
     "A landmark RCT showing the benefit of bolus dosing was published in 2019.",
     "The approach warrants investigation in a randomized controlled trial."],
)  # fmt: skip
def test_randomisation_that_allocated_no_one_here_gives_no_rct(sentence: str) -> None:
    abstract = f"Methods: We reviewed 30 adults with a pump. {sentence} Results: Two had a leak."
    assert design(abstract) != "rct"


@pytest.mark.parametrize(
    "methods",
    ["Male Wistar rats were used. The animals were randomly divided into a baclofen group "
     "(n = 9) and a saline group (n = 8).",
     "Isolated guinea pig hearts were perfused. The hearts were randomized into three groups "
     "(n = 7 each).",
     "Spinal cord slices were prepared from mice. Specimens were randomized to baclofen or "
     "vehicle (n = 6 per group)."],
)  # fmt: skip
def test_animals_hearts_or_specimens_counted_are_a_laboratory_study_with_no_participants(
    methods: str,
) -> None:
    result = tag(
        f"Methods: {methods} Results: Tone fell with baclofen. Conclusions: This may help "
        "patients with spasticity."
    )
    assert (result.design.id, result.sample_size) == ("other", None)


@pytest.mark.parametrize(
    ("abstract", "title", "expected"),
    [("Baclofen may protect the heart. Isolated perfused hearts (n = 8 per group) were exposed "
      "to baclofen or saline before ischaemia; contracture was smaller with baclofen.",
      "Baclofen and the ischaemic heart", "other"),
     ("GABA-B receptors are widespread. Chick cardiomyocytes (n = 6 cultures per group) were "
      "exposed to baclofen; calcium currents fell by 30%.", "Baclofen and calcium currents",
      "other"),
     ("This article is a review of the available data on intrathecal baclofen in spinal cord "
      "injury, their sources of variation and their clinical relevance.",
      "Intrathecal baclofen in spinal cord injury", "review")],
)  # fmt: skip
def test_hearts_and_chicks_of_the_bench_and_a_paper_naming_itself_a_review(
    abstract: str, title: str, expected: str
) -> None:
    assert design(abstract, title=title) == expected


@pytest.mark.parametrize(
    "abstract",
    ["Pumps are widely used. Here we present a review on intrathecal baclofen, its history and "
     "the advances that shaped it.",
     "Refill services vary. We present a broad agenda for research on refill services and call "
     "for action.",
     "Catheter fractures are rare; their imaging has only been described in a single case "
     "report. We surveyed 12 centres about their imaging routines."],
)  # fmt: skip
def test_a_review_or_agenda_presented_and_the_literatures_single_case_report_are_no_case(
    abstract: str,
) -> None:
    assert design(abstract, title="Intrathecal baclofen pumps") != "case_report"


def test_an_additional_case_reported_herein_is_a_case_report() -> None:
    abstract = (
        "Catheter fractures are rare. An additional case of a fractured catheter found on "
        "routine imaging is reported herein."
    )
    assert design(abstract, title="Intrathecal baclofen pumps") == "case_report"


@pytest.mark.parametrize(
    "abstract",
    ["Spasticity after spinal injury is common. This review focuses on the pharmacology of "
     "baclofen and the risks of intrathecal delivery, including prospective trials.",
     "Dystonia is hard to treat. The purpose of this article was to provide a comprehensive "
     "review of intrathecal baclofen in dystonia, with longitudinal data where they exist.",
     "Pumps fail. In the present review we describe the ways catheters fail and compare "
     "imaging methods."],
)  # fmt: skip
def test_a_review_telling_what_it_does_is_a_review(abstract: str) -> None:
    assert design(abstract) == "review"


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("2043 patients were randomized: 1020 to intrathecal baclofen and 1023 to usual care.",
      2043),
     ("A total of 1998 adults with multiple sclerosis were surveyed about pumps.", 1998),
     ("Eighteen adults with a pump (ITB: intrathecal baclofen) and 16 healthy controls "
      "(HC: no pump) walked on a treadmill.", 34),
     ("Twenty-two adults with a pump and age and sex matched 20 healthy controls were "
      "assessed.", 42),
     ("The test was given to 25 pump users and the results contrasted to 300 healthy "
      "controls.", 325)],
)  # fmt: skip
def test_counts_read_as_years_labels_in_brackets_and_controls_matched_or_contrasted(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


def test_a_year_before_people_is_no_count() -> None:
    assert n("In 2012 patients with a pump were offered telemetry checks.") is None


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [("Results: Of the 64 patients studied 12 (18.8%) had a catheter revision.", 64),
     ("Results: Out of 37 evaluable adults 21 (56.8%) walked further after implantation.", 37),
     ("Methods: We implanted pumps in 29 unrelated HSP2 patients and followed them.", 29)],
)  # fmt: skip
def test_the_share_of_a_later_count_and_words_holding_figures_leave_the_whole_counted(
    abstract: str, expected: int
) -> None:
    assert n(abstract) == expected


def test_an_age_in_years_before_a_patient_is_no_count() -> None:
    assert n("Case presentation: A 7 years-old female patient developed withdrawal.") == 1


def test_a_control_group_named_by_who_they_are_makes_a_cohort() -> None:
    abstract = (
        "Methods: Gait was recorded in 18 adults with a pump and 18 control adults of the same "
        "age. Results: Walking speed was lower with a pump."
    )
    assert design(abstract) == "cohort"


# --- the thirty-eighth session: full abstracts written for the manual ------------------------


@pytest.mark.parametrize("likeness", ["a sepsis-like picture", "meningitis-like symptoms"])
def test_a_harm_written_as_a_likeness_is_no_tag(likeness: str) -> None:
    result = tag(
        "A man treated with intrathecal baclofen for spasticity was admitted with fever and "
        f"rigidity. The catheter had fractured. Withdrawal should be suspected in any patient "
        f"with a pump who presents with {likeness}.",
        title="Baclofen withdrawal after catheter fracture",
    )
    assert "infection" not in result.ids("complication")
    assert "catheter_complication" in result.ids("complication")


def test_a_harm_told_after_the_comparison_group_is_the_comparators() -> None:
    result = tag(
        "Methods: 36 adults were randomly assigned to intrathecal baclofen (n=18) or "
        "conventional medical management (n=18). Results: Adverse events in the ITB group were "
        "drowsiness (3) and nausea (2); in the comparator group somnolence (6) and muscle "
        "weakness (4).",
        title="Intrathecal baclofen versus conventional medical management: a randomized trial",
    )
    assert result.ids("complication") == ["cns_adverse_effects", "gastrointestinal"]
    told_first = in_results("Infection was more frequent than in the control group (12% vs 4%).")
    assert "infection" in told_first.ids("complication")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We followed 41 patients (multiple sclerosis 21, spinal cord injury 20) for at least "
         "five years after intrathecal baclofen implantation. Daily doses rose during the first "
         "18 months and then stabilised.", "cohort"),
        ("We followed the published guidelines for 10 years of refills in 41 patients treated "
         "with intrathecal baclofen. Daily doses rose in 12 patients.", "case_series"),
    ],
)  # fmt: skip
def test_a_group_the_authors_followed_for_years_is_a_cohort(text: str, expected: str) -> None:
    assert design(text) == expected


def test_a_swelling_found_to_hold_spinal_fluid_is_a_csf_leak() -> None:
    result = tag(
        "We describe a boy with cerebral palsy treated with intrathecal baclofen. After "
        "implantation a fluctuant swelling developed over the lumbar incision, which was found "
        "to contain cerebrospinal fluid.",
        title="A swelling after pump implantation",
    )
    assert result.ids("complication") == ["csf_leak"]


@pytest.mark.parametrize(
    "told",
    [
        "The drug had been injected into the catheter access port instead of the reservoir.",
        "During a refill, 20 ml of baclofen was inadvertently injected into the catheter access "
        "port.",
    ],
)
def test_a_refill_into_the_catheters_access_port_is_a_refill_error(told: str) -> None:
    result = tag(
        f"We describe a woman treated with intrathecal baclofen for spasticity. {told} She was "
        "intubated and recovered within 48 hours.",
        title="An unusual event during a refill",
    )
    assert result.ids("complication") == ["pump_malfunction"]


def test_patients_who_spoke_more_clearly_give_speech() -> None:
    assert "speech" in in_results("Two patients spoke more clearly after the dose was raised.").ids(
        "outcome"
    )
    assert "speech" not in in_results(
        "Two patients spoke with their physician before refills."
    ).ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Participation scores of the Mayo-Portland Adaptability Inventory improved.", True),
        ("The participation rate was 80%, and Ashworth scores improved.", False),
        ("The e-participation domain of the hospital's website was used for recruitment.", False),
    ],
)
def test_a_scales_participation_part_is_activities_of_daily_living(
    sentence: str, expected: bool
) -> None:
    assert ("activities_daily_living" in in_results(sentence).ids("outcome")) is expected


def test_pain_a_review_counts_studies_reporting_is_an_outcome() -> None:
    result = tag(
        "Electronic databases were searched for studies of intrathecal baclofen after spinal cord "
        "injury. Twenty-one studies with 642 participants were included. Ashworth scores fell in "
        "all studies. Pain was reported in 7 studies.",
        title="Intrathecal baclofen in spinal cord injury: a systematic review",
    )
    assert "pain" in result.ids("outcome")


def test_what_may_happen_in_any_patient_with_a_pump_is_no_case() -> None:
    text = (
        "Loss of efficacy in a patient with an intrathecal baclofen pump may result from "
        "catheter kinks, disconnection, pump failure or refill errors. We review the clinical "
        "approach to suspected withdrawal and overdose."
    )
    result = tag(text, title="Troubleshooting intrathecal baclofen pumps")
    assert result.design.id == "review"
    assert {"catheter_complication", "pump_malfunction", "withdrawal", "overdose"} <= set(
        result.ids("complication")
    )
    told = (
        "Pocket infection developed in a girl with cerebral palsy treated with intrathecal "
        "baclofen."
    )
    assert design(told) == "case_report"


def test_a_diagnosis_first_suspected_then_given_up_is_no_tag() -> None:
    result = tag(
        "A woman with an intrathecal baclofen pump was brought in drowsy and hypotonic. Baclofen "
        "withdrawal was initially suspected because her refill was overdue, but the reservoir "
        "volume showed that she had received far more drug than programmed. She recovered "
        "after the pump was stopped and the catheter aspirated.",
        title="An overdose of intrathecal baclofen",
    )
    assert "withdrawal" not in result.ids("complication")
    assert "pump_malfunction" not in result.ids("complication")  # (stopped by its clinicians)
    assert "overdose" in result.ids("complication")
    assert "pump_malfunction" in in_results("In one patient the pump stopped after 6 years.").ids(
        "complication"
    )


def test_a_pump_filled_with_a_solution_more_concentrated_is_a_refill_error() -> None:
    result = in_results(
        "The new pump was programmed at the previous concentration although it had been filled "
        "with a solution four times as concentrated."
    )
    assert "pump_malfunction" in result.ids("complication")


def test_doses_that_kept_rising_after_a_negated_clause_are_tolerance() -> None:
    result = in_results("In the remaining 14, no mechanical cause was found and doses kept rising.")
    assert "tolerance" in result.ids("complication")
    still_negated = in_results("No mechanical cause and no tolerance were found.")
    assert "tolerance" not in still_negated.ids("complication")


@pytest.mark.parametrize(
    "told",
    [
        "Pump implantation was performed to 31 patients (MS 17, SCI 14).",
        "Intrathecal baclofen therapy was realized in 31 patients with spasticity.",
    ],
)
def test_a_count_told_as_authors_in_a_second_language_write_it_is_the_studys(told: str) -> None:
    text = (
        f"{told} Ashworth scores decreased significantly. In 3 patients a catheter rupture "
        "happened."
    )
    assert n(text, title="Experiences with intrathecal baclofen") == 31


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Complications were 2 infections and 1 liquor fistula.", "csf_leak"),
        ("In 2 patients liquorrhea was seen, which stopped spontaneously.", "csf_leak"),
        ("Bladder voiding problems occurred in 2 patients.", "urinary"),
    ],
)
def test_harms_named_in_other_words_of_their_own(sentence: str, expected: str) -> None:
    assert expected in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("title", "abstract", "relevant"),
    [
        ("Side effects in the ITB test phase", "Nine of 40 patients tested in the ITB trial "
         "phase had side effects: muscle weakness (4) and sleepiness (3).", True),
        ("Complications of ITB pumps", "Of 40 patients with ITB pumps, 9 had infections.", True),
        ("Iliotibial band syndrome", "ITB syndrome is common in runners; ITB stretching was "
         "studied in 40 runners.", False),
    ],
)  # fmt: skip
def test_the_abbreviation_with_a_word_only_the_therapy_has_is_the_therapy(
    title: str, abstract: str, relevant: bool
) -> None:
    result = tag(abstract, title=title)
    assert result.relevant is relevant
    assert bool(result.ids("complication")) is relevant


def test_a_registry_page_split_at_its_labels_by_the_importer_is_a_registration(
    tmp_path: Path,
) -> None:
    export = tmp_path / "page.ris"
    export.write_text(
        "TY  - JOUR\nTI  - Intrathecal Baclofen in Ambulatory Children With Cerebral Palsy\n"
        "AB  - Study type: Interventional. Allocation: Randomized. Enrollment: 40 (estimated). "
        "Conditions: Cerebral Palsy. Intervention: Drug: intrathecal baclofen; Drug: placebo. "
        "Primary outcome: Change in Modified Ashworth Scale at 3 months. Secondary outcome: "
        "GMFM-66. Sponsor: A Children's Hospital.\nER  - \n",
        encoding="utf-8",
    )
    (item,) = [i for i in read_records(decode_file(export), "ris", "x") if isinstance(i, RawRecord)]
    record = normalize("r", item.fields)
    result = TAGGER.tag(tag_input(record.title, record.kind, [item.fields]))
    assert result.design.id == "trial_registration"


def test_a_reviews_pooled_count_that_looks_like_a_year_is_a_count() -> None:
    text = (
        "We searched PubMed and Embase from inception to 2023 and included 48 studies with 2069 "
        "patients. Meta-analysis showed reductions in Ashworth scores."
    )
    assert n(text, title="Intrathecal baclofen: a meta-analysis") == 2069


def test_an_editorial_on_a_paper_in_this_issue_is_other_with_no_participants() -> None:
    result = tag(
        "In this issue, Smith and colleagues report their experience with intrathecal baclofen in "
        "120 children. I would like to comment on the selection of candidates.",
        title="Intrathecal baclofen: who should decide?",
    )
    assert result.design.id == "other"
    assert result.sample_size is None


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Baclofène intrathécal chez le blessé médullaire", "Nous avons suivi 25 patients "
         "traités par baclofène intrathécal. Un syndrome de sevrage est survenu après une panne "
         "de pompe.", {"withdrawal", "pump_malfunction"}),
        ("Intrathekale Baclofentherapie", "Retrospektive Analyse von 18 Patienten mit "
         "intrathekalem Baclofen. Komplikationen: Liquorkissen (2), Wundinfektion (1).",
         {"csf_leak", "infection"}),
        ("Baclofeno intratecal", "Foram avaliados 20 pacientes tratados com baclofeno "
         "intratecal. Ocorreram 2 casos de superdosagem e 3 complicações relacionadas ao "
         "cateter.", {"overdose", "catheter_complication"}),
    ],
)  # fmt: skip
def test_harms_named_in_abstracts_of_other_languages(
    title: str, text: str, expected: set[str]
) -> None:
    assert set(tag(text, title=title).ids("complication")) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Baclofène intrathécal dans la sclérose en plaques", "Étude rétrospective de 22 patients "
         "traités par baclofène intrathécal. La spasticité, la qualité de vie et le sommeil se "
         "sont améliorés.", {"spasticity", "quality_of_life", "sleep"}),
        ("Intrathekales Baclofen nach Schädel-Hirn-Trauma", "Retrospektive Analyse von 15 "
         "Patienten mit intrathekalem Baclofen. Die Spastik nahm ab, und der Pflegeaufwand "
         "verringerte sich.", {"spasticity", "caregiver_burden"}),
        ("Baclofeno intratecal em crianças", "Estudo retrospectivo de 12 crianças tratadas com "
         "baclofeno intratecal. Houve melhora da espasticidade.", {"spasticity"}),
    ],
)  # fmt: skip
def test_outcomes_named_in_abstracts_of_other_languages(
    title: str, text: str, expected: set[str]
) -> None:
    assert set(tag(text, title=title).ids("outcome")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abrupt interruption of intrathecal baclofen can produce a withdrawal syndrome with "
         "itching, rebound spasticity, fever, confusion and seizures. This article outlines an "
         "approach for emergency physicians.", "review"),
        ("This article describes an evaluation of training in intrathecal baclofen refills. "
         "Sixty-six nurses from 8 teams received training.", "case_series"),
    ],
)  # fmt: skip
def test_an_article_outlining_an_approach_is_a_review(text: str, expected: str) -> None:
    # (an evaluation it describes is a study: not a review)
    result = tag(text, title="Intrathecal baclofen withdrawal")
    assert result.design.id == expected
    if expected == "review":  # (the topic rule: the features a review names are tags)
        assert {"withdrawal", "seizure"} <= set(result.ids("complication"))


def test_a_harm_after_the_persons_own_predicate_is_no_history() -> None:
    result = tag(
        "A 50-year-old man with an intrathecal baclofen pump became unresponsive with shallow "
        "breathing an hour after a refill; an overdose was diagnosed.",
        title="Baclofen overdose after a pump refill",
    )
    assert "respiratory_depression" in result.ids("complication")
    history = in_results("Ten adults with cerebral palsy and dysarthria were included.")
    assert "speech_swallowing" not in history.ids("complication")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Overall, 135 and 126 patients received intrathecal baclofen with and without oral "
         "drugs, respectively.", 261),
        ("Cohorts of 20 and 22 children treated with intrathecal baclofen were compared.", 42),
        ("Between 50 and 100 patients a year receive intrathecal baclofen.", 100),
        ("Infections occurred in 5 and 7 patients treated with intrathecal baclofen.", 7),
    ],
)  # fmt: skip
def test_two_bare_numbers_sharing_their_people_are_two_groups(text: str, expected: int) -> None:
    assert n(text) == expected


def test_a_diagnosis_a_review_weighs_against_a_harm_is_no_risk_of_the_therapy() -> None:
    result = tag(
        "Intrathecal baclofen overdose presents with drowsiness and respiratory depression. It "
        "may be mistaken for a stroke, and its differential diagnosis with sepsis and "
        "meningitis is discussed. Withdrawal after a missed refill is the other emergency of "
        "the therapy.",
        "Intrathecal baclofen overdose: a review",
    )
    assert result.design.id == "review"
    assert "infection" not in result.ids("complication")
    assert {"overdose", "respiratory_depression", "withdrawal"} <= set(result.ids("complication"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This pictorial review shows the radiographic appearance of intrathecal catheters and "
         "pumps and the signs of their failure.", "review"),
        ("This retrospective review of 40 charts describes catheter failures in children with "
         "intrathecal baclofen pumps.", "case_series"),
        ("Our clinical review of 35 patients with intrathecal baclofen pumps found 6 catheter "
         "failures.", "case_series"),
    ],
)  # fmt: skip
def test_a_paper_naming_its_kind_of_review_is_a_review(text: str, expected: str) -> None:
    assert design(text, "Intrathecal drug delivery on plain films") == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Intrathecal baclofen in dystonia: an update",
         "Intrathecal baclofen is increasingly used for secondary dystonia. We summarise patient "
         "selection and dosing and illustrate the approach with the case of a 14-year-old girl "
         "with status dystonicus.", "review"),
        ("Intrathecal baclofen withdrawal: case report and review",
         "We report the case of a 30-year-old man with withdrawal after a catheter break and "
         "review the literature.", "case_report"),
    ],
)  # fmt: skip
def test_a_review_illustrated_with_a_case_is_a_review(title: str, text: str, expected: str) -> None:
    assert design(text, title) == expected


def test_what_the_therapy_does_told_in_a_reviews_opening_names_its_targets() -> None:
    opening = (
        "Intrathecal baclofen is widely used in people with spinal cord injury. Intrathecal "
        "baclofen relieves painful spasms and improves bladder control. "
    )
    review = tag(
        opening + "Pumps must be refilled every few months. We summarise dosing, the screening "
        "test and long-term management.",
        "Intrathecal baclofen after spinal cord injury: a review",
    )
    assert {"pain", "autonomic", "spasticity"} <= set(review.ids("outcome"))
    study = tag(
        opening + "We followed 25 patients for a year after implantation. Ashworth scores fell "
        "from 3.5 to 1.5.",
        "Intrathecal baclofen after spinal cord injury",
    )
    assert study.ids("outcome") == ["spasticity"]  # (what is known, no study's measure)


def test_what_a_harm_took_from_the_patients_is_no_outcome() -> None:
    harmed = in_results(
        "Three patients had excessive weakness affecting their transfers, and the dose was lowered."
    )
    assert "motor_function" not in harmed.ids("outcome")
    assert "hypotonia_weakness" in harmed.ids("complication")
    measured = in_results(
        "Transfers improved in 12 patients; weakness affecting the legs occurred in one."
    )
    assert "motor_function" in measured.ids("outcome")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three patients needed revision of the intrathecal catheter.", "catheter_complication"),
        ("Two children whose families reported repeated catheter surgery were less satisfied.",
         "catheter_complication"),
        ("In one thin boy the pump began to erode through the skin.", "wound_complication"),
        ("Three patients said their legs gave way at the higher doses.", "hypotonia_weakness"),
        ("Two reported increased urinary urgency after implantation.", "urinary"),
        ("Interrogation showed that the rotor had stalled and not restarted after the scan.",
         "pump_malfunction"),
    ],
)  # fmt: skip
def test_harms_told_in_the_words_of_a_results_section(sentence: str, expected: str) -> None:
    assert expected in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("A catheter migration was suspected and not confirmed at surgery.",
         "catheter_complication"),
        ("Urinary urgency improved in four patients.", "urinary"),
    ],
)  # fmt: skip
def test_harms_those_words_do_not_assert(sentence: str, harm: str) -> None:
    assert harm not in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Most children sat more upright in their chairs at six months.", "motor_function"),
        ("Fewer nights were disturbed by painful spasms.", "sleep"),
        ("Before the pump, spasms woke her at night several times.", "sleep"),
        ("Eighteen of 22 said they would have the pump implanted again.", "satisfaction"),
    ],
)  # fmt: skip
def test_outcomes_told_in_the_words_of_a_results_section(sentence: str, expected: str) -> None:
    assert expected in in_results(sentence).ids("outcome")


def test_a_dose_named_before_that_it_kept_rising_is_tolerance() -> None:
    result = in_results(
        "The dose rose over the first year in most patients, and in six it continued to climb "
        "with no catheter fault found."
    )
    assert "tolerance" in result.ids("complication")


def test_care_made_easier_for_those_who_give_it_is_caregiver_burden() -> None:
    result = in_results("Washing and toileting were easier for 12 families.")
    assert "caregiver_burden" in result.ids("outcome")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Managing intrathecal baclofen pumps: a case-based review",
         "A 28-year-old woman with multiple sclerosis and an intrathecal pump arrives with "
         "rebound spasms and itching. This case-based review covers the recognition of "
         "withdrawal and of overdose.", "review"),
        ("Agitation in a child with an intrathecal baclofen pump",
         "Clinical scenario: a 9-year-old boy with cerebral palsy and a pump becomes agitated and "
         "febrile. We discuss the approach to this problem and the signs that separate "
         "withdrawal from infection.", "review"),
        ("When the spasms come back",
         "The patient, a 51-year-old man with spinal cord injury, noticed his spasms returning. "
         "Using his story, we review the causes of lost intrathecal baclofen effect.", "review"),
        ("Intrathecal pumps in primary care",
         "This article explains how an intrathecal baclofen pump works and what a family doctor "
         "should look out for between refills.", "review"),
        # (a case report's own discussion of its management, told as scenario by no one)
        ("Agitation in a child with an intrathecal baclofen pump",
         "A 9-year-old boy with cerebral palsy and a pump became agitated and febrile after a "
         "missed refill. We discuss the approach to this problem.", "case_report"),
    ],
)  # fmt: skip
def test_a_teaching_review_told_around_a_patient_is_a_review(
    title: str, text: str, expected: str
) -> None:
    assert design(text, title) == expected


def test_a_viewpoint_that_asks_for_other_designs_is_other() -> None:
    text = (
        "In this viewpoint, I argue that implanting pumps in ambulant children has run ahead of "
        "the evidence. Children need randomised trials rather than more case series."
    )
    assert design(text, "Intrathecal baclofen in ambulant children: too soon?") == "other"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Complications occurred in 7 patients (infection 2, catheter 3, pump 2).",
         {"infection", "catheter_complication", "pump_malfunction"}),
        ("Reasons for reoperation were catheter (9), pump (2) and wound (1).",
         {"catheter_complication", "pump_malfunction"}),
        ("Signs of underdosing followed a refill interval that was too long.", {"withdrawal"}),
        ("Two children were sleepy on the day after each dose increase.",
         {"cns_adverse_effects"}),
        ("One girl had a fit on the second day of the infusion.", {"seizure"}),
    ],
)  # fmt: skip
def test_harms_counted_in_a_list_or_told_plainly(sentence: str, expected: set[str]) -> None:
    assert expected <= set(in_results(sentence).ids("complication"))


@pytest.mark.parametrize(
    "sentence",
    [
        "All patients were fit for surgery and had a catheter 30 cm long.",
        "Catheters (4 cm) and pumps (20 ml) were placed in 12 patients.",
        "The regression model had a good fit for the 12 patients.",
    ],
)
def test_a_fit_patient_and_a_catheters_size_are_no_harms(sentence: str) -> None:
    assert in_results(sentence).ids("complication") == []


@pytest.mark.parametrize("sentence", ["Pain was unchanged at one year.", "Pain remained stable."])
def test_pain_said_to_stay_the_same_was_measured(sentence: str) -> None:
    assert "pain" in in_results(sentence).ids("outcome")


@pytest.mark.parametrize(
    "text",
    [
        "We present monozygotic twin sisters with dystonic cerebral palsy treated with intrathecal "
        "baclofen. Both sat better after implantation.",
        "We describe a brother and sister with hereditary spastic paraplegia who received "
        "intrathecal baclofen pumps.",
        "We present Monozygotic Twins with dystonic cerebral palsy treated with intrathecal "
        "baclofen.",
    ],
)
def test_a_pair_told_together_is_a_case_report_of_two(text: str) -> None:
    result = tag(text, "Intrathecal baclofen in hereditary spasticity")
    assert result.design.id == "case_report"
    assert result.sample_size is not None and result.sample_size.value == 2


def test_one_twin_with_the_condition_is_one_patient() -> None:
    text = (
        "We report a 6-year-old monozygotic twin with dystonia treated with intrathecal "
        "baclofen. The twins were born at 30 weeks; his brother is well."
    )
    assert n(text, "Intrathecal baclofen in a twin") == 1


def test_a_harm_after_a_contrast_is_no_harm_the_therapy_avoids() -> None:
    result = tag(
        "Oral baclofen is limited by drowsiness; intrathecal delivery avoids it but pump "
        "pocket infections occur in up to 5% of patients. We review the therapy.",
        "Intrathecal baclofen: a review",
    )
    assert "infection" in result.ids("complication")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No child had a wound infection except one, whose pump was removed.", {"infection"}),
        ("Without warning, the pump of one boy stopped.", {"pump_malfunction"}),
        ("Withdrawal could not be prevented in one man whose catheter had fractured.",
         {"withdrawal", "catheter_complication"}),
        ("Seizures not previously seen occurred in two girls.", {"seizure"}),
    ],
)  # fmt: skip
def test_a_harm_a_negation_word_stands_near_but_does_not_deny(
    sentence: str, expected: set[str]
) -> None:
    assert expected <= set(in_results(sentence).ids("complication"))


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("There were no deaths, but two patients developed meningitis.", "death"),
        ("No infection occurred apart from the usual redness of the wound.", "infection"),
        ("No child whose catheter was revised developed an infection.", "infection"),
        ("Without obvious signs of infection, the wound healed.", "infection"),
    ],
)  # fmt: skip
def test_a_harm_still_denied_beside_those_words(sentence: str, denied: str) -> None:
    assert denied not in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    "sentence",
    ["No parent regretted the decision to implant.", "Decisional regret was low in 20 of 22."],
)
def test_a_choice_regretted_or_not_is_satisfaction(sentence: str) -> None:
    assert "satisfaction" in in_results(sentence).ids("outcome")


def test_the_authors_reply_to_a_letter_is_other_with_no_participants() -> None:
    text = (
        "We thank Dr Jones for his comments on our study of 38 children with intrathecal "
        "baclofen pumps. We agree that longer follow-up is needed."
    )
    result = tag(text, "Intrathecal baclofen and hip migration: the authors reply")
    assert result.design.id == "other"
    assert result.sample_size is None


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Withdrawal was first suspected because her refill was overdue.", False),
        ("Infection was first suspected on day 5 and treated with antibiotics.", True),
        ("Withdrawal was initially suspected because the reservoir was empty, and this was "
         "confirmed.", True),
    ],
)  # fmt: skip
def test_a_working_diagnosis_told_with_its_reason_is_no_event(sentence: str, tagged: bool) -> None:
    harm = "withdrawal" if "ithdrawal" in sentence else "infection"
    assert (harm in in_results(sentence).ids("complication")) is tagged


def test_the_bowels_incontinence_is_gastrointestinal_not_urinary() -> None:
    result = in_results("Faecal incontinence began in one woman after the dose was raised.")
    assert "gastrointestinal" in result.ids("complication")
    assert "urinary" not in result.ids("complication")


def test_withdrawal_features_told_before_the_device_failure_they_followed() -> None:
    result = in_results(
        "Fever, itching and rhabdomyolysis followed a catheter fracture in one man."
    )
    assert "withdrawal" in result.ids("complication")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We reviewed the English literature on intrathecal baclofen after stroke and discuss "
         "its place among other treatments.", "review"),
        ("We report a 40-year-old man with withdrawal after a catheter break and reviewed the "
         "literature.", "case_report"),
    ],
)  # fmt: skip
def test_the_literature_on_a_topic_reviewed_is_a_review(text: str, expected: str) -> None:
    assert design(text, "Intrathecal baclofen after stroke") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sleep studies were not done.", []),
        ("Sleep improved in 5; polysomnography was not performed.", ["sleep"]),
    ],
)
def test_an_outcome_whose_measure_was_not_done_is_no_outcome(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("outcome") == expected


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("None of the patients who had a revision developed an infection.", False),
        ("Nobody who underwent a refill had an overdose.", False),
        ("No patient who developed an infection needed explantation.", True),
        ("Meningitis developed in one child who had a gastrostomy.", True),
    ],
)  # fmt: skip
def test_a_subject_denied_as_a_whole_denies_its_predicates_harm(
    sentence: str, tagged: bool
) -> None:
    harms = in_results(sentence).ids("complication")
    assert bool({"infection", "overdose"} & set(harms)) is tagged


@pytest.mark.parametrize(
    ("sentence", "harm", "tagged"),
    [
        ("Meningitis was watched for at each visit and never observed.", "infection", False),
        ("Catheter migration was checked on X-ray and was not seen in any child.",
         "catheter_complication", False),
        ("Sedation was monitored daily but did not occur.", "cns_adverse_effects", False),
        ("Overdose symptoms were screened for and were absent.", "overdose", False),
        ("Catheter occlusion was investigated with a dye study and confirmed in two.",
         "catheter_complication", True),
        ("The pump stalled and did not restart until it was reprogrammed.", "pump_malfunction",
         True),
        ("Infection was treated with antibiotics and did not recur.", "infection", True),
    ],
)  # fmt: skip
def test_a_harm_looked_for_then_denied_by_its_own_second_predicate_is_negated(
    sentence: str, harm: str, tagged: bool
) -> None:
    assert (harm in in_results(sentence).ids("complication")) is tagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This letter argues that the harms of intrathecal baclofen are poorly recorded and "
         "calls for a national registry of implantations.", "other"),
        ("This letter argues that the harms of intrathecal baclofen are poorly recorded.",
         "other"),
        ("In this letter we describe a 50-year-old woman whose catheter fractured.",
         "case_report"),
        ("In this letter we report our experience with 31 adults treated with intrathecal "
         "baclofen; 25 improved.", "case_series"),
    ],
)  # fmt: skip
def test_a_letter_naming_itself_is_other_unless_it_tells_its_own_patients(
    text: str, expected: str
) -> None:
    assert design(text, "Intrathecal baclofen: what we owe our patients") == expected


@pytest.mark.parametrize(
    "opening",
    [
        "Intrathecal baclofen is used to reduce painful spasms and to improve bladder control.",
        "Intrathecal baclofen can relieve painful spasms and improve bladder control.",
        "Intrathecal baclofen is effective in reducing painful spasms and improving bladder "
        "control.",
    ],
)
def test_what_the_therapy_is_used_for_in_a_reviews_opening_names_its_targets(
    opening: str,
) -> None:
    review = tag(
        opening + " We summarise dosing, the screening test and long-term management.",
        "Intrathecal baclofen after spinal cord injury: a review",
    )
    assert {"pain", "autonomic"} <= set(review.ids("outcome"))


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Two hours after the refill he became drowsy, then bradypnoeic.",
         "respiratory_depression"),
        ("A programming error delivered a tenfold bolus to one girl.", "overdose"),
    ],
)  # fmt: skip
def test_a_slowed_breath_told_as_an_adjective_and_a_bolus_many_times_too_large_are_harms(
    sentence: str, harm: str
) -> None:
    assert harm in in_results(sentence).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Three patients developed retention requiring intermittent catheterisation.", True),
        ("Retention of urine followed the test dose in one man.", True),
        ("Fluid retention was treated with diuretics; bladder scans were normal.", False),
        ("The retention rate of the programme was 90%; bladder diaries were kept.", False),
    ],
)
def test_retention_told_beside_the_bladders_words_is_urinary(sentence: str, tagged: bool) -> None:
    assert ("urinary" in in_results(sentence).ids("complication")) is tagged


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Non si sono verificate infezioni della ferita.", False),
        ("Es traten keine Infektionen auf.", False),
        ("Infektionen traten nicht auf.", False),
        ("No se observó ninguna infección.", False),
        ("Aucune infection n'a été observée.", False),
        ("A infecção não ocorreu em nenhum paciente.", False),
        ("Zwei Infektionen traten auf, aber keine Todesfälle.", True),
        ("Non-ambulant children had more wound infections.", True),
        ("In non ambulatory children wound infection was more common.", True),
    ],
)
def test_a_harm_denied_in_another_language_is_negated(sentence: str, tagged: bool) -> None:
    assert ("infection" in in_results(sentence).ids("complication")) is tagged


def test_walking_the_dose_and_a_prospective_follow_up_in_italian_and_portuguese() -> None:
    italian = tag(
        "Sono stati seguiti prospetticamente 48 pazienti con sclerosi multipla per due anni. "
        "La deambulazione è rimasta stabile.",
        "Baclofene intratecale nella sclerosi multipla",
    )
    assert italian.design.id == "cohort"
    assert "motor_function" in italian.ids("outcome")
    portuguese = tag(
        "Estudo retrospectivo de 20 crianças com paralisia cerebral. A dose média foi de 250 "
        "µg/dia.",
        "Baclofeno intratecal em crianças",
    )
    assert "dose" in portuguese.ids("outcome")


@pytest.mark.parametrize(
    ("title", "tagged"),
    [
        ("Delayed recognition of intrathecal baclofen overdose after a pump replacement", True),
        ("Early recognition of intrathecal baclofen overdose: a guide for nurses", False),
    ],
)
def test_an_overdose_recognised_late_happened_one_to_recognise_early_is_advice(
    title: str, tagged: bool
) -> None:
    assert ("overdose" in tag("", title).ids("complication")) is tagged


def test_a_patient_who_hypoventilated_had_respiratory_depression() -> None:
    result = in_results("Over 12 hours she became somnolent and hypoventilated.")
    assert "respiratory_depression" in result.ids("complication")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("A single surgeon implanted 200 pumps between 2008 and 2018. Complications were "
         "catheter related in 31 cases and pump related in 6.", "Intrathecal pumps in adults"),
        ("", "Intrathecal baclofen in adults: a 12-year single-centre experience"),
    ],
)  # fmt: skip
def test_a_series_told_by_its_operations_or_its_years_of_experience_is_a_case_series(
    text: str, title: str
) -> None:
    assert design(text, title) == "case_series"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ability to sit improved in most patients.", ["motor_function"]),
        ("Three patients lost the ability to walk independently because of excessive "
         "weakness.", []),
        ("Younger age independently predicted higher doses at five years.", ["dose"]),
    ],
)  # fmt: skip
def test_sitting_as_an_ability_and_the_dose_factors_predict_are_outcomes_a_lost_walk_is_not(
    sentence: str, expected: list[str]
) -> None:
    assert in_results(sentence).ids("outcome") == expected


def test_a_patients_healthy_family_is_not_counted_an_affected_one_is() -> None:
    title = "Intrathecal baclofen in a family"
    healthy = "A 12-year-old girl with spastic quadriplegia received a pump; her two sisters were "
    assert n(healthy + "unaffected.", title) == 1
    affected = n(healthy + "also affected and were treated the same way.", title)
    assert affected is not None and affected >= 2


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("After saline injection, one patient reported headache.", False),
        ("After placebo, two patients reported headache.", False),
        ("Headache occurred more often with baclofen than with placebo.", True),
        ("In this placebo-controlled trial, headache occurred in 3 of 10 patients.", True),
    ],
)
def test_a_harm_after_the_placebo_is_the_comparators(sentence: str, tagged: bool) -> None:
    assert ("cns_adverse_effects" in in_results(sentence).ids("complication")) is tagged


def test_a_spastic_pattern_in_children_born_preterm_is_cerebral_palsy() -> None:
    result = tag("Ten children with spastic diplegia, born preterm, received a pump.")
    assert result.ids("indication") == ["cerebral_palsy"]


@pytest.mark.parametrize(
    "sentence",
    [
        "One patient had persistent pain at the lumbar incision.",
        "Two patients reported pain in the pump pocket for several weeks.",
    ],
)
def test_pain_at_a_wound_named_by_where_it_is_is_no_outcome(sentence: str) -> None:
    assert "pain" not in in_results(sentence).ids("outcome")


def test_a_phrase_is_not_read_across_a_lists_comma() -> None:
    listed = tag(
        "We describe a registry that will enrol 500 patients. Data on quality of life, "
        "satisfaction and device events will be collected yearly.",
        "Design of an intrathecal baclofen registry",
    )
    assert {"quality_of_life", "satisfaction"} <= set(listed.ids("outcome"))
    assert [m.text for m in listed.mentions if m.id == "quality_of_life"] == ["quality of life"]
    oxford = in_results("Body functions, activities, and participation improved.")
    assert "activities_daily_living" in oxford.ids("outcome")
    trial = tag("In this randomised, placebo-controlled, double-blind trial, 30 adults ...")
    assert trial.design.id == "rct"


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Spasms, pain and sleep all better at 1 yr (p<.05).", True),
        ("Spasms were better at one year.", True),
        ("Spasticity was treated better than with oral drugs in earlier reports.", False),
    ],
)
def test_spasms_told_better_are_a_spasticity_outcome(sentence: str, tagged: bool) -> None:
    assert ("spasticity" in in_results(sentence).ids("outcome")) is tagged


def test_a_harm_told_where_it_happened_among_non_ambulant_children_stays_asserted() -> None:
    for sentence in (
        "Infection occurred in non-ambulant children not given antibiotics.",
        "Infection occurred in non ambulatory children not given antibiotics.",
    ):
        assert "infection" in in_results(sentence).ids("complication"), sentence


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        (
            "The pump was removed and its infusion was replaced by progressively higher doses"
            " of oral tizanidine.",
            False,
        ),
        ("Rising doses of enteral baclofen bridged the weeks without a pump.", False),
        ("Progressively higher doses were needed to keep the same effect.", True),
    ],
)
def test_the_rising_doses_of_another_drug_are_no_tolerance(sentence: str, tagged: bool) -> None:
    assert ("tolerance" in in_results(sentence).ids("complication")) is tagged


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        (
            "Oral tizanidine has long been given for spasms, but it often leaves patients drowsy.",
            False,
        ),
        ("Oral tizanidine was stopped, but the pump left two patients drowsy.", True),
    ],
)
def test_a_harm_of_the_oral_drug_named_again_by_a_pronoun_is_the_comparators(
    sentence: str, tagged: bool
) -> None:
    review = tag(
        "We review intrathecal therapy for spasticity. " + sentence,
        "Intrathecal baclofen: a narrative review",
    )
    assert review.design.id == "review"
    assert ("cns_adverse_effects" in review.ids("complication")) is tagged


def test_groups_compared_by_a_p_value_and_counted_by_limb_are_a_cohort_not_a_review() -> None:
    text = (
        "Purpose: Pumps are often combined with tendon lengthening. This study compared"
        " patients who had lengthening before the pump (EARLY), with the pump (SAME) and"
        " without a pump (NONE). Methods: Forty-one knees were EARLY, 18 knees SAME and 37"
        " knees NONE, each followed for at least four years. Results: Repeat lengthening was"
        " needed more often in SAME than in NONE (p = 0.01), and wound problems were rarer in"
        " EARLY (p = 0.04). Conclusion: Timing the lengthening before the pump spared"
        " children a second operation."
    )
    assert design(text) == "cohort"
    # a narrative text with no test of its own stays a review
    narrative = (
        "Pumps are often combined with tendon lengthening, and surgeons compare patients by"
        " the order of the two operations. Timing matters to families, to therapists and to"
        " the surgeons who plan a child's operations over years of growth, and the literature"
        " offers little guidance about which order spares a second operation or wound"
        " problems; this text sets out what a team may weigh before it decides."
    )
    assert design(narrative) == "review"


def test_one_patient_given_drug_and_placebo_in_turn_is_counted_as_one() -> None:
    text = (
        "This case report describes a 9-year-old girl with spastic quadriplegia whose tone and"
        " sitting were scored at baseline, after a bolus, and during a double-blind"
        " placebo-controlled trial of infusion through an implanted pump. Tone fell and"
        " sitting improved."
    )
    assert design(text) == "controlled_trial"
    assert n(text) == 1
    assert n("An n-of-1 trial in a 40-year-old woman compared baclofen and saline.") == 1


@pytest.mark.parametrize(
    "title",
    [
        "Late rotation of an implanted drug pump: a case report",
        "Flipping of the pump in a child with cerebral palsy",
    ],
)
def test_the_pumps_turning_named_before_it_is_a_pump_malfunction(title: str) -> None:
    assert "pump_malfunction" in tag("", title).ids("complication")


@pytest.mark.parametrize(
    ("sentence", "tagged"),
    [
        ("Falls (10%) in pump patients and dizziness (8%) in the control group.", False),
        ("Dizziness (8%) in placebo arm, none with the pump.", False),
        ("Dizziness was more frequent with the pump than in the control group.", True),
    ],
)
def test_a_harm_with_the_comparison_group_named_just_after_it_is_the_comparators(
    sentence: str, tagged: bool
) -> None:
    assert ("cns_adverse_effects" in in_results(sentence).ids("complication")) is tagged


def test_a_group_broken_down_by_sex_in_brackets_is_summed_once_with_its_matched_group() -> None:
    text = (
        "Results: Two hundred and twelve adults with MS (120 women, 92 men) treated with a pump"
        " for spasms (mean age 51y 4mo, SD 9y 2mo, range 28y 1mo to 74y 9mo) were matched to"
        " 205 adults without a pump (118 women, 87 men)."
    )
    assert n(text) == 417


def test_a_mirrors_enrollment_label_with_its_figure_on_the_next_line_is_read() -> None:
    text = (
        "Recruitment & Eligibility\n- Status\n- COMPLETED\n- Sex\n- All\n- Target Recruitment\n"
        "- 64\nInclusion Criteria\n- Adults with spinal spasticity"
    )
    assert n(text, "Intrathecal baclofen dose titration in spinal spasticity") == 64


def test_people_referred_of_whom_a_later_count_was_studied_are_not_the_sample() -> None:
    text = (
        "Methods. A total of 52 adults with hereditary spastic paraplegia were referred for"
        " assessment of pump therapy. Outcome data were extracted on 41 adults from the"
        " clinic's registry. Results. Tone fell."
    )
    assert n(text) == 41
    assert n("A total of 52 adults with spasms were referred and assessed. Tone fell.") == 52


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La dystonie est fréquente. Treize adultes ont reçu une pompe.", 13),
        ("La distonía es frecuente. Diecinueve pacientes fueron tratados.", 19),
        ("Dystonie ist häufig. Zwanzig Patienten erhielten eine Pumpe.", 20),
        ("La distonia è frequente. Sedici pazienti sono stati trattati.", 16),
        ("A distonia é frequente. Catorze doentes foram tratados.", 14),
    ],
)
def test_a_count_in_another_languages_words_above_twelve_is_read(text: str, expected: int) -> None:
    assert n(text, "Baclofène intrathécal") == expected


def test_one_person_and_her_family_counted_after_her_are_summed() -> None:
    text = "We describe a mother and her four sons with spastic paraplegia given pumps."
    assert n(text, "Intrathecal baclofen in one family") == 5
    assert design(text, "Intrathecal baclofen in one family") == "case_series"
    assert n("A 30-year-old man and his two sisters received pumps.") == 3


@pytest.mark.parametrize(
    ("sentence", "harm"),
    [
        ("Trois patients ont présenté des nausées.", "gastrointestinal"),
        ("Bei zwei Patienten kam es zu Erbrechen.", "gastrointestinal"),
        ("Dos pacientes presentaron retención urinaria.", "urinary"),
        (
            "In due pazienti si è osservata una progressione della scoliosi.",
            "scoliosis_progression",
        ),
        ("Dois doentes apresentaram fraqueza muscular.", "hypotonia_weakness"),
        ("Un paciente falleció tras la cirugía.", "death"),
        ("Três doentes tiveram convulsões.", "seizure"),
        ("Bei drei Patienten trat Schwindel auf.", "cns_adverse_effects"),
        ("Chez deux patients, un sérome est apparu.", "csf_leak"),
        ("Bei einem Patienten kam es zu einer Wunddehiszenz.", "wound_complication"),
        ("Bei vier Patienten kam es zu Katheterdislokationen.", "catheter_complication"),
    ],
)
def test_harms_named_in_other_languages_are_tagged(sentence: str, harm: str) -> None:
    result = tag("Nous rapportons 30 patients traités par pompe. " + sentence)
    assert harm in result.ids("complication"), sentence


def test_a_harm_in_another_language_denied_is_not_tagged() -> None:
    result = tag("Nous rapportons 30 patients traités par pompe. Aucune rétention urinaire.")
    assert "urinary" not in result.ids("complication")


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("La satisfacción de los padres fue alta.", "satisfaction"),
        ("Die Zufriedenheit der Eltern war hoch.", "satisfaction"),
        ("Il sonno dei bambini è migliorato.", "sleep"),
        ("Los costes anuales disminuyeron.", "cost"),
        ("La mobilité s'est améliorée chez huit enfants.", "motor_function"),
        ("A intensidade da dor diminuiu.", "pain"),
        ("La funzione vescicale è migliorata.", "autonomic"),
    ],
)
def test_outcomes_named_in_other_languages_are_tagged(sentence: str, outcome: str) -> None:
    result = tag("Nous rapportons 30 patients traités par pompe. " + sentence)
    assert outcome in result.ids("outcome"), sentence


def test_italian_and_portuguese_words_like_sono_and_dor_name_no_outcome() -> None:
    result = tag(
        "Nous rapportons 30 patients traités par pompe. I pazienti sono stati trattati. "
        "A DOR agonist was given."
    )
    assert not {"sleep", "pain"} & set(result.ids("outcome"))


@pytest.mark.parametrize(
    "text",
    [
        "Métodos: Ensaio clínico randomizado com 24 doentes. Resultados: A espasticidade diminuiu.",
        "Methodik: 24 Patienten wurden randomisiert zwei Gruppen zugeteilt. Ergebnisse: Die"
        " Spastik nahm ab.",
    ],
)
def test_a_randomised_trial_named_in_portuguese_or_german_is_an_rct(text: str) -> None:
    assert design(text, "Baclofeno intratecal") == "rct"


def test_patients_named_again_by_they_after_the_oral_drug_keep_their_harm() -> None:
    result = in_results("Two patients were weaned off oral tizanidine, but they became drowsy.")
    assert "cns_adverse_effects" in result.ids("complication")


def test_a_harm_of_the_oral_group_in_an_italian_trial_is_the_comparators() -> None:
    result = tag(
        "Metodi: Studio randomizzato su 24 pazienti assegnati alla pompa intratecale o alla"
        " terapia orale. Risultati: La rigidità si è ridotta; sonnolenza è stata riportata nel"
        " gruppo della terapia orale.",
        "Baclofene intratecale nella sclerosi multipla",
    )
    assert "cns_adverse_effects" not in result.ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Objectif : évaluer l'efficacité et la tolérance du traitement chez 20 patients.",
        "Objetivo: evaluar la eficacia y la tolerancia del tratamiento en 20 pacientes.",
        "The drug showed good tolerance in 20 patients.",
    ],
)
def test_tolerance_meaning_how_well_the_drug_is_borne_is_no_harm(sentence: str) -> None:
    assert "tolerance" not in tag(sentence).ids("complication")


def test_ease_of_care_in_portuguese_is_a_caregiver_outcome() -> None:
    result = tag(
        "Estudo retrospectivo de doze crianças. Os cuidadores relataram maior facilidade nos"
        " cuidados.",
        "Baclofeno intratecal em crianças",
    )
    assert "caregiver_burden" in result.ids("outcome")


def test_time_saved_in_intensive_care_is_no_carers_burden() -> None:
    result = tag(
        "We describe three adults with severe spasms treated by intrathecal infusion. Fewer"
        " sedatives were given, which may shorten the time and staff required for intensive"
        " care."
    )
    assert "caregiver_burden" not in result.ids("outcome")


@pytest.mark.parametrize("phrase", ["Intrathecal baclofen pump complications", "ITB pump problems"])
def test_the_therapys_pump_complications_with_no_type_are_no_pump_malfunction(
    phrase: str,
) -> None:
    result = tag(
        f"We report a girl whose wound opened over the device. Keywords: {phrase}; spasticity"
    )
    assert "pump_malfunction" not in result.ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Two patients had pump complications and three had catheter complications.",
        "In one man the pump had problems with its rotor.",
    ],
)
def test_complications_of_the_pump_itself_are_still_a_pump_malfunction(sentence: str) -> None:
    assert "pump_malfunction" in in_results(sentence).ids("complication")


def test_a_harm_in_advice_on_which_patients_to_suspect_it_in_is_none_of_the_case() -> None:
    result = tag(
        "A 30-year-old woman with paraplegia had a catheter tip lying outside the dura. It was"
        " repositioned. A misplaced tip should be considered in any patient who shows loss of"
        " effect despite dose increases."
    )
    assert "tolerance" not in result.ids("complication")


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Intrathecal baclofen in severe tetanus",
            "Eight adults received an intrathecal infusion; spasticity and rigidity lessened.",
        ),
        (
            "Spinal infusion for spasms",
            "We treated eight patients admitted with generalised tetanus with intrathecal"
            " baclofen; spasticity lessened.",
        ),
        (
            "Spinal infusion for spasms",
            "The management of severe tetanus often needs weeks of ventilation. We describe"
            " two cases given intrathecal baclofen, which, by reducing spasms and spasticity,"
            " shortened it.",
        ),
    ],
)
def test_patients_with_tetanus_are_no_population_of_spasticity_alone(
    title: str, abstract: str
) -> None:
    assert "spasticity_unspecified" not in tag(abstract, title).ids("indication")


def test_tetanus_named_only_as_another_use_leaves_spasticity_the_population() -> None:
    result = tag(
        "The drug has also been given in tetanus. We treated 15 adults with severe spasticity."
    )
    assert "spasticity_unspecified" in result.ids("indication")


def test_a_chart_review_aiming_at_differences_between_diagnostic_groups_is_a_cohort() -> None:
    assert (
        design(
            "Objective: To examine the differences in dosing between adults with spasticity of"
            " cerebral vs spinal origin. Design: Retrospective chart review of 80 adults."
            " Results: Doses did not differ."
        )
        == "cohort"
    )


def test_a_chart_review_of_differences_over_time_stays_a_case_series() -> None:
    assert (
        design(
            "Objective: To examine the differences between baseline and last follow-up vs"
            " published norms. Design: Retrospective chart review of 80 adults."
        )
        == "case_series"
    )


@pytest.mark.parametrize(
    "tail",
    [
        "\nPublication types: Case Reports\nMeSH terms: Multiple Sclerosis / drug therapy*; Humans",
        "\n\nPublication types\n\n  \u2022 Case Reports\n\nMeSH terms\n\n  \u2022 Multiple"
        " Sclerosis / drug therapy*\n  \u2022 Humans\n",
    ],
)
def test_a_pasted_pubmed_pages_index_lines_are_read_as_its_fields(tail: str) -> None:
    sections, extra = split_abstract("A woman on an implanted pump was admitted." + tail)
    assert [s.text for s in sections] == ["A woman on an implanted pump was admitted."]
    assert extra == {
        "publication_types": ["Case Reports"],
        "mesh": ["Multiple Sclerosis / drug therapy*", "Humans"],
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The evidence shows that long-term intrathecal therapy is effective in the management"
        " of spasticity.",
        "Most series found the pump efficacious for muscle spasticity.",
        "Severe spasticity of cerebral origin has been shown to respond well to long-term ITB.",
    ],
)
def test_a_reviews_claim_that_spasticity_answers_the_therapy_is_its_outcome(
    sentence: str,
) -> None:
    result = tag(
        "This review summarises two decades of experience with implanted pumps. " + sentence
    )
    assert result.design.id == "review"
    assert "spasticity" in result.ids("outcome")


def test_a_reviews_opening_that_the_therapy_offers_benefits_names_its_outcome() -> None:
    result = tag(
        "Intrathecal baclofen offers clear benefits in reducing spasticity in selected adults."
        " Pumps are expensive. The techniques are described and discussed.",
        "Intrathecal baclofen therapy: an overview",
    )
    assert "spasticity" in result.ids("outcome")


def test_a_primary_studys_opening_that_the_therapy_offers_benefits_is_no_outcome() -> None:
    result = tag(
        "Intrathecal baclofen offers clear benefits in reducing spasticity. We report 12"
        " adults whose pumps were refilled at home; refill visits took 20 minutes."
    )
    assert "spasticity" not in result.ids("outcome")


def test_a_structured_reviews_medline_search_told_by_the_act_is_a_systematic_review() -> None:
    assert (
        design(
            "Objective To summarise the pharmacology of intrathecal baclofen. Data Sources"
            " Material was gathered by performing a PubMed search for trials and reviews."
            " Study Selection Articles on dosing were chosen. Data Synthesis The drug reduces"
            " tone. Conclusions It is safe."
        )
        == "systematic_review"
    )


def test_a_structured_reviews_bare_heads_are_its_sections() -> None:
    sections, _ = split_abstract(
        "Objective To summarise the drug. Data Sources A PubMed search. Study Selection"
        " Trials were chosen. Data Extraction Two authors read them. Data Synthesis It works."
    )
    assert [s.label for s in sections] == [
        "OBJECTIVE",
        "DATA SOURCES",
        "STUDY SELECTION",
        "DATA EXTRACTION",
        "DATA SYNTHESIS",
    ]


def test_a_negation_inside_a_bracket_ends_with_the_bracket() -> None:
    result = in_results(
        "The commonest events were drowsiness (no lasting effect), constipation and nausea."
    )
    assert {"gastrointestinal", "cns_adverse_effects"} <= set(result.ids("complication"))


def test_a_negation_before_a_bracket_still_reaches_the_harm_after_it() -> None:
    result = in_results("No patient (0%) developed a wound infection.")
    assert "infection" not in result.ids("complication")


def test_harms_named_only_among_a_studys_outcomes_with_no_event_told_are_no_tags() -> None:
    result = tag(
        "Methods: We reviewed 90 adults with pumps. Secondary outcomes included the incidence"
        " of complications such as catheter kinks and pump motor stalls. Results: Tone fell;"
        " two pocket infections occurred."
    )
    assert set(result.ids("complication")) == {"infection"}


def test_the_authors_comparing_opens_the_study_in_an_objective() -> None:
    result = tag(
        "OBJECTIVE: In adults with spinal cord injury, the authors compared care needs after"
        " pump insertion or rhizotomy. Both are used at two centres. METHODS: A retrospective"
        " review of 40 adults."
    )
    assert "caregiver_burden" in result.ids("outcome")


def test_pain_in_a_list_of_domains_said_to_improve_is_measured() -> None:
    result = in_results(
        "For quality of life, physical functioning, body pain, vitality, social functioning,"
        " and mental health significantly improved."
    )
    assert "pain" in result.ids("outcome")


def test_what_the_therapy_has_been_known_to_do_is_no_outcome_of_a_case_report() -> None:
    result = tag(
        "Pallidal stimulation is an option for dystonia. Intrathecal baclofen (ITB) has been"
        " known to reduce spasticity in patients who failed oral drugs. We report a woman with"
        " dystonic cerebral palsy whose pain fell after a pump was implanted."
    )
    assert "spasticity" not in result.ids("outcome")
    assert "pain" in result.ids("outcome")


def test_a_label_at_a_lines_start_after_a_conference_pages_header_is_a_section() -> None:
    sections, _ = split_abstract(
        "Friday, June 2, 2017\nPoster Hall B\nJane Roe, MD, Mellen Center, Cleveland, OH\n"
        "Background:\n\nSpasticity in MS impairs walking and daily activities.\n\nObjectives:\n\n"
        "This series reviewed 30 adults on pumps."
    )
    assert [s.label for s in sections] == [None, "BACKGROUND", "OBJECTIVES"]


def test_a_conference_abstracts_background_after_its_header_names_no_outcome() -> None:
    result = tag(
        "Friday, June 2, 2017\nPoster Hall B\nJane Roe, MD, Mellen Center, Cleveland, OH\n"
        "Background:\n\nSpasticity in MS causes painful spasms and problems with activities of"
        " daily living.\n\nObjectives:\n\nThis case series reviewed 30 adults on pumps for pain"
        " scores."
    )
    assert "activities_daily_living" not in result.ids("outcome")


@pytest.mark.parametrize(
    ("heading", "facet", "tag_id"),
    [
        ("Length of Stay", "outcome", "cost"),
        ("Cost of Illness", "outcome", "cost"),
        ("Seroma", "complication", "csf_leak"),
    ],
)
def test_mesh_headings_of_hospital_days_and_seromas_are_their_tags(
    heading: str, facet: str, tag_id: str
) -> None:
    fields = {
        "abstract": [{"text": "We report 20 adults given intrathecal baclofen by pump."}],
        "mesh": [{"descriptor": heading}],
    }
    result = TAGGER.tag(tag_input(ITB, "article", [fields]))
    assert tag_id in result.ids(facet)


@pytest.mark.parametrize(
    "sentence",
    [
        "After a tenfold refill error she became comatose and required mechanical ventilation.",
        "He remained in coma, with fixed pupils and no breaths over the ventilator rate.",
    ],
)
def test_breathing_taken_over_by_a_machine_in_an_overdose_coma_is_respiratory_depression(
    sentence: str,
) -> None:
    result = tag("A 52-year-old woman with multiple sclerosis had a pump. " + sentence)
    assert "respiratory_depression" in result.ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "After a tenfold refill error she became comatose but did not require ventilation.",
        "The fourth man with tetanus required mechanical ventilation throughout.",
    ],
)
def test_ventilation_denied_or_with_no_overdose_told_is_no_respiratory_depression(
    sentence: str,
) -> None:
    result = tag("A 52-year-old woman with multiple sclerosis had a pump. " + sentence)
    assert "respiratory_depression" not in result.ids("complication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Parents described improvement in areas of dressing and mobility.",
        "There were gains in self-care, mobility and communication.",
    ],
)
def test_mobility_last_in_a_list_of_what_improved_is_motor_function(sentence: str) -> None:
    assert "motor_function" in in_results(sentence).ids("outcome")


def test_a_patients_presenting_signs_are_the_events_not_a_diseases_features() -> None:
    result = tag(
        "A 58-year-old woman on dialysis took oral baclofen 10 mg daily for spasticity after a"
        " spinal cord injury. She was admitted to our unit for signs of drowsiness, vomiting"
        " and hypotonia. Baclofen was stopped and she recovered.",
        "Baclofen neurotoxicity in a patient on dialysis",
    )
    found = set(result.ids("complication"))
    assert {"overdose", "cns_adverse_effects", "gastrointestinal", "hypotonia_weakness"} <= found


def test_another_agents_neurotoxicity_is_no_overdose() -> None:
    result = tag(
        "Rats were given valproate after lesions; it gave dose-dependent protection against"
        " rotenone neurotoxicity.",
        "Valproate in a rat model of Parkinson's disease",
    )
    assert "overdose" not in result.ids("complication")


@pytest.mark.parametrize(
    "keyword",
    ["pain/co [complication]", "sleep disorder/si [side effect]", "Pain/chemically induced"],
)
def test_an_index_term_made_a_harm_by_its_subheading_is_no_outcome(keyword: str) -> None:
    fields = {
        "abstract": [{"text": "We reviewed 40 adults given intrathecal baclofen by pump."}],
        "keywords": [{"keyword": keyword}],
    }
    result = TAGGER.tag(tag_input(ITB, "article", [fields]))
    assert not {"pain", "sleep"} & set(result.ids("outcome"))


def test_an_index_term_with_no_harm_subheading_is_still_an_outcome() -> None:
    fields = {
        "abstract": [{"text": "We reviewed 40 adults given intrathecal baclofen by pump."}],
        "keywords": [{"keyword": "pain/dt [drug therapy]"}],
    }
    assert "pain" in TAGGER.tag(tag_input(ITB, "article", [fields])).ids("outcome")


@pytest.mark.parametrize(
    "opening",
    [
        "More than 2,000 patients have undergone intrathecal baclofen therapy in Germany since"
        " 1995.",
        "Approximately 5,000 children receive intrathecal baclofen each year.",
    ],
)
def test_a_nations_or_a_years_rounded_count_is_no_sample(opening: str) -> None:
    assert n(opening + " We describe a 35-year-old woman whose catheter kinked.") == 1


def test_an_exact_count_of_a_studys_patients_in_a_nation_is_its_sample() -> None:
    assert n("Forty-two patients have received pumps in Germany at three centres.") == 42


@pytest.mark.parametrize(
    "abstract",
    [
        "Tone and pain improved after pump implantation in this man with paraplegia.",
        "Le tonus et la douleur ont diminué après l'implantation de la pompe chez ce patient"
        " paraplégique.",
        "El tono y el dolor disminuyeron tras el implante de la bomba en esta paciente.",
    ],
)
def test_a_one_sentence_abstract_telling_of_its_one_patient_is_the_study(abstract: str) -> None:
    assert "pain" in tag(abstract).ids("outcome")


def test_this_patient_population_opens_no_study() -> None:
    result = tag(
        "Pain is common in this patient population and limits daily life. We implanted pumps"
        " in 12 adults; spasticity fell."
    )
    assert "pain" not in result.ids("outcome")


@pytest.mark.parametrize(
    "abstract",
    [
        "ObjectThe aim was to study pumps in adults.MethodsTwelve adults were treated.Results"
        "Eleven improved.ConclusionsPumps help.",
        "ObjectivesTo study pumps in adults.MethodTwelve adults were treated.ResultEleven"
        " improved.",
    ],
)
def test_plural_heads_run_into_their_text_are_still_heads(abstract: str) -> None:
    sections, _ = split_abstract(abstract)
    assert "METHODS" in {s.label for s in sections} or "METHOD" in {s.label for s in sections}
    assert n(abstract) == 12


def test_those_found_then_those_kept_in_one_sentence_count_the_kept() -> None:
    assert (
        n(
            "Methods: We reviewed our pump registry. Results: Forty-one adults with a pump"
            " were identified, and 33 adults (mean age 44.5 years) were finally included."
        )
        == 33
    )


def test_a_screening_tests_screened_and_implanted_still_take_the_larger() -> None:
    assert (
        n("Forty-one adults were screened with a bolus, and 33 adults were implanted with a pump.")
        == 41
    )


def test_articles_called_individual_are_no_participants() -> None:
    abstract = (
        "Clinical question: does a pump help walking in adults with paraplegia? Search:"
        " MEDLINE database \u2014 keywords 'baclofen pump' \u2192 twelve individual articles"
        " \u2192 three relevant."
    )
    assert n(abstract) != 12


@pytest.mark.parametrize(
    "search",
    [
        "Dates of search: 1990 to March 2021.",
        "Embase database\u2014keywords 'intrathecal baclofen', 'pump' \u2192 14 articles.",
    ],
)
def test_a_best_evidence_topics_record_of_its_search_makes_a_systematic_review(
    search: str,
) -> None:
    abstract = (
        "A 9-year-old girl with cerebral palsy cannot sit unaided. Clinical question: in"
        f" children with cerebral palsy, does a pump improve sitting? {search} Two studies"
        " were relevant."
    )
    assert design(abstract) == "systematic_review"


@pytest.mark.parametrize(
    "sentence",
    [
        "The commonest cause of spasticity was spinal cord injury in 14 patients, followed by"
        " stroke in 5 and meningitis in 2.",
        "Etiologies: trauma (n = 9), infection (n = 3) and hypoxia (n = 2).",
    ],
)
def test_an_infection_listed_among_the_diseases_causes_is_no_harm(sentence: str) -> None:
    assert "infection" not in in_results(sentence).ids("complication")


def test_an_infection_causing_a_device_event_is_still_a_harm() -> None:
    result = in_results("The cause of two pump removals was a pocket infection.")
    assert "infection" in result.ids("complication")


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        ("Spasticity and pain were assessed before and after implantation.", "spasticity"),
        ("Functional, spasticity, and mobility measures were compared before and after the"
         " bolus.", "motor_function"),
        ("Functional, spasticity, and mobility measures were compared before and after the"
         " bolus.", "spasticity"),
        ("Gait and sleep were evaluated at 6 months.", "motor_function"),
    ],
)  # fmt: skip
def test_an_outcome_in_a_list_measured_is_an_outcome(sentence: str, wanted: str) -> None:
    assert wanted in tag(f"Methods: We reviewed 15 adults with pumps. {sentence}").ids("outcome")


def test_people_with_spasticity_assessed_are_no_spasticity_outcome() -> None:
    result = tag("Methods: Adults with spasticity and dystonia were assessed for a pump.")
    assert "spasticity" not in result.ids("outcome")


def test_a_harm_left_by_a_brain_operation_is_none_of_the_pumps() -> None:
    result = tag(
        "A 30-year-old man had a hygroma stemming from his decompressive craniectomy. A pump"
        " was implanted for his hypertonia, which improved."
    )
    assert "csf_leak" not in result.ids("complication")


def test_a_disorder_defined_by_what_it_causes_gives_no_harm() -> None:
    result = tag(
        "We report a 40-year-old man treated with a pump. Familial spastic paraplegia is an"
        " inherited disorder that causes stiffness and weakness of the legs. His walking"
        " improved."
    )
    assert "hypotonia_weakness" not in result.ids("complication")


def test_a_disease_form_said_to_include_findings_gives_no_harm() -> None:
    result = tag(
        "We report a 40-year-old man treated with a pump. Complicated forms include additional"
        " findings, such as seizures and ataxia. His walking improved."
    )
    assert "seizure" not in result.ids("complication")


@pytest.mark.parametrize(
    "byline",
    [
        "Ann B. Carter, MD, MS, Dan E. Fox, PhD.",
        "Carol Dunn, MS RN CRRN.",
        "Eve Gray, PhD, MS.",
        "Fay Hill3, MS, PT, Gil Ivy3, PT.",
    ],
)
def test_an_authors_degree_ms_is_no_multiple_sclerosis(byline: str) -> None:
    result = tag(
        f"Pumps in spinal cord injury. {byline} Objective: To study pumps. Participants: Twelve"
        " adults with spinal cord injury."
    )
    assert result.ids("indication") == ["spinal_cord_injury"]


def test_ms_named_for_the_patients_is_still_multiple_sclerosis() -> None:
    result = tag("We implanted pumps in 12 adults with MS and 3 with spinal cord injury.")
    assert "multiple_sclerosis" in result.ids("indication")


def test_a_label_after_the_word_abstract_in_a_pasted_header_is_a_label() -> None:
    sections, _ = split_abstract(
        "CASE REPORT Open Access A pump for a boy Ann Carter 1 Abstract Introduction: Pump"
        " stops have been associated with seizures and death. Case presentation: A 9-year-old"
        " boy had a pump implanted without incident."
    )
    assert [s.label for s in sections][-2:] == ["INTRODUCTION", "CASE PRESENTATION"]


def test_keywords_shown_before_the_abstract_leave_the_abstract_its_text() -> None:
    page = (
        "A Journal of Anaesthesia\n\nKeywords: Baclofen; Pump; Spinal Cord Injury\n\nABSTRACT"
        "\n\nObjective: We report a withdrawal. Case Report: A 50-year-old man with a pump"
        " presented with confusion after his pump's reservoir was found empty at a missed"
        " refill."
    )
    sections, extra = split_abstract(page)
    assert extra["keywords"] == ["Baclofen", "Pump", "Spinal Cord Injury"]
    assert "CASE REPORT" in [s.label for s in sections]
    assert n(page) == 1


def test_keywords_at_the_end_still_end_the_abstract() -> None:
    sections, extra = split_abstract(
        "We implanted pumps in 12 adults.\n\nKeywords: baclofen; pump\n\nSubstances\n\n"
        "  \u2022 Baclofen"
    )
    assert extra["keywords"] == ["baclofen", "pump"]
    assert [s.text for s in sections] == ["We implanted pumps in 12 adults."]


def test_bare_heads_on_their_own_lines_are_heads() -> None:
    result = tag(
        "Skip to main content\nA Journal\n\nA pump stop: a case report\n\nAbstract\n\n"
        "Background\n\nIntrathecal pumps are used more and more. Drowsiness, nausea, headache"
        " and muscle weakness can be caused by a pump delivering a wrong dose.\n\nCase"
        " presentation\n\nA 30-year-old man with cerebral palsy had a pump stopped by a"
        " programming error.\n\nConclusion\n\nPumps need checks."
    )
    assert not {"cns_adverse_effects", "gastrointestinal"} & set(result.ids("complication"))


def test_a_rare_cause_of_mortality_in_a_title_is_no_death() -> None:
    result = tag(
        "A 40-year-old man with a pump presented with fever after a missed refill; he recovered.",
        title="Pump refill errors: a rare cause of significant morbidity and mortality",
    )
    assert "death" not in result.ids("complication")


def test_the_cause_of_a_death_told_is_still_a_death() -> None:
    result = tag(
        "A 40-year-old man died after a missed refill. The cause of death was baclofen withdrawal."
    )
    assert "death" in result.ids("complication")


def test_a_harm_among_the_variables_recorded_is_no_event() -> None:
    result = tag(
        "Methods: We reviewed 90 adults with pumps. The following variables were recorded:"
        " age, weight, diagnosis, fecal incontinence and seizures. Results: Two pumps"
        " failed."
    )
    assert not {"gastrointestinal", "seizure"} & set(result.ids("complication"))


def test_harms_found_to_go_with_an_outcome_are_not_variables_recorded() -> None:
    result = tag(
        "Methods: We reviewed 90 adults with pumps. Results: Variables associated with"
        " infection were CSF leak and wound dehiscence."
    )
    assert {"csf_leak", "wound_complication"} <= set(result.ids("complication"))


def test_any_complications_after_a_catheters_insertion_are_no_catheter_harm() -> None:
    result = in_results(
        "The screening method (percutaneous vs tunnelled catheter insertion) and any"
        " complications were registered."
    )
    assert "catheter_complication" not in result.ids("complication")


def test_keywords_of_a_pdfs_text_end_at_the_first_line_of_prose() -> None:
    _, extra = split_abstract(
        "We review pumps for children.\nKeywords\nintrathecal baclofen, seizures, children\n"
        "Received March 2, 2019. Accepted for publication May 1, 2019.\nBaclofen was first"
        " made in the 1960s and was given by mouth until pumps came into use."
    )
    assert extra["keywords"] == ["intrathecal baclofen, seizures, children"]


@pytest.mark.parametrize(
    "history",
    [
        "Intrathecal baclofen was first used in 1985 for spinal cord injury.",
        "The first reported use of intrathecal baclofen was for spinal cord injury.",
    ],
)
def test_the_therapys_history_names_no_population(history: str) -> None:
    result = tag(
        f"This review covers pumps for children with cerebral palsy. {history} Pumps ease"
        " spasticity in children."
    )
    assert "spinal_cord_injury" not in result.ids("indication")


def test_the_readers_own_patient_cohort_is_no_cohort_design() -> None:
    result = tag(
        "Pumps carry risks of overdose and withdrawal. We present an algorithm for managing"
        " them that services can adapt to their own particular patient cohort."
    )
    assert result.design.id != "cohort"


def test_a_trial_directorys_page_with_its_own_phrases_is_a_trial_registration() -> None:
    page = (
        "Pump Trial for Spasticity\nAbout this trial\nThis is an interventional treatment trial"
        " for Spasticity focused on measuring stroke, cerebral palsy\nEligibility Criteria\n"
        "Inclusion Criteria:\n- Patient is >18 years of age\nExclusion Criteria:\n- Patient has"
        " a systemic infection."
    )
    result = tag(page, title="Pump Trial for Spasticity")
    assert result.design.id == "trial_registration"
    assert "infection" not in result.ids("complication")


def test_a_protocols_inclusion_and_exclusion_criteria_make_no_registration() -> None:
    abstract = (
        "Methods: Forty adults will be randomised to a pump or oral drugs. Inclusion criteria:"
        " adults with stroke. Exclusion criteria: infection."
    )
    assert design(abstract) == "rct"


def test_french_autonomy_is_independence_in_daily_life() -> None:
    result = tag(
        "Chez 20 patients, les résultats observés sur l'hypertonie, l'autonomie et la qualité"
        " de vie sont favorables."
    )
    assert "activities_daily_living" in result.ids("outcome")


def test_a_chart_review_aiming_at_patterns_by_diagnosis_is_a_cohort() -> None:
    abstract = (
        "Objectives: To examine pump refill intervals and to assess for common patterns by"
        " diagnosis and age. Methods: A chart review of 40 adults with pumps was conducted."
        " Results: Intervals were shorter in multiple sclerosis than in stroke."
    )
    assert design(abstract) == "cohort"


def test_a_chart_review_describing_one_group_stays_a_case_series() -> None:
    abstract = (
        "Objectives: To describe pump refill intervals. Methods: A chart review of 40 adults"
        " with pumps was conducted. Results: Intervals averaged 3 months."
    )
    assert design(abstract) == "case_series"


def test_what_brought_patients_to_a_pump_implanted_is_no_harm_of_it() -> None:
    result = tag(
        "Three adults presented with back pain and leg weakness and were treated with"
        " intrathecal pump implantation. Spasms fell in all."
    )
    assert "hypotonia_weakness" not in result.ids("complication")


def test_harms_a_pump_patient_came_with_are_still_harms() -> None:
    result = tag(
        "A 40-year-old man with a pump presented with seizures and confusion and was treated"
        " with intrathecal baclofen infusion at a higher rate."
    )
    assert {"seizure", "cns_adverse_effects"} <= set(result.ids("complication"))


def test_a_lumbar_puncture_the_catheter_hindered_is_no_catheter_harm() -> None:
    result = tag(
        "A 30-year-old man with a pump had possible meningitis. The position of the spinal"
        " catheter hindered a safe lumbar puncture, and antibiotics were given."
    )
    assert "catheter_complication" not in result.ids("complication")


def test_a_pages_list_of_references_is_no_part_of_the_record() -> None:
    page = (
        "Pumps help severe spasticity. In this paper our team's approach is described.\n\n"
        "  1. 1.\n    Smith AB, Jones CD (1999) Intrathecal baclofen for multiple sclerosis."
        " J Neurol 24: 100\u2013104CrossRefGoogle Scholar\n  2. 2.\n    Brown EF (2001)"
        " Baclofen withdrawal in cerebral palsy. Dev Med 43: 652\u2013657PubMed"
    )
    result = tag(page)
    assert not {"multiple_sclerosis", "cerebral_palsy"} & set(result.ids("indication"))
    assert "withdrawal" not in result.ids("complication")


def test_an_exception_among_the_children_is_no_count_of_them() -> None:
    abstract = (
        "This study examines pumps in the treatment of 19 children with spasticity. Except in"
        " the case of one child who had difficulty with transfers, the carers reported benefits."
    )
    assert n(abstract) == 19


def test_advice_given_from_experience_is_no_case_series() -> None:
    abstract = (
        "Pump therapy is useful for severe spasticity. In this paper the situation in our country"
        " is described and information for physicians is given from our experience. Team work"
        " matters."
    )
    assert design(abstract) != "case_series"


@pytest.mark.parametrize(
    "history",
    [
        "In 1992, Smith reported that pumps improved spasticity in approximately 20 patients.",
        "Jones and colleagues subsequently confirmed its efficacy in a double-blind study of 30"
        " patients.",
        "The first report of its use in children was published in 1985 by Brown, et al., who"
        " treated a 4-year-old child.",
    ],
)
def test_a_sentence_of_dated_or_others_work_is_literature(history: str) -> None:
    result = tag(f"Pumps have become a standard treatment for spasticity in children. {history}")
    assert result.sample_size is None
    assert result.design.id not in ("controlled_trial", "case_report")


def test_a_randomised_trial_advocated_is_no_design_of_the_study() -> None:
    abstract = (
        "We carried out an audit of 52 children given pumps. A multicentre randomized controlled"
        " trial on pumps in ambulant children is advocated."
    )
    assert design(abstract) != "rct"


def test_patients_an_event_befell_are_no_count_of_the_study() -> None:
    abstract = (
        "Thus far we have 40 patients given pumps. In 2 patients, the implants were removed"
        " because of infection."
    )
    assert n(abstract) == 40


@pytest.mark.parametrize(
    "sentence",
    [
        "Troubles regarding the catheter system are not rare and may cause withdrawal.",
        "In one patient the reason for removal was disruption of the catheter.",
    ],
)
def test_catheter_troubles_told_before_the_catheter_are_catheter_harms(sentence: str) -> None:
    assert "catheter_complication" in in_results(sentence).ids("complication")


def test_a_harm_said_to_be_not_rare_is_no_negation() -> None:
    result = in_results("Infection is not rare after pump surgery; it occurred in three.")
    assert "infection" in result.ids("complication")
    assert "infection" not in {m.id for m in result.mentions if m.qualifier == "negated"}


def test_the_patient_of_general_advice_makes_no_case_report() -> None:
    abstract = (
        "Pump therapy is indicated for severe spastic paraparesis that does not respond to"
        " oral drugs. Postoperative complications include CSF leakage and infection."
        " Postoperatively, the patient requires refills every 2-3 months and pump replacement"
        " every 6-7 years. The therapy is not yet widespread."
    )
    assert design(abstract) != "case_report"


def test_where_spasticity_is_often_observed_names_no_population() -> None:
    result = tag(
        "Spasticity is often observed in patients with brain or spinal cord injuries. We have"
        " implanted pumps in 22 patients with severe spasticity, all of whom were satisfied."
    )
    assert "spinal_cord_injury" not in result.ids("indication")


def test_leighs_disease_is_a_neurodegenerative_disease() -> None:
    result = tag("We implanted pumps in 12 children, one with Leigh's disease.")
    assert "neurodegenerative" in result.ids("indication")


def test_locomotion_made_easier_is_motor_function() -> None:
    assert "motor_function" in in_results("The therapy facilitates locomotion.").ids("outcome")


def test_what_the_therapy_can_greatly_improve_is_a_generic_claim() -> None:
    result = tag(
        "Pump therapy can greatly improve activities of daily living and quality of life. We"
        " report the surgical methods for 22 patients."
    )
    assert not {"activities_daily_living", "quality_of_life"} & set(result.ids("outcome"))


def test_a_pubmed_pages_index_lines_after_its_references_are_still_read() -> None:
    page = (
        "We implanted pumps in 12 adults.\n\nReferences\n\n  1. Smith AB (1999) Pumps in"
        " multiple sclerosis. J Neurol 24: 100-104.\n\nPublication types\n\n  \u2022 Case"
        " Reports\n\nMeSH terms\n\n  \u2022 Baclofen / administration & dosage*"
    )
    sections, extra = split_abstract(page)
    assert extra["publication_types"] == ["Case Reports"]
    assert [s.text for s in sections] == ["We implanted pumps in 12 adults."]


def test_a_comments_citation_on_lines_is_no_abstract() -> None:
    result = tag(
        "We implanted pumps in 12 adults.\n\nComment in\nSmith J. Pumps for all? Lancet 2003.\n"
        "Jones K. Pumps in multiple sclerosis: hopes and doubts for a new therapy. BMJ 2004."
    )
    assert "multiple_sclerosis" not in result.ids("indication")


@pytest.mark.parametrize(
    "event",
    [
        "In 2012, an MRI showed that the catheter had kinked.",
        "In 2014, he reported worse spasms and the catheter was found kinked.",
    ],
)
def test_a_case_reports_dated_event_is_no_literature(event: str) -> None:
    result = tag(f"A 40-year-old man received a pump in 2009 for spasticity. {event}")
    assert "catheter_complication" in result.ids("complication")


# --- the forty-fourth session's read: JATS heads glued, references without a heading, ... ----


def test_a_case_reports_heads_glued_as_jats_sections_lose_their_tags_are_heads() -> None:
    result = tag(
        "<jats:sec>BackgroundPumps are used for spasticity in multiple sclerosis.</jats:sec>"
        "<jats:sec>Case presentationWe describe a woman with cerebral palsy whose catheter"
        " kinked.</jats:sec><jats:sec>DiscussionVigilance is needed.</jats:sec>"
    )
    assert "cerebral_palsy" in result.ids("indication")
    assert "catheter_complication" in result.ids("complication")
    assert n_of(result) == 1


@pytest.mark.parametrize(
    "rising",
    [
        "The patient required multiple increases of her baclofen over the following months.",
        "She needed several dose increases over two years.",
    ],
)
def test_a_dose_raised_again_and_again_is_tolerance(rising: str) -> None:
    result = tag(f"A 30-year-old woman with spasticity received a pump. {rising}")
    assert "tolerance" in result.ids("complication")


def test_a_list_of_references_with_no_heading_and_no_doi_is_dropped() -> None:
    page = (
        "We report a man with tetanus who improved on intrathecal baclofen.\n\nFull Text:\n\n"
        "Brown A, Green B. Wound infections. In: White C, ed. Emergencies. London; Books,"
        " 1990;63-113.\n\nBlack D, Grey E (2000). Tropical disease. J Trop Med. 2000;69:292-301."
        "\n\nRed F, Blue G. Tetanus. In: Pink H, eds. Infections. 2nd ed. 1997:629-53."
    )
    sections, _ = split_abstract(page)
    assert "".join(s.text for s in sections).endswith("Full Text:")
    assert "infection" not in tag(page).ids("complication")


def test_a_retrospective_comparison_before_and_after_is_a_case_series() -> None:
    abstract = (
        "This study aims to compare sleep-disordered breathing pre/post ITB placement. A"
        " retrospective chart review found 30 patients with polysomnograms."
    )
    assert design(abstract) == "case_series"


def test_progressive_neurological_disorders_are_neurodegenerative() -> None:
    result = tag("We studied six children with progressive neurological disorders on ITB.")
    assert "neurodegenerative" in result.ids("indication")


def test_a_diminution_of_spasms_is_a_spasticity_outcome() -> None:
    result = in_results("Results showed a diminution of pelvic floor spasms.")
    assert "spasticity" in result.ids("outcome")


def test_diseases_with_the_literatures_numbers_run_in_name_no_population() -> None:
    result = tag(
        "ITB is proven to reduce spasticity in conditions such as cerebral palsy,2,3,5-7"
        " traumatic brain injury,2,5,6 and spinal cord injury.1,3,6 We asked the carers of six"
        " children with leukodystrophy about their satisfaction."
    )
    indications = set(result.ids("indication"))
    assert "neurodegenerative" in indications
    assert not {"cerebral_palsy", "traumatic_brain_injury", "spinal_cord_injury"} & indications


def test_a_population_another_chapter_covers_is_no_population() -> None:
    result = tag(
        "Intrathecal baclofen treats spasticity. Other methods are considered elsewhere; in"
        " particular, rhizotomy for spastic cerebral palsy is discussed in Chapter 12.",
        title="Management of spasticity by infusion",
    )
    assert "cerebral_palsy" not in result.ids("indication")


@pytest.mark.parametrize(
    "title",
    [
        "Intrathecal baclofen for spasticity: review of the cases treated in our hospital",
        "Baclofeno intratecal: revisi\u00f3n de los casos tratados en nuestro servicio",
    ],
)
def test_a_review_of_the_cases_a_hospital_treated_is_a_case_series(title: str) -> None:
    assert design("", title=title) == "case_series"


def test_a_named_hospitals_therapy_since_a_year_is_the_studys_own_population() -> None:
    result = tag(
        "Background Spasticity and dystonia in children with cerebral palsy has been treated"
        " with ITB at the Northfield Children's Hospital since 1999.\n\nMethods The records of"
        " children treated until 2005 were studied.\n\nResults There were 18 first insertions."
    )
    assert {"cerebral_palsy", "dystonia"} <= set(result.ids("indication"))


def test_a_countrys_therapy_since_a_year_is_background() -> None:
    result = tag(
        "Background Spasticity in cerebral palsy has been treated with ITB in Sweden since"
        " 1990.\n\nMethods We reviewed the records of 18 adults with multiple sclerosis."
        "\n\nResults There were 18 first insertions."
    )
    assert "cerebral_palsy" not in result.ids("indication")


def test_a_syndromes_picture_in_general_is_no_harm_of_the_case() -> None:
    result = tag(
        "Baclofen is a drug of choice to treat spasticity. Emergency physicians will likely"
        " treat patients with baclofen withdrawal. The syndrome of baclofen withdrawal presents"
        " with altered mental status, fever and seizures. Treatment consists of supportive care."
        " We present a case of a 4-year-old boy with baclofen withdrawal."
    )
    complications = set(result.ids("complication"))
    assert "withdrawal" in complications
    assert not {"seizure", "cns_adverse_effects"} & complications


def test_a_therapys_commonest_harms_in_the_present_tense_are_no_harm_of_the_case() -> None:
    result = tag(
        "Pumps are used to control spasticity. The most common complications leading to"
        " explantation of the pumps are skin breakdown and infection at the implantation site."
        " We report a 37-year-old man who developed a pump pocket infection."
    )
    assert "wound_complication" not in result.ids("complication")


def test_an_aggregators_subject_line_is_no_statement_of_the_record() -> None:
    result = tag(
        "Subject(s) - medicine , baclofen , spasticity , sedation , receptor\n"
        "We report a man whose pump pocket became infected."
    )
    assert "cns_adverse_effects" not in result.ids("complication")


_ABSTRACT_OF_A_CASE = (
    "A 41-year-old man with a pump developed withdrawal after his pump was replaced. He was"
    " treated for presumed sepsis in intensive care for two weeks. The catheter was explored"
    " and a leaking connector was found. He recovered after the infusion was restored and was"
    " discharged home after 56 days, having returned to his former status. Withdrawal should"
    " be suspected whenever a patient with a pump is critically ill after a pump procedure."
)


def test_the_full_texts_first_head_after_the_abstract_starts_its_background() -> None:
    result = tag(
        f"{_ABSTRACT_OF_A_CASE}\nBackground\nIntrathecal baclofen is cost-effective and"
        " improves the quality of life of many patients."
    )
    assert not {"cost", "quality_of_life"} & set(result.ids("outcome"))
    assert "catheter_complication" in result.ids("complication")


def test_a_lone_introduction_head_after_a_pages_header_starts_the_text() -> None:
    result = tag(
        "The 10 key points (Source: Regimedia, 2004)\nPDF - 185 kb\nThe same text below:\n\n"
        "Introduction\n\nWe treated 20 adults with a pump. Their quality of life improved and"
        " pain decreased."
    )
    assert {"quality_of_life", "pain"} <= set(result.ids("outcome"))


def test_a_disease_the_course_ran_into_is_no_population() -> None:
    result = tag(
        "A man with a pump for spasticity developed withdrawal. He evolved with multisystem"
        " organ failure and cardiac arrest, and recovered after the infusion was restored."
    )
    assert "hypoxic_brain_injury" not in result.ids("indication")


def test_what_pumps_are_nowadays_widely_used_to_control_names_no_population() -> None:
    result = tag(
        "This case report describes a pump salvaged with a muscle flap. A programmable pump for"
        " the infusion of intrathecal baclofen is nowadays being widely used to control"
        " spasticity. We report a 45-year-old woman who developed a pump pocket infection."
    )
    assert "spasticity_unspecified" not in result.ids("indication")
    assert "infection" in result.ids("complication")


def test_the_studys_own_subjects_reporting_make_no_review() -> None:
    abstract = (
        "The pump is designed for continuous intrathecal administration of morphine. This"
        " study evaluated the efficacy of treatment at one year and the accuracy of drug"
        " delivery. Accuracy was determined at scheduled refill visits. Efficacy was assessed at"
        " 12 months using pain scales. Safety was assessed by documenting adverse events. After"
        " 12 months, 68% of the remaining subjects reported decreases in pain from baseline."
    )
    assert design(abstract) != "review"


def test_within_patient_variability_is_a_statistic_no_controlled_trial() -> None:
    abstract = (
        "The records of 120 children with cerebral palsy who received a pump were"
        " retrospectively reviewed. A linear mixed-effects model was used to account for"
        " within-patient variability. BMI did not change after implantation."
    )
    assert design(abstract) != "controlled_trial"


def test_what_good_care_reduces_is_no_death() -> None:
    result = tag(
        "We present a woman whose pump was stopped before surgery. Good communication in the"
        " team improves the prognosis of the patient and reduces morbidity and mortality."
    )
    assert "death" not in result.ids("complication")


def test_disorders_said_to_go_with_hypertonia_are_no_population() -> None:
    result = tag(
        "This chapter describes how pumps are implanted in children with dystonia. Disorders"
        " such as cerebral palsy are the most common, but many other disorders such as"
        " leukodystrophies and spinal cord injuries are also associated with hypertonia.",
        title="Baclofen pump: operative management",
    )
    indications = set(result.ids("indication"))
    assert not {"cerebral_palsy", "neurodegenerative", "spinal_cord_injury"} & indications


def test_a_number_the_authors_took_from_a_larger_group_is_the_sample() -> None:
    assert n("We examined 10 from 13 patients with cerebral palsy treated in 2006-2012.") == 10


@pytest.mark.parametrize(
    "measure", ["speech (Frenchay Dysarthria Assessment)", "the Dysphagia Disorder Survey"]
)
def test_a_scales_name_is_no_speech_or_swallowing_harm(measure: str) -> None:
    result = in_results(f"Gait and {measure} did not differ between the two settings.")
    assert "speech_swallowing" not in result.ids("complication")


# --- forty-fifth session ---------------------------------------------------------------------


def test_the_patients_the_authors_implanted_are_the_study_count_before_a_part_of_them() -> None:
    abstract = (
        "Methods: Over four years we implanted pumps in 51 patients; 30 children and 21 adults. "
        "Results: Nine patients with rising tone had a broken catheter."
    )
    assert n(abstract) == 51


def test_two_case_reports_the_authors_present_are_two_patients() -> None:
    assert n("We present 2 case reports of relief with the pump. One woman had burning pain.") == 2
    assert n("Two case reports are presented. One patient had spasms.") == 2
    # the literature's case reports are no patients of the record's
    assert n("Two case reports described this before. A 45-year-old man had spasms.") == 1


def test_the_patients_whose_limbs_were_counted_are_the_study_count() -> None:
    abstract = (
        "Methods: Seven treated limbs of 5 patients with pain refractory to drugs were "
        "evaluated retrospectively. Two patients underwent stimulation first."
    )
    assert n(abstract) == 5


def test_a_registry_mirror_with_another_registrys_number_is_a_trial_registration() -> None:
    page = (
        "A study of intrathecal baclofen against oral drugs in which patients are randomly "
        "assigned to one of two groups.\n- Registration Number\n- ISRCTN12345678\n- Lead "
        "Sponsor\n- A Hospital\n- Brief Summary\nNot available"
    )
    assert design(page) == "trial_registration"
    # the number alone, in an article's text, names the trial it reports
    article = "Patients were randomly assigned to the pump or oral drugs (ISRCTN12345678)."
    assert design(article) == "rct"


def test_clinicaltrials_gov_summary_template_makes_a_registration() -> None:
    summary = (
        "The goal of this clinical trial is to learn if the pump eases spasticity in adults "
        "with multiple sclerosis. The main questions it aims to answer are:\n- Does tone fall?"
        "\nParticipants will receive the pump and visit the clinic monthly."
    )
    assert design(summary) == "trial_registration"
    # a protocol article's future tense alone is no registry's template
    protocol = (
        "We will randomly assign 40 adults to the pump or oral baclofen. Participants will "
        "be assessed monthly."
    )
    assert design(protocol) != "trial_registration"


def test_a_full_texts_introduction_after_the_keywords_gives_no_tags() -> None:
    abstract = (
        "Purpose\nWe describe the device problems of the pump in our children with cerebral "
        "palsy over ten years of care.\nMethods\nThe records of 120 children were reviewed. "
        "Infections and leaks were noted. Each event was counted.\nResults\nInfection "
        "occurred in 9 children. Leaks occurred in 6. Most events were early.\nConclusions\n"
        "Device problems are common and need care.\n"
        "Keywords: cerebral palsy, complication, intrathecal baclofen\nIntroduction\n"
        "The pump was developed in the 1990s, and its efficacy was confirmed in children. "
        "Seizures were seen in two of the first children treated."
    )
    found = tag(abstract)
    assert "seizure" not in found.ids("complication")
    assert "infection" in found.ids("complication")
    # a page that shows its keywords before the abstract keeps the abstract after them
    page = (
        "Keywords: spasticity; pump\n\nABSTRACT\n\nObjective: To report withdrawal in 12 "
        "patients after catheter breaks. Results: Withdrawal occurred in 5 patients."
    )
    assert "withdrawal" in tag(page).ids("complication")


def test_a_comparison_sign_keeps_the_lines_of_a_pasted_page() -> None:
    abstract = (
        "Methods\nThe records of 30 adults were reviewed.\nResults\nTone fell (p < 0.05) in "
        "most patients\nKeywords: spasticity, pump, withdrawal\nMeSH terms\n\u2022 Humans"
    )
    item = tag_input(ITB, "article", [{"abstract": [{"text": abstract}]}])
    assert item.keywords == ("spasticity", "pump", "withdrawal")
    assert item.mesh and not any("Keywords" in section.text for section in item.abstract)


def test_a_patient_description_head_tells_the_case() -> None:
    abstract = (
        "Background: Dystonia after spinal lesions is provoked by touch. Patient description: "
        "A boy with a skeletal dysplasia developed tetraplegia from cord compression. An "
        "intrathecal baclofen bolus ameliorated his dystonia."
    )
    found = tag(abstract)
    assert found.design.id == "case_report"
    assert "dystonia_severity" in found.ids("outcome")


def test_the_clinical_course_of_one_child_summarized_is_a_case_report() -> None:
    abstract = (
        "Pumps are used more and more in children. In this report, we summarize the clinical "
        "course of a 7-year-old girl with cerebral palsy who went into withdrawal. Her course is "
        "compared to that of adults. Clues to diagnosis are discussed. Doctors who care for "
        "such children should be made aware of this clinical scenario to avoid delays."
    )
    assert design(abstract) == "case_report"
    assert n(abstract) == 1
    # a review summarizing what is known stays a review
    assert design("In this paper we summarize the evidence on pumps in children.") == "review"


def test_increasing_doses_tried_out_are_no_tolerance() -> None:
    tried = in_results(
        "Increasing doses of baclofen by continuous infusion were tested over 3 days."
    )
    assert "tolerance" not in tried.ids("complication")
    rising = in_results("Increasing doses were needed over the years to keep the effect.")
    assert "tolerance" in rising.ids("complication")


def test_a_sleep_eeg_is_no_sleep_outcome() -> None:
    assert "sleep" not in in_results("A sleep electroencephalogram showed spikes.").ids("outcome")
    assert "sleep" in in_results("Sleep improved in 12 patients.").ids("outcome")


def test_a_wounds_dressing_is_no_daily_activity() -> None:
    sores = in_results("An occlusive dressing of pressure sores was brought in.")
    assert "activities_daily_living" not in sores.ids("outcome")
    assert "activities_daily_living" in in_results("Dressing improved in 9.").ids("outcome")


def test_a_degree_in_a_list_of_authors_is_no_multiple_sclerosis() -> None:
    found = tag(
        "Anna B. Smith MD, MHS; Mario Rossi MS; Ken Lee MD\nPatients requiring a pump refill "
        "were recruited. Pain was recorded."
    )
    assert "multiple_sclerosis" not in found.ids("indication")


def test_another_bodys_dated_recommendations_cited_make_no_guideline() -> None:
    abstract = (
        "Improper refills can harm. Recently, the 2017 Polyanalgesic Consensus Conference "
        "recommendations describe ultrasound guidance for refills. Patients requiring a refill "
        "were recruited; refills then alternated with palpation and ultrasound guidance. Time "
        "to access was recorded and compared."
    )
    assert design(abstract) == "controlled_trial"
    # the record's own conference, its name not a proper name's
    own = "These statements were agreed at the 2017 national consensus conference on pumps."
    assert design(own) == "guideline"


def test_a_practice_guide_is_a_guideline() -> None:
    text = "Status dystonicus is an emergency. Early consideration of pumps is required."
    assert design(text, title="Status dystonicus: a practice guide") == "guideline"


def test_sedation_dosed_as_a_treatment_is_no_harm() -> None:
    text = "Different depths of sedation in intensive care abate the spasms; pumps then help."
    found = tag(text, title="Status dystonicus: clinical guidelines")
    assert found.design.id == "guideline"
    assert "cns_adverse_effects" not in found.ids("complication")


def test_a_position_taken_for_a_refill_is_no_motor_outcome() -> None:
    found = in_results("Some needed special positioning to access the pump; pain was recorded.")
    assert "motor_function" not in found.ids("outcome")


def test_a_flow_reduced_by_mistake_is_a_pump_malfunction() -> None:
    found = in_results(
        "Spasms came back after an inadvertent reduction of the flow when the concentration "
        "was raised."
    )
    assert "pump_malfunction" in found.ids("complication")
    planned = in_results("The flow was reduced by 20% on purpose.")
    assert "pump_malfunction" not in planned.ids("complication")


def test_the_services_caseload_is_no_study_count() -> None:
    abstract = (
        "Objectives: We have 20 years of experience, and 140 patients currently receiving "
        "treatment. Results: There were 80 operations and 61 patients (M 25, F 36)."
    )
    assert n(abstract) == 61
    assert n("A survey of 140 patients currently receiving the pump was done.") == 140


def test_a_dystonic_posture_is_dystonia_not_motor_function() -> None:
    found = in_results("The pump improved the abnormal dystonic posture of the arm.")
    assert "motor_function" not in found.ids("outcome")
    assert "motor_function" in in_results("Posture improved in 8 children.").ids("outcome")


def test_dystonias_sites_and_severity_recorded_are_its_severity() -> None:
    found = tag(
        "Status dystonicus is an emergency. Precise documentation of dystonia sites and "
        "severity using rating scales is recommended.",
        title="Status dystonicus: clinical guidelines",
    )
    assert "dystonia_severity" in found.ids("outcome")


def test_cohort_as_the_word_for_a_retrospective_group_names_no_design() -> None:
    abstract = (
        "Methods: Data were extracted from the medical records of 40 walking patients who had "
        "pumps and analyzed retrospectively. Results: Our cohort consisted of 25 women and 15 "
        "men. Walking speed did not change."
    )
    assert design(abstract) == "case_series"
    # the design's own label, a database and a forward look stay cohorts
    labelled = abstract.replace("Our cohort consisted", "This retrospective cohort consisted")
    assert design(labelled) == "cohort"
    database = (
        "Methods: A review of our tumour center database identified a cohort of 60 patients "
        "treated from 1997 to 2011."
    )
    assert design(database) == "cohort"


def test_ms_beside_a_lower_case_clause_stays_the_disease() -> None:
    found = tag("We followed 30 adults with MS; some patients do not walk. Tone fell.")
    assert "multiple_sclerosis" in found.ids("indication")


# --- forty-sixth session: real abstracts read blind (issue 14)


def test_a_case_report_told_under_its_introduction_is_the_case_not_background() -> None:
    abstract = (
        "Introduction: This case report presents a 60-year-old man with severe spasms treated "
        "with an external pump. A meningitis confirmed by a spinal fluid culture was treated. "
        "Conclusion: A rare use of the therapy."
    )
    assert "infection" in tag(abstract).ids("complication")
    # what is known, told under the same label, stays background
    known = abstract.replace("This case report presents", "Reports often present")
    assert "infection" not in tag(known).ids("complication")


def test_an_n_of_events_is_no_count_of_people() -> None:
    abstract = (
        "We queried a device database for three years. Of 900 adverse events, 30% were "
        "device-related complications (n = 270). Of those, 60% were catheter-specific "
        "(n = 162) and 40% (n = 108) pump-specific."
    )
    assert n(abstract) is None
    assert n("Results: Children with spasticity (n = 32) were assessed twice.") == 32
    # people named by what they have stay people
    assert n("Results: Children with infections (n = 9) were younger than the rest.") == 9


def test_a_harm_named_as_what_it_was_instead_of_is_ruled_out() -> None:
    found = in_results(
        "His condition improved when the dose was lowered, indicating an overdose instead "
        "of withdrawal."
    )
    assert "withdrawal" not in found.ids("complication")
    assert "overdose" in found.ids("complication")


def test_a_letter_telling_cases_of_its_own_is_a_case_report_and_counts_them() -> None:
    abstract = (
        "We read with interest the case report of Smith et al. concerning coma following an "
        "intrathecal baclofen overdose. We have also experienced three cases of low blood "
        "pressure in patients after pump placement. All recovered."
    )
    found = tag(abstract, title="Baclofen and low blood pressure: our perspective")
    assert found.design.id == "case_report"
    assert found.sample_size is not None and found.sample_size.value == 3
    # the paper read is another's: its overdose is not the letter's
    assert "overdose" not in found.ids("complication")
    # a letter on another paper alone tells no patients
    reply = tag(abstract.split(" We have")[0], title="Baclofen and coma: our perspective")
    assert reply.design.id == "other"


def test_dose_creep_is_tolerance() -> None:
    found = in_results("Dose creep averaged 10% a month over the first year.")
    assert "tolerance" in found.ids("complication")


def test_what_the_data_largely_lack_was_not_measured() -> None:
    found = tag(
        "We pooled the published series. Tone fell in most patients. Data on its effect on "
        "pain and sleep are largely lacking.",
        title="ITB for spasticity: a meta-analysis",
    )
    assert "spasticity" in found.ids("outcome")
    assert not {"pain", "sleep"} & set(found.ids("outcome"))


def test_test_dosing_before_a_pump_is_protocol_not_a_dose_outcome() -> None:
    found = in_results("Twenty patients with dystonia underwent intrathecal baclofen test dosing.")
    assert "dose" not in found.ids("outcome")
    assert "dose" in in_results("The mean daily dose was 300 ug at one year.").ids("outcome")


def test_a_congenital_brain_injury_is_no_acquired_one() -> None:
    found = tag("We reviewed 15 children with congenital brain injuries and severe spasticity.")
    assert "acquired_brain_injury" not in found.ids("indication")
    acquired = tag("We reviewed 15 children with brain injuries and severe spasticity.")
    assert "acquired_brain_injury" in acquired.ids("indication")


def test_a_brackets_own_n_outranks_its_breakdown_by_sex() -> None:
    assert n("All children treated at our centre were included (n=10; 4 boys, 6 girls).") == 10


def test_a_group_narrowed_step_by_step_is_counted_once_at_its_largest() -> None:
    abstract = (
        "Participants: Adults with spasticity (N=60) who responded to a test dose (n=55) and "
        "who began therapy (n=50) were enrolled."
    )
    assert n(abstract) == 60
    assert n("Participants: Adults with MS (n = 20) and SCI (n = 15) were enrolled.") == 35


def test_a_subarachnoidal_haemorrhage_is_a_stroke() -> None:
    found = tag("Nine subjects (5 traumatic brain injuries, 3 subarachnoidal haemorrhages).")
    assert "stroke" in found.ids("indication")


def test_a_pump_stopped_at_someones_request_is_no_malfunction() -> None:
    found = in_results("One child had the pump stopped at the parents' request.")
    assert "pump_malfunction" not in found.ids("complication")
    failed = in_results("In one child the pump stopped after two years.")
    assert "pump_malfunction" in failed.ids("complication")


def test_oral_motor_function_is_no_gross_motor_outcome() -> None:
    assert "motor_function" not in in_results("Oral motor function improved in ten.").ids("outcome")
    assert "motor_function" in in_results("Gross motor function improved in ten.").ids("outcome")


def test_a_count_with_a_space_between_its_thousands_is_one_number() -> None:
    assert n("Methods: We analysed a national registry (n = 12 480).") == 12480


def test_what_remained_of_a_database_is_no_second_group() -> None:
    abstract = (
        "Methods: We analysed a registry (n = 9 000), excluding children and deaths before "
        "discharge (n = 7 500 retained)."
    )
    assert n(abstract) == 9000


def test_days_hospitalized_are_a_cost_outcome() -> None:
    found = in_results("Days hospitalized per year fell from 30 to 9.")
    assert "cost" in found.ids("outcome")


# --- forty-seventh session: real abstracts read blind (issue 14)


def test_a_count_runs_over_a_disease_abbreviation_in_brackets() -> None:
    assert n("We studied 40 multiple sclerosis (MS) patients.") == 40
    abstract = (
        "In this retrospective study, 20 spastic quadriplegic cerebral palsy (CP) patients "
        "with pumps were matched with patients without pumps."
    )
    assert n(abstract) == 20
    # (a bracket after a number is no abbreviation of a disease's name)
    assert n("Charcot-Marie-Tooth disease type 6 (CMTX6) patients were described.") is None


def test_an_age_shortened_as_case_notes_write_it_tells_one_patient() -> None:
    abstract = "Case: 31 yo G2P1 presented at 36 weeks with an intrathecal baclofen pump."
    assert design(abstract) == "case_report"
    assert n(abstract) == 1
    assert n("A 45 y/o man with an intrathecal baclofen pump presented with fever.") == 1
    assert n("Patients 18 yo and older were eligible; 40 patients were studied.") == 40


def test_what_a_pump_or_an_infusion_was_placed_for_is_no_outcome() -> None:
    abstract = (
        "We report a 40-year-old man with a pump placed to control spasticity who "
        "developed an infection."
    )
    assert "spasticity" not in tag(abstract).ids("outcome")
    abstract = (
        "Five patients with a reservoir for continuous intrathecal baclofen infusion to "
        "control spasticity underwent spinal fusion."
    )
    assert "spasticity" not in tag(abstract).ids("outcome")
    assert "spasticity" in in_results("The infusion reduced spasticity in all five.").ids("outcome")


def test_a_harm_rare_to_the_authors_knowledge_is_the_literatures() -> None:
    abstract = (
        "To our knowledge, catheter migration into the spinal cord is a very rare "
        "complication with only two cases reported. We report a 40-year-old woman with "
        "multiple sclerosis."
    )
    assert "catheter_complication" not in tag(abstract).ids("complication")
    own = in_results("Catheter migration was a rare complication in our series of 40 patients.")
    assert "catheter_complication" in own.ids("complication")


def test_analgesia_around_an_operation_is_no_pain_outcome() -> None:
    abstract = "A 12-year-old boy with a pump had an epidural catheter for perioperative analgesia."
    assert "pain" not in tag(abstract).ids("outcome")


def test_groups_announced_by_their_number_and_listed_are_summed() -> None:
    abstract = (
        "Methods: There were 3 groups: A, 20 children with fusion before the pump; B, 15 "
        "children with both at once; and C, the control group: 60 children with a pump only."
    )
    assert n(abstract) == 95
    # (as many counts as groups announced, or the list is read as before)
    assert n("Patients were divided into two groups: 10 patients with MS and 12 with SCI.") == 22


def test_a_spinal_fusion_beside_the_pump_is_no_progression_of_scoliosis() -> None:
    title = "Pump implantation and spinal fusion in children with cerebral palsy: complications"
    found = tag("We reviewed 40 children who had both operations.", title=title)
    assert "scoliosis_progression" not in found.ids("complication")
    title = "Scoliosis progression requiring spinal fusion after pump implantation"
    assert "scoliosis_progression" in tag("We reviewed 40 children.", title=title).ids(
        "complication"
    )


def test_a_patients_history_listed_is_no_outcome() -> None:
    abstract = (
        "A 45-year-old man with a history of T6 paraplegia, neurogenic bladder and chronic "
        "pain presented with fever."
    )
    found = tag(abstract)
    assert not {"autonomic", "pain"} & set(found.ids("outcome"))
    found = tag("A 31-year-old woman presented. PMH significant for neurogenic bladder.")
    assert "autonomic" not in found.ids("outcome")
    # (what happened after it still counts)
    found = tag("A 45-year-old man with a history of multiple sclerosis had less pain after ITB.")
    assert "pain" in found.ids("outcome")


def test_a_diseases_natural_history_followed_is_no_patients_history() -> None:
    found = tag("We followed the natural history of motor function in 40 adults after ITB.")
    assert "motor_function" in found.ids("outcome")


# --- forty-eighth session: real abstracts read blind (issue 14)


@pytest.mark.parametrize(
    "abstract",
    [
        "We discussed the efficiency of the pump in treating spasticity in children.",
        "Pumps deliver baclofen to the spinal fluid. The chapter weighs their worth by "
        "reviewing several international papers.",
    ],
)
def test_a_review_told_in_the_past_or_by_the_papers_it_read_is_a_review(abstract: str) -> None:
    assert design(abstract) == "review"


def test_reviewing_patients_records_is_no_review_of_papers() -> None:
    abstract = "We assessed complications by reviewing the charts of 40 patients with a pump."
    assert design(abstract) != "review"


def test_the_therapys_efficiency_in_treating_spasticity_names_the_outcome() -> None:
    abstract = (
        "This review discusses the efficiency of programmable baclofen pump implantation in "
        "treating spasticity."
    )
    assert "spasticity" in tag(abstract).ids("outcome")
    found = tag("We evaluated the efficacy of continuous intrathecal baclofen on hypertonia.")
    assert "spasticity" in found.ids("outcome")
    # (a cost-effectiveness "of ITB for the treatment of spasticity" is of its costs)
    title = "Cost-effectiveness of intrathecal baclofen therapy for the treatment of spasticity"
    assert "spasticity" not in tag("A decision model was built.", title=title).ids("outcome")


def test_about_a_count_no_one_rounds_to_is_the_count() -> None:
    abstract = (
        "The authors report on the preliminary results of this treatment on dysautonomia "
        "about four patients. For three patients: the episodes and the doses were correlated."
    )
    assert n(abstract) == 4
    # (a round figure stays a rounded one, the exact count stated after it wins)
    abstract = "About 40 patients were screened. Results: 37 patients were included."
    assert n(abstract) == 37


def test_a_count_opening_a_sentence_after_a_larger_count_is_a_part_of_those() -> None:
    abstract = (
        "In our study 49 unrelated patients with the syndrome were confirmed by testing. "
        "Two patients had a deletion of the gene."
    )
    assert n(abstract) == 49
    abstract = (
        "Of the 199 patients randomly assigned to treatment, 34 with A and 62 with B were given "
        "the drug, and 41 with A and 58 with B were given placebo."
    )
    assert n(abstract) == 199


def test_those_included_then_the_part_given_the_pump_count_once() -> None:
    abstract = "Results: Nine patients were included, and seven received chronic ITB infusion."
    assert n(abstract) == 9


def test_a_case_report_in_an_adult_counts_one() -> None:
    title = (
        "Scoliosis after intrathecal baclofen in an adult with stiff person syndrome: a case report"
    )
    assert n("The patient had reduced spasms for five years.", title=title) == 1


def test_a_case_told_under_a_background_label_is_the_case() -> None:
    abstract = (
        "Objective: We present a case of cardiac arrest after pump removal. Background: "
        "33-year-old male with history of paraplegia from cervical spinal cord injury "
        "presented with wound dehiscence and an exposed baclofen pump."
    )
    found = tag(abstract)
    assert "spinal_cord_injury" in found.ids("indication")
    assert "wound_complication" in found.ids("complication")


def test_a_harm_in_a_patients_long_history_list_is_none_of_the_therapys() -> None:
    abstract = (
        "A 33-year-old man with history of paraplegia from cervical spinal cord injury, "
        "chronic spasticity, metastatic melanoma, adrenal insufficiency, fibular osteomyelitis "
        "and chronic sacral ulcers presented with fever."
    )
    assert "infection" not in tag(abstract).ids("complication")
    abstract = (
        "A 40-year-old man with a history of two prior ITB pump pocket infections presented "
        "with fever."
    )
    assert "infection" in tag(abstract).ids("complication")


def test_a_patient_sedated_with_a_drug_has_no_cns_harm_but_altered_mentation_is_one() -> None:
    abstract = "A 33-year-old man was intubated and sedated with midazolam intravenously."
    assert "cns_adverse_effects" not in tag(abstract).ids("complication")
    abstract = "A 33-year-old man had hypotension and altered mentation after the pump was removed."
    assert "cns_adverse_effects" in tag(abstract).ids("complication")


def test_a_cardiac_arrest_the_therapy_brought_is_no_hypoxic_brain_injury() -> None:
    title = "Cardiac arrest: a rare complication of intrathecal baclofen withdrawal"
    found = tag("We present a case of cardiac arrest after baclofen pump removal.", title=title)
    assert "hypoxic_brain_injury" not in found.ids("indication")
    found = tag("We treated 12 children with dystonia after cardiac arrest with a pump.")
    assert "hypoxic_brain_injury" in found.ids("indication")


def test_tubing_revisions_are_catheter_complications() -> None:
    found = in_results("Others, in particular pump tubing revisions, were an inconvenience.")
    assert "catheter_complication" in found.ids("complication")


def test_patients_views_on_the_treatment_are_its_satisfaction() -> None:
    found = in_results("Patients were contacted to describe their views on the treatment.")
    assert "satisfaction" in found.ids("outcome")
    found = in_results("Clinicians gave their views on the treatment of spasticity.")
    assert "satisfaction" not in found.ids("outcome")


# --- forty-ninth session: real abstracts read blind, the tuning halves' rules --------------


def test_a_sentence_dated_only_by_a_decade_is_the_therapys_history_not_the_study() -> None:
    abstract = (
        "Intrathecal baclofen may help children whose disease progresses. Since the 1990s, the "
        "pump has mostly been advised for people with spasticity from conditions such as "
        "multiple sclerosis or stroke. We asked the families of five children with "
        "leukodystrophy how satisfied they were. Most were satisfied. Two had pump refills "
        "delayed. All continued the therapy."
    )
    found = tag(abstract, title="Intrathecal baclofen in progressive disease: a letter")
    assert "multiple_sclerosis" not in found.ids("indication")
    assert "stroke" not in found.ids("indication")
    assert "neurodegenerative" in found.ids("indication")
    # (a year or a count beside the decade still opens the study: "In the 1990s, 12 patients")
    counted = abstract.replace("Since the 1990s,", "In the 1990s, 12 patients were treated and")
    assert "multiple_sclerosis" in tag(counted).ids("indication")


def test_decreased_responsiveness_is_a_cns_effect_but_not_a_responsiveness_to_a_drug() -> None:
    found = in_results("Two boys developed fever and decreased responsiveness after the refill.")
    assert "cns_adverse_effects" in found.ids("complication")
    found = in_results("Two boys showed decreased responsiveness to the bolus after the refill.")
    assert "cns_adverse_effects" not in found.ids("complication")


def test_facilitation_of_care_is_the_caregivers_burden() -> None:
    found = in_results("Parents reported facilitation of care and less pain after implantation.")
    assert "caregiver_burden" in found.ids("outcome")


def test_the_dose_needed_to_control_spasticity_measures_the_dose_not_the_spasticity() -> None:
    found = in_results("The baclofen dosage needed to control spasticity rose in the first year.")
    assert "spasticity" not in found.ids("outcome")
    assert "dose" in found.ids("outcome")
    found = in_results("The dose needed fell, and spasticity decreased on the Ashworth scale.")
    assert "spasticity" in found.ids("outcome")


def test_baclofen_named_among_the_drugs_pumps_give_makes_no_record_of_the_therapy() -> None:
    abstract = (
        "Implanted pumps are used to give morphine, ziconotide, baclofen or their mixtures into "
        "the spinal fluid. We saw a man whose morphine pump stalled near a magnet, with opioid "
        "withdrawal. The pump was reprogrammed."
    )
    title = "Magnets near an intrathecal pump: a case"
    assert not tag(abstract, title=title).relevant
    abstract = abstract.replace("We saw a man whose morphine", "We saw a man whose baclofen")
    assert tag(abstract, title=title).relevant


def test_a_therapy_that_can_be_effective_is_a_claim_not_an_outcome_measured() -> None:
    found = in_results("Pumps can be an effective treatment modality for spasticity after injury.")
    assert "spasticity" not in found.ids("outcome")
    found = in_results("Spasticity fell in all 12 patients on the Ashworth scale.")
    assert "spasticity" in found.ids("outcome")


def test_what_an_event_may_progress_to_is_neither_a_harm_nor_who_was_treated() -> None:
    abstract = (
        "Four adults with multiple sclerosis had withdrawal after a catheter break. Withdrawal "
        "can progress rapidly to high fever, altered mental status, rigidity, brain injury, "
        "and death."
    )
    found = tag(abstract)
    assert "death" not in found.ids("complication")
    assert "acquired_brain_injury" not in found.ids("indication")
    assert "withdrawal" in found.ids("complication")
    found = tag("Training may result in better memory in adults with stroke. We trained 12.")
    assert "stroke" in found.ids("indication")


def test_a_harm_whose_work_up_was_negative_did_not_happen() -> None:
    found = in_results("Sepsis work-up was negative, and the fever settled after a refill.")
    assert "infection" not in found.ids("complication")


def test_a_spinal_cord_transection_is_a_spinal_cord_injury() -> None:
    found = tag("A woman quadriplegic after a complete spinal cord transection received a pump.")
    assert "spinal_cord_injury" in found.ids("indication")


def test_hypertonic_attacks_assessed_are_a_spasticity_outcome() -> None:
    found = in_results("Heart rate, blood pressure and hypertonic attacks were assessed in 20.")
    assert "spasticity" in found.ids("outcome")


def test_a_risk_correlated_with_what_patients_had_is_a_risk_factor_analysis() -> None:
    abstract = (
        "We describe the complications of 300 children treated with a pump and our "
        "experience with them. There was a positive correlation between the risk of "
        "infection and a feeding tube (p = 0.03)."
    )
    assert design(abstract) == "cohort"
    assert design(abstract.replace(" There was a positive correlation", " We saw no link")) == (
        "case_series"
    )


# --- fiftieth session: what a condition does in general, wherever it is said -----------------


def test_what_spasticity_does_to_people_in_general_is_no_outcome_measured() -> None:
    found = tag(
        "We implanted pumps in 20 adults and scored them on the Ashworth scale. Severe "
        "spasticity often limits everyday activities and impairs the quality of life of many."
    )
    assert found.ids("outcome") == ["spasticity"]
    # the study's own findings, told in the present tense, still are
    ours = tag(
        "We implanted pumps in 20 adults. In our series spasticity limits everyday "
        "activities less and quality of life is better after a year."
    )
    assert "quality_of_life" in ours.ids("outcome")


def test_diseases_spasticity_is_associated_with_in_general_are_no_population() -> None:
    found = tag(
        "Brief Summary: The purpose of this trial is to show how a new pump delivers the drug "
        "for severe spasticity. Detailed Description: Spasticity is associated with many "
        "neurological disorders such as multiple sclerosis, stroke and cerebral palsy.",
        title="A new pump for severe spasticity",
    )
    assert found.ids("indication") == ["spasticity_unspecified"]


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("The apnoea-hypopnoea index fell from 20 to 8 events an hour.", "sleep"),
        ("AHI fell from 20 to 8.", "sleep"),
        ("KIDSCREEN scores rose at a year.", "quality_of_life"),
        ("Qualiveen scores improved.", "quality_of_life"),
        ("The Care and Needs Scale score fell.", "caregiver_burden"),
    ],
)
def test_outcome_scales_named_by_their_manuals_are_their_outcomes(
    sentence: str, outcome: str
) -> None:
    assert outcome in in_results(sentence).ids("outcome")


@pytest.mark.parametrize(
    ("abstract", "indication"),
    [
        ("A boy with Canavan disease and severe spasticity received a pump.", "neurodegenerative"),
        ("A woman with corticobasal degeneration received ITB.", "neurodegenerative"),
        ("A girl with shaken baby syndrome and spasticity received a pump.",
         "traumatic_brain_injury"),
    ],
)  # fmt: skip
def test_diseases_named_by_their_eponyms_or_causes_are_their_populations(
    abstract: str, indication: str
) -> None:
    assert indication in tag(abstract).ids("indication")


def test_the_part_of_a_wider_pool_taken_into_the_study_is_its_n() -> None:
    assert n("Results: Of the 700 people given pumps in Norway, 150 were sent to a clinic and "
             "included in this study.") == 150  # fmt: skip
    assert n("Methods: Of the 410 patients enrolled in our program, 30 were selected for this "
             "study.") == 30  # fmt: skip
    # an ITB screening test's screened and implanted: the manual's larger number stands
    assert n("Results: Of 120 patients screened with a bolus, 80 received a pump.") == 120


# The fifty-first session: real abstracts read blind (their tuning half), each rule on made-up
# text.


def test_a_title_naming_the_paper_a_note_and_case_series_is_the_authors_label() -> None:
    found = tag(
        "Methods: Data were prospectively collected on children treated over two years. "
        "The catheter was placed under image guidance.",
        title="Guided catheter placement for ITB pumps: a technical note and case series",
    )
    assert found.design.id == "case_series"
    assert (
        tag(
            "We describe six adults whose pumps were placed under the muscle.",
            title="Pumps placed under the muscle: case series and technique",
        ).design.id
        == "case_series"
    )


def test_a_dressing_put_on_is_no_daily_activity() -> None:
    found = tag("We implanted 10 pumps; the tubing was wrapped sterilely in a dressing.")
    assert "activities_daily_living" not in found.ids("outcome")
    assert "activities_daily_living" not in tag(
        "In 10 adults a fresh dressing was applied after the refill."
    ).ids("outcome")
    # the daily activity still is
    assert "activities_daily_living" in in_results("Help needed with dressing fell in 8.").ids(
        "outcome"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The progressive group scored less favourably for the effect on mobility.",
        "The decrease in mobility was larger in the progressive group.",
    ],
)
def test_mobility_as_what_the_therapy_changed_is_motor_function(sentence: str) -> None:
    assert "motor_function" in in_results(sentence).ids("outcome")


def test_communication_among_daily_functions_domains_is_speech() -> None:
    found = in_results(
        "A questionnaire rated the effect on mobility, personal care, communication and comfort."
    )
    assert "speech" in found.ids("outcome")
    # not colleagues' ("communication between the pump team and the ward")
    assert "speech" not in in_results(
        "Refills were safer after communication between the team and the ward improved by a "
        "checklist."
    ).ids("outcome")


def test_a_neurodegenerative_disorder_named_with_a_word_between_is_the_population() -> None:
    found = tag(
        "Four patients with paraparesis due to a neurodegenerative pyramidal disorder received ITB."
    )
    assert "neurodegenerative" in found.ids("indication")
    # not another kind of disorder beside it
    other = tag(
        "We treated 12 adults with spinal cord injury. Imaging excluded neurodegenerative and "
        "psychiatric disorders."
    )
    assert "neurodegenerative" not in other.ids("indication")


def test_the_oral_drugs_recommended_dose_is_no_dose_outcome() -> None:
    found = tag(
        "This review of 40 trials asks whether there is a rationale for ITB in patients who "
        "fail to respond to the maximum recommended dose of oral baclofen."
    )
    assert "dose" not in found.ids("outcome")
    assert "dose" in tag(
        "This review of 40 trials gives the recommended dose of intrathecal baclofen."
    ).ids("outcome")


def test_a_dose_changed_with_no_direction_told_is_a_dose_outcome() -> None:
    found = in_results("The dose of baclofen was altered in 8 of the 30 patients.")
    assert "dose" in found.ids("outcome")
    # nor a pump's program changed
    assert "dose" not in in_results("The pump's program was altered in 3 patients.").ids("outcome")


@pytest.mark.parametrize(
    "sentence",
    [
        "Foram observadas melhoras da espasticidade de acordo com as escalas.",
        "Se observaron mejorías de la espasticidad en los tres pacientes.",
    ],
)
def test_spasticitys_improvements_in_the_plural_in_other_languages_are_its_outcome(
    sentence: str,
) -> None:
    assert "spasticity" in in_results(sentence).ids("outcome")


def test_a_registry_pages_eligibility_module_alone_is_a_registration() -> None:
    found = tag(
        "Eligibility Module. NCT ID: NCT01234567. Eligibility Criteria: Inclusion Criteria: * "
        "spastic quadriplegia * age 6 to 18 years Exclusion Criteria: * uncontrolled seizures * "
        "a systemic infection. Healthy Volunteers: False. Sex: ALL. Minimum Age: 6 Years. "
        "Maximum Age: 18 Years.",
        title="Eligibility Module",
    )
    assert found.design.id == "trial_registration"
    # its exclusion criteria name no harm
    assert found.ids("complication") == []


def test_pump_specific_beside_catheter_specific_complications_are_the_pumps_own() -> None:
    found = in_results(
        "Of 400 device-related events, 50.3% were catheter-specific (n = 201) and 21.3% "
        "(n = 85) were pump-specific."
    )
    assert {"catheter_complication", "pump_malfunction"} <= set(found.ids("complication"))
    # device-related events alone name no type (the coding manual)
    assert in_results("There were 400 device-related events.").ids("complication") == []


# The fifty-second session: real abstracts read blind (their tuning halves), each rule on
# made-up text.


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve adults practised under three conditions (order randomised) in one session.",
        "Twelve adults had three sessions, the order of the sessions randomized across them.",
        "Twelve adults took part in a randomised control crossover within-subjects design.",
    ],
)
def test_a_randomised_order_of_conditions_or_words_between_randomised_and_design_are_rct(
    sentence: str,
) -> None:
    assert design(sentence) == "rct"


def test_an_order_not_randomised_is_no_rct() -> None:
    assert design("Twelve adults had three sessions; the order was not randomized.") != "rct"


def test_the_sensitivity_of_instruments_as_the_studys_question_is_a_validation_study() -> None:
    found = design(
        "In this study 60 patients with brain injury and healthy controls completed tests and "
        "questionnaires of executive function. The main purpose was to examine the sensitivity "
        "of these instruments in this group of patients."
    )
    assert found == "other"
    # a test's effect on patients is no measure validated
    assert (
        design(
            "In this study 60 patients with brain injury and healthy controls were compared to "
            "examine the effect of training on executive function."
        )
        != "other"
    )


def test_a_goal_area_rated_names_its_outcome() -> None:
    found = in_results(
        "Parallel measures showed benefit in a range of family-centred goal areas including: "
        "pain and comfort, school attendance and seating."
    )
    assert "pain" in found.ids("outcome")
    # pain as a symptom named, nothing rated or measured (the manual)
    assert "pain" not in in_results("Two of them had spasticity with pain in both legs.").ids(
        "outcome"
    )


def test_what_this_review_includes_makes_it_a_review() -> None:
    found = design(
        "Tumours of this kind remain hard to treat. Few cell lines and no ideal animal models "
        "exist. This review includes current management and the evolving molecular biology "
        "of the tumour."
    )
    assert found == "review"
    # a review of the authors' own charts is a study of their patients
    assert (
        design(
            "This review includes 40 patients treated with ITB at our centre since 2001. We "
            "retrospectively reviewed their charts."
        )
        == "case_series"
    )


def test_a_newborns_age_in_days_makes_one_patient() -> None:
    assert n("A 17-day-old male was seen for a lesion on his right arm.") == 1


def test_things_counted_beside_people_are_no_second_group() -> None:
    assert n("Sixty-six practitioners from 8 teams and 11 professions received training.") == 66
    # a second group of people beside them is summed, as the manual sums stated groups
    assert n("Sixty-six practitioners and 11 students received training.") == 77


def test_experts_agreeing_on_a_consensus_translation_make_no_guideline() -> None:
    found = design(
        "The scale was translated by two language experts who later agreed on a consensus "
        "translation, then back translated. Thirty-five stroke survivors completed both "
        "versions."
    )
    assert found != "guideline"
    assert (
        design("The panel of 12 experts reached consensus on 15 statements after three rounds.")
        == "guideline"
    )


def test_a_patient_named_by_a_title_and_an_initial_is_a_case_report_of_one() -> None:
    found = tag(
        "Mrs. H, aged 51, was referred for a neuropsychological assessment. She followed a "
        "rehabilitation programme for her fatigue."
    )
    assert found.design.id == "case_report"
    assert found.sample_size is not None and found.sample_size.value == 1
    # "MS." in capitals still ends a sentence
    assert [s for _, s in sentences("We treated 20 adults with MS. Results were good.")] == [
        "We treated 20 adults with MS.",
        "Results were good.",
    ]


def test_a_database_search_conducted_by_a_reviews_authors_is_a_systematic_review() -> None:
    found = tag(
        "The authors of this review conducted a Medline database search regarding ITB in "
        "tetanus. To date there have been 19 reported cases treated with it."
    )
    assert found.design.id == "systematic_review"
    # the cases it pools are its participants (the manual: pooled participants)
    assert found.sample_size is not None and found.sample_size.value == 19
    # a case report's look for similar cases is no review
    assert (
        design(
            "We report a 45-year-old man with a pocket infection. We performed a PubMed search "
            "for similar cases."
        )
        == "case_report"
    )


def test_a_narrative_reviews_reported_cases_are_no_participants() -> None:
    found = tag("This review discusses ITB in tetanus. There have been 19 reported cases.")
    assert found.design.id == "review"
    assert found.sample_size is None


def test_a_count_after_what_befell_them_is_a_part_not_the_study() -> None:
    found = tag(
        "We performed mutational analyses on 16 unrelated patients with the syndrome. Ten of "
        "16 patients had mutations. Epilepsy was involved in two patients who had "
        "abnormalities on brain MRI."
    )
    assert found.sample_size is not None and found.sample_size.value == 16
    assert found.design.id != "case_report"
    # ... while a count that opens on its people still is the study's
    assert n("In 40 patients who had ITB pumps, the dose was measured.") == 40


def test_groups_of_people_compared_as_the_aim_make_a_cohort() -> None:
    found = design(
        "The aim of this study was to compare the anatomy of cerebral veins in 3 groups of "
        "neonates. Scans of 84 very preterm, 31 moderate preterm and 50 term neonates were "
        "retrospectively evaluated."
    )
    assert found == "cohort"
    # one group looked back at stays a series
    assert design("Scans of 84 preterm neonates were retrospectively evaluated.") == "case_series"


def test_none_of_the_patients_tells_the_whole_group() -> None:
    found = tag(
        "Methods: We retrospectively evaluated adults with a pump. Results: None of the "
        "evaluable 15 patients in our series developed an infection. Of the 9 patients who "
        "received a pump, 6 improved."
    )
    assert found.sample_size is not None and found.sample_size.value == 15
    # a part of them after what befell them is still no study count
    assert n("Results: Infection occurred in 3 patients who had a pump.") != 3


def test_a_case_report_of_a_survivor_and_a_case_study_of_twins_count_their_patients() -> None:
    one = tag(
        "Method: Presented here is a case report of a 20-year survivor of the tumour with "
        "pathologic review to confirm the diagnosis.",
        title="Twenty-year survival: a case report and molecular profile",
    )
    assert one.design.id == "case_report"
    assert one.sample_size is not None and one.sample_size.value == 1
    twins = tag(
        "The first case study of identical male twins concordant for the disorder was "
        "presented. Their monozygocity was confirmed. The twins differ in comorbidity.",
        title="Brief report: identical male twins concordant for the disorder",
    )
    assert twins.design.id == "case_report"
    assert twins.sample_size is not None and twins.sample_size.value == 2
    # a case study of a condition or a firm names no patient
    assert (
        design(
            "A case study of iron deficiency was presented at the workshop. Methods to assess "
            "long-term effects of nutrition on brain function were discussed at length."
        )
        != "case_report"
    )


def test_a_title_telling_its_own_patients_before_a_review_is_no_review() -> None:
    found = tag(
        "We describe the clinical features of 13 cases and propose a change to the diagnostic "
        "criteria.",
        title="A rare syndrome: analysis of 13 patients and review of the diagnostic criteria",
    )
    assert found.design.id == "case_series"
    assert found.sample_size is not None and found.sample_size.value == 13
    assert design("We discuss the criteria.", title="A rare syndrome: a review") == "review"


# --- fifty-third session ---------------------------------------------------------------------


def test_deaths_told_beside_those_lost_to_follow_up_are_no_harm_of_the_therapy() -> None:
    found = in_results(
        "Of the 45 patients, 27 are still followed, 10 died, 4 stopped their treatment and 4 "
        "were lost to follow-up."
    )
    assert "death" not in found.ids("complication")
    french = in_results("27 sont toujours suivis, 10 décédés, 4 perdus de vue.")
    assert "death" not in french.ids("complication")
    # a cause named with them makes them the therapy's
    named = in_results("Two died of baclofen withdrawal and 4 were lost to follow-up.")
    assert "death" in named.ids("complication")


def test_an_untreated_or_concomitant_scoliosis_is_the_patients_condition() -> None:
    found = in_results("Four children had untreated scoliosis and surgery was contemplated.")
    assert "scoliosis_progression" not in found.ids("complication")
    assert "scoliosis_progression" in in_results("Four children developed scoliosis.").ids(
        "complication"
    )


def test_discomfort_the_device_or_its_refills_caused_is_no_pain_outcome() -> None:
    for sentence in (
        "All were asked about discomfort of their refills during therapy.",
        "Patients were asked about discomfort from their pumps rubbing against their belts.",
        "Patients were asked about pain at the pump site.",
    ):
        assert "pain" not in in_results(sentence).ids("outcome"), sentence
    # pain relieved with the pump, and pain of people who have one, are outcomes
    assert "pain" in in_results("Pain decreased significantly with the pump.").ids("outcome")
    assert "pain" in in_results("Pain of patients with a pump decreased.").ids("outcome")


def test_a_range_the_literature_reported_is_no_figure_of_the_study() -> None:
    found = tag(
        "Objectives: Intrathecal baclofen pumps are an effective treatment for spasticity; "
        "however infection rates have been reported in 3-26% of patients in the literature. "
        "Our study was designed to clarify the rate of infection in our cohort. Methods: "
        "Clinical record review. Results: Four of 118 patients developed an infection."
    )
    assert "spasticity_unspecified" not in found.ids("indication")
    assert "spasticity" not in found.ids("outcome")
    # the study's own figure opens the study
    own = tag(
        "Objectives: Intrathecal baclofen pumps reduced spasticity in 26% of our patients; "
        "infection rates have been reported to be high. Methods: Clinical record review."
    )
    assert "spasticity" in own.ids("outcome")


def test_a_case_report_in_the_authors_words_outweighs_the_literatures_counts() -> None:
    found = tag(
        "In premarketing clinical trials of the drug, fever occurred in 3 of 576 patients "
        "during screening. We present a case report suggesting a direct causal link between "
        "intrathecal baclofen and fever. A 33-year-old woman underwent discectomy."
    )
    assert found.design.id == "case_report"
    assert found.sample_size is not None and found.sample_size.value == 1
    # a series the authors present is no case report
    assert (
        design("We present a case series of 12 patients treated with intrathecal baclofen.")
        != "case_report"
    )


def test_keywords_run_on_into_the_abstract_on_one_line_end_where_it_begins() -> None:
    sections, extra = split_abstract(
        "Keywords: Baclofen; Intrathecal; Withdrawal; Analgesia ABSTRACT Objective: Baclofen "
        "selectively activates the GABAB receptors, known to provide inhibitory "
        "neurotransmission in the central nervous system. Case Report: A 48-year-old male "
        "with a T8 spinal cord injury presented with altered mental status."
    )
    assert extra["keywords"] == ["Baclofen", "Intrathecal", "Withdrawal", "Analgesia"]
    assert "48-year-old male" in " ".join(s.text for s in sections)
    # keywords alone stay keywords
    _, alone = split_abstract("Keywords: Baclofen; Background noise; Objective measures")
    assert alone["keywords"] == ["Baclofen", "Background noise", "Objective measures"]


def test_a_reviews_published_protocol_is_a_systematic_review() -> None:
    found = tag(
        "This is the protocol for a review and there is no abstract. The objectives are as "
        "follows: to determine the effectiveness of intrathecal baclofen in treating "
        "spasticity in children with cerebral palsy, and to consider the economic "
        "implications of the therapy."
    )
    assert found.design.id == "systematic_review"
    assert {"spasticity", "cost"} <= set(found.ids("outcome"))
    # a cost-effectiveness question is the costs', not the spasticity's
    costs = tag(
        "Objective: To determine the cost-effectiveness of intrathecal baclofen for the "
        "treatment of spasticity in 40 adults."
    )
    assert "spasticity" not in costs.ids("outcome")


def test_an_age_opening_a_meeting_abstracts_head_tells_one_patient() -> None:
    found = tag(
        "Introduction: 51 year old male with a history of lymphoma requiring laminectomy. He "
        "underwent a successful intrathecal baclofen trial and a pump was implanted."
    )
    assert found.design.id == "case_report"
    assert found.sample_size is not None and found.sample_size.value == 1
    # animals of an age are no patient
    assert (
        design("Method: 8 week old male apoE-/- mice were fed normal chow or a Western diet.")
        != "case_report"
    )


def test_a_systematic_review_cited_by_its_authors_is_not_the_records_design() -> None:
    found = tag(
        "Case Diagnosis: A 53-year-old male with multiple sclerosis and a pump. Discussion: In "
        "a systematic review by Cozzi et al., the average dose was 150 mcg/day."
    )
    assert found.design.id == "case_report"


def test_a_pumps_withdrawal_or_replacement_is_no_withdrawal_syndrome() -> None:
    found = in_results(
        "The causes of withdrawal/replacement were battery failure, catheter migration and "
        "pump displacement/exteriorization."
    )
    assert "withdrawal" not in found.ids("complication")
    assert {"catheter_complication", "wound_complication"} <= set(found.ids("complication"))
    assert "withdrawal" in in_results("Two patients had baclofen withdrawal.").ids("complication")


def test_the_katz_index_measures_daily_living() -> None:
    assert "activities_daily_living" in in_results("The Katz index improved.").ids("outcome")


def test_spasticity_worse_despite_increased_dosing_is_tolerance() -> None:
    found = in_results("He presented with worsening spasticity despite increased ITBP dosing.")
    assert "tolerance" in found.ids("complication")


def test_flaccidity_told_of_the_patient_is_weakness_but_not_a_sign_to_look_for() -> None:
    told = in_results(
        "After the refill the patient exhibited bilateral lower extremity flaccidity."
    )
    assert "hypotonia_weakness" in told.ids("complication")
    listed = in_results(
        "Physicians should consider an overdose in children presenting with acute loss of "
        "consciousness, flaccidity, and hyporeflexia."
    )
    assert "hypotonia_weakness" not in listed.ids("complication")


def test_causes_weighed_against_each_other_in_a_work_up_are_not_events() -> None:
    found = in_results(
        "A stepwise algorithm was followed to evaluate the pump for actual pump failure "
        "versus catheter issues versus subtherapeutic dosing."
    )
    assert "pump_malfunction" not in found.ids("complication")
    compared = in_results("Pump failure versus catheter breakage: pump failure occurred in 2.")
    assert "pump_malfunction" in compared.ids("complication")


def test_hypertonia_last_of_what_the_efficacy_is_measured_on_is_an_outcome() -> None:
    found = tag(
        "Summary: a randomized study evaluating the efficacy of continuous intrathecal baclofen "
        "on paroxysmal dysautonomia (main objective) and hypertonia in 40 brain-injured patients."
    )
    assert "spasticity" in found.ids("outcome")


def test_a_scale_read_only_at_baseline_measures_no_outcome() -> None:
    found = in_results(
        "Secondary analyses showed that baseline average Ashworth score in the more-affected "
        "leg correlated with changes in stance time."
    )
    assert "spasticity" not in found.ids("outcome")
    # read again after the therapy, it is one
    changed = in_results("The baseline Ashworth score of 3.2 fell to 1.5 at one year.")
    assert "spasticity" in changed.ids("outcome")


def test_age_and_sex_matched_controls_are_counted_with_the_patients() -> None:
    assert n("We examined 57 obese human subjects and 54 age- and sex- matched controls.") == 111
    assert (
        n("Participants were 65 patients with MDD and 65 age- and gender-matched controls.") == 130
    )
    # a pair of modifiers is no second count
    assert n("We examined 57 obese subjects, age- and sex-matched, by MRI.") == 57


def test_publications_the_authors_reviewed_make_a_review_not_a_series() -> None:
    found = design(
        "Methods: We reviewed every major clinical publication since 1990 on the role of "
        "extent of resection in glioma outcome. Results: Twenty-eight articles were examined."
    )
    assert found == "review"
    assert design("Methods: We reviewed the records of 40 patients treated with ITB.") == (
        "case_series"
    )


def test_a_newborn_told_as_the_records_patient_is_a_case_report() -> None:
    found = tag(
        "A newborn female born at term was admitted at 28 hours for seizures and generalized "
        "hypotonia. Methylation analysis confirmed the syndrome.",
        title="Atypical presentation of a syndrome with cerebral venous thrombosis",
    )
    assert found.design.id == "case_report"
    assert found.sample_size is not None and found.sample_size.value == 1
    # a sex named as a share is no patient
    assert design("A male predominance was found among the 40 patients reviewed.") != "case_report"


def test_a_propensity_to_a_disease_is_no_propensity_score_cohort() -> None:
    found = design(
        "Neurotoxic vulnerability encompasses perinatal adversity and genetic linkage. "
        "Prodromal psychotic phases and psychosis propensity provide substance for "
        "neurodegenerative influences."
    )
    assert found != "cohort"
    assert design("Patients were propensity-matched to 120 controls from a registry.") == "cohort"


def test_a_radiotracers_synthesis_is_laboratory_work() -> None:
    found = design(
        "The authentic standard of the tracer, its precursor and a protected precursor for "
        "radiolabeling were synthesized from commercially available starting materials with an "
        "overall chemical yield of 1% in six steps, 2% in five steps and 1% in six steps "
        "respectively. The tracer was prepared from either precursor by N-methylation with a "
        "labelled methylating agent and isolated by HPLC combined with solid-phase extraction in "
        "20-25% and 15-20% radiochemical yield respectively, decay corrected to the end of "
        "bombardment. The radiochemical purity was above 99% and the specific activity at the "
        "end of bombardment was high, with a total synthesis time of about forty minutes from "
        "the end of bombardment, suitable for imaging."
    )
    assert found == "other"


# --- fifty-fourth session --------------------------------------------------------------------


def test_patients_spoken_of_together_with_no_count_are_no_case_report() -> None:
    found = design(
        "Pharmacogenetics seeks associations between the genetic code of the patient and his or "
        "her treatment effectiveness. Most results are still inconsistent, which may be due to "
        "variables concerning the sample of the patients, the genetic assays and the "
        "environmental factors. Pharmacokinetic tests appear more useful for clinical practice "
        "than pharmacodynamic ones, and further advancement of the field appears hopeful."
    )
    assert found != "case_report"
    # two counted patients are still told one by one
    assert design("We saw two boys with dystonia. The patients improved with ITB.") == (
        "case_report"
    )


def test_families_a_geneticist_counts_are_no_participants() -> None:
    found = tag(
        "Two consanguineous families with the syndrome were analyzed. There were 10 siblings "
        "in the first branch and 12 siblings in the second, seven of them affected.",
        title="Two families with quadrupedalism and infantile hypotonia (a syndrome, type II)",
    )
    assert found.design.id == "case_series"
    assert found.sample_size is None or found.sample_size.value != 2
    # families surveyed are the participants
    assert n("A questionnaire was sent to 250 families of children with an ITB pump.") == 250
    # families reported with no count of members: their members studied, a series
    reported = design(
        "Familial porencephaly is a rare disorder causing hemiplegia and epilepsy. Two families "
        "with porencephaly and apparently dominant inheritance are reported. White matter "
        "abnormalities were common and no thrombophilia was found."
    )
    assert reported == "case_series"


def test_findings_reviewed_in_counted_people_are_the_authors_own() -> None:
    found = tag(
        "Familial porencephaly is a rare disorder. Brain MRI findings are reviewed and "
        "described in seven affected individuals. Most patients also show white matter "
        "abnormalities."
    )
    assert found.design.id == "case_series"
    assert found.sample_size is not None and found.sample_size.value == 7
    reviewed = design(
        "Recent advances in the management of spasticity are reviewed. The role of ITB in "
        "cerebral palsy and its complications are discussed."
    )
    assert reviewed == "review"


def test_a_title_opening_with_a_hyphened_re_is_no_reply() -> None:
    found = design(
        "We retrospectively reviewed 36 patients who received re-irradiation. In multivariate "
        "analysis performance status predicted overall survival.",
        title="Re-irradiation for recurrent gliomas: treatment outcomes and prognostic factors",
    )
    assert found == "cohort"
    assert design("We read the study with interest.", title="Re: Intrathecal baclofen") == "other"


def test_a_societys_scientific_statement_is_an_expert_panels_guideline() -> None:
    found = design(
        "The syndrome is a heterogeneous disorder with reproductive and metabolic implications. "
        "Varying expert-based diagnostic criteria combine its features, and its pathophysiology "
        "involves abnormal gonadotropin secretion and disordered insulin action.",
        title="Scientific statement on the diagnostic criteria and genetics of the syndrome",
    )
    assert found == "guideline"


def test_a_nerve_tied_in_an_animal_model_is_laboratory_work_not_a_predictor_analysis() -> None:
    found = design(
        "In this study we found that sciatic nerve ligation induced a drastic decrease in the "
        "expression of two microRNAs in accumbal neurons. The expression of a methyltransferase, "
        "one of the predicted targets of these microRNAs, was increased 7 days after ligation, "
        "under a neuropathic pain-like state."
    )
    assert found == "other"
    # a predictor of the patients' outcome is still a cohort's
    assert design("Younger age predicted a higher dose in 80 patients with ITB.") == "cohort"


def test_a_series_used_for_comparison_makes_a_cohort() -> None:
    found = design(
        "We analyzed 17 brainstem glioma samples for mutations and methylation. A series of 738 "
        "adult supratentorial gliomas was used for comparison. Histone mutations were frequent "
        "in brainstem gliomas but rare in supratentorial ones."
    )
    assert found == "cohort"
