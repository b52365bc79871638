"""No acknowledged quiz answer is lost while database connections keep dropping.

About 50 signed clicks a second for 30 seconds (every tenth one double-clicked) while
every database connection of the app is terminated every half second. A click whose
grading failed was told "please try again"; clicking again must grade it. In the end every
acknowledged click is recorded exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import Counter

from sqlalchemy import insert, select, text

from bot.handlers.common import SORRY
from bot.logging import configure_logging
from bot.slack_app import LazyWorkQueue, button_signer
from delivery.slack.ids import AnswerPayload
from storage.db import create_engine
from storage.models import Learner, QuizResponse
from tests.bot.slack_harness import SlackHarness, fixture, slack_harness
from tests.support.fake_slack import FakeSlack

CLICKS_PER_SECOND = 50
SECONDS = int(os.environ.get("BMO_DROP_TEST_SECONDS", "30"))
DROP_EVERY = 0.5
LEARNERS = 400


def click(slack: SlackHarness, user: str, question_id: int) -> dict[str, object]:
    payload = fixture("block_actions_answer")
    payload["user"]["id"] = user
    value = AnswerPayload(question_id=question_id, option=0).encode()
    payload["actions"][0]["value"] = button_signer(slack.services.settings).sign(value)
    payload["actions"][0]["action_ts"] = f"{time.time():.6f}"
    del payload["message"], payload["channel"]  # graded and recorded; no message to edit
    return payload


async def drop_connections(database_url: str, stop: asyncio.Event) -> int:
    engine = create_engine(database_url)
    dropped = 0
    try:
        async with engine.connect() as conn:
            while not stop.is_set():
                dropped += int(
                    await conn.scalar(
                        text(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                            "AND backend_type = 'client backend'"
                        )
                    )
                    or 0
                )
                await conn.commit()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), DROP_EVERY)
    finally:
        await engine.dispose()
    return dropped


async def drained(slack: SlackHarness) -> None:
    lazy = slack.services.slack_lazy_work
    assert isinstance(lazy, LazyWorkQueue)
    assert await lazy.drain(120)


async def recorded(slack: SlackHarness) -> Counter[tuple[str, int]]:
    async with slack.services.sessions() as session:
        rows = await session.execute(
            select(Learner.slack_user_id, QuizResponse.question_id).join(
                Learner, Learner.id == QuizResponse.learner_id
            )
        )
        return Counter((str(user), int(question)) for user, question in rows.all())


async def test_no_acknowledged_answer_is_lost_or_doubled_while_connections_drop(
    database_url: str, fake_slack: FakeSlack
) -> None:
    configure_logging("WARNING", "json")  # as served: plain one-line tracebacks
    engine = create_engine(database_url)
    async with engine.begin() as conn:
        rows = [{"name": f"Learner {i}", "slack_user_id": f"U{i:05d}"} for i in range(LEARNERS)]
        await conn.execute(insert(Learner), rows)
    await engine.dispose()
    async with slack_harness(database_url, fake_slack) as slack:
        async with slack.services.sessions() as session:
            questions = [int(q) for q in (await session.scalars(text("SELECT id FROM questions")))]
        assert len(questions) >= 4
        wanted = [
            (f"U{n % LEARNERS:05d}", questions[(n // LEARNERS) % len(questions)])
            for n in range(CLICKS_PER_SECOND * SECONDS)
        ]
        assert len(set(wanted)) == len(wanted)

        acknowledged: set[tuple[str, int]] = set()
        stop = asyncio.Event()
        dropper = asyncio.create_task(drop_connections(database_url, stop))

        async def send(user: str, question: int) -> None:
            response = await slack.action(click(slack, user, question))
            if response.status_code == 200:
                acknowledged.add((user, question))

        started = time.monotonic()
        sends = []
        for n, (user, question) in enumerate(wanted):
            due = started + n / CLICKS_PER_SECOND
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            sends.append(asyncio.create_task(send(user, question)))
            if n % 10 == 0:  # a double click
                sends.append(asyncio.create_task(send(user, question)))
        await asyncio.gather(*sends)
        await drained(slack)
        stop.set()
        dropped = await dropper
        assert dropped >= SECONDS  # the faults really happened

        first_pass = await recorded(slack)
        missing = acknowledged - set(first_pass)
        # Every click not recorded was told so (and that clicking again is safe) ...
        apologised = Counter(p["channel"] for p in fake_slack.payloads("chat.postMessage"))
        for user, _ in missing:
            assert apologised["D" + user[1:]] >= 1, f"{user} lost an answer silently"
        # ... and clicking again grades it.
        await asyncio.gather(*(send(user, question) for user, question in missing))
        await drained(slack)
        final = await recorded(slack)
        assert acknowledged <= set(final), f"{len(acknowledged - set(final))} answers lost"
        assert [k for k, n in final.items() if n > 1] == []
        assert len(acknowledged) >= len(wanted) * 0.9
        sorry = [p for p in fake_slack.payloads("chat.postMessage") if p.get("text") == SORRY]
        print(
            f"\n{len(wanted)} clicks, {len(acknowledged)} acknowledged, {dropped} connections "
            f"dropped, {len(missing)} re-clicked after an apology ({len(sorry)} apologies), "
            f"0 lost, 0 doubled"
        )
