"""Transcripts of whole conversations, as data: what the user types, what the reply must (and
must not) contain, and what the conversation must have done.

A user text starting with "[photo]" also sends a receipt photo (an attachment reference);
"[photo-unavailable]" a photo the channel could not fetch (Telegram without a bot token).

``STUB`` transcripts run on the dialogue engine with the stub port of ``tests/bot/conftest.py``
(today is Wednesday 4 March 2026; the stub's figures: VAT = amount x rate, contribution 6.5 %,
net = half the amount, pay date 18 March 2026). ``REAL`` transcripts run through
``POST /api/v1/bot/messages`` on the real services and PostgreSQL; their texts and fragments may
use placeholders filled at run time: ``{d7}`` (today + 7 days as dd/mm/yyyy), ``{day7}`` (that
date as the bot writes it), and the live figures the setup read (``{pay_date}``, ``{net}``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class U:
    """One user message and what the bot's reply (all its texts joined) must show."""

    text: str
    says: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    stage: str | None = None  # the conversation's stage after this message
    fields: dict | None = None  # a subset of the collected fields after this message
    lang: str | None = None  # the conversation's language after this message


def u(text: str, *says: str, lacks: tuple[str, ...] = (), stage: str | None = None,
      fields: dict | None = None, lang: str | None = None) -> U:
    return U(text, says, lacks, stage, fields, lang)


@dataclass
class T:
    """A stub-port transcript. ``created``: the fields of the one QuickJob it must create (a
    subset), or how many it creates. ``handoffs``: hand-offs made. ``max_messages``: a bound on the
    user messages."""

    slug: str
    turns: list[U]
    created: dict | int = 0
    handoffs: int = 0
    lang: str | None = None
    default: str = "nl"  # the Accept-Language of the conversation
    max_messages: int | None = None
    jobs: list = field(default_factory=list)  # the worker's QuickJobs before the conversation
    expect: dict = field(default_factory=dict)  # counts of stub calls: invoices, expenses...
    # the worker's profile fields that are empty (identity just in time); None: a full profile
    missing: tuple[str, ...] = ()


@dataclass
class R:
    """A transcript on the real services. ``setup`` prepares live data first: ``none``,
    ``quote_sent`` (a QuickJob whose quote waits), ``invoiced`` (accepted, invoice unpaid),
    ``paid`` (invoice paid, salary paid, payslip made). ``db``: the QuickJob the conversation must
    have created (fields of GET /quickjobs/{id}); ``jobs``: how many QuickJobs exist at the end;
    ``review``: a hand-off review item must exist."""

    slug: str
    turns: list[U]
    setup: str = "none"
    db: dict | None = None
    jobs: int | None = None
    review: bool = False
    lang: str = "nl"  # Accept-Language
    max_messages: int | None = None
    extra: dict = field(default_factory=dict)
