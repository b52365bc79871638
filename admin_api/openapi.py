"""The OpenAPI 3.1 document, generated from the resources (their paths, their decorated
methods' signatures) and the pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from admin_api import schemas
from admin_api.inputs import JSON, MULTIPART, TOKEN_PARAMS
from admin_api.resource import METHODS, Operation, Resource, operation_of

REF = "#/components/schemas/{model}"
ERRORS = {
    400: "Malformed body (not JSON, YAML or multipart as declared)",
    401: "Missing or unknown API key",
    403: "The key may not make changes",
    404: "No such resource",
    409: "Conflicts with existing data or no material to work from",
    413: "Body too large",
    415: "Wrong content type",
    422: "Invalid fields; see error.details",
    429: "Rate limit reached; see Retry-After",
}
SUCCESS = {200: "OK", 201: "Created", 202: "Accepted: running in the background", 204: "Done"}


Table = list[tuple[type[Resource], str, Operation]]  # resource, method, operation


def operations(resources: list[type[Resource]]) -> Table:
    """Every decorated method of every resource, in declaration order."""
    return [
        (resource, method, operation_of(endpoint))
        for resource in resources
        for method in METHODS
        if (endpoint := getattr(resource, method, None)) is not None
    ]


def _schemas(table: Table) -> tuple[dict[tuple[Any, str], Any], dict[str, Any]]:
    wanted: list[tuple[type[BaseModel], JsonSchemaMode]] = [(schemas.Error, "serialization")]
    for _resource, _method, item in table:
        if item.body is not None:
            wanted.append((item.body, "validation"))
        if item.response is not None:
            wanted.append((item.response, "serialization"))
        if item.query is not None:
            wanted.append((item.query, "validation"))
    refs, defs = models_json_schema(list(dict.fromkeys(wanted)), ref_template=REF)
    return {key: value for key, value in refs.items()}, defs.get("$defs", {})


def _path_parameter(name: str) -> dict[str, Any]:
    if name in TOKEN_PARAMS:
        schema: dict[str, Any] = {"type": "string", "pattern": f"^{TOKEN_PARAMS[name].pattern}$"}
    else:
        schema = {"type": "integer", "minimum": 1, "maximum": schemas.MAX_ID}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _query_parameters(model: type[BaseModel], defs: dict[str, Any]) -> list[dict[str, Any]]:
    schema = defs.get(model.__name__) or model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", []))
    params = []
    for name, prop in schema.get("properties", {}).items():
        param: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
        if "description" in prop:
            param["description"] = prop["description"]
        schema_ = {k: v for k, v in prop.items() if k not in ("title", "description")}
        # An optional query parameter is absent, never null: document only the real type.
        options = [o for o in schema_.pop("anyOf", []) if o != {"type": "null"}]
        if len(options) == 1:
            schema_.update(options[0])
            if schema_.get("default", 0) is None:
                del schema_["default"]
        param["schema"] = schema_
        params.append(param)
    return params


def _request_body(item: Operation, ref: Any) -> dict[str, Any]:
    if item.media == MULTIPART:
        media = {"schema": ref, "encoding": {"file": {"contentType": "application/octet-stream"}}}
    else:
        media = {"schema": ref}
    return {"required": True, "content": {item.media: media}}


def _operation(
    resource: type[Resource],
    method: str,
    item: Operation,
    refs: dict[tuple[Any, str], Any],
    defs: dict[str, Any],
) -> Any:
    responses: dict[str, Any] = {}
    success: dict[str, Any] = {"description": SUCCESS.get(item.status, "OK")}
    if item.response is not None:
        schema = refs[(item.response, "serialization")]
        if item.many:
            schema = {"type": "array", "items": schema}
        success["content"] = {item.produces: {"schema": schema}}
    elif item.produces != JSON:
        success["content"] = {item.produces: {"schema": {"type": "string"}}}
    responses[str(item.status)] = success
    error = {"content": {JSON: {"schema": refs[(schemas.Error, "serialization")]}}}
    statuses = [404]
    if not item.public:
        statuses += [401, 403, 429]
    if item.body is not None:
        statuses += [400, 409, 413, 415, 422]
    if item.query is not None or item.path_params:
        statuses += [422]
    for status in sorted(set(statuses)):
        responses[str(status)] = {"description": ERRORS[status], **error}
    operation: dict[str, Any] = {
        "operationId": f"{method}{resource.__name__}",
        "summary": item.summary,
        "tags": [resource.tag],
        "responses": responses,
        "security": [] if item.public else [{"bearer": []}],
    }
    parameters = [_path_parameter(name) for name in item.path_params]
    if item.query is not None:
        parameters += _query_parameters(item.query, defs)
    if parameters:
        operation["parameters"] = parameters
    if item.body is not None:
        operation["requestBody"] = _request_body(item, refs[(item.body, "validation")])
    return operation


def document(resources: list[type[Resource]], *, version: str = "1.0.0") -> dict[str, Any]:
    table = operations(resources)
    refs, defs = _schemas(table)
    paths: dict[str, dict[str, Any]] = {}
    for resource, method, item in table:
        operation = _operation(resource, method, item, refs, defs)
        paths.setdefault(resource.path, {})[method] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "BMO Learning admin API",
            "version": version,
            "description": (
                "Enrol learners, load documents, generate and check lessons, and read "
                "analytics. Authenticate with 'Authorization: Bearer <key>'; analyst keys "
                "may read, admin keys may also write. Errors are JSON with a stable code."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": defs,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
