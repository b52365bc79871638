"""Stops the embedded Postgres when the process that started it dies without stopping it.

`bmo serve` normally stops the server on exit; a SIGKILL (or an OOM kill) skips that and
would leave postgres running on the data directory. This small process, started beside
the server, watches its parent; once the parent is gone and no other process is attached
to the server (pgserver keeps their pids in the data directory), it stops postgres.

Run as: python -m storage.pg_watchdog <parent pid> <pgdata>
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

POLL_SECONDS = 0.5


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (dead, not yet reaped) counts as gone
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def start(parent: int, pgdata: Path) -> subprocess.Popen[bytes]:
    """Start a watchdog for `parent` (in a session of its own, so a signal to the
    parent's process group does not reach it)."""
    return subprocess.Popen(  # noqa: S603 - our own module, with numbers and our own path
        [sys.executable, "-m", "storage.pg_watchdog", str(parent), str(pgdata)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def main(parent: int, pgdata: Path) -> int:
    while _alive(parent):
        time.sleep(POLL_SECONDS)
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]
    from pgserver.utils import DiskList

    handles = DiskList(pgdata / ".handle_pids.json")
    remaining = [pid for pid in handles.get_and_remove(parent) if pid != parent]
    if any(_alive(pid) for pid in remaining):
        return 0  # another process still uses the server; it stops it when it is done
    if not (pgdata / "postmaster.pid").exists():
        return 0  # stopped already
    user = "pgserver" if os.geteuid() == 0 else None  # as pgserver runs it under root
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user, timeout=30)
    except subprocess.CalledProcessError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), Path(sys.argv[2])))
