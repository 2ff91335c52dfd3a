"""Noun phrases on analysed tokens: the phrases of a text, their head, article and number,
and the nouns that name people (what a "ze" can refer to).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis import Token
from bot.drafting.dutch import Tokens, decapitalised, is_finite, is_infinitive, is_noun, lower, word
from bot.drafting.gender import NEUTER, gender

PERSON_NOUNS = frozenset(
    [
        "burger",
        "medewerker",
        "student",
        "klant",
        "inspecteur",
        "collega",
        "aanvrager",
        "ondernemer",
        "weggebruiker",
        "gebruiker",
        "inwoner",
        "bewoner",
        "ouder",
        "leerling",
        "docent",
        "patiënt",
        "cliënt",
        "reiziger",
        "werknemer",
        "werkgever",
        "belastingplichtige",
        "uitkeringsgerechtigde",
        "behandelaar",
        "beoordelaar",
        "analist",
        "ambtenaar",
        "beheerder",
        "ontwikkelaar",
        "leverancier",
        "partner",
        "ketenpartner",
        "gemeente",
        "agent",
        "boer",
        "automobilist",
        "bezoeker",
        "mens",
        "iedereen",
        "jongere",
        "oudere",
        "migrant",
        "asielzoeker",
        "vreemdeling",
    ]
)


def noun_phrases(tokens: Sequence[Token], *, with_pp: bool = True) -> list[Tokens]:
    """The noun chunks of a text, each optionally with one prepositional phrase after it
    ("het aantal valse alarmen", "de brieven op B1-niveau"); pronouns only are skipped."""
    phrases: list[Tokens] = []
    i = 0
    while i < len(tokens):
        starts = tokens[i].chunk == "B-NP" or (
            tokens[i].chunk == "I-NP" and (i == 0 or "NP" not in tokens[i - 1].chunk or _new_phrase(tokens, i))
        )
        if starts and lower(tokens[i]) not in TIME_WORDS:
            j = i + 1
            while j < len(tokens) and tokens[j].chunk == "I-NP" and not _new_phrase(tokens, j):
                j += 1
            verb_at = next((k for k in range(i, j) if tokens[k].tag == "WW" and not is_noun(tokens[k])), None)
            if verb_at is not None and verb_at > i:
                j = verb_at  # "de achterstand wegwerken" chunked as one noun phrase
            phrase = list(tokens[i:j])
            if with_pp and j + 1 < len(tokens) and tokens[j].tag == "VZ" and tokens[j].chunk == "B-PP":
                k = j + 1
                if k < len(tokens) and tokens[k].chunk == "B-NP":
                    k += 1
                    while k < len(tokens) and tokens[k].chunk == "I-NP":
                        k += 1
                    if any(is_noun(t) for t in tokens[j + 1 : k]) and lower(tokens[j]) not in ("om", "te", "door"):
                        phrase = list(tokens[i:k])
            content = [t for t in phrase if t.tag == "N" and t.lemma.lower() not in VAGUE_NOUNS] or [
                t for t in phrase if t.tag == "SPEC"
            ]
            if content and not any(is_infinitive(t) or is_finite(t) for t in phrase):
                phrases.append(phrase)
            i = j
        else:
            i += 1
    return phrases


def _new_phrase(tokens: Sequence[Token], at: int) -> bool:
    """A determiner right after a noun starts a new noun phrase, whatever the chunker says."""
    return tokens[at - 1].tag in ("N", "SPEC") and (
        tokens[at].tag == "LID" or (tokens[at].tag == "VNW" and "det" in tokens[at].features)
    )


TIME_WORDS = frozenset({"volgend", "volgende", "vorig", "vorige", "dit", "komend", "komende", "elk", "ieder"})
VAGUE_NOUNS = frozenset(
    {"jaar", "maand", "week", "dag", "uur", "semester", "moeite", "keer", "tijd", "manier", "ding", "iets", "deel",
     "paar", "idee", "beeld", "stuk", "kant", "geval", "soort", "vraag", "probleem", "stap", "winter", "zomer",
     "najaar", "voorjaar", "herfst", "lente", "periode", "begin", "eind"}
)  # fmt: skip


def head_noun(phrase: Sequence[Token]) -> Token | None:
    nouns = [t for t in phrase if t.tag == "N"]
    before_pp = [t for t in phrase[: _pp_start(phrase)] if t.tag == "N"]
    names = [t for t in phrase[: _pp_start(phrase)] if t.tag == "SPEC"]
    found = before_pp or nouns or names  # "een CMDB": a name as the head
    return found[-1] if found else None


def _pp_start(phrase: Sequence[Token]) -> int:
    for i, t in enumerate(phrase):
        if i and t.tag == "VZ":
            return i
    return len(phrase)


def is_plural(phrase: Sequence[Token]) -> bool:
    head = head_noun(phrase)
    return head is not None and "mv" in head.features


def article_for(noun: Token) -> str:
    if "mv" in noun.features:
        return "de"
    return "het" if gender(noun) == NEUTER else "de"


def definite(phrase: Sequence[Token]) -> Tokens:
    """ "een pilot met X" -> "de pilot met X"; possessives of the writer become articles."""
    items = list(phrase)
    if items and lower(items[0]) in ("een", "onze", "ons", "mijn", "hun", "zijn", "haar") and len(items) > 1:
        head = head_noun(items)
        if head is not None:
            items[0] = word(article_for(head), "LID(bep,stan,rest)")
    elif items and items[0].tag in ("N", "ADJ") and (head := head_noun(items)) is not None and "ev" in head.features:
        # "pilot met ai samenvattingen" -> "de pilot met ai samenvattingen"
        items = [word(article_for(head), "LID(bep,stan,rest)"), *decapitalised(items)]
    return items


def person_nouns(tokens: Sequence[Token]) -> list[Token]:
    """Plural nouns for people ("burgers", "medewerkers"): what a "ze" can refer to."""
    found = []
    for t in tokens:
        lowered = t.word.lower()
        singulars = {t.lemma.lower(), lowered[:-1], lowered[:-2], lowered[:-1] + "e"}
        plural = "mv" in t.features or "mv-n" in t.features or (t.tag == "SPEC" and lowered.endswith(("ers", "en")))
        nominal = t.tag in ("N", "SPEC") or (t.tag == "ADJ" and "nom" in t.features)
        compound = any(form.endswith(p) for form in singulars for p in PERSON_NOUNS if len(p) >= 5)
        if nominal and plural and (singulars & PERSON_NOUNS or compound or lowered.endswith("ers")):
            found.append(t)
    return found
