"""A local stand-in for the Telegram Bot API, for end-to-end tests with a real PTB Application.

``BotApiStandIn`` is a real HTTP server on 127.0.0.1 (an OS-chosen port, a background thread)
that speaks the Bot API the way python-telegram-bot 22 talks to it: PTB's ``HTTPXRequest``
POSTs ``application/x-www-form-urlencoded`` bodies (``multipart/form-data`` when a file is
uploaded) whose values are plain strings for string parameters and JSON text for everything
else (``reply_markup``, ``commands``, ``chat_id`` as ``"42"``...). JSON bodies and query strings
are accepted too. Answers are ``{"ok": true, "result": ...}`` in Telegram's own shapes, and the
errors are Telegram's (HTTP status, ``error_code`` and ``description``), so PTB raises the same
exceptions it raises in production.

Tests act as users (``send_text``, ``press_button``, ...): those queue updates that the bot
fetches with ``getUpdates`` (long polling). What the bot did is recorded (``sent``,
``messages_to``, ``chat_actions``, ``commands``, ``answered_callbacks``, ``requests``,
``errors``). ``fail_next`` and ``delay_next`` inject faults for reliability tests.

Usage::

    with BotApiStandIn() as api:
        app = Application.builder().token("123:TEST").base_url(api.base_url).build()
        ...  # start the app and polling inside asyncio
        api.send_text(42, "Hallo")
        messages = await api.wait_for_messages_async(42, 1)

The PTB application runs in the test's event loop, so inside ``async`` code use the
``*_async`` waits; the blocking ``wait_for``/``wait_for_messages`` refuse to run on a thread
with a running event loop (they would block the bot they wait for).

Deliberate deviations from Telegram: a ``&`` in HTML text that does not start a valid entity
(``&amp;``, ``&lt;``, ``&gt;``, ``&quot;``, ``&#NN;``, ``&#xHH;``) is rejected, while Telegram
itself passes it through literally (``strict_ampersand=False`` restores Telegram's behaviour);
Markdown and MarkdownV2 are not validated; text length is counted in code points.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.support.telegram.activity import BotActivity
from tests.support.telegram.messages import MessageMethods
from tests.support.telegram.methods import BotMethods
from tests.support.telegram.parameters import parse_body
from tests.support.telegram.protocol import CONFLICT, METHODS, ApiError, bad_request
from tests.support.telegram.server import Handler, Server
from tests.support.telegram.users import UserActions

_TOKEN_RE = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
_PATH_RE = re.compile(r"^/(file/)?bot([^/]*)/(.*)$")


def _json_bytes(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


class BotApiStandIn(UserActions, BotActivity, BotMethods, MessageMethods):
    """A local, recording, fault-injecting Telegram Bot API server (see the module docstring)."""

    def __init__(
        self,
        *,
        bot_name: str = "Vraagwijzer",
        bot_username: str = "vraagwijzer_test_bot",
        token: str | None = None,
        max_poll_timeout: float = 2.0,
        strict_ampersand: bool = True,
        require_known_chat: bool = True,
    ) -> None:
        """token: if given, other tokens get 401 Unauthorized (any well-formed one otherwise).

        max_poll_timeout caps getUpdates' ``timeout``; require_known_chat answers "chat not
        found" for chats of users the tests never introduced (Telegram's behaviour).
        """
        super().__init__(
            bot_name=bot_name,
            bot_username=bot_username,
            max_poll_timeout=max_poll_timeout,
            strict_ampersand=strict_ampersand,
            require_known_chat=require_known_chat,
        )
        self.token = token
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._faults: dict[str, list[ApiError]] = {}
        self._delays: dict[str, list[float]] = {}

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> BotApiStandIn:
        if self._server is not None:
            raise RuntimeError("BotApiStandIn is already started")
        handler = type("_BoundHandler", (Handler,), {"standin": self})
        self._closing = False
        self._server = Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"BotApiStandIn:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; wakes long polls, cuts open connections and joins every thread."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        server.shutdown()
        with self._cond:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if thread is not None:
            thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> BotApiStandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("BotApiStandIn is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """For ``Application.builder().base_url(...)``: PTB appends ``<token>/<method>``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``Application.builder().base_file_url(...)`` (file downloads)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def _track_connection(self, connection: socket.socket, *, add: bool) -> None:
        with self._cond:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    # ---------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        times: int = 1,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with HTTP ``status``.

        429 answers "Too Many Requests: retry after N" with parameters.retry_after = N
        (N = retry_after, default 1): PTB raises RetryAfter. 502 answers "Bad Gateway"
        (PTB: NetworkError); other statuses get ``description`` or a generic text.
        """
        canonical = METHODS.get(method.lower(), method)
        if status == 429:
            seconds = 1 if retry_after is None else int(retry_after)
            error = ApiError(
                429,
                description or f"Too Many Requests: retry after {seconds}",
                {"retry_after": seconds},
            )
        else:
            defaults = {
                400: "Bad Request",
                403: "Forbidden",
                409: CONFLICT,
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }
            parameters = {"retry_after": int(retry_after)} if retry_after else None
            error = ApiError(status, description or defaults.get(status, "Error"), parameters)
        with self._cond:
            self._faults.setdefault(canonical, []).extend([error] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` answer only after ``seconds``."""
        canonical = METHODS.get(method.lower(), method)
        with self._cond:
            self._delays.setdefault(canonical, []).extend([seconds] * times)

    def block_user(self, user_id: int, blocked: bool = True) -> None:
        """The user blocked the bot: sends to them get 403 "Forbidden: bot was blocked by the user"."""
        with self._cond:
            if blocked:
                self._blocked.add(user_id)
            else:
                self._blocked.discard(user_id)

    # ---------------------------------------------------------------- answering a request

    def _handle_http(
        self, path: str, content_type: str, body: bytes, connection: socket.socket | None = None
    ) -> tuple[int, bytes, str]:
        """Answer one HTTP request (called by the server's handler threads): status, body, type."""
        self._local.connection = connection
        parts = urlsplit(path)
        match = _PATH_RE.match(unquote(parts.path))
        not_found = ApiError(404, "Not Found")
        if match is None or not _TOKEN_RE.match(match.group(2)):
            return 404, _json_bytes(not_found.body()), "application/json"
        is_file, token, rest = match.groups()
        if self.token is not None and token != self.token:
            return 401, _json_bytes(ApiError(401, "Unauthorized").body()), "application/json"
        if is_file:
            with self._cond:
                record = next((f for f in self._files.values() if f["file_path"] == rest), None)
            if record is None:
                return 404, _json_bytes(not_found.body()), "application/json"
            return 200, record["content"], "application/octet-stream"

        bot_id = int(token.split(":", 1)[0])
        method = METHODS.get(rest.lower())
        with self._cond:
            entry: dict[str, Any] = {
                "method": method or rest,
                "params": {},
                "files": {},
                "status": None,
                "time": time.time(),
            }
            self.requests.append(entry)
            try:
                try:
                    params, files = parse_body(content_type, body, parts.query)
                except (ValueError, UnicodeDecodeError):
                    raise bad_request("can't parse request body") from None
                entry["params"] = params
                entry["files"] = {name: {k: v for k, v in f.items() if k != "content"} for name, f in files.items()}
                if method is None:
                    raise not_found
                self._apply_delay(method)
                faults = self._faults.get(method)
                if faults:
                    raise faults.pop(0)
                handler = getattr(self, f"_api_{method}")
                result = handler(params, files, bot_id)
                status, reply = 200, {"ok": True, "result": result}
            except ApiError as error:
                status, reply = error.status, error.body()
                self.errors.append(
                    {
                        "method": entry["method"],
                        "status": error.status,
                        "description": error.description,
                        "params": entry["params"],
                    }
                )
            entry["status"] = status
            payload = _json_bytes(reply)
            self._cond.notify_all()
        return status, payload, "application/json"

    def _apply_delay(self, method: str) -> None:
        delays = self._delays.get(method)
        if delays:
            seconds = delays.pop(0)
            self._cond.wait_for(lambda: self._closing, timeout=seconds)
