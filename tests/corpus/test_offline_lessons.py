"""The offline composer builds valid, grounded lessons from the real shared corpus."""

from __future__ import annotations

import pytest

from knowledge.passages import Passage
from tests.support.corpus import require_corpus
from tests.support.passages import assert_grounded_lesson, markdown_passages

CORPUS_PASSAGES = markdown_passages(require_corpus().rglob("*.md"))


def _about(*words: str, limit: int = 5) -> list[Passage]:
    hits = [p for p in CORPUS_PASSAGES if all(w in p.text.lower() for w in words)]
    return hits[:limit]


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Billing errors and disputes", ("billing error",)),
        ("Credit card rewards programs", ("rewards",)),
        ("Unauthorized use and liability", ("unauthorized",)),
        ("Strong passwords", ("password", "memorized")),
        ("Phishing and scams", ("phishing",)),
        ("Multi-factor authentication", ("multi-factor",)),
        ("Annual percentage rate", ("annual percentage rate",)),
        ("Credit reports", ("credit report",)),
    ],
)
def test_lessons_from_real_corpus_passages_are_valid_and_grounded(
    title: str, words: tuple[str, ...]
) -> None:
    passages = _about(*words)
    assert len(passages) >= 2, f"corpus lacks material on {words}"
    assert_grounded_lesson(title, passages, CORPUS_PASSAGES)
