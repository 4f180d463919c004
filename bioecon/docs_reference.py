"""Generates the lists in docs/architecture.md — the package's layers and modules, and every use
case in ``bioecon.services`` — from the code's own docstrings, and the tables of
docs/indicators.md — the indicator catalogue and the mapping rules — and of docs/security.md —
the roles and the account security settings — from their data files, so
the prose around them cannot drift from what exists (tests/test_docs.py fails when a committed
file differs; `make docs` rewrites them, as it does docs/cli.md).

A generated block sits between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``;
the text outside the blocks is written by hand.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import bioecon
from bioecon import services
from bioecon.catalogs import indicator_catalogue, mapping_rules, role_book, security_policy
from bioecon.domain.access import Action, Role
from bioecon.domain.audit import AuditEntity
from bioecon.messages import label

ARCHITECTURE = Path(__file__).parents[1] / "docs" / "architecture.md"
INDICATORS = Path(__file__).parents[1] / "docs" / "indicators.md"
SECURITY = Path(__file__).parents[1] / "docs" / "security.md"
DOCUMENTS = (ARCHITECTURE, INDICATORS, SECURITY)
_BLOCK = re.compile(
    r"(<!-- generated:(?P<name>[\w-]+) -->\n)(.*?)(<!-- /generated:(?P=name) -->)", re.S
)


def first_line(obj: object) -> str:
    """The first paragraph of ``obj``'s docstring on one line, or an empty string."""
    doc = (inspect.getdoc(obj) or "").strip()
    return " ".join(doc.split("\n\n", 1)[0].split()) if doc else ""


def _modules(package: ModuleType) -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        short = info.name.split(".")[-1]
        if short in {"migrations", "data", "__main__"} or short.startswith("_"):
            continue  # not a layer: data, migrations, or a package's private helper module
        found.append(importlib.import_module(info.name))
    return sorted(found, key=lambda m: m.__name__)


def use_cases(module: ModuleType) -> list[Callable[..., object]]:
    """The public functions ``module`` defines (not the ones it imports)."""
    return [
        obj
        for name, obj in vars(module).items()
        if inspect.isfunction(obj)
        and not name.startswith("_")
        and obj.__module__ == module.__name__
    ]


def _signature(function: Callable[..., object]) -> str:
    parameters = inspect.signature(function).parameters.values()
    names = []
    star = False
    for p in parameters:
        if p.kind is inspect.Parameter.KEYWORD_ONLY and not star:
            names.append("*")
            star = True
        names.append(p.name)
    return f"{function.__name__}({', '.join(names)})"


def render_layers() -> str:
    """One row per top-level module and package of ``bioecon``, with its docstring's first line."""
    rows = ["| module | what it holds |", "|---|---|"]
    for module in _modules(bioecon):
        name = module.__name__.removeprefix("bioecon.")
        kind = "/" if hasattr(module, "__path__") else ".py"
        rows.append(f"| `{name}{kind}` | {first_line(module)} |")
    return "\n".join(rows) + "\n"


def service_modules() -> list[ModuleType]:
    """The public modules of ``bioecon.services`` (a private ``_name`` module holds helpers)."""
    return _modules(services)


def render_use_cases() -> str:
    """Every use case: ``services/<module>.py`` with its public functions and their first lines."""
    lines = []
    for module in service_modules():
        functions = use_cases(module)
        if not functions:
            continue
        lines.append(f"- `services/{module.__name__.rsplit('.', 1)[1]}.py` — {first_line(module)}")
        lines += [f"  - `{_signature(f)}`: {first_line(f)}" for f in functions]
    return "\n".join(lines) + "\n"


def render_indicators() -> str:
    """The catalogue: one row per indicator (indicators.yaml, and one per tier of tiers.yaml)."""
    rows = [
        "| code | name | unit | source | nature · basis · period | references |",
        "|---|---|---|---|---|---|",
    ]
    for code, entry in sorted(indicator_catalogue().items(), key=lambda e: (e[1].group, e[0])):
        i = entry.indicator
        aliases = f" (also {'、'.join(entry.aliases)})" if entry.aliases else ""
        rows.append(
            f"| `{code}` | {i.name}{aliases} | {i.unit} | {entry.source.value} "
            f"| {i.nature.value} · {i.basis.value} · {i.period_type} | {', '.join(entry.references)} |"
        )
    return "\n".join(rows) + "\n"


def render_mapping_rules() -> str:
    """The mapping rules of indicator_mapping.yaml, in their file order."""
    rows = ["| indicator | words (subject · metric · all) | unless | confidence | reason |"]
    rows.append("|---|---|---|---|---|")
    for r in mapping_rules().rules:
        words = " · ".join("、".join(g) for g in (r.subject, r.metric, r.all) if g)
        words = f"band: {r.band}" if r.band else words
        indicator = f"`{r.indicator}`" if r.indicator else "the tier of the band"
        rows.append(
            f"| {indicator} | {words} | {'、'.join(r.unless)} | {r.confidence} | {r.reason} |"
        )
    return "\n".join(rows) + "\n"


def render_roles() -> str:
    """The roles of roles.yaml: each one's scope kind and the actions it grants."""
    book = role_book()
    actions = list(Action)
    rows = [
        "| role | scope | " + " | ".join(label(a) for a in actions) + " |",
        "|---|---|" + "---|" * len(actions),
    ]
    for role in Role:
        rule = book.rules[role]
        marks = " | ".join("✓" if a in rule.actions else "" for a in actions)
        rows.append(f"| {label(role)} `{role.value}` | {label(rule.scope)} | {marks} |")
    return "\n".join(rows) + "\n"


def render_security_policy() -> str:
    """The settings of security.yaml, one row per setting."""
    rows = ["| setting | value |", "|---|---|"]
    for group, settings in security_policy().items():
        for name, value in settings.items():
            rows.append(f"| `{group}.{name}` | {value} |")
    return "\n".join(rows) + "\n"


def render_audited_records() -> str:
    """The kinds of record whose changes the history keeps (``AuditEntity``)."""
    rows = ["| kind (`bioecon history KIND`) | record |", "|---|---|"]
    rows += [f"| `{kind.value}` | {label(kind)} ({label(kind, 'en')}) |" for kind in AuditEntity]
    return "\n".join(rows) + "\n"


RENDERERS: dict[str, Callable[[], str]] = {
    "roles": render_roles,
    "audited-records": render_audited_records,
    "security-policy": render_security_policy,
    "layers": render_layers,
    "use-cases": render_use_cases,
    "indicators": render_indicators,
    "mapping-rules": render_mapping_rules,
}


def render(text: str) -> str:
    """``text`` with every generated block replaced by its current rendering."""

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + RENDERERS[match.group("name")]() + match.group(4)

    return _BLOCK.sub(replace, text)


def block_names(text: str) -> list[str]:
    return [m.group("name") for m in _BLOCK.finditer(text)]


def main() -> None:
    """Rewrite the generated blocks of the documents in :data:`DOCUMENTS` in place."""
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        document.write_text(render(text), encoding="utf-8")
        sys.stdout.write(f"{document}: {', '.join(block_names(text))} regenerated\n")


if __name__ == "__main__":
    main()
