"""Hybrid search latency and vector recall at scale.

Loads synthetic chunks (text from a fixed vocabulary, 384-d vectors in clusters) with
binary COPY into a fresh embedded PostgreSQL, rebuilds the indexes exactly as the
migration defines them, then runs hybrid searches through `knowledge.retrieval.search`
and compares the vector side's top 5 with an exact (numpy) search.

    .venv/bin/python -m bench.retrieval            # 100,000 chunks, 300 queries
    .venv/bin/python -m bench.retrieval --quick    # 10,000 chunks, 200 queries
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import asyncpg
import numpy as np
from numpy.typing import NDArray
from pgvector.asyncpg import register_vector

from bench.common import Metric, base_parser, percentile, write_results
from knowledge.retrieval import nearest_chunk_ids, search
from storage.db import create_engine, libpq_url, session_factory
from tests.support.postgres import TestPostgres

DIMS = 384
CLUSTERS = 200
CHUNKS_PER_DOCUMENT = 100
STOPWORD_RANKS = 50


class PrecomputedQuery:
    """An embedder stand-in: the benchmark passes each query vector directly."""

    key = "minilm"
    dims: int | None = DIMS

    async def embed(self, texts: list[str]) -> list[list[float]] | None:
        raise AssertionError("query vectors are precomputed")


def vocabulary(rng: np.random.Generator, size: int = 3000) -> list[str]:
    syllables = [
        "ka",
        "ro",
        "mi",
        "te",
        "lu",
        "sa",
        "ven",
        "dor",
        "pil",
        "qua",
        "zen",
        "bri",
        "fo",
        "gu",
        "ne",
        "ta",
        "shi",
        "mar",
        "pel",
        "dun",
    ]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables, size=int(rng.integers(2, 4)))))
    return sorted(words)


def synthetic_vectors(
    rng: np.random.Generator, count: int, centers: NDArray[np.float32]
) -> NDArray[np.float32]:
    labels = rng.integers(0, len(centers), size=count)
    vectors = centers[labels] + rng.normal(0, 0.6, size=(count, DIMS)).astype(np.float32) / np.sqrt(
        DIMS
    )
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def zipf_words(rng: np.random.Generator, words: list[str], count: int) -> list[str]:
    ranks = np.minimum(rng.zipf(1.3, size=count), len(words)) - 1
    return [words[i] for i in ranks]


async def load(url: str, chunks: int, rng: np.random.Generator) -> NDArray[np.float32]:
    """Create documents and chunks with COPY; returns the chunk vectors in id order."""
    words = vocabulary(rng)
    shuffled = list(rng.permutation(words))
    centers = rng.normal(size=(CLUSTERS, DIMS)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    vectors = synthetic_vectors(rng, chunks, centers)
    conn = await asyncpg.connect(libpq_url(url))
    try:
        await register_vector(conn)
        await conn.execute("SET maintenance_work_mem = '1GB'")
        await conn.execute("DROP INDEX ix_chunks_embedding_minilm_hnsw")
        await conn.execute("DROP INDEX ix_chunks_tsv")
        documents = (chunks + CHUNKS_PER_DOCUMENT - 1) // CHUNKS_PER_DOCUMENT
        await conn.copy_records_to_table(
            "documents",
            records=[
                (i + 1, f"synthetic/doc-{i}.md", f"Document {i}", "md", f"{i:064x}", 1, "active")
                for i in range(documents)
            ],
            columns=["id", "source_uri", "title", "format", "content_hash", "version", "status"],
        )
        started = time.perf_counter()
        records = []
        for i in range(chunks):
            body = " ".join(zipf_words(rng, shuffled, int(rng.integers(60, 140))))
            heading = " ".join(zipf_words(rng, shuffled, 3))
            records.append(
                (
                    i + 1,
                    i // CHUNKS_PER_DOCUMENT + 1,
                    i % CHUNKS_PER_DOCUMENT,
                    body,
                    [heading],
                    heading,
                    len(body.split()),
                    True,
                    "minilm",
                    vectors[i],
                )
            )
        await conn.copy_records_to_table(
            "chunks",
            records=records,
            columns=[
                "id",
                "document_id",
                "ordinal",
                "text",
                "heading_path",
                "heading",
                "token_count",
                "active",
                "embedding_model",
                "embedding",
            ],
        )
        copy_seconds = time.perf_counter() - started
        started = time.perf_counter()
        # Exactly the migration's definitions, so the benchmark measures what ships.
        await conn.execute("CREATE INDEX ix_chunks_tsv ON chunks USING gin (tsv)")
        await conn.execute(
            "CREATE INDEX ix_chunks_embedding_minilm_hnsw ON chunks USING hnsw "
            "((embedding::vector(384)) vector_cosine_ops) "
            "WHERE embedding_model = 'minilm' AND active"
        )
        await conn.execute("SELECT setval('chunks_id_seq', $1)", chunks)
        await conn.execute("ANALYZE")
        index_seconds = time.perf_counter() - started
    finally:
        await conn.close()
    print(f"loaded {chunks} chunks in {copy_seconds:.1f}s, indexes built in {index_seconds:.1f}s")
    load.stats = {"copy_seconds": copy_seconds, "index_seconds": index_seconds}  # type: ignore[attr-defined]
    load.words = shuffled  # type: ignore[attr-defined]
    load.centers = centers  # type: ignore[attr-defined]
    return vectors


async def run(chunks: int, queries: int) -> list[Metric]:
    rng = np.random.default_rng(42)
    postgres = TestPostgres(os.environ.get("BENCH_DATABASE_URL"))
    url = postgres.fresh_database()
    try:
        vectors = await load(url, chunks, rng)
        words: list[str] = load.words  # type: ignore[attr-defined]
        query_vectors = synthetic_vectors(rng, queries, load.centers)  # type: ignore[attr-defined]
        # Queries are 2-4 content words: the most frequent synthetic words play the part
        # of English stopwords (which real full-text search drops), so queries skip them.
        content_words = words[STOPWORD_RANKS:1500]
        texts = [
            " ".join(zipf_words(rng, content_words, int(rng.integers(2, 5))))
            for _ in range(queries)
        ]
        engine = create_engine(url, pool_size=1)
        sessions = session_factory(engine)
        embedder = PrecomputedQuery()
        latencies: list[float] = []
        recalls: list[float] = []
        try:
            async with sessions() as session:  # warm-up: caches and prepared statements
                for i in range(min(20, queries)):
                    await search(
                        session, texts[i], embedder=embedder, vector=query_vectors[i].tolist()
                    )
                await session.rollback()
            for i in range(queries):
                vector = query_vectors[i].tolist()
                async with sessions() as session:
                    started = time.perf_counter()
                    passages = await search(session, texts[i], embedder=embedder, vector=vector)
                    latencies.append((time.perf_counter() - started) * 1000)
                    assert passages, f"no result for {texts[i]!r}"
                    approximate = await nearest_chunk_ids(session, vector, model="minilm", k=5)
                    await session.rollback()
                exact = np.argsort(-(vectors @ query_vectors[i]))[:5] + 1
                recalls.append(len(set(approximate) & set(exact.tolist())) / 5)
        finally:
            await engine.dispose()
    finally:
        postgres.close()
    stats: dict[str, Any] = load.stats  # type: ignore[attr-defined]
    return [
        Metric("hybrid_search_p95", percentile(latencies, 95), "ms", goal=30),
        Metric("hybrid_search_p50", percentile(latencies, 50), "ms"),
        Metric("vector_recall_at_5", float(np.mean(recalls)), "", goal=0.95, higher_is_better=True),
        Metric("copy_rows_per_second", chunks / stats["copy_seconds"], "rows/s"),
        Metric("index_build_seconds", stats["index_seconds"], "s"),
    ]


def main() -> None:
    parser = base_parser(__doc__ or "")
    parser.add_argument("--chunks", type=int, default=None)
    parser.add_argument("--queries", type=int, default=None)
    args = parser.parse_args()
    chunks = args.chunks or (10_000 if args.quick else 100_000)
    queries = args.queries or (200 if args.quick else 300)
    metrics = asyncio.run(run(chunks, queries))
    write_results(
        "retrieval",
        metrics,
        params={"chunks": chunks, "queries": queries, "dims": DIMS, "quick": args.quick},
    )


if __name__ == "__main__":
    main()
