"""The register pages and API on the demo: /platforms and /approvals list the simulated
rows with an org-unit filter and are linked from the navigation."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_register_pages_filter_by_org_unit_and_are_in_the_nav(client: TestClient) -> None:
    home = client.get("/").text
    assert 'href="/platforms"' in home and 'href="/approvals"' in home
    page = client.get("/platforms?org_unit=320100").text
    # 南京's simulated platforms (demo_registers.py: 2 + 2 + 1 + 4 rows), none of 长沙's
    assert "模拟平台·制造业创新中心" in page
    assert "changsha" not in page and "长沙" not in page.split("<main", 1)[1]
    assert "国家级" in page  # levels by their Chinese names
    approvals = client.get("/approvals?org_unit=430100").text
    assert "医疗器械注册证 · 第三类" in approvals


def test_the_register_api_lists_the_subtree(client: TestClient) -> None:
    everything = client.get("/api/platforms").json()
    nanjing = client.get("/api/platforms?org_unit=320100").json()
    assert 0 < len(nanjing) < len(everything)
    assert {p["code"].split("-PL")[0] for p in nanjing} == {"nanjing-2023"}
    # 长沙's revoked 技术创新中心 keeps its status and date
    revoked = [p for p in everything if p["status"] == "revoked"]
    assert [(p["type"], p["level"], p["revoked_on"]) for p in revoked] == [
        ("technology_innovation_center", "national", "2025-03-31")
    ]
