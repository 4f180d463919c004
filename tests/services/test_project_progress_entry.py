"""A month's progress of a key project entered by its responsible unit, with photos, on both
backends: who may enter it (the department of the unit its 责任单位 names, a reporter of its
org unit) and who may not (another department, a reviewer, another district's reporter); the
entry and its photos on the project page with who entered them; the photos refused by type,
size, count and content; each kept in the task evidence store and read back only by those
who read the project.

The world: tests/data/changsha.plan.yaml (responsible units CS-RU01 湖南湘江新区管委会,
CS-RU03 市发展改革委 with the alias 市发改委), the ledger tests/data/projects/ledger.csv (CS-P1
芙蓉区发改局 of 430102 … — names the unit table does not hold) and one more project, CS-P6 of
岳麓区 (430104) whose 责任单位 is 「市发改委」: CS-RU03's by its alias.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.evidence import Attachment
from bioecon.domain.notices import NoticeSubject
from bioecon.domain.periods import Period
from bioecon.domain.projects import ProgressEntry
from bioecon.domain.registers import RegisterFile, RegisterRow
from bioecon.errors import Forbidden, InvalidInput, NotFound
from bioecon.io.planfile import read_plan_file
from bioecon.io.project_files import read_progress_form, read_project_ledger
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.history import value_history
from bioecon.services.plans import load_plan
from bioecon.services.projects import load_project_ledger, load_project_progress, project_page
from bioecon.services.tasks import evidence_file, unit_board

DATA = Path(__file__).parent.parent / "data" / "projects"
PLAN = "changsha-2025"
DRC = Principal("fgw", Role.DEPARTMENT, Scope(responsible_unit="CS-RU03"))  # 市发展改革委
XIANGJIANG = Principal("xj", Role.DEPARTMENT, Scope(responsible_unit="CS-RU01"))
YUELU_REPORTER = Principal("yl-rep", Role.REPORTER, Scope("430104"))
YUELU_REVIEWER = Principal("yl-rev", Role.REVIEWER, Scope("430104"))
FURONG_REPORTER = Principal("fr-rep", Role.REPORTER, Scope("430102"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24  # the 8-byte PNG signature, then anything
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
AT = datetime(2026, 7, 8, 2, 30, tzinfo=UTC)  # 10:30 in China


@pytest.fixture
def library(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    text = (DATA / "ledger.csv").read_text(encoding="utf-8")
    extra = "CS-P6,生物药中试基地,开工,新开工,430104,市发改委,6,2026,6000,2026-02-01,2026-02-01,2026-03-01,2026-02-01,开工令,市重点\n"
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(text + extra, encoding="utf-8")
    parsed_ledger = read_project_ledger(ledger, plan=PLAN)
    load_project_ledger(app, actor=LOCAL_ADMIN, origin="test", parsed=parsed_ledger)
    return app


def _enter(
    app: Bioecon,
    actor: Principal,
    code: str,
    completed: str,
    photos: list[Attachment] | None = None,
) -> None:
    form = {"period": "2026-06", "completed": completed, "image_progress": "主体施工"}
    load_project_progress(
        app,
        actor=actor,
        origin="test",
        parsed=read_progress_form(code, form),
        photos=photos or [],
        now=AT,
    )


def test_the_department_of_the_responsible_unit_enters_and_others_cannot(
    library: Bioecon,
) -> None:
    # 「市发改委」 is CS-RU03's alias: its department enters CS-P6's month and reads the page
    _enter(library, DRC, "CS-P6", "2500")
    page = project_page(library, actor=DRC, code="CS-P6")
    assert page.enters
    assert [(str(e.period), str(e.completed)) for e in page.progress] == [("2026-06", "2500")]
    assert page.recorded["2026-06"] == ("fgw", AT)
    # the reporter of 岳麓区 (CS-P6's org unit) enters it too, replacing the month
    _enter(library, YUELU_REPORTER, "CS-P6", "2600")
    assert project_page(library, actor=YUELU_REPORTER, code="CS-P6").recorded["2026-06"][0] == (
        "yl-rep"
    )
    # another department, the reviewer of 岳麓区, 芙蓉区's reporter: refused, nothing written
    for outsider in (XIANGJIANG, YUELU_REVIEWER, FURONG_REPORTER):
        with pytest.raises((Forbidden, NotFound)):
            _enter(library, outsider, "CS-P6", "9999")
    assert [str(e.completed) for e in project_page(library, actor=DRC, code="CS-P6").progress] == [
        "2600"
    ]
    # the reviewer reads the page but has no form; 湘江新区's department does not see it
    assert not project_page(library, actor=YUELU_REVIEWER, code="CS-P6").enters
    with pytest.raises(NotFound):
        project_page(library, actor=XIANGJIANG, code="CS-P6")
    # CS-P1's 芙蓉区发改局 is not in the unit table: 市发展改革委 neither sees nor enters it
    with pytest.raises(NotFound):
        project_page(library, actor=DRC, code="CS-P1")
    with pytest.raises(Forbidden, match="CS-P1"):
        _enter(library, DRC, "CS-P1", "100")
    # the department finds CS-P6 on its unit's board (by the alias 市发改委)
    board = unit_board(library, actor=DRC, unit="CS-RU03")
    assert [p.code for p in board.projects] == ["CS-P6"]
    # the audit trail: created by the department, updated by the reporter (2500 → 2600)
    history = value_history(
        library, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT_PROGRESS, prefix="CS-P6/2026-06"
    )
    assert [(e.actor, e.action.value) for e in history] == [("fgw", "create"), ("yl-rep", "update")]
    assert history[1].old_value == {"completed": "2500"}
    assert history[1].new_value == {"completed": "2600"}


def test_photos_are_checked_stored_with_the_entry_and_read_by_its_readers(
    library: Bioecon,
) -> None:
    big = Attachment("大.png", "image/png", PNG + b"\x00" * (5 * 1024 * 1024))  # 5 MB + 32 bytes
    with pytest.raises(InvalidInput) as caught:
        _enter(
            library,
            DRC,
            "CS-P6",
            "2500",
            [
                Attachment("说明.pdf", "application/pdf", b"%PDF-1.4"),  # a document, not a photo
                big,
                Attachment("改名.png", "image/png", b"MZ\x90\x00"),  # a program renamed .png
                Attachment("空.jpg", "image/jpeg", b""),
            ],
        )
    assert [(p.location, p.message) for p in caught.value.problems] == [
        ("说明.pdf", "文件类型application/pdf不可上传（可上传：JPEG 图片、PNG 图片）"),
        ("大.png", "文件大小5242912字节超过上限5242880字节"),  # 8 + 24 + 5 × 1048576
        ("改名.png", "文件内容不是PNG 图片（与声明的类型不符）"),
        ("空.jpg", "文件为空"),
    ]
    ten = [Attachment(f"{n}.png", "image/png", PNG) for n in range(10)]
    with pytest.raises(InvalidInput) as caught:
        _enter(library, DRC, "CS-P6", "2500", ten)
    assert [str(p) for p in caught.value.problems] == ["attachments: 每次最多上传9个文件"]
    assert project_page(library, actor=DRC, code="CS-P6").progress == ()  # nothing written
    _enter(
        library,
        DRC,
        "CS-P6",
        "2500",
        [Attachment("东侧.png", "image/png", PNG), Attachment("西侧.jpg", "image/jpeg", JPEG)],
    )
    page = project_page(library, actor=YUELU_REPORTER, code="CS-P6")
    photos = page.photos_of(Period.month(2026, 6))
    assert [(p.filename, p.size, p.subject, p.item, p.uploaded_by) for p in photos] == [
        ("东侧.png", 32, NoticeSubject.PROJECT, "CS-P6", "fgw"),
        ("西侧.jpg", 20, NoticeSubject.PROJECT, "CS-P6", "fgw"),
    ]
    found, content = evidence_file(library, actor=DRC, evidence_id=photos[0].id)
    assert (found.media_type, content) == ("image/png", PNG)
    assert evidence_file(library, actor=YUELU_REVIEWER, evidence_id=photos[1].id)[1] == JPEG
    for outsider in (XIANGJIANG, FURONG_REPORTER):
        with pytest.raises(NotFound, match=f"没有佐证材料 {photos[0].id}"):
            evidence_file(library, actor=outsider, evidence_id=photos[0].id)
    # the entry and each photo are audit events of the entry
    history = value_history(
        library, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT_PROGRESS, prefix="CS-P6/2026-06"
    )
    assert [(e.action.value, (e.new_value or {}).get("evidence")) for e in history] == [
        ("create", None),
        ("create", "东侧.png"),
        ("create", "西侧.jpg"),
    ]
    # the same month again without photos keeps them
    _enter(library, DRC, "CS-P6", "2700")
    assert len(project_page(library, actor=DRC, code="CS-P6").photos) == 2
    # photos go with one month of one project (the page's form), not with a file of many
    two = RegisterFile(
        "调度.csv",
        (
            RegisterRow(2, ProgressEntry("CS-P6", Period.month(2026, 7), Decimal(3000))),
            RegisterRow(3, ProgressEntry("CS-P2", Period.month(2026, 7), Decimal(8000))),
        ),
        (),
        {},
    )
    with pytest.raises(InvalidInput) as caught:
        load_project_progress(
            library, actor=LOCAL_ADMIN, origin="test", parsed=two, photos=ten[:1], now=AT
        )
    assert [str(p) for p in caught.value.problems] == ["photos: 照片只能随一个项目一个月的进展上传"]
