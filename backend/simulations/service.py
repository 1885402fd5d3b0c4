"""The one path from an API/bot request to the engine and back: used by simulations,
QuickJobs and the bot, so the same inputs give the same cents everywhere."""

from __future__ import annotations

import datetime as dt

import msgspec

from backend.engine import ExpenseInput, Line, RuleBook, Simulation, SimulationInput, simulate
from backend.platform.dates import check_date_list
from backend.rulesets import book as rule_books
from backend.simulations.schemas import (
    RuleSetList,
    RuleSetOut,
    SimulationLine,
    SimulationRequest,
    SimulationResponse,
)


def to_engine_input(req: SimulationRequest, legal_entity: str = "smart") -> SimulationInput:
    # Year 1 or 9999: a clear 422 here, never an overflow in the calendar's arithmetic.
    check_date_list("performanceDates", req.performance_dates)
    return SimulationInput(
        performance_dates=tuple(req.performance_dates),
        amount_cents=req.amount_cents,
        vat_included=req.vat_included,
        vat_rate=req.vat_rate,
        vat_exemption=req.vat_exemption,
        contract_type=req.contract_type,
        withholding_rate=req.withholding_rate,
        expenses=tuple(ExpenseInput(e.amount_cents, e.category) for e in req.expenses),
        client_country=req.client_country,
        legal_entity=legal_entity,
        hours_per_day=req.hours_per_day,
    )


def run_simulation(req: SimulationRequest, book: RuleBook | None = None) -> Simulation:
    """``book``: the process's rule book by default (shipped + approved rule sets, as last
    loaded; async callers pass ``await rule_books.current()``)."""
    return simulate(to_engine_input(req), rules=book or rule_books.cached())


def to_response(sim: Simulation, lang: str) -> SimulationResponse:
    return SimulationResponse(
        rule_set=sim.rule_set,
        rule_set_fallback=sim.rule_set_fallback,
        turnover_cents=sim.turnover_cents,
        vat_cents=sim.vat_cents,
        total_incl_vat_cents=sim.total_incl_vat_cents,
        contribution_cents=sim.contribution_cents,
        expenses_cents=sim.expenses_cents,
        work_budget_cents=sim.work_budget_cents,
        employer_cost_cents=sim.employer_cost_cents,
        gross_cents=sim.gross_cents,
        social_security_cents=sim.social_security_cents,
        taxable_cents=sim.taxable_cents,
        withholding_tax_cents=sim.withholding_tax_cents,
        net_cents=sim.net_cents,
        unit_remainder_cents=sim.unit_remainder_cents,
        pay_date=sim.pay_date,
        rule_set_notice=(sim.rule_set_notice.get(lang) or sim.rule_set_notice["nl"])
        if sim.rule_set_notice else None,
        work_bonus_cents=sim.work_bonus_cents,
        fiscal_work_bonus_cents=sim.fiscal_work_bonus_cents,
        hours_per_day=sim.hours_per_day,
        gross_per_hour_cents=sim.gross_per_hour_cents,
        minimum_hourly_wage_cents=sim.minimum_hourly_wage_cents,
        below_minimum_wage=sim.below_minimum_wage,
        lines=[
            SimulationLine(code=line.code, label=line.label[lang], amount_cents=line.amount_cents,
                           explanation=line.explanation[lang])
            for line in sim.lines
        ],
    )


def rule_set_listing(book: RuleBook) -> RuleSetList:
    return RuleSetList(items=[msgspec.convert(d, RuleSetOut) for d in book.describe()])


def to_snapshot(sim: Simulation) -> dict:
    """What a QuickJob stores: the figures it was agreed on, with texts in every language."""
    snapshot = sim._asdict()
    snapshot["pay_date"] = sim.pay_date.isoformat()
    snapshot["lines"] = [line._asdict() for line in sim.lines]
    return snapshot


def from_snapshot(snapshot: dict) -> Simulation:
    """The stored figures as an engine result: later rule-set edits never change an agreed job."""
    values = dict(snapshot)
    values["pay_date"] = dt.date.fromisoformat(values["pay_date"])
    values["lines"] = tuple(Line(**line) for line in values["lines"])
    return Simulation(**values)
