import datetime as dt
import uuid

import pytest

from tests.conftest import bearer, become_member, complete_profile, sign_in, staff_sign_in


def next_weekday(start: dt.date, weekday: int = 0) -> dt.date:
    """The next given weekday (0 = Monday) strictly after ``start``."""
    days = (weekday - start.weekday()) % 7 or 7
    return start + dt.timedelta(days=days)


def quickjob_body(**overrides) -> dict:
    monday = next_weekday(dt.date.today())
    body = {
        "client": {"name": "Brouwerij De Klok", "email": "boekhouding@deklok.be",
                   "vatNumber": "BE0403019261", "country": "BE",
                   "address": "Markt 1, 9000 Gent", "language": "nl"},
        "function": "graphic designer",
        "description": "Poster and flyer for the spring fair",
        "performanceDates": [monday.isoformat()],
        "amountCents": 100000,
        "vatRate": "21",
        "contractType": "employee",
        "withholdingRate": "11.11",
        "expenses": [{"amountCents": 5000, "category": "travel"}],
        "paidInCash": False,
    }
    body.update(overrides)
    return body


@pytest.fixture
async def worker_headers(client):
    """A member worker (one paid share: more than three performances allowed) with the
    identity a contract and a salary need and the usage agreement accepted."""
    headers = bearer(await sign_in(client, phone="+32470123456"))
    await complete_profile(client, headers, language="nl")
    await become_member(client, headers)
    return headers


@pytest.fixture
async def passerby_headers(client):
    """A passer-by without a share, who gave their name (what a quote needs) and nothing
    else."""
    headers = bearer(await sign_in(client, phone="+32470555444"))
    r = await client.patch("/api/v1/me", json={"firstName": "Pia", "lastName": "Voorbij"},
                           headers=headers)
    assert r.status_code == 200, r.text
    return headers


@pytest.fixture
async def other_worker_headers(client):
    """Worker B: another passer-by, with a name."""
    headers = bearer(await sign_in(client, phone="+32470999888"))
    r = await client.patch("/api/v1/me", json={"firstName": "Bram", "lastName": "Janssens"},
                           headers=headers)
    assert r.status_code == 200, r.text
    return headers


@pytest.fixture
async def adviser_headers(client, app):
    from backend.people import service as people

    email = f"adviser-{uuid.uuid4().hex[:6]}@smart.coop"
    await people.create_staff(email, "correct horse battery staple", "adviser", "Ada", "Visor")
    return bearer(await staff_sign_in(client, email, "correct horse battery staple"))


def token_of(accept_url: str) -> str:
    return accept_url.rsplit("/", 1)[-1]
