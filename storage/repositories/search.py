"""Hybrid retrieval SQL: full-text and vector search fused by reciprocal rank, in one
statement.

Keyword side: chunks matching all query terms, or any term when none matches all, each
capped, so `ts_rank_cd` never scores thousands of rows.
Vector side: the HNSW index of the embedder's model, reached by repeating the index's
exact expression (`embedding::vector(dim)`) and predicate (`embedding_model = '<model>'
AND active`). With a topic or document filter the vector side is an exact scan of that
(small) subset instead, because pgvector's HNSW scan filters after the fact and could
return too few rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import EMBEDDING_MODELS

RRF_K = 60
KEYWORD_CANDIDATE_CAP = 200
EF_SEARCH = 64  # >= the 24 candidates asked for; recall@5 >= 0.99 at 100k rows


def _vector_literal(vector: Sequence[float]) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


def _filters(topic_id: int | None, document_ids: Sequence[int] | None) -> str:
    clauses = []
    if topic_id is not None:
        clauses.append("AND c.topic_id = :topic_id")
    if document_ids is not None:
        clauses.append("AND c.document_id = ANY(:document_ids)")
    return " ".join(clauses)


def _keyword_cte(filters: str, depth: int) -> str:
    cap = KEYWORD_CANDIDATE_CAP
    return f"""
    terms AS (
        SELECT websearch_to_tsquery('english', :query) AS all_terms,
               replace(plainto_tsquery('english', :query)::text, ' & ', ' | ')::tsquery
                   AS any_term
    ),
    all_match AS MATERIALIZED (
        SELECT c.id FROM chunks c, terms
         WHERE c.active AND NOT c.quarantined AND c.tsv @@ terms.all_terms {filters} LIMIT {cap}
    ),
    keyword_candidates AS (
        SELECT id FROM all_match
        UNION
        -- Any-term matches only when no chunk holds every term: OR-ing common words
        -- builds long posting lists, and the gate (an InitPlan) skips the scan otherwise.
        (SELECT c.id FROM chunks c, terms
          WHERE NOT EXISTS (SELECT 1 FROM all_match)
            AND c.active AND NOT c.quarantined AND c.tsv @@ terms.any_term {filters} LIMIT {cap})
    ),
    keyword AS (
        SELECT c.id, row_number() OVER (
                   ORDER BY ts_rank_cd(c.tsv, terms.any_term) DESC, c.id) AS rank
          FROM keyword_candidates k JOIN chunks c ON c.id = k.id, terms
         ORDER BY rank LIMIT {depth}
    )"""


def _vector_cte(model: str, dims: int, filters: str, depth: int) -> str:
    distance = f"c.embedding::vector({dims}) <=> CAST(CAST(:vector AS text) AS vector({dims}))"
    # "+ 0" keeps the planner off the HNSW index for a filtered (exact) search.
    order = f"({distance}) + 0" if filters else distance
    return f"""
    nearest AS (
        SELECT c.id, {distance} AS distance FROM chunks c
         WHERE c.embedding_model = '{model}' AND c.active AND NOT c.quarantined {filters}
         ORDER BY {order}
         LIMIT {depth}
    ),
    vector AS (SELECT id, row_number() OVER (ORDER BY distance, id) AS rank FROM nearest)"""


def build_sql(
    model: str | None, dims: int | None, filters: str, *, limit: int = 8, depth: int = 24
) -> str:
    """The fused statement. Limits are literals, not parameters: with a parameter, a
    generic plan assumes a large LIMIT and may trade the HNSW index for a full scan."""
    limit, depth = int(limit), int(depth)
    ctes = [_keyword_cte(filters, depth)]
    ranked = "SELECT id, rank AS keyword_rank, NULL::bigint AS vector_rank FROM keyword"
    if model is not None and dims is not None:
        ctes.append(_vector_cte(model, dims, filters, depth))
        ranked += " UNION ALL SELECT id, NULL::bigint, rank FROM vector"
    return f"""
    WITH {",".join(ctes)},
    fused AS (
        SELECT id,
               sum(1.0 / ({RRF_K} + coalesce(keyword_rank, vector_rank))) AS score,
               min(keyword_rank) AS keyword_rank,
               min(vector_rank) AS vector_rank
          FROM ({ranked}) ranked
         GROUP BY id
         ORDER BY score DESC, id
         LIMIT {limit}
    )
    SELECT c.id AS chunk_id, c.document_id, d.title AS document_title, d.source_uri,
           c.heading, c.text, c.topic_id, f.score, f.keyword_rank, f.vector_rank
      FROM fused f
      JOIN chunks c ON c.id = f.id
      JOIN documents d ON d.id = c.document_id
     ORDER BY f.score DESC, c.id"""


async def nearest_chunk_ids(
    session: AsyncSession, vector: Sequence[float], *, model: str, k: int = 5
) -> list[int]:
    """The vector side alone (HNSW, same expression as `search`): ids of the k nearest."""
    dims = EMBEDDING_MODELS[model]
    await session.execute(text(f"SET LOCAL hnsw.ef_search = {EF_SEARCH}"))
    sql = "WITH" + _vector_cte(model, dims, "", int(k)) + " SELECT id FROM vector ORDER BY rank"
    rows = await session.execute(text(sql), {"vector": _vector_literal(vector)})
    return [int(row.id) for row in rows]


async def hybrid_search(
    session: AsyncSession,
    query: str,
    *,
    model: str | None,
    vector: Sequence[float] | None,
    limit: int,
    depth: int,
    topic_id: int | None = None,
    document_ids: Sequence[int] | None = None,
) -> Sequence[Row[Any]]:
    """Rows (chunk_id, document_id, document_title, source_uri, heading, text, topic_id,
    score, keyword_rank, vector_rank), best first. The vector side runs when `model` and
    `vector` are given."""
    filters = _filters(topic_id, document_ids)
    params: dict[str, Any] = {"query": query}
    if topic_id is not None:
        params["topic_id"] = topic_id
    if document_ids is not None:
        params["document_ids"] = [int(i) for i in document_ids]
    use_vectors = model is not None and vector is not None
    if use_vectors and vector is not None:
        params["vector"] = _vector_literal(vector)
        await session.execute(text(f"SET LOCAL hnsw.ef_search = {EF_SEARCH}"))
    sql = build_sql(
        model if use_vectors else None,
        EMBEDDING_MODELS.get(model) if use_vectors and model else None,
        filters,
        limit=limit,
        depth=depth,
    )
    return (await session.execute(text(sql), params)).all()
