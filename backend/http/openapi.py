"""OpenAPI generation details: the schema says what the server really does.

A request struct with ``forbid_unknown_fields`` answers 422 to a field it does not know, so its
schema says ``additionalProperties: false`` (Litestar's own msgspec plugin leaves it open, and
a client generated from it would believe extra fields are accepted).

Every property is described: by its own ``msgspec.Meta(description=..., examples=[...])`` when
it has one, else by the API's vocabulary (``backend.http.field_docs``: one meaning per wire
name, such as ``amountCents`` or ``payDate``, the same in every schema). A closed set or a
bound the engine or a service checks itself with a more precise localised message (contract
types, VAT rates, positive amounts...) is declared ``Meta(extra={"schema": {...}})``
(``backend.http.values``): the schema publishes it, the service keeps refusing anything else
with its own message. Numeric bounds msgspec checks reach the schema also inside ``X | None``.
"""

from __future__ import annotations

import msgspec
from litestar._openapi.schema_generation.plugins import StructSchemaPlugin
from litestar.openapi.spec import OpenAPIType, Schema

from backend.http import field_docs


def _arms(field_type) -> tuple:
    return field_type.types if isinstance(field_type, msgspec.inspect.UnionType) else (field_type,)


def _metadata_extra(field_type) -> dict:
    """``Meta(extra=...)`` of a field, also inside ``X | None``."""
    for t in _arms(field_type):
        if isinstance(t, msgspec.inspect.Metadata) and t.extra:
            return t.extra
    return {}


_BOUNDS = (("ge", "minimum"), ("le", "maximum"), ("gt", "exclusive_minimum"),
           ("lt", "exclusive_maximum"))


def _bounds(field_type) -> dict:
    """The numeric bounds msgspec checks, also inside ``X | None`` (Litestar drops a bound of
    0 there: ``gt=0`` would not reach the schema)."""
    for t in _arms(field_type):
        t = t.type if isinstance(t, msgspec.inspect.Metadata) else t
        if isinstance(t, (msgspec.inspect.IntType, msgspec.inspect.FloatType)):
            return {key: getattr(t, name) for name, key in _BOUNDS
                    if getattr(t, name) is not None}
    return {}


def _value_schema(prop):
    """The schema of the value itself: the non-null arm of ``X | None``."""
    arms = [a for a in (getattr(prop, "one_of", None) or ())
            if getattr(a, "type", None) != OpenAPIType.NULL]
    return arms[0] if len(arms) == 1 else prop


class StrictStructSchemaPlugin(StructSchemaPlugin):
    def to_openapi_schema(self, field_definition, schema_creator):
        schema = super().to_openapi_schema(field_definition, schema_creator)
        info = msgspec.inspect.type_info(field_definition.type_)
        if getattr(info, "forbid_unknown_fields", False):
            schema.additional_properties = False
        for field in info.fields:
            prop = (schema.properties or {}).get(field.encode_name)
            if prop is None or not isinstance(prop, Schema):
                continue
            extra = _metadata_extra(field.type)
            value = _value_schema(prop)
            # Documented, checked by the service with its own message (backend.http.values).
            for key, bound in extra.get("schema", {}).items():
                setattr(value, key, bound)
            for key, bound in _bounds(field.type).items():
                if getattr(value, key, None) is None and getattr(prop, key, None) is None:
                    setattr(value, key, bound)
        return schema


def document_fields(app) -> None:
    """Every property of every component schema (msgspec structs and the dataclasses of
    multipart forms alike) without a description of its own gets the vocabulary's, and its
    example; path, query and header parameters get theirs too."""
    schema = app.openapi_schema
    for name, component in ((schema.components.schemas or {}) if schema.components else {}).items():
        for prop_name, prop in (getattr(component, "properties", None) or {}).items():
            if getattr(prop, "description", None):
                continue
            documented = field_docs.lookup(name, prop_name)
            if documented is None:
                continue
            prop.description = documented.description
            if documented.examples and isinstance(prop, Schema) and not prop.examples:
                prop.examples = list(documented.examples)
    for item in (schema.paths or {}).values():
        for method in ("get", "post", "put", "patch", "delete"):
            operation = getattr(item, method, None)
            for parameter in (operation.parameters or ()) if operation is not None else ():
                if getattr(parameter, "description", None):
                    continue
                documented = field_docs.lookup_parameter(parameter.name)
                if documented is not None:
                    parameter.description = documented.description


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
