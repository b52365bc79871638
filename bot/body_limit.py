"""Request bodies are bounded before anything reads them.

An ASGI middleware in front of every route: a declared Content-Length over the limit is
answered 413 without reading a byte; a body streamed without one (chunked) is counted as
it arrives and cut off at the limit, so an unsigned 400 MB POST never reaches a signature
check that would hold it in memory. Each path prefix may have a limit of its own (document
uploads are larger than Slack or Twilio payloads).
"""

from __future__ import annotations

from collections.abc import Sequence

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = structlog.get_logger("bmo.http")

DEFAULT_LIMIT = 1024 * 1024  # Slack, Twilio and playground payloads are a few kB


class BodyLimit:
    def __init__(
        self,
        app: ASGIApp,
        default: int = DEFAULT_LIMIT,
        prefixes: Sequence[tuple[str, int]] = (),
    ) -> None:
        self.app = app
        self.default = default
        # the longest matching prefix wins
        self.prefixes = sorted(prefixes, key=lambda p: len(p[0]), reverse=True)

    def limit_for(self, path: str) -> int:
        return next(
            (limit for prefix, limit in self.prefixes if path.startswith(prefix)), self.default
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send, limit)
            return
        state = {"read": 0, "over": False, "started": False}

        async def bounded_receive() -> Message:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > limit:
                    state["over"] = True  # the app sees a disconnect; we answer 413
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if state["over"]:
                return  # whatever the app makes of the cut-off body is replaced by the 413
            state["started"] = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            log.info("http.body_too_large", path=scope.get("path", "")[:100], limit=limit)
            await _too_large(send, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() and len(value) < 20 else None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = f"The request body exceeds {limit} bytes.".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
