"""A stand-in for an OpenAI-compatible API (VLAM, vLLM, Ollama) on loopback, over real HTTP:
`POST /v1/chat/completions` answers what the test set, and every request body is recorded. The
real `openai` client talks to it as to the real thing."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    """One response: a status, a body (a JSON object, or raw text), and a delay before it."""

    status: int = 200
    body: Any = None
    delay: float = 0.0


def completion(content: str, model: str = "standin-model", finish_reason: str = "stop") -> dict[str, Any]:
    """A chat completion whose message is `content` (the model's JSON, as text)."""
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def wording(title: str, main_question: str, sub_questions: list[str]) -> Answer:
    """A good-natured answer with the draft's fields."""
    content = json.dumps({"title": title, "main_question": main_question, "sub_questions": sub_questions})
    return Answer(body=completion(content))


def error(status: int, message: str = "stand-in error") -> Answer:
    return Answer(status=status, body={"error": {"message": message, "type": "server_error", "code": None}})


@dataclass
class OpenAIStandIn:
    """The server's state: `respond` makes each answer; `requests` holds every body received."""

    respond: Callable[[dict[str, Any]], Answer] = field(default=lambda body: error(500))
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def answer(self, *answers: Answer) -> None:
        """Answer with these in turn, the last one from then on."""
        queue = list(answers)

        def respond(body: dict[str, Any]) -> Answer:
            return queue.pop(0) if len(queue) > 1 else queue[0]

        self.respond = respond

    def sent_text(self) -> str:
        """Everything the messages of every request held, as one text."""
        return "\n".join(str(m.get("content", "")) for r in self.requests for m in r.get("messages", []))


def _handler(state: OpenAIStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, {"error": {"message": "not found"}})
                return
            body = json.loads(raw or b"{}")
            state.requests.append(body)
            state.headers.append({k.lower(): v for k, v in self.headers.items()})
            answer = state.respond(body)
            if answer.delay:
                time.sleep(answer.delay)
            self._send(answer.status, answer.body)

        def _send(self, status: int, body: Any) -> None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running_standin() -> Iterator[OpenAIStandIn]:
    """The stand-in, listening on a free loopback port for the duration."""
    state = OpenAIStandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, name="openai-standin", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
