"""Monthly payslips worked out by hand from the published formulas (not by the engine).

Each case writes its arithmetic: every step rounded half up to the cent (Annex III KB/WIB 92,
point 12). The parameters are typed from the sources named in the rule-set files:

* key formula 2025: Annex III 2025 (FOD Financiën) as carried by Odoo l10n_be_hr_payroll and
  domain.md §7: flat expenses 30 % max 5,930; brackets 16,310 / 28,790 / 49,820 at 26.75 /
  42.80 / 48.15 / 53.50 %; tax-free sum reduction 2,915.75; marital quotient 30 % max 13,460;
  children 612 / 1,608 / 4,296 / ... a year (+3,780 beyond 8); single parent 612 a year;
* key formula 2026: Annex III 2026 (KB 11.12.2025, BS 29.12.2025) as carried by DuxSalary (SPF
  Finances simulator 2026) and LOONMONITOR: max 6,070; brackets 16,710 / 29,500 / 51,050;
  reduction 2,987.98; marital quotient max 13,790; children 624 / 1,656 / 4,404 / 7,620 /
  11,100 / 14,592 / 18,120 / 21,996 a year (+3,864 beyond 8); single parent 624 a year;
* work bonus (RSZ, employees, S = the month's gross): 1 May 2024 (Acerta, Odoo) for January
  2025; 1 February 2025 (Odoo, domain.md); 1 January, 1 April, 1 September 2026 (Partena,
  Securex, DuxSalary); fiscal work bonus 33.14 % of part A + 52.54 % of part B;
* special social security contribution since 1 April 2022 (RSZ instructions; Liantis,
  Securex, SST, Odoo, DuxSalary): individual 4.22 % above 1,945.38, 10.33 + 1.10 % above
  2,190.18, 27.35 + 3.38 % above 3,737.00, 39.61 + 1.10 % above 4,100.00, max 60.94; joint,
  spouse without professional income 5.90 % above 1,945.38, 14.44 + 1.10 % above 2,190.18, max
  60.94; joint, spouse with professional income 5.15 from 1,095.10, 5.90 % above 1,945.38 (at
  least 5.15), 14.44 + 1.10 % above 2,190.18, max 51.64.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    id: str
    on: str  # ISO date of the month paid
    gross_cents: int
    status: str
    children: int
    single_parent: bool
    expected: dict[str, int]


CASES = [
    Case(
        "2025-03-single-2000",
        "2025-03-01",
        200000,
        "single",
        0,
        False,
        # ss = 2000 x 13.07 % = 261.40
        # A = 120.59 (S <= 2777.83)
        # B = 162.62 (S <= 2175.25)
        # capped at ss 261.40: A' = 120.59, B' = 140.81
        # personal ss = 261.40 - 261.40 = 0.00; taxable = 2000 - 0.00 = 2000.00
        # annual = 24000.00; expenses = min(30 % = 7200.00, 5930) = 5930; N = 18070.00
        # scale(N 18070.00) = 16310 x 0.2675 = 4362.93 + 1760.00 x 0.428 = 753.28 = 5116.21
        # tax = scale - 2915.75 = 2200.46
        # monthly = 2200.46/12 = 183.37
        # fiscal = 120.59 x 33.14 % (39.96) + 140.81 x 52.54 % (73.98) -> 113.94
        # BBSZ (single) = 0 + 0.0422 x (2000 - 1945.38) = 2.30
        # withholding = 69.43; net = 2000 - 0.00 - 69.43 - 2.30 = 1928.27
        {
            "personal_social_security_cents": 0,
            "work_bonus_cents": 26140,
            "taxable_cents": 200000,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 220046,
            "withholding_base_cents": 18337,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 11394,
            "withholding_tax_cents": 6943,
            "special_social_security_cents": 230,
            "net_cents": 192827,
        },
    ),
    Case(
        "2025-03-single-2500",
        "2025-03-01",
        250000,
        "single",
        0,
        False,
        # ss = 2500 x 13.07 % = 326.75
        # A = 120.59 (S <= 2777.83)
        # B = 162.62 - 0.2699 x (2500 - 2175.25 = 324.75) = 74.97
        # personal ss = 326.75 - 195.56 = 131.19; taxable = 2500 - 131.19 = 2368.81
        # annual = 28425.72; expenses = min(30 % = 8527.72, 5930) = 5930; N = 22495.72
        # scale(N 22495.72) = 16310 x 0.2675 = 4362.93 + 6185.72 x 0.428 = 2647.49 = 7010.42
        # tax = scale - 2915.75 = 4094.67
        # monthly = 4094.67/12 = 341.22
        # fiscal = 120.59 x 33.14 % (39.96) + 74.97 x 52.54 % (39.39) -> 79.35
        # BBSZ (single) = 10.33 + 0.011 x (2500 - 2190.18) = 13.74
        # withholding = 261.87; net = 2500 - 131.19 - 261.87 - 13.74 = 2093.20
        {
            "personal_social_security_cents": 13119,
            "work_bonus_cents": 19556,
            "taxable_cents": 236881,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 409467,
            "withholding_base_cents": 34122,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 7935,
            "withholding_tax_cents": 26187,
            "special_social_security_cents": 1374,
            "net_cents": 209320,
        },
    ),
    Case(
        "2025-03-single-3000",
        "2025-03-01",
        300000,
        "single",
        0,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 120.59 - 0.2443 x (3000 - 2777.83 = 222.17) = 66.31
        # B = 0 (S > 2777.83)
        # personal ss = 392.10 - 66.31 = 325.79; taxable = 3000 - 325.79 = 2674.21
        # annual = 32090.52; expenses = min(30 % = 9627.16, 5930) = 5930; N = 26160.52
        # scale(N 26160.52) = 16310 x 0.2675 = 4362.93 + 9850.52 x 0.428 = 4216.02 = 8578.95
        # tax = scale - 2915.75 = 5663.20
        # monthly = 5663.20/12 = 471.93
        # fiscal = 66.31 x 33.14 % (21.98) + 0 x 52.54 % (0.00) -> 21.98
        # BBSZ (single) = 10.33 + 0.011 x (3000 - 2190.18) = 19.24
        # withholding = 449.95; net = 3000 - 325.79 - 449.95 - 19.24 = 2205.02
        {
            "personal_social_security_cents": 32579,
            "work_bonus_cents": 6631,
            "taxable_cents": 267421,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 566320,
            "withholding_base_cents": 47193,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 2198,
            "withholding_tax_cents": 44995,
            "special_social_security_cents": 1924,
            "net_cents": 220502,
        },
    ),
    Case(
        "2025-03-single-4000",
        "2025-03-01",
        400000,
        "single",
        0,
        False,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 5930) = 5930; N = 35796.40
        # scale(N 35796.40) = 16310 x 0.2675 = 4362.93 + 12480 x 0.428 = 5341.44 + 7006.40 x 0.4815 = 3373.58 = 13077.95
        # tax = scale - 2915.75 = 10162.20
        # monthly = 10162.20/12 = 846.85
        # BBSZ (single) = 27.35 + 0.0338 x (4000 - 3737.00) = 36.24
        # withholding = 846.85; net = 4000 - 522.80 - 846.85 - 36.24 = 2594.11
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 1016220,
            "withholding_base_cents": 84685,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 84685,
            "special_social_security_cents": 3624,
            "net_cents": 259411,
        },
    ),
    Case(
        "2025-03-single-7000",
        "2025-03-01",
        700000,
        "single",
        0,
        False,
        # ss = 7000 x 13.07 % = 914.90
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 914.90 - 0 = 914.90; taxable = 7000 - 914.90 = 6085.10
        # annual = 73021.20; expenses = min(30 % = 21906.36, 5930) = 5930; N = 67091.20
        # scale(N 67091.20) = 16310 x 0.2675 = 4362.93 + 12480 x 0.428 = 5341.44 + 21030 x 0.4815 = 10125.95 + 17271.20 x 0.535 = 9240.09 = 29070.41
        # tax = scale - 2915.75 = 26154.66
        # monthly = 26154.66/12 = 2179.56
        # BBSZ (single) = 39.61 + 0.011 x (7000 - 4100.00) = 71.51 -> bounded to [0, 60.94] = 60.94
        # withholding = 2179.56; net = 7000 - 914.90 - 2179.56 - 60.94 = 3844.60
        {
            "personal_social_security_cents": 91490,
            "work_bonus_cents": 0,
            "taxable_cents": 608510,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 2615466,
            "withholding_base_cents": 217956,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 217956,
            "special_social_security_cents": 6094,
            "net_cents": 384460,
        },
    ),
    Case(
        "2025-03-married_one_income-2500",
        "2025-03-01",
        250000,
        "married_one_income",
        0,
        False,
        # ss = 2500 x 13.07 % = 326.75
        # A = 120.59 (S <= 2777.83)
        # B = 162.62 - 0.2699 x (2500 - 2175.25 = 324.75) = 74.97
        # personal ss = 326.75 - 195.56 = 131.19; taxable = 2500 - 131.19 = 2368.81
        # annual = 28425.72; expenses = min(30 % = 8527.72, 5930) = 5930; N = 22495.72
        # Q = min(30 % x 22495.72 = 6748.72, 13460) = 6748.72
        # scale(N-Q 15747.00) = 15747.00 x 0.2675 = 4212.32 = 4212.32
        # scale(Q 6748.72) = 6748.72 x 0.2675 = 1805.28 = 1805.28
        # tax = sum - 2 x 2915.75 = 186.10
        # monthly = 186.10/12 = 15.51
        # fiscal = 120.59 x 33.14 % (39.96) + 74.97 x 52.54 % (39.39) -> 15.51
        # BBSZ (married_one_income) = 14.44 + 0.011 x (2500 - 2190.18) = 17.85
        # withholding = 0.00; net = 2500 - 131.19 - 0.00 - 17.85 = 2350.96
        {
            "personal_social_security_cents": 13119,
            "work_bonus_cents": 19556,
            "taxable_cents": 236881,
            "marital_quotient_cents": 674872,
            "annual_tax_cents": 18610,
            "withholding_base_cents": 1551,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 1551,
            "withholding_tax_cents": 0,
            "special_social_security_cents": 1785,
            "net_cents": 235096,
        },
    ),
    Case(
        "2025-03-married_one_income-4000",
        "2025-03-01",
        400000,
        "married_one_income",
        0,
        False,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 5930) = 5930; N = 35796.40
        # Q = min(30 % x 35796.40 = 10738.92, 13460) = 10738.92
        # scale(N-Q 25057.48) = 16310 x 0.2675 = 4362.93 + 8747.48 x 0.428 = 3743.92 = 8106.85
        # scale(Q 10738.92) = 10738.92 x 0.2675 = 2872.66 = 2872.66
        # tax = sum - 2 x 2915.75 = 5148.01
        # monthly = 5148.01/12 = 429.00
        # BBSZ (married_one_income) = 14.44 + 0.011 x (4000 - 2190.18) = 34.35
        # withholding = 429.00; net = 4000 - 522.80 - 429.00 - 34.35 = 3013.85
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 1073892,
            "annual_tax_cents": 514801,
            "withholding_base_cents": 42900,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 42900,
            "special_social_security_cents": 3435,
            "net_cents": 301385,
        },
    ),
    Case(
        "2025-03-married_one_income-7000",
        "2025-03-01",
        700000,
        "married_one_income",
        0,
        False,
        # ss = 7000 x 13.07 % = 914.90
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 914.90 - 0 = 914.90; taxable = 7000 - 914.90 = 6085.10
        # annual = 73021.20; expenses = min(30 % = 21906.36, 5930) = 5930; N = 67091.20
        # Q = min(30 % x 67091.20 = 20127.36, 13460) = 13460
        # scale(N-Q 53631.20) = 16310 x 0.2675 = 4362.93 + 12480 x 0.428 = 5341.44 + 21030 x 0.4815 = 10125.95 + 3811.20 x 0.535 = 2038.99 = 21869.31
        # scale(Q 13460) = 13460 x 0.2675 = 3600.55 = 3600.55
        # tax = sum - 2 x 2915.75 = 19638.36
        # monthly = 19638.36/12 = 1636.53
        # BBSZ (married_one_income) = 14.44 + 0.011 x (7000 - 2190.18) = 67.35 -> bounded to [0, 60.94] = 60.94
        # withholding = 1636.53; net = 7000 - 914.90 - 1636.53 - 60.94 = 4387.63
        {
            "personal_social_security_cents": 91490,
            "work_bonus_cents": 0,
            "taxable_cents": 608510,
            "marital_quotient_cents": 1346000,
            "annual_tax_cents": 1963836,
            "withholding_base_cents": 163653,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 163653,
            "special_social_security_cents": 6094,
            "net_cents": 438763,
        },
    ),
    Case(
        "2025-03-married_two_incomes-1ch-3000",
        "2025-03-01",
        300000,
        "married_two_incomes",
        1,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 120.59 - 0.2443 x (3000 - 2777.83 = 222.17) = 66.31
        # B = 0 (S > 2777.83)
        # personal ss = 392.10 - 66.31 = 325.79; taxable = 3000 - 325.79 = 2674.21
        # annual = 32090.52; expenses = min(30 % = 9627.16, 5930) = 5930; N = 26160.52
        # scale(N 26160.52) = 16310 x 0.2675 = 4362.93 + 9850.52 x 0.428 = 4216.02 = 8578.95
        # tax = scale - 2915.75 = 5663.20
        # family: children 612 -> 612, single parent 0; after = 5051.20
        # monthly = 5663.20/12 = 471.93; after family 5051.20/12 = 420.93
        # fiscal = 66.31 x 33.14 % (21.98) + 0 x 52.54 % (0.00) -> 21.98
        # BBSZ (married_two_incomes) = 14.44 + 0.011 x (3000 - 2190.18) = 23.35
        # withholding = 398.95; net = 3000 - 325.79 - 398.95 - 23.35 = 2251.91
        {
            "personal_social_security_cents": 32579,
            "work_bonus_cents": 6631,
            "taxable_cents": 267421,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 566320,
            "withholding_base_cents": 47193,
            "child_reduction_cents": 5100,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 2198,
            "withholding_tax_cents": 39895,
            "special_social_security_cents": 2335,
            "net_cents": 225191,
        },
    ),
    Case(
        "2025-03-married_two_incomes-1ch-4000",
        "2025-03-01",
        400000,
        "married_two_incomes",
        1,
        False,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 5930) = 5930; N = 35796.40
        # scale(N 35796.40) = 16310 x 0.2675 = 4362.93 + 12480 x 0.428 = 5341.44 + 7006.40 x 0.4815 = 3373.58 = 13077.95
        # tax = scale - 2915.75 = 10162.20
        # family: children 612 -> 612, single parent 0; after = 9550.20
        # monthly = 10162.20/12 = 846.85; after family 9550.20/12 = 795.85
        # BBSZ (married_two_incomes) = 14.44 + 0.011 x (4000 - 2190.18) = 34.35
        # withholding = 795.85; net = 4000 - 522.80 - 795.85 - 34.35 = 2647.00
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 1016220,
            "withholding_base_cents": 84685,
            "child_reduction_cents": 5100,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 79585,
            "special_social_security_cents": 3435,
            "net_cents": 264700,
        },
    ),
    Case(
        "2025-03-single-parent-2ch-2500",
        "2025-03-01",
        250000,
        "single",
        2,
        True,
        # ss = 2500 x 13.07 % = 326.75
        # A = 120.59 (S <= 2777.83)
        # B = 162.62 - 0.2699 x (2500 - 2175.25 = 324.75) = 74.97
        # personal ss = 326.75 - 195.56 = 131.19; taxable = 2500 - 131.19 = 2368.81
        # annual = 28425.72; expenses = min(30 % = 8527.72, 5930) = 5930; N = 22495.72
        # scale(N 22495.72) = 16310 x 0.2675 = 4362.93 + 6185.72 x 0.428 = 2647.49 = 7010.42
        # tax = scale - 2915.75 = 4094.67
        # family: children 1608 -> 1608, single parent 612; after = 1874.67
        # monthly = 4094.67/12 = 341.22; after family 1874.67/12 = 156.22
        # fiscal = 120.59 x 33.14 % (39.96) + 74.97 x 52.54 % (39.39) -> 79.35
        # BBSZ (single) = 10.33 + 0.011 x (2500 - 2190.18) = 13.74
        # withholding = 76.87; net = 2500 - 131.19 - 76.87 - 13.74 = 2278.20
        {
            "personal_social_security_cents": 13119,
            "work_bonus_cents": 19556,
            "taxable_cents": 236881,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 409467,
            "withholding_base_cents": 34122,
            "child_reduction_cents": 13400,
            "single_parent_reduction_cents": 5100,
            "fiscal_work_bonus_cents": 7935,
            "withholding_tax_cents": 7687,
            "special_social_security_cents": 1374,
            "net_cents": 227820,
        },
    ),
    Case(
        "2025-03-single-parent-2ch-4000",
        "2025-03-01",
        400000,
        "single",
        2,
        True,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 5930) = 5930; N = 35796.40
        # scale(N 35796.40) = 16310 x 0.2675 = 4362.93 + 12480 x 0.428 = 5341.44 + 7006.40 x 0.4815 = 3373.58 = 13077.95
        # tax = scale - 2915.75 = 10162.20
        # family: children 1608 -> 1608, single parent 612; after = 7942.20
        # monthly = 10162.20/12 = 846.85; after family 7942.20/12 = 661.85
        # BBSZ (single) = 27.35 + 0.0338 x (4000 - 3737.00) = 36.24
        # withholding = 661.85; net = 4000 - 522.80 - 661.85 - 36.24 = 2779.11
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 1016220,
            "withholding_base_cents": 84685,
            "child_reduction_cents": 13400,
            "single_parent_reduction_cents": 5100,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 66185,
            "special_social_security_cents": 3624,
            "net_cents": 277911,
        },
    ),
    Case(
        "2025-03-married_one_income-3ch-3000",
        "2025-03-01",
        300000,
        "married_one_income",
        3,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 120.59 - 0.2443 x (3000 - 2777.83 = 222.17) = 66.31
        # B = 0 (S > 2777.83)
        # personal ss = 392.10 - 66.31 = 325.79; taxable = 3000 - 325.79 = 2674.21
        # annual = 32090.52; expenses = min(30 % = 9627.16, 5930) = 5930; N = 26160.52
        # Q = min(30 % x 26160.52 = 7848.16, 13460) = 7848.16
        # scale(N-Q 18312.36) = 16310 x 0.2675 = 4362.93 + 2002.36 x 0.428 = 857.01 = 5219.94
        # scale(Q 7848.16) = 7848.16 x 0.2675 = 2099.38 = 2099.38
        # tax = sum - 2 x 2915.75 = 1487.82
        # family: children 4296 -> 1487.82, single parent 0; after = 0.00
        # monthly = 1487.82/12 = 123.99; after family 0.00/12 = 0.00
        # fiscal = 66.31 x 33.14 % (21.98) + 0 x 52.54 % (0.00) -> 0.00
        # BBSZ (married_one_income) = 14.44 + 0.011 x (3000 - 2190.18) = 23.35
        # withholding = 0.00; net = 3000 - 325.79 - 0.00 - 23.35 = 2650.86
        {
            "personal_social_security_cents": 32579,
            "work_bonus_cents": 6631,
            "taxable_cents": 267421,
            "marital_quotient_cents": 784816,
            "annual_tax_cents": 148782,
            "withholding_base_cents": 12399,
            "child_reduction_cents": 12399,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 0,
            "special_social_security_cents": 2335,
            "net_cents": 265086,
        },
    ),
    Case(
        "2025-03-single-9ch-7000",
        "2025-03-01",
        700000,
        "single",
        9,
        False,
        # ss = 7000 x 13.07 % = 914.90
        # A = 0 (S > 3271.48)
        # B = 0 (S > 2777.83)
        # personal ss = 914.90 - 0 = 914.90; taxable = 7000 - 914.90 = 6085.10
        # annual = 73021.20; expenses = min(30 % = 21906.36, 5930) = 5930; N = 67091.20
        # scale(N 67091.20) = 16310 x 0.2675 = 4362.93 + 12480 x 0.428 = 5341.44 + 21030 x 0.4815 = 10125.95 + 17271.20 x 0.535 = 9240.09 = 29070.41
        # tax = scale - 2915.75 = 26154.66
        # family: children 25224 -> 25224, single parent 0; after = 930.66
        # monthly = 26154.66/12 = 2179.56; after family 930.66/12 = 77.56
        # BBSZ (single) = 39.61 + 0.011 x (7000 - 4100.00) = 71.51 -> bounded to [0, 60.94] = 60.94
        # withholding = 77.56; net = 7000 - 914.90 - 77.56 - 60.94 = 5946.60
        {
            "personal_social_security_cents": 91490,
            "work_bonus_cents": 0,
            "taxable_cents": 608510,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 2615466,
            "withholding_base_cents": 217956,
            "child_reduction_cents": 210200,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 7756,
            "special_social_security_cents": 6094,
            "net_cents": 594660,
        },
    ),
    Case(
        "2026-05-single-2000",
        "2026-05-01",
        200000,
        "single",
        0,
        False,
        # ss = 2000 x 13.07 % = 261.40
        # A = 125.04 (S <= 2880.32)
        # B = 168.62 (S <= 2255.50)
        # capped at ss 261.40: A' = 125.04, B' = 136.36
        # personal ss = 261.40 - 261.40 = 0.00; taxable = 2000 - 0.00 = 2000.00
        # annual = 24000.00; expenses = min(30 % = 7200.00, 6070) = 6070; N = 17930.00
        # scale(N 17930.00) = 16710 x 0.2675 = 4469.93 + 1220.00 x 0.428 = 522.16 = 4992.09
        # tax = scale - 2987.98 = 2004.11
        # monthly = 2004.11/12 = 167.01
        # fiscal = 125.04 x 33.14 % (41.44) + 136.36 x 52.54 % (71.64) -> 113.08
        # BBSZ (single) = 0 + 0.0422 x (2000 - 1945.38) = 2.30
        # withholding = 53.93; net = 2000 - 0.00 - 53.93 - 2.30 = 1943.77
        {
            "personal_social_security_cents": 0,
            "work_bonus_cents": 26140,
            "taxable_cents": 200000,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 200411,
            "withholding_base_cents": 16701,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 11308,
            "withholding_tax_cents": 5393,
            "special_social_security_cents": 230,
            "net_cents": 194377,
        },
    ),
    Case(
        "2026-05-single-2500",
        "2026-05-01",
        250000,
        "single",
        0,
        False,
        # ss = 2500 x 13.07 % = 326.75
        # A = 125.04 (S <= 2880.32)
        # B = 168.62 - 0.2699 x (2500 - 2255.50 = 244.50) = 102.63
        # personal ss = 326.75 - 227.67 = 99.08; taxable = 2500 - 99.08 = 2400.92
        # annual = 28811.04; expenses = min(30 % = 8643.31, 6070) = 6070; N = 22741.04
        # scale(N 22741.04) = 16710 x 0.2675 = 4469.93 + 6031.04 x 0.428 = 2581.29 = 7051.22
        # tax = scale - 2987.98 = 4063.24
        # monthly = 4063.24/12 = 338.60
        # fiscal = 125.04 x 33.14 % (41.44) + 102.63 x 52.54 % (53.92) -> 95.36
        # BBSZ (single) = 10.33 + 0.011 x (2500 - 2190.18) = 13.74
        # withholding = 243.24; net = 2500 - 99.08 - 243.24 - 13.74 = 2143.94
        {
            "personal_social_security_cents": 9908,
            "work_bonus_cents": 22767,
            "taxable_cents": 240092,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 406324,
            "withholding_base_cents": 33860,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 9536,
            "withholding_tax_cents": 24324,
            "special_social_security_cents": 1374,
            "net_cents": 214394,
        },
    ),
    Case(
        "2026-05-single-3000",
        "2026-05-01",
        300000,
        "single",
        0,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 125.04 - 0.2738 x (3000 - 2880.32 = 119.68) = 92.27
        # B = 0 (S > 2880.32)
        # personal ss = 392.10 - 92.27 = 299.83; taxable = 3000 - 299.83 = 2700.17
        # annual = 32402.04; expenses = min(30 % = 9720.61, 6070) = 6070; N = 26332.04
        # scale(N 26332.04) = 16710 x 0.2675 = 4469.93 + 9622.04 x 0.428 = 4118.23 = 8588.16
        # tax = scale - 2987.98 = 5600.18
        # monthly = 5600.18/12 = 466.68
        # fiscal = 92.27 x 33.14 % (30.58) + 0 x 52.54 % (0.00) -> 30.58
        # BBSZ (single) = 10.33 + 0.011 x (3000 - 2190.18) = 19.24
        # withholding = 436.10; net = 3000 - 299.83 - 436.10 - 19.24 = 2244.83
        {
            "personal_social_security_cents": 29983,
            "work_bonus_cents": 9227,
            "taxable_cents": 270017,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 560018,
            "withholding_base_cents": 46668,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 3058,
            "withholding_tax_cents": 43610,
            "special_social_security_cents": 1924,
            "net_cents": 224483,
        },
    ),
    Case(
        "2026-05-single-4000",
        "2026-05-01",
        400000,
        "single",
        0,
        False,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 6070) = 6070; N = 35656.40
        # scale(N 35656.40) = 16710 x 0.2675 = 4469.93 + 12790 x 0.428 = 5474.12 + 6156.40 x 0.4815 = 2964.31 = 12908.36
        # tax = scale - 2987.98 = 9920.38
        # monthly = 9920.38/12 = 826.70
        # BBSZ (single) = 27.35 + 0.0338 x (4000 - 3737.00) = 36.24
        # withholding = 826.70; net = 4000 - 522.80 - 826.70 - 36.24 = 2614.26
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 992038,
            "withholding_base_cents": 82670,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 82670,
            "special_social_security_cents": 3624,
            "net_cents": 261426,
        },
    ),
    Case(
        "2026-05-single-7000",
        "2026-05-01",
        700000,
        "single",
        0,
        False,
        # ss = 7000 x 13.07 % = 914.90
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 914.90 - 0 = 914.90; taxable = 7000 - 914.90 = 6085.10
        # annual = 73021.20; expenses = min(30 % = 21906.36, 6070) = 6070; N = 66951.20
        # scale(N 66951.20) = 16710 x 0.2675 = 4469.93 + 12790 x 0.428 = 5474.12 + 21550 x 0.4815 = 10376.33 + 15901.20 x 0.535 = 8507.14 = 28827.52
        # tax = scale - 2987.98 = 25839.54
        # monthly = 25839.54/12 = 2153.30
        # BBSZ (single) = 39.61 + 0.011 x (7000 - 4100.00) = 71.51 -> bounded to [0, 60.94] = 60.94
        # withholding = 2153.30; net = 7000 - 914.90 - 2153.30 - 60.94 = 3870.86
        {
            "personal_social_security_cents": 91490,
            "work_bonus_cents": 0,
            "taxable_cents": 608510,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 2583954,
            "withholding_base_cents": 215330,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 215330,
            "special_social_security_cents": 6094,
            "net_cents": 387086,
        },
    ),
    Case(
        "2026-05-married_one_income-2500",
        "2026-05-01",
        250000,
        "married_one_income",
        0,
        False,
        # ss = 2500 x 13.07 % = 326.75
        # A = 125.04 (S <= 2880.32)
        # B = 168.62 - 0.2699 x (2500 - 2255.50 = 244.50) = 102.63
        # personal ss = 326.75 - 227.67 = 99.08; taxable = 2500 - 99.08 = 2400.92
        # annual = 28811.04; expenses = min(30 % = 8643.31, 6070) = 6070; N = 22741.04
        # Q = min(30 % x 22741.04 = 6822.31, 13790) = 6822.31
        # scale(N-Q 15918.73) = 15918.73 x 0.2675 = 4258.26 = 4258.26
        # scale(Q 6822.31) = 6822.31 x 0.2675 = 1824.97 = 1824.97
        # tax = sum - 2 x 2987.98 = 107.27
        # monthly = 107.27/12 = 8.94
        # fiscal = 125.04 x 33.14 % (41.44) + 102.63 x 52.54 % (53.92) -> 8.94
        # BBSZ (married_one_income) = 14.44 + 0.011 x (2500 - 2190.18) = 17.85
        # withholding = 0.00; net = 2500 - 99.08 - 0.00 - 17.85 = 2383.07
        {
            "personal_social_security_cents": 9908,
            "work_bonus_cents": 22767,
            "taxable_cents": 240092,
            "marital_quotient_cents": 682231,
            "annual_tax_cents": 10727,
            "withholding_base_cents": 894,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 894,
            "withholding_tax_cents": 0,
            "special_social_security_cents": 1785,
            "net_cents": 238307,
        },
    ),
    Case(
        "2026-05-married_one_income-4000",
        "2026-05-01",
        400000,
        "married_one_income",
        0,
        False,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 6070) = 6070; N = 35656.40
        # Q = min(30 % x 35656.40 = 10696.92, 13790) = 10696.92
        # scale(N-Q 24959.48) = 16710 x 0.2675 = 4469.93 + 8249.48 x 0.428 = 3530.78 = 8000.71
        # scale(Q 10696.92) = 10696.92 x 0.2675 = 2861.43 = 2861.43
        # tax = sum - 2 x 2987.98 = 4886.18
        # monthly = 4886.18/12 = 407.18
        # BBSZ (married_one_income) = 14.44 + 0.011 x (4000 - 2190.18) = 34.35
        # withholding = 407.18; net = 4000 - 522.80 - 407.18 - 34.35 = 3035.67
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 1069692,
            "annual_tax_cents": 488618,
            "withholding_base_cents": 40718,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 40718,
            "special_social_security_cents": 3435,
            "net_cents": 303567,
        },
    ),
    Case(
        "2026-05-married_one_income-7000",
        "2026-05-01",
        700000,
        "married_one_income",
        0,
        False,
        # ss = 7000 x 13.07 % = 914.90
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 914.90 - 0 = 914.90; taxable = 7000 - 914.90 = 6085.10
        # annual = 73021.20; expenses = min(30 % = 21906.36, 6070) = 6070; N = 66951.20
        # Q = min(30 % x 66951.20 = 20085.36, 13790) = 13790
        # scale(N-Q 53161.20) = 16710 x 0.2675 = 4469.93 + 12790 x 0.428 = 5474.12 + 21550 x 0.4815 = 10376.33 + 2111.20 x 0.535 = 1129.49 = 21449.87
        # scale(Q 13790) = 13790 x 0.2675 = 3688.83 = 3688.83
        # tax = sum - 2 x 2987.98 = 19162.74
        # monthly = 19162.74/12 = 1596.90
        # BBSZ (married_one_income) = 14.44 + 0.011 x (7000 - 2190.18) = 67.35 -> bounded to [0, 60.94] = 60.94
        # withholding = 1596.90; net = 7000 - 914.90 - 1596.90 - 60.94 = 4427.26
        {
            "personal_social_security_cents": 91490,
            "work_bonus_cents": 0,
            "taxable_cents": 608510,
            "marital_quotient_cents": 1379000,
            "annual_tax_cents": 1916274,
            "withholding_base_cents": 159690,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 159690,
            "special_social_security_cents": 6094,
            "net_cents": 442726,
        },
    ),
    Case(
        "2026-05-married_two_incomes-1ch-3000",
        "2026-05-01",
        300000,
        "married_two_incomes",
        1,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 125.04 - 0.2738 x (3000 - 2880.32 = 119.68) = 92.27
        # B = 0 (S > 2880.32)
        # personal ss = 392.10 - 92.27 = 299.83; taxable = 3000 - 299.83 = 2700.17
        # annual = 32402.04; expenses = min(30 % = 9720.61, 6070) = 6070; N = 26332.04
        # scale(N 26332.04) = 16710 x 0.2675 = 4469.93 + 9622.04 x 0.428 = 4118.23 = 8588.16
        # tax = scale - 2987.98 = 5600.18
        # family: children 624 -> 624, single parent 0; after = 4976.18
        # monthly = 5600.18/12 = 466.68; after family 4976.18/12 = 414.68
        # fiscal = 92.27 x 33.14 % (30.58) + 0 x 52.54 % (0.00) -> 30.58
        # BBSZ (married_two_incomes) = 14.44 + 0.011 x (3000 - 2190.18) = 23.35
        # withholding = 384.10; net = 3000 - 299.83 - 384.10 - 23.35 = 2292.72
        {
            "personal_social_security_cents": 29983,
            "work_bonus_cents": 9227,
            "taxable_cents": 270017,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 560018,
            "withholding_base_cents": 46668,
            "child_reduction_cents": 5200,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 3058,
            "withholding_tax_cents": 38410,
            "special_social_security_cents": 2335,
            "net_cents": 229272,
        },
    ),
    Case(
        "2026-05-married_two_incomes-1ch-4000",
        "2026-05-01",
        400000,
        "married_two_incomes",
        1,
        False,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 6070) = 6070; N = 35656.40
        # scale(N 35656.40) = 16710 x 0.2675 = 4469.93 + 12790 x 0.428 = 5474.12 + 6156.40 x 0.4815 = 2964.31 = 12908.36
        # tax = scale - 2987.98 = 9920.38
        # family: children 624 -> 624, single parent 0; after = 9296.38
        # monthly = 9920.38/12 = 826.70; after family 9296.38/12 = 774.70
        # BBSZ (married_two_incomes) = 14.44 + 0.011 x (4000 - 2190.18) = 34.35
        # withholding = 774.70; net = 4000 - 522.80 - 774.70 - 34.35 = 2668.15
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 992038,
            "withholding_base_cents": 82670,
            "child_reduction_cents": 5200,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 77470,
            "special_social_security_cents": 3435,
            "net_cents": 266815,
        },
    ),
    Case(
        "2026-05-single-parent-2ch-2500",
        "2026-05-01",
        250000,
        "single",
        2,
        True,
        # ss = 2500 x 13.07 % = 326.75
        # A = 125.04 (S <= 2880.32)
        # B = 168.62 - 0.2699 x (2500 - 2255.50 = 244.50) = 102.63
        # personal ss = 326.75 - 227.67 = 99.08; taxable = 2500 - 99.08 = 2400.92
        # annual = 28811.04; expenses = min(30 % = 8643.31, 6070) = 6070; N = 22741.04
        # scale(N 22741.04) = 16710 x 0.2675 = 4469.93 + 6031.04 x 0.428 = 2581.29 = 7051.22
        # tax = scale - 2987.98 = 4063.24
        # family: children 1656 -> 1656, single parent 624; after = 1783.24
        # monthly = 4063.24/12 = 338.60; after family 1783.24/12 = 148.60
        # fiscal = 125.04 x 33.14 % (41.44) + 102.63 x 52.54 % (53.92) -> 95.36
        # BBSZ (single) = 10.33 + 0.011 x (2500 - 2190.18) = 13.74
        # withholding = 53.24; net = 2500 - 99.08 - 53.24 - 13.74 = 2333.94
        {
            "personal_social_security_cents": 9908,
            "work_bonus_cents": 22767,
            "taxable_cents": 240092,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 406324,
            "withholding_base_cents": 33860,
            "child_reduction_cents": 13800,
            "single_parent_reduction_cents": 5200,
            "fiscal_work_bonus_cents": 9536,
            "withholding_tax_cents": 5324,
            "special_social_security_cents": 1374,
            "net_cents": 233394,
        },
    ),
    Case(
        "2026-05-single-parent-2ch-4000",
        "2026-05-01",
        400000,
        "single",
        2,
        True,
        # ss = 4000 x 13.07 % = 522.80
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 522.80 - 0 = 522.80; taxable = 4000 - 522.80 = 3477.20
        # annual = 41726.40; expenses = min(30 % = 12517.92, 6070) = 6070; N = 35656.40
        # scale(N 35656.40) = 16710 x 0.2675 = 4469.93 + 12790 x 0.428 = 5474.12 + 6156.40 x 0.4815 = 2964.31 = 12908.36
        # tax = scale - 2987.98 = 9920.38
        # family: children 1656 -> 1656, single parent 624; after = 7640.38
        # monthly = 9920.38/12 = 826.70; after family 7640.38/12 = 636.70
        # BBSZ (single) = 27.35 + 0.0338 x (4000 - 3737.00) = 36.24
        # withholding = 636.70; net = 4000 - 522.80 - 636.70 - 36.24 = 2804.26
        {
            "personal_social_security_cents": 52280,
            "work_bonus_cents": 0,
            "taxable_cents": 347720,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 992038,
            "withholding_base_cents": 82670,
            "child_reduction_cents": 13800,
            "single_parent_reduction_cents": 5200,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 63670,
            "special_social_security_cents": 3624,
            "net_cents": 280426,
        },
    ),
    Case(
        "2026-05-married_one_income-3ch-3000",
        "2026-05-01",
        300000,
        "married_one_income",
        3,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 125.04 - 0.2738 x (3000 - 2880.32 = 119.68) = 92.27
        # B = 0 (S > 2880.32)
        # personal ss = 392.10 - 92.27 = 299.83; taxable = 3000 - 299.83 = 2700.17
        # annual = 32402.04; expenses = min(30 % = 9720.61, 6070) = 6070; N = 26332.04
        # Q = min(30 % x 26332.04 = 7899.61, 13790) = 7899.61
        # scale(N-Q 18432.43) = 16710 x 0.2675 = 4469.93 + 1722.43 x 0.428 = 737.20 = 5207.13
        # scale(Q 7899.61) = 7899.61 x 0.2675 = 2113.15 = 2113.15
        # tax = sum - 2 x 2987.98 = 1344.32
        # family: children 4404 -> 1344.32, single parent 0; after = 0.00
        # monthly = 1344.32/12 = 112.03; after family 0.00/12 = 0.00
        # fiscal = 92.27 x 33.14 % (30.58) + 0 x 52.54 % (0.00) -> 0.00
        # BBSZ (married_one_income) = 14.44 + 0.011 x (3000 - 2190.18) = 23.35
        # withholding = 0.00; net = 3000 - 299.83 - 0.00 - 23.35 = 2676.82
        {
            "personal_social_security_cents": 29983,
            "work_bonus_cents": 9227,
            "taxable_cents": 270017,
            "marital_quotient_cents": 789961,
            "annual_tax_cents": 134432,
            "withholding_base_cents": 11203,
            "child_reduction_cents": 11203,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 0,
            "special_social_security_cents": 2335,
            "net_cents": 267682,
        },
    ),
    Case(
        "2026-05-single-9ch-7000",
        "2026-05-01",
        700000,
        "single",
        9,
        False,
        # ss = 7000 x 13.07 % = 914.90
        # A = 0 (S > 3336.98)
        # B = 0 (S > 2880.32)
        # personal ss = 914.90 - 0 = 914.90; taxable = 7000 - 914.90 = 6085.10
        # annual = 73021.20; expenses = min(30 % = 21906.36, 6070) = 6070; N = 66951.20
        # scale(N 66951.20) = 16710 x 0.2675 = 4469.93 + 12790 x 0.428 = 5474.12 + 21550 x 0.4815 = 10376.33 + 15901.20 x 0.535 = 8507.14 = 28827.52
        # tax = scale - 2987.98 = 25839.54
        # family: children 25860 -> 25839.54, single parent 0; after = 0.00
        # monthly = 25839.54/12 = 2153.30; after family 0.00/12 = 0.00
        # BBSZ (single) = 39.61 + 0.011 x (7000 - 4100.00) = 71.51 -> bounded to [0, 60.94] = 60.94
        # withholding = 0.00; net = 7000 - 914.90 - 0.00 - 60.94 = 6024.16
        {
            "personal_social_security_cents": 91490,
            "work_bonus_cents": 0,
            "taxable_cents": 608510,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 2583954,
            "withholding_base_cents": 215330,
            "child_reduction_cents": 215330,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 0,
            "withholding_tax_cents": 0,
            "special_social_security_cents": 6094,
            "net_cents": 602416,
        },
    ),
    Case(
        "2025-01-single-3000",
        "2025-01-01",
        300000,
        "single",
        0,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 118.22 - 0.2442 x (3000 - 2723.36 = 276.64) = 50.66
        # B = 0 (S > 2723.36)
        # personal ss = 392.10 - 50.66 = 341.44; taxable = 3000 - 341.44 = 2658.56
        # annual = 31902.72; expenses = min(30 % = 9570.82, 5930) = 5930; N = 25972.72
        # scale(N 25972.72) = 16310 x 0.2675 = 4362.93 + 9662.72 x 0.428 = 4135.64 = 8498.57
        # tax = scale - 2915.75 = 5582.82
        # monthly = 5582.82/12 = 465.24
        # fiscal = 50.66 x 33.14 % (16.79) + 0 x 52.54 % (0.00) -> 16.79
        # BBSZ (single) = 10.33 + 0.011 x (3000 - 2190.18) = 19.24
        # withholding = 448.45; net = 3000 - 341.44 - 448.45 - 19.24 = 2190.87
        {
            "personal_social_security_cents": 34144,
            "work_bonus_cents": 5066,
            "taxable_cents": 265856,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 558282,
            "withholding_base_cents": 46524,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 1679,
            "withholding_tax_cents": 44845,
            "special_social_security_cents": 1924,
            "net_cents": 219087,
        },
    ),
    Case(
        "2026-01-single-3000",
        "2026-01-01",
        300000,
        "single",
        0,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 123.00 - 0.2807 x (3000 - 2833.36 = 166.64) = 76.22
        # B = 0 (S > 2833.36)
        # personal ss = 392.10 - 76.22 = 315.88; taxable = 3000 - 315.88 = 2684.12
        # annual = 32209.44; expenses = min(30 % = 9662.83, 6070) = 6070; N = 26139.44
        # scale(N 26139.44) = 16710 x 0.2675 = 4469.93 + 9429.44 x 0.428 = 4035.80 = 8505.73
        # tax = scale - 2987.98 = 5517.75
        # monthly = 5517.75/12 = 459.81
        # fiscal = 76.22 x 33.14 % (25.26) + 0 x 52.54 % (0.00) -> 25.26
        # BBSZ (single) = 10.33 + 0.011 x (3000 - 2190.18) = 19.24
        # withholding = 434.55; net = 3000 - 315.88 - 434.55 - 19.24 = 2230.33
        {
            "personal_social_security_cents": 31588,
            "work_bonus_cents": 7622,
            "taxable_cents": 268412,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 551775,
            "withholding_base_cents": 45981,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 2526,
            "withholding_tax_cents": 43455,
            "special_social_security_cents": 1924,
            "net_cents": 223033,
        },
    ),
    Case(
        "2026-10-single-3000",
        "2026-10-01",
        300000,
        "single",
        0,
        False,
        # ss = 3000 x 13.07 % = 392.10
        # A = 127.54 - 0.2739 x (3000 - 2937.93 = 62.07) = 110.54
        # B = 0 (S > 2937.93)
        # personal ss = 392.10 - 110.54 = 281.56; taxable = 3000 - 281.56 = 2718.44
        # annual = 32621.28; expenses = min(30 % = 9786.38, 6070) = 6070; N = 26551.28
        # scale(N 26551.28) = 16710 x 0.2675 = 4469.93 + 9841.28 x 0.428 = 4212.07 = 8682.00
        # tax = scale - 2987.98 = 5694.02
        # monthly = 5694.02/12 = 474.50
        # fiscal = 110.54 x 33.14 % (36.63) + 0 x 52.54 % (0.00) -> 36.63
        # BBSZ (single) = 10.33 + 0.011 x (3000 - 2190.18) = 19.24
        # withholding = 437.87; net = 3000 - 281.56 - 437.87 - 19.24 = 2261.33
        {
            "personal_social_security_cents": 28156,
            "work_bonus_cents": 11054,
            "taxable_cents": 271844,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 569402,
            "withholding_base_cents": 47450,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 3663,
            "withholding_tax_cents": 43787,
            "special_social_security_cents": 1924,
            "net_cents": 226133,
        },
    ),
    Case(
        "2026-10-married_two_incomes-2200",
        "2026-10-01",
        220000,
        "married_two_incomes",
        0,
        False,
        # ss = 2200 x 13.07 % = 287.54
        # A = 127.54 (S <= 2937.93)
        # B = 171.99 (S <= 2300.62)
        # capped at ss 287.54: A' = 127.54, B' = 160.00
        # personal ss = 287.54 - 287.54 = 0.00; taxable = 2200 - 0.00 = 2200.00
        # annual = 26400.00; expenses = min(30 % = 7920.00, 6070) = 6070; N = 20330.00
        # scale(N 20330.00) = 16710 x 0.2675 = 4469.93 + 3620.00 x 0.428 = 1549.36 = 6019.29
        # tax = scale - 2987.98 = 3031.31
        # monthly = 3031.31/12 = 252.61
        # fiscal = 127.54 x 33.14 % (42.27) + 160.00 x 52.54 % (84.06) -> 126.33
        # BBSZ (married_two_incomes) = 14.44 + 0.011 x (2200 - 2190.18) = 14.55
        # withholding = 126.28; net = 2200 - 0.00 - 126.28 - 14.55 = 2059.17
        {
            "personal_social_security_cents": 0,
            "work_bonus_cents": 28754,
            "taxable_cents": 220000,
            "marital_quotient_cents": 0,
            "annual_tax_cents": 303131,
            "withholding_base_cents": 25261,
            "child_reduction_cents": 0,
            "single_parent_reduction_cents": 0,
            "fiscal_work_bonus_cents": 12633,
            "withholding_tax_cents": 12628,
            "special_social_security_cents": 1455,
            "net_cents": 205917,
        },
    ),
]
