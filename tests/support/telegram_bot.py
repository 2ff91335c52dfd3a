"""The real python-telegram-bot application of Vraagwijzer against the Bot API stand-in, and
a civil servant going through the intake in it (waiting for each answer, as a person would)."""

from __future__ import annotations

import asyncio
import threading

from bot.channels.telegram import build_application
from bot.conversation.assistant import Assistant
from tests.support.telegram import BotApiStandIn

TOKEN = "123456:TEST-TOKEN"


class RunningBot:
    """The PTB application polling in its own thread and event loop, as in production."""

    def __init__(self, standin: BotApiStandIn, assistant: Assistant) -> None:
        self.app = build_application(assistant, TOKEN, standin.base_url)
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self._stop: asyncio.Event | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._main())
        self.loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(poll_interval=0.0, timeout=1, drop_pending_updates=False)
        self.ready.set()
        await self._stop.wait()
        await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()

    def __enter__(self) -> RunningBot:
        self.thread.start()
        assert self.ready.wait(10), "bot did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self.loop.call_soon_threadsafe(self._stop.set)
        self.thread.join(15)
        assert not self.thread.is_alive()


def wait_text(standin: BotApiStandIn, chat: int, fragment: str, timeout: float = 10.0) -> None:
    standin.wait_for(
        lambda: any(fragment in (m.get("text") or "") for m in standin.messages_to(chat)),
        timeout,
        f"no message containing {fragment!r}",
    )


def press(standin: BotApiStandIn, user: int, data: str) -> None:
    """Wait until the bot shows the button, then press it (as a person would)."""
    standin.wait_for(
        lambda: any(data == d for m in standin.messages_to(user) for _, d in standin.buttons(m)),
        10,
        f"no button {data!r}",
    )
    standin.press_button(user, data)


def intake_until_problem(standin: BotApiStandIn, user: int) -> None:
    standin.send_command(user, "/start")
    wait_text(standin, user, "Bij welke rijksorganisatie")
    standin.send_text(user, "duo")
    wait_text(standin, user, "In welke regio")
    press(standin, user, "region:oost")
    wait_text(standin, user, "Wat is het probleem")


def finish_intake(standin: BotApiStandIn, user: int) -> None:
    steps = [
        ("Onze laptops krijgen updates pas weken te laat en niemand weet precies welke", "huidige situatie"),
        ("We houden het bij in excel; sinds de BIO-eisen moet het sneller", "Is uw vraag nieuw"),
    ]
    for text, expect in steps:
        standin.send_text(user, text)
        wait_text(standin, user, expect)
    press(standin, user, "similar:new")
    wait_text(standin, user, "Wat moet er anders zijn")
    for text, expect in [
        ("we willen updates binnen een week uitrollen", "Wie merken"),
        ("medewerkers en de servicedesk", "Welke gegevens"),
        ("CMDB en excel", "Wanneer zou"),
        ("volgend semester", "Welke vorm"),
    ]:
        standin.send_text(user, text)
        wait_text(standin, user, expect)
    press(standin, user, "form:afstudeeropdracht")
    wait_text(standin, user, "Welk niveau")
    press(standin, user, "level:hbo")
    wait_text(standin, user, "Hoofdvraag:")
    press(standin, user, "review:submit")
    wait_text(standin, user, "Ingediend")
