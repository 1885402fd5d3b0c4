"""Queries compiled once (backend.platform.db.compiled / insert) send exactly what Piccolo's
query builder would send for the same values: the same SQL text, the same arguments."""

import datetime as dt
import uuid
from enum import StrEnum

from backend.audit.tables import AuditLog
from backend.platform.db import compiled, new_row
from backend.quickjobs import repository
from backend.quickjobs.tables import QuickJob, QuickJobEvent
from backend.units import repository as units
from backend.units.tables import Unit


def _piccolo(query) -> tuple[str, list]:
    return query.querystrings[0].compile_string(engine_type="postgres")


def _insert_compiled(table, rows: list[dict], returning=()) -> tuple[str, list]:
    names = tuple(rows[0])
    by_name = {c._meta.name: c for c in table._meta.columns}

    def build(slot):
        query = table.insert(*(new_row(table, **{n: slot(f"{i}.{n}", by_name[n]) for n in names})
                               for i in range(len(rows))))
        return query.returning(*returning) if returning else query

    query = compiled(("test-insert", table, names, len(rows), tuple(returning)), build)
    return query.sql, query.arguments({f"{i}.{n}": r[n] for i, r in enumerate(rows) for n in names})


class Mood(StrEnum):
    GOOD = "good"


def test_inserts_are_piccolos_own_sql_and_arguments():
    job = {"id": uuid.uuid4(), "person": uuid.uuid4(), "unit": uuid.uuid4(),
           "client": uuid.uuid4(), "function": "designer", "description": "posters",
           "performance_dates": [dt.date(2030, 1, 7), dt.date(2030, 1, 8)],
           "amount_cents": 120000, "vat_included": False, "vat_rate": "21",
           "vat_exemption": None, "contract_type": "employee", "withholding_rate": "11.11",
           "paid_in_cash": False, "status": Mood.GOOD, "rule_set": "be-smart-2026",
           "pay_date": dt.date(2030, 1, 15), "review_reasons": ["review.amount_above_threshold"],
           "language": "nl", "simulation": '{"grossCents": 1}'}
    events = [{"quickjob": uuid.uuid4(), "kind": "created", "data": {"ruleSet": "x"}},
              {"quickjob": uuid.uuid4(), "kind": "quote_sent", "data": {}}]
    audit = [{"actor_id": None, "action": "quickjob.created", "object_type": "quickjob",
              "object_id": "42", "before": None, "after": '{"a": 1}', "request_id": "r1"}]
    for table, rows, returning in ((QuickJob, [job], (QuickJob.created_at,)),
                                   (QuickJobEvent, events, ()),
                                   (AuditLog, audit, ())):
        expected = table.insert(*(new_row(table, **r) for r in rows))
        if returning:
            expected = expected.returning(*returning)
        assert _insert_compiled(table, rows, returning) == _piccolo(expected)


def test_a_select_with_a_subquery_is_piccolos_own():
    person, entity = uuid.uuid4(), "smart"
    query = compiled("worker_with_personal_unit", repository._worker_with_personal_unit)
    unit = units.personal_unit_query(person, entity, Unit.id).querystrings[0]
    from piccolo.querystring import QueryString

    from backend.people.tables import Person, UsageAgreement

    agreed = UsageAgreement.exists().where(UsageAgreement.person == person).querystrings[0]
    expected = Person.select(*repository._WORKER_COLUMNS,
                             QueryString("({})", unit).as_alias("personal_unit"),
                             QueryString("({})", agreed).as_alias("agreement_accepted")) \
        .where(Person.id == person)
    assert (query.sql, query.arguments({"person": person, "legal_entity": entity})) \
        == _piccolo(expected)


def test_a_slot_is_not_mistaken_for_a_value_that_looks_like_one():
    # A slot's name never reaches the database: a value equal to a slot's name stays a value.
    rows = [{"quickjob": uuid.uuid4(), "kind": "0.kind", "data": {"k": "0.data"}}]
    sql, args = _insert_compiled(QuickJobEvent, rows)
    assert args[1:] == ["0.kind", '{"k": "0.data"}']
    assert "0.kind" not in sql
