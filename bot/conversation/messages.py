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
    # The same content with its structure, for channels that render cards; `text` stays the
    # plain version every channel can show.
    card: Card | None = None


@dataclass(frozen=True)
class Section:
    """A part of a card: a heading with a text, or with a list of items (numbered or not)."""

    heading: str
    text: str = ""
    items: tuple[str, ...] = ()
    numbered: bool = False
    note: str = ""  # a remark above the items, e.g. that a filter was left out


@dataclass(frozen=True)
class Card:
    """A reply with structure (the draft), for channels that can show it as more than text:
    the title and main question first, then the sections; `actions` are the options meant to
    sit on the card itself (they also come as buttons of a later reply)."""

    intro: str
    title: str
    main_label: str
    main_question: str
    sections: tuple[Section, ...] = ()
    actions: tuple[Option, ...] = ()
