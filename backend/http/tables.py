from piccolo.columns import Bytea, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.platform.db import DB


class IdempotencyRecord(Table, tablename="idempotency_record", db=DB):
    scope_key = Varchar(length=300, primary_key=True)  # caller + method + path + Idempotency-Key
    request_hash = Varchar(length=64)
    status_code = Integer(null=True)  # null while the first request is in flight
    content_type = Text(null=True)
    body = Bytea(null=True)
    created_at = Timestamptz()
