"""Job name -> async handler. Handlers receive the payload and must be idempotent.

A handler is ``async def handler(payload, settings)``: ``settings`` is the job process's own,
built once, and its adapters (file storage, Dimona, Peppol, notifier, Telegram) are
``backend.composition.adapters(settings)``, built once for that object too. A handler whose
row or input is missing raises: the job fails, is retried with back-off, then lands in rq's
failed-job registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.platform.settings import Settings

JobHandler = Callable[[dict, "Settings"], Awaitable[object]]

_HANDLERS: dict[str, str] = {
    # name: "module:function" (imported once per worker process, at its start)
    "notify": "backend.notifications.tasks:deliver",
    "dimona.declare": "backend.quickjobs.tasks:declare_dimona",
    "dimona.cancel": "backend.quickjobs.tasks:cancel_dimona",
    "peppol.send": "backend.quickjobs.tasks:send_peppol",
    "payslip.render": "backend.quickjobs.tasks:render_payslip",
    "document.render": "backend.quickjobs.tasks:render_document",
    "monthly_payslip.render": "backend.employment.tasks:render_monthly_payslip",
    "telegram.send": "backend.chat.telegram.tasks:send_replies",
    "people.erase": "backend.people.erasure:execute_job",
    "rule_sets.publish": "backend.rulesets.service:publish_job",
    # the worker's timed work (backend.jobs.periodic), planned on rq's scheduler
    "periodic.dimona_follow_up": "backend.jobs.periodic:follow_up_dimonas",
    "periodic.daily_work": "backend.jobs.periodic:daily_work",
}
_RESOLVED: dict[str, JobHandler] = {}


def _resolve(name: str) -> JobHandler:
    handler = _RESOLVED.get(name)
    if handler is None:
        module, func = _HANDLERS[name].split(":")
        handler = _RESOLVED[name] = getattr(importlib.import_module(module), func)
    return handler


def call(name: str, payload: dict, settings: Settings) -> Awaitable[object]:
    """The handler's coroutine for this job."""
    return _resolve(name)(payload, settings)


def preload() -> None:
    """Import every handler now (a worker process does it at start, not in its first jobs)."""
    for name in _HANDLERS:
        _resolve(name)
