"""Words the QuickJob flow puts in messages: review reasons and the worker's name (amounts and
dates: backend.platform.formatting)."""

from __future__ import annotations

from backend.people import identity
from backend.platform import i18n
from backend.quickjobs.rows import WorkerRow


def reason_text(reason: dict, lang: str) -> str:
    """A review reason in the reader's language (params may carry their own translations)."""
    params = {k: (v.get(lang) or v.get("nl")) if isinstance(v, dict) else v
              for k, v in reason.get("params", {}).items()}
    return i18n.t(reason["code"], lang, **params)


def person_name(person: WorkerRow) -> str:
    """First and last name as the client sees the worker; never their phone number or e-mail
    address (a quote needs the name: backend.people.identity), else the cooperative's."""
    return identity.display_name(person) or "Smart"
