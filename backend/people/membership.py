"""Membership: cooperative shares, the usage agreement, and the three performances a person
may do without a share (seeds 002:183; domain.md section 3)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from pathlib import Path

from backend.audit.service import record
from backend.http.problems import FieldError, Problem
from backend.people import repository, validation
from backend.people.common import STAFF_ROLES, validation_problem
from backend.people.profile import existing_person
from backend.people.schemas import Membership, SharePurchaseOut
from backend.platform.db import unit_of_work

RULES_PATH = Path(__file__).with_name("membership_rules.json")


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


async def membership(person_id: uuid.UUID) -> Membership:
    await existing_person(person_id)
    purchases = await repository.share_purchases(person_id)
    total = sum(p["shares"] for p in purchases)
    agreement = await repository.latest_agreement(person_id)
    without = await repository.performances_without_share(person_id)
    limit = performance_limit()
    return Membership(
        is_member=total > 0,
        shares_total=total,
        category=purchases[-1]["category"] if purchases else None,
        purchases=[SharePurchaseOut(id=p["id"], shares=p["shares"], category=p["category"],
                                    amount_cents=p["amount_cents"],
                                    purchased_on=p["purchased_on"]) for p in purchases],
        share_price_cents=share_price_cents("A", validation.today()),
        agreement_version=agreement["version"] if agreement else None,
        agreement_accepted_at=agreement["accepted_at"] if agreement else None,
        current_agreement_version=current_agreement_version(),
        performances_without_share=without,
        performances_without_share_limit=limit,
        can_perform=total > 0 or without < limit,
    )


async def buy_shares(person_id: uuid.UUID, *, shares: int, category: str = "A") -> Membership:
    """Record a share subscription at today's price (payment itself is outside this service)."""
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
    async with unit_of_work():
        person = await existing_person(person_id, for_update=True)
        if category in rules["staffOnlyCategories"] and person["role"] not in STAFF_ROLES:
            raise validation_problem([FieldError("category", "share_category_not_allowed")])
        today = validation.today()
        price = share_price_cents(category, today)
        purchase = await repository.insert_share_purchase(
            person_id=person_id, shares=shares, category=category,
            amount_cents=price * shares, purchased_on=today)
        await record(actor_id=person_id, action="share.purchased", object_type="share_purchase",
                     object_id=purchase["id"], after=purchase)
        return await membership(person_id)


async def accept_usage_agreement(person_id: uuid.UUID, version: str) -> Membership:
    version = (version or "").strip()
    known = {r["version"] for r in membership_rules()["usageAgreementVersions"]}
    if version not in known:
        raise validation_problem([FieldError("version", "unknown_agreement_version",
                                              {"current": current_agreement_version()})])
    async with unit_of_work():
        await existing_person(person_id, for_update=True)
        accepted = await repository.insert_agreement(person_id=person_id, version=version)
        if accepted is not None:  # accepting the same version twice changes nothing
            await record(actor_id=person_id, action="usage_agreement.accepted",
                         object_type="usage_agreement", object_id=accepted["id"],
                         after={"version": version, "accepted_at": accepted["accepted_at"]})
        return await membership(person_id)


async def check_can_perform(person_id: uuid.UUID) -> None:
    """409 ``share_required`` when a person without a share used up the performances allowed
    without one (three, seeds 002:183; domain.md section 3). Members are never limited."""
    if await repository.shares_total(person_id) > 0:
        return
    _refuse_over_limit(await repository.performances_without_share(person_id))


def _refuse_over_limit(done: int) -> None:
    if done >= performance_limit():
        raise Problem(409, "share_required", count=done,
                      price=_euros(share_price_cents("A", validation.today())))


async def record_performance(person_id: uuid.UUID, reference: str) -> dict:
    """Count a performance toward the rule, inside the caller's transaction.

    The person row is locked so two concurrent jobs cannot both be the third one; the rule is
    checked again here (``share_required``). Recording the same reference twice is a no-op.
    """
    async with unit_of_work():
        standing = await repository.performance_standing(person_id, reference)
        if standing is None:  # as existing_person: a token for a person no longer there
            raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
        if standing["recorded"]:
            existing = await repository.performance_by_reference(reference)
            if existing["person"] != person_id:
                raise ValueError(f"performance {reference!r} belongs to another person")
            return existing
        with_share = standing["shares"] > 0
        if not with_share:
            _refuse_over_limit(standing["without_share"])
        row = await repository.insert_performance(person_id=person_id, reference=reference,
                                                  with_share=with_share)
        await record(actor_id=person_id, action="performance.recorded",
                     object_type="performance", object_id=row["id"], after=row)
        return row
