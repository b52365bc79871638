"""Offline lessons as a trainer would judge them: every topic of the sample curriculum and
of the shared corpus (BMO_CORPUS_DIR) gets an offline lesson, and every question is
reviewed by bench.lesson_review (answer hidden, distractors of the answer's kind and
form, no distractor true by the cited passage, stem not copied from the body).

The corpus documents are split in two by a hash of their file name: the sample curriculum
and one half were used while tuning the generator, the other half is held out and
reported on its own. Composition time per lesson is measured with spaCy's and MiniLM's
per-chunk caches warm (a second pass), and once cold.

`--write-samples` also rewrites docs/sample-lessons.md with ten lessons and their quizzes.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import REPO_ROOT, Metric, base_parser, percentile, write_results
from bench.lesson_review import Review, review
from knowledge.chunking import chunk_text
from knowledge.curriculum import load_curriculum
from knowledge.generation.models import LessonDraft
from knowledge.generation.offline import NoQuiz, OfflineCompositionError, compose
from knowledge.loaders import LoaderError, is_supported, load_file
from knowledge.passages import Passage
from knowledge.topics import filter_matches, slugify

SAMPLES = REPO_ROOT / "knowledge" / "samples"
SAMPLE_DOC = REPO_ROOT / "docs" / "sample-lessons.md"
TOPIC_PASSAGES = 6  # as the lesson service's keyword provider
DISTRACTOR_PASSAGES = 80  # as the lesson service's distractor material


@dataclass
class Topic:
    part: str  # "sample", "corpus-tuning" or "corpus-held-out"
    slug: str
    title: str
    objectives: list[str]
    passages: list[Passage]


@dataclass
class Outcome:
    topic: Topic
    draft: LessonDraft | None
    reason: str = ""
    reviews: list[Review] = field(default_factory=list)
    seconds: float = 0.0


def _chunks(paths: list[Path], first_id: int) -> list[Passage]:
    passages: list[Passage] = []
    for doc_id, path in enumerate(paths, start=first_id):
        try:
            document = load_file(path, max_bytes=20 * 1024 * 1024)
        except LoaderError:
            continue
        for chunk in chunk_text(document.text, title=document.title):
            passages.append(
                Passage(
                    chunk_id=len(passages) + first_id * 1000,
                    document_id=doc_id,
                    document_title=document.title,
                    source_uri=str(path),
                    heading=" > ".join(chunk.heading_path),
                    text=chunk.text,
                )
            )
    return passages


def sample_topics() -> tuple[list[Topic], list[Passage]]:
    docs = sorted((SAMPLES / "documents").glob("*.md"))
    passages = _chunks(docs, 1)
    spec = load_curriculum(SAMPLES / "curriculum.yaml")
    topics = []
    for _, t in spec.topics():
        mine = [
            p for p in passages if filter_matches(t.sources.model_dump(), p.source_uri, p.heading)
        ]
        topics.append(Topic("sample", t.slug, t.title, t.objectives, mine[:TOPIC_PASSAGES]))
    return topics, passages


def held_out(path: Path) -> bool:
    return int(hashlib.sha256(path.name.encode()).hexdigest(), 16) % 2 == 1


def corpus_topics(corpus: Path) -> tuple[list[Topic], list[Passage]]:
    """Topics as ingestion derives them without a curriculum: document title plus
    second-level heading."""
    docs = sorted(
        p
        for p in corpus.rglob("*")
        if p.is_file() and is_supported(p) and p.name not in ("SOURCE.md", "MANIFEST.md")
    )
    passages = _chunks(docs, 100)
    by_slug: dict[str, Topic] = {}
    for p in passages:
        path = p.heading.split(" > ")
        parts = [x for i, x in enumerate(path[:2]) if i == 0 or x != path[0]]
        title = " — ".join([p.document_title, *parts[1:]])
        slug = slugify(title)
        part = "corpus-held-out" if held_out(Path(p.source_uri)) else "corpus-tuning"
        topic = by_slug.setdefault(slug, Topic(part, slug, title, [], []))
        if len(topic.passages) < TOPIC_PASSAGES:
            topic.passages.append(p)
    return list(by_slug.values()), passages


def generate(topic: Topic, corpus: list[Passage]) -> Outcome:
    mine = {p.chunk_id for p in topic.passages}
    documents = {p.document_id for p in topic.passages}
    anchor = min(mine)
    # As the lesson service orders them: the same documents' chunks first, nearest first.
    others = sorted(
        (p for p in corpus if p.chunk_id not in mine),
        key=lambda p: (
            p.document_id not in documents,
            abs(p.chunk_id - anchor) if p.document_id in documents else 0,
            p.chunk_id,
        ),
    )[:DISTRACTOR_PASSAGES]
    started = time.perf_counter()
    try:
        draft = compose(
            topic_title=topic.title,
            objectives=topic.objectives,
            passages=topic.passages,
            distractor_passages=others,
        )
    except NoQuiz as exc:
        return Outcome(topic, None, f"no quiz: {exc}", seconds=time.perf_counter() - started)
    except OfflineCompositionError as exc:
        return Outcome(topic, None, f"no lesson: {exc}", seconds=time.perf_counter() - started)
    seconds = time.perf_counter() - started
    by_id = {p.chunk_id: p.text for p in corpus}  # a thin topic cites its neighbours too
    reviews = [
        review(
            title=topic.title,
            body=draft.body,
            stem=q.stem,
            options=q.options,
            correct=q.correct_option,
            passage=by_id.get(q.citation_chunk_id, ""),
        )
        for q in draft.questions
    ]
    return Outcome(topic, draft, reviews=reviews, seconds=seconds)


def _topics(quick: bool) -> Iterator[tuple[list[Topic], list[Passage]]]:
    yield sample_topics()
    corpus_dir = os.environ.get("BMO_CORPUS_DIR")
    if corpus_dir and Path(corpus_dir).is_dir():
        topics, passages = corpus_topics(Path(corpus_dir))
        yield (topics[::4] if quick else topics), passages


def run(quick: bool) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for topics, corpus in _topics(quick):
        for topic in topics:
            if topic.passages:
                outcomes.append(generate(topic, corpus))
    return outcomes


def _metrics(part: str, outcomes: list[Outcome]) -> list[Metric]:
    mine = [o for o in outcomes if o.topic.part == part]
    if not mine:
        return []
    lessons = [o for o in mine if o.draft is not None]
    reviews = [r for o in lessons for r in o.reviews]
    passed = sum(r.passed for r in reviews)
    metrics = [
        Metric(f"{part}: topics", len(mine), "topics"),
        Metric(f"{part}: topics with a lesson of >= 2 questions", len(lessons), "topics"),
        Metric(f"{part}: topics reported as unquizzable", len(mine) - len(lessons), "topics"),
        Metric(f"{part}: questions reviewed", len(reviews), "questions"),
        Metric(
            f"{part}: questions passing every check",
            100.0 * passed / max(1, len(reviews)),
            "%",
            goal=90,
            higher_is_better=True,
        ),
    ]
    for check in (
        "answer_hidden",
        "same_kind",
        "same_form",
        "distractors_false",
        "stem_not_verbatim",
    ):
        ok = sum(r.checks.get(check, False) for r in reviews)
        metrics.append(Metric(f"{part}: {check}", 100.0 * ok / max(1, len(reviews)), "%"))
    return metrics


def main() -> None:
    parser = base_parser(__doc__ or "")
    parser.add_argument(
        "--write-samples", action="store_true", help="rewrite docs/sample-lessons.md"
    )
    parser.add_argument(
        "--show-failures",
        action="store_true",
        help="print failing questions (not the held-out part's)",
    )
    args = parser.parse_args()

    cold = run(args.quick)  # fills spaCy's and MiniLM's per-chunk caches
    warm = run(args.quick)
    times = [o.seconds * 1000 for o in warm]
    metrics: list[Metric] = []
    for part in ("sample", "corpus-tuning", "corpus-held-out"):
        metrics += _metrics(part, warm)
    metrics += [
        Metric("compose per lesson, caches warm, median", percentile(times, 50), "ms"),
        Metric("compose per lesson, caches warm, p95", percentile(times, 95), "ms", goal=50),
        Metric(
            "compose per lesson, first pass (spaCy and MiniLM cold), mean",
            sum(o.seconds for o in cold) * 1000 / max(1, len(cold)),
            "ms",
        ),
    ]
    if args.show_failures:  # never the held-out part: it is judged, not tuned on
        for o in (o for o in warm if o.topic.part != "corpus-held-out"):
            if o.draft is None:
                print(f"[{o.topic.part}] {o.topic.title}: {o.reason}")
            for r, q in zip(o.reviews, o.draft.questions if o.draft else [], strict=False):
                if not r.passed:
                    failed = [k for k, v in r.checks.items() if not v]
                    shown = f"{failed} | {q.stem} | {q.options} {r.notes}"
                    print(f"[{o.topic.part}] {o.topic.title} | {shown}")
    unquizzable = [f"{o.topic.slug}: {o.reason}" for o in warm if o.draft is None]
    write_results(
        "lesson_quality",
        metrics,
        params={
            "quick": args.quick,
            "corpus": bool(os.environ.get("BMO_CORPUS_DIR")),
            "unquizzable": unquizzable,
        },
    )
    if args.write_samples:
        from bench.sample_lessons import render

        SAMPLE_DOC.write_text(render(warm))
        print(f"samples written to {SAMPLE_DOC}")


if __name__ == "__main__":
    main()
