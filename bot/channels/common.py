"""What every chat channel needs when turning replies into messages."""

from __future__ import annotations


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
