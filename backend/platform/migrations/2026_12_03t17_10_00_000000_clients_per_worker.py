"""Clients belong to the worker who entered them (issue 14, item 5).

Until now one client row per VAT number (else per e-mail) was shared by every worker, first
entry wins: a worker typing another worker's client e-mail got that worker's client back. From
now on a client row is its owner's (``created_by``) and never changes: a worker typing other
data gets a new row, so every document keeps what it printed.

The split is safe for existing data: a client used by QuickJobs of several workers is copied,
field for field, once per other worker, and their QuickJobs point to their own copy (documents
print the same data as before: the copy is identical). A client without an owner goes to the
worker of its first QuickJob. Every copy is audited.
"""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-03T17:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "clients per worker: shared clients split, one row per owner and typed entry"

# What a worker typed, as the unique index and the repository compare it (md5 of the fields,
# normalised as they are stored; \x1f separates them).
ENTRY = ("md5(name || chr(31) || coalesce(lower(email), '') || chr(31) || "
         "coalesce(upper(vat_number), '') || chr(31) || country || chr(31) || "
         "coalesce(address, '') || chr(31) || language)")

STATEMENTS = [
    # The deduplication across workers goes.
    "DROP INDEX IF EXISTS client_vat",
    "DROP INDEX IF EXISTS client_email",
    # An ownerless client goes to the worker of its first QuickJob.
    """
    UPDATE client c SET created_by = first.person
    FROM (SELECT DISTINCT ON (client) client, person FROM quickjob
          ORDER BY client, created_at, id) AS first
    WHERE c.created_by IS NULL AND first.client = c.id""",
    # One copy per other worker who used the client; their QuickJobs move to it; audited.
    # (Data-modifying CTEs all run once, to completion; foreign keys are checked at the end.)
    """
    WITH pairs AS MATERIALIZED (
        SELECT q.client, q.person, count(*) AS jobs, gen_random_uuid() AS copy
        FROM quickjob q JOIN client c ON c.id = q.client
        WHERE q.person IS DISTINCT FROM c.created_by
        GROUP BY q.client, q.person
    ), copies AS (
        INSERT INTO client (id, name, email, vat_number, company_number, country, address,
                            language, created_by, created_at)
        SELECT p.copy, c.name, c.email, c.vat_number, c.company_number, c.country, c.address,
               c.language, p.person, c.created_at
        FROM pairs p JOIN client c ON c.id = p.client
    ), moved AS (
        UPDATE quickjob q SET client = p.copy FROM pairs p
        WHERE q.client = p.client AND q.person = p.person
    )
    INSERT INTO audit_log (action, object_type, object_id, before, after)
    SELECT 'client.split', 'client', p.copy::text, jsonb_build_object('client', p.client),
           jsonb_build_object('owner', p.person, 'copiedFrom', p.client, 'quickjobs', p.jobs)
    FROM pairs p""",
    # Exact duplicates of one owner (possible before, without VAT number and e-mail) become one:
    # their QuickJobs move to the oldest, which prints the same data.
    f"""
    WITH ranked AS MATERIALIZED (
        SELECT id, first_value(id) OVER (PARTITION BY created_by, {ENTRY}
                                         ORDER BY created_at, id) AS keep
        FROM client WHERE created_by IS NOT NULL
    ), moved AS (
        UPDATE quickjob q SET client = r.keep FROM ranked r
        WHERE q.client = r.id AND r.id <> r.keep
    )
    DELETE FROM client c USING ranked r WHERE c.id = r.id AND r.id <> r.keep""",
    f"CREATE UNIQUE INDEX client_owner_entry ON client (created_by, ({ENTRY}))",
    "CREATE INDEX client_owner ON client (created_by, created_at DESC)",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
