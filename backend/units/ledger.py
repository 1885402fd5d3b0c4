"""The unit's double-entry ledger: post, reverse, and read balances derived from the journal only.

Every economic act is booked at once (domain.md §5): the QuickJob, invoicing, payroll and
back-office services call ``post_entry`` inside their own ``unit_of_work()`` (the call joins
it), so the act and its booking commit or roll back together.

Rules (see ``backend.units.accounts`` for the chart and the usual bookings):
* lines are ``(account, amount_cents)``, debit positive, credit negative, integer cents, never 0;
  an entry has at least two lines and sums to zero. The database re-checks the sum at commit
  and refuses any UPDATE/DELETE: a booking is never changed, only reversed.
* ``reverse_entry`` posts the mirror entry (every line negated, ``reverses`` set). An entry is
  reversed at most once (409 ``already_reversed``; also a UNIQUE constraint), and **a reversal
  cannot itself be reversed** (409 ``cannot_reverse_reversal``): to undo a wrong reversal, post
  the original lines again as a new entry. This keeps the history a simple list of
  "booking, and maybe its cancellation" that a worker can read without accounting knowledge.
* every posting and reversal is audited (``journal_entry`` ``post`` / ``reverse``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

import asyncpg

from backend.audit.service import record
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, FieldError, Invalid, NotFound
from backend.platform.formatting import format_money
from backend.platform.i18n import t
from backend.units import repository as repo
from backend.units.accounts import CHART, Account, balance_effect, is_known, natural
from backend.units.rows import EntryRef, EntryRow

# The kinds other services post; any lower_snake_case kind is accepted, these get a title.
KINDS = (
    "invoice", "credit_note", "client_payment", "cash_collection", "contribution", "expense",
    "expense_refund", "labour_cost", "salary_paid", "guarantee_advance", "guarantee_settled",
    "correction", "reversal",
)
REVERSAL = "reversal"
MAX_LINE_CENTS = 10**13  # 100 billion euro: anything above is a bug, and it keeps sums in bigint
MAX_REFERENCE = 80
MAX_DESCRIPTION = 500
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

Line = tuple[str, int]


def validate_lines(lines: object) -> list[Line]:
    """The lines as ``[(account, cents)]``, or ``Invalid`` listing every bad line."""
    if not isinstance(lines, (list, tuple)) or len(lines) < 2:
        raise Invalid(errors=[FieldError("lines", "ledger_too_few_lines")])
    errors: list[FieldError] = []
    clean: list[Line] = []
    for i, line in enumerate(lines):
        if not isinstance(line, (list, tuple)) or len(line) != 2:
            errors.append(FieldError(f"lines[{i}]", "invalid_value"))
            continue
        account, amount = line
        if not is_known(account):
            errors.append(FieldError(f"lines[{i}].account", "ledger_account_unknown"))
        if isinstance(amount, bool) or not isinstance(amount, int):
            errors.append(FieldError(f"lines[{i}].amountCents", "ledger_amount_not_cents"))
            continue
        if amount == 0:
            errors.append(FieldError(f"lines[{i}].amountCents", "ledger_amount_zero"))
        elif abs(amount) > MAX_LINE_CENTS:
            errors.append(FieldError(f"lines[{i}].amountCents", "ledger_amount_too_large"))
        clean.append((str(account), int(amount)))
    if errors:
        raise Invalid(errors=errors)
    total = sum(amount for _, amount in clean)
    if total != 0:
        raise Invalid(errors=[FieldError("lines", "ledger_unbalanced", {"total": total})])
    return clean


def _validate_header(kind: object, description: object, effective_date: object,
                     reference: object) -> None:
    errors: list[FieldError] = []
    if not isinstance(kind, str) or not _KIND.match(kind):
        errors.append(FieldError("kind", "ledger_kind_invalid"))
    if (not isinstance(description, str) or not description.strip()
            or len(description) > MAX_DESCRIPTION):
        errors.append(FieldError("description", "ledger_description_required"))
    if isinstance(effective_date, dt.datetime) or not isinstance(effective_date, dt.date):
        errors.append(FieldError("effectiveDate", "ledger_date_invalid"))
    if reference is not None and (not isinstance(reference, str)
                                  or len(reference) > MAX_REFERENCE):
        errors.append(FieldError("reference", "ledger_reference_too_long",
                                 {"max": MAX_REFERENCE}))
    if errors:
        raise Invalid(errors=errors)


async def _open_unit(unit_id: uuid.UUID) -> None:
    status = await repo.lock_unit_for_posting(unit_id)
    if status is None:
        raise Invalid(errors=[FieldError("unitId", "unit_unknown")])
    if status != "open":
        raise Conflict("unit_closed")


def _snapshot(entry: EntryRow, lines: list[Line]) -> dict:
    return {
        "unit": entry.unit, "seq": entry.seq, "kind": entry.kind,
        "description": entry.description, "reference": entry.reference,
        "effective_date": entry.effective_date, "reverses": entry.reverses,
        "lines": [[account, amount] for account, amount in lines],
    }


async def post_entry(unit_id: uuid.UUID, kind: str, description: str, lines: list[Line],
                     effective_date: dt.date, reference: str | None = None,
                     actor_id: uuid.UUID | None = None) -> uuid.UUID:
    """Book one balanced entry on a unit; returns its id. Joins the caller's transaction.

    Raises ``Invalid`` (field errors on ``lines[i].account``, ``lines[i].amountCents``,
    ``lines``, ``kind``, ``description``, ``effectiveDate``, ``reference``, ``unitId``) or
    ``Conflict`` ``unit_closed``.
    """
    _validate_header(kind, description, effective_date, reference)
    clean = validate_lines(lines)
    if kind == REVERSAL:
        raise Invalid(errors=[FieldError("kind", "ledger_kind_invalid")])
    async with unit_of_work():
        await _open_unit(unit_id)
        entry = await repo.insert_entry(uuid.uuid4(), unit_id, kind, description.strip(),
                                        reference, effective_date, None, actor_id)
        await repo.insert_lines(entry.id, unit_id, clean)
        await record(actor_id=actor_id, action="post", object_type="journal_entry",
                     object_id=entry.id, after=_snapshot(entry, clean))
    return entry.id


async def reverse_entry(entry_id: uuid.UUID, actor_id: uuid.UUID | None, reason: str,
                        effective_date: dt.date | None = None) -> uuid.UUID:
    """Cancel an entry by posting its mirror (lines negated, ``reverses`` set); returns its id.

    ``effective_date`` defaults to today. ``NotFound`` ``ledger_entry_not_found``,
    ``Conflict`` ``already_reversed`` or ``cannot_reverse_reversal``, ``Invalid`` when
    ``reason`` is empty.
    """
    if not isinstance(reason, str) or not reason.strip() or len(reason) > MAX_DESCRIPTION:
        raise Invalid(errors=[FieldError("reason", "ledger_reason_required")])
    effective_date = effective_date or dt.date.today()
    _validate_header(REVERSAL, reason, effective_date, None)
    async with unit_of_work():
        original = await repo.get_entry(entry_id)
        if original is None:
            raise NotFound("ledger_entry_not_found")
        if original.reverses is not None:
            raise Conflict("cannot_reverse_reversal")
        if original.reversed_by is not None:
            raise Conflict("already_reversed")
        await _open_unit(original.unit)
        lines = [(r.account, -r.amount_cents) for r in await repo.lines_of([entry_id])]
        try:
            entry = await repo.insert_entry(uuid.uuid4(), original.unit, REVERSAL,
                                            reason.strip(), original.reference,
                                            effective_date, entry_id, actor_id)
        except asyncpg.UniqueViolationError as exc:  # a concurrent reversal won the race
            raise Conflict("already_reversed") from exc
        await repo.insert_lines(entry.id, original.unit, lines)
        await record(actor_id=actor_id, action="reverse", object_type="journal_entry",
                     object_id=entry_id, before={"reversed_by": None},
                     after={"reversed_by": entry.id, "reversal": _snapshot(entry, lines)})
    return entry.id


# --- reading ----------------------------------------------------------------------------------


async def entry_by_reference(unit_id: uuid.UUID, reference: str) -> uuid.UUID | None:
    """The id of the latest original entry (never a reversal) booked under ``reference``."""
    async with unit_of_work():
        return await repo.entry_by_reference(unit_id, reference)


@dataclass(frozen=True)
class Totals:
    """Per-account natural amounts of one unit (0 for accounts never used) and its balance."""

    accounts: dict[str, int]

    def __getitem__(self, code: str) -> int:
        return self.accounts[code]

    @property
    def balance(self) -> int:
        """turnover + other income - contribution - expenses - labour cost - other costs."""
        income = self[Account.TURNOVER] + self[Account.OTHER_INCOME]
        costs = (self[Account.CONTRIBUTION] + self[Account.EXPENSES] + self[Account.LABOUR_COST]
                 + self[Account.OTHER_EXPENSE])
        return income - costs


async def balance(unit_id: uuid.UUID) -> int:
    """What the unit still has available, in cents: −(sum of its income and expense lines)."""
    async with unit_of_work():
        return await repo.balance(unit_id)


async def totals(unit_id: uuid.UUID) -> Totals:
    """Sum per account (natural sign: assets/expenses as debits, liabilities/income as credits)."""
    async with unit_of_work():
        raw = await repo.account_sums(unit_id)
    return Totals({code.value: natural(code.value, raw.get(code.value, 0)) for code in CHART})


# --- plain-language view (000:617) ------------------------------------------------------------


def explain(entry: EntryRow, lines: list[Line], lang: str,
            reversed_entry: EntryRef | None = None) -> str:
    """One entry in plain words, in ``lang``: what happened, then the effect on the balance.

    ``reversed_entry`` (``seq``, ``effective_date``) is the entry a reversal cancels.
    """
    kind = entry.kind if entry.kind in KINDS else "other"
    parts = [t("ledger.title", lang, title=t(f"ledger.kind.{kind}", lang))]
    if entry.kind == REVERSAL and reversed_entry is not None:
        parts.append(t("ledger.reversal", lang, seq=reversed_entry.seq,
                       date=reversed_entry.effective_date.isoformat(),
                       reason=entry.description))
    else:
        for account, amount in lines:
            value = natural(account, amount)
            direction = "up" if value > 0 else "down"
            parts.append(t(f"ledger.line.{account}.{direction}", lang,
                           amount=format_money(abs(value), lang)))
    effect = balance_effect(lines)
    if effect > 0:
        parts.append(t("ledger.effect.up", lang, amount=format_money(effect, lang)))
    elif effect < 0:
        parts.append(t("ledger.effect.down", lang, amount=format_money(-effect, lang)))
    else:
        parts.append(t("ledger.effect.none", lang))
    if entry.reversed_by is not None:
        parts.append(t("ledger.reversed", lang))
    return " ".join(parts)
