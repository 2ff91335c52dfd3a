"""What channels hand the dialog and what they get back: channels only translate these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Incoming:
    """A message from any channel: free text, a chosen option, or something we cannot read."""

    channel: str
    user_ref: str
    text: str | None = None
    choice: str | None = None
    unsupported: bool = False
    # The channel's increasing number of this message (Telegram's update_id), when it has one:
    # a message delivered again after a crash is recognised and not answered twice.
    sequence: int | None = None
    # Where the channel can reach this user later (Teams' conversation reference as JSON), stored
    # by the assistant with the turn.
    address: str | None = None


@dataclass(frozen=True)
class Option:
    key: str  # at most 64 bytes: Telegram callback data
    label: str


@dataclass(frozen=True)
class Reply:
    text: str
    options: tuple[Option, ...] = ()
