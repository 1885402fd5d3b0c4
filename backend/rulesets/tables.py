"""Uploaded rule-set files and their four-eyes decision; rows are never deleted."""

from piccolo.columns import (
    JSONB,
    UUID,
    Array,
    Boolean,
    Date,
    ForeignKey,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.people.tables import Person
from backend.platform.db import DB


class RuleSetUpload(Table, tablename="rule_set_upload", db=DB):
    id = UUID(primary_key=True)
    file_id = Varchar(length=60)
    country = Varchar(length=2)
    legal_entity = Varchar(length=40)
    valid_from = Date()
    valid_to = Date()
    segment_ids = Array(Text())
    replace_existing = Boolean(default=False)
    document = JSONB()  # the file as uploaded (parsed JSON)
    sha256 = Varchar(length=64)  # of the bytes uploaded
    file_name = Text(null=True)
    warnings = JSONB()  # [{"where", "code", "params"}]: unconfirmed sources, for the approver
    status = Varchar(length=10, default="pending")  # pending | approved | rejected | superseded
    uploaded_by = ForeignKey(Person, null=False)
    uploaded_at = Timestamptz()
    decided_by = ForeignKey(Person, null=True)
    decided_at = Timestamptz(null=True)
    decision_reason = Text(null=True)
