"""Frog, the Dutch analysis (Debian packages `frog` and `frogdata`), as processes this one uses.

Frog loads its models in about 4 s, so its processes serve the whole Python process: started
once, in the background, and kept. A `FrogPool` holds one or more (`VRAAGWIJZER_FROG_PROCESSES`),
each analysing one text at a time, so texts of different users are analysed side by side. With
`VRAAGWIJZER_FROG_SOCKET` (or a `frog.sock` in the data folder) the analysis comes from
`vraagwijzer frog` (bot/frog_server.py), a separate process that outlives restarts of the
service, so a restarted service does not wait for Frog's models again (`FrogClient`).

Names of people must be out of an answer before it is stored, and finding them needs only Frog's
tagger and named entities, which load in about a third of the time. So while a pool's full Frog
still loads, a quick Frog with just those modules answers `analyse_for_names`, and the service
answers its first chat message seconds earlier; it stops once the full Frog is ready.

Each Frog runs in its line mode (`-n`) with its standard output on a pseudo-terminal, so that
every sentence is written as soon as it is tagged; Frog's own server mode (`-S PORT`) would
listen on every network interface. Each request is the text as lines of at most 40 tokens
(Frog slows down steeply on longer sentences) followed by a sentinel line; the reply ends at
the sentinel's sentence.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import pty
import queue
import select
import shutil
import socket
import subprocess
import tempfile
import termios
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from bot.analysis import Analyser, Analysis, AnalysisError, FrogMissing, Sentence, frog_lines, parse

log = logging.getLogger(__name__)

FROG_COMMAND = ("frog", "--skip=mp", "-n")  # no multi-word units (they glue tokens), no parser (slow)
# Tags, lemmas and named entities: no morphological analyser or chunker either. (Without the
# lemmatiser, Frog 0.20 writes one column too many.)
NAMES_COMMAND = ("frog", "--skip=mpac", "-n")
INSTALL_HINT = "sudo apt-get install frog frogdata"
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 20.0
_SENTINEL = "Vwqzsentinelqz"
CACHE_SIZE = 4096
QUICK_CACHE_SIZE = 256


class Frog:
    """One Frog process; one text at a time (a `FrogPool` shares them between threads)."""

    def __init__(self, command: Sequence[str] = FROG_COMMAND) -> None:
        self.command = tuple(command)
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._master: int | None = None
        self._buffer = b""

    def analyse(self, text: str) -> Analysis:
        """The analysis of one text (any length; line breaks are spaces); a Frog that stopped
        is started again first."""
        lines = frog_lines(text)
        if not lines:
            return Analysis()
        with self._lock:
            self._ensure_started()
            try:
                return Analysis(self._request("\n".join(lines)))
            except AnalysisError:
                self._stop()  # a broken process is restarted at the next request
                raise

    def start(self) -> None:
        """Load the models now, in this thread (about 4 s); raises AnalysisError when Frog cannot run."""
        with self._lock:
            self._ensure_started()

    def close(self) -> None:
        """Stop the process, also one still loading its models (its start then fails at once)."""
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
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
                # Frog's OpenMP threads wait for work by spinning, which takes whole cores from
                # the service and from other Frog processes; passive waiting sleeps instead.
                env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
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


class _Cache:
    """The analyses of the last texts (drafting analyses the same questions again)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Analysis | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, analysis: Analysis) -> None:
        with self._lock:
            self._items[key] = analysis
            if len(self._items) > self.size:
                self._items.popitem(last=False)


def _key(text: str) -> str:
    """A text as Frog is given it: texts with the same key have the same analysis."""
    return "\n".join(frog_lines(text))


class _CachedAnalyser:
    """The analysis of a text from the cache, or else from `_analyse` (and then kept)."""

    def __init__(self) -> None:
        self._cache = _Cache()

    def analyse(self, text: str) -> Analysis:
        """The analysis of one text (any length; line breaks are spaces)."""
        key = _key(text)
        if not key:
            return Analysis()
        found = self._cache.get(key)
        if found is None:
            found = self._analyse(text)
            self._cache.put(key, found)
        return found

    def analyse_for_names(self, text: str) -> Analysis:
        """At least the tags and named entities; here the full analysis."""
        return self.analyse(text)

    def _analyse(self, text: str) -> Analysis:
        raise NotImplementedError


class FrogPool(_CachedAnalyser):
    """Frog processes side by side: each text goes to a free one, so that the answers of
    different users are analysed in parallel (a Frog process works on one text at a time).
    The first process loads at once, the others after it one by one, so a start is not slower.
    With a `names_command` (NAMES_COMMAND), a Frog for names only loads before them all and
    serves `analyse_for_names` until the first full Frog is ready."""

    def __init__(
        self, size: int = 1, command: Sequence[str] = FROG_COMMAND, names_command: Sequence[str] | None = None
    ) -> None:
        self.size = max(1, size)
        self._unloaded = [Frog(command) for _ in range(self.size)]
        self._all = tuple(self._unloaded)
        self._idle: queue.Queue[Frog] = queue.Queue()
        self._guard = threading.Lock()  # guards _unloaded, _loader and _failure
        self._loader: threading.Thread | None = None
        self._failure: AnalysisError | None = None
        self._closed = False
        self._quick_lock = threading.Lock()  # guards _quick; held while the quick Frog analyses
        self._quick: Frog | None = Frog(names_command) if names_command else None
        self._quick_ready = False
        # The quick Frog's analyses, apart from the full ones: a turn and its rehearsal ask twice.
        self._quick_cache = _Cache(QUICK_CACHE_SIZE)
        super().__init__()

    def start_in_background(self) -> None:
        """Begin loading the models now (about 4 s a process) so the first answer waits less."""
        with self._guard:
            if not self._unloaded or (self._loader is not None and self._loader.is_alive()):
                return
            self._failure = None
            self._loader = threading.Thread(target=self._load, name="frog-start", daemon=True)
            self._loader.start()

    @property
    def loaded(self) -> int:
        """How many of the processes have loaded their models."""
        with self._guard:
            return self.size - len(self._unloaded)

    def analyse_for_names(self, text: str) -> Analysis:
        """The full analysis once a full Frog is loaded; before that, the quick Frog's tags and
        named entities as soon as it is loaded (`complete` False), kept apart from the full ones."""
        key = _key(text)
        if not key:
            return Analysis()
        found = self._cache.get(key)
        if found is None and self._quick is not None:
            found = self._quick_cache.get(key)
        if found is not None:
            return found
        self.start_in_background()
        while True:
            with self._quick_lock:
                if self._quick is not None and self._quick_ready and not self.loaded:
                    try:
                        quick = replace(self._quick.analyse(text), complete=False)
                        self._quick_cache.put(key, quick)
                        return quick
                    except AnalysisError as error:
                        log.warning("The quick Frog failed (%s); waiting for the full one", error)
                        self._retire_quick()
            with self._guard:
                loading = self._loader is not None and self._loader.is_alive()
            if self.loaded or self._quick is None or not loading:
                return self.analyse(text)
            time.sleep(0.02)

    def _load(self) -> None:
        self._load_quick()
        while True:
            with self._guard:
                if not self._unloaded:
                    return
                frog = self._unloaded[0]
            try:
                frog.start()
            except AnalysisError as error:
                if self._closed:
                    return
                log.error("%s", error)  # the next text to analyse tries again and reports it
                with self._guard:
                    self._failure = error
                return
            with self._guard:
                self._unloaded.remove(frog)
            with self._quick_lock:
                self._retire_quick()
            self._idle.put(frog)

    def _load_quick(self) -> None:
        with self._quick_lock:
            quick = None if self._quick_ready else self._quick
        if quick is None:
            return
        try:
            quick.start()  # outside the lock: analyse_for_names polls it meanwhile
        except AnalysisError as error:
            if not self._closed:
                log.warning("The quick Frog did not start (%s); names wait for the full one", error)
            with self._quick_lock:
                self._retire_quick()
            return
        with self._quick_lock:
            self._quick_ready = self._quick is not None

    def _retire_quick(self) -> None:
        """Stop the quick Frog for good (its memory is freed); the caller holds _quick_lock."""
        quick, self._quick, self._quick_ready = self._quick, None, False
        self._quick_cache = _Cache(QUICK_CACHE_SIZE)
        if quick is not None:
            quick.close()

    def _analyse(self, text: str) -> Analysis:
        frog = self._take()
        try:
            return frog.analyse(text)
        finally:
            self._idle.put(frog)  # a Frog that failed restarts itself at its next text

    def _take(self) -> Frog:
        """A loaded Frog that is free, waiting for one if need be."""
        self.start_in_background()
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                return self._idle.get(timeout=0.05)
            except queue.Empty:
                pass
            with self._guard:
                failure = self._failure
                loading = self._loader is not None and self._loader.is_alive()
                none_loaded = len(self._unloaded) == self.size
            if failure is not None and not loading and none_loaded:
                raise failure
            if time.monotonic() > deadline:
                raise AnalysisError("Frog gaf geen antwoord binnen de tijd")

    def close(self) -> None:
        self._closed = True
        for frog in self._all:
            frog.close()
        with self._quick_lock:
            self._retire_quick()


# The Frog service's protocol: one JSON object a line each way. Request {"text": str}; answer
# {"sentences": Analysis.as_json()} or {"error": str}.
MAX_REQUEST_BYTES = 1_000_000


class FrogClient(_CachedAnalyser):
    """The analysis from `vraagwijzer frog` (bot/frog_server.py) over its Unix socket. When the
    service does not answer, this process analyses with Frog processes of its own (loaded
    then; the log says so), and goes back to the service as soon as it answers again."""

    def __init__(self, path: Path, fallback_size: int = 1) -> None:
        self.path = path
        self._fallback_size = fallback_size
        self._fallback: FrogPool | None = None
        self._guard = threading.Lock()
        super().__init__()

    def start_in_background(self) -> None:
        threading.Thread(target=self._check, name="frog-service-check", daemon=True).start()

    def _check(self) -> None:
        try:
            self._ask("Klaar.")
        except ConnectionError:
            self._own().start_in_background()
        except AnalysisError as error:
            log.error("%s", error)

    def analyse(self, text: str) -> Analysis:
        try:
            return super().analyse(text)
        except ConnectionError:
            return self._own().analyse(text)

    def analyse_for_names(self, text: str) -> Analysis:
        """The service's full analysis; without the service, this process's own quick start."""
        try:
            return super().analyse(text)
        except ConnectionError:
            return self._own().analyse_for_names(text)

    def _analyse(self, text: str) -> Analysis:
        return self._ask(text)

    def _ask(self, text: str) -> Analysis:
        """The service's analysis; ConnectionError when it does not run, AnalysisError when it failed."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(START_TIMEOUT + REQUEST_TIMEOUT)
            try:
                connection.connect(str(self.path))
            except (FileNotFoundError, ConnectionRefusedError) as error:
                raise ConnectionError(str(error)) from error
            try:
                connection.sendall((json.dumps({"text": text}, ensure_ascii=False) + "\n").encode())
                with connection.makefile("rb") as reply:
                    line = reply.readline(MAX_REQUEST_BYTES)
            except OSError as error:
                raise AnalysisError(f"De Frog-dienst op {self.path} antwoordde niet: {error}") from error
        try:
            answer = json.loads(line)
        except ValueError as error:
            raise AnalysisError(f"De Frog-dienst op {self.path} gaf geen leesbaar antwoord") from error
        if "error" in answer:
            raise AnalysisError(str(answer["error"]))
        return Analysis.from_json(answer.get("sentences"))

    def _own(self) -> FrogPool:
        with self._guard:
            if self._fallback is None:
                log.warning("The Frog service at %s does not answer; this process loads Frog itself", self.path)
                self._fallback = own_frog(self._fallback_size)
            return self._fallback

    def close(self) -> None:
        with self._guard:
            if self._fallback is not None:
                self._fallback.close()


_shared: Analyser | None = None
_shared_lock = threading.Lock()


def configure(processes: int = 1, service: Path | None = None) -> Analyser:
    """Choose this process's analysis (at the edge, from the settings): the Frog service at
    `service`, or `processes` Frog processes of its own."""
    chosen: Analyser = FrogClient(service, processes) if service is not None else own_frog(processes)
    previous = use(chosen)
    if previous is not None:
        previous.close()
    return chosen


def own_frog(processes: int = 1) -> FrogPool:
    """Frog processes of this process's own, with a quick start for names."""
    return FrogPool(processes, names_command=NAMES_COMMAND)


def use(analyser: Analyser | None) -> Analyser | None:
    """Make `analyser` this process's analysis; returns the one used before (not closed)."""
    global _shared
    with _shared_lock:
        previous, _shared = _shared, analyser
        return previous


def shared_frog() -> Analyser:
    """The process-wide analysis (loaded on first use, or earlier by `start_in_background`);
    one Frog process of its own unless `configure` chose otherwise."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = own_frog()
        return _shared


@atexit.register
def _close_shared() -> None:  # no Frog left behind when the process ends
    with _shared_lock:
        if _shared is not None:
            _shared.close()
