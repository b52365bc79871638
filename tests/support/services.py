"""Start what the tests need and is not running yet: Redis at REDIS_URL_FOR_TESTS."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def ensure_redis(url: str) -> None:
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 6379
    if _reachable(host, port):
        return
    if host not in ("127.0.0.1", "localhost"):
        sys.exit(f"Redis at {host}:{port} is not reachable and is not local; start it first")
    server = shutil.which("redis-server")
    if server is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], check=False)
        server = shutil.which("redis-server") or sys.exit("redis-server is not installed")
    workdir = "/tmp/bmo-redis"
    os.makedirs(workdir, exist_ok=True)
    subprocess.run(
        [
            server,
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
            "--logfile",
            f"{workdir}/redis.log",
        ],
        check=True,
    )
    for _ in range(50):
        if _reachable(host, port):
            print(f"started redis-server on {host}:{port}")
            return
        time.sleep(0.1)
    sys.exit("redis-server did not start")


if __name__ == "__main__":
    ensure_redis(os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/0"))
