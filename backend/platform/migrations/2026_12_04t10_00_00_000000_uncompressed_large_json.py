"""The two large values written by every QuickJob creation are not compressed with pglz.

A creation writes its engine snapshot (``quickjob.simulation``, about 12 KB of JSON: every
line's label and explanation in three languages) and the stored answer to its
Idempotency-Key (``idempotency_record.body``, about 6 KB). PostgreSQL compressed both with
pglz before moving them to TOAST, and pglz is slow: measured under the creation load
(bench/README.md), PostgreSQL's CPU per creation went from 2.9 to 2.5 ms without it. Where
the server has lz4 (Debian's packages do) the values are compressed with lz4, several times
faster than pglz; where it does not (the embedded server of ``make run``), they are stored
uncompressed (``STORAGE EXTERNAL``: still out of line, so the rows stay small).
"""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-04T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "quickjob.simulation and idempotency_record.body: lz4, else uncompressed"

STATEMENTS = [
    """
    DO $$
    BEGIN
        ALTER TABLE quickjob ALTER COLUMN simulation SET COMPRESSION lz4;
        ALTER TABLE idempotency_record ALTER COLUMN body SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN  -- a server built without lz4
        ALTER TABLE quickjob ALTER COLUMN simulation SET STORAGE EXTERNAL;
        ALTER TABLE idempotency_record ALTER COLUMN body SET STORAGE EXTERNAL;
    END $$
    """,
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
