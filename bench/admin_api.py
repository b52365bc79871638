"""Benchmark: GET /api/v1/learners/{id}/progress on one uvicorn process.

Goals: >= 2,000 requests/s at saturation, and p95 <= 20 ms at a steady 500 requests/s.
The server is the admin API behind the same request middleware as `bmo serve` (request
id, Prometheus metrics). The load comes from a separate process (asyncio + aiohttp,
keep-alive connections). The paced phase is open-loop: each request's latency is counted
from the moment it was due, so a stalled server cannot hide its queueing delay.
Postgres and the load generator share the machine with the server, so the figures also
record their CPU per request: on two cores the three together set the ceiling.

    .venv/bin/python -m bench.admin_api          # full: 2,000 learners, 20 s + 30 s
    .venv/bin/python -m bench.admin_api --quick  # 200 learners, 5 s + 5 s
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiohttp
import httpx
import psutil

from bench.common import Metric, base_parser, percentile, write_results

if TYPE_CHECKING:
    from starlette.types import ASGIApp

# The server side is imported where it is used: the load-generator processes (spawned,
# so they import this module afresh) then start in a fraction of the time.
KEY_NAME, KEY_SECRET = "bench", "bench-key-0123456789abcdef"
SATURATION_GOAL_RPS = 2000.0
P95_GOAL_MS = 20.0
PACED_RPS = 500

SEED_SQL = [
    """INSERT INTO topics (slug, title, position)
       SELECT 'topic-' || n, 'Topic ' || n, n FROM generate_series(1, 8) n""",
    """INSERT INTO lessons (topic_id, cache_key, title, body, generator, source_hash)
       SELECT id, 'bench:' || id, title, 'body', 'offline', repeat('x', 64) FROM topics""",
    """INSERT INTO questions (lesson_id, topic_id, position, stem, options, correct_option,
                             explanation)
       SELECT l.id, l.topic_id, q, 'Question ' || q, '["A","B","C","D"]'::jsonb, 0, 'why'
       FROM lessons l, generate_series(0, 3) q""",
    """INSERT INTO learners (name, email)
       SELECT 'Learner ' || n, 'learner' || n || '@example.com'
       FROM generate_series(1, :learners) n""",
    """INSERT INTO enrollments (learner_id, track) SELECT id, 'business-credit-cards'
       FROM learners""",
    # Each learner has answered 20 of the 32 questions and holds a review card for each.
    """INSERT INTO quiz_responses (learner_id, question_id, topic_id, chosen_option, correct,
                                  response_ms, channel, created_at)
       SELECT l.id, q.id, q.topic_id, (l.id + q.id) % 2, (l.id + q.id) % 2 = 0, 5000,
              'slack', now() - make_interval(days => (q.id % 14)::int)
       FROM learners l JOIN questions q ON q.id % 32 < 20""",
    """INSERT INTO review_cards (learner_id, question_id, topic_id, state, stability,
                                difficulty, due, last_review, reps)
       SELECT learner_id, question_id, topic_id, 2, 3.5, 5.0, now() + interval '1 day',
              created_at, 1 FROM quiz_responses""",
    "ANALYZE",
]


def create_app() -> ASGIApp:
    """uvicorn factory for the server process: the admin API's routes, wrapped as
    `bot.server.build_app` wraps them."""
    from starlette.applications import Starlette

    from admin_api.auth import ApiKey
    from admin_api.deps import AdminConfig, AdminServices
    from admin_api.routes import admin_routes
    from bot.metrics import MetricsMiddleware
    from bot.server import RequestContext
    from storage.db import create_engine, session_factory

    engine = create_engine(os.environ["BENCH_ADMIN_DATABASE_URL"], pool_size=10)
    config = AdminConfig(
        keys=[ApiKey(KEY_NAME, KEY_SECRET, "analyst")],
        document_dir=Path(os.environ.get("BENCH_ADMIN_DOCUMENT_DIR", ".bmo/documents")),
        rate_limit_per_minute=10**9,
        database_url=os.environ["BENCH_ADMIN_DATABASE_URL"],
    )
    app = Starlette(routes=admin_routes(AdminServices(config, session_factory(engine))))
    return RequestContext(MetricsMiddleware(app))


async def _seed(url: str, learners: int) -> None:
    from sqlalchemy import text

    from storage.db import create_engine

    engine = create_engine(url, pool_size=1)
    async with engine.begin() as conn:
        for statement in SEED_SQL:
            await conn.execute(
                text(statement), {"learners": learners} if ":learners" in statement else {}
            )
    await engine.dispose()


async def _saturate(base: str, learners: int, seconds: float, concurrency: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {KEY_SECRET}"}
    done = errors = 0
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base, headers=headers, connector=connector) as client:

        async def worker() -> None:
            nonlocal done, errors
            while time.perf_counter() < deadline:
                learner = random.randint(1, learners)
                async with client.get(f"/api/v1/learners/{learner}/progress") as response:
                    await response.read()
                    if response.status == 200:
                        done += 1
                    else:
                        errors += 1

        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "rps": done / elapsed,
        "requests": done,
        "errors": errors,
        "seconds": elapsed,
        "cpu_seconds": cpu,
    }


async def _paced(base: str, learners: int, seconds: float, rate: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {KEY_SECRET}"}
    latencies: list[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=200)
    async with aiohttp.ClientSession(base, headers=headers, connector=connector) as client:

        async def one(due: float) -> None:
            nonlocal errors
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            learner = random.randint(1, learners)
            async with client.get(f"/api/v1/learners/{learner}/progress") as response:
                await response.read()
                if response.status != 200:
                    errors += 1
            latencies.append((time.perf_counter() - due) * 1000)

        start = time.perf_counter() + 0.2
        total = int(seconds * rate)
        await asyncio.gather(*(one(start + i / rate) for i in range(total)))
    return {
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "requests": len(latencies),
        "errors": errors,
    }


def _load(base: str, learners: int, phase: str, seconds: float, queue: Any) -> None:
    """Runs in the load-generator process."""
    if phase == "saturate":
        queue.put(asyncio.run(_saturate(base, learners, seconds, concurrency=64)))
    else:
        queue.put(asyncio.run(_paced(base, learners, seconds, PACED_RPS)))


def _run_load(base: str, learners: int, phase: str, seconds: float) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    proc = context.Process(target=_load, args=(base, learners, phase, seconds, queue))
    proc.start()
    result = queue.get(timeout=seconds + 120)
    proc.join(timeout=30)
    return dict(result)


def _postgres_cpu(database: str) -> float:
    """CPU seconds used so far by the local Postgres backends connected to `database`."""
    total = 0.0
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if f" {database} " in " ".join(proc.info["cmdline"] or ()):
                times = proc.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def _start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BENCH_ADMIN_DATABASE_URL": url}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "bench.admin_api:create_app",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
            "--loop",
            "uvloop",
            "--http",
            "httptools",
        ],
        env=env,
    )


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("server did not start")


def main() -> None:
    from tests.support.postgres import TestPostgres
    from tests.support.processes import free_port

    args = base_parser(__doc__ or "").parse_args()
    learners = 200 if args.quick else 2000
    saturate_s, paced_s = (5.0, 5.0) if args.quick else (20.0, 30.0)
    postgres = TestPostgres(os.environ.get("BENCH_DATABASE_URL"))
    server = None
    try:
        url = postgres.fresh_database()
        asyncio.run(_seed(url, learners))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = _start_server(url, port)
        _wait(base, server)
        _run_load(base, learners, "saturate", 2.0)  # warm-up: pools, prepared statements
        database = url.rsplit("/", 1)[1].split("?")[0]
        cpu_before = psutil.Process(server.pid).cpu_times()
        pg_before = _postgres_cpu(database)
        saturation = _run_load(base, learners, "saturate", saturate_s)
        cpu_after = psutil.Process(server.pid).cpu_times()
        pg_s = _postgres_cpu(database) - pg_before
        cpu_s = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
        paced = _run_load(base, learners, "paced", paced_s)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        postgres.close()
    requests = max(1, saturation["requests"])
    metrics = [
        Metric(
            "saturation throughput",
            round(saturation["rps"], 1),
            "requests/s",
            SATURATION_GOAL_RPS,
            higher_is_better=True,
        ),
        Metric(
            f"p95 latency at {PACED_RPS} requests/s", round(paced["p95_ms"], 2), "ms", P95_GOAL_MS
        ),
        Metric(f"p50 latency at {PACED_RPS} requests/s", round(paced["p50_ms"], 2), "ms"),
        Metric(f"p99 latency at {PACED_RPS} requests/s", round(paced["p99_ms"], 2), "ms"),
        # Server CPU per request does not depend on what else the machine is doing.
        Metric("server CPU per request", round(cpu_s * 1000 / requests, 3), "ms"),
        # What shares the machine with the server (0 when Postgres is not local).
        Metric("Postgres CPU per request", round(pg_s * 1000 / requests, 3), "ms"),
        Metric(
            "load generator CPU per request",
            round(saturation["cpu_seconds"] * 1000 / requests, 3),
            "ms",
        ),
        Metric("machine load average (1 min) at the end", round(os.getloadavg()[0], 2), ""),
        Metric("failed requests", saturation["errors"] + paced["errors"], "requests", 0),
    ]
    write_results(
        "admin_api",
        metrics,
        params={
            "endpoint": "GET /api/v1/learners/{id}/progress",
            "learners": learners,
            "saturation_seconds": saturate_s,
            "saturation_concurrency": 64,
            "paced_seconds": paced_s,
            "paced_rate": PACED_RPS,
            "server": "one uvicorn process (uvloop, httptools), request-id and metrics "
            "middleware, rate limit in memory",
            "load_generator": "separate process, aiohttp keep-alive",
            "quick": args.quick,
        },
    )


if __name__ == "__main__":
    main()
