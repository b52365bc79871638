"""What analysts take away: dashboard figures, CSV and xAPI exports of seeded answers."""

from __future__ import annotations

import csv
import io

from tests.admin_api.conftest import ANALYST, AdminHarness, bearer
from tests.admin_api.seed import seed


async def test_dashboard_figures_match_the_seeded_activity(admin: AdminHarness) -> None:
    await seed(admin.sessions, learners=4)
    d = (
        await admin.client.get("/api/v1/analytics/dashboard?days=7", headers=bearer(ANALYST))
    ).json()
    assert d["learners"] == {"total": 4, "enrolled_active": 4, "active": 4}
    assert d["completion"] == {"delivered": 12, "completed": 12, "rate": 1.0}
    # Learner 0 answers all 6 right; the others alternate: 3 of 6 each.
    assert d["quiz"]["answered"] == 24 and d["quiz"]["correct"] == 6 + 3 * 3
    assert d["quiz"]["accuracy"] == round(15 / 24, 4)
    assert [t["slug"] for t in d["topics"]] == ["card-basics", "liability", "apr-and-interest"]
    assert all(t["learners"] == 4 and t["answered"] == 8 for t in d["topics"])
    assert sum(b["learners"] for b in d["mastery_distribution"]) == 4
    assert len(d["engagement"]) == 7 and sum(day["answers"] for day in d["engagement"]) == 24
    assert {c["channel"]: c["answers"] for c in d["channels"]} == {"slack": 18, "sms": 6}
    assert d["deliveries"]["failed"] == 4
    assert d["llm"]["calls"] == 2 and d["llm"]["cache_hit_rate"] == 0.5
    assert d["llm"]["cost_usd"] == 0.00042


async def test_csv_export_lists_every_answer_with_pseudonymous_learners(
    admin: AdminHarness,
) -> None:
    await seed(admin.sessions, learners=3)
    response = await admin.client.get("/api/v1/exports/quiz_responses.csv", headers=bearer(ANALYST))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 18
    assert len({r["learner"] for r in rows}) == 3
    assert all(len(r["learner"]) == 32 and "@" not in r["learner"] for r in rows)
    assert {r["topic"] for r in rows} == {"card-basics", "liability", "apr-and-interest"}
    later = await admin.client.get(
        "/api/v1/exports/quiz_responses.csv?since=2999-01-01T00:00:00Z", headers=bearer(ANALYST)
    )
    assert later.text.strip().splitlines() == [",".join(rows[0].keys())]


async def test_xapi_statements_are_answered_statements_paged_by_cursor(
    admin: AdminHarness,
) -> None:
    await seed(admin.sessions, learners=2)
    first = (await admin.client.get("/api/v1/exports/xapi?limit=5", headers=bearer(ANALYST))).json()
    assert len(first["statements"]) == 5 and first["more"]
    statements = list(first["statements"])
    next_page = first["more"]
    while next_page:
        page = (await admin.client.get(next_page, headers=bearer(ANALYST))).json()
        statements += page["statements"]
        next_page = page["more"]
    assert len(statements) == 12 and len({s["id"] for s in statements}) == 12
    s = statements[0]
    assert s["version"] == "1.0.3"
    assert s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert s["actor"]["objectType"] == "Agent" and set(s["actor"]) == {"objectType", "account"}
    assert s["actor"]["account"]["homePage"] == "https://learning.example.com"
    assert s["object"]["id"].startswith("https://learning.example.com/questions/")
    definition = s["object"]["definition"]
    assert definition["interactionType"] == "choice" and definition["correctResponsesPattern"] == [
        "0"
    ]
    assert s["result"] == {"success": True, "response": "0", "duration": "PT4.000S"}
    assert s["context"]["platform"] == "Slack"
    # The same answer always becomes the same statement id and the same pseudonym.
    again = (await admin.client.get("/api/v1/exports/xapi?limit=1", headers=bearer(ANALYST))).json()
    assert again["statements"][0]["id"] == s["id"] and again["statements"][0]["actor"] == s["actor"]
    assert "example.com" not in str([st["actor"]["account"]["name"] for st in statements])
