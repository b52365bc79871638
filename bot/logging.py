"""structlog set-up: JSON or console, a request id per request, secrets masked."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

_SECRET_KEYS = re.compile(r"(token|secret|password|authorization|api_key|apikey|signature)", re.I)
_SECRET_VALUES = re.compile(
    r"(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{8,}|"
    r"(?<=://)[^/\s:@]+:[^/\s@]+(?=@))"
)


def _mask(value: Any) -> Any:
    if isinstance(value, str):
        return _SECRET_VALUES.sub("***", value)
    return value


def mask_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key, value in list(event_dict.items()):
        if _SECRET_KEYS.search(key) and value is not None:
            event_dict[key] = "***"
        else:
            event_dict[key] = _mask(value)
    return event_dict


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now, so a swapped or closed stream (a test
    runner's capture, a CLI runner) never leaves logging pointing at a dead file."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def _stderr_logger(*_args: Any) -> structlog.PrintLogger:
    return structlog.PrintLogger(sys.stderr)


def configure_logging(level: str = "INFO", fmt: str = "console") -> None:
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            mask_secrets,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        ),
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, _StderrHandler)] + [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "slack_bolt", "procrastinate", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    # slack_sdk's Web API clients test their logger's own level (`logger.level <= DEBUG`),
    # not the effective one, and with none set they format every request and response,
    # blocks and all, for a debug line that is then dropped: CPU on every message sent.
    for client in ("slack_sdk.web.async_base_client", "slack_sdk.web.base_client"):
        logging.getLogger(client).setLevel(root.level)
