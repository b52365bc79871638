"""FSRS review state: one card per learner and question.

An answer becomes an FSRS rating (wrong = Again; right = Hard, Good or Easy by response
time). Lessons arrive at most daily, so the scheduler has no intra-day learning steps: a
first answer puts the card straight into day-scale review. Predicted recall of a card is
FSRS retrievability; a topic's mastery is the mean predicted recall of its cards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fsrs import Card, Rating, Scheduler, State

from storage.models import ReviewCard

# Right answers faster than this are Easy, slower than SLOW_MS are Hard.
FAST_MS = 8_000
SLOW_MS = 40_000

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_for(correct: bool, response_ms: int | None) -> Rating:
    if not correct:
        return Rating.Again
    if response_ms is None:
        return Rating.Good
    if response_ms <= FAST_MS:
        return Rating.Easy
    if response_ms >= SLOW_MS:
        return Rating.Hard
    return Rating.Good


@dataclass(frozen=True)
class CardState:
    """The FSRS part of a review card, independent of storage (the simulator uses it too)."""

    question_id: int
    topic_id: int
    card: Card
    lapses: int = 0
    reps: int = 0

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def last_review(self) -> datetime | None:
        return self.card.last_review

    def recall(self, now: datetime) -> float:
        return float(SCHEDULER.get_card_retrievability(self.card, now))


def new_card(question_id: int, topic_id: int, now: datetime) -> CardState:
    return CardState(question_id, topic_id, Card(card_id=question_id, due=now))


def review(state: CardState, rating: Rating, now: datetime) -> CardState:
    card, _ = SCHEDULER.review_card(state.card, rating, now)
    lapses = state.lapses + (1 if rating == Rating.Again and state.reps > 0 else 0)
    return CardState(state.question_id, state.topic_id, card, lapses, state.reps + 1)


class CardRow(Protocol):
    """A stored review card: a ReviewCard, or a row with the same columns."""

    question_id: int
    topic_id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int
    lapses: int


def from_row(row: CardRow | ReviewCard) -> CardState:
    card = Card(
        card_id=row.question_id,
        state=State(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
    )
    return CardState(row.question_id, row.topic_id, card, row.lapses, row.reps)


def row_fields(learner_id: int, state: CardState) -> dict[str, object]:
    """Columns for storage.repositories.learning.save_card."""
    card = state.card
    return {
        "learner_id": learner_id,
        "question_id": state.question_id,
        "topic_id": state.topic_id,
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due,
        "last_review": card.last_review,
        "reps": state.reps,
        "lapses": state.lapses,
    }


def mastery(cards: Iterable[CardState], now: datetime) -> float:
    """Mean predicted recall of the cards (0 when the topic was never studied)."""
    recalls = [c.recall(now) for c in cards]
    return sum(recalls) / len(recalls) if recalls else 0.0


def mastery_by_topic(cards: Iterable[CardState], now: datetime) -> dict[int, float]:
    grouped: dict[int, list[CardState]] = {}
    for c in cards:
        grouped.setdefault(c.topic_id, []).append(c)
    return {topic_id: mastery(group, now) for topic_id, group in grouped.items()}
