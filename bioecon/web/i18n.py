"""The pages' language: Chinese first, English with ?lang=en. Every string comes from
``bioecon/data/strings.yaml`` through :mod:`bioecon.messages`."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from bioecon.domain.messages import Message
from bioecon.messages import Lang, label, page_strings, render


def error_heading(status: int, lang: Lang) -> str:
    """未找到 / Not found for 404; an HTTP status without its own heading reads as a 500."""
    strings = page_strings(lang)
    return strings.get(f"error_{status}", strings["error_500"])


def speaker(lang: Lang) -> Callable[[Message | StrEnum], str]:
    """``say(x)`` in templates: an explanation rendered, an enum value (a status, a project
    stage …) by its label, in ``lang``."""

    def say(value: Message | StrEnum) -> str:
        return render(value, lang) if isinstance(value, Message) else label(value, lang)

    return say
