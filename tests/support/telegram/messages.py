"""The Bot API methods that send, edit and delete the bot's messages, with Telegram's checks
(formatting, length, reply markup, replies, "message is not modified")."""

from __future__ import annotations

import copy
import time
from collections.abc import Mapping
from typing import Any

from tests.support.telegram.formatting import parse_telegram_html, strip_text
from tests.support.telegram.parameters import int_param, json_param, reply_markup_param
from tests.support.telegram.protocol import (
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    NOT_MODIFIED,
    EntityParseError,
    bad_request,
)
from tests.support.telegram.state import ChatState


class MessageMethods(ChatState):
    """sendMessage, sendPhoto, sendDocument, editMessageText, editMessageReplyMarkup, deleteMessage."""

    def _api_sendMessage(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        chat_id = self._target_chat(params)
        plain, entities = self._formatted(params, "text", caption=False)
        markup = reply_markup_param(params)
        replied = self._reply_to(chat_id, params)
        fields: dict[str, Any] = {"text": plain}
        if entities:
            fields["entities"] = entities
        if replied is not None:
            fields["reply_to_message"] = replied
        if markup and markup.get("inline_keyboard"):
            fields["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
        message = self._store_bot_message(chat_id, bot_id, fields, str(params.get("text")), params.get("parse_mode"))
        self._record("sendMessage", chat_id, params, message)
        return copy.deepcopy(message)

    def _send_media(
        self, kind: str, params: Mapping[str, Any], files: Mapping[str, dict[str, Any]], bot_id: int
    ) -> dict[str, Any]:
        chat_id = self._target_chat(params)
        caption, entities = self._formatted(params, "caption", caption=True)
        markup = reply_markup_param(params)
        upload = files.get(kind)
        reference = params.get(kind)
        if upload is None and isinstance(reference, str) and reference.startswith("attach://"):
            upload = files.get(reference[len("attach://") :])
        if upload is not None:
            name = upload["file_name"] or kind
            extension = name.rsplit(".", 1)[-1] if "." in name else "bin"
            record = self._new_file(f"{kind}s", extension, upload["content"])
            sent_file = {**upload}
        elif isinstance(reference, str) and reference:
            record = self._files.get(reference) or self._new_file(f"{kind}s", "bin", b"")
            sent_file = {"file_id": reference, "file_name": None, "content": None, "mime_type": None}
        else:
            raise bad_request(f"there is no {kind} in the request")
        if kind == "photo":
            media: Any = [self._file_ref(record, width=800, height=600)]
        else:
            media = self._file_ref(record)
            if sent_file.get("file_name"):
                media["file_name"] = sent_file["file_name"]
            if sent_file.get("mime_type"):
                media["mime_type"] = sent_file["mime_type"]
        fields: dict[str, Any] = {kind: media}
        if caption:
            fields["caption"] = caption
        if entities:
            fields["caption_entities"] = entities
        if markup and markup.get("inline_keyboard"):
            fields["reply_markup"] = {"inline_keyboard": markup["inline_keyboard"]}
        replied = self._reply_to(chat_id, params)
        if replied is not None:
            fields["reply_to_message"] = replied
        raw_caption = params.get("caption")
        message = self._store_bot_message(
            chat_id, bot_id, fields, None if raw_caption is None else str(raw_caption), params.get("parse_mode")
        )
        method = "sendPhoto" if kind == "photo" else "sendDocument"
        self._record(method, chat_id, params, message, **{kind: sent_file})
        return copy.deepcopy(message)

    def _api_sendPhoto(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        return self._send_media("photo", params, files, bot_id)

    def _api_sendDocument(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        return self._send_media("document", params, files, bot_id)

    def _editable(self, params: Mapping[str, Any], bot_id: int) -> tuple[int, dict[str, Any]]:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat_id = self._target_chat(params)
        message_id = int_param(params, "message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        key = (chat_id, message_id)
        message = self._messages.get(key)
        if message is None or key in self._deleted:
            raise bad_request("message to edit not found")
        if message["from"]["id"] != bot_id:
            raise bad_request("message can't be edited")
        return chat_id, message

    def _api_editMessageText(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        chat_id, message = self._editable(params, bot_id)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        plain, entities = self._formatted(params, "text", caption=False)
        markup = reply_markup_param(params)
        keyboard = {"inline_keyboard": markup["inline_keyboard"]} if markup and markup.get("inline_keyboard") else None
        if (
            message["text"] == plain
            and message.get("entities", []) == entities
            and message.get("reply_markup") == keyboard
        ):
            raise bad_request(NOT_MODIFIED)
        message["text"] = plain
        if entities:
            message["entities"] = entities
        else:
            message.pop("entities", None)
        if keyboard:  # Telegram removes the inline keyboard when none is passed
            message["reply_markup"] = keyboard
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = max(int(time.time()), message["date"])
        key = (chat_id, message["message_id"])
        self._raw[key] = (str(params.get("text")), params.get("parse_mode"))
        self._record("editMessageText", chat_id, params, message)
        return copy.deepcopy(message)

    def _api_editMessageReplyMarkup(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        chat_id, message = self._editable(params, bot_id)
        markup = reply_markup_param(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        keyboard = {"inline_keyboard": markup["inline_keyboard"]} if markup and markup.get("inline_keyboard") else None
        if message.get("reply_markup") == keyboard:
            raise bad_request(NOT_MODIFIED)
        if keyboard:
            message["reply_markup"] = keyboard
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = max(int(time.time()), message["date"])
        self._record("editMessageReplyMarkup", chat_id, params, message)
        return copy.deepcopy(message)

    def _api_deleteMessage(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        chat_id = self._target_chat(params)
        message_id = int_param(params, "message_id")
        key = (chat_id, message_id or 0)
        if key not in self._messages or key in self._deleted:
            raise bad_request("message to delete not found")
        self._deleted.add(key)
        self._record("deleteMessage", chat_id, params, None)
        return True

    def _formatted(self, params: Mapping[str, Any], field: str, *, caption: bool) -> tuple[str, list[dict[str, Any]]]:
        raw = params.get(field)
        raw = "" if raw is None else str(raw)
        mode = str(params.get("parse_mode") or "")
        if mode.lower() == "html":
            try:
                plain, entities = parse_telegram_html(raw, strict_ampersand=self.strict_ampersand)
            except EntityParseError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        elif mode.lower() in ("markdown", "markdownv2", ""):
            plain = raw
            given = json_param(params, "caption_entities" if caption else "entities")
            entities = list(given) if (given and not mode) else []
        else:
            raise bad_request("unsupported parse_mode")
        plain, entities = strip_text(plain, entities)
        if caption:
            if len(plain) > MAX_CAPTION_LENGTH:
                raise bad_request("message caption is too long")
        else:
            if not plain:
                raise bad_request("message text is empty")
            if len(plain) > MAX_TEXT_LENGTH:
                raise bad_request("message is too long")
        return plain, entities

    def _reply_to(self, chat_id: int, params: Mapping[str, Any]) -> dict[str, Any] | None:
        reply = json_param(params, "reply_parameters")
        message_id = reply.get("message_id") if isinstance(reply, dict) else None
        if message_id is None:
            message_id = int_param(params, "reply_to_message_id")
        if message_id is None:
            return None
        replied = self._messages.get((chat_id, int(message_id)))
        if replied is None or (chat_id, int(message_id)) in self._deleted:
            if isinstance(reply, dict) and reply.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        replied = copy.deepcopy(replied)
        replied.pop("reply_to_message", None)
        return replied
