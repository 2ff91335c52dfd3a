"""Tests for bot.conversation.redaction: what is replaced, what stays, and robustness."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from schwifty import IBAN
from stdnum.nl import bsn

from bot.conversation.redaction import Redaction, redact


def make_bsn(start: int) -> str:
    """The first valid BSN whose first eight digits are `start` or a number after it."""
    for prefix in itertools.count(start):
        digits = f"{prefix:08d}"
        check = sum((9 - i) * int(d) for i, d in enumerate(digits)) % 11
        if check < 10 and bsn.is_valid(digits + str(check)):
            return digits + str(check)
    raise AssertionError("unreachable")


def make_invalid_bsn(valid: str) -> str:
    """The same number with a last digit that fails the 11-test."""
    for last in "0123456789":
        candidate = valid[:-1] + last
        if not bsn.is_valid(candidate):
            return candidate
    raise AssertionError("unreachable")


def grouped(value: str) -> str:
    """IBAN in the printed notation: groups of four."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


BSN_A = "111222333"
BSN_B = "123456782"
BSN_C = make_bsn(23456789)
BSN_D = make_bsn(98765432)
# A valid BSN that is also the subscriber part of a mobile number (+31 6xxxxxxxx).
BSN_MOBILE = make_bsn(61234567)
INVALID_BSN = make_invalid_bsn(BSN_C)

IBAN_NL = "NL91ABNA0417164300"
IBAN_GB = "GB82WEST12345698765432"
IBAN_DE = "DE89370400440532013000"
IBAN_ING = str(IBAN.from_bban("NL", "INGB0001234567"))
IBAN_BE = str(IBAN.from_bban("BE", "539007547034"))


def test_generated_numbers_are_what_they_claim() -> None:
    for number in (BSN_A, BSN_B, BSN_C, BSN_D, BSN_MOBILE):
        assert bsn.is_valid(number)
    assert BSN_MOBILE.startswith("6")
    assert len(INVALID_BSN) == 9
    assert not bsn.is_valid(INVALID_BSN)
    assert not bsn.is_valid("123456789")
    for iban in (IBAN_NL, IBAN_GB, IBAN_DE, IBAN_ING, IBAN_BE):
        assert IBAN(iban).validate()


POSITIVE = [
    # BSN
    pytest.param(f"Mijn BSN is {BSN_A}.", "Mijn BSN is [BSN].", ("bsn",), id="bsn-plain"),
    pytest.param(
        f"Het burgerservicenummer {BSN_B} staat in het dossier.",
        "Het burgerservicenummer [BSN] staat in het dossier.",
        ("bsn",),
        id="bsn-in-sentence",
    ),
    pytest.param(f"bsn {BSN_B[:3]}.{BSN_B[3:6]}.{BSN_B[6:]}", "bsn [BSN]", ("bsn",), id="bsn-dots"),
    pytest.param(f"bsn {BSN_C[:3]} {BSN_C[3:6]} {BSN_C[6:]} klopt", "bsn [BSN] klopt", ("bsn",), id="bsn-spaces"),
    pytest.param(f"BSN {BSN_D[:4]}.{BSN_D[4:6]}.{BSN_D[6:]}", "BSN [BSN]", ("bsn",), id="bsn-4-2-3"),
    pytest.param(f"BSN:{BSN_C}", "BSN:[BSN]", ("bsn",), id="bsn-after-colon"),
    pytest.param(f"(bsn {BSN_A})", "(bsn [BSN])", ("bsn",), id="bsn-in-parentheses"),
    pytest.param(f"bsn {BSN_B[:4]}\u200b{BSN_B[4:]}", "bsn [BSN]", ("bsn",), id="bsn-zero-width-inside"),
    pytest.param(f"bsn {BSN_B[:3]}\u00a0{BSN_B[3:6]}\u00a0{BSN_B[6:]}", "bsn [BSN]", ("bsn",), id="bsn-nbsp"),
    # e-mail
    pytest.param("Mail jan.jansen@minbzk.nl even.", "Mail [e-mailadres] even.", ("email",), id="email-plain"),
    pytest.param(
        "Stuur het naar J.de.Vries+test@sub.rijksoverheid.nl.",
        "Stuur het naar [e-mailadres].",
        ("email",),
        id="email-plus-subdomain-full-stop",
    ),
    pytest.param("Contact: <info@voorbeeld-gemeente.nl>", "Contact: <[e-mailadres]>", ("email",), id="email-brackets"),
    pytest.param("PIETER@GEMEENTE.AMSTERDAM.NL", "[e-mailadres]", ("email",), id="email-upper-case"),
    pytest.param("mail jöran@voorbeeld.nl", "mail [e-mailadres]", ("email",), id="email-non-ascii"),
    pytest.param(
        '<a href="mailto:jan@x.nl">jan@x.nl</a>',
        '<a href="mailto:[e-mailadres]">[e-mailadres]</a>',
        ("email",),
        id="email-html",
    ),
    # phone
    pytest.param("Bel 06-12345678 morgen.", "Bel [telefoonnummer] morgen.", ("phone",), id="phone-mobile-dash"),
    pytest.param("Bel 06 1234 5678 morgen.", "Bel [telefoonnummer] morgen.", ("phone",), id="phone-mobile-spaces"),
    pytest.param("nummer 0612345678 (mobiel)", "nummer [telefoonnummer] (mobiel)", ("phone",), id="phone-mobile-plain"),
    pytest.param("Tel. 020-1234567", "Tel. [telefoonnummer]", ("phone",), id="phone-amsterdam"),
    pytest.param("Den Haag: 070 123 4567.", "Den Haag: [telefoonnummer].", ("phone",), id="phone-den-haag"),
    pytest.param("(020) 123 4567", "[telefoonnummer]", ("phone",), id="phone-area-parentheses"),
    pytest.param("via +31 6 12345678", "via [telefoonnummer]", ("phone",), id="phone-plus-31"),
    pytest.param("via 0031 6 12345678", "via [telefoonnummer]", ("phone",), id="phone-0031"),
    pytest.param("+31 (0)20 123 4567", "[telefoonnummer]", ("phone",), id="phone-plus-31-zero"),
    pytest.param("Tel:+31612345678", "Tel:[telefoonnummer]", ("phone",), id="phone-compact-international"),
    pytest.param("Londen: +44 20 7946 0958", "Londen: [telefoonnummer]", ("phone",), id="phone-uk"),
    pytest.param("VS: +1 202 555 0143", "VS: [telefoonnummer]", ("phone",), id="phone-us"),
    pytest.param(f"mobiel +31 {BSN_MOBILE}", "mobiel [telefoonnummer]", ("phone",), id="phone-not-taken-for-bsn"),
    pytest.param("Bel 06\u200b-1234\u200b5678 nu", "Bel [telefoonnummer] nu", ("phone",), id="phone-zero-width"),
    # IBAN
    pytest.param(f"Rekening {IBAN_NL}.", "Rekening [IBAN].", ("iban",), id="iban-nl-compact"),
    pytest.param(f"Rekening {grouped(IBAN_NL)} graag", "Rekening [IBAN] graag", ("iban",), id="iban-nl-grouped"),
    pytest.param(f"IBAN {IBAN_NL.lower()}", "IBAN [IBAN]", ("iban",), id="iban-lower-case"),
    pytest.param(f"IBAN {grouped(IBAN_NL).lower()}", "IBAN [IBAN]", ("iban",), id="iban-lower-case-grouped"),
    pytest.param(
        f"{grouped(IBAN_DE)} ten name van",
        "[IBAN] ten name van",
        ("iban",),
        id="iban-de-grouped-short-word-after",
    ),
    pytest.param(
        f"{grouped(IBAN_NL)} voor de huur", "[IBAN] voor de huur", ("iban",), id="iban-four-letter-word-after"
    ),
    pytest.param(f"UK: {IBAN_GB}", "UK: [IBAN]", ("iban",), id="iban-gb"),
    pytest.param(f"ING {IBAN_ING}, BE {grouped(IBAN_BE)}", "ING [IBAN], BE [IBAN]", ("iban",), id="iban-generated"),
    # several in one text, order of first appearance
    pytest.param(
        f"Mijn BSN is {BSN_A} en mail jan@voorbeeld.nl, bel 06-12345678 of betaal op {grouped(IBAN_NL)}.",
        "Mijn BSN is [BSN] en mail [e-mailadres], bel [telefoonnummer] of betaal op [IBAN].",
        ("bsn", "email", "phone", "iban"),
        id="all-four",
    ),
    pytest.param(
        f"Bel 070 123 4567 over BSN {BSN_B}, IBAN {IBAN_DE}, of mail a.b@c.nl.",
        "Bel [telefoonnummer] over BSN [BSN], IBAN [IBAN], of mail [e-mailadres].",
        ("phone", "bsn", "iban", "email"),
        id="order-of-appearance-not-of-detection",
    ),
    pytest.param(
        f"{BSN_A}, {BSN_B} en {BSN_C}; 06-12345678 en 020-1234567",
        "[BSN], [BSN] en [BSN]; [telefoonnummer] en [telefoonnummer]",
        ("bsn", "phone"),
        id="repeated-kinds-once",
    ),
    pytest.param(
        f"😀 <b>06-12345678</b> \u202ejan@x.nl\u202c רקע {BSN_A}",
        "😀 <b>[telefoonnummer]</b> \u202e[e-mailadres]\u202c רקע [BSN]",
        ("phone", "email", "bsn"),
        id="emoji-html-rtl",
    ),
    pytest.param(
        f"Zaak Z-2024-001234 (zaaknummer {INVALID_BSN}) betreft BSN {BSN_C} op 12-03-2024.",
        f"Zaak Z-2024-001234 (zaaknummer {INVALID_BSN}) betreft BSN [BSN] op 12-03-2024.",
        ("bsn",),
        id="bsn-next-to-case-number",
    ),
    pytest.param(
        f"{BSN_A}@gemeente.nl",
        "[e-mailadres]",
        ("email",),
        id="email-before-bsn",
    ),
]


@pytest.mark.parametrize(("text", "expected", "found"), POSITIVE)
def test_redacts(text: str, expected: str, found: tuple[str, ...]) -> None:
    result = redact(text)
    assert result == Redaction(text=expected, found=found)


NEGATIVE = [
    pytest.param("In 2023 en 2026 gaat het mis.", id="years"),
    pytest.param("Het project kost € 1.250.000 in totaal.", id="amount-dots"),
    pytest.param("Er is 3,5 miljoen begroot.", id="amount-millions"),
    pytest.param("Dat kost 1500 euro per jaar.", id="amount-euro"),
    pytest.param(f"Een bedrag van € {BSN_B[:3]}.{BSN_B[3:6]}.{BSN_B[6:]} is groot.", id="amount-shaped-like-bsn"),
    pytest.param(f"Totaal {BSN_A} euro", id="amount-euro-after-bsn-digits"),
    pytest.param(f"{BSN_B},00 EUR", id="amount-decimals"),
    pytest.param("De groei is 12,5% of 0,05 %.", id="percentages"),
    pytest.param("Op 12-03-2024 is besloten.", id="date-dashes"),
    pytest.param("Op 09-06-2024 en 09.09.2025 is besloten.", id="dates-like-service-numbers"),
    pytest.param("Per 1 januari 2025 geldt dit.", id="date-words"),
    pytest.param("Sinds 2024-03-12 en 31/12/2024.", id="dates-iso-and-slashes"),
    pytest.param("Zie zaak Z-2024-001234.", id="case-number"),
    pytest.param(f"zaaknummer {INVALID_BSN}", id="case-number-failing-11-test"),
    pytest.param("zaaknummer 123456789", id="case-number-123456789"),
    pytest.param(
        f"zaak {INVALID_BSN[:3]}.{INVALID_BSN[3:6]}.{INVALID_BSN[6:]}",
        id="case-number-dots-failing-11-test",
    ),
    pytest.param("Installeer versie 2.3.1 op Windows 11 met Python 3.11.", id="versions"),
    pytest.param("Build 10.0.19045.3693 en v1.2.3", id="long-version"),
    pytest.param("Het overleg begint om 09:30 en eindigt 10:45.", id="times"),
    pytest.param("Postcode 1234 AB in Utrecht.", id="postcode"),
    pytest.param("De server 192.168.1.1 en 10.0.0.1 draaien.", id="ip-like"),
    pytest.param("Volgens artikel 8:40 Awb en artikel 6:5 Awb.", id="law-articles"),
    pytest.param("KvK 12345678 en KvK-nummer 09093931", id="kvk"),
    pytest.param("Dit is versie 2.0 van het plan.", id="version-2-0"),
    pytest.param("Dank @jan en @team_digitaal!", id="mentions"),
    pytest.param("Mail naar jan@localhost of a@b", id="email-without-domain"),
    pytest.param("Bel gratis 0800-1234 of 0900-1234567, gemeente 14 020.", id="service-numbers"),
    pytest.param("NL91ABNA0417164301 is geen geldig rekeningnummer.", id="iban-wrong-check-digits"),
    pytest.param("Ons kenmerk 2024/123456782 en 1.123.456.782", id="bsn-digits-inside-longer-numbers"),
    pytest.param(f"ref {BSN_B}-01 en {BSN_A}5", id="bsn-digits-with-suffix"),
    pytest.param("Er zijn 10.000 meldingen en 250.000 bezoekers.", id="thousands"),
    pytest.param("Al [BSN], [e-mailadres], [telefoonnummer] en [IBAN] vervangen.", id="placeholders"),
    pytest.param("😀 <p class='x'>Hallo</p> \u200f\u200b\ufeff", id="emoji-html-invisible"),
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_leaves_alone(text: str) -> None:
    assert redact(text) == Redaction(text=text, found=())


@pytest.mark.parametrize("text", [param.values[0] for param in POSITIVE + NEGATIVE])
def test_idempotent(text: str) -> None:
    once = redact(text)
    twice = redact(once.text)
    assert twice == Redaction(text=once.text, found=())


def test_empty_text() -> None:
    assert redact("") == Redaction(text="", found=())


def test_whitespace_only() -> None:
    assert redact(" \n\t ") == Redaction(text=" \n\t ", found=())


def test_long_text() -> None:
    unit = (
        f"Melding over BSN {BSN_A}, mail jan@voorbeeld.nl, bel 06-12345678, rekening {IBAN_NL}. "
        "Zaak Z-2024-001234 kost € 1.250.000 (versie 2.3.1, 12-03-2024, 09:30). 😀 \u200b<p>\n"
    )
    repeats = 10_000 // len(unit) + 1
    text = (unit * repeats)[:10_000]
    assert len(text) == 10_000
    result = redact(text)
    complete = 10_000 // len(unit)
    assert result.found == ("bsn", "email", "phone", "iban")
    assert result.text.count("[BSN]") >= complete
    assert result.text.count("[e-mailadres]") >= complete
    assert result.text.count("[telefoonnummer]") >= complete
    assert result.text.count("[IBAN]") >= complete
    assert BSN_A not in result.text
    assert "12345678" not in result.text.replace("Z-2024-001234", "")
    assert result.text.count("Z-2024-001234") >= complete
    assert redact(result.text).found == ()


@pytest.mark.parametrize(
    "text",
    ["a" * 10_000, "1" * 10_000, "a@" * 5_000, "a." * 5_000, "123 " * 2_500, "+31 " * 2_500, "\u200b" * 10_000],
)
def test_degenerate_long_inputs(text: str) -> None:
    result = redact(text)
    assert result.found == ()
    assert result.text == text


def test_result_is_frozen() -> None:
    result = redact(f"BSN {BSN_A}")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]
