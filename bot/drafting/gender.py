"""The gender of a Dutch noun, for its article: "het rapport", "de rapportage".

Frog's tagger guesses the gender of a word it does not know, and compounds are often unknown:
it tags "conceptrapport" as a de-word. Frog's own lexicon (the tagger's word list, installed
with `frogdata`) knows the gender of about 72,000 nouns, and a compound has the gender of its
last part ("concept|rapport": het). The lexicon is read once, at the first noun (about 0.15 s).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from bot.analysis import Token

log = logging.getLogger(__name__)

LEXICON = Path("/usr/share/frog/nld/Frog.mbt.1.0.lex")
NEUTER, COMMON = "onz", "zijd"
MIN_PART = 3  # a last part shorter than this ("-ing", "-je") is a suffix, not a noun of its own
CLEAR = 0.8  # nouns used with both articles ("de/het soort") are left to Frog's tag


def known_gender(noun: Token) -> str | None:
    """ "onz" or "zijd" from the lexicon, for the noun or else for the last part of a compound;
    None when the lexicon does not know it."""
    genders = _genders()
    word = noun.word.lower()
    if word in genders:
        return genders[word]
    parts = [m.lower() for m in noun.morphemes]
    if "".join(parts) != word:
        return None  # the morphemes are not the word's own spelling: no safe split
    for start in range(1, len(parts)):
        tail = "".join(parts[start:])
        if len(tail) >= MIN_PART and tail in genders:
            return genders[tail]
    return None


def gender(noun: Token) -> str:
    """The lexicon's gender, or else Frog's tag for it ("zijd" when it has none)."""
    return known_gender(noun) or (NEUTER if "onz" in noun.features else COMMON)


@functools.cache
def _genders() -> dict[str, str]:
    """Singular nouns and the gender Frog's lexicon gives them, where it is clear."""
    genders: dict[str, str] = {}
    try:
        with LEXICON.open(encoding="utf-8") as lexicon:
            for line in lexicon:
                if "N(soort,ev" not in line:
                    continue
                columns = line.split()
                neuter = common = 0
                for tag in columns[2:]:
                    if tag.startswith("N(soort,ev"):
                        count = int(tag.rsplit(":", 1)[1])
                        neuter += count if ",onz," in tag else 0
                        common += count if ",zijd," in tag else 0
                if max(neuter, common) >= CLEAR * (neuter + common) > 0:
                    genders[columns[1].lower()] = NEUTER if neuter > common else COMMON
    except OSError as error:
        log.warning("Frog's lexicon is not readable (%s); articles follow Frog's tags alone", error)
    return genders
