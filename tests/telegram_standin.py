"""A local stand-in for the Telegram Bot API, for end-to-end tests with a real PTB Application.

``BotApiStandIn`` is a real HTTP server on 127.0.0.1 (an OS-chosen port, a background thread)
that speaks the Bot API the way python-telegram-bot 22 talks to it: PTB's ``HTTPXRequest``
POSTs ``application/x-www-form-urlencoded`` bodies (``multipart/form-data`` when a file is
uploaded) whose values are plain strings for string parameters and JSON text for everything
else (``reply_markup``, ``commands``, ``chat_id`` as ``"42"``...). JSON bodies and query strings
are accepted too. Answers are ``{"ok": true, "result": ...}`` in Telegram's own shapes, and the
errors are Telegram's (HTTP status, ``error_code`` and ``description``), so PTB raises the same
exceptions it raises in production.

Tests act as users (``send_text``, ``press_button``, ...): those queue updates that the bot
fetches with ``getUpdates`` (long polling). What the bot did is recorded (``sent``,
``messages_to``, ``chat_actions``, ``commands``, ``answered_callbacks``, ``requests``,
``errors``). ``fail_next`` and ``delay_next`` inject faults for reliability tests.

Usage::

    with BotApiStandIn() as api:
        app = Application.builder().token("123:TEST").base_url(api.base_url).build()
        ...  # start the app and polling inside asyncio
        api.send_text(42, "Hallo")
        messages = await api.wait_for_messages_async(42, 1)

The PTB application runs in the test's event loop, so inside ``async`` code use the
``*_async`` waits; the blocking ``wait_for``/``wait_for_messages`` refuse to run on a thread
with a running event loop (they would block the bot they wait for).

Deliberate deviations from Telegram: a ``&`` in HTML text that does not start a valid entity
(``&amp;``, ``&lt;``, ``&gt;``, ``&quot;``, ``&#NN;``, ``&#xHH;``) is rejected, while Telegram
itself passes it through literally (``strict_ampersand=False`` restores Telegram's behaviour);
Markdown and MarkdownV2 are not validated; text length is counted in code points.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import inspect
import itertools
import json
import re
import select
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_TEXT_LENGTH",
    "ApiError",
    "BotApiStandIn",
    "EntityParseError",
    "parse_telegram_html",
]

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a content and reply markup of the current message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class ApiError(Exception):
    """An error reply of the Bot API: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


class EntityParseError(ValueError):
    """HTML that Telegram would refuse; the message is the part after "can't parse entities: "."""


# --------------------------------------------------------------------------------------------
# Telegram's HTML subset (modelled on tdlib's parse_html, error texts included)
# --------------------------------------------------------------------------------------------

_TAG_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]+));")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _decode_entity(text: str, position: int) -> tuple[str | None, int]:
    """Decode the HTML entity starting at ``text[position] == "&"``: (character, end) or None."""
    match = _ENTITY_RE.match(text, position)
    if match is None:
        return None, position
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        return (char, match.end()) if char is not None else (None, position)
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None, position
    return chr(code), match.end()


def _decode_attribute(raw: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] == "&":
            char, end = _decode_entity(raw, i)
            if char is not None:
                out.append(char)
                i = end
                continue
        out.append(raw[i])
        i += 1
    return "".join(out)


def parse_telegram_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into (plain text, Telegram MessageEntity dicts).

    Raises EntityParseError with Telegram's wording ("Unsupported start tag ...", "Can't find
    end tag corresponding to start tag ...", ...) and UTF-8 byte offsets.
    """

    def byte_offset(position: int) -> int:
        return len(text[:position].encode("utf-8", "surrogatepass"))

    out: list[str] = []
    out_len = 0  # UTF-16 code units, like Telegram's entity offsets
    stack: list[tuple[str, dict[str, str], int]] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded, end = _decode_entity(text, i)
            if decoded is None:
                if strict_ampersand:
                    raise EntityParseError(f'Unsupported HTML entity or unescaped "&" at byte offset {byte_offset(i)}')
                decoded, end = "&", i + 1
            out.append(decoded)
            out_len += _utf16_len(decoded)
            i = end
            continue
        if char != "<":
            out.append(char)
            out_len += _utf16_len(char)
            i += 1
            continue

        begin = i
        if text.startswith("</", i):
            j = i + 2
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            name = text[i + 2 : j].lower()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            open_name, open_attributes, start = stack.pop()
            if name != open_name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, expected "
                    f'"</{open_name}>", found "</{name}>"'
                )
            entity = _entity_for(open_name, open_attributes, start, out_len - start, stack)
            if entity is not None:
                entities.append(entity)
            i = j + 1
            continue

        j = i + 1
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        name = text[i + 1 : j].lower()
        if name not in _TAG_ENTITY_TYPES:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {byte_offset(begin)}')
        attributes: dict[str, str] = {}
        while True:
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] == ">":
                j += 1
                break
            attribute_start = j
            while j < n and (text[j].isalnum() or text[j] in "-_"):
                j += 1
            attribute = text[attribute_start:j].lower()
            if not attribute:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {byte_offset(attribute_start)}'
                )
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] != "=":
                attributes[attribute] = ""  # attribute without value, e.g. <blockquote expandable>
                continue
            j += 1
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] in "\"'":
                close = text.find(text[j], j + 1)
                if close < 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                raw_value = text[j + 1 : close]
                j = close + 1
            else:
                value_start = j
                while j < n and not text[j].isspace() and text[j] != ">":
                    j += 1
                raw_value = text[value_start:j]
            attributes[attribute] = _decode_attribute(raw_value)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}')
        stack.append((name, attributes, out_len))
        i = j

    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(out), entities


def _entity_for(
    name: str,
    attributes: dict[str, str],
    offset: int,
    length: int,
    stack: list[tuple[str, dict[str, str], int]],
) -> dict[str, Any] | None:
    kind = _TAG_ENTITY_TYPES[name]
    if name == "code" and stack and stack[-1][0] == "pre":
        language = attributes.get("class", "")
        if language.startswith("language-") and len(language) > len("language-"):
            stack[-1][1]["language"] = language[len("language-") :]
        if stack[-1][2] == offset:
            return None  # <pre><code class="language-x">: one pre entity with a language
    if length <= 0:
        return None
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if name == "a":
        href = attributes.get("href", "")
        if not href:
            return None
        entity["url"] = href
    elif name == "pre" and attributes.get("language"):
        entity["language"] = attributes["language"]
    elif name == "blockquote" and "expandable" in attributes:
        entity["type"] = "expandable_blockquote"
    elif name == "tg-emoji":
        emoji_id = attributes.get("emoji-id")
        if not emoji_id:
            return None
        entity["custom_emoji_id"] = emoji_id
    return entity


def _strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram trims leading and trailing whitespace and shifts the entities accordingly."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = _utf16_len(text[: len(text) - len(text.lstrip())])
    size = _utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


# --------------------------------------------------------------------------------------------
# Request parameters (PTB sends every value as a string; JSON text for non-strings)
# --------------------------------------------------------------------------------------------


def _parse_body(content_type: str, body: bytes, query: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, dict[str, Any]] = {}
    if not body:
        return params, files
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json":
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        params.update(data)
    elif kind == "multipart/form-data":
        head = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        if not message.is_multipart():
            raise ValueError("malformed multipart body")
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                payload = b""
            filename = part.get_filename()
            if filename is not None:
                files[name] = {
                    "file_name": filename,
                    "content": payload,
                    "mime_type": part.get_content_type(),
                }
            else:
                params[name] = payload.decode("utf-8")
    else:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return params, files


def _int_param(params: Mapping[str, Any], name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _bad_request(f"wrong parameter {name} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"wrong parameter {name} specified") from None


def _float_param(params: Mapping[str, Any], name: str) -> float | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _bad_request(f"wrong parameter {name} specified") from None


def _bool_param(params: Mapping[str, Any], name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return bool(value)


def _json_param(params: Mapping[str, Any], name: str) -> Any:
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _bad_request(f"can't parse {name} JSON object") from None
    return value


_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_RE = re.compile(r"^(?:https?|tg)://\S+$", re.IGNORECASE)


def _reply_markup_param(params: Mapping[str, Any]) -> dict[str, Any] | None:
    """Parse and validate reply_markup the way Telegram does (the parts tests run into)."""
    value = params.get("reply_markup")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            markup = json.loads(value)
        except ValueError:
            raise _bad_request("can't parse reply keyboard markup JSON object") from None
    else:
        markup = value
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
        for row in rows:
            for button in row:
                _check_inline_button(button)
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
        for row in rows:
            for button in row:
                if not isinstance(button, str) and not (
                    isinstance(button, dict) and isinstance(button.get("text"), str)
                ):
                    raise _bad_request("can't parse keyboard button: KeyboardButton must be a String or an Object")
    elif not ({"remove_keyboard", "force_reply"} & markup.keys()):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise _bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    actions = [action for action in _BUTTON_ACTIONS if action in button]
    if not actions:
        raise _bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise _bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not _URL_RE.match(url):
            raise _bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _inline_buttons(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True  # server_close() joins the handler threads

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):  # client went away (cancelled long poll...)
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK add about 40 ms to every call.
    disable_nagle_algorithm = True
    server_version = "BotApiStandIn/1.0"
    standin: BotApiStandIn  # set on a per-instance subclass

    def setup(self) -> None:
        super().setup()
        self.standin._track_connection(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.standin._track_connection(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, payload, content_type = self.standin._handle_http(
            self.path, self.headers.get("Content-Type", ""), body, self.connection
        )
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    do_GET = do_POST


_METHODS = {
    name.lower(): name
    for name in (
        "getMe",
        "logOut",
        "close",
        "getUpdates",
        "deleteWebhook",
        "setWebhook",
        "getWebhookInfo",
        "setMyCommands",
        "getMyCommands",
        "deleteMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "setMyName",
        "setChatMenuButton",
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
        "deleteMessage",
        "answerCallbackQuery",
        "sendChatAction",
        "getFile",
    )
}
_TOKEN_RE = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
_PATH_RE = re.compile(r"^/(file/)?bot([^/]*)/(.*)$")
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
_UNSET: Any = object()


def _json_bytes(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------------------------
# The stand-in
# --------------------------------------------------------------------------------------------


class BotApiStandIn:
    """A local, recording, fault-injecting Telegram Bot API server (see the module docstring)."""

    def __init__(
        self,
        *,
        bot_name: str = "Vraagwijzer",
        bot_username: str = "vraagwijzer_test_bot",
        token: str | None = None,
        max_poll_timeout: float = 2.0,
        strict_ampersand: bool = True,
        require_known_chat: bool = True,
    ) -> None:
        """token: if given, other tokens get 401 Unauthorized (any well-formed one otherwise).

        max_poll_timeout caps getUpdates' ``timeout``; require_known_chat answers "chat not
        found" for chats of users the tests never introduced (Telegram's behaviour).
        """
        self.bot_name = bot_name
        self.bot_username = bot_username
        self.token = token
        self.max_poll_timeout = max_poll_timeout
        self.strict_ampersand = strict_ampersand
        self.require_known_chat = require_known_chat

        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._local = threading.local()
        self._closing = False

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
        self._faults: dict[str, list[ApiError]] = {}
        self._delays: dict[str, list[float]] = {}
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

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> BotApiStandIn:
        if self._server is not None:
            raise RuntimeError("BotApiStandIn is already started")
        handler = type("_BoundHandler", (_Handler,), {"standin": self})
        self._closing = False
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"BotApiStandIn:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; wakes long polls, cuts open connections and joins every thread."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        server.shutdown()
        with self._cond:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if thread is not None:
            thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> BotApiStandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("BotApiStandIn is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """For ``Application.builder().base_url(...)``: PTB appends ``<token>/<method>``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``Application.builder().base_file_url(...)`` (file downloads)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def _track_connection(self, connection: socket.socket, *, add: bool) -> None:
        with self._cond:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    # ---------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        times: int = 1,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with HTTP ``status``.

        429 answers "Too Many Requests: retry after N" with parameters.retry_after = N
        (N = retry_after, default 1): PTB raises RetryAfter. 502 answers "Bad Gateway"
        (PTB: NetworkError); other statuses get ``description`` or a generic text.
        """
        canonical = _METHODS.get(method.lower(), method)
        if status == 429:
            seconds = 1 if retry_after is None else int(retry_after)
            error = ApiError(
                429,
                description or f"Too Many Requests: retry after {seconds}",
                {"retry_after": seconds},
            )
        else:
            defaults = {
                400: "Bad Request",
                403: "Forbidden",
                409: CONFLICT,
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }
            parameters = {"retry_after": int(retry_after)} if retry_after else None
            error = ApiError(status, description or defaults.get(status, "Error"), parameters)
        with self._cond:
            self._faults.setdefault(canonical, []).extend([error] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` answer only after ``seconds``."""
        canonical = _METHODS.get(method.lower(), method)
        with self._cond:
            self._delays.setdefault(canonical, []).extend([seconds] * times)

    def block_user(self, user_id: int, blocked: bool = True) -> None:
        """The user blocked the bot: sends to them get 403 "Forbidden: bot was blocked by the user"."""
        with self._cond:
            if blocked:
                self._blocked.add(user_id)
            else:
                self._blocked.discard(user_id)

    # ---------------------------------------------------------------- acting as users

    def add_user(
        self, user_id: int, first_name: str | None = None, language_code: str | None = _UNSET
    ) -> dict[str, Any]:
        """Introduce a user (as if they started the bot earlier) without sending an update."""
        with self._cond:
            return copy.deepcopy(self._user(user_id, first_name, language_code))

    def send_text(
        self,
        user_id: int,
        text: str,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
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
            message = self._user_message(user_id, first_name, language_code, fields)
            return self._queue("message", message)

    def send_command(
        self,
        user_id: int,
        command: str,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
    ) -> int:
        """The user sends a command such as "/start" or "/start payload" (bot_command entity)."""
        text = command if command.startswith("/") else "/" + command
        head = text.split(maxsplit=1)[0] if text.strip() else text
        entity = {"type": "bot_command", "offset": 0, "length": _utf16_len(head)}
        with self._cond:
            message = self._user_message(user_id, first_name, language_code, {"text": text, "entities": [entity]})
            return self._queue("message", message)

    def press_button(
        self,
        user_id: int,
        callback_data: str,
        message_id: int | None = None,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
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
                if not any(button.get("callback_data") == callback_data for button in _inline_buttons(message)):
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
        language_code: str | None = _UNSET,
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
                for button in _inline_buttons(self._messages[(user_id, message_id)])
                if button.get("text") == label and "callback_data" in button
            )
            return self.press_button(user_id, data, message_id, first_name, language_code)

    def send_photo(
        self,
        user_id: int,
        caption: str | None = None,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
    ) -> int:
        with self._cond:
            sizes = []
            for width, height in ((90, 67), (320, 240), (1280, 960)):
                record = self._new_file("photos", "jpg", b"\xff\xd8\xff" + bytes(width % 251))
                sizes.append(
                    {
                        "file_id": record["file_id"],
                        "file_unique_id": record["file_unique_id"],
                        "width": width,
                        "height": height,
                        "file_size": record["file_size"],
                    }
                )
            fields: dict[str, Any] = {"photo": sizes}
            if caption is not None:
                fields["caption"] = caption
            message = self._user_message(user_id, first_name, language_code, fields)
            return self._queue("message", message)

    def send_voice(
        self,
        user_id: int,
        duration: int = 3,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
    ) -> int:
        with self._cond:
            record = self._new_file("voice", "oga", b"OggS" + bytes(60))
            voice = {
                "file_id": record["file_id"],
                "file_unique_id": record["file_unique_id"],
                "duration": duration,
                "mime_type": "audio/ogg",
                "file_size": record["file_size"],
            }
            message = self._user_message(user_id, first_name, language_code, {"voice": voice})
            return self._queue("message", message)

    def send_sticker(
        self,
        user_id: int,
        emoji: str = "\U0001f44d",
        first_name: str | None = None,
        language_code: str | None = _UNSET,
    ) -> int:
        with self._cond:
            record = self._new_file("stickers", "webp", b"RIFF" + bytes(40))
            sticker = {
                "file_id": record["file_id"],
                "file_unique_id": record["file_unique_id"],
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": emoji,
                "set_name": "StandInStickers",
                "file_size": record["file_size"],
            }
            message = self._user_message(user_id, first_name, language_code, {"sticker": sticker})
            return self._queue("message", message)

    def send_document(
        self,
        user_id: int,
        file_name: str = "notitie.txt",
        content: bytes = b"Dit is een testdocument.\n",
        mime_type: str = "text/plain",
        caption: str | None = None,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
    ) -> int:
        """The user sends a file; the bot can fetch it with getFile and download it."""
        with self._cond:
            extension = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
            record = self._new_file("documents", extension, content)
            document = {
                "file_id": record["file_id"],
                "file_unique_id": record["file_unique_id"],
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": record["file_size"],
            }
            fields: dict[str, Any] = {"document": document}
            if caption is not None:
                fields["caption"] = caption
            message = self._user_message(user_id, first_name, language_code, fields)
            return self._queue("message", message)

    def send_location(
        self,
        user_id: int,
        latitude: float = 52.0907,
        longitude: float = 5.1214,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
    ) -> int:
        with self._cond:
            location = {"latitude": latitude, "longitude": longitude}
            message = self._user_message(user_id, first_name, language_code, {"location": location})
            return self._queue("message", message)

    def send_edited_text(
        self,
        user_id: int,
        message_id: int,
        text: str,
        first_name: str | None = None,
        language_code: str | None = _UNSET,
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

    # ---------------------------------------------------------------- what the bot did

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

    @staticmethod
    def buttons(message: Mapping[str, Any]) -> list[tuple[str, str | None]]:
        """(text, callback_data or url) of a message's inline buttons, row by row."""
        return [
            (button.get("text", ""), button.get("callback_data", button.get("url")))
            for button in _inline_buttons(message)
        ]

    def calls(self, method: str) -> list[dict[str, Any]]:
        """The recorded requests of one method (including failed ones)."""
        canonical = _METHODS.get(method.lower(), method)
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

    # ---------------------------------------------------------------- waiting

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

    # ---------------------------------------------------------------- internals: state

    def _user(self, user_id: int, first_name: str | None, language_code: str | None) -> dict[str, Any]:
        user = self._users.get(user_id)
        if user is None:
            user = {"id": user_id, "is_bot": False, "first_name": first_name or "Test"}
            if language_code is _UNSET:
                language_code = "nl"
            self._users[user_id] = user
        elif first_name:
            user["first_name"] = first_name
        if language_code is not _UNSET:
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
        message_id = self._next_message_id(user_id)
        message = {
            "message_id": message_id,
            "from": copy.deepcopy(user),
            "chat": self._chat(user_id),
            "date": int(time.time()),
            **fields,
        }
        self._messages[(user_id, message_id)] = message
        return copy.deepcopy(message)

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

    def _find_button_message(self, chat_id: int, matches: Callable[[dict[str, Any]], bool]) -> int | None:
        for message_id in reversed(self._bot_message_ids.get(chat_id, [])):
            if (chat_id, message_id) in self._deleted:
                continue
            if any(matches(button) for button in _inline_buttons(self._messages[(chat_id, message_id)])):
                return message_id
        return None

    @staticmethod
    def _scope_key(scope: Any) -> str:
        return json.dumps(scope or {"type": "default"}, sort_keys=True)

    # ---------------------------------------------------------------- internals: HTTP

    def _handle_http(
        self, path: str, content_type: str, body: bytes, connection: socket.socket | None = None
    ) -> tuple[int, bytes, str]:
        self._local.connection = connection
        parts = urlsplit(path)
        match = _PATH_RE.match(unquote(parts.path))
        not_found = ApiError(404, "Not Found")
        if match is None or not _TOKEN_RE.match(match.group(2)):
            return 404, _json_bytes(not_found.body()), "application/json"
        is_file, token, rest = match.groups()
        if self.token is not None and token != self.token:
            return 401, _json_bytes(ApiError(401, "Unauthorized").body()), "application/json"
        if is_file:
            with self._cond:
                record = next((f for f in self._files.values() if f["file_path"] == rest), None)
            if record is None:
                return 404, _json_bytes(not_found.body()), "application/json"
            return 200, record["content"], "application/octet-stream"

        bot_id = int(token.split(":", 1)[0])
        method = _METHODS.get(rest.lower())
        with self._cond:
            entry: dict[str, Any] = {
                "method": method or rest,
                "params": {},
                "files": {},
                "status": None,
                "time": time.time(),
            }
            self.requests.append(entry)
            try:
                try:
                    params, files = _parse_body(content_type, body, parts.query)
                except (ValueError, UnicodeDecodeError):
                    raise _bad_request("can't parse request body") from None
                entry["params"] = params
                entry["files"] = {name: {k: v for k, v in f.items() if k != "content"} for name, f in files.items()}
                if method is None:
                    raise not_found
                self._apply_delay(method)
                faults = self._faults.get(method)
                if faults:
                    raise faults.pop(0)
                handler = getattr(self, f"_api_{method}")
                result = handler(params, files, bot_id)
                status, reply = 200, {"ok": True, "result": result}
            except ApiError as error:
                status, reply = error.status, error.body()
                self.errors.append(
                    {
                        "method": entry["method"],
                        "status": error.status,
                        "description": error.description,
                        "params": entry["params"],
                    }
                )
            entry["status"] = status
            payload = _json_bytes(reply)
            self._cond.notify_all()
        return status, payload, "application/json"

    def _client_gone(self) -> bool:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            return False
        try:
            readable, _, _ = select.select([connection], [], [], 0)
            return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _apply_delay(self, method: str) -> None:
        delays = self._delays.get(method)
        if delays:
            seconds = delays.pop(0)
            self._cond.wait_for(lambda: self._closing, timeout=seconds)

    def _target_chat(self, params: Mapping[str, Any]) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise _bad_request("chat not found") from None
        if self.require_known_chat and chat_id not in self._users:
            raise _bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _formatted(self, params: Mapping[str, Any], field: str, *, caption: bool) -> tuple[str, list[dict[str, Any]]]:
        raw = params.get(field)
        raw = "" if raw is None else str(raw)
        mode = str(params.get("parse_mode") or "")
        if mode.lower() == "html":
            try:
                plain, entities = parse_telegram_html(raw, strict_ampersand=self.strict_ampersand)
            except EntityParseError as error:
                raise _bad_request(f"can't parse entities: {error}") from None
        elif mode.lower() in ("markdown", "markdownv2", ""):
            plain = raw
            given = _json_param(params, "caption_entities" if caption else "entities")
            entities = list(given) if (given and not mode) else []
        else:
            raise _bad_request("unsupported parse_mode")
        plain, entities = _strip_text(plain, entities)
        if caption:
            if len(plain) > MAX_CAPTION_LENGTH:
                raise _bad_request("message caption is too long")
        else:
            if not plain:
                raise _bad_request("message text is empty")
            if len(plain) > MAX_TEXT_LENGTH:
                raise _bad_request("message is too long")
        return plain, entities

    def _reply_to(self, chat_id: int, params: Mapping[str, Any]) -> dict[str, Any] | None:
        reply = _json_param(params, "reply_parameters")
        message_id = reply.get("message_id") if isinstance(reply, dict) else None
        if message_id is None:
            message_id = _int_param(params, "reply_to_message_id")
        if message_id is None:
            return None
        replied = self._messages.get((chat_id, int(message_id)))
        if replied is None or (chat_id, int(message_id)) in self._deleted:
            if isinstance(reply, dict) and reply.get("allow_sending_without_reply"):
                return None
            raise _bad_request("message to be replied not found")
        replied = copy.deepcopy(replied)
        replied.pop("reply_to_message", None)
        return replied

    def _store_bot_message(
        self,
        chat_id: int,
        bot_id: int,
        fields: dict[str, Any],
        raw_text: str | None,
        parse_mode: str | None,
    ) -> dict[str, Any]:
        message_id = self._next_message_id(chat_id)
        message = {
            "message_id": message_id,
            "from": self._bot_user(bot_id),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **fields,
        }
        key = (chat_id, message_id)
        self._messages[key] = message
        self._raw[key] = (raw_text, parse_mode)
        self._bot_message_ids.setdefault(chat_id, []).append(message_id)
        return message

    def _record(
        self, method: str, chat_id: int, params: Mapping[str, Any], message: Mapping[str, Any] | None, **extra: Any
    ) -> None:
        record: dict[str, Any] = {
            "method": method,
            "chat_id": chat_id,
            "message_id": message["message_id"] if message else _int_param(params, "message_id"),
            "text": params.get("text", params.get("caption")),
            "plain_text": (message or {}).get("text", (message or {}).get("caption")),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": _reply_markup_param(params),
            "params": dict(params),
            "time": time.time(),
        }
        record.update(extra)
        self.sent.append(record)

    # ---------------------------------------------------------------- internals: API methods

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
        if _bool_param(params, "drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_setWebhook(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        self.webhook = {"url": str(params.get("url", "")), "secret_token": params.get("secret_token")}
        return True

    def _api_getWebhookInfo(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        url = self.webhook.get("url", "") if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def pop_updates(self) -> list[dict[str, Any]]:
        """Take the queued updates, to deliver them to a webhook instead of getUpdates."""
        with self._cond:
            updates, self._updates = self._updates, []
            return updates

    def _api_getUpdates(self, params: Mapping[str, Any], files: Any, bot_id: int) -> list[dict[str, Any]]:
        offset = _int_param(params, "offset")
        limit = min(max(_int_param(params, "limit") or 100, 1), 100)
        timeout = min(max(_float_param(params, "timeout") or 0.0, 0.0), self.max_poll_timeout)
        allowed = _json_param(params, "allowed_updates")
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
        commands = _json_param(params, "commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad_request("too many commands")
        cleaned = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad_request("can't parse BotCommand: BotCommand must be an Object")
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        scope = _json_param(params, "scope")
        language = str(params.get("language_code") or "")
        self._commands[(self._scope_key(scope), language)] = cleaned
        if self._scope_key(scope) == self._scope_key(None) and not language:
            self.commands = copy.deepcopy(cleaned)
        return True

    def _api_getMyCommands(self, params: Mapping[str, Any], files: Any, bot_id: int) -> list[dict[str, str]]:
        scope = _json_param(params, "scope")
        language = str(params.get("language_code") or "")
        return copy.deepcopy(self._commands.get((self._scope_key(scope), language), []))

    def _api_deleteMyCommands(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        scope = _json_param(params, "scope")
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

    def _api_sendMessage(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        chat_id = self._target_chat(params)
        plain, entities = self._formatted(params, "text", caption=False)
        markup = _reply_markup_param(params)
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
        markup = _reply_markup_param(params)
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
            raise _bad_request(f"there is no {kind} in the request")
        if kind == "photo":
            media: Any = [
                {
                    "file_id": record["file_id"],
                    "file_unique_id": record["file_unique_id"],
                    "width": 800,
                    "height": 600,
                    "file_size": record["file_size"],
                }
            ]
        else:
            media = {
                "file_id": record["file_id"],
                "file_unique_id": record["file_unique_id"],
                "file_size": record["file_size"],
            }
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
            raise _bad_request("MESSAGE_ID_INVALID")
        chat_id = self._target_chat(params)
        message_id = _int_param(params, "message_id")
        if message_id is None:
            raise _bad_request("message identifier is not specified")
        key = (chat_id, message_id)
        message = self._messages.get(key)
        if message is None or key in self._deleted:
            raise _bad_request("message to edit not found")
        if message["from"]["id"] != bot_id:
            raise _bad_request("message can't be edited")
        return chat_id, message

    def _api_editMessageText(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        chat_id, message = self._editable(params, bot_id)
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        plain, entities = self._formatted(params, "text", caption=False)
        markup = _reply_markup_param(params)
        keyboard = {"inline_keyboard": markup["inline_keyboard"]} if markup and markup.get("inline_keyboard") else None
        if (
            message["text"] == plain
            and message.get("entities", []) == entities
            and message.get("reply_markup") == keyboard
        ):
            raise _bad_request(NOT_MODIFIED)
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
        markup = _reply_markup_param(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise _bad_request("inline keyboard expected")
        keyboard = {"inline_keyboard": markup["inline_keyboard"]} if markup and markup.get("inline_keyboard") else None
        if message.get("reply_markup") == keyboard:
            raise _bad_request(NOT_MODIFIED)
        if keyboard:
            message["reply_markup"] = keyboard
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = max(int(time.time()), message["date"])
        self._record("editMessageReplyMarkup", chat_id, params, message)
        return copy.deepcopy(message)

    def _api_deleteMessage(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        chat_id = self._target_chat(params)
        message_id = _int_param(params, "message_id")
        key = (chat_id, message_id or 0)
        if key not in self._messages or key in self._deleted:
            raise _bad_request("message to delete not found")
        self._deleted.add(key)
        self._record("deleteMessage", chat_id, params, None)
        return True

    def _api_answerCallbackQuery(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._callbacks.get(query_id)
        if query is None or query["answered"]:
            raise _bad_request(QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad_request("MESSAGE_TOO_LONG")
        query["answered"] = True
        self.answered_callbacks.append(
            {
                "callback_query_id": query_id,
                "user_id": query["user_id"],
                "data": query["data"],
                "message_id": query["message_id"],
                "text": text,
                "show_alert": _bool_param(params, "show_alert"),
                "url": params.get("url"),
                "cache_time": _int_param(params, "cache_time"),
                "time": time.time(),
            }
        )
        return True

    def _api_sendChatAction(self, params: Mapping[str, Any], files: Any, bot_id: int) -> bool:
        chat_id = self._target_chat(params)
        action = str(params.get("action") or "")
        if action not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        self.chat_actions.append({"chat_id": chat_id, "action": action, "time": time.time()})
        return True

    def _api_getFile(self, params: Mapping[str, Any], files: Any, bot_id: int) -> dict[str, Any]:
        record = self._files.get(str(params.get("file_id") or ""))
        if record is None:
            raise _bad_request("invalid file_id")
        return {k: record[k] for k in ("file_id", "file_unique_id", "file_size", "file_path")}
