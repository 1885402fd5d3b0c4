from piccolo.columns import JSONB, UUID, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.platform.db import DB


class OutboxMessage(Table, tablename="outbox_message", db=DB):
    """A job written in the same transaction as the change that causes it, relayed to rq."""

    id = UUID(primary_key=True)
    job = Varchar(length=80)
    payload = JSONB()
    dedupe_key = Varchar(length=200, unique=True)
    created_at = Timestamptz()
    relayed_at = Timestamptz(null=True)
    relay_attempts = Integer(default=0)
    last_error = Text(null=True)
    urgent = Boolean(default=False)  # someone waits for it: never deferred (a sign-in code)


class JobRun(Table, tablename="job_run", db=DB):
    """Idempotency record of a job's effect: a job whose key is here has already happened."""

    key = Varchar(length=200, primary_key=True)
    job = Varchar(length=80)
    finished_at = Timestamptz()
