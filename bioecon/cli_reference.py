"""Generates docs/cli.md from the commands' own help, so the reference cannot drift from the
code (tests/test_docs.py fails when the committed file differs; `make docs` rewrites it)."""

from __future__ import annotations

import click

from bioecon.cli import EXIT_CODES, GENERAL_EXIT_CODES, cli

HEADER = """# Command-line reference

Generated from `bioecon --help` by `make docs`; do not edit by hand.

## Exit codes

Every error prints one line (a refused file: one more line per problem) and exits with its
code; none prints a traceback. Two loads of the same records at once: one writes them, the
other waits and finds them unchanged, or exits 5 (另一个导入同时写入了相同的记录；请重试).

| code | meaning |
|---:|---|
"""


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += _walk(command.commands[name], [*path, name])
    return found


def command_paths() -> list[str]:
    """Every command as typed, e.g. ``bioecon plan load``."""
    return [" ".join(path) for path, _ in _walk(cli, ["bioecon"])]


def exit_code_rows() -> list[tuple[int, str]]:
    """(code, meaning) of every exit code, in order: the general ones and one per error kind."""
    rows = list(GENERAL_EXIT_CODES.items())
    rows += [
        (code, f"{kind.__name__}: {(kind.__doc__ or '').strip().splitlines()[0]}")
        for kind, code in EXIT_CODES.items()
    ]
    return sorted(rows, key=lambda row: row[0])


def render() -> str:
    lines = [HEADER.rstrip()]
    lines += [f"| {code} | {meaning} |" for code, meaning in exit_code_rows()]
    for path, command in _walk(cli, ["bioecon"]):
        with click.Context(
            command,
            info_name=" ".join(path),
            help_option_names=["-h", "--help"],
            max_content_width=100,
        ) as context:
            help_text = command.get_help(context)
        lines += ["", f"## `{' '.join(path)}`", "", "```text", help_text.rstrip(), "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    click.echo(render(), nl=False)
