"""Process start-up shared by every CLI command: settings, logging, the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import structlog

from bot.logging import configure_logging
from bot.settings import ConfigurationError, Settings, load_settings
from knowledge import minilm
from knowledge.safety import pii
from storage import migrate
from storage.db import DatabaseUnavailable, redacted
from storage.embedded import EmbeddedPostgres


class StartupError(Exception):
    """Start-up cannot continue; the message is the one line the operator sees."""


def settings_or_fail() -> Settings:
    try:
        settings = load_settings()
    except ConfigurationError as exc:
        raise StartupError(f"configuration error: {exc}") from None
    configure_logging(settings.log_level, settings.log_format)
    pii.use_pipeline(settings.spacy_pipeline)
    if settings.embeddings == "minilm" and not minilm.weights_installed():
        raise StartupError(str(minilm.WeightsMissing()))
    return settings


@contextmanager
def database(settings: Settings, *, migrate_to_head: bool = True) -> Iterator[str]:
    """Yield a database URL: DATABASE_URL as given, or the embedded server (started here
    and stopped on exit). Migrations run first unless told otherwise."""
    log = structlog.get_logger("bmo.startup")
    embedded: EmbeddedPostgres | None = None
    try:
        if settings.database_url is not None:
            url = settings.database_url.get_secret_value()
        else:
            embedded = EmbeddedPostgres(settings.data_dir)
            try:
                url = embedded.start()
            except Exception as exc:  # noqa: BLE001 - one line for the operator
                raise StartupError(
                    f"could not start the embedded PostgreSQL in {embedded.pgdata}: {exc}"
                ) from None
            log.info("database.embedded", pgdata=str(embedded.pgdata))
        try:
            if migrate_to_head:
                migrate.upgrade(url)
            else:
                migrate.status(url)
        except DatabaseUnavailable as exc:
            raise StartupError(str(exc)) from None
        log.info("database.ready", url=redacted(url))
        yield url
    finally:
        if embedded is not None:
            embedded.stop()
