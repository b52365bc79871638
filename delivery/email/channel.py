"""E-mail as a delivery channel: the learner's address, signed answer and unsubscribe
links, the rendered message and its Message-ID from the idempotency key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from delivery.email.links import EmailLinks
from delivery.email.render import render_email
from delivery.email.sender import EmailSender, build_message, message_id
from delivery.outbox import Sent
from flows.messages import LessonMessage, Nudge, Welcome
from storage.models import Learner


@dataclass
class EmailChannel:
    sender: EmailSender
    links: EmailLinks
    name: str = "email"

    def reaches(self, learner: Learner) -> bool:
        return bool(learner.email) and not learner.email_opted_out

    async def send(
        self, learner: Learner, content: LessonMessage | Nudge | Welcome, delivery_id: int, key: str
    ) -> Sent:
        assert learner.email
        quiz = content.quiz if isinstance(content, LessonMessage | Nudge) else None
        answer_links = {}
        if quiz is not None:
            graded_in = quiz.delivery_id or delivery_id  # a nudge's quiz belongs to the lesson
            answer_links = {
                o.index: self.links.answer_url(learner.id, graded_in, quiz.question_id, o.index)
                for o in quiz.options
            }
        unsubscribe = self.links.unsubscribe_url(learner.id)
        rendered = render_email(content, answer_links=answer_links, unsubscribe_url=unsubscribe)
        config = self.sender.config
        message = build_message(
            rendered,
            sender=config.sender,
            to=learner.email,
            msg_id=message_id(key, config.domain),
            unsubscribe_url=unsubscribe,
        )
        sent_id = await self.sender.send(message)
        # The outbox keeps 64 characters of each; the Message-ID's digest comes first.
        return Sent(self.name, sent_id[:64], learner.email[:64])

    async def find_delivered(
        self, learner: Learner, delivery_id: int, key: str, since: datetime
    ) -> Sent | None:
        """SMTP has no history to search: a retry sends the same Message-ID again."""
        return None
