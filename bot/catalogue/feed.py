"""An Atom feed (RFC 4287) of catalogue questions (pure, xml.etree): the feedgen package ships no
wheel, and the feed needs only a handful of elements."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from bot.catalogue.public import PublicQuestion

ATOM = "http://www.w3.org/2005/Atom"


def atom_time(at: str) -> str:
    """An RFC 3339 time as Atom requires it (with its zone)."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        moment = datetime(1970, 1, 1, tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def atom_feed(
    *,
    feed_id: str,
    title: str,
    subtitle: str,
    self_link: str,
    page_link: str,
    author: str,
    questions: Sequence[PublicQuestion],
    links: Sequence[str],
    summaries: Sequence[str],
    categories: Sequence[Sequence[tuple[str, str]]],
    empty_updated: str,
) -> bytes:
    """The feed as UTF-8 bytes; `links`, `summaries` and `categories` (term, label) go with `questions`."""

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = text
        return element

    # The namespace as a plain attribute: ElementTree's prefix registry is global to the process
    # (the overview's SVG charts serialise in this process too).
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "nl"})
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    newest = max((q.published_at for q in questions), default=empty_updated)
    sub(feed, "updated", atom_time(newest))
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_link)
    sub(feed, "link", rel="alternate", type="text/html", href=page_link)
    sub(sub(feed, "author"), "name", author)
    for q, link, summary, labels in zip(questions, links, summaries, categories, strict=True):
        entry = sub(feed, "entry")
        sub(entry, "id", link)
        sub(entry, "title", q.title)
        sub(entry, "updated", atom_time(q.published_at))
        sub(entry, "published", atom_time(q.published_at))
        sub(entry, "link", rel="alternate", type="text/html", href=link)
        sub(entry, "summary", summary)
        for term, label in labels:
            sub(entry, "category", term=term, label=label)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
