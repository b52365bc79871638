"""`/metrics` for Prometheus (or the CloudWatch agent) and the HTTP request middleware.

Queue depth and age are read from the job table at scrape time, so every task reports the
same shared figure and nothing has to run in the background to keep it fresh.
"""

from __future__ import annotations

import time
from typing import Any
from wsgiref.simple_server import WSGIServer

import structlog
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest, start_http_server
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storage.metrics import (
    HTTP_IN_FLIGHT,
    HTTP_LATENCY,
    HTTP_REQUESTS,
    QUEUE_DEPTH,
    QUEUE_OLDEST_AGE,
)
from storage.repositories.monitoring import queue_figures

log = structlog.get_logger("bmo.metrics")

UNMATCHED = "(unmatched)"


def route_template(app: ASGIApp, scope: Scope) -> str:
    """The matched route's path template (`/api/v1/learners/{learner_id}`), never the raw
    path, so label cardinality stays bounded. Mounted apps are searched too; a mount whose
    routes cannot be seen counts as its prefix."""
    for route in getattr(app, "routes", []):
        match, child_scope = route.matches(scope)
        if match is not Match.FULL:
            continue
        path = str(getattr(route, "path", "")) or UNMATCHED
        if isinstance(route, Mount):
            inner = route_template(route, {**scope, **child_scope})
            return path if inner == UNMATCHED else f"{path}{inner}"
        return path
    return UNMATCHED


def route_templates(app: ASGIApp, prefix: str = "") -> dict[int, str]:
    """Every route object reachable from `app` (by id) and its full path template. A mount
    maps to its prefix, which is what a request it holds but cannot route counts as."""
    found: dict[int, str] = {}
    for route in getattr(app, "routes", []):
        path = str(getattr(route, "path", ""))
        if not path:
            continue
        found[id(route)] = f"{prefix}{path}"
        if isinstance(route, Mount):
            found.update(route_templates(route, f"{prefix}{path}"))
    return found


class MetricsMiddleware:
    """Counts requests and times them by route template, method and status.

    The template is read after the request from the route the router matched (Starlette
    records it in the scope), so routing happens once per request rather than twice; the
    labelled series are looked up once per (route, method, status) and kept."""

    def __init__(self, app: ASGIApp, routes_from: ASGIApp | None = None) -> None:
        self.app = app
        self.routes_from = routes_from or app
        self._templates: dict[int, str] | None = None
        self._counters: dict[tuple[str, str, int], Any] = {}
        self._timers: dict[tuple[str, str], Any] = {}

    def _template(self, scope: Scope, path: str, root_path: str) -> str:
        if self._templates is None:  # built at the first request: the route table is final
            self._templates = route_templates(self.routes_from)
        route = scope.get("route")
        template = self._templates.get(id(route)) if route is not None else None
        methods = getattr(route, "methods", None)  # a mount has none
        if methods and scope.get("method") not in methods:
            template = None  # a method the route does not take: as if nothing matched
        if template is None:  # search the table as the router would have
            template = route_template(
                self.routes_from, {**scope, "path": path, "root_path": root_path}
            )
        return template

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, root_path = scope["path"], scope.get("root_path", "")
        method = scope.get("method", "GET")
        status = 500
        started = time.perf_counter()

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        HTTP_IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_recording_status)
        finally:
            HTTP_IN_FLIGHT.dec()
            elapsed = time.perf_counter() - started
            route = self._template(scope, path, root_path)
            counter = self._counters.get((route, method, status))
            if counter is None:
                counter = HTTP_REQUESTS.labels(route, method, str(status))
                self._counters[(route, method, status)] = counter
            counter.inc()
            timer = self._timers.get((route, method))
            if timer is None:
                timer = self._timers[(route, method)] = HTTP_LATENCY.labels(route, method)
            timer.observe(elapsed)


async def refresh_queue_gauges(engine: AsyncEngine) -> None:
    """Set queue depth and age from the job table; queues that emptied drop to zero."""
    async with engine.connect() as conn:
        figures = await queue_figures(conn)
    seen = {figure.queue for figure in figures}
    for labels in _known_queues():
        if labels not in seen:
            QUEUE_DEPTH.labels(labels).set(0)
            QUEUE_OLDEST_AGE.labels(labels).set(0)
    for figure in figures:
        QUEUE_DEPTH.labels(figure.queue).set(figure.depth)
        QUEUE_OLDEST_AGE.labels(figure.queue).set(figure.oldest_age_seconds)


def _known_queues() -> set[str]:
    return {
        sample.labels["queue"]
        for metric in QUEUE_DEPTH.collect()
        for sample in metric.samples
        if "queue" in sample.labels
    }


def metrics_route(engine: AsyncEngine) -> Route:
    async def metrics(_request: Request) -> Response:
        try:
            await refresh_queue_gauges(engine)
        except Exception as exc:  # noqa: BLE001 - a scrape never fails because of the queue
            log.warning("metrics.queue_unavailable", error=type(exc).__name__)
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return Route("/metrics", metrics, methods=["GET"])


def serve_worker_metrics(port: int, host: str = "127.0.0.1") -> WSGIServer:
    """`bmo worker` has no HTTP app: expose the same registry on a port of its own (in a
    daemon thread) for the collector beside it. Returns the server, for `shutdown()`."""
    server, _thread = start_http_server(port, addr=host)
    log.info("metrics.serving", port=port)
    return server
