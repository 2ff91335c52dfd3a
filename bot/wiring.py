"""Assembling the parts from settings: database, example data, encoder, indexes, matcher."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.settings import Settings, SettingsError
from bot.texts import nl

# The heavy parts (SQLite layer, matching, encoder) load where they are used, so the command
# line starts at once: `vraagwijzer run` begins loading Frog before them.
if TYPE_CHECKING:
    from sqlite_utils import Database

    from bot.drafting.drafter import Drafter
    from bot.matching import Matcher
    from bot.matching.indexing import Indexes
    from bot.overlap import OverlapIndex
    from bot.wording.service import ModelWording
    from embeddings.collection import SyncReport
    from embeddings.encoder import Encoder

log = logging.getLogger(__name__)


@dataclass
class Assembly:
    db: Database
    encoder: Encoder
    indexes: Indexes
    matcher: Matcher
    reports: list[SyncReport]


def check_data_dir(settings: Settings) -> None:
    """Refuse to start, with one clear line, on a data folder we cannot write to or a disk that
    is nearly full: better than a half-written state later."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        probe = settings.data_dir / f".probe-{os.getpid()}"
        probe.write_bytes(b"vraagwijzer")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SettingsError(nl.DATA_DIR_UNUSABLE.format(path=settings.data_dir, reason=reason)) from error
    free_mb = shutil.disk_usage(settings.data_dir).free // (1024 * 1024)
    if free_mb < settings.min_free_mb:
        raise SettingsError(nl.DISK_NEARLY_FULL.format(path=settings.data_dir, free=free_mb, need=settings.min_free_mb))


def open_db(settings: Settings) -> Database:
    """The database, with the example knowledge loaded on first start."""
    from bot.workflow import utc_now
    from knowledge.database import open_database
    from knowledge.example_data import ensure_knowledge

    check_data_dir(settings)
    db = open_database(settings.database_path)

    ensure_knowledge(db, utc_now())
    return db


def assemble(
    settings: Settings, *, encoder: Encoder | None = None, rebuild: bool = False, progress: bool = False
) -> Assembly:
    from bot.matching import Matcher
    from bot.matching.indexing import open_indexes
    from embeddings.encoder import configure_threads, load_encoder
    from embeddings.lexical import QueryExpander
    from knowledge.example_data import thesaurus_entries

    db = open_db(settings)
    if encoder is None:
        configure_threads(settings.threads)
        encoder = load_encoder(settings.model, settings.data_dir / "models")
    indexes, reports = open_indexes(db, settings.index_dir, encoder, rebuild=rebuild, progress=progress)
    matcher = Matcher(db, indexes, encoder, QueryExpander(thesaurus_entries()))
    return Assembly(db, encoder, indexes, matcher, reports)


def link_secret(settings: Settings) -> bytes:
    """The key that signs suggestion links, created once in the data folder (mode 600)."""
    path = settings.data_dir / "secret.key"
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


# Present in the data folder: the language model is not asked, from the next draft on (no restart).
LLM_OFF_FILE = "llm-off"


def model_wording(settings: Settings, drafter: Drafter | None = None) -> ModelWording | None:
    """The optional wording by the organisation's language model, or None when it is not
    configured or switched off (VRAAGWIJZER_LLM=off at start; the file `llm-off` in the data
    folder at once, while running)."""
    if settings.llm is None:
        if settings.llm_switched_off:
            log.warning(nl.LLM_SWITCHED_OFF)
        return None
    from bot.drafting.drafter import Drafter
    from bot.frog import shared_frog
    from bot.wording.client import ModelClient
    from bot.wording.service import ModelWording

    llm = settings.llm
    off_file = settings.data_dir / LLM_OFF_FILE
    log.warning(nl.LLM_ON.format(model=llm.model, url=llm.url, timeout=f"{llm.timeout:g}"))
    return ModelWording(
        ModelClient(llm.url, llm.model, llm.key, llm.timeout),
        drafter or Drafter(shared_frog()),
        enabled=lambda: not off_file.exists(),
    )


def overlap_index(settings: Settings, db: Database) -> OverlapIndex:
    """The overlap index over the cached vectors, for the command line: the model loads only
    when a question's text is not cached yet."""
    from bot.overlap import OverlapIndex
    from bot.workflow import utc_now
    from embeddings import encoder

    models = settings.data_dir / "models"
    return OverlapIndex(
        db, settings.model or encoder.DEFAULT_MODEL, lambda: encoder.load_encoder(settings.model, models), now=utc_now
    )
