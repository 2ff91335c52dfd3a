"""`vraagwijzer chat`: the same dialog in the terminal, options as numbered choices."""

from __future__ import annotations

from sqlite_utils import Database

from bot.channels.console import run_console
from bot.conversation.assistant import Assistant
from bot.matching import Matcher
from knowledge import intakes


def test_a_whole_intake_in_the_terminal(small_db: Database, small_matcher: Matcher) -> None:
    typed = iter(
        [
            "duo",
            "Zwolle",
            "Onze laptops krijgen updates pas weken te laat en niemand weet welke",
            "We houden het bij in excel; sinds de BIO-eisen moet het sneller",
            "1",
            "we willen updates binnen een week uitrollen",
            "medewerkers en de servicedesk",
            "CMDB en excel",
            "volgend semester",
            "2",
            "1",
            "6",  # the kinds of question are 1-5, "Indienen" comes after them
        ]
    )
    shown: list[str] = []

    def read(prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    run_console(Assistant(small_db, small_matcher), read=read, write=shown.append, user_ref="tester")
    screen = "\n".join(shown)
    assert "Genoteerd: Dienst Uitvoering Onderwijs (DUO)." in screen
    assert "  1. Noord en Oost" in screen and "  2. Midden" in screen
    assert "Hoofdvraag: Welke maatregelen kan DUO nemen om updates binnen een week uit te rollen?" in screen
    assert "  1. Een ontwerp" in screen and "  6. Indienen" in screen  # one number per option in a turn
    assert "Ingediend" in screen
    drafts = intakes.drafts_of(small_db, "console", "tester")
    assert drafts and drafts[0].draft["form"] == "afstudeeropdracht" and drafts[0].draft["level"] == "hbo"
