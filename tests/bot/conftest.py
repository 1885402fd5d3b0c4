"""A stub port for the dialogue engine: no database, deterministic figures."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dialogue import FieldProblem, handle_message

TODAY = dt.date(2026, 3, 4)  # a Wednesday


def plain(text: str) -> str:
    """CLDR's no-break spaces (in amounts: '€\xa0250,00', '1\u202f250,00\xa0€') as plain spaces, so
    tests can be written as a person reads the text."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


class Storage:
    def __init__(self) -> None:
        self.data: dict = {}

    def contains(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str):
        return self.data[key]

    def put(self, key: str, value) -> None:
        self.data[key] = value


COMPLETE_PROFILE = {"first_name": "Lena", "last_name": "Peeters", "national_number": "85073003328",
                    "birth_date": dt.date(1985, 7, 30), "address": "Kerkstraat 5, 9000 Gent",
                    "iban": "BE71096123456769"}
IDENTITY_STEPS = {"quote": ("first_name", "last_name"),
                  "contract": ("national_number", "birth_date", "address"), "salary": ("iban",)}


class StubServices:
    """Deterministic figures (VAT = amount x rate, contribution 6.5 %, net = half the amount,
    pay date two weeks on) and the engine's refusals the dialogue must handle."""

    def __init__(self) -> None:
        self.created: list[dict] = []
        self.handoffs: list[list] = []
        self.previews = 0
        self.simulations: list[dict] = []
        self.jobs_list: list[dict] = []
        self.invoices: list[str] = []
        self.expenses: list[tuple] = []
        self.receipts: list[tuple] = []
        self.emailed: list[tuple] = []
        # The worker's profile: complete unless a test removes fields (identity just in time).
        self.profile: dict = dict(COMPLETE_PROFILE)
        self.saved: list[dict] = []

    def _figures(self, fields: dict) -> dict:
        rate = int(fields["vat_rate"])
        amount = fields["amount_cents"]
        turnover = amount * 100 // (100 + rate) if fields.get("vat_included") else amount
        vat = turnover * rate // 100
        return {"turnover_cents": turnover, "vat_cents": vat, "total_cents": turnover + vat,
                "contribution_cents": turnover * 65 // 1000, "gross_cents": turnover * 6 // 10,
                "net_cents": turnover // 2, "pay_date": TODAY + dt.timedelta(days=14)}

    async def preview(self, fields: dict, lang: str) -> dict:
        self.previews += 1
        if fields["amount_cents"] > 5_000_000:
            raise FieldProblem("amount_cents", "too large")
        if any(dt.date.fromisoformat(d) < TODAY for d in fields["dates"]):
            raise FieldProblem("dates", "in the past")
        if fields["vat_rate"] == "0" and not fields.get("vat_exemption"):
            raise FieldProblem("vat_rate", "an exemption reason is needed")
        return self._figures(fields)

    async def simulate(self, fields: dict, lang: str) -> dict:
        self.simulations.append(dict(fields))
        return self._figures(fields)

    async def minimum_check(self, fields: dict, lang: str) -> dict:
        below = fields["amount_cents"] < 4000 * len(fields["dates"])
        return {"below": below, "message": "minimum 40 per day (stub)." if below else ""}

    async def create(self, fields: dict, lang: str) -> dict:
        await self.preview(fields, lang)  # the real create validates again
        self.created.append(dict(fields))
        n = len(self.created)
        self.jobs_list.insert(0, {"id": f"job-{n}", "function": fields["function"],
                                  "client": fields["client_name"], "status": "quote_sent",
                                  "dates": fields["dates"]})
        return {"id": f"job-{n}", "quote": f"Q2026-{n:06d}", "status": "quote_sent",
                "accept_url": f"https://example.test/q/{n}", "sent_to": fields.get("email")}

    async def jobs(self, lang: str) -> list[dict]:
        return list(self.jobs_list)

    async def issue_invoice(self, job_id: str, lang: str) -> dict:
        job = next(j for j in self.jobs_list if j["id"] == job_id)
        if job["status"] != "accepted":
            raise FieldProblem(None, "not accepted")
        job["status"] = "invoiced"
        self.invoices.append(job_id)
        return {"number": f"2026/{len(self.invoices):06d}", "total_cents": 30250,
                "due_date": TODAY + dt.timedelta(days=30),
                "structured_communication": "+++026/0000/00197+++", "sent_to": None}

    async def add_expense(self, job_id: str, expense: dict, attachment, lang: str) -> dict:
        self.expenses.append((job_id, expense, attachment))
        return {"id": f"exp-{len(self.expenses)}"}

    async def attach_receipt(self, expense_id: str, attachment, lang: str) -> dict:
        self.receipts.append((expense_id, attachment))
        return {"stored": True}

    async def email_quote(self, job_id: str, email: str, lang: str) -> dict:
        if email.endswith("@shared.test"):
            raise FieldProblem("email", "this client is shared (stub).")
        self.emailed.append((job_id, email))
        return {"status": "quote_sent", "sent_to": email, "accept_url": "https://example.test/q/1"}

    async def identity_missing(self, steps: list[str], lang: str) -> list[str]:
        out: list[str] = []
        for step in steps:
            out += [n for n in IDENTITY_STEPS[step] if not self.profile.get(n) and n not in out]
        return out

    async def save_identity(self, values: dict, lang: str) -> None:
        if values.get("address", "").startswith("x" * 10):
            raise FieldProblem("address", "too long (stub).")
        self.saved.append(dict(values))
        self.profile.update(values)

    async def status(self, kind: str, lang: str) -> list[dict]:
        if kind == "salary":
            return [{"key": "status.salary.scheduled", "function": "poster", "client": "Acme",
                     "pay_date": dt.date(2026, 3, 20), "net_cents": 43210}]
        if kind == "unit":
            return [{"key": "status.unit", "name": "Lena", "balance_cents": 12345}]
        if kind == "client_paid":
            return [{"key": "status.client_paid.open", "client": "Acme", "function": "poster",
                     "amount_cents": 121000, "due": dt.date(2026, 4, 3)}]
        if kind == "payslip":
            return [{"key": "status.no_payslip"}]
        return [{"key": "status.no_contract"}]

    async def handoff(self, transcript: list, lang: str, reason: str) -> str:
        self.handoffs.append(transcript)
        return "R-1"


class Bot:
    """One conversation: ``await bot.say("...")`` returns the reply texts."""

    def __init__(self, default_language: str = "nl") -> None:
        self.storage = Storage()
        self.services = StubServices()
        self.default_language = default_language
        self.replies: list[tuple[str, list[str]]] = []
        self.messages = 0

    def today(self) -> dt.date:
        return TODAY

    def send_reply(self, message: dict, text: str, quick_replies: list[str]) -> None:
        self.replies.append((text, quick_replies))

    async def say(self, text: str, attachment: dict | None = None) -> str:
        self.messages += 1
        self.replies = []
        message = {"content": text, **({"attachment": attachment} if attachment else {})}
        await handle_message(message, self)
        return plain(self.raw)

    @property
    def raw(self) -> str:
        """The last turn's replies exactly as sent (no-break spaces kept)."""
        return "\n".join(t for t, _ in self.replies)

    @property
    def state(self) -> dict:
        return self.storage.get("state")


@pytest.fixture
def chat():
    return Bot()
