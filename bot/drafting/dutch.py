"""Dutch grammar on analysed tokens: the pieces the drafter composes questions from.

Everything works on Frog's tokens (POS tag, lemma, morphology, chunk), never on raw strings,
so that "te" lands before an infinitive, a list keeps its "en", and a phrase is never cut
inside a constituent. Tagger output is evidence, not truth: where Frog is known to err
("zorgen" in "ervoor zorgen dat" as a noun) the words themselves decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.analysis import Token, render

Tokens = list[Token]

FILLER = frozenset(
    [
        "eh",
        "ehm",
        "uh",
        "uhm",
        "nou",
        "tja",
        "hmm",
        "nja",
        "enfin",
        "haha",
        "hahaha",
        "hihi",
        "gewoon",
        "eigenlijk",
        "sowieso",
        "trouwens",
        "toch",
        "natuurlijk",
        "echt",
        "ok",
        "oké",
        "oke",
        "zo'n",
    ]
)
FILLER_PAIRS = (("zeg", "maar"), ("in", "principe"), ("nou", "ja"), ("denk", "ik"), ("volgens", "mij"))
MODALS = frozenset({"kunnen", "moeten", "mogen", "willen", "zullen", "hoeven"})
KNOWLEDGE_VERBS = frozenset(
    {"weten", "begrijpen", "snappen", "achterhalen", "uitzoeken", "voorspellen", "inschatten", "zien", "nagaan"}
)
QUESTION_WORDS = frozenset(
    {"hoeveel", "wat", "welke", "welk", "of", "waarom", "hoe", "wanneer", "wie", "waar", "waardoor"}
)
SEPARABLE_PREFIXES = (
    "terug", "samen", "vooruit", "binnen", "buiten", "tegen", "door", "mee", "over", "voor", "weg", "vast", "los",
    "rond", "aan", "bij", "toe", "uit", "af", "in", "na", "om", "op", "neer", "dicht", "open", "bekend", "klaar",
)  # fmt: skip
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
        "omarmen",
        "voltooien",
    ]
)
IRREGULAR_3SG = {
    "hebben": "heeft", "zijn": "is", "kunnen": "kan", "willen": "wil", "zullen": "zal", "mogen": "mag",
    "moeten": "moet", "gaan": "gaat", "staan": "staat", "doen": "doet", "slaan": "slaat", "zien": "ziet",
    "weten": "weet", "komen": "komt", "hoeven": "hoeft",
}  # fmt: skip
IRREGULAR_PAST_3SG = {"hadden": "had", "waren": "was", "konden": "kon", "zouden": "zou", "mochten": "mocht"}
PERSON_NOUNS = frozenset(
    [
        "burger",
        "medewerker",
        "student",
        "klant",
        "inspecteur",
        "collega",
        "aanvrager",
        "ondernemer",
        "weggebruiker",
        "gebruiker",
        "inwoner",
        "bewoner",
        "ouder",
        "leerling",
        "docent",
        "patiënt",
        "cliënt",
        "reiziger",
        "werknemer",
        "werkgever",
        "belastingplichtige",
        "uitkeringsgerechtigde",
        "behandelaar",
        "beoordelaar",
        "analist",
        "ambtenaar",
        "beheerder",
        "ontwikkelaar",
        "leverancier",
        "partner",
        "ketenpartner",
        "gemeente",
        "agent",
        "boer",
        "automobilist",
        "bezoeker",
        "mens",
        "iedereen",
        "jongere",
        "oudere",
        "migrant",
        "asielzoeker",
        "vreemdeling",
    ]
)


def word(text: str, pos: str, lemma: str | None = None) -> Token:
    """A token the drafter adds itself ("te", "kan", an article), with the tag Frog would give."""
    return Token(text, lemma if lemma is not None else text.lower(), f"[{text.lower()}]", pos)


def words(text: str, pos: str = "SPEC(deeleigen)") -> Tokens:
    return [word(w, pos) for w in text.split()]


TE = word("te", "VZ(init)")
EN = word("en", "VG(neven)")
COMMA = word(",", "LET()")


def lower(token: Token) -> str:
    return token.word.lower()


def is_verb(token: Token, form: str) -> bool:
    return token.tag == "WW" and form in token.features


def is_infinitive(token: Token) -> bool:
    return is_verb(token, "inf")


def is_finite(token: Token) -> bool:
    return is_verb(token, "pv")


def is_noun(token: Token) -> bool:
    return token.tag in ("N", "SPEC")


def is_first_person(token: Token) -> bool:
    return token.tag == "VNW" and "1" in token.features


def is_punctuation(token: Token) -> bool:
    return token.tag == "LET"


NOUN_SUFFIXES = ("ing", "heid", "tie", "schap", "isme", "teit", "nis", "sel")


def corrected(tokens: Sequence[Token]) -> Tokens:
    """Frog's known slips mended from the words themselves: after "te" an "-en" word that is
    not a derived noun is an infinitive ("te werken" is tagged as the plural of "werk"), and so
    is "zorgen" in "ervoor zorgen dat"."""
    out = list(tokens)
    for i in range(1, len(out)):
        token, before = out[i], out[i - 1]
        verbal = (
            token.word.islower()
            and token.word.endswith("en")
            and len(token.word) > 4
            and token.tag not in ("WW", "LID", "VNW", "VG", "VZ", "TW")
        )
        if verbal and lower(before) == "te" and not any(m.endswith(NOUN_SUFFIXES) for m in token.morphemes[1:]):
            out[i] = replace(token, pos="WW(inf,vrij,zonder)", lemma=token.word)
        elif verbal and lower(before) == "ervoor" and lower(token) == "zorgen":
            out[i] = replace(token, pos="WW(inf,vrij,zonder)", lemma="zorgen")
    return out


def without_filler(tokens: Sequence[Token]) -> Tokens:
    """Chat filler out: "eh", "nou", "zeg maar", "haha", interjections, emoji-only tokens."""
    out: Tokens = []
    skip = 0
    tokens = corrected(tokens)
    for i, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        nxt = lower(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if (lower(token), nxt) in FILLER_PAIRS:
            skip = 1
            continue
        if (
            lower(token) in FILLER
            or token.tag == "TSW"
            or (not any(c.isalnum() for c in token.word) and not (is_punctuation(token) and token.word in ".,?!:;()-/"))
        ):
            continue
        out.append(token)
    # Filler leaves doubled or leading commas behind.
    cleaned: Tokens = []
    for token in out:
        if token.word == "," and (not cleaned or cleaned[-1].word in (",", ".", "?", "!", ":")):
            continue
        cleaned.append(token)
    while cleaned and cleaned[-1].word == ",":
        cleaned.pop()
    return cleaned


def strip_end(tokens: Sequence[Token]) -> Tokens:
    """No sentence punctuation, comma or conjunction at the end."""
    out = list(tokens)
    while out and (is_punctuation(out[-1]) or out[-1].tag == "VG" or lower(out[-1]) in ("dus", "maar", "en")):
        out.pop()
    while out and (is_punctuation(out[0]) or lower(out[0]) in ("en", "maar", "dus", "of")):
        out.pop(0)
    return out


def split_sentences(tokens: Sequence[Token]) -> list[Tokens]:
    out: list[Tokens] = [[]]
    for token in tokens:
        out[-1].append(token)
        if token.word in (".", "!", "?", ";"):
            out.append([])
    return [s for s in out if any(not is_punctuation(t) for t in s)]


# -- verbs ----------------------------------------------------------------------------
def separable_parts(token: Token) -> tuple[str, str] | None:
    """ "wegwerken" -> ("weg", "werken") by Frog's morphology, checked against the prefixes."""
    verb = token.word
    lowered = verb.lower()
    if lowered in INSEPARABLE:
        return None
    morphemes = token.morphemes
    for prefix in sorted(SEPARABLE_PREFIXES, key=len, reverse=True):
        rest = lowered[len(prefix) :]
        if lowered.startswith(prefix) and len(rest) >= 4 and rest.endswith("en"):
            # The morphology must agree: "[weg][werk][en]" has the particle as its own part,
            # "[inventariseer][en]" has none.
            if len(morphemes) > 1 and morphemes[0].lower() != prefix:
                continue
            if prefix in ("voor", "over", "door", "om", "onder") and lowered in INSEPARABLE:
                return None
            return verb[: len(prefix)], verb[len(prefix) :]
    return None


def verb_cluster(clause: Sequence[Token]) -> tuple[int, int] | None:
    """(start, end) of the last run of infinitives: the clause's verb cluster. An "om ... te"
    clause inside it has its own verb: "inspecteurs helpen om een rapport te maken" -> "helpen"."""
    own = next((i for i, t in enumerate(clause) if lower(t) == "om" and t.tag == "VZ"), len(clause))
    if not any(is_infinitive(t) for t in clause[:own]):
        own = len(clause)
    end = None
    for i in range(own - 1, -1, -1):
        if is_infinitive(clause[i]):
            end = i + 1
            break
    if end is None:
        return None
    start = end - 1
    while start > 0 and is_infinitive(clause[start - 1]):
        start -= 1
    return start, end


def with_te(clause: Sequence[Token]) -> Tokens | None:
    """An infinitive clause with its "te": before the first verb of the cluster, after a
    separable particle ("weg te werken"), before "laten" and modals ("te laten beginnen")."""
    span = verb_cluster(clause)
    if span is None:
        return None
    start, end = span
    first = clause[start]
    parts = separable_parts(first) if end - start == 1 else None
    if parts:
        particle, rest = parts
        verb = [word(particle, "VZ(fin)"), TE, replace(first, word=rest)]
    else:
        verb = [TE, *clause[start:end]]
        if parts is None and end - start > 1 and separable_parts(first):
            particle, rest = separable_parts(first)  # type: ignore[misc]
            verb = [word(particle, "VZ(fin)"), TE, replace(first, word=rest), *clause[start + 1 : end]]
    return [*clause[:start], *verb, *clause[end:]]


def with_modal(clause: Sequence[Token], modal: str = "kan") -> Tokens | None:
    """ "de achterstand wegwerken" -> "de achterstand kan wegwerken" (subordinate order)."""
    span = verb_cluster(clause)
    if span is None:
        return None
    start, _ = span
    return [*clause[:start], word(modal, "WW(pv,tgw,ev)", "kunnen"), *clause[start:]]


def third_singular(token: Token) -> Token:
    """The finite verb agreeing with a singular subject (an organisation, "de aanvrager")."""
    lowered = lower(token)
    if "verl" in token.features:
        if lowered in IRREGULAR_PAST_3SG:
            form = IRREGULAR_PAST_3SG[lowered]
        elif "mv" in token.features and lowered.endswith("en"):
            form = lowered[:-2] if lowered.endswith(("den", "ten")) else _past_stem(lowered[:-2])
        else:
            form = lowered
    elif token.lemma in IRREGULAR_3SG:
        form = IRREGULAR_3SG[token.lemma]
    elif "mv" in token.features or lowered == token.lemma:
        # "[aan][pas][en]" -> "aanpast", "[houd][en]" -> "houdt"
        morphemes = token.morphemes
        stem = "".join(morphemes[:-1]) if len(morphemes) > 1 and morphemes[-1] in ("en", "n") else lowered
        if stem == lowered and stem.endswith("en"):
            stem = stem[:-2]
        form = stem if stem.endswith("t") else stem + "t"
    elif "ev" in token.features and "tgw" in token.features:
        form = lowered if lowered.endswith("t") else lowered + "t"  # "ik denk" -> "denkt"
    else:
        form = lowered
    return replace(token, word=form, pos="WW(pv,tgw,ev)" if "verl" not in token.features else "WW(pv,verl,ev)")


def _past_stem(stem: str) -> str:
    if stem.endswith("z"):
        stem = stem[:-1] + "s"
    elif stem.endswith("v"):
        stem = stem[:-1] + "f"
    return stem


def subordinate(clause: Sequence[Token]) -> Tokens:
    """A main clause in the order of a "dat"-clause: the finite verb moves to the end, before
    an infinitive cluster, and a separated particle joins it again ("vullen ... in" -> "invullen")."""
    items = list(clause)
    finite = next((i for i, t in enumerate(items) if is_finite(t)), None)
    if finite is None or finite == len(items) - 1:
        return items
    verb = items.pop(finite)
    particle = None
    if items and items[-1].pos.startswith("VZ(fin") and not verb_cluster(items[finite:]):
        particle = items.pop()
    span = verb_cluster(items[finite:])
    at = finite + span[0] if span else len(items)
    if particle is not None:
        verb = replace(verb, word=particle.word.lower() + verb.word)
    items.insert(at, verb)
    return items


# -- noun phrases ---------------------------------------------------------------------
def noun_phrases(tokens: Sequence[Token], *, with_pp: bool = True) -> list[Tokens]:
    """The noun chunks of a text, each optionally with one prepositional phrase after it
    ("het aantal valse alarmen", "de brieven op B1-niveau"); pronouns only are skipped."""
    phrases: list[Tokens] = []
    i = 0
    while i < len(tokens):
        starts = tokens[i].chunk == "B-NP" or (
            tokens[i].chunk == "I-NP" and (i == 0 or "NP" not in tokens[i - 1].chunk or _new_phrase(tokens, i))
        )
        if starts and lower(tokens[i]) not in TIME_WORDS:
            j = i + 1
            while j < len(tokens) and tokens[j].chunk == "I-NP" and not _new_phrase(tokens, j):
                j += 1
            verb_at = next((k for k in range(i, j) if tokens[k].tag == "WW" and not is_noun(tokens[k])), None)
            if verb_at is not None and verb_at > i:
                j = verb_at  # "de achterstand wegwerken" chunked as one noun phrase
            phrase = list(tokens[i:j])
            if with_pp and j + 1 < len(tokens) and tokens[j].tag == "VZ" and tokens[j].chunk == "B-PP":
                k = j + 1
                if k < len(tokens) and tokens[k].chunk == "B-NP":
                    k += 1
                    while k < len(tokens) and tokens[k].chunk == "I-NP":
                        k += 1
                    if any(is_noun(t) for t in tokens[j + 1 : k]) and lower(tokens[j]) not in ("om", "te", "door"):
                        phrase = list(tokens[i:k])
            content = [t for t in phrase if t.tag == "N" and t.lemma.lower() not in VAGUE_NOUNS] or [
                t for t in phrase if t.tag == "SPEC"
            ]
            if content and not any(is_infinitive(t) or is_finite(t) for t in phrase):
                phrases.append(phrase)
            i = j
        else:
            i += 1
    return phrases


def _new_phrase(tokens: Sequence[Token], at: int) -> bool:
    """A determiner right after a noun starts a new noun phrase, whatever the chunker says."""
    return tokens[at - 1].tag in ("N", "SPEC") and (
        tokens[at].tag == "LID" or (tokens[at].tag == "VNW" and "det" in tokens[at].features)
    )


TIME_WORDS = frozenset({"volgend", "volgende", "vorig", "vorige", "dit", "komend", "komende", "elk", "ieder"})
VAGUE_NOUNS = frozenset(
    {"jaar", "maand", "week", "dag", "uur", "semester", "moeite", "keer", "tijd", "manier", "ding", "iets", "deel",
     "paar", "idee", "beeld", "stuk", "kant", "geval", "soort", "vraag", "probleem", "stap", "winter", "zomer",
     "najaar", "voorjaar", "herfst", "lente", "periode", "begin", "eind"}
)  # fmt: skip


def head_noun(phrase: Sequence[Token]) -> Token | None:
    nouns = [t for t in phrase if t.tag == "N"]
    before_pp = [t for t in phrase[: _pp_start(phrase)] if t.tag == "N"]
    names = [t for t in phrase[: _pp_start(phrase)] if t.tag == "SPEC"]
    found = before_pp or nouns or names  # "een CMDB": a name as the head
    return found[-1] if found else None


def _pp_start(phrase: Sequence[Token]) -> int:
    for i, t in enumerate(phrase):
        if i and t.tag == "VZ":
            return i
    return len(phrase)


def is_plural(phrase: Sequence[Token]) -> bool:
    head = head_noun(phrase)
    return head is not None and "mv" in head.features


def article_for(noun: Token) -> str:
    if "mv" in noun.features:
        return "de"
    return "het" if "onz" in noun.features else "de"


def definite(phrase: Sequence[Token]) -> Tokens:
    """ "een pilot met X" -> "de pilot met X"; possessives of the writer become articles."""
    items = list(phrase)
    if items and lower(items[0]) in ("een", "onze", "ons", "mijn", "hun", "zijn", "haar") and len(items) > 1:
        head = head_noun(items)
        if head is not None:
            items[0] = word(article_for(head), "LID(bep,stan,rest)")
    elif items and items[0].tag in ("N", "ADJ") and (head := head_noun(items)) is not None and "ev" in head.features:
        # "pilot met ai samenvattingen" -> "de pilot met ai samenvattingen"
        items = [word(article_for(head), "LID(bep,stan,rest)"), *decapitalised(items)]
    return items


def person_nouns(tokens: Sequence[Token]) -> list[Token]:
    """Plural nouns for people ("burgers", "medewerkers"): what a "ze" can refer to."""
    found = []
    for t in tokens:
        lowered = t.word.lower()
        singulars = {t.lemma.lower(), lowered[:-1], lowered[:-2], lowered[:-1] + "e"}
        plural = "mv" in t.features or "mv-n" in t.features or (t.tag == "SPEC" and lowered.endswith(("ers", "en")))
        nominal = t.tag in ("N", "SPEC") or (t.tag == "ADJ" and "nom" in t.features)
        compound = any(form.endswith(p) for form in singulars for p in PERSON_NOUNS if len(p) >= 5)
        if nominal and plural and (singulars & PERSON_NOUNS or compound or lowered.endswith("ers")):
            found.append(t)
    return found


def dutch_list(items: Sequence[Sequence[Token]], *, rest: str | None = None) -> Tokens:
    """ "A, B en C"; with `rest`: "A, B, C en andere betrokkenen"."""
    parts = [list(i) for i in items if i]
    if rest:
        parts.append(words(rest, "N(soort,mv,basis)"))
    out: Tokens = []
    for n, part in enumerate(parts):
        if n and n == len(parts) - 1:
            out.append(EN)
        elif n:
            out.append(COMMA)
        out.extend(part)
    return out


def decapitalised(tokens: Sequence[Token]) -> Tokens:
    """ "Een realistische oefening", "De directie", "Werkzoekenden" mid-sentence: a capital that
    only started the user's sentence goes; names (a name entity) and abbreviations keep theirs."""
    items = list(tokens)
    if items:
        first = items[0]
        common = first.tag != "SPEC" or first.entity == "O"
        if common and first.word[:1].isupper() and first.word[1:].islower():
            items[0] = replace(first, word=first.word.lower())
    return items


def capitalised(tokens: Sequence[Token]) -> Tokens:
    items = list(tokens)
    if items:
        first = items[0]
        items[0] = replace(first, word=first.word[:1].upper() + first.word[1:])
    return items


def sentence(tokens: Sequence[Token], end: str = ".") -> str:
    """Tokens as one written sentence: capital first letter, one closing mark."""
    items = strip_end(tokens)
    if not items:
        return ""
    if items[-1].word.endswith(".") and end == ".":  # "Python en R." already ends the sentence
        return render(capitalised(items))
    return render([*capitalised(items), word(end, "LET()")])


# -- the writer's voice to the organisation's -------------------------------------------
def third_person(tokens: Sequence[Token], organisation: Sequence[Token]) -> Tokens:
    """ "we hebben onze brieven herschreven" -> "DUO heeft de brieven herschreven";
    "ik denk" -> "de aanvrager denkt"; "ons" -> the organisation."""
    items = list(tokens)
    out: Tokens = []
    agree_next = False
    for i, token in enumerate(items):
        lowered = lower(token)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if token.tag == "VNW" and lowered in ("we", "wij"):
            out.extend(organisation)
            if out and out[-1] is not None and i > 0 and is_finite(items[i - 1]):
                # "hebben we" -> "heeft DUO"
                position = len(out) - len(organisation) - 1
                out[position] = third_singular(out[position])
            else:
                agree_next = True
            continue
        if token.tag == "VNW" and lowered == "ik":
            applicant = words("de aanvrager", "N(soort,ev,basis,zijd,stan)")
            out.extend(applicant)
            if i > 0 and is_finite(items[i - 1]):
                position = len(out) - len(applicant) - 1
                out[position] = third_singular(out[position])
            else:
                agree_next = True
            continue
        if lowered in ("mij", "me") and token.tag == "VNW":
            out.extend(words("de aanvrager", "N(soort,ev,basis,zijd,stan)"))
            continue
        if lowered in ("onze", "ons", "mijn") and nxt is not None and nxt.tag in ("N", "ADJ", "SPEC"):
            if lowered == "mijn":
                noun = next((t for t in items[i + 1 : i + 4] if t.tag == "N"), nxt)
                article = article_for(noun)
            else:
                article = "het" if lowered == "ons" else "de"  # "ons" goes with het-words, "onze" with de-words
            out.append(word(article, "LID(bep,stan,rest)"))
            continue
        if lowered == "ons" and token.tag == "VNW":
            out.extend(organisation)
            continue
        if agree_next and out and out[-1] is organisation[-1] and token.tag == "N" and "mv" in token.features:
            # "we schalen nu ...": right after its subject stands the verb, whatever Frog read
            out.append(third_singular(replace(token, pos="WW(pv,tgw,mv)", lemma=token.word)))
            agree_next = False
            continue
        if agree_next and token.word in (",", ";", ".", "?", "!"):
            agree_next = False  # the clause ended without a verb we could read
        if (
            agree_next
            and token.tag == "WW"
            and (is_finite(token) or is_infinitive(token))
            and (not out or lower(out[-1]) != "te")
        ):
            # the first verb after "we": finite, even where Frog read it as an infinitive
            # ("dat we ... moeten inhuren" -> "moet inhuren")
            out.append(third_singular(token))
            agree_next = False
            continue
        out.append(token)
    return out
