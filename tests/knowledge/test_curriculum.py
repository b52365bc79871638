"""Curriculum files: validation with line numbers, import, authored lessons, topic matching."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.curriculum import CurriculumError, import_curriculum, parse_curriculum
from knowledge.embeddings import build_embedder
from knowledge.ingest import ingest_sources
from storage.db import create_engine, session_factory, transaction
from storage.models import Chunk, Lesson, Question, Topic

CURRICULUM = """\
tracks:
  - slug: business-credit-cards
    title: Business credit cards
    topics:
      - slug: card-fees
        title: Card fees
        objectives: [Name the annual and late fees]
        sources: {documents: ["fees*.md"], headings: [annual fee, late fee]}
        lessons:
          - title: What fees cost
            body: The annual fee is charged once a year.
            key_points: [Annual fee yearly]
            questions:
              - stem: How often is the annual fee charged?
                options: [Monthly, Once a year, Never]
                correct: 1
                explanation: It is annual.
      - slug: credit-limits
        title: Credit limits
        prerequisites: [card-fees]
        sources: {headings: [limit]}
"""


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=2)
    yield session_factory(engine)
    await engine.dispose()


def test_a_valid_file_parses() -> None:
    spec = parse_curriculum(CURRICULUM)
    assert [t.slug for _, t in spec.topics()] == ["card-fees", "credit-limits"]
    assert spec.tracks[0].topics[0].lessons[0].questions[0].correct == 1


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            CURRICULUM.replace("correct: 1", "correct: 7"),
            "line 14: tracks.0.topics.0.lessons.0.questions.0: correct is 7 but there are 3 "
            "options",
        ),
        (
            CURRICULUM.replace("slug: credit-limits", "slug: Credit Limits"),
            "line 18: tracks.0.topics.1.slug: String should match pattern",
        ),
        (
            CURRICULUM.replace("title: Card fees\n", "title: Card fees\n        colour: red\n"),
            "line 7: tracks.0.topics.0.colour: Extra inputs are not permitted",
        ),
        (
            CURRICULUM.replace("[card-fees]", "[missing-topic]"),
            "topic credit-limits has unknown prerequisites: missing-topic",
        ),
        (
            CURRICULUM.replace(
                "title: Card fees\n", "title: Card fees\n        prerequisites: [credit-limits]\n"
            ),
            "prerequisites form a cycle: card-fees -> credit-limits -> card-fees",
        ),
        (
            CURRICULUM.replace("slug: credit-limits", "slug: card-fees"),
            "topic slugs must be unique: card-fees",
        ),
        ("tracks: [\n  - oops", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping with a 'tracks' list"),
    ],
)
def test_problems_are_reported_with_line_and_field(broken: str, expected: str) -> None:
    with pytest.raises(CurriculumError) as raised:
        parse_curriculum(broken, "plan.yaml")
    assert expected in str(raised.value)
    assert str(raised.value).startswith("plan.yaml")


async def test_import_creates_topics_and_authored_lessons_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    spec = parse_curriculum(CURRICULUM)
    async with transaction(sessions) as session:
        first = await import_curriculum(session, spec)
    async with transaction(sessions) as session:
        second = await import_curriculum(session, spec)
    assert (first.topics_created, first.lessons_created, first.questions_created) == (2, 1, 1)
    assert (second.topics_created, second.topics_updated, second.lessons_created) == (0, 2, 0)
    async with sessions() as session:
        topics = list((await session.execute(select(Topic).order_by(Topic.position))).scalars())
        lesson = (await session.execute(select(Lesson))).scalar_one()
        question = (await session.execute(select(Question))).scalar_one()
    assert [(t.slug, t.track, t.origin) for t in topics] == [
        ("card-fees", "business-credit-cards", "curriculum"),
        ("credit-limits", "business-credit-cards", "curriculum"),
    ]
    assert topics[1].prerequisites == ["card-fees"]
    assert topics[0].objectives == ["Name the annual and late fees"]
    assert lesson.generator == "authored" and lesson.topic_id == topics[0].id
    assert question.options == ["Monthly", "Once a year", "Never"] and question.correct_option == 1


async def test_chunks_follow_the_curriculum_source_filters(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "fees-guide.md").write_text(
        "# Fees\n\n## Annual fee\n\nCharged yearly on the account anniversary.\n\n"
        "## Statements\n\nStatements arrive monthly and list every purchase."
    )
    (tmp_path / "limits.md").write_text("# Credit limit\n\nThe limit depends on revenue.")
    embedder = build_embedder("none")
    # Documents first (topics from headings), then the curriculum re-points the chunks.
    await ingest_sources(sessions, [tmp_path], embedder=embedder, max_bytes=10**6)
    async with transaction(sessions) as session:
        summary = await import_curriculum(session, parse_curriculum(CURRICULUM))
    assert summary.chunks_assigned == 2
    async with sessions() as session:
        rows = (
            await session.execute(
                select(Chunk.heading, Topic.slug)
                .outerjoin(Topic, Topic.id == Chunk.topic_id)
                .order_by(Chunk.id)
            )
        ).all()
    assert [(h, s) for h, s in rows] == [
        ("Fees > Annual fee", "card-fees"),
        ("Fees > Statements", None),
        ("Credit limit", "credit-limits"),
    ]
    # A document ingested after the import is matched at once.
    (tmp_path / "fees-late.md").write_text("# Late fee\n\nCharged when the payment is late.")
    await ingest_sources(sessions, [tmp_path / "fees-late.md"], embedder=embedder, max_bytes=10**6)
    async with sessions() as session:
        slug = await session.scalar(
            select(Topic.slug)
            .join(Chunk, Chunk.topic_id == Topic.id)
            .where(Chunk.heading == "Late fee")
        )
    assert slug == "card-fees"
