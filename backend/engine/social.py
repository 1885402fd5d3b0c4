"""Social security reductions and levies on a wage: the work bonus and the special contribution.

Work bonus (werkbonus / bonus à l'emploi), RSZ administrative instructions, "Werkbonus":

* a reference monthly wage ``S`` is the gross of the month for a full-time, full month;
  with fewer hours ``S = (W / H) × U`` (``W`` the gross of the month, ``H`` the hours paid in
  the month, ``U`` the hours of a full-time worker in that month: its days in the 5-day regime
  ``D`` × the full-time hours per day); with fewer days of a full-time regime ``S = (W / J) × D``;
* each part (A: low wages, B: very low wages) gives a full-time amount ``R(S)``: ``max`` up to
  ``threshold``, then ``max − slope × (S − threshold)`` down to zero at ``zero_at``;
* the reduction for the month is ``P = R × H / U`` (or ``R × J / D``), never more than 1 × R;
* ``W/H`` and ``W/J`` are rounded to the cent, ``H/U`` and ``J/D`` to two decimals (0.005 up),
  ``R`` and ``P`` to the cent (RSZ instructions 2026/3 p. 449-453, as implemented in the open
  DuxSalary engine; see the rule-set sources);
* the bonus never exceeds the month's personal contribution: part B is reduced first, then A;
* workers declared at 108 % (manual workers, artists) have their own amounts (column "108").

The fiscal work bonus (Annex III KB/WIB 92) is a withholding-tax reduction of
``fiscal_part_a_percent`` of part A plus ``fiscal_part_b_percent`` of part B, each rounded.

Special social security contribution (bijzondere bijdrage / cotisation spéciale), monthly
withholding since 1 April 2022 (wet 28 maart 2022, BS 31.03.2022): three scales, for an
individually taxed worker, a jointly taxed worker whose spouse has no professional income, and
one whose spouse has one; on the gross declared to the RSZ (108 % for manual workers). The
quarterly brackets are taken as three times the month.
"""

from __future__ import annotations

from .ruleset import RuleSet, SpecialScale, WorkBonusPart

__all__ = [
    "WorkBonus",
    "day_work_bonus",
    "fiscal_work_bonus",
    "grant_work_bonus",
    "monthly_work_bonus",
    "part_amount",
    "special_social_security",
    "work_bonus_reference",
]

WorkBonus = tuple[int, int]  # part A, part B (cents)


def _round(num: int, den: int) -> int:
    return (2 * num + den) // (2 * den)


def part_amount(s: int, part: WorkBonusPart) -> int:
    """Full-time amount ``R`` of one part for the reference monthly wage ``s`` (cents)."""
    max_c, threshold, (sn, sd), zero_at = part
    if s <= threshold:
        return max_c
    if s > zero_at:
        return 0
    num = max_c * sd - sn * (s - threshold)
    return _round(num, sd) if num > 0 else 0


def work_bonus_reference(s: int, rs: RuleSet, column: str) -> WorkBonus:
    """Full-time amounts (A, B) for the reference wage ``s``; (0, 0) for column "none"."""
    if column == "none" or s > rs.work_bonus_ceiling:
        return 0, 0
    a, b = rs.work_bonus_parts[column]
    return part_amount(s, a), part_amount(s, b)


def grant_work_bonus(a: int, b: int, contribution: int) -> WorkBonus:
    """Cap the bonus at the personal contribution: part B gives way first, then part A."""
    a = min(a, contribution)
    return a, min(b, contribution - a)


def fiscal_work_bonus(a: int, b: int, rs: RuleSet) -> int:
    (fan, fad), (fbn, fbd) = rs.fiscal_work_bonus
    return _round(a * fan, fad) + _round(b * fbn, fbd)


def monthly_work_bonus(
    gross: int, rs: RuleSet, column: str, days_paid: int | None = None, days_in_month: int | None = None
) -> WorkBonus:
    """Uncapped (A, B) for a month's gross in a full-time regime (``J`` of ``D`` days paid)."""
    if column == "none" or gross <= 0:
        return 0, 0
    if days_paid is None or days_in_month is None or days_paid >= days_in_month:
        return work_bonus_reference(gross, rs, column)
    j, d = days_paid, days_in_month
    s = _round(gross, j) * d
    a, b = work_bonus_reference(s, rs, column)
    fr = min(100, _round(100 * j, d))
    return _round(a * fr, 100), _round(b * fr, 100)


def day_work_bonus(
    gross: int, days: int, hn: int, hd: int, month_days: int, rs: RuleSet, column: str,
    contribution: int,
) -> tuple[int, int]:  # fmt: skip
    """``(social bonus, fiscal bonus)`` for ``days`` day contracts of ``hn/hd`` hours in one
    calendar month of ``month_days`` days, capped at that month's ``contribution``.

    ``H = days × hn/hd``; ``U = month_days × full-time hours per day``. Inlined arithmetic:
    this runs for most simulations.
    """
    un, ud = rs.full_time_daily_hours
    hu = days * hn * ud  # H and U on a common denominator (hd × ud)
    uu = month_days * un * hd
    if hu >= uu:  # a full month: S = W
        s, fr = gross, 100
    else:
        den = days * hn
        per_hour = (2 * gross * hd + den) // (2 * den)  # W / H, to the cent
        s = (2 * per_hour * month_days * un + ud) // (2 * ud)  # (W / H) × U, to the cent
        if s > rs.work_bonus_ceiling:
            return 0, 0
        fr = (200 * hu + uu) // (2 * uu)  # H / U, two decimals
        if fr > 100:
            fr = 100
    (ma, ta, (an, ad), za), (mb, tb, (bn, bd), zb) = rs.work_bonus_parts[column]
    if s <= ta:
        a = ma
    elif s > za:
        a = 0
    else:
        num = ma * ad - an * (s - ta)
        a = (2 * num + ad) // (2 * ad) if num > 0 else 0
    if s <= tb:
        b = mb
    elif s > zb:
        b = 0
    else:
        num = mb * bd - bn * (s - tb)
        b = (2 * num + bd) // (2 * bd) if num > 0 else 0
    if fr != 100:
        a = (2 * a * fr + 100) // 200
        b = (2 * b * fr + 100) // 200
    if a + b == 0:
        return 0, 0
    if a > contribution:
        a = contribution
    if b > contribution - a:
        b = contribution - a
    (fan, fad), (fbn, fbd) = rs.fiscal_work_bonus
    return a + b, (2 * a * fan + fad) // (2 * fad) + (2 * b * fbn + fbd) // (2 * fbd)


def special_social_security(base: int, rs: RuleSet, status: str) -> int:
    """Monthly special social security contribution on ``base`` (gross × 100 % or 108 %)."""
    scale: SpecialScale = rs.special_ss[status]
    tiers, minimum, maximum = scale
    amount = None
    for over, fixed, (n, d) in tiers:
        if base > over:
            amount = fixed + _round((base - over) * n, d)
    if amount is None:
        return 0
    return min(max(amount, minimum), maximum)
