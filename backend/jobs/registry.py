"""Job name -> async handler. Handlers receive the payload and must be idempotent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

JobHandler = Callable[[dict], Awaitable[None]]

_HANDLERS: dict[str, str] = {
    # name: "module:function" (imported lazily in the worker)
    "notify": "backend.notifications.tasks:deliver",
    "dimona.declare": "backend.quickjobs.tasks:declare_dimona",
    "dimona.cancel": "backend.quickjobs.tasks:cancel_dimona",
    "peppol.send": "backend.quickjobs.tasks:send_peppol",
    "payslip.render": "backend.quickjobs.tasks:render_payslip",
    "document.render": "backend.quickjobs.tasks:render_document",
    "monthly_payslip.render": "backend.employment.tasks:render_monthly_payslip",
    "telegram.send": "backend.chat.telegram.tasks:send_replies",
}


def register(name: str, target: str) -> None:
    _HANDLERS[name] = target


def resolve(name: str) -> JobHandler:
    import importlib

    target = _HANDLERS[name]
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)
