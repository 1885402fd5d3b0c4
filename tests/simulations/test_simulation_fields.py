"""The simulation says what it computed with: ruleSetFallback explained in words
(ruleSetNotice, per language), the work bonus, the hours per day and the gross per hour against
the legal minimum, each field documented in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from backend.engine import SimulationInput, simulate
from tests.rulesets.rule_files import first_weekday_on_or_after, latest_set, next_year

URL = "/api/v1/simulations"
NEW_FIELDS = {"ruleSetFallback": bool, "ruleSetNotice": (str, type(None)),
              "workBonusCents": int, "fiscalWorkBonusCents": int, "hoursPerDay": str,
              "grossPerHourCents": int, "minimumHourlyWageCents": int,
              "belowMinimumWage": bool}


async def _post(client, lang="en", **body) -> dict:
    r = await client.post(URL, json={"amountCents": 100_000, **body},
                          headers={"Accept-Language": lang})
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_new_fields_are_there_and_follow_the_engine(client, clean_db):
    day = first_weekday_on_or_after(latest_set().valid_from + dt.timedelta(days=40))
    got = await _post(client, performanceDates=[day.isoformat()], amountCents=15_000)
    for field, kind in NEW_FIELDS.items():
        assert isinstance(got[field], kind), field
    sim = simulate(SimulationInput((day,), 15_000))
    assert got["ruleSetFallback"] is False and got["ruleSetNotice"] is None
    assert got["workBonusCents"] == sim.work_bonus_cents > 0  # a low day: the bonus applies
    assert got["fiscalWorkBonusCents"] == sim.fiscal_work_bonus_cents
    assert (got["hoursPerDay"], got["grossPerHourCents"]) == ("7.6", sim.gross_per_hour_cents)
    assert got["belowMinimumWage"] is sim.below_minimum_wage is True
    # Three hours that day: the same gross over fewer hours.
    short = await _post(client, performanceDates=[day.isoformat()], amountCents=15_000,
                        hoursPerDay="3")
    assert short["hoursPerDay"] == "3" and short["belowMinimumWage"] is False
    assert short["grossPerHourCents"] == (2 * short["grossCents"] + 3) // 6
    bad = await client.post(URL, json={"amountCents": 100_000, "performanceDates": [
        day.isoformat()], "hoursPerDay": "30"}, headers={"Accept-Language": "en"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "hoursPerDay"


async def test_a_fallback_is_said_in_words_in_each_language(client, clean_db):
    day = first_weekday_on_or_after(dt.date(next_year(), 2, 1))
    notices = {}
    for lang in ("nl", "fr", "en"):
        got = await _post(client, lang, performanceDates=[day.isoformat()])
        assert got["ruleSetFallback"] is True
        assert got["lines"][0] == {"code": "rule_set_fallback", "amountCents": 0,
                                   "label": got["lines"][0]["label"],
                                   "explanation": got["ruleSetNotice"]}
        notices[lang] = got["ruleSetNotice"]
    assert notices["en"] == (
        f"The legal amounts for {day.isoformat()} are not loaded yet. These figures are "
        f"provisional, computed with the rules of {latest_set().id} (valid until "
        f"{latest_set().valid_to.isoformat()}), and may still change. An adviser checks them; "
        "nothing is paid before the rules are in force.")
    assert notices["nl"].startswith(f"Voor {day.isoformat()} zijn de wettelijke bedragen")
    assert notices["fr"].startswith(f"Pour le {day.isoformat()}, les montants légaux")


def test_the_fields_are_described_in_the_openapi_schema():
    spec = json.loads((Path(__file__).resolve().parents[2] / "openapi" / "openapi.json").read_text())
    props = spec["components"]["schemas"]["SimulationResponse"]["properties"]
    for field in NEW_FIELDS:
        assert len(props[field].get("description", "")) > 20, field
    assert "provisional" in props["ruleSetFallback"]["description"]
    assert set(NEW_FIELDS) <= set(spec["components"]["schemas"]["SimulationResponse"]["required"])
