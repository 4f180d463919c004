"""Tasks and responsible units, on text written in the style of Chinese plans."""

from __future__ import annotations

from bioecon.extract.tasks import extract_tasks, split_units

TEXT = (
    "四、重点任务\n"
    "(一)科技创新攻坚行动\n"
    "1.加强关键核心技术攻关。聚焦基因编辑等领域,实施一批攻关项目。(责任单位:湖南湘江新区管委会、市发展改革委、市科技局等按职责分工,下同)\n"
    "2.完善创新平台。建设一批重点实验室。（牵头单位：市科技局、区财政局（金融办、国资办）、相关区县市人民政府和园区管委会）\n"
    "六、主要任务\n"
    "(一)坚持引育并举,加速产业转型蝶变\n"
    "链式招商引领产业集群发展。围绕重点领域开展招商。(责任单位:区投促办、区经委)\n"
)


def test_tasks_units_headings_and_sections() -> None:
    tasks = extract_tasks(TEXT)
    assert [t.units for t in tasks] == [
        ["湖南湘江新区管委会", "市发展改革委", "市科技局"],
        ["市科技局", "区财政局（金融办、国资办）", "相关区县市人民政府和园区管委会"],
        ["区投促办", "区经委"],
    ]
    assert [t.heading for t in tasks] == [
        "1.加强关键核心技术攻关",
        "2.完善创新平台",
        "(一)坚持引育并举,加速产业转型蝶变",
    ]
    assert [t.section for t in tasks] == [
        "(一)科技创新攻坚行动",
        "(一)科技创新攻坚行动",
        "六、主要任务",
    ]
    for task in tasks:
        assert TEXT[task.start - 1] == "\n" and task.start <= task.marker
        assert TEXT[task.marker : task.marker + 4] in ("责任单位", "牵头单位")


def test_split_units_keeps_parentheses_and_drops_trailing_remarks() -> None:
    assert split_units("市发改委、市财政局等") == ["市发改委", "市财政局"]
    assert split_units("市商务局、市政府金融办按职责分工负责") == ["市商务局", "市政府金融办"]
    assert split_units("各区县市人民政府和园区管委会") == ["各区县市人民政府和园区管委会"]
