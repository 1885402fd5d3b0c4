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
    ("02 123 45 67", "+3221234567"),
    ("+33 6 12 34 56 78", "+33612345678"),
])
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert validation.normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "0470 12 34", "+32 570 12 34 56", "12345",
                                 "+0470123456", "0470 12 34 56 78 90 12"])
def test_invalid_phone_numbers_are_refused(raw):
    with pytest.raises(validation.Invalid) as caught:
        validation.normalise_phone(raw)
    assert caught.value.error.code == "invalid_phone"


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
