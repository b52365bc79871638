"""Who gets today's lesson, when: local time in each learner's timezone, DST, quiet hours,
weekdays-only and vacations; the set-based tick agrees with the one-learner rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from delivery.queue import schedule_due_lessons
from delivery.scheduler import Schedule, due_local_date, in_quiet_hours
from storage.repositories import learners
from storage.repositories.outbound import BULK_QUEUED, DUE_LEARNERS_SQL


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_toronto_learner_is_due_at_nine_local_on_both_sides_of_dst() -> None:
    s = Schedule(timezone="America/Toronto", delivery_time=time(9, 0))
    # 2026-03-07 is EST (UTC-5), 2026-03-09 is EDT (UTC-4): 09:00 local moves in UTC.
    assert due_local_date(s, utc(2026, 3, 7, 13, 59)) is None
    assert due_local_date(s, utc(2026, 3, 7, 14, 0)) == date(2026, 3, 7)
    assert due_local_date(s, utc(2026, 3, 9, 12, 59)) is None
    assert due_local_date(s, utc(2026, 3, 9, 13, 0)) == date(2026, 3, 9)


def test_a_delivery_time_skipped_by_spring_forward_is_sent_right_after_the_gap() -> None:
    s = Schedule(timezone="America/Toronto", delivery_time=time(2, 30))
    # 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00 UTC): 02:30 never happens.
    assert due_local_date(s, utc(2026, 3, 8, 6, 59)) is None  # 01:59 EST
    assert due_local_date(s, utc(2026, 3, 8, 7, 0)) == date(2026, 3, 8)  # 03:00 EDT


def test_an_ambiguous_fall_back_time_is_due_from_its_first_occurrence() -> None:
    s = Schedule(timezone="America/Toronto", delivery_time=time(1, 30))
    # 2026-11-01: 01:30 EDT (05:30 UTC) then 01:30 EST (06:30 UTC).
    assert due_local_date(s, utc(2026, 11, 1, 5, 29)) is None
    assert due_local_date(s, utc(2026, 11, 1, 5, 30)) == date(2026, 11, 1)
    assert due_local_date(s, utc(2026, 11, 1, 6, 30)) == date(2026, 11, 1)  # same day's key


def test_kolkata_half_hour_offset() -> None:
    s = Schedule(timezone="Asia/Kolkata", delivery_time=time(9, 0))
    assert due_local_date(s, utc(2026, 6, 1, 3, 29)) is None
    assert due_local_date(s, utc(2026, 6, 1, 3, 30)) == date(2026, 6, 1)


def test_auckland_lesson_belongs_to_the_local_date_a_day_ahead_of_utc() -> None:
    s = Schedule(timezone="Pacific/Auckland", delivery_time=time(8, 0))
    # 2026-04-05 03:00 NZDT -> NZST. 8:00 NZST on 04-06 is 20:00 UTC on 04-05.
    assert due_local_date(s, utc(2026, 4, 5, 19, 59)) is None
    assert due_local_date(s, utc(2026, 4, 5, 20, 0)) == date(2026, 4, 6)
    # Before the change (NZDT, UTC+13): 8:00 on 04-04 is 19:00 UTC on 04-03.
    assert due_local_date(s, utc(2026, 4, 3, 19, 0)) == date(2026, 4, 4)


def test_quiet_hours_hold_the_lesson_until_they_end_even_across_midnight() -> None:
    assert in_quiet_hours(time(23, 0), time(22, 0), time(7, 0))
    assert in_quiet_hours(time(6, 59), time(22, 0), time(7, 0))
    assert not in_quiet_hours(time(7, 0), time(22, 0), time(7, 0))
    s = Schedule(
        timezone="Asia/Kolkata",
        delivery_time=time(6, 0),
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
    )
    assert due_local_date(s, utc(2026, 6, 1, 1, 0)) is None  # 06:30 IST, quiet
    assert due_local_date(s, utc(2026, 6, 1, 1, 30)) == date(2026, 6, 1)  # 07:00 IST


def test_weekends_vacations_and_paused_learners_get_nothing() -> None:
    saturday = utc(2026, 6, 6, 15, 0)
    assert due_local_date(Schedule(weekdays_only=True), saturday) is None
    assert due_local_date(Schedule(weekdays_only=False), saturday) == date(2026, 6, 6)
    away = Schedule(vacation_until=date(2026, 6, 6))
    assert due_local_date(away, saturday) is None
    assert due_local_date(away, saturday + timedelta(days=1)) == date(2026, 6, 7)
    assert due_local_date(Schedule(status="paused"), saturday) is None
    assert due_local_date(Schedule(status="opted_out"), saturday) is None
    assert due_local_date(Schedule(timezone="Mars/Olympus"), saturday) is None


SCHEDULES = [
    Schedule(timezone="America/Toronto", delivery_time=time(9, 0)),
    Schedule(timezone="America/Toronto", delivery_time=time(2, 30)),
    Schedule(timezone="America/Toronto", delivery_time=time(1, 30), weekdays_only=True),
    Schedule(
        timezone="Asia/Kolkata",
        delivery_time=time(6, 0),
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
    ),
    Schedule(
        timezone="Asia/Kolkata",
        delivery_time=time(13, 0),
        quiet_start=time(12, 0),
        quiet_end=time(14, 0),
    ),
    Schedule(
        timezone="Pacific/Auckland", delivery_time=time(8, 0), vacation_until=date(2026, 4, 6)
    ),
    Schedule(timezone="Pacific/Auckland", delivery_time=time(0, 0), status="paused"),
    Schedule(timezone="UTC", delivery_time=time(23, 59)),
]


@pytest.mark.parametrize(
    "now",
    [utc(2026, 3, 8, h, m) for h in range(0, 24, 3) for m in (0, 30)]
    + [utc(2026, 11, 1, h, 30) for h in range(0, 24, 2)]
    + [utc(2026, 4, 5, h, 0) for h in range(0, 24, 4)]
    + [utc(2026, 4, 6, 20, 0)],
)
async def test_the_set_based_tick_selects_exactly_the_learners_the_rule_says(
    session: AsyncSession, now: datetime
) -> None:
    ids = {}
    for i, s in enumerate(SCHEDULES):
        learner = await learners.create(
            session,
            name=f"Learner {i}",
            email=f"sched-{i}-{now.timestamp()}@example.com",
            timezone=s.timezone,
            delivery_time=s.delivery_time,
            quiet_hours_start=s.quiet_start,
            quiet_hours_end=s.quiet_end,
            weekdays_only=s.weekdays_only,
            vacation_until=s.vacation_until,
            status=s.status,
        )
        ids[learner.id] = s
    rows = (await session.execute(text(DUE_LEARNERS_SQL), {"now": now})).all()
    selected = {r.learner_id: r.local_date for r in rows if r.learner_id in ids}
    expected = {lid: d for lid, s in ids.items() if (d := due_local_date(s, now)) is not None}
    assert selected == expected


async def test_the_tick_claims_each_learner_once_a_day_and_again_the_next_day(
    session: AsyncSession,
) -> None:
    for i, zone in enumerate(["America/Toronto", "Asia/Kolkata", "Pacific/Auckland"]):
        await learners.create(
            session,
            name=f"Daily {i}",
            email=f"daily-{i}@example.com",
            timezone=zone,
            delivery_time=time(0, 1),
        )
    monday = utc(2026, 6, 1, 13, 0)  # past 00:01 local everywhere above
    assert await schedule_due_lessons(session, monday) == 3
    assert await schedule_due_lessons(session, monday + timedelta(minutes=1)) == 0
    assert await schedule_due_lessons(session, monday + timedelta(days=1)) == 3
    keys = (await session.scalars(text("SELECT idempotency_key FROM deliveries"))).all()
    assert len(keys) == len(set(keys)) == 6


async def test_a_large_push_leaves_the_job_fetch_on_its_index(session: AsyncSession) -> None:
    """After the morning tick queues thousands of jobs at once, the planner must know the
    queue is big: with the statistics of a near-empty table, every job fetch sorts the
    whole queue instead of reading its first job off the index."""
    await session.execute(
        text(
            "INSERT INTO learners (name, email, timezone, delivery_time) "
            "SELECT 'Bulk ' || g, 'bulk' || g || '@example.com', 'UTC', time '00:01' "
            "FROM generate_series(1, :n) AS g"
        ),
        {"n": BULK_QUEUED},
    )
    assert await schedule_due_lessons(session, utc(2026, 6, 1, 13, 0)) == BULK_QUEUED
    plan = "\n".join(
        (
            await session.execute(
                text(
                    "EXPLAIN SELECT id FROM procrastinate_jobs WHERE status = 'todo' "
                    "AND queue_name = ANY('{deliveries}') "
                    "ORDER BY priority DESC, id ASC LIMIT 1 FOR UPDATE SKIP LOCKED"
                )
            )
        ).scalars()
    )
    assert "Sort" not in plan, plan
