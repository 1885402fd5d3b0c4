"""Quote numbers are unique and increase per year, but are not gap-free (only invoices must be:
domain.md section 2): the number is a PostgreSQL sequence's next value, so a creation refused
after that point leaves a gap, and concurrent creations never wait on each other."""

import asyncio
import datetime as dt

from backend.platform.db import fetch, unit_of_work
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


async def test_a_number_taken_in_a_rolled_back_transaction_is_not_given_again(client,
                                                                               worker_headers):
    await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=worker_headers)
    year = dt.date.today().year
    try:
        async with unit_of_work():  # as the bot's creation takes it
            taken = await repository.take_number(LEGAL_ENTITY, "quote", year)
            raise LookupError
    except LookupError:
        pass
    assert await repository.take_number(LEGAL_ENTITY, "quote", year) == taken + 1


async def test_numbers_go_on_from_the_counter_of_a_database_numbered_before_sequences(
        client, worker_headers):
    """Before sequences, quote numbers came from the counter row: a year already counted
    there goes on from its last number."""
    await client.post("/api/v1/quickjobs", json=quickjob_body(), headers=worker_headers)
    year = dt.date.today().year + 3
    await fetch("INSERT INTO document_counter (legal_entity, series, year, last_number) "
                "VALUES ({}, 'quote', {}, 41)", LEGAL_ENTITY, year)
    first, second = await asyncio.gather(repository.take_number(LEGAL_ENTITY, "quote", year),
                                         repository.take_number(LEGAL_ENTITY, "quote", year))
    assert sorted([first, second]) == [42, 43]  # the first two at once: created once
