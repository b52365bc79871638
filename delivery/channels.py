"""The channels a message can leave by, behind one small interface, and the order in
which a learner's channels are tried.

A channel knows whether it can reach a learner, how to render and send a message (its
sender paces), and how to look back for a message an interrupted attempt may have sent.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import outbox
from delivery.outbox import Sent
from delivery.slack.blocks import outbound_message
from delivery.slack.sender import SlackSender
from delivery.sms.sender import SmsSender
from delivery.sms.text import outbound_text
from flows.messages import LessonMessage, Nudge, Welcome
from storage.models import Learner

if TYPE_CHECKING:
    from delivery.runtime import DeliveryConfig, DeliveryRuntime

Content = LessonMessage | Nudge | Welcome
CHANNELS = ("slack", "sms", "email")
DEFAULT_ORDER = CHANNELS
RECONCILE_MARGIN = 120.0  # seconds of clock skew tolerated when searching history


class Channel(Protocol):
    name: str

    def reaches(self, learner: Learner) -> bool:
        """Whether this channel has an address for the learner and may use it."""
        ...

    async def send(
        self, learner: Learner, content: Content, delivery_id: int, key: str
    ) -> Sent: ...

    async def find_delivered(
        self, learner: Learner, delivery_id: int, key: str, since: datetime
    ) -> Sent | None:
        """The message an interrupted attempt sent, if this channel can tell."""
        ...


class SlackChannel:
    name = "slack"

    def __init__(
        self, sender: SlackSender, sessions: async_sessionmaker[AsyncSession], default_team: str
    ) -> None:
        self.sender = sender
        self.sessions = sessions
        self.default_team = default_team

    def reaches(self, learner: Learner) -> bool:
        return bool(learner.slack_user_id)

    def _team(self, learner: Learner) -> str:
        return learner.slack_team_id or self.default_team

    async def _dm(self, learner: Learner) -> str:
        if learner.slack_dm_channel:
            return learner.slack_dm_channel
        assert learner.slack_user_id
        channel = await self.sender.open_dm(self._team(learner), learner.slack_user_id)
        await outbox.remember_dm_channel(self.sessions, learner.id, channel)
        learner.slack_dm_channel = channel
        return channel

    async def send(self, learner: Learner, content: Content, delivery_id: int, key: str) -> Sent:
        text, blocks = outbound_message(content)
        team = self._team(learner)
        posted = await self.sender.post(
            team, await self._dm(learner), delivery_id, text=text, blocks=blocks
        )
        return Sent(self.name, posted.ts, posted.channel)

    async def find_delivered(
        self, learner: Learner, delivery_id: int, key: str, since: datetime
    ) -> Sent | None:
        oldest = since.timestamp() - RECONCILE_MARGIN
        team = self._team(learner)
        found = await self.sender.find_delivered(team, await self._dm(learner), delivery_id, oldest)
        return None if found is None else Sent(self.name, found.ts, found.channel)


class SmsChannel:
    """Twilio reports a message's SID to /sms/status; that is how an interrupted SMS
    attempt is found again (the outbox row holds it), so there is no history to search."""

    name = "sms"

    def __init__(self, sender: SmsSender) -> None:
        self.sender = sender

    def reaches(self, learner: Learner) -> bool:
        return bool(learner.phone) and not learner.sms_opted_out

    async def send(self, learner: Learner, content: Content, delivery_id: int, key: str) -> Sent:
        assert learner.phone
        sid = await self.sender.send(learner.phone, outbound_text(content), delivery_id)
        return Sent(self.name, sid, learner.phone)

    async def find_delivered(
        self, learner: Learner, delivery_id: int, key: str, since: datetime
    ) -> Sent | None:
        return None


def build_channels(runtime: DeliveryRuntime) -> dict[str, Channel]:
    found: dict[str, Channel] = {}
    if runtime.slack is not None:
        found["slack"] = SlackChannel(runtime.slack, runtime.sessions, runtime.config.default_team)
    if runtime.sms is not None:
        found["sms"] = SmsChannel(runtime.sms)
    if runtime.email is not None and runtime.email_links is not None:
        from delivery.email.channel import EmailChannel

        found["email"] = EmailChannel(runtime.email, runtime.email_links)
    return found


def parse_order(text: str | None) -> tuple[str, ...] | None:
    """A stored channel order ("slack,email"); None when unset or unreadable."""
    if not text:
        return None
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    return names if names and all(n in CHANNELS for n in names) else None


def channel_order(
    learner: Learner, reachable: set[str], config: DeliveryConfig, now: datetime
) -> list[str]:
    """The channels to try, in order. A learner's own order wins; otherwise Slack, SMS,
    e-mail, with the preferred channel first, or SMS first when the learner has not
    engaged for `sms_fallback_after_days`."""
    own = parse_order(learner.channel_order)
    if own is not None:
        return [name for name in own if name in reachable]
    order = list(DEFAULT_ORDER)
    since = learner.last_engaged_at or learner.created_at
    stale = since is not None and now - since > timedelta(days=config.sms_fallback_after_days)
    first = "sms" if stale and "sms" in reachable else learner.preferred_channel
    if first in order:
        order.remove(first)
        order.insert(0, first)
    return [name for name in order if name in reachable]
