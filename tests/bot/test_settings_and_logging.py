from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog
from starlette.testclient import TestClient

from bot.logging import configure_logging
from bot.server import build_app
from bot.settings import ConfigurationError, load_settings
from bot.wiring import build_services
from delivery.slack.sender import build_slack_client
from tests.support.fake_slack import running_fake_slack


def test_defaults_are_the_embedded_offline_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("DATABASE_URL", "SLACK_BOT_TOKEN", "OPENAI_API_KEY", "EMBEDDINGS"):
        monkeypatch.delenv(var, raising=False)
    settings = load_settings(_env_file=None)
    assert settings.database_url is None and not settings.slack_configured
    assert settings.embeddings == "minilm" and settings.slack_max_messages_per_minute == 300
    assert settings.slack_api_url == "https://slack.com/api/"


def test_secrets_are_secret_and_admin_keys_parse() -> None:
    settings = load_settings(
        _env_file=None,
        slack_bot_token="xoxb-123-secret",
        slack_signing_secret="sign",
        admin_api_keys="ops:s3cr3t:admin, bi:an4lyst:analyst",
    )
    assert "xoxb-123-secret" not in repr(settings)
    keys = settings.admin_keys()
    assert [(k.name, k.role) for k in keys] == [("ops", "admin"), ("bi", "analyst")]
    assert "s3cr3t" not in repr(keys)


def test_bad_values_become_one_line() -> None:
    with pytest.raises(ConfigurationError) as err:
        load_settings(_env_file=None, embeddings="bert", slack_max_messages_per_minute=0)
    message = str(err.value)
    assert "\n" not in message
    assert "EMBEDDINGS" in message and "SLACK_MAX_MESSAGES_PER_MINUTE" in message


def test_the_phone_region_is_a_known_region() -> None:
    assert load_settings(_env_file=None, phone_region="us").phone_region == "US"
    with pytest.raises(ConfigurationError, match="PHONE_REGION must be a two-letter region"):
        load_settings(_env_file=None, phone_region="Canada")


def test_logs_mask_secrets_in_keys_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", "json")
    log = structlog.get_logger("test")
    log.info(
        "calling", token="xoxb-999-abc", detail="url postgresql://u:pw@db/x key sk-abcdef123456"
    )
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["token"] == "***"
    assert "pw@" not in line["detail"] and "sk-abcdef123456" not in line["detail"]
    assert "postgresql://***@db/x" in line["detail"]


def test_request_id_is_echoed_or_generated(shared_database_url: str) -> None:
    services = build_services(load_settings(_env_file=None), shared_database_url)
    with TestClient(build_app(services)) as client:
        given = client.get("/ready", headers={"X-Request-Id": "req-42"})
        fresh = client.get("/health")
    assert given.status_code == 200 and given.headers["x-request-id"] == "req-42"
    assert len(fresh.headers["x-request-id"]) == 32


class _CountedBlock(dict[str, object]):
    """A block that counts how often it is written out as text (as a debug line would)."""

    shown = 0

    def __repr__(self) -> str:
        _CountedBlock.shown += 1
        return super().__repr__()


@pytest.fixture
def root_level_restored() -> Iterator[None]:
    level = logging.getLogger().level
    yield
    configure_logging(logging.getLevelName(level) if level else "INFO")


@pytest.mark.parametrize(("level", "formatted"), [("INFO", False), ("DEBUG", True)])
async def test_slack_client_writes_messages_out_only_for_debug_logs(
    level: str, formatted: bool, root_level_restored: None
) -> None:
    configure_logging(level)
    _CountedBlock.shown = 0
    block = _CountedBlock(type="section", text={"type": "mrkdwn", "text": "Today's lesson"})
    with running_fake_slack() as fake:
        client = build_slack_client("xoxb-test", fake.base_url)
        await client.chat_postMessage(channel="D1", text="Today's lesson", blocks=[block])
        assert fake.count("chat.postMessage") == 1
    assert (_CountedBlock.shown > 0) is formatted
