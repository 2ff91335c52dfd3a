"""Microsoft Teams channel (Microsoft 365 Agents SDK): translates activities to `Incoming`
and replies to Teams messages with Adaptive Card buttons. It decides nothing about the
conversation.

`POST /api/messages` runs in the `vraagwijzer run` web service through the SDK's FastAPI
hosting (FastAPI requests are Starlette requests). Credentials come from the SDK's own
settings (`CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID`, `...CLIENTSECRET`,
`...TENANTID`); without them the endpoint is off, unless `VRAAGWIJZER_TEAMS_ANONYMOUS=1`
allows unauthenticated requests for local testing with the Agents Playground.

Every incoming activity hands the assistant its conversation reference (`Incoming.address`),
stored with the turn, so status changes and broker notices can be pushed later
(`TeamsChannel.push`).
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    ConversationReference,
    ConversationUpdateTypes,
    load_configuration_from_env,
)
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    CardFactory,
    ClaimsIdentity,
    MemoryStorage,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.authorization import AuthenticationConstants
from microsoft_agents.hosting.fastapi import CloudAdapter, jwt_authorization_decorator, start_agent_process
from microsoft_agents.hosting.msteams import TeamsAgentExtension
from sqlite_utils import Database
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot import texts
from bot.channels.base import Channel, split_message, while_typing
from bot.conversation.assistant import Assistant, notice_reply
from bot.conversation.messages import Card, Incoming, Option, Reply
from bot.workflow import NotReachable
from knowledge import notices
from knowledge.notices import Notice

log = logging.getLogger(__name__)

CHANNEL = "teams"
MESSAGES_PATH = "/api/messages"
MAX_ACTIVITY_BYTES = 256 * 1024
# Teams accepts messages up to about 28 KB including markup; stay well below it.
MAX_TEXT = 8000
# Adaptive Cards in Teams show a handful of buttons per row of actions.
BUTTONS_PER_SET = 5
CARD_KEY = "vraagwijzer"
TEXT_HTML = "text/html"  # Teams adds an HTML copy of every typed message: not an attachment


def user_ref_of(activity: Activity) -> str:
    """The stable id of the person: the Entra object id when Teams gives it, else the channel id."""
    sender = activity.from_property
    if sender is None:
        return ""
    return sender.aad_object_id or sender.id or ""


def incoming_from(activity: Activity) -> Incoming:
    """A message activity as the dialog's `Incoming`: a card button, typed text, or something
    we cannot read (a picture, a file, a sticker)."""
    user = user_ref_of(activity)
    value = activity.value if isinstance(activity.value, dict) else {}
    choice = value.get(CARD_KEY)
    if isinstance(choice, str) and choice:
        return Incoming(CHANNEL, user, choice=choice[:64])
    text = activity.text or ""
    files = [a for a in activity.attachments or [] if (a.content_type or "") != TEXT_HTML]
    if not text.strip() and files:
        return Incoming(CHANNEL, user, unsupported=True)
    return Incoming(CHANNEL, user, text=text)


def render(text: str) -> str:
    """Our replies are plain text that may contain what the user typed: escape it all and keep
    the line breaks (Teams' XML/HTML text format)."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def option_card(options: tuple[Option, ...], language: str) -> dict[str, Any]:
    """The options of a reply as an Adaptive Card of submit buttons; typing stays possible."""
    sets = action_sets(options)
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": texts.for_language(language).CHOOSE_OR_TYPE, "wrap": True, "isSubtle": True},
            *sets,
        ],
    }


def action_sets(options: tuple[Option, ...]) -> list[dict[str, Any]]:
    buttons = [{"type": "Action.Submit", "title": o.label[:80], "data": {CARD_KEY: o.key}} for o in options]
    return [
        {"type": "ActionSet", "actions": buttons[i : i + BUTTONS_PER_SET]}
        for i in range(0, len(buttons), BUTTONS_PER_SET)
    ]


def text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def draft_card(card: Card) -> dict[str, Any]:
    """A card reply (the draft) as an Adaptive Card: the title large, the main question bold
    under its label, every section under a heading (lists numbered or bulleted), and the
    card's actions (submit, edit, ...) as its buttons."""
    body: list[dict[str, Any]] = []
    if card.intro:
        body.append(text_block(card.intro, isSubtle=True))
    body += [
        text_block(card.title, size="Large", weight="Bolder"),
        text_block(card.main_label, weight="Bolder", spacing="Medium"),
        text_block(card.main_question, weight="Bolder", color="Accent"),
    ]
    for section in card.sections:
        body.append(text_block(section.heading, weight="Bolder", spacing="Medium", separator=True))
        for text in (section.note, section.text):
            if text:
                body.append(text_block(text, spacing="Small"))
        for n, item in enumerate(section.items, 1):
            mark = f"{n}." if section.numbered else "•"
            body.append(
                {
                    "type": "ColumnSet",
                    "spacing": "Small",
                    "columns": [
                        {"type": "Column", "width": "auto", "items": [text_block(mark)]},
                        {"type": "Column", "width": "stretch", "items": [text_block(item)]},
                    ],
                }
            )
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "body": [*body, *action_sets(card.actions)],
    }


def activities_for(replies: list[Reply], language: str) -> list[Activity]:
    """Replies as Teams messages: long texts split, buttons on the last part. A card reply
    (the draft) is an Adaptive Card with its actions; a later reply whose options all sit on
    that card keeps its text but not the same buttons twice."""
    activities: list[Activity] = []
    on_card: set[str] = set()
    for reply in replies:
        if reply.card is not None:
            on_card = {o.key for o in reply.card.actions}
            activity = Activity(type=ActivityTypes.message, summary=reply.card.title)
            activity.attachments = [CardFactory.adaptive_card(draft_card(reply.card))]
            activities.append(activity)
            continue
        if reply.options and {o.key for o in reply.options} <= on_card:
            reply = Reply(reply.text)
        parts = split_message(reply.text, MAX_TEXT)
        for i, part in enumerate(parts):
            activity = Activity(type=ActivityTypes.message, text=render(part), text_format="xml")
            if reply.options and i == len(parts) - 1:
                activity.attachments = [CardFactory.adaptive_card(option_card(reply.options, language))]
            activities.append(activity)
    return activities


class TeamsChannel(Channel):
    """The SDK's adapter and agent application with our handlers, plus proactive sending.
    `client_id`: the app id (None: anonymous local test mode); `sdk_env`: the SDK's own
    settings (`CONNECTIONS__...`)."""

    name = CHANNEL
    pushes = True

    def __init__(self, assistant: Assistant, client_id: str | None, sdk_env: Mapping[str, str]) -> None:
        super().__init__()
        self.assistant = assistant
        self.client_id = client_id
        self.body_limits = {MESSAGES_PATH: MAX_ACTIVITY_BYTES}
        config = load_configuration_from_env(dict(sdk_env))
        if self.client_id:
            manager = MsalConnectionManager(**config)
            self.auth_configuration = manager.get_default_connection_configuration()
        else:
            self.auth_configuration = AgentAuthConfiguration(anonymous_allowed=True)
            manager = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": self.auth_configuration})
            # Without an app id the SDK warns at every turn that its (unused) sign-in client has none.
            logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(
                logging.ERROR
            )
        self.adapter = CloudAdapter(connection_manager=manager)
        self.adapter.on_turn_error = self._on_turn_error
        self.app: AgentApplication[TurnState] = AgentApplication[TurnState](
            storage=MemoryStorage(), connection_manager=manager, start_typing_timer=False, **config
        )
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._install()

    @property
    def mode(self) -> str:
        t = texts.nl
        return t.RUN_TEAMS_AUTHENTICATED.format(client_id=self.client_id) if self.client_id else t.RUN_TEAMS_ANONYMOUS

    def _install(self) -> None:
        teams = TeamsAgentExtension[TurnState](self.app)
        # Teams itself, and the same handlers for the Agents Playground's other channel ids.
        for register in (teams, self.app):
            register.conversation_update(ConversationUpdateTypes.MEMBERS_ADDED)(self.on_members_added)
            register.activity(ActivityTypes.message)(self.on_message)
            register.activity(ActivityTypes.message_update)(self.on_message_update)

    def routes(self) -> list[BaseRoute]:
        """`POST /api/messages`: the SDK checks the Bot Service token (or allows anonymous
        requests in local test mode) and runs the turn."""

        @jwt_authorization_decorator
        async def checked(request: Request) -> Response:
            response = await start_agent_process(request, self.app, self.adapter)
            return response or Response(status_code=202)

        async def messages(request: Request) -> Response:
            # Where the SDK's JWT check finds its settings.
            request.app.state.agent_configuration = self.auth_configuration
            return await checked(request)

        return [Route(MESSAGES_PATH, messages, methods=["POST"])]

    async def start(self) -> None:
        log.warning(texts.nl.RUN_TEAMS.format(mode=self.mode))

    # -- handlers ----------------------------------------------------------------------
    async def on_message(self, context: TurnContext, state: TurnState) -> None:
        await self._turn(context, incoming_from(context.activity))

    async def on_members_added(self, context: TurnContext, state: TurnState) -> None:
        """The app was installed or someone joined the chat: welcome them (once per person;
        a returning user hears where we were)."""
        activity = context.activity
        if not activity.members_added or not user_ref_of(activity):
            return
        await self._turn(context, Incoming(CHANNEL, user_ref_of(activity), text="/start"))

    async def on_message_update(self, context: TurnContext, state: TurnState) -> None:
        language = await asyncio.to_thread(self.assistant.language_of, CHANNEL, user_ref_of(context.activity))
        await context.send_activities(activities_for([Reply(texts.for_language(language).EDITED)], language))

    async def _turn(self, context: TurnContext, incoming: Incoming) -> None:
        if not incoming.user_ref:
            return
        address = context.activity.get_conversation_reference().model_dump_json(exclude_none=True, by_alias=True)
        async with self._locks[incoming.user_ref]:
            turn = await while_typing(
                asyncio.to_thread(self.assistant.handle, replace(incoming, address=address)),
                lambda: context.send_activity(Activity(type=ActivityTypes.typing)),
            )
            await context.send_activities(activities_for(turn.replies, turn.language))

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        log.error("Teams turn failed", exc_info=error)
        try:
            await context.send_activity(Activity(type=ActivityTypes.message, text=texts.nl.ERROR))
        except Exception:
            log.warning("Could not tell the Teams user about the error")

    # -- pushing -------------------------------------------------------------------------
    def reachable(self, db: Database, user_ref: str) -> bool:
        """Only someone who talked to the bot: their conversation reference is stored."""
        return notices.address_of(db, CHANNEL, user_ref) is not None

    async def push(self, notice: Notice) -> None:
        """Send a stored notice into the user's Teams chat, from the stored reference."""
        address, language = await asyncio.to_thread(self.assistant.reach, CHANNEL, notice.user_ref)
        if address is None:
            raise NotReachable(notice.user_ref)
        continuation = ConversationReference.model_validate_json(address).get_continuation_activity()
        outgoing = activities_for([notice_reply(notice.text, notice.kind, notice.draft_id, language)], language)

        async def send(context: TurnContext) -> None:
            await context.send_activities(outgoing)

        if self.client_id:
            await self.adapter.continue_conversation(self.client_id, continuation, send)
        else:
            await self.adapter.continue_conversation_with_claims(
                ClaimsIdentity(), continuation, send, audience=AuthenticationConstants.AGENTS_SDK_SCOPE
            )
