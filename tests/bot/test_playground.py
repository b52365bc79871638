"""The playground: a person chats with the bot in a browser, no Slack workspace needed."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storage.db import create_engine, session_factory
from tests.bot.slack_harness import seed_track
from tests.support.processes import clean_env, free_port, start_bmo, stop, wait_ready

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


async def _seed(database_url: str) -> None:
    engine = create_engine(database_url)
    async with session_factory(engine)() as session, session.begin():
        await seed_track(session)
    await engine.dispose()


@pytest.fixture
async def served(database_url: str, tmp_path: Path) -> Iterator[str]:
    await _seed(database_url)
    port = free_port()
    env = clean_env(DATABASE_URL=database_url, EMBEDDINGS="none", LOG_FORMAT="json")
    proc: subprocess.Popen[str] = start_bmo(["serve", "--port", str(port)], tmp_path, env)
    try:
        wait_ready(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


async def test_playground_api_runs_a_lesson_and_grades_a_click(served: str) -> None:
    async with httpx.AsyncClient(base_url=served, timeout=10) as client:
        assert (await client.get("/playground")).status_code == 200
        bad = await client.post("/playground/send", content=b'{"kind": "shout"}')
        assert bad.status_code == 422 and "reason" in bad.json()
        sent = await client.post("/playground/send", json={"kind": "text", "text": "/learn next"})
        assert sent.status_code == 200
        lesson = None
        for _ in range(100):
            state = (await client.get("/playground/messages", params={"since": 0})).json()
            lessons = [
                m for m in state["messages"] if m["blocks"] and m["blocks"][0]["type"] == "header"
            ]
            if lessons:
                lesson = lessons[0]
                break
            await _pause()
        assert lesson is not None, "no lesson arrived"
        button = lesson["blocks"][-1]["elements"][0]
        click = {
            "kind": "click",
            "ts": lesson["ts"],
            "action_id": button["action_id"],
            "value": button["value"],
        }
        assert (await client.post("/playground/send", json=click)).status_code == 200
        for _ in range(100):
            state = (await client.get("/playground/messages", params={"since": 0})).json()
            updated = next(m for m in state["messages"] if m["ts"] == lesson["ts"])
            if "Correct!" in json.dumps(updated["blocks"]):
                break
            await _pause()
        else:
            raise AssertionError("the answer was not graded")


async def _pause() -> None:
    import asyncio

    await asyncio.sleep(0.1)


@pytest.mark.browser
def test_a_person_takes_a_lesson_in_the_browser(served: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"{served}/playground")
            page.fill("#input", "/learn next")
            page.click("#send")
            header = page.locator(".blk-header").first
            expect(header).to_contain_text("Annual fees, part 1", timeout=15_000)
            expect(page.locator("[data-block-id=lesson_context]")).to_contain_text("Card Basics")
            page.get_by_role("button", name="A. On the account anniversary").first.click()
            expect(page.locator("[data-block-id=feedback]")).to_contain_text(
                "Correct!", timeout=15_000
            )
            answered = page.locator(".msg", has=page.locator("[data-block-id=feedback]"))
            # then the lesson's next question, or "Next lesson" when it was the last one
            expect(answered.locator(".blk-actions").last).to_be_visible()
            expect(answered.locator(".blk-header")).to_contain_text("Annual fees, part 1")
            page.screenshot(path=str(ARTIFACTS / "playground_feedback.png"), full_page=True)
            page.click("#tab-home")
            expect(page.locator("#home-view")).to_contain_text("Mastery by topic", timeout=15_000)
            page.screenshot(path=str(ARTIFACTS / "playground_home.png"), full_page=True)
        finally:
            browser.close()
