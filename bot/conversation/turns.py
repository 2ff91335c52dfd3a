"""How turns of many users share the process: one user's turns in order (`TurnOrder`), and a
rehearsal of a turn before the process-wide lock (`rehearse`) that leaves its slow, cached parts
ready for the real turn inside the lock: the Dutch analysis of the answer (Frog, a separate
process) and the query's vector (computed outside Python's interpreter lock)."""

from __future__ import annotations

import contextlib
import copy
import logging
import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from bot.conversation.dialog import Dialog
from bot.conversation.messages import Incoming
from bot.conversation.services import DialogServices
from bot.matching import Matching, MatchResult
from knowledge.records import Conversation

log = logging.getLogger(__name__)

# "1" turns the preparation off: every turn does all its work inside the lock, as before
# (for measuring what the preparation brings, bench/load.py --serial-turns).
SERIAL_TURNS_ENV = "VRAAGWIJZER_SERIAL_TURNS"


class TurnOrder:
    """One user's turns one at a time, in the order they arrived; other users' turns meanwhile.
    Holds only the users with a turn running or waiting, so it stays small."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: dict[tuple[str, str], deque[threading.Event]] = {}

    @contextlib.contextmanager
    def turn(self, who: tuple[str, str]) -> Iterator[None]:
        mine = threading.Event()
        with self._guard:
            queue = self._waiting.setdefault(who, deque())
            queue.append(mine)
            if len(queue) == 1:
                mine.set()
        mine.wait()
        try:
            yield
        finally:
            with self._guard:
                queue.popleft()
                if queue:
                    queue[0].set()
                else:
                    del self._waiting[who]

    def __len__(self) -> int:
        with self._guard:
            return len(self._waiting)


class _Rehearsed(Exception):
    """The rehearsal of a turn reached a step that needs the database: it ends there."""


class _Rehearsal:
    """The matcher as a rehearsal sees it: the query's vector is computed (and cached by the
    real matcher), then the rehearsal ends; nothing reads the database."""

    def __init__(self, matcher: Matching) -> None:
        self.matcher = matcher

    def find(self, text: str, **_: Any) -> MatchResult:
        prepare = getattr(self.matcher, "prepare", None)
        if prepare is not None:
            prepare(text)
        raise _Rehearsed


def _stop(*_: Any) -> Any:
    raise _Rehearsed


def rehearse(services: DialogServices, conversation: Conversation, incoming: Incoming) -> None:
    """Run the dialog on a copy of its services with every step that needs the database cut
    off. The result is thrown away: the real turn, in the lock, decides everything again, so a
    rehearsal that guessed wrong costs time, never correctness."""
    rehearsal = copy.copy(services)
    rehearsal.matcher = _Rehearsal(services.matcher)
    rehearsal.submit = rehearsal.drafts_of = rehearsal.forget = rehearsal.resubmit = _stop
    rehearsal.answer_overlap = _stop
    try:
        Dialog(rehearsal).handle(conversation, incoming)
    except _Rehearsed:
        pass
    except Exception:  # the real turn meets it again and reports it
        log.debug("The rehearsal of a %s turn failed", incoming.channel, exc_info=True)
