"""Read-only figures for health checks and metrics."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

# Due jobs only: a job scheduled for tomorrow is not late. Its age counts from when it
# became due (scheduled time, or when it was deferred).
QUEUE_SQL = text(
    """
    SELECT j.queue_name,
           count(*) AS depth,
           coalesce(max(extract(epoch FROM now() - greatest(j.scheduled_at, e.at))), 0) AS age
    FROM procrastinate_jobs j
    LEFT JOIN LATERAL (
        SELECT min(at) AS at FROM procrastinate_events
        WHERE job_id = j.id AND type = 'deferred'
    ) e ON true
    WHERE j.status = 'todo' AND (j.scheduled_at IS NULL OR j.scheduled_at <= now())
    GROUP BY j.queue_name
    """
)


@dataclass(frozen=True)
class QueueFigure:
    queue: str
    depth: int
    oldest_age_seconds: float


async def queue_figures(conn: AsyncConnection) -> list[QueueFigure]:
    """Jobs waiting and due, and the age of the oldest, per queue that has any."""
    rows = (await conn.execute(QUEUE_SQL)).all()
    return [QueueFigure(str(r.queue_name), int(r.depth), float(r.age)) for r in rows]


async def ping(conn: AsyncConnection) -> None:
    """One round trip: raises when the database does not answer."""
    await conn.execute(text("SELECT 1"))
