"""Request bodies are bounded while they stream, before any signature check reads them.

A served `bmo serve` process gets an unsigned 400 MB POST on /slack/events, declared and
chunked, streamed from a loop (never built in memory): it answers 413 early and its memory
barely moves. The same bound holds for Twilio, the admin API and the playground.
"""

from __future__ import annotations

import contextlib
import select
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.fake_slack import FakeSlack
from tests.support.processes import clean_env, free_port, start_bmo, stop, wait_ready

MB = 1024 * 1024
HUGE = 400 * MB


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def post_streamed(
    port: int, path: str, total: int, *, chunked: bool, media: str = "application/json"
) -> tuple[int | None, int]:
    """POST `total` bytes 64 kB at a time until the server answers or hangs up; returns
    the status (None when the connection was cut without one) and the bytes sent."""
    chunk = b"{" + b"x" * (64 * 1024 - 1)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {media}\r\n{framing}\r\n\r\n"
    sent, response = 0, b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode())
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            data = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk
            try:
                sock.sendall(data)
            except OSError:
                break
            sent += len(chunk)
        with contextlib.suppress(OSError):
            response = sock.recv(4096)
    status = int(response.split()[1]) if response.startswith(b"HTTP/1.1 ") else None
    return status, sent


@pytest.fixture
def served(database_url: str, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[tuple[int, int]]:
    port = free_port()
    env = clean_env(
        DATABASE_URL=database_url,
        EMBEDDINGS="none",
        SLACK_BOT_TOKEN="xoxb-limits",
        SLACK_SIGNING_SECRET="limits-signing-secret",
        SLACK_API_URL=fake_slack.base_url,
        PLAYGROUND="true",
        ADMIN_API_KEYS="ops:adm-limits-0123456789abcdef:admin",
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        TWILIO_AUTH_TOKEN="twilio-limits-token",
        TWILIO_FROM_NUMBER="+15550100000",
        TWILIO_API_URL="http://127.0.0.1:9",
    )
    proc: subprocess.Popen[str] = start_bmo(["serve", "--port", str(port)], tmp_path, env)
    try:
        wait_ready(port, proc)
        yield port, proc.pid
    finally:
        stop(proc)


def test_a_400_mb_unsigned_post_is_refused_while_streaming(served: tuple[int, int]) -> None:
    port, pid = served
    for _ in range(3):  # warm the routes so the baseline is a serving process
        httpx.post(f"http://127.0.0.1:{port}/slack/events", content=b"{}", timeout=5)
    before = rss_mb(pid)
    for chunked in (False, True):
        status, sent = post_streamed(port, "/slack/events", HUGE, chunked=chunked)
        assert status == 413, f"chunked={chunked}: {status}"
        assert sent < 64 * MB  # refused early, not after reading everything
    grown = rss_mb(pid) - before
    assert grown < 50, f"the server grew by {grown:.0f} MB"
    assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/sms/inbound", "application/x-www-form-urlencoded"),
        ("/playground/send", "application/json"),
        ("/api/v1/curriculum", "application/yaml"),
    ],
)
def test_every_surface_bounds_its_body(served: tuple[int, int], path: str, media: str) -> None:
    port, _ = served
    for chunked in (False, True):
        status, sent = post_streamed(port, path, 64 * MB, chunked=chunked, media=media)
        assert status in (401, 413)  # the admin API may turn a keyless caller away first
        assert sent < 32 * MB
