"""Count the SQL statements this process sends to PostgreSQL, for tests and benchmarks.

``counting()`` wraps asyncpg's connection methods once (every statement, Piccolo's and raw,
BEGIN and COMMIT included, goes through them) and lists the statements the current task
sends inside the block. Statements of other tasks (the outbox relay started after a response)
are not counted.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from asyncpg.connection import Connection

_METHODS = ("execute", "executemany", "fetch", "fetchrow", "fetchval")
_log: contextvars.ContextVar[tuple[asyncio.Task | None, list[str]] | None] = \
    contextvars.ContextVar("sql_statements", default=None)
_installed: list[bool] = []


def _install() -> None:
    if _installed:
        return
    for name in _METHODS:
        original = getattr(Connection, name)

        @functools.wraps(original)
        async def counted(self, query, *args, _original=original, **kwargs):
            entry = _log.get()
            if entry is not None and _current_task() is entry[0]:
                entry[1].append(str(query))
            return await _original(self, query, *args, **kwargs)

        setattr(Connection, name, counted)
    _installed.append(True)


def _current_task() -> asyncio.Task | None:
    try:
        return asyncio.current_task()
    except RuntimeError:
        return None


@contextmanager
def counting() -> Iterator[list[str]]:
    """``with counting() as statements:`` -> the SQL texts this task sent in the block."""
    _install()
    statements: list[str] = []
    token = _log.set((_current_task(), statements))
    try:
        yield statements
    finally:
        _log.reset(token)
