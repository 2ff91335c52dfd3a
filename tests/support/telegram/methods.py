"""The Bot API methods about the bot, updates and commands (everything but the messages in a
chat): ``_api_<method>(params, files, bot_id)`` returns the result or raises ApiError."""

from __future__ import annotations

import copy
import re
import select
import socket
import time
from collections.abc import Mapping
from typing import Any

from tests.support.telegram.parameters import bool_param, float_param, int_param, json_param
from tests.support.telegram.protocol import CONFLICT, QUERY_INVALID, ApiError, bad_request
from tests.support.telegram.state import ChatState

_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}


class BotMethods(ChatState):
    """getMe, webhooks, getUpdates (long polling), commands, callback answers, chat actions, files."""

    def _api_getMe(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        return {
            **self._bot_user(bot_id),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_logOut(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        return True

    def _api_close(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        return True

    def _api_deleteWebhook(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        if bool_param(params, "drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_setWebhook(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        self.webhook = {"url": str(params.get("url", "")), "secret_token": params.get("secret_token")}
        return True

    def _api_getWebhookInfo(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        url = self.webhook.get("url", "") if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _api_getUpdates(self, params: Mapping[str, Any], files: Any, bot_id: int) -> list[dict[str, Any]]:
        offset = int_param(params, "offset")
        limit = min(max(int_param(params, "limit") or 100, 1), 100)
        timeout = min(max(float_param(params, "timeout") or 0.0, 0.0), self.max_poll_timeout)
        allowed = json_param(params, "allowed_updates")
        if allowed is not None:
            self._allowed_updates = list(allowed) or None
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()  # an older long poll still waiting gets 409 Conflict

        if offset is not None and offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset is not None and offset < 0:
            self._updates = self._updates[offset:]
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._poll_generation:
                if self._client_gone():
                    return []  # PTB cancelled this poll (e.g. on stop); nobody reads a reply
                raise ApiError(409, CONFLICT)
            if self._allowed_updates:
                self._updates = [
                    u for u in self._updates if any(k in self._allowed_updates for k in u if k != "update_id")
                ]
            batch = self._updates[:limit]
            if batch or self._closing:
                return copy.deepcopy(batch)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            self._cond.wait(remaining)

    def _api_setMyCommands(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        commands = json_param(params, "commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands")
        cleaned = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand: BotCommand must be an Object")
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        scope = json_param(params, "scope")
        language = str(params.get("language_code") or "")
        self._commands[(self._scope_key(scope), language)] = cleaned
        if self._scope_key(scope) == self._scope_key(None) and not language:
            self.commands = copy.deepcopy(cleaned)
        return True

    def _api_getMyCommands(self, params: Mapping[str, Any], files: Any, bot_id: int) -> list[dict[str, str]]:
        scope = json_param(params, "scope")
        language = str(params.get("language_code") or "")
        return copy.deepcopy(self._commands.get((self._scope_key(scope), language), []))

    def _api_deleteMyCommands(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        scope = json_param(params, "scope")
        language = str(params.get("language_code") or "")
        self._commands.pop((self._scope_key(scope), language), None)
        if self._scope_key(scope) == self._scope_key(None) and not language:
            self.commands = []
        return True

    def _api_setMyDescription(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        return True

    _api_setMyShortDescription = _api_setMyDescription
    _api_setMyName = _api_setMyDescription
    _api_setChatMenuButton = _api_setMyDescription

    def _api_answerCallbackQuery(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._callbacks.get(query_id)
        if query is None or query["answered"]:
            raise bad_request(QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query["answered"] = True
        self.answered_callbacks.append(
            {
                "callback_query_id": query_id,
                "user_id": query["user_id"],
                "data": query["data"],
                "message_id": query["message_id"],
                "text": text,
                "show_alert": bool_param(params, "show_alert"),
                "url": params.get("url"),
                "cache_time": int_param(params, "cache_time"),
                "time": time.time(),
            }
        )
        return True

    def _api_sendChatAction(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        chat_id = self._target_chat(params)
        action = str(params.get("action") or "")
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.chat_actions.append({"chat_id": chat_id, "action": action, "time": time.time()})
        return True

    def _api_getFile(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        record = self._files.get(str(params.get("file_id") or ""))
        if record is None:
            raise bad_request("invalid file_id")
        return {k: record[k] for k in ("file_id", "file_unique_id", "file_size", "file_path")}

    def _client_gone(self) -> bool:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            return False
        try:
            readable, _, _ = select.select([connection], [], [], 0)
            return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True
