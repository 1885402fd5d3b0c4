"""POST /api/v1/simulations and GET /api/v1/rule-sets exactly as api.md promises them:
every field, the 3in1 invariant, texts in the caller's language, rule-set fallback, localised
422 problems naming the field, and the public rate limit."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from decimal import Decimal

import httpx
import pytest

from backend.engine import EXPENSE_CATEGORIES, ExpenseInput, SimulationInput, simulate
from backend.platform.settings import Settings
from tests.conftest import bearer, sign_in

URL = "/api/v1/simulations"
LANGS = ("nl", "fr", "en")

# api.md, "Simulation": the response fields, all of them promised to the app.
API_FIELDS = {
    "ruleSet", "turnoverCents", "vatCents", "totalInclVatCents", "contributionCents",
    "expensesCents", "workBudgetCents", "employerCostCents", "grossCents",
    "socialSecurityCents", "taxableCents", "withholdingTaxCents", "netCents",
    "unitRemainderCents", "payDate", "lines",
}
CENTS_FIELDS = sorted(f for f in API_FIELDS if f.endswith("Cents"))
LINE_FIELDS = {"code", "label", "amountCents", "explanation"}
# Lines whose amount repeats a top-level figure.
LINE_TO_FIELD = {
    "turnover": "turnoverCents", "vat": "vatCents", "total_incl_vat": "totalInclVatCents",
    "contribution": "contributionCents", "expenses": "expensesCents",
    "work_budget": "workBudgetCents", "employer_cost": "employerCostCents",
    "gross": "grossCents", "social_security": "socialSecurityCents",
    "taxable": "taxableCents", "withholding_tax": "withholdingTaxCents", "net": "netCents",
    "unit_remainder": "unitRemainderCents",
}
CONTRACT_TYPES = ("employee", "manual_worker", "student", "artist", "artist_1bis", "interim",
                  "training", "open_ended")

DAY_2025 = "2025-03-03"  # a Monday inside the 2025 rule set
DAY_2027 = "2027-03-01"  # after the latest rule set (2026): falls back to it and says so


def body(**overrides) -> dict:
    """The api.md example request."""
    b = {"performanceDates": [DAY_2025], "amountCents": 100000, "vatIncluded": False,
         "vatRate": "21", "contractType": "employee", "withholdingRate": "11.11",
         "expenses": [{"amountCents": 5000, "category": "travel"}], "clientCountry": "BE"}
    b.update(overrides)
    return b


async def simulate_ok(client, lang: str | None = None, **overrides) -> dict:
    headers = {"Accept-Language": lang} if lang else {}
    r = await client.post(URL, json=body(**overrides), headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def assert_invariant(sim: dict) -> None:
    assert sim["turnoverCents"] == (sim["contributionCents"] + sim["expensesCents"]
                                    + sim["employerCostCents"] + sim["unitRemainderCents"])


# --------------------------------------------------------------------------- the answer
async def test_answer_has_every_api_field_with_the_right_types(client):
    sim = await simulate_ok(client, "en")
    assert API_FIELDS <= set(sim), API_FIELDS - set(sim)
    assert "ruleSetFallback" in sim and sim["ruleSetFallback"] is False
    for field in CENTS_FIELDS:
        assert type(sim[field]) is int, (field, sim[field])  # cents, never floats or bools
    assert isinstance(sim["ruleSet"], str) and sim["ruleSet"]
    pay = dt.date.fromisoformat(sim["payDate"])
    assert pay > dt.date.fromisoformat(DAY_2025) and pay.weekday() < 5
    assert_invariant(sim)
    # The api.md example, figures checked by hand: 6.5 % contribution, 21 % VAT.
    assert sim["turnoverCents"] == 100000
    assert sim["vatCents"] == 21000 and sim["totalInclVatCents"] == 121000
    assert sim["contributionCents"] == 6500 and sim["expensesCents"] == 5000
    assert sim["workBudgetCents"] == 100000 - 6500 - 5000
    assert sim["taxableCents"] == sim["grossCents"] - sim["socialSecurityCents"]
    assert sim["netCents"] == sim["taxableCents"] - sim["withholdingTaxCents"]
    assert 0 < sim["netCents"] < sim["grossCents"] <= sim["employerCostCents"]


async def test_lines_are_complete_and_match_the_figures(client):
    sim = await simulate_ok(client, "en")
    codes = [line["code"] for line in sim["lines"]]
    assert len(codes) == len(set(codes))
    assert set(LINE_TO_FIELD) <= set(codes)
    for line in sim["lines"]:
        assert set(line) >= LINE_FIELDS, line
        assert type(line["amountCents"]) is int
        assert line["label"].strip() and line["explanation"].strip()
        if line["code"] in LINE_TO_FIELD:
            assert line["amountCents"] == sim[LINE_TO_FIELD[line["code"]]], line["code"]


async def test_lines_speak_the_requested_language_and_figures_do_not_change(client):
    by_lang = {lang: await simulate_ok(client, lang) for lang in LANGS}
    by_lang["default"] = await simulate_ok(client)  # no Accept-Language: nl (api.md)
    by_lang["fr-BE"] = await simulate_ok(client, "fr-BE,fr;q=0.9,en;q=0.5")
    figures = {k: {f: v for f, v in s.items() if f != "lines"} for k, s in by_lang.items()}
    assert all(f == figures["nl"] for f in figures.values())
    texts = {k: [(li["label"], li["explanation"]) for li in s["lines"]] for k, s in by_lang.items()}
    assert texts["default"] == texts["nl"] and texts["fr-BE"] == texts["fr"]
    for a, b in (("nl", "fr"), ("nl", "en"), ("fr", "en")):
        assert texts[a] != texts[b]
        # every line's label differs between languages (no untranslated fallback)
        assert all(x[0] != y[0] for x, y in zip(texts[a], texts[b], strict=True)), (a, b)
    labels = {lang: {li["code"]: li["label"] for li in by_lang[lang]["lines"]} for lang in LANGS}
    assert labels["en"]["net"] == "Net pay"
    assert "btw" in labels["nl"]["vat"].lower() and "TVA" in labels["fr"]["vat"]


async def test_answer_is_the_engine_result(client):
    """One engine: the endpoint adds nothing to and loses nothing from simulate()."""
    for lang in LANGS:
        sim = await simulate_ok(client, lang)
        engine = simulate(SimulationInput(
            performance_dates=(dt.date.fromisoformat(DAY_2025),), amount_cents=100000,
            vat_rate="21", contract_type="employee", withholding_rate="11.11",
            expenses=(ExpenseInput(5000, "travel"),))).to_api(lang)
        assert {k: engine[k] for k in sim} == sim


async def test_rule_set_is_named_and_listed(client):
    sim = await simulate_ok(client)
    listed = {item["id"] for item in (await client.get("/api/v1/rule-sets")).json()["items"]}
    assert sim["ruleSet"] in listed
    assert sim["ruleSet"].startswith("be-smart-2025")


async def test_dates_after_the_latest_rule_set_fall_back_and_say_so(client):
    in_force = await simulate_ok(client, performanceDates=[DAY_2025])
    fallback = await simulate_ok(client, "en", performanceDates=[DAY_2027])
    assert in_force["ruleSetFallback"] is False
    assert fallback["ruleSetFallback"] is True
    assert fallback["ruleSet"].startswith("be-smart-2026")
    assert fallback["payDate"] > DAY_2027
    assert fallback["lines"][0]["code"] == "rule_set_fallback"  # said in words, first
    assert DAY_2027 in fallback["lines"][0]["explanation"]
    assert_invariant(fallback)
    # spanning the year end: the last date decides (the day the salary becomes due)
    mixed = await simulate_ok(client, performanceDates=["2026-12-30", "2027-01-05"])
    assert mixed["ruleSetFallback"] is True
    in_2026 = await simulate_ok(client, performanceDates=["2025-12-30", "2026-01-05"])
    assert in_2026["ruleSetFallback"] is False and in_2026["ruleSet"] == "be-smart-2026"


async def test_invariant_for_every_contract_type_rate_and_amount(client):
    for contract in CONTRACT_TYPES:
        vat = {"vatRate": "0", "vatExemption": "training"} if contract == "training" else {}
        for amount in (1, 9999, 100000, 1234567, 99_999_999):
            for included in (False, True):
                expenses = [{"amountCents": amount // 20, "category": "travel"}] \
                    if amount >= 100 else []
                sim = await simulate_ok(client, contractType=contract, amountCents=amount,
                                        vatIncluded=included, withholdingRate=None,
                                        expenses=expenses, **vat)
                assert_invariant(sim)
                assert sim["unitRemainderCents"] >= 0
                assert sim["totalInclVatCents"] == sim["turnoverCents"] + sim["vatCents"]
                assert sim["totalInclVatCents" if included else "turnoverCents"] == amount


@pytest.mark.parametrize("vat", [{"vatRate": "21"}, {"vatRate": "12"}, {"vatRate": "6"},
                                 {"vatRate": "0", "vatExemption": "training"},
                                 {"vatRate": "0", "vatExemption": "export",
                                  "clientCountry": "US"}])
async def test_vat_included_and_excluded_agree(client, vat):
    for excl in (100, 4321, 100000, 987654):
        without = await simulate_ok(client, amountCents=excl, vatIncluded=False,
                                    expenses=[], **vat)
        within = await simulate_ok(client, amountCents=without["totalInclVatCents"],
                                   vatIncluded=True, expenses=[], **vat)
        assert within == without, (vat, excl)
    if vat["vatRate"] == "0":
        assert without["vatCents"] == 0


async def test_optional_fields_take_their_defaults(client):
    r = await client.post(URL, json={"performanceDates": [DAY_2025], "amountCents": 100000},
                          headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text
    explicit = await simulate_ok(client, "en", expenses=[])
    assert r.json() == explicit  # 21 % VAT, employee, 11.11 % withholding, no expenses, BE


async def test_several_dates_and_every_expense_category(client):
    expenses = [{"amountCents": 1000, "category": c} for c in EXPENSE_CATEGORIES]
    sim = await simulate_ok(client, performanceDates=["2025-03-03", "2025-03-04", "2025-03-05"],
                            expenses=expenses)
    assert sim["expensesCents"] == 1000 * len(EXPENSE_CATEGORIES)
    assert_invariant(sim)


# --------------------------------------------------------------------------- bad input
async def problem(client, lang: str | None, payload) -> dict:
    headers = {"Accept-Language": lang} if lang else {}
    r = await client.post(URL, json=payload, headers=headers)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    p = r.json()
    assert p["status"] == 422
    assert p["type"].startswith("https://") and p["title"] and p["detail"]
    assert p["errors"], p
    for e in p["errors"]:
        assert set(e) >= {"field", "code", "message"} and e["message"], e
    return p


async def assert_refused(client, payload, field: str, code: str | None = None) -> dict:
    """422 naming ``field`` (with ``code``), in three different languages, nl by default."""
    by_lang = {lang: await problem(client, lang, payload) for lang in LANGS}
    default = await problem(client, None, payload)
    messages = {}
    for lang, p in by_lang.items():
        assert [e["field"] for e in p["errors"]] == [field], (lang, p["errors"])
        if code is not None:
            assert p["errors"][0]["code"] == code, p["errors"]
        messages[lang] = p["errors"][0]["message"]
    assert len(set(messages.values())) == 3, messages
    assert len({p["detail"] for p in by_lang.values()}) == 3
    assert default["errors"] == by_lang["nl"]["errors"]
    return messages


async def test_negative_and_zero_amounts(client):
    msgs = await assert_refused(client, body(amountCents=-100), "amountCents",
                                "engine.not_positive")
    assert "nul" in msgs["nl"] and "zéro" in msgs["fr"] and "zero" in msgs["en"]
    await assert_refused(client, body(amountCents=0), "amountCents", "engine.not_positive")
    await assert_refused(client, body(expenses=[{"amountCents": -1, "category": "travel"}]),
                         "expenses[0].amountCents", "engine.not_positive")


async def test_absurd_amount_above_the_rule_set_maximum(client):
    items = (await client.get("/api/v1/rule-sets")).json()["items"]
    maximum = next(p["value"] for p in items[-1]["parameters"]
                   if p["key"] == "limits.max_amount_cents")
    await simulate_ok(client, amountCents=maximum)
    msgs = await assert_refused(client, body(amountCents=maximum + 1), "amountCents",
                                "engine.too_large")
    assert all(str(maximum) in m for m in msgs.values())
    await assert_refused(client, body(amountCents=10**30), "amountCents")
    await assert_refused(client, body(expenses=[{"amountCents": maximum + 1,
                                                 "category": "travel"}]),
                         "expenses[0].amountCents", "engine.too_large")


async def test_unknown_contract_type(client):
    msgs = await assert_refused(client, body(contractType="astronaut"), "contractType",
                                "engine.unknown_contract_type")
    assert all("astronaut" in m and "employee" in m for m in msgs.values())
    await assert_refused(client, body(contractType="Employee"), "contractType")


async def test_unknown_vat_rate(client):
    msgs = await assert_refused(client, body(vatRate="19"), "vatRate", "engine.unknown_vat_rate")
    assert all("19" in m for m in msgs.values())
    await assert_refused(client, body(vatRate="21.0"), "vatRate")


async def test_zero_vat_needs_an_exemption_reason(client):
    msgs = await assert_refused(client, body(vatRate="0"), "vatExemption",
                                "engine.exemption_required")
    assert all("training" in m for m in msgs.values())
    await assert_refused(client, body(vatRate="0", vatExemption="because"), "vatExemption",
                         "engine.unknown_exemption")
    await assert_refused(client, body(vatRate="21", vatExemption="training"), "vatExemption",
                         "engine.exemption_not_allowed")
    await assert_refused(client, body(vatRate="0", vatExemption="intra_eu_reverse_charge"),
                         "clientCountry", "engine.exemption_needs_eu_client")
    ok = await simulate_ok(client, vatRate="0", vatExemption="intra_eu_reverse_charge",
                           clientCountry="FR")
    assert ok["vatCents"] == 0


async def test_no_dates(client):
    await assert_refused(client, body(performanceDates=[]), "performanceDates",
                         "engine.no_dates")
    without = body()
    del without["performanceDates"]
    await assert_refused(client, without, "performanceDates", "field_required")


async def test_bad_dates(client):
    await assert_refused(client, body(performanceDates=["2025-02-30"]), "performanceDates[0]")
    await assert_refused(client, body(performanceDates=["03/03/2025"]), "performanceDates[0]")
    await assert_refused(client, body(performanceDates=[DAY_2025, DAY_2025]),
                         "performanceDates", "engine.duplicate_date")
    # before the first rule set: no rules, not a silent guess
    await assert_refused(client, body(performanceDates=["2017-06-01"]), "performanceDates",
                         "engine.no_rule_set")


async def test_withholding_rate_below_the_minimum(client):
    msgs = await assert_refused(client, body(withholdingRate="5"), "withholdingRate",
                                "engine.withholding_below_minimum")
    assert all("11.11" in m for m in msgs.values())
    await assert_refused(client, body(withholdingRate="11.10"), "withholdingRate",
                         "engine.withholding_below_minimum")
    await assert_refused(client, body(withholdingRate="eleven"), "withholdingRate",
                         "engine.invalid_rate")
    # students may choose 0 %: the minimum is per contract type
    student = await simulate_ok(client, contractType="student", withholdingRate="0")
    assert student["withholdingTaxCents"] == 0


async def test_unknown_expense_category(client):
    payload = body(expenses=[{"amountCents": 1000, "category": "travel"},
                             {"amountCents": 1000, "category": "champagne"}])
    msgs = await assert_refused(client, payload, "expenses[1].category",
                                "engine.unknown_expense_category")
    assert all("champagne" in m for m in msgs.values())


async def test_expenses_exceeding_the_turnover(client):
    payload = body(amountCents=100000, expenses=[{"amountCents": 60000, "category": "travel"},
                                                 {"amountCents": 40000, "category": "meals"}])
    msgs = await assert_refused(client, payload, "expenses", "engine.expenses_exceed_turnover")
    assert all("100000" in m for m in msgs.values())
    # exactly what is left after the contribution still fits
    fits = await simulate_ok(client, amountCents=100000,
                             expenses=[{"amountCents": 93500, "category": "travel"}])
    assert fits["workBudgetCents"] == 0 and fits["netCents"] == 0


@pytest.mark.parametrize(("field", "value"), [
    ("amountCents", "100000"),      # a string of digits is not an integer
    ("amountCents", 1000.5),
    ("amountCents", 100000.0),      # money is never a float, not even a round one
    ("amountCents", True),
    ("amountCents", None),
    ("vatRate", 21),                # rates are decimal strings
    ("withholdingRate", 11.11),
    ("vatIncluded", "yes"),
    ("vatIncluded", "true"),
    ("vatIncluded", 1),
    ("contractType", ["employee"]),
    ("performanceDates", DAY_2025),
    ("expenses", {"amountCents": 1000, "category": "travel"}),
    ("clientCountry", 56),
])
async def test_wrong_json_types_are_refused(client, field, value):
    await assert_refused(client, body(**{field: value}), field)


async def test_wrong_json_type_inside_an_expense(client):
    await assert_refused(client, body(expenses=[{"amountCents": "1000", "category": "travel"}]),
                         "expenses[0].amountCents")


async def test_body_that_is_not_an_object(client):
    for payload in ([body()], "simulate", 42, None):
        p = await problem(client, "en", payload)
        assert len(p["errors"]) == 1, p["errors"]
    r = await client.post(URL, content=b"{not json", headers={
        "content-type": "application/json", "Accept-Language": "fr"})
    assert r.status_code in (400, 422)
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["content-language"] == "fr"


async def test_unknown_fields_are_refused(client):
    await assert_refused(client, body(amount=100000), "amount", "unknown_field")
    await assert_refused(client, body(vat_rate="21"), "vat_rate", "unknown_field")


async def test_unknown_or_missing_field_inside_an_expense_is_named_with_its_path(client):
    await assert_refused(
        client, body(expenses=[{"amountCents": 1000, "category": "travel", "receipt": "x"}]),
        "expenses[0].receipt", "unknown_field")
    await assert_refused(client, body(expenses=[{"amountCents": 1000}]),
                         "expenses[0].category", "field_required")


async def test_body_that_is_not_an_object_is_named_body(client):
    await assert_refused(client, [body()], "body", "expected_type")


# --------------------------------------------------------------------------- rule sets
async def test_rule_sets_list_every_parameter_with_a_source(client):
    r = await client.get("/api/v1/rule-sets", headers={"Accept-Language": "en"})
    assert r.status_code == 200
    listing = r.json()
    assert listing["nextCursor"] is None
    ids = [item["id"] for item in listing["items"]]
    assert len(ids) == len(set(ids))
    assert any(i.startswith("be-smart-2024") for i in ids)
    assert any(i.startswith("be-smart-2025") for i in ids)
    for item in listing["items"]:
        assert {"id", "fileId", "country", "legalEntity", "validFrom", "validTo",
                "description", "parameters"} <= set(item)
        assert item["country"] == "BE" and item["legalEntity"] == "smart"
        assert item["validFrom"] <= item["validTo"]
        keys = [p["key"] for p in item["parameters"]]
        assert len(keys) == len(set(keys))
        assert {"contribution.rate_percent", "limits.max_amount_cents", "vat.rates"} <= set(keys)
        for param in item["parameters"]:
            assert set(param) == {"key", "value", "source"}, param
            assert isinstance(param["source"], str) and param["source"].strip(), param
            assert param["value"] is not None, param
    rate = {p["key"]: p["value"] for p in listing["items"][-1]["parameters"]}
    assert rate["contribution.rate_percent"] == "6.5"  # domain.md §4
    # segments of one year are contiguous and ordered
    froms = [dt.date.fromisoformat(i["validFrom"]) for i in listing["items"]]
    assert froms == sorted(froms)


async def test_simulation_uses_the_listed_contribution_rate(client):
    items = (await client.get("/api/v1/rule-sets")).json()["items"]
    sim = await simulate_ok(client, amountCents=200000, expenses=[])
    rule_set = next(i for i in items if i["id"] == sim["ruleSet"])
    rate = next(p["value"] for p in rule_set["parameters"]
                if p["key"] == "contribution.rate_percent")
    assert sim["contributionCents"] == int(200000 * Decimal(rate) / 100) == 13000


# --------------------------------------------------------------------------- rate limit
def strict_app(settings: Settings, public_per_minute: int, per_minute: int = 100_000):
    from backend.app import create_app

    return create_app(Settings(**{**settings.__dict__,
                                  "public_rate_limit_per_minute": public_per_minute,
                                  "rate_limit_per_minute": per_minute}))


async def avoid_minute_boundary() -> None:
    """Limits count in fixed one-minute windows: do not start a burst in the last seconds."""
    into = time.time() % 60
    if into > 55:
        await asyncio.sleep(60.5 - into)


async def test_public_rate_limit_applies_to_simulations(app, settings, clean_db):
    strict = strict_app(settings, public_per_minute=3)
    await avoid_minute_boundary()
    try:
        transport = httpx.ASGITransport(app=strict, client=("198.51.100.20", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            codes = [(await c.post(URL, json=body())).status_code for _ in range(3)]
            assert codes == [200, 200, 200]
            limited = {lang: await c.post(URL, json=body(), headers={"Accept-Language": lang})
                       for lang in LANGS}
            # rule sets share the public budget of this caller
            assert (await c.get("/api/v1/rule-sets")).status_code == 429
        other = httpx.ASGITransport(app=strict, client=("198.51.100.21", 1))
        async with httpx.AsyncClient(transport=other, base_url="http://t") as c:
            assert (await c.post(URL, json=body())).status_code == 200  # per caller
    finally:
        await strict.state.redis.aclose()
    for r in limited.values():
        assert r.status_code == 429
        assert r.headers["content-type"].startswith("application/problem+json")
        assert 0 < int(r.headers["retry-after"]) <= 60
        assert r.headers["x-request-id"]
        assert r.json()["status"] == 429
    assert len({r.json()["detail"] for r in limited.values()}) == 3
    assert "Too many requests" in limited["en"].json()["detail"]


async def test_signed_in_callers_get_the_regular_limit(app, settings, client):
    tokens = await sign_in(client, phone="+32470111222")
    strict = strict_app(settings, public_per_minute=2, per_minute=1000)
    await avoid_minute_boundary()
    try:
        transport = httpx.ASGITransport(app=strict, client=("198.51.100.22", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            codes = [(await c.post(URL, json=body(), headers=bearer(tokens))).status_code
                     for _ in range(5)]
            anonymous = [(await c.post(URL, json=body())).status_code for _ in range(3)]
    finally:
        await strict.state.redis.aclose()
    assert codes == [200] * 5
    assert anonymous == [200, 200, 429]
