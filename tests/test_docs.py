"""Docs kept true by tests: generated references are current, settings and domain types are
documented, README's Quick start is the two commands it promises."""

from __future__ import annotations

import inspect
import re
from enum import StrEnum
from pathlib import Path

from bioecon import docs_reference
from bioecon.cli_reference import command_paths, render
from bioecon.domain import model
from bioecon.settings import SETTINGS

ROOT = Path(__file__).parents[1]


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def test_cli_reference_is_generated_from_the_current_help() -> None:
    assert read("docs/cli.md") == render(), "run `make docs` to regenerate docs/cli.md"
    for path in command_paths():
        assert f"## `{path}`" in read("docs/cli.md")


def test_every_setting_is_documented() -> None:
    text = read("docs/configuration.md")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in text and f"`{setting.env}`" in text


def test_quick_start_has_exactly_the_two_setup_commands() -> None:
    readme = read("README.md")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_documents_linked_from_readme_exist() -> None:
    for link in re.findall(r"\]\(((?:docs|schemas)/[^)]+)\)", read("README.md")):
        assert (ROOT / link).is_file(), link


def test_glossary_names_every_domain_enumeration_and_its_values() -> None:
    glossary = read("docs/glossary.md")
    enums = [
        v
        for v in vars(model).values()
        if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum
    ]
    assert enums
    for enum in enums:
        assert f"`{enum.__name__}" in glossary, enum.__name__
        for member in enum:
            assert member.name in glossary or f"`{member.value}`" in glossary, (
                f"{enum.__name__}.{member.name}"
            )


def test_architecture_lists_are_generated_from_the_code() -> None:
    text = read("docs/architecture.md")
    assert docs_reference.block_names(text) == ["layers", "use-cases"]
    assert text == docs_reference.render(text), "run `make docs` to regenerate docs/architecture.md"


# Files the docs name that live outside this repository, each with where it is.
EXTERNAL_FILES = {
    "gbt4754_2017_bio_codes.csv": "the reference tables the team keeps beside the repo",
    "sdg/ProgressMeasure.py": "open-sdg/sdg-build, cited as the source of a method",
}
_FILE_NAME = re.compile(r"`([\w./@+-]+\.(?:py|ya?ml|md|csv|html|json|txt|css|xlsx))`")
_REPO_PATH = re.compile(
    r"(?<![\w/.-])((?:bioecon|tests|docs|schemas|requirements|\.ci)/[\w./@+-]*[\w/])"
)


def _named_files(text: str) -> set[str]:
    text = re.sub(r"-\n\s*", "-", text)  # --help text wrapped at a hyphen (docs/cli.md)
    names = {m.group(1) for m in _FILE_NAME.finditer(text)}
    names |= {m.group(1) for m in _REPO_PATH.finditer(text)}
    return {n for n in names if not any(c in n for c in "<*{")}


def _exists(name: str, doc: Path, tracked: set[str]) -> bool:
    if "/" in name.rstrip("/"):
        bases = (ROOT, ROOT / "bioecon", ROOT / "bioecon" / "data", doc.parent)
        return any((base / name).exists() for base in bases)
    return any(path.rsplit("/", 1)[-1] == name for path in tracked)


def test_every_file_the_docs_name_exists() -> None:
    tracked = {str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if ".venv" not in p.parts}
    missing = [
        f"{doc.relative_to(ROOT)}: {name}"
        for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
        for name in sorted(_named_files(doc.read_text(encoding="utf-8")))
        if name not in EXTERNAL_FILES and not _exists(name, doc, tracked)
    ]
    assert missing == []


def test_every_use_case_takes_the_app_then_keywords_and_says_what_it_does() -> None:
    """The rule docs/architecture.md states for every public function of bioecon/services: one
    positional argument at most, the app (a use case without a database takes none)."""
    offences = []
    for module in docs_reference.service_modules():
        for function in docs_reference.use_cases(module):
            name = f"{module.__name__}.{function.__name__}"
            parameters = list(inspect.signature(function).parameters.values())
            positional = [
                p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY
            ]
            if positional not in ([], ["app"]):
                offences.append(f"{name}: positional {positional}, not just the app")
            if not docs_reference.first_line(function):
                offences.append(f"{name}: no docstring")
    assert offences == []
