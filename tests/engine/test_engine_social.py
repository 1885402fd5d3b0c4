"""The special social security contribution's three scales and the work-bonus mechanics, at
their thresholds, by hand (monthly scale since 1 April 2022: RSZ instructions, Liantis,
Securex, SST, Odoo, DuxSalary; see the rule-set sources)."""

from __future__ import annotations

from datetime import date

import pytest

from backend.engine.social import grant_work_bonus, monthly_work_bonus, special_social_security


@pytest.fixture(scope="module")
def rs2026(book):
    return book.for_date("BE", "smart", date(2026, 5, 1))[0]


@pytest.mark.parametrize(
    ("status", "gross", "expected"),
    [
        # individual: 4.22 % above 1,945.38; 10.33 + 1.10 % above 2,190.18; 27.35 + 3.38 % above
        # 3,737.00; 39.61 + 1.10 % above 4,100.00; at most 60.94
        ("single", 194_538, 0),
        ("single", 200_000, 230),        # 4.22 % × 54.62 = 2.305
        ("single", 219_018, 1_033),      # 4.22 % × 244.80 = 10.331
        ("single", 300_000, 1_924),      # 10.33 + 1.1 % × 809.82 (8.908) = 19.24
        ("single", 373_700, 2_735),      # 10.33 + 1.1 % × 1,546.82 (17.015 → 17.02) = 27.35
        ("single", 400_000, 3_624),      # 27.35 + 3.38 % × 263 (8.889) = 36.24
        ("single", 410_001, 3_961),      # 39.61 + 1.1 % × 0.01 = 39.61
        ("single", 603_882, 6_094),      # 39.61 + 1.1 % × 1,938.82 (21.327) = 60.94
        ("single", 900_000, 6_094),
        # joint, spouse without professional income: 5.90 % above 1,945.38; 14.44 + 1.10 %
        # above 2,190.18; at most 60.94
        ("married_one_income", 150_000, 0),
        ("married_one_income", 210_000, 912),   # 5.9 % × 154.62 = 9.123
        ("married_one_income", 610_000, 5_745),  # 14.44 + 1.1 % × 3,909.82 (43.008) = 57.45
        ("married_one_income", 700_000, 6_094),
        # joint, spouse with professional income: 5.15 from 1,095.10; 5.90 % above 1,945.38 but
        # at least 5.15; 14.44 + 1.10 % above 2,190.18; at most 51.64
        ("married_two_incomes", 109_509, 0),
        ("married_two_incomes", 109_510, 515),
        ("married_two_incomes", 200_000, 515),  # 5.9 % × 54.62 = 3.22 < 5.15
        ("married_two_incomes", 210_000, 912),
        ("married_two_incomes", 557_198, 5_164),  # 14.44 + 1.1 % × 3,381.80 (37.198) = 51.64
        ("married_two_incomes", 700_000, 5_164),
    ],
)  # fmt: skip
def test_special_social_security_scales(rs2026, status, gross, expected):
    assert special_social_security(gross, rs2026, status) == expected


def test_the_bonus_gives_way_part_b_first():
    assert grant_work_bonus(10_000, 5_000, 12_000) == (10_000, 2_000)
    assert grant_work_bonus(10_000, 5_000, 8_000) == (8_000, 0)
    assert grant_work_bonus(10_000, 5_000, 20_000) == (10_000, 5_000)


def test_full_month_reference_amounts_and_rounding(rs2026):
    """April 2026 employees: S = 2,500: A 125.04 (≤ 2,880.32); B 168.62 − 0.2699 × 244.50
    = 168.62 − 65.99055 = 102.62945 → 102.63 (rounded once, half up, on R itself).
    S = 3,336.98: A 125.04 − 0.2738 × 456.66 = 0.0081 → 0.01; S = 3,336.99: 0."""
    assert monthly_work_bonus(250_000, rs2026, "100") == (12_504, 10_263)
    assert monthly_work_bonus(333_698, rs2026, "100") == (1, 0)
    assert monthly_work_bonus(333_699, rs2026, "100") == (0, 0)
    assert monthly_work_bonus(250_000, rs2026, "none") == (0, 0)
    # 108 % column: A 135.04; B 182.11 − 0.2915 × 244.50 (71.27175) = 110.83825 → 110.84
    assert monthly_work_bonus(250_000, rs2026, "108") == (13_504, 11_084)
