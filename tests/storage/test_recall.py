"""One mastery formula: the SQL recall the dashboard, the admin API and progress read
equals flows.review's FSRS-6 recall in Python, card by card."""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from flows import review
from storage.recall import RECALL
from storage.repositories import learning
from tests.flows import factories


async def test_sql_and_python_recall_agree_card_by_card(session: AsyncSession) -> None:
    cur = await factories.curriculum(session)
    who = await factories.learner(session)
    now = (await session.execute(text("SELECT now()"))).scalar_one()
    questions = [q for qs in cur.questions.values() for q in qs]
    ages = [timedelta(hours=h) for h in (1, 23, 25, 47, 24 * 6 + 5, 24 * 40, 24 * 200, 2, 30)]
    for question, age, rating in zip(
        questions, ages, [Rating.Good, Rating.Again, Rating.Easy] * 3, strict=True
    ):
        state = review.review(
            review.new_card(question.id, question.topic_id, now - age), rating, now - age
        )
        state = (
            review.review(state, Rating.Good, now - age / 3) if age > timedelta(days=3) else state
        )
        await learning.save_card(session, **review.row_fields(who.id, state))
    rows = (
        await session.execute(
            text(
                f"SELECT question_id, {RECALL} AS recall FROM review_cards WHERE learner_id = :id"
            ),
            {"id": who.id},
        )
    ).all()
    cards = {c.question_id: review.from_row(c) for c in await learning.cards_for(session, who.id)}
    assert len(rows) == len(questions)
    recalls = set()
    for question_id, sql_recall in rows:
        python_recall = cards[question_id].recall(now)
        assert abs(sql_recall - python_recall) < 1e-9
        recalls.add(round(python_recall, 3))
    assert len(recalls) > 4  # a spread of ages and stabilities, not one value
