"""A pure parser for Belgian CODA bank statements (Febelfin "Coded statement of account", 2.x).

Fixed-width records of 128 characters, one per line. Positions below are 1-based, inclusive,
as in the Febelfin standard (checked against the 2.3/2.6 record descriptions):

- 0 header: 6-11 creation date DDMMYY, 12-14 bank id, 25-34 file reference, 35-60 addressee,
  61-71 BIC, 128 version code ("2").
- 1 old balance: 2 account structure (0 Belgian, 1 foreign, 2 Belgian IBAN, 3 foreign IBAN),
  3-5 statement number, 6-42 account number and currency, 43 sign (0 credit, 1 debit),
  44-58 balance (12 + 3 decimals), 59-64 date DDMMYY, 65-90 holder, 126-128 statement number.
- 2.1 movement: 3-6 continuous sequence number, 7-10 detail number, 11-31 bank reference,
  32 sign, 33-47 amount (12 + 3 decimals), 48-53 value date (000000 = none), 54-61 transaction
  code (type 1, family 2, transaction 2, category 3), 62 communication type (1 = structured),
  63-115 communication (structured: 63-65 type; "101" = Belgian structured communication (OGM)
  and "102" = the same, reconstituted by the bank from a free text: 66-77 the 12 digits),
  116-121 entry date, 122-124 statement number, 125 globalisation code, 126 next code, 128 link.
- 2.2: 11-63 communication (continued), 64-98 customer reference, 99-109 counterparty BIC.
- 2.3: 11-47 counterparty account and currency, 48-82 counterparty name, 83-125 communication.
- 3.x information records are accepted and skipped.
- 4 free communication: 3-6 sequence, 7-10 detail, 33-112 text. Banks send it inside the
  statement, or after the new balance (8) whose position 128 (link code "1") announces it;
  either way it belongs to that statement (``Statement.free_communications``).
- 8 new balance: 2-4 statement number, 5-41 account, 42 sign, 43-57 balance, 58-63 date,
  128 link code (1 = free communication records follow).
- A statement may have no movement at all (1 then 8): banks send one on days without
  movements when the customer asked for daily statements.
- 9 trailer: 17-22 number of records, 23-37 sum of debits, 38-52 sum of credits, 128 multiple
  file code. The sums are checked against the movements (global movements only, as banks do).

Amounts come with three decimals; money here is integer euro cents, so a mill that is not zero
is refused rather than rounded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

RECORD_LENGTH = 128
# Structured communication types carrying a Belgian OGM's 12 digits (Febelfin CODA 2.6 annex).
STRUCTURED_OGM_TYPES = ("101", "102")


class CodaError(ValueError):
    """The file is not a well-formed CODA file; ``line`` is 1-based (0 = the whole file)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass
class Movement:
    sequence: int
    detail: int
    bank_reference: str
    amount_cents: int  # signed: credits positive, debits negative
    value_date: dt.date | None
    entry_date: dt.date | None
    transaction_code: str
    structured: bool
    structured_type: str | None  # e.g. "101" for a Belgian structured communication
    structured_communication: str | None  # the 12 digits for type 101
    communication: str
    globalisation_code: int
    counterparty_name: str | None = None
    counterparty_account: str | None = None
    counterparty_bic: str | None = None
    customer_reference: str | None = None

    @property
    def is_credit(self) -> bool:
        return self.amount_cents > 0

    @property
    def transaction_type(self) -> str:
        return self.transaction_code[:1]


@dataclass
class Statement:
    account: str
    account_structure: str
    currency: str
    number: int
    old_balance_cents: int
    old_balance_date: dt.date | None
    holder_name: str
    new_balance_cents: int | None = None
    new_balance_date: dt.date | None = None
    movements: list[Movement] = field(default_factory=list)
    free_communications: list[str] = field(default_factory=list)
    content_hash: str = ""


@dataclass
class CodaFile:
    creation_date: dt.date | None
    bank_id: str
    bic: str
    file_reference: str
    version: str
    statements: list[Statement]
    record_count: int
    debit_cents: int
    credit_cents: int


def _field(line: str, start: int, end: int) -> str:
    """1-based inclusive positions, as the standard numbers them."""
    return line[start - 1:end]


def _date(text: str, line: int, *, optional: bool = False) -> dt.date | None:
    if text.strip("0 ") == "" and optional:
        return None
    try:
        return dt.datetime.strptime(text, "%d%m%y").date()
    except ValueError:
        raise CodaError(line, f"invalid date {text!r}") from None


def _amount(sign: str, digits: str, line: int) -> int:
    if sign not in ("0", "1") or not digits.isdigit() or len(digits) != 15:
        raise CodaError(line, f"invalid amount {sign}{digits!r}")
    mills = int(digits)
    if mills % 10:
        raise CodaError(line, "amount has a non-zero third decimal")
    cents = mills // 10
    return -cents if sign == "1" else cents


def _int(text: str, line: int, what: str) -> int:
    if not text.strip().isdigit():
        raise CodaError(line, f"invalid {what} {text!r}")
    return int(text)


def _account(structure: str, text: str) -> tuple[str, str]:
    """(account, currency) from the 37-character account zone."""
    if structure == "0":  # Belgian account number: 12 digits, blank, currency
        return text[0:12].strip(), text[13:16].strip()
    if structure == "1":  # foreign account: 34 characters, currency
        return text[0:34].strip(), text[34:37].strip()
    if structure == "2":  # Belgian IBAN: 31 characters, currency at the end
        return text[0:31].strip().replace(" ", ""), text[34:37].strip()
    return text[0:34].strip().replace(" ", ""), text[34:37].strip()  # 3: foreign IBAN


def _text(value: str) -> str | None:
    value = " ".join(value.split())
    return value or None


def parse(content: str | bytes) -> CodaFile:
    """Parse a whole CODA file; raises ``CodaError`` naming the first bad line."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            content = content.decode("latin-1")  # older files are ISO 8859-1
    lines = [raw.rstrip("\r\n") for raw in content.splitlines()]
    lines = [raw for raw in lines if raw.strip()]
    if not lines:
        raise CodaError(0, "empty file")
    for number, raw in enumerate(lines, 1):
        if len(raw) != RECORD_LENGTH:
            raise CodaError(number, f"record is {len(raw)} characters, not {RECORD_LENGTH}")

    header = lines[0]
    if header[0] != "0":
        raise CodaError(1, "the file does not start with a header record (0)")
    version = header[127]
    if version != "2":
        raise CodaError(1, f"unsupported CODA version {version!r} (2.x expected)")
    result = CodaFile(
        creation_date=_date(_field(header, 6, 11), 1, optional=True),
        bank_id=_field(header, 12, 14).strip(), bic=_field(header, 61, 71).strip(),
        file_reference=_field(header, 25, 34).strip(), version=version, statements=[],
        record_count=0, debit_cents=0, credit_cents=0,
    )
    current: Statement | None = None
    closed: Statement | None = None  # ended by its 8; free communications (4) may follow
    statement_lines: list[str] = []
    last: Movement | None = None

    def finish() -> None:
        nonlocal closed
        if closed is not None:
            closed.content_hash = hashlib.sha256("\n".join(statement_lines).encode()).hexdigest()
            result.statements.append(closed)
            closed = None

    counted = free = 0
    trailer_seen = False
    for number, line in enumerate(lines[1:], 2):
        kind = line[0]
        if trailer_seen:
            if kind == "0":  # several files concatenated: a new header starts
                trailer_seen = False
                continue
            raise CodaError(number, "record after the trailer")
        if kind == "1":
            if current is not None:
                raise CodaError(number, "old balance before the previous statement ended")
            finish()
            structure = line[1]
            account, currency = _account(structure, _field(line, 6, 42))
            current = Statement(
                account=account, account_structure=structure, currency=currency,
                number=_int(_field(line, 3, 5), number, "statement number"),
                old_balance_cents=_amount(line[42], _field(line, 44, 58), number),
                old_balance_date=_date(_field(line, 59, 64), number, optional=True),
                holder_name=_field(line, 65, 90).strip(),
            )
            statement_lines = [line]
            counted += 1
        elif kind == "2":
            if current is None:
                raise CodaError(number, "movement outside a statement")
            article = line[1]
            statement_lines.append(line)
            counted += 1
            if article == "1":
                structured = line[61] == "1"
                zone = _field(line, 63, 115)
                s_type = zone[:3] if structured else None
                ogm = zone[3:15] if structured and s_type in STRUCTURED_OGM_TYPES else None
                last = Movement(
                    sequence=_int(_field(line, 3, 6), number, "sequence number"),
                    detail=_int(_field(line, 7, 10), number, "detail number"),
                    bank_reference=_field(line, 11, 31).strip(),
                    amount_cents=_amount(line[31], _field(line, 33, 47), number),
                    value_date=_date(_field(line, 48, 53), number, optional=True),
                    entry_date=_date(_field(line, 116, 121), number, optional=True),
                    transaction_code=_field(line, 54, 61),
                    structured=structured, structured_type=s_type,
                    structured_communication=ogm if ogm and ogm.isdigit() else None,
                    communication="" if ogm else zone.rstrip(),
                    globalisation_code=int(line[124]) if line[124].isdigit() else 0,
                )
                current.movements.append(last)
            elif article in ("2", "3"):
                if last is None:
                    raise CodaError(number, f"record 2.{article} without a 2.1 before it")
                if article == "2":
                    if not last.structured_communication:
                        last.communication += _field(line, 11, 63).rstrip()
                    last.customer_reference = _text(_field(line, 64, 98))
                    last.counterparty_bic = _text(_field(line, 99, 109))
                else:
                    zone = _field(line, 11, 47)
                    account = zone[:34].strip().replace(" ", "")
                    last.counterparty_account = account or None
                    last.counterparty_name = _text(_field(line, 48, 82))
                    if not last.structured_communication:
                        last.communication += _field(line, 83, 125).rstrip()
            else:
                raise CodaError(number, f"unknown movement record 2.{article}")
        elif kind == "3":
            if current is None:
                raise CodaError(number, "record 3 outside a statement")
            statement_lines.append(line)
            counted += 1
        elif kind == "4":
            owner = current or closed  # inside the statement, or after its new balance (8)
            if owner is None:
                raise CodaError(number, "free communication (4) outside a statement")
            text = _text(_field(line, 33, 112))
            if text:
                owner.free_communications.append(text)
            statement_lines.append(line)
            counted += 1
            free += 1
        elif kind == "8":
            if current is None:
                raise CodaError(number, "new balance without an old balance")
            current.new_balance_cents = _amount(line[41], _field(line, 43, 57), number)
            current.new_balance_date = _date(_field(line, 58, 63), number, optional=True)
            statement_lines.append(line)
            counted += 1
            _check_balance(current, number)
            for movement in current.movements:
                movement.communication = " ".join(movement.communication.split())
            closed, current, last = current, None, None
        elif kind == "9":
            if current is not None:
                raise CodaError(number, "trailer before the new balance (8)")
            finish()
            result.record_count += _int(_field(line, 17, 22), number, "record count")
            result.debit_cents += _amount("0", _field(line, 23, 37), number)
            result.credit_cents += _amount("0", _field(line, 38, 52), number)
            trailer_seen = True
        elif kind == "0":
            raise CodaError(number, "header record inside a file")
        else:
            raise CodaError(number, f"unknown record identification {kind!r}")
    if current is not None:
        raise CodaError(len(lines), "statement without a new balance (8)")
    if not trailer_seen:
        raise CodaError(len(lines), "no trailer record (9)")
    _check_trailer(result, counted, free, len(lines))
    return result


def _top_level(statement: Statement) -> list[Movement]:
    """Movements booked on the account: details of a global movement (detail number > 0)
    are information about it, not extra money."""
    return [m for m in statement.movements if m.detail == 0]


def _check_balance(statement: Statement, line: int) -> None:
    moved = sum(m.amount_cents for m in _top_level(statement))
    if statement.old_balance_cents + moved != statement.new_balance_cents:
        raise CodaError(line, "old balance plus the movements is not the new balance")


def _check_trailer(result: CodaFile, counted: int, free: int, line: int) -> None:
    debits = sum(-m.amount_cents for s in result.statements for m in _top_level(s)
                 if m.amount_cents < 0)
    credits = sum(m.amount_cents for s in result.statements for m in _top_level(s)
                  if m.amount_cents > 0)
    if (debits, credits) != (result.debit_cents, result.credit_cents):
        raise CodaError(line, "the trailer's debit or credit total does not match the movements")
    # Records 1, 2.x, 3.x and 8 are counted; banks differ on the free communications (4).
    if result.record_count not in (counted, counted - free):
        raise CodaError(line, f"the trailer counts {result.record_count} records, not {counted}")


def matchable(statement: Statement) -> list[Movement]:
    """Credits that may pay an invoice: a global movement whose details are present is matched
    through its details (each with its own communication), not as one lump."""
    detailed = {m.sequence for m in statement.movements if m.detail > 0}
    return [m for m in statement.movements if m.is_credit
            and not (m.detail == 0 and m.sequence in detailed)]


# Writing, for tests and demos: the same positions, the other way round ------------------------

def _pad(text: str, length: int) -> str:
    return (text or "")[:length].ljust(length)


def _num(value: int, length: int) -> str:
    return f"{value:0{length}d}"


def _ddmmyy(day: dt.date | None) -> str:
    return day.strftime("%d%m%y") if day else "000000"


def write(*, account: str, number: int, old_balance_cents: int, day: dt.date,
          movements: list[dict], holder: str = "SMART", created: dt.date | None = None,
          free_communication: str | None = None) -> str:
    """A CODA 2 file with one statement; each movement dict: amount_cents (signed), and
    optionally ogm (12 digits) with ogm_type ("101", "102"), communication, name, counterparty
    (IBAN), reference. ``free_communication`` is sent as a record 4 after the new balance,
    which announces it (link code 1), as banks do."""
    created = created or day
    lines = [("0" + "0000" + _ddmmyy(created) + "300" + "05" + " " + " " * 7 + _pad("QJTEST", 10)
              + _pad(holder, 26) + _pad("GEBABEBB", 11) + _pad("", 11) + " " + "00000"
              + _pad("", 16) + _pad("", 16) + " " * 7 + "2")]
    lines.append("1" + "2" + _num(number, 3) + _pad(account, 34) + "EUR"
                 + ("1" if old_balance_cents < 0 else "0") + _num(abs(old_balance_cents) * 10, 15)
                 + _ddmmyy(day - dt.timedelta(days=1)) + _pad(holder, 26) + _pad("Current", 35)
                 + _num(number, 3))
    balance = old_balance_cents
    debit = credit = 0
    for i, m in enumerate(movements, 1):
        amount = m["amount_cents"]
        balance += amount
        debit += -amount if amount < 0 else 0
        credit += amount if amount > 0 else 0
        if m.get("ogm"):
            comm_type, zone = "1", m.get("ogm_type", "101") + m["ogm"]
        else:
            comm_type, zone = "0", m.get("communication", "")
        lines.append("2" + "1" + _num(i, 4) + "0000" + _pad(m.get("reference", f"REF{i:05d}"), 21)
                     + ("1" if amount < 0 else "0") + _num(abs(amount) * 10, 15) + _ddmmyy(day)
                     + "00150000" + comm_type + _pad(zone, 53) + _ddmmyy(day) + _num(number, 3)
                     + "0" + "1" + " " + "0")
        lines.append("2" + "2" + _num(i, 4) + "0000" + _pad("", 53) + _pad("", 35)
                     + _pad("KREDBEBB", 11) + _pad("", 3) + " " + _pad("", 4) + _pad("", 4)
                     + _pad("", 4) + "1" + " " + "0")
        lines.append("2" + "3" + _num(i, 4) + "0000" + _pad(m.get("counterparty", ""), 34) + "EUR"
                     + _pad(m.get("name", ""), 35) + _pad("", 43) + "0" + " " + "0")
    lines.append("8" + _num(number, 3) + _pad(account, 34) + "EUR"
                 + ("1" if balance < 0 else "0") + _num(abs(balance) * 10, 15) + _ddmmyy(day)
                 + _pad("", 64) + ("1" if free_communication else "0"))
    if free_communication:
        lines.append("4" + " " + "0001" + "0000" + _pad("", 22) + _pad(free_communication, 80)
                     + _pad("", 15) + "0")
    lines.append("9" + _pad("", 15) + _num(len(lines) - 1, 6) + _num(debit * 10, 15)
                 + _num(credit * 10, 15) + _pad("", 75) + "2")
    for line in lines:
        assert len(line) == RECORD_LENGTH, (len(line), line)
    return "\n".join(lines) + "\n"
