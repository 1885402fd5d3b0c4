"""The QuickJob flow's outside services, injected (built by ``backend.composition``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass

from backend.documents.ports import FileStorage

# The client's pages (backend.clientpages): one for the quote, one per invoice.
QUOTE_PAGE = "/q/"
INVOICE_PAGE = "/i/"


@dataclass(frozen=True)
class Ports:
    """File storage (documents, receipts), the public base URL and the secret of the client's
    links; ``production`` makes invoicing refuse the demo bank account."""

    storage: FileStorage
    public_base_url: str
    secret_key: str
    production: bool = False

    def _token(self, kind: str, object_id: uuid.UUID) -> str:
        """Unguessable without the server secret, re-derivable so the link can be sent again;
        only its hash is stored."""
        digest = hmac.new(self.secret_key.encode(), f"{kind}:{object_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()

    def quote_token(self, quote_id: uuid.UUID) -> str:
        """The quote's link token; it is refused once the quote expired (valid_until)."""
        return self._token("quote", quote_id)

    def invoice_token(self, invoice_id: uuid.UUID) -> str:
        return self._token("invoice", invoice_id)

    def accept_url(self, quote_id: uuid.UUID) -> str:
        """The quote page a person opens to read, accept or decline the quote (e-mail, PDF)."""
        return f"{self.public_base_url}{QUOTE_PAGE}{self.quote_token(quote_id)}"

    def invoice_url(self, invoice_id: uuid.UUID) -> str:
        """The invoice page: amount, account, structured communication, QR code to pay."""
        return f"{self.public_base_url}{INVOICE_PAGE}{self.invoice_token(invoice_id)}"


def hash_token(token: str) -> str:
    """What is stored of a client link's token."""
    return hashlib.sha256(token.encode()).hexdigest()
