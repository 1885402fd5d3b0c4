from __future__ import annotations

import msgspec
from litestar import Controller, Request, get, post
from litestar.exceptions import ValidationException

from backend.rulesets import book as rule_books
from backend.simulations import service
from backend.simulations.schemas import RuleSetList, SimulationRequest, SimulationResponse


def strict_body(raw: bytes, type_: type[SimulationRequest]) -> SimulationRequest:
    """Litestar converts bodies in msgspec's lax mode ("1000" and 1000.0 become 1000, "true"
    becomes True); api.md promises integer cents and JSON types, so decode once more strictly.
    The msgspec message keeps its "- at `$.field`" path for the problem translator."""
    try:
        return msgspec.json.decode(raw, type=type_)
    except msgspec.ValidationError as exc:
        raise ValidationException(extra=[{"message": str(exc)}]) from None


class SimulationController(Controller):
    path = "/simulations"
    tags = ["simulations"]

    @post("/", operation_id="createSimulation",
          description=("Computes, without storing anything, what a job yields: turnover, VAT, "
                       "the cooperative's contribution, expenses, employer cost, gross, social "
                       "security, withholding tax and net, with the pay date, line by line with "
                       "explanations in the caller's language. Public and rate limited."), status_code=200,
          summary="Simulate turnover → contribution → expenses → gross → net (public, rate limited)")
    async def simulate(self, request: Request, data: SimulationRequest,
                       language: str) -> SimulationResponse:
        data = strict_body(await request.body(), SimulationRequest)
        book = await rule_books.current()
        return service.to_response(service.run_simulation(data, book), language)


class RuleSetController(Controller):
    path = "/rule-sets"
    tags = ["simulations"]

    @get("/", operation_id="listRuleSets",
          description=("The rule sets the engine computes with (shipped and approved uploads), "
                       "each with its validity and every parameter with its legal source. "
                       "Public."),
         summary="The rule sets in force (shipped and approved uploads) with every parameter "
                 "and its source (public)")
    async def list_rule_sets(self) -> RuleSetList:
        return service.rule_set_listing(await rule_books.current())


CONTROLLERS = [SimulationController, RuleSetController]
