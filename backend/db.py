"""The one Piccolo engine, configured from Settings at start-up, and the unit of work."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

from piccolo.engine.postgres import PostgresEngine
from piccolo.querystring import QueryString

# Configured by ``configure`` before first use; tables bind to it at import time.
DB = PostgresEngine(config={})


def configure(database_url: str) -> None:
    DB.config = {"dsn": database_url}


async def start_pool(database_url: str, min_size: int = 2, max_size: int = 20) -> None:
    configure(database_url)
    if DB.pool is None:
        await DB.start_connection_pool(min_size=min_size, max_size=max_size)


async def close_pool() -> None:
    if DB.pool is not None:
        await DB.close_connection_pool()


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[None]:
    """One database transaction; nested calls join the outer one.

    Services own the transaction (not controllers, not dependencies): see DEVELOPERS.md.
    Jobs queued inside are written to the outbox table in the same transaction.
    """
    async with DB.transaction():
        yield


async def fetch(sql: str, *args) -> list[dict]:
    """Raw SQL for repositories, ``{}`` placeholders; joins the current transaction if any."""
    rows = await DB.run_querystring(QueryString(sql, *args), in_pool=True)
    return [dict(row) for row in rows]
