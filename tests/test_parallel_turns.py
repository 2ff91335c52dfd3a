"""Chat turns of different users run in parallel; one user's turns stay in order. The slow part
of a turn (here: the query's vector, held at a gate) is prepared before the database lock."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from sqlite_utils import Database

from bot.conversation.assistant import Assistant
from bot.conversation.messages import Reply
from bot.conversation.turns import TurnOrder
from bot.matching import Matcher
from bot.matching.indexing import open_indexes
from bot.texts import nl
from embeddings.lexical import QueryExpander
from knowledge import intakes
from knowledge.example_data import thesaurus_entries
from tests.support.assistant import CHANNEL, FULL_INTAKE, joined, options, run_intake, say
from tests.support.fakes import FakeEncoder

WAIT = 10.0
CONTEXT = FULL_INTAKE[4][1]  # the answer after which the similar work is looked up


class GatedEncoder(FakeEncoder):
    """The fake encoder, but a query waits at a gate while `armed`: a slow model, held."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.waiting = threading.Event()
        self.gate = threading.Event()
        self.queries: list[str] = []  # the queries encoded since it was armed

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if self.armed:
            self.queries.extend(texts)
            self.waiting.set()
            assert self.gate.wait(WAIT), "the gate was never opened"
        return super().encode_queries(texts)


@pytest.fixture
def encoder() -> GatedEncoder:
    return GatedEncoder()


@pytest.fixture
def assistant(small_db: Database, tmp_path: Path, encoder: GatedEncoder) -> Assistant:
    indexes, _ = open_indexes(small_db, tmp_path / "index", encoder)
    matcher = Matcher(small_db, indexes, encoder, QueryExpander(thesaurus_entries()))
    return Assistant(small_db, matcher, clock=lambda: "2026-11-28T10:00:00+00:00")


def in_thread(
    assistant: Assistant, user: str, text: str | None = None, choice: str | None = None
) -> tuple[threading.Thread, list[list[Reply]]]:
    out: list[list[Reply]] = []
    thread = threading.Thread(target=lambda: out.append(say(assistant, text=text, choice=choice, user=user)))
    thread.start()
    return thread, out


def test_another_users_turn_runs_while_one_turns_query_is_encoded(assistant: Assistant, encoder: GatedEncoder) -> None:
    run_intake(assistant, FULL_INTAKE[:4], user="a")
    encoder.armed = True
    a, a_replies = in_thread(assistant, "a", text=CONTEXT)
    assert encoder.waiting.wait(WAIT)
    # A's query is being encoded, and nobody holds the database lock meanwhile...
    assert assistant.lock.acquire(blocking=False)
    assistant.lock.release()
    # ... so B's turns (read, dialog, write) are answered now.
    assert nl.ASK["organisation"] in joined(say(assistant, "/start", user="b"))
    assert "Groningen" not in joined(say(assistant, "duo", user="b"))
    assert intakes.load_conversation(assistant.db, CHANNEL, "b").step == "region"
    assert a.is_alive()
    encoder.gate.set()
    a.join(WAIT)
    assert nl.SIMILAR_INTRO in joined(a_replies[0])
    assert "similar:new" in options(a_replies[0])
    # The turn itself found the vector made before the lock: the query was encoded once.
    assert len(encoder.queries) == 1


def test_without_the_preparation_another_user_waits_for_the_encoding(
    assistant: Assistant, encoder: GatedEncoder
) -> None:
    """The known-bad case the test above rules out: everything inside the lock."""
    assistant.prepares = False
    run_intake(assistant, FULL_INTAKE[:4], user="a")
    encoder.armed = True
    a, _ = in_thread(assistant, "a", text=CONTEXT)
    assert encoder.waiting.wait(WAIT)
    b, b_replies = in_thread(assistant, "b", text="/start")
    b.join(0.5)
    assert b.is_alive() and not b_replies  # B waits for A's lock
    encoder.gate.set()
    a.join(WAIT)
    b.join(WAIT)
    assert nl.ASK["organisation"] in joined(b_replies[0])


def test_one_users_two_messages_at_once_are_answered_in_order(assistant: Assistant, encoder: GatedEncoder) -> None:
    run_intake(assistant, FULL_INTAKE[:4], user="a")
    encoder.armed = True
    first, first_replies = in_thread(assistant, "a", text=CONTEXT)
    assert encoder.waiting.wait(WAIT)
    # The button for the similar work's question, pressed before that question was answered.
    second, second_replies = in_thread(assistant, "a", choice="similar:new")
    second.join(0.5)
    assert second.is_alive() and not second_replies  # it waits for the first turn
    encoder.gate.set()
    first.join(WAIT)
    second.join(WAIT)
    assert nl.SIMILAR_INTRO in joined(first_replies[0])
    assert nl.ASK["goal"] in joined(second_replies[0])
    conversation = intakes.load_conversation(assistant.db, CHANNEL, "a")
    assert conversation.step == "goal" and conversation.answers["context"] == CONTEXT
    assert conversation.answers["builds_on"] is None


def test_a_whole_intake_with_preparation_submits_once(assistant: Assistant, small_db: Database) -> None:
    """The rehearsal before the lock never writes: one intake, one draft, one event."""
    run_intake(assistant, FULL_INTAKE)
    assert "Ingediend" in joined(say(assistant, choice="review:submit"))
    drafts = intakes.drafts_of(small_db, CHANNEL, "u1")
    assert len(drafts) == 1
    assert len(intakes.events_of(small_db, drafts[0].id)) == 1


def test_turn_order_is_first_come_first_served_and_forgets_idle_users() -> None:
    order = TurnOrder()
    done: list[int] = []
    first_in = threading.Event()
    release = threading.Event()

    def turn(n: int) -> None:
        with order.turn(("test", "u")):
            if n == 0:
                first_in.set()
                release.wait(WAIT)
            done.append(n)

    threads = [threading.Thread(target=turn, args=(0,))]
    threads[0].start()
    assert first_in.wait(WAIT)
    for n in range(1, 6):  # each queued behind the one before
        thread = threading.Thread(target=turn, args=(n,))
        thread.start()
        threads.append(thread)
        while len(order._waiting[("test", "u")]) < n + 1:
            threading.Event().wait(0.001)
    with order.turn(("test", "other")):  # another user is not held up
        assert done == []
    release.set()
    for thread in threads:
        thread.join(WAIT)
    assert done == [0, 1, 2, 3, 4, 5]
    assert len(order) == 0
