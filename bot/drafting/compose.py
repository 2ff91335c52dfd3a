"""Composing the Dutch draft from analysed answers: main-question candidates (`main_question`),
sub-questions tied to this intake (`sub_questions`), a noun-phrase title, and background,
objective and scope as sentences.

Pure: analyses in, text out. The drafter (bot/drafting/drafter.py) analyses the candidates
again and keeps the first that passes every check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.analysis import Analysis, render
from bot.drafting import dutch, verbs, voice
from bot.drafting.dutch import Tokens, lower
from bot.drafting.focus import problem_focus
from bot.drafting.goal import Aim, read_goal
from bot.drafting.main_question import main_candidates
from bot.drafting.nouns import VAGUE_NOUNS, noun_phrases, person_nouns
from bot.drafting.records import Intake, OrganisationName
from bot.drafting.sub_questions import people_list, stakeholder_phrases, sub_questions
from bot.texts import nl


@dataclass(frozen=True)
class Composition:
    kind: str
    aim: Aim
    candidates: list[tuple[str, str]]  # (kind, main question), best first
    sub_questions: list[str]
    title: str
    background: str
    objective: str
    scope: str
    constraints: list[str]
    intake_nouns: frozenset[str]


def compose(
    intake: Intake,
    analyses: Mapping[str, Analysis],
    organisation: OrganisationName,
    kind: str,
    similar: Sequence[Mapping[str, Any]] = (),
) -> Composition:
    """The Dutch draft's parts. `similar` are past assignments ({title, organisation, year})."""
    org_tokens = dutch.words(organisation.in_sentence)
    get = lambda name: analyses.get(name) or Analysis()  # noqa: E731
    people_tokens = [*get("problem").tokens, *get("context").tokens, *get("stakeholders").tokens]
    people = person_nouns(people_tokens)
    aim = read_goal(get("goal"), org_tokens, people)
    focus = aim.focus
    if not focus or (len(focus) == 1 and person_nouns(focus)):  # "mensen" says too little
        focus = problem_focus(get("problem")) or problem_focus(get("context")) or focus
    focus_text = render(focus) or nl.GENERIC_FOCUS
    candidates = main_candidates(kind, aim, focus, organisation)
    stakeholders = stakeholder_phrases(get("stakeholders"), org_tokens, [*get("problem").tokens, *get("goal").tokens])
    subs = sub_questions(
        kind, aim, focus_text, organisation, stakeholders, get("context"), get("data"), similar, org_tokens
    )
    intake_nouns = (
        frozenset(
            t.lemma.lower()
            for name in ("problem", "context", "goal", "stakeholders", "data")
            for t in get(name).tokens
            if t.tag in ("N", "SPEC") and len(t.lemma) > 2
        )
        | frozenset(w.lower() for a in similar for w in str(a.get("title", "")).split() if len(w) > 3)
        | frozenset(w.lower() for w in organisation.in_sentence.split())
    )
    return Composition(
        kind=kind,
        aim=aim,
        candidates=candidates,
        sub_questions=subs,
        title=title_of(kind, aim, focus),
        background=" ".join(s for name in ("problem", "context") for s in sentences_of(get(name), org_tokens)),
        objective=objective_of(aim, organisation, get("goal"), org_tokens),
        scope=(nl.SCOPE_PEOPLE if stakeholders else nl.SCOPE_ALONE).format(
            focus=focus_text, org=organisation.in_sentence, people=render(people_list(stakeholders))
        ),
        constraints=[
            *sentences_of(get("data"), org_tokens),
            *(
                [
                    nl.TIMELINE.format(
                        timeline=render(
                            dutch.decapitalised(
                                dutch.strip_end(
                                    voice.third_person(dutch.without_filler(get("timeline").tokens), org_tokens)
                                )
                            )
                        )
                    )
                ]
                if get("timeline").tokens
                else []
            ),
        ],
        intake_nouns=intake_nouns - frozenset(VAGUE_NOUNS),
    )


# -- title, background, objective ---------------------------------------------------------
def title_of(kind: str, aim: Aim, focus: Tokens) -> str:
    """A noun phrase of at most about ten words: "Wegwerken van de achterstand"."""
    if aim.shape == "infinitive":
        clause = aim.clause
        span = verbs.verb_cluster(clause)
        objects = noun_phrases(clause[: span[0]] if span else clause, with_pp=True)
        if span and span[1] - span[0] == 1 and objects:
            verb = clause[span[0]].lemma if clause[span[0]].lemma.endswith("n") else clause[span[0]].word
            phrase = [dutch.word(verb, "WW(inf,nom)"), dutch.word("van", "VZ(init)"), *objects[0]]
            if len(phrase) <= 10:
                return dutch.capital(render(phrase))
    if aim.shape == "noun" and len(aim.clause) <= 10:
        items = aim.clause[1:] if lower(aim.clause[0]) in ("een", "de", "het") else aim.clause
        return dutch.capital(render(items))
    np = focus[:8]
    if np:
        return nl.KIND_TITLE[kind].format(np=render(np))
    return nl.UNTITLED


def sentences_of(answer: Analysis, org_tokens: Tokens) -> list[str]:
    """An answer as written sentences in the organisation's voice, filler removed."""
    out = []
    for sentence in dutch.split_sentences(dutch.without_filler(answer.tokens)):
        end = "?" if sentence[-1].word == "?" else "."
        text = dutch.sentence(voice.third_person(sentence, org_tokens), end)
        if len(text.split()) >= 2:
            out.append(text)
    return out


def objective_of(aim: Aim, organisation: OrganisationName, goal: Analysis, org_tokens: Tokens) -> str:
    slots = {"Org": organisation.at_start, "bare": "", "clause": "", "verb": aim.verb, "np": ""}
    if aim.shape == "infinitive":
        slots["bare"] = render(dutch.dutch_list(list(aim.clauses)))
    elif aim.shape == "noun":
        slots["np"] = render(aim.clause)
    elif aim.shape in ("dat", "knowledge"):
        slots["clause"] = render(aim.clause)
    else:
        return " ".join(sentences_of(goal, org_tokens)) or nl.GENERIC_AIM
    return nl.OBJECTIVE[aim.shape].format(**slots)
