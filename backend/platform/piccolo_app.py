"""The single Piccolo app: every bounded context's tables, one migrations folder."""

import os

from piccolo.conf.apps import AppConfig

from backend.audit.tables import AuditLog
from backend.http.tables import IdempotencyRecord
from backend.jobs.tables import JobRun, OutboxMessage
from backend.people.tables import (
    OtpChallenge,
    Performance,
    Person,
    RefreshToken,
    SharePurchase,
    UsageAgreement,
)
from backend.units.tables import JournalEntry, JournalLine, LegalEntity, Office, Unit, UnitHolder

APP_CONFIG = AppConfig(
    app_name="quickjob",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "migrations"),
    table_classes=[
        Person, OtpChallenge, RefreshToken, SharePurchase, UsageAgreement, Performance,
        LegalEntity, Office, Unit, UnitHolder, JournalEntry, JournalLine,
        AuditLog, OutboxMessage, JobRun, IdempotencyRecord,
    ],
    migration_dependencies=[],
    commands=[],
)
