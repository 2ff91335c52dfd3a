"""The stand-in's memory: users and their private chats, every message in them, queued
updates, files, callback queries and command lists, and the records of what the bot did."""

from __future__ import annotations

import copy
import itertools
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from tests.support.telegram.parameters import inline_buttons, int_param, reply_markup_param
from tests.support.telegram.protocol import ApiError, bad_request

#: A parameter the test did not pass (``None`` means "remove", e.g. a user's language).
UNSET: Any = object()


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ChatState:
    """What the stand-in knows; the other parts of BotApiStandIn read and change it under ``_cond``."""

    def __init__(
        self,
        *,
        bot_name: str,
        bot_username: str,
        max_poll_timeout: float,
        strict_ampersand: bool,
        require_known_chat: bool,
    ) -> None:
        self.bot_name = bot_name
        self.bot_username = bot_username
        self.max_poll_timeout = max_poll_timeout
        self.strict_ampersand = strict_ampersand
        self.require_known_chat = require_known_chat

        self._cond = threading.Condition(threading.RLock())
        self._local = threading.local()  # the connection of the request being handled
        self._closing = False  # the server is stopping: long polls answer at once

        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._users: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._last_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._raw: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        self._bot_message_ids: dict[int, list[int]] = {}
        self._deleted: set[tuple[int, int]] = set()
        self._callbacks: dict[str, dict[str, Any]] = {}
        self._callback_ids = itertools.count(1)
        self._files: dict[str, dict[str, Any]] = {}
        self._file_ids = itertools.count(1)
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}

        #: The webhook set with setWebhook: {"url", "secret_token"}, or None.
        self.webhook: dict[str, Any] | None = None
        #: Every API call: {"method", "params", "files", "status", "time"} (read-only for tests).
        self.requests: list[dict[str, Any]] = []
        #: Every error reply: {"method", "status", "description", "params"}.
        self.errors: list[dict[str, Any]] = []
        #: Successful sendMessage/sendPhoto/sendDocument/editMessage*/deleteMessage calls.
        self.sent: list[dict[str, Any]] = []
        #: sendChatAction calls: {"chat_id", "action", "time"}.
        self.chat_actions: list[dict[str, Any]] = []
        #: The default-scope, no-language command list last set with setMyCommands.
        self.commands: list[dict[str, str]] = []
        #: answerCallbackQuery calls: {"callback_query_id", "user_id", "data", "message_id",
        #: "text", "show_alert", "url", "cache_time"}.
        self.answered_callbacks: list[dict[str, Any]] = []

    @staticmethod
    def buttons(message: Mapping[str, Any]) -> list[tuple[str, str | None]]:
        """(text, callback_data or url) of a message's inline buttons, row by row."""
        return [
            (button.get("text", ""), button.get("callback_data", button.get("url")))
            for button in inline_buttons(message)
        ]

    def describe(self, last_requests: int = 25) -> str:
        """A human-readable dump of the stand-in's state, for assertion messages."""
        with self._cond:
            lines = ["--- BotApiStandIn state ---"]
            lines.append(
                f"pending updates: {[(u['update_id'], next(k for k in u if k != 'update_id')) for u in self._updates]}"
            )
            for chat_id in sorted(self._bot_message_ids):
                lines.append(f"bot messages to chat {chat_id}:")
                for message_id in self._bot_message_ids[chat_id]:
                    key = (chat_id, message_id)
                    message = self._messages[key]
                    state = " (deleted)" if key in self._deleted else ""
                    state += " (edited)" if "edit_date" in message else ""
                    text = message.get("text", message.get("caption", ""))
                    lines.append(f"  #{message_id}{state}: {_short(text, 200)} buttons={self.buttons(message)}")
            if self.chat_actions:
                lines.append(f"chat actions: {[(a['chat_id'], a['action']) for a in self.chat_actions[-10:]]}")
            if self.answered_callbacks:
                lines.append(f"answered callbacks: {_short(self.answered_callbacks[-5:], 400)}")
            if self.errors:
                lines.append("error replies:")
                for error in self.errors[-10:]:
                    lines.append(f"  {error['method']} -> {error['status']} {error['description']}")
            lines.append(f"last {last_requests} of {len(self.requests)} requests:")
            for request in self.requests[-last_requests:]:
                params = {k: v for k, v in request["params"].items() if k != "timeout"}
                lines.append(f"  {request['method']} {request['status']} {_short(params)}")
            return "\n".join(lines)

    def _user(self, user_id: int, first_name: str | None, language_code: str | None) -> dict[str, Any]:
        user = self._users.get(user_id)
        if user is None:
            user = {"id": user_id, "is_bot": False, "first_name": first_name or "Test"}
            if language_code is UNSET:
                language_code = "nl"
            self._users[user_id] = user
        elif first_name:
            user["first_name"] = first_name
        if language_code is not UNSET:
            if language_code:
                user["language_code"] = language_code
            else:
                user.pop("language_code", None)
        return user

    def _chat(self, chat_id: int) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": "private"}
        user = self._users.get(chat_id)
        chat["first_name"] = user["first_name"] if user else "Test"
        return chat

    def _bot_user(self, bot_id: int) -> dict[str, Any]:
        return {
            "id": bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    def _next_message_id(self, chat_id: int) -> int:
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        return message_id

    def _user_message(
        self,
        user_id: int,
        first_name: str | None,
        language_code: str | None,
        fields: dict[str, Any],
    ) -> dict[str, Any]:
        user = self._user(user_id, first_name, language_code)
        return copy.deepcopy(self._new_message(user_id, copy.deepcopy(user), fields))

    def _new_message(self, chat_id: int, sender: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
        """Store a new message in a private chat, from the user or the bot; returns it (not a copy)."""
        message_id = self._next_message_id(chat_id)
        message = {
            "message_id": message_id,
            "from": sender,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **fields,
        }
        self._messages[(chat_id, message_id)] = message
        return message

    def _queue(self, kind: str, payload: dict[str, Any]) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, kind: payload})
        self._cond.notify_all()
        return update_id

    def _new_file(self, folder: str, extension: str, content: bytes) -> dict[str, Any]:
        number = next(self._file_ids)
        record: dict[str, Any] = {
            "file_id": f"StandInFile{number:06d}{folder}",
            "file_unique_id": f"U{number:06d}",
            "file_size": len(content),
            "file_path": f"{folder}/file_{number}.{extension}",
            "content": content,
        }
        self._files[record["file_id"]] = record
        return record

    @staticmethod
    def _file_ref(record: Mapping[str, Any], **fields: Any) -> dict[str, Any]:
        """How a message refers to a stored file: its ids and size, around the kind's own fields."""
        return {
            "file_id": record["file_id"],
            "file_unique_id": record["file_unique_id"],
            **fields,
            "file_size": record["file_size"],
        }

    def _find_button_message(self, chat_id: int, matches: Callable[[dict[str, Any]], bool]) -> int | None:
        for message_id in reversed(self._bot_message_ids.get(chat_id, [])):
            if (chat_id, message_id) in self._deleted:
                continue
            if any(matches(button) for button in inline_buttons(self._messages[(chat_id, message_id)])):
                return message_id
        return None

    @staticmethod
    def _scope_key(scope: Any) -> str:
        return json.dumps(scope or {"type": "default"}, sort_keys=True)

    def _target_chat(self, params: Mapping[str, Any]) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if self.require_known_chat and chat_id not in self._users:
            raise bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _store_bot_message(
        self,
        chat_id: int,
        bot_id: int,
        fields: dict[str, Any],
        raw_text: str | None,
        parse_mode: str | None,
    ) -> dict[str, Any]:
        message = self._new_message(chat_id, self._bot_user(bot_id), fields)
        self._raw[(chat_id, message["message_id"])] = (raw_text, parse_mode)
        self._bot_message_ids.setdefault(chat_id, []).append(message["message_id"])
        return message

    def _record(
        self, method: str, chat_id: int, params: Mapping[str, Any], message: Mapping[str, Any] | None, **extra: Any
    ) -> None:
        record: dict[str, Any] = {
            "method": method,
            "chat_id": chat_id,
            "message_id": message["message_id"] if message else int_param(params, "message_id"),
            "text": params.get("text", params.get("caption")),
            "plain_text": (message or {}).get("text", (message or {}).get("caption")),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": reply_markup_param(params),
            "params": dict(params),
            "time": time.time(),
        }
        record.update(extra)
        self.sent.append(record)
