"""A QuickJob the law questions goes to an adviser with a reason in words, amounts and dates
written for each language: no rule set in force for its date, a gross per hour below the legal
minimum, work on a Sunday or a public holiday. ``hoursPerDay`` is honoured: the hourly figure,
the review, the stored figures and the contract PDF follow it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from backend.engine import RuleBook, SimulationInput, public_holidays, simulate
from backend.platform.formatting import format_date, format_money
from tests.quickjobs.conftest import next_weekday, quickjob_body, token_of
from tests.rulesets.rule_files import (
    COUNTRY,
    ENTITY,
    latest_set,
    make_admin,
    next_year_document,
    upload_and_approve,
)

REVIEWS = "/api/v1/backoffice/review-items"


async def _create(client, headers, **body) -> dict:
    r = await client.post("/api/v1/quickjobs", json=quickjob_body(**body), headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def _reasons(client, adviser_headers, quickjob_id: str) -> dict[str, list[str]]:
    out = {}
    for lang in ("nl", "fr", "en"):
        items = (await client.get(REVIEWS, headers={**adviser_headers,
                                                    "Accept-Language": lang})).json()["items"]
        [item] = [i for i in items if i["quickjobId"] == quickjob_id]
        out[lang] = item["reasons"]
    return out


def _first_day_without_rules(today: dt.date) -> dt.date:
    """A weekday after the latest rule set, within the year a QuickJob may be planned."""
    day = max(next_weekday(today), latest_set().valid_to + dt.timedelta(days=1))
    while day.weekday() >= 5 or day in {h.day for h in public_holidays(
            day.year, latest_set())}:
        day += dt.timedelta(days=1)
    if day > today + dt.timedelta(days=366):
        pytest.skip("the latest rule set covers more than the next year")
    return day


async def test_a_date_without_rules_goes_to_review_until_the_rule_set_is_approved(
        client, worker_headers, adviser_headers):
    day = _first_day_without_rules(dt.date.today())
    job = await _create(client, worker_headers, performanceDates=[day.isoformat()])
    assert job["status"] == "in_review"
    [reason] = job["reviewReasons"]  # in the worker's language
    assert reason.startswith(f"Voor {format_date(day, 'nl')} zijn de wettelijke bedragen")
    assert job["simulation"]["ruleSetFallback"] is True
    assert job["simulation"]["ruleSetNotice"].startswith("Voor " + day.isoformat())
    reasons = await _reasons(client, adviser_headers, job["id"])
    assert f"The legal amounts for {format_date(day, 'en')} are not in force yet" in reasons["en"][0]
    assert f"Pour le {format_date(day, 'fr')}" in reasons["fr"][0]
    assert latest_set().id.split("@")[0] in reasons["nl"][0]

    # Next year's rules approved by two admins: the same QuickJob now goes straight out.
    doc = next_year_document()
    await upload_and_approve(client, await make_admin(client), await make_admin(client), doc)
    again = await _create(client, worker_headers, performanceDates=[day.isoformat()])
    assert again["status"] == "quote_sent" and again["reviewReasons"] == []
    assert again["simulation"]["ruleSet"].startswith(doc["id"])


async def test_pay_below_the_legal_minimum_goes_to_review_with_the_amounts(
        client, worker_headers, adviser_headers):
    day = next_weekday(dt.date.today(), 1)  # a Tuesday
    job = await _create(client, worker_headers, performanceDates=[day.isoformat()],
                        amountCents=8_000, expenses=[])
    sim = job["simulation"]
    expected = simulate(SimulationInput((day,), 8_000, withholding_rate="11.11"),
                        rules=RuleBook.default())
    assert sim["belowMinimumWage"] is True and sim["hoursPerDay"] == "7.6"
    assert sim["grossPerHourCents"] == expected.gross_per_hour_cents
    assert sim["minimumHourlyWageCents"] == expected.minimum_hourly_wage_cents
    assert sim["grossPerHourCents"] < sim["minimumHourlyWageCents"]
    assert job["status"] == "in_review"
    assert any("onder het wettelijk minimum" in r for r in job["reviewReasons"])
    reasons = await _reasons(client, adviser_headers, job["id"])
    hourly, minimum = sim["grossPerHourCents"], sim["minimumHourlyWageCents"]
    for lang, hours in (("nl", "7,6"), ("fr", "7,6"), ("en", "7.6")):
        [text] = [r for r in reasons[lang] if format_money(minimum, lang) in r]
        assert format_money(hourly, lang) in text and hours in text
    assert "below the legal minimum" in " ".join(reasons["en"])
    assert "inférieur au minimum légal" in " ".join(reasons["fr"])

    # The same day of 3 hours pays enough per hour: the hours are honoured.
    short = await _create(client, worker_headers, performanceDates=[day.isoformat()],
                          amountCents=8_000, expenses=[], hoursPerDay=3)
    assert short["simulation"]["hoursPerDay"] == "3"
    assert short["simulation"]["belowMinimumWage"] is False
    assert short["simulation"]["grossPerHourCents"] == simulate(SimulationInput(
        (day,), 8_000, withholding_rate="11.11", hours_per_day="3")).gross_per_hour_cents
    assert short["status"] == "quote_sent"


async def test_sunday_and_public_holiday_work_go_to_review(client, worker_headers,
                                                           adviser_headers):
    today = dt.date.today()
    sunday = next_weekday(today, 6)
    job = await _create(client, worker_headers, performanceDates=[sunday.isoformat()])
    assert job["status"] == "in_review"
    assert any("zondag of feestdag" in r for r in job["reviewReasons"])
    reasons = await _reasons(client, adviser_headers, job["id"])
    assert any(format_date(sunday, "en") in r and "Sunday" in r for r in reasons["en"])
    assert any(format_date(sunday, "nl") in r and "zondag" in r for r in reasons["nl"])

    book = RuleBook.default()
    holidays = [h for year in (today.year, today.year + 1)
                if book.in_force(COUNTRY, ENTITY, dt.date(year, 1, 1))
                for h in public_holidays(year, book.for_date(COUNTRY, ENTITY,
                                                             dt.date(year, 1, 1))[0])
                if today < h.day <= today + dt.timedelta(days=366) and h.day.weekday() < 6]
    holiday = holidays[0]
    job = await _create(client, worker_headers, performanceDates=[holiday.day.isoformat()])
    assert any("zondag of feestdag" in r for r in job["reviewReasons"])
    reasons = await _reasons(client, adviser_headers, job["id"])
    assert any(holiday.names["fr"] in r for r in reasons["fr"])
    # An ordinary Wednesday raises nothing.
    plain = await _create(client, worker_headers,
                          performanceDates=[next_weekday(today, 2).isoformat()])
    if next_weekday(today, 2) not in {h.day for h in holidays}:
        assert plain["status"] == "quote_sent"


async def test_hours_per_day_is_stored_and_printed_on_the_contract(client, worker_headers):
    day = next_weekday(dt.date.today(), 3)  # a Thursday
    job = await _create(client, worker_headers, performanceDates=[day.isoformat()],
                        hoursPerDay="3.5")
    assert job["simulation"]["hoursPerDay"] == "3.5"
    token = token_of(job["quote"]["acceptUrl"])
    assert (await client.post(f"/api/v1/public/quotes/{token}/accept")).status_code == 201
    read = (await client.get(f"/api/v1/quickjobs/{job['id']}", headers=worker_headers)).json()
    assert read["simulation"]["hoursPerDay"] == "3.5"  # stored with the agreed figures
    pdf = await client.get(read["contract"]["pdfUrl"], headers=worker_headers)
    assert pdf.status_code == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
                    .split())
    assert "Uren per dag 3,5" in text and "7,6" not in text

    # Out of range or not a number: refused, naming the field, in the caller's language.
    for bad in (0, 13, "7.555", "three", "0.5"):
        r = await client.post("/api/v1/quickjobs", json=quickjob_body(hoursPerDay=bad),
                              headers={**worker_headers, "Accept-Language": "en"})
        assert r.status_code == 422, (bad, r.text)
        [error] = [e for e in r.json()["errors"] if e["field"] == "hoursPerDay"]
        assert "between 1 and 12" in error["message"]
