"""Rule-set files for the tests, built from the shipped ones, and the admins who add them.

Next year's file is the latest shipped file moved one year on (header and amendment dates), so
the tests keep working whatever the shipped sets are: its ``valid_from`` is the day after the
latest set ends (2027-01-01 while be-smart-2026 is the latest). One value is changed
(``worker_ss_percent`` of employees and open-ended contracts) so a test can tell which rule set
computed a figure; the figures expected are the engine's with that same file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid

from backend.engine import RuleBook
from backend.engine.rules import RULESET_DIR
from tests.conftest import bearer, staff_sign_in

COUNTRY, ENTITY = "BE", "smart"
CHANGED = {"contract_types.employee.worker_ss_percent": "13.5",
           "contract_types.open_ended.worker_ss_percent": "13.5"}


def shipped_document(file_id: str) -> dict:
    return json.loads((RULESET_DIR / f"{file_id}.json").read_text(encoding="utf-8"))


def _moved(day: str, years: int) -> str:
    d = dt.date.fromisoformat(day)
    return d.replace(year=d.year + years).isoformat()


def latest_set():
    return RuleBook.default().latest(COUNTRY, ENTITY)


def next_year() -> int:
    return latest_set().valid_to.year + 1


def next_year_document(changed: dict | None = None) -> dict:
    """The latest shipped file as next year's (``be-smart-<year>``), ``changed`` applied."""
    base = shipped_document(latest_set().file_id)
    years = next_year() - dt.date.fromisoformat(base["valid_from"]).year
    doc = copy.deepcopy(base)
    doc["id"] = f"be-smart-{next_year()}"
    doc["valid_from"] = _moved(base["valid_from"], years)
    doc["valid_to"] = _moved(base["valid_to"], years)
    doc["description"] = f"Test rule set for {next_year()}, built from {base['id']}"
    for amendment in doc.get("amendments", []):
        amendment["valid_from"] = _moved(amendment["valid_from"], years)
    for key, value in (CHANGED if changed is None else changed).items():
        doc["parameters"][key] = {"value": value, "source": "test file: value changed on purpose"}
    return doc


def corrected_document(file_id: str, changed: dict | None = None) -> dict:
    """A shipped file with ``changed`` values: uploaded with replace=true."""
    doc = shipped_document(file_id)
    for key, value in (CHANGED if changed is None else changed).items():
        doc["parameters"][key] = {"value": value, "source": "test correction"}
    return doc


def book_with(doc: dict, replace: bool = False) -> RuleBook:
    return RuleBook.default().extended_with(doc, replace=replace)


def first_weekday_on_or_after(day: dt.date, weekday: int = 0) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


async def make_admin(client, name: str = "Admin") -> dict:
    from backend.people import service as people

    email = f"admin-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "correct horse battery staple", "admin", name, "Root")
    return bearer(await staff_sign_in(client, email, "correct horse battery staple"))


async def upload(client, headers: dict, doc: dict, replace: bool = False):
    return await client.post("/api/v1/backoffice/rule-sets",
                             params={"replace": "true"} if replace else None,
                             content=json.dumps(doc).encode(),
                             headers={**headers, "content-type": "application/json"})


async def upload_and_approve(client, uploader: dict, approver: dict, doc: dict,
                             replace: bool = False) -> dict:
    r = await upload(client, uploader, doc, replace)
    assert r.status_code == 201, r.text
    r = await client.post(f"/api/v1/backoffice/rule-sets/{r.json()['id']}/approve",
                          headers=approver)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved" and r.json()["inForce"]
    return r.json()
