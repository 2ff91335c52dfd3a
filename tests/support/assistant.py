"""Talking to the channel-neutral assistant in tests: one message or button press at a time,
the texts and options of its replies, and a whole scripted intake."""

from __future__ import annotations

from bot.conversation.assistant import Assistant
from bot.conversation.messages import Incoming, Reply

CHANNEL = "test"


def say(assistant: Assistant, text: str | None = None, choice: str | None = None, user: str = "u1") -> list[Reply]:
    return assistant.handle(Incoming(CHANNEL, user, text=text, choice=choice)).replies


def joined(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def options(replies: list[Reply]) -> list[str]:
    return [o.key for r in replies for o in r.options]


FULL_INTAKE: list[tuple[str, str]] = [
    ("text", "/start"),
    ("text", "duo"),
    ("text", "ik werk in Groningen"),
    ("text", "Onze laptops krijgen updates pas weken te laat en niemand weet precies welke"),
    ("text", "We houden het nu bij in excel, sinds de nieuwe BIO-eisen moet het sneller"),
    ("choice", "similar:new"),
    ("text", "we willen updates binnen een week uitrollen op alle laptops"),
    ("text", "medewerkers en de servicedesk"),
    ("text", "CMDB en excel, geen persoonsgegevens"),
    ("text", "volgend semester"),
    ("choice", "form:afstudeeropdracht"),
    ("choice", "level:hbo"),
]


def run_intake(assistant: Assistant, steps: list[tuple[str, str]], user: str = "u1") -> list[Reply]:
    replies: list[Reply] = []
    for kind, value in steps:
        replies = say(assistant, text=value, user=user) if kind == "text" else say(assistant, choice=value, user=user)
    return replies
