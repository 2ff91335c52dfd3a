"""What the bot did, as tests read it (its messages per chat, calls, commands, pending
updates), and waiting until it has done something: blocking in plain tests, or in the event
loop when the bot runs in the test's own loop."""

from __future__ import annotations

import asyncio
import copy
import inspect
import time
from collections.abc import Callable, Mapping
from typing import Any

from tests.support.telegram.protocol import METHODS
from tests.support.telegram.state import ChatState


class BotActivity(ChatState):
    """Reading and awaiting what the bot did."""

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in a chat, oldest first, with edits applied and deletions removed.

        Each is a copy of the Telegram Message dict (``text`` is what the user sees, i.e. after
        HTML parsing; ``entities``; ``reply_markup`` when an inline keyboard is shown; documents
        and photos as Telegram returns them) plus two stand-in keys: ``raw_text`` (text or
        caption exactly as the bot sent it) and ``parse_mode``.
        """
        with self._cond:
            result = []
            for message_id in self._bot_message_ids.get(chat_id, []):
                key = (chat_id, message_id)
                if key in self._deleted:
                    continue
                message = copy.deepcopy(self._messages[key])
                message["raw_text"], message["parse_mode"] = self._raw.get(key, (None, None))
                result.append(message)
            return result

    def texts_to(self, chat_id: int) -> list[str]:
        """The visible texts (or captions) of ``messages_to(chat_id)``."""
        return [m.get("text", m.get("caption", "")) for m in self.messages_to(chat_id)]

    def count_to(self, chat_id: int) -> int:
        """How many messages the bot sent to a chat (cheap: no copies; for load tests)."""
        with self._cond:
            return len(self._bot_message_ids.get(chat_id, []))

    def texts_since(self, chat_id: int, start: int) -> list[str]:
        """Texts of the bot's messages in a chat from position `start` on (cheap, no copies)."""
        with self._cond:
            ids = self._bot_message_ids.get(chat_id, [])[start:]
            return [str(self._messages[(chat_id, i)].get("text", "")) for i in ids]

    def last_message_to(self, chat_id: int) -> dict[str, Any] | None:
        messages = self.messages_to(chat_id)
        return messages[-1] if messages else None

    def calls(self, method: str) -> list[dict[str, Any]]:
        """The recorded requests of one method (including failed ones)."""
        canonical = METHODS.get(method.lower(), method)
        with self._cond:
            return [dict(r) for r in self.requests if r["method"] == canonical]

    def commands_for(self, scope: Mapping[str, Any] | None = None, language_code: str = "") -> list[dict[str, str]]:
        with self._cond:
            return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot (getUpdates with a higher offset)."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def pop_updates(self) -> list[dict[str, Any]]:
        """Take the queued updates, to deliver them to a webhook instead of getUpdates."""
        with self._cond:
            updates, self._updates = self._updates, []
            return updates

    def wait_for(self, predicate: Callable[..., Any], timeout: float = 10.0, message: str = "") -> Any:
        """Block until ``predicate()`` (or ``predicate(standin)``) is truthy; return its value.

        Not for a thread running an event loop (it would block the bot): use wait_for_async.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError(
                "wait_for would block the running event loop (and the bot in it); "
                "use 'await standin.wait_for_async(...)'"
            )
        call = self._as_call(predicate)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                result = call()
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._timeout_text(predicate, timeout, message))
                self._cond.wait(min(remaining, 0.05))

    async def wait_for_async(self, predicate: Callable[..., Any], timeout: float = 10.0, message: str = "") -> Any:
        """Like wait_for, but sleeps in the event loop so the bot keeps running."""
        call = self._as_call(predicate)
        deadline = time.monotonic() + timeout
        while True:
            result = call()
            if result:
                return result
            if time.monotonic() >= deadline:
                raise AssertionError(self._timeout_text(predicate, timeout, message))
            await asyncio.sleep(0.01)

    def wait_for_messages(self, chat_id: int, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Block until the bot has ``count`` (or more) messages in the chat; return them all."""
        self.wait_for(
            lambda: len(self.messages_to(chat_id)) >= count,
            timeout,
            f"expected {count} bot message(s) in chat {chat_id}",
        )
        return self.messages_to(chat_id)

    async def wait_for_messages_async(self, chat_id: int, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        await self.wait_for_async(
            lambda: len(self.messages_to(chat_id)) >= count,
            timeout,
            f"expected {count} bot message(s) in chat {chat_id}",
        )
        return self.messages_to(chat_id)

    def _as_call(self, predicate: Callable[..., Any]) -> Callable[[], Any]:
        try:
            parameters = inspect.signature(predicate).parameters.values()
        except (TypeError, ValueError):
            return predicate
        required = [
            p for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        return (lambda: predicate(self)) if required else predicate

    def _timeout_text(self, predicate: Callable[..., Any], timeout: float, message: str) -> str:
        what = message or getattr(predicate, "__qualname__", repr(predicate))
        return f"timed out after {timeout:.1f}s waiting for: {what}\n{self.describe()}"
