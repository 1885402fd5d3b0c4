"""Jobs the flow enqueues run in a real rq worker: Dimona declarations and Peppol delivery."""

import datetime as dt
import json
import uuid

from backend.platform.db import fetch
from tests.conftest import eventually
from tests.quickjobs.conftest import next_weekday, quickjob_body, token_of


async def test_dimona_and_peppol_go_through_the_worker(client, worker_headers, worker, settings):
    r = await client.patch("/api/v1/me", json={"nationalNumber": "85073003328"},
                           headers=worker_headers)
    assert r.status_code == 200, r.text
    monday = next_weekday(dt.date.today())
    body = quickjob_body(performanceDates=[monday.isoformat(),  # two days: two Dimonas
                                           (monday + dt.timedelta(days=1)).isoformat()])
    job = (await client.post("/api/v1/quickjobs", json=body, headers=worker_headers)).json()
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")

    async def declared():
        rows = await fetch("SELECT reference FROM dimona WHERE reference IS NOT NULL")
        return rows if len(rows) == 2 else None

    assert len(set(r["reference"] for r in await eventually(declared, timeout=20))) == 2
    dimona_files = list((settings.outbox_dir / "dimona").glob("DIM-*.json"))
    assert len(dimona_files) == 2
    assert "85073003328" not in dimona_files[0].read_text()  # masked in the outbox

    invoice = (await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                                 headers=worker_headers)).json()
    sent = await eventually(lambda: fetch(
        "SELECT peppol_transmission FROM invoice WHERE id = {} AND peppol_transmission IS NOT NULL",
        uuid.UUID(invoice["id"])), timeout=20)
    assert sent
    envelopes = list((settings.outbox_dir / "peppol").glob("*.json"))
    assert len(envelopes) == 1
    envelope = json.loads(envelopes[0].read_text())
    assert "0208:0403019261" in json.dumps(envelope)

    # The worker was told at each step, in the outbox a person can read.
    messages = await eventually(lambda: list((settings.outbox_dir / "messages").glob("*qj_*")),
                                timeout=20)
    assert messages


async def test_a_refused_dimona_blocks_the_contract_and_tells_the_worker(
        client, worker_headers, adviser_headers, settings):
    from backend.documents.adapters import OutboxDimona
    from backend.quickjobs.tasks import poll_dimonas

    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=worker_headers)).json()
    r = await client.patch("/api/v1/me", json={"nationalNumber": None}, headers=worker_headers)
    assert r.status_code == 200, r.text
    await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    # No national number yet: the declaration waits for it, then goes out.
    await poll_dimonas(settings=settings)
    assert (await fetch("SELECT status FROM dimona"))[0]["status"] == "waiting"
    await client.patch("/api/v1/me", json={"nationalNumber": "85073003328"}, headers=worker_headers)
    await poll_dimonas(settings=settings)
    reference = (await fetch("SELECT reference FROM dimona"))[0]["reference"]
    assert reference

    OutboxDimona(settings.outbox_dir).answer(reference, "refused", "INSZ unknown to the register")
    assert await poll_dimonas(settings=settings) == 1
    detail = (await client.get(f"/api/v1/quickjobs/{job['id']}",
                               headers={**worker_headers, "Accept-Language": "en"})).json()
    assert detail["contract"]["status"] == "blocked"
    assert detail["contract"]["dimona"][0]["status"] == "refused"
    assert detail["contract"]["dimona"][0]["message"] == "INSZ unknown to the register"
    assert detail["timeline"][-1]["kind"] == "dimona_refused"
    # No salary is paid on a blocked contract.
    run = await client.post("/api/v1/backoffice/salary-runs",
                            json={"date": job["simulation"]["payDate"]}, headers=adviser_headers)
    assert run.json()["paidSalaryIds"] == []
