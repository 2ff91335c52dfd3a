"""Composing the Dutch draft from analysed answers: main-question candidates, sub-questions
tied to this intake, a noun-phrase title, and background, objective and scope as sentences.

Pure: analyses in, text out. The drafter (bot/drafting/drafter.py) analyses the candidates
again and keeps the first that passes every check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.analysis import Analysis, Token, render
from bot.drafting import dutch
from bot.drafting.dutch import Tokens, lower
from bot.drafting.goal import Aim, problem_focus, read_goal
from bot.drafting.records import Intake
from bot.texts import nl
from knowledge.records import Organisation

FORECAST_VERBS = frozenset({"voorspellen", "inschatten", "ramen", "schatten", "verwachten"})
KIND_ORDER = ("adviserend", "ontwerpend", "evaluerend", "verklarend", "voorspellend", "beschrijvend")
LONG_AIM = 16  # words of the aim; longer goals keep their first clause in the main question


@dataclass(frozen=True)
class OrganisationName:
    """How the organisation reads in a sentence: "het ministerie van Defensie", "DUO"."""

    in_sentence: str
    at_start: str
    names: tuple[str, ...]  # what counts as naming it (name, short name, aliases)

    @classmethod
    def of(cls, organisation: Organisation) -> OrganisationName:
        names = (organisation.short_name or organisation.name, organisation.name, *organisation.aliases)
        return cls(organisation.in_sentence(), organisation.in_sentence(start=True), names)

    @classmethod
    def plain(cls, name: str) -> OrganisationName:
        text = name.strip() or nl.DEFAULT_ORGANISATION
        if text.lower().startswith("ministerie"):
            text = "het " + text[:1].lower() + text[1:]
        return cls(text, text[:1].upper() + text[1:], (name.strip(),))


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
    people = dutch.person_nouns(people_tokens)
    aim = read_goal(get("goal"), org_tokens, people)
    focus = aim.focus
    if not focus or (len(focus) == 1 and dutch.person_nouns(focus)):  # "mensen" says too little
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
            focus=focus_text, org=organisation.in_sentence, people=render(_people_list(stakeholders))
        ),
        constraints=[
            *sentences_of(get("data"), org_tokens),
            *(
                [
                    nl.TIMELINE.format(
                        timeline=render(
                            dutch.decapitalised(
                                dutch.strip_end(
                                    dutch.third_person(dutch.without_filler(get("timeline").tokens), org_tokens)
                                )
                            )
                        )
                    )
                ]
                if get("timeline").tokens
                else []
            ),
        ],
        intake_nouns=intake_nouns - frozenset(dutch.VAGUE_NOUNS),
    )


# -- the main question ------------------------------------------------------------------
def main_candidates(kind: str, aim: Aim, focus: Tokens, organisation: OrganisationName) -> list[tuple[str, str]]:
    """Main questions, best first: the chosen kind with the whole aim, then with its first
    clause only, then the other kinds, then questions built on the focus of the problem."""
    kinds = [kind, *(k for k in KIND_ORDER if k != kind)]
    out: list[tuple[str, str]] = []
    for k in kinds:
        for clauses in _clause_choices(aim):
            question = _frame(k, aim, clauses, organisation)
            if question:
                out.append((k, question))
    if focus:
        np = render(focus)
        for k in kinds:
            out.append((k, _capital(nl.FOCUS_FRAMES[k].format(org=organisation.in_sentence, np=np))))
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
        span = dutch.verb_cluster(first)
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
        span = dutch.verb_cluster(clauses[0])
        if span and clauses[0][span[0]].lemma in FORECAST_VERBS:
            # "de drukte beter voorspellen": the question asks it directly
            return _capital(nl.FORECAST_FRAME.format(org=organisation.in_sentence, bare=render(clauses[0])))
    if aim.shape == "infinitive":
        te = [dutch.with_te(c) for c in clauses]
        modal = [dutch.with_modal(c) for c in clauses]
        if any(c is None for c in te) or any(c is None for c in modal):
            return ""
        slots["te"] = render(_joined(te))  # type: ignore[arg-type]
        slots["modal"] = render(_joined(modal))  # type: ignore[arg-type]
    elif aim.shape == "noun":
        slots["np"] = render(clauses[0])
    else:
        slots["clause"] = render(clauses[0])
    return _capital(frame.format(**slots))


def _joined(clauses: Sequence[Tokens]) -> Tokens:
    """Clauses as "A en B" or "A, B en C"."""
    return dutch.dutch_list(clauses)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- sub-questions ------------------------------------------------------------------------
def sub_questions(
    kind: str,
    aim: Aim,
    focus: str,
    organisation: OrganisationName,
    stakeholders: list[Tokens],
    context: Analysis,
    data: Analysis,
    similar: Sequence[Mapping[str, Any]],
    org_tokens: Tokens,
) -> list[str]:
    """3-6 sub-questions in a logical order, each using something concrete from this intake:
    what was tried, who is involved, the data and its limits, the user's own idea, the similar
    assignments; at most two general method lines."""
    org = organisation.in_sentence
    out: list[str] = []
    tried = tried_phrase(context, org_tokens)
    out.append(
        nl.SUB["tried"].format(tried=render(tried)) if tried else nl.SUB["situation"].format(focus=focus, org=org)
    )
    if aim.shape == "infinitive" and len(aim.clauses) > 1 and sum(len(c) for c in aim.clauses) > LONG_AIM:
        rest = [dutch.with_te(c) for c in aim.clauses[1:]]
        if all(r is not None for r in rest):
            out.append(nl.SUB["rest"].format(te=render(_joined(rest))))  # type: ignore[arg-type]
    if stakeholders:
        plural, single = nl.SUB_PEOPLE[kind]
        people = _people_list(stakeholders)
        many = len(stakeholders) > 1 or dutch.is_plural(stakeholders[0])
        out.append(_capital((plural if many else single).format(people=render(people))))
    systems, limits = data_facts(data)
    if systems and limits:
        out.append(nl.SUB["data"].format(systems=_list_text(systems), org=org, limits=_list_text(limits)))
    elif systems:
        out.append(nl.SUB["data_systems"].format(systems=_list_text(systems), org=org))
    elif limits:
        out.append(nl.SUB["data_limits"].format(focus=focus, limits=_list_text(limits)))
    else:
        out.append(nl.SUB["data_none"].format(focus=focus, org=org))
    if aim.solution:
        out.append(nl.SUB["solution"].format(solution=render(dutch.decapitalised(aim.solution)), focus=focus))
    if similar and len(out) < 5:
        first = similar[0]
        out.append(
            nl.SUB["similar"].format(title=first["title"], organisation=first["organisation"], year=first["year"])
        )
    tester = render(stakeholders[0]) if stakeholders else nl.DEFAULT_TESTERS
    out.append(nl.SUB_METHOD[kind].format(focus=focus, org=org, tester=tester))
    return out[:6]


def _people_list(stakeholders: list[Tokens]) -> Tokens:
    if len(stakeholders) > 3:
        return dutch.dutch_list(stakeholders[:3], rest=nl.OTHER_PEOPLE)
    return dutch.dutch_list(stakeholders)


def _list_text(items: Sequence[str]) -> str:
    return render(dutch.dutch_list([dutch.words(i) for i in items]))


def stakeholder_phrases(stakeholders: Analysis, org_tokens: Tokens, relevant: Sequence[Token]) -> list[Tokens]:
    """The people of the stakeholder answer as noun phrases, most relevant first: those the
    problem or goal mentions, then in the order given. "iedereen" says nobody in particular."""
    tokens = dutch.third_person(dutch.without_filler(stakeholders.tokens), org_tokens)
    items: list[Tokens] = [[]]
    for token in tokens:
        if token.word in (",", ";", "/", ".") or (token.tag == "VG" and lower(token) in ("en", "of", "maar")):
            items.append([])
        else:
            items[-1].append(token)
    phrases = []
    for item in items:
        cut = next(
            (i for i, t in enumerate(item) if dutch.is_finite(t) or lower(t) in ("die", "dat", "want")), len(item)
        )
        phrase = dutch.strip_end([t for t in item[:cut] if t.tag not in ("BW",) or lower(t) == "niet"])
        if (
            phrase
            and any(t.tag in ("N", "SPEC", "ADJ") for t in phrase)
            and lower(phrase[0]) not in ("iedereen", "alle")
        ):
            phrases.append(dutch.decapitalised(phrase))
    wanted = {t.lemma.lower() for t in relevant if t.tag in ("N", "SPEC")}
    return sorted(phrases, key=lambda p: 0 if {t.lemma.lower() for t in p} & wanted else 1)


SYSTEM_HINTS = frozenset({"systeem", "applicatie", "registratie", "database", "bestand", "administratie", "logging"})


def data_facts(data: Analysis) -> tuple[list[str], list[str]]:
    """(systems, limits) named in the data answer: "Topdesk", "het KCC-systeem"; "de AVG".
    A limit said not to apply ("geen persoonsgegevens") is no limit."""
    systems: list[str] = []
    limits: list[str] = []
    tokens = dutch.without_filler(data.tokens)
    for i, token in enumerate(tokens):
        key = lower(token).strip(".,")
        denied = any(lower(t) in ("geen", "niet", "zonder") for t in tokens[max(0, i - 3) : i])
        for name, label in nl.LIMIT_NAMES.items():
            if (key == name or key.startswith(name)) and label not in limits and not denied:
                limits.append(label)
    for phrase in dutch.noun_phrases(tokens, with_pp=False):
        names = [
            t
            for t in phrase
            if (t.tag == "SPEC" and t.word[:1].isupper() and any(c.isalpha() for c in t.word))
            or (t.tag == "N" and any(h in t.lemma.lower() for h in SYSTEM_HINTS))
        ]
        if not names:
            continue
        phrase = dutch.definite(dutch.decapitalised(phrase)) if any(t.tag == "N" for t in phrase) else phrase
        text = render(phrase)
        if any(lower(t).strip(".,") in nl.LIMIT_NAMES or t.word in NOT_SYSTEMS for t in phrase) or text in systems:
            continue
        if len(text.split()) <= 4:
            systems.append(text)
    return systems[:3], limits[:3]


NOT_SYSTEMS = frozenset({"DPIA", "VOG", "AVG", "BIO", "Dep.V", "DepV"})
AUXILIARIES = frozenset({"hebben", "zijn", "worden"})
COMPLEMENTS = frozenset(
    {"beschikbaar", "bekend", "klaar", "duidelijk", "zichtbaar", "inzichtelijk", "eenvoudiger", "korter"}
)


TRIED_MARKERS = frozenset({"al", "eerder", "geprobeerd", "keer", "pilot", "proef", "vorig", "ooit", "eens"})
BOUNDARIES = frozenset(
    {",", ";", "maar", "dus", "want", "omdat", "dat", "toen", "die", "waarin", "waarbij", "waardoor"}
)
RELATIVES = frozenset({"die", "dat", "waarin", "waarbij", "waardoor"})


def tried_phrase(context: Analysis, org_tokens: Tokens) -> Tokens:
    """What was tried, as a noun phrase: "we hebben de brieven herschreven op B1-niveau" ->
    "het herschrijven van de brieven op B1-niveau"; "de brieven zijn herzien" -> "het herzien
    van de brieven"; "er is een pilot gedaan met X" -> "de pilot met X". Sentences that say it
    was tried before ("al", "een keer", "pilot") come first."""
    sentences = dutch.split_sentences(dutch.without_filler(context.tokens))
    marked = sorted(sentences, key=lambda s: 0 if any(lower(t) in TRIED_MARKERS for t in s) else 1)
    for sentence in marked:
        for i, verb in enumerate(sentence):
            if dutch.is_verb(verb, "vd") and "prenom" not in verb.features:
                phrase = _nominal_of(sentence, i)
                if phrase:
                    return phrase
    return []


def _nominal_of(sentence: Tokens, participle: int) -> Tokens:
    """The participle's clause as "het <doen> van <wat>", or [] when it does not read as a deed."""
    start = participle
    while start > 0 and lower(sentence[start - 1]) not in BOUNDARIES:
        start -= 1
    end = participle + 1
    while end < len(sentence) and lower(sentence[end]) not in BOUNDARIES and sentence[end].word not in (".", "?", "!"):
        end += 1
    if start > 0 and lower(sentence[start - 1]) in RELATIVES and sentence[start - 1].tag == "VNW":
        return []  # "artikelen die op een kapotte sensor gebaseerd waren": said of something, not done
    clause = sentence[start:end]
    at = participle - start
    auxiliaries = [t for t in clause if t.lemma in AUXILIARIES and t.tag == "WW"]
    if not auxiliaries or any(lower(t) in ("niet", "geen", "nooit") or t.lemma == "blijven" for t in clause):
        return []  # nothing done ("is niet gedaald", "is beperkt gebleven")
    verb = clause[at]
    before = [t for t in clause[:at] if not (t.lemma in AUXILIARIES and t.tag == "WW")]
    complement: Tokens = []
    while before and lower(before[-1]) in COMPLEMENTS:
        complement.insert(0, before.pop())
    passive = any(t.lemma in ("zijn", "worden") for t in auxiliaries)
    phrases = [p for p in _object_phrases(before)]
    if not passive and phrases and _index_of(before, phrases[0][0]) < _finite_index(clause, before):
        phrases = phrases[1:]  # the subject: who did it, not what was done
    objects = _joined_phrases(phrases)
    if not objects:
        return []
    tail = clause[at + 1 :]
    pp = tail if tail and tail[0].tag == "VZ" and len(tail) <= 5 and not any(t.tag == "WW" for t in tail) else []
    if verb.lemma == "doen":  # "een pilot gedaan met X"
        return dutch.definite([*objects, *pp])
    if not verb.lemma.endswith("en") or len(verb.lemma) <= 3:
        return []
    nominal = dutch.word(" ".join([*(lower(t) for t in complement), verb.lemma]), "WW(inf,nom,zonder)")
    phrase = [dutch.word("het", "LID(bep,stan,evon)"), nominal, dutch.word("van", "VZ(init)"), *objects, *pp]
    return phrase if len(phrase) <= 12 else phrase[: 3 + len(objects)]


def _finite_index(clause: Sequence[Token], before: Sequence[Token]) -> int:
    """Where the finite verb stood, counted in `before` (the clause without auxiliaries)."""
    finite = next((t for t in clause if dutch.is_finite(t)), None)
    if finite is None:
        return len(before)
    preceding = clause[: next(i for i, t in enumerate(clause) if t is finite)]
    return sum(1 for t in preceding if t in before)


def _object_phrases(tokens: Sequence[Token]) -> list[Tokens]:
    """Noun phrases not in a prepositional phrase, not a pronoun and not a time."""
    out = []
    for phrase in dutch.noun_phrases(list(tokens), with_pp=False):
        start = _index_of(tokens, phrase[0])
        after_preposition = start > 0 and tokens[start - 1].tag == "VZ"
        personal = any(t.tag == "VNW" and ("pers" in t.features or "1" in t.features) for t in phrase)
        vague = all(t.lemma.lower() in dutch.VAGUE_NOUNS for t in phrase if t.tag == "N")
        if not (after_preposition or personal or vague):
            out.append(phrase)
    return out


def _joined_phrases(phrases: Sequence[Tokens]) -> Tokens:
    """ "handreikingen", "een e-depot" -> "handreikingen en een e-depot"."""
    return dutch.dutch_list([dutch.decapitalised(p) for p in phrases])


def _index_of(tokens: Sequence[Token], token: Token) -> int:
    return next(i for i, t in enumerate(tokens) if t is token)


# -- title, background, objective ---------------------------------------------------------
def title_of(kind: str, aim: Aim, focus: Tokens) -> str:
    """A noun phrase of at most about ten words: "Wegwerken van de achterstand"."""
    if aim.shape == "infinitive":
        clause = aim.clause
        span = dutch.verb_cluster(clause)
        objects = dutch.noun_phrases(clause[: span[0]] if span else clause, with_pp=True)
        if span and span[1] - span[0] == 1 and objects:
            verb = clause[span[0]].lemma if clause[span[0]].lemma.endswith("n") else clause[span[0]].word
            phrase = [dutch.word(verb, "WW(inf,nom)"), dutch.word("van", "VZ(init)"), *objects[0]]
            if len(phrase) <= 10:
                return _capital(render(phrase))
    if aim.shape == "noun" and len(aim.clause) <= 10:
        items = aim.clause[1:] if lower(aim.clause[0]) in ("een", "de", "het") else aim.clause
        return _capital(render(items))
    np = focus[:8]
    if np:
        return nl.KIND_TITLE[kind].format(np=render(np))
    return nl.UNTITLED


def sentences_of(answer: Analysis, org_tokens: Tokens) -> list[str]:
    """An answer as written sentences in the organisation's voice, filler removed."""
    out = []
    for sentence in dutch.split_sentences(dutch.without_filler(answer.tokens)):
        end = "?" if sentence[-1].word == "?" else "."
        text = dutch.sentence(dutch.third_person(sentence, org_tokens), end)
        if len(text.split()) >= 2:
            out.append(text)
    return out


def objective_of(aim: Aim, organisation: OrganisationName, goal: Analysis, org_tokens: Tokens) -> str:
    slots = {"Org": organisation.at_start, "bare": "", "clause": "", "verb": aim.verb, "np": ""}
    if aim.shape == "infinitive":
        slots["bare"] = render(_joined(list(aim.clauses)))
    elif aim.shape == "noun":
        slots["np"] = render(aim.clause)
    elif aim.shape in ("dat", "knowledge"):
        slots["clause"] = render(aim.clause)
    else:
        return " ".join(sentences_of(goal, org_tokens)) or nl.GENERIC_AIM
    return nl.OBJECTIVE[aim.shape].format(**slots)
