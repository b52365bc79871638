"""The admin API's route table: every endpoint declared once, here. The routes, the auth
and validation wrappers and the OpenAPI document are all built from this table."""

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
    schemas,
)
from admin_api.deps import AdminServices
from admin_api.endpoint import JSON, MULTIPART, Endpoint, routes
from admin_api.errors import ApiError, error_response, json_response, unexpected_error

DASHBOARD = Path(__file__).resolve().parent / "dashboard"
# Every asset is local: the pages may load nothing from elsewhere.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def endpoints(max_document_bytes: int = 20 * 1024 * 1024) -> list[Endpoint]:
    e = Endpoint
    return [
        e("GET", "/health", content.health, "Liveness", "service", schemas.Health, public=True),
        e("GET", "/status", content.status, "Service status and counts", "service", schemas.Status),
        e(
            "POST",
            "/learners",
            learners.create_learner,
            "Add a learner",
            "learners",
            schemas.Learner,
            201,
            schemas.LearnerCreate,
            write=True,
        ),
        e(
            "GET",
            "/learners",
            learners.list_learners,
            "List learners, a page at a time",
            "learners",
            schemas.LearnerPage,
            query=schemas.PageQuery,
        ),
        e(
            "GET",
            "/learners/{learner_id}",
            learners.get_learner,
            "One learner",
            "learners",
            schemas.Learner,
        ),
        e(
            "PATCH",
            "/learners/{learner_id}",
            learners.update_learner,
            "Change a learner",
            "learners",
            schemas.Learner,
            body=schemas.LearnerUpdate,
            write=True,
        ),
        e(
            "DELETE",
            "/learners/{learner_id}",
            learners.erase_learner,
            "Erase a learner's personal data (anonymous statistics stay)",
            "learners",
            None,
            204,
            write=True,
        ),
        e(
            "GET",
            "/learners/{learner_id}/progress",
            learners.progress,
            "A learner's progress by track and topic",
            "learners",
            schemas.Progress,
        ),
        e(
            "POST",
            "/learners/{learner_id}/enrollments",
            learners.enroll,
            "Enrol in a track",
            "learners",
            schemas.Enrollment,
            201,
            schemas.EnrollmentCreate,
            write=True,
        ),
        e(
            "GET",
            "/learners/{learner_id}/enrollments",
            learners.list_enrollments,
            "A learner's enrolments",
            "learners",
            schemas.Enrollment,
            many=True,
        ),
        e(
            "POST",
            "/quiz_responses",
            learners.record_quiz_response,
            "Record a quiz answer (once per learner, delivery and question)",
            "learning",
            schemas.QuizResponseRecorded,
            201,
            schemas.QuizResponseCreate,
            write=True,
        ),
        e(
            "GET",
            "/analytics/dashboard",
            analytics.dashboard,
            "Figures for the dashboard",
            "analytics",
            schemas.Dashboard,
            query=schemas.DashboardQuery,
        ),
        e(
            "GET",
            "/topics",
            content.list_topics,
            "Topics with their material and lesson status",
            "content",
            schemas.TopicPage,
            query=schemas.TopicQuery,
        ),
        e(
            "POST",
            "/generate-lesson",
            content.generate_lesson,
            "Get or generate the lesson for a topic",
            "content",
            schemas.Lesson,
            200,
            schemas.GenerateLesson,
            write=True,
        ),
        *review_endpoints(),
        e(
            "POST",
            "/validate-safety",
            content.validate_safety,
            "Run the lesson safety checks on a text",
            "content",
            schemas.SafetyResult,
            200,
            schemas.SafetyCheck,
        ),
        e(
            "POST",
            "/ingest-documents",
            documents.ingest_documents,
            "Ingest stored documents in the background",
            "documents",
            schemas.Job,
            202,
            schemas.IngestRequest,
            write=True,
        ),
        e(
            "GET",
            "/jobs/{job_id}",
            documents.job_status,
            "A background job's status",
            "documents",
            schemas.Job,
        ),
        e(
            "POST",
            "/documents",
            documents.upload_document,
            "Upload a training document and ingest it",
            "documents",
            schemas.DocumentUploaded,
            202,
            schemas.DocumentUpload,
            MULTIPART,
            write=True,
            max_body=max_document_bytes + 64 * 1024,
        ),
        e(
            "GET",
            "/documents",
            documents.list_documents,
            "List active documents",
            "documents",
            schemas.DocumentPage,
            query=schemas.DocumentQuery,
        ),
        e(
            "GET",
            "/documents/{document_id}/original",
            documents.download_document,
            "Download a document's original: a presigned URL (S3) or the file (local store)",
            "documents",
            schemas.DocumentDownload,
        ),
        e(
            "GET",
            "/quarantine",
            quarantine.list_quarantine,
            "Passages held back as suspected prompt injection",
            "documents",
            schemas.QuarantinePage,
            query=schemas.DocumentQuery,
        ),
        e(
            "POST",
            "/quarantine/{chunk_id}/release",
            quarantine.release,
            "Release a quarantined passage so lessons and answers may use it",
            "documents",
            schemas.QuarantineReleased,
            write=True,
        ),
        e(
            "POST",
            "/curriculum",
            documents.import_curriculum,
            "Import a curriculum (YAML): topics, prerequisites, source filters",
            "documents",
            schemas.CurriculumImported,
            200,
            schemas.Curriculum,
            "application/yaml",
            write=True,
        ),
        e(
            "GET",
            "/exports/quiz_responses.csv",
            exports.quiz_responses_csv,
            "Quiz answers as CSV (learners pseudonymised)",
            "exports",
            None,
            query=schemas.CsvQuery,
            produces="text/csv",
        ),
        e(
            "GET",
            "/exports/xapi",
            exports.xapi_statements,
            "Quiz answers as xAPI 1.0.3 statements",
            "exports",
            schemas.XapiStatements,
            query=schemas.ExportQuery,
        ),
    ]


def review_endpoints() -> list[Endpoint]:
    """The lesson review queue: analysts may read it, admins decide."""
    e = Endpoint
    return [
        e(
            "GET",
            "/reviews",
            reviews.list_reviews,
            "Lessons awaiting review, with their passages and the version learners get meanwhile",
            "reviews",
            reviews.ReviewPage,
            query=reviews.ReviewQuery,
        ),
        e(
            "GET",
            "/reviews/{review_id}",
            reviews.get_review,
            "One lesson under review",
            "reviews",
            reviews.Review,
        ),
        e(
            "PATCH",
            "/reviews/{review_id}",
            reviews.edit,
            "Edit a lesson awaiting review (text and questions; citations are checked)",
            "reviews",
            reviews.Review,
            body=reviews.ReviewEdit,
            write=True,
        ),
        e(
            "POST",
            "/reviews/{review_id}/approve",
            reviews.approve,
            "Approve a lesson: learners get it from now on",
            "reviews",
            reviews.Review,
            write=True,
        ),
        e(
            "POST",
            "/reviews/{review_id}/reject",
            reviews.reject,
            "Reject a lesson with a reason: it is never delivered",
            "reviews",
            reviews.Review,
            body=reviews.ReviewReject,
            write=True,
        ),
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


def api_document(table: list[Endpoint]) -> dict[str, Any]:
    """The OpenAPI document, plus what the table cannot say: operations that touch the
    document store may answer 503, approving a decided lesson conflicts, and a download
    is a JSON URL or the file itself."""
    spec = openapi.document(table)
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
    table = endpoints(services.config.max_document_bytes)
    spec = api_document(table)

    async def openapi_json(_request: Request) -> Response:
        return json_response(spec)

    async def docs(_request: Request) -> Response:
        return FileResponse(DASHBOARD / "docs.html", headers=PAGE_HEADERS)

    api_routes: list[BaseRoute] = list(routes(table, services))
    api_routes += [
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
    ]
    return Starlette(
        routes=api_routes,
        exception_handlers={HTTPException: _http_error, Exception: unexpected_error},
    )


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
