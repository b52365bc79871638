"""Hostile inputs against a served `bmo serve` (real Postgres, the checkout's code).

- a 400 MB unsigned POST on /slack/events, declared and chunked: answered 413/401 with the
  server growing < 50 MB (it grew 600 MB and answered after 15 s before the body limit);
- a 0.75 MB DOCX that expands to 200 MB, uploaded through the admin API: refused in < 2 s
  with < 100 MB growth (it took 5 minutes and 1.5 GB);
- a 307-byte YAML alias bomb on /api/v1/curriculum: a 4xx in < 100 ms while /health keeps
  answering in < 50 ms (it stalled every route for seconds);
- a document that takes the parser many seconds: refused at the time limit, after which
  the server uses no CPU on it (a thread cannot be stopped; the reading child is killed).

Growth is the server's peak resident memory during the attack (the kernel's high-water
mark, reset before each one) minus its resident memory before it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.common import Metric, base_parser, percentile, write_results
from tests.admin_api.test_document_bombs import docx_bomb
from tests.knowledge.test_bounded_load import slow_html
from tests.security.test_body_limits import post_streamed
from tests.security.test_yaml_bomb import ALIAS_BOMB
from tests.support.fake_slack import running_fake_slack
from tests.support.postgres import TestPostgres
from tests.support.processes import clean_env, free_port, start_bmo, wait_ready

MB = 1024 * 1024
KEY = "adm-bench-hardening-0123456789"
ADMIN = {"Authorization": f"Bearer {KEY}"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARSE_SECONDS = 2


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


class Memory:
    """The server's resident memory now, and its peak since `reset` (MB)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.before = 0.0

    def reset(self) -> None:
        # "5" resets the peak (VmHWM) to the current size (Linux >= 4.0).
        with contextlib.suppress(OSError):
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        self.before = _status_kb(self.pid, "VmRSS") / 1024

    def growth(self) -> float:
        return max(0.0, _status_kb(self.pid, "VmHWM") / 1024 - self.before)


def cpu_seconds(pid: int) -> float:
    """CPU time of the process and its children still alive (the document readers)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wait_job(client: httpx.Client, job_id: str, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/jobs/{job_id}", headers=ADMIN).json()
        if job["status"] in ("succeeded", "failed"):
            return dict(job)
        time.sleep(0.02)
    raise SystemExit(f"job {job_id} did not finish within {timeout} s")


def unsigned_post(port: int, memory: Memory) -> list[Metric]:
    metrics = []
    for chunked in (False, True):
        framing = "chunked" if chunked else "Content-Length"
        memory.reset()
        started = time.perf_counter()
        status, sent = post_streamed(port, "/slack/events", 400 * MB, chunked=chunked)
        seconds = time.perf_counter() - started
        if status not in (401, 413):
            raise SystemExit(f"400 MB POST ({framing}) answered {status}")
        metrics += [
            Metric(f"400 MB unsigned POST ({framing}): growth", memory.growth(), "MB", goal=50),
            Metric(f"400 MB unsigned POST ({framing}): answered {status} after", seconds, "s"),
            Metric(f"400 MB unsigned POST ({framing}): read before the answer", sent / MB, "MB"),
        ]
    return metrics


def docx_bomb_upload(client: httpx.Client, memory: Memory) -> list[Metric]:
    bomb = docx_bomb()
    memory.reset()
    started = time.perf_counter()
    uploaded = client.post(
        "/api/v1/documents", files={"file": ("policy.docx", bomb, DOCX)}, headers=ADMIN
    )
    job = wait_job(client, uploaded.json()["job"]["id"])
    seconds = time.perf_counter() - started
    result = job.get("result") or {}
    files = result.get("files", []) if isinstance(result, dict) else []
    if not files or files[0]["status"] != "skipped":
        raise SystemExit(f"the DOCX bomb was not refused: {job}")
    return [
        Metric("DOCX bomb (200 MB unpacked): refused after", seconds, "s", goal=2),
        Metric("DOCX bomb (200 MB unpacked): growth", memory.growth(), "MB", goal=100),
    ]


class HealthPinger:
    """/health from a thread of its own, every 5 ms, while `with` lasts."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.times: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._ping)

    def _ping(self) -> None:
        with httpx.Client(base_url=self.base, timeout=10) as pinger:
            pinger.get("/health")
            while not self._stop.is_set():
                started = time.perf_counter()
                pinger.get("/health").raise_for_status()
                self.times.append(time.perf_counter() - started)
                time.sleep(0.005)

    def __enter__(self) -> HealthPinger:
        self._thread.start()
        time.sleep(0.2)
        return self

    def __exit__(self, *_: object) -> None:
        time.sleep(0.2)
        self._stop.set()
        self._thread.join()


def alias_bomb(base: str, rounds: int) -> list[Metric]:
    refusals: list[float] = []
    headers = {**ADMIN, "Content-Type": "application/yaml"}
    with httpx.Client(base_url=base, timeout=30) as client:
        with HealthPinger(base) as quiet:  # the same rhythm without the bombs: the baseline
            for _ in range(rounds):
                client.get("/health")
                time.sleep(0.065)
        with HealthPinger(base) as attacked:
            for _ in range(rounds):
                started = time.perf_counter()
                response = client.post("/api/v1/curriculum", content=ALIAS_BOMB, headers=headers)
                refusals.append(time.perf_counter() - started)
                if not 400 <= response.status_code < 500:
                    raise SystemExit(f"the alias bomb answered {response.status_code}")
                time.sleep(0.05)
    health, baseline = attacked.times, quiet.times
    return [
        Metric("YAML alias bomb: 4xx after (median)", statistics.median(refusals) * 1000, "ms"),
        Metric("YAML alias bomb: 4xx after (worst)", max(refusals) * 1000, "ms", goal=100),
        Metric("/health during the alias bombs (p95)", percentile(health, 95) * 1000, "ms"),
        Metric("/health during the alias bombs (worst)", max(health) * 1000, "ms", goal=50),
        Metric("/health with no attack, same host (p95)", percentile(baseline, 95) * 1000, "ms"),
        Metric("/health with no attack, same host (worst)", max(baseline) * 1000, "ms"),
    ]


def slow_document(client: httpx.Client, pid: int) -> list[Metric]:
    started = time.perf_counter()
    uploaded = client.post(
        "/api/v1/documents",
        files={"file": ("handbook.html", slow_html(), "text/html")},
        headers=ADMIN,
    )
    job = wait_job(client, uploaded.json()["job"]["id"])
    seconds = time.perf_counter() - started
    if "took longer than" not in str(job.get("result")):
        raise SystemExit(f"the slow document was not refused at the limit: {job}")
    before = cpu_seconds(pid)
    time.sleep(3)
    after_cpu = cpu_seconds(pid) - before
    return [
        Metric(f"slow document: refused after (limit {PARSE_SECONDS} s)", seconds, "s"),
        Metric("slow document: server CPU in the 3 s after", after_cpu, "s", goal=0.5),
    ]


def main() -> None:
    args = base_parser(__doc__ or "hardening benchmark").parse_args()
    rounds = 5 if args.quick else 20
    postgres = TestPostgres(os.environ.get("DATABASE_URL"))
    url = postgres.fresh_database()
    proc: subprocess.Popen[str] | None = None
    metrics: list[Metric] = []
    try:
        with running_fake_slack() as fake, tempfile.TemporaryDirectory() as workdir:
            port = free_port()
            env = clean_env(
                DATABASE_URL=url,
                SLACK_BOT_TOKEN="xoxb-bench",
                SLACK_SIGNING_SECRET="bench-hardening-signing-secret",
                SLACK_API_URL=fake.base_url,
                ADMIN_API_KEYS=f"bench:{KEY}:admin",
                EMBEDDINGS="none",
                DOCUMENT_PARSE_SECONDS=str(PARSE_SECONDS),
                LOG_LEVEL="WARNING",
            )
            proc = start_bmo(["serve", "--port", str(port)], Path(workdir), env)
            wait_ready(port, proc)
            base = f"http://127.0.0.1:{port}"
            memory = Memory(proc.pid)
            with httpx.Client(base_url=base, timeout=60) as client:
                for _ in range(3):  # warm the routes: the baseline is a serving process
                    client.post("/slack/events", content=b"{}")
                    client.get("/api/v1/documents", headers=ADMIN)
                metrics += unsigned_post(port, memory)
                metrics += docx_bomb_upload(client, memory)
                metrics += alias_bomb(base, rounds)
                metrics += slow_document(client, proc.pid)
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
        postgres.drop(url)
    write_results("hardening", metrics, params={"alias_bomb_rounds": rounds})


if __name__ == "__main__":
    main()
