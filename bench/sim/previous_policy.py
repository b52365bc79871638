"""The next-topic policy as it was before the expected-gain policy, kept so the learner
simulator reports both (bench/results.md). Not used by the product."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from flows.review import CardState, mastery_by_topic

Kind = Literal["new", "review"]

# A new topic builds on its prerequisites only while they are recalled this well: a lesson
# on a half-forgotten foundation sticks poorly, so the foundation is reviewed first.
PREREQ_MASTERY = 0.9
# Value of starting a new topic, on the same scale as a review's recall lost (0..1).
NEW_TOPIC_VALUE = 0.45
# Extra value of reviewing a topic that unlocks a waiting new topic.
UNLOCK_BONUS = 0.5
# Reviews of a topic studied less than this many days ago are not worth a message.
MIN_REVIEW_GAP_DAYS = 1.0


@dataclass(frozen=True)
class TopicInfo:
    id: int
    slug: str
    title: str
    prerequisites: tuple[str, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class Snapshot:
    """What the product knows about a learner when choosing the next lesson."""

    topics: Sequence[TopicInfo]
    cards: Sequence[CardState]
    now: datetime
    last_missed: dict[int, datetime] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    topic: TopicInfo
    kind: Kind
    score: float
    mastery: float
    reason: str


def _unmet(
    topic: TopicInfo, by_slug: dict[str, TopicInfo], mastery: dict[int, float]
) -> list[TopicInfo]:
    return [
        by_slug[slug]
        for slug in topic.prerequisites
        if slug in by_slug and mastery.get(by_slug[slug].id, 0.0) < PREREQ_MASTERY
    ]


def foundation_mastery(snapshot: Snapshot) -> dict[int, float]:
    """Mastery for prerequisite checks: a topic missed at its latest study counts as not
    mastered (FSRS rates recall high just after a miss, because the answer was just shown)."""
    mastery = mastery_by_topic(snapshot.cards, snapshot.now)
    latest: dict[int, datetime] = {}
    for card in snapshot.cards:
        if card.last_review is not None:
            latest[card.topic_id] = max(
                card.last_review, latest.get(card.topic_id, card.last_review)
            )
    for topic_id, missed in snapshot.last_missed.items():
        if topic_id in latest and missed >= latest[topic_id] - timedelta(hours=1):
            mastery[topic_id] = 0.0
    return mastery


def unmet_prerequisites(snapshot: Snapshot, topic: TopicInfo) -> list[TopicInfo]:
    by_slug = {t.slug: t for t in snapshot.topics}
    return _unmet(topic, by_slug, foundation_mastery(snapshot))


def review_reason(topic: TopicInfo, recall: float, missed: datetime | None) -> str:
    if missed is not None:
        return f"A review of {topic.title}: you missed it on {missed:%A}."
    return f"A review of {topic.title}: your recall is down to about {round(recall * 100)}%."


def new_reason(topic: TopicInfo, by_slug: dict[str, TopicInfo]) -> str:
    known = [by_slug[s].title for s in topic.prerequisites if s in by_slug]
    if known:
        return f"Next up: {topic.title}, now that you know {known[-1]}."
    return f"Next up: {topic.title}, the next topic in your track."


def candidates(snapshot: Snapshot) -> list[Candidate]:
    """Every sensible next lesson, best first."""
    by_slug = {t.slug: t for t in snapshot.topics}
    mastery = mastery_by_topic(snapshot.cards, snapshot.now)
    last_seen: dict[int, datetime] = {}
    for card in snapshot.cards:
        seen = card.last_review or snapshot.now
        last_seen[card.topic_id] = max(seen, last_seen.get(card.topic_id, seen))
    foundations = foundation_mastery(snapshot)
    blocked_on: set[int] = set()
    found: list[Candidate] = []
    for order, topic in enumerate(sorted(snapshot.topics, key=lambda t: (t.position, t.id))):
        if topic.id in mastery:
            continue
        unmet = _unmet(topic, by_slug, foundations)
        if unmet:
            blocked_on.update(t.id for t in unmet if t.id in mastery)
            continue
        # Earlier topics in the track first; the tiny step keeps the order deterministic.
        score = NEW_TOPIC_VALUE - order * 1e-3
        found.append(Candidate(topic, "new", score, 0.0, new_reason(topic, by_slug)))
    for topic in snapshot.topics:
        if topic.id not in mastery:
            continue
        gap = (snapshot.now - last_seen[topic.id]).total_seconds() / 86_400
        if gap < MIN_REVIEW_GAP_DAYS:
            continue
        recall = mastery[topic.id]
        score = (1.0 - recall) + (UNLOCK_BONUS if topic.id in blocked_on else 0.0)
        reason = review_reason(topic, recall, snapshot.last_missed.get(topic.id))
        found.append(Candidate(topic, "review", score, recall, reason))
    return sorted(found, key=lambda c: (-c.score, c.topic.position, c.topic.id))


def choose(snapshot: Snapshot) -> Candidate | None:
    """The policy's pick, or None when the curriculum is empty."""
    ranked = candidates(snapshot)
    if ranked:
        return ranked[0]
    # Everything was studied today: review the weakest topic anyway.
    if not snapshot.topics:
        return None
    mastery = mastery_by_topic(snapshot.cards, snapshot.now)
    topic = min(snapshot.topics, key=lambda t: (mastery.get(t.id, 0.0), t.position, t.id))
    recall = mastery.get(topic.id, 0.0)
    reason = review_reason(topic, recall, snapshot.last_missed.get(topic.id))
    return Candidate(topic, "review", 1.0 - recall, recall, reason)
