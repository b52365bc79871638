"""The offline composer builds valid, grounded lessons from training passages."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.generation.offline import OfflineCompositionError, compose
from knowledge.passages import Passage
from tests.support.passages import assert_grounded_lesson, markdown_passages

SAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "samples" / "documents"
# The sample training documents that ship with the app; tests/corpus repeats the lesson
# check over the larger shared corpus.
SAMPLE_PASSAGES = markdown_passages(SAMPLES.glob("*.md"))


def _about(*words: str, limit: int = 5) -> list[Passage]:
    hits = [p for p in SAMPLE_PASSAGES if all(w in p.text.lower() for w in words)]
    return hits[:limit]


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Credit card rewards programs", ("rewards",)),
        ("Grace periods and finance charges", ("grace period",)),
        ("Receipts and the expense policy", ("receipt",)),
        ("Disputes and chargebacks", ("dispute",)),
        ("Interest and the APR", ("interest",)),
        ("Liability for card use", ("liability",)),
    ],
)
def test_lessons_from_the_sample_documents_are_valid_and_grounded(
    title: str, words: tuple[str, ...]
) -> None:
    passages = _about(*words)
    assert len(passages) >= 2, f"the samples lack material on {words}"
    assert_grounded_lesson(title, passages, SAMPLE_PASSAGES)


def test_composition_is_deterministic() -> None:
    passages = _about("dispute")
    one = compose(topic_title="Disputes", objectives=[], passages=passages)
    two = compose(topic_title="Disputes", objectives=[], passages=passages)
    assert one == two


def test_distractors_are_terms_of_the_same_kind() -> None:
    passages = [
        Passage(
            chunk_id=1,
            document_id=1,
            document_title="Handbook",
            source_uri="memory://h",
            text="Report a lost card within 2 days so that liability stays capped at $50 overall.",
        ),
        *(
            Passage(
                chunk_id=10 + i,
                document_id=2,
                document_title="Fees",
                source_uri="memory://f",
                text=f"The late payment fee can reach {amount} on a standard business account.",
            )
            for i, amount in enumerate(["$25", "$35", "$40", "$75"])
        ),
    ]
    draft = compose(
        topic_title="Lost cards",
        objectives=[],
        passages=passages[:1],
        distractor_passages=passages[1:],
    )
    question = draft.questions[0]
    assert question.options[question.correct_option] == "$50"
    assert all(o.startswith("$") for o in question.options)


def test_no_passages_is_a_clear_error() -> None:
    with pytest.raises(OfflineCompositionError, match="no passages"):
        compose(topic_title="Anything", objectives=[], passages=[])
