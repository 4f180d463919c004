"""The bulletin's files from the command line: .docx (reopened with python-docx), PDF (its
text by pdftotext, its fonts by pdffonts, its first page rendered by pdftoppm into
test-artifacts/reports/ for a person to look at) and HTML; publishing and showing again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from bioecon.app import Bioecon
from bioecon.cli import cli
from bioecon.reports.pdf import column_widths

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "reports"
LEAD = (
    "1—10月，全市累计170.00亿元，同比增长13.3%，增速与1—9月持平；10月当月17.00亿元，同比增长13.3%。"
)
POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdffonts) not installed"
)


def style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def run(app: Bioecon, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", app.settings.database_url, *args])
    assert result.exit_code == 0, result.output
    return result


def build(app: Bioecon, out: Path, *more: str) -> Result:
    return run(
        app, "report", "build", "monthly", "--plan", "city", "--period", "2026-10",
        "--out", str(out), *more,
    )  # fmt: skip


def test_the_docx_is_an_a4_document_with_its_headings_tables_and_page_numbers(
    city: Bioecon, tmp_path: Path
) -> None:
    build(city, tmp_path / "b.docx")
    document = docx.Document(str(tmp_path / "b.docx"))
    section = document.sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    # Word keeps lengths in twips (1/1440 inch): to a tenth of a millimetre
    assert [round(size.mm, 1) for size in sizes if size is not None] == [
        210.0, 297.0, 37.0, 35.0, 28.0, 26.0
    ]  # fmt: skip
    headings = [p.text for p in document.paragraphs if style(p) == "Heading 1"]
    assert headings == [
        "一、主要指标完成情况",
        "二、规划目标进展",
        "三、区县比较",
        "四、重点项目推进",  # 本期没有纳入调度的重点项目 (the city has no project library)
        "五、重点任务推进",  # 本期没有纳入调度的任务 (nor a task breakdown)
        "六、数据质量",
    ]
    (title,) = [p for p in document.paragraphs if style(p) == "Title"]
    assert title.text == "城市生物经济统计监测月报"
    assert title.runs[0].font.size == Pt(22)  # 二号
    lead = next(p for p in document.paragraphs if p.text.startswith("1—10月"))
    assert lead.text.startswith(LEAD) and lead.runs[0].font.size == Pt(16)  # 三号
    assert document.paragraphs[-2].text == "城市生物经济发展规划办公室"  # then the date
    assert [[c.text for c in row.cells] for row in document.tables[2].rows] == [
        ["区县", "1—10月累计（亿元）", "累计同比（%）"],
        ["一区", "110.00", "10.0"],
        ["二区", "60.00", "20.0"],
    ]
    assert [c.text for c in document.tables[1].rows[1].cells] == [
        "营业收入", "二区", "60.0", "83.3", "滞后", "二区"
    ]  # fmt: skip
    footer = section.footer.paragraphs[0]
    assert footer.text == "—  —" and "PAGE" in footer._p.xml  # Word fills in the number


@POPPLER
def test_the_pdf_has_the_narrative_as_text_embedded_fonts_and_a_page_to_look_at(
    city: Bioecon, tmp_path: Path
) -> None:
    pdf = tmp_path / "b.pdf"
    build(city, pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert LEAD in flat
    assert "—1—" in flat and "—2—" in flat and "城市生物经济发展规划办公室" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert {row[0].split("+")[1] for row in rows} == {
        "NotoSerifSCBold",
        "NotoSerifSC",
        "NotoSansSCBold",
    }
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # embedded, subset, unicode
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / "monthly-bulletin-page1"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(page)], check=True)
    assert page.with_suffix(".png").stat().st_size > 10_000


def test_the_html_page_escapes_and_holds_the_narrative(city: Bioecon, tmp_path: Path) -> None:
    build(city, tmp_path / "b.html")
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "<h1>城市生物经济统计监测月报</h1>" in page
    assert f"<p>{LEAD}" in page and "<h2>三、区县比较</h2>" in page


def test_a_published_bulletin_shows_again_with_its_hash(city: Bioecon, tmp_path: Path) -> None:
    published = build(city, tmp_path / "a.html", "--publish").output.splitlines()[-1]
    assert published.startswith("published as report 1, content hash ")
    digest = published.rsplit(" ", 1)[1]
    shown = run(city, "report", "show", "1", "--out", str(tmp_path / "again.html"))
    assert shown.output.splitlines()[-1] == f"content hash {digest}"
    first = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == first
    listed = run(city, "report", "list").output.split("\t")
    assert (listed[0], listed[1], listed[2], listed[-1].strip()) == ("1", "city", "2026-10", digest)


def test_an_unknown_suffix_is_refused_before_anything_is_built(
    city: Bioecon, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        cli,
        ["--db", city.settings.database_url, "report", "build", "monthly", "--plan", "city",
         "--period", "2026-10", "--out", str(tmp_path / "b.txt")],
    )  # fmt: skip
    assert result.exit_code == 2  # wrong usage
    assert "b.txt：报告文件须以 .docx、.pdf 或 .html 结尾" in result.output


def test_a_wide_tables_short_columns_keep_their_width_and_the_long_ones_wrap() -> None:
    # the longest cells: 2, 2, 3, 20, 2, 4, 3 characters = 36. With room for 24, narrowest
    # first: 2, 2, 2, 3, 3, 4 each fit under the share left (24/7, 22/6, 20/5, 18/4, 15/3,
    # 12/2 = 6), together 16; the 20 gets what is left, 24 − 16 = 8. With room for 100 all
    # keep their own width.
    rows = (
        ("目标", "对象", "属性", "说明", "完成", "完成率%", "评价"),
        ("产业", "全市", "预期性", "很长" * 10, "是", "88.5", "未达标"),
    )
    assert column_widths(rows, 24.0) == (2.0, 2.0, 3.0, 8.0, 2.0, 4.0, 3.0)
    assert column_widths(rows, 100.0) == (2.0, 2.0, 3.0, 20.0, 2.0, 4.0, 3.0)


# The other kinds, from the command line, each as .docx (its headings) and as PDF (its
# narrative as text, its first page rendered for a person to look at): the 季报 of 2026Q3
# (as of September: 1—9月 = 99 + 54 = 153, against 135: +13.3 %), the 年度总结 of 2025
# (no December figures in the small world: no headline) and the 中期评估 as of 2026-10.
KINDS = [
    (
        "quarterly",
        "2026Q3",
        ["一、主要指标完成情况", "二、规划目标进展", "三、区县比较", "四、重点项目推进",
         "五、重点任务推进", "六、数据质量"],
        "前三季度，全市累计153.00亿元，同比增长13.3%。",
    ),
    (
        "annual",
        "2025",
        ["一、总体进展", "二、主要目标完成情况", "三、主要指标运行情况", "四、存在问题和调整建议",
         "五、目标调整情况", "六、重点项目推进", "七、重点任务推进", "八、数据质量"],
        "《测试规划》规划期为2024—2027年。截至2025年12月，规划2项目标中，",
    ),
    (
        "midterm",
        "2026-10",
        ["一、总体进展", "二、主要目标完成情况", "三、主要指标运行情况", "四、存在问题和调整建议",
         "五、目标调整情况", "六、重点项目推进", "七、重点任务推进", "八、数据质量"],
        "1—10月，全市累计170.00亿元，同比增长13.3%。",
    ),
]  # fmt: skip


@POPPLER
@pytest.mark.parametrize(
    ("kind", "period", "headings", "sentence"), KINDS, ids=[k[0] for k in KINDS]
)
def test_every_kind_of_report_is_a_document_with_its_headings_and_its_words(
    city: Bioecon, tmp_path: Path, kind: str, period: str, headings: list[str], sentence: str
) -> None:
    args = ("report", "build", kind, "--plan", "city", "--period", period)
    run(city, *args, "--out", str(tmp_path / "r.docx"))
    document = docx.Document(str(tmp_path / "r.docx"))
    assert [p.text for p in document.paragraphs if style(p) == "Heading 1"] == headings
    run(city, *args, "--out", str(tmp_path / "r.pdf"))
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True
    )
    assert "".join(sentence.split()) in "".join(text.stdout.split())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / f"{kind}-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(tmp_path / "r.pdf"), str(page)],
        check=True,
    )
    assert page.with_suffix(".png").stat().st_size > 10_000
