"""The ledger service and the database's own guarantees, on a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import pytest

from backend.http.errors import problem_of
from backend.platform.db import fetch, unit_of_work
from backend.platform.errors import DomainError
from backend.units import ledger, service
from backend.units.accounts import CHART, CODES, Kind, natural
from tests.units.helpers import make_person

DAY = dt.date(2026, 3, 2)
INVOICE = [("receivable", 121000), ("turnover", -100000), ("vat_payable", -21000)]
CONTRIBUTION = [("contribution", 6500), ("cooperative_payable", -6500)]
PAYMENT = [("bank", 121000), ("receivable", -121000)]


@pytest.fixture
async def unit(db, clean_db):
    person = await make_person()
    return (await service.personal_unit_for(person)).id


def _codes(problem: DomainError) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in problem.errors]


async def test_post_entry_books_lines_and_audits(unit):
    actor = uuid.uuid4()
    entry_id = await ledger.post_entry(unit, "invoice", "Invoice 2026/000001", INVOICE, DAY,
                                       reference="invoice:1", actor_id=actor)
    rows = await fetch("SELECT account, amount_cents FROM journal_line WHERE entry = {} "
                       "ORDER BY id", entry_id)
    assert [(r["account"], r["amount_cents"]) for r in rows] == INVOICE
    entry = (await fetch("SELECT * FROM journal_entry WHERE id = {}", entry_id))[0]
    assert (entry["unit"], entry["kind"], entry["effective_date"], entry["reference"],
            entry["created_by"]) == (unit, "invoice", DAY, "invoice:1", actor)
    audit = await fetch("SELECT actor_id, action, after FROM audit_log "
                        "WHERE object_type = 'journal_entry' AND object_id = {}", str(entry_id))
    assert len(audit) == 1 and audit[0]["action"] == "post" and audit[0]["actor_id"] == actor
    assert '"turnover", -100000' in audit[0]["after"]


async def test_balance_and_totals_are_derived_from_the_journal(unit):
    await ledger.post_entry(unit, "invoice", "Invoice", INVOICE + CONTRIBUTION, DAY)
    await ledger.post_entry(unit, "client_payment", "Payment", PAYMENT, DAY)
    await ledger.post_entry(unit, "expense", "Train", [("expenses", 5000),
                                                       ("expense_refund_payable", -5000)], DAY)
    totals = await ledger.totals(unit)
    assert totals["turnover"] == 100000
    assert totals["contribution"] == 6500
    assert totals["expenses"] == 5000
    assert totals["receivable"] == 0
    assert totals["bank"] == 121000
    assert totals["vat_payable"] == 21000
    assert totals["labour_cost"] == 0
    assert await ledger.balance(unit) == totals.balance == 100000 - 6500 - 5000
    assets = sum(v for k, v in totals.accounts.items() if CHART[k].kind == Kind.ASSET)
    liabilities = sum(v for k, v in totals.accounts.items() if CHART[k].kind == Kind.LIABILITY)
    assert assets - liabilities == totals.balance


async def test_empty_unit_has_zero_everything(unit):
    assert await ledger.balance(unit) == 0
    totals = await ledger.totals(unit)
    assert set(totals.accounts) == CODES and not any(totals.accounts.values())


@pytest.mark.parametrize(("lines", "expected"), [
    ([("bank", 100)], [("lines", "ledger_too_few_lines")]),
    ([], [("lines", "ledger_too_few_lines")]),
    ([("bank", 100), ("turnover", -99)], [("lines", "ledger_unbalanced")]),
    ([("bank", 100), ("nonsense", -100)], [("lines[1].account", "ledger_account_unknown")]),
    ([("bank", 0), ("turnover", 0)], [("lines[0].amountCents", "ledger_amount_zero"),
                                      ("lines[1].amountCents", "ledger_amount_zero")]),
    ([("bank", 1.5), ("turnover", -1.5)], [("lines[0].amountCents", "ledger_amount_not_cents"),
                                           ("lines[1].amountCents", "ledger_amount_not_cents")]),
    ([("bank", True), ("turnover", -1)], [("lines[0].amountCents", "ledger_amount_not_cents")]),
    ([("bank", 10**14), ("turnover", -10**14)],
     [("lines[0].amountCents", "ledger_amount_too_large"),
      ("lines[1].amountCents", "ledger_amount_too_large")]),
    ([("bank", 100), "turnover"], [("lines[1]", "invalid_value")]),
])
async def test_post_entry_rejects_bad_lines(unit, lines, expected):
    with pytest.raises(DomainError) as caught:
        await ledger.post_entry(unit, "correction", "Bad", lines, DAY)
    assert problem_of(caught.value).status == 422
    assert _codes(caught.value) == expected
    assert await fetch("SELECT 1 FROM journal_entry") == []


async def test_post_entry_rejects_bad_header(unit):
    with pytest.raises(DomainError) as caught:
        await ledger.post_entry(unit, "Bad Kind", " ", PAYMENT, dt.datetime(2026, 1, 1),
                                reference="x" * 81)
    assert _codes(caught.value) == [("kind", "ledger_kind_invalid"),
                                    ("description", "ledger_description_required"),
                                    ("effectiveDate", "ledger_date_invalid"),
                                    ("reference", "ledger_reference_too_long")]
    with pytest.raises(DomainError) as caught:
        await ledger.post_entry(unit, "reversal", "Fake reversal", PAYMENT, DAY)
    assert _codes(caught.value) == [("kind", "ledger_kind_invalid")]


async def test_post_entry_on_unknown_or_closed_unit(unit):
    with pytest.raises(DomainError) as caught:
        await ledger.post_entry(uuid.uuid4(), "correction", "x", PAYMENT, DAY)
    assert _codes(caught.value) == [("unitId", "unit_unknown")]
    entry = await ledger.post_entry(unit, "client_payment", "Payment", PAYMENT, DAY)
    await fetch("UPDATE unit SET status = 'closed' WHERE id = {}", unit)
    with pytest.raises(DomainError) as caught:
        await ledger.post_entry(unit, "correction", "x", PAYMENT, DAY)
    assert (problem_of(caught.value).status, caught.value.code) == (409, "unit_closed")
    with pytest.raises(DomainError) as caught:
        await ledger.reverse_entry(entry, None, "wrong")
    assert (problem_of(caught.value).status, caught.value.code) == (409, "unit_closed")


async def test_reverse_entry_negates_once_and_not_a_reversal(unit):
    actor = uuid.uuid4()
    original = await ledger.post_entry(unit, "invoice", "Invoice", INVOICE, DAY,
                                       reference="invoice:9")
    reversal = await ledger.reverse_entry(original, actor, "Credit note CN2026/000001",
                                          effective_date=dt.date(2026, 3, 5))
    rows = await fetch("SELECT account, amount_cents FROM journal_line WHERE entry = {} "
                       "ORDER BY id", reversal)
    assert [(r["account"], r["amount_cents"]) for r in rows] == [(a, -c) for a, c in INVOICE]
    entry = (await fetch("SELECT * FROM journal_entry WHERE id = {}", reversal))[0]
    assert (entry["kind"], entry["reverses"], entry["reference"], entry["description"],
            entry["effective_date"]) == ("reversal", original, "invoice:9",
                                         "Credit note CN2026/000001", dt.date(2026, 3, 5))
    assert await ledger.balance(unit) == 0
    assert not any((await ledger.totals(unit)).accounts.values())

    with pytest.raises(DomainError) as caught:
        await ledger.reverse_entry(original, actor, "again")
    assert (problem_of(caught.value).status, caught.value.code) == (409, "already_reversed")
    with pytest.raises(DomainError) as caught:
        await ledger.reverse_entry(reversal, actor, "undo the undo")
    assert (problem_of(caught.value).status, caught.value.code) == (409, "cannot_reverse_reversal")
    with pytest.raises(DomainError) as caught:
        await ledger.reverse_entry(uuid.uuid4(), actor, "nothing")
    assert (problem_of(caught.value).status, caught.value.code) == (404, "ledger_entry_not_found")
    with pytest.raises(DomainError) as caught:
        await ledger.reverse_entry(original, actor, "  ")
    assert _codes(caught.value) == [("reason", "ledger_reason_required")]

    audit = await fetch("SELECT action, actor_id FROM audit_log WHERE object_type = "
                        "'journal_entry' AND object_id = {} ORDER BY id", str(original))
    assert [(a["action"], a["actor_id"]) for a in audit] == [("post", None), ("reverse", actor)]
    # the reference finds the original, never its reversal
    assert await ledger.entry_by_reference(unit, "invoice:9") == original
    assert await ledger.entry_by_reference(unit, "invoice:nope") is None


async def test_concurrent_reversals_only_one_wins(unit):
    import asyncio

    original = await ledger.post_entry(unit, "client_payment", "Payment", PAYMENT, DAY)
    results = await asyncio.gather(
        *[ledger.reverse_entry(original, None, f"try {i}") for i in range(4)],
        return_exceptions=True)
    wins = [r for r in results if isinstance(r, uuid.UUID)]
    losses = [r for r in results if isinstance(r, DomainError)]
    assert len(wins) == 1 and len(losses) == 3, results
    assert all(p.code == "already_reversed" for p in losses)
    assert await ledger.balance(unit) == 0


async def test_post_joins_the_callers_transaction(unit):
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with unit_of_work():
            await ledger.post_entry(unit, "invoice", "Invoice", INVOICE, DAY)
            raise Boom
    assert await fetch("SELECT 1 FROM journal_entry") == []
    assert await fetch("SELECT 1 FROM audit_log WHERE object_type = 'journal_entry'") == []


# --- the database itself refuses what the service would never do ------------------------------


@pytest.fixture
async def raw(settings):
    """A plain connection outside the app's pool, as a careless script or a psql user would use.

    (Not the pool: a COMMIT that fails in Piccolo's transaction leaks its pooled connection,
    see the report; the service never commits an unbalanced entry, only raw SQL does.)
    """
    conn = await asyncpg.connect(settings.database_url)
    yield conn
    await conn.close()


async def _raw_entry(conn, unit_id: uuid.UUID, lines: list[tuple[str, int]],
                     line_unit: uuid.UUID | None = None,
                     reverses: uuid.UUID | None = None) -> uuid.UUID:
    entry_id = uuid.uuid4()
    async with conn.transaction():
        await conn.execute("INSERT INTO journal_entry (id, unit, kind, description, "
                           "effective_date, reverses) VALUES ($1, $2, 'correction', 'raw', $3, $4)",
                           entry_id, unit_id, DAY, reverses)
        for account, amount in lines:
            await conn.execute("INSERT INTO journal_line (entry, unit, account, amount_cents) "
                               "VALUES ($1, $2, $3, $4)", entry_id, line_unit or unit_id, account,
                               amount)
    return entry_id


@pytest.mark.parametrize("lines", [
    [("bank", 100), ("turnover", -99)],
    [("bank", 100)],
    [],
])
async def test_database_rejects_unbalanced_entries_at_commit(unit, raw, lines):
    with pytest.raises(asyncpg.PostgresError) as caught:
        await _raw_entry(raw, unit, lines)
    assert "does not balance" in str(caught.value)
    assert await fetch("SELECT 1 FROM journal_entry") == []


async def test_database_rejects_unknown_accounts_and_zero_lines(unit, raw):
    with pytest.raises(asyncpg.CheckViolationError):
        await _raw_entry(raw, unit, [("bank", 100), ("nonsense", -100)])
    with pytest.raises(asyncpg.CheckViolationError):
        await _raw_entry(raw, unit, [("bank", 0), ("turnover", 0)])
    with pytest.raises(asyncpg.CheckViolationError):
        await raw.execute("INSERT INTO journal_entry (id, unit, kind, description, effective_date)"
                          " VALUES ($1, $2, 'Not A Kind', 'raw', $3)", uuid.uuid4(), unit, DAY)


async def test_database_keeps_lines_and_reversals_in_the_entry_unit(unit, raw):
    other = (await service.personal_unit_for(await make_person())).id
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await _raw_entry(raw, unit, [("bank", 100), ("turnover", -100)], line_unit=other)
    original = await _raw_entry(raw, unit, [("bank", 100), ("turnover", -100)])
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await _raw_entry(raw, other, [("bank", -100), ("turnover", 100)], reverses=original)
    await _raw_entry(raw, unit, [("bank", -100), ("turnover", 100)], reverses=original)
    with pytest.raises(asyncpg.UniqueViolationError):  # reversed at most once, even raw
        await _raw_entry(raw, unit, [("bank", -100), ("turnover", 100)], reverses=original)


@pytest.mark.parametrize("statement", [
    "UPDATE journal_line SET amount_cents = amount_cents * 2",
    "DELETE FROM journal_line",
    "UPDATE journal_entry SET description = 'changed'",
    "DELETE FROM journal_entry",
    "TRUNCATE journal_line CASCADE",
    "TRUNCATE journal_entry CASCADE",
])
async def test_database_refuses_to_change_or_delete_bookings(unit, raw, statement):
    await ledger.post_entry(unit, "client_payment", "Payment", PAYMENT, DAY)
    with pytest.raises(asyncpg.RaiseError) as caught:
        await raw.execute(statement)
    assert "append-only" in str(caught.value)
    assert len(await fetch("SELECT 1 FROM journal_line")) == 2


async def test_database_constraint_lists_exactly_the_chart(db):
    rows = await fetch("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint "
                       "WHERE conname = 'journal_line_account_known'")
    definition = rows[0]["def"]
    import re

    assert set(re.findall(r"'([a-z_]+)'", definition)) == CODES


def test_natural_signs():
    assert natural("turnover", -100) == 100
    assert natural("vat_payable", -21) == 21
    assert natural("bank", 50) == 50
    assert natural("contribution", 65) == 65
