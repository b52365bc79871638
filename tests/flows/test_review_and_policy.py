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


def test_answers_become_ratings_by_correctness_alone() -> None:
    assert review.rating_for(False) == Rating.Again
    assert review.rating_for(True) == Rating.Good


def test_recall_is_fsrs_6_retrievability_over_whole_days() -> None:
    card = _studied(1, Rating.Good, NOW)[0]
    scheduler = review.SCHEDULER
    for hours in (0, 23, 24, 50, 24 * 30):
        later = NOW + timedelta(hours=hours)
        assert card.recall(later) == scheduler.get_card_retrievability(card.card, later)


def test_the_policy_predicts_the_stability_the_review_will_store() -> None:
    card = _studied(1, Rating.Good, NOW)[0]
    later = NOW + timedelta(days=4)
    for correct in (True, False):
        stored = review.review(card, review.rating_for(correct), later)
        assert review.stability_after(card, correct, later) == stored.card.stability


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


def _answers(cards: list[review.CardState], correct: bool) -> list[policy.Answer]:
    return [policy.Answer(c.question_id, c.topic_id, correct, c.last_review or NOW) for c in cards]


def test_a_new_learner_starts_where_no_prerequisite_is_needed() -> None:
    pick = policy.choose(policy.Snapshot(TOPICS, [], NOW))
    assert pick is not None and (pick.topic.slug, pick.kind) == ("basics", "new")


def test_a_prerequisite_is_a_soft_factor_not_a_gate() -> None:
    ranked = policy.candidates(policy.Snapshot(TOPICS, [], NOW))
    by_slug = {c.topic.slug: c for c in ranked}
    # APR needs basics, which is unknown: still a candidate, worth less than a topic
    # without prerequisites.
    assert set(by_slug) == {"basics", "apr", "fees"}
    assert 0 < by_slug["apr"].score < by_slug["fees"].score
    known = _studied(1, Rating.Good, NOW - timedelta(days=1))
    after = {c.topic.slug: c for c in policy.candidates(policy.Snapshot(TOPICS, known, NOW))}
    assert after["apr"].score > by_slug["apr"].score


def _review_to_new(snapshot: policy.Snapshot) -> float:
    ranked = policy.candidates(snapshot)
    review_score = max(c.score for c in ranked if c.kind == "review")
    return review_score / max(c.score for c in ranked if c.kind == "new")


def test_a_learner_who_forgets_fast_is_valued_with_more_reviews_than_one_who_does_not() -> None:
    taught = NOW - timedelta(days=4)
    first = _studied(1, Rating.Good, taught - timedelta(days=3))
    # Each question asked again alone three days later (a lesson's quiz is no evidence of
    # forgetting: the lesson has just re-taught it).
    again = [
        review.review(c, Rating.Good, taught + timedelta(hours=2 * i)) for i, c in enumerate(first)
    ]
    forgot = _answers(first, True) + _answers(again, False)
    remembered = _answers(first, True) + _answers(again, True)
    fast, slow = policy.forgetting(forgot), policy.forgetting(remembered)
    assert fast.recall(10.0, timedelta(days=5)) < slow.recall(10.0, timedelta(days=5))
    # Their cards as the product stores them: missed ones weigh more against a new topic.
    missed = [
        review.review(c, Rating.Again, a.card.last_review or NOW)
        for c, a in zip(first, again, strict=True)
    ]
    kept = [
        review.review(c, Rating.Good, a.card.last_review or NOW)
        for c, a in zip(first, again, strict=True)
    ]
    assert _review_to_new(policy.Snapshot(TOPICS, missed, NOW, answers=forgot)) > 2 * (
        _review_to_new(policy.Snapshot(TOPICS, kept, NOW, answers=remembered))
    )


def test_answers_to_a_lesson_that_re_taught_the_topic_say_nothing_about_forgetting() -> None:
    first = _studied(1, Rating.Good, NOW - timedelta(days=7))
    # The whole quiz right after the lesson re-taught it, days later: no evidence.
    relearned = [review.review(c, Rating.Again, NOW - timedelta(days=1)) for c in first]
    quiz = _answers(first, True) + _answers(relearned, False)
    assert policy.forgetting(quiz) == policy.forgetting([])
    # The same misses on questions asked alone do count.
    alone = [
        review.review(c, Rating.Again, NOW - timedelta(days=1, hours=2 * i))
        for i, c in enumerate(first)
    ]
    missed_alone = policy.forgetting(_answers(first, True) + _answers(alone, False))
    assert missed_alone.recall(10.0, timedelta(days=5)) < policy.forgetting([]).recall(
        10.0, timedelta(days=5)
    )


def test_a_lesson_answered_just_after_nine_yesterday_can_be_reviewed_at_nine_today() -> None:
    yesterday = NOW - timedelta(days=1) + timedelta(minutes=5)
    cards = _studied(1, Rating.Again, yesterday)
    ranked = policy.candidates(
        policy.Snapshot(TOPICS[:1], cards, NOW, {1: yesterday}, _answers(cards, False))
    )
    assert [(c.topic.slug, c.kind) for c in ranked] == [("basics", "review")]
    assert ranked[0].reason == "A review of Card basics: you missed it on Wednesday."


def test_a_learner_who_studied_everything_today_still_gets_a_lesson() -> None:
    cards = [c for t in TOPICS for c in _studied(t.id, Rating.Good, NOW - timedelta(hours=1))]
    pick = policy.choose(policy.Snapshot(TOPICS, cards, NOW))
    assert pick is not None and pick.kind == "review"
    assert policy.choose(policy.Snapshot([], [], NOW)) is None


def test_a_review_reason_quotes_a_miss_only_while_it_is_the_latest_answer() -> None:
    monday = NOW - timedelta(days=3)
    missed = _studied(1, Rating.Again, monday)
    made_up = [review.review(c, Rating.Good, NOW - timedelta(days=2)) for c in missed]
    answers = _answers(missed, False) + _answers(made_up, True)
    snap = policy.Snapshot(TOPICS[:1], made_up, NOW + timedelta(days=6), {1: monday}, answers)
    pick = policy.choose(snap)
    assert pick is not None and pick.kind == "review"
    assert "missed" not in pick.reason
