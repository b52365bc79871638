"""FSRS review state: one card per learner and question.

An answer becomes an FSRS rating: wrong = Again, right = Good. Response time is not graded:
the time from delivery to answer measures when the learner opened the message more than
how easily they recalled it, and the simulator grades the same way. Lessons arrive at most
daily, so the scheduler has no intra-day learning steps: a first answer puts the card
straight into day-scale review. Predicted recall of a card is FSRS-6 retrievability
(`retrievability`, whole days elapsed as py-fsrs counts them; storage.recall holds the
same formula in SQL); a topic's mastery is the mean predicted recall of its cards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fsrs import Card, Rating, Scheduler, State

from storage.models import ReviewCard

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
# FSRS-6 forgetting curve R = (1 + FACTOR * t / S) ** DECAY, t in whole days.
DECAY = -SCHEDULER.parameters[20]
FACTOR = 0.9 ** (1 / DECAY) - 1


def rating_for(correct: bool) -> Rating:
    return Rating.Good if correct else Rating.Again


def retrievability(stability: float, elapsed_days: int) -> float:
    """FSRS-6 predicted recall after `elapsed_days` whole days (as py-fsrs computes it)."""
    return float((1 + FACTOR * max(0, elapsed_days) / stability) ** DECAY)


def stability_after(state: CardState, correct: bool, now: datetime) -> float:
    """The card's FSRS stability after an answer at `now` (what `review` would store),
    without building the new card: the policy asks this for every card it weighs."""
    card, rating = state.card, rating_for(correct)
    if card.stability is None or card.difficulty is None or card.last_review is None:
        return float(SCHEDULER.parameters[rating - 1])
    if (now - card.last_review).days < 1:
        return float(SCHEDULER._short_term_stability(stability=card.stability, rating=rating))
    return float(
        SCHEDULER._next_stability(
            difficulty=card.difficulty,
            stability=card.stability,
            retrievability=state.recall(now),
            rating=rating,
        )
    )


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
        if self.card.last_review is None or self.card.stability is None:
            return 0.0
        return retrievability(self.card.stability, (now - self.card.last_review).days)


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
