"""Notifier port: how a message leaves the system (SMS, e-mail). Adapters in ``adapters``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    key: str  # idempotency key of the notification
    channel: str  # sms | email
    to: str
    subject: str
    body: str


class Notifier(Protocol):
    def send(self, message: OutgoingMessage) -> None: ...
