"""People and tokens for units tests, made directly in the database (no /auth round trip)."""

from __future__ import annotations

import uuid

from backend.platform.db import fetch


async def make_person(role: str = "worker", first_name: str | None = "Ann",
                      last_name: str | None = "Peeters") -> uuid.UUID:
    person_id = uuid.uuid4()
    await fetch(
        "INSERT INTO person (id, phone, role, first_name, last_name) VALUES ({}, {}, {}, {}, {})",
        person_id, "+3247" + str(person_id.int % 10**8).zfill(8), role, first_name, last_name,
    )
    return person_id


def auth(app, person_id: uuid.UUID, role: str = "worker", language: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {app.state.tokens.issue(person_id, role)}"}
    if language:
        headers["Accept-Language"] = language
    return headers


def lines_sum(lines: list[dict]) -> int:
    return sum(line["amountCents"] for line in lines)
