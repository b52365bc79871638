"""Which learners are due for today's lesson at a given UTC instant.

Two forms of one rule: `due_local_date` decides for one learner in Python (used where a
single learner is at hand), and `DUE_LEARNERS_SQL` decides for every learner in one
set-based statement (`storage.repositories.outbound`, used by the minute tick over
the whole table). Tests hold them equal.

The rule, in the learner's own IANA timezone: the local clock has reached the delivery
time today, the learner is active, not on vacation (vacation_until is the last day away),
not on a weekend when weekdays-only, and not inside quiet hours (a delivery time inside
quiet hours waits for them to end). Comparing the local wall clock with the delivery time
makes DST safe: a time skipped by a spring-forward is reached at the first instant after
the gap, and a time repeated by a fall-back is due from its first occurrence; the
idempotency key (learner + local date) keeps the second occurrence from sending again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class Schedule:
    timezone: str = "UTC"
    delivery_time: time = time(9, 0)
    quiet_start: time | None = None
    quiet_end: time | None = None
    weekdays_only: bool = False
    vacation_until: date | None = None
    status: str = "active"


def in_quiet_hours(local: time, start: time | None, end: time | None) -> bool:
    """Quiet hours may wrap midnight (22:00-07:00); equal bounds mean none."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def local_now(timezone: str, now: datetime) -> datetime | None:
    try:
        return now.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def due_local_date(schedule: Schedule, now: datetime) -> date | None:
    """The learner's local date whose lesson is due at `now` (aware UTC), or None."""
    if schedule.status != "active":
        return None
    local = local_now(schedule.timezone, now)
    if local is None:
        return None
    today, clock = local.date(), local.time().replace(tzinfo=None)
    if clock < schedule.delivery_time:
        return None
    if schedule.weekdays_only and today.isoweekday() >= 6:
        return None
    if schedule.vacation_until is not None and today <= schedule.vacation_until:
        return None
    if in_quiet_hours(clock, schedule.quiet_start, schedule.quiet_end):
        return None
    return today


def may_message_now(schedule: Schedule, now: datetime) -> bool:
    """Whether any message (e.g. a nudge) may reach the learner at `now`."""
    local = local_now(schedule.timezone, now)
    if local is None or schedule.status != "active":
        return False
    return not in_quiet_hours(
        local.time().replace(tzinfo=None), schedule.quiet_start, schedule.quiet_end
    )
