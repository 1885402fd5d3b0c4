"""Membership for real: a share is a payment request with its own structured communication; the
person is a member once it is paid, by bank transfer (matched by the CODA import) or withheld
from their first salary with their explicit consent. The three performances a person may do
without a share (seeds 002:183; domain.md section 3) count only paid shares.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from pathlib import Path

from backend.audit.service import record
from backend.engine import make_ogm
from backend.http.problems import FieldError, Problem
from backend.people import repository, validation
from backend.people.common import STAFF_ROLES, validation_problem
from backend.people.profile import existing_person
from backend.people.rows import PerformanceRow, SharePurchaseRow, StandingRow
from backend.people.schemas import Membership, PaymentRequest, SharePurchaseOut
from backend.platform.db import NOW, unit_of_work
from backend.units import service as units

RULES_PATH = Path(__file__).with_name("membership_rules.json")
LEGAL_ENTITY = "smart"  # the cooperative whose shares these are (SmartCoop)


@functools.cache
def membership_rules() -> dict:
    return json.loads(RULES_PATH.read_text())


def share_price_cents(category: str, on: dt.date) -> int:
    rows = [r for r in membership_rules()["sharePrices"]
            if r["category"] == category and dt.date.fromisoformat(r["validFrom"]) <= on
            and (r["validUntil"] is None or on <= dt.date.fromisoformat(r["validUntil"]))]
    if not rows:
        raise LookupError(f"no share price for category {category} on {on}")
    return max(rows, key=lambda r: r["validFrom"])["priceCents"]


def performance_limit() -> int:
    return membership_rules()["performancesWithoutShare"]["limit"]


def current_agreement_version(on: dt.date | None = None) -> str:
    on = on or validation.today()
    rows = [r for r in membership_rules()["usageAgreementVersions"]
            if dt.date.fromisoformat(r["validFrom"]) <= on]
    return max(rows, key=lambda r: r["validFrom"])["version"]


def _euros(cents: int) -> str:
    return str(cents // 100) if cents % 100 == 0 else f"{cents // 100},{cents % 100:02d}"


def _purchase_out(p: SharePurchaseRow) -> SharePurchaseOut:
    return SharePurchaseOut(
        id=p.id, shares=p.shares, category=p.category, amount_cents=p.amount_cents,
        purchased_on=p.purchased_on, status=p.status,
        structured_communication=p.structured_communication, paid_at=p.paid_at,
        paid_via=p.paid_via, withhold_from_salary=p.withhold_consent_at is not None)


async def _payment_request(open_request: SharePurchaseRow | None) -> PaymentRequest | None:
    if open_request is None:
        return None
    entity = await units.legal_entity(LEGAL_ENTITY)
    return PaymentRequest(
        id=open_request.id, amount_cents=open_request.amount_cents,
        structured_communication=open_request.structured_communication or "",
        beneficiary=entity.name if entity else "SmartCoop",
        iban=(entity.iban or None) if entity else None,
        bic=(entity.bic or None) if entity else None,
        withhold_from_salary=open_request.withhold_consent_at is not None)


async def membership(person_id: uuid.UUID) -> Membership:
    async with unit_of_work():
        await existing_person(person_id)
        purchases = await repository.share_purchases(person_id)
        agreements = await repository.agreements(person_id)
        without = await repository.performances_without_share(person_id)
    paid = [p for p in purchases if p.status == "paid"]
    total = sum(p.shares for p in paid)
    open_request = next((p for p in purchases if p.status == "requested"), None)
    agreement = agreements[0] if agreements else None
    limit = performance_limit()
    return Membership(
        is_member=total > 0,
        shares_total=total,
        category=paid[-1].category if paid else None,
        purchases=[_purchase_out(p) for p in purchases],
        payment_request=await _payment_request(open_request),
        share_price_cents=share_price_cents("A", validation.today()),
        agreement_version=agreement.version if agreement else None,
        agreement_accepted_at=agreement.accepted_at if agreement else None,
        current_agreement_version=current_agreement_version(),
        performances_without_share=without,
        performances_without_share_limit=limit,
        can_perform=total > 0 or without < limit,
    )


def _check_request(shares: int, category: str) -> str:
    rules = membership_rules()
    low, high = rules["sharesPerPurchase"]["min"], rules["sharesPerPurchase"]["max"]
    errors = []
    if not low <= shares <= high:
        errors.append(FieldError("shares", "invalid_share_count", {"min": low, "max": high}))
    category = (category or "").strip().upper()
    if category not in ("A", "B", "C"):
        errors.append(FieldError("category", "invalid_share_category"))
    if errors:
        raise validation_problem(errors)
    return category


async def request_shares(person_id: uuid.UUID, *, shares: int, category: str = "A",
                         withhold_from_salary: bool = False, ip: str | None = None
                         ) -> Membership:
    """A payment request for ``shares`` at today's price, with its own structured
    communication; with ``withhold_from_salary`` the member consents, here and now, to its
    being withheld from their first salary. One open request at a time (409 with its
    communication while one waits)."""
    category = _check_request(shares, category)
    async with unit_of_work():
        person = await existing_person(person_id, for_update=True)
        if category in membership_rules()["staffOnlyCategories"] and \
                person.role not in STAFF_ROLES:
            raise validation_problem([FieldError("category", "share_category_not_allowed")])
        pending = await repository.open_share_request(person_id)
        if pending is not None:
            raise Problem(409, "share_payment_pending",
                          communication=pending.structured_communication,
                          amount=_euros(pending.amount_cents))
        today = validation.today()
        price = share_price_cents(category, today)
        number = membership_rules()["sharePayment"]["communicationBase"] + \
            await repository.next_share_number()
        purchase = await repository.insert_share_purchase(
            person=person_id, shares=shares, category=category, amount_cents=price * shares,
            purchased_on=today, structured_communication=make_ogm(number),
            withhold_consent_at=NOW if withhold_from_salary else None,
            withhold_consent_ip=ip if withhold_from_salary else None)
        await record(actor_id=person_id, action="share.requested", object_type="share_purchase",
                     object_id=purchase.id, after={
                         "shares": shares, "category": category,
                         "amountCents": purchase.amount_cents,
                         "structuredCommunication": purchase.structured_communication,
                         "withholdConsent": withhold_from_salary, "ip": ip})
    return await membership(person_id)


async def set_withholding_consent(person_id: uuid.UUID, consent: bool,
                                  ip: str | None) -> Membership:
    """Give (or withdraw) the consent to withhold the open share payment from the first
    salary; 409 when no share payment waits."""
    async with unit_of_work():
        await existing_person(person_id, for_update=True)
        pending = await repository.open_share_request(person_id, for_update=True)
        if pending is None:
            raise Problem(409, "no_share_payment_pending")
        if (pending.withhold_consent_at is not None) != consent:
            await repository.update_share_purchase(
                pending.id, withhold_consent_at=NOW if consent else None,
                withhold_consent_ip=ip if consent else None)
            await record(actor_id=person_id,
                         action="share.withholding_consented" if consent
                         else "share.withholding_withdrawn",
                         object_type="share_purchase", object_id=pending.id,
                         before={"consent": not consent}, after={"consent": consent, "ip": ip})
    return await membership(person_id)


async def _settle(purchase: SharePurchaseRow, *, via: str, actor: uuid.UUID | None,
                  **reference: uuid.UUID) -> SharePurchaseRow:
    paid = await repository.update_share_purchase(
        purchase.id, status="paid", paid_at=NOW, paid_via=via, **reference)
    await record(actor_id=actor, action="share.paid", object_type="share_purchase",
                 object_id=purchase.id, before={"status": purchase.status},
                 after={"status": "paid", "via": via, "amountCents": purchase.amount_cents,
                        **{k: str(v) for k, v in reference.items()}})
    return paid


async def pay_share_by_bank(digits: str, amount_cents: int, movement_id: uuid.UUID | None,
                            actor: uuid.UUID | None) -> tuple[SharePurchaseRow | None, str | None]:
    """A bank credit whose structured communication (12 ``digits``) may be a share's, inside the
    caller's transaction: (the share, now paid, None); (None, reason) when it is a share's
    communication but cannot settle it (``share_amount_mismatch``, ``share_not_open``);
    (None, None) when it is no share's."""
    purchase = await repository.share_request_by_communication(digits, for_update=True)
    if purchase is None:
        return None, None
    if purchase.status != "requested":
        return None, "share_not_open"
    if amount_cents != purchase.amount_cents:
        return None, "share_amount_mismatch"
    return await _settle(purchase, via="bank", actor=actor, bank_movement=movement_id), None


async def withhold_share(person_id: uuid.UUID, salary_id: uuid.UUID, payout_cents: int,
                         actor: uuid.UUID | None) -> int:
    """The salary run, inside its transaction: the cents withheld from this salary for the
    person's open share payment, when they consented and the transfer covers it (else 0)."""
    pending = await repository.open_share_request(person_id, for_update=True)
    if pending is None or pending.withhold_consent_at is None \
            or payout_cents <= pending.amount_cents:
        return 0
    await _settle(pending, via="salary", actor=actor, salary=salary_id)
    return pending.amount_cents


async def check_can_perform(person_id: uuid.UUID) -> None:
    """409 ``share_required`` when a person without a paid share used up the performances
    allowed without one (three, seeds 002:183; domain.md section 3). Members are never
    limited."""
    if await repository.shares_paid(person_id) > 0:
        return
    _refuse_over_limit(await repository.performances_without_share(person_id))


def _refuse_over_limit(done: int) -> None:
    if done >= performance_limit():
        raise Problem(409, "share_required", count=done,
                      price=_euros(share_price_cents("A", validation.today())))


async def record_performance(person_id: uuid.UUID, reference: str,
                             standing: StandingRow | None = None) -> PerformanceRow:
    """Count a performance toward the rule, inside the caller's transaction.

    The person row is locked so two concurrent jobs cannot both be the third one; the rule is
    checked again here (``share_required``). Recording the same reference twice is a no-op.
    ``standing``: already read by the caller in this transaction, with the person's row
    locked (``repository.standing_columns``); else read here.
    """
    async with unit_of_work():
        if standing is None:
            standing = await repository.performance_standing(person_id, reference)
        if standing is None:  # as existing_person: a token for a person no longer there
            raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
        if standing.recorded:
            existing = await repository.performance_by_reference(reference)
            if existing.person != person_id:
                raise ValueError(f"performance {reference!r} belongs to another person")
            return existing
        with_share = standing.shares > 0
        if not with_share:
            _refuse_over_limit(standing.without_share)
        performance = await repository.insert_performance(
            person_id=person_id, reference=reference, with_share=with_share, at=standing.at)
        await record(actor_id=person_id, action="performance.recorded",
                     object_type="performance", object_id=performance.id,
                     after={"reference": reference, "with_share": with_share})
        return performance

