"""What gets queued to go out: idempotency keys, the minute tick, nudges and welcomes.

Every key format lives here, once, beside the statements that build keys in SQL. A key
names one logical message, so the outbox row (and the job that sends it) exists once
however many workers, ticks or clicks ask for it.

Jobs are created by procrastinate's own defer routine (`procrastinate_defer_jobs_v1`, the
function its `JobManager` calls), inside the same statement or transaction that claims
the outbox row: a claimed row always has its job, and a job always has its row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

QUEUE = "deliveries"
NAMESPACE = "bmo"  # task names in the jobs table are "bmo:<task>"
DELIVER_LESSON = f"{NAMESPACE}:deliver_lesson"
SEND_NUDGE = f"{NAMESPACE}:send_nudge"
SEND_WELCOME = f"{NAMESPACE}:send_welcome"
BULK_QUEUED = 1_000  # a tick that queues this many jobs refreshes the planner's statistics


def lesson_key(learner_id: int, local_date: date) -> str:
    return f"lesson:{learner_id}:{local_date.isoformat()}"


def nudge_key(learner_id: int, local_date: date) -> str:
    return f"nudge:{learner_id}:{local_date.isoformat()}"


def welcome_key(learner_id: int) -> str:
    return f"welcome:{learner_id}"


def reply_key(learner_id: int, lesson_id: int, request: str) -> str:
    """A lesson asked for with "Next lesson" or `/learn next`: once per learner, lesson
    and request (a retried click is the same request; asking again is a new one)."""
    return f"reply:{learner_id}:lesson:{lesson_id}:{request[:100]}"


# The same formats in SQL, for the statements that claim many rows at once.
_LESSON_KEY_SQL = "'lesson:' || {id} || ':' || to_char({day}, 'YYYY-MM-DD')"
_NUDGE_KEY_SQL = "'nudge:' || {id} || ':' || to_char({day}, 'YYYY-MM-DD')"


def _job_row(task: str, lock: str, queueing_lock: str, args: str) -> str:
    """One `procrastinate_job_to_defer_v1` value (queue, task, priority, lock, queueing
    lock, args, scheduled_at) built from SQL expressions."""
    return (
        f"ROW('{QUEUE}', '{task}', 0, {lock}, {queueing_lock}, {args}, NULL)"
        "::procrastinate_job_to_defer_v1"
    )


# Bind :now (timestamptz). Yields (learner_id, local_date) of learners due and not yet
# given today's lesson. Unknown timezone names are skipped instead of failing the tick.
DUE_LEARNERS_SQL = """
WITH zones AS (SELECT name FROM pg_timezone_names),
local AS (
    SELECT l.id, l.delivery_time, l.quiet_hours_start AS qs, l.quiet_hours_end AS qe,
           l.weekdays_only, l.vacation_until,
           (CAST(:now AS timestamptz) AT TIME ZONE l.timezone) AS local_ts
    FROM learners l
    WHERE l.status = 'active' AND l.erased_at IS NULL
      AND l.timezone IN (SELECT name FROM zones)
),
due AS (
    SELECT id AS learner_id, local_ts::date AS local_date, local_ts::time AS clock,
           qs, qe, weekdays_only, vacation_until, delivery_time
    FROM local
)
SELECT due.learner_id, due.local_date FROM due
WHERE clock >= delivery_time
  AND NOT (weekdays_only AND extract(isodow FROM local_date) >= 6)
  AND (vacation_until IS NULL OR local_date > vacation_until)
  AND NOT (
      qs IS NOT NULL AND qe IS NOT NULL AND qs <> qe AND (
          CASE WHEN qs < qe THEN clock >= qs AND clock < qe
               ELSE clock >= qs OR clock < qe END
      )
  )
  -- Not already claimed for that local date. A hashed NOT IN reads the recent lesson
  -- deliveries once; a correlated NOT EXISTS can be planned as a scan per learner that
  -- also walks the rows this same statement inserts, which is quadratic at 100k learners.
  AND (due.learner_id, due.local_date) NOT IN (
      SELECT d.learner_id, d.local_date FROM deliveries d
      WHERE d.kind = 'lesson' AND d.learner_id IS NOT NULL AND d.local_date IS NOT NULL
        AND d.local_date >= (CAST(:now AS timestamptz) AT TIME ZONE 'UTC')::date - 1
  )
"""

# One statement: claim the outbox rows of every due learner, then defer their jobs.
TICK_SQL = f"""
WITH due AS ({DUE_LEARNERS_SQL}),
claimed AS (
    INSERT INTO deliveries (learner_id, channel, kind, idempotency_key, status, local_date)
    SELECT due.learner_id, l.preferred_channel, 'lesson',
           {_LESSON_KEY_SQL.format(id="due.learner_id", day="due.local_date")},
           'queued', due.local_date
    FROM due JOIN learners l ON l.id = due.learner_id
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING learner_id, local_date, idempotency_key
)
SELECT coalesce(cardinality(procrastinate_defer_jobs_v1(ARRAY(
    SELECT {
    _job_row(
        DELIVER_LESSON,
        "NULL",
        "idempotency_key",
        "jsonb_build_object('learner_id', learner_id,"
        " 'local_date', to_char(local_date, 'YYYY-MM-DD'))",
    )
} FROM claimed
))), 0) AS queued
"""


async def schedule_due_lessons(session: AsyncSession, now: datetime) -> int:
    """Queue one delivery job per learner due at `now`; returns how many were queued."""
    queued = int((await session.execute(text(TICK_SQL), {"now": now})).scalar_one())
    if queued >= BULK_QUEUED:
        # Until autovacuum gets round to it, the planner believes the queue still holds
        # the few jobs it held before this push; the workers' job fetch then sorts every
        # queued job (~60 ms at 100k) instead of reading the first one off its index.
        await session.execute(text("ANALYZE procrastinate_jobs, deliveries"))
    return queued


@dataclass(frozen=True)
class NudgeCandidate:
    lesson_delivery_id: int
    learner_id: int
    local_date: date
    timezone: str
    quiet_hours_start: Any
    quiet_hours_end: Any
    status: str


# Sent lessons old enough to nudge, unanswered, whose learner has no nudge that day.
_NUDGE_CANDIDATES_SQL = f"""
SELECT d.id AS delivery_id, d.learner_id, d.local_date, l.timezone, l.quiet_hours_start,
       l.quiet_hours_end, l.status
FROM deliveries d JOIN learners l ON l.id = d.learner_id
WHERE d.kind = 'lesson' AND d.status = 'sent' AND d.local_date IS NOT NULL
  AND d.sent_at <= CAST(:now AS timestamptz) - make_interval(hours => :hours)
  AND d.sent_at > CAST(:now AS timestamptz) - interval '24 hours'
  AND l.status = 'active' AND l.erased_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM quiz_responses q
                  WHERE q.delivery_id = d.id AND q.learner_id = d.learner_id)
  AND NOT EXISTS (
      SELECT 1 FROM deliveries n
      WHERE n.idempotency_key = {_NUDGE_KEY_SQL.format(id="d.learner_id", day="d.local_date")}
  )
"""

_QUEUE_NUDGES_SQL = f"""
WITH wanted AS (
    SELECT * FROM unnest(CAST(:learners AS bigint[]), CAST(:lessons AS bigint[]),
                         CAST(:dates AS date[])) AS w(learner_id, lesson_delivery_id, local_date)
), claimed AS (
    INSERT INTO deliveries (learner_id, channel, kind, idempotency_key, status, local_date)
    SELECT learner_id, 'slack', 'nudge',
           {_NUDGE_KEY_SQL.format(id="learner_id", day="local_date")}, 'queued', local_date
    FROM wanted
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING learner_id, local_date, idempotency_key
)
SELECT coalesce(cardinality(procrastinate_defer_jobs_v1(ARRAY(
    SELECT {
    _job_row(
        SEND_NUDGE,
        "'learner:' || c.learner_id",
        "c.idempotency_key",
        "jsonb_build_object('learner_id', c.learner_id,"
        " 'lesson_delivery_id', w.lesson_delivery_id,"
        " 'local_date', to_char(c.local_date, 'YYYY-MM-DD'))",
    )
}
    FROM claimed c JOIN wanted w ON w.learner_id = c.learner_id AND w.local_date = c.local_date
))), 0) AS queued
"""


async def nudge_candidates(
    session: AsyncSession, now: datetime, hours: int
) -> list[NudgeCandidate]:
    rows = (await session.execute(text(_NUDGE_CANDIDATES_SQL), {"now": now, "hours": hours})).all()
    return [
        NudgeCandidate(
            lesson_delivery_id=r.delivery_id,
            learner_id=r.learner_id,
            local_date=r.local_date,
            timezone=r.timezone,
            quiet_hours_start=r.quiet_hours_start,
            quiet_hours_end=r.quiet_hours_end,
            status=r.status,
        )
        for r in rows
    ]


async def queue_nudges(session: AsyncSession, candidates: list[NudgeCandidate]) -> int:
    """Claim a nudge row per candidate (once a day) and defer its job; returns how many."""
    if not candidates:
        return 0
    result = await session.execute(
        text(_QUEUE_NUDGES_SQL),
        {
            "learners": [c.learner_id for c in candidates],
            "lessons": [c.lesson_delivery_id for c in candidates],
            "dates": [c.local_date for c in candidates],
        },
    )
    return int(result.scalar_one())


_QUEUE_WELCOME_SQL = f"""
WITH claimed AS (
    INSERT INTO deliveries (learner_id, channel, kind, idempotency_key, status)
    VALUES (:learner_id, 'slack', 'welcome', :key, 'queued')
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING learner_id, idempotency_key
)
SELECT coalesce(cardinality(procrastinate_defer_jobs_v1(ARRAY(
    SELECT {
    _job_row(
        SEND_WELCOME,
        "'learner:' || learner_id",
        "idempotency_key",
        "CAST(:args AS jsonb)",
    )
} FROM claimed
))), 0) AS queued
"""


async def queue_welcome(session: AsyncSession, learner_id: int, track: str | None) -> bool:
    """Claim the learner's welcome and defer its job, in the caller's transaction (so a
    learner created by it is welcomed exactly when the creation commits)."""
    args = json.dumps({"learner_id": learner_id, "track": track})
    result = await session.execute(
        text(_QUEUE_WELCOME_SQL),
        {"learner_id": learner_id, "key": welcome_key(learner_id), "args": args},
    )
    return int(result.scalar_one()) > 0


@dataclass(frozen=True)
class NudgeSubject:
    channel: str
    title: str | None
    answered: bool


_NUDGE_SUBJECT_SQL = """
SELECT d.channel, ls.title,
       EXISTS (SELECT 1 FROM quiz_responses q
               WHERE q.delivery_id = d.id AND q.learner_id = d.learner_id) AS answered
FROM deliveries d LEFT JOIN lessons ls ON ls.id = d.lesson_id
WHERE d.id = :delivery_id
"""


async def nudge_subject(session: AsyncSession, lesson_delivery_id: int) -> NudgeSubject | None:
    """The lesson delivery a nudge is about: its channel, title and whether it was answered."""
    row = (
        await session.execute(text(_NUDGE_SUBJECT_SQL), {"delivery_id": lesson_delivery_id})
    ).one_or_none()
    if row is None:
        return None
    return NudgeSubject(channel=row.channel, title=row.title, answered=bool(row.answered))
