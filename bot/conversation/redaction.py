"""Removing personal data (BSN, e-mail, phone, IBAN) from free text before it is stored or embedded.

Detection runs in a fixed order on a view of the text without invisible characters
(zero-width and bidi marks), so they cannot hide a number: e-mail and IBAN first,
then BSN (9 digits passing the 11-test), then phone numbers (libphonenumber, region NL).
Each stage sees the placeholders of the earlier ones, never the original digits. The stages
repeat until a pass finds nothing, so that redacting a redacted text changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import phonenumbers
from schwifty import IBAN
from stdnum.nl import bsn

BSN = "bsn"
EMAIL = "email"
PHONE = "phone"
IBAN_KIND = "iban"

PLACEHOLDERS: dict[str, str] = {
    BSN: "[BSN]",
    EMAIL: "[e-mailadres]",
    PHONE: "[telefoonnummer]",
    IBAN_KIND: "[IBAN]",
}

# Characters that render as nothing; dropped from the detection view.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
# Space variants that people (and word processors) put between digit groups.
_SPACES = {"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " "}

_EMAIL_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]"
_EMAIL_RE = re.compile(
    r"(?<![\w.!#$%&'*+/=?^`{|}~-])"  # start at the beginning of a token
    rf"{_EMAIL_LOCAL}+(?:\.{_EMAIL_LOCAL}+)*"
    r"@(?:[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?\.)+[^\W\d_]{2,63}"
    r"(?![\w-])"
)

_IBAN_RE = re.compile(
    r"(?<![^\W_])[A-Za-z]{2}[0-9]{2}"
    r"(?:(?P<compact>[A-Za-z0-9]{11,30})|(?P<groups>(?: [A-Za-z0-9]{1,4}){3,8}))"
    r"(?![^\W_])"
)
_IBAN_GROUP_RE = re.compile(r" [A-Za-z0-9]{1,4}")
_IBAN_MIN_LENGTH = 15  # Norway; the shortest IBAN in use

_BSN_RE = re.compile(
    r"(?<![^\W_])(?<![0-9][.,:/-])"
    r"(?:(?P<plain>[0-9]{9})"
    r"|[0-9]{3}(?P<sep3>[. -])[0-9]{3}(?P=sep3)[0-9]{3}"
    r"|[0-9]{4}(?P<sep4>[. ])[0-9]{2}(?P=sep4)[0-9]{3})"
    r"(?![^\W_])(?![.,:/-][0-9])"
)
_CURRENCY_BEFORE_RE = re.compile(r"(?:[€$£]|\beur(?:o|os)?)\s*$", re.IGNORECASE)
_CURRENCY_AFTER_RE = re.compile(r"^(?:\s*(?:[€$£]|eur(?:o|os)?\b)|,[0-9-])", re.IGNORECASE)
# "+31 612345678", "0031 612345678", "+31 (0)612345678": a mobile number, not a BSN.
_DIAL_PREFIX_RE = re.compile(r"(?:(?:\+|\b00)[0-9]{1,3}[ .-]?(?:\(0\)[ ]?)?|\(0\)[ ]?)$")
_CONTEXT = 12

_NL_COUNTRY_CODE = 31
_NL_SUBSCRIBER_LENGTH = 9  # national significant number of Dutch fixed and mobile lines
_SERVICE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
    }
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Redaction:
    """Text with personal data replaced, and the kinds that were found."""

    text: str
    found: tuple[str, ...]


def redact(text: str) -> Redaction:
    """Replace BSNs, e-mail addresses, IBANs and phone numbers by placeholders."""
    stages: tuple[tuple[str, Callable[[str], Iterator[Span]]], ...] = (
        (EMAIL, _find_emails),
        (IBAN_KIND, _find_ibans),
        (BSN, _find_bsns),
        (PHONE, _find_phones),
    )
    # (start, kind) of every placeholder inserted so far, in current-text positions.
    marks: list[tuple[int, str]] = []
    # A replacement can change what is next to it: in "06-12345678 000 000 012" the BSN
    # looks like the tail of a run of digit groups until the phone number is gone. Every
    # pass that finds something removes digits or an "@", so the loop ends.
    changed = True
    while changed:
        changed = False
        for kind, finder in stages:
            view, index = _view(text)
            spans = [(index[start], index[end - 1] + 1) for start, end in finder(view) if end > start]
            if spans:
                text, marks = _replace(text, spans, kind, marks)
                changed = True
    found: list[str] = []
    for _, kind in sorted(marks):
        if kind not in found:
            found.append(kind)
    return Redaction(text=text, found=tuple(found))


def _view(text: str) -> tuple[str, list[int]]:
    """The text without invisible characters, and the original index of each kept character."""
    chars: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        chars.append(_SPACES.get(char, char))
        index.append(position)
    return "".join(chars), index


def _replace(
    text: str, spans: list[Span], kind: str, marks: list[tuple[int, str]]
) -> tuple[str, list[tuple[int, str]]]:
    """Replace non-overlapping spans by the kind's placeholder and shift the earlier marks."""
    placeholder = PLACEHOLDERS[kind]
    pieces: list[str] = []
    new_marks: list[tuple[int, str]] = []
    # (original position, shift) pairs: positions at or after `position` move by `shift`.
    shifts: list[tuple[int, int]] = []
    cursor = 0
    shift = 0
    for start, end in sorted(spans):
        if start < cursor:  # overlapping spans cannot come from one finder, but stay safe
            continue
        pieces.append(text[cursor:start])
        new_marks.append((start + shift, kind))
        pieces.append(placeholder)
        shift += len(placeholder) - (end - start)
        shifts.append((end, shift))
        cursor = end
    pieces.append(text[cursor:])
    for position, old_kind in marks:
        moved = position
        for boundary, total in shifts:
            if position >= boundary:
                moved = position + total
        new_marks.append((moved, old_kind))
    return "".join(pieces), new_marks


def _find_emails(view: str) -> Iterator[Span]:
    if "@" not in view:
        return
    for match in _EMAIL_RE.finditer(view):
        yield match.span()


def _find_ibans(view: str) -> Iterator[Span]:
    for match in _IBAN_RE.finditer(view):
        start = match.start()
        if match.group("compact") is not None:
            if _is_iban(match.group()):
                yield match.span()
            continue
        # Grouped notation: the last groups may be ordinary words ("... 00 voor"), so try shorter.
        ends = [group.end() for group in _IBAN_GROUP_RE.finditer(view, match.start("groups"), match.end())]
        for end in reversed(ends):
            candidate = view[start:end]
            if len(candidate.replace(" ", "")) < _IBAN_MIN_LENGTH:
                break
            if _is_iban(candidate):
                yield start, end
                break


def _is_iban(candidate: str) -> bool:
    try:
        IBAN(candidate)
    except ValueError:  # schwifty's exceptions derive from ValueError
        return False
    return True


def _find_bsns(view: str) -> Iterator[Span]:
    for match in _BSN_RE.finditer(view):
        start, end = match.span()
        digits = re.sub(r"[^0-9]", "", match.group())
        if not bsn.is_valid(digits):
            continue
        before = view[max(0, start - _CONTEXT) : start]
        after = view[end : end + _CONTEXT]
        if _CURRENCY_BEFORE_RE.search(before) or _CURRENCY_AFTER_RE.search(after):
            continue  # an amount such as "€ 123.456.782"
        if _DIAL_PREFIX_RE.search(before):
            continue  # the subscriber part of a phone number
        spaced = match.group("plain") is None and " " in match.group()
        if spaced and (re.search(r"[0-9] $", before) or re.match(r" [0-9]", after)):
            continue  # part of a longer run of digit groups
        yield start, end


def _find_phones(view: str) -> Iterator[Span]:
    # VALID: the number must be valid for its region and carry its national prefix ("0"),
    # which keeps bare digit runs (case numbers, dates, amounts) out; the stricter grouping
    # levels would miss common Dutch notations such as "06 1234 5678".
    matcher = phonenumbers.PhoneNumberMatcher(view, "NL", leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        if _is_service_number(match.number):
            continue
        yield match.start, match.end


def _is_service_number(number: phonenumbers.PhoneNumber) -> bool:
    """Dutch numbers of organisations, not persons: 0800/0900/0906/0909 and 14xxx municipal numbers.

    Leaving them alone also keeps dates such as "09-06-2024" (read as 0906-2024) intact.
    """
    if number.country_code != _NL_COUNTRY_CODE:
        return False
    if phonenumbers.number_type(number) in _SERVICE_TYPES:
        return True
    return len(phonenumbers.national_significant_number(number)) < _NL_SUBSCRIBER_LENGTH
