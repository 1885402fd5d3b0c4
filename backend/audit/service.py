"""Every state change is audited: who, when, what before and after. Call inside the transaction."""

from __future__ import annotations

import contextvars
import json
import uuid
from datetime import date, datetime
from decimal import Decimal

from backend.audit.tables import AuditLog
from backend.platform.db import insert

current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "current_request_id", default=None
)


def _jsonable(value):
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    raise TypeError(type(value))


_SECRET_FIELDS = {"password_hash", "code_hash", "token_hash"}


def _clean(snapshot: dict | None) -> str | None:
    if snapshot is None:
        return None
    return json.dumps({k: v for k, v in snapshot.items() if k not in _SECRET_FIELDS},
                      default=_jsonable)


async def record(*, actor_id: uuid.UUID | None, action: str, object_type: str,
                 object_id: object, before: dict | None = None, after: dict | None = None) -> None:
    await insert(AuditLog, {"actor_id": actor_id, "action": action, "object_type": object_type,
                            "object_id": str(object_id), "before": _clean(before),
                            "after": _clean(after), "request_id": current_request_id.get()})
