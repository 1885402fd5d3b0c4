"""Outbox messages someone is waiting for: relayed and run even while the API is saturated.

Background work waits while the API is saturated (``backend.jobs.cpu_yield``), the relay
included. A sign-in code is not background work: the person is looking at the screen that
asks for it. Such a message is marked ``urgent``; the relay pushes it at once, to the front
of the queue, and a job process does not wait when it is next.
"""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-04T09:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "outbox: urgent messages (sign-in codes) skip the wait"

STATEMENTS = [
    "ALTER TABLE outbox_message ADD COLUMN IF NOT EXISTS urgent boolean NOT NULL DEFAULT false",
    "CREATE INDEX IF NOT EXISTS outbox_urgent_pending ON outbox_message (created_at) "
    "WHERE relayed_at IS NULL AND urgent",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
