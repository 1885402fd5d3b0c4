"""An Idempotency-Key claimed with the change it guards: one statement and one commit fewer.

The HTTP layer (``backend.http.middleware.IdempotencyMiddleware``) claims a key before the
handler runs: an INSERT committed on its own. On a route whose writes all go into one
``together()`` block (QuickJob creation) it leaves the claim pending here instead, and
``together()`` writes it as the first part of that block's statement: committed with the
change, or not at all. A second request with the same key fails on the record's key, its
transaction rolled back (``ClaimTaken``), and is answered from the first one's record.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

RECORD_KEY = "idempotency_record_pkey"  # the constraint a second claim of the key breaks
CLAIM_SQL = "INSERT INTO idempotency_record (scope_key, request_hash) VALUES ($1, $2)"


@dataclass
class PendingClaim:
    scope_key: str
    request_hash: str
    written: bool = False  # sent by a together() block (its transaction may still roll back)
    taken: bool = False  # another request holds the key


class ClaimTaken(Exception):
    """Another request claimed this Idempotency-Key first: nothing of this one was kept."""


_pending: ContextVar[PendingClaim | None] = ContextVar("pending_claim", default=None)


def pending() -> PendingClaim | None:
    """The claim the next ``together()`` block writes, if it is not written yet."""
    claim = _pending.get()
    return claim if claim is not None and not claim.written else None


@contextmanager
def claimed_with_change(claim: PendingClaim) -> Iterator[PendingClaim]:
    """Within the block, ``claim`` is written by the first ``together()`` block."""
    token = _pending.set(claim)
    try:
        yield claim
    finally:
        _pending.reset(token)
