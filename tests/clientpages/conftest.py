"""The client's pages: a QuickJob made through the API by a worker, then read as its client."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

import pytest

from tests.quickjobs.conftest import (  # noqa: F401 - fixtures for these tests too
    adviser_headers,
    quickjob_body,
    token_of,
    worker_headers,
)


def belgian_vat_number() -> str:
    """A new valid Belgian VAT number (mod 97), so each test's client is a new client."""
    first = 1_000_000 + secrets.randbelow(9_000_000)  # "0" + these 7 digits: the first 8
    return f"BE0{first:07d}{97 - first % 97:02d}"


def client_body(language: str = "nl", **overrides) -> dict:
    """A QuickJob for a new Belgian business client who reads ``language``; a Unicode name on
    purpose."""
    client = {"name": "Brouwerij Łódź & Zoon", "email": f"klant-{language}@example.be",
              "vatNumber": belgian_vat_number(), "country": "BE",
              "address": "Markt 1, 9000 Gent", "language": language}
    return quickjob_body(client=client, **overrides)


async def create_quickjob(http, headers, body: dict | None = None) -> dict:
    r = await http.post("/api/v1/quickjobs", json=body or client_body(), headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def queued_mails(template: str) -> list[dict]:
    """The e-mails of one template queued for delivery (outbox table), rendered as the worker's
    ``notify`` job renders them: ``{"to", "subject", "body"}``."""
    from backend.jobs.tables import OutboxMessage
    from backend.platform import i18n
    from backend.platform.db import unit_of_work

    async with unit_of_work():
        found = await OutboxMessage.select(OutboxMessage.payload).where(
            OutboxMessage.job == "notify").order_by(OutboxMessage.created_at)
    mails = []
    for item in found:
        payload = json.loads(item["payload"]) if isinstance(item["payload"], str) else item["payload"]
        if payload.get("template") != template:
            continue
        lang, params = payload["language"], payload["params"]
        mails.append({"to": payload["to"], "language": lang,
                      "subject": i18n.t(f"{template}.subject", lang, **params),
                      "body": i18n.t(f"{template}.body", lang, **params)})
    return mails


def delivered_mails(settings, subject_part: str) -> list[dict]:
    """E-mails the worker delivered to the file outbox (what a person opens), by subject."""
    folder = Path(settings.outbox_dir) / "messages"
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        message = json.loads(path.read_text(encoding="utf-8"))
        if subject_part in message.get("subject", ""):
            found.append(message)
    return found


def link_in(text: str, prefix: str) -> str:
    """The first link in ``text`` whose path starts with ``prefix`` (e.g. ``/q/``)."""
    match = re.search(r"https?://[^\s]+" + re.escape(prefix) + r"[A-Za-z0-9_\-]+", text)
    assert match, f"no {prefix} link in: {text!r}"
    return match.group(0)


@pytest.fixture
def path_of():
    def path(url: str) -> str:
        return re.sub(r"^https?://[^/]+", "", url)
    return path
