"""The ``figure_cache`` setting (docs/configuration.md): how many derived figures a process
keeps; 0 keeps none, so every request computes its figures (`bioecon bench web --cold`)."""

from __future__ import annotations

import pytest

from bioecon.cache import FigureCache
from bioecon.errors import ConfigurationError
from bioecon.settings import Settings


def test_the_figure_cache_is_512_figures_unless_told() -> None:
    assert Settings.resolve(database_url="sqlite:///x.db", environ={}).figure_cache == 512
    told = Settings.resolve(database_url="sqlite:///x.db", environ={"BIOECON_FIGURE_CACHE": "0"})
    assert told.figure_cache == 0


@pytest.mark.parametrize("value", ["-1", "many", "1.5", "2000000"])
def test_a_figure_cache_that_is_no_count_is_refused_by_name(value: str) -> None:
    with pytest.raises(ConfigurationError, match="BIOECON_FIGURE_CACHE"):
        Settings.resolve(database_url="sqlite:///x.db", environ={"BIOECON_FIGURE_CACHE": value})


def test_a_cache_of_no_figures_computes_each_time_and_one_of_one_keeps_the_latest() -> None:
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name

    none = FigureCache(0)
    none.get("a", 1, lambda: compute("a"))
    none.get("a", 1, lambda: compute("a"))
    assert calls == ["a", "a"]  # computed twice: nothing kept
    one = FigureCache(1)
    one.get("a", 1, lambda: compute("a"))
    one.get("a", 1, lambda: compute("a"))  # kept: not computed again
    one.get("b", 1, lambda: compute("b"))  # pushes "a" out
    one.get("a", 1, lambda: compute("a"))
    assert calls == ["a", "a", "a", "b", "a"]
