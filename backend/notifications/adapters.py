"""Notifier adapters: a readable file outbox (development, SMS without a provider) and SMTP."""

from __future__ import annotations

import json
import smtplib
import time
from email.message import EmailMessage
from pathlib import Path

from backend.notifications.ports import Notifier, OutgoingMessage
from backend.platform.settings import Settings


def write_outbox_file(folder: Path, key: str, data: dict) -> Path:
    """One JSON file a person can open, named by time and key; written whole before it appears
    (a reader of the folder never sees half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    safe_key = "".join(c if c.isalnum() or c in "-_" else "_" for c in key)
    path = folder / f"{time.strftime('%Y%m%dT%H%M%S')}-{safe_key}.json"
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    partial.replace(path)
    return path


class FileOutboxNotifier:
    """Writes each message as a JSON file a person can open: ``.data/outbox/messages/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "messages"

    def send(self, message: OutgoingMessage) -> None:
        write_outbox_file(self.folder, message.key, message.__dict__)


class SmtpNotifier:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def send(self, message: OutgoingMessage) -> None:
        email = EmailMessage()
        email["From"] = self.settings.smtp_from
        email["To"] = message.to
        email["Subject"] = message.subject
        email.set_content(message.body)
        with smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port, timeout=10) as smtp:
            smtp.starttls()
            if self.settings.smtp_user:
                smtp.login(self.settings.smtp_user, self.settings.smtp_password or "")
            smtp.send_message(email)


class RoutingNotifier:
    """E-mail over SMTP when configured; everything else to the file outbox."""

    def __init__(self, settings: Settings) -> None:
        self.file = FileOutboxNotifier(settings.outbox_dir)
        self.smtp = SmtpNotifier(settings) if settings.smtp_host else None

    def send(self, message: OutgoingMessage) -> None:
        target: Notifier = self.smtp if (message.channel == "email" and self.smtp) else self.file
        target.send(message)
