import uuid

import pytest

from tests.conftest import bearer, staff_sign_in
from tests.quickjobs.conftest import (  # noqa: F401
    adviser_headers,
    other_worker_headers,
    worker_headers,
)


async def second_adviser(client) -> dict:
    """Another adviser's headers (four eyes: never the one who hired or ran the payroll)."""
    from backend.people import service as people

    email = f"second-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "correct horse battery staple", "adviser", "Sam", "Second")
    return bearer(await staff_sign_in(client, email, "correct horse battery staple"))


async def hire(client, hirer: dict, person_id: str, approver: dict | None = None,
               **body) -> dict:
    """Hire through the API; a start further back than allowed alone is approved by
    ``approver`` (a second adviser, made on demand)."""
    r = await client.post("/api/v1/backoffice/employments", json={"personId": person_id, **body},
                          headers=hirer)
    assert r.status_code == 201, r.text
    hired = r.json()
    if hired["approval"] == "pending":
        approver = approver or await second_adviser(client)
        r = await client.post(f"/api/v1/backoffice/employments/{hired['id']}/approve",
                              headers=approver)
        assert r.status_code == 200, r.text
        hired = r.json()
        assert hired["approval"] == "approved"
    return hired


@pytest.fixture
async def second_adviser_headers(client):
    return await second_adviser(client)
