"""The drafter: the one place where drafting meets Frog.

It analyses answers that have no analysis yet, composes the draft (pure), analyses the
candidate main questions and keeps the first that passes every check, then checks the whole
draft on a fresh analysis of its final text. `recheck` does the same for a draft edited by
the user or a broker.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bot.analysis import Analyser, Analysis
from bot.drafting import english
from bot.drafting.compose import compose
from bot.drafting.quality import check_draft, english_faults, question_faults
from bot.drafting.records import Draft, Intake, OrganisationName, assignments_of, intake_fields
from bot.matching import MatchResult
from bot.texts import for_language

log = logging.getLogger(__name__)

MAX_QUESTION = 600  # characters of a question that are analysed (35 words is about 250)
MAX_CONTEXT = 4000  # characters of background and the rest that name the intake's nouns
ANALYSED_FIELDS = ("problem", "context", "goal", "stakeholders", "data", "timeline")


class Drafter:
    def __init__(self, frog: Analyser) -> None:
        self.frog = frog

    def analyse(self, text: str) -> Analysis:
        return self.frog.analyse(text)

    def analyse_for_names(self, text: str) -> Analysis:
        return self.frog.analyse_for_names(text)

    def analyse_answers(
        self, answers: Mapping[str, Any], known: Mapping[str, Analysis] | None = None
    ) -> dict[str, Analysis]:
        """An analysis of every free-text answer, reusing those already made."""
        out = dict(known or {})
        for name in ANALYSED_FIELDS:
            if name not in out:
                out[name] = self.frog.analyse(str(answers.get(name) or ""))
        return out

    def draft(
        self,
        intake: Intake,
        matches: MatchResult | None = None,
        *,
        analyses: Mapping[str, Analysis] | None = None,
        organisation: OrganisationName | None = None,
        kind: str | None = None,
        variant: int = 0,
    ) -> Draft:
        """The draft for an intake. `kind` overrides the kind read from the goal; `variant` n
        gives the n-th other valid main question ("Andere formulering")."""
        org = organisation or OrganisationName.plain(intake.organisation)
        t = for_language(intake.language)
        chosen = kind or english.question_kind(intake.goal, intake.problem)
        if intake.language != "nl":
            base, specific = english.draft(
                intake, matches, org.names[0] if org.names and org.names[0] else org.in_sentence
            )
            base = replace(base, kind=chosen) if kind else base
            return self.recheck(base, org.names, aim_specific=specific)
        analysed = self.analyse_answers(intake.__dict__, analyses)
        similar = [{"title": a.title, "organisation": a.organisation, "year": a.year} for a in assignments_of(matches)]
        parts = compose(intake, analysed, org, chosen, similar)
        passing: list[tuple[str, str, Analysis]] = []
        first: tuple[str, str, Analysis] | None = None
        for candidate_kind, question in parts.candidates:
            analysis = self.frog.analyse(question)
            first = first or (candidate_kind, question, analysis)
            if not question_faults(analysis, question):
                passing.append((candidate_kind, question, analysis))
                if len(passing) > variant:
                    break
        if not passing and first is None:
            first = (chosen, t.GENERIC_FOCUS, Analysis())
        final_kind, main, main_analysis = passing[variant % len(passing)] if passing else first  # type: ignore[misc]
        subs = (
            parts.sub_questions
            if final_kind == parts.kind
            else compose(intake, analysed, org, final_kind, similar).sub_questions
        )
        quality = check_draft(
            (main, main_analysis),
            [(s, self.frog.analyse(s)) for s in subs],
            language="nl",
            organisation_names=[*org.names, org.in_sentence],
            intake_nouns=parts.intake_nouns,
            aim_specific=parts.aim.shape != "none",
            solution_named=bool(english.named_solution(main)),
            timeline=intake.timeline,
        )
        return Draft(
            title=parts.title,
            organisation=org.names[0] if org.names and org.names[0] else org.in_sentence,
            main_question=main,
            sub_questions=subs,
            background=parts.background,
            objective=parts.objective,
            scope=parts.scope,
            constraints=parts.constraints,
            quality=quality,
            **intake_fields(intake, matches, final_kind),
        )

    def recheck(
        self, draft: Draft, organisation_names: Sequence[str] = (), *, aim_specific: bool | None = None
    ) -> Draft:
        """The quality checks again, on a fresh analysis of the draft as it reads now."""
        nl = draft.language == "nl"
        main = (draft.main_question, self._question_analysis(draft.main_question) if nl else Analysis())
        subs = [(s, self._question_analysis(s) if nl else Analysis()) for s in draft.sub_questions]
        context = " ".join([draft.background, draft.objective, draft.scope, *draft.constraints])
        context += " " + " ".join(str(a.get("title", "")) for a in draft.similar_assignments)
        if nl:
            analysed = self.frog.analyse(context[:MAX_CONTEXT])
            nouns = frozenset(t.lemma.lower() for t in analysed.tokens if t.tag in ("N", "SPEC"))
        else:
            nouns = frozenset(w.lower() for w in re.findall(r"[\w-]{4,}", context))
        previous = {q.check: q.ok for q in draft.quality}
        specific = aim_specific if aim_specific is not None else previous.get("specific", True)
        quality = check_draft(
            main,
            subs,
            language=draft.language,
            organisation_names=[*organisation_names, draft.organisation],
            intake_nouns=nouns if nl else nouns | _english_nouns(draft),
            aim_specific=bool(specific) and not english_faults(draft.main_question).count("placeholder"),
            solution_named=bool(english.named_solution(draft.main_question)),
            timeline=" ".join(draft.constraints),
        )
        return replace(draft, quality=quality)

    def _question_analysis(self, question: str) -> Analysis:
        """A question of far more than 35 words fails on length whatever its grammar; its start
        is enough for the other checks, and a pasted page does not hold up the broker."""
        return self.frog.analyse(question[:MAX_QUESTION])


def _english_nouns(draft: Draft) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"[\w-]{4,}", f"{draft.title} {draft.objective}"))
