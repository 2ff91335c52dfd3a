"""Dutch language analysis of free text: tokens with POS tag, lemma, morphology, named entity
and chunk, done once per answer and stored with it. The records here are plain data: drafting
and the quality checks read them, nothing else. Frog makes them (bot/frog.py): the text goes to
it as lines of at most 40 tokens (`frog_lines`), its columns come back (`parse`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# Frog's tagger slows down steeply with the length of a sentence ("&&&&..." as one sentence of
# 200 tokens takes 6 s); each line it gets holds at most this many tokens.
MAX_LINE_TOKENS = 40
_UNITS = re.compile(r"\w+|[^\w\s]")
MAX_ODD_TOKENS = 8
_PLAIN_TOKEN = re.compile(r"^[(\[‘“'\"]?[\w’'-]+[.,;:!?)\]’”'\"]?$|^[.,;:!?()-]$|^\.\.\.$")
_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


class AnalysisError(Exception):
    """The analysis could not be made (Frog is missing, did not start, or stopped)."""


class FrogMissing(AnalysisError):
    pass


@dataclass(frozen=True)
class Token:
    """One word as Frog sees it. `pos` is the full CGN tag, e.g. "WW(inf,vrij,zonder)"."""

    word: str
    lemma: str
    morph: str  # "[weg][werk][en]"
    pos: str
    entity: str = "O"  # "B-PER", "I-PER", "B-LOC", "B-ORG", ...
    chunk: str = "O"  # "B-NP", "I-NP", "B-VP", "B-PP", ...

    @property
    def tag(self) -> str:
        """The main class: "WW", "N", "ADJ", "VZ", "VG", "LID", "VNW", "BW", "SPEC", "LET", "TW"."""
        return self.pos.split("(", 1)[0]

    @property
    def features(self) -> tuple[str, ...]:
        inner = self.pos.partition("(")[2].rstrip(")")
        return tuple(f for f in inner.split(",") if f)

    def has(self, *features: str) -> bool:
        own = self.features
        return all(f in own for f in features)

    @property
    def morphemes(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\[([^\]]*)\]", self.morph))

    def as_row(self) -> list[str]:
        return [self.word, self.lemma, self.morph, self.pos, self.entity, self.chunk]

    @classmethod
    def from_row(cls, row: Sequence[str]) -> Token:
        return cls(*row[:6])


Sentence = tuple[Token, ...]


@dataclass(frozen=True)
class Analysis:
    """A text as sentences of tokens. `complete` is False for an analysis of only tags and named
    entities (no lemmas, morphology or chunks): enough to find names, not to draft."""

    sentences: tuple[Sentence, ...] = ()
    complete: bool = True

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for s in self.sentences for t in s)

    def as_json(self) -> list[list[list[str]]]:
        return [[t.as_row() for t in s] for s in self.sentences]

    @classmethod
    def from_json(cls, data: Any) -> Analysis:
        return cls(tuple(tuple(Token.from_row(row) for row in sentence) for sentence in data or ()))

    def text(self) -> str:
        return " ".join(render(s) for s in self.sentences)


def render(tokens: Iterable[Token | str]) -> str:
    """Words joined as written Dutch: no space before punctuation, none inside quotes."""
    out = ""
    for item in tokens:
        word = item.word if isinstance(item, Token) else item
        if not word:
            continue
        if not out or out.endswith(("(", "‘", "“", "/")) or word in (".", ",", "?", "!", ":", ";", ")", "’", "”", "%"):
            out += word
        else:
            out += " " + word
    return out


def parse(lines: Iterable[str]) -> tuple[Sentence, ...]:
    """Frog's tab-separated columns (index, word, lemma, morphology, POS, confidence, entity,
    chunk, ...) into sentences; a blank line ends a sentence."""
    sentences: list[Sentence] = []
    current: list[Token] = []
    for line in lines:
        columns = line.rstrip("\r\n").split("\t")
        if len(columns) < 8 or not columns[0].isdigit():
            if current:
                sentences.append(tuple(current))
                current = []
            continue
        if columns[0] == "1" and current:
            sentences.append(tuple(current))
            current = []
        current.append(Token(columns[1], columns[2], columns[3], columns[4], columns[6] or "O", columns[7] or "O"))
    if current:
        sentences.append(tuple(current))
    return tuple(sentences)


def _without_odd_tokens(tokens: list[str]) -> list[str]:
    """Words with inner punctuation ("werk.nl", "Dep.V", "a.b") cost Frog 20-60 ms each against
    about 1 ms for a word; a few are real, a run of them is noise: keep the first MAX_ODD_TOKENS."""
    out, odd = [], 0
    for token in tokens:
        if not _PLAIN_TOKEN.match(token):
            odd += 1
            if odd > MAX_ODD_TOKENS:
                continue
        out.append(token)
    return out


def frog_lines(text: str) -> list[str]:
    """The text as Frog's input lines: sentences, each cut to at most MAX_LINE_TOKENS tokens."""
    # Symbols (emoji, "&", "<") and invisible characters carry no grammar but cost Frog much time
    # per token; long runs of punctuation are cut to three.
    kept = "".join(" " if unicodedata.category(c)[0] in "SCZ" else c for c in text)
    flat = " ".join(_without_odd_tokens(_PUNCTUATION_RUN.sub(lambda m: m.group(0)[:3], kept).split()))
    lines: list[str] = []
    for sentence in _SENTENCE_END.split(flat):
        units = list(_UNITS.finditer(sentence))
        start = 0
        for i in range(MAX_LINE_TOKENS, len(units), MAX_LINE_TOKENS):
            cut = units[i].start()
            lines.append(sentence[start:cut].strip())
            start = cut
        lines.append(sentence[start:].strip())
    return [line for line in lines if line]


class Analyser(Protocol):
    """What drafting needs of the Dutch analysis: a Frog, a pool of them, or the Frog service."""

    def analyse(self, text: str) -> Analysis: ...

    def analyse_for_names(self, text: str) -> Analysis:
        """At least the tags and named entities, as soon as they can be had (see `FrogPool`)."""
        ...

    def start_in_background(self) -> None: ...

    def close(self) -> None: ...
