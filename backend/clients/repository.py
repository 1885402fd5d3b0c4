"""Clients are shared across workers and deduplicated by VAT number, else by e-mail."""

from __future__ import annotations

import uuid

from backend.platform.db import fetch


async def get(client_id: uuid.UUID) -> dict | None:
    rows = await fetch("SELECT * FROM client WHERE id = {}", client_id)
    return rows[0] if rows else None


async def find(vat_number: str | None, email: str | None) -> dict | None:
    if vat_number:
        rows = await fetch("SELECT * FROM client WHERE upper(vat_number) = upper({})", vat_number)
        return rows[0] if rows else None
    if email:
        rows = await fetch(
            "SELECT * FROM client WHERE vat_number IS NULL AND lower(email) = lower({})", email)
        return rows[0] if rows else None
    return None


async def insert(*, name: str, email: str | None, vat_number: str | None,
                 company_number: str | None, country: str, address: str | None, language: str,
                 created_by: uuid.UUID) -> dict:
    # ON CONFLICT: a concurrent request created the same client; take theirs.
    rows = await fetch(
        "INSERT INTO client (id, name, email, vat_number, company_number, country, address, "
        "language, created_by) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}) "
        "ON CONFLICT DO NOTHING RETURNING *",
        uuid.uuid4(), name, email, vat_number, company_number, country, address, language,
        created_by,
    )
    return rows[0] if rows else await find(vat_number, email)


async def used_by(client_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    rows = await fetch(
        "SELECT 1 FROM client c WHERE c.id = {} AND (c.created_by = {} OR EXISTS "
        "(SELECT 1 FROM quickjob q WHERE q.client = c.id AND q.person = {}))",
        client_id, person_id, person_id,
    )
    return bool(rows)
