"""File storage, Peppol outbox and Dimona outbox: safe keys, immutable documents, readable files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

import pytest
from documents_samples import make_invoice

from backend.documents.adapters import (
    DocumentNotFound,
    LocalFileStorage,
    OutboxDimona,
    OutboxPeppolAccessPoint,
)
from backend.documents.ports import (
    DimonaDeclaration,
    DimonaDeclarations,
    FileStorage,
    PeppolAccessPoint,
    StorageError,
    dimona_worker_type,
)
from backend.documents.ubl import render_ubl_invoice

FIXED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_storage_saves_and_opens(tmp_path):
    storage: FileStorage = LocalFileStorage(tmp_path)
    key = storage.save("invoices/2026/000042.pdf", b"%PDF-1.7 test", "application/pdf")
    assert key == "invoices/2026/000042.pdf"
    assert storage.open(key) == b"%PDF-1.7 test"
    assert storage.path(key) == tmp_path / "invoices" / "2026" / "000042.pdf"
    assert (tmp_path / "invoices" / "2026" / "000042.pdf").read_bytes() == b"%PDF-1.7 test"
    assert storage.content_type(key) == "application/pdf"
    assert storage.exists(key) and not storage.exists("invoices/2026/000043.pdf")


@pytest.mark.parametrize("key", [
    "../x", "a/../../x", "/etc/passwd", "a//b", "", ".", "..", "a/./b", "a\\..\\x", ".hidden",
    "a/.meta/x", "C:/x", "x\x00y", "with space.pdf", "a/b/", "~/x",
])
def test_storage_refuses_unsafe_keys(tmp_path, key):
    storage = LocalFileStorage(tmp_path / "root")
    with pytest.raises(StorageError):
        storage.save(key, b"x", "text/plain")
    with pytest.raises(StorageError):
        storage.open(key)
    with pytest.raises(StorageError):
        storage.path(key)
    assert not (tmp_path / "x").exists()


def test_storage_refuses_a_symlink_out_of_the_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(StorageError, match="leaves"):
        LocalFileStorage(root).save("link/x.pdf", b"x", "application/pdf")
    assert not (outside / "x.pdf").exists()


def test_stored_documents_are_immutable(tmp_path):
    storage = LocalFileStorage(tmp_path)
    storage.save("quotes/q1.pdf", b"one", "application/pdf")
    assert storage.save("quotes/q1.pdf", b"one", "application/pdf") == "quotes/q1.pdf"  # retry
    with pytest.raises(StorageError, match="immutable"):
        storage.save("quotes/q1.pdf", b"two", "application/pdf")
    assert storage.open("quotes/q1.pdf") == b"one"
    LocalFileStorage(tmp_path, allow_overwrite=True).save("quotes/q1.pdf", b"two", "application/pdf")
    assert storage.open("quotes/q1.pdf") == b"two"


def test_missing_document(tmp_path):
    with pytest.raises(DocumentNotFound):
        LocalFileStorage(tmp_path).open("nothing.pdf")
    with pytest.raises(FileNotFoundError):
        LocalFileStorage(tmp_path).open("nothing.pdf")


def test_content_type_falls_back_to_the_extension(tmp_path):
    storage = LocalFileStorage(tmp_path)
    (tmp_path / "a.xml").write_bytes(b"<a/>")
    assert storage.content_type("a.xml") in ("application/xml", "text/xml")


def test_peppol_outbox_writes_xml_and_envelope(tmp_path):
    access_point: PeppolAccessPoint = OutboxPeppolAccessPoint(tmp_path, clock=lambda: FIXED)
    doc = make_invoice()
    ubl = render_ubl_invoice(doc)
    transmission = access_point.send(doc.number, "0208:0403019261", ubl)
    assert transmission.startswith("OUTBOX-")
    xml_file = tmp_path / "peppol" / "2026-000042.xml"
    assert xml_file.read_bytes() == ubl
    envelope = json.loads((tmp_path / "peppol" / "2026-000042.json").read_text())
    assert envelope["transmissionId"] == transmission
    assert envelope["recipient"] == "0208:0403019261"
    assert envelope["documentType"] == "Invoice"
    assert envelope["invoiceNumber"] == "2026/000042"
    assert envelope["queuedAt"] == FIXED.isoformat()
    assert access_point.envelope(doc.number) == envelope
    # the same invoice again: the same transmission, nothing rewritten
    assert access_point.send(doc.number, "0208:0403019261", ubl) == transmission
    # another content under the same number: refused (a credit note corrects an invoice)
    with pytest.raises(StorageError, match="credit note"):
        access_point.send(doc.number, "0208:0403019261", ubl.replace(b"1000.00", b"1000.01"))


def test_peppol_outbox_checks_its_input(tmp_path):
    access_point = OutboxPeppolAccessPoint(tmp_path)
    with pytest.raises(ValueError, match="scheme"):
        access_point.send("1", "0403019261", b"<Invoice/>")
    with pytest.raises(ValueError, match="XML"):
        access_point.send("1", "0208:0403019261", b"not xml")
    with pytest.raises(ValueError, match="UBL"):
        access_point.send("1", "0208:0403019261", b"<Order/>")
    with pytest.raises(DocumentNotFound):
        access_point.envelope("2026/999999")


def declaration(**changes) -> DimonaDeclaration:
    fields = dict(employer_number="0403170701", worker_national_number="85.07.30-033.28",
                  work_date=date(2026, 3, 2), worker_type=dimona_worker_type("employee"),
                  start_hour=time(9), end_hour=time(17), joint_committee="200")
    fields.update(changes)
    return DimonaDeclaration(**fields)


def test_dimona_outbox_declares_and_reads_answers(tmp_path):
    dimona: DimonaDeclarations = OutboxDimona(tmp_path, clock=lambda: FIXED)
    reference = dimona.declare(declaration())
    assert reference.startswith("DIM-20260302-")
    assert dimona.declare(declaration()) == reference  # deterministic, idempotent
    assert dimona.declare(declaration(work_date=date(2026, 3, 3))) != reference
    body = json.loads((tmp_path / "dimona" / f"{reference}.json").read_text())
    assert body["workerType"] == "OTH" and body["workDate"] == "2026-03-02"
    assert body["startHour"] == "09:00" and body["endHour"] == "17:00"
    assert body["workerNationalNumber"] == "85.07.30-XXX.XX"  # minimal data in the outbox
    assert "033" not in json.dumps(body)
    assert dimona.status(reference) == "pending"
    # a person (or the back office) answers by writing a word in a file
    (tmp_path / "dimona" / f"{reference}.answer").write_text("Accepted\n")
    assert dimona.status(reference) == "accepted"
    dimona.answer(reference, "refused", reason="INSZ unknown")
    assert dimona.status(reference) == "refused"
    dimona.cancel(reference)
    dimona.cancel(reference)  # twice is harmless
    assert dimona.status(reference) == "cancelled"
    assert (tmp_path / "dimona" / f"{reference}.cancel.json").exists()


def test_dimona_outbox_errors(tmp_path):
    dimona = OutboxDimona(tmp_path)
    with pytest.raises(KeyError):
        dimona.status("DIM-20260302-0123456789")
    with pytest.raises(KeyError):
        dimona.cancel("DIM-20260302-0123456789")
    with pytest.raises(ValueError):
        dimona.status("../../etc/passwd")
    reference = dimona.declare(declaration())
    with pytest.raises(ValueError):
        dimona.answer(reference, "maybe")


def test_dimona_declaration_rules():
    assert dimona_worker_type("student") == "STU"
    assert dimona_worker_type("artist") == "OTH"
    with pytest.raises(ValueError, match="planned_hours"):
        declaration(worker_type="STU")
    assert declaration(worker_type="STU", planned_hours=8).planned_hours == 8
    with pytest.raises(ValueError):
        declaration(start_hour=time(17), end_hour=time(9))
    with pytest.raises(ValueError):
        declaration(end_hour=None)
    with pytest.raises(ValueError):
        declaration(worker_type="other")
