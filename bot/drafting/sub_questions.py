"""Sub-questions tied to this intake: what was tried, who is involved, the systems and limits
of the data, the user's own idea, a similar past assignment; at most two general method lines.
The stakeholder, data and context answers are read here for what the questions need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.analysis import Analysis, Token, render
from bot.drafting import dutch, verbs, voice
from bot.drafting.dutch import Tokens, lower
from bot.drafting.goal import Aim
from bot.drafting.main_question import LONG_AIM
from bot.drafting.nouns import VAGUE_NOUNS, definite, is_plural, noun_phrases
from bot.drafting.records import OrganisationName
from bot.texts import nl


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
        rest = [verbs.with_te(c) for c in aim.clauses[1:]]
        if all(r is not None for r in rest):
            out.append(nl.SUB["rest"].format(te=render(dutch.dutch_list(rest))))  # type: ignore[arg-type]
    if stakeholders:
        plural, single = nl.SUB_PEOPLE[kind]
        people = people_list(stakeholders)
        many = len(stakeholders) > 1 or is_plural(stakeholders[0])
        out.append(dutch.capital((plural if many else single).format(people=render(people))))
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


def people_list(stakeholders: list[Tokens]) -> Tokens:
    if len(stakeholders) > 3:
        return dutch.dutch_list(stakeholders[:3], rest=nl.OTHER_PEOPLE)
    return dutch.dutch_list(stakeholders)


def _list_text(items: Sequence[str]) -> str:
    return render(dutch.dutch_list([dutch.words(i) for i in items]))


def stakeholder_phrases(stakeholders: Analysis, org_tokens: Tokens, relevant: Sequence[Token]) -> list[Tokens]:
    """The people of the stakeholder answer as noun phrases, most relevant first: those the
    problem or goal mentions, then in the order given. "iedereen" says nobody in particular."""
    tokens = voice.third_person(dutch.without_filler(stakeholders.tokens), org_tokens)
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
    for phrase in noun_phrases(tokens, with_pp=False):
        names = [
            t
            for t in phrase
            if (t.tag == "SPEC" and t.word[:1].isupper() and any(c.isalpha() for c in t.word))
            or (t.tag == "N" and any(h in t.lemma.lower() for h in SYSTEM_HINTS))
        ]
        if not names:
            continue
        phrase = definite(dutch.decapitalised(phrase)) if any(t.tag == "N" for t in phrase) else phrase
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
        return definite([*objects, *pp])
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
    for phrase in noun_phrases(list(tokens), with_pp=False):
        start = _index_of(tokens, phrase[0])
        after_preposition = start > 0 and tokens[start - 1].tag == "VZ"
        personal = any(t.tag == "VNW" and ("pers" in t.features or "1" in t.features) for t in phrase)
        vague = all(t.lemma.lower() in VAGUE_NOUNS for t in phrase if t.tag == "N")
        if not (after_preposition or personal or vague):
            out.append(phrase)
    return out


def _joined_phrases(phrases: Sequence[Tokens]) -> Tokens:
    """ "handreikingen", "een e-depot" -> "handreikingen en een e-depot"."""
    return dutch.dutch_list([dutch.decapitalised(p) for p in phrases])


def _index_of(tokens: Sequence[Token], token: Token) -> int:
    return next(i for i, t in enumerate(tokens) if t is token)
