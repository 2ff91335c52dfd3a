"""The main question: candidates in the frame of each kind of question and shape of the goal,
best first. The drafter analyses them and keeps the first that passes every check.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis import render
from bot.drafting import dutch, verbs
from bot.drafting.dutch import Tokens, lower
from bot.drafting.goal import Aim
from bot.drafting.records import KINDS, OrganisationName
from bot.texts import nl

FORECAST_VERBS = frozenset({"voorspellen", "inschatten", "ramen", "schatten", "verwachten"})
LONG_AIM = 16  # words of the aim; longer goals keep their first clause in the main question


def main_candidates(kind: str, aim: Aim, focus: Tokens, organisation: OrganisationName) -> list[tuple[str, str]]:
    """Main questions, best first: the chosen kind with the whole aim, then with its first
    clause only, then the other kinds, then questions built on the focus of the problem."""
    kinds = [kind, *(k for k in KINDS if k != kind)]
    out: list[tuple[str, str]] = []
    for k in kinds:
        for clauses in _clause_choices(aim):
            question = _frame(k, aim, clauses, organisation)
            if question:
                out.append((k, question))
    if focus:
        np = render(focus)
        for k in kinds:
            out.append((k, dutch.capital(nl.FOCUS_FRAMES[k].format(org=organisation.in_sentence, np=np))))
    unique: dict[str, str] = {}
    for k, q in out:
        unique.setdefault(q, k)
    return [(k, q) for q, k in unique.items()]


def _clause_choices(aim: Aim) -> list[tuple[Tokens, ...]]:
    """The aim's clauses to try, whole first; a long aim also as its first clause, and that
    clause without what follows its verb after "en", "of" or a comma (never cut inside a phrase)."""
    if aim.shape != "infinitive":
        return [aim.clauses] if aim.clauses else []
    whole = aim.clauses
    words = sum(len(c) for c in whole)
    choices = [whole] if words <= LONG_AIM else []
    if len(whole) > 1 or words > LONG_AIM:
        choices.append(whole[:1])
        first = whole[0]
        span = verbs.verb_cluster(first)
        if span:
            cut = next(
                (i for i in range(span[1], len(first)) if first[i].word == "," or lower(first[i]) in ("en", "of")), None
            )
            if cut is not None:
                choices.append((first[:cut],))
    return choices


def _frame(kind: str, aim: Aim, clauses: Sequence[Tokens], organisation: OrganisationName) -> str:
    if aim.shape == "none" or not clauses:
        return ""
    frame = nl.FRAMES[kind][aim.shape]
    slots = {
        "org": organisation.in_sentence,
        "Org": organisation.at_start,
        "te": "",
        "modal": "",
        "clause": "",
        "np": "",
    }
    if aim.shape == "infinitive" and kind == "voorspellend" and len(clauses) == 1:
        span = verbs.verb_cluster(clauses[0])
        if span and clauses[0][span[0]].lemma in FORECAST_VERBS:
            # "de drukte beter voorspellen": the question asks it directly
            return dutch.capital(nl.FORECAST_FRAME.format(org=organisation.in_sentence, bare=render(clauses[0])))
    if aim.shape == "infinitive":
        te = [verbs.with_te(c) for c in clauses]
        modal = [verbs.with_modal(c) for c in clauses]
        if any(c is None for c in te) or any(c is None for c in modal):
            return ""
        slots["te"] = render(dutch.dutch_list(te))  # type: ignore[arg-type]
        slots["modal"] = render(dutch.dutch_list(modal))  # type: ignore[arg-type]
    elif aim.shape == "noun":
        slots["np"] = render(clauses[0])
    else:
        slots["clause"] = render(clauses[0])
    return dutch.capital(frame.format(**slots))
