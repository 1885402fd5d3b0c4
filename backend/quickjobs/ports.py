"""The QuickJob flow's outside services, injected (built by ``backend.composition``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass

from backend.documents.ports import FileStorage


@dataclass(frozen=True)
class Ports:
    """File storage (documents, receipts), the public base URL and the secret of quote links."""

    storage: FileStorage
    public_base_url: str
    secret_key: str

    def quote_token(self, quote_id: uuid.UUID) -> str:
        """Unguessable without the server secret, re-derivable so the worker can share it again;
        only its hash is stored, and it expires with the quote (valid_until)."""
        digest = hmac.new(self.secret_key.encode(), f"quote:{quote_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()

    def accept_url(self, quote_id: uuid.UUID) -> str:
        return f"{self.public_base_url}/api/v1/public/quotes/{self.quote_token(quote_id)}"


def hash_token(token: str) -> str:
    """What is stored of a quote link's token."""
    return hashlib.sha256(token.encode()).hexdigest()
