"""VAT amounts and exemption mentions.

``vat_amounts(amount, rate, included)`` returns ``(base, vat, total)`` with
``base + vat == total`` always.

* VAT excluded: ``base = amount``, ``vat = round_half_up(base × rate)``, ``total = base + vat``.
* VAT included: ``base = round_half_up(amount / (1 + rate))``, then VAT from the base as
  above. The total is then the amount asked for, or one cent off when no base gives it
  exactly (e.g. 10.00 incl. 21 %: base 8.26, VAT 1.73, total 9.99): an invoice must carry
  ``VAT = round(base × rate)`` (EN 16931 BR-S-09), so the invoiceable amount wins.

Round trip: if an excluded base B gives total T, feeding T as "included" gives back B.
Proof: T = B + B·r + e with |e| ≤ ½, so T/(1+r) = B + e/(1+r) and |e/(1+r)| < ½ for r > 0,
hence rounding returns exactly B.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import EngineInputError
from .money import Ratio
from .rules import RuleBook, RuleSet

__all__ = ["VatAmounts", "vat_amounts", "vat_amounts_ratio", "exemption_mention", "check_vat"]


@dataclass(frozen=True)
class VatAmounts:
    base_cents: int
    vat_cents: int
    total_cents: int


def vat_amounts_ratio(amount_cents: int, rate: Ratio, included: bool) -> tuple[int, int, int]:
    """Integer core of :func:`vat_amounts` (rate as an exact fraction)."""
    num, den = rate
    if included:
        d = den + num
        n = amount_cents * den
        base = (2 * n + d) // (2 * d)
    else:
        base = amount_cents
    n = base * num
    vat = (2 * n + den) // (2 * den)
    return base, vat, base + vat


def vat_amounts(
    amount_cents: int, rate: str, included: bool, *, rules: RuleSet | None = None
) -> VatAmounts:
    """Split ``amount_cents`` (with or without VAT) into base, VAT and total.

    ``rate`` is a rule-set VAT rate string (``"21"``, ``"12"``, ``"6"``, ``"0"``).
    """
    rs = rules or RuleBook.default().rule_sets()[-1]
    if type(amount_cents) is not int:
        raise EngineInputError("amountCents", "not_an_integer")
    if amount_cents <= 0:
        raise EngineInputError("amountCents", "not_positive")
    ratio = rs.vat_rates.get(rate)
    if ratio is None:
        raise EngineInputError(
            "vatRate", "unknown_vat_rate", {"value": rate, "allowed": ", ".join(rs.vat_rates)}
        )
    base, vat, total = vat_amounts_ratio(amount_cents, ratio, included)
    return VatAmounts(base, vat, total)


def check_vat(
    rs: RuleSet, rate: str, exemption: str | None, client_country: str
) -> tuple[Ratio, str | None]:
    """Validate a VAT rate + exemption + client country; returns (ratio, exemption)."""
    ratio = rs.vat_rates.get(rate)
    if ratio is None:
        raise EngineInputError(
            "vatRate", "unknown_vat_rate", {"value": rate, "allowed": ", ".join(rs.vat_rates)}
        )
    if ratio[0] == 0:
        if not exemption:
            raise EngineInputError(
                "vatExemption", "exemption_required", {"allowed": ", ".join(rs.vat_exemptions)}
            )
        ex = rs.vat_exemptions.get(exemption)
        if ex is None:
            raise EngineInputError(
                "vatExemption",
                "unknown_exemption",
                {"value": exemption, "allowed": ", ".join(rs.vat_exemptions)},
            )
        kind = ex[1]
        if kind == "other_eu" and (
            client_country == rs.country or client_country not in rs.eu_countries
        ):
            raise EngineInputError(
                "clientCountry", "exemption_needs_eu_client", {"country": rs.country}
            )
        if kind == "non_eu" and client_country in rs.eu_countries:
            raise EngineInputError("clientCountry", "exemption_needs_non_eu_client", {})
        return ratio, exemption
    if exemption:
        raise EngineInputError("vatExemption", "exemption_not_allowed", {})
    return ratio, None


def exemption_mention(exemption: str, *, rules: RuleSet | None = None) -> dict[str, str]:
    """The legal invoice mention of an exemption reason in nl, fr and en."""
    rs = rules or RuleBook.default().rule_sets()[-1]
    ex = rs.vat_exemptions.get(exemption)
    if ex is None:
        raise EngineInputError(
            "vatExemption",
            "unknown_exemption",
            {"value": exemption, "allowed": ", ".join(rs.vat_exemptions)},
        )
    return dict(ex[0])
