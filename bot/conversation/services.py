"""What the dialog needs from outside: knowledge, matching, the record of drafts, and the
Dutch analysis; and finding the organisation a person names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from bot.conversation.language import clean_answer
from bot.drafting import Draft
from bot.drafting.drafter import Drafter
from bot.drafting.records import OrganisationName
from bot.matching import Matching
from bot.workflow.overlap_links import AnswerOutcome
from knowledge.records import Conversation, Organisation, SubmittedDraft

# How a name is written around it: "de Belastingdienst", "het ministerie van IenW".
_ARTICLE = re.compile(r"^(?:de|het|the)\s+")
_MINISTRY = re.compile(r"^(?:het\s+|the\s+)?(?:ministerie|min\.?|ministry)\s+(?:van|of)\s+(?:de\s+|het\s+|the\s+)?")


def _ministry_part(query: str) -> str | None:
    """What follows "ministerie van" ("ienw" of "het ministerie van ienw"), or None."""
    rest = _MINISTRY.sub("", query, count=1)
    return rest if rest != query else None


@dataclass
class DialogServices:
    """What the dialog needs from outside: knowledge, matching, and the record of drafts."""

    organisations: Sequence[Organisation]
    matcher: Matching
    submit: Callable[[Conversation, Draft, dict[str, Any]], SubmittedDraft]
    drafts_of: Callable[[str, str], list[SubmittedDraft]]
    forget: Callable[[str, str], int]
    resubmit: Callable[[Conversation, str, str], bool]
    # An asker's answer to "may your contact be shared?": (link id, the contact or None for "Nee").
    answer_overlap: Callable[[Conversation, int, str | None], AnswerOutcome] | None = None
    drafter: Drafter | None = None  # the Dutch analysis and the drafter; the shared Frog when None
    _choices: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for org in self.organisations:
            for name in (org.name, org.short_name, *org.aliases):
                if name:
                    self._choices.setdefault(name.lower(), org.id)
        self._by_id = {o.id: o for o in self.organisations}
        ministries = {o.id for o in self.organisations if o.name.lower().startswith("ministerie")}
        self._ministry_names = [name for name, org_id in self._choices.items() if org_id in ministries]
        if self.drafter is None:
            from bot.frog import shared_frog

            self.drafter = Drafter(shared_frog())
        # Names Frog may take for people but that must stay: the organisations themselves.
        self.kept_names = frozenset(
            name for o in self.organisations for name in (o.name, o.short_name, *o.aliases) if name
        )

    def organisation_name(self, organisation_id: str | None, typed: str) -> OrganisationName:
        """How the organisation reads in the draft's sentences."""
        org = self._by_id.get(organisation_id or "")
        if org is None:
            return OrganisationName.plain(typed)
        return OrganisationName.of(org)

    def exact_organisation(self, text: str) -> Organisation | None:
        """The known organisation whose name, short name or alias is exactly what was typed
        (case, surrounding spaces and a leading article aside), or a ministry named by its short
        name or alias ("ministerie van IenW"): taken without asking."""
        query = " ".join(text.split()).lower()
        for name in (query, _ARTICLE.sub("", query, count=1)):
            if name in self._choices:
                return self._by_id[self._choices[name]]
        rest = _ministry_part(query)
        if rest in self._ministry_names:
            return self._by_id[self._choices[rest]]
        return None

    def find_organisation(self, text: str) -> Organisation | None:
        """The known organisation the user most likely meant, if any is close enough."""
        query = clean_answer(text).lower()
        if not query:
            return None
        exact = self.exact_organisation(query)
        if exact is not None:
            return exact
        rest = _ministry_part(query)
        if rest and len(rest.split()) <= 3:
            # "ministerie van infrastructuur": the rest against the ministries only, since
            # "ministerie van" alone makes every ministry look alike.
            best = process.extractOne(rest, self._ministry_names, scorer=fuzz.WRatio, score_cutoff=86)
            return self._by_id[self._choices[best[0]]] if best else None
        if len(query.split()) > 3:  # a sentence: look for a known name inside it
            named = [c for c in self._choices if len(c) >= 3 and re.search(rf"(?<!\w){re.escape(c)}(?!\w)", query)]
            if named:
                return self._by_id[self._choices[max(named, key=len)]]
            return None
        best = process.extractOne(query, list(self._choices), scorer=fuzz.WRatio, score_cutoff=86)
        return self._by_id[self._choices[best[0]]] if best else None
