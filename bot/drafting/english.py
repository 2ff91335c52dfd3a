"""The English draft: built from the intake and the matches with word rules (Frog is Dutch only).

The kind of question (`question_kind`) and named solutions are read here for both languages.

Pure: no network, no clock, no database. The kind of question follows from the goal, as in
Dutch applied-research methodology (adviserend, ontwerpend, evaluerend, verklarend,
voorspellend, beschrijvend); the wording comes from the user's own answers, cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.conversation import language as lang
from bot.drafting.goal import SOLUTION_WORDS as GOAL_SOLUTION_WORDS
from bot.drafting.records import Draft, Intake, intake_fields
from bot.matching import MatchResult
from bot.texts import for_language

# Goal words that tell the kind of question; checked in this order (most specific first).
KIND_SIGNALS: dict[str, tuple[str, ...]] = {
    "voorspellend": (
        "voorspel",
        "prognose",
        "vooraf zien",
        "vooraf kunnen zien",
        "van tevoren",
        "toekomst",
        "komend jaar",
        "komende jaren",
        "volgend jaar",
        "predict",
        "forecast",
        "future",
        "next year",
        "coming years",
    ),
    "evaluerend": (
        "werkt het",
        "of het werkt",
        "effect",
        "evalu",
        "loont",
        "de moeite waard",
        "helpt het",
        "in hoeverre",
        "weten of",
        "of het",
        "of die",
        "does it work",
        "worth",
        "effective",
        "evaluate",
        "pays off",
        "know if",
        "know whether",
    ),
    "verklarend": (
        "waarom",
        "oorzaak",
        "oorzaken",
        "verklaren",
        "hoe komt het",
        "vandaan komt",
        "why",
        "cause",
        "explain",
    ),
    "beschrijvend": (
        "in kaart",
        "overzicht",
        "inzicht",
        "hoe groot",
        "weten welke",
        "weten hoe",
        "zicht op",
        "beeld van",
        "hoe het nu zit",
        "what is going on",
        "how big",
        "overview",
        "insight",
        "map out",
        "picture of",
    ),
    "ontwerpend": (
        "bouwen",
        "ontwerp",
        "ontwikkel",
        "maken",
        "inrichten",
        "tool",
        "proces",
        "prototype",
        "build",
        "design",
        "develop",
        "create",
        "set up",
    ),
    "adviserend": (
        "advies",
        "adviseren",
        "wat moeten",
        "wat kunnen",
        "maatregel",
        "aanpak",
        "keuze",
        "kiezen",
        "advice",
        "should we",
        "what to do",
        "recommend",
    ),
}
_FUTURE = re.compile(r"\b(?:over|binnen|in) \d+ (?:tot \d+ )?jaar\b|\bin 20[3-9]\d\b|\bin \d+ years\b")
# The words that name a solution: the Dutch drafter's list and a few English phrases.
SOLUTION_WORDS = (*sorted(GOAL_SOLUTION_WORDS), "machine learning", "data lake", "system", "assistant")


def question_kind(goal: str, problem: str = "") -> str:
    """The kind of research question the goal asks for; advice when nothing says otherwise."""
    text = f" {lang.clean_answer(goal).lower()} "
    if _FUTURE.search(text):
        return "voorspellend"
    for kind, signals in KIND_SIGNALS.items():
        if any(signal in text for signal in signals):
            return kind
    if named_solution(text):
        return "ontwerpend"  # "we willen een chatbot": they want something built
    problem_text = f" {problem.lower()} "
    if any(s in problem_text for s in KIND_SIGNALS["verklarend"]):
        return "verklarend"
    return "adviserend"


def named_solution(text: str) -> str | None:
    lowered = f" {text.lower()} "
    for word in SOLUTION_WORDS:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            return word
    return None


@dataclass(frozen=True)
class Aim:
    """What should change, as the question needs it."""

    bare: str  # "de achterstand wegwerken"
    te: str  # "de achterstand weg te werken"
    focus: str  # "de achterstand"
    specific: bool
    knowledge: str | None = None  # "hoeveel aanvragen er komen": the goal is to find this out


KNOWLEDGE_VERBS_EN = (
    "know",
    "understand",
    "predict",
    "estimate",
    "find out",
    "figure out",
    "get insight into",
    "insight into",
    "map",
)


def aim_of(intake: Intake, org: str) -> Aim:
    t = for_language(intake.language)
    phrase = lang.third_person(lang.goal_phrase(intake.goal, intake.language), org, intake.language)
    phrase = _first_clause(phrase)
    solution = named_solution(phrase)
    # "a chatbot ... so that people no longer need to call": the purpose is the real goal.
    purpose = re.search(r"\b(to|so that|so)\s+(.+)$", phrase)
    if purpose and named_solution(purpose.group(2)) is None and len(purpose.group(2).split()) >= 2 and solution:
        word, rest = purpose.group(1), purpose.group(2)
        phrase, solution = (rest if word == "to" else f"make sure that {rest}"), None
    knowledge = _knowledge_clause(phrase)
    if knowledge:
        return Aim(phrase, phrase, t.GENERIC_FOCUS, True, knowledge=knowledge)
    phrase = re.sub(r"^to\s+", "", phrase)
    if not phrase or solution or len(phrase.split()) < 2:
        return Aim(t.GENERIC_AIM, t.GENERIC_AIM, t.GENERIC_FOCUS, False)
    return Aim(phrase, phrase, phrase, True)


NOUN_GOALS_EN = (
    "an advice on",
    "advice on",
    "a clear picture of",
    "a picture of",
    "an overview of",
    "overview of",
    "a forecast of",
    "a prediction of",
    "insight into",
)


def _one_question(clause: str) -> str:
    """ "waarom het niet werkt, waarom mensen blijven klikken" -> "waarom het niet werkt":
    one problem per main question; "en/of" splits too."""
    head = re.split(r",\s+|;\s+|\s+-\s+|\s+en/of\s+|\s+and/or\s+", clause, maxsplit=1)[0]
    return head if len(head.split()) >= 2 else clause


def _first_clause(phrase: str) -> str:
    """Long goals run on ("..., waarom ..., en in welke regio's"): keep the first clause."""
    words = phrase.split()
    if len(words) <= 14:
        return phrase
    head = re.split(r",\s+|;\s+|\s+-\s+", phrase, maxsplit=1)[0]
    return head if len(head.split()) >= 3 else " ".join(words[:14])


def _knowledge_clause(phrase: str) -> str | None:
    """ "know how many applications come in" -> "how many applications come in": the goal is
    itself a question to find out."""
    verbs = KNOWLEDGE_VERBS_EN + NOUN_GOALS_EN
    phrase = re.sub(r"^be able to\s+", "", phrase)
    lowered = phrase.lower()
    for verb in sorted(verbs, key=len, reverse=True):
        if lowered.startswith(verb + " "):
            clause = _one_question(phrase[len(verb) + 1 :].strip())
            return clause if len(clause.split()) >= 2 else None
    return None


def main_question(kind: str, org: str, aim: Aim, language: str) -> str:
    t = for_language(language)
    if aim.knowledge:
        return t.KNOWLEDGE_QUESTION[kind].format(org=org, clause=aim.knowledge)
    return t.MAIN_QUESTION[kind].format(org=org, bare=aim.bare, te=aim.te, focus=aim.focus)


def sub_questions(kind: str, org: str, aim: Aim, intake: Intake, matches: MatchResult | None) -> list[str]:
    t = for_language(intake.language)
    stakeholders = english_list(lang.third_person(lang.clean_answer(intake.stakeholders, intake.language), org, "en"))
    stakeholders = stakeholders or t.DEFAULT_STAKEHOLDERS
    solution = named_solution(intake.goal)
    similar = ""
    if matches and matches.assignments:
        first = matches.assignments[0]
        similar = t.SIMILAR_CLAUSE.format(organisation=first.organisation, year=first.year)
    questions = [
        q.format(
            org=org, focus=aim.focus, te=aim.te, stakeholders=stakeholders, similar=similar, solution=solution or ""
        )
        for q in t.SUB_QUESTIONS[kind]
    ]
    if solution:
        questions.insert(2, t.SOLUTION_SUB_QUESTION.format(solution=solution, org=org))
    return [re.sub(r"\s+", " ", q).replace(" ,", ",").replace(" ?", "?") for q in questions][:6]


def english_list(text: str) -> str:
    """ "a, b, c, d and e" -> "a, b, c and others": whole items, never cut mid-list."""
    items = [i.strip(" .") for i in re.split(r",|;|\band\b|\bor\b", lang.first_sentence(text, 60)) if i.strip(" .")]
    items = [i for i in items if len(i.split()) <= 6]
    if len(items) > 3:
        items = [*items[:3], "others involved"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def title_of(aim: Aim, org: str, intake: Intake) -> str:
    t = for_language(intake.language)
    base = aim.knowledge or (
        aim.bare if aim.specific else lang.first_sentence(lang.clean_answer(intake.problem, intake.language), 8)
    )
    base = base[:1].upper() + base[1:] if base else t.UNTITLED
    words = base.split()
    if len(words) > 10:
        base = " ".join(words[:10]) + "…"
    return f"{base} ({org})"


def draft(
    intake: Intake, matches: MatchResult | None = None, organisation_name: str | None = None
) -> tuple[Draft, bool]:
    """The English draft without its quality checks (the drafter makes those), and whether its
    aim is specific."""
    t = for_language(intake.language)
    org = organisation_name or lang.clean_answer(intake.organisation, intake.language) or t.DEFAULT_ORGANISATION
    kind = question_kind(intake.goal, intake.problem)
    aim = aim_of(intake, org)
    main = main_question(kind, org, aim, intake.language)
    subs = sub_questions(kind, org, aim, intake, matches)
    clean = lambda s: lang.clean_answer(s, intake.language)  # noqa: E731
    constraints = [
        c
        for c in (
            clean(intake.data),
            t.TIMELINE.format(timeline=clean(intake.timeline)) if intake.timeline.strip() else "",
        )
        if c
    ]
    return Draft(
        title=title_of(aim, org, intake),
        organisation=org,
        main_question=main,
        sub_questions=subs,
        background=" ".join(p for p in (clean(intake.problem), clean(intake.context)) if p),
        objective=clean(intake.goal) or t.GENERIC_AIM,
        scope=t.SCOPE.format(org=org, stakeholders=clean(intake.stakeholders) or t.DEFAULT_STAKEHOLDERS),
        constraints=constraints,
        **intake_fields(intake, matches, kind),
    ), aim.specific
