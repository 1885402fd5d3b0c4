"""Job: deliver one notification, at most once per key."""

from __future__ import annotations

from backend import composition
from backend.jobs.runner import once
from backend.notifications.ports import OutgoingMessage
from backend.platform import i18n
from backend.platform.db import unit_of_work
from backend.platform.settings import Settings


async def deliver(payload: dict, settings: Settings | None = None) -> None:
    lang = payload.get("language", "nl")
    params = payload.get("params", {})
    message = OutgoingMessage(
        key=payload["key"],
        channel=payload["channel"],
        to=payload["to"],
        subject=i18n.t(f"{payload['template']}.subject", lang, **params),
        body=i18n.t(f"{payload['template']}.body", lang, **params),
    )
    async with unit_of_work():
        if not await once(f"notify:{message.key}", "notify"):
            return
        # Sent inside the transaction: if sending fails, the key is not recorded and rq retries.
        composition.adapters(settings).notifier.send(message)
