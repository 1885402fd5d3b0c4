"""The signed-in person's profile (GET/PATCH /me), and persons for other contexts."""

from __future__ import annotations

import uuid

from msgspec import UNSET

from backend.audit.service import record
from backend.http.problems import FieldError, NotFound, Problem
from backend.people import repository, validation
from backend.people.common import validation_problem
from backend.people.schemas import Me, MeUpdate
from backend.platform.db import unit_of_work


def _me(person: dict) -> Me:
    return Me(id=person["id"], role=person["role"], language=person["language"],
              phone=person["phone"], email=person["email"], first_name=person["first_name"],
              last_name=person["last_name"], national_number=person["national_number"],
              iban=person["iban"], address=person["address"], birth_date=person["birth_date"],
              created_at=person["created_at"])


async def existing_person(person_id: uuid.UUID, *, for_update: bool = False) -> dict:
    person = await repository.person_by_id(person_id, for_update=for_update)
    if person is None:  # a valid token for a person who is no longer there
        raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    return person


async def get_person(person_id: uuid.UUID) -> dict:
    """For other contexts: the person's row (no password hash); 404 when unknown.

    Keys: id, phone, email, role, first_name, last_name, language, national_number, iban,
    address, birth_date, created_at, updated_at. Joins the caller's transaction if any.
    """
    person = await repository.person_by_id(person_id)
    if person is None:
        raise NotFound()
    return person


async def get_me(person_id: uuid.UUID) -> Me:
    return _me(await existing_person(person_id))


def _profile_changes(update: MeUpdate) -> dict:
    """Column -> normalised value for every field present; 422 listing every bad field."""
    checks = {
        # wire name, column, check for a non-null value, may it be null?
        "firstName": ("first_name", lambda v: validation.name(v, "firstName"), True),
        "lastName": ("last_name", lambda v: validation.name(v, "lastName"), True),
        "language": ("language", validation.language, False),
        "nationalNumber": ("national_number", validation.national_number, True),
        "iban": ("iban", validation.iban, True),
        "address": ("address", validation.address, True),
        "birthDate": ("birth_date", validation.birth_date, True),
    }
    changes: dict = {}
    errors: list[FieldError] = []
    for wire, (column, check, nullable) in checks.items():
        value = getattr(update, column)
        if value is UNSET:
            continue
        if isinstance(value, str) and not value.strip() and column in (
                "national_number", "iban", "address"):
            value = None  # an emptied optional field means "clear it"
        if value is None:
            if nullable:
                changes[column] = None
            else:
                errors.append(FieldError(wire, "field_cannot_be_cleared"))
            continue
        try:
            changes[column] = check(value)
        except validation.Invalid as exc:
            errors.append(exc.error)
    if errors:
        raise validation_problem(errors)
    return changes


async def update_me(person_id: uuid.UUID, update: MeUpdate) -> Me:
    changes = _profile_changes(update)
    async with unit_of_work():
        before = await existing_person(person_id, for_update=True)
        diff = {k: v for k, v in changes.items() if before[k] != v}
        if not diff:
            return _me(before)
        after = await repository.update_person(person_id, diff)
        await record(actor_id=person_id, action="person.updated", object_type="person",
                     object_id=person_id, before={k: before[k] for k in diff},
                     after={k: after[k] for k in diff})
    return _me(after)
