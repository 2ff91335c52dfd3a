"""Names of people in free text, found by Frog's named-entity tags and redacted like a BSN.

Frog marks person names (B-PER/I-PER); organisations and places stay. Frog also tags some
organisations as persons ("DUO"), so known organisation names are kept; and it misses names
typed in lower case after a title ("mevrouw bakker"), so a title makes the next words a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.analysis import Analysis, Token

PLACEHOLDER = "[naam]"
TITLES = frozenset({"meneer", "mevrouw", "mevr", "dhr", "mw", "heer", "juffrouw", "mr", "mrs", "ms", "dr", "ir", "drs"})
PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "el", "al", "le", "la", "da", "di", "'t", "in"})


def person_names(analysis: Analysis, keep: Iterable[str] = ()) -> list[str]:
    """The names of people in the text, as their words ("Jan de Vries")."""
    kept = {k.lower() for k in keep}
    names: list[str] = []
    for sentence in analysis.sentences:
        current: list[Token] = []
        for i, token in enumerate(sentence):
            placeholder = i > 0 and sentence[i - 1].word == "["  # "[BSN]": a redaction already made
            person = token.entity.endswith("-PER") and token.word.lower() not in ("en", "of", ",") and not placeholder
            after_title = bool(current) or (i and sentence[i - 1].word.lower().rstrip(".") in TITLES)
            named = (
                after_title and token.tag in ("SPEC", "N", "ADJ") and token.word.lower() not in kept and not placeholder
            )
            particle = bool(current) and token.word.lower() in PARTICLES and i + 1 < len(sentence)
            if person or named or (particle and _name_follows(sentence, i + 1)):
                if token.entity == "B-PER" and current:
                    _add(names, current, kept)
                    current = []
                current.append(token)
                continue
            _add(names, current, kept)
            current = []
        _add(names, current, kept)
    return names


def _name_follows(sentence: tuple[Token, ...], at: int) -> bool:
    for token in sentence[at : at + 3]:
        if token.word.lower() in PARTICLES:
            continue
        return token.entity.endswith("-PER") or token.tag == "SPEC" or token.word[:1].isupper()
    return False


def _add(names: list[str], tokens: list[Token], kept: set[str]) -> None:
    while tokens and tokens[-1].word.lower() in PARTICLES:
        tokens = tokens[:-1]
    while tokens and (tokens[0].word.lower() in PARTICLES or tokens[0].word.lower().rstrip(".") in TITLES):
        tokens = tokens[1:]
    if tokens and tokens[-1].word.endswith("'s"):
        tokens = [*tokens[:-1], Token(tokens[-1].word[:-2], "", "", tokens[-1].pos)]
    if not tokens:
        return
    text = " ".join(t.word for t in tokens)
    if text.lower() in kept or all(t.word.lower() in kept for t in tokens) or not any(c.isalpha() for c in text):
        return
    names.append(text)


def redact_names(text: str, analysis: Analysis, keep: Iterable[str] = ()) -> tuple[str, int]:
    """The text with each person's name as "[naam]", and how many were replaced."""
    count = 0
    for name in sorted(set(person_names(analysis, keep)), key=len, reverse=True):
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in name.split()) + r"(?!\w)"
        text, n = re.subn(pattern, PLACEHOLDER, text)
        count += n
    return text, count
