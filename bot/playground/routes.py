"""The playground: chat with the bot as a learner, without a Slack workspace.

The page posts what the learner does; this module turns it into Slack-shaped, correctly
signed requests dispatched to a Bolt app built exactly like the real one, whose Web API
client talks to an in-process fake Slack. The page polls what the bot sent.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import structlog
from pydantic import BaseModel, Field, ValidationError
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.playground.fake_api import FakeSlack
from bot.playground.workspace import TEAM_ID, Posted
from bot.settings import Settings
from bot.wiring import Services

log = structlog.get_logger("bmo.playground")

STATIC = Path(__file__).parent / "static"
PLAYER_ID = "UPLAYER01"
PLAYER_NAME = "Alex Learner"
PLAYER_DM = "D" + PLAYER_ID[1:]
PLAYGROUND_TOKEN = "xoxb-playground"  # noqa: S105 - only ever sent to the in-process fake


class PlaygroundInput(BaseModel):
    kind: Literal["text", "click", "home"]
    text: str = Field(default="", max_length=2000)
    ts: str | None = Field(default=None, max_length=40)  # message the button sits on
    action_id: str = Field(default="", max_length=255)
    value: str = Field(default="", max_length=2000)
    in_home: bool = False


def shaped(message: Posted) -> dict[str, Any]:
    return {
        "seq": max(message.seq, message.updated),
        "ts": message.ts,
        "thread_ts": message.thread_ts,
        "text": message.text,
        "blocks": message.blocks,
        "ephemeral": message.ephemeral_to is not None,
        "from_learner": message.from_learner,
    }


class Playground:
    def __init__(self, app: AsyncApp, fake: FakeSlack, signing_secret: str) -> None:
        self.app = app
        self.fake = fake
        self._signer = SignatureVerifier(signing_secret)

    async def dispatch(self, body: str, content_type: str) -> int:
        """Send one signed request through Bolt, as Slack would."""
        timestamp = str(int(time.time()))
        headers: dict[str, str | Sequence[str]] = {
            "content-type": content_type,
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": str(
                self._signer.generate_signature(timestamp=timestamp, body=body)
            ),
        }
        response = await self.app.async_dispatch(AsyncBoltRequest(body=body, headers=headers))
        return response.status

    def _form(self, payload: dict[str, Any]) -> str:
        return urlencode(payload)

    async def text(self, text: str) -> int:
        if text.startswith("/learn"):
            command = {
                "command": "/learn",
                "text": text.removeprefix("/learn").strip(),
                "user_id": PLAYER_ID,
                "user_name": "alex",
                "team_id": TEAM_ID,
                "channel_id": PLAYER_DM,
                "trigger_id": secrets.token_hex(8),
                "response_url": self.fake.response_url(PLAYER_DM),
            }
            return await self.dispatch(self._form(command), "application/x-www-form-urlencoded")
        ts = f"{time.time():.6f}"
        event = {
            "type": "event_callback",
            "team_id": TEAM_ID,
            "event_id": "Ev" + secrets.token_hex(6),
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": PLAYER_DM,
                "user": PLAYER_ID,
                "text": text,
                "ts": ts,
            },
        }
        self.fake.workspace.add_learner_message(PLAYER_DM, ts, text)
        return await self.dispatch(json.dumps(event), "application/json")

    async def home(self) -> int:
        event = {
            "type": "event_callback",
            "team_id": TEAM_ID,
            "event_id": "Ev" + secrets.token_hex(6),
            "event": {"type": "app_home_opened", "user": PLAYER_ID, "tab": "home"},
        }
        return await self.dispatch(json.dumps(event), "application/json")

    async def click(self, item: PlaygroundInput) -> int:
        action = {
            "action_id": item.action_id,
            "value": item.value,
            "type": "button",
            "action_ts": f"{time.time():.6f}",
        }
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": PLAYER_ID, "team_id": TEAM_ID},
            "team": {"id": TEAM_ID},
            "trigger_id": secrets.token_hex(8),
            "actions": [action],
        }
        if item.in_home:
            payload["container"] = {"type": "view"}
        else:
            message = self.fake.workspace.message(PLAYER_DM, item.ts or "")
            if message is None:
                return 404
            payload["channel"] = {"id": PLAYER_DM}
            payload["container"] = {"type": "message", "message_ts": message.ts}
            payload["message"] = {"ts": message.ts, "text": message.text, "blocks": message.blocks}
        form = self._form({"payload": json.dumps(payload)})
        return await self.dispatch(form, "application/x-www-form-urlencoded")

    def state(self, since: int) -> dict[str, Any]:
        workspace = self.fake.workspace
        found = [shaped(m) for m in workspace.messages_since(since) if m.channel == PLAYER_DM]
        return {
            "messages": found,
            "home": workspace.views.get(PLAYER_ID),
            "modal": workspace.opened_views[-1] if workspace.opened_views else None,
            "cursor": workspace.cursor(),
        }


def build_playground(services: Services) -> Playground:
    from bot.slack_app import SlackConnections, bot_deps, build_slack_app

    fake = FakeSlack().start()
    fake.add_user(PLAYER_ID, name=PLAYER_NAME, tz="America/Toronto")
    signing_secret = secrets.token_hex(16)
    app = build_slack_app(
        bot_deps(services),
        bot_token=PLAYGROUND_TOKEN,
        signing_secret=signing_secret,
        api_url=fake.base_url,
        connections=(connections := SlackConnections()),
    )
    services.playground_slack = fake
    services.playground_slack_connections = connections  # closed with the services
    return Playground(app, fake, signing_secret)


def playground_served(settings: Settings) -> bool:
    """Without Slack settings (the embedded default), or beside Slack when asked for."""
    return not settings.slack_configured or settings.playground


def playground_routes(services: Services) -> list[BaseRoute]:
    if not playground_served(services.settings):
        return []
    playground = build_playground(services)

    async def page(_request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    async def send(request: Request) -> Response:
        try:
            item = PlaygroundInput.model_validate_json(await request.body())
        except ValidationError as exc:
            reason = "; ".join(e["msg"] for e in exc.errors())[:300]
            return JSONResponse({"error": "invalid_input", "reason": reason}, status_code=422)
        if item.kind == "text" and not item.text.strip():
            return JSONResponse({"error": "invalid_input", "reason": "empty message"}, 422)
        if item.kind == "text":
            status = await playground.text(item.text.strip())
        elif item.kind == "home":
            status = await playground.home()
        else:
            status = await playground.click(item)
        return JSONResponse({"status": status}, status_code=200 if status < 400 else 422)

    async def messages(request: Request) -> Response:
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            return JSONResponse({"error": "invalid_input", "reason": "since must be a number"}, 422)
        return JSONResponse(playground.state(since))

    return [
        Route("/playground", page, methods=["GET"]),
        Route("/playground/send", send, methods=["POST"]),
        Route("/playground/messages", messages, methods=["GET"]),
        Mount("/playground/static", StaticFiles(directory=STATIC), name="playground-static"),
    ]
