"""Which topic a chunk teaches: curriculum source filters, or topics derived from headings.

With a curriculum (topics of origin 'curriculum' that have source filters), a chunk
belongs to the first topic whose filter matches it. Without one, each document section
(title > second-level heading) becomes a topic of origin 'headings'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import PurePath
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.chunking import TextChunk
from storage.models import Topic
from storage.repositories import content


def slugify(text: str, limit: int = 120) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "topic"


def filter_matches(source_filter: dict[str, Any], source_uri: str, heading: str) -> bool:
    """Document globs match the file name or full path; heading keywords match the heading
    path (case-insensitive). A filter with neither never matches."""
    globs = [str(g) for g in source_filter.get("documents") or []]
    keywords = [str(k).lower() for k in source_filter.get("headings") or []]
    if not globs and not keywords:
        return False
    name = PurePath(source_uri).name
    if globs and not any(fnmatch(name, g) or fnmatch(source_uri, g) for g in globs):
        return False
    lowered = heading.lower()
    return not keywords or any(k in lowered for k in keywords)


async def curriculum_topics(session: AsyncSession) -> list[Topic]:
    """Curriculum topics that say which material they cover."""
    return [t for t in await content.curriculum_topics(session) if t.source_filter]


async def _derived_topic(
    session: AsyncSession, slug: str, title: str, cache: dict[str, int]
) -> int:
    if slug in cache:
        return cache[slug]
    topic_id = await content.topic_id_by_slug(session, slug)
    if topic_id is None:
        position = await content.topic_count(session, "headings")
        topic = await content.add_topic(
            session, slug=slug, title=title[:300], origin="headings", position=position
        )
        topic_id = topic.id
    cache[slug] = topic_id
    return topic_id


async def assign_topics(
    session: AsyncSession, *, source_uri: str, title: str, chunks: Sequence[TextChunk]
) -> list[int | None]:
    """Topic id for each chunk (None when a curriculum exists but no filter matches)."""
    topics = await curriculum_topics(session)
    if topics:
        return [
            next(
                (t.id for t in topics if filter_matches(t.source_filter, source_uri, c.heading)),
                None,
            )
            for c in chunks
        ]
    cache: dict[str, int] = {}
    ids: list[int | None] = []
    for chunk in chunks:
        path = chunk.heading_path or [title]
        section = path[:2] if len(path) >= 2 else [title, *path[:1]]
        parts = [p for i, p in enumerate(section) if i == 0 or p != section[0]]
        slug = slugify(" ".join([title, *parts[1:]]))
        label = " — ".join([title, *parts[1:]])
        ids.append(await _derived_topic(session, slug, label, cache))
    return ids


async def reassign_active_chunks(session: AsyncSession) -> int:
    """After a curriculum import: point active chunks at the curriculum topic that matches
    them; returns how many chunks now have a curriculum topic."""
    topics = await curriculum_topics(session)
    if not topics:
        return 0
    by_topic: dict[int | None, list[int]] = {}
    for chunk_id, heading, source_uri in await content.active_chunk_sources(session):
        topic_id = next(
            (t.id for t in topics if filter_matches(t.source_filter, source_uri, heading)), None
        )
        by_topic.setdefault(topic_id, []).append(chunk_id)
    for topic_id, chunk_ids in by_topic.items():
        await content.set_chunk_topic(session, chunk_ids, topic_id)
    return sum(len(v) for k, v in by_topic.items() if k is not None)
