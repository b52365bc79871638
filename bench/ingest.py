"""Ingestion throughput on the shared training corpus (md, html, pdf, docx).

Each embedder ingests the corpus into its own fresh embedded PostgreSQL database; the
figure is stored chunks per second of wall time, end to end (load, chunk, PII scan,
embed, COPY). A second pass checks that unchanged files cost almost nothing.

    .venv/bin/python -m bench.ingest            # whole corpus, minilm and none
    .venv/bin/python -m bench.ingest --quick    # a few files of each format
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from bench.common import REPO_ROOT, Metric, base_parser, write_results
from knowledge.embeddings import build_embedder
from knowledge.ingest import expand_sources, ingest_sources
from storage.db import create_engine, session_factory
from tests.support.postgres import TestPostgres

CORPUS = (REPO_ROOT / ".." / "shared" / "corpus").resolve()
MAX_BYTES = 20 * 1024 * 1024
# Goals from what an admin needs on this 2-core machine: the whole shared corpus (~850
# chunks) ingested within 5 minutes with local MiniLM embeddings (the forward pass
# dominates) and within 1 minute keyword-only.
GOALS = {"minilm": 3.0, "none": 15.0}


def quick_sources() -> list[Path]:
    files, _ = expand_sources([CORPUS])
    picked: list[Path] = []
    for suffix in (".md", ".html", ".pdf", ".docx"):
        picked.extend([f for f in files if f.suffix == suffix][:1])
    return picked


async def measure(postgres: TestPostgres, kind: str, sources: list[Path]) -> list[Metric]:
    url = postgres.fresh_database()
    engine = create_engine(url, pool_size=2)
    sessions = session_factory(engine)
    embedder = build_embedder(kind)
    try:
        started = time.perf_counter()
        report = await ingest_sources(sessions, sources, embedder=embedder, max_bytes=MAX_BYTES)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = await ingest_sources(sessions, sources, embedder=embedder, max_bytes=MAX_BYTES)
        unchanged_seconds = time.perf_counter() - started
    finally:
        await engine.dispose()
        postgres.drop(url)
    skipped = [f"{Path(f.source).name}: {f.reason}" for f in report.files if f.status == "skipped"]
    if skipped:
        print("skipped:", *skipped, sep="\n  ")
    formats = sorted({Path(f.source).suffix for f in report.files if f.status == "added"})
    print(
        f"{kind}: {report.count('added')} files ({', '.join(formats)}), {report.chunks} chunks "
        f"in {seconds:.1f}s; unchanged re-run {unchanged_seconds:.2f}s "
        f"({again.count('unchanged')} unchanged)"
    )
    return [
        Metric(f"{kind}_chunks_per_second", report.chunks / seconds, "chunks/s", GOALS[kind], True),
        Metric(f"{kind}_chunks", report.chunks, "chunks"),
        Metric(f"{kind}_seconds", seconds, "s"),
        Metric(f"{kind}_unchanged_rerun_seconds", unchanged_seconds, "s", goal=5.0),
    ]


async def run(quick: bool) -> list[Metric]:
    if not CORPUS.is_dir():
        raise SystemExit(f"corpus not found at {CORPUS}")
    sources = quick_sources() if quick else [CORPUS]
    postgres = TestPostgres(os.environ.get("BENCH_DATABASE_URL"))
    try:
        metrics: list[Metric] = []
        for kind in ("none", "minilm"):
            metrics.extend(await measure(postgres, kind, sources))
        return metrics
    finally:
        postgres.close()


def main() -> None:
    parser = base_parser(__doc__ or "")
    args = parser.parse_args()
    metrics = asyncio.run(run(args.quick))
    write_results("ingest", metrics, params={"corpus": str(CORPUS), "quick": args.quick})


if __name__ == "__main__":
    main()
