"""The channel interface. Every way a person talks to the assistant (Telegram, Teams, the web
chat, the terminal) is one adapter behind it: it translates its messages into `Incoming` and
the assistant's `Turn` back into its own messages, and decides nothing about the conversation.

The service starts and stops every configured channel alike, mounts its routes (with their
body limits), delivers stored notices through the channels that push, and tells brokers on the
first pushing channel where they are `reachable`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlite_utils import Database
from starlette.routing import BaseRoute

from bot.workflow import NotReachable
from knowledge.notices import Notice

log = logging.getLogger(__name__)
T = TypeVar("T")
# Telegram shows "typing" for 5 s: it is sent again this often while a turn runs
# long (the language model wording a draft).
TYPING_EVERY = 4.0
# Most turns are answered within a tenth of a second; "typing" is shown only for one that is
# not answered after this long, which saves a request to the chat service per turn.
TYPING_AFTER = 0.5


class Channel:
    """A channel without routes, lifecycle or pushing; adapters override what they have."""

    name: str = ""
    # Can send without the user writing first: notices are pushed at once, not shown at the
    # user's next turn.
    pushes: bool = False

    def __init__(self) -> None:
        # The largest request body per path prefix of this channel's routes (others: the web default).
        self.body_limits: dict[str, int] = {}

    def routes(self) -> list[BaseRoute]:
        """The HTTP endpoints this channel serves in the web service."""
        return []

    async def start(self) -> None:
        """Connect (in the service's event loop, before it serves)."""

    async def stop(self) -> None:
        """Disconnect (after the web server stopped)."""

    async def push(self, notice: Notice) -> None:
        """Send a stored notice to its user; `NotReachable` while there is no address yet."""
        raise NotReachable(notice.user_ref)

    def reachable(self, db: Database, user_ref: str) -> bool:
        """Can a broker linked on this channel as `user_ref` be told here now?"""
        return self.pushes


def split_message(text: str, limit: int) -> list[str]:
    """Split at paragraph, then line, then word boundaries so every part fits the channel."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for separator, pieces in (("\n\n", text.split("\n\n")),):
        for piece in pieces:
            candidate = f"{current}{separator}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
                continue
            if current:
                parts.append(current)
            while len(piece) > limit:
                cut = piece.rfind("\n", 0, limit)
                cut = cut if cut > limit // 2 else piece.rfind(" ", 0, limit)
                cut = cut if cut > limit // 2 else limit
                parts.append(piece[:cut])
                piece = piece[cut:].lstrip()
            current = piece
    if current:
        parts.append(current)
    return parts


async def while_typing(
    work: Awaitable[T],
    typing: Callable[[], Awaitable[object]],
    every: float = TYPING_EVERY,
    after: float = TYPING_AFTER,
) -> T:
    """The result of `work`; when it is not done after `after` seconds the chat shows that we
    are typing, and again every `every` seconds while it runs. A failed typing indicator is no
    reason to lose the answer."""
    task = asyncio.ensure_future(work)
    wait = after
    while True:
        done, _ = await asyncio.wait({task}, timeout=wait)
        wait = every
        if done:
            return task.result()
        try:
            await typing()
        except Exception as error:
            log.info("Could not show the typing indicator (%s)", type(error).__name__)
