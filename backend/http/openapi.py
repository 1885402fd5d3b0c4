"""OpenAPI generation details: the schema says what the server really does.

A request struct with ``forbid_unknown_fields`` answers 422 to a field it does not know, so its
schema says ``additionalProperties: false`` (Litestar's own msgspec plugin leaves it open, and
a client generated from it would believe extra fields are accepted).
"""

from __future__ import annotations

import msgspec
from litestar._openapi.schema_generation.plugins import StructSchemaPlugin


class StrictStructSchemaPlugin(StructSchemaPlugin):
    def to_openapi_schema(self, field_definition, schema_creator):
        schema = super().to_openapi_schema(field_definition, schema_creator)
        info = msgspec.inspect.type_info(field_definition.type_)
        if getattr(info, "forbid_unknown_fields", False):
            schema.additional_properties = False
        return schema


class AllowHeaderMiddleware:
    """``OPTIONS`` answers with every method of the resource in ``Allow``.

    Litestar's automatic OPTIONS handler lists only the methods of one of the route objects it
    made for a path (``GET, OPTIONS`` for ``/me``, which also has PATCH), so clients and the
    schemathesis ``allow_header_conformance`` check were told less than the schema says. The
    methods come from the app's route table, for the path template Litestar routed to.
    """

    def __init__(self, app, litestar_app) -> None:
        self.app = app
        self.litestar_app = litestar_app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            return await self.app(scope, receive, send)

        async def send_with_allow(message):
            if message["type"] == "http.response.start":
                allow = self._allow(scope)
                if allow:
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"]
                    message = {**message, "headers": [*headers, (b"allow", allow.encode())]}
            await send(message)

        await self.app(scope, receive, send_with_allow)

    def _allow(self, scope) -> str | None:
        template = scope.get("path_template")  # set by Litestar's router
        methods = self.litestar_app.route_handler_method_map.get(template) if template else None
        if not methods:
            return None
        return ", ".join(sorted({"OPTIONS", *methods}))


def document_optional_bodies(app) -> None:
    """A handler whose ``data`` has a default accepts a request without a body: its OpenAPI
    operation says ``requestBody.required: false`` (Litestar marks every body required)."""
    optional = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            data = handler.parsed_fn_signature.parameters.get("data")
            if data is not None and data.has_default and handler.operation_id:
                optional.add(handler.operation_id)
    for item in (app.openapi_schema.paths or {}).values():
        for method in ("post", "put", "patch"):
            operation = getattr(item, method, None)
            if operation is not None and operation.operation_id in optional \
                    and operation.request_body is not None:
                operation.request_body.required = False
