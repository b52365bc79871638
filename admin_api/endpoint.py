"""One declared endpoint -> one Starlette route that authenticates, limits, parses and
validates before the handler runs, and audits every write in the handler's transaction.

Handlers receive a `Call` with typed path ids, query and body, and return a pydantic
model, plain JSON data, `RawJson` (JSON already built by Postgres) or a Response.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
import structlog
import yaml
from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from admin_api.auth import ApiKey, require_role
from admin_api.deps import AdminServices
from admin_api.errors import (
    ApiError,
    error_response,
    json_response,
    unexpected_error,
    validation_details,
)
from admin_api.schemas import MAX_ID
from storage.repositories import operations

JSON = "application/json"
MULTIPART = "multipart/form-data"
log = structlog.get_logger("bmo.admin_api")

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")
_PARAM = re.compile(r"{(\w+)}")
# Path parameters that are opaque tokens rather than numeric ids.
TOKEN_PARAMS = {"job_id": re.compile(r"[0-9a-f]{32}")}


class RawJson(bytes):
    """A JSON document serialised elsewhere (e.g. by Postgres), sent as it is."""


@dataclass
class Call:
    request: Request
    services: AdminServices
    key: ApiKey | None
    ids: dict[str, Any]
    query: Any
    body: Any
    read_only: bool = True
    audit_target: str = ""
    audit_detail: dict[str, Any] = field(default_factory=dict)
    _session: AsyncSession | None = field(default=None, repr=False)
    _request_id: str | None = field(default=None, repr=False)

    @property
    def session(self) -> AsyncSession:
        """The database session, opened at first use: a read served without the ORM (from
        the native read pool) opens none."""
        if self._session is None:
            self._session = self.services.session(read_only=self.read_only)
        return self._session

    @property
    def request_id(self) -> str:
        if self._request_id is None:
            self._request_id = _request_id(self.request)
        return self._request_id

    async def close(self) -> None:
        if self._session is not None:
            async with self._session:  # closes it, even while the request is cancelled
                pass


Handler = Callable[[Call], Awaitable[Any]]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Handler
    summary: str
    tag: str
    response: type[BaseModel] | None = None
    status: int = 200
    body: type[BaseModel] | None = None
    body_media: str = JSON
    query: type[BaseModel] | None = None
    write: bool = False
    public: bool = False
    produces: str = JSON
    max_body: int | None = None
    many: bool = False

    @property
    def path_params(self) -> list[str]:
        return _PARAM.findall(self.path)


def _request_id(request: Request) -> str:
    state = request.scope.get("state") or {}
    return str(state.get("request_id") or os.urandom(16).hex())


def _ids(endpoint: Endpoint, request: Request) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    for name in endpoint.path_params:
        raw = str(request.path_params.get(name, ""))
        if name in TOKEN_PARAMS:
            if not TOKEN_PARAMS[name].fullmatch(raw):
                raise ApiError(
                    404, "not_found", f"No such {name.removesuffix('_id')}: {raw[:40]!r}"
                )
            ids[name] = raw
            continue
        value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 19 else 0
        if not 1 <= value <= MAX_ID:
            raise ApiError(404, "not_found", f"No such {name.removesuffix('_id')}: {raw[:40]!r}")
        ids[name] = value
    return ids


YAML_SECONDS = 5.0  # a curriculum of the largest allowed body reads in well under this


class YamlAliasRefused(yaml.YAMLError):
    """Anchors and aliases let a few bytes expand into gigabytes; curricula need none."""


def load_yaml(raw: bytes) -> Any:
    """Plain YAML only: the event stream (linear in the input) is checked for aliases
    before anything is composed, so an alias bomb is refused without being expanded."""
    text = raw.decode("utf-8")
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlAliasRefused("aliases (*name) are not allowed; write the values out")
    return yaml.safe_load(text)


def _has_nul(data: Any) -> bool:
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_has_nul(item) for item in data)
    return False


def _validate(
    model: type[BaseModel], data: Any, where: str, raw_json: bytes | None = None
) -> BaseModel:
    if _has_nul(data):  # Postgres text cannot hold NUL; say so instead of failing later
        raise ApiError(
            422,
            "validation_failed",
            f"The {where} contains a NUL character.",
            details=[{"in": where, "field": where, "message": "NUL characters are not allowed"}],
        )
    try:
        if raw_json is not None:  # JSON mode: strict models still take dates as strings
            return model.model_validate_json(raw_json)
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(
            422,
            "validation_failed",
            f"The {where} is not valid; see details.",
            details=validation_details(exc.errors(include_url=False), where),
        ) from None


def _query(endpoint: Endpoint, request: Request) -> Any:
    if endpoint.query is None:
        return None
    known = endpoint.query.model_fields
    values = {k: v for k, v in request.query_params.items() if k in known}
    return _validate(endpoint.query, values, "query")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "body_too_large", f"The request body exceeds {limit} bytes.")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "body_too_large", f"The request body exceeds {limit} bytes.")
            chunks.append(chunk)
    except ClientDisconnect:
        raise ApiError(400, "client_disconnected", "The request body was cut off.") from None
    body = b"".join(chunks)
    request._body = body  # later readers (form parsing) see the bytes already read
    return body


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _body(endpoint: Endpoint, request: Request, limit: int) -> Any:
    if endpoint.body is None:
        return None
    media = _media_type(request)
    expected = YAML_TYPES if endpoint.body_media in YAML_TYPES else (endpoint.body_media,)
    if media not in expected:
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send the body as {endpoint.body_media} (got {media or 'no content type'}).",
        )
    raw = await _read_body(request, limit)
    if endpoint.body_media == JSON:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ApiError(400, "malformed_json", f"The body is not valid JSON: {exc}") from None
        return _validate(endpoint.body, data, "body", raw)
    if endpoint.body_media in YAML_TYPES:
        try:
            data = await asyncio.wait_for(asyncio.to_thread(load_yaml, raw), YAML_SECONDS)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ApiError(400, "malformed_yaml", f"The body is not valid YAML: {reason}") from None
        except TimeoutError:
            raise ApiError(
                400, "malformed_yaml", "The YAML body took too long to read; simplify it."
            ) from None
        return _validate(endpoint.body, data, "body")
    try:
        form: FormData = await request.form(max_files=1, max_fields=10, max_part_size=limit)
    except Exception as exc:  # noqa: BLE001 - any parser complaint is the client's malformed body
        raise ApiError(
            400, "malformed_multipart", f"The multipart body is not valid: {exc}"
        ) from None
    return form


def to_response(result: Any, status: int) -> Response:
    if result is None:
        return Response(status_code=204)
    if isinstance(result, Response):
        return result
    if isinstance(result, RawJson):
        return Response(bytes(result), status_code=status, media_type=JSON)
    if isinstance(result, BaseModel):
        return json_response(result.model_dump(mode="json", by_alias=True), status)
    if isinstance(result, list) and all(isinstance(item, BaseModel) for item in result):
        return json_response([item.model_dump(mode="json", by_alias=True) for item in result])
    return json_response(result, status)


class PathApp:
    """The ASGI app behind one path: the handler for each of its methods. (An ASGI app
    rather than a request function, so no second exception-handling layer wraps each
    call: the handlers answer every error themselves.)"""

    def __init__(self, handlers: dict[str, RequestHandler]) -> None:
        self.handlers = handlers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        response = await self.handlers[scope["method"]](request)
        await response(scope, receive, send)


def routes(table: list[Endpoint], services: AdminServices) -> list[Route]:
    """One route per path, so a wrong method gets a 405 listing every allowed method."""
    by_path: dict[str, dict[str, RequestHandler]] = {}
    for item in table:
        by_path.setdefault(item.path, {})[item.method] = _runner(item, services)
    built = []
    for path, handlers in by_path.items():
        if "GET" in handlers:
            handlers["HEAD"] = handlers["GET"]
        built.append(Route(path, PathApp(handlers), methods=list(handlers)))
    return built


RequestHandler = Callable[[Request], Awaitable[Response]]


async def _identify(services: AdminServices, request: Request) -> ApiKey:
    """The caller's key; an address that keeps presenting wrong keys is held off (429)
    before its next guess is even compared."""
    address = f"failed-key:{request.client.host if request.client else 'unknown'}"
    await services.failed_keys.refuse_if_over(address)
    try:
        return services.keyring.identify(request.headers.get("authorization"))
    except ApiError as exc:
        if exc.code == "invalid_api_key":
            log.info("admin_api.invalid_key", address=address.split(":", 1)[1])
            await services.failed_keys.check(address)
        raise


def _runner(endpoint: Endpoint, services: AdminServices) -> RequestHandler:
    config = services.config
    limit = endpoint.max_body or config.max_body_bytes

    async def run(request: Request) -> Response:
        try:
            key = None
            if not endpoint.public:
                key = await _identify(services, request)
                require_role(key, endpoint.write)
                await services.limiter.check(key.name)
            ids = _ids(endpoint, request)
            query = _query(endpoint, request)
            body = await _body(endpoint, request, limit)
            call = Call(request, services, key, ids, query, body, read_only=not endpoint.write)
            try:
                if not endpoint.write:
                    return to_response(await endpoint.handler(call), endpoint.status)
                async with call.session.begin():
                    result = await endpoint.handler(call)
                    await operations.audit(
                        call.session,
                        actor=key.name if key else "anonymous",
                        action=f"{endpoint.method} {endpoint.path}",
                        target=call.audit_target or request.url.path,
                        request_id=call.request_id,
                        detail=call.audit_detail,
                    )
                return to_response(result, endpoint.status)
            finally:
                await call.close()
        except ApiError as error:
            return error_response(error)
        except Exception as exc:  # noqa: BLE001 - never a stack trace to the client
            return await unexpected_error(request, exc)

    return run
