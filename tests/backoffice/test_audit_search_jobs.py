"""Admin and adviser tools: the audit log, search, and the failed-jobs view."""

import uuid

import pytest
from rq import SimpleWorker

from tests.conftest import bearer, staff_sign_in
from tests.quickjobs.conftest import quickjob_body  # fixtures: tests/backoffice/conftest.py


@pytest.fixture
async def admin_headers(client):
    from backend.people import service as people

    email = f"admin-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "a long admin password", "admin", "Ad", "Min")
    return bearer(await staff_sign_in(client, email, "a long admin password"))


async def test_every_state_change_is_in_the_audit_log(client, worker_headers, admin_headers,
                                                      adviser_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    page = (await client.get(f"/api/v1/backoffice/audit-log?objectType=quickjob&objectId={job['id']}",
                             headers=admin_headers)).json()
    assert [e["action"] for e in page["items"]] == ["quickjob.created"]
    assert page["items"][0]["after"]["amountCents"] == 100000
    everything = (await client.get("/api/v1/backoffice/audit-log?limit=2",
                                   headers=admin_headers)).json()
    assert len(everything["items"]) == 2 and everything["nextCursor"]
    older = (await client.get(f"/api/v1/backoffice/audit-log?limit=2&cursor={everything['nextCursor']}",
                              headers=admin_headers)).json()
    assert older["items"][0]["id"] < everything["items"][-1]["id"]
    # Secrets never reach the log.
    assert all("password_hash" not in (e["after"] or {}) for e in older["items"] + everything["items"])
    assert (await client.get("/api/v1/backoffice/audit-log", headers=adviser_headers)).status_code == 403


async def test_advisers_search_people_quickjobs_and_invoices(client, worker_headers, adviser_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    found = (await client.get("/api/v1/backoffice/search?q=klok", headers=adviser_headers)).json()
    assert [q["id"] for q in found["quickjobs"]] == [job["id"]]
    found = (await client.get("/api/v1/backoffice/search?q=peeters", headers=adviser_headers)).json()
    assert found["people"] and found["units"]
    assert (await client.get("/api/v1/backoffice/search?q=klok",
                             headers=worker_headers)).status_code == 403
    assert (await client.get("/api/v1/backoffice/search?q=k",
                             headers=adviser_headers)).status_code == 422


async def test_failed_jobs_are_listed_and_can_be_run_again(client, app, admin_headers):
    queue = app.state.queue
    # A job that fails for real in a real rq worker (burst mode; rq wants the main thread).
    job = queue.queue.enqueue("json.loads", "not json", job_id="failing-job-1")
    SimpleWorker([queue.queue], connection=queue.connection).work(burst=True)
    listing = (await client.get("/api/v1/backoffice/failed-jobs", headers=admin_headers)).json()
    assert [j["id"] for j in listing["items"]] == [job.id]
    assert "JSONDecodeError" in listing["items"][0]["error"]
    r = await client.post(f"/api/v1/backoffice/failed-jobs/{job.id}/requeue", headers=admin_headers)
    assert r.status_code == 200
    assert job.id in queue.queue.job_ids
    missing = await client.post("/api/v1/backoffice/failed-jobs/nope/requeue", headers=admin_headers)
    assert missing.status_code == 404
