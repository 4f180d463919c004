"""Every error bioecon raises on purpose, defined once.

Each front end maps these to its own terms in exactly one place: ``bioecon.cli`` to an exit
code and a message, the web app to an HTTP status. A :class:`Problem` is one finding about
input, located as precisely as the input allows (``plan.yaml: targets[3].value (line 41)`` or
``data.csv: row 7, column period``); :class:`InvalidInput` carries all problems of one input
at once, so a user fixes a file in one pass instead of one error per try.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about an input: where it is and what is wrong."""

    location: str
    message: str
    severity: str = "error"  # "error" blocks the write; "warning" is reported only

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


def format_path(path: Sequence[str | int]) -> str:
    """A location inside a structured input: ``("targets", 3, "value")`` → ``targets[3].value``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


class BioeconError(Exception):
    """Base of every deliberate error."""


class InvalidValue(BioeconError, ValueError):
    """A single value is malformed (a period, an amount, a unit): raised by domain rules."""


class InvalidInput(BioeconError):
    """An input (file, request, command argument) was refused; nothing was written."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}; nothing was written")

    def report(self) -> str:
        """The headline and every problem, one per line."""
        return "\n".join([str(self), *(f"  {problem}" for problem in self.problems)])


class NotFound(BioeconError):
    """A plan, indicator, org unit or other record named by the caller does not exist."""


class Conflict(BioeconError):
    """The request contradicts what is stored (a duplicate key, a record in use, a race)."""


class NotAuthenticated(BioeconError):
    """No valid login, session or API token (a wrong password, a locked or disabled account)."""


class Forbidden(BioeconError):
    """The caller is known but its role or scope does not allow the request."""


class DatabaseNotReady(BioeconError):
    """The database cannot be reached, is missing tables or is at another schema revision."""


class ConfigurationError(BioeconError):
    """A setting is missing or malformed (database URL, environment variable)."""


def code_for(error: BioeconError, codes: Mapping[type[BioeconError], int], default: int) -> int:
    """The code a front end's table gives ``error``: its own class first, then its bases."""
    for kind in type(error).__mro__:
        if kind in codes:
            return codes[kind]
    return default
