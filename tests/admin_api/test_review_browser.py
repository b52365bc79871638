"""The review queue as a reviewer uses it in headless Chromium: a regenerated lesson is
edited and approved, and the learner then gets it; a rejected one is never delivered."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from storage.db import create_engine, session_factory
from tests.admin_api.conftest import ADMIN
from tests.admin_api.live import live_admin_api
from tests.admin_api.review_seed import (
    lesson_a_learner_gets,
    lesson_served_for,
    regenerated_lesson,
)
from tests.admin_api.test_dashboard_browser import ARTIFACTS, CHROMIUM_ARGS


@pytest.mark.browser
async def test_reviewer_approves_one_regenerated_lesson_and_rejects_another(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_engine(database_url, pool_size=2)
    sessions = session_factory(engine)
    approve = await regenerated_lesson(sessions)
    reject = await regenerated_lesson(sessions)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with live_admin_api(
            database_url, tmp_path / "documents", ADMIN_TEST_LESSON_REVIEW="new"
        ) as base:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                page = await browser.new_page(viewport={"width": 1360, "height": 1400})
                await page.goto(f"{base}/admin/")
                await page.fill("#api-key", ADMIN.secret)
                await page.click("button[type=submit]")
                await page.wait_for_selector("#dashboard:not([hidden])")
                await page.click("#tab-reviews")
                await page.wait_for_selector(f"[data-review='{reject.draft_id}']")
                badge = await page.inner_text("#review-count")

                await page.click(f"[data-review='{approve.draft_id}']")
                await page.wait_for_selector("[data-version=previous]")
                previous = await page.inner_text("[data-version=previous] h3")
                added = await page.locator("#review-diff .add").count()
                cited = await page.locator("#review-passages .passage.cited").count()
                await page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

                await page.click("#edit")
                await page.fill("#review-editor input[name=title]", "Grace periods, reviewed")
                await page.click("#save-edit")
                await page.wait_for_selector("#review-notice:has-text('Changes saved')")
                meanwhile = await lesson_a_learner_gets(sessions, approve.learner_id)
                await page.click("#approve")
                await page.wait_for_selector("#review-notice:has-text('Approved')")
                decided = await page.inner_text("#review-decision")
                after = await lesson_a_learner_gets(sessions, approve.learner_id)

                await page.click(f"[data-review='{reject.draft_id}']")
                await page.wait_for_selector(f"h2:has-text('{reject.topic}')")
                await page.click("#reject")
                await page.wait_for_selector("#review-notice:has-text('Say why')")
                await page.fill("#reject-reason", "Quotes the old grace period")
                await page.click("#reject")
                await page.wait_for_selector("#review-notice:has-text('Rejected')")
                await page.wait_for_selector("#review-queue li:has-text('Nothing waits')")
                left = await page.locator("#review-queue button").count()
                await browser.close()
        learners_got = [
            await lesson_a_learner_gets(sessions, who.learner_id) for who in (approve, reject)
        ]
        served = [await lesson_served_for(sessions, reject.topic) for _ in range(2)]
    finally:
        await engine.dispose()

    assert badge == "2" and left == 0
    assert previous.lower() == "learners get now · v1"
    assert added > 0 and cited > 0
    assert meanwhile is not None and meanwhile.lesson_id == approve.approved_id
    assert after is not None and after.lesson_id == approve.draft_id
    assert after.title == "Grace periods, reviewed"
    assert decided.startswith(f"approved by {ADMIN.name}")
    assert reject.draft_id not in {got.lesson_id for got in learners_got if got is not None}
    assert served == [reject.approved_id, reject.approved_id]
