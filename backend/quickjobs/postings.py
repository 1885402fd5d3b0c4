"""How each binding QuickJob event is booked in the unit's journal (accounts: units/accounts.py)."""

from __future__ import annotations

Lines = list[tuple[str, int]]


def invoice_issued(base: int, vat: int) -> Lines:
    return _nonzero([("receivable", base + vat), ("turnover", -base), ("vat_payable", -vat)])


def cash_collected(base: int, vat: int) -> Lines:
    return _nonzero([("cash", base + vat), ("turnover", -base), ("vat_payable", -vat)])


def contribution(amount: int) -> Lines:
    return _nonzero([("contribution", amount), ("cooperative_payable", -amount)])


def expenses(amount: int) -> Lines:
    return _nonzero([("expenses", amount), ("expense_refund_payable", -amount)])


def labour_cost(employer_cost: int, gross: int, social_security: int, withholding: int,
                net: int) -> Lines:
    return _nonzero([
        ("labour_cost", employer_cost),
        ("salary_payable", -net),
        ("withholding_payable", -withholding),
        ("social_security_payable", -social_security),
        ("cooperative_payable", -(employer_cost - gross)),
    ])


def client_paid(amount: int) -> Lines:
    return [("bank", amount), ("receivable", -amount)]


def guarantee_advance(amount: int) -> Lines:
    return [("bank", amount), ("guarantee_advance", -amount)]


def advance_settled(amount: int) -> Lines:
    return [("guarantee_advance", amount), ("bank", -amount)]


def salary_paid(net: int, expense_refund: int, from_cash: bool) -> Lines:
    paid_from = "cash" if from_cash else "bank"
    return _nonzero([
        ("salary_payable", net),
        ("expense_refund_payable", expense_refund),
        (paid_from, -(net + expense_refund)),
    ])


def _nonzero(lines: Lines) -> Lines:
    return [(account, amount) for account, amount in lines if amount != 0]
