"""Wire format of the auth, /me and membership endpoints (api.md): camelCase, cents as integers."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, UnsetType

from backend.http.values import Language, LanguageIn, Role

# Six digits (spaces around are forgiven): a one-time, second-factor or TOTP code.
Code = Annotated[str, msgspec.Meta(pattern=r"^\s*[0-9]{6}\s*$",
                                   description="6 digits", examples=["123456"])]

# A, workers; B, staff; C, clients, partners and supporters (the articles of association).
ShareCategory = Literal["A", "B", "C"]

# --- auth ---------------------------------------------------------------------------------


class OtpRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    phone: str | None = None
    email: str | None = None


class OtpSent(msgspec.Struct, rename="camel", omit_defaults=True):
    channel: Literal["sms", "email"]
    destination: str  # normalised: E.164 phone or lower-cased e-mail
    expires_in: int  # seconds
    dev_code: str | None = None  # development mode only, never in production


class TokenRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    code: str
    phone: str | None = None
    email: str | None = None


class RefreshRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    refresh_token: str


class PasswordRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    email: str
    password: str


class TokenPair(msgspec.Struct, rename="camel"):
    access_token: str
    refresh_token: str
    expires_in: int  # seconds until the access token expires
    token_type: str = "Bearer"


class SecondFactorChallenge(msgspec.Struct, rename="camel", omit_defaults=True):
    """The answer to a right password: no tokens yet, a second factor first."""

    second_factor_required: bool
    challenge_token: str  # for POST /auth/second-factor
    method: Literal["totp", "email"]  # totp (the authenticator app) | email (a code was sent)
    expires_in: int  # seconds the challenge stays valid
    dev_code: str | None = None  # method email, development mode only, never in production


class SecondFactorRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    challenge_token: str
    code: Code


class TotpEnrolment(msgspec.Struct, rename="camel"):
    """Scan ``qrCodeSvg`` (or type ``secret``) in an authenticator app, then confirm a code."""

    secret: str  # base32
    otpauth_uri: str
    qr_code_svg: str  # data:image/svg+xml URI of the QR code of otpauthUri
    digits: int
    period: int  # seconds


class TotpConfirmRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    code: Code


class TotpStatus(msgspec.Struct, rename="camel"):
    enrolled: bool  # sign-in asks for a TOTP code
    pending: bool  # an enrolment waits for its first code
    confirmed_at: dt.datetime | None


# --- profile ------------------------------------------------------------------------------


class Requirements(msgspec.Struct, rename="camel"):
    """Per step of a QuickJob, what the app (or the bot) still has to ask, by the names
    PATCH /me takes (``firstName``, ``lastName``, ``nationalNumber``, ``birthDate``,
    ``address``, ``iban``, ``bic``) and ``usageAgreement`` (POST /me/usage-agreement).
    Cumulative: the salary needs what the contract needs, which needs what the quote needs."""

    quote: list[str]
    contract: list[str]
    salary: list[str]


class Me(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    role: Role
    language: Language
    phone: str | None
    email: str | None
    first_name: str | None
    last_name: str | None
    national_number: str | None
    iban: str | None
    bic: str | None  # only needed for an account outside the EEA (requirements say so)
    address: str | None
    birth_date: dt.date | None
    created_at: dt.datetime
    requirements: Requirements


class MeUpdate(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    """Absent fields stay as they are; ``null`` clears an optional field."""

    first_name: str | None | UnsetType = UNSET
    last_name: str | None | UnsetType = UNSET
    language: LanguageIn | UnsetType = UNSET
    national_number: str | None | UnsetType = UNSET
    iban: str | None | UnsetType = UNSET
    bic: str | None | UnsetType = UNSET
    address: str | None | UnsetType = UNSET
    birth_date: dt.date | None | UnsetType = UNSET


# --- membership ---------------------------------------------------------------------------


class SharePurchaseRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    shares: int = 1
    category: str = "A"
    # The member's explicit consent to withhold the amount from their first salary.
    withhold_from_salary: bool = False


class WithholdingConsentRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    consent: bool  # true: withhold the open share payment from the first salary


class UsageAgreementRequest(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    version: str


class UsageAgreementText(msgspec.Struct, rename="camel"):
    """The text to show before the person accepts (in the language asked for)."""

    version: str
    language: Language
    text: str  # Markdown
    sha256: str  # of ``text``: recorded with the acceptance
    valid_from: dt.date


class SharePurchaseOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    shares: int
    category: ShareCategory
    amount_cents: int
    purchased_on: dt.date
    status: Literal["requested", "paid", "cancelled"]  # requested: waiting for its payment
    structured_communication: str | None
    paid_at: dt.datetime | None
    paid_via: Literal["bank", "salary"] | None
    withhold_from_salary: bool  # the member consented to its withholding from a salary


class PaymentRequest(msgspec.Struct, rename="camel"):
    """How to pay the open share subscription: a transfer with this structured communication,
    or (with ``withholdFromSalary``) nothing to do: the first salary pays it."""

    id: uuid.UUID
    amount_cents: int
    structured_communication: str
    beneficiary: str
    iban: str | None
    bic: str | None
    withhold_from_salary: bool


class Membership(msgspec.Struct, rename="camel"):
    is_member: bool  # holds at least one paid share
    shares_total: int  # paid shares
    category: ShareCategory | None  # of the latest paid share
    purchases: list[SharePurchaseOut]
    payment_request: PaymentRequest | None  # the subscription waiting for its payment
    share_price_cents: int  # today's price of one category-A share
    agreement_version: str | None
    agreement_accepted_at: dt.datetime | None
    current_agreement_version: str
    performances_without_share: int
    performances_without_share_limit: int
    can_perform: bool


# --- personal data ------------------------------------------------------------------------


class ErasureOut(msgspec.Struct, rename="camel"):
    """An erasure request and what became of it."""

    id: uuid.UUID
    person_id: uuid.UUID
    status: Literal["requested", "waiting", "done"]  # waiting: work under way, see blockers
    requested_at: dt.datetime
    blockers: list[str]  # quickjob_in_progress, salary_not_paid, employment_active
    retained: dict  # what the law keeps: {"accounting"|"social": {"until", "years", ...}}
    retain_until: dt.date | None  # the next day something kept is cleared
    executed_at: dt.datetime | None


class ErasureRequestList(msgspec.Struct, rename="camel"):
    items: list[ErasureOut]
    next_cursor: str | None
