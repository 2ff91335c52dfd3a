"""Dutch language analysis of free text with Frog: tokens with POS tag, lemma, morphology,
named entity and chunk, done once per answer and stored with it.

Frog (Debian packages `frog` and `frogdata`) loads its models in about 6 s, so one Frog
process serves the whole Python process: started once, in the background, and kept. It runs
in its line mode (`-n`) with its standard output on a pseudo-terminal, so that every sentence
is written as soon as it is tagged; Frog's own server mode (`-S PORT`) would listen on every
network interface. Each request is the text as lines of at most 40 tokens (Frog slows down
steeply on longer sentences) followed by a sentinel line; the reply ends at the sentinel's
sentence.

The records here are plain data: drafting and the quality checks read them, nothing else.
"""

from __future__ import annotations

import atexit
import logging
import os
import pty
import re
import select
import shutil
import subprocess
import tempfile
import termios
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

FROG_COMMAND = ("frog", "--skip=mp", "-n")  # no multi-word units (they glue tokens), no parser (slow)
INSTALL_HINT = "sudo apt-get install frog frogdata"
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 20.0
_SENTINEL = "Vwqzsentinelqz"
# Frog's tagger slows down steeply with the length of a sentence ("&&&&..." as one sentence of
# 200 tokens takes 6 s); each line it gets holds at most this many tokens.
MAX_LINE_TOKENS = 40
_UNITS = re.compile(r"\w+|[^\w\s]")
MAX_ODD_TOKENS = 8
CACHE_SIZE = 4096
_PLAIN_TOKEN = re.compile(r"^[(\[‘“'\"]?[\w’'-]+[.,;:!?)\]’”'\"]?$|^[.,;:!?()-]$|^\.\.\.$")
_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


class AnalysisError(Exception):
    """The analysis could not be made (Frog is missing, did not start, or stopped)."""


class FrogMissing(AnalysisError):
    pass


@dataclass(frozen=True)
class Token:
    """One word as Frog sees it. `pos` is the full CGN tag, e.g. "WW(inf,vrij,zonder)"."""

    word: str
    lemma: str
    morph: str  # "[weg][werk][en]"
    pos: str
    entity: str = "O"  # "B-PER", "I-PER", "B-LOC", "B-ORG", ...
    chunk: str = "O"  # "B-NP", "I-NP", "B-VP", "B-PP", ...

    @property
    def tag(self) -> str:
        """The main class: "WW", "N", "ADJ", "VZ", "VG", "LID", "VNW", "BW", "SPEC", "LET", "TW"."""
        return self.pos.split("(", 1)[0]

    @property
    def features(self) -> tuple[str, ...]:
        inner = self.pos.partition("(")[2].rstrip(")")
        return tuple(f for f in inner.split(",") if f)

    def has(self, *features: str) -> bool:
        own = self.features
        return all(f in own for f in features)

    @property
    def morphemes(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\[([^\]]*)\]", self.morph))

    def as_row(self) -> list[str]:
        return [self.word, self.lemma, self.morph, self.pos, self.entity, self.chunk]

    @classmethod
    def from_row(cls, row: Sequence[str]) -> Token:
        return cls(*row[:6])


Sentence = tuple[Token, ...]


@dataclass(frozen=True)
class Analysis:
    """A text as sentences of tokens."""

    sentences: tuple[Sentence, ...] = ()

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for s in self.sentences for t in s)

    def as_json(self) -> list[list[list[str]]]:
        return [[t.as_row() for t in s] for s in self.sentences]

    @classmethod
    def from_json(cls, data: Any) -> Analysis:
        return cls(tuple(tuple(Token.from_row(row) for row in sentence) for sentence in data or ()))

    def text(self) -> str:
        return " ".join(render(s) for s in self.sentences)


def render(tokens: Iterable[Token | str]) -> str:
    """Words joined as written Dutch: no space before punctuation, none inside quotes."""
    out = ""
    for item in tokens:
        word = item.word if isinstance(item, Token) else item
        if not word:
            continue
        if not out or out.endswith(("(", "‘", "“", "/")) or word in (".", ",", "?", "!", ":", ";", ")", "’", "”", "%"):
            out += word
        else:
            out += " " + word
    return out


def parse(lines: Iterable[str]) -> tuple[Sentence, ...]:
    """Frog's tab-separated columns (index, word, lemma, morphology, POS, confidence, entity,
    chunk, ...) into sentences; a blank line ends a sentence."""
    sentences: list[Sentence] = []
    current: list[Token] = []
    for line in lines:
        columns = line.rstrip("\r\n").split("\t")
        if len(columns) < 8 or not columns[0].isdigit():
            if current:
                sentences.append(tuple(current))
                current = []
            continue
        if columns[0] == "1" and current:
            sentences.append(tuple(current))
            current = []
        current.append(Token(columns[1], columns[2], columns[3], columns[4], columns[6] or "O", columns[7] or "O"))
    if current:
        sentences.append(tuple(current))
    return tuple(sentences)


def _without_odd_tokens(tokens: list[str]) -> list[str]:
    """Words with inner punctuation ("werk.nl", "Dep.V", "a.b") cost Frog 20-60 ms each against
    about 1 ms for a word; a few are real, a run of them is noise: keep the first MAX_ODD_TOKENS."""
    out, odd = [], 0
    for token in tokens:
        if not _PLAIN_TOKEN.match(token):
            odd += 1
            if odd > MAX_ODD_TOKENS:
                continue
        out.append(token)
    return out


def frog_lines(text: str) -> list[str]:
    """The text as Frog's input lines: sentences, each cut to at most MAX_LINE_TOKENS tokens."""
    # Symbols (emoji, "&", "<") and invisible characters carry no grammar but cost Frog much time
    # per token; long runs of punctuation are cut to three.
    kept = "".join(" " if unicodedata.category(c)[0] in "SCZ" else c for c in text)
    flat = " ".join(_without_odd_tokens(_PUNCTUATION_RUN.sub(lambda m: m.group(0)[:3], kept).split()))
    lines: list[str] = []
    for sentence in _SENTENCE_END.split(flat):
        units = list(_UNITS.finditer(sentence))
        start = 0
        for i in range(MAX_LINE_TOKENS, len(units), MAX_LINE_TOKENS):
            cut = units[i].start()
            lines.append(sentence[start:cut].strip())
            start = cut
        lines.append(sentence[start:].strip())
    return [line for line in lines if line]


class Frog:
    """One Frog process, started once and shared by the threads of this process."""

    def __init__(self, command: Sequence[str] = FROG_COMMAND) -> None:
        self.command = tuple(command)
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._master: int | None = None
        self._buffer = b""
        self._starting: threading.Thread | None = None
        # Guards `_starting` only: `_lock` is held for the seconds Frog loads, and a second
        # "start in the background" must not wait for that.
        self._start_guard = threading.Lock()
        # Drafting analyses the same questions again (another wording, a re-check after an
        # edit); answers are analysed once anyway. A small cache saves those Frog calls.
        self._cache: OrderedDict[str, Analysis] = OrderedDict()

    def start_in_background(self) -> None:
        """Begin loading the models now (about 6 s) so the first answer does not wait."""
        with self._start_guard:
            if self._process is not None or self._starting is not None:
                return
            self._starting = threading.Thread(target=self._start_quietly, name="frog-start", daemon=True)
            self._starting.start()

    def _start_quietly(self) -> None:
        try:
            with self._lock:
                self._ensure_started()
        except AnalysisError as error:
            log.error("%s", error)  # the first answer to analyse tries again and reports it

    def analyse(self, text: str) -> Analysis:
        """The analysis of one text (any length; line breaks are spaces)."""
        lines = frog_lines(text)
        if not lines:
            return Analysis()
        key = "\n".join(lines)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            self._ensure_started()
            try:
                analysis = Analysis(self._request(key))
            except AnalysisError:
                self._stop()  # a broken process is restarted at the next request
                raise
            self._cache[key] = analysis
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            return analysis

    def close(self) -> None:
        with self._lock:
            self._stop()

    # -- the process -------------------------------------------------------------------
    def _ensure_started(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._stop()
        if shutil.which(self.command[0]) is None:
            raise FrogMissing(f"Frog ontbreekt voor de Nederlandse taalanalyse; installeer het met: {INSTALL_HINT}")
        started = time.monotonic()
        master, slave = pty.openpty()
        attributes = termios.tcgetattr(slave)
        attributes[3] &= ~termios.ECHO  # the terminal must not echo our input back
        termios.tcsetattr(slave, termios.TCSANOW, attributes)
        try:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=slave,
                stderr=subprocess.DEVNULL,
                cwd=tempfile.gettempdir(),  # Frog leaves debug files in its working folder
                close_fds=True,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        self._master = master
        self._buffer = b""
        # The first request waits for the models; its answer tells that Frog is ready.
        try:
            self._request("Klaar.", timeout=START_TIMEOUT)
        except AnalysisError as error:
            self._stop()
            raise AnalysisError(f"Frog is niet gestart ({error}); controleer de installatie: {INSTALL_HINT}") from error
        log.info("Frog loaded in %.1f s", time.monotonic() - started)

    def _request(self, line: str, timeout: float = REQUEST_TIMEOUT) -> tuple[Sentence, ...]:
        process, master = self._process, self._master
        if process is None or process.stdin is None or master is None:
            raise AnalysisError("Frog draait niet")
        try:
            process.stdin.write(f"{line}\n{_SENTINEL}\n".encode())
            process.stdin.flush()
        except OSError as error:
            raise AnalysisError(f"Frog nam de tekst niet aan: {error}") from error
        lines = list(self._lines_until_sentinel(master, time.monotonic() + timeout))
        return parse(lines)

    def _lines_until_sentinel(self, master: int, deadline: float) -> Iterator[str]:
        while True:
            while b"\n" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\n", 1)
                text = raw.decode("utf-8", "replace")
                columns = text.split("\t")
                if len(columns) > 1 and columns[1] == _SENTINEL:
                    self._skip_to_blank_line(master, deadline)
                    return
                yield text
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AnalysisError("Frog gaf geen antwoord binnen de tijd")
            ready, _, _ = select.select([master], [], [], remaining)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError as error:
                raise AnalysisError("Frog is gestopt") from error
            if not chunk:
                raise AnalysisError("Frog is gestopt")
            self._buffer += chunk

    def _skip_to_blank_line(self, master: int, deadline: float) -> None:
        """The sentinel's sentence ends with a blank line; consume it so the next reply starts clean."""
        while True:
            if b"\n" in self._buffer:
                raw, rest = self._buffer.split(b"\n", 1)
                if raw.strip():
                    self._buffer = rest
                    continue
                self._buffer = rest
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AnalysisError("Frog gaf geen antwoord binnen de tijd")
            ready, _, _ = select.select([master], [], [], remaining)
            if ready:
                chunk = os.read(master, 65536)
                if not chunk:
                    raise AnalysisError("Frog is gestopt")
                self._buffer += chunk

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)
            if process.stdin:
                process.stdin.close()
        if self._master is not None:
            os.close(self._master)
            self._master = None
        self._buffer = b""


_shared: Frog | None = None
_shared_lock = threading.Lock()


def shared_frog() -> Frog:
    """The process-wide Frog (loaded on first use, or earlier by `start_in_background`)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Frog()
            atexit.register(_shared.close)  # no Frog left behind when the process ends
        return _shared
