"""The API's vocabulary: what each wire name means, for the OpenAPI schema.

A property without its own ``msgspec.Meta(description=...)`` is described by its name: the
same in every schema (``backend.http.vocabulary``), except where ``BY_SCHEMA`` gives it
another meaning in one schema. ``backend.http.openapi`` applies both;
tests/http/test_openapi_coverage.py checks that every property of every schema ends up
described.
"""

from __future__ import annotations

from backend.http.vocabulary import CENTS, FIELDS, Doc, doc


def lookup(schema: str | None, name: str) -> Doc | None:
    if schema is not None and (schema, name) in BY_SCHEMA:
        return BY_SCHEMA[(schema, name)]
    return FIELDS.get(name)


BY_SCHEMA: dict[tuple[str, str], Doc] = {
    ("ProblemDetails", "status"): doc("The HTTP status code", 422),
    ("ProblemFieldError", "code"): doc("Code of the error, stable for programs",
                                      "field_required"),
    ("ProblemFieldError", "message"): doc("The error in the caller's language"),
    ("HealthStatus", "status"): doc("ok, or unavailable when a dependency is down", "ok"),
    ("SimulationLine", "code"): doc("Code of the line, stable for programs", "contribution"),
    ("SimulationLine", "amountCents"): doc(CENTS + "the line's amount"),
    ("LedgerLineOut", "amountCents"): doc(CENTS + "debit positive, credit negative; an "
                                         "entry's lines sum to zero"),
    ("RuleSetWarningOut", "code"): doc("Code of the warning"),
    ("TokenRequest", "code"): doc("The six-digit code received", "123456"),
    ("TelegramLinkCode", "code"): doc("The one-time code to send to the bot"),
    ("TelegramMessage", "date"): doc("Unix time of the message"),
    ("TelegramMessage", "from"): doc("The sender"),
    ("TelegramMessage", "text"): doc("The message's text"),
    ("TelegramChat", "id"): doc("Telegram's chat identifier"),
    ("TelegramChat", "type"): doc("private, group, supergroup or channel"),
    ("TelegramUser", "id"): doc("Telegram's user identifier"),
    ("TelegramUpdate", "message"): doc("The message; absent for other kinds of update"),
    ("FailedJob", "id"): doc("The job's identifier in the queue"),
    ("AuditEntry", "id"): doc("Sequence number of the entry"),
    ("StatementResult", "number"): doc("Number of the statement"),
    ("StatementResult", "account"): doc("The account of the statement (IBAN)"),
    ("StatementImportOut", "shares"): doc("Credits that paid a cooperative share"),
    ("UnmatchedPaymentOut", "reason"): doc("Why nothing matched (a code)"),
    ("UnmatchedPaymentOut", "account"): doc("The account the credit arrived on (IBAN)"),
    ("SkippedSalary", "reason"): doc("iban_missing or iban_invalid"),
    ("MovementResult", "reason"): doc("Why it is not matched (a code)"),
    ("OrderOut", "source"): doc("client_link (the client accepted online) or worker_attested "
                               "(the worker uploaded the signed order)"),
    ("RuleParameter", "source"): doc("The legal source of the value (law, royal decree, "
                                    "official table)"),
    ("ReviewItemOut", "kind"): doc("quickjob, overdue_invoice, bot_handoff or "
                                  "monthly_salary_uncovered"),
    ("InvoiceOut", "kind"): doc("invoice or credit_note"),
    ("LedgerEntryOut", "kind"): doc("Kind of entry (a code such as invoice or salary)"),
    ("TimelineEvent", "kind"): doc("Kind of event (a code such as quote_sent)", "quote_sent"),
    ("LedgerEntryOut", "reference"): doc("Reference of the document booked"),
    ("LedgerEntryOut", "description"): doc("What the entry books"),
    ("RuleSetOut", "description"): doc("What the rule set covers"),
    ("ExpenseOut", "description"): doc("What the expense was"),
    ("ExpenseForm", "description"): doc("What the expense was"),
    ("ExpenseForm", "category"): doc("travel, meals, material, accommodation or other",
                                    "travel"),
    ("ExpenseOut", "category"): doc("Kind of professional expense"),
    ("SharePurchaseRequest", "category"): doc("Share category: A for workers (B: staff only)",
                                             "A"),
    ("SharePurchaseOut", "category"): doc("Share category"),
    ("Membership", "category"): doc("Category of the latest paid share; null if none"),
    ("SharePurchaseRequest", "shares"): doc("How many shares to subscribe", 1),
    ("SharePurchaseOut", "shares"): doc("Shares subscribed"),
    ("PaymentRequest", "id"): doc("The share subscription waiting for its payment"),
    ("PaymentRequest", "iban"): doc("The cooperative's account to pay to"),
    ("PaymentRequest", "bic"): doc("The cooperative's BIC"),
    ("PaymentRequest", "amountCents"): doc(CENTS + "the amount to transfer"),
    ("CorrectionIn", "reason"): doc("Why the entry is corrected (not blank)",
                                   "booked on the wrong unit"),
    ("ReviewDecisionIn", "reason"): doc("The reason given with the decision (required to "
                                       "reject; the worker sees it)"),
    ("RuleSetDecisionIn", "reason"): doc("The reason given with the decision"),
    ("DeclineIn", "reason"): doc("Why the client declines (optional, the worker sees it)"),
    ("AcceptIn", "name"): doc("The name of who accepts; blank: not given", "Jan Janssens"),
    ("UnitSummary", "name"): doc("The unit's name"),
    ("UnitDetail", "name"): doc("The unit's name"),
    ("ClientIn", "name"): doc("The client's name, a person or a business", "Bakkerij Janssens"),
    ("ClientOut", "name"): doc("The client's name"),
    ("QuarterlyLine", "name"): doc("The worker's name"),
    ("HandoffLine", "text"): doc("What was written; personal data masked ([e-mail], [iban]...)"),
    ("BotReply", "text"): doc("The bot's reply"),
    ("BotAttachmentForm", "text"): doc("What the user typed with the file (may be empty)"),
    ("UsageAgreementText", "text"): doc("The agreement, in Markdown"),
    ("UsageAgreementText", "sha256"): doc("SHA-256 of text: recorded with the acceptance"),
    ("RuleSetUploadOut", "sha256"): doc("SHA-256 of the uploaded file"),
    ("HeldPayOut", "message"): doc("Why it is held, in the caller's language"),
    ("CashCollectionIn", "date"): doc("The day the client paid in cash", "2026-03-02"),
    ("CashCollectionIn", "amountCents"): doc(CENTS + "the cash received: the total including "
                                            "VAT", 121000),
    ("PaymentIn", "date"): doc("The day the money was received", "2026-03-12"),
    ("PaymentIn", "amountCents"): doc(CENTS + "the money received", 121000),
    ("SalaryRunIn", "date"): doc("Pay what is due by this day; default today", "2026-03-05"),
    ("SalaryRunOut", "date"): doc("The run's date"),
    ("ReminderRunOut", "date"): doc("The run's date"),
    ("CashCollectionOut", "date"): doc("The day the client paid in cash"),
    ("ExpenseIn", "amountCents"): doc(CENTS + "the expense, VAT included", 2500),
    ("QuickJobCreate", "amountCents"): doc(CENTS + "the price of the work (see vatIncluded)",
                                          100000),
    ("SimulationRequest", "amountCents"): doc(CENTS + "the price of the work (see "
                                             "vatIncluded)", 100000),
    ("QuickJobCreate", "expenses"): doc("Professional expenses known now (more later with "
                                       "POST /quickjobs/{id}/expenses)"),
    ("SimulationRequest", "expenses"): doc("Professional expenses, refunded with the salary"),
    ("ClientIn", "country"): doc("The client's country (ISO 3166-1 alpha-2)", "BE"),
    ("RuleSetOut", "country"): doc("Country the rules are for", "BE"),
    ("RuleSetUploadOut", "country"): doc("Country the rules are for", "BE"),
    ("ClientOut", "country"): doc("The client's country (ISO 3166-1 alpha-2)", "BE"),
    ("RuleSetOut", "id"): doc("Identifier of the rule set", "be-smart-2026"),
    ("HolderOut", "firstName"): doc("The holder's first name"),
    ("HolderOut", "lastName"): doc("The holder's last name"),
    ("EmploymentOut", "status"): doc("active or ended"),
    ("QuickJobOut", "status"): doc("Where the QuickJob is, in the order it normally moves: "
                                  "in_review, quote_sent, accepted, invoiced, paid, salary_paid; "
                                  "or declined, rejected, cancelled", "quote_sent"),
    ("QuickJobListItem", "status"): doc("Where the QuickJob is (as in QuickJobOut)"),
    ("QuoteOut", "status"): doc("sent, accepted, declined or expired", "sent"),
    ("PublicQuoteOut", "status"): doc("sent, accepted, declined or expired", "sent"),
    ("InvoiceOut", "status"): doc("issued, paid or credited", "issued"),
    ("ContractOut", "status"): doc("planned (with the quote), declared (Dimona made, salary "
                                  "scheduled), blocked (a Dimona refused), cancelled or "
                                  "completed (salary paid)", "planned"),
    ("SalaryOut", "status"): doc("scheduled, held or paid", "scheduled"),
    ("CorrectionOut", "status"): doc("pending (a second adviser approves), applied or "
                                    "rejected"),
    ("ReviewItemOut", "status"): doc("open, approved or rejected"),
    ("UnitSummary", "status"): doc("open or closed"),
    ("UnitDetail", "status"): doc("open or closed"),
    ("MovementResult", "status"): doc("matched, unmatched or ignored"),
    ("UnmatchedPaymentOut", "status"): doc("open or assigned"),
    ("SharePurchaseOut", "status"): doc("requested (waiting for its payment), paid or "
                                       "cancelled"),
    ("ErasureOut", "status"): doc("requested, waiting (see blockers) or done"),
    ("ExpenseOut", "spentOn"): doc("The day the expense was made"),
    ("MonthlySalaryOut", "ruleSetFallback"): doc("Computed with the latest rule set because "
                                                "none was in force yet for the month"),
    ("EmploymentOut", "singleParent"): doc("A single person with dependent children (extra "
                                          "reduction of the withholding tax)"),
    ("Requirements", "quote"): doc("What the quote step still needs"),
    ("Requirements", "contract"): doc("What the contract step still needs (includes the "
                                     "quote's)"),
    ("Requirements", "salary"): doc("What the salary step still needs (includes the "
                                   "contract's)"),
    ("QuickJobOut", "quote"): doc("The quote sent to the client"),
    ("QuickJobOut", "contract"): doc("The employment contract; null when none (yet)"),
    ("QuickJobOut", "salary"): doc("The salary; null before the contract is declared"),
    ("QuickJobOut", "expenses"): doc("The professional expenses, with their receipts"),
    ("QuickJobOut", "requirements"): doc("What the steps still ahead (contract, salary) need "
                                        "of the worker, by PATCH /me names and usageAgreement; "
                                        "no key once a step is done"),
    ("StatementImportOut", "movements"): doc("Movements read"),
}

# Path and query parameters (their names differ from the body's: snake_case ids in paths).
PARAMETERS: dict[str, Doc] = {
    "objectType": doc("Only entries about this kind of object", "quickjob"),
    "objectId": doc("Only entries about this object"),
    "actorId": doc("Only entries by this person"),
    "limit": doc("Page size (bounds in the schema)"),
    "personId": doc("Only this person's (advisers)"),
    "status": doc("Only those in this status"),
    "correction_id": doc("The correction (UUID)"),
    "employment_id": doc("The open-ended contract (UUID)"),
    "job_id": doc("The failed job's identifier (GET /backoffice/failed-jobs)"),
    "hold_id": doc("The held pay (UUID)"),
    "invoice_id": doc("The invoice (UUID)"),
    "file_id": doc("The payment file (UUID)"),
    "format": doc("json (default) or csv"),
    "review_id": doc("The review item (UUID)"),
    "replace": doc("true: the file replaces an approved upload with the same fileId"),
    "upload_id": doc("The rule-set upload (UUID)"),
    "q": doc("What to look for: a name, phone, e-mail, number or structured communication "
            "(2 to 100 characters)"),
    "unit_id": doc("The unit (UUID)"),
    "unmatched_id": doc("The unmatched payment (UUID)"),
    "salary_id": doc("The monthly salary (UUID)"),
    "token": doc("The secret token of the client's link (from the quote e-mail)"),
    "quickjob_id": doc("The QuickJob (UUID)"),
    "name": doc("The document's file name: quote.pdf, contract.pdf, invoice-<id>.pdf, "
               "invoice-<id>.xml, payslip.pdf, cash-collection.pdf or receipt-<id>"),
    "secret": doc("The webhook's secret path segment (TELEGRAM_WEBHOOK_SECRET)"),
}


def lookup_parameter(name: str) -> Doc | None:
    return PARAMETERS.get(name) or FIELDS.get(name)
