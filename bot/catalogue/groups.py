"""Which known research group a person means by what they typed in the interest form (pure).

Only a clear match is taken without asking: the typed text reads as one group's name (with or
without its institution) and no other group comes close. Otherwise the close candidates are
offered to pick from, with "a new group" as the way out; with no candidate at all, the typed
name goes to the brokers as a new group. A guess is never recorded as someone's answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

SURE = 90  # token_sort_ratio of the whole text against a group's name forms
MARGIN = 6  # ... and this far ahead of the next group
CANDIDATE = 70  # token_set_ratio to be offered in the list: most typed words in its name
MAX_CANDIDATES = 6  # close names
MAX_LISTED = 30  # with all groups of a typed institution


@dataclass(frozen=True)
class GroupName:
    id: str
    name: str
    institution: str
    short_name: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name or self.institution})"

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(
                (
                    self.name,
                    f"{self.name} {self.institution}",
                    f"{self.name} {self.short_name}",
                    self.label,
                )
            )
        )


@dataclass(frozen=True)
class GroupMatch:
    """`group` when the typed text clearly names one; else `candidates` to pick from (maybe none)."""

    group: GroupName | None
    candidates: tuple[GroupName, ...]


def match_group(typed: str, groups: list[GroupName]) -> GroupMatch:
    text = utils.default_process(typed)
    if not text or not groups:
        return GroupMatch(None, ())
    sure = sorted(
        (
            (max(fuzz.token_sort_ratio(text, utils.default_process(form)) for form in g.forms), i)
            for i, g in enumerate(groups)
        ),
        reverse=True,
    )
    best, best_index = sure[0]
    runner_up = sure[1][0] if len(sure) > 1 else 0.0
    if best >= SURE and best - runner_up >= MARGIN:
        return GroupMatch(groups[best_index], ())
    choices = {i: " ".join(g.forms[1:3]) for i, g in enumerate(groups)}
    found = process.extract(
        text,
        choices,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=MAX_CANDIDATES,
        score_cutoff=CANDIDATE,
    )
    chosen = [int(i) for _, _, i in found]
    # Only an institution typed ("Saxion", "HU"): all its groups, to pick from.
    chosen += sorted(
        (
            i
            for i, g in enumerate(groups)
            if max(fuzz.ratio(text, utils.default_process(n)) for n in (g.institution, g.short_name or g.institution))
            >= SURE
        ),
        key=lambda i: groups[i].name,
    )
    return GroupMatch(None, tuple(groups[i] for i in dict.fromkeys(chosen))[:MAX_LISTED])
