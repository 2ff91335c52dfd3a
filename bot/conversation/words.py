"""Reading typed answers: yes or no, filler that says nothing, a plausible organisation name,
a region, and the label of an option typed instead of pressed. Pure functions."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.conversation.language import strip_emoji
from knowledge.vocabulary import region_of_place

GREETINGS = frozenset({"hoi", "hallo", "hey", "hee", "hi", "hello", "goedemorgen", "goedemiddag", "dag", "yo"})
VAGUE = frozenset(
    {
        "weet niet",
        "weet ik niet",
        "geen idee",
        "alles",
        "het werkt niet",
        "idk",
        "no idea",
        "dont know",
        "don't know",
        "niks",
        "nothing",
        "?",
        "help",
        "het systeem",
        "onbekend",
        "unknown",
        "nvt",
        "n.v.t",
        "geen",
        "none",
    }
)
YES_WORDS = frozenset(
    {"ja", "j", "yes", "y", "klopt", "dat klopt", "zeker", "ja zeker", "ja hoor", "jazeker", "ok", "oké", "oke"}
    | {"okay", "prima", "goed", "correct", "inderdaad", "yep", "sure"}
)
NO_WORDS = frozenset({"nee", "n", "no", "nope", "nee hoor", "neen", "niet", "klopt niet", "fout", "liever niet"})
# An organisation's name has at most this many words; a longer answer is a sentence.
MAX_NAME_WORDS = 6
# Pronouns and finite verbs: an answer with one of these is a sentence about the
# organisation ("ik werk bij de gemeente"), not its name.
SENTENCE_WORDS = frozenset(
    {"ik", "wij", "we", "jij", "je", "ben", "bent", "is", "zijn", "was", "werk", "werkt", "werken", "heb", "hebt"}
    | {"heeft", "hebben", "weet", "denk", "kan", "wil", "wilt", "willen", "moet", "zit", "doe", "doet", "gaat"}
    | {"you", "am", "are", "work", "works", "have", "has", "know", "think", "want", "can"}
)
# What a name may consist of: it starts with a letter or digit ("[BSN]" is a redaction).
_NAME_CHARACTERS = re.compile(r"[^\W_][\w\s\-'’.&,()/+\[\]]*")
REGION_ALIASES = {
    "oost": "oost",
    "noord": "oost",
    "noord en oost": "oost",
    "north": "oost",
    "east": "oost",
    "midden": "midden",
    "middle": "midden",
    "centre": "midden",
    "center": "midden",
    "zuid": "midden",
    "west": "west",
}


def yes_no(text: str) -> bool | None:
    """True for "ja"/"yes", False for "nee"/"no", None for anything else."""
    bare = re.sub(r"\s+", " ", strip_emoji(text).lower()).strip(" .!?,")
    return True if bare in YES_WORDS else False if bare in NO_WORDS else None


def no_name(typed: str) -> bool:
    """An organisation answer that names nothing: empty after cleaning, no letters, a yes or
    no, or filler ("weet niet", "geen idee")."""
    bare = typed.lower().strip(" .!?,")
    return (
        not re.search(r"[^\W\d_]", typed) or bare in YES_WORDS or bare in NO_WORDS or bare in VAGUE or bare in GREETINGS
    )


def plausible_name(typed: str) -> bool:
    """Could be the name of an organisation we do not know: a few words of letters, not a
    question or a sentence ("ik werk bij de gemeente")."""
    words = typed.split()
    if no_name(typed) or len(words) > MAX_NAME_WORDS or typed.endswith("?"):
        return False
    if any(w.strip(".,'’()").lower() in SENTENCE_WORDS for w in words):
        return False
    return bool(_NAME_CHARACTERS.fullmatch(typed))


def is_vague(text: str) -> bool:
    lowered = text.lower().strip(" .!?")
    return lowered in VAGUE or len(lowered.split()) < 4


def region_from_text(lowered: str) -> str | None:
    if lowered in REGION_ALIASES:
        return REGION_ALIASES[lowered]
    return region_of_place(lowered)


def match_label(lowered: str, labels: dict[str, str]) -> str | None:
    if lowered in labels:
        return labels[lowered]
    best = process.extractOne(lowered, list(labels), scorer=fuzz.WRatio, score_cutoff=85)
    return labels[best[0]] if best else None
