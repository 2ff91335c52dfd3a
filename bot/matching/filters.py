"""The filters of a match question: region is a preference, form and level filter groups."""

from __future__ import annotations

from collections.abc import Mapping

from bot import texts
from knowledge.errors import VraagwijzerError
from knowledge.records import Group, Institution
from knowledge.vocabulary import FORMS, LEVELS, REGIONS


class MatchInputError(VraagwijzerError):
    """The question or a filter given to matching is not usable."""


def check_filters(region: str | None, form: str | None, level: str | None) -> None:
    for value, allowed, what in ((region, REGIONS, "regio"), (form, FORMS, "vorm"), (level, LEVELS, "niveau")):
        if value is not None and value not in allowed:
            raise MatchInputError(texts.nl.UNKNOWN_VALUE.format(what=what, value=value, allowed=", ".join(allowed)))


def eligible(group: Group, institutions: Mapping[str, Institution], form: str | None, level: str | None) -> bool:
    """Whether a group offers the form and belongs to an institution of the level ("beide": either)."""
    if form and form not in group.forms:
        return False
    if level and level != "beide":
        institution = institutions.get(group.institution_id)
        return institution is not None and institution.type == level
    return True


class Everything:
    """A set that contains every group: no filter given."""

    def __contains__(self, item: object) -> bool:
        return True
