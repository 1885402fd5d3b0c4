"""Property: any sequence of postings and reversals keeps the books consistent.

How it runs: pytest-asyncio drives Hypothesis' async ``@given`` tests itself (each example is
run to completion on the session event loop), so the examples use the real services and the
real pool, exactly as the QuickJob code does. No function-scoped fixture is used per example:
each example works on two fresh units of a fresh person, so examples never see each other's
bookings and no cleaning is needed between them. The checks compare the database with a plain
in-memory model of the same operations.
"""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.http.errors import problem_of
from backend.platform.db import fetch
from backend.platform.errors import DomainError
from backend.units import ledger, service
from backend.units.accounts import CHART, CODES, Kind, balance_effect
from tests.units.helpers import make_person

ACCOUNTS = sorted(CODES)
amounts = st.integers(min_value=1, max_value=10**9)


@st.composite
def balanced_lines(draw) -> list[tuple[str, int]]:
    """1-4 debit lines and one credit line closing them (signs flipped half of the time)."""
    debits = draw(st.lists(st.tuples(st.sampled_from(ACCOUNTS), amounts), min_size=1, max_size=4))
    closing = draw(st.sampled_from(ACCOUNTS))
    lines = [*debits, (closing, -sum(a for _, a in debits))]
    if draw(st.booleans()):
        lines = [(account, -amount) for account, amount in lines]
    return draw(st.permutations(lines))


@st.composite
def unbalanced_lines(draw) -> list[tuple[str, int]]:
    lines = list(draw(balanced_lines()))
    account, amount = lines[0]
    delta = draw(st.integers(min_value=1, max_value=1000))
    lines[0] = (account, amount + delta if amount + delta != 0 else amount + 2 * delta)
    return lines


operation = st.one_of(
    st.tuples(st.just("post"), st.integers(0, 1), balanced_lines()),
    st.tuples(st.just("post_bad"), st.integers(0, 1), unbalanced_lines()),
    st.tuples(st.just("reverse"), st.integers(0, 10**6), st.none()),
)


def model_totals(lines: list[tuple[str, int]]) -> dict[str, int]:
    raw = dict.fromkeys(ACCOUNTS, 0)
    for account, amount in lines:
        raw[account] += amount
    return raw


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.lists(operation, min_size=1, max_size=12))
async def test_postings_and_reversals_keep_every_unit_consistent(db, ops):
    person = await make_person()
    await service.ensure_reference_data()
    units = [
        (await service.personal_unit_for(person)).id,
        (await service.create_unit("Activity", "activity", "smart", [person])).id,
    ]
    posted: list[tuple[uuid.UUID, uuid.UUID, list[tuple[str, int]]]] = []  # entry, unit, lines
    is_reversal: set[uuid.UUID] = set()
    reversed_: set[uuid.UUID] = set()
    booked: dict[uuid.UUID, list[tuple[str, int]]] = {u: [] for u in units}

    for op, arg, lines in ops:
        if op == "post":
            entry = await ledger.post_entry(units[arg], "correction", "property", lines,
                                            dt.date(2026, 1, 1))
            posted.append((entry, units[arg], lines))
            booked[units[arg]].extend(lines)
        elif op == "post_bad":
            try:
                await ledger.post_entry(units[arg], "correction", "bad", lines,
                                        dt.date(2026, 1, 1))
                raise AssertionError("an unbalanced entry was accepted")
            except DomainError as problem:
                assert problem.errors[0].code == "ledger_unbalanced"
        elif posted:
            entry, unit, lines = posted[arg % len(posted)]
            try:
                reversal = await ledger.reverse_entry(entry, None, "property")
            except DomainError as problem:
                expected = ("cannot_reverse_reversal" if entry in is_reversal
                            else "already_reversed")
                assert problem_of(problem).status == 409 and problem.code == expected
                assert entry in is_reversal or entry in reversed_
                continue
            assert entry not in is_reversal and entry not in reversed_
            reversed_.add(entry)
            is_reversal.add(reversal)
            negated = [(account, -amount) for account, amount in lines]
            posted.append((reversal, unit, negated))
            booked[unit].extend(negated)

    # every entry in the database balances and has at least two lines
    rows = await fetch(
        "SELECT e.id, count(l.id) AS n, coalesce(sum(l.amount_cents), 0) AS total "
        "FROM journal_entry e LEFT JOIN journal_line l ON l.entry = e.id "
        "WHERE e.unit = ANY({}::uuid[]) GROUP BY e.id", units)
    assert len(rows) == len(posted)
    assert all(r["n"] >= 2 and r["total"] == 0 for r in rows)

    for unit in units:
        raw = model_totals(booked[unit])
        totals = await ledger.totals(unit)
        balance = await ledger.balance(unit)
        # per-account sums equal the model, in natural signs
        for code in ACCOUNTS:
            natural = raw[code] if CHART[code].kind in (Kind.ASSET, Kind.EXPENSE) else -raw[code]
            assert totals[code] == natural, code
        # the balance equals the sum of its lines, however it is computed
        assert balance == balance_effect(booked[unit]) == totals.balance
        assets = sum(totals[c] for c in ACCOUNTS if CHART[c].kind == Kind.ASSET)
        liabilities = sum(totals[c] for c in ACCOUNTS if CHART[c].kind == Kind.LIABILITY)
        assert assets - liabilities == balance
        # the whole journal of the unit sums to zero
        assert sum(raw.values()) == 0
