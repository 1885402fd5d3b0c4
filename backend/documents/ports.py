"""Ports: where documents are kept and how declarations leave the system.

Adapters (``adapters``) implement them with readable files, so a person running the backend
locally can open what "was sent": the stored PDFs, the Peppol XML with its envelope, the
Dimona declarations. Real adapters (an object store, a Peppol access point, the ONSS/RSZ
Dimona web service) implement the same protocols later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Protocol


class StorageError(Exception):
    """A key is unsafe or absent, or storing would overwrite a different document."""


class FileStorage(Protocol):
    def save(self, key: str, data: bytes, content_type: str) -> str:
        """Store ``data`` under ``key`` (``"invoices/2026/000042.pdf"``); returns the key."""
        ...

    def open(self, key: str) -> bytes: ...

    def path(self, key: str) -> Path: ...


class PeppolAccessPoint(Protocol):
    def send(self, invoice_number: str, recipient_endpoint: str, ubl_bytes: bytes) -> str:
        """Hand a UBL invoice to the network for ``"0208:0403170701"``; returns a transmission id."""
        ...


# Dimona answers as ``status`` reports them.
DIMONA_PENDING = "pending"
DIMONA_ACCEPTED = "accepted"
DIMONA_REFUSED = "refused"
DIMONA_CANCELLED = "cancelled"
DIMONA_ACCEPTED_WITH_WARNING = "accepted_with_warning"
DIMONA_WAITING = "waiting"  # social security needs more time or data
DIMONA_ANSWERS = (DIMONA_ACCEPTED, DIMONA_ACCEPTED_WITH_WARNING, DIMONA_REFUSED, DIMONA_WAITING)
DIMONA_STATUSES = (DIMONA_PENDING, *DIMONA_ANSWERS, DIMONA_CANCELLED)

# Dimona worker types ("type de travailleur" / "werknemerstype") by our contract type.
# UNVERIFIED against the ONSS/RSZ Dimona glossary: "STU" (student) and "OTH" (other, the
# ordinary case) are the codes commonly used; "FLX" (flexi-job), "EXT" (horeca extra) and
# "A17" (article 17, socio-cultural) exist but none of our contract types maps to them yet.
# Artists' and interim contracts are declared as OTH here; confirm with payroll.
DIMONA_WORKER_TYPES: dict[str, str] = {
    "student": "STU",
}
DIMONA_DEFAULT_WORKER_TYPE = "OTH"


def dimona_worker_type(contract_type: str) -> str:
    return DIMONA_WORKER_TYPES.get(contract_type, DIMONA_DEFAULT_WORKER_TYPE)


@dataclass(frozen=True)
class DimonaDeclaration:
    """A Dimona-IN for one working day (day contracts: one per working day, domain §5).

    ``employer_number`` is the employer's ONSS/RSZ number or enterprise number;
    ``worker_national_number`` the INSZ/NISS; ``planned_hours`` is required for students
    (their yearly quota is counted in hours).
    """

    employer_number: str
    worker_national_number: str
    work_date: date
    worker_type: str  # "OTH", "STU", ... see dimona_worker_type
    start_hour: time | None = None
    end_hour: time | None = None
    joint_committee: str | None = None
    planned_hours: int | None = None

    def __post_init__(self) -> None:
        if not self.employer_number.strip() or not self.worker_national_number.strip():
            raise ValueError("a Dimona declaration needs the employer and the worker numbers")
        if not (len(self.worker_type) == 3 and self.worker_type.isalnum()
                and self.worker_type.isupper()):
            raise ValueError(f"worker_type is a 3-letter Dimona code, got {self.worker_type!r}")
        if (self.start_hour is None) != (self.end_hour is None):
            raise ValueError("give both start_hour and end_hour, or neither")
        if self.start_hour and self.end_hour and self.end_hour <= self.start_hour:
            raise ValueError("end_hour must be after start_hour")
        if self.worker_type == "STU" and not self.planned_hours:
            raise ValueError("a student Dimona needs planned_hours")


class DimonaDeclarations(Protocol):
    def declare(self, declaration: DimonaDeclaration) -> str:
        """File the declaration; returns its reference (the same declaration, the same one)."""
        ...

    def cancel(self, reference: str) -> None: ...

    def status(self, reference: str) -> str:
        """One of ``DIMONA_STATUSES``."""
        ...
