"""QuickJob policy (quote clauses, payment terms, review rules) as dated data: policy.json."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

POLICY_FILE = Path(__file__).with_name("policy.json")


@dataclass(frozen=True)
class Policy:
    valid_from: dt.date
    quote_validity_days: int
    deposit_percent: Decimal
    cancellation_fee_percent: Decimal
    notice_period_days: int
    accept_link_days: int
    payment_term_days: int
    reminder_days_after_due: tuple[int, ...]
    review_amount_threshold_cents: int
    risky_functions: tuple[str, ...]
    sectors_needing_conditions: dict[str, str]
    performances_without_share: int


@lru_cache(maxsize=1)
def _periods() -> tuple[Policy, ...]:
    doc = json.loads(POLICY_FILE.read_text())
    periods = []
    for p in doc["periods"]:
        q, inv, rv, mb = p["quote"], p["invoice"], p["review"], p["membership"]
        periods.append(Policy(
            valid_from=dt.date.fromisoformat(p["valid_from"]),
            quote_validity_days=int(q["validity_days"]["value"]),
            deposit_percent=Decimal(q["deposit_percent"]["value"]),
            cancellation_fee_percent=Decimal(q["cancellation_fee_percent"]["value"]),
            notice_period_days=int(q["notice_period_days"]["value"]),
            accept_link_days=int(q["accept_link_days"]["value"]),
            payment_term_days=int(inv["payment_term_days"]["value"]),
            reminder_days_after_due=tuple(int(d) for d in inv["reminder_days_after_due"]["value"]),
            review_amount_threshold_cents=int(rv["amount_threshold_cents"]["value"]),
            risky_functions=tuple(f.lower() for f in rv["risky_functions"]["value"]),
            sectors_needing_conditions=dict(rv["sectors_needing_conditions"]["value"]),
            performances_without_share=int(mb["performances_without_share"]["value"]),
        ))
    return tuple(sorted(periods, key=lambda p: p.valid_from))


def policy_on(day: dt.date) -> Policy:
    chosen = _periods()[0]
    for period in _periods():
        if period.valid_from <= day:
            chosen = period
    return chosen


def today() -> dt.date:
    """The flow's clock (one place to read it)."""
    return dt.date.today()
