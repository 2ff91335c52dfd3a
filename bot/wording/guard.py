"""What a proposal of the language model must pass before anyone sees it. Pure: the analyses
come in, the reason to refuse (a short slug, never content) or None goes out.

- The same quality checks as the rule-based draft (made by the drafter on the proposal's own
  text): none may fail that the rule-based draft passes.
- The same organisation: no other known organisation named that the intake does not name.
- The intake's key content words, the nouns of the rule-based main question that come from the
  intake, are all kept.
- Nothing new: no number and no name (a capitalised proper noun or named entity, or a capitalised
  word inside a sentence) that appears nowhere in the intake (nor in the rule-based draft made
  of it, which may spell out what the intake abbreviates).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.analysis import Analysis
from bot.drafting import Draft

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WORD = re.compile(r"[\w][\w'’-]*")
# Words of every English question that say nothing of the intake.
_EN_COMMON = frozenset(
    """which what where when could should would their there these those about other between within
    without being using based""".split()  # noqa: SIM905 (a word list reads best as words)
)


@dataclass(frozen=True)
class KeyWord:
    word: str  # as written in the main question (sent to the model)
    lemma: str  # what the proposal must hold (its lemma, or the word inside a longer word)


def key_words(
    rules: Draft, main_analysis: Analysis, intake_lemmas: frozenset[str], organisation: Sequence[str]
) -> list[KeyWord]:
    """The nouns of the rule-based main question that come from the intake (Dutch: by Frog's
    lemma; English: words of five letters or more that the intake uses)."""
    named = {w.lower() for name in organisation for w in WORD.findall(name)}
    found: dict[str, KeyWord] = {}
    if rules.language == "nl":
        for token in main_analysis.tokens:
            lemma = token.lemma.lower()
            if token.tag == "N" and lemma in intake_lemmas and lemma not in named and len(lemma) > 2:
                found.setdefault(lemma, KeyWord(token.word, lemma))
    else:
        for word in WORD.findall(rules.main_question):
            lowered = word.lower()
            if len(lowered) >= 5 and lowered in intake_lemmas and lowered not in named and lowered not in _EN_COMMON:
                found.setdefault(lowered, KeyWord(word, lowered))
    return list(found.values())


def missing_key_words(keys: Sequence[KeyWord], proposal: Draft, proposal_analysis: Analysis) -> list[KeyWord]:
    """The key words the proposal lost: neither their lemma nor the word (also inside a
    compound, "studievoortgang" keeps "voortgang") appears in it."""
    text = _text(proposal).lower()
    lemmas = {t.lemma.lower() for t in proposal_analysis.tokens}
    return [k for k in keys if k.lemma not in lemmas and k.lemma not in text and k.word.lower() not in text]


def new_failures(proposal: Draft, rules: Draft) -> list[str]:
    """The checks the proposal fails that the rule-based draft passes."""
    failed_before = {q.check for q in rules.quality if not q.ok}
    return sorted(q.check for q in proposal.quality if not q.ok and q.check not in failed_before)


def other_organisations(proposal: Draft, others: Iterable[str], source: str) -> bool:
    """Does the proposal name a known organisation that is not this one and not in the intake?"""
    text = _text(proposal)
    return any(len(name) >= 2 and _names(text, name) and not _names(source, name) for name in others)


def new_numbers(proposal: Draft, source: str) -> bool:
    known = {_digits(n) for n in NUMBER.findall(source)}
    return any(_digits(n) not in known for n in NUMBER.findall(_text(proposal)))


def new_names(proposal: Draft, proposal_analysis: Analysis, source: str) -> bool:
    """A name in the proposal that the intake does not have: a word Frog takes for a proper
    noun or a named entity, or a capitalised word that does not start a sentence."""
    known = {w.lower() for w in WORD.findall(source)}
    known |= {part for w in known for part in re.split(r"[-'’]", w) if part}  # "BIO" of "BIO-eisen"
    candidates: set[str] = set()
    for sentence in proposal_analysis.sentences:
        for i, token in enumerate(sentence):
            if not token.word[:1].isupper():  # Frog's entity tags stray onto verbs ("kan") now and then
                continue
            inside = i > 0 and sentence[i - 1].word not in ("[", ".", "?", "!", ":")
            if token.tag == "SPEC" or token.entity != "O" or inside:
                candidates.update(w.lower() for w in WORD.findall(token.word))
    if not proposal_analysis.sentences:  # English: no tagger, so capitals inside a sentence
        for part in re.split(r"(?<=[.?!:])\s+|\n", _text(proposal)):
            words = WORD.findall(part)
            candidates.update(w.lower() for w in words[1:] if w[:1].isupper() and w != "I")
    return any(c not in known and not c.isdigit() for c in candidates)


def judge(
    proposal: Draft,
    rules: Draft,
    proposal_analysis: Analysis,
    *,
    keys: Sequence[KeyWord],
    source: str,
    others: Iterable[str],
) -> str | None:
    """Why the proposal may not be used (a slug with check names or counts), or None."""
    failures = new_failures(proposal, rules)
    if failures:
        return "fails checks: " + ",".join(failures)
    if other_organisations(proposal, others, source):
        return "names another organisation"
    lost = missing_key_words(keys, proposal, proposal_analysis)
    if lost:
        return f"lost {len(lost)} of {len(keys)} key words"
    if new_numbers(proposal, source):
        return "new number"
    if new_names(proposal, proposal_analysis, source):
        return "new name"
    return None


def _text(draft: Draft) -> str:
    return "\n".join([draft.title, draft.main_question, *draft.sub_questions])


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _names(text: str, name: str) -> bool:
    flags = 0 if name.isupper() else re.IGNORECASE  # "DUO" as a name, not inside "duo" (a pair)
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags) is not None
