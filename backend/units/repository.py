"""Every SQL query of units and their ledger. No transaction handling here: services own it."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.platform.db import fetch
from backend.units.accounts import BALANCE_ACCOUNTS

# --- reference data ---------------------------------------------------------------------------


async def insert_legal_entity_if_missing(row: dict) -> bool:
    rows = await fetch(
        "INSERT INTO legal_entity (id, name, country, vat_number, company_number, address, iban, "
        "bic) VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (id) DO NOTHING RETURNING id",
        row["id"], row["name"], row["country"], row["vat_number"], row["company_number"],
        row["address"], row["iban"], row["bic"],
    )
    return bool(rows)


async def insert_office_if_missing(row: dict) -> bool:
    rows = await fetch(
        "INSERT INTO office (id, name, city) VALUES ({}, {}, {}) "
        "ON CONFLICT (id) DO NOTHING RETURNING id",
        row["id"], row["name"], row["city"],
    )
    return bool(rows)


async def get_legal_entity(entity_id: str) -> dict | None:
    rows = await fetch(
        "SELECT id, name, country, vat_number, company_number, address, iban, bic "
        "FROM legal_entity WHERE id = {}", entity_id)
    return rows[0] if rows else None


async def legal_entity_exists(entity_id: str) -> bool:
    return bool(await fetch("SELECT 1 FROM legal_entity WHERE id = {}", entity_id))


async def office_exists(office_id: str) -> bool:
    return bool(await fetch("SELECT 1 FROM office WHERE id = {}", office_id))


async def existing_person_ids(person_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    rows = await fetch("SELECT id FROM person WHERE id = ANY({}::uuid[])", person_ids)
    return {r["id"] for r in rows}


async def person(person_id: uuid.UUID) -> dict | None:
    rows = await fetch(
        "SELECT id, first_name, last_name, role FROM person WHERE id = {}", person_id)
    return rows[0] if rows else None


# --- units ------------------------------------------------------------------------------------

_UNIT_COLUMNS = "u.id, u.name, u.mode, u.legal_entity, u.office, u.personal, u.status, u.created_at"


async def insert_unit(unit_id: uuid.UUID, name: str, mode: str, legal_entity: str,
                      office: str | None, personal: bool) -> dict:
    rows = await fetch(
        "INSERT INTO unit (id, name, mode, legal_entity, office, personal) "
        "VALUES ({}, {}, {}, {}, {}, {}) "
        "RETURNING id, name, mode, legal_entity, office, personal, status, created_at",
        unit_id, name, mode, legal_entity, office, personal,
    )
    return rows[0]


async def insert_holder(unit_id: uuid.UUID, person_id: uuid.UUID, since: dt.date) -> dict:
    rows = await fetch(
        "INSERT INTO unit_holder (id, unit, person, since) VALUES ({}, {}, {}, {}) "
        "RETURNING id, unit, person, since",
        uuid.uuid4(), unit_id, person_id, since,
    )
    return rows[0]


async def lock_person_units(person_id: uuid.UUID) -> None:
    """Serialise find-or-create of a person's personal unit (held until the transaction ends)."""
    await fetch("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))",
                f"personal-unit:{person_id}")


async def find_personal_unit(person_id: uuid.UUID, legal_entity: str) -> dict | None:
    rows = await fetch(
        f"SELECT {_UNIT_COLUMNS} FROM unit u JOIN unit_holder h ON h.unit = u.id "
        "WHERE h.person = {} AND u.personal AND u.mode = '3in1' AND u.legal_entity = {} "
        "AND u.status = 'open' ORDER BY u.created_at, u.id LIMIT 1",
        person_id, legal_entity,
    )
    return rows[0] if rows else None


async def get_unit(unit_id: uuid.UUID) -> dict | None:
    rows = await fetch(
        f"SELECT {_UNIT_COLUMNS}, le.name AS legal_entity_name FROM unit u "
        "JOIN legal_entity le ON le.id = u.legal_entity WHERE u.id = {}",
        unit_id,
    )
    return rows[0] if rows else None


async def is_holder(unit_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    return bool(await fetch(
        "SELECT 1 FROM unit_holder WHERE unit = {} AND person = {}", unit_id, person_id))


async def holders(unit_id: uuid.UUID) -> list[dict]:
    return await fetch(
        "SELECT p.id AS person_id, p.first_name, p.last_name, h.since FROM unit_holder h "
        "JOIN person p ON p.id = h.person WHERE h.unit = {} ORDER BY h.since, p.id",
        unit_id,
    )


async def list_units(holder: uuid.UUID | None, after: tuple[dt.datetime, uuid.UUID] | None,
                     limit: int) -> list[dict]:
    """Units ordered by (created_at, id), with their balance; ``holder`` None means all."""
    after_at, after_id = after if after else (None, None)
    return await fetch(
        f"SELECT {_UNIT_COLUMNS}, "
        "coalesce((SELECT -sum(l.amount_cents) FROM journal_line l "
        "          WHERE l.unit = u.id AND l.account = ANY({}::text[])), 0)::bigint AS balance "
        "FROM unit u "
        "WHERE ({}::uuid IS NULL OR EXISTS (SELECT 1 FROM unit_holder h "
        "                                   WHERE h.unit = u.id AND h.person = {}::uuid)) "
        "AND ({}::timestamptz IS NULL OR (u.created_at, u.id) > ({}::timestamptz, {}::uuid)) "
        "ORDER BY u.created_at, u.id LIMIT {}",
        list(BALANCE_ACCOUNTS), holder, holder, after_at, after_at, after_id, limit,
    )


# --- ledger -----------------------------------------------------------------------------------


async def lock_unit_for_posting(unit_id: uuid.UUID) -> dict | None:
    """The unit row, share-locked so it cannot be closed while an entry is being posted."""
    rows = await fetch("SELECT id, status FROM unit WHERE id = {} FOR SHARE", unit_id)
    return rows[0] if rows else None


async def insert_entry(entry_id: uuid.UUID, unit_id: uuid.UUID, kind: str, description: str,
                       reference: str | None, effective_date: dt.date,
                       reverses: uuid.UUID | None, created_by: uuid.UUID | None) -> dict:
    rows = await fetch(
        "INSERT INTO journal_entry (id, unit, kind, description, reference, effective_date, "
        "reverses, created_by) VALUES ({}, {}, {}, {}, {}, {}, {}, {}) "
        "RETURNING id, seq, unit, kind, description, reference, effective_date, reverses, "
        "created_by, created_at",
        entry_id, unit_id, kind, description, reference, effective_date, reverses, created_by,
    )
    return rows[0]


async def insert_lines(entry_id: uuid.UUID, unit_id: uuid.UUID,
                       lines: list[tuple[str, int]]) -> None:
    await fetch(
        "INSERT INTO journal_line (entry, unit, account, amount_cents) "
        "SELECT {}, {}, account, amount FROM unnest({}::text[], {}::bigint[]) "
        "WITH ORDINALITY AS t(account, amount, n) ORDER BY n",
        entry_id, unit_id, [a for a, _ in lines], [c for _, c in lines],
    )


_ENTRY_COLUMNS = ("e.id, e.seq, e.unit, e.kind, e.description, e.reference, e.effective_date, "
                  "e.reverses, e.created_by, e.created_at, "
                  "(SELECT r.id FROM journal_entry r WHERE r.reverses = e.id) AS reversed_by")


async def get_entry(entry_id: uuid.UUID) -> dict | None:
    rows = await fetch(f"SELECT {_ENTRY_COLUMNS} FROM journal_entry e WHERE e.id = {{}}",
                       entry_id)
    return rows[0] if rows else None


async def entry_by_reference(unit_id: uuid.UUID, reference: str) -> uuid.UUID | None:
    """The latest entry (not a reversal) of a unit booked under ``reference``."""
    rows = await fetch(
        "SELECT id FROM journal_entry WHERE unit = {} AND reference = {} AND reverses IS NULL "
        "ORDER BY seq DESC LIMIT 1",
        unit_id, reference,
    )
    return rows[0]["id"] if rows else None


async def entries_by_ids(entry_ids: list[uuid.UUID]) -> list[dict]:
    return await fetch(
        "SELECT id, seq, effective_date FROM journal_entry WHERE id = ANY({}::uuid[])", entry_ids)


async def list_entries(unit_id: uuid.UUID, before_seq: int | None, limit: int) -> list[dict]:
    """A unit's entries, newest first (by posting order ``seq``)."""
    return await fetch(
        f"SELECT {_ENTRY_COLUMNS} FROM journal_entry e "
        "WHERE e.unit = {} AND ({}::bigint IS NULL OR e.seq < {}::bigint) "
        "ORDER BY e.seq DESC LIMIT {}",
        unit_id, before_seq, before_seq, limit,
    )


async def lines_of(entry_ids: list[uuid.UUID]) -> list[dict]:
    return await fetch(
        "SELECT entry, account, amount_cents FROM journal_line WHERE entry = ANY({}::uuid[]) "
        "ORDER BY entry, id",
        entry_ids,
    )


async def account_sums(unit_id: uuid.UUID) -> dict[str, int]:
    """Raw (debit +, credit -) sum per account of one unit."""
    rows = await fetch(
        "SELECT account, sum(amount_cents)::bigint AS total FROM journal_line WHERE unit = {} "
        "GROUP BY account",
        unit_id,
    )
    return {r["account"]: r["total"] for r in rows}


async def balance(unit_id: uuid.UUID) -> int:
    rows = await fetch(
        "SELECT coalesce(-sum(amount_cents), 0)::bigint AS balance FROM journal_line "
        "WHERE unit = {} AND account = ANY({}::text[])",
        unit_id, list(BALANCE_ACCOUNTS),
    )
    return rows[0]["balance"]
