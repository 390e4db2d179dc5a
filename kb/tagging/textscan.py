"""Finding taxonomy phrases in text: word tokens with folded spelling, a phrase index keyed on
the first word (one dictionary look-up per word, however many synonyms), and the scope of
negations and hypotheticals around a mention. Pure."""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, Final, Generic, TypeVar

import ahocorasick

from kb.tagging.opening import compile_i

T = TypeVar("T")
K = TypeVar("K")

_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
_STAR = "Zqstarq"  # stands for "*" while a synonym is split into words
# (the mark taken in, not looked behind at: the engine then skips to the marks of a text)
_SENTENCE_END = re.compile(r"[.!?](\s+)(?=[\"'(\[]?[A-Z0-9])")
# (a person's title as written, "Mrs. H, aged 51": its capitals held, "with MS. Results"
# ends a sentence)
_ABBREVIATION_END = re.compile(
    r"\b(?:et al|e\.g|i\.e|vs|approx|Fig|no|Dr|ca|cf|(?-i:Mr|Mrs|Ms|Prof))\.$", re.IGNORECASE
)
_ABBREVIATION_REACH = len("approx.") + 1  # the longest abbreviation, and one more


@lru_cache(maxsize=200_000)
def norm(token: str) -> str:
    """Return the comparison form of one word: lower case, no accents, American spelling,
    singular ("Paediatric" -> "pediatric", "randomised" -> "randomized", "injuries" -> "injury")."""
    word = token.lower()
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
        word = word.replace("µ", "μ")
    if len(word) > 3:
        word = _BRITISH.sub(_american, word.replace("ae", "e").replace("oe", "e"))
    return _singular(word)


_BRITISH = re.compile(r"(?<=\w\w)(?:is(e|ed|es|ing|ation|ations)|ys(e|ed|es|ing)|our|tre)$")


def _american(found: re.Match[str]) -> str:
    text = found.group()
    if text.startswith("is"):
        return "iz" + text[2:]
    if text.startswith("ys"):
        return "yz" + text[2:]
    return {"our": "or", "tre": "ter"}[text]


# Nouns in -us whose plural adds -es (the others in -uses are plurals of words in -use)
_US_NOUNS = frozenset(
    {"bolus", "virus", "fetus", "foetus", "sinus", "plexus", "census", "hiatus", "meatus",
     "status", "apparatus", "consensus", "focus", "prospectus", "campus", "bonus", "stylus",
     "thrombus", "fungus", "uterus", "calculus", "embolus", "stimulus", "nexus"}
)  # fmt: skip


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("uses"):  # "boluses" -> "bolus", but "causes" -> "cause"
        return word[:-2] if word[:-2] in _US_NOUNS else word[:-1]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ys", "as", "os")):
        return word[:-1]
    return word


# One word of a sentence: (start, end, text, comparison form). A plain tuple: sentences are
# split into words for every record tagged, and tuples are the cheapest to make.
Token = tuple[int, int, str, str]
START: Final = 0
END: Final = 1
TEXT: Final = 2
NORM: Final = 3


def type_key(name: str) -> str:
    """Return the comparison form of a publication type's name, its words by norm()
    ("Randomised Controlled Trials" and "Randomized Controlled Trial" are one)."""
    return " ".join(norm(word) for word in _TOKEN.findall(name))


def tokens(text: str) -> list[Token]:
    """Return the words of TEXT with their spans."""
    # (split by the pattern with a group: words and what lies between them, alternately;
    # the spans counted from their lengths, cheaper than a match object per word)
    parts = _TOKEN_SPLIT.split(text)
    found: list[Token] = []
    position = len(parts[0])
    between = iter(parts[2::2])
    for word in parts[1::2]:
        end = position + len(word)
        found.append((position, end, word, norm(word)))
        position = end + len(next(between))
    return found


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, sentence) of TEXT, not splitting after "et al.", "e.g.", "vs."."""
    start = 0
    for mark in _SENTENCE_END.finditer(text):
        # only the last few characters can end in an abbreviation: searching from the
        # sentence's start instead grew with the square of a text of many "et al." in a row
        # (a reference list pasted as an abstract: 110 kB took 15 s)
        ends = mark.start(1)
        if _ABBREVIATION_END.search(text, max(start, ends - _ABBREVIATION_REACH), ends):
            continue
        yield start, text[start:ends]
        start = mark.end()
    if start < len(text):
        yield start, text[start:]


@dataclass(frozen=True)
class Phrase:
    """A synonym, split into comparison forms, with the entry it signals."""

    facet: str
    id: str
    text: str
    norms: tuple[str, ...]
    prefix: tuple[bool, ...]
    exact: tuple[str, ...] | None  # capitals: the words as written, matched case-sensitively


def phrase_variants(synonym: str) -> list[str]:
    """Return SYNONYM and its hyphen variants: "post-dural" -> "post dural", "postdural"."""
    variants = [synonym]
    if "-" in synonym:
        variants.append(re.sub(r"(?<=\w)-(?=\w)", "", synonym))
    return variants


def make_phrase(facet: str, entry_id: str, synonym: str) -> Phrase | None:
    """Return the Phrase of SYNONYM (None when it holds no word)."""
    words = _TOKEN.findall(synonym.replace("*", _STAR))
    if not words:
        return None
    prefix = tuple(w.endswith(_STAR) for w in words)
    words = [w.removesuffix(_STAR) for w in words]
    letters = "".join(c for c in synonym if c.isalpha())
    capitals = sum(c.isupper() for c in letters) >= 2 and " " not in synonym.strip()
    norms = tuple(_prefix_form(w) if p else norm(w) for w, p in zip(words, prefix, strict=True))
    return Phrase(facet, entry_id, synonym, norms, prefix, tuple(words) if capitals else None)


def _prefix_form(prefix: str) -> str:
    """The start of a word's comparison form ("Haemorrhag" -> "hemorrhag")."""
    return norm(prefix + "x")[:-1] if len(prefix) > 2 else prefix.lower()


# A phrase as a bucket of PhraseIndex holds it: (phrase, its number of words, the words left
# to compare after those the bucket's key guarantees as (index, comparison form, whether a
# prefix), the words as written where capitals count)
_Indexed = tuple[Phrase, int, tuple[tuple[int, str, bool], ...], tuple[str, ...] | None]
_REMEMBERED_WORDS = 200_000  # (how many words' "opens a phrase or not" are kept)
_REMEMBERED_SETS = 5_000  # (sets of a group's words found, with their patterns: at most 3 MB)
_SECOND = itemgetter(1)


class PhraseIndex:
    """Phrases keyed by their first word's comparison form (one-word phrases) or their first
    two (longer ones); phrases starting with a prefix word by its first 4 letters."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        single: dict[str, list[Phrase]] = {}
        pairs: dict[tuple[str, str], list[Phrase]] = {}
        starts: dict[str, list[Phrase]] = {}  # first word is a prefix: by 4 letters
        seconds: dict[str, list[Phrase]] = {}  # second word is a prefix: by the first
        for phrase in phrases:
            if phrase.prefix[0]:
                starts.setdefault(phrase.norms[0][:4], []).append(phrase)
            elif len(phrase.norms) == 1:
                single.setdefault(phrase.norms[0], []).append(phrase)
            elif phrase.prefix[1]:
                seconds.setdefault(phrase.norms[0], []).append(phrase)
            else:
                pairs.setdefault((phrase.norms[0], phrase.norms[1]), []).append(phrase)
        # (longer phrases first; the words a key guarantees are not compared again: a single
        # word's key is the word, a pair's its two words, a prefix's only its 4 letters)
        self.single = _indexed(single, 1)
        self.pairs = _indexed(pairs, 2)
        self.starts = _indexed(starts, 0)
        self.seconds = _indexed(seconds, 1)
        # Words that open some phrase: most words of a sentence open none, and are passed
        # over with one look-up of what was found for the same word before.
        self.openers = frozenset(single) | {a for a, _ in pairs} | set(seconds)
        self.start_letters = frozenset(starts)
        self._opens: dict[str, bool] = {}

    def find(self, words: list[Token]) -> Iterator[tuple[Phrase, int, int]]:
        """Yield (phrase, first word index, last word index) of every phrase found in WORDS,
        in reading order, longer phrases first where several start on one word."""
        count = len(words)
        pairs, single, starts, seconds = self.pairs, self.single, self.starts, self.seconds
        remembered = self._opens
        for i in range(count):
            current = words[i][NORM]
            opens = remembered.get(current)
            if opens is None:
                if len(remembered) >= _REMEMBERED_WORDS:
                    remembered.clear()
                opens = current in self.openers or current[:4] in self.start_letters
                remembered[current] = opens
            if not opens:
                continue
            following = words[i + 1][NORM] if i + 1 < count else ""
            for candidates in (
                pairs.get((current, following)),
                seconds.get(current),
                single.get(current),
                starts.get(current[:4]),
            ):
                if not candidates:
                    continue
                for phrase, length, checks, exact in candidates:
                    end = i + length
                    if end > count:
                        continue
                    for k, wanted, prefix in checks:
                        norm_k = words[i + k][NORM]
                        if not norm_k.startswith(wanted) if prefix else norm_k != wanted:
                            break
                    else:
                        if exact is None or all(
                            words[i + k][TEXT] == written for k, written in enumerate(exact)
                        ):
                            yield phrase, i, end - 1


def _indexed(bucket: dict[K, list[Phrase]], guaranteed: int) -> dict[K, tuple[_Indexed, ...]]:
    """Return BUCKET's phrases, longest first, each with the words left to compare after the
    first GUARANTEED ones."""
    return {
        key: tuple(
            (p, len(p.norms), tuple((k, p.norms[k], p.prefix[k]) for k in range(guaranteed,
                                                                              len(p.norms))),
             p.exact)
            for p in sorted(phrases, key=lambda p: -len(p.norms))
        )
        for key, phrases in bucket.items()
    }  # fmt: skip


# Negation and hypothetical cues (comparison forms), after NegEx: a cue governs the words
# after it up to a terminator, or a few words before it.
NEGATION_BEFORE = {
    "false",  # "false positive evidence of catheter migration"
    "no",
    "not",
    "without",
    "neither",
    "nor",
    "none",
    "never",
    "absence",
    "absent",
    "denied",
    "deny",
    "free",
    "lack",
    "nil",
    "zero",
    "excluded",
    "exclude",
    "ruling",  # "after ruling out other disorders and infections"
    "ruled",  # "we ruled out infection"
    # as abstracts in other languages deny a harm ("keine Infektionen", "ninguna infección",
    # "aucune infection", "sin complicaciones"; comparison forms: "não" is "nao"). ("sans",
    # "sem" are left out: their forms are "san" as in San Diego and "sem" as in mean +/- SEM;
    # Italian's "non" is asked apart, in qualify(): it is also English's prefix)
    "sin",
    "senza",
    "ohne",
    "zonder",
    "kein",
    "keine",
    "keinen",
    "keiner",
    "keinem",
    "aucun",
    "aucune",
    "ningun",
    "ninguna",
    "ninguno",
    "nessun",
    "nessuna",
    "nessuno",
    "nenhum",
    "nenhuma",
    "geen",
    "nunca",
    "jamais",
    "nao",
}
# ("patients with multiple sclerosis were excluded", "infection was ruled out")
NEGATION_AFTER = {
    "not", "never", "none", "absent", "nil", "unremarkable", "unrelated", "excluded", "ruled",
    # ... and other languages ("Infektionen traten nicht auf", "a infecção não ocorreu",
    # "l'infection n'a pas été observée")
    "nicht", "nao", "pas",
}  # fmt: skip
# A harm that happened but not more than elsewhere ("scoliosis did not progress faster than
# expected", "infections did not increase"): the coding manual tags it
COMPARED_AFTER = {"faster", "quicker", "sooner", "more", "increase", "increased", "higher", "worse"}
NOT_A_NEGATION_AFTER = {
    # "Seizures not previously seen occurred in two patients": new to them, not absent
    "previously",
    "differ",
    "different",
    "significantly",
    "significant",
    "statistically",
    "only",
    "change",
    "changed",
    "affect",
    "affected",
    "correlate",
    "correlated",
    "associated",
    "related",
    "predict",
    "predictive",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "reach",
    "require",
    "required",
    "necessarily",
    "always",
    "fully",
    "completely",
    "yet",
    "more",
    "higher",
    "greater",
    "worse",
    "accelerate",
    "accelerated",
    # how bad it was, not whether it happened ("weakness was not severe but required a lower
    # dose", "the leak was not serious")
    "severe",
    "serious",
    "permanent",
    "persistent",
    "lasting",
    "long-lasting",
    "disabling",
    "life-threatening",
    "troublesome",
    "bothersome",
    # how often, said by litotes ("troubles regarding the catheter system is not rare"): it
    # happens
    "rare",
    "uncommon",
    "infrequent",
    "unusual",
    "negligible",
    # the harm that stayed ("the infection did not respond to antibiotics", "withdrawal
    # symptoms did not resolve until the catheter was replaced"): it happened
    "resolve",
    "respond",
    "subside",
    "abate",
    "disappear",
    "settle",
    "improve",
    "heal",
}
ALWAYS_HYPOTHETICAL = {
    "minimize",
    "minimise",
    "minimizing",
    "minimising",
    "prevent",
    "prevention",
    "preventing",
    "avoid",
    "avoids",
    "avoided",
    "avoiding",
    "avoidance",
    "mimic",
    "mimicking",
    "mimicked",
    "simulating",
    "masquerading",
    "resembling",
    "resemble",
    "differential",
    "suspected",
    "suspicion",
    "whether",
    "exclude",
    # a diagnosis that proved wrong ("misdiagnosed as sepsis", "mistaken for a pump stall")
    "misdiagnosed",
    "misdiagnosis",
    "mistaken",
    "misinterpreted",
    # what the patients feared, counted or not ("10 patients (50%) feared pump failure")
    "fear",
    "feared",
    "fearing",
    "afraid",
    "worried",
}
HYPOTHETICAL_BEFORE = ALWAYS_HYPOTHETICAL | {
    # a proneness, no event ("improvement in ... liability to skin breakdown")
    "liability",
    "susceptibility",
    "propensity",
    "tendency",
    "avert",
    "minimize",
    "minimizing",
    "risk",
    "potential",
    "potentially",
    "possible",
    "possibly",
    "may",
    "might",
    "could",
    "can",
    "should",
    "must",
    "would",
    "if",
    "warn",
    "warning",
    "caution",
    "concern",
    "prophylaxi",
    "prophylactic",
    "danger",
    "dangerou",
    "educate",
    "education",
    "recognize",
    "recognition",
    "unless",
    "hypothetical",
    "theoretical",
    "anticipate",
    "anticipated",
    # a working diagnosis ("it was assumed that there was a catheter obstruction", "initially
    # believed to have migrated")
    "believed",
    "assumed",
    "presumed",
    "presumably",
}
HYPOTHETICAL_AFTER = {"should", "must", "may", "might", "can", "could", "would"}
# What a case is likened to is no event of its own ("status dystonicus resembling the
# withdrawal syndrome"), but a cause named after the likeness happened ("dystonia resembling
# status epilepticus following acute withdrawal").
_RESEMBLING = {
    "mimic", "mimicking", "mimicked", "simulating", "masquerading", "resembling", "resemble",
}  # fmt: skip
_CAUSE_WORDS = {"following", "after", "secondary", "caused", "due", "because", "owing"}
# A diagnosis weighed against another ("its differential diagnosis with sepsis", "may mimic
# meningitis", "mistaken for a pump stall"): no risk of the therapy even where a review names
# it (qualify() says "differential", which a review's topic rule leaves untagged).
DIFFERENTIAL = frozenset(
    _RESEMBLING | {"differential", "misdiagnosed", "misdiagnosis", "mistaken", "misinterpreted"}
)

TERMINATORS = {
    "but",
    "however",
    "although",
    "though",
    "except",
    "whereas",
    "while",
    "yet",
    "apart",
    "aside",
    "besides",
    "nevertheless",
    "nonetheless",
    "despite",
    # "the error was not noticed until the patient became comatose": what came after it
    "until",
    "who",
    "which",
    "whom",
    # a working diagnosis that "turned out to be" or "proved to be" another
    "turned",
    "proved",
    "proven",
    # "but" in other languages (Spanish, French, German, Italian, Dutch, Portuguese)
    "pero",
    "mais",
    "aber",
    "jedoch",
    "sondern",
    "tuttavia",
    "maar",
    "porem",
}
# Between a negation and a harm, words that make it a comparison ("no significant difference
# in infection rates", "does not accelerate scoliosis"): the harm was studied and happened,
# it was not increased (the coding manual tags it).
NOT_THE_HARM = {
    "difference", "differences", "different", "increase", "increased", "increases", "excess",
    "more", "higher", "greater", "worse", "worsening", "accelerate", "accelerated",
    "acceleration", "rise", "elevated",
}  # fmt: skip
# A first diagnosis the text sets aside ("initially thought to be sepsis", "first diagnosed
# as a pump stall", "was initially diagnosed with meningitis"); "initially thought to be due to
# catheter migration" still attributes a harm that happened
_AT_FIRST = {"initially", "originally", "first", "mistakenly", "erroneously", "wrongly"}
# Every word before or after a mention that can make it negated or hypothetical (qualify()'s
# first look)
_NOT_ASSERTED_BEFORE = frozenset(
    NEGATION_BEFORE | HYPOTHETICAL_BEFORE | _AT_FIRST | {"than", "non", "instead"}
)
_NEGATED_BEFORE = frozenset(NEGATION_BEFORE | {"non"})  # (the same, negations alone)
# A harm kept from happening, told in the passive ("withdrawal was avoided by timely refills",
# "infection was prevented"; not "the kink prevented further dosing": the harm's own doing)
_KEPT_AWAY = frozenset({"avoided", "prevented", "averted"})
_PASSIVE = frozenset({"was", "were", "be", "been", "is", "are"})
# (with the words that say where it happened was no one: "was seen in no patient")
_NOT_ASSERTED_AFTER = frozenset(
    NEGATION_AFTER | HYPOTHETICAL_AFTER | _KEPT_AWAY | {"no", "neither", "zero", "nobody"}
)
_NEGATED_AFTER = frozenset(NEGATION_AFTER | _KEPT_AWAY | {"no", "neither", "zero", "nobody"})
_BUT_SOME = re.compile(r"\ball\s+(?:but|except)\b|\bexcept\b", re.IGNORECASE)
_WORKING_DIAGNOSIS = {
    "thought", "believed", "considered", "diagnosed", "suspected", "interpreted", "presumed",
    "felt", "attributed", "ascribed",
}  # fmt: skip
_ATTRIBUTION = {
    "due", "caused", "related", "secondary", "responsible", "associated", "attributable",
    "cause", "reason", "source", "result", "from", "because", "effective", "safe", "rare",
    "unlikely", "likely", "low", "high",
}  # fmt: skip
# A suspicion the sentence confirms ("suspected catheter malfunction was confirmed at surgery")
_CONFIRMED = re.compile(r"\bconfirm(?:ed|s|ing|ation)?\b", re.IGNORECASE)
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
}
_STARTS_CLAUSE = {"a", "an", "the", *NUMBER_WORDS}
_CLAUSE_DONE = {"occurred", "seen", "observed", "noted", "found", "reported", "recorded"}
# Verbs of going on ("doses kept rising", "spasms continued"), a clause's own
_KEPT = frozenset({"kept", "continued", "remained", "persisted", "rose", "fell", "grew"})
# A harm's predicate telling where it happened ("occurred in two patients", "was reported by
# two patients"; not "occurred in none", "was seen in no patient")
_EVENT_TOLD = frozenset({*_CLAUSE_DONE, "developed", "happened", "appeared", "arose"})
_WHERE_IT_HAPPENED = frozenset({"in", "among", "by"})
_NO_ONE = frozenset({"any"})  # ("in none" is a negation word: NEGATION_BEFORE has it)
_IN_NO_ONE = frozenset({"no", "neither", "zero", "nobody"})
# A new subject's words after "and" with no comma: a determiner, then a finite verb within
# three words ("and the pump was removed", "and her catheter had migrated")
_DETERMINERS = {"the", "his", "her", "their", "its"}
_FINITE = {"was", "were", "had", "has", "is", "are"}
# What the patients feared ("feared pump failure"): no event, counted or not
_FEARED = frozenset({"fear", "feared", "fearing", "afraid", "worried"})
# A harm found late ("Delayed recognition of baclofen overdose"; not "early recognition of
# withdrawal is essential": advice)
_LATE = frozenset({"delayed", "late", "belated"})
# The words that open a clause of its own before the main one ("Although no pump failed, ...")
_SUBORDINATORS = frozenset({"although", "though", "while", "whilst", "whereas"})


def _a_verb(word: str) -> bool:
    """Whether WORD reads as a verb of its own clause (a finite verb, or a past form)."""
    return (
        word in _FINITE
        or word in _VERBS_OF_THEIR_OWN
        or word in _CLAUSE_DONE
        or (len(word) > 4 and word.endswith("ed"))
    )


COUNTED = re.compile(r"\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
A_DIGIT = re.compile(r"\d")  # (a digit anywhere in a text)


# Answers about one sentence, asked once per mention in it, are kept for the last 256
# sentences: a sentence's mentions are read one after another, and exports repeat sentences
# from record to record (a database's copyright line, a journal's boilerplate). The
# sentences kept are held in memory (at most 256 of them, however long).
SENTENCE_CACHE: Final = 256


def found_in_sentence(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Return the test whether PATTERN is found anywhere in a sentence, answered once per
    sentence: rules ask it of every mention in the sentence, and an abstract with no full
    stops is one long sentence, where a search for each mention grew with its square."""

    @lru_cache(maxsize=SENTENCE_CACHE)
    def found(sentence: str) -> bool:
        return pattern.search(sentence) is not None

    return found


def may_be_in_sentence(gated: GatedPattern) -> Callable[[str], bool]:
    """Return the test whether GATED may match in a sentence at all (its first look: the
    words it needs), answered once per sentence, for a pattern matched at each mention."""

    @lru_cache(maxsize=SENTENCE_CACHE)
    def may(sentence: str) -> bool:
        return gated.may_match(first_look(sentence))

    return may


# Whether a sentence holds a count (a digit, a percentage, a number word).
counted_in = found_in_sentence(COUNTED)
_confirmed = found_in_sentence(_CONFIRMED)


# "... and did not", "... and was not": a second predicate of the same subject begins.
_AUXILIARIES = {"did", "does", "do", "could", "would", "was", "is", "has", "had", "have", "can"}
_FREE_OF = {"free", "freedom"}
# The verbs of a clause that follows "without" and its words ("without rash returned")
_VERBS_OF_THEIR_OWN = frozenset(
    {"returned", "recurred", "developed", "occurred", "appeared", "reappeared", "persisted",
     "worsened", "followed", "began", "started", "presented", "emerged"}
)  # fmt: skip
WINDOW_BEFORE = 9
WINDOW_AFTER = 6


def qualify(
    sentence: str, words: list[Token], first: int, last: int, hypotheticals: bool
) -> str | None:
    """Return None when the mention at words[FIRST..LAST] is asserted, else "negated",
    "hypothetical" or "differential" (a diagnosis weighed against another; the last two only
    when HYPOTHETICALS; a count in the sentence wins)."""
    counted = None
    k = first - 1
    window = [word[NORM] for word in words[max(0, first - WINDOW_BEFORE) : first]]
    if (_NOT_ASSERTED_BEFORE if hypotheticals else _NEGATED_BEFORE).isdisjoint(window) and (
        _RELATIVES.isdisjoint(window)
        or _DENIERS.isdisjoint(word[NORM] for word in words[max(0, first - 14) : first])
    ):
        k = -1  # (no word before it that can make it other than asserted: a first look)
    while k >= 0 and first - k <= WINDOW_BEFORE:
        if (
            words[k][NORM] in _RELATIVES
            and _negated_head(words, k)
            and _main_verb_between(words, k, first)
        ):
            # "None of the patients who had a revision developed an infection": the negated
            # subject's own predicate, after its relative clause (not "No patient who developed
            # an infection needed explantation": the harm inside the clause happened)
            return "negated"
        if _ends_clause(sentence, words, k):
            break
        if k == first - 1 and words[k][NORM] == "whose":
            # "could not be prevented in one man whose catheter had fractured": the harm heads
            # the relative clause, out of the negation's reach (not "No child whose catheter was
            # revised developed an infection": the negation's own predicate)
            break
        cue = words[k][NORM]
        if cue == "after":
            # "no further spasms after a catheter revision for a kink": what came before the
            # negated state happened (not "no infection after implantation": the harm first)
            break
        if cue == "non" and words[k + 1][NORM] in _ITALIAN_VERB_AFTER_NON:
            # Italian's negation stands before its verb ("Non si sono verificate infezioni",
            # "non è stata osservata"); "non-ambulant", "non ambulatory" are a word's prefix
            return "negated"
        if cue in NEGATION_BEFORE:
            if _aside_closed(sentence, words[k][START], words[first][START]):
                # "seizures (no new onset), somnolence, and nausea": a bracket's negation
                # ends with its bracket (not "No patient (0%) had an infection")
                break
            if cue == "none" and (
                first - k == 3
                and _NONE_OF_THE.match(sentence, words[k][END])
                and not words[last][NORM].endswith("ed")  # ("none of the catheters kinked")
            ):
                # "None of the infections required removal": the infections there were
                k -= 1
                continue
            if cue == "not" and words[k + 1][NORM] in _NOT_OF_ALL:
                # "not all infections required removal", "not only infection but also...":
                # some did happen
                k -= 1
                continue
            if cue == "without" and words[k + 1][NORM] in _WITHOUT_WHAT:
                # "Without warning, the pump stopped": how it happened, no absence of it
                k -= 1
                continue
            if cue == "without" and any(
                words[j][NORM] in _VERBS_OF_THEIR_OWN for j in range(k + 1, first)
            ):
                # "itching without rash returned after the catheter slipped out": "without"
                # takes the words after it, not the clause a verb of its own begins
                break
            if _EXCEPT_SOME.match(sentence, words[last][END]):
                break  # "No patient had an infection except one": one had it
            if not any(words[j][NORM] in NOT_THE_HARM for j in range(k + 1, first)):
                return "negated"
        elif (
            hypotheticals
            and cue in _AT_FIRST
            and k + 2 < first
            and words[k + 1][NORM] in _WORKING_DIAGNOSIS
            and (
                words[k + 2][NORM] in ("to", "as")
                or (words[k + 1][NORM], words[k + 2][NORM]) == ("diagnosed", "with")
            )
            and not any(words[j][NORM] in _ATTRIBUTION for j in range(k + 2, first))
        ):
            return "hypothetical"
        elif hypotheticals and cue == "than" and k > 0 and words[k - 1][NORM] == "rather":
            return "hypothetical"  # "rather than a true withdrawal syndrome": not that
        elif hypotheticals and cue == "of" and k > 0 and words[k - 1][NORM] == "instead":
            return "hypothetical"  # "indicating toxicity instead of withdrawal": not that
        elif (
            hypotheticals
            and cue in HYPOTHETICAL_BEFORE
            and not (cue in ("suspected", "suspicion") and _confirmed(sentence))
            and not (
                cue in _RESEMBLING
                and any(words[j][NORM] in _CAUSE_WORDS for j in range(k + 1, first))
            )
        ):
            if cue == "recognition" and k > 0 and words[k - 1][NORM] in _LATE:
                k -= 1  # "Delayed recognition of an overdose": one that happened, found late
                continue
            if cue in _FEARED and any(_a_verb(words[j][NORM]) for j in range(k + 1, first)):
                k -= 1  # "a fear of needles developed a pocket infection": the harm happened
                continue
            if cue in ALWAYS_HYPOTHETICAL:
                return "differential" if cue in DIFFERENTIAL else "hypothetical"
            counted = counted_in(sentence) if counted is None else counted
            if not counted:
                return "differential" if cue in DIFFERENTIAL else "hypothetical"
        k -= 1
    end = words[last][END]
    # (both anchored where the mention ends: no search of the whole sentence for each mention)
    if _may_count_none(sentence) and _NONE_COUNTED.match(sentence, end):
        return "negated"  # "infections occurred in 0 of 40 patients", "infection (0%)"
    if (
        hypotheticals
        and _may_suspect(sentence)
        and (
            _SUSPECTED_THEN_NOT.match(sentence, end)
            or (_SUSPECTED_BECAUSE.match(sentence, end) and not _confirmed(sentence))
        )
    ):
        # "malfunction was suspected, but the pump worked normally", "withdrawal was first
        # suspected because his refill was due"
        return "hypothetical"
    k = last + 1
    if (
        k < len(words)
        and words[k][NORM] in _FREE_OF
        and sentence[words[last][END] : words[k][START]] in ("-", " ", "\u2010")
    ):
        return "negated"  # "seizure-free", "infection free", "seizure freedom"
    if (
        hypotheticals
        and k < len(words)
        and words[k][NORM] == "like"
        and sentence[words[last][END] : words[k][START]] in ("-", "\u2010")
    ):
        return "hypothetical"  # "a sepsis-like picture", "seizure-like episodes": a likeness
    if _may_look_for(sentence) and _LOOKED_FOR_THEN_NOT.match(sentence, end):
        # "Infection was monitored weekly and did not occur", "Withdrawal was sought at every
        # visit but never found": a harm looked for, then its own predicate denies it
        return "negated"
    # a noun phrase set off by commas after the harm ("Drowsiness, a known side effect of
    # oral baclofen, was not seen"): the predicate after it is the harm's
    end_of_aside = _aside_end(sentence, words, last)
    if end_of_aside is not None:
        k = last = end_of_aside
        k += 1
    if (_NOT_ASSERTED_AFTER if hypotheticals else _NEGATED_AFTER).isdisjoint(
        [word[NORM] for word in words[k : last + WINDOW_AFTER + 1]]
    ):
        return None  # (the same after it)
    while k < len(words) and k - last <= WINDOW_AFTER:
        cue = words[k][NORM]
        if cue in TERMINATORS or _gap(sentence, words, k - 1, ";:") or cue.isdigit():
            break
        following = words[k + 1][NORM] if k + 1 < len(words) else ""
        if cue in ("and", "or") and following in _AUXILIARIES:
            break  # "the pump stalled and did not recover": another predicate's negation
        if (
            cue in ("and", "or")
            and following in ("not", "never")
            and words[last][NORM].endswith("ed")
            and k + 2 < len(words)
            and words[k + 2][NORM].endswith("ed")
            and not _NOT_CONFIRMED.match(sentence, words[k + 1][END])
        ):
            # "its rotor had stalled and not restarted": the harm's own predicate, then
            # another's negation (not "had migrated and not been confirmed")
            break
        if cue in _EVENT_TOLD and k + 2 < len(words) and words[k + 1][NORM] in _WHERE_IT_HAPPENED:
            told = words[k + 2][NORM]
            if told in _IN_NO_ONE:
                return "negated"  # "was seen in no patient", "occurred in neither group"
            if told not in NEGATION_BEFORE and told not in _NO_ONE:
                # "Infection occurred in two patients not given antibiotics": the harm's own
                # predicate told it happened; a negation after it is of the people's words
                break
        if cue == "not" and _gap(sentence, words, k - 1, ","):
            closing = _contrast_end(sentence, words, k)
            if closing is not None:
                # "Catheter migration, not pump failure, explained it", "Urinary retention, not
                # present before, developed": the negation is the aside's; the predicate
                # after it is the harm's
                k = last = closing
                k += 1
                continue
        if (
            cue in _KEPT_AWAY
            and words[k - 1][NORM] in _PASSIVE
            # ("was prevented in all but one patient": it happened in one)
            and not _BUT_SOME.search(sentence, words[k][END], words[k][END] + 60)
        ):
            return "negated"
        if cue == "not" and _NOT_PREVENTED.match(sentence, words[k][END]):
            break  # "Withdrawal could not be prevented in one patient": it happened
        if cue in NEGATION_AFTER:
            following = words[k + 1][NORM] if k + 1 < len(words) else ""
            if (
                following not in NOT_A_NEGATION_AFTER
                and not any(
                    words[j][NORM] in COMPARED_AFTER for j in range(k + 1, min(k + 4, len(words)))
                )
                # "absent in all but one patient": present in one
                and not _ALL_BUT.match(sentence, words[k][END])
                # "drug tolerance was not a limiting factor": it happened (the coding manual)
                and not _NOT_LIMITING.match(sentence, words[k][END])
                # "was not detected on X-ray but was found at surgery": it was there
                and not _BUT_FOUND.match(sentence, words[k][END])
                # "One pump failure could not be explained", "Two infections were not treated
                # surgically": harms counted, a negation of what was done with them (not "one
                # infection was not confirmed")
                and not (
                    cue == "not"
                    and first > 0
                    and (words[first - 1][NORM] in NUMBER_WORDS or words[first - 1][NORM].isdigit())
                    and not _NOT_CONFIRMED.match(sentence, words[k][END])
                )
            ):
                return "negated"
        if hypotheticals and cue in HYPOTHETICAL_AFTER and k - last <= 4:
            counted = counted_in(sentence) if counted is None else counted
            if not counted:
                return "hypothetical"
        k += 1
    return None


# The words after Italian's negation "non" (its verb or the verb's pronoun: "non si sono
# verificate infezioni", "non è stata osservata", "non vi sono state", "non ha presentato")
_ITALIAN_VERB_AFTER_NON = frozenset(
    {"si", "e", "sono", "ha", "hanno", "vi", "ci", "era", "erano", "fu", "furono", "stata",
     "stato", "state", "stati", "abbiamo", "sia", "siano"}
)  # fmt: skip
_RELATIVES = frozenset({"who", "that", "whose"})
_DENIERS = frozenset({"no", "none", "nobody", "neither"})  # (_negated_head's first look)
# A subject denied as a whole: "no patient", "none of the children", "nobody"
_PEOPLE_HEADS = frozenset(
    {"patient", "patients", "child", "children", "adult", "adults", "subject", "subjects",
     "participant", "participants", "case", "cases", "one", "man", "men", "woman", "women",
     "boy", "boys", "girl", "girls", "individual", "individuals", "recipients"}
)  # fmt: skip
_NONE_OF = (("none", "of", "the"), ("none", "of", "our"), ("none", "of", "these"),
            ("none", "of", "those"), ("none", "of", "their"))  # fmt: skip
# The words a verb group opens with ("were implanted": one group, not two)
_VERB_HELPERS = frozenset(_AUXILIARIES | _FINITE | {"been", "be"})
# Verbs of a relative clause that end in no "-ed" ("who underwent a revision")
_IRREGULAR_PAST = frozenset({"underwent", "took", "got", "became", "went", "gave", "began"})


def _negated_head(words: list[Token], k: int) -> bool:
    """Whether the relative pronoun at words[K] hangs on a subject denied as a whole."""
    if k >= 1 and words[k - 1][NORM] in ("nobody", "none"):
        return True
    if k < 2 or words[k - 1][NORM] not in _PEOPLE_HEADS:
        return False
    if words[k - 2][NORM] in ("no", "neither"):
        return True
    return k >= 4 and tuple(w[NORM] for w in words[k - 4 : k - 1]) in _NONE_OF


def _main_verb_between(words: list[Token], k: int, first: int) -> bool:
    """Whether a second verb group stands between the relative pronoun at words[K] and the
    mention at words[FIRST]: the relative clause's verb, then the main clause's."""
    groups = 0
    for j in range(k + 1, first):
        word = words[j][NORM]
        if (_a_verb(word) or word in _IRREGULAR_PAST) and not (
            j > k + 1 and words[j - 1][NORM] in _VERB_HELPERS
        ):
            groups += 1
    return groups >= 2


# An absence that tells how a harm came, not that it did not: "Without warning, the pump
# stopped" (not "without obvious signs of infection": that absence is the harm's)
_WITHOUT_WHAT = frozenset({"warning", "notice", "explanation", "delay"})
# A negation excepting some: "No patient had an infection except one", "apart from two" (not
# "no deaths, but two patients developed meningitis")
_EXCEPT_SOME = re.compile(
    r"\s*,?\s*(?:except|apart from|other than|save)\s+(?:for\s+)?(?:in\s+)?(?:one|two|three"
    r"|four|five|\d+|an?)\b",
    re.IGNORECASE,
)
# A harm that could not be kept from happening: "could not be prevented", "not be avoided"
_NOT_PREVENTED = re.compile(
    r"\s+(?:be\s+|been\s+)?(?:prevented|avoided|averted|stopped in time)\b", re.IGNORECASE
)
# "none of the infections" (the harm itself the head: not "none of the patients")
_NONE_OF_THE = re.compile(r"\s+of\s+(?:the|these|those|its|their)\s+", re.IGNORECASE)
# A counted harm said not to be one: "one infection was not confirmed"
_NOT_CONFIRMED = re.compile(
    r"\s+(?:be\s+|been\s+)?(?:confirmed|proven|proved|verified|substantiated|true|real|genuine"
    r"|found|seen|detected|observed|present|identified|demonstrated|shown)\b",
    re.IGNORECASE,
)
# A negation a contrast takes back: "not detected on X-ray but was found at surgery"
_BUT_FOUND = re.compile(
    r"[^.;]{0,60}?\bbut\s+(?:it\s+|they\s+)?(?:was\s+|were\s+)?(?:later\s+|subsequently\s+"
    r"|eventually\s+|then\s+)?(?:found|confirmed|seen|identified|detected|discovered|observed"
    r"|demonstrated|revealed|visuali[sz]ed)\b",
    re.IGNORECASE,
)
# "not all", "not every", "not only": some did happen
_NOT_OF_ALL = frozenset({"all", "every", "always", "only", "just", "merely"})
_CONTRAST_WORDS = 8


def _contrast_end(sentence: str, words: list[Token], k: int) -> int | None:
    """Return the index of the last word of an aside opened by "not" at words[K] after a comma
    and closed by another comma within a few words, with words after it ("X, not Y, was"), or
    None."""
    for j in range(k + 1, min(k + _CONTRAST_WORDS, len(words) - 1)):
        if words[j][NORM] in TERMINATORS:
            return None
        between = sentence[words[j][END] : words[j + 1][START]]
        if ";" in between or ":" in between or "." in between:
            return None
        if between.strip() == ",":
            return j
    return None


# The words that open a noun phrase set off by commas after a mention: an article, or an
# adjective of how often or how well known ("a known side effect of oral baclofen", "common
# with oral drugs"); not a clause of its own ("which occurred in two patients").
_ASIDE_OPENERS = frozenset(
    {"a", "an", "the", "one", "known", "common", "commonly", "frequent", "frequently", "usual",
     "typical", "often", "rare", "well-known", "recognized", "recognised"}
)  # fmt: skip
_ASIDE_WORDS = 12


def _aside_end(sentence: str, words: list[Token], last: int) -> int | None:
    """Return the index of the last word of a noun phrase set off by commas right after
    words[LAST] (closed by a comma within a few words, with no verb of an event in it), or
    None when there is none."""
    first = last + 1
    if (
        first >= len(words)
        or sentence[words[last][END] : words[first][START]].strip() != ","
        or words[first][NORM] not in _ASIDE_OPENERS
    ):
        return None
    for j in range(first, min(first + _ASIDE_WORDS, len(words) - 1)):
        if words[j][NORM] in _VERBS_OF_THEIR_OWN or words[j][NORM] in TERMINATORS:
            return None
        between = sentence[words[j][END] : words[j + 1][START]]
        if ";" in between or ":" in between:
            return None
        if between.strip() == ",":
            return j
    return None


# A harm counted as none: "occurred in 0 of 40 patients", "the rate of infection was 0%",
# "infection (0/40)"
_NONE_COUNTED = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:in|among)\s+(?:0|zero|none)\s*(?:of|out of|/)\s*\d+\b"
    r"|(?:\s+(?:rate|incidence))?\s+(?:was|were|of|in)\s+0(?:\.0+)?\s*%"
    # "the rate of meningitis was zero", "rates of infection were nil in both groups"
    r"|(?:\s+(?:rates?|incidences?))?\s+(?:was|were)\s+(?:zero|nil)\b"
    r"|\s*\(\s*0(?:\.0+)?\s*(?:%|/\s*\d+|of\s+\d+)",
    re.IGNORECASE,
)
# A harm looked for, then denied in the same subject's second predicate ("Catheter migration
# was checked radiographically and was not seen", "Overdose symptoms were screened for and
# were absent"; not "the pump stalled and did not recover": no looking, another predicate)
# (its parts: the harm's noun after it, how it was looked for, and for it)
_LOOKED_NOUN = r"\s+(?:(?:symptoms|signs|features|episodes)\s+)?"
_LOOKED_HOW = (
    r"(?:(?:specifically|actively|systematically|regularly|routinely|carefully|closely"
    r"|prospectively|also)\s+)?"
)
_LOOKED_FOR = (
    r"(?:sought|looked\s+for|searched\s+for|screened\s+for|monitored|checked|tested\s+for"
    r"|watched\s+for)"
)
_LOOKED_FOR_THEN_NOT = re.compile(
    rf"{_LOOKED_NOUN}(?:was|were|had\s+been|has\s+been|have\s+been)\s+{_LOOKED_HOW}"
    rf"(?:{_LOOKED_FOR}|assessed|evaluated|examined|investigated|surveyed)\b[^.;]{{0,60}}?"
    r"\b(?:and|but)\s+(?:(?:was|were|had|did|has|have)\s+)?(?:not|never)\s+(?:been\s+|be\s+)?"
    r"(?:once\s+)?(?:seen|observed|found|detected|identified|noted|encountered|documented"
    r"|recorded|present|confirmed|occur\w*|develop\w*|appear\w*|happen\w*)\b|"
    rf"{_LOOKED_NOUN}(?:was|were)\s+{_LOOKED_HOW}{_LOOKED_FOR}\b[^.;]{{0,60}}?"
    r"\band\s+(?:was|were)\s+(?:absent|nil)\b",
    re.IGNORECASE,
)
# A working diagnosis that proved wrong: "Pump malfunction was suspected but the pump worked
# normally on interrogation" (the coding manual); "Infection was suspected and antibiotics were
# started, but aspiration yielded clear fluid and cultures were sterile"
_SUSPECTED_THEN_NOT = re.compile(
    # a working diagnosis given up ("Withdrawal was initially suspected because her refill
    # was overdue, but the reservoir volume showed ...")
    r"\s+(?:was|were)\s+(?:initially|first|originally)\s+(?:suspected|presumed|thought|considered"
    r"|diagnosed)\b[^.;]{0,80}?\b(?:but|however)\b|"
    r"\s+(?:was|were)\s+(?:initially\s+|first\s+|originally\s+)?suspected\b[^.;]{0,60}?"
    r"\b(?:but|however|yet)\b[^.;]{0,140}?\b(?:(?:normal(?:ly)?|intact|ruled out|excluded"
    r"|not (?:confirmed|found)|no (?:\w+ )?(?:malfunction|fault|problem|leak|infection"
    r"|evidence|growth)|sterile|(?:cultures?|tests?|swabs?) (?:was|were|proved|remained) negative"
    r"|negative cultures?)\b"
    # ... or proved another thing ("Withdrawal was suspected, but the symptoms proved to be an
    # overdose")
    r"|(?:proved|proven|turned out|was shown|were shown|was found|were found)\s+to\s+be\s+"
    r"(?!(?:the\s+)?(?:cause|case|correct|right|true|present)\b))",
    re.IGNORECASE,
)


@lru_cache(maxsize=SENTENCE_CACHE)
def _may_count_none(sentence: str) -> bool:
    """Whether SENTENCE holds a word _NONE_COUNTED needs ("0", "zero", "nil", "none"; a
    first look, once per sentence: every mention asks)."""
    if not sentence.isascii():
        return True  # (IGNORECASE matches a dotless i to "i": no first look)
    lowered = sentence.lower()
    return "0" in sentence or "zero" in lowered or "nil" in lowered or "none" in lowered


# A working diagnosis with its reason ("withdrawal was first suspected because his refill was
# due"; not "infection was first suspected on day 5", nor one the sentence confirms)
_SUSPECTED_BECAUSE = re.compile(
    r"\s+(?:was|were)\s+(?:initially|first|originally)\s+suspected(?:\s+[\w-]+){0,2}?\s+"
    r"(?:because|as|since|given)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=SENTENCE_CACHE)
def _may_look_for(sentence: str) -> bool:
    """Whether SENTENCE holds a denial _LOOKED_FOR_THEN_NOT needs ("not", "never", "absent",
    "nil" after "and" or "but"; a first look, once per sentence)."""
    if not sentence.isascii():
        return True
    lowered = sentence.lower()
    return (" and " in lowered or " but " in lowered) and (
        " not " in lowered or " never " in lowered or " absent" in lowered or " nil" in lowered
    )


@lru_cache(maxsize=SENTENCE_CACHE)
def _may_suspect(sentence: str) -> bool:
    """Whether SENTENCE holds "suspected", which _SUSPECTED_THEN_NOT needs (a first look)."""
    return not sentence.isascii() or "suspected" in sentence.lower()


_ALL_BUT = re.compile(r"\s+(?:in\s+)?(?:all|every\s+\w+)\s+(?:but|except)\b", re.IGNORECASE)
# A harm that did not limit the therapy still happened: "tolerance was not a limiting factor",
# "seizures were not limiting", "did not limit treatment"
_NOT_LIMITING = re.compile(
    r"\s+(?:an?\s+|the\s+)?(?:(?:major|main|significant|serious|relevant|clinically)\s+)?"
    r"limit(?:ing|ation|ed|s)?\b",
    re.IGNORECASE,
)


_INFERRING = frozenset(
    {"indicating", "suggesting", "confirming", "implying", "signalling", "signaling",
     "denoting", "pointing"}
)  # fmt: skip


def _aside_closed(sentence: str, cue: int, mention: int) -> bool:
    """Whether the word at CUE stands in a bracket that closes before MENTION."""
    if ")" not in sentence:
        return False
    opened = sentence.rfind("(", max(0, cue - 200), cue)  # (an aside's near start only)
    return (
        opened != -1
        and sentence.find(")", opened, cue) == -1
        and sentence.find(")", cue, mention) != -1
    )


def _ends_clause(sentence: str, words: list[Token], k: int) -> bool:
    """Whether a clause boundary lies between words[K] and words[K+1] (scanning backwards)."""
    word = words[k][NORM]
    if word in TERMINATORS or _gap(sentence, words, k, ";:"):
        return True
    # "no infection, and two patients had a leak": a comma, "and", then a new subject.
    if word in ("and", "or") and k > 0 and _gap(sentence, words, k - 1, ","):
        following = words[k + 1][NORM] if k + 1 < len(words) else ""
        return following in _STARTS_CLAUSE or following.isdigit()
    # "aspiration yielded no CSF, indicating catheter obstruction": what an absence is taken
    # to show, after a comma, is asserted
    if _gap(sentence, words, k, ",") and k + 1 < len(words) and words[k + 1][NORM] in _INFERRING:
        return True
    # "no infection occurred, two catheters were revised": a negated clause's verb, a comma,
    # then a count (a count after "no infections," opens no list of what was absent)
    if word in _CLAUSE_DONE and _gap(sentence, words, k, ","):
        following = words[k + 1][NORM]
        return following in NUMBER_WORDS or following.isdigit()
    # "the fourth had no benefit and the pump was removed after a pocket infection": "and",
    # a subject and its own verb, a new clause with no comma
    if word == "and" and k + 3 < len(words) and words[k + 1][NORM] in _DETERMINERS:
        return any(
            words[j][NORM] in _FINITE or words[j][NORM] in _VERBS_OF_THEIR_OWN
            for j in (k + 2, k + 3, k + 4)
            if j < len(words)
        )
    # "no mechanical cause was found and doses kept rising": a negated clause's finished
    # predicate, "and", then a subject with a verb of its own
    if word == "and" and k > 0 and words[k - 1][NORM] in _CLAUSE_DONE:
        return any(
            _a_verb(words[j][NORM]) or words[j][NORM] in _KEPT
            for j in (k + 2, k + 3)
            if j < len(words)
        )
    # "Although no pump failed, catheter occlusion occurred": a clause a subordinator opened,
    # with a verb of its own, closed by a comma (not "although no infection, leak or ...": a
    # list of what was absent)
    if _gap(sentence, words, k, ",") and word not in _DETERMINERS:
        opened = next(
            (j for j in range(k - 1, max(-1, k - 10), -1) if words[j][NORM] in _SUBORDINATORS),
            None,
        )
        if opened is not None:
            return any(_a_verb(words[j][NORM]) for j in range(opened + 1, k + 1))
    return False


def _gap(sentence: str, words: list[Token], k: int, marks: str) -> bool:
    if k < 0 or k + 1 >= len(words):
        return False
    start, end = words[k][END], words[k + 1][START]
    if end - start == 1:
        return sentence[start] in marks
    return any(map(sentence[start:end].__contains__, marks))


# --- a cheap first look before a regular expression ------------------------------------------
# A pattern compiled with IGNORECASE cannot use the regex engine's literal-prefix search, so it
# is tried at every position of every text. Most design and facet patterns need one of a few
# words ("compared", "searched", "year|month|week"): looking for those with `in` on the
# lower-cased text first skips the pattern wherever it cannot match.
_MIN_ANCHOR = 2  # ("vs"; a longer required string is preferred where there is one)
# Words in nearly every sentence of the texts tagged: a long word is a poor first look when it
# is one of these (a pattern needing "spasticity" and "collected" is looked for only where
# "collected" is), so another required string is preferred where there is one.
_EVERYWHERE = frozenset({"spasticity", "baclofen", "intrathecal", "patients", "patient"})
_MIN_ALSO = 3  # (a pattern's other sets are tested only where all their strings are this long)
_GRAMMAR = frozenset({
    "in", "the", "and", "with", "of", "to", "on", "for", "were", "was", "or", "at", "by", "is",
    "are", "ed", "from", "as", "that", "this", "after", "had", "has", "have", "be", "been",
})  # fmt: skip
# Characters that IGNORECASE matches to an ASCII letter but lower() does not turn into it
# (long s, Kelvin sign, dotted capital I, dotless i): where one occurs, the first look is
# skipped. A pattern written with other than ASCII characters gets no first look at all.
_CASE_TRAPS = ("\u017f", "\u212a", "\u0130", "\u0131")


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Return lower-case strings one of which every match of PATTERN (case-insensitive)
    contains, or None when no such set of strings of two characters or more is found."""
    sets = required_sets(pattern)
    return sets[0] if sets else None


def required_sets(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Return every set of lower-case strings (two characters or more) of which every match
    of PATTERN (case-insensitive) contains one, the most selective first; none when the
    pattern cannot be read or holds other than ASCII characters."""
    if not pattern.isascii():
        return ()
    try:  # the standard library's own parser of patterns (re._parser, Python 3.11 and later)
        parser: Any = importlib.import_module("re._parser")
        constants: Any = importlib.import_module("re._constants")
        parsed = parser.parse(pattern, re.IGNORECASE)
    except Exception:  # noqa: BLE001 - an unreadable pattern just gets no first look
        return ()
    usable = list(dict.fromkeys(_usable(_candidates(list(parsed), constants))))
    usable.sort(key=_selectivity, reverse=True)
    return tuple(tuple(sorted(s)) for s in usable)


def _usable(candidates: list[frozenset[str]]) -> list[frozenset[str]]:
    return [s for s in candidates if s and min(map(len, s)) >= _MIN_ANCHOR]


def _selectivity(strings: frozenset[str]) -> tuple[bool, int, int]:
    """The most selective set sorts last: no word of every sentence, the longest shortest
    string, then the fewest strings."""
    return (not _anywhere(strings), min(map(len, strings)), -len(strings))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """Return the most selective candidate: the longest shortest string, then the fewest."""
    usable = _usable(candidates)
    return max(usable, key=_selectivity) if usable else None


def _anywhere(strings: frozenset[str]) -> bool:
    """Whether one of STRINGS holds a word found in nearly every sentence tagged."""
    return any(word in string for string in strings for word in _EVERYWHERE)


def _candidates(items: list[tuple[Any, Any]], c: Any) -> list[frozenset[str]]:
    """Return sets of strings, each set one every match of the parsed ITEMS must hold."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the text around it is contiguous
        if op is c.BRANCH and run:
            # a prefix the parser took out of the alternatives ("v(?:ersus|s)"): the prefix
            # and each alternative's opening letters
            leads = [_lead(list(branch), c) for branch in av[1]]
            found.append(frozenset("".join(run).lower() + lead for lead in leads))
        flush()
        if op is c.SUBPATTERN:
            found += _candidates(list(av[-1]), c)
        elif op is c.BRANCH:
            chosen = [_best(_candidates(list(branch), c)) for branch in av[1]]
            if all(chosen):
                found.append(frozenset().union(*(s for s in chosen if s)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, body = av
            if low >= 1:
                found += _candidates(list(body), c)
    flush()
    return found


def _lead(items: list[tuple[Any, Any]], c: Any) -> str:
    """Return the literal letters an alternative opens with (zero-width items skipped)."""
    letters = []
    for op, av in items:
        if op is c.LITERAL:
            letters.append(chr(av))
        elif op not in (c.AT, c.ASSERT, c.ASSERT_NOT):
            break
    return "".join(letters).lower()


def first_look(text: str) -> str | None:
    """Return TEXT lower-cased for GatedPattern.may_match, or None where it holds a character
    that IGNORECASE folds to an ASCII letter but lower() does not (no first look then)."""
    if not text.isascii() and any(map(text.__contains__, _CASE_TRAPS)):
        return None
    return text.lower()


class GatedPattern:
    """A case-insensitive pattern searched only in texts holding one of its required words
    (WORDS, the most selective set) and one of each other set it needs (ALSO: a pattern
    needing "kink" and "catheter" is tried only where both are)."""

    __slots__ = ("also", "pattern", "words")

    def __init__(self, pattern: str) -> None:
        self.pattern = compile_i(pattern)
        sets = required_sets(pattern)
        self.words = sets[0] if sets else None
        # (a set with a short string, a word of every sentence or a word of English grammar
        # is nearly always there: no test worth its cost, and looking for " in" or "the "
        # found a dozen of them in every sentence)
        self.also = tuple(
            frozenset(s)
            for s in sets[1:]
            if min(map(len, s)) >= _MIN_ALSO
            and not _anywhere(frozenset(s))
            and not any(string.strip() in _GRAMMAR for string in s)
        )

    def may_match(self, look: str | None) -> bool:
        """Whether a text can hold a match at all; LOOK is first_look(text)."""
        if look is None or self.words is None:
            return True
        return any(map(look.__contains__, self.words)) and all(
            any(map(look.__contains__, strings)) for strings in self.also
        )

    def search(self, text: str) -> re.Match[str] | None:
        """Return the first match in TEXT, or None."""
        return self.pattern.search(text) if self.may_match(first_look(text)) else None


class PatternGroup(Generic[T]):
    """Gated patterns, each with its payload, indexed by the words they need: a text's first
    look finds the words it holds once, and only the patterns needing one of them and one of
    each other set they need (or no word at all) are tried, in their listed order."""

    __slots__ = ("items", "by_word", "always", "_also", "_automaton", "_opens", "_chosen")

    def __init__(self, items: Sequence[tuple[GatedPattern, T]]) -> None:
        self.items = tuple(items)
        by_word: dict[str, list[int]] = {}
        always: list[int] = []
        for index, (gated, _) in enumerate(self.items):
            if gated.words is None:
                always.append(index)
            else:
                for word in gated.words:
                    by_word.setdefault(word, []).append(index)
        self.by_word = by_word
        self.always = tuple(always)
        # One pass over a text finds every word it holds (Aho-Corasick, in C), where a test
        # of each of a group's hundred words was a seventh of the tagging time; the words of
        # the other sets a pattern needs are found in the same pass, each word once.
        entries: dict[str, list[int]] = {word: list(v) for word, v in by_word.items()}
        for gated, _ in self.items:
            for strings in gated.also:
                for word in strings:
                    entries.setdefault(word, [])
        number = {word: n for n, word in enumerate(entries)}
        self._opens = list(entries.values())
        self._also = {
            i: tuple(frozenset(number[word] for word in strings) for strings in gated.also)
            for i, (gated, _) in enumerate(self.items)
            if gated.also
        }
        # the patterns chosen for each set of words found, kept (sentences hold the same few
        # of a group's words: three times in four on real abstracts, a set seen among the last)
        self._chosen: dict[frozenset[int], tuple[tuple[GatedPattern, T], ...]] = {}
        self._automaton = ahocorasick.Automaton()
        for word, n in number.items():
            self._automaton.add_word(word, n)
        if entries:
            self._automaton.make_automaton()

    def candidates(self, look: str | None) -> Sequence[tuple[GatedPattern, T]]:
        """Return the patterns that may match a text whose first look is LOOK."""
        if look is None:
            return self.items
        if not self.by_word:
            return [self.items[i] for i in self.always]
        found = frozenset(map(_SECOND, self._automaton.iter(look)))
        chosen = self._chosen.get(found)
        if chosen is None:
            if len(self._chosen) >= _REMEMBERED_SETS:
                self._chosen.clear()
            chosen = self._chosen[found] = self._choose(found)
        return chosen

    def _choose(self, found: frozenset[int]) -> tuple[tuple[GatedPattern, T], ...]:
        """Return the patterns needing one of the words FOUND (or none) and one of each other
        set they need, in their listed order."""
        chosen = set(self.always)
        for number in found:
            chosen.update(self._opens[number])
        also = self._also
        # (a pattern with other sets it needs is taken where none of them is missing)
        return tuple(
            self.items[i]
            for i in sorted(chosen)
            if i not in also or not any(map(found.isdisjoint, also[i]))
        )
