from __future__ import annotations

import asyncio

import msgspec
from litestar import Controller, Request, get
from litestar.response import Response

from backend.platform.db import fetch


class HealthStatus(msgspec.Struct, rename="camel", omit_defaults=True):
    status: str
    database: str | None = None
    queue: str | None = None


class HealthController(Controller):
    path = "/health"
    tags = ["health"]

    @get("/live", operation_id="healthLive",
          description=("Answers 200 as long as the process runs; no dependency is checked. For "
                       "the orchestrator's liveness probe."), summary="The process answers (public)")
    async def live(self) -> HealthStatus:
        return HealthStatus(status="ok")

    @get("/ready", operation_id="healthReady",
          description=("Answers 200 when PostgreSQL and Redis are reachable, 503 otherwise: the "
                       "instance should not get traffic."),
         summary="Database and queue reachable (public); 503 otherwise")
    async def ready(self, request: Request) -> Response[HealthStatus]:
        database = queue = "ok"
        try:
            await asyncio.wait_for(fetch("SELECT 1"), timeout=2)
        except Exception:  # noqa: BLE001 - any failure means not ready
            database = "unreachable"
        try:
            await asyncio.wait_for(request.app.state.redis.ping(), timeout=2)
        except Exception:  # noqa: BLE001
            queue = "unreachable"
        ok = database == queue == "ok"
        return Response(
            HealthStatus(status="ok" if ok else "unavailable", database=database, queue=queue),
            status_code=200 if ok else 503,
            headers={} if ok else {"Retry-After": "5"},
        )
