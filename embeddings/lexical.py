"""Dutch lexical search: stemming, compound splitting, thesaurus expansion and BM25.

Dutch glues words together ("roostersysteem", "patchmanagement"), so a plain stemmer misses
that a question about the "rooster" is about the "roostersysteem". The analyser splits
compounds into parts it knows from the corpus and indexes both the whole word and its parts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_MIN_PART = 4
_MIN_COMPOUND = 8
_MIN_HALF_KNOWN = 5  # both parts this long when only one of them is a known word
_LINKING = ("", "s", "e", "en")
SEED_DOCUMENTS = 16  # per result wanted: documents of the rarest query terms that bound the k-th score
STOPWORDS = (
    frozenset(STOPWORDS_DUTCH)
    | frozenset(STOPWORDS_EN)
    | frozenset({"we", "wij", "ons", "onze", "jullie", "graag", "willen", "wil", "hoe", "eigenlijk", "gewoon", "echt"})
)


def fold(text: str) -> str:
    """Lower-case text without accents, so "coördinatie" and "coordinatie" meet."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text, folded, hyphenated words split, stop words removed."""
    out: list[str] = []
    for match in _WORD.finditer(fold(text)):
        for part in re.split(r"[-']", match.group()):
            if len(part) >= 2 and part not in STOPWORDS:
                out.append(part)
    return out


class Analyzer:
    """Turns text into BM25 terms: Dutch stems of words and of their compound parts."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._stemmer = Stemmer.Stemmer("dutch")
        self.vocabulary = frozenset(w for w in vocabulary if len(w) >= _MIN_PART)
        self._split = lru_cache(maxsize=200_000)(self._split_uncached)

    @classmethod
    def for_corpus(cls, texts: Iterable[str]) -> Analyzer:
        vocabulary: set[str] = set()
        for text in texts:
            vocabulary.update(words(text))
        return cls(vocabulary)

    def terms(self, text: str) -> list[str]:
        out: list[str] = []
        for word in words(text):
            out.append(word)
            out.extend(self._split(word))
        return self._stemmer.stemWords(out)

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        """Split a compound in two: preferably into two known words (with a linking s/e/en),
        else into a known word and an unknown rest when both are long enough to be words."""
        if len(word) < _MIN_COMPOUND:
            return ()
        best: tuple[str, ...] = ()
        best_score = 0
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            for link in _LINKING:
                if link and not head.endswith(link):
                    continue
                stem = head[: len(head) - len(link)] if link else head
                if len(stem) < _MIN_PART:
                    continue
                known = (stem in self.vocabulary) + (tail in self.vocabulary)
                if known == 0 or (known == 1 and min(len(stem), len(tail)) < _MIN_HALF_KNOWN):
                    continue
                score = known * 100 + min(len(stem), len(tail))
                if score > best_score:
                    best, best_score = (stem, tail), score
        return best


def _top(scores: np.ndarray, seed: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` highest positive scores, best first (ties by position): exact.

    Selecting from a million scores costs 10 ms; instead, the k-th best score among `seed`
    documents is a lower bound of the k-th best overall, and few documents reach it.
    """
    threshold = 0.0
    seed_scores = scores[seed]
    if len(seed_scores) >= k:
        threshold = float(np.partition(seed_scores, len(seed_scores) - k)[len(seed_scores) - k])
    candidates = np.flatnonzero(scores >= threshold) if threshold > 0 else np.flatnonzero(scores > 0)
    if len(candidates) > k:
        candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    return candidates[np.lexsort((candidates, -scores[candidates]))]


class QueryExpander:
    """Adds the formal words a thesaurus gives for informal terms in a query."""

    def __init__(self, entries: Sequence[dict[str, list[str]]]) -> None:
        self._single: dict[str, list[str]] = {}
        self._phrases: list[tuple[str, list[str]]] = []
        for entry in entries:
            expansion = list(entry.get("expand", []))
            for term in entry.get("terms", []):
                key = " ".join(words(term)) or fold(term).strip()
                if not key:
                    continue
                if " " in key:
                    self._phrases.append((key, expansion))
                else:
                    self._single.setdefault(key, []).extend(expansion)

    def expand(self, text: str) -> str:
        """The query followed by the expansions of the terms it contains."""
        query_words = words(text)
        joined = " " + " ".join(query_words) + " "
        extra: list[str] = []
        for word in query_words:
            extra.extend(self._single.get(word, ()))
        for phrase, expansion in self._phrases:
            if f" {phrase} " in joined:
                extra.extend(expansion)
        if not extra:
            return text
        return text + " " + " ".join(dict.fromkeys(extra))


class LexicalIndex:
    """BM25 over analysed texts, addressed by string ids."""

    def __init__(self, ids: list[str], analyzer: Analyzer, retriever: bm25s.BM25 | None) -> None:
        self.ids = ids
        self.analyzer = analyzer
        self._retriever = retriever
        self._position = {doc_id: i for i, doc_id in enumerate(ids)}

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str]) -> LexicalIndex:
        analyzer = Analyzer.for_corpus(texts)
        if not ids:
            return cls([], analyzer, None)
        retriever = bm25s.BM25()
        retriever.index([analyzer.terms(t) or ["_"] for t in texts], show_progress=False)
        return cls(list(ids), analyzer, retriever)

    def search(self, text: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Best `k` (id, bm25 score) pairs with a positive score; `allowed` is a 0/1 mask."""
        if self._retriever is None or k <= 0:
            return []
        term_ids = self._retriever.get_tokens_ids(self.analyzer.terms(text))
        if not term_ids:
            return []
        scores = self._scores(term_ids)
        if allowed is not None:
            scores *= allowed
        top = _top(scores, self._candidates(term_ids, k), k)
        return [(self.ids[i], float(scores[i])) for i in top.tolist()]

    def _scores(self, term_ids: list[int]) -> np.ndarray:
        """BM25 scores of every document: the sum of the query terms' precomputed posting
        lists (a term twice in the query counts twice, as in bm25s), added up in one pass over
        the postings only."""
        data, indices, indptr = self._matrix()
        docs = np.concatenate([indices[indptr[t] : indptr[t + 1]] for t in term_ids])
        weights = np.concatenate([data[indptr[t] : indptr[t + 1]] for t in term_ids])
        return np.bincount(docs, weights=weights, minlength=len(self.ids)).astype(np.float32)

    def _candidates(self, term_ids: list[int], k: int) -> np.ndarray:
        """Some documents of the query's rarest terms (distinct): their k-th best score bounds
        the k-th best overall from below."""
        _, indices, indptr = self._matrix()
        wanted = SEED_DOCUMENTS * k
        parts, count = [], 0
        for t in sorted(set(term_ids), key=lambda t: indptr[t + 1] - indptr[t]):
            parts.append(indices[indptr[t] : min(indptr[t + 1], indptr[t] + wanted - count)])
            count += len(parts[-1])
            if count >= wanted:
                break
        return np.unique(np.concatenate(parts))

    def _matrix(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        assert self._retriever is not None
        matrix = self._retriever.scores
        return matrix["data"], matrix["indices"], matrix["indptr"]

    def position(self, doc_id: str) -> int | None:
        return self._position.get(doc_id)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(folder / "bm25"), show_progress=False)
        state = {"ids": self.ids, "vocabulary": sorted(self.analyzer.vocabulary)}
        (folder / "lexical.json").write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        state = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        retriever = None
        if state["ids"]:
            retriever = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, verbosity=0)
        return cls(state["ids"], Analyzer(state["vocabulary"]), retriever)
