"""The weekly digest mail of a subscription (pure): new questions of its themes, each with its
link, and the one-click unsubscribe link."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.catalogue.public import PublicQuestion
from knowledge.vocabulary import THEME_LABELS

nl = texts.nl


def theme_names(themes: Sequence[str]) -> str:
    names = [THEME_LABELS.get(t, t) for t in themes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def digest_mail(
    questions: Sequence[PublicQuestion], themes: Sequence[str], links: Sequence[str], catalogue: str, unsubscribe: str
) -> tuple[str, str]:
    """(subject, body) of a digest with these questions (at least one)."""
    items = "\n".join(
        nl.DIGEST_ITEM.format(
            title=q.title,
            organisation=q.organisation,
            themes=theme_names(q.themes),
            question=q.main_question,
            link=link,
        )
        for q, link in zip(questions, links, strict=True)
    )
    count = len(questions)
    subject = nl.DIGEST_SUBJECT[1 if count == 1 else "n"].format(n=count, themes=theme_names(themes))
    body = nl.DIGEST_MAIL.format(themes=theme_names(themes), items=items, catalogue=catalogue, unsubscribe=unsubscribe)
    return subject, body
