from piccolo.columns import UUID, ForeignKey, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.people.tables import Person
from backend.platform.db import DB


class Client(Table, tablename="client", db=DB):
    """A client as one worker typed it: owned by that worker (``created_by``), never changed
    (other data is a new row), never shown to another worker. Unique per owner and typed data
    (index client_owner_entry)."""

    id = UUID(primary_key=True)
    name = Varchar(length=200)
    email = Varchar(length=254, null=True)
    vat_number = Varchar(length=20, null=True)
    company_number = Varchar(length=20, null=True)
    country = Varchar(length=2, default="BE")
    address = Text(null=True)
    language = Varchar(length=2, default="nl")  # nl | fr | en: documents and e-mails
    created_by = ForeignKey(Person, null=True)  # the owner
    created_at = Timestamptz()
