"""The worker's identity in the QuickJob flow, just in time (issue 14, item 6): what the
contract and the salary still need of the worker, and a timeline that says what really
happened.

- The quote needs the worker's name (``creation`` refuses it with a 422 naming the fields).
- The contract's Dimona needs the national number (with its checksum and the birth date it
  encodes), the birth date, the address and the accepted usage agreement: while one is missing
  the order is kept but the Dimona waits (``dimona_waiting``, the worker is told what to add)
  and is declared by the follow-up as soon as the profile is complete (``dimona_declared``).
- The salary also needs an IBAN: without it the salary is ``held`` (``salary_held``, the
  worker is told) and the next payroll run pays it once the IBAN is there.

The fields are ``backend.people.identity.missing_for``'s; the API shows them by their
PATCH /me names (``nationalNumber``...) and ``usageAgreement``.
"""

from __future__ import annotations

import uuid

from backend.engine import Simulation
from backend.jobs.outbox import Message, add_many
from backend.notifications.service import notification
from backend.people import identity
from backend.people import service as people
from backend.platform import i18n
from backend.quickjobs import lifecycle
from backend.quickjobs import repository as repo
from backend.quickjobs.lifecycle import Audit
from backend.quickjobs.rows import QuickJobRow, SalaryRow, WorkerRow

USAGE_AGREEMENT = "usageAgreement"
_LABELS = {"usageAgreement": "usage_agreement", **{v: k for k, v in identity.WIRE.items()}}


async def missing(person: WorkerRow, step: str) -> list[str]:
    """What ``step`` (contract or salary) still needs, by API names, the usage agreement
    included (accepted before the first contract, seeds 004:224-235)."""
    found = [identity.WIRE[f] for f in identity.missing_for(person, step)]
    if not await people.has_accepted_agreement(person.id):
        found.append(USAGE_AGREEMENT)
    return found


def _words(fields: list[str], lang: str) -> str:
    return ", ".join(i18n.t(f"field.{_LABELS[f]}", lang) for f in fields)


def _to(person: WorkerRow) -> tuple[str | None, str]:
    return (person.email, "email") if person.email else (person.phone, "sms")


async def at_order(job: QuickJobRow, person: WorkerRow, sim: Simulation
                   ) -> tuple[list[lifecycle.Event], str, list[Message]]:
    """When the order makes the work binding: the timeline lines of the contract and the
    salary as they really are, the salary's first status, and what tells the worker what is
    missing."""
    contract_missing = await missing(person, "contract")
    salary_missing = await missing(person, "salary")
    events: list[lifecycle.Event] = []
    if contract_missing:
        events.append(("dimona_waiting", {"missing": contract_missing}))
    else:
        events.append(("contract_declared", {"days": len(job.performance_dates)}))
    pay = {"payDate": sim.pay_date.isoformat(), "netCents": sim.net_cents}
    if salary_missing:
        events.append(("salary_held", {**pay, "missing": salary_missing}))
    else:
        events.append(("salary_scheduled", pay))
    messages = []
    to, channel = _to(person)
    if salary_missing and to:
        lang = person.language or "nl"
        messages.append(notification(
            key=f"qj:{job.id}:identity_needed", channel=channel, to=to,
            template="identity_needed", language=lang,
            params={"function": job.function, "client": job.client_name,
                    "missing": _words(salary_missing, lang)}))
    return events, "held" if salary_missing else "scheduled", messages


async def hold_salary(job: QuickJobRow, salary: SalaryRow, person: WorkerRow,
                      fields: list[str], actor: uuid.UUID | None) -> None:
    """The payroll run found the salary due but cannot pay it: held, the worker told (once)."""
    if salary.status == "held":
        return  # said already; the next run tries again
    await repo.update_salary(salary.id, status="held")
    to, channel = _to(person)
    lang = person.language or "nl"
    messages = [notification(
        key=f"qj:{job.id}:salary_held", channel=channel, to=to, template="salary_held",
        language=lang, params={"function": job.function, "client": job.client_name,
                               "missing": _words(fields, lang)})] if to else []
    await add_many(messages)
    await lifecycle.note(job, actor=actor, events=[("salary_held", {
        "payDate": salary.pay_date.isoformat(), "netCents": salary.net_cents,
        "missing": fields})],
        audit=Audit("salary.held", object_type="salary_payment", object_id=salary.id,
                    before={"status": salary.status},
                    after={"status": "held", "missing": fields}))


FINAL = ("declined", "rejected", "cancelled", "salary_paid")


def for_quickjob(job: QuickJobRow, person: WorkerRow | None, agreement_accepted: bool, *,
                 contract_status: str | None, dimona_waiting: bool,
                 salary_status: str | None) -> dict[str, list[str]]:
    """What the steps still ahead of this QuickJob need (API names); steps done or no longer
    possible are left out."""
    if person is None or job.status in FINAL or salary_status == "paid" \
            or contract_status in ("cancelled", "blocked"):
        return {}
    declared = contract_status in ("declared", "completed") and not dimona_waiting
    found = identity.requirements(person, steps=("salary",) if declared
                                  else ("contract", "salary"))
    if not agreement_accepted:
        for step in found:
            found[step].append(USAGE_AGREEMENT)
    return found


i18n.register({
    "event.dimona_waiting": {
        "nl": "Besteld; Dimona wacht op je gegevens", "fr": "Commandé ; la Dimona attend vos "
        "données", "en": "Ordered; the Dimona waits for your details"},
    "event.dimona_declared": {"nl": "Dimona aangegeven", "fr": "Dimona déclarée",
                              "en": "Dimona declared"},
    "event.salary_held": {"nl": "Loon tegengehouden: gegevens ontbreken (bv. IBAN)",
                          "fr": "Salaire retenu : données manquantes (p. ex. IBAN)",
                          "en": "Salary held: details missing (e.g. IBAN)"},
    "event.share_withheld": {"nl": "Coöperatief aandeel van je loon afgehouden",
                             "fr": "Part coopérative retenue sur votre salaire",
                             "en": "Cooperative share withheld from your salary"},
})
