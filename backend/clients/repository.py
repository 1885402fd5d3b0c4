"""A worker's clients: each row belongs to the worker who typed it (``created_by``, its owner)
and never changes, so every document keeps what it printed. Nothing here looks across owners
except for staff reading by id."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec
from piccolo.columns.combination import WhereRaw
from piccolo.query.methods.select import Select

from backend.clients.tables import Client
from backend.platform.db import compiled, new_row, row, rows
from backend.quickjobs.tables import QuickJob

# What a worker typed, as the unique index client_owner_entry has it (migration
# 2026_12_03t17_10): an md5 of the stored fields, \x1f between them.
_ENTRY = ('md5("client"."name" || chr(31) || coalesce(lower("client"."email"), \'\') || chr(31) '
          '|| coalesce(upper("client"."vat_number"), \'\') || chr(31) || "client"."country" '
          '|| chr(31) || coalesce("client"."address", \'\') || chr(31) || "client"."language")')
_TYPED = ("md5({}::text || chr(31) || coalesce(lower({}::text), '') || chr(31) || "
          "coalesce(upper({}::text), '') || chr(31) || {}::text || chr(31) || "
          "coalesce({}::text, '') || chr(31) || {}::text)")


class ClientRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    name: str
    email: str | None
    vat_number: str | None
    company_number: str | None
    country: str
    address: str | None
    language: str
    created_by: uuid.UUID | None  # the owner: the worker who entered it
    created_at: dt.datetime


class Entry(msgspec.Struct, frozen=True):
    """What a worker typed for a client, normalised as it is stored."""

    name: str
    email: str | None
    vat_number: str | None
    company_number: str | None
    country: str
    address: str | None
    language: str


# The reads of a QuickJob's creation are compiled once (``compiled``): Piccolo's own query.

async def get(client_id: uuid.UUID) -> ClientRow | None:
    query = compiled("client.get",
                     lambda slot: Client.select().where(Client.id == slot("id", Client.id)))
    found = await query.fetch({"id": client_id})
    return msgspec.convert(found[0], ClientRow) if found else None


def _find_entry(slot) -> Select:
    # WhereRaw: the match is on the expression of the unique index (so it is used).
    return Client.select().where(
        (Client.created_by == slot("owner", Client.created_by))
        & WhereRaw(f"{_ENTRY} = {_TYPED}", *(slot(name) for name in (
            "name", "email", "vat_number", "country", "address", "language"))))


async def find_entry(owner: uuid.UUID, entry: Entry) -> ClientRow | None:
    """The owner's client with exactly this typed data, if they entered it before."""
    found = await compiled("client.find_entry", _find_entry).fetch({
        "owner": owner, "name": entry.name, "email": entry.email,
        "vat_number": entry.vat_number, "country": entry.country, "address": entry.address,
        "language": entry.language})
    return msgspec.convert(found[0], ClientRow) if found else None


async def insert(owner: uuid.UUID, entry: Entry) -> ClientRow:
    # ON CONFLICT: a concurrent request of the same owner typed the same; take that row.
    inserted = await row(Client.insert(new_row(
        Client, id=uuid.uuid4(), created_by=owner, **msgspec.structs.asdict(entry),
    )).on_conflict(action="DO NOTHING").returning(*Client.all_columns()), ClientRow)
    return inserted or await find_entry(owner, entry)


async def owned_by(owner: uuid.UUID | None, after: tuple[dt.datetime, uuid.UUID] | None,
                   limit: int) -> list[ClientRow]:
    """Newest first; ``owner`` None: everyone's (staff)."""
    query = Client.select().order_by(Client.created_at, Client.id, ascending=False).limit(limit)
    if owner is not None:
        query = query.where(Client.created_by == owner)
    if after is not None:
        at, last = after
        query = query.where((Client.created_at < at)
                            | ((Client.created_at == at) & (Client.id < last)))
    return await rows(query, ClientRow)


async def used_by_others(client_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """Another person has a QuickJob with this client (a shared client's details are not one
    worker's to change)."""
    return await QuickJob.exists().where((QuickJob.client == client_id)
                                         & (QuickJob.person != person_id))


async def set_email(client_id: uuid.UUID, email: str) -> None:
    await Client.update({Client.email: email}).where(Client.id == client_id)
