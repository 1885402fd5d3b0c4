"""Clients belong to the worker who entered them (issue 14, item 5), through the API with two
workers, and the migration that split the clients they used to share."""

import uuid

from pypdf import PdfReader

from backend.platform.db import DB, fetch
from tests.quickjobs.conftest import quickjob_body, token_of

QUICKJOBS = "/api/v1/quickjobs"
A_CLIENT = {"name": "Brouwerij De Klok", "email": "boekhouding@deklok.be",
            "vatNumber": "BE0403019261", "country": "BE", "address": "Markt 1, 9000 Gent",
            "language": "nl"}


async def _pdf_text(client, headers, job_id: str, name: str) -> str:
    import io

    r = await client.get(f"{QUICKJOBS}/{job_id}/documents/{name}", headers=headers)
    assert r.status_code == 200, r.text
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)


async def test_worker_b_typing_a_clients_email_gets_nothing_of_a(
        client, worker_headers, other_worker_headers, adviser_headers):
    """The probe: worker B typed a client with A's client's e-mail and got A's client name,
    address and id back on B's quote and invoice, then could use A's clientId."""
    a_job = (await client.post(QUICKJOBS, json=quickjob_body(client=A_CLIENT),
                               headers=worker_headers)).json()
    typed_by_b = {"name": "Café Het Hoekje", "email": "BOEKHOUDING@deklok.be", "country": "BE"}
    r = await client.post(QUICKJOBS, json=quickjob_body(client=typed_by_b),
                          headers=other_worker_headers)
    assert r.status_code == 201, r.text
    b_job = r.json()
    # What B typed is what B's QuickJob and documents show: nothing of A's.
    assert b_job["clientName"] == "Café Het Hoekje"
    assert b_job["clientId"] != a_job["clientId"]
    quote = await _pdf_text(client, other_worker_headers, b_job["id"], "quote.pdf")
    assert "Café Het Hoekje" in quote
    assert "Brouwerij De Klok" not in quote and "Markt 1" not in quote and "0403" not in quote
    r = await client.post(f"/api/v1/public/quotes/{token_of(b_job['quote']['acceptUrl'])}/accept")
    assert r.status_code == 201
    r = await client.post(f"{QUICKJOBS}/{b_job['id']}/invoice", headers=other_worker_headers)
    assert r.status_code == 201, r.text
    invoice = await _pdf_text(client, other_worker_headers, b_job["id"],
                              f"invoice-{r.json()['id']}.pdf")
    assert "Café Het Hoekje" in invoice and "Brouwerij De Klok" not in invoice
    assert "Markt 1" not in invoice
    # A's clientId does not exist for B (the same answer as an unknown id).
    for client_id in (a_job["clientId"], str(uuid.uuid4())):
        r = await client.post(QUICKJOBS, json=quickjob_body(client=None, clientId=client_id),
                              headers={**other_worker_headers, "Accept-Language": "en"})
        assert r.status_code == 422, r.text
        assert r.json()["errors"] == [{"field": "clientId", "code": "client_unknown",
                                       "message": r.json()["errors"][0]["message"]}]
    # Each sees only their own clients; advisers see everyone's.
    mine = (await client.get("/api/v1/clients", headers=other_worker_headers)).json()
    assert [c["name"] for c in mine["items"]] == ["Café Het Hoekje"]
    theirs = (await client.get("/api/v1/clients", headers=worker_headers)).json()
    assert [c["name"] for c in theirs["items"]] == ["Brouwerij De Klok"]
    everyone = (await client.get("/api/v1/clients", headers=adviser_headers)).json()
    assert {c["name"] for c in everyone["items"]} == {"Brouwerij De Klok", "Café Het Hoekje"}
    # A's client stayed A's, as A typed it.
    a_read = (await client.get(f"{QUICKJOBS}/{a_job['id']}", headers=worker_headers)).json()
    assert a_read["clientName"] == "Brouwerij De Klok"
    row = (await fetch("SELECT name, address FROM client WHERE id = {}",
                       uuid.UUID(a_job["clientId"])))[0]
    assert row == {"name": "Brouwerij De Klok", "address": "Markt 1, 9000 Gent"}


async def test_the_same_vat_number_typed_by_two_workers_is_two_clients(
        client, worker_headers, other_worker_headers):
    a_job = (await client.post(QUICKJOBS, json=quickjob_body(client=A_CLIENT),
                               headers=worker_headers)).json()
    b_job = (await client.post(QUICKJOBS, json=quickjob_body(client={
        **A_CLIENT, "name": "De Klok bv", "address": "Kerkstraat 2, 9000 Gent"}),
        headers=other_worker_headers)).json()
    assert b_job["clientId"] != a_job["clientId"] and b_job["clientName"] == "De Klok bv"
    rows = await fetch("SELECT name, address, created_by FROM client ORDER BY created_at")
    assert [(r["name"], r["address"]) for r in rows] == [
        ("Brouwerij De Klok", "Markt 1, 9000 Gent"), ("De Klok bv", "Kerkstraat 2, 9000 Gent")]
    assert len({r["created_by"] for r in rows}) == 2


async def test_a_worker_reuses_their_own_client_by_id(client, worker_headers):
    first = (await client.post(QUICKJOBS, json=quickjob_body(client=A_CLIENT),
                               headers=worker_headers)).json()
    again = await client.post(QUICKJOBS, json=quickjob_body(client=None,
                                                           clientId=first["clientId"]),
                              headers=worker_headers)
    assert again.status_code == 201, again.text
    assert again.json()["clientId"] == first["clientId"]
    assert again.json()["clientName"] == "Brouwerij De Klok"
    listed = (await client.get("/api/v1/clients?limit=1", headers=worker_headers)).json()
    assert len(listed["items"]) == 1 and listed["nextCursor"] is None


async def test_the_client_list_pages(client, worker_headers):
    for i in range(3):
        await client.post(QUICKJOBS, json=quickjob_body(
            client={"name": f"Klant {i}", "country": "BE"}), headers=worker_headers)
    page = (await client.get("/api/v1/clients?limit=2", headers=worker_headers)).json()
    assert [c["name"] for c in page["items"]] == ["Klant 2", "Klant 1"]
    rest = (await client.get(f"/api/v1/clients?limit=2&cursor={page['nextCursor']}",
                             headers=worker_headers)).json()
    assert [c["name"] for c in rest["items"]] == ["Klant 0"] and rest["nextCursor"] is None
    r = await client.get("/api/v1/clients?cursor=not-a-cursor", headers=worker_headers)
    assert r.status_code == 422


def _migration_statements() -> list[str]:
    import importlib

    module = importlib.import_module(  # its name starts with a digit: no import statement
        "backend.platform.migrations.2026_12_03t17_10_00_000000_clients_per_worker")
    return module.STATEMENTS


async def test_the_migration_splits_a_client_two_workers_shared(
        client, worker_headers, other_worker_headers):
    """Before: one client row per e-mail, shared. The migration gives the second worker their
    own identical copy, moves their QuickJob to it, and audits the split; the documents print
    the same data as before."""
    a_job = (await client.post(QUICKJOBS, json=quickjob_body(client=A_CLIENT),
                               headers=worker_headers)).json()
    b_job = (await client.post(QUICKJOBS, json=quickjob_body(client={
        "name": "Iets anders", "country": "BE"}), headers=other_worker_headers)).json()
    before = await _pdf_text(client, worker_headers, a_job["id"], "quote.pdf")
    # The old sharing: B's QuickJob on A's client row.
    await fetch("UPDATE quickjob SET client = {} WHERE id = {}", uuid.UUID(a_job["clientId"]),
                uuid.UUID(b_job["id"]))
    split = next(s for s in _migration_statements() if "client.split" in s)
    await DB.run_ddl(split)

    b_read = (await client.get(f"{QUICKJOBS}/{b_job['id']}", headers=other_worker_headers)).json()
    a_read = (await client.get(f"{QUICKJOBS}/{a_job['id']}", headers=worker_headers)).json()
    assert a_read["clientId"] == a_job["clientId"]  # the owner keeps the row
    assert b_read["clientId"] not in (a_job["clientId"], b_job["clientId"])
    copy = (await fetch("SELECT name, email, vat_number, address, created_by FROM client "
                        "WHERE id = {}", uuid.UUID(b_read["clientId"])))[0]
    original = (await fetch("SELECT name, email, vat_number, address, created_by FROM client "
                            "WHERE id = {}", uuid.UUID(a_job["clientId"])))[0]
    assert {k: v for k, v in copy.items() if k != "created_by"} == {
        k: v for k, v in original.items() if k != "created_by"}
    assert copy["created_by"] != original["created_by"]
    audit = await fetch("SELECT object_id, after FROM audit_log WHERE action = 'client.split'")
    assert [a["object_id"] for a in audit] == [b_read["clientId"]]
    after = await _pdf_text(client, worker_headers, a_job["id"], "quote.pdf")
    assert after == before
    # Run again: nothing more to split.
    await DB.run_ddl(split)
    assert len(await fetch("SELECT id FROM audit_log WHERE action = 'client.split'")) == 1
