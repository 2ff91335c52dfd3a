"""The workflow of a submitted draft, from submission to outcome: one place used by the chat
(submit, answer the brokers), the pages (review, suggestions, answers), the scheduler and the CLI.

Every step takes the database lock, stores its event through `knowledge`, and tells whoever
must hear it: the civil servant by a notice in their channel, the region's brokers in a chat
or by e-mail, research groups by e-mail. Rules of the review itself live in `knowledge.review`
and `knowledge.suggestions`; this module decides who hears what. No HTTP here.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from bot import texts
from bot.analysis import AnalysisError
from bot.drafting import Draft
from bot.drafting.drafter import Drafter
from bot.drafting.records import group_records, similar_records
from bot.frog import shared_frog
from bot.matching import Matching, match_intake
from bot.overlap import OverlapIndex
from bot.workflow import for_groups
from bot.workflow.mail import Mailer
from bot.workflow.notices import ChatReach, chat_address, notify_change
from bot.workflow.overlap_links import AnswerOutcome, OverlapLinks
from knowledge import catalog, intakes, notices, review, suggestions
from knowledge import catalogue as public_catalogue
from knowledge.errors import NotFoundError
from knowledge.records import Conversation, SubmittedDraft
from knowledge.review import Broker, ReviewError

log = logging.getLogger(__name__)
nl = texts.nl  # brokers and research groups work in Dutch


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Workflow:
    """One per process. `channels` (the running chat channels, in order of preference) is set
    by the service once they exist; without them brokers are told by e-mail."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], str] = utc_now,
        lock: threading.RLock | None = None,
        mailer: Mailer | None = None,
        base_url: str = "",
        secret: bytes | None = None,
        matcher: Matching | None = None,
        reindex: Callable[[], object] | None = None,
        recheck: Callable[[Draft, list[str]], Draft] | None = None,
        overlaps: OverlapIndex | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        # One SQLite connection, one writer at a time: the chat turns and the pages share it.
        self.lock = lock or threading.RLock()
        self.mailer = mailer
        self.base_url = base_url
        # Signs the links in suggestion mails; the service passes the one kept in the data folder.
        self.secret = secret or secrets.token_bytes(32)
        self.matcher = matcher
        self.reindex = reindex or (lambda: None)
        # The quality checks again on edited wording (a fresh Dutch analysis).
        self.recheck = recheck or _recheck
        self.channels: Sequence[ChatReach] = ()
        # Told the id of every draft whose public view may have changed (the catalogue's index).
        self.listeners: list[Callable[[str], object]] = []
        # Open and recent questions, to find alike ones of other organisations (bot.overlap).
        index = overlaps if overlaps is not None else _overlap_index(db, matcher, clock)
        self.overlaps = OverlapLinks(db, index, clock)
        self.listeners.append(self.overlaps.update)

    # -- from the chat -------------------------------------------------------------------
    def submit(self, conversation: Conversation, draft: Draft, answers: dict[str, Any]) -> SubmittedDraft:
        """Store the civil servant's draft and tell their region's brokers."""
        now = self.clock()
        with self.lock:
            submitted = SubmittedDraft(
                id=intakes.new_draft_id(self.db, int(now[:4])),
                channel=conversation.channel,
                user_ref=conversation.user_ref,
                language=conversation.language,
                state="submitted",
                organisation=draft.organisation,
                region=draft.region or "",
                title=draft.title,
                intake=answers,
                draft=draft.as_json(),
                created_at=now,
                updated_at=now,
            )
            intakes.submit_draft(self.db, submitted)
            log.info("Draft %s submitted for region %s", submitted.id, submitted.region)
            self._tell_brokers(submitted.id)
            self.overlaps.update(submitted.id)
        return submitted

    def resubmit(self, conversation: Conversation, draft_id: str, answer: str) -> bool:
        """The civil servant answers the brokers' question: the answer (redacted) is added to
        the draft and it goes back to the queue. Only the submitter's own drafts."""
        with self.lock:
            try:
                draft = intakes.get_draft(self.db, draft_id)
            except NotFoundError:
                return False
            if (draft.channel, draft.user_ref) != (conversation.channel, conversation.user_ref):
                return False
            if draft.state != "changes_requested":
                return False
            t = texts.for_language(draft.language)
            background = f"{draft.draft.get('background', '')}\n\n{t.ANSWER_HEADING}: {answer}"
            review.resubmit(self.db, draft_id, {**draft.draft, "background": background}, answer, self.clock())
            self._tell_brokers(draft_id)
            self.overlaps.update(draft_id)
        return True

    def tell_brokers(self, draft_id: str) -> int:
        """Tell the duo of the draft's region that a draft waits for them: in a chat when they
        can be reached there, otherwise by e-mail. Returns how many brokers were told."""
        with self.lock:
            draft = intakes.get_draft(self.db, draft_id)
            text = nl.BROKER_NEW_DRAFT.format(
                id=draft.id,
                organisation=draft.organisation,
                title=draft.title,
                question=draft.draft.get("main_question", ""),
                link=self.draft_link(draft.id),
            )
            subject = nl.BROKER_NEW_DRAFT_SUBJECT.format(id=draft.id, organisation=draft.organisation)
            told = 0
            for broker in self._brokers_of(draft.region):
                address = chat_address(self.db, broker, self.channels)
                if address:
                    notices.add_notice(
                        self.db,
                        channel=address[0],
                        user_ref=address[1],
                        draft_id=draft.id,
                        kind="broker_new",
                        text=text,
                        now=self.clock(),
                    )
                else:
                    self._mail(broker.email, subject, text)
                told += 1
        if not told:
            log.warning("No brokers in region %s to tell about draft %s", draft.region, draft.id)
        return told

    def _tell_brokers(self, draft_id: str) -> None:
        try:
            self.tell_brokers(draft_id)
        except Exception:  # the draft is stored; a failed notification must not lose the turn
            log.exception("Could not notify the brokers about draft %s", draft_id)

    # -- review by the region's duo -----------------------------------------------------------
    def approve(self, broker: Broker, draft_id: str) -> None:
        self._told(draft_id, lambda: review.approve(self.db, draft_id, broker, self.clock()))

    def request_changes(self, broker: Broker, draft_id: str, question: str) -> None:
        self._told(draft_id, lambda: review.request_changes(self.db, draft_id, broker, question, self.clock()))

    def reject(self, broker: Broker, draft_id: str, reason: str, text: str) -> None:
        self._told(draft_id, lambda: review.reject(self.db, draft_id, broker, reason, text, self.clock()))

    def take_over(self, broker: Broker, draft_id: str) -> None:
        with self.lock:
            review.take_over(self.db, draft_id, broker, self.clock())

    def edit(self, broker: Broker, draft_id: str, changes: dict[str, Any]) -> SubmittedDraft:
        """Store a broker's edit, then run the quality checks again on the new wording."""
        with self.lock:
            edited = review.edit_draft(self.db, draft_id, broker, changes, self.clock())
            try:
                checked = self.recheck(Draft.from_json(edited.draft), [edited.organisation])
            except AnalysisError:  # the edit is stored; stale checks are better than a lost edit
                log.exception("Could not re-check draft %s after an edit", edited.id)
            else:
                intakes.set_quality(self.db, edited.id, [q.__dict__ for q in checked.quality])
            self._changed(edited.id)
            return edited

    def use_wording(self, broker: Broker, draft_id: str, version: str) -> SubmittedDraft:
        """Switch a draft worded by the language model to its rule-based wording ("rules") or
        back ("model"); an audit entry says which, and each changed field is an edit."""
        from bot.wording.versions import switched
        from knowledge import wording

        with self.lock:
            draft = intakes.get_draft(self.db, draft_id)
            if draft.state in review.CLOSED:
                raise ReviewError(nl.WORDING_CLOSED.format(state=draft.state))
            try:
                fields, record = switched(draft.draft, version)
            except ValueError as error:
                unknown = str(error) == "unknown version"
                raise ReviewError(nl.WORDING_UNKNOWN_VERSION if unknown else nl.WORDING_NO_MODEL_VERSION) from None
            return wording.set_wording(self.db, draft_id, broker, fields, record, self.clock())

    def rematch(self, broker: Broker, draft_id: str) -> None:
        """Search groups and similar work again, for knowledge that grew since submission."""
        if self.matcher is None:
            raise ReviewError(nl.REMATCH_UNAVAILABLE)
        with self.lock:
            draft = intakes.get_draft(self.db, draft_id)
            answers = {**draft.intake, "region": draft.region}
            result = match_intake(self.matcher, answers, fallback=draft.draft.get("background", ""))
            if result is None:
                raise ReviewError(nl.EMPTY_QUERY)
            review.set_suggestions(
                self.db,
                draft_id,
                broker,
                groups=group_records(result),
                similar=similar_records(result, nl.SIMILAR_WHY),
                reason=nl.REMATCH_REASON,
                now=self.clock(),
            )

    def add_group(self, broker: Broker, draft_id: str, group_id: str) -> None:
        with self.lock:
            group = catalog.groups(self.db).get(group_id)
            if group is None:
                raise ReviewError(nl.GROUP_UNKNOWN)
            draft = intakes.get_draft(self.db, draft_id)
            current = [g for g in draft.draft.get("suggested_groups", []) if g["id"] != group.id]
            institution = catalog.institutions(self.db).get(group.institution_id)
            entry = {
                "id": group.id,
                "name": group.name,
                "institution": institution.name if institution else "",
                "region": institution.region if institution else "",
                "score": None,
                "why": [nl.GROUP_ADDED_BY.format(name=broker.name)],
            }
            review.set_suggestions(
                self.db,
                draft_id,
                broker,
                groups=[*current, entry],
                similar=None,
                reason=nl.GROUP_ADDED,
                now=self.clock(),
            )

    def remove_group(self, broker: Broker, draft_id: str, group_id: str) -> None:
        with self.lock:
            suggested = intakes.get_draft(self.db, draft_id).draft.get("suggested_groups", [])
            kept = [g for g in suggested if g["id"] != group_id]
            if len(kept) == len(suggested):
                raise ReviewError(nl.GROUP_NOT_SUGGESTED)
            review.set_suggestions(
                self.db, draft_id, broker, groups=kept, similar=None, reason=nl.GROUP_REMOVED, now=self.clock()
            )

    # -- research groups ----------------------------------------------------------------------
    def suggest(self, broker: Broker, draft_id: str, group_ids: list[str]) -> None:
        """Send the approved draft to the chosen groups, each with its own answer link."""
        with self.lock:
            groups = catalog.groups(self.db)
            without_address = [groups[g].name for g in group_ids if g in groups and not groups[g].contact_email]
            if without_address:  # checked before anything is sent: all or nothing
                raise ReviewError(nl.GROUPS_WITHOUT_ADDRESS.format(names=", ".join(without_address)))
            sent = suggestions.send_suggestions(self.db, draft_id, broker, group_ids, self.clock(), self.secret)
            draft = intakes.get_draft(self.db, draft_id)
            for suggestion, token in sent:
                group = groups[suggestion.group_id]
                self._mail(
                    group.contact_email,
                    nl.SUGGESTION_SUBJECT.format(title=for_groups.readable(draft.title)),
                    nl.SUGGESTION_MAIL.format(
                        salutation=for_groups.salutation(group.name),
                        title=for_groups.readable(draft.title),
                        question=for_groups.readable(draft.draft["main_question"]),
                        organisation=draft.organisation,
                        form=draft.draft.get("form") or "-",
                        level=draft.draft.get("level") or "-",
                        timeline=draft.intake.get("timeline", "-"),
                        why="; ".join(for_groups.reasons(suggestion.why)) or "-",
                        link=self.suggestion_link(token),
                    ),
                )
            notify_change(self.db, draft_id, self.clock())
            self._changed(draft_id)

    def answer(self, token: str, kind: str, fields: dict[str, str]) -> suggestions.Suggestion:
        """A group answers a suggestion (interested, accepted, declined, a question); the
        region's brokers hear it by e-mail."""
        with self.lock:
            found = suggestions.answer(self.db, token, kind, fields, self.clock())
            draft = intakes.get_draft(self.db, found.draft_id)
            group = catalog.get_group(self.db, found.group_id)
            self._mail_region(
                draft.region,
                nl.ANSWER_SUBJECT.format(id=draft.id),
                nl.ANSWER_MAIL.format(
                    group=group.name,
                    state=nl.SUGGESTION_STATE_LABELS.get(found.state, found.state),
                    id=draft.id,
                    details=_answer_details(found),
                    link=self.draft_link(draft.id),
                ),
            )
            return found

    def confirm_match(self, broker: Broker, draft_id: str, suggestion_id: str) -> None:
        """The duo picks the group that does it; the other interested groups are thanked."""
        with self.lock:
            suggestions.confirm_match(self.db, draft_id, broker, suggestion_id, self.clock())
            groups = catalog.groups(self.db)
            draft = intakes.get_draft(self.db, draft_id)
            for other in suggestions.suggestions_of(self.db, draft_id):
                if other.state == "thanked" and groups[other.group_id].contact_email:
                    self._mail(
                        groups[other.group_id].contact_email,
                        nl.THANKS_SUBJECT.format(title=for_groups.readable(draft.title)),
                        nl.THANKS_MAIL.format(
                            salutation=for_groups.salutation(groups[other.group_id].name, other.contact_name),
                            group=groups[other.group_id].name,
                            title=for_groups.readable(draft.title),
                        ),
                    )
            notify_change(self.db, draft_id, self.clock())
            self._changed(draft_id)

    def complete(self, broker: Broker, draft_id: str, summary: str, link: str, day: str) -> None:
        """The brokers record the outcome: the draft is completed and the knowledge grows."""
        self._outcome(draft_id, broker.actor, summary, link, day)

    def report_outcome(self, suggestion: suggestions.Suggestion, summary: str, link: str, day: str) -> None:
        """The group that does the assignment reports its result itself."""
        if suggestion.state != "accepted":
            raise ReviewError(nl.OUTCOME_ONLY_BY_GROUP)
        self._outcome(suggestion.draft_id, f"groep:{suggestion.group_id}", summary, link, day)

    def _outcome(self, draft_id: str, actor: str, summary: str, link: str, day: str) -> None:
        with self.lock:
            suggestions.record_outcome(self.db, draft_id, actor, summary, link, day, self.clock())
            notify_change(self.db, draft_id, self.clock())
            self._changed(draft_id)
            try:
                self.reindex()  # the finished assignment is found for the next question
            except Exception:  # stored and told; the index catches up at the next start
                log.exception("Could not bring the indexes up to date after the outcome of %s", draft_id)

    # -- with time -----------------------------------------------------------------------------
    def due_work(self) -> tuple[int, int]:
        """Reminders that are due and suggestions that waited too long; (reminded, closed). The
        due times follow from what is stored, so a restart loses nothing."""
        if self.mailer is not None:
            self.mailer.retry_pending()
        now = self.clock()
        with self.lock:
            reminded = 0
            for suggestion in suggestions.due_reminders(self.db, now):
                group = catalog.get_group(self.db, suggestion.group_id)
                draft = intakes.get_draft(self.db, suggestion.draft_id)
                if group.contact_email:
                    self._mail(
                        group.contact_email,
                        nl.REMINDER_SUBJECT.format(title=for_groups.readable(draft.title)),
                        nl.REMINDER_MAIL.format(
                            salutation=for_groups.salutation(group.name, suggestion.contact_name),
                            title=for_groups.readable(draft.title),
                            link=self.suggestion_link(suggestions.link_token(self.secret, suggestion.id)),
                        ),
                    )
                suggestions.mark_reminded(self.db, suggestion.id, now)
                reminded += 1
            closed = suggestions.close_overdue(self.db, now)
            for suggestion in closed:
                draft = intakes.get_draft(self.db, suggestion.draft_id)
                group = catalog.get_group(self.db, suggestion.group_id)
                self._mail_region(
                    draft.region,
                    nl.NO_ANSWER_SUBJECT.format(id=draft.id),
                    nl.NO_ANSWER_MAIL.format(group=group.name, id=draft.id, link=self.draft_link(draft.id)),
                )
        if reminded or closed:
            log.info("Reminders sent: %d; suggestions closed without answer: %d", reminded, len(closed))
        return reminded, len(closed)

    # -- overlap across organisations -------------------------------------------------------
    def link_overlap(self, broker: Broker, draft_id: str, other_id: str) -> None:
        """Brokers take two alike questions of different organisations up together: both askers
        are asked in their chat whether their contact may be shared (bot.workflow.overlap_links)."""
        with self.lock:
            self.overlaps.link(broker, draft_id, other_id)

    def answer_overlap(self, conversation: Conversation, link_id: int, contact: str | None) -> AnswerOutcome:
        """An asker's "Ja, deel mijn contact" (with the contact) or "Nee" (None)."""
        with self.lock:
            return self.overlaps.answer(conversation, link_id, contact)

    # -- pieces ----------------------------------------------------------------------------------
    def draft_link(self, draft_id: str) -> str:
        return f"{self.base_url}/drafts/{draft_id}"

    def suggestion_link(self, token: str) -> str:
        return f"{self.base_url}/s/{token}"

    def _told(self, draft_id: str, change: Callable[[], object]) -> None:
        """A review step the civil servant hears of in their channel."""
        with self.lock:
            change()
            notify_change(self.db, draft_id, self.clock())
            self._changed(draft_id)

    # -- the public catalogue (/opdrachten) --------------------------------------------------------
    def set_confidential(self, broker: Broker, draft_id: str, confidential: bool) -> None:
        """Keep a draft out of the public catalogue (or let it back in); an event in the audit log."""
        with self.lock:
            if public_catalogue.set_confidential(self.db, draft_id, broker, confidential, self.clock()):
                self._changed(draft_id)

    def catalogue_interest(
        self, draft_id: str, group_id: str | None, group_name: str, email: str, message: str
    ) -> public_catalogue.Interest:
        """A group found the question in the catalogue and is interested: a known group's interest is
        an answer the brokers confirm as any other; the region's brokers are told by e-mail."""
        with self.lock:
            before = intakes.get_draft(self.db, draft_id).state
            interest = public_catalogue.record_interest(
                self.db,
                draft_id,
                group_id=group_id,
                group_name=group_name,
                email=email,
                message=message,
                now=self.clock(),
                secret=self.secret,
            )
            draft = intakes.get_draft(self.db, draft_id)
            self._mail_region(
                draft.region,
                nl.INTEREST_SUBJECT.format(id=draft.id),
                nl.INTEREST_MAIL.format(
                    group=group_name,
                    id=draft.id,
                    title=for_groups.readable(draft.title),
                    email=email,
                    message=nl.INTEREST_MAIL_MESSAGE.format(message=message) if message else "",
                    next=nl.INTEREST_MAIL_KNOWN if group_id else nl.INTEREST_MAIL_NEW,
                    link=self.draft_link(draft.id),
                ),
            )
            if before != draft.state:  # approved -> suggested: the civil servant hears it as after `suggest`
                notify_change(self.db, draft_id, self.clock())
            self._changed(draft_id)
            return interest

    def _changed(self, draft_id: str) -> None:
        for listener in self.listeners:
            try:
                listener(draft_id)
            except Exception:  # the change is stored; the catalogue catches up at the next start
                log.exception("Could not bring the catalogue up to date for %s", draft_id)

    def _brokers_of(self, region: str) -> list[Broker]:
        return [broker for broker in review.brokers(self.db) if broker.region == region]

    def _mail_region(self, region: str, subject: str, body: str) -> int:
        brokers = self._brokers_of(region)
        for broker in brokers:
            self._mail(broker.email, subject, body)
        return len(brokers)

    def _mail(self, to: str, subject: str, body: str) -> None:
        if self.mailer is not None:
            self.mailer.send(to, subject, body)


def _answer_details(found: suggestions.Suggestion) -> str:
    """A group's answer for the brokers' mail: start and contact, or the reason, and its text."""
    details = ""
    if found.proposed_start:
        details += nl.ANSWER_MAIL_START.format(start=found.proposed_start)
    if found.contact_name:
        details += nl.ANSWER_MAIL_CONTACT.format(contact=found.contact_name)
    if found.reason:
        details += nl.ANSWER_MAIL_REASON.format(reason=nl.DECLINE_LABELS.get(found.reason, found.reason))
    if found.text:
        details += nl.ANSWER_MAIL_TEXT.format(text=found.text)
    return details


def _overlap_index(db: Database, matcher: Matching | None, clock: Callable[[], str]) -> OverlapIndex | None:
    """The overlap index over the matcher's encoder; none without a matcher that has one."""
    encoder = getattr(matcher, "encoder", None)
    if encoder is None:
        return None
    return OverlapIndex(db, encoder.name, lambda: encoder, now=clock)


def _recheck(draft: Draft, organisations: list[str]) -> Draft:
    return Drafter(shared_frog()).recheck(draft, organisations)
