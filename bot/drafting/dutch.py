"""Dutch words on analysed tokens: the building blocks the drafter composes questions from.

Everything works on Frog's tokens (POS tag, lemma, morphology, chunk), never on raw strings,
so that a list keeps its "en" and a sentence ends once. Tagger output is evidence, not truth:
where Frog is known to err ("zorgen" in "ervoor zorgen dat" as a noun) the words themselves
decide. Verbs are placed by `verbs`, noun phrases read by `nouns`, the writer's voice turned
into the organisation's by `voice`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.analysis import Token, render

Tokens = list[Token]

FILLER = frozenset(
    [
        "eh",
        "ehm",
        "uh",
        "uhm",
        "nou",
        "tja",
        "hmm",
        "nja",
        "enfin",
        "haha",
        "hahaha",
        "hihi",
        "gewoon",
        "eigenlijk",
        "sowieso",
        "trouwens",
        "toch",
        "natuurlijk",
        "echt",
        "ok",
        "oké",
        "oke",
        "zo'n",
    ]
)
FILLER_PAIRS = (("zeg", "maar"), ("in", "principe"), ("nou", "ja"), ("denk", "ik"), ("volgens", "mij"))
QUESTION_WORDS = frozenset(
    {"hoeveel", "wat", "welke", "welk", "of", "waarom", "hoe", "wanneer", "wie", "waar", "waardoor"}
)


def word(text: str, pos: str, lemma: str | None = None) -> Token:
    """A token the drafter adds itself ("te", "kan", an article), with the tag Frog would give."""
    return Token(text, lemma if lemma is not None else text.lower(), f"[{text.lower()}]", pos)


def words(text: str, pos: str = "SPEC(deeleigen)") -> Tokens:
    return [word(w, pos) for w in text.split()]


TE = word("te", "VZ(init)")
EN = word("en", "VG(neven)")
COMMA = word(",", "LET()")


def lower(token: Token) -> str:
    return token.word.lower()


def is_verb(token: Token, form: str) -> bool:
    return token.tag == "WW" and form in token.features


def is_infinitive(token: Token) -> bool:
    return is_verb(token, "inf")


def is_finite(token: Token) -> bool:
    return is_verb(token, "pv")


def is_noun(token: Token) -> bool:
    return token.tag in ("N", "SPEC")


def is_first_person(token: Token) -> bool:
    return token.tag == "VNW" and "1" in token.features


def is_punctuation(token: Token) -> bool:
    return token.tag == "LET"


NOUN_SUFFIXES = ("ing", "heid", "tie", "schap", "isme", "teit", "nis", "sel")


def corrected(tokens: Sequence[Token]) -> Tokens:
    """Frog's known slips mended from the words themselves: after "te" an "-en" word that is
    not a derived noun is an infinitive ("te werken" is tagged as the plural of "werk"), and so
    is "zorgen" in "ervoor zorgen dat"."""
    out = list(tokens)
    for i in range(1, len(out)):
        token, before = out[i], out[i - 1]
        verbal = (
            token.word.islower()
            and token.word.endswith("en")
            and len(token.word) > 4
            and token.tag not in ("WW", "LID", "VNW", "VG", "VZ", "TW")
        )
        if verbal and lower(before) == "te" and not any(m.endswith(NOUN_SUFFIXES) for m in token.morphemes[1:]):
            out[i] = replace(token, pos="WW(inf,vrij,zonder)", lemma=token.word)
        elif verbal and lower(before) == "ervoor" and lower(token) == "zorgen":
            out[i] = replace(token, pos="WW(inf,vrij,zonder)", lemma="zorgen")
    return out


def without_filler(tokens: Sequence[Token]) -> Tokens:
    """Chat filler out: "eh", "nou", "zeg maar", "haha", interjections, emoji-only tokens."""
    out: Tokens = []
    skip = 0
    tokens = corrected(tokens)
    for i, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        nxt = lower(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if (lower(token), nxt) in FILLER_PAIRS:
            skip = 1
            continue
        if (
            lower(token) in FILLER
            or token.tag == "TSW"
            or (not any(c.isalnum() for c in token.word) and not (is_punctuation(token) and token.word in ".,?!:;()-/"))
        ):
            continue
        out.append(token)
    # Filler leaves doubled or leading commas behind.
    cleaned: Tokens = []
    for token in out:
        if token.word == "," and (not cleaned or cleaned[-1].word in (",", ".", "?", "!", ":")):
            continue
        cleaned.append(token)
    while cleaned and cleaned[-1].word == ",":
        cleaned.pop()
    return cleaned


def strip_end(tokens: Sequence[Token]) -> Tokens:
    """No sentence punctuation, comma or conjunction at the end."""
    out = list(tokens)
    while out and (is_punctuation(out[-1]) or out[-1].tag == "VG" or lower(out[-1]) in ("dus", "maar", "en")):
        out.pop()
    while out and (is_punctuation(out[0]) or lower(out[0]) in ("en", "maar", "dus", "of")):
        out.pop(0)
    return out


def split_sentences(tokens: Sequence[Token]) -> list[Tokens]:
    out: list[Tokens] = [[]]
    for token in tokens:
        out[-1].append(token)
        if token.word in (".", "!", "?", ";"):
            out.append([])
    return [s for s in out if any(not is_punctuation(t) for t in s)]


# -- writing ---------------------------------------------------------------------------
def dutch_list(items: Sequence[Sequence[Token]], *, rest: str | None = None) -> Tokens:
    """ "A, B en C"; with `rest`: "A, B, C en andere betrokkenen"."""
    parts = [list(i) for i in items if i]
    if rest:
        parts.append(words(rest, "N(soort,mv,basis)"))
    out: Tokens = []
    for n, part in enumerate(parts):
        if n and n == len(parts) - 1:
            out.append(EN)
        elif n:
            out.append(COMMA)
        out.extend(part)
    return out


def decapitalised(tokens: Sequence[Token]) -> Tokens:
    """ "Een realistische oefening", "De directie", "Werkzoekenden" mid-sentence: a capital that
    only started the user's sentence goes; names (a name entity) and abbreviations keep theirs."""
    items = list(tokens)
    if items:
        first = items[0]
        common = first.tag != "SPEC" or first.entity == "O"
        if common and first.word[:1].isupper() and first.word[1:].islower():
            items[0] = replace(first, word=first.word.lower())
    return items


def capitalised(tokens: Sequence[Token]) -> Tokens:
    items = list(tokens)
    if items:
        first = items[0]
        items[0] = replace(first, word=first.word[:1].upper() + first.word[1:])
    return items


def capital(text: str) -> str:
    """A written text with a capital first letter: a question frame filled in."""
    return text[:1].upper() + text[1:]


def sentence(tokens: Sequence[Token], end: str = ".") -> str:
    """Tokens as one written sentence: capital first letter, one closing mark."""
    items = strip_end(tokens)
    if not items:
        return ""
    if items[-1].word.endswith(".") and end == ".":  # "Python en R." already ends the sentence
        return render(capitalised(items))
    return render([*capitalised(items), word(end, "LET()")])
