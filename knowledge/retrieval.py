"""Hybrid retrieval: the best passages for a question, by keywords and meaning together
(the statement lives in storage/repositories/search.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.embeddings import Embedder
from knowledge.passages import Passage
from storage.models import EMBEDDING_MODELS
from storage.repositories.search import build_sql, hybrid_search, nearest_chunk_ids

__all__ = ["build_sql", "nearest_chunk_ids", "query_vector", "search"]


async def query_vector(embedder: Embedder, query: str) -> list[float] | None:
    embed_query = getattr(embedder, "embed_query", None)
    if embed_query is not None:
        vector: list[float] = await embed_query(query)
        return vector
    vectors = await embedder.embed([query])
    return vectors[0] if vectors else None


async def search(
    session: AsyncSession,
    query: str,
    *,
    embedder: Embedder,
    limit: int = 8,
    topic_id: int | None = None,
    document_ids: Sequence[int] | None = None,
    vector: Sequence[float] | None = None,
) -> list[Passage]:
    """The `limit` best active passages for `query`, each with what a citation needs.

    `vector` may be given when the caller already embedded the query.
    """
    query = query.strip()
    if not query or limit <= 0:
        return []
    if vector is None and embedder.dims is not None:
        vector = await query_vector(embedder, query)
    use_vectors = vector is not None and embedder.key in EMBEDDING_MODELS
    rows = await hybrid_search(
        session,
        query,
        model=embedder.key if use_vectors else None,
        vector=vector if use_vectors else None,
        limit=limit,
        depth=max(limit * 3, 20),
        topic_id=topic_id,
        document_ids=document_ids,
    )
    return [
        Passage(
            chunk_id=row.chunk_id,
            document_id=row.document_id,
            document_title=row.document_title,
            source_uri=row.source_uri,
            heading=row.heading,
            text=row.text,
            topic_id=row.topic_id,
            score=float(row.score),
            keyword_rank=row.keyword_rank,
            vector_rank=row.vector_rank,
        )
        for row in rows
    ]
