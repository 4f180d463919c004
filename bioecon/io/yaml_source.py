"""YAML read exactly (decimals stay Decimal) and with the line of every value, so an error can
say ``targets[3].value (line 41)``; YAML written in a stable, readable form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from bioecon.errors import InvalidInput, Problem, format_path

YamlPath = tuple[str | int, ...]


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader that reads 12.5 as Decimal('12.5'), never as a binary float."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    return Decimal(text)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


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
    loader = _ExactLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(document)"
        raise InvalidInput(source, [Problem(where, f"not valid YAML: {error.problem}")]) from None
    except yaml.YAMLError as error:
        raise InvalidInput(source, [Problem("", f"not valid YAML: {error}")]) from None
    finally:
        loader.dispose()
    lines: dict[YamlPath, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


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
