"""Rule-set loading, validation, lookup and description."""

from __future__ import annotations

import json
from datetime import date

import pytest

from backend.engine import RuleBook, RuleSetError, SimulationInput, simulate
from backend.engine.errors import EngineInputError
from backend.engine.rules import SCHEMA


def test_shipped_rule_sets(book):
    assert [r.id for r in book.rule_sets()] == [
        "be-smart-2024", "be-smart-2024@2024-04-01", "be-smart-2024@2024-05-01",
        "be-smart-2025", "be-smart-2025@2025-02-01",
        "be-smart-2026", "be-smart-2026@2026-03-01", "be-smart-2026@2026-04-01",
        "be-smart-2026@2026-07-01", "be-smart-2026@2026-09-01",
    ]  # fmt: skip
    assert RuleBook.default() is RuleBook.default()  # cached


@pytest.mark.parametrize(
    ("on", "rule_set", "fallback"),
    [
        (date(2024, 1, 1), "be-smart-2024", False),
        (date(2024, 3, 31), "be-smart-2024", False),
        (date(2024, 4, 30), "be-smart-2024@2024-04-01", False),
        (date(2024, 5, 1), "be-smart-2024@2024-05-01", False),
        (date(2025, 1, 31), "be-smart-2025", False),
        (date(2025, 2, 1), "be-smart-2025@2025-02-01", False),
        (date(2025, 12, 31), "be-smart-2025@2025-02-01", False),
        (date(2026, 1, 1), "be-smart-2026", False),
        (date(2026, 3, 31), "be-smart-2026@2026-03-01", False),
        (date(2026, 4, 1), "be-smart-2026@2026-04-01", False),
        (date(2026, 7, 1), "be-smart-2026@2026-07-01", False),
        (date(2026, 12, 3), "be-smart-2026@2026-09-01", False),
        (date(2026, 12, 31), "be-smart-2026@2026-09-01", False),
        (date(2027, 1, 1), "be-smart-2026@2026-09-01", True),
        (date(2030, 6, 1), "be-smart-2026@2026-09-01", True),
    ],
)
def test_lookup_and_fallback(book, on, rule_set, fallback):
    rs, fb = book.for_date("BE", "smart", on)
    assert (rs.id, fb) == (rule_set, fallback)


def test_fallback_2030_in_simulation():
    sim = simulate(SimulationInput((date(2030, 1, 7),), 50_000))
    assert sim.rule_set_fallback is True and sim.rule_set.startswith("be-smart-2026")


def test_in_force_tells_a_fallback_date(book):
    assert book.in_force("BE", "smart", date(2026, 12, 31))
    assert not book.in_force("BE", "smart", date(2027, 1, 1))
    assert not book.in_force("BE", "smart", date(2023, 12, 31))
    assert not book.in_force("FR", "smart", date(2026, 1, 1))
    assert book.latest("BE", "smart").id == "be-smart-2026@2026-09-01"


def test_before_first_rule_set_is_an_input_error(book):
    with pytest.raises(EngineInputError) as info:
        book.for_date("BE", "smart", date(2023, 12, 31))
    assert info.value.code == "no_rule_set" and "2023-12-31" in info.value.message("en")


def test_describe_lists_every_parameter_with_source(book):
    described = book.describe()
    json.dumps(described)  # JSON-able
    for rs in described:
        keys = {p["key"] for p in rs["parameters"]}
        assert "contribution.rate_percent" in keys
        assert all(isinstance(p["source"], str) and len(p["source"]) > 3 for p in rs["parameters"])
    feb = next(r for r in described if r["id"] == "be-smart-2025@2025-02-01")
    wb = next(p for p in feb["parameters"] if p["key"] == "work_bonus.part_a")
    assert wb["value"]["max_cents"] == 12_059 and "Odoo" in wb["source"]
    jan = next(r for r in described if r["id"] == "be-smart-2025")
    # January 2025 keeps the amounts indexed on 1 May 2024 (118.22), not April 2024 (115.91)
    assert (
        next(p for p in jan["parameters"] if p["key"] == "work_bonus.part_a")["value"]["max_cents"]
        == 11_822
    )
    contrib = next(p for p in feb["parameters"] if p["key"] == "contribution.rate_percent")
    assert contrib["value"] == "6.5" and "000:535" in contrib["source"]


def test_every_schema_key_is_in_the_shipped_files(rs2025):
    patterns = {k.split(".*.")[0] if ".*." in k else k for k in SCHEMA}
    for p in patterns:
        assert any(k == p or k.startswith(p + ".") for k in rs2025.params), p


# --------------------------------------------------------------------------- broken files
def _break(doc, path, value):
    doc["parameters"][path]["value"] = value
    return doc


BROKEN = [
    (lambda d: d["parameters"].pop("contribution.rate_percent"), "missing parameter"),
    (lambda d: _break(d, "contribution.rate_percent", 6.5), "decimal string"),
    (lambda d: _break(d, "contribution.rate_percent", "abc"), "decimal string"),
    (lambda d: _break(d, "contribution.rate_percent", "150"), "out of range"),
    (lambda d: _break(d, "contract_types.student.coefficient", "0.8"), "coefficient out of range"),
    (lambda d: _break(d, "limits.max_amount_cents", -1), "positive integer"),
    (lambda d: _break(d, "vat.rates", ["21", "12", "6"]), "must contain 0"),
    (lambda d: _break(d, "contract_types.employee.withholding_default", "12"), "not one of the options"),
    (lambda d: _break(d, "key_formula.brackets", [{"up_to_cents": 100, "percent": "25"}]), "last bracket"),
    (lambda d: _break(d, "calendar.pay_date_rule", "whenever"), "expected one of"),
    (lambda d: _break(d, "calendar.public_holidays", [{"code": "x", "rule": "fixed", "month": 2, "day": 30,
                                                      "names": {"nl": "a", "fr": "b", "en": "c"}}]),
     "invalid month/day"),
    (lambda d: d["parameters"].update({"contribution.rate": {"value": "6.5", "source": "x y z"}}), "unknown parameter"),
    (lambda d: d["parameters"]["contribution.rate_percent"].update(source=""), "needs a source"),
    (lambda d: d["parameters"]["contribution.rate_percent"].pop("source"), "exactly"),
    (lambda d: d["parameters"].pop("contract_types.interim.coefficient"), "missing parameter"),
    (lambda d: d["parameters"].pop("expense_categories.travel.in_contribution_base"), "missing parameter"),
    (lambda d: d.update(valid_to="2024-01-01"), "before valid_from"),
    (lambda d: d.update(country="Belgium"), "two-letter"),
    (lambda d: d.update(extra=1), "unknown top-level"),
    (lambda d: d["amendments"][0].update(valid_from="2026-02-01"), "within the file validity"),
    (lambda d: d["amendments"][0]["parameters"].update({"nope": {"value": 1, "source": "abc"}}), "unknown parameter"),
    (lambda d: _break(d, "contract_types.artist_1bis.coefficient", "1.40"), "exceed the coefficient"),
    (lambda d: _break(d, "contract_types.student.work_bonus", "110"), "expected one of"),
    (lambda d: _break(d, "work_bonus.part_a", {"max_cents": 1, "threshold_cents": 2, "slope": "1.5",
                                               "zero_at_cents": 3}), "slope out of range"),
    (lambda d: _break(d, "special_ss.single", {"tiers": [], "min_cents": 0, "max_cents": 1}), "non-empty list"),
    (lambda d: _break(d, "special_ss.single", {"tiers": [{"over_cents": 5, "base_cents": 0, "percent": "1"}],
                                               "min_cents": 9, "max_cents": 1}), "min_cents must not exceed"),
    (lambda d: _break(d, "work_time.default_hours_per_day", "0"), "more than 0"),
    (lambda d: _break(d, "minimum_wage.national_monthly_cents", 0), "positive integer"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "message"), BROKEN, ids=[b[1] for b in BROKEN])
def test_validation_rejects_broken_documents(doc2025, mutate, message):
    mutate(doc2025)
    with pytest.raises(RuleSetError) as info:
        RuleBook.from_documents([doc2025])
    assert message in str(info.value)


def test_every_problem_of_a_document_is_reported_at_once(doc2025):
    doc2025["parameters"]["contribution.rate_percent"]["value"] = "150"
    doc2025["parameters"]["vat.rates"]["value"] = "21"
    doc2025["parameters"].pop("student.yearly_hour_quota")
    with pytest.raises(RuleSetError) as info:
        RuleBook.from_documents([doc2025])
    codes = [code for _, code, _, _ in info.value.problems]
    assert codes == ["out_of_range", "expected_list", "missing_parameter"]
    assert info.value.code == "out_of_range" and info.value.params["high"] == "100"


def test_overlap_and_gap_rejected(doc2024, doc2025):
    doc2024["valid_to"] = "2025-01-15"
    with pytest.raises(RuleSetError, match="overlaps"):
        RuleBook.from_documents([doc2024, doc2025])
    doc2024["valid_to"] = "2024-11-30"
    with pytest.raises(RuleSetError, match="gap"):
        RuleBook.from_documents([doc2024, doc2025])


def test_load_directory_rejects_broken_file(tmp_path, doc2025):
    (tmp_path / "be-smart-2025.json").write_text(json.dumps(doc2025), encoding="utf-8")
    assert [r.id for r in RuleBook.load(tmp_path).rule_sets()][0] == "be-smart-2025"
    (tmp_path / "be-smart-2026.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleSetError, match="invalid JSON"):
        RuleBook.load(tmp_path)
    (tmp_path / "be-smart-2026.json").write_text(json.dumps(doc2025), encoding="utf-8")
    with pytest.raises(RuleSetError, match="file name"):
        RuleBook.load(tmp_path)


def test_new_year_file_ends_fallback(doc2026):
    """Adding a 2027 file (Annex III 2027 is published around the turn of the year) stops the
    fallback: a data change, no deploy."""
    doc2027 = json.loads(json.dumps(doc2026))
    doc2027.update(
        id="be-smart-2027", valid_from="2027-01-01", valid_to="2027-12-31", amendments=[]
    )
    book = RuleBook.from_documents([doc2026, doc2027])
    rs, fallback = book.for_date("BE", "smart", date(2027, 3, 2))
    assert (rs.id, fallback) == ("be-smart-2027", False)
    assert book.for_date("BE", "smart", date(2028, 3, 1)) == (rs, True)
    assert len(book.documents) == 2
