"""Nothing succeeds silently: a job whose row is missing fails, is retried, then waits in the
failed-job registry where an admin sees why (it reported success before: payslips were silently
not made). A real rq worker runs the jobs."""

from __future__ import annotations

import uuid

from rq import Retry
from rq.job import Job, JobStatus

from backend.jobs.queue import RUNNER
from tests.conftest import bearer, eventually, staff_sign_in

MISSING = {  # job name -> payload naming a row that does not exist
    "payslip.render": {"salaryId": str(uuid.uuid4())},
    "monthly_payslip.render": {"monthlySalaryId": str(uuid.uuid4())},
    "dimona.declare": {"dimonaId": str(uuid.uuid4())},
    "dimona.cancel": {"dimonaId": str(uuid.uuid4())},
    "peppol.send": {"invoiceId": str(uuid.uuid4())},
    "document.render": {"quickjobId": str(uuid.uuid4()), "document": "quote"},
}


async def test_a_missing_row_fails_retries_and_lands_in_failed_jobs(app, client, worker):
    from backend.people import service

    queue = app.state["queue"]
    retries = 2
    ids = {}
    for job_name, payload in MISSING.items():
        ids[job_name] = f"missing-{job_name.replace('.', '_')}-{uuid.uuid4().hex[:8]}"
        # The app's retry policy waits minutes between attempts; the same job, retried at once.
        queue.queue.enqueue(RUNNER, job_name, payload, job_id=ids[job_name],
                            retry=Retry(max=retries), job_timeout=60)

    def all_failed():
        jobs = Job.fetch_many(list(ids.values()), connection=queue.connection)
        return all(job is not None and job.get_status() == JobStatus.FAILED for job in jobs)

    assert await eventually(all_failed, timeout=120)
    for job_name, job_id in ids.items():
        job = Job.fetch(job_id, connection=queue.connection)
        assert job.retries_left == 0, job_name  # tried 1 + 2 times, never "finished"
        assert "LookupError" in job.latest_result().exc_string, job_name
        assert "does not exist" in job.latest_result().exc_string, job_name

    await service.create_staff("ops@smart.coop", "correct horse battery staple", "admin",
                               "Op", "S")
    admin = bearer(await staff_sign_in(client, "ops@smart.coop", "correct horse battery staple"))
    r = await client.get("/api/v1/backoffice/failed-jobs", headers=admin)
    assert r.status_code == 200, r.text
    listed = {item["id"]: item for item in r.json()["items"]}
    for job_name, job_id in ids.items():
        assert listed[job_id]["job"] == job_name and listed[job_id]["retriesLeft"] == 0
        assert "does not exist" in listed[job_id]["error"]
