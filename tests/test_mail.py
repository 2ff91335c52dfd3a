"""Mail to brokers through a real SMTP server on loopback (aiosmtpd), and the outbox fallback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from bot.workflow import Mailer
from tests.support.mail import Collector
from tests.support.ports import free_port


@pytest.fixture
def smtp() -> Iterator[tuple[Collector, int]]:

    port = free_port()
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield collector, port
    finally:
        controller.stop()


def test_mail_goes_out_over_smtp(smtp: tuple[Collector, int], tmp_path: Path) -> None:
    collector, port = smtp
    mailer = Mailer(
        outbox=tmp_path / "outbox", sender="vraagwijzer@example.nl", host="127.0.0.1", port=port, starttls=False
    )
    assert mailer.send("makelaar@example.nl", "Nieuwe onderzoeksvraag VW-1", "Bekijken: http://x/drafts/VW-1") == "smtp"
    ((recipients, message),) = collector.messages
    assert recipients == ["makelaar@example.nl"]
    assert message["Subject"] == "Nieuwe onderzoeksvraag VW-1" and message["From"] == "vraagwijzer@example.nl"
    assert "http://x/drafts/VW-1" in message.get_payload(decode=True).decode()
    assert not (tmp_path / "outbox").exists()


def test_without_smtp_mail_is_filed_in_the_outbox(tmp_path: Path) -> None:
    path = Mailer(outbox=tmp_path / "outbox", sender="v@example.nl").send("m@example.nl", "Onderwerp", "Tekst é")
    filed = Path(path).read_bytes()
    assert b"Subject: Onderwerp" in filed and b"To: m@example.nl" in filed


def test_smtp_down_then_up_each_mail_goes_out_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:

    port = free_port()  # nothing listens here yet
    mailer = Mailer(outbox=tmp_path / "outbox", sender="v@example.nl", host="127.0.0.1", port=port, starttls=False)
    with caplog.at_level(logging.WARNING):
        first = mailer.send("m@example.nl", "Eerste", "Tekst")
        second = mailer.send("m@example.nl", "Tweede", "Tekst")
    assert Path(first).parent.name == "pending" and Path(second).exists() and "outbox" in caplog.text
    assert mailer.retry_pending() == 0  # still down: both keep waiting
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert mailer.retry_pending() == 2
        assert mailer.retry_pending() == 0  # not sent twice
    finally:
        controller.stop()
    assert sorted(str(m["Subject"]).strip() for _, m in collector.messages) == ["Eerste", "Tweede"]
