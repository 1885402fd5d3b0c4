"""Queries of a person's data across the contexts, for their export and their erasure (GDPR
art. 15, 17 and 20): read whole, as stored, and erased where the law does not keep them.

Read queries return plain rows (dicts): the export writes them as they are, one JSON list per
table. Everything goes through Piccolo's query builder; all functions join the caller's
transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec

from backend.audit.tables import AuditLog
from backend.backoffice.tables import ReviewItem
from backend.chat.tables import BotConversation, BotMessage
from backend.chat.telegram.tables import TelegramChat, TelegramLinkCode
from backend.clients.tables import Client
from backend.employment.tables import Employment, MonthlySalary
from backend.people.tables import (
    ErasureRequest,
    OtpChallenge,
    Performance,
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
    Expense,
    Invoice,
    QuickJob,
    QuickJobEvent,
    Quote,
    SalaryPayment,
)
from backend.units.tables import JournalEntry, JournalLine, Unit, UnitHolder

# QuickJob statuses with work still under way: the client or the worker still waits for
# something (a quote answer, an invoice payment, a salary).
OPEN_QUICKJOB_STATUSES = ("in_review", "quote_sent", "accepted", "invoiced", "paid")


class Dates(msgspec.Struct, frozen=True):
    """The dates a retention period counts from: the latest of each kind of record."""

    accounting: dt.date | None  # invoices, credit notes, cash collections, paid shares
    social: dt.date | None  # contracts, Dimonas, salaries and payslips


async def _all(query) -> list[dict]:
    return await query.output(load_json=True)


async def quickjob_ids(person_id: uuid.UUID) -> list[uuid.UUID]:
    found = await QuickJob.select(QuickJob.id).where(QuickJob.person == person_id)
    return [r["id"] for r in found]


async def export_tables(person_id: uuid.UUID) -> dict[str, list[dict]]:
    """Every row about the person, by table (secrets and hashes left out)."""
    jobs = await quickjob_ids(person_id)
    contracts = [r["id"] for r in await Contract.select(Contract.id).where(
        Contract.person == person_id)]
    units = [r["unit"] for r in await UnitHolder.select(UnitHolder.unit).where(
        UnitHolder.person == person_id)]
    conversations = [r["id"] for r in await BotConversation.select(BotConversation.id).where(
        BotConversation.person == person_id)]

    def of_jobs(table):
        return _all(table.select().where(table.quickjob.is_in(jobs))) if jobs else _none()

    tables = {
        "share_purchase": _all(SharePurchase.select().where(SharePurchase.person == person_id)),
        "usage_agreement": _all(UsageAgreement.select().where(
            UsageAgreement.person == person_id)),
        "performance": _all(Performance.select().where(Performance.person == person_id)),
        "erasure_request": _all(ErasureRequest.select().where(
            ErasureRequest.person == person_id)),
        "sessions": _all(RefreshToken.select(
            RefreshToken.id, RefreshToken.family_id, RefreshToken.role,
            RefreshToken.created_at, RefreshToken.expires_at, RefreshToken.used_at,
            RefreshToken.revoked_at).where(RefreshToken.person == person_id)),
        "totp_credential": _all(TotpCredential.select(
            TotpCredential.created_at, TotpCredential.confirmed_at).where(
            TotpCredential.person == person_id)),
        "client": _all(Client.select().where(Client.created_by == person_id)),
        "quickjob": _all(QuickJob.select().where(QuickJob.person == person_id)),
        "quickjob_event": of_jobs(QuickJobEvent),
        "quote": _all(Quote.select(*(c for c in Quote.all_columns()
                                     if c._meta.name != "accept_token_hash"))
                      .where(Quote.quickjob.is_in(jobs))) if jobs else _none(),
        "client_order": of_jobs(ClientOrder),
        "invoice": of_jobs(Invoice),
        "cash_collection": of_jobs(CashCollection),
        "expense": of_jobs(Expense),
        "contract": _all(Contract.select().where(Contract.person == person_id)),
        "dimona": _all(Dimona.select().where(Dimona.contract.is_in(contracts)))
        if contracts else _none(),
        "salary_payment": _all(SalaryPayment.select().where(SalaryPayment.person == person_id)),
        "employment": _all(Employment.select().where(Employment.person == person_id)),
        "monthly_salary": _all(MonthlySalary.select().where(MonthlySalary.person == person_id)),
        "unit": _all(Unit.select().where(Unit.id.is_in(units))) if units else _none(),
        "journal_entry": _all(JournalEntry.select().where(JournalEntry.unit.is_in(units)))
        if units else _none(),
        "journal_line": _all(JournalLine.select().where(JournalLine.unit.is_in(units)))
        if units else _none(),
        "review_item": _all(ReviewItem.select().where(ReviewItem.person == person_id)),
        "bot_conversation": _all(BotConversation.select().where(
            BotConversation.person == person_id)),
        "bot_message": _all(BotMessage.select().where(
            BotMessage.conversation.is_in(conversations))) if conversations else _none(),
        "telegram_chat": _all(TelegramChat.select().where(TelegramChat.person == person_id)),
        # what the person did, as the audit trail recorded it
        "audit_log": _all(AuditLog.select().where(AuditLog.actor_id == person_id)
                          .order_by(AuditLog.id)),
    }
    return {name: await query for name, query in tables.items()}


async def _none() -> list[dict]:
    return []


def document_keys(tables: dict[str, list[dict]]) -> list[tuple[str, str]]:
    """(file name in the export, storage key) of every document the person's rows point to."""
    found = []
    for table, column in (("quote", "pdf_key"), ("client_order", "signed_order_key"),
                          ("invoice", "pdf_key"), ("invoice", "ubl_key"),
                          ("cash_collection", "pdf_key"), ("expense", "receipt_key"),
                          ("contract", "pdf_key"), ("salary_payment", "payslip_key"),
                          ("monthly_salary", "payslip_key")):
        for item in tables.get(table, []):
            if item.get(column):
                found.append((item[column], item[column]))
    return found


# --- erasure ---------------------------------------------------------------------------------

async def open_work(person_id: uuid.UUID) -> list[str]:
    """Why an erasure must wait: work under way that needs the person's data (codes)."""
    blockers = []
    if await QuickJob.exists().where((QuickJob.person == person_id)
                                     & QuickJob.status.is_in(list(OPEN_QUICKJOB_STATUSES))):
        blockers.append("quickjob_in_progress")
    if await SalaryPayment.exists().where((SalaryPayment.person == person_id)
                                          & (SalaryPayment.status != "paid")):
        blockers.append("salary_not_paid")
    if await Employment.exists().where((Employment.person == person_id)
                                       & (Employment.status == "active")):
        blockers.append("employment_active")
    return blockers


async def _latest(query, column: str) -> dt.date | None:
    found = await query
    values = [r[column] for r in found if r[column] is not None]
    values = [v.date() if isinstance(v, dt.datetime) else v for v in values]
    return max(values) if values else None


async def record_dates(person_id: uuid.UUID) -> tuple[Dates, dict[str, int]]:
    """The latest date of the person's accounting and social records, and how many of each
    kind there are (what an erasure keeps)."""
    jobs = await quickjob_ids(person_id)
    counts: dict[str, int] = {}
    accounting: list[dt.date] = []
    social: list[dt.date] = []
    if jobs:
        invoices = await Invoice.select(Invoice.issue_date).where(Invoice.quickjob.is_in(jobs))
        cash = await CashCollection.select(CashCollection.collected_on).where(
            CashCollection.quickjob.is_in(jobs))
        counts["invoices"] = len(invoices)
        counts["cash_collections"] = len(cash)
        accounting += [r["issue_date"] for r in invoices] + [r["collected_on"] for r in cash]
    shares = await SharePurchase.select(SharePurchase.paid_at).where(
        (SharePurchase.person == person_id) & (SharePurchase.status == "paid"))
    counts["shares"] = len(shares)
    accounting += [r["paid_at"].date() for r in shares]
    contracts = await Contract.select(Contract.work_dates).where(
        (Contract.person == person_id) & Contract.status.is_in(["declared", "completed",
                                                                 "blocked"]))
    counts["contracts"] = len(contracts)
    social += [max(r["work_dates"]) for r in contracts if r["work_dates"]]
    salaries = await SalaryPayment.select(SalaryPayment.pay_date).where(
        SalaryPayment.person == person_id)
    monthly = await MonthlySalary.select(MonthlySalary.pay_date).where(
        MonthlySalary.person == person_id)
    counts["salaries"] = len(salaries) + len(monthly)
    social += [r["pay_date"] for r in salaries] + [r["pay_date"] for r in monthly]
    return Dates(max(accounting) if accounting else None,
                 max(social) if social else None), counts


async def forget_activity(person_id: uuid.UUID, destinations: list[str]) -> dict[str, int]:
    """Delete what no law keeps: sign-in codes, second factor, Telegram links, bot transcripts;
    unused clients the person typed; cancel an unpaid share request. Counts per kind."""
    done: dict[str, int] = {}

    async def count(query) -> int:
        return len(await query)

    if destinations:
        done["otp_challenges"] = await count(OtpChallenge.delete().where(
            OtpChallenge.destination.is_in(destinations)).returning(OtpChallenge.id))
    done["staff_challenges"] = await count(StaffChallenge.delete().where(
        StaffChallenge.person == person_id).returning(StaffChallenge.id))
    done["totp_credentials"] = await count(TotpCredential.delete().where(
        TotpCredential.person == person_id).returning(TotpCredential.person))
    done["telegram_link_codes"] = await count(TelegramLinkCode.delete().where(
        TelegramLinkCode.person == person_id).returning(TelegramLinkCode.id))
    done["telegram_chats"] = await count(TelegramChat.delete().where(
        TelegramChat.person == person_id).returning(TelegramChat.chat_id))
    conversations = [r["id"] for r in await BotConversation.select(BotConversation.id).where(
        BotConversation.person == person_id)]
    if conversations:
        done["bot_messages"] = await count(BotMessage.delete().where(
            BotMessage.conversation.is_in(conversations)).returning(BotMessage.id))
    done["bot_conversations"] = await count(BotConversation.delete().where(
        BotConversation.person == person_id).returning(BotConversation.id))
    used = QuickJob.select(QuickJob.client).where(QuickJob.person == person_id)
    done["unused_clients"] = await count(Client.delete().where(
        (Client.created_by == person_id) & Client.id.not_in(used)).returning(Client.id))
    done["share_requests_cancelled"] = await count(SharePurchase.update(
        {SharePurchase.status: "cancelled"}).where(
        (SharePurchase.person == person_id) & (SharePurchase.status == "requested"))
        .returning(SharePurchase.id))
    return done


async def rename_personal_units(person_id: uuid.UUID, name: str) -> int:
    """A personal unit is named after its holder: the ledger stays, the name goes."""
    held = UnitHolder.select(UnitHolder.unit).where(UnitHolder.person == person_id)
    found = await Unit.update({Unit.name: name}).where(
        Unit.personal.eq(True) & Unit.id.is_in(held)).returning(Unit.id)
    return len(found)
