"""`ModelWording`: the rule-based draft, worded again by the organisation's language model when
that is configured and the proposal passes every guard; otherwise the rule-based draft as it is,
with the reason logged (never the prompt or the answer).

Only redacted text leaves the service: the answers are redacted when they are stored, and once
more here (personal data, then the names of people Frog finds) before anything is sent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from bot.analysis import Analysis, AnalysisError
from bot.conversation.names import redact_names
from bot.conversation.redaction import redact
from bot.drafting import Draft, Intake, english
from bot.drafting.compose import compose
from bot.drafting.drafter import MAX_QUESTION, Drafter
from bot.drafting.quality import check_draft
from bot.drafting.records import OrganisationName
from bot.wording import guard, prompt
from bot.wording.client import ModelClient, WordingFailed
from bot.wording.versions import with_model_wording

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WordingSource:
    """What the draft was made of: the (stored, redacted) intake, the organisation as it reads,
    the analyses of the answers made so far, and the names of the other known organisations."""

    intake: Intake
    organisation: OrganisationName
    analyses: Mapping[str, Analysis] = field(default_factory=dict)
    others: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The draft to show, and why the model's wording was not used (None when it was)."""

    draft: Draft
    reason: str | None
    seconds: float


def utc_now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class ModelWording:
    """One configured model; `enabled()` is asked before every use (the off switch)."""

    def __init__(
        self,
        client: ModelClient,
        drafter: Drafter,
        *,
        clock: Callable[[], str] = utc_now,
        enabled: Callable[[], bool] = lambda: True,
    ) -> None:
        self.client = client
        self.drafter = drafter
        self.clock = clock
        self.enabled = enabled

    @property
    def model(self) -> str:
        return self.client.model

    def improve(self, rules: Draft, source: WordingSource, *, previous: Draft | None = None) -> Draft:
        """The draft in the model's wording if it passes; else `rules` unchanged."""
        return self.attempt(rules, source, previous=previous).draft

    def attempt(self, rules: Draft, source: WordingSource, *, previous: Draft | None = None) -> Outcome:
        """`improve`, with the reason and the time it took (for the log and the benchmark).
        `previous` is the version shown before, for "Andere formulering"."""
        started = time.perf_counter()
        if not self.enabled():
            return Outcome(rules, "switched off", 0.0)
        try:
            draft, reason = self._attempt(rules, source, previous)
        except WordingFailed as failure:
            draft, reason = rules, failure.reason
        except AnalysisError:
            draft, reason = rules, "no Dutch analysis"
        except Exception as error:  # any other surprise: the rules stand; its text may hold content
            draft, reason = rules, f"unexpected {type(error).__name__}"
        seconds = time.perf_counter() - started
        if reason:
            log.warning(
                "The language model's wording was not used (%s, %.1f s); the rule-based draft stands", reason, seconds
            )
        else:
            log.info("The language model's wording was used (%.1f s)", seconds)
        return Outcome(draft, reason, seconds)

    def _attempt(self, rules: Draft, source: WordingSource, previous: Draft | None) -> tuple[Draft, str | None]:
        organisation = source.organisation
        kept = frozenset(n for n in (*organisation.names, organisation.in_sentence, *source.others) if n)
        intake = {
            name: self._redacted(str(getattr(source.intake, name) or ""), kept, source.analyses.get(name))
            for name in prompt.INTAKE_FIELDS
        }
        nl = rules.language == "nl"
        analyses = self.drafter.analyse_answers(source.intake.__dict__, source.analyses) if nl else {}
        if nl:
            intake_lemmas = frozenset(t.lemma.lower() for a in analyses.values() for t in a.tokens)
        else:
            intake_lemmas = frozenset(w.lower() for text in intake.values() for w in guard.WORD.findall(text))
        main_analysis = self.drafter.analyse(rules.main_question) if nl else Analysis()
        names = [*organisation.names, organisation.in_sentence]
        keys = guard.key_words(rules, main_analysis, intake_lemmas, names)
        similar = [
            redact(f"{a.get('title', '')} ({a.get('organisation', '')}, {a.get('year', '')})").text
            for a in rules.similar_assignments
        ]
        messages = prompt.messages(
            self._redacted_draft(rules, kept),
            intake,
            organisation.in_sentence,
            [k.word for k in keys],
            similar,
            self._redacted_draft(previous, kept) if previous is not None else None,
        )
        proposal = self.client.propose(messages)
        candidate = replace(
            rules, title=proposal.title, main_question=proposal.main_question, sub_questions=proposal.sub_questions
        )
        worded = (
            self._checked(candidate, source, analyses) if nl else self.drafter.recheck(candidate, organisation.names)
        )
        if previous is not None and _same_wording(worded, previous):
            return rules, "the same wording again"
        proposal_analysis = Analysis()
        if nl:
            parts = [f"{proposal.title.rstrip('.?!')}.", proposal.main_question, *proposal.sub_questions]
            proposal_analysis = Analysis(tuple(s for part in parts for s in self.drafter.analyse(part).sentences))
        made_of = [
            rules.title,
            rules.main_question,
            *rules.sub_questions,
            rules.background,
            rules.objective,
            rules.scope,
        ]
        source_text = "\n".join([*(str(v) for v in source.intake.__dict__.values() if v), *names, *made_of])
        reason = guard.judge(
            worded,
            rules,
            proposal_analysis,
            keys=keys,
            source=source_text,
            others=[o for o in source.others if o not in organisation.names],
        )
        if reason:
            return rules, reason
        return with_model_wording(rules, worded, self.model, self.clock()), None

    def _checked(self, candidate: Draft, source: WordingSource, analyses: Mapping[str, Analysis]) -> Draft:
        """The quality checks of the rule-based draft, on the proposal: `check_draft` with what the
        drafter gave it (the intake's nouns and aim from the same composition, the organisation's
        names) and a fresh analysis of each proposed question."""
        org = source.organisation
        similar = [
            {"title": a.get("title", ""), "organisation": a.get("organisation", ""), "year": a.get("year")}
            for a in candidate.similar_assignments
        ]
        parts = compose(source.intake, analyses, org, candidate.kind, similar)
        quality = check_draft(
            (candidate.main_question, self.drafter.analyse(candidate.main_question[:MAX_QUESTION])),
            [(s, self.drafter.analyse(s[:MAX_QUESTION])) for s in candidate.sub_questions],
            language="nl",
            organisation_names=[*org.names, org.in_sentence],
            intake_nouns=parts.intake_nouns,
            aim_specific=parts.aim.shape != "none",
            solution_named=bool(english.named_solution(candidate.main_question)),
            timeline=source.intake.timeline,
        )
        return replace(candidate, quality=quality)

    def _redacted(self, text: str, kept: frozenset[str], analysis: Analysis | None = None) -> str:
        """Personal data and names of people out, again: what is sent must be redacted. An
        answer's stored analysis is of the text as stored, so it serves while nothing changed."""
        redacted = redact(text).text
        if not redacted.strip():
            return redacted
        if analysis is None or redacted != text or not analysis.sentences:
            analysis = self.drafter.analyse(redacted)
        return redact_names(redacted, analysis, kept)[0]

    def _redacted_draft(self, draft: Draft, kept: frozenset[str]) -> Draft:
        return replace(
            draft,
            title=self._redacted(draft.title, kept),
            main_question=self._redacted(draft.main_question, kept),
            sub_questions=[self._redacted(s, kept) for s in draft.sub_questions],
        )


def _same_wording(a: Draft, b: Draft) -> bool:
    return a.main_question.strip() == b.main_question.strip() and a.sub_questions == b.sub_questions
