"""Admin API endpoints on Starlette's own `HTTPEndpoint`: one `Resource` class per path,
one method per HTTP verb, each decorated with `@api(...)`.

The decorator reads the method's signature: numeric ids (or tokens) named as in the path,
`query` and `body` as pydantic models, `form` for a multipart upload, and the returned
model. It authenticates and rate-limits the caller, parses those parts, runs a write in
one transaction with its audit entry, and answers JSON; the same facts make the OpenAPI
document (admin_api/openapi.py).
"""

from __future__ import annotations

import functools
import inspect
import os
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import structlog
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from admin_api.auth import ApiKey, require_role
from admin_api.deps import AdminConfig, AdminServices
from admin_api.errors import ApiError, error_response, json_response, unexpected_error
from admin_api.inputs import (
    JSON,
    MULTIPART,
    YAML_TYPES,
    parse_body,
    parse_form,
    parse_query,
    parse_yaml_body,
    path_param,
)
from storage.repositories import operations

log = structlog.get_logger("bmo.admin_api")
Handler = Callable[..., Awaitable[Any]]
Endpoint = Callable[[Any, Request], Awaitable[Response]]
METHODS = ("get", "post", "put", "patch", "delete")


class RawJson(bytes):
    """A JSON document serialised elsewhere (e.g. by Postgres), sent as it is."""


def to_response(result: Any, status: int) -> Response:
    if result is None:
        return Response(status_code=204)
    if isinstance(result, Response):
        return result
    if isinstance(result, RawJson):
        return Response(bytes(result), status_code=status, media_type=JSON)
    if isinstance(result, BaseModel):
        return json_response(result.model_dump(mode="json", by_alias=True), status)
    if isinstance(result, list):
        return json_response([item.model_dump(mode="json", by_alias=True) for item in result])
    return json_response(result, status)


async def authorised(request: Request, services: AdminServices, *, write: bool) -> ApiKey:
    """The caller's key, allowed to read (or to write), within its rate limit. An address
    that keeps presenting wrong keys is held off (429) before its next guess is compared."""
    address = f"failed-key:{request.client.host if request.client else 'unknown'}"
    await services.failed_keys.refuse_if_over(address)
    try:
        key = services.keyring.identify(request.headers.get("authorization"))
    except ApiError as exc:
        if exc.code == "invalid_api_key":
            log.info("admin_api.invalid_key", address=address.split(":", 1)[1])
            await services.failed_keys.check(address)
        raise
    require_role(key, write)
    await services.limiter.check(key.name)
    return key


@dataclass(frozen=True)
class Operation:
    """What one decorated method takes and answers, read from its signature."""

    name: str
    summary: str
    write: bool
    public: bool
    status: int
    response: type[BaseModel] | None
    many: bool  # the response is a list of `response`
    produces: str
    path_params: tuple[str, ...]
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    media: str
    form: bool
    body_limit: Callable[[AdminConfig], int] | None

    def limit(self, config: AdminConfig) -> int:
        return self.body_limit(config) if self.body_limit else config.max_body_bytes


def api(
    summary: str,
    *,
    write: bool = False,
    public: bool = False,
    status: int = 200,
    response: type[BaseModel] | None = None,
    produces: str = JSON,
    media: str = JSON,
    body: type[BaseModel] | None = None,
    body_limit: Callable[[AdminConfig], int] | None = None,
) -> Callable[[Handler], Endpoint]:
    """Make `handler` an HTTPEndpoint method. `response` and `body` document what the
    signature cannot say (raw JSON, a file, a multipart form)."""
    options = dict(
        summary=summary,
        write=write,
        public=public,
        status=status,
        response=response,
        produces=produces,
        media=media,
        body=body,
        body_limit=body_limit,
    )

    def decorate(handler: Handler) -> Endpoint:
        resolved: list[Operation] = []  # read at the first request

        @functools.wraps(handler)
        async def endpoint(self: Resource, request: Request) -> Response:
            try:
                op = resolved[0] if resolved else operation_of(endpoint)
                resolved[:] = [op]
                return await self.serve(op, handler, request)
            except ApiError as error:
                return error_response(error)
            except Exception as exc:  # noqa: BLE001 - never a stack trace to the client
                return await unexpected_error(request, exc)

        endpoint.__api_options__ = options  # type: ignore[attr-defined]
        return endpoint

    return decorate


@functools.cache
def operation_of(endpoint: Endpoint) -> Operation:
    """The operation behind a decorated method (read once, when first needed, so the
    annotations can name models declared further down the module)."""
    handler: Handler = endpoint.__wrapped__  # type: ignore[attr-defined]
    options: dict[str, Any] = dict(endpoint.__api_options__)  # type: ignore[attr-defined]
    hints = typing.get_type_hints(handler)
    params = list(inspect.signature(handler).parameters)[1:]  # after self
    returned = hints.get("return")
    many = typing.get_origin(returned) is list
    if many:
        (returned,) = typing.get_args(returned)
    is_model = isinstance(returned, type) and issubclass(returned, BaseModel)
    if options["response"] is None and is_model:
        options["response"] = returned
    form = hints.get("form") is FormData
    if options["body"] is None and "body" in params:
        options["body"] = hints["body"]
    return Operation(
        name=handler.__name__,
        many=many,
        path_params=tuple(p for p in params if p not in ("query", "body", "form")),
        query=hints.get("query"),
        form=form,
        **{**options, "media": MULTIPART if form else options["media"]},
    )


class Resource(HTTPEndpoint):
    """One path of the admin API; an instance serves one request."""

    path: ClassVar[str]
    tag: ClassVar[str]

    # HTTP method -> the decorated method serving it (HEAD is served by GET), per class.
    _handlers: ClassVar[dict[str, Endpoint]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._handlers = {m.upper(): f for m in METHODS if (f := getattr(cls, m, None))}
        if "GET" in cls._handlers:
            cls._handlers["HEAD"] = cls._handlers["GET"]

    def __init__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # HTTPEndpoint's own __init__ and dispatch look the methods up on every request;
        # here they are known per class, which keeps the hot reads cheap.
        self.scope, self.receive, self.send = scope, receive, send
        self._allowed_methods = list(self._handlers)
        self.services: AdminServices = scope["app"].state.services
        self.key: ApiKey | None = None
        self._read_only = True
        self._session: AsyncSession | None = None
        self._audit: tuple[str, dict[str, Any]] | None = None

    async def dispatch(self) -> None:
        request = Request(self.scope, receive=self.receive, send=self.send)
        handler = self._handlers.get(request.method)
        if handler is None:
            response = await self.method_not_allowed(request)  # the app's 405 answer
        else:
            response = await handler(self, request)
        await response(self.scope, self.receive, self.send)

    @property
    def session(self) -> AsyncSession:
        """The database session, opened at first use: a read served without the ORM (from
        the native read pool) opens none. Reads run in autocommit."""
        if self._session is None:
            self._session = self.services.session(read_only=self._read_only)
        return self._session

    @property
    def actor(self) -> str:
        return self.key.name if self.key else "anonymous"

    @property
    def request_id(self) -> str:
        state = self.scope.get("state") or {}
        return str(state.get("request_id") or os.urandom(16).hex())

    def audit(self, target: str, **detail: Any) -> None:
        """What this write changed, for the audit entry written in its transaction."""
        self._audit = (target, detail)

    async def serve(self, op: Operation, handler: Handler, request: Request) -> Response:
        if not op.public:
            self.key = await authorised(request, self.services, write=op.write)
        kwargs: dict[str, Any] = {name: path_param(request, name) for name in op.path_params}
        if op.query is not None:
            kwargs["query"] = parse_query(request, op.query)
        if op.form:
            kwargs["form"] = await parse_form(request, op.limit(self.services.config))
        elif op.body is not None:
            parse = parse_yaml_body if op.media in YAML_TYPES else parse_body
            kwargs["body"] = await parse(request, op.body, op.limit(self.services.config))
        self._read_only = not op.write
        try:
            if not op.write:
                return to_response(await handler(self, **kwargs), op.status)
            async with self.session.begin():
                result = await handler(self, **kwargs)
                target, detail = self._audit or (request.url.path, {})
                await operations.audit(
                    self.session,
                    actor=self.actor,
                    action=f"{request.method} {self.path}",
                    target=target,
                    request_id=self.request_id,
                    detail=detail,
                )
            return to_response(result, op.status)
        finally:
            if self._session is not None:
                async with self._session:  # closes it, even while the request is cancelled
                    pass
