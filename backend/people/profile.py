"""The signed-in person's profile (GET/PATCH /me) with what each step still needs, and persons
for other contexts."""

from __future__ import annotations

import uuid

from msgspec import UNSET

from backend.audit.service import record
from backend.http.problems import FieldError, NotFound, Problem
from backend.people import identity, repository, validation
from backend.people.common import validation_problem
from backend.people.rows import PersonRow
from backend.people.schemas import Me, MeUpdate, Requirements
from backend.platform.db import unit_of_work

USAGE_AGREEMENT = "usageAgreement"  # the contract step's requirement beside identity fields


def requirements_of(person: PersonRow, agreement_accepted: bool) -> Requirements:
    """Per step, what is still missing (API names): identity fields, and for the contract the
    usage agreement (accepted before the first contract, 004:224-235)."""
    steps = identity.requirements(person)
    contract = steps["contract"] + ([] if agreement_accepted else [USAGE_AGREEMENT])
    salary = steps["salary"] + ([] if agreement_accepted else [USAGE_AGREEMENT])
    return Requirements(quote=steps["quote"], contract=contract, salary=salary)


def _me(person: PersonRow, agreement_accepted: bool) -> Me:
    return Me(id=person.id, role=person.role, language=person.language, phone=person.phone,
              email=person.email, first_name=person.first_name, last_name=person.last_name,
              national_number=person.national_number, iban=person.iban, bic=person.bic,
              address=person.address, birth_date=person.birth_date,
              created_at=person.created_at,
              requirements=requirements_of(person, agreement_accepted))


async def existing_person(person_id: uuid.UUID, *, for_update: bool = False) -> PersonRow:
    person = await repository.person_by_id(person_id, for_update=for_update)
    if person is None or person.erased_at is not None:
        # a valid token for a person who is no longer there
        raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})
    return person


async def get_person(person_id: uuid.UUID) -> PersonRow:
    """For other contexts: the person (never the password hash); 404 when unknown. Joins the
    caller's transaction if any."""
    person = await repository.person_by_id(person_id)
    if person is None:
        raise NotFound()
    return person


async def has_accepted_agreement(person_id: uuid.UUID) -> bool:
    return bool(await repository.agreements(person_id))


async def get_me(person_id: uuid.UUID) -> Me:
    async with unit_of_work():
        person = await existing_person(person_id)
        return _me(person, await has_accepted_agreement(person_id))


# wire name -> (column, check for a non-null value, may it be cleared with null or "")
_CHECKS = {
    "firstName": ("first_name", lambda v: validation.name(v, "firstName"), False),
    "lastName": ("last_name", lambda v: validation.name(v, "lastName"), False),
    "language": ("language", validation.language, False),
    "nationalNumber": ("national_number", validation.national_number, True),
    "iban": ("iban", validation.iban, True),
    "bic": ("bic", validation.bic, True),
    "address": ("address", validation.address, True),
    "birthDate": ("birth_date", validation.birth_date, True),
}


def _profile_changes(update: MeUpdate) -> dict:
    """Column -> normalised value for every field present; 422 listing every bad field.

    Names cannot be cleared: the documents already issued and those to come print them."""
    changes: dict = {}
    errors: list[FieldError] = []
    for wire, (column, check, clearable) in _CHECKS.items():
        value = getattr(update, column)
        if value is UNSET:
            continue
        if isinstance(value, str) and not value.strip() and clearable:
            value = None  # an emptied optional field means "clear it"
        if value is None:
            if clearable:
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


def _check_consistent(person: PersonRow, changes: dict) -> None:
    """The national number encodes a birth date: both must agree (422 naming both)."""
    number = changes.get("national_number", person.national_number)
    born = changes.get("birth_date", person.birth_date)
    if number and born and not identity.national_number_matches(number, born):
        raise validation_problem([
            FieldError("nationalNumber", "national_number_birth_date_mismatch"),
            FieldError("birthDate", "national_number_birth_date_mismatch")])


async def update_me(person_id: uuid.UUID, update: MeUpdate) -> Me:
    changes = _profile_changes(update)
    async with unit_of_work():
        before = await existing_person(person_id, for_update=True)
        _check_consistent(before, changes)
        diff = {k: v for k, v in changes.items() if getattr(before, k) != v}
        accepted = await has_accepted_agreement(person_id)
        if not diff:
            return _me(before, accepted)
        after = await repository.update_person(person_id, diff)
        await record(actor_id=person_id, action="person.updated", object_type="person",
                     object_id=person_id, before={k: getattr(before, k) for k in diff},
                     after={k: getattr(after, k) for k in diff})
    return _me(after, accepted)
