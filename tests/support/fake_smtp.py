"""A real SMTP server for tests (aiosmtpd, in a thread of its own): it keeps what it
accepted in an inbox, and can be told to drop the connection in the middle of the next
sends, before it accepts the message (as a server that crashes or times out does)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.processes import free_port


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.attempts = 0  # DATA commands seen, accepted or not
        self.drop_next = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.attempts += 1
            drop = self.drop_next > 0
            if drop:
                self.drop_next -= 1
        if drop:
            server.transport.abort()  # gone before "250": the message was not accepted
            return "421 connection lost"
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self.messages.append(parsed)
        return "250 Message accepted for delivery"


class FakeSmtp:
    def __init__(self) -> None:
        self._inbox = _Inbox()
        self.port = free_port()
        self._controller = Controller(self._inbox, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self._inbox.messages)

    @property
    def attempts(self) -> int:
        return self._inbox.attempts

    def drop_next(self, times: int = 1) -> None:
        self._inbox.drop_next += times

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    async def await_messages(self, count: int, within: float = 10.0) -> list[EmailMessage]:
        deadline = time.monotonic() + within
        while len(self._inbox.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self._inbox.messages)}/{count} e-mails arrived")
            await asyncio.sleep(0.05)
        return self.messages

    def start(self) -> FakeSmtp:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


@contextmanager
def running_fake_smtp() -> Iterator[FakeSmtp]:
    fake = FakeSmtp().start()
    try:
        yield fake
    finally:
        fake.stop()
