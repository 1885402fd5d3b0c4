"""The CODA parser on its own: positions, amounts, signs, dates, communications, checks."""

import datetime as dt

import pytest

from backend.backoffice.banking import coda
from tests.backoffice.conftest import FIXTURES


def _statement(movements, **kw):
    return coda.write(account="BE68539007547034", number=7, old_balance_cents=1000,
                      day=dt.date(2026, 11, 20), movements=movements, **kw)


def test_fixture_fields():
    parsed = coda.parse((FIXTURES / "partial_and_unknown.cod").read_bytes())
    assert parsed.version == "2" and parsed.bic == "GEBABEBB"
    assert parsed.creation_date == dt.date(2026, 11, 20)
    [st] = parsed.statements
    assert (st.account, st.currency, st.number) == ("BE68539007547034", "EUR", 41)
    assert st.old_balance_cents == 250000 and st.old_balance_date == dt.date(2026, 11, 19)
    assert st.new_balance_cents == 250000 + 30000 + 4200 + 1999 - 250
    assert [m.amount_cents for m in st.movements] == [30000, 4200, 1999, -250]
    first, second, third, fees = st.movements
    assert first.structured and first.structured_type == "101"
    assert first.structured_communication == "260000000170"
    assert first.counterparty_name == "Brouwerij De Klok"
    assert first.counterparty_account == "BE71096123456769"
    assert first.counterparty_bic == "KREDBEBB"
    assert first.value_date == first.entry_date == dt.date(2026, 11, 20)
    assert first.bank_reference == "0041A0001"
    assert first.transaction_code == "00150000"
    assert not second.structured and second.communication == "factuur maart Jansens"
    assert third.structured_communication == "990000424239"
    assert not fees.is_credit and fees.counterparty_name is None
    assert parsed.credit_cents == 36199 and parsed.debit_cents == 250
    assert [m.amount_cents for m in coda.matchable(st)] == [30000, 4200, 1999]


def test_every_record_is_128_characters():
    assert all(len(line) == 128
               for line in (FIXTURES / "partial_and_unknown.cod").read_text().splitlines())


def test_mills_and_signs():
    parsed = coda.parse(_statement([{"amount_cents": 123456789}, {"amount_cents": -1}]))
    assert [m.amount_cents for m in parsed.statements[0].movements] == [123456789, -1]


@pytest.mark.parametrize("mutate, reason", [
    (lambda lines: lines[:-1], "no trailer"),
    (lambda lines: [lines[0][:-1]] + lines[1:], "not 128"),
    (lambda lines: [lines[0][:127] + "1"] + lines[1:], "version"),
    (lambda lines: lines[:2] + [lines[2][:46] + "1" + lines[2][47:]] + lines[3:],
     "non-zero third decimal"),
    (lambda lines: lines[:-2] + [lines[-2][:42] + "9" + lines[-2][43:]] + lines[-1:],
     "new balance"),
    (lambda lines: lines[:-1] + [lines[-1][:30] + "9" + lines[-1][31:]], "debit or credit"),
    (lambda lines: [], "empty"),
])
def test_malformed_files_are_refused(mutate, reason):
    lines = _statement([{"amount_cents": 500, "ogm": "010806817183"}]).splitlines()
    with pytest.raises(coda.CodaError) as err:
        coda.parse("\n".join(mutate(lines)))
    assert reason in str(err.value)


def test_global_movement_with_details_is_matched_through_its_details():
    def movement(detail, amount):
        return coda.Movement(sequence=1, detail=detail, bank_reference="R", amount_cents=amount,
                             value_date=None, entry_date=None, transaction_code="10150000",
                             structured=False, structured_type=None,
                             structured_communication=None, communication="",
                             globalisation_code=1)

    st = coda.Statement(account="BE68539007547034", account_structure="2", currency="EUR",
                        number=1, old_balance_cents=0, old_balance_date=None, holder_name="",
                        movements=[movement(0, 300), movement(1, 100), movement(2, 200)])
    assert [m.amount_cents for m in coda.matchable(st)] == [100, 200]


def test_latin1_file_is_read():
    text = _statement([{"amount_cents": 500, "name": "Café Ménard"}])
    parsed = coda.parse(text.encode("latin-1"))
    assert parsed.statements[0].movements[0].counterparty_name == "Café Ménard"


# Files shaped like real bank exports ----------------------------------------------------------


def test_a_real_bank_export():
    """A KBC export (Noviat's published test file): globalised movements with details,
    information records 3.x, counterparties, customer references."""
    parsed = coda.parse((FIXTURES / "kbc_noviat_2011.cod").read_bytes())
    assert (parsed.bic, parsed.bank_id, parsed.creation_date) == ("KREDBEBB", "725",
                                                                 dt.date(2011, 1, 11))
    [st] = parsed.statements
    assert (st.account, st.number, st.old_balance_cents, st.new_balance_cents) == \
        ("BE33737018595246", 135, 1181270, 1352781)
    assert [m.amount_cents for m in st.movements if m.detail == 0] == \
        [-43500, 304445, -47904, -47904, 6374]
    assert st.movements[0].counterparty_name == "PARTNER 1"
    assert st.movements[-1].customer_reference == "362/363"
    assert (parsed.debit_cents, parsed.credit_cents, parsed.record_count) == (139308, 310819, 22)
    assert [m.amount_cents for m in coda.matchable(st)] == [304445, 6374]


def test_a_file_as_banks_send_it_under_febelfin_2_6():
    parsed = coda.parse((FIXTURES / "febelfin_2_6_two_statements.cod").read_bytes())
    assert parsed.bic == "GKCCBEBB"
    first, empty = parsed.statements
    # structured communications of type 101 and 102 both carry the OGM's 12 digits
    ogm, reconstituted, free_text, fees, *_ = first.movements
    assert (ogm.structured_type, ogm.structured_communication) == ("101", "260000017045")
    assert (reconstituted.structured_type, reconstituted.structured_communication) == \
        ("102", "260000017146")
    assert free_text.communication == "Factuur 2026/000171 Café Ménard"  # ISO 8859-1 text
    assert fees.amount_cents == -1250 and fees.globalisation_code == 1
    # the free communications after the new balance belong to that statement
    assert first.free_communications == [
        "Vanaf 1 januari wijzigen de tarieven van uw zichtrekening.",
        "Meer info: uw kantoor of de website van uw bank."]
    # a statement without movements is a statement
    assert (empty.number, empty.movements, empty.old_balance_cents) == (213, [], 1454200)
    assert empty.new_balance_cents == empty.old_balance_cents
    assert first.content_hash != empty.content_hash
    assert [m.amount_cents for m in coda.matchable(first)] == [121000, 54450, 30000]


def test_free_communication_after_the_new_balance_from_the_writer():
    text = _statement([{"amount_cents": 500, "ogm": "010806817183", "ogm_type": "102"}],
                      free_communication="Bericht van de bank")
    lines = text.splitlines()
    assert lines[-3].startswith("8") and lines[-3][127] == "1"  # 8 announces the record 4
    assert lines[-2].startswith("4")
    [st] = coda.parse(text).statements
    assert st.free_communications == ["Bericht van de bank"]
    assert st.movements[0].structured_communication == "010806817183"


def test_free_communication_outside_any_statement_is_refused():
    lines = _statement([]).splitlines()
    record4 = "4 00010000" + " " * 22 + "Los bericht".ljust(80) + " " * 15 + "0"
    with pytest.raises(coda.CodaError, match="outside a statement"):
        coda.parse("\n".join([lines[0], record4, *lines[1:]]))


def test_a_statement_without_movements_from_the_writer():
    [st] = coda.parse(_statement([])).statements
    assert st.movements == [] and st.old_balance_cents == st.new_balance_cents == 1000
