"""Plan files: ``source.path`` confined to the plan file's folder, and the YAML and size limits
of the one plan-file loader. The hostile files themselves are in the corpus
(tests/data/bad-inputs/plans/); these check the edges of each limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bioecon.errors import InvalidInput
from bioecon.io.planfile import read_plan_file
from bioecon.io.safe_paths import confined_path
from bioecon.io.yaml_source import load_yaml

PLAN = """\
plan:
  code: demo
  title: 示例计划
  region: 430100
  source:
    path: {path}
"""


def refusal(path: Path, **options: list[Path]) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_plan_file(path, source_roots=options.get("roots", []))
    return caught.value.report()


def plan_naming(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "plan.yaml"
    plan.write_text(PLAN.format(path=name), encoding="utf-8")
    return plan


def test_a_source_beside_the_plan_file_or_below_it_loads(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "plan.txt").write_text("到2025年产业规模达到100亿元。", encoding="utf-8")
    plan = plan_naming(tmp_path, "texts/../texts/plan.txt")
    assert read_plan_file(plan).bundle.plan.source_text == "到2025年产业规模达到100亿元。"


def test_confined_path_resolves_before_it_compares(tmp_path: Path) -> None:
    inside = tmp_path / "plans"
    inside.mkdir()
    (inside / "link-in.txt").symlink_to(inside / "real.txt")
    (inside / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    assert confined_path("real.txt", inside) == (inside / "real.txt").resolve()
    assert confined_path("link-in.txt", inside) == (inside / "real.txt").resolve()
    assert confined_path("link-out.txt", inside) is None
    assert confined_path("../secret.txt", inside) is None
    assert confined_path(str(tmp_path / "secret.txt"), inside) is None
    assert confined_path("../plansx/a.txt", inside) is None  # a sibling sharing the prefix
    assert confined_path("../secret.txt", inside, [tmp_path]) == (tmp_path / "secret.txt")


def test_an_allowed_root_admits_a_source_outside_the_plan_folder(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "plan.txt").write_text("源文本", encoding="utf-8")
    plan = plan_naming(tmp_path / "plans", "../texts/plan.txt")
    assert "计划文件所在的文件夹" in refusal(plan)
    parsed = read_plan_file(plan, source_roots=[tmp_path / "texts"])
    assert parsed.bundle.plan.source_text == "源文本"


def test_a_fifo_as_source_is_refused_unread(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer for ever
    report = refusal(plan_naming(tmp_path, "pipe.txt"))
    assert "plan.source.path (line 6): cannot read pipe.txt: 不是普通文件" in report


def test_a_source_text_over_4_mb_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "big.txt").open("wb") as big:
        big.truncate(4 * 1024 * 1024 + 1)  # sparse: no 4 MB written
    report = refusal(plan_naming(tmp_path, "big.txt"))
    assert (
        "plan.source.path (line 6): cannot read big.txt: 文件过大（4 MB，须不超过4 MB）" in report
    )


def test_a_plan_file_over_4_mb_is_refused_unread(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    with plan.open("wb") as big:
        big.truncate(5 * 1024 * 1024)
    assert "文件过大（5 MB，须不超过4 MB）" in refusal(plan)


def nested(depth: int) -> str:
    """``depth`` mappings, one inside the other, in block style."""
    return "".join("  " * level + f"k{level}:\n" for level in range(depth - 1)) + (
        "  " * (depth - 1) + "k: 1\n"
    )


def test_nesting_is_read_to_32_levels_and_refused_beyond() -> None:
    data, _ = load_yaml(nested(32), "x.yaml")
    for level in range(31):
        data = data[f"k{level}"]
    assert data == {"k": 1}
    with pytest.raises(InvalidInput) as caught:
        load_yaml(nested(33), "x.yaml")
    assert "line 33, column 65: 嵌套过深（须不超过32层）" in caught.value.report()


def test_numbers_are_read_to_40_digits() -> None:
    data, _ = load_yaml(f"a: {'9' * 40}\nb: 0.{'1' * 39}\nc: .NaN\n", "x.yaml")
    assert data["a"] == int("9" * 40)
    assert str(data["b"]) == "0." + "1" * 39
    assert not data["c"].is_finite()
    with pytest.raises(InvalidInput) as caught:
        load_yaml(f"a: 1\nb: {'9' * 41}\n", "x.yaml")
    assert "line 2, column 4: 数值位数过多（须不超过40位）" in caught.value.report()


def test_a_key_twice_in_different_mappings_is_not_a_duplicate() -> None:
    data, _ = load_yaml("a: {k: 1}\nb: {k: 2}\n", "x.yaml")
    assert data == {"a": {"k": 1}, "b": {"k": 2}}
    with pytest.raises(InvalidInput) as caught:
        load_yaml("a: {k: 1, j: 2, k: 3}\n", "x.yaml")
    assert "line 1, column 17: 键 k 重复（第1行和第1行）" in caught.value.report()
