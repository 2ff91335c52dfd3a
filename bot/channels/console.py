"""The terminal channel (`vraagwijzer chat`): the same dialog, options as numbered choices.
No routes, no pushing: notices show at the next turn."""

from __future__ import annotations

import getpass
from collections.abc import Callable

from bot import texts
from bot.channels.base import Channel
from bot.conversation.assistant import Assistant
from bot.conversation.messages import Incoming, Option, Reply

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


class ConsoleChannel(Channel):
    name = CHANNEL

    def __init__(
        self, assistant: Assistant, read: Callable[[str], str] = input, write: Callable[[str], None] = print
    ) -> None:
        super().__init__()
        self.assistant = assistant
        self.read = read
        self.write = write

    def run(self, user_ref: str | None = None) -> None:
        """Talk until the user stops (`/stop`, end of input, Ctrl-C)."""
        user = user_ref or getpass.getuser()
        self.write(texts.nl.CONSOLE_HINT)
        text, options = render(self.assistant.handle(Incoming(CHANNEL, user, text="/start")).replies)
        self.write(text)
        while True:
            try:
                line = self.read("> ")
            except (EOFError, KeyboardInterrupt):
                self.write("")
                return
            if line.strip().lower() in ("/stop", "/quit", "exit"):
                return
            text, options = render(self.assistant.handle(incoming_for(line, options, user)).replies)
            self.write(text)


def run_console(
    assistant: Assistant,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
    user_ref: str | None = None,
) -> None:
    ConsoleChannel(assistant, read, write).run(user_ref)
