"""Training material written straight into the database for lesson tests and benchmarks."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.passages import Passage
from storage.models import Chunk, Topic
from storage.repositories.content import add_chunks, add_document, add_topic

GRACE = [
    (
        "Grace period",
        "The grace period is the time between the end of a billing cycle and the payment due "
        "date. Paying the full statement balance by the due date means no interest is charged "
        "on new purchases. A grace period usually lasts at least 21 days.",
    ),
    (
        "Carrying a balance",
        "When only part of the statement balance is paid, interest accrues on the remaining "
        "balance and the grace period is usually lost for new purchases. Cardholders regain "
        "the grace period after paying the balance in full for a full billing cycle.",
    ),
    (
        "Cash advances",
        "Cash advances do not have a grace period. Interest starts on the day the cash is "
        "taken out, and a separate transaction fee is usually charged by the issuer.",
    ),
]

FRAUD = [
    (
        "Reporting a lost card",
        "Report a lost or stolen company card to the issuer within 2 days. Under federal law "
        "the cardholder's liability for unauthorized charges is capped at $50, and many "
        "issuers waive even that amount for business programmes.",
    ),
    (
        "Phishing",
        "Fraudsters send messages that imitate the card issuer and ask for the full card "
        "number or a one-time passcode. Never share a passcode; call the number printed on "
        "the back of the card instead.",
    ),
    (
        "Chargebacks",
        "A chargeback reverses a disputed transaction through the card network. Disputes "
        "must be filed within 60 days of the statement that first showed the charge, with "
        "receipts and correspondence attached.",
    ),
]


async def topic(
    session: AsyncSession, title: str = "Grace periods and interest", objectives: Sequence[str] = ()
) -> Topic:
    slug = f"{title.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}"
    return await add_topic(
        session,
        slug=slug,
        title=title,
        objectives=list(objectives) or [f"Explain {title.lower()}"],
    )


async def document(
    session: AsyncSession,
    sections: Sequence[tuple[str, str]],
    *,
    title: str = "Card handbook",
    topic_id: int | None = None,
) -> list[Passage]:
    """One active document whose sections become chunks; returns them as passages."""
    uri = f"memory://{uuid.uuid4().hex}/{title}.md"
    text = "\n\n".join(body for _, body in sections)
    doc = await add_document(
        session,
        source_uri=uri,
        title=title,
        format="md",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        byte_size=len(text),
    )
    chunks = [
        Chunk(
            document_id=doc.id,
            topic_id=topic_id,
            ordinal=i,
            text=body,
            heading=heading,
            heading_path=[title, heading],
            token_count=len(body.split()),
        )
        for i, (heading, body) in enumerate(sections)
    ]
    await add_chunks(session, chunks)
    return [
        Passage(
            chunk_id=c.id,
            document_id=doc.id,
            document_title=title,
            source_uri=uri,
            heading=c.heading,
            text=c.text,
            topic_id=topic_id,
        )
        for c in chunks
    ]
