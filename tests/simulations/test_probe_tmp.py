import json

BASE = {"performanceDates": ["2025-03-03"], "amountCents": 100000, "vatIncluded": False,
        "vatRate": "21", "contractType": "employee", "withholdingRate": "11.11",
        "expenses": [{"amountCents": 5000, "category": "travel"}], "clientCountry": "BE"}
CASES = {
 "ok": {},
 "neg": {"amountCents": -5},
 "zero": {"amountCents": 0},
 "absurd": {"amountCents": 100000001},
 "ct": {"contractType": "astronaut"},
 "vat": {"vatRate": "19"},
 "vat0": {"vatRate": "0"},
 "nodates": {"performanceDates": []},
 "missingdates": {"performanceDates": None},
 "wh": {"withholdingRate": "5"},
 "cat": {"expenses": [{"amountCents": 5000, "category": "champagne"}]},
 "expexceed": {"expenses": [{"amountCents": 99000, "category": "travel"}]},
 "amountstr": {"amountCents": "1000"},
 "amountfloat": {"amountCents": 1000.5},
 "datesstr": {"performanceDates": "2025-03-03"},
 "baddate": {"performanceDates": ["2025-02-30"]},
 "vatint": {"vatRate": 21},
 "vatincl": {"vatIncluded": "yes"},
 "unknown": {"foo": 1},
 "unknownexp": {"expenses": [{"amountCents": 5000, "category": "travel", "x": 1}]},
}
async def test_probe(client):
    out = {}
    for name, over in CASES.items():
        body = {**BASE, **over}
        if over.get("performanceDates", 1) is None:
            del body["performanceDates"]
        res = {}
        for lang in ("nl", "fr", "en"):
            r = await client.post("/api/v1/simulations", json=body, headers={"Accept-Language": lang})
            res[lang] = (r.status_code, r.headers.get("content-type"), r.json())
        out[name] = res
    out["2026"] = (await client.post("/api/v1/simulations", json={**BASE, "performanceDates": ["2026-03-02"]})).json()
    out["rs"] = (await client.get("/api/v1/rule-sets")).json()
    open("/tmp/probe/out.json", "w").write(json.dumps(out, indent=1, ensure_ascii=False))
