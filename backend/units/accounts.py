"""The chart of accounts of a unit's double-entry ledger (domain.md §5, `000:613-617`).

Convention: every journal line is ``amount_cents`` with **debit positive, credit negative**, and
the lines of one entry sum to zero (checked by the service and, at commit, by the database).

Each account has a *kind*. The **natural amount** of an account is what a person expects to
read: assets and expenses as their debit sum, liabilities and income as their credit sum
(``natural = raw`` for asset/expense, ``natural = -raw`` for liability/income).

The unit's **balance** (what the unit still has available) is derived from the journal only:

    balance = -(sum of the raw lines on income and expense accounts)
            = turnover + other_income - contribution - expenses - labour_cost - other_expense

and, because every entry sums to zero, it also equals assets - liabilities
(``natural(asset accounts) - natural(liability accounts)``): the money the unit holds or is
owed, minus what it still owes. There is no separate "unit_budget" account on purpose: a
budget kept by hand could drift from the journal; the balance is always recomputed.

How the usual economic acts are booked (amounts in cents, debit +, credit -). The QuickJob and
back-office code posts these through ``backend.units.ledger.post_entry``:

* invoice (1,000.00 excl. VAT, 21 % VAT):
  ``receivable +121000, turnover -100000, vat_payable -21000``
* credit note: the same accounts with the opposite signs (a new entry; or reverse the invoice
  entry when it is cancelled as a whole)
* client pays by bank: ``bank +121000, receivable -121000``
* cash collection without invoice (1,000.00 incl. 21 % VAT received in cash):
  ``cash +100000, turnover -82645, vat_payable -17355``
* shared contribution (6.5 % of turnover): ``contribution +6500, cooperative_payable -6500``
* professional expense to refund: ``expenses +5000, expense_refund_payable -5000``
* salary (labour cost = gross × coefficient):
  ``labour_cost +C, salary_payable -net, withholding_payable -tax,
  social_security_payable -employee_ss, cooperative_payable -(C - gross)`` (the employer's
  part: social contributions, insurance, holiday provisions, that the cooperative pays on)
* salary and expense refund paid: ``salary_payable +net, expense_refund_payable +x,
  bank -(net + x)`` (``cash`` instead of ``bank`` when the worker kept the client's cash)
* the guarantee fund pays the worker before the client paid (001:111): it puts the money on
  the unit's bank account, ``bank +x, guarantee_advance -x``; settled once the client paid:
  ``guarantee_advance +x, bank -x``; a client default absorbed by the fund:
  ``guarantee_advance +x, receivable -x``
* correction by the back office: ``other_income``/``other_expense`` against the account
  concerned (or a reversal of the wrong entry, see ``ledger.reverse_entry``).

Codes are stored in ``journal_line.account`` and protected by a CHECK constraint (migration
``2026_11_22t05_25_00_000000_units``): adding an account means adding it here **and** in a
new migration; never rename or repurpose one (the API exposes the codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    INCOME = "income"
    EXPENSE = "expense"


class Account(StrEnum):
    # assets: what the unit holds or is owed
    RECEIVABLE = "receivable"
    BANK = "bank"
    CASH = "cash"
    # liabilities: what the unit still owes
    VAT_PAYABLE = "vat_payable"
    SALARY_PAYABLE = "salary_payable"
    WITHHOLDING_PAYABLE = "withholding_payable"
    SOCIAL_SECURITY_PAYABLE = "social_security_payable"
    EXPENSE_REFUND_PAYABLE = "expense_refund_payable"
    COOPERATIVE_PAYABLE = "cooperative_payable"
    GUARANTEE_ADVANCE = "guarantee_advance"
    # income
    TURNOVER = "turnover"
    OTHER_INCOME = "other_income"
    # expenses
    CONTRIBUTION = "contribution"
    EXPENSES = "expenses"
    LABOUR_COST = "labour_cost"
    OTHER_EXPENSE = "other_expense"


@dataclass(frozen=True)
class AccountInfo:
    code: Account
    kind: Kind
    labels: dict[str, str]  # nl / fr / en, plain words for the worker
    meaning: str  # for developers and accountants (English)


def _info(code: Account, kind: Kind, nl: str, fr: str, en: str, meaning: str) -> AccountInfo:
    return AccountInfo(code, kind, {"nl": nl, "fr": fr, "en": en}, meaning)


CHART: dict[Account, AccountInfo] = {
    info.code: info
    for info in (
        _info(Account.RECEIVABLE, Kind.ASSET,
              "Te ontvangen van klanten", "À recevoir des clients", "Owed by clients",
              "Invoiced amounts (incl. VAT) the client has not paid yet."),
        _info(Account.BANK, Kind.ASSET,
              "Bank", "Banque", "Bank",
              "The unit's money on the cooperative's bank account."),
        _info(Account.CASH, Kind.ASSET,
              "Cash geïnd", "Espèces encaissées", "Cash collected",
              "Money the worker received in cash (cash-collection declaration)."),
        _info(Account.VAT_PAYABLE, Kind.LIABILITY,
              "Btw voor de staat", "TVA due à l'État", "VAT owed to the state",
              "VAT invoiced or collected, to be paid to the tax authority."),
        _info(Account.SALARY_PAYABLE, Kind.LIABILITY,
              "Nettoloon te betalen", "Salaire net à payer", "Net salary to pay",
              "Net wages owed to the worker(s), until paid."),
        _info(Account.WITHHOLDING_PAYABLE, Kind.LIABILITY,
              "Bedrijfsvoorheffing te betalen", "Précompte professionnel à payer",
              "Withholding tax to pay",
              "Wage withholding tax owed to the tax authority."),
        _info(Account.SOCIAL_SECURITY_PAYABLE, Kind.LIABILITY,
              "Sociale zekerheid te betalen", "Sécurité sociale à payer",
              "Social security to pay",
              "Employee social security contributions owed to the RSZ/ONSS."),
        _info(Account.EXPENSE_REFUND_PAYABLE, Kind.LIABILITY,
              "Onkosten terug te betalen", "Frais à rembourser", "Expenses to refund",
              "Professional expenses owed back to the worker, until refunded."),
        _info(Account.COOPERATIVE_PAYABLE, Kind.LIABILITY,
              "Verschuldigd aan de coöperatie", "Dû à la coopérative", "Owed to the cooperative",
              "Shared contribution and employer charges the cooperative pays on."),
        _info(Account.GUARANTEE_ADVANCE, Kind.LIABILITY,
              "Voorschot van het waarborgfonds", "Avance du fonds de garantie",
              "Guarantee fund advance",
              "What the guarantee fund advanced before the client paid (001:111)."),
        _info(Account.TURNOVER, Kind.INCOME,
              "Omzet (zonder btw)", "Chiffre d'affaires (hors TVA)", "Turnover (excl. VAT)",
              "Sales invoiced or collected, excluding VAT."),
        _info(Account.OTHER_INCOME, Kind.INCOME,
              "Andere inkomsten", "Autres revenus", "Other income",
              "Subsidies, sponsoring, corrections in the unit's favour."),
        _info(Account.CONTRIBUTION, Kind.EXPENSE,
              "Gemeenschappelijke bijdrage", "Contribution mutualisée", "Shared contribution",
              "The contribution that funds the shared services (domain.md §4)."),
        _info(Account.EXPENSES, Kind.EXPENSE,
              "Beroepskosten", "Frais professionnels", "Professional expenses",
              "Professional expenses and purchases charged to the unit."),
        _info(Account.LABOUR_COST, Kind.EXPENSE,
              "Loonkost", "Coût salarial", "Labour cost",
              "Gross wage × contract-type coefficient (employer cost)."),
        _info(Account.OTHER_EXPENSE, Kind.EXPENSE,
              "Andere kosten", "Autres charges", "Other costs",
              "Bank fees, losses, corrections against the unit."),
    )
}

CODES: frozenset[str] = frozenset(a.value for a in Account)
BALANCE_ACCOUNTS: tuple[str, ...] = tuple(
    a.value for a, i in CHART.items() if i.kind in (Kind.INCOME, Kind.EXPENSE))


def is_known(code: object) -> bool:
    return isinstance(code, str) and code in CODES


def kind_of(code: str) -> Kind:
    return CHART[Account(code)].kind


def natural(code: str, raw_cents: int) -> int:
    """The amount as people read it: debit sum for assets/expenses, credit sum otherwise."""
    return raw_cents if kind_of(code) in (Kind.ASSET, Kind.EXPENSE) else -raw_cents


def label(code: str, lang: str) -> str:
    info = CHART.get(Account(code)) if is_known(code) else None
    if info is None:
        return code
    return info.labels.get(lang) or info.labels["nl"]


def balance_effect(lines: list[tuple[str, int]]) -> int:
    """How much an entry with these raw lines raises (+) or lowers (-) the unit's balance."""
    return -sum(amount for account, amount in lines if account in BALANCE_ACCOUNTS)
