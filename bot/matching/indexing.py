"""Turning knowledge records into searchable documents, and keeping the indexes current."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from embeddings.collection import Collection, Document, SyncReport
from embeddings.encoder import Encoder
from knowledge import catalog
from knowledge.database import knowledge_revision
from knowledge.records import Assignment, Group
from knowledge.vocabulary import THEME_LABELS

log = logging.getLogger(__name__)

# The encoder reads about 256 word pieces; the dense text keeps to what matters most.
DENSE_EVIDENCE_TITLES = 6


def assignment_document(assignment: Assignment) -> Document:
    text = f"{assignment.title}. {assignment.problem}"
    lexical = f"{text} {assignment.research_question}"
    return Document(assignment.id, text, lexical)


def group_document(group: Group, done: list[Assignment]) -> Document:
    """A group's profile: what it says it does, and the evidence of what it did."""
    themes = ", ".join(THEME_LABELS.get(t, t) for t in group.themes)
    keywords = ", ".join(group.keywords)
    text = f"{group.name}. {group.description} Trefwoorden: {keywords}. Thema's: {themes}."
    titles = " ".join(f"{a.title}." for a in done[:DENSE_EVIDENCE_TITLES])
    evidence = " ".join(f"{a.title}. {a.problem}" for a in done)
    return Document(group.id, f"{text} {titles}".strip(), f"{text} {evidence}".strip())


def knowledge_documents(db: Database) -> tuple[list[Document], list[Document]]:
    """(assignment documents, group documents) for everything in the database."""
    assignments = list(catalog.assignments(db).values())
    by_group: dict[str, list[Assignment]] = defaultdict(list)
    for a in sorted(assignments, key=lambda a: (-a.year, a.id)):
        if a.group_id:
            by_group[a.group_id].append(a)
    groups = catalog.groups(db).values()
    return (
        [assignment_document(a) for a in assignments],
        [group_document(g, by_group.get(g.id, [])) for g in groups],
    )


@dataclass
class Indexes:
    assignments: Collection
    groups: Collection


def open_indexes(
    db: Database, folder: Path, encoder: Encoder, *, rebuild: bool = False, progress: bool = False
) -> tuple[Indexes, list[SyncReport]]:
    """Load the indexes from `folder`, updating them when the knowledge changed."""
    version = str(knowledge_revision(db))
    indexes = Indexes(
        Collection("assignments", folder / "assignments", encoder),
        Collection("groups", folder / "groups", encoder),
    )
    reports: list[SyncReport] = []
    if not rebuild and indexes.assignments.open(version) and indexes.groups.open(version):
        return indexes, reports
    assignment_docs, group_docs = knowledge_documents(db)
    reports.append(indexes.assignments.sync(assignment_docs, version, progress=progress, rebuild=rebuild))
    reports.append(indexes.groups.sync(group_docs, version, progress=progress, rebuild=rebuild))
    return indexes, reports
