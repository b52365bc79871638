"""Quiz clicks under load: how fast Slack gets its ack, and how fast the learner sees feedback.

Starts `bmo serve` (a real uvicorn process) in HTTP mode against a fresh database with
a seeded track and pre-enrolled learners, and a fake Slack Web API in a process of its
own. Sends correctly signed block_actions (one answer click per learner) at a steady
open-loop rate and measures, per click:

- ack: request sent -> HTTP response received (Slack's 3 s budget; goal p99 <= 50 ms);
- feedback: request sent -> chat.update received by the fake Slack (goal p95 <= 250 ms),
  with the offline lesson generator (no LLM in the path);
- cpu per click: the server process's CPU time (user + system) from the first click until
  the last feedback arrived, divided by the clicks (at 200 clicks/s one core allows 5 ms).

The machine's load average before and after the load is recorded with the figures: on a
shared machine other work competes for the same cores.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import insert

from bench.common import Metric, base_parser, percentile, write_results
from delivery.slack.blocks import lesson_blocks
from delivery.slack.ids import AnswerPayload, ButtonSigner
from flows.messages import LessonMessage, QuizOption, QuizPrompt
from storage.db import create_engine, session_factory
from storage.models import Learner
from tests.bot.slack_harness import seed_track
from tests.support.postgres import TestPostgres
from tests.support.processes import clean_env, free_port, start_bmo, wait_ready

SECRET = "bench-signing-secret-0123456789"
SIGNER = ButtonSigner.derive(SECRET)  # the key the served app derives from the same secret
CHANNEL = "DBENCH"
GOAL_ACK_P99_MS = 50.0
GOAL_FEEDBACK_P95_MS = 250.0
WARM_UP = 20
# Fresh user ids per run: answer de-duplication keys in Redis outlive the database.
RUN = secrets.token_hex(2).upper()


def user_id(i: int) -> str:
    return f"UB{RUN}{i:07d}"


def signed(body: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
    }


async def prepare(url: str, learners: int) -> int:
    """Seed the track and enrol `learners` learners; returns a question id to answer."""
    engine = create_engine(url)
    async with session_factory(engine)() as session, session.begin():
        question_ids = await seed_track(session)
        rows = [{"name": f"Learner {i}", "slack_user_id": user_id(i)} for i in range(learners)]
        await session.execute(insert(Learner), rows)
    await engine.dispose()
    return question_ids[0]


def click_body(i: int, question_id: int, blocks: list[dict[str, object]]) -> str:
    value = SIGNER.sign(AnswerPayload(question_id=question_id, option=i % 3).encode())
    ts = f"{1_700_000_000 + i}.000100"
    payload = {
        "type": "block_actions",
        "user": {"id": user_id(i), "team_id": "TBENCH"},
        "team": {"id": "TBENCH"},
        "channel": {"id": CHANNEL},
        "container": {"type": "message", "message_ts": ts, "channel_id": CHANNEL},
        "message": {"ts": ts, "text": "Today's lesson", "blocks": blocks},
        "trigger_id": f"trigger-{i}",
        "actions": [
            {
                "action_id": f"quiz_answer_{i % 3}",
                "block_id": "quiz_answers",
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def lesson_view(question_id: int) -> list[dict[str, object]]:
    quiz = QuizPrompt(
        question_id=question_id,
        stem="When is the annual fee charged?",
        options=[
            QuizOption(index=0, label="A", text="On the account anniversary"),
            QuizOption(index=1, label="B", text="Every month"),
            QuizOption(index=2, label="C", text="Never"),
        ],
    )
    lesson = LessonMessage(
        lesson_id=1,
        topic_slug="fees",
        topic_title="Annual fees",
        title="Annual fees, part 1",
        body="The annual fee is charged on the account anniversary. " * 8,
        key_points=["Charged once a year", "Some cards waive it"],
        quiz=quiz,
    )
    return lesson_blocks(lesson)


async def load(
    base: str, rate: int, seconds: int, question_id: int, offset: int = 0
) -> tuple[list[float], dict[int, float], int]:
    """Clicks by learners offset..offset+rate*seconds, evenly spaced (open loop)."""
    blocks = lesson_view(question_id)
    total = rate * seconds
    bodies = {i: click_body(i, question_id, blocks) for i in range(offset, offset + total)}
    acks: list[float] = []
    sent_at: dict[int, float] = {}
    errors = 0
    # A plain HTTP/1.1 client on keep-alive connections: at 200 requests/s a full client
    # library costs the load generator more CPU than the server's ack, and its own queueing
    # would be counted as ack time. Each request is the same signed POST as before.
    host, port = base.removeprefix("http://").split(":")
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    def request_bytes(i: int) -> bytes:
        body = bodies[i].encode()
        head = "".join(f"{k}: {v}\r\n" for k, v in signed(bodies[i]).items())
        return (
            f"POST /slack/events HTTP/1.1\r\nHost: {host}:{port}\r\n{head}"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body

    async def exchange(data: bytes) -> int:
        conn = idle.pop() if idle else await asyncio.open_connection(host, int(port))
        reader, writer = conn
        writer.write(data)
        status_line = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length:
            await reader.readexactly(length)
        idle.append(conn)
        return int(status_line.split()[1])

    async def one(i: int) -> None:
        nonlocal errors
        data = request_bytes(i)
        sent_at[i] = time.time()
        started = time.perf_counter()
        try:
            status = await asyncio.wait_for(exchange(data), 10)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
            errors += 1
            return
        acks.append((time.perf_counter() - started) * 1000)
        if status != 200:
            errors += 1

    tasks = []
    start = time.perf_counter()
    for n, i in enumerate(bodies):
        delay = start + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i)))
    await asyncio.gather(*tasks)
    for _reader, writer in idle:
        writer.close()
    return acks, sent_at, errors


# The fake Slack runs in a process of its own, so its server threads never compete with
# the load generator for one interpreter lock (which would be counted as ack time). It
# reads its setup from stdin, prints its base URL, then answers each further line with
# the chat.update calls so far as JSON [[ts, unix time], ...].
FAKE_SLACK_PROCESS = """
import json, sys
from tests.support import fake_slack
setup = json.loads(sys.stdin.readline())
with fake_slack.running_fake_slack() as fake:
    for i in range(setup["count"]):
        fake.workspace.seed_message(
            setup["channel"], f"{1_700_000_000 + i}.000100", "lesson", setup["blocks"]
        )
    print(fake.base_url, flush=True)
    for _ in sys.stdin:
        updates = [
            [str(c.params.get("ts", "0")), c.at]
            for c in list(fake.workspace.calls)
            if c.method == "chat.update"
        ]
        print(json.dumps(updates), flush=True)
"""


class FakeSlackProcess:
    def __init__(self, count: int, blocks: list[dict[str, object]]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", FAKE_SLACK_PROCESS],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._in, self._out = self.proc.stdin, self.proc.stdout
        self._in.write(json.dumps({"count": count, "channel": CHANNEL, "blocks": blocks}) + "\n")
        self._in.flush()
        self.base_url = self._out.readline().strip()
        if not self.base_url:
            raise RuntimeError("the fake Slack process did not start")

    def updates(self) -> list[tuple[str, float]]:
        self._in.write("\n")
        self._in.flush()
        return [(ts, at) for ts, at in json.loads(self._out.readline())]

    def close(self) -> None:
        self._in.close()
        self.proc.wait(10)
        self._out.close()


def updates_after(updates: list[tuple[str, float]], sent_at: dict[int, float]) -> list[float]:
    """Milliseconds from each measured click to the chat.update of its message."""
    found = []
    for ts, at in updates:
        i = int(ts.split(".")[0]) - 1_700_000_000
        if i in sent_at:
            found.append((at - sent_at[i]) * 1000)
    return found


def python_speed_us() -> float:
    """Microseconds this machine takes for a fixed bit of pure Python (best of 5), to
    compare CPU figures measured while the shared machine was more or less busy."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(200):
            sum(range(1000))
        timings.append((time.perf_counter() - started) / 200 * 1e6)
    return round(min(timings), 1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def main() -> None:
    parser = base_parser(__doc__ or "slack ack benchmark")
    parser.add_argument("--rate", type=int, default=None, help="clicks per second")
    parser.add_argument("--seconds", type=int, default=None, help="duration of the load")
    args = parser.parse_args()
    rate = args.rate or (50 if args.quick else 200)
    seconds = args.seconds or (5 if args.quick else 30)
    total = rate * seconds

    postgres = TestPostgres(os.environ.get("DATABASE_URL"))
    url = postgres.fresh_database()
    proc: subprocess.Popen[str] | None = None
    fake: FakeSlackProcess | None = None
    try:
        question_id = asyncio.run(prepare(url, total + WARM_UP))
        fake = FakeSlackProcess(total + WARM_UP, lesson_view(question_id))
        with tempfile.TemporaryDirectory() as workdir:
            port = free_port()
            env = clean_env(
                DATABASE_URL=url,
                SLACK_BOT_TOKEN="xoxb-bench",
                SLACK_SIGNING_SECRET=SECRET,
                SLACK_API_URL=fake.base_url,
                EMBEDDINGS="none",
                LOG_LEVEL="WARNING",
                LOG_FORMAT="json",
                REDIS_URL=os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/0"),
            )
            proc = start_bmo(["serve", "--port", str(port)], Path(workdir), env)
            wait_ready(port, proc)
            base = f"http://127.0.0.1:{port}"
            # warm up: the bot's auth.test and the connection pools
            asyncio.run(load(base, WARM_UP, 1, question_id, offset=total))
            time.sleep(1)
            load_before = os.getloadavg()
            speed_before = python_speed_us()
            cpu_before = cpu_seconds(proc.pid)
            acks, sent_at, errors = asyncio.run(load(base, rate, seconds, question_id))
            deadline = time.time() + 30
            feedback = updates_after(fake.updates(), sent_at)
            while len(feedback) < total and time.time() < deadline:
                time.sleep(0.2)
                feedback = updates_after(fake.updates(), sent_at)
            cpu_used = cpu_seconds(proc.pid) - cpu_before
            rss_after = rss_mb(proc.pid)
            load_after = os.getloadavg()
            speed_after = python_speed_us()
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGINT)
            try:
                server_log, _ = proc.communicate(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
                server_log = ""
            if os.environ.get("BENCH_SHOW_SERVER_LOG"):
                print(server_log[-6000:])
        if fake is not None:
            fake.close()
        postgres.drop(url)
        postgres.close()

    metrics = [
        Metric("ack_p50", percentile(acks, 50), "ms"),
        Metric("ack_p99", percentile(acks, 99), "ms", goal=GOAL_ACK_P99_MS),
        Metric("feedback_p50", percentile(feedback, 50) if feedback else 1e9, "ms"),
        Metric(
            "feedback_p95",
            percentile(feedback, 95) if feedback else 1e9,
            "ms",
            goal=GOAL_FEEDBACK_P95_MS,
        ),
        Metric(
            "feedback_delivered", len(feedback) / total * 100, "%", goal=100, higher_is_better=True
        ),
        Metric("request_errors", errors, "count", goal=0),
        Metric("cpu_per_click", cpu_used / total * 1000, "ms"),
        # The footprint goal: one `bmo serve` after the click load (tasks had 512 MB before).
        Metric("RSS of bmo serve after the click load", rss_after, "MB", goal=350),
    ]
    write_results(
        "slack_ack",
        metrics,
        params={
            "rate_per_s": rate,
            "seconds": seconds,
            "clicks": total,
            "quick": args.quick,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            # sum(range(1000)) in microseconds; about 10 on an idle modern core
            "python_speed_us_before": speed_before,
            "python_speed_us_after": speed_after,
        },
    )


if __name__ == "__main__":
    main()
