"""Builds the admin API's services from settings and the app's shared services."""

from __future__ import annotations

import hashlib
from pathlib import Path

import structlog

from admin_api.auth import ApiKey
from admin_api.deps import AdminConfig, AdminServices
from admin_api.jobs import InProcessJobs, JobRunner, QueueJobs
from bot.document_wiring import embedder_from_settings, open_store
from bot.wiring import Services

log = structlog.get_logger("bmo.admin_api")


def document_dir(services: Services) -> Path:
    """The folder of the local document store: DOCUMENT_STORE when it is a folder, else
    `<DATA_DIR>/documents` (unused when DOCUMENT_STORE is s3://...)."""
    store = services.settings.document_store
    if store and "://" not in store:
        return Path(store)
    return services.settings.data_dir / "documents"


def admin_jobs(services: Services) -> JobRunner:
    """With DATABASE_URL (production) uploads are ingested through the procrastinate queue
    by `bmo worker` processes (or the worker inside `bmo serve`); the embedded default
    keeps its jobs in this process."""
    if services.settings.database_url is None:
        return InProcessJobs()
    from delivery.queue import build_queue

    queue = build_queue(services.database_url, periodic=False, min_size=1, max_size=2)
    return QueueJobs(queue, services.sessions)


def build_admin_services(services: Services) -> AdminServices:
    settings = services.settings
    keys = [ApiKey(k.name, k.secret, k.role) for k in settings.admin_keys()]  # type: ignore[arg-type]
    if not keys:
        log.warning("admin_api.no_keys", hint="set ADMIN_API_KEYS=name:secret:admin")
    config = AdminConfig(
        keys=keys,
        document_dir=document_dir(services),
        redis_url=settings.redis_url.get_secret_value() if settings.redis_url else None,
        max_document_bytes=settings.max_document_bytes,
        document_parse_seconds=settings.document_parse_seconds,
        phone_region=settings.phone_region,
        public_base_url=settings.public_base_url or f"http://{settings.host}:{settings.port}",
        pseudonym_key=hashlib.sha256(
            f"bmo-pseudonyms:{services.database_url}".encode()
        ).hexdigest(),
        database_url=services.database_url,
    )
    admin = AdminServices(
        config=config,
        sessions=services.sessions,
        embedder=embedder_from_settings(settings),
        jobs=admin_jobs(services),
        store=open_store(settings),
    )
    admin.lessons, admin.moderator = services.lessons.lessons, services.lessons.moderator
    services.admin = admin  # closed with the other services at shutdown
    return admin
