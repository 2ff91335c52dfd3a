"""Shared fixtures: a real SQLite file per test, fakes for the model, the real model once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

# python-telegram-bot 22 warns about int time values unless told to use timedelta; with
# warnings as errors the warning would replace the exception under test.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from bot.matching import Matcher
from bot.matching.indexing import open_indexes
from embeddings.lexical import QueryExpander
from knowledge import catalog
from knowledge.database import open_database
from knowledge.example_data import thesaurus_entries
from tests.support import builders
from tests.support.fakes import FakeEncoder

# Fixtures of the support modules that several test modules share.
pytest_plugins = ["tests.support.dashboard", "tests.support.browser", "tests.support.catalogue"]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "vraagwijzer.db")
    yield database
    database.close()


@pytest.fixture
def small_db(db: Database) -> Database:
    for kind, records in builders.small_knowledge().items():
        catalog.save_records(db, kind, records)
    return db


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def small_matcher(small_db: Database, tmp_path: Path, fake_encoder: FakeEncoder) -> Matcher:
    indexes, _ = open_indexes(small_db, tmp_path / "index", fake_encoder)
    return Matcher(small_db, indexes, fake_encoder, QueryExpander(thesaurus_entries()))


@pytest.fixture(scope="session")
def real_encoder():  # type: ignore[no-untyped-def]
    from embeddings.encoder import SentenceEncoder, configure_threads

    configure_threads(2)
    return SentenceEncoder()


@pytest.fixture
def service_parts(small_db: Database, tmp_path: Path) -> Iterator[tuple[Database, FakeEncoder, Matcher]]:
    encoder = FakeEncoder()
    indexes, _ = open_indexes(small_db, tmp_path / "index", encoder)
    yield small_db, encoder, Matcher(small_db, indexes, encoder, QueryExpander(thesaurus_entries()))


@pytest.fixture(autouse=True)
def no_flood_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests type faster than any person; the flood limit has its own tests (explicit limits)."""
    monkeypatch.setattr("bot.conversation.ratelimit.BURST", 1_000_000)


@pytest.fixture(scope="session", autouse=True)
def frog_loading() -> None:
    """Frog's models load once per test process, in the background from the first test on, so
    that no test waits for them inside its own time limits."""
    from bot.frog import shared_frog

    shared_frog().start_in_background()


@pytest.fixture(scope="session")
def drafter():  # type: ignore[no-untyped-def]
    """The drafter with this process's one Frog (loaded once, about 6 s)."""
    from bot.drafting.drafter import Drafter
    from bot.frog import shared_frog

    return Drafter(shared_frog())
