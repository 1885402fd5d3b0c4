"""Corrections requested by advisers (reversal entries), with a second approval above a limit."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T06:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "correction requests and invoice reminders"

STATEMENTS = [
    """
    CREATE TABLE correction_request (
        id uuid PRIMARY KEY,
        unit uuid NOT NULL REFERENCES unit (id),
        entry uuid NOT NULL REFERENCES journal_entry (id),
        amount_cents bigint NOT NULL,
        reason text NOT NULL,
        requested_by uuid NOT NULL REFERENCES person (id),
        status varchar(10) NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'applied', 'rejected')),
        approved_by uuid REFERENCES person (id),
        reversal uuid REFERENCES journal_entry (id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (approved_by IS NULL OR approved_by <> requested_by)
    )""",
    "CREATE UNIQUE INDEX correction_one_open_per_entry ON correction_request (entry) WHERE status = 'pending'",
    """
    CREATE TABLE invoice_reminder (
        invoice uuid NOT NULL REFERENCES invoice (id),
        stage integer NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (invoice, stage)
    )""",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
