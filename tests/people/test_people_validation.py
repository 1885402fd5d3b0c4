"""Pure normalisation and password hashing: no database."""

import datetime as dt

import pytest

from backend.people import passwords, validation


@pytest.mark.parametrize("raw, expected", [
    ("0470 12 34 56", "+32470123456"),
    ("0470/12.34.56", "+32470123456"),
    ("+32 470 12 34 56", "+32470123456"),
    ("+32 (0)470 12 34 56", "+32470123456"),
    ("0032470123456", "+32470123456"),
    ("02 511 22 33", "+3225112233"),
    ("+33 6 12 34 56 78", "+33612345678"),
])
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert validation.normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "0470 12 34", "+32 570 12 34 56", "12345",
                                 "+0470123456", "0470 12 34 56 78 90 12", "02 123 45 67",
                                 "+32 4 123 45 67", "9" * 41])
def test_invalid_phone_numbers_are_refused(raw):
    with pytest.raises(validation.Invalid) as caught:
        validation.normalise_phone(raw)
    assert caught.value.error.code == "invalid_phone"


@pytest.mark.parametrize("raw, expected", [
    ("0470 12 34 56", "+32470123456"),  # Belgian mobile
    ("+33 6 12 34 56 78", "+33612345678"),  # French mobile
    ("+49 151 23456789", "+4915123456789"),  # German mobile
    ("+1 212 555 0123", "+12125550123"),  # the US plan does not tell mobiles apart: accepted
])
def test_codes_go_to_mobile_numbers(raw, expected):
    assert validation.mobile_phone(raw) == expected


@pytest.mark.parametrize("raw", [
    "02 511 22 33",  # Brussels landline
    "+33 1 42 68 53 00",  # Paris landline
    "+44 20 7946 0958",  # London landline
    "+31 20 123 4567",  # Amsterdam landline
    "+32 800 12345",  # Belgian toll-free
    "+32 78 15 15 15",  # Belgian shared-cost (universal access) number
])
def test_landlines_and_special_numbers_get_no_code(raw):
    with pytest.raises(validation.Invalid) as caught:
        validation.mobile_phone(raw)
    assert caught.value.error.code == "phone_not_mobile"


def test_emails_are_lower_cased_and_checked():
    assert validation.normalise_email("  An.Peeters@Example.BE ") == "an.peeters@example.be"
    for bad in ("an", "an@", "@example.be", "an@example", "an peeters@example.be",
                "an@@example.be", "an@example..be"):
        with pytest.raises(validation.Invalid):
            validation.normalise_email(bad)


def test_national_number_and_iban_checksums():
    assert validation.national_number("85.07.30-033.28") == "85073003328"
    assert validation.iban("be71 0961 2345 6769") == "BE71096123456769"
    with pytest.raises(validation.Invalid):
        validation.national_number("85.07.30-033.29")
    with pytest.raises(validation.Invalid):
        validation.iban("BE71 0961 2345 6768")


def test_birth_date_not_in_the_future():
    validation.birth_date(dt.date(1990, 5, 1))
    with pytest.raises(validation.Invalid):
        validation.birth_date(validation.today() + dt.timedelta(days=1))


def test_scrypt_hash_has_its_own_salt_and_verifies():
    first = passwords.hash_password("correct horse battery")
    second = passwords.hash_password("correct horse battery")
    assert first != second and first.startswith("scrypt$")
    assert passwords.verify_password("correct horse battery", first)
    assert not passwords.verify_password("correct horse batterY", first)
    assert not passwords.verify_password("anything", None)
    assert not passwords.verify_password("anything", "garbage")
