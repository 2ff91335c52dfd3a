"""A draft as readable text and as a Word document brokers can forward as is."""

from __future__ import annotations

import io
import logging
import multiprocessing
import re
import threading
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.shared import Pt

from bot import texts
from bot.drafting import Draft

log = logging.getLogger(__name__)


def render_text(draft: Draft) -> str:
    t = texts.for_language(draft.language)
    labels = t.DOCUMENT_LABELS
    lines = [draft.title, "", f"{labels['main_question']}: {draft.main_question}", "", f"{labels['sub_questions']}:"]
    lines += [f"  {i}. {q}" for i, q in enumerate(draft.sub_questions, 1)]
    for key in ("background", "objective", "scope"):
        lines += ["", f"{labels[key]}: {getattr(draft, key)}"]
    for key in ("deliverables", "constraints"):
        values = getattr(draft, key)
        if values:
            lines += ["", f"{labels[key]}:"] + [f"  - {v}" for v in values]
    lines += [
        "",
        f"{labels['form']}: {draft.form or '-'}   {labels['level']}: {draft.level}   "
        f"{labels['themes']}: {', '.join(draft.themes) or '-'}",
    ]
    if draft.similar_assignments:
        lines += ["", f"{labels['similar']}:"] + [
            f"  - {a['organisation']} {a['year']}: {a['title']}" for a in draft.similar_assignments
        ]
    if draft.suggested_groups:
        lines += ["", f"{labels['groups']}:"] + [
            f"  - {g['name']} ({g['institution']}): {'; '.join(g['why'][:3])}" for g in draft.suggested_groups
        ]
    lines += ["", f"{labels['quality']}:"] + [
        f"  [{'x' if q.ok else ' '}] {q.check}{'' if q.ok else ' — ' + q.advice}" for q in draft.quality
    ]
    return "\n".join(lines)


# Characters a Word document (XML 1.0) cannot hold: C0 controls other than tab and line breaks.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """The same data with characters removed that would make python-docx refuse the text."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    return value


def write_docx(draft: Draft, path: Path | IO[bytes]) -> None:
    draft = Draft.from_json(xml_safe(draft.as_json()))
    t = texts.for_language(draft.language)
    labels = t.DOCUMENT_LABELS
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(draft.title, level=0)
    doc.add_paragraph(f"{draft.organisation} · {labels['region']}: {draft.region or '-'}")
    doc.add_heading(labels["main_question"], level=1)
    doc.add_paragraph(draft.main_question)
    doc.add_heading(labels["sub_questions"], level=1)
    for question in draft.sub_questions:
        doc.add_paragraph(question, style="List Number")
    for key in ("background", "objective", "scope"):
        doc.add_heading(labels[key], level=1)
        doc.add_paragraph(getattr(draft, key) or "-")
    for key in ("deliverables", "constraints"):
        doc.add_heading(labels[key], level=1)
        for value in getattr(draft, key) or ["-"]:
            doc.add_paragraph(value, style="List Bullet")
    doc.add_heading(labels["details"], level=1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in (
        (labels["form"], draft.form or "-"),
        (labels["level"], draft.level),
        (labels["themes"], ", ".join(draft.themes) or "-"),
    ):
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    if draft.similar_assignments:
        doc.add_heading(labels["similar"], level=1)
        for a in draft.similar_assignments:
            doc.add_paragraph(f"{a['organisation']} ({a['year']}): {a['title']}", style="List Bullet")
    if draft.suggested_groups:
        doc.add_heading(labels["groups"], level=1)
        for g in draft.suggested_groups:
            doc.add_paragraph(f"{g['name']} ({g['institution']}): {'; '.join(g['why'][:3])}", style="List Bullet")
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(path))
    else:
        doc.save(path)


def docx_bytes(draft: Mapping[str, Any]) -> bytes:
    """The Word document of a stored draft (its JSON form), as bytes."""
    buffer = io.BytesIO()
    write_docx(Draft.from_json(dict(draft)), buffer)
    return buffer.getvalue()


class DocxWriter:
    """Word documents written in a process of their own. python-docx is pure Python (about 27 ms
    a document here): in the service's process that time would hold the interpreter lock every
    chat turn needs, in its own it runs on another core. Started at the first document; when it
    cannot run, the document is written here instead (the log says why)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def write(self, draft: Mapping[str, Any]) -> bytes:
        try:
            return self._worker().submit(docx_bytes, draft).result(timeout=120)
        except (BrokenProcessPool, OSError) as error:
            log.warning("The Word document is written in the service's own process (%s)", error)
            self.close()
            return docx_bytes(draft)

    def _worker(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # "spawn": a fresh interpreter, not a fork of a process with threads and open files.
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
