"""Queue jobs as the admin API reports them: procrastinate's job row (its state and
arguments) with the outcome the task recorded on it, keyed by the job's id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_JOB_SQL = text(
    """
SELECT j.status::text AS status, j.args AS args, r.result AS result, r.error AS error,
       (SELECT min(e.at) FROM procrastinate_events e
         WHERE e.job_id = j.id AND e.type = 'deferred') AS created_at,
       (SELECT max(e.at) FROM procrastinate_events e
         WHERE e.job_id = j.id
           AND e.type IN ('succeeded', 'failed', 'cancelled', 'aborted')) AS finished_at
FROM procrastinate_jobs j
LEFT JOIN job_results r ON r.job_id = j.id
WHERE j.id = :id AND j.task_name = :task
"""
)
_RECORD_SQL = text(
    """
INSERT INTO job_results (job_id, result, error) VALUES (:id, CAST(:result AS jsonb), :error)
ON CONFLICT (job_id) DO UPDATE
SET result = excluded.result, error = excluded.error, recorded_at = now()
"""
)
BIGINT_MAX = 2**63 - 1
INGEST_DOCUMENT = "bmo:ingest_document"  # the task that ingests one stored document


@dataclass(frozen=True)
class QueueJob:
    status: str  # procrastinate's: todo, doing, succeeded, failed, cancelled, ...
    args: dict[str, Any]
    created_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None  # None until an attempt recorded an outcome
    error: str | None


async def queue_job(session: AsyncSession, job_id: int, task: str) -> QueueJob | None:
    """The job `job_id` of `task` with its latest recorded outcome, or None."""
    if not 0 < job_id <= BIGINT_MAX:
        return None
    row = (await session.execute(_JOB_SQL, {"id": job_id, "task": task})).one_or_none()
    if row is None:
        return None
    return QueueJob(
        status=row.status,
        args=dict(row.args or {}),
        created_at=row.created_at,
        finished_at=row.finished_at,
        result=None if row.result is None else dict(row.result),
        error=row.error,
    )


async def record_job_result(
    session: AsyncSession, job_id: int, result: dict[str, Any], error: str | None = None
) -> None:
    """The outcome of the job's latest attempt; a retry that succeeds replaces a failure."""
    await session.execute(
        _RECORD_SQL,
        {"id": job_id, "result": orjson.dumps(result).decode(), "error": error},
    )
