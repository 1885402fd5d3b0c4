"""A receipt added to an expense after it (the bot's "photo after the yes"): the expenses
service's own rules, the same checks and storage as a receipt sent with the expense."""

import uuid

import pytest

from backend.http.context import Principal
from backend.platform.db import fetch
from backend.platform.errors import Conflict, Invalid, NotFound
from backend.quickjobs import expenses
from tests.quickjobs.conftest import quickjob_body

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 2000


async def _principal(headers, client) -> Principal:
    me = (await client.get("/api/v1/me", headers=headers)).json()
    return Principal(uuid.UUID(me["id"]), me["role"])


async def test_a_receipt_follows_its_expense_once_and_only_for_its_worker(
        client, app, worker_headers, other_worker_headers):
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(expenses=[]),
                             headers=worker_headers)).json()
    ports = app.state.quickjob_ports
    worker = await _principal(worker_headers, client)
    stranger = await _principal(other_worker_headers, client)
    added = await expenses.add_expense(worker, uuid.UUID(job["id"]), 1800, "travel", None, None,
                                       None, None, ports)  # no receipt yet
    expense_id = added.id

    with pytest.raises(NotFound):  # another worker's expense does not exist for them
        await expenses.attach_receipt(stranger, expense_id, JPEG, "image/jpeg", ports)
    with pytest.raises(Invalid):  # the upload checks of the API
        await expenses.attach_receipt(worker, expense_id, b"MZ", "application/x-msdownload", ports)
    row = await expenses.attach_receipt(worker, expense_id, JPEG, "image/jpeg", ports)
    assert row.receipt_key == f"receipts/{job['id']}/{expense_id}.jpg"
    with pytest.raises(Conflict, match="receipt_present"):  # a stored receipt is never replaced
        await expenses.attach_receipt(worker, expense_id, JPEG + b"1", "image/jpeg", ports)

    after = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    [line] = after["expenses"]
    assert (await client.get(line["receiptUrl"], headers=worker_headers)).content == JPEG
    audit = await fetch("SELECT action, object_type FROM audit_log WHERE action LIKE 'expense.%' "
                        "ORDER BY id")
    assert [a["action"] for a in audit] == ["expense.added", "expense.receipt_attached"]
    assert "receipt_added" in [e["kind"] for e in after["timeline"]]
