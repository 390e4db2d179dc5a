"""The number of participants: a registration's enrollment (actual or estimated), or what an
abstract states ("37 patients", "n = 32", "Twenty-seven children", "341 paediatric
patients ... 720 procedures" -> 341). Patients, never procedures, pumps or studies; None
when nothing is stated. Pure."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

import ahocorasick

from kb.tagging.opening import compile_i
from kb.tagging.textscan import A_DIGIT, COUNTED, GatedPattern, first_look, found_in_sentence
from kb.tagging.types import Registry, SampleSize

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
_TENS_UNITS = rf"(?:{_TEN})(?:[-\u2010\u2011 ](?:{_UNIT}))?"  # (typeset hyphens too)
_WORDS = (
    rf"(?:(?:{_UNIT}|a) hundred(?: and)?(?: {_TENS_UNITS}| (?:{_UNIT}))?|{_TENS_UNITS}|{_UNIT})"
)
# A number in figures or words, unnamed (for rules elsewhere: "7 randomised trials")
A_NUMBER = rf"(?:\d+|{_WORDS})"
# (thousands grouped by commas, or by spaces as some journals print them: "31 546 patients")
_NUMBER = (
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[ \u2009\u202f]\d{{3}})+(?!\d)|\d+|{_WORDS})"
)
_PEOPLE = (
    # ("individual" no adjective of things counted: "eight individual articles")
    r"(?:patients?|children|child|participants?|subjects?|adults?|persons?|people"
    r"|individuals?(?!\s+(?:articles?|stud(?:y|ies)|papers?|reports?|records?|trials?"
    r"|publications?|references?|citations?|abstracts?|items?|questions?|muscles?|goals?"
    r"|sessions?|doses?|measurements?|data)\b)"
    r"|cases?|infants?|adolescents?|youths?|women|men|boys|girls|users|recipients|residents"
    r"|veterans|volunteers|males?|females?|survivors|candidates|responders|respondents"
    r"|relatives|siblings|brothers|sisters|sons|daughters|twins|family members|families"
    r"|parents|caregivers|carers|mothers|fathers|nurses|physicians|clinicians|therapists"
    r"|practitioners|soldiers|service members|athletes|players|students|workers|employees"
    r"|(?:mutation )?carriers"
    r"|pts"  # (as some abstracts shorten patients: "enrolled 205 pts.")
    r"|elderly|seniors"  # ("A total of 310 randomly selected elderly formed the baseline")
    r"|inpatients|outpatients"
    r"|surgeons|experts|professionals|neurologists|physiatrists"
    r"|(?:pump|implant|ITB) (?:recipients|users|patients))"
)
# Who other topics' studies take in, looked for by COUNT alone like the words of other
# languages below (in every pattern that reads a group, their alternatives cost 1% of all
# tagging): "Thirty older drivers" ("42 couples" are not counted, their people being twice as
# many)
_PEOPLE_MORE = (
    r"(?:"
    # (not what drives a thing: "three key drivers of adoption")
    r"(?<!key )(?<!main )(?<!major )(?<!strategic )drivers(?!\s+(?:of|for|behind)\b)"
    r"|pilots|musicians|smokers|non-smokers|teachers|pupils|schoolchildren|toddlers"
    r"|neonates|newborns|teenagers|managers|staff members|doctors|dentists|pharmacists"
    r"|midwives|paramedics|psychologists|interviewees|informants|stakeholders|spouses"
    r"|amputees|tetraplegics|paraplegics|hemiplegics|trainees|learners|runners"
    r"|undergraduates|postgraduates|graduates"
    # (as neuroimaging and aphasia studies shorten them: "40 PD and 40 HC", "38 PWA")
    r"|HCs?|PWAs?|PwA|PwMS|PwPD"
    r")"
)
# ... and as abstracts in other languages name them: looked for by COUNT alone (the patterns
# that sum groups or read brackets stay with the English words, and their speed)
_PEOPLE_ANY = (
    rf"(?:{_PEOPLE}|{_PEOPLE_MORE}|pacientes|patienten|pazienti|enfants|niños|niñas|crianças|kinder|adultes"
    r"|adultos|erwachsene|sujets|sujetos|pasienter|patienter|pacjent\w*|doentes|bambini"
    r"|personnes|pessoas|personas|participantes|partecipanti|Teilnehmer)"
)
_BLOCKED = (
    r"of|in|with|to|were|was|had|have|the|from|at|for|per|by|on|million|thousand|"
    r"billion|studies|articles|trials|papers|reports|years?|months?|weeks?|days?|hours?|doses?|"
    r"procedures?|pumps?|catheters?|surger(?:y|ies)|operations?|implants?|implantations?|"
    r"revisions?|centers?|centres?|hospitals?|sites?|refills?|episodes?|events?|complications?"
    # ("Three RCTs showed that patients ...": studies, no people)
    r"|rcts?|meta-analys[ie]s|reviews"
)
# Animals, never participants ("Rabbits (n = 73)", "a control group (9 pigs)"): what names
# them as what was studied. (Bare "animal", "dog" or "cat" also stand in human studies'
# sentences, "animal work", "a guide dog": they only stop a count of people running on.)
ANIMAL_WORDS = frozenset({
    "sheep", "rat", "rats", "mice", "mouse", "dogs", "pig", "pigs", "piglet", "piglets",
    "rabbit", "rabbits", "monkey", "monkeys", "primates", "hamster", "hamsters", "guinea",
    "ferret", "ferrets", "goat", "goats", "lamb", "lambs", "ewe", "ewes", "baboon", "baboons",
    "macaque", "macaques", "canine", "porcine", "murine", "minipig", "minipigs", "swine",
    "chick", "chicks",
})  # fmt: skip
_ANIMALS = "(?:{})".format(
    "|".join(
        sorted(
            ANIMAL_WORDS - {"guinea", "canine", "porcine", "murine"}
            | {"guinea pig", "guinea pigs", "guinea-pig", "guinea-pigs", "animal", "animals",
               "primate", "dog", "cat", "cats", "horse", "horses", "cadaver", "cadavers"},
            key=len,
            reverse=True,
        )
    )
)  # fmt: skip
_HUMAN_WORDS = frozenset({
    "patient", "patients", "children", "participant", "participants", "adult", "adults",
    "people", "person", "persons", "volunteer", "volunteers", "women", "men", "infant",
    "infants", "individual", "individuals", "human", "humans", "adolescent", "adolescents",
    "survivors", "cases", "subjects", "responders",
})  # fmt: skip
_LETTERS = re.compile(r"[a-z]+")


# ANIMAL_WORDS found in one pass (a first look: most texts name no animal)
_AN_ANIMAL = ahocorasick.Automaton()
for _word in ANIMAL_WORDS:
    _AN_ANIMAL.add_word(_word, len(_word))
_AN_ANIMAL.make_automaton()


def names_animals(text: str) -> bool:
    """Whether TEXT holds an animal's word as a word of its own ("36 adult male SD rats")."""
    return not ANIMAL_WORDS.isdisjoint(_LETTERS.findall(text.lower()))


# What a laboratory counts beside its animals ("The animals were randomized into two groups
# (n = 13)", "the hearts were randomized into three groups (n = 10/each)", "Specimens were
# randomized"): no participants (bare "animals" also stands in human studies' sentences, so
# it is read only where a count is)
_LAB_COUNTED = re.compile(
    r"\b(?:[Aa]nimals|[Hh]earts|[Ss]pecimens|[Ss]lices|[Pp]reparations|(?:[Cc]ardio)?[Mm]yocytes"
    r"|[Mm]uscle strips|[Tt]rabeculae|[Ee]xplants|[Oo]rganoids|[Cc]ell cultures)\b"
)


def counts_animals(sentence: str) -> bool:
    """Whether SENTENCE, a count's, names animals or a laboratory's material as what it
    counts."""
    return names_animals(sentence) or _LAB_COUNTED.search(sentence) is not None


def _animals_only(text: str) -> bool:
    """Whether TEXT names animals as what was studied and no people at all."""
    lowered = text.lower()
    last = len(lowered) - 1
    if not any(
        (end == length - 1 or not "a" <= lowered[end - length] <= "z")
        and (end == last or not "a" <= lowered[end + 1] <= "z")
        for end, length in _AN_ANIMAL.iter(lowered)
    ):
        return False  # (no animal's word as a word of _LETTERS)
    words = set(_LETTERS.findall(lowered))
    return not words.isdisjoint(ANIMAL_WORDS) and words.isdisjoint(_HUMAN_WORDS)


# The lookahead (a digit or the first letter of a number word) lets the engine skip most
# positions before trying the alternatives.
# "568 patient years", "1,200 person-months": time observed, no count of people.
_PERSON_TIME = r"(?![\s-]+(?:years?|months?|weeks?|days?)\b)"
# "Four Veterans Administration programs", "two patient groups", "300 patient visits": the
# people's word naming what is counted, not the people.
_PEOPLE_AS_MODIFIER = (
    r"(?!\s+(?:administration|affairs|hospitals?|cent(?:er|re)s?|units?|clinics?|programs?"
    r"|programmes?|wards?|facilities|organi[sz]ations?|associations?|groups?|visits?"
    r"|encounters?|admissions?)\b)"
)
_COUNT_TAIL = (
    r"\s+"
    # (a share in brackets between: "A qualitative study of 26 (66%) patients")
    r"(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?"
    # (or the group's make-up: "We studied 19 (11 male; mean age 54 years) patients")
    r"(?:\(\s*\d+\s+(?:males?|females?|men|women|boys|girls)\b[^()]{0,50}\)\s+)?"
    # (no number's word among the words between: "Twelve ambulatory and eight non-ambulatory
    # children" are two counts, summed below; adjectives in a list may take commas, "56
    # right-handed, native English-speaking individuals")
    # (a word may hold figures: "59 unrelated NF2 patients", "40 COVID-19 patients"; a word of
    # the list blocks also before a hyphen: "A 7 years-old female patient" is one)
    rf"(?:(?!(?:{_BLOCKED}|{_UNIT}|{_TEN})\b)[A-Za-z][\w-]*,?\s+){{0,4}}?"
    # (a disease's abbreviation in brackets after its name, before the people: "20 spastic
    # quadriplegic cerebral palsy (CP) patients", "40 multiple sclerosis (MS) patients"; after
    # a word: "type 6 (CMTX6) patients" counts no six)
    r"(?:(?<=[A-Za-z]\s)\((?-i:[A-Z][A-Za-z0-9-]{0,9})\)\s+)?"
    rf"{_PEOPLE_ANY}\b"
    # (not a possessive naming something else: "2 tertiary-care children's hospitals")
    r"(?!['\u2019]s\b)"
    rf"(?!\s+{_ANIMALS}\b)(?!\s+(?:reports?|series|stud(?:y|ies))\b){_PERSON_TIME}"
    rf"{_PEOPLE_AS_MODIFIER}"
)
COUNT = compile_i(rf"(?=[\dotfsena])(?<![\w.,/-]){_NUMBER}{_COUNT_TAIL}")
# The same for counts in figures alone, _NUMBER's figures opening on a digit: the engine
# then skips to the digits of a sentence (a pattern opening on a lookaround is tried at every
# position, each word that may open a number's word tried against them all). Read with
# count_matches().
_COUNT_IN_FIGURES = compile_i(
    r"(?P<number>\d(?<![\w.,/-]\d)(?:\d{0,2}(?:,\d{3})+|\d{0,2}(?:[ \u2009\u202f]\d{3})+(?!\d)"
    rf"|\d*)){_COUNT_TAIL}"
)
_NUMBER_WORDS = ahocorasick.Automaton()
for _word in (*_UNITS, *_TENS, "hundred"):
    _NUMBER_WORDS.add_word(_word, len(_word))
_NUMBER_WORDS.make_automaton()


def count_matches(sentence: str) -> Iterator[re.Match[str]]:
    """Return COUNT.finditer(SENTENCE), found faster: by _COUNT_IN_FIGURES where no number's
    word stands where a count could open on it (its start as COUNT's lookbehind allows, a
    space or hyphen after it: "tendon" or "none" open none), by COUNT itself otherwise."""
    look = first_look(sentence)
    if look is None or len(look) != len(sentence):
        return COUNT.finditer(sentence)
    for end, length in _NUMBER_WORDS.iter(look):
        start = end - length + 1
        before = look[start - 1] if start else " "
        after = look[end + 1] if end + 1 < len(look) else " "
        if not (before.isalnum() or before in "_.,/-") and (
            after.isspace() or after in "-\u2010\u2011"
        ):
            return COUNT.finditer(sentence)
    return _COUNT_IN_FIGURES.finditer(sentence)


# The people who came with those counted, counted in brackets: "five children with CP and
# their caregivers (n = 6)" are eleven participants (the manual sums stated groups)
_THEIR_PEOPLE_N = re.compile(
    r"^[^.;()]{0,80}?\band (?:their|the) (?:[\w-]+ ){0,2}?(?:caregivers?|carers?|parents?"
    r"|families|family members|mothers?|fathers?|partners?|spouses?|relatives|siblings)"
    r"\s*\(\s*[nN]\s*=\s*(?P<number>\d{1,5})\s*\)",
)
# Things counted beside people that are no people (a study's units, places and fields).
_NO_PEOPLE = (
    r"(?:professions?|disciplines?|teams?|specialt(?:y|ies)|countries|states|regions|provinces"
    r"|cities|institutions|organi[sz]ations|schools|clinics|units|wards|cent(?:er|re)s|hospitals"
    r"|sites|practices)"
)
# "42 patients ... with 42 matched controls", "11 patients with ALS and 5 with PLS", "50
# children with pumps were matched by age to 50 children without": one total.
_MORE = compile_i(
    rf"^(?:[^.;]{{0,170}}?\b(?:and|with|versus|vs\.?|compared with|relative to|whereas|while"
    # ("Thirty-five patients with MDD and age, gender and education level matched 49 healthy
    # controls", "91 patients ... and the results contrasted to 2330 age-matched controls")
    r"|matched(?:\s+(?:with|to))?|contrasted (?:with|to)"
    # ("20 patients treated with ITB to that of 20 treated with rhizotomy")
    r"|but not in|to(?=\s+(?:that|those) of\s))"
    rf"|[^.;]{{0,80}}?\b(?:matched|compared)\b[^.;]{{0,80}}?\bto"
    # a comparator group after a comma: "Eight patients received ITB, 5 placebo"
    rf"|[^.;]{{0,80}}?\breceived\b[^.;,]{{0,40}},(?=\s+\d+\s+(?:placebo|sham|controls?)\b))"
    # ("was compared with a group of 71 children matched by age", "were compared with those
    # of 31 children who underwent rhizotomy")
    # ("data from 18 patients in the trial and from 15 so-called 'match' patients")
    # ("whereas a control group of 17 patients received no listening material")
    rf"\s+(?:(?:a|another|the) (?:[\w-]+ ){{0,2}}?(?:group|cohort|series|sample|arm) of\s+"
    # ("treated with fluoxetine, and another 85 stroke patients without depression")
    # ("compared ... with the outcome of 20 patients treated with rhizotomy")
    rf"|(?:those|that|the (?:outcomes?|results?|data|scores?|course)) of\s+|from\s+|another\s+)?"
    rf"{_NUMBER}\s+"
    # (not a part of a number: "752 dyads were screened and 139 of 195 qualified neonates")
    r"(?!of\s)"
    # (not a time: "and 1 week later they underwent")
    r"(?!(?:weeks?|days?|months?|years?|hours?|minutes?|times?)\b)"
    # (a group named by the disease it lacks: "17 males reporting prior TBI and 20 non-TBI")
    # (nor a count of things that are no people: "66 practitioners from 8 teams and 11
    # professions received training", "4 hospitals received the intervention")
    rf"(?!{_NO_PEOPLE}\b)"
    # (a pair of modifiers sharing one word: "and 54 age- and sex- matched nonobese control
    # subjects")
    r"(?:[A-Za-z]+-\s+(?:and|or)\s+(?=[A-Za-z]))?"
    rf"(?:(?:['\u2018]?[\w-]+['\u2019]?\s+){{0,3}}?(?:controls?|HCs?|{_PEOPLE}|non-[\w-]+|with|treated"
    r"|receiving|undergoing|managed"
    # ... or by what it lacked ("11 adults with a pump and 9 without")
    r"|without"
    # a group named by what it was given: "30 participants received baclofen and 30 placebo"
    r"|(?:placebo|sham)(?!\s+(?:injections?|doses?|bolus\w*|tablets?|capsules?|infusions?|pills?))"
    # ("55 children implanted before 2010 and 61 implanted after")
    r"|implanted|operated"
    r"|who|received|underwent|given"
    # ... or by the treatment it was on ("24 patients with intrathecal baclofen and 28 on oral
    # baclofen", "and 20 taking oral drugs")
    r"|on\s+(?:oral|intrathecal|conventional|standard|usual|best)\b|taking"
    # a group named by what it came after ("24 patients after stroke and 36 after spinal cord
    # injury"; not a time, "and 36 after 6 months")
    r"|after(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|a\s+(?:mean|median)|the\s+(?:first|second|last|end))\b))"
    r"|(?:to|in|into) (?:the )?(?:[\w-]+ )?(?:groups?|arms?"
    rf"|waitlist|wait-list|waiting list|controls?|placebo|conditions?|usual care|treatment))\b"
    rf"{_PERSON_TIME}"
)
# A group counted in brackets, then the group it was compared with, counted in words:
# "who received an intrathecal baclofen pump (n = 28) were compared with 28 children"
_BRACKET_GROUP_BEFORE = compile_i(
    r"\(\s*n\s*=\s*(?P<number>\d{1,5})\s*\)[^.;()]{0,60}?\b(?:(?:were|was)\s+)?(?:compared"
    r"\s+(?:with|to)|versus|vs\.?|matched\s+(?:with|to))\s+(?:(?:a|another|the)\s+(?:[\w-]+\s+)"
    r"{0,2}?(?:group|cohort|sample)\s+of\s+)?$"
)
# The group a count was compared with, counted in brackets: "Forty-five patients were compared
# with age-matched controls (n = 30)", "... and healthy controls (n = 25)"
_COMPARED_BRACKET = compile_i(
    r"^[^.;()]{0,120}?\b(?:compared (?:with|to)\s+|versus\s+|vs\.?\s+|and\s+(?=(?:[\w-]+\s+)"
    rf"{{0,2}}?controls\b))(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){{0,3}}?(?:controls?|{_PEOPLE})"
    r"\s*\(\s*n\s*=\s*(?P<number>\d{1,5})\s*\)"
)
# The group that did not do what the first did: "Forty participants who reported regular
# exercise and 38 who did not", "55 patients who developed pneumonia with 110 who did not"
# (a comparison group, summed; "28 responded and 12 who did not" names no first group by
# "who" and stays a part)
_FIRST_GROUP_WHO = compile_i(r"\bwho\b[^.;]*\b(?:and|with|versus|vs\.?|whereas|while)\b")
_NEGATED_CLAUSE = compile_i(r"\s*(?:did|do|does|had|have|were|was) not\b")


def _complement(companion: str, after: str) -> bool:
    """Whether COMPANION (the words from a count to the next group's "who") and AFTER tell a
    second group by the first's clause negated."""
    return (
        companion.endswith(("who", "Who"))
        and _FIRST_GROUP_WHO.search(companion) is not None
        and _NEGATED_CLAUSE.match(after) is not None
    )


DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")  # (a figure's point: no sentence's end)
# "Six of these 23 patients, who had spastic tetraplegia, were included this study"
_INCLUDED_OF = compile_i(
    rf"\b{_NUMBER} of (?:these|the|those) (?:\d+|{_WORDS}) (?:[\w-]+ ){{0,2}}?{_PEOPLE}\b"
    r"[^.;]{0,160}?\b(?:(?:were|was) (?:finally )?(?:included|enrolled|studied|analy[sz]ed)"
    r"|agreed to (?:take part|participate)|consented to (?:take part|participate))\b"
    r"(?! (?:in|from) (?:the|an?) (?:\w+ )?(?:analysis|subgroup|sub-study))"
)
# "A cohort of over 1,000 patients was followed, of whom 1,043 had complete data": those
# with the data are the study's
_OF_WHOM_KEPT = compile_i(
    rf"\bof whom {_NUMBER}\s+(?:had|with) (?:complete|adequate|sufficient|available|full)"
    r" (?:data|records|follow-up|information)\b"
)
# "This secondary analysis included 114 of the 155 participants who underwent DXA": the part
# included (the rule above, the verb first)
_INCLUDED_N_OF = compile_i(
    rf"\b(?:included|enrolled|studied|analy[sz]ed) {_NUMBER} of (?:these|the|those|all) "
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS}) (?:[\w-]+ ){{0,2}}?{_PEOPLE}\b"
)
# A group named by the definite article and said to be all included in the study, after a
# wider pool: "Since 1989, 80 subjects were followed ... The 43 patients still treated in
# November 2015 were all included in the study" (the study's patients are those included)
_ALL_INCLUDED = compile_i(
    rf"\bthe {_NUMBER} (?:[\w-]+ ){{0,2}}?{_PEOPLE}\b[^.;]{{0,160}}?\b(?:were|was) all "
    r"(?:included|enrolled)\b(?! in (?:the|an?) (?:\w+ )?(?:analysis|subgroup|sub-study))"
)
# The part the authors took from a larger pool, named by the definite article: "The registry
# holds 2,300 patients; we analysed the 410 with multiple sclerosis" (those of an implanted
# group with enough follow-up are not: the real set counts the 141 implanted, not the 126
# followed for a year)
_WE_TOOK_THE = compile_i(
    rf"\bwe (?:analy[sz]ed|studied|included|examined|reviewed|selected|followed) (?:the|all the)"
    rf" {_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE}\s+)?(?:with|who|whose)\b"
)
# ... or a number of them named before the whole: "We examined 10 from 13 patients with CP
# treated with DACS"
_WE_TOOK_FROM = compile_i(
    rf"\bwe (?:analy[sz]ed|studied|included|examined|reviewed|selected|followed|evaluated"
    rf"|assessed) {_NUMBER} from (?:the |all |a total of )?"
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS})\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b"
)
# A random part of those admitted: "194 patients were admitted ... A retrospective chart review
# was performed on a random selection of 50 charts"
_RANDOM_PART = compile_i(
    rf"\brandom(?:ly chosen|ly selected)? (?:selection|sample|subset) of {_NUMBER}\s+"
    rf"(?:[\w-]+\s+)?(?:charts|records|files|case notes|{_PEOPLE})\b"
)
# The studies a review counted: "Of 241 RCTs identified, 182 were included in this review"
_OF_STUDIES = compile_i(
    rf"\bof (?:the |all )?{_NUMBER}\s+(?:[\w-]+\s+)?(?:rcts?|trials|studies|articles|papers"
    r"|reports|records|references|citations|abstracts|publications)\b"
)
# A survey sent to places, not people: those that replied are centres ("A questionnaire was
# sent to 60 centres; 41 replied")
_SENT_TO_PLACES = compile_i(
    rf"\b(?:sent|mailed|e-?mailed|distributed|circulated|addressed)\s+to\s+(?:all\s+|the\s+)?"
    rf"{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:cent(?:er|re)s|units|hospitals|departments|clinics"
    r"|services|institutions|sites|practices|programmes|programs|teams|trusts|wards)\b"
)
# A survey's respondents as the part of those asked: "The survey was answered by 143 of 200
# caregivers (72%)"
_ANSWERED_BY = compile_i(
    rf"\b(?:answered|completed|returned|filled (?:in|out))\s+by\s+{_NUMBER}\s+of\s+"
    rf"(?:the\s+)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS})\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b"
)
# The treated group a part was read from: "assessed in the 22 patients who had a year of
# follow-up out of 30 implanted" (the manual: the larger implanted or included number)
_OUT_OF_TREATED = compile_i(
    rf"\bout of (?:the |all )?{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE}\s+)?"
    r"(?:(?:who were|were)\s+)?(?:implanted|treated|enrolled|included|operated on)\b"
)
# "Of 38 patients identified, 32 had adequate data available for inclusion", "of 120 charts
# reviewed, 98 met the inclusion criteria": those kept are the study's (NUMBER is the kept)
_KEPT_OF_FOUND = compile_i(
    rf"\bof (?:the |these )?(?:\d{{1,3}}(?:,\d{{3}})*|\d+|{_WORDS}) (?:[\w-]+ ){{0,2}}?"
    rf"(?:{_PEOPLE}|charts|records) (?:identified|reviewed|found|retrieved)\W+{_NUMBER}"
    r"\s+(?:(?:patients|children|adults|participants|of them|charts|records)\s+)?"
    r"(?:had (?:adequate|complete|sufficient|available|enough) (?:data|records|follow-up|imaging"
    r"|information)|met (?:the |our |all )?(?:inclusion|eligibility|study) criteria"
    r"|(?:were|was) included)(?![^.;]*\b(?:randomi[sz]ed|allocated|enrolled|assigned)\b)"
)
# A wider pool, then the part of it taken into the study, a clause between: "Of the 900
# patients treated with ITB in the Netherlands, 239 were referred to the clinic and included
# in this study", "Of the 356 patients enrolled in our program, 25 were selected for this
# study" (the pool is no participant of it; "included in the analysis" may be a subset, and is
# left to the rules for counts)
_POOL_THEN_INCLUDED = compile_i(
    rf"\bof (?:the |these |all (?:the )?)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS}) "
    rf"(?:[\w-]+ ){{0,3}}?{_PEOPLE}\b[^.;]{{0,80}}?,\s*{_NUMBER}\s+(?:(?:{_PEOPLE}|of them)\s+)?"
    r"(?:were|was|met|fulfilled|had)\b[^.;]{0,80}?\b(?:included|selected|enrolled|recruited)"
    r"\s+(?:in|for|into)\s+(?:this|the|our)\s+(?:present\s+|current\s+)?(?:study|series|cohort)\b"
)
# Those found, then those kept, in one sentence: "Thirty-six patients with IVB were
# identified, and 27 patients (median age 12.9 years) were ultimately included" (the kept,
# as _KEPT_OF_FOUND; not a screening test's screened and implanted, where the manual takes
# the larger)
_FOUND_THEN_KEPT = compile_i(
    rf"\b{A_NUMBER} (?:[\w-]+ ){{0,2}}?(?:{_PEOPLE}|charts|records)\b[^.;]{{0,60}}?"
    r"\b(?:were|was) identified,? (?:and|of whom|of which) "
    # (a figure's point is no sentence's end: "(median age 12.9 years)")
    rf"{_NUMBER}\b(?:[^.;]|(?<=\d)\.(?=\d)){{0,80}}?\b(?:were|was) (?:ultimately |finally "
    r"|eventually )?"
    r"(?:included|analy[sz]ed)\b(?! in (?:the|an?) (?:\w+ )?(?:analysis|subgroup|sub-study))"
)
# "A prospective, blinded study was done to examine the effects of ... in 10 patients"
_STUDY_DONE_IN = compile_i(
    r"\b(?:study|trial|analysis|investigation) (?:was|is) (?:done|performed|conducted|carried"
    r" out|undertaken)\b[^.;]*\b(?:in|on|of)\s*$"
)
# "The authors assessed the short-term response to ITB infusion in 12 patients", "we implanted
# ITB pumps in 44 patients": the authors' own study done in them (a first look for its
# subjects: "we", "the authors", "they")
_AUTHORS_WORDS = ("we ", "We ", "authors ", "they ", "They ", "investigators ")
_AUTHORS_DID_IN = compile_i(
    r"\b(?:we|the authors|they|the investigators)\s+(?:\w+ly\s+)?(?:assessed|evaluated|examined"
    r"|studied|measured|tested|investigated|analy[sz]ed|reviewed|compared"
    # ... or implanted ("we implanted ITB pumps in 44 patients"; not "we treated the infection
    # in 3 patients", a part of them)
    r"|implanted)\b[^.;]{0,120}?"
    r"\b(?:in|of|on)\s*$"
)
_LABELLED_GROUP = compile_i(
    rf"(?P<label>\b[\w-]+(?: [\w-]+)?) group:\s*{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b"
)
_REMAINING = compile_i(rf"\b(?:of|among|in) the remaining {_NUMBER} (?:[\w-]+ ){{0,2}}?{_PEOPLE}\b")
# "17 were excluded for missing data, leaving 198 for analysis"
_LEAVING = compile_i(
    rf"\bleaving\s+{_NUMBER}\s+(?:(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b|(?:for|in) (?:the )?"
    r"(?:analysis|study|final analysis|follow-up)\b)"
)
# A share of the whole group: "Thirty-four percent of 250 respondents reported a dosing
# error" (the 250 are the study's, whatever the share did)
# A count's people named in the plural ("clinicians", "children"): no count of one.
_PLURAL_END = compile_i(r"(?:[a-rt-z]s|children|people|men|women)\W*$")
_SHARE_OF = compile_i(
    r"(?:\d\s*%|\bper ?cent|\bhalf|\bmajority|\bmost|\bthirds?|\bquarters?|\bproportion"
    # "Nine of ten children improved": the ten are the whole, whatever the nine did
    rf"|(?<![\w.,]){A_NUMBER})"
    r" of (?:the |all |these )?$"
)
_COMPARING = compile_i(r"\bcompar(?:ed|ing|e)\b[^.;]{0,40}$")
_MORE_TO = compile_i(
    rf"^[^.;]{{0,120}}?\bto\s+{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:controls?|{_PEOPLE})\b"
)
# A period's years, which a group's count could be taken for: "between 2000 and 2019", "from
# 1998 to 2004"
_YEAR_RANGE = re.compile(
    r"\b(?:between|from)\s+(?:19|20)\d\d\s*(?:and|to|-|\u2013)\s*(?:19|20)\d\d\b"
)


_BRACKETED = re.compile(r"\([^()]*\)")


def _masked(found: re.Match[str]) -> str:
    """Return FOUND's text with its digits made another character of the same width."""
    return A_DIGIT.sub("#", found.group())


# ... or named alike after a first count named "in" ("compared in 45 children with CP and in
# 45 age-matched controls"; not a clause of its own: "and in 3 patients the pump was replaced")
_MORE_IN = compile_i(
    rf"^[^.;]{{0,120}}?\band (?:in|among)\s+{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:controls?"
    rf"|{_PEOPLE})\b(?!\s*,?\s+(?:the|a|an|his|her|their|its|this|these|it|they)\b)"
)
_N_EQUALS = re.compile(
    # (thousands split by a comma, or by a space as European texts write them: "n = 14 620")
    r"\b[nN]\s*=\s*(?P<number>\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f](?=\d{3}\b))\d{3})+|\d+)\b"
    r"|(?<=[(,;] )[nN]\s+(?P<bare>\d{1,3}(?:,\d{3})*|\d+)(?=\s*\))"
)
# What names the count after it as what was studied, ending the text before it but for
# spaces: words alone ...
_STRONG_BEFORE_WORDS = (
    "a total of", "total of", "included", "including", "enrolled", "recruited", "studied",
    "reviewed", "identified", "analysed", "analyzed", "evaluated", "assessed", "examined",
    "surveyed", "followed", "comprised", "comprising", "consisted of", "involving", "involved",
    "cohort of", "series of", "sample of", "population of", "group of", "data of", "data from",
    "data on", "records of", "charts of", "study of", "report on", "describe", "present",
    "treated", "implanted", "selected", "number of",
    *(f"{verb} {to}" for verb in ("implanted", "performed", "treated", "carried out", "done")
      for to in ("in", "on")),
    # (as authors writing in a second language put it: "Pump implantation was performed to 31
    # patients", "ITB therapy was realized in 20 patients")
    *(f"{verb} {to}" for verb in ("performed", "carried out", "done", "realized", "realised")
      for to in ("to", "for")),
    "realized in", "realised in", "applied to", "applied in",
    "investigated",
    # what was measured, in whom ("Lesions, cognitive function and outcome were evaluated in
    # 68 patients"): the study's group (a harm "observed in" is a part: _SUBGROUP_BEFORE)
    # ("IDH1 was assessed in 100 patients", "MGMT was analyzed in 151 patients": one marker
    # measured in a part of them, no such group)
    *(f"were {verb} in" for verb in ("evaluated", "assessed", "examined", "studied",
                                     "investigated")),
)  # fmt: skip
# ... or words apart
_STRONG_BEFORE_SPANS = (
    r"\b(?:we )?(?:describe|report|present)\w*\b[^.;]{0,80}?\b(?:in|of)"
    # a review's pooled participants: "Two trials were identified with 26,340 participants"
    r"|\b(?:studies|trials|RCTs|articles|reports)\b[^.;]{0,40}?\b(?:with|involving|including)"
    # ("Two trials, 1378 participants, employing randomised methods were included")
    r"|\b(?:studies|trials|RCTs)\s*,"
    # the parts of them counted first: "Five affected extremities of 4 patients", "68 hips of
    # 34 children"
    r"|\b(?:hips|limbs|extremities|eyes|knees|legs|arms|sides|joints|feet|hands|ears|shoulders"
    r"|elbows|ankles|wrists)\s+of"
)
_SPANS_END = ("in", "of", "with", "involving", "including", ",")
_STRONG_BEFORE = compile_i(
    rf"(?:{'|'.join(map(re.escape, _STRONG_BEFORE_WORDS))}|{_STRONG_BEFORE_SPANS})\s*$"
)
_STRONG_BEFORE_APART = compile_i(rf"(?:{_STRONG_BEFORE_SPANS})\s*$")


def _strong_before(before: str) -> bool:
    """Whether BEFORE, the text before a count, names it as what was studied
    (_STRONG_BEFORE.search, asked for each count of every sentence: its words alone are
    looked for at the text's end, the pattern of words apart only where its last word is)."""
    if not before.isascii():
        # (IGNORECASE matches a long s or a dotless i to an ASCII letter; lower() does not)
        return _STRONG_BEFORE.search(before) is not None
    ending = before.rstrip().lower()
    if ending.endswith(_STRONG_BEFORE_WORDS):
        return True
    return ending.endswith(_SPANS_END) and _STRONG_BEFORE_APART.search(before) is not None


# A sentence opening on the people of whom it tells parts: "Of the 199 patients randomly
# assigned, ...", "Of these 40 children, ..."
_OF_THE_OPENING = compile_i(r"\W*of (?:the|these|those|all(?: the)?|our)?\s*$")
# ("In 40 patients, ..." opens the study's count; "In the 94 patients with a first secondary
# procedure" names a part of a group already counted)
_OPENING = compile_i(r"\W*(?:(?:of|in|among|for)(?: all(?: the)?)?)?\W*$")
_EVENT_AFTER = compile_i(
    r"[^.;]{0,60}?\b(?:(?:was|were|had to be)\s+(?:removed|explanted|revised|replaced"
    r"|reoperated|infected)|developed|died|occurred|experienced|suffered)\b"
)
# What befell a part of the people counted before ("epilepsy was involved in two patients who
# had abnormalities on brain MRI", "mutations were found in 10 patients who had"): the count
# after it names that part, not the study's people, whatever follows it
_BEFALL_IN = compile_i(
    r"\b(?:involved|occurred|seen|found|observed|noted|present|detected|identified|developed"
    r"|documented|recorded|diagnosed|described)\s+in\s+(?:the\s+)?$"
)
_STRONG_AFTER = compile_i(
    r"^\W*(?:\w+\W+){0,3}?(?:were|was) (?:included|enrolled|recruited|studied|reviewed|identified"
    r"|analy[sz]ed|evaluated|assessed|implanted|treated|followed|selected|investigated|examined"
    r"|randomi[sz]ed|eligible)|^\W*(?:\w+\W+){0,3}?(?:who|that) (?:underwent|received|had|were)"
    # "139 patients had an initial ITB device placed"
    r"|^\W*had (?:an? |their )?(?:[\w-]+ ){0,3}?(?:device|pump|system|catheter)s? (?:placed"
    r"|implanted|inserted)"
    r"|^\s*(?:randomi[sz]ed|enrolled|included)\b"
    r"|^\W*(?:\w+\W+){0,2}?(?:met|fulfilled) "
)
# Cases of the literature, not the authors' patients: "We review 25 published cases", "38
# cases reported in the literature"
_LITERATURE_CASES = compile_i(
    r"\b(?:published|reported|previously (?:reported|published|described)|literature)\b"
    r"|^\s*(?:(?:published|reported|described) )?(?:in|from) the (?:\w+ )?literature\b"
)
# ... or found by a search of it: "A PubMed search found 14 similar cases" (a systematic
# review's "the search identified 9 studies with 456 patients" counts its participants)
_SEARCH_FOUND_BEFORE = compile_i(
    r"\b(?:search\w*|review of the literature|literature review)\b[^.;]{0,40}?"
    r"\b(?:found|identified|yielded|revealed|retrieved|showed|returned)\s+$"
)
# ... named so just after the count: "We review 27 similar cases published since 1990",
# "41 cases reported since 1992" (patients who "reported" pain are the authors')
_PUBLISHED_AFTER = compile_i(
    r"\s*(?:(?:were\s+|have been\s+|had been\s+)?published\b|(?:(?:were|have been|had been)"
    r"\s+)?(?:reported|described)\s+(?:in the (?:[\w-]+ )?literature|since|before|so far|to date"
    r"|previously|elsewhere)\b|previously (?:reported|published|described)\b)"
)
_SUBGROUP_AFTER = compile_i(
    # ("had an ITB pump implanted" is who was studied, "had a catheter revision" a subgroup)
    # (nor "had goals identified", those a goal study followed, "had their goals set")
    r"^\W*(?:\(\d[^)]*\)\W*)?(?:had(?!\s+(?:an?\s+|their\s+)?(?:\w+\s+){0,2}?(?:implant\w*"
    r"|(?:pumps?|devices?|systems?)\s+(?:implanted|placed|inserted)"
    r"|goals?\s+(?:identified|set|chosen|selected|agreed|recorded)))|has|developed|experienced"
    r"|required|needed|died|suffered|showed"
    # ("Seven patients presented to our service": the series; "presented with" a part)
    r"|presented(?! to (?:our|the|this|a) (?:[\w-]+ )?(?:service|clinic|hospital|department|unit"
    r"|cent(?:er|re)|practice|institution|emergency))"
    r"|reported|complained|underwent (?:revision|removal|explant)|did|were not|could"
    # ("35 patients were identified as responders": a class of them)
    r"|(?:were|was) (?:identified|classified|categori[sz]ed|defined) as"
    r"|improved|achieved|discontinued|withdrew|dropped|lost)\b"
    # (a survey's respondents are its sample: "462 participants responded", "responded to the
    # questionnaire"; those who responded to a treatment are a part)
    r"|^\W*responded\b(?!\s*(?:[.;,]|$|to (?:the|our|an?|this) (?:[\w-]+ )?(?:surveys?"
    r"|questionnaires?|invitations?|e-?mails?|letters?)))"
    # a share of a larger group: "For the 9 patients (50%) with pumps who experienced", "Two
    # patients with neurogenic pain (22%) demonstrated an increase"; not the share of a count
    # after it: "Of the 256 patients studied 56 (21.9%) had a mutation")
    r"|^[^.;()\d]{0,40}?\(\s*\d+(?:\.\d+)?\s*%\s*\)"
)
# The whole group a sentence tells of ("None of the evaluable 15 patients", "All of the 40
# children"), not a part of it
_WHOLE_OF = compile_i(r"\b(?:none|all|each) of (?:the|these|our|its)\s+(?:[\w-]+\s+){0,2}$")
_SUBGROUP_BEFORE = compile_i(
    r"(?:\b(?:occurred|observed|seen|found|noted|reported|developed|complications?|infections?|"
    r"died|deaths?|required|happened|events?|episodes?)\b[^.]*\b(?:in|among)\s*$)|(?:\bonly\s*$)"
    r"|(?:\b(?:remaining|other)\s*$)|(?:\bpool of\s*$)"
    # an exception among those told ("Except in the case of one child who had reduction in
    # lower limb tone, the caretakers all reported benefits")
    r"|(?:\b(?:except|apart from|other than|save)\s+(?:in\s+|for\s+)?(?:the\s+case\s+of\s+)?$)"
    r"|(?:\badditional (?:data|results|findings|observations) (?:from|on|of|in)\s*$)"
    # patients of the literature ("one previous report of 2 siblings")
    r"|(?:\b(?:previous|prior|earlier|published|another|other) (?:reports?|studies|study"
    r"|series|descriptions?) (?:of|in|on|describing|with)\s*$)"
)
# A service's caseload told as the authors' ("We have ... 160 patients currently receiving
# treatment")
_CENSUS_AFTER = compile_i(r"\W*currently\s+(?:receiving|on|under|being|treated|followed|using)\b")
_WE_HAVE = compile_i(r"\bwe (?:now )?(?:have|treat|follow|care for|manage)\b[^.;]{0,60}$")
_OTHERS_COUNTED = compile_i(r"^\S+\s+(?:other|remaining)\s")
# A patient's family counted ("her two sisters", "his three children")
_POSSESSIVE_END = compile_i(r"\b(?:her|his)\s+$")
_UNAFFECTED = compile_i(
    r"\s*(?:were|are|remained|was|is)\s+(?:all\s+|both\s+)?(?:unaffected|healthy|well"
    r"|asymptomatic|normal|clinically normal)\b"
)
_KIN_END = compile_i(
    r"\b(?:sisters|brothers|siblings|sons|daughters|children|parents|relatives|cousins)\s*$"
)
# Families counted as a geneticist counts them, pedigrees whose affected members are the
# participants ("Two consanguineous families with Uner Tan Syndrome were analyzed"), not
# families who took part themselves (a survey's "sent to 250 families; 152 responded")
_GENETIC_FAMILIES = compile_i(
    r"\b(?:consanguin\w*|pedigrees?|kindreds?|syndromes?|mutations?|mutated|inherit\w*"
    r"|heredit\w*|autosomal|x-linked|linkage|genotyp\w*|sequenc\w*|alleles?|segregat\w*"
    r"|genes?|genetic\w*|variants?|homozyg\w*|heterozyg\w*)\b"
)
# One person named, then their family counted after "and his/her" ("a woman and her three
# daughters", "A 40-year-old man and his two brothers"): the family's count and the one
_ONE_AND_KIN = compile_i(
    r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,3}?(?:woman|man|mother|father|boy|girl|patient|lady"
    r"|proband|index (?:case|patient))\s+and\s+(?:her|his)\s+$"
)
# Events measured in a group ("adverse events were monitored in 40 adults"): the group
# studied, not those the events happened to ("complications were recorded in 8 patients").
_MEASURED_IN = compile_i(
    r"\b(?:events?|complications?|infections?|episodes?)\b\s+(?:were|was)\s+(?:(?:prospectively"
    r"|systematically|routinely|regularly|carefully)\s+)?(?:monitored|assessed|evaluated|measured"
    r"|studied|investigated|analy[sz]ed|collected|examined|compared|(?<=ly )(?:recorded"
    r"|documented|registered)|(?:recorded|documented|registered)(?=\s+(?:prospectively"
    r"|systematically)))\s+(?:(?:prospectively|systematically)\s+)?(?:in|among)\s*$"
    # ... told in the authors' voice ("We compared complications and dose in 88 patients",
    # "we analysed the rate of infections among 120 children")
    r"|\b(?:we|the authors?)\s+(?:\w+ly\s+)?(?:monitored|assessed|evaluated|measured|studied"
    r"|investigated|analy[sz]ed|examined|compared|recorded|documented|reviewed|describe[ds]?"
    r"|report(?:ed)?)\s+(?:the\s+)?(?:(?:incidence|rates?|frequency|types?|number)\s+of\s+)?"
    r"(?:[\w-]+\s+)?(?:events?|complications?|infections?|episodes?)\b(?:,?\s+and\s+[\w\s-]{1,40}?)?"
    r"\s+(?:in|among)\s*$"
)
_ADDITIONAL = compile_i(
    rf"\b{_NUMBER} (?:(?:additional|further) (?:[\w-]+ )?{_PEOPLE} (?:were|was) (?:also )?"
    # ("Five control participants were also recruited as a comparison group")
    rf"|(?:healthy |matched )?(?:controls?|(?:control|comparison|healthy|reference)"
    rf" (?:[\w-]+ )?{_PEOPLE}) (?:were|was) also )"
    r"(?:included|recruited|enrolled|added|studied)\b"
)
# ... or a group the first was compared with in a sentence of its own ("The test was further
# compared with another 30 age- and gender-matched, non-stroke patients")
_ANOTHER_GROUP = compile_i(
    rf"\bcompared (?:with|to) (?:another|a further|an additional) {_NUMBER}"
    rf" (?:[\w,-]+ ){{0,4}}?(?:controls?|{_PEOPLE})\b"
)
# ... or a control group counted in a sentence of its own ("Subjects: adult patients on a stroke
# ward (n = 160). Age-matched controls (n = 156) were recruited from the community")
_CONTROLS_N = compile_i(
    r"\b(?:[\w-]+ ){0,4}?(?:controls?|control (?:group|subjects|participants))\s*\(\s*[nN]\s*=\s*"
    r"(?P<number>\d{1,5})\s*\)"
)
_ORDER = {"title": 0, "objective": 1, "methods": 2, "abstract": 3, "results": 4, "conclusions": 5}
# Labels of a structured abstract written inline ("Methods: A total of ..."): the count of
# the methods is the study's, a count in the results more often a subgroup.
_INLINE_LABEL = compile_i(
    r"^\s*(?P<label>background|introduction|context|objectives?|aims?|purpose|methods?"
    r"|materials and methods|patients and methods|design|setting|participants|subjects"
    r"|results?|findings|conclusions?|interpretation)\s*:"
)
_INLINE_ROLE = {"objective": "objective", "objectives": "objective", "aim": "objective",
                "aims": "objective", "purpose": "objective", "results": "results",
                "result": "results", "findings": "results", "conclusion": "conclusions",
                "conclusions": "conclusions", "interpretation": "conclusions",
                "background": "background", "introduction": "background",
                "context": "background"}  # fmt: skip
# "Over 100 adult patients", "more than 200 children": a rounded figure, not the count.
_APPROXIMATE = compile_i(
    r"(?:\b(?:over|more than|nearly|approximately|about|almost|around|up to|at least|some"
    r"|fewer than|less than|under)"
    r"|[>~\u2248])\s*$"
)
# the words of an approximation (not of a bound: "more than 7 patients", "up to 13")
_NOT_ROUND = compile_i(r"(?:about|approximately|around|nearly|almost|some)\b|[~\u2248]")
_NATIONS = (
    r"Japan|China|Korea|Taiwan|India|the United States|the USA|the US|the United Kingdom|the UK"
    r"|Europe|North America|Germany|France|Italy|Spain|the Netherlands|Belgium|Sweden|Norway"
    r"|Denmark|Finland|Canada|Australia|Brazil|Turkey|Poland|Israel|this country"
)
# The therapy's use at large, counted in round figures: "ITB has been used in more than 1000
# patients since its introduction in Japan", "over 10,000 pumps implanted worldwide" - no
# study's participants (unless the authors' own: "we have treated more than 100 patients")
# (each asked once per sentence: a sentence may hold many rounded counts)
_general_use_in = found_in_sentence(
    compile_i(
        r"\bsince (?:its|their|the) (?:introduction|approval|launch|first use)\b|\bworldwide\b"
        r"|\baround the world\b|\b(?:has|have) been (?:used|implanted|treated) (?:in|with)\b"
        # a nation's or a year's count ("More than 1,100 patients have undergone ITB therapy in
        # Japan since 2007", "approximately 8,000 patients receive ITB each year")
        r"|\b(?:have|has) (?:undergone|received|been given)\b[^.;]{0,80}?\b(?:in|across|throughout)"
        rf" (?:{_NATIONS})\b"
        r"|\b(?:receive|undergo|are (?:treated|implanted|given))\b[^.;]{0,60}?\b(?:each|every|per)"
        r" year\b"
    )
)
_own_use_in = found_in_sentence(compile_i(r"\b(?:we|our|us|this (?:study|series|centre|center))\b"))
# "314 surgical procedures (226 pediatric and 88 adult)": the parenthesis counts procedures.
_UNIT_PARENTHESIS = compile_i(
    r"\b(?:procedures?|surger(?:y|ies)|operations?|pumps?|implant(?:ation)?s?|catheters?"
    r"|revisions?|refills?|admissions?|visits?|episodes?)\s*\([^)]*$"
)
# A registry page pasted as text: "Target enrollment: 80", "Enrollment (Estimated): 40".
_ENROLLMENT = compile_i(
    r"\b(?P<kind>target|planned|estimated|anticipated|actual)?\s*(?:enrollment|enrolment"
    r"|recruitment|sample size)\s*(?:\((?P<kind2>estimated|anticipated|actual)\))?\s*:\s*"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)"
    # a registry mirror's "Total Enrollment 153 participants", no colon
    r"|\b(?:total|target|planned|estimated|actual) (?:enrollment|enrolment)\s+"
    r"(?P<number2>\d{1,3}(?:,\d{3})+|\d+)\s+participants\b"
    # ... or its label on a line of its own, the figure on the next ("- Target Recruitment\n
    # - 80", as a mirror's list of fields is pasted)
    r"|\b(?:total|target|planned|estimated|anticipated|actual) (?:enrollment|enrolment"
    r"|recruitment)[ \t]*\n[ \t]*[-\u2022*]?[ \t]*(?P<number3>\d{1,3}(?:,\d{3})+|\d+)[ \t]*"
    r"(?:participants)?[ \t]*(?:\n|$)"
)


# "84 were randomly allocated": a count opening its sentence (or clause) with no noun, as the
# group that was randomised, enrolled or included.
_BARE = GatedPattern(
    rf"(?:^|[.;:]\s+|,\s+(?:and\s+)?|(?<=eligible) and\s+)(?!\d{{4}}\b){_NUMBER}\s+"
    r"(?:of (?:a|the) (?:planned|target|intended|projected) (?:sample|enrollment|enrolment)"
    r"(?: size)? of \d+ [^.;]{0,220}?)?(?:(?:were|was)\s+(?:then\s+)?"
    r"(?:randomi[sz]ed|randomly (?:allocated|assigned)|enrolled|included|recruited)"
    # a survey's respondents: "sent to 250 families; 152 responded"
    r"|(?:\(\d+(?:\.\d+)?\s*%\)\s+)?(?:responded|replied"
    # ("Of the 329 practitioners contacted, 87 participated in the survey")
    r"|(?:participated|took part) in (?:the|this|our|an?) (?:[\w-]+ )?(?:surveys?"
    r"|questionnaires?|interviews?)"
    r"|(?:returned|completed) (?:the|a"
    r"|an|their) (?:[\w-]+ )?(?:surveys?|questionnaires?|forms?|interviews?)"
    # ("mailed to 310 families; 182 returned it")
    r"|(?:returned|completed|answered) (?:it|them)))\b"
)


# "A total of 2,701 Coloradoans participated in a telephone interview": those who took part,
# named by a word no list of people's words holds (not "15 sites participated").
_TOOK_PART = GatedPattern(
    rf"(?:^|[.;:]\s+)(?:(?:a total of|in total,?|overall,?|altogether,?)\s+)?(?!\d{{4}}\b)"
    rf"{_NUMBER}\s+(?:(?!(?:{_BLOCKED}|countries|schools|teams|units|practices|clinics"
    r"|institutions|departments|organi[sz]ations|programs|programmes|states|nations|regions"
    r"|services|wards|laboratories|labs|groups)\b)[A-Za-z][\w-]*\s+){1,2}?"
    r"(?:participated|took part)\b"
)


# A total stated as such: "Physiotherapy (20) students (64 in total)", "The total number of
# participants was 423" (a systematic review's pooled participants).
_IN_TOTAL = compile_i(rf"\b{_PEOPLE}\s*\(\s*{_NUMBER}\s+in total\s*\)")
_TOTAL_WAS = compile_i(
    rf"\btotal number of (?:[\w-]+ )?{_PEOPLE} (?:was|were|is|amounted to)\s+{_NUMBER}"
    r"(?![.,]?\d)"
)


# The whole treated group named by its participle, no noun: "3 had catheter problems and 5
# had infections among the 64 implanted"
_AMONG_THE_TREATED = compile_i(
    rf"\b(?:among|of|in) (?:the |all )?{_NUMBER} (?:implanted|treated|enrolled|included"
    r"|operated on)\b(?!\s+(?:with|in|at|for|by|from|during|before|after)\b)"
)
_TREATED_WORDS = ("mplanted", "treated", "nrolled", "ncluded", "perated")


# The whole group the study took, before the part that answered: "Of 150 patients included,
# 120 completed the 12-month questionnaire" (those who did not answer were participants;
# "Of the 329 practitioners contacted, 87 participated" names no participants before)
_INCLUDED_BEFORE = compile_i(
    rf"\bof (?:the |all )?{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+(?:(?:who were|were)\s+)?"
    r"(?:included|enrolled|recruited|randomi[sz]ed|implanted|treated|operated on)\W*$"
)


# Responders to a test, not to a survey: "screened with a bolus, 51 responded", "51
# responded to the test dose".
_TEST_RESPONSE = compile_i(
    r"\b(?:screen\w*|bolus\w*|test (?:injection|dose|trial)s?|trial (?:injection|dose)s?)\b"
    r"[^.]*\bresponded\b|\bresponded (?:well |favou?rably |positively )?to (?:the |a |an )?"
    r"(?:[\w-]+ ){0,2}?(?:bolus\w*|test\w*|trials?|screening|injections?|doses?|treatment"
    r"|therapy|baclofen|ITB)\b"
)


# The groups listed between a first count and the last ("..., 10 with SCI and 5 with CP").
_PARTS_OF_THEM = compile_i(
    rf"\b(?:including|among them|among whom|of whom|of which)\s+(?:\d+|{_WORDS})\b"
)
# (an export that dropped the commas keeps a part counted "with" its kind: "Seven patients
# met our inclusion criteria three with adult-onset disease and four with ...")
# (a list's first item may follow a dash: "participated in this study-ten with IMA and five
# without")
_LISTED = compile_i(
    rf"(?:,\s+|[\s\u2013\u2014-](?=(?:\d+|{_WORDS})\s+with\b)){_NUMBER}\s+(?:with|(?:[\w-]+\s+){{0,2}}?{_PEOPLE})\b"
)
# Groups with their sizes in brackets: "a VRBT group (11 subjects, 3 women) and a control
# group (11 subjects)", "the ITB group (n = 20) and the SDR group (n = 18)".
# (not a group's score in its brackets: "the control group (2.30 points)")
_GROUP_SIZE = compile_i(
    rf"\b(?:groups?|arms?|cohorts?)\s*\(\s*(?:(?:n|N)\s*=\s*)?{_NUMBER}(?![.,]?\d)"
    rf"(?:\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b|(?=\s*[),;]))"
    r"(?=[^()]*\))"
)


# Counts that share the noun of the last one: "135 no-risk, 69 at-risk and 46 pathological
# gambling subjects", "12 ambulatory and 8 non-ambulatory children": one total.
_PLAIN_NUMBER = _NUMBER.replace("?P<number>", "?:")
# Groups announced by their number, then listed one to a clause ("There were 4 groups: A, 26
# patients with PSF before ITB; B, 11 patients ...; and D, the control group: 103 patients").
_GROUPS_ANNOUNCED = compile_i(rf"\b(?P<count>{_PLAIN_NUMBER})\s+(?:[\w-]+\s+)?groups\s*:")
_NOT_A_GROUP = (
    rf"{_BLOCKED}|screened|implanted|included|excluded|enrolled|randomi[sz]ed|treated|completed"
    r"|withdrew|died|responded|recruited|assessed|analy[sz]ed|followed|evaluated|operated|lost"
    r"|remained|received|underwent|and|or"
)
_GROUP_WORD = rf"(?!(?:{_NOT_A_GROUP})(?![\w-]))[A-Za-z][\w-]*"
_SHARED_ITEM = rf"(?!\d{{4}}\b){_PLAIN_NUMBER}\s+(?:{_GROUP_WORD}\s+)?{_GROUP_WORD}"
_SHARED_HEAD = compile_i(rf"(?<![\w.,/-])(?:{_SHARED_ITEM},\s+)*{_SHARED_ITEM},?\s+(?:and|or)\s+$")
_SHARED_NUMBER = compile_i(rf"(?:^|,\s+|\s(?:and|or)\s+)({_PLAIN_NUMBER})\s")
# ... or two bare numbers sharing it: "We compared 135 and 126 patients" (not a range,
# "between 50 and 100 patients", "aged 12 and 18", nor a year, "in 2010 and 2015")
_BARE_PAIR = compile_i(rf"(?<![\w.,/-])(?!\d{{4}}\b)({_PLAIN_NUMBER})\s+and\s+$")
# (what makes the first a range's end, a measure, a time or a place: "scores of 3 and 12")
_PAIR_NOT_AFTER = compile_i(
    r"\b(?:between|from|aged?|ages|scores?|scored|values?|doses?|levels?|grades?|in|at|on|by"
    r"|since|to|until|within|after|before|during|over)\s+$"
)

# Counts of people screened for a trial or found eligible, and the count then enrolled.
_SCREENED_FOR_ELIGIBILITY = compile_i(
    r"^\W*(?:[\w-]+\s+){0,2}?(?:(?:were|was)\s+)?(?:screened|eligible|approached|invited"
    r"|contacted|assessed for eligibility)\b"
)
_THEN_ENROLLED = compile_i(
    r"\b\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:were|was)\s+(?:then\s+)?(?:randomi[sz]ed"
    r"|randomly (?:assigned|allocated)|enrolled|included|recruited)\b"
)
# People sent to the authors, a count of candidates ("44 patients with U-MND were referred for
# discussion of ITB therapy")
_REFERRED_AFTER = compile_i(r"^\W*(?:[\w-]+\s+){0,4}?(?:were|was|had been)\s+referred\b")
# A screening test of the therapy (a bolus, a test dose), whose patients all received it.
_TEST_SCREENING = compile_i(
    r"\b(?:bolus\w*|test (?:injections?|doses?|trials?)|trial (?:injections?|doses?)"
    r"|intrathecal|implant\w*|pumps?)\b"
)
# A screened group and the implanted part of it, side by side.
_SCREENED_THEN_IMPLANTED = compile_i(
    r"\b(?:test(?: injections?| doses?| bolus\w*)?|screen\w*|trials?|bolus\w*)\b[^.;]*?"
    r"\b(?:and|,|while|whereas)\s+[^.;]*?\b(?:implant\w*|surgery|pumps?)\b"
)

# Those included, then the part of them given the pump ("Nine patients were included, and
# seven received chronic ITB infusion"): the larger, as with a screening test (asked only where
# the window holds a word of receiving; one pattern of its own, so that _SCREENED_THEN_IMPLANTED
# keeps its fast opening)
_RECEIVING = ("received", "underwent", "went on", "proceeded")
_INCLUDED_THEN_IMPLANTED = compile_i(
    r"\b(?:were|was) (?:included|enrolled|identified|screened|tested|evaluated)\b[^.;]*?"
    r"\b(?:and|,|while|whereas)\s+[^.;]*?\b(?:received|underwent|went on to|proceeded to)\b"
    r"[^.;]*?\b(?:implant\w*|surgery|pumps?|ITB"
    r"|(?:chronic|continuous|long-term) (?:\w+ )?infusion)\b"
)

_SAMPLE_OF = compile_i(r"\b(?:cohort|sample|total|series|population) of (?:[\w-]+ ){0,3}$")
# The people and their count in brackets: "Subjects (N=75)", "patients (n = 44)".
_N_BRACKET = re.compile(r"\(\s*[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\s*\)")
_PEOPLE_BEFORE = compile_i(rf"\b({_PEOPLE})\s*$")
# A number in words with its figures after it in brackets ("Two thousand fifty one (2051)
# patients", "twenty (20) children"): the figures are read, the words dropped. (Figures in
# brackets found first, a literal bracket the engine skips to; the words looked for just
# before them only: trying the words' alternation at every position of every sentence with
# a bracket cost 14 us a record.)
_FIGURES_IN_BRACKETS = re.compile(r"\(\s*(\d{1,3}(?:,\d{3})+|\d+)\s*\)")
_NUMBER_IN_WORDS_END = compile_i(
    rf"\b(?:{_UNIT}|{_TEN}|hundred|thousand)"
    rf"(?:[\s\u2010\u2011-]+(?:{_UNIT}|{_TEN}|hundred|thousand|and)){{0,6}}\s*$"
)


def _figures_for_words(sentence: str) -> str:
    """Return SENTENCE with each number in words that its figures follow in brackets replaced
    by the figures alone."""
    parts: list[str] = []
    done = 0
    for bracket in _FIGURES_IN_BRACKETS.finditer(sentence):
        words = _NUMBER_IN_WORDS_END.search(sentence, max(done, bracket.start() - 80),
                                            bracket.start())  # fmt: skip
        if words:
            parts += [sentence[done : words.start()], bracket.group(1)]
            done = bracket.end()
    return "".join(parts) + sentence[done:] if parts else sentence


_ONE_N_EQUALS = "the one n = N of the abstract"
# Counts in words in other languages (Portuguese, Spanish, French, German, Italian), read only
# where no other count was found: their words ("due", "dos", "un") in the reading of counts
# above would send every English sentence with "due to" down its slower path. A number's word
# stands just before the people, or before one word that names them ("dois pacientes", "drei
# erwachsene Patienten"), never a group's or a case's word ("dos grupos de pacientes").
_FOREIGN_NUMBERS = {
    **dict.fromkeys(("um", "uma", "un", "una", "uno", "une", "ein", "eine", "einen", "einem",
                     "einer"), 1),
    **dict.fromkeys(("dois", "duas", "dos", "deux", "zwei", "due"), 2),
    **dict.fromkeys(("três", "tres", "trois", "drei", "tre"), 3),
    **dict.fromkeys(("quatro", "cuatro", "quatre", "vier", "quattro"), 4),
    **dict.fromkeys(("cinco", "cinq", "fünf", "funf", "cinque"), 5),
    **dict.fromkeys(("seis", "sechs", "sei"), 6),
    **dict.fromkeys(("sete", "siete", "sept", "sieben", "sette"), 7),
    **dict.fromkeys(("oito", "ocho", "huit", "acht", "otto"), 8),
    **dict.fromkeys(("nove", "nueve", "neuf", "neun"), 9),
    **dict.fromkeys(("dez", "diez", "dix", "zehn", "dieci"), 10),
    **dict.fromkeys(("onze", "elf", "undici"), 11),
    **dict.fromkeys(("doze", "doce", "douze", "zwölf", "zwolf", "dodici"), 12),
    **dict.fromkeys(("treze", "trece", "treize", "dreizehn", "tredici"), 13),
    **dict.fromkeys(("catorze", "catorce", "quatorze", "vierzehn", "quattordici"), 14),
    **dict.fromkeys(("quinze", "quince", "fünfzehn", "funfzehn", "quindici"), 15),
    **dict.fromkeys(("dezesseis", "dezasseis", "dieciséis", "dieciseis", "seize", "sechzehn",
                     "sedici"), 16),
    **dict.fromkeys(("dezessete", "dezassete", "diecisiete", "dix-sept", "siebzehn",
                     "diciassette"), 17),
    **dict.fromkeys(("dezoito", "dieciocho", "dix-huit", "achtzehn", "diciotto"), 18),
    **dict.fromkeys(("dezenove", "dezanove", "diecinueve", "dix-neuf", "neunzehn",
                     "diciannove"), 19),
    **dict.fromkeys(("vinte", "veinte", "vingt", "zwanzig", "venti"), 20),
    **dict.fromkeys(("trinta", "treinta", "trente", "dreißig", "dreissig", "trenta"), 30),
    **dict.fromkeys(("quarenta", "cuarenta", "quarante", "vierzig", "quaranta"), 40),
    **dict.fromkeys(("cinquenta", "cincuenta", "cinquante", "fünfzig", "funfzig",
                     "cinquanta"), 50),
}  # fmt: skip
_FOREIGN_PEOPLE = (
    r"(?:pacientes?|patient(?:e|es|s)?|patientinnen|patientin|patienten|pazient[ei]|doentes?"
    r"|enfants?|niñ[oa]s?|crianças?|kinder[n]?|kind|bambin[oi]|adultes|adultos|erwachsene"
    r"|sujets|sujetos|sujeitos|personnes|pessoas|personas|participantes|partecipanti"
    r"|teilnehmer|mulheres|mujeres|femmes|frauen|donne|hommes|hombres|homens|männer|uomini)"
)
# (not the English words "six" and "once" - "Once patients reached" - nor the Portuguese
# "dos", "of the", as in "a maioria dos doentes": the Spanish "dos" counts only at a clause's
# start or after a preposition, "de dos pacientes", "en dos pacientes", "Dos pacientes")
_FOREIGN_COUNT = compile_i(
    r"(?<![\w-])(?P<number>"
    + "|".join(sorted(set(_FOREIGN_NUMBERS) - {"dos"}, key=lambda w: (-len(w), w)))
    + r"|(?:(?<=^)|(?<=[.;:,(] )|(?<=\bde )|(?<=\ben )|(?<=\bcon )|(?<=\by )|(?<=\ba )"
    r"|(?<=\bentre )|(?<=\bpara )|(?<=\bpor ))dos"
    + r")\s+(?:(?!(?:de|des|di|del|der|von|du|da|do|grupos?|groupes?|gruppi|gruppen|casos?|cas"
    r"|casi|séries?|series|serie)\b)[\w-]+\s+)?" + _FOREIGN_PEOPLE + r"\b"
)
_FOREIGN_NUMBER_WORDS = frozenset(_FOREIGN_NUMBERS)
_FOREIGN_RULE = "participants stated in another language's words (no other count found)"
_GROUPS_N_EQUALS = "the n = N of the groups of one sentence, summed"


# (compiled once: a pattern string handed to re.sub or re.split is looked up in the module's
# cache of 512 patterns, which the tagger's own fill, and each miss compiles it again, some
# 50,000 instructions a call)
_THOUSANDS_SPACE = re.compile(r"[ \u2009\u202f]")
_NUMBER_WORD_BREAK = re.compile(r"[\s\-\u2010\u2011]+")


def number_value(text: str) -> int | None:
    """Return the value of "37", "1,204", "Twenty-seven", "one hundred and twelve"."""
    text = text.strip().lower().replace(",", "")
    if text[:1].isdigit():
        text = _THOUSANDS_SPACE.sub("", text)  # "31 546"
    if text.isdigit():
        return int(text)
    total = 0
    current = 0
    for word in _NUMBER_WORD_BREAK.split(text.replace(" and ", " ")):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "a":
            current = 1
        else:
            return None
    total += current
    return total or None


def _names_a_number(sentence: str) -> bool:
    """Whether SENTENCE holds a digit or a number's word (as a part of any word: a cheap look
    that passes every text number_value() can read a number from)."""
    if A_DIGIT.search(sentence):
        return True
    return next(_NUMBER_WORDS.iter(sentence.lower()), None) is not None


def find_sample_size(
    registry: Registry | None, title: str, abstract: Sequence[tuple[str, str]]
) -> SampleSize | None:
    """Return the number of participants, from the registry or the abstract, or None."""
    if registry is not None:
        if registry.enrollment is None:
            return None
        kind = (registry.enrollment_type or "").lower()
        source = kind if kind in ("actual", "estimated") else "stated"
        return SampleSize(
            registry.enrollment, source, f"enrollment {registry.enrollment} {kind}".strip(),
            "the registry's enrollment (planned or actual)",
        )  # fmt: skip
    for _, sentence in abstract:
        lowered = sentence.lower()
        if "enrol" not in lowered and "recruit" not in lowered and "sample size" not in lowered:
            continue  # (a cheap first look: most abstracts name no enrollment)
        enrolled = _ENROLLMENT.search(sentence)
        number = (
            (enrolled.group("number") or enrolled.group("number2") or enrolled.group("number3"))
            if enrolled
            else None
        )
        if enrolled and number and int(number.replace(",", "")) > 0:
            kind = (enrolled.group("kind") or enrolled.group("kind2") or "").lower()
            source = "actual" if kind == "actual" else "estimated" if kind else "stated"
            planned = int(number.replace(",", ""))
            return SampleSize(planned, source, enrolled.group().strip(),
                              "enrollment on a registry page", sentence.strip())  # fmt: skip
    abstract = [(role, _figures_for_words(s) if ")" in s else s) for role, s in abstract]
    texts = [("title", title)] + [(_inline_role(role, s), s) for role, s in abstract]
    texts = [item for item in texts if item[0] not in ("background", "criteria")]
    texts.sort(key=lambda item: _ORDER.get(item[0], 3))
    # the sentences that name a number at all: what the rules below take is a number's value,
    # and four sentences in ten name none
    counted = [item for item in texts if _names_a_number(item[1])]
    # groups stated one to a sentence ("ITB group: 25 patients (9 female) ... Non-ITB group:
    # 25 patients"): summed, as the manual sums stated groups
    groups = [
        (found, sentence)
        for _, sentence in texts
        if "group:" in sentence.lower()
        for found in _LABELLED_GROUP.finditer(sentence)
    ]
    labelled = {
        found.group("label").lower(): number_value(found.group("number")) for found, _ in groups
    }
    if len(labelled) >= 2 and all(labelled.values()):
        total = sum(value or 0 for value in labelled.values())
        evidence = "; ".join(found.group() for found, _ in groups)
        stated = " ".join(dict.fromkeys(sentence.strip() for _, sentence in groups))
        return SampleSize(total, "stated", evidence, "groups stated one by one, summed", stated)
    # "Eight patients were excluded ... Of the remaining 41 patients": those left are studied
    excluded = any("exclu" in sentence for _, sentence in texts)
    for _, sentence in counted:
        listed_groups = _groups_listed(sentence) if "groups:" in sentence else None
        if listed_groups:
            return listed_groups
        for cue, pattern, rule in (
            (" by ", _ANSWERED_BY, "a survey's respondents, of those asked"),
            ("out of", _OUT_OF_TREATED, "the treated group a part was read from"),
            ("all ", _ALL_INCLUDED, "the group said to be all included in the study"),
            ("the ", _WE_TOOK_THE, "the part the authors took from a larger pool"),
            (" from ", _WE_TOOK_FROM, "the part the authors took from a larger pool"),
            ("random", _RANDOM_PART, "the part the authors took from a larger pool"),
            ("dentified", _FOUND_THEN_KEPT, "the part of those found that was kept for the study"),
            ("f ", _POOL_THEN_INCLUDED, "the part of a wider pool taken into the study"),
        ):
            whole = pattern.search(sentence) if cue in sentence else None
            value = number_value(whole.group("number")) if whole else None
            if whole and value:
                return SampleSize(value, "stated", whole.group().strip(), rule, sentence.strip())
        if (
            " of th" not in sentence
            and " the remaining " not in sentence
            and "of whom" not in sentence
            and "leaving" not in sentence
        ):
            kept = _KEPT_OF_FOUND.search(sentence) if "f " in sentence else None
            value = number_value(kept.group("number")) if kept else None
            if kept and value:
                rule = "the part of those found that was kept for the study"
                return SampleSize(value, "stated", kept.group().strip(), rule, sentence.strip())
            continue  # (a cheap first look)
        # "We reviewed 23 patients ... Six of these 23 patients ... were included in this
        # study": the study's patients are the part included, not those looked at
        for pattern, rule in (
            (_INCLUDED_OF, "the part of a reviewed group included"),
            (_INCLUDED_N_OF, "the part of a reviewed group included"),
            (_OF_WHOM_KEPT, "the part of those found that was kept for the study"),
            (_REMAINING, "those remaining after exclusions"),
            (_LEAVING, "those remaining after exclusions"),
        ):
            if pattern in (_REMAINING, _LEAVING) and not excluded:
                continue
            subset = pattern.search(sentence)
            value = number_value(subset.group("number")) if subset else None
            if subset and value:
                return SampleSize(value, "stated", subset.group().strip(), rule, sentence.strip())
    if _animals_only("\n".join(t for _, t in texts)):
        return None  # "Rabbits (n = 73)", "a control group (9 pigs)": animals are no participants
    strong: list[tuple[int, str, str]] = []
    plain: list[tuple[int, str, str]] = []
    rounded: list[tuple[int, str, str]] = []
    # The first strong count is the one taken (later ones cannot change it): once there is
    # one, the sentences and counts after it are not read.
    for index, (role, sentence) in enumerate(counted):
        if strong:
            break
        if "(" in sentence:
            sizes = [m for m in _GROUP_SIZE.finditer(sentence) if number_value(m.group("number"))]
            if len(sizes) >= 2:
                total = sum(number_value(m.group("number")) or 0 for m in sizes)
                strong.append((total, ", ".join(m.group() for m in sizes), sentence))
        treated = (
            _AMONG_THE_TREATED.search(sentence)
            if any(map(sentence.__contains__, _TREATED_WORDS))
            else None
        )
        treated_value = number_value(treated.group("number")) if treated else None
        if treated and treated_value:
            strong.append((treated_value, treated.group().strip(), sentence))
        bare = _BARE.search(sentence)
        if bare and _TEST_RESPONSE.search(sentence):
            bare = None  # "Of 64 patients screened, 51 responded": the part a test helped
        if bare and _INCLUDED_BEFORE.search(sentence, 0, bare.start() + 1):
            bare = None  # "Of 150 patients included, 120 completed the questionnaire"
        if bare and _OF_STUDIES.search(sentence, 0, bare.start() + 1):
            bare = None  # "Of 241 RCTs identified, 182 were included": studies
        if bare and _SENT_TO_PLACES.search(sentence, 0, bare.start() + 1):
            bare = None  # "A questionnaire was sent to 60 centres; 41 replied": centres
        value = number_value(bare.group("number")) if bare else None
        if bare and value:
            evidence = bare.group().lstrip(".;:, ").removeprefix("and ").strip()
            strong.append((value, evidence, sentence))
        if "total" in sentence:
            for pattern in (_IN_TOTAL, _TOTAL_WAS):
                total_found = pattern.search(sentence)
                value = number_value(total_found.group("number")) if total_found else None
                if total_found and value:
                    strong.append((value, total_found.group().strip(), sentence))
        took = (
            _TOOK_PART.search(sentence)
            if "articipated" in sentence or "took part" in sentence
            else None
        )
        value = number_value(took.group("number")) if took else None
        if took and value:
            strong.append((value, took.group().lstrip(".;: ").strip(), sentence))
        if "=" in sentence and role != "title":
            people_n = _people_n(sentence)
            if people_n:
                strong.append((*people_n, sentence))
        if strong:
            break
        # brackets opened and closed before each count, kept as the counts are read in order
        # (counting from the sentence's start for each grew with the square of its length)
        opened = closed = counted_to = 0
        label = _INLINE_LABEL.match(sentence)
        label_end = label.end() if label else 0
        study_word = sentence.find("stud", label_end)
        authors_in = any(map(sentence.__contains__, _AUTHORS_WORDS))
        # where a count summed into the one before it starts ("30 children treated with ITB
        # with 30 children who underwent SDR": one count of 60, not a second one of 30)
        summed_at = -1
        # "Extrapolating from the claims database, baclofen was prescribed to 33,061 patients":
        # a nation's numbers estimated from a sample, none of them the study's participants
        extrapolated = "xtrapolat" in sentence
        for found in count_matches(sentence):
            if extrapolated:
                break
            if found.start() == summed_at:
                continue
            opened += sentence.count("(", counted_to, found.start())
            closed += sentence.count(")", counted_to, found.start())
            counted_to = found.start()
            value = number_value(found.group("number"))
            if (
                value is None
                or value > 1_000_000
                or (
                    _is_year(found.group("number"))
                    and not _COUNT_NOT_YEAR.search(sentence, 0, found.start())
                )
            ):
                continue
            if value == 1 and _PLURAL_END.search(found.group()):
                # "One obstacle clinicians face is ...": one thing, then people in the plural
                continue
            before = sentence[max(0, found.start() - 60) : found.start()]
            after = sentence[found.end() : found.end() + 60]
            share = before.endswith(" of ") and _SHARE_OF.search(before) is not None
            # "None of the evaluable 15 sGBM patients demonstrated a PP", "All of the 40
            # patients improved": the whole group told, whatever befell it
            the_whole = "of " in before and _WHOLE_OF.search(before) is not None
            if not the_whole and (
                (not share and _SUBGROUP_AFTER.search(after))
                or (
                    # (a title's "Complications of ITB in 150 children" names the study's group;
                    # its "7 events in 5 patients" a part of it)
                    _SUBGROUP_BEFORE.search(before)
                    and not _MEASURED_IN.search(before)
                    and not (role == "title" and not COUNTED.search(before))
                )
                # "In four other patients the treatment was effective in the short term": the
                # rest of a group counted before, a part of it (not "this patient and 30 other
                # patients", a group added to one named)
                or (_OTHERS_COUNTED.match(found.group()) and not before.endswith(" and "))
                # "her two sisters were unaffected": a patient's healthy family, no
                # participants (not "a woman and her three daughters exhibited the phenotype")
                or (
                    _POSSESSIVE_END.search(before)
                    and _KIN_END.search(found.group())
                    and _UNAFFECTED.match(after)
                )
                # "We have 30 years of experience, and 160 patients currently receiving
                # treatment": the service's caseload, not the group studied
                or ("urrently" in after and _CENSUS_AFTER.match(after) and _WE_HAVE.search(before))
            ):
                continue
            if _UNIT_PARENTHESIS.search(sentence[max(0, found.start() - 120) : found.start()]):
                continue
            if found.group().lower().endswith("families") and _GENETIC_FAMILIES.search(sentence):
                continue
            if "%" in found.group() and not share and not _strong_before(before):
                # "58 (33%) patients of the total 176", "159 (80%) patients completed": a share
                # of a larger group, unless named as what was studied ("a qualitative study of
                # 26 (66%) patients from the first 39") or the whole a share was taken of
                # ("Twenty-nine of 116 (25%) patients had complications": the share is 29's)
                continue
            if (
                _LITERATURE_CASES.search(found.group())
                or _LITERATURE_CASES.match(after)
                or _PUBLISHED_AFTER.match(after)
                or ("case" in found.group().lower() and _SEARCH_FOUND_BEFORE.search(before))
            ):
                continue
            if (
                "referred" in after
                and _REFERRED_AFTER.match(after)
                and any(next(count_matches(later), None) for _, later in counted[index + 1 :])
            ):
                # "A total of 44 patients were referred for discussion of ITB therapy. Data
                # were extracted on 35 patients": those referred, of whom a later count was
                # studied (the coding manual: "148 were only referred", 84 randomised)
                continue
            if (
                _SCREENED_FOR_ELIGIBILITY.match(after)
                and _THEN_ENROLLED.search(sentence, found.end())
                and not _TEST_SCREENING.search(sentence)
            ):
                # "Of 315 people screened, 149 were eligible and 143 were randomized": those
                # screened for eligibility, and those found eligible, were not all studied (a
                # screening test of the therapy is: see _SCREENED_THEN_IMPLANTED)
                continue
            if opened > closed and _N_EQUALS.search(before, before.rfind("(") + 1):
                # "were included (n=10; 4 males, 6 females)": the bracket's own n = N is the
                # count (read below), what follows it a breakdown
                continue
            approximate = _APPROXIMATE.search(before)
            if approximate and _NOT_ROUND.match(approximate.group()) and value < 100 and value % 5:
                # "about four patients", "approximately 23 patients": no figure anyone rounds
                # to, so the count (an abstract translated from French may write "à propos de
                # quatre patients" as "about four patients")
                approximate = None
            if (
                approximate
                or opened > closed
                or (role == "title" and value >= 1000 and value % 1000 == 0)
            ):
                # (a title's round thousands, "a cohort study of 64,000 people", beside the
                # abstract's exact count)
                # A rounded figure, or a breakdown in brackets: only when nothing else is
                # ("(75 and 100 ug in 2 cases)" is a part of the patients, none at all).
                if not before.endswith(" in ") and not (
                    _general_use_in(sentence) and not _own_use_in(sentence)
                ):
                    rounded.append((value, found.group().strip(), sentence))
                continue
            evidence = found.group().strip()
            shared = (
                _SHARED_HEAD.search(sentence, max(0, found.start() - 160), found.start())
                if sentence[max(0, found.start() - 5) : found.start()].endswith(("and ", "or "))
                else None
            )
            if shared:
                start = shared.start()
                value += sum(number_value(m.group(1)) or 0
                             for m in _SHARED_NUMBER.finditer(shared.group()))  # fmt: skip
                evidence = sentence[start : found.end()].strip()
                before = sentence[max(0, start - 60) : start]
            elif (
                sentence[max(0, found.start() - 5) : found.start()].endswith("and ")
                and (pair := _BARE_PAIR.search(sentence, max(0, found.start() - 40), found.start()))
                and not _PAIR_NOT_AFTER.search(sentence, max(0, pair.start() - 20), pair.start())
            ):
                start = pair.start()
                value += number_value(pair.group(1)) or 0
                evidence = sentence[start : found.end()].strip()
                before = sentence[max(0, start - 60) : start]
            elif (
                _POSSESSIVE_END.search(before)
                and _KIN_END.search(found.group())
                and (
                    one := _ONE_AND_KIN.search(sentence, max(0, found.start() - 60), found.start())
                )
            ):
                # "a woman and her three daughters": the one named, and her family counted
                start = one.start()
                value += 1
                evidence = sentence[start : found.end()].strip()
                before = sentence[max(0, start - 60) : start]
            window = sentence[found.end() : found.end() + 220]
            if "." in window:
                # a decimal point is no sentence's end ("1020 patients (56.8% female) and 1022
                # patients"): read as another character of the same width
                window = DECIMAL_POINT.sub("\u00b7", window)
            if "9" in window or "20" in window:  # (a year of either century holds one)
                # a period's years are no group's count ("received a pump between 2000 and
                # 2019 and compared them with 2,448 patients"): read as other characters
                window = _YEAR_RANGE.sub(_masked, window)
            more = _MORE.match(window)
            if more is None and _COMPARING.search(before):
                # "We compared 25 children with ITB to 20 children without"
                more = _MORE_TO.match(window)
            if more is None and before.endswith((" in ", " among ")):
                more = _MORE_IN.match(window)
            paired = (
                _BRACKET_GROUP_BEFORE.search(sentence, max(0, found.start() - 160), found.start())
                if more is None and "=" in sentence
                else None
            )
            if paired:
                # "children who received a pump (n = 28) were compared with 28 children
                # matched for age": the group counted in brackets, and the one it was compared
                # with (the manual sums stated groups)
                value += int(paired.group("number"))
                evidence = sentence[paired.start() : found.end()].strip()
            compared = _COMPARED_BRACKET.match(window) if more is None and "=" in window else None
            if compared:
                value += int(compared.group("number"))
                evidence = sentence[found.start() : found.end() + compared.end()].strip()
            companions = _THEIR_PEOPLE_N.match(window) if more is None else None
            if companions:
                value += int(companions.group("number"))
                evidence = sentence[found.start() : found.end() + companions.end()].strip()
            if more and (
                not _SUBGROUP_AFTER.search(sentence[found.end() + more.end() :])
                or _complement(more.group(), sentence[found.end() + more.end() :])
                # (what controls "had" is their care, not a part of them: "20 controls had
                # usual care")
                or more.group().lower().endswith("controls")
            ):
                # a total followed by its breakdown ("Forty patients (22 with MS and 18 with
                # SCI)", "48 participants: 25 in the ITB group and 23 controls") adds nothing
                between = more.string[: more.start("number")]
                extra = number_value(more.group("number"))
                breakdown = (
                    # (a colon inside brackets is a label's: "relatives (FHP: family history
                    # positive) and 20 healthy controls")
                    ":" in _BRACKETED.sub("", between)
                    or between.count("(") > between.count(")")
                    # ("163 patients ... including 6 with MMPSI and 60 with unclassified EOEEs":
                    # some of them, named, not more)
                    or _PARTS_OF_THEM.search(between) is not None
                    # ("Of the 199 patients randomly assigned, 34 with DLB and 62 with PDD were
                    # given memantine": the ones it opened on, shared out)
                    or _OF_THE_OPENING.match(
                        sentence, label_end if label_end <= found.start() else 0, found.start()
                    )
                    is not None
                )
                told = sentence[found.start() : found.end() + more.end() + 60]
                if (
                    extra
                    and not breakdown
                    and (
                        _SCREENED_THEN_IMPLANTED.search(told)
                        or (
                            any(map(window.__contains__, _RECEIVING))
                            and _INCLUDED_THEN_IMPLANTED.search(told)
                        )
                    )
                ):
                    # "256 received a test injection and 170 underwent surgery": the larger
                    # screened number (the coding manual), not a sum
                    value = max(value, extra)
                    evidence = sentence[found.start() : found.end() + more.end()].strip()
                    summed_at = found.end() + more.start("number")
                elif extra and not breakdown:
                    # groups listed one after another ("15 with MS, 10 with SCI and 5 with
                    # CP"): every one of them, unless they add up to the count before them
                    # ("Seven patients met our criteria, three with adult-onset disease and
                    # four with childhood-onset disease": its breakdown)
                    # (not what a bracket breaks the count into: "359 persons (202 males, 157
                    # females) were matched to 349 persons")
                    listed = [
                        number_value(m.group("number"))
                        for m in _LISTED.finditer(_BRACKETED.sub(" ", between))
                    ]
                    parts = extra + sum(v for v in listed if v)
                    # (a breakdown: parts adding up to a count that is no item of the list
                    # itself; "15 patients with MS, 10 with SCI and 5 with CP" is a list)
                    itemised = sentence[found.end() : found.end() + 6].lstrip().startswith("with")
                    if itemised or not (any(listed) and parts == value):
                        value += parts
                        summed_at = found.end() + more.start("number")
                    evidence = sentence[found.start() : found.end() + more.end()].strip()
            # the words before the count, less an inline label ("Results: 12 patients"), read
            # in place (a copy of them for each count grew with the square of the sentence)
            start = found.start()
            head = label_end if label_end <= start else 0
            # "In one patient, the pump failed": one patient of a series is a subgroup.
            # (nor "In 2 patients, the implants were removed": the ones an event befell)
            opening = (
                _OPENING.match(sentence, head, start) is not None
                and value > 1
                and _EVENT_AFTER.match(sentence, found.end()) is None
                # (not a part of the people counted before it: "the authors report on four
                # patients ... For three patients: the episodes and the doses were correlated")
                and not any(earlier > value for earlier, _, _ in plain)
            )
            stud = study_word if head == label_end else sentence.find("stud", head)
            studied_in = (
                stud != -1
                and stud + 4 <= start
                # (looked for in the words before the count, not back to the start of a
                # sentence of any length: a search per count grew with the square of its length)
                and _STUDY_DONE_IN.search(sentence, max(head, start - 400), start) is not None
            )
            authors_did = (
                authors_in
                and _AUTHORS_DID_IN.search(sentence, max(head, start - 240), start) is not None
            )
            if (
                the_whole
                or _strong_before(before)
                or (_STRONG_AFTER.search(after) and not _BEFALL_IN.search(before))
                or opening
                or studied_in
                or authors_did
            ):
                strong.append((value, evidence, sentence))
                break  # (the first strong count: see above)
            else:
                plain.append((value, evidence, sentence))
    for found_counts, rule in (
        (strong, "participants stated as the study's (first such count; groups summed)"),
        (plain, "participants stated (first count of people; groups summed)"),
        (rounded, "a rounded or bracketed count, the only one stated"),
    ):
        if found_counts:
            value, evidence, sentence = found_counts[0]
            controls_counted = False
            for _, other in texts:
                looked = other is not sentence and (
                    "dditional" in other
                    or "urther" in other
                    or " also " in other
                    or "nother" in other
                )
                added = (
                    (_ADDITIONAL.search(other) or _ANOTHER_GROUP.search(other)) if looked else None
                )
                if added is None and not controls_counted:
                    # (a control group counted once: its n again in the results is no other)
                    added = _controls_apart(other, sentence)
                    controls_counted = added is not None
                extra = number_value(added.group("number")) if added else None
                if added and extra:
                    # "Ten patients were randomised ... Five additional patients were included
                    # in a control group": those added are participants too
                    value += extra
                    evidence = f"{evidence}; {added.group().strip()}"
            return SampleSize(value, "stated", evidence, rule, sentence.strip())
    events: set[int] = set()  # counts of things, not people, with their n = N
    for _, sentence in texts:
        equals = list(_N_EQUALS.finditer(sentence))
        if equals and "(" in sentence:
            things = [
                m for m in equals if _THINGS_N.search(sentence, max(0, m.start() - 60), m.start())
            ]
            if things:
                # "25.7% were device-related complications (n = 497)": events, not patients;
                # and a breakdown of them in the next sentence ("Of those, 50.3% were
                # catheter-specific (n = 250), 21.3% (n = 106) pump-specific ...") with them
                events.update(_n_value(m) for m in things)
                equals = [m for m in equals if m not in things]
            if equals and sum(_n_value(m) for m in equals) in events:
                equals = []
        if equals:
            # the one n = N of a sentence, or its groups side by side ("NR, n = 129 ... NB,
            # n = 76"): summed, as the manual sums stated groups
            values = [_n_value(m) for m in equals]
            rule = _ONE_N_EQUALS if len(values) == 1 else _GROUPS_N_EQUALS
            evidence = ", ".join(m.group() for m in equals)
            total = sum(values)
            if len(values) >= 3 and max(values) * 2 == total:
                # a total with its groups ("students (N=45) ... allocated to A (n=15), B (n=15)
                # or C (n=15)"): the total, not the total added to its parts
                total = max(values)
            elif len(values) >= 2 and _narrowed(sentence, equals):
                # a group narrowed step by step ("Patients (N=138) who responded to a trial
                # dose (n=133) and who began therapy (n=129)"): the larger, screened number
                # (the coding manual), not a sum
                total = max(values)
            for _, other in texts:
                controls = _controls_apart(other, sentence)
                if controls:
                    total += int(controls.group("number"))
                    evidence = f"{evidence}; {controls.group().strip()}"
                    break
            return SampleSize(total, "stated", evidence, rule, sentence.strip())
    if any(" the " in sentence for _, sentence in texts):
        return None  # (English: its counts in words were read above)
    for _, sentence in texts:
        if _FOREIGN_NUMBER_WORDS.isdisjoint(sentence.lower().split()):
            continue  # (a cheap first look: no other language's number word stands here)
        spoken = _FOREIGN_COUNT.search(sentence)
        if spoken:
            value = _FOREIGN_NUMBERS[spoken.group("number").lower()]
            return SampleSize(value, "stated", spoken.group(), _FOREIGN_RULE, sentence.strip())
    return None


# An n = N in brackets just after a count of things, not people ("complications (n = 497)",
# "catheter revisions (n = 12)", "adverse events (n=40)"; not people named by what they have:
# "children with infections (n = 9)", nor by a device: "patients with pumps (n = 39)")
_THINGS_N = compile_i(
    r"(?<!\bwith )(?<!\bhad )(?<!\bhaving )\b(?:complications?|(?:adverse )?events?"
    r"|procedures?|operations?|surger(?:y|ies)|revisions?|infections?|reports?|articles"
    r"|papers|refills?|admissions?|episodes?|visits?|implantations?|failures?"
    r"|malfunctions?)\s*\(\s*$"
)


# Just after one n = N, words that narrow the same people to the next ("(N=138) who
# responded ... (n=133) and who began ..."; not another group's own clause: "daily injectors
# (N = 1167) with misusers who never injected (N = 161)")
_NARROWING = compile_i(
    r"[)\s,;]*(?:and\s+|then\s+)?(?:who|of whom|of these|of those|of them|of which)\b"
)


# ... or the next named as what remained of it ("a database (n = 14 620), excluding ...
# (n = 11685 retained)")
_REMAINDER = compile_i(r"\s*(?:retained|remaining|remained|left|kept|included|eligible)\b")


def _narrowed(sentence: str, equals: list[re.Match[str]]) -> bool:
    """Whether the n = N of SENTENCE (EQUALS, in order) count one group narrowed step by step:
    each no larger than the one before, the next told in a clause hung on the one before or
    named as what remained of it."""
    values = [_n_value(m) for m in equals]
    return all(b <= a for a, b in itertools.pairwise(values)) and all(
        _NARROWING.match(sentence, a.end(), b.start()) is not None
        or _REMAINDER.match(sentence, b.end()) is not None
        for a, b in itertools.pairwise(equals)
    )


def _controls_apart(other: str, counted: str) -> re.Match[str] | None:
    """Return the control group counted in OTHER, a sentence apart from the one COUNTED
    (which names no controls itself: "42 patients and 42 matched controls" are counted)."""
    if other is counted or "ontrol" not in other or "ontrol" in counted:
        return None
    if len(_N_EQUALS.findall(other)) != 1:
        return None  # (groups side by side, "a control (n = 12) or a treated group (n = 14)":
        # a breakdown of those counted, or more groups than a control group)
    return _CONTROLS_N.search(other)


def _n_value(found: re.Match[str]) -> int:
    """Return the count of an _N_EQUALS match ("n = 1,020" -> 1020)."""
    digits = found.group("number") or found.group("bare")
    return int("".join(c for c in digits if c.isdigit()))


def _people_n(sentence: str) -> tuple[int, str] | None:
    """Return the count of SENTENCE written as the people and their n in brackets
    ("Subjects (N=75) were administered the ROCA"), alone or as the total of the groups it
    was split into ("Eligible subjects (N=433) were randomly assigned to STI (n=210) or UC
    (n=223)"), with its words; only as the sentence's subject or a sample's ("a cohort of
    stroke participants (n = 70)"), not "survival was longer in patients (n=8) who ..."."""
    # (the bracket found first, then the people named just before it: a search for the
    # people's words at every position of the sentence cost 3% of all tagging)
    people = None
    for bracket in _N_BRACKET.finditer(sentence):
        people = _PEOPLE_BEFORE.search(sentence, max(0, bracket.start() - 40), bracket.start())
        if people:
            break
    if people is None:
        return None
    count = int(bracket.group(1).replace(",", ""))
    opening = _INLINE_LABEL.match(sentence)
    subject = people.start() - (opening.end() if opening else 0) <= 30
    if not count or not (
        subject or _SAMPLE_OF.search(sentence, max(0, people.start() - 60), people.start())
    ):
        return None
    values = [_n_value(m) for m in _N_EQUALS.finditer(sentence)]
    if values.count(count) != 1:
        return None
    parts = [v for v in values if v != count]
    if parts and sum(parts) != count:
        return None
    return count, f"{people.group(1)} (n = {count})"


def _inline_role(role: str, sentence: str) -> str:
    """Return a sentence's role, read from an inline label ("Methods: ...") when it has one."""
    if role != "abstract":
        return role
    found = _INLINE_LABEL.match(sentence)
    if not found:
        return role
    label = found.group("label").lower()
    return _INLINE_ROLE.get(label, "methods")


# One patient as the subject of a sentence ("A woman with spinal cord injury became ...").
ONE_SUBJECT = (
    r"(?:an?|one) (?:[\w-]+ ){0,3}?(?:woman|man|boy|girl|child|infant|toddler|adolescent|adult"
    r"|teenager|patient|lady|individual|person|participant|neonate|newborn|female|male)"
    r"(?: aged \d+(?: years)?)? (?:with|who"
    r"|whose|aged|presented|developed|born|admitted|referred"
    r"|underwent|was|had|became|receiving|on"
    # ("a patient showing clinically Rett syndrome", "a girl presenting with", "a man suffering
    # from")
    r"|showing|presenting|suffering|diagnosed|carrying|harbou?ring|affected)\b"
)
# A second patient given an age of their own: "a 34-year-old man and a 45-year-old woman"
_SECOND_PATIENT = compile_i(
    r"[^.;]{0,60}?\band (?:his|her|their|a|an) (?:\w+ )?\d+[- ](?:year|month|week|day)s?[- ]old\b"
)
_ONE_PATIENT = compile_i(
    r"(?:^|(?<=[.!?] ))" + ONE_SUBJECT + "|"
    r"\b(?:a|an|one) \d+[- ](?:year|month|week|day)s?[- ]old\b"
    # the age as case notes and meeting abstracts shorten it ("Case: 31 yo G2P1 presented",
    # "a 45 y/o man")
    r"|(?:^|(?<=[.!?] )|(?<=: )|(?<=\n)|\b(?:a|an) )\d{1,3}[- ]?(?:yo|y/o|y\.o\.|yrs?[- ]old)"
    r"(?=[\s,])"
    # the age opening a sentence without an article ("Seventy-four-years-old female suffered
    # from spasticity", "45-year-old man presented with ...")
    r"|(?:^|(?<=[.!?] )|(?<=: ))(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month|week|day)s?[- ]old"
    r" (?:[\w-]+ )?(?:female|male|woman|man|boy|girl|patient|child|infant|lady|gentleman)\b"
    r"|\b(?:we|the authors?|I) (?:report(?:ed)?|describe[sd]?|present(?:ed)?) "
    r"(?:here )?(?:a|an|the case of an?|one)\b(?! (?:series|number|total|cohort|review))"
    r"|\b(?:a|one) case of\b|\bcase of a\b|\bcase report of (?:a|an|one)\b"
    # ("a case study of a 20-year survivor"; not "a case study of a software firm")
    r"|\bcase study of (?:a|an|one) (?:[\w-]+ ){0,3}?(?:patient|man|woman|boy|girl|child|infant"
    r"|adult|adolescent|survivor|person|individual|veteran)\b"
    # a patient named by a title and an initial, as case studies of psychology name them
    # ("Mrs. H, aged 51, was referred for a neuropsychological assessment")
    r"|(?-i:\b(?:Mr|Mrs|Ms|Miss)\.?\s[A-Z]\.?)(?=[\s,;:])"
    # one case added to the literature's ("to which we add our patient", "We add a new case")
    r"|\bwe (?:present|describe|report|add) our (?:own )?(?:patient|case)\b(?!s)"
    r"|\bwe add (?:an?|one|another) (?:(?:new|further|fresh|additional|novel|similar) )?"
    r"(?:[\w-]+ )?(?:case|patient)\b(?!s)"
    # ("Exploring white matter after stroke: a single case study of computerized training")
    r"|\b(?:a|one) single[- ]case study\b"
    r"|\bwe (?:trained|treated|studied|followed|assessed|examined|tested|evaluated|encountered|saw"
    r"|managed|admitted) an? (?:[\w-]+"
    r" )?(?:individual|person|participant|patient)\b"
    r"|\b(?:reports?|shares?|describes?|presents?)\s+(?:here\s+)?(?:a|one)\s+case\b"
    r"|(?:^|(?<=[.!?] ))this (?:[\w-]+ ){0,2}?(?:boy|girl|man|woman|child|infant|adolescent"
    r"|toddler|teenager|lady)\b"
    # the same in French, Spanish, Portuguese and Italian ("\u00e0 propos d'un cas", "chez un
    # patient h\u00e9mipl\u00e9gique", "a prop\u00f3sito de un caso", "em um paciente")
    r"|\b(?:\u00e0 propos d[\u2019']un|a prop\u00f3sito de u[nm]|a proposito di un) caso?\b"
    r"|\b(?:chez|pour) (?:un|une) (?:patient|patiente|homme|femme|enfant|gar\u00e7on|fille)\b"
    r"|\b(?:en|de|em|in|di) (?:un|una|um|uma) (?:paciente|doente|var\u00f3n|mujer"
    r"|homem|mulher|ni\u00f1[oa]|crian\u00e7a|donna|uomo|bambin[oa])\b"
)


# "Two children developed a fluid collection": a case report's patients as the subject of its
# opening sentence (elsewhere such a count is more often a subgroup).
_FEW_PATIENTS = compile_i(
    r"(?:^|(?<=[.!?] )|(?<=\n))(?P<number>one|two|three|[123]) (?:[\w-]+ ){0,2}?"
    r"(?:patients|children|adults|women|men|boys|girls|cases|infants|adolescents|persons)"
    r" (?:developed|presented|experienced|had|suffered|underwent|required|received|were)\b"
)
# The same patient inside a sentence ("Over 9 months, a young woman with a stroke was trained",
# "learning by a woman with impaired memory", "infection developed in a girl with CP").
ONE_SUBJECT_WITHIN = (
    r"(?:(?<=, )|(?<=\bin )|(?<=\bby )|(?<=\bof )|(?<=\bfor )|(?<=\bto ))" + ONE_SUBJECT
)
_ONE_PATIENT_WITHIN = compile_i(ONE_SUBJECT_WITHIN)


# Two or three reports of cases the authors present: "We present 2 case reports that
# illustrate ...", "Two case reports are described" (elsewhere "case reports" count papers:
# _COUNT_TAIL)
_CASE_REPORTS_TOLD = compile_i(
    r"\b(?:we|the authors?) (?:present|report|describe)\w* (?:here )?(?P<number>two|three|[23])"
    r" (?:[\w-]+ ){0,2}?case reports\b"
    r"|\b(?P<told>two|three|[23]) (?:[\w-]+ ){0,2}?case reports (?:are|were) (?:presented"
    r"|reported|described)\b"
)


# A pair of patients told together: "monozygotic twin brothers", "a brother and sister".
_A_PAIR = compile_i(
    r"\b(?:(?:a pair of|two) )?(?:(?:monozygotic|dizygotic|identical|fraternal) )?(?:twin"
    r" (?:brothers|sisters|boys|girls)|twins\b(?! (?:study|studies|registry|cohort))|a brother"
    r" and (?:his |a )?sister|a sister and (?:her |a )?brother)\b"
)


# ... where one twin is the case ("We report on a monozygotic twin with VGAM")
_ONE_TWIN = compile_i(r"\b(?:a|one) (?:[\w-]+ ){0,2}?twin (?:with|who|had|has|was)\b")


# The literature's cases a systematic review pools: "To date there have been 19 reported
# cases of adenohypophyseal tumors treated", "47 published cases were identified"
_CASES_POOLED = compile_i(
    rf"\b{_NUMBER} (?:[\w-]+ ){{0,2}}?(?:published|reported|previously (?:reported|published"
    r"|described)) (?:cases|patients)\b"
    rf"|\b{_NUMBER.replace('<number>', '<later>')} (?:[\w-]+ ){{0,2}}?(?:cases|patients)"
    r" (?:were|have been|had been) (?:published|reported|described|identified|found|included)\b"
)


def cases_pooled(abstract: Sequence[tuple[str, str]]) -> SampleSize | None:
    """Return N for a systematic review of case reports: the published cases it pools (the
    coding manual: a systematic review's N is its pooled participants)."""
    for _, text in abstract:
        found = _CASES_POOLED.search(text) if "cases" in text or "patients" in text else None
        value = number_value(found.group("number") or found.group("later")) if found else None
        if found and value:
            return SampleSize(value, "stated", found.group(), "the published cases pooled", text)
    return None


def one_patient(title: str, abstract: Sequence[tuple[str, str]]) -> SampleSize | None:
    """Return N for a case report: 1 where it describes one patient ("a 45-year-old man"),
    two where a pair is told together ("We present twin brothers"), two or three where its
    patients open a sentence ("Two children developed ...")."""
    texts = [title, *(s for _, s in abstract)]
    one_twin = any(_ONE_TWIN.search(text) for text in texts if "win" in text)
    for text in texts:
        pair = _A_PAIR.search(text) if ("win" in text or "ister" in text) else None
        if pair and not (one_twin and "twin" in pair.group().lower()):
            return SampleSize(2, "stated", pair.group(), "two patients described", text)
    for text in texts:
        told = _CASE_REPORTS_TOLD.search(text) if "case reports" in text else None
        value = number_value(told.group("number") or told.group("told")) if told else None
        if told and value:
            return SampleSize(value, "stated", told.group(), "the patients reported", text)
    for text in texts:
        found = _ONE_PATIENT.search(text)
        if found:
            second = _SECOND_PATIENT.match(text, found.end())
            if second:  # "A 7-year-old boy and his 9-year-old sister"
                evidence = text[found.start() : second.end()]
                return SampleSize(2, "stated", evidence, "two patients described", text)
            return SampleSize(1, "stated", found.group(), "one patient described", text)
    for text in texts:
        few = _FEW_PATIENTS.search(text)
        value = number_value(few.group("number")) if few else None
        if few and value:
            return SampleSize(value, "stated", few.group().strip(), "the patients reported", text)
    for text in texts:
        found = _ONE_PATIENT_WITHIN.search(text)
        if found:
            return SampleSize(1, "stated", found.group(), "one patient described", text)
    return None


def _groups_listed(sentence: str) -> SampleSize | None:
    """Return the sum of groups SENTENCE announces by their number and lists one to a clause
    ("There were 4 groups: A, 26 patients ...; B, 11 patients ...; and D, the control group:
    103 patients"): each clause's first count of people, where there are as many as announced
    (the manual sums stated groups; "two groups: 10 with MS and 12 with SCI" is one clause,
    read as any sentence is)."""
    announced = _GROUPS_ANNOUNCED.search(sentence)
    wanted = number_value(announced.group("count")) if announced else None
    if announced is None or wanted is None or wanted < 2:
        return None
    listed = [next(count_matches(part), None) for part in sentence[announced.end() :].split(";")]
    values = [number_value(found.group("number")) for found in listed if found]
    if len(values) != wanted or not all(values):
        return None
    evidence = "; ".join(found.group() for found in listed if found)
    rule = "groups announced by their number and listed, summed"
    return SampleSize(sum(v or 0 for v in values), "stated", evidence, rule, sentence.strip())


def counts_n_equals(size: SampleSize) -> bool:
    """Return whether SIZE was read from "n = N" alone (which in a review counts studies)."""
    return size.rule in (_ONE_N_EQUALS, _GROUPS_N_EQUALS)


# What opens a count that could be read as a year ("2051 patients were randomized", "A total
# of 1999 patients"): the sentence's start or the words that name a count (a year follows
# "in", "since", "by": "In 2010 patients were offered a pump")
_COUNT_NOT_YEAR = compile_i(
    r"(?:^|[:;]|\b(?:a total of|total of|in total|included|including|enrolled|recruited"
    r"|randomi[sz]ed|comprised|comprising|involving|sample of|cohort of|data from|data on"
    r"|data of|records of|among|of the|of all"
    # "48 studies with 2069 patients" (not "compared with 2019")
    r"|(?<!compared )(?<!comparison )(?<!together )with))\W*$"
)


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100
