"""Quote and contract PDFs are made after the request (by the worker, or on first download)."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-11-22T07:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "quote and contract PDFs rendered off the request path"

STATEMENTS = [
    "ALTER TABLE quote ALTER COLUMN pdf_key DROP NOT NULL",
    "ALTER TABLE contract ALTER COLUMN pdf_key DROP NOT NULL",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
