"""Fuzz of the plan-file reader: arbitrary text, arbitrary YAML and mutations of the 长沙 plan
file either read or are refused with :class:`InvalidInput` — never another exception — each
within the hypothesis deadline; a refused file leaves the database unchanged."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioecon.app import Bioecon
from bioecon.errors import BioeconError, InvalidInput
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan
from bioecon.settings import Settings
from tests.conftest import DATA
from tests.test_bad_inputs import snapshot

CHANGSHA = (DATA / "changsha.plan.yaml").read_text(encoding="utf-8")
HEAD = CHANGSHA[: CHANGSHA.index("indicators:")]  # plan, org units, responsible units
FUZZ = settings(
    max_examples=60,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
YAML_WORDS = st.sampled_from(
    [": ", "- ", "&a ", "*a", "<<: ", "!!python/object ", "? ", "[", "]", "{", "}", ", ",
     "\n", "\n  ", "'", '"', "|", ">", "#", "---\n", "...", ".nan", "-.inf", "1e+9999", "0x1F",
     "1:30", "~", "null", "yes", "\t", "\x00", "\ufeff", "9" * 50, "plan", "code", "value"]
)  # fmt: skip


def read_or_refuse(path: Path) -> None:
    with contextlib.suppress(InvalidInput):  # anything else fails the test
        read_plan_file(path)


def mutated(text: str, start: int, length: int, insert: str) -> str:
    start %= len(text) + 1
    return text[:start] + insert + text[start + length :]


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(raw)
    read_or_refuse(path)


@FUZZ
@given(st.lists(YAML_WORDS | st.text(max_size=8), max_size=60))
def test_arbitrary_yaml(tmp_path: Path, words: list[str]) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("".join(words), encoding="utf-8")
    read_or_refuse(path)


@FUZZ
@given(
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=40),
    st.lists(YAML_WORDS, max_size=4).map("".join),
)
def test_mutations_of_a_real_plan_file(
    tmp_path: Path, start: int, length: int, insert: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(mutated(CHANGSHA, start, length, insert), encoding="utf-8")
    (tmp_path / "changsha.source.txt").write_bytes((DATA / "changsha.source.txt").read_bytes())
    read_or_refuse(path)


@settings(FUZZ, max_examples=12)
@given(
    st.integers(min_value=0),
    st.integers(min_value=0, max_value=20),
    st.lists(YAML_WORDS, max_size=3).map("".join),
)
def test_a_refused_mutation_leaves_the_database_unchanged(
    tmp_path: Path, sqlite_template: Path, start: int, length: int, insert: str
) -> None:
    database = tmp_path / "bioecon.db"
    database.write_bytes(sqlite_template.read_bytes())
    url = f"sqlite:///{database}"
    path = tmp_path / "plan.yaml"
    path.write_text(mutated(HEAD, start, length, insert), encoding="utf-8")
    (tmp_path / "changsha.source.txt").write_bytes((DATA / "changsha.source.txt").read_bytes())
    before = snapshot(url)
    with Bioecon(Settings(database_url=url)) as app:
        try:
            parsed = read_plan_file(path)
            load_plan(
                app,
                actor=LOCAL_ADMIN,
                origin="test",
                bundle=parsed.bundle,
                source=parsed.source,
                locate=parsed.locate,
            )
        except BioeconError:
            assert snapshot(url) == before
