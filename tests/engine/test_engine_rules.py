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
        "be-smart-2024", "be-smart-2024@2024-05-01", "be-smart-2025", "be-smart-2025@2025-02-01",
    ]  # fmt: skip
    assert RuleBook.default() is RuleBook.default()  # cached


@pytest.mark.parametrize(
    ("on", "rule_set", "fallback"),
    [
        (date(2024, 1, 1), "be-smart-2024", False),
        (date(2024, 4, 30), "be-smart-2024", False),
        (date(2024, 5, 1), "be-smart-2024@2024-05-01", False),
        (date(2025, 1, 31), "be-smart-2025", False),
        (date(2025, 2, 1), "be-smart-2025@2025-02-01", False),
        (date(2025, 12, 31), "be-smart-2025@2025-02-01", False),
        (date(2026, 1, 1), "be-smart-2025@2025-02-01", True),
        (date(2030, 6, 1), "be-smart-2025@2025-02-01", True),
    ],
)
def test_lookup_and_fallback(book, on, rule_set, fallback):
    rs, fb = book.for_date("BE", "smart", on)
    assert (rs.id, fb) == (rule_set, fallback)


def test_fallback_2030_in_simulation():
    sim = simulate(SimulationInput((date(2030, 1, 7),), 50_000))
    assert sim.rule_set_fallback is True and sim.rule_set.startswith("be-smart-2025")


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
    assert wb["value"]["max_cents"] == 12_059 and "domain.md" in wb["source"]
    jan = next(r for r in described if r["id"] == "be-smart-2025")
    assert (
        next(p for p in jan["parameters"] if p["key"] == "work_bonus.part_a")["value"]["max_cents"]
        == 11_591
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
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "message"), BROKEN, ids=[b[1] for b in BROKEN])
def test_validation_rejects_broken_documents(doc2025, mutate, message):
    mutate(doc2025)
    with pytest.raises(RuleSetError) as info:
        RuleBook.from_documents([doc2025])
    assert message in str(info.value)


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


def test_new_year_file_ends_fallback(doc2025):
    """Adding a 2026 file (e.g. when the Annex III 2026 is confirmed) stops the fallback."""
    doc2026 = json.loads(json.dumps(doc2025))
    doc2026.update(
        id="be-smart-2026", valid_from="2026-01-01", valid_to="2026-12-31", amendments=[]
    )
    book = RuleBook.from_documents([doc2025, doc2026])
    rs, fallback = book.for_date("BE", "smart", date(2026, 3, 2))
    assert (rs.id, fallback) == ("be-smart-2026", False)
    assert book.for_date("BE", "smart", date(2027, 3, 1)) == (rs, True)
