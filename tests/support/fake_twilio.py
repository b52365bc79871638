"""A real local HTTP server for Twilio's Messages API.

POST /2010-04-01/Accounts/{sid}/Messages.json answers like Twilio (201 with a message
resource), records every message, and can be scripted to fail: an error code such as
21211 (invalid number) with status 400, a 429, a 5xx, or a slow reply.
"""

from __future__ import annotations

import base64
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl

from bot.playground.local_http import JsonHandler, LocalService


@dataclass
class TwilioFailure:
    status: int = 500
    code: int | None = None
    message: str = "failure"
    delay_seconds: float = 0.0


@dataclass
class SentSms:
    sid: str
    to: str
    from_: str
    body: str
    status_callback: str | None
    at: float


class FakeTwilio(LocalService):
    def __init__(self, account_sid: str = "AC" + "0" * 32, auth_token: str = "secret") -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.sent: list[SentSms] = []
        self.attempts = 0
        self.delay_seconds = 0.0
        self._failures: list[TwilioFailure] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        super().__init__(self._handler_class())

    @property
    def base_url(self) -> str:
        return self.origin

    def fail_next(self, times: int = 1, **failure: Any) -> None:
        with self._lock:
            self._failures.extend(TwilioFailure(**failure) for _ in range(times))

    def to(self, number: str) -> list[SentSms]:
        with self._lock:
            return [m for m in self.sent if m.to == number]

    def _take(self) -> TwilioFailure | None:
        with self._lock:
            self.attempts += 1
            return self._failures.pop(0) if self._failures else None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self
        path = f"/2010-04-01/Accounts/{fake.account_sid}/Messages.json"
        expected_auth = (
            "Basic " + base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode()).decode()
        )

        class Handler(JsonHandler):
            _reply = JsonHandler.send_json

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if self.path.split("?")[0] != path:
                    self._reply(404, {"code": 20404, "message": "not found", "status": 404})
                    return
                if self.headers.get("Authorization") != expected_auth:
                    self._reply(401, {"code": 20003, "message": "Authenticate", "status": 401})
                    return
                if fake.delay_seconds:
                    time.sleep(fake.delay_seconds)
                failure = fake._take()
                if failure is not None:
                    time.sleep(failure.delay_seconds)
                    body = {"code": failure.code, "message": failure.message}
                    self._reply(failure.status, body | {"status": failure.status})
                    return
                sid = f"SM{next(fake._ids):032d}"
                sms = SentSms(
                    sid,
                    form.get("To", ""),
                    form.get("From", ""),
                    form.get("Body", ""),
                    form.get("StatusCallback"),
                    time.time(),
                )
                with fake._lock:
                    fake.sent.append(sms)
                self._reply(
                    201,
                    {
                        "sid": sid,
                        "account_sid": fake.account_sid,
                        "to": sms.to,
                        "from": sms.from_,
                        "body": sms.body,
                        "status": "queued",
                        "num_segments": "1",
                        "direction": "outbound-api",
                    },
                )

        return Handler

    def start(self) -> FakeTwilio:
        self._start_serving()
        return self


@contextmanager
def running_fake_twilio() -> Iterator[FakeTwilio]:
    fake = FakeTwilio().start()
    try:
        yield fake
    finally:
        fake.stop()
