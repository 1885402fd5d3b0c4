"""The outbox wakes the worker's relay: a statement that writes jobs notifies ``outbox``.

Until now the API relayed the outbox to rq itself after every response that queued a job: a
thread talking to Redis inside the web process, taking the CPU and the GIL from requests. The
relay now lives in the worker alone (``backend.jobs.periodic.relay_forever``), which LISTENs on
``outbox``.
PostgreSQL delivers the notification when the writing transaction commits, never before and
never for a rollback, so a job still cannot be relayed before its change is visible; one
notification per statement (and per transaction: identical ones are folded into one).
"""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-03T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "outbox: notify the worker's relay on commit"

STATEMENTS = [
    """
    CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
    END $$
    """,
    "DROP TRIGGER IF EXISTS outbox_written ON outbox_message",
    "CREATE TRIGGER outbox_written AFTER INSERT ON outbox_message "
    "FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
