"""Pure checks and normalisation of identity and profile fields; each failure is a FieldError.

Nothing here touches the database: the service validates everything first and only then
opens its transaction, so bad input changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import phonenumbers
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn
from stdnum.exceptions import ValidationError

from backend.http.problems import FieldError
from backend.people import identity
from backend.platform.i18n import LANGUAGES

BRUSSELS = ZoneInfo("Europe/Brussels")
NAME_MIN, NAME_MAX = 1, 100
ADDRESS_MAX = 500
BIRTH_YEAR_MIN = 1900
OTP_CODE = re.compile(r"^\d{6}$")

DEFAULT_PHONE_REGION = "BE"  # numbers written without a country code are Belgian
# Deliberately simple: one @, no spaces, a dot in the domain, no leading/trailing dots.
_EMAIL = re.compile(r"^[^@\s]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")


class Invalid(Exception):
    """One field failed; carries the FieldError the service collects into a 422."""

    def __init__(self, error: FieldError) -> None:
        super().__init__(error.code)
        self.error = error


def today() -> dt.date:
    return dt.datetime.now(BRUSSELS).date()


def normalise_phone(raw: str, field: str = "phone") -> str:
    """E.164 of a number that exists in its country's numbering plan (Google's libphonenumber
    metadata, through ``phonenumbers``). National Belgian writing is understood: 0470 12 34 56,
    0032 470..., +32 (0)470... all become +32470123456."""
    return _format(_parse(raw, field))


def mobile_phone(raw: str, field: str = "phone") -> str:
    """E.164 of a mobile number (where SMS can go): landlines, here or abroad, are refused with
    ``phone_not_mobile``. Numbers a plan does not tell apart (the US, Canada) are accepted."""
    number = _parse(raw, field)
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise Invalid(FieldError(field, "phone_not_mobile"))
    return _format(number)


_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE,
                 phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _parse(raw: str, field: str) -> phonenumbers.PhoneNumber:
    text = (raw or "").strip()
    if not text or len(text) > 40:
        raise Invalid(FieldError(field, "invalid_phone"))
    try:
        number = phonenumbers.parse(text, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException as exc:
        raise Invalid(FieldError(field, "invalid_phone")) from exc
    if not phonenumbers.is_valid_number(number):
        raise Invalid(FieldError(field, "invalid_phone"))
    return number


def _format(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str, field: str = "email") -> str:
    email = (raw or "").strip().lower()
    if len(email) > 254 or not _EMAIL.match(email) or ".." in email:
        raise Invalid(FieldError(field, "invalid_email"))
    local = email.split("@", 1)[0]
    if len(local) > 64 or local.startswith(".") or local.endswith("."):
        raise Invalid(FieldError(field, "invalid_email"))
    return email


def national_number(raw: str, field: str = "nationalNumber") -> str:
    """INSZ / NISS (Belgian national register number), checksum included; stored compact."""
    try:
        return stdnum_nn.validate(raw)
    except ValidationError as exc:
        raise Invalid(FieldError(field, "invalid_national_number")) from exc


def iban(raw: str, field: str = "iban") -> str:
    """IBAN with its mod-97 check digits (and the country's own checks), of a country a SEPA
    transfer reaches (the salary is paid that way); stored compact."""
    try:
        value = stdnum_iban.validate(raw)
    except ValidationError as exc:
        raise Invalid(FieldError(field, "invalid_iban")) from exc
    if identity.sepa_reach(value[:2], today()) is None:
        raise Invalid(FieldError(field, "iban_outside_sepa", {"country": value[:2]}))
    return value


def bic(raw: str, field: str = "bic") -> str:
    """A bank's BIC (ISO 9362), needed only for an account outside the EEA; stored compact."""
    try:
        return stdnum_bic.validate(raw)
    except ValidationError as exc:
        raise Invalid(FieldError(field, "invalid_bic")) from exc


def language(raw: str, field: str = "language") -> str:
    value = (raw or "").strip().lower()
    if value not in LANGUAGES:
        raise Invalid(FieldError(field, "invalid_language"))
    return value


def name(raw: str, field: str) -> str:
    value = " ".join((raw or "").split())
    if not NAME_MIN <= len(value) <= NAME_MAX:
        raise Invalid(FieldError(field, "invalid_name_length", {"min": NAME_MIN, "max": NAME_MAX}))
    return value


def address(raw: str, field: str = "address") -> str:
    value = (raw or "").strip()
    if len(value) > ADDRESS_MAX:
        raise Invalid(FieldError(field, "address_too_long", {"max": ADDRESS_MAX}))
    return value


def birth_date(value: dt.date, field: str = "birthDate") -> dt.date:
    if value > today():
        raise Invalid(FieldError(field, "birth_date_in_future"))
    if value.year < BIRTH_YEAR_MIN:
        raise Invalid(FieldError(field, "birth_date_too_old", {"min": BIRTH_YEAR_MIN}))
    return value


def otp_code(raw: str, field: str = "code") -> str:
    code = (raw or "").strip()
    if not OTP_CODE.match(code):
        raise Invalid(FieldError(field, "invalid_code_format"))
    return code
