"""Verb placement: the verb cluster of a clause, "te" before it, a modal added, and the
finite verb moved to the end of a subordinate clause.

A separable particle is read from Frog's morphology ("[weg][werk][en]" -> "weg te werken"),
so "te inventariseren" stays whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.analysis import Token
from bot.drafting.dutch import TE, Tokens, is_finite, is_infinitive, lower, word

MODALS = frozenset({"kunnen", "moeten", "mogen", "willen", "zullen", "hoeven"})
KNOWLEDGE_VERBS = frozenset(
    {"weten", "begrijpen", "snappen", "achterhalen", "uitzoeken", "voorspellen", "inschatten", "zien", "nagaan"}
)
SEPARABLE_PREFIXES = (
    "terug", "samen", "vooruit", "binnen", "buiten", "tegen", "door", "mee", "over", "voor", "weg", "vast", "los",
    "rond", "aan", "bij", "toe", "uit", "af", "in", "na", "om", "op", "neer", "dicht", "open", "bekend", "klaar",
)  # fmt: skip
INSEPARABLE = frozenset(
    [
        "voorspellen",
        "voorkomen",
        "voorzien",
        "overzien",
        "overtuigen",
        "overwegen",
        "overbruggen",
        "overschrijden",
        "overleggen",
        "omschrijven",
        "omvatten",
        "doorgronden",
        "doorzien",
        "ondersteunen",
        "onderzoeken",
        "onderhouden",
        "ontwikkelen",
        "aanvaarden",
        "omarmen",
        "voltooien",
    ]
)


def separable_parts(token: Token) -> tuple[str, str] | None:
    """ "wegwerken" -> ("weg", "werken") by Frog's morphology, checked against the prefixes."""
    verb = token.word
    lowered = verb.lower()
    if lowered in INSEPARABLE:
        return None
    morphemes = token.morphemes
    for prefix in sorted(SEPARABLE_PREFIXES, key=len, reverse=True):
        rest = lowered[len(prefix) :]
        if lowered.startswith(prefix) and len(rest) >= 4 and rest.endswith("en"):
            # The morphology must agree: "[weg][werk][en]" has the particle as its own part,
            # "[inventariseer][en]" has none.
            if len(morphemes) > 1 and morphemes[0].lower() != prefix:
                continue
            if prefix in ("voor", "over", "door", "om", "onder") and lowered in INSEPARABLE:
                return None
            return verb[: len(prefix)], verb[len(prefix) :]
    return None


def verb_cluster(clause: Sequence[Token]) -> tuple[int, int] | None:
    """(start, end) of the last run of infinitives: the clause's verb cluster. An "om ... te"
    clause inside it has its own verb: "inspecteurs helpen om een rapport te maken" -> "helpen"."""
    own = next((i for i, t in enumerate(clause) if lower(t) == "om" and t.tag == "VZ"), len(clause))
    if not any(is_infinitive(t) for t in clause[:own]):
        own = len(clause)
    end = None
    for i in range(own - 1, -1, -1):
        if is_infinitive(clause[i]):
            end = i + 1
            break
    if end is None:
        return None
    start = end - 1
    while start > 0 and is_infinitive(clause[start - 1]):
        start -= 1
    return start, end


def with_te(clause: Sequence[Token]) -> Tokens | None:
    """An infinitive clause with its "te": before the first verb of the cluster, after a
    separable particle ("weg te werken"), before "laten" and modals ("te laten beginnen")."""
    span = verb_cluster(clause)
    if span is None:
        return None
    start, end = span
    first = clause[start]
    parts = separable_parts(first) if end - start == 1 else None
    if parts:
        particle, rest = parts
        verb = [word(particle, "VZ(fin)"), TE, replace(first, word=rest)]
    else:
        verb = [TE, *clause[start:end]]
        if parts is None and end - start > 1 and separable_parts(first):
            particle, rest = separable_parts(first)  # type: ignore[misc]
            verb = [word(particle, "VZ(fin)"), TE, replace(first, word=rest), *clause[start + 1 : end]]
    return [*clause[:start], *verb, *clause[end:]]


def with_modal(clause: Sequence[Token], modal: str = "kan") -> Tokens | None:
    """ "de achterstand wegwerken" -> "de achterstand kan wegwerken" (subordinate order)."""
    span = verb_cluster(clause)
    if span is None:
        return None
    start, _ = span
    return [*clause[:start], word(modal, "WW(pv,tgw,ev)", "kunnen"), *clause[start:]]


def subordinate(clause: Sequence[Token]) -> Tokens:
    """A main clause in the order of a "dat"-clause: the finite verb moves to the end, before
    an infinitive cluster, and a separated particle joins it again ("vullen ... in" -> "invullen")."""
    items = list(clause)
    finite = next((i for i, t in enumerate(items) if is_finite(t)), None)
    if finite is None or finite == len(items) - 1:
        return items
    verb = items.pop(finite)
    particle = None
    if items and items[-1].pos.startswith("VZ(fin") and not verb_cluster(items[finite:]):
        particle = items.pop()
    span = verb_cluster(items[finite:])
    at = finite + span[0] if span else len(items)
    if particle is not None:
        verb = replace(verb, word=particle.word.lower() + verb.word)
    items.insert(at, verb)
    return items
