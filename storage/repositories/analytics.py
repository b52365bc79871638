"""The admin dashboard's figures over a window of days, each from one set-based statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.recall import RECALL

LEARNERS = text("""
SELECT count(*) FILTER (WHERE erased_at IS NULL) AS total,
       count(*) FILTER (WHERE erased_at IS NULL AND status = 'active') AS enrolled_active,
       (SELECT count(DISTINCT learner_id) FROM quiz_responses
         WHERE created_at >= now() - make_interval(days => :days)) AS active
FROM learners
""")

COMPLETION = text("""
SELECT count(*) AS delivered,
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM quiz_responses q WHERE q.delivery_id = d.id)) AS completed
FROM deliveries d
WHERE d.kind IN ('lesson', 'quiz') AND d.status NOT IN ('pending', 'failed', 'skipped')
  AND d.created_at >= now() - make_interval(days => :days)
""")

QUIZ = text("""
SELECT count(*) AS answered, count(*) FILTER (WHERE correct) AS correct,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY response_ms) AS median_response_ms
FROM quiz_responses WHERE created_at >= now() - make_interval(days => :days)
""")

# Recall probability now by the FSRS forgetting curve, per card.
_RECALL = RECALL

TOPICS = text(f"""
WITH r AS (
  SELECT topic_id, count(*) AS answered, count(*) FILTER (WHERE correct) AS correct,
         count(DISTINCT learner_id) AS learners
  FROM quiz_responses
  WHERE created_at >= now() - make_interval(days => :days) AND topic_id IS NOT NULL
  GROUP BY topic_id
), m AS (
  SELECT topic_id, avg({_RECALL}) AS mastery FROM review_cards GROUP BY topic_id
)
SELECT t.slug, t.title, coalesce(r.answered, 0) AS answered, coalesce(r.learners, 0) AS learners,
       round(r.correct::numeric / nullif(r.answered, 0), 4) AS accuracy,
       round(m.mastery::numeric, 4) AS mastery
FROM topics t LEFT JOIN r ON r.topic_id = t.id LEFT JOIN m ON m.topic_id = t.id
WHERE r.topic_id IS NOT NULL OR m.topic_id IS NOT NULL
ORDER BY t.position, t.id
""")

MASTERY = text(f"""
WITH per_learner AS (
  SELECT learner_id, avg({_RECALL}) AS mastery FROM review_cards GROUP BY learner_id
), buckets AS (SELECT generate_series(0, 4) AS bucket)
SELECT b.bucket, count(p.learner_id) AS learners
FROM buckets b LEFT JOIN per_learner p ON least(floor(p.mastery * 5), 4) = b.bucket
GROUP BY b.bucket ORDER BY b.bucket
""")

ENGAGEMENT = text("""
WITH days AS (
  SELECT generate_series((now() AT TIME ZONE 'UTC')::date - (:days - 1),
                         (now() AT TIME ZONE 'UTC')::date, interval '1 day')::date AS day
), answers AS (
  SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS answers,
         count(DISTINCT learner_id) AS learners
  FROM quiz_responses WHERE created_at >= now() - make_interval(days => :days) GROUP BY 1
), sent AS (
  SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS deliveries
  FROM deliveries WHERE created_at >= now() - make_interval(days => :days) GROUP BY 1
)
SELECT days.day, coalesce(a.answers, 0) AS answers, coalesce(a.learners, 0) AS learners,
       coalesce(s.deliveries, 0) AS deliveries
FROM days LEFT JOIN answers a USING (day) LEFT JOIN sent s USING (day) ORDER BY days.day
""")

CHANNELS = text("""
SELECT channel, sum(deliveries)::int AS deliveries, sum(answers)::int AS answers FROM (
  SELECT channel, count(*) AS deliveries, 0 AS answers FROM deliveries
   WHERE created_at >= now() - make_interval(days => :days) GROUP BY channel
  UNION ALL
  SELECT channel, 0, count(*) FROM quiz_responses
   WHERE created_at >= now() - make_interval(days => :days) GROUP BY channel
) x GROUP BY channel ORDER BY channel
""")

DELIVERIES = text("""
SELECT count(*) FILTER (WHERE status = 'failed') AS failed,
       count(*) FILTER (WHERE status = 'pending') AS pending,
       count(*) AS total
FROM deliveries WHERE created_at >= now() - make_interval(days => :days)
""")

LLM = text("""
SELECT count(*) AS calls, count(*) FILTER (WHERE cached) AS cached,
       coalesce(sum(cost_usd), 0) AS cost_usd, coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
       coalesce(sum(completion_tokens), 0) AS completion_tokens
FROM llm_calls WHERE created_at >= now() - make_interval(days => :days)
""")


Figure = dict[str, Any]


@dataclass(frozen=True)
class DashboardFigures:
    learners: Figure
    completion: Figure
    quiz: Figure
    llm: Figure
    deliveries: Figure
    topics: list[Figure]
    mastery: list[Figure]
    engagement: list[Figure]
    channels: list[Figure]


async def dashboard_figures(session: AsyncSession, days: int) -> DashboardFigures:
    params = {"days": days}

    async def one(statement: Any) -> Figure:
        return dict((await session.execute(statement, params)).mappings().one())

    async def rows(statement: Any) -> list[Figure]:
        return [dict(row) for row in (await session.execute(statement, params)).mappings()]

    return DashboardFigures(
        learners=await one(LEARNERS),
        completion=await one(COMPLETION),
        quiz=await one(QUIZ),
        llm=await one(LLM),
        deliveries=await one(DELIVERIES),
        topics=await rows(TOPICS),
        mastery=await rows(MASTERY),
        engagement=await rows(ENGAGEMENT),
        channels=await rows(CHANNELS),
    )
