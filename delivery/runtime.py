"""What delivery jobs need, bundled: sessions, the senders of each channel, the lesson
composer and a few settings. The composition root builds it and hands it to the queue
worker as job context (and to the Slack surface for its replies)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery.slack.sender import SlackSender
from delivery.sms.sender import SmsSender
from flows.messages import LessonMessage

if TYPE_CHECKING:
    from delivery.channels import Channel
    from delivery.email.links import EmailLinks
    from delivery.email.sender import EmailSender

# Builds today's lesson for a learner; the delivery id goes into quiz buttons.
LessonComposer = Callable[[int, date, int], Awaitable[LessonMessage | None]]


@dataclass
class DeliveryConfig:
    sms_fallback_after_days: int = 3
    nudge_after_hours: int = 4
    default_team: str = "default"


@dataclass
class DeliveryRuntime:
    sessions: async_sessionmaker[AsyncSession]
    compose: LessonComposer | None = None  # None where no daily lesson is sent (replies)
    slack: SlackSender | None = None
    sms: SmsSender | None = None
    email: EmailSender | None = None
    email_links: EmailLinks | None = None  # signs answer and unsubscribe links
    config: DeliveryConfig = field(default_factory=DeliveryConfig)
    # Document ingestion job: the outcome it returns is recorded on the job.
    ingest: Callable[[str], Awaitable[Mapping[str, Any]]] | None = None
    regenerate: Callable[[], Awaitable[int]] | None = None  # stale lesson regeneration
    _channels: dict[str, Channel] | None = field(default=None, init=False, repr=False)

    def channels(self) -> dict[str, Channel]:
        """The configured channels by name, built once."""
        if self._channels is None:
            from delivery.channels import build_channels

            self._channels = build_channels(self)
        return self._channels

    async def aclose(self) -> None:
        for sender in (self.slack, self.sms, self.email):
            if sender is not None:
                await sender.aclose()
