"""Real queue workers pushing the daily lesson through the fake Slack and Twilio servers:
every learner gets exactly one lesson a day, or a failure admins can see."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from delivery.queue import schedule_due_lessons
from storage.db import transaction
from tests.delivery.support import TODAY, job_states, runtime_for, seed, wait_until_final, workers
from tests.support.fake_slack import FakeSlack

NINE_UTC = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def lessons_per_dm(fake_slack: FakeSlack) -> Counter[str]:
    return Counter(
        m.channel
        for m in fake_slack.messages
        if m.metadata and m.metadata.get("event_type") == "bmo_delivery"
    )


async def test_two_workers_under_rate_limits_outages_and_timeouts_send_each_lesson_once(
    database_url: str, fake_slack: FakeSlack
) -> None:
    world = await seed(database_url, 12)
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1, times=2)
    fake_slack.fail_next("chat.postMessage", times=2, status=503, error="service_unavailable")
    fake_slack.fail_next(
        "chat.postMessage", times=1, status=200, error="fatal_error", delay_seconds=3
    )  # longer than the client's time-out
    runtime = runtime_for(world, fake_slack, slack_timeout=1)
    try:
        async with transaction(world.sessions) as session:
            assert await schedule_due_lessons(session, NINE_UTC) == 12
        async with transaction(world.sessions) as session:  # a second tick queues nothing
            assert await schedule_due_lessons(session, NINE_UTC) == 0
        async with workers(database_url, runtime, count=2):
            rows = await wait_until_final(world, 12, timeout=90)
        assert sorted(r.status for r in rows) == ["sent"] * 12
        per_dm = lessons_per_dm(fake_slack)
        assert len(per_dm) == 12 and set(per_dm.values()) == {1}
        assert all(r.local_date == TODAY and r.provider_message_id for r in rows)
        assert max(r.attempts for r in rows) >= 2  # the failures were retried
        assert (await job_states(world)).get("succeeded") == 12
        # Every lesson carries its delivery id in its quiz buttons and metadata.
        by_ts = {m.ts: m for m in fake_slack.messages}
        for row in rows:
            posted = by_ts[row.provider_message_id or ""]
            assert posted.metadata == {
                "event_type": "bmo_delivery",
                "event_payload": {"delivery_id": row.id},
            }
            assert f'"d":{row.id}' in str(posted.blocks).replace(" ", "") or str(row.id) in str(
                posted.blocks
            )
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_learner_gone_from_slack_gets_the_lesson_by_sms_and_without_phone_a_failure(
    database_url: str, fake_slack: FakeSlack
) -> None:
    from tests.support.fake_twilio import running_fake_twilio

    world = await seed(database_url, 2, phones=True)
    async with transaction(world.sessions) as session:
        from sqlalchemy import update

        from storage.models import Learner

        await session.execute(
            update(Learner).where(Learner.id == world.learner_ids[1]).values(phone=None)
        )
    fake_slack.fail_next("conversations.open", times=2, error="user_not_found")
    with running_fake_twilio() as twilio:
        runtime = runtime_for(world, fake_slack, twilio)
        try:
            async with transaction(world.sessions) as session:
                await schedule_due_lessons(session, NINE_UTC)
            async with workers(database_url, runtime, count=1):
                rows = await wait_until_final(world, 2)
            by_learner = {r.learner_id: r for r in rows}
            texted = by_learner[world.learner_ids[0]]
            assert texted.status == "sent" and texted.channel == "sms"
            assert texted.error == "slack: user_not_found; sent by SMS"
            assert len(twilio.sent) == 1
            sms = twilio.sent[0]
            assert sms.body.endswith("Reply A, B, C or D") and texted.provider_message_id == sms.sid
            failed = by_learner[world.learner_ids[1]]
            assert failed.status == "failed" and failed.error == "slack: user_not_found"
            assert failed.attempts == 1  # permanent: not retried
            assert lessons_per_dm(fake_slack) == Counter()
        finally:
            await runtime.aclose()
            await world.engine.dispose()


async def test_an_invalid_phone_number_is_a_recorded_failure_not_a_retry_loop(
    database_url: str,
) -> None:
    from tests.support.fake_twilio import running_fake_twilio

    world = await seed(database_url, 1, phones=True, preferred_channel="sms")
    with running_fake_twilio() as twilio:
        twilio.fail_next(status=400, code=21211, message="The 'To' number is not valid.")
        runtime = runtime_for(world, None, twilio)
        try:
            async with transaction(world.sessions) as session:
                await schedule_due_lessons(session, NINE_UTC)
            async with workers(database_url, runtime, count=1):
                rows = await wait_until_final(world, 1)
            assert rows[0].status == "failed" and rows[0].error == "sms: twilio_21211"
            assert twilio.attempts == 1 and twilio.sent == []
        finally:
            await runtime.aclose()
            await world.engine.dispose()


async def test_twilio_rate_limits_and_outages_are_retried_until_the_text_goes_out(
    database_url: str,
) -> None:
    from tests.support.fake_twilio import running_fake_twilio

    world = await seed(database_url, 1, phones=True, preferred_channel="sms")
    with running_fake_twilio() as twilio:
        twilio.fail_next(status=429, code=20429, message="Too Many Requests")
        twilio.fail_next(status=503, code=None, message="unavailable")
        runtime = runtime_for(world, None, twilio)
        try:
            async with transaction(world.sessions) as session:
                await schedule_due_lessons(session, NINE_UTC)
            async with workers(database_url, runtime, count=1):
                rows = await wait_until_final(world, 1, timeout=60)
            assert rows[0].status == "sent" and rows[0].attempts == 3
            assert len(twilio.sent) == 1 and twilio.attempts == 3
        finally:
            await runtime.aclose()
            await world.engine.dispose()
