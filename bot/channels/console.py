"""The terminal channel: the same dialog, options as numbered choices."""

from __future__ import annotations

import getpass
from collections.abc import Callable

from bot import texts
from bot.assistant import Assistant
from bot.dialog import Incoming, Option, Reply

CHANNEL = "console"


def render(replies: list[Reply]) -> tuple[str, tuple[Option, ...]]:
    """Replies as terminal text; the options of all replies of the turn are numbered on, so that
    each number chooses one option (the kind of question 1-5, then the actions 6-9)."""
    lines: list[str] = []
    options: tuple[Option, ...] = ()
    for reply in replies:
        lines.append(reply.text)
        if reply.options:
            lines.extend(f"  {n}. {o.label}" for n, o in enumerate(reply.options, start=len(options) + 1))
            options = (*options, *reply.options)
    return "\n\n".join(lines), options


def incoming_for(line: str, options: tuple[Option, ...], user_ref: str) -> Incoming:
    stripped = line.strip()
    if stripped.isdigit() and 1 <= int(stripped) <= len(options):
        return Incoming(CHANNEL, user_ref, choice=options[int(stripped) - 1].key)
    return Incoming(CHANNEL, user_ref, text=line)


def run_console(
    assistant: Assistant,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
    user_ref: str | None = None,
) -> None:
    user = user_ref or getpass.getuser()
    write(texts.nl.CONSOLE_HINT)
    text, options = render(assistant.handle(Incoming(CHANNEL, user, text="/start")))
    write(text)
    while True:
        try:
            line = read("> ")
        except (EOFError, KeyboardInterrupt):
            write("")
            return
        if line.strip().lower() in ("/stop", "/quit", "exit"):
            return
        text, new_options = render(assistant.handle(incoming_for(line, options, user)))
        options = new_options
        write(text)
