"""What a learner sees of their own progress: "/learn progress", App Home, the topic list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from flows import policy, review
from flows.messages import DueReview, ProgressSummary, TopicMastery
from storage.models import Learner
from storage.repositories import content, deliveries, learners, learning


def streak(days: set[date], today: date) -> int:
    """Consecutive days with an answer, ending today (or yesterday: today is not over)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


async def _answer_days(session: AsyncSession, learner: Learner) -> set[date]:
    zone = ZoneInfo(learner.timezone or "UTC")
    return {at.astimezone(zone).date() for at in await learning.answer_times(session, learner.id)}


async def topic_status(session: AsyncSession, learner_id: int, now: datetime) -> list[TopicMastery]:
    """Every topic with the learner's mastery, and whether it can be started."""
    cards = [review.from_row(c) for c in await learning.cards_for(session, learner_id)]
    mastery = review.mastery_by_topic(cards, now)
    rows = await content.topics(session)
    infos = [
        policy.TopicInfo(t.id, t.slug, t.title, tuple(t.prerequisites), t.position) for t in rows
    ]
    snap = policy.Snapshot(infos, cards, now)
    return [
        TopicMastery(
            slug=t.slug,
            title=t.title,
            mastery_percent=round(mastery.get(t.id, 0.0) * 100),
            studied=t.id in mastery,
            available=t.id in mastery or not policy.unmet_prerequisites(snap, t),
        )
        for t in infos
    ]


async def summary(
    session: AsyncSession, learner: Learner, now: datetime, *, reviews: int = 3
) -> ProgressSummary:
    enrolments = await learners.enrollments(session, learner.id)
    completed = sum(e.lessons_completed for e in enrolments)
    answered = sum(e.questions_answered for e in enrolments)
    correct = sum(e.correct_answers for e in enrolments)
    topics = await topic_status(session, learner.id, now)
    titles = {t.id: (t.slug, t.title) for t in await content.topics(session)}
    upcoming: dict[int, datetime] = {}
    for card in await learning.cards_for(session, learner.id):
        upcoming[card.topic_id] = min(card.due, upcoming.get(card.topic_id, card.due))
    next_reviews = [
        DueReview(topic_slug=titles[t][0], topic_title=titles[t][1], due=due)
        for t, due in sorted(upcoming.items(), key=lambda kv: kv[1])[:reviews]
        if t in titles
    ]
    today = now.astimezone(ZoneInfo(learner.timezone or "UTC")).date()
    return ProgressSummary(
        learner_name=learner.name,
        status=learner.status,
        streak_days=streak(await _answer_days(session, learner), today),
        lessons_completed=completed,
        questions_answered=answered,
        correct_answers=correct,
        accuracy_percent=_percent(correct, answered),
        completion_rate_percent=_percent(
            completed, max(await deliveries.lessons_delivered(session, learner.id), completed)
        ),
        topics=[t for t in topics if t.studied] or topics,
        next_reviews=next_reviews,
        next_delivery=next_delivery(learner, now),
        timezone=learner.timezone or "UTC",
    )


def next_delivery(learner: Learner, now: datetime) -> datetime | None:
    """When the scheduled lesson arrives next (None when the learner is not active)."""
    if learner.status != "active":
        return None
    zone = ZoneInfo(learner.timezone or "UTC")
    local = now.astimezone(zone)
    day = local.date()
    if learner.vacation_until and learner.vacation_until >= day:
        day = learner.vacation_until + timedelta(days=1)
    for _ in range(8):
        candidate = datetime.combine(day, learner.delivery_time, zone)
        if candidate > local and not (learner.weekdays_only and candidate.weekday() >= 5):
            return candidate.astimezone(UTC)
        day += timedelta(days=1)
    return None
