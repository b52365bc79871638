"""E-mail lessons end to end against a real SMTP server: a push reaches the inbox with
answer links and one-click unsubscribe, a link grades once, a forged or expired link gets
a 4xx page, a dropped connection is retried without a second copy, and a Slack failure
falls through to e-mail."""

from __future__ import annotations

import ipaddress
import re
import ssl
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select, update
from starlette.applications import Starlette

from bot.settings import Settings
from delivery.email.links import EmailLinks
from delivery.email.sender import EmailSender, SmtpConfig, message_id
from delivery.email.web import email_routes
from delivery.pacing import LocalPacer
from delivery.queue import schedule_due_lessons
from delivery.runtime import DeliveryRuntime
from delivery.worker import deliver_lesson
from storage.db import transaction
from storage.models import Delivery, Learner, QuizResponse
from storage.repositories.outbound import lesson_key
from tests.delivery.support import TODAY, World, runtime_for, seed, wait_until_final, workers
from tests.support.fake_slack import FakeSlack
from tests.support.fake_smtp import FakeSmtp, running_fake_smtp

BASE = "https://learning.example.com"
SECRET = "test-email-link-secret"
NINE_UTC = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    with running_fake_smtp() as fake:
        yield fake


def with_email(runtime: DeliveryRuntime, smtp: FakeSmtp) -> DeliveryRuntime:
    config = SmtpConfig.from_url(smtp.url, "BMO Learning <learning@bank.example>")
    return replace(
        runtime,
        email=EmailSender(config, LocalPacer(60_000)),
        email_links=EmailLinks(BASE, SECRET),
    )


async def email_world(database_url: str, order: str = "email") -> World:
    world = await seed(database_url, 2)
    async with transaction(world.sessions) as session:
        await session.execute(update(Learner).values(channel_order=order))
    return world


def links_in(message: EmailMessage) -> list[str]:
    html = message.get_body(("html",))
    assert html is not None
    return re.findall(r'href="([^"]+)"', html.get_content())


def page_client(world: World) -> httpx.AsyncClient:
    app = Starlette(routes=email_routes(EmailLinks(BASE, SECRET), world.sessions))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)


async def answers(world: World) -> int:
    async with world.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(QuizResponse)) or 0)


async def test_a_pushed_lesson_reaches_the_inbox_and_its_link_grades_once(
    database_url: str, smtp: FakeSmtp
) -> None:
    world = await email_world(database_url)
    runtime = with_email(runtime_for(world, None), smtp)
    learner_id = world.learner_ids[0]
    try:
        assert await deliver_lesson(runtime, learner_id, TODAY) == "sent"
        [mail] = await smtp.await_messages(1)
        assert mail["To"] == "learner0@example.com"
        assert mail["Subject"] == "Today's lesson: How APR works"
        assert mail["Message-ID"] == message_id(lesson_key(learner_id, TODAY), "bank.example")
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = mail.get_body(("plain",))
        assert text is not None and "APR is the yearly cost of borrowing" in text.get_content()
        links = links_in(mail)
        answer_links = [link for link in links if "/email/answer/" in link]
        assert len(answer_links) == 4 and all(link.startswith(BASE) for link in answer_links)
        unsubscribe = mail["List-Unsubscribe"].strip("<>")
        assert unsubscribe in links  # the footer link is the header's
        async with world.sessions() as session:
            row = await session.scalar(select(Delivery).where(Delivery.learner_id == learner_id))
        assert row is not None and (row.status, row.channel) == ("sent", "email")

        async with page_client(world) as client:
            right = await client.get(answer_links[1])  # B: paid in full by the due date
            assert right.status_code == 200
            assert "Correct!" in right.text and "grace period" in right.text
            assert await answers(world) == 1
            again = await client.get(answer_links[1])
            other = await client.get(answer_links[0])
            assert again.status_code == other.status_code == 200
            assert "You already answered B" in other.text
            assert await answers(world) == 1  # the second and third clicks grade nothing
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_forged_expired_and_borrowed_links_get_a_clear_4xx_page(
    database_url: str, smtp: FakeSmtp
) -> None:
    world = await email_world(database_url)
    runtime = with_email(runtime_for(world, None), smtp)
    mine, theirs = world.learner_ids
    try:
        assert await deliver_lesson(runtime, mine, TODAY) == "sent"
        [mail] = await smtp.await_messages(1)
        link = next(link for link in links_in(mail) if "/email/answer/" in link)
        token = link.rsplit("/", 1)[1]
        async with world.sessions() as session:
            delivery = await session.scalar(select(Delivery).where(Delivery.learner_id == mine))
        assert delivery is not None and delivery.lesson_id is not None
        question = await client_question(world, delivery.lesson_id)
        old = type(
            "OldSigner",
            (TimestampSigner,),
            {"get_timestamp": lambda self: int(time.time()) - 30 * 86400},
        )
        expired = URLSafeTimedSerializer(SECRET, salt="bmo-email-answer", signer=old).dumps(
            {"l": mine, "d": delivery.id, "q": question, "o": 1}
        )
        borrowed = EmailLinks(BASE, SECRET).answer_url(theirs, delivery.id, question, 1)
        forged = EmailLinks(BASE, "someone-elses-key").answer_url(mine, delivery.id, question, 1)
        async with page_client(world) as client:
            cases = {
                f"/email/answer/{token[:-3]}xyz": 400,
                forged: 400,
                f"/email/answer/{'a' * 5000}": 400,
                f"/email/answer/{expired}": 410,
                borrowed: 404,
                "/email/unsubscribe/not-a-token": 400,
            }
            for url, status in cases.items():
                response = await client.get(url)
                assert response.status_code == status, (url, response.text)
                assert "<h2>" in response.text
        assert await answers(world) == 0
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def client_question(world: World, lesson_id: int) -> int:
    from storage.models import Question

    async with world.sessions() as session:
        found = await session.scalar(select(Question.id).where(Question.lesson_id == lesson_id))
    assert found is not None
    return int(found)


async def test_one_click_unsubscribe_stops_email_and_leaves_slack_alone(
    database_url: str, smtp: FakeSmtp, fake_slack: FakeSlack
) -> None:
    world = await email_world(database_url, order="email,slack")
    runtime = with_email(runtime_for(world, fake_slack), smtp)
    learner_id = world.learner_ids[0]
    try:
        assert await deliver_lesson(runtime, learner_id, TODAY) == "sent"
        [mail] = await smtp.await_messages(1)
        unsubscribe = mail["List-Unsubscribe"].strip("<>")
        async with page_client(world) as client:
            page = await client.get(unsubscribe)  # a scanner following the link changes nothing
            assert page.status_code == 200 and "<form" in page.text
            one_click = await client.post(
                unsubscribe,
                content=b"List-Unsubscribe=One-Click",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
        assert one_click.status_code == 200 and "unsubscribed" in one_click.text
        tomorrow = TODAY + timedelta(days=1)
        assert await deliver_lesson(runtime, learner_id, tomorrow) == "sent"
        assert len(smtp.messages) == 1  # no more e-mail...
        assert fake_slack.count("chat.postMessage") == 1  # ...and Slack still works
        async with world.sessions() as session:
            learner = await session.get(Learner, learner_id)
        assert learner is not None and learner.email_opted_out
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_connection_dropped_mid_send_is_retried_without_a_second_copy(
    database_url: str, smtp: FakeSmtp
) -> None:
    world = await email_world(database_url)
    runtime = with_email(runtime_for(world, None), smtp)
    try:
        smtp.drop_next(1)
        async with transaction(world.sessions) as session:
            assert await schedule_due_lessons(session, NINE_UTC) == 2
        async with workers(database_url, runtime, count=2):
            rows = await wait_until_final(world, 2, timeout=60)
        assert sorted(r.status for r in rows) == ["sent", "sent"]
        assert smtp.attempts == 3  # one send was cut off and made again
        received = [m["To"] for m in smtp.messages]
        assert sorted(received) == ["learner0@example.com", "learner1@example.com"]
        assert len({m["Message-ID"] for m in smtp.messages}) == 2
    finally:
        await runtime.aclose()
        await world.engine.dispose()


async def test_a_learner_gone_from_slack_gets_the_lesson_by_email(
    database_url: str, smtp: FakeSmtp, fake_slack: FakeSlack
) -> None:
    world = await email_world(database_url, order="slack,email")
    runtime = with_email(runtime_for(world, fake_slack), smtp)
    learner_id = world.learner_ids[0]
    try:
        fake_slack.fail_next("conversations.open", error="user_not_found")
        assert await deliver_lesson(runtime, learner_id, TODAY) == "sent"
        assert [m["To"] for m in smtp.messages] == ["learner0@example.com"]
        async with world.sessions() as session:
            row = await session.scalar(select(Delivery).where(Delivery.learner_id == learner_id))
        assert row is not None and row.channel == "email"
        assert row.error == "slack: user_not_found; sent by e-mail"
    finally:
        await runtime.aclose()
        await world.engine.dispose()


def test_smtp_settings_name_the_server_the_account_and_the_tls_mode() -> None:
    plain = SmtpConfig.from_url("smtp://mailer:p%40ss@mail.bank.example", "learning@bank.example")
    assert (plain.hostname, plain.port, plain.use_tls) == ("mail.bank.example", 587, False)
    assert (plain.username, plain.password) == ("mailer", "p@ss")
    wrapped = SmtpConfig.from_url("smtps://mailer:secret@mail.bank.example", "x@bank.example")
    assert (wrapped.port, wrapped.use_tls, wrapped.domain) == (465, True, "bank.example")
    with pytest.raises(ValueError, match="SMTP_URL"):
        Settings(_env_file=None, smtp_url="http://mail.bank.example", email_from="x@bank.example")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="EMAIL_FROM"):
        Settings(_env_file=None, smtp_url="smtp://mail.bank.example")  # type: ignore[call-arg]
    assert Settings(_env_file=None, smtp_url="").smtp_url is None  # type: ignore[call-arg]


def self_signed(directory: Path) -> tuple[ssl.SSLContext, Path]:
    """A server context for 127.0.0.1 and the certificate a client must trust."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.pem", directory / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context, cert_path


async def test_the_sender_upgrades_with_starttls_when_offered_and_logs_in(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context, cert = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this server's cert
    world = await email_world(database_url)
    with running_fake_smtp(tls=context, account=("mailer", "s3cret")) as server:
        config = SmtpConfig.from_url(
            f"smtp://mailer:s3cret@127.0.0.1:{server.port}", "learning@bank.example"
        )
        runtime = replace(
            runtime_for(world, None),
            email=EmailSender(config, LocalPacer(60_000)),
            email_links=EmailLinks(BASE, SECRET),
        )
        try:
            assert await deliver_lesson(runtime, world.learner_ids[0], TODAY) == "sent"
            # The server requires STARTTLS before anything else, and AUTH only over TLS.
            assert [m["To"] for m in server.messages] == ["learner0@example.com"]
            assert server.logins == ["mailer"]
        finally:
            await runtime.aclose()
            await world.engine.dispose()
