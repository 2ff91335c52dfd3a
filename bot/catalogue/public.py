"""What the public may read of an approved question (pure): the drafted question's own fields,
with every redaction placeholder as "(weggelaten)", and the timeline redacted once more."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.redaction import redact
from bot.workflow.for_groups import readable
from knowledge.catalogue import CatalogueRow
from knowledge.vocabulary import THEME_LABELS

TIMELINE_LIMIT = 200


@dataclass(frozen=True)
class PublicQuestion:
    id: str
    state: str
    title: str
    organisation: str
    main_question: str
    sub_questions: tuple[str, ...]
    form: str | None
    level: str | None
    region: str
    themes: tuple[str, ...]
    timeline: str
    published_at: str

    @property
    def passage(self) -> str:
        """The text that is searched: title, organisation, questions and theme names."""
        themes = " ".join(THEME_LABELS.get(t, t) for t in self.themes)
        return " ".join([self.title, self.organisation, self.main_question, *self.sub_questions, themes])


def clean(text: str) -> str:
    """Text for the public: placeholders as "(weggelaten)", and e-mail addresses, phone numbers,
    IBANs and BSNs that slipped through (a broker's edit) removed too."""
    return readable(redact(text).text).strip()


def public_question(row: CatalogueRow) -> PublicQuestion:
    timeline = clean(row.timeline)
    if len(timeline) > TIMELINE_LIMIT:
        timeline = timeline[: TIMELINE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return PublicQuestion(
        id=row.id,
        state=row.state,
        title=clean(row.title),
        organisation=clean(row.organisation),
        main_question=clean(row.main_question),
        sub_questions=tuple(clean(s) for s in row.sub_questions if s.strip()),
        form=row.form,
        level=row.level,
        region=row.region,
        themes=row.themes,
        timeline=timeline,
        published_at=row.published_at,
    )
