"""The demo's simulated registers (bioecon/demo_registers.py) give the plans' platform,
approval and key-project targets the magnitudes its docstring promises, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from bioecon.app import Bioecon
from bioecon.catalogs import indicator_catalogue, register_vocabulary
from bioecon.demo import build_demo
from bioecon.domain.registers import RegisterCount, RegisterVocabulary
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.approvals import list_approvals
from bioecon.services.platforms import list_platforms
from bioecon.settings import Settings
from bioecon.store import approvals, platforms, projects, registers

BUILD_DAY = date(2026, 1, 15)  # the last complete month is 2025-12


@pytest.fixture
def demo(database_url: str) -> Iterator[Bioecon]:
    with Bioecon(Settings(database_url=database_url)) as app:
        build_demo(app, today=BUILD_DAY)
        yield app


def platforms_new(app: Bioecon, indicator: str, region: str, day: date, since: date) -> int:
    vocabulary = RegisterVocabulary.from_mapping(register_vocabulary())
    wanted = RegisterCount.of_platforms(indicator_catalogue()[indicator].count, vocabulary)
    with app.reading() as connection:
        return registers.count(
            connection, platforms.REGISTER, wanted, day=day, org_unit=region, since=since
        )


def test_the_demo_registers_have_the_plans_magnitudes(demo: Bioecon) -> None:
    changsha_end, changsha_base = date(2025, 12, 31), date(2021, 12, 31)
    # 长沙 新增国家级创新平台3—5个: the batch of 3 national 技术创新中心 of 2022–2025 (the fourth,
    # revoked 2025-03-31, is not counted; the 2019–2020 重点实验室 is before the base) → 3, met
    new = platforms_new(demo, "platform.innovation_national", "430100", changsha_end, changsha_base)
    assert new == 3
    # 新增国家级和省级创新平台25个: 3 national + 14 provincial 工程研究中心 → 17, behind
    both = "platform.innovation_national_provincial"
    assert platforms_new(demo, both, "430100", changsha_end, changsha_base) == 17
    # 孵化器和加速器10家: 4 incubators + 3 accelerators of 2022–2025 → 7, behind
    carriers = "platform.incubator_accelerator"
    assert platforms_new(demo, carriers, "430100", changsha_end, changsha_base) == 7
    # 南京 争创3家以上国家级创新平台 by 2023 (base 2020): 2 制造业创新中心 of 2021–2023 → 2
    nanjing = platforms_new(
        demo, "platform.innovation_national", "320100", date(2023, 12, 31), date(2020, 12, 31)
    )
    assert nanjing == 2
    with demo.reading() as connection:
        # 药品上市批文30个: 6 innovative + 16 generic of 2022–2025 → 22; 三类器械20件: 23
        for indicator, expected in (("approval.drug", 22), ("approval.device_class3", 23)):
            wanted = RegisterCount.of_approvals(indicator_catalogue()[indicator].count)
            found = registers.count(
                connection,
                approvals.REGISTER,
                wanted,
                day=changsha_end,
                org_unit="430100",
                since=changsha_base,
            )
            assert (indicator, found) == (indicator, expected)
        # 每年遴选30个重点项目: 30 less 0–4 a year, so 26 to 30 in 2025
        selected = projects.key_projects(
            connection, measure="selected", org_unit="430100", last_year=2025, first_year=2025
        )
        assert 26 <= selected <= 30
    # every simulated row says so, and nothing is dated after the build's last month
    rows = [(p.note, p.approved_on) for p in list_platforms(demo, actor=LOCAL_ADMIN)]
    rows += [(a.note, a.approved_on) for a in list_approvals(demo, actor=LOCAL_ADMIN)]
    assert rows and all(note == "模拟数据 (simulated data)" for note, _ in rows)
    assert max(day for _, day in rows) <= date(2025, 12, 31)
