"""Overdue invoices: the client is reminded at the policy's stages; after the last one an adviser
takes over (review queue). Idempotent per (invoice, stage)."""

from __future__ import annotations

import datetime as dt

from backend.audit.service import record
from backend.backoffice import repository as backoffice
from backend.notifications.service import notify
from backend.platform.db import unit_of_work
from backend.platform.formatting import format_money
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as quickjobs
from backend.quickjobs.policy import policy_on
from backend.quickjobs.ports import Ports
from backend.quickjobs.reading import page_url_of


async def send_reminders(on: dt.date, ports: Ports) -> tuple[int, int]:
    """(reminders sent, invoices escalated to an adviser) for the reminders due on ``on``; each
    reminder links to the invoice's page (``ports``: the client's links)."""
    stages = policy_on(on).reminder_days_after_due
    sent = escalated = 0
    async with unit_of_work():
        for invoice in await quickjobs.overdue_invoices(on):
            days_late = (on - invoice.due_date).days
            due_stages = [i for i, days in enumerate(stages, 1) if days_late >= days]
            if not due_stages:
                continue
            stage = due_stages[-1]
            if not await backoffice.mark_reminder(invoice.id, stage):
                continue  # this stage was handled before
            job = await quickjobs.get_quickjob(invoice.quickjob)
            if job.client_email:
                await notify(key=f"reminder:{invoice.id}:{stage}", channel="email",
                             to=job.client_email, template="invoice_reminder",
                             language=job.client_language,
                             params={"number": invoice.number, "stage": stage,
                                     "amount": format_money(invoice.total_cents - invoice.paid_cents,
                                                            job.client_language),
                                     "communication": invoice.structured_communication,
                                     "url": await page_url_of(invoice, ports)})
            await lifecycle.note(job, events=[("reminder_sent", {"stage": stage})], actor=None)
            sent += 1
            if stage == len(stages):
                reasons = [{"code": "review.overdue_invoice",
                            "params": {"number": invoice.number, "days": days_late}}]
                await backoffice.insert_review_item(
                    kind="overdue_invoice", quickjob=job.id, person=job.person,
                    reasons=[r["code"] for r in reasons], context={"reasons": reasons})
                escalated += 1
            await record(actor_id=None, action="invoice.reminded", object_type="invoice",
                         object_id=invoice.id, after={"stage": stage})
    return sent, escalated
