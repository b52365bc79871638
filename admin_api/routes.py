"""The admin API's route table: one Starlette route per resource (admin_api/resource.py),
and the OpenAPI document built from the same resources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from admin_api import (
    analytics,
    content,
    documents,
    exports,
    learners,
    openapi,
    quarantine,
    reviews,
)
from admin_api.deps import AdminServices
from admin_api.errors import ApiError, error_response, json_response, unexpected_error
from admin_api.inputs import JSON
from admin_api.resource import Resource

DASHBOARD = Path(__file__).resolve().parent / "dashboard"
# Every asset is local: the pages may load nothing from elsewhere.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


# Every path of the API, in the order the OpenAPI document lists them.
RESOURCES: list[type[Resource]] = [
    content.Health,
    content.Status,
    learners.Learners,
    learners.LearnerItem,
    learners.LearnerProgress,
    learners.Enrollments,
    learners.QuizResponses,
    analytics.Dashboard,
    content.Topics,
    content.GenerateLesson,
    reviews.Reviews,
    reviews.ReviewItem,
    reviews.Approve,
    reviews.Reject,
    content.ValidateSafety,
    documents.IngestDocuments,
    documents.JobStatus,
    documents.Documents,
    documents.DocumentOriginal,
    quarantine.Quarantine,
    quarantine.Release,
    documents.CurriculumImport,
    exports.QuizResponsesCsv,
    exports.Xapi,
]


async def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    message = "No such endpoint." if exc.status_code == 404 else str(exc.detail)
    return error_response(
        ApiError(
            exc.status_code,
            codes.get(exc.status_code, "http_error"),
            message,
            headers=dict(exc.headers or {}),
        )
    )


STORE_UNAVAILABLE = {
    "description": "The document store cannot be reached or refused access; see the message",
}
STORE_OPERATIONS = {
    ("/documents", "post"),
    ("/ingest-documents", "post"),
    ("/documents/{document_id}/original", "get"),
}


def api_document(resources: list[type[Resource]]) -> dict[str, Any]:
    """The OpenAPI document, plus what the signatures cannot say: operations that touch
    the document store may answer 503, approving a decided lesson conflicts, and a
    download is a JSON URL or the file itself."""
    spec = openapi.document(resources)
    error = {"content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, method in STORE_OPERATIONS:
        operation = spec["paths"].get(path, {}).get(method)
        if operation is not None:
            operation["responses"]["503"] = {**STORE_UNAVAILABLE, **error}
    # A decision on a lesson that no longer waits for one conflicts, body or not.
    approve = spec["paths"].get("/reviews/{review_id}/approve", {}).get("post")
    if approve is not None:
        approve["responses"]["409"] = {"description": openapi.ERRORS[409], **error}
    download = spec["paths"].get("/documents/{document_id}/original", {}).get("get")
    if download is not None:
        download["responses"]["200"]["content"]["application/octet-stream"] = {
            "schema": {"type": "string", "format": "binary"}
        }
    return spec


def build_admin_api(services: AdminServices) -> Starlette:
    """The app mounted at /api/v1."""
    spec = api_document(RESOURCES)

    async def openapi_json(_request: Request) -> Response:
        return json_response(spec)

    async def docs(_request: Request) -> Response:
        return FileResponse(DASHBOARD / "docs.html", headers=PAGE_HEADERS)

    api_routes: list[BaseRoute] = [Route(resource.path, resource) for resource in RESOURCES]
    api_routes += [
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
    ]
    app = Starlette(
        routes=api_routes,
        exception_handlers={HTTPException: _http_error, Exception: unexpected_error},
    )
    app.state.services = services  # what each Resource serves its request with
    return app


def build_dashboard() -> Starlette:
    """The app mounted at /admin: a static page that signs in with an API key."""

    async def index(_request: Request) -> Response:
        return FileResponse(DASHBOARD / "index.html", headers=PAGE_HEADERS)

    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Mount("/static", app=StaticFiles(directory=DASHBOARD / "static"), name="static"),
        ],
        exception_handlers={HTTPException: _http_error},
    )


def admin_routes(services: AdminServices) -> list[BaseRoute]:
    """What the composition root mounts: the API and the dashboard."""
    return [
        Mount("/api/v1", app=build_admin_api(services)),
        Mount("/admin", app=build_dashboard()),
    ]
