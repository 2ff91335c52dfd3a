"""What a question is about: the focus of the aim's clause ("de achterstand", "het aantal
valse alarmen"), of something asked ("welke servers" -> "de servers"), of a "dat"-clause (its
object), or of the problem answer. Never the people it is for, nor a phrase after a preposition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.analysis import Analysis, Token
from bot.drafting import dutch
from bot.drafting.dutch import Tokens, lower
from bot.drafting.nouns import article_for, definite, noun_phrases, person_nouns

ABOUT_NOUNS = frozenset({"oorzaak", "reden", "gevolg", "achtergrond"})


def clause_focus(clause: Sequence[Token]) -> Tokens:
    """What the aim is about: the noun phrase it works on ("de achterstand", "een
    conceptrapport"), not the people it is for nor a phrase after a preposition."""
    phrases = noun_phrases(clause, with_pp=True)
    objects = [p for p in phrases if _is_object(clause, p)]
    for phrase in [*objects[-1:], *phrases]:
        nouns = [t for t in phrase if t.tag == "N"]
        about_people = len(person_nouns(nouns)) == len(nouns)
        possessive = any(t.tag == "VNW" and "bez" in t.features for t in phrase)
        if nouns and not about_people and not possessive:
            head = phrase[: next((i for i, t in enumerate(phrase) if i and t.tag == "VZ"), len(phrase))]
            if any(t.lemma.lower() in ABOUT_NOUNS for t in head) and len(head) < len(phrase):
                return definite(phrase[len(head) + 1 :])  # "de oorzaken van X" is about X
            short = noun_phrases(clause, with_pp=False)
            return definite(next((p for p in short if p[0] is phrase[0]), phrase))
    return []


def _is_object(clause: Sequence[Token], phrase: Tokens) -> bool:
    at = _position(clause, phrase[0])
    nouns = [t for t in phrase if t.tag == "N"]
    return bool(
        nouns
        and (at == 0 or clause[at - 1].tag != "VZ")
        and len(person_nouns(nouns)) < len(nouns)
        and not any(t.tag == "VNW" and "bez" in t.features for t in phrase)
        and not any(t.lemma.lower() in ABOUT_NOUNS for t in phrase[:2])
    )


def asked_focus(clause: Sequence[Token]) -> Tokens:
    """ "welke servers nog Windows 2012 draaien" is about "de servers"."""
    if len(clause) > 1 and lower(clause[0]) in ("welke", "welk", "hoeveel") and clause[1].tag in ("N", "WW"):
        noun = clause[1]  # "hoeveel aanvragen": Frog reads "aanvragen" as a verb here
        article = article_for(noun) if noun.tag == "N" else "de"
        return [dutch.word(article, "LID(bep,stan,rest)"), replace(noun, pos="N(soort,mv,basis)")]
    return clause_focus(clause)


def object_focus(clause: Sequence[Token]) -> Tokens:
    """In "burgers de brief begrijpen" the thing is the object: the last noun phrase before
    the verb that is not about people."""
    verb = next((i for i in range(len(clause) - 1, -1, -1) if clause[i].tag == "WW"), len(clause))
    first_verb = next((i for i, t in enumerate(clause) if t.tag == "WW"), len(clause))
    candidates = [
        p
        for p in noun_phrases(clause[:verb])
        if len(person_nouns(p)) < sum(t.tag == "N" for t in p)
        and not (p[0].tag == "VNW" and "bez" in p[0].features)  # "hun gemeente" needs its noun
    ]
    before_first = [p for p in candidates if _position(clause, p[-1]) < first_verb]
    chosen = (before_first or candidates or [[]])[-1]
    cut = next((i for i, t in enumerate(chosen) if i and t.tag == "VZ"), len(chosen))
    if any(t.tag == "VNW" and "bez" in t.features for t in chosen[cut:]):
        chosen = chosen[:cut]  # "de brief over hun verzekering": "hun" needs its noun
    return definite(chosen) if chosen else clause_focus(clause)


def _position(clause: Sequence[Token], token: Token) -> int:
    return next(i for i, t in enumerate(clause) if t is token)


def problem_focus(problem: Analysis) -> Tokens:
    """The first real noun phrase of the problem ("de brieven", "het aantal valse alarmen")."""
    tokens = dutch.without_filler(problem.tokens)
    for phrase in noun_phrases(tokens):
        nouns = [t for t in phrase if t.tag == "N"]
        named = [t for t in phrase if t.tag in ("N", "SPEC")]
        # "Burgers bellen ..." read as one noun phrase: a phrase that starts with people is not the thing
        people = len(person_nouns(nouns)) == len(nouns) or bool(named and person_nouns(named[:1]))
        if nouns and not people and len(phrase) <= 8 and not any(dutch.is_first_person(t) for t in phrase):
            return dutch.decapitalised(definite(phrase))
    return []
