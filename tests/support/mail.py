"""What a real SMTP server on loopback (aiosmtpd) received, for tests of the mail it was sent."""

from __future__ import annotations

from email import message_from_bytes, policy
from typing import Any


class Collector:
    """An aiosmtpd handler that keeps every mail as (recipients, parsed message)."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"
