"""The small HTTP plumbing shared by the local stand-ins for Slack, Twilio and OpenAI:
a threaded loopback server and a handler base that answers JSON."""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class LocalHTTPServer(ThreadingHTTPServer):
    """A threaded loopback server that stays quiet when a client hangs up early (a timed
    out request): those are expected here, and a traceback printed from a server thread
    would only bury the caller's own report."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class JsonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    content_type = "application/json"
    # Buffered: a response leaves in one write, as a real API's does, rather than headers
    # and body in separate packets that the client must wake up for twice.
    wbufsize = 64 * 1024

    def log_message(self, *_args: Any) -> None:
        return

    def send_json(
        self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class LocalService:
    """A server on a free loopback port, run in a daemon thread between start() and stop()."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._server = LocalHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def _start_serving(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
