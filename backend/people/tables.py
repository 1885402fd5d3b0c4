from piccolo.columns import (
    JSONB,
    UUID,
    BigInt,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.platform.db import DB


class Person(Table, tablename="person", db=DB):
    id = UUID(primary_key=True)
    phone = Varchar(length=20, null=True, unique=True)
    email = Varchar(length=254, null=True, unique=True)
    role = Varchar(length=10, default="worker")  # worker | adviser | admin
    first_name = Varchar(length=100, null=True)
    last_name = Varchar(length=100, null=True)
    language = Varchar(length=2, default="nl")
    national_number = Varchar(length=11, null=True)
    iban = Varchar(length=34, null=True)
    bic = Varchar(length=11, null=True)  # only where a SEPA transfer needs it (outside the EEA)
    address = Text(null=True)
    birth_date = Date(null=True)
    password_hash = Text(null=True)  # advisers and admins only (scrypt)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    erased_at = Timestamptz(null=True)  # personal data erased (backend.people.erasure)


class OtpChallenge(Table, tablename="otp_challenge", db=DB):
    id = UUID(primary_key=True)
    destination = Varchar(length=254)  # normalised phone (E.164) or lower-cased e-mail
    channel = Varchar(length=5)  # sms | email
    code_hash = Text()
    attempts = SmallInt(default=0)
    expires_at = Timestamptz()
    consumed_at = Timestamptz(null=True)
    ip = Varchar(length=45, null=True)
    created_at = Timestamptz()


class RefreshToken(Table, tablename="refresh_token", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    family_id = UUID()
    token_hash = Text(unique=True)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True)  # rotated: presenting it again is reuse
    revoked_at = Timestamptz(null=True)
    role = Varchar(length=10, null=True)  # the role the session was signed in for
    created_at = Timestamptz()


class TotpCredential(Table, tablename="totp_credential", db=DB):
    person = ForeignKey(Person, primary_key=True, null=False)
    secret_encrypted = Text()  # Fernet, key derived from SECRET_KEY
    confirmed_at = Timestamptz(null=True)  # null while the enrolment waits for its first code
    last_step = BigInt(null=True)  # newest accepted time step: no code is accepted twice
    created_at = Timestamptz()


class StaffChallenge(Table, tablename="staff_challenge", db=DB):
    """Between a staff member's right password and their second factor."""

    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    token_hash = Text(unique=True)
    method = Varchar(length=5)  # totp | email
    code_hash = Text(null=True)  # the e-mailed code (method email)
    attempts = SmallInt(default=0)
    ip = Varchar(length=45, null=True)
    expires_at = Timestamptz()
    consumed_at = Timestamptz(null=True)
    created_at = Timestamptz()


class SharePurchase(Table, tablename="share_purchase", db=DB):
    """A share subscription: a payment request with its own structured communication until
    it is paid; the person is a member once one is paid."""

    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    shares = Integer()
    category = Varchar(length=1)  # A workers, B staff, C clients/partners/supporters (004:294-319)
    amount_cents = BigInt()
    purchased_on = Date()  # the day it was subscribed (the price of that day)
    created_at = Timestamptz()
    status = Varchar(length=10, default="requested")  # requested | paid | cancelled
    structured_communication = Varchar(length=21, unique=True)
    paid_at = Timestamptz(null=True)
    paid_via = Varchar(length=10, null=True)  # bank | salary
    bank_movement = UUID(null=True)  # the CODA movement that paid it (bank_movement.id)
    salary = UUID(null=True)  # the salary it was withheld from (salary_payment.id)
    withhold_consent_at = Timestamptz(null=True)  # the member's consent to withhold it
    withhold_consent_ip = Varchar(length=45, null=True)


class UsageAgreement(Table, tablename="usage_agreement", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    version = Varchar(length=20)
    accepted_at = Timestamptz()
    ip = Varchar(length=45, null=True)
    text_sha256 = Varchar(length=64, null=True)  # of the text shown (usage_agreement/*.md)
    language = Varchar(length=2, null=True)


class ErasureRequest(Table, tablename="erasure_request", db=DB):
    """A person's request to erase their personal data (GDPR art. 17), then its execution:
    what the law keeps (``retained``, until ``retain_until``) and what was anonymised."""

    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    status = Varchar(length=10, default="requested")  # requested | waiting | done
    requested_at = Timestamptz()
    ip = Varchar(length=45, null=True)
    blockers = JSONB()  # why it waits (open work), codes
    retained = JSONB()  # record kind -> {"count", "until", "source"}
    retain_until = Date(null=True)  # the last day a retained personal datum must be kept
    executed_at = Timestamptz(null=True)
    updated_at = Timestamptz()


class Performance(Table, tablename="performance", db=DB):
    """A performance a person signed a contract for; counts toward the three-without-share rule."""

    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    reference = Varchar(length=64, unique=True)
    with_share = Boolean(default=False)
    created_at = Timestamptz()
