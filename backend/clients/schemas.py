"""Wire format of a worker's clients (api.md: camelCase, lists with nextCursor)."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec

from backend.http.values import Language


class ClientOut(msgspec.Struct, rename="camel"):
    """A client as its owner typed it; use ``id`` as a QuickJob's ``clientId`` to reuse it."""

    id: uuid.UUID
    name: str
    email: str | None
    vat_number: str | None
    company_number: str | None
    country: str
    address: str | None
    language: Language
    created_at: dt.datetime


class ClientList(msgspec.Struct, rename="camel"):
    items: list[ClientOut]
    next_cursor: str | None
