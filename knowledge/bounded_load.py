"""Read an uploaded document in a child process, with a time and a memory limit.

A parser stuck on a pathological file cannot be stopped from a thread; a child process can
be killed, and then nothing keeps a core busy. The child is a fresh interpreter (no fork of
a threaded server) that reads the document on stdin and answers in JSON on stdout; it also
limits its own CPU time, so it dies even when this process is killed first.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import resource
import sys
from pathlib import Path
from typing import Any

from knowledge.loaders import (
    DocumentTooLarge,
    LoadedDocument,
    LoaderError,
    check_container,
    load_bytes,
)

PARSE_SECONDS = 60.0  # a real 20 MB document reads in well under this
PARSE_MEMORY_BYTES = 2 * 1024**3  # address space of one reading child

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


class DocumentTooSlow(LoaderError):
    pass


async def load_bounded(
    path: Path,
    data: bytes,
    *,
    seconds: float = PARSE_SECONDS,
    memory: int = PARSE_MEMORY_BYTES,
) -> LoadedDocument:
    """`load_bytes` in a child process: refused with `DocumentTooSlow` after `seconds`, with
    `DocumentTooLarge` past `memory`; the child is gone when this returns or is cancelled."""
    check_container(path, data)  # a ZIP bomb is refused from its directory, without a child
    path_var = os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        __name__,
        path.name,
        str(seconds),
        str(memory),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": path_var},
    )
    try:
        out, _ = await asyncio.wait_for(child.communicate(data), seconds)
    except TimeoutError:
        raise DocumentTooSlow(
            f"{path.name}: reading it took longer than {seconds:g} s, which ordinary "
            "documents never do; save it again (e.g. as PDF or plain text) or split it"
        ) from None
    finally:
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await asyncio.shield(child.wait())
    try:
        answer: dict[str, Any] = json.loads(out)
    except ValueError:  # killed by its CPU or memory limit before it could answer
        raise DocumentTooLarge(f"{path.name}: reading it needs more than allowed") from None
    if answer["kind"] == "ok":
        return LoadedDocument(answer["title"], answer["text"], answer["format"])
    raise (DocumentTooLarge if answer["kind"] == "too_large" else LoaderError)(answer["reason"])


def _read(name: str, data: bytes, memory: int) -> dict[str, Any]:
    path = Path(name)
    try:
        document = load_bytes(path, data)
    except DocumentTooLarge as exc:
        return {"kind": "too_large", "reason": str(exc)}
    except LoaderError as exc:
        return {"kind": "unusable", "reason": str(exc)}
    except MemoryError:
        reason = f"{path.name}: reading it needs more than {memory >> 20} MB"
        return {"kind": "too_large", "reason": reason}
    return {"kind": "ok", "title": document.title, "text": document.text, "format": document.format}


def _child() -> None:  # pragma: no cover - runs in the child process
    name, seconds, memory = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU, even if orphaned
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    answer = _read(name, sys.stdin.buffer.read(), memory)
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":  # pragma: no cover
    _child()
