"""The dashboard: figures from storage/repositories/analytics.py, shaped for the API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from admin_api import schemas
from admin_api.resource import Resource, api
from storage.repositories.analytics import dashboard_figures

_BUCKET_LABELS = ["0-20%", "20-40%", "40-60%", "60-80%", "80-100%"]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


async def dashboard_data(session: AsyncSession, days: int) -> schemas.Dashboard:
    figures = await dashboard_figures(session, days)
    learners, completion, quiz, llm = (
        figures.learners,
        figures.completion,
        figures.quiz,
        figures.llm,
    )
    topics = [
        {**row, "accuracy": _number(row["accuracy"]), "mastery": _number(row["mastery"])}
        for row in figures.topics
    ]
    mastery = [
        {"bucket": _BUCKET_LABELS[row["bucket"]], "learners": row["learners"]}
        for row in figures.mastery
    ]
    engagement = [{**row, "day": row["day"].isoformat()} for row in figures.engagement]
    return schemas.Dashboard(
        window_days=days,
        generated_at=datetime.now(UTC),
        learners={k: int(v) for k, v in learners.items()},
        completion={**completion, "rate": _ratio(completion["completed"], completion["delivered"])},
        quiz={
            "answered": quiz["answered"],
            "correct": quiz["correct"],
            "accuracy": _ratio(quiz["correct"], quiz["answered"]),
            "median_response_ms": _number(quiz["median_response_ms"]),
        },
        topics=topics,
        mastery_distribution=mastery,
        engagement=engagement,
        channels=figures.channels,
        deliveries={k: int(v) for k, v in figures.deliveries.items()},
        llm={
            "calls": llm["calls"],
            "cached": llm["cached"],
            "cache_hit_rate": _ratio(llm["cached"], llm["calls"]),
            "cost_usd": round(float(llm["cost_usd"]), 6),
            "prompt_tokens": int(llm["prompt_tokens"]),
            "completion_tokens": int(llm["completion_tokens"]),
        },
    )


class Dashboard(Resource):
    path, tag = "/analytics/dashboard", "analytics"

    @api("Figures for the dashboard")
    async def get(self, query: schemas.DashboardQuery) -> schemas.Dashboard:
        return await dashboard_data(self.session, query.days)
