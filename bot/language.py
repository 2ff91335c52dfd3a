"""Cleaning chat answers and turning a goal into an infinitive phrase (pure functions).

Drafting builds the research question from the user's own words. People chat: "eh, nou,
we willen eigenlijk gewoon de achterstand wegwerken haha". These helpers strip the filler
and find the phrase "de achterstand wegwerken", and can put "te" in the right place:
"de achterstand weg te werken".
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
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2060\ufeff\u00ad]")
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
PREPOSITIONS_NL = frozenset(
    [
        "aan",
        "achter",
        "bij",
        "binnen",
        "buiten",
        "door",
        "in",
        "langs",
        "met",
        "na",
        "naar",
        "naast",
        "om",
        "onder",
        "op",
        "over",
        "per",
        "rond",
        "sinds",
        "te",
        "tegen",
        "tijdens",
        "tot",
        "tussen",
        "uit",
        "van",
        "vanaf",
        "via",
        "voor",
        "zonder",
    ]
)
DETERMINERS_NL = frozenset(
    [
        "de",
        "het",
        "een",
        "onze",
        "ons",
        "hun",
        "haar",
        "zijn",
        "alle",
        "deze",
        "die",
        "dit",
        "dat",
        "elke",
        "ieder",
        "geen",
        "veel",
    ]
)
CLAUSE_STARTERS_NL = frozenset(
    [
        "hoeveel",
        "wat",
        "welke",
        "welk",
        "of",
        "waarom",
        "hoe",
        "wanneer",
        "wie",
        "dat",
        "die",
        "waar",
        "waardoor",
        "zodat",
        "omdat",
    ]
)
SEPARABLE_PREFIXES = (
    "terug",
    "samen",
    "vooruit",
    "binnen",
    "buiten",
    "tegen",
    "door",
    "mee",
    "over",
    "voor",
    "weg",
    "vast",
    "los",
    "rond",
    "aan",
    "bij",
    "toe",
    "uit",
    "af",
    "in",
    "na",
    "om",
    "op",
)
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
    ]
)


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


def find_verb(words: list[str]) -> int | None:
    """Index of the infinitive in a Dutch infinitive phrase, or None when there is none.

    Dutch puts the infinitive last, except that a prepositional phrase may follow it
    ("sneller reageren op incidenten"). Words after a determiner or preposition are nouns.
    """
    candidates = []
    for i, word in enumerate(words):
        if i and word.lower() in CLAUSE_STARTERS_NL:
            break  # what follows is a subordinate clause with its own verb
        w = word.lower().strip(",.")
        if not re.fullmatch(r"[a-zà-ÿ]+en", w) or len(w) < 4:
            continue
        previous = words[i - 1].lower() if i else ""
        if previous in DETERMINERS_NL or previous in PREPOSITIONS_NL:
            continue
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        if not following or following in PREPOSITIONS_NL or following in CLAUSE_STARTERS_NL:
            candidates.append((i, bool(following)))
    if not candidates:
        return None
    followed = [i for i, has_next in candidates if has_next]
    last = [i for i, has_next in candidates if not has_next]
    return last[0] if last else followed[0]


def te_infinitive(verb: str) -> str:
    """ "wegwerken" -> "weg te werken", "verbeteren" -> "te verbeteren"."""
    lower = verb.lower()
    if lower not in INSEPARABLE:
        for prefix in SEPARABLE_PREFIXES:
            rest = lower[len(prefix) :]
            if lower.startswith(prefix) and len(rest) >= 4 and rest.endswith("en"):
                return f"{verb[: len(prefix)]} te {verb[len(prefix) :]}"
    return f"te {verb}"


def split_aim(phrase: str) -> tuple[str, str, str] | None:
    """(before the verb, the verb, after the verb) of a Dutch infinitive phrase, or None."""
    words = phrase.split()
    index = find_verb(words)
    if index is None:
        return None
    return " ".join(words[:index]), words[index], " ".join(words[index + 1 :])


def with_te(phrase: str) -> str | None:
    """The infinitive phrase with "te": "sneller reageren op incidenten" ->
    "sneller te reageren op incidenten"; None when no infinitive is found."""
    parts = split_aim(phrase)
    if parts is None:
        return None
    before, verb, after = parts
    return " ".join(p for p in (before, te_infinitive(verb), after) if p)


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
