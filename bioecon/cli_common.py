"""What every ``bioecon`` command module shares: the per-invocation state (the --db option and
the app built from it), the app accessor, the renderers, ``--format`` and the bounded argument
types (years, ports, output files) every command uses instead of a bare ``int`` or path."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from click.decorators import FC

from bioecon.app import Bioecon
from bioecon.domain.periods import MAX_YEAR, MIN_YEAR
from bioecon.io.output import Output, Record, json_text, render
from bioecon.settings import Settings


class State:
    """Per-invocation state: the --db option and the app built from it on first use."""

    def __init__(self, database_url: str | None) -> None:
        self.database_url = database_url
        self._app: Bioecon | None = None

    @property
    def app(self) -> Bioecon:
        if self._app is None:
            self._app = Bioecon(Settings.resolve(database_url=self.database_url))
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


def app_of(context: click.Context) -> Bioecon:
    """The app of this invocation (built on first use from --db)."""
    state = context.find_object(State)
    assert state is not None
    return state.app


S = TypeVar("S")


def emit(output: Output[S], items: Sequence[S], form: str) -> None:
    """The one renderer of records: ``form`` is json, jsonl, csv or table (bioecon.io.output)."""
    text = render(output, items, form)
    if text or form != "jsonl":
        click.echo(text, nl=form != "csv")


def emit_one(output: Record[S], item: S, form: str) -> None:
    """One record: a JSON object, or its table."""
    click.echo(json_text(output.of(item)) if form == "json" else output.table([item]))


def output_format(*choices: str) -> Callable[[FC], FC]:
    """``--format``, stored as ``output``; the first choice is the default."""
    return click.option(
        "--format", "output", type=click.Choice(choices), default=choices[0], show_default=True
    )


YEAR = click.IntRange(MIN_YEAR, MAX_YEAR)
"""A calendar year: the range a :class:`~bioecon.domain.periods.Period` accepts, so a year
beyond it is refused as wrong usage instead of overflowing a date further down."""

PORT = click.IntRange(1, 65_535)
"""A TCP port."""


class OutputFile(click.Path):
    """A file to write: not a folder, in a folder that exists and may be written to — checked
    before any work is done, so a bad ``--out`` is wrong usage (exit 2), not a traceback."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, writable=True, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        folder = Path(os.fsdecode(path)).parent
        if not folder.is_dir():
            self.fail(f"文件夹 {str(folder)!r} 不存在；请先创建它或换一个位置", param, ctx)
        if not os.access(folder, os.W_OK):
            self.fail(f"文件夹 {str(folder)!r} 不可写入；请换一个位置", param, ctx)
        return path
