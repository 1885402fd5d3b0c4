"""Demo data for `make run` (development only): a worker, an adviser, a client, and a unit
with real ledger entries, made through the same services as the API. Idempotent.

The adviser signs in with the password below, then the second factor: until they enrol an
authenticator app (POST /api/v1/me/totp), a code sent by e-mail, which development mode also
returns as ``devCode`` (and writes to .data/outbox/messages/)."""

from __future__ import annotations

import datetime as dt
import uuid

from backend.http.context import Principal
from backend.platform.db import close_pool, new_row, start_pool
from backend.platform.settings import Settings

DEMO_PHONE = "+32470000001"
DEMO_ADVISER = "adviser@quickjob.local"
DEMO_ADVISER_PASSWORD = "demo-adviser-password"
ADVISER_HOW = (f"adviser {DEMO_ADVISER} / {DEMO_ADVISER_PASSWORD} (POST /api/v1/auth/password, "
               "then POST /api/v1/auth/second-factor with the devCode)")


async def seed(settings: Settings) -> str:
    import backend.platform.catalogues  # noqa: F401
    from backend import composition
    from backend.people import service as people
    from backend.people.tables import Person
    from backend.quickjobs import client_answer, creation, invoicing
    from backend.quickjobs.schemas import ClientIn, QuickJobCreate
    from backend.simulations.schemas import ExpenseIn
    from backend.units.service import ensure_reference_data

    await start_pool(settings.database_url, min_size=1, max_size=2,
                     system_identifier=settings.database_system_identifier)
    try:
        await ensure_reference_data()
        await people.create_staff(DEMO_ADVISER, DEMO_ADVISER_PASSWORD, "adviser", "Ada", "Visor")
        if await Person.exists().where(Person.phone == DEMO_PHONE):
            return f"worker {DEMO_PHONE}, {ADVISER_HOW} (already there)"
        worker = Principal(uuid.uuid4(), "worker")
        # A worker with what a contract and a salary need (identity, the usage agreement),
        # whose share is withheld from the first salary with her consent.
        await Person.insert(new_row(Person, id=worker.id, phone=DEMO_PHONE, first_name="Lena",
                                    last_name="Peeters", language="nl",
                                    national_number="85073003328",
                                    birth_date=dt.date(1985, 7, 30),
                                    address="Markt 1, 9000 Gent", iban="BE71096123456769"))
        await people.accept_usage_agreement(worker.id, people.current_agreement_version(),
                                            language="nl", ip=None)
        await people.request_shares(worker.id, shares=1, category="A",
                                    withhold_from_salary=True)
        ports = composition.adapters(settings).quickjobs
        start = dt.date.today() + dt.timedelta(days=7)
        created = await creation.create(worker, QuickJobCreate(
            client=ClientIn(name="Brouwerij De Klok", email="boekhouding@deklok.be",
                            vat_number="BE0403019261", country="BE",
                            address="Markt 1, 9000 Gent", language="nl"),
            function="graphic designer", description="Poster and flyers for the spring fair",
            performance_dates=[start], amount_cents=120000, vat_rate="21",
            contract_type="employee", withholding_rate="11.11",
            expenses=[ExpenseIn(amount_cents=4500, category="travel")],
        ), ports, "nl")
        await client_answer.accept_quote(ports.quote_token(created.quote.id), "127.0.0.1", ports)
        await invoicing.issue_invoice(worker, created.job.id, ports)
        return f"worker {DEMO_PHONE} with a unit and an invoiced QuickJob, {ADVISER_HOW}"
    finally:
        await close_pool()
