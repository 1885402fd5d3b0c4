"""Money, VAT arithmetic, structured communications and the models' own checks."""

from __future__ import annotations

from datetime import date

import pytest
from documents_samples import EMPLOYEE, make_invoice, make_payslip, make_quote
from hypothesis import given
from hypothesis import strategies as st

from backend.documents.formatting import format_amount, format_dates, format_money, format_percent
from backend.documents.models import DocumentLine, Totals, VatSubtotal, compute_totals
from backend.documents.parties import mask_national_number
from backend.documents.values import (
    DocumentError,
    apply_rate,
    format_ogm,
    make_ogm,
    ogm_digits,
    split_vat_included,
)


def test_money_formats_by_language():
    # the documents use the project's one formatting module (Babel): tests/platform/test_formatting.py
    assert format_money(123456, "nl") == "€\u00a01.234,56"
    assert format_money(123456, "fr") == "1\u202f234,56\u00a0€"
    assert format_money(123456, "en") == "€1,234.56"
    assert format_money(5, "nl") == "€\u00a00,05"
    assert format_money(-150000000, "en") == "-€1,500,000.00"
    assert format_amount(123456) == "1234.56"
    assert format_amount(-5) == "-0.05"
    with pytest.raises(TypeError):
        format_money(12.5, "nl")  # type: ignore[arg-type]


def test_percent_and_dates():
    assert format_percent("11.11", "nl") == "11,11%"
    assert format_percent("21", "en") == "21%"
    days = [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 9)]
    assert format_dates(days, "nl") == "2 maart 2026 – 4 maart 2026 en 9 maart 2026"
    assert format_dates(days[:1], "fr") == "2 mars 2026"


def test_structured_communication():
    assert make_ogm(2026000042) == "+++202/6000/04236+++"
    assert ogm_digits("+++202/6000/04236+++") == "202600004236"
    assert format_ogm("202600004236") == "+++202/6000/04236+++"
    assert make_ogm(97) == "+++000/0000/09797+++"  # remainder 0 -> check digits 97
    with pytest.raises(DocumentError):
        ogm_digits("+++202/6000/04237+++")
    with pytest.raises(DocumentError):
        ogm_digits("123")


def test_vat_is_rounded_per_rate_not_per_line():
    # three lines of 0.05 at 21 %: per line 0.0105 -> 0.01 each = 0.03; per rate 0.15 -> 0.03
    # and ten lines of 0.10 at 6 %: per line 0.006 -> 0.01 each = 0.10; per rate 1.00 -> 0.06
    lines = [DocumentLine.of(f"a{i}", 5, "21") for i in range(3)]
    lines += [DocumentLine.of(f"b{i}", 10, "6") for i in range(10)]
    totals = compute_totals(lines)
    assert [(s.vat_rate, s.base_cents, s.vat_cents) for s in totals.breakdown] == [
        ("21", 15, 3), ("6", 100, 6)]
    assert totals.total_cents == 115 + 9


def test_half_cent_rounds_up():
    assert apply_rate(50, "21") == 11  # 10.5 -> 11
    assert apply_rate(250, "6") == 15
    assert DocumentLine.of("x", 333, "21", quantity="2.5").amount_cents == 833  # 832.5 -> 833


def test_line_amount_must_match_quantity_times_price():
    with pytest.raises(DocumentError, match="quantity"):
        DocumentLine("x", "2", 1000, "21", 1999)
    with pytest.raises(DocumentError):
        DocumentLine("x", 2.0, 1000, "21", 2000)  # type: ignore[arg-type] - no floats
    with pytest.raises(DocumentError):
        DocumentLine("x", "1", 10.0, "21", 10)  # type: ignore[arg-type]


def test_totals_must_add_up_and_match_lines():
    with pytest.raises(DocumentError):
        Totals(100, 21, 122, (VatSubtotal("21", 100, 21),))
    lines = (DocumentLine.of("x", 1000, "21"),)
    wrong = Totals(1000, 200, 1200, (VatSubtotal("21", 1000, 200),))
    with pytest.raises(DocumentError, match="do not match"):
        make_invoice(lines=lines, totals=wrong)


def test_zero_rate_needs_an_exemption_reason():
    lines = (DocumentLine.of("Opleiding", 50000, "0"),)
    with pytest.raises(DocumentError, match="exemption"):
        make_invoice(lines=lines, totals=compute_totals(lines))
    # a reason the engine's rule set does not know has no mention nor category: refused
    with pytest.raises(DocumentError, match="unknown vat_exemption"):
        make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption="something_new")
    # the caller may word the mention; the code must still be one the rules know
    doc = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption="training",
                       vat_exemption_mention="Vrijgesteld – art. X")
    assert doc.exemption_mention == "Vrijgesteld – art. X"
    assert doc.exemption.ubl_category == "E"


@pytest.mark.parametrize("code, category, vatex", [
    ("training", "E", "vatex-eu-132-1i"),
    ("intra_eu_reverse_charge", "AE", "vatex-eu-ae"),
    ("export", "G", "vatex-eu-g"),
    ("outside_scope", "O", "vatex-eu-o"),
])
def test_every_engine_exemption_is_known_to_the_documents(code, category, vatex):
    """The engine's exemption codes (``export`` included) all work in the documents: the dated
    rule set gives their mention, EN 16931 category and VATEX code."""
    lines = (DocumentLine.of("Prestation", 50000, "0"),)
    for language in ("nl", "fr", "en"):
        doc = make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption=code,
                           language=language)
        assert (doc.exemption.ubl_category, doc.exemption.vatex) == (category, vatex)
        assert doc.exemption_mention == doc.exemption.mention[language]
        quote = make_quote(language, lines=lines, totals=compute_totals(lines),
                           vat_exemption=code)
        assert quote.exemption_mention == doc.exemption_mention


def test_outside_scope_is_the_whole_document():
    lines = (DocumentLine.of("Logo", 50000, "0"), DocumentLine.of("Print", 1000, "21"))
    with pytest.raises(DocumentError, match="outside the scope"):
        make_invoice(lines=lines, totals=compute_totals(lines), vat_exemption="outside_scope")


def test_invoice_checks():
    with pytest.raises(DocumentError, match="credited_invoice_number"):
        make_invoice(kind="credit_note")
    with pytest.raises(DocumentError, match="prepaid"):
        make_invoice(prepaid_cents=10**9)
    with pytest.raises(DocumentError, match="language"):
        make_invoice(language="de")
    doc = make_invoice(prepaid_cents=36300)
    assert doc.payable_cents == 121000 - 36300
    assert doc.payment_iban == "BE71096123456769"
    assert doc.customer.vat_number == "BE0403019261"


def test_an_invoice_needs_a_valid_account_and_a_credit_note_asks_for_nothing():
    with pytest.raises(DocumentError, match="BR-50"):
        make_invoice(payment_iban=None)
    with pytest.raises(DocumentError, match="IBAN"):
        make_invoice(payment_iban="BE00 0000 0000 0000")  # the old dummy: not an account
    with pytest.raises(DocumentError, match="structured communication"):
        make_invoice(structured_communication=None)
    credit = make_invoice(kind="credit_note", number="CN2026/000001",
                          credited_invoice_number="2026/000042")
    assert credit.payment_iban is None and credit.structured_communication is None
    assert credit.payable_cents == 0  # asks for no payment


def test_quote_clause_amounts():
    quote = make_quote()
    assert quote.totals.total_cents == 45000 + 9450 + 5000 + 300
    assert not hasattr(quote, "deposit_cents")  # no deposit is promised (issue 11)
    assert quote.cancellation_fee_cents == 29875
    assert quote.cancellation_fee_cents == apply_rate(quote.totals.total_cents, "50")


def test_payslip_arithmetic_is_checked():
    slip = make_payslip()
    assert slip.paid_cents == 30909 + 2500
    with pytest.raises(DocumentError, match="net"):
        make_payslip(net_cents=30000)
    with pytest.raises(DocumentError, match="taxable"):
        make_payslip(taxable_cents=1)
    with pytest.raises(DocumentError, match="rule_set"):
        make_payslip(rule_set_id=" ")


def test_national_number_is_masked():
    assert mask_national_number(EMPLOYEE.national_number) == "85.07.30-XXX.XX"
    assert mask_national_number("85.07.30-033.28") == "85.07.30-XXX.XX"
    assert mask_national_number(None) == ""


def test_split_vat_included():
    assert split_vat_included(12100, "21") == (10000, 2100)
    assert split_vat_included(100, "6") == (94, 6)


@given(st.lists(st.tuples(st.integers(0, 10**7), st.sampled_from(["21", "12", "6"]),
                          st.integers(1, 20)), min_size=1, max_size=12))
def test_totals_are_consistent(items):
    lines = [DocumentLine.of(f"l{i}", price, rate, quantity=str(q))
             for i, (price, rate, q) in enumerate(items)]
    totals = compute_totals(lines)
    assert totals.base_cents == sum(line.amount_cents for line in lines)
    assert totals.total_cents == totals.base_cents + totals.vat_cents
    for sub in totals.breakdown:
        # exact: vat = round_half_up(base * rate / 100)
        assert abs(sub.vat_cents * 100 - sub.base_cents * int(sub.vat_rate)) <= 50


@given(st.integers(-10**12, 10**12))
def test_format_amount_round_trips(cents):
    text = format_amount(cents)
    sign = -1 if text.startswith("-") else 1
    euros, rest = text.lstrip("-").split(".")
    assert sign * (int(euros) * 100 + int(rest)) == cents
