"""Memory footprint of one `bmo serve` process after a burst of requests.

Starts `bmo serve` as a user would (embedded Postgres, in-process worker), waits for
/ready, then sends a burst of concurrent requests across the public routes (health,
readiness, metrics, the playground page and an unknown path) and reads the resident set
size of the bmo process itself (Postgres runs in its own processes and is not counted).

Goal: RSS after the burst <= 350 MB (full scale: 5,000 requests, 50 at a time).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

from bench.common import REPO_ROOT, Metric, base_parser, write_results

BMO = str(Path(sys.executable).with_name("bmo"))
ROUTES = ["/health", "/ready", "/metrics", "/playground", "/no-such-page"]
MB = 1024 * 1024
# Kept between runs (ignored by git) so only the first run pays for initialising Postgres.
WORKDIR = REPO_ROOT / ".bmo" / "bench-footprint"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(workdir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    proc = subprocess.Popen(
        [BMO, "serve", "--port", str(port)],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bmo serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("bmo serve did not become ready within 120 s")


async def _burst(port: int, total: int, concurrency: int) -> dict[int, int]:
    """Status code -> count (0: no response within 30 s or a broken connection)."""
    statuses: dict[int, int] = {}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(ROUTES[i % len(ROUTES)])
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30
    ) as client:

        async def worker() -> None:
            while not queue.empty():
                path = queue.get_nowait()
                try:
                    status = (await client.get(path)).status_code
                except httpx.HTTPError as exc:
                    print(f"no response for {path}: {type(exc).__name__}")
                    status = 0
                statuses[status] = statuses.get(status, 0) + 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses


def main() -> None:
    parser = base_parser(__doc__ or "")
    args = parser.parse_args()
    total, concurrency = (200, 20) if args.quick else (5000, 50)
    port = _free_port()
    WORKDIR.mkdir(parents=True, exist_ok=True)
    launched = time.perf_counter()
    proc = _start(WORKDIR, port)
    startup = time.perf_counter() - launched
    try:
        process = psutil.Process(proc.pid)
        idle = process.memory_info().rss / MB
        peak = idle
        sampling = True

        def sample() -> None:
            nonlocal peak
            while sampling:
                peak = max(peak, process.memory_info().rss / MB)
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        statuses = asyncio.run(_burst(port, total, concurrency))
        elapsed = time.perf_counter() - started
        time.sleep(1.0)  # let the last responses be released
        sampling = False
        sampler.join()
        after = process.memory_info().rss / MB
        peak = max(peak, after)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
    errors = statuses.get(0, 0) + sum(n for s, n in statuses.items() if s >= 500)
    print("responses by status:", dict(sorted(statuses.items())))
    write_results(
        "footprint",
        [
            Metric("RSS of bmo serve after the burst", after, "MB", goal=350.0),
            Metric("RSS peak during the burst", peak, "MB"),
            Metric("RSS when ready, before the burst", idle, "MB"),
            Metric("requests that failed (5xx or transport)", errors, "requests", goal=0.0),
            Metric("burst throughput", total / elapsed, "req/s"),
            Metric("start to ready", startup, "s"),
        ],
        params={"requests": total, "concurrency": concurrency, "routes": ROUTES},
    )


if __name__ == "__main__":
    main()
