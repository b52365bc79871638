"""Chunks follow headings, stay within the model window and overlap across splits."""

from __future__ import annotations

import itertools

from knowledge.chunking import chunk_text
from knowledge.minilm import count_tokens


def _sentences(topic: str, count: int) -> str:
    return " ".join(
        f"Sentence {i} explains {topic} rule number {i} in plain words." for i in range(count)
    )


def test_each_chunk_carries_its_heading_path() -> None:
    text = (
        "# Card guide\n\n## Fees\n\n"
        + _sentences("fees", 8)
        + "\n\n### Late fees\n\n"
        + _sentences("late fees", 8)
        + "\n\n## Limits\n\n"
        + _sentences("limits", 8)
    )
    chunks = chunk_text(text)
    assert [c.heading for c in chunks] == [
        "Card guide > Fees",
        "Card guide > Fees > Late fees",
        "Card guide > Limits",
    ]
    assert chunks[1].heading_path == ["Card guide", "Fees", "Late fees"]
    assert [c.ordinal for c in chunks] == [0, 1, 2]


def test_long_sections_split_within_the_token_budget_with_overlap() -> None:
    text = "# Policy\n\n" + _sentences("expenses", 120)
    chunks = chunk_text(text, max_tokens=120, overlap_tokens=30)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.token_count <= 120
        assert chunk.token_count == count_tokens([chunk.text])[0]  # counts are exact
    for before, after in itertools.pairwise(chunks):
        # The next chunk repeats the last ~30 tokens: here the last two sentences.
        tail = "\n\n".join(before.text.split("\n\n")[-2:])
        assert after.text.startswith(tail)
    # Nothing is lost: every sentence appears in some chunk.
    joined = " ".join(c.text for c in chunks)
    assert all(f"Sentence {i} explains" in joined for i in range(120))


def test_a_single_huge_sentence_is_still_split() -> None:
    text = "# Table\n\n" + " ".join(f"cell{i}" for i in range(2000))
    chunks = chunk_text(text, max_tokens=200, overlap_tokens=0)
    assert len(chunks) > 5 and all(c.token_count <= 200 for c in chunks)


def test_a_short_intro_is_folded_into_its_first_subsection() -> None:
    text = "# Guide\n\n## Fees\n\nFees are listed below.\n\n### Annual\n\n" + _sentences(
        "annual", 3
    )
    chunks = chunk_text(text)
    assert len(chunks) == 1
    assert chunks[0].heading == "Guide > Fees > Annual"
    assert chunks[0].text.startswith("Fees are listed below.")


def test_text_without_headings_uses_the_title() -> None:
    chunks = chunk_text("Just a paragraph about card limits.", title="Limits memo")
    assert chunks[0].heading_path == ["Limits memo"]


def test_headings_inside_code_fences_are_not_sections() -> None:
    text = "# Setup\n\n```\n# not a heading\nexport X=1\n```\n\nDone."
    chunks = chunk_text(text)
    assert len(chunks) == 1 and "# not a heading" in chunks[0].text
