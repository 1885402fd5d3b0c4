"""A rule-set file uploaded in the back office: checked like the shipped ones, problems in
nl/fr/en, contiguity with the rule sets already there, warnings for unconfirmed sources."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from backend.engine import RuleBook, validate_rule_set_upload
from backend.engine.rules_upload import MESSAGES

ENGINE = Path(__file__).resolve().parents[2] / "backend" / "engine"


@pytest.fixture
def doc2027(doc2026) -> dict:
    doc = json.loads(json.dumps(doc2026))
    doc.update(id="be-smart-2027", valid_from="2027-01-01", valid_to="2027-12-31", amendments=[])
    return doc


def test_next_years_file_is_accepted_and_ends_the_fallback(doc2027):
    result = validate_rule_set_upload(json.dumps(doc2027).encode())
    assert result.ok and result.problems == ()
    assert result.file_id == "be-smart-2027" and result.segment_ids == ("be-smart-2027",)
    assert result.book.for_date("BE", "smart", date(2027, 6, 1))[1] is False
    # the shipped book is untouched (the upload is only a check)
    assert RuleBook.default().for_date("BE", "smart", date(2027, 6, 1))[1] is True


def test_unconfirmed_sources_come_back_as_warnings(doc2027):
    result = validate_rule_set_upload(doc2027)
    keys = {w.params["key"] for w in result.warnings}
    assert "minimum_wage.joint_committee" in keys  # its source says "unverified"
    assert all(set(w.messages) == {"nl", "fr", "en"} for w in result.warnings)


def test_a_gap_is_refused_with_the_day_it_must_start(doc2027):
    doc2027["valid_from"] = "2027-02-01"
    result = validate_rule_set_upload(doc2027)
    assert not result.ok and result.book is None
    (problem,) = result.problems
    assert problem.code == "gap" and problem.params["day"] == "2027-01-01"
    assert "2027-01-01" in problem.message("nl") and "2027-01-01" in problem.message("fr")


def test_an_overlap_and_an_existing_id_are_refused(doc2026, doc2027):
    doc2027["valid_from"] = "2026-12-01"
    assert validate_rule_set_upload(doc2027).problems[0].code == "overlap"
    assert validate_rule_set_upload(doc2026).problems[0].code == "id_exists"


def test_replace_corrects_an_existing_rule_set(doc2026):
    doc2026["parameters"]["contribution.rate_percent"]["value"] = "6.4"
    result = validate_rule_set_upload(doc2026, replace=True)
    assert result.ok
    rs, _ = result.book.for_date("BE", "smart", date(2026, 6, 1))
    assert rs.contribution_text == "6.4"


def test_every_problem_is_listed_with_its_place(doc2027):
    doc2027["parameters"]["contribution.rate_percent"]["value"] = "150"
    doc2027["parameters"]["key_formula.brackets"]["source"] = ""
    doc2027["parameters"].pop("work_bonus.part_b")
    result = validate_rule_set_upload(doc2027)
    assert [p.code for p in result.problems] == ["out_of_range", "missing_source", "missing_parameter"]
    assert result.problems[0].where.endswith("contribution.rate_percent")
    assert "150" in result.problems[0].message("en")
    assert "work_bonus.part_b" in result.problems[2].message("fr")


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"{not json", "invalid_json"), (b"\xff\xfe", "not_utf8"), (b"[]", "not_an_object"),
     (b" " * 2_000_001, "too_large")],
)  # fmt: skip
def test_unreadable_files(raw, code):
    result = validate_rule_set_upload(raw)
    assert not result.ok and result.problems[0].code == code
    assert all(m.strip() for m in result.problems[0].messages.values())


def test_every_problem_code_has_three_different_languages():
    raised = set()
    for path in ENGINE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'fail\(\s*[^,"]+,\s*"([a-z_]+)"', text))
        raised |= set(re.findall(r'code="([a-z_]+)"', text))
    raised |= {"expected_percent", "expected_coefficient", "expected_slope", "expected_hours"}
    raised -= {"invalid", "expected_"}  # "expected_" + what: the four listed above
    assert {"gap", "overlap", "missing_source", "out_of_range", "expected_one_of"} <= raised
    missing = raised - set(MESSAGES)
    assert not missing, missing
    for code, texts in MESSAGES.items():
        assert set(texts) == {"nl", "fr", "en"} and len(set(texts.values())) == 3, code
