"""Logging without personal data or secrets: every record passes `Scrub` before it is written.

Libraries log more than we do (python-telegram-bot and httpx put the bot token in request URLs
and, at DEBUG, whole updates with what people typed); the filter catches it all at the handler.
"""

from __future__ import annotations

import logging
import re
import sys

from bot.conversation.redaction import redact

SECRETS = (
    # Telegram bot tokens, also inside .../bot<token>/sendMessage URLs
    (re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{5,}"), "<bot-token>"),
    # single-use login links, institution links, chat link codes, bearer tokens
    (re.compile(r"(/login/|/s/)[A-Za-z0-9_.~-]{8,}"), r"\1<token>"),
    (re.compile(r"(?i)\b(koppel|link)\s+[a-z0-9]{4}-?[a-z0-9]{4}\b"), r"\1 <code>"),
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1<token>"),
    (re.compile(r"(?i)(secret|password|token)(['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"), r"\1\2<hidden>"),
)


# Addresses on the reserved .example domain (the example brokers) are nobody's: keep them readable.
EXAMPLE_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+\.example\b")


def scrub(text: str) -> str:
    for pattern, replacement in SECRETS:
        text = pattern.sub(replacement, text)
    examples = EXAMPLE_ADDRESS.findall(text)
    text = redact(EXAMPLE_ADDRESS.sub("\x00", text)).text
    for address in examples:
        text = text.replace("\x00", address, 1)
    return text


class Scrub(logging.Filter):
    """Replace the message (and traceback text) of a record by its scrubbed rendering."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed log call must not break logging
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


def configure_logging(level: str) -> logging.Handler:
    """Logs to stderr at `level`, scrubbed; the noisy libraries stay at WARNING unless DEBUG."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Scrub())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "vraagwijzer", False):
            root.removeHandler(old)
    handler.vraagwijzer = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("bm25s", "sentence_transformers", "transformers", "faiss", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    return handler
