"""Every query of units and their ledger, through Piccolo's query builder with typed rows
(``rows.py``). No transaction handling here: services own it."""

from __future__ import annotations

import datetime as dt
import uuid

from piccolo.query.functions.aggregate import Sum
from piccolo.query.methods.select import Select

from backend.people.tables import Person
from backend.platform.db import fetch, new_row, row, rows
from backend.units.accounts import BALANCE_ACCOUNTS
from backend.units.rows import (
    EntryRef,
    EntryRow,
    HolderRow,
    LegalEntityRow,
    LineRow,
    PersonRef,
    UnitBalanceRow,
    UnitDetailRow,
    UnitRow,
)
from backend.units.tables import JournalEntry, JournalLine, LegalEntity, Office, Unit, UnitHolder

# --- reference data ---------------------------------------------------------------------------


async def insert_legal_entity_if_missing(values: dict) -> bool:
    inserted = await LegalEntity.insert(new_row(LegalEntity, **values)) \
        .on_conflict(target=LegalEntity.id, action="DO NOTHING").returning(LegalEntity.id)
    return bool(inserted)


async def insert_office_if_missing(values: dict) -> bool:
    inserted = await Office.insert(new_row(Office, **values)) \
        .on_conflict(target=Office.id, action="DO NOTHING").returning(Office.id)
    return bool(inserted)


async def get_legal_entity(entity_id: str) -> LegalEntityRow | None:
    return await row(LegalEntity.select().where(LegalEntity.id == entity_id), LegalEntityRow)


async def legal_entity_exists(entity_id: str) -> bool:
    return await LegalEntity.exists().where(LegalEntity.id == entity_id)


async def office_exists(office_id: str) -> bool:
    return await Office.exists().where(Office.id == office_id)


async def existing_person_ids(person_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found = await Person.select(Person.id).where(Person.id.is_in(person_ids))
    return {r["id"] for r in found}


async def person(person_id: uuid.UUID) -> PersonRef | None:
    return await row(Person.select(Person.id, Person.first_name, Person.last_name, Person.role)
                     .where(Person.id == person_id), PersonRef)


# --- units ------------------------------------------------------------------------------------


async def insert_unit(unit_id: uuid.UUID, name: str, mode: str, legal_entity: str,
                      office: str | None, personal: bool) -> UnitRow:
    return await row(Unit.insert(new_row(Unit, id=unit_id, name=name, mode=mode,
                                         legal_entity=legal_entity, office=office,
                                         personal=personal)).returning(*Unit.all_columns()),
                     UnitRow)


async def insert_holders(unit_id: uuid.UUID, person_ids: list[uuid.UUID], since: dt.date) -> None:
    """The unit's holders in one INSERT."""
    await UnitHolder.insert(*(new_row(UnitHolder, id=uuid.uuid4(), unit=unit_id, person=p,
                                      since=since) for p in person_ids))


async def lock_person_units(person_id: uuid.UUID) -> None:
    """Serialise find-or-create of a person's personal unit (held until the transaction ends)."""
    # Raw SQL: a transaction-scoped advisory lock is a function call, not a table query.
    await fetch("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))",
                f"personal-unit:{person_id}")


def personal_unit_query(person_id: uuid.UUID, legal_entity: str, *columns) -> Select:
    """The person's open personal 3in1 unit at ``legal_entity`` (oldest first): the one
    definition, also composed into other contexts' queries as a subquery."""
    held = Unit.id.is_in(UnitHolder.select(UnitHolder.unit).where(UnitHolder.person == person_id))
    return Unit.select(*columns).where(
        held & (Unit.personal == True) & (Unit.mode == "3in1")  # noqa: E712
        & (Unit.legal_entity == legal_entity) & (Unit.status == "open")) \
        .order_by(Unit.created_at, Unit.id).limit(1)


async def find_personal_unit(person_id: uuid.UUID, legal_entity: str) -> UnitRow | None:
    return await row(personal_unit_query(person_id, legal_entity), UnitRow)


async def get_unit(unit_id: uuid.UUID) -> UnitDetailRow | None:
    return await row(Unit.select(*Unit.all_columns(),
                                 Unit.legal_entity.name.as_alias("legal_entity_name"))
                     .where(Unit.id == unit_id), UnitDetailRow)


async def is_holder(unit_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    return await UnitHolder.exists().where((UnitHolder.unit == unit_id)
                                           & (UnitHolder.person == person_id))


async def holders(unit_id: uuid.UUID) -> list[HolderRow]:
    return await rows(UnitHolder.select(
        UnitHolder.person.as_alias("person_id"),
        UnitHolder.person.first_name.as_alias("first_name"),
        UnitHolder.person.last_name.as_alias("last_name"), UnitHolder.since,
    ).where(UnitHolder.unit == unit_id).order_by(UnitHolder.since, UnitHolder.person), HolderRow)


async def list_units(holder: uuid.UUID | None, after: tuple[dt.datetime, uuid.UUID] | None,
                     limit: int) -> list[UnitBalanceRow]:
    """Units ordered by (created_at, id), with their balance; ``holder`` None means all."""
    after_at, after_id = after if after else (None, None)
    # Raw SQL: each unit's balance is a correlated sum over its journal lines in the select list.
    found = await fetch(
        "SELECT u.id, u.name, u.mode, u.legal_entity, u.office, u.personal, u.status, "
        "u.created_at, coalesce((SELECT -sum(l.amount_cents) FROM journal_line l "
        "          WHERE l.unit = u.id AND l.account = ANY({}::text[])), 0)::bigint AS balance "
        "FROM unit u "
        "WHERE ({}::uuid IS NULL OR EXISTS (SELECT 1 FROM unit_holder h "
        "                                   WHERE h.unit = u.id AND h.person = {}::uuid)) "
        "AND ({}::timestamptz IS NULL OR (u.created_at, u.id) > ({}::timestamptz, {}::uuid)) "
        "ORDER BY u.created_at, u.id LIMIT {}",
        list(BALANCE_ACCOUNTS), holder, holder, after_at, after_at, after_id, limit,
    )
    return [UnitBalanceRow(**r) for r in found]


# --- ledger -----------------------------------------------------------------------------------


async def lock_unit_for_posting(unit_id: uuid.UUID) -> str | None:
    """The unit's status, the row share-locked so it cannot be closed while an entry is posted."""
    found = await Unit.select(Unit.status).where(Unit.id == unit_id).lock_rows("SHARE")
    return found[0]["status"] if found else None


async def insert_entry(entry_id: uuid.UUID, unit_id: uuid.UUID, kind: str, description: str,
                       reference: str | None, effective_date: dt.date,
                       reverses: uuid.UUID | None, created_by: uuid.UUID | None) -> EntryRow:
    return await row(JournalEntry.insert(new_row(
        JournalEntry, id=entry_id, unit=unit_id, kind=kind, description=description,
        reference=reference, effective_date=effective_date, reverses=reverses,
        created_by=created_by)).returning(*JournalEntry.all_columns()), EntryRow)


async def insert_lines(entry_id: uuid.UUID, unit_id: uuid.UUID,
                       lines: list[tuple[str, int]]) -> None:
    """The entry's lines in one INSERT, in their order."""
    await JournalLine.insert(*(new_row(JournalLine, entry=entry_id, unit=unit_id, account=account,
                                       amount_cents=amount) for account, amount in lines))


# Raw SQL: ``reversed_by`` is the other side of the self-reference (the entry whose
# ``reverses`` is this one), a correlated subquery Piccolo's joins cannot follow.
_ENTRY_COLUMNS = ("e.id, e.seq, e.unit, e.kind, e.description, e.reference, e.effective_date, "
                  "e.reverses, e.created_by, e.created_at, "
                  "(SELECT r.id FROM journal_entry r WHERE r.reverses = e.id) AS reversed_by")


async def get_entry(entry_id: uuid.UUID) -> EntryRow | None:
    found = await fetch(f"SELECT {_ENTRY_COLUMNS} FROM journal_entry e WHERE e.id = {{}}",
                        entry_id)
    return EntryRow(**found[0]) if found else None


async def entry_by_reference(unit_id: uuid.UUID, reference: str) -> uuid.UUID | None:
    """The latest entry (not a reversal) of a unit booked under ``reference``."""
    found = await JournalEntry.select(JournalEntry.id).where(
        (JournalEntry.unit == unit_id) & (JournalEntry.reference == reference)
        & JournalEntry.reverses.is_null()).order_by(JournalEntry.seq, ascending=False).limit(1)
    return found[0]["id"] if found else None


async def entries_by_ids(entry_ids: list[uuid.UUID]) -> list[EntryRef]:
    if not entry_ids:
        return []
    return await rows(JournalEntry.select(JournalEntry.id, JournalEntry.seq,
                                          JournalEntry.effective_date)
                      .where(JournalEntry.id.is_in(entry_ids)), EntryRef)


async def list_entries(unit_id: uuid.UUID, before_seq: int | None, limit: int) -> list[EntryRow]:
    """A unit's entries, newest first (by posting order ``seq``)."""
    found = await fetch(
        f"SELECT {_ENTRY_COLUMNS} FROM journal_entry e "
        "WHERE e.unit = {} AND ({}::bigint IS NULL OR e.seq < {}::bigint) "
        "ORDER BY e.seq DESC LIMIT {}",
        unit_id, before_seq, before_seq, limit,
    )
    return [EntryRow(**r) for r in found]


async def lines_of(entry_ids: list[uuid.UUID]) -> list[LineRow]:
    if not entry_ids:
        return []
    return await rows(JournalLine.select(JournalLine.entry, JournalLine.account,
                                         JournalLine.amount_cents)
                      .where(JournalLine.entry.is_in(entry_ids))
                      .order_by(JournalLine.entry, JournalLine.id), LineRow)


async def account_sums(unit_id: uuid.UUID) -> dict[str, int]:
    """Raw (debit +, credit -) sum per account of one unit."""
    found = await JournalLine.select(JournalLine.account,
                                     Sum(JournalLine.amount_cents).as_alias("total")) \
        .where(JournalLine.unit == unit_id).group_by(JournalLine.account)
    return {r["account"]: int(r["total"]) for r in found}


async def balance(unit_id: uuid.UUID) -> int:
    found = await JournalLine.select(Sum(JournalLine.amount_cents).as_alias("total")).where(
        (JournalLine.unit == unit_id) & JournalLine.account.is_in(list(BALANCE_ACCOUNTS)))
    total = found[0]["total"] if found else None
    return -int(total or 0)
