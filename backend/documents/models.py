"""What the documents show: plain frozen dataclasses, in the domain's words.

The QuickJob service builds these from its own records and hands them to the renderers in
``pdf`` and ``ubl``. Nothing here touches a database or the web framework. The values they
are made of (cents, rates, the structured communication) are checked in ``values``; the
parties on them are in ``parties``.

Conventions (as everywhere in the project):
- money is an ``int`` number of euro cents, never a float; amounts on a credit note are
  positive (the document kind says it is a credit);
- rates are decimal strings: VAT ``"21"``, ``"12"``, ``"6"``, ``"0"``; withholding ``"11.11"``;
- quantities are decimal strings (``"1"``, ``"2.5"``) or ints, never floats;
- ``language`` is one of ``nl``, ``fr``, ``en``;
- dates are ``datetime.date``.

Each dataclass checks its own arithmetic in ``__post_init__`` (a line's amount is its
quantity times its unit price; the totals add up; a payslip's net follows from its gross),
so a document that renders is a document whose figures agree. Violations raise
``DocumentError`` (a ``ValueError``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from stdnum import exceptions as stdnum_errors
from stdnum import iban as stdnum_iban

from backend.documents.parties import Party, Worker
from backend.documents.values import (
    DocumentError,
    apply_rate,
    check_cents,
    check_language,
    format_ogm,
    multiply,
    normalize_decimal,
    parse_decimal,
    split_vat_included,
)
from backend.engine.errors import EngineInputError
from backend.engine.vat import ExemptionInfo, exemption_info

CONTRACT_TYPES: tuple[str, ...] = (
    "employee", "manual_worker", "student", "artist", "artist_1bis", "interim", "training",
    "open_ended",
)

# VAT exemption reasons are the engine's (``backend.engine.vat``): the dated rule set in force
# on the date of the service gives each one its legal mention, its EN 16931 category and its
# VATEX code, so a reason the engine accepts is a reason every document can print and file.


# --------------------------------------------------------------------------- lines and totals


@dataclass(frozen=True)
class DocumentLine:
    """One line of a quote or invoice: ``amount_cents = quantity × unit_price_cents`` (excl. VAT).

    ``unit_code`` is a UN/ECE Rec. 20 code for UBL: ``C62`` (unit), ``HUR`` (hour),
    ``DAY`` (day).
    """

    description: str
    quantity: str
    unit_price_cents: int
    vat_rate: str
    amount_cents: int
    unit_code: str = "C62"

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise DocumentError("a line needs a description")
        quantity = parse_decimal("quantity", self.quantity)
        object.__setattr__(self, "quantity", normalize_decimal(quantity))
        rate = parse_decimal("vat_rate", self.vat_rate)
        object.__setattr__(self, "vat_rate", normalize_decimal(rate))
        check_cents("unit_price_cents", self.unit_price_cents)
        check_cents("amount_cents", self.amount_cents)
        expected = multiply(self.quantity, self.unit_price_cents)
        if expected != self.amount_cents:
            raise DocumentError(
                f"line {self.description!r}: amount {self.amount_cents} != quantity "
                f"{self.quantity} × unit price {self.unit_price_cents} = {expected}")

    @classmethod
    def of(cls, description: str, unit_price_cents: int, vat_rate: str, quantity: str | int = "1",
           unit_code: str = "C62") -> DocumentLine:
        """A line whose amount is computed: ``DocumentLine.of("Workshop", 50000, "21")``."""
        q = normalize_decimal(parse_decimal("quantity", quantity))
        return cls(description, q, unit_price_cents, vat_rate,
                   multiply(q, unit_price_cents), unit_code)


@dataclass(frozen=True)
class VatSubtotal:
    """Base, rate and VAT amount for one VAT rate (and exemption, when the rate is 0)."""

    vat_rate: str
    base_cents: int
    vat_cents: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "vat_rate", normalize_decimal(parse_decimal("vat_rate", self.vat_rate)))
        check_cents("base_cents", self.base_cents)
        check_cents("vat_cents", self.vat_cents)


@dataclass(frozen=True)
class Totals:
    """``base + vat = total``; ``breakdown`` has one entry per VAT rate, in descending rate."""

    base_cents: int
    vat_cents: int
    total_cents: int
    breakdown: tuple[VatSubtotal, ...]

    def __post_init__(self) -> None:
        for name in ("base_cents", "vat_cents", "total_cents"):
            check_cents(name, getattr(self, name))
        object.__setattr__(self, "breakdown", tuple(self.breakdown))
        if self.base_cents + self.vat_cents != self.total_cents:
            raise DocumentError("totals: base + VAT must equal the total")
        if sum(s.base_cents for s in self.breakdown) != self.base_cents:
            raise DocumentError("totals: the VAT breakdown bases must add up to the base")
        if sum(s.vat_cents for s in self.breakdown) != self.vat_cents:
            raise DocumentError("totals: the VAT breakdown amounts must add up to the VAT")


def compute_totals(lines: tuple[DocumentLine, ...] | list[DocumentLine]) -> Totals:
    """The totals of some lines: VAT is rounded once per rate on the summed base, never per line
    (as EN 16931 / Peppol BR-CO-17 and Belgian practice expect)."""
    bases: dict[str, int] = {}
    for line in lines:
        bases[line.vat_rate] = bases.get(line.vat_rate, 0) + line.amount_cents
    breakdown = tuple(
        VatSubtotal(rate, base, apply_rate(base, rate))
        for rate, base in sorted(bases.items(), key=lambda kv: Decimal(kv[0]), reverse=True)
    )
    base = sum(s.base_cents for s in breakdown)
    vat = sum(s.vat_cents for s in breakdown)
    return Totals(base, vat, base + vat, breakdown)


def _check_lines_and_totals(lines: tuple[DocumentLine, ...], totals: Totals,
                            vat_exemption: str | None, on: date) -> ExemptionInfo | None:
    """Checks the figures and returns the exemption's rules (mention, category) in force ``on``."""
    if not lines:
        raise DocumentError("a document needs at least one line")
    expected = compute_totals(lines)
    if totals != expected:
        raise DocumentError(
            f"totals do not match the lines: got {totals}, the lines give {expected}")
    has_zero = any(Decimal(line.vat_rate) == 0 for line in lines)
    if has_zero and not vat_exemption:
        raise DocumentError("a line at 0 % VAT needs a vat_exemption reason")
    if vat_exemption and not has_zero:
        raise DocumentError("vat_exemption is given but no line is at 0 % VAT")
    if not vat_exemption:
        return None
    try:
        info = exemption_info(vat_exemption, on=on)
    except EngineInputError as exc:
        raise DocumentError(f"unknown vat_exemption {vat_exemption!r}: {exc}") from exc
    if info.ubl_category == "O" and not all(Decimal(line.vat_rate) == 0 for line in lines):
        # EN 16931 BR-O-11..14: a service outside the scope of VAT is the whole document
        raise DocumentError(f"{vat_exemption}: every line must be at 0 % (outside the scope)")
    return info


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class ProtectiveClauses:
    """The quote's protective clauses (seed 004:1296-1304): values come from the caller.

    ``cancellation_fee_percent`` of the total is due if the client cancels; a long-term
    engagement ends with ``notice_period_days`` of notice. No deposit is promised: nothing
    would invoice it, and a client of a one-off service expects to pay on the invoice after
    the work (the cooperative's guarantee fund protects the worker, not a deposit).
    """

    cancellation_fee_percent: str
    notice_period_days: int

    def __post_init__(self) -> None:
        value = parse_decimal("cancellation_fee_percent", self.cancellation_fee_percent)
        if value > 100:
            raise DocumentError("cancellation_fee_percent must be at most 100")
        object.__setattr__(self, "cancellation_fee_percent", normalize_decimal(value))
        if isinstance(self.notice_period_days, bool) or not isinstance(self.notice_period_days, int) \
                or self.notice_period_days < 0:
            raise DocumentError("notice_period_days must be a non-negative int")


class _Exempted:
    """What a quote and an invoice know of their VAT exemption (set in ``__post_init__``)."""

    language: str
    vat_exemption_mention: str | None

    @property
    def exemption(self) -> ExemptionInfo | None:
        """The exemption's legal mention, EN 16931 category and VATEX code (None: taxed)."""
        return self._exemption  # type: ignore[attr-defined]

    @property
    def exemption_mention(self) -> str:
        return exemption_text(self.exemption, self.language, self.vat_exemption_mention)


@dataclass(frozen=True)
class QuoteDocument(_Exempted):
    number: str
    issue_date: date
    valid_until: date
    language: str
    supplier: Party  # the cooperative's legal entity that contracts with the client
    worker_name: str  # who performs
    client: Party
    function: str
    description: str
    performance_dates: tuple[date, ...]
    lines: tuple[DocumentLine, ...]
    totals: Totals
    clauses: ProtectiveClauses
    accept_url: str
    vat_exemption: str | None = None
    vat_exemption_mention: str | None = None  # default: the rule set's legal mention

    def __post_init__(self) -> None:
        check_language(self.language)
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "performance_dates", tuple(self.performance_dates))
        if not self.performance_dates:
            raise DocumentError("a quote needs the date(s) of the service")
        info = _check_lines_and_totals(self.lines, self.totals, self.vat_exemption,
                                       max(self.performance_dates))
        object.__setattr__(self, "_exemption", info)
        if self.valid_until < self.issue_date:
            raise DocumentError("valid_until is before issue_date")

    @property
    def cancellation_fee_cents(self) -> int:
        return apply_rate(self.totals.total_cents, self.clauses.cancellation_fee_percent)


@dataclass(frozen=True)
class InvoiceDocument(_Exempted):
    """An invoice, or (``kind="credit_note"``) a credit note crediting ``credited_invoice_*``.

    ``service_dates`` are the dates of the performance (delivery). ``order_reference`` is the
    number of the quote the client accepted (the order). ``prepaid_cents`` is what the client
    already paid; the amount due is the total minus it.

    An invoice asks for payment: it needs the payee's IBAN (EN 16931 BR-50/BR-61) and a
    structured communication. A credit note asks for nothing: it carries neither.
    """

    number: str  # e.g. "2026/000042": sequential, gap-free
    issue_date: date
    due_date: date
    service_dates: tuple[date, ...]
    supplier: Party
    customer: Party
    lines: tuple[DocumentLine, ...]
    totals: Totals
    language: str
    structured_communication: str | None = None  # "+++123/4567/89002+++" (invoices)
    payment_iban: str | None = None  # invoices
    payment_bic: str | None = None
    buyer_reference: str | None = None
    order_reference: str | None = None
    vat_exemption: str | None = None
    vat_exemption_mention: str | None = None  # default: the rule set's legal mention
    kind: Literal["invoice", "credit_note"] = "invoice"
    credited_invoice_number: str | None = None
    credited_invoice_date: date | None = None
    worker_name: str | None = None  # who performed, printed for the client's information
    prepaid_cents: int = 0
    currency: str = field(default="EUR")
    page_url: str | None = None  # the client's page of an invoice (pay by QR code)

    def __post_init__(self) -> None:
        check_language(self.language)
        if self.kind not in ("invoice", "credit_note"):
            raise DocumentError(f"kind must be invoice or credit_note, got {self.kind!r}")
        if not self.number.strip():
            raise DocumentError("an invoice needs a number")
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "service_dates", tuple(self.service_dates))
        if not self.service_dates:
            raise DocumentError("an invoice needs the date(s) of the service")
        info = _check_lines_and_totals(self.lines, self.totals, self.vat_exemption,
                                       max(self.service_dates))
        object.__setattr__(self, "_exemption", info)
        check_cents("prepaid_cents", self.prepaid_cents)
        if self.prepaid_cents > self.totals.total_cents:
            raise DocumentError("prepaid_cents exceeds the total")
        if self.kind == "credit_note":
            if not self.credited_invoice_number:
                raise DocumentError("a credit note needs credited_invoice_number")
            if self.prepaid_cents:
                raise DocumentError("a credit note has no prepaid amount")
            # nothing to pay: no account, no communication (a credit note is not a request)
            object.__setattr__(self, "structured_communication", None)
            object.__setattr__(self, "payment_iban", None)
            object.__setattr__(self, "payment_bic", None)
        else:
            if not self.structured_communication:
                raise DocumentError("an invoice needs a structured communication")
            object.__setattr__(self, "structured_communication",
                               format_ogm(self.structured_communication))
            if not self.payment_iban:
                raise DocumentError("an invoice needs the payee's IBAN (EN 16931 BR-50)")
            try:
                iban = stdnum_iban.validate(self.payment_iban)
            except stdnum_errors.ValidationError as exc:
                raise DocumentError(f"invalid payee IBAN {self.payment_iban!r}") from exc
            object.__setattr__(self, "payment_iban", iban)
            if self.payment_bic is not None:
                object.__setattr__(self, "payment_bic", self.payment_bic.strip().upper() or None)
        if self.due_date < self.issue_date:
            raise DocumentError("due_date is before issue_date")
        if self.currency != "EUR":
            raise DocumentError("only EUR is supported")

    @property
    def payable_cents(self) -> int:
        """What the client is asked to pay (0 on a credit note: it asks for nothing)."""
        if self.kind == "credit_note":
            return 0
        return self.totals.total_cents - self.prepaid_cents


def exemption_text(info: ExemptionInfo | None, language: str, override: str | None) -> str:
    """The legal mention of a document's exemption in its language ("" when taxed)."""
    if override:
        return override
    if info is None:
        return ""
    return info.mention.get(language) or info.mention["nl"]


@dataclass(frozen=True)
class ContractDocument:
    """The employment contract for the days worked; the cooperative's entity is the employer."""

    number: str
    issue_date: date
    language: str
    employer: Party
    worker: Worker
    function: str
    description: str
    country: str  # where the work is performed (ISO alpha-2)
    risks: str  # the risks of the job, in plain words ("" when none in particular)
    work_dates: tuple[date, ...]
    contract_type: str  # employee | manual_worker | student | ... (api.md)
    gross_cents: int
    withholding_rate: str  # the worker's chosen flat rate, "11.11"
    hours_per_day: str  # "7.6"
    joint_committee: str | None = None  # paritair comité / commission paritaire, e.g. "200"
    client_name: str | None = None  # the client the work is done for
    place_of_work: str | None = None

    def __post_init__(self) -> None:
        check_language(self.language)
        object.__setattr__(self, "work_dates", tuple(self.work_dates))
        if not self.work_dates:
            raise DocumentError("a contract needs at least one working day")
        if self.contract_type not in CONTRACT_TYPES:
            raise DocumentError(f"unknown contract_type {self.contract_type!r}")
        check_cents("gross_cents", self.gross_cents)
        object.__setattr__(self, "withholding_rate", normalize_decimal(
            parse_decimal("withholding_rate", self.withholding_rate)))
        object.__setattr__(self, "hours_per_day", normalize_decimal(
            parse_decimal("hours_per_day", self.hours_per_day)))


@dataclass(frozen=True)
class ExpenseRefund:
    category: str  # travel | meals | material | accommodation | other
    amount_cents: int
    description: str = ""

    def __post_init__(self) -> None:
        check_cents("amount_cents", self.amount_cents)


@dataclass(frozen=True)
class PayslipDocument:
    """A payslip per contract (or month): always an estimate settled at the quarterly
    declaration (domain §4); the rendered slip says so.

    ``taxable = gross − social_security``; ``net = taxable − withholding −
    special_social_security``; paid = net + expense refunds.

    ``social_security_cents`` and ``withholding_cents`` are what is withheld, after the work
    bonus (``work_bonus_cents``, RSZ) and the fiscal work bonus (``fiscal_work_bonus_cents``);
    the slip shows each contribution before its bonus and the bonus as its own line, so the
    rates printed add up.
    """

    number: str
    issue_date: date
    language: str
    employer: Party
    worker: Worker
    period_start: date
    period_end: date
    work_dates: tuple[date, ...]
    contract_type: str
    gross_cents: int
    social_security_cents: int
    taxable_cents: int
    withholding_rate: str
    withholding_cents: int
    net_cents: int
    pay_date: date
    rule_set_id: str
    expense_refunds: tuple[ExpenseRefund, ...] = ()
    special_social_security_cents: int = 0
    contract_number: str | None = None
    work_bonus_cents: int = 0  # already deducted from social_security_cents
    fiscal_work_bonus_cents: int = 0  # already deducted from withholding_cents

    def __post_init__(self) -> None:
        check_language(self.language)
        object.__setattr__(self, "work_dates", tuple(self.work_dates))
        object.__setattr__(self, "expense_refunds", tuple(self.expense_refunds))
        if self.contract_type not in CONTRACT_TYPES:
            raise DocumentError(f"unknown contract_type {self.contract_type!r}")
        for name in ("gross_cents", "social_security_cents", "taxable_cents",
                     "withholding_cents", "special_social_security_cents", "work_bonus_cents",
                     "fiscal_work_bonus_cents"):
            check_cents(name, getattr(self, name))
        check_cents("net_cents", self.net_cents, allow_negative=True)
        object.__setattr__(self, "withholding_rate", normalize_decimal(
            parse_decimal("withholding_rate", self.withholding_rate)))
        if self.gross_cents - self.social_security_cents != self.taxable_cents:
            raise DocumentError("payslip: taxable must equal gross − social security")
        if (self.taxable_cents - self.withholding_cents - self.special_social_security_cents
                != self.net_cents):
            raise DocumentError("payslip: net must equal taxable − withholding − special contribution")
        if self.period_end < self.period_start:
            raise DocumentError("payslip: period_end is before period_start")
        if not self.rule_set_id.strip():
            raise DocumentError("payslip: rule_set_id is required (which rules computed it)")

    @property
    def expense_refunds_cents(self) -> int:
        return sum(e.amount_cents for e in self.expense_refunds)

    @property
    def paid_cents(self) -> int:
        return self.net_cents + self.expense_refunds_cents


@dataclass(frozen=True)
class CashCollectionDocument:
    """Declaration of money received in cash instead of an invoice (a stall, a group lesson).

    ``amount_cents`` is what was received, VAT included; with ``vat_rate`` the declaration
    shows the base and VAT inside it (see ``split_vat_included``).
    """

    number: str
    issue_date: date
    language: str
    supplier: Party
    worker_name: str
    client_name: str
    description: str
    collection_date: date
    amount_cents: int
    vat_rate: str | None = None
    place: str | None = None

    def __post_init__(self) -> None:
        check_language(self.language)
        check_cents("amount_cents", self.amount_cents)
        if self.amount_cents == 0:
            raise DocumentError("a cash collection needs an amount")
        if self.vat_rate is not None:
            object.__setattr__(self, "vat_rate", normalize_decimal(
                parse_decimal("vat_rate", self.vat_rate)))

    def vat_split(self) -> tuple[int, int] | None:
        if self.vat_rate is None:
            return None
        return split_vat_included(self.amount_cents, self.vat_rate)


__all__ = [
    "CONTRACT_TYPES", "CashCollectionDocument", "ContractDocument", "DocumentLine",
    "ExpenseRefund", "InvoiceDocument", "PayslipDocument", "ProtectiveClauses", "QuoteDocument",
    "Totals", "VatSubtotal", "compute_totals", "exemption_text",
]
