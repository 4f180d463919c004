"""The indicator page lists the new data-quality findings of its unit with the warning mark."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_an_implausible_rate_is_listed_as_a_warning_on_the_indicator_page(
    client: TestClient,
) -> None:
    # planted: 雨花区's 累计 from 2024-09 is ×1.8. The demo's 累计 (bioecon data export):
    #   2023-08 169.24, 2023-09 192.98, 2024-07 171.35, 2024-08 196.70, 2024-09 402.82
    # 当月 2024-09 = 402.82 − 196.70 = 206.12; 2024-08 = 196.70 − 171.35 = 25.35;
    # 2023-09 = 192.98 − 169.24 = 23.74
    # 环比 = 206.12 / 25.35 − 1 = +713.1 %; 同比 = 206.12 / 23.74 − 1 = +768.2 % (bound 300 %)
    page = client.get(
        "/indicators/biomedicine_scale?org_unit=430111&first=2024-01&last=2025-12"
    ).text
    assert (
        '<li class="flag warning">雨花区：2024-09环比+713.1%（206.12对上期25.35），'
        "超出合理范围，疑为数据错误</li>"
    ) in page
    assert (
        '<li class="flag warning">雨花区：2024-09同比+768.2%（206.12对上年同期23.74），'
        "超出合理范围，疑为数据错误</li>"
    ) in page
