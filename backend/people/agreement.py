"""The usage agreement (gebruiksovereenkomst, seeds 004:224-235): a versioned text in nl, fr and
en, accepted before the first contract; the acceptance keeps the version, the digest of the
very text shown, the language, the time and the IP, and is audited."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import uuid
from pathlib import Path

from backend.audit.service import record
from backend.http.problems import FieldError
from backend.people import repository
from backend.people.common import validation_problem
from backend.people.membership import current_agreement_version, membership, membership_rules
from backend.people.profile import existing_person
from backend.people.schemas import Membership, UsageAgreementText
from backend.platform.db import unit_of_work
from backend.platform.i18n import LANGUAGES

FOLDER = Path(__file__).parent


def _version(version: str) -> dict | None:
    return next((r for r in membership_rules()["usageAgreementVersions"]
                 if r["version"] == version), None)


@functools.cache
def text_of(version: str, language: str) -> tuple[str, str]:
    """(the text, its SHA-256) of a version in a language."""
    row = _version(version)
    if row is None:
        raise LookupError(f"no usage agreement version {version!r}")
    text = (FOLDER / row["texts"][language]).read_text(encoding="utf-8")
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_text(language: str, on: dt.date | None = None) -> UsageAgreementText:
    language = language if language in LANGUAGES else "nl"
    version = current_agreement_version(on)
    text, digest = text_of(version, language)
    return UsageAgreementText(version=version, language=language, text=text, sha256=digest,
                              valid_from=dt.date.fromisoformat(_version(version)["validFrom"]))


async def accept(person_id: uuid.UUID, version: str, *, language: str,
                 ip: str | None) -> Membership:
    """Accept a version (in the language it was read in); accepting it again changes
    nothing."""
    version = (version or "").strip()
    if _version(version) is None:
        raise validation_problem([FieldError("version", "unknown_agreement_version",
                                             {"current": current_agreement_version()})])
    language = language if language in LANGUAGES else "nl"
    _, digest = text_of(version, language)
    async with unit_of_work():
        await existing_person(person_id, for_update=True)
        accepted = await repository.insert_agreement(
            person_id=person_id, version=version, ip=ip, text_sha256=digest,
            language=language)
        if accepted is not None:
            await record(actor_id=person_id, action="usage_agreement.accepted",
                         object_type="usage_agreement", object_id=accepted.id,
                         after={"version": version, "accepted_at": accepted.accepted_at,
                                "language": language, "textSha256": digest, "ip": ip})
    return await membership(person_id)
