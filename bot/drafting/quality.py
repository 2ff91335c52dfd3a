"""Quality checks of a drafted research question, on a Dutch analysis of the final text.

Every question (the main question and each sub-question, also after an edit by the user or a
broker) is analysed again and checked: open, one "?", a finite verb, "te" only before an
infinitive, nothing dangling at the end, no placeholder, no pronoun without its noun, no
first person, one problem, at most about 35 words, a list with its "en", no verb clause pasted
where a noun belongs. The draft as a whole: the organisation named, a specific aim, no
solution built in, 3-6 distinct sub-questions of which at most two are general method lines.
Pure: the analyses come in, the verdicts go out. How each grammatical fault is found is in
`faults`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from bot.analysis import Analysis
from bot.drafting import dutch
from bot.drafting.dutch import lower
from bot.drafting.faults import (
    dangles,
    finite_after_question_word,
    list_without_and,
    orphan_pronoun,
    pasted_clause,
    product_name,
    te_misplaced,
    two_questions,
    wrong_article,
)
from bot.drafting.records import QualityCheck
from bot.texts import for_language

QUESTION_CHECKS = (
    "open_question",
    "question_mark",
    "finite_verb",
    "te_infinitive",
    "dangling_end",
    "placeholder",
    "pronoun_antecedent",
    "first_person",
    "one_problem",
    "length",
    "pasted_clause",
    "list_without_and",
    "article",
)
MAX_WORDS = 35
OPEN_STARTERS = frozenset(
    [
        "hoe",
        "welke",
        "welk",
        "wat",
        "in",
        "op",
        "waarom",
        "waardoor",
        "met",
        "wie",
        "waar",
        "wanneer",
        "aan",
        "van",
        "voor",
        "tot",
        "hoeveel",
        "onder",
        "uit",
        "bij",
        "wat",
        "waaraan",
        "waarmee",
        "waarin",
        "waarop",
        "waaruit",
        "via",
        "door",
    ]
)
PLACEHOLDER = re.compile(
    r"het beschreven probleem|\bde organisatie\b|\.\.|…|[\[\]{}<>]|\bXXX\b|\bTODO\b|\bnnb\b|\bn\.n\.b\.",
    re.IGNORECASE,
)


def question_faults(analysis: Analysis, text: str, *, main: bool = True) -> list[str]:
    """The checks one question fails (slugs of QUESTION_CHECKS), in that order. A sub-question
    may ask two linked things ("..., en wat leverde dat op?"); a main question may not."""
    tokens = finite_after_question_word(dutch.corrected(analysis.tokens))
    words = [t for t in tokens if not dutch.is_punctuation(t)]
    stripped = text.strip()
    failed = []
    if not words or lower(words[0]) not in OPEN_STARTERS or dutch.is_finite(words[0]):
        failed.append("open_question")
    if not stripped.endswith("?") or stripped.count("?") != 1:
        failed.append("question_mark")
    if not any(dutch.is_finite(t) for t in tokens):
        failed.append("finite_verb")
    if te_misplaced(tokens):
        failed.append("te_infinitive")
    if dangles(tokens):
        failed.append("dangling_end")
    if PLACEHOLDER.search(stripped):
        failed.append("placeholder")
    if orphan_pronoun(tokens):
        failed.append("pronoun_antecedent")
    if any(dutch.is_first_person(t) and not product_name(tokens, i) for i, t in enumerate(tokens)):
        failed.append("first_person")
    if (
        re.search(r"\ben/of\b|\band/or\b", stripped, re.IGNORECASE)
        or stripped.rstrip("?").count("?")
        or (main and two_questions(tokens))
    ):
        failed.append("one_problem")
    if len(re.findall(r"\w+(?:[-'’]\w+)*", stripped)) > MAX_WORDS:  # the whole text, also beyond what was analysed
        failed.append("length")
    if pasted_clause(tokens):
        failed.append("pasted_clause")
    if list_without_and(tokens):
        failed.append("list_without_and")
    if wrong_article(tokens):
        failed.append("article")
    return failed


# -- the whole draft --------------------------------------------------------------------
def check_draft(
    main: tuple[str, Analysis],
    subs: Sequence[tuple[str, Analysis]],
    *,
    language: str,
    organisation_names: Sequence[str],
    intake_nouns: frozenset[str],
    aim_specific: bool,
    solution_named: bool,
    timeline: str,
) -> list[QualityCheck]:
    """The checks shown to users and brokers: each with a label and, when failed, advice."""
    t = for_language(language)
    text, analysis = main
    failed_main = set(question_faults(analysis, text)) if language == "nl" else set(english_faults(text))
    results: list[tuple[str, bool, str]] = [(c, c not in failed_main, "") for c in QUESTION_CHECKS]
    lowered = text.lower()
    results.append(("names_organisation", any(n and n.lower() in lowered for n in organisation_names), ""))
    results.append(("specific", aim_specific, ""))
    results.append(("no_solution", not solution_named, ""))
    results.append(("sub_questions", 3 <= len(subs) <= 6, ""))
    results.append(("distinct_sub_questions", _distinct([s for s, _ in subs]), ""))
    general = [n for n, (_, a) in enumerate(subs, 1) if not ({tok.lemma.lower() for tok in a.tokens} & intake_nouns)]
    results.append(("specific_sub_questions", len(general) <= 2, ""))
    problems = []
    for n, (sub_text, sub_analysis) in enumerate(subs, 1):
        faults = question_faults(sub_analysis, sub_text, main=False) if language == "nl" else english_faults(sub_text)
        faults = [f for f in faults if f != "length"]
        if faults:
            problems.append(t.SUB_QUESTION_FAULT.format(n=n, faults=", ".join(t.QUALITY_LABELS[f] for f in faults)))
    results.append(("sub_question_language", not problems, " ".join(problems)))
    results.append(("researchable", not _too_soon(timeline), ""))
    return [
        QualityCheck(name, ok, t.QUALITY_LABELS[name], "" if ok else (extra or t.QUALITY_ADVICE[name]))
        for name, ok, extra in results
    ]


def _distinct(questions: Sequence[str]) -> bool:
    return all(fuzz.ratio(a.lower(), b.lower()) < 85 for i, a in enumerate(questions) for b in questions[i + 1 :])


def _too_soon(timeline: str) -> bool:
    lowered = timeline.lower()
    return any(s in lowered for s in ("morgen", "volgende week", "deze week", "tomorrow", "next week", "this week"))


# -- English: the same rules on words, without a tagger --------------------------------------
_EN_OPEN = frozenset(["how", "which", "what", "to", "in", "why", "who", "where", "when", "on"])
_EN_DANGLING = frozenset(["and", "or", "of", "the", "a", "an", "to", "with", "for", "in", "on", "by"])


def english_faults(text: str) -> list[str]:
    stripped = text.strip()
    words = re.findall(r"[\w'-]+", stripped.lower())
    failed = []
    if not words or words[0] not in _EN_OPEN:
        failed.append("open_question")
    if not stripped.endswith("?") or stripped.count("?") != 1:
        failed.append("question_mark")
    if (words and words[-1] in _EN_DANGLING) or stripped.rstrip("?").rstrip().endswith(","):
        failed.append("dangling_end")
    if PLACEHOLDER.search(stripped) or "the described problem" in stripped.lower():
        failed.append("placeholder")
    if any(w in ("we", "our", "i", "us", "my") for w in words):
        failed.append("first_person")
    if "and/or" in stripped.lower():
        failed.append("one_problem")
    if len(words) > MAX_WORDS:
        failed.append("length")
    return failed
