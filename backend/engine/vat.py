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
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat

from .errors import MESSAGES, EngineInputError
from .money import Ratio
from .rules import RuleBook, RuleSet

__all__ = [
    "ExemptionInfo", "VatAmounts", "VatTreatment", "check_vat", "exemption_info",
    "exemption_mention", "is_business_vat_number", "place_of_supply", "vat_amounts",
    "vat_amounts_ratio",
]

# The VAT messages of the place-of-supply rules (the engine's catalogue is shared).
MESSAGES.update({
    "reverse_charge_needs_vat_number": {
        "nl": "Verlegging van heffing kan alleen voor een klant met een geldig btw-nummer van "
              "zijn land ({country}).",
        "fr": "L'autoliquidation n'est possible que pour un client ayant un numéro de TVA "
              "valable de son pays ({country}).",
        "en": "Reverse charge only applies to a client with a valid VAT number of its country "
              "({country}).",
    },
    "outside_scope_needs_business": {
        "nl": "Buiten het toepassingsgebied van de Belgische btw valt alleen een dienst aan "
              "een onderneming buiten de EU (met haar btw- of ondernemingsnummer).",
        "fr": "Seul un service à une entreprise hors UE (avec son numéro de TVA ou "
              "d'entreprise) est hors du champ de la TVA belge.",
        "en": "Only a service to a business outside the EU (with its VAT or company number) is "
              "outside the scope of Belgian VAT.",
    },
})


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


# --------------------------------------------------------------------------- place of supply


@dataclass(frozen=True)
class ExemptionInfo:
    """What an e-invoice and a document need of an exemption reason."""

    code: str
    mention: dict[str, str]  # the legal mention, nl / fr / en
    client: str  # any | other_eu | non_eu
    ubl_category: str  # EN 16931 VAT category: E, AE, G, O...
    vatex: str  # VATEX reason code, lower case: vatex-eu-ae


@dataclass(frozen=True)
class VatTreatment:
    """How a service is taxed: the rate and exemption to invoice, and why (``rule``).

    ``rule``: ``domestic`` (Belgian VAT at the chosen rate, or the chosen exemption),
    ``reverse_charge`` (EU business client) or ``outside_scope`` (business client outside
    the EU). ``rule_set`` names the dated rules that decided.
    """

    rate: str
    exemption: str | None
    rule: str
    rule_set: str
    info: ExemptionInfo | None = None

    @property
    def mention(self) -> dict[str, str] | None:
        return dict(self.info.mention) if self.info else None


def _rule_set(rules: RuleSet | None, on: date | None, country: str, legal_entity: str) -> RuleSet:
    if rules is not None:
        return rules
    book = RuleBook.default()
    if on is None:
        return [rs for rs in book.rule_sets()
                if (rs.country, rs.legal_entity) == (country, legal_entity)][-1]
    return book.for_date(country, legal_entity, on, field="date")[0]


def exemption_info(exemption: str, *, on: date | None = None, rules: RuleSet | None = None,
                   country: str = "BE", legal_entity: str = "smart") -> ExemptionInfo:
    """Mention, UBL category and VATEX code of an exemption, from the rules in force ``on``."""
    rs = _rule_set(rules, on, country, legal_entity)
    ex = rs.vat_exemptions.get(exemption) if isinstance(exemption, str) else None
    if ex is None:
        raise EngineInputError("vatExemption", "unknown_exemption",
                               {"value": str(exemption), "allowed": ", ".join(rs.vat_exemptions)})
    category, vatex = rs.vat_exemption_codes[exemption]
    return ExemptionInfo(exemption, dict(ex[0]), ex[1], category, vatex)


def _vat_country(code: str) -> str:
    return "GR" if code == "EL" else code


def is_business_vat_number(vat_number: str | None, client_country: str) -> bool:
    """A VAT number valid (format and check digits, offline) for the client's EU country."""
    if not vat_number:
        return False
    try:
        number = eu_vat.validate(vat_number)
    except stdnum_errors.ValidationError:
        return False
    return _vat_country(number[:2]) == client_country


def place_of_supply(client_country: str, client_vat_number: str | None, vat_rate: str,
                    vat_exemption: str | None = None, *, on: date | None = None,
                    rules: RuleSet | None = None, country: str = "BE",
                    legal_entity: str = "smart") -> VatTreatment:
    """The VAT treatment of a service by the cooperative, from where the client is and
    whether it is a business (WBTW art. 21 §2 / CTVA; Directive 2006/112/EC art. 44, 196):

    - client in Belgium: Belgian VAT at ``vat_rate`` (or the chosen exemption, e.g. training);
    - business client in another EU state (a VAT number valid for that state): reverse charge,
      0 %, exemption ``vat.place_of_supply.eu_business_exemption``;
    - business client outside the EU (any VAT, tax or company number given): outside the
      scope of Belgian VAT, 0 %, exemption ``vat.place_of_supply.non_eu_business_exemption``;
    - private client anywhere: Belgian VAT at ``vat_rate`` (B2C general rule), or an
      exemption its own conditions allow (e.g. ``export``).

    Raises ``EngineInputError`` (localised) for an impossible choice.
    """
    rs = _rule_set(rules, on, country, legal_entity)
    cc = client_country.upper() if isinstance(client_country, str) else ""
    if not (len(cc) == 2 and cc.isascii() and cc.isalpha()):
        raise EngineInputError("clientCountry", "invalid_country", {})
    in_eu = cc in rs.eu_countries
    if cc != rs.country and in_eu and is_business_vat_number(client_vat_number, cc):
        code = rs.place_of_supply["eu_business"]
        return VatTreatment("0", code, "reverse_charge", rs.id, exemption_info(code, rules=rs))
    if not in_eu and client_vat_number and client_vat_number.strip():
        code = rs.place_of_supply["non_eu_business"]
        return VatTreatment("0", code, "outside_scope", rs.id, exemption_info(code, rules=rs))
    if vat_exemption == rs.place_of_supply["eu_business"]:
        raise EngineInputError("client.vatNumber", "reverse_charge_needs_vat_number",
                               {"country": cc})
    if vat_exemption == rs.place_of_supply["non_eu_business"]:
        raise EngineInputError("client.vatNumber", "outside_scope_needs_business", {})
    _, exemption = check_vat(rs, vat_rate, vat_exemption, cc)
    info = exemption_info(exemption, rules=rs) if exemption else None
    return VatTreatment(vat_rate, exemption, "domestic", rs.id, info)
