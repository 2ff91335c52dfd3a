"""The writer's voice turned into the organisation's, with the verb agreeing: "we hebben onze
brieven herschreven" -> "DUO heeft de brieven herschreven"; "ik denk" -> "de aanvrager denkt".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.analysis import Token
from bot.drafting.dutch import Tokens, is_finite, is_infinitive, lower, word, words
from bot.drafting.nouns import article_for

IRREGULAR_3SG = {
    "hebben": "heeft", "zijn": "is", "kunnen": "kan", "willen": "wil", "zullen": "zal", "mogen": "mag",
    "moeten": "moet", "gaan": "gaat", "staan": "staat", "doen": "doet", "slaan": "slaat", "zien": "ziet",
    "weten": "weet", "komen": "komt", "hoeven": "hoeft",
}  # fmt: skip
IRREGULAR_PAST_3SG = {"hadden": "had", "waren": "was", "konden": "kon", "zouden": "zou", "mochten": "mocht"}


def third_singular(token: Token) -> Token:
    """The finite verb agreeing with a singular subject (an organisation, "de aanvrager")."""
    lowered = lower(token)
    if "verl" in token.features:
        if lowered in IRREGULAR_PAST_3SG:
            form = IRREGULAR_PAST_3SG[lowered]
        elif "mv" in token.features and lowered.endswith("en"):
            form = lowered[:-2] if lowered.endswith(("den", "ten")) else _past_stem(lowered[:-2])
        else:
            form = lowered
    elif token.lemma in IRREGULAR_3SG:
        form = IRREGULAR_3SG[token.lemma]
    elif "mv" in token.features or lowered == token.lemma:
        # "[aan][pas][en]" -> "aanpast", "[houd][en]" -> "houdt"
        morphemes = token.morphemes
        stem = "".join(morphemes[:-1]) if len(morphemes) > 1 and morphemes[-1] in ("en", "n") else lowered
        if stem == lowered and stem.endswith("en"):
            stem = stem[:-2]
        form = stem if stem.endswith("t") else stem + "t"
    elif "ev" in token.features and "tgw" in token.features:
        form = lowered if lowered.endswith("t") else lowered + "t"  # "ik denk" -> "denkt"
    else:
        form = lowered
    return replace(token, word=form, pos="WW(pv,tgw,ev)" if "verl" not in token.features else "WW(pv,verl,ev)")


def _past_stem(stem: str) -> str:
    if stem.endswith("z"):
        stem = stem[:-1] + "s"
    elif stem.endswith("v"):
        stem = stem[:-1] + "f"
    return stem


def third_person(tokens: Sequence[Token], organisation: Sequence[Token]) -> Tokens:
    """ "we hebben onze brieven herschreven" -> "DUO heeft de brieven herschreven";
    "ik denk" -> "de aanvrager denkt"; "ons" -> the organisation."""
    items = list(tokens)
    out: Tokens = []
    agree_next = False
    for i, token in enumerate(items):
        lowered = lower(token)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if token.tag == "VNW" and lowered in ("we", "wij"):
            out.extend(organisation)
            if out and out[-1] is not None and i > 0 and is_finite(items[i - 1]):
                # "hebben we" -> "heeft DUO"
                position = len(out) - len(organisation) - 1
                out[position] = third_singular(out[position])
            else:
                agree_next = True
            continue
        if token.tag == "VNW" and lowered == "ik":
            applicant = words("de aanvrager", "N(soort,ev,basis,zijd,stan)")
            out.extend(applicant)
            if i > 0 and is_finite(items[i - 1]):
                position = len(out) - len(applicant) - 1
                out[position] = third_singular(out[position])
            else:
                agree_next = True
            continue
        if lowered in ("mij", "me") and token.tag == "VNW":
            out.extend(words("de aanvrager", "N(soort,ev,basis,zijd,stan)"))
            continue
        if lowered in ("onze", "ons", "mijn") and nxt is not None and nxt.tag in ("N", "ADJ", "SPEC"):
            if lowered == "mijn":
                noun = next((t for t in items[i + 1 : i + 4] if t.tag == "N"), nxt)
                article = article_for(noun)
            else:
                article = "het" if lowered == "ons" else "de"  # "ons" goes with het-words, "onze" with de-words
            out.append(word(article, "LID(bep,stan,rest)"))
            continue
        if lowered == "ons" and token.tag == "VNW":
            out.extend(organisation)
            continue
        if agree_next and out and out[-1] is organisation[-1] and token.tag == "N" and "mv" in token.features:
            # "we schalen nu ...": right after its subject stands the verb, whatever Frog read
            out.append(third_singular(replace(token, pos="WW(pv,tgw,mv)", lemma=token.word)))
            agree_next = False
            continue
        if agree_next and token.word in (",", ";", ".", "?", "!"):
            agree_next = False  # the clause ended without a verb we could read
        if (
            agree_next
            and token.tag == "WW"
            and (is_finite(token) or is_infinitive(token))
            and (not out or lower(out[-1]) != "te")
        ):
            # the first verb after "we": finite, even where Frog read it as an infinitive
            # ("dat we ... moeten inhuren" -> "moet inhuren")
            out.append(third_singular(token))
            agree_next = False
            continue
        out.append(token)
    return out
