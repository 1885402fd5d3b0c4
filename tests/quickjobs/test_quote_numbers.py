"""Quote numbers are unique and increase per year, but are not gap-free (only invoices must be:
domain.md section 2): the number is taken before the creation's unit of work, so a creation
refused after that point leaves a gap, and concurrent creations never wait on each other."""

import asyncio
import datetime as dt

from backend.quickjobs import repository
from backend.quickjobs.creation import LEGAL_ENTITY
from tests.conftest import bearer, sign_in
from tests.quickjobs.conftest import quickjob_body


def _sequence(job: dict) -> int:
    number = job["quote"]["number"]
    assert number.startswith(f"Q{dt.date.today().year}-")
    return int(number.split("-")[1])


async def test_concurrent_creations_get_distinct_increasing_numbers(client, worker_headers):
    responses = await asyncio.gather(*[
        client.post("/api/v1/quickjobs", json=quickjob_body(), headers=worker_headers)
        for _ in range(12)])
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses]
    numbers = sorted(_sequence(r.json()) for r in responses)
    assert numbers == list(range(numbers[0], numbers[0] + 12))  # none lost when none fails


async def test_a_refused_creation_leaves_a_gap_never_a_duplicate(client, worker_headers):
    first = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                               headers=worker_headers)).json()
    # A passer-by's fourth performance is refused (409 share_required) after the number is taken.
    passerby = bearer(await sign_in(client, phone="+32470555111"))
    r = await client.patch("/api/v1/me", json={"firstName": "Pia", "lastName": "Voorbij"},
                           headers=passerby)  # a quote needs the worker's name
    assert r.status_code == 200, r.text
    statuses = [(await client.post("/api/v1/quickjobs", json=quickjob_body(),
                                   headers=passerby)).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 409]
    last = (await client.post("/api/v1/quickjobs", json=quickjob_body(),
                              headers=worker_headers)).json()
    assert _sequence(last) == _sequence(first) + 5  # three quotes in between, one number skipped


async def test_take_number_counts_per_series_and_year(client, worker_headers):
    await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=worker_headers)
    year = dt.date.today().year
    a = await repository.take_number(LEGAL_ENTITY, "quote", year)
    b = await repository.take_number(LEGAL_ENTITY, "quote", year)
    assert b == a + 1
    assert await repository.take_number(LEGAL_ENTITY, "quote", year + 1) == 1
    assert await repository.take_number("no-such-entity", "quote", year) is None
