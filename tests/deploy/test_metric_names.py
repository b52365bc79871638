"""Every app metric that an alarm, a dashboard, the autoscaling policy or the metrics
collector in deploy/terraform names is one the app exports. A renamed or missing metric
would leave an alarm silently watching nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from tests.deploy.terraform_model import TERRAFORM_DIR, load_terraform

APP_METRIC = re.compile(r"\bbmo_[a-z0-9_]+\b")

# The processes' entry points: what `bmo serve` and `bmo worker` import before serving.
EXPORTED = """
import json
import bot.cli, bot.server, bot.wiring, bot.cli_worker, bot.metrics
from prometheus_client import REGISTRY
SUFFIXES = {"counter": ["_total"], "gauge": [""], "histogram": ["_bucket", "_count", "_sum"],
            "summary": ["", "_count", "_sum"], "info": ["_info"]}
names = sorted(
    family.name + suffix
    for family in REGISTRY.collect()
    for suffix in SUFFIXES.get(family.type, [""])
)
print(json.dumps(names))
"""


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def metrics_named_in_terraform() -> dict[str, set[str]]:
    """Metric name -> where it is named (resource or template)."""
    tf = load_terraform()
    named: dict[str, set[str]] = {}
    watched = (
        "aws_cloudwatch_metric_alarm",
        "aws_cloudwatch_dashboard",
        "aws_appautoscaling_policy",
    )
    for kind in watched:
        for name, resource in tf.of_kind(kind).items():
            for text in _strings(resource):
                for metric in APP_METRIC.findall(text):
                    named.setdefault(metric, set()).add(f"{kind}.{name}")
    for template in TERRAFORM_DIR.glob("*.tftpl"):
        for metric in APP_METRIC.findall(template.read_text()):
            named.setdefault(metric, set()).add(template.name)
    return named


def exported_by_the_app() -> set[str]:
    # A fresh interpreter, so that only what the app itself imports is registered.
    result = subprocess.run(
        [sys.executable, "-c", EXPORTED], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(result.stdout))


def test_every_metric_the_deployment_watches_is_exported_by_the_app() -> None:
    named = metrics_named_in_terraform()
    # The alarms and dashboard this test exists for; if parsing broke, it would pass empty.
    assert {"bmo_deliveries_total", "bmo_slack_rate_limited_total", "bmo_llm_cost_usd_total"} <= (
        set(named)
    )
    exported = exported_by_the_app()
    missing = {metric: sorted(where) for metric, where in named.items() if metric not in exported}
    assert not missing, f"named in deploy/terraform but never exported by the app: {missing}"
