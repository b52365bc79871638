"""The Slack manifests ask for what the bot uses, in both connection modes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.slack_app import build_slack_app

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "slack"


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / name).read_text())
    return loaded


@pytest.mark.parametrize("name", ["manifest.http.yaml", "manifest.socket.yaml"])
def test_manifest_covers_the_bot(name: str) -> None:
    manifest = load(name)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands", "im:history", "im:write", "users:read"} <= scopes
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_home_opened", "message.im"}
    assert settings["interactivity"]["is_enabled"]
    assert manifest["features"]["app_home"]["home_tab_enabled"]
    assert manifest["features"]["slash_commands"][0]["command"] == "/learn"
    socket = name == "manifest.socket.yaml"
    assert settings["socket_mode_enabled"] is socket
    if not socket:
        urls = {
            settings["interactivity"]["request_url"],
            settings["event_subscriptions"]["request_url"],
        }
        urls.add(manifest["features"]["slash_commands"][0]["url"])
        assert all(u.endswith("/slack/events") for u in urls)


def test_build_slack_app_has_no_module_level_app() -> None:
    import bot.slack_app as module

    assert callable(build_slack_app)
    assert not any(type(v).__name__ == "AsyncApp" for v in vars(module).values())
