"""Jobs of the QuickJob flow, run by the rq worker. Each is idempotent."""

from __future__ import annotations

import uuid

from backend.audit.service import record
from backend.db import unit_of_work
from backend.documents.adapters import LocalFileStorage, OutboxDimona, OutboxPeppolAccessPoint
from backend.documents.ports import DimonaDeclaration, dimona_worker_type
from backend.documents.ubl import peppol_endpoint
from backend.jobs.runner import once
from backend.people import service as people
from backend.quickjobs import repository as repo
from backend.quickjobs.documents import client_party
from backend.quickjobs.service import Ports, notify_worker
from backend.settings import Settings

EMPLOYER_NUMBER = "0896755397"  # Smart's enterprise number, used as the Dimona employer id


async def declare_dimona(payload: dict, settings: Settings | None = None) -> None:
    settings = settings or Settings.from_env()
    dimona_id = uuid.UUID(payload["dimonaId"])
    async with unit_of_work():
        dimona = await repo.get_dimona(dimona_id)
        if dimona is None or dimona["reference"] or dimona["status"] == "cancelled":
            return  # already declared (or withdrawn): nothing to do twice
        contract = await repo.get_contract(dimona["contract"])
        person = await people.get_person(contract["person"])
        if not person.get("national_number"):
            # Social security needs the INSZ: the worker is asked for it in the app.
            await repo.update_dimona(dimona_id, status="waiting",
                                     message="national number missing in the profile")
            return
        reference = OutboxDimona(settings.outbox_dir).declare(DimonaDeclaration(
            employer_number=EMPLOYER_NUMBER,
            worker_national_number=person["national_number"],
            work_date=dimona["work_date"],
            worker_type=dimona_worker_type(contract["contract_type"]),
            planned_hours=8 if contract["contract_type"] == "student" else None,
        ))
        await repo.update_dimona(dimona_id, reference=reference, status="pending")


async def cancel_dimona(payload: dict, settings: Settings) -> None:
    dimona_id = uuid.UUID(payload["dimonaId"])
    async with unit_of_work():
        dimona = await repo.get_dimona(dimona_id)
        if dimona is None or dimona["status"] == "cancelled":
            return
        if dimona["reference"]:
            OutboxDimona(settings.outbox_dir).cancel(dimona["reference"])
        await repo.update_dimona(dimona_id, status="cancelled")


async def send_peppol(payload: dict, settings: Settings) -> None:
    invoice_id = uuid.UUID(payload["invoiceId"])
    async with unit_of_work():
        invoice = await repo.get_invoice(invoice_id)
        if invoice is None or invoice["peppol_transmission"] or not invoice["ubl_key"]:
            return
        if not await once(f"peppol:{invoice_id}", "peppol.send"):
            return
        job = await repo.get_quickjob(invoice["quickjob"])
        scheme, identifier = peppol_endpoint(client_party(job))
        ubl = LocalFileStorage(settings.storage_dir).open(invoice["ubl_key"])
        transmission = OutboxPeppolAccessPoint(settings.outbox_dir).send(
            invoice["number"], f"{scheme}:{identifier}", ubl)
        await repo.update_invoice(invoice_id, peppol_transmission=transmission)


async def poll_dimonas(limit: int = 200, settings: Settings | None = None) -> int:
    """Read social security's answers for declared Dimonas (periodic, idempotent).

    accepted / accepted_with_warning / waiting are recorded; refused blocks the contract (no
    salary is paid on it) and tells the worker why. A Dimona waiting for the worker's national
    number is declared as soon as the profile has one.
    """
    settings = settings or Settings.from_env()
    port = OutboxDimona(settings.outbox_dir)
    changed = 0
    for dimona in await repo.dimonas_to_follow(limit):
        if dimona["reference"] is None:
            await declare_dimona({"dimonaId": str(dimona["id"])}, settings)
            continue
        status = port.status(dimona["reference"])
        if status == dimona["status"] or status == "pending":
            continue
        async with unit_of_work():
            await repo.update_dimona(dimona["id"], status=status, message=port.reason(dimona["reference"]))
            await record(actor_id=None, action=f"dimona.{status}", object_type="dimona",
                         object_id=dimona["id"], before={"status": dimona["status"]},
                         after={"status": status})
            if status == "refused":
                contract = await repo.get_contract(dimona["contract"])
                await repo.update_contract(contract["id"], status="blocked")
                job = await repo.get_quickjob(contract["quickjob"])
                await repo.add_event(job["id"], "dimona_refused",
                                     {"workDate": dimona["work_date"].isoformat(),
                                      "reason": port.reason(dimona["reference"])})
                await notify_worker(job, await people.get_person(job["person"]), "dimona_refused")
        changed += 1
    return changed


async def render_payslip(payload: dict, settings: Settings | None = None) -> None:
    """Make the payslip of a paid salary (idempotent: the PDF is stored once)."""
    from backend.quickjobs.documents import payslip_pdf
    from backend.simulations.service import from_snapshot

    settings = settings or Settings.from_env()
    salary_id = uuid.UUID(payload["salaryId"])
    async with unit_of_work():
        salary = await repo.get_salary(salary_id)
        if salary is None or salary["payslip_key"]:
            return
        job = await repo.get_quickjob(salary["quickjob"])
        person = await people.get_person(job["person"])
        pdf = payslip_pdf(job, person, salary, from_snapshot(job["simulation"]),
                          expenses=await repo.expenses_for(job["id"]))
        key = LocalFileStorage(settings.storage_dir).save(
            f"payslips/{salary_id}.pdf", pdf, "application/pdf")
        await repo.update_salary(salary_id, payslip_key=key)


async def render_document(payload: dict, settings: Settings, ports: Ports) -> None:
    """Job: make a QuickJob's quote or contract PDF (idempotent)."""
    from backend.quickjobs import service

    await service.render_document(uuid.UUID(payload["quickjobId"]), payload["document"], ports)
