"""click in Dutch: choices that refuse in Dutch, and usage errors as one Dutch line."""

from __future__ import annotations

from typing import Any

import click

from bot.texts import nl


class DutchChoice(click.Choice):
    """click's Choice, refusing in Dutch."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(nl.NOT_A_CHOICE.format(value=value, choices=", ".join(map(str, self.choices))), param, ctx)


class DutchIntRange(click.IntRange):
    """click's IntRange, refusing in Dutch."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            bounds = (
                nl.RANGE_FROM.format(low=self.min)
                if self.max is None
                else nl.RANGE_BETWEEN.format(low=self.min, high=self.max)
            )
            self.fail(nl.NOT_IN_RANGE.format(value=value, bounds=bounds), param, ctx)


def int_range(low: int, high: int | None = None) -> click.IntRange:
    return DutchIntRange(low, high)


def choice(values: tuple[str, ...]) -> click.Choice:
    return DutchChoice(values, case_sensitive=False)


def usage_error(error: click.UsageError) -> str:
    """A click usage error as one Dutch line."""
    if isinstance(error, click.NoSuchOption):
        return nl.USAGE_NO_SUCH_OPTION.format(option=error.option_name)
    if isinstance(error, click.MissingParameter) and error.param is not None:
        return nl.USAGE_MISSING.format(name=error.param.get_error_hint(error.ctx) if error.ctx else error.param.name)
    if isinstance(error, click.BadParameter) and error.param is not None and error.ctx is not None:
        return nl.USAGE_BAD_VALUE.format(name=error.param.get_error_hint(error.ctx), message=error.message)
    return nl.USAGE_OTHER.format(message=error.format_message())
