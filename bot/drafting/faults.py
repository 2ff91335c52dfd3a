"""The grammatical faults of an analysed Dutch question, one detector each: "te" not before
an infinitive, a dangling end, a pronoun without its noun, two questions glued together, a bare
verb clause pasted where a noun belongs, a list without its "en", an article that does not fit
its noun ("de conceptrapport").

Each takes the question's tokens (as `finite_after_question_word` mends them) and answers
whether the fault is there; `quality.question_faults` decides which checks run and in what order.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis import Token
from bot.drafting import dutch, verbs
from bot.drafting.dutch import lower
from bot.drafting.gender import COMMON, NEUTER, known_gender
from bot.drafting.nouns import person_nouns

# Verbs that take a bare infinitive: "kan verminderen", "laat beginnen", "gaat invoeren".
INFINITIVE_TAKERS = verbs.MODALS | {"laten", "gaan", "blijven", "komen", "doen", "helpen", "leren", "zullen"}
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


def finite_after_question_word(tokens: Sequence[Token]) -> list[Token]:
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


def two_questions(tokens: Sequence[Token]) -> bool:
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


def product_name(tokens: Sequence[Token], at: int) -> bool:
    """ "Mijn SVB", "MijnOverheid" mid-sentence: a service's name, not the writer."""
    token = tokens[at]
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    return at > 0 and token.word[:1].isupper() and following is not None and following.word[:1].isupper()


def te_misplaced(tokens: Sequence[Token]) -> bool:
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
            if before.tag == "WW" and before.lemma in verbs.MODALS:
                return True  # "kunnen te oefenen"
            if (
                before.tag == "LID"
                or (before.tag == "ADJ" and "prenom" in before.features)
                or (
                    before.tag == "VZ"
                    and lower(before) not in ("om",)
                    and lower(before) not in verbs.SEPARABLE_PREFIXES
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
            span = verbs.verb_cluster(part)
            if span and (span[0] == 0 or lower(part[span[0] - 1]) != "te"):
                return True
    return False


def dangles(tokens: Sequence[Token]) -> bool:
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


def orphan_pronoun(tokens: Sequence[Token]) -> bool:
    for i, token in enumerate(tokens):
        if token.tag != "VNW":
            continue
        word = lower(token)
        before = tokens[:i]
        nouns = [t for t in before if t.tag in ("N", "SPEC")]
        if "pers" in token.features and word in ("ze", "zij", "hen"):
            previous = lower(tokens[i - 1]) if i else ""
            subject = previous in SUBORDINATORS or i == 0 or previous == ","
            if subject and not person_nouns(before):
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


def pasted_clause(tokens: Sequence[Token]) -> bool:
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


def list_without_and(tokens: Sequence[Token]) -> bool:
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


def wrong_article(tokens: Sequence[Token]) -> bool:
    """ "de" before a het-word or "het" before a de-word, adjectives between them aside
    ("de conceptrapport", "het nieuwe werkwijze"); only where Frog's lexicon is sure."""
    for i, token in enumerate(tokens):
        if token.tag != "LID" or lower(token) not in ("de", "het"):
            continue
        noun = next((t for t in tokens[i + 1 :] if t.tag != "ADJ"), None)
        if noun is None or noun.tag != "N" or "ev" not in noun.features:
            continue
        wanted = known_gender(noun)
        if (lower(token), wanted) in (("de", NEUTER), ("het", COMMON)):
            return True
    return False
