"""The one Piccolo engine, configured from Settings at start-up, the unit of work, and the ways
repositories talk to PostgreSQL: Piccolo's query builder with typed rows (``new_row``,
``rows``, ``row``), the same compiled once for hot paths (``compiled``, ``insert``), and
``fetch`` for the raw SQL Piccolo cannot say."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import AsyncIterator, Callable, Hashable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, TypeVar

import asyncpg
import msgspec
from piccolo.columns import JSON, JSONB, Column
from piccolo.columns.column_types import DEFAULT
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.query.base import Query
from piccolo.query.methods.select import Select
from piccolo.querystring import QueryString
from piccolo.table import Table
from piccolo.utils.sql_values import convert_to_sql_value

from backend.platform import claims

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


class WrongDatabase(ConnectionError):
    """The server at DATABASE_URL is not the PostgreSQL instance this app was started with
    (e.g. the embedded one was restarted on another port and something else took its place).
    A ConnectionError, so requests meanwhile get 503 and nothing is written there."""


def _same_instance(system_identifier: str):
    async def init(connection) -> None:
        found = await connection.fetchval("SELECT system_identifier FROM pg_control_system()")
        if str(found) != system_identifier:
            raise WrongDatabase(f"PostgreSQL system identifier {found} is not the expected "
                                f"{system_identifier}: refusing to use this server")

    return init


async def start_pool(database_url: str, min_size: int = 2, max_size: int = 20,
                     system_identifier: str | None = None) -> None:
    """``system_identifier``: every new connection must reach that instance (pg_control)."""
    configure(database_url)
    if DB.pool is None:
        extra = {"init": _same_instance(system_identifier)} if system_identifier else {}
        await DB.start_connection_pool(min_size=min_size, max_size=max_size,
                                       reset=_keep_session, **extra)


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


@asynccontextmanager
async def unit_of_work_apart() -> AsyncIterator[None]:
    """A transaction of its own connection, committed on its own, even inside another unit of
    work (which it neither joins nor sees): for catalogue changes that must not wait for, nor
    roll back with, the caller's transaction."""
    outer = DB.current_transaction.set(None)
    try:
        async with _Transaction(engine=DB):
            yield
    finally:
        DB.current_transaction.reset(outer)


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
    return [dict(row) for row in await _run(_numbered(sql), args)]


async def write(sql: str, *args) -> None:
    """A raw SQL write (``{}`` placeholders, no result wanted): inside ``together()`` it joins
    that block's one statement, else it runs at once like ``fetch``."""
    parts = _together.get()
    if parts is not None:
        parts.append((_numbered(sql), list(args)))
        return
    await _run(_numbered(sql), args)


# Writes sent together ------------------------------------------------------------------------
#
# A creation writes about ten rows to as many tables, none of which it reads back: one
# round trip (and one statement for PostgreSQL to parse, plan and run) instead of one per
# table. PostgreSQL runs every data-modifying part of a WITH exactly once, to completion,
# whether or not the main query reads it, all in the same statement; foreign keys are
# checked at the end of that statement, so the parts may refer to each other's rows.

_together: ContextVar[list[tuple[str, list]] | None] = ContextVar("db_together", default=None)
_TOGETHER_SQL: dict[tuple[str, ...], str] = {}
_PLACEHOLDER = re.compile(r"\$(\d+)")


class Together:
    """What ``together()`` sent: ``at``, the transaction's ``now()`` (the value every
    ``DEFAULT now()`` of its rows took), once the block has ended."""

    at: dt.datetime | None = None
    statements: int = 0


@asynccontextmanager
async def together() -> AsyncIterator[Together]:
    """Inside a unit of work: the writes of the block made through ``insert`` (without
    ``returning``) and ``write`` are held and sent at its end in one statement (the parts of
    one WITH), in their order. Reads in the block run at once, so they do not see the held
    writes: use it only for writes nothing in the block reads back. Nothing is sent when the
    block raises (the unit of work rolls back)."""
    if DB.current_transaction.get() is None:
        raise RuntimeError("together() needs a unit of work")
    if _together.get() is not None:  # nested: the outer block sends them
        yield Together()
        return
    parts: list[tuple[str, list]] = []
    claim = claims.pending()  # an Idempotency-Key to claim with these writes
    if claim is not None:
        parts.append((claims.CLAIM_SQL, [claim.scope_key, claim.request_hash]))
    token = _together.set(parts)
    done = Together()
    try:
        yield done
    finally:
        _together.reset(token)
    try:
        found = await _run(*_joined(parts))
    except asyncpg.UniqueViolationError as exc:
        if claim is not None and exc.constraint_name == claims.RECORD_KEY:
            claim.taken = True
            raise claims.ClaimTaken() from exc
        raise
    if claim is not None:
        claim.written = True
    done.at, done.statements = found[0]["at"], len(parts)


def _joined(parts: list[tuple[str, list]]) -> tuple[str, list]:
    """The parts as one statement: ``WITH w1 AS (part 1), ... SELECT now() AS at``, each
    part's ``$n`` moved past the arguments of the parts before it (the text is the same for
    the same parts, so asyncpg prepares it once per connection)."""
    texts = tuple(sql for sql, _ in parts)
    sql = _TOGETHER_SQL.get(texts)
    args = [a for _, part_args in parts for a in part_args]
    if sql is None:
        ctes, offset = [], 0
        for i, (part, part_args) in enumerate(parts, 1):
            moved = _PLACEHOLDER.sub(lambda m, o=offset: f"${int(m.group(1)) + o}", part)
            ctes.append(f"w{i} AS ({moved})")
            offset += len(part_args)
        sql = (f"WITH {', '.join(ctes)} " if ctes else "") + "SELECT now() AS at"
        if len(_TOGETHER_SQL) < 1000:
            _TOGETHER_SQL[texts] = sql
    return sql, args


async def _run(sql: str, args: Sequence) -> list:
    """``sql`` (``$n`` placeholders) on the current transaction's connection, else a pooled
    one, else (scripts without a pool: migrations) a connection of its own."""
    transaction = DB.current_transaction.get()
    if transaction is not None:
        return await transaction.connection.fetch(sql, *args)
    if DB.pool is not None:
        async with DB.pool.acquire() as connection:
            return await connection.fetch(sql, *args)
    connection = await DB.get_new_connection()
    try:
        return await connection.fetch(sql, *args)
    finally:
        await connection.close()


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


# Piccolo queries compiled once -----------------------------------------------------------------
#
# Piccolo builds a query's SQL anew at every call (Table instances, nested QueryStrings,
# value conversion), about 0.1-0.3 ms of CPU each: on the hot paths that is a large share of
# a request. ``compiled`` lets Piccolo's query builder write the query once, with slots in
# place of the values, keeps its SQL text and where each value goes, and then sends that same
# statement with the values converted exactly as Piccolo converts them
# (``convert_to_sql_value``). asyncpg prepares the statement once per connection.

class Slot(str):
    """Where a value goes in a query compiled once. A ``str``, so Piccolo's query builder
    passes it through unchanged (as it does a JSON column's text) into the arguments."""

    column: Column | None
    json: bool


_PLAIN = frozenset({str, int, bool, float, type(None), bytes, uuid.UUID, dt.date, dt.datetime,
                    Decimal})


class Compiled:
    def __init__(self, sql: str, args: list, json_out: frozenset[str]) -> None:
        self.sql = sql
        self.args = args  # per argument: a Slot (a value given at run time) or a constant
        self.json_out = json_out  # JSON columns among the rows returned: decoded as rows() does

    def arguments(self, values: dict[str, Any]) -> list:
        out = []
        for arg in self.args:
            if not isinstance(arg, Slot):
                out.append(arg)
                continue
            value = values[arg]
            # convert_to_sql_value leaves these as they are, except in a JSON column
            if arg.column is None or (type(value) in _PLAIN and not arg.json):
                out.append(value)
            else:
                out.append(convert_to_sql_value(value, arg.column))
        return out

    async def fetch(self, values: dict[str, Any]) -> list[dict]:
        found = [dict(r) for r in await _run(self.sql, self.arguments(values))]
        for item in found:
            for name in self.json_out:
                if isinstance(item.get(name), str):
                    item[name] = msgspec.json.decode(item[name])
        return found


_QUERIES: dict[Hashable, Compiled] = {}


def compiled(key: Hashable, build: Callable[[Callable[..., Slot]], Query]) -> Compiled:
    """The query ``build(slot)`` makes with Piccolo's query builder, compiled once per ``key``
    (which must name everything that changes its SQL: table, columns given, row count...).
    ``slot(name, column=None)`` stands for a value given at run time; ``column``: convert it
    as Piccolo converts that column's values (JSON, enums...)."""
    found = _QUERIES.get(key)
    if found is None:
        def slot(name: str, column: Column | None = None) -> Slot:
            made = Slot(f"\x00{name}")
            made.column = column
            made.json = isinstance(column, (JSON, JSONB))
            return made

        query = build(slot)
        sql, args = query.querystrings[0].compile_string(engine_type="postgres")
        returning = getattr(getattr(query, "returning_delegate", None), "_returning", None)
        returned = list(returning.columns) if returning is not None else []
        selected = list(getattr(getattr(query, "columns_delegate", None), "selected_columns",
                                None) or [])
        json_out = frozenset(c._alias or c._meta.name for c in returned + selected
                             if isinstance(c, (JSON, JSONB)))
        found = Compiled(sql, [_unslot(a) for a in args], json_out)
        if len(_QUERIES) < 5000:
            _QUERIES[key] = found
    return found


def _unslot(arg):
    """A slot keeps its name without the marker (the marker only makes it unlike any value)."""
    if isinstance(arg, Slot):
        named = Slot(arg[1:])
        named.column, named.json = arg.column, arg.json
        return named
    return arg


async def insert(table: type[Table], *values: dict, returning: Sequence[Column] = ()) -> list[dict]:
    """``table.insert(new_row(table, **v) for v in values).returning(*returning)``, compiled
    once per shape: every row gives the same columns (the others take their DEFAULT)."""
    names = tuple(values[0])
    if any(tuple(v) != names for v in values):
        raise ValueError("every row of one insert gives the same columns, in the same order")
    by_name = {c._meta.name: c for c in table._meta.columns}

    def build(slot) -> Query:
        query = table.insert(*(new_row(table, **{n: slot(f"{i}.{n}", by_name[n]) for n in names})
                               for i in range(len(values))))
        return query.returning(*returning) if returning else query

    query = compiled(("insert", table, names, len(values), tuple(returning)), build)
    parts = _together.get()
    if parts is not None and not returning:
        parts.append((query.sql, query.arguments(
            {f"{i}.{n}": v[n] for i, v in enumerate(values) for n in names})))
        return []
    return await query.fetch({f"{i}.{n}": v[n] for i, v in enumerate(values) for n in names})
