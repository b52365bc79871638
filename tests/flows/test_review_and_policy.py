"""FSRS ratings and mastery, and the deterministic policy's choices, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Rating

from flows import policy, review

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
TOPICS = [
    policy.TopicInfo(1, "basics", "Card basics", (), 0),
    policy.TopicInfo(2, "apr", "APR", ("basics",), 1),
    policy.TopicInfo(3, "fees", "Fees", (), 2),
]


def _studied(topic_id: int, rating: Rating, at: datetime) -> list[review.CardState]:
    return [
        review.review(review.new_card(topic_id * 10 + k, topic_id, at), rating, at)
        for k in range(3)
    ]


def test_answers_become_ratings_by_correctness_and_speed() -> None:
    assert review.rating_for(False, 2_000) == Rating.Again
    assert review.rating_for(True, 3_000) == Rating.Easy
    assert review.rating_for(True, 20_000) == Rating.Good
    assert review.rating_for(True, 90_000) == Rating.Hard
    assert review.rating_for(True, None) == Rating.Good


def test_a_missed_question_is_due_sooner_and_remembered_less() -> None:
    right = _studied(1, Rating.Good, NOW)[0]
    wrong = _studied(1, Rating.Again, NOW)[0]
    later = NOW + timedelta(days=3)
    assert wrong.due < right.due
    assert wrong.recall(later) < right.recall(later) < 1.0
    assert review.mastery([], later) == 0.0


def test_cards_survive_the_round_trip_through_storage_columns() -> None:
    state = review.review(_studied(1, Rating.Good, NOW)[0], Rating.Again, NOW + timedelta(days=2))
    fields = review.row_fields(5, state)
    assert (fields["reps"], fields["lapses"], fields["topic_id"]) == (2, 1, 1)


def test_a_new_learner_starts_where_no_prerequisite_is_needed() -> None:
    pick = policy.choose(policy.Snapshot(TOPICS, [], NOW))
    assert pick is not None and (pick.topic.slug, pick.kind) == ("basics", "new")


def test_a_forgotten_prerequisite_is_reviewed_before_building_on_it() -> None:
    cards = _studied(1, Rating.Good, NOW - timedelta(days=20))
    pick = policy.choose(policy.Snapshot(TOPICS, cards, NOW))
    assert pick is not None and (pick.topic.slug, pick.kind) == ("basics", "review")
    assert pick.reason.startswith("A review of Card basics: your recall is down to about")


def test_a_fresh_prerequisite_unlocks_the_topic_built_on_it() -> None:
    cards = _studied(1, Rating.Easy, NOW - timedelta(days=1))
    pick = policy.choose(policy.Snapshot(TOPICS, cards, NOW))
    assert pick is not None and (pick.topic.slug, pick.kind) == ("apr", "new")


def test_a_topic_just_missed_is_neither_re_sent_the_same_day_nor_built_upon() -> None:
    missed_at = NOW - timedelta(hours=2)
    cards = _studied(1, Rating.Again, missed_at)
    ranked = policy.candidates(policy.Snapshot(TOPICS, cards, NOW, {1: missed_at}))
    assert all(c.topic.slug != "basics" for c in ranked)
    assert ranked[0].topic.slug == "fees"
