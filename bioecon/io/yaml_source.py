"""YAML read exactly (decimals stay Decimal) and with the line of every value, so an error can
say ``targets[3].value (line 41)``; YAML written in a stable, readable form.

The one loader of user-supplied YAML (plan files). It refuses, with the line, what a plan
file never needs and a hostile file uses: anchors and aliases (a few hundred bytes of nested
aliases expand to billions of nodes), merge keys, a key given twice (YAML would silently keep
the last), nesting deeper than :data:`MAX_DEPTH`, a text longer than :data:`MAX_CHARS`, and
numbers beyond :data:`MAX_NUMBER_DIGITS` digits (``1e9999999`` takes seconds to become an
int). ``.nan`` and ``.inf`` are read as non-finite Decimals, which the plan file's model
refuses at their field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final, Protocol

import yaml
from pydantic import ValidationError

from bioecon.errors import InvalidInput, Problem, format_path
from bioecon.io.document_limits import read_bounded

YamlPath = tuple[str | int, ...]

MAX_DEPTH: Final = 32  # a plan file nests 5 deep (plan.tiers[0].unicorn.max_age)
MAX_CHARS: Final = 4_000_000  # the plan file size limit (bioecon/io/document_limits.py)
MAX_NUMBER_DIGITS: Final = (
    40  # digits, and powers of ten; the ledger holds 18 (below 10^12, 6 places)
)
_MERGE: Final = "tag:yaml.org,2002:merge"
_NON_FINITE: Final = {".nan": "NaN", ".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}


class _Position(Protocol):
    """Where a YAML mark points (PyYAML's pure and C marks alike)."""

    line: int
    column: int


class _Refused(yaml.YAMLError):
    """Valid YAML that bioecon does not read: the problem, in Chinese, and where it is."""

    def __init__(self, problem: str, mark: _Position | None) -> None:
        super().__init__(problem)
        self.problem = Problem(_where(mark), problem)


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader that reads 12.5 as Decimal('12.5'), never as a binary float, and composes
    only plain trees: no anchor, alias or merge key, no key twice, at most MAX_DEPTH deep."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.check_event(yaml.NodeEvent)  # reads the next event into current_event
        event: yaml.Event = self.current_event
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused("不支持锚点和别名（& 与 *）：请把内容直接写出", event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:  # a mapping or a sequence, one level deeper
            raise _Refused(f"嵌套过深（须不超过{MAX_DEPTH}层）", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor: dict[Any, yaml.Node]) -> yaml.MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: dict[str, int] = {}
        for key, _ in node.value:
            line = key.start_mark.line + 1
            if key.tag == _MERGE:
                raise _Refused("不支持合并键 <<：请把内容直接写出", key.start_mark)
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                message = f"键 {key.value} 重复（第{seen[key.value]}行和第{line}行）：请只保留一个"
                raise _Refused(message, key.start_mark)
            if isinstance(key, yaml.ScalarNode):
                seen[key.value] = line
        return node


def _number_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if sum(c.isdigit() for c in text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"数值位数过多（须不超过{MAX_NUMBER_DIGITS}位）", node.start_mark)
    return text


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = _number_text(loader, node)
    try:
        value = Decimal(_NON_FINITE.get(text.lower(), text))
    except InvalidOperation:  # YAML 1.1 also reads 190:20:30.15 (base 60) as a float
        raise _Refused(f"{text} 不是可读的数：请写成十进制数（如 12.5）", node.start_mark) from None
    if value.is_finite() and value and abs(value.adjusted()) > MAX_NUMBER_DIGITS:
        raise _Refused(
            f"数值超出范围（须在10^-{MAX_NUMBER_DIGITS}与10^{MAX_NUMBER_DIGITS}之间）",
            node.start_mark,
        )
    return value


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    _number_text(loader, node)
    value: int = loader.construct_yaml_int(node)
    return value


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A date as YAML reads it; an impossible one (2025-02-30) stays its text, for the file's
    reader to refuse at its field (PyYAML would raise a bare ValueError)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return str(loader.construct_scalar(node))


_ExactLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_ExactLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese kept readable, Decimals written as plain numbers."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)


def load_yaml(text: str, source: str) -> tuple[Any, dict[YamlPath, int]]:
    """Parse ``text``; return the data and a map from each value's path to its 1-based line."""
    if len(text) > MAX_CHARS:
        raise InvalidInput(source, [Problem("", f"YAML 过长（须不超过{MAX_CHARS}字）")])
    loader = _loader(text, source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as error:
        raise InvalidInput(source, [error.problem]) from None
    except yaml.MarkedYAMLError as error:
        where = _where(error.problem_mark)
        raise InvalidInput(source, [Problem(where, f"not valid YAML: {error.problem}")]) from None
    except yaml.YAMLError as error:
        raise InvalidInput(source, [Problem("", f"not valid YAML: {error}")]) from None
    finally:
        loader.dispose()
    lines: dict[YamlPath, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _loader(text: str, source: str) -> _ExactLoader:
    """The loader of ``text``, which refuses a control character before it starts."""
    try:
        return _ExactLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        code = f"#x{error.character:04x}" if isinstance(error.character, int) else "?"
        problem = Problem(f"line {line}", f"YAML 中不能出现控制字符 {code}：请删去")
        raise InvalidInput(source, [problem]) from None


def _where(mark: _Position | None) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(document)"


def _record_lines(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _record_lines(value_node, (*path, str(key_node.value)), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines)


def locate(path: YamlPath, lines: dict[YamlPath, int]) -> str:
    """``targets[3].value (line 41)``; the nearest enclosing line when the key is absent."""
    probe = path
    while probe and probe not in lines:
        probe = probe[:-1]
    line = lines.get(probe)
    return f"{format_path(path)} (line {line})" if line else format_path(path)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)


def read_yaml_file(path: Path, limit: int) -> tuple[Any, dict[YamlPath, int]]:
    """The data of the user's YAML file ``path`` (a regular file of at most ``limit`` bytes,
    UTF-8) and the line of each value, or :class:`InvalidInput` saying why not."""
    try:
        text = read_bounded(path, limit).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(str(path), [Problem("", f"not UTF-8 text: {error.reason}")]) from None
    return load_yaml(text, str(path))


def validation_problems(
    error: ValidationError,
    lines: dict[YamlPath, int],
    message: Callable[[Any], str] = lambda item: str(item["msg"]),
) -> list[Problem]:
    """Each pydantic finding as a problem at its field and line."""
    return [Problem(locate(tuple(item["loc"]), lines), message(item)) for item in error.errors()]
