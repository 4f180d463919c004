"""`bioecon users add|list|disable|reset-password|token`: accounts, managed from the command
line as the local admin (docs/security.md). A password is read from a prompt (twice) or, when
input is not a terminal, from the first line of standard input — never from an argument,
which would stay in the shell history and the process list."""

from __future__ import annotations

import getpass
import socket
import sys

import click

from bioecon.cli_common import app_of, emit, emit_one, output_format
from bioecon.domain.access import Role, Scope
from bioecon.io.account_output import ACCOUNT
from bioecon.services import accounts as account_service
from bioecon.services.accounts import LOCAL_ADMIN


def cli_origin() -> str:
    """Where a command-line change comes from, for the history: the OS user and host."""
    return f"cli:{getpass.getuser()}@{socket.gethostname()}"[:120]


def read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt("密码 / password", hide_input=True, confirmation_prompt=True))
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@click.group("users")
def users() -> None:
    """User accounts: roles scoped to an org unit or a responsible unit (docs/security.md)."""


@users.command("add")
@click.argument("login")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--org-unit", help="Scope: this org unit and everything below it (code).")
@click.option("--responsible-unit", help="Scope of a department user: its responsible unit.")
@output_format("table", "json")
@click.pass_context
def users_add(
    context: click.Context,
    login: str,
    role: str,
    org_unit: str | None,
    responsible_unit: str | None,
    output: str,
) -> None:
    """Add an account; the password is read from a prompt or standard input."""
    account = account_service.add_user(
        app_of(context),
        actor=LOCAL_ADMIN,
        login=login,
        role=Role(role),
        password=read_password(),
        origin=cli_origin(),
        scope=Scope(org_unit, responsible_unit),
    )
    emit_one(ACCOUNT, account, output)


@users.command("list")
@output_format("table", "json", "jsonl", "csv")
@click.pass_context
def users_list(context: click.Context, output: str) -> None:
    """List the accounts (never their passwords)."""
    emit(ACCOUNT, account_service.list_users(app_of(context), actor=LOCAL_ADMIN), output)


@users.command("disable")
@click.argument("login")
@click.option("--reason", help="Kept in the history (e.g. 调岗).")
@click.pass_context
def users_disable(context: click.Context, login: str, reason: str | None) -> None:
    """Stop an account from logging in; its history stays."""
    account_service.disable_user(
        app_of(context), actor=LOCAL_ADMIN, login=login, origin=cli_origin(), reason=reason
    )
    click.echo(f"user {login} disabled")


@users.command("reset-password")
@click.argument("login")
@click.pass_context
def users_reset_password(context: click.Context, login: str) -> None:
    """Set a new password (read from a prompt or standard input); clears a lockout."""
    account_service.reset_password(
        app_of(context),
        actor=LOCAL_ADMIN,
        login=login,
        password=read_password(),
        origin=cli_origin(),
    )
    click.echo(f"password of {login} changed")


@users.command("token")
@click.argument("login")
@click.option("--name", required=True, help="What the token is for (unique per user).")
@click.option("--days", type=click.IntRange(1, 366), help="Lifetime (default: security.yaml).")
@click.pass_context
def users_token(context: click.Context, login: str, name: str, days: int | None) -> None:
    """Create a personal API token of LOGIN, printed once (send it as `Authorization:
    Bearer …`); only its digest is stored."""
    token = account_service.create_token(
        app_of(context), actor=LOCAL_ADMIN, owner=login, name=name, origin=cli_origin(), days=days
    )
    click.echo(token)


def register(group: click.Group) -> None:
    """Add the ``users`` group to the root group."""
    group.add_command(users)
