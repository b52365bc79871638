"""Sending to Slack DMs with the official AsyncWebClient, paced per workspace.

Every message carries Slack message metadata naming its delivery id. If a worker dies
after Slack accepted a message but before the outbox recorded it, the retry finds that
message in the DM's history (`find_delivered`) instead of sending a second copy.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from delivery.errors import PermanentSendError, TransientSendError
from delivery.pacing import Pacer
from delivery.slack.ids import ButtonSigner
from delivery.slack.signing import SigningWebClient
from storage.metrics import SLACK_RATE_LIMITED

METADATA_EVENT = "bmo_delivery"
# Errors that will not go away by retrying; the learner needs another channel.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "account_inactive",
        "channel_not_found",
        "is_archived",
        "cannot_dm_bot",
        "user_disabled",
        "not_in_channel",
        "invalid_auth",
        "token_revoked",
        "missing_scope",
        "msg_too_long",
        "invalid_blocks",
        "no_text",
    }
)


@dataclass(frozen=True)
class SentMessage:
    channel: str
    ts: str


def build_slack_client(
    token: str, base_url: str, timeout: int = 10, button_signer: ButtonSigner | None = None
) -> AsyncWebClient:
    """Retries are ours (paced, recorded in the outbox), so the SDK's own are switched off;
    quiz buttons leave signed."""
    return SigningWebClient(
        token=token,
        base_url=base_url,
        timeout=timeout,
        retry_handlers=[],
        button_signer=button_signer,
    )


def classify(exc: BaseException) -> TransientSendError | PermanentSendError:
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        code = str(exc.response.get("error") or f"http_{status}")
        if status == 429:
            retry_after = float(exc.response.headers.get("Retry-After", 1) or 1)
            return TransientSendError("slack", "ratelimited", retry_after=retry_after)
        if status < 500 and code in PERMANENT_ERRORS:
            return PermanentSendError("slack", code)
        return TransientSendError("slack", code)
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return TransientSendError("slack", "timeout")
    if isinstance(exc, aiohttp.ClientError | OSError):
        return TransientSendError("slack", type(exc).__name__)
    raise exc


class SlackSender:
    """`owns_session`: this sender opens (and closes) the client's pooled HTTP session;
    off for a client that manages its own (the Slack surface's)."""

    def __init__(self, client: AsyncWebClient, pacer: Pacer, *, owns_session: bool = True) -> None:
        self.client = client
        self.pacer = pacer
        self.owns_session = owns_session

    async def _call(self, team: str, method: str, **kwargs: Any) -> dict[str, Any]:
        if self.owns_session and self.client.session is None:
            # One pooled HTTP session for every call (the SDK would open one per call).
            self.client.session = aiohttp.ClientSession()
        try:
            response = await getattr(self.client, method)(**kwargs)
        except Exception as exc:  # noqa: BLE001 - classified into transient/permanent
            failure = classify(exc)
            if failure.code == "ratelimited":
                SLACK_RATE_LIMITED.labels(method.replace("_", ".")).inc()
            if failure.retry_after:
                await self.pacer.penalize(team, failure.retry_after)
            raise failure from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    async def open_dm(self, team: str, user_id: str) -> str:
        data = await self._call(team, "conversations_open", users=user_id)
        return str(data["channel"]["id"])

    async def post(
        self,
        team: str,
        channel: str,
        delivery_id: int,
        *,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
    ) -> SentMessage:
        await self.pacer.acquire(team)
        data = await self._call(
            team,
            "chat_postMessage",
            channel=channel,
            text=text,
            blocks=blocks,
            metadata={"event_type": METADATA_EVENT, "event_payload": {"delivery_id": delivery_id}},
            unfurl_links=False,
        )
        return SentMessage(channel=str(data.get("channel", channel)), ts=str(data["ts"]))

    async def find_delivered(
        self, team: str, channel: str, delivery_id: int, oldest: float
    ) -> SentMessage | None:
        """The message of `delivery_id` in the DM since `oldest` (epoch seconds), if any."""
        data = await self._call(
            team,
            "conversations_history",
            channel=channel,
            oldest=f"{oldest:.6f}",
            include_all_metadata=True,
            limit=50,
        )
        for message in data.get("messages", []):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == METADATA_EVENT and str(
                payload.get("delivery_id")
            ) == str(delivery_id):
                return SentMessage(channel=channel, ts=str(message["ts"]))
        return None

    async def aclose(self) -> None:
        session = getattr(self.client, "session", None)
        if self.owns_session and session is not None:
            await session.close()
