"""Form nonces of the client's pages: cross-site request forgery protection without a cookie or
a session (the client has no account).

A page's form carries ``<issued>.<mac>``: the time the page was made and an HMAC-SHA256, under
the server secret, of that time, the form's purpose and the page's token. A POST is taken only
with a nonce made for the same page and purpose within ``MAX_AGE`` (a page left open longer is
shown again with a fresh one). Another site cannot make one without the secret; the browser's
``Sec-Fetch-Site: cross-site`` is refused as well (``backend.clientpages.controllers``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

MAX_AGE = 24 * 3600  # seconds a page's form stays good
CLOCK_SKEW = 300


def _mac(secret: str, purpose: str, token: str, issued: int) -> str:
    message = f"client-page-form:{purpose}:{hashlib.sha256(token.encode()).hexdigest()}:{issued}"
    digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def make(secret: str, purpose: str, token: str, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return f"{issued}.{_mac(secret, purpose, token, issued)}"


def check(secret: str, purpose: str, token: str, nonce: str | None,
          now: float | None = None) -> bool:
    """True for a nonce ``make`` gave for this purpose and token, not older than ``MAX_AGE``."""
    issued_text, _, mac = (nonce or "").partition(".")
    if not issued_text.isdigit() or not mac:
        return False
    issued = int(issued_text)
    current = time.time() if now is None else now
    if not -CLOCK_SKEW <= current - issued <= MAX_AGE:
        return False
    return hmac.compare_digest(mac, _mac(secret, purpose, token, issued))
