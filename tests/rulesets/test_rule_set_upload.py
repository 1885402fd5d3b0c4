"""Next year's rules as data, end to end through the API: before the file a date of next year
is a fallback and says so in words; an admin uploads the file (every problem of a bad one comes
back at once, localised, and nothing is stored); a second admin approves it (never the
uploader); from then on the dates it covers are computed with it, to the cent, the public
rule-set list shows it, and the history is kept (the database refuses to delete or change it).
"""

from __future__ import annotations

import datetime as dt
import json

import asyncpg
import pytest

from backend.engine import SimulationInput, simulate
from backend.platform.db import fetch
from tests.rulesets.rule_files import (
    book_with,
    first_weekday_on_or_after,
    latest_set,
    next_year,
    next_year_document,
    upload,
    upload_and_approve,
)

SIMULATIONS = "/api/v1/simulations"
RULE_SETS = "/api/v1/backoffice/rule-sets"


def _day() -> dt.date:
    """A Monday in March of next year (after every shipped rule set)."""
    return first_weekday_on_or_after(dt.date(next_year(), 3, 1))


async def _simulate(client, day: dt.date, lang: str = "en") -> dict:
    r = await client.post(SIMULATIONS, json={"performanceDates": [day.isoformat()],
                                             "amountCents": 100_000, "withholdingRate": "11.11"},
                          headers={"Accept-Language": lang})
    assert r.status_code == 200, r.text
    return r.json()


async def test_next_years_file_is_uploaded_approved_by_a_second_admin_and_applies(
        client, admin_headers, second_admin_headers, adviser_headers):
    day = _day()
    doc = next_year_document()

    # Before: a fallback, said in words in the caller's language.
    before = await _simulate(client, day)
    assert before["ruleSetFallback"] is True and before["ruleSet"].startswith(latest_set().file_id)
    assert before["lines"][0]["code"] == "rule_set_fallback"
    assert before["ruleSetNotice"].startswith(f"The legal amounts for {day.isoformat()}")
    assert "not loaded yet" in before["ruleSetNotice"]
    fr = await _simulate(client, day, "fr")
    assert fr["ruleSetNotice"].startswith(f"Pour le {day.isoformat()}")

    # An adviser may not upload; an admin may.
    r = await upload(client, adviser_headers, doc)
    assert r.status_code == 403
    r = await upload(client, admin_headers, doc)
    assert r.status_code == 201, r.text
    pending = r.json()
    assert pending["status"] == "pending" and pending["fileId"] == doc["id"]
    assert pending["validFrom"] == f"{next_year()}-01-01"
    assert pending["validTo"] == f"{next_year()}-12-31"
    assert pending["segmentIds"][0] == doc["id"] and len(pending["segmentIds"]) == 1 + len(
        doc["amendments"])
    assert not pending["inForce"]
    # Pending changes nothing yet.
    assert (await _simulate(client, day))["ruleSetFallback"] is True

    # The uploader cannot approve; a second admin can. An adviser cannot.
    approve = f"{RULE_SETS}/{pending['id']}/approve"
    own = await client.post(approve, headers={**admin_headers, "Accept-Language": "en"})
    assert own.status_code == 403
    assert own.json()["detail"] == "A second admin approves this rule set, not the one who uploaded it."
    assert (await client.post(approve, headers=adviser_headers)).status_code == 403
    r = await client.post(approve, headers=second_admin_headers)
    assert r.status_code == 200, r.text
    approved = r.json()
    assert approved["status"] == "approved" and approved["inForce"] is True
    assert approved["decidedBy"] != approved["uploadedBy"]
    again = await client.post(approve, headers=second_admin_headers)
    assert again.status_code == 409

    # From now on: computed with the new set, to the cent of the engine with that file.
    after = await _simulate(client, day)
    assert after["ruleSetFallback"] is False and after["ruleSetNotice"] is None
    expected = simulate(SimulationInput((day,), 100_000, withholding_rate="11.11"),
                        rules=book_with(doc)).to_api("en")
    assert after["ruleSet"] == expected["ruleSet"]
    assert after["ruleSet"].startswith(doc["id"])
    for key in ("grossCents", "socialSecurityCents", "withholdingTaxCents", "netCents",
                "payDate", "employerCostCents", "workBonusCents"):
        assert after[key] == expected[key], key
    assert after["socialSecurityCents"] != before["socialSecurityCents"]  # 13.5 %, not 13.07 %
    assert [line["code"] for line in after["lines"]][0] == "turnover"
    # A date of this year is computed as before.
    this_year = first_weekday_on_or_after(latest_set().valid_from)
    assert (await _simulate(client, this_year))["ruleSet"] == simulate(
        SimulationInput((this_year,), 100_000, withholding_rate="11.11")).rule_set

    # The public list of rule sets shows it, with every parameter and its source.
    listed = (await client.get("/api/v1/rule-sets")).json()["items"]
    new = [rs for rs in listed if rs["fileId"] == doc["id"]]
    assert [rs["id"] for rs in new] == approved["segmentIds"]
    ss = next(p for p in new[0]["parameters"] if p["key"] == "contract_types.employee.worker_ss_percent")
    assert ss == {"key": "contract_types.employee.worker_ss_percent", "value": "13.5",
                  "source": "test file: value changed on purpose"}

    # The history: who uploaded, who approved, the file itself; audited.
    history = (await client.get(RULE_SETS, headers=adviser_headers)).json()["items"]
    assert [h["id"] for h in history] == [approved["id"]]
    file = await client.get(f"{RULE_SETS}/{approved['id']}/file", headers=adviser_headers)
    assert file.status_code == 200 and file.json() == doc
    actions = [a["action"] for a in await fetch(
        "SELECT action FROM audit_log WHERE object_id = {} ORDER BY id", approved["id"])]
    assert actions == ["rule_set.uploaded", "rule_set.approved"]
    # The version marker every process watches, and the job that sets it again.
    jobs = await fetch("SELECT job, payload FROM outbox_message WHERE job = 'rule_sets.publish'")
    assert len(jobs) == 1 and json.loads(jobs[0]["payload"]) == {
        "version": f"{approved['id']}:approved"}


async def test_a_bad_file_comes_back_with_every_problem_localised_and_nothing_is_stored(
        client, admin_headers):
    doc = next_year_document()
    doc["valid_from"] = f"{next_year()}-02-01"  # a gap of a month after the latest set
    doc["parameters"]["contribution.rate_percent"] = {"value": "650", "source": "typo"}
    doc["parameters"]["vat.rates"]["source"] = ""
    messages = {}
    for lang in ("nl", "fr", "en"):
        r = await upload(client, {**admin_headers, "Accept-Language": lang}, doc)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        messages[lang] = {e["field"]: e["message"] for e in problem["errors"]}
    # Every problem of the file at once (the loader checks it all), with its place in the file.
    fields = set(messages["en"])
    assert any(f.endswith("contribution.rate_percent") for f in fields), fields
    assert any(f.endswith("vat.rates") for f in fields), fields
    en = " ".join(messages["en"].values())
    assert "outside the range" in en and "has no source" in en
    assert "buiten het bereik" in " ".join(messages["nl"].values())
    assert "hors de la plage" in " ".join(messages["fr"].values())
    assert await fetch("SELECT 1 FROM rule_set_upload") == []

    # Contiguity, once the parameters are right: the new file must start the day after.
    good = next_year_document()
    good["valid_from"] = f"{next_year()}-02-01"
    good["amendments"] = [a for a in good["amendments"] if a["valid_from"] > good["valid_from"]]
    r = await upload(client, {**admin_headers, "Accept-Language": "en"}, good)
    assert r.status_code == 422
    [gap] = r.json()["errors"]
    assert gap["message"].startswith("There is a gap after") and f"{next_year()}-01-01" in gap["message"]

    # Not JSON at all; no file.
    r = await client.post(RULE_SETS, content=b"{not json",
                          headers={**admin_headers, "content-type": "application/json",
                                   "Accept-Language": "en"})
    assert r.status_code == 422 and "not valid JSON" in r.json()["errors"][0]["message"]
    r = await client.post(RULE_SETS, content=b"", headers={**admin_headers, "Accept-Language": "en"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "file"
    assert await fetch("SELECT 1 FROM rule_set_upload") == []


async def test_a_rejected_file_never_applies_and_the_history_is_kept(
        client, admin_headers, second_admin_headers):
    doc = next_year_document()
    r = await upload(client, admin_headers, doc)
    upload_id = r.json()["id"]
    # One pending file per id at a time.
    twice = await upload(client, admin_headers, doc)
    assert twice.status_code == 409
    no_reason = await client.post(f"{RULE_SETS}/{upload_id}/reject", json={},
                                  headers=second_admin_headers)
    assert no_reason.status_code == 422
    r = await client.post(f"{RULE_SETS}/{upload_id}/reject",
                          json={"reason": "the brackets are last year's"},
                          headers=second_admin_headers)
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["decisionReason"] == "the brackets are last year's"
    assert (await _simulate(client, _day()))["ruleSetFallback"] is True
    late = await client.post(f"{RULE_SETS}/{upload_id}/approve", headers=second_admin_headers)
    assert late.status_code == 409

    # The database keeps every upload as it came: no delete, no edit of the file, decisions final.
    from backend.platform.db import DB

    async with DB.pool.acquire() as conn:
        for sql in ("DELETE FROM rule_set_upload",
                    "UPDATE rule_set_upload SET document = '{}'::jsonb",
                    "UPDATE rule_set_upload SET status = 'approved'"):
            with pytest.raises(asyncpg.RaiseError):
                await conn.execute(sql)
    [row] = await fetch("SELECT status, document FROM rule_set_upload")
    assert row["status"] == "rejected" and json.loads(row["document"]) == doc

    # A corrected file is uploaded again and approved: both stay in the history.
    await upload_and_approve(client, admin_headers, second_admin_headers, doc)
    history = (await client.get(RULE_SETS, headers=admin_headers)).json()["items"]
    assert [h["status"] for h in history] == ["approved", "rejected"]


async def test_a_correction_replaces_an_approved_file(client, admin_headers, second_admin_headers):
    doc = next_year_document()
    first = await upload_and_approve(client, admin_headers, second_admin_headers, doc)
    # Uploading the same id again without replace: refused by the loader (id exists).
    r = await upload(client, {**admin_headers, "Accept-Language": "en"}, doc)
    assert r.status_code == 422 and "already exists" in r.json()["errors"][0]["message"]
    fixed = next_year_document({**{"contract_types.employee.worker_ss_percent": "13.07",
                                   "contract_types.open_ended.worker_ss_percent": "13.07"}})
    second = await upload_and_approve(client, second_admin_headers, admin_headers, fixed,
                                      replace=True)
    history = {h["id"]: h["status"] for h in (await client.get(
        RULE_SETS, headers=admin_headers)).json()["items"]}
    assert history == {first["id"]: "superseded", second["id"]: "approved"}
    day = _day()
    after = await _simulate(client, day)
    assert after["ruleSetFallback"] is False
    assert after["socialSecurityCents"] == simulate(
        SimulationInput((day,), 100_000, withholding_rate="11.11"),
        rules=book_with(fixed)).social_security_cents
