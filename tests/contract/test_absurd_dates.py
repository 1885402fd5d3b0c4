"""Year 1 and year 9999, everywhere a date enters the API: a clear 422 problem+json naming the
field, in the caller's language, and never a 500.

Two checks: every date field of every input schema of ``openapi/openapi.json`` is listed below
with a request that reaches it (the list is compared with the schema, so a new date field fails
the test until it is added); and a property test sends schemathesis's generated requests for
every operation with a date, each date replaced by an absurd one, and accepts no 5xx.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.contract.test_schemathesis import _to_httpx
from tests.employment.conftest import hire
from tests.quickjobs.conftest import quickjob_body

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
SPEC = json.loads(OPENAPI.read_text())
ABSURD = ("0001-01-01", "9999-12-31")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_fields(schema: dict, seen: tuple = ()) -> set[str]:
    """JSON paths of the date fields of a schema ("performanceDates[]", "startDate")."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return set() if name in seen else _date_fields(SPEC["components"]["schemas"][name],
                                                       (*seen, name))
    if schema.get("format") == "date":
        return {""}
    out = set()
    for key, sub in schema.get("properties", {}).items():
        out |= {key + (f".{p}" if p and not p.startswith("[") else p) for p in _date_fields(sub, seen)}
    if "items" in schema:
        out |= {"[]" + p for p in _date_fields(schema["items"], seen)}
    for alt in schema.get("oneOf", []) + schema.get("anyOf", []):
        out |= _date_fields(alt, seen)
    return out


def _schema_dates() -> set[tuple[str, str, str]]:
    found = set()
    for path, ops in SPEC["paths"].items():
        for method, op in ops.items():
            if not isinstance(op, dict):
                continue
            for content in op.get("requestBody", {}).get("content", {}).values():
                found |= {(method.upper(), path, f) for f in _date_fields(content["schema"])}
            for param in op.get("parameters", []):
                if _date_fields(param.get("schema", {})):
                    found.add((method.upper(), path, param["name"]))
    return found


# (method, path, date field) -> how to reach it: (headers, body builder, field in errors[])
CASES = {
    ("POST", "/api/v1/simulations", "performanceDates[]"): "simulation",
    ("POST", "/api/v1/quickjobs", "performanceDates[]"): "quickjob",
    ("POST", "/api/v1/quickjobs/{quickjob_id}/cash-collection", "date"): "cash",
    ("POST", "/api/v1/quickjobs/{quickjob_id}/expenses", "spent_on"): "expense",
    ("PATCH", "/api/v1/me", "birthDate"): "me",
    ("POST", "/api/v1/backoffice/employments", "startDate"): "hire",
    ("POST", "/api/v1/backoffice/employments/{employment_id}/end", "endDate"): "end",
    ("POST", "/api/v1/backoffice/invoices/{invoice_id}/payments", "date"): "payment",
    ("POST", "/api/v1/backoffice/payment-files", "executionDate"): "payment_file",
    ("POST", "/api/v1/backoffice/reminder-runs", "date"): "reminders",
    ("POST", "/api/v1/backoffice/salary-runs", "date"): "salaries",
    ("GET", "/api/v1/backoffice/rule-sets", "cursor"): None,  # a timestamp, not a date
    ("GET", "/api/v1/backoffice/held-pay", "cursor"): None,
}


def test_every_date_field_of_the_api_is_checked_here():
    dated = {key for key in _schema_dates()}
    assert dated - set(CASES) == set(), "a date field without a case below"


@pytest.mark.parametrize("day", ABSURD)
async def test_an_absurd_date_is_a_clear_422_everywhere(client, worker_headers, adviser_headers,
                                                        day):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    me = (await client.get("/api/v1/me", headers=worker_headers)).json()
    employment = await hire(client, adviser_headers, me["id"],
                            startDate=dt.date.today().replace(day=1).isoformat(),
                            monthlyGrossCents=300_000)
    requests = {
        "simulation": ("POST", "/api/v1/simulations", worker_headers,
                       {"json": {"performanceDates": [day], "amountCents": 100_000}},
                       "performanceDates[0]"),
        "quickjob": ("POST", "/api/v1/quickjobs", worker_headers,
                     {"json": quickjob_body(performanceDates=[day])}, "performanceDates[0]"),
        "cash": ("POST", f"/api/v1/quickjobs/{job['id']}/cash-collection", worker_headers,
                 {"json": {"amountCents": 121_000, "date": day}}, "date"),
        "expense": ("POST", f"/api/v1/quickjobs/{job['id']}/expenses", worker_headers,
                    {"data": {"amount_cents": "1000", "category": "travel", "spent_on": day},
                     "files": {"receipt": ("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf")}},
                    "spentOn"),
        "me": ("PATCH", "/api/v1/me", worker_headers, {"json": {"birthDate": day}}, "birthDate"),
        "hire": ("POST", "/api/v1/backoffice/employments", adviser_headers,
                 {"json": {"personId": me["id"], "startDate": day,
                           "monthlyGrossCents": 300_000}}, "startDate"),
        "end": ("POST", f"/api/v1/backoffice/employments/{employment['id']}/end",
                adviser_headers, {"json": {"endDate": day}}, "endDate"),
        "payment": ("POST", "/api/v1/backoffice/invoices/00000000-0000-0000-0000-000000000001"
                    "/payments", adviser_headers, {"json": {"amountCents": 100, "date": day}},
                    "date"),
        "payment_file": ("POST", "/api/v1/backoffice/payment-files", adviser_headers,
                         {"json": {"executionDate": day}}, "executionDate"),
        "reminders": ("POST", "/api/v1/backoffice/reminder-runs", adviser_headers,
                      {"json": {"date": day}}, "date"),
        "salaries": ("POST", "/api/v1/backoffice/salary-runs", adviser_headers,
                     {"json": {"date": day}}, "date"),
    }
    assert set(requests) == {v for v in CASES.values() if v}
    for name, (method, url, headers, kwargs, field) in requests.items():
        messages = set()
        for lang in ("nl", "fr", "en"):
            r = await client.request(method, url, headers={**headers, "Accept-Language": lang},
                                     **kwargs)
            assert r.status_code == 422, (name, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/problem+json"), name
            errors = {e["field"]: e["message"] for e in r.json()["errors"]}
            assert field in errors, (name, errors)
            messages.add(errors[field])
        assert len(messages) == 3, name  # said in each language
    from backend.platform.db import fetch

    assert await fetch("SELECT 1 FROM monthly_salary") == []
    assert len(await fetch("SELECT 1 FROM quickjob")) == 1


SCHEMA = schemathesis.openapi.from_path(str(OPENAPI))
DATED = sorted({(m, p) for m, p, _ in _schema_dates() if CASES.get((m, p, _))})
OPERATIONS = [op for op in (r.ok() for r in SCHEMA.get_all_operations())
              if (op.method.upper(), op.path) in DATED]


def _absurd(value, day: str):
    """Every ISO date in a generated body or query replaced by ``day``."""
    if isinstance(value, str) and ISO_DATE.match(value):
        return day
    if isinstance(value, dict):
        return {k: _absurd(v, day) for k, v in value.items()}
    if isinstance(value, list):
        return [_absurd(v, day) for v in value]
    return value


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
@settings(max_examples=15, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_generated_requests_with_absurd_dates_never_fail_on_our_side(
        client, worker_headers, adviser_headers, operation, data):
    job = await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=worker_headers)
    names = {p.name for p in operation.path_parameters}
    fixed = {"quickjob_id": job.json()["id"]} if "quickjob_id" in names else None
    case = data.draw(operation.as_strategy(path_parameters=fixed))
    day = data.draw(st.sampled_from(ABSURD))
    if case.body is not None and not isinstance(case.body, bytes | str):
        case.body = _absurd(case.body, day)
    if case.query:
        case.query = _absurd(case.query, day)
    headers = adviser_headers if operation.path.startswith("/api/v1/backoffice") else worker_headers
    kwargs = _to_httpx(case.as_transport_kwargs(base_url="http://test", headers=headers))
    request = client.build_request(**kwargs)
    request.read()
    response = await client.send(request)
    assert response.status_code < 500, (operation.label, kwargs.get("json"), response.text)
