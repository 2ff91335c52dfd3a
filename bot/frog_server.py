"""`vraagwijzer frog`: Frog as a service of its own, on a Unix socket beside the service.

Frog's models take about 4 s to load; a service that restarts (a deploy, a crash) would wait
for them again before it can answer the first message, since names are removed from every
answer before it is stored. Run this once beside the service and it keeps Frog loaded across
the service's restarts; several service processes can share it. The socket is a file only this
user can open (no rights for group or others): nothing listens on the network. The protocol is in bot/frog.py.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import socketserver
import threading
from pathlib import Path
from types import FrameType

from bot.analysis import AnalysisError
from bot.frog import MAX_REQUEST_BYTES, FrogPool
from knowledge.errors import VraagwijzerError

log = logging.getLogger(__name__)
MAX_SOCKET_PATH = 107  # bytes, sockaddr_un on Linux


class FrogServiceError(VraagwijzerError):
    """The Frog service cannot start (its socket is taken or its path unusable)."""


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True

    def __init__(self, path: Path, pool: FrogPool) -> None:
        self.pool = pool
        super().__init__(str(path), _Handler)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        while line := self.rfile.readline(MAX_REQUEST_BYTES):
            self.wfile.write((json.dumps(self._answer(line), ensure_ascii=False) + "\n").encode())
            self.wfile.flush()

    def _answer(self, line: bytes) -> dict[str, object]:
        try:
            request = json.loads(line)
            text = request["text"]
        except (ValueError, TypeError, KeyError):
            return {"error": 'Een verzoek is één JSON-regel: {"text": "..."}'}
        if not isinstance(text, str):
            return {"error": "De tekst moet een string zijn"}
        try:
            return {"sentences": self.server.pool.analyse(text).as_json()}
        except AnalysisError as error:
            return {"error": str(error)}


def answering(path: Path) -> bool:
    """Whether a process accepts connections on this socket."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def serve(path: Path, processes: int, ready: threading.Event | None = None) -> None:
    """Serve Frog's analysis on `path` until SIGTERM or Ctrl-C; `ready` is set when the socket
    accepts requests (the models may still be loading: requests wait for them)."""
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        raise FrogServiceError(f"Het pad van de socket is te lang (meer dan {MAX_SOCKET_PATH} bytes): {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        if answering(path):
            raise FrogServiceError(f"Er draait al een Frog-dienst op {path}")
        path.unlink()  # left behind by a service that was killed
    pool = FrogPool(processes)
    pool.start_in_background()
    previous = os.umask(0o077)  # the socket is born readable by this user only
    try:
        server = _Server(path, pool)
    finally:
        os.umask(previous)

    def on_signal(number: int, frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    in_main = threading.current_thread() is threading.main_thread()
    restore = signal.signal(signal.SIGTERM, on_signal) if in_main else None
    log.info("Frog service on %s with %d Frog process(es)", path, pool.size)
    if ready is not None:
        ready.set()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        path.unlink(missing_ok=True)
        pool.close()
        if restore is not None:
            signal.signal(signal.SIGTERM, restore)
