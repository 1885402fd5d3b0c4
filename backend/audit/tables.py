from piccolo.columns import JSONB, UUID, BigInt, Timestamptz, Varchar
from piccolo.table import Table

from backend.platform.db import DB


class AuditLog(Table, tablename="audit_log", db=DB):
    id = BigInt(primary_key=True)
    at = Timestamptz()
    actor_id = UUID(null=True)
    action = Varchar(length=60)
    object_type = Varchar(length=40)
    object_id = Varchar(length=64)
    before = JSONB(null=True)
    after = JSONB(null=True)
    request_id = Varchar(length=64, null=True)
