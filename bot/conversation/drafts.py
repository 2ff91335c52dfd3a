"""Similar past work and the draft, as the dialog shows them: what matching finds for the
answers so far, the draft made of all answers, and the replies that present both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import ModuleType
from typing import Any

from bot.analysis import Analysis
from bot.conversation.messages import Card, Option, Reply, Section
from bot.conversation.services import DialogServices
from bot.drafting import Draft, Intake
from bot.drafting.records import group_records
from bot.matching import AssignmentMatch, Matching, match_intake
from knowledge.records import Conversation

# What the similar step matches on: the problem and its context, the region as a preference.
# Form and level are asked later; going back to this step shows what it showed at first.
SIMILAR_ON = ("problem", "context", "region")


def intake_from_answers(answers: Mapping[str, Any], language: str) -> Intake:
    return Intake(
        organisation=answers.get("organisation") or "",
        problem=answers.get("problem", ""),
        context=answers.get("context", ""),
        goal=answers.get("goal", ""),
        stakeholders=answers.get("stakeholders", ""),
        data=answers.get("data", ""),
        timeline=answers.get("timeline", ""),
        region=answers.get("region"),
        form=answers.get("form"),
        level=answers.get("level") or "beide",
        language=language,
        builds_on=answers.get("builds_on"),
    )


def similar_work(matcher: Matching, answers: Mapping[str, Any]) -> list[AssignmentMatch]:
    """Up to three past assignments like the problem and its context."""
    asked = {key: answers.get(key) for key in SIMILAR_ON}
    result = match_intake(matcher, asked, fields=("problem", "context"))
    return result.assignments[:3] if result else []


def make_draft(services: DialogServices, conv: Conversation) -> Draft:
    """The draft of all answers, with the groups and assignments matching problem, context
    and goal; the kind and wording the user chose, if any. When form and level leave no
    group, the nearest groups without those filters, each marked `unfiltered`."""
    answers = conv.answers
    drafter = services.drafter
    assert drafter is not None
    analyses = {k: Analysis.from_json(v) for k, v in (answers.get("analysis") or {}).items()}
    draft = drafter.draft(
        intake_from_answers(answers, conv.language),
        match_intake(services.matcher, answers, language=conv.language),
        analyses=analyses,
        organisation=services.organisation_name(answers.get("organisation_id"), answers.get("organisation") or ""),
        kind=conv.pending.get("kind"),
        variant=int(conv.pending.get("variant", 0)),
    )
    if draft.suggested_groups or not filtered(answers):
        return draft
    unfiltered = match_intake(services.matcher, {**answers, "form": None, "level": None}, language=conv.language)
    return replace(draft, suggested_groups=[{**g, "unfiltered": True} for g in group_records(unfiltered)])


def filtered(answers: Mapping[str, Any]) -> bool:
    """Do the answers narrow the groups by form or level?"""
    return bool(answers.get("form")) or answers.get("level") not in (None, "", "beide")


def similar_reply(t: ModuleType, similar: list[AssignmentMatch], own_organisation: str | None) -> Reply:
    """The similar assignments with "Mijn vraag is nieuw" and "Bouwt voort op n" to choose."""
    lines = [t.SIMILAR_INTRO]
    for n, a in enumerate(similar, start=1):
        lines.append(
            t.SIMILAR_LINE.format(
                n=n, organisation=a.organisation, year=a.year, title=a.title, outcome=a.outcome or "-"
            )
        )
    if any(a.organisation_id != own_organisation for a in similar):
        lines.append(t.SIMILAR_OTHER_ORGS)
    lines.append(t.SIMILAR_QUESTION)
    options = (
        Option("similar:new", t.OPTION_NEW),
        *(Option(f"similar:{a.id}"[:64], t.OPTION_BUILDS_ON.format(n=n)) for n, a in enumerate(similar, 1)),
    )
    return Reply("\n\n".join(lines), options)


def draft_replies(t: ModuleType, draft: Draft, *, reworded: bool) -> list[Reply]:
    """The draft with its suggested groups and quality advice, the other kinds it can take,
    and what the user can do with it. The draft's reply carries the same draft as a card."""
    groups = draft.suggested_groups[:3]
    # Groups found only without the form and level filters: said so, and each one marked.
    widened = any(g.get("unfiltered") for g in groups)
    heading = t.DRAFT_GROUPS_WIDENED if widened else t.DRAFT_GROUPS
    group_lines = tuple(
        t.DRAFT_GROUP_LINE.format(name=g["name"], institution=g["institution"], why="; ".join(g["why"][:2]))
        + (t.DRAFT_GROUP_UNFILTERED if g.get("unfiltered") else "")
        for g in groups
    )
    failed = [q for q in draft.quality if not q.ok]
    advice = tuple(f"{q.label}: {q.advice}" for q in failed)
    intro = t.REWORDED if reworded else t.DRAFT_INTRO
    lines = [
        intro,
        draft.title,
        t.DRAFT_MAIN.format(question=draft.main_question),
        t.DRAFT_SUBS + "\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(draft.sub_questions, 1)),
    ]
    if groups:
        lines.append(heading + "\n" + "\n".join(group_lines))
    quality = t.DRAFT_QUALITY_ADVICE + "\n" + "\n".join(f"• {a}" for a in advice)
    lines.append(quality if failed else t.DRAFT_QUALITY_OK)
    by_model = isinstance(draft.wording, dict)  # worded by the organisation's language model: said so
    if by_model:
        lines.append(t.WORDING_BY_MODEL)
    kinds = Reply(
        t.KIND_CHOICE.format(kind=t.KIND_NAMES.get(draft.kind, draft.kind)),
        tuple(Option(f"kind:{k}", label) for k, label in t.KIND_OPTIONS.items() if k != draft.kind),
    )
    options = (
        Option("review:submit", t.OPTION_SUBMIT),
        Option("review:edit", t.OPTION_EDIT),
        Option("review:reword", t.OPTION_REWORD),
        Option("review:cancel", t.OPTION_CANCEL),
    )
    labels = t.DOCUMENT_LABELS
    sections = [Section(labels["sub_questions"], items=tuple(draft.sub_questions), numbered=True)]
    for key, value in (("background", draft.background), ("objective", draft.objective), ("scope", draft.scope)):
        if value:
            sections.append(Section(labels[key], value))
    if draft.deliverables:
        sections.append(Section(labels["deliverables"], items=tuple(draft.deliverables)))
    if groups:
        sections.append(Section(labels["groups"], items=tuple(x.removeprefix("• ") for x in group_lines), note=heading))
    if failed:
        sections.append(Section(labels["quality"], items=advice, note=t.DRAFT_QUALITY_ADVICE))
    else:
        sections.append(Section(labels["quality"], t.DRAFT_QUALITY_OK))
    if by_model:
        sections.append(Section(t.WORDING_BY_MODEL_HEADING, t.WORDING_BY_MODEL))
    card = Card(
        intro=intro,
        title=draft.title,
        main_label=labels["main_question"],
        main_question=draft.main_question,
        sections=tuple(sections),
        actions=options,
    )
    return [Reply("\n\n".join(lines), card=card), kinds, Reply(t.DRAFT_QUESTION, options)]
