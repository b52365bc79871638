"""The offline composer builds valid lessons from the real shared corpus."""

from __future__ import annotations

import re

import pytest

from knowledge.generation.models import MAX_BODY_CHARS
from knowledge.generation.offline import BLANK, OfflineCompositionError, clean, compose
from knowledge.passages import Passage
from tests.support.corpus import CORPUS


def _corpus_passages() -> list[Passage]:
    """Every markdown section of the corpus as a passage (headings split the sections)."""
    passages = []
    chunk_id = 1
    for doc_id, path in enumerate(sorted(CORPUS.rglob("*.md")), start=1):
        if path.name in ("SOURCE.md", "MANIFEST.md"):
            continue
        for section in re.split(r"\n(?=#{1,4} )", path.read_text(encoding="utf-8")):
            heading = section.splitlines()[0].lstrip("# ").strip() if section.strip() else ""
            if len(section) < 300:
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


CORPUS_PASSAGES = _corpus_passages()


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
        ("Grace periods and finance charges", ("grace period",)),
        ("Fraud alerts and identity theft", ("fraud alert",)),
    ],
)
def test_lessons_from_real_corpus_passages_are_valid_and_grounded(
    title: str, words: tuple[str, ...]
) -> None:
    passages = _about(*words)
    assert len(passages) >= 2, f"corpus lacks material on {words}"
    draft = compose(
        topic_title=title,
        objectives=[f"Explain {title.lower()}"],
        passages=passages,
        difficulty=2,
        distractor_passages=CORPUS_PASSAGES,
    )
    by_id = {p.chunk_id: p for p in passages}
    assert len(draft.body) <= MAX_BODY_CHARS
    assert set(draft.citation_chunk_ids) <= set(by_id)
    # Extractive: every body sentence is taken from a cited passage.
    cited_text = " ".join(clean(by_id[c].text) for c in draft.citation_chunk_ids)
    for paragraph in draft.body.split("\n\n"):
        assert paragraph[:60] in cited_text
    pool_text = " ".join(clean(p.text) for p in CORPUS_PASSAGES)
    assert 2 <= len(draft.questions) <= 3
    for q in draft.questions:
        source = clean(by_id[q.citation_chunk_id].text)
        answer = q.options[q.correct_option]
        assert BLANK in q.stem
        assert q.stem.removeprefix("Fill in the blank: ").replace(BLANK, answer) in source
        for distractor in q.options:
            assert distractor in pool_text  # distractors are real terms of the corpus
    assert len({q.options[q.correct_option].lower() for q in draft.questions}) == len(
        draft.questions
    )


def test_composition_is_deterministic() -> None:
    passages = _about("billing error")
    one = compose(topic_title="Billing errors", objectives=[], passages=passages)
    two = compose(topic_title="Billing errors", objectives=[], passages=passages)
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
