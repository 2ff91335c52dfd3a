"""Tests acting as Telegram users: each action queues the update Telegram would send the bot."""

from __future__ import annotations

import copy
import time
from typing import Any

from tests.support.telegram.formatting import utf16_len
from tests.support.telegram.parameters import inline_buttons
from tests.support.telegram.state import UNSET, ChatState


class UserActions(ChatState):
    """What a user does: write, send a command, press a button, send a file, edit a message."""

    def add_user(
        self, user_id: int, first_name: str | None = None, language_code: str | None = UNSET
    ) -> dict[str, Any]:
        """Introduce a user (as if they started the bot earlier) without sending an update."""
        with self._cond:
            return copy.deepcopy(self._user(user_id, first_name, language_code))

    def send_text(
        self,
        user_id: int,
        text: str,
        first_name: str | None = None,
        language_code: str | None = UNSET,
        *,
        reply_to_message_id: int | None = None,
    ) -> int:
        """The user sends a plain text message (no entities); returns the update_id."""
        fields: dict[str, Any] = {"text": text}
        with self._cond:
            if reply_to_message_id is not None:
                replied = self._messages.get((user_id, reply_to_message_id))
                if replied is not None:
                    fields["reply_to_message"] = copy.deepcopy(replied)
            return self._send(user_id, first_name, language_code, fields)

    def send_command(
        self,
        user_id: int,
        command: str,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        """The user sends a command such as "/start" or "/start payload" (bot_command entity)."""
        text = command if command.startswith("/") else "/" + command
        head = text.split(maxsplit=1)[0] if text.strip() else text
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(head)}
        return self._send(user_id, first_name, language_code, {"text": text, "entities": [entity]})

    def press_button(
        self,
        user_id: int,
        callback_data: str,
        message_id: int | None = None,
        first_name: str | None = None,
        language_code: str | None = UNSET,
        *,
        strict: bool = True,
    ) -> int:
        """The user presses an inline button of a bot message; returns the update_id.

        Without message_id the newest bot message in the chat carrying that callback_data is
        used. With strict=True the message must exist and still show such a button.
        """
        with self._cond:
            if message_id is None:
                message_id = self._find_button_message(
                    user_id, lambda button: button.get("callback_data") == callback_data
                )
                if message_id is None:
                    raise AssertionError(
                        f"no bot message to {user_id} has a button with callback_data "
                        f"{callback_data!r}\n{self.describe()}"
                    )
            message = self._messages.get((user_id, message_id))
            if strict:
                if message is None or (user_id, message_id) in self._deleted:
                    raise AssertionError(f"message {message_id} in chat {user_id} does not exist\n{self.describe()}")
                if not any(button.get("callback_data") == callback_data for button in inline_buttons(message)):
                    raise AssertionError(
                        f"message {message_id} in chat {user_id} has no button with callback_data "
                        f"{callback_data!r}\n{self.describe()}"
                    )
            user = self._user(user_id, first_name, language_code)
            query_id = str(4_000_000_000_000_000 + next(self._callback_ids))
            query: dict[str, Any] = {
                "id": query_id,
                "from": copy.deepcopy(user),
                "chat_instance": str(-(user_id * 7919 + 13)),
                "data": callback_data,
            }
            if message is not None:
                query["message"] = copy.deepcopy(message)
            else:  # an unknown message: Telegram sends an InaccessibleMessage
                query["message"] = {"chat": self._chat(user_id), "message_id": message_id, "date": 0}
            self._callbacks[query_id] = {
                "user_id": user_id,
                "data": callback_data,
                "message_id": message_id,
                "answered": False,
            }
            return self._queue("callback_query", query)

    def press_button_labelled(
        self,
        user_id: int,
        label: str,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        """Press the callback button showing ``label`` on the newest bot message that has it."""
        with self._cond:
            message_id = self._find_button_message(
                user_id, lambda button: button.get("text") == label and "callback_data" in button
            )
            if message_id is None:
                raise AssertionError(f"no bot message to {user_id} has a callback button {label!r}\n{self.describe()}")
            data = next(
                button["callback_data"]
                for button in inline_buttons(self._messages[(user_id, message_id)])
                if button.get("text") == label and "callback_data" in button
            )
            return self.press_button(user_id, data, message_id, first_name, language_code)

    def send_photo(
        self,
        user_id: int,
        caption: str | None = None,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        with self._cond:
            sizes = [
                self._file_ref(
                    self._new_file("photos", "jpg", b"\xff\xd8\xff" + bytes(width % 251)), width=width, height=height
                )
                for width, height in ((90, 67), (320, 240), (1280, 960))
            ]
            return self._send(user_id, first_name, language_code, self._captioned({"photo": sizes}, caption))

    def send_voice(
        self,
        user_id: int,
        duration: int = 3,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        with self._cond:
            record = self._new_file("voice", "oga", b"OggS" + bytes(60))
            voice = self._file_ref(record, duration=duration, mime_type="audio/ogg")
            return self._send(user_id, first_name, language_code, {"voice": voice})

    def send_sticker(
        self,
        user_id: int,
        emoji: str = "\U0001f44d",
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        with self._cond:
            sticker = self._file_ref(
                self._new_file("stickers", "webp", b"RIFF" + bytes(40)),
                type="regular",
                width=512,
                height=512,
                is_animated=False,
                is_video=False,
                emoji=emoji,
                set_name="StandInStickers",
            )
            return self._send(user_id, first_name, language_code, {"sticker": sticker})

    def send_document(
        self,
        user_id: int,
        file_name: str = "notitie.txt",
        content: bytes = b"Dit is een testdocument.\n",
        mime_type: str = "text/plain",
        caption: str | None = None,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        """The user sends a file; the bot can fetch it with getFile and download it."""
        with self._cond:
            extension = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
            record = self._new_file("documents", extension, content)
            document = self._file_ref(record, file_name=file_name, mime_type=mime_type)
            return self._send(user_id, first_name, language_code, self._captioned({"document": document}, caption))

    def send_location(
        self,
        user_id: int,
        latitude: float = 52.0907,
        longitude: float = 5.1214,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        location = {"latitude": latitude, "longitude": longitude}
        return self._send(user_id, first_name, language_code, {"location": location})

    def send_edited_text(
        self,
        user_id: int,
        message_id: int,
        text: str,
        first_name: str | None = None,
        language_code: str | None = UNSET,
    ) -> int:
        """The user edits an earlier text message of theirs (an ``edited_message`` update)."""
        with self._cond:
            user = self._user(user_id, first_name, language_code)
            key = (user_id, message_id)
            original = self._messages.get(key)
            if original is None or original.get("from", {}).get("id") != user_id:
                raise AssertionError(f"user {user_id} sent no message {message_id}\n{self.describe()}")
            original["text"] = text
            original.pop("entities", None)
            original["edit_date"] = max(int(time.time()), original["date"])
            original["from"] = copy.deepcopy(user)
            return self._queue("edited_message", copy.deepcopy(original))

    def _send(self, user_id: int, first_name: str | None, language_code: str | None, fields: dict[str, Any]) -> int:
        """Queue a new message of the user as a ``message`` update; returns the update_id."""
        with self._cond:
            return self._queue("message", self._user_message(user_id, first_name, language_code, fields))

    @staticmethod
    def _captioned(fields: dict[str, Any], caption: str | None) -> dict[str, Any]:
        return fields if caption is None else {**fields, "caption": caption}
