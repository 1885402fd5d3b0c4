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
