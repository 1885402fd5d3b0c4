"""The single rq entry point: runs an async job handler with its own database connection."""

from __future__ import annotations

import asyncio

import backend.platform.catalogues  # noqa: F401 - message templates for notifications
from backend.jobs.registry import resolve
from backend.platform.db import close_pool, start_pool
from backend.platform.settings import Settings


def run(job: str, payload: dict) -> None:
    asyncio.run(_run(job, payload))


async def _run(job: str, payload: dict) -> None:
    from backend.platform.db import DB

    settings = Settings.from_env()
    # rq forks a work horse per job: a pool inherited from the parent belongs to another
    # process and event loop, so it is dropped (not closed: its sockets are the parent's).
    DB.pool = None
    await start_pool(settings.database_url, min_size=1, max_size=2)
    try:
        await resolve(job)(payload)
    finally:
        await close_pool()


async def once(key: str, job: str) -> bool:
    """Inside the job's transaction: True the first time ``key`` is seen, False after."""
    from backend.platform.db import fetch

    rows = await fetch(
        "INSERT INTO job_run (key, job) VALUES ({}, {}) ON CONFLICT (key) DO NOTHING RETURNING key",
        key, job,
    )
    return bool(rows)
