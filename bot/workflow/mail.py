"""E-mail to brokers and research groups: over SMTP when configured, otherwise as .eml files
in the outbox folder.

A mail that SMTP refuses waits in `outbox/pending/` (with a log line) and is sent by
`retry_pending`, which the service calls every minute: nothing is lost, nothing is sent twice.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mailer:
    outbox: Path
    sender: str
    host: str | None = None
    port: int = 587
    user: str | None = None
    password: str | None = None
    starttls: bool = True

    def send(self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> str:
        """Send (or file) one plain-text mail; returns "smtp" or the path it waits at. `headers` are
        added as given (List-Unsubscribe of the catalogue's digest)."""
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Date"], message["Message-ID"] = formatdate(localtime=False), make_msgid(domain="vraagwijzer")
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(body)
        if not self.host:
            return str(self._file(message, self.outbox))
        try:
            self._smtp(message)
            return "smtp"
        except (OSError, smtplib.SMTPException) as error:
            log.warning("SMTP %s:%s is not available (%s); the mail waits in the outbox", self.host, self.port, error)
            return str(self._file(message, self.outbox / "pending"))

    def retry_pending(self) -> int:
        """Send the mails that waited for SMTP; returns how many went out."""
        pending = self.outbox / "pending"
        if not self.host or not pending.exists():
            return 0
        sent = 0
        for path in sorted(pending.glob("*.eml")):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            try:
                self._smtp(message)
            except (OSError, smtplib.SMTPException) as error:
                log.warning("SMTP still not available (%s); %s keeps waiting", error, path.name)
                break
            done = self.outbox / "sent"
            done.mkdir(parents=True, exist_ok=True)
            path.replace(done / path.name)  # moved only after SMTP accepted it: sent once
            sent += 1
        return sent

    def _smtp(self, message: EmailMessage) -> None:
        assert self.host
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user and self.password:
                smtp.login(self.user, self.password)
            smtp.send_message(message)

    def _file(self, message: EmailMessage, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        name = message["Message-ID"].strip("<>").replace("@", "_").replace("/", "_")
        path = folder / f"{name}.eml"
        path.write_bytes(bytes(message))
        log.info("Mail to %s written to %s", message["To"], path)
        return path
