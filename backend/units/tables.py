from piccolo.columns import UUID, BigInt, Boolean, Date, ForeignKey, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.people.tables import Person
from backend.platform.db import DB


class LegalEntity(Table, tablename="legal_entity", db=DB):
    id = Varchar(length=32, primary_key=True)  # e.g. "smart"; engine rule sets are keyed by it
    name = Varchar(length=200)
    country = Varchar(length=2)
    vat_number = Varchar(length=20)
    company_number = Varchar(length=20)
    address = Text()
    iban = Varchar(length=34)
    bic = Varchar(length=11)


class Office(Table, tablename="office", db=DB):
    id = Varchar(length=32, primary_key=True)
    name = Varchar(length=100)
    city = Varchar(length=100)


class Unit(Table, tablename="unit", db=DB):
    id = UUID(primary_key=True)
    name = Varchar(length=200)
    mode = Varchar(length=10)  # 3in1 | activity (004:235-273)
    legal_entity = ForeignKey(LegalEntity, null=False)
    office = ForeignKey(Office, null=True)
    personal = Boolean(default=False)  # the worker's own QuickJob unit
    status = Varchar(length=10, default="open")
    created_at = Timestamptz()


class UnitHolder(Table, tablename="unit_holder", db=DB):
    id = UUID(primary_key=True)
    unit = ForeignKey(Unit, null=False)
    person = ForeignKey(Person, null=False)
    since = Date()


class JournalEntry(Table, tablename="journal_entry", db=DB):
    """Append-only; corrections are reversal entries (enforced by triggers, see migrations)."""

    id = UUID(primary_key=True)
    seq = BigInt()  # from a sequence: the posting order
    unit = ForeignKey(Unit, null=False)
    kind = Varchar(length=40)
    description = Text()
    reference = Varchar(length=80, null=True)
    effective_date = Date()
    reverses = UUID(null=True)
    created_by = UUID(null=True)
    created_at = Timestamptz()


class JournalLine(Table, tablename="journal_line", db=DB):
    id = BigInt(primary_key=True)
    entry = ForeignKey(JournalEntry, null=False)
    unit = ForeignKey(Unit, null=False)
    account = Varchar(length=30)
    amount_cents = BigInt()  # debit positive, credit negative; an entry's lines sum to zero
