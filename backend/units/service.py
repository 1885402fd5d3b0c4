"""Units: reference data, creating units, the worker's personal QuickJob unit, and the views.

Visibility: a worker sees only the units they hold; advisers and admins see every unit. A unit
the caller may not see answers 404 exactly like a unit that does not exist (no leak).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import uuid
from typing import Protocol

import msgspec

from backend.audit.service import record
from backend.documents.legal_entity import legal_entity as reference_entity
from backend.platform.db import unit_of_work
from backend.platform.errors import Forbidden, NotFound, invalid
from backend.platform.formatting import format_money
from backend.platform.i18n import t
from backend.units import ledger
from backend.units import repository as repo
from backend.units.accounts import CHART, balance_effect, label
from backend.units.rows import LegalEntityRow, PersonRef, UnitBalanceRow, UnitDetailRow, UnitRow
from backend.units.schemas import (
    HolderOut,
    LedgerEntryOut,
    LedgerLineOut,
    LedgerPage,
    UnitDetail,
    UnitList,
    UnitSummary,
    UnitTotals,
)

MODES = ("3in1", "activity")
MAX_NAME = 200
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
SMART = "smart"

# The legal entities come from the documents' reference data (name, seat, enterprise and VAT
# numbers: backend/documents/legal_entities.json, with sources), so the units, the SEPA files
# and every document name the entity the same way. IBAN and BIC stay empty until the real
# account is configured in the row: invoices refuse the demo account in production.
LEGAL_ENTITIES = tuple(reference_entity(entity_id).reference_row() for entity_id in (SMART,))

# Regional offices (seeds: Brussels, Liège "les Tanneurs", Tournai; "regiokantoren van
# Vlaanderen en Wallonië", 002:191). TO VERIFY: the current list of Smart offices.
OFFICES = (
    {"id": "brussels", "name": "Smart Brussel / Bruxelles", "city": "Bruxelles"},
    {"id": "antwerpen", "name": "Smart Antwerpen", "city": "Antwerpen"},
    {"id": "gent", "name": "Smart Gent", "city": "Gent"},
    {"id": "liege", "name": "Smart Liège", "city": "Liège"},
    {"id": "charleroi", "name": "Smart Charleroi", "city": "Charleroi"},
    {"id": "namur", "name": "Smart Namur", "city": "Namur"},
    {"id": "tournai", "name": "Smart Tournai", "city": "Tournai"},
)


class Viewer(Protocol):
    """Who is looking (``backend.http.context.Principal`` fits)."""

    id: uuid.UUID

    @property
    def is_staff(self) -> bool: ...


# --- reference data ---------------------------------------------------------------------------


async def ensure_reference_data() -> None:
    """Insert the legal entities and offices that are missing; idempotent, audits what it adds."""
    async with unit_of_work():
        for row in LEGAL_ENTITIES:
            if await repo.insert_legal_entity_if_missing(row):
                await record(actor_id=None, action="create", object_type="legal_entity",
                             object_id=row["id"], after=row)
        for row in OFFICES:
            if await repo.insert_office_if_missing(row):
                await record(actor_id=None, action="create", object_type="office",
                             object_id=row["id"], after=row)


async def legal_entity(entity_id: str) -> LegalEntityRow | None:
    """The legal entity row (name, VAT and company numbers, address, IBAN, BIC) or None."""
    async with unit_of_work():
        row = await repo.get_legal_entity(entity_id)
        if row is None and entity_id in {e["id"] for e in LEGAL_ENTITIES}:
            await ensure_reference_data()
            row = await repo.get_legal_entity(entity_id)
    return row


# --- creating units ---------------------------------------------------------------------------


async def create_unit(name: str, mode: str, legal_entity: str, holders: list[uuid.UUID],
                      office: str | None = None, personal: bool = False,
                      actor_id: uuid.UUID | None = None) -> UnitRow:
    """Open a unit with its holders (today); returns the unit row. Joins the caller's transaction.

    422 ``validation_failed`` on ``name``, ``mode``, ``legalEntity``, ``office``, ``holders``.
    """
    name = name.strip() if isinstance(name, str) else ""
    if not name or len(name) > MAX_NAME:
        raise invalid("name", "unit_name_invalid", max=MAX_NAME)
    if mode not in MODES:
        raise invalid("mode", "unit_mode_invalid")
    unique_holders = list(dict.fromkeys(holders or []))
    if not unique_holders:
        raise invalid("holders", "holders_required")
    async with unit_of_work():
        if not await repo.legal_entity_exists(legal_entity):
            raise invalid("legalEntity", "legal_entity_unknown")
        if office is not None and not await repo.office_exists(office):
            raise invalid("office", "office_unknown")
        known = await repo.existing_person_ids(unique_holders)
        for i, person_id in enumerate(unique_holders):
            if person_id not in known:
                raise invalid(f"holders[{i}]", "person_unknown")
        return await _open(name, mode, legal_entity, office, personal, unique_holders, actor_id)


async def _open(name: str, mode: str, legal_entity: str, office: str | None, personal: bool,
                holders: list[uuid.UUID], actor_id: uuid.UUID | None) -> UnitRow:
    """Insert a checked unit with its holders, audited."""
    unit = await repo.insert_unit(uuid.uuid4(), name, mode, legal_entity, office, personal)
    await repo.insert_holders(unit.id, holders, dt.date.today())
    await record(actor_id=actor_id, action="create", object_type="unit", object_id=unit.id,
                 after={**msgspec.structs.asdict(unit), "holders": [str(p) for p in holders]})
    return unit


def personal_unit_name(first_name: str | None, last_name: str | None) -> str:
    full = " ".join(part.strip() for part in (first_name, last_name) if part and part.strip())
    return f"{full} – QuickJob"[:MAX_NAME] if full else "QuickJob"


async def personal_unit_for(person_id: uuid.UUID, actor_id: uuid.UUID | None = None, *,
                            person: PersonRef | None = None) -> UnitRow:
    """The person's own 3in1 unit at Smart, created on first use; returns the unit row.

    Safe under concurrency (an advisory lock per person). Joins the caller's transaction.
    ``person``: the caller has just read them (their names name the unit).
    422 ``person_unknown`` on ``personId``.
    """
    async with unit_of_work():
        person = person or await repo.person(person_id)
        if person is None:
            raise invalid("personId", "person_unknown")
        await repo.lock_person_units(person_id)
        unit = await repo.find_personal_unit(person_id, SMART)
        if unit is not None:
            return unit
        if not await repo.legal_entity_exists(SMART):
            await ensure_reference_data()
        # The holder was just read and the name, mode and entity are ours: no more checks.
        return await _open(personal_unit_name(person.first_name, person.last_name).strip(), "3in1",
                           SMART, None, True, [person_id],
                           actor_id if actor_id is not None else person_id)


# --- cursors ----------------------------------------------------------------------------------


def encode_cursor(payload: dict) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict | None:
    if cursor is None:
        return None
    try:
        if len(cursor) > 200:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        if not isinstance(payload, dict):
            raise ValueError("not an object")
        return payload
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise invalid("cursor", "invalid_cursor") from exc


def check_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid("limit", "limit_out_of_range", min=1, max=MAX_LIMIT)
    return limit


def _unit_cursor(cursor: str | None) -> tuple[dt.datetime, uuid.UUID] | None:
    payload = decode_cursor(cursor)
    if payload is None:
        return None
    try:
        at = dt.datetime.fromisoformat(payload["t"])
        if at.tzinfo is None:
            raise ValueError("naive")
        return at, uuid.UUID(payload["i"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise invalid("cursor", "invalid_cursor") from exc


def _ledger_cursor(cursor: str | None) -> int | None:
    payload = decode_cursor(cursor)
    if payload is None:
        return None
    seq = payload.get("s")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 < seq < 2**63:
        raise invalid("cursor", "invalid_cursor")
    return seq


# --- views ------------------------------------------------------------------------------------


def _parse_id(unit_id: str | uuid.UUID) -> uuid.UUID:
    if isinstance(unit_id, uuid.UUID):
        return unit_id
    try:
        return uuid.UUID(unit_id)
    except (ValueError, TypeError, AttributeError) as exc:
        raise NotFound() from exc


async def _visible_unit(viewer: Viewer, unit_id: str | uuid.UUID) -> UnitDetailRow:
    uid = _parse_id(unit_id)
    unit = await repo.get_unit(uid)
    if unit is None or not (viewer.is_staff or await repo.is_holder(uid, viewer.id)):
        raise NotFound()
    return unit


async def units_of(person_id: uuid.UUID) -> list[UnitBalanceRow]:
    """Every unit a person holds (oldest first), each with ``balance`` in cents."""
    result: list[UnitBalanceRow] = []
    after = None
    async with unit_of_work():
        while True:
            rows = await repo.list_units(person_id, after, MAX_LIMIT)
            result.extend(rows)
            if len(rows) < MAX_LIMIT:
                return result
            after = (rows[-1].created_at, rows[-1].id)


async def list_units(viewer: Viewer, cursor: str | None = None, limit: int | None = None,
                     person_id: uuid.UUID | None = None) -> UnitList:
    """The viewer's units (all units for staff, or one person's with ``person_id``)."""
    size = check_limit(limit)
    after = _unit_cursor(cursor)
    if viewer.is_staff:
        holder = person_id
    elif person_id is None or person_id == viewer.id:
        holder = viewer.id
    else:
        raise Forbidden()
    async with unit_of_work():
        rows = await repo.list_units(holder, after, size + 1)
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = (encode_cursor({"t": rows[-1].created_at.isoformat(),
                                  "i": str(rows[-1].id)}) if more else None)
    return UnitList(
        items=[UnitSummary(id=r.id, name=r.name, mode=r.mode,
                           legal_entity=r.legal_entity, office=r.office,
                           personal=r.personal, status=r.status,
                           balance_cents=r.balance) for r in rows],
        next_cursor=next_cursor,
    )


async def get_unit(viewer: Viewer, unit_id: str | uuid.UUID, lang: str) -> UnitDetail:
    """One unit with balance, per-account totals and holders; 404 when not visible."""
    async with unit_of_work():
        unit = await _visible_unit(viewer, unit_id)
        sums = await ledger.totals(unit.id)
        balance = await ledger.balance(unit.id)
        holders = await repo.holders(unit.id)
    totals = UnitTotals(**{f"{code.value}_cents": sums[code] for code in CHART})
    money = {code.value: format_money(sums[code], lang) for code in CHART}
    return UnitDetail(
        id=unit.id, name=unit.name, mode=unit.mode, legal_entity=unit.legal_entity,
        legal_entity_name=unit.legal_entity_name, office=unit.office,
        personal=unit.personal, status=unit.status, created_at=unit.created_at,
        balance_cents=balance, totals=totals,
        summary=t("unit.summary", lang, balance=format_money(balance, lang), **money),
        holders=[HolderOut(person_id=h.person_id, first_name=h.first_name,
                           last_name=h.last_name, since=h.since) for h in holders],
    )


async def ledger_page(viewer: Viewer, unit_id: str | uuid.UUID, lang: str,
                      cursor: str | None = None, limit: int | None = None) -> LedgerPage:
    """A unit's journal, newest first, each entry explained in plain words in ``lang``."""
    size = check_limit(limit)
    before = _ledger_cursor(cursor)
    async with unit_of_work():
        unit = await _visible_unit(viewer, unit_id)
        entries = await repo.list_entries(unit.id, before, size + 1)
        more = len(entries) > size
        entries = entries[:size]
        lines_by_entry: dict[uuid.UUID, list[tuple[str, int]]] = {e.id: [] for e in entries}
        for line in await repo.lines_of(list(lines_by_entry)):
            lines_by_entry[line.entry].append((line.account, line.amount_cents))
        reversed_ids = [e.reverses for e in entries if e.reverses is not None]
        reversed_entries = {r.id: r for r in await repo.entries_by_ids(reversed_ids)}
    items = []
    for e in entries:
        lines = lines_by_entry[e.id]
        items.append(LedgerEntryOut(
            id=e.id, seq=e.seq, kind=e.kind, description=e.description,
            reference=e.reference, effective_date=e.effective_date,
            created_at=e.created_at, reverses=e.reverses, reversed_by=e.reversed_by,
            balance_effect_cents=balance_effect(lines),
            lines=[LedgerLineOut(account=a, account_label=label(a, lang), amount_cents=c)
                   for a, c in lines],
            explanation=ledger.explain(e, lines, lang, reversed_entries.get(e.reverses)),
        ))
    return LedgerPage(items=items,
                      next_cursor=encode_cursor({"s": entries[-1].seq}) if more else None)
