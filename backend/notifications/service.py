"""Queue a notification with the change that causes it (outbox), in the recipient's language."""

from __future__ import annotations

from backend.jobs import outbox

# Codes a person is waiting for on a sign-in screen: sent even while the API is saturated.
WAITED_FOR = frozenset({"otp", "staff_code"})


def notification(*, key: str, channel: str, to: str, template: str, language: str,
                 params: dict | None = None) -> outbox.Message:
    """The outbox message of a notification, for a caller that writes several in one go."""
    return outbox.Message(
        "notify",
        {"key": key, "channel": channel, "to": to, "template": template,
         "language": language, "params": params or {}},
        dedupe_key=f"notify:{key}", urgent=template in WAITED_FOR,
    )


async def notify(*, key: str, channel: str, to: str, template: str, language: str,
                 params: dict | None = None) -> None:
    await outbox.add_many([notification(key=key, channel=channel, to=to, template=template,
                                        language=language, params=params)])
