"""A real SMTP server for tests (aiosmtpd, in a thread of its own): it keeps what it
accepted in an inbox, and can be told to drop the connection in the middle of the next
sends, before it accepts the message (as a server that crashes or times out does)."""

from __future__ import annotations

import asyncio
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

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
    """`tls` offers STARTTLS (and then requires it); `account` (user, password) requires
    authentication, which aiosmtpd allows only over TLS."""

    def __init__(
        self, tls: ssl.SSLContext | None = None, account: tuple[str, str] | None = None
    ) -> None:
        self._inbox = _Inbox()
        self.port = free_port()
        self.logins: list[str] = []
        options: dict[str, Any] = {}
        if tls is not None:
            options.update(tls_context=tls, require_starttls=True)
        if account is not None:
            options.update(auth_required=True, authenticator=self._authenticator(account))
        self._controller = Controller(self._inbox, hostname="127.0.0.1", port=self.port, **options)

    def _authenticator(self, account: tuple[str, str]) -> Any:
        def check(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            user = data.login.decode() if isinstance(data, LoginPassword) else ""
            ok = isinstance(data, LoginPassword) and (user, data.password.decode()) == account
            if ok:
                self.logins.append(user)
            return AuthResult(success=ok)

        return check

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
def running_fake_smtp(
    tls: ssl.SSLContext | None = None, account: tuple[str, str] | None = None
) -> Iterator[FakeSmtp]:
    fake = FakeSmtp(tls, account).start()
    try:
        yield fake
    finally:
        fake.stop()
