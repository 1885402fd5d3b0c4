"""A person's data, downloadable (GDPR art. 15 and 20): one zip with ``data.json`` (their
profile, what each step still needs, and every row about them, table by table) and
``documents/`` (their quotes, contracts, invoices, payslips, receipts, signed orders)."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from decimal import Decimal

import msgspec

from backend.audit.service import record
from backend.people import personal_data
from backend.people.profile import existing_person, has_accepted_agreement, requirements_of
from backend.platform.db import unit_of_work

FORMAT = "quickjob-personal-data/1"


def _encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return None  # no binary column is exported (hashes and secrets are left out)
    raise TypeError(type(value))


async def export_zip(person_id: uuid.UUID, storage) -> tuple[bytes, str]:
    """(the zip, its file name). Documents that cannot be read are listed as missing."""
    async with unit_of_work():
        person = await existing_person(person_id)
        accepted = await has_accepted_agreement(person_id)
        tables = await personal_data.export_tables(person_id)
        await record(actor_id=person_id, action="person.data_exported", object_type="person",
                     object_id=person_id,
                     after={"tables": {k: len(v) for k, v in tables.items()}})
    documents, missing = {}, []
    for name, key in personal_data.document_keys(tables):
        try:
            documents[name] = storage.open(key)
        except Exception:  # noqa: BLE001 - a lost file must not stop the export
            missing.append(key)
    now = dt.datetime.now(dt.UTC)
    data = {
        "format": FORMAT,
        "exportedAt": now.isoformat(),
        "person": msgspec.structs.asdict(person),
        "requirements": msgspec.structs.asdict(requirements_of(person, accepted)),
        "tables": tables,
        "documents": sorted(documents),
        "documentsMissing": missing,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", msgspec.json.format(
            msgspec.json.encode(data, enc_hook=_encode), indent=2))
        for name, content in sorted(documents.items()):
            archive.writestr(f"documents/{name}", content)
    return buffer.getvalue(), f"quickjob-data-{now:%Y%m%d}.zip"
