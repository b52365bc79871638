"""Builds the admin API's services from settings and the app's shared services."""

from __future__ import annotations

import hashlib
from pathlib import Path

import structlog

from admin_api.auth import ApiKey
from admin_api.deps import AdminConfig, AdminServices
from bot.lesson_wiring import LessonServices
from bot.wiring import Services
from knowledge.embeddings import build_embedder

log = structlog.get_logger("bmo.admin_api")


def document_dir(services: Services) -> Path:
    """Uploaded documents go to DOCUMENT_STORE when it is a local folder, else ./.bmo."""
    store = services.settings.document_store
    if store and "://" not in store:
        return Path(store)
    return services.settings.data_dir / "documents"


def build_admin_services(services: Services) -> AdminServices:
    settings = services.settings
    keys = [ApiKey(k.name, k.secret, k.role) for k in settings.admin_keys()]  # type: ignore[arg-type]
    if not keys:
        log.warning("admin_api.no_keys", hint="set ADMIN_API_KEYS=name:secret:admin")
    api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    config = AdminConfig(
        keys=keys,
        document_dir=document_dir(services),
        redis_url=settings.redis_url.get_secret_value() if settings.redis_url else None,
        max_document_bytes=settings.max_document_bytes,
        public_base_url=settings.public_base_url or f"http://{settings.host}:{settings.port}",
        pseudonym_key=hashlib.sha256(
            f"bmo-pseudonyms:{services.database_url}".encode()
        ).hexdigest(),
        database_url=services.database_url,
    )
    admin = AdminServices(
        config=config,
        sessions=services.sessions,
        embedder=build_embedder(
            settings.embeddings,
            api_key=api_key,
            base_url=settings.openai_base_url,
            model=settings.openai_embedding_model,
        ),
    )
    lessons = services.extras.get("lessons")
    if isinstance(lessons, LessonServices):
        admin.lessons, admin.moderator = lessons.lessons, lessons.moderator
    services.extras["admin"] = admin  # closed with the other services at shutdown
    return admin
