"""Job name -> async handler. Handlers receive the payload and must be idempotent.

A handler is ``async def handler(payload, settings)``, or ``(payload, settings, ports)`` when
it needs the outside services (file storage, public base URL, secret key): the worker builds
both once per process and passes them to every job. A handler whose row or input is missing
raises: the job fails, is retried with back-off, then lands in rq's failed-job registry.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.quickjobs.service import Ports
    from backend.settings import Settings

JobHandler = Callable[..., Awaitable[object]]

_HANDLERS: dict[str, str] = {
    # name: "module:function" (imported once per worker process, at its start)
    "notify": "backend.notifications.tasks:deliver",
    "dimona.declare": "backend.quickjobs.tasks:declare_dimona",
    "dimona.cancel": "backend.quickjobs.tasks:cancel_dimona",
    "peppol.send": "backend.quickjobs.tasks:send_peppol",
    "payslip.render": "backend.quickjobs.tasks:render_payslip",
    "document.render": "backend.quickjobs.tasks:render_document",
    "monthly_payslip.render": "backend.employment.tasks:render_monthly_payslip",
    "telegram.send": "backend.bot.telegram_tasks:send_replies",
    # the worker's timed work (backend.jobs.periodic), planned on rq's scheduler
    "periodic.dimona_follow_up": "backend.jobs.periodic:follow_up_dimonas",
    "periodic.daily_work": "backend.jobs.periodic:daily_work",
}
_RESOLVED: dict[str, tuple[JobHandler, bool]] = {}


def _resolve(name: str) -> tuple[JobHandler, bool]:
    found = _RESOLVED.get(name)
    if found is None:
        module, func = _HANDLERS[name].split(":")
        handler = getattr(importlib.import_module(module), func)
        found = _RESOLVED[name] = (handler, "ports" in inspect.signature(handler).parameters)
    return found


def call(name: str, payload: dict, settings: Settings, ports: Ports) -> Awaitable[object]:
    """The handler's coroutine for this job, with what it asks for."""
    handler, wants_ports = _resolve(name)
    if wants_ports:
        return handler(payload, settings, ports=ports)
    return handler(payload, settings)


def preload() -> None:
    """Import every handler now (a worker process does it at start, not in its first jobs)."""
    for name in _HANDLERS:
        _resolve(name)
