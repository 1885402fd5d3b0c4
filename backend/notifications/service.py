"""Queue a notification with the change that causes it (outbox), in the recipient's language."""

from __future__ import annotations

from backend.jobs import outbox


async def notify(*, key: str, channel: str, to: str, template: str, language: str,
                 params: dict | None = None) -> None:
    await outbox.add(
        "notify",
        {"key": key, "channel": channel, "to": to, "template": template,
         "language": language, "params": params or {}},
        dedupe_key=f"notify:{key}",
    )
