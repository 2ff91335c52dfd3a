"""What the civil servant wants to be different, read from the analysed goal answer.

A goal comes in a few shapes (see shared/DRAFTING.md): infinitive clauses ("het aantal valse
alarmen verminderen en schade eerder zien"), a "dat"-clause ("ervoor zorgen dat burgers de
brief begrijpen"), something to find out ("weten hoeveel aanvragen er binnenkomen"), a noun
phrase ("een realistische crisisoefening"), or a main clause ("de wachttijd moet omlaag").
`read_goal` finds the shape and keeps the words as tokens, so the question frames can put
them into grammatical Dutch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.analysis import Analysis, Token
from bot.drafting import dutch, verbs, voice
from bot.drafting.dutch import Tokens, lower
from bot.drafting.focus import asked_focus, clause_focus, object_focus
from bot.drafting.nouns import noun_phrases, person_nouns

LEAD_VERBS = frozenset({"willen", "moeten", "hopen", "zullen", "gaan", "proberen", "wensen", "streven", "zoeken"})
LEAD_WORDS = frozenset({"graag", "heel", "ook", "vooral", "dus", "dan", "liefst", "bij", "voorkeur", "uiteindelijk"})
SOLUTION_WORDS = frozenset(
    [
        "chatbot",
        "assistent",
        "app",
        "dashboard",
        "portaal",
        "portal",
        "blockchain",
        "tool",
        "website",
        "ai-model",
        "algoritme",
        "llm",
        "chatgpt",
        "robot",
        "rpa",
        "datalake",
        "systeem",
        "platform",
        "checklist",
        "stappenplan",
        "sensorsysteem",
        "applicatie",
        "voicebot",
        "taalmodel",
    ]
)
OVERVIEW_NOUNS = frozenset({"overzicht", "inzicht", "zicht", "beeld"})
PURPOSE_WORDS = frozenset({"zodat", "waardoor", "waarmee", "om"})


@dataclass(frozen=True)
class Aim:
    """The goal in the shape the question frames need."""

    shape: str
    clauses: tuple[Tokens, ...] = ()  # infinitive: bare clauses; dat/knowledge/noun: one clause
    verb: str = ""  # the knowledge verb ("weten", "voorspellen") for shape "knowledge"
    solution: Tokens = field(default_factory=list)  # "een chatbot op werk.nl": an option to study
    focus: Tokens = field(default_factory=list)  # what the question is about ("het aantal valse alarmen")

    @property
    def clause(self) -> Tokens:
        return self.clauses[0] if self.clauses else []


def read_goal(goal: Analysis, organisation: Tokens, people: Sequence[Token] = ()) -> Aim:
    """The aim of the first sentence of the goal that says one; shape "none" when none does.
    `people` are nouns from the other answers that a "ze" in the goal can refer to."""
    tokens = dutch.without_filler(goal.tokens)
    solution: Tokens = []
    for sentence in dutch.split_sentences(tokens):
        if sentence[-1].word == "?" and len(tokens) > len(sentence):
            continue  # "helemaal verbieden?": thinking aloud, not the goal
        aim = _read_sentence(dutch.strip_end(sentence), organisation, people)
        solution = solution or aim.solution
        if aim.shape != "none":
            return Aim(aim.shape, aim.clauses, aim.verb, solution, aim.focus)
    return Aim("none", solution=solution)


def _read_sentence(tokens: Tokens, organisation: Tokens, people: Sequence[Token]) -> Aim:
    rest = dutch.decapitalised(_without_lead(tokens))
    solution = _solution(rest)
    if solution:
        purpose = next((i for i, t in enumerate(rest) if lower(t) in PURPOSE_WORDS and i >= len(solution)), None)
        relative = next((i for i, t in enumerate(rest) if lower(t) in ("die", "dat") and i >= len(solution)), None)
        if purpose is None or (relative is not None and relative < purpose):
            # "een assistent die inspecteurs helpt om ...": the relative clause says what it is for
            return _what_it_should_do(rest, len(solution), organisation, people, solution)
        rest = _without_lead(rest[purpose:])
    if not rest:
        return Aim("none", solution=solution)
    first = lower(rest[0])
    if first in ("dat", "zodat"):
        return _dat_clause(rest[1:], organisation, people, solution)
    if _starts_knowledge(rest):
        clause = _one_question(voice.third_person(_resolved(rest[1:], people), organisation))
        return Aim("knowledge", (clause,), rest[0].lemma, solution, asked_focus(clause))
    relative = next((i for i, t in enumerate(rest) if lower(t) in ("dat", "die", "waar", "wat", "waarmee")), len(rest))
    infinitives = [i for i, t in enumerate(rest) if dutch.is_infinitive(t)]
    finite = [i for i, t in enumerate(rest[:relative]) if dutch.is_finite(t)]
    if finite and not any(t.tag in ("N", "SPEC", "VNW") for t in rest[: finite[0]]):
        # "vooraf kunnen zien welke ...": no subject before it, so an infinitive after all
        rest = [*rest[: finite[0]], replace(rest[finite[0]], pos="WW(inf,vrij,zonder)"), *rest[finite[0] + 1 :]]
        finite, infinitives = [], sorted([*infinitives, finite[0]])
        knowing = [i for i in infinitives if _starts_knowledge(rest[i:])]
        if knowing:
            clause = _one_question(voice.third_person(_resolved(rest[knowing[0] + 1 :], people), organisation))
            return Aim("knowledge", (clause,), rest[knowing[0]].lemma, solution, clause_focus(clause))
    if finite and (not infinitives or finite[0] < infinitives[0]) and finite[0] > 0:
        # "de wachttijd moet omlaag": a main clause; as a "dat"-clause it keeps its subject.
        return _dat_clause(verbs.subordinate(_without_must(rest, finite[0])), organisation, people, solution)
    if infinitives:
        clauses = tuple(
            voice.third_person(_resolved(c, people), organisation) for c in _coordinated(rest) if verbs.verb_cluster(c)
        )
        if clauses:
            return Aim("infinitive", clauses, "", solution, clause_focus(clauses[0]))
    phrases = noun_phrases(rest)
    if len(rest) > 2 and rest[0].lemma in OVERVIEW_NOUNS | {"een"} and not finite:
        # "overzicht van alle algoritmes", "inzicht in de kosten": what they want to see
        at = next((i for i, t in enumerate(rest[:3]) if t.tag == "VZ"), None)
        if at is not None and rest[at - 1].lemma in OVERVIEW_NOUNS:
            phrase = dutch.strip_end(voice.third_person(rest[at + 1 :], organisation))
            return Aim("noun", (phrase,), "overzicht", solution, phrase)
    if phrases and not finite:
        phrase = voice.third_person(rest if len(rest) <= len(phrases[0]) + 6 else phrases[0], organisation)
        phrase = dutch.strip_end(phrase)
        return Aim("noun", (phrase,), "", solution, phrase)
    return Aim("none", solution=solution)


def _without_must(clause: Tokens, finite: int) -> Tokens:
    """ "de wachttijd moet omlaag" -> "de wachttijd gaat omlaag"; "mensen moeten het formulier
    kunnen invullen" -> "mensen kunnen het formulier invullen": the wish, not the duty."""
    verb = clause[finite]
    if verb.lemma != "moeten":
        return clause
    span = verbs.verb_cluster(clause[finite + 1 :])
    plural = "mv" in verb.features
    if span is None:
        form = "gaan" if plural else "gaat"
        return [*clause[:finite], replace(verb, word=form, lemma="gaan"), *clause[finite + 1 :]]
    at = finite + 1 + span[0]
    new = replace(clause[at], pos="WW(pv,tgw,mv)")
    if not plural:
        new = voice.third_singular(new)
    return [*clause[:finite], *clause[finite + 1 : at], new, *clause[at + 1 :]]


def _without_lead(tokens: Sequence[Token]) -> Tokens:
    """ "we zouden graag willen dat ...", "het doel is om ...", "ik wil ..." -> what follows."""
    items = list(tokens)
    for _ in range(4):
        before = len(items)
        if len(items) > 2 and [lower(t) for t in items[:2]] in (["het", "doel"], ["ons", "doel"], ["mijn", "doel"]):
            items = items[2:]
            if items and (items[0].lemma == "zijn" or items[0].word == ":"):
                items = items[1:]
        if items and lower(items[0]) in ("doel", "wat") and len(items) > 3:
            # "wat we willen is ..."
            cut = next((i for i, t in enumerate(items[:6]) if t.lemma == "zijn" and i > 1), None)
            if cut is not None:
                items = items[cut + 1 :]
        if (
            len(items) > 3
            and items[0].tag in ("BW", "ADJ")
            and items[1].lemma in LEAD_VERBS
            and dutch.is_first_person(items[2])
        ):
            items = items[3:]  # "uiteindelijk willen we ..."
        if items and dutch.is_first_person(items[0]) and len(items) > 1:
            i = 1
            while i < len(items) and (items[i].lemma in LEAD_VERBS or lower(items[i]) in LEAD_WORDS):
                i += 1
            if i > 1:
                items = items[i:]
        while items and (lower(items[0]) in LEAD_WORDS or items[0].word in (":", ",")):
            items = items[1:]
        if items and lower(items[0]) == "om":
            items = _bare(items[1:])
        if items and lower(items[0]) in ("ervoor", "er") and len(items) > 2:
            at = next((i for i, t in enumerate(items[:4]) if lower(t) == "dat"), None)
            if at is not None:
                items = items[at:]
        if len(items) > 1 and items[0].lemma in ("zorgen", "zorg") and lower(items[1]) == "dat":
            items = items[1:]
        if len(items) == before:
            break
    return items


def _bare(tokens: Sequence[Token]) -> Tokens:
    """ "patches sneller uit te rollen" -> "patches sneller uitrollen": the clause without "te"."""
    out: Tokens = []
    items = list(tokens)
    i = 0
    while i < len(items):
        token = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if lower(token) == "te" and nxt is not None and dutch.is_infinitive(nxt):
            if out and out[-1].tag in ("VZ", "BW") and lower(out[-1]) in verbs.SEPARABLE_PREFIXES:
                particle = out.pop()
                out.append(Token(particle.word + nxt.word, particle.word + nxt.lemma, nxt.morph, nxt.pos, "O", "B-VP"))
                i += 2
                continue
            i += 1
            continue
        out.append(token)
        i += 1
    return out


def _solution(tokens: Sequence[Token]) -> Tokens:
    """The solution the user named ("een chatbot op werk.nl"), up to its relative clause."""
    for i, token in enumerate(tokens[:8]):
        introduced = any(lower(t) in ("een", "eigen", "nieuw", "nieuwe") for t in tokens[max(0, i - 3) : i])
        named = {token.lemma.lower(), lower(token)}
        compound = any(w.endswith(("-" + s, s)) for w in named for s in SOLUTION_WORDS if len(s) > 5)
        if (named & SOLUTION_WORDS or compound) and introduced:
            start = i
            while start > 0 and tokens[start - 1].chunk in ("B-NP", "I-NP") and tokens[start].chunk == "I-NP":
                start -= 1
            end = i + 1
            while end < len(tokens) and (
                tokens[end].chunk in ("I-NP", "B-PP")
                or (tokens[end].chunk == "B-NP" and tokens[end - 1].chunk == "B-PP")
            ):
                if lower(tokens[end]) in PURPOSE_WORDS:
                    break
                end += 1
            phrase = list(tokens[start:end])
            if phrase and phrase[-1].tag == "VZ":
                phrase.pop()
            # "een tool bouwen om ...": the solution is the phrase before its verb.
            return list(tokens[: i + 1]) if start == 0 and i < 3 else phrase
    return []


def _starts_knowledge(tokens: Sequence[Token]) -> bool:
    return (
        len(tokens) > 2
        and tokens[0].lemma in verbs.KNOWLEDGE_VERBS
        and lower(tokens[1]) in dutch.QUESTION_WORDS
        and tokens[0].tag == "WW"
    )


def _what_it_should_do(
    tokens: Tokens, after: int, organisation: Tokens, people: Sequence[Token], solution: Tokens
) -> Aim:
    """ "een chatbot die mensen helpt met het levensbewijs": what the solution should do is the
    aim ("mensen helpen met het levensbewijs"); "een app waarmee burgers hun aanvraag volgen"
    gives "zodat burgers hun aanvraag volgen"."""
    at = next((i for i in range(after, len(tokens)) if lower(tokens[i]) in ("die", "dat", "waarmee", "waardoor")), None)
    if at is None:
        return Aim("none", solution=solution)
    rest = tokens[at + 1 :]
    comma = next((i for i, t in enumerate(rest) if t.word in (",", ";")), len(rest))
    clause = dutch.strip_end(rest[:comma])  # "..., waarbij de inspecteur ...": the first clause
    if lower(tokens[at]) in ("waarmee", "waardoor"):
        return _dat_clause(clause, organisation, people, solution)
    # verb-final: the last finite verb is the relative clause's own ("die ... stap voor stap helpt")
    finite = next((i for i in range(len(clause) - 1, -1, -1) if dutch.is_finite(clause[i])), None)
    if finite is None:
        return Aim("none", solution=solution)
    verb = replace(clause[finite], word=clause[finite].lemma, pos="WW(inf,vrij,zonder)")
    clause = voice.third_person([*clause[:finite], verb, *clause[finite + 1 :]], organisation)
    if not verbs.verb_cluster(clause):
        return Aim("none", solution=solution)
    return Aim("infinitive", (clause,), "", solution, clause_focus(clause))


def _dat_clause(clause: Tokens, organisation: Tokens, people: Sequence[Token], solution: Tokens) -> Aim:
    comma = next((i for i, t in enumerate(clause) if t.word == "," and i > 2), None)
    if comma is not None and any(t.tag == "WW" for t in clause[:comma]):
        clause = clause[:comma]  # "dat X ..., dat we weten ...": one aim per question
    if len(clause) > 2 and dutch.is_first_person(clause[0]) and not _starts_knowledge(clause[1:]):
        # "dat we ... kunnen zien": the organisation wants to do it itself, so "om ... te kunnen zien"
        embedded = next(
            (i for i, t in enumerate(clause) if i > 1 and lower(t) in dutch.QUESTION_WORDS | {"dat", "die"}),
            len(clause),
        )
        finite = next((i for i, t in enumerate(clause[:embedded]) if dutch.is_finite(t)), None)
        if finite is None and verbs.verb_cluster(clause[:embedded]):
            finite = -1  # Frog read "we ... kunnen zien" with "kunnen" as an infinitive already
        if finite is not None:
            verb = clause[finite] if finite >= 0 else clause[1]
            clause_inf = (
                [*clause[1:finite], replace(verb, word=verb.lemma, pos="WW(inf,vrij,zonder)"), *clause[finite + 1 :]]
                if finite >= 0
                else list(clause[1:])
            )
            clause_inf = _one_question(dutch.strip_end(voice.third_person(_resolved(clause_inf, people), organisation)))
            if verbs.verb_cluster(clause_inf) and verb.lemma not in ("zijn", "hebben", "weten"):
                return Aim("infinitive", (clause_inf,), "", solution, clause_focus(clause_inf))
    if len(clause) > 2 and dutch.is_first_person(clause[0]) and _starts_knowledge(clause[1:]):
        # "dat we weten hoeveel ...": something to find out
        known = dutch.strip_end(voice.third_person(_resolved(clause[2:], people), organisation))
        return Aim("knowledge", (known,), clause[1].lemma, solution, asked_focus(known))
    clause = dutch.strip_end(voice.third_person(_resolved(clause, people), organisation))
    if not any(dutch.is_finite(t) or dutch.is_infinitive(t) for t in clause):
        return Aim("none", solution=solution)
    return Aim("dat", (clause,), "", solution, object_focus(clause))


def _resolved(clause: Sequence[Token], people: Sequence[Token]) -> Tokens:
    """A "ze"/"zij" that points to people outside the goal gets its noun back ("burgers")."""
    out: Tokens = []
    for token in clause:
        is_pronoun = token.tag == "VNW" and "pers" in token.features and lower(token) in ("ze", "zij", "hen")
        # Only the first: after it, "hen" refers to the noun just put back ("... van hen").
        if is_pronoun and not person_nouns(out) and people:
            noun = dutch.decapitalised([people[0]])[0]
            out.append(
                Token(
                    noun.word.lower() if noun.tag == "N" else noun.word, noun.lemma, noun.morph, noun.pos, "O", "B-NP"
                )
            )
            continue
        out.append(token)
    return out


def _one_question(clause: Tokens) -> Tokens:
    """ "of het werkt, kosten en snelheid vergelijken": one question, up to the first comma."""
    cut = next((i for i, t in enumerate(clause) if t.word in (",", ";") and i >= 3), None)
    return clause[:cut] if cut is not None else clause


def _coordinated(tokens: Sequence[Token]) -> list[Tokens]:
    """Clauses joined by "en", "of" or a comma, each with its own infinitive."""
    clauses: list[Tokens] = [[]]
    for i, token in enumerate(tokens):
        joins = token.word == "," or (token.tag == "VG" and lower(token) in ("en", "of"))
        if joins and verbs.verb_cluster(clauses[-1]) and any(dutch.is_infinitive(t) for t in tokens[i + 1 :]):
            clauses.append([])
            continue
        clauses[-1].append(token)
    return [dutch.strip_end(c) for c in clauses if c]
