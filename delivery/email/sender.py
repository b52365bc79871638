"""Sending e-mail over SMTP with aiosmtplib, paced per server.

SMTP_URL: smtp://user:password@host:587 (STARTTLS whenever the server offers it) or
smtps://user:password@host:465 (TLS from the start). Every message carries a Message-ID
derived from its delivery's idempotency key, so a retry after a dropped connection sends
the same message again (which receiving systems treat as one), never a second one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

import aiosmtplib

from delivery.email.render import RenderedEmail
from delivery.errors import PermanentSendError, TransientSendError
from delivery.pacing import Pacer

TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class SmtpConfig:
    hostname: str
    port: int
    use_tls: bool  # smtps://: TLS from the start; otherwise STARTTLS when offered
    username: str | None
    password: str | None
    sender: str  # EMAIL_FROM

    @classmethod
    def from_url(cls, url: str, sender: str) -> SmtpConfig:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://user:password@host:587")
        tls = parts.scheme == "smtps"
        return cls(
            hostname=parts.hostname,
            port=parts.port or (465 if tls else 587),
            use_tls=tls,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            sender=sender,
        )

    @property
    def domain(self) -> str:
        address = parseaddr(self.sender)[1]
        return address.rpartition("@")[2] or self.hostname


def message_id(idempotency_key: str, domain: str) -> str:
    """The same Message-ID for every attempt at one delivery."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def build_message(
    rendered: RenderedEmail,
    *,
    sender: str,
    to: str,
    msg_id: str,
    unsubscribe_url: str,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(addr_spec=to)
    message["Subject"] = rendered.subject
    message["Message-ID"] = msg_id
    # RFC 8058 one-click unsubscribe: mail clients POST to this URL.
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    return message


def classify(exc: Exception) -> TransientSendError | PermanentSendError:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = [r.code for r in exc.recipients]
        if codes and all(500 <= c < 600 for c in codes):
            return PermanentSendError("email", f"smtp_{codes[0]}")
        return TransientSendError("email", f"smtp_{codes[0] if codes else 'refused'}")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        if 500 <= exc.code < 600:
            return PermanentSendError("email", f"smtp_{exc.code}")
        return TransientSendError("email", f"smtp_{exc.code}")
    if isinstance(exc, aiosmtplib.SMTPException | OSError | TimeoutError):
        return TransientSendError("email", type(exc).__name__)
    raise exc


class EmailSender:
    def __init__(self, config: SmtpConfig, pacer: Pacer) -> None:
        self.config = config
        self.pacer = pacer

    async def send(self, message: EmailMessage) -> str:
        """Send one message; return its Message-ID. One connection per message: a
        dropped connection costs only the message on it."""
        await self.pacer.acquire(f"smtp:{self.config.hostname}")
        config = self.config
        try:
            await aiosmtplib.send(
                message,
                hostname=config.hostname,
                port=config.port,
                username=config.username,
                password=config.password,
                use_tls=config.use_tls,
                start_tls=False if config.use_tls else None,  # None: when offered
                timeout=TIMEOUT_SECONDS,
            )
        except Exception as exc:  # noqa: BLE001 - classified into transient/permanent
            raise classify(exc) from None
        return str(message["Message-ID"])

    async def aclose(self) -> None:
        await self.pacer.aclose()
