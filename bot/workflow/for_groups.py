"""What a research group reads of a suggestion (its page and its mails): no internal numbers
such as a group's capacity left, no redaction placeholders, and a salutation a person would write."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot import texts
from bot.conversation.names import PLACEHOLDER as NAME_PLACEHOLDER
from bot.conversation.redaction import PLACEHOLDERS

nl = texts.nl
OMITTED = "(weggelaten)"
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in (*PLACEHOLDERS.values(), NAME_PLACEHOLDER)))


def _pattern(wording: str) -> re.Pattern[str]:
    return re.compile(re.escape(wording).replace(re.escape("{capacity}"), r"\d+") + "$")


# Why a group is suggested, as the matcher words it: the capacity reasons are for brokers only.
_INTERNAL = [
    _pattern(wording).match
    for t in texts.LANGUAGES.values()
    for wording in (t.REASON_CAPACITY, t.REASON_CAPACITY_ONE, t.REASON_NO_CAPACITY)
]


def readable(text: str) -> str:
    """`text` with each redaction placeholder ("[e-mailadres]", "[naam]") as "(weggelaten)"."""
    return _PLACEHOLDER.sub(OMITTED, text)


def reasons(why: Iterable[str]) -> list[str]:
    """The reasons a group is suggested, without the internal ones (its capacity left)."""
    return [readable(reason) for reason in why if not any(internal(reason) for internal in _INTERNAL)]


# A person's name as people type it in the contact field ("Anna de Vries", "dr. J. Jansen"); not an
# address, a phone number or a word such as "bureau" or "secretariaat".
_PERSON = re.compile(r"(?:[a-z]{1,4}\.\s*)*[A-ZÀ-Ý][^\d@,;:()\[\]]{1,60}")


def salutation(group: str, contact: str | None = None) -> str:
    """ "Beste Anna de Vries," when a contact person is known (a name, not an address), else
    "Beste collega's van <groep>,"."""
    name = (contact or "").strip()
    if _PERSON.fullmatch(name) and not _PLACEHOLDER.search(name):
        return nl.SALUTATION_PERSON.format(name=name)
    return nl.SALUTATION_GROUP.format(group=group)
