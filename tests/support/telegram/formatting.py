"""Telegram's HTML subset, modelled on tdlib's parse_html (error texts included): what the
user sees of a formatted text, and its entities."""

from __future__ import annotations

import re
from typing import Any

from tests.support.telegram.protocol import EntityParseError

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


def utf16_len(text: str) -> int:
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
            out_len += utf16_len(decoded)
            i = end
            continue
        if char != "<":
            out.append(char)
            out_len += utf16_len(char)
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


def strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram trims leading and trailing whitespace and shifts the entities accordingly."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept
