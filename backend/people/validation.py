"""Pure checks and normalisation of identity and profile fields; each failure is a FieldError.

Nothing here touches the database: the service validates everything first and only then
opens its transaction, so bad input changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn
from stdnum.exceptions import ValidationError

from backend.http.problems import FieldError
from backend.platform.i18n import LANGUAGES

BRUSSELS = ZoneInfo("Europe/Brussels")
NAME_MIN, NAME_MAX = 1, 100
ADDRESS_MAX = 500
BIRTH_YEAR_MIN = 1900
OTP_CODE = re.compile(r"^\d{6}$")

_PHONE_FILLER = re.compile(r"[\s.\-/()]")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
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
    """E.164. Belgian national numbers (0470 12 34 56) become +32470123456.

    Belgium: after +32 come 8 digits (landlines) or 9 digits starting with 4 (mobiles).
    Other countries: E.164 shape only (8 to 15 digits, no leading zero).
    """
    number = _PHONE_FILLER.sub("", raw or "")
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+32" + number[1:]
    if number.startswith("+320"):  # "+32 (0)470 ..." written with the trunk zero
        number = "+32" + number[4:]
    if not _E164.match(number):
        raise Invalid(FieldError(field, "invalid_phone"))
    if number.startswith("+32"):
        national = number[3:]
        ok = len(national) == 8 or (len(national) == 9 and national.startswith("4"))
        if not ok:
            raise Invalid(FieldError(field, "invalid_phone"))
    return number


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
    """IBAN with its mod-97 check digits (and the country's own checks); stored compact."""
    try:
        return stdnum_iban.validate(raw)
    except ValidationError as exc:
        raise Invalid(FieldError(field, "invalid_iban")) from exc


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
