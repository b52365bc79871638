"""Socket Mode: Slack traffic over a websocket handed out by apps.connections.open."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

from bot.settings import load_settings
from bot.slack_app import slack_routes, start_socket_mode
from bot.wiring import build_services
from storage.db import create_engine, session_factory
from tests.bot.slack_harness import fixture, seed_track
from tests.support.fake_slack import running_fake_slack


async def test_a_slash_command_over_socket_mode_is_acked_and_answered(database_url: str) -> None:
    acks: list[dict[str, Any]] = []
    done = asyncio.Event()
    response_url: list[str] = []

    async def slack_side(ws: ServerConnection) -> None:
        await ws.send(
            json.dumps(
                {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0BMO"}}
            )
        )
        command = {
            **fixture("slash_command_learn"),
            "text": "help",
            "response_url": response_url[0],
        }
        envelope = {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": command,
        }
        await ws.send(json.dumps(envelope))
        async for raw in ws:
            acks.append(json.loads(raw))
            done.set()

    engine = create_engine(database_url)
    async with session_factory(engine)() as session, session.begin():
        await seed_track(session)
    await engine.dispose()

    async with serve(slack_side, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        with running_fake_slack(socket_url=f"ws://127.0.0.1:{port}/link") as fake:
            settings = load_settings(
                database_url=database_url,
                slack_bot_token="xoxb-test-token",
                slack_app_token="xapp-test-token",
                slack_api_url=fake.base_url,
                embeddings="none",
                _env_file=None,
            )
            response_url.append(fake.response_url("C0GENERAL"))
            services = build_services(settings, database_url)
            try:
                assert slack_routes(services) == []  # no /slack/events in Socket Mode
                await start_socket_mode(services)
                await asyncio.wait_for(done.wait(), timeout=10)
                assert acks[0]["envelope_id"] == "env-1"
                assert fake.count("apps.connections.open") == 1
                reply = (await fake.await_for("response_url.post"))[0]
                assert "/learn next" in json.dumps(reply["blocks"])
            finally:
                await services.aclose()
