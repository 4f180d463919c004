"""Every target and task of every demo plan with a source span is anchored and highlighted on
its plan's text page (the four whose quotes overlap included: 长春 T02/T04, 南京 T06/T12)."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from bioecon.app import Bioecon
from bioecon.services import plans as plan_service
from bioecon.services.accounts import LOCAL_ADMIN
from tests.web.test_spans import parsed

OVERLAPPING = {"changchun-2025": ("T02", "T04"), "nanjing-2023": ("T06", "T12")}


def plan_text_body(client: TestClient, code: str) -> str:
    page: str = client.get(f"/plans/{code}/text").text
    start = page.index('<pre class="plan-text">') + len('<pre class="plan-text">')
    return page[start : page.index("</pre>", start)]


def test_every_span_of_every_demo_plan_is_anchored_and_covers_its_quote(
    client: TestClient,
) -> None:
    web: Any = client.app
    app: Bioecon = web.state.bioecon
    for summary in plan_service.list_plans(app, actor=LOCAL_ADMIN):
        bundle = plan_service.get_plan(app, actor=LOCAL_ADMIN, reference=summary.code)
        marks = parsed(plan_text_body(client, summary.code))
        assert marks.text == bundle.plan.source_text
        for target in bundle.targets:
            if target.source:
                assert target.key in marks.ids, (summary.code, target.key)
                assert marks.covered[target.key] == target.source.quote, (summary.code, target.key)
        for task in bundle.tasks:
            if task.start is not None and task.text:
                assert marks.covered[task.key] == task.text, (summary.code, task.key)


def test_the_four_overlapping_quotes_have_their_anchors(client: TestClient) -> None:
    for code, keys in OVERLAPPING.items():
        anchored = re.findall(r'<mark id="([^"]+)"', plan_text_body(client, code))
        assert set(keys) <= set(anchored), (code, anchored)
        assert len(anchored) == len(set(anchored)), "an id given twice"
