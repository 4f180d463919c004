"""Bodies (议事协调机构) from a plan's text, each style a rule: the roster of a 领导小组 as an
attachment lists it (组 长:曾令慧 市委常委… / 副组长: … / 成 员: …, one person a line, a post
running on to the next line), the sentence that sets it up (成立X领导小组,由A任组长,B任副组长,
C、D等部门为成员单位), its 办公室 (办公室设在X; 办公室主任由Y同志兼任), its 专题协调组 (下设办公室和
甲组、乙组四个专题协调组; 甲组组长由Z同志担任), and the 工作专班 and 专家委员会 the text sets up.
Deterministic, pure; bodies are numbered in the order the text names them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bioecon.domain.bodies import Body, BodyKind, BodyMember, MemberRole

_CJK = "\u4e00-\u9fff"
_ROLE = re.compile(r"^\s*(副\s*组\s*长|组\s*长|成\s*员)\s*[:：]\s*", re.M)
_PERSON = re.compile(rf"^([{_CJK}])\s?([{_CJK}]{{1,2}})\s+(\S.*)$")
_GROUP_NAME = re.compile(rf"([{_CJK}“”]{{2,60}}?领导小组)")
_SET_UP = re.compile(rf"成立([{_CJK}]{{2,40}}?领导小组)")
_LEADER = re.compile(rf"由([{_CJK}]{{2,20}}?)任组长")
_DEPUTY = re.compile(rf"[,，]([{_CJK}]{{2,20}}?)任副组长")
_MEMBER_UNITS = re.compile(rf"[,，]([{_CJK}、]{{4,400}}?)等?部门为成员单位")
_OFFICE_AT = re.compile(rf"办公室设在([{_CJK}]{{2,40}}?)[,，。]")
_SUB_GROUPS = re.compile(
    rf"下设办公室和+([{_CJK}、]+?)[一二三四五六七八九十\d]+个专题协调组[,，]设在([{_CJK}]{{2,40}}?)[。,，]"
)
_OFFICE_HEAD = re.compile(rf"办公室(副?)主任由([{_CJK}]{{2,4}}?)同志兼?任")
_GROUP_HEAD = re.compile(rf"([{_CJK}]{{2,10}}组)组长由([{_CJK}]{{2,4}}?)同志担?任")
_OTHER = re.compile(rf"(?:成立|组建|优化|建立|设立)([{_CJK}]{{2,30}}?(工作专班|专家委员会))")
_ROLES = {"组长": MemberRole.LEADER, "副组长": MemberRole.DEPUTY, "成员": MemberRole.MEMBER}


@dataclass
class _Found:
    kind: BodyKind
    name: str
    start: int
    members: list[BodyMember] = field(default_factory=list)
    parent: int | None = None  # index of the body it belongs to


def extract_bodies(text: str, plan: str) -> list[Body]:
    """The bodies ``text`` names, with their members, coded ``<plan>-B01`` … in text order."""
    found: list[_Found] = []
    group = _roster(text) or _set_up(text)
    if group is not None:
        found.append(group)
        found += _offices_and_groups(text, group, 0)
    found += [
        _Found(
            BodyKind.TASK_FORCE if m.group(2) == "工作专班" else BodyKind.EXPERT_COMMITTEE,
            m.group(1),
            m.start(1),
        )
        for m in _OTHER.finditer(text)
    ]
    codes = [f"{plan}-B{n + 1:02d}" for n in range(len(found))]
    return [
        Body(
            codes[n],
            plan,
            b.kind,
            b.name,
            None if b.parent is None else codes[b.parent],
            tuple(b.members),
            b.start,
        )
        for n, b in enumerate(found)
    ]


def _roster(text: str) -> _Found | None:
    """A 领导小组's roster: 组长/副组长/成员 lines, a person a line, posts running on."""
    first = _ROLE.search(text)
    if first is None:
        return None
    # the heading just above the roster (after an 附件 line): the group's name, however wrapped
    before = text[max(0, first.start() - 120) : first.start()].split("附件")[-1].replace("\n", "")
    names = _GROUP_NAME.findall(before)
    if not names:
        return None
    end = text.find("领导小组下设", first.start())
    block = text[first.start() : end if end > 0 else len(text)]
    members: list[BodyMember] = []
    role = MemberRole.MEMBER
    for line in block.splitlines():
        label = _ROLE.match(line)
        if label is not None:
            role = _ROLES[re.sub(r"\s", "", label.group(1))]
            line = line[label.end() :]
        line = line.strip()
        if not line:
            continue
        person = _PERSON.match(line)
        if person is not None:
            members.append(
                BodyMember(role, person.group(1) + person.group(2), person.group(3).strip())
            )
        elif members:
            last = members[-1]
            members[-1] = replace(last, title=(last.title or "") + line)
    return _Found(BodyKind.LEADING_GROUP, names[-1], first.start(), members)


def _set_up(text: str) -> _Found | None:
    """成立X领导小组,由A任组长,B任副组长,C、D等部门为成员单位 (one sentence)."""
    match = _SET_UP.search(text)
    if match is None:
        return None
    sentence = text[match.start() : text.find("。", match.start())]
    members: list[BodyMember] = []
    if leader := _LEADER.search(sentence):
        members.append(BodyMember(MemberRole.LEADER, leader.group(1)))
    if deputy := _DEPUTY.search(sentence):
        members.append(BodyMember(MemberRole.DEPUTY, deputy.group(1)))
    if units := _MEMBER_UNITS.search(sentence):
        members += [
            BodyMember(MemberRole.MEMBER_UNIT, unit) for unit in units.group(1).split("、") if unit
        ]
    return _Found(BodyKind.LEADING_GROUP, match.group(1), match.start(1), members)


def _offices_and_groups(text: str, group: _Found, index: int) -> list[_Found]:
    """The group's 办公室 (where it sits, its 主任) and its 专题协调组 (each 组长)."""
    found: list[_Found] = []
    after = text[group.start :]
    subs = _SUB_GROUPS.search(after)
    sits = subs or _OFFICE_AT.search(after)
    if sits is None:
        return found
    office_at = sits.group(2) if subs is not None else sits.group(1)
    office = _Found(
        BodyKind.OFFICE, f"{group.name}办公室", group.start + sits.start(), parent=index
    )
    if office_at:
        office.members.append(BodyMember(MemberRole.HOST_UNIT, office_at))
    for head in _OFFICE_HEAD.finditer(after):
        role = MemberRole.DEPUTY if head.group(1) else MemberRole.LEADER
        office.members.append(BodyMember(role, head.group(2)))
    found.append(office)
    if subs is not None:
        heads = {m.group(1): m.group(2) for m in _GROUP_HEAD.finditer(after)}
        for name in subs.group(1).split("、"):
            sub = _Found(
                BodyKind.COORDINATION_GROUP, name, group.start + subs.start(1), parent=index
            )
            if name in heads:
                sub.members.append(BodyMember(MemberRole.LEADER, heads[name]))
            found.append(sub)
    return found
