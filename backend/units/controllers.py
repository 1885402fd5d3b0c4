"""Units endpoints (api.md): thin, the service decides visibility and builds the views."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, get
from litestar.params import QueryParameter

from backend.http.context import Principal
from backend.units import service
from backend.units.schemas import LedgerPage, UnitDetail, UnitList

Cursor = Annotated[str | None, QueryParameter(description="nextCursor of the previous page")]
# The bounds are published; backend.units.service.check_limit refuses others with its message.
Limit = Annotated[int | None, QueryParameter(description="page size, 1 to 100 (default 20)",
                                             schema_extra={"minimum": 1, "maximum": 100})]
PersonId = Annotated[uuid.UUID | None, QueryParameter(
    name="personId", description="advisers only: the units this person holds")]


class UnitController(Controller):
    path = "/units"
    tags = ["units"]
    security = [{"BearerToken": []}]

    @get("/", operation_id="listUnits",
          description=("The units the caller holds (advisers: every unit, or one person's with "
                       "personId), with their balance. Pages with cursor and limit (1 to 100)."),
         summary="The caller's units with their balance (advisers: every unit)")
    async def list_units(self, principal: Principal, cursor: Cursor = None, limit: Limit = None,
                         person_id: PersonId = None) -> UnitList:
        return await service.list_units(principal, cursor, limit, person_id)

    @get("/{unit_id:str}", operation_id="getUnit",
          description=("One unit: its balance, the totals per account, the summary in plain "
                       "words and its holders. 404 for a unit the caller does not hold."),
         summary="One unit: balance, totals per account and holders")
    async def get_unit(self, unit_id: str, principal: Principal, language: str) -> UnitDetail:
        return await service.get_unit(principal, unit_id, language)

    @get("/{unit_id:str}/ledger", operation_id="listUnitLedger",
          description=("The unit's journal, newest entry first: each entry's lines per account, "
                       "its effect on the balance and an explanation in plain words. Pages with "
                       "cursor and limit (1 to 100)."),
         summary="The unit's journal, newest first, each entry explained in plain words")
    async def ledger(self, unit_id: str, principal: Principal, language: str,
                     cursor: Cursor = None, limit: Limit = None) -> LedgerPage:
        return await service.ledger_page(principal, unit_id, language, cursor, limit)


CONTROLLERS = [UnitController]
