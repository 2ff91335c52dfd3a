"""Request parameters as PTB sends them: every value a string, JSON text for non-strings."""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from tests.support.telegram.protocol import MAX_CALLBACK_DATA_BYTES, bad_request


def parse_body(content_type: str, body: bytes, query: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
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


def int_param(params: Mapping[str, Any], name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise bad_request(f"wrong parameter {name} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"wrong parameter {name} specified") from None


def float_param(params: Mapping[str, Any], name: str) -> float | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise bad_request(f"wrong parameter {name} specified") from None


def bool_param(params: Mapping[str, Any], name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return bool(value)


def json_param(params: Mapping[str, Any], name: str) -> Any:
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None
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


def reply_markup_param(params: Mapping[str, Any]) -> dict[str, Any] | None:
    """Parse and validate reply_markup the way Telegram does (the parts tests run into)."""
    value = params.get("reply_markup")
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            markup = json.loads(value)
        except ValueError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
    else:
        markup = value
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        for row in _rows(markup, "inline_keyboard", "InlineKeyboardMarkup"):
            for button in row:
                _check_inline_button(button)
    elif "keyboard" in markup:
        for row in _rows(markup, "keyboard", "ReplyKeyboardMarkup"):
            for button in row:
                if not isinstance(button, str) and not (
                    isinstance(button, dict) and isinstance(button.get("text"), str)
                ):
                    raise bad_request("can't parse keyboard button: KeyboardButton must be a String or an Object")
    elif not ({"remove_keyboard", "force_reply"} & markup.keys()):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _rows(markup: Mapping[str, Any], field: str, kind: str) -> list[list[Any]]:
    rows = markup[field]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the {kind} should be an Array of Arrays')
    return rows


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    actions = [action for action in _BUTTON_ACTIONS if action in button]
    if not actions:
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not _URL_RE.match(url):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def inline_buttons(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]
