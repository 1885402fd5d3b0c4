"""The QuickJob lifecycle's one home: the allowed moves, and a transition's bookkeeping written
together (status, timeline event, audit record, the worker's notification) or not at all."""

import uuid

import pytest

from backend.platform.db import fetch, unit_of_work
from backend.platform.errors import Conflict
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as repo
from backend.quickjobs.lifecycle import (
    CONTRACT_MOVES,
    INVOICE_MOVES,
    QUICKJOB_MOVES,
    Audit,
    ContractStatus,
    InvoiceStatus,
    QuickJobStatus,
)
from backend.quickjobs.reading import worker_of
from tests.quickjobs.conftest import quickjob_body

S = QuickJobStatus


def _reachable(moves: dict, start) -> set:
    seen, todo = set(), [start]
    while todo:
        for nxt in moves.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_every_status_is_reachable_and_the_ends_are_ends():
    assert _reachable(QUICKJOB_MOVES, None) == set(QuickJobStatus)
    assert set(QUICKJOB_MOVES) == {None, *QuickJobStatus}
    for end in (S.DECLINED, S.REJECTED, S.CANCELLED):
        assert QUICKJOB_MOVES[end] == frozenset()
    assert _reachable(CONTRACT_MOVES, ContractStatus.PLANNED) == set(ContractStatus) - {
        ContractStatus.PLANNED}
    assert _reachable(INVOICE_MOVES, InvoiceStatus.ISSUED) == set(InvoiceStatus)
    # Values are what the API returns.
    assert [s.value for s in QuickJobStatus] == [
        "in_review", "quote_sent", "accepted", "invoiced", "paid", "salary_paid", "declined",
        "rejected", "cancelled"]


async def test_a_refused_move_changes_nothing(client, worker_headers):
    created = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                                 headers=worker_headers)).json()
    before = await fetch("SELECT count(*) AS n FROM quickjob_event")
    with pytest.raises(Conflict) as caught:
        async with unit_of_work():
            job = await repo.get_quickjob(uuid.UUID(created["id"]), for_update=True)
            await lifecycle.transition(job, S.PAID, events=[("paid", None)], actor=None,
                                       audit=Audit("quickjob.paid"))
    assert (caught.value.code, caught.value.params) == ("wrong_state", {"status": "quote_sent"})
    assert (await repo.get_quickjob(uuid.UUID(created["id"]))).status == "quote_sent"
    assert await fetch("SELECT count(*) AS n FROM quickjob_event") == before


async def test_a_transition_writes_status_event_audit_and_notification(client, worker_headers):
    created = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                                 headers=worker_headers)).json()
    quickjob_id = uuid.UUID(created["id"])
    async with unit_of_work():
        job = await repo.get_quickjob(quickjob_id, for_update=True)
        moved = await lifecycle.transition(
            job, S.CANCELLED, events=[("cancelled", None)], actor=job.person,
            person=await worker_of(job.person), notify_event="cancelled",
            audit=Audit("quickjob.cancelled", before={"status": job.status},
                        after={"status": "cancelled"}))
    assert moved.status == "cancelled" == (await repo.get_quickjob(quickjob_id)).status
    events = [e.kind for e in await repo.events(quickjob_id)]
    assert events[-1] == "cancelled"
    audit = await fetch("SELECT action FROM audit_log WHERE object_id = {} ORDER BY id",
                        str(quickjob_id))
    assert [a["action"] for a in audit] == ["quickjob.created", "quickjob.cancelled"]
    assert await fetch("SELECT 1 FROM outbox_message WHERE dedupe_key = {}",
                       f"notify:qj:{quickjob_id}:cancelled")
