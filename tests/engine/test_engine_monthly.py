"""Monthly payslip under the Annex III key formula, 2024 and 2025 parameters.

Expected values computed by hand from the published formula (rounding half up to the cent
at each step, Annex III point 12). Parameters: domain.md §7 (2025), fin.belgium.be (2024).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.engine import EngineInputError, FamilySituation, monthly_payslip

CASES = [
    pytest.param(
        300_000, FamilySituation("single"), date(2025, 3, 1),
        # ss = 3000 × 13.07 % = 392.10
        # work bonus A (from 2025-02-01): 120.59 − 0.2443 × (3000 − 2777.83 = 222.17) = 120.59 − 54.28 = 66.31; B = 0
        # taxable = 3000 − (392.10 − 66.31) = 2674.21; annual = 32,090.52
        # expenses = min(30 % = 9627.16, 5930) = 5930 → N = 26,160.52
        # tax = 16,310 × 26.75 % (4362.93) + 9,850.52 × 42.80 % (4216.02) = 8578.95 − 2915.75 = 5663.20
        # monthly = 5663.20 / 12 = 471.93; fiscal work bonus = 66.31 × 33.14 % = 21.98 → 449.95
        # special SS = 18.60 + 1.1 % × (3000 − 2190.18) = 18.60 + 8.91 = 27.51
        # net = 3000 − 325.79 − 449.95 − 27.51 = 2196.75
        dict(personal_social_security_cents=32_579, taxable_cents=267_421, withholding_base_cents=47_193,
             fiscal_work_bonus_cents=2_198, withholding_tax_cents=44_995,
             special_social_security_cents=2_751, net_cents=219_675, rule_set="be-smart-2025@2025-02-01"),
        id="2025-single-3000",
    ),
    pytest.param(
        400_000, FamilySituation("married_one_income", 2), date(2025, 3, 1),
        # ss = 522.80, no work bonus (S > 3271.48); taxable = 3477.20; annual = 41,726.40
        # N = 41,726.40 − 5930 = 35,796.40; marital quotient Q = 30 % × N = 10,738.92 (< cap)
        # tax(N − Q = 25,057.48) = 4362.93 + 8,747.48 × 42.80 % (3743.92) = 8106.85 − 2915.75 = 5191.10
        # tax(Q) = 10,738.92 × 26.75 % = 2872.66 − 2915.75 < 0 → 0
        # monthly = 5191.10 / 12 = 432.59; 2 children − 134.00 → 298.59
        # special SS = 18.60 + 1.1 % × 1809.82 (19.91) = 38.51; net = 4000 − 522.80 − 298.59 − 38.51 = 3140.10
        dict(marital_quotient_cents=1_073_892, annual_tax_cents=519_110, withholding_base_cents=43_259,
             child_reduction_cents=13_400, withholding_tax_cents=29_859,
             special_social_security_cents=3_851, net_cents=314_010),
        id="2025-married-one-income-2-children-4000",
    ),
    pytest.param(
        200_000, FamilySituation("single"), date(2025, 3, 1),
        # ss = 261.40; work bonus A = 120.59 and B = 162.62 capped at 261.40 → A' = 120.59, B' = 140.81
        # personal ss = 0; taxable = 2000; annual 24,000 − 5930 = 18,070
        # tax = 4362.93 + 1,760 × 42.80 % (753.28) = 5116.21 − 2915.75 = 2200.46 → /12 = 183.37
        # fiscal work bonus = 120.59 × 33.14 % (39.96) + 140.81 × 52.54 % (73.98) = 113.94 → 69.43
        # special SS = 7.6 % × (2000 − 1945.38) = 4.15; net = 2000 − 69.43 − 4.15 = 1926.42
        dict(work_bonus_a_cents=12_059, work_bonus_b_cents=14_081, personal_social_security_cents=0,
             withholding_base_cents=18_337, fiscal_work_bonus_cents=11_394, withholding_tax_cents=6_943,
             special_social_security_cents=415, net_cents=192_642),
        id="2025-single-2000-work-bonus",
    ),
    pytest.param(
        800_000, FamilySituation("single"), date(2025, 3, 1),
        # ss = 1045.60; taxable 6954.40; annual 83,452.80 − 5930 = 77,522.80
        # tax = 4362.93 + 12,480 × 42.80 % (5341.44) + 21,030 × 48.15 % (10125.95)
        #       + 27,702.80 × 53.50 % (14821.00) = 34,651.32 − 2915.75 = 31,735.57 → /12 = 2644.63
        # special SS capped at 60.94; net = 8000 − 1045.60 − 2644.63 − 60.94 = 4248.83
        dict(withholding_tax_cents=264_463, special_social_security_cents=6_094, net_cents=424_883),
        id="2025-single-8000-top-bracket",
    ),
    pytest.param(
        300_000, FamilySituation("single"), date(2024, 6, 1),
        # 2024: work bonus A (from 2024-04-01) = 115.91 − 0.2443 × (3000 − 2669.96 = 330.04) = 115.91 − 80.63 = 35.28
        # taxable = 3000 − (392.10 − 35.28) = 2643.18; annual 31,718.16 − 5750 = 25,968.16
        # tax = 15,820 × 26.75 % (4231.85) + 10,148.16 × 42.80 % (4343.41) = 8575.26 − 2827.48 = 5747.78
        # /12 = 478.98; fiscal work bonus 35.28 × 33.14 % = 11.69 → 467.29
        # net = 3000 − 356.82 − 467.29 − 27.51 = 2148.38
        dict(work_bonus_cents=3_528, withholding_base_cents=47_898, withholding_tax_cents=46_729,
             net_cents=214_838, rule_set="be-smart-2024@2024-05-01", rule_set_fallback=False),
        id="2024-single-3000",
    ),
    pytest.param(
        150_000, FamilySituation("single", 1), date(2025, 3, 1),
        # low wage: full work bonus (A+B = 283.21) capped at ss 196.05 → A' 120.59, B' 75.46; taxable 1500
        # annual 18,000 − 5400 (30 %) = 12,600 → tax 12,600 × 26.75 % = 3370.50 − 2915.75 = 454.75 → 37.90
        # child 51.00 → 0 (never negative); fiscal bonus → 0; special SS 0 (≤ 1945.38); net = 1500.00
        dict(personal_social_security_cents=0, withholding_base_cents=3_790, child_reduction_cents=3_790,
             withholding_tax_cents=0, special_social_security_cents=0, net_cents=150_000),
        id="2025-low-wage-floors",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("gross", "situation", "on", "expected"), CASES)
def test_key_formula_worked_cases(gross, situation, on, expected):
    slip = monthly_payslip(gross, situation, on)
    for key, value in expected.items():
        assert getattr(slip, key) == value, key
    assert slip.net_cents == (
        slip.gross_cents - slip.personal_social_security_cents - slip.withholding_tax_cents
        - slip.special_social_security_cents
    )  # fmt: skip
    assert [line.code for line in slip.lines][0] == "gross"
    for line in slip.lines:
        assert set(line.label) == set(line.explanation) == {"nl", "fr", "en"}


def test_2026_uses_2025_with_fallback_flag():
    slip = monthly_payslip(300_000, FamilySituation(), date(2026, 5, 1))
    assert slip.rule_set == "be-smart-2025@2025-02-01" and slip.rule_set_fallback is True


def test_married_one_income_pays_less_than_single():
    for gross in (250_000, 400_000, 700_000):
        single = monthly_payslip(gross, FamilySituation("single"), date(2025, 6, 1))
        married = monthly_payslip(gross, FamilySituation("married_one_income"), date(2025, 6, 1))
        assert married.withholding_tax_cents < single.withholding_tax_cents


def test_children_beyond_table():
    # 9 children: 1787 + 315 per child beyond eight
    slip = monthly_payslip(900_000, FamilySituation("single", 9), date(2025, 6, 1))
    assert slip.child_reduction_cents == 178_700 + 31_500


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 2_000_000), st.sampled_from(["single", "married_one_income", "married_two_incomes"]),
       st.integers(0, 10))  # fmt: skip
def test_payslip_bounds(gross, status, children):
    slip = monthly_payslip(gross, FamilySituation(status, children), date(2025, 6, 1))
    assert 0 <= slip.withholding_tax_cents <= slip.taxable_cents
    assert 0 <= slip.work_bonus_cents <= slip.social_security_cents
    assert slip.net_cents <= gross


@pytest.mark.parametrize(
    ("args", "field", "code"),
    [
        ((0, FamilySituation()), "grossCents", "not_positive"),
        ((1.5, FamilySituation()), "grossCents", "not_an_integer"),
        ((100_000, FamilySituation("widowed")), "familyStatus", "unknown_family_status"),
        ((100_000, FamilySituation("single", -1)), "dependentChildren", "negative"),
    ],
)
def test_monthly_errors(args, field, code):
    with pytest.raises(EngineInputError) as info:
        monthly_payslip(*args, date(2025, 1, 1))
    assert (info.value.field, info.value.code) == (field, code)
    assert set(info.value.messages) == {"nl", "fr", "en"}


def test_monthly_only_for_key_formula_contracts():
    with pytest.raises(EngineInputError) as info:
        monthly_payslip(300_000, FamilySituation(), date(2025, 1, 1), contract_type="student")
    assert info.value.code == "not_monthly_contract" and "open_ended" in info.value.message("en")


# One month of an open-ended contract ------------------------------------------------------------

def test_month_gross_whole_month_and_pro_rata():
    from backend.engine import month_gross

    assert month_gross(300_000, 2025, 5, date(2024, 1, 1), None) == (300_000, 22, 22)
    # starts Thu 15 May 2025: 12 of the month's 22 weekdays, 300,000 × 12 / 22 = 163,636.36
    assert month_gross(300_000, 2025, 5, date(2025, 5, 15), None) == (163_636, 12, 22)
    # ends Fri 2 May (Thursday 1 May, a public holiday, is a paid weekday)
    assert month_gross(300_000, 2025, 5, date(2024, 1, 1), date(2025, 5, 2)) == (27_273, 2, 22)
    assert month_gross(300_000, 2025, 5, date(2025, 6, 1), None)[1] == 0


def test_month_gross_refuses_a_non_positive_gross():
    from backend.engine import month_gross

    with pytest.raises(EngineInputError):
        month_gross(0, 2025, 5, date(2025, 1, 1), None)


def test_month_pay_is_paid_on_the_months_last_working_day_with_the_key_formula():
    from backend.engine import month_pay

    pay = month_pay(300_000, date(2025, 3, 1), date(2025, 1, 1), None, FamilySituation("single"))
    assert pay is not None
    assert pay.pay_date == date(2025, 3, 31)  # a Monday
    assert pay.payslip.net_cents == 219_675  # the same as the 2025-single-3000 case above
    assert pay.employer_cost_cents == 465_000  # 3,000.00 × 1.55 (coefficient of the rule set)
    may = month_pay(300_000, date(2025, 5, 1), date(2025, 1, 1), None, FamilySituation("single"))
    assert may.pay_date == date(2025, 5, 30)  # 31 May 2025 is a Saturday
    assert month_pay(300_000, date(2025, 5, 1), date(2025, 6, 2), None,
                     FamilySituation("single")) is None


def test_monthly_gross_from_projected_turnover():
    from backend.engine import monthly_gross_from_projection

    # 60,000.00 a year − 6.5 % = 56,100.00; / 12 = 4,675.00 of employer cost; / 1.55 → 3,016.13
    gross, rule_set = monthly_gross_from_projection(6_000_000, date(2025, 3, 1))
    assert gross == 301_613
    assert rule_set.startswith("be-smart-2025")
    with pytest.raises(EngineInputError):
        monthly_gross_from_projection(0, date(2025, 3, 1))
