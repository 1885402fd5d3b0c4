"""Money in and money out at the bank.

In: a CODA statement is imported once (per statement: same content, or same account, number
and date, imports nothing again); each credit is matched to an issued invoice by its structured
communication, else by exact outstanding amount and client name, and booked with
``backoffice.payments.record_payment``; whatever cannot be matched waits in the unmatched-payments
queue until an adviser assigns it.

Out: salaries paid by a salary run go, once each, into a SEPA pain.001.001.09 credit transfer
file from the legal entity's account to each worker's IBAN.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from typing import TYPE_CHECKING

import msgspec
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

from backend.audit.service import record
from backend.backoffice.banking import coda, sepa
from backend.backoffice.banking import repository as repo
from backend.backoffice.banking.rows import (
    MatchableInvoiceRow,
    PaymentFileRow,
    StatementRow,
    TransferRow,
    UnmatchedRow,
)
from backend.backoffice.payments import record_payment
from backend.engine import EngineInputError, parse_ogm
from backend.people import identity
from backend.people import service as people
from backend.platform.db import unit_of_work
from backend.platform.errors import Conflict, Invalid, NotFound, invalid
from backend.quickjobs import repository as quickjobs
from backend.units import service as units

if TYPE_CHECKING:  # annotations only: the worker runs this module without the web stack
    from backend.http.context import Principal

LEGAL_ENTITY = "smart"
_OGM_IN_TEXT = re.compile(r"[+*]{3}\s*(\d{3})\s*/\s*(\d{4})\s*/\s*(\d{5})\s*[+*]{3}")


# Money in ------------------------------------------------------------------------------------

def _ogm_of(movement: coda.Movement) -> str | None:
    """The 12 digits of a valid Belgian structured communication, structured or typed in."""
    candidates = []
    if movement.structured_communication:
        candidates.append(movement.structured_communication)
    candidates += ["".join(m) for m in _OGM_IN_TEXT.findall(movement.communication or "")]
    for candidate in candidates:
        try:
            return parse_ogm(candidate)
        except EngineInputError:
            continue
    return None


def _same_name(a: str | None, b: str | None) -> bool:
    def norm(text: str | None) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold()).split())

    return bool(norm(a)) and norm(a) == norm(b)


async def _match(movement: coda.Movement) -> tuple[MatchableInvoiceRow | None, str, str | None]:
    """(invoice, method, reason why not) for a credit."""
    digits = _ogm_of(movement)
    if digits:
        invoices = await repo.invoices_by_communication(digits)
        live = [i for i in invoices if i.status == "issued"]
        if len(live) == 1:
            return live[0], "communication", None
        if invoices:
            return None, "communication", "invoice_not_open"
    candidates = [i for i in await repo.open_invoices_by_amount(movement.amount_cents)
                  if _same_name(i.client_name, movement.counterparty_name)]
    if len(candidates) == 1:
        return candidates[0], "amount_and_name", None
    if candidates:
        return None, "amount_and_name", "ambiguous"
    return None, "none", "communication_unknown" if digits else "no_match"


def _reference(movement: coda.Movement, statement: coda.Statement) -> str:
    return f"CODA {statement.account} {statement.number:03d}/{movement.sequence:04d} " \
           f"{movement.bank_reference}".strip()


async def import_statement(actor: Principal, content: bytes | str) -> dict:
    actor.require("adviser", "admin")
    raw = content.encode() if isinstance(content, str) else content
    try:
        parsed = coda.parse(raw)
    except coda.CodaError as exc:
        raise Invalid("coda_invalid", line=exc.line, reason=exc.reason) from None
    file_hash = hashlib.sha256(raw).hexdigest()
    summary = {"statements": [], "imported": 0, "duplicates": 0, "movements": 0, "matched": 0,
               "partial": 0, "overpaid": 0, "unmatched": 0, "ignored": 0, "shares": 0,
               "movementResults": []}
    async with unit_of_work():
        for statement in parsed.statements:
            row = await repo.insert_statement(
                id=uuid.uuid4(), content_hash=statement.content_hash, file_hash=file_hash,
                account=statement.account, currency=statement.currency, number=statement.number,
                old_balance_cents=statement.old_balance_cents,
                new_balance_cents=statement.new_balance_cents,
                old_balance_date=statement.old_balance_date,
                new_balance_date=statement.new_balance_date, imported_by=actor.id)
            if row is None:
                summary["duplicates"] += 1
                summary["statements"].append({"id": None, "account": statement.account,
                                              "number": statement.number, "duplicate": True})
                continue
            summary["imported"] += 1
            summary["statements"].append({"id": row.id, "account": statement.account,
                                          "number": statement.number, "duplicate": False})
            await _import_movements(actor, row, statement, summary)
            await record(actor_id=actor.id, action="bank_statement.imported",
                         object_type="bank_statement", object_id=row.id,
                         after={"account": statement.account, "number": statement.number,
                                "movements": len(statement.movements), "fileHash": file_hash})
    return summary


async def _import_movements(actor: Principal, row: StatementRow, statement: coda.Statement,
                            summary: dict) -> None:
    matchable = {id(m) for m in coda.matchable(statement)}
    for movement in statement.movements:
        summary["movements"] += 1
        stored = await repo.insert_movement(
            id=uuid.uuid4(), statement=row.id, sequence=movement.sequence,
            detail=movement.detail, bank_reference=movement.bank_reference,
            amount_cents=movement.amount_cents, value_date=movement.value_date,
            entry_date=movement.entry_date, transaction_code=movement.transaction_code,
            structured_communication=movement.structured_communication,
            communication=movement.communication,
            counterparty_name=(movement.counterparty_name or "")[:70] or None,
            counterparty_account=movement.counterparty_account,
            counterparty_bic=movement.counterparty_bic,
            status="ignored")
        result = {"movementId": stored.id, "amountCents": movement.amount_cents,
                  "status": "ignored", "invoiceId": None, "unmatchedPaymentId": None,
                  "appliedCents": 0, "overpaidCents": 0}
        summary["movementResults"].append(result)
        if id(movement) not in matchable:
            summary["ignored"] += 1  # debits, and global movements whose details are matched
            continue
        if await _share_payment(actor, movement, stored.id, result, summary):
            continue
        invoice, method, reason = await _match(movement)
        if invoice is None:
            queued = await repo.insert_unmatched(id=uuid.uuid4(), movement=stored.id,
                                                 reason=reason)
            await repo.update_movement(stored.id, status="unmatched", match_method=method)
            result.update(status="unmatched", unmatchedPaymentId=queued, reason=reason)
            summary["unmatched"] += 1
            continue
        paid = await record_payment(
            actor, invoice.id, movement.amount_cents,
            movement.value_date or movement.entry_date or dt.date.today(),
            _reference(movement, statement))
        await repo.update_movement(stored.id, status="matched", match_method=method,
                                   invoice=invoice.id, applied_cents=paid["appliedCents"],
                                   overpaid_cents=paid["overpaidCents"])
        result.update(status="matched", invoiceId=invoice.id, matchedBy=method,
                      appliedCents=paid["appliedCents"], overpaidCents=paid["overpaidCents"],
                      fullyPaid=paid["fullyPaid"])
        summary["matched"] += 1
        summary["partial"] += not paid["fullyPaid"]
        summary["overpaid"] += paid["overpaidCents"] > 0


async def _share_payment(actor: Principal, movement: coda.Movement, movement_id: uuid.UUID,
                         result: dict, summary: dict) -> bool:
    """A credit with a share's structured communication pays that share (membership); one
    that cannot (another amount, a share already paid) waits for an adviser. False: not a
    share's communication, so invoices are tried."""
    digits = _ogm_of(movement)
    if not digits:
        return False
    share, reason = await people.pay_share_by_bank(digits, movement.amount_cents, movement_id,
                                                   actor.id)
    if share is None and reason is None:
        return False
    if share is not None:
        await repo.update_movement(movement_id, status="matched", match_method="share",
                                   applied_cents=movement.amount_cents)
        result.update(status="matched", sharePurchaseId=share.id, matchedBy="share",
                      appliedCents=movement.amount_cents, fullyPaid=True)
        summary["matched"] += 1
        summary["shares"] += 1
        return True
    queued = await repo.insert_unmatched(id=uuid.uuid4(), movement=movement_id, reason=reason)
    await repo.update_movement(movement_id, status="unmatched", match_method="share")
    result.update(status="unmatched", unmatchedPaymentId=queued, reason=reason)
    summary["unmatched"] += 1
    return True


async def list_unmatched(actor: Principal, status: str, limit: int) -> list[UnmatchedRow]:
    actor.require("adviser", "admin")
    if status not in ("open", "assigned"):
        raise invalid("status", "unmatched_status_invalid")
    return await repo.list_unmatched(status, limit)


async def assign_unmatched(actor: Principal, unmatched_id: uuid.UUID,
                           invoice_id: uuid.UUID) -> UnmatchedRow:
    """An adviser says which invoice a payment was for; it is then booked like a matched one."""
    actor.require("adviser", "admin")
    async with unit_of_work():
        item = await repo.get_unmatched(unmatched_id, for_update=True)
        if item is None:
            raise NotFound()
        if item.status != "open":
            raise Conflict("payment_already_assigned")
        invoice = await quickjobs.get_invoice(invoice_id)
        if invoice is None or invoice.kind != "invoice":
            raise invalid("invoiceId", "invoice_unknown")
        if invoice.status != "issued":
            raise Conflict("wrong_state", status=invoice.status)
        paid = await record_payment(
            actor, invoice_id, item.amount_cents,
            item.value_date or item.entry_date or dt.date.today(),
            f"CODA {item.account} {item.statement_number:03d} {item.bank_reference} "
            f"(assigned)")
        await repo.resolve_unmatched(unmatched_id, invoice_id, actor.id)
        await repo.update_movement(item.movement, status="assigned", match_method="manual",
                                   invoice=invoice_id, applied_cents=paid["appliedCents"],
                                   overpaid_cents=paid["overpaidCents"])
        await record(actor_id=actor.id, action="unmatched_payment.assigned",
                     object_type="unmatched_payment", object_id=unmatched_id,
                     before={"status": "open"},
                     after={"status": "assigned", "invoice": invoice_id,
                            "appliedCents": paid["appliedCents"],
                            "overpaidCents": paid["overpaidCents"]})
        return msgspec.structs.replace(
            await repo.get_unmatched(unmatched_id), applied_cents=paid["appliedCents"],
            overpaid_cents=paid["overpaidCents"], fully_paid=paid["fullyPaid"])


# Money out -----------------------------------------------------------------------------------

def _valid_iban(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return stdnum_iban.validate(value)
    except ValidationError:
        return None


def _worker_name(row: TransferRow) -> str:
    """The creditor's name on the transfer: never a phone number or an e-mail address."""
    return identity.display_name(row) or "-"


async def create_payment_file(actor: Principal, storage, execution_date: dt.date | None = None
                              ) -> PaymentFileRow:
    """One SEPA file with every salary paid by a run and in no file yet (None: nothing to pay).
    Workers without a valid IBAN are skipped and listed; they go in a later file once fixed."""
    actor.require("adviser", "admin")
    return await make_payment_file(actor.id, storage, execution_date)


async def make_payment_file(actor_id: uuid.UUID | None, storage,
                            execution_date: dt.date | None = None) -> PaymentFileRow:
    """The payment file step of a salary run (also run by the worker's daily work)."""
    now = dt.datetime.now(dt.UTC)
    execution_date = execution_date or now.date()
    async with unit_of_work():
        entity = await units.legal_entity(LEGAL_ENTITY)
        debtor_iban = _valid_iban(entity and entity.iban)
        if debtor_iban is None:
            raise Conflict("debtor_iban_missing", entity=LEGAL_ENTITY)
        transfers, items, skipped = [], [], []
        for salary in await repo.salaries_to_transfer():
            worker_iban = _valid_iban(salary.iban)
            if worker_iban is None:
                skipped.append({"salaryId": str(salary.id), "personId": str(salary.person),
                                "reason": "iban_missing" if not salary.iban else "iban_invalid"})
                continue
            amount = salary.net_cents + salary.expenses_cents - salary.withheld_cents
            if amount <= 0:  # SEPA allows no zero transfer (EPC: 0.01 at least)
                skipped.append({"salaryId": str(salary.id), "personId": str(salary.person),
                                "reason": "amount_not_positive"})
                continue
            end_to_end = salary.id.hex  # 32 characters: unique, and the same on a retry
            monthly = salary.kind == "monthly"
            remittance = (f"Salary {salary.pay_date:%Y-%m}" if monthly
                          else f"Salary {salary.function} {salary.pay_date.isoformat()}")
            transfers.append(sepa.Transfer(
                end_to_end_id=end_to_end, amount_cents=amount,
                creditor_name=_worker_name(salary), creditor_iban=worker_iban,
                creditor_bic=salary.bic, remittance=remittance))
            items.append({"monthly_salary" if monthly else "salary": salary.id,
                          "end_to_end_id": end_to_end, "amount_cents": amount, "iban": worker_iban})
        if not transfers:
            return PaymentFileRow(id=None, message_id=None, execution_date=execution_date,
                                  transaction_count=0, control_sum_cents=0, skipped=skipped)
        file_id = uuid.uuid4()
        message_id = f"QJ-{now:%Y%m%d%H%M%S}-{file_id.hex[:12]}"
        xml = sepa.credit_transfer(
            message_id, now, execution_date,
            sepa.Debtor(name=entity.name, iban=debtor_iban, bic=entity.bic or None),
            transfers)
        key = storage.save(f"payment-files/{file_id}.xml", xml, "application/xml")
        control = sum(i["amount_cents"] for i in items)
        row = await repo.insert_payment_file(
            id=file_id, message_id=message_id, legal_entity=LEGAL_ENTITY,
            execution_date=execution_date, transaction_count=len(items),
            control_sum_cents=control, storage_key=key, skipped=skipped, created_by=actor_id)
        await repo.insert_payment_items(file_id, items)
        await record(actor_id=actor_id, action="payment_file.created", object_type="payment_file",
                     object_id=file_id, after={"messageId": message_id, "transactions": len(items),
                                               "controlSumCents": control,
                                               "skipped": len(skipped)})
        return row


async def make_payment_files(actor_id: uuid.UUID | None, storage,
                             execution_date: dt.date | None = None) -> list[PaymentFileRow]:
    """Every file needed to transfer what is paid (one holds at most FILE_LIMIT transfers)."""
    files = []
    while (row := await make_payment_file(actor_id, storage, execution_date)).id:
        files.append(row)
    return files


async def payment_file_xml(actor: Principal, file_id: uuid.UUID, storage) -> bytes:
    actor.require("adviser", "admin")
    row = await repo.get_payment_file(file_id)
    if row is None:
        raise NotFound()
    return storage.open(row.storage_key)
