"""Prometheus metric objects shared by every layer.

Defined here, in the lowest layer, so that `delivery/`, `knowledge/` and `flows/` can
increment them without importing `bot/`. Pure objects: no I/O, no registry of our own
(the default registry is what `/metrics` exposes). LLM call, token and cache counters live
beside the code that owns them (`knowledge/llm.py`, `knowledge/cache.py`).
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# Buckets sized for Slack's 3 s acknowledgement budget.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0, 10.0)

HTTP_REQUESTS = Counter(
    "bmo_http_requests_total",
    "HTTP requests by route template, method and status code",
    ["route", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "bmo_http_request_duration_seconds",
    "HTTP request latency by route template",
    ["route", "method"],
    buckets=LATENCY_BUCKETS,
)
HTTP_IN_FLIGHT = Gauge("bmo_http_requests_in_flight", "HTTP requests being served")

DELIVERIES = Counter(
    "bmo_deliveries_total",
    "Delivery attempts by outcome (sent, reconciled, failed, retried, fallback, skipped),"
    " channel and message kind (lesson, nudge, welcome, reply)",
    ["status", "channel", "kind"],
)
SLACK_RATE_LIMITED = Counter(
    "bmo_slack_rate_limited_total",
    "Slack Web API calls answered with HTTP 429, by API method",
    ["method"],
)
LLM_COST = Counter(
    "bmo_llm_cost_usd_total",
    "Estimated LLM spend in US dollars, by purpose and model",
    ["purpose", "model"],
)

QUEUE_DEPTH = Gauge("bmo_queue_depth", "Jobs waiting to run, by queue", ["queue"])
QUEUE_OLDEST_AGE = Gauge(
    "bmo_queue_oldest_job_age_seconds",
    "Age of the oldest job that is due and still waiting, by queue",
    ["queue"],
)
