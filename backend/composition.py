"""The composition root's ports: every outside service the contexts use, built in one place.

The API (``backend.app``), the worker's jobs and its periodic work, the demo data and the
benchmarks all take their adapters from here, so a context never builds its own nor imports
the web app. Built once per ``Settings`` object; ``adapters()`` without settings gives the
process's own (from the environment), built on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.chat.telegram.adapters import TelegramSender, sender_for
from backend.documents.adapters import LocalFileStorage, OutboxDimona, OutboxPeppolAccessPoint
from backend.notifications.adapters import RoutingNotifier
from backend.platform.settings import Settings
from backend.quickjobs.ports import Ports
from backend.rulesets import book as rule_books


@dataclass(frozen=True)
class Adapters:
    settings: Settings
    storage: LocalFileStorage  # documents, receipts, payment files
    quickjobs: Ports  # storage, public links and their secret
    dimona: OutboxDimona
    peppol: OutboxPeppolAccessPoint
    notifier: RoutingNotifier
    telegram: TelegramSender


def build(settings: Settings) -> Adapters:
    storage = LocalFileStorage(settings.storage_dir)
    # The rule book of this process: shipped rule sets + approved uploads, reloaded when an
    # approval changes the version marker in Redis (backend/rulesets/book.py).
    rule_books.use(rule_books.RuleBookSource(settings.redis_url, settings.rule_set_check_seconds))
    return Adapters(
        settings=settings,
        storage=storage,
        quickjobs=Ports(storage=storage, public_base_url=settings.public_base_url,
                        secret_key=settings.secret_key, production=settings.is_production),
        dimona=OutboxDimona(settings.outbox_dir),
        peppol=OutboxPeppolAccessPoint(settings.outbox_dir),
        notifier=RoutingNotifier(settings),
        telegram=sender_for(settings),
    )


_built: dict[int, Adapters] = {}
_from_env: list[Adapters] = []


def adapters(settings: Settings | None = None) -> Adapters:
    """The adapters for ``settings`` (built once per object), or the process's own."""
    if settings is None:
        if not _from_env:
            _from_env.append(build(Settings.from_env()))
        return _from_env[0]
    built = _built.get(id(settings))
    if built is None or built.settings is not settings:
        built = _built[id(settings)] = build(settings)
    return built
