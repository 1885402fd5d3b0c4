"""Jobs of the QuickJob flow, run by the rq worker. Each is idempotent.

Their adapters (storage, Dimona, Peppol) come from ``backend.composition``: the process's own,
or those of the ``settings`` a caller passes.
"""

from __future__ import annotations

import uuid

from backend import composition
from backend.audit.service import record
from backend.documents.ports import DimonaDeclaration, dimona_worker_type
from backend.documents.ubl import peppol_endpoint
from backend.jobs.runner import once
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings
from backend.quickjobs import lifecycle, reading, requirements
from backend.quickjobs import repository as repo
from backend.quickjobs.documents import client_party, payslip_pdf
from backend.quickjobs.lifecycle import Audit, ContractStatus
from backend.quickjobs.reading import worker_of

EMPLOYER_NUMBER = "0896755397"  # Smart's enterprise number, used as the Dimona employer id


async def declare_dimona(payload: dict, settings: Settings | None = None) -> None:
    dimonas = composition.adapters(settings).dimona
    dimona_id = uuid.UUID(payload["dimonaId"])
    async with unit_of_work():
        dimona = await repo.get_dimona(dimona_id)
        if dimona is None:  # never success: the job fails, is retried, then kept as failed
            raise LookupError(f"dimona {dimona_id} does not exist: nothing was declared")
        if dimona.reference or dimona.status == "cancelled":
            return  # already declared (or withdrawn): nothing to do twice
        contract = await repo.get_contract(dimona.contract)
        person = await worker_of(contract.person)
        if missing := await requirements.missing(person, "contract"):
            # The INSZ (with its checksum), birth date, address and the usage agreement come
            # first: the worker was told what to add; the follow-up declares it then.
            await repo.update_dimona(dimona_id, status="waiting",
                                     message="waiting for: " + ", ".join(missing))
            return
        reference = dimonas.declare(DimonaDeclaration(
            employer_number=EMPLOYER_NUMBER,
            worker_national_number=person.national_number,
            work_date=dimona.work_date,
            worker_type=dimona_worker_type(contract.contract_type),
            planned_hours=8 if contract.contract_type == "student" else None,
        ))
        await repo.update_dimona(dimona_id, reference=reference, status="pending")
        if dimona.status == "waiting":  # the timeline said it waited: now it is declared
            job = await repo.get_quickjob(contract.quickjob)
            await lifecycle.note(job, actor=None, events=[
                ("dimona_declared", {"workDate": dimona.work_date.isoformat()})],
                audit=Audit("dimona.declared", object_type="dimona", object_id=dimona_id,
                            before={"status": "waiting"}, after={"status": "pending"}))


async def cancel_dimona(payload: dict, settings: Settings | None = None) -> None:
    dimonas = composition.adapters(settings).dimona
    dimona_id = uuid.UUID(payload["dimonaId"])
    async with unit_of_work():
        dimona = await repo.get_dimona(dimona_id)
        if dimona is None:
            raise LookupError(f"dimona {dimona_id} does not exist: nothing was cancelled")
        if dimona.status == "cancelled":
            return
        if dimona.reference:
            dimonas.cancel(dimona.reference)
        await repo.update_dimona(dimona_id, status="cancelled")


async def send_peppol(payload: dict, settings: Settings | None = None) -> None:
    ports = composition.adapters(settings)
    invoice_id = uuid.UUID(payload["invoiceId"])
    async with unit_of_work():
        invoice = await repo.get_invoice(invoice_id)
        if invoice is None:
            raise LookupError(f"invoice {invoice_id} does not exist: nothing was sent")
        if invoice.peppol_transmission or not invoice.ubl_key:
            return
        if not await once(f"peppol:{invoice_id}", "peppol.send"):
            return
        job = await repo.get_quickjob(invoice.quickjob)
        scheme, identifier = peppol_endpoint(client_party(job))
        ubl = ports.storage.open(invoice.ubl_key)
        transmission = ports.peppol.send(invoice.number, f"{scheme}:{identifier}", ubl)
        await repo.update_invoice(invoice_id, peppol_transmission=transmission)


async def poll_dimonas(limit: int = 200, settings: Settings | None = None) -> int:
    """Read social security's answers for declared Dimonas (periodic, idempotent).

    accepted / accepted_with_warning / waiting are recorded; refused blocks the contract (no
    salary is paid on it) and tells the worker why. A Dimona waiting for the worker's national
    number is declared as soon as the profile has one.
    """
    port = composition.adapters(settings).dimona
    changed = 0
    for dimona in await repo.dimonas_to_follow(limit):
        if dimona.reference is None:
            await declare_dimona({"dimonaId": str(dimona.id)}, settings)
            continue
        status = port.status(dimona.reference)
        if status == dimona.status or status == "pending":
            continue
        async with unit_of_work():
            await repo.update_dimona(dimona.id, status=status, message=port.reason(dimona.reference))
            await record(actor_id=None, action=f"dimona.{status}", object_type="dimona",
                         object_id=dimona.id, before={"status": dimona.status},
                         after={"status": status})
            if status == "refused":
                contract = await repo.get_contract(dimona.contract)
                await lifecycle.move_contract(contract, ContractStatus.BLOCKED)
                job = await repo.get_quickjob(contract.quickjob)
                await lifecycle.note(
                    job, actor=None, notify_event="dimona_refused",
                    person=await worker_of(job.person),
                    events=[("dimona_refused", {"workDate": dimona.work_date.isoformat(),
                                                "reason": port.reason(dimona.reference)})])
        changed += 1
    return changed


async def render_payslip(payload: dict, settings: Settings | None = None) -> None:
    """Make the payslip of a paid salary (idempotent: the PDF is stored once)."""
    storage = composition.adapters(settings).storage
    salary_id = uuid.UUID(payload["salaryId"])
    async with unit_of_work():
        salary = await repo.get_salary(salary_id)
        if salary is None:
            raise LookupError(f"salary {salary_id} does not exist: no payslip was made")
        if salary.payslip_key:
            return
        job = await repo.get_quickjob(salary.quickjob)
        person = await worker_of(job.person)
        pdf = payslip_pdf(job, person, salary, reading.simulation_of(job),
                          expenses=await repo.expenses_for(job.id))
        key = storage.save(f"payslips/{salary_id}.pdf", pdf, "application/pdf")
        await repo.update_salary(salary_id, payslip_key=key)


async def render_document(payload: dict, settings: Settings | None = None) -> None:
    """Job: make a QuickJob's quote or contract PDF (idempotent)."""
    quickjob_id = uuid.UUID(payload["quickjobId"])
    if await repo.get_quickjob(quickjob_id) is None:
        raise LookupError(f"quickjob {quickjob_id} does not exist: no {payload['document']} made")
    await reading.render_document(quickjob_id, payload["document"],
                                  composition.adapters(settings).quickjobs)
