"""Production never issues an invoice the client cannot pay: without the cooperative's real bank
account the invoice is refused with a clear, localised problem, and nothing is half made (no
number taken, no ledger entry, no file, no e-mail)."""

from __future__ import annotations

import dataclasses
import re
import uuid

import pytest

from backend.documents.legal_entity import legal_entity
from backend.jobs.tables import OutboxMessage
from backend.platform.db import unit_of_work
from backend.quickjobs.tables import DocumentCounter, Invoice
from backend.units.tables import JournalEntry, LegalEntity
from tests.quickjobs.conftest import quickjob_body, token_of

REAL_IBAN, REAL_BIC = "BE62510007547061", "VAPEBE22"  # valid (mod 97, bank 510), not the demo


@pytest.fixture
def production(app):
    """The running app's client links and invoicing as in production (APP_ENV=production)."""
    ports = app.state.quickjob_ports
    app.state.quickjob_ports = dataclasses.replace(ports, production=True)
    yield
    app.state.quickjob_ports = ports


async def accepted_job(client, headers) -> dict:
    job = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                             headers=headers)).json()
    r = await client.post(f"/api/v1/public/quotes/{token_of(job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201, r.text
    return job


def invoice_files(settings) -> set:
    folder = settings.storage_dir / "invoices"
    return set(folder.glob("*")) if folder.exists() else set()


async def counts() -> dict:
    async with unit_of_work():
        return {
            "invoices": await Invoice.count(),
            "invoice_numbers": await DocumentCounter.count().where(
                DocumentCounter.series == "invoice"),
            "invoice_entries": await JournalEntry.count().where(JournalEntry.kind == "invoice"),
            "invoice_mails": len([m for m in await OutboxMessage.select(OutboxMessage.payload)
                                  .where(OutboxMessage.job == "notify")
                                  if "invoice_to_client" in str(m["payload"])]),
        }


@pytest.mark.parametrize("language, words", [
    ("nl", "enkel de demorekening"), ("fr", "compte de démonstration"), ("en", "demo account")])
async def test_production_refuses_an_invoice_with_the_demo_account(
        client, worker_headers, production, settings, language, words):
    job = await accepted_job(client, worker_headers)
    before = await counts()
    files_before = invoice_files(settings)
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice",
                          headers={**worker_headers, "Accept-Language": language})
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["type"].endswith("/payment_account_demo")
    assert words in problem["detail"]
    assert legal_entity("smart").name(language) in problem["detail"]  # in the reader's words
    assert await counts() == before  # nothing half made
    state = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert state["status"] == "accepted" and state["invoice"] is None
    assert invoice_files(settings) == files_before  # no PDF, no UBL stored


async def test_production_invoices_once_the_real_account_is_configured(
        client, worker_headers, production):
    job = await accepted_job(client, worker_headers)
    async with unit_of_work():
        from backend.units.service import ensure_reference_data
        await ensure_reference_data()
        await LegalEntity.update({LegalEntity.iban: REAL_IBAN, LegalEntity.bic: REAL_BIC}).where(
            LegalEntity.id == "smart")
    try:
        r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
        assert r.status_code == 201, r.text
        invoice = r.json()
        assert invoice["number"].endswith("/000001")  # the refused attempts took no number
        page = (await client.get(re.sub(r"^https?://[^/]+", "", invoice["pageUrl"]))).text
        assert "BE62 5100 0754 7061" in page and "VAPEBE22" in page
        assert "BE71 0961" not in page
        ubl = (await client.get(invoice["ublUrl"], headers=worker_headers)).content
        assert REAL_IBAN.encode() in ubl
    finally:
        async with unit_of_work():
            await LegalEntity.update({LegalEntity.iban: "", LegalEntity.bic: ""}).where(
                LegalEntity.id == "smart")


async def test_development_invoices_with_the_demo_account(client, worker_headers):
    job = await accepted_job(client, worker_headers)
    r = await client.post(f"/api/v1/quickjobs/{job['id']}/invoice", headers=worker_headers)
    assert r.status_code == 201, r.text
    async with unit_of_work():
        [row] = await Invoice.select(Invoice.id).where(Invoice.id == uuid.UUID(r.json()["id"]))
    assert row
