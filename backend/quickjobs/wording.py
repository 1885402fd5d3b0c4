"""Words the QuickJob flow puts in messages: review reasons and the worker's name (amounts and
dates: backend.platform.formatting)."""

from __future__ import annotations

from backend.platform import i18n
from backend.quickjobs.rows import WorkerRow


def reason_text(reason: dict, lang: str) -> str:
    """A review reason in the reader's language (params may carry their own translations)."""
    params = {k: (v.get(lang) or v.get("nl")) if isinstance(v, dict) else v
              for k, v in reason.get("params", {}).items()}
    return i18n.t(reason["code"], lang, **params)


def person_name(person: WorkerRow) -> str:
    """The worker as the client sees it (e-mails, documents, pages): first and last name, else
    the e-mail; never the phone number. "" when the worker gave neither."""
    full = " ".join(p for p in (person.first_name, person.last_name) if p)
    return full or (person.email or "")
