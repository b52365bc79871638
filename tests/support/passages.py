"""Passages cut from Markdown files by heading, as the offline composer receives them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from knowledge.generation.facts import clean
from knowledge.generation.models import MAX_BODY_CHARS
from knowledge.generation.offline import compose
from knowledge.passages import Passage


def markdown_passages(paths: Iterable[Path], *, min_chars: int = 300) -> list[Passage]:
    """Every section of at least `min_chars` of each file as a passage (headings split)."""
    passages = []
    chunk_id = 1
    for doc_id, path in enumerate(sorted(paths), start=1):
        if path.name in ("SOURCE.md", "MANIFEST.md"):
            continue
        for section in re.split(r"\n(?=#{1,4} )", path.read_text(encoding="utf-8")):
            heading = section.splitlines()[0].lstrip("# ").strip() if section.strip() else ""
            if len(section) < min_chars:
                continue
            passages.append(
                Passage(
                    chunk_id=chunk_id,
                    document_id=doc_id,
                    document_title=path.stem,
                    source_uri=str(path),
                    heading=heading,
                    text=section[:2000],
                )
            )
            chunk_id += 1
    return passages


def assert_grounded_lesson(title: str, passages: list[Passage], pool: list[Passage]) -> None:
    """An offline lesson on `passages` fits, cites only them, teaches in their words (every
    body sentence is one of theirs, key points add to the body), and asks two or three
    distinct questions that neither give the answer away nor recite the body."""
    draft = compose(
        topic_title=title,
        objectives=[f"Explain {title.lower()}"],
        passages=passages,
        distractor_passages=pool,
    )
    by_id = {p.chunk_id: p for p in passages}
    assert len(draft.body) <= MAX_BODY_CHARS
    assert set(draft.citation_chunk_ids) <= set(by_id)
    cited = " ".join(clean(by_id[c].text) for c in draft.citation_chunk_ids)
    for sentence in re.split(r"(?<=[.!?\u201d])\s+(?=[A-Z])", draft.body):
        assert sentence in cited, sentence
    assert all(point not in draft.body for point in draft.key_points)
    assert 2 <= len(draft.questions) <= 3
    assert len({q.stem for q in draft.questions}) == len(draft.questions)
    for q in draft.questions:
        answer = q.options[q.correct_option]
        assert q.citation_chunk_id in by_id
        assert "_____" not in q.stem and q.stem.endswith("?")
        assert answer.lower() not in q.stem.lower()
        assert q.stem not in draft.body
