"""Passages cut from Markdown files by heading, as the offline composer receives them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from knowledge.generation.models import MAX_BODY_CHARS
from knowledge.generation.offline import BLANK, clean, compose
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
    """An offline lesson on `passages` fits, cites only them, quotes them, and asks cloze
    questions whose answers come from the cited text and whose distractors from `pool`."""
    draft = compose(
        topic_title=title,
        objectives=[f"Explain {title.lower()}"],
        passages=passages,
        difficulty=2,
        distractor_passages=pool,
    )
    by_id = {p.chunk_id: p for p in passages}
    assert len(draft.body) <= MAX_BODY_CHARS
    assert set(draft.citation_chunk_ids) <= set(by_id)
    # Extractive: every body sentence is taken from a cited passage.
    cited_text = " ".join(clean(by_id[c].text) for c in draft.citation_chunk_ids)
    for paragraph in draft.body.split("\n\n"):
        assert paragraph[:60] in cited_text
    pool_text = " ".join(clean(p.text) for p in pool)
    assert 2 <= len(draft.questions) <= 3
    for q in draft.questions:
        source = clean(by_id[q.citation_chunk_id].text)
        answer = q.options[q.correct_option]
        assert BLANK in q.stem
        assert q.stem.removeprefix("Fill in the blank: ").replace(BLANK, answer) in source
        for distractor in q.options:
            assert distractor in pool_text  # distractors are real terms of the pool
    assert len({q.options[q.correct_option].lower() for q in draft.questions}) == len(
        draft.questions
    )
