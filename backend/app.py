"""The composition root of the API: ``create_app(settings)`` wires the contexts' controllers, the
platform (pool, logging), the middleware and its collaborators, and the adapters of
``backend.composition``; ``backend.app:asgi`` for servers."""

from __future__ import annotations

import gc
import time
from contextlib import asynccontextmanager
from pathlib import Path

import redis.asyncio as aioredis
from litestar import Litestar, Router
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Server
from litestar.static_files import create_static_files_router

import backend.platform.catalogues  # noqa: F401 - registers every message catalogue
from backend import composition
from backend.audit.service import current_request_id
from backend.clientpages import controllers as client_pages
from backend.health.controllers import HealthController
from backend.http.context import provide_language, provide_principal
from backend.http.errors import EXCEPTION_HANDLERS, ProblemGuard
from backend.http.limits import BodyLimitMiddleware
from backend.http.middleware import (
    IdempotencyMiddleware,
    RateLimitMiddleware,
    RequestContextMiddleware,
)
from backend.http.openapi import (
    AllowHeaderMiddleware,
    StrictStructSchemaPlugin,
    document_fields,
    document_optional_bodies,
)
from backend.http.problems import ProblemDetails
from backend.jobs.cpu_yield import ApiLoad
from backend.jobs.queue import JobQueue
from backend.people.authentication import Authenticator
from backend.people.tokens import Claims, TokenService
from backend.platform.db import close_pool, start_pool
from backend.platform.logging_setup import configure_logging
from backend.platform.settings import Settings

API_VERSION = "1.0.0"


def api_routers() -> list:
    from backend.backoffice.banking.controllers import CONTROLLERS as BANKING
    from backend.backoffice.controllers import CONTROLLERS as BACKOFFICE
    from backend.chat.controllers import CONTROLLERS as BOT
    from backend.clients.controllers import CONTROLLERS as CLIENTS
    from backend.employment.controllers import CONTROLLERS as EMPLOYMENT
    from backend.people.controllers import CONTROLLERS as PEOPLE
    from backend.quickjobs.controllers import CONTROLLERS as QUICKJOBS
    from backend.rulesets.controllers import CONTROLLERS as RULE_SETS
    from backend.simulations.controllers import CONTROLLERS as SIMULATIONS
    from backend.units.controllers import CONTROLLERS as UNITS

    return [*PEOPLE, *SIMULATIONS, *UNITS, *QUICKJOBS, *CLIENTS, *BACKOFFICE, *BANKING, *EMPLOYMENT,
            *RULE_SETS, *BOT]


def problem_responses() -> dict[int, ResponseSpec]:
    """Every route may answer with these problem+json documents (RFC 9457)."""
    described = {
        400: "The request could not be read",
        401: "Not signed in, or the token is invalid or expired",
        403: "Signed in, but not allowed",
        404: "Not found (also: someone else's object)",
        409: "Conflict with the current state (or an Idempotency-Key reused with another body)",
        413: "The request body is too large",
        422: "Invalid input: errors[] names each field, in the caller's language",
        429: "Rate limited: see Retry-After",
        503: "A dependency is briefly unavailable: see Retry-After",
    }
    return {status: ResponseSpec(data_container=ProblemDetails, description=text,
                                 generate_examples=False,
                                 media_type="application/problem+json")
            for status, text in described.items()}


SWAGGER_UI_DIR = Path(__file__).parent / "http" / "static" / "swagger-ui"
SWAGGER_UI_ASSETS = "/schema/assets"  # served by the app: the docs page works offline


def swagger_ui() -> SwaggerRenderPlugin:
    """Swagger UI from the files shipped in backend/http/static/swagger-ui (see SOURCE.md)."""
    return SwaggerRenderPlugin(
        js_url=f"{SWAGGER_UI_ASSETS}/swagger-ui-bundle.js",
        css_url=f"{SWAGGER_UI_ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{SWAGGER_UI_ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{SWAGGER_UI_ASSETS}/favicon-32x32.png'>",
    )


def swagger_ui_assets():
    return create_static_files_router(path=SWAGGER_UI_ASSETS, directories=[SWAGGER_UI_DIR],
                                      include_in_schema=False, name="swagger-ui-assets")


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="QuickJob API",
        version=API_VERSION,
        description=(
            "Backend of a shared enterprise for autonomous workers: the QuickJob flow, the "
            "chat-bot and the back office, on one contribution and payroll engine. Money in "
            "euro cents, errors as localised problem+json (Accept-Language: nl, fr, en)."
        ),
        servers=[Server(url="/")],
        components=Components(security_schemes={
            "BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT"),
        }),
        path="/schema",
        render_plugins=[swagger_ui()],
        use_handler_docstrings=False,
        create_examples=False,
    )


class RememberedVerifications:
    """``TokenService.verify`` for the authenticator, remembering each token that verified
    until its ``exp``: a token is a fixed string, so the same string verifies the same way
    until then, and RS256 verification was most of authentication's CPU per request. The
    revocation list and the person's role are still checked on every request (Authenticator);
    a token that failed is never remembered."""

    MAX_REMEMBERED = 10_000

    def __init__(self, tokens: TokenService) -> None:
        self.tokens = tokens
        self._claims: dict[str, Claims] = {}

    def verify(self, token: str) -> Claims:
        claims = self._claims.get(token)
        if claims is not None and claims.expires_at > time.time():
            return claims
        claims = self.tokens.verify(token)  # InvalidToken / ExpiredToken as ever
        if len(self._claims) >= self.MAX_REMEMBERED:
            self._claims.clear()
        self._claims[token] = claims
        return claims


def create_app(settings: Settings) -> Litestar:
    configure_logging(settings.log_level)
    tokens = TokenService(settings)
    adapters = composition.adapters(settings)
    queue = JobQueue(settings.redis_url) if settings.redis_url else None
    redis_client = aioredis.from_url(settings.redis_url or "redis://127.0.0.1:6379/0",
                                      socket_connect_timeout=1, socket_timeout=2)

    @asynccontextmanager
    async def lifespan(app: Litestar):
        await start_pool(settings.database_url,
                         system_identifier=settings.database_system_identifier)
        # Everything built at start-up (routes, schemas, catalogues, rule books) lives as long
        # as the process: out of the collector's sight, so a full collection during a request
        # walks only what requests made (gc.freeze, Python's advice for long-lived servers).
        # A request allocates a few thousand objects: the youngest generation is collected
        # every 7,000 allocations rather than 700, about once per request instead of ten times.
        gc.collect()
        gc.freeze()
        gc.set_threshold(7_000, 10, 10)
        try:
            yield
        finally:
            await close_pool()
            await redis_client.aclose()

    authenticator = Authenticator(RememberedVerifications(tokens), redis_client)

    def middleware_stack(app, litestar_app):
        # QuickJob creation writes its key's claim with its rows (backend.platform.claims).
        app = AllowHeaderMiddleware(IdempotencyMiddleware(
            app, claimed_with_change=frozenset({"/api/v1/quickjobs"})), litestar_app)
        app = BodyLimitMiddleware(app)
        app = RateLimitMiddleware(app, redis_client, settings.rate_limit_per_minute,
                                  settings.public_rate_limit_per_minute)
        return RequestContextMiddleware(
            ProblemGuard(app), authenticate=authenticator.authenticate,
            bind_request_id=current_request_id.set, load=ApiLoad(redis_client))

    api = Router(path="/api/v1", route_handlers=[HealthController, *api_routers()])
    app = Litestar(
        # The JSON API, and the client's HTML pages (outside the OpenAPI schema).
        route_handlers=[api, client_pages.router(), swagger_ui_assets()],
        template_config=client_pages.template_config(),
        dependencies={
            "principal": Provide(provide_principal),
            "language": Provide(provide_language),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        # configure_logging above owns the root logger (JSON lines); Litestar's default
        # logging config would replace it at start-up and drop every access-log field.
        logging_config=None,
        lifespan=[lifespan],
        openapi_config=openapi_config(),
        plugins=[StrictStructSchemaPlugin()],
        cors_config=CORSConfig(allow_origins=["*"], allow_headers=["*"],
                               expose_headers=["X-Request-ID", "Idempotent-Replayed"]),
        state=State({"settings": settings, "tokens": tokens, "redis": redis_client,
               "queue": queue,
               "adapters": adapters, "quickjob_ports": adapters.quickjobs}),
        debug=False,
    )
    problems = problem_responses()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            handler.responses = {**problems, **(handler.responses or {})}
    # Outer ASGI layers wrap Litestar itself so they see every request (also 404s).
    app.asgi_handler = middleware_stack(app.asgi_handler, app)
    document_optional_bodies(app)
    document_fields(app)
    return app


def asgi() -> Litestar:
    """Factory for ``uvicorn --factory backend.app:asgi``."""
    return create_app(Settings.from_env())
