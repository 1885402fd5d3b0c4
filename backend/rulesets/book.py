"""The rule book a process computes with: the shipped rule-set files plus every approved upload.

Adding next year's rules is a data change, so every process (API and worker job processes)
must pick up an approval without a restart, and without a query per request:

- the book is kept in memory per process and rebuilt from the shipped files and the approved
  ``rule_set_upload`` rows (applied in the order they were approved, ``replace`` honoured);
- an approval writes a new version marker, the Redis key ``rule_sets:version`` (at once, and
  again by the ``rule_sets.publish`` job from the outbox, so a Redis outage at that moment
  only delays it);
- ``current()`` looks at the marker at most every ``RULE_SET_CHECK_SECONDS`` (one Redis GET)
  and reloads from PostgreSQL only when it changed (also when Redis lost it: a reload is
  harmless). The reload runs in its own task with a fresh context, outside the caller's
  transaction, and concurrent callers share it; so a QuickJob creation sends no statement
  more than before (tests/quickjobs/test_statements.py);
- Redis unreachable: the book in memory is kept and the next check tries again.

An approved upload that no longer fits (a later deploy shipped a file for the same period) is
skipped with an error in the log; the shipped file stands.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import math
import time
import uuid
from collections.abc import Callable

import redis

from backend.engine import RuleBook, RuleSetError

log = logging.getLogger("backend.rulesets")
VERSION_KEY = "rule_sets:version"
_UNKNOWN = object()  # the marker could not be read


class RuleBookSource:
    def __init__(self, redis_url: str | None = None, check_seconds: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.redis_url = redis_url
        self.check_seconds = check_seconds
        self._clock = clock
        self._redis: redis.Redis | None = None
        self.book: RuleBook | None = None
        self.version: object = _UNKNOWN  # the marker the book was built for
        self.applied: tuple[uuid.UUID, ...] = ()
        self.skipped: tuple[tuple[uuid.UUID, str], ...] = ()
        self._checked_at = -math.inf
        self._loading: asyncio.Task | None = None

    def cached(self) -> RuleBook:
        """The book as last loaded (the shipped one before any load): for synchronous callers."""
        return self.book or RuleBook.default()

    async def current(self) -> RuleBook:
        """The book, reloaded first if an approval changed it (checked every few seconds)."""
        now = self._clock()
        if self.book is not None and now - self._checked_at < self.check_seconds:
            return self.book
        self._checked_at = now
        marker = await self._marker()
        if self.book is None or (marker is not _UNKNOWN and marker != self.version):
            await self._reload_once(marker)
        return self.cached()

    async def reload(self) -> RuleBook:
        """Rebuild now (after an approval in this process)."""
        self._checked_at = self._clock()
        await self._reload_once(await self._marker())
        return self.cached()

    def reset(self) -> None:
        """Forget the book (tests: a new database)."""
        self.book, self.version, self._checked_at = None, _UNKNOWN, -math.inf

    def publish(self, version: str) -> bool:
        """Tell every process the book changed; False when Redis could not be reached."""
        client = self._client()
        if client is None:
            return False
        try:
            client.set(VERSION_KEY, version)
            return True
        except redis.RedisError as exc:
            log.warning("rule-set version not published (the outbox job will): %r", exc)
            return False

    def _client(self) -> redis.Redis | None:
        if self._redis is None and self.redis_url:
            self._redis = redis.Redis.from_url(self.redis_url, socket_connect_timeout=0.5,
                                               socket_timeout=0.5)
        return self._redis

    async def _marker(self) -> object:
        client = self._client()
        if client is None:
            return None
        try:
            value = await asyncio.to_thread(client.get, VERSION_KEY)
        except redis.RedisError as exc:
            log.warning("rule-set version unreadable, keeping the book in memory: %r", exc)
            return _UNKNOWN
        return value.decode() if isinstance(value, bytes) else value

    async def _reload_once(self, marker: object) -> None:
        loop = asyncio.get_running_loop()
        task = self._loading
        if task is None or task.done() or task.get_loop() is not loop:
            # A fresh context: the reload reads committed rows on its own connection, never
            # inside the caller's transaction, and its statements are its own.
            task = self._loading = loop.create_task(self._reload(marker),
                                                    context=contextvars.Context())
        await asyncio.shield(task)

    async def _reload(self, marker: object) -> None:
        from backend.rulesets import repository

        try:
            uploads = await repository.approved()
        except Exception:  # noqa: BLE001 - keep computing with what we have; retry soon
            log.exception("approved rule sets could not be read; keeping the book in memory")
            self._checked_at = -math.inf
            return
        book, applied, skipped = build_book(uploads)
        self.book, self.version = book, marker
        self.applied, self.skipped = applied, skipped


def build_book(uploads) -> tuple[RuleBook, tuple[uuid.UUID, ...], tuple[tuple[uuid.UUID, str], ...]]:
    """The shipped book extended with each approved upload, in approval order."""
    book = RuleBook.default()
    applied, skipped = [], []
    for upload in uploads:
        try:
            book = book.extended_with(upload.document, replace=upload.replace_existing)
            applied.append(upload.id)
        except RuleSetError as exc:
            log.error("approved rule set %s (%s) does not fit the shipped ones and is not "
                      "applied: %s", upload.file_id, upload.id, exc)
            skipped.append((upload.id, str(exc)))
    return book, tuple(applied), tuple(skipped)


_source = RuleBookSource()


def use(source: RuleBookSource) -> RuleBookSource:
    """Make ``source`` the process's (``backend.composition`` does, with the settings)."""
    global _source
    if (source.redis_url, source.check_seconds) != (_source.redis_url, _source.check_seconds):
        _source = source
    return _source


def source() -> RuleBookSource:
    return _source


async def current() -> RuleBook:
    return await _source.current()


def cached() -> RuleBook:
    return _source.cached()
