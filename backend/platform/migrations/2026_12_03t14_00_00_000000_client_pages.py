"""The client's pages: each invoice gets its own public link, and the order records who
accepted the quote on its page."""

from backend.platform.migrations.sql import sql_migration

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "client pages: invoice public token, the name of who accepted a quote"

STATEMENTS = [
    # Like a quote's link: an HMAC of the invoice id under SECRET_KEY, only its SHA-256 stored.
    # Invoices issued before this have none (their e-mails carried no page link).
    "ALTER TABLE invoice ADD COLUMN public_token_hash varchar(64)",
    "CREATE UNIQUE INDEX invoice_public_token ON invoice (public_token_hash) "
    "WHERE public_token_hash IS NOT NULL",
    # The name the client typed when accepting on the quote page (time and IP are there already).
    "ALTER TABLE client_order ADD COLUMN accepted_by varchar(200)",
]


async def forwards():
    return sql_migration(ID, DESCRIPTION, STATEMENTS)
