"""Questions of two organisations taken up together: brokers link them, each asker is asked in
their own chat whether their contact may be shared, and only two yeses introduce them.

The contact is what the asker types after "Ja, deel mijn contact" (the intake has no contact
field, and a chat id is no way for a person to reach someone). It is kept, unredacted because it
is given to be passed on, only until the link closes: it goes out in the introduction, and a
"Nee" from either side clears both. Each outcome is an event in the history of both drafts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from bot import texts
from bot.overlap import Overlap, OverlapIndex
from knowledge import catalog, intakes, notices, overlaps
from knowledge.errors import NotFoundError
from knowledge.overlaps import LinkError, OverlapLink
from knowledge.records import Conversation, SubmittedDraft
from knowledge.review import Broker, ReviewError

log = logging.getLogger(__name__)
nl = texts.nl
ASK_KIND = "overlap_ask"  # a notice "overlap_ask:<link id>" carries the two buttons
MAX_CONTACT = 300


@dataclass(frozen=True)
class AnswerOutcome:
    """What the asker who answered reads now; the other hears by a notice."""

    text: str
    state: str  # waiting | introduced | declined | closed


def ask_kind(link_id: int) -> str:
    return f"{ASK_KIND}:{link_id}"


def link_of_kind(kind: str) -> int | None:
    """The link id of an "overlap_ask:<id>" notice; None for any other kind."""
    prefix, _, value = kind.partition(":")
    return int(value) if prefix == ASK_KIND and value.isdigit() else None


def in_sentence(db: Database, organisation: str) -> str:
    """An organisation as it reads mid-sentence ("de RDW", "het Kadaster"), or its name."""
    wanted = organisation.strip().casefold()
    for org in catalog.organisations(db).values():
        if wanted in {org.name.casefold(), org.short_name.casefold(), *(a.casefold() for a in org.aliases)}:
            return org.in_sentence()
    return organisation


class OverlapLinks:
    """The linking and consent steps; the workflow holds one and lends it its lock and clock."""

    def __init__(self, db: Database, index: OverlapIndex | None, clock: Callable[[], str]) -> None:
        self.db = db
        self.index = index
        self.clock = clock

    def update(self, draft_id: str) -> None:
        """Bring one draft's place in the overlap index up to date; never fails the step."""
        if self.index is None:
            return
        try:
            self.index.update(intakes.get_draft(self.db, draft_id))
        except Exception:  # the draft is stored; the index is a cache that catches up at start
            log.exception("Could not update the overlap index for %s", draft_id)

    def overlaps_of(self, draft_id: str) -> list[Overlap]:
        if self.index is None:
            return []
        return self.index.overlaps_of(draft_id)

    def link(self, broker: Broker, draft_id: str, other_id: str) -> OverlapLink:
        """Link two drafts and ask both askers; refused (ReviewError) when it cannot be."""
        try:
            first, second = intakes.get_draft(self.db, draft_id), intakes.get_draft(self.db, other_id)
        except NotFoundError as error:
            raise ReviewError(nl.OVERLAP_UNKNOWN) from error
        if broker.region not in (first.region, second.region):
            raise ReviewError(nl.OVERLAP_NOT_OWN_REGION)
        for d in (first, second):
            if d.state in ("rejected", "withdrawn"):
                raise ReviewError(nl.OVERLAP_CLOSED.format(id=d.id, state=nl.STATE_LABELS.get(d.state, d.state)))
            if not d.channel or not d.user_ref:
                raise ReviewError(nl.OVERLAP_UNREACHABLE.format(id=d.id))
        found = {o.id: o for o in self.overlaps_of(first.id)}.get(second.id)
        try:
            link = overlaps.link_drafts(
                self.db,
                first.id,
                second.id,
                actor=broker.actor,
                score=found.score if found else 0.0,
                why=list(found.why) if found else [],
                comments=(
                    nl.OVERLAP_EVENT_LINKED.format(id=second.id, organisation=second.organisation),
                    nl.OVERLAP_EVENT_LINKED.format(id=first.id, organisation=first.organisation),
                ),
                now=self.clock(),
            )
        except LinkError as error:
            raise ReviewError(str(error)) from error
        for own, other in ((first, second), (second, first)):
            t = texts.for_language(own.language)
            self._tell(
                own,
                ask_kind(link.id),
                t.OVERLAP_ASK.format(
                    id=own.id,
                    title=own.title,
                    organisation=in_sentence(self.db, other.organisation),
                    other_title=other.title,
                ),
            )
        log.info("Drafts %s and %s linked by broker %s", first.id, second.id, broker.id)
        return link

    def answer(self, conversation: Conversation, link_id: int, contact: str | None) -> AnswerOutcome:
        """An asker's answer: `contact` is what they want passed on, None for "Nee"."""
        t = texts.for_language(conversation.language)
        try:
            link = overlaps.get_link(self.db, link_id)
        except NotFoundError:
            return AnswerOutcome(t.OVERLAP_ANSWER_CLOSED, "closed")
        drafts = {d: intakes.get_draft(self.db, d) for d in (link.draft_a, link.draft_b)}
        own_ids = [
            i for i, d in drafts.items() if (d.channel, d.user_ref) == (conversation.channel, conversation.user_ref)
        ]
        if not own_ids:
            return AnswerOutcome(t.OVERLAP_ANSWER_CLOSED, "closed")
        own, other = drafts[own_ids[0]], drafts[link.other(own_ids[0])]
        t = texts.for_language(own.language)
        agreed = contact is not None
        comment = (nl.OVERLAP_EVENT_YES if agreed else nl.OVERLAP_EVENT_NO).format(id=other.id)
        try:
            link = overlaps.record_answer(self.db, link_id, own.id, agreed, contact, comment, self.clock())
        except LinkError:
            return AnswerOutcome(t.OVERLAP_ANSWER_CLOSED, "closed")
        pair = {"first": link.draft_a, "second": link.draft_b}
        other_t = texts.for_language(other.language)
        if link.state == overlaps.DECLINED:
            overlaps.note_both(self.db, link, nl.OVERLAP_EVENT_DECLINED.format(**pair), self.clock())
            overlaps.clear_contacts(self.db, link.id)
            self._tell(
                other,
                "overlap_declined",
                other_t.OVERLAP_DECLINED_OTHER.format(id=other.id, organisation=in_sentence(self.db, own.organisation)),
            )
            return AnswerOutcome(t.OVERLAP_DECLINED_YOU.format(id=own.id), "declined")
        if link.state == overlaps.INTRODUCED:
            contacts = {link.draft_a: link.contact_a or "", link.draft_b: link.contact_b or ""}
            overlaps.note_both(self.db, link, nl.OVERLAP_EVENT_INTRODUCED.format(**pair), self.clock())
            overlaps.clear_contacts(self.db, link.id)
            self._tell(
                other,
                "overlap_introduced",
                other_t.OVERLAP_INTRODUCTION.format(
                    organisation=in_sentence(self.db, own.organisation),
                    other_title=own.title,
                    other_id=own.id,
                    contact=contacts[own.id],
                ),
            )
            return AnswerOutcome(
                t.OVERLAP_INTRODUCTION.format(
                    organisation=in_sentence(self.db, other.organisation),
                    other_title=other.title,
                    other_id=other.id,
                    contact=contacts[other.id],
                ),
                "introduced",
            )
        return AnswerOutcome(t.OVERLAP_WAITING.format(organisation=in_sentence(self.db, other.organisation)), "waiting")

    def _tell(self, draft: SubmittedDraft, kind: str, text: str) -> None:
        if draft.channel and draft.user_ref:
            notices.add_notice(
                self.db,
                channel=draft.channel,
                user_ref=draft.user_ref,
                draft_id=draft.id,
                kind=kind,
                text=text,
                now=self.clock(),
            )
