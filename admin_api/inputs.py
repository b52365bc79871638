"""Request parts as pydantic models: path ids, query strings and bodies (JSON, YAML or
multipart), each refused with a clear 4xx and a stable code when it is not valid."""

from __future__ import annotations

import asyncio
import re
from typing import Any, TypeVar

import orjson
import yaml
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request

from admin_api.errors import ApiError, validation_details
from admin_api.schemas import MAX_ID

JSON = "application/json"
MULTIPART = "multipart/form-data"
YAML = "application/yaml"
YAML_TYPES = (YAML, "application/x-yaml", "text/yaml")
# Path parameters that are opaque tokens rather than numeric ids.
TOKEN_PARAMS = {"job_id": re.compile(r"[0-9a-f]{32}")}
YAML_SECONDS = 5.0  # a curriculum of the largest allowed body reads in well under this

M = TypeVar("M", bound=BaseModel)


def path_param(request: Request, name: str) -> int | str:
    """A numeric id in 1..MAX_ID, or a token of its declared shape; anything else is a
    resource that does not exist (404)."""
    raw = str(request.path_params.get(name, ""))
    if name in TOKEN_PARAMS:
        if not TOKEN_PARAMS[name].fullmatch(raw):
            raise _no_such(name, raw)
        return raw
    value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 19 else 0
    if not 1 <= value <= MAX_ID:
        raise _no_such(name, raw)
    return value


def _no_such(name: str, raw: str) -> ApiError:
    return ApiError(404, "not_found", f"No such {name.removesuffix('_id')}: {raw[:40]!r}")


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


def validate(model: type[M], data: Any, where: str, raw_json: bytes | None = None) -> M:
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


def parse_query(request: Request, model: type[M]) -> M:
    """The query string's known parameters as `model`; unknown ones are ignored."""
    known = model.model_fields
    return validate(model, {k: v for k, v in request.query_params.items() if k in known}, "query")


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it passes `limit` bytes while streaming in."""
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


def _require_media(request: Request, media: str) -> None:
    got = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if got not in (YAML_TYPES if media in YAML_TYPES else (media,)):
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send the body as {media} (got {got or 'no content type'}).",
        )


async def parse_body(request: Request, model: type[M], limit: int) -> M:
    """A JSON body as `model`."""
    _require_media(request, JSON)
    raw = await read_body(request, limit)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, "malformed_json", f"The body is not valid JSON: {exc}") from None
    return validate(model, data, "body", raw)


async def parse_yaml_body(request: Request, model: type[M], limit: int) -> M:
    """A YAML body as `model`, read in a thread (never on the event loop) and in bounded
    time; aliases are refused."""
    _require_media(request, YAML)
    raw = await read_body(request, limit)
    try:
        data = await asyncio.wait_for(asyncio.to_thread(load_yaml, raw), YAML_SECONDS)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ApiError(400, "malformed_yaml", f"The body is not valid YAML: {reason}") from None
    except TimeoutError:
        raise ApiError(
            400, "malformed_yaml", "The YAML body took too long to read; simplify it."
        ) from None
    return validate(model, data, "body")


async def parse_form(request: Request, limit: int) -> FormData:
    """A multipart body of at most one file; the caller closes it."""
    _require_media(request, MULTIPART)
    await read_body(request, limit)
    try:
        return await request.form(max_files=1, max_fields=10, max_part_size=limit)
    except Exception as exc:  # noqa: BLE001 - any parser complaint is the client's malformed body
        raise ApiError(
            400, "malformed_multipart", f"The multipart body is not valid: {exc}"
        ) from None
