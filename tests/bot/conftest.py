"""A stub port for the dialogue engine: no database, deterministic figures."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dialogue import FieldProblem, handle_message

TODAY = dt.date(2026, 3, 4)  # a Wednesday


class Storage:
    def __init__(self) -> None:
        self.data: dict = {}

    def contains(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str):
        return self.data[key]

    def put(self, key: str, value) -> None:
        self.data[key] = value


class StubServices:
    def __init__(self) -> None:
        self.created: list[dict] = []
        self.handoffs: list[list] = []
        self.previews = 0

    async def preview(self, fields: dict, lang: str) -> dict:
        self.previews += 1
        if fields["amount_cents"] > 5_000_000:
            raise FieldProblem("amount_cents", "too large")
        if any(dt.date.fromisoformat(d) < TODAY for d in fields["dates"]):
            raise FieldProblem("dates", "in the past")
        if fields["vat_rate"] == "0":
            raise FieldProblem("vat_rate", "an exemption reason is needed")
        vat = fields["amount_cents"] * int(fields["vat_rate"]) // 100
        return {"vat_cents": vat, "total_cents": fields["amount_cents"] + vat,
                "contribution_cents": fields["amount_cents"] * 65 // 1000,
                "net_cents": fields["amount_cents"] // 2, "pay_date": TODAY + dt.timedelta(days=14)}

    async def create(self, fields: dict, lang: str) -> dict:
        self.created.append(dict(fields))
        return {"id": f"job-{len(self.created)}", "quote": f"Q2026-{len(self.created):06d}",
                "status": "quote_sent"}

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

    async def say(self, text: str) -> str:
        self.messages += 1
        self.replies = []
        await handle_message({"content": text}, self)
        return "\n".join(t for t, _ in self.replies)

    @property
    def state(self) -> dict:
        return self.storage.get("state")


@pytest.fixture
def chat():
    return Bot()
