"""Quiz answers out: CSV for spreadsheets, xAPI 1.0.3 statements for a learning record store.

Learners appear only as stable pseudonyms (a keyed hash of their id), never by name,
e-mail, phone or Slack id.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from starlette.responses import StreamingResponse

from admin_api import schemas
from admin_api.deps import AdminServices
from admin_api.resource import Resource, api
from storage.models import QuizResponse
from storage.repositories.exports import answers_page, stream_answers

CSV_COLUMNS = [
    "response_id",
    "learner",
    "question_id",
    "topic",
    "chosen_option",
    "correct",
    "response_ms",
    "channel",
    "answered_at",
]
ANSWERED = {
    "id": "http://adlnet.gov/expapi/verbs/answered",
    "display": {"en-US": "answered"},
}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PLATFORMS = {"slack": "Slack", "sms": "SMS"}


def pseudonym(key: str, learner_id: int | None) -> str:
    if learner_id is None:
        return "anonymous"
    return hmac.new(key.encode(), str(learner_id).encode(), hashlib.sha256).hexdigest()[:32]


async def _csv_rows(services: AdminServices, since: datetime | None) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    key = services.config.pseudonym_key
    async with services.sessions() as session:
        async for answer, _stem, _options, _correct, slug in stream_answers(session, since):
            writer.writerow(
                [
                    answer.id,
                    pseudonym(key, answer.learner_id),
                    answer.question_id,
                    slug or "",
                    answer.chosen_option,
                    "true" if answer.correct else "false",
                    "" if answer.response_ms is None else answer.response_ms,
                    answer.channel,
                    answer.created_at.isoformat(),
                ]
            )
            if buffer.tell() > 32_768:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


class QuizResponsesCsv(Resource):
    path, tag = "/exports/quiz_responses.csv", "exports"

    @api("Quiz answers as CSV (learners pseudonymised)", produces="text/csv")
    async def get(self, query: schemas.CsvQuery) -> StreamingResponse:
        return StreamingResponse(
            _csv_rows(self.services, query.since),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="quiz_responses.csv"'},
        )


def statement(
    base: str,
    key: str,
    answer: QuizResponse,
    stem: str,
    options: list[Any],
    correct: int,
    topic: str | None,
) -> dict[str, Any]:
    """One xAPI 1.0.3 'answered' statement for one quiz answer."""
    result: dict[str, Any] = {"success": answer.correct, "response": str(answer.chosen_option)}
    if answer.response_ms is not None:
        result["duration"] = f"PT{answer.response_ms / 1000:.3f}S"
    context: dict[str, Any] = {"platform": PLATFORMS.get(answer.channel, answer.channel)}
    if topic:
        context["contextActivities"] = {
            "parent": [{"objectType": "Activity", "id": f"{base}/topics/{topic}"}]
        }
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/quiz_responses/{answer.id}")),
        "version": "1.0.3",
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": base, "name": pseudonym(key, answer.learner_id)},
        },
        "verb": ANSWERED,
        "object": {
            "objectType": "Activity",
            "id": f"{base}/questions/{answer.question_id}",
            "definition": {
                "type": INTERACTION,
                "interactionType": "choice",
                "name": {"en-US": stem[:500]},
                "choices": [
                    {"id": str(i), "description": {"en-US": str(text)}}
                    for i, text in enumerate(options)
                ],
                "correctResponsesPattern": [str(correct)],
            },
        },
        "result": result,
        "context": context,
        "timestamp": answer.created_at.isoformat(),
    }


class Xapi(Resource):
    path, tag = "/exports/xapi", "exports"

    @api("Quiz answers as xAPI 1.0.3 statements")
    async def get(self, query: schemas.ExportQuery) -> schemas.XapiStatements:
        config = self.services.config
        base, key = config.public_base_url.rstrip("/"), config.pseudonym_key
        rows = list(await answers_page(self.session, query.since, query.after_id, query.limit + 1))
        statements = [statement(base, key, *row) for row in rows[: query.limit]]
        more = None
        if len(rows) > query.limit:
            last = rows[query.limit - 1][0].id
            params: dict[str, Any] = {"limit": query.limit, "after_id": last}
            if query.since is not None:
                params["since"] = query.since.isoformat()
            more = f"/api/v1/exports/xapi?{urlencode(params)}"
        return schemas.XapiStatements(statements=statements, more=more)
