"""File adapters for the document ports: what a person can open and read.

- ``LocalFileStorage(root)``: documents under ``root/<key>``; keys are relative paths of
  plain segments (``invoices/2026/000042.pdf``), anything that could escape ``root`` is
  refused. A stored document is immutable: saving other bytes under the same key raises
  (re-saving the same bytes is a no-op, so retried jobs are harmless).
- ``OutboxPeppolAccessPoint(folder)``: ``folder/peppol/<invoice>.xml`` and a JSON envelope
  ``<invoice>.json`` beside it, instead of a real access point.
- ``OutboxDimona(folder)``: ``folder/dimona/<reference>.json`` per declaration; a cancel
  writes ``<reference>.cancel.json``; the answer of "social security" is simulated by a file
  ``<reference>.answer`` (a word: ``accepted`` / ``refused``) or ``<reference>.answer.json``
  (``{"status": ..., "reason": ...}``), which ``answer()`` writes for tests and the back office.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from backend.documents.parties import mask_national_number
from backend.documents.ports import (
    DIMONA_ANSWERS,
    DIMONA_CANCELLED,
    DIMONA_PENDING,
    DimonaDeclaration,
    StorageError,
)

_SEGMENT = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,127}")
_META_DIR = ".meta"


class DocumentNotFound(StorageError, FileNotFoundError):
    """No document under that key."""


def _now() -> datetime:
    return datetime.now(UTC)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _safe_name(text: str) -> str:
    """``"2026/000042"`` -> ``"2026-000042"``: one safe file-name segment."""
    name = re.sub(r"[^A-Za-z0-9_.\-]", "-", text).strip(".-")
    if not name:
        raise StorageError(f"cannot make a file name from {text!r}")
    return name[:120]


class LocalFileStorage:
    def __init__(self, root: Path, *, allow_overwrite: bool = False) -> None:
        self.root = Path(root)
        self.allow_overwrite = allow_overwrite

    def _check_key(self, key: str) -> list[str]:
        if not isinstance(key, str) or not key or len(key) > 512:
            raise StorageError(f"invalid storage key {key!r}")
        parts = key.split("/")
        for part in parts:
            # no "", ".", "..", hidden names, backslashes, drive letters, NUL, spaces...
            if not _SEGMENT.fullmatch(part) or part in (".", ".."):
                raise StorageError(f"unsafe storage key {key!r}")
        return parts

    def path(self, key: str) -> Path:
        parts = self._check_key(key)
        target = self.root.joinpath(*parts)
        root = self.root.resolve()
        if not target.resolve().is_relative_to(root):  # a symlink pointing outside
            raise StorageError(f"storage key {key!r} leaves the storage root")
        return target

    def _meta_path(self, key: str) -> Path:
        return self.root / _META_DIR / (key + ".json")

    def save(self, key: str, data: bytes, content_type: str) -> str:
        if not isinstance(data, bytes | bytearray):
            raise StorageError("data must be bytes")
        data = bytes(data)
        target = self.path(key)
        if target.exists():
            if target.read_bytes() == data:
                return key
            if not self.allow_overwrite:
                raise StorageError(f"{key!r} already holds another document; documents are "
                                   "immutable (issue a new one, e.g. a credit note)")
        _write_atomic(target, data)
        meta = {"key": key, "contentType": content_type, "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest()}
        _write_atomic(self._meta_path(key), json.dumps(meta, indent=2).encode())
        return key

    def open(self, key: str) -> bytes:
        target = self.path(key)
        try:
            return target.read_bytes()
        except FileNotFoundError as exc:
            raise DocumentNotFound(f"no document {key!r}") from exc

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def content_type(self, key: str) -> str:
        self.path(key)  # validates the key
        try:
            return json.loads(self._meta_path(key).read_text())["contentType"]
        except (FileNotFoundError, KeyError, ValueError):
            return mimetypes.guess_type(key)[0] or "application/octet-stream"


class OutboxPeppolAccessPoint:
    """Writes what would go to the Peppol network under ``folder/peppol/``."""

    def __init__(self, folder: Path, *, clock: Callable[[], datetime] = _now) -> None:
        self.folder = Path(folder) / "peppol"
        self.clock = clock

    def send(self, invoice_number: str, recipient_endpoint: str, ubl_bytes: bytes) -> str:
        scheme, _, ident = recipient_endpoint.partition(":")
        if not re.fullmatch(r"[0-9A-Z]{2,4}", scheme) or not ident:
            raise ValueError(f"recipient must be 'scheme:identifier', got {recipient_endpoint!r}")
        try:
            root = etree.fromstring(ubl_bytes)
        except etree.XMLSyntaxError as exc:
            raise ValueError("ubl_bytes is not XML") from exc
        document_type = etree.QName(root).localname
        if document_type not in ("Invoice", "CreditNote"):
            raise ValueError(f"not a UBL Invoice or CreditNote: {document_type}")
        name = _safe_name(invoice_number)
        xml_path = self.folder / f"{name}.xml"
        envelope_path = self.folder / f"{name}.json"
        digest = hashlib.sha256(ubl_bytes).hexdigest()
        transmission_id = "OUTBOX-" + hashlib.sha256(
            f"{invoice_number}|{recipient_endpoint}|{digest}".encode()).hexdigest()[:24].upper()
        if xml_path.exists():
            if xml_path.read_bytes() == ubl_bytes and envelope_path.exists():
                return json.loads(envelope_path.read_text())["transmissionId"]
            raise StorageError(f"invoice {invoice_number!r} was already sent with other content; "
                               "correct it with a credit note")
        _write_atomic(xml_path, ubl_bytes)
        envelope = {
            "transmissionId": transmission_id,
            "invoiceNumber": invoice_number,
            "documentType": document_type,
            "recipient": recipient_endpoint,
            "sha256": digest,
            "size": len(ubl_bytes),
            "queuedAt": self.clock().isoformat(),
            "status": "queued",
            "note": "Outbox adapter: nothing was sent to the Peppol network.",
        }
        _write_atomic(envelope_path, json.dumps(envelope, indent=2, ensure_ascii=False).encode())
        return transmission_id

    def envelope(self, invoice_number: str) -> dict:
        path = self.folder / f"{_safe_name(invoice_number)}.json"
        try:
            return json.loads(path.read_text())
        except FileNotFoundError as exc:
            raise DocumentNotFound(f"invoice {invoice_number!r} was not sent") from exc


class OutboxDimona:
    """Writes Dimona declarations under ``folder/dimona/`` and reads simulated answers."""

    def __init__(self, folder: Path, *, clock: Callable[[], datetime] = _now) -> None:
        self.folder = Path(folder) / "dimona"
        self.clock = clock

    @staticmethod
    def reference_for(declaration: DimonaDeclaration) -> str:
        """Deterministic: the same declaration always gets the same reference."""
        fields = "|".join(str(v) for v in (
            declaration.employer_number, "".join(c for c in declaration.worker_national_number
                                                 if c.isdigit()),
            declaration.work_date.isoformat(), declaration.worker_type, declaration.start_hour,
            declaration.end_hour, declaration.joint_committee, declaration.planned_hours))
        digest = hashlib.sha256(fields.encode()).hexdigest()[:10].upper()
        return f"DIM-{declaration.work_date:%Y%m%d}-{digest}"

    def _path(self, reference: str, suffix: str) -> Path:
        if not re.fullmatch(r"DIM-\d{8}-[0-9A-F]{10}", reference):
            raise ValueError(f"not a Dimona reference: {reference!r}")
        return self.folder / f"{reference}{suffix}"

    def declare(self, declaration: DimonaDeclaration) -> str:
        reference = self.reference_for(declaration)
        path = self._path(reference, ".json")
        if path.exists():
            return reference
        body = {
            "reference": reference,
            "type": "IN",
            "employerNumber": declaration.employer_number,
            # minimal data: the outbox is not a transmission, so only the birth part is kept
            "workerNationalNumber": mask_national_number(declaration.worker_national_number),
            "workDate": declaration.work_date.isoformat(),
            "workerType": declaration.worker_type,
            "startHour": declaration.start_hour.strftime("%H:%M") if declaration.start_hour else None,
            "endHour": declaration.end_hour.strftime("%H:%M") if declaration.end_hour else None,
            "jointCommittee": declaration.joint_committee,
            "plannedHours": declaration.planned_hours,
            "declaredAt": self.clock().isoformat(),
            "howToAnswer": f"write 'accepted' or 'refused' into {reference}.answer",
        }
        _write_atomic(path, json.dumps(body, indent=2, ensure_ascii=False).encode())
        return reference

    def _require(self, reference: str) -> None:
        if not self._path(reference, ".json").exists():
            raise KeyError(f"unknown Dimona reference {reference!r}")

    def cancel(self, reference: str) -> None:
        self._require(reference)
        path = self._path(reference, ".cancel.json")
        if path.exists():
            return
        body = {"reference": reference, "type": "CANCEL", "cancelledAt": self.clock().isoformat()}
        _write_atomic(path, json.dumps(body, indent=2).encode())

    def answer(self, reference: str, status: str, reason: str | None = None) -> None:
        """Simulate the social-security answer (tests, back office in development)."""
        self._require(reference)
        if status not in DIMONA_ANSWERS:
            raise ValueError(f"an answer is one of {DIMONA_ANSWERS}")
        body = {"status": status, "reason": reason, "answeredAt": self.clock().isoformat()}
        _write_atomic(self._path(reference, ".answer.json"), json.dumps(body, indent=2).encode())

    def status(self, reference: str) -> str:
        self._require(reference)
        if self._path(reference, ".cancel.json").exists():
            return DIMONA_CANCELLED
        answer: str | None = None
        json_answer = self._path(reference, ".answer.json")
        text_answer = self._path(reference, ".answer")
        if json_answer.exists():
            try:
                answer = str(json.loads(json_answer.read_text()).get("status", ""))
            except (ValueError, AttributeError):
                answer = None
        elif text_answer.exists():
            words = text_answer.read_text().split()
            answer = words[0] if words else None
        answer = (answer or "").strip().lower()
        if answer in DIMONA_ANSWERS:
            return answer
        return DIMONA_PENDING

    def reason(self, reference: str) -> str | None:
        """The explanation social security gave with its answer, if any."""
        path = self._path(reference, ".answer.json")
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text()).get("reason")
        except ValueError:
            return None


__all__ = ["DocumentNotFound", "LocalFileStorage", "OutboxDimona", "OutboxPeppolAccessPoint"]
