"""Monthly payslip under the Annex III key formula: the hand-worked table, 2024-2026.

The table of cases (years × family situations × wage levels) is in ``engine_payroll_cases.py``,
each case with its arithmetic and the sources of its parameters; the engine must give the
same cents. The properties below hold for every input.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_payroll_cases import CASES
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.engine import EngineInputError, FamilySituation, monthly_payslip


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_key_formula_worked_cases(case):
    situation = FamilySituation(case.status, case.children, case.single_parent)
    slip = monthly_payslip(case.gross_cents, situation, date.fromisoformat(case.on))
    for key, value in case.expected.items():
        assert getattr(slip, key) == value, key
    assert slip.net_cents == (
        slip.gross_cents - slip.personal_social_security_cents - slip.withholding_tax_cents
        - slip.special_social_security_cents
    )  # fmt: skip
    assert not slip.rule_set_fallback and slip.rule_set_notice is None
    assert slip.rule_set.startswith("be-smart-" + case.on[:4])
    assert [line.code for line in slip.lines][0] == "gross"
    for line in slip.lines:
        assert set(line.label) == set(line.explanation) == {"nl", "fr", "en"}


def test_the_table_covers_years_situations_and_wage_levels():
    years = {c.on[:4] for c in CASES}
    statuses = {(c.status, c.single_parent, c.children > 0) for c in CASES}
    wages = {c.gross_cents for c in CASES}
    assert years == {"2025", "2026"}
    assert len(statuses) >= 5 and len(wages) >= 5 and len(CASES) >= 30


def test_married_one_income_deducts_both_tax_free_sums_from_the_joint_tax():
    """Issue 12: the reduction is taken from the tax on both parts together, not per part.

    2025, gross 4,000, married, spouse without income (hand-worked in engine_payroll_cases.py):
    scale(N − Q) 8,106.85 + scale(Q) 2,872.66 − 2 × 2,915.75 = 5,148.01 a year, 429.00 a month.
    Per part (the former reading) it was 5,191.10 + 0 = 432.59 a month.
    """
    slip = monthly_payslip(400_000, FamilySituation("married_one_income"), date(2025, 3, 1))
    assert slip.annual_tax_cents == 514_801 and slip.withholding_base_cents == 42_900


def test_2027_falls_back_and_says_so_in_words():
    slip = monthly_payslip(300_000, FamilySituation(), date(2027, 5, 1))
    assert slip.rule_set_fallback is True and slip.rule_set.startswith("be-smart-2026")
    assert slip.lines[0].code == "rule_set_fallback"
    assert "2027-05-01" in slip.rule_set_notice["en"] and "2027-05-01" in slip.lines[0].explanation["fr"]
    assert {"nl", "fr", "en"} == set(slip.rule_set_notice)


def test_no_2026_month_uses_a_fallback():
    for month in range(1, 13):
        slip = monthly_payslip(300_000, FamilySituation(), date(2026, month, 1))
        assert not slip.rule_set_fallback and slip.rule_set.startswith("be-smart-2026")


def test_married_one_income_pays_less_than_single():
    for gross in (250_000, 400_000, 700_000):
        for on in (date(2025, 6, 1), date(2026, 6, 1)):
            single = monthly_payslip(gross, FamilySituation("single"), on)
            married = monthly_payslip(gross, FamilySituation("married_one_income"), on)
            assert married.withholding_tax_cents < single.withholding_tax_cents


def test_partial_month_uses_the_reference_wage_of_a_full_month():
    """RSZ: S = (W / J) × D and P = R × J / D (J/D to two decimals).

    2026-05, 11 of 21 days paid, gross 1,428.57: W/J = 129.87, S = 129.87 × 21 = 2,727.27;
    A = 125.04 (S ≤ 2,880.32); B = 168.62 − 0.2699 × (2,727.27 − 2,255.50 = 471.77) = 41.29;
    J/D = 11/21 = 0.52; A = 125.04 × 0.52 = 65.02, B = 41.29 × 0.52 = 21.47; total 86.49
    (the contribution 1,428.57 × 13.07 % = 186.71 is larger, no cap).
    Without the rule the month's 1,428.57 as S would give 125.04 + 168.62 capped at 186.71.
    """
    slip = monthly_payslip(142_857, FamilySituation(), date(2026, 5, 1), days_paid=11, days_in_month=21)
    assert (slip.work_bonus_a_cents, slip.work_bonus_b_cents) == (6_502, 2_147)
    assert slip.social_security_cents == 18_671


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 2_000_000), st.sampled_from(["single", "married_one_income", "married_two_incomes"]),
       st.integers(0, 10), st.dates(date(2024, 1, 1), date(2026, 12, 31)))  # fmt: skip
def test_payslip_bounds(gross, status, children, on):
    slip = monthly_payslip(gross, FamilySituation(status, children), on)
    assert 0 <= slip.withholding_tax_cents <= slip.taxable_cents
    assert 0 <= slip.work_bonus_cents <= slip.social_security_cents
    assert 0 <= slip.special_social_security_cents <= 6_094
    assert slip.net_cents <= gross


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 1_500_000), st.integers(1, 50_000),
       st.sampled_from(["single", "married_one_income", "married_two_incomes"]),
       st.dates(date(2025, 1, 1), date(2026, 12, 31)))  # fmt: skip
def test_more_gross_never_less_net(gross, extra, status, on):
    """More gross never gives less net beyond the law's own roundings. Without a work bonus
    three terms are rounded to the cent on their own (personal social security, the
    withholding after Annex III point 12, the special contribution), each rising with the
    gross: a few cents more of gross may cost a cent (the case Hypothesis found below). With a
    work bonus, four more terms fall as the gross rises (work bonus A and B, the withholding,
    the fiscal work bonus): at most one cent per term (measured by a sweep of every cent from
    1,500 to 4,200 euro: at most 3 cents)."""
    low = monthly_payslip(gross, FamilySituation(status), on)
    high = monthly_payslip(gross + extra, FamilySituation(status), on)
    if low.work_bonus_cents == high.work_bonus_cents == 0:
        assert high.net_cents >= low.net_cents - NO_BONUS_ROUNDING_TERMS
    else:
        assert high.net_cents >= low.net_cents - MONTHLY_ROUNDING_TERMS


MONTHLY_ROUNDING_TERMS = 4
NO_BONUS_ROUNDING_TERMS = 3


def test_more_gross_never_less_net_found_case_without_bonus():
    """Found by Hypothesis: 2 cents more gross, social security, withholding and the special
    contribution (married, one income: 1.1 % above 2,190.18) each a cent higher: net -1 cent."""
    low = monthly_payslip(362_880, FamilySituation("married_one_income"), date(2025, 1, 1))
    high = monthly_payslip(362_882, FamilySituation("married_one_income"), date(2025, 1, 1))
    assert low.work_bonus_cents == high.work_bonus_cents == 0
    assert (high.social_security_cents - low.social_security_cents,
            high.withholding_tax_cents - low.withholding_tax_cents,
            high.special_social_security_cents - low.special_social_security_cents) == (1, 1, 1)
    assert high.net_cents == low.net_cents - 1


def test_more_gross_never_less_net_found_case():
    """The case Hypothesis found: 2 cents more gross, both work-bonus parts a cent lower."""
    low = monthly_payslip(270_475, FamilySituation("single"), date(2025, 2, 1))
    high = monthly_payslip(270_477, FamilySituation("single"), date(2025, 2, 1))
    assert low.work_bonus_cents > 0
    assert low.net_cents - MONTHLY_ROUNDING_TERMS <= high.net_cents <= low.net_cents + 2


@pytest.mark.parametrize(
    ("args", "field", "code"),
    [
        ((0, FamilySituation()), "grossCents", "not_positive"),
        ((1.5, FamilySituation()), "grossCents", "not_an_integer"),
        ((100_000, FamilySituation("widowed")), "familyStatus", "unknown_family_status"),
        ((100_000, FamilySituation("single", -1)), "dependentChildren", "negative"),
        ((100_000, FamilySituation("married_one_income", 1, True)), "singleParent", "single_parent_not_single"),
        ((100_000, FamilySituation("single", 0, True)), "singleParent", "single_parent_needs_children"),
        ((100_000, FamilySituation("single", 1, "yes")), "singleParent", "not_a_boolean"),
    ],
)  # fmt: skip
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
    assert pay.payslip.net_cents == 220_502  # the same as the 2025-03-single-3000 case
    assert pay.employer_cost_cents == 465_000  # 3,000.00 × 1.55 (coefficient of the rule set)
    may = month_pay(300_000, date(2025, 5, 1), date(2025, 1, 1), None, FamilySituation("single"))
    assert may.pay_date == date(2025, 5, 30)  # 31 May 2025 is a Saturday
    assert month_pay(300_000, date(2025, 5, 1), date(2025, 6, 2), None,
                     FamilySituation("single")) is None


def test_month_pay_first_month_passes_the_days_to_the_work_bonus():
    from backend.engine import month_pay

    # starts Monday 18 May 2026: 10 of 21 weekdays, gross 2,500.00 × 10 / 21 = 1,190.48;
    # S = (1,190.48 / 10 = 119.05) × 21 = 2,500.05; A = 125.04; B = 168.62 − 0.2699 × 244.55
    # (= 66.00) = 102.62; J/D = 0.48: A 60.02 + B 49.26 = 109.28 (< ss 155.59)
    pay = month_pay(250_000, date(2026, 5, 1), date(2026, 5, 18), None, FamilySituation("single"))
    assert (pay.days_employed, pay.days_in_month, pay.payslip.gross_cents) == (10, 21, 119_048)
    assert pay.payslip.work_bonus_cents == 10_928


def test_monthly_gross_from_projected_turnover():
    from backend.engine import monthly_gross_from_projection

    # 60,000.00 a year − 6.5 % = 56,100.00; / 12 = 4,675.00 of employer cost; / 1.55 → 3,016.13
    gross, rule_set = monthly_gross_from_projection(6_000_000, date(2025, 3, 1))
    assert gross == 301_613
    assert rule_set.startswith("be-smart-2025")
    with pytest.raises(EngineInputError):
        monthly_gross_from_projection(0, date(2025, 3, 1))
