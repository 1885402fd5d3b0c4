"""Pay the payroll run holds instead of paying, with the reason, for advisers to see.

- ``rule_set_fallback``: no rule set is in force for the date (a QuickJob's last day, a month
  of an open-ended contract): the figures would be computed with last year's rules. Nothing is
  paid; once the rule set for that date is approved (backend/rulesets), the next run computes
  the pay again with it and pays it. No person releases it.
- ``months_above_limit``: one run would pay more months of one open-ended contract than
  ``PAYROLL_MAX_MONTHS_PER_RUN``. A second adviser (neither the one who hired nor the one who
  ran the payroll) approves; the next run pays them (four eyes, as ledger corrections).

One row per thing held (``key``): a run that holds it again updates it; paying it releases it.
Every hold, approval and release is audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from backend.audit.service import record
from backend.backoffice import holds_repository as repo
from backend.backoffice.rows import HoldRow
from backend.employment import repository as employments
from backend.employment.rows import EmploymentRow
from backend.platform import i18n
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, Forbidden, NotFound
from backend.platform.formatting import date_texts

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal

i18n.register({
    "held.rule_set_fallback": {
        "nl": "Geen berekeningsregels van kracht voor {date} (de laatste regelset, {ruleSet}, "
              "geldt tot {validTo}). Dit loon wordt niet betaald met de regels van vorig jaar: "
              "zodra de regelset voor die datum goedgekeurd is, berekent de volgende loonrun het "
              "opnieuw en betaalt het.",
        "fr": "Aucune règle de calcul en vigueur pour le {date} (le dernier jeu de règles, "
              "{ruleSet}, vaut jusqu'au {validTo}). Ce salaire n'est pas payé avec les règles de "
              "l'an dernier : dès que le jeu de règles de cette date est approuvé, le prochain "
              "calcul des salaires le recalcule et le paie.",
        "en": "No calculation rules in force for {date} (the latest rule set, {ruleSet}, is "
              "valid until {validTo}). This pay is not made with last year's rules: once the "
              "rule set for that date is approved, the next salary run computes it again and "
              "pays it.",
    },
    "held.months_above_limit": {
        "nl": "{months} maanden van dit contract in één loonrun ({first} tot {last}), meer dan "
              "{limit}: een tweede adviseur keurt dit goed, daarna betaalt de volgende loonrun "
              "ze.",
        "fr": "{months} mois de ce contrat en un seul calcul des salaires ({first} à {last}), "
              "plus que {limit} : un second conseiller l'approuve, puis le prochain calcul les "
              "paie.",
        "en": "{months} months of this contract in one salary run ({first} to {last}), more "
              "than {limit}: a second adviser approves it, then the next run pays them.",
    },
    # the QuickJob's timeline and the worker's notification
    # its own event: a salary held for missing details is ``salary_held`` (quickjobs.requirements)
    "event.salary_awaits_rules": {
        "nl": "Loon wacht: de berekeningsregels voor je werkdatum zijn nog niet van kracht",
        "fr": "Salaire en attente : les règles de calcul de votre date de travail ne sont pas "
              "encore en vigueur",
        "en": "Salary on hold: the calculation rules for your work date are not in force yet",
    },
    "event.salary_recomputed": {
        "nl": "Loon herberekend met de berekeningsregels van kracht",
        "fr": "Salaire recalculé avec les règles de calcul en vigueur",
        "en": "Salary computed again with the calculation rules in force",
    },
    "hold_not_approvable": {
        "nl": "Dit loon wacht op de berekeningsregels van zijn datum, niet op een adviseur: het "
              "wordt betaald zodra die regelset goedgekeurd is.",
        "fr": "Ce salaire attend les règles de calcul de sa date, pas un conseiller : il sera "
              "payé dès que ce jeu de règles sera approuvé.",
        "en": "This pay waits for the calculation rules of its date, not for an adviser: it is "
              "paid once that rule set is approved.",
    },
    "hold_decided": {
        "nl": "Hierover werd al beslist ({status}).",
        "fr": "Une décision a déjà été prise ({status}).",
        "en": "This has already been decided ({status}).",
    },
    "own_hold": {
        "nl": "Een tweede adviseur keurt dit goed: niet wie het contract aanmaakte of de "
              "loonrun startte.",
        "fr": "Un second conseiller l'approuve : ni celui qui a créé le contrat ni celui qui a "
              "lancé le calcul des salaires.",
        "en": "A second adviser approves this: not the one who made the contract or ran the "
              "salaries.",
    },
})


def hold_text(hold: HoldRow, lang: str) -> str:
    params = {k: (v.get(lang) or v.get("nl")) if isinstance(v, dict) else v
              for k, v in hold.params.items()}
    return i18n.t(f"held.{hold.reason}", lang, **params)


def needs_approval(hold: HoldRow) -> bool:
    return hold.reason == "months_above_limit" and hold.status == "held"


async def _hold(key: str, params: dict, actor: uuid.UUID | None, **refs) -> HoldRow:
    """Hold (or hold again) one thing; the first time is audited."""
    existing = await repo.by_key(key)
    if existing is not None:
        if existing.status == "held":
            return await repo.held_again(existing.id, params)
        return existing
    hold = await repo.insert(id=uuid.uuid4(), key=key, params=params, requested_by=actor, **refs)
    await record(actor_id=actor, action="pay.held", object_type="payroll_hold",
                 object_id=hold.id, after={"kind": hold.kind, "reason": hold.reason, "key": key})
    return hold


def fallback_params(day: dt.date, rule_set: str, valid_to: dt.date) -> dict:
    return {"date": date_texts(day), "ruleSet": rule_set, "validTo": date_texts(valid_to),
            "day": day.isoformat()}


async def hold_salary(salary_id: uuid.UUID, quickjob_id: uuid.UUID, person: uuid.UUID,
                      params: dict, actor: uuid.UUID | None) -> HoldRow:
    return await _hold(f"salary:{salary_id}:rule_set_fallback", params, actor,
                       kind="quickjob_salary", reason="rule_set_fallback", person=person,
                       salary=salary_id, quickjob=quickjob_id)


async def hold_month(employment: EmploymentRow, month: dt.date, params: dict,
                     actor: uuid.UUID | None) -> HoldRow:
    return await _hold(f"month:{employment.id}:{month:%Y-%m}:rule_set_fallback", params, actor,
                       kind="monthly_salary", reason="rule_set_fallback",
                       person=employment.person, employment=employment.id, month=month)


async def hold_catch_up(employment: EmploymentRow, months: list[dt.date], limit: int,
                        actor: uuid.UUID | None) -> HoldRow:
    first, last = months[0], months[-1]
    params = {"months": len(months), "limit": limit, "first": f"{first:%Y-%m}",
              "last": f"{last:%Y-%m}", "lastMonth": last.isoformat()}
    open_hold = await repo.open_catch_up(employment.id)
    if open_hold is not None:  # still waiting: the same request, now with more months
        return await repo.held_again(open_hold.id, params)
    return await _hold(f"catch_up:{employment.id}:{first:%Y-%m}", params, actor,
                       kind="monthly_salary", reason="months_above_limit",
                       person=employment.person, employment=employment.id, month=first)


async def _released(holds: list[HoldRow], actor: uuid.UUID | None, before: str) -> None:
    for hold in holds:
        await record(actor_id=actor, action="pay.released", object_type="payroll_hold",
                     object_id=hold.id, before={"status": before}, after={"status": "released"})


async def release_salary(salary_id: uuid.UUID, actor: uuid.UUID | None) -> None:
    """The QuickJob salary was paid: its hold (if any) is over."""
    await _released(await repo.release_salary(salary_id), actor, "held")


async def open_for_employment(employment_id: uuid.UUID) -> list[HoldRow]:
    return await repo.open_for_employment(employment_id)


async def release_month(employment_id: uuid.UUID, month: dt.date,
                        actor: uuid.UUID | None) -> None:
    await _released(await repo.release_month(employment_id, month), actor, "held")


async def release_catch_ups(employment_id: uuid.UUID, actor: uuid.UUID | None) -> None:
    await _released(await repo.release_catch_ups(employment_id), actor, "approved")


async def approve(actor: Principal, hold_id: uuid.UUID) -> HoldRow:
    """A second adviser lets the next run pay a contract's months at once (four eyes)."""
    actor.require("adviser", "admin")
    async with unit_of_work():
        hold = await repo.get(hold_id, for_update=True)
        if hold is None:
            raise NotFound()
        if hold.reason != "months_above_limit":
            raise Conflict("hold_not_approvable")
        if hold.status != "held":
            raise Conflict("hold_decided", status=hold.status)
        employment = await employments.get(hold.employment, for_update=True)
        if actor.id in (hold.requested_by, employment.created_by):
            raise Forbidden("own_hold")
        through = dt.date.fromisoformat(hold.params["lastMonth"])
        await employments.approve_pay_through(employment.id, through)
        approved = await repo.approve(hold_id, actor.id)
        await record(actor_id=actor.id, action="pay.approved", object_type="payroll_hold",
                     object_id=hold_id, before={"status": "held"},
                     after={"status": "approved", "payApprovedThrough": through})
    return approved


async def listing(actor: Principal, status: str | None, before: dt.datetime | None,
                  limit: int) -> list[HoldRow]:
    actor.require("adviser", "admin")
    async with unit_of_work():
        return await repo.listing(status, before, limit)
