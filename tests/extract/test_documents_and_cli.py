"""The extractor end to end: readers (.txt in UTF-8 or GBK, .docx, .pdf), the jsonl contract,
the plan file it writes (loaded by `plan load`), and the evaluation command."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from bioecon.errors import InvalidInput
from bioecon.extract.reader import read_document
from tests.test_cli import run

PLAN = (
    "长沙市生物经济发展行动计划\n二、发展目标\n到2025年,全市生物医药产业规模突破2000亿元,"
    "全市百亿级规模生物经济骨干企业争取达到10家。\n(一)空间布局优化行动\n"
    "1.做强集聚区。到2025年,产业规模达1200亿元。(责任单位:湖南湘江新区管委会、市发展改革委)\n"
)
SEEDS = Path(__file__).parents[2] / "bioecon" / "data" / "seeds"


def test_readers_give_the_same_text(tmp_path: Path) -> None:
    gbk = tmp_path / "plan.txt"
    gbk.write_bytes(PLAN.encode("gbk"))
    assert read_document(gbk) == PLAN
    word = tmp_path / "plan.docx"
    document = docx.Document()
    for line in PLAN.rstrip("\n").split("\n"):
        document.add_paragraph(line)
    document.save(str(word))
    assert read_document(word) == PLAN.rstrip("\n")
    with pytest.raises(InvalidInput, match="1 problem"):
        read_document(tmp_path / "missing.txt")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(InvalidInput):
        read_document(broken)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 20 100 Td (Plan 2025 target) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    path = tmp_path / "plan.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert "Plan 2025 target" in read_document(path)
    empty = tmp_path / "scan.pdf"
    blank = PdfWriter()
    blank.add_blank_page(width=100, height=100)
    with empty.open("wb") as out:
        blank.write(out)
    with pytest.raises(InvalidInput) as caught:
        read_document(empty)
    assert "no text layer" in caught.value.report()


def test_jsonl_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(path), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    targets = [r for r in records if r["kind"] in ("target", "policy_rule")]
    assert [(t["year"], t["op"], t["value"], t["unit"]) for t in targets] == [
        (2025, ">=", 2000, "亿元"),
        (2025, "=", 10, "家"),
        (2025, "=", 1200, "亿元"),
    ]
    for t in targets:
        assert set(t) == {
            "kind",
            "year",
            "subject",
            "metric",
            "qualifier",
            "op",
            "value",
            "value_high",
            "unit",
            "quote",
            "start",
            "end",
            "base_value",
            "base_year",
            "nature",
        }
        assert PLAN[t["start"] : t["end"]] == t["quote"]
        # sentence targets: no 主要指标 table, so no base and no 属性
        assert (t["base_value"], t["base_year"], t["nature"]) == (None, None, None)
    (task,) = [r for r in records if r["kind"] == "task"]
    assert task["units"] == ["湖南湘江新区管委会", "市发展改革委"] and PLAN[
        task["start"] :
    ].startswith("1.做强集聚区")
    # the label word 责任单位 is the marker; nothing marks a lead, so the first unit leads
    assert PLAN[task["marker"] :].startswith("责任单位:")
    assert (task["lead"], task["style"]) == ([], "label")


def test_yaml_output_is_a_plan_file_that_loads(
    blank_database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(path), "--format", "yaml", "--code", "cs-extracted")
    assert code == 0
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(out, encoding="utf-8")
    assert "indicator: biomedicine_scale" in out and "indicator: tier.revenue_100yi" in out
    run(capsys, "--db", blank_database_url, "db", "upgrade")
    code, out, err = run(capsys, "--db", blank_database_url, "plan", "load", str(plan_file))
    assert code == 0, err
    code, out, _ = run(
        capsys,
        "--db",
        blank_database_url,
        "evaluate",
        "--plan",
        "cs-extracted",
        "--as-of",
        "2025-06",
        "--format",
        "json",
    )
    assert len(json.loads(out)) == 3


def test_extract_eval_on_the_shipped_seeds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "000_0d856e524a942849.txt",
                "id": "000-01",
                "kind": "target",
                "year": 2025,
                "op": "=",
                "value": 4000,
                "value_high": None,
                "unit": "亿元",
                "quote": "产业规模达到4000亿元",
                "start": 854,
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("", encoding="utf-8")
    code, out, _ = run(
        capsys,
        "extract-eval",
        "--gold-targets",
        str(gold),
        "--gold-tasks",
        str(tasks),
        "--docs",
        str(SEEDS),
        "--errors",
    )
    assert code == 0 and "000_0d856e524a942849.txt" in out
    assert "FP @966" in out  # the other 25 targets of that plan are not in this tiny gold file


def test_extract_explain_table_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("到2025年，新增創新平臺3—5個，成立四個專題組。\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(plan), "--explain", "--format", "json")
    assert code == 0
    lines = json.loads(out)
    assert [(n["start"], n["written"], n["status"]) for n in lines] == [
        (1, "2025", "rejected"),
        (13, "3—5個", "target"),
        (20, "四個", "rejected"),
    ]
    assert [d["rule"] for d in lines[1]["decisions"]] == [
        "number_with_unit",
        "range",
        "year_in_line",
    ]
    assert lines[2]["rule"] == "chinese_count_without_verb" and "四个专题组" in lines[2]["reason"]
    code, out, _ = run(capsys, "extract", str(plan), "--explain")
    assert code == 0 and "range: op range" in out and "3—5個" in out
    code, _, error = run(capsys, "extract", str(plan), "--explain", "--format", "yaml")
    assert code == 3 and "--explain prints a table or json" in error


def test_units_are_simplified_and_quotes_kept_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("到2025年，培育專精特新企業20個，新增產值50億元。\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(plan), "--format", "json")
    assert code == 0
    targets = json.loads(out)["targets"]
    assert [(t["unit"], t["quote"]) for t in targets] == [
        ("个", "培育專精特新企業20個"),
        ("亿元", "新增產值50億元"),
    ]
