"""Units endpoints (api.md): thin, the service decides visibility and builds the views."""

from __future__ import annotations

import uuid

from litestar import Controller, get
from litestar.params import Parameter

from backend.http.context import Principal
from backend.units import service
from backend.units.schemas import LedgerPage, UnitDetail, UnitList

_CURSOR = Parameter(query="cursor", required=False, description="nextCursor of the previous page")
_LIMIT = Parameter(query="limit", required=False, description="page size, 1 to 100 (default 20)")
_PERSON = Parameter(query="personId", required=False,
                    description="advisers only: the units this person holds")


class UnitController(Controller):
    path = "/units"
    tags = ["units"]
    security = [{"BearerToken": []}]

    @get("/", operation_id="listUnits",
         summary="The caller's units with their balance (advisers: every unit)")
    async def list_units(
        self, principal: Principal,
        cursor: str | None = _CURSOR,
        limit: int | None = _LIMIT,
        person_id: uuid.UUID | None = _PERSON,
    ) -> UnitList:
        return await service.list_units(principal, cursor, limit, person_id)

    @get("/{unit_id:str}", operation_id="getUnit",
         summary="One unit: balance, totals per account and holders")
    async def get_unit(self, unit_id: str, principal: Principal, language: str) -> UnitDetail:
        return await service.get_unit(principal, unit_id, language)

    @get("/{unit_id:str}/ledger", operation_id="listUnitLedger",
         summary="The unit's journal, newest first, each entry explained in plain words")
    async def ledger(self, unit_id: str, principal: Principal, language: str,
                     cursor: str | None = _CURSOR, limit: int | None = _LIMIT) -> LedgerPage:
        return await service.ledger_page(principal, unit_id, language, cursor, limit)


CONTROLLERS = [UnitController]
