"""A local HTTP server speaking the Slack Web API methods the bot and senders use.

The playground runs it in-process so the real AsyncWebClient posts to it; tests use it
as a stand-in for Slack.

It counts calls, records payloads, and can be scripted to answer 429 with Retry-After,
a 5xx, a slow reply (to provoke time-outs) or a permanent error such as user_not_found.
Point the real AsyncWebClient at `base_url` (SLACK_API_URL).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from bot.playground.local_http import JsonHandler, LocalService
from bot.playground.workspace import Posted, SlackWorkspace, parse_params


@dataclass
class Failure:
    status: int = 200
    error: str | None = None  # Slack's "error" code in an ok=false body
    retry_after: int | None = None
    delay_seconds: float = 0.0


class FakeSlack(LocalService):
    def __init__(self, socket_url: str | None = None) -> None:
        self.workspace = SlackWorkspace(socket_url=socket_url)
        self.delay_seconds = 0.0
        self._failures: dict[str, list[Failure]] = {}
        self._lock = threading.Lock()
        self.connections: dict[str, set[tuple[str, int]]] = {}  # method -> client addresses
        super().__init__(self._handler_class())

    @property
    def base_url(self) -> str:
        return f"{self.origin}/api/"

    def start(self) -> FakeSlack:
        self._start_serving()
        return self

    async def aclose(self) -> None:
        self.stop()

    def response_url(self, channel: str) -> str:
        """Where a slash command's replies go (recorded as ephemeral messages)."""
        return f"{self.base_url}response_url.post?channel={channel}"

    # ---- scripting ----------------------------------------------------------------
    def fail_next(self, method: str, times: int = 1, **failure: Any) -> None:
        """The next `times` calls of `method` fail as described (status, error, ...)."""
        with self._lock:
            self._failures.setdefault(method, []).extend(Failure(**failure) for _ in range(times))

    def rate_limit_next(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self.fail_next(method, times, status=429, error="ratelimited", retry_after=retry_after)

    def add_user(
        self, user_id: str, name: str = "Ada Lovelace", tz: str = "America/Toronto"
    ) -> None:
        self.workspace.add_user(user_id, name=name, tz=tz)

    # ---- inspection ---------------------------------------------------------------
    def count(self, method: str) -> int:
        return self.workspace.count(method)

    def payloads(self, method: str) -> list[dict[str, Any]]:
        return self.workspace.payloads(method)

    @property
    def messages(self) -> list[Posted]:
        return list(self.workspace.messages)

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Block until `method` has been called `count` times (background work is async)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count(method) >= count:
                return self.payloads(method)
            time.sleep(0.01)
        raise AssertionError(f"{method} called {self.count(method)} times, expected {count}")

    async def await_for(
        self, method: str, count: int = 1, within: float = 5.0
    ) -> list[dict[str, Any]]:
        import asyncio

        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.count(method) >= count:
                return self.payloads(method)
            await asyncio.sleep(0.01)
        raise AssertionError(f"{method} called {self.count(method)} times, expected {count}")

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            return queue.pop(0) if queue else None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(JsonHandler):
            content_type = "application/json; charset=utf-8"

            def _serve(self) -> None:
                url = urlsplit(self.path)
                method = url.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                params = parse_params(url.query, body, self.headers.get("Content-Type", ""))
                with fake._lock:
                    fake.connections.setdefault(method, set()).add(self.client_address[:2])
                if fake.delay_seconds:
                    time.sleep(fake.delay_seconds)
                failure = fake._take_failure(method)
                if failure is not None:
                    fake.workspace.record(method, params)
                    if failure.delay_seconds:
                        time.sleep(failure.delay_seconds)
                    headers = {}
                    if failure.retry_after is not None:
                        headers["Retry-After"] = str(failure.retry_after)
                    payload = {"ok": False, "error": failure.error or "internal_error"}
                    self.send_json(failure.status, payload, headers)
                    return
                self.send_json(200, fake.workspace.handle(method, params))

            do_GET = _serve
            do_POST = _serve

        return Handler
