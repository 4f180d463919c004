"""Every API route's real responses, on the demo data (both backends), validate against the
OpenAPI schema the app serves at /openapi.json — successes and documented errors alike.

The check is stricter than the schema: an object may carry no property the schema does not
name (``additionalProperties: false`` is added to every object schema with properties), so a
field a record gains without being typed in bioecon/web/responses.py fails here."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

# One or more real requests per route (path template → (URL, expected status)).
REQUESTS: dict[str, list[tuple[str, int]]] = {
    "/api/plans": [("/api/plans", 200)],
    "/api/plans/{reference}/targets": [
        ("/api/plans/changsha-2025/targets?as_of=2025-12", 200),
        ("/api/plans/tianmen-2025/targets?as_of=2025-06", 200),  # 翻番, stated in 倍
        ("/api/plans/nanjing-2023/targets", 200),  # default as-of: the latest data month
        ("/api/plans/nope/targets", 404),
        ("/api/plans/changsha-2025/targets?as_of=2025-13", 422),
    ],
    "/api/plans/{reference}/mapping": [
        # every demo target is mapped but 南京's two funding rules (T11, T12: never mapped);
        # tests/web/test_mapping_page.py checks records with suggestions against the schema
        ("/api/plans/nanjing-2023/mapping", 200),
        ("/api/plans/nanjing-2023/mapping?all=true", 200),
        ("/api/plans/nope/mapping", 404),
    ],
    "/api/ledger": [
        (
            "/api/ledger?indicator=biomedicine_scale&org_unit=430100&from=2024-11&to=2025-03",
            200,
        ),
        ("/api/ledger?indicator=biomedicine_scale&org_unit=430100&from=2024Q1&to=2025Q4", 200),
        ("/api/ledger?indicator=nope&org_unit=430100&from=2025-01&to=2025-02", 404),
        ("/api/ledger?indicator=biomedicine_scale", 422),  # FastAPI's own validation body
    ],
    "/api/enterprises": [
        ("/api/enterprises?size=20", 200),
        ("/api/enterprises?tier=revenue_100yi&size=5", 200),
        ("/api/enterprises?q=no-such-enterprise", 200),  # no items
        ("/api/enterprises?size=0", 422),
        ("/api/enterprises?tier=revenue_1yi", 422),
        ("/api/enterprises?page=99999999999999999999", 422),  # was a 500: offset overflow
    ],
    "/api/platforms": [("/api/platforms", 200), ("/api/platforms?org_unit=430100", 200)],
    "/api/approvals": [("/api/approvals", 200), ("/api/approvals?org_unit=320100", 200)],
}


def closed(schema: Any) -> Any:
    """``schema`` with ``additionalProperties: false`` on every object naming its properties."""
    if isinstance(schema, list):
        return [closed(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: closed(value) for key, value in schema.items()}
    if "properties" in copy:
        copy["additionalProperties"] = False
    return copy


def response_schema(openapi: dict[str, Any], path: str, status: int) -> dict[str, Any]:
    responses = openapi["paths"][path]["get"]["responses"]
    assert str(status) in responses, f"{path}: status {status} is not documented"
    schema: dict[str, Any] = responses[str(status)]["content"]["application/json"]["schema"]
    return schema


def test_every_route_has_requests_here(client: TestClient) -> None:
    assert set(client.get("/openapi.json").json()["paths"]) == set(REQUESTS)


def test_real_responses_match_the_served_schema(client: TestClient) -> None:
    openapi = closed(client.get("/openapi.json").json())
    for path, requests in REQUESTS.items():
        for url, status in requests:
            response = client.get(url)
            assert response.status_code == status, url
            body = response.json()
            schema = {**response_schema(openapi, path, status), "components": openapi["components"]}
            errors = [
                f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
                for e in Draft202012Validator(schema).iter_errors(body)
            ]
            assert errors == [], url
            if status == 200 and isinstance(body, list):
                assert body, f"{url}: an empty list would validate against any item schema"


@pytest.mark.parametrize(
    "body",
    [
        [{"id": 1, "code": "x"}],  # fields missing
        [{"id": "1", "code": "x", "title": "t", "region": "r", "region_code": "1"}],
    ],
)
def test_the_check_refuses_a_body_the_schema_does_not_describe(
    client: TestClient, body: object
) -> None:
    openapi = closed(client.get("/openapi.json").json())
    schema = {**response_schema(openapi, "/api/plans", 200), "components": openapi["components"]}
    assert not Draft202012Validator(schema).is_valid(body)


def test_an_unexpected_property_fails_the_check(client: TestClient) -> None:
    openapi = closed(client.get("/openapi.json").json())
    schema = {**response_schema(openapi, "/api/ledger", 200), "components": openapi["components"]}
    (row,) = client.get(
        "/api/ledger",
        params={"indicator": "biomedicine_scale", "org_unit": "430100", "from": "2025-01"}
        | {"to": "2025-01"},
    ).json()
    assert Draft202012Validator(schema).is_valid([row])
    assert not Draft202012Validator(schema).is_valid([row | {"not_a_field": 1}])
