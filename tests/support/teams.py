"""A local stand-in for the Bot Connector service that Teams uses, for end-to-end tests of the
Teams channel over HTTP.

``ConnectorStandIn`` is a real HTTP server on 127.0.0.1 (an OS-chosen port, a background
thread). Tests act as Teams: ``send_text``, ``click`` and ``send`` POST Activity JSON to the
bot's ``/api/messages`` with ``serviceUrl`` pointing at this server, the way the Bot Service
delivers a Teams message. The bot answers by calling the Connector REST API here
(``POST /v3/conversations/{id}/activities[/{replyToId}]``, ``PUT`` to update); every call is
recorded (``activities``, ``requests``) and answered with a new activity id, as Teams does.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

ACTIVITIES = re.compile(r"^/v3/conversations/([^/]+)/activities(?:/([^/]+))?$")


class ConnectorStandIn:
    def __init__(self, bot_url: str = "", channel_id: str = "msteams") -> None:
        self.bot_url = bot_url  # http://127.0.0.1:PORT/api/messages
        self.channel_id = channel_id
        self.activities: list[dict[str, Any]] = []  # what the bot sent, in order
        self.requests: list[dict[str, Any]] = []  # method, path, headers of every call
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                match = ACTIVITIES.match(self.path)
                with standin._lock:
                    standin.requests.append(
                        {"method": self.command, "path": self.path, "headers": dict(self.headers.items())}
                    )
                    if not match:
                        self._answer(404, {"error": {"code": "NotFound", "message": self.path}})
                        return
                    activity_id = f"bot-{next(standin._ids)}"
                    body.setdefault("conversation", {"id": match.group(1)})
                    standin.activities.append({**body, "id": body.get("id") or activity_id, "_method": self.command})
                self._answer(200, {"id": activity_id})

            do_POST = _record
            do_PUT = _record

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.service_url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> ConnectorStandIn:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- acting as Teams ----------------------------------------------------------------------
    def activity(self, user: str, **fields: Any) -> dict[str, Any]:
        """A Teams activity from `user` in their personal chat with the bot."""
        return {
            "type": "message",
            "id": f"user-{next(self._ids)}",
            "channelId": self.channel_id,
            "serviceUrl": self.service_url,
            "from": {"id": f"29:{user}", "name": f"Gebruiker {user}", "aadObjectId": f"aad-{user}"},
            "recipient": {"id": "28:vraagwijzer", "name": "Vraagwijzer"},
            "conversation": {"id": f"a:{user}", "conversationType": "personal", "tenantId": "tenant-1"},
            "locale": "nl-NL",
            **fields,
        }

    def send(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.post(self.bot_url, json=activity, headers=headers or {}, timeout=30)

    def send_text(self, user: str, text: str) -> httpx.Response:
        return self.send(self.activity(user, text=text))

    def click(self, user: str, key: str) -> httpx.Response:
        """Press an Adaptive Card button (Action.Submit): Teams sends its data as `value`."""
        self.wait_for(lambda: key in self.buttons(user), f"no button {key!r} for {user}")
        return self.send(self.activity(user, value={"vraagwijzer": key}))

    # -- what the bot did ---------------------------------------------------------------------
    def messages_to(self, user: str) -> list[dict[str, Any]]:
        with self._lock:
            return [a for a in self.activities if a.get("type") == "message" and a["conversation"]["id"] == f"a:{user}"]

    def texts_to(self, user: str) -> list[str]:
        return [m.get("text") or "" for m in self.messages_to(user)]

    def buttons(self, user: str) -> list[str]:
        """The data keys of the buttons on the bot's cards to `user`, the latest card's first:
        Teams keeps the buttons of every card (the draft's card has its own)."""
        return [
            action["data"]["vraagwijzer"]
            for message in reversed(self.messages_to(user))
            for attachment in message.get("attachments") or []
            for block in (attachment.get("content") or {}).get("body", [])
            for action in block.get("actions", [])
        ]

    def wait_for(self, condition: Callable[[], bool], message: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.02)
        raise AssertionError(f"{message}; the bot sent: {[m.get('text') for m in self.activities][-8:]}")

    def wait_text(self, user: str, fragment: str, timeout: float = 15.0) -> None:
        self.wait_for(lambda: any(fragment in t for t in self.texts_to(user)), f"no message with {fragment!r}", timeout)
