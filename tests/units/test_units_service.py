"""Units service: reference data, creating units, the personal QuickJob unit."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from backend.http.errors import problem_of
from backend.platform.db import fetch
from backend.platform.errors import DomainError
from backend.units import service
from tests.units.helpers import make_person


async def test_reference_data_is_idempotent_and_audited(db, clean_db):
    await service.ensure_reference_data()
    await service.ensure_reference_data()
    smart = await service.legal_entity("smart")
    assert smart.vat_number == "BE0896755397"
    assert smart.company_number == "0896.755.397"
    assert smart.country == "BE"
    offices = await fetch("SELECT id FROM office")
    assert {o["id"] for o in offices} == {o["id"] for o in service.OFFICES}
    audit = await fetch("SELECT object_type FROM audit_log WHERE action = 'create'")
    assert len(audit) == 1 + len(service.OFFICES)  # the second call added nothing
    assert await service.legal_entity("nope") is None


async def test_legal_entity_seeds_itself_when_missing(db, clean_db):
    assert (await service.legal_entity("smart")).name == "Smart – Productions Associées asbl"


async def test_personal_unit_is_created_once(db, clean_db):
    person = await make_person(first_name="Lotte", last_name="Janssens")
    first = await service.personal_unit_for(person)
    again = await service.personal_unit_for(person)
    assert first.id == again.id
    assert first.name == "Lotte Janssens – QuickJob"
    assert (first.mode, first.legal_entity, first.personal) == ("3in1", "smart", True)
    holders = await fetch("SELECT person FROM unit_holder WHERE unit = {}", first.id)
    assert [h["person"] for h in holders] == [person]
    audit = await fetch("SELECT actor_id, after FROM audit_log WHERE object_type = 'unit'")
    assert len(audit) == 1 and audit[0]["actor_id"] == person


async def test_personal_unit_survives_concurrent_first_use(db, clean_db):
    person = await make_person()
    units = await asyncio.gather(*[service.personal_unit_for(person) for _ in range(5)])
    assert len({u.id for u in units}) == 1
    assert len(await fetch("SELECT 1 FROM unit")) == 1


async def test_personal_unit_name_without_a_name(db, clean_db):
    person = await make_person(first_name=None, last_name=None)
    assert (await service.personal_unit_for(person)).name == "QuickJob"
    assert service.personal_unit_name("  Ann ", None) == "Ann – QuickJob"


async def test_personal_unit_for_unknown_person(db, clean_db):
    with pytest.raises(DomainError) as caught:
        await service.personal_unit_for(uuid.uuid4())
    assert [(e.field, e.code) for e in caught.value.errors] == [("personId", "person_unknown")]


async def test_a_shared_activity_unit_is_not_the_personal_one(db, clean_db):
    await service.ensure_reference_data()
    ann, bob = await make_person(), await make_person()
    shared = await service.create_unit("Atelier", "activity", "smart", [ann, bob, ann],
                                       office="brussels", actor_id=ann)
    assert shared.office == "brussels" and not shared.personal
    assert len(await fetch("SELECT 1 FROM unit_holder WHERE unit = {}", shared.id)) == 2
    personal = await service.personal_unit_for(ann)
    assert personal.id != shared.id
    assert {u.id for u in await service.units_of(ann)} == {shared.id, personal.id}
    assert [u.id for u in await service.units_of(bob)] == [shared.id]


@pytest.mark.parametrize(("kwargs", "field", "code"), [
    ({"name": " "}, "name", "unit_name_invalid"),
    ({"name": "x" * 201}, "name", "unit_name_invalid"),
    ({"mode": "shop"}, "mode", "unit_mode_invalid"),
    ({"legal_entity": "acme"}, "legalEntity", "legal_entity_unknown"),
    ({"office": "paris"}, "office", "office_unknown"),
    ({"holders": []}, "holders", "holders_required"),
    ({"holders": "unknown"}, "holders[0]", "person_unknown"),
])
async def test_create_unit_validation(db, clean_db, kwargs, field, code):
    await service.ensure_reference_data()
    person = await make_person()
    args = {"name": "Atelier", "mode": "activity", "legal_entity": "smart", "holders": [person]}
    if kwargs.get("holders") == "unknown":
        kwargs = {"holders": [uuid.uuid4()]}
    args.update(kwargs)
    with pytest.raises(DomainError) as caught:
        await service.create_unit(**args)
    assert problem_of(caught.value).status == 422
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]
    assert await fetch("SELECT 1 FROM unit") == []


@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24", "W10", "eyJzIjotMX0", "x" * 300])
def test_bad_cursors_are_validation_errors(cursor):
    with pytest.raises(DomainError) as caught:
        service._ledger_cursor(cursor)
    assert [(e.field, e.code) for e in caught.value.errors] == [("cursor", "invalid_cursor")]
    with pytest.raises(DomainError):
        service._unit_cursor(cursor)


def test_cursor_round_trip():
    assert service._ledger_cursor(service.encode_cursor({"s": 42})) == 42
