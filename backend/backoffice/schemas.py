from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from backend.backoffice.banking.schemas import PaymentFileOut
from backend.http.values import Language, NotBlank, PositiveCents


class PaymentIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    amount_cents: PositiveCents
    date: dt.date
    reference: str | None = None


class PaymentOut(msgspec.Struct, rename="camel"):
    invoice_id: uuid.UUID
    applied_cents: int
    paid_cents: int
    fully_paid: bool
    overpaid_cents: int


class ReviewDecisionIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    reason: str | None = None


class HandoffLine(msgspec.Struct, rename="camel"):
    sender: Literal["user", "bot"] = msgspec.field(name="from")
    text: str  # personal data masked ([e-mail], [iban], [national number]...)


class BotHandoffOut(msgspec.Struct, rename="camel"):
    """What a bot hand-off carries: the conversation so far, minimised."""

    conversation_id: str
    channel: Literal["api", "telegram", "terminal"]
    language: Language
    transcript: list[HandoffLine]


class ReviewItemOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    kind: Literal["quickjob", "overdue_invoice", "bot_handoff", "monthly_salary_uncovered"]
    status: Literal["open", "approved", "rejected"]
    reasons: list[str]
    quickjob_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    decided_by: uuid.UUID | None = None
    decided_at: dt.datetime | None = None
    decision_reason: str | None = None
    created_at: dt.datetime | None = None
    handoff: BotHandoffOut | None = None  # one item's detail (GET /review-items/{id}) only


class ReviewItemList(msgspec.Struct, rename="camel"):
    items: list[ReviewItemOut]
    next_cursor: str | None = None


class SalaryRunIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    date: dt.date | None = None


class HeldPayOut(msgspec.Struct, rename="camel"):
    """Pay a salary run did not make, and why (until it is paid)."""

    id: uuid.UUID
    kind: Annotated[Literal["quickjob_salary", "monthly_salary"], msgspec.Meta(
        description="quickjob_salary (salaryId, quickjobId) or monthly_salary (employmentId, "
                    "month)")]
    reason: Annotated[Literal["rule_set_fallback", "months_above_limit"], msgspec.Meta(
        description="rule_set_fallback: no rule set in force for the date yet; paid by the "
                    "first run after it is approved, computed with it. months_above_limit: "
                    "more months of one contract than a run pays alone; a second adviser "
                    "approves (POST held-pay/{id}/approve)")]
    message: str
    status: Annotated[Literal["held", "approved", "released"], msgspec.Meta(description="held, approved (the next run pays it) or "
                                                    "released (paid)")]
    person_id: uuid.UUID
    held_at: dt.datetime
    last_held_at: dt.datetime
    needs_approval: bool
    salary_id: uuid.UUID | None = None
    quickjob_id: uuid.UUID | None = None
    employment_id: uuid.UUID | None = None
    month: dt.date | None = None
    requested_by: uuid.UUID | None = None
    approved_by: uuid.UUID | None = None
    approved_at: dt.datetime | None = None
    released_at: dt.datetime | None = None


class HeldPayList(msgspec.Struct, rename="camel"):
    items: list[HeldPayOut]
    next_cursor: str | None = None


class SalaryRunOut(msgspec.Struct, rename="camel"):
    date: dt.date
    paid_salary_ids: list[uuid.UUID]  # QuickJob salaries
    paid_monthly_salary_ids: list[uuid.UUID] = msgspec.field(default_factory=list)  # open-ended
    # The SEPA files transferring what is paid (one, or several for a very large run).
    payment_files: list[PaymentFileOut] = msgspec.field(default_factory=list)
    payment_file_problem: str | None = None  # why no file could be made (e.g. no debtor IBAN)
    # What this run did not pay, and why (no rule set in force, too many months at once).
    held: list[HeldPayOut] = msgspec.field(default_factory=list)


class AuditEntry(msgspec.Struct, rename="camel"):
    id: int
    at: dt.datetime
    action: str
    object_type: str
    object_id: str
    actor_id: uuid.UUID | None = None
    before: dict | None = None
    after: dict | None = None
    request_id: str | None = None


class AuditPage(msgspec.Struct, rename="camel"):
    items: list[AuditEntry]
    next_cursor: str | None = None


class SearchResults(msgspec.Struct, rename="camel"):
    people: list[dict]
    units: list[dict]
    quickjobs: list[dict]
    invoices: list[dict]


class FailedJob(msgspec.Struct, rename="camel"):
    id: str
    job: str | None
    payload: dict | None
    failed_at: dt.datetime | None
    error: str | None
    retries_left: int | None


class FailedJobList(msgspec.Struct, rename="camel"):
    items: list[FailedJob]
    next_cursor: str | None = None


class CorrectionIn(msgspec.Struct, rename="camel", forbid_unknown_fields=True):
    entry_id: uuid.UUID
    reason: NotBlank


class CorrectionOut(msgspec.Struct, rename="camel"):
    id: uuid.UUID
    unit_id: uuid.UUID
    entry_id: uuid.UUID
    amount_cents: int
    reason: str
    status: Literal["pending", "applied", "rejected"]
    requested_by: uuid.UUID
    approved_by: uuid.UUID | None = None
    reversal_entry_id: uuid.UUID | None = None


class ReminderRunOut(msgspec.Struct, rename="camel"):
    date: dt.date
    reminders_sent: int
    escalated: int


class QuarterlyLine(msgspec.Struct, rename="camel"):
    person_id: uuid.UUID
    name: str
    national_number: str | None
    contracts: int
    days: int
    gross_cents: int
    social_security_cents: int
    withholding_cents: int
    net_cents: int
    employer_cost_cents: int
    special_social_security_cents: int = 0  # monthly (open-ended) salaries only


class QuarterlySummary(msgspec.Struct, rename="camel"):
    year: int
    quarter: int
    start: dt.date
    end: dt.date
    items: list[QuarterlyLine]
    next_cursor: str | None = None
