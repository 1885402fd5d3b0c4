"""Platform work checks (002:505-506) and the student hour quota."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend.engine import EngineInputError, PlatformShift, check_platform_work, student_quota

D = date


def test_platform_ok():
    # 3 h at EUR 13.33: the minimum of 2025 is the higher of the GGMMI (2,111.89) and the PC 200
    # scale (class A, 2,194.32) per hour: 2,194.32 × 12 / (52 × 38) = 13.3258…
    assert check_platform_work([PlatformShift(D(2025, 3, 3), 180, 3 * 1333)]) == ()
    assert check_platform_work([PlatformShift(D(2025, 3, 3), 180, 3 * 1332)])[0].code == (
        "below_minimum_hourly_wage")


def test_platform_violations_are_returned_not_raised():
    shifts = [
        PlatformShift(D(2025, 3, 3), 90, 2_000),  # 1.5 h: too few hours (hourly 13.33 fine)
        PlatformShift(D(2025, 3, 4), 240, 4 * 1_000),  # EUR 10/h: below minimum
        PlatformShift(D(2025, 3, 5), 60, 1_500),  # two shifts the same day: 3 h in total
        PlatformShift(D(2025, 3, 5), 120, 3_000),
    ]
    v = check_platform_work(shifts)
    assert [(x.code, x.day) for x in v] == [
        ("below_minimum_paid_hours", D(2025, 3, 3)),
        ("below_minimum_hourly_wage", D(2025, 3, 4)),
    ]
    assert v[0].params["paid_hours"] == "1.50"
    assert "13.33" in v[1].message("en") and "10.00" in v[1].message("nl")
    assert all(set(x.messages) == {"nl", "fr", "en"} for x in v)
    assert v[1].rule_set == "be-smart-2025@2025-02-01" and not v[1].rule_set_fallback


def test_platform_minimum_follows_rule_set_dates():
    # EUR 13.00/h is fine in December 2024 (PC 200 2,118.48 → 12.87) but not in 2025 (13.33)
    assert check_platform_work([PlatformShift(D(2024, 12, 20), 180, 3 * 1300)]) == ()
    assert (
        check_platform_work([PlatformShift(D(2025, 1, 20), 180, 3 * 1300)])[0].code
        == "below_minimum_hourly_wage"
    )


def test_platform_input_errors():
    with pytest.raises(EngineInputError) as info:
        check_platform_work([PlatformShift(D(2025, 3, 3), -1, 100)])
    assert info.value.field == "shifts[0].paidMinutes"


def test_student_quota():
    q = student_quota(600, "40.5", D(2025, 7, 1))
    assert (q.quota_hours, q.remaining_after_hours, q.exceeded) == (650, Decimal("9.5"), False)
    q = student_quota("640", 11, D(2025, 7, 1))
    assert q.exceeded and q.remaining_after_hours == Decimal("-1")
    assert student_quota(0, 650, D(2026, 7, 1)).quota_hours == 650
    assert student_quota(0, 650, D(2027, 7, 1)).rule_set_fallback is True
    # 2023 and 2024: 600 hours (the former 650 for 2024 was wrong, see the rule-set source)
    q = student_quota(600, 1, D(2024, 7, 1))
    assert (q.quota_hours, q.exceeded) == (600, True)


@pytest.mark.parametrize("bad", [-1, 1.5, "x", None, True])
def test_student_quota_rejects_bad_hours(bad):
    with pytest.raises(EngineInputError) as info:
        student_quota(bad, 1, D(2025, 7, 1))
    assert (info.value.field, info.value.code) == ("hoursUsed", "invalid_hours")
