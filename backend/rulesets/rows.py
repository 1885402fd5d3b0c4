"""Rule-set upload rows as the repository returns them: typed, read by attribute."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec


class RuleSetUploadRow(msgspec.Struct, frozen=True):
    id: uuid.UUID
    file_id: str
    country: str
    legal_entity: str
    valid_from: dt.date
    valid_to: dt.date
    segment_ids: list[str]
    replace_existing: bool
    document: dict
    sha256: str
    file_name: str | None
    warnings: list
    status: str
    uploaded_by: uuid.UUID
    uploaded_at: dt.datetime
    decided_by: uuid.UUID | None
    decided_at: dt.datetime | None
    decision_reason: str | None
