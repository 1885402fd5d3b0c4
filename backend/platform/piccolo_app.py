"""The single Piccolo app: every bounded context's tables, one migrations folder.

``TABLES`` lists a Table class for every table the migrations make (tests/platform checks
each one's columns against the migrated database, so they cannot drift apart).
"""

import os

from piccolo.conf.apps import AppConfig

from backend.audit.tables import AuditLog
from backend.backoffice.banking.tables import (
    BankMovement,
    BankStatement,
    PaymentFile,
    PaymentFileItem,
    UnmatchedPayment,
)
from backend.backoffice.tables import (
    CorrectionRequest,
    InvoiceReminder,
    PayrollHold,
    ReviewItem,
)
from backend.chat.tables import BotConversation, BotMessage
from backend.chat.telegram.tables import TelegramChat, TelegramLinkCode, TelegramUpdate
from backend.clients.tables import Client
from backend.employment.tables import Employment, MonthlySalary
from backend.http.tables import IdempotencyRecord
from backend.jobs.tables import JobRun, OutboxMessage
from backend.people.tables import (
    ErasureRequest,
    OtpChallenge,
    Performance,
    Person,
    RefreshToken,
    SharePurchase,
    StaffChallenge,
    TotpCredential,
    UsageAgreement,
)
from backend.quickjobs.tables import (
    CashCollection,
    ClientOrder,
    Contract,
    Dimona,
    DocumentCounter,
    Expense,
    Invoice,
    QuickJob,
    QuickJobEvent,
    Quote,
    SalaryPayment,
)
from backend.rulesets.tables import RuleSetUpload
from backend.units.tables import JournalEntry, JournalLine, LegalEntity, Office, Unit, UnitHolder

TABLES = [
    # people, units and the journal, platform
    Person, OtpChallenge, RefreshToken, SharePurchase, UsageAgreement, Performance,
    TotpCredential, StaffChallenge,
    LegalEntity, Office, Unit, UnitHolder, JournalEntry, JournalLine,
    AuditLog, OutboxMessage, JobRun, IdempotencyRecord,
    # the QuickJob flow
    Client, QuickJob, QuickJobEvent, DocumentCounter, Quote, ClientOrder, Invoice,
    CashCollection, Expense, Contract, Dimona, SalaryPayment,
    # back office, banking, employment, chat
    ReviewItem, CorrectionRequest, InvoiceReminder,
    BankStatement, BankMovement, UnmatchedPayment, PaymentFile, PaymentFileItem,
    Employment, MonthlySalary,
    BotConversation, BotMessage, TelegramLinkCode, TelegramChat, TelegramUpdate,
    # personal data
    ErasureRequest,
    # rule sets as data, payroll holds (issue 12)
    RuleSetUpload, PayrollHold,
]

APP_CONFIG = AppConfig(
    app_name="quickjob",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "migrations"),
    table_classes=TABLES,
    migration_dependencies=[],
    commands=[],
)
