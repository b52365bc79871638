"""Sending SMS through Twilio's Messages API with the official client, paced per number.

TWILIO_API_URL points the real client elsewhere (tests, proxies) by replacing the API
domain's base URL, the attribute every request URL is built from.
"""

from __future__ import annotations

from dataclasses import dataclass

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from delivery.errors import PermanentSendError, TransientSendError
from delivery.pacing import Pacer
from delivery.sms.http import TwilioHttpx

# Twilio error codes that retrying cannot fix.
PERMANENT_CODES = frozenset(
    {
        21211,  # invalid 'To' number
        21214,  # 'To' number cannot be reached
        21408,  # region not enabled
        21610,  # recipient replied STOP
        21612,  # cannot route to this number
        21614,  # not a mobile number
        21617,  # body too long
    }
)


@dataclass(frozen=True)
class TwilioConfig:
    account_sid: str
    auth_token: str
    from_number: str
    api_url: str = "https://api.twilio.com"
    status_callback_url: str | None = None  # PUBLIC_BASE_URL + /sms/status


def build_twilio_client(config: TwilioConfig) -> Client:
    client = Client(
        config.account_sid,
        config.auth_token,
        http_client=TwilioHttpx(timeout=10),
        environment={},  # credentials come from settings only, never the environment
    )
    client.api.base_url = config.api_url.rstrip("/")
    return client


def classify(exc: TwilioRestException) -> TransientSendError | PermanentSendError:
    code = int(exc.code or 0)
    if code in PERMANENT_CODES or (400 <= exc.status < 500 and exc.status not in (408, 429)):
        return PermanentSendError("sms", f"twilio_{code or exc.status}")
    retry_after = 1.0 if exc.status == 429 else None
    return TransientSendError("sms", f"twilio_{code or exc.status}", retry_after=retry_after)


class SmsSender:
    def __init__(self, client: Client, config: TwilioConfig, pacer: Pacer) -> None:
        self.client = client
        self.config = config
        self.pacer = pacer

    async def send(self, to: str, body: str, delivery_id: int | None = None) -> str:
        """Send `body` to `to` (E.164); return the message SID."""
        key = f"twilio:{self.config.from_number}"
        await self.pacer.acquire(key)
        callback = self.config.status_callback_url
        if callback and delivery_id is not None:
            callback = f"{callback}?delivery_id={delivery_id}"
        try:
            message = await self.client.messages.create_async(
                to=to,
                from_=self.config.from_number,
                body=body,
                **({"status_callback": callback} if callback else {}),
            )
        except TwilioRestException as exc:
            failure = classify(exc)
            if failure.retry_after:
                await self.pacer.penalize(key, failure.retry_after)
            raise failure from None
        except (TimeoutError, OSError) as exc:
            raise TransientSendError("sms", type(exc).__name__) from None
        return str(message.sid)

    async def aclose(self) -> None:
        http = self.client.http_client
        if isinstance(http, TwilioHttpx):
            await http.close()
