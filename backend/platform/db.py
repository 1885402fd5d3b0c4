"""The one Piccolo engine, configured from Settings at start-up, the unit of work, and the two
ways repositories talk to PostgreSQL: Piccolo's query builder with typed rows (``new_row``,
``rows``, ``row``), and ``fetch`` for the raw SQL Piccolo cannot say."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeVar

import asyncpg
import msgspec
from piccolo.columns import JSON, JSONB
from piccolo.columns.column_types import DEFAULT
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.query.methods.select import Select
from piccolo.querystring import QueryString
from piccolo.table import Table

# Configured by ``configure`` before first use; tables bind to it at import time.
DB = PostgresEngine(config={})

# The database (or the network to it) is briefly out of reach: a retry later may succeed.
UNAVAILABLE: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.PostgresConnectionError,  # includes "connection does not exist"
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.InterfaceError,  # "connection is closed", "pool is closing"
    asyncpg.exceptions.InternalClientError,  # a connection broken mid-operation by a shutdown
    ConnectionError,
    OSError,
)


def configure(database_url: str) -> None:
    DB.config = {"dsn": database_url}


async def _keep_session(connection) -> None:
    """The pool's reset hook: nothing to send.

    asyncpg's default reset runs ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL`` on every release: one more round trip for each query run outside a
    transaction (a status read makes about ten). This code keeps no session state (advisory
    locks are transaction-scoped, no LISTEN, no SET, no cursors outside transactions), and
    asyncpg still rolls back a transaction left open before calling this hook.
    """


async def start_pool(database_url: str, min_size: int = 2, max_size: int = 20) -> None:
    configure(database_url)
    if DB.pool is None:
        await DB.start_connection_pool(min_size=min_size, max_size=max_size,
                                       reset=_keep_session)


async def close_pool() -> None:
    if DB.pool is not None:
        await DB.close_connection_pool()


class _Transaction(PostgresTransaction):
    """Piccolo's transaction, except that the connection always goes back to the pool and the
    current-transaction marker is always cleared, even when BEGIN or COMMIT fails (a deferred
    constraint such as the journal balance check, or a lost connection). Piccolo 1.x skips
    both in those cases and the pool slowly runs dry."""

    async def __aenter__(self) -> PostgresTransaction:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()
        try:
            self.transaction = self.connection.transaction()
            await self.begin()
        except BaseException:
            # BEGIN failed (the server went away): give the connection back, or it leaks.
            await self._give_back()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def _give_back(self) -> None:
        if self.engine.pool:
            await self.engine.pool.release(self.connection)
        else:
            await self.connection.close()

    async def __aexit__(self, exception_type, exception, traceback) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception:
                if not self._rolled_back:
                    await self.rollback()
            elif not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            try:
                await self._give_back()
            finally:
                self.engine.current_transaction.reset(self.context)
        return exception is None


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[None]:
    """One database transaction; nested calls join the outer one.

    Services own the transaction (not controllers, not dependencies): see DEVELOPERS.md.
    Jobs queued inside are written to the outbox table in the same transaction.
    """
    async with _Transaction(engine=DB):
        yield


_COMPILED: dict[str, str] = {}


def _numbered(sql: str) -> str:
    """``{}`` placeholders to asyncpg's ``$1, $2...``, once per statement text (the text is the
    same at every call, which also lets asyncpg reuse its prepared statement)."""
    query = _COMPILED.get(sql)
    if query is None:
        head, *rest = sql.split("{}")
        query = head + "".join(f"${i}{part}" for i, part in enumerate(rest, 1))
        if len(_COMPILED) < 5000:
            _COMPILED[sql] = query
    return query


async def fetch(sql: str, *args) -> list[dict]:
    """Raw SQL, ``{}`` placeholders, for what Piccolo's query builder cannot say (each use says
    why); joins the current transaction if any."""
    transaction = DB.current_transaction.get()
    if transaction is not None:
        rows = await transaction.connection.fetch(_numbered(sql), *args)
    elif DB.pool is not None:
        async with DB.pool.acquire() as connection:
            rows = await connection.fetch(_numbered(sql), *args)
    else:  # scripts without a pool (migrations): Piccolo opens a connection
        rows = await DB.run_querystring(QueryString(sql, *args), in_pool=False)
    return [dict(row) for row in rows]


# Typed rows through Piccolo's query builder ----------------------------------------------------

T = TypeVar("T")
TableT = TypeVar("TableT", bound=Table)
NOW = QueryString("now()")  # the transaction's time, like the columns' DEFAULT now()


def new_row(table: type[TableT], /, **values) -> TableT:
    """A row to INSERT: ``values``, and the column's DEFAULT in the database for every other
    column (its default applies exactly as in a plain INSERT; Piccolo's own would not)."""
    data = {}
    for column in table._meta.columns:
        value = values.pop(column._meta.name, DEFAULT)
        if value is DEFAULT and isinstance(column, (JSON, JSONB)):
            value = column.get_default_value()  # a JSON column takes a JSON text, not DEFAULT
        data[column] = value
    if values:
        raise TypeError(f"{table._meta.tablename} has no column {sorted(values)}")
    return table(_data=data, _ignore_missing=True)


async def rows(query, kind: type[T]) -> list[T]:
    """Run a Piccolo query (a select, or a write with ``returning``): its rows as ``kind`` (a
    msgspec Struct), JSON columns decoded."""
    if isinstance(query, Select):
        return msgspec.convert(await query.output(load_json=True), list[kind])
    found = await query
    json_columns = [c._meta.name for c in query.table._meta.columns
                    if isinstance(c, (JSON, JSONB))]
    for item in found:
        for name in json_columns:
            if isinstance(item.get(name), str):
                item[name] = msgspec.json.decode(item[name])
    return msgspec.convert(found, list[kind])


async def row(query, kind: type[T]) -> T | None:
    """The first row of a Piccolo query as ``kind``, or None."""
    found = await rows(query, kind)
    return found[0] if found else None
