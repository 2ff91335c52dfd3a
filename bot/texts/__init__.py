"""Every sentence a person reads, one module per language (`nl` default, `en`)."""

from __future__ import annotations

from types import ModuleType

from bot.texts import en, nl

LANGUAGES: dict[str, ModuleType] = {"nl": nl, "en": en}


def for_language(language: str | None) -> ModuleType:
    return LANGUAGES.get(language or "nl", nl)


__all__ = ["en", "for_language", "nl"]
