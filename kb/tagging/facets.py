"""The tagger: a record's fields -> its indications, complications, outcomes, one design, its
sample size and whether it is about intrathecal baclofen at all, each with its evidence.
Rules come from the taxonomy (kb/tagging/taxonomy.toml). Pure: no database.

Signals, in order of trust: MeSH headings and registry condition MeSH; publication types;
the title; the abstract, section by section (a mention in a BACKGROUND section, or in the
opening sentences of an unstructured abstract before the study is introduced, is context,
not a tag); author keywords; registry conditions, outcome measures and posted adverse
events. A complication that is negated ("no infection occurred") or hypothetical ("to
prevent overdose", "the risk of withdrawal should be discussed") is kept as a mention,
not a tag; so is a negated indication.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import ahocorasick

from kb.tagging.design import (
    CASE_REPORT_MAX,
    CONCURRENT_BRANCHES,
    CONCURRENT_CUE,
    choose_design,
    comments_on_another,
    lists_proceedings,
    registered_design,
)
from kb.tagging.opening import compile_i
from kb.tagging.sample_size import (
    A_NUMBER,
    DECIMAL_POINT,
    ONE_SUBJECT,
    ONE_SUBJECT_WITHIN,
    cases_pooled,
    count_matches,
    counts_animals,
    counts_n_equals,
    find_sample_size,
    one_patient,
)
from kb.tagging.taxonomy import Entry, MeshTerm, Taxonomy
from kb.tagging.textscan import (
    A_DIGIT,
    END,
    NEGATION_BEFORE,
    NORM,
    SENTENCE_CACHE,
    START,
    GatedPattern,
    PatternGroup,
    PhraseIndex,
    Token,
    counted_in,
    first_look,
    found_in_sentence,
    make_phrase,
    may_be_in_sentence,
    norm,
    phrase_variants,
    qualify,
    sentences,
    tokens,
    type_key,
)
from kb.tagging.types import DesignCue, Mention, Registry, Section, TagInput, TagResult

TAG_FACETS = ("indication", "complication", "outcome")
# Which facets a field may assert.
_FIELD_FACETS = {
    "title": (*TAG_FACETS, "design", "relevance"),
    "abstract": (*TAG_FACETS, "design", "relevance"),
    "keyword": (*TAG_FACETS, "relevance"),
    "registry_condition": ("indication",),
    "registry_title": ("indication", "outcome"),
    "registry_summary": ("indication", "relevance"),
    "registry_intervention": ("relevance",),
    "registry_outcome": ("outcome",),
    "registry_adverse_event": ("complication",),
}
# Conditions listed as comorbidities, before the words of one ("multiple comorbidities
# (mean 2.4) including intellectual disability 72%, dysphagia 44%").
_COMORBID = compile_i(r"\bco-?morbidit(?:y|ies)\b(?:[^.;:]|\.\d)*$")
# ... and of an outcome's words, only as the list's items ("Co-morbidities including ...
# autonomic dysfunction"; not "comorbidities, muscle tone patterns ... were evaluated")
_COMORBID_LIST = compile_i(
    r"\bco-?morbidit(?:y|ies)\s+(?:such as|including|like|e\.g\.,?)\s[^.;:()]*$"
)
# A trial the participants took part in before ("had previously participated in a RCT"),
# followed up now: not this record's design ("further analysis from a previous randomized
# controlled trial" is that trial's, and stays one).
_EARLIER_TRIAL = compile_i(
    r"\b(?:previously|earlier|formerly|had|have) (?:participated|taken part|enrolled|been"
    r" included) in (?:a|an|the|our)(?: \w+)?\W*$"
    # "this open-label extension of a randomised trial": the trial's participants treated on
    r"|\bextension (?:study |phase )?(?:of|to) (?:a|an|the|our)(?: \w+)?\W*$"
    # "in the patient cohort of DIRECTOR, a prospective randomized multicenter trial": a
    # named trial's participants or data, analysed anew
    r"|\b(?:cohort|participants|patients|data|population|subjects) (?:of|from|in) (?:the )?"
    r"(?-i:[A-Z])[\w-]*(?: (?:trial|study))?,? (?:a|an)(?: \w+){0,2}?\W*$"
)
# Background sentences give context mentions and relevance, never design cues.
_BACKGROUND_FACETS = (*TAG_FACETS, "relevance")
# The order in which a sentence's patterns are tried: every facets tuple _scan is given lists
# its facets in this order
_PATTERN_ORDER = (*TAG_FACETS, "design", "relevance")
_CONTEXT_LABELS = compile_i(
    r"^(?:background|introduction|context|rationale|importance|summary of background"
    # as abstracts in other languages label it
    r"|introducci|introdu[cç]\w*|einleitung|hintergrund|contexte|antecedentes)"
)
_FUTURE = compile_i(
    r"\b(?:future (?:studies|study|research|trials|work)|further (?:studies|study|research"
    r"|trials|work)|(?:is|are) needed to|needs? further"
    r"|(?:additional|more|larger) (?:studies|research|trials) (?:are|is|will be|would be) "
    r"(?:needed|necessary|required)"
    # ("More research is recommended with a larger sample size and additional focus on pain
    # and caregiver burden")
    r"|(?:studies|research|trials|work|investigation) (?:is|are) (?:recommended|suggested"
    r"|advised)"
    r"|(?:should|could|would|will) (?:also )?(?:be )?"
    r"(?:assess|evaluat|examin|investigat|address|stud|explor)\w*"
    r"|remains? to be|warrant\w*"
    # what the literature lacks, not what was measured ("Evidence to demonstrate the utility of
    # ITB beyond spasticity and dystonia reduction is limited")
    r"|(?:evidence|data|literature)\b[^.;]{0,160}?\b(?:is|are|remains?) (?:still |largely "
    r"|mostly |generally |often )?(?:limited"
    r"|lacking|scarce|sparse|insufficient)"
    # a mechanism guessed at ("We hypothesize ... a modulation of sleep-wake cycles", "It
    # has been hypothesized that ITB may act by stabilizing circadian rhythms")
    r"|we hypothesi[sz]e|(?:has|have) been hypothesi[sz]ed|(?:is|are) hypothesi[sz]ed)\b"
)


# A condition the patient had before ("a history of seizures", "pre-existing dysphagia").
_HISTORY_BEFORE = compile_i(
    r"(?:\bhistor(?:y|ies) of\b[^.;]{0,40}|\b(?:previous|prior|pre-?existing|preexistent"
    r"|known|comorbid|co-morbid|underlying|baseline|chronic"
    # a condition's state when the patients came ("Four children had untreated scoliosis and
    # corrective surgery was being contemplated", "concomitant neuromuscular scoliosis")
    r"|untreated|uncorrected|concomitant|coexisting|co-existing)\s+(?:[\w/-]+\s+)?)$"
)
# The population described with the condition: "ten adults with cerebral palsy and dysarthria",
# "people who have cognitive impairment"
_WHO_HAD = compile_i(
    r"\b(?:patients?|children|adults|individuals?|people|persons?|subjects|participants|boys?"
    r"|girls?|m[ae]n|wom[ae]n|infants?|adolescents?|residents|survivors|veterans|clients?)\s+(?:with"
    r"|having|suffering from|who (?:have|live with))\b(?:(?!\b(?:developed|develop"
    r"|had|has|have|after|following|who|which|that|during|on|receiving|treated"
    # (the person's predicate begun: "A man with a pump became unresponsive with shallow
    # breathing")
    r"|became|becomes|become|presented|presents|was|were)\b)[^.;]){0,80}$"
)
# A disease's own features, not a harm of a therapy: "sequelae that include spasticity,
# cognitive impairment", "typical features of the syndrome including ... seizures",
# "presented with symptoms of encephalitis (seizures, memory impairment)". Withdrawal's and
# overdose's features stay harms (the coding manual), as do a device's or drug's.
_FEATURES_OF = compile_i(
    r"\b(?:sequelae|symptoms?|features?|manifestations?|manifest(?:ed|ing)|signs?"
    r"|characteri[sz]ed by|hallmarks?)"
    r"\b[^.;]*$"
)
# A harm being repaired or drained ("symptoms suggesting intracranial hypotension, surgical
# repair of the cerebrospinal fluid leak was performed"): one that happened, whatever
# symptoms a sentence named before it.
_REPAIRED_BEFORE = compile_i(
    r"\b(?:repair|closure|drainage|evacuation|ligation|revision) of (?:the |a |an |his |her "
    r"|their )?$"
)
# A disease named a cause of a harm ("TBI is a major cause of morbidity and mortality"), and
# what would make the cause the therapy instead.
_DISEASE_CAUSES = compile_i(
    r"\b(?:is|are|remains?|represents?) (?:a|the|one of the) (?:\w+ )?(?:major|leading|common"
    r"|main|frequent|important|significant) causes? of\b[^.;]*$"
)
_CAUSE_IS_THERAPY = compile_i(
    r"\b(?:baclofen|ITB|pumps?|catheters?|intrathecal|withdrawal|overdose|complications?"
    r"|infections?|therapy|treatment)\b"
)
# The causes of the patients' disease, listed: "The most common cause of secondary dystonia was
# cerebral palsy in 21 patients, followed by metabolic disorders in 4, infection in 1",
# "Etiologies: trauma (n = 12), infection (n = 2)" (not "the cause of the revision was an
# infection": a cause of the device's event names a harm)
# (what a list of causes is of: "the commonest cause of spasticity", "aetiology of dystonia")
_CAUSED_CONDITION = (
    r" of (?:the |their |his |her |this )?(?:[\w-]+ ){0,2}?(?:dystonia|spasticity|hypertonia"
    r"|hypertonus|palsy|paraplegia|tetraplegia|quadriplegia|paraparesis|myelopathy"
    r"|(?:brain|spinal cord|head|cord) injur(?:y|ies)|disabilit(?:y|ies))"
)
_ETIOLOGIES = compile_i(
    rf"\b(?:causes?{_CAUSED_CONDITION}|a?etiolog(?:y|ies)(?:{_CAUSED_CONDITION}|(?! of\b)))"
    r"\b[^.;]{0,40}?(?:\b(?:was|were|is|are|included?|comprised?|consisted of)\b|:)[^.;]*$"
)
# A disease defined by what it causes: "Hereditary spastic paraparesis (HSP) is a genetic
# disorder that causes a gait disorder with spasticity and weakness of the lower extremities"
_DISORDER_THAT_CAUSES = compile_i(
    r"\b(?:is|are) (?:an? |a group of )?(?:[\w-]+ ){0,3}?(?:disorders?|diseases?|syndromes?"
    r"|conditions?) (?:that|which) (?:typically |often |usually |commonly )?causes?\b[^.;]*$"
)
# (a cheap first look: the stems of _FEATURES_OF's words, as written in either case)
_FEATURE_WORDS = ("equela", "ymptom", "eature", "anifest", "sign", "Sign", "haracteri", "allmark")
# (_SYNDROME_PRESENTS' first look)
_PRESENTS_CUES = (
    "resents with", "resent with", "anifests", "anifest with", "anifest as", "haracterized by",
    "haracterised by",
)  # fmt: skip
# A form of a disease said to include them: "Pure HSP includes corticospinal tract findings,
# such as slowly progressive spasticity and muscle weakness" (asked where "findings" stands)
_INCLUDES_FINDINGS = compile_i(
    r"\binclud(?:es|e) (?:[\w-]+ ){0,3}?findings,? (?:such as|like|including|e\.g\.)[^.;]*$"
)
_THE_THERAPYS_OWN = frozenset(
    {"withdrawal", "overdose", "tolerance", "catheter_complication", "pump_malfunction"}
)
_THE_THERAPYS_STATE = compile_i(r"withdraw|overdos|toxic|intoxicat")
# A sentence that opens on features whose owner it does not name ("Its features include",
# "Symptoms were", "His signs included"): they are those of what the sentence before named
_FEATURES_OPENING = compile_i(
    r"\s*(?:(?:its|their|his|her|the|these|typical|presenting|clinical)\s+){0,2}"
    r"(?:symptoms?|signs?|features?|manifestations?)\s+(?:include[sd]?|were|are|comprised?"
    r"|consist(?:ed)? of)\b"
)
_SIGNS_OF_THE_HARM = compile_i(r"\w+(?:\s+of)?\s*")
# The subheadings that make an index term a harm: Emtree's complication, side effect, adverse
# drug reaction and drug toxicity ("pain/co [complication]"), MeSH's "chemically induced" and
# "complications".
_HARM_SUBHEADING = compile_i(
    r"/\s*(?:co|si|ae|to)\b|/\s*(?:chemically induced|complications|adverse effects)\b"
)
# Who came with a condition and then had a pump implanted: "presented with chronic back pain
# and lower extremity pain and weakness and were treated with morphine pump implantation" (not
# the therapy restarted for what it caused: "presented with seizures and was treated with
# intrathecal baclofen infusion")
_PRESENTED_BEFORE = compile_i(r"\bpresented with\b[^.;]{0,80}$")
_IMPLANTED_WORDS = re.compile(r"mplant|placement|insertion")
_THERAPY_THEN = compile_i(
    r"[^.;]{0,120}?\band\s+(?:was|were)\s+(?:subsequently\s+|then\s+|later\s+)?(?:treated|managed)"
    r"\s+(?:with|by)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:pump|ITB|intrathecal|baclofen)\b"
    r"[^.;]{0,30}?\b(?:implant\w*|placement|insertion)\b"
    r"|[^.;]{0,120}?\band\s+underwent\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:pump|ITB"
    r"|intrathecal|baclofen)\b[^.;]{0,30}?\b(?:implant\w*|placement|insertion)\b"
)
# A patient brought in with what follows ("was admitted to our unit for", "presented with")
_PRESENTED_WITH = compile_i(
    r"\b(?:admitted|presented|presenting|hospitali[sz]ed|referred|brought|came)\b[^.;]{0,40}?"
    r"\b(?:with|for)\s+(?:the\s+|new\s+|acute\s+|progressive\s+)?$"
)
_THERAPY_WORDS = compile_i(
    r"withdraw|overdos|toxic|intoxicat|malfunction|failure|catheter|pump|baclofen|\bITB\b"
    r"|intrathecal|drug|dose|implant|adverse|side|complication|after|following|treat"
)


_RISK_LIST_WORDS = ("isk", "anger", "azard", "otential", "ssues")  # (a cheap first look)
_CLAIM_CUES = (" has ", " have ", " known ", "stablished", "ecogni")  # (_LITERATURE_CLAIM's)
# (_POPULATION_ELSEWHERE's)
_ELSEWHERE_CUES = (
    "cause", "eature", "ymptom", "onsequence", "equela", "anifestation", "allmark", "roblem",
    "uture", "urther", "dditional", "been ", " used ", "ndicated", "esults from", "rises from",
    "ssociated with", "tiolog", "lso ", "needed", "required", "warranted", "necessary",
    "lacking", "ften observed", "ften seen", "requently observed", "requently seen",
    "ommonly observed", "ommonly seen", "sually seen", "ypically seen",
    # (the therapy's history: "was first used", "the first reported use of", "earliest")
    "irst use", "irst report", "irst describ", "irst introduc", "irst appli", "irst administ",
    "irst given", "irst clinical", "arliest", "nitially use", "nitially describ",
    "nitially introduc", "nitially report", "riginally use", "riginally describ",
    "riginally introduc", "riginally report",
)  # fmt: skip
# (the first-look words of _LOOKED_FOR, below)
_LOOKED_FOR_CUES = (
    "creen", "onitor", "test", "check", "watched", "examined", "taught", "educated",
    "nstructed", "trained", "informed", "ounsel", "warned",
)  # fmt: skip
# A tag carried as a keyword by an export ("KW  - outcome:spasticity")
_CARRIED_TAG = re.compile(r"(indication|complication|outcome|design):([a-z0-9_]+)")
# (the first-look words of _TO_BE_RECORDED, below)
_TO_BE_RECORDED_CUES = ("will ", "shall ", "to be ")
# (the first-look words of _ADVICE_FOR_PATIENTS, below)
_ADVICE_CUES = ("should ", "must ", "ought to ")
# (the first-look words of _OTHER_POPULATION_BEFORE, below)
_OTHER_POPULATION_CUES = (
    "nlike", "ublished", "revious", "istorical", "eported", "esembl", "imilar to", "arlier",
    "option", "lternative", "may ", "might ",
)  # fmt: skip
# The people a study took in, described by a state before the therapy ("Twenty adults unable
# to walk were implanted", "30 children dependent in all activities of daily living were
# included"): who was treated, neither a harm nor an outcome. The state lies between a count
# of people and the verb that took them in, with no verb of an event between.
_ENTERED_CUES = ("implanted", "included", "enrolled", "recruited", "selected", "eligible")
_PEOPLE_COUNTED_BEFORE = compile_i(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|all|consecutive)(?:[\s-]+[\w-]+){0,2}?\s+(?:patients"
    r"|children|adults|individuals|people|persons|subjects|participants|boys|girls|men|women"
    r"|infants|adolescents|residents|veterans|users|candidates)\b(?:(?!\b(?:were|was|had|has"
    r"|have|developed|develop|after|following|during|since|due|caused|because|owing|which"
    r"|that)\b)[^.;:]){0,80}$"
)
_ENTERED_AFTER = compile_i(
    r"(?:(?!\b(?:were|was|and|but|had|developed|after|following|during)\b)[^.;:]){0,60}?"
    r"\b(?:were|was)\s+(?:\w+\s+)?(?:implanted|included|enrolled|recruited|selected"
    r"|eligible)\b"
)
# Harms that are also states a population is described by (a device's or an infection's
# event is a harm wherever it is named)
_POPULATION_STATES = frozenset(
    {"hypotonia_weakness", "cns_adverse_effects", "urinary", "gastrointestinal",
     "speech_swallowing", "seizure", "respiratory_depression", "scoliosis_progression"}
)  # fmt: skip


def _entered_with(sentence: str, start: int, end: int) -> bool:
    """Whether the words at START..END of SENTENCE describe the people a study took in."""
    return (
        not _cues_in(sentence).isdisjoint(_ENTERED_CUES)
        and _ENTERED_AFTER.match(sentence, end) is not None
        and _PEOPLE_COUNTED_BEFORE.search(sentence, max(0, start - 120), start) is not None
    )


# What a harm took from the patients, named after it: "excessive weakness affecting
# transfers", "drowsiness that impaired communication" (no benefit measured: the manual's
# outcomes are what was measured or reported as benefit).
_HARM_AFFECTING_CUES = ("ffecting", "mpair", "imiting", "nterfer", "ompromis")
_HARM_AFFECTING = compile_i(
    r"\b(?:weakness|hypotonia|hypotonus|floppiness|drowsiness|sedation|somnolence|lethargy"
    r"|confusion|dizziness|fatigue|side[- ]effects?|adverse (?:effects?|events?)"
    r"|complications?)\s+(?:(?:that|which)\s+(?:\w+\s+)?)?(?:affect(?:ing|ed|s)|impair(?:ing|ed"
    r"|s)|limit(?:ing|ed|s)|interfer(?:ing|ed|es) with|compromis(?:ing|ed|es))\s+(?:(?:the|their"
    r"|his|her|its)\s+)?(?:[\w-]+\s+){0,2}$"
)
# A disease the patient's course ran into ("He evolved with progressive clinical worsening and
# multisystem organ failure and cardiac arrest"): an event, no population
_COURSE_CUES = ("volved with", "went into", "rogressed to", "omplicated by")
# (_DEVICE_GIVEN_FOR's: what a pump, device or infusion was given or placed for)
# (the words less their first letter, which may be a capital)
_DEVICE_CUES = ("ump", "evice", "mplant", "eservoir", "nfusion", "ystem", "timulator")
_EVENT_OF_THE_COURSE_BEFORE = compile_i(
    r"\b(?:evolved with|went into|progressed to|(?:was|were) complicated by)\b[^.;]{0,80}$"
)
# A population another part of the book or paper covers, named in a cross-reference ("dorsal
# rhizotomy for spastic cerebral palsy in children is discussed in Chapter 90")
_CROSS_REFERENCE_CUES = ("hapter", "lsewhere")
_DISCUSSED_ELSEWHERE = compile_i(
    r"[^.;]{0,60}?\b(?:is|are)\s+(?:discussed|considered|covered|described|reviewed|addressed"
    r"|dealt with|treated)\s+(?:in\s+(?:chapter|section)\s+\d+|elsewhere)\b"
)
_HISTORY_CUES = ("istor", "PMH")  # (_history_before's heads)
_CUE_WORDS = (
    "cause",
    "tiolog",
    "ariable",  # (_VARIABLES_LISTED's)
    "resented with",  # (_PRESENTED_BEFORE's)
    "findings",  # (_INCLUDES_FINDINGS')
    "morbid",
    "exclu",
    "Exclu",
    "diagnos",
    "mimic",
    "ontraindicat",
    "ot be ",
    "avoid",
    "report",
    "describ",
    "publish",
    "ased on",
    "ccording",
    " by ",
    "which",
    "whose",
    "redict",
    "andidate",
    "ide effect",
    "dverse effect",
    "djust",
    "roups of",
    "ontrol for",
    "ontrolling for",
    " likely to",
    " may ",
    " might ",
    " could ",
    *_HARM_AFFECTING_CUES,
    *_FEATURE_WORDS,
    *_PRESENTS_CUES,  # (_SYNDROME_PRESENTS')
    "ost common",  # (_COMMONEST_ARE's)
    "ost frequent",
    *_RISK_LIST_WORDS,
    *_CLAIM_CUES,
    *_ELSEWHERE_CUES,
    *_OTHER_POPULATION_CUES,
    *_LOOKED_FOR_CUES,
    *_TO_BE_RECORDED_CUES,
    *_ENTERED_CUES,
    *_ADVICE_CUES,
    *_CROSS_REFERENCE_CUES,
    *_COURSE_CUES,
    *_DEVICE_CUES,
    *_HISTORY_CUES,
    "haracteristics",  # (_CHARACTERISTICS_LISTED's)
    "fail",  # (_FAILED_TO's)
    "ssociated with",  # (_associated_in_general's)
    " be ",  # (_RECOMMENDED_FOR's)
    "will be",  # (_PATIENTS_TO_COME's)
    "et al",  # (_OTHERS_SHOWED's)
)


_CUES = ahocorasick.Automaton()
for _cue in _CUE_WORDS:
    _CUES.add_word(_cue, _cue)
_CUES.make_automaton()
_SECOND = operator.itemgetter(1)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _cues_in(sentence: str) -> frozenset[str]:
    """Return the first-look word parts of SENTENCE that some rule asks of each mention in it,
    found once per sentence (in a sentence of thousands of words, once per mention added up
    to the square of its length), in one pass over it."""
    return frozenset(map(_SECOND, _CUES.iter(sentence)))


def _history_before(
    sentence: str, start: int, reach: int = 90, head_of: re.Pattern[str] | None = None
) -> re.Match[str] | None:
    """Return the head of a patient's history listed in the REACH characters before START of
    SENTENCE (HEAD_OF, _HISTORY_HEAD by default), where the sentence has not yet gone on to
    what happened; None elsewhere, and for a disease's "natural history of" what a study
    follows."""
    since = max(0, start - reach)
    at = sentence.rfind("istor", since, start) - 1
    if at >= 0:
        if sentence[max(0, at - 8) : at].lower() == "natural ":
            return None
    else:
        at = sentence.rfind("PMH", since, start)
        if at == -1:
            return None
    head = (head_of or _HISTORY_HEAD).match(sentence, at, start)
    if head is None or _HISTORY_WENT_ON.search(sentence, head.end(), start) is not None:
        return None
    return head


def _history_listed(sentence: str, start: int) -> bool:
    """Whether the words at START of SENTENCE stand in a patient's history listed just before
    them (_history_before)."""
    return _history_before(sentence, start) is not None


def _harm_in_history(sentence: str, start: int) -> bool:
    """Whether the harm at START of SENTENCE stands in a patient's history listed before it
    (up to 200 characters: a case's comorbidities run long), no word of the therapy's device
    or drug in the list before it."""
    head = _history_before(sentence, start, 200, _HISTORY_HEAD_LONG)
    return head is not None and _THERAPY_IN_HISTORY.search(sentence, head.end(), start) is None


def _in_general(sentence: str, start: int) -> bool:
    """Whether the harm at START of SENTENCE is told as a state's features or a therapy's
    commonest harms in general (each look asked where its words stand)."""
    cues = _cues_in(sentence)
    since = max(0, start - 200)
    return bool(
        (
            not cues.isdisjoint(_FEATURE_WORDS)
            and _FEATURES_IN_GENERAL.search(sentence, since, start)
        )
        or (
            not cues.isdisjoint(_PRESENTS_CUES)
            and _SYNDROME_PRESENTS.search(sentence, since, start)
        )
        or (not cues.isdisjoint(_COMMONEST_CUES) and _COMMONEST_ARE.search(sentence, since, start))
    )


def _disease_feature(harm: str, sentence: str, start: int, end: int) -> bool:
    """Whether the harm at START..END of SENTENCE is named as a feature of a disease."""
    if harm in _THE_THERAPYS_OWN:
        return False
    if _REPAIRED_BEFORE.search(sentence, max(0, start - 40), start):
        return False  # "surgical repair of the cerebrospinal fluid leak": it was there
    if _SEQUELA.match(sentence, end) or _LEFT_BY_DISEASE.match(sentence, end):
        return True
    if "cause" in _cues_in(sentence):
        # "Traumatic brain injury is a major cause of morbidity and mortality worldwide"
        caused = _DISEASE_CAUSES.search(sentence, max(0, start - 80), start)
        if caused and not _CAUSE_IS_THERAPY.search(sentence, 0, caused.start()):
            return True
    if not _cues_in(sentence).isdisjoint(("cause", "tiolog")) and _ETIOLOGIES.search(
        sentence, max(0, start - 200), start
    ):
        return True  # "the most common cause of dystonia was CP in 21, ... infection in 1"
    if "cause" in _cues_in(sentence) and _DISORDER_THAT_CAUSES.search(
        sentence, max(0, start - 120), start
    ):
        return True  # "HSP is a genetic disorder that causes a gait disorder with weakness"
    if "findings" in _cues_in(sentence) and _INCLUDES_FINDINGS.search(
        sentence, max(0, start - 120), start
    ):
        return True  # "Complicated HSP includes additional findings, such as ... seizures"
    if _cues_in(sentence).isdisjoint(_FEATURE_WORDS):
        return False
    features = _FEATURES_OF.search(sentence, max(0, start - 120), start)
    return (
        features is not None
        # (a patient's presenting signs are the event's: "was admitted to our unit for signs
        # of CNS depression, dizziness, vomiting, somnolence, and hypotonia")
        and not _PRESENTED_WITH.search(sentence, max(0, features.start() - 80), features.start())
        and not _THERAPY_WORDS.search(features.group())
        # "baclofen withdrawal, whose features include pruritus ... and seizures"
        and not _THE_THERAPYS_STATE.search(
            sentence, max(0, features.start() - 40), features.start()
        )
        and not _SIGNS_OF_THE_HARM.fullmatch(features.group())  # "signs of tolerance"
    )


# Scoliosis as the patients' condition, not its progression: "patients with early-onset
# scoliosis", "growth-friendly instrumentation for early-onset scoliosis", "scoliosis
# correction".
_PROGRESSING = compile_i(r"progress|cobb|curve|develop|new|worse|increas")
# The curve an operation corrected ("Correction of the Cobb angle was similar")
_CORRECTED_BEFORE = compile_i(r"\b(?:correction|reduction) of (?:the |their )?$")
# A count of the people with a condition that grew ("The number of patients with scoliosis
# increased during the years", "the proportion of children with scoliosis rose"): new cases,
# not who the patients were.
_COUNT_OF_WHO_HAD = compile_i(
    r"\b(?:number|proportion|percentage|share|prevalence)\s+of\s+[\w-]+\s+(?:with|having)\s+$"
)
_COUNT_GREW = compile_i(r"[^.;]{0,40}?\b(?:increased|rose|grew|doubled|tripled|went up|climbed)\b")
# The acute brain injury and its surgery ("frontoparietal hemorrhage ... hematoma evacuation
# and decompressive craniectomy"): a coma or a hematoma told with it and with none of the
# therapy's words (_THERAPY_NAMED) is the injury's.
_BRAIN_EVENT = compile_i(
    r"\b(?:ha?emorrhag\w*|craniectom\w*|craniotom\w*|cardiac arrest|(?:brain|head) injur\w*"
    r"|brain trauma|aneurysm\w*|intracerebral|intracranial|subarachnoid|subdural)"
)
_brain_event_in = found_in_sentence(_BRAIN_EVENT)
_SCOLIOSIS_TREATED_BEFORE = compile_i(
    # ("catheter slides are related to growth, scoliosis, spine surgery": a cause named)
    r"\b(?:for|undergoing|related to|due to|caused by|because of)\s+(?:[\w-]+,?\s+){0,2}$"
    # the group an operation defines ("children with a pump who underwent posterior spinal
    # fusion"; "3 children underwent fusion during follow-up" tells of curves that progressed)
    r"|\bwho (?:underwent|had undergone|were undergoing)\s+(?:[\w-]+\s+){0,2}$"
    # an operation as a point in time ("dosing following a spinal fusion", "after spinal
    # fusion surgery")
    r"|\b(?:following|after|before|prior to|since)\s+(?:an?\s+|the\s+|their\s+|his\s+|her\s+)?$"
)
_SCOLIOSIS_TREATED_AFTER = compile_i(
    # ("scoliosis surgery", "a cerebral palsy scoliosis database": who was operated on, or
    # whose records were kept)
    r"\s*(?:\([^)]*\)\s*)?(?:correction|instrumentation|surgery|surgeries|surgical|operations?"
    r"|database|registry"
    # ... or who the patients are ("in pediatric neuromuscular scoliosis (NMS) patients")
    r"|patients|children|adolescents|adults|population)\b"
    # ... or the operation judged ("Spinal fusion after ITB pump placement is feasible and
    # safe")
    r"|[^.;]{0,60}?\b(?:is|was|are|were|seems?|appears?)\s+(?:\w+\s+)?(?:feasible|safe|possible"
    r"|successful|well tolerated)\b"
)
# CNS effects that are also lasting conditions ("adults with MS and cognitive impairment")
_LASTING = compile_i(r"(?:cognitive|memory)\b")
# The condition a treatment is for ("guidance focused upon treatment of cognitive impairment",
# "rehabilitation of dysphagia"): what the patients have, not a harm of the treatment
_TREATED_BEFORE = compile_i(
    r"\b(?:treatments?|treating|treat|management|managing|rehabilitation|remediation|therap"
    r"(?:y|ies)|interventions?|training|programm?e?s?)\s+(?:of|for)\s+(?:[\w-]+\s+){0,2}$"
    # another device or drug given for it: "he received a VNS for TBI-associated seizures"
    r"|\b(?:received|receives|underwent|was given|were given|prescribed|implanted with)\s+"
    r"(?:an?\s+)?(?:[\w-]+\s+){0,3}?for\s+(?:[\w-]+\s+){0,2}$"
    # what a treatment's effects were measured on: "the effects of acupressure (eight
    # treatments over 4 weeks) on cognitive impairment"
    r"|\beffects?\s+of\s+[^.;]{1,80}?\s+on\s+(?:[\w-]+\s+){0,2}$"
    # what it is meant to undo or stop: "to reduce abeta and reverse the memory loss"
    r"|\b(?:revers(?:e|ed|es|ing)|prevent(?:s|ed|ing)?|delay(?:s|ed|ing)?|halt(?:s|ed|ing)?)"
    r"\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+)?$"
    # what interventions aim at: "the interventions targeted a wide range of cognitive
    # impairments", "interventions targeting most cognitive impairments"
    r"|\btarget(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,4}?$"
    r"|\bfocus(?:ed|es|ing)?\s+(?:up)?on\s+(?:[\w-]+\s+){0,2}$"
)
# A lasting cognitive condition as what a study assesses ("Evaluation of cognitive impairment by
# the Montreal Cognitive Assessment in patients with subarachnoid haemorrhage")
_ASSESSED_BEFORE = compile_i(
    r"\b(?:evaluation|evaluating|assessment|assessing|screening|detection|detecting|diagnosis"
    r"|identification|identifying|measurement|measuring|predictors?|determinants|correlates)"
    r"\s+(?:of|for)\s+(?:[\w-]+\s+){0,2}$"
    # or what it goes with ("the association of falls and cognitive impairment", "the
    # relationship between physical activity and incident cognitive impairment")
    r"|\b(?:associations?|relationships?|relation|links?)\s+(?:of|between)\s+"
    r"(?:[\w-]+\s+){0,4}$"
    # or as a factor whose effect is studied ("to examine the effect of arm paresis and
    # cognitive impairment on dressing"), or the setting of a task ("when dressing in the
    # presence of cognitive impairment")
    r"|\b(?:effects?|impacts?|influence|role)\s+of\s+(?:[\w-]+\s+){0,3}?(?:and\s+)?$"
    r"|\bin the (?:presence|context) of\s+(?:[\w-]+\s+){0,2}$"
    # "to assess both activity limitations and cognitive impairment"
    r"|\b(?:assess|evaluat|measur|screen|detect|examin)(?:e|es|ed|ing)?\s+(?:both\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:and\s+)?$"
)
# ... or after it: "Cognitive impairment (MoCA < 26) was determined in 73%"
_ASSESSED_AFTER = compile_i(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:was|were)\s+(?:determined|defined|assessed|measured"
    r"|evaluated|screened|classified|graded|rated)\b"
)
# A lasting cognitive condition slowed by a treatment: "showed less cognitive decline compared
# with placebo", "the cognitive decline is slowed": the disease's course, not a harm
_SLOWED_BEFORE = compile_i(
    r"\b(?:less|slower|slowed|slowing(?: of)?|attenuated|delayed)\s+(?:[\w-]+\s+)?$"
)
_SLOWED_AFTER = compile_i(
    r"\s+(?:(?:was|is|were|are|being)\s+)?(?:slowed|attenuated|delayed|halted)\b"
)
# A cognitive diagnosis' name: "vascular cognitive impairment", "mild cognitive impairment",
# "post-stroke cognitive impairment" (not "2 patients suffered mild memory deficit")
_COGNITIVE_DIAGNOSIS = compile_i(
    r"\b(?:vascular|mild|post-?stroke|post-?traumatic|age-related|subjective)\s+$"
)
# What makes a lasting cognitive condition an event, a harm: a treatment, a time, an onset.
_HARM_CUE = compile_i(
    r"adverse|side[ -]?effect|complicat|incidence|post-?operative|occur|develop|experienc"
    r"|induc|caus|transient|resolv|revers|after|following|during|within|toxic|withdraw"
    r"|overdos|bolus|dose|baclofen"
    r"|\bITB\b|intrathecal|pump|drug|medication|related|worse|new|onset|appear|emerg|suffer"
    r"|\bhad\b|\bshowed\b|\bpresented\b|\breported\b|\bnoted\b|\bobserved\b"
)

# (asked once per sentence)
_harm_cue_in = found_in_sentence(_HARM_CUE)


# Harms whose patterns reach across words ("the curve ... progressed", "doses ... were
# increased"): a negation among those words is the harm's ("the curve had not progressed",
# "doses were not increased"). Not the weakness of too little tone, whose patterns name an
# inability ("could not walk", "no longer able to stand").
_NEGATED_WITHIN_HARMS = frozenset({
    "catheter_complication", "pump_malfunction", "infection", "csf_leak", "wound_complication",
    "scoliosis_progression", "tolerance", "urinary", "speech_swallowing",
})  # fmt: skip
# (an inability the pattern names is no negation: "could not pass urine", "was not able to")
_NEGATED_WITHIN = compile_i(
    r"\b(?<!could )(?<!can )(?:not|never|no|neither|nor)\b(?! able\b)|(?<!could)(?<!ca)n't\b"
)
# Deaths the authors said were none of the therapy's, in the same sentence ("No deaths were
# related to the pump; two patients died of pneumonia")
_NO_DEATH_OF_THE_THERAPY = compile_i(
    r"\bno (?:deaths?|mortality|fatalit(?:y|ies))\s+(?:was|were)\s+(?:\w+\s+)?"
    r"(?:related|attributable|attributed|due|linked)\s+to\s+(?:the\s+)?(?:pump|device|ITB"
    r"|therapy|treatment|baclofen|catheter|intrathecal|implant\w*|system)\b"
    # ... or the device found sound beside the death ("She died of sepsis from a pressure
    # sore; the pump was working normally"), or the disease's progress told before it ("Her
    # underlying disease progressed and she died at home")
    r"|\b(?:the\s+)?(?:pump|device|system|catheter)\s+(?:was|were)\s+(?:found\s+to\s+be\s+)?"
    r"(?:working|functioning|intact)\s+(?:normally|properly|correctly)\b"
    r"|\b(?:disease|illness|condition|sclerosis|MS|ALS)\s+(?:had\s+)?progressed\s+(?:and|,)\s+"
    r"(?:\w+\s+){0,2}?died\b"
)
_no_death_of_the_therapy = found_in_sentence(_NO_DEATH_OF_THE_THERAPY)
# What is said to cause deaths in general ("a rare cause of high morbidity and mortality"): no
# death told of a patient (not "the cause of death was withdrawal": the word is "mortality")
_CAUSE_OF_MORTALITY = compile_i(
    r"\bcauses? of (?:(?:high|significant|considerable|substantial|major|increased|serious)\s+)?"
    r"(?:morbidity\s+(?:and|or|&)\s+)?$"
)
# A disease named as a risk ("a lower risk of dementia and Alzheimer's disease", "at risk of
# stroke"): what may come, not who was treated
_RISK_OF = compile_i(
    r"\brisks? (?:of|for) (?:developing |incident |having |(?:an?|the) )?(?:[\w'-]+ ){0,2}?"
    r"(?:(?:and|or) (?:[\w'-]+ ){0,2}?)?$"
)
# A harm whose risk a treatment lowers ("a 23-25% lower risk of death from coronary heart
# disease", "reduces the risk of seizures"): a benefit, not a harm that happened
_RISK_LOWERED = compile_i(
    r"\b(?:lower|lowers|lowered|lowering|reduced?|reduces|reducing|reductions? (?:of|in)"
    r"|decreased?|decreases|decreasing|prevent\w*)\s+(?:(?:the|a|their|its)\s+)?"
    r"(?:[\w%-]+\s+){0,2}?risks?\s+(?:of|for)\s+(?:[\w-]+\s+){0,1}$"
)


# A condition the disease left: "cognitive impairment following acquired brain injury",
# "memory deficits after stroke", "dizziness following concussion" (not "confusion after the
# bolus": the therapy's); asked by _disease_feature of every harm but the therapy's own
_LEFT_BY_DISEASE = compile_i(
    # (the harm alone or first of a list: "dizziness, vertigo, and imbalance following
    # concussion")
    r"(?:,?\s+(?:and\s+|or\s+)?[\w-]+){0,4}?\s+(?:following|after|due to|secondary to"
    r"|caused by|from)\s+(?:(?:an?|the|their|his|her|mild|moderate|severe|acute|chronic|traumatic"
    r"|acquired|isch(?:a)?emic|h(?:a)?emorrhagic|decompressive)\s+){0,3}"
    r"(?:concussions?|(?:brain|head|spinal cord) (?:injur(?:y|ies)|damage|trauma)|TBI|ABI|SCI"
    # (or the brain's operation for it: "she returned with hydrocephalus and hygroma, stemming
    # from the decompressive craniectomy")
    r"|strokes?|craniectom(?:y|ies)|craniotom(?:y|ies))\b"
)
_HISTORY_AFTER = compile_i(
    r"(?:[/\s-]+[\w-]+){0,2}?[\s/-]+histor(?:y|ies)\b"
    # "Constipation was present in 70% of patients before implantation"
    r"|\s+(?:was|were)\s+(?:already\s+)?(?:present|reported|common|frequent|known)\b[^.;]{0,50}?"
    r"\b(?:before|prior to|preceding)\s+(?:the\s+)?(?:pump\s+|ITB\s+|intrathecal\s+)?(?:implant\w*"
    r"|surgery|operation|treatment|therapy|ITB|baclofen)\b"
    # weighed before the therapy begins, beside another past condition ("Seizures or prior
    # abdominal or pelvic surgery should be discussed before proceeding to an ITB screening
    # test"): what the patients have, no harm
    r"|\s+(?:or|and)\s+(?:an?\s+)?(?:prior|previous|pre-?existing)\b"
    r"|[^.;]{0,60}?\b(?:should|must|needs?\s+to)\s+be\s+(?:discussed|considered|evaluated"
    r"|assessed|addressed|reviewed|weighed)\s+before\b"
)
# A harm spoken of as what is generally known: "X is the most common complication of ITB".
_GENERIC_STATEMENT = compile_i(
    r"[^.;]{0,40}?\b(?:is|are|remains?|represents?|constitutes?)\s+(?:a|an|the|one of the)?\s*"
    r"(?:most\s+|more\s+|very\s+|relatively\s+|rare\s+but\s+|potentially\s+)?(?:common"
    r"|frequent|commonest|rare|uncommon|serious|known|well-known|recogni[sz]ed|potential|major"
    r"|important|dreaded|feared|life-threatening|leading|frequently reported)\b"
)
# A state's features described in general: "Common signs and symptoms of toxicity include"
_FEATURES_IN_GENERAL = compile_i(
    r"\b(?:common|typical|classic(?:al)?|usual|known|frequent|main|cardinal)\s+(?:clinical\s+)?"
    r"(?:signs?|symptoms?|features?|manifestations?|findings?)(?:\s+and\s+(?:signs?|symptoms?"
    r"|features?))?\s+of\s+[^.;]{0,60}?\b(?:include|includes|are|consist of|comprise)\b"
    r"[^.;]{0,160}$"
)
# ... a syndrome's picture in the present tense ("The syndrome of baclofen withdrawal presents
# with altered mental status, fever, ... seizures")
_SYNDROME_PRESENTS = compile_i(
    r"\b(?:syndrome|withdrawal|overdose|toxicity|intoxication)\s+(?:[\w-]+\s+){0,3}?(?:typically\s+"
    r"|usually\s+|often\s+|classically\s+|may\s+|can\s+)?(?:presents|present|manifests"
    r"|manifest|is\s+characteri[sz]ed|are\s+characteri[sz]ed)\s+(?:itself\s+)?(?:with|by|as)\b"
    r"[^.;]{0,160}$"
)
# ... and a therapy's commonest harms told in the present tense ("The most common complications
# leading to explantation of the pumps are skin breakdown and infection")
_COMMONEST_ARE = compile_i(
    r"\bmost\s+(?:common|frequent)\s+(?:[\w-]+\s+){0,8}?(?:are|is|include|includes)\b[^.;]{0,160}$"
)
_COMMONEST_CUES = ("ost common", "ost frequent")
_IN_GENERAL_CUES = frozenset((*_FEATURE_WORDS, *_PRESENTS_CUES, *_COMMONEST_CUES))
_OWN_DATA = compile_i(
    # (whole words: "were", "use" and "hereditary" are no "we", "us" and "here"; a year is no
    # count: "ITB was first used in 1985 for spinal cord injury")
    # (nor the literature's as the authors know it: "To our knowledge, catheter migration into
    # the cord is a very rare complication", "as far as we know")
    r"\b(?:we(?!\s+(?:know|are aware)\b)|our(?!\s+knowledge\b)|us|this (?:series|study|cohort"
    r"|patient|case)|the present (?:series|study)"
    r"|here(?:in)?|in (?!(?:19|20)\d\d\b)\d+|of \d+|\d+ (?:of|out of) \d+)\b"
    r"|\b\d+(?:\.\d+)?\s?%"
)
# Another cause named for an event: the underlying disease, its progression, or "unrelated".
_DISEASE = (
    r"(?:disease|condition|illness|disorder|course|progression|causes?|cancer|malignancy"
    r"|multiple sclerosis|sclerosis|ALS|palsy|injury)"
)
_OTHER_CAUSE = GatedPattern(
    # (not across a clause of another patient's event: "One patient developed a wound
    # dehiscence, and one died of pneumonia unrelated to the treatment")
    r"(?:(?!,\s+(?:and|but|while|whereas)\s+(?:one|two|three|four|five|another|the other"
    r"|a further|\d+)\b)[^.;]){0,100}?\b(?:(?:none|not)\s+(?:\w+\s+)?related to"
    r"|unrelated\b|not (?:due|attributable|attributed) to"
    r"|(?:due|attribute[ds]?|attributable|secondary|owing|related) to (?:the |their |his |her )?"
    # ("which the authors attribute to their more advanced disease")
    r"(?:more |most |very |rapidly )?"
    r"(?:underlying |progressi\w* |advanced |advancing |natural |primary |pre-?existing |other )"
    rf"(?:[\w-]+ ){{0,2}}?{_DISEASE}\b"
    r"|(?:from|of|by) (?:the |their |his |her )?(?:complications of |progression of )?"
    r"(?:the |their |his |her )?(?:underlying |progressi\w* |advanced |advancing |natural "
    rf"|pre-?existing |other )(?:[\w-]+ ){{0,2}}?{_DISEASE}\b"
    r"|(?:due to|from|of|by|attributed to|attributable to|secondary to|related to) (?:the )?"
    r"(?:disease|its) progression\b"
    r"|(?:due to|from|of) (?:the )?progression of (?:the |their |his |her )?(?:underlying )?"
    r"(?:disease|illness|condition|multiple sclerosis|ALS)\b"
    # "8 deaths occurred with no evidence of pump or catheter malfunction contributing"
    r"|with(?:out| no) (?:evidence|sign|indication) (?:of|that) (?:the |any )?(?:pump|catheter"
    r"|device|ITB|baclofen|intrathecal|treatment|therapy))"
)
# (its first look, once per sentence: every harm in it asks)
_other_cause_in = may_be_in_sentence(_OTHER_CAUSE)
# ... and across a semicolon when the therapy is named: "One child died suddenly at home; the
# autopsy found no relation to the pump"
_UNRELATED_LATER = compile_i(
    r"[^.]{0,100}?\b(?:no (?:relation|relationship|connection|link|causal (?:relation|link))"
    r" (?:to|with)|(?:was|were) (?:not related|unrelated) to) (?:the )?(?:pump|catheter|device"
    r"|ITB|baclofen|intrathecal|treatment|therapy)\b"
)
# (asked once per sentence, not of each harm: a sentence may be a whole long abstract)
_unrelated_in = found_in_sentence(
    compile_i(r"no relation|no connection|no link|no causal|unrelated|not related")
)
_planned_in = found_in_sentence(
    re.compile("lanned|lective|cheduled|outine|onnected to|ttached to|inked to")
)
# Device events planned ("80 planned replacement procedures (46 battery expirations, 26
# catheter replacements for posterior spinal fusion)"): no complication (the manual).
_PLANNED_BEFORE = compile_i(r"\b(?:planned|elective|electively|scheduled|routine)\b[^.;)]{0,140}$")
# ... but not a plan that was missed: "he had missed his scheduled pump refill appointment"
_MISSED_PLAN = compile_i(
    r"\b(?:missed|missing|skipped|forgot|forgotten|overdue for|late for|failed to (?:attend"
    r"|keep)|did not (?:attend|keep))(?:\s+(?:his|her|their|the|a|an))?\s*$"
)


def _planned_before(sentence: str, start: int) -> bool:
    """Whether a plan is named in the 140 characters before START of SENTENCE, and was kept."""
    planned = _PLANNED_BEFORE.search(sentence, max(0, start - 140), start)
    return planned is not None and not _MISSED_PLAN.search(
        sentence, max(0, planned.start() - 30), planned.start()
    )


# ... or said so after: "pumps were replaced for battery depletion in 12 as planned"
_PLANNED_AFTER = compile_i(
    r"[^.;]{0,60}?\b(?:as (?:planned|scheduled)|electively|on schedule|in a planned"
    r"|at a (?:planned|scheduled|routine))\b"
    # what an expected end led to: "Battery depletion led to elective pump replacement"
    r"|\s+(?:led to|leading to|prompted|prompting|required|requiring|needed)\s+(?:an?\s+)?"
    r"(?:elective|planned|scheduled|routine)\s+(?:pump\s+)?(?:replacements?|exchanges?"
    r"|changes?|revisions?)\b"
    # a trial's temporary catheter made an implanted system: "the spinal catheter was removed
    # and surgically replaced by another catheter connected to a subcutaneous pump"
    r"|\s+(?:by|with)\s+(?:an?|another|the)\s+(?:[\w-]+\s+){0,2}?(?:catheter|system|pump)s?"
    r"\s+(?:connected|attached|linked)\s+to\b"
)
# "Memory impairment is one of the most common sequelae of brain injury": the injury's own, no
# harm of a therapy (in a review too).
_SEQUELA = compile_i(
    # (the harm alone or first of a list: "Vertigo, dizziness, and imbalance are a symptom
    # complex that is commonly found following concussion")
    r"(?:,?\s+(?:and\s+|or\s+)?[\w-]+){0,4}?\W+(?:is|are) (?:an? |one of the |the )?"
    r"(?:[\w-]+ ){0,3}?(?:sequelae?|consequences?|manifestations?|symptoms?|symptom complex"
    r"|complaints?|features?) (?:(?:of|that|which|is|are|commonly|often|frequently|usually"
    r"|seen|found|observed|reported) ){0,4}?(?:of|following|after|in) (?:[\w-]+ ){0,3}?"
    r"(?:brain|head|cerebral|spinal|stroke|injury|damage|disease|lesions?|concussions?|TBI)\b"
)
# A battery's expected end, the pump replaced at it: a planned device event (the manual),
# unless it came early
_END_OF_LIFE = compile_i(r"end[- ]of[- ](?:(?:the|its)\s+)?(?:battery|service|device)?[- ]?life\b")
_REPLACED_AT = compile_i(
    r"\breplace(?:d|ment|ments)?\b(?:\s+[\w-]+){0,4}?\s+(?:at|for|because of|due to|on reaching"
    r"|after reaching|upon reaching)\s+(?:the\s+|their\s+|its\s+)?$"
)
_TOO_EARLY = compile_i(r"\b(?:early|earlier|premature\w*|unexpected\w*|sooner)\b")
# A harm looked for or taught about, not seen: "screening for infection", "monitored for signs
# of overdose", "taught the signs of overdose and withdrawal"
_LOOKED_FOR = compile_i(
    r"\b(?:screen(?:ed|ing)|monitor(?:ed|ing)|test(?:ed|ing)|check(?:ed|ing)|watched|examined)"
    r"\s+(?:\w+\s+)?for\s+(?:(?:any|possible|potential)\s+)?(?:(?:signs?|symptoms?|evidence"
    r"|features)\s+of\s+)?(?:(?:any|possible|potential)\s+)?(?:[\w-]+\s+)?$"
    r"|\b(?:taught|educated|instructed|trained|informed|counsell?ed|warned)\b[^.;]{0,40}?"
    r"\b(?:signs?|symptoms?|risks?|dangers?|features)\s+of\s+(?:[\w-]+\s+){0,2}?"
    r"(?:(?:and|or)\s+(?:[\w-]+\s+){0,2}?)?$"
)
# A harm among the variables a study recorded of its patients ("The following variables were
# recorded: age, weight, diagnosis, fecal incontinence, ...")
_VARIABLES_LISTED = compile_i(
    r"\b(?:the following |these |recorded |collected |baseline |clinical |study )?(?:variables"
    # (not those found to go with an outcome: "variables associated with infection were CSF
    # leak and dehiscence")
    r"|covariates)\b(?:(?!associat|predict|signific|correlat|risk)[^.;:]){0,40}?(?::|\b(?:included"
    r"|including|such as|(?:were|was) (?:recorded|collected|documented|extracted|registered"
    r"|noted|gathered)))[^.;]*$"
)
# Harms a protocol or a registration will record ("Safety events such as overdose and
# withdrawal will be recorded", "We will monitor infections"): planned, no event
_TO_BE_RECORDED_AFTER = compile_i(
    r"[^.;]{0,60}?\b(?:will|shall|are to|is to)\s+(?:also\s+|then\s+)?be\s+(?:\w+\s+)?"
    r"(?:recorded|monitored|assessed|collected|measured|documented|evaluated|compared|captured"
    r"|tracked|registered|noted|ascertained|quantified|analy[sz]ed|examined|reported)\b"
)
_TO_BE_RECORDED_BEFORE = compile_i(
    r"\b(?:will|shall)\s+(?:also\s+|then\s+)?(?:record|monitor|assess|collect|measure|document"
    r"|evaluate|compare|capture|track|register|note|ascertain|quantify|analy[sz]e|examine)\b"
    r"[^.;]{0,60}$"
)
_PLANNABLE = frozenset({"catheter_complication", "pump_malfunction", "scoliosis_progression"})
# A trial's words in the plural, or in a call for more research, name other studies.
_TRIAL_DESIGNS = frozenset({"rct", "controlled_trial"})
# A condition named beside spasticity as what the therapy treats ("for spasticity and dystonia",
# "dystonia or spasticity")
_WITH_SPASTICITY_BEFORE = compile_i(
    r"\b(?:spasticity|hypertonia)\s+(?:and|or|and/or|as well as)\s+(?:\w+\s+)?$"
)
_WITH_SPASTICITY_AFTER = compile_i(
    r"\s+(?:and|or|and/or|as well as)\s+(?:\w+\s+)?(?:spasticity|hypertonia)\b"
    # ("a treatment for children with cerebral palsy and other causes of spasticity")
    r"|\s+(?:and|or)\s+other\s+(?:causes|forms|types)\s+of\s+(?:spasticity|hypertonia)\b"
)
# A daily or hourly amount ("95-590 ug/day") is a continuous infusion's dose, never a screening
# bolus's
_DOSE_RATE = compile_i(r"/\s*(?:d|day|h|hr|hour|24\s*h)\b|\bper (?:day|hour)\b")
# The therapy said to avoid a harm ("ITB produces higher concentrations ... and avoids this
# excessive sedation"; not one named after a contrast: "avoids it but catheter problems
# occur")
_THERAPY_AVOIDS = compile_i(
    r"\b(?:ITB|intrathecal\w*|baclofen|pumps?|therapy|treatment|route|it)\b[^.;]{0,160}?"
    r"\b(?:avoids?|avoided|avoiding)\s+(?:(?!(?:but|however|whereas|although|though|yet)\b)\w+"
    r"\s+){0,3}$"
    # "This also significantly reduces the systemic side effects of baclofen, primarily
    # hypotonia and sedation": the oral drug's harms the route spares
    r"|\b(?:reduces|reduced|reducing|minimi[sz]es|lessens|limits|bypasses)\s+(?:the\s+)?"
    r"(?:\w+\s+)?(?:side[- ]effects?|adverse effects?)\s+of\s+(?:oral\s+|systemic\s+)?"
    r"baclofen\W+(?:primarily|mainly|mostly|such as|including|like|namely)\s+(?:\w+\s+){0,4}$"
)
# Who the therapy suits, said in general ("Patients who ... are often prime candidates for
# ITB", "In general, candidates for baclofen pump are patients with spastic cerebral palsy"):
# no population treated in this study, no outcome measured
_CANDIDATES_IN_GENERAL = found_in_sentence(
    compile_i(
        r"\b(?:are|is)\s+(?:often|usually|typically|generally|commonly|frequently|considered)?"
        r"\s*(?:the\s+)?(?:prime|good|ideal|appropriate|suitable|typical|best|usual|potential)?"
        r"\s*candidates?\s+for\b"
        r"|\bcandidates?\s+for\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:are|is)\s+"
        r"(?:often\s+|usually\s+|typically\s+|generally\s+|mostly\s+)?(?:patients|children"
        r"|adults|individuals|those|people)\b"
    )
)
# Who should not be treated: a harm or a need named after "contraindicated in" or
# "contraindications include", in the same clause
_CONTRAINDICATED = compile_i(
    r"\bcontraindicat\w*\b[^.;]{0,160}$"
    # "Individuals should not be tested in the presence of active medical issues (e.g., MS
    # exacerbations, ...)": who should not be screened or treated
    r"|\b(?:should|must|may|can) not be (?:tested|treated|screened|implanted|trialled|trialed"
    r"|offered|given|considered for)\b(?:[^.;]|\.(?=,|\s*[a-z(])){0,160}$"
)
# Patients grouped by a measure ("Based on ambulatory function, patients were divided into 2
# groups"): the measure names the groups
_GROUPING_VERBS = compile_i(
    r"\b(?:divided|grouped|classified|stratified|categori[sz]ed|split|allocated)\b"
    # "According to the Barthel Index, definition of high-level patients (60-100 points)"
    r"|\bdefinitions? of (?:[\w-]+ ){0,2}?(?:patients|groups|subjects|participants|children"
    r"|adults)\b"
)
_grouping_in = found_in_sentence(_GROUPING_VERBS)
# A measure named as a risk factor or predictor ("Risk factors for sustaining any complication
# were ... a lower modified Rankin Scale and a higher Barthel Index"; "Patients with ... a higher
# Barthel Index have a higher risk to sustain a complication"): what predicted the event, no
# outcome measured
_NAMED_AS_RISK = compile_i(
    r"\b(?:risk factors?|predictors?|predictive factors?)\b(?: for| of)?[^;]{0,160}?"
    r"\b(?:were|was|are|is|included|including)\b(?!\s+(?:\w+ed|studied|sought|not)\b)"
    r"(?:(?!improv|decreas|declin|reduc).){0,300}$"
)
_HAS_A_RISK = compile_i(
    r"^[^.;]{0,160}?\b(?:have|has|had|were at|are at|was at) (?:a |an )?(?:significantly )?"
    r"(?:higher|greater|increased|lower|reduced) risk\b"
)
# A group named by what it had, said to be likelier to do something: "those that had a longer
# hospital stay were more likely to require a decrease in dose" (not "had similar lengths of
# stay ... and were more likely to be transferred": the group's outcomes, in a list)
_GROUP_WHO_HAD = compile_i(
    r"\b(?:those|patients|children|subjects|participants|people|individuals|adults|men|women"
    r"|cases)\s+(?:who|that|with)\b[^.;,]{0,60}$"
)
_MORE_LIKELY = compile_i(
    r"[^.;,]{0,60}?\b(?:were|was|are|is) (?:significantly |also )?(?:more|less) likely to\b"
)
# A review naming itself: "this review covers", "we review", "are discussed"
_reviews_itself = found_in_sentence(
    compile_i(
        r"\bthis (?:narrative |systematic |literature |brief |short )?(?:review|overview|chapter)\b"
        r"|\bwe (?:review|summari[sz]e|discuss)\b"
        r"|\b(?:is|are) (?:reviewed|discussed|summari[sz]ed)\b"
    )
)
# What the therapy does, told in the present tense as known ("Intrathecal baclofen reduces
# painful spasms and improves sleep"): in an opening, a review's treatment targets (the
# coding manual), where a primary study's opening only tells what is known.
_THERAPY_DOES = compile_i(
    r"\b(?:ITB|CITB|intrathecal baclofen|intrathecal (?:therapy|treatment|infusion)|(?:the|this)"
    r" (?:therapy|treatment))(?: (?:therapy|treatment|infusion|pumps?))?\s+(?:(?:also|effectively"
    r"|significantly|markedly|often|usually|substantially|consistently|further|reliably)\s+)?"
    r"(?:reduces|relieves|decreases|controls|alleviates|improves|diminishes|lessens|eases"
    r"|enhances"
    # "is used to reduce", "can relieve", "is effective in reducing"
    r"|(?:(?:is|are)\s+(?:\w+\s+)?used\s+to|can|may|will|helps?(?:\s+to)?)\s+(?:reduce|relieve"
    r"|decrease|control|alleviate|improve|diminish|lessen|ease|enhance)"
    r"|(?:is|are)\s+(?:highly\s+|very\s+)?(?:effective|efficacious|useful)\s+(?:in|for|at)\s+"
    r"(?:reducing|relieving|decreasing|controlling|alleviating|improving|diminishing|lessening"
    r"|easing|enhancing)"
    # "offers well-proven benefits in reducing spasticity"
    r"|offers?\s+(?:[\w-]+\s+){0,2}?benefits?\s+(?:in|for)\s+(?:reducing|relieving|decreasing"
    r"|controlling|alleviating|improving|diminishing|lessening|easing|enhancing))\b"
)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _therapy_does_from(sentence: str) -> int:
    """Return where SENTENCE starts to tell what the therapy does (_THERAPY_DOES), or -1."""
    found = _THERAPY_DOES.search(sentence)
    return -1 if found is None else found.start()


_GROUPED_BY = compile_i(
    r"\b(?:based on|according to|stratified by|grouped by|classified by|divided by)\s+"
    r"(?:their\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}$"
)
# Groups formed by a level of the measure named next: "groups of patients in high and low
# levels of independent functional mobility", "groups of children with good or poor function"
_GROUPS_BY_LEVEL = compile_i(
    r"\bgroups?\s+of\s+(?:[\w-]+\s+)?(?:patients|children|subjects|participants|adults|people"
    r"|individuals)\s+(?:in|with|at)\s+(?:the\s+)?(?:high|low|higher|lower|good|poor|better|worse)"
    r"(?:\s+(?:and|or|versus|vs\.?)\s+(?:high|low|higher|lower|good|poor|better|worse))?\s+"
    r"(?:levels?\s+of\s+)?(?:[\w-]+\s+){0,2}$"
)
# Advice on which patients to think of it in: "The possibility of a subdural catheter should
# be included in the differential diagnosis in patients who experience a lack of drug effect
# ... despite increases in dosage" - the harm of the patients the advice is for, none told of
# the study's own (a review's topic rule still makes it a tag).
_ADVICE_FOR_PATIENTS = compile_i(
    r"\b(?:should|must|ought\s+to)\s+(?:always\s+|also\s+|therefore\s+|thus\s+)?be\s+"
    r"(?:considered|included|suspected|ruled\s+out|excluded|kept\s+in\s+mind|borne\s+in\s+mind"
    r"|sought|looked\s+for|investigated|evaluated|assessed)\b[^.;]{0,100}?\b(?:in|for|among)\s+"
    r"(?:all\s+|any\s+)?(?:patients?|children|individuals|persons|people|adults|those)\s+"
    r"(?:who|presenting|experiencing|developing|with\s+(?:new|unexplained|sudden|recurrent"
    r"|worsening|increas\w+|loss|lack|signs?|symptoms?))\b[^.;]{0,100}$"
)
# A harm of other reports the case is likened to: "those reported in connection to abrupt
# withdrawal of intrathecal baclofen"
_OTHERS_REPORTED = compile_i(
    r"\b(?:those|cases|reports?|features|ones|symptoms)\s+(?:previously\s+)?(?:reported|described"
    r"|published)\s+(?:in connection (?:to|with)|in association with|in|with|after"
    r"|following|for)\s+(?:\w+\s+){0,3}$"
)


# A study of this design asked for, not done: "a prospective study is recommended", "larger
# randomized trials would be needed"
_STUDY_TO_COME = compile_i(
    # (or the design's own words: "We argue that registries are needed")
    r"[\s,-]+(?:(?:[\w-]+[\s,]+){0,3}?(?:study|studies|trials?|research|investigations?"
    r"|evaluations?|designs?|registr(?:y|ies)|cohorts?|databases?)\s+)?"
    r"(?:is|are|would be|will be|should be|may be|might be|could be)\s+"
    r"(?:\w+\s+)?(?:needed|required|recommended|warranted|necessary|suggested|advised"
    r"|desirable|indicated)\b"
)
_STUDY_DESIGNS = frozenset({"rct", "controlled_trial", "cohort", "case_series", "other"})
# Other authors' work cited in the sentence: "Heetla et al showed that ..."
_OTHERS_SHOWED = compile_i(
    r"\bet al\b\.?(?:,?\s*\(?\d{4}\)?)?,?\s+(?:have\s+|had\s+)?(?:showed|shown|reported"
    r"|demonstrated|found|described|observed|noted)\b"
)
# What the literature has established ("Baclofen has been found to be useful in the treatment
# of spasticity due to spinal cord injury"): a claim about the therapy, no study's patients
_LITERATURE_CLAIM = compile_i(
    r"\b(?:has|have) (?:been |also been |long been |previously been )?(?:found|shown|reported"
    r"|demonstrated|proven|proved|established|recogni[sz]ed)\b"
    r"|\b(?:is|are) (?:well |widely |generally )?(?:known|established|recogni[sz]ed) (?:to|as)\b"
)
# Populations named, up to the mention in its clause, as what spasticity comes from in general,
# as others' patients or as patients to come (the coding manual: background, literature cited,
# other uses of the therapy name no one treated). With no data of the study's own in the
# sentence (_OWN_DATA).
_SPASTICITY_WORDS = r"(?:spasticity|hypertonia|hypertonus|hypertonicity|dystonia|spasms)"
# What the condition does to people in general, told in the present tense before an outcome:
# "Chronic spasticity seriously restricts normal daily activities and reduces the quality of
# life for many patients" - why a study is done (wherever the sentence stands: a registration's
# description tells it after the study's aim), nothing measured
# (its verbs in comparison form: a mention's words before it are looked at for one first)
_BURDEN_VERBS = frozenset(
    norm(word)
    for stem in ("restrict", "limit", "impair", "affect", "interfere", "compromise", "worsen",
                 "impact", "hinder", "hamper", "burden", "disturb", "disrupt")
    for word in (stem, stem + "s")
) | {norm("reduces")}  # fmt: skip
_BURDEN_REACH = 30  # words: the pattern's 150 characters after the verb, and more
_CONDITION_BURDENS = compile_i(
    rf"\b{_SPASTICITY_WORDS}\s+(?:(?:often|frequently|commonly|usually|seriously|severely"
    r"|significantly|negatively|greatly|adversely|also|can|may|could|might)\s+){0,2}"
    r"(?:restricts?|reduces|limits?|impairs?|affects?|interferes?\s+with|compromises?"
    r"|worsens?|impacts?|hinders?|hampers?|burdens?|disturbs?|disrupts?)\b[^.;]{0,150}$"
)
# Diseases said to go with spasticity in general, named before it ("many other disorders such
# as traumatic brain injury, leukodystrophies and spinal cord injuries are also associated
# with hypertonia"): its causes, no population
_ASSOCIATED_WITH_SPASTICITY_AFTER = compile_i(
    r"[^.;]{0,220}?\b(?:is|are)\s+(?:also\s+|often\s+|commonly\s+|frequently\s+|usually\s+)*"
    rf"associated\s+with\s+(?:\w+\s+)?{_SPASTICITY_WORDS}"
)
_POPULATION_ELSEWHERE = compile_i(
    r"(?:"
    # "Common causes of spasticity are", "The aetiology of spasticity includes"
    r"\b(?:causes?|etiolog(?:y|ies)|aetiolog(?:y|ies))\s+of\s+(?:\w+\s+){0,2}?"
    rf"{_SPASTICITY_WORDS}\s+(?:include|includes|are|is|comprise|range from)\b"
    # "Illnesses or injuries that typically cause spasticity include"
    r"|\b(?:illness(?:es)?|diseases?|conditions?|disorders?|injur(?:y|ies)|lesions?)"
    r"(?:\s+(?:or|and)\s+\w+)?"
    r"\s+(?:that|which)\s+(?:\w+\s+)?(?:cause|lead to|result in|produce|give rise to|underlie)"
    rf"\s+(?:\w+\s+){{0,2}}?{_SPASTICITY_WORDS}\s+(?:include|are)\b"
    # "Conditions associated with spasticity, including"
    r"|\b(?:conditions|diseases|disorders|illnesses)\s+(?:associated with|causing|that cause"
    rf"|leading to)\s+{_SPASTICITY_WORDS}\b"
    # "Spasticity is a frequent feature of", "Dystonia is a common problem in"
    rf"|\b{_SPASTICITY_WORDS}\s+(?:is|are|remains)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){{0,2}}?"
    r"(?:feature|symptom|consequence|sequela|manifestation|problem|hallmark)s?\s+(?:of|in"
    r"|after|following|among)\b"
    # "Spasticity results from damage to the brain or spinal cord, such as"
    rf"|\b{_SPASTICITY_WORDS}\s+(?:results|arises)\s+from\b"
    # "Spasticity is associated with some very common neurological disorders such as:"
    rf"|\b{_SPASTICITY_WORDS}\s+(?:is|are)\s+(?:also\s+|often\s+|commonly\s+|frequently\s+"
    r"|usually\s+)*associated\s+with\b"
    # "Similar results have been reported in adults with", "has also been used in"
    r"|\b(?:has|have)\s+(?:also\s+|previously\s+|already\s+)?been\s+(?:reported|described"
    r"|shown|observed|documented|demonstrated|found|used)\s+(?:in|for|among)\b"
    # what the therapy is used for in general, which a review covers: "ITB is also used for
    # spasticity of spinal origin" (what "can be used in" patients is often the work's own
    # proposal), "ITB may also benefit patients with stroke", "could also be useful in"
    r"|(?P<use>\b(?:is|are)\s+(?:now(?:adays)?\s+)?(?:being\s+)?(?:also\s+|increasingly\s+"
    r"|widely\s+|commonly\s+)?(?:used|indicated)\s+(?:for|in"
    # ("is nowadays being widely used to control spasticity")
    r"|to\s+(?:treat|control|manage|reduce|relieve))\b"
    r"|\b(?:may|might|could|should)\s+also\s+(?:be\s+)?(?:beneficial|effective|useful|helpful"
    r"|of (?:benefit|use|value)|benefit|help|be considered)\b)"
    # where spasticity is seen in general: "Spasticity is often observed in patients with brain
    # or spinal cord injuries"
    rf"|\b{_SPASTICITY_WORDS}\s+(?:is|are)\s+(?:often|frequently|commonly|usually|typically)\s+"
    r"(?:observed|seen|found|encountered)\s+(?:in|after|following|among)\b"
    # the therapy's history: "ITB was first used in 1985 for spinal cord injury", "The first
    # reported use of intrathecal baclofen was for spinal cord injury"
    r"|\b(?:was|were)\s+(?:first|initially|originally)\s+(?:used|described|introduced|reported"
    r"|applied|administered|given)\b"
    r"|\b(?:first|earliest)\s+(?:reported\s+|described\s+|clinical\s+)?(?:use|application"
    r"|report)s?\s+of\b"
    # "Future studies should include patients with", "Further research in ... is needed"
    r"|\b(?:future|further|additional)\s+(?:\w+\s+){0,2}?(?:studies|research|trials"
    r"|investigations?|work)\b"
    # "Similar studies are needed in stroke", "research is warranted in"
    r"|\b(?:studies|research|trials|investigations?|work|data|evidence)\s+(?:(?:is|are)\s+)?"
    r"(?:still\s+|now\s+|urgently\s+)?(?:needed|required|warranted|necessary|lacking)\b"
    r")[^.;]{0,120}$"
)
# Another population set beside the study's, just before a disease: "Unlike adults with",
# "compared with published series in", "than in previous reports of patients with"
_OTHER_POPULATION_BEFORE = compile_i(
    r"(?:\bunlike\s+(?:[\w-]+\s+){0,3}?(?:with|in|after)"
    # "resembled that seen after", "similar to that reported in"
    r"|\b(?:resembl\w*|similar\s+to)\s+(?:that|those)\s+(?:seen|observed|found|reported"
    r"|described|typical)\s+(?:in|after|with|of)"
    # "as in our earlier report on", "our previous study of"
    r"|\b(?:earlier|previous|prior)\s+(?:report|study|paper|series|work|publication)s?\s+"
    r"(?:on|of|in|about)"
    # what the therapy offers others: "is also an option in", "may help children with"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:an?\s+)?(?:(?:treatment|therapeutic|valuable|useful)\s+)?"
    r"(?:option|alternative|choice)\s+(?:in|for)"
    r"|\b(?:may|might)\s+(?:also\s+)?(?:help|benefit|be\s+of\s+benefit\s+to|be\s+useful"
    r"\s+(?:in|for))"
    r"|\b(?:published|previous|previously reported|reported|historical)\s+(?:[\w-]+\s+)?"
    r"(?:series|studies|reports|cohorts|data|results)\s+(?:in|of|with|among|on)"
    r"(?:\s+(?:patients|people|adults|children|individuals)\s+with)?)\s+(?:[\w-]+\s+){0,2}?$"
)
# A disease told as an event of the follow-up ("Stroke occurred in one patient"), weighed as a
# diagnosis ("was considered in the differential", "was ruled out") or cited
_DISEASE_AS_EVENT_OR_DIFFERENTIAL = compile_i(
    r"\s+(?:(?:was|were)\s+)?(?:occurred|developed|ensued|supervened)\s+(?:in|during|after)\b"
    r"|\s+(?:was|were)\s+(?:also\s+)?(?:considered|entertained|suspected|raised)\s+(?:in|as)"
    r"\s+(?:the\s+|a\s+)?differential\b"
    # ... or with the literature's numbers cited just after it, as a page keeps them:
    # superscripts run into the words ("such as cerebral palsy,2,3,5-7 traumatic brain
    # injury,2,5,6 and spinal cord injury.1,3,6") or in brackets ("in multiple sclerosis [4,
    # 5]"): the literature's patients
    # (a stop before the figures: "Cerebral Palsy5" in a table is a count)
    r"|[,.]\d{1,3}(?:[,-]\d{1,3})*(?=\s|$)|\s?\[\d{1,3}(?:\s?[,-]\s?\d{1,3})*\]"
)
# ... or as the patients of future work ("Patients with stroke or TBI will be studied next";
# looked for where "will be" is)
_PATIENTS_TO_COME = compile_i(
    r"[^.;]{0,60}?\s+will\s+be\s+(?:studied|investigated|examined|included|addressed)\s+"
    r"(?:next|later|in\s+(?:the\s+)?future|in\s+(?:a\s+|further\s+|future\s+|later\s+)"
    r"(?:studies|study|trials?|work))\b"
)
# A modal verb inside a mention's own words (not an inability told: "she could not move").
_MODAL_WITHIN = compile_i(
    r"\b(?:may|might|could|should|can|would|must)\b(?!\s+(?:not|no longer|never|hardly|barely)\b)"
    # ... or a working diagnosis ("The catheter was initially believed to have migrated",
    # "was thought to be kinked"): what was supposed, not found
    r"|\b(?:thought|believed|presumed|suspected|supposed|assumed)\s+to\s+(?:have|be)\b"
)
# An author-year citation in brackets: "(Schuele, 2004)", "(Hansel et al. 2003)".
_AUTHOR_YEAR = re.compile(
    r"\((?:[A-Z][A-Za-z'\u2019-]+(?: (?:and|&) [A-Z][A-Za-z'\u2019-]+| et al\.?)?,?"
    r" (?:19|20)\d\d[a-z]?(?:; ?)?)+\)"
)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _cites_author_year(sentence: str) -> bool:
    """Whether SENTENCE cites a paper by author and year, asked once per sentence (not once
    for each of its populations and harms)."""
    return _AUTHOR_YEAR.search(sentence) is not None


_OTHERS_FINDINGS = compile_i(r"\s+(?:findings|evidence|literature)\b")
_CONTRASTED_GROUP = compile_i(
    r"\bnot (?:in|among|for|with|from) (?:the |their )?(?:\d+ |[a-z]+ )?(?:[\w-]+ ){0,3}$"
)
_PLURAL_TRIALS = compile_i(r"\b(?:trials|studies)$")
# One trial of others, what it reported: "a randomized sham-controlled trial report(ed)
# improvements", "one double-blind trial showed" (not "this trial showed", the record's own;
# nor "a randomised trial of 40 patients showed", which may be)
_REPORTS_AFTER = compile_i(
    r"(?:\s+(?:trial|study|experiment))?"
    r"\s+(?:(?:\([^()]{0,40}\)|of [a-z\s-]{1,40}?|in (?:patients|children|adults|people)"
    r" [a-z\s-]{1,60}?)\s+)?(?:has |have |had )?(?:reported|reports?"
    r"|showed|shown|shows|demonstrated|demonstrates|found|finds|suggested|suggests|indicated"
    r"|indicates"
    # ("a landmark RCT showing the effectiveness of ..."): another's, told by what it showed
    r"|showing|demonstrating|reporting)\b"
)
_ANOTHER_BEFORE = compile_i(
    r"\b(?:a|an|one|another|a (?:recent|previous|large|small|single|later)|an earlier)\s+"
    r"(?:[\w-]+,?\s+){0,3}?(?:[\w]+-)?$"
)
_OTHERS_PLURALS = ("trials", "studies", "cohorts", "series", "reports")
_OTHERS_PLURAL_AFTER = compile_i(rf"^[\w\s,-]{{0,50}}?\b(?:{'|'.join(_OTHERS_PLURALS)})\b")
# A sentence telling what the literature holds ("The evidence ... is summarized", "cohort
# studies have shown", "previous studies"); the study's own plurals tell none of it ("escalated in
# successive cohorts of patients", "Data came from 2 longitudinal cohort studies")
_LITERATURE_FRAME = compile_i(
    r"\b(?:have|has) (?:been )?(?:shown|reported|found|suggested|demonstrated|described)\b"
    r"|\b(?:is|are) (?:summari[sz]ed|reviewed|discussed)\b|\bliterature\b|\bpublished\b"
    r"|\bprevious(?:ly)?\b|\bevidence\b"
)
# ... cohorts of the study's own, counted ("Cohorts of 3-6 patients were treated")
_COHORTS_OF = compile_i(r"\s+(?:of|with|including|comprising)\s+(?:\d|one|two|three|four|five|six)")
# The record's own studies named beside a plural: its authors, its data, a count of them
_OWN_STUDIES = compile_i(
    r"\b(?:we|our|us|this (?:study|analysis|paper))\b|\b(?:\d+|two|three|four|five|six|seven"
    r"|eight|nine|ten)\s+(?:[\w-]+\s+){0,2}?(?:cohorts|studies|series)\b"
)
_PLURAL_AFTER = compile_i(r"^[\w\s,-]{0,50}?\b(?:trials|studies|cohorts)\b")
# ... unless counted as the study's own: "Double-blind, randomized, and placebo controlled
# trials (n = 7), and nonrandomized trials (n = 2)"
_COUNTED_TRIALS = compile_i(r"^(?:[\w\s,()-]{0,50}?\b(?:trials|studies))?\s*\(\s*n\s*=\s*\d+\s*\)")
# The participants of the trials a review counts: "7 randomised trials (n = 356)"
_POOLED_N = compile_i(
    rf"\b{A_NUMBER}\s+(?:[\w-]+\s+){{0,3}}?(?:trials|studies|RCTs)\s*\(\s*n\s*=\s*\d"
)
# ... though not the trials a review pools: "A meta-analysis of 7 randomised trials (n = 356)"
_REVIEW_OF = compile_i(
    r"\b(?:meta-?analys[ie]s|reviews?|overviews?|syntheses|synthesis|pooled analys[ie]s)"
    rf"\s+of\s+(?:the\s+|all\s+)?{A_NUMBER}?[\w\s,-]{{0,40}}$"
)
_RESEARCH_NEEDED = compile_i(
    r"\b(?:future (?:studies|research|trials|work)|further (?:studies|research|trials|work)"
    r"|(?:additional|larger|more|well-designed|adequately powered) (?:\w+ ){0,3}?(?:studies"
    r"|research|trials)|(?:is|are) (?:needed|required|warranted|necessary|recommended"
    # ("a multicentre randomized controlled trial on ITB in ambulant children is advocated")
    r"|advocated|proposed|planned|suggested|called for)"
    r"|needs? further"
    # ("A large randomized controlled trial should follow")
    r"|(?:should|must) follow"
    r"|should be (?:conducted|performed|undertaken|done)|remains? to be"
    # ("Definite cost-effectiveness must be assessed in a randomized Phase III trial")
    r"|(?:must|should|need to|needs to) be (?:assessed|evaluated|tested|confirmed|studied"
    r"|investigated|examined|established|determined|validated) (?:in|by|with|through)"
    r"|(?:would|will) be (?:needed|required|necessary|warranted)"
    # a trial to come: "this work will lead to a pilot randomized controlled trial", "to inform
    # a definitive trial"
    r"|will (?:lead to|inform|be followed by)|to inform (?:a|the) (?:\w+ ){0,2}?(?:trial|study)"
    r"|in preparation for"
    # ("EGFRvIII-targeted vaccination warrants investigation in a phase III randomized trial")
    r"|warrants? (?:further )?(?:investigation|evaluation|study|testing|confirmation) in"
    r"|(?:currently|now) (?:under investigation"
    r"|being (?:investigated|tested|evaluated|studied)))\b"
)
_research_needed = found_in_sentence(_RESEARCH_NEEDED)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _future(sentence: str) -> bool:
    """Return whether SENTENCE speaks of future work (its outcomes were not measured)."""
    return _FUTURE.search(sentence) is not None


def _excluded(
    senses: dict[tuple[str, str], tuple[re.Pattern[str] | None, re.Pattern[str] | None]],
    facet: str,
    taxonomy_id: str,
    sentence: str,
    start: int,
    end: int,
) -> bool:
    """Return whether the words around a match make it another thing (the taxonomy's
    not_before / not_after of that id); looked at only on a match, so free elsewhere."""
    rule = senses.get((facet, taxonomy_id))
    if rule is None:
        return False
    before, after = rule
    if before is not None and before.search(sentence, max(0, start - 40), start):
        return True
    return after is not None and after.match(sentence, end) is not None


_CRITERIA_LABELS = compile_i(r"\b(?:criteria|eligibility)\b")
_MIXED_LABELS = compile_i(
    r"^(?:background|introduction|context)\b.*\b(?:objective|aim|purpose|goal)"
)
_STUDY_SENTENCE = compile_i(
    r"\b(?:we|our|us|here(?:in)?|the authors? (?:report|describe|present|compared?|performed"
    r"|conducted|reviewed|analy[sz]ed|assessed|evaluated|examined|investigated|studied|sought"
    r"|aimed|retrospectively|prospectively)"
    r"|this (?:study|report|paper|article|review|overview|chapter|update|series|case|trial"
    r"|work|analysis|investigation|document|guideline|guidance|consensus statement"
    # (and a review's published protocol: "This is the protocol for a review and there is no
    # abstract", as the Cochrane Library prints it)
    r"|position statement|position paper|manuscript|protocol|is the protocol for)"
    r"|the (?:present|current) (?:study|report|series|work|review)"
    r"|objectives?|aims?|purpose|goal|to (?:evaluate|assess|investigate|determine|describe"
    r"|report|examine|compare|analy[sz]e|review|present|explore|quantify|identify"
    r"|characteri[sz]e|measure)|retrospective|prospective|(?:was|were) (?:performed|reviewed"
    r"|included|enrolled|studied|recruited|analy[sz]ed|identified|implanted|treated"
    r"|randomi[sz]ed|randomly|allocated|assigned)"
    r"|a total of|comments? on (?:an|the|a) (?:article|paper|report)|in reply|letter to the"
    r" editor|this (?:commentary|editorial|letter|comment|viewpoint|opinion piece)|reviews the book"
    r"|book review"
    r"|(?:trial|study) (?:was|is|has been)"
    r" (?:designed|conducted|performed|carried out|undertaken|done)"
    # a course reported ("eight years after implantation", "three weeks later")
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:days?|weeks?"
    r"|months?|years?) (?:after|later|post)"
    # a consensus paper's own method ("An expert panel reached consensus using a Delphi")
    r"|delphi|expert panel|panel of (?:\w+ )?experts"
    # a case report naming itself ("The first case study of identical male twins concordant
    # for Asperger's disorder was presented")
    r"|the (?:first|present) case (?:study|report)|case (?:study|report) (?:is|was) presented)\b"
)
# ... or a number, or one patient opening it or inside it ("Pocket infection developed in a
# girl with CP"): four patterns, each searched fast, where one of them all was not
_STUDY_SUBJECT = compile_i(r"^\W*" + ONE_SUBJECT)
_STUDY_SUBJECT_WITHIN = compile_i(ONE_SUBJECT_WITHIN)


@dataclass
class _Compiled:
    phrases: PhraseIndex
    # every facet's patterns, each with its facet and entry, indexed by the words they need,
    # facet by facet in _PATTERN_ORDER: a sentence's words are found in one pass for all
    patterns: PatternGroup[tuple[str, Entry]]
    mesh_ui: dict[str, list[Entry]]
    mesh_name: dict[str, list[Entry]]
    ctgov: dict[str, list[Entry]]
    design_cues: list[tuple[str, str, tuple[GatedPattern, ...]]]
    # "title" / "text" -> every design cue's patterns searched there, with the cue's index
    design_groups: dict[str, PatternGroup[int]]
    # indexes of the randomised and controlled trials' cues (design_cues)
    trial_cues: frozenset[int]
    publication_types: dict[str, str]
    relevance_patterns: PatternGroup[int]  # (each tried where the words it needs are)
    needs_baclofen: set[str] = field(default_factory=set)
    # (facet, id) -> the words before and after a match that make it another thing
    senses: dict[tuple[str, str], tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = field(
        default_factory=dict
    )


class Tagger:
    """Tags works with one taxonomy; build once, call tag() per work."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._c = _compile(taxonomy)
        # an indication that yields to named causes ("brain injury" to stroke or trauma) ->
        # those causes: listed beside one as its sibling, it yields to none
        self._yields_to = {
            entry.id: frozenset(entry.requires_no_other)
            for entry in taxonomy.entries
            if entry.facet == "indication"
            and entry.requires_no_other
            and "*" not in entry.requires_no_other
        }
        # the taxonomy's own words: a dictionary for words a PDF's line ends broke
        self._words = frozenset(
            norm(word)
            for entry in taxonomy.entries
            for synonym in entry.synonyms
            for word in _LETTERS.findall(synonym)
            if len(word) >= 5
        )
        # whether the work being tagged names an intrathecal therapy anywhere: where it names
        # none, oral baclofen or another drug is the treatment itself, no comparator (set by
        # tag() for each work: a Tagger tags one work at a time, and no thread shares one)
        self._intrathecal = True
        self._ids = frozenset((entry.facet, entry.id) for entry in taxonomy.entries)

    def tag(self, item: TagInput) -> TagResult:
        """Return the tags, design, sample size and relevance of ITEM, with evidence."""
        if any(
            "- " in text and _BROKEN_WORD.search(text)
            for text in (item.title, *item.keywords, *(s.text for s in item.abstract))
        ):
            item = _mend_broken_words(item, self._words)
        self._intrathecal = _names_intrathecal(item)
        mentions: list[Mention] = []
        mentions += self._mesh(item.mesh, "mesh")
        mentions += self._scan(item.title, "title", "title", _FIELD_FACETS["title"])
        abstract_text: list[tuple[str, str]] = []
        leak_headache = False
        previous = len(mentions)  # where the sentence before's mentions begin
        for role, text in _abstract_sentences(item.abstract):
            if role not in ("background", "criteria") and _of_the_literature(text):
                # the work of a year named, or of others ("In 1992, Muller reported that ITB
                # improved spasticity in approximately 20 patients", "Penn and colleagues
                # subsequently confirmed its efficacy in a landmark double-blind study")
                role = "background"
            abstract_text.append((role, text))
            if "elated" in text and _EVENTS_UNRELATED.search(text):
                # "These events were felt to be unrelated to the pump": the harms the sentence
                # before told, put down to another cause (the manual: no tag)
                mentions[previous:] = [
                    m._replace(qualifier="other_cause")
                    if m.facet == "complication" and m.qualifier is None
                    else m
                    for m in mentions[previous:]
                ]
            previous = len(mentions)
            background = role in ("background", "criteria")
            facets = _BACKGROUND_FACETS if background else _FIELD_FACETS["abstract"]
            found = self._scan(text, "abstract", role, facets)
            kept = _one_sentence(found, text)
            if (
                abstract_text[-2:-1]
                and any(m.qualifier == "disease" for m in kept)
                and _FEATURES_OPENING.match(text)
                and _THE_THERAPYS_STATE.search(abstract_text[-2][1])
            ):
                # "... intrathecal baclofen withdrawal. Its features include hyperthermia and
                # seizures": the features of the harm the sentence before named, not of a
                # disease (a review lists them as its risks, a case report as what happened)
                kept = [m._replace(qualifier=None) if m.qualifier == "disease" else m for m in kept]
            if len(kept) < len(found):  # (only a leak's symptoms are ever dropped there)
                leak_headache = leak_headache or _a_leaks_headache(found)
            mentions += kept
        mesh_name = self._c.mesh_name
        for keyword in item.keywords:
            carried = _CARRIED_TAG.fullmatch(keyword.strip())
            if carried:
                # a tag an export carried as a keyword ("outcome:spasticity", itb's own KW
                # lines): the tag it names (a registration's registered outcomes travel no
                # other way), never words to read ("complication:speech_swallowing" is no
                # speech outcome)
                if carried[1] != "design" and (carried[1], carried[2]) in self._ids:
                    mentions.append(Mention(carried[1], carried[2], "keyword", None, keyword))
                continue
            found = self._scan(keyword, "keyword", None, _FIELD_FACETS["keyword"])
            heading = keyword.split("/", 1)[0].strip().rstrip("*").strip()
            if heading.lower() in mesh_name:
                # a MeSH heading written as a keyword, as RIS exports write them ("KW  -
                # Deglutition Disorders/chemically induced"): what the heading gives as MeSH
                found += self._mesh((MeshTerm("", heading),), "keyword")
            inverted = _INVERTED.match(keyword)
            if inverted:  # "Brain injury, traumatic" as indexes write it: "traumatic brain injury"
                straight = f"{inverted.group(2)} {inverted.group(1)}"
                found += self._scan(straight, "keyword", None, _FIELD_FACETS["keyword"])
            if "/" in keyword and _HARM_SUBHEADING.search(keyword):
                # an index term made a harm by its subheading (Emtree's "pain/co
                # [complication]", "somnolence/si [side effect]", MeSH's "Pain/chemically
                # induced"): no benefit measured, whatever harm id it has
                found = [m for m in found if m.facet != "outcome"]
            mentions += found
        if item.registry is not None:
            mentions += self._registry(item.title, item.registry)
        if not leak_headache:
            # a leak's headache by its own words ("postural headache"), once per record
            leak_headache = any(m.id == "csf_leak" and "eadache" in m.text for m in mentions)
        if leak_headache:
            # the record's headache is its CSF leak's (a sentence said so): so is the title's
            mentions = [m for m in mentions if not _is_headache(m)]
        cues = [
            DesignCue(m.id, "text", m.section or "title", m.text)
            for m in mentions
            if m.facet == "design" and m.qualifier is None
        ]
        cues += self._design_patterns(item.title, abstract_text)
        relevant, why = self._relevance(item, abstract_text, mentions)
        tags = [m for m in mentions if m.facet not in ("design", "relevance")]
        mentions = _population_from_context(_apply_requirements(tags, self.taxonomy))
        mentions = _population_unlisted(item.title, abstract_text, mentions)
        sample = find_sample_size(item.registry, item.title, abstract_text)
        design = choose_design(item, cues, self._c.publication_types, sample)
        if lists_proceedings(design):
            sample = None  # "study of 60 cases" in a proceedings' listing is one of its papers'
        if comments_on_another(design) and sample is not None and sample.source == "stated":
            sample = None  # an editorial's "Smith and colleagues report ... 120 children"
        if design.id == "trial_registration":
            # a registry page pasted as text, or a registration's summary read from a file
            # (RIS, CSV: no registry fields), plans its harms; it reports none (as a registry
            # record's own summary; the harms its results report come from its registry
            # fields)
            mentions = [
                m._replace(qualifier="hypothetical")
                if m.facet == "complication" and m.field == "abstract" and m.qualifier is None
                else m
                for m in mentions
            ]
        if design.id in TOPIC_DESIGNS:
            # (the diseases a review says the therapy is used for, made tags, stand for its
            # spasticity as the study's own diseases do)
            mentions = _apply_requirements(
                _risks_under_review(mentions), self.taxonomy, only="spasticity_unspecified"
            )
            mentions = _population_from_context(mentions, several=True)
        mentions = _index_terms_the_abstract_overrules(mentions)
        mentions = _device_heading_the_abstract_names(mentions)
        if design.id == "case_report":
            # (one event, told: a series' title sums up events its abstract may not each name)
            mentions = _title_device_the_abstract_overrules(mentions)
        if not relevant and not _treats(item.title, abstract_text):
            # No treatment at all (a syndrome's features, a natural history): a harm named is
            # the disease's, not one of a therapy (the manual's "attributed to another cause"),
            # and an outcome's word in a list of its signs is one of them, nothing measured
            # ("additional signs included ... hallucinations and insomnia")
            mentions = [
                m._replace(qualifier="disease")
                if m.qualifier is None
                and (
                    m.facet == "complication"
                    or (m.facet == "outcome" and _a_listed_sign(m, abstract_text))
                )
                else m
                for m in mentions
            ]
        if not relevant and not _names_the_drug_or_route(item, abstract_text):
            mentions = _harms_of_a_treatment(mentions, item.title, abstract_text)
        if design.id in _PRIMARY_DESIGNS:
            mentions = _harms_only_recorded(mentions, abstract_text)
            mentions = _deaths_put_down_elsewhere(mentions, abstract_text)
            mentions = _harms_only_reviewed(mentions, abstract_text)
        if design.id in _PRIMARY_DESIGNS or design.id == "case_report":
            mentions = _system_removed_for_infection(mentions, abstract_text)
        if design.id == "case_report":
            mentions = _conditions_that_improved(mentions)
            mentions = _outcomes_of_a_harm_report(mentions)
            if any(m.id == "csf_leak" and m.qualifier is None for m in mentions):
                # one patient's headache beside the CSF leak the report tells is the leak's
                # (the coding manual: a leak's headache is the leak)
                mentions = [m for m in mentions if not _is_headache(m)]
        if (
            design.id == "case_report"
            and sample is not None
            and sample.value > CASE_REPORT_MAX
            and (told := one_patient(item.title, abstract_text)) is not None
        ):
            # a case report whose background quotes the literature's patients ("fever occurred
            # in 3 of 576 patients during trial screening. We present a case report"): the
            # patients it tells (the manual: one to three described individually)
            sample = told
        if sample is None and (
            design.id == "case_report"
            or (
                design.id in _PRIMARY_DESIGNS
                and any(_ONE_CASE_TOLD.search(text) for _, text in abstract_text)
            )
        ):
            # (a case report whose one patient was also given the drug and a placebo in turn
            # is the manual's controlled trial, and its N the one patient it describes)
            sample = one_patient(item.title, abstract_text)
        if (
            design.id == "other"
            and sample is not None
            and sample.source == "stated"
            and counts_animals(sample.sentence)
        ):
            # "36 adult male SD rats were randomly divided", "Male New Zealand white rabbits
            # (n = 44)": an animal study's animals (the manual: animals are not participants)
            sample = None
        if design.id == "systematic_review" and sample is None:
            # "To date there have been 19 reported cases of ... treated with temozolomide": the
            # cases a review of case reports pools (not counted as the study's own patients)
            sample = cases_pooled(abstract_text)
        if design.id == "review" and sample is not None and sample.source == "stated":
            sample = None  # a narrative review has no participants (the patients it cites)
        if (
            design.id == "systematic_review"
            and sample is not None
            and counts_n_equals(sample)
            and not _POOLED_N.search(sample.sentence)
        ):
            sample = None  # "the Delirium Rating Scale (n = 5)": studies, not pooled participants
        return TagResult(
            mentions=tuple(_unique(mentions)),
            design=Mention("design", design.id, design.field, design.section, design.text),
            sample_size=sample,
            relevant=relevant,
            relevance_evidence=why,
            registered_design=registered_design(item.registry) if item.registry else None,
            design_rule=design_rule(design.id, design.field, design.text),
            design_sentence=_sentence_with(design.text, item.title, abstract_text)
            if design.field not in ("registry", "publication_type", "sample_size", "default")
            else "",
        )

    def _mesh(self, headings: Iterable[MeshTerm], field_name: str) -> Iterator[Mention]:
        for heading in headings:
            found = self._c.mesh_ui.get(heading.ui) if heading.ui else None
            if found is None:
                found = self._c.mesh_name.get(heading.name.lower(), [])
            for entry in found:
                if entry.facet in TAG_FACETS:
                    yield Mention(entry.facet, entry.id, field_name, None, heading.name)

    def _scan(
        self,
        text: str,
        field_name: str,
        role: str | None,
        facets: Sequence[str],
        split: bool = False,
    ) -> list[Mention]:
        found: list[Mention] = []
        if not text:
            return found
        context = role in ("background", "criteria")
        patterns = self._c.patterns
        for _, sentence in sentences(text) if split else ((0, text),):
            words = tokens(sentence)
            look = first_look(sentence)
            reach: dict[str, int] = {}  # facet -> last word taken (hits come in reading order)
            spans: dict[str, list[tuple[int, int]]] = {}
            harms: list[tuple[int, int, int]] = []  # (first word, last word, index in found)
            populations: list[tuple[int, int, int]] = []  # the same, of indications
            outcomes: list[tuple[int, int, int]] = []  # the same, of outcomes
            for phrase, first, last in self._c.phrases.find(words):
                facet = phrase.facet
                if facet not in facets or last <= reach.get(facet, -1):
                    continue
                if (
                    last > first
                    and facet != "design"  # ("a randomised, placebo-controlled trial")
                    and _LIST_MARKS.search(sentence, words[first][1], words[last][0])
                    and not _LIST_MARKS.search(phrase.text)
                ):
                    # a phrase's words across a list's comma ("quality of life, satisfaction
                    # and device events": no "life satisfaction")
                    continue
                if _excluded(self._c.senses, facet, phrase.id, sentence, words[first][0],
                             words[last][1]):  # fmt: skip
                    continue
                reach[facet] = last
                spans.setdefault(facet, []).append((first, last))
                text_found = sentence[words[first][0] : words[last][1]]
                if facet == "complication":
                    harms.append((first, last, len(found)))
                elif facet == "indication":
                    populations.append((first, last, len(found)))
                elif facet == "outcome":
                    outcomes.append((first, last, len(found)))
                found.append(
                    self._mention(facet, phrase.id, field_name, role, text_found,
                                  sentence, words, first, last, context)
                )  # fmt: skip
            if len(harms) > 1:
                _negate_listed(found, harms, sentence, words)
                _share_with_the_cause(found, harms, sentence, words)
            if len(populations) > 1 and self._yields_to:
                _keep_siblings(found, populations, sentence, words, self._yields_to)
            if len(populations) > 1:
                _classes_of_a_named_disease(found, populations, sentence, words)
            if harms and populations:
                _conditions_a_harm_led_to(found, harms, populations, sentence, words)
            # (in _PATTERN_ORDER, facet by facet, as every FACETS lists them)
            for gated, (facet, entry) in patterns.candidates(look):
                if facet not in facets:
                    continue
                for match in gated.pattern.finditer(sentence):
                    span = self._pattern_mention(found, spans, facet, entry, field_name, role,
                                                 match, sentence, words, context)  # fmt: skip
                    if span is None:
                        continue
                    if facet == "complication":
                        harms.append((*span, len(found) - 1))
                    elif facet == "outcome":
                        outcomes.append((*span, len(found) - 1))
            if harms and outcomes:
                _outcomes_inside_harms(found, harms, outcomes)
        return found

    def _pattern_mention(
        self,
        found: list[Mention],
        spans: dict[str, list[tuple[int, int]]],
        facet: str,
        entry: Entry,
        field_name: str,
        role: str | None,
        match: re.Match[str],
        sentence: str,
        words: list[Token],
        context: bool,
    ) -> tuple[int, int] | None:
        """Add the mention a pattern's MATCH makes, unless a phrase already took its words or
        the words around it make it another thing; return its first and last word, or None
        when it adds none."""
        first, last = _word_span(words, match.start(), match.end())
        if first > last or _overlaps(spans, facet, first, last):
            return None
        if _excluded(self._c.senses, facet, entry.id, sentence, match.start(), match.end()):
            return None
        if (
            entry.id == "spasticity"
            and facet == "outcome"
            and _SPASTICITY_NOUN.match(match.group())
            and _PEOPLE_WITH_BEFORE.search(sentence, max(0, match.start() - 30), match.start())
        ):
            # "ITB in children with hypertonia results in significant improvements": the
            # people the word names; "the dystonic spasms eased": a dystonia's (asked here, on
            # a match, not as a look-behind tried at every word of every sentence)
            return None
        found.append(
            self._mention(facet, entry.id, field_name, role, match.group(), sentence, words,
                          first, last, context)
        )  # fmt: skip
        return first, last

    def _mention(
        self,
        facet: str,
        entry_id: str,
        field_name: str,
        role: str | None,
        text: str,
        sentence: str,
        words: list[Token],
        first: int,
        last: int,
        context: bool,
    ) -> Mention:
        qualifier = None
        if facet == "relevance":
            return Mention(facet, entry_id, field_name, role, text)
        cues = _cues_in(sentence)  # (the sentence's first-look words, found once)
        if (
            facet == "outcome"
            and field_name == "abstract"
            and not context  # (a background's sentence is its opening's, as the rules below say)
            # (a verb of it among the words just before the mention, then the pattern: the
            # verbs as first-look words cost more, found in nearly every sentence)
            and not _BURDEN_VERBS.isdisjoint(
                word[NORM] for word in words[max(0, first - _BURDEN_REACH) : first]
            )
            and _CONDITION_BURDENS.search(
                sentence, max(0, words[first][START] - 200), words[first][START]
            )
            and not _OWN_DATA.search(sentence)
        ):
            # "Chronic spasticity seriously restricts normal daily activities and reduces the
            # quality of life for many patients": what the condition does in general
            return Mention(facet, entry_id, field_name, role, text, "generic")
        if (
            facet in ("indication", "complication")
            and field_name == "abstract"
            and "(" in sentence
            and _cites_author_year(sentence)
        ):
            # "ITB has been associated with seizures in patients with multiple sclerosis
            # (Schuele, 2004)": what a cited paper found, not the study's patients or events
            # (a review's topic rule still makes a harm a tag)
            return Mention(facet, entry_id, field_name, role, text, "cited")
        if (
            facet == "complication"
            and self._intrathecal
            and (
                _comparator(_clause(sentence, words[first][START], words[last][END]))
                or _in_comparator_group(sentence, words[first][START], words[last][END])
                or _COMPARATOR_GROUP_AFTER.match(sentence, words[last][END]) is not None
                or (
                    _names_a_group_elsewhere(sentence)
                    and _COMPARATOR_GROUP_AFTER_ELSEWHERE.match(sentence, words[last][END])
                    is not None
                )
                or (
                    not cues.isdisjoint(("which", "whose"))
                    and _COMPARATOR_WHICH.search(
                        sentence, max(0, words[first][START] - 90), words[first][START]
                    )
                )
            )
        ):
            # "sedation on oral baclofen": the comparator's harm, in any part of the record
            return Mention(facet, entry_id, field_name, role, text, "comparator")
        if facet == "complication" and _disease_feature(
            entry_id, sentence, words[first][START], words[last][END]
        ):
            # "sequelae that include ... cognitive impairment": the disease's, in a review too
            return Mention(facet, entry_id, field_name, role, text, "disease")
        if (
            facet == "indication"
            and field_name == "abstract"
            and (
                _WITH_SPASTICITY_BEFORE.search(
                    sentence, max(0, words[first][START] - 40), words[first][START]
                )
                or _WITH_SPASTICITY_AFTER.match(sentence, words[last][END])
                # a disease's spasticity named in one phrase ("posttraumatic spasticity")
                or (
                    entry_id != "spasticity_unspecified"
                    and text.lower().endswith(("spasticity", "hypertonia"))
                )
            )
            and _generic_claim(sentence)
        ):
            # "ITB therapy is an accepted treatment modality for spasticity and dystonia": the
            # conditions the therapy treats in general, not who was treated in this study
            return Mention(facet, entry_id, field_name, role, text, "generic")
        if (
            facet == "indication"
            and field_name == "abstract"
            and not cues.isdisjoint(_ELSEWHERE_CUES)
            and (
                elsewhere := _POPULATION_ELSEWHERE.search(
                    sentence, max(0, words[first][START] - 200), words[first][START]
                )
            )
            and not _OWN_DATA.search(sentence)
        ):
            # "Illnesses that typically cause spasticity include stroke", "Spasticity is a
            # frequent feature of multiple sclerosis", "Similar results have been reported in
            # adults with TBI", "Future studies should include patients with stroke": what
            # spasticity comes from in general, other authors' patients, patients to come; not
            # who was treated, wherever in the abstract it is said. What the therapy "is also
            # used for" is generic: a review's topic (_risks_under_review)
            qualifier = "generic" if elsewhere.group("use") else "elsewhere"
            return Mention(facet, entry_id, field_name, role, text, qualifier)
        if (
            facet == "indication"
            and field_name == "abstract"
            and (
                (
                    not cues.isdisjoint(_OTHER_POPULATION_CUES)
                    and _OTHER_POPULATION_BEFORE.search(
                        sentence, max(0, words[first][START] - 100), words[first][START]
                    )
                )
                or _DISEASE_AS_EVENT_OR_DIFFERENTIAL.match(sentence, words[last][END])
                or (
                    not cues.isdisjoint(_CROSS_REFERENCE_CUES)
                    and _DISCUSSED_ELSEWHERE.match(sentence, words[last][END])
                )
                or (
                    "ssociated with" in cues
                    and _ASSOCIATED_WITH_SPASTICITY_AFTER.match(sentence, words[last][END])
                )
                or (
                    not cues.isdisjoint(_COURSE_CUES)
                    and _EVENT_OF_THE_COURSE_BEFORE.search(
                        sentence, max(0, words[first][START] - 100), words[first][START]
                    )
                )
                or ("will be" in cues and _PATIENTS_TO_COME.match(sentence, words[last][END]))
            )
        ):
            # "Unlike adults with stroke, children rarely had infections", "compared with
            # published series in multiple sclerosis": another population, set beside the
            # study's; "Stroke occurred in one patient during follow-up": an event of the
            # follow-up; "Hypoxic brain injury was considered in the differential": a diagnosis
            # weighed and dropped (the manual's differential diagnoses); "such as cerebral
            # palsy,2,3": the literature's; "rhizotomy for spastic cerebral palsy is discussed
            # in Chapter 90": a population another part of the book covers; "evolved with ...
            # cardiac arrest": an event of the course
            return Mention(facet, entry_id, field_name, role, text, "elsewhere")
        if (
            facet in ("indication", "outcome")
            and field_name == "abstract"
            and "andidate" in cues
            and _CANDIDATES_IN_GENERAL(sentence)
            and not _OWN_DATA.search(sentence)
        ):
            # "Patients who experience chronic pain and spasticity ... are often prime
            # candidates for ITB therapy": who the therapy suits, in general
            return Mention(facet, entry_id, field_name, role, text, "generic")
        if (
            facet == "complication"
            and not cues.isdisjoint(("avoid", "ide effect", "dverse effect"))
            and _THERAPY_AVOIDS.search(
                sentence, max(0, words[first][START] - 200), words[first][START]
            )
        ):
            # "intrathecal baclofen ... avoids this excessive sedation": a harm the therapy
            # spares its patients (the oral drug's), no risk of it, in a review too
            return Mention(facet, entry_id, field_name, role, text, "avoided")
        if context and facet == "outcome" and role == "background" and _reviews_itself(sentence):
            # "This narrative review covers effects on spasm frequency, pain and bladder
            # function": the review's own outcome domains, not an opening's motivation
            context = False
        if (
            context
            and facet == "outcome"
            and role == "background"
            and 0 <= _therapy_does_from(sentence) < words[first][START]
        ):
            # "Intrathecal baclofen reduces painful spasms and improves sleep": what the
            # therapy is known to do (a review's treatment targets, tags under its topic rule)
            return Mention(facet, entry_id, field_name, role, text, "generic")
        if (
            context
            and facet == "indication"
            and not cues.isdisjoint(_CLAIM_CUES)
            and _LITERATURE_CLAIM.search(sentence)
        ):
            # "Baclofen has been found to be useful in the treatment of spasticity due to
            # spinal cord injury": what is known of the therapy, which a review's opening
            # may cover but which names no primary study's patients
            return Mention(facet, entry_id, field_name, role, text, "cited")
        if context:
            # (a review's selection criteria name its outcome domains: "studies comparing the
            # effect on spasticity, gross motor function or other areas of function")
            criteria = role == "criteria" and facet == "outcome"
            return Mention(facet, entry_id, field_name, role, text,
                           "criteria" if criteria else "context")  # fmt: skip
        if (
            facet in ("complication", "outcome")
            and "morbid" in cues
            and (_COMORBID if facet == "complication" else _COMORBID_LIST).search(
                sentence, max(0, words[first][START] - 120), words[first][START]
            )
        ):
            # "comorbidities including intellectual disability, dysphagia and epilepsy": what
            # the patients had beside their disease, no harm (a disease's type listed there,
            # "dystonic type CP", is still who was treated)
            return Mention(facet, entry_id, field_name, role, text, "comorbidity")
        if (
            facet == "design"
            and entry_id == "case_report"
            and text.lower() == "the patient"
            and sentence.startswith(("'s", "’s"), words[last][END])
        ):
            # "allowing the patient's reintegration": any patient, in general, no case told
            return Mention(facet, entry_id, field_name, role, text, "generic")
        if facet == "design" and entry_id in _STUDY_DESIGNS:
            sense = _design_sense(entry_id, text, sentence, words[last][END])
            if sense:
                return Mention(facet, entry_id, field_name, role, text, sense)
        if (
            entry_id == "scoliosis_progression"
            and role == "title"
            and (_FUSION_STUDIED.match(sentence) or text.lower() == "spinal fusion")
        ):
            # "Spinal fusion in children with cerebral palsy and an intrathecal baclofen
            # pump", "Baclofen pump implantation and spinal fusion in children: techniques and
            # complications": the operation the study is of, no curve that progressed under
            # the therapy (a title that tells of one names its scoliosis)
            return Mention(facet, entry_id, field_name, role, text, "history")
        if (
            facet == "outcome" or (facet == "complication" and entry_id in _POPULATION_STATES)
        ) and _entered_with(sentence, words[first][START], words[last][END]):
            # "Twenty adults unable to walk were implanted": who was treated
            return Mention(facet, entry_id, field_name, role, text, "history")
        if facet == "complication":
            sense = _harm_sense(entry_id, text, sentence, words, first, last)
            if sense:
                return Mention(facet, entry_id, field_name, role, text, sense)
            if entry_id in _NEGATED_WITHIN_HARMS and " " in text and _NEGATED_WITHIN.search(text):
                # a pattern's words with the negation between them: "the pump did not
                # malfunction", "the catheter never kinked", "the curve had not progressed"
                return Mention(facet, entry_id, field_name, role, text, "negated")
        if not cues.isdisjoint(("ontraindicat", "ot be ")) and _CONTRAINDICATED.search(
            sentence, max(0, words[first][START] - 160), words[first][START]
        ):
            # "ITB is contraindicated in patients with ... active infection", "relative
            # contraindications include ... mental health issues": who should not be treated
            return Mention(facet, entry_id, field_name, role, text, "excluded")
        if (
            facet == "outcome"
            and not cues.isdisjoint(("ased on", "ccording", " by "))
            and _GROUPED_BY.search(sentence, max(0, words[first][START] - 40), words[first][START])
            and _grouping_in(sentence)
        ):
            # "Based on ambulatory function, CP patients were divided into 2 groups": how the
            # patients were grouped, not an outcome measured
            return Mention(facet, entry_id, field_name, role, text, "grouping")
        if (
            facet == "outcome"
            and "roups of" in cues
            and _GROUPS_BY_LEVEL.search(
                sentence, max(0, words[first][START] - 90), words[first][START]
            )
        ):
            # "Comparing groups of patients in high and low levels of independent functional
            # mobility": what the patients were grouped by, no outcome measured
            return Mention(facet, entry_id, field_name, role, text, "grouping")
        if (
            facet == "outcome"
            and not cues.isdisjoint(("isk", "redict", " likely to"))
            and (
                _NAMED_AS_RISK.search(sentence, max(0, words[first][START] - 480),
                                      words[first][START])
                or _HAS_A_RISK.search(sentence[words[last][END] : words[last][END] + 240])
                or (
                    _MORE_LIKELY.match(sentence, words[last][END])
                    and _GROUP_WHO_HAD.search(sentence, max(0, words[first][START] - 80),
                                              words[first][START])
                )
            )
        ):  # fmt: skip
            # "Risk factors for any complication were ... a higher Barthel Index": a measure
            # that predicted the event, not an outcome of the therapy
            return Mention(facet, entry_id, field_name, role, text, "grouping")
        if (
            facet == "outcome"
            and not cues.isdisjoint((" may ", " might ", " could "))
            and (speculated := _SPECULATED.match(sentence)) is not None
            and speculated.end() <= words[first][START]
        ):
            # "This may result in improved positioning ... as well as ease of hygiene": what
            # the finding might bring, nothing measured
            return Mention(facet, entry_id, field_name, role, text, "hypothetical")
        if not cues.isdisjoint(("exclu", "Exclu")) and _excluded_group(
            sentence, words[first][START], words[last][END]
        ):
            # "Subjects with ... brain injury, or dose changes ... were excluded": a criterion
            return Mention(facet, entry_id, field_name, role, text, "excluded")
        if (
            facet in ("indication", "outcome")
            and "haracteristics" in cues
            and _CHARACTERISTICS_LISTED.search(
                sentence, max(0, words[first][START] - 160), words[first][START]
            )
        ):
            # "No significant association between an AE and subject characteristics (age, gait
            # capacity, spinal vs cerebral spasticity)": variables tested, nothing measured of
            # them nor who was treated
            return Mention(facet, entry_id, field_name, role, text, "covariate")
        if (
            facet == "indication"
            and not cues.isdisjoint(("djust", "ontrol for", "ontrolling for"))
            and _ADJUSTED_FOR.search(sentence, max(0, words[first][START] - 160),
                                     words[first][START])
        ):  # fmt: skip
            # "Weight change was adjusted for age, sex, tube feeding, dystonia, and other
            # comorbidities": a covariate of the analysis, not who was treated
            return Mention(facet, entry_id, field_name, role, text, "covariate")
        if (
            facet == "indication"
            and "isk" in cues
            and _RISK_OF.search(sentence, max(0, words[first][START] - 60), words[first][START])
        ):
            # "a lower risk of dementia and Alzheimer's disease", "patients at risk of stroke":
            # what may come, not who was treated
            return Mention(facet, entry_id, field_name, role, text, "risk")
        if (
            facet == "indication"
            and (told := _consequences_from(sentence)) is not None
            and told <= words[first][START]
            and not _WHO_IT_IS_FOR.search(sentence, told, words[first][START])
        ):
            # "It can progress rapidly to high fever, seizures, rhabdomyolysis, brain injury,
            # and death": what an event may lead to, not who was treated (but "may result in
            # a net benefit in patients with Huntington's disease": who has it)
            return Mention(facet, entry_id, field_name, role, text, "risk")
        if (
            facet == "indication"
            and not cues.isdisjoint(("diagnos", "mimic"))
            and _WORKING_DIAGNOSIS.search(
                sentence[max(0, words[first][START] - 60) : words[first][START]]
            )
        ):
            # "initially diagnosed with cerebral palsy": a diagnosis that was dropped
            return Mention(facet, entry_id, field_name, role, text, "differential")
        if (
            facet == "complication"
            # (looked for where the mention ends, never in the whole sentence: a search of it
            # per mention grows with the square of a long sentence's length)
            and _VERSUS_AFTER.match(sentence, words[last][END])
            and _WEIGHED_FOR.search(sentence, max(0, words[first][START] - 90), words[last][END])
        ):
            # "A stepwise algorithm was followed to evaluate the pump for actual pump failure
            # versus catheter issues versus subtherapeutic dosing": causes weighed, none found
            return Mention(facet, entry_id, field_name, role, text, "differential")
        if facet != "outcome" and field_name in ("title", "abstract", "registry_summary"):
            hypotheticals = facet == "complication"
            qualifier = qualify(sentence, words, first, last, hypotheticals=hypotheticals)
            if (
                qualifier == "negated"
                and facet == "design"
                and _CONTRASTED_GROUP.search(sentence, max(0, words[first][START] - 80),
                                             words[first][START])
            ):  # fmt: skip
                # "associated with ... in 79 patients but not in 75 matched healthy controls":
                # a finding that differs between the groups; the comparison group stands
                qualifier = None
            if (
                qualifier == "negated"
                and facet == "design"
                and NEGATION_BEFORE.isdisjoint(
                    word[NORM] for word in words[max(0, first - _DESIGN_NEGATION_REACH) : first]
                )
            ):
                # a design's words are denied by the words just before them ("no control
                # group", "without a concurrent control group"), not by a negation further
                # back that tells who the group is ("another 85 patients without depression
                # were selected as the control group")
                qualifier = None
            if hypotheticals and qualifier is None and _MODAL_WITHIN.search(text):
                # a pattern's words that hold the modal themselves ("the intrathecal catheter
                # may be replaced during surgery"): what may happen, no event
                qualifier = "hypothetical"
            if (
                hypotheticals
                and qualifier is None
                and not cues.isdisjoint(_RISK_LIST_WORDS)
                and (listed := _risk_list_end(sentence)) is not None
                and listed <= words[first][START]
                and not counted_in(sentence)
            ):
                # "risks unique to these systems include dosing errors, pump malfunction,
                # infection and catheter breakage": every item of the list, not the first only
                qualifier = "hypothetical"
            if (
                hypotheticals
                and qualifier is None
                and sentence.find("work", words[last][END], words[last][END] + 8) != -1
                and _WORKUP_NEGATIVE.match(sentence, words[last][END])
            ):
                qualifier = "negated"  # "Sepsis work-up was negative": looked for, not found
            if (
                hypotheticals
                and qualifier is None
                and (told := _consequences_from(sentence)) is not None
                and told <= words[first][START]
                and not counted_in(sentence)
            ):
                # "It can progress rapidly to high fever, altered mental status, seizures, ...
                # and death": every item of what may come, not those near the modal only
                qualifier = "hypothetical"
        elif (
            facet == "outcome"
            and "fail" in cues
            and _FAILED_TO.search(sentence, max(0, words[first][START] - 70), words[first][START])
        ):
            # "received ITB following the failure of oral baclofen to control the spasms":
            # why the therapy was given (another treatment's failure), nothing measured
            qualifier = "unmeasured"
        elif (
            facet == "outcome"
            and not cues.isdisjoint(_DEVICE_CUES)
            and sentence.find(" to", max(0, words[first][START] - 50), words[first][START]) != -1
            and _DEVICE_GIVEN_FOR.search(
                sentence, max(0, words[first][START] - 90), words[first][START]
            )
        ):
            # "3 (17.6%) had fentanyl pumps to treat chronic pain", "a pump placed to control
            # spasticity": what a group's pump was given for, who they are, nothing measured
            qualifier = "unmeasured"
        elif facet == "outcome" and _dose_needed_for(sentence, words[first][START]):
            # "a significant increase in baclofen dosage needed to control spasticity": what
            # the dose was for, the dose measured, not the spasticity
            qualifier = "unmeasured"
        elif (
            facet == "outcome"
            and not cues.isdisjoint(_HARM_AFFECTING_CUES)
            and _HARM_AFFECTING.search(
                sentence, max(0, words[first][START] - 90), words[first][START]
            )
        ):
            # "excessive weakness affecting transfers": what a harm took, no benefit measured
            qualifier = "harmed"
        elif (
            facet == "outcome"
            and not cues.isdisjoint(_HISTORY_CUES)
            and _history_listed(sentence, words[first][START])
        ):
            # "a man with a history of T6 paraplegia, neurogenic bladder and chronic pain",
            # "PMH significant for ... neurogenic bladder": what the patient had, nothing
            # measured
            qualifier = "history"
        elif (
            facet == "outcome"
            # (the word looked for just before the mention, never in the whole sentence)
            and "aseline" in sentence[max(0, words[first][START] - 50) : words[first][START]]
            and _BASELINE_BEFORE.search(
                sentence, max(0, words[first][START] - 50), words[first][START]
            )
            and not _CHANGED_AFTER.match(sentence, words[last][END])
        ):
            # "mean baseline leg Ashworth scores were the same in both groups", "baseline average
            # Ashworth score correlated with ...": the patients as they came, no change measured
            # (a change the record measures is told in another mention)
            qualifier = "baseline"
        elif facet == "outcome" and _future(sentence):
            qualifier = "hypothetical"  # "future studies should assess quality of life"
        elif facet == "outcome" and _NOT_ASSESSED.match(sentence, words[last][END]):
            qualifier = "negated"  # "the effect on quality of life was not assessed"
        elif facet == "outcome" and (
            _generic_claim(sentence)
            or ("ssociated with" in cues and _associated_in_general(sentence, words[first][START]))
            or (
                " be " in cues
                # (in the words after the mention, not to the end of a sentence of any length)
                and _RECOMMENDED_FOR.search(sentence, words[last][END], words[last][END] + 160)
                is not None
            )
        ):
            # "ITB is an effective therapy for spasticity that improves quality of life": what
            # the therapy is known to do, not what this study measured (a review's, though)
            qualifier = "generic"
        elif (
            facet == "outcome"
            and entry_id == "pain"
            and _BARE_PAIN.match(text)
            and _OF_THE_DEVICE.match(sentence, words[last][END])
        ):
            # "discomfort of their refills", "discomfort from their pumps rubbing against their
            # belts", "pain at the pump site": what the device or its care did to them, no
            # pain the therapy was measured to relieve
            qualifier = "harmed"
        elif (
            facet == "outcome"
            and entry_id == "pain"
            and field_name in ("title", "abstract")
            and _BARE_PAIN.match(text)
            and not _EVALUATED.search(
                sentence[
                    max(0, words[first][START] - 50) : words[last][END]
                    # (further on where a list goes on: "physical functioning, body pain,
                    # vitality, social functioning, and mental health significantly improved")
                    + (120 if sentence.startswith(",", words[last][END]) else 60)
                ]
            )
        ):
            # "spasticity with pain in both legs": a symptom named, no pain measured or said
            # to change (the coding manual: an outcome is measured or reported)
            qualifier = "unmeasured"
        elif (
            entry_id == "dose"
            and facet == "outcome"
            and _screening_protocol(sentence)
            and not _DOSING_STRATEGY.search(text)
            and not _DOSE_RATE.search(text)
        ):
            qualifier = "protocol"  # "a test bolus dosage of 50 ug": the screening's amount
        if field_name == "registry_summary" and facet == "complication" and qualifier is None:
            qualifier = "hypothetical"  # a registration plans; it does not report harms
        return Mention(facet, entry_id, field_name, role, text, qualifier)

    def _registry(self, title: str, registry: Registry) -> Iterator[Mention]:
        yield from self._mesh(registry.condition_mesh, "registry_condition_mesh")
        for condition in registry.conditions:
            entries = self._c.ctgov.get(condition.lower())
            if entries:
                for entry in entries:
                    yield Mention(entry.facet, entry.id, "registry_condition", None, condition)
            else:
                yield from self._scan(condition, "registry_condition", None, ("indication",))
        for keyword in registry.keywords:
            yield from self._scan(keyword, "keyword", None, ("indication",))
        yield from self._scan(title, "registry_title", None, _FIELD_FACETS["registry_title"])
        summary = _FIELD_FACETS["registry_summary"]
        yield from self._scan(registry.summary, "registry_summary", "abstract", summary, split=True)
        for intervention in registry.interventions:
            yield from self._scan(intervention, "registry_intervention", None, ("relevance",))
        for measure in registry.outcomes:
            yield from self._scan(measure, "registry_outcome", None, ("outcome",))
        for term in registry.adverse_events:
            yield from self._scan(term, "registry_adverse_event", None, ("complication",))

    def _design_patterns(self, title: str, abstract: list[tuple[str, str]]) -> list[DesignCue]:
        parts = [("title", title)] + [
            (r, t) for r, t in abstract if r not in ("background", "criteria")
        ]
        text = "\n".join(t for _, t in parts)
        ends = list(itertools.accumulate(len(t) + 1 for _, t in parts))
        best: dict[int, re.Match[str]] = {}  # design cue's index -> its leftmost match
        trials = self._c.trial_cues
        for where, searched in (("title", title), ("text", text)):
            for gated, index in self._c.design_groups[where].candidates(first_look(searched)):
                if index in trials:
                    # ("children who had previously participated in a RCT": that trial's
                    # participants followed up now, no trial of this record's)
                    # (a trial to come, "will lead to a pilot randomized controlled
                    # trial": future work, as for the trial's words in _design_sense)
                    found = next(
                        (m for m in gated.pattern.finditer(searched)
                         if not _EARLIER_TRIAL.search(searched, max(0, m.start() - 60), m.start())
                         and not _research_needed(_sentence_around(searched, m.start(), m.end()))
                         and not _others_trial_reported(searched, m.start(), m.end())),
                        None,
                    )  # fmt: skip
                elif ("design", self._c.design_cues[index][0]) in self._c.senses:
                    # the design's not_before / not_after hold for its patterns as for its
                    # phrases ("consistent with these recommendations": an audit of a
                    # guideline, no guideline)
                    design = self._c.design_cues[index][0]
                    found = next(
                        (m for m in gated.pattern.finditer(searched)
                         if not _excluded(self._c.senses, "design", design, searched, m.start(),
                                          m.end())),
                        None,
                    )  # fmt: skip
                else:
                    found = gated.pattern.search(searched)
                if found and (index not in best or found.start() < best[index].start()):
                    best[index] = found  # (the leftmost of the design's patterns)
        cues = []
        for index, (design, where, _) in enumerate(self._c.design_cues):
            match = best.get(index)
            if match:
                role = parts[bisect.bisect_right(ends, match.start())][0]
                cues.append(DesignCue(design, where, role, match.group()))
        return cues

    def _relevance(
        self, item: TagInput, abstract: list[tuple[str, str]], mentions: list[Mention]
    ) -> tuple[bool, str | None]:
        # (an opening that names the therapy among the alternatives to the one studied -
        # "Botulinum toxin, intrathecal baclofen and oral drugs dampen spasticity ... This is
        # avoided by selective dorsal rhizotomy" - makes no record of it)
        texts = [("title", item.title)] + [
            ("abstract", t)
            for role, t in abstract
            if role != "background"
            or not (
                _AMONG_ALTERNATIVES.search(t)
                or ("aclofen" in t and _AMONG_A_PUMPS_DRUGS.search(t) is not None)
            )
        ]
        texts += [("keyword", k) for k in item.keywords]
        if item.registry is not None:
            texts += [("registry_intervention", i) for i in item.registry.interventions]
            texts += [("registry_summary", item.registry.summary)]
        names_baclofen = any("baclofen" in text.lower() for _, text in texts) or any(
            "baclofen" in m.name.lower() for m in item.mesh
        )
        alternatives = {t for role, t in abstract if role == "background"} - {t for _, t in texts}
        for mention in mentions:
            if (
                mention.facet == "relevance"
                and (names_baclofen or mention.text not in self._c.needs_baclofen)
                and not (alternatives and mention.section == "background")
            ):
                return True, f"{mention.field}: {mention.text}"
        for where, text in texts:
            match = _first_match(self._c.relevance_patterns, text)
            if match:
                return True, f"{where}: {match.group()}"
        rule = self.taxonomy.relevance
        drug = {m.ui for m in rule.mesh_drug} | {m.name.lower() for m in rule.mesh_drug}
        route = {m.ui for m in rule.mesh_route} | {m.name.lower() for m in rule.mesh_route}
        held = {m.ui for m in item.mesh if m.ui} | {m.name.lower() for m in item.mesh}
        if held & drug and held & route:
            return True, "mesh: " + ", ".join(
                m.name for m in item.mesh if {m.ui, m.name.lower()} & (drug | route)
            )
        return False, None


def _first_match(patterns: PatternGroup[int], text: str) -> re.Match[str] | None:
    """Return the match in TEXT of the PATTERNS as one alternation of them would find it:
    the leftmost, and of those starting there the first pattern's. Each pattern is tried
    only where the words it needs are (one alternation of them all needs only the words of
    its weakest: "it", "the", found in every text)."""
    found = [
        match
        for gated, _ in patterns.candidates(first_look(text))
        if (match := gated.pattern.search(text)) is not None
    ]
    return min(found, key=_START) if found else None


_START = operator.methodcaller("start")


# The therapy named as one item of a list of treatments ("Botulinum toxin, intrathecal
# baclofen and oral muscle relaxants dampen spasticity"), not as the treatment the others
# failed before ("ITB is used when oral drugs and botulinum toxin fail")
_OTHER_TREATMENT = (
    r"(?:botulinum\w*|botox|botulique|botul\u00ednica|rhizotom\w*|rizotom\w*|phenol|peroral"
    r"|oral (?:drugs?|medications?|antispastic\w*|muscle relaxants?|baclofen|treatment)"
    r"|muscle relaxants?|tizanidine|dantrolene|diazepam|neurotom\w*|tenotom\w*|physiotherapy"
    r"|deep brain stimulation)"
)
_THE_THERAPY = (
    r"(?:intrathecal baclofen|ITB|baclofen pumps?|intrat[eh]\w* baclofen\w*"
    r"|baclof\w+ intrat\w+)"
)
_LIST_JOIN = r"(?:,|;|\b(?:and|or|og|und|et|ou|y|o|e)\b)"


def _named_among(others: str, therapy: str, closing: str = "") -> re.Pattern[str]:
    """Return a pattern of THERAPY named as one item of a list beside one of OTHERS, either
    way round (CLOSING after THERAPY where it ends the match)."""
    return compile_i(
        rf"\b{others}\b[^.;:]{{0,60}}?{_LIST_JOIN}\s+(?:\w+\s+){{0,3}}?{therapy}{closing}"
        rf"|\b{therapy}\b[^.;:]{{0,20}}?{_LIST_JOIN}\s+[^.;:]{{0,60}}?\b{others}\b"
    )


_AMONG_ALTERNATIVES = _named_among(_OTHER_TREATMENT, _THE_THERAPY)

# ... or baclofen named as one of the drugs intrathecal pumps give ("implantable drug-delivery
# system is used for the administration of morphine, ziconotide, baclofen, or their mixtures
# into the cerebrospinal fluid"): what the devices are for in general, no record of the therapy
_OTHER_INTRATHECAL_DRUG = (
    r"(?:morphine|ziconotide|hydromorphone|opioids?|opiates?|clonidine|bupivacaine|fentanyl"
    r"|sufentanil|local anaesthetics?|local anesthetics?|analgesics?)"
)
_AMONG_A_PUMPS_DRUGS = _named_among(_OTHER_INTRATHECAL_DRUG, "baclofen", r"\b")

# A disease named as a likeness is not the disease ("a cerebral palsy-like picture",
# "stroke-like episodes" of a mitochondrial disease), whatever a taxonomy's own senses say
_RESEMBLING = r"(?<=[-\u2010])like\b"


def _compile(taxonomy: Taxonomy) -> _Compiled:
    phrases = []
    patterns: dict[str, list[tuple[str, Entry]]] = {}
    mesh_ui: dict[str, list[Entry]] = {}
    mesh_name: dict[str, list[Entry]] = {}
    ctgov: dict[str, list[Entry]] = {}
    design_cues: list[tuple[str, str, tuple[GatedPattern, ...]]] = []
    publication_types: dict[str, str] = {}
    senses: dict[tuple[str, str], tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {}
    for entry in taxonomy.entries:
        not_after = entry.not_after
        if entry.facet == "indication":
            not_after = (*not_after, _RESEMBLING)
        if entry.not_before or not_after:
            senses[(entry.facet, entry.id)] = (
                # (each from a word's start: "air" transfers are no wheelchair's seating)
                _either(entry.not_before, r"(?<!\w)(?:{})\W*$"),
                _either(not_after, r"\W*(?:{})"),
            )
        if entry.facet == "design":
            for where, listed in (("title", entry.title_patterns), ("text", entry.patterns)):
                if listed:
                    design_cues.append((entry.id, where, tuple(map(GatedPattern, listed))))
            for name in entry.publication_types:
                publication_types[type_key(name)] = entry.id
            phrases += [
                p
                for synonym in entry.synonyms
                for variant in phrase_variants(synonym)
                if (p := make_phrase(entry.facet, entry.id, variant)) is not None
            ]
            continue
        for synonym in entry.synonyms:
            for variant in phrase_variants(synonym):
                phrase = make_phrase(entry.facet, entry.id, variant)
                if phrase is not None:
                    phrases.append(phrase)
        patterns.setdefault(entry.facet, []).extend((p, entry) for p in entry.patterns)
        for term in entry.mesh:
            mesh_ui.setdefault(term.ui, []).append(entry)
            mesh_name.setdefault(term.name.lower(), []).append(entry)
        for condition in entry.ctgov:
            ctgov.setdefault(condition.lower(), []).append(entry)
    rule = taxonomy.relevance
    phrases += [
        p
        for synonym in rule.synonyms
        for variant in phrase_variants(synonym)
        if (p := make_phrase("relevance", "itb", variant)) is not None
    ]
    # groups given an intervention and usual care at the same time (design.py's step 3), looked
    # for in the same pass as the taxonomy's design patterns
    design_cues.append((CONCURRENT_CUE, "text", tuple(map(GatedPattern, CONCURRENT_BRANCHES))))
    return _Compiled(
        phrases=PhraseIndex(phrases),
        patterns=PatternGroup(
            [
                (GatedPattern(pattern), (facet, entry))
                for facet in sorted(patterns, key=_PATTERN_ORDER.index)
                for pattern, entry in patterns[facet]
            ]
        ),
        mesh_ui=mesh_ui,
        mesh_name=mesh_name,
        ctgov=ctgov,
        design_cues=design_cues,
        design_groups={
            where: PatternGroup(
                [
                    (gated, index)
                    for index, (_, cue_where, listed) in enumerate(design_cues)
                    if cue_where == where
                    for gated in listed
                ]
            )
            for where in ("title", "text")
        },
        trial_cues=frozenset(
            index
            for index, (design, _, _) in enumerate(design_cues)
            if design in ("rct", "controlled_trial")
        ),
        publication_types=publication_types,
        relevance_patterns=PatternGroup(
            [(GatedPattern(pattern), n) for n, pattern in enumerate(rule.patterns)]
        ),
        needs_baclofen=set(rule.needs_baclofen),
        senses=senses,
    )


def _either(listed: Sequence[str], shape: str) -> re.Pattern[str] | None:
    """Return one pattern matching any of LISTED, placed in SHAPE; None for none."""
    if not listed:
        return None
    return compile_i(shape.format("|".join(f"(?:{p})" for p in listed)))


def design_rule(design: str, field_name: str, text: str) -> str:
    """Return, in words, the step of the coding manual's design order that decided."""
    if field_name == "registry":
        return "1. a registry record"
    if design == "trial_registration":
        return f"1. a registry page pasted as text (its fields: {text})"
    if field_name == "publication_type":
        return f"the publication type {text!r} (no word of the abstract decides otherwise)"
    if field_name == "sample_size":
        return f"7. {text}: one to three patients a case report, more a case series"
    if field_name == "default" and design == "review":
        return f"4. a review: no design named, no patients studied ({text})"
    if field_name == "default":
        return "no design named or described: other"
    step = {"rct": "2. randomised", "controlled_trial": "3. a concurrent or placebo comparison",
            "systematic_review": "4. a documented search", "review": "4. a review",
            "guideline": "4. a consensus or guideline", "cohort": "5-6. a cohort",
            "case_series": "5-6. a case series", "case_report": "7. a case report",
            "other": "7. neither a study of patients nor a review"}.get(design, design)  # fmt: skip
    return f"{step}: the words {text!r}"


def _sentence_with(words: str, title: str, abstract: Sequence[tuple[str, str]]) -> str:
    for text in [title, *(s for _, s in abstract)]:
        if words and words in text:
            return text
    return ""


_TAGS = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[^>]*>")
_ENGLISH = compile_i(r"\b(?:the|and|of|with|in|was|were|patients?|to|for)\b")


def parts_read(item: TagInput) -> tuple[str, ...]:
    """Return which parts of ITEM the tagger read, and what it noticed about them (no
    abstract, markup, a cut-off end, little English), for `itb explain`."""
    parts = ["title" if item.title else "no title"]
    if item.abstract:
        labels = [s.label for s in item.abstract if s.label]
        parts.append(
            f"abstract in {len(item.abstract)} labelled sections ({', '.join(labels)})"
            if labels
            else "abstract (one unlabelled text)"
        )
        text = " ".join(s.text for s in item.abstract)
        if _TAGS.search(text):
            parts.append("markup in the abstract (read as text)")
        end = text.rstrip()
        if end.endswith(("[...]", "...", "\u2026")) or not end.endswith((".", "!", "?", ")", '"')):
            parts.append("the abstract stops mid-sentence (tagged from what is there)")
        words = len(text.split())
        if words >= 20 and len(_ENGLISH.findall(text)) < words * 0.05:
            parts.append("little English text (only recognised words tag)")
    else:
        parts.append("no abstract: tagged from the title, keywords and index terms")
    if item.keywords:
        parts.append(f"{len(item.keywords)} keywords")
    if item.mesh:
        parts.append(f"{len(item.mesh)} MeSH headings")
    if item.publication_types:
        parts.append("publication types: " + ", ".join(item.publication_types))
    if item.registry is not None:
        parts.append("registry fields (conditions, interventions, outcomes, enrollment)")
    return tuple(parts)


# Reviews, guidelines and consensus papers: every harm named as a risk of the therapy under
# review is a tag (the coding manual's topic rule), in its opening sentences too and where it
# is written as a possibility ("overdose can cause respiratory depression").
TOPIC_DESIGNS = frozenset({"review", "systematic_review", "guideline"})
_TOPIC_FIELDS = frozenset({"title", "abstract", "keyword"})
# Another treatment named in a sentence that names no intrathecal therapy: its harms are the
# comparator's ("drowsiness on oral baclofen", "weakness after botulinum toxin", "dizziness
# was more frequent in the oral group").
_COMPARATOR = GatedPattern(
    r"\b(?:oral(?:ly)?(?: administered)?(?: \w+)? (?:baclofen|antispastic\w*|medications?"
    r"|drugs?|agents?|therapy|treatment|groups?|arms?)|enteral baclofen|botulinum|botox"
    r"|tizanidine|diazepam|dantrolene|gabapentin|benzodiazepines?|rhizotomy|SDR"
    # a trial's placebo ("After saline injection, one patient reported headache")
    r"|placebos?(?![- ]controlled)|saline (?:injections?|bolus(?:es)?|infusions?)|sham)\b"
)
# (the trial's drug named bare beside its placebo: "more drowsiness with baclofen than with
# placebo"; not the oral drug)
_INTRATHECAL = GatedPattern(
    r"\b(?:intrathecal\w*|ITB|CITB|pumps?|catheters?|implant\w*|bolus(?:es)?"
    # (as abstracts in other languages name them: "intrathécal", "intratecale", "intrathekal",
    # "la bomba", "la pompe", "die Pumpe", "el catéter", "der Katheter")
    r"|intrath\u00e9cal\w*|intrathekal\w*|intratecal\w*|bombas?|pompes?(?!\W+(?:s\W+)?disease)"
    r"|pompa|Pumpen?"
    r"|cat\u00e9ter\w*|cateter\w*|cath\u00e9ter\w*|Katheter\w*|impiant\w*"
    r"|baclofen(?<=(?:with|fter|ring) baclofen)(?! withdrawal| overdose| toxicity| intoxication))"
    r"\b"
)
# A harm in a clause hung on the comparator: "Unlike oral baclofen, which causes sedation and
# confusion at effective doses, the intrathecal route ..."
_COMPARATOR_WHICH = compile_i(
    r"\b(?:oral(?:ly)?(?: administered)?(?: \w+)? (?:baclofen|antispastic\w*|medications?|drugs?"
    r"|agents?|therapy|treatment)|botulinum toxin|tizanidine|diazepam|dantrolene|gabapentin"
    r"|benzodiazepines?)\s*,?\s+(?:which|whose)\b[^.;,]{0,70}$"
)


# The list of an analysis' covariates, up to the mention: "adjusted for age, sex, functional
# level, tube feeding, dystonia", "after controlling for etiology (stroke or trauma)".
_ADJUSTED_FOR = compile_i(
    r"\b(?:adjust(?:ed|ing|ment)|controll?(?:ed|ing))\s+(?:\w+\s+)?for\b[^.;:]{0,150}$"
)
# A list of the people's characteristics tested, up to the mention: "subject
# characteristics (age, gait capacity, ..."
_CHARACTERISTICS_LISTED = compile_i(r"\bcharacteristics\s*\([^()]{0,150}$")
# A diagnosis the record says was dropped ("initially diagnosed with cerebral palsy",
# "misdiagnosed as multiple sclerosis"): no indication (the coding manual's differential
# diagnoses).
_WORKING_DIAGNOSIS = compile_i(
    r"\b(?:(?:initially|originally|erroneously|wrongly|incorrectly|mistakenly|falsely)"
    r" (?:been )?diagnosed|mis-?diagnos(?:ed|is))\s+(?:(?:with|as|of)\s+)?(?:having\s+)?"
    r"(?:an?\s+)?(?:[\w-]+\s+){0,2}$"
    # "symptoms ... mimicked other diagnoses, such as head trauma"
    r"|\b(?:mimic\w*|differential diagnos\w*)\b[^.;]{0,60}$"
)


# Who was left out, named in one sentence: "Subjects with a current disorder, a history of
# brain injury, or dose changes of medication were excluded" (the coding manual: eligibility
# criteria say nothing about the study).
_EXCLUDED_BEFORE = compile_i(
    r"\b(?:patients|subjects|participants|individuals|children|adults|people|persons|those"
    r"|women|men|cases)\s+(?:with|who (?:had|have|were|are)|having)\b[^.;]*$"
)
_EXCLUDED_AFTER = compile_i(r"[^.;]*?\b(?:were|was|are|is|will be) (?:also |then )?excluded\b")


def _excluded_group(sentence: str, start: int, end: int) -> bool:
    """Whether the words at START..END name who was excluded from the study."""
    # (each looked for in the words near the mention, or once per sentence: a search to the
    # sentence's end or from its start per mention grew with the square of a long one)
    listed = _exclusion_list(sentence)
    return (
        (
            _EXCLUDED_AFTER.match(sentence, end, end + _EXCLUDED_REACH) is not None
            and _EXCLUDED_BEFORE.search(sentence, max(0, start - _EXCLUDED_REACH), start)
            is not None
        )
        or (listed is not None and listed[0] <= start <= listed[1])
        or _NAMED_A_CRITERION.match(sentence, end) is not None
    )


_EXCLUDED_REACH = 300  # (who was excluded, and the verb that says so, told within a clause)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _exclusion_list(sentence: str) -> tuple[int, int] | None:
    """Return where the list of exclusion criteria that opens SENTENCE begins and where a full
    stop ends it ("Exclusion criteria included pregnancy, infection ..."), or None."""
    found = _EXCLUSION_CRITERIA_OPENING.match(sentence)
    if found is None:
        return None
    stop = sentence.find(".", found.end())
    return found.end(), len(sentence) if stop == -1 else stop


# A condition named an exclusion criterion: "Seizures were an exclusion criterion", "a history
# of epilepsy, pregnancy or infection were exclusion criteria"
_NAMED_A_CRITERION = compile_i(
    r"(?:\W+[\w-]+){0,6}?\W+(?:was|were|is|are|will be|served as)\s+(?:also\s+)?"
    r"(?:an?\s+|the\s+|among the\s+)?(?:(?:main|only|major|other)\s+)?exclusion(?:ary)?"
    r"\s+criteri(?:on|a)\b"
)


# A list of exclusion criteria: "Exclusion criteria will include oxygen dependence, unstable
# cardiac conditions, ... or cognitive impairment"
_EXCLUSION_CRITERIA_OPENING = compile_i(
    r"\W*(?:[\w-]+\s+){0,2}?exclusion criteria\s*(?:(?:will|would)\s+)?(?:include[ds]?"
    r"|included|including|comprised?|were|are|was|:)"
)


_RISKS_NAMED = (
    r"\b(?:risks?|dangers?|hazards?|potential (?:complications|adverse (?:events|effects))"
    # ("IDDS-related issues include improper programming, ... catheter-related issues, and rotor
    # failure": what may go wrong; "issues included a kink in 2 patients" counts, and stays)
    r"|issues)\b"
)
_RISKS_LISTED = compile_i(
    _RISKS_NAMED + r"[^.;]{0,80}?\b(?:include|includes|including|such as|comprise|are)\b"
)
_RISKS_NAMED_AT = compile_i(_RISKS_NAMED)


# What an event may lead to, listed after it ("It can progress rapidly to high fever, altered
# mental status, seizures, ...", "which may result in respiratory depression and coma")
_MAY_LEAD_TO = compile_i(
    r"\b(?:can|may|might|could)\s+(?:\w+ly\s+|even\s+|also\s+|then\s+)?(?:progress|lead"
    r"|result|evolve|proceed|culminate|escalate)\s+(?:\w+ly\s+)?(?:in|to|into)\b"
)
_MODALS = (" can ", " may ", " might ", " could ")
_WHO_IT_IS_FOR = compile_i(
    r"\b(?:in|among|for|of)\s+(?:\w+\s+){0,3}?(?:patients|adults|children|people|persons"
    r"|individuals|subjects|cases|infants|those)\b|\bwith\b"
    # ... or the words just before it ("swallowing in ALS patients", "in brain-damaged adults")
    r"|\b(?:in|among)\s+(?:\w+\s+){0,2}$"
)
# A harm looked for and not found, told after it ("Sepsis work-up was negative", "an infection
# workup that was unremarkable")
_WORKUP_NEGATIVE = compile_i(
    r"\W*work-?\s?ups?\s+(?:that\s+|which\s+)?(?:was|were|proved|came back)\s+(?:\w+ly\s+)?"
    r"(?:negative|unremarkable|normal)\b"
)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _consequences_from(sentence: str) -> int | None:
    """Return where the list of what an event may lead to (_MAY_LEAD_TO) begins in SENTENCE,
    or None. (Found once per sentence, as _risk_list_end.)"""
    if not any(map(sentence.__contains__, _MODALS)):
        return None
    found = _MAY_LEAD_TO.search(sentence)
    return None if found is None else found.end()


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _risk_list_end(sentence: str) -> int | None:
    """Return where the earliest-ending list of risks ("the risks ... include") of SENTENCE
    ends, or None: a harm after that point is one of the list. (Found once per sentence:
    searching the words before each harm anew grew with the square of a long sentence.)"""
    ends = [
        listed.end()
        for named in _RISKS_NAMED_AT.finditer(sentence)
        if (listed := _RISKS_LISTED.match(sentence, named.start()))
    ]
    return min(ends, default=None)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _comparator(sentence: str) -> bool:
    """Whether a harm in SENTENCE belongs to another treatment than the intrathecal one (an
    implantation named only as a time, "before implantation", names no intrathecal harm; the
    other drug given as the harm's treatment, "treated with oral baclofen", is no comparator)."""
    other = _COMPARATOR.search(sentence)
    return (
        other is not None
        and not _GIVEN_FOR_THE_HARM.search(sentence, max(0, other.start() - 40), other.start())
        and _INTRATHECAL.search(_BEFORE_IMPLANTATION.sub(" ", sentence)) is None
    )


# The marks that part a list's items (a phrase's words are never read across them)
_LIST_MARKS = re.compile(r"[,;]")
# Another drug given to treat the harm: "diagnosed with withdrawal and treated with oral
# baclofen", "bridged with enteral baclofen"
_GIVEN_FOR_THE_HARM = compile_i(
    r"\b(?:treated|managed|bridged|replaced|substituted|controlled|relieved|reversed"
    r"|treatment)\s+(?:\w+\s+){0,2}?(?:with|by|using)\s+(?:high[- ]dose\s+|high\s+doses\s+of\s+)?$"
)


# Where one treatment's clause gives way to another's: a semicolon, or a contrast ("Oral
# baclofen often causes sedation, whereas intrathecal delivery ..."; ", while" and ", but"
# with their comma: "while" alone may tell a time). Not where the next clause's subject is
# the same treatment, named by "it" ("Oral baclofen has been used for some time, but it has
# a variable effect and is limited by sedation"; "they" is as often the patients: "weaned
# off oral baclofen, but they became drowsy").
_CLAUSE_MARK = re.compile(r"(?:;|,?\s+whereas\b|,\s+(?:while|whilst|but|unlike)\b)(?!\s+it\s)")


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _clause_marks(sentence: str) -> tuple[int, ...]:
    """Return where SENTENCE's clauses of different treatments meet (found once per sentence)."""
    if ";" not in sentence and "whereas" not in sentence and ", " not in sentence:
        return ()
    return tuple(m.start() for m in _CLAUSE_MARK.finditer(sentence))


def _clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Return where the clause of SENTENCE around START..END begins and ends (between its
    clause marks)."""
    marks = _clause_marks(sentence)
    if not marks:
        return 0, len(sentence)
    i = bisect.bisect_left(marks, start)
    j = bisect.bisect_left(marks, end)
    return marks[i - 1] + 1 if i else 0, marks[j] if j < len(marks) else len(sentence)


def _clause(sentence: str, start: int, end: int) -> str:
    """Return the part of SENTENCE between the clause marks around START..END ("Oral baclofen
    causes sedation; ... the intrathecal route, whose risks are catheter kinks", "..., whereas
    intrathecal delivery ...": each harm belongs to its own clause's treatment)."""
    begins, ends = _clause_span(sentence, start, end)
    return sentence[begins:ends]


# The comparison group named before its harms, in a clause naming no intrathecal therapy:
# "...; in the comparator group somnolence (6) and muscle weakness (4)", "In the control arm,
# two patients had falls" (not "infection was more frequent than in the control group": the
# harm told first is the treated group's)
# (the comparison group's name: "the control group", "CMM group", "the usual care arm")
_COMPARISON_GROUP_NAME = (
    r"(?:comparator|control|comparison|CMM|conventional|usual[- ]care|standard[- ]care|oral"
    r"|placebo)\s+(?:(?:medical\s+)?(?:management|treatment|therapy|care|medication|drug)s?"
    r"\s+)?(?:group|arm)s?\b"
)
_COMPARATOR_GROUP = compile_i(
    r"\b(?:in|among|for|of)\s+(?:the\s+)?(?:\w+\s+)?" + _COMPARISON_GROUP_NAME
)
_STOPS = re.compile(r"[.;]")
# ... or named just after the harm, its figure between ("... and urinary retention (12%) in
# implanted patients and somnolence (9%) in CMM group"; not "more often than in the control
# group", where words come between)
_COMPARATOR_GROUP_AFTER = compile_i(
    r"\s*(?:\([^()]{0,25}\)\s*)?(?:in|among)\s+(?:the\s+)?" + _COMPARISON_GROUP_NAME
)


# ... as abstracts in other languages name it, its verb between ("Sonnolenza è stata
# riportata nel gruppo della terapia orale", "en el grupo control", "dans le groupe témoin",
# "in der Kontrollgruppe", "no grupo controle"; tried only where "grup", "groupe" or
# "Kontroll" stands)
@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _names_a_group_elsewhere(sentence: str) -> bool:
    """Whether SENTENCE holds another language's word for a group (looked at once per
    sentence: a look per harm grew with the square of a long sentence)."""
    return "grup" in sentence or "groupe" in sentence or "Kontroll" in sentence


_COMPARATOR_GROUP_AFTER_ELSEWHERE = compile_i(
    r"\s*(?:[\w\u00c0-\u017f]+\s+){0,4}?(?:nel gruppo|en el grupo|dans le groupe|no grupo"
    r"|in der)\s+(?:(?:di|de|della|del|da|do|du)\s+)?(?:(?:la|le|il)\s+)?"
    r"(?:[\w\u00c0-\u017f]+\s+){0,2}?(?:controllo|control|controle|contr\u00f4le|t\u00e9moin"
    r"|placebo|orale?|convencional|convenzionale|conventionnel|Kontrollgruppe)\b"
)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _comparator_groups(
    sentence: str,
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Return where SENTENCE's comparison groups end, where its full stops and semicolons
    are, and where it names the intrathecal therapy (found once per sentence: a pasted table
    is one sentence of thousands of mentions)."""
    if "group" not in sentence and "arm" not in sentence:
        return (), (), ()
    groups = tuple(m.end() for m in _COMPARATOR_GROUP.finditer(sentence))
    if not groups:
        return (), (), ()
    stops = tuple(m.start() for m in _STOPS.finditer(sentence))
    intrathecal = tuple(m.start() for m in _INTRATHECAL.pattern.finditer(sentence))
    return groups, stops, intrathecal


def _in_comparator_group(sentence: str, start: int, end: int) -> bool:
    """Whether the harm at START..END is told of the comparison group named before it in
    its clause."""
    groups, stops, intrathecal = _comparator_groups(sentence)
    if not groups:
        return False
    i = bisect.bisect_right(groups, start)
    if not i:
        return False
    named = groups[i - 1]
    begins, ends = _clause_span(sentence, start, end)
    if named <= begins or bisect.bisect_left(stops, named) != bisect.bisect_left(stops, start):
        return False  # (named in another clause, or before a full stop or semicolon)
    first = bisect.bisect_left(intrathecal, begins)
    return first == len(intrathecal) or intrathecal[first] >= ends


_BEFORE_IMPLANTATION = compile_i(
    r"\b(?:before|prior to|preceding|until)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:pump\s+"
    r"|ITB\s+|intrathecal\s+(?:baclofen\s+)?(?:pump\s+)?|device\s+)?implant\w*"
)


# A screening bolus's amount stated as protocol is no dose outcome (the coding manual), unless
# the sentence reports the dose needed or found ("the effective screening dose was 50 ug").
_SCREENING = GatedPattern(
    r"\b(?:(?:test|trial|screening)(?: intrathecal)? (?:doses?|dosages?|dosing|bolus(?:es)?"
    r"|injections?|phase|period)|screen(?:ed|ing)\b|lumbar puncture)"
)
# Conditions the patients had before the therapy, which it may relieve (bladder, bowel,
# drooling, seizures, sleep apnoea): said to get better, they are a benefit, not a harm.
# Device and drug harms (infection, withdrawal...) never are; nor is a harm said to get
# better with or after something done for it ("headache improved with bed rest").
_MAY_IMPROVE = frozenset(
    {"urinary", "gastrointestinal", "speech_swallowing", "seizure", "respiratory_depression"}
)
_IMPROVED_AFTER = compile_i(
    r"^\W*(?:[\w-]+\W+){0,3}?(?:(?:was|were|has|have|had|being)\s+(?:\w+\s+)?)?"
    r"(?:improved|decreased|diminished|lessened|reduced|disappeared|ceased|abated|subsided"
    r"|less frequent|became less)\b(?!\W+(?:with|by|after|following|once|when|on|upon|over"
    r"|within|without|despite)\b(?!\W+(?:the\s+)?(?:implant\w*|ITB|intrathecal|baclofen"
    r"|treatment|therapy|pump|surgery|operation|start\w*|initiation)\b))"
)
_IMPROVED_BEFORE = compile_i(
    r"\b(?:improvement|improvements|improved|reduction|reductions|reduced|decrease|decreased"
    r"|relief|resolution)\s+(?:(?:in|of)\s+)?(?:the\s+|their\s+|her\s+|his\s+)?"
    r"(?:[\w-]+\s+){0,2}$"
)


def _sentence_around(text: str, start: int, end: int) -> str:
    """Return the sentence of TEXT holding TEXT[START:END] (cut at full stops and lines)."""
    opened = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return text[opened : min(stops) if stops else len(text)]


def _others_trial_reported(text: str, start: int, end: int) -> bool:
    """Whether the trial named at TEXT[START:END] is one of others that reported ("a randomized
    sham-controlled trial reported", "one double-blind trial showed")."""
    return bool(
        _REPORTS_AFTER.match(text, end) and _ANOTHER_BEFORE.search(text, max(0, start - 60), start)
    )


def _design_sense(design: str, text: str, sentence: str, end: int) -> str | None:
    """Return why a design's words ending at END of SENTENCE name other studies ("context":
    "documented in several randomised trials", "cohort studies"; "hypothetical": "randomized
    controlled trials are required"), or None when they may be this study's."""
    start = end - len(text)
    if (
        _PLURAL_TRIALS.search(text)
        or (design in _TRIAL_DESIGNS and _PLURAL_AFTER.match(sentence[end : end + 60]))
    ) and (
        not _COUNTED_TRIALS.match(sentence[end : end + 80])
        or _REVIEW_OF.search(sentence, max(0, start - 60), start)
    ):
        return "context"
    if design in _TRIAL_DESIGNS and _OTHERS_FINDINGS.match(sentence, end):
        return "context"  # "These results are in accordance with RCT findings"
    if design in _TRIAL_DESIGNS and _others_trial_reported(sentence, start, end):
        return "context"  # "Large cohort studies and a randomized sham-controlled trial report"
    if (
        design in ("cohort", "case_series")
        and (
            (text.lower().endswith("cohorts") and not _COHORTS_OF.match(sentence, end))
            or (
                any(map((after := sentence[end : end + 60]).lower().__contains__, _OTHERS_PLURALS))
                and _OTHERS_PLURAL_AFTER.match(after)
            )
        )
        and not _COUNTED_TRIALS.match(sentence[end : end + 80])
        and _LITERATURE_FRAME.search(sentence)
        and not _OWN_STUDIES.search(sentence)
    ):
        # "mostly from small randomized trials and open-label cohorts, is summarized": the
        # literature's (not "We pooled two prospective cohorts", "data of 3 cohorts")
        return "context"
    if design in _TRIAL_DESIGNS and _EARLIER_TRIAL.search(sentence, max(0, start - 60), start):
        return "context"  # "children who had previously participated in a RCT"
    if _STUDY_TO_COME.match(sentence, end):
        return "hypothetical"  # "A prospective study is recommended to gather further data"
    if (
        design == "other"
        and "et al" in _cues_in(sentence)
        and _OTHERS_SHOWED.search(sentence, 0, start)
    ):
        # "Heetla et al showed that continuous infusion of baclofen in a pig model spread no
        # further than 5 cm": another study's animals, cited
        return "context"
    if (
        design in _TRIAL_DESIGNS
        or _PLURAL_AFTER.match(sentence[end : end + 60])
        or text.lower().endswith("cohorts")
    ) and _research_needed(sentence):
        # "randomized controlled trials are required", "prospective, controlled studies are
        # necessary": future work, no design of this study
        return "hypothetical"
    return None


def _harm_sense(
    harm: str, text: str, sentence: str, words: list[Token], first: int, last: int
) -> str | None:
    """Return why the harm at words[FIRST..LAST] of SENTENCE is none of the therapy's, by the
    coding manual, or None (then negation and hypotheticals are looked for):
    "history" - a condition the patients had ("a history of seizures", "adults with cerebral
    palsy and dysarthria"); "context" - what is generally known ("catheter failure is the most
    common complication"); "other_cause" - put down to another cause ("died of disease
    progression", "none related to ITB"); "protocol" - doses raised on purpose, not a
    tolerance; "improved" - a condition said to get better ("incontinence improved")."""
    start, end = words[first][START], words[last][END]
    cues = _cues_in(sentence)  # (the sentence's first-look words, found once)
    if "isk" in cues and _RISK_LOWERED.search(sentence, max(0, start - 70), start):
        return "improved"
    if (
        harm in ("overdose", "wound_complication")
        and text[:4].lower() in ("coma", "hema", "haem")
        and _brain_event_in(sentence)
        and not _therapy_named_in(sentence)
    ):
        # "affected by frontoparietal hemorrhage was operated by hematoma evacuation and
        # decompressive craniectomy; coma persisted for 1 month": the brain injury's own
        # course, told with no word of the therapy
        return "other_cause"
    grew = (
        (harm in _MAY_IMPROVE or harm == "scoliosis_progression")
        and _COUNT_OF_WHO_HAD.search(sentence, max(0, start - 60), start) is not None
        and _COUNT_GREW.match(sentence, end) is not None
    )
    if harm == "death" and _no_death_of_the_therapy(sentence):
        return "other_cause"
    if (
        harm == "death"
        and _follow_up_disposition(sentence)
        and not _CAUSE_OF_DEATH_AFTER.match(sentence, end)
    ):
        return "other_cause"  # "10 died, 4 were lost to follow-up": who is left, no cause
    if "istor" in cues and _harm_in_history(sentence, start):
        # "33-year-old male with history of paraplegia ..., adrenal insufficiency, fibular
        # osteomyelitis and chronic non-healing sacral ulcers presented with": what he had,
        # none of the therapy's (not "a history of two prior ITB pump pocket infections")
        return "history"
    if (
        harm == "death"
        and text.lower().startswith("mortality")
        and _CAUSE_OF_MORTALITY.search(sentence, max(0, start - 60), start)
    ):
        return "context"  # "Baclofen Withdrawal: A Rare Cause of High Morbidity and Mortality"
    if (
        harm == "death"
        and _DEATHS_OF_A_POPULATION.match(sentence, end)
        and not _OWN_DATA.search(sentence)
    ):
        return "context"  # "more than 800,000 deaths due to tetanus each year in the world"
    if (
        harm not in _THE_THERAPYS_OWN
        and "resented with" in cues
        and _PRESENTED_BEFORE.search(sentence, max(0, start - 80), start)
        and _IMPLANTED_WORDS.search(sentence, end, end + 200)
        and _THERAPY_THEN.match(sentence, end)
    ):
        # "Four patients presented with back pain and leg weakness and were treated with
        # morphine pump implantation": what brought them to the therapy, before it
        return "history"
    lasting = harm == "cns_adverse_effects" and _LASTING.match(text) is not None
    condition = harm in _MAY_IMPROVE or lasting
    if lasting and not _harm_cue_in(sentence):
        # "memory impairment" or "cognitive decline" in a sentence that names no event, no
        # treatment and no time ("Patients with cognitive decline and their carers
        # completed questionnaires"): the lasting condition of the people studied
        return "history"
    if (
        condition
        and not grew
        and (
            _HISTORY_BEFORE.search(sentence, max(0, start - 50), start)
            or _HISTORY_AFTER.match(sentence, end)
            or _WHO_HAD.search(sentence, max(0, start - 90), start)
            or _TREATED_BEFORE.search(sentence, max(0, start - 60), start)
            or (
                harm == "cns_adverse_effects"
                and (
                    _ASSESSED_BEFORE.search(sentence, max(0, start - 60), start)
                    or _ASSESSED_AFTER.match(sentence, end)
                    or (
                        text.lower().startswith("cognitive impairment")
                        and _COGNITIVE_DIAGNOSIS.search(sentence, max(0, start - 30), start)
                    )
                )
            )
        )
    ):
        return "history"
    if harm == "scoliosis_progression" and _CORRECTED_BEFORE.search(
        sentence, max(0, start - 30), start
    ):
        return "improved"
    if (
        harm == "scoliosis_progression"
        and not grew
        and not _PROGRESSING.search(text)
        and (
            _WHO_HAD.search(sentence, max(0, start - 90), start)
            # ("preoperative factors (gastrostomy tube, previous spinal fusion)")
            or _HISTORY_BEFORE.search(sentence, max(0, start - 50), start)
            or _SCOLIOSIS_TREATED_BEFORE.search(sentence, max(0, start - 40), start)
            or _SCOLIOSIS_TREATED_AFTER.match(sentence, end)
        )
    ):
        return "history"  # "spinal fusion for neuromuscular scoliosis": who was operated on
    if _GENERIC_STATEMENT.match(sentence, end) and not _OWN_DATA.search(sentence):
        return "context"  # (a review's topic rule still makes it a tag)
    if "ssociated with" in cues and _associated_in_general(sentence, start):
        return "context"  # "Central hyperthermia is associated with a high mortality rate"
    if (
        not cues.isdisjoint(_IN_GENERAL_CUES)
        and _in_general(sentence, start)
        and not _OWN_DATA.search(sentence)
    ):
        # "Common signs and symptoms of toxicity include somnolence, hypotonia", "The syndrome
        # presents with ... seizures", "The most common complications ... are skin breakdown
        # and infection": what the state or the therapy looks like in general (a review's
        # topic rule still makes it a tag)
        return "context"
    if not cues.isdisjoint(("report", "describ", "publish")) and (
        _OTHERS_REPORTED.search(sentence, max(0, start - 90), start)
    ):
        return "context"  # what others reported, the case is likened to
    if (
        not cues.isdisjoint(_ADVICE_CUES)
        and _ADVICE_FOR_PATIENTS.search(sentence, max(0, start - 220), start)
        and not _OWN_DATA.search(sentence)
    ):
        return "context"  # the patients advice is for ("should be considered in patients who")
    if (
        harm in _PLANNABLE
        and _planned_in(sentence)
        and (_planned_before(sentence, start) or _PLANNED_AFTER.match(sentence, end))
    ):
        return "planned"
    if (
        harm == "pump_malfunction"
        and _END_OF_LIFE.match(text)
        and _REPLACED_AT.search(sentence, max(0, start - 60), start)
        and not _TOO_EARLY.search(sentence)
    ):
        return "planned"  # "Pump replacement at the end of battery life": expected, no fault
    if "ariable" in cues and _VARIABLES_LISTED.search(sentence, max(0, start - 250), start):
        # "a database was created that included the following variables: ... presence of a
        # PEG tube, urinary as well as fecal incontinence": what was recorded of everyone
        return "hypothetical"
    if not cues.isdisjoint(_LOOKED_FOR_CUES) and _LOOKED_FOR.search(
        sentence[max(0, start - 70) : start]
    ):
        # "Screening for infection was done before every refill", "Patients were taught the
        # signs of overdose and withdrawal": what was looked for or taught, no event
        return "hypothetical"
    if not cues.isdisjoint(_TO_BE_RECORDED_CUES) and (
        _TO_BE_RECORDED_AFTER.match(sentence, end)
        or _TO_BE_RECORDED_BEFORE.search(sentence, max(0, start - 100), start)
    ):
        # "Safety events such as overdose and withdrawal will be recorded": what a protocol
        # or a registration plans to record, no event (a review's topic rule still makes it
        # a tag)
        return "hypothetical"
    if (
        _outcomes_named_in(sentence)
        and _OUTCOMES_TO_COME.search(sentence, max(0, start - 220), start)
        and not _COUNTED_AFTER.match(sentence, end)
    ):
        # "secondary outcomes include pain, the Barthel Index and adverse events such as
        # infection and catheter malfunction": what a trial will measure, no event (a review's
        # topic rule still makes it a tag)
        return "hypothetical"
    near = sentence[max(0, start - 60) : start]
    if (
        (_other_cause_in(sentence) and _OTHER_CAUSE.pattern.match(_decimals_masked(sentence), end))
        or (_unrelated_in(sentence) and _UNRELATED_LATER.match(sentence, end))
        or (any(map(near.__contains__, _CAUSE_VERBS)) and _CAUSED_BY_SPASTICITY.search(near))
    ):
        # ("severe spasticity likely contributed to respiratory compromise": the disease's)
        return "other_cause"
    if harm == "tolerance" and _dosing_protocol(sentence) and "toleran" not in text.lower():
        return "protocol"
    if harm in _MAY_IMPROVE and _improved(sentence, words, first, last):
        return "improved"
    if (
        condition
        and harm not in _MAY_IMPROVE  # (a lasting cognitive condition; those were asked above)
        and (
            _SLOWED_BEFORE.search(sentence, max(0, start - 30), start)
            or _SLOWED_AFTER.match(sentence, end)
            or _improved(sentence, words, first, last)
        )
    ):
        return "improved"
    return None


# The outcomes a study is to measure, told in the present or the future tense, with the harm
# in their list (no count between: "outcomes are infection in 3 patients" tells results)
_OUTCOMES_TO_COME = compile_i(
    r"\b(?:(?:primary|secondary|main|key|safety|other)\s+(?:outcomes?|end ?-?points?|outcome"
    r" measures?)\s+(?:will\s+(?:be|include)|include|includes|are|comprise)"
    r"|(?:outcomes?|end ?-?points?|outcome measures?)\s+will\s+(?:be|include))\b"
    r"(?:(?!\b\d+\s*(?:%|/|patients?|cases?|children|adults|people|participants|subjects"
    r"|of\b))[^.;])*$"
)
_outcomes_named_in = found_in_sentence(re.compile("utcome|nd point|ndpoint|nd-point"))
# ... and no count of it after the harm ("infection in 3 patients", "infection (n = 3)")
_COUNTED_AFTER = compile_i(r"\s*(?:\(\s*(?:n\s*=\s*)?\d|\d|(?:in|among|of)\s+\d)")


# A spasticity pattern's match that opens on the word, and the people or the dystonia it names
_SPASTICITY_NOUN = compile_i(
    r"(?:spasticity|muscle tone|tone|hypertonia|spasms?|stiffness|rigidity)\b"
)
_PEOPLE_WITH_BEFORE = compile_i(
    r"(?:\b(?:patients|children|adults|people|individuals|subjects|those) with|\bdystonic)\s+$"
)
# A title that opens with the spinal operation it studies
_FUSION_STUDIED = compile_i(
    r"\s*(?:(?:posterior|anterior|instrumented)\s+)?spinal fusion(?:\s+surgery)?\s+(?:in|for|among"
    r"|with|of)\b"
)


# A harm put down to the spasticity the therapy treats, named just before it (with the
# verbs' stems, for a cheap first look).
_CAUSE_VERBS = ("contribut", "caus", "led to", "leads to", "leading to", "result")
_CAUSED_BY_SPASTICITY = compile_i(
    r"\b(?:spasticity|spasms?|hypertonia|hypertonus|muscle tone)\b(?: \w+){0,2}? (?:contributed"
    r" to|contributes to|caused|causes|causing|led to|leads to|leading to|resulted in|results in)"
    r"(?: (?:the|his|her|their|a|an))?\s*$"
)


def _improved(sentence: str, words: list[Token], first: int, last: int) -> bool:
    """Whether the condition at words[FIRST..LAST] of SENTENCE is said to get better."""
    before = sentence[max(0, words[first][START] - 60) : words[first][START]]
    after = sentence[words[last][END] : words[last][END] + 80]
    return _IMPROVED_AFTER.search(after) is not None or _IMPROVED_BEFORE.search(before) is not None


# Pain named as a bare word, and the words that say it was measured, changed or treated.
_BARE_PAIN = compile_i(r"(?:pains?|painful|discomfort)$")
# A scale read as the patients came ("mean baseline leg Ashworth scores"), the words just before
_BASELINE_BEFORE = compile_i(
    r"\bbaseline\s+(?:(?:average|mean|median|leg|arm|lower|upper|limb|extremity|total|composite"
    r"|modified|MA|LA)\s+){0,3}$"
)
# ... unless its change is told with it ("The baseline Ashworth score of 3.2 fell to 1.5")
_CHANGED_AFTER = compile_i(
    r"(?:[^.;]|(?<=\d)\.(?=\d)){0,40}?\b(?:fell|decreased|declined|dropped|improved|reduced|rose"
    r"|increased|went"
    r" (?:down|up)|changed|was lowered|normali[sz]ed)\b"
)
# A search among causes ("to evaluate the pump for actual pump failure versus catheter issues",
# "troubleshooting for a pump stall versus a catheter leak"): each named is weighed, none found
_WEIGHED_FOR = compile_i(
    r"\b(?:evaluat\w*|assess\w*|check\w*|examin\w*|troubleshoot\w*|investigat\w*|distinguish\w*"
    r"|differentiat\w*|work-?up)\b[^.;]{0,50}?\bfor\b"
)
_VERSUS_AFTER = compile_i(r"\s+(?:versus|vs\.?)\s")
# The device or its care as what a pain or discomfort came from (not "pain of patients with a
# pump", nor "pain relief with the pump": no "with")
_OF_THE_DEVICE = compile_i(
    r"\s+(?:of|from|due to|caused by|related to|at|around|over)\s+(?:the\s+|their\s+|his\s+"
    r"|her\s+|its\s+|an?\s+)?(?:(?!(?:with|in|who|and|or|of|patients?)\b)[\w-]+\s+){0,2}?"
    r"(?:pumps?|refills?|refilling|implants?|devices?|catheters?|foreign bod(?:y|ies)|pump sites?"
    r"|pockets?|scars?|incisions?|belts?|reservoirs?)\b"
)
_EVALUATED = compile_i(
    r"\b(?:improv\w*|decreas\w*|reduc\w*|reliev\w*|relief|resol\w*|scores?|scales?|VAS|NRS"
    r"|visual analog\w*|numeric\w*|intensity|measur\w*|assess\w*|rated|ratings?|outcomes?"
    r"|chang\w*|better|worse\w*|effect\w*|benefit\w*|alleviat\w*|diminish\w*|lessen\w*"
    r"|disappear\w*|free|control\w*|treat\w*|interference|frequency|duration|questionnaires?"
    r"|inventory|evaluat\w*|examin\w*|increas\w*|persist\w*|respon\w*|no longer|less|fewer"
    r"|lower|higher|significant\w*|manag\w*|therap\w*|eased|easing|abated|subsided|settled"
    r"|gone|domains?|subscales?|fell|falls?|falling|dropp\w*|drops?|declin\w*|rose|rises?"
    r"|rising|halv\w*|lowered|stopped|ceased|unchanged|unaltered|stable|deteriorat\w*"
    # a goal area it was rated in ("benefit in a range of child and family-centred goal areas
    # including: pain and comfort"): what goal attainment measured
    r"|goals?)\b"
    r"|\bp\s?[=<]\s?0?\.\d"
    # a review's count of the studies that reported it ("Pain was reported in 7 studies")
    r"|\b(?:\d+|all|most|several|many|few|two|three|four|five|six|seven|eight|nine|ten)"
    r" (?:of the )?(?:included |eligible )?(?:studies|trials)\b"
)
# A dose lowered, stopped or adjusted (for a harm, in the sentence that names it).
_DOSE_CHANGED_FOR_HARM = compile_i(
    r"\b(?:reduc\w*|lower\w*|decreas\w*|adjust\w*|cut|halv\w*|stop\w*|discontinu\w*"
    r"|paus\w*|interrupt\w*|withh[oe]ld\w*)\b"
)
# Doses raised on purpose: a titration, a screening or a protocol's steps.
_DOSING_PROTOCOL = compile_i(
    r"\b(?:titrat\w*|screen\w*|test (?:doses?|bolus\w*|injections?)|bolus\w*|protocol"
    r"|trial (?:doses?|phase|period)|lumbar puncture|until|dose-finding"
    r"|during (?:the )?(?:initial |early |first )?(?:dose[- ])?escalation"
    # escalating doses given by design ("cohorts were treated with escalating doses of the
    # drug"), not required by the patients
    r"|(?:treated|given|received|administered|receiving|allocated to) (?:\w+ ){0,4}?with "
    r"escalating doses|(?:treated|given|received|administered) escalating doses"
    r"|dose[- ]escalation (?:study|trial|design|cohorts?|phase)|phase (?:I|1)\b"
    # doses tried out ("Increasing doses in continuous perfusion were tested")
    r"|(?:were|was|been) (?:tested|tried)|a trial of (?:increasing|escalating))\b"
)
_dosing_protocol = found_in_sentence(_DOSING_PROTOCOL)
# Two ways of dosing compared ("bolus versus continuous"): a strategy studied, no amount.
_DOSING_STRATEGY = compile_i(r"\b(?:versus|vs|compar\w*|or|and)\b")
_DOSE_FOUND = compile_i(
    r"\b(?:effective|required|requiring|needed|optimal|maintenance|responded|response|final"
    r"|mean|median|titrat\w*|increased|decreased|recommend\w*|consensus)\b"
)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _screening_protocol(sentence: str) -> bool:
    """Whether SENTENCE states a screening bolus's amount as protocol, no dose found."""
    return _SCREENING.search(sentence) is not None and _DOSE_FOUND.search(sentence) is None


def _risks_under_review(mentions: list[Mention]) -> list[Mention]:
    """Return MENTIONS of a review with its named risks (context, hypothetical), the
    benefits it states of the therapy (generic), the conditions it says the therapy treats
    ("an effective treatment for both spasticity and dystonia in people with CP": what it
    reviews) and its doses (a guideline's "the standard test dose is a 50-mcg bolus" is a
    dosing recommendation, not a protocol) as tags."""
    return [
        m._replace(qualifier=None)
        if (
            (m.facet == "complication" and m.qualifier in ("context", "hypothetical", "cited"))
            or (m.facet == "outcome" and m.qualifier in ("generic", "protocol", "criteria"))
            or (m.facet == "indication" and m.qualifier == "generic")
        )
        and m.field in _TOPIC_FIELDS
        else m
        for m in mentions
    ]


# An outcome said not to have been measured ("... on quality of life was not assessed", "Sleep
# studies were not done").
_NOT_ASSESSED = compile_i(
    r"[^.;]{0,40}?\b(?:was|were|is|are|has|have)\s+not\s+(?:been\s+)?(?:\w+\s+)?(?:assessed"
    r"|measured|evaluated|recorded|studied|examined|analy[sz]ed|collected|investigated|done"
    r"|performed|obtained|undertaken|carried out)\b"
)
# The therapy's known benefit stated as a fact, no data of the study's own: "ITB is an
# effective therapy for spasticity", "the spasticity relief provided by ITB".
_GENERIC_CLAIM = compile_i(
    r"\b(?:is|are|remains?|has become|represents?|(?:can|may|could) be)\s+(?:an?\s+|the\s+)?"
    r"(?:\w+\s+){0,2}?(?:effective|established|safe|useful|valuable|well-established|standard|proven"
    r"|recogni[sz]ed|accepted|important)\s+(?:\w+\s+){0,2}?(?:therapy|treatment|option"
    r"|method|tool|intervention|modality|management)\b"
    r"|\b(?:provided|offered|afforded|conferred) by (?:the )?(?:ITB|intrathecal|baclofen"
    r"|pumps?|therapy|treatment)\b"
    # what the therapy is known to do ("intrathecal baclofen (ITB) has been known to reduce
    # spasticity and dystonia in patients who did not respond to oral medications")
    r"|\b(?:ITB|CITB|intrathecal baclofen|baclofen)(?:\s+\([A-Z]+\))?(?:\s+(?:therapy|treatment"
    r"|infusion|pumps?))?\s+(?:has|have|is|are)\s+(?:been\s+)?(?:well\s+)?(?:known|shown"
    r"|reported|demonstrated|found|proven)\s+to\s+(?:effectively\s+|significantly\s+)?(?:reduce"
    r"|relieve|decrease|control|alleviate|improve|diminish|be effective)\b"
    # what the therapy can do: "Intrathecal baclofen can reduce congenital and posttraumatic
    # spasticity"
    r"|\b(?:ITB|CITB|intrathecal baclofen|baclofen)(?:\s+(?:therapy|treatment|infusion|pumps?))?"
    # ("And ITB therapy can greatly improve activities of daily living and quality of life")
    r"\s+(?:can|may|could)\s+(?:effectively\s+|also\s+|significantly\s+|greatly\s+"
    r"|markedly\s+|substantially\s+|dramatically\s+)?(?:reduce|relieve"
    r"|decrease|treat|control|alleviate|improve|manage|diminish)\b"
    # the aims of treating the disease in general, in the present tense ("The treatment goal
    # is symptomatic: to improve the spasticity ... and the quality of life"; a study's own
    # goal is told in the past)
    r"|\b(?:treatment|therapeutic|therapy|management) (?:goals?|aims?) (?:is|are|includes?)\b"
    r"|\b(?:goals?|aims?) of (?:the )?(?:\w+ )?(?:treatment|therapy|management) (?:is|are"
    r"|includes?)\b"
)


# What a condition goes with in general, in the present tense: "Central hyperthermia is
# associated with a high mortality rate and poor prognosis", "Spasticity is often associated
# with pain and poor sleep".
_ASSOCIATED = compile_i(r"\b(?:is|are)\s+(?:\w+ly\s+)?associated\s+with\b")
_THERAPY_NAMED = compile_i(
    r"\b(?:baclofen|ITB|CITB|intrathecal\w*|pumps?|catheters?|implant\w*|therapy|treatment"
    r"|infusion|surgery|rhizotomy|botulinum)\b"
)
_therapy_named_in = found_in_sentence(_THERAPY_NAMED)
_DIGIT = re.compile(r"\d")
# What a group's pump or device was given to treat, just before it: "3 (17.6%) had fentanyl
# pumps to treat chronic pain".
_DEVICE_GIVEN_FOR = compile_i(
    r"(?:\b(?:had|received|with|using)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:pumps?|devices?"
    r"|implants?|systems?|stimulators?)\s+to\s+treat"
    # ... or what a device or an infusion was placed for ("a reservoir for continuous
    # intrathecal baclofen infusion to control spasticity", "a pump placed to manage spasms")
    r"|\b(?:pumps?|devices?|implants?|reservoirs?|infusions?)\s+(?:(?:was|were|had been|has been"
    r"|been)\s+)?(?:(?:placed|implanted|inserted)\s+)?to(?:\s+(?:treat|control|manage|reduce"
    r"|relieve|alleviate))?)"
    r"\s+(?:their\s+|his\s+|her\s+|the\s+)?(?:[\w-]+\s+){0,2}$"
)
# The dose a condition needed, just before it ("baclofen dosage needed to control spasticity",
# "the dose required to achieve adequate spasm control")
_DOSE_NEEDED_FOR = compile_i(
    r"(?<![\w-])dos(?:es?|ages?|ing)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:needed|required"
    r"|necessary)\s+to\s+(?:(?:treat|control|manage|reduce|relieve|alleviate|achieve|obtain"
    r"|maintain)\s+)?(?:(?:their|his|her|the|an?|adequate|good|sufficient|satisfactory)\s+)*"
    r"(?:[\w-]+\s+){0,2}$"
)


def _dose_needed_for(sentence: str, start: int) -> bool:
    """Whether the words at START of SENTENCE are what a dose just before them was needed for
    (_DOSE_NEEDED_FOR, read from the last "dose" of the 80 characters before them)."""
    since = max(0, start - 80)
    at = max(sentence.rfind("dos", since, start), sentence.rfind("Dos", since, start))
    return at != -1 and _DOSE_NEEDED_FOR.match(sentence, at, start) is not None


# A patient's history listed, up to the words in question, before the sentence goes on to what
# happened ("with a history of T6 paraplegia, neurogenic bladder and", "PMH significant for";
# not "with a history of MS presented with pain"): its head, read where "histor" or "PMH"
# stands (_history_listed), the list within 80 characters of the words, and the words that
# tell the sentence went on
_HISTORY_HEAD_WORDS = (
    r"(?:histor(?:y|ies)\s+(?:of|(?:was\s+|is\s+)?(?:significant|notable|remarkable)\s+for"
    r"|includ\w+)|(?-i:PMH)\s*(?:(?:was\s+)?significant\s+for|of|includ\w+|:)?)"
)
_HISTORY_HEAD = compile_i(_HISTORY_HEAD_WORDS + r"(?=[^.;]{0,80}$)")
# (a harm's: a case's comorbidities listed run longer, _harm_in_history)
_HISTORY_HEAD_LONG = compile_i(_HISTORY_HEAD_WORDS + r"(?=[^.;]{0,200}$)")
# the therapy's own in a history ("a history of two prior ITB pump pocket infections")
_THERAPY_IN_HISTORY = compile_i(
    r"\b(?:pumps?|catheters?|ITB|baclofen|intrathecal|implant\w*|pocket|device|reservoir"
    r"|shunts?|refill\w*|surgery|surgical|operation|postoperative|post-operative)\b"
)
_HISTORY_WENT_ON = compile_i(
    r"\b(?:presented|presents|developed|was|were|had|has|underwent|improved|improves|after"
    r"|following|who|which|then|reported)\b"
)
# Another treatment's failure, just before what it failed at: "the failure of oral baclofen to
# control the spasms", "oral medication failed to relieve".
_FAILED_TO = compile_i(
    r"\bfail(?:ure|ed|s|ing)?\b(?:\s+of)?[^.;]{0,50}?\bto\s+(?:(?:adequately\s+|sufficiently\s+"
    r"|effectively\s+)?(?:control|relieve|reduce|manage|improve|treat|alleviate)\s+(?:the\s+"
    r"|his\s+|her\s+|their\s+)?)?$"
)
# Deaths counted in a population at large, not in the patients studied: "... deaths due to
# tetanus each year in the world", "500,000 deaths per year worldwide".
_DEATHS_OF_A_POPULATION = compile_i(
    r"[^.;]{0,60}?\b(?:(?:each|every) year|annually|worldwide|world-wide|globally"
    r"|in the world|in the general population|nationwide)\b"
)
# What became of the patients over a follow-up, deaths told beside those still followed or
# lost to it ("27 are still followed, 10 died, 4 stopped their treatment and 4 were lost to
# follow-up"): a count of who is left, no death put down to the therapy (as the development
# set's "three survivors": no death attributed to ITB, none tagged), unless a cause is named
# with it ("2 died of withdrawal").
_FOLLOW_UP_DISPOSITION = compile_i(
    r"\blost to (?:the\s+)?follow[- ]?up\b|\bstill (?:being\s+)?(?:followed|in follow[- ]?up)\b"
    r"|\bperdus? de vue\b|\btoujours suivis?\b|\bp[ée]rdid[oa]s? (?:de|en el|durante el|al)"
    r" seguimiento\b|\bpersi (?:al )?follow[- ]?up\b"
)
_follow_up_disposition = found_in_sentence(_FOLLOW_UP_DISPOSITION)
_CAUSE_OF_DEATH_AFTER = compile_i(
    r"\s*(?:\([^)]*\)\s*)?(?:of|from|due|after|because|following|secondary|related|caused"
    r"|as a result|in relation|owing|des? |d'|du |par |suite|por |a causa|dopo|per )"
)
# Whom the therapy should be given, named before it: "patients with hampering or painful spasms
# should be offered treatment with baclofen" (their pain a reason to treat, nothing measured).
_RECOMMENDED_FOR = compile_i(
    r"\b(?:should|could|may|might|can)\s+(?:also\s+|therefore\s+|then\s+)?be\s+(?:offered"
    r"|considered for|recommended|referred for)\b"
)
# A finding told, not a fact known: "Results suggest that SCCs are associated with poor sleep"
_FINDING = compile_i(
    r"\b(?:results?|findings?|data|analys[ie]s|suggest\w*|show\w*|found|demonstrat\w*"
    r"|indicat\w*|reveal\w*|observ\w*|conclu\w*|confirm\w*)\b"
)


def _associated_in_general(sentence: str, start: int) -> bool:
    """Whether the words at START of SENTENCE are what a condition (not the therapy) "is
    associated with" in general, just before them, with no data of the study's own (a
    conclusion such as "ITB is associated with better gait" tells the study's finding, and
    keeps its outcomes)."""
    found = None
    for match in _ASSOCIATED.finditer(sentence, max(0, start - 120), start):
        found = match  # (the last before START)
    return (
        found is not None
        and not _THERAPY_NAMED.search(sentence, 0, found.start())
        and not _DIGIT.search(sentence)
        and not _OWN_DATA.search(sentence)
        and not _FINDING.search(sentence)
    )


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _decimals_masked(sentence: str) -> str:
    """Return SENTENCE with its decimal points made another character of the same width (a
    figure's point is no sentence's end: "(adjusted hazard ratio 1.31), which the authors
    attribute to their more advanced disease")."""
    return DECIMAL_POINT.sub("\u00b7", sentence) if "." in sentence else sentence


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _generic_claim(sentence: str) -> bool:
    """Whether SENTENCE states what the therapy is known to do, with no data of its own (nor
    under a label that makes it the paper's own finding: "WHAT THIS PAPER ADDS: ITB is a
    feasible and safe therapy to improve comfort and daily care")."""
    if _GENERIC_CLAIM.search(sentence) is None:
        return False
    return not _OWN_DATA.search(_own_figures(sentence)) and not _OWN_FINDINGS_LABEL.match(sentence)


def _own_figures(sentence: str) -> str:
    """Return SENTENCE without the ranges of percentages it gives as the literature's ("ITB
    pumps are an effective treatment for spasticity; however infection rates have been
    reported in 3-26% of patients in the literature": no figure of the study's own)."""
    if "%" in sentence and _FROM_THE_LITERATURE.search(sentence):
        return _PERCENT_RANGE.sub(" ", sentence)
    return sentence


_FROM_THE_LITERATURE = compile_i(
    r"\bin the (?:published |current |existing |medical )?literature\b"
    r"|\b(?:has|have) been (?:\w+\s+)?reported\b|\bprevious (?:studies|reports)\b"
)
# a range of percentages ("in 3-26% of patients", "between 10% and 30%", "from 3% to 40%")
_PERCENT_RANGE = compile_i(
    r"\b(?:(?:in|of|from|between)\s+)?\d+(?:\.\d+)?\s?%?\s?(?:[-\u2013\u2014]|to|and)\s?"
    r"\d+(?:\.\d+)?\s?%"
)


_OWN_FINDINGS_LABEL = compile_i(
    r"\W*(?:what this (?:paper|study|article) adds|key (?:points|findings|messages|results)"
    r"|highlights|main findings)\s*:"
)


def _harms_made(
    mentions: list[Mention], harms: set[str], qualifier: str, fields: tuple[str, ...] | None
) -> list[Mention]:
    """Return MENTIONS with the tags of the complications HARMS, read in FIELDS (None: in
    any), made mentions of kind QUALIFIER (no tags)."""
    return [
        m._replace(qualifier=qualifier)
        if m.facet == "complication"
        and m.id in harms
        and m.qualifier is None
        and (fields is None or m.field in fields)
        else m
        for m in mentions
    ]


def _index_terms_the_abstract_overrules(mentions: list[Mention]) -> list[Mention]:
    """Return MENTIONS with a harm's keyword or MeSH heading made no tag where the abstract
    speaks of that harm only as absent, hypothetical, of another cause or the patients' own
    condition (a keyword "catheter occlusion" over "it was assumed that there was a catheter
    obstruction", "Scoliosis" over "CP patients undergoing spinal fusion"): the abstract's own
    words outrank an index term, as they outrank the title."""
    said: dict[str, set[str | None]] = {}
    for m in mentions:
        if m.facet == "complication" and m.field in ("title", "abstract"):
            said.setdefault(m.id, set()).add(m.qualifier)
    overruled = {
        harm
        for harm, qualifiers in said.items()
        if None not in qualifiers
        and qualifiers & {"negated", "hypothetical", "differential", "other_cause", "history"}
    }
    if not overruled:
        return mentions
    return _harms_made(mentions, overruled, "overruled", ("keyword", "mesh"))


# MeSH headings of a failed device that name no part of it (the pump stands for the device)
_DEVICE_HEADINGS = frozenset(("equipment failure", "prosthesis failure"))


def _device_heading_the_abstract_names(mentions: list[Mention]) -> list[Mention]:
    """Return MENTIONS with the pump's tag from a heading naming no part of the device
    ("Equipment Failure") made no tag where the title and abstract tell the catheter's event
    and never the pump's (a subdural catheter indexed "Equipment Failure"): the abstract
    names the part the heading does not."""
    if not any(
        m.field == "mesh" and m.id == "pump_malfunction" and m.text.lower() in _DEVICE_HEADINGS
        for m in mentions
        if m.qualifier is None
    ):
        return mentions
    told = {
        m.id
        for m in mentions
        if m.facet == "complication" and m.field in ("title", "abstract") and m.qualifier is None
    }
    if "pump_malfunction" in told or "catheter_complication" not in told:
        return mentions
    return [
        m._replace(qualifier="overruled")
        if m.field == "mesh"
        and m.id == "pump_malfunction"
        and m.qualifier is None
        and m.text.lower() in _DEVICE_HEADINGS
        else m
        for m in mentions
    ]


# The device's two parts: a title naming one over an abstract that tells the other's event
_DEVICE_PARTS = {
    "pump_malfunction": "catheter_complication",
    "catheter_complication": "pump_malfunction",
}


def _title_device_the_abstract_overrules(mentions: list[Mention]) -> list[Mention]:
    """Return a case report's MENTIONS with a device harm named only by the title made no tag
    where the abstract tells the other part's event and never this one's (the manual: "a title
    saying pump malfunction over an abstract that describes a tangled catheter is
    catheter_complication only")."""
    in_title = {
        m.id
        for m in mentions
        if m.field == "title" and m.qualifier is None and m.id in _DEVICE_PARTS
    }
    if not in_title:
        return mentions
    told = {
        m.id
        for m in mentions
        if m.facet == "complication" and m.field == "abstract" and m.qualifier is None
    }
    overruled = {harm for harm in in_title if harm not in told and _DEVICE_PARTS[harm] in told}
    if not overruled:
        return mentions
    return _harms_made(mentions, overruled, "overruled", ("title",))


# A disease the taxonomy has no id for, named as the patients' ("Intrathecal baclofen in
# tetanus", "22 patients admitted with grade III tetanus"): the population is that disease's,
# not of spasticity alone (the coding manual's spasticity_unspecified is for a population
# described by spasticity with no disease named).
_UNLISTED_IN_TITLE = compile_i(r"\btetanus\b")
_UNLISTED_TREATED = compile_i(
    r"\b(?:patients?|cases?|man|woman|boy|girl|child|children|adults?|neonates?|individuals"
    r"|persons?)\s+(?:[\w-]+\s+){0,4}?(?:with|of|had|has|from|suffering\s+from|admitted\s+with"
    r"|diagnosed\s+with|presenting\s+with)\s+(?:[\w-]+\s+){0,3}?tetanus\b"
    r"|\btetanus\s+(?:patients|cases)\b"
    # what the cases are treated for: "two cases of the management of severe tetanus"
    r"|\b(?:treatment|management|treating|managing)\s+of\s+(?:[\w-]+\s+){0,2}?tetanus\b"
)


def _population_unlisted(
    title: str, abstract: Sequence[tuple[str, str]], mentions: list[Mention]
) -> list[Mention]:
    """Return MENTIONS with spasticity_unspecified superseded where the patients' disease is
    one the taxonomy does not list (tetanus)."""
    if not any(m.id == "spasticity_unspecified" and m.qualifier is None for m in mentions):
        return mentions
    if not (
        _UNLISTED_IN_TITLE.search(title)
        or any("etanus" in text and _UNLISTED_TREATED.search(text) for _, text in abstract)
    ):
        return mentions
    return [
        m._replace(qualifier="superseded")
        if m.facet == "indication" and m.id == "spasticity_unspecified" and m.qualifier is None
        else m
        for m in mentions
    ]


def _population_from_context(mentions: list[Mention], several: bool = False) -> list[Mention]:
    """Return MENTIONS with the one disease the opening sentences name made the population
    where the study itself names none ("ITB is a common treatment of spasticity in cerebral
    palsy patients. ... four patients who showed scoliosis after insertion for treatment of
    spasticity"): the study's patients are that disease's, not of spasticity alone. For a
    review (SEVERAL), the diseases its opening names are those it reviews ("benefits ...,
    notably in spinal injury and multiple sclerosis")."""
    asserted = {m.id for m in mentions if m.facet == "indication" and m.qualifier is None}
    if asserted - {"spasticity_unspecified"}:
        return mentions
    # (what the opening says is known of the therapy names the diseases a review covers,
    # not a primary study's patients)
    opening = ("context", "cited") if several else ("context",)
    named = {
        m.id
        for m in mentions
        if m.facet == "indication" and m.qualifier in opening and m.id != "spasticity_unspecified"
    }
    if not named or (len(named) > 1 and not several):
        # (a review's opening names the diseases it reviews: SEVERAL may stand)
        return mentions
    return [
        m._replace(qualifier=None)
        if m.facet == "indication" and m.id in named and m.qualifier in opening
        else m._replace(qualifier="superseded")
        if m.facet == "indication" and m.id == "spasticity_unspecified" and m.qualifier is None
        else m
        for m in mentions
    ]


# Any treatment given or studied (a drug, a procedure, training, a dose, a placebo...): word
# parts looked for in the lower-cased text (more often found than the words themselves,
# which only makes the rule that needs their absence rarer)
_TREATMENT_WORDS = (
    "treat",
    "therap",
    "intervention",
    "administ",
    "receiv",
    "given",
    "inject",
    "infus",
    "surg",
    "operat",
    "implant",
    "stimulat",
    "training",
    "rehabilitat",
    "drug",
    "medicat",
    "medicine",
    "dose",
    "dosing",
    "dosage",
    " mg",
    "pharmac",
    "vaccin",
    "transplant",
    "supplement",
    "program",
    "placebo",
    "randomi",
    "exercise",
    "baclofen",
    "intrathecal",
    "pump",
    "device",
    "catheter",
    "radiotherapy",
    "chemotherapy",
    "anaesthe",
    "anesthe",
)


def _treats(title: str, abstract: list[tuple[str, str]]) -> bool:
    """Whether the record names any treatment at all."""
    texts = [title, *(text for _, text in abstract)]
    return any(any(map(text.lower().__contains__, _TREATMENT_WORDS)) for text in texts)


_LETTERS = re.compile(r"[A-Za-z]+")
_DESIGN_NEGATION_REACH = 3  # (words before a design's words a negation of them stands within)
# A word a line's end broke, as text copied from a PDF keeps it: "spas- ticity"
_BROKEN_WORD = re.compile(r"\b([A-Za-z]{2,})- ([a-z]{2,})\b")


def _mend_broken_words(item: TagInput, known: frozenset[str]) -> TagInput:
    """Return ITEM with words broken at a line's end ("spas- ticity", "intra- thecal") made
    whole where the whole word is one the taxonomy or the record itself uses elsewhere;
    two words joined by a hyphen ("catheter- related", "pre- and post-operative") stay as
    they are."""
    own = {
        norm(word)
        for text in (item.title, *item.keywords, *(section.text for section in item.abstract))
        for word in _LETTERS.findall(text)
        if len(word) >= 5
    }

    def whole(found: re.Match[str]) -> str:
        word = found[1] + found[2]
        form = norm(word)
        return word if form in known or form in own else found[0]

    sections = tuple(
        Section(s.label, s.category, _BROKEN_WORD.sub(whole, s.text)) if "- " in s.text else s
        for s in item.abstract
    )
    keywords = tuple(_BROKEN_WORD.sub(whole, k) if "- " in k else k for k in item.keywords)
    title = _BROKEN_WORD.sub(whole, item.title) if "- " in item.title else item.title
    return dataclasses.replace(item, title=title, abstract=sections, keywords=keywords)


_PRIMARY_DESIGNS = frozenset({"rct", "controlled_trial", "cohort", "case_series"})
# A method's list of the harms looked for: "Complications, including baclofen overdose,
# mechanical failures, and infections, were noted"
_HARMS_LOOKED_FOR = compile_i(
    r"\b(?:complications|adverse (?:events|effects)|side[- ]effects|harms)\b[^.;]{0,30}?"
    r"\b(?:including|such as|namely)\b[^;]*?\b(?:were|was)\s+(?:also\s+|systematically\s+"
    r"|prospectively\s+)?(?:noted|recorded|registered|documented|collected|monitored|assessed"
    r"|reviewed|evaluated|examined|analy[sz]ed|sought|looked for)\b"
)


# A record about neither baclofen nor a spinal route or pump (a stroke trial, an imaging study of
# epilepsy, a dementia review): its words for harms are mostly the disease's features
# ("presented with seizures"), outcomes measured ("death or institutionalization", "the
# prevalence of delirium") or background. A harm of a treatment is said to be one: an
# adverse event or effect, a side effect, a toxicity, a treatment- or drug-related or -induced
# event, a postoperative one, an intoxication, one in patients receiving a treatment, or more
# of it in a treated group.
# (searched where one of its words is: GatedPattern's first look)
_DRUG_OR_ROUTE = GatedPattern(
    r"baclofen|lioresal|gablofen|\bITB\b|intrathecal|intraspinal|neuraxial|epidural"
    r"|subarachnoid|\bpumps?\b"
)
_A_TREATMENTS_HARM = compile_i(
    r"\b(?:adverse|side[- ]?effects?|toxicit\w*|harms?\b|harmful|undesirable|unwanted"
    r"|untoward|iatrogenic|\w+-(?:induced|related)|induced by|(?:related|attributed|"
    r"attributable) to (?:the )?(?:study |studied )?(?:drugs?|treatments?|therapy|procedures?"
    r"|surgery|interventions?|protocol|medications?|injections?|implant\w*)"
    r"|caused by (?:the )?(?:drugs?|treatments?|therapy|procedures?|surgery|medications?)"
    r"|post-?operative|perioperative|overdos\w*|intoxicat\w*|poisoning|ingest\w*"
    r"|(?:undergoing|receiving) (?:\w+ ){0,3}?(?:treatment|therapy)|treated with"
    r"|groups? (?:had|showed|experienced) (?:a |an )?(?:\w+ )?(?:increase|higher|more))"
)
# "toxicity" is the overdose word of a baclofen record; of another drug's, its side effects
_TOXICITY = compile_i(r"toxicit")


def _names_intrathecal(item: TagInput) -> bool:
    """Whether ITEM names an intrathecal therapy, a pump or a catheter anywhere it is read
    ("Severe hyperthermia due to oral baclofen withdrawal" names none: the oral drug is the
    treatment the report is of, and its harms are no comparator's)."""
    texts = [item.title, *item.keywords, *(section.text for section in item.abstract)]
    if item.registry is not None:
        texts += [item.registry.summary, *item.registry.interventions]
    return any(_INTRATHECAL.search(text) for text in texts)


def _names_the_drug_or_route(item: TagInput, abstract: Sequence[tuple[str, str]]) -> bool:
    """Whether the record names baclofen or an intrathecal route anywhere it is read."""
    texts = (item.title, *item.keywords, *(text for _, text in abstract))
    return any(_DRUG_OR_ROUTE.search(text) for text in texts) or any(
        _DRUG_OR_ROUTE.search(m.name) for m in item.mesh
    )


def _harms_of_a_treatment(
    mentions: list[Mention], title: str, abstract: Sequence[tuple[str, str]]
) -> list[Mention]:
    """Return MENTIONS with the title's and abstract's harms of a record about another
    therapy (or none) kept only where their sentence says they were a treatment's harm."""

    def treatments(mention: Mention) -> bool:
        if mention.id == "overdose" and _TOXICITY.search(mention.text):
            return False
        if mention.field == "title":
            return bool(_A_TREATMENTS_HARM.search(title))
        # the first sentence naming it decides (any sentence naming it, or words around each
        # naming, kept more of a disease's features on the tuning parts: 8/6/0 and 7/6/1 true,
        # extra and missed harms against 8/5/0)
        sentence = next((text for _, text in abstract if mention.text in text), "")
        return bool(_A_TREATMENTS_HARM.search(sentence))

    return [
        m._replace(qualifier="no_treatment")  # no treatment said to have caused it
        if m.facet == "complication"
        and m.qualifier is None
        and m.field in ("title", "abstract")
        and not treatments(m)
        else m
        for m in mentions
    ]


def _harms_only_recorded(mentions: list[Mention], abstract: list[tuple[str, str]]) -> list[Mention]:
    """Return MENTIONS with a harm that a structured abstract's methods only list as looked
    for, and whose results never name it, made no tag: the coding manual tags a harm measured
    as one only where events occurred, and the results tell none."""
    if not any(role == "results" for role, _ in abstract):
        return mentions
    listing = [
        text for role, text in abstract if role == "methods" and _HARMS_LOOKED_FOR.search(text)
    ]
    if not listing:
        return mentions
    elsewhere = {
        m.id
        for m in mentions
        if m.facet == "complication" and m.qualifier is None and m.section != "methods"
    }
    return [
        m._replace(qualifier="looked_for")
        if m.facet == "complication"
        and m.qualifier is None
        and m.section == "methods"
        and m.field == "abstract"
        and m.id not in elsewhere
        and any(m.text in text for text in listing)
        else m
        for m in mentions
    ]


# A device part's mention that is its removal alone ("the catheter were surgically removed
# and replaced"; not "the catheter had migrated and was replaced", whose first verb is the
# event), the pump named before it (the whole system taken out), and an infection told in its
# sentence or the one before
_REMOVED_ONLY = compile_i(
    r"^(?:catheters?|pumps?)\b(?:\W+\w+){0,6}?\W+(?:remov|replac|explant)\w*$"
)
_PUMP_BEFORE = compile_i(r"\bpumps?\b")
_INFECTION_TOLD = compile_i(
    r"\b(?:infect\w*|meningitis|empyemas?|abscess\w*|sepsis|septic|osteomyelitis)\b"
)


def _system_removed_for_infection(
    mentions: list[Mention], abstract: list[tuple[str, str]]
) -> list[Mention]:
    """Return MENTIONS with a catheter's or pump's removal or replacement, told with the whole
    system's after an infection ("... presented with an infected pump site. The pump and the
    catheter were surgically removed and replaced with a temporary catheter"), made no tag:
    the infection's treatment, not a harm of the device's part."""
    removed = [
        m
        for m in mentions
        if m.facet == "complication"
        and m.id in _DEVICE_PARTS
        and m.qualifier is None
        and m.field == "abstract"
        and _REMOVED_ONLY.match(m.text)
    ]
    if not removed:
        return mentions
    treated: set[Mention] = set()
    before = ""  # (the abstract comes sentence by sentence; a section may hold several)
    for _, text in abstract:
        for _, sentence in sentences(text):
            for m in removed:
                at = sentence.find(m.text)
                if (
                    at > 0
                    and _PUMP_BEFORE.search(sentence, 0, at)
                    and (_INFECTION_TOLD.search(sentence) or _INFECTION_TOLD.search(before))
                ):
                    treated.add(m)
            before = sentence
    return [m._replace(qualifier="treatment") if m in treated else m for m in mentions]


# A sentence that opens on what a finding might bring ("This may result in improved
# positioning", "Such a reduction could lead to better sleep"; not "may result from")
_SPECULATED = compile_i(
    r"^\W*(?:this|these|that|it|they|such(?:\s+[\w-]+){1,2}?)\s+(?:in\s+turn\s+)?(?:may|might"
    r"|could)\s+(?:also\s+|therefore\s+|thus\s+|potentially\s+)?(?:result\s+in|lead\s+to"
    r"|translate\s+into|contribute\s+to|facilitate|allow|help|mean)\b"
)


# A sentence putting every death down to something else than the therapy: "Causes of death
# were pneumonia (14) and progression of the disease (12); none was related to the pump",
# "All deaths were unrelated to ITB". (A single death put down elsewhere, "the other death
# was unrelated to the pump", says nothing of the rest: the sentence's own rule reads it.)
_THERAPY = (
    r"(?:the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:pumps?|devices?|drugs?|ITB|baclofen|intrathecal"
    r"|therapy|treatment|catheters?|system|procedures?|surgery|implant\w*|infusion)\b"
)
_DEATHS_UNRELATED = compile_i(
    r"\b(?:(?:none|neither|no\s+(?:deaths?|fatalit(?:y|ies)))(?:\s+of\s+(?:them|these|the"
    r"\s+deaths))?\s+(?:(?:was|were|is|are|appeared|seemed|could\s+be)\s+)?(?:related|"
    r"attributable|attributed|due|linked)\s+to\s+"
    + _THERAPY
    + r"|(?:all\s+(?:the\s+|of\s+the\s+|these\s+)?|these\s+|both\s+|the\s+)deaths\s+"
    r"(?:were|are)\s+(?:unrelated|not\s+(?:related|due|attributable|attributed))\s+to\s+"
    + _THERAPY
    + ")"
)
_DEATH_WORD = compile_i(r"\bdeaths?\b|\bdied\b|\bmortality\b|\bfatal")


def _deaths_put_down_elsewhere(
    mentions: list[Mention], abstract: Sequence[tuple[str, str]]
) -> list[Mention]:
    """Return MENTIONS with the abstract's deaths made no harm where a sentence that speaks
    of deaths says none of them was the therapy's (the manual: events the authors attribute
    to another cause are not tagged), though the deaths themselves are told in another."""
    if not any(m.id == "death" and m.qualifier is None for m in mentions):
        return mentions
    if not any(
        _DEATH_WORD.search(sentence) and _DEATHS_UNRELATED.search(sentence)
        for _, sentence in abstract
    ):
        return mentions
    return _harms_made(mentions, {"death"}, "other_cause", ("abstract",))


# The events just told, put down to another cause by the next sentence: "These events were
# felt to be unrelated to the pump", "Both seizures were considered unrelated to ITB".
_EVENTS_UNRELATED = compile_i(
    r"^\W*(?:these|those|both|the|all|such|the two|the three)\s+(?:\w+\s+){0,2}?(?:events?"
    r"|episodes?|seizures?|infections?|complications?|cases?|deaths?)\s+(?:was|were|are|is)\s+"
    r"(?:\w+\s+)?(?:felt|judged|considered|thought|deemed|believed|found)\s+(?:to\s+be\s+)?"
    r"(?:unrelated|not related)\b"
)


# What the authors went through the records for, a list that may name a harm: "For all
# patients we reviewed long-term response to therapy, surgical technique, surgery- and
# pump-related complications"; "Records ... were reviewed for their response to the test
# dose, ... and pump-related complications". (Not "We reviewed 40 patients who developed a
# pocket infection": the harm of patients counted happened.)
_REVIEWED_FOR = compile_i(
    r"\b(?:(?:we|the authors)\s+(?:also\s+|retrospectively\s+)?(?:reviewed|recorded|documented"
    r"|collected|assessed|analy[sz]ed|examined)|(?:were|was)\s+(?:also\s+|retrospectively\s+)?"
    r"(?:reviewed|assessed|evaluated|examined|analy[sz]ed)\s+for"
    # the aims' list ("we aimed to gauge burden ... through hospitalization rates, orthopedic
    # surgeries, pump-related complications")
    r"|(?:we|the authors)\s+(?:also\s+)?aimed\s+to\s+(?:gauge|assess|evaluate|examine|quantify"
    r"|record|describe|determine|measure))\b"
    # the study's measures listed ("Secondary outcomes included the incidence of other
    # complications, such as ... pump mechanical failure")
    r"|\b(?:primary|secondary|main|other)\s+outcomes?(?:\s+measures?)?\s+(?:included|were|was"
    r"|comprised)\b"
)
# (the verbs as written after "we" or "were", looked for before the pattern is: most
# sentences hold none)
_REVIEW_VERBS = ("aimed", "reviewed", "recorded", "documented", "collected", "assessed",
                 "analysed", "analyzed", "examined", "evaluated", "utcome")  # fmt: skip
_PEOPLE_BETWEEN = compile_i(
    r"\b(?:who|whom|patients?|children|adults|individuals|subjects|cases|people|\d+)\b"
)


def _harms_only_reviewed(
    mentions: list[Mention], abstract: Sequence[tuple[str, str]]
) -> list[Mention]:
    """Return MENTIONS with a harm that the abstract names only as an item of what the
    authors reviewed the records for made no tag: a harm looked for, of which no event is
    told (the manual tags a harm measured as one only where events occurred)."""
    texts: dict[str, set[str]] = {}
    for m in mentions:
        if m.facet == "complication" and m.qualifier is None and m.field == "abstract":
            texts.setdefault(m.id, set()).add(m.text)
    if not texts or not any(
        any(map(sentence.__contains__, _REVIEW_VERBS)) and _REVIEWED_FOR.search(sentence)
        for _, sentence in abstract
    ):
        return mentions
    named: dict[str, list[bool]] = {}
    for harm, words in texts.items():
        for _, sentence in abstract:
            at = min((i for i in map(sentence.find, words) if i != -1), default=-1)
            if at == -1:
                continue
            verbs = list(_REVIEWED_FOR.finditer(sentence, 0, at))  # the last before it
            listed = bool(verbs) and not _PEOPLE_BETWEEN.search(sentence, verbs[-1].end(), at)
            named.setdefault(harm, []).append(listed)
    reviewed = {harm for harm, listed in named.items() if all(listed)}
    if not reviewed:
        return mentions
    return _harms_made(mentions, reviewed, "looked_for", ("abstract",))


def _conditions_that_improved(mentions: list[Mention]) -> list[Mention]:
    """Return a case report's MENTIONS with a condition it says got better (urinary
    retention that improved after surgery) made no harm wherever else it names it: it is the
    patient's own symptom (its history: "with pain and urinary retention"). In a series the
    same condition can improve in some and appear in others, so this is for one patient."""
    better = {m.id for m in mentions if m.facet == "complication" and m.qualifier == "improved"}
    if not better:
        return mentions
    return _harms_made(mentions, better, "improved", None)


# A record that names itself the report of one person's case, whatever design its
# comparisons make it ("This case report describes an 11-year-old boy ... during a
# double-blind placebo-controlled trial", "an n-of-1 trial in a 40-year-old woman")
_ONE_CASE_TOLD = compile_i(
    r"\b(?:this|the present|our) case report\b|\bn-of-1\b|\bsingle[- ](?:case|patient|subject)"
    r" (?:study|trial|design|report)\b"
)


def _outcomes_of_a_harm_report(mentions: list[Mention]) -> list[Mention]:
    """Return a case report's MENTIONS with its outcomes made no tags when its title names a
    harm that happened ("Reversible coma from intrathecal baclofen toxicity"): the report
    is of the harm, and the tone, pain or dose its story quotes are no outcomes measured. A
    tolerance report is of the therapy's effect and dose, and keeps them."""
    harm_report = any(
        m.facet == "complication"
        and m.field == "title"
        and m.qualifier is None
        and m.id != "tolerance"
        for m in mentions
    )
    if not harm_report:
        return mentions
    return [
        m._replace(qualifier="harm_report") if m.facet == "outcome" and m.qualifier is None else m
        for m in mentions
    ]


# Only list punctuation between two items of a list: "Infection, CSF leak and catheter
# problems", "CP, brain injury, stroke, MS, or SCI", "CP/ABI"
_LIST_BETWEEN = compile_i(r"\s*[,;/]?\s*(?:(?:and|or|and/or)\s+)?")


# What joins a harm to its own cause named next ("withdrawal syndrome after sudden
# interruption", "withdrawal following abrupt discontinuation").
_CAUSE_BETWEEN = compile_i(
    r"\s+(?:after|following|due to|from|caused by|because of|owing to|secondary to|upon|on)"
    r"\s+(?:(?:the|an?|its|his|her|their)\s+)?"
)


def _share_with_the_cause(
    found: list[Mention], harms: list[tuple[int, int, int]], sentence: str, words: list[Token]
) -> None:
    """Give a harm's own cause, named just after it, the harm's negation or hypothesis ("can
    prevent an urgent situation such as acute withdrawal syndrome after sudden interruption of
    baclofen delivery": the interruption is the withdrawal's, and as hypothetical; the cue
    stands too far from the second mention to be seen from it)."""
    for (_, last, before), (first, _, after) in itertools.pairwise(harms):
        earlier, later = found[before], found[after]
        if (
            later.qualifier is None
            and earlier.qualifier in ("negated", "hypothetical", "differential")
            and earlier.id == later.id
            and (
                first <= last  # (overlapping: "withdrawal syndrome" in "acute withdrawal syndrome")
                or _CAUSE_BETWEEN.fullmatch(sentence, words[last][END], words[first][START])
            )
        ):
            found[after] = later._replace(qualifier=earlier.qualifier)


# A condition a harm brought on, named after it: "meningitis leading to status dystonicus".
_LED_TO_BEFORE = compile_i(
    r"\b(?:leading to|led to|resulting in|resulted in|causing|caused|precipitating"
    r"|precipitated|triggering|triggered)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}$"
)


def _conditions_a_harm_led_to(
    found: list[Mention],
    harms: list[tuple[int, int, int]],
    populations: list[tuple[int, int, int]],
    sentence: str,
    words: list[Token],
) -> None:
    """Mark "consequence" an indication that a harm named before it in SENTENCE brought on
    ("recurrent pump site empyema and meningitis leading to status dystonicus"): the harm's
    course, not who was treated."""
    for first, _, index in populations:
        start = words[first][START]
        if (
            found[index].qualifier is None
            and any(words[last][END] <= start for _, last, _ in harms)
            and _LED_TO_BEFORE.search(sentence, max(0, start - 40), start)
        ):
            found[index] = found[index]._replace(qualifier="consequence")


def _keep_siblings(
    found: list[Mention],
    populations: list[tuple[int, int, int]],
    sentence: str,
    words: list[Token],
    yields_to: Mapping[str, frozenset[str]],
) -> None:
    """Mark "listed" an indication that would yield to a named cause when that cause is its
    sibling in one list of populations ("patients treated for CP, brain injury, stroke, MS,
    or spinal cord injury": brain injury beside stroke, not caused by it)."""
    chain: list[int] = []  # indexes in FOUND of the current list's items
    chains = []
    previous_last = -1
    for first, last, index in populations:
        gap = sentence[words[previous_last][END] : words[first][START]] if chain else ""
        # (something must stand between them: "right-brain-damaged stroke survivors" is one)
        if chain and not (gap.strip() and _LIST_BETWEEN.fullmatch(gap)):
            chains.append(chain)
            chain = []
        chain.append(index)
        previous_last = last
    chains.append(chain)
    for items in chains:
        ids = {found[i].id for i in items if found[i].qualifier is None}
        for i in items:
            mention = found[i]
            if mention.qualifier is None and ids & yields_to.get(mention.id, frozenset()):
                found[i] = mention._replace(qualifier="listed")


# What makes the next words the class of a disease just named: "Hereditary spastic
# paraplegias (HSPs) are a heterogeneous group of neurodegenerative disorders", "multiple
# sclerosis, a chronic neurodegenerative disease".
_CLASS_BETWEEN = compile_i(
    r"\s*(?:\([^()]{0,20}\)\s*)?(?:,\s*(?:a|an|one of the)\s+|\s(?:is|are)\s+"
    r"(?:(?:a|an|one of the)\s+)?)(?:(?!(?:and|or)\b)[\w-]+\s+){0,3}?"
    r"(?:(?:group|family|type|form|kind|spectrum)\s+of\s+)?(?:(?!(?:and|or)\b)[\w-]+\s+){0,2}?"
)
# Indications that name a class of diseases, not one disease.
_DISEASE_CLASSES = frozenset({"neurodegenerative"})


def _classes_of_a_named_disease(
    found: list[Mention], populations: list[tuple[int, int, int]], sentence: str, words: list[Token]
) -> None:
    """Mark "class" an indication that names the class of the disease named just before it
    ("HSPs are a heterogeneous group of neurodegenerative disorders": the patients have HSP,
    no second disease)."""
    for (_, previous_last, previous), (first, _, index) in itertools.pairwise(populations):
        mention = found[index]
        if (
            mention.id in _DISEASE_CLASSES
            and mention.qualifier is None
            and found[previous].id != mention.id
            and _CLASS_BETWEEN.fullmatch(sentence, words[previous_last][END], words[first][START])
        ):
            found[index] = mention._replace(qualifier="class")


def _negate_listed(
    found: list[Mention], harms: list[tuple[int, int, int]], sentence: str, words: list[Token]
) -> None:
    """Negate the harms listed before a harm that a negation after the list negates
    ("Infection, CSF leak and catheter problems did not occur": the negation stands too far
    from the first item to be seen from it)."""
    for (_, last, before), (first, _, after) in reversed(list(itertools.pairwise(harms))):
        if (
            found[after].qualifier == "negated"
            and found[before].qualifier is None
            and _LIST_BETWEEN.fullmatch(sentence, words[last][END], words[first][START])
        ):
            found[before] = found[before]._replace(qualifier="negated")


def _a_listed_sign(mention: Mention, abstract: Sequence[tuple[str, str]]) -> bool:
    """Whether an abstract's outcome MENTION is named in a list of a disease's signs or
    symptoms ("additional signs included ... hallucinations and insomnia")."""
    if mention.field != "abstract":
        return False
    for _, sentence in abstract:
        at = sentence.find(mention.text)
        if at != -1 and not _cues_in(sentence).isdisjoint(_FEATURE_WORDS):
            return _disease_feature(mention.id, sentence, at, at + len(mention.text))
    return False


# A leak told with its symptoms: "cerebrospinal fluid leak with headache and vomiting"
_LEAK_WITH_SYMPTOMS = compile_i(
    r"\b(?:leak\w*|hygromas?|seromas?|fistulae?)\b[^.;]{0,30}?\bwith\b[^.;]{0,60}?\b(?:nausea"
    r"|vomiting)\b"
)
_LEAK_SYMPTOMS = frozenset({"nausea", "vomiting", "nausea and vomiting"})


def _is_headache(mention: Mention) -> bool:
    return mention.id == "cns_adverse_effects" and "headache" in mention.text.lower()


def _a_leaks_headache(found: Sequence[Mention]) -> bool:
    """Whether one sentence's mentions FOUND name a headache with a CSF leak."""
    return any(m.id == "csf_leak" for m in found) and any(_is_headache(m) for m in found)


def _outcomes_inside_harms(
    found: list[Mention],
    harms: list[tuple[int, int, int]],
    outcomes: list[tuple[int, int, int]],
) -> None:
    """Make an outcome whose words lie inside a harm's own words no outcome ("impaired gait
    pattern such as foot drop", "excessive reduction of muscle tone": the gait and the tone
    are the harm told, nothing measured as a benefit). A tolerance's rising dose stays a dose
    (the coding manual: a dose change over time)."""
    # (each outcome looked up among the harms sorted by their first word, not tried against
    # every harm: a long sentence's hundreds of each made the pairs grow with its square)
    spans = sorted((start, end) for start, end, i in harms if found[i].id != "tolerance")
    if not spans:
        return
    firsts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))  # furthest last word yet
    for first, last, index in outcomes:
        mention = found[index]
        if mention.qualifier is not None:
            continue
        before = bisect.bisect_left(firsts, first)  # harms starting before the outcome
        same = bisect.bisect_right(firsts, first, before)  # ... and those starting with it
        if (before and reach[before - 1] >= last) or any(
            end > last for _, end in spans[before:same]
        ):
            found[index] = mention._replace(qualifier="harm_words")


def _one_sentence(found: Iterable[Mention], sentence: str) -> list[Mention]:
    """Return one SENTENCE's mentions FOUND with the coding manual's mappings applied: a
    headache in a sentence about a CSF leak is the leak's (csf_leak only, not
    cns_adverse_effects), and so are the nausea and vomiting told as the leak's ("a CSF leak
    with headache and vomiting"); a dose quoted in a sentence about an overdose describes the
    overdose (no dose outcome)."""
    found = list(found)
    harms = {m.id for m in found if m.facet == "complication"}
    if "csf_leak" in harms:
        found = [m for m in found if not _is_headache(m)]
        if "gastrointestinal" in harms and _LEAK_WITH_SYMPTOMS.search(sentence):
            found = [
                m
                for m in found
                if not (m.id == "gastrointestinal" and m.text.lower() in _LEAK_SYMPTOMS)
            ]
    if harms - {"tolerance", "overdose"}:
        # "drowsiness, which resolved with dose reduction": a dose changed for a harm is the
        # harm's management, no dose finding (a tolerance's rising dose stays one)
        found = [
            m._replace(qualifier="harm_dose")
            if m.facet == "outcome"
            and m.id == "dose"
            and m.qualifier is None
            and _DOSE_CHANGED_FOR_HARM.search(m.text)
            else m
            for m in found
        ]
    if "overdose" in harms:
        found = [
            m._replace(qualifier="overdose")
            if m.facet == "outcome" and m.id == "dose" and m.qualifier is None
            else m
            for m in found
        ]
    return found


# A sentence telling of others' work, or of a year's ("In 1991, we reported a double-blinded
# screening trial"): what the literature holds, none of the record's own data
_DATED_LITERATURE = compile_i(
    # (the authors or others named, never a patient's or a test's doing: "In 2014, he reported
    # worse spasms", "In 2012, an MRI showed the catheter kinked")
    r"\s*(?:in|by) (?:19|20)\d\d,?\s+(?:we|(?-i:[A-Z])[\w'-]+(?:\s+and\s+(?-i:[A-Z])[\w'-]+)?"
    r"(?:,?\s+et al\.?|\s+and (?:colleagues|co-?workers))?)\s+(?:first\s+)?(?:reported"
    r"|published|described)\b"
    r"|\s*[A-Z][\w'-]+ (?:and (?:colleagues|co-?workers)|et al\.?),?\s+(?:\w+\s+){0,2}?"
    r"(?:reported|published|described|showed|demonstrated|confirmed|found)\b"
)
_YEAR_OPENINGS = ("In 1", "In 2", "in 1", "in 2", "By 1", "By 2", "IN 1", "IN 2")
# ("The first report of the use of ITB in children was published in 1985 by Dralle, et al.")
_PUBLISHED_IN_BY = compile_i(r"\b(?:published|reported|described) in (?:19|20)\d\d by\b")


# A letter's reading of another paper ("We read with interest the case report of Lyew et al.
# concerning ... following intrathecal baclofen overdose"): that paper's patients, not the
# letter's
_READ_ANOTHER = compile_i(
    r"\b(?:we|I) (?:have )?read (?:with (?:great |much )?interest )?(?:the|a|an|your|this)"
    r" (?:[\w-]+ ){0,3}?(?:report|article|paper|study|letter|review|series)\b"
)


def _of_the_literature(sentence: str) -> bool:
    """Whether SENTENCE tells of a year's or of others' work (_DATED_LITERATURE at its start,
    _PUBLISHED_IN_BY and _READ_ANOTHER anywhere; substring looks first, as every
    sentence is asked)."""
    if (
        sentence.startswith(_YEAR_OPENINGS) or "olleagues" in sentence or "et al" in sentence
    ) and _DATED_LITERATURE.match(sentence):
        return True
    if " read " in sentence and _READ_ANOTHER.search(sentence):
        return True
    return ("d in 19" in sentence or "d in 20" in sentence) and bool(
        _PUBLISHED_IN_BY.search(sentence)
    )


def _abstract_sentences(sections: Sequence[Section]) -> Iterator[tuple[str, str]]:
    """Yield (role, sentence) of an abstract; role is background, criteria (eligibility),
    objective, methods, results, conclusions or abstract (an unlabelled part). (A sentence of
    the literature is set apart by the caller: _of_the_literature.)"""
    roles = [_role(section) for section in sections]
    # Labels that skip the methods ("Introduction ... We reviewed 21 records ... Results ..."):
    # a background sentence in the authors' own voice opens the study (a count alone does
    # not: "spasticity affects 12,000 people" is what is known).
    unplaced = not any(role in ("abstract", "objective", "methods") for role in roles)
    begun = False  # a section of the study came before
    for section, role in zip(sections, roles, strict=True):
        if role == "criteria":  # eligibility criteria: nothing about who was treated
            for _, sentence in sentences(section.text):
                yield role, sentence
            continue
        if role == "abstract" and begun:
            # a section under a label of no known role ("INTERVENTION: The catheter was
            # revised") after the study's own sections: the study's, no opening background
            for _, sentence in sentences(section.text):
                yield role, sentence
            continue
        begun = begun or role in ("objective", "methods", "results", "conclusions")
        if role == "background" and unplaced:
            started = False
            for _, sentence in sentences(section.text):
                started = started or _OWN_VOICE.search(sentence) is not None
                yield ("abstract" if started else "background"), sentence
        elif role == "background" and not _MIXED_LABELS.match(section.label or ""):
            # (the study's aim stated at the end of a background: "The purpose of our study is
            # to determine ... in patients with dystonia secondary to cerebral palsy")
            aimed = told = False
            for _, sentence in sentences(section.text):
                aimed = aimed or _AIM_STATED.search(sentence) is not None
                # (a case report's own patient presented in its background: "We present a
                # patient with a history of cerebral palsy", that sentence alone)
                own_case = not aimed and (
                    _OWN_CASE.search(sentence) is not None or _own_service(sentence)
                )
                # (a meeting abstract's case told under its "Background:" from a sentence
                # opening on the patient, "33-year-old male with history of paraplegia ...
                # presented with": that sentence and the rest of the section)
                told = told or _CASE_OPENS.match(sentence) is not None
                if told:
                    yield "abstract", sentence
                    continue
                yield ("objective" if aimed or own_case else "background"), sentence
        elif role in ("abstract", "background", "objective"):
            # An unlabelled abstract, and an objective that opens with what is known ("ITB is
            # a cost-effective therapy. ... Our objective was"), start with background.
            opening = role in ("abstract", "objective")
            all_sentences = [s for _, s in sentences(section.text)]
            if role == "objective":  # the last sentence states it, if none before does
                limit = len(all_sentences) - 1
            else:
                limit = max(1, len(all_sentences) // 2) if opening else len(all_sentences)
                if (
                    opening
                    and len(all_sentences) == 1
                    and _EVENTS_IN_PATIENTS.search(all_sentences[0])
                ):
                    # an abstract of one sentence reporting what happened ("No patient had an
                    # infection, but two developed catheter migrations"): the study's finding
                    limit = 0
            started = False
            for index, sentence in enumerate(all_sentences):
                if not started and (
                    index >= limit or _study_sentence(sentence) or _STUDY_LABEL.match(sentence)
                ):
                    started = True
                if started and _criteria(sentence):
                    yield "criteria", sentence
                    continue
                yield (
                    (role if role in ("abstract", "objective") else "objective")
                    if started
                    else "background",
                    sentence,
                )
        else:
            for _, sentence in sentences(section.text):
                # ("Methods: Inclusion criteria were children with hypertonic (spastic or
                # mixed spastic/dystonic) cerebral palsy": eligibility, under another label)
                yield ("criteria" if _criteria(sentence) else role), sentence


# A sentence that states eligibility criteria, under whatever label.
_CRITERIA_SENTENCE = compile_i(
    r"\s*(?:the\s+)?(?:inclusion|exclusion|eligibility|selection|entry)\s+criteria\s+"
    r"(?:were|was|included|includes|comprised|consisted of|required)\b"
)
# ... or as what made people eligible ("To be eligible, patients had to walk
# independently", "Adults at least six months after stroke, able to walk 10 metres, were
# eligible."; not a count of those found eligible: "Twelve adults with MS were eligible"),
# tried only where "eligible" stands
_MADE_ELIGIBLE = compile_i(
    r"\s*to be eligible\b"
    r"|\s*(?!(?:\d|a total|all|of|among|in|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"
    r"(?:[a-z]+ ){0,2}?(?:patients|children|adults|participants|subjects|people|individuals"
    r"|persons|candidates|men|women)\b[^.;]{0,160}?\b(?:were|was) (?:considered )?eligible"
    r"(?: for (?:inclusion|the (?:study|trial)|participation|enrol?ment|implantation))?\W*$"
)


def _criteria(sentence: str) -> bool:
    """Whether SENTENCE states eligibility criteria."""
    return _CRITERIA_SENTENCE.match(sentence) is not None or (
        "eligible" in sentence and _MADE_ELIGIBLE.match(sentence) is not None
    )


_INVERTED = re.compile(r"^\s*([^,;]+?),\s*([^,;]+?)\s*$")
# A part of the study under its own inline label, where the splitter found no other label
# ("Results: Dysphagia worsened in one girl at high doses"): the study's, no background
_STUDY_LABEL = compile_i(
    r"\s*(?:methods?|patients and methods|materials and methods|results?|findings"
    r"|conclusions?|case (?:report|presentation|description))\s*:"
)
_AIM_STATED = compile_i(
    r"\b(?:(?:the )?(?:primary |main )?(?:aims?|purposes?|objectives?|goals?) of (?:this|our|the"
    r" present|the current) (?:study|work|trial|report|analysis|investigation)"
    r"|(?:this|our|the present|the current) (?:study|trial|work|report|analysis)"
    r" (?:aims?|aimed|sought|seeks|was designed|is designed|was undertaken|evaluates|evaluated"
    r"|investigates|investigated|assesses|assessed|examines|examined|describes|reports|compares"
    r"|compared|presents|described|reported|presented)"
    r"|we (?:aimed|aim|sought|seek|set out|intended|hypothesi[sz]ed|therefore)"
    # the study's own work told at a background's end ("The authors examined in guinea pig
    # isolated hearts the effect of ...", "In addition we tested ...")
    r"|(?:we|the authors) (?:examined|investigated|studied|tested|evaluated|assessed|compared"
    r"|determined|analy[sz]ed|explored))\b"
)
# A sentence opening on one patient, told by their age ("33-year-old male with history of",
# "A 45-year-old woman presented", "Our 7-year-old patient")
_CASE_OPENS = compile_i(
    r"\W*(?:(?:a|an|our|this)\s+)?(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ](?:year|month|week)s?[- ]old\s+"
    r"(?:[\w-]+\s+){0,2}?(?:female|male|woman|man|boy|girl|patient|child|infant|lady|gentleman"
    r"|adolescent|teenager)\b"
)
_OWN_CASE = compile_i(
    r"\b(?:we|the authors)\s+(?:here\s+)?(?:present|report|describe)\s+(?:here\s+)?(?:a|an|the"
    r" case of|two|three|four|five|\d+|our)\b"
)
# The study's own setting, told in its background: a named hospital's or clinic's therapy
# since a year ("Spasticity and dystonia in children with cerebral palsy has been treated with
# ITB at the Royal Children's Hospital, Melbourne (RCH) since 1999", "The James Cook
# University Hospital pain clinic has been providing care for patients with severe spasticity
# since 2006"), not a country's ("has been used in Sweden since 1990")
_OWN_SERVICE = compile_i(
    r"(?-i:[A-Z])[\w'.-]*(?:\s+(?-i:[A-Z])[\w'.-]*){0,5}\s+(?:hospital|clinic|centre|center"
    r"|institute|infirmary|unit|service|department)\b[^.;]{0,80}?\bsince (?:19|20)\d\d\b"
)


def _own_service(sentence: str) -> bool:
    """Whether SENTENCE tells of the study's own hospital's or clinic's therapy since a year."""
    return ("since 19" in sentence or "since 20" in sentence) and bool(
        _OWN_SERVICE.search(sentence)
    )


_OWN_VOICE = compile_i(
    r"\b(?:we|our|here(?:in)?"
    # ("this case report presents", "this retrospective study")
    r"|this (?:[\w-]+ ){0,2}?(?:study|report|paper|article|series|work|analysis)"
    r"|the (?:present|current) (?:study|report|series|work))\b"
)


_EVENTS_IN_PATIENTS = compile_i(
    r"\b(?:developed|occurred|experienced|were (?:observed|recorded|noted|seen)"
    r"|was (?:observed|recorded|noted|seen)|there (?:was|were) (?:no|one|two|three)\b)"
)


# The authors' own voice in other languages ("nous rapportons", "presentamos", "wir
# berichten", "questo studio", "celem niniejszej pracy", "w pracy omówiono"): searched apart,
# where its words stand, so that English text pays no more than a first look for them
_OWN_VOICE_ELSEWHERE = GatedPattern(
    r"\b(?:nous (?:rapportons|pr\u00e9sentons|d\u00e9crivons|avons)|cette (?:\u00e9tude|revue)"
    r"|cet article|presentamos|describimos|reportamos|este (?:estudio|estudo|art\u00edculo|artigo)"
    r"|wir (?:berichten|beschreiben|stellen|untersuchten)|diese[rn]? (?:studie|arbeit)"
    r"|questo studio|presentiamo|descriviamo|celem (?:niniejszej )?pracy|w pracy"
    # the one patient the record tells of ("chez cette patiente", "en este paciente", "in
    # this woman with multiple sclerosis")
    r"|(?:cette|ce) (?:patiente?|femme|homme|enfant|gar\u00e7on|fille)"
    r"|(?:este|esta) (?:paciente|mujer|hombre|ni\u00f1[oa]|doente)"
    r"|diese[rn]? (?:Patient(?:in)?|Frau|Mann|Kind)|quest[oa] (?:paziente|donna|uomo|bambin[oa])"
    r"|this (?:patient(?! (?:population|group|cohort)s?\b)|woman|man|boy|girl|child|infant"
    r"|adolescent|gentleman|lady))\b"
)


def _study_sentence(sentence: str) -> bool:
    return bool(
        (
            A_DIGIT.search(sentence)
            and not ("0s" in sentence and _DECADES_ONLY.fullmatch(sentence))
            # (nor the literature's range alone: "infection rates have been reported in 3-26%
            # of patients in the literature")
            and A_DIGIT.search(_own_figures(sentence))
        )
        or _STUDY_SENTENCE.search(sentence)
        or _STUDY_SUBJECT.match(sentence)
        or _STUDY_SUBJECT_WITHIN.search(sentence)
        or next(count_matches(sentence), None)
        or _OWN_VOICE_ELSEWHERE.search(sentence)
        or _REVIEW_OPENING.match(sentence)
        or (("eview" in sentence or "verview" in sentence) and _REVIEW_ITSELF.search(sentence))
        or (
            any(map(sentence.__contains__, ("propos", "presented", "put forward")))
            and _PROPOSED.search(sentence)
        )
        or ("design" in sentence and _DESIGN_USED.search(sentence) is not None)
        or (
            any(map(sentence.__contains__, _GUIDANCE_WORDS))
            and _DRAFTED_BY.search(sentence) is not None
        )
    )


# A sentence whose only numbers are decades ("Since its introduction in the 1980s, ITB has
# been mainly recommended for ..."): the therapy's history, no count or finding of a study
_DECADES_ONLY = re.compile(r"(?:\D|\b(?:1[89]|20)\d0'?s\b)*")
# A review opening with itself ("A review of the respiratory effects of ITB: ..."), and the
# work's own proposal ("Guidelines for refilling intrathecal pumps are proposed")
_REVIEW_OPENING = compile_i(r"\W*(?:an? )?(?:[\w-]+ )?(?:review|overview|update) of\b")
# ... or naming itself in its first sentence ("This educational review covers the pharmacology
# of ITB")
_REVIEW_ITSELF = compile_i(
    r"\b(?:this|the present|the current) (?:[\w-]+ ){0,2}?(?:review|overview)\b"
)
# ... or its design told ("A pretest-posttest design with a control group was used")
_DESIGN_USED = compile_i(
    r"\bdesign (?:(?:with|of) [^.;]{0,40}?)?(?:was|were) (?:used|employed|adopted|applied"
    r"|utili[sz]ed|chosen)\b"
)
_PROPOSED = compile_i(r"\b(?:are|is) (?:here )?(?:proposed|presented|put forward)\b")
# ... or guidance the work says a group drafted ("Recommendations on ITB in children were
# drafted by a working group")
_GUIDANCE_WORDS = ("ecommendation", "uideline", "uidance", "onsensus")
_DRAFTED_BY = compile_i(
    r"\b(?:recommendations|guidelines?|guidance|consensus statements?)\b[^.;]{0,80}?\b(?:were|was"
    r"|have been|has been) (?:developed|drafted|produced|written|issued|prepared|formulated"
    r"|agreed) by\b"
)


def _role(section: Section) -> str:
    category = (section.category or "").upper()
    label = section.label or ""
    if category == "BACKGROUND" or (not category and _CONTEXT_LABELS.match(label)):
        return "background"
    if _CRITERIA_LABELS.search(label):
        return "criteria"  # eligibility criteria say nothing about who was treated
    if category in ("OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"):
        return category.lower()
    lowered = label.lower()
    if not lowered:
        return "abstract"  # (no label: no word of one below)
    for role, words in (
        # ("OBJECT": J Neurosurg's; "objetivo", "objectif", "Ziel", "obiettivo": other languages)
        (
            "objective",
            ("object", "aim", "purpose", "goal", "objetiv", "ziel", "obiettiv", "fragestellung"),
        ),
        (
            "methods",
            (
                "method",
                "design",
                "setting",
                "patients",
                "participants",
                "material",
                "intervention",
                "treatment",
                "management",
                "procedure",
                "métod",
                "méthod",
                "metod",
                "matériel",
            ),
        ),
        (
            "results",
            (
                "result",
                "finding",
                "outcome",
                "case",
                "observation",
                "presentation",
                # ("Patient description:", a case told)
                "description",
                "résultat",
                "ergebnis",
                "risultat",
            ),
        ),
        (
            "conclusions",
            (
                "conclus",
                "interpretation",
                "discus",
                "significance",
                "schlussfolg",
                "fazit",
                "diskuss",
            ),
        ),
    ):
        if any(map(lowered.__contains__, words)):
            return role
    return "abstract"


def _overlaps(taken: dict[str, list[tuple[int, int]]], facet: str, first: int, last: int) -> bool:
    """Whether FIRST..LAST lies on words a longer phrase of the same facet already took."""
    return any(a <= first and last <= b for a, b in taken.get(facet, ()))


def _word_span(words: list[Token], start: int, end: int) -> tuple[int, int]:
    """Return the first word ending after START and the last word starting before END (the
    words are in order: found by bisection)."""
    first = bisect.bisect_right(words, start, key=_WORD_END)
    last = bisect.bisect_left(words, end, key=_WORD_START) - 1
    return first, last


_WORD_START = operator.itemgetter(START)
_WORD_END = operator.itemgetter(END)


def _apply_requirements(
    mentions: list[Mention], taxonomy: Taxonomy, only: str | None = None
) -> list[Mention]:
    """Drop tags whose entry asks for no other indication where another one was found (of
    the id ONLY alone, if given)."""
    asserted = {
        m.id for m in mentions if m.facet == "indication" and m.qualifier in (None, "listed")
    }
    kept = []
    for mention in mentions:
        if mention.qualifier == "listed":
            # a sibling of the causes it would yield to ("brain injury, stroke"): kept
            kept.append(mention._replace(qualifier=None))
            continue
        entry = taxonomy.get(mention.facet, mention.id)
        needs = entry.requires_no_other if entry else ()
        if mention.qualifier is None and needs and only in (None, mention.id):
            others = asserted - {mention.id}
            blocking = others if "*" in needs else others & set(needs)
            if "*" in needs:
                spared = {n[1:] for n in needs if n.startswith("!")}
                blocking = {o for o in blocking if _names_cause(taxonomy, o) and o not in spared}
            if blocking:
                mention = Mention(
                    mention.facet,
                    mention.id,
                    mention.field,
                    mention.section,
                    mention.text,
                    "superseded",
                )
        kept.append(mention)
    return kept


def _names_cause(taxonomy: Taxonomy, indication: str) -> bool:
    entry = taxonomy.get("indication", indication)
    return entry is not None and "*" not in entry.requires_no_other


def _unique(mentions: Iterable[Mention]) -> Iterator[Mention]:
    seen = set()
    for mention in mentions:
        key = (mention.facet, mention.id, mention.field, mention.qualifier, mention.text.lower())
        if key not in seen:
            seen.add(key)
            yield mention
