from __future__ import annotations

from litestar import Controller, get, post

from backend.simulations import service
from backend.simulations.schemas import RuleSetList, SimulationRequest, SimulationResponse


class SimulationController(Controller):
    path = "/simulations"
    tags = ["simulations"]

    @post("/", operation_id="createSimulation", status_code=200,
          summary="Simulate turnover → contribution → expenses → gross → net (public, rate limited)")
    async def simulate(self, data: SimulationRequest, language: str) -> SimulationResponse:
        return service.to_response(service.run_simulation(data), language)


class RuleSetController(Controller):
    path = "/rule-sets"
    tags = ["simulations"]

    @get("/", operation_id="listRuleSets",
         summary="The active rule sets with every parameter and its source (public)")
    async def list_rule_sets(self) -> RuleSetList:
        return service.rule_set_listing()


CONTROLLERS = [SimulationController, RuleSetController]
