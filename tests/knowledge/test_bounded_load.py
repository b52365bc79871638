"""Reading a document happens in a child process that is stopped at a time and a memory
limit, so a pathological file is refused and leaves nothing running."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from knowledge.bounded_load import DocumentTooSlow, load_bounded
from knowledge.loaders import DocumentTooLarge, LoaderError

ROOT = Path(__file__).resolve().parents[2]


def slow_html(blocks: int = 60_000) -> bytes:
    """A few megabytes of ordinary-looking HTML that take the parser seconds to read."""
    body = "<div><p>Annual fees are charged in advance.</p></div>" * blocks
    return f"<html><body>{body}</body></html>".encode()


def readers_left() -> list[psutil.Process]:
    return [
        child
        for child in psutil.Process().children(recursive=True)
        if "knowledge.bounded_load" in " ".join(child.cmdline())
    ]


async def test_an_ordinary_document_reads_as_before() -> None:
    document = await load_bounded(Path("fees.md"), b"# Fees\n\nAnnual fees are charged yearly.")
    assert (document.title, document.format) == ("Fees", "md")
    assert "Annual fees" in document.text
    with pytest.raises(LoaderError, match="no readable text"):
        await load_bounded(Path("empty.md"), b"# Only a heading\n")


async def test_a_slow_document_is_refused_at_the_limit_and_its_reader_is_gone() -> None:
    started = time.perf_counter()
    with pytest.raises(DocumentTooSlow, match=r"slow\.html: reading it took longer than 0\.5 s"):
        await load_bounded(Path("slow.html"), slow_html(), seconds=0.5)
    assert time.perf_counter() - started < 3  # the limit, plus a child's start on a busy host
    assert readers_left() == []  # killed, not left to burn a core


async def test_a_cancelled_read_stops_its_reader() -> None:
    reading = asyncio.create_task(load_bounded(Path("slow.html"), slow_html(), seconds=30))
    deadline = time.monotonic() + 10
    while not readers_left() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert readers_left()
    reading.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reading
    assert readers_left() == []


async def test_a_document_needing_too_much_memory_is_refused() -> None:
    text = b"# Fees\n" + b"Annual fees are charged in advance. " * 250_000  # 9 MB
    with pytest.raises(DocumentTooLarge, match="needs more than 100 MB"):
        await load_bounded(Path("big.md"), text, memory=100 * 1024 * 1024)


def test_an_orphaned_reader_stops_itself_at_its_cpu_limit() -> None:
    """Should the server die mid-read, the reader still ends: its own CPU limit kills it."""
    # The child's CPU limit is 2 s; this file needs several times that even on a fast host.
    child = subprocess.run(
        [sys.executable, "-m", "knowledge.bounded_load", "slow.html", "0.5", str(2 * 1024**3)],
        input=slow_html(150_000),
        capture_output=True,
        cwd=ROOT,
        timeout=30,
        check=False,
    )
    assert child.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
    assert child.stdout == b""
