"""HTTP edge of the clients context: a worker's own clients, to reuse one by its id."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.params import Parameter

from backend.clients import service
from backend.clients.schemas import ClientList
from backend.http.context import Principal


class ClientController(Controller):
    path = "/clients"
    tags = ["clients"]
    security = [{"BearerToken": []}]

    @get("/", operation_id="listClients",
          description=("The clients the worker typed in earlier QuickJobs, newest first; reuse "
                       "one with its id as a QuickJob's clientId instead of typing it again. "
                       "Advisers see everyone's. Pages with nextCursor."),
         summary="My clients as I typed them, newest first (advisers: everyone's); reuse one "
                 "with its id as a QuickJob's clientId")
    async def list_clients(self, principal: Principal, cursor: str | None = None,
                           limit: Annotated[int, Parameter(ge=1, le=100)] = 20) -> ClientList:
        return await service.list_clients(principal, cursor, limit)


CONTROLLERS = [ClientController]
