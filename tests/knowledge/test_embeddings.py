"""MiniLM without torch must match sentence-transformers; the other embedders behave."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import OpenAIEmbedder, build_embedder
from knowledge.minilm import MAX_TOKENS, count_tokens
from tests.support.fake_openai import FakeOpenAI

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "minilm_reference.json").read_text())


async def test_minilm_matches_the_sentence_transformers_reference() -> None:
    embedder = build_embedder("minilm")
    vectors = await embedder.embed(REFERENCE["texts"])
    assert vectors is not None and embedder.dims == 384
    ours = np.array(vectors)
    reference = np.array(REFERENCE["vectors"])
    cosines = (ours * reference).sum(axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(reference, axis=1)
    )
    for text, cosine in zip(REFERENCE["texts"], cosines, strict=True):
        assert cosine >= 0.999, f"cosine {cosine:.5f} for {text[:60]!r}"
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


async def test_text_beyond_the_model_window_is_truncated_like_the_reference() -> None:
    # sentence-transformers keeps the first 256 word pieces ([CLS] and [SEP] included):
    # whatever follows them cannot change the vector.
    long_text = " ".join(REFERENCE["texts"][:5]) * 3
    assert count_tokens([long_text])[0] > MAX_TOKENS
    embedder = build_embedder("minilm")
    vectors = await embedder.embed([long_text, long_text + " Completely unrelated ending."])
    assert vectors is not None
    assert np.allclose(vectors[0], vectors[1], atol=1e-6)


async def test_minilm_vectors_do_not_depend_on_batch_neighbours() -> None:
    embedder = build_embedder("minilm")
    texts = REFERENCE["texts"]
    together = await embedder.embed(texts)
    alone = await embedder.embed([texts[0]])
    assert together is not None and alone is not None
    assert np.allclose(together[0], alone[0], atol=1e-5)
    assert await embedder.embed([]) == []


async def test_similar_sentences_are_closer_than_unrelated_ones() -> None:
    embedder = build_embedder("minilm")
    vectors = await embedder.embed(
        [
            "The annual fee on a business credit card",
            "How much does the card charge each year?",
            "Rotate your passwords after a breach",
        ]
    )
    assert vectors is not None
    fee, question, password = (np.array(v) for v in vectors)
    assert fee @ question > fee @ password


async def test_openai_embedder_calls_the_configured_endpoint(fake_openai: FakeOpenAI) -> None:
    embedder = OpenAIEmbedder(
        api_key="sk-test", base_url=fake_openai.base_url, model="text-embedding-3-small"
    )
    try:
        vectors = await embedder.embed(["annual fee", "late payment"])
    finally:
        await embedder.aclose()
    assert vectors is not None and len(vectors) == 2 and len(vectors[0]) == embedder.dims
    sent = fake_openai.bodies("/embeddings")
    assert sent and sent[0]["input"] == ["annual fee", "late payment"]
    assert sent[0]["model"] == "text-embedding-3-small"


async def test_none_embedder_produces_no_vectors() -> None:
    embedder = build_embedder("none")
    assert embedder.dims is None
    assert await embedder.embed(["anything"]) is None


def test_unknown_kind_and_missing_key_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown embeddings kind"):
        build_embedder("word2vec")
    with pytest.raises(ValueError, match="API key"):
        build_embedder("openai")
