"""What every ``bioecon`` command module shares: the per-invocation state (the --db option and
the app built from it), the app accessor, the renderers and ``--format``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import click
from click.decorators import FC

from bioecon.app import Bioecon
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
