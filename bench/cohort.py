"""Cohort simulation: learners over simulated days through the real learning flows.

Every learner gets today's lesson (next-topic graph + lesson service) and answers its
questions (graded once, FSRS update) each simulated day, once with the offline composer
and once with an LLM served by a local OpenAI-compatible server. The two cohorts run at
the same time in two processes, each on its own database of one embedded PostgreSQL.
Reported: lesson reuse, LLM cache hit rate (goal >= 90%), LLM calls per learner per week,
messages per learner. The next topic is chosen by the deterministic policy (no agent).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import random
import re
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import uvloop
from sqlalchemy import func, select

from bench.common import Metric, base_parser, write_results
from bot.cli_demo import load_demo
from bot.lesson_wiring import build_lesson_services
from bot.logging import configure_logging
from bot.settings import load_settings
from flows import loop
from storage import migrate
from storage.db import create_engine, session_factory, transaction
from storage.embedded import EmbeddedPostgres
from storage.models import Learner, Lesson
from storage.repositories import learners as learner_repo
from tests.support.fake_openai import FakeOpenAI, json_reply

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PASSAGE_ID = re.compile(r'<passage id="(\d+)"')
# Learners served at once per cohort (the transactions in flight on the database).
CONCURRENCY = 16
MODES = ("offline", "llm")


def lesson_from_prompt(body: dict[str, Any]) -> dict[str, Any]:
    """A well-formed lesson citing the passages the prompt offered (the fake LLM's answer)."""
    prompt = "\n".join(str(m.get("content") or "") for m in body.get("messages", []))
    ids = [int(i) for i in PASSAGE_ID.findall(prompt)] or [0]
    topic = re.search(r"^Topic: (.+)$", prompt, re.MULTILINE)
    title = topic.group(1).strip() if topic else "Today's lesson"
    return json_reply(
        {
            "title": title[:140],
            "body": f"{title}: what the card programme handbook says and why it matters "
            "for everyday spending decisions at work.",
            "key_points": [f"Know the rules for {title.lower()}."],
            "scenario": "A colleague asks you how this applies to a client lunch.",
            "questions": [
                {
                    "stem": f"Which statement about {title.lower()} is right?",
                    "options": ["The handbook rule", "Anything goes", "Ask a friend", "Ignore"],
                    "correct_option": 0,
                    "explanation": "The handbook states the rule.",
                    "citation_chunk_id": ids[0],
                }
            ],
            "citation_chunk_ids": ids[:2],
        }
    )


@dataclass
class Outcome:
    learners: int
    days: int
    lessons_served: int = 0
    answers: int = 0
    messages: int = 0
    lessons_stored: int = 0
    llm_calls: int = 0
    seconds: float = 0.0


async def simulate(url: str, mode: str, n_learners: int, days: int, seed: int) -> Outcome:
    fake = FakeOpenAI().start() if mode == "llm" else None
    overrides: dict[str, Any] = {"embeddings": "none"}
    if fake is not None:
        fake.handler = lesson_from_prompt
        overrides |= {"openai_api_key": "sk-bench", "openai_base_url": fake.base_url}
    settings = load_settings(_env_file=None, **overrides)
    engine = create_engine(url, pool_size=CONCURRENCY)
    sessions = session_factory(engine)
    services = build_lesson_services(settings)
    try:
        await load_demo(sessions, settings, if_empty=False)
        async with transaction(sessions) as session:
            for i in range(n_learners):
                learner = await learner_repo.create(
                    session, name=f"Learner {i}", email=f"cohort-{mode}-{i}@example.com"
                )
                await learner_repo.enroll(session, learner.id, settings.default_track)
            ids = list((await session.scalars(select(Learner.id).order_by(Learner.id))).all())

        outcome = Outcome(learners=n_learners, days=days)
        rng = random.Random(seed)
        clock = {"now": START}
        deps = loop.loop_deps(services.lessons)
        deps.clock = lambda: clock["now"]
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one_day(learner_id: int, on: date, p_correct: float) -> None:
            async with gate, transaction(sessions) as session:
                learner = await learner_repo.get(session, learner_id)
                assert learner is not None
                message = await loop.todays_lesson(session, deps, learner, on=on)
                if message is None:
                    return
                outcome.lessons_served += 1
                outcome.messages += 1
                quiz = message.quiz
                while quiz is not None:
                    chosen = 0 if rng.random() < p_correct else rng.randrange(4)
                    feedback = await loop.answer(
                        session,
                        learner_id,
                        quiz.question_id,
                        chosen,
                        response_ms=rng.randint(4_000, 30_000),
                        now=clock["now"],
                    )
                    outcome.answers += 1
                    outcome.messages += 1  # the feedback the learner sees
                    quiz = feedback.next_quiz

        started = time.perf_counter()
        for day in range(days):
            clock["now"] = START + timedelta(days=day)
            on = clock["now"].date()
            await asyncio.gather(*(one_day(i, on, 0.75) for i in ids))
            print(f"  {mode}: day {day + 1}/{days}, {outcome.lessons_served} lessons", flush=True)
        outcome.seconds = time.perf_counter() - started
        async with sessions() as session:
            outcome.lessons_stored = int(await session.scalar(select(func.count(Lesson.id))) or 0)
        outcome.llm_calls = len(fake.bodies("/chat/completions")) if fake else 0
        return outcome
    finally:
        await services.aclose()
        await engine.dispose()
        if fake is not None:
            fake.stop()


def metrics_for(mode: str, o: Outcome) -> list[Metric]:
    weeks = o.days / 7
    reuse = 1 - o.lessons_stored / o.lessons_served if o.lessons_served else 0.0
    found = [
        Metric(f"{mode}: lessons served", o.lessons_served, "lessons"),
        Metric(f"{mode}: distinct lessons generated", o.lessons_stored, "lessons"),
        Metric(f"{mode}: lesson reuse", reuse * 100, "%", goal=90, higher_is_better=True),
        Metric(f"{mode}: messages per learner", o.messages / o.learners, "messages"),
        Metric(f"{mode}: simulated learner-days per second", o.learners * o.days / o.seconds, "/s"),
    ]
    if mode == "llm":
        hit_rate = 1 - o.llm_calls / o.lessons_served if o.lessons_served else 0.0
        found += [
            Metric(
                "llm: lesson requests answered without an LLM call",
                hit_rate * 100,
                "%",
                goal=90,
                higher_is_better=True,
            ),
            Metric(
                "llm: LLM calls per learner per week", o.llm_calls / o.learners / weeks, "calls"
            ),
        ]
    return found


def simulate_in_process(url: str, mode: str, n_learners: int, days: int) -> Outcome:
    """One cohort in a process of its own (the two cohorts then use both cores)."""
    configure_logging("WARNING")
    return uvloop.run(simulate(url, mode, n_learners, days, seed=7))


def run(n_learners: int, days: int) -> tuple[list[Metric], float]:
    metrics: list[Metric] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bmo-cohort-") as tmp:
        server = EmbeddedPostgres(Path(tmp))
        try:
            urls = {mode: server.start(database=f"cohort_{mode}") for mode in MODES}
            for url in urls.values():
                migrate.upgrade(url)
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(len(MODES), mp_context=context) as pool:
                futures = {
                    mode: pool.submit(simulate_in_process, urls[mode], mode, n_learners, days)
                    for mode in MODES
                }
                for mode in MODES:
                    metrics += metrics_for(mode, futures[mode].result())
        finally:
            server.stop()
    return metrics, time.perf_counter() - started


def main() -> None:
    args = base_parser(__doc__ or "").parse_args()
    n_learners, days = (60, 7) if args.quick else (900, 28)
    configure_logging("WARNING")
    metrics, seconds = run(n_learners, days)
    metrics.append(Metric("whole run (both cohorts at once)", seconds, "s"))
    write_results(
        "cohort",
        metrics,
        params={
            "learners": n_learners,
            "days": days,
            "concurrency_per_cohort": CONCURRENCY,
            "next_topic": "deterministic policy (no LLM agent)",
        },
    )


if __name__ == "__main__":
    main()
