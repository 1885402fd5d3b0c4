"""Each worker's own clients (issue 14, item 5).

What a worker types is what their documents print: a QuickJob's client is

- the client named by ``clientId``, when it is the worker's own (advisers and admins: any);
- else the worker's own client with exactly the typed data, when they typed it before;
- else a new client row of theirs with the typed data.

Nothing of another worker's is ever looked up, shown or reused: no match across workers by
e-mail or VAT number. A worker typing their client again with another name or address gets a
new row (the typed data wins on the new documents) and the old row, which is never updated,
keeps serving the documents that printed it: nothing changes silently. There is no shared
company directory; one would come from the KBO/BCE open-data extract, never from workers'
typing.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import uuid
from typing import TYPE_CHECKING, Protocol

from stdnum import exceptions as stdnum_errors
from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat

from backend.clients import repository
from backend.clients.repository import ClientRow, Entry
from backend.clients.schemas import ClientList, ClientOut
from backend.engine import RuleBook
from backend.platform.db import unit_of_work
from backend.platform.errors import invalid

if TYPE_CHECKING:  # annotations only: the worker imports this without the web stack
    from backend.http.context import Principal

MAX_LIMIT = 100


class TypedClient(Protocol):
    """What the QuickJob flow received (``quickjobs.schemas.ClientIn``), already validated."""

    name: str
    email: str | None
    vat_number: str | None
    country: str
    address: str | None
    language: str | None


def tax_number(country: str | None, number: str) -> str | None:
    """A client's VAT number, compact, or None when invalid: an EU VAT number (format and check
    digits), or outside the EU the country's VAT / business number (python-stdnum where it
    knows the country, else 4 to 30 letters and digits): what makes a business client outside
    the EU (the place-of-supply rule)."""
    try:
        return eu_vat.validate(number)
    except stdnum_errors.ValidationError:
        pass
    cc = (country or "").lower()
    if cc.upper() in RuleBook.default().rule_sets()[-1].eu_countries or not cc.isalpha():
        return None  # a client in the EU gives its EU VAT number
    compact = re.sub(r"[\s.\-/]", "", number).upper()
    module = get_cc_module(cc, "vat")
    if module is not None and not module.is_valid(number):
        return None
    return compact if re.fullmatch(r"[A-Z0-9]{4,30}", compact) else None


def guess_language(country: str) -> str:
    return {"BE": "nl", "NL": "nl", "FR": "fr", "LU": "fr"}.get(country.upper(), "en")


def entry_of(given: TypedClient) -> Entry:
    vat_number = tax_number(given.country, given.vat_number) if given.vat_number else None
    address = given.address.strip() if given.address and given.address.strip() else None
    return Entry(
        name=given.name.strip(), email=given.email.strip().lower() if given.email else None,
        vat_number=vat_number,
        company_number=vat_number[2:] if vat_number and vat_number.startswith("BE") else None,
        country=given.country.upper(), address=address,
        language=given.language or guess_language(given.country))


async def for_quickjob(principal: Principal, client_id: uuid.UUID | None,
                       given: TypedClient | None) -> ClientRow:
    """The QuickJob's client (see the module); joins the caller's transaction."""
    if client_id is not None:
        client = await repository.get(client_id)
        if client is None or not (principal.is_staff or client.created_by == principal.id):
            raise invalid("clientId", "client_unknown")  # another worker's does not exist
        return client
    entry = entry_of(given)
    return await repository.find_entry(principal.id, entry) \
        or await repository.insert(principal.id, entry)


def _cursor(client: ClientRow) -> str:
    raw = json.dumps([client.created_at.isoformat(), str(client.id)]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _after(cursor: str | None) -> tuple[dt.datetime, uuid.UUID] | None:
    if not cursor:
        return None
    try:
        at, last = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return dt.datetime.fromisoformat(at), uuid.UUID(last)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise invalid("cursor", "invalid_cursor") from exc


def out(client: ClientRow) -> ClientOut:
    return ClientOut(id=client.id, name=client.name, email=client.email,
                     vat_number=client.vat_number, company_number=client.company_number,
                     country=client.country, address=client.address, language=client.language,
                     created_at=client.created_at)


async def list_clients(principal: Principal, cursor: str | None, limit: int) -> ClientList:
    """The caller's clients, newest first (advisers and admins: everyone's)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid("limit", "limit_out_of_range", min=1, max=MAX_LIMIT)
    after = _after(cursor)
    async with unit_of_work():
        found = await repository.owned_by(None if principal.is_staff else principal.id, after,
                                          limit + 1)
    more = len(found) > limit
    found = found[:limit]
    return ClientList(items=[out(c) for c in found],
                      next_cursor=_cursor(found[-1]) if more else None)
