"""A local stand-in for the Telegram Bot API (see ``standin`` for how to use it).

The parts: ``standin`` the server and its lifecycle and faults, ``users`` the tests acting as
users, ``activity`` reading and awaiting what the bot did, ``methods`` and ``messages`` the
Bot API methods, ``state`` what the stand-in remembers, ``formatting`` Telegram's HTML,
``parameters`` request parsing, ``protocol`` limits and errors, ``server`` the HTTP plumbing.
"""

from tests.support.telegram.formatting import parse_telegram_html
from tests.support.telegram.protocol import (
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    ApiError,
    EntityParseError,
)
from tests.support.telegram.standin import BotApiStandIn

__all__ = [
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_TEXT_LENGTH",
    "ApiError",
    "BotApiStandIn",
    "EntityParseError",
    "parse_telegram_html",
]
