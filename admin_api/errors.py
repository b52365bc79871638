"""JSON errors with stable codes. A client never sees a stack trace or a bare 500 page."""

from __future__ import annotations

from typing import Any

import orjson
import structlog
from starlette.requests import Request
from starlette.responses import Response

log = structlog.get_logger("bmo.admin_api")


class ApiError(Exception):
    """An error answered to the client as `{"error": {"code", "message", "details"}}`."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or []
        self.headers = headers or {}


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def error_response(error: ApiError) -> Response:
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.details:
        body["details"] = error.details
    return json_response({"error": body}, error.status, error.headers)


def validation_details(errors: list[Any], where: str) -> list[dict[str, Any]]:
    """Pydantic errors as `{field, message}` pairs a person can act on."""
    details = []
    for err in errors:
        field = ".".join(str(part) for part in err.get("loc", ()))
        details.append({"in": where, "field": field or where, "message": err.get("msg", "invalid")})
    return details


async def unexpected_error(request: Request, exc: Exception) -> Response:
    """Last resort: log the failure with the request id, answer a generic JSON error."""
    log.error(
        "admin_api.unexpected_error",
        path=request.url.path,
        error=type(exc).__name__,
        detail=str(exc)[:300],
        request_id=request.scope.get("state", {}).get("request_id"),
    )
    return error_response(
        ApiError(500, "internal_error", "Something went wrong on our side; try again later.")
    )
