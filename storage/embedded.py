"""The embedded default: a real PostgreSQL 16 + pgvector from the pgserver wheel.

Data lives in `<data_dir>/pgdata`. The server listens on a Unix socket only, and is
stopped when the owning process calls `stop()` (or exits).
"""

from __future__ import annotations

import logging
import os
import subprocess
import warnings
from pathlib import Path
from typing import Any

from storage import pg_watchdog


class EmbeddedPostgres:
    def __init__(self, data_dir: Path) -> None:
        self.pgdata = (data_dir / "pgdata").resolve()
        self._server: Any = None
        self._watchdog: subprocess.Popen[bytes] | None = None

    def start(self, database: str = "bmo") -> str:
        """Start (or attach to) the server and return a URL for `database`, creating it."""
        with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR
            warnings.simplefilter("ignore")
            import pgserver  # heavy import; only the embedded default needs it

        logging.getLogger("pgserver").setLevel(logging.WARNING)
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(self.pgdata, cleanup_mode="stop")
        if self._watchdog is None:  # stops the server should this process be killed
            self._watchdog = pg_watchdog.start(os.getpid(), self.pgdata)
        exists = self._server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(1 row)" not in exists:
            self._server.psql(f'CREATE DATABASE "{database}";')
        url: str = self._server.get_uri(database)
        return url

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None
        if self._watchdog is not None:  # stopped cleanly: the watchdog is not needed
            self._watchdog.terminate()
            self._watchdog.wait(5)
            self._watchdog = None
