"""Wire format of rule-set uploads in the back office."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec


class RuleSetWarningOut(msgspec.Struct, rename="camel"):
    where: str
    code: str
    message: str


class RuleSetUploadOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    file_id: str
    country: str
    legal_entity: str
    valid_from: dt.date
    valid_to: dt.date
    segment_ids: list[str]
    replace: bool
    sha256: str
    status: Annotated[Literal["pending", "approved", "rejected", "superseded"], msgspec.Meta(
        description="pending (waiting for a second admin), approved (applies from validFrom), "
                    "rejected, or superseded (a later approved upload replaced it)")]
    uploaded_by: uuid.UUID
    uploaded_at: dt.datetime
    warnings: Annotated[list[RuleSetWarningOut], msgspec.Meta(
        description="Parameters whose source says they are not confirmed: for the approver")]
    in_force: Annotated[bool, msgspec.Meta(
        description="Approved and part of the rule book this server computes with")] = False
    file_name: str | None = None
    decided_by: uuid.UUID | None = None
    decided_at: dt.datetime | None = None
    decision_reason: str | None = None


class RuleSetUploadList(msgspec.Struct, rename="camel"):
    items: list[RuleSetUploadOut]
    next_cursor: str | None = None


class RuleSetDecisionIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    reason: str | None = None
