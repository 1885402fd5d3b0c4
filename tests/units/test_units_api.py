"""GET /units, /units/{id}, /units/{id}/ledger through the real app and database."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from backend.platform.db import fetch
from backend.units import ledger, service
from tests.units.helpers import auth, lines_sum, make_person

DAY = dt.date(2026, 3, 2)
INVOICE = [("receivable", 121000), ("turnover", -100000), ("vat_payable", -21000),
           ("contribution", 6500), ("cooperative_payable", -6500)]
LABOUR = [("labour_cost", 80000), ("salary_payable", -40000), ("withholding_payable", -5000),
          ("social_security_payable", -7000), ("cooperative_payable", -28000),
          ("expenses", 5000), ("expense_refund_payable", -5000)]
PAYMENT = [("bank", 121000), ("receivable", -121000)]


@pytest.fixture
async def world(app, clean_db):
    """Ann (worker) with her personal unit and a unit shared with Bob; Bob's own; an adviser."""
    await service.ensure_reference_data()
    ann = await make_person(first_name="Ann", last_name="Peeters")
    bob = await make_person(first_name="Bob", last_name="Dupont")
    adviser = await make_person(role="adviser", first_name="Eva", last_name="Claes")
    ann_unit = (await service.personal_unit_for(ann)).id
    bob_unit = (await service.personal_unit_for(bob)).id
    shared = (await service.create_unit("Collectif", "activity", "smart", [ann, bob])).id
    invoice = await ledger.post_entry(ann_unit, "invoice", "Invoice 2026/000001", INVOICE, DAY,
                                      reference="invoice:1", actor_id=ann)
    await ledger.post_entry(ann_unit, "labour_cost", "Labour cost", LABOUR, DAY, actor_id=ann)
    payment = await ledger.post_entry(ann_unit, "client_payment", "Payment", PAYMENT, DAY)
    reversal = await ledger.reverse_entry(payment, adviser, "Payment booked twice")
    await ledger.post_entry(bob_unit, "client_payment", "Bob's", PAYMENT, DAY)
    return {
        "ann": auth(app, ann), "bob": auth(app, bob), "adviser": auth(app, adviser, "adviser"),
        "ann_id": ann, "bob_id": bob, "ann_unit": ann_unit, "bob_unit": bob_unit,
        "shared": shared, "invoice": invoice, "payment": payment, "reversal": reversal,
    }


EXPECTED_BALANCE = 100000 - 6500 - 80000 - 5000


async def test_list_units_of_a_worker(client, world):
    r = await client.get("/api/v1/units", headers=world["ann"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["nextCursor"] is None
    items = {i["id"]: i for i in body["items"]}
    assert set(items) == {str(world["ann_unit"]), str(world["shared"])}
    mine = items[str(world["ann_unit"])]
    assert mine == {"id": str(world["ann_unit"]), "name": "Ann Peeters – QuickJob",
                    "mode": "3in1", "legalEntity": "smart", "office": None, "personal": True,
                    "status": "open", "balanceCents": EXPECTED_BALANCE}
    assert items[str(world["shared"])]["mode"] == "activity"
    assert items[str(world["shared"])]["balanceCents"] == 0


async def test_adviser_sees_every_unit_and_can_filter_by_person(client, world):
    r = await client.get("/api/v1/units", headers=world["adviser"])
    assert {i["id"] for i in r.json()["items"]} == {
        str(world["ann_unit"]), str(world["bob_unit"]), str(world["shared"])}
    r = await client.get("/api/v1/units", params={"personId": str(world["bob_id"])},
                         headers=world["adviser"])
    assert {i["id"] for i in r.json()["items"]} == {str(world["bob_unit"]), str(world["shared"])}


async def test_worker_cannot_list_someone_elses_units(client, world):
    r = await client.get("/api/v1/units", params={"personId": str(world["bob_id"])},
                         headers=world["ann"])
    assert r.status_code == 403
    r = await client.get("/api/v1/units", params={"personId": str(world["ann_id"])},
                         headers=world["ann"])
    assert r.status_code == 200 and len(r.json()["items"]) == 2


async def test_anonymous_gets_401(client, world):
    for path in ("/api/v1/units", f"/api/v1/units/{world['ann_unit']}",
                 f"/api/v1/units/{world['ann_unit']}/ledger"):
        r = await client.get(path)
        assert r.status_code == 401, path
        assert r.headers["content-type"].startswith("application/problem+json")


async def test_unit_list_pagination(client, world):
    for i in range(5):
        await service.create_unit(f"Extra {i}", "activity", "smart", [world["ann_id"]])
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        r = await client.get("/api/v1/units", params=params, headers=world["ann"])
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) <= 2
        seen += [i["id"] for i in body["items"]]
        pages += 1
        cursor = body["nextCursor"]
        if cursor is None:
            break
    assert pages == 4 and len(seen) == len(set(seen)) == 7
    r = await client.get("/api/v1/units", params={"limit": 100}, headers=world["ann"])
    assert [i["id"] for i in r.json()["items"]] == seen


async def test_get_unit_with_balance_totals_and_holders(client, world):
    r = await client.get(f"/api/v1/units/{world['ann_unit']}", headers=world["ann"])
    assert r.status_code == 200, r.text
    unit = r.json()
    totals = unit["totals"]
    assert totals["turnoverCents"] == 100000
    assert totals["contributionCents"] == 6500
    assert totals["expensesCents"] == 5000
    assert totals["labourCostCents"] == 80000
    assert totals["receivableCents"] == 121000  # the payment was reversed
    assert totals["bankCents"] == 0
    assert totals["cashCents"] == 0
    assert totals["vatPayableCents"] == 21000
    assert totals["salaryPayableCents"] == 40000
    assert totals["cooperativePayableCents"] == 6500 + 28000
    assert unit["balanceCents"] == EXPECTED_BALANCE == (
        totals["turnoverCents"] + totals["otherIncomeCents"] - totals["contributionCents"]
        - totals["expensesCents"] - totals["labourCostCents"] - totals["otherExpenseCents"])
    assets = totals["receivableCents"] + totals["bankCents"] + totals["cashCents"]
    liabilities = sum(totals[k] for k in (
        "vatPayableCents", "salaryPayableCents", "withholdingPayableCents",
        "socialSecurityPayableCents", "expenseRefundPayableCents", "cooperativePayableCents",
        "guaranteeAdvanceCents"))
    assert assets - liabilities == unit["balanceCents"]
    assert unit["legalEntityName"] == "Smart – Productions Associées asbl"
    assert [h["personId"] for h in unit["holders"]] == [str(world["ann_id"])]
    assert unit["holders"][0]["firstName"] == "Ann"
    assert "€\u00a085,00" in unit["summary"]  # nl by default: 8,500 cents left


async def test_shared_unit_lists_both_holders(client, world):
    r = await client.get(f"/api/v1/units/{world['shared']}", headers=world["bob"])
    assert r.status_code == 200
    assert {h["personId"] for h in r.json()["holders"]} == {
        str(world["ann_id"]), str(world["bob_id"])}


@pytest.mark.parametrize("suffix", ["", "/ledger"])
async def test_another_workers_unit_is_not_found(client, world, suffix):
    for unit_id in (world["bob_unit"], uuid.uuid4(), "not-a-uuid"):
        r = await client.get(f"/api/v1/units/{unit_id}{suffix}",
                             headers=world["ann"] | {"Accept-Language": "fr"})
        assert r.status_code == 404, (unit_id, r.text)
        assert r.json()["title"] == "Introuvable."
    r = await client.get(f"/api/v1/units/{world['bob_unit']}{suffix}", headers=world["adviser"])
    assert r.status_code == 200


async def test_ledger_entries_explained_newest_first(client, world):
    r = await client.get(f"/api/v1/units/{world['ann_unit']}/ledger",
                         headers=world["ann"] | {"Accept-Language": "fr"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["nextCursor"] is None
    items = body["items"]
    assert [i["kind"] for i in items] == ["reversal", "client_payment", "labour_cost", "invoice"]
    assert [i["seq"] for i in items] == sorted((i["seq"] for i in items), reverse=True)
    reversal, payment, labour, invoice = items
    assert payment["id"] == str(world["payment"])
    assert payment["reversedBy"] == reversal["id"] == str(world["reversal"])
    assert reversal["reverses"] == payment["id"] and reversal["reversedBy"] is None
    assert invoice["reverses"] is None and invoice["reversedBy"] is None
    assert invoice["reference"] == "invoice:1" and invoice["effectiveDate"] == "2026-03-02"
    assert all(lines_sum(i["lines"]) == 0 and len(i["lines"]) >= 2 for i in items)
    assert invoice["lines"][1] == {"account": "turnover",
                                   "accountLabel": "Chiffre d'affaires (hors TVA)",
                                   "amountCents": -100000}
    assert invoice["balanceEffectCents"] == 100000 - 6500
    assert labour["balanceEffectCents"] == -85000
    assert payment["balanceEffectCents"] == reversal["balanceEffectCents"] == 0
    assert sum(i["balanceEffectCents"] for i in items) == EXPECTED_BALANCE
    # plain words in the request language
    assert invoice["explanation"].startswith("Facture :")
    assert "Vos clients doivent vous payer 1\u202f210,00\u00a0€." in invoice["explanation"]
    assert "Le solde de votre unité augmente de 935,00\u00a0€." in invoice["explanation"]
    assert f"l'écriture n° {payment['seq']} du 2026-03-02" in reversal["explanation"]
    assert "Payment booked twice" in reversal["explanation"]
    assert "extournée" in payment["explanation"]


async def test_ledger_in_english_and_dutch(client, world):
    url = f"/api/v1/units/{world['ann_unit']}/ledger"
    r = await client.get(url, headers=world["ann"] | {"Accept-Language": "en"})
    invoice = r.json()["items"][-1]
    assert invoice["explanation"].startswith("Invoice: Your clients owe you €1,210.00.")
    assert invoice["lines"][0]["accountLabel"] == "Owed by clients"
    r = await client.get(url, headers=world["ann"])  # nl by default
    assert r.json()["items"][-1]["lines"][0]["accountLabel"] == "Te ontvangen van klanten"


async def test_ledger_pagination(client, world):
    for i in range(7):
        await ledger.post_entry(world["ann_unit"], "correction", f"c{i}",
                                [("other_expense", 100 + i), ("bank", -(100 + i))], DAY)
    url = f"/api/v1/units/{world['ann_unit']}/ledger"
    everything = (await client.get(url, params={"limit": 100}, headers=world["ann"])).json()
    assert everything["nextCursor"] is None and len(everything["items"]) == 11
    seen, cursor = [], None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        body = (await client.get(url, params=params, headers=world["ann"])).json()
        seen += body["items"]
        cursor = body["nextCursor"]
        if cursor is None:
            break
    assert [i["id"] for i in seen] == [i["id"] for i in everything["items"]]


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"cursor": "garbage!"}, "cursor", "Ce curseur n'est pas valable. Recommencez à la première page."),
    ({"limit": 0}, "limit", "Choisissez un nombre entre 1 et 100."),
    ({"limit": 101}, "limit", "Choisissez un nombre entre 1 et 100."),
    ({"limit": "abc"}, "limit", None),
])
@pytest.mark.parametrize("path", ["/api/v1/units", "/api/v1/units/{unit}/ledger"])
async def test_bad_cursor_or_limit_is_a_localised_422(client, world, params, field, message,
                                                      path):
    r = await client.get(path.format(unit=world["ann_unit"]), params=params,
                         headers=world["ann"] | {"Accept-Language": "fr"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["title"] == "Certaines données ne sont pas valables."
    assert body["errors"][0]["field"] == field
    if message:
        assert body["errors"][0]["message"] == message


async def test_every_change_is_audited(client, world):
    rows = await fetch("SELECT action, object_type, object_id FROM audit_log")
    done = {(r["action"], r["object_type"], r["object_id"]) for r in rows}
    for unit in ("ann_unit", "bob_unit", "shared"):
        assert ("create", "unit", str(world[unit])) in done
    assert ("post", "journal_entry", str(world["invoice"])) in done
    assert ("reverse", "journal_entry", str(world["payment"])) in done
    assert ("create", "legal_entity", "smart") in done
