"""The pages e-mail links open: /email/answer/<token> grades a quiz answer once and shows
the feedback; /email/unsubscribe/<token> stops lesson e-mail for the learner it names
(RFC 8058 one-click POST, or the button on its page). A forged, damaged or expired link,
or one whose learner, delivery and question do not belong together, gets a plain page and
a 4xx, never a 500."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from delivery.email.links import EmailLinks, LinkRefused
from delivery.email.render import answer_page, notice_page, unsubscribe_form
from flows import loop
from storage.db import transaction
from storage.repositories import deliveries, learners

log = structlog.get_logger("bmo.email")

NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
MAX_FORM_BYTES = 1024  # RFC 8058's body is "List-Unsubscribe=One-Click"


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


def _refused(exc: LinkRefused) -> HTMLResponse:
    if exc.expired:
        return _page(
            notice_page("This link has expired", "Answer from your latest lesson instead."), 410
        )
    return _page(
        notice_page("This link is not valid", "Open the link from the e-mail as it was sent."),
        400,
    )


NOT_YOURS = notice_page(
    "This link does not match a lesson", "Open the link from your own latest lesson e-mail."
)


def email_routes(links: EmailLinks, sessions: async_sessionmaker[AsyncSession]) -> list[Route]:
    async def answer(request: Request) -> Response:
        try:
            claim = links.answer(str(request.path_params["token"]))
        except LinkRefused as exc:
            return _refused(exc)
        async with transaction(sessions) as session:
            delivered = await deliveries.question_was_delivered(
                session,
                learner_id=claim.learner_id,
                delivery_id=claim.delivery_id,
                question_id=claim.question_id,
            )
            if not delivered:
                return _page(NOT_YOURS, 404)
            try:
                feedback = await loop.answer(
                    session,
                    claim.learner_id,
                    claim.question_id,
                    claim.option,
                    delivery_id=claim.delivery_id,
                    channel="email",
                )
            except loop.LoopError:
                return _page(NOT_YOURS, 404)
        next_links = {}
        if feedback.next_quiz is not None:
            quiz = feedback.next_quiz
            next_links = {
                o.index: links.answer_url(
                    claim.learner_id, claim.delivery_id, quiz.question_id, o.index
                )
                for o in quiz.options
            }
        log.info("email.answer", learner_id=claim.learner_id, repeated=feedback.already_answered)
        return _page(answer_page(feedback, next_links))

    async def unsubscribe_page(request: Request) -> Response:
        try:
            links.unsubscribe(str(request.path_params["token"]))
        except LinkRefused as exc:
            return _refused(exc)
        return _page(unsubscribe_form(str(request.url.path)))

    async def unsubscribe(request: Request) -> Response:
        try:
            claim = links.unsubscribe(str(request.path_params["token"]))
        except LinkRefused as exc:
            return _refused(exc)
        if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
            return _page(notice_page("Request too large", "Send the form as it is."), 413)
        async with transaction(sessions) as session:
            found = await learners.set_email_opt_out(session, claim.learner_id, True)
        if not found:
            return _page(NOT_YOURS, 404)
        log.info("email.unsubscribed", learner_id=claim.learner_id)
        return _page(
            notice_page(
                "You're unsubscribed",
                "You will get no more lesson e-mails. Slack and SMS lessons are not affected.",
            )
        )

    return [
        Route("/email/answer/{token}", answer, methods=["GET"]),
        Route("/email/unsubscribe/{token}", unsubscribe_page, methods=["GET"]),
        Route("/email/unsubscribe/{token}", unsubscribe, methods=["POST"]),
    ]
