"""The dashboard as an admin sees it: sign in with a key in headless Chromium, charts drawn
from seeded data, a screenshot kept in tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from storage.db import create_engine, session_factory
from tests.admin_api.conftest import ANALYST
from tests.admin_api.live import live_admin_api
from tests.admin_api.seed import TOPICS, seed

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.mark.browser
async def test_admin_signs_in_and_sees_charts_drawn_from_the_data(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_engine(database_url, pool_size=2)
    await seed(session_factory(engine), learners=5)
    await engine.dispose()
    ARTIFACTS.mkdir(exist_ok=True)
    with live_admin_api(database_url, tmp_path / "documents") as base:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = await browser.new_page(viewport={"width": 1360, "height": 1300})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            await page.goto(f"{base}/admin/")
            await page.fill("#api-key", "not-the-key")
            await page.click("button[type=submit]")
            await page.wait_for_selector("#sign-in-error:has-text('not accepted')")

            await page.fill("#api-key", ANALYST.secret)
            await page.click("button[type=submit]")
            await page.wait_for_selector("#dashboard:not([hidden]) svg[data-chart=line]")
            kpis = await page.locator(".kpi").all_inner_texts()
            donut = await page.get_attribute("#chart-completion svg", "aria-label")
            accuracy_bars = await page.locator("#chart-accuracy rect.bar").count()
            accuracy_labels = await page.locator("#chart-accuracy text").all_text_contents()
            mastery_bars = await page.locator("#chart-mastery rect.bar").count()
            series = await page.locator("#chart-engagement polyline.series").count()
            rows = await page.locator("#topic-table tbody tr").count()
            stored = await page.evaluate("sessionStorage.getItem('bmo-admin-key')")
            await page.screenshot(path=str(ARTIFACTS / "admin-dashboard.png"), full_page=True)

            await page.reload()  # the key survives a reload in the same tab
            await page.wait_for_selector("#dashboard:not([hidden])")
            await page.click("#sign-out")
            signed_out = await page.evaluate("sessionStorage.getItem('bmo-admin-key')")
            await browser.close()

    # 5 learners x 3 lessons, all answered; the first learner is right every time.
    assert donut == "lessons completed: 15 of 15"
    assert any(k.startswith("ACTIVE LEARNERS\n5") for k in kpis), kpis
    assert any(k.startswith("FAILED DELIVERIES\n5") for k in kpis), kpis
    assert any(k.startswith("CACHE HIT RATE\n50%") for k in kpis), kpis
    assert accuracy_bars == len(TOPICS) and rows == len(TOPICS)
    assert {title for _slug, title in TOPICS} <= set(accuracy_labels)
    assert mastery_bars == 5 and series == 3
    assert stored == ANALYST.secret and signed_out is None
    assert all(url.startswith(base) for url in requests), "the page fetched something remote"
    assert (ARTIFACTS / "admin-dashboard.png").stat().st_size > 20_000
