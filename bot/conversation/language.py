"""Cleaning chat answers (pure functions): filler, emoji and invisible characters out; and
telling whether a message is Dutch or English.

People chat: "eh, nou, we willen eigenlijk gewoon de achterstand wegwerken haha". The dialog
compares cleaned answers with names and options; the English drafter builds on them. Dutch
grammar on answers is done on Frog's analysis instead (bot/drafting/dutch.py).
"""

from __future__ import annotations

import re

FILLER_NL = (
    "eh",
    "ehm",
    "uh",
    "uhm",
    "nou",
    "nou ja",
    "dus",
    "eigenlijk",
    "gewoon",
    "zeg maar",
    "haha",
    "hahaha",
    "ok",
    "oké",
    "oke",
    "ja",
    "tja",
    "hmm",
    "nja",
    "enfin",
    "in principe",
    "sowieso",
)
FILLER_EN = ("um", "uh", "well", "so", "basically", "like", "ok", "okay", "yeah", "haha", "actually", "just")
# Emoji, and invisible characters that would hide a word from matching: zero-width and direction
# marks, word joiner, BOM, soft hyphen.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2060\ufeff\u00ad]"
)
_GOAL_LEADS_NL = re.compile(
    r"^(?:het doel is(?: om)?|doel is(?: om)?|wat we willen is|we willen|wij willen|ik wil|we zouden(?: graag)? willen|"
    r"ik zou(?: graag)? willen|we hopen|wij hopen|ik hoop|graag|we moeten|wij moeten|er moet|dat we|dat wij|"
    r"zodat we|zodat wij|om|kunnen)\b[\s,:]*",
    re.IGNORECASE,
)
_GOAL_LEADS_EN = re.compile(
    r"^(?:the goal is(?: to)?|our goal is(?: to)?|we want to|we would like to|we'd like to|i want to|"
    r"we need to|we hope to|we must|to)\b[\s,:]*",
    re.IGNORECASE,
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "our",
        "we",
        "have",
        "with",
        "for",
        "this",
        "that",
        "not",
        "it",
        "of",
        "to",
        "be",
        "can",
        "how",
        "what",
        "why",
        "our",
    ]
)
_DUTCH_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "is",
        "zijn",
        "onze",
        "wij",
        "we",
        "hebben",
        "met",
        "voor",
        "dit",
        "dat",
        "niet",
        "van",
        "te",
        "kan",
        "hoe",
        "wat",
        "ons",
    ]
)


def detect_language(text: str) -> str | None:
    """ "en" or "nl" when the message has enough common words of one, else None."""
    words = re.findall(r"[a-z']+", text.lower())
    english = sum(w in _ENGLISH_WORDS for w in words)
    dutch = sum(w in _DUTCH_WORDS for w in words)
    if english >= 2 and english > dutch:
        return "en"
    if dutch >= 2 and dutch > english:
        return "nl"
    return None


def strip_emoji(text: str) -> str:
    return _EMOJI.sub("", text)


def clean_answer(text: str, language: str = "nl") -> str:
    """The answer without chat filler, emoji and doubled spaces; sentence punctuation kept."""
    text = strip_emoji(text).replace("\u00a0", " ")
    fillers = FILLER_NL if language == "nl" else FILLER_EN
    pattern = (
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(fillers, key=len, reverse=True)) + r")(?![\w-]),?"
    )
    text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    return text


def first_sentence(text: str, max_words: int = 30) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].rstrip(".!? ")
    words = sentence.split()
    return " ".join(words[:max_words])


def goal_phrase(goal: str, language: str = "nl") -> str:
    """The goal as a bare phrase: leading "we willen" / "we want to" and filler removed."""
    text = first_sentence(clean_answer(goal, language), 28)
    leads = _GOAL_LEADS_NL if language == "nl" else _GOAL_LEADS_EN
    for _ in range(4):
        stripped = leads.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def third_person(text: str, organisation: str, language: str = "nl") -> str:
    """First person to the organisation: "onze brieven" -> "de brieven van DUO"."""
    if language == "nl":
        text = re.sub(r"\b(?:onze|ons)\s+(\w+)", rf"de \1 van {organisation}", text, flags=re.IGNORECASE)
        # "we moeten" -> "zij moeten": the organisation as "zij" keeps the verb agreeing.
        text = re.sub(r"\b(?:we|wij|ik)\b", "zij", text, flags=re.IGNORECASE)
        text = re.sub(r"\b(?:mijn)\b", "de", text, flags=re.IGNORECASE)
    else:
        text = re.sub(r"\b(?:our|my)\s+(\w+)", rf"{organisation}'s \1", text, flags=re.IGNORECASE)
        text = re.sub(r"\b(?:we|i)\b", "they", text, flags=re.IGNORECASE)
        text = re.sub(r"\bus\b", organisation, text, flags=re.IGNORECASE)
    return text
