"""Clients are shared across workers and deduplicated by VAT number, else by e-mail."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec
from piccolo.columns.combination import WhereRaw

from backend.clients.tables import Client
from backend.platform.db import new_row, row
from backend.quickjobs.tables import QuickJob


class ClientRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    name: str
    email: str | None
    vat_number: str | None
    company_number: str | None
    country: str
    address: str | None
    language: str
    created_by: uuid.UUID | None
    created_at: dt.datetime


async def get(client_id: uuid.UUID) -> ClientRow | None:
    return await row(Client.select().where(Client.id == client_id), ClientRow)


async def find(vat_number: str | None, email: str | None) -> ClientRow | None:
    # The same expressions as the unique indexes (upper(vat_number), lower(email)), so they
    # are used: Piccolo's query builder takes them as WhereRaw fragments.
    if vat_number:
        return await row(Client.select().where(WhereRaw("upper(vat_number) = upper({})",
                                                        vat_number)), ClientRow)
    if email:
        return await row(Client.select().where(
            Client.vat_number.is_null() & WhereRaw("lower(email) = lower({})", email)), ClientRow)
    return None


async def insert(*, name: str, email: str | None, vat_number: str | None,
                 company_number: str | None, country: str, address: str | None, language: str,
                 created_by: uuid.UUID) -> ClientRow:
    # ON CONFLICT: a concurrent request created the same client; take theirs.
    inserted = await row(Client.insert(new_row(
        Client, id=uuid.uuid4(), name=name, email=email, vat_number=vat_number,
        company_number=company_number, country=country, address=address, language=language,
        created_by=created_by)).on_conflict(action="DO NOTHING").returning(*Client.all_columns()),
        ClientRow)
    return inserted or await find(vat_number, email)


async def used_by(client_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """The person created this client, or has a QuickJob with it."""
    return await Client.exists().where(
        (Client.id == client_id)
        & ((Client.created_by == person_id)
           | Client.id.is_in(QuickJob.select(QuickJob.client).where(QuickJob.person == person_id))))


async def used_by_others(client_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """Another person has a QuickJob with this client (a shared client's details are not one
    worker's to change)."""
    return await QuickJob.exists().where((QuickJob.client == client_id)
                                         & (QuickJob.person != person_id))


async def set_email(client_id: uuid.UUID, email: str) -> None:
    await Client.update({Client.email: email}).where(Client.id == client_id)
