from piccolo.columns import (
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
    address = Text(null=True)
    birth_date = Date(null=True)
    password_hash = Text(null=True)  # advisers and admins only (scrypt)
    created_at = Timestamptz()
    updated_at = Timestamptz()


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
    created_at = Timestamptz()


class SharePurchase(Table, tablename="share_purchase", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    shares = Integer()
    category = Varchar(length=1)  # A workers, B staff, C clients/partners/supporters (004:294-319)
    amount_cents = BigInt()
    purchased_on = Date()
    created_at = Timestamptz()


class UsageAgreement(Table, tablename="usage_agreement", db=DB):
    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    version = Varchar(length=20)
    accepted_at = Timestamptz()


class Performance(Table, tablename="performance", db=DB):
    """A performance a person signed a contract for; counts toward the three-without-share rule."""

    id = UUID(primary_key=True)
    person = ForeignKey(Person, null=False)
    reference = Varchar(length=64, unique=True)
    with_share = Boolean(default=False)
    created_at = Timestamptz()
