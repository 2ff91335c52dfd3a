"""E-mail to brokers: over SMTP when configured, otherwise as .eml files in the outbox folder.

A mail that SMTP refuses is written to the outbox too, with a log line, so nothing is lost.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
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

    def send(self, to: str, subject: str, body: str) -> str:
        """Send (or file) one plain-text mail; returns "smtp" or the outbox path."""
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Date"], message["Message-ID"] = formatdate(localtime=False), make_msgid(domain="vraagwijzer")
        message.set_content(body)
        if self.host:
            try:
                with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                    if self.starttls:
                        smtp.starttls()
                    if self.user and self.password:
                        smtp.login(self.user, self.password)
                    smtp.send_message(message)
                return "smtp"
            except (OSError, smtplib.SMTPException) as error:
                log.warning(
                    "SMTP %s:%s refused a mail (%s); written to the outbox instead", self.host, self.port, error
                )
        return str(self._file(message))

    def _file(self, message: EmailMessage) -> Path:
        self.outbox.mkdir(parents=True, exist_ok=True)
        name = message["Message-ID"].strip("<>").replace("@", "_").replace("/", "_")
        path = self.outbox / f"{name}.eml"
        path.write_bytes(bytes(message))
        log.info("Mail to %s written to %s", message["To"], path)
        return path
