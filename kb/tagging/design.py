"""Exactly one design per record, by the coding manual's order (shared/reference/labelling.md):
registration, randomised, controlled, systematic review / review / guideline, the authors'
own observational label, cohort or case series, case report, other. Publication types
inform; the abstract's words decide where they say otherwise.

Precedence (the first rule that applies decides):
 1. a registry record (harvested, or imported with a registry as journal, TY RPRT, an NCT
    id as its own or a ClinicalTrials.gov URL)            -> trial_registration
 2. a registry page pasted as text (two or more of its field labels) -> trial_registration
 3. publication type Systematic Review / Meta-Analysis, or a systematic-review cue
    ("systematic review", "we searched MEDLINE", PRISMA)  -> systematic_review
 4. publication type Randomized Controlled Trial          -> rct
 5. publication type Guideline / Consensus, or a guideline cue (title: consensus,
    guideline, recommendations; abstract: Delphi, expert panel) -> guideline
 6. publication type Controlled Clinical Trial            -> controlled_trial
 7. publication type Case Reports                         -> case_report (case_series when the
    authors call it one, or more than three patients are stated)
 8. the authors saying they review ("this chapter will review", "we briefly review"), with
    no case-report cue, or reviewing published case reports ("a reevaluation of case
    reports")                                             -> review
 9. publication type Review                               -> review
10. abstract cue of randomisation                         -> rct
11. abstract cue of a control (placebo, crossover, blinded, non-randomised controlled)
                                                          -> controlled_trial
    (but an animal or laboratory cue, "rats", "in vitro", with no people counted wins over
    both: "rats were randomly divided" is the manual's animal study, `other`)
12. publication type Editorial, Letter, Comment, News...  -> other (case_report when a case
    of one to three patients is reported)
13. laboratory or animal cue                              -> other
14. the authors' own observational label ("our series", "case series", "cohort study",
    "case-matched")                                      -> that design
15. case-report cue ("we report a case", "a 45-year-old") with one to three patients
                                                          -> case_report
16. cohort cue (cohort, registry, prospective, matched or control group, a comparison of
    groups, risk factors, predictors, longitudinal, pre-post) -> cohort
17. case-series cue (retrospective review of, chart review, consecutive patients) -> case_series
18. one to three patients stated                          -> case_report
19. review cue (review of the literature, we discuss)    -> review
    then a weaker case-report cue ("the patient", "this case") with one to three patients
    or none stated                                        -> case_report
20. more patients stated                                  -> case_series
21. publication type Clinical Trial (single arm)          -> cohort
22. patients said to be studied ("patients ... were followed") -> case_series
23. expository words ("are discussed", "an overview") or an abstract of 60 words or
    more, studying no patients                            -> review (unstructured)
24. otherwise                                             -> other
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kb.tagging.inputs import OTHER_REGISTRY_IDS
from kb.tagging.opening import compile_i
from kb.tagging.sample_size import A_NUMBER, ANIMAL_WORDS, counts_animals, names_animals
from kb.tagging.textscan import GatedPattern, first_look, type_key
from kb.tagging.types import DesignChoice, DesignCue, Registry, SampleSize, TagInput

# A registry record pasted as text (a registry's own page or a mirror of one): its field
# labels. Two of them make the record a registration, whatever it calls itself.
_NCT = re.compile(r"\bNCT\d{8}\b")
# ... or another registry's number beside them and its sponsor ("Registration Number -
# EUCTR2009-011216-38-GB ... Lead Sponsor")
_OTHER_REGISTRY_ID = re.compile(rf"\b(?:{OTHER_REGISTRY_IDS}|IRCT\d\w+)")
# ClinicalTrials.gov's template of a brief summary ("The goal of this clinical trial is to
# learn if ... The main questions it aims to answer are: ... Researchers will compare ...
# Participants will ..."): a registration's words, not an article's. The question it aims
# to answer and one more of them stand for two of its labels.
_CTGOV_TEMPLATE_ASKED = compile_i(r"\bthe main questions? (?:it|this study) aims to answer\b")
_CTGOV_TEMPLATE = compile_i(
    r"\bthe goal of this (?:clinical trial|observational study|interventional study)"
    r" (?:is|was) to\b|\bresearchers will (?:compare|look|use|study|measure|assess)\b"
    r"|\bparticipants will (?:be|receive|take|complete|visit|undergo|have|answer)\b"
)
# A registry mirror's field labels, written with no colon (beside an NCT number only).
_MIRROR_LABELS = compile_i(
    r"\b(?:recruitment status|overall status|study classification|clinical phase|study phase"
    r"|brief summary|detailed description|total enrollment|target enrollment|study start date"
    r"|study completion date|primary completion date|lead sponsor|nct id|study type"
    r"|participant flow|results posted|funder types?|identifiers|details and patient eligibility"
    r"|primary endpoints?|secondary endpoints?)\b"
    # a registry mirror's status as a field of its own ("... cerebral palsy. Recruiting.
    # Enrollment 60 participants."), not a trial article's "recruiting patients was slow"
    r"|(?:^|(?<=[.;] ))(?:not yet recruiting|recruiting|active,? not recruiting|completed"
    r"|terminated|withdrawn|suspended|enrolling by invitation)\s*[.;](?=\s|$)"
    r"|\benrollment:?\s+\d+\s+participants\b"
)
# A registry's eligibility module's own fields, with their colons ("Healthy Volunteers: False.
# Sex: ALL. Minimum Age: 4 Years"), where a page shows that module alone (beside an NCT
# number anywhere in the record)
_ELIGIBILITY_FIELDS = compile_i(
    r"\b((?:accepts\s+)?healthy\s+volunteers|minimum\s+age|maximum\s+age)\s*:"
)
# (searched where the words of one of its labels are: GatedPattern's first look)
_REGISTRY_LABELS = GatedPattern(
    r"\b(?:clinicaltrials\.gov identifier|registration number|recruitment status"
    r"|overall status|lead sponsor|brief summary|detailed description|study type"
    r"|target enrollment|estimated enrollment|actual enrollment|condition or disease"
    r"|intervention/treatment|primary outcome measures?|secondary outcome measures?"
    r"|eligibility criteria|first posted|last update posted|study start|trial summary"
    r"|trial end date|participant gender|sponsor)\b\s*[:.?]"
)


def _may_hold_directory_phrases(text: str) -> bool:
    """Whether TEXT may hold _DIRECTORY_PHRASES (substring tests: the search is asked of
    every record)."""
    return (
        "ocused on measuring" in text
        or "bout this " in text
        or "ligibility criteria\n" in text
        or "ligibility Criteria\n" in text
        or ("is an " in text and ("nterventional" in text or "bservational" in text))
    )


# A trial directory's own phrases, standing for a registry's labels (registry_page)
_DIRECTORY_PHRASES = compile_i(
    r"(?m)\bthis is an? (?:interventional|observational) (?:[\w-]+ )?(?:trial|study)"
    r" (?:for|of|in)\b"
    r"|\b(?:trial|study) for [\w ,'-]{1,80}? focused on measuring\b"
    r"|^\s*about this (?:trial|study)\s*$"
    r"|^\s*eligibility criteria\s*\n\s*inclusion criteria\s*:"
)
# The authors saying the record reviews ("This chapter will review", "we briefly review"),
# not a case report's "with a review of the literature".
_REVIEWS = compile_i(
    r"\b(?:this|the present|our) (?:chapter|article|paper|review|overview|update)"
    r"(?: will| we)? (?:briefly )?(?:reviews?|summari[sz]es?|discuss(?:es)?|describes? the"
    r" (?:current|state))\b|\bwe (?:will )?(?:briefly )?(?:review|summari[sz]e)\b"
    r"(?! (?:the|our) (?:relevant )?literature)"
    r"(?! our (?:\w+ )?(?:findings|experience|results|data|observations|cases|patients|series))"
    # (nor a case report's "we summarize the clinical course of a 9-year-old boy")
    r"(?! (?:the )?(?:clinical )?(?:course|history|presentation|management) of (?:a|an|one|our"
    r"|two|three)\b)"
    r"|\bnarrative review\b"
    # the paper naming its kind of review ("This pictorial review illustrates", "this
    # educational review"; not "this retrospective review of 40 charts")
    r"|\b(?:this|the present|our) (?:pictorial|educational|illustrated|clinical|practical"
    r"|brief|short|concise|mini|focused|selective|critical|comprehensive|literature|topical)"
    r"[ -]review\b(?! of (?:\d|our\b|(?:the |their )?(?:[\w-]+ )?(?:records|charts|cases"
    r"|patients|files|notes)\b))|\bpictorial essay\b"
    # "We reviewed published cost analyses of ITB" (not "we reviewed the charts of")
    r"|\bwe reviewed (?:the )?(?:published|pertinent|relevant|available|current|existing)"
    r" (?!(?:\w+ )?(?:charts?|records?|files?|notes?|cases?|patients?)\b)"
    r"|\bin this (?:chapter|review)\b"
    # the literature on a topic reviewed as the work ("We reviewed the English literature on
    # intrathecal baclofen after stroke"; a case report's "and review the literature" names no
    # topic)
    r"|\bwe (?:reviewed|review) the (?:[\w-]+ ){0,2}?literature (?:on|regarding|concerning"
    r"|about)\b"
    # "In this article, we review the literature regarding ...": the paper itself a review
    # (a case report reviews the literature beside its case: "We report a case and review")
    r"|\bin this (?:article|paper),? (?:we|the authors) (?:will )?(?:briefly )?"
    r"(?:review|summari[sz]e)\b"
    # ... in the present review ("In the present review we present several methods")
    r"|\bin the present review\b"
    # the review as the subject of what it does ("This review focuses on the critical
    # period", "This review will examine gene pathways", "The present review will attempt
    # to identify")
    r"|\b(?:this|the present|the current) review (?:will )?(?:focuses|focus|examines|examine"
    r"|considers|consider|covers|cover|addresses|address|attempts|attempt|aims|seeks|provides"
    r"|provide|presents|present|surveys|survey)\b"
    # ... or what it takes in ("This review includes current management, evolving molecular
    # biology and the shifting paradigm of treatment"; not "This review includes 40 patients
    # treated at our centre", a review of their charts)
    r"|\b(?:this|the present|the current) review (?:will )?(?:includes|include)\b"
    r"(?! (?:\d|all\b|our\b|(?:the )?(?:[\w-]+ ){0,2}?(?:patients|cases|children|adults"
    r"|records|charts|files|notes)\b))"
    # the paper's stated aim a review or summary ("The purpose of this article was to provide
    # a comprehensive review of the exercise intervention literature", "The aim of this
    # article is to summarize the growing consensus")
    r"|\b(?:purpose|aim|objective|goal)s? of (?:this|the present) (?:article|paper|chapter)"
    r" (?:is|was) to (?:(?:provide|give|present|offer) an? (?:[\w-]+ ){0,2}?(?:review|overview"
    r"|summary|synthesis)|summari[sz]e|review)\b"
    # "The purpose of this review article is to evaluate the utilization of animal models"
    r"|\b(?:purpose|aim|objective|goal)s? of this (?:review|overview)(?: article| paper)?\b"
    # "This review provides an overview and explores the key role of ...": the paper telling
    # what it does as a review (not "This review of 45 charts included ...")
    r"|\b(?:this|the present) (?:review|overview|chapter|article|paper)"
    r" (?:provides|presents|gives|offers) (?:an?|the) (?:\w+ )?(?:overview|summary|update"
    r"|synopsis|account)\b"
    r"|\b(?:this|the present) (?:review|overview|chapter) (?:explores|examines|highlights"
    r"|outlines) the\b"
    # an expository article telling its reader how ("This article outlines an approach for
    # emergency physicians"; not "This article describes an evaluation", "This paper presents
    # a project management policy")
    r"|\b(?:this|the present) (?:article|paper) outlines (?:an?|the|our) (?:[\w-]+ ){0,2}?"
    r"(?:approach|algorithm|strategy|recognition|diagnosis|management|work-?up|treatment"
    r"|steps)\b"
    # ("This article highlights some of the advances on cognition in CADASIL"; not "This paper
    # examines the effect of ... in 120 survivors", a study)
    r"|\b(?:this|the present) (?:article|paper) highlights (?:some of )?the\b"
    # ("This article explains how the pump works, when it is refilled, and what the
    # practitioner should look for"; not "this paper explains the success of SME vendors" from
    # its content analysis of 155 cases)
    r"|\b(?:this|the present) (?:article|chapter) explains (?:how|what|when|why)\b"
    # the paper naming itself a review ("This article is a review of the available data")
    r"|\b(?:this|the present) (?:article|paper|chapter) is an? (?:[\w-]+ )?(?:review|overview)\b"
    # the paper weighing a field ("This paper considers the barriers to implementing exercise
    # programmes", "In this article we appraise the strength of this evidence"; not "This
    # paper examines the effect of ... in 120 survivors": a study, its patients its own)
    r"|\b(?:this|the present) (?:article|paper|review|chapter) (?:considers|appraises"
    r"|critically (?:appraises|examines|discusses|reviews)|addresses) (?:the|how|why"
    r"|what|whether|current|recent)\b"
    r"|\bin this (?:article|paper|review|chapter),? we (?:critically )?(?:appraise|discuss"
    r"|outline) (?:the|how|why|what|whether|current|recent)\b"
)
# A decision or cost model's own words (the manual's `other`).
_MODELLED = compile_i(
    r"\b(?:markov|decision analytic|decision model|economic model|cost-effectiveness (?:analysis"
    r"|model)|cost-utility|monte[- ]carlo|mathematical model|computer simulation|model"
    r" simulation|by simulation|actuarial (?:projection|model|analysis))"
)
# The authors' own patients studied ("We investigated 6 patients", "we evaluated 12
# consecutive children"): an abstract that also says "here we review the benefits" reports
# a study of them, no review.
_OWN_PATIENTS = compile_i(
    # ("We have also experienced three cases of ...", a letter's own)
    r"\bwe (?:(?:have|had) )?(?:also )?(?:investigated|studied|examined|assessed|evaluated"
    r"|enrolled|recruited|followed"
    r"|treated|operated on|implanted|report(?: on)?|describe|present|saw|seen|encountered"
    r"|managed|experienced"
    r"|cared for|surveyed|interviewed|audited) (?:\d+|(?:two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty)(?:-\w+)?)"
    r" (?:\w+ )?(?:patients"
    r"|children|adults|subjects|participants|individuals|people|cases)\b"
)
# A title that names the paper a review ("Donepezil: a review of its pharmacology", "ITB in
# cerebral palsy: an update"), not a review of its own patients or records.
_TITLE_REVIEW = compile_i(
    r"(?:^|:\s+)(?:an?\s+)?(?:(?:brief|narrative|critical|short|comprehensive|literature"
    r"|clinical|practical|historical|updated|concise|selective|focused|mini|general|case-based"
    r"|case based)[\s-]+)?(?:review|overview|update|mini-review)\b(?!\s+(?:of|on)\s+(?:\d|our\b"
    r"|the (?:records|charts|cases|patients|files)|(?:[\w-]+\s+){0,3}?(?:patients|cases"
    r"|children|adults|records|charts|experience|results|outcomes?|follow-up|trial|study|series|cohort)))"
)
# Assessments at planned times: "at baseline, 6 weeks and 6 months", "were evaluated at 3, 6
# and 12 months" (a prospective follow-up); a retrospective series says so and wins before.
_WHEN = r"(?:\d+|one|two|three|four|six|nine|twelve|eighteen|twenty-four)"
_TIMEPOINTS = compile_i(
    rf"\b(?:at|after) baseline\b[^.;]{{0,120}}?\b{_WHEN}\s+(?:weeks?|months?|years?)\b"
    rf"|\b(?:assessed|evaluated|tested|examined|measured|investigated|completed|reassessed"
    rf"|re-evaluated|followed|seen|administered)\b[^.;]{{0,80}}?\b(?:at|after)\s+{_WHEN}"
    rf"(?:\s+(?:weeks?|months?|years?))?(?:\s*,\s*{_WHEN}(?:\s+(?:weeks?|months?|years?))?)*"
    rf",?\s+and\s+{_WHEN}\s+(?:weeks?|months?|years?)\b"
    # "underwent SPECT before and after 12 weeks of treatment", "before and 6 months after",
    # "before and 6 and 12 months after"
    rf"|\bbefore and (?:{_WHEN}(?:\s*(?:,|and|,\s*and)\s*{_WHEN})*\s+(?:weeks?|months?|years?)"
    rf"\s+)?after\b"
    # "interviews were completed prior to, and following, exposure to a protocol"
    rf"|\bprior to,? and (?:following|after)\b"
    # "assessed prior to pump implantation and again 6 and 12 months postoperatively"
    rf"|\b(?:prior to|before)\b[^.;]{{0,80}}?\band (?:again )?(?:at )?{_WHEN}(?:\s*(?:,|and)\s*"
    rf"{_WHEN})*\s+(?:weeks?|months?|years?)\s+(?:after|post\w*|later)\b"
    # "underwent gait analysis before implantation and at 1 and 2 years"
    rf"|\b(?:prior to|before)\b[^.;]{{0,80}}?\band (?:again )?at {_WHEN}(?:\s*(?:,|and|,\s*and)\s*"
    rf"{_WHEN})*\s+(?:weeks?|months?|years?)\b"
    # three time points or more: "investigated 1 week, 3 months, and 6 months after the stroke"
    rf"|\b{_WHEN}\s+(?:weeks?|months?|years?)(?:\s*,\s*{_WHEN}\s+(?:weeks?|months?|years?))+"
    rf",?\s+and\s+{_WHEN}\s+(?:weeks?|months?|years?)\s+(?:after|post)\b"
)
# The authors' own words that they tell a case ("We present a case report suggesting a direct
# causal link", "This case report describes"): a case report, whatever counts of the
# literature's patients its background quotes ("fever occurred in 3 of 576 patients during
# trial screening"). Not "we present a case series", nor "case reports" told in a review.
_OWN_CASE_REPORT = compile_i(
    r"\b(?:we|I)\s+(?:here\s+)?(?:present|report|describe|presented|reported|described)\s+"
    r"(?:here\s+)?(?:a|an|this|one)\s+(?:[\w-]+\s+){0,2}?case report\b(?!s)"
    r"|\bthis case report (?:describes|presents|reports|suggests|shows|highlights|illustrates"
    r"|documents|demonstrates|adds)\b"
)
# A report of the authors' own cases or events beside a review of the literature.
_OWN_SERIES_REVIEWED = compile_i(
    r"\b(?:(?:report|description|presentation|analysis) of )?(?:\d+|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve) (?:\w+ )?(?:events?|cases?|patients?|children"
    r"|adults|episodes?)\b[^.;]{0,80}?\b(?:and|with) (?:a )?(?:review of (?:the )?literature"
    r"|literature review"
    # "four cases and a review of reported cases", "We report on four patients and review
    # reported cases treated by this method elsewhere"
    r"|(?:review|reviewing|reviewed) (?:of )?(?:the )?(?:(?:reported|published|previous|similar"
    r"|other) (?:cases|reports|patients)|cases (?:reported|published)))"
)
# A comment or letter on another paper (the design cues of `other` that say so).
_COMMENTARY = compile_i(
    r"\b(?:comments?|commentary|editorial|viewpoint|opinion piece|letter|reply|read with"
    r"|book review|reviews the book|review of the book|in this issue)\b"
)
# A letter that names itself ("This letter argues ..."), a cue of `other`
_A_LETTER = frozenset({"this letter", "in this letter"})
# A letter answering another paper ("Re:", "In reply", "response to"): its patients, if any,
# are the other paper's.
_REPLY = compile_i(
    r"\bre\s*:|\bin reply\b|\b(?:response|reply) to\b|\bwe read with\b"
    r"|\bread with (?:great )?interest\b"
)
# Published cases as the object of the paper: a review of the literature's case reports.
_CASES_REVIEWED = compile_i(
    r"\b(?:re-?evaluation|review|analysis|appraisal|summary|overview) of (?:\w+ ){0,3}?"
    r"(?:case reports|(?:published|reported) cases|cases (?:reported|published) in the"
    r" literature)\b|\bcase reports (?:\w+ ){0,2}?(?:appeared|published) in\b"
)
# The authors' own label for an observational design (step 5 of the coding manual).
_OWN_LABEL = (
    ("case_series", compile_i(
        r"\b(?:this|our|a|the present|we present a|we report a)\s+(?:retrospective\s+"
        r"|prospective\s+|descriptive\s+|small\s+|single[- ]cent(?:er|re)\s+)?case series\b"
        r"|\bin our series\b|\bdescriptive (?:analysis|study|case series|report)\b"
        # its kind in a list of modifiers: "a prospective, open label, non-blinded case series"
        r"|\b(?:this|it) (?:was|is) an? (?:(?!(?:of|with|from|in|to|than|and|or)\b)[\w-]+,?\s+)"
        r"{1,4}?case series\b"
        # ... after "this" or "our" alone ("This prospective, open-label, case series was
        # conducted at multiple centers"; not another's: "a previous case series")
        r"|\b(?:this|our) (?:(?!(?:of|with|from|in|to|than|and|or|previous|prior|earlier"
        r"|published|reported|other|similar)\b)[\w-]+,?\s+){2,4}?case series\b"
        r"|\b(?:a|this|our) (?:small |short )?series of (?:\w+ ){0,2}?(?:patients|cases"
        r"|children|adults|individuals|persons)\b"
        # several patients, each studied as a case ("a multiple case study evaluation")
        r"|\bmultiple[- ]case (?:study|studies|design|evaluation)\b|\bseries of case studies\b"
        # the coding manual's own example of an observational label
        r"|\bcross-sectional survey and (?:a\s+)?(?:retrospective\s+)?(?:chart|medical records?"
        r"|records?) review\b"
        # ... in other words: "a patient questionnaire study of ... and a case notes review"
        r"|\bquestionnaire (?:study|survey)\b[^.;]{0,120}?\band (?:a\s+)?(?:retrospective\s+)?"
        r"(?:case[- ]notes?|chart|medical records?|records?) review\b"
        # a single group looked back on, so named ("Design: Retrospective open label study."):
        # no prospective follow-up and no comparison, the manual's retrospective series
        r"|\bretrospective,?\s+(?:open[- ]label|single[- ]arm|uncontrolled)\s+(?:study|analysis"
        r"|series|review|trial)\b"
        # a title's kind, another beside it ("...: a technical note and case series", ": case
        # series and review of the literature")
        r"|:\s*(?:an?\s+)?(?:[\w-]+\s+)?(?:note|report|technique|description|review)\s+and\s+"
        r"(?:an?\s+)?case series\b"
        r"|:\s*(?:an?\s+)?case series\s+and\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:note|technique"
        r"|description|review)\b"
        # a structured abstract's design named so ("Design: Case series.")
        r"|\b(?:study )?design\s*:\s*(?:an?\s+)?(?:[\w-]+\s+){0,3}?case series\b"
        # ... or as a chart review and nothing more ("Design: Retrospective chart review.";
        # not "... review with a matched control group")
        r"|\b(?:study )?design\s*:\s*(?:an?\s+)?(?:retrospective\s+)?(?:chart|medical records?"
        r"|case[- ]notes?|records?) review\s*(?:[.;]|$)")),
    ("cohort", compile_i(
        r"\b(?:retrospective|prospective|observational|historical|matched)\s+cohort\b"
        r"|\bcohort study\b|\bcase-matched\b")),
)  # fmt: skip
# A cohort's words that say only that one group was followed ("a pilot study", "prospective"),
# with no comparison, database or predictor: with one to three patients, a case report.
_ONE_GROUP_FOLLOWED = compile_i(
    r"\b(?:pilot|prospective\w*|longitudinal|open[- ]label|single[- ]arm|pre-?post|pre-?test"
    r"|one[- ]group|followed up|open(?:[- ]clinical)?[- ]trial|(?:un|non-?)controlled trial)\b"
)
# A cohort's words that give only how long or how often patients were seen ("were followed for
# a mean of 5 years", "assessed every 6 months"), or one group's data before and after
# ("pre/post"): in records looked back on, a descriptive series, no prospective follow-up.
_FOLLOW_UP_ONLY = compile_i(
    r"(?:were|was)\s+followed\b(?!\s+(?:up\s+)?prospectively)"
    r"|(?:assessed|evaluated|recorded|measured|examined|scored|rated)\b.*\bevery\b"
    # ("This study aims to compare occurrence of SDB pre/post ITB placement")
    r"|pre[-/ ]?post\b"
)
# Patients told one by one: "Subject 1", "both subjects", "the other patient".
_ONE_BY_ONE = compile_i(
    r"\b(?:subject|patient|case|participant|child)\s+(?:[123AB]|one|two|three)\b"
    r"|\bboth (?:subjects|patients|children|cases|participants|boys|girls|men|women)\b"
    r"|\bthe (?:first|second|third|other) (?:subject|patient|child|case|participant)\b"
)
# Data looked back on ("retrospectively", "the charts ... were reviewed", "medical records"): no
# prospective follow-up, whatever times the data were taken at.
_LOOKED_BACK = compile_i(r"retrospectiv|\breview|\bcharts?\b|\brecords\b")
# "cohort" as the word for the group, no design named ("Our cohort consisted of 31 females",
# "retrospective analysis of our pediatric cohort of 135 implantations", "a total cohort of
# nine"), and the word as a design's label ("a retrospective cohort", "cohort study")
_COHORT_WORD = compile_i(r"\bcohorts?\b")
_COHORT_AS_GROUP = compile_i(
    r"\b(?:our|this|these|the|a|an)\s+(?:(?:total|large|small|whole|entire|overall|clinical"
    r"|institutional|pediatric|paediatric|adult|patient|study|single[- ]cent(?:er|re))\s+){0,3}"
    r"cohorts?\b(?!\s+(?:study|studies|design|analysis|analyses)\b)"
)
_COHORT_AS_LABEL = compile_i(
    r"\b(?:retrospective|prospective|observational|historical|matched|inception|birth"
    r"|longitudinal|population|comparative|multicent(?:er|re)|national)\s+cohorts?\b"
    r"|\bcohorts?\s+(?:study|studies|design|analysis|analyses)\b"
)


# Records looked back on, said so ("analyzed retrospectively", "the medical records of 49
# patients", "charts were reviewed"; not a "growth-chart"), and no database or registry (the
# manual's cohort whatever the group is called)
_RECORDS_LOOKED_BACK = compile_i(
    r"retrospectiv|\bmedical (?:records?|charts?|notes|files)\b|\b(?:charts?|records|notes"
    r"|files)\s+(?:were\s+|was\s+)?(?:reviewed|analy[sz]ed|examined|studied)\b|\breview(?:ed)?"
    r"\s+(?:of\s+)?(?:the\s+|our\s+|their\s+)?(?:clinical\s+|hospital\s+)?(?:charts?|records|notes"
    r"|files)\b"
)
_DATABASE_WORDS = compile_i(r"\b(?:databases?|data ?bases?|registry|registries|register)\b")


def _cohort_only_the_group(item: TagInput) -> bool:
    """Whether every "cohort" of ITEM's texts is the word for its group, none a design's label
    (the manual's label is "retrospective cohort", not "our cohort of 135")."""
    texts = [text for text in _texts(item) if "ohort" in text]
    return bool(texts) and all(
        len(_COHORT_WORD.findall(text)) == len(_COHORT_AS_GROUP.findall(text))
        and not _COHORT_AS_LABEL.search(text)
        for text in texts
    )


# Patients studied, with no design named: a descriptive series (the manual's step 6).
_STUDIED = compile_i(
    r"\b(?:patients|children|adults|participants|subjects|individuals|persons|people)\b"
    r"[^.;]{0,80}?\b(?:were|was) (?:\w+ )?(?:included|enrolled|treated|implanted|contacted"
    r"|assessed|evaluated|followed|studied|reviewed|analy[sz]ed|identified|recruited|surveyed"
    r"|interviewed|selected|examined|observed)\b"
    # ... or the study's own subjects reporting ("68% of the remaining subjects reported
    # improvement in disability scores"), no review's
    r"|\b(?:\d+(?:\.\d+)?\s?%|all|most|none) of (?:the )?(?:remaining |treated |evaluable )?"
    r"(?:patients|subjects|participants)\s+(?:reported|showed|had|experienced)\b"
    # ... or families a geneticist describes, whose affected members are studied ("Two families
    # with porencephaly and apparently dominant inheritance are reported", "after screening 67
    # probable X-linked CMT families"; no count of participants is read from families)
    r"|\bfamilies\b[^.;]{0,80}?\b(?:were|are) (?:\w+ )?(?:reported|described|studied|analy[sz]ed"
    r"|examined|investigated|evaluated|identified|screened|ascertained|recruited)\b"
    r"|\b(?:we|this study) (?:\w+ ){0,2}?(?:describe|report|present|stud(?:y|ied)|examine|identifie"
    r"|screen)\w* [^.;]{0,60}?\bfamilies\b|\bscreening (?:of )?\d+ [^.;]{0,40}?\bfamilies\b"
)
# How an experience-based or textbook review says what it does, when no patients are studied.
_EXPOSITORY = compile_i(
    r"\b(?:(?:is|are|will be) (?:discussed|summari[sz]ed|outlined|highlighted|reviewed"
    r"|presented|described)|an overview|current concepts|state of the art|current (?:literature"
    r"|evidence|knowledge|practice)|available evidence|practical (?:aspects|guide)"
    # the authors telling a topic's parts, no patients of theirs ("We describe the clinical
    # features, differential diagnosis and treatment of baclofen withdrawal")
    r"|we (?:describe|discuss|outline|summari[sz]e|present|review) the (?:[\w-]+ ){0,2}?"
    r"(?:features|presentation|manifestations|diagnosis|management|treatment|pathophysiology"
    r"|mechanisms?|pharmacology|indications|principles|causes|options))\b"
)
# The cues of `other` that name animals or a laboratory as what was studied.
_ANIMALS_OR_LAB = compile_i(
    "(?:{}|guinea[ -]pigs?|dog|primate|ovine|swine|cats|feline|zebrafish|drosophila"
    "|sprague-dawley|wistar|langendorff|animal (?:models?|stud(?:y|ies))|in vitro"
    "|cell (?:cultures?|lines?)|cultured cells|cadavers?|cadaveric|bench(?:top)? test"
    "|organ baths?|atrial trabeculae|muscle strips|(?:brain|hippocampal) slices"
    "|isolated (?:perfused )?hearts?)$".format("|".join(sorted(ANIMAL_WORDS - {"guinea"})))
)
# An intervention given to one group while another, at the same time, had usual care,
# nothing or a sham, chance not deciding who had which: the manual's step 3, a concurrent
# comparison ("22 patients ... received conventional rehabilitation alone and served as
# controls", "a control group of 17 patients received no listening material", "unit B
# received standard care during the same period", "allocated to constraint-induced therapy
# ... and those admitted in 2020 to standard therapy"). Groups looked back on in records, a
# registry or an observational study (_OBSERVED) are the manual's cohort. (The tagger looks
# for the branches with the taxonomy's design patterns, in the same pass over a record's text,
# and reports the leftmost match as a cue named CONCURRENT_CUE.)
_USUAL = r"(?:usual|standard|conventional|routine|traditional|regular)"
_GIVEN = (
    r"(?:received|receiving|continued|underwent|undergoing|was given|were given|got|had"
    # what a control group did ("A control group practiced the same number of movements, but
    # experienced the target motion only")
    r"|practi[sc]ed|performed|trained|completed|experienced)"
)
_CARE = (
    r"(?:care|treatment|therapy|rehabilitation|physiotherapy|practice|management|exercises?"
    r"|training|programs?|programmes?)"
)
CONCURRENT_BRANCHES = (
    # the control group's own care named
    rf"\b(?:control|comparison) (?:group|arm|condition)\b[^.;]{{0,100}}?\b{_GIVEN}\b"
    rf"[^.;]{{0,40}}?\b(?:{_USUAL}|no|only|alone|sham|placebo)\b",
    # the controls' own care named ("20 controls received physiotherapy alone", "controls
    # had usual care"; not "Controls underwent only 1 fMRI scan")
    rf"\bcontrols\b[^.;]{{0,40}}?\b{_GIVEN}\s+(?:(?:only|their|the)\s+)*(?:(?:[\w-]+\s+)?{_CARE}"
    rf"\s+(?:alone|only)|{_USUAL}\s+{_CARE}|no\s+(?:[\w-]+\s+)?(?:{_CARE}|intervention)|sham"
    r"|placebo)\b",
    # usual care given, then that group named the controls
    rf"\b{_GIVEN}\s+(?:(?:only|their|the)\s+)*{_USUAL}\b[^.;]{{0,80}}?(?:\(\s*|\b(?:and\s+)?"
    r"(?:served|acted)\s+as\s+|\bas\s+)(?:(?:the|a)\s+)?"
    r"(?:controls?|control group|comparison group)\b",
    # one group given the intervention "while" or "whereas" the other had usual care
    rf"\b(?:while|whereas)\b[^.;]{{0,80}}?\b{_GIVEN}\s+(?:(?:only|their|the)\s+)*{_USUAL}"
    rf"\s+{_CARE}\b",
    # allocation by a rule that is not chance, to the intervention and to usual care
    rf"\b(?:allocated|assigned)\b(?![^.;]{{0,40}}\brandom)[^.;]{{0,40}}?\bto\b[^.;]{{0,80}}?"
    rf"\b(?:and|while|whereas)\b[^.;]{{0,60}}?\bto\s+(?:(?:the|a)\s+)?(?:{_USUAL}|control"
    r"|sham|placebo|no)\b",
    r"\b(?:assigned|allocated) alternately\b|\balternately (?:assigned|allocated)\b",
    # one of two conditions, the other named the comparison ("participated either in
    # standardized training ..., or a comparison condition (brief education)")
    r"\beither\b[^.;]{0,160}?\bor (?:in )?(?:a|an|the) (?:control|comparison|sham|placebo)"
    r" (?:condition|group|arm|intervention|session)s?\b",
    # a group named by the intervention it was given beside a control group ("20 in the
    # training group and 20 in the control group"; a treatment group may be one looked back on)
    r"\b(?:intervention|training|exercise|experimental|therapy)\s+(?:group|arm)\b[^.;]{0,80}?"
    r"\b(?:control|comparison|usual[- ]care)\s+(?:group|arm)\b",
    r"\b(?:control|comparison|usual[- ]care)\s+(?:group|arm)\b[^.;]{0,80}?"
    r"\b(?:intervention|training|exercise|experimental|therapy)\s+(?:group|arm)\b",
    # the intervention given at one site and usual care at another ("patients at one hospital
    # received balance training and those at the other usual care")
    r"\b(?:at|in|on) one (?:hospital|site|centre|center|clinic|ward|unit|school|practice)\b"
    r"[^.;]{0,80}?\b(?:received|underwent|were given|got|began|started|was given|was started)\b"
    r"[^.;]{0,80}?\b(?:at|in|on) the other\b"
    # ("stretching began early in one unit and late in the other")
    r"|\b(?:received|underwent|were given|got|began|started|was given|was started)\b[^.;]{0,60}?"
    r"\b(?:at|in|on) one (?:hospital|site|centre|center|clinic|ward|unit|school|practice)\b"
    r"[^.;]{0,60}?\b(?:at|in|on) the other\b",
    # one of two interventions, by what decided it ("according to device availability")
    r"\b(?:received|underwent|were given|were treated(?: with)?)\s+either\b[^.;]{0,80}?\bor\b"
    r"[^.;]{0,80}?\b(?:according to|depending on|based on)\s+(?:the\s+)?(?:\w+\s+(?:of\s+)?)?"
    r"(?:availability|preference|choice|admission|ward|unit|period|date|order|referral"
    r"|arrival|recruitment|enrol+ment)\b",
)
CONCURRENT_CUE = "concurrent_groups"
_OBSERVED = compile_i(
    r"\b(?:observational|retrospective(?:ly)?|cohorts?|case-control|cross-sectional|registry"
    r"|register|charts?|surveys?|audit|series)\b"
    # (not an index's copyright line: "(PsycINFO Database Record (c) 2012 APA)")
    r"|\bdatabase\b(?!\s+record)|(?<!database )\brecords?\b"
)

# What a person's case report may name beside its case: models others studied, a test of the
# patient's cells ("proven complete absence of ATM activity in vitro")
_CITED_OR_BENCH = compile_i(
    r"in vitro|cell (?:cultures?|lines?)|cultured cells|animal (?:models?|stud(?:y|ies))$"
)
# A case cue that is the authors' own report of it ("Case report", "We report a ")
_OWN_CASE = compile_i(
    r"\bcase report\b|\b(?:we|the authors?) (?:report|describe|present)\b|\byear-old\b"
)
# Healthy people as a cohort's comparison group ("healthy subjects", "normal controls"), and a
# count of them ("15 healthy control participants", "(n = 12) healthy volunteers")
_HEALTHY_PEOPLE = compile_i(r"\b(?:healthy|normal|neurologically intact|typically developing)\b")
_HEALTHY_COUNTED = compile_i(
    rf"\b{A_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:healthy|normal|neurologically intact"
    r"|typically developing|age-matched|matched|control)\b"
    r"|\b(?:healthy|normal|control)\s+(?:[\w-]+\s+){0,2}?\(\s*n\s*=\s*\d+"
)
# A case cue that names a person ("of an 88-year-old man with", "a 6-year-old girl")
_PERSONS_CASE = compile_i(
    r"\b(?:man|woman|boy|girl|male|female|patient|child|infant|neonate|adolescent|lady"
    r"|gentleman)\b"
)
_PROCEEDINGS = compile_i(r"\W*the proceedings contain \d+ (?:papers|articles|abstracts)\b")
# A meeting's report named so by its title ("Summaries of plenary symposia and oral sessions
# at the XXII World Congress of Psychiatric Genetics"): its sessions' designs and counts, and
# its attendees, are none of its own
_MEETING_REPORT = compile_i(
    r"\W*(?:summar(?:y|ies)|highlights|report|proceedings|abstracts)\b[^:.]{0,60}?"
    r"\b(?:of|from|on|at)\b[^:.]{0,80}?\b(?:congress|meeting|conference|symposi(?:um|a)"
    r"|workshop|summit)\b"
)
# People named in a count ("Eighteen healthy human volunteers"; a count of animals "n = 10")
_PEOPLE_NAMED = compile_i(
    r"\b(?:patients?|participants?|volunteers?|subjects?|children|people|persons?|individuals?"
    r"|women|men|infants?|adolescents?|cases|survivors|humans?)\b"
)
# A cohort's cue that also opens expository text about risks.
_RISK_WORDS = compile_i(r"risk|predict|associated|factors")
# Data of the record's own: its authors, its study, a share, a p-value, people counted or studied.
_STUDY_DATA = compile_i(
    r"\b(?:we|our|us|this (?:study|research|paper|analysis)|the (?:present|current) (?:study"
    r"|research|analysis)|participants|respondents|sample)\b"
    r"|\d(?:\.\d+)?\s?%|\bp\s?[<=>]|\b[nN]\s?=\s?\d|\b\d+ (?:patients|participants|subjects"
    r"|individuals|people|persons|adults|children|cases)\b|\b(?:we|were|was) (?:studied|analy[sz]ed"
    r"|examined|assessed|evaluated|included|enrolled|recruited|followed|identified|reviewed"
    r"|surveyed|interviewed)\b"
)
# PsycINFO's mark of a book's text: "(from the chapter)", "(from the cover)", "(from the book)"
_BOOK_PART = compile_i(
    r"\W*\(from the (?:chapter|book|cover|preface|introduction|foreword|jacket)\)"
)
_EXPOSITION_WORDS = 60  # an abstract this long with no design signal is expository text
# A tool being built, with no patients studied and no design named: a technical paper (the
# manual's `other`), not a review ("this project aims at developing a virtual reality
# application", "the system is under development")
_DEVELOPING = compile_i(
    r"\b(?:aims? (?:at|to)|goal (?:is|was) to|purpose (?:is|was) to|objective (?:is|was) to"
    r"|we|this (?:paper|article|project) (?:describes?|presents?)) (?:develop(?:ing|ed)?|design"
    r"(?:ing|ed)?|build(?:ing)?|the development of) (?:and (?:test|evaluat|validat)\w* )?an? "
    r"(?:[\w-]+ ){0,4}?(?:application|app|software|tool|platform|prototype|interface|system"
    r"|device|algorithm)\b|\b(?:is|are) (?:currently )?under development\b"
)
CASE_REPORT_MAX = 3  # the manual: one to three patients described individually
# Words that also open advice and commentary ("the patient should ..."): a weaker cue.
WEAK_CASE_CUES = frozenset({
    "the patient", "the patients", "our patient", "our patients", "this case", "these cases",
    "the case", "the cases", "this boy", "this girl", "this man", "this woman", "this child",
    "this infant",
})  # fmt: skip
_WEAK_PLURAL = frozenset({"the patients", "our patients", "these cases", "the cases"})


def _persons_case(cues: Sequence[DesignCue], other: DesignCue) -> bool:
    """Whether the record's own case report, its cues naming a person or the authors
    reporting it, outweighs OTHER, an animal or laboratory cue it names beside the case (the
    animal models others studied, a test of the patient's cells)."""
    if not _ANIMALS_OR_LAB.match(other.text):
        return False
    told = " ".join(
        c.text for c in cues if c.design == "case_report" and c.text.lower() not in WEAK_CASE_CUES
    )
    return bool(
        (_CITED_OR_BENCH.match(other.text) and _OWN_CASE.search(told)) or _PERSONS_CASE.search(told)
    )


def _texts(item: TagInput) -> list[str]:
    return [item.title, *(s.text for s in item.abstract)]


def _labelled_texts(item: TagInput) -> list[str]:
    """The texts, a structured abstract's sections with their labels ("Design: Case series.")."""
    return [
        item.title,
        *(f"{s.label}: {s.text}" if s.label else s.text for s in item.abstract),
    ]


def registry_page(item: TagInput) -> str | None:
    """Return the registry field labels that show ITEM is a registry record pasted as text
    (two or more distinct ones), or None. A registry's mirror site writes its labels with no
    colon ("Recruitment Status COMPLETED ... Brief Summary ..."): beside an NCT number, two
    of those do too."""
    # (the sections joined: an importer that split the page at its capitalised labels leaves
    # each part too few colons of its own)
    found = {
        m.group().lower().rstrip(":.? ")
        for text in (item.title, " ".join(section.text for section in item.abstract))
        # (a registry page is field after field, each a label's words: cheap first looks)
        if text.count(":") >= 2 and _REGISTRY_LABELS.may_match(first_look(text))
        for m in _REGISTRY_LABELS.pattern.finditer(text)
    }
    texts = _texts(item)
    if len(found) < 2 and any(map(_may_hold_directory_phrases, texts)):
        # a trial directory's page, its own phrases in place of labels ("About this trial\n
        # This is an interventional treatment trial for Spasticity focused on measuring
        # neurological disorders, ...\nEligibility Criteria\nInclusion Criteria:")
        for text in texts:
            found |= {
                " ".join(m.group().lower().split()) for m in _DIRECTORY_PHRASES.finditer(text)
            }
    if len(found) < 2 and any("NCT" in text for text in texts):
        numbered = False
        for text in texts:
            if _NCT.search(text):
                numbered = True
                found |= {m.group().lower() for m in _MIRROR_LABELS.finditer(text)}
        if numbered and len(found) < 2:
            # the eligibility module's fields, in any part (a page split at its criteria's
            # labels keeps the number in one part and these fields in another)
            for text in texts:
                found |= {
                    " ".join(m.group(1).lower().split()) for m in _ELIGIBILITY_FIELDS.finditer(text)
                }
    sponsor = template = False
    if len(found) < 2:
        # (one pass of substring tests: a mirror names its sponsor, the template its questions)
        for text in texts:
            sponsor = sponsor or "ponsor" in text
            template = template or "aims to answer" in text
    if sponsor and len(found) < 2:
        for text in texts:
            if _OTHER_REGISTRY_ID.search(text):
                found |= {m.group().lower() for m in _MIRROR_LABELS.finditer(text)}
    if template and len(found) < 2:
        for text in texts:
            asked = _CTGOV_TEMPLATE_ASKED.search(text)
            other = _CTGOV_TEMPLATE.search(text) if asked else None
            if asked and other:
                found |= {" ".join(asked.group().lower().split()), other.group().lower()}
    return ", ".join(sorted(found)) if len(found) >= 2 else None


# A count of clinicians, not of patients, in the sentence N was read from.
_PROFESSIONALS_COUNTED = compile_i(
    r"^(?!.*\b(?:patients|children|adults|individuals|subjects|participants with|people with"
    r"|cases)\b).*\b\d[\d,]*\s+(?:[\w-]+\s+)?(?:practitioners|physicians|clinicians|surgeons"
    r"|neurosurgeons|neurologists|physiatrists|nurses|therapists|physiotherapists|providers"
    r"|professionals|doctors|centers|centres|hospitals)\b"
)


def choose_design(
    item: TagInput,
    cues: Sequence[DesignCue],
    publication_types: Mapping[str, str],
    sample: SampleSize | None,
) -> DesignChoice:
    """Return the one design of ITEM by the precedence of this module's docstring."""
    if item.kind == "registration" or item.registry is not None:
        return DesignChoice("trial_registration", "registry", None, "registry record")
    page = registry_page(item)
    if page:
        return DesignChoice("trial_registration", "abstract", None, page)
    listing = _PROCEEDINGS.match(item.abstract[0].text) if item.abstract else None
    if listing:
        # a conference's proceedings as one record ("The proceedings contain 129 papers. The
        # topics discussed include: ..."): its papers' designs are none of its own
        return DesignChoice("other", "abstract", None, listing.group().strip())
    meeting = _MEETING_REPORT.match(item.title)
    if meeting:
        return DesignChoice("other", "title", None, meeting.group().strip())
    by_type: dict[str, str] = {}
    for name in item.publication_types:
        design = publication_types.get(type_key(name))
        if design:
            by_type.setdefault(design, name)
    if any(c.design == "review" and c.where == "title" for c in cues) and (
        _OWN_SERIES_THEN_REVIEW.search(item.title)
    ):
        # "Analysis of 13 patients and review of the diagnostic criteria": the authors' own
        # patients, the review beside them (as the literature reviewed beside a series)
        cues = [c for c in cues if not (c.design == "review" and c.where == "title")]
    # "the patient", "this case" also open advice and commentary: a case report's weaker cue,
    # heeded only after the cues of cohorts, series and reviews
    weak = {c.design: c for c in reversed(cues) if c.text.lower() in WEAK_CASE_CUES}
    cue = {c.design: c for c in reversed(cues) if c.text.lower() not in WEAK_CASE_CUES}
    title_cue = {c.design: c for c in reversed(cues) if c.where == "title"}
    patients = sample.value if sample is not None and sample.source == "stated" else None
    clinicians = bool(patients) and bool(
        _PROFESSIONALS_COUNTED.search(sample.sentence if sample else "")
    )
    sample_text = sample.evidence if sample else ""
    if (
        patients
        and sample is not None
        and "other" in cue  # (an animal's word is a cue of `other`)
        and counts_animals(sample.sentence)
        and (names_animals(sample.evidence) or not _PEOPLE_NAMED.search(sample.evidence))
    ):
        # "Four groups of male Lewis rats (n = 10/group)": animals counted, no patients (the
        # manual's animal study; its groups compared are no cohort of people; "Eighteen
        # healthy human volunteers, five monkeys and five rats were studied" counts people)
        patients = None
    if (
        patients
        and patients > CASE_REPORT_MAX
        and "other" in cue
        and cue["other"].text.lower() in _A_LETTER
    ):
        # a research letter counting its own patients ("In this letter we report our experience
        # with 25 children"): a study told in a letter, no letter without patients
        rest = next(
            (c for c in cues if c.design == "other" and c.text.lower() not in _A_LETTER), None
        )
        cue = {d: c for d, c in cue.items() if d != "other"} | ({"other": rest} if rest else {})
    if clinicians:
        # "Of the 329 practitioners who were contacted, 87 participated in the survey": a
        # survey of clinicians, no patients studied (no case series)
        patients = None

    def typed(design: str, chosen: str | None = None) -> DesignChoice:
        return DesignChoice(chosen or design, "publication_type", None, by_type[design])

    def cued(design: str, chosen: str | None = None) -> DesignChoice:
        found = cue[design]
        return DesignChoice(chosen or design, found.section, found.section, found.text)

    if "systematic_review" in by_type:
        return typed("systematic_review")
    if "systematic_review" in cue:
        return cued("systematic_review")
    book = _BOOK_PART.match(item.abstract[0].text) if item.abstract else None
    if book and "case_report" not in cue:
        # a book or one of its chapters, as PsycINFO marks them ("(from the chapter) Deficits in
        # the processing of light ... are common"): the manual's textbook chapter, a review
        return DesignChoice("review", "abstract", None, book.group().strip())
    if "rct" in by_type:
        return typed("rct")
    if "guideline" in by_type:
        return typed("guideline")
    tells_a_case = "case_report" in cue or "case_report" in weak
    if (
        "guideline" in title_cue
        and not (tells_a_case and title_cue["guideline"].text.lower().startswith("recommend"))
    ) or (
        "guideline" in cue
        and "review" not in by_type
        and "guideline" not in title_cue
        and not ("other" in cue and _MODELLED.search(cue["other"].text))
    ):
        # ("a surgical observation with recommendations" over a boy's story: a case report;
        # "utility values obtained from a panel of expert clinicians" for a cost model: the
        # manual's decision or cost model)
        return cued("guideline")
    if "controlled_trial" in by_type:
        return typed("controlled_trial")
    few = not (patients and patients > CASE_REPORT_MAX)
    own = _own_label(item)
    if "case_report" in by_type:
        if own and own.id == "case_series":
            return own
        return typed("case_report", None if few else "case_series")
    commentary = "other" in cue and _COMMENTARY.search(cue["other"].text) is not None
    # a letter that tells its own one to three patients is a case report (the coding manual),
    # not one that answers another paper
    # (a reply that tells patients of the authors' own - "We saw two similar patients last
    # year" - reports them too)
    reply = commentary and _REPLY.search(" ".join(_texts(item))) is not None
    letter_case = (
        commentary
        and few
        and (
            ("case_report" in cue and not reply)
            or (reply and patients is not None and _own_patients(item))
        )
    )
    if commentary and not letter_case:
        # a comment on another paper, whatever trial or review it discusses ("LETTER RE:
        # Managing loss of ITB efficacy: Review of the literature")
        return cued("other")
    # (a survey of clinicians' practice reviews no papers)
    reviewing = None if clinicians else (_reviews(item) or _scenario_discussed(item))
    if reviewing and ("case_report" not in cue or _illustrated(item)) and not _own_patients(item):
        # (a review that illustrates its point with a case: "We illustrate the decision
        # process with the case of a 9-year-old boy" in "a clinical update")
        return reviewing
    cited = _cases_reviewed(item)
    own_case = "case_report" in cue and "case reports" not in cue["case_report"].text.lower()
    if cited and not own_case and not _own_patients(item):
        # "a reevaluation of case reports": the literature's cases ("We report four additional
        # patients ... a review of published cases": the authors' own, with the literature)
        return cited
    if "review" in by_type:
        return typed("review")
    # (any of its cues naming animals or a laboratory, not only its first: "compatibility
    # with cardioplegia" in a title before the rabbits' hearts of the methods)
    animals = next(
        (c for c in cues if c.design == "other" and _ANIMALS_OR_LAB.match(c.text)), None
    ) or cue.get("other")
    trial = "rct" in cue or "controlled_trial" in cue
    if (
        trial
        and animals
        and _ANIMALS_OR_LAB.match(animals.text)
        and (patients is None or (sample is not None and names_animals(sample.sentence)))
    ):
        # rats randomly divided into groups, hearts perfused with a control buffer: the
        # manual's animal or laboratory study, whatever its allocation (no people studied;
        # "Forty-eight Wistar rats were divided randomly into six groups: group A (8 male
        # controls)": the count's sentence names the animals)
        return cued("other")
    if "rct" in cue:
        return cued("rct")
    if "controlled_trial" in cue:
        if "case_series" in cue and cue["controlled_trial"].text.lower().startswith("compar"):
            # two modes of delivery compared in records looked back on ("We reviewed 200
            # screening trials: 124 boluses and 76 infusions"): no trial, an observational
            # comparison of groups (the manual's cohort)
            return cued("controlled_trial", "cohort")
        return cued("controlled_trial")
    if (
        CONCURRENT_CUE in cue
        and not (animals and _ANIMALS_OR_LAB.match(animals.text))
        and not any(_OBSERVED.search(text) for text in _texts(item))
        and not any(map(names_animals, _texts(item)))
    ):
        # an intervention beside usual care or nothing, given at the same time, not by chance
        return cued(CONCURRENT_CUE, "controlled_trial")
    if "other" in by_type:
        if "case_report" in cue and few:
            return cued("case_report")
        return typed("other")
    if (
        "other" in cue
        and not letter_case
        and not (patients and _ANIMALS_OR_LAB.match(cue["other"].text))
        and not (few and "case_report" in cue and _persons_case(cues, cue["other"]))
    ):
        # (cells or tissue of counted patients: a study of the patients, not of a laboratory;
        # "Presents a case report of an 88-year-old man" beside "suggested in animal models":
        # a person's case, the animals the literature's)
        return cued("other")
    if own:
        return own
    if "case_report" in cue and (
        few or any(_OWN_CASE_REPORT.search(text) for text in _texts(item) if "ase report" in text)
    ):
        return cued("case_report")
    for design in ("cohort", "case_series"):
        if (
            design == "cohort"
            and design in cue
            and patients is None
            and _RISK_WORDS.search(cue[design].text)
            and not _has_data(item)
        ):
            # "risk factors for post-stroke depression are ..." with no data of its own: an
            # expository text about risks, no risk-factor analysis (other cohort words, such
            # as "prospectively", are kept: a cohort's abstract may state no figure at all)
            continue
        if (
            design == "cohort"
            and design in cue
            and "case_series" in cue
            and all(_FOLLOW_UP_ONLY.match(c.text) for c in cues if c.design == "cohort")
            and _LOOKED_BACK.search(" ".join(_texts(item)))
        ):
            # "We retrospectively reviewed 48 patients ... followed for a mean of 5.2 years":
            # a retrospective descriptive series's follow-up time (the manual's step 6)
            continue
        if (
            design == "cohort"
            and design in cue
            and all(c.text.lower() in ("cohort", "cohorts") for c in cues if c.design == "cohort")
            and _RECORDS_LOOKED_BACK.search(joined := " ".join(_texts(item)))
            and not _DATABASE_WORDS.search(joined)
            and _cohort_only_the_group(item)
        ):
            # "Data were extracted from the records of 49 patients and analyzed
            # retrospectively ... Our cohort consisted of 31 females": the group's word, no
            # design; a retrospective descriptive series (the manual's step 6)
            continue
        if design in cue:
            if (
                design == "case_series"
                and cue[design].text.lower().startswith("consecutive")
                and (followed := _assessed_over_time(item))
                and not _LOOKED_BACK.search(" ".join(_texts(item)))
            ):
                # "Twenty consecutive adults were assessed before implantation and at 3, 6 and
                # 12 months": a prospective follow-up of a defined group, the manual's cohort
                return DesignChoice("cohort", "abstract", None, followed)
            if (
                patients
                and patients <= CASE_REPORT_MAX
                and (
                    design == "case_series"
                    or (
                        design == "cohort"
                        and _ONE_GROUP_FOLLOWED.search(cue[design].text)
                        and _ONE_BY_ONE.search(" ".join(_texts(item)))
                    )
                    or (
                        design == "cohort"
                        and _HEALTHY_PEOPLE.search(cue[design].text)
                        and not any(_HEALTHY_COUNTED.search(text) for text in _texts(item))
                    )
                )
            ):
                # "our experience ... These two patients", "a pilot study ... Two subjects aged
                # 8 and 9 years": patients described one by one, whom the authors do not call
                # a case series (the manual's case report; a comparison with controls stays
                # a cohort; "healthy subjects" the record counts none of are a general
                # statement's: "healthy subjects can easily learn ... We tested this approach
                # in two chronic stroke individuals")
                return cued(design, "case_report")
            return cued(design)
    if patients and patients <= CASE_REPORT_MAX:
        # Patients described one by one, whatever else is cited ("with a literature review").
        return DesignChoice("case_report", "sample_size", None, f"{patients} patients stated")
    if "review" in cue and _OWN_SERIES_REVIEWED.search(" ".join(_texts(item))) and not few:
        # "Overdose: report of 7 events in 5 patients and review of the literature": the
        # authors' own series, with the literature beside it
        return DesignChoice("case_series", "sample_size", None, f"{patients} patients stated")
    if "review" in cue and patients and patients > CASE_REPORT_MAX and _own_patients(item):
        # "The purpose of this service evaluation was to review the self-reported reduction
        # in spasticity ... We surveyed 62 patients": the authors' own patients studied, the
        # review a verb (the manual's descriptive series)
        return DesignChoice("case_series", "sample_size", None, f"{patients} patients stated")
    if "review" in cue:
        return cued("review")
    generic = "case_report" in weak and weak["case_report"].text.lower().startswith("the patient")
    # ("the patients", "these cases" with no count: patients spoken of together, none told one
    # by one - the manual's case report describes one to three individually)
    together = "case_report" in weak and weak["case_report"].text.lower() in _WEAK_PLURAL
    if (
        "case_report" in weak
        and few
        and not (generic and _expository(item))
        and not (together and patients is None)
    ):
        # ("to provide the patients with a sense of control" in paragraphs about exercise
        # that study no one: any patient, no case told)
        found = weak["case_report"]
        return DesignChoice("case_report", found.section, found.section, found.text)
    followed = _assessed_over_time(item)
    if followed and (patients is None or patients > CASE_REPORT_MAX):
        # a group assessed at planned times (baseline, 6 weeks, 6 months): a prospective
        # follow-up of a defined group, the manual's cohort
        return DesignChoice("cohort", "abstract", None, followed)
    if patients:
        return DesignChoice("case_series", "sample_size", None, f"{patients} patients stated")
    if clinicians:
        # a survey of clinicians' practice that names no design: none of the manual's designs
        # of patients (the manual's other)
        return DesignChoice("other", "abstract", None, sample_text)
    for name in item.publication_types:
        if name.lower().startswith("clinical trial"):
            return DesignChoice("cohort", "publication_type", None, name)
    studied = _patients_studied(item)
    if studied:
        return DesignChoice("case_series", "abstract", None, studied)
    # Paragraphs about the therapy that study no patients and name no other kind of paper:
    # the manual's unstructured or experience-based review.
    words = sum(len(section.text.split()) for section in item.abstract)
    expository = next(
        (said.group() for text in _texts(item) if (said := _EXPOSITORY.search(text))), None
    )
    developing = next(
        (said.group() for text in _texts(item) if (said := _DEVELOPING.search(text))), None
    )
    if developing:
        return DesignChoice("other", "abstract", None, developing)
    titled = next((hit for text in _texts(item) if (hit := _TITLED_PERSON.search(text))), None)
    if titled:
        # a patient named by a title and an initial, as case studies in psychology name them
        # ("Mrs. H, aged 51, was referred for a neuropsychological assessment"): one case told
        # (looked for here, where nothing else has decided: as a gated cue its words, "mr" and
        # "ms", are in nearly every text and cost 1% of all tagging)
        return DesignChoice("case_report", "abstract", None, titled.group())
    if expository:
        return DesignChoice("review", "default", None, f"the words {expository!r}")
    compared = _groups_tested(item)
    if compared:
        # people's groups compared by a statistical test, counted by what was treated ("Thirty
        # hips were identified as PRE-ITB, 20 hips as ST-ITB ... higher in ST-ITB (40%) than in
        # NON-ITB (p < 0.001)"): a comparison of its own data, no review (the manual's step 6)
        return DesignChoice("cohort", "abstract", None, compared)
    if words >= _EXPOSITION_WORDS:
        return DesignChoice("review", "default", None, f"{words} words that study no patients")
    return DesignChoice("other", "default", None, "no design signal")


_TITLED_PERSON = re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s[A-Z]\.?(?=[\s,;:])")


# What an editorial or a comment says of its subject: the patients it counts are another
# paper's ("In this issue, Smith and colleagues report ... in 120 children")
_ANOTHERS_PATIENTS = compile_i(
    r"\b(?:comments?|commentary|editorial|reply|read with|in this issue|in response)\b"
)


def comments_on_another(choice: DesignChoice) -> bool:
    """Whether CHOICE is an editorial or a comment on another paper (no participants of its
    own; a letter may tell its own)."""
    return choice.id == "other" and _ANOTHERS_PATIENTS.search(choice.text) is not None


def lists_proceedings(choice: DesignChoice) -> bool:
    """Whether CHOICE is a conference's proceedings listed as one record (its papers' designs
    and counts are none of its own)."""
    return choice.id == "other" and (
        _PROCEEDINGS.match(choice.text) is not None
        or _MEETING_REPORT.match(choice.text) is not None
    )


def _has_data(item: TagInput) -> bool:
    """Whether ITEM's abstract states data of its own (_STUDY_DATA)."""
    return any(_STUDY_DATA.search(text) for text in _texts(item)[1:])


def _expository(item: TagInput) -> bool:
    """Whether ITEM's abstract is paragraphs of some length with no data of its own."""
    words = sum(len(section.text.split()) for section in item.abstract)
    return words >= _EXPOSITION_WORDS and not _has_data(item)


def _assessed_over_time(item: TagInput) -> str | None:
    """Return the words saying a group was assessed at planned times, or None."""
    for text in _texts(item)[1:]:
        lowered = text.lower()
        if "baseline" not in lowered and "month" not in lowered and "week" not in lowered \
                and "before and" not in lowered and "prior to" not in lowered \
                and "and at " not in lowered:  # fmt: skip
            continue
        found = _TIMEPOINTS.search(text)
        if found:
            return found.group()
    return None


# A statistical test's p value, and people's groups compared (_groups_tested)
_P_VALUE = compile_i(r"\bp\s?[<=>\u2264\u2265]\s?0?\.\d")
_PEOPLE_OR_GROUPS = (
    r"\b(?:patients|children|adults|participants|subjects|individuals|people|persons|women"
    r"|men|groups?|cohorts?)\b"
)
_COMPARED = r"\bcompar(?:e|ed|es|ing|ison)\b"
_COMPARED_PEOPLE = compile_i(
    rf"{_COMPARED}[^.;]{{0,80}}?{_PEOPLE_OR_GROUPS}|{_PEOPLE_OR_GROUPS}[^.;]{{0,80}}?{_COMPARED}"
)


def _groups_tested(item: TagInput) -> str | None:
    """Return the words saying people's groups were compared, where the abstract also tests
    a difference by its p value, or None."""
    texts = _texts(item)[1:]
    if not any(_P_VALUE.search(text) for text in texts):
        return None
    for text in texts:
        found = _COMPARED_PEOPLE.search(text)
        if found:
            return found.group()
    return None


def _patients_studied(item: TagInput) -> str | None:
    """Return the words saying patients were studied ("patients implanted between 1990 and
    2010 were contacted"): a descriptive study of patients, where nothing names a design."""
    for section in item.abstract:
        found = _STUDIED.search(section.text)
        if found:
            return found.group()
    return None


# A title that tells the authors' own patients before the review beside them ("Analysis of 13
# patients and review of the diagnostic criteria"): a study of them, the review a part of it
_OWN_SERIES_THEN_REVIEW = compile_i(
    r"\b(?:analysis|report|description|presentation|study|series) of (?:\d+|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve) (?:[\w-]+ )?(?:patients|cases|children|adults"
    r"|families|individuals)\b[^.;:]{0,40}?\band (?:a )?review\b"
)


def _reviews(item: TagInput) -> DesignChoice | None:
    titled = _TITLE_REVIEW.search(item.title)
    if titled and not _OWN_SERIES_THEN_REVIEW.search(item.title):
        return DesignChoice("review", "title", None, titled.group().lstrip(": "))
    for text in _texts(item):
        lowered = text.lower()
        if not any(
            map(
                lowered.__contains__,
                (
                    "review",
                    "summari",
                    "summary",
                    "overview",
                    "highlights",
                    "this article",
                    "this paper",
                    "this chapter",
                    "pictorial",
                ),
            )
        ):
            continue
        found = _REVIEWS.search(text)
        if found:
            return DesignChoice("review", "abstract", None, found.group())
    return None


# A case told to illustrate a review's point ("We illustrate the decision process with the
# case of a 9-year-old boy", "an illustrative case", "case vignettes"), not the record's own
# report of it.
_ILLUSTRATION = compile_i(
    r"\billustrat(?:e|es|ed|ing)\b[^.;]{0,80}?\b(?:with|by|through|using) (?:the |a |an |one "
    r"|two |three )?(?:[\w-]+ ){0,2}?(?:case|cases|vignettes?)\b|\billustrative (?:clinical )?"
    r"cases?\b|\bcase (?:illustrations?|vignettes?|scenarios?)\b|\bclinical (?:vignettes?"
    r"|scenarios?)\b|\bcase[- ]based (?:review|discussion|approach|update|overview)\b"
    # ("Using her story, we review the causes of loss of effect")
    r"|\b(?:using|through) (?:her|his|their|this|the) (?:patient's )?(?:story|stories|case"
    r"|history)\b,? we (?:review|discuss|outline|summari[sz]e)\b"
)
# A teaching text's discussion of a problem's handling ("We discuss the approach to this common
# problem"): with a clinical scenario, an experience-based review (the coding manual).
_DISCUSSES_APPROACH = compile_i(
    r"\bwe (?:discuss|review|outline|describe) (?:the |a |an |our )?(?:practical |clinical "
    r"|stepwise |systematic )?(?:approach|approaches) to\b"
)


# (a first look: one of these stands wherever _ILLUSTRATION matches)
_ILLUSTRATION_WORDS = (
    "llustrat", "ignette", "cenario", "ase-based", "ase based", "sing ", "hrough ",
)  # fmt: skip


def _illustrated(item: TagInput) -> bool:
    """Whether the abstract tells a case as an illustration of what it reviews."""
    return any(
        _ILLUSTRATION.search(text)
        for text in _texts(item)
        if any(map(text.__contains__, _ILLUSTRATION_WORDS))
    )


def _scenario_discussed(item: TagInput) -> DesignChoice | None:
    """Return a review where a case is told as a scenario and the text discusses the
    approach to its problem ("Clinical scenario: a 14-year-old girl ... We discuss the
    approach to this common problem"): a teaching review, no case report."""
    for text in _texts(item):
        found = _DISCUSSES_APPROACH.search(text) if "pproach" in text else None
        if found and _illustrated(item):
            return DesignChoice("review", "abstract", None, found.group())
    return None


def _own_patients(item: TagInput) -> bool:
    """Whether the abstract says the authors studied patients of their own, counted."""
    return any(_OWN_PATIENTS.search(text) for text in _texts(item) if "we " in text.lower())


def _cases_reviewed(item: TagInput) -> DesignChoice | None:
    for text in _texts(item):
        if "case" not in text.lower():
            continue
        found = _CASES_REVIEWED.search(text)
        if found:
            return DesignChoice("review", "abstract", None, found.group())
    return None


# Words one of the authors' labels holds (a cheap first look before their patterns).
_LABEL_WORDS = (
    "series", "cohort", "descriptive", "case-matched", "multiple case", "multiple-case",
    "cross-sectional survey", "retrospective open", "retrospective, open",
    "retrospective single", "retrospective, single", "retrospective uncontrolled",
    "retrospective, uncontrolled", "questionnaire study", "questionnaire survey",
)  # fmt: skip


def _own_label(item: TagInput) -> DesignChoice | None:
    """Return the design the authors name for their observational study, if they do."""
    for text in _labelled_texts(item):
        lowered = text.lower()
        if not any(map(lowered.__contains__, _LABEL_WORDS)) and not (
            "design" in lowered and " review" in lowered  # ("Design: Retrospective chart review.")
        ):
            continue
        # the label named first ("A prospective cohort study was done ... In our series,
        # there was no correlation": a cohort)
        named = [
            (found, design) for design, pattern in _OWN_LABEL if (found := pattern.search(text))
        ]
        if named:
            found, design = min(named, key=lambda pair: pair[0].start())
            return DesignChoice(design, "abstract", None, found.group())
    return None


def registered_design(registry: Registry) -> str | None:
    """Return the design a registration declares: allocation, model and study type."""
    allocation = (registry.allocation or "").upper().replace(" ", "_").replace("-", "_")
    study_type = (registry.study_type or "").upper()
    if allocation == "RANDOMIZED":
        return "rct"
    if allocation in ("NON_RANDOMIZED", "NONRANDOMIZED"):
        return "controlled_trial"
    if study_type == "OBSERVATIONAL":
        model = (registry.observational_model or "").upper()
        return "case_series" if model in ("CASE_ONLY", "CASE_ONLY_") else "cohort"
    if study_type == "INTERVENTIONAL":
        model = (registry.intervention_model or "").upper()
        return "controlled_trial" if model == "CROSSOVER" else "cohort"
    if study_type.startswith("EXPANDED"):
        return "other"
    return None
