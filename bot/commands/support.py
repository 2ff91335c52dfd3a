"""click in Dutch: choices that refuse in Dutch, usage errors and unwritable files as one Dutch line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bot.texts import nl
from knowledge.errors import VraagwijzerError


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


def writing(file: Path, write: Callable[[], object]) -> None:
    """Run `write`; a folder that does not exist or may not be written is one clear line."""
    try:
        write()
    except FileNotFoundError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven: de map bestaat niet.") from error
    except IsADirectoryError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven: dit is een map.") from error
    except (NotADirectoryError, FileExistsError) as error:  # a file where a folder should be
        raise VraagwijzerError(f"Kan {file} niet schrijven: een deel van het pad is geen map.") from error
    except PermissionError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven: geen toestemming.") from error
    except OSError as error:
        raise VraagwijzerError(f"Kan {file} niet schrijven ({error.strerror or error}).") from error
