"""Bodies (议事协调机构) read from the seed plans, expected values written from their text:
天门's attachment lists its 领导小组 (组长 曾令慧, five 副组长, six 成员, a post running on to the
next line), its 办公室 in the 开发区管委会 (主任 张志鹏, 副主任 刘玲) and four 专题协调组 each with
its 组长; 南京's sentence sets up its 领导小组 with 16 成员单位 and the office 设在市发改委; 金山
names a 专家委员会 and a 工作专班."""

from __future__ import annotations

from bioecon.catalogs import seed_texts
from bioecon.domain.bodies import BodyKind, BodyMember, MemberRole
from bioecon.extract.bodies import extract_bodies

L, D, M = MemberRole.LEADER, MemberRole.DEPUTY, MemberRole.MEMBER


def test_tianmen_leading_group_office_and_coordination_groups() -> None:
    bodies = extract_bodies(seed_texts()["001_e766b8f781ed4268.txt"], "tianmen-2025")
    group = bodies[0]
    assert (group.code, group.kind, group.name) == (
        "tianmen-2025-B01",
        BodyKind.LEADING_GROUP,
        "国家火炬天门生物医药特色产业基地建设工作领导小组",
    )
    assert group.members[0] == BodyMember(
        L, "曾令慧", "市委常委、市委统战部部长、天门经济开发区党工委书记"
    )
    assert [(m.role, m.name) for m in group.members[1:]] == [
        (D, "刘同生"), (D, "肖上平"), (D, "黄祥斌"), (D, "刘娟"), (D, "杨峰"),
        (M, "胡小波"), (M, "张志鹏"), (M, "谢强"), (M, "沈朋庆"), (M, "刘玲"), (M, "李闹"),
    ]  # fmt: skip
    assert group.members[5].title == "天门高新技术产业投资有限公司董事长"  # 董事长 on its own line
    office = bodies[1]
    assert (office.kind, office.parent) == (BodyKind.OFFICE, "tianmen-2025-B01")
    assert office.members == (
        BodyMember(MemberRole.HOST_UNIT, "天门经济开发区管理委员会"),
        BodyMember(L, "张志鹏"),
        BodyMember(D, "刘玲"),
    )
    assert [(b.kind, b.name, b.members) for b in bodies[2:]] == [
        (BodyKind.COORDINATION_GROUP, "综合协调组", (BodyMember(L, "胡小波"),)),
        (BodyKind.COORDINATION_GROUP, "投资促进组", (BodyMember(L, "李闹"),)),
        (BodyKind.COORDINATION_GROUP, "要素保障组", (BodyMember(L, "沈朋庆"),)),
        (BodyKind.COORDINATION_GROUP, "规划建设组", (BodyMember(L, "谢强"),)),
    ]


def test_nanjing_sets_up_its_group_in_one_sentence() -> None:
    bodies = extract_bodies(seed_texts()["002_1431890bb6d75dd0.txt"], "nanjing-2023")
    group, office = bodies
    assert group.name == "南京市生物经济发展领导小组"
    assert group.members[:2] == (BodyMember(L, "市政府主要领导"), BodyMember(D, "分管领导"))
    units = [m.name for m in group.members if m.role is MemberRole.MEMBER_UNIT]
    assert len(units) == 16 and units[0] == "市委组织部" and units[-1] == "市金融监管局"
    assert office.members == (BodyMember(MemberRole.HOST_UNIT, "市发改委"),)


def test_jinshan_task_force_and_expert_committee() -> None:
    bodies = extract_bodies(seed_texts()["003_49cf48505f772831.txt"], "jinshan-2030")
    assert [(b.kind, b.name) for b in bodies] == [
        (BodyKind.EXPERT_COMMITTEE, "生物制造专家委员会"),
        (BodyKind.TASK_FORCE, "区生物制造产业推进工作专班"),
    ]
