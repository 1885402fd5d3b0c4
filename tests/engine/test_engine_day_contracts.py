"""Day contracts: the work bonus per RSZ (S = W / H × U, P = R × H / U), the hours per day,
the gross per hour against the legal minimum, and the parts of the employer cost.

Every expected figure is worked out by hand below from the published rules (sources in the
rule-set files: RSZ instructions 'Werkbonus' as carried by DuxSalary; Partena and Securex for
1 April 2026; the GGMMI and the PC 200 scale), half up to the cent at each step.
"""

from __future__ import annotations

from datetime import date

import pytest

from backend.engine import SimulationInput, minimum_wage_check, simulate

D = date


def lines(sim):
    return {line.code: line.amount_cents for line in sim.lines}


def test_one_low_paid_day_gets_the_work_bonus():
    """Monday 2 March 2026, employee, EUR 200 excl. VAT, 7.6 h (rule set 2026@03-01).

    contribution 200 × 6.5 % = 13.00; budget 187.00; gross: 120.64 (× 1.55 = 186.99);
    ss = 120.64 × 13.07 % = 15.77.
    March 2026 has D = 22 weekdays: U = 22 × 7.6 = 167.2 h; H = 7.6 h.
    W / H = 120.64 / 7.6 = 15.8737 → 15.87; S = 15.87 × 167.2 = 2,653.46.
    A: S ≤ 2,833.36 → R = 123.00; B: 165.87 − 0.2699 × (2,653.46 − 2,218.73 = 434.73) = 48.54.
    H / U = 0.0455 → 0.05: P = 123.00 × 0.05 = 6.15 and 48.54 × 0.05 = 2.43; bonus 8.58.
    Social security 15.77 − 8.58 = 7.19; taxable 113.45.
    Withholding 113.45 × 11.11 % = 12.60 − fiscal (6.15 × 33.14 % = 2.04; 2.43 × 52.54 % = 1.28)
    = 9.28; net 113.45 − 9.28 = 104.17.
    """
    sim = simulate(SimulationInput((D(2026, 3, 2),), 20_000))
    assert sim.rule_set == "be-smart-2026@2026-03-01"
    assert (sim.gross_cents, sim.employer_cost_cents) == (12_064, 18_699)
    assert (sim.work_bonus_cents, sim.social_security_cents, sim.taxable_cents) == (858, 719, 11_345)
    assert (sim.fiscal_work_bonus_cents, sim.withholding_tax_cents, sim.net_cents) == (332, 928, 10_417)
    got = lines(sim)
    assert got["work_bonus"] == 858 and got["fiscal_work_bonus"] == 332
    assert got["gross_per_hour"] == sim.gross_per_hour_cents == 1_587  # 120.64 / 7.6


def test_hours_per_day_change_the_reference_wage():
    """The same day as a 3-hour lesson: W / H = 120.64 / 3 = 40.21; S = 40.21 × 167.2 =
    6,723.11, far above 3,336.98: no work bonus. Per hour 40.21."""
    sim = simulate(SimulationInput((D(2026, 3, 2),), 20_000, hours_per_day="3"))
    assert (sim.work_bonus_cents, sim.fiscal_work_bonus_cents) == (0, 0)
    assert sim.social_security_cents == 1_577 and sim.hours_per_day == "3"
    assert sim.gross_per_hour_cents == 4_021
    assert "3 h" in sim.lines[[x.code for x in sim.lines].index("gross_per_hour")].label["en"]


def test_days_in_two_months_use_each_months_rules():
    """Tuesday 31 March and Wednesday 1 April 2026, employee, EUR 400.

    contribution 26.00; budget 374.00; gross 241.29 (× 1.55 = 374.00); ss 31.54.
    Shares of the gross per date: March 120.65, April 120.64 (the odd cent to the first month).
    March (set 2026@03-01, D = 22, U = 167.2): W/H = 120.65 / 7.6 = 15.875 → 15.88;
    S = 15.88 × 167.2 = 2,655.14; A 123.00; B 165.87 − 0.2699 × 436.41 = 48.08;
    × 0.05: 6.15 + 2.40 = 8.55 (≤ 120.65 × 13.07 % = 15.77); fiscal 2.04 + 1.26 = 3.30.
    April (set 2026@04-01, D = 22): S = 15.87 × 167.2 = 2,653.46; A 125.04;
    B 168.62 − 0.2699 × (2,653.46 − 2,255.50 = 397.96) = 61.21; × 0.05: 6.25 + 3.06 = 9.31;
    fiscal 6.25 × 33.14 % = 2.07 + 3.06 × 52.54 % = 1.61 → 3.68.
    Bonus 17.86, fiscal 6.98; ss 31.54 − 17.86 = 13.68; taxable 227.61;
    withholding 227.61 × 11.11 % = 25.29 − 6.98 = 18.31; net 209.30.
    """
    sim = simulate(SimulationInput((D(2026, 3, 31), D(2026, 4, 1)), 40_000))
    assert sim.rule_set == "be-smart-2026@2026-04-01" and sim.gross_cents == 24_129
    assert (sim.work_bonus_cents, sim.fiscal_work_bonus_cents) == (1_786, 698)
    assert (sim.social_security_cents, sim.withholding_tax_cents, sim.net_cents) == (1_368, 1_831, 20_930)


def test_manual_workers_get_the_108_percent_column():
    """Monday 4 May 2026, manual worker, EUR 200 (coefficient 1.57, set 2026@04-01).

    contribution 13.00; budget 187.00; gross 119.11 (× 1.57 = 187.00).
    ss = 119.11 × 108 % × 13.07 % = 16.81. May 2026: D = 21, U = 159.6 h.
    W/H = 119.11 / 7.6 = 15.67; S = 15.67 × 159.6 = 2,500.93.
    Column 108 %: A 135.04 (S ≤ 2,880.32); B 182.11 − 0.2915 × (2,500.93 − 2,255.50) = 110.57.
    H/U = 0.0476 → 0.05: 6.75 + 5.53 = 12.28; ss 16.81 − 12.28 = 4.53; taxable 114.58;
    withholding 12.73 − (6.75 × 33.14 % = 2.24 + 5.53 × 52.54 % = 2.91) = 7.58; net 107.00.
    """
    sim = simulate(SimulationInput((D(2026, 5, 4),), 20_000, contract_type="manual_worker"))
    assert sim.gross_cents == 11_911
    assert (sim.work_bonus_cents, sim.social_security_cents) == (1_228, 453)
    assert (sim.withholding_tax_cents, sim.net_cents) == (758, 10_700)


def test_students_get_no_work_bonus_and_no_bonus_lines():
    sim = simulate(SimulationInput((D(2026, 3, 2),), 20_000, contract_type="student"))
    codes = [x.code for x in sim.lines]
    assert "work_bonus" not in codes and "fiscal_work_bonus" not in codes
    assert sim.work_bonus_cents == 0 and not sim.below_minimum_wage
    assert sim.minimum_hourly_wage_cents == 0  # student minimums depend on age: not checked


def test_below_the_legal_minimum_per_hour_is_said():
    """Monday 4 May 2026, employee, EUR 150 for 8 hours: budget 140.25, gross 90.48; per hour
    90.48 / 8 = 11.31. Minimum: the higher of the GGMMI (2,189.81) and PC 200 class A (2,242.81)
    per month, × 12 / (52 × 38) = 26,913.72 / 1,976 = 13.62 per hour."""
    sim = simulate(SimulationInput((D(2026, 5, 4),), 15_000, hours_per_day="8"))
    assert (sim.gross_cents, sim.gross_per_hour_cents) == (9_048, 1_131)
    assert sim.below_minimum_wage and sim.minimum_hourly_wage_cents == 1_362
    line = next(x for x in sim.lines if x.code == "gross_per_hour")
    assert "13.62" in line.explanation["en"] and "minimum" in line.label["en"]
    assert not simulate(SimulationInput((D(2026, 5, 4),), 15_000, hours_per_day="6")).below_minimum_wage


@pytest.mark.parametrize(
    ("gross", "hours", "on", "contract", "below", "minimum"),
    [
        # 2026-05: max(2,189.81; 2,242.81) × 12 / 1,976 = 13.62; 13.62 × 7.6 = 103.51 (just above)
        (10_352, "7.6", D(2026, 5, 4), "employee", False, 1_362),
        (10_350, "7.6", D(2026, 5, 4), "employee", True, 1_362),
        # manual workers: the GGMMI only: 2,189.81 × 12 / 1,976 = 13.298… → 13.30
        (10_350, "7.6", D(2026, 5, 4), "manual_worker", False, 1_330),
        # 2025-03: max(2,111.89; 2,194.32) × 12 / 1,976 = 13.3258… → 13.33
        (10_130, "7.6", D(2025, 3, 3), "employee", False, 1_333),
        (10_120, "7.6", D(2025, 3, 3), "employee", True, 1_333),
        # July 2026: GGMMI 2,233.61 still below PC 200 2,242.81 → 13.62
        (10_000, "7.6", D(2026, 7, 6), "employee", True, 1_362),
    ],
)  # fmt: skip
def test_minimum_wage_check(gross, hours, on, contract, below, minimum):
    check = minimum_wage_check(gross, hours, on, contract_type=contract)
    assert (check.below, check.minimum_hourly_cents) == (below, minimum)
    assert check.checked and check.joint_committee == "200"
    assert (set(check.messages) == {"nl", "fr", "en"}) is below


def test_employer_cost_is_shown_in_its_parts():
    """Gross 120.64, coefficient 1.55 (employer cost 186.99): employer social security 25 % =
    30.16; holiday pay 15.34 % = 18.51; insurance 1 % = 1.21; mutualised margin = 186.99 −
    120.64 − 30.16 − 18.51 − 1.21 = 16.47."""
    got = lines(simulate(SimulationInput((D(2026, 3, 2),), 20_000)))
    parts = [got[k] for k in ("employer_cost_employer_social_security", "employer_cost_holiday_pay",
                              "employer_cost_insurance", "employer_cost_margin")]  # fmt: skip
    assert parts == [3_016, 1_851, 121, 1_647]
    assert sum(parts) == got["employer_cost"] - got["gross"]


def test_employer_cost_parts_of_manual_workers_are_on_108_percent():
    """Gross 119.11 × 108 % = 128.64: 25 % = 32.16; 15.84 % = 20.38; insurance 1 % of 119.11 = 1.19;
    margin 187.00 − 119.11 − 32.16 − 20.38 − 1.19 = 14.16."""
    got = lines(simulate(SimulationInput((D(2026, 5, 4),), 20_000, contract_type="manual_worker")))
    assert [got["employer_cost_employer_social_security"], got["employer_cost_holiday_pay"],
            got["employer_cost_insurance"], got["employer_cost_margin"]] == [3_216, 2_038, 119, 1_416]  # fmt: skip
