"""Quality checks of a drafted research question, on a Dutch analysis of the final text.

Every question (the main question and each sub-question, also after an edit by the user or a
broker) is analysed again and checked: open, one "?", a finite verb, "te" only before an
infinitive, nothing dangling at the end, no placeholder, no pronoun without its noun, no
first person, one problem, at most about 35 words, a list with its "en", no verb clause pasted
where a noun belongs. The draft as a whole: the organisation named, a specific aim, no
solution built in, 3-6 distinct sub-questions of which at most two are general method lines.
Pure: the analyses come in, the verdicts go out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from bot.analysis import Analysis, Token
from bot.drafting import dutch
from bot.drafting.dutch import lower
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
# Verbs that take a bare infinitive: "kan verminderen", "laat beginnen", "gaat invoeren".
INFINITIVE_TAKERS = dutch.MODALS | {"laten", "gaan", "blijven", "komen", "doen", "helpen", "leren", "zullen"}
SUBORDINATORS = frozenset(
    [
        "dat",
        "zodat",
        "of",
        "omdat",
        "als",
        "wanneer",
        "waardoor",
        "waarmee",
        "hoeveel",
        "waarom",
        "hoe",
        "wat",
        "welke",
        "die",
        "waar",
    ]
)
GENERIC_NOUNS = frozenset(
    [
        "probleem",
        "situatie",
        "organisatie",
        "oplossing",
        "maatregel",
        "aanpak",
        "werkwijze",
        "criterium",
        "eis",
        "wens",
        "optie",
        "resultaat",
        "verbetering",
        "onderzoek",
        "vraag",
        "ontwerp",
        "prototype",
        "gebruiker",
        "test",
        "advies",
        "evaluatie",
        "verklaring",
        "voorspelling",
        "beschrijving",
        "knelpunt",
        "kans",
        "factor",
        "oorzaak",
        "gegeven",
        "methode",
        "model",
        "invoering",
        "beheer",
        "opdracht",
        "nadeel",
        "voordeel",
        "aangrijpingspunt",
        "ontwikkeling",
        "planning",
        "besluitvorming",
        "omvang",
        "kader",
        "grens",
        "manier",
    ]
)


def question_faults(analysis: Analysis, text: str, *, main: bool = True) -> list[str]:
    """The checks one question fails (slugs of QUESTION_CHECKS), in that order. A sub-question
    may ask two linked things ("..., en wat leverde dat op?"); a main question may not."""
    tokens = _finite_after_question_word(dutch.corrected(analysis.tokens))
    words = [t for t in tokens if not dutch.is_punctuation(t)]
    stripped = text.strip()
    failed = []
    if not words or lower(words[0]) not in OPEN_STARTERS or dutch.is_finite(words[0]):
        failed.append("open_question")
    if not stripped.endswith("?") or stripped.count("?") != 1:
        failed.append("question_mark")
    if not any(dutch.is_finite(t) for t in tokens):
        failed.append("finite_verb")
    if _te_misplaced(tokens):
        failed.append("te_infinitive")
    if _dangles(tokens):
        failed.append("dangling_end")
    if PLACEHOLDER.search(stripped):
        failed.append("placeholder")
    if _orphan_pronoun(tokens):
        failed.append("pronoun_antecedent")
    if any(dutch.is_first_person(t) and not _product_name(tokens, i) for i, t in enumerate(tokens)):
        failed.append("first_person")
    if (
        re.search(r"\ben/of\b|\band/or\b", stripped, re.IGNORECASE)
        or stripped.rstrip("?").count("?")
        or (main and _two_questions(tokens))
    ):
        failed.append("one_problem")
    if len(re.findall(r"\w+(?:[-'’]\w+)*", stripped)) > MAX_WORDS:  # the whole text, also beyond what was analysed
        failed.append("length")
    if _pasted_clause(tokens):
        failed.append("pasted_clause")
    if _list_without_and(tokens):
        failed.append("list_without_and")
    return failed


def _finite_after_question_word(tokens: Sequence[Token]) -> list[Token]:
    """A direct question puts its finite verb right after the question phrase ("Welke eisen
    STELLEN inspecteurs", "Hoe ERVAREN burgers"); Frog often tags it as an infinitive, an
    adjective or a noun there. That position decides."""
    items = list(tokens)
    position = _after_question_phrase(items)
    if position is None or position >= len(items):
        return items
    token = items[position]
    verb_like = token.tag == "WW" and "pv" not in token.features
    guessed = token.tag in ("ADJ", "N") and token.word.islower() and token.word.endswith(("en", "t"))
    if verb_like or guessed:
        items[position] = Token(token.word, token.lemma, token.morph, "WW(pv,tgw,mv)", token.entity, token.chunk)
    return items


def _after_question_phrase(items: Sequence[Token]) -> int | None:
    if not items:
        return None
    words = [lower(t) for t in items]
    i = 0
    if items[0].tag == "VZ" and len(items) > 1:  # "In welke mate", "Op welke manier", "Door wie"
        i = 1
        if words[1] == "hoeverre":
            return 2
    if words[i] in ("welke", "welk", "hoeveel"):
        i += 1
        while i < len(items) and items[i].tag in ("ADJ", "N", "SPEC") and not dutch.is_finite(items[i]):
            if items[i].tag == "N" and (i + 1 >= len(items) or items[i + 1].tag not in ("N",)):
                i += 1
                if i + 1 < len(items) and lower(items[i]) == "en" and items[i + 1].tag in ("N", "ADJ"):
                    i += 1  # "Welke knelpunten en kansen ..."
                    continue
                if i < len(items) and items[i].tag == "VZ" and lower(items[i]) in ("van", "voor", "rond", "bij", "in"):
                    i += 1  # "Welke onderdelen van het formulier", "Welke eisen voor de toegang"
                    while i < len(items) and items[i].tag in ("LID", "ADJ", "N", "SPEC"):
                        i += 1
                return i
            i += 1
        return i
    if words[i] in ("hoe", "waarom", "wanneer", "waar", "waardoor", "wat", "wie", "waarmee", "waaraan"):
        if (
            words[i] == "hoe"
            and i + 1 < len(items)
            and lower(items[i + 1]) in ("vaak", "groot", "lang", "snel", "goed")
        ):
            return i + 2
        return i + 1
    return None


QUESTION_WORDS = frozenset(["wat", "welke", "welk", "wie", "hoe", "waarom", "hoeveel", "wanneer", "waar", "waardoor"])


def _two_questions(tokens: Sequence[Token]) -> bool:
    """ "Hoe kan X ..., en wat kost Y?": two questions glued with "en"."""
    for i, token in enumerate(tokens[:-1]):
        if token.tag == "VG" and lower(token) in ("en", "of") and lower(tokens[i + 1]) in QUESTION_WORDS:
            before, after = tokens[:i], list(tokens[i + 1 :])
            # A second question puts its verb right after the question word ("en wie IS ...");
            # an embedded one puts it last ("... en waar die naartoe is gegaan").
            position = _after_question_phrase(after)
            verb_second = position is not None and position < len(after) and after[position].tag == "WW"
            if any(dutch.is_finite(t) for t in before) and verb_second:
                return True
    return False


def _product_name(tokens: Sequence[Token], at: int) -> bool:
    """ "Mijn SVB", "MijnOverheid" mid-sentence: a service's name, not the writer."""
    token = tokens[at]
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    return at > 0 and token.word[:1].isupper() and following is not None and following.word[:1].isupper()


def _te_misplaced(tokens: Sequence[Token]) -> bool:
    for i, token in enumerate(tokens):
        if lower(token) != "te" or token.tag not in ("VZ", "BW"):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = tokens[i - 1] if i else None
        if token.tag == "BW":  # "te laat", "te veel": fine before an adjective or adverb
            if after is None or after.tag in ("LID", "N", "VNW", "SPEC"):
                return True
            continue
        if after is None or not dutch.is_infinitive(after):
            return True  # "een lijst te verbeteringen"
        if before is not None:
            if before.tag == "WW" and before.lemma in dutch.MODALS:
                return True  # "kunnen te oefenen"
            if (
                before.tag == "LID"
                or (before.tag == "ADJ" and "prenom" in before.features)
                or (
                    before.tag == "VZ"
                    and lower(before) not in ("om",)
                    and lower(before) not in dutch.SEPARABLE_PREFIXES
                )
            ):
                return True
    # An "om"-clause needs "te" before each of its infinitive clusters.
    for i, token in enumerate(tokens):
        if lower(token) != "om":
            continue
        segment: list[Token] = []
        for t in tokens[i + 1 :]:
            if t.word in ("?", ",", ";") or lower(t) in ("zodat", "dat", "die", "waar", "waarmee", "omdat"):
                break
            segment.append(t)
        parts: list[list[Token]] = [[]]
        for t in segment:
            if t.tag == "VG" and lower(t) in ("en", "of"):
                parts.append([])
            else:
                parts[-1].append(t)
        for part in parts:
            span = dutch.verb_cluster(part)
            if span and (span[0] == 0 or lower(part[span[0] - 1]) != "te"):
                return True
    return False


def _dangles(tokens: Sequence[Token]) -> bool:
    body = [t for t in tokens if t.word not in ("?", ".", "!")]
    if not body:
        return True
    last = body[-1]
    return (
        last.word in (",", ";", ":", "-")
        or last.tag in ("VG", "LID")
        or (last.tag == "VZ" and "init" in last.features)
        or (last.tag == "VNW" and "prenom" in last.features)
    )


def _orphan_pronoun(tokens: Sequence[Token]) -> bool:
    for i, token in enumerate(tokens):
        if token.tag != "VNW":
            continue
        word = lower(token)
        before = tokens[:i]
        nouns = [t for t in before if t.tag in ("N", "SPEC")]
        if "pers" in token.features and word in ("ze", "zij", "hen"):
            previous = lower(tokens[i - 1]) if i else ""
            subject = previous in SUBORDINATORS or i == 0 or previous == ","
            if subject and not dutch.person_nouns(before):
                return True
            if not subject and not any("mv" in t.features for t in nouns):
                return True
        if "pers" in token.features and word in ("hij", "hem") and not nouns:
            return True
        # "hun" points back to a plural noun after the question phrase: "medewerkers op hun
        # eerste werkdag", "rijksorganisaties, hun CIO's"; not to "Welke maatregelen".
        start = _after_question_phrase(tokens) or 0
        plural = [t for t in tokens[start:i] if "mv" in t.features or "mv-n" in t.features]
        if "bez" in token.features and word == "hun" and not plural:
            return True
    return False


def _pasted_clause(tokens: Sequence[Token]) -> bool:
    """A bare infinitive where nothing allows one ("de situatie rond het aantal alarmen
    verminderen"): no modal or "laten" before it, no "te", no article making it a noun, and
    not the verb of a subordinate clause."""
    clause_verbs: list[Token] = []
    subordinate = False
    after_om = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.word == ";":
            clause_verbs = []  # a comma may sit inside a list ("Landbouw, Visserij en Natuur")
        if lower(token) in SUBORDINATORS and (token.tag in ("VG", "VNW", "BW", "TW") or lower(token) == "of") and i:
            subordinate, clause_verbs = True, []
        if lower(token) == "om":
            after_om = True
        if dutch.is_finite(token):
            clause_verbs.append(token)
        if dutch.is_infinitive(token):
            j = i
            while j + 1 < len(tokens) and dutch.is_infinitive(tokens[j + 1]):
                j += 1
            before = tokens[i - 1] if i else None
            # "woo verzoeken", "rond pieken", "met lezen": Frog's verb reading of a noun
            compound = before is not None and (
                (token.chunk == "I-NP" and before.tag in ("N", "SPEC"))
                or (before.tag == "VZ" and "init" in before.features and lower(before) not in ("om", "te"))
            )
            licensed = (
                compound  # "woo verzoeken": Frog's verb reading of a noun in a noun phrase
                or subordinate
                or after_om
                or (before is not None and (lower(before) in ("te", "het") or before.tag == "LID"))
                or any(v.lemma in INFINITIVE_TAKERS for v in clause_verbs)
                or (subordinate and not clause_verbs)
                or "nom" in token.features
            )
            if not licensed:
                return True
            if subordinate and not clause_verbs:
                clause_verbs.append(token)  # the verb-final verb of a "dat"-clause, tagged as infinitive
            i = j
        i += 1
    return False


def _list_without_and(tokens: Sequence[Token]) -> bool:
    body = [t for t in tokens if t.word != "?"]
    commas = [i for i, t in enumerate(body) if t.word == ","]
    if len(commas) < 2:
        return False
    tail = body[commas[-1] + 1 :]
    middle = body[commas[-2] + 1 : commas[-1]]
    verbal = lambda t: dutch.is_finite(t) or dutch.is_infinitive(t)  # noqa: E731
    plain = lambda part: bool(part) and not any(verbal(t) or t.tag == "VG" for t in part)  # noqa: E731
    verb_at = next((i for i, t in enumerate(tail) if verbal(t)), len(tail))
    head = tail[:verb_at]
    return plain(middle) and (
        plain(tail) or (plain(head) and len(middle) <= 4 and len(head) <= 7 and tail[0].tag != "VG")
    )


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
